"""Documents in every supported format and encoding give the same text; bad files are refused."""

from __future__ import annotations

import pytest

from innoscope.errors import InnoscopeError
from innoscope.text import extract_facts, read_document

TEXT = "全年发表论文107篇，占全国总数的29.8%。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings(tmp_path, encoding):
    p = tmp_path / "doc.txt"
    p.write_bytes(TEXT.encode(encoding))
    d = read_document(p)
    assert d.text == TEXT
    assert [f.text for f in extract_facts(d.text)] == ["107篇"]


def test_docx_html_pdf(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph(TEXT)
    doc.save(tmp_path / "a.docx")
    (tmp_path / "a.html").write_text(
        f"<html><head><style>p{{}}</style><script>var x = 999;</script></head><body><p>{TEXT}</p></body></html>",
        encoding="utf-8",
    )
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "a.pdf"))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 720, TEXT)
    c.save()
    for name in ("a.docx", "a.html", "a.pdf"):
        d = read_document(tmp_path / name)
        facts = extract_facts(d.text)
        assert [(f.text, f.share.to_dict()) for f in facts] == [("107篇", {"pct": 29.8, "of": "全国"})], name
        assert d.text[facts[0].start : facts[0].end] == "107篇"


def test_bad_documents(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(InnoscopeError, match="E004 .*bin.txt: .*binary"):
        read_document(tmp_path / "bin.txt")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfd" * 3 + b"abc\x81")
    (tmp_path / "latin.txt").write_bytes("caf\xe9 \x80\x81".encode("latin-1"))
    with pytest.raises(InnoscopeError, match="E004 .*latin.txt"):
        read_document(tmp_path / "latin.txt")
    (tmp_path / "broken.docx").write_bytes(b"PK not really")
    with pytest.raises(InnoscopeError, match="E004 .*broken.docx"):
        read_document(tmp_path / "broken.docx")
    (tmp_path / "x.odt").write_bytes(b"x")
    with pytest.raises(InnoscopeError, match="E002"):
        read_document(tmp_path / "x.odt")
    with pytest.raises(InnoscopeError, match="E001"):
        read_document(tmp_path / "missing.txt")


def test_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(10, 10, 100, 100)
    c.save()
    with pytest.raises(InnoscopeError, match="no text layer"):
        read_document(tmp_path / "scan.pdf")
