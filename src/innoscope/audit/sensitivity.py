"""Sobol sensitivity of the ranks to each uncertain input, with SALib's Sobol' sampling and estimators.

Every uncertain input is one factor: a discrete choice is a uniform variable
cut into equal bins, one per alternative; weight noise is one group of
uniform variables (one per noisy weight) or, with pre-drawn sets, one
variable picking a set.  The output is the mean absolute rank shift against
the nominal ranks (and each unit's rank); first-order and total indices come
with 95% bootstrap intervals, and an index whose interval is wider than the
index itself is flagged (``S1_wide``, ``ST_wide``): its value is noise at this
sample size.

Sample sizes (:func:`sobol_minimum`): SALib's Sobol' sequence is balanced
only when the number of base samples N is a power of two, and the estimators
compare runs that differ in one input, so every alternative of every discrete
input must be drawn: N must be a power of two of at least
:data:`SOBOL_MIN_BASE` and at least twice the most alternatives an input has.
With fewer, the estimates leave [0, 1] by far (N = 3 gives indices near 2 on
COINr's example).  Other sizes are refused (E314), with the minimum, before
any run.

References: Saltelli et al. (2010), doi:10.1016/j.cpc.2009.09.018 (the
estimators); Sobol' (2001), doi:10.1016/S0378-4754(00)00270-6.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from innoscope.audit.engine import Problem, ranks_of
from innoscope.audit.executor import Executor, as_executor
from innoscope.audit.space import Design, Space, check_seed, noise_factors
from innoscope.errors import E, InnoscopeError
from innoscope.index.pipeline import build_index

__all__ = [
    "SOBOL_COLUMNS",
    "SOBOL_MIN_BASE",
    "FactorSensitivity",
    "SobolResult",
    "check_base_samples",
    "run_sobol",
    "salib_problem",
    "sobol_minimum",
]

SOBOL_MIN_BASE = 8
SOBOL_COLUMNS = (
    "input",
    "S1",
    "S1_conf",
    "S1_low",
    "S1_high",
    "S1_wide",
    "ST",
    "ST_conf",
    "ST_low",
    "ST_high",
    "ST_wide",
)


@dataclass(frozen=True)
class FactorSensitivity:
    """First-order (S1) and total (ST) Sobol indices of one uncertain input.

    ``*_conf`` is the half-width of the 95% bootstrap interval (SALib's), the
    interval is [``*_low``, ``*_high``], and ``*_wide`` flags an interval wider
    than the index itself (2 x conf > |index|).
    """

    input: str
    S1: float
    S1_conf: float
    S1_low: float
    S1_high: float
    S1_wide: bool
    ST: float
    ST_conf: float
    ST_low: float
    ST_high: float
    ST_wide: bool

    @classmethod
    def from_estimates(cls, name: str, s1: float, s1_conf: float, st: float, st_conf: float) -> FactorSensitivity:
        s1, s1_conf, st, st_conf = float(s1), float(s1_conf), float(st), float(st_conf)
        return cls(
            input=name,
            S1=s1,
            S1_conf=s1_conf,
            S1_low=s1 - s1_conf,
            S1_high=s1 + s1_conf,
            S1_wide=bool(2 * s1_conf > abs(s1)),
            ST=st,
            ST_conf=st_conf,
            ST_low=st - st_conf,
            ST_high=st + st_conf,
            ST_wide=bool(2 * st_conf > abs(st)),
        )


@dataclass(frozen=True)
class SobolResult:
    """Sobol indices of every input on the mean absolute rank shift, and per unit on its rank.

    Attributes
    ----------
    factors : tuple of FactorSensitivity
        One per uncertain input, in the order the workspace declares them.
    by_unit : DataFrame
        unit, input, S1, S1_conf, ST, ST_conf: the indices of each unit's rank (units whose
        rank varies; intervals from 10 bootstrap resamples).
    runs : int
        Runs evaluated, N (k + 2) for k inputs.
    base_samples : int
        N.
    period : object
        The period analysed.
    output : str
        What the indices in ``factors`` decompose.
    """

    factors: tuple[FactorSensitivity, ...]
    by_unit: pd.DataFrame
    runs: int
    base_samples: int
    period: object
    output: str = "mean absolute rank shift against the nominal ranks"

    @property
    def indices(self) -> pd.DataFrame:
        """The factors as a table with :data:`SOBOL_COLUMNS`."""
        return pd.DataFrame([vars(f) for f in self.factors], columns=list(SOBOL_COLUMNS))

    def long_table(self) -> pd.DataFrame:
        """One row per target and factor: target (``mean_abs_rank_shift``, or a unit code for its rank),
        factor, s1, s1_low, s1_high, st, st_low, st_high, flagged (either interval wider than its index)."""
        per_unit = [
            (r.unit, FactorSensitivity.from_estimates(r.input, r.S1, r.S1_conf, r.ST, r.ST_conf))
            for r in self.by_unit.itertuples(index=False)
        ]
        rows = [
            {
                "target": target,
                "factor": f.input,
                "s1": f.S1,
                "s1_low": f.S1_low,
                "s1_high": f.S1_high,
                "st": f.ST,
                "st_low": f.ST_low,
                "st_high": f.ST_high,
                "flagged": f.S1_wide or f.ST_wide,
            }
            for target, f in [*(("mean_abs_rank_shift", f) for f in self.factors), *per_unit]
        ]
        columns = ["target", "factor", "s1", "s1_low", "s1_high", "st", "st_low", "st_high", "flagged"]
        return pd.DataFrame(rows, columns=columns)


def _power_of_two_at_least(n: int) -> int:
    return 1 << max(int(n) - 1, 0).bit_length()


def sobol_minimum(space: Space) -> int:
    """The fewest base samples for ``space``: a power of two >= SOBOL_MIN_BASE and >= 2 x the most alternatives.

    >>> from innoscope.audit.space import Discrete
    >>> sobol_minimum(Space((Discrete("winmax", "treat", tuple({"winmax": w} for w in range(1, 6))),)))
    16
    """
    most = max((len(d.alternatives) for d in space.discrete), default=1)
    return _power_of_two_at_least(max(SOBOL_MIN_BASE, 2 * most))


def check_base_samples(n: int, space: Space) -> None:
    """Refuse a number of base samples that SALib's Sobol' sampling and estimators cannot support for ``space``."""
    least = sobol_minimum(space)
    if n < least or n & (n - 1):
        raise InnoscopeError(
            E.SOBOL_TOO_FEW,
            where="--runs",
            detail=f"{n} base samples; these inputs need a power of two of at least {least} (SALib's Sobol' "
            "sequence is balanced only at powers of two, and every alternative must be drawn; fewer samples "
            f"give indices far outside [0, 1]): use {max(least, _power_of_two_at_least(n))}",
        )


def _salib_seed(seed: int) -> int:
    """A non-zero seed for SALib, which treats a seed of 0 as no seed at all."""
    return int(np.random.SeedSequence(seed).generate_state(1)[0]) or 1


def salib_problem(problem: Problem) -> tuple[dict, list[tuple[str, int]]]:
    """SALib's problem dict and, per variable, the input it belongs to and its node (or -1)."""
    names, groups, owners = [], [], []
    for d in problem.space.discrete:
        names.append(d.name)
        groups.append(d.name)
        owners.append((d.name, -1))
    noise = problem.space.weights
    if noise is not None:
        fw = problem.framework
        if noise.sets:
            names.append("weights_set")
            groups.append("weights")
            owners.append(("weights", -1))
        else:
            for j, n in enumerate(fw.nodes):
                if n.parent is not None and fw.level(n.code) in noise.factors:
                    names.append(f"w_{n.code}")
                    groups.append("weights")
                    owners.append(("weights", j))
    if len(set(groups)) < 2:
        raise InnoscopeError(E.WORKSPACE_INVALID, where="uncertainty", detail="Sobol indices need at least two inputs")
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names), "groups": groups}, owners


