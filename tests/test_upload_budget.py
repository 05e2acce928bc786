"""The Budgetforudsaetninger sheet: read, checked (exactly one of indsatstype and trin), stored per year, in the template."""
import io

import openpyxl
import pytest

from steering_core import volume_price
from steering_core.store import Store
from steering_core.upload import batches, contract
from tests import samples
from steering_core.upload.importer import commit, prepare
from steering_core.upload.template import template_bytes

HEADERS = ["aar", "indsatstype", "trin", "forventet_antal", "forventet_gennemsnitspris"]
SHEET = "Budgetforudsaetninger"


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "t.duckdb")


def check(store, rows, sheet=SHEET, headers=HEADERS, **kw):
    return prepare([("budget.xlsx", samples.workbook_bytes({sheet: [headers, *rows]}))], store=store, **kw)


def upload(store, rows, **kw):
    prepared = check(store, rows, **kw)
    assert prepared.ok, [str(p) for p in prepared.problems]
    result = commit(prepared, store=store, user="tester")
    assert result.stored
    return prepared, result


def found(prepared) -> list[tuple[str, str, int | None, str, str]]:
    """(severity, sheet, row, cell column, message) for every problem."""
    return [(p.severity, p.sheet, p.row, p.column, p.message) for p in prepared.problems]


def stored(store, table="budgetforudsaetninger") -> list[tuple]:
    with store.connect(read_only=True) as con:
        return con.execute(f"SELECT kommune, aar, indsatstype, trin, forventet_antal, "
                           f"forventet_gennemsnitspris::DOUBLE, batch_id FROM {table} ORDER BY ALL").fetchall()


# --- a valid sheet ----------------------------------------------------------------------------

def test_valid_sheet_is_stored_with_blank_type_as_empty_text_and_blank_step_as_0(store):
    rows = [[2025, "Plejefamilie", None, 12.5, "450.000,00"],
            [2025, None, 2, 40, 60000],
            ["2025", "", "3", "7,5", "1.234,50 kr."]]
    prepared, result = upload(store, rows)
    assert prepared.problems == []
    assert result.message == "Gemt som indlæsning nr. 1: 3 rækker."
    assert stored(store) == [("Kommune", 2025, "", 2, 40.0, 60000.0, 1),
                             ("Kommune", 2025, "", 3, 7.5, 1234.5, 1),
                             ("Kommune", 2025, "Plejefamilie", 0, 12.5, 450000.0, 1)]
    # what the economy page reads
    read = volume_price.assumptions(store, "Kommune", 2025)
    assert read[["indsatstype", "trin", "forventet_antal"]].values.tolist() == [
        ["Plejefamilie", 0, 12.5], ["", 2, 40.0], ["", 3, 7.5]]


def test_danish_sheet_name_and_english_headers_are_recognised(store):
    headers = ["Year", "Intervention type", "Step", "Expected count", "Expected average price"]
    prepared = check(store, [[2026, "Døgninstitution", None, 3, 1_100_000]], sheet="Budgetforudsætninger",
                     headers=headers)
    assert prepared.ok and prepared.problems == []
    frame = prepared.tables["budgetforudsaetninger"]
    assert frame.values.tolist() == [["Kommune", 2026, "Døgninstitution", 0, 3.0, 1_100_000.0]]
    assert contract.spec_for_name("budgetforudsætninger_2026.csv") is contract.BUDGETFORUDSAETNINGER


# --- problems, with the exact Danish message and cell -----------------------------------------

def test_both_or_neither_of_type_and_step_is_an_error_at_the_cell(store):
    rows = [[2025, "Plejefamilie", None, 10, 400000],       # row 2: fine
            [2025, "Plejefamilie", 5, 10, 400000],          # row 3: both
            [2025, None, None, 10, 400000],                 # row 4: neither
            [2025, "  ", None, 10, 400000],                 # row 5: blank text is neither
            [2025, None, 7, 10, 400000]]                    # row 6: bad step, reported once (not also "neither")
    prepared = check(store, rows)
    assert not prepared.ok
    assert found(prepared) == [
        ("fejl", SHEET, 3, "B (indsatstype)",
         "Både indsatstype ('Plejefamilie') og trin (5) er udfyldt; udfyld kun den ene af dem."),
        ("fejl", SHEET, 4, "B (indsatstype)", "Både indsatstype og trin er tomme; udfyld den ene af dem."),
        ("fejl", SHEET, 5, "B (indsatstype)", "Både indsatstype og trin er tomme; udfyld den ene af dem."),
        ("fejl", SHEET, 6, "C (trin)", "Fandt 7, forventede et helt tal fra 1 til 6."),
    ]
    assert str(prepared.problems[0]) == (
        "Fejl: Fil 'budget.xlsx', ark 'Budgetforudsaetninger', række 3, kolonne B (indsatstype): "
        "Både indsatstype ('Plejefamilie') og trin (5) er udfyldt; udfyld kun den ene af dem.")
    assert prepared.problems[0].cell == "B3"
    assert commit(prepared, store=store).stored is False


