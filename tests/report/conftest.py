"""A small evaluation of five provinces with hand-known numbers, built, audited and with a stored document.

Data (2021-2023, min-max per year, equal weights):

* 2021: 北京 leads every indicator, 上海 is second in every one;
* 2022 and 2023: 上海 leads every indicator (index score 100, rank 1: a streak of
  2 years at the top, a record rank in 2022); in 2023 江苏 passes 广东 (3rd → 4th);
* 上海 2023: 30519 invention patents (2022: 21789 → +40.1%; of a total of 100000 → 30.5%),
  235000 high-tech firms (23.5万家; 2022: 200000 → +17.5%; of 905000 → 26.0%), 3137 亿元 of technology
  contracts (2022: 2761 → +13.6%; of 10637 → 29.5%), R&D intensity 4.21% (2022: 3.91% → +0.30 points).
"""

from __future__ import annotations

import hashlib
import textwrap

import pandas as pd
import pytest

UNITS = ["北京", "上海", "江苏", "浙江", "广东"]
#                 pat                     firms                              contracts             rd
DATA = {
    2021: {
        "pat": [20000, 15000, 14000, 9000, 12000],
        "firms": [180000, 150000, 140000, 90000, 120000],
        "contracts": [2500, 2400, 1500, 900, 1200],
        "rd": [4.0, 3.8, 2.9, 2.8, 3.1],
    },
    2022: {
        "pat": [21000, 21789, 15000, 10000, 19000],
        "firms": [190000, 200000, 160000, 100000, 170000],
        "contracts": [2700, 2761, 1600, 1000, 1500],
        "rd": [3.8, 3.91, 3.0, 2.9, 3.4],
    },
    2023: {
        "pat": [25000, 30519, 18000, 11000, 15481],
        "firms": [200000, 235000, 180000, 120000, 170000],
        "contracts": [3000, 3137, 1700, 1200, 1600],
        "rd": [4.0, 4.21, 3.1, 3.0, 3.05],
    },
}

FRAMEWORK = textwrap.dedent("""\
    name: 区域科技创新评价（测试）
    notes: 四项指标，两个维度。
    nodes:
      - {code: I, name: {en: S&T innovation index, zh: 综合科技创新水平指数}}
      - {code: INP, parent: I, name: {en: S&T inputs, zh: 科技活动投入}}
      - {code: OUT, parent: I, name: {en: S&T outputs, zh: 科技活动产出}}
      - {code: contracts, parent: INP, unit: 亿元, name: {en: Technology contracts, zh: 技术合同成交额},
         phrases: [技术合同成交额, Technology contracts]}
      - {code: rd, parent: INP, unit: "%", name: {en: R&D intensity, zh: 研发投入强度},
         phrases: [研发投入强度, R&D intensity], notes: "official: R&D经费投入强度"}
      - {code: pat, parent: OUT, unit: 件, name: {en: Invention patents granted, zh: 发明专利授权},
         phrases: [发明专利授权, Invention patents granted]}
      - {code: firms, parent: OUT, unit: 家, name: {en: High-tech firms, zh: 高新技术企业},
         phrases: [高新技术企业, High-tech firms]}
    """)

DOCUMENT = "2023年，上海获发明专利授权30519件，同比增长40.1%。全市技术合同成交额3137亿元，占全国总数的6.8%。\n"


def write_workspace(root, data=DATA) -> None:
    rows = ["unit,year,pat,firms,contracts,rd"]
    for year, cols in data.items():
        for i, u in enumerate(UNITS):
            rows.append(",".join([u, str(year)] + [str(cols[c][i]) for c in ("pat", "firms", "contracts", "rd")]))
    (root / "data.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "fw.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (root / "innoscope.yaml").write_text(
        "name: 测试评价\ndata: {file: data.csv, unit: unit, period: year}\nframework: fw.yaml\n", encoding="utf-8"
    )


@pytest.fixture(scope="session")
def evaluation(tmp_path_factory):
    """(store path, Build, audit id, document id) of the five-province evaluation."""
    from innoscope.store import AuditRecord, Store
    from innoscope.text import extract_facts
    from innoscope.workspace import build_workspace, load_workspace

    root = tmp_path_factory.mktemp("eval")
    write_workspace(root)
    b = build_workspace(load_workspace(root))
    intervals = pd.DataFrame(
        {
            "unit": UNITS,
            "nominal_rank": [2, 1, 4, 5, 3],
            "median_rank": [2.0, 1.5, 4.0, 5.0, 3.0],
            "mean_rank": [2.1, 1.6, 3.9, 4.9, 3.1],
            "q05_rank": [1.0, 1.0, 3.0, 4.0, 2.0],
            "q95_rank": [3.0, 2.0, 5.0, 5.0, 4.0],
            "nominal_score": [None] * 5,
        }
    )
    doc_id = hashlib.sha256(DOCUMENT.encode()).hexdigest()
    with Store(root / "innoscope.duckdb") as store:
        audit = store.save_audit(
            AuditRecord(b.run_id, "uncertainty", 2023, 500, 7, "local", {"weights": {"noise": 0.25}}, {}, intervals)
        )
        facts = extract_facts(DOCUMENT, "shanghai.txt")
        store.save_document(doc_id, "shanghai.txt", "shanghai.txt", "txt", "zh", len(DOCUMENT), facts)
    return root / "innoscope.duckdb", b, audit, doc_id
