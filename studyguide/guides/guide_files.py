"""Moving a user's guide file, with its media folder beside it: into the library, to the trash and back.

A guide is its database ``<id>.sqlite`` and its media folder ``<id>.media`` (see
``store.media``). Each move here takes both. The order is chosen so that a guide is never
visible without its media: a deleted guide's database leaves first and its media follow;
a restored guide's media come back first and its database after them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from studyguide.domain.guide import Guide
from studyguide.domain.media import MediaFile
from studyguide.domain.stats import plural
from studyguide.guides.build import build_guide
from studyguide.guides.files import write_atomically
from studyguide.store.authored import authored_guide
from studyguide.store.media import GuideMedia, StagedMedia, media_folder, stage_media


def to_trash(path: Path, trash: Path, stamp: str, *, copy: bool, what: str) -> Path:
    """Move (or, for a replace, copy) a guide's database into ``trash`` as ``<stem>--<stamp>.sqlite``;
    a move takes its media folder too (a replace's media follow in ``build_with_media``).

    Returns:
        Where the database is kept (``<stamp>-1``... when that name is taken: a fixed clock, or the same microsecond).
    """
    while (trash / f"{path.stem}--{stamp}.sqlite").exists():
        stamp += "-1"
    kept = trash / f"{path.stem}--{stamp}.sqlite"
    if copy:
        write_atomically(kept, lambda tmp: shutil.copyfile(path, tmp), what=what)
    else:
        kept.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, kept)
        if media_folder(path).exists():
            os.replace(media_folder(path), media_folder(kept))
    return kept


def from_trash(kept: Path, dest: Path) -> None:
    """Put a guide kept by ``to_trash`` back at ``dest``, its media first."""
    if media_folder(kept).exists() and not media_folder(dest).exists():
        os.replace(media_folder(kept), media_folder(dest))
    os.replace(kept, dest)


def listed(parts: list[str]) -> str:
    """``parts`` in a sentence: "a", "a and b", "a, b and c" ("" for none)."""
    return " and ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else "".join(parts)


def build_with_media(guide: Guide, dest: Path, *, kept: Path | None, source_sha256: str, what: str,
                     first: Callable[[], object] | None = None,
                     undo: Callable[[], object] | None = None, staged: StagedMedia | None = None,
                     say: Callable[[str], object] | None = None) -> None:
    """Build ``guide`` at ``dest`` with its media (``guide.media``) in ``<id>.media`` beside it;
    ``first`` is called once the media files are being created, before the database is built (an
    import replays its history there and starts writing it on a thread of its own); what it raises
    leaves nothing saved. ``undo`` is called if the guide is then not published (it takes that
    history back).
    ``staged``: the media files, already being written (``apkg.read_anki``'s ``media_into``); it is
    settled to hold exactly ``guide.media``, and removed if the guide is not published.
    ``say``: told each step as it starts (what is written, or waited for).

    The media are written into a temporary folder while the database is built (by ``tar`` in a
    process of its own, ``store/media_writer.py``, so Python work meanwhile does not hold them up).
    The database is moved into place only once every file is written (all or nothing); then
    the folder takes the old media folder's place; the old one goes to the trash beside
    ``kept`` (the replaced guide's copy), or is removed when no guide owned it.

    Raises:
        MediaError: A media file is not what its name says (nothing was saved).
        DiskFull: The disk is full (nothing was saved).
    """
    try:
        if staged is not None and not guide.media:  # staged before the notes were read: none kept
            staged.discard()
            staged = None
        elif staged is None:
            staged = stage_media(dest.parent, guide.media)

        if first is not None:
            first()
        tell = say or (lambda _text: None)
        kinds = [plural(n, noun) for n, noun in ((len(guide.cards), "card"), (len(guide.sections), "section"),
                                                   (len(guide.events), "event")) if n]
        tell(f"Writing {listed(kinds) or 'the guide'}\u2026")

        def before_publish() -> None:
            if staged is not None:
                tell(f"Writing {plural(len(guide.media), 'media file')}\u2026")
                staged.settle(guide.media)

        build_guide(guide, dest, source_sha256=source_sha256, what=what, before_publish=before_publish)
    except BaseException:
        try:
            if undo is not None:
                undo()
        finally:
            if staged is not None:
                staged.discard()
        raise
    old_media = media_folder(dest)
    if old_media.exists():
        if kept is not None:
            os.replace(old_media, media_folder(kept))
        else:
            shutil.rmtree(old_media)  # left by a guide deleted outside the app: nothing refers to it now
    if staged is not None:
        os.replace(staged.folder, old_media)


def load_with_media(path: Path) -> Guide:
    """The whole guide stored at ``path`` (its notes and tags), with every file of its media folder."""
    media = GuideMedia.of_guide(path)
    files = tuple(MediaFile(name=name, path=media.folder / name) for name in media.names())
    return replace(authored_guide(path), media=files)
