"""Generic cell parsing: a recognised sheet's rows and cells read by their column's kind, and the
helpers every sheet's rules share to report on rows and to type a frame as the store keeps it.

Nothing here knows a particular sheet; the rules of each sheet are in ``sheet_rules``, and
``validation`` runs both.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Sequence

import numpy as np
import pandas as pd

from steering_core.cleantext import clean, needs_cleaning
from steering_core.periods import Period
from steering_core.texts import t
from steering_core.upload import contract as c
from steering_core.upload.parsing import (
    EARLIEST, LATEST, ParseError, fold, is_blank, key, parse_amount, parse_date, parse_int, parse_period, parse_text,
    parse_year, parse_yesno, shown,
)
from steering_core.upload.problems import ERROR, WARNING, Problem, problem
from steering_core.upload.recognise import Layout

_PARSERS = {c.TEXT: parse_text, c.DATE: parse_date, c.INT: parse_int, c.AMOUNT: parse_amount,
            c.NUMBER: parse_amount, c.YESNO: parse_yesno, c.PERIOD: parse_period, c.YEAR: parse_year}
_TOTAL_WORDS = ("i alt", "ialt", "total", "totalt", "sum", "samlet", "i alt kr.", "total kr.")
# every spelling a total cell is likely to have, so finding them is one set intersection
_TOTAL_SPELLINGS = {form + end for word in _TOTAL_WORDS
                    for form in (word, word.upper(), word.title(), word.capitalize())
                    for end in ("", ":", " ", " :")}
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# Dates outside this window are kept but warned about: the product follows work from 2000 onwards,
# and only a planned end (Column.future_dates) lies more than a year ahead.
PLAUSIBLE_FROM = date(2000, 1, 1)
PLAUSIBLE_AHEAD = timedelta(days=366)
_DASH_ONLY = {"-", "\u2013", "\u2014", "\u2212", "--"}
HIDDEN_ROWS_SHOWN = 10
ORIGIN = ("_layout", "_row")


@dataclass
class Context:
    """What validation needs to know beyond the file."""

    kommune: str
    stored_units: dict[str, str] = field(default_factory=dict)   # enhed_id -> distrikt, for the kommune
    stated_quarter: Period | None = None
    # indsats_id -> (startdato, slutdato) of the kommune's courses, read only when a FIT sheet needs
    # them; validate() lays this upload's Indsatser over the stored ones.
    courses: dict[str, tuple[date | None, date | None]] = field(default_factory=dict)


class Sheet:
    """One layout's kept data rows and a way to report on its cells."""

    def __init__(self, index: int, layout: Layout, problems: list[Problem]):
        self.index = index
        self.layout = layout
        self.problems = problems
        self.rows: list[list[object]] = []
        self.excel_rows: list[int] = []
        self.kept: list[int] = []          # 0-based row indexes of ``rows`` in the sheet

    def report(self, severity: str, code: str, excel_row: int | None, at: str | None = None,
               **values: object) -> None:
        """A problem at ``excel_row`` in the contract column ``at`` (its letter and header as written)."""
        col = self.layout.columns.get(at) if at else None
        name = self.layout.header_of(at) if at else ""
        self.problems.append(problem(severity, code, file=self.layout.file, sheet=self.layout.sheet.name,
                                     row=excel_row, col=col, column_name=name, **values))


def collect_rows(sheet: Sheet) -> None:
    """The data rows below the header: blank rows dropped, total rows reported and dropped."""
    start = sheet.layout.header_index + 1
    below = sheet.layout.sheet.rows[start:]
    first = min(sheet.layout.headers, default=0)   # the table may start right of column A
    totals = _total_rows(sheet.layout.sheet.columns[first:first + 3], start)
    keep, numbers, kept = sheet.rows, sheet.excel_rows, sheet.kept
    for offset, row in enumerate(below):
        if not any(row) and all(v is None or v == "" or v is False for v in row):
            continue  # blank (a lone 0 or False still counts as content)
        if offset in totals:
            sheet.report(WARNING, "upload.warn.total_row", start + offset + 1, found=totals[offset])
            continue
        keep.append(row)
        numbers.append(start + offset + 1)
        kept.append(start + offset)


