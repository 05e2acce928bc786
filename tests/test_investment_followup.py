"""An investment case followed up on a small hand-built dataset whose costs and children are counted by hand."""
from __future__ import annotations

from datetime import date

import pytest

from steering_core import investment as inv
from steering_core.engine import Request, compute
from steering_core.investment_followup import follow_up, observable_from
from steering_core.measures import Filters
from tests.builders import KOMMUNE, course, finance, meeting, store_with, unit

PROJECT = "PREP"


def prep(periode, start, slut, sektor, forbrug, projekt=PROJECT):
    return {**finance(periode, start, slut, sektor, 0, forbrug, "loen"), "projekt": projekt}


QUARTERS = {"K1": ((1, 1), (3, 31)), "K2": ((4, 1), (6, 30)), "K3": ((7, 1), (9, 30)), "K4": ((10, 1), (12, 31))}


def quarter(year, q):
    (m1, d1), (m2, d2) = QUARTERS[q]
    return f"{year}{q}", date(year, m1, d1), date(year, m2, d2)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    units = [unit("S1", "Nord"), unit("S2", "Syd")]
    kursus = dict(indsatstype="Forældrekursus", trin=2, udgift=4000)
    courses = (
        # 2024, Nord: six children start a parent course, one of them twice (6 children, 7 courses).
        [course(date(2024, 3, 1), date(2024, 5, 31), barn_id=f"N24-{n}", **kursus) for n in range(6)]
        + [course(date(2024, 3, 20), date(2024, 11, 30), barn_id="N24-0", **kursus)]
        # Not the target group: parent courses in Syd, and other courses in Syd (enough of each to show).
        + [course(date(2024, 3, 1), None, distrikt="Syd", barn_id=f"S24-{n}", **kursus) for n in range(5)]
        + [course(date(2024, 3, 1), None, distrikt="Syd", indsatstype="Samtaleforløb", barn_id=f"S24-s{n}")
           for n in range(5)]
        # 2025, Nord: five children.
        + [course(date(2025, 2, 1), date(2025, 4, 30), barn_id=f"N25-{n}", **kursus) for n in range(5)]
        # 2026 K1, Nord: two children, too few to show.
        + [course(date(2026, 2, 1), None, barn_id=f"N26-{n}", **kursus) for n in range(2)]
        # Five of the 50 children discussed at a UTM in Nord early 2024 are placed within 12 months.
        + [course(date(2024, 8, 1), None, trin=5, indsatstype="Plejefamilie", udgift=30000, barn_id=f"U{n}")
           for n in range(5)])
    meetings = [meeting("S1", date(2024, 2, 1 + n % 28), barn_id=f"U{n}") for n in range(50)]
    oekonomi = []
    for q in ("K1", "K2", "K3", "K4"):
        oekonomi.append(prep(*quarter(2024, q), "familie_udfoerer", 30_000))
        oekonomi.append(prep(*quarter(2025, q), "familie_udfoerer", 25_000))
        oekonomi.append(prep(*quarter(2025, q), "skole", 1_000, projekt="Andet"))   # another project
    oekonomi.append(prep(*quarter(2024, "K4"), "skole", 10_000))
    oekonomi.append(prep(*quarter(2026, "K1"), "familie_udfoerer", 20_000))
    return store_with(tmp_path_factory.mktemp("invest") / "invest.duckdb", enhed=units, indsats=courses,
                      utm=meetings, oekonomi=oekonomi)


def case() -> inv.Case:
    return inv.Case(
        "PREP", "Forældrekursus", "", 2024, 5, (8, 8, 8, 8),
        (inv.Cost("familie_udfoerer", 50_000, year=1), inv.Cost("familie_udfoerer", 100_000)),
        (inv.Effect("Færre anbringelser", inv.AVOIDS_STEP_4, "familie_myndighed", 0.05, 300_000, start_after=1,
                    duration=3, indicator="escalation_after_utm", baseline=12.0),),
        project=PROJECT, intervention_types=("Forældrekursus",), districts=("Nord",))


