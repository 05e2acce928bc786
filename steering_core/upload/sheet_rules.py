"""The rules of each sheet beyond its cells: references to units and districts, dates in order,
values derived from others, the stated quarter. Each takes the sheet's parsed rows (one frame for all
its layouts) and returns them store-ready through ``cells.finish``.

A new sheet with no rules of its own needs nothing here (validation then only types it).
"""
from __future__ import annotations

import pandas as pd

from steering_core import domain
from steering_core.upload import contract as c
from steering_core.upload.cells import (
    ERROR, WARNING, Context, Sheet, as_dates, cells_with_errors, check_in_quarter, check_reference, finish,
    report_rows,
)

# Sheets where one of several columns must be there (a row names a place by district or unit; an
# assumption is per intervention type or per step).
ONE_OF_COLUMNS: dict[str, tuple[str, ...]] = {"noegletal": ("distrikt", "enhed_id"),
                                              "budgetforudsaetninger": ("indsatstype", "trin")}
# Required columns a sheet may leave out because its rule derives them (the step from the intervention type).
DERIVABLE: dict[str, tuple[str, ...]] = {"indsats": ("trin",)}


def _enhed(frame, sheets, context, units):
    return finish(frame, "enhed", context)


def _befolkning(frame, sheets, context, units):
    check_reference(frame, "distrikt", set(units.values()), sheets, context, "upload.err.unknown_district")
    return finish(frame, "befolkning", context)


def _utm(frame, sheets, context, units):
    check_reference(frame, "enhed_id", set(units), sheets, context, "upload.err.unknown_unit")
    as_dates(frame, "moededato", "henvendelsesdato")
    late = frame["henvendelsesdato"].notna() & frame["moededato"].notna() & \
        (frame["henvendelsesdato"] > frame["moededato"])
    report_rows(frame, late, sheets, ERROR, "upload.err.date_after", "henvendelsesdato",
                 column="henvendelsesdato", found="col:henvendelsesdato", other="moededato",
                 other_value="col:moededato")
    quarter = context.stated_quarter
    if quarter is not None:
        outside = frame["moededato"].notna() & ((frame["moededato"] < pd.Timestamp(quarter.start)) |
                                                (frame["moededato"] > pd.Timestamp(quarter.end)))
        check_in_quarter(frame, "moededato", outside, sheets, quarter)
    return finish(frame, "utm", context)


def _indsats(frame, sheets, context, units):
    families = {p: domain.intervention_family(p) for p in frame["paragraf"].dropna().unique()}
    frame["familie"] = frame["paragraf"].map(families)
    unknown = frame["paragraf"].notna() & frame["familie"].isna()
    report_rows(frame, unknown, sheets, ERROR, "upload.err.paragraf", "paragraf", found="col:paragraf")

    blank_step = frame["trin"].isna()
    if blank_step.any():
        derived = [c.derive_step(kind, fam) for kind, fam in
                   zip(frame.loc[blank_step, "indsatstype"], frame.loc[blank_step, "familie"])]
        frame.loc[blank_step, "trin"] = pd.Series(derived, index=frame.index[blank_step], dtype=object)
        missing = blank_step & frame["trin"].isna() & frame["indsatstype"].notna()
        report_rows(frame, missing, sheets, ERROR, "upload.err.trin_missing", "trin", found="col:indsatstype")

    check_reference(frame, "bevilgende_enhed_id", set(units), sheets, context, "upload.err.unknown_unit")
    blank_district = frame["distrikt"].isna()
    if blank_district.any():
        frame.loc[blank_district, "distrikt"] = frame.loc[blank_district, "bevilgende_enhed_id"].map(units)
        frame.loc[frame["distrikt"] == "", "distrikt"] = None
        missing = blank_district & frame["distrikt"].isna()
        report_rows(frame, missing, sheets, ERROR, "upload.err.distrikt_missing", "distrikt")
    check_reference(frame.loc[~blank_district], "distrikt", set(units.values()), sheets, context,
                     "upload.err.unknown_district")

    as_dates(frame, "startdato", "planlagt_slutdato", "slutdato")
    for column in ("slutdato", "planlagt_slutdato"):
        early = frame[column].notna() & frame["startdato"].notna() & (frame[column] < frame["startdato"])
        report_rows(frame, early, sheets, ERROR, "upload.err.date_order", column, column=column,
                     found=f"col:{column}", other="startdato", other_value="col:startdato")
    bad_cost = cells_with_errors(sheets, "maanedlig_udgift")
    blank_cost = frame["maanedlig_udgift"].isna() & pd.Series(
        [(int(layout), int(row)) not in bad_cost for layout, row in zip(frame["_layout"], frame["_row"])],
        index=frame.index, dtype=bool)
    report_rows(frame, blank_cost, sheets, WARNING, "upload.warn.blank_cost", "maanedlig_udgift")
    negative = frame["maanedlig_udgift"].notna() & (frame["maanedlig_udgift"].astype("float64") < 0)
    report_rows(frame, negative, sheets, WARNING, "upload.warn.negative_cost", "maanedlig_udgift",
                 found="col:maanedlig_udgift")

    quarter = context.stated_quarter
    if quarter is not None:
        after = frame["startdato"].notna() & (frame["startdato"] > pd.Timestamp(quarter.end))
        check_in_quarter(frame, "startdato", after, sheets, quarter)
        before = frame["slutdato"].notna() & (frame["slutdato"] < pd.Timestamp(quarter.start))
        check_in_quarter(frame, "slutdato", before, sheets, quarter)
    return finish(frame, "indsats", context)


