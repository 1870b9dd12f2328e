"""The contract of the one aggregation path: a Monte Carlo run with the nominal settings is the nominal build.

For every normaliser x aggregator x weights method, the runs of a design whose
only alternatives are the nominal settings give the nominal scores and ranks
(to 1e-12), on the local engine and on Dask; where the nominal build refuses
the combination (a geometric mean over zeros), the runs refuse it with the
same error.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from innoscope.audit.engine import Problem, evaluate, ranks_of
from innoscope.audit.executor import DaskExecutor
from innoscope.audit.space import parse_space, sample
from innoscope.errors import InnoscopeError
from innoscope.frameworks import Framework, Node
from innoscope.index.aggregate import Agg
from innoscope.index.normalise import Norm
from innoscope.index.pipeline import build_index
from innoscope.index.settings import parse_settings
from innoscope.index.weights import WeightMethod
from innoscope.panel import Panel

UNITS = [f"u{i}" for i in range(1, 9)]
FW = Framework.from_nodes(
    [
        Node("I", None),
        Node("A", "I", weight=2),
        Node("B", "I"),
        Node("a1", "A", target=9.0, low=0.5, high=9.5),
        Node("a2", "A", weight=3, direction=-1, target=1.5, low=0.5, high=12.0),
        Node("a3", "A", target=40.0, low=1.0, high=45.0),
        Node("b1", "B", weight=0.5, target=8.0, low=0.0, high=10.0),
        Node("b2", "B", target=130.0, low=10.0, high=140.0),
        Node("b3", "B", weight=2, target=6.0, low=1.0, high=7.0),
    ]
)
# two periods of positive values, one missing value and one tie
VALUES = {
    "a1": [[1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 3, 5, 5, 7, 8, 9]],
    "a2": [[9, 7, 8, 3, 4, 2, 1, 5], [9, 8, 8, 3, 2, 2, 1, 4]],
    "a3": [[10, 30, 20, 25, 5, 35, 15, 2], [12, 28, 22, np.nan, 6, 33, 18, 3]],
    "b1": [[3, 1, 4, 1, 5, 9, 2, 6], [3, 2, 4, 1, 6, 8, 2, 7]],
    "b2": [[50, 20, 80, 40, 100, 60, 30, 120], [55, 25, 70, 45, 90, 65, 35, 110]],
    "b3": [[2, 3, 5, 4, 1, 6, 3, 2], [2, 4, 5, 4, 1, 5, 3, 3]],
}
NORMALISERS = {
    Norm.NONE: {},
    Norm.MINMAX: {"l": 1, "u": 100},
    Norm.ZSCORE: {"mean": 10, "sd": 2},
    Norm.RANK: {},
    Norm.PRANK: {},
    Norm.BORDA: {},
    Norm.GOALPOSTS: {},
    Norm.FRACMAX: {},
    Norm.DIST2MAX: {},
    Norm.DIST2REF: {"reference": "u3"},
    Norm.DIST2TARG: {"cap": False},
    Norm.STANDARD: {},
}
AGGREGATORS = {Agg.AMEAN: {}, Agg.GMEAN: {}, Agg.HMEAN: {}, Agg.GENMEAN: {"p": 2.0}, Agg.COPELAND: {}}
COMBOS = [(n, a, w) for n in NORMALISERS for a in AGGREGATORS for w in WeightMethod]


def test_every_method_is_in_the_contract():
    assert set(NORMALISERS) == set(Norm) and set(AGGREGATORS) == set(Agg)


@pytest.fixture(scope="module")
def panel() -> Panel:
    rows = [
        {"unit": u, "indicator": ind, "period": str(2020 + t), "value": "" if np.isnan(v) else str(v)}
        for ind, periods in VALUES.items()
        for t, vals in enumerate(periods)
        for u, v in zip(UNITS, np.asarray(vals, dtype=float), strict=True)
    ]
    return Panel.from_long(pd.DataFrame(rows))


def _case(panel, norm, agg, weights):
    """Nominal settings, a design of three runs whose only alternatives are those settings, the problem."""
    alt_norm = {"method": norm.value, **NORMALISERS[norm]}
    alt_agg = {"method": agg.value, **AGGREGATORS[agg]}
    settings = parse_settings(
        {"treat": {"winmax": 2}, "normalise": alt_norm, "aggregate": alt_agg, "weights": {"method": weights.value}}
    )
    space = parse_space({"normalise": [alt_norm], "aggregate": [alt_agg], "winmax": [2]}, settings, FW)
    design = sample(space, FW, 3, seed=0)
    return settings, design, [Problem(panel, FW, settings, space, p) for p in panel.periods]


_NOMINAL: dict = {}


def _nominal(panel, settings):
    """The nominal build (or its error), once per settings."""
    key = settings.model_dump_json()
    if key not in _NOMINAL:
        try:
            _NOMINAL[key] = build_index(panel, FW, settings)
        except InnoscopeError as exc:
            _NOMINAL[key] = exc
    return _NOMINAL[key]


def _check(panel, settings, design, problems, run):
    res = _nominal(panel, settings)
    if isinstance(res, InnoscopeError):
        exc = res
        with pytest.raises(InnoscopeError) as caught:
            run(problems[-1], design)
        assert caught.value.kind is exc.kind
        return
    for problem in problems:
        nominal = res.table(problem.period)["I"].reindex(UNITS).to_numpy(float)
        nominal_rank = res.table(problem.period, "rank")["I"].reindex(UNITS).to_numpy(float)
        scores = run(problem, design)
        assert_allclose(scores, np.tile(nominal, (len(design), 1)), rtol=1e-12, atol=1e-12)
        assert np.array_equal(ranks_of(scores), np.tile(nominal_rank, (len(design), 1)), equal_nan=True)


@pytest.mark.parametrize(("norm", "agg", "weights"), COMBOS, ids=lambda v: v.value)
def test_nominal_settings_give_the_nominal_index_locally(panel, norm, agg, weights):
    settings, design, problems = _case(panel, norm, agg, weights)
    _check(panel, settings, design, problems, evaluate)


@pytest.fixture(scope="module")
def dask_executor():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        yield DaskExecutor(client=client, chunk=2)  # three runs: two tasks


@pytest.mark.parametrize(("norm", "agg", "weights"), COMBOS, ids=lambda v: v.value)
def test_nominal_settings_give_the_nominal_index_on_dask(panel, dask_executor, norm, agg, weights):
    settings, design, problems = _case(panel, norm, agg, weights)
    _check(panel, settings, design, problems, dask_executor.evaluate)
    if not isinstance(_nominal(panel, settings), InnoscopeError):  # and exactly the local numbers
        for problem in problems:
            local = evaluate(problem, design)
            assert np.array_equal(dask_executor.evaluate(problem, design), local, equal_nan=True)


def test_the_issue_example_equal_weights_in_every_run(asem_workspace, asem_inputs):
    """ASEM with equal weights and given values that equal weights ignore: CHE 68.38 nominal and in every run."""
    panel, fw = asem_inputs
    settings = asem_workspace.settings.with_overrides(
        {"weights": {"method": "equal", "values": {"Conn": 3, "Physical": 4, "LPI": 5}}}
    )
    space = parse_space({"normalise": [{"method": "minmax", "l": 0, "u": 100}]}, settings, fw)
    scores = evaluate(Problem(panel, fw, settings, space, 2018), sample(space, fw, 4, seed=1))
    che = panel.unit_codes.index("CHE")
    nominal = build_index(panel, fw, settings).table(2018).at["CHE", "Index"]
    assert round(nominal, 2) == 68.38
    assert_allclose(scores[:, che], nominal, rtol=1e-12)
    # the given values do change the index when the method is `given`
    given = build_index(panel, fw, settings.with_overrides({"weights": {"method": "given"}})).table(2018)
    assert round(given.at["CHE", "Index"], 2) == 68.95
