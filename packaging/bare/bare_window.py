"""A bare PySide6 window: the yardstick StudyGuide's frozen size and start-up are measured against.

The same widgets the app's views rest on (a list, a Markdown text browser, a
graphics view), frozen with the same rules (packaging/bare.spec); it quits at
its first paint and prints when that was, like ``StudyGuide --smoke-test``.

With ``BARE_CONTENT`` naming a JSON file (``{"titles": [...], "markdown": "..."}``)
it shows that content, the same size as the guide StudyGuide opens: the list
filled with the section titles and the first section's Markdown rendered. Its
first frame is then a "usable" window to compare StudyGuide's with, stamped as
StudyGuide stamps its usable frame: once that frame is painted (the first-paint
stamp is taken as its painting begins, as StudyGuide's first paint is).
"""

import json
import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsView, QListWidget, QSplitter, QTextBrowser


class _QuitAtFirstPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted_epoch: float | None = None
        self.done_epoch: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.painted_epoch is None:
            self.painted_epoch = time.time()  # the frame's painting begins
            QTimer.singleShot(0, self.done)  # runs once the whole frame is painted
        return False

    def done(self) -> None:
        self.done_epoch = time.time()
        self.app.quit()


def main() -> int:
    app = QApplication([])
    window = QSplitter()
    browser = QTextBrowser()
    listing = QListWidget()
    content_file = os.environ.get("BARE_CONTENT")
    if content_file:
        with open(content_file, encoding="utf-8") as handle:
            content = json.load(handle)
        listing.addItems(content["titles"])
        listing.setCurrentRow(0)
        browser.setMarkdown(content["markdown"])
    else:
        browser.setMarkdown("# Bare window\n\nA *list*, a text browser and a graphics view.")
    for widget in (listing, browser, QGraphicsView()):
        window.addWidget(widget)
    window.resize(1280, 800)
    watcher = _QuitAtFirstPaint(app)
    window.installEventFilter(watcher)
    window.show()
    code = app.exec()
    if watcher.painted_epoch is not None:  # the same stamps as StudyGuide --smoke-test prints
        print(f"bare window: first paint at unix time {watcher.painted_epoch:.6f}"
              + (f", usable at {watcher.done_epoch or watcher.painted_epoch:.6f}" if content_file else ""))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
