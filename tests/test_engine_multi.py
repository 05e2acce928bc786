"""Several municipalities in one database: every figure is per kommune, never merged across them.

Both hand-built municipalities have districts called Nord and Syd and units with the same ids, as
real municipalities do; without a kommune filter the engine must still keep them apart.
"""
from datetime import date

import pandas as pd
import pytest

from steering_core.engine import Filters, Request, compute
from tests.builders import meeting, population, store_with, unit

A, B = "Aby Kommune", "Bby Kommune"
Q1 = date(2025, 2, 10)


def _in(kommune: str, rows: list[dict]) -> list[dict]:
    return [{**row, "kommune": kommune} for row in rows]


@pytest.fixture(scope="module")
def two_kommuner(tmp_path_factory):
    units = [unit("S1", "Nord"), unit("S2", "Syd")]
    enhed = _in(A, units) + _in(B, units)
    befolkning = (_in(A, [population("Nord", 2025, "0-5", 400), population("Nord", 2025, "6-17", 600),
                          population("Syd", 2025, "0-5", 300), population("Syd", 2025, "6-17", 700)])
                  + _in(B, [population("Nord", 2025, "0-5", 1000), population("Nord", 2025, "6-17", 1000),
                            population("Syd", 2025, "0-5", 500), population("Syd", 2025, "6-17", 500)]))
    utm = (_in(A, [meeting("S1", Q1) for _ in range(2)] + [meeting("S2", Q1) for _ in range(10)])
           + _in(B, [meeting("S1", Q1) for _ in range(10)] + [meeting("S2", Q1) for _ in range(12)]
                 + [meeting("S1", date(2025, 5, 5)) for _ in range(6)]))
    return store_with(tmp_path_factory.mktemp("multi") / "multi.duckdb", enhed=enhed, befolkning=befolkning,
                      utm=utm)


def cell(frame: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    assert mask.sum() == 1, frame
    return frame[mask].iloc[0]


def test_a_breakdown_is_per_kommune_and_district(two_kommuner):
    result = compute(two_kommuner, ["utm_held"], Request("2025K1", "2025K1", by=("distrikt",), min_cell=1))
    assert list(result.columns[:4]) == ["indicator", "period", "kommune", "district"]
    assert len(result) == 4
    assert cell(result, kommune=A, district="Nord")["value"] == 2
    assert cell(result, kommune=A, district="Syd")["value"] == 10
    assert cell(result, kommune=B, district="Nord")["value"] == 10
    assert cell(result, kommune=B, district="Syd")["value"] == 12


def test_without_a_breakdown_every_kommune_gets_every_period(two_kommuner):
    result = compute(two_kommuner, ["utm_held"], Request("2025K1", "2025K2", min_cell=1))
    assert len(result) == 4
    assert cell(result, kommune=A, period="2025K1")["value"] == 12
    assert cell(result, kommune=B, period="2025K1")["value"] == 22
    # A held no meetings in 2025K2, within the span of uploaded meetings: a true zero.
    assert cell(result, kommune=A, period="2025K2")[["value", "status"]].tolist() == [0.0, "zero"]
    q2 = cell(result, kommune=B, period="2025K2")
    assert q2["value"] == 6 and q2["prev_value"] == 22 and q2["change_prev"] == -16


def test_rates_use_each_kommunes_own_population(two_kommuner):
    result = compute(two_kommuner, ["utm_per_1000"], Request("2025K1", "2025K1", by=("distrikt",), min_cell=1))
    # A Syd: 10 meetings / 1.000 aged 0-17, annualised ×4 = 40; B Syd: 12 / 1.000 × 4 = 48.
    assert cell(result, kommune=A, district="Syd")["value"] == pytest.approx(40.0)
    assert cell(result, kommune=B, district="Syd")["value"] == pytest.approx(48.0)
    assert cell(result, kommune=B, district="Nord")["denominator"] == 2000


def test_a_kommune_filter_gives_that_kommune_alone_without_a_kommune_column(two_kommuner):
    result = compute(two_kommuner, ["utm_held"],
                     Request("2025K1", "2025K1", by=("distrikt",), filters=Filters(kommune=B), min_cell=1))
    assert "kommune" not in result.columns
    assert dict(zip(result["district"], result["value"])) == {"Nord": 10, "Syd": 12}


def test_complementary_suppression_stays_inside_each_kommune(two_kommuner):
    result = compute(two_kommuner, ["utm_held"], Request("2025K1", "2025K1", by=("distrikt",)))
    # A Nord (2) is hidden, and A's total (12) is known, so A Syd must go too. B is untouched:
    # had the four cells been one group, B Nord (10) would have been hidden instead of A Syd.
    assert cell(result, kommune=A, district="Nord")["suppressed"]
    assert cell(result, kommune=A, district="Syd")["suppressed"]
    assert not cell(result, kommune=B, district="Nord")["suppressed"]
    assert not cell(result, kommune=B, district="Syd")["suppressed"]
    assert cell(result, kommune=B, district="Nord")["value"] == 10


def test_the_unit_table_joins_the_register_of_its_own_municipality(tmp_path):
    # Unit ids repeat across municipalities: a join without the municipality repeats rows and
    # divides the district averages by the wrong number of units.
    from steering_core import national_demo, periods
    from steering_core.engine import Filters, Request, kommuner, unit_register
    from steering_core.store import Store
    from steering_core.views import utm
    store = Store(national_demo.build_national_database(tmp_path / "n.duckdb", until=periods.quarter(2023, 4),
                                               municipalities=3, years=2))
    chosen = kommuner(store)[1]
    table = utm.by_unit(store, Request("2023K1", "2023K4", filters=Filters(kommune=chosen))).table
    assert table["unit"].is_unique
    assert len(table) <= len(unit_register(store, chosen))
