"""FIT per course: the FITMaalinger sheet through the real upload, and the FIT indicators by hand.

The dataset (min cell 3, so every district's figure shows): 12 courses with at least two
measurements, six in Nord and six in Syd, each its own child, every latest measurement in 2025K2.

| course | first → latest ORS | change | age | cut-off | above | SRS per session → mean |
|---|---|---|---|---|---|---|
| N1 | 20 → 27    | 7    | 10 | 32 | no  | 30, 34 → 32 |
| N2 | 18 → 22,9  | 4,9  | 15 | 28 | no  | 36, 38 → 37 |
| N3 | 24 → 30    | 6    | 16 | 28 | yes | 35, – → 35 |
| N4 | 25 → 26    | 1    | 19 | 25 | yes | 33, 35 → 34 |
| N5 | 30 → 28,5  | -1,5 | 8  | 32 | no  | 38, 38 → 38 |
| N6 | 21 → 25 → 32 | 11 | 11 | 32 | yes (at the cut-off) | 32, 34, 36 → 34 |
| S1 | 15 → 29    | 14   | 14 | 28 | yes | 28, 30 → 29 |
| S2 | 26 → 29    | 3    | 4  | –  | –   | 30, 34 → 32 |
| S3 | 20 → 26    | 6    | –  | –  | –   | –, – → – |
| S4 | 27 → 31    | 4    | 13 | 28 | yes | 36, 36 → 36 |
| S5 | 22 → 20    | -2   | –  | –  | –   | 25, 27 → 26 |
| S6 | 23 → 28,5  | 5,5  | 17 | 28 | yes | 31, 33 → 32 |
| S7 | 10 (one measurement: left out everywhere) | | 12 | | | 20 |

Nord: change 28,4 / 6 = 4,7333; improved (≥ 5) N1, N3, N6 = 3 of 6; above 3 of 6; SRS 210 / 6 = 35.
Syd: change 30,5 / 6 = 5,0833; improved S1, S3, S6 = 3 of 6; above 3 of 3 known; SRS 155 / 5 = 31.
Municipality: change 58,9 / 12 = 4,9083; improved 6 of 12; above 6 of 9; SRS 365 / 11 = 33,1818.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steering_core import fit
from steering_core.engine import Filters, Request, compute
from steering_core.store import Store
from tests import samples
from steering_core.upload.batches import undo
from steering_core.upload.contract import FIT_MAALINGER
from steering_core.upload.importer import commit, prepare
from tests.builders import KOMMUNE, course_row, one, uploaded

IDS = ["fit_ors_change", "fit_reliable_improvement_share", "fit_above_cutoff_share", "fit_srs_mean"]
SHARES = ["fit_reliable_improvement_share", "fit_above_cutoff_share"]
START = date(2025, 1, 6)
FIRST, SECOND, THIRD = date(2025, 2, 3), date(2025, 3, 3), date(2025, 5, 5)
HEADERS = [column.name for column in FIT_MAALINGER.columns]

# course: (district, unit, [(ors, srs)...], age)
COURSES = {
    "N1": ("Nord", "S1", [(20, 30), (27, 34)], 10),
    "N2": ("Nord", "S1", [(18, 36), ("22,9", 38)], 15),
    "N3": ("Nord", "S1", [(24, 35), (30, None)], 16),
    "N4": ("Nord", "S1", [(25, 33), (26, 35)], 19),
    "N5": ("Nord", "S1", [(30, 38), ("28,5", 38)], 8),
    "N6": ("Nord", "S1", [(21, 32), (25, 34), (32, 36)], 11),
    "S1": ("Syd", "S2", [(15, 28), (29, 30)], 14),
    "S2": ("Syd", "S2", [(26, 30), (29, 34)], 4),
    "S3": ("Syd", "S2", [(20, None), (26, None)], None),
    "S4": ("Syd", "S2", [(27, 36), (31, 36)], 13),
    "S5": ("Syd", "S2", [(22, 25), (20, 27)], None),
    "S6": ("Syd", "S2", [(23, 31), ("28,5", 33)], 17),
    "S7": ("Syd", "S2", [(10, 20)], 12),
}


def _fit_rows() -> list[list[object]]:
    rows = []
    for course, (_, _, scores, age) in COURSES.items():
        days = [FIRST, THIRD] if len(scores) == 2 else [FIRST, SECOND, THIRD][:len(scores)]
        if len(scores) == 1:
            days = [THIRD]
        rows.extend([f"C-{course}", day, ors, srs, age] for day, (ors, srs) in zip(days, scores))
    return rows


def _course_rows() -> list[list[object]]:
    return [course_row(f"C-{course}", START, distrikt=district, enhed_id=unit)
            for course, (district, unit, _, _) in COURSES.items()]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("fit") / "fit.duckdb"
    return uploaded(path, {"Enheder": samples.UNITS, "Indsatser": _course_rows(), "FITMaalinger": _fit_rows()})


def _values(store, **request) -> dict:
    frame = compute(store, IDS, Request("2025K2", "2025K2", min_cell=3, **request))
    return frame


def test_the_sheet_is_stored_as_uploaded_with_danish_decimals(store):
    with store.connect(read_only=True) as con:
        rows = con.execute("SELECT indsats_id, dato, ors, srs, alder FROM fit_maaling "
                           "WHERE indsats_id IN ('C-N2', 'C-N3') ORDER BY 1, 2").fetchall()
    assert rows == [("C-N2", FIRST, 18.0, 36.0, 15), ("C-N2", THIRD, 22.9, 38.0, 15),
                    ("C-N3", FIRST, 24.0, 35.0, 16), ("C-N3", THIRD, 30.0, None, 16)]


def test_municipal_figures_by_hand(store):
    frame = _values(store)
    change = one(frame, indicator="fit_ors_change")
    assert change["value"] == pytest.approx(58.9 / 12)
    assert (change["numerator"], change["denominator"]) == (pytest.approx(58.9), 12)
    improved = one(frame, indicator="fit_reliable_improvement_share")
    assert (improved["value"], improved["numerator"], improved["denominator"]) == (50.0, 6, 12)
    above = one(frame, indicator="fit_above_cutoff_share")
    assert above["value"] == pytest.approx(100 * 6 / 9)
    assert (above["numerator"], above["denominator"]) == (6, 9)
    # 11 of the 12 courses have an SRS (365 / 11 points): beside the ORS change's 12 courses that would
    # give away the one course without an SRS, so the SRS mean is hidden (tests/disclosure/test_fit_subsets.py).
    srs = one(frame, indicator="fit_srs_mean")
    assert srs["suppressed"] and srs["value"] != srs["value"]
    assert not frame[frame["indicator"] != "fit_srs_mean"]["suppressed"].any()


def test_district_figures_by_hand(store):
    frame = _values(store, by=("distrikt",))
    expected = {
        ("fit_ors_change", "Nord"): 28.4 / 6, ("fit_ors_change", "Syd"): 30.5 / 6,
        ("fit_reliable_improvement_share", "Nord"): 50.0, ("fit_reliable_improvement_share", "Syd"): 50.0,
        ("fit_above_cutoff_share", "Nord"): 50.0, ("fit_above_cutoff_share", "Syd"): 100.0,
        ("fit_srs_mean", "Nord"): 35.0,
    }
    for (indicator, district), value in expected.items():
        row = one(frame, indicator=indicator, district=district)
        assert row["value"] == pytest.approx(value), (indicator, district)
    assert one(frame, indicator="fit_above_cutoff_share", district="Syd")["denominator"] == 3
    # Syd's SRS mean (31 on 5 of its 6 courses) would give away its one course without an SRS.
    assert one(frame, indicator="fit_srs_mean", district="Syd")["suppressed"]


def test_one_unit_is_offered_and_equals_its_district(store):
    frame = _values(store, filters=Filters(enheder=("S2",)))
    assert one(frame, indicator="fit_ors_change")["value"] == pytest.approx(30.5 / 6)
    assert one(frame, indicator="fit_ors_change")["denominator"] == 6


def test_an_average_is_hidden_with_the_courses_it_rests_on(store):
    # At the default minimum of 5 every district still shows (6 courses), but Syd's 3 courses with a
    # known cut-off are too few: the share resting on them is hidden, not shown as a value.
    frame = compute(store, IDS, Request("2025K2", "2025K2", min_cell=5, by=("distrikt",)))
    syd = one(frame, indicator="fit_above_cutoff_share", district="Syd")
    assert syd["suppressed"] and syd["value"] != syd["value"]
    assert not one(frame, indicator="fit_ors_change", district="Syd")["suppressed"]


def test_cutoffs_per_age_group():
    assert [fit.cutoff_for(age) for age in (None, 4, 5, 6, 12, 13, 17, 18, 45)] == \
        [None, None, None, 32, 32, 28, 28, 25, 25]


# ---- one course across registrations, and the period of the latest measurement ----

def test_registrations_that_continue_one_another_are_one_fit_course(tmp_path):
    # J1 (SEL § 11, stk. 3) ends 31-12-2023 and J2 (BL § 30) continues it on 1-1-2024: one course,
    # first ORS 18 (2023K4), latest 26 (2024K1): +8. P: 20 → 26 (+6). Q: 20 → 30 (+10).
    courses = [course_row("J1", date(2023, 9, 1), date(2023, 12, 31), paragraf="SEL § 11, stk. 3", barn_id="BJ"),
               course_row("J2", date(2024, 1, 1), barn_id="BJ"),
               course_row("P", date(2024, 1, 2)), course_row("Q", date(2024, 1, 2))]
    fits = [["J1", date(2023, 10, 2), 18, 30, 14], ["J2", date(2024, 2, 5), 26, 32, 14],
            ["P", date(2024, 1, 8), 20, 30, 9], ["P", date(2024, 3, 4), 26, 31, 9],
            ["Q", date(2024, 1, 9), 20, 33, 16], ["Q", date(2024, 2, 12), 30, 35, 16]]
    store = uploaded(tmp_path / "j.duckdb", {"Enheder": samples.UNITS, "Indsatser": courses, "FITMaalinger": fits})
    frame = compute(store, ["fit_ors_change", "fit_reliable_improvement_share"],
                    Request("2023K4", "2024K1", min_cell=3))
    latest = one(frame, indicator="fit_ors_change", period="2024K1")
    # Without joining, J1 and J2 would each have one measurement and be left out: 2 courses, not 3.
    assert (latest["value"], latest["denominator"]) == (pytest.approx(8.0), 3)
    assert one(frame, indicator="fit_reliable_improvement_share", period="2024K1")["value"] == 100.0
    # J's first measurement in 2023K4 does not make it count there: a course counts once, at its latest.
    before = one(frame, indicator="fit_ors_change", period="2023K4")
    assert before["status"] != "value" and before["denominator"] != before["denominator"]   # NaN: no course


# ---- validation ----

def _prepared(store: Store, fit_rows: list[list[object]], **sheets) -> object:
    book = samples.workbook_bytes({**sheets, "FITMaalinger": [HEADERS, *fit_rows]})
    return prepare([("fit.xlsx", book)], store=store, kommune=KOMMUNE, isolate=False)


def _errors(prepared) -> list[tuple[str, int, str, str]]:
    return [(p.sheet, p.row, p.column, p.message) for p in prepared.errors]


@pytest.fixture(scope="module")
def courses_store(tmp_path_factory) -> Store:
    """Stored courses for uploads that are checked, never saved: I1 runs 06-01-2025 to 31-03-2025, I0 from 2020."""
    path = tmp_path_factory.mktemp("courses") / "courses.duckdb"
    return uploaded(path, {"Enheder": samples.UNITS, "Indsatser": [course_row("I1", date(2025, 1, 6), date(2025, 3, 31)),
                                                                   course_row("I0", date(2020, 1, 1))]})


def test_course_must_exist_and_the_date_lie_within_it(courses_store):
    store = courses_store
    # I1 is stored; I2 comes in this upload (so it counts too); X does not exist anywhere.
    indsatser = [samples.INDSATS_HEADERS, course_row("I2", date(2025, 2, 1))]
    prepared = _prepared(store, [["I1", date(2025, 1, 6), 20, 30, 10],      # the start day: fine
                                 ["I1", date(2025, 1, 5), 21, 30, 10],      # row 3: before the start
                                 ["I1", date(2025, 4, 1), 22, 30, 10],      # row 4: after the end
                                 ["I2", date(2025, 2, 1), 23, 30, 10],      # in this upload's Indsatser
                                 ["X", date(2025, 2, 1), 24, 30, 10]],      # row 6: unknown
                         Indsatser=indsatser)
    errors = _errors(prepared)
    assert [(sheet, row) for sheet, row, _, _ in errors] == [("FITMaalinger", 3), ("FITMaalinger", 4),
                                                            ("FITMaalinger", 6)]
    (_, _, column3, before), (_, _, column4, after), (_, _, column6, unknown) = errors
    assert "B" in column3 and "dato" in column3 and "indsats_id" in column6
    assert before == "Målingen er dateret 05-01-2025, før forløbet I1 startede (06-01-2025)."
    assert after == "Målingen er dateret 01-04-2025, efter forløbet I1 sluttede (31-03-2025)."
    assert unknown == ("Forløbet 'X' findes ikke i Indsatser (hverken i denne upload eller i databasen "
                       "for Testby).")


def test_scores_outside_0_40_and_text_are_refused_in_danish(courses_store):
    prepared = _prepared(courses_store, [["I1", date(2025, 2, 3), 41, 30, 10], ["I1", date(2025, 2, 4), 20, "-1", 10],
                                         ["I1", date(2025, 2, 5), "godt", 30, 10]])
    messages = {(row, column.split()[0]): message for _, row, column, message in _errors(prepared)}
    assert messages[(2, "C")] == "Fandt 41, forventede et tal fra 0 til 40 (decimaler er tilladt, fx 31,5)."
    assert messages[(3, "D")].startswith("Fandt -1, forventede et tal fra 0 til 40")
    assert "godt" in messages[(4, "C")]
    assert len(messages) == 3


def test_a_cpr_number_in_a_fit_cell_stops_the_upload(courses_store):
    cpr = "0101" + "90" + "-" + "1234"          # built at run time: no CPR-like number in the file
    prepared = _prepared(courses_store, [[cpr, date(2025, 2, 3), 20, 30, 10]])
    assert prepared.stopped and not prepared.tables
    assert any(p.code.startswith("upload.err.cpr") and p.sheet == "FITMaalinger" for p in prepared.errors)
    assert all(cpr not in p.message for p in prepared.problems)


def test_a_reupload_replaces_the_course_quarter_and_undo_brings_it_back(tmp_path):
    store = uploaded(tmp_path / "u.duckdb", {"Enheder": samples.UNITS,
                                            "Indsatser": [course_row("I1", START), course_row("I2", START)]})
    first = _prepared(store, [["I1", date(2025, 2, 3), 20, 30, 10], ["I1", date(2025, 3, 3), 22, 31, 10],
                              ["I2", date(2025, 2, 3), 25, 33, 16]])
    assert first.ok and commit(first, store=store, user="test").stored

    # I1's 2025K1 measurements again, without 3 March and with 3 February corrected; I2 is not touched.
    second = _prepared(store, [["I1", date(2025, 2, 3), 21, 30, 10]])
    assert second.ok and second.scope_lines == ["FITMaalinger 2025K1: forløb I1"]
    batch = commit(second, store=store, user="test").batch_id

    def stored():
        with store.connect(read_only=True) as con:
            return con.execute("SELECT indsats_id, dato, ors FROM fit_maaling ORDER BY 1, 2").fetchall()
    assert stored() == [("I1", date(2025, 2, 3), 21.0), ("I2", date(2025, 2, 3), 25.0)]
    undo(store, batch)
    assert stored() == [("I1", date(2025, 2, 3), 20.0), ("I1", date(2025, 3, 3), 22.0),
                        ("I2", date(2025, 2, 3), 25.0)]


# ---- the score parser: how an ors / srs cell is read ----

_tenths = st.integers(min_value=0, max_value=400)
_valid = st.one_of(
    _tenths.map(lambda n: (f"{n // 10},{n % 10}", n / 10)),          # Danish decimal comma as text
    _tenths.map(lambda n: (n / 10, n / 10)),                          # a number cell
    st.integers(min_value=0, max_value=40).map(lambda n: (str(n), float(n))))
_invalid = st.one_of(
    st.integers(min_value=401, max_value=100_000).map(lambda n: f"{n // 10},{n % 10}"),
    st.integers(min_value=41, max_value=10**6).map(float),
    st.integers(min_value=1, max_value=400).map(lambda n: f"-{n // 10},{n % 10}"),
    st.integers(min_value=1, max_value=40).map(lambda n: float(-n)),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=8))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_valid.map(lambda v: ("ok", v)), _invalid.map(lambda v: ("bad", v))),
                min_size=1, max_size=12))
def test_score_cells_are_read_as_0_to_40_with_a_danish_decimal_comma(courses_store, cells):
    rows = [["I0", date(2020, 1, 1) + timedelta(days=i), value[0] if verdict == "ok" else value, None, None]
            for i, (verdict, value) in enumerate(cells)]
    prepared = _prepared(courses_store, rows)
    refused = {p.row for p in prepared.errors if p.column.startswith("C")}
    assert {p.row for p in prepared.errors} == refused
    stored = dict(zip(prepared.tables["fit_maaling"]["dato"].dt.date, prepared.tables["fit_maaling"]["ors"]))
    for i, (verdict, value) in enumerate(cells):
        row = i + 2
        if verdict == "ok":
            assert row not in refused
            assert stored[date(2020, 1, 1) + timedelta(days=i)] == pytest.approx(value[1])
        else:
            assert row in refused


# ---- the view and the meeting agenda ----

def test_the_view_draws_the_hand_computed_figures_and_is_on_the_agenda(store):
    from steering_core.meeting import agenda
    from steering_core.views import fit as view

    request = Request("2025K2", "2025K2", min_cell=3)
    figures = {figure.key: figure for figure in view.figures(store, request)}
    assert list(figures) == ["fit_ors_change", "fit_outcome_shares", "fit_srs"]
    change = figures["fit_ors_change"].table
    assert one(change, period="2025", district="Nord")["value"] == pytest.approx(28.4 / 6)
    shares = figures["fit_outcome_shares"].table
    assert one(shares, period="2025", indicator="fit_above_cutoff_share")["value"] == pytest.approx(100 * 6 / 9)
    assert all(figure.chart_spec() is not None and not figure.all_hidden for figure in figures.values())
    assert "5 point" in figures["fit_srs"].caption and "13-17 år: 28 (ORS)" in figures["fit_srs"].caption
    assert {"fit_ors_change", "fit_outcome_shares", "fit_srs"} <= set(agenda.items())
    assert agenda.build(store, request, "fit_srs").table.equals(figures["fit_srs"].table)


# ---- disclosure on the demo ----

def test_the_demo_fit_cube_leaves_no_hidden_cell_to_work_out(demo_store):
    import numpy as np

    from steering_core import disclosure
    from steering_core.engine import _grid_start, _kommuner, data_until

    with demo_store.connect(read_only=True) as con:
        builder = disclosure.CubeBuilder(con, "fit_course", data_until(con), _grid_start(con), _kommuner(con), 5)
        cube = builder.build()
    members, constraints, roles = builder.relations
    assert cube.hidden.any() and (~cube.hidden).any()
    assert cube.hidden[(cube.value > 0) & (cube.value < 5)].all()
    assert not (np.bincount(constraints, weights=cube.hidden[members]) == 1).any()
    assert not len(disclosure.determined(cube.hidden, members, constraints, roles))
    # A share shown beside its courses never leaves out a group of 1-4 courses.
    shares = compute(demo_store, list(SHARES), Request("2024K1", "2025K4", by=("distrikt",)))
    shown = shares[~shares["suppressed"].astype(bool) & shares["value"].notna()]
    left_out = shown["denominator"] - shown["numerator"]
    assert len(shown) and ((left_out == 0) | (left_out >= 5)).all()
