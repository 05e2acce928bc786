"""Units carry their own formats and change wording (steering_core/units.py), declared once."""
import pytest

from steering_core import catalogue, units
from steering_core.overview import format_change, format_value


def test_every_indicator_unit_is_declared():
    assert {i.unit for i in catalogue.INDICATORS} <= set(units.UNITS)


@pytest.mark.parametrize(("indicator_id", "value", "shown", "change", "change_shown"), [
    ("utm_held", 1234, "1.234", 12, "+12"),
    ("utm_to_p11_share", 33.333, "33,3 %", -2.5, "-2,5 pct.point"),
    ("utm_per_1000", 18.25, "18,2", 0.5, "+0,5"),
    ("p11_median_days", 120, "120 dage", 7, "+7 dage"),
    ("p11_cost", 1234567, "1.234.567 kr.", 1000, "+1.000 kr."),
    ("spend_per_0_22_steps_4_6", 5313, "5.313 kr.", -13, "-13 kr."),
    ("interventions_fye", 41.26, "41,3", 1, "+1,0"),
])
def test_values_and_changes_are_written_by_their_unit(monkeypatch, indicator_id, value, shown, change, change_shown):
    monkeypatch.delenv("STEERING_LANG", raising=False)
    indicator = catalogue.get(indicator_id)
    assert format_value(indicator, value) == shown
    assert format_change(indicator, change) == change_shown


def test_chart_and_excel_formats_follow_the_unit():
    assert units.get("pct").chart_format == ",.1f" and units.get("pct").excel_format == "#,##0.0"
    assert units.get("kr").chart_format == ",.0f" and units.get("kr").excel_format == "#,##0"
    # A table of mixed columns has no unit: a plain number with one decimal.
    assert units.get(None).excel_format == "#,##0.0"
