"""Charts of results (matplotlib, Agg): rankings, rank and score trends, profiles, intervals, the framework.

Every chart takes the results layer's typed values and returns PNG bytes (or
writes a file with :func:`save`).  Rank axes are integers with rank 1 at the
top.  Chinese labels need a CJK font: :func:`cjk_font` finds one among the
installed fonts (``./dev`` installs ``fonts-noto-cjk``) and a chart with
Chinese labels refuses to draw boxes instead (E708).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from innoscope.errors import E, InnoscopeError

__all__ = [
    "CJK_FONTS",
    "cjk_font",
    "framework_sunburst",
    "profile_chart",
    "rank_intervals",
    "ranking_bars",
    "save",
    "trend_chart",
]

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)
HIGHLIGHT, OTHERS, PEER = "#c0392b", "#9db4cc", "#34495e"


@cache
def cjk_font() -> str | None:
    """The first installed font of :data:`CJK_FONTS`, or None."""
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    found = next((f for f in CJK_FONTS if f in have), None)
    if found is None:  # matplotlib's font cache may predate the font's installation: look again
        font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
        have = {f.name for f in font_manager.fontManager.ttflist}
        found = next((f for f in CJK_FONTS if f in have), None)
    return found


def _has_cjk(labels: Sequence[str]) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for s in labels for ch in str(s))


def _plt(labels: Sequence[str]):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    family = ["DejaVu Sans"]
    if _has_cjk(labels):
        font = cjk_font()
        if font is None:
            raise InnoscopeError(E.REPORT_FONT, where="charts", detail="the labels are Chinese")
        family = [font, "DejaVu Sans"]
    plt.rcParams.update({"font.family": family, "axes.unicode_minus": False, "font.size": 9})
    return plt


def _png(fig) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def save(png: bytes, path: str | Path) -> Path:
    """Write PNG bytes to ``path``."""
    path = Path(path)
    path.write_bytes(png)
    return path


def _rank_axis(ax, ranks: Sequence[float]) -> None:
    """Integer rank ticks, 1 at the top."""
    import math

    hi = max([math.ceil(r) for r in ranks if r == r] or [1])
    step = max(1, math.ceil(hi / 8))
    if step > 1:
        step = min((s for s in (2, 5, 10, 20, 25, 50, 100) if s >= step), default=step)
    ticks = sorted({1, *range(step, hi + 1, step)})
    ax.set_ylim(hi + 0.5, 0.5)
    ax.set_yticks(ticks)


def ranking_bars(
    names: Sequence[str], scores: Sequence[float], highlight: str | None, title: str, xlabel: str
) -> bytes:
    """Horizontal bars of every unit's score, best at the top, ``highlight`` in colour."""
    plt = _plt([*names, title, xlabel])
    n = len(names)
    fig, ax = plt.subplots(figsize=(6.4, max(3.0, 0.16 * n + 0.8)))
    y = list(range(n))
    colours = [HIGHLIGHT if nm == highlight else OTHERS for nm in names]
    ax.barh(y, scores, color=colours)
    ax.set_yticks(y, names, fontsize=7 if n > 20 else 8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _png(fig)


def trend_chart(
    periods: Sequence[Any],
    series: dict[str, Sequence[float | None]],
    title: str,
    ylabel: str,
    ranks: bool,
    emphasis: str | None = None,
    breaks: Sequence[Any] = (),
    break_label: str = "data coverage changes",
) -> bytes:
    """Lines over periods (one per series); ``ranks`` puts rank 1 at the top on an integer axis.

    ``breaks`` are periods whose data coverage changes (a series filled for most
    units): each gets a dashed vertical line, so a jump there is read as what it is.
    """
    labels = [*series, title, ylabel, break_label]
    plt = _plt(labels)
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    x = list(range(len(periods)))
    values: list[float] = []
    for name, ys in series.items():
        pts = [(i, v) for i, v in zip(x, ys, strict=True) if v is not None and v == v]
        if not pts:
            continue
        xs, vs = zip(*pts, strict=True)
        values.extend(vs)
        strong = name == emphasis
        ax.plot(
            xs,
            vs,
            marker="o",
            markersize=3 if not strong else 4,
            linewidth=2.4 if strong else 1.2,
            color=HIGHLIGHT if strong else None,
            label=name,
            zorder=3 if strong else 2,
        )
    ax.set_xticks(x, [str(p) for p in periods], rotation=45 if len(periods) > 8 else 0)
    marked = [i for i, p in enumerate(periods) if p in set(breaks)]
    spans: list[list[int]] = []
    for i in marked:  # consecutive periods as one shaded span, a single period as a dashed line
        if spans and spans[-1][-1] == i - 1:
            spans[-1].append(i)
        else:
            spans.append([i])
    for k, span in enumerate(spans):
        label = break_label if k == 0 else None
        if len(span) == 1:
            ax.axvline(span[0], color="0.55", linestyle="--", linewidth=0.9, zorder=1, label=label)
        else:
            ax.axvspan(span[0] - 0.3, span[-1] + 0.3, color="0.88", zorder=0, label=label)
    if ranks:
        _rank_axis(ax, values)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(axis="y", color="0.9")
    ax.legend(
        fontsize=7,
        ncol=3 if len(series) > 3 else len(series),
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.2 if len(periods) > 8 else -0.12),
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _png(fig)


def profile_chart(
    dimensions: Sequence[str], profiles: dict[str, Sequence[float | None]], emphasis: str, title: str, xlabel: str
) -> bytes:
    """Dimension scores of the unit against its peers and the average: one row per dimension, one marker each."""
    plt = _plt([*dimensions, *profiles, title, xlabel])
    fig, ax = plt.subplots(figsize=(6.4, max(2.6, 0.45 * len(dimensions) + 1.2)))
    y = list(range(len(dimensions)))
    markers = ["o", "s", "^", "D", "v", "P"]
    for k, (name, vals) in enumerate(profiles.items()):
        pts = [(v, i) for i, v in zip(y, vals, strict=True) if v is not None and v == v]
        if not pts:
            continue
        xs, ys = zip(*pts, strict=True)
        strong = name == emphasis
        ax.scatter(
            xs,
            ys,
            s=70 if strong else 36,
            marker=markers[k % len(markers)],
            color=HIGHLIGHT if strong else None,
            label=name,
            zorder=3 if strong else 2,
        )
    ax.set_yticks(y, dimensions)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x", color="0.9")
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _png(fig)


def rank_intervals(
    names: Sequence[str],
    nominal: Sequence[float | None],
    low: Sequence[float],
    high: Sequence[float],
    median: Sequence[float],
    highlight: str | None,
    title: str,
    labels: tuple[str, str, str],
) -> bytes:
    """Each unit's 5–95 % rank interval, median and nominal rank; rank 1 at the top."""
    plt = _plt([*names, title, *labels])
    n = len(names)
    fig, ax = plt.subplots(figsize=(max(6.4, 0.22 * n + 1), 3.6))
    x = list(range(n))
    colours = [HIGHLIGHT if nm == highlight else "0.6" for nm in names]
    ax.vlines(x, low, high, colors=colours, linewidth=4, label=labels[0])
    ax.scatter(x, median, color="black", s=12, zorder=3, label=labels[1])
    nx = [i for i, v in zip(x, nominal, strict=True) if v is not None]
    ax.scatter(nx, [v for v in nominal if v is not None], marker="x", color=PEER, s=18, zorder=4, label=labels[2])
    ax.set_xticks(x, names, rotation=90, fontsize=7)
    _rank_axis(ax, list(high))
    ax.set_title(title)
    ax.legend(fontsize=7, frameon=False)
    ax.grid(axis="y", color="0.9")
    return _png(fig)


def _wrap(text: str, width: int) -> str:
    if _has_cjk([text]):
        return "\n".join(text[i : i + width] for i in range(0, len(text), width))
    import textwrap

    return "\n".join(textwrap.wrap(text, width * 2)) or text


def framework_sunburst(rings: Sequence[Sequence[tuple[str, float, int]]], center: str, title: str) -> bytes:
    """The framework as rings around the index (``center``): each ring lists ``(label, angle share, colour index)``.

    Shares of one ring add up to 1; a node's wedge sits inside its parent's.
    Inner rings are labelled inside their wedges, the outermost ring radially
    outside the circle.
    """
    plt = _plt([lbl for ring in rings for lbl, _, _ in ring] + [title, center])
    import math

    import matplotlib as mpl

    cmap = mpl.colormaps["tab10"]
    fig, ax = plt.subplots(figsize=(7.0, 7.0), subplot_kw={"aspect": "equal"})
    width = 1.0 / (len(rings) + 0.6)
    outer = 0.0
    for depth, ring in enumerate(rings):
        sizes = [max(s, 1e-9) for _, s, _ in ring]
        colours = []
        for _, _, c in ring:
            base = cmap(c % 10) if c >= 0 else (0.85, 0.85, 0.85, 1.0)
            fade = 0.3 * depth
            colours.append((*(min(1.0, ch + (1 - ch) * fade) for ch in base[:3]), 1.0))
        radius = width * (depth + 1.6)
        outer = radius
        ax.pie(
            sizes,
            radius=radius,
            colors=colours,
            startangle=90,
            counterclock=False,
            wedgeprops={"width": width, "edgecolor": "white", "linewidth": 0.8},
        )
        last = depth == len(rings) - 1
        total, acc = sum(sizes), 0.0
        for (label, _, _), size in zip(ring, sizes, strict=True):
            mid = 90 - 360 * (acc + size / 2) / total
            acc += size
            a = math.radians(mid)
            if last and len(rings) > 1:
                r = radius + 0.03
                flip = 90 < (mid % 360) < 270
                ax.text(
                    r * math.cos(a),
                    r * math.sin(a),
                    label,
                    rotation=mid + 180 if flip else mid,
                    rotation_mode="anchor",
                    ha="right" if flip else "left",
                    va="center",
                    fontsize=6.5,
                )
            elif 360 * size / total > 8:
                r = radius - width / 2
                ax.text(r * math.cos(a), r * math.sin(a), _wrap(label, 6), ha="center", va="center", fontsize=8)
    ax.text(0, 0, _wrap(center, 5), ha="center", va="center", fontsize=9, fontweight="bold")
    lim = outer + 0.9
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_title(title)
    return _png(fig)
