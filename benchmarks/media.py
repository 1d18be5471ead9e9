"""Images: storing a pasted one, and drawing a section that shows one, each next to its baseline.

Per run, in the same process:

- store: ``GuideMedia.add`` of a 1600x900 PNG (about 520 KB, partly noise like a photo: sniff,
  SHA-256, a temporary file and a rename), next to a bare ``Path.write_bytes`` of the same bytes into the same folder;
- add a new picture: ``GuideMedia.add`` of fresh bytes each run (nothing to find already stored);
- render: ``MarkdownView.show_markdown`` of a section with that image (decoded once, then cached),
  next to the same text without the image;
- first render: the same, with the decode cache cleared each run (a section shown the first time).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/media.py [--runs 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from studyguide.store.media import GuideMedia
    from studyguide.ui.widgets import media_images
    from studyguide.ui.widgets.markdown_view import MarkdownView

    def picture(seed: int) -> bytes:
        image = QImage(1600, 900, QImage.Format.Format_RGB32)
        image.fill(QColor(40, 90, 160))
        noise = QImage(os.urandom(480 * 360 * 4), 480, 360, QImage.Format.Format_RGB32)  # a photo's worth
        painter = QPainter(image)
        painter.drawImage(100, 100, noise)
        painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, f"map {seed}")
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())

    with tempfile.TemporaryDirectory() as tmp:
        media = GuideMedia(Path(tmp) / "g.media")
        data = picture(0)
        fresh = iter([picture(i) for i in range(1, runs + 1)])
        counter = iter(range(10**9))
        print(f"PNG of {len(data) / 1024:.0f} KB, {runs} runs; median / p95 in ms")
        store = _ms(lambda: media.add(data, "map.png"), runs)
        new = _ms(lambda: media.add(next(fresh), "map.png"), runs)
        bare = _ms(lambda: (Path(tmp) / f"bare-{next(counter)}.png").write_bytes(data), runs)
        print(f"store (same bytes again)  {store[0]:7.2f} / {store[1]:7.2f}")
        print(f"store (a new picture)     {new[0]:7.2f} / {new[1]:7.2f}")
        print(f"bare write_bytes          {bare[0]:7.2f} / {bare[1]:7.2f}")
        name = media.add(data, "map.png")
        view = MarkdownView()
        view.resize(900, 600)
        view.show()
        view.set_media(media.path)
        body = "# Missiles\n\n" + "Words of the section. " * 60
        with_image = body + f"\n\n![the map](media/{name})\n\n" + body

        def render(text: str) -> None:
            view.show_markdown(text)
            view.viewport().repaint()
            app.processEvents()

        def first(text: str) -> None:
            media_images._decoded.cache_clear()
            render(text)

        shown = _ms(lambda: render(with_image), runs)
        plain = _ms(lambda: render(body + "\n\n" + body), runs)
        cold = _ms(lambda: first(with_image), runs)
        print(f"render with the image     {shown[0]:7.2f} / {shown[1]:7.2f}")
        print(f"render, first time shown  {cold[0]:7.2f} / {cold[1]:7.2f}")
        print(f"render without an image   {plain[0]:7.2f} / {plain[1]:7.2f}")


if __name__ == "__main__":
    main()
