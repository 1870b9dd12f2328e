"""The FastAPI app: the read and write endpoints, the error bodies, the gate and the dashboard.

>>> from pathlib import Path
>>> from fastapi.testclient import TestClient
>>> app = create_app(ServerConfig(store=Path("/nonexistent/innoscope.duckdb")))
>>> r = TestClient(app, base_url="http://127.0.0.1").get("/api/v1/runs")
>>> r.status_code, r.json()["error"]["code"]
(404, 'E402')
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI

from innoscope import __version__
from innoscope.api.common import State
from innoscope.api.config import ServerConfig
from innoscope.api.errors import install_handlers
from innoscope.api.guard import Guard
from innoscope.api.jobs import Jobs

__all__ = ["create_app"]

DESCRIPTION = """The results of an innoscope store — runs, scores and ranks, movement, audits, documents,
facts and entities, with the provenance of every number — and uploads, runs and reports.

Reads need nothing; writes (every POST) need `Authorization: Bearer TOKEN`. Errors come as
`{"error": {"code", "title", "where", "detail", "advice"}}` with the codes of innoscope's catalogue."""


def create_app(config: ServerConfig) -> FastAPI:
    """An app serving ``config.store`` (and running ``config.workspace``)."""
    from innoscope.api import read, texts, web, write

    jobs = Jobs(workers=config.run_workers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        jobs.close()

    app = FastAPI(
        title="innoscope",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.innoscope = State(config, jobs)
    install_handlers(app)
    app.add_middleware(Guard, config=config)
    for module in (read, texts, write, web):
        app.include_router(module.router)
    return app
