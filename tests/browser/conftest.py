"""Fixtures for the browser tests: the app served on a demo database, and headless Chromium.

Everything stays on 127.0.0.1: the server listens there only, and the browser
aborts any request to another host (the machine has no internet anyway). Every request
is recorded too, and one to another host is a failure: the app must not make the
browser reach outside the machine (a font, a favicon, usage statistics).

Accessibility is checked with Deque's axe-core, installed from the npm registry into
.axe/ by `make axe` (part of `make test`).
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from steering_core import demo, periods
from tests.streamlit_client import HOST, ServerFailed, served_app

LOCAL_HOSTS = {HOST, "localhost"}
VIEWPORT = {"width": 1920, "height": 1080}  # a large screen
PROJECTOR = {"width": 1280, "height": 720}  # a common meeting-room projector
VIEWPORTS = {"1920x1080": VIEWPORT, "1280x720": PROJECTOR}
AXE_VERSION = "4.10.3"
AXE_DIR = Path(__file__).resolve().parents[2] / ".axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright's own browser download is not available here
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> str:
    """Base URL of the app, run by Streamlit on a fresh demo database (no real database yet)."""
    work = tmp_path_factory.mktemp("browser_app")
    demo_db = demo.build_demo_database(work / "demo.duckdb", until=periods.quarter(2026, 3))
    try:
        with served_app(demo_db, work) as (base, _):
            yield base
    except ServerFailed as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser() -> Browser:
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser script; installed from the npm registry on first use, as `make axe` does."""
    if not AXE_SCRIPT.exists() and shutil.which("npm"):
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR),
                        f"axe-core@{AXE_VERSION}"], check=False, capture_output=True, timeout=300)
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is missing ({AXE_SCRIPT}): run `make axe` (needs npm)")
    return AXE_SCRIPT


def _is_outside(url: str) -> bool:
    return not _is_local(url) and not url.startswith(("data:", "blob:"))


@dataclass
class BrowserLog:
    """What the browser complained about while a page was open."""
    page_errors: list[str] = field(default_factory=list)    # uncaught JS exceptions: always a failure
    console_errors: list[str] = field(default_factory=list)  # console.error not explained by the network
    ignored: list[str] = field(default_factory=list)         # network noise, kept for the failure message
    blocked: list[str] = field(default_factory=list)         # requests to other hosts, aborted by us
    requests: list[str] = field(default_factory=list)        # every request the page made

    def outside_requests(self) -> list[str]:
        return sorted({url for url in self.requests if _is_outside(url)})

    def problems(self) -> list[str]:
        return [f"page error: {e}" for e in self.page_errors] + \
               [f"console error: {e}" for e in self.console_errors] + \
               [f"request leaving the machine: {url}" for url in self.outside_requests()]


def _is_local(url: str) -> bool:
    return urlparse(url).hostname in LOCAL_HOSTS


_USAGE_STATS_NOISE = ("Failed to fetch metrics config", "Undefined metrics config")


def _is_network_noise(text: str, url: str) -> bool:
    """Console errors that say nothing about the app. What is ignored, and why:

    * "Failed to load resource" for a resource on another host than 127.0.0.1: the
      machine has no internet and the test aborts such requests anyway (net::ERR_FAILED,
      net::ERR_NAME_NOT_RESOLVED, net::ERR_INTERNET_DISCONNECTED ...). Failures of the
      app's own resources on 127.0.0.1 are NOT ignored.
    * The 404s for "<page path>/_stcore/health" and "<page path>/_stcore/host-config":
      opened directly on a page's URL (e.g. /upload), Streamlit's frontend first probes
      whether the app is served under that path, gets 404, then falls back to "/".
    * "Failed to fetch metrics config: TypeError: Failed to fetch ..." and "Undefined
      metrics config - deactivating metrics tracking.": Streamlit's usage statistics
      fetching their config from the internet. The app is started with
      gatherUsageStats false, so they should not occur; listed in case the setting changes.
    """
    if text.startswith(_USAGE_STATS_NOISE):
        return True
    if not text.startswith("Failed to load resource"):
        return False
    if url and not _is_local(url):
        return True
    parsed = urlparse(url)
    probe = parsed.path.endswith(("/_stcore/health", "/_stcore/host-config"))
    return probe and not parsed.path.startswith("/_stcore/") and "404" in text


@pytest.fixture
def open_page(browser):
    """Factory: a page in a fresh context (1920×1080 unless told), its console and requests watched.

    Returns (page, log)."""
    contexts = []

    def factory(viewport: dict | None = None) -> tuple[Page, BrowserLog]:
        context = browser.new_context(viewport=dict(viewport or VIEWPORT), locale="da-DK")
        context.set_default_timeout(20_000)
        contexts.append(context)
        log = BrowserLog()

        def block(route):
            log.blocked.append(route.request.url)
            route.abort()

        context.route(_is_outside, block)
        page = context.new_page()
        page.on("request", lambda request: log.requests.append(request.url))

        def on_console(message):
            if message.type != "error":
                return
            url = (message.location or {}).get("url", "")
            entry = f"{message.text} ({url})" if url else message.text
            (log.ignored if _is_network_noise(message.text, url) else log.console_errors).append(entry)

        page.on("console", on_console)
        page.on("pageerror", lambda error: log.page_errors.append(str(error)))
        return page, log

    yield factory
    for context in contexts:
        context.close()
