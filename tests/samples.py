"""Small valid workbooks built in code, for the tests and the upload benchmark.

Nothing here is real data: ids are made up and children are ``B0001``-style
pseudonyms.
"""
from __future__ import annotations

import io
import itertools
import zipfile
from datetime import date, timedelta
from typing import Iterable

import openpyxl

from steering_core.upload import contract

UNITS = [
    ["S1", "Nordskolen", "skole", "Nord", "skole"],
    ["S2", "Sydskolen", "skole", "Syd", "skole"],
    ["D1", "Børnehuset Mælkebøtten", "dagtilbud", "Nord", "dagtilbud"],
    ["F1", "Familieafdelingen", "familie_myndighed", "Nord", "familie_myndighed"],
]


def _headers(spec: contract.SheetSpec) -> list[str]:
    """The sheet's columns in the template's order, without the optional ``kommune``."""
    return [column.name for column in spec.columns if column.name != "kommune"]


UNIT_HEADERS = _headers(contract.ENHEDER)
UTM_HEADERS = _headers(contract.UTM)
INDSATS_HEADERS = _headers(contract.INDSATSER)
OEKONOMI_HEADERS = _headers(contract.OEKONOMI)
NOEGLETAL_HEADERS = _headers(contract.NOEGLETAL)
BEFOLKNING_HEADERS = _headers(contract.BEFOLKNING)


def utm_rows(n: int, first: date = date(2025, 7, 1), prefix: str = "M") -> list[list[object]]:
    outcomes = ["paragraf11", "almen_indsats", "underretning", "ingen"]
    return [[f"{prefix}{i:06d}", first + timedelta(days=i % 90), first + timedelta(days=i % 90 - 7),
             ["S1", "S2", "D1"][i % 3], f"B{i:06d}", i % 18, ["pige", "dreng"][i % 2],
             ["foerste", "opfoelgning"][i % 2], outcomes[i % 4], ["ja", "nej"][i % 2]] for i in range(n)]


_KINDS = [("SEL § 11, stk. 3", "Familiebehandling", 2), ("BL § 30", "Samtaleforløb", 2),
          ("BL § 32", "Kontaktperson", 3), ("BL § 46", "Plejefamilie", 5)]


def indsats_row(i: int, first: date = date(2025, 7, 1), prefix: str = "I", digits: int = 6) -> list[object]:
    paragraf, kind, step = _KINDS[i % 4]
    start = first + timedelta(days=i % 90)
    return [f"{prefix}{i:0{digits}d}", f"B{i:0{digits}d}", paragraf, kind, step,
            ["skoleleder", "familieafdeling"][i % 2], ["S1", "S2"][i % 2], "F1", "familie_myndighed",
            ["Nord", "Syd"][i % 2], start, start + timedelta(days=90),
            start + timedelta(days=60) if i % 3 == 0 else None, ["ja", "nej"][i % 2],
            1000.0 + (i % 50) * 250.5, f"M{i:0{digits}d}", ["ja", "delvist", "nej"][i % 3]]


def indsats_rows(n: int, first: date = date(2025, 7, 1), prefix: str = "I") -> list[list[object]]:
    return [indsats_row(i, first, prefix) for i in range(n)]


def oekonomi_rows(period: str = "2025K3") -> list[list[object]]:
    return [[period, "skole", "loen", "", 1_000_000.0, 950_000.0],
            [period, "skole", "indsatser", "", 200_000.0, 240_500.5],
            [period, "familie_myndighed", "indsatser", "Trivsel på Tværs", 500_000.0, 480_000.0]]


def noegletal_rows(period: str = "2025K3") -> list[list[object]]:
    return [[period, "Nord", "", "underretninger", 42, None],
            [period, "", "S1", "trivsel_groen", 71.5, 230]]


def befolkning_rows(year: int = 2025) -> list[list[object]]:
    return [[d, year, g, n] for d in ("Nord", "Syd") for g, n in (("0-5", 1200), ("6-17", 2500), ("18-22", 900))]


