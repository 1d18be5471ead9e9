"""The card ids of timeline drills (``domain.drills``), for the stores that leave drills out of a guide's counts.

Apart from the drills' rules, so that opening the progress file does not make their classes.
"""

from __future__ import annotations

#: Every drill's card id starts with this: the guide's due counts and new-card limit leave them out.
DRILL_PREFIX = "drill-"
#: Just past every id that starts with ``DRILL_PREFIX`` (for ``id >= DRILL_PREFIX AND id < DRILLS_END``).
DRILLS_END = DRILL_PREFIX[:-1] + chr(ord(DRILL_PREFIX[-1]) + 1)
