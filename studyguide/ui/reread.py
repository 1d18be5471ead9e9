"""Re-read what you keep forgetting: the reviewer's quiet link and the section list's marker."""

from __future__ import annotations

import html

from studyguide.domain.forgetting import reread_note

#: Marks a section in the list whose cards keep lapsing.
MARKER = "\u21ba"  # ↺


def source_line(section_id: str, title: str, lapses: int | None) -> tuple[str, str]:
    """The reviewer's "From <section>" line, with "Re-read <section>" when its cards keep lapsing.

    Both links open the reader at the section. Returns (rich text, tooltip).
    """
    link = html.escape(section_id, quote=True)
    text = f"From <a href='section:{link}'>{html.escape(title)}</a>"
    if not lapses:
        return text, ""
    return (text + f" &nbsp;\u00b7&nbsp; <a href='reread:{link}'>Re-read <i>{html.escape(title)}</i></a>",
            reread_note(lapses))
