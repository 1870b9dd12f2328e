"""S&T clusters on synthetic points with known clusters, pooling, mass, naming, ranking and sensitivity."""

import numpy as np
import pandas as pd
import pytest

from innoscope.errors import InnoscopeError
from innoscope.scientometrics.clusters import EARTH_KM, find_clusters, points_from_csv, pool
from innoscope.scientometrics.sensitivity import cluster_sensitivity

# five hubs far apart; in each, points within ~2 km of the centre
CENTRES = {
    "Shanghai": (31.23, 121.47, 400, 0.25),  # name, lat, lon, points, patent fraction
    "Boston": (42.36, -71.06, 250, 0.5),
    "Tokyo": (35.68, 139.69, 300, 0.6),
    "London": (51.51, -0.13, 150, 0.0),
    "Beijing": (39.90, 116.40, 200, 0.3),
}


def synthetic(seed=1):
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for k, (city, (lat, lon, n, pat)) in enumerate(CENTRES.items()):
        dlat = rng.normal(0, 0.006, n)  # ~0.7 km
        dlon = rng.normal(0, 0.006, n) / np.cos(np.radians(lat))
        kinds = np.where(rng.random(n) < pat, "patent", "paper")
        w = rng.choice([0.25, 0.5, 1.0], n)
        for i in range(n):
            rows.append((f"{city}{i}", lat + dlat[i], lon + dlon[i], w[i], kinds[i], city))
            truth.append(k)
    # isolated points: remote places, each far from everything, each too light to be a cluster
    for j, (lat, lon) in enumerate([(-45.0, -120.0), (-60.0, 10.0), (10.0, -30.0), (70.0, -40.0), (-30.0, 80.0)]):
        rows.append((f"noise{j}", lat, lon, 1.0, "paper", None))
        truth.append(-1)
    pts = pd.DataFrame(rows, columns=["id", "lat", "lon", "weight", "kind", "city"])
    return pts, np.array(truth)


def test_known_clusters_are_recovered_exactly():
    pts, truth = synthetic()
    res = find_clusters(pts, eps_km=10, min_mass=5)
    assert len(res.clusters) == 5
    got = res.assignments["cluster"].to_numpy(dtype="float", na_value=np.nan)
    assert np.isnan(got[truth < 0]).all()
    # the same partition: each true cluster is exactly one found cluster, and back
    pairs = set(zip(truth[truth >= 0], got[truth >= 0].astype(int), strict=True))
    assert len(pairs) == 5 and len({a for a, _ in pairs}) == 5 and len({b for _, b in pairs}) == 5
    # named by their city, ranked by the combined share of papers and patents
    w, kind, city = pts["weight"].to_numpy(), pts["kind"].to_numpy(), pts["city"].to_numpy()
    share = {}
    for c in CENTRES:
        inside = city == c
        share[c] = w[inside & (kind == "paper")].sum() / w[kind == "paper"].sum() + (
            w[inside & (kind == "patent")].sum() / w[kind == "patent"].sum()
        )
    expected_order = sorted(CENTRES, key=lambda c: -share[c])
    assert res.clusters["name"].tolist() == expected_order
    np.testing.assert_allclose(res.clusters["combined_share"], [share[c] for c in expected_order], rtol=1e-12)
    assert res.clusters["n_points"].tolist() == [CENTRES[c][2] for c in expected_order]
    top = res.clusters.iloc[0]
    lat, lon = CENTRES[top["name"]][:2]
    assert abs(top["lat"] - lat) < 0.01 and abs(top["lon"] - lon) < 0.01


def test_pooling_identical_coordinates_changes_nothing():
    pts, _ = synthetic()
    halves = pd.concat([pts.assign(weight=pts.weight / 2), pts.assign(weight=pts.weight / 2, id=pts.id + "b")])
    a, b = find_clusters(pts, 10, 5), find_clusters(halves, 10, 5)
    cols = ["cluster", "name", "n_locations", "paper_mass", "patent_mass"]
    pd.testing.assert_frame_equal(a.clusters[cols], b.clusters[cols])
    locations, index = pool(halves)
    assert len(locations) == len(pts) and (index[: len(pts)] == index[len(pts) :]).all()


def test_the_core_test_uses_mass_not_the_number_of_points():
    many_light = pd.DataFrame(
        {
            "id": [f"l{i}" for i in range(10)],
            "lat": 10 + np.arange(10) * 1e-4,
            "lon": 20.0,
            "weight": 0.1,
            "kind": "paper",
        }
    )
    one_heavy = pd.DataFrame({"id": ["h"], "lat": [-10.0], "lon": [-20.0], "weight": [5.0], "kind": ["patent"]})
    res = find_clusters(pd.concat([many_light, one_heavy], ignore_index=True), eps_km=5, min_mass=2)
    assert res.clusters["n_points"].tolist() == [1]
    assert res.assignments.set_index("id")["cluster"].isna().sum() == 10


