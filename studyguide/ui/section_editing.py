"""Editing a user's guide in the Sections view: add, rename, delete and reorder sections, and
the Edit toggle (Ctrl+E) that swaps the reader for the Markdown editor with its live preview.

The bundled guide stays read-only: its Edit toggle is disabled and says how to get a copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from studyguide.ui.widgets.media_images import guide_resolver

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from studyguide.domain.changes import Changes
    from studyguide.ui.section_editor import SectionEditor
    from studyguide.ui.sections import SectionsView
    from studyguide.ui.services import GuideReading
    from studyguide.ui.writing import Writing

READ_ONLY_TIP = "Make an editable copy (File menu) to edit this guide"


class SectionEditing(QObject):
    """Adds the section actions and the editor to a ``SectionsView``.

    Made in two steps: the Edit button above the reader is part of the window's first frame (made
    here, disabled); the editor, the actions and their keys come with ``finish``, right after that
    frame (its modules, actions and key sequences are not needed to draw it).

    Args:
        view: The Sections view (its reader is put in a stack with the editor).
        library: The library (what the guide's sections say now).
    """

    def __init__(self, *, view: SectionsView, library: GuideReading) -> None:
        super().__init__(view)
        self.view = view
        self._library = library
        self._made: tuple[SectionEditor, Writing] | None = None  # by ``finish``
        self.stack = QStackedWidget()
        splitter = view.text.parentWidget()
        assert isinstance(splitter, QSplitter)
        index = splitter.indexOf(view.text)
        self.stack.addWidget(view.text)
        self.edit_button = QToolButton()
        self.edit_button.setText("Edit")
        self.edit_button.setCheckable(True)
        self.edit_button.setAccessibleName("Edit section")
        # Beside Edit, for the mouse: a new guide's empty page named only the key (Ctrl+Shift+N).
        self.add_button = QToolButton()
        self.add_button.setText("Add Section\u2026")
        self.add_button.setToolTip("Add a section at the end of this guide (Ctrl+Shift+N)")
        self.add_button.hide()  # shown for a guide of the user's, once ``finish`` has made the actions
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        pane = QWidget()
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(bar)
        column.addWidget(self.stack, 1)
        splitter.insertWidget(index, pane)
        splitter.setStretchFactor(index, 1)
        view.section_selected.connect(self._follow)
        self.update_enabled()

    def finish(self, writing: Writing) -> None:
        """Make the editor, the section actions (with their keys) and the list's menu, and enable them.

        Args:
            writing: The window's authoring writes.
        """
        from PySide6.QtCore import Qt

        from studyguide.ui.section_editor import SectionEditor

        view = self.view
        self._made = (SectionEditor(save=self._save), writing)
        self.stack.addWidget(self.editor)
        self.edit_button.toggled.connect(self.set_editing)
        self.add_button.clicked.connect(self.add_section)
        self.edit_action = self._action(view, "Edi&t Section", "Ctrl+E", self.edit_button.toggle)
        self.add_action = self._action(view, "Add &Section\u2026", "Ctrl+Shift+N", self.add_section)
        self.rename_action = self._action(view.list, "&Rename Section\u2026", "F2", self.rename_section)
        self.delete_action = self._action(view.list, "&Delete Section", "Del", self.delete_section)
        self.up_action = self._action(view.list, "Move Section Up", "Alt+Up", lambda: self.move(-1))
        self.down_action = self._action(view.list, "Move Section Down", "Alt+Down", lambda: self.move(1))
        view.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.model.move_requested.connect(self.move_to)
        self.update_enabled()

    def add_to(self, menu: QMenu, show_sections: Callable[[], None]) -> None:
        """Put Add, Edit, Rename and Delete Section in ``menu``, the first two's keys working from any view: the
        Sections view is shown first (a new guide's page tells the user to press Ctrl+Shift+N,
        when the focus may be anywhere)."""
        from PySide6.QtCore import Qt

        menu.addSeparator()
        for action, slot in ((self.add_action, self.add_section), (self.edit_action, self.edit_button.toggle),
                             (self.rename_action, self.rename_section), (self.delete_action, self.delete_section)):
            # Rename and Delete were only in the list's right-click menu: in no menu to be found. Their keys
            # (F2, Del) stay the list's own, so Del in the editor deletes a character, never a section.
            if action in (self.add_action, self.edit_action):
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.disconnect()
            action.triggered.connect(show_sections)
            action.triggered.connect(slot)
            menu.addAction(action)

    def _action(self, widget: QWidget, text: str, key: str, slot) -> QAction:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, widget)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        widget.addAction(action)
        return action

    @property
    def finished(self) -> bool:
        """Whether the editor and the actions are made (``finish``)."""
        return self._made is not None

    @property
    def editor(self) -> SectionEditor:
        """The Markdown editor (made by ``finish``)."""
        assert self._made is not None, "the editor is made after the first frame (finish)"
        return self._made[0]

    @property
    def _writing(self) -> Writing:
        assert self._made is not None, "writing comes with the editor (finish)"
        return self._made[1]

    @property
    def guide_id(self) -> str | None:
        return self.view.guide_id

    def editable(self) -> bool:
        """Whether the guide on screen is the user's own (writable)."""
        return self.guide_id is not None and self._library.is_user_guide(self.guide_id)

    def update_enabled(self) -> None:
        """Enable the actions for a user's guide; the bundled guide stays read-only."""
        editable = self.editable()
        has_section = self.view.current_section_id() is not None
        self.edit_button.setEnabled(editable and has_section)
        if not self.edit_button.isChecked():
            self.edit_button.setToolTip("Edit this section (Ctrl+E)" if editable else READ_ONLY_TIP)
        if not self.finished:  # the first frame's button only (``finish`` makes the rest)
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractItemView

        self.edit_action.setEnabled(editable and has_section)
        self.add_action.setEnabled(editable)
        self.add_button.setVisible(editable)
        for action in (self.rename_action, self.delete_action, self.up_action, self.down_action):
            action.setEnabled(editable and has_section)
        self.view.set_movable(editable)  # drag to reorder: a user's guide only
        self.view.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop if editable
                                       else QAbstractItemView.DragDropMode.NoDragDrop)
        self.view.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.list.setDropIndicatorShown(editable)
        if not (editable and has_section) and self.edit_button.isChecked():
            self.edit_button.setChecked(False)

    # The editor ------------------------------------------------------------------------

    def set_editing(self, on: bool) -> None:
        """Show the editor (True) or the reader."""
        if on and not self.editable():
            self.edit_button.setChecked(False)
            return
        # Checked, the button looked as it did unchecked: it says how to get back to the reader.
        self.edit_button.setText("Done" if on else "Edit")
        self.edit_button.setToolTip("Back to reading; what you typed is saved (Ctrl+E)" if on
                                    else "Edit this section (Ctrl+E)")
        if on:
            self._load_current()
            self.stack.setCurrentWidget(self.editor)
            self.editor.body.setFocus()
        else:
            self.editor.end_burst()
            self.stack.setCurrentWidget(self.view.text)
            self.view.refresh()

    def _load_current(self) -> None:
        section_id = self.view.current_section_id()
        if self.guide_id is None or section_id is None:
            return
        section = self._library.content(self.guide_id).section(section_id)
        if section is not None:
            guide = self.guide_id
            self.editor.set_media(lambda data, hint: self._writing.authoring.add_media(guide, data, hint),
                                  guide_resolver(self._library, guide))
            self.editor.load(section.id, section.body, section.sources,
                             self._writing.authoring.section_tags(self.guide_id, section.id))

    def on_changes(self, changes: Changes, initiator: object) -> None:
        """Show in the open editor what an undo, a redo or another view changed (not this view's
        own saves, and never over text typed and not yet saved)."""
        editor = self.editor
        if (initiator is self.view or not changes.content or not self.edit_button.isChecked() or editor.dirty
                or self.guide_id is None or editor.section_id is None):
            return
        section = self._library.content(self.guide_id).section(editor.section_id)
        tags = self._writing.authoring.section_tags(self.guide_id, editor.section_id) if section else ()
        if section is None or (section.body, list(section.sources), list(tags)) == editor.values():
            return  # it shows that already (the editor's own save, whoever ran it)
        at = editor.body.textCursor().position()
        self._load_current()
        cursor = self.editor.body.textCursor()
        cursor.setPosition(min(at, len(self.editor.body.toPlainText())))
        self.editor.body.setTextCursor(cursor)

    def _follow(self) -> None:
        self.update_enabled()
        if self.finished and self.edit_button.isChecked() and self.view.current_section_id() != self.editor.section_id:
            self._load_current()

    def _save(self, section_id: str, body: str, sources: list[str], tags: list[str]) -> bool:
        if self.guide_id is None:
            return True
        guide, burst = self.guide_id, self.editor.burst
        return self._writing.write(self.view, lambda a: a.edit_section(guide, section_id, body=body, sources=sources,
                                                                       tags=tags, burst=burst),
                                   parent=self.view, title="The section was not saved") is not None

    # Sections --------------------------------------------------------------------------

    def _written(self, select: str | None) -> None:
        self.view.refresh()
        if select:
            self.view.show_section(select)
        self.update_enabled()

    def add_section(self) -> None:
        """Ask for a title, add a section at the end and open it in the editor (Ctrl+Shift+N)."""
        if not self.editable() or self.guide_id is None:
            return
        from studyguide.ui.widgets import text_prompt

        title, ok = text_prompt.ask_text(self.view, "Add Section", "Title of the new section:")
        if not ok or not title.strip():
            return
        guide = self.guide_id
        added = self._writing.write(self.view, lambda a: a.add_section(guide, title), parent=self.view,
                                    title="The section was not added")
        if added is not None:
            self._written(added.ids[0])
            # A new section is empty: it opens in the editor, ready for its text (the reader showed
            # only its title, and the user had to find Ctrl+E).
            self.edit_button.setChecked(True)
            self.editor.body.setFocus()

    def rename_section(self) -> None:
        """Give the selected section a new title (F2)."""
        section_id = self.view.current_section_id()
        if not self.editable() or self.guide_id is None or section_id is None:
            return
        section = self._library.content(self.guide_id).section(section_id)
        old = section.title if section is not None else ""
        from studyguide.ui.widgets import text_prompt

        title, ok = text_prompt.ask_text(self.view, "Rename Section", "New title:", old)
        if not ok or not title.strip() or title == old:
            return
        guide = self.guide_id
        if self._writing.write(self.view, lambda a: a.rename_section(guide, section_id, title), parent=self.view,
                               title="The section was not renamed") is not None:
            self._written(section_id)

    def delete_section(self) -> None:
        """Delete the selected section with its cards and events (Del; Edit > Undo brings it back)."""
        section_id = self.view.current_section_id()
        if not self.editable() or self.guide_id is None or section_id is None:
            return
        row = self.view.list.currentIndex().row()
        self.editor.save_now()
        guide = self.guide_id
        if self._writing.write(self.view, lambda a: a.delete_section(guide, section_id), parent=self.view,
                               title="The section was not deleted") is not None:
            self.view.refresh()
            row = max(0, min(row, self.view.model.rowCount() - 1))
            self.view.list.setCurrentIndex(self.view.list.model().index(row, 0))
            self.update_enabled()

    def move(self, step: int) -> None:
        """Move the selected section up (-1, Alt+Up) or down (+1, Alt+Down)."""
        section_id = self.view.current_section_id()
        row = self.view.list.currentIndex().row()
        if section_id is not None and 0 <= row + step < self.view.model.rowCount():
            self._move(section_id, row + step)

    def move_to(self, section_id: str, before: int) -> None:
        """A section dragged in the list, dropped before row ``before`` (the same undoable move)."""
        row = self.view.model.row_of(section_id)
        index = before - 1 if before > row else before
        if row >= 0 and index != row:
            self._move(section_id, index)

    def _move(self, section_id: str, index: int) -> None:
        if not self.editable() or self.guide_id is None:
            return
        guide = self.guide_id
        if self._writing.write(self.view, lambda a: a.move_section(guide, section_id, index),
                               parent=self.view, title="The section was not moved") is not None:
            self._written(section_id)
