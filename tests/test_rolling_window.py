"""Indicators with a rolling window: per quarter they cover that quarter and the ones before it."""
from steering_core import catalogue, engine
from steering_core.engine import Request


def figures(frame, *columns):
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


def test_escalation_per_quarter_is_the_rolling_year_up_to_it(demo_store):
    assert catalogue.get("escalation_after_utm").window_quarters == 4
    quarterly = engine.compute(demo_store, ["escalation_after_utm"], Request("2025K1", "2025K3"))
    for quarter, first in (("2025K1", "2024K2"), ("2025K2", "2024K3"), ("2025K3", "2024K4")):
        spanned = engine.compute(demo_store, ["escalation_after_utm"], Request(first, quarter, "samlet"))
        row = quarterly[quarterly["period"] == quarter]
        assert figures(row, "numerator", "denominator") == figures(spanned, "numerator", "denominator")
        assert not row["suppressed"].iloc[0] and row["numerator"].iloc[0] >= 5


def test_a_year_is_not_widened(demo_store):
    yearly = engine.compute(demo_store, ["escalation_after_utm"], Request("2024", "2024", "aar"))
    spanned = engine.compute(demo_store, ["escalation_after_utm"], Request("2024K1", "2024K4", "samlet"))
    assert figures(yearly, "numerator", "denominator") == figures(spanned, "numerator", "denominator")


def test_windowed_and_plain_indicators_come_back_in_the_order_asked(demo_store):
    ids = ["utm_held", "escalation_after_utm", "utm_per_1000"]
    result = engine.compute(demo_store, ids, Request("2025K1", "2025K3"))
    assert list(dict.fromkeys(result["indicator"])) == ids
    assert list(result.loc[result["indicator"] == "utm_held", "period"]) == ["2025K1", "2025K2", "2025K3"]


def test_no_figures_in_either_window_gives_an_empty_result_with_the_columns(demo_store):
    result = engine.compute(demo_store, ["utm_held", "escalation_after_utm"],
                            Request("2010K1", "2010K2", "kvartal", ("distrikt",)))
    assert result.empty
    assert list(result.columns) == ["indicator", "period", "district", *engine.RESULT_COLUMNS[2:]]
