"""The European Innovation Scoreboard 2023 database, and the Summary Innovation Index rebuilt from it.

The sheet holds every row twice (``Level`` 0 and 1); the ``Level == 0`` half is
kept (39 countries x 45 measures x 8 years).  All values are already normalised
scores relative to the EU in 2016 (= 100), so the rebuild is the EIS method's
last step: the unweighted mean of a country's indicator scores.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.datasets.registry import SOURCES, require
from innoscope.errors import E, InnoscopeError

__all__ = ["compare_sii", "eu_reference_weights", "load_eis", "rebuild_sii"]


def load_eis(data_dir: str | Path | None = None, verify: bool = True) -> tuple[pd.DataFrame, int]:
    """Long table (country, name, year, code, indicator, depth, value) and the number of duplicate rows dropped."""
    root = require("eis-2023", data_dir, verify=verify)
    path = root / SOURCES["eis-2023"].files[0].path
    try:
        raw = pd.read_excel(path, sheet_name="Sheet 1", engine="calamine")
    except Exception as exc:
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=f"{type(exc).__name__}: {exc}") from None
    kept = raw[raw["Level"] == 0]
    dropped = len(raw) - len(kept)
    out = pd.DataFrame(
        {
            "country": kept["Country"].astype(str),
            "name": kept["CountryName"].astype(str),
            "year": kept["Year"].astype(int),
            "code": kept["Numbers"].astype(str),
            "indicator": kept["Indicator"].astype(str),
            "depth": kept["DigitCount"].astype(int),
            "value": pd.to_numeric(kept["Value"], errors="coerce"),
            "row": kept.index.to_numpy() + 2,
        }
    )
    if out.duplicated(["country", "year", "code"]).any():
        raise InnoscopeError(
            E.DUPLICATE_ROWS, where=str(path), detail="duplicate (country, year, measure) after dropping Level 1"
        )
    return out, dropped


def _design(eis: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    ind = eis[eis["depth"] == 3].pivot_table(index=["country", "year"], columns="code", values="value")
    R = ind.to_numpy()
    avail = ~np.isnan(R)
    return ind, np.where(avail, R, 0.0) / avail.sum(axis=1)[:, None]


def eu_reference_weights(eis: pd.DataFrame, years: tuple[int, ...] | None = None) -> pd.Series:
    """The EU's 2016 normalised score of each indicator (mean 1), pinned down by the published SII.

    The file's indicator values are relative to the EU in 2016 (r = n / e x 100), while the SII is
    the mean of the normalised scores n relative to the EU's 2016 mean.  So SII = mean over the
    available indicators of r x e (with e scaled to mean 1): linear in e, solved by least squares
    over the country-years of ``years`` (all by default).
    """
    ind, A = _design(eis)
    pub = eis[eis["depth"] == 1].set_index(["country", "year"])["value"].reindex(ind.index).to_numpy()
    rows = np.ones(len(A), bool) if years is None else ind.index.get_level_values("year").isin(years)
    w, *_ = np.linalg.lstsq(A[rows], pub[rows], rcond=None)
    return pd.Series(w, index=ind.columns, name="eu_2016_score")


def rebuild_sii(eis: pd.DataFrame, weights: pd.Series | None = None) -> pd.DataFrame:
    """SII per country and year: the mean of the available indicator scores (depth 3).

    Without ``weights`` it is the plain mean of the relative scores in the file; with the EU
    reference weights of :func:`eu_reference_weights` it is the EIS's mean of normalised scores.
    """
    ind, A = _design(eis)
    w = np.ones(A.shape[1]) if weights is None else weights.reindex(ind.columns).to_numpy()
    sii = A @ w
    out = pd.DataFrame({"sii": sii, "indicators": (~np.isnan(ind.to_numpy())).sum(axis=1)}, index=ind.index)
    return out.reset_index()


def compare_sii(eis: pd.DataFrame, weights: pd.Series | None = None) -> pd.DataFrame:
    """Rebuilt against published SII, with the difference and both ranks within each year."""
    pub = eis[eis["depth"] == 1][["country", "year", "value"]].rename(columns={"value": "published"})
    both = rebuild_sii(eis, weights).merge(pub, on=["country", "year"])
    both["difference"] = both["sii"] - both["published"]
    both["rank_rebuilt"] = both.groupby("year")["sii"].rank(ascending=False, method="min")
    both["rank_published"] = both.groupby("year")["published"].rank(ascending=False, method="min")
    return both.assign(abs_difference=np.abs(both["difference"]))
