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
        "ScoreRef",
        "Source",
        "describe",
        "from_dict",
        "to_dict",
    },
    "innoscope.geo": {"ENGLISH", "PROVINCES", "find_region"},
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
    "innoscope.index.pipeline": {"IndexResult", "Prepared", "build_index", "prepare"},
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
