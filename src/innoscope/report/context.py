"""The sentence models: what a report says about a unit, as data, from the results layer alone.

:func:`sentence_models` asks :class:`~innoscope.results.Results` everything the
templates word — the unit's score and rank on the index and each dimension with
the movement on the period before, streaks, records, tier, strengths and
weaknesses, headline indicators (value, growth, share of the total), the biggest
movers, rank intervals of a stored audit, the unit's facts, and the methods —
and gives every number as a :class:`~innoscope.report.book.Num` with its source.
Nothing here words a sentence; the templates do.
"""

from __future__ import annotations

import math
from typing import Any

from innoscope.errors import E, InnoscopeError
from innoscope.provenance import Derived, FactSpan, FileRow, ScoreRef
from innoscope.report import numfmt
from innoscope.report.book import Book, Num
from innoscope.results import Movement, NodeInfo, Results, RunInfo, UnitInfo

__all__ = ["MAX_INDICATORS", "display_name", "resolve_unit", "sentence_models"]

MAX_INDICATORS = 20  # headline indicators: all of them up to this many, else the unit's most telling ones
MAX_FACTS = 8
_INPUT_WORDS = {  # the audit's uncertain inputs, as the uncertainty section names them
    "zh": {
        "normalise": "标准化方法",
        "weights": "权重",
        "aggregate": "加总方法",
        "impute": "缺失值插补",
        "treat": "异常值处理",
        "winmax": "异常值处理",
        "screen": "数据筛选",
        "denominate": "指标折算",
    },
    "en": {
        "normalise": "normalisation",
        "weights": "weights",
        "aggregate": "aggregation",
        "impute": "imputation",
        "treat": "outlier treatment",
        "winmax": "outlier treatment",
        "screen": "screening",
        "denominate": "denominators",
    },
}
MIN_GAP = 3  # places between a node's rank and the overall rank that make a strength or weakness


def _english_names() -> dict[str, str]:
    from innoscope.geo.places import ENGLISH

    out: dict[str, str] = {}
    for en, zh in ENGLISH.items():
        if en not in ("Xizang", "Macau"):
            out.setdefault(zh, en)
    return out


def _has_cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def display_name(u: UnitInfo, lang: str) -> str:
    """The unit's name as a report in ``lang`` writes it (上海 / Shanghai)."""
    if lang == "zh":
        return u.code if _has_cjk(u.code) else u.name
    names = _english_names()
    for key in (u.code, u.name):
        if key in names:
            return names[key]
    return u.name if u.name.isascii() else u.code


def resolve_unit(units: list[UnitInfo], wanted: str, where: str) -> UnitInfo:
    """The unit named by its code, its name or its English name; else E407 listing the run's units."""
    for u in units:
        if wanted in (u.code, u.name) or wanted.casefold() == display_name(u, "en").casefold():
            return u
    shown = ", ".join(f"{u.code}" + (f" ({u.name})" if u.name != u.code else "") for u in units[:40])
    raise InnoscopeError(
        E.NOT_IN_RUN, where=where, detail=f"unit {wanted!r}; the run has: {shown}{' ...' if len(units) > 40 else ''}"
    )


