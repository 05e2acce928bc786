"""Every figure means what it says (issue 12): edge cases, empty states and the newest quarter.

Each dataset goes through the real upload; expected values are worked out by hand in the comments.
"""
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from steering_core.engine import Filters, Request, compute, cutoffs
from tests import samples
from tests.builders import course_row, one, uploaded, utm_row

UNITS = [["S1", "Nordskolen", "skole", "Nord", "skole"], ["S2", "Sydskolen", "skole", "Syd", "skole"]]


def test_a_course_ending_on_the_periods_last_day_is_active_at_its_end(tmp_path):
    # Five placements (step 5) running 1 January - 31 December 2025 at 10.000 kr. a month, one
    # ending 30 December; a meeting in December puts the data through 2025K4.
    year = [course_row(f"P{n}", date(2025, 1, 1), date(2025, 12, 31), "BL § 46", "Plejefamilie", 5,
                       udgift=10_000.0) for n in range(5)]
    early = [course_row("P9", date(2025, 1, 1), date(2025, 12, 30), "BL § 46", "Plejefamilie", 5)]
    store = uploaded(tmp_path / "a.duckdb", {"Enheder": UNITS, "Indsatser": year + early,
                                              "UTM": [utm_row("M1", date(2025, 12, 15))]})
    result = compute(store, ["children_per_step", "interventions_active", "intervention_cost"],
                     Request("2025K4", "2025K4", by=("trin",)))
    # On 31-12 the five courses still run (that day is paid for); the one ending 30-12 does not.
    assert one(result, indicator="children_per_step", step=5)["value"] == 5
    assert one(result, indicator="interventions_active", step=5)["value"] == 5
    # Cost in K4: five courses × three whole months × 10.000 kr.
    assert one(result, indicator="intervention_cost", step=5)["value"] == pytest.approx(150_000.0)


def test_a_district_without_population_does_not_inflate_the_rate(tmp_path):
    # 10 meetings in Nord (1.500 residents aged 6-17) and 10 in Syd (no population row), 2025K1.
    meetings = [utm_row(f"N{n}", date(2025, 2, 1), "S1") for n in range(10)] + \
               [utm_row(f"S{n}", date(2025, 2, 1), "S2") for n in range(10)]
    notes = [["2025K1", "Nord", "", "underretninger", 6, None], ["2025K1", "Syd", "", "underretninger", 9, None]]
    store = uploaded(tmp_path / "p.duckdb", {"Enheder": UNITS, "Befolkning": [["Nord", 2025, "6-17", 1500]],
                                              "UTM": meetings, "Noegletal": notes})
    whole = compute(store, ["utm_per_1000", "notifications_per_1000"], Request("2025K1", "2025K1"))
    # Only Nord counts: 10 / 1.500 × 1.000 × 4 (annualised) = 26,7, not 20 / 1.500 × 4.000 = 53,3.
    assert one(whole, indicator="utm_per_1000")["value"] == pytest.approx(10 / 1500 * 4000)
    assert one(whole, indicator="notifications_per_1000")["value"] == pytest.approx(6 / 1500 * 4000)
    by_district = compute(store, ["utm_per_1000"], Request("2025K1", "2025K1", by=("distrikt",)))
    syd = one(by_district, district="Syd")
    assert pd.isna(syd["value"]) and syd["status"] == "no_data" and not syd["suppressed"]
    assert one(by_district, district="Nord")["value"] == pytest.approx(26.6667, rel=1e-4)