def _design(problem: Problem, X: np.ndarray, owners: list[tuple[str, int]], seed: int) -> Design:
    """The runs of SALib's sample ``X``: alternatives by equal bins, weight factors 1 + (2u - 1) f."""
    fw = problem.framework
    choices = {}
    weights = np.ones((len(X), len(fw.nodes)))
    noise = problem.space.weights
    sets = None
    if noise is not None and noise.sets:
        rng = np.random.default_rng(seed)
        sets = 1 + rng.uniform(-1, 1, size=(noise.sets, len(fw.nodes))) * noise_factors(noise, fw)
    for col, (name, node) in enumerate(owners):
        u = X[:, col]
        if name == "weights":
            if sets is not None:
                pick = np.minimum((u * len(sets)).astype(int), len(sets) - 1)
                weights = sets[pick]
                choices["weights_set"] = pick
            else:
                lev = fw.level(fw.nodes[node].code)
                weights[:, node] = 1 + (2 * u - 1) * noise.factors[lev]  # type: ignore[union-attr]
            continue
        k = len(next(d for d in problem.space.discrete if d.name == name).alternatives)
        choices[name] = np.minimum((u * k).astype(int), k - 1)
    return Design(pd.DataFrame(choices, index=range(len(X))), weights, tuple(n.code for n in fw.nodes))


def run_sobol(
    problem: Problem,
    n: int,
    seed: int,
    executor: Executor | None = None,
    resamples: int = 100,
    progress: Callable[[int], None] | None = None,
) -> SobolResult:
    """Sobol indices from ``n`` base samples (n (k + 2) runs for k inputs), evaluated by ``executor``."""
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    check_base_samples(n, problem.space)
    spec, owners = salib_problem(problem)
    run = as_executor(executor)
    X = sobol_sample.sample(spec, n, calc_second_order=False, seed=check_seed(seed))
    design = _design(problem, X, owners, seed)
    ranks = ranks_of(run.evaluate(problem, design, progress))
    nominal = build_index(problem.panel, problem.framework, problem.settings).table(problem.period, "rank")
    nom = nominal[problem.framework.root].reindex(problem.panel.unit_codes).to_numpy(float)
    shift = np.nanmean(np.abs(ranks - nom[None, :]), axis=1)
    salib_seed = _salib_seed(seed)
    res = sobol_analyze.analyze(spec, shift, calc_second_order=False, num_resamples=resamples, seed=salib_seed)
    inputs = list(dict.fromkeys(spec["groups"]))
    factors = tuple(
        FactorSensitivity.from_estimates(name, *est)
        for name, *est in zip(inputs, res["S1"], res["S1_conf"], res["ST"], res["ST_conf"], strict=True)
    )
    rows = []
    for j, unit in enumerate(problem.panel.unit_codes):
        y = ranks[:, j]
        if np.isnan(y).any() or np.nanstd(y) == 0:
            continue
        r = sobol_analyze.analyze(spec, y, calc_second_order=False, num_resamples=10, seed=salib_seed)
        rows += [
            {"unit": unit, "input": i, "S1": s1, "S1_conf": c1, "ST": st, "ST_conf": ct}
            for i, s1, c1, st, ct in zip(inputs, r["S1"], r["S1_conf"], r["ST"], r["ST_conf"], strict=True)
        ]
    return SobolResult(
        factors=factors,
        by_unit=pd.DataFrame(rows, columns=["unit", "input", "S1", "S1_conf", "ST", "ST_conf"]),
        runs=len(design),
        base_samples=n,
        period=problem.period,
    )
