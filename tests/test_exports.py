"""The public surface is what we mean it to be."""

from __future__ import annotations

import importlib

import pytest

PUBLIC = {
    "innoscope.errors": {"E", "InnoscopeError"},
    "innoscope.frameworks": {"Framework", "Node", "Rule", "load_framework", "read_imeta", "shipped"},
    "innoscope.panel": {"MEASURES", "Panel", "parse_numbers", "read_table", "select_measures"},
    "innoscope.store": {"SCHEMA_VERSION", "AuditRecord", "Database", "RunRecord", "Store"},
    "innoscope.provenance": {
        "Derived",
        "FactSpan",
        "FileRow",
        "RecordIds",
        "ScoreRef",
        "Source",
        "describe",
        "from_dict",
        "to_dict",
    },
    "innoscope.report": {"FORMATS", "build_report", "check_format", "write_report"},
    "innoscope.results": {
        "AuditInfo",
        "DocumentInfo",
        "EntityRow",
        "FactRow",
        "IndicatorValue",
        "Movement",
        "NodeInfo",
        "Observation",
        "Page",
        "Provenance",
        "RankInterval",
        "Record",
        "Results",
        "RunInfo",
        "ScoreRow",
        "SobolIndex",
        "Streak",
        "Strength",
        "Tier",
        "UnitInfo",
        "as_dict",
        "period_label",
        "sort_periods",
    },
    "innoscope.text": {
        "Document",
        "Entity",
        "Fact",
        "detect_language",
        "extract_document",
        "extract_facts",
        "read_document",
    },
    "innoscope.workspace": {
        "WORKSPACE_FILE",
        "Build",
        "Workspace",
        "build_workspace",
        "default_data_dir",
        "load_workspace",
    },
    "innoscope.index.pipeline": {"IndexResult", "Prepared", "StageCache", "build_index", "prepare", "score_table"},
    "innoscope.scientometrics": {
        "By", "ClusterResult", "CountSpec", "Counting", "Counts", "Place", "Problem", "RecordSet", "Sensitivity",
        "cluster_observations", "cluster_sensitivity", "count_dask", "count_panel", "count_records",
        "find_clusters", "geocode", "journal_set", "points_from_csv", "points_from_records", "read_journal_file",
        "read_records", "write_dataset", "write_records",
    },
    "innoscope.geo": {
        "ENGLISH", "PROVINCES", "City", "Division", "cities_named", "country_iso3", "country_name", "division",
        "divisions_named", "find_region", "iso2_to_iso3", "iso3_to_iso2", "nearest_cities", "postcode_province",
        "us_state", "zip_place",
    },
}


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_exports(module):
    mod = importlib.import_module(module)
    assert set(mod.__all__) == PUBLIC[module]
    for name in mod.__all__:
        assert hasattr(mod, name)


def test_error_codes_are_unique():
    from innoscope.errors import E

    codes = [e.code for e in E]
    assert len(codes) == len(set(codes))
