"""The UTM view: are schools and daycares using the exploratory team meetings, and what comes of them?"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from steering_core import charts, config, formatting, periods
from steering_core.engine import Request, compute, data_until, published_year, with_unit_columns
from steering_core.texts import label, t
from steering_core.views.figure import (Figure, build_each, hidden_keys, level_colours, shown, standard_columns,
                                        top_rows)

COHORT_MONTHS = 12


def figures(store, request: Request) -> list[Figure]:
    return build_each(BUILDERS, store, request)


def _years(store, request: Request) -> Request:
    """Every year with data, as Figur 3.1 of the VIVE report shows them, up to the chosen quarter."""
    from steering_core.engine import available_quarters
    quarters = available_quarters(store)
    return replace(request, first=quarters[0] if quarters else request.first, grain="aar", by=("distrikt",))


def by_level(store, request: Request, frame: pd.DataFrame):
    """(frame, legend title, colours) for a figure per district: a chosen unit's figures are the unit's,
    named and titled so, in its district's colour; each district keeps its colour in every view."""
    from steering_core.engine import unit_register

    if not request.filters.enheder or "district" not in frame.columns:
        return frame, t("col.district"), level_colours(store, replace(request, filters=replace(request.filters,
                                                                                               enheder=())))
    unit = request.filters.enheder[0]
    name = unit_register(store, request.filters.kommune).set_index("unit")["unit_name"].get(unit, unit)
    return frame.assign(district=name), t("col.unit"), level_colours(store, request)


def rate_by_year(store, request: Request) -> Figure:
    frame = compute(store, ["utm_per_1000"], _years(store, request))
    _, _, colours = by_level(store, request, frame)
    chart = charts.grouped_bars(shown(frame), "period", "district", "pr_1000", t("chart.utm.per_1000"),
                                t("col.district"), selectable=True, colours=colours)
    return Figure("utm_rate_year", t("utm.rate_year"), chart, frame,
                  standard_columns(("district", t("col.district"))), ("utm_per_1000",), t("utm.drill_hint"),
                  "pr_1000", drill_field="district")


def rate_by_quarter(store, request: Request) -> Figure:
    frame = compute(store, ["utm_per_1000"], replace(request, grain="kvartal", by=("distrikt",)))
    frame, level, colours = by_level(store, request, frame)
    chart = charts.period_lines(shown(frame), "district", "pr_1000", t("chart.utm.per_1000_annual"),
                                level, colours=colours)
    return Figure("utm_rate_quarter", t("utm.rate_quarter"), chart, frame,
                  standard_columns(("district", level)), ("utm_per_1000",), None, "pr_1000")


def by_unit(store, request: Request, top: int | None = None) -> Figure:
    # Every unit of the chosen districts, also when units are chosen: those are highlighted, so
    # the comparison stays on screen and another unit is one click away.
    chosen = request.filters.enheder
    whole = replace(published_year(store, request), filters=replace(request.filters, enheder=()))
    units = compute(store, ["utm_held"], replace(whole, by=("enhed",)))
    districts = compute(store, ["utm_held"], replace(whole, by=("distrikt",)))
    total = compute(store, ["utm_held"], replace(whole, by=()))
    # Averages per unit come from district and municipal totals, never from hidden unit cells.
    units_per_district = with_unit_columns(store, units, request.filters.kommune)
    # Several municipalities (no kommune chosen in a benchmark database): districts per municipality.
    geo = ["kommune", "district"] if "kommune" in units else ["district"]
    counts = units_per_district.groupby(geo).size()
    means = (districts.set_index(geo)["value"] / counts).rename("district_mean").reset_index()
    table = units_per_district.merge(means, on=geo, how="left", validate="many_to_one")
    municipal = total["value"].iloc[0] / len(units) if len(units) and total["value"].notna().any() else None
    visible = shown(table)
    hidden = len(table) - len(visible)
    drawn = top_rows(visible, top, keep=chosen)
    _, _, colours = by_level(store, replace(request, filters=replace(request.filters, enheder=())), table)
    chart = charts.unit_bars(drawn, "antal", t("chart.utm.meetings"), municipal, selectable=True,
                             chosen=chosen, colours=colours) if not visible.empty else None
    period = whole_label(whole)
    hidden_text = t("utm.hidden_units", n=hidden, k=request.min_cell or config.min_cell_size()) if hidden else ""
    columns = standard_columns(("district", t("col.district")), ("unit_name", t("col.unit")),
                               ("unit", t("col.unit_id")), ("district_mean", t("col.district_mean")))
    caption = t("utm.by_unit_caption", hidden=hidden_text)
    if len(drawn) < len(visible):
        caption = f"{t('fig.top_units', n=len(drawn), total=len(visible), page=t('utm.title'))} {caption}"
    return Figure("utm_by_unit", t("utm.by_unit", period=period), chart, table.sort_values(["district", "unit_name"]),
                  columns, ("utm_held",), caption, "antal",
                  drill_field="unit", drill_filter="enheder")


def meeting_types(store, request: Request) -> Figure:
    frame = _labelled(compute(store, ["utm_held"], replace(request, grain="kvartal", by=("moedetype",))),
                      "meeting_type")
    chart = charts.stacked_bars(shown(frame), "meeting_type", "antal", t("chart.utm.meetings"),
                                t("chart.utm.meeting_type"), hidden=hidden_keys(frame, "period"))
    return Figure("utm_meeting_types", t("utm.meeting_types"), chart, frame,
                  standard_columns(("meeting_type", t("chart.utm.meeting_type"))), ("utm_held",), None, "antal")