def _total_rows(columns: list[tuple[object, ...]], start: int) -> dict[int, str]:
    """Rows (counted from ``start``) with 'I alt', 'Total', 'Sum' ... in one of the table's first three columns."""
    found: dict[int, str] = {}
    for column in columns:
        below = column[start:]
        words = _TOTAL_SPELLINGS.intersection(below)
        if words:
            for index, value in enumerate(below):
                if value in words and index not in found:
                    found[index] = value.strip()
    return found


def parse_sheet(sheet: Sheet) -> pd.DataFrame:
    layout = sheet.layout
    data: dict[str, list[object]] = {}
    n = len(sheet.rows)
    first, last = sheet.kept[0], sheet.kept[-1]
    whole = last - first + 1 == n   # no blank or total rows in between: slice the shared columns
    columns = layout.sheet.columns
    for column in layout.spec.columns:
        col = layout.columns.get(column.name)
        if col is None:
            data[column.name] = [None] * n
            continue
        values = columns[col]
        raw = values[first:last + 1] if whole else [values[i] for i in sheet.kept]
        data[column.name] = _parse_column(sheet, column, raw)
    # object columns while rules fill in derived values; typed in the rules' last step
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in data.items()})
    frame["_layout"] = sheet.index
    frame["_row"] = sheet.excel_rows
    return frame


_BAD = object()


_SLOW = object()


def _fast_pass(kind: str, raw: Sequence[object]) -> list[object]:
    """Cells as Excel usually gives them, converted in one sweep; the rest marked for the parser."""
    if kind == c.DATE:
        return [v if type(v) is date and EARLIEST <= v <= LATEST else (None if v == "" else _SLOW) for v in raw]
    if kind == c.INT:
        return [int(v) if type(v) is float and v.is_integer() else (None if v == "" else _SLOW) for v in raw]
    if kind in (c.AMOUNT, c.NUMBER):
        return [v if type(v) is float else (None if v == "" else _SLOW) for v in raw]
    return [_SLOW] * len(raw)


def _parse_column(sheet: Sheet, column: c.Column, raw: Sequence[object]) -> list[object]:
    if column.kind == c.CHOICE:
        return _parse_choices(sheet, column, raw)
    rows = sheet.excel_rows
    if column.kind == c.TEXT:
        try:
            out = [v or None for v in map(str.strip, raw)]   # all text: strip in C
        except TypeError:
            out = [(v.strip() or None) if type(v) is str else parse_text(v) for v in raw]
        _clean_texts(sheet, column, out)
    else:
        out = _fast_pass(column.kind, raw)
        if _SLOW in out:
            _parse_slow(sheet, column, raw, out)
    if column.required and column.name != "trin" and column.kind != c.YESNO and None in out:
        noted = _noted(sheet)
        col = sheet.layout.columns[column.name]
        for i, value in enumerate(out):
            if value is None and is_blank(raw[i]) and (rows[i], col) not in noted:
                sheet.report(ERROR, "upload.err.required", rows[i], column.name, column=column.name)
    if column.kind == c.AMOUNT:
        _check_percent(sheet, column, raw, out)
    if column.kind == c.DATE:
        _check_plausible(sheet, column, out)
    if column.kind == c.YESNO and any(type(v) is str and v.strip().lower() == "x" for v in set(raw)):
        out = [False if v is None else v for v in out]  # x/blank: a blank cell means no
    if column.kind in _LIMITS:
        _check_limits(sheet, column, out)
    return out


def _clean_texts(sheet: Sheet, column: c.Column, out: list[object]) -> None:
    """The text rule (steering_core.cleantext) on every cell; a warning where something unseen was removed."""
    if not needs_cleaning("".join(v for v in out if type(v) is str)):
        return
    for i, value in enumerate(out):
        if type(value) is not str or not needs_cleaning(value):
            continue
        cleaned = clean(value)
        out[i] = cleaned.text or None
        if cleaned.changed_unseen:
            what = [t(key, count=n) for key, n in (("upload.clean.invisible", cleaned.invisible),
                                                   ("upload.clean.control", cleaned.controls)) if n]
            sheet.report(WARNING, "upload.warn.text_cleaned", sheet.excel_rows[i], column.name,
                         what=t("upload.clean.and").join(what), found=shown(cleaned.text))


