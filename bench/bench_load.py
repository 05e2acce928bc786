"""Benchmark: a steering group opening the app at once. The real server, N concurrent viewers.

    .venv/bin/python bench/bench_load.py [--viewers 1,5,10,20] [--baseline main] [--no-baseline] [--candidate REV]

Each viewer is one browser tab's session, driven over Streamlit's own websocket protocol
(tests/streamlit_client.py; no browser renders anything): it opens the app and visits every
page in turn. A page view is the time from asking for a page to the server's "script finished".
All viewers of a round start at the same moment. For each N the script reports the median, p90
and slowest page view, page views per second, the server's CPU seconds per page view and its
memory (RSS now and peak).

The first round on a fresh server (one viewer) is cold: the caches are empty, only the overview
has been drawn once (for a tab that stays open through the run, as on the meeting's projector).
The other rounds are warm: every viewer looks at the default filters, as a meeting does.

The same rounds run against a baseline, the code at ``--baseline`` (a git revision checked out
to a temporary worktree), in the same run, one server at a time, on the same demo database.
The machine is shared: compare the two within one run, not with other runs.
Goals (issue 18): every view < 1,5 s with 10 viewers and < 3 s with 20; CPU per view <= 0,1 s warm.
Everything listens on 127.0.0.1; every loop is bounded.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

from tests.streamlit_client import PAGES, PageView, Viewer, served_app  # noqa: E402

GOAL_MAX_S = {10: 1.5, 20: 3.0}
GOAL_CPU_PER_VIEW_S = 0.1
cpu_seconds = _common.cpu_seconds


def memory_mb(pid: int) -> dict[str, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def one_round(base: str, pid: int, viewers: int) -> dict[str, object]:
    """``viewers`` new sessions at once, each visiting every page; times, CPU and memory of the round."""
    sessions = [Viewer(base, timeout_s=180) for _ in range(viewers)]
    start = threading.Barrier(viewers)

    def tour(viewer: Viewer) -> list[PageView]:
        start.wait()
        return [viewer.view(page) for page in PAGES]

    cpu_before, started = cpu_seconds(pid), time.perf_counter()
    try:
        with ThreadPoolExecutor(viewers) as pool:
            views = [view for tour_views in pool.map(tour, sessions) for view in tour_views]
    finally:
        for viewer in sessions:
            viewer.close()
    elapsed, cpu = time.perf_counter() - started, cpu_seconds(pid) - cpu_before
    times = sorted(view.seconds for view in views)
    return {"viewers": viewers, "views": len(views), "median": statistics.median(times),
            "p90": times[min(len(times) - 1, int(0.9 * len(times)))], "max": times[-1],
            "per_s": len(views) / elapsed, "cpu": cpu / len(views), "memory": memory_mb(pid),
            "failed": sum(1 for v in views if not v.finished or v.exceptions),
            "slowest": max(views, key=lambda v: v.seconds).page}


def measure(label: str, root: Path, demo_db: Path, counts: list[int], work: Path) -> list[dict[str, object]]:
    rounds = []
    with served_app(demo_db, work, root=root) as (base, process):
        print(f"{label}: server at {base} (code in {root})")
        # A tab left open on the projector: Streamlit forgets its compiled pages when the last
        # session leaves, which no meeting does between two clicks.
        anchor = Viewer(base, timeout_s=180)
        anchor.view(PAGES[0])
        for name, viewers in [("1 (cold)", 1), *((str(n), n) for n in counts)]:
            result = one_round(base, process.pid, viewers)
            result.update(code=label, round=name)
            rounds.append(result)
            print(f"  {name:>8} viewers: median {result['median']:.2f} s, p90 {result['p90']:.2f} s, "
                  f"max {result['max']:.2f} s ({result['slowest']}), {result['per_s']:.1f} views/s, "
                  f"CPU {result['cpu']:.3f} s/view, RSS {result['memory'].get('VmRSS', 0):.0f} MB, "
                  f"failed {result['failed']}")
        anchor.close()
    return rounds


def checkout(revision: str, into: Path) -> tuple[Path, str]:
    commit = subprocess.run(["git", "rev-parse", "--short", revision], cwd=_common.ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    subprocess.run(["git", "worktree", "add", "--detach", str(into), commit], cwd=_common.ROOT,
                   capture_output=True, check=True)
    return into, commit


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", default="1,5,10,20", help="comma-separated numbers of concurrent viewers")
    parser.add_argument("--baseline", default="main", help="git revision measured as the baseline")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--candidate", help="measure this git revision instead of the working tree")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.viewers.split(",") if n.strip()]
    if not counts or min(counts) < 1 or max(counts) > 50:
        parser.error("--viewers: between 1 and 50 each")
    demo_db = _common.municipal_database(args.rebuild)
    rounds, baseline_commit = [], None
    with tempfile.TemporaryDirectory(prefix="bench_load_") as tmp:
        work = Path(tmp)
        def measure_commit(ref: str, role: str) -> str:
            """Measure ``ref`` checked out in a temporary worktree; returns its commit."""
            nonlocal rounds
            tree, commit = checkout(ref, work / role)
            try:
                rounds += measure(f"{role} {commit}", tree, demo_db, counts, work)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=_common.ROOT,
                               capture_output=True)
            return commit

        if not args.no_baseline:
            baseline_commit = measure_commit(args.baseline, "baseline")
        if args.candidate:
            measure_commit(args.candidate, "candidate")
        else:
            rounds += measure("this code", _common.ROOT, demo_db, counts, work)

    header = ["code", "viewers", "page views", "median", "p90", "max", "goal max", "met", "views/s",
              "CPU per view", "RSS after", "RSS peak", "failed"]
    rows = []
    for r in rounds:
        goal = GOAL_MAX_S.get(r["viewers"]) if r["round"] != "1 (cold)" else None
        rows.append([r["code"], r["round"], str(r["views"]), f"{r['median']:.2f} s", f"{r['p90']:.2f} s",
                     f"{r['max']:.2f} s", f"< {goal:g} s" if goal else "", ("yes" if r["max"] < goal else "no")
                     if goal else "", f"{r['per_s']:.1f}", f"{r['cpu']:.3f} s", f"{r['memory'].get('VmRSS', 0):.0f} MB",
                     f"{r['memory'].get('VmHWM', 0):.0f} MB", str(r["failed"])])
    _common.print_table(header, rows)
    notes = [f"Every viewer is a new session visiting the {len(PAGES)} pages ({', '.join(PAGES)}) in turn; all "
             "viewers of a round start together. Streamlit protocol over a websocket, no browser rendering.",
             "The first round on a fresh server is cold (empty caches; one tab that stays open has drawn the "
             "overview); the others are warm, default filters.",
             f"Goals: every view < 1,5 s with 10 viewers, < 3 s with 20; CPU per view <= {GOAL_CPU_PER_VIEW_S:g} s "
             "warm. CPU is the server process's user + system time divided by the round's page views.",
             "The clients run on the same 2-core machine as the server (and other people's work): compare the "
             "two codes within this run."]
    if baseline_commit:
        notes.insert(0, f"Baseline: the code at {args.baseline} ({baseline_commit}), measured first in the same "
                        "run on the same demo database.")
    _common.append_results("bench_load", header, rows, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
