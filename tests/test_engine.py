"""The indicator engine against hand-built data whose results were worked out by hand."""
from datetime import date

import pandas as pd
import pytest

from steering_core import catalogue
from steering_core.engine import EngineError, Filters, Request, compute
from tests.builders import (course, days_after, finance, keyfigure, meeting, one, population, store_with,
                            unit)

UNITS = [unit("S1", "Nord"), unit("S2", "Syd"), unit("D1", "Nord", "dagtilbud"),
         unit("F1", "Nord", "familie_myndighed")]
POPULATION = [population("Nord", 2025, "0-5", 400), population("Nord", 2025, "6-17", 600),
              population("Nord", 2025, "18-22", 200), population("Syd", 2025, "0-5", 300),
              population("Syd", 2025, "6-17", 700), population("Syd", 2025, "18-22", 300)]


@pytest.fixture(scope="module")
def meetings_store(tmp_path_factory):
    q1 = date(2025, 2, 10)
    utm = ([meeting("S1", q1, "paragraf11") for _ in range(3)] + [meeting("S1", q1) for _ in range(3)]
           + [meeting("D1", q1, "paragraf11"), meeting("D1", q1)]
           + [meeting("S2", q1, "paragraf11") for _ in range(2)] + [meeting("S2", q1) for _ in range(8)]
           + [meeting("S1", date(2025, 5, 5)) for _ in range(5)])
    return store_with(tmp_path_factory.mktemp("m") / "m.duckdb", enhed=UNITS, befolkning=POPULATION, utm=utm)


def test_utm_held_total_and_change(meetings_store):
    result = compute(meetings_store, ["utm_held"], Request("2025K1", "2025K2"))
    assert list(result["period"]) == ["2025K1", "2025K2"]
    assert one(result, period="2025K1")["value"] == 18
    q2 = one(result, period="2025K2")
    assert q2["value"] == 5 and q2["prev_value"] == 18 and q2["change_prev"] == -13


def test_utm_per_1000_is_annualised_per_district(meetings_store):
    result = compute(meetings_store, ["utm_per_1000"], Request("2025K1", "2025K1", by=("distrikt",)))
    # Nord: 8 meetings / 1.000 aged 0-17 × 1.000 × 12/3 = 32; Syd: 10 → 40.
    assert one(result, district="Nord")["value"] == pytest.approx(32.0)
    assert one(result, district="Syd")["value"] == pytest.approx(40.0)
    total = compute(meetings_store, ["utm_per_1000"], Request("2025K1", "2025K1"))
    assert total.iloc[0]["value"] == pytest.approx(36.0)
    assert total.iloc[0]["numerator"] == 18 and total.iloc[0]["denominator"] == 2000


def test_share_to_p11_and_suppression_of_small_numerators(meetings_store):
    total = compute(meetings_store, ["utm_to_p11_share"], Request("2025K1", "2025K1"))
    assert total.iloc[0]["value"] == pytest.approx(100 * 6 / 18)
    by_district = compute(meetings_store, ["utm_to_p11_share"], Request("2025K1", "2025K1", by=("distrikt",)))
    # Nord has 4 § 11 outcomes and Syd 2: both under 5, so neither share may be shown.
    assert by_district["suppressed"].all()
    assert by_district[["value", "numerator", "denominator"]].isna().all().all()


def test_complementary_suppression_hides_a_second_cell(meetings_store):
    result = compute(meetings_store, ["utm_held"], Request("2025K1", "2025K1", by=("enhed",)))
    # D1 has 2 meetings (hidden). With the total of 18 known, D1 could be recomputed from S1 and S2,
    # so the smallest remaining cell, S1 (6), is hidden too; S2 (10) stays.
    assert bool(one(result, unit="D1")["suppressed"]) and bool(one(result, unit="S1")["suppressed"])
    s2 = one(result, unit="S2")
    assert not s2["suppressed"] and s2["value"] == 10 and s2["unit_name"] == "Enhed S2"


