"""The investment-case view: the break-even figure with the scenarios side by side, the net result per
sector and year, the follow-up against what happened, and efficiency requirements per sector."""
from __future__ import annotations

import pandas as pd

from steering_core import charts, config, efficiency, engine, exports, formatting, investment as inv, status, units
from steering_core import investment_followup as followup
from steering_core.texts import has, label, t
from steering_core.views.economy import TableFigure

KR = units.get("kr").excel_format


def scenario_name(name: str) -> str:
    return t(f"inv.scenario.{name}") if has(f"inv.scenario.{name}") else name


def break_even_text(year: int | None, start_year: int) -> str:
    if year is None:
        return t("inv.not_within")
    return t("inv.break_even_in", year=year, after=year - start_year)


def break_even_figure(case: inv.Case) -> TableFigure:
    """Cumulative net per year under each scenario (Gladsaxe's Boks 5.3), with each break-even year."""
    outcomes = inv.evaluate_all(case)
    order = [scenario_name(o.scenario) for o in outcomes]
    table = pd.concat([o.totals.assign(series=scenario_name(o.scenario)) for o in outcomes], ignore_index=True)
    caption = " · ".join(f"{scenario_name(o.scenario)}: {break_even_text(o.break_even_year, case.start_year)}"
                         for o in outcomes)
    if case.discount_rate:
        caption += " " + t("inv.discounted", rate=formatting.percent(case.discount_rate * 100))
    columns = {"series": t("inv.col.scenario"), "year": t("inv.col.year"), "cost": t("inv.col.cost"),
               "gain": t("inv.col.gain"), "net": t("inv.col.net"), "cumulative": t("inv.col.cumulative")}
    return TableFigure("inv_break_even", t("inv.break_even_title", name=case.name),
                       charts.break_even_bars(table, t("inv.col.scenario"), order), table, columns,
                       caption=caption, unit="kr", formats={c: KR for c in ("cost", "gain", "net", "cumulative")})


def sector_table(case: inv.Case, scenario: str) -> pd.DataFrame:
    """Net result per sector (rows) and year (columns) under the scenario, with a total and a cumulative row;
    kroner as numbers."""
    outcome = inv.evaluate(case, scenario)
    wide = outcome.sectors.pivot(index="sector", columns="year", values="net")
    wide.index = [label("sector", s) for s in wide.index]
    totals = outcome.totals.set_index("year")
    wide.loc[t("inv.total")] = totals["net"]
    wide.loc[t("inv.col.cumulative")] = totals["cumulative"]
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index(names=t("inv.col.sector"))


def shown_kroner(frame: pd.DataFrame, skip: tuple[str, ...] = ()) -> pd.DataFrame:
    """Kroner columns as Danish text (1.234.567), for a table on screen."""
    shown = frame.copy()
    for column in shown.columns:
        if column not in skip and pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: formatting.number(None if pd.isna(v) else float(v)))
    return shown


