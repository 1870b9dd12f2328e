"""The uncertain inputs of an index and the design of an uncertainty analysis.

A workspace declares what is uncertain under ``uncertainty:``::

    uncertainty:
      winmax: [1, 2, 3, 4, 5]                       # shorthand for treat.winmax
      normalise:                                    # discrete alternatives of a step's settings
        - {method: minmax, l: 1, u: 100}
        - {method: zscore, mean: 10, sd: 2}
      aggregate: [{method: amean}, {method: gmean}]
      weights: {noise: {2: 0.25, 3: 0.25}, sets: 100}   # w x (1 + U(-f, f)) at levels 2 and 3

``sets`` draws that many noisy weight sets first and lets each run pick one
(COINr's way); without it every run draws its own weights.  The noise
multiplies the weights the workspace's method gives (given, equal or PCA), so
it applies to PCA weights as much as to given ones.  A design is the table of
choices, one row per run, with every node's weight factor; it is drawn once
from a seed, whatever engine evaluates it.

>>> from innoscope.index.settings import Settings
>>> from innoscope.frameworks import Framework, Node
>>> fw = Framework.from_nodes([Node("I", None), Node("A", "I"), Node("x", "A"), Node("y", "A")])
>>> space = parse_space({"winmax": [1, 5], "weights": {"noise": {1: 0.25}}}, Settings(), fw)
>>> d = sample(space, fw, runs=4, seed=0)
>>> d.choices.columns.tolist(), d.weights.shape
(['winmax'], (4, 4))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from innoscope.errors import E, InnoscopeError
from innoscope.frameworks import Framework
from innoscope.index.settings import Settings

__all__ = [
    "DATA_STEPS",
    "Design",
    "Discrete",
    "Space",
    "WeightNoise",
    "check_seed",
    "noise_factors",
    "parse_space",
    "sample",
]

STEPS = ("denominate", "impute", "screen", "treat", "normalise", "aggregate")
DATA_STEPS = ("denominate", "impute", "screen", "treat", "normalise")  # steps before aggregation
SHORTHAND = {"winmax": ("treat", "winmax")}


@dataclass(frozen=True)
class Discrete:
    """A choice among alternatives, each a set of one step's settings."""

    name: str
    step: str
    alternatives: tuple[dict[str, Any], ...]

    @property
    def labels(self) -> list[str]:
        return [",".join(f"{k}={v}" for k, v in alt.items()) for alt in self.alternatives]


@dataclass(frozen=True)
class WeightNoise:
    """Each weight at a level multiplied by 1 + U(-f, f); ``sets`` pre-drawn sets or None."""

    factors: dict[int, float]
    sets: int | None = None


@dataclass(frozen=True)
class Space:
    discrete: tuple[Discrete, ...]
    weights: WeightNoise | None = None

    def factor_names(self) -> list[str]:
        return [d.name for d in self.discrete] + (["weights"] if self.weights else [])


@dataclass(frozen=True)
class Design:
    """The runs: the alternative chosen for each discrete factor, and every node's weight factor.

    ``choices`` has one integer column per discrete factor (the index of the
    alternative); ``weights`` is (runs, nodes) in the framework's node order:
    factors on the weights the workspace's method gives (1 = nominal), or, with
    ``absolute`` (a replayed COINr design), the weights themselves.
    """

    choices: pd.DataFrame
    weights: np.ndarray
    nodes: tuple[str, ...]
    absolute: bool = False

    def __len__(self) -> int:
        return len(self.choices)

    def rows(self, a: int, b: int) -> Design:
        return Design(self.choices.iloc[a:b].reset_index(drop=True), self.weights[a:b], self.nodes, self.absolute)


def _bad(where: str, detail: str) -> InnoscopeError:
    return InnoscopeError(E.WORKSPACE_INVALID, where=f"uncertainty: {where}", detail=detail)


