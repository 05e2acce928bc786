"""The results view: does it work for the children? FIT, goals, escalation, well-being, absence,
repeat notifications, age at the first meeting and caseload, over time, per municipality, district
and unit as far as each figure exists there; and the political targets set for them."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from steering_core import catalogue, charts, config, status
from steering_core.engine import Request, compute, supports, unit_register
from steering_core.texts import t
from steering_core.views import p11
from steering_core.views.figure import Figure, build_each, hidden_keys, level_colours, shown, standard_columns

TRAFFIC_LIGHT_IDS = tuple(f"wellbeing_{colour}_share" for colour in ("green", "yellow", "red"))
# Colours a steering group reads at a glance, in TOPI's own order.
TRAFFIC_LIGHT_COLOURS = ("#2e7d32", "#f9a825", "#c62828")


# Figures that are one indicator over time as lines: key -> (indicator, y-axis text, caption text).
LINES = {
    "results_fit_effect": ("fit_effect", "results.axis.fit", "results.fit_caption"),
    "results_fit_collaboration": ("fit_collaboration", "results.axis.fit", "results.fit_caption"),
    "results_escalation": ("escalation_after_utm", "results.axis.pct_children", "results.escalation_caption"),
    "results_absence": ("school_absence", "results.axis.pct_days", None),
    "results_repeat_notifications": ("repeat_notification_share", "results.axis.pct_notifications",
                                     "results.repeat_caption"),
    "results_age": ("utm_first_meeting_age", "results.axis.years", "results.age_caption"),
    "results_caseload": ("caseload_per_caseworker", "results.axis.cases", None),
}


def figures(store, request: Request) -> list[Figure]:
    # The line figures' indicators in as few engine calls as their levels allow.
    frames = line_frames(store, request, [indicator_id for indicator_id, _, _ in LINES.values()])
    return build_each(BUILDERS, store, request, {key: {"frames": frames} for key in LINES})


def scoped(store, request: Request, indicator_id: str) -> tuple[Request, str | None]:
    """The request at the narrowest level the indicator exists at, and a note when it had to be
    widened: key figures are reported per district, so one unit shows its district's figure."""
    indicator = catalogue.get(indicator_id)
    if not request.filters.enheder or supports(indicator, replace(request, by=())):
        return request, None
    register = unit_register(store, request.filters.kommune)
    district = register.loc[register["unit"] == request.filters.enheder[0], "district"]
    districts = (str(district.iloc[0]),) if len(district) else request.filters.distrikter
    wider = replace(request, filters=replace(request.filters, enheder=(), distrikter=districts))
    return wider, t("results.district_of_unit", district=districts[0]) if districts else t("results.whole_of_unit")


def over_time(store, request: Request, indicator_id: str) -> tuple[pd.DataFrame, str | None]:
    """The indicator per quarter at the chosen level, with a line per district beside the
    municipality when no district is chosen; ``series`` names each line."""
    return line_frames(store, request, [indicator_id])[indicator_id]


def line_frames(store, request: Request, ids: list[str]) -> dict[str, tuple[pd.DataFrame, str | None]]:
    """``over_time`` for several indicators, each group at the same level computed in one go."""
    groups: dict[Request, list[tuple[str, str | None]]] = {}
    for indicator_id in ids:
        scope, note = scoped(store, replace(request, grain="kvartal"), indicator_id)
        groups.setdefault(scope, []).append((indicator_id, note))
    result = {}
    for scope, members in groups.items():
        frame = _series(store, scope, [indicator_id for indicator_id, _ in members])
        for indicator_id, note in members:
            result[indicator_id] = (frame[frame["indicator"] == indicator_id].reset_index(drop=True), note)
    return result


def _series(store, request: Request, ids: list[str]) -> pd.DataFrame:
    filters = request.filters
    if filters.enheder:
        frame = compute(store, ids, replace(request, by=("enhed",)))
        return frame.assign(series=frame["unit_name"])
    if filters.distrikter:
        frame = compute(store, ids, replace(request, by=("distrikt",)))
        return frame.assign(series=frame["district"])
    whole = compute(store, ids, replace(request, by=()))
    parts = compute(store, ids, replace(request, by=("distrikt",)))
    # Rows with no district (a municipal key figure) are in the whole, not a line of their own.
    parts = parts[parts["district"].notna()]
    return pd.concat([whole.assign(series=t("results.municipality")), parts.assign(series=parts["district"])],
                     ignore_index=True)


