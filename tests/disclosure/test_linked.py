"""Figures that are linked without adding up in one table: derived columns, indicators sharing a
numerator, and a second grouping of the same records."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd

from steering_core import config
from steering_core.domain import GOAL_ATTAINMENT, UTM_OUTCOMES
from steering_core.engine import Request
from steering_core.meeting import workbook
from steering_core.meeting.pack import build_pack
from steering_core.texts import label
from steering_core.views import p11, utm
from tests.disclosure import oracle
from tests.disclosure.attacker import Equation, LinearAttack, Tally, courses_started, report, request_of, truth_lookup
from tests.disclosure.test_counts import ALL as COUNTED

# Indicators linked through a shared numerator or denominator, asked for in one go.
LINKED = ["p11_goal_met_share", "p11_ended", "utm_to_p11_share", "utm_held", "placements_per_1000",
          "placement_share"]


def test_derived_columns(dataset):
    """The UTM page's units table: the district average per unit × the number of the district's units
    is the district's total, so a district with one hidden unit gives it away. Read from the figure's
    table for the two newest quarters, and from the meeting pack's Excel for the year."""
    tally = Tally("derived columns", dataset)
    q = dataset.quarters
    # True meetings per unit and quarter (minimum cell size 1); a span's are their sum.
    truth = dataset.truth(COUNTED, request_of(q[0], q[-1], "kvartal", ("enhed",)))
    truth = truth[truth["indicator"] == "utm_held"]
    for first, last in [(q[-2], q[-2]), (q[-1], q[-1]), (q[0], q[3])]:
        request = Request(first, last)
        if (first, last) == (q[0], q[3]):
            rows = _pack_rows(dataset, request, tally)
        else:
            figure = dataset.figure(utm.by_unit, request)
            rows = None if figure is None else figure.table.to_dict("records")
            if rows is None:
                tally.refused()
        if rows is None:
            continue
        inside = truth[truth["period"].isin([p for p in q if first <= p <= last])]
        true = inside.groupby("unit")["value"].sum().to_dict()
        attack = LinearAttack("derived columns")
        period = first if first == last else f"{first}-{last}"
        by_district: dict[str, list[str]] = {}
        for row in rows:
            by_district.setdefault(row["district"], []).append(row["unit"])
            hidden = _missing(row["value"])
            attack.add(Equation(f"UTM page, meetings per unit {period}", f"utm_held {period} unit={row['unit']}",
                                (row["unit"],), None if hidden else float(row["value"]),
                                float(true.get(row["unit"], 0.0)) if hidden else None))
        for row in rows:
            mean = row.get("district_mean")
            if not _missing(mean):
                units = tuple(by_district[row["district"]])
                attack.add(Equation(f"UTM page, district average per unit {period}",
                                    f"district average {row['district']} × {len(units)} units", units,
                                    float(mean) * len(units)))
        tally.solve(attack, dataset)
    assert not tally.recoveries, report(tally.recoveries)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value == ""


def _pack_rows(dataset, request: Request, tally: Tally) -> list[dict] | None:
    """The units table as the meeting pack's Excel file has it, read back with openpyxl."""
    try:
        pack = build_pack(dataset.store, request, ["utm_by_unit"])
        data = workbook.xlsx_bytes(pack)
    except (ValueError, KeyError):
        tally.refused()
        return None
    figure = pack.items[0].figure
    headers = {header: key for key, header in figure.columns.items()}
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[1]
    values = list(sheet.iter_rows(values_only=True))
    header_row = next(i for i, row in enumerate(values) if row and row[0] in headers)
    names = [headers.get(h) for h in values[header_row]]
    rows = []
    for row in values[header_row + 1:]:
        if not row or row[0] is None or all(v is None for v in row[1:]):
            break
        rows.append({name: value for name, value in zip(names, row) if name})
    return rows


def test_linked_indicators_sharing_a_numerator(dataset):
    """Goal share (numerator met, denominator registered) beside goal counts and ended courses; placements
    per 1.000 (numerator children on steps 4-6) and the share on steps 4-6 beside children per step;
    the § 11 share of UTM meetings beside meetings by outcome and meetings held."""
    tally = Tally("linked indicators", dataset)
    q = dataset.quarters
    _goals(dataset, tally, q)
    _placements(dataset, tally, q)
    _outcomes(dataset, tally, q)
    assert not tally.recoveries, report(tally.recoveries)


