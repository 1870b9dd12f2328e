"""The one-page summary of an evaluation, as HTML and Markdown, from the results layer.

The tables it shows are the demo's ``rankings`` and ``strengths`` frames (built
from :class:`~innoscope.results.Results`); the page layout is the
``layout/summary.html`` / ``layout/summary.md`` templates.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from innoscope.results import Results

__all__ = ["write_summary"]


def _move(change) -> str:
    if change is None or pd.isna(change) or change == 0:
        return "–"
    return f"↑{int(change)}" if change > 0 else f"↓{int(-change)}"


def write_summary(
    out: Path,
    res: Results,
    run_id: int,
    ranks: pd.DataFrame,
    strengths: pd.DataFrame,
    cleaning: list[str],
    checks: dict | None = None,
) -> list[Path]:
    """Write summary.html and summary.md into ``out``; returns their paths.

    ``checks`` (optional) holds a validation table against published results
    (``validation``, ``validation_summary``), counts of the flags on the scores
    (``flag_counts``) and the periods whose data coverage changes (``breaks``).
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from innoscope.report.render import TEMPLATES
    from innoscope.report.writers import atomic_path

    info = res.run(run_id)
    nodes = res.nodes(run_id)
    latest = info.periods[-1]
    top = ranks[ranks["year"] == latest].sort_values("rank").to_dict("records")
    root = next(n for n in nodes if n.code == info.root)
    context = {
        "title": f"{info.framework or info.name}, {latest}",
        "framework": info.framework,
        "method": info.settings.get("normalise", {}).get("method", ""),
        "top": top,
        "dims": [n.name("zh") for n in nodes if n.parent == info.root],
        "first": info.periods[0],
        "latest": latest,
        "n": len(top),
        "strengths": strengths.sort_values("province").to_dict("records") if len(strengths) else [],
        "cleaning": cleaning,
        "framework_notes": root.notes,
        "move": _move,
        "run_id": run_id,
        "checks": checks or {},
    }
    written = []
    for name, escape in (("summary.html", True), ("summary.md", False)):
        env = Environment(
            loader=FileSystemLoader(str(TEMPLATES / "layout")),
            autoescape=select_autoescape(["html"]) if escape else False,
            trim_blocks=True,
        )
        with atomic_path(out / name) as tmp:
            tmp.write_text(env.get_template(name).render(**context), encoding="utf-8")
        written.append(out / name)
    return written
