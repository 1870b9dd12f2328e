"""The Dask engine reads, geocodes and counts with exactly the local results; datasets of many files."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from innoscope.scientometrics.count import By, Counting, CountSpec, count_records
from innoscope.scientometrics.engine import count_dask, dataset_files, write_dataset
from innoscope.scientometrics.journals import journal_set
from innoscope.scientometrics.read import read_records

pytestmark = pytest.mark.slow  # local Dask clusters

DATA = Path(__file__).resolve().parents[1] / "data" / "scientometrics"
FILES = [DATA / n for n in ("wos_plain.txt", "wos_tab_utf16.txt", "scopus.csv", "scopus_old.csv", "patents.csv")]


def synthetic_table(n_records: int, seed: int = 7) -> pd.DataFrame:
    """A records table of ``n_records`` papers with 1-4 addresses each in a handful of countries."""
    rng = np.random.default_rng(seed)
    k = rng.integers(1, 5, n_records)
    rid = np.repeat([f"R{i:07d}" for i in range(n_records)], k)
    idx = np.concatenate([np.arange(j) for j in k])
    countries = np.array(["CHN", "USA", "DEU", "JPN", "GBR"])
    return pd.DataFrame(
        {
            "record_id": rid,
            "address_index": idx,
            "kind": "paper",
            "role": "author",
            "year": np.repeat(rng.integers(2015, 2023, n_records), k),
            "journal": np.repeat(rng.choice(["NATURE", "PLOS ONE", "CELL"], n_records), k),
            "journal_abbrev": None,
            "fields": None,
            "country": countries[rng.integers(0, 5, len(rid))],
            "province": None,
            "frac": np.repeat(1.0 / k, k),
            "author_frac": np.repeat(1.0 / k, k),
        }
    )


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0", scheduler_port=0) as cluster,
        Client(cluster) as c,
    ):
        yield c


def test_reading_on_dask_is_the_local_reading(client):
    local = read_records(FILES)
    remote = read_records(FILES, client=client)
    pd.testing.assert_frame_equal(local.table, remote.table)
    assert local.problems == remote.problems


@pytest.mark.parametrize("counting", list(Counting))
def test_counting_on_dask_is_the_local_count(client, tmp_path, counting):
    table = synthetic_table(20_000)
    files = write_dataset(table, tmp_path / "ds", rows_per_file=7_000)
    assert len(files) >= 7
    # no record is split between files
    owners = pd.concat([pd.read_parquet(f, columns=["record_id"]).assign(f=i) for i, f in enumerate(files)])
    assert owners.groupby("record_id")["f"].nunique().max() == 1
    for spec in (
        CountSpec(by=By.COUNTRY, counting=counting),
        CountSpec(by=By.COUNTRY, counting=counting, journals=journal_set("nsc"), journal_label="nsc", share_of="WORLD"),
    ):
        local = count_records(table, spec=spec)
        on_files = count_records(str(tmp_path / "ds"), spec=spec)
        remote = count_dask(dataset_files(tmp_path / "ds"), spec, client)
        pd.testing.assert_frame_equal(local.observations, on_files.observations)
        pd.testing.assert_frame_equal(local.observations, remote.observations)
        pd.testing.assert_frame_equal(local.unassigned, remote.unassigned)


def test_counting_within_a_memory_limit(tmp_path):
    table = synthetic_table(50_000)
    write_dataset(table, tmp_path / "ds", rows_per_file=40_000)
    spec = CountSpec(by=By.COUNTRY, counting=Counting.FRACTIONAL)
    small = count_records(
        str(tmp_path / "ds"), spec=spec, memory_limit="64MB", threads=1, temp_directory=str(tmp_path / "spill")
    )
    pd.testing.assert_frame_equal(small.observations, count_records(table, spec=spec).observations)
    # every record's mass is somewhere: the fractional counts add up to the number of records
    assert small.observations["value"].sum() == pytest.approx(50_000)