def workbook_bytes(sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()) -> bytes:
    """An .xlsx with one sheet per entry (first row = headers); ``hidden`` sheets are hidden."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def quarterly_workbook(utm: int = 5, indsatser: int = 5, period: str = "2025K3") -> bytes:
    """A complete, valid quarterly workbook."""
    return workbook_bytes({
        "Enheder": [UNIT_HEADERS, *UNITS],
        "Befolkning": [BEFOLKNING_HEADERS, *befolkning_rows()],
        "UTM": [UTM_HEADERS, *utm_rows(utm)],
        "Indsatser": [INDSATS_HEADERS, *indsats_rows(indsatser)],
        "Oekonomi": [OEKONOMI_HEADERS, *oekonomi_rows(period)],
        "Noegletal": [NOEGLETAL_HEADERS, *noegletal_rows(period)],
    })


def write_large_indsatser(path, rows: int) -> None:
    """An .xlsx with Enheder and a large Indsatser sheet, written in openpyxl's write-only mode."""
    workbook = openpyxl.Workbook(write_only=True)
    units = workbook.create_sheet("Enheder")
    for row in [UNIT_HEADERS, *UNITS]:
        units.append(row)
    sheet = workbook.create_sheet("Indsatser")
    sheet.append(INDSATS_HEADERS)
    for i in range(rows):
        sheet.append(indsats_row(i, digits=7))
    workbook.save(path)


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def write_excel_like(path, sheets: dict[str, Iterable[list[object]]]) -> None:
    """An .xlsx the way Excel stores it (shared strings, dates as styled serials), written as a stream.

    openpyxl's write-only mode stores every text inline, which Excel never
    does and which makes files several times larger; this writer gives the
    benchmark a file shaped like a real upload, quickly.
    """
    from xml.sax.saxutils import escape

    from steering_core.upload.parsing import excel_serial
    from steering_core.upload.problems import column_letter

    strings: dict[str, int] = {}
    letters = [column_letter(i) for i in range(64)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        names = list(sheets)
        for number, name in enumerate(names, 1):
            with archive.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as out:
                out.write(f'{_XML}<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
                for r, row in enumerate(sheets[name], 1):
                    cells = []
                    for col, value in enumerate(row):
                        ref = f"{letters[col]}{r}"
                        if value is None or value == "":
                            continue
                        if isinstance(value, str):
                            index = strings.setdefault(value, len(strings))
                            cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
                        elif isinstance(value, bool):
                            cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
                        elif isinstance(value, date):
                            cells.append(f'<c r="{ref}" s="1"><v>{excel_serial(value)}</v></c>')
                        else:
                            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                    out.write(f'<row r="{r}">{"".join(cells)}</row>'.encode())
                out.write(b"</sheetData></worksheet>")
        shared = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
        archive.writestr("xl/sharedStrings.xml", f'{_XML}<sst xmlns="{_MAIN}" count="{len(strings)}" '
                                                 f'uniqueCount="{len(strings)}">{shared}</sst>')
        archive.writestr("xl/styles.xml", (
            f'{_XML}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd-mm-yyyy"/>'
            '</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
            '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'))
        sheet_list = "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
        archive.writestr("xl/workbook.xml", f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{sheet_list}'
                                            f'</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, len(names) + 1))
        n = len(names)
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'{_XML}<Relationships xmlns="{_PKG}">{rels}'
            f'<Relationship Id="rId{n + 1}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId{n + 2}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'))
        archive.writestr("_rels/.rels", f'{_XML}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
                                        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
                            for i in range(1, n + 1))
        archive.writestr("[Content_Types].xml", (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>{overrides}'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/></Types>'))


def large_indsatser_sheets(rows: int) -> dict[str, Iterable[list[object]]]:
    """Enheder plus an Indsatser sheet of ``rows`` rows, generated lazily."""
    return {"Enheder": [UNIT_HEADERS, *UNITS],
            "Indsatser": itertools.chain([INDSATS_HEADERS], (indsats_row(i, digits=7) for i in range(rows)))}
