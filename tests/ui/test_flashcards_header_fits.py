"""The Flashcards header fits the window whatever the session is called. At 900x600 under Xvfb (light and dark)
a custom study of a search ('Custom study: “khrushchev letter missiles cuba” · practice only, nothing saved')
beside "Review the whole guide" and the session's counts made the window 927 px wide, past the screen's edge at
900; a longer search widened it more. The header's title wraps instead, and says the whole name."""

from __future__ import annotations

from studyguide.domain.custom_study import CustomKind, CustomStudy

QUERY = "khrushchev letter missiles cuba quarantine blockade ultimatum turkey jupiter"


def test_a_long_session_title_wraps_and_the_window_keeps_its_width(qtbot, main_window, flashcards) -> None:
    main_window.resize(900, 600)
    qtbot.wait_until(lambda: main_window.width() == 900)

    main_window.custom_study.start(main_window.guide_id, CustomStudy(CustomKind.SCOPE, query=QUERY, practice=True))
    qtbot.wait(50)

    scope = flashcards.scope
    assert QUERY in scope.text() and scope.isVisible()
    assert main_window.minimumSizeHint().width() <= 900
    assert main_window.width() == 900
    assert scope.height() >= scope.heightForWidth(scope.width())  # every line of it shown


def test_a_title_that_fits_stays_on_one_line(qtbot, main_window, flashcards) -> None:
    main_window.resize(900, 600)
    section_id = main_window.sections.current_section_id() or "first"
    flashcards.set_guide(main_window.guide_id, section_id=section_id)
    qtbot.wait(50)

    scope = flashcards.scope
    assert scope.text().startswith("Reviewing one section:")
    assert scope.height() < 2 * scope.fontMetrics().lineSpacing()


def test_at_200_percent_a_sections_title_takes_a_row_of_its_own(qtbot, crisis_900) -> None:
    # In one row the header needed 993 px at 900: the window grew, or the title stood in a column of words.
    window, flashcards = crisis_900, crisis_900.flashcards
    window.text_size.set_percent(200)
    window.study_section("the-missiles")
    header = flashcards.header
    qtbot.wait_until(lambda: not header.one_row() and flashcards.whole_guide.isVisible())
    qtbot.wait_until(lambda: flashcards.scope.height() >= flashcards.scope.heightForWidth(flashcards.scope.width()))
    assert flashcards.scope.height() < 2 * flashcards.scope.fontMetrics().lineSpacing(), "the title on one line"
    for widget in (flashcards.whole_guide, flashcards.counts):
        assert widget.mapTo(window, widget.rect().topRight()).x() < 900
        assert widget.mapTo(header, widget.rect().topLeft()).y() >= flashcards.scope.geometry().bottom()
    assert window.minimumSizeHint().width() <= 900 and window.width() == 900


def test_at_100_percent_the_header_keeps_one_row(qtbot, crisis_900) -> None:
    crisis_900.study_section("the-missiles")
    flashcards = crisis_900.flashcards
    qtbot.wait_until(lambda: flashcards.whole_guide.isVisible())
    assert flashcards.header.one_row()
