"""One headless Chromium (Debian's, driven by Playwright) for the whole session, on a served evaluation.

Never ``playwright install``: the browser is /usr/bin/chromium, which the
project's setup installs.  Every request the pages make is recorded; one that
goes anywhere but the test server is aborted and fails the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.api.conftest import provinces  # noqa: F401  (the evaluation, built once per session)
from tests.api.fixtures import serving

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site(tmp_path_factory, provinces):  # noqa: F811
    """The evaluation served without a token file (the dashboard holds the session's token)."""
    from innoscope.api import ServerConfig
    from innoscope.api.web import missing_assets

    if missing_assets():
        pytest.skip(f"the dashboard's npm packages are not installed ({', '.join(missing_assets())}): run ./dev setup")
    root = tmp_path_factory.mktemp("site") / "ws"
    shutil.copytree(provinces, root, ignore=shutil.ignore_patterns("*.lock", "innoscope.files"))
    with serving(ServerConfig(store=root / "innoscope.duckdb", workspace=root)) as base:
        yield base


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    if not CHROMIUM.is_file():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (./dev installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            locale="zh-CN",
            viewport={"width": 1400, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser_context, site):
    """A fresh page; requests beyond the server are aborted and reported."""
    outside: list[str] = []
    seen: list[str] = []

    def guard(route):
        url = route.request.url
        seen.append(url)
        if url.startswith(site + "/") or url == site:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    browser_context.route("**/*", guard)
    pg = browser_context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.site = site
    pg.seen = seen
    yield pg
    pg.close()
    browser_context.unroute("**/*")
    assert outside == [], f"requests left the server: {outside}"
    assert errors == [], f"script errors: {errors}"


def open_view(page, view: str, lang: str = "zh") -> None:
    page.goto(f"{page.site}/#/{view}")
    page.evaluate("lang => localStorage.setItem('innoscope-lang', lang)", lang)
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    page.wait_for_function("!document.querySelector('#view .loading')")

