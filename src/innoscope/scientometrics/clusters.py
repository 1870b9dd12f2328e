"""S&T clusters: density-based clusters of inventors' and authors' locations, as the GII draws them.

Points are geocoded addresses with a mass (the fractional count of a paper or
a patent at that address) and a kind (``paper`` or ``patent``).  Points at
identical coordinates (to 1e-6 degree, about 0.1 m) are pooled into one
location holding their mass; then DBSCAN runs on great-circle distances
(scikit-learn, haversine metric on a ball tree) with each location's mass as
its ``sample_weight``, so a location is a core point when the mass within
``eps_km`` reaches ``min_mass`` — mass, not the number of points.  The
neighbourhoods come from the tree, so memory grows with the number of
neighbours, never with n² (see ``benchmarks/scientometrics.py``).

Each cluster is named by its largest cities (``Shanghai–Suzhou``), measured
by the mass of the points in each city; clusters are ranked by the combined
share of the world's patents and papers (the cluster's patent mass over all
patent mass plus its paper mass over all paper mass, as the GII ranks its
S&T clusters), ties by total mass, then by name.  Cluster ids are ranks: 1 is
the largest.

Reference: Bergquist, Fink and Raffo (2017), "Identifying and ranking the
world's largest clusters of inventive activity", WIPO Economic Research
Working Paper 34.

>>> import numpy as np, pandas as pd
>>> pts = pd.DataFrame({"id": list("abcdef"), "lat": [31.20, 31.21, 31.22, 40.0, 40.01, 10.0],
...     "lon": [121.40, 121.41, 121.42, 116.3, 116.31, 0.0], "weight": 1.0,
...     "kind": ["paper", "patent", "paper", "paper", "paper", "paper"]})
>>> res = find_clusters(pts, eps_km=5, min_mass=2)
>>> res.clusters[["cluster", "n_points", "paper_mass", "patent_mass"]].values.tolist()
[[1.0, 3.0, 2.0, 1.0], [2.0, 2.0, 2.0, 0.0]]
>>> res.assignments["cluster"].tolist()
[1, 1, 1, 2, 2, <NA>]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from innoscope.errors import E, InnoscopeError

__all__ = ["ClusterResult", "find_clusters", "points_from_csv", "points_from_records", "pool"]

EARTH_KM = 6371.0088  # mean Earth radius (IUGG)
KINDS = ("paper", "patent")
FINE = ("district", "city", "zip", "coordinates")  # precisions fine enough to place a point


@dataclass
class ClusterResult:
    """Clusters (one row each, by rank), each point's cluster, and the parameters."""

    clusters: object  # pandas.DataFrame
    assignments: object  # pandas.DataFrame: id, cluster (<NA> for noise)
    eps_km: float
    min_mass: float
    world: dict  # total mass of each kind


def points_from_csv(path: str | Path):
    """Points from a CSV ``id, lat, lon, weight, kind``, every cell checked (file, row and column named)."""
    import numpy as np
    import pandas as pd

    from innoscope.panel import read_table

    path = Path(path)
    table = read_table(path)
    missing = [c for c in ("id", "lat", "lon") if c not in table.columns]
    if missing:
        raise InnoscopeError(
            E.RECORDS_COLUMN, where=str(path), detail=f"{', '.join(missing)} (need id, lat, lon, weight, kind)"
        )
    out = pd.DataFrame({"id": table["id"].astype(str)})
    for col, lo, hi in (("lat", -90, 90), ("lon", -180, 180), ("weight", 0, np.inf)):
        if col not in table.columns:
            out[col] = 1.0
            continue
        vals = pd.to_numeric(table[col].str.strip(), errors="coerce")
        bad = vals.isna() | ~np.isfinite(vals) | (vals < lo) | (vals > hi) | ((vals <= 0) if col == "weight" else False)
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise InnoscopeError(
                E.POINTS_INVALID, where=f"{path.name}:{i + 2}, column {col}", detail=f"{table[col].iloc[i]!r}"
            )
        out[col] = vals.astype(float)
    kind = table["kind"].str.strip().str.lower() if "kind" in table.columns else pd.Series("paper", index=table.index)
    bad = ~kind.isin(KINDS)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise InnoscopeError(E.POINTS_INVALID, where=f"{path.name}:{i + 2}, column kind", detail=f"{kind.iloc[i]!r}")
    out["kind"] = kind.to_numpy()
    dup = out["id"].duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise InnoscopeError(
            E.POINTS_INVALID, where=f"{path.name}:{i + 2}, column id", detail=f"id {out['id'].iloc[i]!r} repeats"
        )
    out["city"] = None
    return out


