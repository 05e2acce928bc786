"""UTM and § 11 indicators, the survival module and figure exports, against hand-worked data."""
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from steering_core import survival
from steering_core.engine import NotOffered, Request, compute
from steering_core.exports import safe_text, table_xlsx
from tests.builders import UNITS_FOR_VIEWS as UNITS, course, meeting, one, population, store_with


def test_kaplan_meier_curve_and_median_interval():
    curve = survival.kaplan_meier([10, 20, 20, 30, 40, 50], [1, 1, 0, 1, 0, 1])
    assert list(curve["survival"].round(4)) == [0.8333, 0.6667, 0.4444, 0.4444, 0.0]
    assert list(curve["at_risk"]) == [6, 5, 3, 2, 1]
    estimate = survival.median(curve)
    assert estimate.median == 30
    assert estimate.lower <= 30 <= estimate.upper
    assert survival.survival_at(curve, 25) == pytest.approx(2 / 3)
    assert survival.survival_at(curve, 60) == 0.0  # everyone has ended
    censored_tail = survival.kaplan_meier([10, 20], [1, 0])
    assert survival.survival_at(censored_tail, 30) is None  # unknown past the last observation


def test_no_censoring_gives_the_plain_median():
    durations = [12, 40, 41, 55, 60, 61, 90, 93, 100]
    assert survival.median(survival.kaplan_meier(durations, [True] * 9)).median == 60


@pytest.fixture(scope="module")
def views_store(tmp_path_factory):
    q1 = date(2025, 2, 10)
    utm = ([meeting("S1", q1, "paragraf11", henvendelsesdato=date(2025, 1, 31), raadgiver_deltog=True)
            for _ in range(6)]
           + [meeting("S1", q1, "ingen", henvendelsesdato=date(2025, 1, 11), raadgiver_deltog=False)
              for _ in range(5)]
           + [meeting("S1", q1, moedetype="opfoelgning", raadgiver_deltog=None) for _ in range(5)])
    planned = date(2025, 4, 1)
    courses = (
        # 5 ended on plan with goal met, 5 extended past plan (goal partly met), 6 still running late
        [course(date(2025, 1, 2), date(2025, 3, 31), planlagt_slutdato=planned, maal_opfyldt="ja",
                udgift=3000, barn_id=f"B-A{n}") for n in range(5)]
        + [course(date(2025, 1, 2), date(2025, 5, 30), planlagt_slutdato=planned, forlaenget=True,
                  maal_opfyldt="delvist", udgift=3000, barn_id=f"B-B{n}") for n in range(5)]
        + [course(date(2025, 1, 2), None, planlagt_slutdato=planned, enhed_id="S1", udgift=3000,
                  barn_id=f"B-C{n}") for n in range(6)])
    return store_with(tmp_path_factory.mktemp("v") / "v.duckdb", enhed=UNITS,
                      befolkning=[population("Nord", 2025, "0-5", 500), population("Nord", 2025, "6-17", 500)],
                      utm=utm + [meeting("S1", date(2025, 9, 30), raadgiver_deltog=None)], indsats=courses)


def test_waiting_days_and_advisor_share(views_store):
    result = compute(views_store, ["utm_wait_median_days", "utm_advisor_share"], Request("2025K1", "2025K1"))
    # 6 meetings waited 10 days and 5 waited 30: the median of 11 is 10.
    assert one(result, indicator="utm_wait_median_days")["value"] == 10
    # advisor present at 6 of the 11 meetings where it is registered.
    assert one(result, indicator="utm_advisor_share")["value"] == pytest.approx(100 * 6 / 11)


def test_meeting_type_and_outcome_breakdowns(views_store):
    # Arithmetic, without protection (tests/test_disclosure.py covers that).
    result = compute(views_store, ["utm_held"], Request("2025K1", "2025K1", by=("moedetype",), min_cell=1))
    assert dict(zip(result["meeting_type"], result["value"])) == {"foerste": 11, "opfoelgning": 5}
    outcomes = compute(views_store, ["utm_held"], Request("2025K1", "2025K1", by=("udfald",), min_cell=1))
    assert dict(zip(outcomes["outcome"], outcomes["value"])) == {"paragraf11": 6, "ingen": 10}


def test_ended_extended_goal_and_overdue(views_store):
    # The whole year to the data cut-off (30-09-2025), the span published as one.
    result = compute(views_store, ["p11_ended", "p11_extended_share", "p11_goal_met_share"],
                     Request("2025K1", "2025K4", grain="samlet", min_cell=1))
    assert one(result, indicator="p11_ended")["value"] == 10
    # Planned end 01-04-2025 has passed for all 16: 5 extended and 6 still running past it.
    assert one(result, indicator="p11_extended_share")["value"] == pytest.approx(100 * 11 / 16)
    assert one(result, indicator="p11_goal_met_share")["value"] == pytest.approx(50.0)
    overdue = compute(views_store, ["p11_overdue"], Request("2025K3", "2025K3", by=("enhed",)))
    # At 30-09-2025 the six running courses are 182 days past their plan.
    assert one(overdue, unit="S1")["value"] == 6
    # Another threshold is not offered: N and N + 1 days would isolate single courses.
    with pytest.raises(NotOffered):
        compute(views_store, ["p11_overdue"], Request("2025K3", "2025K3", by=("enhed",), params=(("dage", 200),)))


def test_p11_cost_by_paying_sector(views_store):
    result = compute(views_store, ["p11_cost"], Request("2025K1", "2025K1", by=("sektor",)))
    # 16 courses from 2 January to at least 31 March at 3.000 kr./month: Jan 30/31, Feb and Mar whole.
    expected = 16 * 3000 * (30 / 31 + 1 + 1)
    assert one(result, sector="familie_myndighed")["value"] == pytest.approx(expected)


def test_funnel_counts_children_once_per_cohort(views_store):
    # 16 meetings of 16 children in 2025K1 plus one late meeting; the cohort needs 12 months.
    result = compute(views_store, ["utm_children", "utm_children_p11"], Request("2025K1", "2025K1"))
    assert result["value"].isna().all()  # data end 30-09-2025: 2025K1 not followed 12 months yet


def test_excel_export_has_danish_headers_and_neutralised_text():
    import pandas as pd
    frame = pd.DataFrame({"unit_name": ['=HYPERLINK("x")', "Nordby Skole"], "value": [1234.5, 7.0]})
    data = table_xlsx(frame, "UTM/enheder", {"unit_name": "Enhed", "value": "Værdi"}, {"value": "#,##0.0"},
                      note="Definition")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "UTMenheder"
    assert [c.value for c in sheet[1]] == ["Enhed", "Værdi"]
    assert sheet["A2"].value.startswith("'=")
    assert sheet["B2"].number_format == "#,##0.0" and sheet["B2"].value == 1234.5
    assert safe_text("+1") == "'+1" and safe_text("Syd") == "Syd"
