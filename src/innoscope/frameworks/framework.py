"""The framework: a tree index -> sub-indices -> pillars -> indicators.

A :class:`Framework` is immutable and validated on construction: unique
codes, one root, no orphan and no cycle, weights finite and >= 0 and not all
zero among siblings, directions +1 or -1, and (where levels are given) every
parent above its children.  Leaves are indicators; every other node is an
aggregate.  Levels count from the indicators up (indicators are level 1, an
aggregate is one above its highest child) unless the source states them, as
COINr's ``iMeta`` does.  Uneven depth is allowed.

An aggregate combines its children by the settings' aggregation method unless
it declares the rule ``ratio``: its score is then its first child's score
divided by its second child's (weights play no part).  A ratio node may
instead name its two operands anywhere in the tree with ``of`` (numerator
first); it then has no parent and no children and stands beside the index,
scored and ranked like any node — the GII's efficiency ratio is
``Node("ER", None, rule=Rule.RATIO, of=("OUT", "IN"))``.

>>> fw = Framework.from_nodes([
...     Node("Index", None), Node("A", "Index"), Node("x1", "A"), Node("x2", "A", direction=-1),
...     Node("x3", "Index", weight=2)])
>>> fw.indicators, fw.aggregates, fw.level("Index")
(('x1', 'x2', 'x3'), ('A', 'Index'), 3)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from innoscope.errors import E, InnoscopeError

__all__ = ["Framework", "Node", "Rule"]


class Rule(StrEnum):
    """How an aggregate's score comes from other nodes."""

    MEAN = "mean"  # the settings' aggregation method over its children (the default)
    RATIO = "ratio"  # numerator / denominator: its two children in order, or the two nodes named in `of`


@dataclass(frozen=True)
class Node:
    """One node of the framework; ``parent`` is None for the index (and for a ratio node with ``of``).

    ``low``/``high`` are the goalposts; ``goalpost_scale``, ``goalpost_trunc2posts``,
    ``dist2targ_cap_max`` and ``floor`` state normalisation parameters of this
    indicator (COINr's iMeta columns of the same names; ``floor`` bounds the
    standard-value method at 0); None leaves them to the settings.
    """

    code: str
    parent: str | None
    name_en: str = ""
    name_zh: str = ""
    weight: float = 1.0
    direction: int = 1
    unit: str | None = None
    target: float | None = None
    low: float | None = None
    high: float | None = None
    denominator: str | None = None
    scale: float = 1.0
    level: int | None = None
    phrases: tuple[str, ...] = ()
    notes: str = ""
    measure: str | None = None  # the panel measure this indicator reads (innoscope.panel.measures)
    rule: Rule = Rule.MEAN
    of: tuple[str, ...] = ()
    goalpost_scale: float | None = None
    goalpost_trunc2posts: bool | None = None
    dist2targ_cap_max: bool | None = None
    floor: bool | None = None

    @property
    def name(self) -> str:
        return self.name_en or self.name_zh or self.code


