"""Serve the app on a demo database, and talk to it as a browser tab would, without a browser.

A ``Viewer`` speaks Streamlit's own protocol on ``/_stcore/stream`` (protobuf over a
websocket): it asks for a page and reads what the server sends until the run finishes.
The start-up race test and ``bench/bench_load.py`` use it; everything stays on 127.0.0.1.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from steering_core.views import registry

REPO_ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 60
STOP_TIMEOUT_S = 10
# Every page of the app by its URL path, in the navigation's order (the order a meeting visits them).
PAGES = tuple(page.url_path for page in registry.PAGES)
# The default page is served at "/": the protocol asks for it by the empty name (its own name leads to
# a page that switches to it, one extra run).
DEFAULT_PAGE = next(page.url_path for page in registry.PAGES if page.default)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _log_tail(log_path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class ServerFailed(RuntimeError):
    pass


@contextmanager
def served_app(demo_db: Path, work: Path, root: Path = REPO_ROOT,
               extra_env: dict[str, str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, process) of ``root``'s app.py served by Streamlit on ``demo_db``, with no real database."""
    port = free_port()
    env = dict(os.environ, STEERING_DEMO_DB=str(demo_db), STEERING_DB=str(work / "real.duckdb"),
               PYTHONPATH=str(root), STEERING_LANG="da", **(extra_env or {}))
    env.pop("STEERING_MIN_CELL", None)
    log_path = work / f"streamlit-{port}.log"
    command = [sys.executable, "-m", "streamlit", "run", "app.py",
               "--server.headless", "true", "--server.port", str(port), "--server.address", HOST,
               "--browser.gatherUsageStats", "false",
               # Other people edit the repo while the tests run: do not react to their saves.
               "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise ServerFailed(f"streamlit exited with code {process.returncode} before it was healthy:\n"
                                   f"{_log_tail(log_path)}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise ServerFailed(f"streamlit not healthy at {base} within {STARTUP_TIMEOUT_S} s:\n"
                                   f"{_log_tail(log_path)}")
            time.sleep(0.25)
        yield base, process
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


@dataclass
class PageView:
    """What one run of a page sent back."""
    page: str
    seconds: float
    finished: bool = False
    exceptions: list[str] = field(default_factory=list)   # st.exception elements: a crash shown to the user
    errors: list[str] = field(default_factory=list)       # st.error alerts
    elements: int = 0


class Viewer:
    """One browser tab's session, speaking Streamlit's websocket protocol."""

    def __init__(self, base_url: str, timeout_s: float = 120):
        self.url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.timeout_s = timeout_s
        self.socket = connect(self.url, subprotocols=["streamlit"], open_timeout=timeout_s,
                              max_size=None, compression=None)

    def view(self, page: str, query: str = "") -> PageView:
        """Ask for ``page`` (its URL path) and wait until its run has finished."""
        name = "" if page == DEFAULT_PAGE else page
        message = BackMsg(rerun_script=ClientState(query_string=query, page_name=name))
        started = time.perf_counter()
        self.socket.send(message.SerializeToString())
        result = PageView(page, 0.0)
        deadline = started + self.timeout_s
        while time.perf_counter() < deadline:
            raw = self.socket.recv(timeout=max(0.01, deadline - time.perf_counter()))
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                result.elements += 1
                which = element.WhichOneof("type")
                if which == "exception":
                    result.exceptions.append(f"{element.exception.type}: {element.exception.message}")
                elif which == "alert" and element.alert.format == element.alert.ERROR:
                    result.errors.append(element.alert.body)
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue   # the page asked for a rerun (e.g. the URL was normalised); the next run counts
                result.finished = True
                break
        result.seconds = time.perf_counter() - started
        return result

    def close(self) -> None:
        self.socket.close()
