"""A steering group opening the link at once: ten sessions reach a freshly started server together.

Lazily filled module state (the text catalogue was one) must not be built twice at the same
time; before the fix 9 of 10 such sessions crashed with ``KeyError: text keys defined twice``.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from steering_core import demo, periods
from tests.streamlit_client import PageView, Viewer, served_app

SESSIONS = 10


def test_ten_first_sessions_at_once_all_render(tmp_path):
    demo_db = demo.build_demo_database(tmp_path / "demo.duckdb", until=periods.quarter(2026, 3))
    with served_app(demo_db, tmp_path) as (base, _):
        # Connect every session first, then ask for the page at the same moment: the server's
        # first script runs overlap as much as they can.
        viewers = [Viewer(base, timeout_s=60) for _ in range(SESSIONS)]
        start = threading.Barrier(SESSIONS)

        def first_view(viewer: Viewer) -> PageView:
            start.wait()
            return viewer.view("overblik")

        try:
            with ThreadPoolExecutor(SESSIONS) as pool:
                views = list(pool.map(first_view, viewers))
        finally:
            for viewer in viewers:
                viewer.close()
    assert all(view.finished for view in views), [view.seconds for view in views]
    assert [view.exceptions for view in views] == [[]] * SESSIONS
    assert [view.errors for view in views] == [[]] * SESSIONS
    # The overview drew its tiles in every session, not an empty page.
    assert min(view.elements for view in views) > 20
