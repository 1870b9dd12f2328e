"""Counts and clusters as panel observations, with typed sources.

:func:`count_panel` turns the observations of
:func:`~innoscope.scientometrics.count.count_records` into a
:class:`~innoscope.panel.Panel` whose every value carries a
:class:`~innoscope.provenance.RecordIds` (the records file and the ids
counted); :func:`cluster_observations` writes ranked clusters as observations
whose units are the clusters, so a framework can score them like regions.

>>> import pandas as pd
>>> obs = pd.DataFrame({"unit": ["CHN"], "indicator": ["papers_whole"], "period": [2021], "value": [2.0],
...     "n_records": [2], "record_ids": ["a;b"], "source_file": ["r.parquet"], "source_sha256": [None]})
>>> p = count_panel(obs)
>>> p.source(0)
RecordIds(file='r.parquet', sha256=None, ids=('a', 'b'))
"""

from __future__ import annotations

from innoscope.provenance import RecordIds

__all__ = ["cluster_observations", "count_panel"]


def count_panel(observations):
    """A Panel of count observations, each value's source a :class:`RecordIds`."""
    import pandas as pd

    from innoscope.panel import Panel

    obs = observations.reset_index(drop=True)
    panel = Panel.from_long(obs[["unit", "indicator", "period", "value"]], source=str(obs["source_file"].iloc[0]))
    sources = [
        RecordIds(str(f), None if pd.isna(h) else str(h), tuple(ids.split(";")) if isinstance(ids, str) else ())
        for f, h, ids in zip(obs["source_file"], obs["source_sha256"], obs["record_ids"], strict=True)
    ]
    values = panel.values.assign(source=pd.Series(sources, dtype=object))
    return Panel(values, panel.units, panel.checksums)


def cluster_observations(result, period: int | str = 0, source: str = "points"):
    """Ranked clusters as long observations: unit = cluster name, indicators shares (%), masses and rank."""
    import pandas as pd

    t = result.clusters
    names = _unique(list(t["name"]), list(t["cluster"]))
    rows = []
    for col, code, scale in (
        ("paper_share", "cluster_paper_share_pct", 100.0),
        ("patent_share", "cluster_patent_share_pct", 100.0),
        ("combined_share", "cluster_combined_share_pct", 100.0),
        ("paper_mass", "cluster_papers", 1.0),
        ("patent_mass", "cluster_patents", 1.0),
        ("cluster", "cluster_rank", 1.0),
    ):
        rows.append(
            pd.DataFrame(
                {
                    "unit": names,
                    "indicator": code,
                    "period": period,
                    "value": t[col].astype(float).to_numpy() * scale,
                    "source_file": source,
                    "eps_km": result.eps_km,
                    "min_mass": result.min_mass,
                }
            )
        )
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def _unique(names: list[str], ranks: list) -> list[str]:
    """Cluster names made unique by their rank where two share a name."""
    seen: dict[str, int] = {}
    for n in names:
        seen[n] = seen.get(n, 0) + 1
    return [f"{n} ({int(r)})" if seen[n] > 1 or not n else n for n, r in zip(names, ranks, strict=True)]
