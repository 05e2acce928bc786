"""The demo's investment cases: one on track, one behind, and an Albertslund-like efficiency requirement."""
from __future__ import annotations

from steering_core import efficiency, investment_demo, investment_store
from steering_core.demo import DEMO_KOMMUNE
from steering_core.investment_followup import follow_up


def test_the_demo_has_two_cases_and_a_requirement(demo_store):
    assert investment_store.case_names(demo_store, DEMO_KOMMUNE) == sorted(
        [investment_demo.PREP.name, investment_demo.FAMILY.name])
    assert investment_store.requirement_names(demo_store, DEMO_KOMMUNE) == [investment_demo.REQUIREMENT.name]


def test_prep_is_on_track(demo_store):
    case, _ = investment_store.latest_case(demo_store, DEMO_KOMMUNE, investment_demo.PREP.name)
    found = follow_up(demo_store, DEMO_KOMMUNE, case)
    complete = found.years[found.years["complete"]]
    assert (abs(complete["cost_deviation"]) <= 0.05 * complete["planned_cost"]).all()
    assert 0.9 <= found.reach <= 1.1
    assert found.realised["Færre anbringelser"] > 0.9
    # On track: from actuals it pays back within a year of the plan.
    assert found.planned_break_even is not None and found.reestimated_break_even is not None
    assert abs(found.reestimated_break_even - found.planned_break_even) <= 1


def test_family_treatment_is_behind(demo_store):
    case, _ = investment_store.latest_case(demo_store, DEMO_KOMMUNE, investment_demo.FAMILY.name)
    found = follow_up(demo_store, DEMO_KOMMUNE, case)
    complete = found.years[found.years["complete"]]
    assert (complete["actual_cost"] > 1.2 * complete["planned_cost"]).all()
    assert found.reach < 0.8
    # The placements effect is far below plan where it can be seen at all (in Vest alone it may be hidden).
    assert found.realised.get("Færre anbringelser", 0.0) < 0.5
    assert found.planned_break_even is not None
    assert found.reestimated_break_even is None or found.reestimated_break_even > found.planned_break_even + 1
    # The escalation for 2025 needs twelve months after the year: it says when it can be seen.
    waiting = found.effects[found.effects["observable_from"].notna()]
    assert not waiting.empty


def test_the_requirement_shortfall_of_2025_is_split_equally(demo_store):
    requirement, _ = investment_store.latest_requirement(demo_store, DEMO_KOMMUNE, investment_demo.REQUIREMENT.name)
    frame = efficiency.follow_up(demo_store, DEMO_KOMMUNE, requirement)
    year = frame[frame["year"] == 2025]
    assert year["realised"].sum() == 2_500_000
    assert sorted(year["carries"]) == [166_666, 166_667, 166_667]
    assert frame[frame["year"] == 2024]["carries"].sum() == 0
    assert not frame[frame["year"] == 2026]["booked"].any()
