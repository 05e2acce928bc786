"""The staircase view: children and kroner per step, and whether the municipality moves down the stairs."""
from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd

from steering_core import catalogue, charts, config, formatting, periods
from steering_core.domain import STEPS
from steering_core.engine import Request, compute
from steering_core.texts import label, t
from steering_core.views.figure import Figure, build_each, hidden_keys, shown, standard_columns

MEASURES = ("children", "cost")
MEASURE_INDICATORS = {"children": "children_per_step", "cost": "intervention_cost"}
# The figures the "Børn / Kr." switch changes.
BY_MEASURE = ("stair_over_time", "stair_districts")


def figures(store, request: Request, measure: str = "children") -> list[Figure]:
    measure = measure if measure in MEASURES else "children"
    return build_each(BUILDERS, store, request, {key: {"measure": measure} for key in BY_MEASURE})


def step_label(step) -> str:
    return t("stair.step_short", n=int(step))


def step_name(step) -> str:
    return f"{int(step)} {label('step', int(step))}"


def wrapped(text: str, width: int = 14) -> str:
    """A step's name on short lines for a narrow block; a long compound breaks before "anbringelse"."""
    lines, line = [], ""
    for word in text.split():
        if len(word) > width and word.endswith("anbringelse"):
            word = word[:-len("anbringelse")] + "-\nanbringelse"
        candidate = f"{line} {word}".strip()
        if line and len(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    return "\n".join(lines)


def verdict(change: float | None, stable_within: float, period: str, reference: str, unit: str = "pct.point",
            decimals: int = 1) -> str:
    """A change in words: up, down or stable (within the indicator's stable band)."""
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return t("stair.no_verdict")
    stable = abs(change) <= stable_within or formatting.reads_as_zero(change, decimals)
    word = "stable" if stable else ("up" if change > 0 else "down")
    return t("stair.verdict", period=period, reference=reference, change=formatting.signed(change, decimals, unit),
             word=t(f"stair.word.{word}"))


def picture(store, request: Request) -> Figure:
    last = replace(request, first=request.last, grain="kvartal", by=("trin",))
    frame = compute(store, ["children_per_step", "intervention_cost"], last)
    children = frame[frame["indicator"] == "children_per_step"].set_index("step")
    cost = frame[frame["indicator"] == "intervention_cost"].set_index("step")
    k = request.min_cell or config.min_cell_size()
    rows = []
    for step in STEPS:
        child = children.loc[step] if step in children.index else None
        spend = cost.loc[step] if step in cost.index else None
        hidden = child is not None and bool(child["suppressed"])
        rows.append({
            "step": step, "step_label": step_label(step), "description": wrapped(label("step", step)),
            "children": None if child is None or hidden else child["value"],
            "children_change": None if child is None or hidden else child["change_year"],
            "cost": None if spend is None or bool(spend["suppressed"]) else spend["value"],
            # A step without a row has no figure (not a zero): its label says so, never "0".
            "children_label": t("suppressed", k=k) if hidden else formatting.number(
                None if child is None else child["value"]),
        })
    table = pd.DataFrame(rows)
    table["cost_label"] = [t("econ.mio", value=formatting.number(c / 1e6, 1)) if c is not None and c == c else ""
                           for c in table["cost"]]
    table["change_label"] = [f"{formatting.signed(d)} {t('stair.children_word')}" if d is not None and d == d else ""
                             for d in table["children_change"]]
    has_data = not frame.empty
    chart = charts.staircase(table) if has_data else None
    columns = {"step_label": t("stair.col.step"), "description": t("col.step"), "children": t("stair.col.children"),
               "cost": t("stair.col.cost"), "children_change": t("stair.col.children_change")}
    exported = table.assign(description=table["description"].str.replace("\n", " ").str.replace("- ", ""))
    return Figure("stair_picture", t("stair.picture", period=request.last), chart, exported, columns,
                  ("children_per_step", "intervention_cost"), t("stair.picture_caption", k=k), "antal")


def over_time(store, request: Request, measure: str = "children") -> Figure:
    indicator = MEASURE_INDICATORS[measure]
    frame = compute(store, [indicator], replace(request, grain="kvartal", by=("trin",)))
    frame = frame.assign(step_name=frame["step"].map(step_name))
    data = shown(frame)
    if measure == "cost":
        chart = charts.money_lines(data, "step_name", t("col.step"))
    else:
        chart = charts.period_lines(data, "step_name", "antal", t("stair.axis.children"), t("col.step"))
    unit = "kr" if measure == "cost" else "antal"
    return Figure("stair_over_time", t(f"stair.over_time.{measure}"), chart if not data.empty else None, frame,
                  standard_columns(("step_name", t("col.step"))), (indicator,), None, unit)


def placement_share(store, request: Request) -> Figure:
    frame = compute(store, ["placement_share"], replace(request, grain="kvartal", by=()))
    frame = frame.assign(series=catalogue.get("placement_share").name(config.language()))
    last = frame[frame["period"] == request.last]
    change = float(last["change_year"].iloc[0]) if not last.empty else math.nan
    reference = periods.year_before(periods.parse_period(request.last), "kvartal")
    text = verdict(change, 0.0, request.last, reference)
    chart = charts.period_lines(shown(frame), "series", "pct", t("stair.axis.pct"), "")
    return Figure("stair_placement_share", t("stair.placement_share"), chart if not shown(frame).empty else None, frame,
                  standard_columns(), ("placement_share",), t("stair.placement_caption", verdict=text), "pct")


def prevention(store, request: Request) -> Figure:
    indicator = catalogue.get("prevention_ratio")
    frame = compute(store, ["prevention_ratio"], replace(request, grain="kvartal", by=()))
    frame = frame.assign(series=indicator.name(config.language()))
    last = frame[frame["period"] == request.last]
    reference = periods.year_before(periods.parse_period(request.last), "kvartal")
    band, caption = None, t("stair.no_verdict")
    if not last.empty and pd.notna(last["year_ago_value"].iloc[0]):
        base = float(last["year_ago_value"].iloc[0])
        band = pd.DataFrame({"low": [base - indicator.stable_within], "high": [base + indicator.stable_within],
                             "label": [t("stair.band", reference=reference)]})
        text = verdict(float(last["change_year"].iloc[0]), indicator.stable_within, request.last, reference)
        caption = t("stair.ratio_caption", reference=reference, value=formatting.percent(base), verdict=text)
    chart = charts.band_lines(shown(frame), "series", t("stair.axis.pct"), "", band) if not shown(frame).empty else None
    return Figure("stair_prevention", t("stair.ratio"), chart, frame, standard_columns(), ("prevention_ratio",),
                  caption, "pct")


def spend_per_resident(store, request: Request) -> Figure:
    ids = ["spend_per_0_22_steps_2_3", "spend_per_0_22_steps_4_6"]
    frame = compute(store, ids, replace(request, grain="kvartal", by=()))
    frame = frame.assign(series=frame["indicator"].map(lambda i: catalogue.get(i).name(config.language())))
    chart = charts.period_lines(shown(frame), "series", "kr_pr_indbygger", t("stair.axis.per_resident"), "")
    return Figure("stair_spend", t("stair.spend"), chart if not shown(frame).empty else None, frame,
                  standard_columns(("series", t("col.series"))), tuple(ids), None, "kr_pr_indbygger")


def by_district(store, request: Request, measure: str = "children") -> Figure:
    indicator = MEASURE_INDICATORS[measure]
    frame = compute(store, [indicator], replace(request, first=request.last, grain="kvartal", by=("distrikt", "trin")))
    frame = frame.assign(step_name=frame["step"].map(step_name), series_order=frame["step"].astype(float))
    order = [step_name(s) for s in STEPS]
    chart = charts.share_hbars(shown(frame), "district", "step_name", t("col.step"), order,
                               hidden=hidden_keys(frame, "district")) \
        if not shown(frame).empty else None
    k = request.min_cell or config.min_cell_size()
    unit = "kr" if measure == "cost" else "antal"
    return Figure("stair_districts", t(f"stair.districts.{measure}", period=request.last), chart, frame,
                  standard_columns(("district", t("col.district")), ("step_name", t("col.step"))), (indicator,),
                  t("stair.districts_caption", k=k), unit)


# Figure key -> builder (default options); the meeting agenda picks from these.
BUILDERS = {
    "stair_picture": picture, "stair_over_time": over_time, "stair_placement_share": placement_share,
    "stair_prevention": prevention, "stair_spend": spend_per_resident, "stair_districts": by_district,
}
