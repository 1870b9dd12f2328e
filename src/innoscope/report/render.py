"""Sentence models through Jinja2 templates into a :class:`~innoscope.report.model.Report`.

The sentences live in template files, one per section and language
(``templates/zh/overview.j2``, ``templates/en/indicators.j2``, ...).  A user copies
the folder, edits it and passes it as ``templates=DIR`` (``--templates DIR``):
files found there replace the shipped ones, the others stay.  A section
template writes its title on the first line (``# 标题``) and its paragraphs
separated by blank lines; the lines of one paragraph are joined (without a
space in Chinese).  A section that renders nothing is left out.

Every number a template prints must come from the sentence models (a
``Num``): a digit written into the template's own words would have no source,
and the report refuses it (E703).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from innoscope.errors import E, InnoscopeError
from innoscope.report.book import DIGITS, Book
from innoscope.report.model import Paragraph, Report, Section

__all__ = ["LANGS", "SECTIONS", "TEMPLATES", "cat", "environment", "render_report", "template_error"]

TEMPLATES = Path(__file__).parent / "templates"
SECTIONS = ("overview", "dimensions", "strengths", "indicators", "movers", "uncertainty", "documents", "methods")
LANGS = ("zh", "en")


def environment(templates: str | Path | None = None):
    """The Jinja2 environment: the user's folder first (when given), then the shipped templates."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    dirs = [str(TEMPLATES)]
    if templates is not None:
        t = Path(templates)
        if not t.is_dir():
            raise InnoscopeError(E.REPORT_TEMPLATES, where=str(t), detail="not a folder")
        dirs.insert(0, str(t))
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(d) for d in dirs]),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["cat"] = cat
    return env


def cat(*parts: object) -> str:
    """Words joined as Chinese writes them: no space, except between two Latin words.

    >>> cat("上海", "综合指数"), cat("Switzerland", "Sustainable Connectivity")
    ('上海综合指数', 'Switzerland Sustainable Connectivity')
    """
    out, last = "", ""
    for p in parts:
        plain = str(getattr(p, "text", p))  # a Quote's words, not its markers
        if last[-1:].isascii() and last[-1:].isalpha() and plain[:1].isascii() and plain[:1].isalpha():
            out += " "
        out += str(p)
        last = plain
    return out


def template_error(exc: BaseException, name: str) -> InnoscopeError:
    """An InnoscopeError naming the template file and line of a Jinja2 error."""
    from jinja2 import TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        where = f"{exc.filename or name}:{exc.lineno}"
        return InnoscopeError(E.REPORT_TEMPLATE_SYNTAX, where=where, detail=exc.message or str(exc))
    where = name
    tb = exc.__traceback__
    while tb is not None:  # Jinja2 rewrites tracebacks so a template's frames carry its file and line
        f = tb.tb_frame.f_code.co_filename
        if f.endswith((".j2", ".html", ".md")) and Path(f).exists():
            where = f"{f}:{tb.tb_lineno}"
        tb = tb.tb_next
    return InnoscopeError(E.REPORT_TEMPLATE_RENDER, where=where, detail=f"{type(exc).__name__}: {exc}")


def _render(env, name: str, context: dict[str, Any]) -> tuple[str, str]:
    from jinja2 import TemplateError

    try:
        template = env.get_template(name)
        return template.render(**context), template.filename or name
    except TemplateError as exc:
        raise template_error(exc, name) from None
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, ZeroDivisionError) as exc:
        raise template_error(exc, name) from None


def _paragraphs(text: str, lang: str) -> tuple[str, list[str]]:
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n")]
    title, paras = "", []
    for b in blocks:
        lines = [ln.strip() for ln in b.strip().split("\n") if ln.strip()]
        if not lines:
            continue
        if not title and not paras and lines[0].startswith("# "):
            title = lines[0][2:].strip()
            lines = lines[1:]
            if not lines:
                continue
        paras.append(("" if lang == "zh" else " ").join(lines))
    return title, paras


def _check_covered(p: Paragraph, where: str) -> None:
    spans = [(n.start, n.end) for n in p.numbers]
    for m in DIGITS.finditer(p.text):
        if not any(s <= m.start() and m.end() <= e for s, e in spans):
            around = p.text[max(0, m.start() - 15) : m.end() + 15]
            raise InnoscopeError(
                E.REPORT_UNSOURCED_NUMBER,
                where=where,
                detail=f"{m.group()!r} in “…{around}…” is written by the template, not taken from the results",
            )


def render_report(
    context: dict[str, Any], book: Book, lang: str, templates: str | Path | None = None, meta: dict | None = None
) -> Report:
    """Render every section template of ``lang`` with ``context`` into a Report."""
    if lang not in LANGS:
        raise InnoscopeError(E.REPORT_LANG, where="--lang", detail=f"{lang!r}; use one of {', '.join(LANGS)}")
    env = environment(templates)
    title_text, _ = _render(env, f"{lang}/title.j2", context)
    title = book.resolve(" ".join(title_text.split())).text
    sections = []
    for key in SECTIONS:
        text, file = _render(env, f"{lang}/{key}.j2", context)
        head, paras = _paragraphs(text, lang)
        if not paras:
            continue
        resolved = []
        for raw in paras:
            p = book.resolve(raw)
            _check_covered(p, file)
            resolved.append(p)
        sections.append(Section(key, book.resolve(head).text or key, tuple(resolved)))
    ctx = context
    period = ctx["period"].value
    return Report(
        unit=ctx["unit_code"],
        unit_name=ctx["unit"],
        period=period,
        lang=lang,
        title=title,
        run_id=ctx["run_id"],
        sections=tuple(sections),
        meta=meta or {},
    )