def test_placements_and_spend_per_resident_are_not_computable_when_a_district_lacks_population(tmp_path):
    # Five placements (step 5) in Nord and five in Syd through 2025, 10.000 kr. a month each; only
    # Nord has residents (1.200 aged 0-5, 1.800 aged 6-17). A meeting in March puts the data through 2025K1.
    nord = [course_row(f"N{n}", date(2025, 1, 1), None, "BL § 46", "Plejefamilie", 5, udgift=10_000.0)
            for n in range(5)]
    syd = [course_row(f"S{n}", date(2025, 1, 1), None, "BL § 46", "Plejefamilie", 5, udgift=10_000.0,
                      distrikt="Syd", enhed_id="S2") for n in range(5)]
    population = [["Nord", 2025, "0-5", 1200], ["Nord", 2025, "6-17", 1800]]
    store = uploaded(tmp_path / "s.duckdb", {"Enheder": UNITS, "Befolkning": population, "Indsatser": nord + syd,
                                              "UTM": [utm_row("M1", date(2025, 3, 15))]})
    ids = ["placements_per_1000", "spend_per_0_22_steps_4_6"]
    whole = compute(store, ids, Request("2025K1", "2025K1"))
    # Not 10 / 3.000 × 1.000 = 3,3 (Syd's children over Nord's residents): not computable.
    for indicator in ids:
        row = one(whole, indicator=indicator)
        assert pd.isna(row["value"]) and row["status"] == "no_data" and not row["suppressed"]
    by_district = compute(store, ids, Request("2025K1", "2025K1", by=("distrikt",)))
    # Nord alone: 5 / 3.000 × 1.000 = 1,667; 5 × 3 × 10.000 kr. / 3.000 × 12 / 3 = 200 kr. a year.
    assert one(by_district, indicator="placements_per_1000", district="Nord")["value"] == pytest.approx(5 / 3)
    assert one(by_district, indicator="spend_per_0_22_steps_4_6", district="Nord")["value"] == pytest.approx(200.0)
    assert one(by_district, indicator="placements_per_1000", district="Syd")["status"] == "no_data"


def test_the_population_of_an_earlier_year_carries_forward_but_not_back(tmp_path):
    meetings = [utm_row(f"N{n}", date(2024 + n % 2, 2, 1), "S1") for n in range(20)]
    store = uploaded(tmp_path / "y.duckdb", {"Enheder": UNITS, "Befolkning": [["Nord", 2025, "6-17", 2000]],
                                              "UTM": meetings})
    result = compute(store, ["utm_per_1000"], Request("2024K1", "2026K1"))
    # 2025K1: 10 meetings / 2.000 × 4.000 = 20; 2026K1 has no meetings uploaded.
    assert one(result, period="2025K1")["value"] == pytest.approx(20.0)
    # 2024 is before the first population year: no rate, said as no data.
    assert one(result, period="2024K1")["status"] == "no_data"


def test_the_cut_off_comes_from_dated_activity_not_a_yearly_row(tmp_path):
    # Meetings through 2025K3, an open course from 1 August at 3.000 kr. a month, and one yearly
    # key figure for 2026 (which ends 31-12-2026 but says nothing about how far the data reach).
    sheets = {"Enheder": UNITS, "UTM": [utm_row("M1", date(2025, 9, 10))],
              "Indsatser": [course_row(f"I{n}", date(2025, 8, 1), udgift=3000.0) for n in range(5)],
              "Noegletal": [["2026", "Nord", "", "fravaer", 4.5, None]]}
    store = uploaded(tmp_path / "c.duckdb", sheets)
    assert cutoffs(store) == {"utm": date(2025, 9, 10), "indsats": date(2025, 8, 1), "oekonomi": None,
                              "noegletal": None, "fit_maaling": None}
    result = compute(store, ["intervention_cost"], Request("2025K3", "2026K4"))
    # Five courses cost two months each (August, September), and nothing in quarters without data.
    assert list(result["period"]) == ["2025K3"]
    assert result["value"].iloc[0] == pytest.approx(5 * 2 * 3000.0)


def test_over_3_months_means_over_91_days_in_the_indicator_and_the_survival_table(tmp_path):
    from steering_core.durations import p11_survival
    # Five § 11 courses 1 March - 31 May 2025: 92 days, so over 3 months (91 days), though they end
    # before 1 June (three calendar months after the start). Data through 2025K4.
    courses = [course_row(f"I{n}", date(2025, 3, 1), date(2025, 5, 31)) for n in range(5)]
    store = uploaded(tmp_path / "m.duckdb", {"Enheder": UNITS, "Indsatser": courses,
                                              "UTM": [utm_row("M1", date(2025, 12, 1))]})
    share = one(compute(store, ["p11_share_over_3m"], Request("2025K1", "2025K1")), period="2025K1")
    assert share["value"] == pytest.approx(100.0)
    summary = p11_survival(store, Request("2025K1", "2025K1")).summary
    assert summary["still_91"].tolist() == [pytest.approx(100.0)]


def test_a_quarter_without_uploaded_meetings_says_no_data_not_hidden(tmp_path):
    sheets = {"Enheder": UNITS, "UTM": [utm_row(f"M{n}", date(2025, 2, 1)) for n in range(6)],
              "Indsatser": [course_row("I1", date(2025, 5, 1))]}
    store = uploaded(tmp_path / "n.duckdb", sheets)
    result = compute(store, ["utm_held"], Request("2025K1", "2025K2"))
    assert one(result, period="2025K1")["status"] == "value"
    k2 = one(result, period="2025K2")
    assert k2["status"] == "no_data" and not k2["suppressed"] and pd.isna(k2["value"])