def _lines(store, request: Request, key: str, frames: dict | None = None) -> Figure:
    indicator_id, axis, caption = LINES[key]
    frame, note = (frames or {}).get(indicator_id) or over_time(store, request, indicator_id)
    indicator = catalogue.get(indicator_id)
    # A rating (FIT) and an age are read against their own range, not against 0.
    chart = charts.period_lines(shown(frame), "series", indicator.unit, t(axis), t("col.series"),
                                colours=level_colours(store, request, whole=t("results.municipality")),
                                zero=indicator.unit not in ("point", "aar"))
    columns = standard_columns(("series", t("col.series")))
    return Figure(key, t(f"agenda.{key}"), chart, frame[[c for c in columns if c in frame.columns]], columns,
                  (indicator_id,), " ".join(filter(None, [t(caption) if caption else None, note])) or None,
                  indicator.unit)


def _line_builder(key: str):
    def build(store, request: Request, frames: dict | None = None) -> Figure:
        return _lines(store, request, key, frames)
    build.__name__ = key
    return build


def goals(store, request: Request) -> Figure:
    figure = p11.goals(store, request)
    return replace(figure, key="results_goals", title=t("agenda.results_goals"), caption=t("results.goals_caption"))


def wellbeing(store, request: Request) -> Figure:
    scope, note = scoped(store, replace(request, grain="kvartal", by=()), TRAFFIC_LIGHT_IDS[0])
    frame = compute(store, list(TRAFFIC_LIGHT_IDS), scope)
    names = {i: catalogue.get(i).name(config.language()).split(": ")[-1] for i in TRAFFIC_LIGHT_IDS}
    frame = frame.assign(series=frame["indicator"].map(names))
    # Only the quarters with an assessment (TOPI is done twice a year).
    assessed = frame[frame["status"] != status.NO_DATA]
    chart = charts.traffic_light_bars(shown(assessed), "series", t("results.axis.pct_assessed"), t("col.series"),
                                      [names[i] for i in TRAFFIC_LIGHT_IDS], TRAFFIC_LIGHT_COLOURS,
                                      hidden=hidden_keys(assessed, "period"))
    columns = standard_columns(("series", t("col.series")))
    return Figure("results_wellbeing", t("agenda.results_wellbeing"), chart, assessed[[c for c in columns
                                                                                       if c in assessed.columns]],
                  columns, TRAFFIC_LIGHT_IDS, " ".join(filter(None, [t("results.wellbeing_caption"), note])), "pct")


# ---- targets ----

def scope_name(district: str) -> str:
    return district or t("results.municipality")


def state_text(state: str) -> str:
    return t(f"target.state.{state}")


def targets_table(store, request: Request) -> Figure:
    """Every current target with its baseline, the newest actual, where the trajectory says it should
    be, and on track or not: the "Mål" section and its agenda item."""
    from steering_core import formatting, targets
    from steering_core.overview import format_value

    kommune = request.filters.kommune or _kommune(store)
    found = targets.follow_ups(store, kommune, request.last, request.filters.kommune)
    rows = []
    for follow in found:
        target, indicator = follow.target, catalogue.get(follow.target.indicator_id)
        value = format_value(indicator, target.value)
        rows.append({
            "indicator": indicator.name(config.language()), "scope": scope_name(target.district),
            "target": f"{t('target.direction.' + target.direction).split(' ')[0]} {value}",
            "deadline": target.deadline,
            "baseline": t("target.baseline_value", value=format_value(indicator, follow.baseline), year=target.baseline_year)
            if follow.baseline is not None else "–",
            "actual": t("target.actual_value", value=format_value(indicator, follow.actual), covers=follow.covers)
            if follow.actual is not None else "–",
            "planned": format_value(indicator, follow.planned) if follow.planned is not None else "–",
            "state": state_text(follow.state), "decision": target.decision or "–",
            "set_by": t("target.set_by", user=follow.stored.user, saved=formatting.day(follow.stored.saved)),
        })
    columns = {name: t(f"target.col.{name}") for name in
               ("indicator", "scope", "state", "target", "deadline", "actual", "planned", "baseline", "decision",
                "set_by")}
    table = pd.DataFrame(rows, columns=list(columns))
    ids = tuple(dict.fromkeys(f.target.indicator_id for f in found))
    return Figure("results_targets", t("agenda.results_targets"), None, table, columns, ids,
                  t("target.table_caption") if rows else t("target.none"), "antal")


