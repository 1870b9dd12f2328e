"""The public entry point: facts of a text or a document, in Chinese or English.

>>> [f.text for f in extract_facts("全年发表论文107篇，占全国总数的29.8%。")]
['107篇']
>>> [f.text for f in extract_facts("About 330,000 work permits were issued.")]
['About 330,000']
>>> f, = extract_facts("全年发表论文107篇。", region="上海", year=2021)
>>> f.region, f.year, f.inferred
('上海', 2021, ('region', 'year'))
"""

from __future__ import annotations

import re

from innoscope.text.context import DocumentContext, document_context
from innoscope.text.en import extract_en
from innoscope.text.fact import Fact
from innoscope.text.readers import Document
from innoscope.text.zh import extract_zh

__all__ = ["detect_language", "extract_document", "extract_facts"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str, sample: int = 20000) -> str:
    """``zh`` when Chinese characters make up a tenth of the letters, else ``en``.

    >>> detect_language("上海位列全球第8位"), detect_language("Shanghai ranked 8th")
    ('zh', 'en')
    """
    head = text[:sample]
    cjk = len(_CJK.findall(head))
    latin = len(_LATIN.findall(head))
    return "zh" if cjk and cjk * 10 >= (cjk + latin) else "en"


def extract_facts(
    text: str,
    doc: str = "",
    lang: str = "auto",
    *,
    region: str | None = None,
    year: int | None = None,
    context: DocumentContext | None = None,
) -> list[Fact]:
    """Every fact of ``text``; ``lang`` is ``zh``, ``en`` or ``auto``.

    The document's context (its region, years and sections) is read from the
    text unless ``context`` is given; ``region`` and ``year`` are defaults for
    what the text does not say itself, never overrides.
    """
    lang = detect_language(text) if lang == "auto" else lang
    ctx = context if context is not None else document_context(text, lang, region=region, year=year)
    return extract_zh(text, doc, ctx) if lang == "zh" else extract_en(text, doc, ctx)


def extract_document(document: Document, lang: str = "auto", **defaults) -> list[Fact]:
    """Every fact of a document read by :func:`~innoscope.text.readers.read_document`."""
    return extract_facts(document.text, document.name, lang, **defaults)
