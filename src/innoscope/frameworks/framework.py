"""The framework: a tree index -> sub-indices -> pillars -> indicators.

A :class:`Framework` is immutable and validated on construction: unique
codes, one root, no orphan and no cycle, weights finite and >= 0 and not all
zero among siblings, directions +1 or -1, and (where levels are given) every
parent above its children.  Leaves are indicators; every other node is an
aggregate.  Levels count from the indicators up (indicators are level 1, an
aggregate is one above its highest child) unless the source states them, as
COINr's ``iMeta`` does.  Uneven depth is allowed.

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

from innoscope.errors import E, InnoscopeError

__all__ = ["Framework", "Node"]


@dataclass(frozen=True)
class Node:
    """One node of the framework; ``parent`` is None for the index."""

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
        roots = [n.code for n in nodes if n.parent is None]
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
        for code, kids in children.items():
            if kids and not any(by_code[k].weight > 0 for k in kids):
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
        return next(n.code for n in self.nodes if n.parent is None)

    @property
    def indicators(self) -> tuple[str, ...]:
        """Leaf codes, in the order the framework lists them."""
        return tuple(n.code for n in self.nodes if not self._children[n.code])

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
                "is_indicator": not self._children[n.code],
                "low": n.low,
                "high": n.high,
                "scale": n.scale,
                "phrases": list(n.phrases),
                "notes": n.notes,
            }
            for n in self.nodes
        ]

    @classmethod
    def from_records(cls, records: Iterable[dict], name: str = "", source: str = "") -> Framework:
        """Rebuild a framework from :meth:`to_records` rows (as a store keeps them).

        >>> fw = Framework.from_nodes([Node("I", None), Node("x", "I", name_zh="投入", weight=2)], name="t")
        >>> Framework.from_records(fw.to_records(), name="t") == fw
        True
        """
        known = {f for f in Node.__dataclass_fields__}
        nodes = []
        for r in records:
            fields = {k: v for k, v in r.items() if k in known}
            if "phrases" in fields:
                fields["phrases"] = tuple(fields["phrases"] or ())
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
    if n.denominator is not None and not is_leaf:
        raise InnoscopeError(
            E.FRAMEWORK_FIELD, where=f"{where}: node {n.code}", detail="only indicators can have a denominator"
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

    for code in by_code:
        level(code)
    return levels
