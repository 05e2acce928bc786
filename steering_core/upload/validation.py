"""Check recognised sheets against the contract and turn them into typed, store-ready tables.

Every problem is collected; nothing stops at the first. Cell problems carry
the file, sheet, Excel row and column; errors mean nothing is stored,
warnings store the rows and are listed. The cells are read by ``cells``
(generic, by column kind), then each sheet's own rules run (``sheet_rules``).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from steering_core.upload import contract as c
from steering_core.upload import sheet_rules
from steering_core.upload.cells import (
    ERROR, ORIGIN, Context, Problem, Sheet, check_hidden_rows, check_noted_cells, collect_rows, finish, parse_sheet,
    problem, show, where,
)
from steering_core.upload.recognise import Layout

__all__ = ["ORIGIN", "Context", "Validated", "validate"]


@dataclass
class Validated:
    frames: dict[str, pd.DataFrame]          # table -> store columns + _layout/_row
    layouts: list[Layout]
    problems: list[Problem]
    extras: dict[int, pd.DataFrame]          # layout index -> unknown columns, kept aside

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def validate(layouts: list[Layout], context: Context) -> Validated:
    problems: list[Problem] = []
    per_table: dict[str, list[pd.DataFrame]] = {}
    extras: dict[int, pd.DataFrame] = {}
    sheets: list[Sheet] = []
    for index, layout in enumerate(layouts):
        sheet = Sheet(index, layout, problems)
        sheets.append(sheet)
        collect_rows(sheet)
        _check_columns(sheet)
        if not sheet.rows:
            continue
        per_table.setdefault(layout.spec.table, []).append(parse_sheet(sheet))
        check_noted_cells(sheet)
        check_hidden_rows(sheet)
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
    if c.FIT_MAALINGER.table in frames:
        context = replace(context, courses=_known_courses(frames.get("indsats"), context))
    for table, frame in list(frames.items()):
        rule = sheet_rules.RULES.get(table)
        frames[table] = rule(frame, sheets, context, units) if rule else finish(frame, table, context)
        _check_unique(frames[table], c.BY_TABLE[table], sheets)
    return Validated(frames, layouts, problems, extras)


def _check_columns(sheet: Sheet) -> None:
    spec, layout = sheet.layout.spec, sheet.layout
    derivable = sheet_rules.DERIVABLE.get(spec.table, ())
    missing = [column.name for column in spec.required
               if column.name not in layout.columns and column.name not in derivable]
    one_of = sheet_rules.ONE_OF_COLUMNS.get(spec.table)
    if one_of and not set(one_of) & set(layout.columns):
        missing.append(" / ".join(one_of))
    for name in missing:
        sheet.problems.append(problem(ERROR, "upload.err.missing_column", file=layout.file, sheet=layout.sheet.name,
                                      row=layout.header_row, column_name=name, column=name))


def _check_unique(frame: pd.DataFrame, spec: c.SheetSpec, sheets: list[Sheet]) -> None:
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
            shown_value = " / ".join(show(v) for name, v in zip(columns, value)
                                     if show(v) and not (name == "trin" and v == 0))
            for position, place in enumerate(places):
                other = places[1] if position == 0 else places[0]
                sheets[place[0]].report(ERROR, "upload.err.duplicate", int(place[1]), columns[0],
                                        found=shown_value, column=" / ".join(columns),
                                        other=where(sheets, place, other))


def _known_units(units: pd.DataFrame | None, context: Context) -> dict[str, str]:
    known = dict(context.stored_units)
    if units is not None:
        fresh = units.dropna(subset=["enhed_id"])
        known.update(zip(fresh["enhed_id"], fresh["distrikt"].fillna("")))
    return known


def _known_courses(courses: pd.DataFrame | None, context: Context) -> dict[str, tuple[date | None, date | None]]:
    known = dict(context.courses)
    if courses is not None:
        fresh = courses.dropna(subset=["indsats_id"])
        known.update(zip(fresh["indsats_id"], zip(fresh["startdato"], fresh["slutdato"])))
    return known
