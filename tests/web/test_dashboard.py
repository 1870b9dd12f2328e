"""The dashboard in a real browser: ranking, sorting, language, unit charts, uploads, what-if, offline."""

from __future__ import annotations

from innoscope.geo import PROVINCES
from tests.api.fixtures import REPORT
from tests.web.conftest import open_view


def _column(page, index: int) -> list[str]:
    cells = f"#ranking-table tbody tr td:nth-child({index})"
    return page.eval_on_selector_all(cells, "tds => tds.map(t => t.textContent)")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def test_the_ranking_shows_31_provinces_sorts_and_filters(page):
    open_view(page, "ranking")
    rows = page.locator("#ranking-table tbody tr")
    assert rows.count() == 31
    names = _column(page, 3)
    assert set(names) == {full for full, _ in PROVINCES.values()}
    assert [int(r) for r in _column(page, 1)] == list(range(1, 32))
    assert page.locator("#ranking-table .move").count() == 31  # a movement mark on every row
    page.click("#ranking-table th[data-key='score']")
    scores = [_number(s) for s in _column(page, 4)]
    assert scores == sorted(scores) and scores[0] < scores[-1]
    page.click("#ranking-table th[data-key='score']")
    assert [_number(s) for s in _column(page, 4)] == sorted(scores, reverse=True)
    assert page.get_attribute("#ranking-table th[data-key='score']", "aria-sort") == "descending"
    page.click("#ranking-table th[data-key='rank']")
    page.fill("#ranking-filter", "江")
    assert sorted(_column(page, 3)) == sorted(n for n in names if "江" in n)


def test_switching_language_renames_the_page(page):
    open_view(page, "ranking", "zh")
    assert page.locator("#nav a[data-view='ranking']").inner_text() == "排名"
    assert "上海市" in _column(page, 3)
    page.click("#lang-switch")
    page.wait_for_function("document.documentElement.lang === 'en'")
    page.wait_for_function("!document.querySelector('#view .loading')")
    assert page.locator("#nav a[data-view='ranking']").inner_text() == "Ranking"
    assert "Shanghai" in _column(page, 3) and "上海市" not in _column(page, 3)
    assert page.locator("#lang-switch").inner_text() == "中文"


def test_a_units_profile_draws_its_charts(page):
    open_view(page, "profile/上海")
    assert page.locator("#profile-title").inner_text() == "上海市"
    charts = page.locator(".profile-chart")
    assert charts.count() == 2
    for i in range(2):
        paths = charts.nth(i).locator("svg path")
        assert paths.count() > 10
        box = charts.nth(i).locator("svg").bounding_box()
        assert box["width"] > 200 and box["height"] > 200
    assert page.locator("#profile-intervals tbody tr").count() == 1  # the audit's interval for 2023


def test_the_map_colours_the_provinces(page):
    open_view(page, "map")
    fills = page.eval_on_selector_all(".map-chart svg path", "ps => ps.map(p => p.getAttribute('fill'))")
    coloured = {f for f in fills if f and f not in ("none", "#eee", "transparent")}
    assert len(fills) >= 31 and len(coloured) >= 10  # a scale of colours, not one


def test_an_uploaded_documents_facts_appear_highlighted(page, tmp_path):
    doc = tmp_path / "上海简报.txt"
    doc.write_text(REPORT, encoding="utf-8")
    open_view(page, "facts")
    page.set_input_files("#upload-file", str(doc))
    page.click("#upload-button")
    page.wait_for_selector("mark.fact")
    marks = page.locator("#doc-text mark.fact")
    assert marks.all_inner_texts() == ["4.4%左右", "36797件", "50.2件"]
    assert "发明专利授权" in marks.nth(1).get_attribute("title")
    assert page.locator("#facts-table tbody tr").count() == 3
    page.click("#facts-table tbody tr:nth-child(2)")
    assert "selected" in marks.nth(1).get_attribute("class")
    assert page.locator("#documents-list li").count() >= 1


def test_changing_a_weight_in_the_what_if_panel_moves_the_ranking(page):
    open_view(page, "whatif")
    before = page.eval_on_selector_all("#whatif-table tbody tr", "rs => rs.map(r => r.dataset.unit)")
    assert len(before) == 31
    assert set(page.eval_on_selector_all("#whatif-table td.change", "c => c.map(x => x.dataset.change)")) == {"0"}
    for node, value in (("ENV", "1"), ("INP", "0"), ("OUT", "0")):
        page.eval_on_selector(
            f"input[data-node='{node}']",
            "(e, v) => { e.value = v; e.dispatchEvent(new Event('input', {bubbles: true})); }",
            value,
        )
    page.wait_for_function(
        "[...document.querySelectorAll('#whatif-table td.change')]"
        ".some(c => c.dataset.change && c.dataset.change !== '0')"
    )
    after = page.eval_on_selector_all("#whatif-table tbody tr", "rs => rs.map(r => r.dataset.unit)")
    assert after != before and sorted(after) == sorted(before)
    open_view(page, "ranking")
    page.select_option("#node-select", "ENV")
    page.wait_for_function("!document.querySelector('#view .loading')")
    page.wait_for_selector("#ranking-table")
    env_order = page.eval_on_selector_all("#ranking-table tbody tr", "rs => rs.map(r => r.dataset.unit)")
    assert after == env_order  # all the weight on ENV ranks by ENV


def test_no_request_leaves_the_server(page):
    for view in ("ranking", "profile", "trends", "framework", "map", "audit", "whatif", "facts"):
        open_view(page, view)
    page.goto(f"{page.site}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert page.seen and all(u.startswith(page.site) for u in page.seen)
    assert any(u.endswith("/vendor/echarts.min.js") for u in page.seen)
    assert any(u.endswith("/vendor/china-provinces.geojson") for u in page.seen)
