"""`innoscope serve`: the REST API and the dashboard over a workspace's store (or a store alone)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from innoscope.cli.common import out, user_errors
from innoscope.errors import E, InnoscopeError

__all__ = ["serve", "server_config"]


def server_config(
    target: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token_file: Path | None = None,
    max_upload_mb: float = 50.0,
    store: Path | None = None,
    data_dir: Path | None = None,
    say=lambda _msg: None,
):
    """The server's settings for ``target`` (a workspace, a store, or a folder holding ``innoscope.duckdb``).

    A workspace with no recorded run is built first, so there is something to show.
    """
    from innoscope.api.config import ServerConfig, read_token
    from innoscope.workspace import WORKSPACE_FILE, build_workspace, load_workspace

    token = read_token(token_file) if token_file is not None else None
    workspace = None
    is_ws = (target / WORKSPACE_FILE).is_file() if target.is_dir() else target.suffix in (".yaml", ".yml")
    if is_ws:
        ws = load_workspace(target, data_dir)
        workspace = ws.root
        db = store or ws.store_path
    elif target.is_dir():
        db = store or target / "innoscope.duckdb"
    else:
        db = store or target
    if not Path(db).is_file() and workspace is None:
        raise InnoscopeError(E.STORE_MISSING, where=str(db), detail="neither a workspace nor a store")
    extra = {"token": token, "token_from_file": True} if token else {}
    config = ServerConfig(
        store=Path(db),
        workspace=workspace,
        host=host,
        port=port,
        max_upload_bytes=int(max_upload_mb * 2**20),
        data_dir=data_dir,
        **extra,
    )
    if workspace is not None:
        from innoscope.results import Results

        if not Path(db).is_file() or not Results(db).runs():
            say(f"{db} holds no run yet: building {workspace} first")
            b = build_workspace(ws, store=Path(db))
            say(f"recorded as run {b.run_id}")
    return config


@user_errors
def serve(
    target: Annotated[Path, typer.Argument(help="A workspace folder, a store (.duckdb), or a folder holding one.")],
    host: Annotated[str, typer.Option(help="Address to listen on; beyond loopback only with --token-file.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token_file: Annotated[
        Path | None, typer.Option("--token-file", help="File holding the bearer token that writes need.")
    ] = None,
    max_upload_mb: Annotated[float, typer.Option(help="Largest upload accepted, in MiB.")] = 50.0,
    store: Annotated[Path | None, typer.Option(help="Serve this store instead of the workspace's.")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="Data directory of the workspace.")] = None,
) -> None:
    """Serve the results: a REST API (docs at /docs) and a bilingual dashboard at /, offline."""
    import uvicorn

    from innoscope.api import create_app

    config = server_config(
        target, host, port, token_file, max_upload_mb, store, data_dir, say=lambda m: out.print(m, highlight=False)
    )
    where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    out.print(f"serving {config.store} at {where} (API docs: {where}docs)", highlight=False)
    if config.token_from_file:
        out.print(f"writes need the bearer token in {token_file}", highlight=False)
    else:
        out.print(
            f"no --token-file: listening on {host} only (loopback); writes need this session's token, "
            "which the dashboard served here holds",
            highlight=False,
        )
    uvicorn.run(create_app(config), host=host, port=port, log_level="info", timeout_graceful_shutdown=5)
