"""Check recognised sheets against the contract and turn them into typed, store-ready tables.

Every problem is collected; nothing stops at the first. Cell problems carry
the file, sheet, Excel row and column; errors mean nothing is stored,
warnings store the rows and are listed.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Sequence

import numpy as np
import pandas as pd

from steering_core import domain
from steering_core.cleantext import clean, needs_cleaning
from steering_core.periods import Period
from steering_core.upload import contract as c
from steering_core.upload.parsing import (
    EARLIEST, LATEST, ParseError, fold, is_blank, key, parse_amount, parse_date, parse_int, parse_period, parse_text,
    parse_year, parse_yesno, shown,
)
from steering_core.upload.problems import ERROR, WARNING, Problem, problem
from steering_core.texts import t
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


@dataclass
class Validated:
    frames: dict[str, pd.DataFrame]          # table -> store columns + _layout/_row
    layouts: list[Layout]
    problems: list[Problem]
    extras: dict[int, pd.DataFrame]          # layout index -> unknown columns, kept aside

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


class _Sheet:
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


def validate(layouts: list[Layout], context: Context) -> Validated:
    problems: list[Problem] = []
    per_table: dict[str, list[pd.DataFrame]] = {}
    extras: dict[int, pd.DataFrame] = {}
    sheets: list[_Sheet] = []
    for index, layout in enumerate(layouts):
        sheet = _Sheet(index, layout, problems)
        sheets.append(sheet)
        _collect_rows(sheet)
        _check_columns(sheet)
        if not sheet.rows:
            continue
        per_table.setdefault(layout.spec.table, []).append(_parse_sheet(sheet))
        _check_noted_cells(sheet)
        _check_hidden_rows(sheet)
        if layout.extra:
            # built by rows as plain objects: a sheet may carry thousands of unknown columns
            wanted = list(layout.extra)
            extras[index] = pd.DataFrame(
                [[row[col] if col < len(row) else "" for col in wanted] + [number]
                 for row, number in zip(sheet.rows, sheet.excel_rows)],
                columns=[*layout.extra.values(), "_row"], dtype=object)
            extras[index]["_row"] = extras[index]["_row"].astype("int64")
    frames = {table: pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
              for table, parts in per_table.items()}
    units = _known_units(frames.get("enhed"), context)
    for table, frame in list(frames.items()):
        frames[table] = _RULES[table](frame, sheets, context, units)
        _check_unique(frames[table], c.BY_TABLE[table], sheets)
    return Validated(frames, layouts, problems, extras)


# --- rows -------------------------------------------------------------------------------------

def _collect_rows(sheet: _Sheet) -> None:
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


def _check_columns(sheet: _Sheet) -> None:
    spec, layout = sheet.layout.spec, sheet.layout
    missing = [column.name for column in spec.required
               if column.name not in layout.columns and not _derivable(spec, column.name)]
    if spec is c.NOEGLETAL and not {"distrikt", "enhed_id"} & set(layout.columns):
        missing.append("distrikt / enhed_id")
    if spec is c.BUDGETFORUDSAETNINGER and not {"indsatstype", "trin"} & set(layout.columns):
        missing.append("indsatstype / trin")
    for name in missing:
        sheet.problems.append(problem(ERROR, "upload.err.missing_column", file=layout.file, sheet=layout.sheet.name,
                                      row=layout.header_row, column_name=name, column=name))


def _derivable(spec: c.SheetSpec, column: str) -> bool:
    return spec is c.INDSATSER and column == "trin"


# --- cells ------------------------------------------------------------------------------------

def _parse_sheet(sheet: _Sheet) -> pd.DataFrame:
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


def _parse_column(sheet: _Sheet, column: c.Column, raw: Sequence[object]) -> list[object]:
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


def _clean_texts(sheet: _Sheet, column: c.Column, out: list[object]) -> None:
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


def _noted(sheet: _Sheet) -> set[tuple[int, int]]:
    notes = sheet.layout.sheet.notes
    return set(notes.blank_formulas) | set(notes.error_cells)


def _check_noted_cells(sheet: _Sheet) -> None:
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


def _check_hidden_rows(sheet: _Sheet) -> None:
    kept = set(sheet.excel_rows)
    hidden = [row for row in sheet.layout.sheet.notes.hidden_rows if row in kept]
    if hidden:
        shown_rows = ", ".join(map(str, hidden[:HIDDEN_ROWS_SHOWN])) + (" …" if len(hidden) > HIDDEN_ROWS_SHOWN else "")
        sheet.report(WARNING, "upload.warn.hidden_rows", None, count=len(hidden), rows=shown_rows)


def _check_percent(sheet: _Sheet, column: c.Column, raw: Sequence[object], out: list[object]) -> None:
    """An amount written with '%' is stored as the number; say so, it may be a share by mistake."""
    if not any(type(v) is str and "%" in v for v in set(map(_hashable, raw))):
        return
    for i, value in enumerate(raw):
        if type(value) is str and "%" in value and out[i] is not None:
            sheet.report(WARNING, "upload.warn.percent_amount", sheet.excel_rows[i], column.name,
                         found=shown(value), stored=shown(out[i]))


def _hashable(value: object) -> object:
    return value if type(value) is str else None


def _check_plausible(sheet: _Sheet, column: c.Column, out: list[object]) -> None:
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


def _parse_slow(sheet: _Sheet, column: c.Column, raw: Sequence[object], out: list[object]) -> None:
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


def _check_limits(sheet: _Sheet, column: c.Column, values: list[object]) -> None:
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
        else:
            sheet.report(ERROR, "upload.err.range", sheet.excel_rows[i], column.name,
                         found=shown(value), minimum=int(low), maximum=int(high))
        values[i] = None


def _parse_choices(sheet: _Sheet, column: c.Column, raw: Sequence[object]) -> list[object]:
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


# --- rows against rows ------------------------------------------------------------------------

def _where(sheets: list[_Sheet], here: tuple[int, int], there: tuple[int, int]) -> str:
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


def _check_unique(frame: pd.DataFrame, spec: c.SheetSpec, sheets: list[_Sheet]) -> None:
    """Ids that must be unique (``moede_id`` ...), and for the other sheets the row's key as a whole."""
    keys = [[name] for name in spec.unique] or [list(spec.key)]
    for columns in keys:
        complete = frame[columns].notna().all(axis=1)
        mask = complete & frame[columns].duplicated(keep=False)
        if not mask.any():
            continue
        dupes = frame.loc[mask, [*columns, "_layout", "_row"]]
        for value, group in dupes.groupby(columns, sort=False):
            places = list(zip(group["_layout"], group["_row"]))
            # '' and the blank step 0 are how the store writes "not given": left out of the message
            shown_value = " / ".join(_show(v) for name, v in zip(columns, value)
                                     if _show(v) and not (name == "trin" and v == 0))
            for position, place in enumerate(places):
                other = places[1] if position == 0 else places[0]
                sheets[place[0]].report(ERROR, "upload.err.duplicate", int(place[1]), columns[0],
                                        found=shown_value, column=" / ".join(columns),
                                        other=_where(sheets, place, other))