def table_xlsx(frame: pd.DataFrame, title: str) -> bytes:
    numeric = {c: KR for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
    return exports.table_xlsx(frame, title, {c: c for c in frame.columns}, numeric, note=t("inv.assumptions_note"))


# --- follow-up --------------------------------------------------------------------------------

def follow_up(store, kommune: str, case: inv.Case, scenario: str = inv.EXPECTED) -> followup.FollowUp | None:
    try:
        return followup.follow_up(store, kommune, case, scenario)
    except engine.NoData:
        return None


def follow_up_years(found: followup.FollowUp) -> pd.DataFrame:
    """Per year so far: planned and actual cost and children, ready to show."""
    k = config.min_cell_size()
    rows = []
    for row in found.years.itertuples():
        children = (status.blank_text(row.children_state, "antal", True, k) if row.children_state in status.BLANK
                    else formatting.number(row.actual_children))
        rows.append({t("inv.col.year"): str(row.year) + ("" if row.complete else " " + t("inv.to_date")),
                     t("inv.col.planned_cost"): formatting.kroner(row.planned_cost),
                     t("inv.col.actual_cost"): formatting.kroner(row.actual_cost),
                     t("inv.col.deviation"): formatting.signed(row.cost_deviation, suffix="kr.")
                     if row.cost_deviation is not None and not pd.isna(row.cost_deviation) else "–",
                     t("inv.col.planned_children"): formatting.number(row.planned_children),
                     t("inv.col.actual_children"): children})
    return pd.DataFrame(rows)


def follow_up_effects(found: followup.FollowUp) -> pd.DataFrame:
    """Per effect and year: expected and actual level of its indicator and the deviation, or when it can be seen."""
    from steering_core import catalogue
    from steering_core.overview import counted

    k = config.min_cell_size()
    rows = []
    for row in found.effects.itertuples():
        indicator = catalogue.get(row.indicator)
        decimals = max(indicator.decimals, 1)
        if row.observable_from is not None and not pd.isna(row.observable_from):
            actual, deviation = t("inv.observable_from", day=formatting.day(row.observable_from)), ""
        elif row.state in status.BLANK:
            actual, deviation = status.blank_text(row.state, indicator.unit, counted(indicator), k), ""
        else:
            actual = formatting.number(row.actual, decimals)
            deviation = "–" if row.deviation is None or pd.isna(row.deviation) else formatting.signed(row.deviation,
                                                                                                      decimals)
        rows.append({t("inv.col.effect"): row.effect, t("inv.col.indicator"): indicator.name(config.language()),
                     t("inv.col.year"): str(row.year),
                     t("inv.col.expected"): formatting.number(row.expected, decimals),
                     t("inv.col.actual"): actual, t("inv.col.deviation"): deviation})
    return pd.DataFrame(rows)


def follow_up_figure(case: inv.Case, found: followup.FollowUp, scenario: str) -> TableFigure:
    """The plan's cumulative net against the estimate from what has happened so far."""
    planned = inv.evaluate(case, scenario).totals.assign(series=t("inv.series.plan"))
    estimate = found.reestimated.assign(series=t("inv.series.estimate"))
    table = pd.concat([planned, estimate], ignore_index=True)[["series", "year", "cost", "gain", "net", "cumulative"]]
    order = [t("inv.series.plan"), t("inv.series.estimate")]
    caption = t("inv.followup_caption",
                planned=break_even_text(found.planned_break_even, case.start_year),
                estimate=break_even_text(found.reestimated_break_even, case.start_year),
                reach="–" if found.reach is None else formatting.percent(found.reach * 100, 0),
                until=formatting.day(found.data_until))
    columns = {"series": t("inv.col.series"), "year": t("inv.col.year"), "cost": t("inv.col.cost"),
               "gain": t("inv.col.gain"), "net": t("inv.col.net"), "cumulative": t("inv.col.cumulative")}
    return TableFigure("inv_follow_up", t("inv.followup_title", name=case.name),
                       charts.plan_against_actual(table, t("inv.col.series"), order), table, columns,
                       caption=caption, unit="kr", formats={c: KR for c in ("cost", "gain", "net", "cumulative")})


# --- efficiency requirements --------------------------------------------------------------------

def requirement_table(store, kommune: str, requirement: efficiency.Requirement) -> pd.DataFrame:
    """Per year and sector: required, realised, own shortfall and the part of the total shortfall carried."""
    frame = efficiency.follow_up(store, kommune, requirement)
    shown = pd.DataFrame({
        t("inv.col.year"): frame["year"].astype(str),
        t("inv.col.sector"): frame["sector"].map(lambda s: label("sector", s)),
        t("inv.col.required"): frame["required"].map(formatting.kroner),
        t("inv.col.realised"): [formatting.kroner(v) if b else t("inv.not_booked")
                                for v, b in zip(frame["realised"], frame["booked"])],
        t("inv.col.own_shortfall"): [formatting.kroner(v) if b else "–"
                                     for v, b in zip(frame["own_shortfall"], frame["booked"])],
        t("inv.col.carries"): [formatting.kroner(v) if b else "–" for v, b in zip(frame["carries"], frame["booked"])],
    })
    return shown


def follow_up_years_caption(case: inv.Case) -> str:
    where = ", ".join([*case.districts, *case.units]) or t("inv.whole_kommune")
    types = ", ".join(case.intervention_types) or t("inv.all_types")
    return t("inv.followup_years_caption", project=case.project or "–", types=types, where=where,
             k=config.min_cell_size())


def requirement_caption(requirement: efficiency.Requirement) -> str:
    key = ", ".join(f"{label('sector', s)} {formatting.percent(p, 1)}" for s, p in requirement.key)
    project = t("inv.requirement_project", project=requirement.project) if requirement.project else ""
    return t("inv.requirement_caption", shares=key, base=requirement.baseline_year, project=project,
             rule=t(f"inv.rule.{requirement.shortfall_rule}"))


# --- the meeting agenda ---------------------------------------------------------------------------

CASE_ITEM = "inv_case_"          # + the case's slug: one agenda item per stored case


def case_slug(name: str) -> str:
    """A case name as it can stand in an agenda id, a URL and a comma-separated list."""
    import re

    from steering_core.upload.parsing import fold
    return re.sub(r"[^0-9a-z]+", "-", fold(name)).strip("-")


def _kommune(store, request) -> str:
    return request.filters.kommune or store.meta().get("kommune", "")


def case_items(store) -> dict[str, str]:
    """Agenda item id -> title for every stored case of the store's municipality."""
    from steering_core import investment_store

    if store is None or not store.exists():
        return {}
    kommune = store.meta().get("kommune", "")
    return {CASE_ITEM + case_slug(name): t("inv.agenda_case", name=name)
            for name in investment_store.case_names(store, kommune)}


def case_agenda_figure(store, request, item_id: str) -> TableFigure:
    """A case on the agenda: its break-even figure, with the follow-up's verdict in the caption."""
    from dataclasses import replace

    from steering_core import investment_store

    kommune = _kommune(store, request)
    name = next(n for n in investment_store.case_names(store, kommune) if CASE_ITEM + case_slug(n) == item_id)
    case, _ = investment_store.latest_case(store, kommune, name)
    figure = break_even_figure(case)
    found = follow_up(store, kommune, case)
    if found is not None and not found.years.empty:
        verdict = t("inv.agenda_verdict", estimate=break_even_text(found.reestimated_break_even, case.start_year),
                    until=formatting.day(found.data_until))
        figure = replace(figure, caption=f"{figure.caption} · {verdict}")
    return replace(figure, key=item_id, caption=f"{figure.caption} {t('inv.assumptions_note')}")


def cases_figure(store, request) -> TableFigure:
    """Every stored case in one table: break-even per scenario, and re-estimated from what has happened."""
    from steering_core import investment_store

    kommune = _kommune(store, request)
    rows = []
    for name in investment_store.case_names(store, kommune):
        case, _ = investment_store.latest_case(store, kommune, name)
        outcomes = {o.scenario: o for o in inv.evaluate_all(case)}
        found = follow_up(store, kommune, case)
        row = {"case": name, "start": str(case.start_year)}
        for scenario in inv.STANDARD_SCENARIOS:
            outcome = outcomes.get(scenario)
            row[scenario] = "–" if outcome is None else (str(outcome.break_even_year or t("inv.never")))
        row["estimate"] = "–" if found is None or found.years.empty else str(
            found.reestimated_break_even or t("inv.never"))
        rows.append(row)
    columns = {"case": t("inv.pick_case"), "start": t("inv.col.start"),
               **{s: t("inv.col.break_even_in", scenario=scenario_name(s)) for s in inv.STANDARD_SCENARIOS},
               "estimate": t("inv.col.estimate")}
    return TableFigure("inv_cases", t("agenda.inv_cases"), None, pd.DataFrame(rows, columns=list(columns)), columns,
                       caption=t("inv.assumptions_note"))


BUILDERS = {"inv_cases": cases_figure}


def requirement_form(current: efficiency.Requirement | None, this_year: int) -> dict:
    """What the requirement form starts from: the current version's values, or a blank requirement from
    ``this_year`` measured against the year before. ``years`` has year and amount; ``key`` every sector
    with its share."""
    from steering_core.domain import SECTORS

    if current:
        years = pd.DataFrame({"year": [y for y, _ in current.required], "amount": [a for _, a in current.required]})
    else:
        years = pd.DataFrame({"year": [this_year + n for n in range(3)], "amount": [None] * 3})
    shares = current.shares if current else {}
    key = pd.DataFrame({"sector": list(SECTORS), "name": [label("sector", s) for s in SECTORS],
                        "share": [float(shares.get(s, 0.0)) for s in SECTORS]})
    return {"name": current.name if current else "", "project": current.project if current else "",
            "baseline": current.baseline_year if current else this_year - 1,
            "rule": efficiency.SHORTFALL_RULES.index(current.shortfall_rule) if current else 0,
            "years": years.astype({"year": "Int64", "amount": "float"}), "key": key}
