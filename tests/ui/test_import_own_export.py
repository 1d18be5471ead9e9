"""A student imports the export of their own guide (tour10): the question names the guide by its title,
as the guide picker does, not by an id they never saw."""

from __future__ import annotations


def test_importing_an_export_of_a_guide_asks_by_its_title(qtbot, guide_window, authoring, boxes, tmp_path) -> None:
    guide = authoring.new_guide("Cuba 1953-1959").ids[0]
    section = authoring.add_section(guide, "The Revolution", "In **1959**.").ids[0]
    authoring.add_card(guide, section, "Who fled Cuba?", "Batista")
    window = guide_window(guide)
    actions = window.guide_actions
    dest = tmp_path / "cuba.md"
    with qtbot.wait_signal(actions.message) as exported:
        actions.export_guide(dest, "md")
    assert exported.args == [f"Exported to {dest}."]
    with qtbot.wait_signal(actions.message) as told:  # the box is answered (Skip) by ``boxes``
        actions.import_file(dest)
    assert told.args == ["Skipped cuba.md: that guide is already in your library."]
    [(title, text)] = boxes
    assert title == "Guide already in your library"
    # was: 'A guide with the id "cuba-1953-1959" is already in your library.'
    assert text.startswith("\u201cCuba 1953-1959\u201d is already in your library")
    actions.tasks.shutdown()


def test_renaming_the_bundled_guide_says_how_to_get_one_to_rename(guide_window, authoring, monkeypatch) -> None:
    window = guide_window(authoring.new_guide("Cuba").ids[0])
    bundled = next(g.id for g in authoring.library.guides() if not authoring.library.is_user_guide(g.id))
    window.select_guide(bundled)
    told: list[str] = []
    monkeypatch.setattr(window.guide_actions, "show_error", lambda title, text: told.append(text))
    window.guide_actions.rename_guide("Mine")
    # was "...; import your own guides to manage them.", from before guides could be written in the app
    assert told and "Make an Editable Copy" in told[0] and "New Guide" in told[0]


def test_a_markdown_export_with_pictures_says_where_they_are(qtbot, guide_window, authoring, tmp_path) -> None:
    from tests.media_samples import png

    guide = authoring.new_guide("Cuba").ids[0]
    name = authoring.add_media(guide, png(), "flag.png")
    authoring.add_section(guide, "The Revolution", f"The flag: ![](media/{name})")
    window = guide_window(guide)
    actions = window.guide_actions
    dest = tmp_path / "cuba.md"
    with qtbot.wait_signal(actions.message) as exported:
        actions.export_guide(dest, "md")
    # it said only "Exported to …/cuba.md.": a student sending that file alone sent no pictures
    assert exported.args == [f"Exported to {dest}; its pictures and sounds are in the media folder beside it: "
                             "keep the two together."]
    assert (tmp_path / "media" / name).is_file()
    actions.tasks.shutdown()
