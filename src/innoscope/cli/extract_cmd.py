"""`innoscope extract` and `innoscope facts ...`: facts from narrative reports."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from innoscope.cli.common import err, out, user_errors
from innoscope.errors import E, InnoscopeError

if TYPE_CHECKING:
    from innoscope.text import Document

# The text and store packages compile many patterns and load DuckDB: imported where they are used,
# so that `innoscope --help` does not wait for them.

facts_app = typer.Typer(help="Stored documents and their facts.", no_args_is_help=True)

DEFAULT_DB = Path("innoscope.duckdb")


class Format(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    TABLE = "table"


class Lang(StrEnum):
    AUTO = "auto"
    ZH = "zh"
    EN = "en"


def _flat(rec: dict) -> dict:
    return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v) for k, v in rec.items()}


def _brief(v: dict | None) -> str:
    return "" if not v else ", ".join(f"{k}={x}" for k, x in v.items() if x is not None)


CSV_COLUMNS = [
    "doc", "start", "end", "text", "value", "unit", "bound", "subject", "period", "year", "coverage", "status",
    "measure", "change", "share", "rank", "region", "inferred", "lang", "sentence",
]  # fmt: skip


def read_documents(files: list[Path]) -> Iterator[Document]:
    """The documents that can be read, in order; each one that cannot is reported on stderr and skipped.

    Raises E503 when none could be read.
    """
    from innoscope.text import read_document

    read = 0
    failed = 0
    for f in files:
        try:
            doc = read_document(f)
        except InnoscopeError as exc:
            failed += 1
            err.print(f"[bold red]error[/] {exc} (skipped)", highlight=False, soft_wrap=True)
            continue
        read += 1
        yield doc
    if failed and not read:
        raise InnoscopeError(E.NO_DOCUMENT_READ, where=", ".join(map(str, files)), detail=f"{failed} failed")


def _context_record(ctx) -> dict:
    return {
        "region": ctx.region,
        "year": ctx.year,
        "written": ctx.written,
        "plan_year": ctx.plan_year,
        "sections": [
            {"start": x.start, "end": x.end, "year": x.year, "status": x.status, "title": x.title} for x in ctx.sections
        ],
    }


@user_errors
def extract(
    files: Annotated[list[Path], typer.Argument(help="Documents: .txt, .docx, .pdf or .html.")],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.JSONL,
    lang: Annotated[Lang, typer.Option(help="Language of the documents.")] = Lang.AUTO,
    entities: Annotated[bool, typer.Option("--entities", help="Add entity records (Chinese documents).")] = False,
    store: Annotated[bool, typer.Option("--store", help="Write documents and facts to the DuckDB store.")] = False,
    db: Annotated[Path, typer.Option(help="The DuckDB store used with --store.")] = DEFAULT_DB,
    region: Annotated[
        str | None, typer.Option(help="Region of facts whose sentence and document name none (a default).")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Year of facts whose sentence and document name none.")] = None,
) -> None:
    """Print every quantitative statement of the documents as a fact, one per line.

    A document that cannot be read is reported and skipped (exit status 1 at the end); each
    document's count of facts goes to stderr.
    """
    import pandas as pd

    from innoscope.store import Store
    from innoscope.text import detect_language, extract_facts
    from innoscope.text.context import document_context
    from innoscope.text.entities import extract_entities

    records = []
    summary = []
    failed = len(files)
    for d in read_documents(files):
        failed -= 1
        language = detect_language(d.text) if lang is Lang.AUTO else lang.value
        ctx = document_context(d.text, language, region=region, year=year)
        facts = extract_facts(d.text, d.name, language, context=ctx)
        ents = extract_entities(d.text, d.name) if entities and language == "zh" else []
        records.extend(f.to_record() for f in facts)
        records.extend(e.to_record() for e in ents)
        note = f"{d.name}: {len(facts)} facts" + (f", {len(ents)} entities" if entities else "")
        if store:
            new = Store(db).save_document(
                d.sha256, d.name, d.path, d.format, language, len(d.text), facts, ents, context=_context_record(ctx)
            )
            note += " stored" if new else " (already stored, same checksum: nothing changed)"
        summary.append(note)
    if fmt is Format.JSONL:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt is Format.CSV:
        rows = [_flat(r) for r in records if r.get("kind") != "entity"]
        pd.DataFrame(rows, columns=CSV_COLUMNS).to_csv(sys.stdout, index=False)
    else:
        facts_only = [r for r in records if r.get("kind") != "entity"]
        t = Table(title=f"{len(facts_only)} facts")
        for c in ("text", "value", "unit", "status", "year", "region", "subject", "change / share / rank"):
            t.add_column(c, overflow="fold")
        for r in facts_only:
            attrs = "; ".join(_brief(r[k]) for k in ("change", "share", "rank") if r[k])
            year = "" if r["year"] is None else str(r["year"]) + ("" if r["coverage"] in ("year", None) else "*")
            t.add_row(
                r["text"], f"{r['value']:g}", r["unit"], r["status"], year, r["region"] or "", r["subject"], attrs
            )
        out.print(t)
    for line in summary:
        typer.echo(line, err=True)
    if failed:
        typer.echo(f"{failed} of {len(files)} documents could not be read and were skipped", err=True)
        raise typer.Exit(1)


@facts_app.command("documents")
@user_errors
def facts_documents(db: Annotated[Path, typer.Option(help="The DuckDB store.")] = DEFAULT_DB) -> None:
    """List the stored documents."""
    from innoscope.results import Results

    docs = Results(db).documents()
    t = Table(title=f"documents in {db}")
    for c in ("name", "format", "lang", "chars", "facts", "doc_id"):
        t.add_column(c)
    for r in docs:
        t.add_row(r.name, r.format, r.lang, str(r.chars), str(r.facts), r.doc_id[:12])
    out.print(t)


@facts_app.command("entities")
@user_errors
def facts_entities(
    db: Annotated[Path, typer.Option(help="The DuckDB store.")] = DEFAULT_DB,
    kind: Annotated[str | None, typer.Option("--type", help="Only entities of this type.")] = None,
) -> None:
    """The registry of the hub's actors: each entity, its type and where it was mentioned."""
    from innoscope.results import Results

    reg = Results(db).entity_registry()
    if kind:
        reg = reg[reg["type"] == kind]
    t = Table(title=f"{len(reg)} entities in {db}")
    for c in ("name", "type", "mentions", "documents", "where"):
        t.add_column(c, overflow="fold")
    for r in reg.itertuples(index=False):
        where = ", ".join(list(r.spans)[:4]) + (" …" if len(r.spans) > 4 else "")
        t.add_row(r.name, r.type, str(r.mentions), str(r.documents), where)
    out.print(t)


