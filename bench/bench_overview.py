"""Benchmark: the overview page's server-side render, cold and warm, on the demo and the national database.

    .venv/bin/python bench/bench_overview.py [--repeat 3] [--rebuild]

Runs app.py through ``streamlit.testing.v1.AppTest`` with ``STEERING_DEMO_DB`` pointing at the
municipal demo (Demo Kommune) and at the national demo (98 kommuner × 5 years), both in bench/out/.
Cold = the first run of a fresh AppTest after clearing Streamlit's caches; warm = a rerun in the same
AppTest (the cached tiles are reused). The fastest of ``--repeat`` runs counts for each.
Goal warm: < 0,5 s on the demo, < 1,5 s national. Then every page on the demo, cold and warm
(goal warm: <= 0,25 s, issue 18).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from steering_core.views import registry  # noqa: E402
from ui import cache  # noqa: E402

APP = str(_common.ROOT / "app.py")
GOALS = {"demo": 0.5, "national": 1.5}


def render(path: Path, repeat: int) -> dict[str, object]:
    os.environ["STEERING_DEMO_DB"] = str(path)
    cold, warm, app = [], [], None
    for _ in range(repeat):
        st.cache_data.clear()
        st.cache_resource.clear()
        cache.clear()
        app = AppTest.from_file(APP, default_timeout=900)
        started = time.perf_counter()
        app.run()
        cold.append(time.perf_counter() - started)
        if app.exception:
            raise SystemExit(f"{path.name}: the app failed: {app.exception}")
        for _ in range(2):
            started = time.perf_counter()
            app.run()
            warm.append(time.perf_counter() - started)
    metrics = {m.label: m.value for m in app.metric}
    return {"cold": cold, "warm": warm, "tiles": len(metrics), "sample": list(metrics.items())[:3]}


PAGES = tuple(Path(page.file).stem for page in registry.PAGES)   # the page files' names, in menu order
GOAL_PAGE_WARM = 0.25


def render_pages(path: Path, repeat: int) -> dict[str, dict[str, list[float]]]:
    """Every page on ``path``: its first run after the caches were cleared (cold), then reruns (warm)."""
    os.environ["STEERING_DEMO_DB"] = str(path)
    results = {}
    for page in PAGES:
        cold, warm = [], []
        for _ in range(repeat):
            st.cache_data.clear()
            st.cache_resource.clear()
            cache.clear()
            app = AppTest.from_file(APP, default_timeout=900)
            app.run()       # the overview, with the sidebar's own data
            started = time.perf_counter()
            app.switch_page(f"pages/{page}.py").run()
            cold.append(time.perf_counter() - started)
            if app.exception:
                # Reported in the table, not timed: a failing page is fast for the wrong reason.
                results[page] = {"failed": str(app.exception[0].message)[:80]}
                break
            for _ in range(2):
                started = time.perf_counter()
                app.run()
                warm.append(time.perf_counter() - started)
        else:
            results[page] = {"cold": cold, "warm": warm}
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="fresh AppTests per database; the fastest counts")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--databases", default="demo,national", help="which of demo,national to render")
    args = parser.parse_args(argv)
    builders = {"demo": _common.municipal_database, "national": _common.national_database}
    databases = {name: builders[name](args.rebuild) for name in args.databases.split(",") if name in builders}
    with tempfile.TemporaryDirectory() as tmp:
        # No real database: the app shows the demo source, as on a fresh installation.
        os.environ["STEERING_DB"] = str(Path(tmp) / "real" / "steering.duckdb")
        os.environ.pop("STEERING_LANG", None)
        results = {name: render(path, args.repeat) for name, path in databases.items()}
        pages = render_pages(databases["demo"], args.repeat) if "demo" in databases else {}

    header = ["database", "cold (first run)", "warm (rerun)", "cold / warm", "goal warm", "met", "tiles"]
    rows = []
    for name, r in results.items():
        cold, warm = min(r["cold"]), min(r["warm"])
        rows.append([name, _common.summary(r["cold"]), _common.summary(r["warm"]), f"{cold / warm:.0f}×",
                     f"< {GOALS[name]:g} s", "yes" if warm < GOALS[name] else "NO", str(r["tiles"])])
    notes = [f"{name}: first tiles {r['sample']}" for name, r in results.items()]
    for note in notes:
        print(note)
    for page, r in pages.items():
        if "failed" in r:
            rows.append([f"demo, page {page}", f"failed: {r['failed']}", "", "", f"< {GOAL_PAGE_WARM:g} s", "NO", ""])
            continue
        cold, warm = min(r["cold"]), min(r["warm"])
        rows.append([f"demo, page {page}", _common.summary(r["cold"]), _common.summary(r["warm"]),
                     f"{cold / warm:.0f}×", f"< {GOAL_PAGE_WARM:g} s", "yes" if warm < GOAL_PAGE_WARM else "NO", ""])
    print()
    _common.print_table(header, rows)
    _common.append_results("bench_overview", header, rows,
                           [f"AppTest of app.py, fastest of {args.repeat} fresh runs (cold) and "
                            f"{2 * args.repeat} reruns (warm). A page's cold run follows the overview's "
                            "first run in a fresh AppTest with every cache cleared."])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
