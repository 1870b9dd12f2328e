"""Write endpoints: uploads of documents and data tables, runs of the workspace, reports; jobs to poll.

Each needs the bearer token (checked by :mod:`innoscope.api.guard` before the
body is read, and declared here for the OpenAPI spec).  An upload is checked
whole — name, declared type, size, content, then read and its facts extracted
— before anything is kept, so a request that fails stores nothing.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Request, Response, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from innoscope.api.common import State, not_found
from innoscope.api.common import state as get_state
from innoscope.api.guard import check_token
from innoscope.api.jobs import Job
from innoscope.api.models import model_of, to_model
from innoscope.api.texts import DataFile
from innoscope.api.uploads import DATA_TYPES, DOCUMENT_TYPES, accept, keep, scratch_copy
from innoscope.errors import E, InnoscopeError
from innoscope.results import types as rt

__all__ = ["reports_available", "router"]

router = APIRouter(prefix="/api/v1")
St = Annotated[State, Depends(get_state)]
_bearer = HTTPBearer(auto_error=False, description="The server's token (its --token-file, or the session's).")


def writer(request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    check_token(request.headers.get("authorization"), get_state(request).config)


Writer = Depends(writer)
DocumentModel = model_of(rt.DocumentInfo)
FactModel = model_of(rt.FactRow)
JobModel = model_of(Job)


class DocumentUpload(BaseModel):
    """A stored document and the facts extracted from it (``new`` is False when it was stored before)."""

    document: DocumentModel  # type: ignore[valid-type]
    new: bool
    facts: list[FactModel]  # type: ignore[valid-type]
    entities: int


class RunRequest(BaseModel):
    """A run of the server's workspace, with what-if overrides of its settings."""

    overrides: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description='Settings to replace, by step, e.g. {"normalise": {"method": "minmax"}, '
        '"weights": {"values": {"ENV": 2}}}.',
    )
    data_id: str | None = Field(None, pattern="^[0-9a-f]{64}$", description="Build on an uploaded data table.")
    wait: float = Field(0, ge=0, le=60, description="Seconds to wait for the run before answering with its job.")


class ReportRequest(BaseModel):
    """A unit's report of a run (the latest) in a period (the latest it is ranked)."""

    unit: str = Field(max_length=200)
    period: str | None = Field(None, max_length=50)
    lang: Literal["zh", "en"] = "zh"
    format: Literal["html", "pdf", "docx", "md", "json"] = "html"
    run_id: int | None = Field(None, ge=0, le=10**9)


REPORT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}


def _report_writer():
    """``innoscope.report.write_report``, or None where this installation has no report writer."""
    try:
        from innoscope.report import write_report
    except ImportError:
        return None
    return write_report


def reports_available() -> bool:
    return _report_writer() is not None


async def _read(file: UploadFile, limit: int) -> bytes:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise InnoscopeError(
            E.UPLOAD_TOO_LARGE, where=file.filename or "file", detail=f"over the limit of {limit / 2**20:g} MiB"
        )
    return data


@router.post(
    "/documents",
    response_model=DocumentUpload,
    status_code=201,
    dependencies=[Writer],
    tags=["documents"],
    responses={200: {"model": DocumentUpload, "description": "Stored before: nothing changed."}},
)
async def upload_document(
    st: St,
    response: Response,
    file: Annotated[UploadFile, File(description="A report: .txt, .md, .html, .docx or .pdf.")],
    lang: Annotated[Literal["auto", "zh", "en"], Form()] = "auto",
) -> DocumentUpload:
    """Upload a document: its facts (and, in Chinese, its entities) are extracted, stored and returned."""
    from starlette.concurrency import run_in_threadpool

    up = accept(
        file.filename,
        file.content_type,
        await _read(file, st.config.max_upload_bytes),
        DOCUMENT_TYPES,
        st.config.max_upload_bytes,
    )
    out, new = await run_in_threadpool(_store_document, st, up, lang)
    if not new:
        response.status_code = 200
    return out


