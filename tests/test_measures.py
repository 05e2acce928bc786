"""The shared-scan SQL in steering_core.measures gives the same figures as each measure on its own."""
import duckdb
import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from steering_core import measures

ITEMS = [("count(DISTINCT barn_id)", "step BETWEEN 2 AND 3"),
         ("count(DISTINCT barn_id)", "familie = 'forebyggende'"),
         ("count(DISTINCT barn_id)", "TRUE"),
         ("count(*)", "step >= 4"),
         ("sum(cost)", "familie = 'forebyggende'"),
         ("sum(cost)", "TRUE")]

rows = st.lists(st.tuples(
    st.sampled_from(["2025K1", "2025K2"]),
    st.sampled_from(["Nord", "Syd", None]),          # a missing district is a group of its own
    st.sampled_from(["B1", "B2", "B3", "B4", None]),   # a row without a child key counts no child
    st.integers(1, 6),
    st.sampled_from(["forebyggende", "stoettende"]),
    st.sampled_from([0.0, 10.5, 1000.0])), max_size=40)


def alone(con, expr: str, where: str) -> pd.DataFrame:
    return con.execute(f"SELECT period, district, ({expr})::DOUBLE AS v FROM _facts WHERE {where} "
                       "GROUP BY ALL").df()


@settings(max_examples=60, deadline=None)
@given(rows)
def test_bit_mask_counts_equal_count_distinct_with_filters(data):
    con = duckdb.connect()
    frame = pd.DataFrame(data, columns=["period", "district", "barn_id", "step", "familie", "cost"])
    con.register("_input", frame)
    # As sources.COURSES_SELECT marks a child's only row (Source.lone_child).
    con.execute("CREATE TABLE _facts AS SELECT *, (barn_id IS NOT NULL AND count(*) OVER (PARTITION BY barn_id) = 1)"
                " AS lone FROM _input")
    for lone in (None, "lone"):
        together = con.execute("WITH _rows AS (SELECT * FROM _facts)"
                               + measures._together_sql(ITEMS, ["period", "district"], lone)).df()
        _same_as_alone(con, together)


def _same_as_alone(con, together: pd.DataFrame) -> None:
    for i, (expr, where) in enumerate(ITEMS):
        shared = together.loc[together[f"n{i}"] > 0, ["period", "district", f"v{i}"]]
        expected = alone(con, expr, where)
        key = ["period", "district"]
        merged = expected.merge(shared, on=key, how="outer", indicator=True)
        assert (merged["_merge"] == "both").all(), (expr, where, merged)
        assert (merged["v"].fillna(-1) == merged[f"v{i}"].fillna(-1)).all(), (expr, where, merged)


def test_periods_carry_month_positions_of_their_bounds():
    from datetime import date
    from steering_core.periods import Period
    sql = measures.periods_sql([Period(date(2025, 1, 1), date(2025, 3, 31), "2025K1"),
                                Period(date(2025, 4, 1), date(2025, 5, 15), "2025K2")])
    got = duckdb.connect().execute(f"WITH {sql} SELECT period, m_from, m_to FROM _periods ORDER BY 1").fetchall()
    # 15 May is day 15 of 31: the day after it sits 15/31 into May.
    assert got == [("2025K1", 2025 * 12 + 1, 2025 * 12 + 4), ("2025K2", 2025 * 12 + 4, 2025 * 12 + 5 + 15 / 31)]


def test_many_conditions_are_split_over_queries_that_fit_the_mask():
    items = [("count(DISTINCT barn_id)", f"step >= {i}") for i in range(measures.MAX_CONDITIONS + 5)]
    plan = measures._query_plan(items)
    assert [len(chunk) for chunk in plan] == [measures.MAX_CONDITIONS, 5]
    assert [item for chunk in plan for item in chunk] == items


def test_a_period_without_data_keeps_the_key_columns_as_text(demo_store):
    from steering_core import engine
    empty = engine.compute(demo_store, ["utm_held"], engine.Request("2010K1", "2010K4"))
    full = engine.compute(demo_store, ["utm_held"], engine.Request("2025K1", "2025K4"))
    assert list(empty["period"]) == ["2010K1", "2010K2", "2010K3", "2010K4"]
    assert empty["period"].dtype == full["period"].dtype
    assert empty["value"].isna().all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet="abcæøåÅ ", max_size=3)), max_size=30))
def test_breakdown_values_are_ranked_as_pandas_sorts_them_missing_last(values):
    """The engine ranks a key column's values with Arrow; the order must be pandas' (missing last),
    the order a table of figures is shown in."""
    from steering_core.measures import _sorted_codes
    column = pd.Series(values, dtype="str") if values else pd.Series([], dtype=object)
    codes, uniques = pd.factorize(column, sort=True)
    assert _sorted_codes(column).tolist() == np.where(codes < 0, len(uniques), codes).tolist()