def _report_rows(frame: pd.DataFrame, mask: pd.Series, sheets: list[_Sheet], severity: str, code: str,
                 at: str | None, **fixed: object) -> None:
    """Report ``code`` for every row in ``mask``; ``fixed`` values may name frame columns as ``col:<name>``."""
    if not mask.any():
        return
    chosen = frame.loc[mask]
    named = {k: v[4:] for k, v in fixed.items() if isinstance(v, str) and v.startswith("col:")}
    columns = {k: chosen[name].tolist() for k, name in named.items()}
    for i, (layout, row) in enumerate(zip(chosen["_layout"].tolist(), chosen["_row"].tolist())):
        values = {**fixed, **{k: _show(v[i]) for k, v in columns.items()}}
        sheets[layout].report(severity, code, row, at, **values)


def _show(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        value = value.date()
    return shown(value)


def _known_units(units: pd.DataFrame | None, context: Context) -> dict[str, str]:
    known = dict(context.stored_units)
    if units is not None:
        fresh = units.dropna(subset=["enhed_id"])
        known.update(zip(fresh["enhed_id"], fresh["distrikt"].fillna("")))
    return known


def _check_reference(frame: pd.DataFrame, column: str, allowed: set[str], sheets: list[_Sheet],
                     context: Context, code: str) -> None:
    mask = frame[column].notna() & ~frame[column].isin(allowed)
    _report_rows(frame, mask, sheets, ERROR, code, column, found=f"col:{column}", kommune=context.kommune)


def _check_in_quarter(frame: pd.DataFrame, column: str, mask: pd.Series, sheets: list[_Sheet],
                      quarter: Period) -> None:
    from steering_core.formatting import day
    _report_rows(frame, mask, sheets, ERROR, "upload.err.outside_quarter", column, found=f"col:{column}",
                 quarter=quarter.label, start=day(quarter.start), end=day(quarter.end))


def _dates(frame: pd.DataFrame, *columns: str) -> None:
    """Columns of ``date``/None as datetime64 (NaT for blank), which pandas compares and DuckDB stores."""
    for column in columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            continue      # already converted by a sheet's rule
        # via day numbers: numpy converts a list of date objects slowly
        days = np.array([d.toordinal() if d is not None else 0 for d in frame[column].tolist()], dtype="int64")
        values = (days - _EPOCH_ORDINAL).astype("datetime64[D]").astype("datetime64[s]")
        values[days == 0] = np.datetime64("NaT")
        frame[column] = pd.Series(values, index=frame.index)


# The pandas type each kind is stored from (dates: datetime64 via _dates).
_DTYPES = {c.INT: "Int64", c.YEAR: "Int64", c.AMOUNT: "float64", c.NUMBER: "float64", c.YESNO: "boolean"}


def _finish(frame: pd.DataFrame, table: str, context: Context, keep_blank: tuple[str, ...] = ()) -> pd.DataFrame:
    """The store's columns, typed as declared: the municipality, blanks as the store holds them, dates and numbers."""
    spec = c.BY_TABLE[table]
    frame["kommune"] = frame["kommune"].fillna(context.kommune) if "kommune" in frame else context.kommune
    for column in spec.stored:
        if column.blank is not None and column.name not in keep_blank:
            frame[column.name] = frame[column.name].fillna(column.blank)
        if column.kind == c.DATE:
            _dates(frame, column.name)
        elif column.kind in _DTYPES:
            frame[column.name] = frame[column.name].astype(_DTYPES[column.kind])
    columns = list(spec.store_columns) + list(ORIGIN)
    return frame[columns].reset_index(drop=True)


def _enhed(frame, sheets, context, units):
    return _finish(frame, "enhed", context)


def _befolkning(frame, sheets, context, units):
    _check_reference(frame, "distrikt", set(units.values()), sheets, context, "upload.err.unknown_district")
    return _finish(frame, "befolkning", context)


def _utm(frame, sheets, context, units):
    _check_reference(frame, "enhed_id", set(units), sheets, context, "upload.err.unknown_unit")
    _dates(frame, "moededato", "henvendelsesdato")
    late = frame["henvendelsesdato"].notna() & frame["moededato"].notna() & \
        (frame["henvendelsesdato"] > frame["moededato"])
    _report_rows(frame, late, sheets, ERROR, "upload.err.date_after", "henvendelsesdato",
                 column="henvendelsesdato", found="col:henvendelsesdato", other="moededato",
                 other_value="col:moededato")
    quarter = context.stated_quarter
    if quarter is not None:
        outside = frame["moededato"].notna() & ((frame["moededato"] < pd.Timestamp(quarter.start)) |
                                                (frame["moededato"] > pd.Timestamp(quarter.end)))
        _check_in_quarter(frame, "moededato", outside, sheets, quarter)
    return _finish(frame, "utm", context)


def _indsats(frame, sheets, context, units):
    families = {p: domain.intervention_family(p) for p in frame["paragraf"].dropna().unique()}
    frame["familie"] = frame["paragraf"].map(families)
    unknown = frame["paragraf"].notna() & frame["familie"].isna()
    _report_rows(frame, unknown, sheets, ERROR, "upload.err.paragraf", "paragraf", found="col:paragraf")

    blank_step = frame["trin"].isna()
    if blank_step.any():
        derived = [c.derive_step(kind, fam) for kind, fam in
                   zip(frame.loc[blank_step, "indsatstype"], frame.loc[blank_step, "familie"])]
        frame.loc[blank_step, "trin"] = pd.Series(derived, index=frame.index[blank_step], dtype=object)
        missing = blank_step & frame["trin"].isna() & frame["indsatstype"].notna()
        _report_rows(frame, missing, sheets, ERROR, "upload.err.trin_missing", "trin", found="col:indsatstype")

    _check_reference(frame, "bevilgende_enhed_id", set(units), sheets, context, "upload.err.unknown_unit")
    blank_district = frame["distrikt"].isna()
    if blank_district.any():
        frame.loc[blank_district, "distrikt"] = frame.loc[blank_district, "bevilgende_enhed_id"].map(units)
        frame.loc[frame["distrikt"] == "", "distrikt"] = None
        missing = blank_district & frame["distrikt"].isna()
        _report_rows(frame, missing, sheets, ERROR, "upload.err.distrikt_missing", "distrikt")
    _check_reference(frame.loc[~blank_district], "distrikt", set(units.values()), sheets, context,
                     "upload.err.unknown_district")

    _dates(frame, "startdato", "planlagt_slutdato", "slutdato")
    for column in ("slutdato", "planlagt_slutdato"):
        early = frame[column].notna() & frame["startdato"].notna() & (frame[column] < frame["startdato"])
        _report_rows(frame, early, sheets, ERROR, "upload.err.date_order", column, column=column,
                     found=f"col:{column}", other="startdato", other_value="col:startdato")
    bad_cost = _cells_with_errors(sheets, "maanedlig_udgift")
    blank_cost = frame["maanedlig_udgift"].isna() & pd.Series(
        [(int(layout), int(row)) not in bad_cost for layout, row in zip(frame["_layout"], frame["_row"])],
        index=frame.index, dtype=bool)
    _report_rows(frame, blank_cost, sheets, WARNING, "upload.warn.blank_cost", "maanedlig_udgift")
    negative = frame["maanedlig_udgift"].notna() & (frame["maanedlig_udgift"].astype("float64") < 0)
    _report_rows(frame, negative, sheets, WARNING, "upload.warn.negative_cost", "maanedlig_udgift",
                 found="col:maanedlig_udgift")

    quarter = context.stated_quarter
    if quarter is not None:
        after = frame["startdato"].notna() & (frame["startdato"] > pd.Timestamp(quarter.end))
        _check_in_quarter(frame, "startdato", after, sheets, quarter)
        before = frame["slutdato"].notna() & (frame["slutdato"] < pd.Timestamp(quarter.start))
        _check_in_quarter(frame, "slutdato", before, sheets, quarter)
    return _finish(frame, "indsats", context)


def _periods(frame: pd.DataFrame, sheets: list[_Sheet], context: Context) -> None:
    periods = frame["periode"].tolist()
    frame["periode"] = [p.label if p is not None else None for p in periods]
    frame["periode_start"] = [p.start if p is not None else None for p in periods]
    frame["periode_slut"] = [p.end if p is not None else None for p in periods]
    quarter = context.stated_quarter
    if quarter is not None:
        outside = pd.Series([p is not None and not (quarter.start <= p.start and p.end <= quarter.end)
                             for p in periods], index=frame.index)
        _check_in_quarter(frame, "periode", outside, sheets, quarter)
    _dates(frame, "periode_start", "periode_slut")


def _oekonomi(frame, sheets, context, units):
    _periods(frame, sheets, context)
    return _finish(frame, "oekonomi", context)


def _noegletal(frame, sheets, context, units):
    _periods(frame, sheets, context)
    place = "distrikt" if "distrikt" in sheets[int(frame["_layout"].iloc[0])].layout.columns else "enhed_id"
    nowhere = frame["distrikt"].isna() & frame["enhed_id"].isna()
    _report_rows(frame, nowhere, sheets, ERROR, "upload.err.place_missing", place)
    _check_reference(frame, "enhed_id", set(units), sheets, context, "upload.err.unknown_unit")
    _check_reference(frame, "distrikt", set(units.values()), sheets, context, "upload.err.unknown_district")
    return _finish(frame, "noegletal", context)


def _cells_with_errors(sheets: list[_Sheet], column: str) -> set[tuple[int, int]]:
    """(layout, Excel row) of the cells in ``column`` already reported as errors (a bad value is now blank)."""
    found: set[tuple[int, int]] = set()
    for sheet in sheets:
        col = sheet.layout.columns.get(column)
        if col is None:
            continue
        found |= {(sheet.index, p.row) for p in sheet.problems
                  if p.is_error and p.col == col and p.file == sheet.layout.file and p.sheet == sheet.layout.sheet.name}
    return found


def _budgetforudsaetninger(frame, sheets, context, units):
    # exactly one of indsatstype and trin; reported at indsatstype (trin when the sheet has no indsatstype)
    kind, step = frame["indsatstype"].notna(), frame["trin"].notna()
    bad_step = _cells_with_errors(sheets, "trin")
    unreported = pd.Series([(int(layout), int(row)) not in bad_step
                            for layout, row in zip(frame["_layout"], frame["_row"])], index=frame.index, dtype=bool)
    for layout in frame["_layout"].unique():
        here = frame["_layout"] == layout
        at = "indsatstype" if "indsatstype" in sheets[int(layout)].layout.columns else "trin"
        _report_rows(frame, here & kind & step, sheets, ERROR, "upload.err.type_and_step", at,
                     found="col:indsatstype", step="col:trin")
        _report_rows(frame, here & ~kind & ~step & unreported, sheets, ERROR, "upload.err.type_or_step_missing", at)
    # the store's "not given" ('' / 0) only beside the one given: a row with neither keeps no key (nor a duplicate)
    frame["indsatstype"] = frame["indsatstype"].where(kind | ~step, "")
    frame["trin"] = pd.array([0 if v is None and has_kind else v for v, has_kind in zip(frame["trin"], kind)],
                             dtype="Int64")
    return _finish(frame, "budgetforudsaetninger", context, keep_blank=("indsatstype", "trin"))


def _planlagt_sag(frame, sheets, context, units):
    _dates(frame, "startdato", "slutdato")
    early = frame["slutdato"].notna() & frame["startdato"].notna() & (frame["slutdato"] < frame["startdato"])
    _report_rows(frame, early, sheets, ERROR, "upload.err.date_order", "slutdato", column="slutdato",
                 found="col:slutdato", other="startdato", other_value="col:startdato")
    return _finish(frame, "planlagt_sag", context)


_RULES = {"enhed": _enhed, "befolkning": _befolkning, "utm": _utm, "indsats": _indsats,
          "oekonomi": _oekonomi, "noegletal": _noegletal, "budgetforudsaetninger": _budgetforudsaetninger,
          "planlagt_sag": _planlagt_sag}
