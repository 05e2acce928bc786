"""The budget deviation splits into a volume part and a price part that always add up to it."""
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from steering_core.volume_price import bridge, split, table

counts = st.floats(min_value=0, max_value=10_000, allow_nan=False)
prices = st.floats(min_value=0, max_value=5_000_000, allow_nan=False)


@given(counts, prices, counts, prices)
def test_volume_and_price_add_up_to_the_deviation(budget_count, budget_price, actual_count, actual_price):
    parts = split(budget_count, budget_price, actual_count, actual_price)
    deviation = actual_count * actual_price - budget_count * budget_price
    # Exact in real numbers; in floating point the error is relative to the largest term added.
    scale = max(1.0, actual_count * actual_price, budget_count * budget_price, abs(parts.volume), abs(parts.price))
    assert math.isclose(parts.volume + parts.price, deviation, rel_tol=1e-9, abs_tol=1e-9 * scale)
    assert parts.deviation == pytest.approx(deviation, rel=1e-9, abs=1e-9 * scale)
    assert parts.volume == (actual_count - budget_count) * budget_price
    assert parts.price == (actual_price - budget_price) * actual_count


@given(st.lists(st.tuples(counts, prices, counts, prices), min_size=1, max_size=8))
def test_bridge_ends_at_the_total_deviation(groups):
    frame = pd.DataFrame(groups, columns=["budget_count", "budget_price", "actual_count", "actual_price"])
    frame.insert(0, "group", [f"Trin {n}" for n in range(len(frame))])
    splits = table(frame)
    steps = bridge(splits, "mængde", "pris", "I alt")
    total = steps.iloc[-1]
    scale = max(1.0, splits["actual_cost"].abs().sum() + splits["budget_cost"].abs().sum()
                + splits["volume"].abs().sum() + splits["price"].abs().sum())
    assert math.isclose(total["end"], splits["deviation"].sum(), rel_tol=1e-9, abs_tol=1e-9 * scale)
    # Every step starts where the one before ended.
    inner = steps.iloc[:-1]
    assert (inner["start"].iloc[1:].to_numpy() == inner["end"].iloc[:-1].to_numpy()).all()
    assert len(inner) == 2 * len(frame)


def test_a_worked_example():
    # Budget 10 foster families at 400.000; actual 12 at 420.000: 840.000 more volume, 240.000 more price.
    parts = split(10, 400_000, 12, 420_000)
    assert (parts.volume, parts.price, parts.deviation) == (800_000, 240_000, 1_040_000)


def test_groups_without_an_actual_figure_stay_out_of_the_bridge():
    frame = pd.DataFrame({"group": ["Trin 5", "Trin 6"], "budget_count": [10, 2], "budget_price": [400_000, 1e6],
                          "actual_count": [12, float("nan")], "actual_price": [420_000, float("nan")]})
    splits = table(frame)
    assert list(splits["complete"]) == [True, False]
    steps = bridge(splits, "mængde", "pris", "I alt")
    assert list(steps["group"]) == ["Trin 5", "Trin 5", "I alt"]
    assert steps.iloc[-1]["end"] == 1_040_000
