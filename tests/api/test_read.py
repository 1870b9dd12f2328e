"""Read endpoints against the results layer: the same numbers, with run ids, hashes, pages and CSV."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from innoscope.geo import PROVINCES
from innoscope.results import Results


@pytest.fixture(scope="module")
def results(provinces):
    return Results(provinces / "innoscope.duckdb")


def test_ranking_lists_the_31_provinces_as_the_results_layer_does(reader, results):
    r = reader.get("/api/v1/runs/latest/ranking")
    assert r.status_code == 200
    rows = r.json()
    expected = results.ranking()
    assert [(x["unit"], x["rank"], x["change"]) for x in rows] == [(m.unit, m.rank, m.change) for m in expected]
    assert len(rows) == 31 and {x["unit"] for x in rows} == set(PROVINCES)
    run = results.run()
    assert all(x["run_id"] == run.run_id and x["settings_hash"] == run.settings_hash for x in rows)
    assert all(x["framework_hash"] == run.framework_hash and len(x["framework_hash"]) == 64 for x in rows)


def test_scores_come_in_pages_and_as_csv_with_their_trace(reader, results):
    run = results.run()
    whole = reader.get("/api/v1/runs/1/scores", params={"period": "2023", "limit": 100000}).json()
    assert whole["total"] == 31 * 10  # 31 provinces × (index, 3 dimensions, 6 indicators)
    page = reader.get("/api/v1/runs/1/scores", params={"period": "2023", "offset": 40, "limit": 25}).json()
    assert page["total"] == 310 and page["offset"] == 40 and page["items"] == whole["items"][40:65]
    csv_text = reader.get("/api/v1/runs/1/scores", params={"period": "2023", "limit": 100000, "format": "csv"})
    assert csv_text.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(csv_text.text.lstrip("\ufeff"))))
    assert len(table) == 310
    first = whole["items"][0]
    assert table[0]["unit"] == first["unit"] and float(table[0]["score"]) == pytest.approx(first["score"], abs=1e-12)
    assert {row["settings_hash"] for row in table} == {run.settings_hash}
    assert first["source"] == {
        "kind": "score",
        "run_id": 1,
        "node": first["node"],
        "unit": first["unit"],
        "period": "2023",
    }


def test_units_carry_codes_and_english_names_and_the_framework_its_tree(reader):
    units = {u["code"]: u for u in reader.get("/api/v1/runs/1/units").json()}
    assert units["上海"]["name"] == "上海市" and units["上海"]["region_code"] == "310000"
    assert units["内蒙古"]["name_en"] == "Inner Mongolia"
    nodes = reader.get("/api/v1/runs/1/framework").json()
    assert [n["code"] for n in nodes if n["parent"] == "STI"] == ["ENV", "INP", "OUT"]
    assert {n["code"]: n["is_indicator"] for n in nodes}["patents"] is True
    fws = reader.get("/api/v1/frameworks").json()
    assert len(fws) == 1 and fws[0]["runs"] == [1] and len(fws[0]["nodes"]) == 10


def test_movement_streaks_records_and_the_profile_agree_with_the_results_layer(reader, results):
    top = results.ranking()[0].unit
    streak = reader.get(f"/api/v1/runs/1/units/{top}/streak").json()
    s = results.streak(1, top)
    assert (streak["rank"], streak["length"], streak["since"]) == (1, s.length, s.since)
    prof = reader.get(f"/api/v1/runs/1/units/{top}/profile").json()
    assert prof["unit"]["code"] == top and prof["period"] == 2023
    assert len(prof["scores"]) == 10 * 5  # every node, every year
    assert [i["unit"] for i in prof["intervals"]] == [top]
    assert prof["intervals"][0]["nominal_rank"] == 1
    movers = reader.get("/api/v1/runs/1/movers", params={"n": 2}).json()
    up, _ = results.movers(1, n=2)
    assert [m["unit"] for m in movers["up"]] == [m.unit for m in up]


def test_provenance_reaches_the_cells_of_the_data_file(reader, provinces):
    p = reader.get("/api/v1/runs/1/provenance", params={"node": "ENV", "unit": "上海", "period": "2023"}).json()
    assert [c["node"] for c in p["children"]] == ["rd_share", "firms"]
    obs = {o["indicator"]: o for o in p["observations"]}
    assert set(obs) == {"rd_share", "firms"}
    src = obs["rd_share"]["source"]
    assert src["kind"] == "file" and src["file"] == "data.csv" and src["column"] == "rd_share"
    lines = (provinces / "data.csv").read_text(encoding="utf-8").splitlines()
    header, row = lines[0].split(","), lines[src["row"] - 1].split(",")  # row 1 is the header
    assert row[0] == "上海" and row[2] == "2023"
    assert float(row[header.index("rd_share")]) == pytest.approx(obs["rd_share"]["value"])


def test_what_if_with_the_runs_weights_gives_back_its_ranking(reader, results):
    base = reader.get("/api/v1/runs/1/whatif").json()
    stored = {m.unit: m for m in results.ranking()}
    assert base["run_weights"] == pytest.approx({"ENV": 1 / 3, "INP": 1 / 3, "OUT": 1 / 3})
    for row in base["rows"]:
        assert row["rank"] == stored[row["unit"]].rank and row["change"] == 0
        assert row["score"] == pytest.approx(stored[row["unit"]].score, abs=1e-9)


def test_what_if_all_weight_on_one_dimension_ranks_by_that_dimension(reader, results):
    out = reader.get("/api/v1/runs/1/whatif", params={"weights": "ENV:1,INP:0,OUT:0"}).json()
    env = {m.unit: m for m in results.ranking(1, node="ENV")}
    assert [r["unit"] for r in out["rows"]] == [m.unit for m in results.ranking(1, node="ENV")]
    assert all(r["score"] == pytest.approx(env[r["unit"]].score) for r in out["rows"])
    assert any(r["change"] for r in out["rows"])
    twice = reader.get("/api/v1/runs/1/whatif", params={"weights": "ENV:2"}).json()  # ENV 2 : 1/3 : 1/3
    wide = results.score_frame(1, period=2023).pivot(index="unit", columns="node", values="score")
    expect = (2 * wide["ENV"] + wide["INP"] / 3 + wide["OUT"] / 3) / (2 + 2 / 3)
    got = {r["unit"]: r["score"] for r in twice["rows"]}
    assert np.allclose([got[u] for u in wide.index], expect.to_numpy())


@pytest.mark.parametrize(
    ("weights", "where"),
    [("XYZ:1", "weights"), ("ENV:abc", "weights: ENV"), ("ENV:-1", "weights: ENV"), ("ENV:0,INP:0,OUT:0", "weights")],
)
def test_bad_what_if_weights_are_named(reader, weights, where):
    r = reader.get("/api/v1/runs/1/whatif", params={"weights": weights})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "E807" and r.json()["error"]["where"] == where


def test_audits_intervals_and_sobol_indices(reader, results):
    audits = reader.get("/api/v1/audits", params={"run": 1}).json()
    assert [a["kind"] for a in audits] == ["uncertainty", "sensitivity"]
    rows = reader.get(f"/api/v1/audits/{audits[0]['audit_id']}/intervals").json()
    assert len(rows) == 31
    stored = {i.unit: i for i in results.intervals(audits[0]["audit_id"])}
    assert all(r["q05_rank"] <= r["median_rank"] <= r["q95_rank"] for r in rows)
    assert all(r["median_rank"] == stored[r["unit"]].median_rank for r in rows)
    sobol = reader.get(f"/api/v1/audits/{audits[1]['audit_id']}/sobol").json()
    assert {s["factor"] for s in sobol} == {"weights", "normalise"}
    wrong = reader.get(f"/api/v1/audits/{audits[1]['audit_id']}/intervals")
    assert wrong.status_code == 404 and wrong.json()["error"]["code"] == "E408"


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/runs/9", 404, "E401"),
        ("/api/v1/runs/1/scores?node=NOPE", 404, "E407"),
        ("/api/v1/runs/1/ranking?period=1999", 404, "E407"),
        ("/api/v1/runs/abc/scores", 422, "E807"),
        ("/api/v1/runs/1/scores?limit=0", 422, "E807"),
        ("/api/v1/documents/" + "ab" * 32, 404, "E808"),
        ("/api/v1/nothing-here", 404, "E808"),
    ],
)
def test_errors_are_catalogue_bodies_with_4xx(reader, url, status, code):
    r = reader.get(url)
    assert r.status_code == status
    body = r.json()["error"]
    assert body["code"] == code and body["title"] and body["advice"]
    assert "Traceback" not in r.text


def test_a_wrong_method_is_405_from_the_catalogue(reader):
    r = reader.delete("/api/v1/runs", headers={"Authorization": "Bearer test-token-0123456789abcdef"})
    assert r.status_code == 405 and r.json()["error"]["code"] == "E814"


def test_docs_and_dashboard_load_only_the_servers_own_assets(reader):
    docs = reader.get("/docs").text
    assert "/vendor/swagger-ui-bundle.js" in docs and "cdn" not in docs and "https://" not in docs
    page = reader.get("/").text
    assert 'src="/vendor/echarts.min.js"' in page
    assert "http://" not in page and "https://" not in page
    spec = reader.get("/openapi.json").json()
    assert spec["paths"]["/api/v1/documents"]["post"]["security"] == [{"HTTPBearer": []}]
    assert "/api/v1/runs/{run}/scores" in spec["paths"]
