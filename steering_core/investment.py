"""Investment cases: a preventive intervention's costs set against its expected gains, per year and sector.

Municipalities decide new preventive work on such cases (Silkeborg's "Trivsel på tværs", Gladsaxe's
PREP courses; VIVE 2021, 000 L1440-1574). A case states its target group per year, what it costs to
start and to run (split by the sector that pays), and the effects it expects (split by the sector
that gains). Each year's target group is a cohort: its effect starts some years later, lasts a number
of years and fades (tilbagefald) by a share each year. Scenarios change chosen assumptions, because
the effects are the most uncertain part and must not become "truth" (000 L1518-1558).

Year numbers run 1..horizon; year 1 is the start year. Amounts are kroner; a positive net is a saving.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Iterable

import pandas as pd

from steering_core.domain import SECTORS

MAX_HORIZON = 25

# Effect kinds: what ``size`` counts.
AVOIDS_STEP_4 = "trin4"              # share of the target group that avoids a step-4+ measure
FEWER_COURSE_MONTHS = "forloebsmaaneder"   # course-months of named interventions saved per child in the target group
OTHER_SHARE = "andel"                # share of the target group with another yearly gain (e.g. employment)
EFFECT_KINDS = (AVOIDS_STEP_4, FEWER_COURSE_MONTHS, OTHER_SHARE)

# Assumptions a scenario may change: per effect, and for the whole case (effect name "").
EFFECT_FIELDS = ("size", "price", "start_after", "duration", "decay")
CASE_FIELDS = ("target_factor", "cost_factor", "discount_rate")

PESSIMISTIC, EXPECTED, OPTIMISTIC = "pessimistisk", "forventet", "optimistisk"
STANDARD_SCENARIOS = (PESSIMISTIC, EXPECTED, OPTIMISTIC)


class CaseError(ValueError):
    """A case that cannot be computed; ``problems`` are text keys with their values."""

    def __init__(self, problems: list[tuple[str, dict]]):
        super().__init__("; ".join(key for key, _ in problems))
        self.problems = problems


@dataclass(frozen=True)
class Effect:
    name: str
    kind: str
    sector: str                 # the sector that gains
    size: float                 # a share (0-1) of the target group, or course-months saved per child
    price: float                # kroner per child per year, or per course-month
    start_after: int = 1        # years after a cohort's year before its gain begins (0: the same year)
    duration: int = 1           # years the gain lasts
    decay: float = 0.0          # tilbagefald: share of the effect lost each year after its first
    # Follow-up: the catalogue indicator that shows the effect, its level before the case, and for
    # course-months the intervention type whose course-months should fall.
    indicator: str = ""
    baseline: float | None = None
    intervention_type: str = ""


@dataclass(frozen=True)
class Cost:
    sector: str                 # the sector that pays
    amount: float
    year: int | None = None     # implementation cost in this year number; None: running cost every active year


@dataclass(frozen=True)
class Scenario:
    name: str
    # (effect name, or "" for the whole case; field; value)
    overrides: tuple[tuple[str, str, float], ...] = ()


@dataclass(frozen=True)
class Case:
    name: str
    intervention: str
    description: str
    start_year: int
    horizon: int
    target: tuple[float, ...]               # children or families per year number 1.., missing years 0
    costs: tuple[Cost, ...]
    effects: tuple[Effect, ...]
    discount_rate: float = 0.0              # yearly, as a share (0,04 = 4 %); year 1 is not discounted
    scenarios: tuple[Scenario, ...] = tuple(Scenario(name) for name in STANDARD_SCENARIOS)
    # Links to the product's data, for the follow-up.
    project: str = ""                       # the project in the finance sheet that carries the costs
    intervention_types: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    target_factor: float = 1.0
    cost_factor: float = 1.0

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.start_year + self.horizon))

    def target_in(self, year_no: int) -> float:
        return self.target[year_no - 1] * self.target_factor if year_no <= len(self.target) else 0.0

    def scenario(self, name: str) -> "Case":
        """The case with the scenario's assumptions in place of its own."""
        found = next((s for s in self.scenarios if s.name == name), None)
        if found is None:
            raise KeyError(name)
        case = self
        for effect_name, field_name, value in found.overrides:
            if not effect_name:
                case = replace(case, **{field_name: float(value)})
                continue
            effects = tuple(replace(e, **{field_name: _typed(field_name, value)}) if e.name == effect_name else e
                            for e in case.effects)
            case = replace(case, effects=effects)
        return case


