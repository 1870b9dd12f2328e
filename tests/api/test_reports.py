"""POST /api/v1/reports hands the request to innoscope.report.write_report and returns the file it writes."""

from __future__ import annotations

from pathlib import Path

import pytest

import innoscope.report


def test_without_a_report_writer_the_answer_is_501(writer, monkeypatch):
    monkeypatch.delattr(innoscope.report, "write_report", raising=False)
    r = writer.post("/api/v1/reports", json={"unit": "上海"})
    assert r.status_code == 501 and r.json()["error"]["code"] == "E815"
    assert writer.get("/api/v1/info").json()["reports"] is False


def test_the_request_reaches_the_writer_and_its_file_comes_back(writer, monkeypatch):
    calls = []

    def write_report(results, *, unit, out, period=None, lang="zh", run_id=None, templates=None) -> Path:
        calls.append((unit, Path(out).suffix, period, lang, run_id, results.run(run_id).run_id))
        Path(out).write_text(f"# {unit} {period}", encoding="utf-8")
        return Path(out)

    monkeypatch.setattr(innoscope.report, "write_report", write_report, raising=False)
    r = writer.post("/api/v1/reports", json={"unit": "上海", "period": "2022", "lang": "en", "format": "md"})
    assert r.status_code == 200 and r.text == "# 上海 2022"
    assert r.headers["content-type"].startswith("text/markdown")
    assert calls == [("上海", ".md", 2022, "en", None, 1)]
    bad = writer.post("/api/v1/reports", json={"unit": "上海", "format": "exe"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E807"
    assert writer.post("/api/v1/reports", json={"unit": "上海"}, headers={"Authorization": ""}).status_code == 401


@pytest.mark.skipif(not hasattr(innoscope.report, "write_report"), reason="innoscope.report.write_report not here")
def test_a_real_html_report_of_a_province(writer):
    r = writer.post("/api/v1/reports", json={"unit": "上海", "format": "html", "lang": "zh"})
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html") and "上海" in r.text