def _figure_cells(attack, figure, true_table, key, period_quarters, output):
    true = {(r["period"], r[key]): r["value"] for r in true_table.to_dict("records")}
    for row in figure.table.to_dict("records"):
        if row["period"] not in period_quarters:
            continue
        hidden = bool(row["suppressed"]) or _missing(row["value"])
        attack.add(Equation(output, f"{key}={row[key]} {row['period']}", ((row["period"], row[key]),),
                            None if hidden else float(row["value"]),
                            true.get((row["period"], row[key])) if hidden else None))


def _cli_cells(dataset, tally, attack, indicator, parts, q, field_name="numerator", by=(), key=None,
               atom=lambda period, part: (period, part)):
    """Rows of one CLI indicator whose numerator (or denominator) is the sum of ``parts`` atoms."""
    rows = dataset.cli(LINKED, q[0], q[-1], "kvartal", by)
    if rows is None:
        tally.refused()
        return
    true = truth_lookup(dataset.truth(LINKED, request_of(q[0], q[-1], "kvartal", by)),
                        [key] if key else [], field_name)
    for row in rows:
        if row["indicator"] != indicator:
            continue
        value = None if row["suppressed"] or row[field_name] is None else float(row[field_name])
        group = row.get(key) if key else None
        atoms = tuple(atom(row["period"], part) if key is None else (row["period"], group, part) for part in parts)
        attack.add(Equation(f"indicators --only {indicator}" + (f" --by {','.join(by)}" if by else ""),
                            f"{indicator} {field_name} {row['period']}" + (f" {key}={group}" if key else ""), atoms,
                            value, _target(true.get((indicator, row["period"], *([group] if key else []))),
                                           field_name) if value is None else None))


def _target(true: float | None, field_name: str) -> float | None:
    """A hidden share's numerator is a target; its denominator only when it is itself a small count
    (otherwise it is blank only because the share is, and it is no secret)."""
    if true is None or (field_name == "denominator" and true >= config.min_cell_size()):
        return None
    return true


def _goals(dataset, tally, q):
    request = Request(q[0], q[-1])
    figure = dataset.figure(p11.goals, request)
    if figure is None:
        tally.refused()
        return
    true_table = oracle.labelled(dataset.truth(["p11_ended"], request_of(q[0], q[-1], "kvartal", ("maal_opfyldt",))),
                                 "goal")
    attack = LinearAttack("linked indicators")
    _figure_cells(attack, figure, true_table, "goal", q, f"§ 11 page, goals {q[0]}-{q[-1]}")
    registered = [label("goal", g) for g in GOAL_ATTAINMENT]
    _cli_cells(dataset, tally, attack, "p11_goal_met_share", [label("goal", "ja")], q)
    _cli_cells(dataset, tally, attack, "p11_goal_met_share", registered, q, "denominator")
    _cli_cells(dataset, tally, attack, "p11_ended", [*registered, label("goal", None)], q)
    tally.solve(attack, dataset)


def _placements(dataset, tally, q):
    attack = LinearAttack("linked indicators")
    for by, key in [(("distrikt",), "district"), ((), None)]:
        districts = [None] if key is None else dataset.districts()
        rows = dataset.cli(["children_per_step"], q[0], q[-1], "kvartal", (*by, "trin"))
        if rows is None:
            tally.refused()
            continue
        true = truth_lookup(dataset.truth(["children_per_step"], request_of(q[0], q[-1], "kvartal", (*by, "trin"))),
                            [k for k in (key, "step") if k])
        for row in rows:
            if not 2 <= row["step"] <= 6:
                continue
            group = row.get(key) if key else None
            value = None if row["suppressed"] else float(row["numerator"])
            attack.add(Equation(f"indicators --only children_per_step --by {','.join((*by, 'trin'))}",
                                f"children step={row['step']} {row['period']}" + (f" {key}={group}" if key else ""),
                                _step_atoms(row["period"], group, [row["step"]], districts), value,
                                true.get(("children_per_step", row["period"], *([group] if key else []), row["step"]))
                                if value is None else None))
        for indicator, field_name, steps in [("placements_per_1000", "numerator", (4, 5, 6)),
                                             ("placement_share", "numerator", (4, 5, 6)),
                                             ("placement_share", "denominator", (2, 3, 4, 5, 6))]:
            rows = dataset.cli(LINKED, q[0], q[-1], "kvartal", by)
            if rows is None:
                tally.refused()
                continue
            true = truth_lookup(dataset.truth(LINKED, request_of(q[0], q[-1], "kvartal", by)),
                                [key] if key else [], field_name)
            for row in rows:
                if row["indicator"] != indicator:
                    continue
                group = row.get(key) if key else None
                value = None if row["suppressed"] or row[field_name] is None else float(row[field_name])
                attack.add(Equation(f"indicators --only {indicator}" + (f" --by {','.join(by)}" if by else ""),
                                    f"{indicator} {field_name} {row['period']}" + (f" {key}={group}" if key else ""),
                                    _step_atoms(row["period"], group, steps, districts), value,
                                    _target(true.get((indicator, row["period"], *([group] if key else []))),
                                            field_name) if value is None else None))
    tally.solve(attack, dataset)


