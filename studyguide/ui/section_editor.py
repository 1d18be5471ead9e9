"""The section editor: Markdown on the left, its live preview on the right, sources below.

Saved as you type: one second after typing stops (a single-shot timer restarted on every
keystroke), and at once when the focus leaves the editor. Each save is handed to ``save``
(an undoable operation of the window: "Undo Edit Section"). An image pasted (Ctrl+V) or
inserted (Ctrl+Shift+I) is stored in the guide's media folder and typed as ``![](media/NAME)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from studyguide.ui.widgets.markdown_edit import MarkdownEdit, MediaStore
from studyguide.ui.widgets.markdown_keys import steps_out_of
from studyguide.ui.widgets.markdown_view import MarkdownView
from studyguide.ui.widgets.media_images import Resolver

#: Milliseconds after the last keystroke before the text is saved.
SAVE_DELAY_MS = 1000

#: Called with (section id, body, sources, tags) to save; False when it was not saved (the reason told).
Save = Callable[[str, str, list[str], list[str]], bool]


class SectionEditor(QWidget):
    """Edits one section's Markdown body and sources.

    Args:
        save: Writes (section id, body, sources); called at most a second after typing stops.

    Signals:
        saved(str): A section's text was handed to ``save`` (its id).
    """

    saved = Signal(str)

    def __init__(self, *, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self._section_id: str | None = None
        self._dirty = False
        #: Which spell of editing the saves belong to: one per section opened in the editor, so
        #: its autosaves make one undo step (see ``operations.Done.burst``).
        self.burst = 0
        self.body = MarkdownEdit()
        self.body.setAccessibleName("Section text (Markdown)")
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText("Write this section in Markdown: **bold**, *italic*, \"- \" starts a list "
                                     "item, [words](https://\u2026) make a link. It is saved as you type.")
        self.preview = MarkdownView()
        self.preview.setAccessibleName("Preview")
        self.sources = QPlainTextEdit()
        self.sources.setAccessibleName("Sources, one per line")
        self.sources.setPlaceholderText("Sources, one per line")
        self.sources.setTabChangesFocus(True)
        self.sources.setMaximumHeight(90)
        self.tags = QLineEdit()
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("space-separated, e.g. cold-war berlin (search finds them with tag:NAME)")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)
        self.body.textChanged.connect(self._on_typed)
        self.sources.textChanged.connect(self._on_typed)
        self.tags.textEdited.connect(self._on_typed)
        self.toolbar = QToolBar("Format")
        self.actions_by_name: dict[str, QAction] = {}
        self._keys: dict[str, QAction] = {}
        for name, text, key, slot in (
            ("bold", "Bold", "Ctrl+B", lambda: self.wrap("**")),
            ("italic", "Italic", "Ctrl+I", lambda: self.wrap("*")),
            ("heading", "Heading", "Ctrl+Shift+H", lambda: self.prefix_lines("## ")),
            ("list", "List", "Ctrl+Shift+L", lambda: self.prefix_lines("- ")),
            ("link", "Link", "Ctrl+K", self.link),
            ("image", "Image\u2026", "Ctrl+Shift+I", lambda: self.body.insert_image_file()),
        ):
            action = QAction(text, self)
            action.setToolTip(f"{text} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
            action.triggered.connect(slot)
            self.toolbar.addAction(action)
            self.actions_by_name[name] = action
            self._keys[QKeySequence(key).toString()] = action
        # The keys are the text box's own (taken before the window's shortcuts), so Ctrl+I
        # is italic while typing and stays File > Import everywhere else.
        self.body.installEventFilter(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.body)
        split.addWidget(self.preview)
        split.setSizes([500, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(split, 1)
        layout.addWidget(QLabel("Sources (one per line):"))
        layout.addWidget(self.sources)
        tags_row = QHBoxLayout()
        tags_label = QLabel("T&ags:")
        tags_label.setBuddy(self.tags)
        tags_row.addWidget(tags_label)
        tags_row.addWidget(self.tags, 1)
        layout.addLayout(tags_row)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.body and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            action = self._keys.get(QKeySequence(event.keyCombination()).toString())
            if action is not None:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    action.trigger()
                return event.type() == QEvent.Type.KeyPress
        return super().eventFilter(watched, event)

    @property
    def section_id(self) -> str | None:
        """The section being edited, or None."""
        return self._section_id

    def set_media(self, store: MediaStore | None, resolve: Resolver | None) -> None:
        """Where pasted and inserted images go, and where the preview finds them (the guide's folder)."""
        self.body.media_store = store
        self.preview.set_media(resolve)
        self.actions_by_name["image"].setEnabled(store is not None)

    def load(self, section_id: str, body: str, sources: Sequence[str], tags: Sequence[str] = ()) -> None:
        """Edit another section (what was typed in the last one is saved first)."""
        self.save_now()
        self.burst += 1
        self._section_id = section_id
        for edit, text in ((self.body, body), (self.sources, "\n".join(sources))):
            edit.blockSignals(True)
            edit.setPlainText(text)
            edit.blockSignals(False)
        self.tags.setText(" ".join(tags))
        self._dirty = False
        self._render()

    def _on_typed(self) -> None:
        self._dirty = True
        self._render()
        self.timer.start()  # restarted on each keystroke

    def _render(self) -> None:
        self.preview.show_markdown(self.body.toPlainText())

    def _on_focus(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is not None and self._dirty and (old is self.body or old is self.sources or old is self.tags):
            self.save_now()

    def values(self) -> tuple[str, list[str], list[str]]:
        """(body, sources, tags) as the editor holds them."""
        sources = [line.strip() for line in self.sources.toPlainText().splitlines() if line.strip()]
        return self.body.toPlainText(), sources, self.tags.text().replace(",", " ").split()

    @property
    def dirty(self) -> bool:
        """Whether text was typed that is not saved yet."""
        return self._dirty

    def end_burst(self) -> None:
        """Save what was typed; later saves make a new undo step (the editor was closed)."""
        self.save_now()
        self.burst += 1

    def save_now(self) -> None:
        """Save what was typed, if anything (each call one undoable step)."""
        self.timer.stop()
        if not self._dirty or self._section_id is None:
            return
        self._dirty = False
        body, sources, tags = self.values()
        if not self._save(self._section_id, body, sources, tags):
            self._dirty = True  # not saved (a full disk): the next keystroke or focus change tries again
            return
        self.saved.emit(self._section_id)

    # Formatting ------------------------------------------------------------------------

    def wrap(self, mark: str) -> None:
        """Put ``mark`` around the selection (or an empty pair at the cursor)."""
        cursor = self.body.textCursor()
        text = cursor.selectedText()
        line, at = cursor.block().text(), cursor.positionInBlock()
        if not text and steps_out_of(mark, line[:at], line[at:]):  # pressed again after the word: out of the pair
            cursor.movePosition(QTextCursor.MoveOperation.Right, n=len(mark))
            self.body.setTextCursor(cursor)
            self.body.setFocus()
            return
        cursor.insertText(f"{mark}{text}{mark}")
        if not text:
            cursor.movePosition(QTextCursor.MoveOperation.Left, n=len(mark))
            self.body.setTextCursor(cursor)
        self.body.setFocus()

    def prefix_lines(self, prefix: str) -> None:
        """Start the selected lines (or the cursor's line) with ``prefix``."""
        cursor = self.body.textCursor()
        start, end = sorted((cursor.position(), cursor.anchor()))
        cursor.beginEditBlock()
        cursor.setPosition(end)
        last = cursor.blockNumber()
        cursor.setPosition(start)
        while True:
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.insertText(prefix)
            if cursor.blockNumber() >= last or not cursor.movePosition(QTextCursor.MoveOperation.NextBlock):
                break
        cursor.endEditBlock()
        self.body.setFocus()

    def link(self) -> None:
        """Make the selection a link: ``[text](https://)``, with ``https://`` selected, so an address
        pasted or typed whole replaces it (it was added to: ``https://https://…``)."""
        cursor = self.body.textCursor()
        text = cursor.selectedText() or "text"
        cursor.insertText(f"[{text}](https://)")
        cursor.movePosition(QTextCursor.MoveOperation.Left)
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len("https://"))
        self.body.setTextCursor(cursor)
        self.body.setFocus()
