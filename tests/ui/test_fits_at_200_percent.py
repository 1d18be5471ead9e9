"""The card Browser and the Custom Study dialog at 900x600 with View > Larger Text at 200%: nothing cut off.

Seen (tour 9, high contrast at 200%): the Browser's table squeezed to a 220 px strip beside the card's
details (its question column cut to "Ques"), its search hint cut short with "…"; the Custom Study dialog
966 px wide, wider than a 900 px screen, by a combo box as wide as the longest section title.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from studyguide.domain.card_filter import COLUMN_KEYS
from tests.conftest import crisis_window
from tests.ui.fits import cut_off
from tests.ui.test_appearance import _settled_minimum


@pytest.fixture
def large_window(qtbot, make_library):
    """The main window on the bundled guide (long section titles), its text at 200%."""
    window = crisis_window(qtbot, make_library, 900, 600)
    before = window.font().pointSizeF()
    window.text_size.set_percent(200)
    qtbot.wait_until(lambda: window.font().pointSizeF() == pytest.approx(before * 2))
    return window


def _browser(qtbot, window):
    window.browse()
    browser = window.browser
    qtbot.add_widget(browser)
    browser.resize(900, 600)
    qtbot.wait_until(lambda: browser.width() == 900 and not browser.finding.pending)
    _settled_minimum(qtbot, browser)
    return browser


def test_the_browser_cuts_nothing_off_at_900_by_600(qtbot, large_window) -> None:
    browser = _browser(qtbot, large_window)

    assert browser.minimumSizeHint().width() <= 900 and browser.minimumSizeHint().height() <= 600
    problems = cut_off(browser)
    assert not problems, "\n".join(problems)
    question = browser.table.horizontalHeader().sectionSize(COLUMN_KEYS.index("question"))
    assert browser.table.viewport().width() >= question  # the questions are read whole, not a strip of them


def test_the_card_panes_plot_keeps_its_dates_apart_in_a_narrower_browser(qtbot, large_window) -> None:
    browser = _browser(qtbot, large_window)
    curve, metrics = browser.info.curve, browser.info.curve.fontMetrics()

    browser.resize(640, 600)
    qtbot.wait_until(lambda: browser.width() == 640)
    _settled_minimum(qtbot, browser)

    assert curve.width() >= metrics.horizontalAdvance("100%") + 2 * metrics.horizontalAdvance("2026-12-31")


def test_column_widths_saved_at_100_percent_grow_with_the_text(qtbot, make_library, library_home) -> None:
    window = crisis_window(qtbot, make_library, 900, 600)
    small = _browser(qtbot, window)
    header = small.table.horizontalHeader()
    saved = {key: header.sectionSize(n) for n, key in enumerate(COLUMN_KEYS)}
    small.close()
    window.browser = None
    before = window.font().pointSizeF()
    window.text_size.set_percent(200)
    qtbot.wait_until(lambda: window.font().pointSizeF() == pytest.approx(before * 2))
    assert QSettings(str(library_home / "window.ini"), QSettings.Format.IniFormat).value("browser/widths")

    large = _browser(qtbot, window)
    header = large.table.horizontalHeader()

    assert cut_off(large.table) == []  # every title whole
    grown = header.sectionSize(COLUMN_KEYS.index("question")) / saved["question"]
    assert 1.6 < grown < 2.4, grown


def test_the_browsers_columns_grow_when_the_text_grows_while_it_is_open(qtbot, make_library) -> None:
    window = crisis_window(qtbot, make_library, 900, 600)
    browser = _browser(qtbot, window)
    header = browser.table.horizontalHeader()
    question = header.sectionSize(COLUMN_KEYS.index("question"))

    window.text_size.set_percent(200)

    qtbot.wait_until(lambda: header.sectionSize(COLUMN_KEYS.index("question")) > 1.6 * question)
    assert cut_off(browser.table) == []


def test_the_custom_study_dialog_fits_900_by_600_and_cuts_nothing_off(qtbot, large_window) -> None:
    dialog = large_window.custom_study.ask()
    qtbot.add_widget(dialog)
    qtbot.wait_until(dialog.isVisible)
    needed = _settled_minimum(qtbot, dialog)
    assert needed.width() <= 900 and needed.height() <= 600, needed
    wanted = dialog.sizeHint()
    dialog.resize(min(wanted.width(), 900), min(wanted.height(), 600))
    qtbot.wait_until(lambda: dialog.width() <= 900)
    _settled_minimum(qtbot, dialog)

    problems = cut_off(dialog)
    assert not problems, "\n".join(problems)
    for button in dialog.buttons.values():
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
