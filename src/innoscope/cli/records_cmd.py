"""`innoscope records read|count` and `innoscope clusters`: publication and patent records to indicators."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from innoscope.audit.executor import Engine
from innoscope.cli.common import out, print_frame, user_errors
from innoscope.errors import E, InnoscopeError

records_app = typer.Typer(
    help="Publication and patent records: read and geocode them, count them into panel observations.",
    no_args_is_help=True,
)

EngineOpt = Annotated[Engine, typer.Option(help="local, or dask (a LocalCluster unless --scheduler).")]
SchedulerOpt = Annotated[str | None, typer.Option(help="Address of a running Dask scheduler.")]
WorkersOpt = Annotated[int, typer.Option(help="Workers of the local Dask cluster.")]


@contextmanager
def dask_client(engine: Engine, scheduler: str | None, workers: int):
    """The Dask client of ``--engine dask`` (the project's executor opens and closes it); None locally."""
    from innoscope.audit.executor import DaskExecutor, make_executor

    with make_executor(engine, scheduler, workers) as ex:
        yield ex.client() if isinstance(ex, DaskExecutor) else None


def _beside(out_path: Path, suffix: str) -> Path:
    return out_path.with_name(out_path.stem + suffix)


def _report_reading(rs, shown: int = 8) -> None:
    counts = rs.problem_counts()
    table = rs.table
    n_addr = int((table["address_index"] >= 0).sum())
    out.print(
        f"{rs.n_records} records, {n_addr} addresses: {rs.match_rate():.1%} matched to a city or finer, "
        f"country known for {rs.country_rate():.1%}"
    )
    if counts:
        out.print("problems: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        for p in rs.problems[:shown]:
            out.print(f"  {p.file}:{p.line} {p.kind}: {p.message}", highlight=False)
        if len(rs.problems) > shown:
            out.print(f"  ... and {len(rs.problems) - shown} more")


@records_app.command("read")
@user_errors
def records_read(
    files: Annotated[list[Path], typer.Argument(help="WoS, Scopus, bibliometrix .rda or patent CSV files.")],
    out_path: Annotated[Path, typer.Option("--out", help="The records table to write (.parquet).")],
    unmatched: Annotated[
        Path | None, typer.Option(help="CSV of every address not matched to a city (default: beside --out).")
    ] = None,
    problems: Annotated[
        Path | None, typer.Option(help="CSV of every problem found in the input (default: beside --out).")
    ] = None,
    engine: EngineOpt = Engine.LOCAL,
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = 2,
) -> None:
    """Read record files, match every address to a place, and write the records table."""
    from innoscope.panel.writers import write_table
    from innoscope.scientometrics.read import read_records, write_records

    if out_path.suffix.lower() != ".parquet":
        raise InnoscopeError(E.FILE_FORMAT, where="--out", detail="records are written as .parquet")
    with dask_client(engine, scheduler, workers) as client:
        rs = read_records(files, client=client)
    write_records(rs, out_path)
    unmatched = unmatched or _beside(out_path, ".unmatched.csv")
    problems = problems or _beside(out_path, ".problems.csv")
    write_table(rs.unmatched, unmatched)
    write_table(rs.problems_frame(), problems)
    _report_reading(rs)
    out.print(f"wrote {out_path}; unmatched addresses in {unmatched}; problems in {problems}")


def _records_source(records: list[Path], client=None):
    """(source for counting, its file name, its SHA-256): Parquet files are counted where they lie."""
    from innoscope.datasets.registry import sha256_file

    if all(p.suffix.lower() == ".parquet" or p.is_dir() for p in records):
        single = records[0] if len(records) == 1 and records[0].is_file() else None
        name = records[0].name if len(records) == 1 else ", ".join(p.name for p in records)
        return [str(p) for p in records], name, sha256_file(single) if single else None
    from innoscope.scientometrics.read import read_records

    rs = read_records(records, client=client)
    _report_reading(rs, shown=3)
    name = ", ".join(p.name for p in records)
    digest = sha256_file(records[0]) if len(records) == 1 else None
    return rs.table, name, digest


@records_app.command("count")
@user_errors
def records_count(
    records: Annotated[list[Path], typer.Argument(help="Records table(s) from `records read`, or record files.")],
    out_path: Annotated[Path, typer.Option("--out", help="Observations to write (.csv or .parquet).")],
    by: Annotated[str, typer.Option(help="country | province | city | institution | cluster")] = "country",
    counting: Annotated[str, typer.Option(help="whole | fractional | author-fractional")] = "whole",
    kind: Annotated[str, typer.Option(help="paper or patent")] = "paper",
    role: Annotated[str | None, typer.Option(help="Addresses counted: author, inventor, applicant.")] = None,
    journals: Annotated[Path | None, typer.Option(help="File of journal titles, one per line.")] = None,
    journal_set: Annotated[str | None, typer.Option(help="A shipped journal set, e.g. nature-science-cell.")] = None,
    field: Annotated[
        list[str] | None, typer.Option(help="Keep records whose fields (WoS WC/SC, IPC) contain this.")
    ] = None,
    share_of: Annotated[str | None, typer.Option(help="Shares in percent of this country (ISO3) or WORLD.")] = None,
    indicator: Annotated[str | None, typer.Option(help="Indicator code (default: from the options).")] = None,
    clusters: Annotated[
        Path | None, typer.Option(help="Assignments from `innoscope clusters` (for --by cluster).")
    ] = None,
    sources: Annotated[bool, typer.Option(help="Write the ids of the records behind each count.")] = True,
    memory_limit: Annotated[str | None, typer.Option(help="DuckDB memory limit, e.g. 4GB (spills to disk).")] = None,
    threads: Annotated[int | None, typer.Option(help="DuckDB threads (default: all cores).")] = None,
    engine: EngineOpt = Engine.LOCAL,
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = 2,
) -> None:
    """Count records by place into panel observations (unit, indicator, period, value, records behind it)."""
    from innoscope.panel import read_table
    from innoscope.panel.writers import write_table
    from innoscope.scientometrics.count import By, Counting, CountSpec, count_records
    from innoscope.scientometrics.journals import journal_set as shipped_set
    from innoscope.scientometrics.journals import read_journal_file

    by_v = _choice(By, by, "--by")
    counting_v = _choice(Counting, counting, "--counting")
    if kind not in ("paper", "patent"):
        raise InnoscopeError(E.COUNT_OPTION, where="--kind", detail=f"{kind!r}: paper or patent")
    if journals and journal_set:
        raise InnoscopeError(E.COUNT_OPTION, where="--journals", detail="give --journals or --journal-set, not both")
    keys = label = None
    if journal_set:
        keys, label = shipped_set(journal_set), journal_set.lower()
    elif journals:
        keys, label = read_journal_file(journals), journals.stem
    spec = CountSpec(
        by=by_v,
        counting=counting_v,
        kind=kind,
        role=role,
        journals=keys,
        journal_label=label,
        fields=tuple(field or ()),
        share_of=share_of,
        indicator=indicator,
        sources=sources,
    )
    assignments = None
    if by_v is By.CLUSTER:
        if clusters is None:
            raise InnoscopeError(E.COUNT_OPTION, where="--by cluster", detail="give --clusters ASSIGNMENTS.csv")
        assignments = read_table(clusters)[["id", "cluster"]]
        assignments = assignments[assignments["cluster"].fillna("").astype(str).str.strip() != ""]
    with dask_client(engine, scheduler, workers) as client:
        # record files are read and geocoded on the cluster; a Parquet dataset is counted there file by file
        source, name, digest = _records_source(records, client)
        if client is not None and isinstance(source, list):
            from innoscope.scientometrics.engine import count_dask

            res = count_dask(source, spec, client, assignments, name, digest)
        else:
            res = count_records(
                source,
                spec=spec,
                clusters=assignments,
                source_file=name,
                source_sha256=digest,
                threads=threads,
                memory_limit=memory_limit,
            )
    write_table(res.observations, out_path)
    obs = res.observations
    out.print(f"{len(obs)} observations of {spec.indicator_name()} ({obs['unit'].nunique()} units) -> {out_path}")
    for note in res.notes:
        out.print(note)
    ua = res.unassigned
    if len(ua):
        out.print(
            f"not assigned to a unit: {int(ua['records'].sum())} records, weight {ua['weight'].sum():g} "
            "(addresses unmatched at this level, or none)"
        )
    if res.no_year:
        out.print(f"left out: {res.no_year} records without a year")
    top = obs.groupby("unit")["value"].sum().sort_values(ascending=False).head(10).reset_index()
    if len(top) and not share_of:
        print_frame(top.rename(columns={"value": "total"}), "largest units, all periods")


def _choice(enum, value: str, option: str):
    try:
        return enum(value)
    except ValueError:
        raise InnoscopeError(
            E.COUNT_OPTION, where=option, detail=f"{value!r}; one of {', '.join(e.value for e in enum)}"
        ) from None


def _floats(text: str, option: str) -> list[float]:
    try:
        vals = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise InnoscopeError(
            E.CLUSTER_PARAMETER, where=option, detail=f"{text!r}: numbers separated by commas"
        ) from None
    if not vals:
        raise InnoscopeError(E.CLUSTER_PARAMETER, where=option, detail="no value")
    return vals


@user_errors
def clusters(
    points: Annotated[Path, typer.Argument(help="A records table (.parquet) or a CSV id, lat, lon, weight, kind.")],
    out_path: Annotated[Path, typer.Option("--out", help="The ranked clusters (.csv or .parquet).")],
    eps_km: Annotated[float, typer.Option(help="Neighbourhood radius in km.")] = 10.0,
    min_mass: Annotated[float, typer.Option(help="Mass a core point needs within the radius.")] = 1.0,
    assignments: Annotated[Path | None, typer.Option(help="Write each point's cluster (id, cluster).")] = None,
    observations: Annotated[
        Path | None, typer.Option(help="Write the clusters as panel observations (unit = cluster name).")
    ] = None,
    period: Annotated[int, typer.Option(help="Period of the observations.")] = 0,
    counting: Annotated[
        str, typer.Option(help="Weights from a records table: fractional | author-fractional | whole")
    ] = "fractional",
    sensitivity: Annotated[
        Path | None, typer.Option(help="Write the ranking's sensitivity (stability per cluster).")
    ] = None,
    eps_range: Annotated[str, typer.Option(help="Radii for --sensitivity, km, comma-separated.")] = "5,10,15,20",
    mass_range: Annotated[
        str | None, typer.Option(help="Minimum masses for --sensitivity (default: ×0.5, ×1, ×2).")
    ] = None,
) -> None:
    """Find and rank S&T clusters: weighted DBSCAN on great-circle distance, ranked by share of the world."""
    from innoscope.panel.writers import write_table
    from innoscope.scientometrics.clusters import find_clusters, points_from_csv, points_from_records
    from innoscope.scientometrics.outputs import cluster_observations
    from innoscope.scientometrics.read import read_table_file

    if counting not in ("fractional", "author-fractional", "whole"):
        raise InnoscopeError(E.COUNT_OPTION, where="--counting", detail=f"{counting!r}")
    if points.suffix.lower() == ".parquet":
        pts, left = points_from_records(read_table_file(points), counting)
        if left:
            out.print(f"{left} addresses placed only at country or province level are not points")
    else:
        pts = points_from_csv(points)
    res = find_clusters(pts, eps_km, min_mass)
    write_table(res.clusters, out_path)
    noise = int(res.assignments["cluster"].isna().sum())
    out.print(
        f"{len(pts)} points, {len(res.clusters)} clusters (eps {eps_km:g} km, min mass {min_mass:g}); "
        f"{noise} points in no cluster -> {out_path}"
    )
    print_frame(
        res.clusters[["cluster", "name", "n_points", "paper_share", "patent_share", "combined_share"]],
        "largest clusters",
        limit=15,
    )
    if assignments:
        write_table(res.assignments, assignments)
        out.print(f"assignments -> {assignments}")
    if observations:
        write_table(cluster_observations(res, period, points.name), observations)
        out.print(f"observations -> {observations}")
    if sensitivity:
        from innoscope.scientometrics.sensitivity import cluster_sensitivity

        masses = _floats(mass_range, "--mass-range") if mass_range else [min_mass / 2, min_mass, min_mass * 2]
        s = cluster_sensitivity(pts, _floats(eps_range, "--eps-range"), masses, baseline=(eps_km, min_mass))
        write_table(s.stability, sensitivity)
        runs_path = _beside(sensitivity, ".runs" + sensitivity.suffix)
        write_table(s.runs, runs_path)
        print_frame(
            s.stability[["cluster", "name", "stability", "rank_best", "rank_worst", "found"]],
            "stability of the clusters over the radii and minimum masses",
            limit=15,
        )
        out.print(f"sensitivity -> {sensitivity} (every run's ranking in {runs_path})")
