"""Links take the new theme's link colour at once, readable (4.5:1) on the new background."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from studyguide.ui.focus_ring import contrast

Role = QPalette.ColorRole


def _colours(widget) -> set[str]:
    image = widget.grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}


def _anchor_colours(document) -> set[str]:
    found = set()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            form = fragments.fragment().charFormat()
            if form.isAnchor():
                found.add(form.foreground().color().name())
            fragments += 1
        block = block.next()
    return found


@pytest.mark.parametrize(("first", "then"), [("light", "dark"), ("dark", "light"), ("system", "dark")])
def test_links_shown_before_a_theme_switch_take_the_new_link_colour(qtbot, qapp, flashcards, first, then):
    from studyguide.ui.widgets.markdown_view import MarkdownView

    window = flashcards.window()
    window.theme.set_theme(first)
    reader = MarkdownView()
    qtbot.add_widget(reader)
    reader.show_markdown("Read [the section](section:one) again.")
    reader.resize(400, 120)
    reader.show()
    labels = [label for label in window.findChildren(QLabel) if "<a " in label.text() and label.isVisible()]
    assert labels, "the flashcards tab shows a link (the card's source section)"
    old = qapp.palette().color(Role.Link).name()

    window.theme.set_theme(then)
    link = qapp.palette().color(Role.Link)
    assert link.name() != old
    for background in (Role.Window, Role.Base):
        assert contrast(link, qapp.palette().color(background)) >= 4.5, (then, background)
    for label in labels:
        qtbot.wait_until(lambda label=label: link.name() in _colours(label))  # its underline, drawn at once
        assert old not in _colours(label), label.text()
    assert _anchor_colours(reader.document()) == {link.name()}


def test_a_card_faces_markdown_links_follow_the_theme_too(qtbot, qapp):
    # A card's Markdown reaches its label as HTML made by a QTextDocument: that HTML must not name the
    # link colour of the theme it was made in.
    from studyguide.ui.theme import apply_theme, reset_theme
    from studyguide.ui.widgets.media_images import markdown_html

    apply_theme("light")
    try:
        label = QLabel(markdown_html("See [the section](section:x) first", resolve=None,
                                     placeholder=qapp.palette().color(Role.PlaceholderText)))
        qtbot.add_widget(label)
        label.show()
        old = qapp.palette().color(Role.Link).name()
        assert old in _colours(label)
        apply_theme("dark")
        link = qapp.palette().color(Role.Link).name()
        qtbot.wait_until(lambda: link in _colours(label))
        assert old not in _colours(label)
    finally:
        reset_theme()
