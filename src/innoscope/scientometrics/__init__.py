"""Scientometrics: publication and patent records to indicators and S&T clusters.

Records (WoS plain text and tab-delimited, Scopus CSV, bibliometrix .rda,
patent CSV) are read with every problem reported (:func:`read_records`);
their addresses are matched to places offline (:func:`geocode`); the records
table is counted into panel observations in DuckDB (:func:`count_records`,
locally or on Dask with :func:`count_dask`); geocoded points are grouped into
S&T clusters (:func:`find_clusters`, :func:`cluster_sensitivity`).
"""

from innoscope.scientometrics.clusters import ClusterResult, find_clusters, points_from_csv, points_from_records
from innoscope.scientometrics.count import By, Counting, Counts, CountSpec, count_records
from innoscope.scientometrics.engine import count_dask, write_dataset
from innoscope.scientometrics.geocode import Place, geocode
from innoscope.scientometrics.journals import journal_set, read_journal_file
from innoscope.scientometrics.outputs import cluster_observations, count_panel
from innoscope.scientometrics.read import RecordSet, read_records, write_records
from innoscope.scientometrics.schema import Problem
from innoscope.scientometrics.sensitivity import Sensitivity, cluster_sensitivity

__all__ = [
    "By",
    "ClusterResult",
    "CountSpec",
    "Counting",
    "Counts",
    "Place",
    "Problem",
    "RecordSet",
    "Sensitivity",
    "cluster_observations",
    "cluster_sensitivity",
    "count_dask",
    "count_panel",
    "count_records",
    "find_clusters",
    "geocode",
    "journal_set",
    "points_from_csv",
    "points_from_records",
    "read_journal_file",
    "read_records",
    "write_dataset",
    "write_records",
]
