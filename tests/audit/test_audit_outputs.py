"""What the uncertainty and sensitivity outputs mean: score scales, Sobol sample sizes and flags, executors."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from innoscope.audit.engine import Problem, evaluate
from innoscope.audit.executor import DaskExecutor, Engine, LocalExecutor, as_executor, make_executor
from innoscope.audit.sensitivity import FactorSensitivity, check_base_samples, run_sobol, sobol_minimum
from innoscope.audit.space import parse_space, sample
from innoscope.audit.uncertainty import RANK_COLUMNS, SCALE_COLUMNS, SCORE_COLUMNS, quantile7, run_uncertainty
from innoscope.errors import InnoscopeError
from innoscope.index.pipeline import build_index


@pytest.fixture(scope="module")
def asem(asem_workspace, asem_inputs):
    panel, fw = asem_inputs
    return panel, fw, asem_workspace.settings, asem_workspace.uncertainty


def test_runs_on_two_scales_give_score_quantiles_per_scale(asem):
    """COINr's example mixes min-max [1, 100] runs with z-score (10, 2) runs."""
    panel, fw, settings, spec = asem
    space = parse_space(spec, settings, fw)
    design = sample(space, fw, 60, seed=2)
    res = run_uncertainty(Problem(panel, fw, settings, space, 2018), design)
    assert not res.scores_comparable
    assert tuple(res.summary.columns) == RANK_COLUMNS  # no score quantile mixing the scales
    assert res.scales == ("normalise minmax l=1 u=100", "normalise zscore mean=10 sd=2")
    assert res.nominal_scale is None  # the nominal build is min-max onto [0, 100]
    assert "2 scales" in res.note and "scores_by_scale" in res.note
    by = res.scores_by_scale
    assert tuple(by.columns) == SCALE_COLUMNS
    che = by[by["unit"] == "CHE"].set_index("scale")
    for s, label in enumerate(res.scales):
        runs = res.scale_of_run == s
        assert che.at[label, "runs"] == runs.sum()
        col = res.scores[runs, res.units.index("CHE")]
        assert che.at[label, "median_score"] == pytest.approx(np.median(col))
        assert che.at[label, "q95_score"] == pytest.approx(quantile7(col[:, None], 0.95)[0])
    # the z-score runs put CHE near 10 + 2 x its z, the min-max runs near its nominal 68
    assert 10 < che.at[res.scales[1], "median_score"] < 14 < 60 < che.at[res.scales[0], "median_score"] < 75
    assert set(res.runs_table()["scale"]) == set(res.scales)


def test_runs_on_the_nominal_scale_keep_score_quantiles(asem):
    panel, fw, settings, _ = asem
    space = parse_space({"winmax": [1, 3, 5], "weights": {"noise": {2: 0.25}}}, settings, fw)
    res = run_uncertainty(Problem(panel, fw, settings, space, 2018), sample(space, fw, 40, seed=3))
    assert res.scores_comparable and res.nominal_scale == 0
    assert tuple(res.summary.columns) == RANK_COLUMNS + SCORE_COLUMNS
    che = res.summary.set_index("unit").loc["CHE"]
    assert che["q05_score"] <= che["median_score"] <= che["q95_score"]
    assert abs(che["median_score"] - che["nominal_score"]) < 2


def test_copeland_runs_equal_single_builds_with_their_weights(asem):
    """Copeland inside Monte Carlo: each noisy run is the build with that run's weights."""
    panel, fw, settings, _ = asem
    s = settings.with_overrides({"aggregate": {"method": "copeland"}})
    space = parse_space({"weights": {"noise": {2: 0.3, 3: 0.3}}}, s, fw)
    design = sample(space, fw, 5, seed=8)
    scores = evaluate(Problem(panel, fw, s, space, 2018), design)
    base = np.array([n.weight for n in fw.nodes])
    for r in range(len(design)):
        values = {c: w for c, w in zip(design.nodes, base * design.weights[r], strict=True) if fw.node(c).parent}
        single = build_index(panel, fw, s.with_overrides({"weights": {"values": values}})).table(2018)["Index"]
        assert_allclose(scores[r], single.reindex(panel.unit_codes).to_numpy(float), rtol=1e-12)
    assert not np.allclose(scores[0], scores[1])


