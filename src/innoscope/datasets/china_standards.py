"""Standard values of the China regional S&T framework, by one stated rule.

The official evaluation divides each indicator by its standard value and caps
the result at 100.  The current report's standard values are not public; its
predecessor (全国科技进步统计监测指标体系) published some.  A standard value is
meant as a level of attainment ahead of the nation; the rule keeps it so in
every year evaluated (2011-2023):

1. where the predecessor system published a standard value for the quantity an
   indicator measures (``PUBLISHED``) and the nation stays below it in every
   year of the window, that value;
2. otherwise ``multiple`` (2) x the highest national (全国) value of the window
   — the latest year's for the series that grow.

So no indicator saturates for the nation as the series grow, and the
published values the nation has passed (most were set two decades ago) are
replaced, openly.  Nothing in the rule looks at provinces, let alone at who
ranks where; values are rounded to three significant digits.  Published
values whose official indicator measures another quantity than the
framework's stand-in (per employed person instead of per resident, all
industry instead of high-tech industry) are not used; ``NOT_APPLIED`` says why.

>>> import pandas as pd
>>> nat = pd.DataFrame({2015: [2.07, 1.8, 300.0], 2016: [2.11, 2.3, 310.0]},
...                    index=["rd_intensity", "st_budget_share", "tech_sold_per_10k"])
>>> standard_values(nat)[["standard", "rule"]].to_dict("index")  # doctest: +NORMALIZE_WHITESPACE
{'rd_intensity': {'standard': 2.5, 'rule': 'published'},
 'st_budget_share': {'standard': 5.0, 'rule': 'published'},
 'tech_sold_per_10k': {'standard': 620.0, 'rule': 'published value passed in 2015; 2 x national max (2016)'}}
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

__all__ = ["NOT_APPLIED", "PUBLISHED", "VARIANTS", "Published", "round_sig", "standard_values", "standard_variants"]


@dataclass(frozen=True)
class Published:
    """A standard value the predecessor system published, for the official indicator named."""

    official: str
    value: float


PUBLISHED: dict[str, Published] = {
    "rd_intensity": Published("R&D经费支出与GDP比值 (%)", 2.5),
    "st_budget_share": Published("地方财政科技拨款占地方财政支出比重 (%)", 5.0),
    "researchers_per_10k": Published("万人R&D科学家和工程师数 (人年/万人; 科学家和工程师 is today's 研究人员)", 10.0),
    "tech_sold_per_10k": Published("万人技术成果成交额 (万元/万人)", 200.0),
    "tech_bought_per_10k": Published("万人吸纳技术成果金额 (万元/万人)", 200.0),
}

NOT_APPLIED: dict[str, str] = {
    "企业R&D经费占产品销售收入 6%": "hitech_rd_revenue covers high-tech industry only, not all enterprises",
    "万名R&D人员科技论文 5000篇": "sci_papers_per_10k counts SCI papers per resident, not all papers per R&D person",
    "万名就业人员专利申请量 100件": "patent_apps_per_10k is per resident; no employment series is in the data",
    "万名就业人员发明专利拥有量 8件": "inv_valid_per_10k is per resident; no employment series is in the data",
    "高技术产业增加值占工业增加值 30%": "hitech_revenue_gdp is revenue relative to GDP; no value-added series",
    "新产品销售收入占比 40%": "hitech_newprod_share covers high-tech industry only, not all industry",
    "高技术产品出口占商品出口 40%": "no commodity-export series is in the data (no indicator)",
    "知识密集型服务业增加值占GDP 30%": "no service-industry series is in the data (no indicator)",
}


def round_sig(x: float, digits: int = 3) -> float:
    """``x`` rounded to ``digits`` significant digits.

    >>> round_sig(1234.5), round_sig(0.012345)
    (1230.0, 0.0123)
    """
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def standard_values(
    national: pd.DataFrame, multiple: float = 2.0, published: Literal["ahead", "always", "never"] = "ahead"
) -> pd.DataFrame:
    """The standard value of every indicator in ``national`` (indicator x year, see ``national_values``).

    The window is ``national``'s columns.  ``published`` says when a published
    value is used: ``ahead`` (the rule: while the nation stays below it),
    ``always`` (wherever one exists) or ``never`` (the multiple everywhere) —
    the last two are the alternatives of the uncertainty analysis.  Returns a table indexed by
    indicator: ``standard``, ``rule`` (which branch set it and why),
    ``published`` (where there is a published value), ``national`` and
    ``national_year`` (the highest national value of the window and its year).
    """
    rows = {}
    for code, series in national.iterrows():
        s = series.dropna().astype(float)
        year = int(s.idxmax()) if len(s) else None
        top = float(s.max()) if len(s) else float("nan")
        pub = PUBLISHED.get(str(code)) if published != "never" else None
        label = f"{multiple:g} x national max ({year})"
        if pub is not None and (top < pub.value or published == "always"):
            value, rule = pub.value, "published"
        else:
            value = round_sig(multiple * top)
            if pub is None:
                rule = label
            else:
                passed = int(s[s >= pub.value].index.min())
                rule = f"published value passed in {passed}; {label}"
        rows[code] = {
            "standard": value,
            "rule": rule,
            "published": pub.value if pub is not None else float("nan"),
            "national": top,
            "national_year": year,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


VARIANTS: dict[str, dict] = {
    "rule": {},
    "published_always": {"published": "always"},
    "multiple_1.5": {"multiple": 1.5},
    "multiple_3": {"multiple": 3.0},
}


def standard_variants(national: pd.DataFrame) -> dict[str, dict[str, float]]:
    """The standard values of every rule variant in ``VARIANTS``: name -> {indicator: standard}.

    These are the standard-value alternatives of the uncertainty analysis
    (``examples/china``): the stated rule, published values wherever they
    exist, and the multiple at 1.5 and 3.
    """
    return {name: standard_values(national, **kw)["standard"].to_dict() for name, kw in VARIANTS.items()}
