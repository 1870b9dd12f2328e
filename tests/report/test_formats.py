"""What a reader gets: self-contained HTML, a PDF with its fonts, an editable DOCX, charts with Chinese labels,
the workbook, the commands, and the notebook tables."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from innoscope.cli import app
from innoscope.report import build_report
from innoscope.report.writers import render_html, write
from innoscope.results import Results


@pytest.fixture(scope="module")
def illustrated(evaluation):
    return build_report(evaluation[0], unit="上海", figures=True)


def test_charts_attached_and_drawn_with_a_cjk_font(illustrated):
    from PIL import Image

    from innoscope.report.charts import cjk_font

    assert cjk_font() is not None, "no CJK font: ./dev installs fonts-noto-cjk"
    figs = {f.key: f for s in illustrated.sections for f in s.figures}
    assert set(figs) == {"ranking", "trend", "profile", "intervals", "sunburst"}
    for f in figs.values():  # real pictures (matplotlib's missing-glyph warnings fail the suite)
        img = Image.open(io.BytesIO(f.png))
        assert img.width > 400 and len(img.convert("L").getcolors(maxcolors=1 << 16) or ()) > 20
    assert illustrated.section("overview").figures[0].caption == "2023年综合科技创新水平指数得分"


def test_rank_axis_integer_with_one_on_top():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from innoscope.report import charts

    fig, ax = plt.subplots()
    charts._rank_axis(ax, [3.0, 17.0, 9.0])
    lo, hi = ax.get_ylim()
    ticks = list(ax.get_yticks())
    plt.close(fig)
    assert lo > hi and hi == 0.5  # inverted: rank 1 at the top
    assert ticks[0] == 1 and all(float(t).is_integer() for t in ticks) and max(ticks) <= 17


def test_html_self_contained_and_every_number_linked(illustrated):
    html = render_html(illustrated)
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # nothing fetched
    assert html.count('src="data:image/png;base64,') == 5
    links = re.findall(r'<a class="n n-(\w+)" href="#n(\d+)"', html)
    ids = re.findall(r'<tr id="n(\d+)">', html)
    assert len(links) == len(illustrated.numbers) and [i for _, i in links] == ids
    assert {k for k, _ in links} == {"score", "rank", "observation", "fact", "derived"}
    assert 'title="run 1 observation pat/上海/2023: data.csv:' in html


@pytest.mark.slow
def test_pdf_has_its_fonts_embedded_and_renders_chinese(illustrated, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = write(illustrated, tmp_path / "r.pdf")
    reader = pypdf.PdfReader(str(out))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "上海综合科技创新水平指数评价报告" in text and "30519件" in text
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils, installed by ./dev) is missing")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the emb column
    assert any("CJK" in line for line in fonts)
    png = subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
                         capture_output=True)
    pages = list(tmp_path.glob("p-*.png"))
    assert png.returncode == 0 and len(pages) == 1 and pages[0].stat().st_size > 2000


def test_docx_paragraphs_numbers_linked_to_the_sources_table(illustrated, tmp_path):
    import docx

    out = write(illustrated, tmp_path / "r.docx")
    d = docx.Document(str(out))
    body = [p for p in d.paragraphs if p.style.name == "Normal"]
    xml = d.element.xml
    anchors = re.findall(r'w:anchor="(n\d+)"', xml)
    marks = re.findall(r'w:bookmarkStart w:id="\d+" w:name="(n\d+)"', xml)
    assert len(anchors) == len(illustrated.numbers) and sorted(anchors) == sorted(marks)
    texts = {p.text for p in body}
    for s in illustrated.sections:
        for p in s.paragraphs:
            assert p.text in texts
    assert len(d.inline_shapes) == 5 and len(d.tables) == 1 and len(d.tables[0].rows) == len(illustrated.numbers) + 1
    assert "宋体" in xml  # the East Asian font of Chinese runs


def test_workbook_sheets_formats_and_values(evaluation, tmp_path):
    import openpyxl

    from innoscope.report.workbook import write_workbook

    store, b, _, _ = evaluation
    out = write_workbook(store, tmp_path / "results.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "About", "Framework", "Data", "Level 3", "Level 2", "Level 1", "Ranking", "Uncertainty", "Facts", "Documents",
    ]
    data = wb["Data"]
    head = [c.value for c in data[1]]
    assert head[:4] == ["unit", "name", "indicator", "period"]
    assert {"raw", "treated", "normalised", "source"} <= set(head)
    rows = {(r[0], r[2], r[3]): dict(zip(head, r, strict=True)) for r in data.iter_rows(min_row=2, values_only=True)}
    sh = rows[("上海", "pat", 2023)]
    assert sh["raw"] == 30519 and sh["normalised"] == pytest.approx(100) and sh["source"].startswith("data.csv:")
    top = wb["Level 3"]
    assert top.freeze_panes == "C2" and top.auto_filter.ref
    scores = {(r[0], r[2]): r[3:] for r in top.iter_rows(min_row=2, values_only=True)}
    assert scores[("上海", 2023)] == (pytest.approx(b.result.table(2023).at["上海", "I"]), 1)
    assert any(str(cf.sqref).startswith("E2") for cf in top.conditional_formatting)  # the rank column coloured
    assert top["D2"].number_format == "0.00"
    ranking = [r for r in wb["Ranking"].iter_rows(min_row=2, values_only=True)]
    assert [r[1] for r in ranking] == [m.unit for m in Results(store).ranking()]
    assert wb["Uncertainty"].max_row == 6 and wb["Facts"].max_row == 3


def test_report_and_export_commands(evaluation, tmp_path):
    store = evaluation[0]
    runner = CliRunner()
    args = ["report", str(store.parent), "--unit", "上海", "--lang", "en", "--out", str(tmp_path / "a.md")]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "Shanghai" in (tmp_path / "a.md").read_text(encoding="utf-8")
    r = runner.invoke(app, ["report", str(store), "--unit", "上海", "--out", str(tmp_path / "a.odt")])
    assert r.exit_code == 2 and "E701" in r.output and not (tmp_path / "a.odt").exists()
    r = runner.invoke(app, ["report", str(store), "--unit", "火星", "--out", str(tmp_path / "a.json")])
    assert r.exit_code == 2 and "E407" in r.output and "北京" in r.output
    r = runner.invoke(app, ["export", str(store), "--out", str(tmp_path / "w.xlsx")])
    assert r.exit_code == 0 and (tmp_path / "w.xlsx").stat().st_size > 5000
    r = runner.invoke(app, ["export", str(store), "--out", str(tmp_path / "w.csv")])
    assert r.exit_code == 2 and "E701" in r.output


def test_notebook_tables(evaluation):
    store, b, _, _ = evaluation
    res = Results(store)
    assert "<table" in res._repr_html_() and "测试评价" in res._repr_html_()
    fw = b.framework._repr_html_()
    assert "综合科技创新水平指数" in fw and "4 indicators" in fw
    facts = res.facts()._repr_html_()
    assert "<table" in facts and "30519件" in facts
