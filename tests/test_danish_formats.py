"""Danish number formats in inputs, changes, captions and the meeting Excel (issue 19, point 5)."""
import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from steering_core import formatting
from steering_core.texts import t


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_a_number_shown_the_danish_way_reads_back(value):
    assert formatting.parse_number(formatting.number(float(value), 2)) == float(value)


def test_parse_number_reads_what_danish_users_type():
    assert formatting.parse_number("1.234,5") == 1234.5
    assert formatting.parse_number("33,33 %") == 33.33
    assert formatting.parse_number("250.000 kr.") == 250000.0
    assert formatting.parse_number("−17") == -17.0
    # An English number is not silently read as something else.
    assert formatting.parse_number("1,234.5") is None
    assert formatting.parse_number("1.23") is None
    assert formatting.parse_number("") is None
    assert formatting.parse_number("tredive") is None


def test_trimmed_shows_only_the_decimals_a_number_has():
    assert [formatting.trimmed(v) for v in (30.0, 33.333, 12.5, 0.0)] == ["30", "33,33", "12,5", "0"]


def test_a_change_that_reads_as_zero_has_no_sign():
    assert formatting.signed(0.04, 1) == "±0,0"
    assert formatting.signed(-0.04, 1) == "±0,0"
    assert formatting.signed(-0.06, 1) == "−0,1"
    assert formatting.signed(1234.0) == "+1.234"


def test_a_zero_change_is_neutral_on_the_tile():
    from steering_core import catalogue, overview

    indicator = catalogue.get("utm_to_p11_share")  # one decimal, a direction
    assert overview.colour(indicator, 0.04) == "off"
    assert overview.format_change(indicator, 0.04).startswith("±")
    tile = overview.Tile("x", "aktivitet", "x", "1", "2026K3", overview.format_change(indicator, 0.04), None,
                         "off", "", ())
    assert tile.arrow == "off"
    assert overview.Tile("x", "aktivitet", "x", "1", "2026K3", "+1,0", None, "normal", "", ()).arrow == "auto"


def test_an_abbreviation_ending_a_value_also_ends_the_sentence():
    caption = t("econ.vp_caption", year=2026, budget="12,5 mio. kr.", first="2026K1", last="2026K3",
                actual="13,1 mio. kr.", hidden="")
    assert "kr.." not in caption and "13,1 mio. kr. Mængde" in caption
    assert t("econ.err.sum", total="110 %") == "Andelene skal tilsammen give 100 %; de giver 110 %."


def test_the_meeting_excel_stores_the_overview_as_numbers(demo_store):
    from steering_core.engine import Filters, Request
    from steering_core.meeting import agenda

    figure = agenda.overview_figure(demo_store, Request("2025K4", "2026K3", "kvartal", (), Filters()))
    sheet = load_workbook(io.BytesIO(figure.xlsx())).active
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == ["Styringsdimension", "Nøgletal", "Værdi", "Enhed"]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2) if row[1].value}
    held = rows["UTM-møder holdt"]
    change = held[headers.index("Ændring ift. forrige kvartal")]
    assert isinstance(held[2].value, (int, float)) and held[2].number_format == "#,##0"
    assert held[3].value == "antal"
    assert isinstance(change.value, (int, float)) and change.number_format == "+#,##0;-#,##0;#,##0"
    share = rows["UTM-møder der fører til § 11"]
    assert share[3].value == "%" and share[2].number_format == "#,##0.0"
    assert not any(isinstance(cell.value, str) and cell.value.startswith("'") for row in rows.values() for cell in row)
