"""Small counts never leak, whatever indicator, breakdown, filter or threshold is asked for."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steering_core import catalogue
from steering_core.engine import BREAKDOWNS, Filters, Request, compute

COUNT_INDICATORS = [i for i in catalogue.INDICATORS if i.unit == "antal"]
RATE_INDICATORS = [i for i in catalogue.INDICATORS if i.basis and i.unit != "antal"]


def breakdown_names(indicator):
    danish = {column: name for name, column in BREAKDOWNS.items()}
    return [danish[b] for b in indicator.breakdowns]


@st.composite
def requests(draw, indicators):
    indicator = draw(st.sampled_from(indicators))
    by = draw(st.sampled_from([(), *[(b,) for b in breakdown_names(indicator)]]))
    district = draw(st.sampled_from([(), ("Nord",), ("Vest",)]))
    quarter = draw(st.sampled_from(["2023K2", "2024K4", "2026K3"]))
    # A few minimum sizes: each one protects the whole grid anew (docs/DISCLOSURE.md).
    min_cell = draw(st.sampled_from([3, 5, 10]))
    return indicator, Request(quarter, quarter, "kvartal", by, Filters(distrikter=district), min_cell)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests(COUNT_INDICATORS))
def test_no_count_under_the_threshold_is_shown(demo_store, drawn):
    indicator, request = drawn
    result = compute(demo_store, [indicator.id], request)
    shown = result[~result["suppressed"].astype(bool)]
    assert (shown["value"].dropna() >= request.min_cell).all()
    hidden = result[result["suppressed"].astype(bool)]
    assert hidden[["value", "numerator", "denominator"]].isna().all().all()
    if request.by and len(result) > 1:
        # One hidden cell in a breakdown: then the total it belongs to is hidden, or it could be
        # recomputed from the total.
        for period in hidden["period"].unique():
            if (hidden["period"] == period).sum() == 1:
                total = compute(demo_store, [indicator.id], Request(request.first, request.last, "kvartal", (),
                                                                     request.filters, request.min_cell))
                assert bool(total.loc[total["period"] == period, "suppressed"].iloc[0]), \
                    "a single hidden cell could be recomputed from the total"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests(RATE_INDICATORS))
def test_rates_and_shares_hide_their_counts_too(demo_store, drawn):
    indicator, request = drawn
    result = compute(demo_store, [indicator.id], request)
    hidden = result[result["suppressed"].astype(bool)]
    assert hidden[["value", "numerator", "denominator"]].isna().all().all()
    if indicator.unit in ("pct", "pr_1000") and indicator.numerator.reducer == "sql":
        shown = result[~result["suppressed"].astype(bool) & result["numerator"].notna()]
        if indicator.id not in ("spend_per_0_22_steps_2_3", "spend_per_0_22_steps_4_6", "prevention_ratio"):
            assert (shown["numerator"] >= request.min_cell).all()
