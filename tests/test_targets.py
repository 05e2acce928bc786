"""Political targets: trajectories and on-track marks worked out by hand, versioned storage, the follow-up
against the engine's protected figures, and the sheet Maalsaetninger with its Danish messages."""
import io
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from steering_core import formatting, targets, targets_sheet
from steering_core.targets import DOWN, UP, Target
from tests.builders import KOMMUNE, population, store_with, unit

UNITS = [unit("S1", "Nord"), unit("S2", "Syd")]
POPULATION = [population(d, 2024, g, 500) for d in ("Nord", "Syd") for g in ("0-5", "6-17", "18-22")]
DISTRICTS = ["Nord", "Syd"]
FIT_UP = Target("fit_effect", 8.0, UP, 2027, 2024)
RED_DOWN = Target("wellbeing_red_share", 3.0, DOWN, 2027, 2023)


# ---- trajectories and marks, by hand ----

def test_the_trajectory_is_a_straight_line_from_the_baseline_to_the_target():
    # 7,1 in 2024 to 8,0 in 2027: 0,3 a year.
    assert [round(targets.planned(FIT_UP, 7.1, year), 9) for year in (2024, 2025, 2026, 2027, 2028)] == \
        [7.1, 7.4, 7.7, 8.0, 8.0]
    # 4,0 in 2023 to 3,0 in 2027: down 0,25 a year.
    assert targets.planned(RED_DOWN, 4.0, 2025) == pytest.approx(3.5)


@pytest.mark.parametrize("target, baseline, year, actual, tolerance, expected", [
    (FIT_UP, 7.1, 2025, 7.5, 0, targets.ON_TRACK),      # above 7,4
    (FIT_UP, 7.1, 2025, 7.4, 0, targets.ON_TRACK),      # exactly on the line
    (FIT_UP, 7.1, 2025, 7.3, 0, targets.OFF_TRACK),
    (FIT_UP, 7.1, 2026, 8.1, 0, targets.REACHED),
    (RED_DOWN, 4.0, 2025, 3.4, 0, targets.ON_TRACK),    # below 3,5
    (RED_DOWN, 4.0, 2025, 3.6, 0, targets.OFF_TRACK),
    (RED_DOWN, 4.0, 2025, 3.55, 0.1, targets.ON_TRACK),  # within the indicator's stable band
    (RED_DOWN, 4.0, 2025, 2.9, 0, targets.REACHED),
    (RED_DOWN, 4.0, 2028, 3.2, 0, targets.OFF_TRACK),   # past the deadline and not reached
    (FIT_UP, None, 2025, 7.5, 0, targets.NOT_YET),      # no baseline figure
    (FIT_UP, 7.1, None, None, 0, targets.NOT_YET),      # nothing measured after the baseline year
])
def test_on_track_off_track_and_reached(target, baseline, year, actual, tolerance, expected):
    assert targets.judge(target, baseline, year, actual, tolerance) == expected


# ---- storage ----

@pytest.fixture
def store(tmp_path):
    q = {2024: (date(2024, 1, 1), date(2024, 3, 31)), 2025: (date(2025, 1, 1), date(2025, 3, 31))}

    def fit(year, district, value, n):
        return dict(kommune=KOMMUNE, periode=f"{year}K1", periode_start=q[year][0], periode_slut=q[year][1],
                    distrikt=district, enhed_id="", noegletal="fit_effekt", vaerdi=value, antal=n)
    rows = [fit(2024, "Nord", 7.0, 20), fit(2024, "Syd", 7.2, 30), fit(2025, "Nord", 7.6, 20), fit(2025, "Syd", 7.6, 4)]
    return store_with(tmp_path / "t.duckdb", enhed=UNITS, befolkning=POPULATION, noegletal=rows)


