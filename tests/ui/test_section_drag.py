"""Dragging a section to another place in the Sections list (issue 15): the same undoable move as
Alt+Up/Down, for a user's guide only.

Qt's drag loop (``QDrag.exec``) cannot be driven with synthetic mouse events on the offscreen
platform, so the drop is delivered as Qt delivers it: QDragEnterEvent, QDragMoveEvent and
QDropEvent on the list's viewport, carrying the mime data the list's own model makes for the
dragged row. The view then computes the drop row and calls the model's ``dropMimeData``.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication

from tests.ui.test_section_editing import guide, window  # noqa: F401  (fixtures)


def _titles(win) -> list[str]:
    model = win.sections.model
    return [model.index(r, 0).data(model.SectionRole) for r in range(model.rowCount())]


def drop(win, row: int, at: QPoint) -> None:
    """Drag row ``row`` of the Sections list and drop it at ``at`` (viewport coordinates)."""
    view = win.sections.list
    data = view.model().mimeData([view.model().index(row, 0)])
    actions = Qt.DropAction.MoveAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, actions, data, buttons, keys)
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(at, actions, data, buttons, keys)
    QApplication.sendEvent(view.viewport(), move)
    assert move.isAccepted()
    QApplication.sendEvent(view.viewport(), QDropEvent(QPointF(at), actions, data, buttons, keys))


def test_a_section_dragged_below_another_moves_there_and_undo_puts_it_back(  # noqa: F811
        qtbot, window, authoring, guide):  # noqa: F811
    authoring.add_section(guide, "Aftermath")
    window.sections.refresh()
    view = window.sections.list
    assert view.dragDropMode() == QAbstractItemView.DragDropMode.DragDrop and view.dragEnabled()
    assert _titles(window) == ["origins", "crisis", "aftermath"]
    last = view.visualRect(view.model().index(2, 0))

    drop(window, 0, QPoint(last.center().x(), last.bottom() - 1))  # below the last row

    assert _titles(window) == ["crisis", "aftermath", "origins"]
    assert window.sections.current_section_id() == "origins"
    assert window.undo_action.text() == "&Undo Move Section"
    second = view.visualRect(view.model().index(1, 0))
    drop(window, 2, QPoint(second.center().x(), second.top() + 1))  # above the second row
    assert _titles(window) == ["crisis", "origins", "aftermath"]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _titles(window) == ["crisis", "aftermath", "origins"]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _titles(window) == ["origins", "crisis", "aftermath"]


def test_the_bundled_guides_list_cannot_be_dragged(qtbot, main_window):
    view = main_window.sections.list
    assert view.dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop
    model = view.model()
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    before = _titles(main_window)
    assert not model.dropMimeData(model.mimeData([model.index(0, 0)]), Qt.DropAction.MoveAction, 2, 0,
                                  model.index(-1, 0).parent())
    assert _titles(main_window) == before
