"""Your own guides travel (issue 19): a guide written in the app on one device appears on the other
with the same ids; edits, deletes and reorders follow; two devices' changes to one item are both kept
for the learner to pick; a delete never silently drops another device's edit; media travel by hash."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from studyguide.authoring import Authoring
from studyguide.domain.journal_content import describe
from studyguide.library import Library
from studyguide.review.sync import SyncService
from studyguide.store.content_journal import read_items
from tests.conftest import Clock
from tests.media_samples import png


class Device:
    """A library that writes guides, with its own clock and a sync service that carries them."""

    def __init__(self, home: Path, content_db: Path, start: datetime, name: str) -> None:
        self.clock = Clock(start)
        self.library = Library(home=home, bundled_guide=content_db, clock=self.clock)
        self.authoring = Authoring(library=self.library)
        self.service = SyncService(progress=self.library.progress, settings=lambda: self.library.review.settings,
                                   clock=self.clock, guides_folder=self.library.guides_folder)
        self.service.rename_device(name)

    def sync(self, folder: Path | None = None):
        self.clock.advance(minutes=1)
        report, changes = self.service.sync(folder)
        if changes.guides:
            self.authoring.close()
            self.library.reload_guides()
        return report

    def pick(self, conflict, choice: int) -> None:
        if self.service.pick(conflict, choice).guides:
            self.authoring.close()
            self.library.reload_guides()

    def items(self, guide_id: str) -> tuple[dict, list[str]]:
        path = self.library.guides_folder / f"{guide_id}.sqlite"
        return read_items(path) if path.exists() else ({}, [])

    def guide_ids(self) -> set[str]:
        return {g.id for g in self.library.guides() if self.library.is_user_guide(g.id)}

    def close(self) -> None:
        self.authoring.close()
        self.library.close()


@pytest.fixture
def devices(tmp_path: Path, content_db: Path):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    made = [Device(tmp_path / "laptop", content_db, start, "Laptop"),
            Device(tmp_path / "desktop", content_db, start, "Desktop")]
    (tmp_path / "Sync").mkdir()
    yield made
    for device in made:
        device.close()


def _round(devices, folder: Path) -> None:
    for device in (*devices, devices[0]):
        device.sync(folder)


def test_a_guide_written_on_one_device_appears_on_the_other_with_its_ids_and_media(devices, tmp_path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    write = laptop.authoring
    guide = write.new_guide("French Revolution", subject="History").ids[0]
    image = write.add_media(guide, png(), "storming.png")
    first = write.add_section(guide, "Causes", f"Debt and bread.\n\n![The Bastille](media/{image})",
                              tags=["causes"]).ids[0]
    second = write.add_section(guide, "Terror", "1793-1794").ids[0]
    cards = write.add_card(guide, first, "When did the Bastille fall?", "14 July 1789", tags=["dates"]).ids
    write.add_event(guide, first, "Storming of the Bastille", "14 July 1789", "A prison taken")
    write.move_section(guide, second, 0)
    report = laptop.sync(folder)
    assert report.written == 1
    media = list((folder / "StudyGuide-sync" / "media").iterdir())
    assert [m.name for m in media] == [hashlib.sha256(png()).hexdigest()]  # named by its hash
    report = desktop.sync(folder)
    assert report.guides_written == (guide,)
    assert guide in desktop.guide_ids()
    assert desktop.items(guide) == laptop.items(guide)  # every item, the order of the sections too
    assert desktop.items(guide)[1] == [second, first]
    assert [c.id for c in desktop.library.load_guide(guide).cards] == list(cards)  # progress keys match
    assert desktop.library.media(guide).read(image) == png()
    # the desktop's edits come back; nothing applied twice
    desktop.authoring.rename_section(guide, first, "Causes of the Revolution")
    desktop.authoring.edit_card(guide, cards[0], back="Tuesday 14 July 1789")
    desktop.library.rename_guide(guide, "The French Revolution")
    _round(devices, folder)
    assert laptop.items(guide) == desktop.items(guide)
    assert json.loads(laptop.items(guide)[0][("guide", "")])["title"] == "The French Revolution"
    for device in devices:
        assert device.service.conflicts() == []
        report = device.sync()
        assert (report.written, report.applied, report.guides_written) == (0, 0, ())


def test_the_same_section_changed_on_both_devices_keeps_both_until_the_learner_picks(devices, tmp_path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    guide = laptop.authoring.new_guide("Notes").ids[0]
    section = laptop.authoring.add_section(guide, "Intro", "The first text").ids[0]
    _round(devices, folder)
    laptop.authoring.edit_section(guide, section, body="The laptop's text")
    desktop.authoring.edit_section(guide, section, body="The desktop's text")
    _round(devices, folder)
    for device, own in ((laptop, "The laptop's text"), (desktop, "The desktop's text")):
        assert json.loads(device.items(guide)[0][("section", section)])["body"] == own  # each keeps its own
        (conflict,) = device.service.conflicts()
        assert (conflict.guide_id, conflict.card_id, conflict.field) == (guide, section, "section")
        assert sorted((name, describe("section", value)) for name, value, _ in conflict.versions) == [
            ("Desktop", "\u201cIntro \u2014 The desktop's text\u201d"),
            ("Laptop", "\u201cIntro \u2014 The laptop's text\u201d")]
    (conflict,) = desktop.service.conflicts()
    laptop_version = [v[0] for v in conflict.versions].index("Laptop")
    desktop.pick(conflict, laptop_version)
    assert json.loads(desktop.items(guide)[0][("section", section)])["body"] == "The laptop's text"
    _round(devices, folder)
    assert laptop.items(guide) == desktop.items(guide)
    assert laptop.service.conflicts() == desktop.service.conflicts() == []


def test_a_delete_and_an_edit_made_offline_keep_the_item_with_a_conflict(devices, tmp_path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    guide = laptop.authoring.new_guide("Notes").ids[0]
    section = laptop.authoring.add_section(guide, "Intro", "Text").ids[0]
    card = laptop.authoring.add_card(guide, section, "Q", "A").ids[0]
    _round(devices, folder)
    laptop.authoring.delete_card(guide, card)
    desktop.authoring.edit_card(guide, card, back="A better answer")
    _round(devices, folder)
    for device in devices:  # the edit is not dropped: the card is back on the laptop, the choice is open
        note = json.loads(device.items(guide)[0][("note", card)])
        assert note["back"] == "A better answer"
        (conflict,) = device.service.conflicts()
        assert sorted(describe("note", v[1]) for v in conflict.versions) == [
            "deleted", "\u201cQ \u2014 A better answer\u201d"]
    (conflict,) = laptop.service.conflicts()
    laptop.pick(conflict, [v[1] for v in conflict.versions].index(None))  # the deletion, after all
    _round(devices, folder)
    for device in devices:
        assert ("note", card) not in device.items(guide)[0] and device.service.conflicts() == []


def test_a_guide_deleted_on_one_device_goes_unless_the_other_changed_it(devices, tmp_path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    kept, gone = laptop.authoring.new_guide("Kept").ids[0], laptop.authoring.new_guide("Gone").ids[0]
    section = laptop.authoring.add_section(kept, "Intro", "Text").ids[0]
    laptop.authoring.add_section(gone, "Intro", "Text")
    _round(devices, folder)
    assert {kept, gone} <= desktop.guide_ids()
    for guide in (kept, gone):
        laptop.authoring.close()
        laptop.library.delete_guide(guide)
    desktop.authoring.edit_section(kept, section, body="Changed on the desktop")
    _round(devices, folder)
    for device in devices:
        assert gone not in device.guide_ids()
        assert kept in device.guide_ids()  # the desktop's change keeps its guide, on the laptop too
        assert json.loads(device.items(kept)[0][("section", section)])["body"] == "Changed on the desktop"
        assert [(c.guide_id, c.field) for c in device.service.conflicts()] == [(kept, "section")]
    assert laptop.items(kept) == desktop.items(kept)


def test_sections_added_on_both_devices_and_a_reorder_end_in_one_order(devices, tmp_path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    guide = laptop.authoring.new_guide("Notes").ids[0]
    a, b, c = (laptop.authoring.add_section(guide, t).ids[0] for t in "ABC")
    _round(devices, folder)
    laptop.authoring.add_section(guide, "From the laptop")
    laptop.authoring.move_section(guide, c, 0)
    desktop.authoring.add_section(guide, "From the desktop")
    _round(devices, folder)
    assert laptop.items(guide) == desktop.items(guide)
    assert laptop.items(guide)[1][:3] == [c, a, b]
    assert laptop.service.conflicts() == desktop.service.conflicts() == []


def test_an_editable_copy_of_the_bundled_guide_travels_and_takes_its_place_on_the_other_device(devices,
                                                                                               tmp_path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    bundled = laptop.library.guides()[0].id
    laptop.authoring.make_editable_copy(bundled)
    card = laptop.library.load_guide(bundled).cards[0].id
    laptop.authoring.edit_card(bundled, card, back="The laptop's answer")
    _round(devices, folder)
    assert desktop.library.is_user_guide(bundled)  # the copy, with the same ids: the progress stays one
    assert desktop.items(bundled) == laptop.items(bundled)
    assert next(c for c in desktop.library.load_guide(bundled).cards if c.id == card).back == "The laptop's answer"
    assert desktop.service.conflicts() == []


def test_a_segment_waits_for_its_media_to_arrive_whole(devices, tmp_path) -> None:
    import shutil

    laptop, desktop = devices
    here, there = tmp_path / "Sync", tmp_path / "there"
    guide = laptop.authoring.new_guide("Pictures").ids[0]
    image = laptop.authoring.add_media(guide, png(), "map.png")
    laptop.authoring.add_section(guide, "Map", f"![Map](media/{image})")
    laptop.sync(here)
    journal = here / "StudyGuide-sync"
    (media,) = (journal / "media").iterdir()
    shutil.copytree(journal, there / "StudyGuide-sync", ignore=shutil.ignore_patterns("media"))
    report = desktop.sync(there)  # the segment came first: it waits
    assert report.applied == 0 and "media file " + image + " has not arrived yet" in report.skipped[0]
    target = there / "StudyGuide-sync" / "media" / media.name
    target.parent.mkdir()
    target.write_bytes(media.read_bytes()[:20])
    assert "incomplete or damaged" in desktop.sync().skipped[0]
    target.write_bytes(png(rgb=(0, 0, 0)))  # another image under its name: refused by its hash
    assert "incomplete or damaged" in desktop.sync().skipped[0]
    shutil.copyfile(media, target)
    report = desktop.sync()
    assert report.applied == 1 and report.skipped == ()
    assert desktop.library.media(guide).read(image) == png()
    assert desktop.items(guide) == laptop.items(guide)


def test_a_section_deleted_on_one_device_while_the_other_changed_its_card_stays_with_the_card(devices,
                                                                                             tmp_path) -> None:
    laptop, desktop = devices
    folder = tmp_path / "Sync"
    guide = laptop.authoring.new_guide("Notes").ids[0]
    section = laptop.authoring.add_section(guide, "Intro", "Text").ids[0]
    card = laptop.authoring.add_card(guide, section, "Q", "A").ids[0]
    _round(devices, folder)
    laptop.authoring.delete_section(guide, section)  # its card goes with it
    desktop.authoring.edit_card(guide, card, back="Changed on the desktop")
    _round(devices, folder)
    for device in devices:
        items = device.items(guide)[0]
        assert json.loads(items[("section", section)])["title"] == "Intro"
        assert json.loads(items[("note", card)])["back"] == "Changed on the desktop"
        assert [c.field for c in device.service.conflicts()] == ["note"]
    assert laptop.items(guide) == desktop.items(guide)


def test_a_guide_of_the_same_id_imported_on_the_other_device_is_left_alone_and_deletes_nothing(devices,
                                                                                                tmp_path) -> None:
    from studyguide.domain.guide import Guide, GuideInfo, Section

    laptop, desktop = devices
    folder = tmp_path / "Sync"
    guide = laptop.authoring.new_guide("Notes").ids[0]
    laptop.authoring.add_section(guide, "Intro", "Written on the laptop")
    imported = Guide(info=GuideInfo(id=guide, title="Imported notes"),
                     sections=(Section(id="imported", title="Imported", body="From a file", position=0),))
    desktop.library.install_guide(imported, source_sha256="ab" * 32)
    desktop.library.reload_guides()
    _round(devices, folder)
    _round(devices, folder)  # the desktop's next segment deletes nothing of the laptop's guide
    assert desktop.library.content(guide).section_titles() == [("imported", "Imported")]  # nothing written in
    assert json.loads(laptop.items(guide)[0][("section", "intro")])["body"] == "Written on the laptop"
