"""The Exam Date field shows a date every reader takes one way. Under Xvfb (the C locale: LANG unset)
it read "31 12 2026": Qt's short format there is ``d MM yyyy``, numbers set apart by spaces only. A locale
whose short format sets its fields apart keeps it, with a four-digit year; the others get ISO 8601."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QDate, QLocale

from studyguide.domain.exam import ExamGoal
from studyguide.ui.exam import ExamDialog
from studyguide.ui.widgets.date_format import ISO_DATE, unambiguous_date_format


@pytest.fixture
def default_locale():
    """Set the default locale for the widgets a test makes; the one before comes back after."""
    before = QLocale()
    yield QLocale.setDefault
    QLocale.setDefault(before)


@pytest.mark.parametrize(("name", "shown"), [("C", "2026-12-31"), ("de_DE", "31.12.2026"),
                                             ("en_US", "12/31/2026"), ("ja_JP", "2026/12/31")])
def test_the_exam_date_field_shows_an_unambiguous_date(qtbot, default_locale, name, shown):
    default_locale(QLocale(name))
    dialog = ExamDialog(goal=ExamGoal(date(2026, 12, 31), 0.9, 30), today=date(2026, 11, 30),
                        preview=lambda _goal, done: done(None))
    qtbot.add_widget(dialog)
    assert dialog.day.text() == shown
    assert dialog.day.date() == QDate(2026, 12, 31)


def _locales() -> list[str]:
    return sorted({locale.name() for locale in QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyCountry)})


@given(name=st.sampled_from(_locales()), day=st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_in_every_locale_the_fields_are_set_apart_and_the_year_is_whole(name, day):
    locale = QLocale(name)
    form = unambiguous_date_format(locale)
    text = locale.toString(QDate(day.year, day.month, day.day), form)
    assert form.count("yyyy") == 1 and "yyyyy" not in form
    between = "".join(ch for ch in text if unicodedata.category(ch) != "Nd")
    assert between.strip(), f"{name}: {text!r} has nothing but spaces between its numbers"
    if all(ord(ch) <= 0xFFFF for ch in text):  # Qt reads back digits of the basic plane only
        assert locale.toDate(text, form) == QDate(day.year, day.month, day.day), (name, form, text)


def test_formats_with_spaces_only_or_no_separators_become_iso():
    for short in ("d MM yyyy", "yyyyMMdd", "dd MM yy", "dddd d MM yyyy"):
        assert unambiguous_date_format(_Locale(short)) == ISO_DATE, short
    assert unambiguous_date_format(_Locale("d MMM yyyy")) == "d MMM yyyy"  # the month's name sets it apart
    assert unambiguous_date_format(_Locale("dd.MM.yy")) == "dd.MM.yyyy"


class _Locale(QLocale):
    """A locale whose short date format is the one given."""

    def __init__(self, short: str) -> None:
        super().__init__(QLocale.Language.C)
        self._short = short

    def dateFormat(self, _kind=QLocale.FormatType.LongFormat) -> str:  # noqa: N802 (Qt override)
        return self._short