def _store_document(st: State, up, lang: str) -> tuple[DocumentUpload, bool]:
    from innoscope.store import Store
    from innoscope.text import detect_language, extract_facts, read_document
    from innoscope.text.entities import extract_entities

    with tempfile.TemporaryDirectory() as tmp:
        try:
            doc = read_document(scratch_copy(up, tmp))
        except InnoscopeError as exc:  # name the upload, not the scratch file
            raise InnoscopeError(exc.kind, where=up.name, detail=exc.detail) from None
    language = detect_language(doc.text) if lang == "auto" else lang
    facts = extract_facts(doc.text, up.name, language)
    ents = extract_entities(doc.text, up.name) if language == "zh" else []
    path, created = keep(up, st.config.files_dir / "documents")
    try:
        new = Store(st.config.store).save_document(
            up.sha256,
            up.name,
            str(path),
            doc.format,
            language,
            len(doc.text),
            facts,
            ents,
            context={"uploaded_at": datetime.now(UTC).isoformat(), "via": "api"},
        )
    except BaseException:
        if created:
            path.unlink(missing_ok=True)
        raise
    res = st.results()
    info = next(d for d in res.documents() if d.doc_id == up.sha256)
    stored = [to_model(f) for f in res.facts(doc_id=up.sha256).items]
    return DocumentUpload(document=to_model(info), new=new, facts=stored, entities=len(ents)), new


@router.post("/data", response_model=DataFile, status_code=201, dependencies=[Writer], tags=["data"])
async def upload_data(
    st: St, file: Annotated[UploadFile, File(description="A table: .csv, .xlsx or .parquet (tidy or wide).")]
) -> DataFile:
    """Upload a data table; it is read as a panel (layout guessed) and kept for runs (``data_id``)."""
    from starlette.concurrency import run_in_threadpool

    limit = st.config.max_upload_bytes
    up = accept(file.filename, file.content_type, await _read(file, limit), DATA_TYPES, limit)
    return await run_in_threadpool(_store_data, st, up)


def _import(st: State, path: FilePath, shown: str):
    """The table as a panel: read as the workspace reads its own data where it fits, else with the layout guessed."""
    from dataclasses import replace

    from innoscope.datasets.importer import import_table

    try:
        if st.config.workspace is not None:
            ws = _workspace(st)
            if ws.data.file is not None:
                try:
                    return replace(ws, data_path=path).load_panel(ws.load_framework()), "workspace"
                except InnoscopeError as exc:
                    if exc.kind is not E.MISSING_COLUMN:
                        raise
        return import_table(path)
    except InnoscopeError as exc:
        where = exc.where.replace(str(path), shown).replace(path.name, shown)
        raise InnoscopeError(exc.kind, where=where, detail=exc.detail) from None


def _store_data(st: State, up) -> DataFile:
    with tempfile.TemporaryDirectory() as tmp:
        panel, layout = _import(st, scratch_copy(up, tmp), up.name)
    indicators = list(panel.indicator_codes)
    found, missing = indicators, []
    if st.config.workspace is not None:
        fw = _workspace(st).load_framework()
        found = [c for c in fw.indicators if c in indicators]
        missing = [c for c in fw.indicators if c not in indicators]
        if not found:
            raise InnoscopeError(
                E.MISSING_INDICATOR,
                where=up.name,
                detail="none of the framework's indicators is a column or indicator here: "
                + ", ".join(fw.indicators[:20]),
            )
    info = DataFile(
        data_id=up.sha256,
        name=up.name,
        format=up.suffix.lstrip("."),
        layout=layout,
        rows=len(panel.values),
        units=list(panel.unit_codes),
        indicators=indicators,
        periods=list(panel.periods),
        uploaded_at=datetime.now(UTC).isoformat(),
        framework_indicators_found=found,
        framework_indicators_missing=missing,
    )
    folder = st.config.files_dir / "data"
    path, created = keep(up, folder)
    side = folder / f"{up.sha256}.json"
    try:
        if not side.is_file():
            tmp_side = folder / f".part-{up.sha256}.json"
            tmp_side.write_text(info.model_dump_json(indent=1), encoding="utf-8")
            tmp_side.replace(side)
    except BaseException:
        if created:
            path.unlink(missing_ok=True)
        raise
    return DataFile.model_validate(json.loads(side.read_text(encoding="utf-8")))


