"""Every record format, from hand-made golden files; bad input counted and reported with file and line."""

from pathlib import Path

import pytest

from innoscope.errors import InnoscopeError
from innoscope.scientometrics.read import parse_file, read_records

DATA = Path(__file__).resolve().parents[1] / "data" / "scientometrics"


def problems(rs):
    return [(p.file, p.line, p.kind) for p in rs.problems]


def test_wos_plain_text():
    rs = read_records([DATA / "wos_plain.txt"])
    t = rs.table
    first = t[t.record_id == "WOS:000000000000001"]
    # the BOM, the FN/VR header, continuation lines of AU, TI and C1
    assert first["line"].unique().tolist() == [3]
    assert first["title"].iloc[0] == "Graphene growth on copper foils"
    assert first["n_authors"].iloc[0] == 3
    assert first["authors_at_address"].tolist() == ["Li, Gang; Wu, Xin", "Smith, John", "Wu, Xin"]
    assert first["fields"].iloc[0] == "Physics, Multidisciplinary"
    assert rs.n_records == 6
    assert problems(rs) == [
        ("wos_plain.txt", 41, "malformed_line"),
        ("wos_plain.txt", 44, "duplicate_id"),  # the second WOS:...001, from its PT line
        ("wos_plain.txt", 52, "no_address"),
        ("wos_plain.txt", 60, "no_end"),  # kept: read up to the next PT
    ]
    assert "WOS:000000000000005" in set(t.record_id)
    assert rs.match_rate() == pytest.approx(7 / 8)  # Taizhou alone is ambiguous
    assert rs.unmatched["record_id"].tolist() == ["WOS:000000000000006"]


def test_wos_tab_delimited_utf16_and_utf8_are_the_same():
    a = read_records([DATA / "wos_tab_utf16.txt"])
    b = read_records([DATA / "wos_tab_utf8.txt"])
    cols = ["record_id", "line", "address", "city", "country", "frac"]
    assert a.table[cols].equals(b.table[cols])
    assert a.table["record_id"].unique().tolist() == [
        "WOS:000000000000101",
        "WOS:000000000000102",
        "WOS:000000000000103",
    ]
    assert a.table["line"].unique().tolist() == [2, 3, 5]
    assert [(p.line, p.kind) for p in a.problems] == [(4, "bad_field")]
    munich = a.table.iloc[0]
    assert (munich["city"], munich["country"], munich["authors_at_address"]) == ("Munich", "DEU", "Mueller, Karl")


def test_scopus_both_author_styles():
    new = read_records([DATA / "scopus.csv"]).table
    assert new["record_id"].unique().tolist() == ["2-s2.0-85000000001", "2-s2.0-85000000002"]
    assert new["authors_at_address"].tolist() == ["Garcia, M.", "Chen, W.", "Chen, W.; Wang, L."]
    assert new["n_authors"].tolist() == [2, 2, 2]
    old = read_records([DATA / "scopus_old.csv"])
    assert old.table["n_authors"].tolist() == [2, 2, 1]  # "Garcia M., Chen W." split on commas
    assert old.table["line"].unique().tolist() == [2, 4]  # the title spans lines 2-3
    assert [(p.line, p.kind) for p in old.problems] == [(4, "bad_field")]  # Year n.d.
    assert old.table["year"].isna().tolist() == [False, False, True]


def test_patents():
    rs = read_records([DATA / "patents.csv"])
    t = rs.table
    assert rs.n_records == 5
    assert t["kind"].unique().tolist() == ["patent"]
    one = t[t.record_id == "WO2021000001"]
    assert one["role"].tolist() == ["inventor", "inventor", "applicant"]
    assert one["frac"].tolist() == [0.5, 0.5, 1.0]  # shares among the inventors, and among the applicants
    assert one["address_line"].tolist() == [2, 3, 4]
    assert one["fields"].iloc[0] == "H04L 9/32; G06F 21/60"
    coords = t[(t.record_id == "WO2021000002") & (t.address_index == 0)].iloc[0]
    assert (coords["city"], coords["province"], coords["precision"]) == ("Palo Alto", "US-CA", "coordinates")
    assert (coords["lat"], coords["lon"]) == (37.4419, -122.1430)
    assert [(p.line, p.kind) for p in rs.problems] == [
        (7, "bad_field"),  # 2021-13-01
        (8, "bad_field"),
        (8, "no_address"),  # NOBODY: kept, a share of WO2021000003 that stays unassigned
        (10, "bad_field"),  # latitude 95
    ]
    nobody = t[(t.record_id == "WO2021000003") & (t.address_index == 1)].iloc[0]
    assert (nobody["match"], nobody["frac"]) == ("unmatched", 0.5)
    seoul = t[t.record_id == "WO2021000005"].iloc[0]
    assert (seoul["city"], seoul["country"], seoul["precision"]) == ("Seoul", "KOR", "city")


def test_duplicates_across_files_keep_the_first(tmp_path):
    copy = tmp_path / "again.txt"
    copy.write_bytes((DATA / "wos_plain.txt").read_bytes())
    rs = read_records([DATA / "wos_plain.txt", copy])
    assert rs.n_records == 6
    dup = [p for p in rs.problems if p.kind == "duplicate_id" and p.file == "again.txt"]
    across = [p for p in dup if "already read at wos_plain.txt" in p.message]
    assert len(across) == 6 and across[0].message.endswith("already read at wos_plain.txt:3")
    assert len(dup) == 7  # and the copy's own second WOS:...001 at line 44


