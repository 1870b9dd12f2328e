"""Benchmark: fact extraction speed, in characters and MB (UTF-8) per second, on one core.

The Chinese text repeats the real reports in ../shared/docs (or, without them, a few sentences
written here) up to the requested size; the English text repeats the sentences of the English
tests.  What is timed is what a user gets: ``extract_facts`` and the records (``Fact.to_record``).
Times are CPU seconds of this process (steadier than the wall clock on a shared machine).
Baseline in the same run: one pass of a single regular expression that finds the numbers, the
least any extractor must do.  The SHA-256 of the records is printed, so that a faster version can
be shown to give the same output.

    python benchmarks/extract_speed.py [--mb 4] [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
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
ENGLISH = (
    "Business R&D expenditure reached EUR 2.5 billion in 2022, an increase of 4.2% on the previous year. "
    "The request for NIH is up $3.5 billion, 9%, to $40.2 billion. Sweden ranks second in the EU. "
    "Belgium performs above the EU average on five of the 20 indicators. "
    "In 2014, total R&D expenditure in the UK, in constant prices, increased by 3% "
    "compared with £29.7 billion in 2013. "
    "Israel and Korea displayed the highest R&D intensity in 2018, at 4.9% and 4.5% of GDP, respectively.\n"
)


def corpus(mb: float, lang: str = "zh") -> str:
    if lang == "zh":
        docs = sorted((REPO.parent / "shared" / "docs").glob("*.zh.txt"))
        seed = "\n".join(p.read_text(encoding="utf-8") for p in docs) if docs else FALLBACK
    else:
        seed = ENGLISH
    target = int(mb * 1_000_000 / (3 if lang == "zh" else 1))
    return (seed * (target // len(seed) + 1))[:target]


def run(text: str, lang: str, repeat: int) -> tuple[float, list[dict]]:
    best = float("inf")
    records: list[dict] = []
    for _ in range(repeat):
        t0 = time.process_time()
        records = [f.to_record() for f in extract_facts(text, "bench", lang=lang)]
        best = min(best, time.process_time() - t0)
    return best, records


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--repeat", type=int, default=3, help="runs per language; the fastest is reported")
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, one core")
    for lang in ("zh", "en"):
        text = corpus(args.mb if lang == "zh" else args.mb / 4, lang)
        size_mb = len(text.encode("utf-8")) / 1e6
        t0 = time.process_time()
        n_numbers = sum(1 for _ in re.finditer(r"\d+(?:\.\d+)?", text))
        t_base = time.process_time() - t0
        t, records = run(text, lang, args.repeat)
        digest = hashlib.sha256(
            "\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records).encode("utf-8")
        ).hexdigest()
        print(f"[{lang}] text: {len(text):,} characters, {size_mb:.2f} MB UTF-8, {n_numbers:,} numbers")
        print(
            f"[{lang}] extract_facts + records: {t:.2f} s, {len(text) / t:,.0f} characters/s, {size_mb / t:.2f} MB/s, "
            f"{len(records):,} facts; {t / t_base:.0f}x the baseline regex pass ({t_base:.3f} s)"
        )
        print(f"[{lang}] output sha256: {digest}")


if __name__ == "__main__":
    main()