def test_min_cell_is_configurable_but_not_below_three(meetings_store, monkeypatch):
    result = compute(meetings_store, ["utm_held"], Request("2025K1", "2025K1", by=("enhed",), min_cell=3))
    assert not one(result, unit="S2")["suppressed"] and one(result, unit="S2")["value"] == 10
    assert bool(one(result, unit="D1")["suppressed"])
    # Danmarks Statistik's floor: a smaller minimum would switch protection off, so it is refused.
    monkeypatch.setenv("STEERING_MIN_CELL", "2")
    with pytest.raises(EngineError, match="under 3"):
        compute(meetings_store, ["utm_held"], Request("2025K1", "2025K1", by=("enhed",)))


def test_filters_narrow_the_figures(meetings_store):
    result = compute(meetings_store, ["utm_held"],
                     Request("2025K1", "2025K1", filters=Filters(distrikter=("Syd",))))
    assert result.iloc[0]["value"] == 10


def test_unsupported_breakdown_is_refused_in_danish(meetings_store):
    with pytest.raises(EngineError, match="kan ikke opdeles på enhed"):
        compute(meetings_store, ["utm_per_1000"], Request(by=("enhed",)))


def test_unknown_indicator_names_the_known_ones(meetings_store):
    with pytest.raises(catalogue.UnknownIndicator, match="Ukendt nøgletal 'nope'"):
        compute(meetings_store, ["nope"])


@pytest.fixture(scope="module")
def cost_store(tmp_path_factory):
    # Prevention ratio oracle, DOMAIN.md section 7 (Bilagstabel 2.6 of seed 002): kr. per 0-22-year-old
    # on steps 2-3 and 4-6 for the advisory municipalities 2016-2018, with 1.000 residents aged 0-22.
    figures = {2016: (2541, 5466), 2017: (2804, 5657), 2018: (3213, 5578)}
    pop, courses = [], []
    for year, (steps_2_3, steps_4_6) in figures.items():
        pop += [population("Nord", year, "0-5", 300), population("Nord", year, "6-17", 500),
                population("Nord", year, "18-22", 200)]
        for n in range(5):  # five children on each side so nothing is suppressed
            courses.append(course(date(year, 1, 1), date(year, 12, 31), trin=3,
                                  udgift=steps_2_3 * 1000 / 12 / 5, barn_id=f"B-A{year}{n}"))
            courses.append(course(date(year, 1, 1), date(year, 12, 31), trin=5,
                                  udgift=steps_4_6 * 1000 / 12 / 5, barn_id=f"B-P{year}{n}"))
    return store_with(tmp_path_factory.mktemp("c") / "c.duckdb", enhed=UNITS[:1], befolkning=pop,
                      indsats=courses)


def test_prevention_ratio_reproduces_vive_figures(cost_store):
    result = compute(cost_store, ["prevention_ratio"], Request("2016K1", "2018K4", grain="aar"))
    assert [round(v, 1) for v in result["value"]] == [46.5, 49.6, 57.6]
    assert round(result.iloc[-1]["change_prev"], 1) == 8.0


def test_spend_per_resident_is_annual_kroner(cost_store):
    yearly = compute(cost_store, ["spend_per_0_22_steps_2_3", "spend_per_0_22_steps_4_6"],
                     Request("2017K1", "2017K4", grain="aar"))
    assert one(yearly, indicator="spend_per_0_22_steps_2_3")["value"] == pytest.approx(2804)
    assert one(yearly, indicator="spend_per_0_22_steps_4_6")["value"] == pytest.approx(5657)
    quarterly = compute(cost_store, ["spend_per_0_22_steps_2_3"], Request("2017K2", "2017K2"))
    # A quarter is annualised: 91 of 365 days cost 3 whole months, × 4.
    assert quarterly.iloc[0]["value"] == pytest.approx(2804)


def test_cost_prorates_partial_months(tmp_path):
    # 10.000 kr./month from 16 January to 14 February: 16/31 of January and 14/28 of February.
    courses = [course(date(2025, 1, 16), date(2025, 2, 14), trin=5, udgift=10000, barn_id=f"B-{n}")
               for n in range(5)]
    courses += [course(date(2025, 1, 1), date(2025, 12, 31), trin=2, udgift=3000, barn_id=f"B-Y{n}")
                for n in range(5)]
    store = store_with(tmp_path / "p.duckdb", enhed=UNITS, befolkning=POPULATION, indsats=courses)
    result = compute(store, ["prevention_ratio"], Request("2025K1", "2025K1"))
    steps_4_6 = 5 * 10000 * (16 / 31 + 14 / 28)
    assert result.iloc[0]["denominator"] == pytest.approx(steps_4_6)
    assert result.iloc[0]["numerator"] == pytest.approx(5 * 3 * 3000)


