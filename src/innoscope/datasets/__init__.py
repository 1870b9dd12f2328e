"""Public data sources: a registry with upstream addresses and checksums, and loaders of their formats."""
