"""Weights of each node's children: the one resolver that every build and every run calls.

The nominal build, the Monte Carlo runs, the removal shifts and the replay of
COINr designs all take their weights from :class:`WeightResolver`, so a run
whose settings equal the workspace's gets the workspace's weights.

Methods (:class:`WeightMethod`):

* ``given`` — the framework's weights, with the settings' ``values`` replacing some;
* ``equal`` — every child of a node weighs the same (``values`` are not used);
* ``pca`` — each child's squared loading on the first principal component of
  the node's children (standardised, complete rows pooled over periods), as
  the OECD/JRC handbook uses it: all weights >= 0, summing to 1;
* ``pca_loadings`` — the loadings themselves, signs included, as COINr's
  ``get_PCA(weights_to = ...)`` writes them: a child that runs against the
  component gets a negative weight.  A component's sign is arbitrary (PCA
  fixes only its axis), so the sign is chosen that makes the loadings sum to
  a positive number; the means are unchanged by flipping every weight's sign
  (COINr's ``a_amean`` divides by the sum of the weights), so the choice only
  fixes the weights that are reported.  Loadings that sum to (nearly) zero
  cannot be scaled into weights: E310.

A run's weights are the method's weights times the run's factors (weight
noise, or the zero of a removed element) — or, for a replayed design, the
run's own weights — scaled so that each node's children sum to 1.

Numeric policies (PCA): a node with one child, fewer than three complete
rows or fewer than two non-constant children keeps equal weights; a constant
child gets weight 0.  A node whose run weights sum to 0 (every child removed)
gets NaN weights, so its score is NaN.

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> f = rng.normal(size=200)
>>> X = np.column_stack([f + 0.1 * rng.normal(size=200), f + 0.1 * rng.normal(size=200), rng.normal(size=200)])
>>> w = pca_weights(X)
>>> bool(w[0] > 0.4 and w[1] > 0.4 and w[2] < 0.1), round(float(w.sum()), 6)
(True, 1.0)
>>> v = pca_weights(np.column_stack([X[:, :2], -X[:, 0]]), signed=True)
>>> bool(v[0] > 0 and v[1] > 0 and v[2] < 0)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np

from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:
    from innoscope.frameworks import Framework
    from innoscope.index.settings import WeightSettings

__all__ = ["RunWeights", "WeightMethod", "WeightResolver", "given_weights", "pca_weights"]


class WeightMethod(StrEnum):
    """The weighting methods (``weights: {method: NAME}``, ``--weights NAME``)."""

    GIVEN = "given"  # the framework's weights, with `values` replacing some
    EQUAL = "equal"  # every child of a node weighs the same
    PCA = "pca"  # squared loadings of the first principal component of each node's children
    PCA_LOADINGS = "pca_loadings"  # COINr's PCA weights: the first component's loadings, signs included

    @property
    def from_data(self) -> bool:
        """Whether the weights depend on the children's scores (and so on each run's data)."""
        return self in (WeightMethod.PCA, WeightMethod.PCA_LOADINGS)


@dataclass(frozen=True)
class RunWeights:
    """Every node's weight factor in each run: ``values`` is (runs, nodes) in framework node order.

    By default the values multiply the weights the method gives (1 = as nominal,
    0 = left out); with ``absolute`` they are the weights themselves (a
    replayed COINr design), whatever the method.
    """

    values: np.ndarray
    absolute: bool = False

    @classmethod
    def nominal(cls, n_nodes: int) -> RunWeights:
        """One run at the method's own weights."""
        return cls(np.ones((1, n_nodes)))

    @property
    def runs(self) -> int:
        return int(self.values.shape[0])


def given_weights(framework: Framework, values: dict[str, float] | None = None) -> np.ndarray:
    """Every node's weight in framework node order: the framework's, with ``values`` replacing some."""
    fw = framework.with_weights(values) if values else framework
    return np.array([n.weight for n in fw.nodes], dtype=float)


