"""A corpus of hostile upload files, generated at test time (no binaries in the repository).

    python -m tests.hostile.make_corpus OUT_DIR      # writes the files and prints their names

Each entry is (file name, bytes builder, expectation, text codes one of the problems must have):
``refused`` files must store nothing and leave the database unchanged; ``stored`` files must
store with the listed warnings; ``any`` files may go either way, but never take the process down.
CPR-like values are assembled here at run time from a valid date and four digits.
"""
from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from tests import samples
from steering_core.upload.problems import column_letter

_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def cpr_digits(day: date = date(1994, 1, 24), serial: int = 3456) -> tuple[str, str]:
    """The six date digits and four serial digits of a CPR-like (not real) number."""
    return f"{day:%d%m%y}", f"{serial:04d}"


def xlsx(sheets: dict[str, str], shared: str | None = None, extra: dict[str, bytes] | None = None,
         hidden_sheets: tuple[str, ...] = ()) -> bytes:
    """An .xlsx from raw sheet XML (the ``<sheetData>`` inner part, or a whole worksheet)."""
    names = list(sheets)
    content_types = (f'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                     f'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                     f'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                     f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
                     + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
                               for i in range(1, len(names) + 1))
                     + (f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
                        if shared else "") + "</Types>")
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = (f'<?xml version="1.0"?><workbook xmlns="{_MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships"><sheets>'
                + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"{_state(n in hidden_sheets)}/>'
                          for i, n in enumerate(names, 1)) + "</sheets></workbook>")
    workbook_rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                     'relationships">'
                     + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
                               f'2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                               for i in range(1, len(names) + 1))
                     + (f'<Relationship Id="rId{len(names) + 1}" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                        if shared else "") + "</Relationships>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        for i, body in enumerate(sheets.values(), 1):
            whole = body if body.startswith("<?xml") else (
                f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"><sheetData>{body}</sheetData></worksheet>')
            archive.writestr(f"xl/worksheets/sheet{i}.xml", whole)
        if shared:
            archive.writestr("xl/sharedStrings.xml", shared)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _state(hidden: bool) -> str:
    return ' state="hidden"' if hidden else ""


def _cell(ref: str, value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def rows_xml(rows: list[list[object]], first: int = 1, hidden: tuple[int, ...] = ()) -> str:
    """Rows of inline-string/number cells as sheet XML, Excel numbering from ``first``."""
    out = []
    for r, row in enumerate(rows, first):
        cells = "".join(_cell(f"{_letters(c)}{r}", v) for c, v in enumerate(row) if v not in (None, ""))
        out.append(f'<row r="{r}"{_hidden(r in hidden)}>{cells}</row>')
    return "".join(out)


def _hidden(hidden: bool) -> str:
    return ' hidden="1"' if hidden else ""


_letters = column_letter


def units_sheet(name_of_s1: str = "Nordskolen", id_of_s1: str = "S1") -> str:
    units = [list(u) for u in samples.UNITS]
    units[0][0], units[0][1] = id_of_s1, name_of_s1
    return rows_xml([samples.UNIT_HEADERS, *units])


def _utm(rows_after_header: list[list[object]]) -> bytes:
    return xlsx({"Enheder": units_sheet(), "UTM": rows_xml([samples.UTM_HEADERS, *rows_after_header])})


def _utm_row(**change: object) -> list[object]:
    row = ["M1", 45870, 45865, "S1", "B0001", 7, "pige", "foerste", "ingen", "ja"]
    for index, value in change.items():
        row[int(index[1:])] = value
    return row


def _indsats(**change: object) -> bytes:
    row = samples.indsats_row(1)
    row = [45870 if isinstance(v, date) else v for v in row]
    row[12] = ""
    for index, value in change.items():
        row[int(index[1:])] = value
    return xlsx({"Enheder": units_sheet(), "Indsatser": rows_xml([samples.INDSATS_HEADERS, row])})


def _cpr_in_utm(barn_id: object) -> bytes:
    return _utm([_utm_row(c4=barn_id)])


def _zip_of(members: dict[str, bytes], level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _ods(content_body: str) -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f'<office:body><office:spreadsheet>{content_body}</office:spreadsheet></office:body>'
               '</office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _cpr_text(join: str, fullwidth: bool = False) -> str:
    six, four = cpr_digits()
    text = f"{six}{join}{four}"
    return text.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"}) if fullwidth else text


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    expect: str                  # refused | stored | any
    codes: tuple[str, ...] = ()  # every one of these codes must be among the problems


def _lost_zero() -> int:
    six, four = cpr_digits(date(1994, 1, 5))   # 050194xxxx: a number cell drops the leading 0
    return int(six + four)


def _cases() -> list[Case]:
    six, four = cpr_digits()
    xfd = '<row r="1"><c r="A1"><v>1</v></c></row><row r="60000"><c r="XFD60000"><v>1</v></c></row>'
    no_refs = '<row r="1"><c><v>1</v></c></row><row r="60000">' + "<c><v>1</v></c>" * 16384 + "</row>"
    mixed_refs = ('<row r="1"><c r="A1"><v>1</v></c></row><row r="60000">' + "<c><v>1</v></c>" * 16384
                  + "</row>")
    entities = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                          for i in range(1, 10))
                + f']><sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    huge_count = f'<?xml version="1.0"?><sst xmlns="{_MAIN}" count="2000000000" uniqueCount="2000000000"><si><t>x</t></si></sst>'
    ods_repeated = ('<table:table table:name="UTM"><table:table-row table:number-rows-repeated="60000">'
                    '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
                    'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>')
    wide_header = rows_xml([samples.UNIT_HEADERS + [f"x{i}" for i in range(16379)], list(samples.UNITS[0])])
    return [
        # --- memory and process death ---------------------------------------------------------------
        Case("xfd60000.xlsx", lambda: xlsx({"UTM": xfd}), "refused", ("upload.err.too_many_cells",)),
        Case("cells_without_refs.xlsx", lambda: xlsx({"UTM": no_refs}), "refused", ("upload.err.too_many_cells",)),
        Case("mixed_refs.xlsx", lambda: xlsx({"UTM": mixed_refs}), "refused"),
        Case("shared_strings_count.xlsx", lambda: xlsx({"UTM": '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'},
                                                      shared=huge_count), "any"),
        Case("xml_entities.xlsx", lambda: xlsx({"UTM": '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'},
                                               shared=entities), "refused"),
        Case("dimension_lies.xlsx", lambda: xlsx({"Enheder": f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}">'
                                                  '<dimension ref="A1:XFD1048576"/><sheetData>'
                                                  + units_sheet() + "</sheetData></worksheet>"}), "stored"),
        Case("ods_repeated.ods", lambda: _ods(ods_repeated), "refused"),
        Case("zip_ratio.xlsx", lambda: _zip_of({"[Content_Types].xml": b"<Types/>",
                                                "xl/worksheets/sheet1.xml": bytes(64 * 1024 * 1024)}),
             "refused", ("upload.err.zip_ratio",)),
        Case("zip_members.xlsx", lambda: _zip_of({f"x/{i}.xml": b"" for i in range(10_050)}, level=1),
             "refused", ("upload.err.zip_members",)),
        Case("semicolons.csv", lambda: b";" * (21 * 1024 * 1024), "refused", ("upload.err.too_many_cells_csv",)),
        # --- broken and disguised files ---------------------------------------------------------------
        Case("empty.xlsx", lambda: b"", "refused", ("upload.err.empty_file",)),
        Case("truncated.xlsx", lambda: samples.quarterly_workbook()[:3000], "refused", ("upload.err.corrupt",)),
        Case("random.xlsx", lambda: bytes((i * 7919) % 251 for i in range(5000)), "refused", ("upload.err.corrupt",)),
        Case("zip_not_sheet.xlsx", lambda: _zip_of({"readme.txt": b"hej"}), "refused", ("upload.err.corrupt",)),
        Case("encrypted.xlsx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le")
             + bytes(600), "refused", ("upload.err.password",)),
        Case("fake.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "refused", ("upload.err.corrupt",)),
        Case("binary.csv", lambda: b"PK\x03\x04\x00\x00" + bytes(100), "refused", ("upload.err.corrupt",)),
        Case("program.exe", lambda: b"MZ" + bytes(100), "refused", ("upload.err.unsupported",)),
        Case("traversal.xlsx", lambda: _zip_of({"../../etc/passwd": b"x", "[Content_Types].xml": b"<Types/>"}),
             "refused", ("upload.err.corrupt",)),
        Case("utf16_units.csv", lambda: ("\ufeff" + "enhed_id\tenhed_navn\tenhedstype\tdistrikt\tsektor\n"
                                         "S1\tNordskolen\tskole\tNord\tskole\n").encode("utf-16"), "stored"),
        # --- CPR numbers as they are really written -----------------------------------------------------
        Case("cpr_nbsp.xlsx", lambda: _cpr_in_utm(_cpr_text("\u00a0")), "refused", ("upload.err.cpr_column",)),
        Case("cpr_thin_space.xlsx", lambda: _cpr_in_utm(_cpr_text("\u2009")), "refused", ("upload.err.cpr_column",)),
        Case("cpr_spaced_dash.xlsx", lambda: _cpr_in_utm(_cpr_text(" - ")), "refused", ("upload.err.cpr_column",)),
        Case("cpr_minus.xlsx", lambda: _cpr_in_utm(_cpr_text("\u2212")), "refused", ("upload.err.cpr_column",)),
        Case("cpr_en_dash.xlsx", lambda: _cpr_in_utm(_cpr_text(" \u2013 ")), "refused", ("upload.err.cpr_column",)),
        Case("cpr_fullwidth.xlsx", lambda: _cpr_in_utm(_cpr_text("", fullwidth=True)), "refused",
             ("upload.err.cpr_column",)),
        Case("cpr_zero_width.xlsx", lambda: _cpr_in_utm(six + "\u200b" + four), "refused", ("upload.err.cpr_column",)),
        Case("cpr_number_cell.xlsx", lambda: _cpr_in_utm(_lost_zero()), "refused", ("upload.err.cpr_column",)),
        Case("cpr_lost_zero.csv", lambda: (";".join(samples.UTM_HEADERS) + "\nM1;01-08-2025;;S1;"
                                           + str(_lost_zero()) + ";7;pige;foerste;ingen;ja\n").encode(),
             "refused", ("upload.err.cpr_column",)),
        Case("cpr_in_cost.xlsx", lambda: _indsats(c14=float(_lost_zero())), "refused", ("upload.err.cpr_column",)),
        Case("cpr_title_row.xlsx", lambda: xlsx({"UTM": rows_xml([[f"Udtræk {six}-{four}"], [], samples.UTM_HEADERS,
                                                                  _utm_row()])}), "refused", ("upload.err.cpr",)),
        Case("cpr_hidden_sheet.xlsx", lambda: xlsx({"Enheder": units_sheet(), "Noter": rows_xml([[f"{six}{four}"]])},
                                                   hidden_sheets=("Noter",)), "refused", ("upload.err.cpr",)),
        Case("cpr_sheet_name.xlsx", lambda: xlsx({"Enheder": units_sheet(), f"Barn {six}-{four}": rows_xml([["x"]])}),
             "refused", ("upload.err.cpr_sheet_name",)),
        Case(f"barn {six}-{four}.xlsx", lambda: xlsx({"Enheder": units_sheet()}), "refused",
             ("upload.err.cpr_file_name",)),
        # --- text that must not break anything later ----------------------------------------------------
        Case("word_line_break.xlsx", lambda: xlsx({"Enheder": units_sheet("Nord_x000B_skolen")}),  # as Excel stores \x0b
             "stored", ("upload.warn.text_cleaned",)),
        Case("invisible_in_key.xlsx", lambda: xlsx({"Enheder": units_sheet(id_of_s1="S1\u200b\u202e")}), "stored",
             ("upload.warn.text_cleaned",)),
        Case("formula_text.xlsx", lambda: _utm([_utm_row(c0='=HYPERLINK("http://x","klik")', c5="tolv")]),
             "refused", ("upload.err.type.int",)),
        Case("formula_unit_name.csv", lambda: ("enhed_id;enhed_navn;enhedstype;distrikt;sektor\n"
                                               'S1;=HYPERLINK("http://x");skole;Nord;skole\n').encode(), "stored"),
        # --- doubtful values ----------------------------------------------------------------------------
        Case("na_error.xlsx", lambda: xlsx({"Enheder": units_sheet(), "UTM": rows_xml([samples.UTM_HEADERS])
                                            + '<row r="2"><c r="A2" t="inlineStr"><is><t>M1</t></is></c>'
                                            '<c r="B2" t="e"><f>VLOOKUP(1,X,2)</f><v>#N/A</v></c></row>'}),
             "refused", ("upload.err.excel_error",)),
        Case("formula_no_value.xlsx", lambda: xlsx({"Enheder": units_sheet(), "UTM": rows_xml([samples.UTM_HEADERS])
                                                   + '<row r="2"><c r="A2" t="inlineStr"><is><t>M1</t></is></c>'
                                                   '<c r="B2"><f>DATE(2025,8,1)</f></c></row>'}),
             "refused", ("upload.err.formula_no_value",)),
        Case("dash_cost.xlsx", lambda: _indsats(c14="-"), "refused", ("upload.err.dash_amount",)),
        Case("huge_amount.xlsx", lambda: _indsats(c14=1e308), "refused", ("upload.err.too_big",)),
        Case("percent_cost.xlsx", lambda: _indsats(c14="12 %"), "stored", ("upload.warn.percent_amount",)),
        Case("negative_cost.xlsx", lambda: _indsats(c14=-500), "stored", ("upload.warn.negative_cost",)),
        Case("old_date.xlsx", lambda: _utm([_utm_row(c1=400, c2=390)]), "stored", ("upload.warn.date_window",)),
        Case("filtered_rows.xlsx", lambda: xlsx({"Enheder": rows_xml([samples.UNIT_HEADERS, *samples.UNITS],
                                                                     hidden=(3,))}), "stored",
             ("upload.warn.hidden_rows",)),
        Case("wide_header.xlsx", lambda: xlsx({"Enheder": wide_header}), "stored", ("upload.warn.extra_columns",)),
        Case("long_text.xlsx", lambda: xlsx({"Enheder": units_sheet("x" * 32_000)}), "stored"),
    ]


CASES = _cases()


def write_corpus(folder: Path) -> list[tuple[Path, Case]]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for case in CASES:
        path = folder / case.name
        path.write_bytes(case.build())
        written.append((path, case))
    return written


if __name__ == "__main__":
    for path, _ in write_corpus(Path(sys.argv[1])):
        print(path)