def _noted(sheet: Sheet) -> set[tuple[int, int]]:
    notes = sheet.layout.sheet.notes
    return set(notes.blank_formulas) | set(notes.error_cells)


def check_noted_cells(sheet: Sheet) -> None:
    """Formulas saved without a result and Excel errors (#N/A ...) in the contract's columns: the value is unknown."""
    notes = sheet.layout.sheet.notes
    if not notes.blank_formulas and not notes.error_cells:
        return
    by_index = {index: name for name, index in sheet.layout.columns.items()}
    kept = set(sheet.excel_rows)
    for (row, col), text in sorted(notes.error_cells.items()):
        if row in kept and col in by_index:
            sheet.report(ERROR, "upload.err.excel_error", row, by_index[col], found=text)
    for row, col in sorted(notes.blank_formulas):
        if row in kept and col in by_index:
            sheet.report(ERROR, "upload.err.formula_no_value", row, by_index[col])


def check_hidden_rows(sheet: Sheet) -> None:
    kept = set(sheet.excel_rows)
    hidden = [row for row in sheet.layout.sheet.notes.hidden_rows if row in kept]
    if hidden:
        shown_rows = ", ".join(map(str, hidden[:HIDDEN_ROWS_SHOWN])) + (" …" if len(hidden) > HIDDEN_ROWS_SHOWN else "")
        sheet.report(WARNING, "upload.warn.hidden_rows", None, count=len(hidden), rows=shown_rows)


def _check_percent(sheet: Sheet, column: c.Column, raw: Sequence[object], out: list[object]) -> None:
    """An amount written with '%' is stored as the number; say so, it may be a share by mistake."""
    if not any(type(v) is str and "%" in v for v in set(map(_hashable, raw))):
        return
    for i, value in enumerate(raw):
        if type(value) is str and "%" in value and out[i] is not None:
            sheet.report(WARNING, "upload.warn.percent_amount", sheet.excel_rows[i], column.name,
                         found=shown(value), stored=shown(out[i]))


def _hashable(value: object) -> object:
    return value if type(value) is str else None


def _check_plausible(sheet: Sheet, column: c.Column, out: list[object]) -> None:
    from steering_core.formatting import day
    present = [v for v in out if v is not None]
    if not present:
        return
    latest = None if column.future_dates else date.today() + PLAUSIBLE_AHEAD
    if min(present) >= PLAUSIBLE_FROM and (latest is None or max(present) <= latest):
        return
    for i, value in enumerate(out):
        if value is not None and (value < PLAUSIBLE_FROM or (latest is not None and value > latest)):
            sheet.report(WARNING, "upload.warn.date_window" if latest else "upload.warn.date_early",
                         sheet.excel_rows[i], column.name, found=day(value), start=day(PLAUSIBLE_FROM),
                         end=day(latest) if latest else "")


def _parse_slow(sheet: Sheet, column: c.Column, raw: Sequence[object], out: list[object]) -> None:
    """The cells the fast pass left: each distinct value parsed once, problems reported per cell."""
    parser = _PARSERS[column.kind]
    code = "upload.err.type." + column.kind
    if out[0] is _SLOW and set(map(type, raw)) == {str}:
        # a text-only column (yes/no, periods ...): one parse per distinct text, then one sweep
        parsed = {value: _try(parser, value) for value in set(raw)}
        out[:] = [parsed[value] for value in raw]
        if _BAD not in parsed.values():
            return
        pending = [i for i, v in enumerate(out) if v is _BAD]
    else:
        pending = [i for i, v in enumerate(out) if v is _SLOW]
    memo: dict[object, object] = {}
    for i in pending:
        value = raw[i]
        kind = type(value)
        token = value if kind is str or kind is date else (kind, value)  # 1 == 1.0 == True
        if token not in memo:
            memo[token] = _try(parser, value)
        parsed_value = memo[token]
        if parsed_value is _BAD:
            dash = column.kind == c.AMOUNT and type(value) is str and value.strip() in _DASH_ONLY
            sheet.report(ERROR, "upload.err.dash_amount" if dash else code, sheet.excel_rows[i], column.name,
                         found=shown(value))
            parsed_value = None
        out[i] = parsed_value


