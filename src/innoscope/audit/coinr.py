"""Read a COINr uncertainty design (``get_sensitivity`` parameters and noisy weight sets) as a Design.

COINr exports each run's sampled parameters (Winmax, Norm_f_n, Norm_f_n_para,
Weights_set, Aggregation) and the weight sets (set, iCode, Level, Weight).
Mapping them onto the alternatives a workspace declares lets a published
audit be replayed run by run: the design holds COINr's weights themselves
(``absolute``), a node the sets leave out keeping the framework's weight, and
the runs go through the one aggregation path of every build.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from innoscope.audit.space import Design, Space
from innoscope.errors import E, InnoscopeError
from innoscope.frameworks import Framework
from innoscope.index.settings import Settings
from innoscope.index.weights import given_weights

__all__ = ["COINR_COLUMNS", "design_from_coinr"]

COINR_COLUMNS = ("Winmax", "Norm_f_n", "Norm_f_n_para", "Weights_set", "Aggregation")
_NORM = {"n_minmax": ("minmax", ("l", "u")), "n_zscore": ("zscore", ("mean", "sd"))}
_AGG = {"a_amean": "amean", "a_gmean": "gmean", "a_hmean": "hmean", "a_genmean": "genmean"}


def _find(space: Space, name: str, wanted: dict, where: str) -> int:
    factor = next((d for d in space.discrete if d.name == name), None)
    if factor is None:
        raise InnoscopeError(E.WORKSPACE_INVALID, where=where, detail=f"the workspace declares no `{name}` input")
    for i, alt in enumerate(factor.alternatives):
        if all(alt.get(k) == v or (isinstance(v, float) and float(alt.get(k, np.nan)) == v) for k, v in wanted.items()):
            return i
    raise InnoscopeError(E.WORKSPACE_INVALID, where=where, detail=f"{wanted} is not among the `{name}` alternatives")


def design_from_coinr(
    params: pd.DataFrame,
    weight_sets: pd.DataFrame | None,
    space: Space,
    framework: Framework,
    settings: Settings,
    source: str = "design",
) -> Design:
    """Map COINr's exported runs onto ``space``'s alternatives and the framework's nodes."""
    missing = [c for c in COINR_COLUMNS if c not in params.columns]
    if missing:
        raise InnoscopeError(E.MISSING_COLUMN, where=source, detail=f"COINr design needs {', '.join(missing)}")
    names = [d.name for d in space.discrete]
    choices = {n: [] for n in names}
    for i, row in enumerate(params.to_dict("records")):
        where = f"{source}:{i + 2}"
        if "winmax" in names:
            choices["winmax"].append(_find(space, "winmax", {"winmax": int(row["Winmax"])}, where))
        if "normalise" in names:
            method, keys = _NORM[row["Norm_f_n"]]
            vals = [float(x) for x in str(row["Norm_f_n_para"]).split(";")]
            choices["normalise"].append(
                _find(space, "normalise", {"method": method, **dict(zip(keys, vals, strict=True))}, where)
            )
        if "aggregate" in names:
            choices["aggregate"].append(_find(space, "aggregate", {"method": _AGG[row["Aggregation"]]}, where))
    frame = pd.DataFrame({k: v for k, v in choices.items() if v})
    w0 = given_weights(framework, settings.weights.values)
    nodes = tuple(n.code for n in framework.nodes)
    weights = np.tile(w0, (len(params), 1))
    if weight_sets is not None:
        pos = {c: j for j, c in enumerate(nodes)}
        unknown = sorted(set(weight_sets["iCode"]) - set(pos))
        if unknown:
            raise InnoscopeError(E.UNKNOWN_INDICATOR, where=source, detail=f"weight sets name {', '.join(unknown[:5])}")
        table = {}
        for s, grp in weight_sets.groupby("set"):
            w = w0.copy()
            w[[pos[c] for c in grp["iCode"]]] = grp["Weight"].to_numpy(float)
            table[int(s)] = w
        picked = params["Weights_set"].astype(int).to_numpy()
        absent = sorted(set(picked) - set(table))
        if absent:
            raise InnoscopeError(
                E.WORKSPACE_INVALID, where=source, detail=f"weight sets {absent[:5]} are not in the file"
            )
        weights = np.stack([table[s] for s in picked])
        frame["weights_set"] = picked
        return Design(frame, weights, nodes, absolute=True)
    return Design(frame, np.ones((len(params), len(nodes))), nodes)
