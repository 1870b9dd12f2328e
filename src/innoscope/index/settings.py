"""Method settings of the pipeline, validated once at the boundary.

Each step has global settings and optional overrides per indicator (or, for
aggregation, per level).  An override holds any of the step's fields and is
merged over the global ones::

    treat: {winmax: 5, indicators: {Flights: {enabled: false}}}
    normalise: {method: minmax, l: 0, u: 100, indicators: {CO2: {method: zscore}}}
    normalise: {method: standard, indicators: {rd_gdp: {target: 3.0}}}   # a standard value replaced
    aggregate: {method: amean, levels: {4: {method: gmean}}}

>>> s = Settings.model_validate({"normalise": {"method": "zscore"}, "aggregate": {"levels": {2: {"method": "gmean"}}}})
>>> s.normalise.method.value, s.aggregate.for_level(2).method.value, s.aggregate.for_level(3).method.value
('zscore', 'gmean', 'amean')
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from innoscope.errors import E, InnoscopeError
from innoscope.index.aggregate import Agg
from innoscope.index.impute import Imp
from innoscope.index.normalise import Norm, Ties
from innoscope.index.weights import WeightMethod

__all__ = [
    "AggregateSettings",
    "DenominateSettings",
    "ImputeSettings",
    "NormaliseSettings",
    "ScreenSettings",
    "Settings",
    "TreatSettings",
    "WeightMethod",
    "WeightSettings",
    "parse_settings",
]


class _Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    def merged(self, override: dict[str, Any] | None) -> _Step:
        """These settings with ``override``'s fields replacing them."""
        if not override:
            return self
        base = self.model_dump(exclude={"indicators", "levels"})
        return type(self).model_validate({**base, **override})


def _check_overrides(step: _Step, overrides: dict[Any, dict[str, Any]], label: str) -> None:
    for key, ov in overrides.items():
        try:
            step.merged(ov)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ValueError(f"{label} {key}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from None


class DenominateSettings(_Step):
    """Divide indicators by the denominator the framework names (times its scale)."""

    enabled: bool = True


class ImputeSettings(_Step):
    method: Imp = Imp.NONE
    group: str | None = None
    indicators: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _valid(self) -> ImputeSettings:
        if self.method.needs_group and not self.group:
            raise ValueError(f"impute method {self.method.value} needs `group` (a unit-group column)")
        _check_overrides(self, self.indicators, "indicator")
        return self

    def for_indicator(self, code: str) -> ImputeSettings:
        return self.merged(self.indicators.get(code))  # type: ignore[return-value]


class ScreenSettings(_Step):
    """Drop units whose share of available indicator values is below ``threshold``."""

    threshold: float | None = Field(default=None, ge=0, le=1)


class TreatSettings(_Step):
    enabled: bool = True
    winmax: int = Field(default=5, ge=0)
    skew: float = Field(default=2.0, gt=0)
    kurt: float = 3.5
    log: bool = True
    log_form: Literal["ct", "gii"] = "ct"  # the log's form: COINr's log_CT, or the GII's log_GII
    indicators: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _valid(self) -> TreatSettings:
        _check_overrides(self, self.indicators, "indicator")
        return self

    def for_indicator(self, code: str) -> TreatSettings:
        return self.merged(self.indicators.get(code))  # type: ignore[return-value]


class NormaliseSettings(_Step):
    method: Norm = Norm.MINMAX
    l: float = 0.0  # noqa: E741
    u: float = 100.0
    mean: float = 0.0
    sd: float = Field(default=1.0, gt=0)
    scale: float = 100.0
    reference: str | None = None
    cap: bool = True
    floor: bool = True  # standard: evaluation values below 0 become 0
    ties: Ties = Ties.MIN  # rank, borda: how tied values rank
    across_periods: bool = False
    target: float | None = None  # replaces the framework's target (standard value) where given, per indicator
    indicators: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _valid(self) -> NormaliseSettings:
        if self.target is not None and not math.isfinite(self.target):
            raise ValueError(f"target must be a finite number, got {self.target}")
        if self.method is Norm.STANDARD and self.target is not None and not self.target > 0:
            raise ValueError(f"a standard value (target) must be > 0, got {self.target}")
        if self.method is Norm.MINMAX and not self.u > self.l:
            raise ValueError(f"minmax needs u > l, got l={self.l}, u={self.u}")
        if self.method is Norm.DIST2REF and not self.reference:
            raise ValueError("dist2ref needs `reference` (a unit code)")
        _check_overrides(self, self.indicators, "indicator")
        return self

    def for_indicator(self, code: str) -> NormaliseSettings:
        return self.merged(self.indicators.get(code))  # type: ignore[return-value]


class WeightSettings(_Step):
    """How each node's children are weighted (:class:`WeightMethod`); ``values`` replace
    framework weights under ``given`` and are not used by the other methods."""

    method: WeightMethod = WeightMethod.GIVEN
    values: dict[str, float] = Field(default_factory=dict)

    @field_validator("values")
    @classmethod
    def _non_negative(cls, v: dict[str, float]) -> dict[str, float]:
        bad = {k: w for k, w in v.items() if not w >= 0}
        if bad:
            raise ValueError(f"weights must be >= 0: {bad}")
        return v


class AggregateSettings(_Step):
    method: Agg = Agg.AMEAN
    p: float = 1.0
    threshold: float | None = Field(default=None, ge=0, le=1)
    levels: dict[int, dict[str, Any]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _valid(self) -> AggregateSettings:
        if self.method is Agg.GENMEAN and self.p == 0:
            raise ValueError("genmean needs p != 0 (use gmean for p = 0)")
        _check_overrides(self, self.levels, "level")
        return self

    def for_level(self, level: int) -> AggregateSettings:
        return self.merged(self.levels.get(level))  # type: ignore[return-value]


class Settings(_Step):
    """All method settings of one index build, in pipeline order."""

    denominate: DenominateSettings = DenominateSettings()
    impute: ImputeSettings = ImputeSettings()
    screen: ScreenSettings = ScreenSettings()
    treat: TreatSettings = TreatSettings()
    normalise: NormaliseSettings = NormaliseSettings()
    weights: WeightSettings = WeightSettings()
    aggregate: AggregateSettings = AggregateSettings()

    def with_overrides(self, overrides: dict[str, dict[str, Any]], where: str = "options") -> Settings:
        """These settings with some steps' fields replaced (e.g. from CLI options)."""
        data = self.model_dump(mode="json")
        for step, fields in overrides.items():
            data.setdefault(step, {}).update(fields)
        return parse_settings(data, where)


def parse_settings(data: dict[str, Any] | None, where: str = "settings") -> Settings:
    """Validate a settings mapping, raising E010 with the offending key."""
    try:
        return Settings.model_validate(data or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        msg = first["msg"]
        if first.get("type") == "enum":
            raise InnoscopeError(
                E.UNKNOWN_METHOD, where=f"{where}: {loc}", detail=f"{first.get('input')!r}; {msg}"
            ) from None
        raise InnoscopeError(E.WORKSPACE_INVALID, where=f"{where}: {loc}", detail=msg) from None
