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
from innoscope.panel.readers import parse_numbers

__all__ = ["COINR_COLUMNS", "design_from_coinr"]

COINR_COLUMNS = ("Winmax", "Norm_f_n", "Norm_f_n_para", "Weights_set", "Aggregation")
# COINr's functions -> the method and the parameters Norm_f_n_para lists (";"-separated)
_NORM = {
    "n_minmax": ("minmax", ("l", "u")),
    "n_zscore": ("zscore", ("mean", "sd")),
    "n_rank": ("rank", ()),
    "n_borda": ("borda", ()),
    "n_prank": ("prank", ()),
}
_AGG = {"a_amean": "amean", "a_gmean": "gmean", "a_hmean": "hmean", "a_genmean": "genmean", "a_copeland": "copeland"}


def _method(table: dict, value: object, where: str, column: str):
    """The method a COINr function name stands for, or E322 naming the cell."""
    name = str(value).strip() if value is not None else ""
    if name not in table:
        raise InnoscopeError(
            E.DESIGN_METHOD, where=f"{where}, column {column}", detail=f"{name!r}; known: {', '.join(table)}"
        )
    return table[name]


def _parameters(text: object, k: int, where: str) -> list[float]:
    """The ``k`` numbers of a Norm_f_n_para cell ("1;100"), or E103 naming the cell."""
    parts = [x.strip() for x in str(text).split(";")] if text is not None else []
    try:
        vals = [float(x) for x in parts]
    except ValueError:
        vals = []
    if len(vals) != k:
        raise InnoscopeError(
            E.NON_NUMERIC, where=f"{where}, column Norm_f_n_para", detail=f"{text!r}; expected {k} numbers as a;b"
        )
    return vals


def _whole(values: np.ndarray, source: str, column: str) -> np.ndarray:
    """Parsed numbers that must be whole (winmax, set numbers), or E103 naming the first cell that is not."""
    bad = np.flatnonzero(np.isnan(values) | (values != np.round(values)))
    if bad.size:
        i = int(bad[0])
        detail = "empty" if np.isnan(values[i]) else f"{values[i]:g} is not a whole number"
        raise InnoscopeError(E.NON_NUMERIC, where=f"{source}:{i + 2}, column {column}", detail=detail)
    return values.astype(int)


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
    sets_source: str = "weight sets",
) -> Design:
    """Map COINr's exported runs onto ``space``'s alternatives and the framework's nodes.

    ``params`` and ``weight_sets`` are tables of text (or numbers) as read from
    the files ``source`` and ``sets_source``; a bad cell is named by file, row
    and column.
    """
    missing = [c for c in COINR_COLUMNS if c not in params.columns]
    if missing:
        raise InnoscopeError(E.MISSING_COLUMN, where=source, detail=f"COINr design needs {', '.join(missing)}")
    names = [d.name for d in space.discrete]
    choices = {n: [] for n in names}
    winmax = _whole(parse_numbers(params["Winmax"], source, "Winmax"), source, "Winmax") if "winmax" in names else None
    for i, row in enumerate(params.to_dict("records")):
        where = f"{source}:{i + 2}"
        if winmax is not None:
            choices["winmax"].append(_find(space, "winmax", {"winmax": int(winmax[i])}, where))
        if "normalise" in names:
            method, keys = _method(_NORM, row["Norm_f_n"], where, "Norm_f_n")
            vals = _parameters(row["Norm_f_n_para"], len(keys), where) if keys else []
            choices["normalise"].append(
                _find(space, "normalise", {"method": method, **dict(zip(keys, vals, strict=True))}, where)
            )
        if "aggregate" in names:
            method = _method(_AGG, row["Aggregation"], where, "Aggregation")
            choices["aggregate"].append(_find(space, "aggregate", {"method": method}, where))
    frame = pd.DataFrame({k: v for k, v in choices.items() if v})
    w0 = given_weights(framework, settings.weights.values)
    nodes = tuple(n.code for n in framework.nodes)
    weights = np.tile(w0, (len(params), 1))
    if weight_sets is not None:
        absent_cols = [c for c in ("set", "iCode", "Weight") if c not in weight_sets.columns]
        if absent_cols:
            raise InnoscopeError(
                E.MISSING_COLUMN, where=sets_source, detail=f"COINr weight sets need {', '.join(absent_cols)}"
            )
        pos = {c: j for j, c in enumerate(nodes)}
        unknown = sorted(set(weight_sets["iCode"]) - set(pos))
        if unknown:
            raise InnoscopeError(
                E.UNKNOWN_INDICATOR, where=sets_source, detail=f"weight sets name {', '.join(unknown[:5])}"
            )
        sets = _whole(parse_numbers(weight_sets["set"], sets_source, "set"), sets_source, "set")
        values = parse_numbers(weight_sets["Weight"], sets_source, "Weight")
        table = {}
        for s in np.unique(sets):
            w = w0.copy()
            rows = np.flatnonzero(sets == s)
            w[[pos[c] for c in weight_sets["iCode"].iloc[rows]]] = values[rows]
            table[int(s)] = w
        picked = _whole(parse_numbers(params["Weights_set"], source, "Weights_set"), source, "Weights_set")
        absent = sorted(set(picked) - set(table))
        if absent:
            raise InnoscopeError(
                E.WORKSPACE_INVALID, where=source, detail=f"weight sets {absent[:5]} are not in the file"
            )
        weights = np.stack([table[s] for s in picked])
        frame["weights_set"] = picked
        return Design(frame, weights, nodes, absolute=True)
    return Design(frame, np.ones((len(params), len(nodes))), nodes)
