"""Read a framework from YAML or from COINr's ``iMeta`` table.

YAML (one list of nodes, each naming its parent; the node without a parent is
the index)::

    name: Example index
    groups: [region]                # optional unit-group columns
    nodes:
      - {code: Index, name: {en: Example index, zh: 示例指数}}
      - {code: Inputs, parent: Index, weight: 1}
      - {code: rd_gdp, parent: Inputs, direction: 1, unit: "%", target: 2.5}
      - {code: cost, parent: Inputs, direction: -1, denominator: gdp, scale: 100}
      - {code: share, parent: Inputs, goalposts: [0, 40, 1], goalpost_trunc2posts: false}
      - {code: rank_x, parent: Inputs, measure: rank}  # read the panel's `rank` measure
      - {code: Efficiency, aggregate: ratio, of: [Outputs, Inputs]}   # beside the index

``goalposts`` is ``[low, high]`` or ``[low, high, scale]``; ``aggregate: ratio``
makes a node the ratio of its two children, or of the two nodes ``of`` names.

A ``.csv`` or ``.xlsx`` file with COINr's ``iMeta`` columns (Level, iCode,
iName, Direction, Weight, Type, Parent, Denominator, Target, Unit) is read as
COINr defines it: rows of Type ``Indicator`` and ``Aggregate`` form the tree,
``Group`` rows name unit-group columns, ``Denominator`` rows are ignored here
(they are data columns).  The optional normalisation columns COINr reads with
``f_n_para = "use_iMeta"`` come over unchanged: ``goalpost_lower``,
``goalpost_upper``, ``goalpost_scale``, ``goalpost_trunc2posts`` and
``dist2targ_cap_max`` (logical: TRUE/FALSE, true/false, 1/0).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from innoscope.errors import E, InnoscopeError
from innoscope.frameworks.framework import Framework, Node, Rule
from innoscope.panel.measures import check_measure_name

__all__ = ["IMETA_COLUMNS", "SHIPPED", "load_framework", "read_imeta", "shipped"]

SHIPPED = Path(__file__).parent / "shipped"

IMETA_COLUMNS = ("Level", "iCode", "iName", "Direction", "Weight", "Type", "Parent")


class _Names(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: str = ""
    zh: str = ""


class _NodeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    parent: str | None = None
    name: _Names | str = ""
    weight: float = 1.0
    direction: int = 1
    unit: str | None = None
    target: float | None = None
    goalposts: tuple[float, float] | tuple[float, float, float] | None = None
    goalpost_scale: float | None = None
    goalpost_trunc2posts: bool | None = None
    dist2targ_cap_max: bool | None = None
    floor: bool | None = None
    denominator: str | None = None
    scale: float = 1.0
    level: int | None = None
    phrases: list[str] = Field(default_factory=list)
    notes: str = ""
    aggregate: Rule = Rule.MEAN
    of: list[str] = Field(default_factory=list)
    measure: str | None = None

    @field_validator("code", "parent", "denominator", mode="before")
    @classmethod
    def _as_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v

    @field_validator("of", mode="before")
    @classmethod
    def _codes(cls, v: Any) -> Any:
        return [str(c) if isinstance(c, int | float) and not isinstance(c, bool) else c for c in v] if v else v


class _FrameworkSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = ""
    notes: str = ""
    groups: list[str] = Field(default_factory=list)
    nodes: list[_NodeSpec]


def _pydantic_where(err: ValidationError, doc: dict) -> str:
    first = err.errors()[0]
    loc = first["loc"]
    if len(loc) >= 2 and loc[0] == "nodes" and isinstance(loc[1], int):
        nodes = doc.get("nodes") or []
        code = nodes[loc[1]].get("code", "?") if loc[1] < len(nodes) and isinstance(nodes[loc[1]], dict) else "?"
        field = ".".join(str(x) for x in loc[2:])
        return f"node {code} (item {loc[1] + 1}), field {field or '?'}: {first['msg']}"
    return f"{'.'.join(str(x) for x in loc)}: {first['msg']}"


def _from_yaml(path: Path) -> Framework:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InnoscopeError(E.FILE_UNREADABLE, where=str(path), detail=str(exc).splitlines()[0]) from None
    if not isinstance(doc, dict) or "nodes" not in doc:
        raise InnoscopeError(E.FRAMEWORK_FIELD, where=str(path), detail="expected a mapping with a `nodes` list")
    try:
        spec = _FrameworkSpec.model_validate(doc)
    except ValidationError as exc:
        raise InnoscopeError(E.FRAMEWORK_FIELD, where=str(path), detail=_pydantic_where(exc, doc)) from None
    nodes = []
    for s in spec.nodes:
        names = s.name if isinstance(s.name, _Names) else _Names(en=s.name)
        low, high = s.goalposts[:2] if s.goalposts else (None, None)
        gp_scale = s.goalposts[2] if s.goalposts and len(s.goalposts) == 3 else s.goalpost_scale
        if s.goalposts and len(s.goalposts) == 3 and s.goalpost_scale is not None:
            raise InnoscopeError(
                E.FRAMEWORK_FIELD,
                where=f"{path}: node {s.code}",
                detail="the goalpost scale is given twice (third goalpost and goalpost_scale); keep one",
            )
        nodes.append(
            Node(
                code=s.code,
                parent=s.parent,
                name_en=names.en,
                name_zh=names.zh,
                weight=s.weight,
                direction=s.direction,
                unit=s.unit,
                target=s.target,
                low=low,
                high=high,
                denominator=s.denominator,
                scale=s.scale,
                level=s.level,
                phrases=tuple(s.phrases),
                notes=s.notes or (spec.notes if s.parent is None else ""),  # the index keeps the framework's notes
                rule=s.aggregate,
                of=tuple(s.of),
                goalpost_scale=gp_scale,
                goalpost_trunc2posts=s.goalpost_trunc2posts,
                dist2targ_cap_max=s.dist2targ_cap_max,
                floor=s.floor,
                measure=None if s.measure is None else check_measure_name(s.measure, f"{path}: node {s.code}"),
            )
        )
    return Framework.from_nodes(nodes, name=spec.name, source=str(path), groups=spec.groups)


def _cell(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None
    if isinstance(v, str) and not v.strip():
        return None
    return v


_TRUE = {"true", "t", "1", "yes"}
_FALSE = {"false", "f", "0", "no"}


def _logical(v: Any, column: str, where: str) -> bool | None:
    """An R logical cell (TRUE/FALSE, true/false, 1/0) as a bool; empty as None."""
    v = _cell(v)
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    text = str(v).strip().lower()
    if text.endswith(".0"):
        text = text[:-2]
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InnoscopeError(E.FRAMEWORK_FIELD, where=f"{where}, column {column}", detail=f"{v!r} is not TRUE or FALSE")


def _number(v: Any, column: str, where: str) -> float | None:
    v = _cell(v)
    if v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        raise InnoscopeError(
            E.FRAMEWORK_FIELD, where=f"{where}, column {column}", detail=f"{v!r} is not a number"
        ) from None


def read_imeta(table: pd.DataFrame, source: str = "iMeta") -> Framework:
    """Build a framework from a COINr ``iMeta`` table."""
    missing = [c for c in IMETA_COLUMNS if c not in table.columns]
    if missing:
        raise InnoscopeError(E.MISSING_COLUMN, where=source, detail=f"iMeta needs {', '.join(missing)}")
    nodes: list[Node] = []
    groups: list[str] = []
    for i, row in enumerate(table.to_dict("records")):
        where = f"{source}:{i + 2}"
        kind = str(_cell(row.get("Type")) or "")
        code = _cell(row.get("iCode"))
        if code is None:
            raise InnoscopeError(E.FRAMEWORK_FIELD, where=where, detail="empty iCode")
        code = str(code)
        if kind == "Group":
            groups.append(code)
            continue
        if kind not in ("Indicator", "Aggregate"):
            if kind in ("Denominator", "Other"):
                continue
            raise InnoscopeError(
                E.FRAMEWORK_FIELD,
                where=where,
                detail=f"Type {kind!r} (expected Indicator, Aggregate, Group, Denominator or Other)",
            )
        try:
            level = int(_cell(row.get("Level")))  # type: ignore[arg-type]
            weight = float(_cell(row.get("Weight")) if _cell(row.get("Weight")) is not None else 1.0)
            direction_raw = _cell(row.get("Direction"))
            direction = 1 if direction_raw is None else float(direction_raw)
            target = _cell(row.get("Target"))
            target = None if target is None else float(target)
        except (TypeError, ValueError) as exc:
            raise InnoscopeError(E.FRAMEWORK_FIELD, where=f"{where} ({code})", detail=str(exc)) from None
        if direction not in (1.0, -1.0):
            raise InnoscopeError(E.BAD_DIRECTION, where=f"{where} ({code})", detail=f"direction {direction_raw!r}")
        parent = _cell(row.get("Parent"))
        denom = _cell(row.get("Denominator")) if "Denominator" in table.columns else None
        here = f"{where} ({code})"
        nodes.append(
            Node(
                code=code,
                parent=None if parent is None else str(parent),
                name_en=str(_cell(row.get("iName")) or code),
                weight=weight,
                direction=int(direction),
                unit=_cell(row.get("Unit")),
                target=target,
                denominator=None if denom is None else str(denom),
                level=level,
                low=_number(row.get("goalpost_lower"), "goalpost_lower", here),
                high=_number(row.get("goalpost_upper"), "goalpost_upper", here),
                goalpost_scale=_number(row.get("goalpost_scale"), "goalpost_scale", here),
                goalpost_trunc2posts=_logical(row.get("goalpost_trunc2posts"), "goalpost_trunc2posts", here),
                dist2targ_cap_max=_logical(row.get("dist2targ_cap_max"), "dist2targ_cap_max", here),
            )
        )
    return Framework.from_nodes(nodes, name=source, source=source, groups=groups)


def load_framework(path: str | Path) -> Framework:
    """Load a framework from ``.yaml``/``.yml`` or an iMeta ``.csv``/``.xlsx`` file."""
    path = Path(path)
    if not path.is_file():
        raise InnoscopeError(E.FILE_MISSING, where=str(path))
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _from_yaml(path)
    if suffix in (".csv", ".xlsx"):
        from innoscope.panel.readers import read_table

        return read_imeta(read_table(path), source=str(path))
    raise InnoscopeError(
        E.FILE_FORMAT, where=str(path), detail=f"framework files are .yaml or iMeta .csv/.xlsx, got {suffix!r}"
    )


def shipped(name: str) -> Framework:
    """A framework shipped with innoscope, by file stem (``china_regional_sti``, ``gii_2019``)."""
    path = SHIPPED / f"{name}.yaml"
    if not path.is_file():
        have = ", ".join(sorted(p.stem for p in SHIPPED.glob("*.yaml")))
        raise InnoscopeError(E.FILE_MISSING, where=str(path), detail=f"no shipped framework {name!r}; shipped: {have}")
    return load_framework(path)
