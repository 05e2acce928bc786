"""The template: its structure, and a round trip template -> filled in by code -> upload -> stored rows."""
import io
from datetime import date

import openpyxl

from steering_core.store import Store
from steering_core.upload import contract
from tests import samples
from steering_core.upload.importer import commit, prepare
from steering_core.upload.template import template_bytes, write_template


def load():
    return openpyxl.load_workbook(io.BytesIO(template_bytes()))


def test_one_sheet_per_contract_table_plus_guide():
    workbook = load()
    assert workbook.sheetnames == ["Vejledning", "Enheder", "Befolkning", "UTM", "Indsatser", "Oekonomi", "Noegletal",
                                  "Budgetforudsaetninger", "PlanlagteSager", "FITMaalinger"]
    for spec in contract.SHEETS:
        sheet = workbook[spec.name]
        assert [cell.value for cell in sheet[1]] == [column.name for column in spec.columns]
        assert sheet.freeze_panes == "A2"
        assert all(sheet.column_dimensions[cell.column_letter].width >= 14 for cell in sheet[1])
        assert all(cell.font.bold and cell.comment is not None for cell in sheet[1])


def test_a_fit_score_column_allows_0_to_40_with_decimals():
    validations = load()["FITMaalinger"].data_validations.dataValidation
    ors = next(v for v in validations if str(v.sqref).startswith("C2"))
    assert (ors.type, ors.operator, ors.formula1, ors.formula2) == ("decimal", "between", "0", "40")


def test_every_enumerated_column_has_a_drop_down():
    workbook = load()
    for spec in contract.SHEETS:
        sheet = workbook[spec.name]
        lists = {str(v.sqref).split(":")[0][:-1]: v for v in sheet.data_validations.dataValidation if v.type == "list"}
        for index, column in enumerate(spec.columns, 1):
            letter = openpyxl.utils.get_column_letter(index)
            if column.kind == contract.CHOICE:
                assert lists[letter].formula1 == '"' + ",".join(column.choices) + '"', (spec.name, column.name)
                assert lists[letter].errorStyle == ("warning" if column.open_list else "stop")
            elif column.kind == contract.YESNO:
                assert lists[letter].formula1 == '"ja,nej"'
            else:
                assert letter not in lists


def test_date_amount_and_text_formats():
    workbook = load()
    utm, indsats, economy = workbook["UTM"], workbook["Indsatser"], workbook["Oekonomi"]
    assert utm.column_dimensions["B"].number_format == "dd-mm-yyyy"
    assert utm.column_dimensions["A"].number_format == "@"
    assert indsats.column_dimensions["O"].number_format == "#,##0.00"
    assert economy.column_dimensions["A"].number_format == "@"  # 2025-07 must stay text, not become a date


def test_guide_sheet_explains_every_column():
    guide = load()["Vejledning"]
    assert guide["A1"].value == "Kvartalsindberetning – skabelon"
    assert "CPR-numre" in guide["A3"].value
    rows = [[c.value for c in row] for row in guide.iter_rows(min_row=6)]
    assert len(rows) == sum(len(spec.columns) for spec in contract.SHEETS)
    assert ["UTM", "henvendelsesdato", "dato", "nej", "ikke efter moededato"] in rows
    assert ["UTM", "alder", "helt tal", "ja", "fra 0 til 22"] in rows


def test_round_trip_template_filled_by_code_uploaded_and_stored(tmp_path):
    path = write_template(tmp_path / "skabelon.xlsx")
    workbook = openpyxl.load_workbook(path)
    for row in samples.UNITS:
        workbook["Enheder"].append(row)
    workbook["UTM"].append(["M1", date(2025, 7, 3), date(2025, 7, 1), "S1", "B1", 9, "pige", "foerste", "paragraf11",
                            "ja"])
    workbook["Indsatser"].append(samples.indsats_row(0))
    workbook["Oekonomi"].append(["2025K3", "skole", "loen", "", 1000000, 950000.5])
    workbook["Noegletal"].append(["2025K3", "Nord", None, "underretninger", 12, None])
    workbook["Befolkning"].append(["Nord", 2025, "6-17", 2500])
    filled = tmp_path / "udfyldt.xlsx"
    workbook.save(filled)

    store = Store(tmp_path / "t.duckdb")
    prepared = prepare([(filled.name, filled.read_bytes())], store=store, stated_quarter="2025K3")
    assert prepared.ok and prepared.problems == []
    assert commit(prepared, store=store, user="t").stored
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT moede_id, moededato, udfald, raadgiver_deltog FROM utm").fetchall() == [
            ("M1", date(2025, 7, 3), "paragraf11", True)]
        assert con.execute("SELECT indsats_id, familie, trin, distrikt, maanedlig_udgift FROM indsats").fetchall()[0][:4] == (
            "I000000", "forebyggende", 2, "Nord")
        assert con.execute("SELECT count(*) FROM enhed").fetchall() == [(4,)]
        assert con.execute("SELECT forbrug FROM oekonomi").fetchall()[0][0] == 950000.5
        assert con.execute("SELECT antal FROM befolkning").fetchall() == [(2500,)]
        assert con.execute("SELECT distrikt, enhed_id, vaerdi FROM noegletal").fetchall() == [("Nord", "", 12.0)]
