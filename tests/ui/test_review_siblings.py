"""In the reviewer, a card's reverse is not the very next card while another waits (tour10): a student
who added "Sierra Maestra" as a basic-and-reversed card answered its reverse from the card just seen."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_the_reverse_of_a_card_is_not_shown_right_after_it(qtbot, guide_window, authoring) -> None:
    guide = authoring.new_guide("Cuba").ids[0]
    section = authoring.add_section(guide, "The Revolution", "").ids[0]
    authoring.add_card(guide, section, "Sierra Maestra", "Mountains where Castro's rebels hid", type="reversed")
    authoring.add_card(guide, section, "Who fled Cuba on 1 January 1959?", "Batista")
    window = guide_window(guide, active=True)
    window.tabs.setCurrentWidget(window.flashcards)
    view = window.flashcards
    view.setFocus()
    qtbot.wait_until(lambda: view.session is not None and view.session.current is not None)
    fronts = []
    for _ in range(3):
        fronts.append(view.front.text())
        qtbot.keyClick(view, Qt.Key.Key_Space)
        with qtbot.wait_signal(view.answer_recorded):
            qtbot.keyClick(view, Qt.Key.Key_4)  # Easy: none comes back today
    # was: Sierra Maestra, then at once "Mountains where Castro's rebels hid", then Batista
    assert fronts == ["Sierra Maestra", "Who fled Cuba on 1 January 1959?", "Mountains where Castro's rebels hid"]
