"""Whether a number is a result, an estimate or a target, from the words around it.

A marker counts in the stretch of the sentence between the previous fact and
this one (the nearest marker wins); a fact with no marker of its own takes the
status of the fact before it in the sentence, else its section's (a planning
section's numbers are targets), else ``actual``.  Words that state what already
exists (``拥有``, ``已``, ``累计``) make a number in a planning section an actual.

>>> marker("预计全省研发经费支出约", "", "zh"), marker("力争规模化供水工程覆盖率超", "", "zh")
('estimate', 'target')
>>> marker("城镇新增就业超143万人、超额完成国家下达的", "年度任务", "zh")
'target'
>>> marker("President Biden's budget proposal for FY2024 includes approximately ", "", "en")
'target'
>>> marker(" above the FY2023 estimated level of ", "", "en"), marker("In FY2023, six agencies received ", "", "en")
('estimate', None)
"""

from __future__ import annotations

import re

__all__ = ["marker"]

_ZH = re.compile(
    r"(?P<estimate>预计|预估|估计|初步统计|初步核算|初步测算|预测)"
    r"|(?P<target>预期目标|目标(?:是|为|值|[：:])|力争|确保|年度计划|计划(?:投资|完成|新增|实施|建设|开工|安排|到)|拟|"
    r"到20\d\d年|力求|要达到|将达到)"
    r"|(?P<actual>拥有|现有|已有|已经|已|目前|实时|累计|共有|排名|位居|居全国|居全球)"
)
_ZH_AFTER = re.compile(r"^[^，。；;,]{0,4}?(?:的)?(?:年度目标|年度任务|目标任务|预期目标|目标)")
_EN = re.compile(
    r"\b(?:(?P<estimate>estimated?|estimates|projected|projections?|forecasts?|preliminary|provisional|expected)"
    r"|(?P<target>targets?|targeted|aims?|aimed|goals?|objectives?|plans? to|planned|will|would|shall|"
    r"proposals?|proposed|proposes|requests?|requested|budgets? (?:for|of)|to reach|by 20\d\d)"
    r"|(?P<actual>actual|actually|enacted|reached|recorded|achieved))\b",
    re.I,
)


def marker(before: str, after: str, lang: str) -> str | None:
    """The status the words ``before`` a number (nearest first) and just ``after`` it state, if any."""
    if lang == "zh":
        if _ZH_AFTER.search(after):
            return "target"
        pattern = _ZH
    else:
        pattern = _EN
    last = None
    for m in pattern.finditer(before):
        last = m
    if last is None:
        return None
    return last.lastgroup
