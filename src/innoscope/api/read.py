"""Read endpoints over the results layer: runs, frameworks, units, scores, movement, audits, provenance.

Every answer is a model of :mod:`innoscope.api.models`; lists of scores come
in pages and, with ``format=csv``, as a table to download.  Every score row
carries its run id and the hashes of the run's framework and settings.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from innoscope.api.common import (
    CSV,
    Format,
    Limit,
    Offset,
    RunPath,
    State,
    Text,
    csv_response,
    pick_period,
    region_of,
    run_id,
)
from innoscope.api.common import state as get_state
from innoscope.api.models import PageModel, extend, model_of, to_model
from innoscope.api.whatif import parse_weights, reweigh, run_weights
from innoscope.errors import E, InnoscopeError
from innoscope.results import types as rt

__all__ = ["router"]

router = APIRouter(prefix="/api/v1")
St = Annotated[State, Depends(get_state)]

RunModel = model_of(rt.RunInfo)
NodeModel = model_of(rt.NodeInfo)
StreakModel = model_of(rt.Streak)
RecordModel = model_of(rt.Record)
StrengthModel = model_of(rt.Strength)
AuditModel = model_of(rt.AuditInfo)
IntervalModel = model_of(rt.RankInterval)
SobolModel = model_of(rt.SobolIndex)
ObservationModel = model_of(rt.Observation)
ProvenanceModel = model_of(rt.Provenance)
FactModel = model_of(rt.FactRow)
_HASHES: dict[str, Any] = {
    "framework_hash": (str, Field(description="SHA-256 of the run's framework (canonical JSON).")),
    "settings_hash": (str, Field(description="SHA-256 of the run's settings (canonical JSON).")),
}
ScoreModel = extend(
    rt.ScoreRow, "Score", "A score and rank of a run, with the hashes that say how it was made.", **_HASHES
)
MovementModel = extend(rt.Movement, "RankingRow", "A unit's score and rank against the period before.", **_HASHES)
UnitModel = extend(
    rt.UnitInfo,
    "Unit",
    "A unit of a run; China's provinces also carry their GB/T 2260 code and English name.",
    region_code=(str | None, None),
    name_en=(str | None, None),
)


class Info(BaseModel):
    """What this server serves and accepts."""

    version: str
    name: str
    store: str
    workspace: bool
    writes: str = Field(description="`token-file`: send the file's token; `session`: the dashboard holds it.")
    max_upload_bytes: int
    document_types: list[str]
    data_types: list[str]
    reports: bool


class FrameworkInfo(BaseModel):
    """A framework used by stored runs (one per framework hash)."""

    framework_hash: str
    name: str
    root: str
    runs: list[int]
    nodes: list[NodeModel]  # type: ignore[valid-type]


class Movers(BaseModel):
    up: list[MovementModel]  # type: ignore[valid-type]
    down: list[MovementModel]  # type: ignore[valid-type]


class Profile(BaseModel):
    """A unit's page: its scores and ranks on every node over time, streak, records, strengths, intervals."""

    run: RunModel  # type: ignore[valid-type]
    unit: UnitModel  # type: ignore[valid-type]
    period: int | str
    scores: list[ScoreModel]  # type: ignore[valid-type]
    streak: StreakModel | None  # type: ignore[valid-type]
    records: list[RecordModel]  # type: ignore[valid-type]
    strengths: list[StrengthModel]  # type: ignore[valid-type]
    intervals: list[IntervalModel]  # type: ignore[valid-type]


class WhatIfRow(BaseModel):
    unit: str
    score: float | None
    rank: int | None
    nominal_score: float | None
    nominal_rank: int | None
    change: int | None = Field(description="Places gained against the run's ranking (positive: up).")


class WhatIf(BaseModel):
    """The index re-aggregated from the run's dimension scores with other weights (nothing stored)."""

    run_id: int
    node: str
    period: int | str
    method: str
    weights: dict[str, float]
    run_weights: dict[str, float]
    rows: list[WhatIfRow]


def _score(row: rt.ScoreRow | rt.Movement, info: rt.RunInfo) -> BaseModel:
    return to_model(row, framework_hash=info.framework_hash, settings_hash=info.settings_hash)


def _unit(u: rt.UnitInfo) -> BaseModel:
    code, en = region_of(u.code, u.name)
    return to_model(u, region_code=code, name_en=en)