def _try(parser, value: object) -> object:
    try:
        return parser(value)
    except (ParseError, TypeError, ValueError, OverflowError):
        return _BAD


# What the store's columns hold: INTEGER, and DECIMAL(14, 2) for amounts.
_LIMITS = {c.INT: 2**31 - 1, c.YEAR: 2**31 - 1, c.AMOUNT: 10**12 - 1, c.NUMBER: 10**15}


def _check_limits(sheet: Sheet, column: c.Column, values: list[object]) -> None:
    """The contract's range (alder 0-22, antal >= 0 ...) and what the store holds; one sweep when all is well."""
    present = [v for v in values if v is not None]
    if not present:
        return
    largest = _LIMITS[column.kind]
    low = column.minimum if column.minimum is not None else -largest
    high = column.maximum if column.maximum is not None else largest
    if low <= min(present) and max(present) <= high:
        return
    for i, value in enumerate(values):
        if value is None or low <= value <= high:
            continue
        if abs(value) > largest:
            sheet.report(ERROR, "upload.err.too_big", sheet.excel_rows[i], column.name, found=shown(value))
        elif column.maximum is None:
            sheet.report(ERROR, "upload.err.negative", sheet.excel_rows[i], column.name,
                         found=shown(value), column=column.name)
        elif column.kind == c.NUMBER:   # decimals allowed (a FIT score of 31,5)
            sheet.report(ERROR, "upload.err.range_number", sheet.excel_rows[i], column.name,
                         found=shown(value), minimum=shown(low), maximum=shown(high))
        else:
            sheet.report(ERROR, "upload.err.range", sheet.excel_rows[i], column.name,
                         found=shown(value), minimum=int(low), maximum=int(high))
        values[i] = None


def _parse_choices(sheet: Sheet, column: c.Column, raw: Sequence[object]) -> list[object]:
    lookup = column.value_lookup()
    allowed = ", ".join(column.choices)
    # each distinct cell is looked up once (1 == 1.0 == True: only text shares a slot by value)
    tokens = raw if set(map(type, raw)) == {str} else [v if type(v) is str else (type(v), v) for v in raw]
    mapping: dict[object, object] = {}
    for token in set(tokens):
        value = token if type(token) is str else token[1]
        mapping[token] = None if is_blank(value) else lookup.get(key(parse_text(value)), _BAD)
    out = [mapping[token] for token in tokens]
    if _BAD not in mapping.values() and not (column.required and None in mapping.values()):
        return out
    for i, found in enumerate(out):
        if found is None and column.required:
            sheet.report(ERROR, "upload.err.required", sheet.excel_rows[i], column.name, column=column.name)
        elif found is _BAD:
            value = raw[i]
            text = parse_text(value)
            suggestion = _nearest(text, lookup)
            if column.open_list:
                sheet.report(WARNING, "upload.warn.choice_open", sheet.excel_rows[i], column.name,
                             found=shown(value), allowed=allowed)
                out[i] = "_".join(fold(clean(text).text).split())
                continue
            if suggestion:
                sheet.report(ERROR, "upload.err.choice", sheet.excel_rows[i], column.name,
                             found=shown(value), suggestion=suggestion, allowed=allowed)
            else:
                sheet.report(ERROR, "upload.err.choice_plain", sheet.excel_rows[i], column.name,
                             found=shown(value), allowed=allowed)
            out[i] = None
    return out


def _nearest(text: str, lookup: dict[str, str]) -> str | None:
    """The allowed value closest to what was written (difflib), if any is close."""
    match = difflib.get_close_matches(key(text), list(lookup), n=1, cutoff=0.6)
    return lookup[match[0]] if match else None


