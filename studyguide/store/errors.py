"""The two kinds of store failure a user can act on, kept apart from bugs.

Environment problems (a locked, full, read-only or corrupt file, or a file
that is not ours) raise ``StoreUnavailable`` with a sentence a user can act
on. Anything else is a bug and reaches the crash handler with its traceback.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class of the store's own errors."""


class StoreUnavailable(StoreError):
    """The database cannot be used as things stand on this machine.

    The message is written for the user: what is wrong and what to do.
    """


class ForeignDatabase(StoreUnavailable):
    """The file is an SQLite database, but not one of StudyGuide's."""