def _step_atoms(period, district, steps, districts):
    chosen = [district] if district is not None else [d for d in districts if d is not None]
    if chosen == [None] or not chosen:
        chosen = ["*"]
    return tuple((period, d, s) for d in chosen for s in steps)


def _outcomes(dataset, tally, q):
    request = Request(q[0], q[-1])
    figure = dataset.figure(utm.outcomes, request)
    if figure is None:
        tally.refused()
        return
    true_table = oracle.labelled(dataset.truth(["utm_held"], request_of(q[0], q[-1], "kvartal", ("udfald",))),
                                 "outcome")
    attack = LinearAttack("linked indicators")
    _figure_cells(attack, figure, true_table, "outcome", q, f"UTM page, outcomes {q[0]}-{q[-1]}")
    everything = [label("outcome", o) for o in UTM_OUTCOMES]
    _cli_cells(dataset, tally, attack, "utm_to_p11_share", [label("outcome", "paragraf11")], q)
    _cli_cells(dataset, tally, attack, "utm_to_p11_share", everything, q, "denominator")
    _cli_cells(dataset, tally, attack, "utm_held", everything, q)
    tally.solve(attack, dataset)


def survival_spans(q: list[str]) -> list[tuple[str, str]]:
    """The year and the newest whole quarter of it: the spans the § 11 page's durations are read for."""
    return [(q[0], q[3]), (q[3], q[3])]


def test_second_grouping_of_the_same_records(dataset):
    """The survival summary of § 11 courses by granting channel and by intervention type: the same
    courses grouped twice, so a group hidden in one grouping is the total minus the other's shown
    groups. The total also comes from the CLI (courses started in the span)."""
    tally = Tally("second grouping", dataset)
    q = dataset.quarters
    for first, last in survival_spans(q):
        request = Request(first, last)
        summaries, truths = {}, {}
        courses = courses_started(dataset, first, last)
        for group, column in (("granted_by", "bevilget_af"), ("intervention_type", "indsatstype")):
            figure = dataset.figure(p11.durations, request, group)
            if figure is None:
                tally.refused()
                continue
            summaries[group] = figure.table
            truths[group] = pd.DataFrame([
                {"group": label(group, code), "courses": len(part), "running": int((~part["ended"]).sum())}
                for code, part in courses.groupby(column)], columns=["group", "courses", "running"])
        if len(summaries) < 2 or any(frame.empty for frame in truths.values()):
            continue
        names = {g: sorted(truths[g]["group"]) for g in summaries}
        grid = [(a, b) for a in names["granted_by"] for b in names["intervention_type"]]
        period = first if first == last else f"{first}-{last}"
        for column in ("courses", "running"):
            attack = LinearAttack("second grouping")
            for group, position in (("granted_by", 0), ("intervention_type", 1)):
                shown = dict(zip(summaries[group]["group"], summaries[group][column])) \
                    if not summaries[group].empty else {}
                true = dict(zip(truths[group]["group"], truths[group][column]))
                for name in names[group]:
                    atoms = tuple(cell for cell in grid if cell[position] == name)
                    hidden = name not in shown
                    attack.add(Equation(f"§ 11 page, durations by {group} {period}",
                                        f"{column} {group}={name} {period}", atoms,
                                        None if hidden else float(shown[name]),
                                        float(true[name]) if hidden else None))
            if column == "courses":
                grain = "kvartal" if first == last else "samlet"
                rows = dataset.cli(COUNTED, q[0], q[-1], grain) if first == last else \
                    dataset.cli(COUNTED, first, last, grain)
                if rows is None:
                    tally.refused()
                for row in rows or []:
                    if row["indicator"] == "p11_started" and not row["suppressed"] and row["period"] == (
                            first if first == last else f"{first}-{last}"):
                        attack.add(Equation(f"indicators --only p11_started --grain {grain}",
                                            f"p11_started {row['period']}", tuple(grid), float(row["value"])))
            tally.solve(attack, dataset)
    assert not tally.recoveries, report(tally.recoveries)
