"""The one-page summary of an evaluation, as HTML and Markdown (Jinja2 templates)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from jinja2 import Environment

from innoscope.frameworks import Framework

__all__ = ["write_summary"]

_HTML = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}
td.l,th.l{text-align:left}.up{color:#080}.down{color:#b00}img{max-width:100%}</style></head>
<body><h1>{{ title }}</h1>
<p>{{ framework.name }}, {{ first }}–{{ latest }}, {{ n }} provinces; standard-value method (min-max for comparison).
{{ dims|length }} dimensions: {{ dims|join('、') }}.</p>
<h2>Ranking {{ latest }}</h2>
<table><tr><th>rank</th><th class="l">province</th><th>score</th><th>change</th><th>rank (min-max)</th></tr>
{% for r in top %}<tr><td>{{ r.rank }}</td><td class="l">{{ r.province }} {{ r.name_en or '' }}</td><td>{{ '%.1f'|format(r.score) }}</td>
<td class="{{ 'up' if r.change > 0 else 'down' if r.change < 0 else '' }}">{{ move(r.change) }}</td><td>{{ r.rank_minmax }}</td></tr>
{% endfor %}</table>
<h2>Strongest and weakest dimensions, {{ latest }}</h2>
<table><tr><th class="l">province</th><th class="l">strongest</th><th>rank</th><th class="l">weakest</th><th>rank</th></tr>
{% for r in strengths %}<tr><td class="l">{{ r.province }}</td><td class="l">{{ r.strongest }}</td><td>{{ r.strongest_rank }}</td>
<td class="l">{{ r.weakest }}</td><td>{{ r.weakest_rank }}</td></tr>{% endfor %}</table>
<h2>Charts</h2><img src="ranks_over_time.png" alt="ranks over time"><img src="scores_{{ latest }}.png" alt="scores">
<h2>Data</h2><ul>{% for line in cleaning %}<li>{{ line }}</li>{% endfor %}</ul>
<p>{{ framework_notes }}</p></body></html>
"""

_MD = """# {{ title }}

{{ framework.name }}, {{ first }}–{{ latest }}, {{ n }} provinces, standard-value method.

| rank | province | score | change | rank (min-max) |
|---:|---|---:|---:|---:|
{% for r in top %}| {{ r.rank }} | {{ r.province }} {{ r.name_en or '' }} | {{ '%.1f'|format(r.score) }} | {{ move(r.change) }} | {{ r.rank_minmax }} |
{% endfor %}
Data cleaning: {{ cleaning|join('; ') or 'nothing to report' }}.
"""


def _move(change: float) -> str:
    if pd.isna(change) or change == 0:
        return "–"
    return f"↑{int(change)}" if change > 0 else f"↓{int(-change)}"


def write_summary(
    out: Path, framework: Framework, ranks: pd.DataFrame, strengths: pd.DataFrame, latest: int, cleaning: list[str]
) -> list[Path]:
    """Write summary.html and summary.md into ``out``; returns their paths."""
    env = Environment(autoescape=True)
    env.globals["move"] = _move
    top = ranks[ranks["year"] == latest].sort_values("rank").to_dict("records")
    dims = [framework.node(d).name_zh or d for d in framework.children(framework.root)]
    context = {
        "title": f"China regional S&T innovation, {latest}",
        "framework": framework,
        "top": top,
        "dims": dims,
        "first": int(ranks["year"].min()),
        "latest": latest,
        "n": len(top),
        "strengths": strengths.sort_values("province").to_dict("records"),
        "cleaning": cleaning,
        "framework_notes": framework.nodes[0].notes or "",
    }
    html = out / "summary.html"
    html.write_text(env.from_string(_HTML).render(**context), encoding="utf-8")
    md = out / "summary.md"
    md.write_text(Environment(autoescape=False).from_string(_MD).render(**context, move=_move), encoding="utf-8")
    return [html, md]
