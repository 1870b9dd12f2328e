"""Panel data: observations (unit, indicator, period, measure, value) with their source."""

from innoscope.panel.measures import MEASURES, select_measures
from innoscope.panel.panel import Panel
from innoscope.panel.readers import parse_numbers, read_table

__all__ = ["MEASURES", "Panel", "parse_numbers", "read_table", "select_measures"]
