"""The card browser's column widths and order, remembered in the library's ``window.ini``.

They are kept by column key (``browser/widths`` = ``question:310,due:90``; ``browser/order`` =
the keys left to right), not as Qt's binary header state, so a column added in a later version
simply appears at its default width at the end, and a key no longer known is ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QHeaderView

WIDTHS_KEY = "browser/widths"
ORDER_KEY = "browser/order"
#: Narrowest width restored (a column dragged to nothing would be lost to the eye).
MIN_WIDTH = 24


def _list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in value.split(",") if part]
    return [str(part) for part in cast(Any, value)]


def save_layout(settings: QSettings, header: QHeaderView, keys: Sequence[str]) -> None:
    """Note each column's width (a hidden one keeps the width noted before) and the columns'
    left-to-right order."""
    noted = dict(item.rpartition(":")[::2] for item in _list(settings.value(WIDTHS_KEY)))
    for number, key in enumerate(keys):
        if not header.isSectionHidden(number) and header.sectionSize(number) > 0:
            noted[key] = str(header.sectionSize(number))
    widths = [f"{key}:{width}" for key, width in noted.items() if key in keys]
    order = [keys[header.logicalIndex(visual)] for visual in range(header.count())]
    settings.setValue(WIDTHS_KEY, ",".join(widths))
    settings.setValue(ORDER_KEY, ",".join(order))


def restore_layout(settings: QSettings, header: QHeaderView, keys: Sequence[str]) -> None:
    """Put back the widths and order noted (columns not noted keep their place and width)."""
    for item in _list(settings.value(WIDTHS_KEY)):
        key, _, width = item.rpartition(":")
        if key in keys and width.isdigit():
            header.resizeSection(keys.index(key), max(MIN_WIDTH, int(width)))
    order = [key for key in _list(settings.value(ORDER_KEY)) if key in keys]
    for visual, key in enumerate(dict.fromkeys(order)):
        header.moveSection(header.visualIndex(keys.index(key)), visual)
