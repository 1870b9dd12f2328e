"""Read endpoints for documents, their facts and entities, and the uploaded data files."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel

from innoscope.api.common import CSV, Format, Limit, Offset, State, Text, csv_response, not_found
from innoscope.api.common import state as get_state
from innoscope.api.models import PageModel, model_of, to_model
from innoscope.results import types as rt

__all__ = ["DataFile", "router"]

router = APIRouter(prefix="/api/v1")
St = Annotated[State, Depends(get_state)]
DocId = Annotated[str, Path(pattern="^[0-9a-f]{64}$", description="The SHA-256 of the document's bytes.")]
DocFilter = Annotated[str | None, Query(pattern="^[0-9a-f]{64}$", description="Only this document (its SHA-256).")]

DocumentModel = model_of(rt.DocumentInfo)
FactModel = model_of(rt.FactRow)
EntityModel = model_of(rt.EntityRow)


class DocumentText(BaseModel):
    """A document's text with its facts, whose spans index the text."""

    document: DocumentModel  # type: ignore[valid-type]
    text: str
    facts: list[FactModel]  # type: ignore[valid-type]
    entities: list[EntityModel]  # type: ignore[valid-type]


class RegistryEntry(BaseModel):
    name: str
    type: str
    mentions: int
    documents: int


class DataFile(BaseModel):
    """An uploaded data table, kept under its SHA-256, with what it holds."""

    data_id: str
    name: str
    format: str
    layout: str
    rows: int
    units: list[str]
    indicators: list[str]
    periods: list[int | str]
    uploaded_at: str
    framework_indicators_found: list[str]
    framework_indicators_missing: list[str]


@router.get("/documents", response_model=list[DocumentModel], tags=["documents"])
def documents(st: St) -> list[BaseModel]:
    """Stored documents with their fact counts, in the order they were stored."""
    return [to_model(d) for d in st.results().documents()]


def _document(st: State, doc_id: str) -> rt.DocumentInfo:
    found = next((d for d in st.results().documents() if d.doc_id == doc_id), None)
    if found is None:
        raise not_found(f"document {doc_id}", "no stored document has this id")
    return found


@router.get("/documents/{doc_id}", response_model=DocumentModel, tags=["documents"])
def document(st: St, doc_id: DocId) -> BaseModel:
    return to_model(_document(st, doc_id))


@router.get("/documents/{doc_id}/text", response_model=DocumentText, tags=["documents"])
def document_text(st: St, doc_id: DocId) -> DocumentText:
    """The document's text and its facts and entities, for showing each fact in place."""
    doc = _document(st, doc_id)
    res = st.results()
    return DocumentText(
        document=to_model(doc),
        text=res.document_text(doc_id),
        facts=[to_model(f) for f in res.facts(doc_id=doc_id).items],
        entities=[to_model(e) for e in res.entities(doc_id=doc_id).items],
    )


def _phrases(st: State, indicator: str) -> list[str]:
    """The words that name an indicator in reports: its phrases, else its names (latest run's framework)."""
    res = st.results()
    fw = res.framework(None)
    if indicator not in fw.indicators:
        raise not_found(
            f"indicator {indicator}", "not an indicator of the latest run's framework: " + ", ".join(fw.indicators[:40])
        )
    node = fw.node(indicator)
    return [p for p in (node.phrases or (node.name_zh, node.name_en)) if p]


@router.get("/facts", response_model=PageModel[FactModel], responses=CSV, tags=["documents"])
def facts(
    st: St,
    doc_id: DocFilter = None,
    unit: Text = None,
    indicator: Text = None,
    period: Text = None,
    subject: Text = None,
    status: Text = None,
    offset: Offset = 0,
    limit: Limit = 1000,
    format: Format = "json",
):
    """Stored facts; filter by document, unit (the region a fact names), indicator (its phrases), period,
    words of the subject and status."""
    res = st.results()
    if indicator is None:
        page = res.facts(
            doc_id=doc_id, region=unit, period=period, subject=subject, status=status, offset=offset, limit=limit
        )
        items, total = list(page.items), page.total
    else:
        words = _phrases(st, indicator)
        every = res.facts(doc_id=doc_id, region=unit, period=period, subject=subject, status=status).items
        hits = [f for f in every if any(w in f.subject for w in words)]
        items, total = hits[offset : offset + limit], len(hits)
    models = [to_model(f) for f in items]
    if format == "csv":
        rows = [{**m.model_dump(mode="json")["record"], "doc_id": m.doc_id, "idx": m.idx} for m in models]
        cols = ["doc_id", "idx", "doc", "start", "end", "text", "value", "unit", "bound", "subject", "period"]
        cols += ["change", "share", "rank", "region", "lang", "sentence"]
        return csv_response(rows, "facts", cols)
    return {"items": models, "total": total, "offset": offset, "limit": limit}


@router.get("/entities", response_model=PageModel[EntityModel], tags=["documents"])
def entities(st: St, doc_id: DocFilter = None, type: Text = None, offset: Offset = 0, limit: Limit = 1000):
    """Stored entity mentions (organisations, programmes, places) with their spans."""
    page = st.results().entities(doc_id=doc_id, type=type, offset=offset, limit=limit)
    return {"items": [to_model(e) for e in page.items], "total": page.total, "offset": offset, "limit": limit}


@router.get("/entities/registry", response_model=list[RegistryEntry], tags=["documents"])
def entity_registry(st: St) -> list[RegistryEntry]:
    """The hub's actors across all documents: each name and type with its mentions."""
    t = st.results().entity_registry()
    return [
        RegistryEntry(name=r.name, type=r.type, mentions=int(r.mentions), documents=int(r.documents))
        for r in t.itertuples(index=False)
    ]


@router.get("/data", response_model=list[DataFile], tags=["data"])
def data_files(st: St) -> list[DataFile]:
    """The data tables uploaded to this server, oldest first."""
    folder = st.config.files_dir / "data"
    if not folder.is_dir():
        return []
    found = [DataFile.model_validate(json.loads(p.read_text(encoding="utf-8"))) for p in folder.glob("*.json")]
    return sorted(found, key=lambda d: (d.uploaded_at, d.data_id))
