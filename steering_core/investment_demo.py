"""Demo investment cases and an efficiency requirement for Demo Kommune, with the booked costs behind them.

Two cases started in 2024: PREP courses for parents across the municipality, on track (costs within a few
per cent of the plan, the planned number of children reached, escalation as low as expected), and family
treatment at home in Vest, behind (costs 25 % over plan, two thirds of the planned children, a fraction of
the expected effect). The plans were set against the demo's own activity (children starting the courses
and escalation after UTM, as the engine reports them for the 2026K3 cut-off), so the follow-up shows one
case of each kind. And an Albertslund-like requirement (003 L3746-3758): 2, 3 and 4 mio. kr. in 2024-26
split in thirds, realised 2,0 and 2,5 mio. kr. in 2024-25, the 0,5 mio. kr. shortfall split equally.
Deterministic: no random numbers.

Hooks: in ``demo.build_demo_tables`` the booked costs join the finance rows
(``investment_demo.with_booked_costs``), and ``demo.build_demo_database`` saves the cases and the
requirement after the data (``investment_demo.save_demo_cases``).
"""
from __future__ import annotations

from datetime import datetime

import pandas as pd

from steering_core import efficiency, investment as inv, investment_store
from steering_core.periods import Period, quarter
from steering_core.store import Store

SAVED = datetime(2023, 11, 20, 10, 0)
START = 2024

PREP = inv.Case(
    "PREP-kurser for forældre", "Forældrekursus",
    "Kurser for forældre i parforhold og forældresamarbejde, tilbudt via UTM i hele kommunen. "
    "Gevinsten er færre børn, der senere anbringes.",
    START, 10, (36, 40, 40, 40, 40),
    (inv.Cost("familie_udfoerer", 150_000, year=1), inv.Cost("familie_udfoerer", 200_000),
     inv.Cost("skole", 50_000)),
    (inv.Effect("Færre anbringelser", inv.AVOIDS_STEP_4, "familie_myndighed", 0.02, 400_000, start_after=1,
                duration=4, decay=0.2, indicator="escalation_after_utm", baseline=6.8),),
    scenarios=(inv.Scenario(inv.PESSIMISTIC, (("Færre anbringelser", "size", 0.01),
                                              ("Færre anbringelser", "duration", 2))),
               inv.Scenario(inv.EXPECTED),
               inv.Scenario(inv.OPTIMISTIC, (("Færre anbringelser", "size", 0.03),
                                             ("Færre anbringelser", "decay", 0.1)))),
    project="PREP-kurser", intervention_types=("Forældrekursus",))

FAMILY = inv.Case(
    "Familiebehandling i hjemmet, Vest", "Familiebehandling",
    "Tidlig familiebehandling i hjemmet i distrikt Vest, så færre forløb bliver lange og færre børn anbringes.",
    START, 10, (51, 50, 50, 50, 50),
    (inv.Cost("familie_myndighed", 400_000, year=1), inv.Cost("familie_udfoerer", 1_200_000)),
    (inv.Effect("Færre anbringelser", inv.AVOIDS_STEP_4, "familie_myndighed", 0.03, 400_000, start_after=1,
                duration=3, indicator="escalation_after_utm", baseline=7.2),
     inv.Effect("Kortere forløb", inv.FEWER_COURSE_MONTHS, "familie_udfoerer", 1.0, 12_000, start_after=0,
                duration=1, indicator="interventions_fye", baseline=29.2, intervention_type="Familiebehandling")),
    scenarios=(inv.Scenario(inv.PESSIMISTIC, (("Færre anbringelser", "size", 0.015),)),
               inv.Scenario(inv.EXPECTED),
               inv.Scenario(inv.OPTIMISTIC, (("Færre anbringelser", "size", 0.045),
                                             ("Kortere forløb", "size", 1.5)))),
    project="Familiebehandling Vest", intervention_types=("Familiebehandling",), districts=("Vest",))

# Booked cost relative to the plan, per case and quarter in turn.
BOOKED = {PREP.name: (0.98, 1.03, 0.99, 1.01), FAMILY.name: (1.22, 1.28, 1.25, 1.25)}

