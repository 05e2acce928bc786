"""Disclosure control (docs/DISCLOSURE.md): the grid offered, the protected cube, and its invariants."""
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steering_core import catalogue, cli, disclosure
from steering_core.catalogue import Indicator, Measure
from steering_core.engine import (EngineError, Filters, NotForFilter, NotOffered, Request, _grid_start, _kommuner,
                                  compute, data_until)
from tests.builders import course, meeting, one, population, store_with, unit

UNITS = [unit("S1", "Nord"), unit("S2", "Syd"), unit("D1", "Nord", "dagtilbud")]


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    q1, q2 = date(2025, 2, 10), date(2025, 5, 5)
    utm = ([meeting("S1", q1, "paragraf11") for _ in range(3)] + [meeting("S1", q1) for _ in range(3)]
           + [meeting("D1", q1, "paragraf11"), meeting("D1", q1)]
           + [meeting("S2", q1, "paragraf11") for _ in range(2)] + [meeting("S2", q1) for _ in range(8)]
           + [meeting("S1", q2) for _ in range(5)])
    return store_with(tmp_path_factory.mktemp("d") / "d.duckdb", enhed=UNITS, utm=utm)


def test_a_small_unit_and_the_cell_that_would_give_it_away_are_hidden(small_store):
    # Nord 2025K1 = S1 (6) + D1 (2). D1 is under 5; shown beside Nord, S1 would give D1 away.
    by_unit = compute(small_store, ["utm_held"], Request("2025K1", "2025K1", by=("enhed",)))
    assert bool(one(by_unit, unit="D1")["suppressed"]) and bool(one(by_unit, unit="S1")["suppressed"])
    assert one(by_unit, unit="S2")["value"] == 10
    districts = compute(small_store, ["utm_held"], Request("2025K1", "2025K1", by=("distrikt",)))
    assert one(districts, district="Nord")["value"] == 8 and one(districts, district="Syd")["value"] == 10
    # The whole year per unit: S1 = 6 + 5 = 11 would give its first quarter away beside the second
    # quarter (5), so S1's year is hidden, not its quarter 2 (which would hide Nord and the municipality).
    year = compute(small_store, ["utm_held"], Request("2025K1", "2025K4", grain="aar", by=("enhed",)))
    assert bool(one(year, unit="S1")["suppressed"])
    q2 = compute(small_store, ["utm_held"], Request("2025K2", "2025K2", by=("enhed",)))
    assert one(q2, unit="S1")["value"] == 5
    total = compute(small_store, ["utm_held"], Request("2025K1", "2025K2"))
    assert list(total["value"]) == [18, 5]


def test_the_same_cell_is_hidden_in_every_output(small_store):
    # A unit asked for through the breakdown, through the filter, or through the CLI: one answer.
    through_breakdown = one(compute(small_store, ["utm_held"], Request("2025K1", "2025K1", by=("enhed",))), unit="S1")
    through_filter = compute(small_store, ["utm_held"],
                             Request("2025K1", "2025K1", filters=Filters(enheder=("S1",)))).iloc[0]
    assert bool(through_breakdown["suppressed"]) and bool(through_filter["suppressed"])
    district_filter = compute(small_store, ["utm_held"], Request("2025K1", "2025K1",
                                                                  filters=Filters(distrikter=("Nord",)))).iloc[0]
    assert district_filter["value"] == 8


@pytest.mark.parametrize("request_, error", [
    (Request("2025K1", "2025K1", filters=Filters(distrikter=("Nord", "Syd"))), NotOffered),
    (Request("2025K1", "2025K1", filters=Filters(enheder=("S1", "S2"))), NotOffered),
    (Request("2024K4", "2025K1", grain="samlet"), NotOffered),
    (Request("2025K1", "2025K1", by=("udfald",), filters=Filters(enheder=("S1",))), NotForFilter),
    (Request("2025K1", "2025K1", by=("enhed", "udfald")), NotForFilter),
    (Request("2025K1", "2025K1", by=("udfald", "moedetype")), NotOffered),
])
def test_what_cannot_be_protected_is_not_offered(small_store, request_, error):
    with pytest.raises(error) as raised:
        compute(small_store, ["utm_held"], request_)
    assert any(word in str(raised.value) for word in ("vises", "tilbydes", "Vælg", "under 3"))


