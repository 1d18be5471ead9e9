"""Adding and editing events in a user's guide: Add Event… (Ctrl+Shift+E) in the Timeline and
Sections views, and Edit Event… for the event selected on the timeline. Each save is an
undoable operation; the timeline shows the event at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QPushButton

from studyguide.domain.changes import Changes
from studyguide.ui.event_dialog import EventDialog, EventFields
from studyguide.ui.timeline_toolbar import TimelineToolbar

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from studyguide.ui.sections import SectionsView
    from studyguide.ui.services import GuideReading
    from studyguide.ui.timeline import TimelineView
    from studyguide.ui.writing import Writing


class EventEditing(QObject):
    """The event commands of the Timeline and Sections views.

    Args:
        timeline: The Timeline view (it gets Add Event and Edit Event buttons).
        sections: The Sections view (Ctrl+Shift+E adds an event to the section shown).
        writing: The window's authoring writes.
        library: The library.
    """

    def __init__(self, *, timeline: TimelineView, sections: SectionsView, writing: Writing,
                 library: GuideReading) -> None:
        super().__init__(timeline)
        self.timeline = timeline
        self.sections = sections
        self._writing = writing
        self._library = library
        self.dialog: EventDialog | None = None
        self._drafts: dict[str, EventFields] = {}  # by guide: an Add Event closed with something typed
        self.add_button = QPushButton("Add Event\u2026")
        self.add_button.setToolTip("Add an event to this guide (Ctrl+Shift+E)")
        self.add_button.clicked.connect(lambda: self.add_event())
        self.edit_button = QPushButton("Edit Event\u2026")
        self.edit_button.setToolTip("Change the selected event")
        self.edit_button.clicked.connect(self.edit_event)
        layout = timeline.layout()
        first = layout.itemAt(0) if layout is not None else None
        toolbar = first.widget() if first is not None else None
        assert isinstance(toolbar, TimelineToolbar), "the timeline's first row is its toolbar"
        toolbar.add_button(self.add_button)
        toolbar.add_button(self.edit_button)
        # One action for both views (it adds to the section shown in Sections); ``add_to`` puts it in a menu,
        # where its key works from any view.
        self.add_action = QAction("Add &Event\u2026", timeline)
        self.add_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_action.triggered.connect(lambda: self.add_event())
        for view in (timeline, sections):
            view.addAction(self.add_action)
        timeline.event_selected.connect(lambda _id: self.update_enabled())
        self.update_enabled()

    def add_to(self, menu: QMenu) -> None:
        """Put Add Event in ``menu`` (the Cards menu), its key working from every view (it worked in the
        Timeline and Sections only, and was in no menu)."""
        self.add_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        menu.addAction(self.add_action)
        self.update_enabled()

    def on_changes(self, changes: Changes) -> None:
        """Show an undone or redone event on the timeline at once when it is on screen."""
        if (changes.content or changes.guides) and self.timeline.isVisible() and self.timeline._dirty:
            selected = self.timeline.selected_event_id
            self.timeline.refresh()
            if selected is not None:
                self.timeline.select_event(selected, bring_into_view=False)
        self.update_enabled()

    def _guide(self) -> str | None:
        guide_id = self.timeline._guide_id or self.sections.guide_id
        return guide_id if guide_id and self._library.is_user_guide(guide_id) else None

    def update_enabled(self) -> None:
        """Offer the commands on a user's guide only (the bundled guide is read-only)."""
        guide = self._guide()
        self.add_action.setEnabled(guide is not None)
        self.add_button.setVisible(guide is not None)
        self.edit_button.setVisible(guide is not None)
        self.edit_button.setEnabled(guide is not None and self.timeline.selected_event_id is not None)

    def _lanes(self, guide: str) -> list[str]:
        return sorted({e.lane for e in self._library.content(guide).events() if e.lane})

    def add_event(self, section_id: str | None = None, fields: EventFields | None = None) -> EventDialog | None:
        """Open the Add Event dialog (prefilled with ``fields``, or the section shown)."""
        guide = self._guide()
        if guide is None:
            return None
        sections = self._library.content(guide).section_titles()
        start = (fields or self._drafts.pop(guide, None)
                 or EventFields("", section_id or self.sections.current_section_id() or "", "", "", ""))

        def save(f: EventFields) -> None:
            added = self._writing.write(self.timeline, lambda a: a.add_event(guide, f.section_id, f.title, f.when,
                                                                            f.description, f.lane))
            if added is not None:
                self._show(added.ids[0])

        dialog = EventDialog(sections=sections, save=save, lanes=self._lanes(guide), fields=start,
                             parent=self.timeline.window())
        dialog.rejected.connect(lambda: self._keep_draft(guide, dialog.fields()))
        return self._open(dialog)

    def _keep_draft(self, guide: str, fields: EventFields) -> None:
        """An event half written and closed (Escape, Cancel) opens again with the next Add Event (it was lost)."""
        if fields.title.strip() or fields.when.strip() or fields.description.strip():
            self._drafts[guide] = fields
            window = self.timeline.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(
                    "The event you were writing is kept: Add Event (Ctrl+Shift+E) opens it again.", 8000)

    def edit_event(self) -> EventDialog | None:
        """Open the selected event in the Edit Event dialog."""
        guide, event_id = self._guide(), self.timeline.selected_event_id
        if guide is None or event_id is None:
            return None
        event = next((e for e in self._library.content(guide).events() if e.id == event_id), None)
        if event is None:
            return None

        def save(f: EventFields) -> None:
            self._writing.write(self.timeline, lambda a: a.edit_event(guide, event_id, title=f.title, when=f.when,
                                                                     description=f.description, lane=f.lane))
            self._show(event_id)

        fields = EventFields(event.title, event.section_id, event.when.label(), event.lane, event.description)
        return self._open(EventDialog(sections=self._library.content(guide).section_titles(), save=save,
                                      lanes=self._lanes(guide), fields=fields, editing=True,
                                      parent=self.timeline.window()))

    def _open(self, dialog: EventDialog) -> EventDialog:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _show(self, event_id: str) -> None:
        self.timeline.refresh()
        if self.timeline.isVisible():
            self.timeline.select_event(event_id)
        self.sections.refresh()
        self.update_enabled()