def test_the_five_states_are_told_apart(tmp_path):
    # UTM data 2025K1-K2; K2 has one meeting (hidden). Finance only for K2: spend 90 kr. (a value), no
    # project rows in the reported quarter (a true zero), nothing for K1 (no data). The § 11 median of a quarter whose curve has not
    # crossed 50 % is not yet known.
    sheets = {"Enheder": UNITS,
              "UTM": [utm_row(f"M{n}", date(2025, 2, 1)) for n in range(6)] + [utm_row("M9", date(2025, 5, 1))],
              "Indsatser": [course_row(f"I{n}", date(2025, 4, 1), date(2025, 4, 10) if n < 5 else None)
                            for n in range(12)],
              "Oekonomi": [["2025K2", "skole", "loen", "", 100.0, 90.0]]}
    store = uploaded(tmp_path / "s.duckdb", sheets)
    result = compute(store, ["utm_held", "project_spend", "p11_median_days", "spend_kr"],
                     Request("2025K1", "2025K2"))
    assert one(result, indicator="spend_kr", period="2025K2")[["value", "status"]].tolist() == [90.0, "value"]
    assert one(result, indicator="utm_held", period="2025K2")["status"] == "hidden"
    assert one(result, indicator="project_spend", period="2025K2")[["value", "status"]].tolist() == [0.0, "zero"]
    assert one(result, indicator="project_spend", period="2025K1")["status"] == "no_data"
    # 5 of 12 ended (a median rests on at least 5 ended courses): S = 7/12 at day 10, never at or
    # below one half within the follow-up.
    assert one(result, indicator="p11_median_days", period="2025K2")["status"] == "pending"


def test_a_course_registered_again_under_barnets_lov_is_one_course(tmp_path):
    # Seven children: SEL § 11 from 1-10-2023 to 31-12-2023, then BL § 30 of the same type from
    # 1-1-2024 to 31-3-2024: one course of 183 days (31+30+31+31+29+31), started 2023K4, ended 2024K1.
    chained = []
    for n in range(7):
        chained.append(course_row(f"A{n}", date(2023, 10, 1), date(2023, 12, 31), "SEL § 11, stk. 3",
                                  barn_id=f"B{n}", udgift=1000.0))
        chained.append(course_row(f"B{n}", date(2024, 1, 1), date(2024, 3, 31), "BL § 30", barn_id=f"B{n}",
                                  udgift=2000.0))
    # Not joined: three children with a gap of two days, three with another type the second time.
    apart = []
    for n in range(3):
        apart += [course_row(f"C{n}", date(2023, 10, 1), date(2023, 12, 30), "SEL § 11, stk. 3", barn_id=f"C{n}"),
                  course_row(f"E{n}", date(2024, 1, 1), date(2024, 2, 29), "BL § 30", barn_id=f"C{n}"),
                  course_row(f"D{n}", date(2023, 10, 1), date(2023, 12, 31), "SEL § 11, stk. 3", barn_id=f"D{n}"),
                  course_row(f"F{n}", date(2024, 1, 1), date(2024, 2, 29), "BL § 30", "Samtaleforløb",
                             barn_id=f"D{n}")]
    store = uploaded(tmp_path / "l.duckdb", {"Enheder": UNITS, "Indsatser": chained + apart,
                                              "UTM": [utm_row("M1", date(2024, 12, 1))]})
    result = compute(store, ["p11_started", "p11_ended", "p11_median_days", "p11_cost", "p11_active"],
                     Request("2023K4", "2024K1"))
    value = lambda i, p: one(result, indicator=i, period=p)["value"]  # noqa: E731
    # Starts: 7 + 3 + 3 in 2023K4; only the 3 + 3 new ones in 2024K1 (not the 7 re-registrations).
    assert value("p11_started", "2023K4") == 13 and value("p11_started", "2024K1") == 6
    assert value("p11_ended", "2023K4") == 6 and value("p11_ended", "2024K1") == 13
    # Active on 31-12-2023: the seven joined courses and D (ends that day), not C (ended 30-12).
    assert value("p11_active", "2023K4") == 10
    # 2023K4 cohort of 13: 3 of 91 days (C), 3 of 92 (D), 7 of 183: S(92) = 7/13 > 1/2, so the median is 183.
    assert value("p11_median_days", "2023K4") == 183
    # The cost stays each registration's own: in 2024K1 seven courses × three months × 2.000 kr.
    assert value("p11_cost", "2024K1") == pytest.approx(7 * 3 * 2000.0)


