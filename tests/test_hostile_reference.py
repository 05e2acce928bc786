"""Hostile reference-figure uploads (key-figure sheets and Statbank files), through the core functions the
upload page calls: CPR numbers however they are hidden, numbers that are not what they look like, rows
that would be counted twice, and files too big to read in reasonable time. Every refusal names file,
sheet, row and column in Danish; nothing is stored; a CPR number is never repeated."""


from steering_core import access
from steering_core.reference import importer
from steering_core.store import Store
from steering_core.upload.reading import Limits
from tests.test_comparison import sheet_bytes

HEADER = "OMRÅDE;TID;INDHOLD\n"


def cpr_like(separator: str = "") -> str:
    """Built at run time: no CPR-like text in a tracked file."""
    return "".join(["0101", "80"]) + separator + "".join(["12", "34"])


def workbook(rows: list[list[object]], title: str = "Referencetal") -> bytes:
    return sheet_bytes(rows, title)


def prepared(files, **kwargs):
    return importer.prepare(files, isolate=False, **kwargs)


def csv(body: str, name: str = "UND1.csv") -> list[tuple[str, bytes]]:
    return [(name, (HEADER + body).encode())]


# ---- CPR numbers ----

def test_a_cpr_number_in_a_file_name_stops_the_upload_and_is_never_repeated():
    cpr = cpr_like()
    outcome = prepared([(f"UND1 {cpr}.csv", (HEADER + "Silkeborg;2023;..\n").encode())])
    assert outcome.stopped and not outcome.ok
    assert [p.code for p in outcome.problems] == ["upload.err.cpr_file_name"]
    assert all(cpr not in str(p) and cpr not in (p.sheet or "") for p in outcome.problems)


def test_a_cpr_number_in_a_sheet_name_stops_the_upload_and_is_never_repeated():
    cpr = cpr_like("-")
    book = workbook([["kommune", "aar", "noegletal", "vaerdi"], ["Silkeborg", 2023, "prevention_ratio", "x"]],
                    title=cpr)
    outcome = prepared([("ref.xlsx", book)])
    assert outcome.stopped and not outcome.ok
    assert [p.code for p in outcome.problems] == ["upload.err.cpr_sheet_name"]
    assert all(cpr not in str(p) and cpr not in (p.sheet or "") for p in outcome.problems)


def test_a_cpr_number_written_with_dots_in_a_statbank_title_stops_the_upload():
    cpr = cpr_like()
    dotted = f"{cpr[:2]}.{cpr[2:4]}.{cpr[4:6]}-{cpr[6:]}"
    body = f"UND1: Underretninger {dotted}\n;2023\nSilkeborg;5\n"
    outcome = prepared([("UND1.csv", body.encode())])
    assert outcome.stopped and outcome.problems[0].code == "upload.err.cpr"
    assert outcome.problems[0].cell == "A1" and all(dotted not in str(p) for p in outcome.problems)


# ---- values that are not what they look like ----

def test_a_negative_statbank_count_is_refused_with_its_row_and_column():
    outcome = prepared(csv("Silkeborg;2023;-5\n"))
    assert not outcome.ok and outcome.rows.empty
    (error,) = outcome.errors
    assert (error.code, error.file, error.row, error.column) == ("ref.err.negative", "UND1.csv", 2, "C")


def test_years_far_in_the_past_or_future_are_refused():
    outcome = prepared(csv("Silkeborg;9999;5\nSilkeborg;0001;7\nSilkeborg;2023;9\n"))
    assert not outcome.ok and outcome.rows.empty
    assert sorted((p.code, p.row, p.column) for p in outcome.errors) == [("ref.err.period", 2, "B"),
                                                                         ("ref.err.period", 3, "B")]


def test_a_repeated_statbank_row_is_refused_not_counted_twice():
    outcome = prepared(csv("Silkeborg;2023;5\nAarhus;2023;7\nSilkeborg;2023;5\n"))
    assert not outcome.ok and outcome.rows.empty
    (error,) = outcome.errors
    assert (error.code, error.row) == ("ref.err.statbank_duplicate", 4) and "række 2" in str(error)


def test_a_number_cell_is_read_as_the_number_it_holds():
    # Excel number cells of 12,345 and 0,00001 (a rate with three decimals, a tiny share) are numbers,
    # not the Danish text "12.345" (twelve thousand) nor an unreadable "1e-05".
    book = workbook([["OMRÅDE", "TID", "INDHOLD"], ["Silkeborg", 2023, 12.345], ["Aarhus", 2023, 1e-5]],
                    title="UND1")
    outcome = prepared([("UND1.xlsx", book)])
    assert outcome.ok, [str(p) for p in outcome.problems]
    values = dict(zip(outcome.rows["kommune"], outcome.rows["vaerdi"]))
    assert values == {"Silkeborg": 12.345, "Aarhus": 1e-5}


def test_a_share_over_100_percent_in_a_key_figure_sheet_is_refused():
    book = workbook([["kommune", "aar", "noegletal", "vaerdi"],
                     ["Silkeborg", 2023, "fit_reliable_improvement_share", 500]])
    outcome = prepared([("ref.xlsx", book)])
    assert not outcome.ok and outcome.rows.empty
    (error,) = outcome.errors
    assert (error.code, error.sheet, error.row, error.column) == ("ref.err.percent", "Referencetal", 2, "D (vaerdi)")


# ---- size ----

def test_a_statbank_file_of_600_000_rows_is_refused_before_it_is_parsed():
    rows = "".join(f"K{i % 98};{2000 + i % 20};{i}\n" for i in range(600_000))
    outcome = importer.prepare([("UND1.csv", (HEADER + rows).encode())], limits=Limits())
    assert outcome.stopped and outcome.rows.empty
    (error,) = outcome.problems
    assert error.code == "upload.err.too_many_rows" and error.file == "UND1.csv"
    assert f"{importer.MAX_ROWS:,}".replace(",", ".") in str(error)


# ---- nothing half-stored ----

def test_a_refused_upload_leaves_every_table_as_it_was(tmp_path):
    store = Store(tmp_path / "ref.duckdb")
    good = prepared(csv("Silkeborg;2023;50\n"))
    assert importer.commit(good, store=store, user="test", actor=access.SYSTEM)[0]

    def counts():
        with store.connect(read_only=True) as con:
            tables = [name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
            return {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0] for name in tables}
    before = counts()
    # One good file and one bad one: nothing of either is kept.
    bad = prepared(csv("Aarhus;2023;70\n") + csv("Odense;2023;-1\n", name="UND1 b.csv"))
    stored, _ = importer.commit(bad, store=store, user="test", actor=access.SYSTEM)
    assert not stored and counts() == before


# ---- the upload page ----

def test_the_upload_page_refuses_a_cpr_named_reference_file_without_repeating_it(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.test_upload_page import PAGE
    path = tmp_path / "kommune.duckdb"
    monkeypatch.setenv("STEERING_DB", str(path))
    monkeypatch.setenv("STEERING_DEMO_DB", str(tmp_path / "demo.duckdb"))
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.run()
    cpr = cpr_like("-")
    at.file_uploader[1].set_value([(f"UND1 {cpr}.csv", (HEADER + "Silkeborg;2023;50\n").encode(), "text/csv")])
    at.run()
    assert not at.exception
    [error] = at.error
    assert "ligner et CPR-nummer" in error.value and cpr not in error.value
    assert not any(b.label == "Gem referencetal" for b in at.button)
    assert at.session_state["ref_nonce"] == 1 and "ref_checked" not in at.session_state
    assert not path.exists() or importer.stored(Store(path)).empty
