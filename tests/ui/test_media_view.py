"""A user's guide's images in the window (issue 15): the reader, both faces of a card and the event
details show the guide's own ``media/NAME`` images, scaled to the view's width; other images show
their alt text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from tests.media_samples import png


@pytest.fixture
def pictures(authoring):
    """A guide with a wide image in a section, a small one on each face of a card and in an event."""
    guide = authoring.new_guide("Pictures").ids[0]
    wide = authoring.add_media(guide, png(2400, 300, (40, 90, 160)), "wide map.png")
    small = authoring.add_media(guide, png(60, 40), "small.png")
    other = authoring.new_guide("Other").ids[0]
    theirs = authoring.add_media(other, png(50, 50, (0, 0, 0)), "theirs.png")
    section = authoring.add_section(guide, "Crisis", f"Before.\n\n![the map](media/{wide})\n\n"
                                                     f"![theirs](media/{theirs}) after.").ids[0]
    tall = authoring.add_media(guide, png(300, 900), "tall.png")
    authoring.add_card(guide, section, f"Which island?\n\n![front](media/{tall})",
                       f"**Cuba**\n\n![back](media/{tall})")
    authoring.add_event(guide, section, "Photographs", "October 14, 1962",
                        description=f"Taken by a U-2: ![event](media/{small})")
    return guide, wide, small


@pytest.fixture
def window(guide_window, pictures):
    return guide_window(pictures[0])


def _image_url(library, guide: str, name: str) -> str:
    return QUrl.fromLocalFile(str(library.media(guide).path(name))).toString()


def test_the_reader_shows_the_guides_image_scaled_to_its_width(qtbot, window, pictures) -> None:
    guide, wide, _ = pictures
    text = window.sections.text
    window.tabs.setCurrentWidget(window.sections)
    qtbot.wait_until(lambda: "Before." in text.toPlainText())
    text.grab()
    assert text.images == [f"media/{wide}"]
    assert "[image: theirs]" in text.toPlainText()  # another guide's file, by its name
    image = text.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(f"media/{wide}"))
    assert image.width() == 2400
    # 2400 pixels wide, drawn within the view: the text never gets wider than its column.
    assert text.document().size().width() <= text.viewport().width() + 1
    assert text.horizontalScrollBar().maximum() == 0


def test_both_faces_of_a_card_show_its_images(qtbot, window, library, pictures) -> None:
    guide, _, _ = pictures
    small = next(n for n in library.media(guide).names() if n.startswith("tall-"))
    flashcards = window.flashcards
    window.tabs.setCurrentWidget(flashcards)
    qtbot.wait_until(lambda: "Which island?" in flashcards.front.text())
    url = _image_url(library, guide, small)
    assert f'src="{url}"' in flashcards.front.text() and "max-width:100%" in flashcards.front.text()
    flashcards.reveal_button.click()
    qtbot.wait_until(flashcards.back.isVisible)
    assert f'src="{url}"' in flashcards.back.text() and "Cuba" in flashcards.back.text()
    # In the label's own font (the question's is large and bold), and both faces fit the window.
    assert f"font-size:{flashcards.front.font().pointSizeF():g}pt" in flashcards.front.text()
    flashcards.grab()
    QApplication.processEvents()
    # A 300x900 picture on each face: both faces still fit in the window with room to spare.
    faces = flashcards.front.sizeHint().height() + flashcards.back.sizeHint().height()
    assert faces < window.height() * 0.6


def test_the_event_details_show_the_events_image(qtbot, window, library, pictures) -> None:
    guide, _, small = pictures
    timeline = window.timeline
    window.tabs.setCurrentWidget(timeline)
    QApplication.processEvents()
    assert timeline.select_event("photographs")
    assert timeline.details.images == [f"media/{small}"]
    assert "Taken by a U-2:" in timeline.details.toPlainText()
    # The section's card is listed by its words, not its Markdown.
    assert "Which island?" in timeline.details.toPlainText() and "](media/" not in timeline.details.toPlainText()


def test_a_card_with_markdown_and_no_image_is_rendered_and_plain_cards_stay_plain() -> None:
    from studyguide.ui.widgets.media_images import looks_like_markdown

    assert looks_like_markdown("![x](media/a-0123456789abcdef.png)")
    assert looks_like_markdown("An *emphasised* word") and looks_like_markdown("- one\n- two")
    assert not looks_like_markdown("Where was the treaty signed?")
    assert not looks_like_markdown("5 * 3 = 15, and 2*x")


def test_a_huge_image_is_decoded_no_wider_than_a_view_can_be(qtbot, tmp_path) -> None:
    from studyguide.store.media import GuideMedia
    from studyguide.ui.widgets.markdown_view import MarkdownView
    from studyguide.ui.widgets.media_images import MAX_DECODED_WIDTH

    media = GuideMedia(tmp_path / "g.media")
    name = media.add(png(6000, 30), "huge.png")
    view = MarkdownView()
    qtbot.add_widget(view)
    view.set_media(media.path)
    view.show_markdown(f"![huge](media/{name})")
    image = view.document().resource(QTextDocument.ResourceType.ImageResource.value, QUrl(f"media/{name}"))
    assert view.images == [f"media/{name}"] and image.width() == MAX_DECODED_WIDTH and image.height() == 12


def test_a_sound_is_named_not_played_nor_shown_as_its_markup(qtbot) -> None:
    from studyguide.ui.widgets.markdown_view import MarkdownView

    view = MarkdownView()
    qtbot.add_widget(view)
    view.show_markdown("Hear [sound:speech-0123456789abcdef.mp3] now.")
    assert view.toPlainText() == "Hear [sound: speech] now."


def test_a_new_text_is_shown_from_its_top_after_the_reader_scrolled(qtbot):
    """A text shown again starts at its top: the view scrolls back for every text but the first (which is at the
    top already: its scroll bar is not asked for on the way to the window's first frame)."""
    from studyguide.ui.widgets.markdown_view import MarkdownView

    view = MarkdownView()
    qtbot.add_widget(view)
    view.resize(400, 200)
    view.show()
    long_text = "\n\n".join(f"Paragraph {n} of a long section." for n in range(80))
    view.show_markdown(long_text)
    assert view.verticalScrollBar().value() == 0
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert view.verticalScrollBar().value() > 0
    view.show_markdown(long_text)  # the same text again (a re-render: a limit note, a highlight)
    assert view.verticalScrollBar().value() == 0
