"""Uncertainty analysis: sample (or replay) a design, evaluate it, summarise ranks and scores.

Ranks are comparable across every run; scores only across runs that put them
on the same scale.  A run's scale is set by its normalisation (min-max onto
[1, 100] and z-scores with mean 10 and sd 2 are different scales) and by
Copeland aggregation (counts of pairwise wins, not normalised scores).  The
per-unit summary therefore always holds the rank statistics, and holds score
quantiles only when every run shares the nominal build's scale; otherwise the
score quantiles come per scale (:attr:`UncertaintyResult.scores_by_scale`)
and :attr:`UncertaintyResult.note` says so.

>>> import numpy as np
>>> ranks = np.array([[1, 2], [1, 2], [2, 1], [1, 2]])
>>> s = summarise(np.zeros((4, 2)), ranks, ["A", "B"], np.zeros(2), np.array([1, 2]))
>>> s[["unit", "median_rank", "q95_rank"]].round(2).to_dict("records")
[{'unit': 'A', 'median_rank': 1.0, 'q95_rank': 1.85}, {'unit': 'B', 'median_rank': 2.0, 'q95_rank': 2.0}]
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from innoscope.audit.engine import Problem, ranks_of
from innoscope.audit.executor import Executor, as_executor
from innoscope.audit.space import Design
from innoscope.errors import E, InnoscopeError
from innoscope.index.aggregate import Agg
from innoscope.index.normalise import Norm
from innoscope.index.pipeline import build_index
from innoscope.index.settings import Settings

__all__ = [
    "RANK_COLUMNS",
    "SCALE_COLUMNS",
    "SCORE_COLUMNS",
    "UncertaintyResult",
    "plot_format",
    "plot_ranks",
    "quantile7",
    "run_uncertainty",
    "run_uncertainty_periods",
    "score_scales",
    "summarise",
]

RANK_COLUMNS = ("unit", "nominal_rank", "mean_rank", "median_rank", "q05_rank", "q95_rank", "nominal_score")
SCORE_COLUMNS = ("median_score", "q05_score", "q95_score")  # in the summary only where the runs share a scale
SCALE_COLUMNS = ("scale", "nominal_scale", "runs", "unit", "mean_score", "median_score", "q05_score", "q95_score")


@dataclass(frozen=True)
class UncertaintyResult:
    """The outcome of an uncertainty analysis of one period.

    Attributes
    ----------
    units : list of str
        Unit codes, the column order of ``scores`` and ``ranks``.
    period : object
        The period analysed.
    design : Design
        The runs evaluated.
    scores, ranks : ndarray
        Root scores and ranks, (runs, units); rank 1 is the highest score.
    summary : DataFrame
        One row per unit, sorted by nominal rank: :data:`RANK_COLUMNS` always,
        then :data:`SCORE_COLUMNS` when every run shares the nominal build's scale.
    scales : tuple of str
        A label for each score scale among the runs (e.g. ``normalise method=zscore,mean=10,sd=2``).
    scale_of_run : ndarray
        (runs,) the index in ``scales`` of each run's scale.
    nominal_scale : int or None
        The index in ``scales`` of the nominal build's scale, None when no run shares it.
    scores_by_scale : DataFrame
        Score statistics per scale and unit (:data:`SCALE_COLUMNS`).
    note : str
        One sentence on what the score columns mean.
    """

    units: list[str]
    period: object
    design: Design
    scores: np.ndarray
    ranks: np.ndarray
    summary: pd.DataFrame
    scales: tuple[str, ...]
    scale_of_run: np.ndarray
    nominal_scale: int | None
    scores_by_scale: pd.DataFrame
    note: str

    @property
    def scores_comparable(self) -> bool:
        """Whether every run's scores lie on the nominal build's scale (the summary then has score quantiles)."""
        return len(self.scales) == 1 and self.nominal_scale == 0

    def runs_table(self) -> pd.DataFrame:
        """Long table: run, unit, score, rank, scale."""
        r, u = self.scores.shape
        return pd.DataFrame(
            {
                "run": np.repeat(np.arange(1, r + 1), u),
                "unit": np.tile(self.units, r),
                "score": self.scores.ravel(),
                "rank": self.ranks.ravel(),
                "scale": np.repeat(np.array(self.scales, dtype=object)[self.scale_of_run], u),
            }
        )


def quantile7(x: np.ndarray, p: float) -> np.ndarray:
    """Column quantiles exactly as R's ``quantile(type = 7)`` computes them: (1 - h) x_lo + h x_hi.

    >>> quantile7(np.array([[1.0], [2.0], [4.0], [8.0]]), 0.5).tolist()
    [3.0]
    """
    xs = np.sort(x, axis=0)
    n = (~np.isnan(xs)).sum(axis=0)
    index = (np.maximum(n, 1) - 1) * p
    lo = np.floor(index).astype(int)
    hi = np.ceil(index).astype(int)
    cols = np.arange(xs.shape[1])
    x_lo, x_hi = xs[lo, cols], xs[hi, cols]
    h = index - lo
    q = np.where((index > lo) & (x_hi != x_lo), (1 - h) * x_lo + h * x_hi, x_lo)
    return np.where(n > 0, q, np.nan)


def _nan_stat(fn: Callable, x: np.ndarray) -> np.ndarray:
    """A column statistic that is NaN (quietly) for an all-missing column."""
    ok = ~np.isnan(x).all(axis=0)
    out = np.full(x.shape[1], np.nan)
    if ok.any():
        out[ok] = fn(x[:, ok], axis=0)
    return out


def summarise(
    scores: np.ndarray,
    ranks: np.ndarray,
    units: list[str],
    nominal_scores: np.ndarray,
    nominal_ranks: np.ndarray,
    score_stats: bool = True,
) -> pd.DataFrame:
    """Nominal, mean, median, 5th and 95th percentile (R's type 7) of ranks, and of scores if ``score_stats``."""
    data = {
        "unit": units,
        "nominal_rank": nominal_ranks,
        "mean_rank": _nan_stat(np.nanmean, ranks),
        "median_rank": _nan_stat(np.nanmedian, ranks),
        "q05_rank": quantile7(ranks, 0.05),
        "q95_rank": quantile7(ranks, 0.95),
        "nominal_score": nominal_scores,
    }
    if score_stats:
        data.update(
            {
                "median_score": _nan_stat(np.nanmedian, scores),
                "q05_score": quantile7(scores, 0.05),
                "q95_score": quantile7(scores, 0.95),
            }
        )
    out = pd.DataFrame(data)
    return out.sort_values(["nominal_rank", "unit"], kind="stable").reset_index(drop=True)


_SCALE_FIELDS = {
    Norm.MINMAX: ("l", "u"),
    Norm.ZSCORE: ("mean", "sd"),
    Norm.GOALPOSTS: ("scale",),
    Norm.FRACMAX: ("scale",),
    Norm.DIST2MAX: ("scale",),
    Norm.DIST2REF: ("scale", "reference"),
    Norm.DIST2TARG: ("scale",),
}


def _scale_key(settings: Settings) -> tuple[str, str]:
    """What fixes a run's score scale: its normalisation and whether Copeland counts replace means.

    Returns a key (equal for runs on the same scale) and a label.
    """
    norm = settings.normalise
    fields = {k: getattr(norm, k) for k in _SCALE_FIELDS.get(norm.method, ())}
    agg = settings.aggregate
    copeland = agg.method is Agg.COPELAND or any(
        agg.for_level(int(level)).method is Agg.COPELAND for level in agg.levels
    )
    label = " ".join(
        [
            f"normalise {norm.method.value}",
            *(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in fields.items()),
        ]
    )
    if norm.indicators:
        label += " (with per-indicator settings)"
    if copeland:
        label += "; copeland"
    key = json.dumps([norm.method.value, fields, norm.indicators, copeland], sort_keys=True, default=str)
    return key, label


def score_scales(problem: Problem, design: Design) -> tuple[tuple[str, ...], np.ndarray, int | None]:
    """Each run's score scale: (labels, index of each run's label, index of the nominal build's scale or None)."""
    factors = [d.name for d in problem.space.discrete if d.step in ("normalise", "aggregate")]
    nominal_key = _scale_key(problem.settings)[0]
    keys: dict[str, int] = {}
    labels: list[str] = []
    index = np.zeros(len(design), dtype=int)
    combos = design.choices.groupby(factors, sort=True).indices if factors else {(): np.arange(len(design))}
    for combo, rows in combos.items():
        combo = combo if isinstance(combo, tuple) else (combo,)
        settings = problem.settings_for(dict(zip(factors, combo, strict=True)), ("normalise", "aggregate"))
        key, label = _scale_key(settings)
        if key not in keys:
            keys[key] = len(labels)
            labels.append(label)
        index[rows] = keys[key]
    return tuple(labels), index, keys.get(nominal_key)


def _by_scale(
    scores: np.ndarray, units: list[str], scales: tuple[str, ...], of_run: np.ndarray, nominal: int | None
) -> pd.DataFrame:
    frames = []
    for s, label in enumerate(scales):
        x = scores[of_run == s]
        frames.append(
            pd.DataFrame(
                {
                    "scale": label,
                    "nominal_scale": s == nominal,
                    "runs": len(x),
                    "unit": units,
                    "mean_score": _nan_stat(np.nanmean, x),
                    "median_score": _nan_stat(np.nanmedian, x),
                    "q05_score": quantile7(x, 0.05),
                    "q95_score": quantile7(x, 0.95),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)[list(SCALE_COLUMNS)]


def _note(scales: tuple[str, ...], of_run: np.ndarray, nominal: int | None) -> str:
    if len(scales) == 1 and nominal == 0:
        return f"every run's scores lie on the nominal build's scale ({scales[0]}): score quantiles are comparable"
    counts = "; ".join(f"{label}: {int((of_run == s).sum())} runs" for s, label in enumerate(scales))
    if len(scales) == 1:
        return (
            f"the runs' scores lie on another scale than the nominal build's ({counts}); "
            "score quantiles are given per scale (scores_by_scale), ranks for all runs"
        )
    return (
        f"the runs' scores lie on {len(scales)} scales ({counts}), so score quantiles across runs would mean "
        "nothing; ranks are compared over all runs, scores within each scale (scores_by_scale)"
    )


def run_uncertainty(
    problem: Problem,
    design: Design,
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
) -> UncertaintyResult:
    """Evaluate ``design`` with ``executor`` (local by default) and summarise it against the nominal build."""
    return run_uncertainty_periods(problem, design, [problem.period], executor, progress)[problem.period]


def run_uncertainty_periods(
    problem: Problem,
    design: Design,
    periods: Sequence[object],
    executor: Executor | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[object, UncertaintyResult]:
    """:func:`run_uncertainty` for each of ``periods`` (period → result), the data steps and runs shared by all.

    The result of each period is the one :func:`run_uncertainty` gives for a
    problem of that period.
    """
    if len(design) < 2:
        raise InnoscopeError(
            E.WORKSPACE_INVALID, where="uncertainty", detail=f"{len(design)} runs; at least 2 are needed"
        )
    periods = list(periods)
    every = as_executor(executor).evaluate_periods(problem, design, periods, progress)
    nominal = build_index(problem.panel, problem.framework, problem.settings)
    units = problem.panel.unit_codes
    root = problem.framework.root
    scales, of_run, nominal_scale = score_scales(problem, design)
    comparable = len(scales) == 1 and nominal_scale == 0
    note = _note(scales, of_run, nominal_scale)
    out = {}
    for period, scores in zip(periods, every, strict=True):
        nom_scores = nominal.table(period)[root].reindex(units).to_numpy(float)
        nom_ranks = nominal.table(period, "rank")[root].reindex(units).to_numpy(float)
        ranks = ranks_of(scores)
        out[period] = UncertaintyResult(
            units=units,
            period=period,
            design=design,
            scores=scores,
            ranks=ranks,
            summary=summarise(scores, ranks, units, nom_scores, nom_ranks, score_stats=comparable),
            scales=scales,
            scale_of_run=of_run,
            nominal_scale=nominal_scale,
            scores_by_scale=_by_scale(scores, units, scales, of_run, nominal_scale),
            note=note,
        )
    return out


def plot_format(path: str | Path) -> str:
    """The plot file's format (its extension), or E321 when matplotlib cannot write it: check before computing.

    >>> plot_format("ua.svg")
    'svg'
    >>> plot_format("ua.jpg2")
    Traceback (most recent call last):
    ...
    innoscope.errors.InnoscopeError: E321 ua.jpg2: unsupported plot format: 'jpg2'; use one of avif, eps, ...
    """
    from matplotlib.backend_bases import FigureCanvasBase

    ext = Path(path).suffix.lower().lstrip(".")
    formats = sorted(FigureCanvasBase.get_supported_filetypes())
    if ext not in formats:
        raise InnoscopeError(
            E.PLOT_FORMAT, where=str(path), detail=f"{ext or 'no extension'!r}; use one of {', '.join(formats)}"
        )
    return ext


def plot_ranks(summary: pd.DataFrame, path: str | Path, title: str = "Rank uncertainty") -> Path:
    """Median rank with its 5-95% interval per unit, and the nominal rank, as an image (PNG, SVG, PDF, ...)."""
    plot_format(path)
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