def points_from_records(table, counting: str = "fractional"):
    """Points from a records table: each placed address (city or finer) of a paper's authors or a patent's inventors.

    The weight is the address's fractional count (``author_frac`` for ``author-fractional``, 1 for ``whole``).
    Addresses placed only at country or province level are left out and counted in the second value returned.
    """
    import pandas as pd

    t = table[table["address_index"] >= 0]
    roles = ((t["kind"] == "paper") & t["role"].isin(["author", "reprint"])) | (
        (t["kind"] == "patent") & (t["role"] == "inventor")
    )
    t = t[roles]
    placed = t["lat"].notna() & t["lon"].notna() & t["precision"].isin(FINE)
    weight = {"fractional": "frac", "author-fractional": "author_frac"}.get(counting)
    pts = pd.DataFrame(
        {
            "id": t.loc[placed, "record_id"].astype(str) + "#" + t.loc[placed, "address_index"].astype(str),
            "lat": t.loc[placed, "lat"].astype(float),
            "lon": t.loc[placed, "lon"].astype(float),
            "weight": t.loc[placed, weight].astype(float) if weight else 1.0,
            "kind": t.loc[placed, "kind"].astype(str),
            "city": t.loc[placed, "city"].astype(object),
        }
    ).reset_index(drop=True)
    return pts, int((~placed).sum())


def pool(points):
    """Locations: the points pooled by identical coordinates (rounded to 1e-6 degree), sorted by (lat, lon).

    Returns the locations (lat, lon, paper and patent mass) and, for each point, its location's index.
    """
    import numpy as np
    import pandas as pd

    lat = np.round(points["lat"].to_numpy(float), 6)
    lon = np.round(points["lon"].to_numpy(float), 6)
    coords, loc_index = np.unique(np.column_stack([lat, lon]).reshape(-1, 2), axis=0, return_inverse=True)
    loc_index = loc_index.reshape(-1)
    uniques = pd.DataFrame({"lat": coords[:, 0], "lon": coords[:, 1]})
    w = points["weight"].to_numpy(float)
    is_patent = (points["kind"] == "patent").to_numpy()
    n = len(uniques)
    uniques["paper_mass"] = np.bincount(loc_index, weights=np.where(is_patent, 0.0, w), minlength=n)
    uniques["patent_mass"] = np.bincount(loc_index, weights=np.where(is_patent, w, 0.0), minlength=n)
    return uniques, loc_index


def _labels(locations, eps_km: float, min_mass: float):
    import numpy as np
    from sklearn.cluster import DBSCAN

    mass = (locations["paper_mass"] + locations["patent_mass"]).to_numpy()
    X = np.radians(locations[["lat", "lon"]].to_numpy())
    # core test: sum of mass within eps >= min_mass  <=>  sum of mass / min_mass >= 1
    model = DBSCAN(eps=eps_km / EARTH_KM, min_samples=1, metric="haversine", algorithm="ball_tree")
    return model.fit(X, sample_weight=mass / min_mass).labels_


def _check(eps_km: float, min_mass: float) -> None:
    import math

    if not (math.isfinite(eps_km) and eps_km > 0):
        raise InnoscopeError(E.CLUSTER_PARAMETER, where="--eps-km", detail=f"{eps_km!r}")
    if not (math.isfinite(min_mass) and min_mass > 0):
        raise InnoscopeError(E.CLUSTER_PARAMETER, where="--min-mass", detail=f"{min_mass!r}")


def _names(points, locations, loc_index, loc_cluster, n_clusters: int, top: int = 2) -> list[str]:
    """Each cluster's name: its largest cities by mass.

    A point's city is the one its record names; points without one take the nearest gazetteer
    city of their location (looked up once per location, not per point).
    """
    import numpy as np
    import pandas as pd

    from innoscope.geo.world import nearest_cities

    point_cluster = loc_cluster[loc_index]
    inside = point_cluster >= 0
    city = points["city"].astype(object).to_numpy()[inside]
    loc_in = loc_index[inside]
    missing = pd.isna(city)
    if missing.any():
        need = np.unique(loc_in[missing])
        found, _ = nearest_cities(locations["lat"].to_numpy()[need], locations["lon"].to_numpy()[need])
        by_loc = dict(zip(need.tolist(), (c.name for c in found), strict=True))
        city = city.copy()
        city[missing] = [by_loc[i] for i in loc_in[missing].tolist()]
    frame = pd.DataFrame({"cluster": point_cluster[inside], "city": city, "w": points["weight"].to_numpy()[inside]})
    mass = frame.groupby(["cluster", "city"], sort=True)["w"].sum().reset_index()
    mass = mass.sort_values(["cluster", "w", "city"], ascending=[True, False, True], kind="stable")
    names = ["" for _ in range(n_clusters)]
    for c, grp in mass.groupby("cluster", sort=True):
        names[int(c)] = "–".join(grp["city"].head(top).astype(str))
    return names


