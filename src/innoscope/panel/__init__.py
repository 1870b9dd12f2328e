"""Panel data: observations (unit, indicator, period, value) with their source."""

from innoscope.panel.panel import Panel
from innoscope.panel.readers import parse_numbers, read_table

__all__ = ["Panel", "parse_numbers", "read_table"]
