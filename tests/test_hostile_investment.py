"""The investment follow-up's tables say what a missing figure is: hidden (a share says "skjult", never
"< 5", which reads as under 5 %), not applicable (the engine publishes no figure for the case's choice of
districts), no data; never the same blank for all of them."""
from dataclasses import replace
from datetime import date

import pandas as pd

from steering_core import investment_followup as followup, status
from steering_core.views import investment as view
from tests.builders import KOMMUNE
from tests.test_investment_followup import case, store  # noqa: F401 - the hand-built store is a fixture


def test_a_hidden_share_in_the_follow_up_reads_hidden_not_as_a_count():
    effects = pd.DataFrame([{"effect": "Færre anbringelser", "indicator": "escalation_after_utm", "year": 2024,
                             "expected": 7.0, "actual": None, "deviation": None, "suppressed": True,
                             "observable_from": None, "state": status.HIDDEN}])
    found = followup.FollowUp(date(2025, 12, 31), pd.DataFrame(), effects, None, None, pd.DataFrame(), None, {})
    [actual] = view.follow_up_effects(found)["Faktisk"].tolist()
    assert actual == status.hidden_text("pct", False) == "skjult"


def test_children_of_a_case_in_two_districts_say_not_applicable_not_no_data(store):  # noqa: F811
    found = followup.follow_up(store, KOMMUNE, replace(case(), districts=("Nord", "Syd")))
    # The engine publishes no figure for two districts together: the table says the figure does not exist
    # for that choice, never the blank of a year without data, and no effect year goes missing.
    assert set(view.follow_up_years(found)["Faktiske børn"]) == {status.blank_text(status.NOT_APPLICABLE)}
    assert set(view.follow_up_effects(found)["Faktisk"]) >= {status.blank_text(status.NOT_APPLICABLE)}


def test_a_true_zero_and_a_year_without_data_differ(store):  # noqa: F811
    found = followup.follow_up(store, KOMMUNE, replace(case(), districts=("Syd",), intervention_types=("Ukendt",)))
    # Syd has courses every year but none of the type "Ukendt": the engine's figure for it is missing, so
    # the children reached are unknown, not a number.
    children = view.follow_up_years(found)["Faktiske børn"].tolist()
    assert children and all(c in (status.blank_text(status.NO_DATA), "0") for c in children)