@router.get("/info", response_model=Info, tags=["server"])
def info(st: St) -> Info:
    from innoscope import __version__
    from innoscope.api.config import DATA_TYPES, DOCUMENT_TYPES
    from innoscope.api.write import reports_available

    cfg = st.config
    name = cfg.store.stem
    if cfg.workspace is not None:
        from innoscope.workspace import load_workspace

        name = load_workspace(cfg.workspace, cfg.data_dir, require_inputs=False).name
    return Info(
        version=__version__,
        name=name,
        store=cfg.store.name,
        workspace=cfg.workspace is not None,
        writes="token-file" if cfg.token_from_file else "session",
        max_upload_bytes=cfg.max_upload_bytes,
        document_types=list(DOCUMENT_TYPES),
        data_types=list(DATA_TYPES),
        reports=reports_available(),
    )


@router.get("/runs", response_model=list[RunModel], tags=["runs"])
def runs(st: St) -> list[BaseModel]:
    """Every stored run, oldest first, with the settings that tell it apart (``label``) and its hashes."""
    return [to_model(r) for r in st.results().runs()]


@router.get("/runs/{run}", response_model=RunModel, tags=["runs"])
def run(st: St, run: RunPath) -> BaseModel:
    return to_model(st.results().run(run_id(run)))


@router.get("/runs/{run}/framework", response_model=list[NodeModel], tags=["frameworks"])
def run_framework(st: St, run: RunPath) -> list[BaseModel]:
    """The run's framework tree: every node with its parent, level, names and weight, in framework order."""
    return [to_model(n) for n in st.results().nodes(run_id(run))]


@router.get("/frameworks", response_model=list[FrameworkInfo], tags=["frameworks"])
def frameworks(st: St) -> list[FrameworkInfo]:
    """The frameworks of the stored runs, one per framework hash, with the runs that used it."""
    res = st.results()
    seen: dict[str, list[rt.RunInfo]] = {}
    for r in res.runs():
        seen.setdefault(r.framework_hash, []).append(r)
    return [
        FrameworkInfo(
            framework_hash=h,
            name=rs[-1].framework,
            root=rs[-1].root,
            runs=[r.run_id for r in rs],
            nodes=[to_model(n) for n in res.nodes(rs[-1].run_id)],
        )
        for h, rs in seen.items()
    ]


@router.get("/runs/{run}/units", response_model=list[UnitModel], tags=["runs"])
def units(st: St, run: RunPath) -> list[BaseModel]:
    return [_unit(u) for u in st.results().units(run_id(run))]


@router.get("/runs/{run}/scores", response_model=PageModel[ScoreModel], responses=CSV, tags=["scores"])
def scores(
    st: St,
    run: RunPath,
    node: Text = None,
    unit: Text = None,
    period: Text = None,
    offset: Offset = 0,
    limit: Limit = 1000,
    format: Format = "json",
):
    """Scores and ranks by period, node and rank; filter by node, unit and period."""
    res = st.results()
    info = res.run(run_id(run))
    page = res.scores(info.run_id, node=node, unit=unit, period=period, offset=offset, limit=limit)
    items = [_score(s, info) for s in page.items]
    if format == "csv":
        cols = ["run_id", "node", "unit", "period", "score", "rank", "framework_hash", "settings_hash"]
        return csv_response(items, f"scores-run{info.run_id}", cols)
    return {"items": items, "total": page.total, "offset": page.offset, "limit": page.limit}


@router.get("/runs/{run}/ranking", response_model=list[MovementModel], responses=CSV, tags=["scores"])
def ranking(st: St, run: RunPath, node: Text = None, period: Text = None, format: Format = "json"):
    """The ranking of a node (the index by default) in a period (the latest), best first, with movement."""
    res = st.results()
    info = res.run(run_id(run))
    rows = [_score(m, info) for m in res.ranking(info.run_id, node=node, period=period)]
    if format == "csv":
        cols = ["run_id", "node", "unit", "period", "rank", "score", "previous_period", "previous_rank"]
        cols += ["previous_score", "change", "score_change", "framework_hash", "settings_hash"]
        return csv_response(rows, f"ranking-run{info.run_id}", cols)
    return rows