def _workspace(st: State):
    from innoscope.workspace import load_workspace

    if st.config.workspace is None:
        raise InnoscopeError(E.NO_WORKSPACE, where=st.config.store.name, detail="the server was given a store")
    return load_workspace(st.config.workspace, st.config.data_dir)


def _data_panel(st: State, data_id: str):
    folder = st.config.files_dir / "data"
    side = folder / f"{data_id}.json"
    if not side.is_file():
        raise not_found(f"data {data_id}", "no uploaded table has this id (GET /api/v1/data lists them)")
    info = DataFile.model_validate(json.loads(side.read_text(encoding="utf-8")))
    path = folder / f"{data_id}.{info.format}"
    panel, _ = _import(st, path, info.name)
    return panel.with_checksums({path.name: data_id})


@router.post(
    "/runs",
    response_model=JobModel,
    status_code=202,
    dependencies=[Writer],
    tags=["runs"],
    responses={201: {"model": JobModel, "description": "The run finished within `wait` seconds."}},
)
def start_run(st: St, body: RunRequest, response: Response) -> BaseModel:
    """Build the workspace (with overrides, on an uploaded table) and store the run; poll the job it returns."""
    from innoscope.workspace import build_workspace

    ws = _workspace(st)
    ws.settings.with_overrides(body.overrides, where="overrides")  # a bad override fails now, not in the job
    panel = _data_panel(st, body.data_id) if body.data_id else None
    request = body.model_dump(exclude={"wait"})

    def work() -> dict[str, Any]:
        b = build_workspace(ws, body.overrides or None, store=st.config.store, panel=panel)
        return {"run_id": b.run_id}

    job = st.jobs.submit("run", work, request)
    job = st.jobs.wait(job.job_id, body.wait) if body.wait else job
    response.headers["Location"] = f"/api/v1/jobs/{job.job_id}"
    if job.status == "done":
        response.status_code = 201
    return to_model(job)


@router.post(
    "/reports",
    dependencies=[Writer],
    tags=["reports"],
    responses={200: {"content": {t: {} for t in REPORT_TYPES.values()}, "description": "The report file."}},
)
def report(st: St, body: ReportRequest) -> Response:
    """A unit's report (zh or en) as HTML, PDF, DOCX, Markdown or JSON, written by innoscope's report writer."""
    from innoscope.results import period_label

    write_report = _report_writer()
    if write_report is None:
        raise InnoscopeError(
            E.REPORTS_UNAVAILABLE, where="POST /api/v1/reports", detail="no innoscope.report.write_report"
        )
    period = None if body.period is None else period_label(body.period)
    with tempfile.TemporaryDirectory() as tmp:
        out = write_report(
            st.results(),
            unit=body.unit,
            out=FilePath(tmp) / f"report.{body.format}",
            period=period,
            lang=body.lang,
            run_id=body.run_id,
        )
        data = FilePath(out).read_bytes()
    name = f"innoscope-report-run{body.run_id or 'latest'}.{body.format}"
    return Response(
        data, media_type=REPORT_TYPES[body.format], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/jobs", response_model=list[JobModel], tags=["runs"])
def jobs(st: St) -> list[BaseModel]:
    """The jobs of this server since it started."""
    return [to_model(j) for j in st.jobs.all()]


@router.get("/jobs/{job_id}", response_model=JobModel, tags=["runs"])
def job(st: St, job_id: Annotated[str, Path(pattern="^[0-9a-f]{32}$")]) -> BaseModel:
    """A job's state: queued, running, done (with its result) or failed (with its error)."""
    return to_model(st.jobs.get(job_id))
