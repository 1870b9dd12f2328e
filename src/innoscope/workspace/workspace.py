"""A workspace: a folder with ``innoscope.yaml`` naming data, framework and methods.

Example ``innoscope.yaml``::

    name: ASEM sustainable connectivity
    data:
      file: "{data_dir}/asem/ASEM_iData.csv"   # or a path relative to the workspace
      layout: wide                             # wide | long
      unit: uCode
      name: uName
      period: Time
      # measure: score                         # which of the source's numbers to read (default: its only one)
    framework: "{data_dir}/asem/ASEM_iMeta.csv"
    settings:
      impute: {method: group_mean, group: EurAsia_group}
      screen: {threshold: 0.9}

``{data_dir}`` is the data directory: ``--data-dir``, else the environment
variable ``INNOSCOPE_DATA``, else ``~/.cache/innoscope/data``.  The run store
is ``innoscope.duckdb`` in the workspace unless ``store`` names another file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from innoscope.datasets.registry import SOURCES, default_data_dir, sha256_file
from innoscope.errors import E, InnoscopeError
from innoscope.frameworks import Framework, load_framework
from innoscope.frameworks.loader import SHIPPED
from innoscope.index.settings import Settings, parse_settings
from innoscope.panel import Panel, read_table, select_measures

__all__ = ["WORKSPACE_FILE", "Workspace", "default_data_dir", "load_workspace"]

WORKSPACE_FILE = "innoscope.yaml"


class DataSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    file: str | None = None
    dataset: str | None = None  # a registered source or built panel instead of a file, e.g. china-regional
    layout: Literal["wide", "long"] = "wide"
    sheet: str | int = 0
    unit: str = "unit"
    name: str | None = None
    period: str | None = "period"
    default_period: int | str = 0
    groups: list[str] | None = None  # default: the framework's group columns
    indicator: str = "indicator"  # long layout only
    value: str = "value"  # long layout only
    units_file: str | None = None  # long layout: a table with unit, name and group columns
    measure: str | None = None  # the measure indicators read unless their node names one (raw, score, rank, ...)
    measure_column: str = "measure"  # long layout: the column saying what each number is, where there is one


class _WorkspaceFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = ""
    description: str = ""
    data: DataSpec
    framework: str
    store: str = "innoscope.duckdb"
    settings: dict[str, Any] = Field(default_factory=dict)
    uncertainty: dict[str, Any] = Field(default_factory=dict)  # validated by innoscope.audit


@dataclass(frozen=True)
class Workspace:
    """A loaded workspace: resolved paths and validated settings."""

    root: Path
    name: str
    data: DataSpec
    data_path: Path | None
    units_path: Path | None
    framework_path: Path
    store_path: Path
    settings: Settings
    uncertainty: dict[str, Any] = field(default_factory=dict)
    data_dir: Path | None = None

    def load_framework(self) -> Framework:
        return load_framework(self.framework_path)

    def load_panel(self, framework: Framework) -> Panel:
        """The workspace's data, one measure per indicator (the node's, else ``data.measure``)."""
        return select_measures(self.read_panel(framework), framework, self.data.measure)[0]

    def read_panel(self, framework: Framework) -> Panel:
        """The workspace's data with every measure they hold."""
        d = self.data
        if d.dataset is not None:
            from innoscope.datasets.panels import load_panel

            return load_panel(d.dataset, self.data_dir)
        assert self.data_path is not None  # validated by load_workspace
        table = read_table(self.data_path, sheet=d.sheet)
        source = self.data_path.name
        if d.layout == "wide":
            groups = d.groups if d.groups is not None else [g for g in framework.groups if g in table.columns]
            skip_extra = [g for g in framework.groups if g in table.columns and g not in groups]
            indicators = [c for c in table.columns if c not in {d.unit, d.name, d.period, *groups, *skip_extra}]
            panel = Panel.from_wide(
                table,
                unit=d.unit,
                period=d.period,
                name=d.name,
                groups=groups,
                indicators=indicators,
                source=source,
                default_period=d.default_period,
                measure=d.measure or "raw",
            )
            return panel.with_checksums({source: sha256_file(self.data_path)})
        units = None
        if self.units_path is not None:
            units = read_table(self.units_path).rename(columns={d.unit: "unit"})
            if d.name and d.name in units.columns:
                units = units.rename(columns={d.name: "name"})
        panel = Panel.from_long(
            table,
            unit=d.unit,
            indicator=d.indicator,
            period=d.period or "period",
            value=d.value,
            measure=d.measure_column,
            source=source,
            units=units,
        )
        return panel.with_checksums({source: sha256_file(self.data_path)})

    def checksums(self) -> dict[str, str]:
        """SHA-256 of every input file, keyed by its path."""
        files = [p for p in (self.data_path, self.framework_path, self.units_path) if p is not None]
        if self.data.dataset is not None:
            from innoscope.datasets.panels import SOURCES_OF

            root = default_data_dir(self.data_dir)
            files += [root / f.path for src in SOURCES_OF[self.data.dataset] for f in SOURCES[src].files]
        ws = self.root / WORKSPACE_FILE
        if ws.is_file():
            files.append(ws)
        return {str(p): sha256_file(p) for p in files}


