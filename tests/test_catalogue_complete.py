"""Every catalogue indicator computed once on the demo, for every breakdown and filter it declares and at
both grains: a measure naming a column its source lacks fails here, not in front of a user (as Rill
validates a metrics view). One call per breakdown and grain computes all indicators offering it."""
import pytest

from steering_core import catalogue, engine, sources, status
from steering_core.engine import Request, compute
from steering_core.dimensions import FILTER_COLUMNS
from steering_core.measures import Filters
from steering_core.store import StoreError

SPAN = ("2024K1", "2026K3")   # 2024 is a year whose 12-month cohorts are complete
GRAINS = ("kvartal", "aar")
BY_NAME = {column: name for name, column in engine.BREAKDOWNS.items()}


def _supporting(breakdown: str | None) -> list[str]:
    return [i.id for i in catalogue.INDICATORS if breakdown is None or breakdown in i.breakdowns]


@pytest.mark.parametrize("grain", GRAINS)
@pytest.mark.parametrize("breakdown", [None, *engine.BREAKDOWNS.values()])
def test_every_indicator_computes_for_every_breakdown_it_declares(demo_store, breakdown, grain):
    ids = _supporting(breakdown)
    assert ids, f"no indicator offers the breakdown {breakdown}"
    by = (BY_NAME[breakdown],) if breakdown else ()
    result = compute(demo_store, ids, Request(*SPAN, grain=grain, by=by))
    assert set(result["indicator"]) == set(ids)
    if breakdown:
        assert result[breakdown].notna().any()
    # For the municipality each indicator has a figure somewhere: a measure on a column that is always
    # NULL, or a where clause naming a category that does not occur, would leave it blank or zero
    # everywhere. Broken down, a cell may be zero or hidden, but it must be computed.
    states = [status.VALUE] if breakdown is None else [status.VALUE, status.ZERO, status.HIDDEN]
    shown = set(result.loc[result["status"].isin(states), "indicator"])
    assert shown == set(ids), set(ids) - shown


@pytest.mark.parametrize("grain", GRAINS)
@pytest.mark.parametrize("name", ["distrikter", "enheder", "sektorer"])
def test_every_indicator_computes_for_every_filter_it_offers(demo_store, name, grain):
    register = engine.unit_register(demo_store)
    value = register.iloc[0][FILTER_COLUMNS[name]]
    filters = Filters(**{name: (value,)})
    ids = [i.id for i in catalogue.INDICATORS if engine.supports(i, Request(filters=filters))]
    assert ids
    result = compute(demo_store, ids, Request(*SPAN, grain=grain, filters=filters))
    # Every indicator has its rows (a filtered share may be blank: one sector pays for no placements).
    assert set(result["indicator"]) == set(ids)
    assert set(result["status"]) <= set(status.STATES)


def test_every_declared_breakdown_is_a_column_of_the_indicator_source():
    for indicator in catalogue.INDICATORS:
        for breakdown in indicator.breakdowns:
            assert breakdown in engine.BREAKDOWNS.values(), (indicator.id, breakdown)
            assert breakdown in sources.SOURCES[indicator.numerator.source].dimensions, (indicator.id, breakdown)


@pytest.mark.parametrize("source", [s for s in sources.SOURCES.values() if s.relation == "indsats_periods"],
                         ids=lambda s: s.name)
def test_course_sources_expose_every_stored_column(demo_store, source):
    """A course source shows every column of the stored course register, not a hand-picked list a new
    column (or a measure on it) would silently miss."""
    with demo_store.connect(read_only=True) as con:
        stored = {row[0] for row in con.execute("DESCRIBE indsats").fetchall()}
        sources.prepare(con, [source.name])
        exposed = {column[0] for column in con.execute(
            f"WITH _periods AS (SELECT 'x' AS period, DATE '2025-01-01' AS p_start, DATE '2025-03-31' AS p_end, "
            f"3 AS months, 2025 AS yr, 0::DOUBLE AS m_from, 0::DOUBLE AS m_to), "
            f"_limits AS (SELECT DATE '2025-03-31' AS data_until) SELECT * FROM ({source.sql}) s LIMIT 0").description}
    assert stored - {"batch_id"} <= exposed, stored - exposed


def test_a_measure_on_a_missing_column_fails(demo_store, monkeypatch):
    """The checks above can fail: a measure naming a column its source lacks is an error."""
    broken = catalogue.Indicator("broken", "x", "x", catalogue.ACTIVITY, "antal", "x", "x",
                                 catalogue.Measure("utm", "sum(no_such_column)"))
    monkeypatch.setitem(catalogue.BY_ID, "broken", broken)
    # The store's reads tell the failure in the product's words and keep DuckDB's line naming the column.
    with pytest.raises(StoreError, match="no_such_column"):
        compute(demo_store, ["broken"], Request(*SPAN))
