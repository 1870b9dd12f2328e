"""Fixtures of the dataset tests: China's sources, loaded once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def china_inputs(shared_data):
    """(yearbook, GDP, population) as the loaders return them; tests copy before changing them."""
    from innoscope.datasets.china import load_gdp, load_population, load_yearbook

    return load_yearbook(shared_data)[0], load_gdp(shared_data), load_population(shared_data)