def test_names_are_the_largest_cities_by_mass():
    pts = pd.DataFrame(
        {
            "id": list("abcd"),
            "lat": [31.2, 31.21, 31.22, 31.23],
            "lon": [121.4, 121.41, 121.42, 121.43],
            "weight": [1, 3, 2, 1],
            "kind": "paper",
            "city": ["X", "Y", "Z", "X"],
        }
    )
    assert find_clusters(pts, 10, 1).clusters["name"].tolist() == ["Y–X"]  # Y 3, X 2, Z 2: ties by name
    from innoscope.geo import cities_named

    unnamed = find_clusters(pts.drop(columns="city"), 10, 1).clusters["name"].iloc[0]
    near = [
        c for c in cities_named(unnamed.split("–")[0], "CN") if abs(c.lat - 31.2) < 0.1 and abs(c.lon - 121.4) < 0.1
    ]
    assert near  # without a city column, the nearest gazetteer city names the cluster


def test_a_large_radius_merges_and_a_large_minimum_dissolves():
    pts, _ = synthetic()
    assert len(find_clusters(pts, eps_km=2000, min_mass=5).clusters) == 3  # Shanghai-Beijing-Tokyo, Boston, London
    assert len(find_clusters(pts, eps_km=10, min_mass=1e6).clusters) == 0


def test_sensitivity_reports_stability():
    pts, _ = synthetic()
    s = cluster_sensitivity(pts, [5, 10, 20], [5, 20], baseline=(10, 5))
    assert len(s.runs) == 6 * 5
    assert (s.stability["stability"] == 1.0).all() and (s.stability["found"] == 1.0).all()
    merged = cluster_sensitivity(pts, [10, 2000], [5], baseline=(10, 5)).stability.set_index("name")
    assert merged.loc["London", "stability"] == 1.0  # alone at any radius
    assert merged.loc["Beijing", "stability"] < 0.8  # absorbed into an East Asian cluster at 2,000 km


def test_clusters_are_units_a_framework_scores():
    from innoscope.frameworks import Framework, Node
    from innoscope.index.pipeline import build_index
    from innoscope.index.settings import parse_settings
    from innoscope.panel import Panel
    from innoscope.scientometrics.outputs import cluster_observations

    pts, _ = synthetic()
    obs = cluster_observations(find_clusters(pts, 10, 5), period=2021)
    fw = Framework.from_nodes(
        [
            Node("Index", None),
            Node("cluster_paper_share_pct", "Index"),
            Node("cluster_patent_share_pct", "Index"),
        ]
    )
    panel = Panel.from_long(obs, source="clusters.csv")
    settings = parse_settings({"treat": {"enabled": False}, "normalise": {"method": "minmax", "l": 0, "u": 100}})
    scores = build_index(panel, fw, settings).scores
    root = scores[scores.node == "Index"].set_index("unit")["score"]
    assert set(root.index) == set(CENTRES)
    papers = obs[obs.indicator == "cluster_paper_share_pct"].set_index("unit")["value"]
    patents = obs[obs.indicator == "cluster_patent_share_pct"].set_index("unit")["value"]
    # min-max 0-100 of each share, equal weights
    mm = lambda s: 100 * (s - s.min()) / (s.max() - s.min())  # noqa: E731
    np.testing.assert_allclose(root.sort_index(), ((mm(papers) + mm(patents)) / 2).sort_index(), atol=1e-9)


def test_points_csv_is_checked_cell_by_cell(tmp_path):
    f = tmp_path / "pts.csv"
    f.write_text("id,lat,lon,weight,kind\na,31.2,121.4,1,paper\nb,95,121.4,1,paper\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match=r"E607 pts.csv:3, column lat"):
        points_from_csv(f)
    f.write_text("id,lat,lon,weight,kind\na,31.2,121.4,0,paper\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match="column weight"):
        points_from_csv(f)
    f.write_text("id,lat,lon,weight,kind\na,31.2,121.4,1,book\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match="column kind"):
        points_from_csv(f)
    f.write_text("id,lat,lon,weight,kind\na,31.2,121.4,1,paper\na,31.3,121.4,1,paper\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match="repeats"):
        points_from_csv(f)
    with pytest.raises(InnoscopeError, match="E608"):
        find_clusters(pd.DataFrame({"id": ["a"], "lat": [0.0], "lon": [0.0], "weight": [1.0], "kind": ["paper"]}), 0, 1)


def test_distance_is_great_circle():
    # two points 0.1° of longitude apart at 60°N are 5.56 km apart, at the equator 11.1 km
    d60 = 2 * EARTH_KM * np.arcsin(np.cos(np.radians(60)) * np.sin(np.radians(0.05)))
    pts = pd.DataFrame(
        {"id": list("abcd"), "lat": [60, 60, 0, 0], "lon": [10, 10.1, 10, 10.1], "weight": 1.0, "kind": "paper"}
    )
    res = find_clusters(pts, eps_km=d60 + 0.01, min_mass=2)
    assert res.assignments["cluster"].isna().tolist() == [False, False, True, True]
