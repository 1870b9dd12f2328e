"""Writing results back: the unit report (zh/en; HTML, PDF, DOCX, Markdown, JSON), the workbook, charts, the demo.

Data flow: :class:`~innoscope.results.Results` → sentence models
(:mod:`~innoscope.report.context`) → Jinja2 templates (:mod:`~innoscope.report.render`)
→ :class:`~innoscope.report.model.Report` → writers (:mod:`~innoscope.report.writers`).

>>> from innoscope.report import FORMATS
>>> sorted(FORMATS)
['.docx', '.html', '.json', '.md', '.pdf']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from innoscope.report.model import Report
    from innoscope.results import Results

__all__ = ["FORMATS", "build_report", "check_format", "write_report"]

FORMATS = {".html": "HTML", ".pdf": "PDF", ".docx": "Word", ".md": "Markdown", ".json": "JSON"}


def check_format(out: str | Path, formats: dict[str, str] = FORMATS) -> str:
    """The output's extension, or E701 before any work when it is not one of ``formats``."""
    from innoscope.errors import E, InnoscopeError

    ext = Path(out).suffix.lower()
    if ext not in formats:
        raise InnoscopeError(
            E.REPORT_FORMAT, where=str(out), detail=f"{ext or 'no extension'}; use {', '.join(formats)}"
        )
    return ext


def _results(results: Results | str | Path) -> Results:
    from innoscope.results import Results

    return results if isinstance(results, Results) else Results(results)


def build_report(
    results: Results | str | Path,
    *,
    unit: str,
    period: Any = None,
    lang: str = "zh",
    run_id: int | None = None,
    templates: str | Path | None = None,
    figures: bool = False,
) -> Report:
    """The structured report of ``unit`` in ``period`` (the latest it is ranked) of run ``run_id`` (the latest).

    ``results`` is a :class:`~innoscope.results.Results` or the path of a store.
    ``templates`` names a folder whose template files replace the shipped ones;
    ``figures`` adds the charts (PNG) to the sections.  ``Report.to_json()``
    gives the contract of :mod:`innoscope.report.model`.
    """
    from innoscope.errors import E, InnoscopeError
    from innoscope.report.context import sentence_models
    from innoscope.report.render import LANGS, environment, render_report

    if lang not in LANGS:
        raise InnoscopeError(E.REPORT_LANG, where="lang", detail=f"{lang!r}; use one of {', '.join(LANGS)}")
    environment(templates)  # a missing template folder is refused before any work
    res = _results(results)
    with res.session():  # one read connection for the dozens of questions a report asks
        context, book = sentence_models(res, unit, period, lang, run_id)
        report = render_report(context, book, lang, templates, meta=_meta(res, context))
        if figures:
            from innoscope.report.figures import attach_figures

            report = attach_figures(report, res)
    return report


def _meta(res: Results, context: dict) -> dict:
    info = res.run(context["run_id"])
    return {
        "run": {
            "run_id": info.run_id,
            "name": info.name,
            "label": info.label,
            "created_at": f"{info.created_at:%Y-%m-%d %H:%M}",
        },
        "framework": info.framework,
        "root": info.root,
        "inputs": info.inputs,
        "store": res.db.path,
    }


def write_report(
    results: Results | str | Path,
    *,
    unit: str,
    out: str | Path,
    period: Any = None,
    lang: str = "zh",
    run_id: int | None = None,
    templates: str | Path | None = None,
) -> Path:
    """Write the report of ``unit`` to ``out``; the extension picks the format (see :data:`FORMATS`).

    The extension is checked before any work; the file is written to a
    temporary file beside ``out`` and renamed, so ``out`` is never half written.
    """
    from innoscope.report.writers import write

    ext = check_format(out)
    report = build_report(
        results,
        unit=unit,
        period=period,
        lang=lang,
        run_id=run_id,
        templates=templates,
        figures=ext in (".html", ".pdf", ".docx"),
    )
    return write(report, out, templates=templates)
