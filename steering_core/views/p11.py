"""The § 11 view: how many early preventive courses, granted by whom, and how long they really run."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from steering_core import catalogue, charts, config, formatting
from steering_core.durations import GRANT_LIMIT_DAYS, MILESTONE_DAYS, p11_survival
from steering_core.engine import (Request, available_quarters, compute, data_until, districts, published_year,
                                  with_unit_columns)
from steering_core.texts import label, t
from steering_core.views.figure import Figure, build_each, hidden_keys, shown, standard_columns, top_rows

LAW_CHANGE_QUARTER = "2024K1"
DEFAULT_OVERDUE_DAYS = 30
SURVIVAL_GROUPS = ("granted_by", "intervention_type")


def figures(store, request: Request, survival_group: str = "granted_by") -> list[Figure]:
    options = {"p11_survival": {"group": survival_group}}
    return build_each(BUILDERS, store, request, options)


def _quarters(request: Request, *by: str) -> Request:
    return replace(request, grain="kvartal", by=by)


def flows(store, request: Request) -> Figure:
    ids = ["p11_started", "p11_active", "p11_ended"]
    # The whole history, so the change from SEL § 11 to Barnets lov § 30 is in view.
    quarters = available_quarters(store)
    frame = compute(store, ids, replace(_quarters(request), first=quarters[0] if quarters else request.first))
    names = {i: catalogue.get(i).name(config.language()) for i in ids}
    frame = frame.assign(series=frame["indicator"].map(names))
    chart = charts.period_lines(shown(frame), "series", "antal", t("col.courses"), t("col.series"),
                                marker_period=LAW_CHANGE_QUARTER, marker_text=t("p11.law_change"))
    return Figure("p11_flows", t("p11.flows"), chart, frame, standard_columns(("series", t("col.series"))),
                  tuple(ids), t("p11.intro"), "antal")


def by_granted(store, request: Request) -> Figure:
    frame = _labelled(compute(store, ["p11_started"], _quarters(request, "bevilget_af")), "granted_by")
    chart = charts.stacked_bars(shown(frame), "granted_by", "antal", t("chart.p11.started"),
                                t("chart.p11.granted_by"), hidden=hidden_keys(frame, "period"))
    return Figure("p11_by_granted", t("p11.by_granted"), chart, frame,
                  standard_columns(("granted_by", t("chart.p11.granted_by"))), ("p11_started",), None, "antal")


def by_type(store, request: Request) -> Figure:
    frame = compute(store, ["p11_started"], _quarters(request, "indsatstype"))
    chart = charts.stacked_bars(shown(frame), "intervention_type", "antal", t("chart.p11.started"),
                                t("chart.p11.intervention_type"), hidden=hidden_keys(frame, "period"))
    return Figure("p11_by_type", t("p11.by_type"), chart, frame,
                  standard_columns(("intervention_type", t("chart.p11.intervention_type"))), ("p11_started",), None,
                  "antal")


def durations(store, request: Request, group: str = "granted_by") -> Figure:
    request = published_year(store, request)
    result = p11_survival(store, request, group if group in SURVIVAL_GROUPS else None)
    curves = result.curves.assign(group=result.curves["group"].map(lambda v: label(group, v)))
    summary = result.summary.assign(group=result.summary["group"].map(lambda v: label(group, v))) \
        if not result.summary.empty else result.summary
    with store.reading() as con:
        until = data_until(con, request.filters.kommune)
    k = request.min_cell or config.min_cell_size()
    hidden = t("p11.hidden_groups", k=k, groups=", ".join(label(group, g) for g in result.hidden_groups)) \
        if result.hidden_groups else ""
    running = int(summary["running"].sum()) if not summary.empty else 0
    caption = t("p11.survival_caption", first=request.first, last=min(request.last, _newest(store)),
                running=formatting.number(running),
                until=formatting.day(until), hidden=hidden) + t("p11.definitions", days=GRANT_LIMIT_DAYS)
    if result.not_yet_followed:
        caption += t("p11.not_followed", months=", ".join(
            str(m) for m, d in MILESTONE_DAYS.items() if d in result.not_yet_followed))
    chart = charts.survival_curves(charts_limit(curves), t("col.group"), GRANT_LIMIT_DAYS) \
        if not curves.empty else None
    columns = {"group": t("col.group"), "courses": t("col.courses"), "running": t("col.running"),
               "median": t("col.median"), "median_lower": t("col.median_lower"),
               "median_upper": t("col.median_upper"), "still_91": t("col.still_91"),
               "still_182": t("col.still_182"), "still_365": t("col.still_365")}
    return Figure("p11_survival", t("p11.survival"), chart, summary, columns,
                  ("p11_median_days", "p11_share_over_3m"), caption, "dage")


def charts_limit(curves: pd.DataFrame) -> pd.DataFrame:
    """At most six groups on one chart: the largest ones."""
    if curves["group"].nunique() <= charts.MAX_COLOURS:
        return curves
    largest = curves.groupby("group").size().sort_values(ascending=False).index[:charts.MAX_COLOURS]
    return curves[curves["group"].isin(largest)]


def extended(store, request: Request) -> Figure:
    frame = _labelled(compute(store, ["p11_extended_share"], _quarters(request, "bevilget_af")), "granted_by")
    chart = charts.period_lines(shown(frame), "granted_by", "pct", t("chart.p11.pct_extended"),
                                t("chart.p11.granted_by"))
    return Figure("p11_extended", t("p11.extended"), chart, frame,
                  standard_columns(("granted_by", t("chart.p11.granted_by"))), ("p11_extended_share",), None, "pct")


def _newest(store) -> str:
    return available_quarters(store)[-1]


def overdue(store, request: Request, days: int = DEFAULT_OVERDUE_DAYS, top: int | None = None) -> Figure:
    last = replace(request, first=request.last, grain="kvartal", by=("enhed",), params=(("dage", int(days)),))
    frame = compute(store, ["p11_overdue"], last)
    units = with_unit_columns(store, shown(frame), request.filters.kommune).assign(district_mean=None)
    drawn = top_rows(units, top)
    colours = charts.district_colours(districts(store, request.filters.kommune))
    chart = charts.unit_bars(drawn, "antal", t("col.courses"), None, colours=colours) if not units.empty else None
    title = t("p11.overdue", days=int(days), period=request.last)
    hidden = int(frame["suppressed"].astype(bool).sum())
    caption = t("p11.hidden_units", n=hidden, k=request.min_cell or config.min_cell_size()) if hidden else None
    if len(drawn) < len(units):
        caption = " ".join(filter(None, [t("fig.top_units", n=len(drawn), total=len(units), page=t("p11.title")),
                                         caption]))
    columns = standard_columns(("unit_name", t("col.unit")), ("unit", t("col.unit_id")))
    return Figure("p11_overdue", title, chart, frame, columns, ("p11_overdue",), caption, "antal",
                  params={"dage": int(days)})


def goals(store, request: Request) -> Figure:
    frame = _labelled(compute(store, ["p11_ended"], _quarters(request, "maal_opfyldt")), "goal")
    chart = charts.stacked_bars(shown(frame), "goal", "antal", t("chart.p11.share_ended"), t("chart.p11.goal"),
                                normalise=True, hidden=hidden_keys(frame, "period"))
    return Figure("p11_goals", t("p11.goals"), chart, frame, standard_columns(("goal", t("chart.p11.goal"))),
                  ("p11_ended", "p11_goal_met_share"), None, "antal")


def cost_by_sector(store, request: Request) -> Figure:
    frame = _labelled(compute(store, ["p11_cost"], _quarters(request, "sektor")), "sector")
    chart = charts.stacked_bars(shown(frame), "sector", "kr", t("chart.kr"), t("chart.p11.paying_sector"),
                                hidden=hidden_keys(frame, "period"))
    return Figure("p11_cost", t("p11.cost"), chart, frame, standard_columns(("sector", t("col.sector"))),
                  ("p11_cost",), None, "kr")


# Figure key -> builder, in page order; the meeting agenda picks from these too.
BUILDERS = {
    "p11_flows": flows, "p11_by_granted": by_granted, "p11_by_type": by_type, "p11_survival": durations,
    "p11_extended": extended, "p11_overdue": overdue, "p11_goals": goals, "p11_cost": cost_by_sector,
}


def _labelled(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    return frame.assign(**{column: frame[column].map(lambda v: label(column, v))})