def _resolve(text: str, root: Path, data_dir: Path) -> Path:
    p = Path(text.replace("{data_dir}", str(data_dir))).expanduser()
    return p if p.is_absolute() else (root / p)


def load_workspace(path: str | Path, data_dir: str | Path | None = None, require_inputs: bool = True) -> Workspace:
    """Read ``innoscope.yaml`` from a workspace folder (or the file itself).

    With ``require_inputs`` (the default) the data and framework files must exist.
    """
    path = Path(path)
    file = path / WORKSPACE_FILE if path.is_dir() else path
    if not file.is_file():
        raise InnoscopeError(E.FILE_MISSING, where=str(file), detail="no workspace file here")
    try:
        doc = yaml.safe_load(file.read_text(encoding="utf-8-sig")) or {}
        spec = _WorkspaceFile.model_validate(doc)
    except yaml.YAMLError as exc:
        raise InnoscopeError(E.WORKSPACE_INVALID, where=str(file), detail=str(exc).splitlines()[0]) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InnoscopeError(
            E.WORKSPACE_INVALID, where=f"{file}: {'.'.join(map(str, first['loc']))}", detail=first["msg"]
        ) from None
    root = file.parent
    ddir = default_data_dir(data_dir)
    if (spec.data.file is None) == (spec.data.dataset is None):
        raise InnoscopeError(E.WORKSPACE_INVALID, where=f"{file}: data", detail="name either `file` or `dataset`")
    data_path = _resolve(spec.data.file, root, ddir) if spec.data.file else None
    if spec.framework.startswith("shipped:"):
        fw_path = SHIPPED / f"{spec.framework.removeprefix('shipped:')}.yaml"
    else:
        fw_path = _resolve(spec.framework, root, ddir)
    for p in (data_path, fw_path):
        if require_inputs and p is not None and not p.is_file():
            hint = f" (data directory: {ddir})" if "{data_dir}" in ((spec.data.file or "") + spec.framework) else ""
            raise InnoscopeError(E.FILE_MISSING, where=str(p), detail=f"named by {file}{hint}")
    units_path = _resolve(spec.data.units_file, root, ddir) if spec.data.units_file else None
    return Workspace(
        root=root,
        name=spec.name or root.name,
        data=spec.data,
        data_path=data_path,
        units_path=units_path,
        framework_path=fw_path,
        store_path=_resolve(spec.store, root, ddir),
        settings=parse_settings(spec.settings, where=f"{file}: settings"),
        uncertainty=spec.uncertainty,
        data_dir=ddir,
    )