def waiting_days(store, request: Request) -> Figure:
    frame = compute(store, ["utm_wait_median_days"], replace(request, grain="kvartal", by=("distrikt",)))
    frame, level, colours = by_level(store, request, frame)
    chart = charts.period_lines(shown(frame), "district", "dage", t("chart.utm.days_median"), level,
                                colours=colours)
    return Figure("utm_wait", t("utm.wait"), chart, frame, standard_columns(("district", level)),
                  ("utm_wait_median_days",), None, "dage")


def advisor_share(store, request: Request) -> Figure:
    frame = compute(store, ["utm_advisor_share"], replace(request, grain="kvartal", by=("distrikt",)))
    frame, level, colours = by_level(store, request, frame)
    chart = charts.period_lines(shown(frame), "district", "pct", t("chart.utm.pct_meetings"), level,
                                colours=colours)
    return Figure("utm_advisor", t("utm.advisor"), chart, frame, standard_columns(("district", level)),
                  ("utm_advisor_share",), None, "pct")


def outcomes(store, request: Request) -> Figure:
    frame = _labelled(compute(store, ["utm_held"], replace(request, grain="kvartal", by=("udfald",))), "outcome")
    chart = charts.stacked_bars(shown(frame), "outcome", "antal", t("chart.utm.share_meetings"),
                                t("chart.utm.outcome"), normalise=True, hidden=hidden_keys(frame, "period"))
    return Figure("utm_outcomes", t("utm.outcomes"), chart, frame,
                  standard_columns(("outcome", t("chart.utm.outcome"))), ("utm_held", "utm_to_p11_share"), None,
                  "antal")


def funnel(store, request: Request) -> Figure:
    """Children at UTM → with a § 11 outcome → escalated within 12 months, for cohorts already followed."""
    with store.reading() as con:
        until = data_until(con, request.filters.kommune)
    last_followed = _last_followed_quarter(until)
    ids = ["utm_children", "utm_children_p11", "utm_children_escalated"]
    columns = {"stage": t("col.stage"), "value": t("col.value"), "suppressed": standard_columns()["suppressed"]}
    if last_followed is None:
        return Figure("utm_funnel", t("utm.funnel"), None, pd.DataFrame(columns=list(columns)), columns,
                      tuple(ids), t("utm.funnel_none"), "antal")
    # A whole calendar year of children, the newest one followed for 12 months, not after the
    # chosen quarter's year: only whole years are published as one span (docs/DISCLOSURE.md).
    newest = last_followed.start.year if last_followed.label.endswith("K4") else last_followed.start.year - 1
    year = min(newest, periods.parse_period(request.last).end.year) if request.last else newest
    first_label, last_label = f"{year}K1", f"{year}K4"
    cohort = replace(request, first=first_label, last=last_label, grain="samlet", by=())
    frame = compute(store, ids, cohort)
    names = {row.indicator: row for row in frame.itertuples()}
    stages = pd.DataFrame({
        "stage": [t("chart.utm.stage.discussed"), t("chart.utm.stage.p11"), t("chart.utm.stage.escalated")],
        "value": [names[i].value for i in ids],
        "suppressed": [bool(names[i].suppressed) for i in ids],
    })
    base = stages["value"].iloc[0]
    k = request.min_cell or config.min_cell_size()
    # A share is shown only when the children it leaves out are not a small group either.
    stages["label"] = [
        t("suppressed", k=k) if hidden else
        f"{formatting.number(v)} ({formatting.percent(100 * v / base, 0)})" if base and base - v >= k
        else formatting.number(v)
        for v, hidden in zip(stages["value"], stages["suppressed"])]
    chart = charts.funnel(stages.fillna({"value": 0}), t("chart.children"))
    caption = t("utm.funnel_caption", first=first_label, last=last_label,
                until=formatting.day(until))
    return Figure("utm_funnel", t("utm.funnel"), chart, stages, columns, tuple(ids), caption, "antal")


# Figure key -> builder, in page order; the meeting agenda picks from these too.
BUILDERS = {
    "utm_rate_year": rate_by_year, "utm_rate_quarter": rate_by_quarter, "utm_by_unit": by_unit,
    "utm_meeting_types": meeting_types, "utm_wait": waiting_days, "utm_advisor": advisor_share,
    "utm_outcomes": outcomes, "utm_funnel": funnel,
}

# The page in parts a steering group reads one at a time (issue 19): part -> its figures, in order.
PARTS = {
    "use": ("utm_rate_year", "utm_rate_quarter", "utm_by_unit"),
    "meetings": ("utm_meeting_types", "utm_wait", "utm_advisor"),
    "outcomes": ("utm_outcomes", "utm_funnel"),
}


def whole_label(request: Request) -> str:
    return f"{request.first} – {request.last}" if request.first != request.last else str(request.last)


def _last_followed_quarter(until: date | None) -> periods.Period | None:
    if until is None:
        return None
    followed = (pd.Timestamp(until) - pd.DateOffset(months=COHORT_MONTHS)).date()
    candidate = periods.quarter_of(followed)
    return candidate if candidate.end <= followed else periods.shift_quarters(candidate, -1)


def _labelled(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    return frame.assign(**{column: frame[column].map(lambda v: label(column, v))})

