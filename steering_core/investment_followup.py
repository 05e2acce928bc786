"""An investment case followed up against what actually happened (000 L1567-1569: nobody does this).

Per year from the case's start to the newest data: planned against actual cost (the case's project
in the finance sheet), children reached (the engine's ``children_started`` in the case's districts,
units and intervention types, so small counts are suppressed as everywhere else), and each effect's
indicator against the level the case expects. A figure that cannot be observed yet says from when
it can. The break-even year is then estimated again with what has happened so far: actual costs in
the years that are over, the target group scaled by the share of planned children reached, and each
observed effect scaled by the share of it realised.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from steering_core import catalogue, engine, investment as inv, periods, status
from steering_core.measures import Filters
from steering_core.store import Store
from steering_core.texts import t

CHILDREN = "children_started"
# A realised share outside this band is more likely noise than effect; it is capped for the estimate.
REALISED_BAND = (0.0, 2.0)


@dataclass(frozen=True)
class FollowUp:
    data_until: date
    years: pd.DataFrame         # year, complete, planned_cost (to date), actual_cost, cost_deviation,
                                # planned_children, actual_children, children_suppressed
    effects: pd.DataFrame       # effect, indicator, year, expected, actual, deviation, suppressed, observable_from
    planned_break_even: int | None
    reestimated_break_even: int | None
    reestimated: pd.DataFrame   # the re-estimated totals per year (as investment.totals)
    reach: float | None         # actual ÷ planned children over the complete years with a figure
    realised: dict[str, float]  # effect name -> share of the expected effect realised so far


def actual_cost(store: Store, kommune: str, project: str) -> pd.DataFrame:
    """Spend booked on the project per year and sector (money, not children: no suppression needed)."""
    if not project:
        return pd.DataFrame(columns=["year", "sector", "spend"])
    with store.reading() as con:
        return con.execute("""
            SELECT year(periode_start) AS year, sektor AS sector, sum(forbrug)::DOUBLE AS spend
            FROM oekonomi WHERE kommune = ? AND projekt = ? GROUP BY ALL ORDER BY 1, 2""",
                           [kommune, project]).df()


def _filters(case: inv.Case, kommune: str) -> Filters:
    return Filters(kommune=kommune, distrikter=tuple(case.districts), enheder=tuple(case.units))


def _engine_years(store: Store, indicator_id: str, first: int, last: int, filters: Filters,
                  intervention_types: tuple[str, ...] = ()) -> pd.DataFrame:
    """The indicator per year through the engine, summed over the named intervention types (or all);
    a year is suppressed when any of its parts is. ``state`` says what each year's figure is
    (``status``): a year without any of the named types is a true zero where the year has data."""
    request = engine.Request(str(first), str(last), "aar", ("indsatstype",) if intervention_types else (), filters)
    try:
        result = engine.compute(store, [indicator_id], request)
    except (engine.NotForFilter, engine.NotOffered):
        # A figure that does not exist for the case's units (a rate per 1.000 residents), or a filter set
        # outside the publication grid: nothing is shown rather than an unprotected figure, and it says so.
        return _every_year(first, last, status.NOT_APPLICABLE)
    except engine.NoData:
        return _every_year(first, last, status.NO_DATA)
    rows = []
    for period, group in result.groupby("period"):
        parts = group[group["intervention_type"].isin(intervention_types)] if intervention_types else group
        hidden = bool(parts["suppressed"].astype(bool).any())
        if hidden:
            state = status.HIDDEN
        elif parts.empty or parts["value"].isna().all():
            has_data = bool((group["status"] != status.NO_DATA).any())
            state = status.ZERO if has_data and intervention_types else (
                str(parts["status"].iloc[0]) if len(parts) else status.NO_DATA)
        else:
            state = status.ZERO if float(parts["value"].sum()) == 0 else status.VALUE
        value = float(parts["value"].sum()) if state in (status.VALUE, status.ZERO) else None
        rows.append({"year": int(str(period)[:4]), "value": value, "suppressed": hidden, "state": state})
    return pd.DataFrame(rows, columns=["year", "value", "suppressed", "state"])


def _every_year(first: int, last: int, state: str) -> pd.DataFrame:
    return pd.DataFrame({"year": list(range(first, last + 1)), "value": None, "suppressed": False, "state": state},
                        columns=["year", "value", "suppressed", "state"])


def observable_from(indicator_id: str, year: int) -> date:
    """The first data cut-off at which the year's figure is complete (the year's end plus the indicator's lag)."""
    lag = catalogue.get(indicator_id).lag_months if indicator_id else 0
    end = date(year, 12, 31)
    quarter = periods.shift_quarters(periods.quarter_of(end), (lag + 2) // 3)
    return quarter.end


def expected_value(effect: inv.Effect, case: inv.Case, year_no: int) -> float | None:
    """The level the case expects the effect's indicator at in the year, from its baseline; None when the
    indicator's unit does not say how the effect moves it."""
    if effect.baseline is None or not effect.indicator:
        return None
    unit = catalogue.get(effect.indicator).unit
    units = inv.effect_gains(effect, case)[year_no - 1] / effect.price if effect.price else 0.0
    if unit == "pct":
        # A share of the year's target group avoids the measure: the share falls by the effect's size.
        return effect.baseline - 100 * effect.size if case.target_in(year_no) > 0 else effect.baseline
    if unit == "helaarsindsatser":
        return effect.baseline - units / 12       # course-months saved → full-year interventions
    if unit == "antal":
        return effect.baseline - units
    return None


def follow_up(store: Store, kommune: str, case: inv.Case, scenario: str = inv.EXPECTED) -> FollowUp:
    applied = case.scenario(scenario) if any(s.name == scenario for s in case.scenarios) else case
    with store.reading() as con:
        until = engine.data_until(con, kommune)
    if until is None:
        raise engine.NoData(t("engine.no_data"))
    last = min(until.year, applied.start_year + applied.horizon - 1)
    plan = inv.totals(applied)
    years = list(range(applied.start_year, last + 1))
    filters = _filters(applied, kommune)

    spend = actual_cost(store, kommune, applied.project)
    spent = spend.groupby("year")["spend"].sum() if len(spend) else pd.Series(dtype=float)
    children = (_engine_years(store, CHILDREN, applied.start_year, last, filters, applied.intervention_types)
                .set_index("year") if years else pd.DataFrame(columns=["value", "suppressed"]))
    # Planned figures without discounting: actual kroner are compared with the kroner the case expects.
    undiscounted = inv.totals(replace(applied, discount_rate=0.0)).set_index("year")
    rows = []
    for year in years:
        year_no = year - applied.start_year + 1
        actual = float(spent[year]) if year in spent.index else None
        # A year not over yet is compared with the plan for its months so far (cost and children alike).
        months = 12 if until >= date(year, 12, 31) else max(0, (until.year - year) * 12 + until.month)
        planned = float(undiscounted.loc[year, "cost"]) * months / 12
        child = children.loc[year] if year in children.index else None
        rows.append({"year": year, "complete": until >= date(year, 12, 31), "planned_cost": planned,
                     "actual_cost": actual, "cost_deviation": None if actual is None else actual - planned,
                     "planned_children": applied.target_in(year_no) * months / 12,
                     "actual_children": None if child is None or child["suppressed"] else child["value"],
                     "children_suppressed": bool(child is not None and child["suppressed"]),
                     "children_state": status.NO_DATA if child is None else child["state"]})
    year_frame = pd.DataFrame(rows, columns=["year", "complete", "planned_cost", "actual_cost", "cost_deviation",
                                             "planned_children", "actual_children", "children_suppressed",
                                             "children_state"])

    effect_rows, realised = _effects(store, applied, filters, until)
    reach = _reach(year_frame)
    estimate = _reestimate(applied, year_frame, reach, realised)
    return FollowUp(until, year_frame, pd.DataFrame(effect_rows, columns=[
        "effect", "indicator", "year", "expected", "actual", "deviation", "suppressed", "observable_from", "state"]),
        inv.break_even(plan["cumulative"], plan["year"]), inv.break_even(estimate["cumulative"], estimate["year"]),
        estimate, reach, realised)


def _effects(store: Store, case: inv.Case, filters: Filters, until: date) -> tuple[list[dict], dict[str, float]]:
    rows, realised = [], {}
    last = min(until.year, case.start_year + case.horizon - 1)
    for effect in case.effects:
        if not effect.indicator or last < case.start_year:
            continue
        by_type = effect.intervention_type and "intervention_type" in catalogue.get(effect.indicator).breakdowns
        types = (effect.intervention_type,) if by_type else ()
        observed = _engine_years(store, effect.indicator, case.start_year, last, filters, types).set_index("year")
        shares = []
        for year in range(case.start_year, last + 1):
            ready = observable_from(effect.indicator, year)
            expected = expected_value(effect, case, year - case.start_year + 1)
            if ready > until:
                rows.append({"effect": effect.name, "indicator": effect.indicator, "year": year,
                             "expected": expected, "actual": None, "deviation": None, "suppressed": False,
                             "observable_from": ready, "state": status.PENDING})
                continue
            if year not in observed.index:
                continue
            row = observed.loc[year]
            actual = None if row["suppressed"] else row["value"]
            rows.append({"effect": effect.name, "indicator": effect.indicator, "year": year, "expected": expected,
                         "actual": actual,
                         "deviation": None if actual is None or expected is None else actual - expected,
                         "suppressed": bool(row["suppressed"]), "observable_from": None, "state": row["state"]})
            if actual is not None and expected is not None and effect.baseline != expected:
                shares.append((effect.baseline - actual) / (effect.baseline - expected))
        if shares:
            realised[effect.name] = float(np.clip(np.mean(shares), *REALISED_BAND))
    return rows, realised


def _reach(years: pd.DataFrame) -> float | None:
    known = years[years["complete"] & years["actual_children"].notna() & (years["planned_children"] > 0)]
    if known.empty:
        return None
    return float(known["actual_children"].sum() / known["planned_children"].sum())


def _reestimate(case: inv.Case, years: pd.DataFrame, reach: float | None,
                realised: dict[str, float]) -> pd.DataFrame:
    """The case's totals with what has happened so far in place of the plan."""
    effects = tuple(replace(e, size=e.size * realised[e.name]) if e.name in realised else e for e in case.effects)
    adjusted = replace(case, effects=effects, target_factor=case.target_factor * (reach if reach is not None else 1.0))
    totals = inv.totals(adjusted).set_index("year")
    factors = {y: 1 / (1 + case.discount_rate) ** (y - case.start_year) for y in totals.index}
    for row in years.itertuples():
        if row.complete and row.actual_cost is not None and not pd.isna(row.actual_cost):
            totals.loc[row.year, "cost"] = row.actual_cost * factors[row.year]
    totals["net"] = totals["gain"] - totals["cost"]
    totals["cumulative"] = totals["net"].cumsum()
    return totals.reset_index()
