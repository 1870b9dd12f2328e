"""A tiny workspace (three units, four years, two dimensions) whose ranks are worked out by hand.

Min-max per year, equal weights.  A's index rank by year: 2 1 1 1 (a streak of 3 at the top since
2021; a record high in 2021).  B's: 1 2 3 3 (new lows in 2021 and 2022); C's: 3 3 2 2.
In 2023 A ranks 2nd on x (an input) and 1st on y; C ranks 1st on x and 2nd on y.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

DATA = {
    2020: {"A": (5, 5), "B": (9, 9), "C": (1, 2)},
    2021: {"A": (6, 9), "B": (7, 6), "C": (1, 3)},
    2022: {"A": (3, 9), "B": (2, 3), "C": (4, 4)},
    2023: {"A": (2, 9), "B": (1, 1), "C": (3, 4)},
}


def write_tiny_workspace(root: Path) -> Path:
    """Write data.csv, fw.yaml and innoscope.yaml into ``root``; returns ``root``."""
    lines = ["unit,year,x,y"] + [f"{u},{y},{v[0]},{v[1]}" for y, d in DATA.items() for u, v in d.items()]
    (root / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "fw.yaml").write_text(
        textwrap.dedent("""\
        name: tiny
        nodes:
          - {code: I, name: {en: Index, zh: 指数}}
          - {code: In, parent: I, name: {en: Inputs, zh: 投入}}
          - {code: Out, parent: I, name: {en: Outputs, zh: 产出}}
          - {code: x, parent: In, unit: "%"}
          - {code: y, parent: Out, unit: 件}
        """),
        encoding="utf-8",
    )
    (root / "innoscope.yaml").write_text(
        "name: tiny\ndata: {file: data.csv, unit: unit, period: year}\nframework: fw.yaml\n", encoding="utf-8"
    )
    return root
