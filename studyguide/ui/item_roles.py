"""Qt's item data roles as the numbers they are, for the models on the way to the first frame.

``Qt.ItemDataRole`` is an ``IntEnum``, so these compare equal to its members; naming it would make
PySide build every enum class of ``Qt`` (about 30 ms) before the window's first frame.
``tests/ui/test_item_roles.py`` checks each number against Qt's.
"""

from __future__ import annotations

#: ``Qt.ItemDataRole.DisplayRole``, ``ToolTipRole`` and ``UserRole``.
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
USER_ROLE = 256
