"""Commitment accounting (disponeringsregnskab): the expected year-end result of costly cases.

The method of VIVE's slide deck (seed 001, L691-799), as finance departments use it:

* every current case has a monthly rate, a start and a stop (no stop, or 01.01.9999, is open-ended);
  it commits the months of the budget year it runs in, so an open case runs to the year's end;
* expected new cases are added the same way from the month they are expected to start;
* an estimate pool (skøn, pulje) for cases not yet known can come on top;
* as the year goes, the booked spend of a closed month replaces that month's commitments.

A month a case runs only part of costs the rate times the share of the month's days, like the
engine's cost of interventions, so whole months give whole rates.

The first half of the module is pure and tested against DOMAIN.md section 7. The second half
reads its inputs from the store through ``engine.source_rows`` and the engine's indicators.
"""
from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from steering_core.texts import t

OPEN_END = date(9999, 1, 1)
MONTHS = 12
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Case:
    """A costly case: kr. per month from ``start`` to ``stop`` inclusive (``None`` = open-ended)."""
    monthly: float
    start: date
    stop: date | None = None


@dataclass(frozen=True)
class Projection:
    """The expected year-end result, month by month (columns month, booked, current, expected, closed)."""
    year: int
    months: pd.DataFrame
    pool: float = 0.0

    @property
    def booked(self) -> float:
        return float(self.months["booked"].sum())

    @property
    def current(self) -> float:
        """Commitments of the current cases in the months not yet closed."""
        return float(self.months["current"].sum())

    @property
    def expected(self) -> float:
        """Commitments of the expected new cases in the months not yet closed."""
        return float(self.months["expected"].sum())

    @property
    def committed(self) -> float:
        return self.booked + self.current + self.expected

    @property
    def total(self) -> float:
        """Booked + current + expected commitments + the estimate pool: the expected year-end result."""
        return self.committed + self.pool


def month_amounts(case: Case, year: int) -> np.ndarray:
    """The case's cost in each of the year's twelve months (prorated by days in a partial month)."""
    stop = case.stop if case.stop is not None and case.stop < OPEN_END else date(year, 12, 31)
    amounts = np.zeros(MONTHS)
    for month in range(1, MONTHS + 1):
        days = calendar.monthrange(year, month)[1]
        first, last = date(year, month, 1), date(year, month, days)
        running = (min(stop, last) - max(case.start, first)).days + 1
        if running > 0:
            amounts[month - 1] = case.monthly * running / days
    return amounts


def commitments(cases: Iterable[Case], year: int) -> np.ndarray:
    """Sum of the cases' monthly costs in the year."""
    total = np.zeros(MONTHS)
    for case in cases:
        total += month_amounts(case, year)
    return total


def project(year: int, current: Iterable[Case], expected: Iterable[Case] = (), pool: float = 0.0,
            booked: Mapping[int, float] | None = None) -> Projection:
    """The expected result for ``year``; ``booked`` maps closed months (1-12) to booked spend.

    A closed month counts its booked spend instead of its commitments, current and expected alike.
    """
    booked = dict(booked or {})
    if any(not 1 <= month <= MONTHS for month in booked):
        raise ValueError(t("commitment.booked_months"))
    current_months = commitments(current, year)
    expected_months = commitments(expected, year)
    closed = np.array([month in booked for month in range(1, MONTHS + 1)])
    frame = pd.DataFrame({
        "month": range(1, MONTHS + 1),
        "closed": closed,
        "booked": [float(booked.get(month, 0.0)) for month in range(1, MONTHS + 1)],
        "current": np.where(closed, 0.0, current_months),
        "expected": np.where(closed, 0.0, expected_months),
    })
    return Projection(year, frame, float(pool))


def intake_cases(year: int, first_month: int, per_month: float, monthly_price: float,
                 duration_days: float | None = None) -> list[Case]:
    """Expected new cases from the recent intake rate: ``per_month`` cases start on the 1st of every
    month from ``first_month`` to December, each costing ``monthly_price`` for ``duration_days``
    (``None``: to the year's end). Fractional rates are kept as a fractional monthly amount.
    """
    if per_month <= 0 or monthly_price <= 0 or first_month > MONTHS:
        return []
    cases = []
    for month in range(max(first_month, 1), MONTHS + 1):
        start = date(year, month, 1)
        stop = None if duration_days is None else start + timedelta(days=max(math.ceil(duration_days), 1) - 1)
        cases.append(Case(per_month * monthly_price, start, stop))
    return cases


