"""Uncertain inputs: validation, seeded sampling, the vectorised engine against single builds."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from innoscope.audit.engine import Problem, evaluate
from innoscope.audit.sensitivity import run_sobol
from innoscope.audit.space import parse_space, sample
from innoscope.errors import InnoscopeError
from innoscope.index.pipeline import build_index


@pytest.fixture(scope="module")
def asem(asem_workspace, asem_inputs):
    panel, fw = asem_inputs
    return panel, fw, asem_workspace.settings, asem_workspace.uncertainty


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"colour": [1, 2]}, "unknown input"),
        ({"winmax": [1, -2]}, r"winmax\[1\]"),
        ({"normalise": [{"method": "minimax"}]}, r"normalise\[0\].*minimax"),
        ({"normalise": [{"spread": 3}]}, r"normalise\[0\].*spread"),
        ({"weights": {"noise": {2: 0}}}, "empty or inverted range"),
        ({"weights": {"noise": {2: 1.5}}}, "empty or inverted range"),
        ({"weights": {"noise": {9: 0.2}}}, "no weighted node at level 9"),
        ({"weights": {"noise": {2: 0.2}, "sets": 0}}, "positive integer"),
        ({}, "declares no uncertain inputs"),
    ],
)
def test_bad_inputs_are_named(asem, spec, message):
    _, fw, settings, _ = asem
    with pytest.raises(InnoscopeError, match=message):
        parse_space(spec, settings, fw)


def test_sampling_is_seeded(asem):
    _, fw, settings, spec = asem
    space = parse_space(spec, settings, fw)
    a, b = sample(space, fw, 50, seed=0), sample(space, fw, 50, seed=0)
    c = sample(space, fw, 50, seed=1)
    assert a.choices.equals(b.choices) and np.array_equal(a.weights, b.weights)
    assert not np.array_equal(a.weights, c.weights)
    with pytest.raises(InnoscopeError, match="at least 2"):
        sample(space, fw, 1, seed=0)


def test_vectorised_runs_equal_single_builds(asem):
    """Each run of the engine equals a plain build with that run's settings and weights."""
    panel, fw, settings, spec = asem
    space = parse_space({**spec, "weights": {"noise": {1: 0.3, 2: 0.25, 3: 0.25}}}, settings, fw)
    design = sample(space, fw, 12, seed=7)
    problem = Problem(panel, fw, settings, space, 2018)
    scores = evaluate(problem, design)
    for r in range(len(design)):
        choice = design.choices.iloc[r].to_dict()
        s = problem.settings_for(choice, ("treat", "normalise", "aggregate"))
        weights = dict(zip(design.nodes, design.weights[r], strict=True))
        weights.pop(fw.root)
        s = s.with_overrides({"weights": {"values": weights}})
        single = build_index(panel, fw, s).table(2018)[fw.root].reindex(panel.unit_codes)
        assert_allclose(scores[r], single.to_numpy(float), rtol=1e-10)


def test_dask_engine_gives_the_local_result(asem):
    from distributed import Client, LocalCluster

    from innoscope.audit.executor import DaskExecutor

    panel, fw, settings, spec = asem
    space = parse_space(spec, settings, fw)
    design = sample(space, fw, 300, seed=5)
    problem = Problem(panel, fw, settings, space, 2018)
    local = evaluate(problem, design)
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster, Client(cluster) as client:
        remote = DaskExecutor(client=client, chunk=64).evaluate(problem, design)
    assert np.array_equal(local, remote, equal_nan=True)


def test_sobol_gives_zero_to_an_input_without_effect(asem):
    panel, fw, settings, _ = asem
    spec = {
        "winmax": [5, 5],
        "aggregate": [{"method": "amean"}, {"method": "gmean"}],
        "normalise": [{"method": "minmax", "l": 1, "u": 100}],
    }
    space = parse_space(spec, settings, fw)
    res = run_sobol(Problem(panel, fw, settings, space, 2018), 64, seed=3).indices.set_index("input")
    assert abs(res.loc["winmax", "ST"]) < 1e-12 and abs(res.loc["normalise", "ST"]) < 1e-12
    assert res.loc["aggregate", "S1"] == pytest.approx(1.0, abs=0.05)
