"""Benchmark: read + validate + store a 100.000-row Indsatser sheet, calamine against openpyxl.

    PYTHONPATH=. .venv/bin/python bench/bench_upload.py [--rows 100000] [--writer excel|openpyxl]

Each reader runs ``--repeat`` times (default 2) into a fresh database and the
fastest run counts. The workbook is generated first (not timed): ``--writer excel`` (default) stores
it the way Excel does, with shared strings; ``--writer openpyxl`` uses
openpyxl's write-only mode, which stores every text inline and makes a much
larger sheet. Then the same bytes go through the upload twice, each into a
fresh database: once with python-calamine (the product's reader) and once
with the openpyxl read-only path (the baseline). Goal: calamine total < 5 s
and reading at least 3x faster than openpyxl.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402  (puts the repository on sys.path)

from steering_core.store import Store  # noqa: E402
from steering_core.upload import samples  # noqa: E402
from steering_core.upload.importer import commit, prepare  # noqa: E402
from steering_core.upload.reading import Limits, read_bytes  # noqa: E402


def _timed(action) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def run(data: bytes, engine: str, folder: Path, attempt: int) -> dict[str, float]:
    """One upload of ``data`` into a fresh database; wall-clock and CPU seconds per stage."""
    _, read, read_cpu = _timed(lambda: read_bytes("indsatser.xlsx", data, engine=engine))
    store = Store(folder / f"{engine}-{attempt}.duckdb")
    store.initialise()  # creating the schema is not part of an upload
    prepared, checked, checked_cpu = _timed(
        lambda: prepare([("indsatser.xlsx", data)], store=store, engine=engine, limits=Limits()))
    if not prepared.ok:
        raise SystemExit("\n".join(str(p) for p in prepared.problems[:10]))
    result, stored, stored_cpu = _timed(lambda: commit(prepared, store=store, user="bench"))
    assert result.stored, result.message
    return {"read": read, "read_validate": checked, "store": stored, "total": checked + stored,
            "cpu": checked_cpu + stored_cpu, "read_cpu": read_cpu, "rows": prepared.row_count}


def best(data: bytes, engine: str, folder: Path, repeat: int) -> dict[str, float]:
    """The fastest of ``repeat`` runs, stage by stage (other programs on the machine only add time)."""
    runs = [run(data, engine, folder, attempt) for attempt in range(repeat)]
    return {key: min(r[key] for r in runs) for key in runs[0]}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--writer", choices=("excel", "openpyxl"), default="excel")
    parser.add_argument("--repeat", type=int, default=2, help="runs per reader; the fastest counts")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "indsatser.xlsx"
        started = time.perf_counter()
        if args.writer == "excel":
            samples.write_excel_like(path, samples.large_indsatser_sheets(args.rows))
        else:
            samples.write_large_indsatser(path, args.rows)
        data = path.read_bytes()
        print(f"file: {args.rows:,} Indsatser rows, {len(data) / 1e6:.1f} MB ({args.writer} writer, "
              f"{time.perf_counter() - started:.1f} s to generate)")
        fast = best(data, "calamine", folder, args.repeat)
        slow = best(data, "openpyxl", folder, args.repeat)
    for name, figures in (("calamine", fast), ("openpyxl", slow)):
        print(f"{name:9s} read {figures['read']:6.2f} s | read+validate {figures['read_validate']:6.2f} s | "
              f"store {figures['store']:5.2f} s | total {figures['total']:6.2f} s "
              f"(CPU {figures['cpu']:5.2f} s) | {figures['rows']:,} rows")
    read_ratio = slow["read"] / fast["read"]
    total_ratio = slow["total"] / fast["total"]
    print(f"ratio openpyxl/calamine: reading {read_ratio:.1f}x, read+validate+store {total_ratio:.1f}x")
    goal = fast["total"] < 5 and read_ratio >= 3
    print(f"goal (calamine total < 5 s and reading >= 3x faster): {'met' if goal else 'NOT met'}")
    header = ["reader", "read", "read + validate", "store", "total", "CPU", "rows", "goal", "met"]
    rows = [[name, f"{f['read']:.2f} s", f"{f['read_validate']:.2f} s", f"{f['store']:.2f} s", f"{f['total']:.2f} s",
             f"{f['cpu']:.2f} s", f"{f['rows']:,}", goal_text, met]
            for name, f, goal_text, met in (("calamine (the product)", fast, "total < 5 s", "yes" if fast["total"] < 5
                                             else "NO"), ("openpyxl read-only (baseline)", slow, "", ""))]
    rows.append(["ratio openpyxl / calamine", f"{read_ratio:.1f}×", "", "", f"{total_ratio:.1f}×", "", "",
                 "reading >= 3×", "yes" if read_ratio >= 3 else "NO"])
    _common.append_results("bench_upload", header, rows, [
        f"{args.rows:,} Indsatser rows, {len(data) / 1e6:.1f} MB ({args.writer} writer); the same bytes through "
        f"both readers, each into a fresh database; fastest of {args.repeat} runs per stage."])
    return 0 if goal else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