def _newest_cohort_store(path, started=10, ended=3):
    # 2025K2: six courses (Familiebehandling), all ended after 30 days. 2025K3: ten (Samtaleforløb),
    # three ended after 20 days, seven running at the cut-off 30-09-2025.
    k2 = [course_row(f"A{n}", date(2025, 4, 1), date(2025, 4, 30)) for n in range(6)]
    k3 = [course_row(f"B{n}", date(2025, 7, 1), date(2025, 7, 20) if n < ended else None, indsatstype="Samtaleforløb")
          for n in range(started)]
    return uploaded(path, {"Enheder": UNITS, "Indsatser": k2 + k3, "UTM": [utm_row("M1", date(2025, 9, 1))]})


def test_a_median_not_yet_crossed_is_not_known_and_the_tile_falls_back(tmp_path):
    from steering_core import overview
    # Five ended, so the median may be shown once known (a median rests on at least 5 ended courses).
    store = _newest_cohort_store(tmp_path / "k.duckdb", started=12, ended=5)
    result = compute(store, ["p11_median_days"], Request("2025K2", "2025K3"))
    # 2025K3: S = 7/12 after day 20 and no later event: the median is not yet known (not 91 days).
    k3 = one(result, period="2025K3")
    assert pd.isna(k3["value"]) and k3["status"] == "pending"
    assert one(result, period="2025K2")["value"] == 30
    (tile,) = overview.tiles(store, "2025K3", Filters(), ["p11_median_days"])
    assert (tile.value, tile.period, tile.change_prev) == ("30 dage", "2025K2", None)


def test_the_12_month_column_is_blank_for_all_when_no_one_was_followed_that_long(tmp_path):
    from steering_core.durations import p11_survival
    store = _newest_cohort_store(tmp_path / "f.duckdb")
    result = p11_survival(store, Request("2025K2", "2025K3"), "intervention_type")
    # The longest follow-up is 1 April - 30 September: 183 days, so 6 months (182) are known, 12 not,
    # also for the group whose courses have all ended (which would otherwise read 0 %).
    assert result.not_yet_followed == (365,)
    assert result.summary["still_365"].isna().all()
    # At 6 months the group followed that long is known (all ended: 0 %); the one followed at most
    # 92 days is not.
    six = result.summary.set_index("group")["still_182"]
    assert six["Familiebehandling"] == 0.0
    # (The other group, with 3 ended courses, is not shown at all: fewer than 5 ended.)
    assert result.hidden_groups == ("Samtaleforløb",)


def test_a_tile_says_its_basis_and_the_budget_tile_is_the_year_so_far(tmp_path):
    from steering_core import overview
    finance = [["2025K1", "skole", "loen", "", 100.0, 80.0], ["2025K2", "skole", "loen", "", 300.0, 330.0]]
    store = uploaded(tmp_path / "b.duckdb", {"Enheder": UNITS, "Oekonomi": finance})
    budget, spend = overview.tiles(store, "2025K2", Filters(), ["budget_year_kr", "spend_vs_budget"])
    # The year so far, annualised: (100 + 300) × 12 / 6 = 800 kr. (not the last quarter × 4 = 1.200).
    assert budget.value == "800 kr."
    assert budget.basis == "2025 til og med 2025K2, omregnet til helår"
    # Spend in percent of budget is the quarter's: 330 / 300 = 110 %.
    assert (spend.value, spend.basis) == ("110,0 %", "Kvartalet 2025K2")


