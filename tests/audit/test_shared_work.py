"""The engine shares work without changing a number: identical runs once, data steps once, periods together."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from innoscope.audit.engine import Problem, distinct_runs, evaluate, evaluate_periods
from innoscope.audit.space import Design, parse_space, sample
from innoscope.audit.uncertainty import run_uncertainty, run_uncertainty_periods
from innoscope.index import pipeline
from innoscope.workspace import load_workspace

REPO = Path(__file__).resolve().parents[2]
SPACE = {
    "winmax": [1, 3, 5],
    "normalise": [{"method": "minmax", "l": 1, "u": 100}, {"method": "zscore", "mean": 10, "sd": 2}],
    "weights": {"noise": {2: 0.25, 3: 0.25}, "sets": 4},
    "aggregate": [{"method": "amean"}, {"method": "genmean", "p": 2}],
}


@pytest.fixture(scope="module")
def panel_problem(shared_data):
    ws = load_workspace(REPO / "examples" / "asem-panel", data_dir=shared_data)
    fw = ws.load_framework()
    panel = ws.load_panel(fw)
    space = parse_space(SPACE, ws.settings, fw)
    return Problem(panel, fw, ws.settings, space, panel.periods[-1])


def test_distinct_runs_rebuild_the_design():
    rng = np.random.default_rng(3)
    choices = pd.DataFrame({"a": rng.integers(0, 2, 40), "b": rng.integers(0, 3, 40)})
    weights = rng.choice([0.5, 1.0], size=(40, 3))
    design = Design(choices, weights, ("I", "x", "y"))
    unique, inverse = distinct_runs(design)
    assert len(unique) == len({(*c, *w) for c, w in zip(choices.itertuples(index=False), weights, strict=True)})
    assert unique.choices.iloc[inverse].reset_index(drop=True).equals(choices)
    assert np.array_equal(unique.weights[inverse], weights)
    assert inverse[0] == 0 and unique.choices.iloc[0].tolist() == choices.iloc[0].tolist()  # first-seen order


def test_duplicate_runs_give_what_each_run_gives_alone(panel_problem):
    design = sample(panel_problem.space, panel_problem.framework, 60, seed=5)  # 4 weight sets: many repeats
    assert len(distinct_runs(design)[0]) < len(design)
    together = evaluate(panel_problem, design)
    for r in range(0, 60, 7):
        alone = evaluate(panel_problem, design.rows(r, r + 1))
        assert np.array_equal(together[r : r + 1], alone, equal_nan=True)


def test_all_periods_at_once_equal_each_period_alone(panel_problem):
    p = panel_problem
    design = sample(p.space, p.framework, 40, seed=2)
    every = evaluate_periods(p, design, p.panel.periods)
    assert every.shape == (len(p.panel.periods), 40, len(p.panel.unit_codes))
    for t, period in enumerate(p.panel.periods):
        one = evaluate(Problem(p.panel, p.framework, p.settings, p.space, period), design)
        assert np.array_equal(every[t], one, equal_nan=True)
    results = run_uncertainty_periods(p, design, p.panel.periods[:2])
    alone = run_uncertainty(Problem(p.panel, p.framework, p.settings, p.space, p.panel.periods[0]), design)
    assert results[p.panel.periods[0]].summary.equals(alone.summary)


def test_data_steps_that_no_factor_varies_run_once(panel_problem, monkeypatch):
    calls = {"impute": 0, "treat": 0, "normalise": 0}
    for name in calls:
        real = getattr(pipeline, f"_{name}")

        def counted(*a, _real=real, _name=name, **k):
            calls[_name] += 1
            return _real(*a, **k)

        monkeypatch.setattr(pipeline, f"_{name}", counted)
    # normalise declared before winmax: the groups still walk treatment first
    declared = {"normalise": SPACE["normalise"], "winmax": SPACE["winmax"]}
    space = parse_space(declared, panel_problem.settings, panel_problem.framework)
    p = Problem(panel_problem.panel, panel_problem.framework, panel_problem.settings, space, panel_problem.period)
    evaluate_periods(p, sample(space, p.framework, 200, seed=1), p.panel.periods)
    assert calls == {"impute": 1, "treat": 3, "normalise": 6}
