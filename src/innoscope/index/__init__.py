"""The composite-index engine: pure array steps and the pipeline that runs them."""
