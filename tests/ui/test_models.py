"""Item models checked with qtmodeltester, built from plain dataclasses (no window)."""

from __future__ import annotations

from studyguide.domain.guide import Section
from studyguide.search.engine import MARK_END, MARK_START, SearchHit
from studyguide.ui.search import SearchResultsModel
from studyguide.ui.sections import SectionListModel


def _hit(kind: str, title: str) -> SearchHit:
    return SearchHit(kind=kind, guide_id="g", guide_title="Guide <b>", item_id=title.lower(), section_id="s",
                     title=f"{MARK_START}{title}{MARK_END}", snippet=f"about {MARK_START}{title}{MARK_END}", score=-1.0)


def test_section_list_model(qtmodeltester):
    model = SectionListModel()
    model.set_sections([Section("a", "Alpha", "body"), Section("b", "Beta", "body", position=1)])
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(2)] == ["1. Alpha", "2. Beta"]
    assert model.row_of("b") == 1 and model.row_of("zzz") == -1


def test_search_results_model(qtmodeltester):
    model = SearchResultsModel()
    model.set_hits([_hit("card", "Cuba"), _hit("event", "Quarantine"), _hit("section", "Letters")])
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(3)] == ["Card: Cuba", "Event: Quarantine", "Section: Letters"]
    html = model.index(0, 0).data(SearchResultsModel.HtmlRole)
    assert "<b style=" in html and "Guide &lt;b&gt;" in html and MARK_START not in html
