"""The card browser's writes to a user's guide: open a card in the editor, move cards to a
section, add or remove tags, delete cards. Each runs through the window's ``Writing`` (so it is
one step of Edit > Undo); the bundled guide's cards are read-only here, and it says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from studyguide.ui.move_dialog import MoveDialog
    from studyguide.ui.tag_dialog import TagDialog

READ_ONLY = ("Only cards of your own guides can be {what}. The bundled guide's cards are read-only: "
             "make an editable copy of it first (File menu).")


class BrowserEditing:
    """Adds Edit Card, Move to Section, Add/Remove Tags and Delete to a browser's Cards menu.

    Args:
        browser: The browser window (``ui.browser.BrowserWindow``; not imported: it imports this).
        writing: The window's ``ui.writing.Writing``.
        edit_card: Opens the card editor on (guide id, card id); False if it cannot.
    """

    def __init__(self, *, browser: Any, writing: Any, edit_card: Callable[[str, str], bool] | None) -> None:
        self.browser = browser
        self.writing = writing
        self.edit_card = edit_card

    def add_to(self, menu: QMenu) -> None:
        menu.addSeparator()
        for text, keys, slot in (("&Edit Card\u2026", "Ctrl+E", self.edit_current),
                                 ("&Move to Section\u2026", "Ctrl+Shift+M", self.ask_section),
                                 ("&Add Tags\u2026", "Ctrl+Shift+A", lambda: self.ask_tags(add=True)),
                                 ("&Remove Tags\u2026", "Ctrl+Alt+Shift+A", lambda: self.ask_tags(add=False)),
                                 ("&Delete", "Ctrl+Delete", self.delete)):
            self.browser.add_action(menu, text, QKeySequence(keys), slot)

    def _one_guide(self, what: str) -> tuple[str, list[str]] | None:
        """The selected cards' guide and ids, when they are all of one user's guide; else says why."""
        keys = [self.browser.model.key(r) for r in self.browser.selected_rows()]
        if not keys:
            return None
        guides = {g for g, _ in keys}
        if len(guides) > 1:
            self.browser.tell(f"Choose cards of one guide to {what} them.")
            return None
        guide_id = keys[0][0]
        if not self.browser.library.is_user_guide(guide_id):
            self.browser.tell(READ_ONLY.format(what=f"{what}d" if what.endswith("e") else f"{what}ed"))
            return None
        return guide_id, [c for _, c in keys]

    def edit_current(self) -> None:
        """Open the current card in the card editor (its note, as E does in the reviewer)."""
        row = self.browser.table.currentIndex().row()
        if row < 0 or self.edit_card is None:
            return
        guide_id, card_id = self.browser.model.key(row)
        if not self.edit_card(guide_id, card_id):
            self.browser.tell(READ_ONLY.format(what="opened in the editor"))

    def move_dialog(self) -> MoveDialog | None:
        """The Move to Section dialog for the selected cards, not shown (None, and why, when they cannot move)."""
        from studyguide.ui.move_dialog import MoveDialog

        chosen = self._one_guide("move")
        if chosen is None:
            return None
        titles = self.browser.library.content(chosen[0]).section_titles()
        return MoveDialog(count=len(chosen[1]), sections=titles, parent=self.browser)

    def ask_section(self) -> None:
        """Ask which section the selected cards move to, and move them as one undoable step."""
        dialog = self.move_dialog()
        if dialog is not None and dialog.exec() == dialog.DialogCode.Accepted and dialog.section_id():
            self.move_to(str(dialog.section_id()))

    def move_to(self, section_id: str) -> None:
        """Move the selected cards (of one user's guide) to a section, as one undoable step."""
        chosen = self._one_guide("move")
        if chosen is not None:
            self.writing.write(self.browser, lambda a: a.edit_cards(chosen[0], chosen[1], section_id=section_id),
                               parent=self.browser, title="Not moved")

    def tag_dialog(self, *, add: bool) -> TagDialog | None:
        """The Add Tags (or Remove Tags) dialog for the selected cards, not shown; None (and why, said) when they
        cannot be tagged or, removing, have no tag."""
        from studyguide.ui.tag_dialog import TagDialog

        chosen = self._one_guide("tag")
        if chosen is None:
            return None
        guide_id, card_ids = chosen
        on_cards = tuple(dict.fromkeys(tag for row in self.browser.library.cards.rows([(guide_id, c) for c in card_ids])
                                       for tag in row.tags))
        if not add and not on_cards:
            self.browser.tell("The selected cards have no tags to remove." if len(card_ids) > 1
                              else "The selected card has no tags to remove.")
            return None
        known = self.browser.library.content(guide_id).tag_names() if add else on_cards
        return TagDialog(add=add, count=len(card_ids), known=known, on_cards=on_cards, parent=self.browser)

    def ask_tags(self, *, add: bool) -> None:
        """Ask for tags to add to (or remove from) the selected cards, and change them as one undoable step."""
        dialog = self.tag_dialog(add=add)
        if dialog is not None and dialog.exec() == dialog.DialogCode.Accepted and dialog.tags():
            self.change_tags(add=dialog.tags() if add else (), remove=() if add else dialog.tags())

    def change_tags(self, *, add: Any = (), remove: Any = ()) -> None:
        """Add and remove tags of the selected cards (of one user's guide), as one undoable step."""
        chosen = self._one_guide("tag")
        if chosen is not None:
            self.writing.write(self.browser, lambda a: a.edit_cards(chosen[0], chosen[1], add_tags=add,
                                                                    remove_tags=remove),
                               parent=self.browser, title="Tags not changed")

    def delete(self) -> None:
        """Delete the selected cards (of one user's guide), as one undoable step."""
        chosen = self._one_guide("delete")
        if chosen is not None:
            self.writing.write(self.browser, lambda a: a.delete_cards(chosen[0], chosen[1]),
                               parent=self.browser, title="Not deleted")
