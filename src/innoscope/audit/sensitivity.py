"""Sobol sensitivity of the ranks to each uncertain input, with SALib's Sobol' sampling and estimators.

Every uncertain input is one factor: a discrete choice is a uniform variable
cut into equal bins, one per alternative; weight noise is one group of
uniform variables (one per noisy weight) or, with pre-drawn sets, one
variable picking a set.  The output is the mean absolute rank shift against
the nominal ranks (and each unit's rank); first-order and total indices come
with bootstrap confidence intervals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from innoscope.audit.engine import Problem, evaluate, evaluate_dask, ranks_of
from innoscope.audit.space import Design, base_weights
from innoscope.errors import E, InnoscopeError
from innoscope.index.pipeline import build_index

__all__ = ["SobolResult", "run_sobol", "salib_problem"]


@dataclass(frozen=True)
class SobolResult:
    """Indices per input on the mean absolute rank shift, and per unit on its rank."""

    indices: pd.DataFrame  # input, S1, S1_conf, ST, ST_conf
    by_unit: pd.DataFrame  # unit, input, S1, ST
    runs: int


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
    fw = problem.framework
    w0 = base_weights(fw, problem.settings)
    choices = {}
    weights = np.tile(w0, (len(X), 1))
    noise = problem.space.weights
    sets = None
    if noise is not None and noise.sets:
        rng = np.random.default_rng(seed)
        levels = np.array([fw.level(n.code) if n.parent is not None else 0 for n in fw.nodes])
        factor = np.array([noise.factors.get(int(lev), 0.0) for lev in levels])
        sets = w0 * (1 + rng.uniform(-1, 1, size=(noise.sets, len(w0))) * factor)
    for col, (name, node) in enumerate(owners):
        u = X[:, col]
        if name == "weights":
            if sets is not None:
                pick = np.minimum((u * len(sets)).astype(int), len(sets) - 1)
                weights = sets[pick]
                choices["weights_set"] = pick
            else:
                lev = fw.level(fw.nodes[node].code)
                weights[:, node] = w0[node] * (1 + (2 * u - 1) * noise.factors[lev])  # type: ignore[union-attr]
            continue
        k = len(next(d for d in problem.space.discrete if d.name == name).alternatives)
        choices[name] = np.minimum((u * k).astype(int), k - 1)
    return Design(pd.DataFrame(choices), weights, tuple(n.code for n in fw.nodes))


def run_sobol(
    problem: Problem,
    n: int,
    seed: int,
    engine: str = "local",
    client=None,
    resamples: int = 100,
    progress: Callable[[int], None] | None = None,
) -> SobolResult:
    """Sobol indices from ``n`` base samples (n (k + 2) runs for k inputs)."""
    if n < 2:
        raise InnoscopeError(E.WORKSPACE_INVALID, where="--runs", detail=f"{n}; Sobol analysis needs at least 2")
    spec, owners = salib_problem(problem)
    X = sobol_sample.sample(spec, n, calc_second_order=False, seed=seed)
    design = _design(problem, X, owners, seed)
    scores = (
        evaluate_dask(problem, design, client, progress=progress)
        if engine == "dask"
        else evaluate(problem, design, progress)
    )
    ranks = ranks_of(scores)
    nominal = build_index(problem.panel, problem.framework, problem.settings).table(problem.period, "rank")
    nom = nominal[problem.framework.root].reindex(problem.panel.unit_codes).to_numpy(float)
    shift = np.nanmean(np.abs(ranks - nom[None, :]), axis=1)
    res = sobol_analyze.analyze(spec, shift, calc_second_order=False, num_resamples=resamples, seed=seed)
    inputs = list(dict.fromkeys(spec["groups"]))
    indices = pd.DataFrame(
        {"input": inputs, "S1": res["S1"], "S1_conf": res["S1_conf"], "ST": res["ST"], "ST_conf": res["ST_conf"]}
    )
    rows = []
    for j, unit in enumerate(problem.panel.unit_codes):
        y = ranks[:, j]
        if np.isnan(y).any() or np.nanstd(y) == 0:
            continue
        r = sobol_analyze.analyze(spec, y, calc_second_order=False, num_resamples=10, seed=seed)
        rows += [
            {"unit": unit, "input": i, "S1": s1, "ST": st} for i, s1, st in zip(inputs, r["S1"], r["ST"], strict=True)
        ]
    return SobolResult(indices, pd.DataFrame(rows, columns=["unit", "input", "S1", "ST"]), len(design))