@facts_app.command("map")
@user_errors
def facts_map(
    framework: Annotated[Path, typer.Argument(help="Framework (YAML) whose indicators list `phrases`.")],
    files: Annotated[list[Path], typer.Argument(help="Documents to read the facts from.")],
    region: Annotated[str | None, typer.Option(help="Unit for facts whose sentence and document name none.")] = None,
    period: Annotated[str | None, typer.Option(help="Year for facts whose sentence and document state none.")] = None,
    status: Annotated[
        str, typer.Option(help="Statuses to keep: actual, estimate, target (comma-separated).")
    ] = "actual",
    partial: Annotated[
        bool, typer.Option("--partial", help="Keep facts that cover part of a year (1—11月), with their coverage.")
    ] = False,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the observations (long panel) to .csv/.parquet.")
    ] = None,
) -> None:
    """Turn facts that name a framework's indicators into panel observations, and report what does not fit.

    A fact is kept only when it measures what its indicator measures (unit and dimension, a level or a
    rate), has a kept status, covers the whole year and has a region and a year (its own, the
    document's, or --region/--period as defaults).  Every other matching fact is listed with its span
    and the reason.
    """
    from innoscope.frameworks import load_framework
    from innoscope.panel.writers import write_table
    from innoscope.text import extract_facts
    from innoscope.text.fact import STATUSES
    from innoscope.text.mapping import map_facts

    statuses = [x.strip() for x in status.split(",") if x.strip()]
    bad = [x for x in statuses if x not in STATUSES]
    if bad or not statuses:
        raise InnoscopeError(E.BAD_STATUS, where="--status", detail=f"{', '.join(bad) or status!r}")
    when: int | str | None = int(period) if period and period.isdigit() else period
    fw = load_framework(framework)
    facts = []
    checksums = {}
    for d in read_documents(files):
        year = when if isinstance(when, int) else None
        facts.extend(extract_facts(d.text, d.name, region=region, year=year))
        checksums[d.name] = d.sha256
    m = map_facts(
        facts,
        fw,
        region=region,
        period=when,
        statuses=statuses,
        partial=partial,
        checksums=checksums,
        where=str(framework),
    )
    t = Table(title=f"{len(m.observations)} observations")
    for c in ("unit", "indicator", "period", "value", "bound", "status", "coverage", "fact", "file"):
        t.add_column(c, overflow="fold")
    for r in m.observations.itertuples(index=False):
        t.add_row(
            str(r.unit),
            r.indicator,
            str(r.period),
            f"{r.value:g}",
            r.bound,
            r.status,
            r.coverage,
            r.fact,
            f"{r.file}:{r.row}",
        )
    out.print(t)
    for c in m.checks:
        out.print(f"[{c.kind}] {c.message}", highlight=False, markup=False, soft_wrap=True)
    refused = len(m.refused)
    out.print(f"{len(m.observations)} observations, {refused} matching facts refused", highlight=False)
    if out_file is not None:
        write_table(m.table(), out_file)
        out.print(f"wrote {len(m.observations)} observations to {out_file}")


@facts_app.command("list")
@user_errors
def facts_list(
    db: Annotated[Path, typer.Option(help="The DuckDB store.")] = DEFAULT_DB,
    doc: Annotated[str | None, typer.Option(help="Only facts of this document name.")] = None,
) -> None:
    """Print the stored facts as JSON Lines."""
    from innoscope.results import Results

    for f in Results(db).facts().items:
        if doc is None or f.record.get("doc") == doc:
            sys.stdout.write(json.dumps(f.record, ensure_ascii=False, default=str) + "\n")
