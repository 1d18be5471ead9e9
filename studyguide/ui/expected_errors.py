"""The errors a guide's import, export, rename or restore may meet that are not bugs (told in a plain sentence).

Kept apart from ``ui/guide_actions.py`` (its dialogs' modules): the operation runner of the start-up's
first frame needs this tuple, not those dialogs.
"""

from __future__ import annotations

from studyguide.domain.errors import DuplicateGuideError, GuideFormatError, StoreUnavailable
from studyguide.domain.media import MediaError

#: (Not ValueError: a ValueError from a bug would be told as if the file were at fault.)
EXPECTED_ERRORS = (GuideFormatError, DuplicateGuideError, StoreUnavailable, OSError, MediaError)
