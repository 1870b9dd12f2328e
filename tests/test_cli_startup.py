"""The command line starts without the heavy libraries: ``--help`` of every command imports none of them.

Each command module imports what it computes with inside its functions, and the
options' choices come from light modules (e.g. :mod:`innoscope.index.methods`),
so asking for help, or mistyping an option, costs no array, data-frame or plotting
library.  The check runs in a fresh interpreter, over every command the app has,
so a command added later keeps to it.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "numpy",
    "pandas",
    "scipy",
    "sklearn",
    "duckdb",
    "pyarrow",
    "matplotlib",
    "SALib",
    "dask",
    "distributed",
    "fastapi",
    "weasyprint",
    "openpyxl",
    "python_calamine",
    "rdata",
    "docx",
    "pypdf",
    "bs4",
    "jinja2",
)

PROBE = r"""
import json, sys
import typer
from innoscope.cli import app

def paths(cmd, prefix, ctx):
    yield prefix
    for name in getattr(cmd, "list_commands", lambda ctx: [])(ctx):
        yield from paths(cmd.get_command(ctx, name), [*prefix, name], ctx)

root = typer.main.get_command(app)
every = list(paths(root, [], root.make_context("innoscope", ["--help"], resilient_parsing=True)))
shown = []
for path in every:
    try:
        app([*path, "--help"], prog_name="innoscope", standalone_mode=False)
    except SystemExit:
        pass
    shown.append(" ".join(path))
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.argv[1])))
print(json.dumps({"commands": shown, "heavy": heavy}))
"""


def _probe() -> tuple[dict, str]:
    r = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HEAVY)], capture_output=True, text=True, timeout=120, check=True
    )
    *helps, last = r.stdout.strip().splitlines()
    return json.loads(last), "\n".join(helps)


def test_help_of_every_command_imports_no_heavy_library():
    seen, helps = _probe()
    # the probe reached every command and printed its help (a broken walk would pass vacuously)
    assert {"", "index build", "audit uncertainty", "data show", "extract", "demo"} <= set(seen["commands"])
    assert helps.count("Usage:") == len(seen["commands"])
    assert seen["heavy"] == [], f"`--help` imported {seen['heavy']}: import them inside the functions that use them"



def test_a_command_loads_its_own_module_only():
    code = (
        "import sys\n"
        "from innoscope.cli import app\n"
        "try:\n"
        "    app(['audit', 'uncertainty', '--help'], prog_name='innoscope')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('innoscope.cli.')))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    loaded = r.stdout.strip().splitlines()[-1]
    assert "innoscope.cli.audit_cmd" in loaded
    assert "index_cmd" not in loaded and "extract_cmd" not in loaded and "records_cmd" not in loaded