class _Models:
    """Builds the numbers of one report (a helper of :func:`sentence_models`)."""

    def __init__(self, res: Results, info: RunInfo, unit: UnitInfo, period: Any, lang: str, book: Book) -> None:
        self.res, self.info, self.unit, self.period, self.lang, self.book = res, info, unit, period, lang, book
        self.rid = info.run_id
        self.nodes = {n.code: n for n in res.nodes(self.rid)}
        self.units = {u.code: u for u in res.units(self.rid)}
        self.years = all(isinstance(p, int) for p in info.periods)

    # --- numbers ---------------------------------------------------------
    def ref(self, node: str, unit: str | None = None, period: Any = None) -> ScoreRef:
        return ScoreRef(self.rid, node, unit or self.unit.code, str(self.period if period is None else period))

    def score(self, value: float, node: str, unit: str | None = None, period: Any = None) -> Num:
        text, v = numfmt.decimal(value, self.lang, 2)
        return self.book.num(text, v, "score", self.ref(node, unit, period))

    def rank(self, value: int, node: str, unit: str | None = None, period: Any = None, bare: bool = False) -> Num:
        text, v = numfmt.rank(value, self.lang)
        if bare:
            text = str(int(value))
        return self.book.num(text, v, "rank", self.ref(node, unit, period))

    def derived(self, text: str, value: float | int, formula: str, *inputs) -> Num:
        return self.book.num(text, value, "derived", Derived(formula, tuple(inputs)))

    def count(self, n: int, formula: str, *inputs) -> Num:
        return self.derived(numfmt.decimal(n, self.lang, 0)[0], int(n), formula, *inputs)

    def period_num(self, p: Any, node: str | None = None) -> Num:
        text = str(p)
        value = int(p) if isinstance(p, int) else p
        return self.derived(text, value, f"period of run {self.rid}", self.ref(node or self.info.root, period=p))

    def name(self, code: str) -> Any:
        """A node's name; one with digits in it is quoted from the framework, its numbers sourced there."""
        from innoscope.text.numbers import parse_number

        text = self.nodes[code].name(self.lang)
        if not any(ch.isdigit() for ch in text):
            return text
        file = self.framework_file()
        src = Derived(f"name of {code}", (FileRow(file, self.info.inputs.get(file), None, None, f"{code}.name"),))
        return self.book.quote(text, lambda i, j: src, "derived", parse_number)

    def framework_file(self) -> str:
        return next((p for p in self.info.inputs if p.endswith((".yaml", ".yml", ".csv", ".xlsx"))), "framework")

    # --- movement of one node ---------------------------------------------
    def standing(self, node: str) -> dict[str, Any] | None:
        every = self.res.movement(self.rid, node=node, period=self.period)
        moves = [m for m in every if m.unit == self.unit.code]
        if not moves or moves[0].rank is None:
            return None
        m: Movement = moves[0]
        n_ranked = sum(1 for r in every if r.rank is not None)
        out: dict[str, Any] = {
            "code": node,
            "name": self.name(node),
            "score": self.score(m.score, node) if m.score is not None else None,
            "rank": self.rank(m.rank, node),
            "rank_value": m.rank,
            "units": self.count(n_ranked, f"units ranked on {node} in {self.period}, run {self.rid}"),
            "previous_period": None,
            "change": None,
            "direction": None,
        }
        if m.previous_rank is not None:
            prev = m.previous_period
            out["previous_period"] = self.period_num(prev, node)
            out["previous_rank"] = self.rank(m.previous_rank, node, period=prev)
            ch = m.change or 0
            out["direction"] = "up" if ch > 0 else "down" if ch < 0 else "same"
            if ch:
                out["change"] = self.derived(
                    f"{abs(ch)}位" if self.lang == "zh" else str(abs(ch)),
                    abs(ch),
                    f"rank in {prev} − rank in {self.period}",
                    self.ref(node, period=prev),
                    self.ref(node),
                )
                out["change_value"] = ch
            if m.score_change is not None:
                sc = m.score_change
                text, v = numfmt.decimal(abs(sc), self.lang, 2)
                out["score_change"] = self.derived(
                    text, v, f"score in {self.period} − score in {prev}", self.ref(node), self.ref(node, period=prev)
                )
                out["score_direction"] = "up" if sc > 0.005 else "down" if sc < -0.005 else "same"
        return out

    def streak(self, node: str) -> dict[str, Any] | None:
        s = self.res.streak(self.rid, self.unit.code, node, self.period)
        if s.length < 2:
            return None
        i = list(self.info.periods).index(self.period)
        refs = [self.ref(node, period=p) for p in self.info.periods[i - s.length + 1 : i + 1]]
        return {
            "length": self.derived(str(s.length), s.length, f"consecutive periods at rank {s.rank}", *refs),
            "rank": self.rank(s.rank, node),
            "top": s.rank == 1,
            "since": self.period_num(s.since, node),
        }

    def records(self, node: str) -> list[dict[str, Any]]:
        out = []
        for r in self.res.records(self.rid, self.unit.code, node, self.period):
            out.append(
                {
                    "what": r.what,
                    "direction": r.direction,
                    "periods": self.count(r.periods, f"periods compared, {self.info.periods[0]}–{self.period}"),
                    "first": self.period_num(self.info.periods[0], node),
                }
            )
        return out

    # --- tier -----------------------------------------------------------------
    def tier(self) -> dict[str, Any]:
        floor = 50.0 if self.info.settings.get("normalise", {}).get("method") == "standard" else None
        t = self.res.tier(self.rid, self.unit.code, period=self.period, floor=floor)
        root = self.info.root
        members = [display_name(self.units[c], self.lang) for c in t.members if c in self.units]
        mean_text, mean_v = numfmt.decimal(t.mean, self.lang, 2)
        return {
            "tier": t.tier,
            "mean": self.derived(mean_text, mean_v, f"mean {root} score of the {t.units} units, {self.period}"),
            "floor": None if floor is None else self.derived(numfmt.decimal(floor, self.lang, 0)[0], 50, "tier floor"),
            "members": members,
            "size": self.count(len(members), f"units in tier {t.tier}"),
            "scale": "standard" if floor is not None else "relative",
        }

    # --- indicators -------------------------------------------------------------
    def indicator(self, code: str) -> dict[str, Any] | None:
        v = self.res.indicator(self.rid, self.unit.code, code, self.period)
        if v.value is None or v.source is None:
            return None
        node: NodeInfo = self.nodes[code]
        ref = {"run_id": self.rid, "unit": self.unit.code, "indicator": code, "period": str(self.period)}
        text, value = numfmt.quantity(v.value, node.unit, self.lang)
        out: dict[str, Any] = {
            "code": code,
            "name": self.name(code),
            "parent": self.name(node.parent) if node.parent else "",
            "parent_code": node.parent or "",
            "value": self.book.num(text, value, "observation", v.source, ref),
            "unit": node.unit or "",
            "percent": numfmt.split_unit(node.unit)[1] == "%",
            "growth": None,
            "points": None,
            "share": None,
            "times_mean": None,
            "rank": None,
            "direction": None,
        }
        obs_src = [v.source] + ([v.previous_source] if v.previous_source is not None else [])
        if out["percent"] and v.change is not None:
            t, x = numfmt.points(v.change, self.lang)
            out["points"] = self.derived(
                t, x, f"{code}: value in {self.period} − value in {v.previous_period}", *obs_src
            )
            out["direction"] = "up" if v.change > 0 else "down" if v.change < 0 else "same"
        elif v.growth_pct is not None:
            t, x = numfmt.percent(abs(v.growth_pct), self.lang)
            out["growth"] = self.derived(
                t, x, f"{code}: value in {self.period} ÷ value in {v.previous_period} − 1, in percent", *obs_src
            )
            out["direction"] = "up" if v.growth_pct > 0 else "down" if v.growth_pct < 0 else "same"
        if v.share_pct is not None:
            t, x = numfmt.percent(v.share_pct, self.lang)
            out["share"] = self.derived(
                t,
                x,
                f"{code}: value ÷ sum over the {v.units} units with a value in {self.period}, in percent",
                v.source,
            )
        elif v.mean and v.mean > 0 and v.value > 0 and not out["percent"]:
            ratio = v.value / v.mean
            t, x = numfmt.decimal(ratio, self.lang, 1)
            out["times_mean"] = self.derived(
                t + ("倍" if self.lang == "zh" else ""), x, f"{code}: value ÷ mean of the {v.units} units", v.source
            )
        if v.rank is not None:
            out["rank"] = self.rank(v.rank, code)
            out["rank_value"] = v.rank
        return out

    def headline_codes(self, strengths: list, weaknesses: list) -> list[str]:
        codes = [c for c, n in self.nodes.items() if n.is_indicator]
        if len(codes) <= MAX_INDICATORS:
            return codes
        chosen = [s.node for s in strengths + weaknesses if self.nodes[s.node].is_indicator]
        return sorted(dict.fromkeys(chosen[:MAX_INDICATORS]), key=codes.index)

    # --- facts ------------------------------------------------------------------
    def facts(self) -> list[dict[str, Any]]:
        from innoscope.text.numbers import parse_number

        names = {self.unit.code, self.unit.name, display_name(self.unit, "zh"), display_name(self.unit, "en")}
        rows = []
        for name in sorted(names):
            rows.extend(self.res.facts(region=name, limit=200).items)
        if not rows:
            return []
        docs = {d.doc_id: d for d in self.res.documents()}
        seen, out = set(), []
        # facts with a change, share or rank first, then in document order
        rows.sort(key=lambda f: (not (f.record.get("change") or f.record.get("share")), f.doc_id, f.idx))
        for f in rows:
            sentence = (f.record.get("sentence") or f.text).strip()
            key = (f.doc_id, sentence)
            if key in seen:
                continue
            seen.add(key)
            offset = sentence.find(f.text)
            base = f.source.start - offset if offset >= 0 else None
            doc = docs.get(f.doc_id)
            doc_name = doc.name if doc else (f.source.doc or f.doc_id[:12])

            def origin(i: int, j: int, f=f, base=base, doc_name=doc_name):
                if base is None:
                    return f.source
                return FactSpan(f.doc_id, base + i, base + j, doc_name)

            quote = self.book.quote(sentence, origin, "fact", parse_number)
            cite = self.book.quote(
                doc_name, lambda i, j, f=f: Derived("the document's name", (f.source,)), "derived", parse_number
            )
            out.append({"quote": quote, "doc": cite, "subject": f.subject, "period": f.record.get("period")})
            if len(out) >= MAX_FACTS:
                break
        return out

    # --- uncertainty --------------------------------------------------------------
    def uncertainty(self) -> dict[str, Any] | None:
        audits = [a for a in self.res.audits(self.rid, "uncertainty") if str(a.period) == str(self.period)]
        if not audits:
            return None
        a = audits[-1]
        mine = [i for i in self.res.intervals(a.audit_id) if i.unit == self.unit.code]
        if not mine:
            return None
        i = mine[0]
        src = Derived(f"uncertainty audit {a.audit_id} of run {self.rid}: {a.runs} runs, seed {a.seed}", ())
        lo, hi = math.floor(i.q05_rank), math.ceil(i.q95_rank)  # the whole ranks the 90% interval spans
        words = _INPUT_WORDS[self.lang]
        out: dict[str, Any] = {
            "audit_id": a.audit_id,
            "inputs": [words.get(k, k) for k in a.settings] or [words["weights"]],
            "runs": self.derived(numfmt.decimal(a.runs, self.lang, 0)[0], a.runs, src.formula),
            "level": self.derived("90%", 90, "5th to 95th percentile of the audit's ranks"),
            "low": self.book.num(
                numfmt.rank(lo, self.lang)[0], lo, "derived", Derived("5th percentile rank, floor", (src,))
            ),
            "high": self.book.num(
                numfmt.rank(hi, self.lang)[0], hi, "derived", Derived("95th percentile rank, ceiling", (src,))
            ),
            "median": self.derived(
                numfmt.decimal(i.median_rank, self.lang, 1)[0], round(i.median_rank, 1), "median rank", src
            ),
            "nominal": self.rank(i.nominal_rank, self.info.root) if i.nominal_rank is not None else None,
            "width": hi - lo,
        }
        sens = [s for s in self.res.audits(self.rid, "sensitivity") if str(s.period) == str(self.period)]
        if sens:
            idx = sorted(self.res.sobol(sens[-1].audit_id), key=lambda s: -s.st)
            if idx:
                top = idx[0]
                t, x = numfmt.decimal(top.st, self.lang, 2)
                out["top_factor"] = {
                    "name": top.factor,
                    "st": self.derived(t, x, f"total Sobol index of {top.factor}, audit {sens[-1].audit_id}"),
                }
        return out

    # --- methods ------------------------------------------------------------------
    def methods(self) -> dict[str, Any]:
        from innoscope.text.numbers import parse_number

        fw_file = self.framework_file()
        sha = self.info.inputs.get(fw_file)

        def origin(i: int, j: int, code: str):
            return Derived(f"quoted from the notes of {code}", (FileRow(fw_file, sha, None, None, f"{code}.notes"),))

        root = self.nodes[self.info.root]
        notes: list[dict[str, Any]] = []
        for code, n in self.nodes.items():
            if n.notes and n.is_indicator:
                notes.append(
                    {
                        "name": self.name(code),
                        "note": self.book.quote(
                            n.notes.strip(), lambda i, j, c=code: origin(i, j, c), "derived", parse_number
                        ),
                    }
                )
        obs = self.res.observations(self.rid, unit=self.unit.code, period=self.period)
        missing = [o for o in obs.items if o.value is None and o.indicator in self.nodes]
        imputed = [o for o in missing if o.imputed is not None]
        s = self.info.settings
        return {
            "framework": root.name(self.lang)
            if not self.info.framework or "/" in self.info.framework or "\\" in self.info.framework
            else self.info.framework,
            "framework_notes": self.book.quote(
                root.notes.strip(), lambda i, j: origin(i, j, root.code), "derived", parse_number
            )
            if root.notes
            else None,
            "indicator_notes": notes,
            "indicators": self.count(
                sum(1 for n in self.nodes.values() if n.is_indicator), "indicators of the framework"
            ),
            "dimensions": self.count(sum(1 for n in self.nodes.values() if n.parent == root.code), "dimensions"),
            "normalise": s.get("normalise", {}).get("method", ""),
            "aggregate": s.get("aggregate", {}).get("method", ""),
            "weights": s.get("weights", {}).get("method", ""),
            "label": self.book.quote(
                self.info.label, lambda i, j: Derived(f"settings of run {self.rid}", ()), "derived", parse_number
            ),
            "run_id": self.count(self.rid, "run id"),
            "created": self.info.created_at.strftime("%Y-%m-%d"),
            "first": self.period_num(self.info.periods[0]),
            "last": self.period_num(self.info.periods[-1]),
            "missing": self.count(len(missing), f"observations of {self.unit.code} missing in run {self.rid}"),
            "imputed": self.count(len(imputed), f"observations of {self.unit.code} imputed in run {self.rid}"),
            "inputs": [{"file": p.rsplit("/", 1)[-1], "sha256": h[:12]} for p, h in self.info.inputs.items()],
        }

    # --- movers ---------------------------------------------------------------------
    def movers(self) -> dict[str, list[dict[str, Any]]]:
        up, down = self.res.movers(self.rid, self.info.root, self.period)
        root = self.info.root

        def row(m: Movement) -> dict[str, Any]:
            ch = abs(m.change or 0)
            return {
                "name": display_name(self.units[m.unit], self.lang) if m.unit in self.units else m.unit,
                "is_unit": m.unit == self.unit.code,
                "rank": self.rank(m.rank, root, m.unit),
                "change": self.derived(
                    f"{ch}位" if self.lang == "zh" else str(ch),
                    ch,
                    f"rank of {m.unit} in {m.previous_period} − rank in {self.period}",
                    ScoreRef(self.rid, root, m.unit, str(m.previous_period)),
                    ScoreRef(self.rid, root, m.unit, str(self.period)),
                ),
            }

        return {"up": [row(m) for m in up], "down": [row(m) for m in down]}


