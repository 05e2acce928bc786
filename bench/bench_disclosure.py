"""Benchmark: what disclosure control costs a steering group (issue 11, points 6 and 7).

    .venv/bin/python bench/bench_disclosure.py [--before f112ebf] [--repeat 2] [--rebuild] [--skip-timing]

Utility: for every page's figures (``steering_core.views``: utm, p11, economy, staircase, asked as
the pages ask them: the last eight quarters, no breakdown, the sidebar's filters) and the overview
tiles, the share of cells hidden: rows with ``suppressed`` True among the rows of figure tables that
have a ``suppressed`` column (a tile is one cell: its headline value). At the municipality and for
one district, on the municipal demo and on one municipality of the national database.

"Before" is the code of another commit (default f112ebf, per-request complementary suppression),
checked out as a git worktree in /tmp and run in a subprocess on the same database files in the
same run; "after" is this tree. Both run the same measuring code (this file, ``--worker``).

Timing: the cold cost of the protection (all indicators, one municipality, the last eight quarters,
the first ``engine.compute`` in a fresh process after clearing ``protection._PROTECTIONS``) and the
warm cost (the same call again), before against after, on the national database.
"""
from __future__ import annotations

import argparse
import importlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
PAGES = ("utm", "p11", "economy", "staircase")
PYTHON = sys.executable


# --------------------------------------------------------------------------------------------
# The worker: runs inside the tree under test (before or after), prints JSON
# --------------------------------------------------------------------------------------------

def _figure_state(figure) -> dict:
    table = figure.table
    if table.empty and not figure.columns:
        return {"key": figure.key, "state": "not offered", "rows": 0, "hidden": 0, "reason": figure.caption}
    if table.empty:
        return {"key": figure.key, "state": "no data", "rows": 0, "hidden": 0}
    if "suppressed" not in table.columns:
        return {"key": figure.key, "state": "no suppression column", "rows": len(table), "hidden": 0}
    hidden = int(table["suppressed"].fillna(False).astype(bool).sum())
    shown_values = int((~table["suppressed"].fillna(False).astype(bool)
                        & (table["value"].notna() if "value" in table else True)).sum())
    state = "all hidden" if hidden == len(table) or shown_values == 0 else "partly hidden" if hidden else "shown"
    return {"key": figure.key, "state": state, "rows": len(table), "hidden": hidden}


