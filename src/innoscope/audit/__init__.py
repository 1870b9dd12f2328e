"""The statistical audit of an index: statistics, correlations, reliability, uncertainty and sensitivity."""