def sentence_models(
    res: Results, unit: str, period: Any = None, lang: str = "zh", run_id: int | None = None, book: Book | None = None
) -> tuple[dict[str, Any], Book]:
    """Everything the templates word about ``unit`` in ``period`` (the latest it was ranked) of a run."""
    book = book or Book()
    info = res.run(run_id)
    u = resolve_unit(res.units(info.run_id), unit, f"run {info.run_id}")
    ranked = [p for p in info.periods if res.score_frame(info.run_id, info.root, u.code, p)["rank"].notna().any()]
    if period is None:
        if not ranked:
            raise InnoscopeError(E.NOT_IN_RUN, where=f"run {info.run_id}", detail=f"{u.code} is ranked in no period")
        period = ranked[-1]
    else:
        have = [str(p) for p in ranked]
        if str(period) not in have:
            raise InnoscopeError(
                E.NOT_IN_RUN,
                where=f"run {info.run_id}",
                detail=f"period {period!r} for {u.code}; the run ranks it in: {', '.join(have)}",
            )
        period = ranked[have.index(str(period))]
    m = _Models(res, info, u, period, lang, book)
    root = info.root
    dims = [c for c, n in m.nodes.items() if n.parent == root]
    strengths = res.strengths(info.run_id, u.code, period, min_gap=MIN_GAP)
    strong = [s for s in strengths if s.gap > 0]
    weak = sorted((s for s in strengths if s.gap < 0), key=lambda s: s.gap)

    def sw(s) -> dict[str, Any]:
        return {
            "name": m.name(s.node),
            "is_indicator": m.nodes[s.node].is_indicator,
            "rank": m.rank(s.rank, s.node),
            "gap": m.derived(
                str(abs(s.gap)), abs(s.gap), f"rank on {root} − rank on {s.node}", m.ref(root), m.ref(s.node)
            ),
        }

    indicators = [x for x in (m.indicator(c) for c in m.headline_codes(strong, weak)) if x is not None]
    groups: dict[str, dict[str, Any]] = {}
    for x in indicators:
        groups.setdefault(x["parent_code"], {"name": x["parent"], "indicators": []})["indicators"].append(x)
    codes = set(m.units)
    from innoscope.geo.places import PROVINCES

    provinces = codes <= set(PROVINCES)
    context = {
        "lang": lang,
        "unit": display_name(u, lang),
        "unit_code": u.code,
        "period": m.period_num(period),
        "years": m.years,
        "scope": ("全国" if provinces else "全部评价对象")
        if lang == "zh"
        else ("national" if provinces else "all-unit"),
        "total": ("全国总数" if provinces else "全部评价对象总量")
        if lang == "zh"
        else ("the national total" if provinces else "the total of all units"),
        "noun": ("省份" if provinces else "评价对象") if lang == "zh" else ("provinces" if provinces else "units"),
        "index": m.standing(root),
        "streak": m.streak(root),
        "records": m.records(root),
        "tier": m.tier(),
        "dimensions": [x for x in (m.standing(d) for d in dims) if x is not None],
        "dimension_streaks": {d: m.streak(d) for d in dims},
        "strengths": [sw(s) for s in strong[:6]],
        "weaknesses": [sw(s) for s in weak[:6]],
        "indicators": indicators,
        "indicator_groups": list(groups.values()),
        "gap_threshold": m.derived(str(MIN_GAP), MIN_GAP, "places from the overall rank that make a strength"),
        "movers": m.movers(),
        "uncertainty": m.uncertainty(),
        "facts": m.facts(),
        "methods": m.methods(),
        "run_id": info.run_id,
    }
    return context, book