def _km_store(path, durations):
    """Courses started in 2025 with (days, ended); the data cut-off is 30-06-2025."""
    cutoff = date(2025, 6, 30)
    courses = []
    for n, (days, ended) in enumerate(durations):
        if ended:
            start = date(2025, 1, 1)
            courses.append(course(start, days_after(start, days - 1), barn_id=f"B-K{n}"))
        else:
            courses.append(course(days_after(cutoff, -(days - 1)), None, barn_id=f"B-K{n}"))
    return store_with(path, enhed=UNITS, befolkning=POPULATION, indsats=courses,
                      utm=[meeting("S1", cutoff)])


def test_kaplan_meier_median_by_hand(tmp_path):
    # Worked by hand: t=10 S=5/6; t=20 (one event, one censored, both at risk) S=5/6·4/5=2/3;
    # t=30 three at risk, one event: S=2/3·2/3=4/9 ≤ 0,5, so the median is 30 days.
    # A plain median of the ended courses (10, 20, 30, 50) would say 25.
    store = _km_store(tmp_path / "k.duckdb",
                      [(10, True), (20, True), (20, False), (30, True), (40, False), (50, True)])
    result = compute(store, ["p11_median_days"], Request("2025K1", "2025K4", grain="aar", min_cell=1))
    assert result.iloc[0]["value"] == 30


def test_kaplan_meier_with_tied_events(tmp_path):
    # t=5: 7 at risk, 2 events, S=5/7; 8 censored; t=12: 4 at risk, 2 events, S=5/7·2/4=5/14 → median 12.
    store = _km_store(tmp_path / "k.duckdb",
                      [(5, True), (5, True), (8, False), (12, True), (12, True), (15, False), (20, True)])
    result = compute(store, ["p11_median_days"], Request("2025K1", "2025K4", grain="aar", min_cell=1))
    assert result.iloc[0]["value"] == 12


def test_kaplan_meier_without_censoring_is_the_plain_median(tmp_path):
    durations = [(d, True) for d in (12, 40, 41, 55, 60, 61, 90, 93, 100)]
    store = _km_store(tmp_path / "k.duckdb", durations)
    result = compute(store, ["p11_median_days"], Request("2025K1", "2025K4", grain="aar", min_cell=1))
    assert result.iloc[0]["value"] == 60


def test_share_over_three_months_waits_until_outcomes_are_known(tmp_path):
    cutoff = date(2025, 12, 31)
    ended_short = [course(date(2025, 1, 1), date(2025, 3, 15), barn_id=f"B-S{n}") for n in range(6)]
    ended_long = [course(date(2025, 1, 1), date(2025, 6, 1), barn_id=f"B-L{n}") for n in range(5)]
    running_long = [course(date(2025, 2, 1), None, barn_id=f"B-R{n}") for n in range(4)]
    running_new = [course(date(2025, 12, 1), None, barn_id=f"B-N{n}") for n in range(6)]
    store = store_with(tmp_path / "s.duckdb", enhed=UNITS, befolkning=POPULATION,
                       indsats=ended_short + ended_long + running_long + running_new,
                       utm=[meeting("S1", cutoff)])
    result = compute(store, ["p11_share_over_3m", "p11_started", "p11_active"], Request("2025K1", "2025K4"))
    # 2025K1: 5 ended after 3 months and 4 still running past 3 months, of 15 started.
    assert one(result, indicator="p11_share_over_3m", period="2025K1")["value"] == pytest.approx(100 * 9 / 15)
    # 2025K4's courses have not had 3 months yet: no figure rather than a figure biased short.
    assert pd.isna(one(result, indicator="p11_share_over_3m", period="2025K4")["value"])
    assert one(result, indicator="p11_started", period="2025K1")["value"] == 15
    assert one(result, indicator="p11_active", period="2025K4")["value"] == 10