@dataclass(frozen=True)
class Framework:
    """A validated framework tree; build it with :meth:`from_nodes`."""

    nodes: tuple[Node, ...]
    name: str = ""
    source: str = ""
    groups: tuple[str, ...] = ()  # unit-group columns the framework declares (COINr "Group" rows)
    _by_code: dict[str, Node] = field(default_factory=dict, repr=False, compare=False)
    _children: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_nodes(
        cls, nodes: Iterable[Node], name: str = "", source: str = "", groups: Iterable[str] = ()
    ) -> Framework:
        """Validate ``nodes`` and build the tree (levels filled in)."""
        nodes = tuple(nodes)
        where = source or "framework"
        by_code: dict[str, Node] = {}
        for n in nodes:
            if not n.code:
                raise InnoscopeError(E.FRAMEWORK_FIELD, where=where, detail="a node has an empty code")
            if n.code in by_code:
                raise InnoscopeError(E.FRAMEWORK_DUPLICATE, where=where, detail=f"node {n.code!r}")
            by_code[n.code] = n
        roots = [n.code for n in nodes if n.parent is None and not n.of]
        if len(roots) != 1:
            raise InnoscopeError(
                E.FRAMEWORK_ROOT, where=where, detail=f"found {len(roots)} root(s): {', '.join(roots) or 'none'}"
            )
        children: dict[str, list[str]] = {n.code: [] for n in nodes}
        for n in nodes:
            if n.parent is None:
                continue
            if n.parent not in by_code:
                raise InnoscopeError(E.FRAMEWORK_ORPHAN, where=f"{where}: node {n.code}", detail=f"parent {n.parent!r}")
            children[n.parent].append(n.code)
        _check_cycles(by_code, where)
        for n in nodes:
            _check_node(n, where, is_leaf=not children[n.code])
            _check_rule(n, by_code, children, where)
        for code, kids in children.items():
            if kids and by_code[code].rule is Rule.MEAN and not any(by_code[k].weight > 0 for k in kids):
                raise InnoscopeError(E.BAD_WEIGHT, where=f"{where}: children of {code}", detail="all weights are zero")
        levels = _levels(by_code, children, where)
        nodes = tuple(replace(n, level=levels[n.code]) for n in nodes)
        fw = cls(nodes=nodes, name=name, source=source, groups=tuple(groups))
        object.__setattr__(fw, "_by_code", {n.code: n for n in nodes})
        object.__setattr__(fw, "_children", {k: tuple(v) for k, v in children.items()})
        return fw

    # --- queries ---------------------------------------------------------
    def node(self, code: str) -> Node:
        try:
            return self._by_code[code]
        except KeyError:
            raise InnoscopeError(E.UNKNOWN_INDICATOR, where=self.source or "framework", detail=repr(code)) from None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def children(self, code: str) -> tuple[str, ...]:
        return self._children[code]

    def level(self, code: str) -> int:
        return int(self.node(code).level or 1)

    @property
    def root(self) -> str:
        return next(n.code for n in self.nodes if n.parent is None and not n.of)

    @property
    def indicators(self) -> tuple[str, ...]:
        """Leaf codes, in the order the framework lists them."""
        return tuple(n.code for n in self.nodes if not self._children[n.code] and not n.of)

    @property
    def derived(self) -> tuple[str, ...]:
        """Ratio nodes that name their operands (``of``): scored after the tree, in the order listed."""
        return tuple(n.code for n in self.nodes if n.of)

    @property
    def aggregates(self) -> tuple[str, ...]:
        """Aggregate codes, lowest level first (the order of aggregation)."""
        aggs = [n for n in self.nodes if self._children[n.code]]
        return tuple(n.code for n in sorted(aggs, key=lambda n: n.level or 0))

    @property
    def max_level(self) -> int:
        return max(n.level or 1 for n in self.nodes)

    def with_weights(self, weights: dict[str, float]) -> Framework:
        """A copy with some node weights replaced (validated again)."""
        for code in weights:
            self.node(code)
        nodes = [replace(n, weight=float(weights.get(n.code, n.weight))) for n in self.nodes]
        return Framework.from_nodes(nodes, name=self.name, source=self.source, groups=self.groups)

    def _repr_html_(self) -> str:
        """The nodes as a table, for notebooks."""
        import html

        import pandas as pd

        cols = ["code", "parent", "level", "name_en", "name_zh", "weight", "direction", "unit", "is_indicator"]
        head = (
            f"<p>{html.escape(self.name or 'framework')}: {len(self.indicators)} indicators, "
            f"{len(self.aggregates)} aggregates, {self.max_level} levels</p>"
        )
        return head + pd.DataFrame(self.to_records())[cols].to_html(index=False, na_rep="")

    def with_directions(self, directions: dict[str, int]) -> Framework:
        """A copy with some indicators' directions replaced (validated again)."""
        for code in directions:
            self.node(code)
        nodes = [replace(n, direction=int(directions.get(n.code, n.direction))) for n in self.nodes]
        return Framework.from_nodes(nodes, name=self.name, source=self.source, groups=self.groups)

    def to_records(self) -> list[dict]:
        """Plain rows, one per node, for storing and display."""
        return [
            {
                "code": n.code,
                "parent": n.parent,
                "level": n.level,
                "name_en": n.name_en,
                "name_zh": n.name_zh,
                "weight": n.weight,
                "direction": n.direction,
                "unit": n.unit,
                "target": n.target,
                "denominator": n.denominator,
                "measure": n.measure,
                "is_indicator": not self._children[n.code] and not n.of,
                "low": n.low,
                "high": n.high,
                "scale": n.scale,
                "phrases": list(n.phrases),
                "notes": n.notes,
                "rule": n.rule.value,
                "of": list(n.of),
                "goalpost_scale": n.goalpost_scale,
                "goalpost_trunc2posts": n.goalpost_trunc2posts,
                "dist2targ_cap_max": n.dist2targ_cap_max,
                "floor": n.floor,
            }
            for n in self.nodes
        ]

    @classmethod
    def from_records(cls, records: Iterable[dict], name: str = "", source: str = "") -> Framework:
        """Rebuild a framework from :meth:`to_records` rows (as a store keeps them).

        >>> fw = Framework.from_nodes([Node("I", None), Node("x", "I", name_zh="投入", weight=2)], name="t")
        >>> Framework.from_records(fw.to_records(), name="t") == fw
        True
        >>> er = Framework.from_nodes([*fw.nodes, Node("R", None, rule=Rule.RATIO, of=("x", "I"))], name="t")
        >>> Framework.from_records(er.to_records(), name="t") == er
        True
        """
        known = {f for f in Node.__dataclass_fields__}
        nodes = []
        for r in records:
            fields = {k: v for k, v in r.items() if k in known}
            if "phrases" in fields:
                fields["phrases"] = tuple(fields["phrases"] or ())
            fields["of"] = tuple(fields.get("of") or ())
            fields["rule"] = Rule(fields.get("rule") or Rule.MEAN)
            for k in ("scale", "weight"):
                if fields.get(k) is None:
                    fields.pop(k, None)
            fields["notes"] = fields.get("notes") or ""
            fields["name_en"] = fields.get("name_en") or ""
            fields["name_zh"] = fields.get("name_zh") or ""
            nodes.append(Node(**fields))
        return cls.from_nodes(nodes, name=name, source=source)


