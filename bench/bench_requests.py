"""Benchmark: the engine's overhead over its own SQL, for the requests the pages make.

    .venv/bin/python bench/bench_requests.py [--repeat 7] [--db PATH] [--threads 1]

Every page's figures are built once while each ``engine.compute`` call (the request) and each
SQL statement it runs are recorded. Then, for each request, the fastest of ``--repeat`` runs of
the engine call is compared with the fastest of ``--repeat`` runs of the same SQL statements, with
the same parameters, on a connection that is already open, fetched into pandas (the baseline:
what the request costs without the engine's planning, suppression, changes and joins).
Goal (issue 18): engine / raw SQL <= 1,5× for page-sized requests. ``--threads`` holds DuckDB to
that many threads for both (default 1, as under load, when every core is busy serving).
The database defaults to the municipal demo in bench/out/.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402  (puts the repository on sys.path)

from steering_core import engine  # noqa: E402
from steering_core.engine import Request  # noqa: E402
from steering_core.store import Store  # noqa: E402
from steering_core.views import registry  # noqa: E402

GOAL_RATIO = 1.5
VIEWS = registry.with_figures()
FAILED: list[str] = []        # views whose figures failed while recording


class _Recorder:
    """A connection that notes every statement it runs and passes everything else through."""

    def __init__(self, con, statements: list):
        self._con, self._statements = con, statements

    def execute(self, sql, params=None):
        self._statements.append((sql, params))
        return self._con.execute(sql, params) if params is not None else self._con.execute(sql)

    def __getattr__(self, name):
        return getattr(self._con, name)


def record_requests(store: Store, request: Request) -> list[tuple[str, list[str], Request, list]]:
    """(view, indicator ids, request, SQL statements) of every engine.compute call the pages make."""
    from importlib import import_module

    calls = []
    showing = [""]
    failed = FAILED
    real_compute, real_connect = engine.compute, Store.connect

    def current_view() -> str:
        return showing[0]
    statements: list | None = None

    @contextmanager
    def recording_connect(self, read_only: bool = False):
        with real_connect(self, read_only) as con:
            yield _Recorder(con, statements) if statements is not None else con

    def recording_compute(store_, ids=None, request_=Request()):
        nonlocal statements
        view = current_view()
        outer = statements is None
        if outer:
            statements = []
        try:
            return real_compute(store_, ids, request_)
        finally:
            if outer:
                calls.append((view, list(ids or []), request_, statements))
                statements = None

    modules = [import_module(f"steering_core.views.{view}") for view in VIEWS]
    # Modules that imported compute by name call it through their own reference.
    users = [m for name, m in list(sys.modules.items())
             if name.startswith("steering_core") and getattr(m, "compute", None) is real_compute]
    Store.connect = recording_connect
    for module in users:
        module.compute = recording_compute
    try:
        for view_name, module in zip(VIEWS, modules):
            showing[0] = view_name
            try:
                module.figures(store, request)
            except Exception as exc:  # noqa: BLE001 - a broken view is reported; its requests so far count
                failed.append(f"{view_name}: {type(exc).__name__}: {exc}"[:120])
    finally:
        Store.connect = real_connect
        for module in users:
            module.compute = real_compute
    return [call for call in calls if call[3]]


def fastest(action, repeat: int) -> float:
    return min(_common.timed(action, repeat)[1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    os.environ["STEERING_THREADS"] = str(args.threads)
    path = args.db or _common.municipal_database()
    store = Store(path)
    quarters = engine.available_quarters(store)
    request = Request(quarters[max(0, len(quarters) - 8)], quarters[-1], "kvartal", ())
    # Once before recording: a first run after a change to the data or the code builds the protection
    # cubes, whose statements are no part of a page's request.
    record_requests(store, request)
    calls = record_requests(store, request)
    rows, ratios, engine_total, raw_total = [], [], 0.0, 0.0
    with store.connect(read_only=True) as con:
        for view, ids, call_request, statements in calls:
            ours = fastest(lambda: engine.compute(store, ids, call_request), args.repeat)
            raw = fastest(lambda: [con.execute(sql, params).df() if params is not None else con.execute(sql).df()
                                   for sql, params in statements], args.repeat)
            ratios.append(ours / raw)
            engine_total, raw_total = engine_total + ours, raw_total + raw
            rows.append([view, ",".join(ids)[:60], "+".join(call_request.by) or "-", str(len(statements)),
                         f"{ours * 1000:.1f} ms", f"{raw * 1000:.1f} ms", f"{ours / raw:.2f}×"])
    rows.sort(key=lambda row: -float(row[-1][:-1]))
    summary = [["all requests", f"{len(calls)} calls", "", "", f"{engine_total * 1000:.0f} ms",
                f"{raw_total * 1000:.0f} ms", f"{engine_total / raw_total:.2f}×"],
               ["median request", "", "", "", "", "", f"{statistics.median(ratios):.2f}×"]]
    header = ["view", "indicators", "by", "SQL statements", "engine", "raw SQL (open connection)", "engine / raw"]
    _common.print_table(header, summary + rows)
    met = engine_total / raw_total <= GOAL_RATIO
    notes = [f"{path.name}, {request.first}-{request.last}, default filters; DuckDB threads {args.threads}; "
             f"fastest of {args.repeat} runs each. Raw SQL = the engine's own statements and parameters, run on "
             "an open connection and fetched into pandas.",
             f"Goal: engine / raw SQL <= {GOAL_RATIO:g}× over the pages' requests: "
             f"{'met' if met else 'NOT met'} ({engine_total / raw_total:.2f}×). Per request: worst "
             f"{max(ratios):.2f}×, median {statistics.median(ratios):.2f}×."]
    if FAILED:
        notes.append("Views that failed while recording (their later requests are missing): " + "; ".join(FAILED))
        print(notes[-1])
    _common.append_results("bench_requests", header, summary + rows[:8], notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