def restricted_mean_days(durations, ended, horizon: float = 365.0) -> float | None:
    """Mean days a course runs within ``horizon`` days, from the Kaplan-Meier curve.

    Running courses are censored: the area under the survival curve up to the horizon is the
    expected running time, where a plain mean of the ended courses would be biased short.
    """
    from steering_core.survival import kaplan_meier

    curve = kaplan_meier(durations, ended)
    if curve.empty:
        return None
    # S(t) is 1 before the first time and steps down at each time with an ended course.
    area, previous_t, previous_s = 0.0, 0.0, 1.0
    for t, s in zip(curve["t"].to_numpy(float), curve["survival"].to_numpy(float)):
        if t >= horizon:
            break
        area += (t - previous_t) * previous_s
        previous_t, previous_s = t, s
    return float(area + (horizon - previous_t) * previous_s)


def year_end(lines: pd.DataFrame, committed: Mapping[str, float]) -> pd.DataFrame:
    """Budget follow-up per sector, the way finance reports it.

    ``lines``: one row per sector × cost type with budget_year, budget_to_date, spend_to_date.
    ``committed``: the commitment projection (booked + commitments) of the interventions a sector pays,
    for sectors where interventions with a monthly cost are registered. Their line "indsatser" is
    forecast by commitment accounting; every other line follows its budget (spend to date + the
    rest of the year's budget). Deviation = expected result − budget (positive = overspend).
    """
    rows = []
    for sector, group in lines.groupby("sector", sort=False):
        budget = float(group["budget_year"].sum())
        spend = float(group["spend_to_date"].sum())
        following = group["spend_to_date"] + group["budget_year"] - group["budget_to_date"]
        by_commitment = sector in committed
        if by_commitment:
            interventions = (group["cost_type"] == "indsatser").to_numpy()
            expected = float(following[~interventions].sum()) + float(committed[sector])
        else:
            expected = float(following.sum())
        rows.append({"sector": sector, "budget_year": budget, "spend_to_date": spend,
                     "spend_pct": 100 * spend / budget if budget else math.nan,
                     "expected": expected, "deviation": expected - budget,
                     "method": "disponering" if by_commitment else "budget"})
    return pd.DataFrame(rows, columns=["sector", "budget_year", "spend_to_date", "spend_pct", "expected",
                                       "deviation", "method"])


# --------------------------------------------------------------------------------------------
# Inputs from the store
# --------------------------------------------------------------------------------------------

CASE_COLUMNS = ("sector", "step", "maanedlig_udgift", "startdato", "planlagt_slutdato", "slutdato")
INTAKE_COLUMNS = ("sector", "maanedlig_udgift", "duration_days", "ended")


def current_cases(rows: pd.DataFrame, cutoff: date) -> list[Case]:
    """Cases running at ``cutoff`` with a monthly cost. A case counts until its planned end when that
    lies ahead; without one, or when it has passed and the case still runs, to the year's end."""
    cases = []
    for row in rows.itertuples(index=False):
        planned = _as_date(row.planlagt_slutdato)
        ended = _as_date(row.slutdato)
        stop = ended or (planned if planned is not None and planned > cutoff else None)
        cases.append(Case(float(row.maanedlig_udgift), _as_date(row.startdato), stop))
    return cases


@dataclass(frozen=True)
class Intake:
    per_month: float
    monthly_price: float
    duration_days: float | None
    starts: int


def intake(rows: pd.DataFrame, months: int) -> Intake:
    """Recent intake: starts per month, their average monthly rate and their running time within a year."""
    if rows.empty or months <= 0:
        return Intake(0.0, 0.0, None, 0)
    duration = restricted_mean_days(rows["duration_days"].astype(float), rows["ended"].astype(bool))
    return Intake(len(rows) / months, float(rows["maanedlig_udgift"].astype(float).mean()), duration, len(rows))


def _as_date(value) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


@dataclass(frozen=True)
class PlannedCase:
    """A known future case: paid by ``sector``, ``monthly`` kr. from ``start`` to ``stop`` (None: open)."""
    sector: str
    monthly: float
    start: date
    stop: date | None = None
    name: str = ""

    @property
    def case(self) -> Case:
        return Case(self.monthly, self.start, self.stop)


