"""A :class:`~innoscope.report.model.Report` as a file: HTML, PDF, DOCX, Markdown or JSON.

Every number links to its source: in HTML and PDF each number is a link to its
entry in the appendix of sources (run, node, unit and period; data file and row;
or document and span), in DOCX a link to a bookmark in the appendix table, in
Markdown a link to an anchor of the appendix list.  HTML is self-contained
(styles and charts inlined, nothing fetched); the PDF is the same HTML laid out
by WeasyPrint with its fonts embedded.  Each file is written to a temporary file
beside the target and renamed (:func:`atomic_path`), so a failure never leaves
a half-written file.
"""

from __future__ import annotations

import base64
import html
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from innoscope.errors import E, InnoscopeError
from innoscope.report.model import Paragraph, Report

__all__ = ["atomic_path", "paragraph_html", "render_html", "render_markdown", "write"]

_LABELS = {
    "zh": {
        "sources": "数字来源",
        "number": "数字",
        "value": "取值",
        "kind": "类型",
        "source": "来源",
        "inputs": "数据文件",
        "run": "运行",
        "figure": "图",
    },
    "en": {
        "sources": "Sources of the numbers",
        "number": "number",
        "value": "value",
        "kind": "kind",
        "source": "source",
        "inputs": "Input files",
        "run": "Run",
        "figure": "Figure",
    },
}
_KIND_ZH = {"score": "得分", "rank": "排名", "observation": "观测值", "fact": "文档事实", "derived": "推算"}


@contextmanager
def atomic_path(out: str | Path) -> Iterator[Path]:
    """A temporary path beside ``out``; renamed to ``out`` when the block succeeds, removed when it fails."""
    out = Path(out)
    if not out.parent.is_dir():
        raise InnoscopeError(E.REPORT_WRITE, where=str(out), detail=f"folder {out.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    path = Path(tmp)
    try:
        yield path
        umask = os.umask(0)
        os.umask(umask)
        path.chmod(0o666 & ~umask)  # as an ordinary new file, not mkstemp's private 0600
        os.replace(path, out)
    finally:
        if path.exists():
            path.unlink()


def _kind(kind: str, lang: str) -> str:
    return _KIND_ZH.get(kind, kind) if lang == "zh" else kind


def paragraph_html(p: Paragraph, first_id: int) -> str:
    """A paragraph as HTML: every number a link to its source entry ``#n{id}``."""
    out, last = [], 0
    for k, n in enumerate(p.numbers):
        out.append(html.escape(p.text[last : n.start]))
        title = html.escape(n.describe(), quote=True)
        out.append(f'<a class="n n-{n.kind}" href="#n{first_id + k}" title="{title}">{html.escape(n.text)}</a>')
        last = n.end
    out.append(html.escape(p.text[last:]))
    return "".join(out)


def _context(report: Report, for_pdf: bool) -> dict:
    lang = report.lang
    sections, number_id = [], 1
    for s in report.sections:
        paras = []
        for p in s.paragraphs:
            paras.append(paragraph_html(p, number_id))
            number_id += len(p.numbers)
        figures = [
            {"caption": f.caption, "src": "data:image/png;base64," + base64.b64encode(f.png).decode("ascii")}
            for f in s.figures
        ]
        sections.append({"key": s.key, "title": s.title, "paragraphs": paras, "figures": figures})
    numbers = [
        {"id": i, "text": n.text, "value": n.value, "kind": _kind(n.kind, lang), "source": n.describe()}
        for i, n in enumerate(report.numbers, start=1)
    ]
    return {
        "report": report,
        "lang": lang,
        "labels": _LABELS[lang],
        "sections": sections,
        "numbers": numbers,
        "inputs": report.meta.get("inputs", {}),
        "run": report.meta.get("run", {}),
        "for_pdf": for_pdf,
    }


def _layout(name: str, templates: str | Path | None):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape

    from innoscope.report.render import TEMPLATES, template_error

    dirs = [str(TEMPLATES / "layout")]
    if templates is not None and (Path(templates) / "layout").is_dir():
        dirs.insert(0, str(Path(templates) / "layout"))
    env = Environment(loader=FileSystemLoader(dirs), autoescape=select_autoescape(["html"]), undefined=StrictUndefined)
    try:
        return env.get_template(name)
    except TemplateError as exc:
        raise template_error(exc, name) from None


def _render_layout(name: str, context: dict, templates: str | Path | None) -> str:
    from jinja2 import TemplateError

    from innoscope.report.render import template_error

    t = _layout(name, templates)
    try:
        return t.render(**context)
    except (TemplateError, TypeError, KeyError, AttributeError) as exc:
        raise template_error(exc, t.filename or name) from None


def render_html(report: Report, templates: str | Path | None = None, for_pdf: bool = False) -> str:
    """The report as one self-contained HTML page (the ``layout/report.html`` template)."""
    from markupsafe import Markup

    ctx = _context(report, for_pdf)
    for s in ctx["sections"]:
        s["paragraphs"] = [Markup(p) for p in s["paragraphs"]]
    return _render_layout("report.html", ctx, templates)


def render_markdown(report: Report, templates: str | Path | None = None) -> str:
    """The report as Markdown: numbers link to the appendix of sources."""
    lines = [f"# {report.title}", ""]
    number_id = 1
    for s in report.sections:
        lines += [f"## {s.title}", ""]
        for p in s.paragraphs:
            out, last = [], 0
            for n in p.numbers:
                out.append(_md_escape(p.text[last : n.start]))
                out.append(f"[{_md_escape(n.text)}](#n{number_id})")
                number_id += 1
                last = n.end
            out.append(_md_escape(p.text[last:]))
            lines += ["".join(out), ""]
    lab = _LABELS[report.lang]
    lines += [
        f"## {lab['sources']}",
        "",
        f"| # | {lab['number']} | {lab['value']} | {lab['kind']} | {lab['source']} |",
        "|---:|---|---:|---|---|",
    ]
    for i, n in enumerate(report.numbers, start=1):
        src = n.describe().replace("|", "\\|")
        lines.append(f'| <a id="n{i}"></a>{i} | {n.text} | {n.value} | {_kind(n.kind, report.lang)} | {src} |')
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    for ch in "\\`*_[]":
        text = text.replace(ch, "\\" + ch)
    return text


def _pdf(report: Report, path: Path, templates: str | Path | None) -> None:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # pango missing
        raise InnoscopeError(E.REPORT_ENGINE, where="PDF", detail=f"WeasyPrint cannot start: {exc}") from None
    from innoscope.report.charts import cjk_font

    if report.lang == "zh" and cjk_font() is None:
        raise InnoscopeError(E.REPORT_FONT, where="PDF", detail="the report is Chinese")
    HTML(string=render_html(report, templates, for_pdf=True)).write_pdf(path)


def write(report: Report, out: str | Path, templates: str | Path | None = None) -> Path:
    """Write ``report`` to ``out`` in the format its extension names."""
    from innoscope.report import check_format

    ext = check_format(out)
    out = Path(out)
    with atomic_path(out) as tmp:
        if ext == ".json":
            tmp.write_text(report.to_json(), encoding="utf-8")
        elif ext == ".md":
            tmp.write_text(render_markdown(report, templates), encoding="utf-8")
        elif ext == ".html":
            tmp.write_text(render_html(report, templates), encoding="utf-8")
        elif ext == ".pdf":
            _pdf(report, tmp, templates)
        elif ext == ".docx":
            from innoscope.report.docx import write_docx

            write_docx(report, tmp)
    return out
