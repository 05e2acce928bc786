"""Joins on units always include the municipality: unit ids are unique within one only, and a database
of several municipalities (benchmarks) repeats them."""
import re

import pytest

from steering_core.engine import Filters, Request, kommuner, unit_register, with_unit_columns
from steering_core.meeting import agenda
from steering_core.store import Store
from steering_core.views import p11, utm
from tests.conftest import REPO

REQUEST = Request("2026K3", "2026K3")


@pytest.fixture(scope="module")
def national(national_path):
    store = Store(national_path)
    register = unit_register(store)
    # The point of the fixture: the same unit id in more than one municipality.
    assert register.duplicated("unit").any()
    return store, register


def test_units_chart_has_one_row_per_unit_of_the_municipality(national):
    store, register = national
    for kommune in kommuner(store):
        figure = utm.by_unit(store, Request("2026K3", "2026K3", filters=Filters(kommune=kommune)))
        own = register[register["kommune"] == kommune].set_index("unit")["district"]
        table = figure.table
        assert len(table) == table["unit"].nunique() <= len(own)
        assert (table["district"] == table["unit"].map(own)).all()


def test_units_chart_of_every_municipality_joins_each_unit_once(national):
    store, register = national
    table = utm.by_unit(store, REQUEST).table
    assert not table.duplicated(["kommune", "unit"]).any()
    expected = register.set_index(["kommune", "unit"])["district"]
    assert list(table["district"]) == list(expected.reindex(list(zip(table["kommune"], table["unit"]))))


def test_overdue_courses_per_unit_join_each_unit_once(national):
    store, _ = national
    for kommune in [None, *kommuner(store)]:
        filters = Filters(kommune=kommune)
        table = p11.overdue(store, Request("2026K3", "2026K3", filters=filters)).table
        keys = ["kommune", "unit"] if "kommune" in table else ["unit"]
        assert not table.duplicated(keys).any()


def test_a_join_that_would_double_rows_is_an_error(national):
    store, register = national
    by_unit_without_kommune = register[["unit"]].drop_duplicates()
    with pytest.raises(Exception, match="many-to-one|not a many-to-one"):
        with_unit_columns(store, by_unit_without_kommune, None)


def test_every_sql_join_on_the_unit_register_names_the_municipality():
    joins = []
    for path in (REPO / "steering_core").rglob("*.py"):
        for match in re.finditer(r"JOIN\s+enhed\s+(\w+)\s+ON\s+(.+)", path.read_text(), re.IGNORECASE):
            joins.append((path.name, match.group(2)))
    assert joins
    for name, condition in joins:
        assert "kommune" in condition, (name, condition)


def test_every_agenda_figure_builds_on_several_municipalities(national):
    store, _ = national
    kommune = kommuner(store)[0]
    request = Request("2025K4", "2026K3", filters=Filters(kommune=kommune))
    for item in agenda.items(store):
        figure = agenda.build(store, request, item)
        assert figure.key == item or item.startswith(figure.key)
