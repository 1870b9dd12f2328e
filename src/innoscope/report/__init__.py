"""Writing results back: summaries, charts and the end-to-end demo."""
