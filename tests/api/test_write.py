"""Writes: the token, uploads checked whole (nothing kept from a failed one), runs as jobs, hosts."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from innoscope.errors import InnoscopeError
from innoscope.results import Results
from tests.api.conftest import TOKEN, client_for
from tests.api.fixtures import REPORT


def stored(root):
    """What the store and the upload folder hold: documents, facts, runs and kept files."""
    res = Results(root / "innoscope.duckdb")
    files = (
        sorted(p.name for p in (root / "innoscope.files").rglob("*") if p.is_file())
        if (root / "innoscope.files").exists()
        else []
    )
    return len(res.documents()), res.facts().total, len(res.runs()), files


def test_writes_are_refused_without_the_token_and_accepted_with_it(workspace):
    with client_for(workspace) as c:
        before = stored(workspace)
        r = c.post("/api/v1/documents", files={"file": ("r.txt", REPORT.encode(), "text/plain")})
        assert r.status_code == 401 and r.json()["error"]["code"] == "E800"
        assert r.headers["www-authenticate"] == "Bearer"
        r = c.post(
            "/api/v1/documents",
            files={"file": ("r.txt", REPORT.encode(), "text/plain")},
            headers={"Authorization": "Bearer not-the-token"},
        )
        assert r.status_code == 403 and r.json()["error"]["code"] == "E801"
        r = c.post("/api/v1/runs", json={}, headers={"Authorization": "Basic abc"})
        assert r.status_code == 401
        assert stored(workspace) == before
        r = c.post(
            "/api/v1/documents",
            files={"file": ("r.txt", REPORT.encode(), "text/plain")},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert r.status_code == 201


def test_an_upload_lists_its_facts_and_they_index_the_documents_text(writer, workspace):
    r = writer.post("/api/v1/documents", files={"file": ("../../上海 2023.txt", REPORT.encode(), "text/plain")})
    assert r.status_code == 201
    body = r.json()
    doc = body["document"]
    assert body["new"] and doc["name"] == "上海 2023.txt" and doc["lang"] == "zh"
    texts = [f["record"]["text"] for f in body["facts"]]
    assert texts == ["4.4%左右", "36797件", "50.2件"]  # the growth rate belongs to the patents
    patents = next(f for f in body["facts"] if f["record"]["text"] == "36797件")
    assert patents["record"]["value"] == 36797 and patents["record"]["change"]["pct"] == 20.5
    assert patents["source"]["kind"] == "fact" and patents["source"]["document_sha256"] == doc["doc_id"]
    text = writer.get(f"/api/v1/documents/{doc['doc_id']}/text").json()
    assert all(text["text"][f["source"]["start"] : f["source"]["end"]] == f["record"]["text"] for f in text["facts"])
    # the file is kept under its checksum, never under the name it came with
    kept = [p.name for p in (workspace / "innoscope.files" / "documents").iterdir()]
    assert kept == [doc["doc_id"] + ".txt"]
    again = writer.post("/api/v1/documents", files={"file": ("again.txt", REPORT.encode(), "text/plain")})
    assert again.status_code == 200 and again.json()["new"] is False
    listed = writer.get("/api/v1/facts", params={"doc_id": doc["doc_id"], "subject": "发明专利授权"}).json()
    assert [f["record"]["text"] for f in listed["items"]] == ["36797件"]
    assert writer.get("/api/v1/facts", params={"unit": "上海"}).json()["total"] >= 1


def _docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_docx_upload_is_read(writer):
    r = writer.post("/api/v1/documents", files={"file": ("b.docx", _docx(REPORT), "application/octet-stream")})
    assert r.status_code == 201 and r.json()["document"]["format"] == "docx"
    assert "36797件" in [f["record"]["text"] for f in r.json()["facts"]]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256)) * 4


@pytest.mark.parametrize(
    ("name", "content", "ctype", "status", "code"),
    [
        ("empty.txt", b"", "text/plain", 400, "E803"),
        ("picture.txt", PNG, "text/plain", 415, "E805"),
        ("random.txt", bytes(range(1, 32)) * 200, "text/plain", 415, "E805"),
        ("report.exe", REPORT.encode(), "application/octet-stream", 415, "E804"),
        ("report", REPORT.encode(), "text/plain", 415, "E804"),
        ("report.txt", REPORT.encode(), "image/png", 415, "E805"),
        ("report.pdf", REPORT.encode(), "application/pdf", 415, "E805"),
        ("report.docx", REPORT.encode(), "application/octet-stream", 415, "E805"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 100, "application/octet-stream", 422, "E004"),
        ("latin.txt", "caf\xe9 \xff\xfe".encode("latin-1")[:-2] + b"\x80\x81\xfe", "text/plain", 422, "E004"),
    ],
)
def test_malformed_uploads_get_a_clear_4xx_and_nothing_is_stored(writer, workspace, name, content, ctype, status, code):
    before = stored(workspace)
    r = writer.post("/api/v1/documents", files={"file": (name, content, ctype)})
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code and err["advice"] and "Traceback" not in r.text
    assert stored(workspace) == before


def test_a_declared_2_gb_body_is_refused_before_it_is_read(writer, workspace):
    before = stored(workspace)
    boundary = "innoscope"
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'.encode()
    r = writer.post(
        "/api/v1/documents",
        content=head + b"x" * 1000,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(2 * 2**30)},
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "E802"
    assert "2,147,483,648 bytes" in r.json()["error"]["detail"]
    assert stored(workspace) == before


def test_a_body_past_the_limit_without_a_declared_size_is_cut_off(workspace):
    with client_for(workspace, max_upload_bytes=10_000) as c:
        c.headers["Authorization"] = f"Bearer {TOKEN}"

        def chunks():
            yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
            yield b"Content-Type: text/plain\r\n\r\n"
            for _ in range(200):
                yield "全年发表论文107篇。".encode() * 100
            yield b"\r\n--b--\r\n"

        before = stored(workspace)
        r = c.post("/api/v1/documents", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "E802"
        small = c.post(
            "/api/v1/documents", files={"file": ("a.txt", "全年发表论文107篇。".encode() * 400, "text/plain")}
        )
        assert small.status_code == 413  # 10,800 bytes: within the form's slack, over the file limit
        assert stored(workspace) == before


def test_a_form_without_the_file_field_is_400(writer):
    r = writer.post("/api/v1/documents", data={"other": "x"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E806"
    r = writer.post("/api/v1/documents", content=b"not a form", headers={"Content-Type": "text/plain"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E806"


def _newer_table(path) -> bytes:
    t = pd.read_csv(path / "data.csv")
    t = t[t["year"] == 2023].assign(year=2024)
    t[["rd_share", "patents"]] *= 1.1
    return t.to_csv(index=False).encode()


def test_a_data_upload_is_kept_and_a_run_builds_on_it(writer, workspace):
    r = writer.post("/api/v1/data", files={"file": ("bulletin 2024.csv", _newer_table(workspace), "text/csv")})
    assert r.status_code == 201, r.text
    info = r.json()
    assert info["layout"] == "workspace" and info["periods"] == [2024] and len(info["units"]) == 31
    assert info["framework_indicators_missing"] == []
    assert writer.get("/api/v1/data").json() == [info]
    job = writer.post("/api/v1/runs", json={"data_id": info["data_id"], "wait": 60})
    assert job.status_code == 201, job.text
    run_id = job.json()["result"]["run_id"]
    run = Results(workspace / "innoscope.duckdb").run(run_id)
    assert run.periods == (2024,) and run.inputs[f"{info['data_id']}.csv"] == info["data_id"]


def test_a_tidy_table_in_another_layout_is_read_by_guessing(writer):
    rows = ["province,indicator,year,value"] + [f"上海,{i},2024,{k + 1}" for k, i in enumerate(["rd_share", "patents"])]
    r = writer.post("/api/v1/data", files={"file": ("tidy.csv", "\n".join(rows).encode(), "text/csv")})
    assert r.status_code == 201, r.text
    assert r.json()["layout"] == "long" and r.json()["framework_indicators_found"] == ["rd_share", "patents"]
    assert set(r.json()["framework_indicators_missing"]) == {"firms", "rd_staff", "budget", "papers"}


def test_a_data_file_without_the_frameworks_indicators_is_refused(writer, workspace):
    before = stored(workspace)
    table = b"region,year,gdp,population\nA,2020,1,2\nB,2020,3,4\n"  # another layout, read by guessing
    r = writer.post("/api/v1/data", files={"file": ("other.csv", table, "text/csv")})
    assert r.status_code == 422 and r.json()["error"]["code"] == "E105"
    xlsx = io.BytesIO()
    with zipfile.ZipFile(xlsx, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    r = writer.post("/api/v1/data", files={"file": ("fake.xlsx", xlsx.getvalue(), "application/octet-stream")})
    assert r.status_code == 422 and r.json()["error"]["code"] == "E004"
    r = writer.post("/api/v1/data", files={"file": ("table.json", b"{}", "application/json")})
    assert r.status_code == 415 and r.json()["error"]["code"] == "E804"
    assert stored(workspace) == before


def test_runs_with_overrides_are_jobs_and_bad_overrides_fail_at_once(writer, workspace):
    r = writer.post("/api/v1/runs", json={"overrides": {"normalise": {"method": "zscore"}}})
    assert r.status_code == 202 and r.headers["location"] == f"/api/v1/jobs/{r.json()['job_id']}"
    import time

    job = r.json()
    for _ in range(200):
        job = writer.get(f"/api/v1/jobs/{job['job_id']}").json()
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert job["status"] == "done", job
    run = Results(workspace / "innoscope.duckdb").run(job["result"]["run_id"])
    assert "normalise.method=zscore" in run.label
    before = stored(workspace)
    bad = writer.post("/api/v1/runs", json={"overrides": {"normalise": {"method": "magic"}}})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "E301"
    bad = writer.post("/api/v1/runs", json={"overrides": {"weights": {"values": {"NOPE": 1}}}, "wait": 30})
    assert bad.status_code == 201 or bad.json()["status"] == "failed"
    assert bad.json()["error"]["code"] == "E104"
    assert stored(workspace) == before


def test_a_store_alone_cannot_run_and_says_so(provinces):
    with client_for(provinces, store_only=True) as c:
        r = c.post("/api/v1/runs", json={}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 409 and r.json()["error"]["code"] == "E809"


def test_without_a_token_file_only_loopback_host_names_are_answered(workspace):
    with client_for(workspace, token_file=False) as c:
        assert c.get("/api/v1/runs").status_code == 200
        r = c.get("/api/v1/runs", headers={"Host": "attacker.example:8000"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "E813"
        page = c.get("/").text
        token = page.split('name="innoscope-token" content="')[1].split('"')[0]
        assert len(token) >= 24
        ok = c.post(
            "/api/v1/documents",
            files={"file": ("r.txt", REPORT.encode(), "text/plain")},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert ok.status_code == 201
    with client_for(workspace) as c:  # a token file: the page holds no token
        assert 'name="innoscope-token" content=""' in c.get("/").text


def test_a_non_loopback_host_needs_a_token_file(tmp_path, workspace):
    from typer.testing import CliRunner

    from innoscope.api import ServerConfig, is_loopback, read_token
    from innoscope.cli import app

    with pytest.raises(InnoscopeError, match="E810 --host 0.0.0.0"):
        ServerConfig(store=workspace / "innoscope.duckdb", host="0.0.0.0")
    assert not is_loopback("192.168.1.5") and is_loopback("127.0.0.2") and is_loopback("[::1]")
    result = CliRunner().invoke(app, ["serve", str(workspace), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "E810" in result.output
    short = tmp_path / "token"
    short.write_text("abc\n")
    with pytest.raises(InnoscopeError, match="E812 .*3 characters"):
        read_token(short)
    result = CliRunner().invoke(app, ["serve", str(workspace), "--host", "0.0.0.0", "--token-file", str(short)])
    assert result.exit_code == 2 and "E812" in result.output
    good = tmp_path / "good"
    good.write_text(TOKEN + "\n")
    cfg = ServerConfig(
        store=workspace / "innoscope.duckdb", host="0.0.0.0", token=read_token(good), token_from_file=True
    )
    assert cfg.token == TOKEN and not cfg.loopback_only


def test_serving_a_workspace_without_runs_builds_it_first(tmp_path):
    from innoscope.cli.serve_cmd import server_config
    from tests.api.fixtures import make_workspace

    root = make_workspace(tmp_path / "fresh")
    said = []
    cfg = server_config(root, say=said.append)
    assert len(Results(cfg.store).runs()) == 1 and said[-1] == "recorded as run 1"
    server_config(root, say=said.append)
    assert len(Results(cfg.store).runs()) == 1  # built once only
    with pytest.raises(InnoscopeError, match="E402"):
        server_config(tmp_path / "nothing.duckdb")


def test_facts_are_found_by_the_phrases_of_an_indicator(writer, workspace):
    fw = workspace / "framework.yaml"
    fw.write_text(
        fw.read_text(encoding="utf-8").replace(
            "{code: patents, parent: OUT, name: {en: patents, zh: patents指标}, unit: '%'}",
            "{code: patents, parent: OUT, name: {en: patents, zh: patents指标}, unit: '%', phrases: [发明专利授权]}",
        ),
        encoding="utf-8",
    )
    assert writer.post("/api/v1/runs", json={"wait": 60}).status_code == 201  # the latest run has the phrases
    writer.post("/api/v1/documents", files={"file": ("r.txt", REPORT.encode(), "text/plain")})
    found = writer.get("/api/v1/facts", params={"indicator": "patents"}).json()
    assert [f["record"]["text"] for f in found["items"]] == ["36797件"] and found["total"] == 1
    r = writer.get("/api/v1/facts", params={"indicator": "nope"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "E808"
