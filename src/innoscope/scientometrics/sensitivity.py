"""How the cluster ranking moves with the radius and the minimum mass.

Every combination of ``eps_km`` and ``min_mass`` is one run of
:func:`~innoscope.scientometrics.clusters.find_clusters`.  Each cluster of the
baseline run is followed through the others: its match in a run is the
cluster holding most of its mass, and the mass-weighted Jaccard index
``mass(A ∩ B) / mass(A ∪ B)`` says how much of it is the same cluster.  A
cluster's **stability** is the mean Jaccard index over the runs (1: the same
cluster whatever the parameters; 0: it dissolves), reported with the ranks its
matches take (best and worst) and the share of runs in which it is found
(Jaccard ≥ 0.5).

>>> import pandas as pd
>>> pts = pd.DataFrame({"id": [str(i) for i in range(6)], "lat": [0, 0, 0.01, 5, 5, 5.01],
...     "lon": [0, 0.01, 0, 5, 5.01, 5], "weight": [1, 1, 1, 2, 2, 2], "kind": "paper", "city": list("aaabbb")})
>>> s = cluster_sensitivity(pts, [5, 10], [1, 2], baseline=(5, 2))
>>> s.stability[["cluster", "name", "stability", "rank_best", "rank_worst", "found"]].values.tolist()
[[1, 'b', 1.0, 1, 1, 1.0], [2, 'a', 1.0, 2, 2, 1.0]]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from innoscope.scientometrics.clusters import find_clusters

__all__ = ["Sensitivity", "cluster_sensitivity"]


@dataclass
class Sensitivity:
    """``runs``: every run's ranking; ``stability``: each baseline cluster across the runs."""

    runs: object  # pandas.DataFrame: eps_km, min_mass, cluster (rank), name, combined_share, paper_mass, patent_mass
    stability: object  # pandas.DataFrame: cluster, name, combined_share, stability, rank_best, rank_worst, found


def cluster_sensitivity(
    points, eps_values: Sequence[float], min_masses: Sequence[float], baseline: tuple[float, float] | None = None
) -> Sensitivity:
    """Rank clusters for every (eps_km, min_mass) pair and measure each baseline cluster's stability."""
    import numpy as np
    import pandas as pd

    eps_values, min_masses = sorted(set(map(float, eps_values))), sorted(set(map(float, min_masses)))
    if baseline is None:
        baseline = (eps_values[len(eps_values) // 2], min_masses[len(min_masses) // 2])
    base = find_clusters(points, *baseline)
    w = points["weight"].to_numpy(float)
    base_lab = base.assignments["cluster"].fillna(0).astype(int).to_numpy()
    base_mass = np.bincount(base_lab, weights=w, minlength=len(base.clusters) + 1)
    rows, scores = [], {c: [] for c in base.clusters["cluster"].astype(int)}
    ranks: dict[int, list[int]] = {c: [] for c in scores}
    for eps in eps_values:
        for m in min_masses:
            run = base if (eps, m) == tuple(map(float, baseline)) else find_clusters(points, eps, m)
            t = run.clusters
            rows.append(
                t[["cluster", "name", "combined_share", "paper_mass", "patent_mass", "n_points"]].assign(
                    eps_km=eps, min_mass=m
                )
            )
            lab = run.assignments["cluster"].fillna(0).astype(int).to_numpy()
            run_mass = np.bincount(lab, weights=w, minlength=len(t) + 1)
            both = pd.DataFrame({"b": base_lab, "r": lab, "w": w})
            both = both[(both.b > 0) & (both.r > 0)].groupby(["b", "r"])["w"].sum().reset_index()
            best = both.sort_values(["b", "w", "r"], ascending=[True, False, True]).drop_duplicates("b")
            found = dict(zip(best["b"], zip(best["r"], best["w"], strict=True), strict=True))
            for c in scores:
                if c in found:
                    r, inter = found[c]
                    scores[c].append(inter / (base_mass[c] + run_mass[r] - inter))
                    ranks[c].append(int(r))
                else:
                    scores[c].append(0.0)
    runs = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    if len(runs):
        runs = runs[
            ["eps_km", "min_mass", "cluster", "name", "combined_share", "paper_mass", "patent_mass", "n_points"]
        ]
    stab = base.clusters[["cluster", "name", "combined_share"]].copy()
    stab["cluster"] = stab["cluster"].astype(int)
    stab["stability"] = [float(np.mean(scores[c])) for c in stab["cluster"]]
    stab["rank_best"] = [min(ranks[c]) if ranks[c] else pd.NA for c in stab["cluster"]]
    stab["rank_worst"] = [max(ranks[c]) if ranks[c] else pd.NA for c in stab["cluster"]]
    stab["found"] = [float(np.mean(np.asarray(scores[c]) >= 0.5)) for c in stab["cluster"]]
    stab["baseline_eps_km"], stab["baseline_min_mass"] = float(baseline[0]), float(baseline[1])
    return Sensitivity(runs, stab)