REQUIREMENT = efficiency.Requirement(
    "Sammen om familien", ((2024, 2_000_000), (2025, 3_000_000), (2026, 4_000_000)),
    (("familie_myndighed", 100 / 3), ("familie_udfoerer", 100 / 3), ("skole", 100 / 3)), 2023,
    efficiency.EQUALLY, project="Sammen om familien")
PROJECTS = (PREP.project, FAMILY.project, REQUIREMENT.project)   # in the finance sheet
BASELINE_SPEND = 20_000_000         # per sector in 2023
SAVINGS = {2024: {"familie_myndighed": 900_000, "familie_udfoerer": 700_000, "skole": 400_000},
           2025: {"familie_myndighed": 1_200_000, "familie_udfoerer": 1_000_000, "skole": 300_000},
           2026: {"familie_myndighed": 1_400_000, "familie_udfoerer": 900_000, "skole": 500_000}}


def _row(kommune: str, period: Period, sektor: str, amount: float, projekt: str, budget: float) -> dict:
    return {"kommune": kommune, "periode": period.label, "periode_start": period.start, "periode_slut": period.end,
            "sektor": sektor, "omkostningstype": "loen", "projekt": projekt, "budget": round(budget),
            "forbrug": round(amount)}


def case_rows(case: inv.Case, kommune: str, until: Period) -> list[dict]:
    """The case's planned cost per sector booked quarter by quarter, moved by its BOOKED factors."""
    rows = []
    for year_no, year in enumerate(case.years, start=1):
        for q in range(1, 5):
            period = quarter(year, q)
            if period.end > until.end:
                return rows
            planned: dict[str, float] = {}      # one finance row per sector: costs of a sector add up
            for cost in case.costs:
                planned[cost.sector] = planned.get(cost.sector, 0.0) + inv.cost_by_year(cost, case)[year_no - 1] / 4
            # The sectors budgeted what they booked: the plan lives in the case, not in the finance sheet.
            rows += [_row(kommune, period, sector, amount * BOOKED[case.name][q - 1], case.project,
                          amount * BOOKED[case.name][q - 1]) for sector, amount in planned.items() if amount]
    return rows


def requirement_rows(kommune: str, until: Period) -> list[dict]:
    rows = []
    for year in range(REQUIREMENT.baseline_year, REQUIREMENT.required[-1][0] + 1):
        for q in range(1, 5):
            period = quarter(year, q)
            if period.end > until.end:
                return rows
            required = dict(REQUIREMENT.required).get(year, 0) / len(REQUIREMENT.key)
            for sektor, _ in REQUIREMENT.key:
                # The requirement comes off the budget; the spend falls by what the sector realised.
                spend = BASELINE_SPEND - SAVINGS.get(year, {}).get(sektor, 0)
                rows.append(_row(kommune, period, sektor, spend / 4, REQUIREMENT.project,
                                 (BASELINE_SPEND - required) / 4))
    return rows


def with_booked_costs(oekonomi: pd.DataFrame, until: Period) -> pd.DataFrame:
    """The finance rows with the demo cases' and the requirement's booked costs added."""
    kommune = str(oekonomi["kommune"].iloc[0])
    extra = pd.DataFrame(case_rows(PREP, kommune, until) + case_rows(FAMILY, kommune, until)
                         + requirement_rows(kommune, until), columns=list(oekonomi.columns))
    return pd.concat([oekonomi, extra.astype(oekonomi.dtypes.to_dict())], ignore_index=True)


def save_demo_cases(store: Store, kommune: str) -> None:
    """The two cases and the requirement, saved once by the demo user when they were decided."""
    for case in (PREP, FAMILY):
        investment_store.save_case(store, kommune, case, user="demo", note="Besluttet i styregruppen", now=SAVED)
    investment_store.save_requirement(store, kommune, REQUIREMENT.name, efficiency.to_dict(REQUIREMENT),
                                      user="demo", note="Budgetaftale 2024", now=SAVED)
