"""A guide's media on the way out (a Markdown export's ``media/`` folder) and back in (its import).

A Markdown guide refers to its images as ``![alt](media/NAME)`` and to its sounds as
``[sound:NAME]``; both name a file in the ``media/`` folder beside the ``.md`` file. An
export writes the files the guide refers to into that folder (their names are content
addressed, so guides exported to one folder share it safely). An import reads the files
the guide refers to from it: each is checked (an image or a sound, a regular file inside
the folder) and given its stored name, the references following; a file that is missing
or refused is said in a warning, and its reference then shows its alt text.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import replace
from pathlib import Path

from studyguide.domain.guide import Guide
from studyguide.domain.media import (
    SNIFF_BYTES,
    MediaError,
    MediaFile,
    check_kind,
    check_size,
    name_for,
    referenced_names,
    rename_references,
)
from studyguide.store.media import GuideMedia

#: The folder beside a Markdown guide that holds its media.
MEDIA_FOLDER = "media"


def texts(guide: Guide) -> list[str]:
    """Every text of a guide that may refer to media."""
    found = [t for s in guide.sections for t in (s.body, *s.sources)]
    found += [t for n in guide.notes for t in (n.front, n.back)]
    found += [t for c in guide.cards for t in (c.front, c.back)]
    return found + [e.description for e in guide.events]


def referenced(guide: Guide) -> list[str]:
    """The media names a guide refers to, in order, once each."""
    return list(dict.fromkeys(name for text in texts(guide) for name in referenced_names(text)))


def export_media(guide: Guide, folder: Path) -> list[str]:
    """Write the media ``guide`` refers to (of ``guide.media``) into ``folder``; return their names.

    Raises:
        StoreUnavailable: The folder cannot be written (a full disk).
    """
    wanted = set(referenced(guide))
    files = [f for f in guide.media if f.name in wanted]
    target = GuideMedia(folder)
    return [target.put(file) for file in files]


def _stored_name_of(path: Path, hint: str) -> str:
    """The stored name of the file at ``path`` (hashed in chunks), checked as ``GuideMedia.add_file`` does."""
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        raise MediaError(hint, "not a regular file")
    check_size(info.st_size, hint)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
        kind = check_kind(head, hint)
        digest.update(head)
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return name_for(digest.hexdigest(), kind, hint)


def attach_media(guide: Guide, folder: Path) -> tuple[Guide, list[str]]:
    """The guide with the media it refers to read from ``folder`` (a Markdown guide's ``media/``),
    its references renamed to the files' stored names.

    Returns:
        The guide, and a warning for each file missing or refused (nothing else is changed).
    """
    names, warnings, files = referenced(guide), [], []
    renamed: dict[str, str] = {}
    for name in names:
        path = folder / name
        if "/" in name or "\\" in name or name.startswith(".") or path.parent != folder:
            warnings.append(f"{MEDIA_FOLDER}/{name}: not a file of the {MEDIA_FOLDER} folder; shown as its alt text")
            continue
        try:
            stored = _stored_name_of(path, name)
        except FileNotFoundError:
            warnings.append(f"{MEDIA_FOLDER}/{name} is not beside the guide; shown as its alt text")
            continue
        except (MediaError, OSError) as error:
            warnings.append(f"{MEDIA_FOLDER}/{error}" if isinstance(error, MediaError) else
                            f"{MEDIA_FOLDER}/{name} cannot be read ({error.strerror}); shown as its alt text")
            continue
        files.append(MediaFile(name=stored, path=path))
        if stored != name:
            renamed[name] = stored
    if not files:
        return guide, warnings
    guide = replace(
        guide,
        sections=tuple(replace(s, body=rename_references(s.body, renamed),
                               sources=tuple(rename_references(t, renamed) for t in s.sources))
                       for s in guide.sections),
        notes=tuple(replace(n, front=rename_references(n.front, renamed), back=rename_references(n.back, renamed))
                    for n in guide.notes),
        cards=tuple(replace(c, front=rename_references(c.front, renamed), back=rename_references(c.back, renamed))
                    for c in guide.cards),
        events=tuple(replace(e, description=rename_references(e.description, renamed)) for e in guide.events),
        media=tuple({f.name: f for f in files}.values()),
    )
    return guide, warnings
