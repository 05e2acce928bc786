"""The result indicators (issue 15) against hand-built key figures whose values were worked out by hand."""
from datetime import date

import pytest

from steering_core.engine import NotForFilter, Filters, Request, compute
from tests.builders import KOMMUNE, meeting, one, population, store_with, unit

Q1 = ("2025K1", date(2025, 1, 1), date(2025, 3, 31))
Q2 = ("2025K2", date(2025, 4, 1), date(2025, 6, 30))
UNITS = [unit("S1", "Nord"), unit("S2", "Syd")]
POPULATION = [population(d, 2025, g, 500) for d in ("Nord", "Syd") for g in ("0-5", "6-17", "18-22")]


def figure(quarter, distrikt, noegletal, vaerdi, antal=None):
    periode, start, slut = quarter
    return dict(kommune=KOMMUNE, periode=periode, periode_start=start, periode_slut=slut, distrikt=distrikt,
                enhed_id="", noegletal=noegletal, vaerdi=vaerdi, antal=antal)


def lights(quarter, distrikt, green, yellow, red, n):
    return [figure(quarter, distrikt, key, value, n)
            for key, value in (("trivsel_groen", green), ("trivsel_gul", yellow), ("trivsel_roed", red))]


@pytest.fixture(scope="module")
def results_store(tmp_path_factory):
    rows = [
        figure(Q1, "Nord", "fit_effekt", 7.0, 20), figure(Q1, "Syd", "fit_effekt", 8.0, 30),
        # Without n a mean cannot be weighted nor protected: left out.
        figure(Q1, "Vest", "fit_effekt", 2.0),
        figure(Q1, "Nord", "fit_samarbejde", 9.0, 20), figure(Q1, "Syd", "fit_samarbejde", 8.5, 4),
        *lights(Q1, "Nord", 80.0, 15.0, 5.0, 200), *lights(Q1, "Syd", 70.0, 20.0, 10.0, 100),
        # Q2: one red child in Nord hides Nord's three colours, and Syd's with them.
        *lights(Q2, "Nord", 97.5, 2.0, 0.5, 200), *lights(Q2, "Syd", 70.0, 20.0, 10.0, 100),
        figure(Q1, "Nord", "fravaer_pct", 6.0, 500), figure(Q1, "Syd", "fravaer_pct", 9.0, 250),
        figure(Q1, "Nord", "underretninger", 30), figure(Q1, "Syd", "underretninger", 20),
        figure(Q1, "Nord", "genunderretninger", 12), figure(Q1, "Syd", "genunderretninger", 6),
        figure(Q1, "Nord", "sager_pr_raadgiver", 25.0, 4), figure(Q1, "Syd", "sager_pr_raadgiver", 30.0, 2),
    ]
    day = date(2025, 2, 10)
    utm = ([meeting("S1", day, alder=age) for age in (4, 6, 8, 10, 12)]
           + [meeting("S1", day, alder=15, moedetype="opfoelgning") for _ in range(5)]
           + [meeting("S2", day, alder=age) for age in (2, 3, 4, 5, 6)])
    return store_with(tmp_path_factory.mktemp("r") / "r.duckdb", enhed=UNITS, befolkning=POPULATION,
                      noegletal=rows, utm=utm)


def test_fit_is_the_mean_weighted_by_n(results_store):
    total = compute(results_store, ["fit_effect"], Request("2025K1", "2025K1")).iloc[0]
    # (7,0 × 20 + 8,0 × 30) / 50 = 380 / 50 = 7,6; Vest's row has no n and is left out.
    assert total["value"] == pytest.approx(7.6)
    assert total["numerator"] == pytest.approx(380) and total["denominator"] == 50
    by = compute(results_store, ["fit_effect"], Request("2025K1", "2025K1", by=("distrikt",)))
    assert one(by, district="Nord")["value"] == pytest.approx(7.0)
    assert one(by, district="Syd")["value"] == pytest.approx(8.0)


