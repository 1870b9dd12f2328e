"""Scientometrics at scale: counting records in DuckDB, clustering a million points.

Counting: a seeded synthetic records table of N records (default 10^7 papers,
1-4 addresses each, 200 countries, 31 provinces, 9 years, 3 % in the Nature /
Science / Cell set) is written as a Parquet dataset of 10 files, then counted
by ``count_records`` on ONE DuckDB thread: whole and fractional counts by
country, the NSC set by province with its share of China, and whole counts
with the ids of the records behind every count.  Baseline in the same run:
the same whole count by country in pandas (drop duplicates, group, count) on
the first tenth of the records.  A last run counts the whole dataset under a
DuckDB memory limit smaller than the data.  (The ids behind the counts are
part of the result, so they need memory in proportion to the records counted.)

Clustering: M points (default 10^6) at 50,000 distinct locations around 500
hubs (the geocoder places addresses at district, city or ZIP centroids, so
points share coordinates), clustered with eps 10 km and a minimum mass of 50.
Baseline in the same run: DBSCAN on the first 100,000 points without pooling.

Each phase runs in its own process, so the peak memory printed is that
phase's.  ``--quick`` runs 10^6 records and 10^5 points.

    .venv/bin/python benchmarks/scientometrics.py [--quick] [--records N] [--points M]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RNG_SEED = 20211201


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_dataset(folder: Path, n_records: int, files: int = 10) -> tuple[int, int]:
    """Write the synthetic records as Parquet, file by file, flagged as `records read` flags them.

    Returns (rows, bytes the table takes in memory as pandas).
    """
    import numpy as np
    import pandas as pd

    from innoscope.scientometrics.read import add_flags

    rng = np.random.default_rng(RNG_SEED)
    countries = np.array([f"C{i:02d}" for i in range(199)] + ["CHN"], dtype=object)
    provinces = np.array([f"P{i:02d}" for i in range(31)], dtype=object)
    journals = ["NATURE", "SCIENCE", "CELL", "PLOS ONE", "SCIENTOMETRICS", "RESEARCH POLICY"]
    weights = 1.0 / np.arange(1, 200) ** 1.1
    weights = np.r_[weights, weights[0] * 1.5]  # CHN among the largest
    p_country = weights / weights.sum()
    rows = mem = 0
    per = -(-n_records // files)
    for f in range(files):
        n = min(per, n_records - f * per)
        first = f * per
        k = rng.integers(1, 5, n)
        m = int(k.sum())
        idx = np.arange(m) - np.repeat(np.cumsum(k) - k, k)
        c = rng.choice(200, size=m, p=p_country)
        prov = np.where(c == 199, provinces[rng.integers(0, 31, m)], None)
        frac = np.repeat(1.0 / k, k)
        df = pd.DataFrame({
            "record_id": np.repeat(np.char.add("R", np.arange(first, first + n).astype(str)).astype(object), k),
            "file": pd.Categorical(np.zeros(m, dtype=int), categories=[0]).rename_categories(["synthetic"]),
            "line": np.repeat(np.arange(first, first + n), k) + 1,
            "kind": "paper",
            "year": np.repeat(rng.integers(2015, 2024, n), k),
            "journal": pd.Categorical.from_codes(
                np.repeat(rng.choice(6, size=n, p=[0.01, 0.01, 0.01, 0.37, 0.3, 0.3]), k), journals),
            "journal_abbrev": None, "fields": None, "address_index": idx, "role": "author",
            "country": countries[c], "province": prov, "city": None, "institution": None,
            "frac": frac, "author_frac": frac,
        })
        df = add_flags(df)
        for col in ("kind", "role", "country", "province", "journal_abbrev", "fields", "city", "institution"):
            df[col] = df[col].astype("category") if df[col].notna().any() else df[col].astype("string")
        df.to_parquet(folder / f"part-{f:03d}.parquet", index=False)
        rows += m
        mem += int(df.memory_usage(deep=True).sum())
    return rows, mem


def phase_count(folder: str, n_records: int) -> dict:
    import pandas as pd

    from innoscope.scientometrics.count import By, Counting, CountSpec, count_records
    from innoscope.scientometrics.journals import journal_set

    out: dict = {}
    specs = {
        "whole by country": CountSpec(by=By.COUNTRY, counting=Counting.WHOLE, sources=False),
        "fractional by country": CountSpec(by=By.COUNTRY, counting=Counting.FRACTIONAL, sources=False),
        "NSC by province, share of CHN": CountSpec(
            by=By.PROVINCE, counting=Counting.FRACTIONAL, journals=journal_set("nsc"), journal_label="nsc",
            share_of="CHN", sources=False,
        ),
    }
    for label, spec in specs.items():
        t = time.perf_counter()
        res = count_records(folder, spec=spec, threads=1)
        dt = time.perf_counter() - t
        out[label] = {"seconds": dt, "records_per_s": n_records / dt, "observations": len(res.observations)}
        if label == "fractional by country":
            out["fractional total"] = float(res.observations["value"].sum())
    # baseline: pandas on the first file (a tenth of the records), against DuckDB on the same file
    first = sorted(Path(folder).glob("*.parquet"))[0]
    t = time.perf_counter()
    df = pd.read_parquet(first, columns=["record_id", "country", "year"])
    base = df.drop_duplicates().groupby(["country", "year"], observed=True).size()
    dt_pandas = time.perf_counter() - t
    t = time.perf_counter()
    duck = count_records(str(first), spec=specs["whole by country"], threads=1).observations
    dt_duck = time.perf_counter() - t
    assert int(base.sum()) == int(duck["value"].sum())
    out["baseline"] = {"pandas_s": dt_pandas, "duckdb_s": dt_duck, "records": int(df["record_id"].nunique())}
    out["peak_rss_mib"] = peak_mib()
    return out


def phase_ids(folder: str, n_records: int) -> dict:
    from innoscope.scientometrics.count import By, Counting, CountSpec, count_records

    t = time.perf_counter()
    res = count_records(folder, spec=CountSpec(by=By.COUNTRY, counting=Counting.WHOLE, sources=True), threads=1)
    dt = time.perf_counter() - t
    ids = int(res.observations["n_records"].sum())
    return {"seconds": dt, "records_per_s": n_records / dt, "ids": ids, "peak_rss_mib": peak_mib()}


def phase_make(folder: str, n_records: int) -> dict:
    t = time.perf_counter()
    rows, mem = make_dataset(Path(folder), n_records)
    disk = sum(p.stat().st_size for p in Path(folder).glob("*.parquet"))
    return {"rows": rows, "mem": mem, "disk": disk, "seconds": time.perf_counter() - t, "peak_rss_mib": peak_mib()}


def phase_spill(folder: str, n_records: int, limit: str) -> dict:
    from innoscope.scientometrics.count import By, Counting, CountSpec, count_records

    spill = tempfile.mkdtemp(prefix="innoscope-spill-")
    t = time.perf_counter()
    res = count_records(folder, spec=CountSpec(by=By.COUNTRY, counting=Counting.FRACTIONAL, sources=False),
                        threads=1, memory_limit=limit, temp_directory=spill)
    dt = time.perf_counter() - t
    return {"seconds": dt, "records_per_s": n_records / dt, "observations": len(res.observations),
            "peak_rss_mib": peak_mib(), "memory_limit": limit}


def synthetic_points(m: int):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(RNG_SEED + 1)
    hubs = 500
    lat0 = np.degrees(np.arcsin(rng.uniform(-0.8, 0.95, hubs)))
    lon0 = rng.uniform(-180, 180, hubs)
    sizes = rng.zipf(1.6, hubs).clip(1, 2000).astype(float)
    n_loc = 50_000
    hub = rng.choice(hubs, size=n_loc, p=sizes / sizes.sum())
    spread = 0.08  # degrees, ~9 km
    loc_lat = np.clip(lat0[hub] + rng.normal(0, spread, n_loc), -89.9, 89.9)
    loc_lon = (lon0[hub] + rng.normal(0, spread, n_loc) / np.cos(np.radians(lat0[hub])) + 540) % 360 - 180
    which = rng.integers(0, n_loc, m)
    return pd.DataFrame({
        "id": np.arange(m).astype(str), "lat": loc_lat[which].round(6), "lon": loc_lon[which].round(6),
        "weight": rng.choice([0.25, 1 / 3, 0.5, 1.0], m),
        "kind": np.where(rng.random(m) < 0.3, "patent", "paper"), "city": None,
    })


def phase_cluster(m: int) -> dict:
    import numpy as np
    from sklearn.cluster import DBSCAN

    from innoscope.scientometrics.clusters import EARTH_KM, find_clusters, pool

    pts = synthetic_points(m)
    t = time.perf_counter()
    res = find_clusters(pts, eps_km=10, min_mass=50)
    dt = time.perf_counter() - t
    out = {"points": m, "locations": len(pool(pts)[0]), "clusters": len(res.clusters), "seconds": dt,
           "peak_rss_mib": peak_mib(), "top": res.clusters["name"].head(3).tolist()}
    sub = pts.head(100_000)
    t = time.perf_counter()
    pooled = find_clusters(sub, eps_km=10, min_mass=50)
    out["pooled_100k_s"] = time.perf_counter() - t
    t = time.perf_counter()
    raw = DBSCAN(eps=10 / EARTH_KM, min_samples=1, metric="haversine", algorithm="ball_tree").fit(
        np.radians(sub[["lat", "lon"]].to_numpy()), sample_weight=sub["weight"].to_numpy() / 50
    )
    out["unpooled_100k_s"] = time.perf_counter() - t
    assert len(set(raw.labels_) - {-1}) == len(pooled.clusters)  # pooling changes no result
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--records", type=int)
    ap.add_argument("--points", type=int)
    ap.add_argument("--phase")
    ap.add_argument("--folder")
    ap.add_argument("--limit", default="256MB")
    a = ap.parse_args()
    n = a.records or (1_000_000 if a.quick else 10_000_000)
    m = a.points or (100_000 if a.quick else 1_000_000)
    if a.phase:
        result = {
            "make": lambda: phase_make(a.folder, n),
            "count": lambda: phase_count(a.folder, n),
            "ids": lambda: phase_ids(a.folder, n),
            "spill": lambda: phase_spill(a.folder, n, a.limit),
            "cluster": lambda: phase_cluster(m),
        }[a.phase]()
        print(json.dumps(result))
        return

    def child(*args: str) -> dict:
        cmd = [sys.executable, __file__, "--records", str(n), "--points", str(m), *args]
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    with tempfile.TemporaryDirectory(prefix="innoscope-bench-") as tmp:
        folder = Path(tmp) / "records"
        folder.mkdir()
        made = child("--phase", "make", "--folder", str(folder))
        mem = made["mem"]
        print(f"synthetic records: {n:,} records, {made['rows']:,} address rows, {mem / 2**20:,.0f} MiB in memory "
              f"(pandas), {made['disk'] / 2**20:,.0f} MiB of Parquet, written in {made['seconds']:.1f} s")
        c = child("--phase", "count", "--folder", str(folder))
        for label in ("whole by country", "fractional by country", "NSC by province, share of CHN"):
            r = c[label]
            print(f"count {label:<36} {r['seconds']:6.2f} s  {r['records_per_s'] / 1e6:6.2f} M records/s (1 thread)")
        b = c["baseline"]
        print(f"baseline on {b['records']:,} records: pandas {b['pandas_s']:.2f} s, DuckDB {b['duckdb_s']:.2f} s "
              f"-> {b['pandas_s'] / b['duckdb_s']:.1f}x")
        print(f"fractional counts add up to {c['fractional total']:,.0f} (records: {n:,})")
        print(f"counting peak RSS {c['peak_rss_mib']:,.0f} MiB")
        i = child("--phase", "ids", "--folder", str(folder))
        print(f"count whole by country, listing {i['ids']:,} record ids: {i['seconds']:.2f} s, "
              f"{i['records_per_s'] / 1e6:.2f} M records/s, peak RSS {i['peak_rss_mib']:,.0f} MiB")
        s = child("--phase", "spill", "--folder", str(folder), "--limit", a.limit)
        print(f"fractional count under memory_limit {s['memory_limit']}: {s['seconds']:.2f} s, "
              f"{s['records_per_s'] / 1e6:.2f} M records/s, peak RSS {s['peak_rss_mib']:,.0f} MiB "
              f"(data {mem / 2**20:,.0f} MiB)")
    k = child("--phase", "cluster")
    print(f"clusters: {k['points']:,} points at {k['locations']:,} locations -> {k['clusters']} clusters in "
          f"{k['seconds']:.1f} s, peak RSS {k['peak_rss_mib']:,.0f} MiB; largest {', '.join(k['top'])}")
    print(f"baseline 100,000 points: unpooled {k['unpooled_100k_s']:.2f} s, pooled {k['pooled_100k_s']:.2f} s "
          f"-> {k['unpooled_100k_s'] / k['pooled_100k_s']:.1f}x")


if __name__ == "__main__":
    main()
