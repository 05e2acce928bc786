"""Investment cases: hand-computed cases as oracles, and sectors adding up to the total."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steering_core import investment as inv
from steering_core.domain import SECTORS

MIO = 1_000_000


def gladsaxe_like() -> inv.Case:
    """PREP-like courses: 20 families a year for four years; 10 % avoid a placement costing 100.000 kr. a
    year, from two years after their course, for five years."""
    return inv.Case(
        "PREP", "PREP-kurser", "Parforholdskurser for forældre", 2019, 10, (20, 20, 20, 20),
        (inv.Cost("familie_udfoerer", 300_000, year=1), inv.Cost("familie_udfoerer", 450_000)),
        (inv.Effect("Færre anbringelser", inv.AVOIDS_STEP_4, "familie_myndighed", 0.10, 100_000,
                    start_after=2, duration=5),),
        scenarios=(inv.Scenario(inv.PESSIMISTIC, (("Færre anbringelser", "size", 0.05),
                                                  ("Færre anbringelser", "duration", 3))),
                   inv.Scenario(inv.EXPECTED),
                   inv.Scenario(inv.OPTIMISTIC, (("Færre anbringelser", "size", 0.15),))))


def test_gladsaxe_like_costs_four_years_then_saves():
    outcome = inv.evaluate(gladsaxe_like(), inv.EXPECTED)
    net = [round(v / 1000) for v in outcome.totals["net"]]
    assert net == [-750, -450, -250, -50, 600, 800, 800, 600, 400, 200]
    assert [round(v / 1000) for v in outcome.totals["cumulative"]] == [
        -750, -1200, -1450, -1500, -900, -100, 700, 1300, 1700, 1900]
    assert outcome.break_even_year == 2025
    assert outcome.years_to_break_even == 6


def test_gladsaxe_like_scenarios_differ_in_the_assumptions_they_change():
    case = gladsaxe_like()
    pessimistic, optimistic = inv.evaluate(case, inv.PESSIMISTIC), inv.evaluate(case, inv.OPTIMISTIC)
    assert [round(v / 1000) for v in pessimistic.totals["net"]] == [-750, -450, -350, -250, 300, 300, 200, 100, 0, 0]
    assert pessimistic.break_even_year is None
    assert [round(v / 1000) for v in optimistic.totals["cumulative"]][:6] == [-750, -1200, -1350, -1200, -300, 900]
    assert optimistic.break_even_year == 2024


def gladsaxe_sector(outcome, sector, year):
    rows = outcome.sectors[(outcome.sectors["sector"] == sector) & (outcome.sectors["year"] == year)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_gladsaxe_like_pays_in_one_sector_and_gains_in_another():
    outcome = inv.evaluate(gladsaxe_like(), inv.EXPECTED)
    assert gladsaxe_sector(outcome, "familie_udfoerer", 2019)["net"] == -750_000
    assert gladsaxe_sector(outcome, "familie_myndighed", 2019)["net"] == 0
    assert gladsaxe_sector(outcome, "familie_myndighed", 2025)["gain"] == 800_000
    assert gladsaxe_sector(outcome, "familie_udfoerer", 2025)["cost"] == 0


def silkeborg_like() -> inv.Case:
    """Trivsel på tværs-like: 1.000 children a year; gains in daycare, PPR, school and family from year 3,
    in employment from year 13 (each year's children, for the rest of the horizon)."""
    early = dict(start_after=2, duration=1)
    return inv.Case(
        "Trivsel på tværs", "TOPI", "Trivselsvurdering af alle børn", 2017, 25, (1000,) * 25,
        (inv.Cost("dagtilbud", 3.4 * MIO, year=1), inv.Cost("dagtilbud", 3.4 * MIO, year=2),
         inv.Cost("dagtilbud", 1.0 * MIO), inv.Cost("skole", 0.6 * MIO), inv.Cost("familie_myndighed", 0.4 * MIO)),
        (inv.Effect("Dagtilbud", inv.OTHER_SHARE, "dagtilbud", 0.005, 100_000, **early),
         inv.Effect("PPR", inv.OTHER_SHARE, "ppr", 0.003, 100_000, **early),
         inv.Effect("Skole", inv.OTHER_SHARE, "skole", 0.005, 100_000, **early),
         inv.Effect("Familie", inv.AVOIDS_STEP_4, "familie_myndighed", 0.001, 500_000, **early),
         inv.Effect("Beskæftigelse", inv.OTHER_SHARE, "beskaeftigelse", 0.001, 450_000, start_after=12,
                    duration=25)))


def test_silkeborg_like_breaks_even_19_years_after_start():
    outcome = inv.evaluate(silkeborg_like())
    totals = outcome.totals.set_index("year")
    # −5,4 mio. in 2017-18, −0,2 mio. a year 2019-28, then + 0,45 mio. more each year from 2029.
    assert round(totals.loc[2028, "cumulative"] / MIO, 6) == -12.8
    assert round(totals.loc[2035, "cumulative"] / MIO, 6) == -1.6
    assert round(totals.loc[2036, "cumulative"] / MIO, 6) == 1.8
    assert outcome.break_even_year == 2036
    assert outcome.years_to_break_even == 19


def test_silkeborg_like_gains_start_in_year_3_and_employment_in_year_13():
    sectors = inv.evaluate(silkeborg_like()).sectors
    gains = sectors.pivot(index="year", columns="sector", values="gain")
    assert gains.loc[2018].sum() == 0
    assert gains.loc[2019, "dagtilbud"] == pytest.approx(500_000)
    assert gains.loc[2019, "ppr"] == pytest.approx(300_000)
    assert gains.loc[2028, "beskaeftigelse"] == 0
    assert gains.loc[2029, "beskaeftigelse"] == pytest.approx(450_000)
    assert gains.loc[2036, "beskaeftigelse"] == pytest.approx(8 * 450_000)


def test_a_case_that_never_breaks_even():
    case = inv.Case("Dyr", "Mentor", "", 2024, 10, (10,) * 10, (inv.Cost("skole", 1 * MIO),),
                    (inv.Effect("Lidt", inv.OTHER_SHARE, "skole", 0.1, 100_000, start_after=1, duration=2),))
    outcome = inv.evaluate(case)
    assert outcome.break_even_year is None and outcome.years_to_break_even is None
    # 10 × 10 % × 100.000 = 100.000 a cohort-year; two cohorts at once from year 3.
    assert [round(v / 1000) for v in outcome.totals["gain"]] == [0, 100, 200, 200, 200, 200, 200, 200, 200, 200]
    assert outcome.totals["cumulative"].iloc[-1] == pytest.approx(-10 * MIO + 1_700_000)


def test_decay_shrinks_each_year_after_the_first():
    case = inv.Case("Fald", "x", "", 2025, 5, (10,), (),
                    (inv.Effect("e", inv.OTHER_SHARE, "skole", 0.5, 1000, start_after=1, duration=3, decay=0.5),))
    assert inv.effect_gains(case.effects[0], case) == [0, 5000, 2500, 1250, 0]


def test_discount_rate_gives_present_values():
    case = inv.Case("R", "x", "", 2025, 2, (1, 1), (inv.Cost("skole", 1000, year=1), inv.Cost("skole", 1100, year=2)),
                    (), discount_rate=0.10)
    assert list(inv.totals(case)["cost"].round(6)) == [1000, 1000]


def test_break_even_must_hold_to_the_horizon():
    assert inv.break_even([-1, 1, -1, 1, 2], [1, 2, 3, 4, 5]) == 4
    assert inv.break_even([-1, -1], [1, 2]) is None
    assert inv.break_even([0, 1], [7, 8]) == 7


def test_a_case_with_problems_is_refused_with_every_problem():
    case = inv.Case("", "x", "", 2025, 30, (), (inv.Cost("kasse", 1),),
                    (inv.Effect("e", "ukendt", "skole", 2, 1),), scenarios=(inv.Scenario("a"),))
    with pytest.raises(inv.CaseError) as error:
        inv.evaluate(case)
    keys = {key for key, _ in error.value.problems}
    assert {"inv.err.name", "inv.err.horizon", "inv.err.sector", "inv.err.kind", "inv.err.share",
            "inv.err.scenarios"} <= keys


def test_a_case_survives_its_stored_form():
    case = gladsaxe_like()
    assert inv.from_dict(inv.to_dict(case)) == case


amounts = st.floats(min_value=0, max_value=5 * MIO, allow_nan=False)


@st.composite
def cases(draw):
    horizon = draw(st.integers(1, inv.MAX_HORIZON))
    target = tuple(draw(st.lists(st.integers(0, 500), min_size=0, max_size=horizon)))
    costs = tuple(inv.Cost(draw(st.sampled_from(SECTORS)), draw(amounts),
                           draw(st.one_of(st.none(), st.integers(1, horizon))))
                  for _ in range(draw(st.integers(0, 4))))
    effects = tuple(inv.Effect(f"e{n}", draw(st.sampled_from(inv.EFFECT_KINDS)), draw(st.sampled_from(SECTORS)),
                               draw(st.floats(0, 1)), draw(amounts), draw(st.integers(0, 15)),
                               draw(st.integers(1, 25)), draw(st.floats(0, 1)))
                    for n in range(draw(st.integers(0, 3))))
    overrides = [(e.name, field, draw(st.floats(0, 1))) for e in effects for field in ("size", "decay")
                 if draw(st.booleans())]
    scenarios = (inv.Scenario(inv.PESSIMISTIC, tuple(overrides)), inv.Scenario(inv.EXPECTED),
                 inv.Scenario(inv.OPTIMISTIC, (("", "target_factor", draw(st.floats(0.5, 2))),)))
    return inv.Case("h", "x", "", 2020, horizon, target, costs, effects,
                    discount_rate=draw(st.sampled_from([0.0, 0.03])), scenarios=scenarios)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_sector_results_sum_to_the_total_in_every_year_and_scenario(case):
    for scenario in case.scenarios:
        outcome = inv.evaluate(case, scenario.name)
        by_year = outcome.sectors.groupby("year")[["cost", "gain", "net"]].sum().reindex(case.years, fill_value=0.0)
        for column in ("cost", "gain", "net"):
            assert by_year[column].to_numpy() == pytest.approx(outcome.totals[column].to_numpy(), rel=1e-9, abs=1e-6)


def test_every_save_is_a_new_version_with_who_and_when(tmp_path):
    from dataclasses import replace
    from datetime import datetime

    from steering_core import investment_store
    from steering_core.store import Store, StoreError

    store = Store(tmp_path / "cases.duckdb")
    first = investment_store.save_case(store, "Testby", gladsaxe_like(), "Anne", now=datetime(2025, 1, 2, 9, 0))
    changed = replace(gladsaxe_like(), description="Ændret")
    second = investment_store.save_case(store, "Testby", changed, "Bo", "ny beskrivelse", now=datetime(2025, 2, 3))
    assert (first.version, second.version) == (1, 2)
    versions = investment_store.case_versions(store, "Testby", "PREP")
    assert [(v.version, v.user, v.saved) for v in versions] == [
        (1, "Anne", datetime(2025, 1, 2, 9, 0)), (2, "Bo", datetime(2025, 2, 3))]
    case, version = investment_store.latest_case(store, "Testby", "PREP")
    assert case == changed and version.note == "ny beskrivelse"
    assert investment_store.case_names(store, "Testby") == ["PREP"]
    assert investment_store.case_names(store, "Andetby") == []
    with pytest.raises(StoreError):
        investment_store.save_case(store, "Testby", gladsaxe_like(), "  ")
    broken = replace(gladsaxe_like(), horizon=40)
    with pytest.raises(inv.CaseError):
        investment_store.save_case(store, "Testby", broken, "Anne")
    assert len(investment_store.case_versions(store, "Testby", "PREP")) == 2
