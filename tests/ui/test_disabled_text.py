"""A disabled control looks disabled in the app's Light and Dark themes. At 900x600 under Xvfb, File > Sync Folder…
of a library that does not sync showed its greyed-out "Sync Now" exactly as "OK" beside it: the themes' palettes
gave disabled text the enabled colour (Qt's setColor without a group sets every group), so no disabled button,
field or menu item looked any different."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from studyguide.ui.focus_ring import contrast

Group, Role = QPalette.ColorGroup, QPalette.ColorRole


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_disabled_text_is_greyed_yet_legible(qapp, theme) -> None:
    from studyguide.ui.theme import palette_for

    palette = palette_for(theme)
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        enabled, disabled = palette.color(Group.Active, role), palette.color(Group.Disabled, role)
        assert contrast(enabled, disabled) >= 2.0, (theme, role)
        for background in (Role.Window, Role.Button, Role.Base):
            assert contrast(disabled, palette.color(Group.Disabled, background)) >= 3.0, (theme, role, background)

