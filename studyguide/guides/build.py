"""Compile a guide source into the SQLite content database the app reads.

Used for the bundled guide (``studyguide build``, output committed under
``db/``) and for guides a user imports. The database is written to a
temporary file beside the destination and moved into place only when it is
complete, so a failed build never leaves a half-written guide behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from studyguide.domain.guide import Guide
from studyguide.guides.files import write_atomically
from studyguide.guides.markdown import GuideFormatError, read_guide
from studyguide.store.authored import write_authored
from studyguide.store.guide_meta import write_guide_database


def read_source(source: Path) -> tuple[Guide, str]:
    """Read and parse a guide source file.

    Returns:
        The guide and the SHA-256 of the file's bytes.

    Raises:
        GuideFormatError: If the file is not valid UTF-8 or not in the guide format.
        OSError: If the file cannot be read.
    """
    data = source.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GuideFormatError(f"{source.name} is not UTF-8 text (byte {error.start})") from None
    return read_guide(text), hashlib.sha256(data).hexdigest()


def build_guide(guide: Guide, dest: Path, *, source_sha256: str = "",
                what: str = "the guide database was not built", before_publish: Callable[[], object] | None = None,
                ) -> Path:
    """Write ``guide`` as a content database at ``dest``, replacing it atomically.

    Args:
        guide: The guide to write.
        dest: The database file (replaced all at once; left as it was on failure).
        source_sha256: Digest of the source the guide was read from.
        what: What did not happen if the disk is full (``the guide was not imported``).
        before_publish: Called once the database is written, before it is moved into place
            (an import waits for its media there); what it raises leaves ``dest`` as it was.

    Raises:
        DiskFull: The disk had no room; no temporary or journal file is left behind.
    """

    def write(tmp: Path) -> None:
        write_guide_database(tmp, guide, source_sha256=source_sha256)
        write_authored(tmp, guide)  # a user's guide's notes and tags (none in the bundled guide)
        if before_publish is not None:
            before_publish()

    return write_atomically(dest, write, what=what)


def build_from_source(source: Path, dest: Path) -> Guide:
    """Read a guide source file and compile it to ``dest``; return the guide."""
    guide, digest = read_source(source)
    build_guide(guide, dest, source_sha256=digest)
    return guide