def find_clusters(points, eps_km: float = 10.0, min_mass: float = 1.0, name_cities: int = 2) -> ClusterResult:
    """Cluster ``points`` (``id, lat, lon, weight, kind`` [, ``city``]) and rank the clusters."""
    import numpy as np
    import pandas as pd

    _check(eps_km, min_mass)
    if "city" not in points.columns:
        points = points.assign(city=None)
    locations, loc_index = pool(points)
    labels = _labels(locations, eps_km, min_mass) if len(locations) else np.array([], dtype=int)
    world = {
        "paper": float(locations["paper_mass"].sum()),
        "patent": float(locations["patent_mass"].sum()),
    }
    table, relabel = _rank(locations, labels, world)
    loc_cluster = np.where(labels >= 0, relabel[np.maximum(labels, 0)] if len(relabel) else -1, -1)
    point_cluster = loc_cluster[loc_index] if len(loc_index) else np.array([], dtype=int)
    names = _names(points, locations, loc_index, loc_cluster, len(table), name_cities) if len(table) else []
    table.insert(1, "name", names)
    counts = np.bincount(point_cluster[point_cluster >= 0], minlength=len(table)) if len(table) else []
    table.insert(2, "n_points", np.asarray(counts, dtype="int64"))
    table["cluster"] = table["cluster"] + 1
    assign = pd.DataFrame(
        {
            "id": points["id"].astype(str).to_numpy(),
            "cluster": pd.array(np.where(point_cluster >= 0, point_cluster + 1, -1), dtype="Int64"),
        }
    )
    assign.loc[point_cluster < 0, "cluster"] = pd.NA
    return ClusterResult(table, assign, eps_km, min_mass, world)


def _rank(locations, labels, world):
    """The cluster table (0-based cluster = rank - 1) and the map from DBSCAN labels to it."""
    import numpy as np
    import pandas as pd

    n = int(labels.max()) + 1 if len(labels) and labels.max() >= 0 else 0
    cols = [
        "cluster",
        "lat",
        "lon",
        "n_locations",
        "paper_mass",
        "patent_mass",
        "paper_share",
        "patent_share",
        "combined_share",
    ]
    if n == 0:
        return pd.DataFrame(columns=cols), np.array([], dtype=int)
    inside = labels >= 0
    lab = labels[inside]
    paper = np.bincount(lab, weights=locations["paper_mass"].to_numpy()[inside], minlength=n)
    patent = np.bincount(lab, weights=locations["patent_mass"].to_numpy()[inside], minlength=n)
    total = paper + patent
    # mass-weighted centroid on the unit sphere
    la, lo = np.radians(locations["lat"].to_numpy()[inside]), np.radians(locations["lon"].to_numpy()[inside])
    w = (locations["paper_mass"] + locations["patent_mass"]).to_numpy()[inside]
    xyz = np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=1) * w[:, None]
    acc = np.zeros((n, 3))
    np.add.at(acc, lab, xyz)
    lat = np.degrees(np.arctan2(acc[:, 2], np.hypot(acc[:, 0], acc[:, 1])))
    lon = np.degrees(np.arctan2(acc[:, 1], acc[:, 0]))
    paper_share = paper / world["paper"] if world["paper"] > 0 else np.zeros(n)
    patent_share = patent / world["patent"] if world["patent"] > 0 else np.zeros(n)
    combined = paper_share + patent_share
    # rank: combined share, then total mass, then the first location (deterministic)
    first = np.full(n, len(labels))
    np.minimum.at(first, lab, np.flatnonzero(inside))
    order = np.lexsort((first, -total, -combined))
    relabel = np.empty(n, dtype=int)
    relabel[order] = np.arange(n)
    table = pd.DataFrame(
        {
            "cluster": np.arange(n),
            "lat": lat[order].round(6),
            "lon": lon[order].round(6),
            "n_locations": np.bincount(lab, minlength=n)[order],
            "paper_mass": paper[order].round(9),
            "patent_mass": patent[order].round(9),
            "paper_share": paper_share[order],
            "patent_share": patent_share[order],
            "combined_share": combined[order],
        }
    )
    return table, relabel