def where(sheets: list[Sheet], here: tuple[int, int], there: tuple[int, int]) -> str:
    from steering_core.texts import t
    (layout_here, _), (layout_there, row_there) = here, there
    other = sheets[layout_there].layout
    parts = []
    if layout_there != layout_here:
        if other.file != sheets[layout_here].layout.file:
            parts.append(t("upload.loc.file", file=other.file).lower())
        parts.append(t("upload.loc.sheet", sheet=other.sheet.name))
    parts.append(t("upload.loc.row", row=row_there))
    return ", ".join(parts)


def report_rows(frame: pd.DataFrame, mask: pd.Series, sheets: list[Sheet], severity: str, code: str,
                 at: str | None, **fixed: object) -> None:
    """Report ``code`` for every row in ``mask``; ``fixed`` values may name frame columns as ``col:<name>``."""
    if not mask.any():
        return
    chosen = frame.loc[mask]
    named = {k: v[4:] for k, v in fixed.items() if isinstance(v, str) and v.startswith("col:")}
    columns = {k: chosen[name].tolist() for k, name in named.items()}
    for i, (layout, row) in enumerate(zip(chosen["_layout"].tolist(), chosen["_row"].tolist())):
        values = {**fixed, **{k: show(v[i]) for k, v in columns.items()}}
        sheets[layout].report(severity, code, row, at, **values)


def show(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        value = value.date()
    return shown(value)


def check_reference(frame: pd.DataFrame, column: str, allowed: set[str], sheets: list[Sheet],
                     context: Context, code: str) -> None:
    mask = frame[column].notna() & ~frame[column].isin(allowed)
    report_rows(frame, mask, sheets, ERROR, code, column, found=f"col:{column}", kommune=context.kommune)


def check_in_quarter(frame: pd.DataFrame, column: str, mask: pd.Series, sheets: list[Sheet],
                      quarter: Period) -> None:
    from steering_core.formatting import day
    report_rows(frame, mask, sheets, ERROR, "upload.err.outside_quarter", column, found=f"col:{column}",
                 quarter=quarter.label, start=day(quarter.start), end=day(quarter.end))


def as_dates(frame: pd.DataFrame, *columns: str) -> None:
    """Columns of ``date``/None as datetime64 (NaT for blank), which pandas compares and DuckDB stores."""
    for column in columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            continue      # already converted by a sheet's rule
        # via day numbers: numpy converts a list of date objects slowly
        days = np.array([d.toordinal() if d is not None else 0 for d in frame[column].tolist()], dtype="int64")
        values = (days - _EPOCH_ORDINAL).astype("datetime64[D]").astype("datetime64[s]")
        values[days == 0] = np.datetime64("NaT")
        frame[column] = pd.Series(values, index=frame.index)


# The pandas type each kind is stored from (dates: datetime64 via as_dates).
_DTYPES = {c.INT: "Int64", c.YEAR: "Int64", c.AMOUNT: "float64", c.NUMBER: "float64", c.YESNO: "boolean"}


def finish(frame: pd.DataFrame, table: str, context: Context, keep_blank: tuple[str, ...] = ()) -> pd.DataFrame:
    """The store's columns, typed as declared: the municipality, blanks as the store holds them, dates and numbers."""
    spec = c.BY_TABLE[table]
    frame["kommune"] = frame["kommune"].fillna(context.kommune) if "kommune" in frame else context.kommune
    for column in spec.stored:
        if column.blank is not None and column.name not in keep_blank:
            frame[column.name] = frame[column.name].fillna(column.blank)
        if column.kind == c.DATE:
            as_dates(frame, column.name)
        elif column.kind in _DTYPES:
            frame[column.name] = frame[column.name].astype(_DTYPES[column.kind])
    columns = list(spec.store_columns) + list(ORIGIN)
    return frame[columns].reset_index(drop=True)


def cells_with_errors(sheets: list[Sheet], column: str) -> set[tuple[int, int]]:
    """(layout, Excel row) of the cells in ``column`` already reported as errors (a bad value is now blank)."""
    found: set[tuple[int, int]] = set()
    for sheet in sheets:
        col = sheet.layout.columns.get(column)
        if col is None:
            continue
        found |= {(sheet.index, p.row) for p in sheet.problems
                  if p.is_error and p.col == col and p.file == sheet.layout.file and p.sheet == sheet.layout.sheet.name}
    return found
