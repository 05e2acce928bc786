"""Benchmark: peak memory of computing every indicator, national scale against the municipal demo.

    .venv/bin/python bench/bench_memory.py [--rebuild] [--volume 1]

Each measurement runs in a fresh child process, which reports its own peak resident set size
when it is done: ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` and, as a cross-check, ``VmHWM``
from /proc/self/status. Lines: a baseline that only imports the code and opens the database, then
all catalogue indicators for every kommune × district × quarter (as bench_engine.py does) on the
municipal demo and on the national database (98 kommuner × 5 years). Goal: national < 2 GB.

Linux carries a parent's resident size over into a child's ru_maxrss (the child starts as a copy
of the parent), so the parent here stays small: it imports nothing heavy, and the databases are
built, when needed, by a child process of their own.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402  (light: no pandas or DuckDB until a function needs them)

GOAL_MB = 2048


def _vm_hwm_kb() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def child(path: str, mode: str) -> None:
    """Runs in the child process: do the work, print peak memory and time as JSON."""
    from steering_core import engine
    from steering_core.store import Store

    import bench_engine

    store = Store(path)
    started = time.perf_counter()
    rows = 0
    if mode == "engine":
        quarters = engine.available_quarters(store)
        rows = len(bench_engine.engine_all(store, quarters[0], quarters[-1]))
    else:
        store.meta()
    print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "hwm_kb": _vm_hwm_kb(),
                      "rows": rows, "seconds": time.perf_counter() - started}))


def prepare(rebuild: bool, volume: float) -> None:
    """Runs in a child process: build or reuse the databases, print their paths as JSON."""
    municipal = _common.municipal_database(rebuild, log=lambda text: print(text, file=sys.stderr))
    national = _common.national_database(rebuild, log=lambda text: print(text, file=sys.stderr), volume=volume)
    print(json.dumps({"municipal": str(municipal), "national": str(national)}))


def _run(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=_common.ROOT)
    if done.stderr.strip():
        print("\n".join(line for line in done.stderr.splitlines() if "Warning" not in line), file=sys.stderr)
    if done.returncode != 0:
        raise SystemExit(done.returncode)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        child(argv[1], argv[2])
        return 0
    if argv[:1] == ["--prepare"]:
        prepare(argv[1] == "1", float(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--volume", type=float, default=1.0, help="stress test (see bench_engine.py)")
    args = parser.parse_args(argv)
    paths = _run("--prepare", "1" if args.rebuild else "0", str(args.volume))
    label = "national (98 kommuner" + ("" if args.volume == 1 else f", volume ×{args.volume:g}") + ")"
    runs = [("baseline: import + open (national file)", _run("--child", paths["national"], "open")),
            ("all indicators, municipal demo", _run("--child", paths["municipal"], "engine")),
            (f"all indicators, {label}", _run("--child", paths["national"], "engine"))]
    base = runs[0][1]["maxrss_kb"] / 1024
    header = ["child process", "peak RSS (ru_maxrss)", "VmHWM", "above baseline", "rows", "time", "goal", "met"]
    rows = []
    for name, r in runs:
        peak = r["maxrss_kb"] / 1024
        national = name.startswith("all indicators, national")
        rows.append([name, f"{peak:,.0f} MB", f"{r['hwm_kb'] / 1024:,.0f} MB", f"{peak - base:,.0f} MB",
                     f"{r['rows']:,}", f"{r['seconds']:.1f} s", f"< {GOAL_MB:,} MB" if national else "",
                     ("yes" if peak < GOAL_MB else "NO") if national else ""])
    ratio = runs[2][1]["maxrss_kb"] / runs[1][1]["maxrss_kb"]
    rows.append(["ratio national / municipal", f"{ratio:.1f}×", "", "", "", "", "", ""])
    print()
    _common.print_table(header, rows)
    _common.append_results("bench_memory", header, rows,
                           [f"Parent process peak while measuring: "
                            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB (children start "
                            "as a copy of it, so it bounds the baseline from below)."])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
