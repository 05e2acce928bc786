"""Fixtures for the browser tests: the app served on a demo database, and headless Chromium.

Everything stays on 127.0.0.1: the server listens there only, and the browser
aborts any request to another host (the machine has no internet anyway).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from steering_core import demo, periods

REPO_ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
LOCAL_HOSTS = {HOST, "localhost"}
STARTUP_TIMEOUT_S = 60
STOP_TIMEOUT_S = 10
VIEWPORT = {"width": 1920, "height": 1080}  # a projector
CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright's own browser download is not available here
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _log_tail(log_path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> str:
    """Base URL of the app, run by Streamlit on a fresh demo database (no real database yet)."""
    work = tmp_path_factory.mktemp("browser_app")
    demo_db = demo.build_demo_database(work / "demo.duckdb", until=periods.quarter(2026, 3))
    real_db = work / "real.duckdb"  # never created: the app shows the demo
    port = _free_port()
    env = dict(os.environ, STEERING_DEMO_DB=str(demo_db), STEERING_DB=str(real_db),
               PYTHONPATH=str(REPO_ROOT), STEERING_LANG="da")
    env.pop("STEERING_MIN_CELL", None)
    log_path = work / "streamlit.log"
    command = [sys.executable, "-m", "streamlit", "run", "app.py",
               "--server.headless", "true", "--server.port", str(port), "--server.address", HOST,
               "--browser.gatherUsageStats", "false",
               # Other people edit the repo while the tests run: do not react to their saves.
               "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with code {process.returncode} before it was healthy:\n"
                            f"{_log_tail(log_path)}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy at {base} within {STARTUP_TIMEOUT_S} s:\n"
                            f"{_log_tail(log_path)}")
            time.sleep(0.25)
        yield base
    finally:
        _stop(process)


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


@dataclass
class BrowserLog:
    """What the browser complained about while a page was open."""
    page_errors: list[str] = field(default_factory=list)    # uncaught JS exceptions: always a failure
    console_errors: list[str] = field(default_factory=list)  # console.error not explained by the network
    ignored: list[str] = field(default_factory=list)         # network noise, kept for the failure message
    blocked: list[str] = field(default_factory=list)         # requests to other hosts, aborted by us

    def problems(self) -> list[str]:
        return [f"page error: {e}" for e in self.page_errors] + \
               [f"console error: {e}" for e in self.console_errors]


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
    """Factory: a page in a fresh 1920×1080 context, with its console watched. Returns (page, log)."""
    contexts = []

    def factory() -> tuple[Page, BrowserLog]:
        context = browser.new_context(viewport=dict(VIEWPORT), locale="da-DK")
        context.set_default_timeout(20_000)
        contexts.append(context)
        log = BrowserLog()

        def block(route):
            log.blocked.append(route.request.url)
            route.abort()

        context.route(lambda url: not _is_local(url) and not url.startswith(("data:", "blob:")), block)
        page = context.new_page()

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
