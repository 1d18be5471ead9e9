"""At 900x600 with View > Larger Text at 200%, in the light and the dark theme, the status bar is one line and the
Flashcards view's note of the timeline drills shares the header's row, each saying in shorter words what does not
fit whole (the whole in its tooltip and to a screen reader).

Seen: the status bar's due counts took two lines ("Due now: 20 new · 0 learning · 0 to review · by the end of today:
0" and "studied cards"), and "Timeline drills: 36 new · Review them (Ctrl+Shift+T)" a row of its own under the
reviewer's header: three lines the card did not have.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible

from studyguide.domain.review import DueCounts
from studyguide.domain.stats import due_summary, due_summary_forms
from studyguide.ui.widgets.fitting_label import plain
from tests.conftest import crisis_window
from tests.ui.test_appearance import _settled_minimum

THEMES = ["light", "dark"]


@pytest.fixture(params=THEMES)
def window_at_200(request, qtbot, make_library):
    """The main window on the bundled guide at 900x600, its text at 200% in the theme."""
    window = crisis_window(qtbot, make_library, 900, 600)
    window.theme.set_theme(request.param)
    before = window.font().pointSizeF()
    window.text_size.set_percent(200)
    qtbot.wait_until(lambda: window.font().pointSizeF() == pytest.approx(before * 2))
    qtbot.wait_until(lambda: hasattr(window, "review_actions") and bool(window.review_actions.due_label.text()))
    _settled_minimum(qtbot, window)
    window.resize(900, 600)
    qtbot.wait_until(lambda: window.size().toTuple() == (900, 600))
    return window


def _one_line(label) -> bool:
    """``label`` one line high and its text (as drawn, without markup) as wide as it is at most."""
    from PySide6.QtCore import Qt

    metrics = label.fontMetrics()
    drawn = plain(label.text(), label.textFormat() == Qt.TextFormat.RichText)
    return (label.height() < 2 * metrics.lineSpacing()
            and metrics.horizontalAdvance(drawn) <= label.contentsRect().width())


def test_the_status_bar_is_one_line_and_says_the_whole_counts_to_a_screen_reader(qtbot, window_at_200) -> None:
    bar, due = window_at_200.statusBar(), window_at_200.review_actions.due_label
    qtbot.wait_until(lambda: _one_line(due))
    assert bar.height() < 2 * due.fontMetrics().lineSpacing()
    assert due.geometry().right() <= bar.width()
    whole = due_summary(DueCounts(new=20, learning=0, review=0), 0)  # a first start: nothing studied yet
    assert due.text() != whole  # shorter words: the whole line does not fit 900 px at 200%
    assert due.text().startswith("Due") and "20 new" in due.text()  # the counts themselves are all there
    assert QAccessible.queryAccessibleInterface(due).text(QAccessible.Text.Name) == whole
    assert whole in due.toolTip()


def test_a_sync_status_beside_the_counts_keeps_the_bar_one_line(qtbot, window_at_200) -> None:
    from studyguide.ui.widgets.fitting_label import FittingLabel

    bar, due = window_at_200.statusBar(), window_at_200.review_actions.due_label
    sync = FittingLabel()
    bar.addPermanentWidget(sync)  # as File > Sync Folder… puts its line there
    sync.set_forms(("Synced 10:42 from Laptop, Desktop", "Synced 10:42"))
    qtbot.wait_until(lambda: _one_line(due) and _one_line(sync))
    assert sync.text() == "Synced 10:42" and "Laptop, Desktop" in sync.toolTip()
    assert bar.height() < 2 * due.fontMetrics().lineSpacing()
    assert window_at_200.minimumSizeHint().width() <= 900


def test_the_drills_note_shares_the_reviewers_header_row(qtbot, window_at_200) -> None:
    window = window_at_200
    window.tabs.setCurrentWidget(window.flashcards)
    flashcards = window.flashcards
    header, note, counts = flashcards.header, flashcards.drills, flashcards.counts
    qtbot.wait_until(lambda: note.isVisible() and bool(counts.text()))
    qtbot.wait_until(lambda: header.one_row() and _one_line(note) and _one_line(counts))
    row = header.mapTo(window, header.rect().topLeft()).y()
    assert note.mapTo(window, note.rect().topLeft()).y() == pytest.approx(row, abs=8)
    assert note.mapTo(window, note.rect().topRight()).x() < 900
    assert header.height() < 2 * counts.fontMetrics().lineSpacing() + 8
    spoken = QAccessible.queryAccessibleInterface(note).text(QAccessible.Text.Name)
    assert spoken.startswith("Timeline drills: 36 new") and "Ctrl+Shift+T" in spoken  # the whole note, read
    assert "Timeline drills: 36 new" in note.toolTip()
    assert QAccessible.queryAccessibleInterface(counts).text(QAccessible.Text.Name).startswith("In this session")


def test_a_sections_review_keeps_its_title_on_one_row_and_the_rest_on_one_more(qtbot, window_at_200) -> None:
    window = window_at_200
    window.tabs.setCurrentWidget(window.flashcards)
    window.study_section("the-missiles")
    flashcards = window.flashcards
    header = flashcards.header
    qtbot.wait_until(lambda: flashcards.whole_guide.isVisible() and flashcards.drills.isVisible())
    qtbot.wait_until(lambda: len(header.rows()) == 2)
    assert header.rows()[1][:3] == (flashcards.whole_guide, flashcards.counts, flashcards.drills)
    for widget in (flashcards.whole_guide, flashcards.counts, flashcards.drills):
        assert widget.mapTo(window, widget.rect().topRight()).x() < 900
    assert window.width() == 900


def test_the_shorter_wordings_of_the_due_counts_keep_every_count() -> None:
    now = DueCounts(new=20, learning=3, review=1234)
    forms = due_summary_forms(now, 1500)
    assert forms[0] == due_summary(now, 1500)
    assert [len(form) for form in forms] == sorted((len(form) for form in forms), reverse=True)
    for form in forms:
        assert "20 new" in form and "3 learning" in form and "1234 to review" in form and "1,500" in form


def test_a_fitting_label_shows_the_longest_wording_that_fits_as_it_is_resized(qtbot) -> None:
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from studyguide.ui.widgets.fitting_label import FittingLabel

    holder = QWidget()
    qtbot.add_widget(holder)
    label = FittingLabel()
    QHBoxLayout(holder).addWidget(label)
    label.set_forms(("a long and whole wording", "shorter words", "short"))
    holder.show()
    long_, shorter, short = label.form_widths()
    for width, shown in ((long_ + 40, "a long and whole wording"), (shorter + 30, "shorter words"),
                         (short + 24, "short")):
        holder.resize(width, 40)
        qtbot.wait_until(lambda shown=shown: label.text() == shown)
        assert label.accessibleName() == "a long and whole wording"
    assert label.minimumSizeHint().width() == short and label.sizeHint().width() == long_
