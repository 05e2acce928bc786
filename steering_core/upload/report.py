"""The problem report: a copy of the user's file with every problem cell coloured and commented.

The first sheet, "Problemer", lists every problem; then come the user's
sheets (values only, hidden sheets stay hidden) where error cells are red,
warning cells yellow, each with a comment saying what was found and what was
expected. Written in openpyxl's write-only mode, so a 100.000-row file is no
problem. No report is made when the upload was stopped for a CPR number:
the copy would contain it.
"""
from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path, PurePath

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from steering_core.exports import safe_text
from steering_core.texts import t
from steering_core.upload.importer import Prepared
from steering_core.upload.problems import Problem, problems_frame

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
HEADER_FONT = Font(bold=True)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def report_bytes(prepared: Prepared) -> bytes | None:
    """The report as .xlsx bytes, or None when there is nothing to copy (CPR stop, unreadable file)."""
    if prepared.stopped or not prepared.raw_files:
        return None
    try:
        return _report(prepared)
    except Exception:  # noqa: BLE001 - the report is a help; a value Excel cannot hold must not break the upload
        return None


def _clean(value: object) -> object:
    """A cell value Excel can store and will not run: '' as empty, text through ``exports.safe_text``.

    The copy holds whatever the upload held, ``=HYPERLINK(...)`` included: text that starts like a
    formula gets a leading apostrophe (OWASP); numbers stay numbers.
    """
    if value == "":
        return None
    if type(value) is str:
        return safe_text(value)
    return value


def _report(prepared: Prepared) -> bytes:
    workbook = Workbook(write_only=True)
    _problem_sheet(workbook, prepared.problems)
    by_cell: dict[tuple[str, str], dict[tuple[int, int], list[Problem]]] = defaultdict(lambda: defaultdict(list))
    for p in prepared.problems:
        if p.row is not None:
            by_cell[(p.file, p.sheet)][(p.row, p.col if p.col is not None else 0)].append(p)
    used: set[str] = {t("upload.report.sheet")}
    several = len(prepared.raw_files) > 1
    for raw in prepared.raw_files:
        for sheet in raw.sheets:
            title = _title(f"{PurePath(raw.name).stem}-{sheet.name}" if several else sheet.name, used)
            target = workbook.create_sheet(title)
            if sheet.hidden:
                target.sheet_state = "hidden"
            marks = by_cell.get((raw.name, sheet.name), {})
            width = max((len(row) for row in sheet.rows), default=0)
            for r, row in enumerate(sheet.rows, 1):
                marked_cols = {col for (row_no, col) in marks if row_no == r} if marks else ()
                if not marked_cols:
                    target.append([_clean(v) for v in row])
                    continue
                cells = []
                for col in range(max(width, max(marked_cols) + 1)):
                    value = row[col] if col < len(row) else None
                    problems = marks.get((r, col))
                    if not problems:
                        cells.append(_clean(value))
                        continue
                    cell = WriteOnlyCell(target, value=_clean(value))
                    cell.fill = ERROR_FILL if any(p.is_error for p in problems) else WARNING_FILL
                    cell.comment = Comment(_clean("\n".join(p.message for p in problems)), "Styringsdashboard",
                                           width=320, height=40 + 30 * len(problems))
                    cells.append(cell)
                target.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_report(prepared: Prepared, path: str | Path) -> bool:
    """Write the report to ``path``; False when there is nothing to write."""
    data = report_bytes(prepared)
    if data is None:
        return False
    Path(path).write_bytes(data)
    return True


def _problem_sheet(workbook: Workbook, problems: list[Problem]) -> None:
    sheet = workbook.create_sheet(t("upload.report.sheet"))
    frame = problems_frame(problems)
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 16
    sheet.column_dimensions["D"].width = 8
    sheet.column_dimensions["E"].width = 24
    sheet.column_dimensions["F"].width = 110
    sheet.freeze_panes = "A2"
    header = []
    for name in frame.columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = HEADER_FONT
        header.append(cell)
    sheet.append(header)
    for row in frame.itertuples(index=False):
        sheet.append([None if (isinstance(v, float) and v != v) or v is None or str(v) == "<NA>" else _clean(v)
                      for v in row])


def _title(name: str, used: set[str]) -> str:
    base = ILLEGAL_CHARACTERS_RE.sub("", _BAD_SHEET_CHARS.sub("_", name)).strip("'")[:31] or "Ark"
    title, n = base, 2
    while title.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        title, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(title)
    return title
