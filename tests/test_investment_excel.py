"""An investment case in and out of its one-sheet Excel template, with Danish messages by cell."""
from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from openpyxl import load_workbook

from steering_core import investment as inv
from steering_core import investment_excel as xl
from tests.test_investment import cases, gladsaxe_like, silkeborg_like


def edited(data: bytes, **cells) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[xl.SHEET]
    for ref, value in cells.items():
        sheet[ref] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def find(data: bytes, text: str) -> str:
    """The reference of the first cell holding ``text``."""
    sheet = load_workbook(io.BytesIO(data))[xl.SHEET]
    return next(c.coordinate for row in sheet.iter_rows() for c in row if c.value == text)


def test_a_downloaded_case_reads_back_as_the_same_case():
    for case in (gladsaxe_like(), silkeborg_like()):
        reading = xl.read(xl.write(case))
        assert reading.ok, [str(p) for p in reading.problems]
        assert reading.case == case


def test_the_empty_template_asks_for_what_is_missing():
    reading = xl.read(xl.write())
    assert not reading.ok
    messages = [p.message for p in reading.problems]
    assert any("Startår" in m for m in messages)


def test_a_bad_cell_is_named_by_row_and_column():
    data = xl.write(gladsaxe_like())
    price_cell = find(data, 100_000)
    reading = xl.read(edited(data, **{price_cell: "mange penge"}))
    assert not reading.ok
    problem = reading.problems[0]
    assert problem.cell == price_cell
    assert "mange penge" in problem.message and "ikke et tal" in problem.message
    assert "Pris" in problem.column


def test_an_unknown_sector_lists_the_allowed_ones():
    data = xl.write(gladsaxe_like())
    reading = xl.read(edited(data, **{find(data, "Familie (myndighed)"): "Havnen"}))
    assert not reading.ok
    assert "Havnen" in reading.problems[0].message and "Dagtilbud" in reading.problems[0].message


def test_danish_amounts_and_names_are_read():
    data = xl.write(gladsaxe_like())
    reading = xl.read(edited(data, **{find(data, 450_000): "450.000 kr.", find(data, "Familie (udfører)"): "familie_udfoerer"}))
    assert reading.ok and reading.case == gladsaxe_like()


def test_a_cpr_like_value_stops_the_upload():
    number = "010203" + "-" + "1234"     # built at run time: no CPR-like literal in tracked files
    data = xl.write(gladsaxe_like())
    reading = xl.read(edited(data, **{find(data, "Parforholdskurser for forældre"): f"Barn {number}"}))
    assert reading.case is None and reading.problems[0].code == "inv.xl.cpr"


def test_a_case_rule_broken_in_the_sheet_is_reported():
    data = xl.write(gladsaxe_like())
    reading = xl.read(edited(data, **{find(data, 10): 40}))    # the horizon
    assert not reading.ok and reading.problems[0].code == "inv.err.horizon"


def test_an_override_for_an_unknown_effect_is_reported():
    data = xl.write(gladsaxe_like())
    cell = find(data, "Færre anbringelser")
    rows = load_workbook(io.BytesIO(data))[xl.SHEET]
    scenario_cells = [c.coordinate for row in rows.iter_rows() for c in row if c.value == "Færre anbringelser"]
    reading = xl.read(edited(data, **{scenario_cells[-1]: "Noget andet"}))
    assert not reading.ok and reading.problems[0].code == "inv.xl.no_effect"
    assert cell != scenario_cells[-1]


def test_not_a_workbook():
    reading = xl.read(b"not excel")
    assert reading.case is None and reading.problems[0].code == "inv.xl.not_excel"


def test_course_months_are_not_percent():
    case = inv.Case("K", "x", "", 2024, 3, (10, 10), (inv.Cost("skole", 1000),),
                    (inv.Effect("Kortere forløb", inv.FEWER_COURSE_MONTHS, "familie_myndighed", 1.5, 8000,
                                indicator="interventions_fye", baseline=12.0, intervention_type="Familiebehandling"),))
    assert xl.read(xl.write(case)).case == case


@settings(max_examples=15, deadline=None)
@given(cases())
def test_any_case_reads_back_with_the_same_results(case):
    reading = xl.read(xl.write(case))
    assert reading.ok, [str(p) for p in reading.problems]
    for scenario in case.scenarios:
        expected, found = inv.evaluate(case, scenario.name), inv.evaluate(reading.case, scenario.name)
        assert found.totals["net"].to_numpy() == pytest.approx(expected.totals["net"].to_numpy(), rel=1e-9, abs=1e-6)
        assert found.break_even_year == expected.break_even_year
