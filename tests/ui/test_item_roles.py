"""The item data roles the first frame's models use as plain numbers are Qt's own."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyguide.ui import item_roles


def test_the_plain_role_numbers_are_qts_roles():
    assert Qt.ItemDataRole.DisplayRole == item_roles.DISPLAY_ROLE
    assert Qt.ItemDataRole.ToolTipRole == item_roles.TOOLTIP_ROLE
    assert Qt.ItemDataRole.UserRole == item_roles.USER_ROLE
