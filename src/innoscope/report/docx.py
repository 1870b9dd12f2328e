"""The report as a Word document (python-docx), where analysts edit it.

Headings and paragraphs as Word styles (so the outline and table of contents
work), charts as pictures, and every number an internal link to its row in the
appendix table of sources (a bookmark ``n{id}``).  Chinese text is set in a CJK
font (the East Asian font of every run).
"""

from __future__ import annotations

import io
from pathlib import Path

from innoscope.report.model import Report

__all__ = ["write_docx"]

_LABELS = {
    "zh": ("数字来源", ("#", "数字", "取值", "类型", "来源")),
    "en": ("Sources of the numbers", ("#", "number", "value", "kind", "source")),
}


def _east_asian(run, font: str) -> None:
    from docx.oxml.ns import qn

    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)


def _link(paragraph, text: str, anchor: str, font: str) -> None:
    """An internal hyperlink to bookmark ``anchor``, dotted-underlined."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:eastAsia"), font)
    rpr.append(fonts)
    u = OxmlElement("w:u")
    u.set(qn("w:val"), "dotted")
    rpr.append(u)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _bookmark(paragraph, name: str, bid: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bid))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bid))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def write_docx(report: Report, path: str | Path) -> Path:
    """Write ``report`` as .docx to ``path``."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    font = "宋体" if report.lang == "zh" else "Calibri"
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    for style in ("Title", "Heading 1", "Heading 2"):
        doc.styles[style].element.get_or_add_rPr().get_or_add_rFonts().set(
            qn("w:eastAsia"), "黑体" if report.lang == "zh" else font
        )
    doc.core_properties.title = report.title
    doc.core_properties.comments = f"innoscope run {report.run_id}"
    doc.add_heading(report.title, level=0)
    number_id = 1
    for s in report.sections:
        doc.add_heading(s.title, level=1)
        for p in s.paragraphs:
            para = doc.add_paragraph()
            if report.lang == "zh":
                para.paragraph_format.first_line_indent = Pt(22)
            last = 0
            for n in p.numbers:
                if n.start > last:
                    _east_asian(para.add_run(p.text[last : n.start]), font)
                _link(para, n.text, f"n{number_id}", font)
                number_id += 1
                last = n.end
            if last < len(p.text):
                _east_asian(para.add_run(p.text[last:]), font)
        for f in s.figures:
            doc.add_picture(io.BytesIO(f.png), width=Cm(15))
            cap = doc.add_paragraph(f.caption)
            cap.style = doc.styles["Caption"]
    title, head = _LABELS[report.lang]
    doc.add_heading(title, level=1)
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
    from innoscope.report.writers import _kind

    for i, n in enumerate(report.numbers, start=1):
        cells = table.add_row().cells
        for cell, text in zip(
            cells, (str(i), n.text, str(n.value), _kind(n.kind, report.lang), n.describe()), strict=True
        ):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8)
                _east_asian(run, font)
        _bookmark(cells[0].paragraphs[0], f"n{i}", i)
    path = Path(path)
    doc.save(str(path))
    return path