def target_figure(follow) -> Figure:
    """One target: the actual yearly figures, the trajectory to the target, and the target itself."""
    from steering_core.overview import format_value

    target, indicator = follow.target, catalogue.get(follow.target.indicator_id)
    years = follow.years
    actual = years[years["state"].isin([status.VALUE, status.ZERO])].assign(kind=t("target.kind.actual"),
                                                                            value=lambda f: f["actual"])
    if follow.baseline is not None:
        line = pd.DataFrame({"year": [target.baseline_year, target.deadline],
                             "value": [follow.baseline, float(target.value)]}).assign(kind=t("target.kind.planned"))
    else:
        line = pd.DataFrame(columns=["year", "value", "kind"])
    frame = pd.concat([actual[["year", "value", "kind"]], line], ignore_index=True)
    frame["year"] = frame["year"].astype(int).astype(str)
    chart = charts.target_lines(frame, "kind", indicator.unit, indicator.name(config.language()), t("target.col.kind"),
                                [t("target.kind.actual"), t("target.kind.planned")],
                                [str(y) for y in range(min([target.baseline_year, *years["year"].tolist()]),
                                                       max([target.deadline, *years["year"].tolist()]) + 1)])
    title = t("target.chart_title", name=indicator.name(config.language()), scope=scope_name(target.district),
              value=format_value(indicator, target.value), deadline=target.deadline)
    table = years.assign(state=years["state"].map(lambda code: status.text(code) if code else ""))
    # Hidden actual figures stay blank in the table, as the engine left them.
    columns = {"year": t("target.col.year"), "actual": t("target.kind.actual"), "planned": t("target.kind.planned"),
               "state": t("col.status")}
    caption = f"{t('target.col.state')}: {state_text(follow.state)}" + (f" · {target.decision}" if target.decision else "")
    return Figure(f"target_{target.indicator_id}_{target.district}", title, chart, table, columns,
                  (target.indicator_id,), caption, indicator.unit)


def target_figures(store, request: Request) -> list[Figure]:
    """A chart per current target: actual, trajectory and target, off-track targets first."""
    from steering_core import targets

    kommune = request.filters.kommune or _kommune(store)
    return [target_figure(f) for f in targets.follow_ups(store, kommune, request.last, request.filters.kommune)]


def versions_frame(store, kommune: str) -> pd.DataFrame:
    """Every saved version of every target, newest first, as people read them."""
    from steering_core import formatting, targets
    from steering_core.overview import format_value

    rows = []
    for stored in reversed(targets.all_versions(store, kommune)):
        target = stored.target
        known = target.indicator_id in catalogue.BY_ID
        indicator = catalogue.get(target.indicator_id) if known else None
        rows.append({
            t("target.col.indicator"): indicator.name(config.language()) if known else target.indicator_id,
            t("target.col.scope"): scope_name(target.district), t("target.col.version"): stored.version,
            t("target.col.target"): format_value(indicator, target.value) if known else target.value,
            t("target.col.deadline"): target.deadline, t("target.col.baseline"): target.baseline_year,
            t("target.col.active"): t("target.active.yes") if target.active else t("target.active.no"),
            t("target.col.decision"): target.decision,
            t("target.col.set_by"): t("target.set_by", user=stored.user, saved=formatting.timestamp(stored.saved)),
        })
    return pd.DataFrame(rows)


def _kommune(store) -> str:
    meta = store.meta()
    return meta.get("kommune", "")


# Figure key -> builder, in page order; the meeting agenda picks from these too.
BUILDERS = {
    **{key: _line_builder(key) for key in ("results_fit_effect", "results_fit_collaboration")},
    "results_goals": goals, "results_escalation": _line_builder("results_escalation"), "results_wellbeing": wellbeing,
    **{key: _line_builder(key) for key in ("results_absence", "results_repeat_notifications", "results_age",
                                           "results_caseload")},
    "results_targets": targets_table,
}
# The page in parts a steering group reads one at a time, each with few enough charts that the
# browser draws it quickly (issue 19): part -> the figures of this view it shows, in BUILDERS' order.
# The citizens' part also shows FIT per course (the fit view); the targets' part the target charts.
PARTS = {
    "citizens": ("results_fit_effect", "results_fit_collaboration", "results_goals"),
    "children": ("results_escalation", "results_wellbeing", "results_absence", "results_repeat_notifications",
                 "results_age", "results_caseload"),
    "targets": ("results_targets",),
}