def planned_cases(store, kommune: str | None = None) -> list[PlannedCase]:
    """The planned cases uploaded on the sheet PlanlagteSager, of one municipality when named."""
    with store.reading() as con:
        rows = con.execute("""SELECT sektor, maanedlig_udgift::DOUBLE, startdato, slutdato, sag_id || CASE WHEN
                                     beskrivelse = '' THEN '' ELSE ': ' || beskrivelse END
                              FROM planlagt_sag WHERE $k IS NULL OR kommune = $k ORDER BY startdato, sag_id""",
                           {"k": kommune}).fetchall()
    return [PlannedCase(sector, float(monthly), start, stop, name) for sector, monthly, start, stop, name in rows]


def sector_projections(store, request, intake_quarters: int = 4,
                       planned: Iterable[PlannedCase] = ()) -> dict[str, "SectorProjection"]:
    """Per paying sector: the commitment projection for the year of ``request.last``.

    Current cases are those running at the end of ``request.last``; booked spend on the line
    "indsatser" replaces the commitments of the quarters up to it. Expected new cases are the known
    planned cases of the sector (uploaded on PlanlagteSager, and ``planned``, e.g. entered on the
    page) where there are any; otherwise they are estimated from the intake of the last
    ``intake_quarters`` quarters, starting from the next month. Whole municipality: the booked
    spend has no districts.
    """
    from steering_core import periods
    from steering_core.engine import Filters, Request, compute, source_rows

    municipal = Filters(kommune=request.filters.kommune)
    last = periods.parse_period(request.last)
    year, cutoff = last.end.year, last.end
    first_open = last.end.month + 1
    at_cutoff = Request(last.label, last.label, "kvartal", (), municipal)
    running = source_rows(store, "indsats_active", at_cutoff, "maanedlig_udgift IS NOT NULL", CASE_COLUMNS)
    window = Request(periods.shift_quarters(last, -(intake_quarters - 1)).label, last.label, "samlet", (), municipal)
    started = source_rows(store, "indsats_started", window, "maanedlig_udgift IS NOT NULL", INTAKE_COLUMNS)
    to_date = Request(f"{year}K1", last.label, "kvartal", ("sektor", "omkostningstype"), municipal)
    booked = compute(store, ["spend_kr"], to_date)
    booked = booked[(booked["cost_type"] == "indsatser") & booked["value"].notna()]
    # A sector without a booked line for interventions: the registered cost of its interventions.
    registered = compute(store, ["intervention_cost"], replace(to_date, by=("sektor",)))
    registered = registered[registered["value"].notna() & ~registered["sector"].isin(set(booked["sector"]))]
    booked = pd.concat([booked[["period", "sector", "value"]], registered[["period", "sector", "value"]]])
    known = [*planned_cases(store, request.filters.kommune), *planned]
    result = {}
    for sector in sorted(set(running["sector"].dropna()) | set(started["sector"].dropna())
                         | {case.sector for case in known}):
        cases = current_cases(running[running["sector"] == sector], cutoff)
        found = intake(started[started["sector"] == sector], 3 * intake_quarters)
        mine = tuple(case for case in known if case.sector == sector)
        expected = [case.case for case in mine] if mine else \
            intake_cases(year, first_open, found.per_month, found.monthly_price, found.duration_days)
        months = {}
        for row in booked[booked["sector"] == sector].itertuples(index=False):
            quarter = periods.parse_period(row.period)
            for month in range(quarter.start.month, quarter.end.month + 1):
                months[month] = float(row.value) / 3
        result[sector] = SectorProjection(sector, project(year, cases, expected, 0.0, months), len(cases), found,
                                          mine)
    return result


def shown_projections(projections: dict[str, "SectorProjection"], min_cell: int) -> dict[str, "SectorProjection"]:
    """The sectors whose projection may be shown: a sector's commitments are the monthly rates and end
    dates of its current cases, so one with 1 to ``min_cell`` - 1 cases is hidden; when exactly one
    sector is hidden, so is the next smallest, or the sum over all sectors would give it away."""
    small = {s for s, p in projections.items() if 0 < p.cases < min_cell}
    if len(small) == 1:
        others = sorted((p.cases, s) for s, p in projections.items() if s not in small and p.cases > 0)
        small |= {others[0][1]} if others else set()
    return {s: p for s, p in projections.items() if s not in small}


@dataclass(frozen=True)
class SectorProjection:
    sector: str
    projection: Projection
    cases: int
    intake: Intake
    # Known planned cases used instead of the intake estimate (empty: estimated from intake).
    planned: tuple[PlannedCase, ...] = ()

    def with_pool(self, pool: float) -> Projection:
        return replace(self.projection, pool=float(pool))
