"""docs/guide-format.md: its example is a valid guide and cites sources the way the bundled guide does."""

from __future__ import annotations

import re

from studyguide import paths
from studyguide.guides.markdown import read_guide
from tests.conftest import ROOT


def _example() -> str:
    text = (ROOT / "docs" / "guide-format.md").read_text(encoding="utf-8")
    return re.search(r"## Shape\n\n```markdown\n(.*?)\n```", text, re.S).group(1)


def test_the_format_example_is_a_guide_the_app_reads() -> None:
    guide = read_guide(_example())
    assert guide.info.id == "cuban-missile-crisis" and guide.sections and guide.cards and guide.events


def test_the_format_example_cites_only_what_the_bundled_guide_cites() -> None:
    """The guide was written from a student essay: the example must not cite the essay's
    own source (Griffith and Baker) as if the guide's authors had read it."""
    bundled = paths.bundled_guide_source().read_text(encoding="utf-8")
    cited = {line for line in bundled.splitlines() if line.startswith("Source:")}
    example = [line for line in _example().splitlines() if line.startswith("Source:")]
    assert example and all(line in cited for line in example)
    assert all(line.startswith("Source: A student essay") for line in example if "Griffith" in line)