def _check_node(n: Node, where: str, is_leaf: bool) -> None:
    w = n.weight
    if not isinstance(w, int | float) or not math.isfinite(w) or w < 0:
        raise InnoscopeError(E.BAD_WEIGHT, where=f"{where}: node {n.code}", detail=f"weight {w!r}")
    if n.direction not in (1, -1):
        raise InnoscopeError(E.BAD_DIRECTION, where=f"{where}: node {n.code}", detail=f"direction {n.direction!r}")
    if n.measure is not None and not is_leaf:
        raise InnoscopeError(
            E.FRAMEWORK_FIELD, where=f"{where}: node {n.code}", detail="only indicators can name a measure"
        )
    if n.denominator is not None and not is_leaf:
        raise InnoscopeError(
            E.FRAMEWORK_FIELD, where=f"{where}: node {n.code}", detail="only indicators can have a denominator"
        )


def _check_rule(n: Node, by_code: dict[str, Node], children: dict[str, list[str]], where: str) -> None:
    here = f"{where}: node {n.code}"
    kids = children[n.code]
    if n.of and n.rule is not Rule.RATIO:
        raise InnoscopeError(E.FRAMEWORK_FIELD, where=here, detail="`of` names operands only for `aggregate: ratio`")
    if n.rule is not Rule.RATIO:
        return
    if not n.of:
        if len(kids) != 2:
            raise InnoscopeError(
                E.FRAMEWORK_FIELD,
                where=here,
                detail=f"a ratio node divides its first child by its second; it has {len(kids)} children "
                "(or name the two operands with `of: [numerator, denominator]`)",
            )
        return
    if kids or n.parent is not None:
        raise InnoscopeError(
            E.FRAMEWORK_FIELD,
            where=here,
            detail="a ratio node with `of` stands beside the index: give it no parent and no children",
        )
    if len(n.of) != 2:
        raise InnoscopeError(
            E.FRAMEWORK_FIELD, where=here, detail=f"`of` needs two codes (numerator, denominator), got {list(n.of)}"
        )
    for code in n.of:
        if code not in by_code:
            raise InnoscopeError(E.FRAMEWORK_ORPHAN, where=here, detail=f"ratio operand {code!r} is not defined")
        if by_code[code].of:
            raise InnoscopeError(
                E.FRAMEWORK_FIELD, where=here, detail=f"operand {code!r} is itself a ratio with `of`; name tree nodes"
            )


def _check_cycles(by_code: dict[str, Node], where: str) -> None:
    for start in by_code:
        seen = [start]
        cur = by_code[start].parent
        while cur is not None:
            if cur in seen:
                loop = " -> ".join([*seen[seen.index(cur) :], cur])
                raise InnoscopeError(E.FRAMEWORK_CYCLE, where=where, detail=loop)
            seen.append(cur)
            cur = by_code[cur].parent


def _levels(by_code: dict[str, Node], children: dict[str, list[str]], where: str) -> dict[str, int]:
    given = all(n.level is not None for n in by_code.values())
    if given:
        for code, kids in children.items():
            for k in kids:
                if by_code[k].level >= by_code[code].level:  # type: ignore[operator]
                    raise InnoscopeError(
                        E.FRAMEWORK_LEVEL,
                        where=f"{where}: node {k}",
                        detail=f"level {by_code[k].level} is not below its parent {code}'s level {by_code[code].level}",
                    )
        return {c: int(n.level) for c, n in by_code.items()}  # type: ignore[arg-type]
    levels: dict[str, int] = {}

    def level(code: str) -> int:
        if code not in levels:
            kids = children[code]
            levels[code] = 1 if not kids else 1 + max(level(k) for k in kids)
        return levels[code]

    for code, n in by_code.items():
        if not n.of:
            level(code)
    for code, n in by_code.items():
        if n.of:
            levels[code] = max(levels[c] for c in n.of)
    return levels