def test_every_save_is_a_new_version_and_withdrawing_keeps_the_history(store):
    first = targets.save(store, KOMMUNE, FIT_UP, "Udvalget", now=datetime(2025, 2, 3, 14, 0))
    second = targets.save(store, KOMMUNE, Target("fit_effect", 8.5, UP, 2028, 2024), "Udvalget")
    assert (first.version, second.version) == (1, 2)
    assert [s.target.value for s in targets.versions(store, KOMMUNE, "fit_effect")] == [8.0, 8.5]
    assert [s.target.value for s in targets.current(store, KOMMUNE)] == [8.5]
    targets.save(store, KOMMUNE, Target("fit_effect", 8.5, UP, 2028, 2024, active=False), "Udvalget")
    assert targets.current(store, KOMMUNE) == []
    assert len(targets.all_versions(store, KOMMUNE)) == 3


def test_a_target_with_problems_is_refused_and_a_batch_is_all_or_nothing(store):
    with pytest.raises(targets.TargetError) as refused:
        targets.save_many(store, KOMMUNE, [(FIT_UP, "Udvalget"),
                                           (Target("wellbeing_red_share", 120.0, DOWN, 2024, 2024, "Øst"), "")],
                          districts=DISTRICTS)
    problems = " ".join(refused.value.problems)
    assert "Angiv, hvem der har fastsat målet." in problems
    assert "mellem 0 og 100 %; fandt 120.0" in problems
    assert "Udgangsåret (2024) skal ligge før fristen (2024)." in problems
    assert "Ukendt distrikt 'Øst'. Kendte distrikter: Nord, Syd." in problems
    assert targets.all_versions(store, KOMMUNE) == []
    # A figure that does not exist per district cannot have a district's target.
    assert "findes ikke pr. distrikt" in " ".join(targets.validate(Target("spend_vs_budget", 100, DOWN, 2027, 2024,
                                                                          "Nord"), "Udvalget"))


def test_the_follow_up_uses_the_engine_figures_and_hides_what_it_hides(store):
    targets.save(store, KOMMUNE, FIT_UP, "Udvalget")
    follow = targets.follow_up(store, targets.current(store, KOMMUNE)[0])
    # 2024: (7,0 × 20 + 7,2 × 30) / 50 = 7,12; 2025 (to K1): (7,6 × 20 + 7,6 × 4) / 24 = 7,6.
    assert follow.baseline == pytest.approx(7.12)
    assert (follow.year, follow.actual) == (2025, pytest.approx(7.6))
    assert follow.planned == pytest.approx(7.12 + (8.0 - 7.12) / 3)
    assert follow.state == targets.ON_TRACK
    assert follow.covers == "2025 til og med K1"
    # Syd's 2025 figure rests on 4 answers: its target shows no actual and no mark.
    targets.save(store, KOMMUNE, Target("fit_effect", 8.0, UP, 2027, 2024, "Syd"), "Udvalget", districts=DISTRICTS)
    syd = targets.follow_up(store, targets.for_scope(store, KOMMUNE, "fit_effect", "Syd"))
    assert syd.state == targets.HIDDEN and syd.actual is None and syd.planned is None


# ---- the sheet ----

def workbook(rows, headers=targets_sheet.COLUMNS, sheet=targets_sheet.SHEET) -> bytes:
    book = Workbook()
    book.active.title = sheet
    book.active.append(list(headers))
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_template_reads_back_as_its_targets():
    reading = targets_sheet.read(targets_sheet.template(), DISTRICTS)
    assert reading.ok and [row.target.indicator_id for row in reading.rows] == ["fit_effect"]