def _typed(field_name: str, value: float):
    return int(round(value)) if field_name in ("start_after", "duration") else float(value)


def validate(case: Case) -> list[tuple[str, dict]]:
    """Problems as (text key, values); an empty list when the case can be computed."""
    problems: list[tuple[str, dict]] = []
    if not case.name.strip():
        problems.append(("inv.err.name", {}))
    if not 1 <= case.horizon <= MAX_HORIZON:
        problems.append(("inv.err.horizon", {"found": case.horizon, "most": MAX_HORIZON}))
    if len(case.target) > case.horizon:
        problems.append(("inv.err.target_years", {"found": len(case.target), "horizon": case.horizon}))
    if any(value < 0 for value in case.target):
        problems.append(("inv.err.negative", {"what": "target"}))
    if not 0 <= case.discount_rate < 1:
        problems.append(("inv.err.discount", {"found": case.discount_rate}))
    for cost in case.costs:
        if cost.sector not in SECTORS:
            problems.append(("inv.err.sector", {"found": cost.sector, "sectors": ", ".join(SECTORS)}))
        if cost.year is not None and not 1 <= cost.year <= case.horizon:
            problems.append(("inv.err.cost_year", {"found": cost.year, "horizon": case.horizon}))
    names = [e.name for e in case.effects]
    if len(set(names)) < len(names):
        problems.append(("inv.err.effect_twice", {}))
    for effect in case.effects:
        if effect.kind not in EFFECT_KINDS:
            problems.append(("inv.err.kind", {"name": effect.name, "found": effect.kind,
                                              "kinds": ", ".join(EFFECT_KINDS)}))
        if effect.sector not in SECTORS:
            problems.append(("inv.err.sector", {"found": effect.sector, "sectors": ", ".join(SECTORS)}))
        if effect.kind != FEWER_COURSE_MONTHS and not 0 <= effect.size <= 1:
            problems.append(("inv.err.share", {"name": effect.name, "found": effect.size}))
        if effect.duration < 1 or effect.start_after < 0:
            problems.append(("inv.err.timing", {"name": effect.name}))
        if not 0 <= effect.decay <= 1:
            problems.append(("inv.err.decay", {"name": effect.name, "found": effect.decay}))
    scenario_names = [s.name for s in case.scenarios]
    if len(case.scenarios) < 3 or len(set(scenario_names)) < len(scenario_names):
        problems.append(("inv.err.scenarios", {}))
    for scenario in case.scenarios:
        for effect_name, field_name, _ in scenario.overrides:
            known = EFFECT_FIELDS if effect_name else CASE_FIELDS
            if field_name not in known or (effect_name and effect_name not in names):
                problems.append(("inv.err.override", {"scenario": scenario.name, "effect": effect_name,
                                                      "field": field_name}))
    return problems


def effect_gains(effect: Effect, case: Case) -> list[float]:
    """Kroner the effect saves in each year number 1..horizon, summed over the cohorts."""
    gains = [0.0] * case.horizon
    for cohort in range(1, case.horizon + 1):
        per_year = case.target_in(cohort) * effect.size * effect.price
        if not per_year:
            continue
        first = cohort + effect.start_after
        for k in range(effect.duration):
            year_no = first + k
            if year_no > case.horizon:
                break
            gains[year_no - 1] += per_year * (1 - effect.decay) ** k
    return gains


def cost_by_year(cost: Cost, case: Case) -> list[float]:
    """Kroner the cost item takes in each year number: an implementation cost once, a running cost in
    every year the case has a target group."""
    amount = cost.amount * case.cost_factor
    if cost.year is not None:
        return [amount if n == cost.year else 0.0 for n in range(1, case.horizon + 1)]
    return [amount if case.target_in(n) > 0 else 0.0 for n in range(1, case.horizon + 1)]


def _discount(case: Case) -> list[float]:
    return [1 / (1 + case.discount_rate) ** (n - 1) for n in range(1, case.horizon + 1)]


