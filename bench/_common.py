"""Shared helpers for the benchmark scripts: test databases, the machine, RESULTS.md.

The databases live in ``bench/out/`` (git-ignored) and are reused while they are
recent: built by the same generator settings for the same last quarter, less than
a week ago. Delete the folder (or pass ``--rebuild``) to build them again.
"""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The steering_core imports (pandas, DuckDB) happen inside the functions, so a script that only
# reports (bench_memory's parent process) stays small.

OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS.md"
NATIONAL = OUT / "national.duckdb"
MUNICIPAL = OUT / "demo.duckdb"
MAX_AGE_DAYS = 7


def until():
    from steering_core import periods
    return periods.last_complete_quarter(date.today())


def _recent(path: Path, expected: dict[str, str]) -> bool:
    from steering_core import demo, national_demo
    from steering_core.store import Store
    if not path.exists() or time.time() - path.stat().st_mtime > MAX_AGE_DAYS * 86400:
        return False
    if path.stat().st_mtime < max(Path(module.__file__).stat().st_mtime for module in (demo, national_demo)):
        return False  # the generator changed since
    try:
        meta = Store(path).meta()
    except Exception:  # noqa: BLE001 - an unreadable file is simply rebuilt
        return False
    return all(meta.get(k) == v for k, v in expected.items())


BUILDS: dict[str, float] = {}   # file name -> seconds, for databases built in this run


def national_database(rebuild: bool = False, log=print, volume: float = 1.0) -> Path:
    """The 98-municipality database, built if missing or stale (build time and rows are logged).

    ``volume`` > 1 multiplies the UTM and intervention propensities (a stress test, not realistic).
    """
    from steering_core import demo, national_demo
    last = until()
    path = NATIONAL if volume == 1 else OUT / f"national_x{volume:g}.duckdb"
    expected = {"scale": "national", "seed": str(demo.DEFAULT_SEED), "data_until": last.end.isoformat(),
                "municipalities": "98", "years": "5", "volume": f"{volume:g}"}
    if not rebuild and _recent(path, expected):
        log(f"national database: reusing {path.relative_to(ROOT)}")
        return path
    log(f"national database: building {path.relative_to(ROOT)} (98 kommuner × 5 år, til {last.label}, "
        f"volume {volume:g}) ...")
    started = time.perf_counter()
    national_demo.build_national_database(path, until=last, volume=volume)
    BUILDS[path.name] = time.perf_counter() - started
    log(f"national database: built in {BUILDS[path.name]:.1f} s; rows: "
        + ", ".join(f"{name} {count:,}" for name, count in row_counts(path).items()))
    return path


def municipal_database(rebuild: bool = False, log=print) -> Path:
    from steering_core import demo
    last = until()
    expected = {"kommune": demo.DEMO_KOMMUNE, "seed": str(demo.DEFAULT_SEED), "data_until": last.end.isoformat()}
    if not rebuild and _recent(MUNICIPAL, expected):
        return MUNICIPAL
    started = time.perf_counter()
    demo.build_demo_database(MUNICIPAL, until=last)
    log(f"municipal demo database: built in {time.perf_counter() - started:.1f} s")
    return MUNICIPAL


def row_counts(path: Path) -> dict[str, int]:
    """Rows per fact table present in the file."""
    from steering_core.store import Store
    return Store(path).row_counts()


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{platform.machine()}, {cpus} CPU ({model}), load average {load}"


def git_revision() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        # This file is itself changed by every run, so it does not count as a change to the code.
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                f":(exclude){RESULTS.relative_to(ROOT)}"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "?"


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(action, repeat: int) -> tuple[object, list[float]]:
    """Run ``action`` ``repeat`` times; the last result and every wall-clock time."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return result, times


def summary(times: list[float]) -> str:
    if len(times) == 1:
        return f"{times[0]:.2f} s"
    return f"{min(times):.2f} s (median {statistics.median(times):.2f} s)"


def append_results(title: str, header: list[str], rows: list[list[str]], notes: list[str] = ()) -> None:
    """Append one run as a small markdown table to bench/RESULTS.md."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"## {title} — {stamp}", "", f"Machine: {machine()}. Code: {git_revision()}.", "",
             "| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += ["", *[f"- {note}" for note in notes]] if notes else []
    new = not RESULTS.exists()
    with RESULTS.open("a", encoding="utf-8") as handle:
        if new:
            handle.write("# Benchmark results\n\nWritten by the scripts in `bench/`; the newest run of each is at the "
                         "bottom. Times are wall-clock on a shared, noisy machine: compare within one run.\n\n")
        handle.write("\n".join(lines) + "\n\n")
    print(f"(results appended to {RESULTS.relative_to(ROOT)})")


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    for row in (header, ["-" * w for w in widths], *rows):
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)))