def test_a_good_sheet_gives_targets_by_id_or_name_with_danish_numbers():
    reading = targets_sheet.read(workbook([
        ["fit_effect", "", "8,0", "op", 2027, 2024, "Udvalget 3/2", "Udvalget", "ja"],
        ["Trivsel 0-6 år (TOPI): rød", "Nord", "3 %", "", "2027", 2023, None, "Udvalget", None],
    ]), DISTRICTS)
    assert reading.ok, [str(p) for p in reading.problems]
    first, second = (row.target for row in reading.rows)
    assert first == Target("fit_effect", 8.0, UP, 2027, 2024, "", "Udvalget 3/2", True)
    # A blank direction is the indicator's good direction: down for red traffic lights.
    assert second == Target("wellbeing_red_share", 3.0, DOWN, 2027, 2023, "Nord", "", True)
    assert [row.row for row in reading.rows] == [2, 3]


def test_bad_cells_are_named_by_sheet_row_and_column():
    reading = targets_sheet.read(workbook([
        ["trivselsdims", "", "8", "op", 2027, 2024, "", "Udvalget", ""],
        ["fit_effect", "", "otte", "sidelæns", "2o27", 2024, "", "", "måske"],
        ["fit_effect", "Øst", 8, "op", 2027, 2027, "", "Udvalget", ""],
    ]), DISTRICTS)
    assert not reading.ok and reading.rows == []
    found = {(p.sheet, p.row, p.column, p.message) for p in reading.problems}
    assert ("Maalsaetninger", 2, "A (noegletal)", "Fandt 'trivselsdims', som ikke er et kendt nøgletal. Brug et id "
            "eller navn fra arkets vejledning, fx fit_effect.") in found
    assert ("Maalsaetninger", 3, "C (maalvaerdi)", "Fandt 'otte'; forventede et tal, fx 8,0 eller 3 %.") in found
    assert ("Maalsaetninger", 3, "D (retning)", "Fandt 'sidelæns'; forventede 'op' eller 'ned'.") in found
    assert ("Maalsaetninger", 3, "E (fristaar)", "Fandt '2o27'; forventede et årstal, fx 2027.") in found
    assert ("Maalsaetninger", 3, "H (fastsat_af)", "Feltet skal udfyldes.") in found
    assert ("Maalsaetninger", 3, "I (aktiv)", "Fandt 'måske'; forventede ja eller nej.") in found
    rules = {p.message for p in reading.problems if p.row == 4}
    assert rules == {"Udgangsåret (2027) skal ligge før fristen (2027).",
                     "Ukendt distrikt 'Øst'. Kendte distrikter: Nord, Syd."}


def test_missing_columns_a_repeated_target_and_a_cpr_number_stop_the_sheet():
    missing = targets_sheet.read(workbook([["fit_effect", 8]], headers=["noegletal", "maalvaerdi"]))
    assert "fristaar, basisaar, fastsat_af" in missing.problems[0].message
    twice = targets_sheet.read(workbook([["fit_effect", "", 8, "op", 2027, 2024, "", "A", ""],
                                         ["fit_effect", "", 9, "op", 2028, 2024, "", "B", ""]]))
    assert not twice.ok and "også i række 2" in twice.problems[0].message and twice.problems[0].row == 3
    cpr_like = "".join(["0101", "90", "-", "1234"])      # built here: no CPR-like number in tracked files
    stopped = targets_sheet.read(workbook([["fit_effect", "", 8, "op", 2027, 2024, cpr_like, "A", ""]]))
    assert not stopped.ok and stopped.problems[0].cell == "G2"
    assert cpr_like not in stopped.problems[0].message


@settings(max_examples=40, deadline=None)
@given(st.floats(min_value=-1e7, max_value=1e7, allow_nan=False), st.integers(min_value=0, max_value=3),
       st.booleans())
def test_the_value_parser_reads_back_what_danish_formatting_writes(value, decimals, as_percent):
    text = formatting.percent(value, decimals) if as_percent else formatting.number(value, decimals)
    text = text.replace("−", "-")
    assert targets_sheet.parse_value(text) == pytest.approx(round(value, decimals), abs=10 ** -decimals)
    assert targets_sheet.parse_value(value) == value
    assert targets_sheet.parse_value("  ") is None