def test_without_type_column_the_step_cell_is_named(store):
    prepared = check(store, [[2025, None, 10, 400000]], headers=["aar", "trin", "forventet_antal",
                                                               "forventet_gennemsnitspris"])
    assert found(prepared) == [
        ("fejl", SHEET, 2, "B (trin)", "Både indsatstype og trin er tomme; udfyld den ene af dem.")]


def test_sheet_without_type_and_step_columns(store):
    prepared = check(store, [[2025, 10, 400000]], headers=["aar", "forventet_antal", "forventet_gennemsnitspris"])
    assert ("fejl", SHEET, 1, "indsatstype / trin",
            "Den påkrævede kolonne 'indsatstype / trin' mangler. Tilføj den i overskriftsrækken (række 1).") \
        in found(prepared)


def test_negative_price_and_count_are_errors(store):
    prepared = check(store, [[2025, None, 2, 10, -100], [2025, None, 3, "-2,5", "1.000,00"],
                             [2025, None, 4, 1, "-1.250,50 kr."]])
    assert found(prepared) == [
        ("fejl", SHEET, 2, "E (forventet_gennemsnitspris)",
         "Fandt -100, men 'forventet_gennemsnitspris' må ikke være negativ."),
        ("fejl", SHEET, 3, "D (forventet_antal)", "Fandt -2.5, men 'forventet_antal' må ikke være negativ."),
        ("fejl", SHEET, 4, "E (forventet_gennemsnitspris)",
         "Fandt -1250.5, men 'forventet_gennemsnitspris' må ikke være negativ."),
    ]


def test_required_year_count_and_price(store):
    prepared = check(store, [[None, None, 2, None, None]])
    assert found(prepared) == [
        ("fejl", SHEET, 2, "A (aar)", "Feltet er tomt, men 'aar' skal udfyldes."),
        ("fejl", SHEET, 2, "D (forventet_antal)", "Feltet er tomt, men 'forventet_antal' skal udfyldes."),
        ("fejl", SHEET, 2, "E (forventet_gennemsnitspris)",
         "Feltet er tomt, men 'forventet_gennemsnitspris' skal udfyldes."),
    ]


def test_duplicate_year_and_type_or_step_is_an_error(store):
    prepared = check(store, [[2025, "Plejefamilie", None, 10, 400000], [2025, None, 2, 10, 50000],
                             [2025, "Plejefamilie", None, 11, 410000], [2025, None, 2, 12, 50000],
                             [2026, "Plejefamilie", None, 10, 400000]])
    assert found(prepared) == [
        ("fejl", SHEET, 2, "A (aar)", "'2025 / Plejefamilie' står flere gange i 'aar / indsatstype / trin' "
                                      "(også række 4). Hver værdi må kun forekomme én gang."),
        ("fejl", SHEET, 3, "A (aar)", "'2025 / 2' står flere gange i 'aar / indsatstype / trin' "
                                      "(også række 5). Hver værdi må kun forekomme én gang."),
        ("fejl", SHEET, 4, "A (aar)", "'2025 / Plejefamilie' står flere gange i 'aar / indsatstype / trin' "
                                      "(også række 2). Hver værdi må kun forekomme én gang."),
        ("fejl", SHEET, 5, "A (aar)", "'2025 / 2' står flere gange i 'aar / indsatstype / trin' "
                                      "(også række 3). Hver værdi må kun forekomme én gang."),
    ]


# --- re-upload: the same kommune × aar is replaced as a whole ---------------------------------