def test_a_minimum_under_three_is_refused(small_store, monkeypatch):
    monkeypatch.setenv("STEERING_MIN_CELL", "2")
    with pytest.raises(NotOffered, match="Danmarks Statistiks nedre grænse"):
        compute(small_store, ["utm_held"], Request("2025K1", "2025K1"))


def test_a_threshold_other_than_the_fixed_one_is_not_offered(small_store):
    with pytest.raises(NotOffered, match="fast"):
        compute(small_store, ["p11_overdue"], Request("2025K1", "2025K1", params=(("dage", 31),)))


def test_the_cli_refuses_several_districts_in_danish(small_store, capsys):
    code = cli.main(["indicators", "--db", str(small_store.path), "--from", "2025K1", "--to", "2025K1",
                     "--only", "utm_held", "--district", "Nord,Syd", "--format", "json"])
    assert code == 2
    assert "ét distrikt" in capsys.readouterr().err


def test_a_whole_calendar_year_is_offered_as_one_span(small_store):
    # The newest year up to the data cut-off (2025K2) is one published span; so is a quarter.
    year = compute(small_store, ["utm_held"], Request("2025K1", "2025K4", grain="samlet"))
    assert year.iloc[0]["value"] == 23
    assert compute(small_store, ["utm_held"], Request("2025K2", "2025K2", grain="samlet")).iloc[0]["value"] == 5


def test_protection_is_derived_from_the_source_and_a_declaration_can_only_add():
    held = catalogue.get("utm_held")
    exprs = {(m.source, m.expr, m.where) for m in disclosure.protecting_measures(held)}
    assert ("utm", "count(DISTINCT barn_id)", "TRUE") in exprs and ("utm", "count(*)", "TRUE") in exprs
    # Money is protected by the records and children behind it.
    cost = {(m.expr, m.where) for m in disclosure.protecting_measures(catalogue.get("p11_cost"))}
    assert ("count(DISTINCT barn_id)", catalogue.PREVENTIVE) in cost
    # Budget figures are public: the one reviewed list of exemptions.
    assert disclosure.is_exempt(catalogue.get("spend_kr"))
    assert set(disclosure.EXEMPT_SOURCES) == {"oekonomi", "population"}


def test_an_indicator_on_aggregates_without_a_basis_is_refused(monkeypatch):
    naked = Indicator("naked", "x", "x", catalogue.RESULT, "antal", "x", "x",
                      Measure("noegletal", "sum(vaerdi)", "noegletal = 'fravaer_pct'"))
    monkeypatch.setattr(catalogue, "INDICATORS", (*catalogue.INDICATORS, naked))
    with pytest.raises(ValueError, match="declare a basis"):
        disclosure.check_catalogue()


def test_a_share_is_hidden_when_its_complement_is_small(tmp_path):
    # 9 of 11 meetings led to § 11: the other 2 would be shown by the share beside the count.
    utm = [meeting("S1", date(2025, 2, 10), "paragraf11") for _ in range(9)] + \
          [meeting("S1", date(2025, 2, 10)) for _ in range(2)]
    store = store_with(tmp_path / "s.duckdb", enhed=UNITS, utm=utm)
    result = compute(store, ["utm_to_p11_share", "utm_held"], Request("2025K1", "2025K1"))
    assert bool(one(result, indicator="utm_to_p11_share")["suppressed"])
    assert one(result, indicator="utm_held")["value"] == 11