def pca_weights(X: np.ndarray, signed: bool = False) -> np.ndarray:
    """First-component weights of the children ``X``: (rows, k) -> (k,), or (rows, k, runs) -> (runs, k).

    Squared loadings (summing to 1) by default; with ``signed`` the loadings,
    with the sign that makes them sum to a positive number (not rescaled).
    Each run's weights depend on its own column only, whatever the batch.
    """
    X = np.asarray(X, dtype=float)
    flat = X.ndim == 2
    A = np.ascontiguousarray(np.moveaxis(X[:, :, None] if flat else X, 2, 0))  # (runs, rows, k)
    runs, _, k = A.shape
    complete = ~np.isnan(A).any(axis=2)  # (runs, rows)
    out = np.empty((runs, k))
    if (complete == complete[0]).all():
        out[:] = _first_component(A[:, complete[0], :], signed)
    else:  # the runs miss different rows: one at a time
        for r in range(runs):
            out[r] = _first_component(A[r : r + 1, complete[r], :], signed)[0]
    return out[0] if flat else out


def _first_component(Y: np.ndarray, signed: bool) -> np.ndarray:
    """Weights from complete rows ``Y`` (runs, n, k) -> (runs, k)."""
    runs, n, k = Y.shape
    equal = np.full((runs, k), 1.0 / k)
    if k < 2 or n < 3:
        return equal
    Yt = np.ascontiguousarray(np.moveaxis(Y, 1, 2))  # (runs, k, n): reductions along the contiguous axis
    dev = Yt - (Yt.sum(axis=2) / n)[:, :, None]
    sd = np.sqrt((dev * dev).sum(axis=2) / (n - 1))
    ok = sd > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        Z = np.where(ok[:, :, None], dev / sd[:, :, None], 0.0)
    C = np.einsum("rkn,rjn->rkj", Z, Z) / (n - 1)  # correlation matrices; constant children give zero rows
    v = np.linalg.eigh(C)[1][:, :, -1]  # the eigenvector of the largest eigenvalue
    v = np.where(ok, v, 0.0)
    if signed:
        w = v * np.where(v.sum(axis=1) < 0, -1.0, 1.0)[:, None]
    else:
        w = v * v
        w = w / w.sum(axis=1, keepdims=True)
    return np.where((ok.sum(axis=1) >= 2)[:, None], w, equal)


class WeightResolver:
    """The weights of every node's children for one build or a batch of runs.

    Parameters
    ----------
    framework : Framework
    settings : WeightSettings
        The method (and, for ``given``, the values replacing framework weights).
    runs : RunWeights, optional
        Per-run factors or weights; one nominal run by default.
    """

    def __init__(self, framework: Framework, settings: WeightSettings, runs: RunWeights | None = None) -> None:
        self.method = settings.method
        self.runs = runs if runs is not None else RunWeights.nominal(len(framework.nodes))
        self._position = {n.code: j for j, n in enumerate(framework.nodes)}
        if self.method is WeightMethod.GIVEN:
            self._base = given_weights(framework, settings.values)
        else:
            self._base = np.ones(len(framework.nodes))

    def for_node(self, code: str, kids: tuple[str, ...], X: np.ndarray) -> np.ndarray:
        """Weights (runs, k) of ``kids``, summing to 1 per run; ``X`` (rows, k, runs or 1) are their scores."""
        cols = [self._position[c] for c in kids]
        factors = self.runs.values[:, cols]
        if self.runs.absolute:
            w = factors
        elif self.method.from_data:
            w = pca_weights(X, signed=self.method is WeightMethod.PCA_LOADINGS) * factors
        else:
            w = self._base[cols][None, :] * factors
        total = w.sum(axis=1, keepdims=True)
        if self.method is WeightMethod.PCA_LOADINGS and not self.runs.absolute:
            size = np.abs(w).sum(axis=1)
            if ((np.abs(total[:, 0]) <= 1e-9 * size) & (size > 0)).any():
                raise InnoscopeError(E.PCA_LOADINGS_CANCEL, where=f"node {code}", detail=f"children {', '.join(kids)}")
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(total != 0, w / total, np.nan)