@router.get("/runs/{run}/movement", response_model=list[MovementModel], tags=["scores"])
def movement(st: St, run: RunPath, node: Text = None, unit: Text = None, period: Text = None) -> list[BaseModel]:
    """Score and rank of every unit (or one) against the period before."""
    res = st.results()
    info = res.run(run_id(run))
    return [_score(m, info) for m in res.movement(info.run_id, node=node, unit=unit, period=period)]


@router.get("/runs/{run}/movers", response_model=Movers, tags=["scores"])
def movers(
    st: St, run: RunPath, node: Text = None, period: Text = None, n: Annotated[int, Query(ge=1, le=1000)] = 3
) -> Movers:
    """The units that gained and lost the most places."""
    res = st.results()
    info = res.run(run_id(run))
    up, down = res.movers(info.run_id, node=node, period=period, n=n)
    return Movers(up=[_score(m, info) for m in up], down=[_score(m, info) for m in down])


@router.get("/runs/{run}/units/{unit}/streak", response_model=StreakModel, tags=["scores"])
def streak(st: St, run: RunPath, unit: str, node: Text = None, period: Text = None) -> BaseModel:
    """How many periods in a row the unit has held its rank."""
    return to_model(st.results().streak(run_id(run), unit, node=node, period=period))


@router.get("/runs/{run}/units/{unit}/records", response_model=list[RecordModel], tags=["scores"])
def records(st: St, run: RunPath, unit: str, node: Text = None, period: Text = None) -> list[BaseModel]:
    """The best or worst ranks and scores so far that the unit set in the period."""
    return [to_model(r) for r in st.results().records(run_id(run), unit, node=node, period=period)]


@router.get("/runs/{run}/units/{unit}/strengths", response_model=list[StrengthModel], tags=["scores"])
def strengths(
    st: St,
    run: RunPath,
    unit: str,
    period: Text = None,
    level: Annotated[int | None, Query(ge=0, le=100)] = None,
    min_gap: Annotated[int, Query(ge=0, le=10_000)] = 3,
) -> list[BaseModel]:
    """Nodes where the unit ranks well above (strengths) or below (weaknesses) its overall rank."""
    res = st.results()
    return [to_model(s) for s in res.strengths(run_id(run), unit, period=period, level=level, min_gap=min_gap)]


@router.get("/runs/{run}/units/{unit}/profile", response_model=Profile, tags=["scores"])
def profile(st: St, run: RunPath, unit: str, period: Text = None) -> Profile:
    """Everything the unit page shows, in one answer."""
    res = st.results()
    info = res.run(run_id(run))
    found = next((u for u in res.units(info.run_id) if u.code == unit), None)
    if found is None:
        res.streak(info.run_id, unit)  # raises E407 listing the run's units
    page = res.scores(info.run_id, unit=unit)
    when = pick_period(info, period)
    try:
        streak_ = to_model(res.streak(info.run_id, unit, period=when))
    except InnoscopeError:
        streak_ = None  # not ranked in that period
    try:
        strong = [to_model(s) for s in res.strengths(info.run_id, unit, period=when)]
        recs = [to_model(r) for r in res.records(info.run_id, unit, period=when)]
    except InnoscopeError:
        strong, recs = [], []
    intervals: list[BaseModel] = []
    if res.audits(info.run_id, "uncertainty"):
        intervals = [to_model(i) for i in res.intervals(run_id=info.run_id) if i.unit == unit]
    return Profile(
        run=to_model(info),
        unit=_unit(found),  # type: ignore[arg-type]
        period=when,
        scores=[_score(s, info) for s in page.items],
        streak=streak_,
        records=recs,
        strengths=strong,
        intervals=intervals,
    )


@router.get("/runs/{run}/observations", response_model=PageModel[ObservationModel], responses=CSV, tags=["scores"])
def observations(
    st: St,
    run: RunPath,
    unit: Text = None,
    indicator: Text = None,
    period: Text = None,
    offset: Offset = 0,
    limit: Limit = 1000,
    format: Format = "json",
):
    """The input values of a run, each with its typed source (file, row, column; fact; or formula)."""
    res = st.results()
    info = res.run(run_id(run))
    page = res.observations(info.run_id, unit=unit, indicator=indicator, period=period, offset=offset, limit=limit)
    items = [to_model(o) for o in page.items]
    if format == "csv":
        return csv_response(items, f"observations-run{info.run_id}")
    return {"items": items, "total": page.total, "offset": page.offset, "limit": page.limit}