def test_children_per_step_counts_distinct_children(tmp_path):
    courses = [course(date(2025, 1, 1), None, trin=5, barn_id=f"B-{n}") for n in range(6)]
    courses += [course(date(2025, 1, 1), None, trin=3, barn_id=f"B-{n}") for n in range(6)]  # same children
    courses += [course(date(2025, 1, 1), date(2025, 2, 1), trin=3, barn_id="B-X")]  # ended
    store = store_with(tmp_path / "c.duckdb", enhed=UNITS, befolkning=POPULATION, indsats=courses)
    result = compute(store, ["children_per_step"], Request("2025K1", "2025K1", by=("trin",)))
    assert dict(zip(result["step"], result["value"])) == {3: 6, 5: 6}
    total = compute(store, ["children_per_step"], Request("2025K1", "2025K1"))
    assert total.iloc[0]["value"] == 6


def test_spend_vs_budget_and_notifications(tmp_path):
    q1 = (date(2025, 1, 1), date(2025, 3, 31))
    store = store_with(
        tmp_path / "f.duckdb", enhed=UNITS, befolkning=POPULATION,
        oekonomi=[finance("2025K1", *q1, "skole", 1_000_000, 1_050_000),
                  finance("2025K1", *q1, "familie_myndighed", 3_000_000, 2_850_000)],
        noegletal=[keyfigure("2025K1", *q1, "Nord", "underretninger", 30),
                   keyfigure("2025K1", *q1, "Syd", "underretninger", 20)])
    spend = compute(store, ["spend_vs_budget"], Request("2025K1", "2025K1", by=("sektor",)))
    assert one(spend, sector="skole")["value"] == pytest.approx(105.0)
    total = compute(store, ["spend_vs_budget"], Request("2025K1", "2025K1")).iloc[0]
    assert (total["numerator"], total["denominator"]) == (3_900_000, 4_000_000)
    notes = compute(store, ["notifications_per_1000"], Request("2025K1", "2025K1", by=("distrikt",)))
    assert one(notes, district="Nord")["value"] == pytest.approx(30 / 1000 * 1000 * 4)
    with pytest.raises(EngineError, match="findes ikke pr. distrikt"):
        compute(store, ["spend_vs_budget"], Request(filters=Filters(distrikter=("Nord",))))


def test_escalation_after_utm_waits_for_the_whole_cohort(tmp_path):
    meetings = [meeting("S1", date(2024, 2, 1), barn_id=f"B-E{n}") for n in range(10)]
    placements = [course(date(2024, 6, 1), None, trin=5, barn_id=f"B-E{n}") for n in range(5)]
    late = [course(date(2025, 3, 1), None, trin=6, barn_id="B-E9")]  # after 12 months: not counted
    store = store_with(tmp_path / "e.duckdb", enhed=UNITS, befolkning=POPULATION,
                       utm=meetings + [meeting("S1", date(2025, 6, 30)), meeting("D1", date(2025, 12, 31))],
                       indsats=placements + late)
    result = compute(store, ["escalation_after_utm"], Request("2024K1", "2025K2"))
    # 2024K4's rolling year (2024K1-K4) holds the ten children, five of them placed within 12 months.
    assert one(result, period="2024K4")["value"] == pytest.approx(50.0)
    # 2025K2's children have not been followed for 12 months yet: no figure, not yet known.
    assert pd.isna(one(result, period="2025K2")["value"])
    assert one(result, period="2025K2")["status"] == "pending"
    # 2024K1's rolling year would reach back to 2023K2, before the first meeting: a partial window is
    # not shown under a label saying "four quarters" (issue 12, point 9).
    assert pd.isna(one(result, period="2024K1")["value"])
    assert one(result, period="2024K1")["status"] == "no_data"
    assert not one(result, period="2024K1")["suppressed"]


def test_kaplan_meier_median_exactly_at_one_half(tmp_path):
    # Six ended courses: S(30) = 5/6 · 4/5 · 3/4 = 1/2 exactly, which floating point may land just above.
    store = _km_store(tmp_path / "k.duckdb", [(d, True) for d in (10, 20, 30, 40, 50, 60)])
    result = compute(store, ["p11_median_days"], Request("2025K1", "2025K4", grain="aar", min_cell=1))
    assert result.iloc[0]["value"] == 30
