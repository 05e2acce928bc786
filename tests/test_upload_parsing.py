"""Cell parsers: Danish amounts, dates, yes/no, periods, and header folding."""
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steering_core import formatting
from steering_core.upload.contract import SHEETS, spec_for_name
from steering_core.upload.parsing import (
    ParseError, excel_serial, fold, key, parse_amount, parse_date, parse_int, parse_period, parse_year,
    parse_yesno,
)


@pytest.mark.parametrize("text, expected", [
    ("1.234,50", 1234.5), ("1.234 kr.", 1234.0), ("-500", -500.0), ("1 234,5", 1234.5), ("12,5 %", 12.5),
    ("kr. 100", 100.0), ("1234.5", 1234.5), ("1.234.567,89", 1234567.89), ("−75,25", -75.25), ("(200)", -200.0),
    ("0", 0.0), (",5", 0.5), ("+3", 3.0), ("DKK 1.000", 1000.0), (1234.5, 1234.5), (7, 7.0),
    ("1.234", 1234.0), ("", None), ("  ", None), (None, None),
])
def test_amounts(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.23.456", "12 34", "1.2345,6", "--5", "kr.", True])
def test_bad_amounts(text):
    with pytest.raises(ParseError):
        parse_amount(text)


@pytest.mark.parametrize("text, expected", [(3.0, 3), ("3", 3), ("1.234", 1234), ("", None)])
def test_int(text, expected):
    assert parse_int(text) == expected


def test_int_rejects_fractions():
    with pytest.raises(ParseError):
        parse_int("2,5")


@pytest.mark.parametrize("value, expected", [
    ("03-07-2025", date(2025, 7, 3)), ("3.7.2025", date(2025, 7, 3)), ("2025-07-03", date(2025, 7, 3)),
    ("2025-07-03 00:00:00", date(2025, 7, 3)), (45841, date(2025, 7, 3)), (45841.75, date(2025, 7, 3)),
    ("45841", date(2025, 7, 3)), (datetime(2025, 7, 3, 12, 0), date(2025, 7, 3)), (date(2025, 7, 3), date(2025, 7, 3)),
    ("", None),
])
def test_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31-02-2025", "2025/07/03", "juli 2025", "03-07-25", "01-01-2525", -1, True, "0"])
def test_bad_dates(value):
    with pytest.raises(ParseError):
        parse_date(value)


@pytest.mark.parametrize("value, expected", [
    ("ja", True), ("Nej", False), ("j", True), ("N", False), ("x", True), ("X", True), ("yes", True), ("no", False),
    (1, True), (0, False), (1.0, True), ("1", True), ("0", False), (True, True), ("", None), (None, None),
])
def test_yes_no(value, expected):
    assert parse_yesno(value) == expected


def test_bad_yes_no():
    with pytest.raises(ParseError):
        parse_yesno("måske")


@pytest.mark.parametrize("value, label", [
    ("2026K3", "2026K3"), ("2026Q3", "2026K3"), ("2026-3", "2026K3"), ("2026-07", "2026-07"), ("2026", "2026"),
    (2026, "2026"), (2026.0, "2026"), (datetime(2026, 7, 1), "2026-07"), (date(2026, 7, 1), "2026-07"),
])
def test_periods(value, label):
    assert parse_period(value).label == label


@pytest.mark.parametrize("value", ["2026K5", "juli", "26K3", 3.5])
def test_bad_periods(value):
    with pytest.raises(ParseError):
        parse_period(value)


def test_year():
    assert parse_year("2025") == 2025 and parse_year(2025.0) == 2025 and parse_year("") is None
    with pytest.raises(ParseError):
        parse_year("25")


def test_folding_makes_danish_and_ascii_spellings_equal():
    assert key("Mødedato") == key("moededato") == key("MOEDE DATO") == key(" møde-dato ")
    assert key("første") == key("foerste")
    assert key("Å r") == key("aar")
    assert fold("  Rådgiver   DELTOG ") == "raadgiver deltog"


def test_header_keys_are_unique_within_each_sheet():
    for spec in SHEETS:
        seen: dict[str, str] = {}
        for column in spec.columns:
            for k in column.keys:
                assert k not in seen, (spec.name, k, column.name, seen.get(k))
                seen[k] = column.name


@pytest.mark.parametrize("name, sheet", [("UTM", "UTM"), ("Økonomi", "Oekonomi"), ("nøgletal", "Noegletal"),
                                         ("Interventions", "Indsatser"), ("skole_indsatser_2025K3", "Indsatser"),
                                         ("Units", "Enheder"), ("Ark1", None)])
def test_sheet_names(name, sheet):
    found = spec_for_name(name)
    assert (found.name if found else None) == sheet


# --- property tests: format the Danish way, parse back ---------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
       st.sampled_from([0, 1, 2]))
def test_amount_round_trip(value, decimals):
    expected = round(value, decimals)
    assert round(parse_amount(formatting.number(value, decimals)), decimals) == pytest.approx(expected, abs=1e-9)
    assert round(parse_amount(formatting.kroner(value, decimals)), decimals) == pytest.approx(expected, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-10**12, max_value=10**12))
def test_whole_amount_round_trip_is_exact(value):
    assert parse_amount(formatting.number(value)) == value
    assert parse_int(formatting.number(value)) == value


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_date_round_trip(day):
    assert parse_date(formatting.day(day)) == day
    assert parse_date(day.strftime("%d.%m.%Y")) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(float(excel_serial(day))) == day
    assert parse_date(datetime.combine(day, datetime.min.time())) == day
