"""The report: a copy of the file with problem cells coloured and commented."""
import io

import openpyxl

from steering_core.store import Store
from tests import samples
from steering_core.upload.importer import prepare
from steering_core.upload.report import ERROR_FILL, WARNING_FILL, report_bytes

UNITS = [samples.UNIT_HEADERS, *samples.UNITS]


def test_problem_cells_are_highlighted_with_a_comment(tmp_path):
    rows = [samples.UTM_HEADERS + ["note"], *[r + [""] for r in samples.utm_rows(3)]]
    rows[2][5] = 99
    rows[3][8] = "ingn"
    rows.append(["I alt"])
    data = samples.workbook_bytes({"Enheder": UNITS, "UTM": rows, "Gammel": [["x"]]}, hidden=("Gammel",))
    prepared = prepare([("k.xlsx", data)], store=Store(tmp_path / "t.duckdb"))
    workbook = openpyxl.load_workbook(io.BytesIO(report_bytes(prepared)))
    assert workbook.sheetnames == ["Problemer", "Enheder", "UTM", "Gammel"]
    assert workbook["Gammel"].sheet_state == "hidden"
    utm = workbook["UTM"]
    assert utm["F3"].value == 99 and utm["F3"].fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert utm["F3"].comment.text == "Fandt 99, forventede et helt tal fra 0 til 22."
    assert utm["I4"].comment.text.startswith("Fandt 'ingn', som ikke er en tilladt værdi. Mente du 'ingen'?")
    assert utm["K1"].fill.fgColor.rgb == WARNING_FILL.fgColor.rgb          # the extra column
    assert utm["A5"].comment.text == "Rækken er en sumrække ('I alt') og er sprunget over."
    assert utm["A2"].comment is None and utm["A2"].value == "M000000"
    problems = [row for row in workbook["Problemer"].iter_rows(values_only=True)]
    assert problems[0] == ("Type", "Fil", "Ark", "Række", "Kolonne", "Problem")
    assert len(problems) == 1 + len(prepared.problems)


def test_several_files_get_their_own_sheets(tmp_path):
    a = samples.workbook_bytes({"UTM": [samples.UTM_HEADERS, *samples.utm_rows(1)]})
    prepared = prepare([("a.xlsx", a), ("b.xlsx", a)], store=Store(tmp_path / "t.duckdb"))
    workbook = openpyxl.load_workbook(io.BytesIO(report_bytes(prepared)))
    assert workbook.sheetnames == ["Problemer", "a-UTM", "b-UTM"]


def test_no_report_after_a_cpr_stop_or_unreadable_file(tmp_path):
    cpr = f"{1:02d}{1:02d}{90:02d}-{1234:04d}"
    data = samples.workbook_bytes({"UTM": [["barn_id"], [cpr]]})
    assert report_bytes(prepare([("k.xlsx", data)], store=Store(tmp_path / "t.duckdb"))) is None
    assert report_bytes(prepare([("k.xlsx", b"junk")], store=Store(tmp_path / "t.duckdb"))) is None


def test_control_characters_do_not_break_the_report(tmp_path):
    text = "enhed_id;enhed_navn;enhedstype;distrikt;sektor;note\nS1;Skole\x01n;skole;Nord;skolee;b\x02\n"
    prepared = prepare([("enheder.csv", text.encode())], store=Store(tmp_path / "t.duckdb"))
    workbook = openpyxl.load_workbook(io.BytesIO(report_bytes(prepared)))
    sheet = workbook["enheder"]
    # the copy follows the text rule (docs/DATA_FORMAT.md): a control character becomes a space
    assert sheet["B2"].value == "Skole n" and sheet["E2"].comment is not None
    assert "upload.warn.text_cleaned" in [p.code for p in prepared.problems]


def test_formulas_in_the_upload_are_never_live_in_the_report(tmp_path):
    text = (";".join(samples.UTM_HEADERS) + '\n=HYPERLINK("http://x","klik");2025-07-01;;S1;@SUM(1);tolv;-;'
            '+foerste;\tingen;ja\n')
    prepared = prepare([("utm.csv", text.encode())], store=Store(tmp_path / "t.duckdb"))
    assert prepared.errors
    book = openpyxl.load_workbook(io.BytesIO(report_bytes(prepared)))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    copy = book["utm"]
    assert [copy[ref].value for ref in ("A2", "E2", "G2", "H2", "I2")] == [
        '\'=HYPERLINK("http://x","klik")', "'@SUM(1)", "'-", "'+foerste", "'\tingen"]
    assert copy["F2"].value == "tolv" and copy["J2"].value == "ja"