def test_a_100_percent_stack_says_it_leaves_hidden_groups_out_and_reveals_no_count(tmp_path):
    import json

    from steering_core.views import utm
    # One school, 2026K2: 7 meetings ending in § 11, 3 with no measure, 2 with a notification.
    rows = [utm_row(f"P{n}", date(2026, 5, 1), udfald="paragraf11") for n in range(7)] + \
           [utm_row(f"I{n}", date(2026, 5, 1), udfald="ingen") for n in range(3)] + \
           [utm_row(f"U{n}", date(2026, 5, 1), udfald="underretning") for n in range(2)]
    store = uploaded(tmp_path / "r.duckdb", {"Enheder": UNITS, "UTM": rows})
    figure = utm.outcomes(store, Request("2026K2", "2026K2"))
    assert sorted(figure.table["status"]) == ["hidden", "hidden", "value"]
    spec = json.dumps(figure.chart.to_dict())
    # The bar says it is a share of the groups shown and that some are left out ...
    assert "(af de viste grupper)" in spec and "+ skjult" in spec
    # ... and no hidden count (3, 2) nor their sum (5) is in the chart's data.
    values = [row.get("value") for data in figure.chart.to_dict()["datasets"].values() for row in data]
    assert [v for v in values if v is not None] == [7.0]
    assert figure.state_note() == "Ikke tegnet: 2 skjult (under diskretionsgrænsen)."


