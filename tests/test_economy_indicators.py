"""The economy and staircase indicators and the core functions behind the economy page, on hand-worked data."""
from dataclasses import replace
from datetime import date

import pytest

from steering_core import commitment, distribution, volume_price
from steering_core.engine import Request, compute
from steering_core.views import economy, staircase
from tests.builders import KOMMUNE, UNITS_FOR_VIEWS, course, finance, one, store_with

Q1 = (date(2025, 1, 1), date(2025, 3, 31))
Q2 = (date(2025, 4, 1), date(2025, 6, 30))
# Step 2 course paid by the school: 16 of January's 31 days.
HALF_JANUARY = 16 / 31


def project_row(periode, start, slut, sektor, budget, forbrug):
    return {**finance(periode, start, slut, sektor, budget, forbrug, "loen"), "projekt": "Trivsel"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    courses = (
        # A: school leaders grant, the family department pays: 5 × 3.000 kr. a month, all of Q1.
        [course(date(2025, 1, 1), date(2025, 3, 31), trin=2, udgift=3000, bevilget_af="skoleleder",
                sektor="familie_myndighed", barn_id=f"A{n}") for n in range(5)]
        # B: foster families from 1 February, still running: 5 × 30.000 kr. a month.
        + [course(date(2025, 2, 1), None, trin=5, udgift=30000, bevilget_af="visitationsudvalg",
                  sektor="familie_myndighed", indsatstype="Plejefamilie", barn_id=f"B{n}") for n in range(5)]
        # C: school leaders grant and the school pays: 5 × 2.000 kr. a month, 16-31 January.
        + [course(date(2025, 1, 16), date(2025, 1, 31), trin=2, udgift=2000, bevilget_af="skoleleder",
                  sektor="skole", barn_id=f"C{n}") for n in range(5)]
        # D: home-based support without a registered cost, running since December 2024.
        + [course(date(2024, 12, 1), None, trin=3, udgift=None, bevilget_af="familieafdeling",
                  sektor="familie_myndighed", barn_id=f"D{n}") for n in range(5)])
    oekonomi = []
    for periode, (start, slut) in (("2025K1", Q1), ("2025K2", Q2)):
        oekonomi += [finance(periode, start, slut, "skole", 1_000_000, 1_050_000, "loen"),
                     finance(periode, start, slut, "skole", 100_000, 90_000, "indsatser"),
                     finance(periode, start, slut, "familie_myndighed", 400_000, 420_000, "indsatser")]
    oekonomi += [project_row("2025K1", *Q1, "skole", 50_000, 40_000),
                 project_row("2025K1", *Q1, "dagtilbud", 50_000, 60_000)]
    assumptions = [{"kommune": KOMMUNE, "aar": 2025, "indsatstype": "", "trin": 5, "forventet_antal": 2.0,
                    "forventet_gennemsnitspris": 300_000}]
    return store_with(tmp_path_factory.mktemp("econ") / "econ.duckdb", enhed=UNITS_FOR_VIEWS, indsats=courses,
                      oekonomi=oekonomi, budgetforudsaetninger=assumptions)


Q1_ONLY = dict(first="2025K1", last="2025K1", min_cell=1)


def test_intervention_cost_and_count_by_granting_party_and_paying_sector(store):
    result = compute(store, ["intervention_cost", "interventions_with_cost"],
                     Request(**Q1_ONLY, by=("bevilget_af", "sektor")))
    cost = result[result["indicator"] == "intervention_cost"]
    assert one(cost, granted_by="skoleleder", sector="familie_myndighed")["value"] == pytest.approx(5 * 3 * 3000)
    assert one(cost, granted_by="visitationsudvalg", sector="familie_myndighed")["value"] == pytest.approx(
        5 * 2 * 30000)
    assert one(cost, granted_by="skoleleder", sector="skole")["value"] == pytest.approx(5 * 2000 * HALF_JANUARY)
    count = result[result["indicator"] == "interventions_with_cost"]
    assert sorted(count["value"]) == [5, 5, 5]        # D has no cost and is not counted
    by_step = compute(store, ["intervention_cost"], Request(**Q1_ONLY, by=("trin",)))
    assert one(by_step, step=2)["value"] == pytest.approx(45_000 + 10_000 * HALF_JANUARY)


def test_small_cells_of_the_matrix_are_hidden(store):
    result = compute(store, ["intervention_cost"], Request("2025K1", "2025K1", by=("bevilget_af", "sektor"),
                                                           min_cell=6))
    assert result["suppressed"].all() and result["value"].isna().all()


def test_interventions_active_and_started(store):
    result = compute(store, ["interventions_active", "interventions_started"], Request(**Q1_ONLY, by=("trin",)))
    active = result[result["indicator"] == "interventions_active"]
    # A ends on the quarter's last day and so runs at its end (issue 12), C ended in January;
    # B (step 5) and D (step 3) run on.
    assert dict(zip(active["step"], active["value"])) == {2: 5, 3: 5, 5: 5}
    started = result[result["indicator"] == "interventions_started"]
    assert dict(zip(started["step"], started["value"])) == {2: 10, 5: 5}


def test_full_year_interventions_and_their_price(store):
    result = compute(store, ["interventions_fye", "intervention_price_fye"], Request(**Q1_ONLY, by=("trin",)))
    fye = result[result["indicator"] == "interventions_fye"]
    # Step 2: A runs 3 months each, C 16/31 of a month each; the quarter has 3 months.
    assert one(fye, step=2)["value"] == pytest.approx((5 * 3 + 5 * HALF_JANUARY) / 3)
    assert one(fye, step=5)["value"] == pytest.approx(5 * 2 / 3)
    price = result[result["indicator"] == "intervention_price_fye"]
    assert one(price, step=5)["value"] == pytest.approx(30000 * 12)
    step_2 = 12 * (3000 * 15 + 2000 * 5 * HALF_JANUARY) / (15 + 5 * HALF_JANUARY)
    assert one(price, step=2)["value"] == pytest.approx(step_2)
    # Count × price is the cost on a full-year basis.
    cost = compute(store, ["intervention_cost"], Request(**Q1_ONLY, by=("trin",)))
    assert one(fye, step=2)["value"] * step_2 == pytest.approx(one(cost, step=2)["value"] * 12 / 3)


def test_budget_spend_and_the_annualised_year_budget(store):
    result = compute(store, ["budget_kr", "spend_kr"], Request(**Q1_ONLY, by=("sektor", "omkostningstype")))
    budget = result[result["indicator"] == "budget_kr"]
    assert one(budget, sector="skole", cost_type="loen")["value"] == 1_050_000    # 1.000.000 + 50.000 project
    assert one(budget, sector="familie_myndighed", cost_type="indsatser")["value"] == 400_000
    spend = result[result["indicator"] == "spend_kr"]
    assert one(spend, sector="skole", cost_type="indsatser")["value"] == 90_000
    assert one(spend, sector="dagtilbud", cost_type="loen")["value"] == 60_000
    # The data end with 2025K2: the year's budget is the half year's, × 12 / 6.
    year = compute(store, ["budget_year_kr"], Request("2025K1", "2025K4", "samlet", ("sektor",), min_cell=1))
    assert one(year, sector="familie_myndighed")["value"] == pytest.approx(2 * 400_000 * 2)


def test_project_spend_and_placement_share(store):
    project = compute(store, ["project_spend"], Request(**Q1_ONLY, by=("sektor",)))
    # The family department reported finance but booked nothing on a project: a true zero (issue 12).
    assert dict(zip(project["sector"], project["value"])) == {"dagtilbud": 60_000, "skole": 40_000,
                                                              "familie_myndighed": 0}
    assert one(project, sector="familie_myndighed")["status"] == "zero"
    share = compute(store, ["placement_share"], Request(**Q1_ONLY))
    # At the end of Q1: B's 5 children on step 5, D's 5 on step 3 and A's 5 on step 2 (A ends on
    # 31 March, the quarter's last day, and so still runs at its end).
    assert share["value"].iloc[0] == pytest.approx(100 * 5 / 15)


def test_commitment_projection_from_the_store(store):
    found = commitment.sector_projections(store, Request("2025K1", "2025K2", min_cell=1))
    family = found["familie_myndighed"]
    assert family.cases == 5
    assert family.projection.booked == pytest.approx(2 * 420_000)           # January-June booked
    assert family.projection.current == pytest.approx(5 * 30000 * 6)        # B, July-December
    # Intake: A and B started in the last four quarters (10 in 12 months), 16.500 kr. a month on average,
    # running 90 + 275 × 0,5 = 227,5 days within a year (B censored at 150 days): every start runs to year end.
    assert family.intake.per_month == pytest.approx(10 / 12)
    assert family.intake.monthly_price == pytest.approx(16_500)
    assert family.intake.duration_days == pytest.approx(227.5)
    assert family.projection.expected == pytest.approx(10 / 12 * 16_500 * (6 + 5 + 4 + 3 + 2 + 1))
    assert family.projection.committed == pytest.approx(840_000 + 900_000 + 288_750)
    school = found["skole"]
    assert school.cases == 0 and school.projection.booked == pytest.approx(180_000)
    days = (31, 31, 30, 31, 30, 31)
    assert school.projection.expected == pytest.approx(5 / 12 * 2000 * sum(16 / d for d in days))


def test_budget_follow_up_uses_commitments_for_interventions(store):
    request = Request("2025K1", "2025K2", min_cell=1)
    lines, annualised = economy.budget_lines(store, request)
    assert annualised
    projections = commitment.sector_projections(store, request)
    figure = economy.budget_follow_up(request, lines, annualised, projections, pool=100_000)
    table = figure.table.set_index("sector")
    assert table.loc["familie_myndighed", "expected"] == pytest.approx(2_028_750)
    assert table.loc["familie_myndighed", "deviation"] == pytest.approx(2_028_750 - 1_600_000)
    assert table.loc["pulje", "expected"] == 100_000
    assert table.loc["i_alt", "expected"] == pytest.approx(table.drop(index="i_alt")["expected"].sum())
    # The school's salaries follow the budget: spend to date + the rest of the (annualised) year's budget.
    school_salaries = (2 * 1_050_000 + 40_000) + (2 * 2_050_000) - 2_050_000
    school_interventions = 180_000 + 5 / 12 * 2000 * sum(16 / d for d in (31, 31, 30, 31, 30, 31))
    assert table.loc["skole", "expected"] == pytest.approx(school_salaries + school_interventions)
    assert table.loc["skole", "method"] == "disponering" and table.loc["dagtilbud", "method"] == "budget"
    total = 2_028_750 + school_salaries + school_interventions + (60_000 + 100_000 - 50_000) + 100_000
    shown = economy.finance_display(figure.table, figure.columns)
    assert shown.iloc[-1]["Forventet regnskab (kr.)"] == f"{round(total):,}".replace(",", ".")
    assert shown.iloc[-1]["Forventet regnskab (kr.)"] == "6.611.359"   # Danish thousands separators
    assert figure.xlsx()[:2] == b"PK" and figure.png()[:4] == b"\x89PNG"


def test_volume_and_price_from_the_budget_assumptions(store):
    assumptions = volume_price.assumptions(store, KOMMUNE, 2025)
    assert list(assumptions["trin"]) == [5]
    figure = economy.volume_and_price(store, Request("2025K1", "2025K2", min_cell=1), KOMMUNE)
    row = figure.table.iloc[0]
    # 25 course-months in 6 months: 4,17 full-year foster families at 360.000 kr. against 2 at 300.000.
    assert row["actual_count"] == pytest.approx(25 / 6)
    assert row["volume"] == pytest.approx((25 / 6 - 2) * 300_000)
    assert row["price"] == pytest.approx(60_000 * 25 / 6)
    assert row["deviation"] == pytest.approx(1_500_000 - 600_000)
    assert economy.volume_and_price(store, Request("2025K1", "2025K2"), "Andeby").chart is None


def test_distribution_key_against_booked_spend(store, tmp_path):
    booked = distribution.booked_by_sector(store, KOMMUNE, "Trivsel", date(2025, 1, 1), date(2025, 6, 30))
    assert booked.to_dict() == {"dagtilbud": 60_000, "skole": 40_000}
    settled = distribution.settlement({"skole": 50, "dagtilbud": 50}, booked).set_index("sector")
    assert settled.loc["skole", "key_amount"] == 50_000 and settled.loc["skole", "transfer"] == 10_000
    assert settled.loc["dagtilbud", "transfer"] == -10_000
    assert settled.loc["skole", "booked_share"] == pytest.approx(40)


def test_every_economy_and_staircase_figure_builds(store):
    request = Request("2025K1", "2025K2", min_cell=1)
    figures = economy.figures(store, request, sector="familie_myndighed", pool=0, kommune=KOMMUNE)
    figures += staircase.figures(store, request, measure="cost")
    for figure in figures:
        assert figure.xlsx()[:2] == b"PK", figure.key
        if figure.chart is not None:
            try:
                image = figure.png()
            except ValueError as exc:
                pytest.fail(f"{figure.key}: {exc}")
            assert image[:4] == b"\x89PNG", figure.key
        assert figure.definitions(), figure.key


def test_staircase_helpers():
    assert staircase.wrapped("Institutionsanbringelse") == "Institutions-\nanbringelse"
    assert staircase.wrapped("Hjemmebaserede indsatser") == "Hjemmebaserede\nindsatser"
    assert "stabil" in staircase.verdict(2.9, 3.0, "2026K3", "2025K3")
    assert "steget" in staircase.verdict(3.1, 3.0, "2026K3", "2025K3")
    assert "faldet" in staircase.verdict(-0.5, 0.0, "2026K3", "2025K3")
    # A change that shows as zero is not news: 1e-12 (the last bits of a sum) and 0,04 both read "±0,0".
    for tiny in (1e-12, -1e-12, 0.04, -0.04):
        said = staircase.verdict(tiny, 0.0, "2026K3", "2025K3")
        assert "stabil" in said and "±0,0" in said, said
    assert "steget" in staircase.verdict(0.05, 0.0, "2026K3", "2025K3")


def test_the_commitment_caption_hides_small_case_counts(store):
    request = Request("2025K1", "2025K2", min_cell=11)     # 5 running cases, 10 starts in a year
    projections = commitment.sector_projections(store, request)
    lines, _ = economy.budget_lines(store, request)
    caption = economy.commitments(request, lines, projections, "familie_myndighed").caption
    # With 5 current cases under a minimum of 11 the sector's monthly commitments would show single
    # cases' rates and end dates: the projection is hidden, and says why.
    assert "færre end 11 aktuelle sager" in caption
    shown = economy.commitments(replace(request, min_cell=5), lines, projections, "familie_myndighed").caption
    assert "aktuelle sager (5)" in shown
