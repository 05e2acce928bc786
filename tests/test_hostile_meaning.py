"""What the newest figures say about themselves: the period a figure covers must be the period its value
is computed for, whatever quarter the user picks."""
from datetime import date

import pytest

from steering_core import targets
from steering_core.targets import UP, Target
from tests.builders import KOMMUNE, population, store_with, unit

QUARTERS = {"2024K1": (date(2024, 1, 1), date(2024, 3, 31)), "2025K1": (date(2025, 1, 1), date(2025, 3, 31)),
            "2025K3": (date(2025, 7, 1), date(2025, 9, 30))}


def fit(quarter: str, district: str, value: float, n: int) -> dict:
    start, end = QUARTERS[quarter]
    return dict(kommune=KOMMUNE, periode=quarter, periode_start=start, periode_slut=end, distrikt=district,
                enhed_id="", noegletal="fit_effekt", vaerdi=value, antal=n)


@pytest.fixture
def store(tmp_path):
    rows = [fit("2024K1", "Nord", 7.0, 20), fit("2024K1", "Syd", 7.2, 30),
            fit("2025K1", "Nord", 7.6, 20), fit("2025K1", "Syd", 7.6, 20),
            fit("2025K3", "Nord", 8.0, 20), fit("2025K3", "Syd", 8.0, 20)]
    population_rows = [population(d, 2024, g, 500) for d in ("Nord", "Syd") for g in ("0-5", "6-17", "18-22")]
    return store_with(tmp_path / "m.duckdb", enhed=[unit("S1", "Nord"), unit("S2", "Syd")],
                      befolkning=population_rows, noegletal=rows)


@pytest.mark.parametrize("last", ["2025K1", "2025K2", "2025K3", None])
def test_a_targets_actual_says_the_span_it_is_computed_for(store, last):
    # The engine publishes whole calendar years, the newest up to the data cut-off (2025K3), whatever the
    # chosen quarter: 2025 is (7,6 × 40 + 8,0 × 40) / 80 = 7,8 through K3, and says so.
    targets.save(store, KOMMUNE, Target("fit_effect", 8.5, UP, 2027, 2024), "Udvalget")
    follow = targets.follow_up(store, targets.current(store, KOMMUNE)[0], last)
    assert (follow.year, follow.actual) == (2025, pytest.approx(7.8))
    assert follow.covers == "2025 til og med K3"