def test_children_started_counts_each_child_once(store):
    result = compute(store, ["children_started"], Request("2024", "2024", "aar", ("indsatstype",),
                                                           Filters(distrikter=("Nord",)), min_cell=3))
    assert dict(zip(result["intervention_type"], result["value"])) == {"Forældrekursus": 6, "Plejefamilie": 5}


def test_cost_and_children_per_year_against_the_plan(store):
    found = follow_up(store, KOMMUNE, case())
    assert found.data_until == date(2026, 3, 31)
    years = found.years.set_index("year")
    assert list(years.index) == [2024, 2025, 2026]
    # 2024: 4 × 30.000 + 10.000 = 130.000 against 50.000 + 100.000; 2025: 4 × 25.000 against 100.000;
    # 2026 to date (one quarter): 20.000 against a quarter of 100.000.
    assert years["actual_cost"].tolist() == [130_000, 100_000, 20_000]
    assert years["planned_cost"].tolist() == [150_000, 100_000, 25_000]
    assert years["cost_deviation"].tolist() == [-20_000, 0, -5_000]
    assert years["complete"].tolist() == [True, True, False]
    assert years.loc[2024, "actual_children"] == 6 and years.loc[2025, "actual_children"] == 5
    assert pd_isna(years.loc[2026, "actual_children"]) and years.loc[2026, "children_suppressed"]
    assert found.reach == pytest.approx(11 / 16)


def pd_isna(value) -> bool:
    import pandas as pd
    return pd.isna(value)


def test_an_effect_observed_and_one_not_yet(store):
    found = follow_up(store, KOMMUNE, case())
    effects = found.effects.set_index("year")
    # 5 of 50 children escalated: 10 % against 12 − 5 = 7 % expected; 40 % of the effect realised.
    assert effects.loc[2024, "actual"] == pytest.approx(10.0)
    assert effects.loc[2024, "expected"] == pytest.approx(7.0)
    assert effects.loc[2024, "deviation"] == pytest.approx(3.0)
    assert found.realised["Færre anbringelser"] == pytest.approx(0.4)
    # 2025's cohort is complete twelve months after the year ends.
    assert effects.loc[2025, "observable_from"] == date(2026, 12, 31)
    assert pd_isna(effects.loc[2025, "actual"])
    assert observable_from("escalation_after_utm", 2025) == date(2026, 12, 31)
    assert observable_from("children_started", 2025) == date(2025, 12, 31)


def test_break_even_is_estimated_again_from_what_happened(store):
    found = follow_up(store, KOMMUNE, case())
    plan = inv.totals(case()).set_index("year")
    estimate = found.reestimated.set_index("year")
    # Years over use actual cost; gains use 11/16 of the children and 40 % of the effect.
    assert estimate.loc[2024, "cost"] == 130_000 and estimate.loc[2025, "cost"] == 100_000
    assert estimate.loc[2026, "cost"] == plan.loc[2026, "cost"]
    factor = 11 / 16 * 0.4
    assert estimate.loc[2026, "gain"] == pytest.approx(plan.loc[2026, "gain"] * factor)
    # Plan: 8 × 5 % × 300.000 = 120.000 a cohort-year, from the year after, for three years.
    assert plan["gain"].tolist() == pytest.approx([0, 120_000, 240_000, 360_000, 360_000])
    # Plan: net −150, 20, 140, 260, 360 thousand, cumulative −150, −130, 10 ...: home in 2026.
    assert found.planned_break_even == 2026
    # Actuals: gains 0, 33, 66, 99, 99 thousand against costs 130, 100, 100, 100, 0: never within the horizon.
    assert [round(v / 1000) for v in estimate["cumulative"]] == [-130, -197, -231, -232, -133]
    assert found.reestimated_break_even is None


def test_a_case_that_has_not_started_has_nothing_to_follow_up_yet(store):
    from dataclasses import replace

    found = follow_up(store, KOMMUNE, replace(case(), start_year=2030))
    assert found.years.empty and found.effects.empty
    assert found.reestimated_break_even == found.planned_break_even
