"""Commitment accounting against the example of VIVE's slide deck (DOMAIN.md section 7, seed 001 L720-760)."""
from datetime import date

import pandas as pd
import pytest

from steering_core import commitment
from steering_core.commitment import Case, intake_cases, month_amounts, project, restricted_mean_days, year_end

OPEN = date(9999, 1, 1)
CURRENT = [Case(100_000, date(2017, 1, 1), OPEN), Case(50_000, date(2017, 1, 1), OPEN),
           Case(75_000, date(2017, 1, 1), date(2017, 6, 30)), Case(100_000, date(2017, 1, 1), date(2017, 2, 28))]
EXPECTED = [Case(75_000, date(2017, 7, 1), OPEN), Case(100_000, date(2017, 3, 1), OPEN)]


def test_current_cases_give_2_450_000():
    result = project(2017, CURRENT)
    assert result.current == 2_450_000
    # The slide's row "I alt aktuelle": 325.000 in January and February, 225.000 in March.
    assert list(result.months["current"][:3]) == [325_000, 325_000, 225_000]
    assert [month_amounts(c, 2017).sum() for c in CURRENT] == [1_200_000, 600_000, 450_000, 200_000]


def test_expected_cases_add_450_000_and_1_000_000_to_3_900_000():
    result = project(2017, CURRENT, EXPECTED)
    assert [month_amounts(c, 2017).sum() for c in EXPECTED] == [450_000, 1_000_000]
    assert result.expected == 1_450_000
    assert result.committed == 3_900_000
    assert result.total == 3_900_000


def test_estimate_pool_comes_on_top():
    result = project(2017, CURRENT, EXPECTED, pool=1_000_000)
    assert result.committed == 3_900_000
    assert result.pool == 1_000_000
    assert result.total == 4_900_000


def test_booked_spend_replaces_commitments_month_by_month():
    # January and February are closed: 330.000 and 310.000 booked instead of 325.000 each.
    result = project(2017, CURRENT, EXPECTED, booked={1: 330_000, 2: 310_000})
    assert result.booked == 640_000
    assert result.current == 2_450_000 - 650_000
    assert result.total == 3_900_000 - 650_000 + 640_000
    with pytest.raises(ValueError):
        project(2017, CURRENT, booked={13: 1.0})


def test_partial_months_are_prorated_by_days():
    # 15 of April's 30 days.
    assert month_amounts(Case(30_000, date(2017, 4, 16), date(2017, 4, 30)), 2017)[3] == pytest.approx(15_000)
    # A case ending before the year or starting after it commits nothing.
    assert month_amounts(Case(1_000, date(2016, 1, 1), date(2016, 12, 31)), 2017).sum() == 0
    assert month_amounts(Case(1_000, date(2018, 1, 1)), 2017).sum() == 0
    # No stop at all is open-ended, like 01.01.9999.
    assert month_amounts(Case(1_000, date(2017, 1, 1), None), 2017).sum() == 12_000


def test_intake_cases_start_each_remaining_month():
    cases = intake_cases(2017, 10, per_month=2, monthly_price=10_000)
    assert [c.start for c in cases] == [date(2017, 10, 1), date(2017, 11, 1), date(2017, 12, 1)]
    # Open-ended: 3 + 2 + 1 months of 2 × 10.000.
    assert project(2017, [], cases).expected == pytest.approx(20_000 * 6)
    # With a 31-day duration each runs one whole month (October, November 30 days + 1 of December ...).
    short = intake_cases(2017, 12, per_month=1, monthly_price=31_000, duration_days=31)
    assert project(2017, [], short).expected == pytest.approx(31_000)
    assert intake_cases(2017, 13, 1, 1_000) == [] and intake_cases(2017, 1, 0, 1_000) == []


def test_restricted_mean_equals_plain_mean_without_censoring():
    assert restricted_mean_days([10, 20, 30, 40], [True] * 4, horizon=365) == pytest.approx(25)
    # Censored at 100 days: known to run at least that long, so the mean is not the ended ones' 10.
    assert restricted_mean_days([10, 100], [True, False], horizon=200) == pytest.approx(10 + 0.5 * 190)
    # Within a horizon the mean is capped by it.
    assert restricted_mean_days([500, 600], [True, True], horizon=365) == pytest.approx(365)
    assert restricted_mean_days([], []) is None


def test_current_cases_run_to_planned_end_or_year_end():
    rows = pd.DataFrame({"maanedlig_udgift": [1_000.0, 1_000.0, 1_000.0],
                         "startdato": [date(2017, 1, 1)] * 3,
                         "planlagt_slutdato": [date(2017, 8, 31), date(2017, 3, 31), None],
                         "slutdato": [None, None, None]})
    cases = commitment.current_cases(rows, cutoff=date(2017, 6, 30))
    assert [c.stop for c in cases] == [date(2017, 8, 31), None, None]   # the passed planned end runs on


def test_year_end_follows_budget_except_where_committed():
    lines = pd.DataFrame({
        "sector": ["skole", "skole", "familie_myndighed", "familie_myndighed"],
        "cost_type": ["loen", "indsatser", "loen", "indsatser"],
        "budget_year": [1_000.0, 200.0, 500.0, 2_000.0],
        "budget_to_date": [750.0, 150.0, 375.0, 1_500.0],
        "spend_to_date": [760.0, 140.0, 370.0, 1_700.0]})
    result = year_end(lines, {"familie_myndighed": 2_400.0}).set_index("sector")
    # skole follows its budget: spend to date + the rest of the year's budget.
    assert result.loc["skole", "expected"] == 760 + 250 + 140 + 50
    assert result.loc["skole", "deviation"] == 1_200 - 1_200
    assert result.loc["skole", "method"] == "budget"
    # the family department: salaries follow the budget, interventions come from the projection.
    assert result.loc["familie_myndighed", "expected"] == 370 + 125 + 2_400
    assert result.loc["familie_myndighed", "deviation"] == 2_895 - 2_500
    assert result.loc["familie_myndighed", "spend_pct"] == pytest.approx(100 * 2_070 / 2_500)
    assert result.loc["familie_myndighed", "method"] == "disponering"
