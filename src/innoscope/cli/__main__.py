"""``python -m innoscope.cli``: the same app as the ``innoscope`` command."""

from innoscope.cli import app

app(prog_name="innoscope")