def test_cli_splits_what_it_can_names_the_rest_and_prints_every_breakdown(tmp_path, capsys):
    import json

    from steering_core.cli import main
    rows = [utm_row(f"P{n}", date(2025, 2, 1), "S1" if n % 2 else "S2", udfald="paragraf11") for n in range(12)]
    store = uploaded(tmp_path / "cli.duckdb", {"Enheder": UNITS, "UTM": rows,
                                                "Befolkning": [["Nord", 2025, "6-17", 1000], ["Syd", 2025, "6-17", 500]],
                                                "Oekonomi": [["2025K1", "skole", "loen", "", 100.0, 90.0]]})
    code = main(["indicators", "--db", str(store.path), "--from", "2025K1", "--to", "2025K1", "--by", "distrikt",
                 "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "Udeladt: spend_vs_budget: 'Forbrug i procent af budget' kan ikke opdeles på distrikt." in err
    result = json.loads(out)
    # 6 meetings per district: Nord 6 / 1.000 × 4.000 = 24, Syd 6 / 500 × 4.000 = 48.
    rates = {r["district"]: r["value"] for r in result if r["indicator"] == "utm_per_1000"}
    assert rates == {"Nord": 24.0, "Syd": 48.0}
    assert {r["status"] for r in result if r["indicator"] == "utm_held"} == {"value"}
    code = main(["indicators", "--db", str(store.path), "--from", "2025K1", "--to", "2025K1", "--by", "udfald",
                 "--only", "utm_held", "--format", "csv"])
    out, _ = capsys.readouterr()
    assert code == 0
    header, line = out.strip().splitlines()
    assert header.split(",")[:3] == ["indicator", "period", "outcome"] and header.endswith(",status")
    assert line.startswith("utm_held,2025K1,paragraf11,12.0,") and line.endswith(",value")


def _commitment_example(path, planned_sheet: bool):
    # DOMAIN.md section 7 (001, L720-760), budget year 2017, seen at 2017K1: current cases at 100.000 and
    # 50.000 kr. a month, 75.000 until 30-06 and 100.000 until 28-02; booked January-March 975.000 kr.
    # (3 × 325.000: the three months of the four cases, the last one's March replaced by the expected
    # case that started 1 March).
    units = [["F1", "Familieafdelingen", "familie_myndighed", "Nord", "familie_myndighed"]]
    courses = [course_row("C1", date(2017, 1, 1), trin=5, paragraf="SEL § 52, stk. 3, nr. 7", udgift=100_000.0),
               course_row("C2", date(2017, 1, 1), trin=5, paragraf="SEL § 52, stk. 3, nr. 7", udgift=50_000.0),
               course_row("C3", date(2017, 1, 1), trin=5, paragraf="SEL § 52, stk. 3, nr. 7", udgift=75_000.0,
                          planlagt=date(2017, 6, 30)),
               course_row("C4", date(2017, 1, 1), date(2017, 2, 28), trin=5, paragraf="SEL § 52, stk. 3, nr. 7",
                          udgift=100_000.0)]
    for row in courses:
        row[6] = "F1"
    sheets = {"Enheder": units, "Indsatser": courses,
              "Oekonomi": [["2017K1", "familie_myndighed", "indsatser", "", 1_000_000.0, 975_000.0]]}
    if planned_sheet:
        sheets["PlanlagteSager"] = [["PLAN-1", "familie_myndighed", 75_000.0, date(2017, 7, 1), None, "plejefamilie"],
                                    ["PLAN-2", "familie_myndighed", 100_000.0, date(2017, 3, 1), None, ""]]
    return uploaded(path, sheets)


@pytest.mark.parametrize("uploaded_sheet", [True, False], ids=["uploaded", "entered"])
def test_planned_cases_reproduce_the_commitment_example_of_001(tmp_path, uploaded_sheet):
    from steering_core import commitment
    from steering_core.views import economy
    store = _commitment_example(tmp_path / "d.duckdb", uploaded_sheet)
    entered = () if uploaded_sheet else (("familie_myndighed", 75_000.0, date(2017, 7, 1), None),
                                         ("familie_myndighed", 100_000.0, date(2017, 3, 1), None))
    # Three current cases: shown at the lowest cell size allowed (3, STEERING_MIN_CELL), hidden at 5.
    request = Request("2017K1", "2017K1", min_cell=3)
    found = commitment.sector_projections(store, request, planned=economy.entered_cases(entered))
    projection = found["familie_myndighed"].with_pool(1_000_000)
    # The current cases commit 2.450.000 in the year, as in 001: 875.000 of the booked January-March
    # (325.000 + 325.000 + 225.000) and April-December 9 × 100.000 + 9 × 50.000 + 3 × 75.000 = 1.575.000.
    # The expected cases commit 450.000 (75.000 × 6) and 1.000.000 (100.000 × 10): March's 100.000 is
    # in the booked 975.000, the open months give 900.000. In all 3.900.000, and the pool on top.
    assert projection.booked == pytest.approx(975_000)
    assert projection.current == pytest.approx(1_575_000)
    assert projection.expected == pytest.approx(1_350_000)
    assert projection.committed == pytest.approx(3_900_000)
    assert projection.total == pytest.approx(4_900_000)
    lines, _ = economy.budget_lines(store, request)
    figure = economy.commitments(request, lines, found, "familie_myndighed", 1_000_000)
    # The page names each case with its commitment for the budget year: 450.000 and 1.000.000 kr.
    assert "450.000 kr. i 2017" in figure.caption and "1.000.000 kr. i 2017" in figure.caption
    assert "forventet regnskab i alt: 4.900.000 kr." in figure.caption


def test_a_date_in_the_future_never_moves_the_cut_off(tmp_path):
    # A measurement typed as 2150: stored with a warning at upload, but it has not happened, so the
    # figures still end with the newest real quarter instead of showing empty quarters up to 2150.
    from datetime import date

    from steering_core.engine import Request, available_quarters, compute
    from tests.builders import meeting, store_with, unit

    rows = [meeting("S1", date(2025, 2, 10)) for _ in range(6)] + [meeting("S1", date(2150, 1, 5))]
    store = store_with(tmp_path / "f.duckdb", enhed=[unit("S1", "Nord")], utm=rows)
    assert available_quarters(store) == ["2025K1"]
    assert compute(store, ["utm_held"], Request("2025K1", "2025K1"))["value"].tolist() == [6]


def test_a_year_shown_to_the_data_cut_off_is_named_by_its_quarters_not_the_whole_year(demo_store):
    # The demo's data end 30-09-2026: a figure over "the year" holds 2026K1-2026K3, and must not be
    # titled or exported as 2026K1-2026K4, as if the year were over.
    from steering_core import engine
    from steering_core.views import economy, utm

    quarters = engine.available_quarters(demo_store)
    assert quarters[-1] == "2026K3"
    request = Request("2025K4", "2026K3", "kvartal", (), Filters())
    for fig in (economy.grant_pay(demo_store, request), utm.by_unit(demo_store, request)):
        assert "K4" not in fig.title and "2026K3" in fig.title.replace(" – ", "-"), fig.title
        assert set(fig.table["period"]) == {"2026K1-2026K3"}, (fig.key, set(fig.table["period"]))
    # The same cells as the calendar year clipped at the cut-off: the same values, the same hidden.
    year = engine.published_year(demo_store, request)
    assert (year.first, year.last) == ("2026K1", "2026K3")
    clipped = compute(demo_store, ["utm_held"], Request("2026K1", "2026K4", "samlet", ("enhed",), Filters()))
    to_date = compute(demo_store, ["utm_held"], replace(year, by=("enhed",)))
    columns = ["unit", "value", "suppressed"]
    pd.testing.assert_frame_equal(clipped[columns].sort_values("unit").reset_index(drop=True),
                                  to_date[columns].sort_values("unit").reset_index(drop=True))
    # A year that is over keeps its name.
    assert (engine.published_year(demo_store, replace(request, last="2025K4")).last) == "2025K4"
