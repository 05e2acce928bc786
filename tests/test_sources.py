"""The course sources: measured alone (their own join) or in the shared scan (a condition on the
course × period relation), they hold the same rows."""
import pytest

from steering_core import measures, periods
from steering_core.sources import RELATIONS, SOURCES, prepare

MEMBERS = [s for s in SOURCES.values() if s.relation]


@pytest.mark.parametrize("source", MEMBERS, ids=[s.name for s in MEMBERS])
def test_a_course_source_alone_equals_its_part_of_the_relation(demo_store, source):
    quarters = periods.quarters_between(periods.parse_quarter("2023K3"), periods.parse_quarter("2025K2"))
    head = f"WITH {measures.periods_sql(quarters)}, _limits AS (SELECT DATE '2025-06-30' AS data_until) "
    columns = "period, indsats_id, cost, case_months, duration_days, period_end"
    with demo_store.connect(read_only=True) as con:
        prepare(con, [source.name])
        alone = con.execute(f"{head} SELECT {columns} FROM ({source.sql}) s ORDER BY ALL").fetchall()
        part = con.execute(f"{head} SELECT {columns} FROM ({RELATIONS[source.relation]}) r "
                           f"WHERE {source.member} ORDER BY ALL").fetchall()
    assert len(alone) > 100
    assert alone == part
