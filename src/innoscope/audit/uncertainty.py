"""Uncertainty analysis: sample (or replay) a design, evaluate it, summarise ranks and scores.

>>> import numpy as np
>>> ranks = np.array([[1, 2], [1, 2], [2, 1], [1, 2]])
>>> s = summarise(np.zeros((4, 2)), ranks, ["A", "B"], np.zeros(2), np.array([1, 2]))
>>> s[["unit", "median_rank", "q95_rank"]].round(2).to_dict("records")
[{'unit': 'A', 'median_rank': 1.0, 'q95_rank': 1.85}, {'unit': 'B', 'median_rank': 2.0, 'q95_rank': 2.0}]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.audit.engine import Problem, evaluate, evaluate_dask, ranks_of
from innoscope.audit.space import Design
from innoscope.errors import E, InnoscopeError
from innoscope.index.pipeline import build_index

__all__ = ["UncertaintyResult", "plot_ranks", "run_uncertainty", "summarise"]


@dataclass(frozen=True)
class UncertaintyResult:
    """Per-run root scores and ranks (runs, units), the design, and the per-unit summary."""

    units: list[str]
    design: Design
    scores: np.ndarray
    ranks: np.ndarray
    summary: pd.DataFrame

    def runs_table(self) -> pd.DataFrame:
        """Long table: run, unit, score, rank."""
        r, u = self.scores.shape
        return pd.DataFrame(
            {
                "run": np.repeat(np.arange(1, r + 1), u),
                "unit": np.tile(self.units, r),
                "score": self.scores.ravel(),
                "rank": self.ranks.ravel(),
            }
        )


def quantile7(x: np.ndarray, p: float) -> np.ndarray:
    """Column quantiles exactly as R's ``quantile(type = 7)`` computes them: (1 - h) x_lo + h x_hi.

    >>> quantile7(np.array([[1.0], [2.0], [4.0], [8.0]]), 0.5).tolist()
    [3.0]
    """
    xs = np.sort(x, axis=0)
    n = (~np.isnan(xs)).sum(axis=0)
    index = (n - 1) * p
    lo = np.floor(index).astype(int)
    hi = np.ceil(index).astype(int)
    cols = np.arange(xs.shape[1])
    x_lo, x_hi = xs[lo, cols], xs[hi, cols]
    h = index - lo
    return np.where((index > lo) & (x_hi != x_lo), (1 - h) * x_lo + h * x_hi, x_lo)


def summarise(
    scores: np.ndarray, ranks: np.ndarray, units: list[str], nominal_scores: np.ndarray, nominal_ranks: np.ndarray
) -> pd.DataFrame:
    """Nominal, mean, median, 5th and 95th percentile (R's type 7) of ranks and scores per unit."""
    out = pd.DataFrame(
        {
            "unit": units,
            "nominal_rank": nominal_ranks,
            "mean_rank": np.nanmean(ranks, axis=0),
            "median_rank": np.nanmedian(ranks, axis=0),
            "q05_rank": quantile7(ranks, 0.05),
            "q95_rank": quantile7(ranks, 0.95),
            "nominal_score": nominal_scores,
            "median_score": np.nanmedian(scores, axis=0),
            "q05_score": quantile7(scores, 0.05),
            "q95_score": quantile7(scores, 0.95),
        }
    )
    return out.sort_values(["nominal_rank", "unit"], kind="stable").reset_index(drop=True)


def run_uncertainty(
    problem: Problem, design: Design, engine: str = "local", client=None, progress: Callable[[int], None] | None = None
) -> UncertaintyResult:
    """Evaluate ``design`` with the chosen engine and summarise it against the nominal build."""
    if len(design) < 2:
        raise InnoscopeError(
            E.WORKSPACE_INVALID, where="uncertainty", detail=f"{len(design)} runs; at least 2 are needed"
        )
    if engine == "local":
        scores = evaluate(problem, design, progress)
    elif engine == "dask":
        scores = evaluate_dask(problem, design, client, progress=progress)
    else:
        raise InnoscopeError(E.UNKNOWN_METHOD, where="--engine", detail=f"{engine!r}; use local or dask")
    nominal = build_index(problem.panel, problem.framework, problem.settings)
    units = problem.panel.unit_codes
    root = problem.framework.root
    nom_scores = nominal.table(problem.period)[root].reindex(units).to_numpy(float)
    nom_ranks = nominal.table(problem.period, "rank")[root].reindex(units).to_numpy(float)
    ranks = ranks_of(scores)
    summary = summarise(scores, ranks, units, nom_scores, nom_ranks)
    return UncertaintyResult(units, design, scores, ranks, summary)


def plot_ranks(summary: pd.DataFrame, path: str | Path, title: str = "Rank uncertainty") -> Path:
    """Median rank with its 5-95% interval per unit, and the nominal rank, as a PNG or SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    s = summary.sort_values("median_rank", kind="stable")
    fig, ax = plt.subplots(figsize=(max(6, 0.18 * len(s)), 4))
    x = np.arange(len(s))
    ax.vlines(x, s["q05_rank"], s["q95_rank"], color="0.6", linewidth=3, label="5–95%")
    ax.scatter(x, s["median_rank"], color="black", s=12, zorder=3, label="median")
    ax.scatter(x, s["nominal_rank"], color="tab:red", marker="x", s=14, zorder=4, label="nominal")
    ax.set_xticks(x, s["unit"], rotation=90, fontsize=7)
    ax.invert_yaxis()
    ax.set_ylabel("rank")
    ax.set_title(title)
    ax.legend(fontsize=7)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