def test_records_table_read_back(tmp_path):
    from innoscope.scientometrics.read import write_records

    rs = read_records([DATA / "scopus.csv"])
    path = write_records(rs, tmp_path / "r.parquet")
    again = read_records([path])
    assert again.table["record_id"].tolist() == rs.table["record_id"].tolist()
    assert again.table["frac"].tolist() == rs.table["frac"].tolist()


def test_records_without_an_id_are_named_by_file_and_line(tmp_path):
    f = tmp_path / "noid.txt"
    f.write_text("PT J\nAU A, B\nC1 [A, B] Univ Tokyo, Tokyo, Japan.\nPY 2020\nER\n", encoding="utf-8")
    rs = read_records([f])
    assert rs.table["record_id"].tolist() == ["noid.txt:1"]
    assert [p.kind for p in rs.problems] == ["no_id"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "E003"),
        (b"just,some,columns\n1,2,3\n", "E601"),
        (b"\xff\xfe\x00\xd8", "E603"),  # a UTF-16 BOM and a lone surrogate
        (b"\x81\x30\xff\xff\xfe\x80", "E603"),  # neither UTF-8 nor GB18030
        (b"application_id,name\nWO1,x\n", "E604"),  # a patent CSV without filing_date and role
    ],
)
def test_bad_files_are_refused_with_a_code(tmp_path, content, code):
    f = tmp_path / "bad.csv"
    f.write_bytes(content)
    with pytest.raises(InnoscopeError) as e:
        parse_file(f)
    assert e.value.kind.code == code
    assert "bad.csv" in str(e.value)


def test_a_file_of_only_bad_records_is_refused(tmp_path):
    f = tmp_path / "none.txt"
    f.write_text("FN Clarivate\nVR 1.0\nEF\n", encoding="utf-8")
    with pytest.raises(InnoscopeError, match="E602"):
        read_records([f])


def test_gb18030_text_is_read(tmp_path):
    f = tmp_path / "cn.csv"
    text = "application_id,filing_date,role,name,address,country\nCN1,2021-05-05,inventor,王五,上海市浦东新区,CN\n"
    f.write_bytes(text.encode("gb18030"))
    rs = read_records([f])
    assert rs.table["province"].tolist() == ["上海"]


def test_bibliometrix_data_frame_made_by_hand(tmp_path):
    """A small bibliometrix-style frame with the three collections' quirks, written as .rda here."""
    import pandas as pd
    import rdata

    frame = pd.DataFrame(
        {
            "AU": ["CHEN HAIBIN ;JIANG WEI ;", "YANG GC;LI G", "PESTANA MH"],
            "C1": [
                "JIANG, W (REPRINT AUTHOR), 1037 LUOYU RD, WUHAN 430074, PEOPLES R CHINA.;   CHEN, HAIBIN, JIANG, "
                "WEI, HUAZHONG UNIV SCI \\& TECHNOL, SCH ENVIRONM SCI \\& ENGN, WUHAN 430074, PEOPLES R CHINA.",
                "[YANG, GUAN-CAN] INST SCI & TECH INFORMAT CHINA, BEIJING 100038, PEOPLES R CHINA.;   [LI, GANG] "
                "WUHAN UNIV, SCH INFORMAT MANAGEMENT, WUHAN, HUBEI, PEOPLES R CHINA.",
                None,
            ],
            "PY": [2017.0, 2015.0, 2019.0],
            "SO": ["JOURNAL OF CLEANER PRODUCTION", "SCIENTOMETRICS", "TOURISM MANAGEMENT PERSPECTIVES"],
            "DT": ["ARTICLE ", "ARTICLE", "ARTICLE"],
            "UT": ["ISI000388775200040", "WOS:000365130100001", "WOS:000477800800034"],
        }
    )
    frame = frame.astype({c: object for c in frame.columns if c != "PY"})  # rdata writes numpy-backed columns
    path = tmp_path / "small.rda"
    rdata.write_rda(str(path), {"small": frame})
    rs = read_records([path])
    t = rs.table
    assert t["record_id"].unique().tolist() == ["ISI000388775200040", "WOS:000365130100001", "WOS:000477800800034"]
    assert t["line"].unique().tolist() == [1, 2, 3]  # R's row numbers
    first = t[t.record_id == "ISI000388775200040"]
    assert first["address"].tolist() == [
        "HUAZHONG UNIV SCI & TECHNOL, SCH ENVIRONM SCI & ENGN, WUHAN 430074, PEOPLES R CHINA"
    ]
    assert first["authors_at_address"].tolist() == ["CHEN HAIBIN; JIANG WEI"]
    assert (first["n_authors"].iloc[0], first["doc_type"].iloc[0]) == (2, "ARTICLE")
    second = t[t.record_id == "WOS:000365130100001"]
    assert second["province"].tolist() == ["北京", "湖北"]
    assert second["author_frac"].tolist() == [0.5, 0.5]
    assert [(p.line, p.kind) for p in rs.problems] == [(3, "no_address")]
