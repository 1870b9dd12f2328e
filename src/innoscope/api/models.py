"""Response models: pydantic models made from the results layer's own types.

Each model has the fields of its dataclass in :mod:`innoscope.results.types`
(and its properties, such as ``Movement.change`` or ``ScoreRow.source``), with
typed sources as the tagged union of :mod:`innoscope.provenance`.  So the
OpenAPI spec is the results layer's contract, and a field added there appears
here.  :func:`to_model` turns a value into its model.

>>> from innoscope.results.types import Movement
>>> m = to_model(Movement(1, "I", "A", 2023, 2022, 61.0, 58.5, 1, 2))
>>> m.change, m.source.kind, m.source.run_id
(1, 'score', 1)
>>> sorted(MODELS[Movement].model_fields)[:4]
['change', 'node', 'period', 'previous_period']
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from innoscope import provenance as prov
from innoscope.results import types as rt
from innoscope.results.types import as_dict

__all__ = ["MODELS", "PageModel", "SourceModel", "to_model"]

T = TypeVar("T")
_SOURCES = (prov.FileRow, prov.FactSpan, prov.Derived, prov.ScoreRef)
MODELS: dict[type, type[BaseModel]] = {}


class DerivedModel(BaseModel):
    """A value computed by ``formula`` from values with the sources ``inputs``."""

    kind: Literal["derived"] = "derived"
    formula: str
    inputs: list[SourceModel] = Field(default_factory=list)


def _source_model(cls: type) -> type[BaseModel]:
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {"kind": (Literal[cls.kind], cls.kind)}  # type: ignore[valid-type]
    for f in dataclasses.fields(cls):
        default = ... if f.default is dataclasses.MISSING else f.default
        fields[f.name] = (hints[f.name], default)
    return create_model(f"{cls.__name__}Model", __doc__=cls.__doc__, **fields)


FileRowModel = _source_model(prov.FileRow)
FactSpanModel = _source_model(prov.FactSpan)
ScoreRefModel = _source_model(prov.ScoreRef)
SourceModel = Annotated[
    Union[FileRowModel, FactSpanModel, DerivedModel, ScoreRefModel],  # noqa: UP007
    Field(discriminator="kind"),
]
DerivedModel.model_rebuild()
_BY_SOURCE = {prov.FileRow: FileRowModel, prov.FactSpan: FactSpanModel, prov.ScoreRef: ScoreRefModel}


def _translate(tp: Any) -> Any:
    """A results-layer annotation with dataclasses and sources replaced by their models."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp in _BY_SOURCE:
        return _BY_SOURCE[tp]
    if tp is prov.Derived:
        return DerivedModel
    if dataclasses.is_dataclass(tp):
        return model_of(tp)
    if origin in (Union, types.UnionType):
        if set(args) == set(_SOURCES):
            return SourceModel
        return Union[tuple(_translate(a) for a in args)]  # noqa: UP007
    if origin is tuple:
        inner = args[0] if args else Any
        return list[_translate(inner)]  # type: ignore[misc]
    if origin is dict:
        return dict[_translate(args[0]), _translate(args[1])] if args else dict  # type: ignore[misc]
    return tp


def _properties(cls: type) -> dict[str, Any]:
    out = {}
    for name, attr in vars(cls).items():
        if isinstance(attr, property) and not name.startswith("_"):
            out[name] = typing.get_type_hints(attr.fget, localns=vars(rt) | vars(prov)).get("return", Any)
    return out


def model_of(cls: type) -> type[BaseModel]:
    """The pydantic model of a results-layer dataclass (made once)."""
    if cls in MODELS:
        return MODELS[cls]
    hints = typing.get_type_hints(cls, localns=vars(rt) | vars(prov))
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        default = ... if f.default is dataclasses.MISSING else f.default
        fields[f.name] = (_translate(hints[f.name]), default)
    for name, tp in _properties(cls).items():
        fields[name] = (_translate(tp), None)
    model = create_model(
        cls.__name__, __doc__=cls.__doc__, __config__=ConfigDict(arbitrary_types_allowed=False), **fields
    )
    MODELS[cls] = model
    return model


def _plain(v: Any) -> Any:
    if isinstance(v, _SOURCES):
        return prov.to_dict(v)
    if dataclasses.is_dataclass(v):
        return _values(v)
    if isinstance(v, datetime):
        return v.isoformat()
    return v


def _values(item: Any) -> dict[str, Any]:
    data = as_dict(item)
    for name in _properties(type(item)):
        data[name] = _plain(getattr(item, name))
    for f in dataclasses.fields(item):  # nested values (e.g. a Provenance's run) get their properties too
        v = getattr(item, f.name)
        if dataclasses.is_dataclass(v) and not isinstance(v, _SOURCES):
            data[f.name] = _values(v)
        elif isinstance(v, tuple) and v and dataclasses.is_dataclass(v[0]) and not isinstance(v[0], _SOURCES):
            data[f.name] = [_values(x) for x in v]
    return data


def to_model(item: Any, **extra: Any) -> BaseModel:
    """A results-layer value as its model, with ``extra`` fields of a subclass model where given."""
    model = model_of(type(item))
    data = _values(item)
    if extra:
        return _extended(model, tuple(sorted(extra)))(**data, **extra)
    return model.model_validate(data)


_EXTENDED: dict[tuple, type[BaseModel]] = {}


def _extended(model: type[BaseModel], names: tuple[str, ...]) -> type[BaseModel]:
    return _EXTENDED[(model, names)]


def extend(cls: type, name: str, doc: str = "", **fields: Any) -> type[BaseModel]:
    """A model of ``cls`` with more fields (e.g. score rows with their run's hashes)."""
    base = model_of(cls)
    model = create_model(name, __base__=base, __doc__=doc or base.__doc__, **fields)
    _EXTENDED[(base, tuple(sorted(fields)))] = model
    return model


class PageModel(BaseModel, Generic[T]):
    """One page of a longer list: ``items`` from ``offset`` (at most ``limit``) of ``total``."""

    items: list[T]
    total: int
    offset: int
    limit: int | None


for _cls in (
    rt.RunInfo,
    rt.NodeInfo,
    rt.UnitInfo,
    rt.ScoreRow,
    rt.Movement,
    rt.Streak,
    rt.Record,
    rt.Strength,
    rt.AuditInfo,
    rt.RankInterval,
    rt.SobolIndex,
    rt.DocumentInfo,
    rt.FactRow,
    rt.EntityRow,
    rt.Observation,
    rt.Provenance,
):
    model_of(_cls)