def test_fit_with_a_small_n_is_hidden_with_its_sibling(results_store):
    total = compute(results_store, ["fit_collaboration"], Request("2025K1", "2025K1")).iloc[0]
    # (9,0 × 20 + 8,5 × 4) / 24 = 214 / 24.
    assert total["value"] == pytest.approx(214 / 24)
    by = compute(results_store, ["fit_collaboration"], Request("2025K1", "2025K1", by=("distrikt",)))
    # Syd rests on 4 answers; Nord would give it away as the municipality less Nord.
    hidden = by.set_index("district")["suppressed"]
    assert bool(hidden["Nord"]) and bool(hidden["Syd"])
    assert by["value"].isna().all()


def test_traffic_light_shares_are_weighted_and_add_up(results_store):
    ids = ["wellbeing_green_share", "wellbeing_yellow_share", "wellbeing_red_share"]
    result = compute(results_store, ids, Request("2025K1", "2025K1"))
    values = result.set_index("indicator")["value"]
    # green (80 × 200 + 70 × 100) / 300 = 23.000 / 300; yellow 5.000 / 300; red 2.000 / 300.
    assert values["wellbeing_green_share"] == pytest.approx(23000 / 300)
    assert values["wellbeing_yellow_share"] == pytest.approx(5000 / 300)
    assert values["wellbeing_red_share"] == pytest.approx(2000 / 300)
    assert values.sum() == pytest.approx(100)


def test_a_small_colour_hides_all_three_shares(results_store):
    ids = ["wellbeing_green_share", "wellbeing_yellow_share", "wellbeing_red_share"]
    by = compute(results_store, ids, Request("2025K2", "2025K2", by=("distrikt",)))
    # Nord has 0,5 % × 200 = 1 red child: all of Nord's colours are hidden, and Syd's, which would
    # otherwise give Nord's as the municipality less Syd.
    assert by["suppressed"].all() and by["value"].isna().all()
    total = compute(results_store, ids, Request("2025K2", "2025K2")).set_index("indicator")
    assert total.loc["wellbeing_red_share", "value"] == pytest.approx((0.5 * 200 + 10 * 100) / 300)


def test_school_absence_is_weighted_by_pupils(results_store):
    total = compute(results_store, ["school_absence"], Request("2025K1", "2025K1")).iloc[0]
    # (6,0 × 500 + 9,0 × 250) / 750 = 5.250 / 750 = 7,0.
    assert total["value"] == pytest.approx(7.0)


def test_repeat_notification_share(results_store):
    total = compute(results_store, ["repeat_notification_share"], Request("2025K1", "2025K1")).iloc[0]
    assert total["value"] == pytest.approx(100 * 18 / 50)
    by = compute(results_store, ["repeat_notification_share"], Request("2025K1", "2025K1", by=("distrikt",)))
    assert one(by, district="Nord")["value"] == pytest.approx(40.0)
    assert one(by, district="Syd")["value"] == pytest.approx(30.0)


def test_caseload_is_all_cases_over_all_caseworkers(results_store):
    total = compute(results_store, ["caseload_per_caseworker"], Request("2025K1", "2025K1")).iloc[0]
    # 25 × 4 + 30 × 2 = 160 cases for 6 caseworkers.
    assert total["value"] == pytest.approx(160 / 6)


def test_age_at_first_utm_meeting_leaves_follow_ups_out(results_store):
    total = compute(results_store, ["utm_first_meeting_age"], Request("2025K1", "2025K1")).iloc[0]
    # First meetings: ages 4, 6, 8, 10, 12 (Nord) and 2, 3, 4, 5, 6 (Syd): 60 / 10.
    assert total["value"] == pytest.approx(6.0)
    by = compute(results_store, ["utm_first_meeting_age"], Request("2025K1", "2025K1", by=("distrikt",)))
    assert one(by, district="Nord")["value"] == pytest.approx(8.0)


def test_key_figures_are_not_offered_per_unit(results_store):
    with pytest.raises(NotForFilter):
        compute(results_store, ["fit_effect"], Request("2025K1", "2025K1", filters=Filters(enheder=("S1",))))
