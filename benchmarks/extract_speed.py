"""Benchmark: fact extraction speed on a large Chinese text, in characters and MB per second.

The text repeats the sentences of the real reports in ../shared/docs (or, without them, a few
sentences written here) up to the requested size. Baseline in the same run: one pass of a
single regular expression that finds the numbers, the least any extractor must do.

    python benchmarks/extract_speed.py [--mb 4]
"""

from __future__ import annotations

import argparse
import platform
import re
import time
from pathlib import Path

from innoscope.text import extract_facts

REPO = Path(__file__).resolve().parents[1]
FALLBACK = (
    "1—11月，全市获发明专利授权30519件，同比增长40.1%；PCT专利申请受理量4141件，同比增长35.2%。"
    "全年，上海科研人员发表论文107篇，占全国总数的29.8%。在沪院士共185名，数量全国第二。"
)


def corpus(mb: float) -> str:
    docs = sorted((REPO.parent / "shared" / "docs").glob("*.txt"))
    seed = "\n".join(p.read_text(encoding="utf-8") for p in docs) if docs else FALLBACK
    target = int(mb * 1_000_000 / 3)  # about 3 bytes per character in UTF-8
    return (seed * (target // len(seed) + 1))[:target]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=4.0)
    args = ap.parse_args()
    text = corpus(args.mb)
    size_mb = len(text.encode("utf-8")) / 1e6
    t0 = time.perf_counter()
    n_numbers = sum(1 for _ in re.finditer(r"\d+(?:\.\d+)?", text))
    t_base = time.perf_counter() - t0
    t0 = time.perf_counter()
    facts = extract_facts(text, "bench", lang="zh")
    t = time.perf_counter() - t0
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, one core")
    print(f"text: {len(text):,} characters, {size_mb:.1f} MB UTF-8, {n_numbers:,} numbers")
    print(f"extract_facts: {t:.2f} s, {len(text) / t:,.0f} characters/s, {size_mb / t:.2f} MB/s, {len(facts):,} facts")
    print(f"baseline (one regex pass over the numbers): {t_base:.3f} s; extraction costs {t / t_base:.0f}x that")


if __name__ == "__main__":
    main()