def worker_utility(db: str, kommune: str, district: str | None) -> dict:
    from steering_core import config, engine, overview
    from steering_core.engine import Request
    from steering_core.measures import Filters
    from steering_core.store import Store
    from steering_core.texts import t
    from importlib import import_module

    store = Store(Path(db))
    quarters = engine.available_quarters(store)
    first, last = quarters[max(0, len(quarters) - 8)], quarters[-1]
    filters = Filters(kommune=kommune, distrikter=(district,) if district else ())
    request = Request(first, last, "kvartal", (), filters)
    result: dict = {"first": first, "last": last, "pages": {}}
    for page in PAGES:
        options = {"kommune": kommune} if page == "economy" else {}
        started = time.perf_counter()
        try:
            figures = import_module(f"steering_core.views.{page}").figures(store, request, **options)
            result["pages"][page] = {"figures": [_figure_state(f) for f in figures]}
        except Exception as exc:  # noqa: BLE001 - a page that fails is reported, not hidden
            result["pages"][page] = {"error": f"{type(exc).__name__}: {exc}"}
        result["pages"][page]["seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    hidden_text = t("suppressed", k=config.min_cell_size())
    try:
        tiles = overview.tiles(store, last, filters)
        result["pages"]["overview"] = {"figures": [
            {"key": f"tile:{tile.indicator_id}", "rows": 1, "hidden": int(tile.value == hidden_text),
             "state": ("all hidden" if tile.value == hidden_text else "no data" if tile.value == "–" else "shown")
             + (" (wider scope)" if tile.note else "")}
            for tile in tiles]}
    except Exception as exc:  # noqa: BLE001
        result["pages"]["overview"] = {"error": f"{type(exc).__name__}: {exc}"}
    result["pages"]["overview"]["seconds"] = time.perf_counter() - started
    return result


def worker_timing(db: str, repeat: int, kommune: str | None) -> dict:
    from steering_core import engine
    from steering_core.engine import Request
    from steering_core.measures import Filters
    from steering_core.store import Store

    store = Store(Path(db))
    quarters = engine.available_quarters(store)
    request = Request(quarters[max(0, len(quarters) - 8)], quarters[-1], "kvartal", (), Filters(kommune=kommune))
    for module in ("protection", "disclosure"):
        try:
            importlib.import_module(f"steering_core.{module}")._PROTECTIONS.clear()
            break
        except (ImportError, AttributeError):
            pass   # the code before has no cubes (or keeps them in disclosure)
    # Cold means built: the decisions kept beside the database are removed first.
    shutil.rmtree(Path(db).with_name(Path(db).name + ".beskyttelse"), ignore_errors=True)
    times = []
    for _ in range(1 + repeat):
        started = time.perf_counter()
        frame = engine.compute(store, None, request)
        times.append(time.perf_counter() - started)
    return {"cold": times[0], "warm": min(times[1:]), "rows": len(frame),
            "hidden": int(frame["suppressed"].astype(bool).sum())}


# --------------------------------------------------------------------------------------------
# The parent: builds the databases, runs before and after, prints and records the comparison
# --------------------------------------------------------------------------------------------

def run_worker(tree: Path, *args: str) -> dict:
    """This file's worker inside ``tree`` (its steering_core first on the path)."""
    command = [PYTHON, str(HERE), "--worker", "--tree", str(tree), *args]
    done = subprocess.run(command, cwd=tree, capture_output=True, text=True,
                          env={**__import__("os").environ, "PYTHONPATH": str(tree)})
    if done.returncode != 0:
        raise SystemExit(f"worker in {tree} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def before_tree(commit: str) -> Path:
    """A checkout of ``commit`` in /tmp (made once, reused while it is at that commit)."""
    root = HERE.parent.parent
    wanted = subprocess.run(["git", "rev-parse", commit], cwd=root, capture_output=True, text=True,
                            check=True).stdout.strip()
    for path in (Path("/tmp/bench11_before"), Path(f"/tmp/bench11_before_{commit}")):
        if path.exists():
            head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=path, capture_output=True, text=True).stdout.strip()
            if head == wanted:
                return path
    path = Path(f"/tmp/bench11_before_{commit}")
    subprocess.run(["git", "worktree", "add", "--detach", str(path), commit], cwd=root, check=True,
                   capture_output=True)
    return path


def share(page: dict) -> tuple[int, int]:
    figures = [f for f in page.get("figures", []) if f["state"] not in ("not offered", "no suppression column")]
    return sum(f["hidden"] for f in figures), sum(f["rows"] for f in figures)


def percent(hidden: int, rows: int) -> str:
    return f"{100 * hidden / rows:.1f} % ({hidden}/{rows})" if rows else "–"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--tree")
    parser.add_argument("--task")
    parser.add_argument("--db")
    parser.add_argument("--kommune")
    parser.add_argument("--district")
    parser.add_argument("--before", default="f112ebf")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--skip-timing", action="store_true")
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, args.tree)
        result = (worker_utility(args.db, args.kommune, args.district) if args.task == "utility"
                  else worker_timing(args.db, args.repeat, args.kommune))
        print(json.dumps(result))
        return

    sys.path.insert(0, str(HERE.parent))
    import _common
    from steering_core import demo, engine
    from steering_core.store import Store

    after = _common.ROOT
    before = before_tree(args.before)
    demo_db = _common.municipal_database(args.rebuild)
    national_db = _common.national_database(args.rebuild)
    national_kommune = pick_kommune(national_db)
    cases = []
    for name, db, kommune in (("demo", demo_db, demo.DEMO_KOMMUNE), ("national", national_db, national_kommune)):
        district = engine.districts(Store(db), kommune)[0]
        cases += [(name, db, kommune, None), (name, db, kommune, district)]

    results = {}
    for name, db, kommune, district in cases:
        scope = f"distrikt {district}" if district else "kommune"
        for label, tree in (("before", before), ("after", after)):
            extra = ["--district", district] if district else []
            print(f"{name} · {kommune} · {scope} · {label} ...", flush=True)
            results[(name, scope, label)] = run_worker(tree, "--task", "utility", "--db", str(db),
                                                       "--kommune", kommune, *extra)

    header = ["database", "scope", "page", "hidden before", "hidden after", "seconds before/after"]
    rows = []
    for name, _, kommune, district in cases:
        scope = f"distrikt {district}" if district else "kommune"
        b, a = results[(name, scope, "before")], results[(name, scope, "after")]
        for page in (*PAGES, "overview"):
            pb, pa = b["pages"][page], a["pages"][page]
            rows.append([f"{name} ({kommune})", scope, page,
                         pb.get("error", percent(*share(pb)))[:60], pa.get("error", percent(*share(pa)))[:60],
                         f"{pb['seconds']:.1f} / {pa['seconds']:.1f}"])
        total_b = [sum(x) for x in zip(*(share(b["pages"][p]) for p in (*PAGES, "overview")))]
        total_a = [sum(x) for x in zip(*(share(a["pages"][p]) for p in (*PAGES, "overview")))]
        rows.append([f"{name} ({kommune})", scope, "**all pages**", percent(*total_b), percent(*total_a), ""])
    print()
    _common.print_table(header, rows)

    losses = []
    for name, _, kommune, district in cases:
        scope = f"distrikt {district}" if district else "kommune"
        b, a = results[(name, scope, "before")], results[(name, scope, "after")]
        for page in (*PAGES, "overview"):
            states_b = {f["key"]: f for f in b["pages"][page].get("figures", [])}
            for f in a["pages"][page].get("figures", []):
                old = states_b.get(f["key"])
                was = old["state"] if old else "absent"
                lost = f["state"].startswith(("all hidden", "not offered")) and not was.startswith(
                    ("all hidden", "not offered", "no data"))
                more = (old and f["rows"] and old["rows"] and f["state"] not in ("not offered",)
                        and f["hidden"] / f["rows"] >= old["hidden"] / old["rows"] + 0.25)
                if lost or more:
                    losses.append([name, scope, page, f["key"], f"{was} {old['hidden'] if old else 0}/"
                                   f"{old['rows'] if old else 0}", f"{f['state']} {f['hidden']}/{f['rows']}"])
    print("\nWhat a steering group loses (figures newly fully hidden or not offered, or ≥ 25 points more hidden):")
    loss_header = ["database", "scope", "page", "figure", "before", "after"]
    _common.print_table(loss_header, losses or [["–"] * 6])

    timing_rows = []
    if not args.skip_timing:
        for label, tree in (("before", before), ("after", after)):
            print(f"national timing · {label} ...", flush=True)
            timed = run_worker(tree, "--task", "timing", "--db", str(national_db), "--repeat", str(args.repeat),
                               "--kommune", national_kommune)
            timing_rows.append([label, f"{timed['cold']:.2f} s", f"{timed['warm']:.2f} s", str(timed["rows"]),
                                str(timed["hidden"])])
        print()
        _common.print_table(["code", "cold (first compute, cubes built)", "warm", "rows", "hidden rows"],
                            timing_rows)

    period = results[cases[0][0], "kommune", "after"]
    notes = [f"Before: {args.before}; after: this tree. Pages asked as the sidebar does: "
             f"{period['first']}–{period['last']}, no breakdown; national: kommune {national_kommune}.",
             "Share hidden = suppressed rows / rows of figure tables with a suppressed column; "
             "a figure not offered at the scope counts no rows (listed under losses); a tile is one cell."]
    notes += [f"Loss: {' · '.join(row)}" for row in losses]
    if timing_rows:
        notes += [f"National, all indicators, kommune {national_kommune}, 8 quarters, {row[0]}: cold {row[1]}, warm {row[2]} "
                  f"({row[3]} rows, {row[4]} hidden)" for row in timing_rows]
    _common.append_results("Disclosure: cells hidden per page, before and after", header, rows, notes)


def pick_kommune(path: Path) -> str:
    """The national municipality with the median number of UTM meetings: a typical one."""
    from steering_core.store import Store
    with Store(path).connect(read_only=True) as con:
        counts = con.execute("SELECT kommune, count(*) FROM utm GROUP BY 1 ORDER BY 2, 1").fetchall()
    return counts[len(counts) // 2][0]


if __name__ == "__main__":
    main()