def test_reupload_of_a_year_replaces_that_year_only(store):
    upload(store, [[2024, None, 2, 30, 50000], [2025, None, 2, 40, 60000], [2025, None, 3, 8, 120000],
                   [2025, "Plejefamilie", None, 12, 450000]])
    # another municipality's 2025 is outside the scope
    store.write_batch({"budgetforudsaetninger": volume_price.pd.DataFrame(
        [{"kommune": "Nabo", "aar": 2025, "indsatstype": "", "trin": 3, "forventet_antal": 1.0,
          "forventet_gennemsnitspris": 1.0}])}, user="t", file_name="nabo", kind="test")
    # 2025 again: step 2 changed, step 3 unchanged, Plejefamilie dropped, step 6 new
    prepared = check(store, [[2025, None, 2, 42, 61000], [2025, None, 3, 8, 120000], [2025, None, 6, 2, 1_000_000]])
    assert prepared.ok
    assert prepared.preview[["tabel", "periode", "nye", "erstatter", "uaendrede", "fjernes"]].values.tolist() == [
        ["budgetforudsaetninger", "2025", 1, 1, 1, 1]]
    assert commit(prepared, store=store, user="t").stored
    assert stored(store) == [("Kommune", 2024, "", 2, 30.0, 50000.0, 1),
                             ("Kommune", 2025, "", 2, 42.0, 61000.0, 3),
                             ("Kommune", 2025, "", 3, 8.0, 120000.0, 3),
                             ("Kommune", 2025, "", 6, 2.0, 1_000_000.0, 3),
                             ("Nabo", 2025, "", 3, 1.0, 1.0, 2)]
    with store.connect(read_only=True) as con:
        archived = con.execute("SELECT aar, indsatstype, trin, batch_id, erstattet_af_batch "
                               "FROM budgetforudsaetninger_erstattet ORDER BY ALL").fetchall()
    assert archived == [(2025, "", 2, 1, 3), (2025, "", 3, 1, 3), (2025, "Plejefamilie", 0, 1, 3)]

    # undo brings back exactly the year as it was
    batches.undo(store, 3)
    assert stored(store) == [("Kommune", 2024, "", 2, 30.0, 50000.0, 1),
                             ("Kommune", 2025, "", 2, 40.0, 60000.0, 1),
                             ("Kommune", 2025, "", 3, 8.0, 120000.0, 1),
                             ("Kommune", 2025, "Plejefamilie", 0, 12.0, 450000.0, 1),
                             ("Nabo", 2025, "", 3, 1.0, 1.0, 2)]


def test_kommune_column_blank_is_the_installations_and_scopes_by_its_own_kommune(store):
    upload(store, [[2025, None, 2, 40, 60000]])
    upload(store, [[2025, None, 3, 5, 100000, "Nabo"], [2025, None, 4, 1, 200000, ""]], headers=[*HEADERS, "kommune"])
    # Kommune's 2025 was re-uploaded (step 4 only, step 2 archived); Nabo's 2025 is new
    assert [row[:4] for row in stored(store)] == [("Kommune", 2025, "", 4), ("Nabo", 2025, "", 3)]


def test_history_names_the_sheet_and_year(store):
    upload(store, [[2025, None, 2, 40, 60000]])
    frame = batches.history_frame(store)
    assert frame[["Ark", "Perioder", "Rækker"]].values.tolist() == [["Budgetforudsaetninger", "2025", 1]]


# --- the template -----------------------------------------------------------------------------

def test_template_has_the_sheet_with_a_guide_entry_per_column(tmp_path):
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    sheet = workbook[SHEET]
    assert [cell.value for cell in sheet[1]] == [*HEADERS, "kommune"]
    guide = [[c.value for c in row] for row in workbook["Vejledning"].iter_rows(min_row=6)]
    entries = [row for row in guide if row[0] == SHEET]
    assert [row[:4] for row in entries] == [
        [SHEET, "aar", "årstal", "ja"], [SHEET, "indsatstype", "tekst", "nej"], [SHEET, "trin", "helt tal", "nej"],
        [SHEET, "forventet_antal", "tal", "ja"], [SHEET, "forventet_gennemsnitspris", "beløb i kr.", "ja"],
        [SHEET, "kommune", "tekst", "nej"]]
    assert all(row[4] for row in entries)
    assert "ikke begge" in entries[1][4] and entries[2][4].startswith("fra 1 til 6")
    # decimals are allowed in the count and the price: a floor at 0, not a whole number
    checks = {str(v.sqref).split(":")[0][:-1]: v for v in sheet.data_validations.dataValidation}
    assert (checks["D"].type, checks["D"].operator, checks["D"].formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert checks["E"].type == "decimal" and checks["C"].type == "whole"

    # filled in and uploaded as it is
    sheet.append([2025, None, 2, 12.5, 60000.5])
    sheet.append([2025, "Plejefamilie", None, 3, 450000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    store = Store(tmp_path / "t.duckdb")
    prepared = prepare([("skabelon.xlsx", buffer.getvalue())], store=store)
    assert prepared.ok and prepared.problems == []
    assert commit(prepared, store=store, user="t").stored
    assert stored(store) == [("Kommune", 2025, "", 2, 12.5, 60000.5, 1),
                             ("Kommune", 2025, "Plejefamilie", 0, 3.0, 450000.0, 1)]
