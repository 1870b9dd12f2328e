"""Charts of results, as PNG files (matplotlib, Agg backend; English labels need no CJK font)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["bar_latest", "rank_lines"]


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def rank_lines(ranks: pd.DataFrame, path: str | Path, top: int = 10) -> Path:
    """Rank by year of the ``top`` units of the latest year (columns year, rank, name_en or province)."""
    plt = _plt()
    latest = ranks["year"].max()
    label = "name_en" if "name_en" in ranks and ranks["name_en"].notna().all() else "province"
    leaders = ranks[ranks["year"] == latest].nsmallest(top, "rank")[label]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    for name in leaders:
        s = ranks[ranks[label] == name].sort_values("year")
        ax.plot(s["year"], s["rank"], marker="o", markersize=3, label=name)
    ax.invert_yaxis()
    ax.set_xlabel("year")
    ax.set_ylabel("rank")
    ax.set_title(f"Ranks over time of the top {top} in {latest}")
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def bar_latest(latest: pd.DataFrame, path: str | Path) -> Path:
    """Scores of every unit in one year, best first."""
    plt = _plt()
    label = "name_en" if "name_en" in latest and latest["name_en"].notna().all() else "province"
    s = latest.sort_values("score")
    fig, ax = plt.subplots(figsize=(7, max(4, 0.22 * len(s))))
    ax.barh(s[label], s["score"], color="tab:blue")
    ax.set_xlabel("score")
    ax.set_title(f"Index scores, {int(s['year'].iloc[0])}")
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