def parse_space(spec: dict[str, Any] | None, settings: Settings, framework: Framework) -> Space:
    """Validate the declared uncertain inputs against the workspace's settings and framework."""
    if not spec:
        raise _bad("(none)", "the workspace declares no uncertain inputs; add an `uncertainty:` section")
    discrete = []
    weights = None
    for name, value in spec.items():
        if name == "weights":
            weights = _weight_noise(value, framework)
            continue
        if name in SHORTHAND:
            step, field = SHORTHAND[name]
            if not isinstance(value, list):
                raise _bad(name, "expected a list of values")
            alts = tuple({field: v} for v in value)
        elif name in STEPS:
            step = name
            if not isinstance(value, list) or not all(isinstance(a, dict) for a in value):
                raise _bad(name, "expected a list of alternative settings, e.g. [{method: amean}, {method: gmean}]")
            alts = tuple(value)
        else:
            raise _bad(name, f"unknown input; use one of {', '.join([*SHORTHAND, *STEPS, 'weights'])}")
        if len(alts) < 1:
            raise _bad(name, "needs at least one alternative")
        for i, alt in enumerate(alts):  # an error names the input, the alternative and the field
            settings.with_overrides({step: alt}, where=f"uncertainty: {name}[{i}]")
        discrete.append(Discrete(name, step, alts))
    return Space(tuple(discrete), weights)


def _weight_noise(value: Any, framework: Framework) -> WeightNoise:
    if not isinstance(value, dict) or "noise" not in value:
        raise _bad("weights", "expected {noise: {LEVEL: FACTOR, ...}, sets: N (optional)}")
    factors = {}
    for level, f in dict(value["noise"]).items():
        try:
            lev, fac = int(level), float(f)
        except (TypeError, ValueError):
            raise _bad("weights.noise", f"level {level!r} and factor {f!r} must be numbers") from None
        if not any(framework.level(n.code) == lev for n in framework.nodes if n.parent is not None):
            raise _bad("weights.noise", f"the framework has no weighted node at level {lev}")
        if not 0 < fac < 1:
            raise _bad("weights.noise", f"factor {fac} for level {lev} must be in (0, 1): an empty or inverted range")
        factors[lev] = fac
    sets = value.get("sets")
    if sets is not None and (not isinstance(sets, int) or sets < 1):
        raise _bad("weights.sets", f"{sets!r} must be a positive integer")
    return WeightNoise(factors, sets)


def noise_factors(noise: WeightNoise, framework: Framework) -> np.ndarray:
    """Each node's noise half-width f (weights vary by 1 + U(-f, f)); 0 where its level has none."""
    levels = [framework.level(n.code) if n.parent is not None else 0 for n in framework.nodes]
    return np.array([noise.factors.get(int(lev), 0.0) for lev in levels])


def check_seed(seed: object) -> int:
    """``seed`` if it is a whole number >= 0 (what NumPy's generators take), else E302.

    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    innoscope.errors.InnoscopeError: E302 seed: invalid method parameter: -1; a seed is a whole number >= 0. ...
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InnoscopeError(E.BAD_PARAMETER, where="seed", detail=f"{seed!r}; a seed is a whole number >= 0")
    return int(seed)


def sample(space: Space, framework: Framework, runs: int, seed: int) -> Design:
    """Draw ``runs`` parameter sets from ``space`` with a seeded generator."""
    if runs < 2:
        raise _bad("--runs", f"{runs} runs; an uncertainty analysis needs at least 2")
    check_seed(seed)
    rng = np.random.default_rng(seed)
    choices = pd.DataFrame(
        {d.name: rng.integers(0, len(d.alternatives), size=runs) for d in space.discrete}, index=range(runs)
    )
    weights = np.ones((runs, len(framework.nodes)))
    if space.weights is not None:
        n_draw = space.weights.sets or runs
        mult = 1 + rng.uniform(-1, 1, size=(n_draw, len(framework.nodes))) * noise_factors(space.weights, framework)
        if space.weights.sets:
            pick = rng.integers(0, n_draw, size=runs)
            choices["weights_set"] = pick
            weights = mult[pick]
        else:
            weights = mult
    return Design(choices, weights, tuple(n.code for n in framework.nodes))
