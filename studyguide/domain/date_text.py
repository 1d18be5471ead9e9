"""Read a date as a person writes it: ``1959``, ``fall 1961``, ``c. 1962``, ``April 12, 1962``,
``October 16–28, 1962``, ``44 BC``, ``1959–1962`` (or ``1959-1962``), or the guide format (``1961-fall``).

Pure; refuses what it cannot read with the reason (``DateError``).
"""

from __future__ import annotations

import calendar
import re

from studyguide.domain.dates import DateError, DateSpan, FuzzyDate, parse_span

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_SEASONS = {"spring": "spring", "summer": "summer", "fall": "fall", "autumn": "fall", "winter": "winter"}
_APPROX = re.compile(r"^(?:c\.|ca\.|circa|about|around|~)\s*", re.IGNORECASE)
_ERA = re.compile(r"^(?P<year>\d{1,5})\s*(?P<era>bc|bce|ad|ce)$|^(?P<era2>ad)\s*(?P<year2>\d{1,5})$", re.IGNORECASE)
_YEAR = re.compile(r"^-?\d{1,5}$")
_SEASON = re.compile(rf"^(?:the\s+)?(?P<season>{'|'.join(_SEASONS)})(?:\s+of)?\s+(?P<year>.+)$", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"^(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>.+)$",
                        re.IGNORECASE)
_DAY_MONTH = re.compile(rf"^(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>.+)$", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"^(?P<month>{_MONTH})\.?(?:\s+of)?,?\s+(?P<year>.+)$", re.IGNORECASE)
_DAY_RANGE = re.compile(rf"^(?P<month>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})\s*[-\u2013\u2014]\s*(?P<d2>\d{{1,2}}),?\s+"
                        r"(?P<year>.+)$", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:\.\.|\u2013|\u2014|\s-\s|\bto\b|\buntil\b)\s*", re.IGNORECASE)
_HINT = "write e.g. 1959, fall 1961, c. 1962, April 12, 1962, October 16\u201328, 1962, 44 BC or 1959-1962"
#: Two dates joined by a bare hyphen, as a keyboard writes a period ("1953-1959", "June 1961-Oct 1962").
_HYPHENED = re.compile(r"^(?P<first>.*\S)\s*-\s*(?P<second>\S.*)$")
#: A period whose end year is written with two digits: "1962-63".
_SHORT_END = re.compile(r"^(?P<start>\d{4})\s*[-\u2013\u2014]\s*(?P<end>\d{2})$")
#: What people write that is no date of one precision, and what to write instead.
_NEAR = ((re.compile(r"^(?:early|mid|middle|late)\b", re.IGNORECASE),
          "a date here is a year, a season, a month or a day: write e.g. spring 1962, c. 1962 or "
          "January 1962-April 1962"),
         (re.compile(r"^(?:the\s+)?\d{3}0'?s$", re.IGNORECASE), "write a decade as a period, e.g. 1960-1969"),
         (re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$"),
          "write the month as a word (January 5, 1962) or the date as 1962-01-05: "
          "a date in numbers reads differently in different countries"))


def parse_when(text: str) -> DateSpan:
    """The date or period ``text`` says.

    Raises:
        DateError: With the reason it is not a date.
    """
    text = " ".join(text.split())
    if not text:
        raise DateError("the date is empty")
    short = _SHORT_END.match(text)
    if short and int(short["end"]) > 12:  # "1962-63" is 1962 to 1963 ("1962-10" is October 1962)
        start = int(short["start"])
        end = start - start % 100 + int(short["end"])
        return DateSpan(FuzzyDate(year=start), FuzzyDate(year=end if end > start else end + 100))
    try:
        return parse_span(text)
    except DateError as error:
        if "is not a date" not in str(error):
            raise  # the guide format's shape, but no such day (1962-02-30), or a period ending early
    day_range = _DAY_RANGE.match(text)
    if day_range:
        year, approx = _year(day_range["year"], text)
        month = _MONTHS[day_range["month"].lower()]
        return DateSpan(FuzzyDate(year=year, month=month, day=int(day_range["d1"]), approximate=approx),
                        FuzzyDate(year=year, month=month, day=int(day_range["d2"]), approximate=approx))
    parts = [p for p in _RANGE.split(text) if p]
    if len(parts) == 2 and not re.fullmatch(r"-?\d+", text):
        return DateSpan(_one(parts[0]), _one(parts[1]))
    hyphened = _HYPHENED.match(text)
    if hyphened and text.count("-") == 1 and not re.fullmatch(r"\d{1,2}", hyphened["second"]):
        try:
            ends = _one(hyphened["first"]), _one(hyphened["second"])
        except DateError:
            pass  # not two dates: said below as the whole text
        else:
            return DateSpan(*ends)
    try:
        return DateSpan(_one(text))
    except DateError as error:
        near = next((hint for pattern, hint in _NEAR if pattern.match(text)), None)
        if near is None or "is not a date" not in str(error):
            raise
        raise DateError(f"{text!r} is not a date: {near}") from None


def _one(text: str) -> FuzzyDate:
    text = text.strip()
    approx = bool(_APPROX.match(text))
    body = _APPROX.sub("", text)
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.match(body)
        if match:
            year, about = _year(match["year"], text)
            return FuzzyDate(year=year, month=_MONTHS[match["month"].lower()], day=int(match["day"]),
                             approximate=approx or about)
    match = _SEASON.match(body)
    if match:
        year, about = _year(match["year"], text)
        return FuzzyDate(year=year, season=_SEASONS[match["season"].lower()], approximate=approx or about)
    match = _MONTH_YEAR.match(body)
    if match:
        year, about = _year(match["year"], text)
        return FuzzyDate(year=year, month=_MONTHS[match["month"].lower()], approximate=approx or about)
    year, about = _year(body, text)
    return FuzzyDate(year=year, approximate=approx or about)


def _year(text: str, whole: str) -> tuple[int, bool]:
    """(year, approximate) of a year written ``1962``, ``44 BC``, ``AD 33`` or ``c. 1962``."""
    approx = bool(_APPROX.match(text.strip()))
    text = _APPROX.sub("", text.strip())
    era = _ERA.match(text)
    if era:
        year = int(era["year"] or era["year2"])
        if year == 0:
            raise DateError(f"{whole!r}: there is no year 0 (1 BC is followed by AD 1)")
        return (-year if (era["era"] or "").lower() in ("bc", "bce") else year), approx
    if _YEAR.match(text):
        return int(text), approx
    raise DateError(f"{whole!r} is not a date: {_HINT}")
