"""A date format every reader takes one way: the locale's own short format when its fields are set apart
(by separators, or by a month's name), with the year in four digits; ISO 8601 (2026-12-31) otherwise.

The C and POSIX locales (a bare Xvfb session, a container, ``LANG`` unset) give Qt the short format
``d MM yyyy``: the Exam Date field read "31 12 2026". ISO is the one numeric date that reads the same
in every country.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale

ISO_DATE = "yyyy-MM-dd"
#: A Qt date format's parts: quoted literal text, a run of one field letter, or other literal text.
_TOKENS = re.compile(r"'(?:[^']|'')*'|d+|M+|y+|[^'dMy]+")


def unambiguous_date_format(locale: QLocale) -> str:
    """The format for a date field in ``locale``: its short format if that sets its fields apart, else ISO.

    Args:
        locale: The field's locale (``widget.locale()``).

    Returns:
        A Qt date format (``QDateTimeEdit.setDisplayFormat``) with a day, a month and a four-digit year.
    """
    tokens = _TOKENS.findall(locale.dateFormat(QLocale.FormatType.ShortFormat))
    fields = [i for i, token in enumerate(tokens) if token[0] in "dMy"]
    kinds = sorted(tokens[i][0] for i in fields)
    if kinds != ["M", "d", "y"] or any(tokens[i][0] == "d" and len(tokens[i]) > 2 for i in fields):
        return ISO_DATE  # not a plain day, month and year (a weekday's name, a field twice or missing)
    gaps = ["".join(tokens[one + 1:other]).replace("'", "") for one, other in zip(fields, fields[1:], strict=False)]
    named_month = any(tokens[i][0] == "M" and len(tokens[i]) > 2 for i in fields)
    if not named_month and any(not gap.strip() for gap in gaps):
        return ISO_DATE  # numbers set apart by spaces only, or run together: "31 12 2026", "20261231"
    return "".join("yyyy" if token[0] == "y" else token for token in tokens)
