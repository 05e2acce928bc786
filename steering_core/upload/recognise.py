"""Which contract sheet each sheet of a file is, where its header row is, and which column is which.

A sheet is recognised by its name (``UTM``, ``Økonomi``, ``indsatser_2025K3.csv``)
or, failing that, by its headers. The header row may sit below a title and
blank rows; headers may be in another case, with spaces, in English, or in
another order. Unknown columns are kept aside and reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from steering_core.formatting import number
from steering_core.upload.contract import INFO_SHEETS, SHEETS, SheetSpec, spec_for_name
from steering_core.upload.parsing import is_blank, key
from steering_core.upload.problems import ERROR, WARNING, Problem, column_letter, problem
from steering_core.upload.reading import RawFile, RawSheet

HEADER_SEARCH_ROWS = 30
EXTRA_COLUMNS_SHOWN = 5   # beyond this, unknown columns are one warning (a 16.384-column sheet is one mistake)


@dataclass
class Layout:
    """A recognised sheet: its contract, its header row and its columns."""

    file: str
    sheet: RawSheet
    spec: SheetSpec
    header_index: int                                          # 0-based row index of the header row
    columns: dict[str, int] = field(default_factory=dict)      # contract column -> column index
    headers: dict[int, str] = field(default_factory=dict)      # column index -> header as written
    extra: dict[int, str] = field(default_factory=dict)        # unknown columns: index -> header

    @property
    def header_row(self) -> int:
        """The header row as Excel numbers it."""
        return self.header_index + 1

    def header_of(self, column: str) -> str:
        index = self.columns.get(column)
        return self.headers.get(index, column) if index is not None else column


def _match_row(row: list[object], spec: SheetSpec) -> dict[str, int]:
    lookup = {k: c.name for c in spec.columns for k in c.keys}
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        if isinstance(cell, str) and cell.strip():
            name = lookup.get(key(cell))
            if name and name not in found:
                found[name] = index
    return found


def _best_header(rows: list[list[object]], spec: SheetSpec) -> tuple[int, dict[str, int]]:
    best_index, best = -1, {}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = _match_row(row, spec)
        if len(found) > len(best):
            best_index, best = index, found
    return best_index, best


def _layout(file: str, sheet: RawSheet, spec: SheetSpec, index: int, found: dict[str, int],
            problems: list[Problem]) -> Layout:
    layout = Layout(file, sheet, spec, index, dict(found))
    unknown: list[tuple[int, str]] = []   # unknown columns: one warning each, or one for them all
    used = set(found.values())
    lookup = {k: c.name for c in spec.columns for k in c.keys}
    for col, cell in enumerate(sheet.rows[index]):
        if is_blank(cell):
            continue
        text = str(cell).strip()
        layout.headers[col] = text
        if col in used:
            continue
        name = lookup.get(key(text)) if isinstance(cell, str) else None
        layout.extra[col] = text
        if name:
            problems.append(problem(WARNING, "upload.warn.duplicate_column", file=file, sheet=sheet.name,
                                    row=layout.header_row, col=col, column_name=text, found=text,
                                    first=column_letter(found[name])))
        else:
            unknown.append((col, text))
    if len(unknown) > EXTRA_COLUMNS_SHOWN:
        names = ", ".join(f"'{text}'" for _, text in unknown[:EXTRA_COLUMNS_SHOWN])
        problems.append(problem(WARNING, "upload.warn.extra_columns", file=file, sheet=sheet.name,
                                row=layout.header_row, count=number(len(unknown)), names=names))
    else:
        problems.extend(problem(WARNING, "upload.warn.extra_column", file=file, sheet=sheet.name,
                                row=layout.header_row, col=col, column_name=text, found=text) for col, text in unknown)
    return layout


def recognise(raw: RawFile) -> tuple[list[Layout], list[Problem]]:
    """The contract sheets in one file, and the problems met finding them.

    A csv file is one sheet named after the file, so ``utm_2025K3.csv`` is a UTM sheet.
    """
    layouts: list[Layout] = []
    problems: list[Problem] = []
    for sheet in raw.sheets:
        if sheet.hidden:
            problems.append(problem(WARNING, "upload.warn.hidden_sheet", file=raw.name, sheet=sheet.name))
            continue
        if key(sheet.name) in INFO_SHEETS or not _has_content(sheet.rows):
            continue  # the template's guide, or an empty sheet such as "Ark2"
        named = spec_for_name(sheet.name)
        index, found = _best_header(sheet.rows, named) if named else (-1, {})
        if named is None or len(found) < 2:
            guess = _guess(sheet.rows)
            if guess is not None:
                named, index, found = guess
        if named is None:
            problems.append(problem(WARNING, "upload.warn.unknown_sheet", file=raw.name, sheet=sheet.name,
                                    sheets=", ".join(spec.name for spec in SHEETS)))
        elif not found:
            problems.append(problem(ERROR, "upload.err.no_header", file=raw.name, sheet=sheet.name, spec=named.name,
                                    columns=", ".join(c.name for c in named.required)))
        else:
            layouts.append(_layout(raw.name, sheet, named, index, found, problems))
    return layouts, problems


def _has_content(rows: list[list[object]]) -> bool:
    return any(not is_blank(v) for row in rows[:HEADER_SEARCH_ROWS] for v in row)


def _guess(rows: list[list[object]]) -> tuple[SheetSpec, int, dict[str, int]] | None:
    """The contract sheet whose headers fit best, if any fits well enough."""
    best = None
    for spec in SHEETS:
        index, found = _best_header(rows, spec)
        needed = max(2, (len(spec.required) + 1) // 2)
        if len(found) < needed:
            continue
        score = (len(found), len(found) / len(spec.columns))
        if best is None or score > best[0]:
            best = (score, spec, index, found)
    return None if best is None else best[1:]
