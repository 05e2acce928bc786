"""The key-figure sheet ``Referencetal``: figures per municipality and year from FLIS or other sources.

One row per municipality, year and figure (docs/DATA_FORMAT.md): ``kommune``, ``aar``, ``noegletal``
(a catalogue indicator's id, a count a rate is derived from, or a background figure; see ``fields``),
``vaerdi``, optionally ``antal`` (the number of children or cases behind the figure) and ``kilde``.
"""
from __future__ import annotations

import pandas as pd

from steering_core.reference import fields
from steering_core.store import REFERENCE_TABLE
from steering_core.upload.parsing import ParseError, is_blank, key, parse_amount, parse_int, parse_year, shown
from steering_core.upload.problems import ERROR, Problem, problem

SHEET = "Referencetal"
COLUMNS = {"kommune": ("kommune", "municipality"), "aar": ("aar", "year", "år"),
           "noegletal": ("noegletal", "nøgletal", "indicator", "felt"), "vaerdi": ("vaerdi", "værdi", "value"),
           "antal": ("antal", "n", "count"), "kilde": ("kilde", "source")}
REQUIRED = ("kommune", "aar", "noegletal", "vaerdi")
DEFAULT_SOURCE = "Uploadet nøgletal"


def is_key_figure_sheet(name: str, rows: list[list[object]]) -> bool:
    return key(name) == key(SHEET) or (_header(rows) is not None and key(name) != "")


def _header(rows: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    aliases = {key(alias): name for name, names in COLUMNS.items() for alias in names}
    for index, row in enumerate(rows[:10]):
        found = {aliases[key(c)]: i for i, c in enumerate(row) if not is_blank(c) and key(c) in aliases}
        if all(name in found for name in REQUIRED):
            return index, found
    return None


def parse(rows: list[list[object]], *, file: str = "", sheet: str = SHEET) -> tuple[pd.DataFrame, list[Problem]]:
    """The sheet's rows as reference rows, and every problem with its row and column."""
    where = {"file": file, "sheet": sheet}
    header = _header(rows)
    if header is None:
        return _empty(), [problem(ERROR, "ref.err.columns", columns=", ".join(REQUIRED), **where)]
    index, columns = header
    problems: list[Problem] = []
    records, seen = [], {}
    for r in range(index + 1, len(rows)):
        row = list(rows[r]) + [""] * (max(columns.values()) + 1 - len(rows[r]))
        if all(is_blank(v) for v in row):
            continue
        at = {"row": r + 1, **where}

        def fail(name: str, code: str, **values):
            problems.append(problem(ERROR, code, col=columns[name], column_name=name, **at, **values))

        kommune = str(row[columns["kommune"]]).strip() if not is_blank(row[columns["kommune"]]) else ""
        if not kommune:
            fail("kommune", "ref.err.required")
        try:
            year = parse_year(row[columns["aar"]])
            if year is None:
                fail("aar", "ref.err.required")
        except ParseError:
            year = None
            fail("aar", "ref.err.year", found=str(row[columns["aar"]])[:20])
        name = str(row[columns["noegletal"]]).strip()
        if is_blank(row[columns["noegletal"]]):
            fail("noegletal", "ref.err.required")
        elif not fields.is_known(name):
            fail("noegletal", "ref.err.field", found=name[:40], known=", ".join(fields.FIELDS))
        try:
            value = parse_amount(row[columns["vaerdi"]])
            if value is None:
                fail("vaerdi", "ref.err.required")
            elif value < 0:
                fail("vaerdi", "ref.err.negative", found=str(row[columns["vaerdi"]])[:20])
            elif value > 100 and name in fields.PERCENT:
                fail("vaerdi", "ref.err.percent", found=shown(row[columns["vaerdi"]])[:20])
        except ParseError:
            value = None
            fail("vaerdi", "ref.err.number", found=str(row[columns["vaerdi"]])[:20])
        count = None
        if "antal" in columns:
            try:
                count = parse_int(row[columns["antal"]])
                if count is not None and count < 0:
                    fail("antal", "ref.err.negative", found=str(count))
            except ParseError:
                fail("antal", "ref.err.whole", found=str(row[columns["antal"]])[:20])
        source = DEFAULT_SOURCE
        if "kilde" in columns and not is_blank(row[columns["kilde"]]):
            source = str(row[columns["kilde"]]).strip()[:200]
        identity = (key(kommune), year, name, source)
        if identity in seen:
            problems.append(problem(ERROR, "ref.err.duplicate", other=seen[identity], col=columns["noegletal"],
                                    column_name="noegletal", **at))
        seen.setdefault(identity, r + 1)
        records.append((kommune, year, name, value, count, source))
    frame = pd.DataFrame(records, columns=["kommune", "aar", "felt", "vaerdi", "antal", "kilde"])
    if any(p.is_error for p in problems):
        return _empty(), problems
    frame = frame.assign(antal=pd.array(frame["antal"], dtype="Int64"), tabel=SHEET, hentet=None)
    return frame[list(REFERENCE_TABLE.columns)], problems


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(REFERENCE_TABLE.columns))
