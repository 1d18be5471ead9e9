"""Errors said in plain words: which file, and what is wrong with it, never Python's own wording.

``str(OSError)`` reads ``[Errno 21] Is a directory: 'notes'``; a user should
read "notes is a folder, not a file". Messages the app writes itself
(``GuideFormatError``, ``StoreUnavailable``) are already sentences and pass
through unchanged.
"""

from __future__ import annotations

import errno
import os

_SENTENCES = {
    errno.ENOENT: "{name} does not exist",
    errno.EISDIR: "{name} is a folder, not a file",
    errno.ENOTDIR: "part of the path {name} is a file, not a folder",
    errno.EACCES: "you do not have permission to use {name}",
    errno.EPERM: "you do not have permission to use {name}",
    errno.EEXIST: "{name} already exists",
    errno.ENOSPC: "the disk is full (writing {name})",
    errno.EDQUOT: "your disk quota is used up (writing {name})",
    errno.EROFS: "{name} is on a read-only disk",
    errno.ENAMETOOLONG: "the name {name} is too long",
    errno.ELOOP: "{name} is a link that leads to itself",
    errno.EIO: "the disk could not read or write {name} (an input/output error)",
    errno.ENXIO: "{name} is a device that is not there",
    errno.EBUSY: "{name} is in use",
    errno.ETXTBSY: "{name} is in use",
}


def describe_os_error(error: OSError) -> str:
    """A sentence for an operating-system error, naming the file when it is known.

    Args:
        error: Any ``OSError`` (``FileNotFoundError``, ``IsADirectoryError``, ...).

    Returns:
        For example "notes is a folder, not a file".
    """
    name = os.fsdecode(error.filename) if error.filename is not None else "a file"
    template = _SENTENCES.get(error.errno or 0)
    if template is not None:
        return template.format(name=name)
    reason = error.strerror or (os.strerror(error.errno) if error.errno else "")
    if not reason:  # raised by hand with a sentence of our own: OSError("could not write ...")
        return str(error)
    return f"{name} cannot be used: {reason[:1].lower()}{reason[1:]}"


def user_message(error: BaseException) -> str:
    """What to tell the user about ``error``: ``describe_os_error`` for an OSError, else its message."""
    return describe_os_error(error) if isinstance(error, OSError) else str(error)


def sentence(text: str) -> str:
    """``text`` as a sentence on its own: a capital first letter and a full stop (kept as written otherwise)."""
    text = text.strip()
    if not text:
        return text
    return f"{text[:1].upper()}{text[1:]}{'' if text.endswith(('.', '!', '?')) else '.'}"