def test_copeland_mixed_with_means_is_another_scale(asem):
    panel, fw, settings, _ = asem
    space = parse_space({"aggregate": [{"method": "amean"}, {"method": "copeland"}]}, settings, fw)
    res = run_uncertainty(Problem(panel, fw, settings, space, 2018), sample(space, fw, 10, seed=1))
    assert res.scales[res.nominal_scale] == "normalise minmax l=0 u=100"
    assert any(label.endswith("; copeland") for label in res.scales) and not res.scores_comparable


@pytest.mark.parametrize(("n", "ok"), [(3, False), (8, False), (16, True), (24, False), (32, True)])
def test_sobol_sample_sizes(asem, n, ok):
    _, fw, settings, spec = asem
    space = parse_space(spec, settings, fw)  # winmax has 5 alternatives: at least 16
    assert sobol_minimum(space) == 16
    if ok:
        check_base_samples(n, space)
    else:
        with pytest.raises(InnoscopeError, match=rf"E314 --runs: .*{n} base samples; .*at least 16"):
            check_base_samples(n, space)


def test_sobol_flags_intervals_wider_than_the_index():
    assert FactorSensitivity.from_estimates("a", 0.1, 0.2, 0.5, 0.1).S1_wide
    f = FactorSensitivity.from_estimates("a", 0.1, 0.2, 0.5, 0.1)
    assert not f.ST_wide and (f.ST_low, f.ST_high) == pytest.approx((0.4, 0.6))
    assert not FactorSensitivity.from_estimates("b", 0.0, 0.0, 0.0, 0.0).ST_wide  # no effect, exactly


def test_sobol_result_is_typed_and_seed_zero_reproducible(asem):
    panel, fw, settings, _ = asem
    spec = {"winmax": [1, 5], "normalise": [{"method": "minmax", "l": 1, "u": 100}], "weights": {"noise": {2: 0.2}}}
    space = parse_space(spec, settings, fw)
    problem = Problem(panel, fw, settings, space, 2018)
    a, b = run_sobol(problem, 16, seed=0, resamples=20), run_sobol(problem, 16, seed=0, resamples=20)
    assert a.indices.equals(b.indices)  # SALib's analyze ignores a seed of 0; ours does not
    assert [f.input for f in a.factors] == ["winmax", "normalise", "weights"]
    assert a.runs == 16 * 5 and a.base_samples == 16
    assert list(a.indices.columns[:3]) == ["input", "S1", "S1_conf"]
    long = a.long_table()
    head = long[long["target"] == "mean_abs_rank_shift"].set_index("factor")
    for f in a.factors:
        assert head.at[f.input, "s1"] == f.S1 and head.at[f.input, "st_high"] == f.ST_high
        assert head.at[f.input, "flagged"] == (f.S1_wide or f.ST_wide)
    assert set(long["target"]) - {"mean_abs_rank_shift"} == set(a.by_unit["unit"])


def test_executors_are_a_typed_choice(asem):
    assert isinstance(make_executor("local"), LocalExecutor)
    assert isinstance(make_executor(Engine.DASK, scheduler="tcp://127.0.0.1:9"), DaskExecutor)
    with pytest.raises(InnoscopeError, match="E311 --engine: unknown engine: 'spark'"):
        make_executor("spark")
    with pytest.raises(InnoscopeError, match="E312 --scheduler tcp://h:1: .*needs the Dask engine"):
        make_executor("local", scheduler="tcp://h:1")
    with pytest.raises(InnoscopeError, match="E311 executor: .*'dask'"):
        as_executor("dask")  # a bare string is no executor
    panel, fw, settings, spec = asem
    space = parse_space(spec, settings, fw)
    with pytest.raises(InnoscopeError, match="E311"):
        run_uncertainty(Problem(panel, fw, settings, space, 2018), sample(space, fw, 4, seed=0), "dask")
