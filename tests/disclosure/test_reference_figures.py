"""Reference figures of other municipalities on the comparison page: a figure hidden in the ranking and the
trend (a rate on fewer than k notifications, a key figure on fewer than k children) must not be readable
from the page's table of the reference rows either."""
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook

from steering_core import access, comparison
from steering_core.reference import fields, importer
from steering_core.store import Store
from steering_core.views import comparison as view

FIXTURES = Path(__file__).parent.parent / "fixtures"


def key_figure_sheet(rows) -> bytes:
    book = Workbook()
    book.active.title = "Referencetal"
    book.active.append(["kommune", "aar", "noegletal", "vaerdi", "antal", "kilde"])
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_hidden_reference_figure_is_not_in_the_table_of_reference_rows(tmp_path):
    store = Store(tmp_path / "ref.duckdb")
    sheet = key_figure_sheet([["Læsø", 2022, "befolkning_0_17", 300, None, "DST"],
                              ["Silkeborg", 2022, "befolkning_0_17", 20000, None, "DST"],
                              ["Lilleby", 2023, "prevention_ratio", 61.5, 3, "FLIS"]])
    prepared = importer.prepare([("UND1.csv", (FIXTURES / "statbank_und1_api.csv").read_bytes()),
                                 ("ref.xlsx", sheet)], isolate=False)
    assert importer.commit(prepared, store=store, user="test", actor=access.SYSTEM)[0]
    figures = comparison._references(store, list(fields.COMPARABLE))
    hidden = figures[figures["hidden"].astype(bool)]
    # Læsø's 3 notifications in 2022 and Lilleby's ratio on 3 children are hidden in every figure ...
    assert {("Læsø", "notifications_per_1000", 2022), ("Lilleby", "prevention_ratio", 2023)} <= set(
        zip(hidden["kommune"], hidden["indicator"], hidden["year"]))
    # ... so the table of reference rows the page shows beside them may not give them back.
    table = view.reference_table(store)
    kommune, year, field, value = (table.columns[i] for i in range(4))
    shown = table[table[value].notna()]
    readable = set(zip(shown[kommune], shown[year], shown[field]))
    for row in hidden.itertuples():
        derived = fields.DERIVED.get(row.indicator)
        needed = derived.numerator if derived else row.indicator
        assert (row.kommune, row.year, needed) not in readable, (row.kommune, row.indicator, row.year)