def _periods(frame: pd.DataFrame, sheets: list[Sheet], context: Context) -> None:
    periods = frame["periode"].tolist()
    frame["periode"] = [p.label if p is not None else None for p in periods]
    frame["periode_start"] = [p.start if p is not None else None for p in periods]
    frame["periode_slut"] = [p.end if p is not None else None for p in periods]
    quarter = context.stated_quarter
    if quarter is not None:
        outside = pd.Series([p is not None and not (quarter.start <= p.start and p.end <= quarter.end)
                             for p in periods], index=frame.index)
        check_in_quarter(frame, "periode", outside, sheets, quarter)
    as_dates(frame, "periode_start", "periode_slut")


def _oekonomi(frame, sheets, context, units):
    _periods(frame, sheets, context)
    return finish(frame, "oekonomi", context)


def _noegletal(frame, sheets, context, units):
    _periods(frame, sheets, context)
    place = "distrikt" if "distrikt" in sheets[int(frame["_layout"].iloc[0])].layout.columns else "enhed_id"
    nowhere = frame["distrikt"].isna() & frame["enhed_id"].isna()
    report_rows(frame, nowhere, sheets, ERROR, "upload.err.place_missing", place)
    check_reference(frame, "enhed_id", set(units), sheets, context, "upload.err.unknown_unit")
    check_reference(frame, "distrikt", set(units.values()), sheets, context, "upload.err.unknown_district")
    return finish(frame, "noegletal", context)


def _budgetforudsaetninger(frame, sheets, context, units):
    # exactly one of indsatstype and trin; reported at indsatstype (trin when the sheet has no indsatstype)
    kind, step = frame["indsatstype"].notna(), frame["trin"].notna()
    bad_step = cells_with_errors(sheets, "trin")
    unreported = pd.Series([(int(layout), int(row)) not in bad_step
                            for layout, row in zip(frame["_layout"], frame["_row"])], index=frame.index, dtype=bool)
    for layout in frame["_layout"].unique():
        here = frame["_layout"] == layout
        at = "indsatstype" if "indsatstype" in sheets[int(layout)].layout.columns else "trin"
        report_rows(frame, here & kind & step, sheets, ERROR, "upload.err.type_and_step", at,
                     found="col:indsatstype", step="col:trin")
        report_rows(frame, here & ~kind & ~step & unreported, sheets, ERROR, "upload.err.type_or_step_missing", at)
    # the store's "not given" ('' / 0) only beside the one given: a row with neither keeps no key (nor a duplicate)
    frame["indsatstype"] = frame["indsatstype"].where(kind | ~step, "")
    frame["trin"] = pd.array([0 if v is None and has_kind else v for v, has_kind in zip(frame["trin"], kind)],
                             dtype="Int64")
    return finish(frame, "budgetforudsaetninger", context, keep_blank=("indsatstype", "trin"))


def _planlagt_sag(frame, sheets, context, units):
    as_dates(frame, "startdato", "slutdato")
    early = frame["slutdato"].notna() & frame["startdato"].notna() & (frame["slutdato"] < frame["startdato"])
    report_rows(frame, early, sheets, ERROR, "upload.err.date_order", "slutdato", column="slutdato",
                 found="col:slutdato", other="startdato", other_value="col:startdato")
    return finish(frame, "planlagt_sag", context)


def _fit_maaling(frame, sheets, context, units):
    known = context.courses
    check_reference(frame, "indsats_id", set(known), sheets, context, "upload.err.unknown_course")
    spans = [known.get(course, (None, None)) for course in frame["indsats_id"]]
    frame["_start"] = [start for start, _ in spans]
    frame["_end"] = [end for _, end in spans]
    as_dates(frame, "dato", "_start", "_end")
    before = frame["dato"].notna() & frame["_start"].notna() & (frame["dato"] < frame["_start"])
    report_rows(frame, before, sheets, ERROR, "upload.err.fit_before_start", "dato", found="col:dato",
                course="col:indsats_id", start="col:_start")
    after = frame["dato"].notna() & frame["_end"].notna() & (frame["dato"] > frame["_end"])
    report_rows(frame, after, sheets, ERROR, "upload.err.fit_after_end", "dato", found="col:dato",
                course="col:indsats_id", end="col:_end")
    return finish(frame, c.FIT_MAALINGER.table, context)


RULES = {"enhed": _enhed, "befolkning": _befolkning, "utm": _utm, "indsats": _indsats,
         "oekonomi": _oekonomi, "noegletal": _noegletal, "budgetforudsaetninger": _budgetforudsaetninger,
         "planlagt_sag": _planlagt_sag, c.FIT_MAALINGER.table: _fit_maaling}