def sector_results(case: Case) -> pd.DataFrame:
    """One row per year × sector touched by the case: year, year_no, sector, cost, gain, net
    (present values when the case has a discount rate)."""
    problems = validate(case)
    if problems:
        raise CaseError(problems)
    factors = _discount(case)
    rows: dict[tuple[int, str], list[float]] = {}
    sectors = [s for s in SECTORS if s in {c.sector for c in case.costs} | {e.sector for e in case.effects}]
    for n in range(1, case.horizon + 1):
        for sector in sectors:
            rows[(n, sector)] = [0.0, 0.0]
    for cost in case.costs:
        for n, amount in enumerate(cost_by_year(cost, case), start=1):
            rows[(n, cost.sector)][0] += amount * factors[n - 1]
    for effect in case.effects:
        for n, amount in enumerate(effect_gains(effect, case), start=1):
            rows[(n, effect.sector)][1] += amount * factors[n - 1]
    frame = pd.DataFrame([{"year": case.start_year + n - 1, "year_no": n, "sector": sector, "cost": cost,
                           "gain": gain, "net": gain - cost} for (n, sector), (cost, gain) in rows.items()],
                         columns=["year", "year_no", "sector", "cost", "gain", "net"])
    return frame


def totals(case: Case) -> pd.DataFrame:
    """One row per year: cost, gain, net and cumulative net for the whole case, summed over the cost items
    and effects directly (not over sectors), so the two ways can check each other."""
    problems = validate(case)
    if problems:
        raise CaseError(problems)
    factors = _discount(case)
    cost = [0.0] * case.horizon
    gain = [0.0] * case.horizon
    for item in case.costs:
        cost = [a + b for a, b in zip(cost, cost_by_year(item, case))]
    for effect in case.effects:
        gain = [a + b for a, b in zip(gain, effect_gains(effect, case))]
    frame = pd.DataFrame({"year": case.years, "year_no": range(1, case.horizon + 1),
                          "cost": [c * f for c, f in zip(cost, factors)],
                          "gain": [g * f for g, f in zip(gain, factors)]})
    frame["net"] = frame["gain"] - frame["cost"]
    frame["cumulative"] = frame["net"].cumsum()
    return frame


def break_even(cumulative: Iterable[float], years: Iterable[int]) -> int | None:
    """The first year from which the cumulative net stays at or above zero to the horizon; None when the
    case has not earned itself home within it."""
    found = None
    for year, value in zip(years, cumulative):
        if value >= -0.005:
            found = year if found is None else found
        else:
            found = None
    return found


@dataclass(frozen=True)
class Outcome:
    scenario: str
    totals: pd.DataFrame
    sectors: pd.DataFrame
    break_even_year: int | None
    years_to_break_even: int | None     # break-even year minus start year (Silkeborg: 2036 − 2017 = 19)


def evaluate(case: Case, scenario: str | None = None) -> Outcome:
    """The case (under a scenario's assumptions, if named) per year in total and per sector."""
    applied = case.scenario(scenario) if scenario else case
    total = totals(applied)
    year = break_even(total["cumulative"], total["year"])
    return Outcome(scenario or "", total, sector_results(applied), year,
                   None if year is None else year - case.start_year)


def evaluate_all(case: Case) -> list[Outcome]:
    return [evaluate(case, s.name) for s in case.scenarios]


def scenario_frame(case: Case) -> pd.DataFrame:
    """Every scenario's cumulative net per year, long: scenario, year, net, cumulative (for the chart)."""
    frames = [o.totals.assign(scenario=o.scenario) for o in evaluate_all(case)]
    return pd.concat(frames, ignore_index=True)[["scenario", "year", "year_no", "net", "cumulative"]]


# --- (de)serialising for storage ----------------------------------------------------------------

def to_dict(case: Case) -> dict:
    return asdict(case)


def from_dict(data: dict) -> Case:
    fields = dict(data)
    fields["target"] = tuple(float(v) for v in fields.get("target", ()))
    fields["costs"] = tuple(Cost(**c) for c in fields.get("costs", ()))
    fields["effects"] = tuple(Effect(**e) for e in fields.get("effects", ()))
    fields["scenarios"] = tuple(Scenario(s["name"], tuple(tuple(o) for o in s.get("overrides", ())))
                                for s in fields.get("scenarios", ()))
    for name in ("intervention_types", "districts", "units"):
        fields[name] = tuple(fields.get(name, ()))
    return Case(**fields)

