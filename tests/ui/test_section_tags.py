"""A section's tags in the reader: a line of links under its title, each opening Search on ``tag:NAME``."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt


def _tagged_guide(authoring, *tags: str) -> tuple[str, str, str]:
    """A guide with a tagged section "Berlin" and an untagged one: (guide, tagged id, untagged id)."""
    guide = authoring.new_guide("Cold War").ids[0]
    berlin = authoring.add_section(guide, "Berlin", "The wall went up in 1961.", tags=list(tags)).ids[0]
    cuba = authoring.add_section(guide, "Cuba", "Missiles in 1962.").ids[0]
    return guide, berlin, cuba


def _shown(qtbot, window, section: str):
    window.tabs.setCurrentWidget(window.sections)
    qtbot.wait_until(lambda: window.sections.model.rowCount() == 2)
    assert window.sections.show_section(section)
    return window.sections.text


def _click_text(qtbot, browser, text: str) -> None:
    cursor = browser.document().find(text)
    assert not cursor.isNull(), text
    rect = browser.cursorRect(cursor)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() - QPoint(6, 0))


def _search_shows(qtbot, window, query: str, section: str) -> None:
    search = window.search
    assert window.tabs.currentWidget() is search
    assert search.box.text() == query
    qtbot.wait_until(lambda: not search.pending)
    assert [(h.kind, h.item_id) for h in search.result.hits] == [("section", section)]
    assert search.model.rowCount() == 1


def test_a_tagged_section_shows_its_tags_as_links_and_an_untagged_one_none(qtbot, authoring, guide_window):
    guide, berlin, cuba = _tagged_guide(authoring, "cold-war", "Wall")
    text = _shown(qtbot, guide_window(guide), berlin)
    plain = text.toPlainText()
    assert "Tags: #cold-war \u00b7 #Wall" in plain
    assert plain.index("Berlin") < plain.index("Tags:") < plain.index("The wall went up")  # under the title
    assert text.document().find("#Wall").charFormat().anchorHref() == "tag:Wall"
    text.window().sections.show_section(cuba)
    assert "Tags:" not in text.toPlainText()


def test_clicking_a_tag_opens_search_on_that_tag_with_its_hits(qtbot, authoring, guide_window):
    guide, berlin, _cuba = _tagged_guide(authoring, "cold-war", "wall")
    window = guide_window(guide)
    text = _shown(qtbot, window, berlin)
    with qtbot.wait_signal(window.sections.tag_requested) as blocker:
        _click_text(qtbot, text, "#wall")
    assert blocker.args == ["wall"]
    _search_shows(qtbot, window, "tag:wall", berlin)


def test_a_tag_link_is_reached_with_tab_and_opened_with_enter(qtbot, authoring, guide_window):
    guide, berlin, _cuba = _tagged_guide(authoring, "cold-war")
    window = guide_window(guide, active=True)
    text = _shown(qtbot, window, berlin)
    text.setFocus()
    qtbot.wait_until(text.hasFocus)
    qtbot.keyClick(text, Qt.Key.Key_Tab)  # the first link of the text: the tag
    assert text.textCursor().selectedText() == "#cold-war"
    with qtbot.wait_signal(window.sections.tag_requested):
        qtbot.keyClick(text, Qt.Key.Key_Return)
    _search_shows(qtbot, window, "tag:cold-war", berlin)


def test_a_tag_with_html_characters_is_shown_as_text_and_searched_as_written(qtbot, authoring, guide_window):
    tag = "<b>x&amp;</b>"
    guide, berlin, _cuba = _tagged_guide(authoring, tag)
    window = guide_window(guide)
    text = _shown(qtbot, window, berlin)
    assert f"Tags: #{tag}" in text.toPlainText()  # the characters as written, no bold, no entity read
    assert not text.document().find("x&").charFormat().fontWeight() > 400
    with qtbot.wait_signal(window.sections.tag_requested) as blocker:
        _click_text(qtbot, text, "x&amp;")
    assert blocker.args == [tag]
    _search_shows(qtbot, window, f"tag:{tag}", berlin)


def test_tags_render_as_one_line_of_links_in_the_markdown() -> None:
    from studyguide.domain.guide import Section
    from studyguide.ui.sections import section_markdown, tag_links

    section = Section(id="s", title="T", body="Body.")
    assert tag_links([]) == ""
    assert "Tags" not in section_markdown(section, [], [])
    line = tag_links(["a)b", "c d%"])
    assert "(tag:a%29b)" in line and "(tag:c%20d%25)" in line and "[#a\\)b]" in line
