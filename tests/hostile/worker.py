"""Import hostile files one by one, as the CLI and the Upload page do, and report each as a JSON line.

    python -m tests.hostile.worker DB FILE...

Runs in its own process so the test survives whatever a file does to it: a line
``{"start": name}`` is printed before each file, so a death names its file.
Each result carries every table's row count and checksum before and after.
"""
from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

from steering_core.store import Store
from tests import samples
from steering_core.upload.importer import commit, import_files, prepare
from steering_core.upload.report import report_bytes


def checksum(store: Store) -> dict[str, list]:
    """Every table's row count and a digest of its rows (order-independent)."""
    with store.connect(read_only=True) as con:
        tables = [name for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        return {name: list(con.execute(
            f'SELECT count(*), coalesce(md5(string_agg(CAST(x AS VARCHAR), \'|\' ORDER BY CAST(x AS VARCHAR))), \'\') '
            f'FROM "{name}" x').fetchone()) for name in tables}


def formula_cells(data: bytes | None) -> int:
    """Cells in a written report that a spreadsheet would run."""
    if data is None:
        return 0
    import openpyxl
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return sum(1 for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
               if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r"
                                            and cell.value not in ("-",)))


def main(argv: list[str]) -> int:
    store = Store(argv[0])
    seeded = commit(prepare([("seed.xlsx", samples.quarterly_workbook())], store=store), store=store, user="seed")
    assert seeded.stored, seeded.message
    for name in argv[1:]:
        path = Path(name)
        print(json.dumps({"start": path.name}), flush=True)
        started = time.perf_counter()
        before = checksum(store)
        prepared, result = import_files([path], store=store, user="hostile")
        report = None if prepared.stopped else report_bytes(prepared)
        print(json.dumps({
            "name": path.name,
            "stored": bool(result and result.stored),
            "problems": [[p.severity, p.code, p.message, p.file, p.sheet] for p in prepared.problems],
            "unchanged": checksum(store) == before,
            "report_formulas": formula_cells(report),
            "seconds": round(time.perf_counter() - started, 2),
        }, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