@router.get("/runs/{run}/provenance", response_model=ProvenanceModel, tags=["provenance"])
def provenance(
    st: St,
    run: RunPath,
    node: Annotated[str, Query(max_length=200)],
    unit: Annotated[str, Query(max_length=200)],
    period: Annotated[str, Query(max_length=50)],
) -> BaseModel:
    """Where one score comes from: the run and its method, the node, the child scores and the observations."""
    return to_model(st.results().provenance(run_id(run), node, unit, period))


@router.get("/runs/{run}/whatif", response_model=WhatIf, tags=["scores"])
def whatif(
    st: St,
    run: RunPath,
    weights: Annotated[
        str | None, Query(max_length=2000, description="`CODE:WEIGHT,...` for the index's children.")
    ] = None,
    period: Text = None,
) -> WhatIf:
    """The ranking with other weights for the index's children (the dimensions); nothing is stored."""
    from innoscope.index.settings import parse_settings

    res = st.results()
    info = res.run(run_id(run))
    fw = res.framework(info.run_id)
    if fw.node(fw.root).rule.value == "ratio":
        raise InnoscopeError(E.BAD_REQUEST, where=f"node {fw.root}", detail="a ratio index: weights play no part")
    children = list(fw.children(fw.root))
    base = run_weights(fw, info.settings, info.notes)
    chosen = base | parse_weights(weights, children)
    when = pick_period(info, period)
    frame = res.score_frame(info.run_id, period=when)
    wide = frame.pivot(index="unit", columns="node", values="score")
    nominal = frame[frame["node"] == fw.root].set_index("unit")
    spec = parse_settings(info.settings).aggregate.for_level(fw.level(fw.root))
    out = reweigh(wide[children], chosen, spec.method.value, spec.p, spec.threshold)
    rows = []
    for u, r in out.iterrows():
        nom_rank = nominal.at[u, "rank"] if u in nominal.index else None
        nom_rank = None if nom_rank is None or nom_rank != nom_rank or str(nom_rank) == "<NA>" else int(nom_rank)
        nom_score = float(nominal.at[u, "score"]) if u in nominal.index else None
        rank = r["rank"]
        rows.append(
            WhatIfRow(
                unit=u,
                score=None if r["score"] != r["score"] else float(r["score"]),
                rank=rank,
                nominal_score=None if nom_score is None or nom_score != nom_score else nom_score,
                nominal_rank=nom_rank,
                change=None if rank is None or nom_rank is None else nom_rank - rank,
            )
        )
    rows.sort(key=lambda x: (x.rank is None, x.rank or 0, x.unit))
    return WhatIf(
        run_id=info.run_id,
        node=fw.root,
        period=when,
        method=spec.method.value,
        weights=chosen,
        run_weights=base,
        rows=rows,
    )


@router.get("/audits", response_model=list[AuditModel], tags=["audits"])
def audits(
    st: St,
    run: Annotated[int | None, Query(ge=0, le=10**9)] = None,
    kind: Annotated[str | None, Query(pattern="^(uncertainty|sensitivity)$")] = None,
) -> list[BaseModel]:
    """Stored audits: uncertainty (rank intervals) and sensitivity (Sobol indices)."""
    return [to_model(a) for a in st.results().audits(run, kind)]


@router.get("/audits/{audit_id}/intervals", response_model=list[IntervalModel], responses=CSV, tags=["audits"])
def intervals(st: St, audit_id: Annotated[int, Path(ge=0, le=10**9)], format: Format = "json"):
    """Each unit's nominal and median rank with its 5–95 % interval under the audit's uncertain inputs."""
    rows = [to_model(i) for i in st.results().intervals(audit_id)]
    return csv_response(rows, f"intervals-audit{audit_id}") if format == "csv" else rows


@router.get("/audits/{audit_id}/sobol", response_model=list[SobolModel], responses=CSV, tags=["audits"])
def sobol(st: St, audit_id: Annotated[int, Path(ge=0, le=10**9)], format: Format = "json"):
    """First-order and total Sobol indices of each uncertain input."""
    rows = [to_model(i) for i in st.results().sobol(audit_id)]
    return csv_response(rows, f"sobol-audit{audit_id}") if format == "csv" else rows
