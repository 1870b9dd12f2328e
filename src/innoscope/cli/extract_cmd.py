"""`innoscope extract` and `innoscope facts ...`: facts from narrative reports."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from innoscope.cli.common import out, user_errors
from innoscope.store import Store
from innoscope.text import detect_language, extract_facts, read_document
from innoscope.text.entities import extract_entities

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
    return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v) for k, v in rec.items()}


def _brief(v: dict | None) -> str:
    return "" if not v else ", ".join(f"{k}={x}" for k, x in v.items() if x is not None)


@user_errors
def extract(
    files: Annotated[list[Path], typer.Argument(help="Documents: .txt, .docx, .pdf or .html.")],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.JSONL,
    lang: Annotated[Lang, typer.Option(help="Language of the documents.")] = Lang.AUTO,
    entities: Annotated[bool, typer.Option("--entities", help="Add entity records (Chinese documents).")] = False,
    store: Annotated[bool, typer.Option("--store", help="Write documents and facts to the DuckDB store.")] = False,
    db: Annotated[Path, typer.Option(help="The DuckDB store used with --store.")] = DEFAULT_DB,
) -> None:
    """Print every quantitative statement of the documents as a fact, one per line."""
    docs = [read_document(f) for f in files]  # read all first: a bad file stops before any output
    records = []
    stored = []
    for d in docs:
        language = detect_language(d.text) if lang is Lang.AUTO else lang.value
        facts = extract_facts(d.text, d.name, language)
        ents = extract_entities(d.text, d.name) if entities and language == "zh" else []
        records.extend(f.to_record() for f in facts)
        records.extend(e.to_record() for e in ents)
        if store:
            new = Store(db).save_document(d.sha256, d.name, d.path, d.format, language, len(d.text), facts, ents)
            stored.append((d.name, len(facts), new))
    if fmt is Format.JSONL:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt is Format.CSV:
        records = [r for r in records if r.get("kind") != "entity"]
        cols = [
            "doc",
            "start",
            "end",
            "text",
            "value",
            "unit",
            "bound",
            "subject",
            "period",
            "change",
            "share",
            "rank",
            "region",
            "lang",
            "sentence",
        ]
        frame = pd.DataFrame([_flat(r) for r in records], columns=cols)
        frame.to_csv(sys.stdout, index=False)
    else:
        t = Table(title=f"{len(records)} facts")
        for c in ("doc", "text", "value", "unit", "bound", "subject", "period", "change", "share", "rank"):
            t.add_column(c, overflow="fold")
        for r in records:
            t.add_row(
                r["doc"],
                r["text"],
                f"{r['value']:g}",
                r["unit"],
                r["bound"],
                r["subject"],
                r["period"] or "",
                _brief(r["change"]),
                _brief(r["share"]),
                _brief(r["rank"]),
            )
        out.print(t)
    for name, n, new in stored:
        msg = f"stored {name}: {n} facts" if new else f"{name} is already stored (same checksum): nothing changed"
        typer.echo(msg, err=True)


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
    region: Annotated[str | None, typer.Option(help="Unit for facts that name no region.")] = None,
    period: Annotated[str | None, typer.Option(help="Period for facts that state none.")] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the observations (long panel) to .csv/.parquet.")
    ] = None,
) -> None:
    """Turn facts that name a framework's indicators into panel observations, with consistency checks."""
    from innoscope.frameworks import load_framework
    from innoscope.panel.writers import write_table
    from innoscope.text.mapping import map_facts

    fw = load_framework(framework)
    facts = []
    for f in files:
        d = read_document(f)
        facts.extend(extract_facts(d.text, d.name))
    when: int | str | None = int(period) if period and period.isdigit() else period
    m = map_facts(facts, fw, region=region, period=when)
    t = Table(title=f"{len(m.observations)} observations")
    for c in ("unit", "indicator", "period", "value", "fact", "file"):
        t.add_column(c, overflow="fold")
    for r in m.observations.itertuples(index=False):
        t.add_row(str(r.unit), r.indicator, str(r.period), f"{r.value:g}", r.fact, f"{r.file}:{r.row}")
    out.print(t)
    for c in m.checks:
        out.print(f"[{c.kind}] {c.message}", highlight=False, markup=False)
    if out_file is not None:
        write_table(m.observations, out_file)
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