def _cubes(store, min_cell=5):
    with store.connect(read_only=True) as con:
        until, start, kommuner = data_until(con), _grid_start(con), _kommuner(con)
        for scan in ("utm", "indsats_periods", "utm_cohort"):
            builder = disclosure.CubeBuilder(con, scan, until, start, kommuner, min_cell)
            cube = builder.build()
            yield builder, cube


def _check_invariants(builder, cube, min_cell):
    members, constraints, roles = builder.relations
    in_hidden = cube.hidden[members]
    n_hidden = np.bincount(constraints, weights=in_hidden)
    assert not (n_hidden == 1).any(), "a relation with exactly one hidden cell gives it away"
    primary = (cube.value > 0) & (cube.value < min_cell)
    assert cube.hidden[primary].all()
    pinned = disclosure.determined(cube.hidden, members, constraints, roles)
    assert not len(pinned), f"{len(pinned)} hidden cells pinned by the relations together: " + \
        "; ".join(cube.keys[i] for i in pinned[:6])


@pytest.mark.parametrize("scan", ["utm", "utm_cohort"])
def test_the_demo_cubes_have_no_relation_with_one_hidden_cell(demo_store, scan):
    for builder, cube in _cubes(demo_store):
        if builder.scan == scan:
            members, constraints, _ = builder.relations
            assert not (np.bincount(constraints, weights=cube.hidden[members]) == 1).any()
            assert cube.hidden[(cube.value > 0) & (cube.value < 5)].all()


@st.composite
def municipalities(draw):
    """A small municipality: 2-3 districts of 1-3 units, a handful of meetings and courses per quarter."""
    units = []
    for d in range(draw(st.integers(2, 3))):
        for u in range(draw(st.integers(1, 3))):
            units.append(unit(f"U{d}{u}", f"D{d}", draw(st.sampled_from(["skole", "dagtilbud"]))))
    meetings, courses = [], []
    start = date(2025, 1, 1)
    for n in range(draw(st.integers(8, 40))):
        day = start + timedelta(days=draw(st.integers(0, 360)))
        meetings.append(meeting(draw(st.sampled_from(units))["enhed_id"], day,
                                draw(st.sampled_from(["paragraf11", "ingen", "underretning"])),
                                barn_id=f"C{draw(st.integers(0, 30))}"))
    for n in range(draw(st.integers(0, 20))):
        day = start + timedelta(days=draw(st.integers(0, 300)))
        end = day + timedelta(days=draw(st.integers(20, 200))) if draw(st.booleans()) else None
        chosen = draw(st.sampled_from(units))
        courses.append(course(day, end if end and end <= date(2025, 12, 31) else None,
                              trin=draw(st.sampled_from([2, 3, 5])), udgift=1000.0,
                              distrikt=chosen["distrikt"], enhed_id=chosen["enhed_id"],
                              barn_id=f"C{draw(st.integers(0, 30))}"))
    return units, meetings, courses


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(municipalities())
def test_no_hidden_cell_is_pinned_in_a_small_municipality(tmp_path_factory, drawn):
    units, meetings, courses = drawn
    store = store_with(tmp_path_factory.mktemp("h") / "h.duckdb", enhed=units, utm=meetings, indsats=courses,
                       befolkning=[population(d, 2025, "6-17", 500) for d in sorted({u["distrikt"] for u in units})])
    for builder, cube in _cubes(store):
        _check_invariants(builder, cube, 5)


def test_the_app_refuses_a_minimum_under_three(app_env, monkeypatch):
    from tests.test_app import run_app
    monkeypatch.setenv("STEERING_MIN_CELL", "2")
    app = run_app()
    assert not app.exception
    assert any("Danmarks Statistiks nedre grænse" in e.value for e in app.error)


def test_a_link_naming_several_districts_shows_the_municipality_and_says_why(app_env):
    from tests.test_app import run_app
    app = run_app(distrikt=["Nord", "Syd"])
    assert not app.exception
    assert any("ét distrikt" in w.value for w in app.sidebar.warning)
    assert app.session_state["w_districts"] == []
