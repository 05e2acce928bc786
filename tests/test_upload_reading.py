"""Reading files: formats, encodings, hidden sheets, formulas, limits, broken and hostile input."""
import io
import re
import zipfile

import pytest

from steering_core.store import Store
from tests import samples
from steering_core.upload.importer import prepare
from steering_core.upload.reading import MB, Limits, ReadError, read_bytes, sniff_delimiter


def ods_bytes(sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()) -> bytes:
    """A minimal OpenDocument spreadsheet, as LibreOffice would store it."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')
    tables = []
    for name, rows in sheets.items():
        body = []
        for row in rows:
            cells = [f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p>'
                     '</table:table-cell>' if isinstance(v, (int, float)) else
                     f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
                     for v in row]
            body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        style = ' table:style-name="hid"' if name in hidden else ""
        tables.append(f'<table:table table:name="{name}"{style}>{"".join(body)}</table:table>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               '<office:automatic-styles><style:style style:name="hid" style:family="table">'
               '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
               f'<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body>'
               '</office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            '</manifest:manifest>')


def with_cached_values(data: bytes, values: dict[str, str]) -> bytes:
    """Give openpyxl's formulas the cached results Excel stores next to them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = content.decode()
                for cell, value in values.items():
                    text = re.sub(rf'(<c r="{cell}"[^>]*>)(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)', rf"\g<1>\g<2><v>{value}</v>", text)
                content = text.encode()
            target.writestr(item, content)
    return buffer.getvalue()


UNITS = [samples.UNIT_HEADERS, *samples.UNITS]


def test_xlsx_values_dates_and_hidden_sheets():
    data = samples.workbook_bytes({"Enheder": UNITS, "Gammelt": [["x"]]}, hidden=("Gammelt",))
    raw = read_bytes("k.xlsx", data)
    assert raw.format == "xlsx" and len(raw.sha256) == 64
    assert [(s.name, s.hidden) for s in raw.sheets] == [("Enheder", False), ("Gammelt", True)]
    assert raw.sheets[0].rows[1][:2] == ["S1", "Nordskolen"]


def test_formulas_are_read_as_their_stored_values(tmp_path):
    rows = [samples.OEKONOMI_HEADERS, ["2025K3", "skole", "loen", "", 1000, "=E2*2"]]
    data = with_cached_values(samples.workbook_bytes({"Oekonomi": rows}), {"F2": "2000"})
    prepared = prepare([("k.xlsx", data)], store=Store(tmp_path / "t.duckdb"))
    assert prepared.ok, prepared.problems
    assert prepared.tables["oekonomi"]["forbrug"].tolist() == [2000.0]


def test_ods_with_hidden_sheet(tmp_path):
    data = ods_bytes({"Enheder": UNITS, "Skjult": [["x"]]}, hidden=("Skjult",))
    raw = read_bytes("k.ods", data)
    assert raw.format == "ods" and [s.hidden for s in raw.sheets] == [False, True]
    prepared = prepare([("k.ods", data)], store=Store(tmp_path / "t.duckdb"))
    assert prepared.ok and len(prepared.tables["enhed"]) == 4
    assert [p.message for p in prepared.warnings] == ["Arket er skjult og er ikke indlæst. Vis arket i Excel, hvis "
                                                      "det skal med."]


@pytest.mark.parametrize("encoding, delimiter", [("utf-8", ";"), ("utf-8-sig", ";"), ("cp1252", ";"),
                                                 ("utf-8", ","), ("cp1252", "\t")])
def test_csv_encodings_and_delimiters(tmp_path, encoding, delimiter):
    lines = [delimiter.join(samples.UNIT_HEADERS)] + [delimiter.join(row) for row in samples.UNITS]
    data = "\r\n".join(lines).encode(encoding)
    prepared = prepare([("enheder.csv", data)], store=Store(tmp_path / "t.duckdb"))
    assert prepared.ok, prepared.problems
    assert "Børnehuset Mælkebøtten" in prepared.tables["enhed"]["enhed_navn"].tolist()


def test_csv_with_danish_amounts_and_quotes(tmp_path):
    text = ('periode;sektor;omkostningstype;projekt;budget;forbrug\n'
            '2025K3;skole;løn;"Trivsel; på Tværs";"1.234.567,50";1.000 kr.\n')
    prepared = prepare([("oekonomi_2025K3.csv", text.encode("cp1252"))], store=Store(tmp_path / "t.duckdb"))
    assert prepared.ok, prepared.problems
    frame = prepared.tables["oekonomi"]
    assert frame[["omkostningstype", "projekt", "budget", "forbrug"]].values.tolist() == [
        ["loen", "Trivsel; på Tværs", 1234567.5, 1000.0]]


def test_delimiter_sniffing():
    assert sniff_delimiter("a;b;c\n1,5;2;3\n") == ";"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","


def test_many_files_at_once_any_subset_of_sheets(tmp_path):
    units = samples.workbook_bytes({"Enheder": UNITS})
    utm = ";".join(samples.UTM_HEADERS) + "\nM1;03-07-2025;;S1;B1;7;pige;foerste;ingen;nej\n"
    economy = samples.workbook_bytes({"Økonomi": [samples.OEKONOMI_HEADERS, *samples.oekonomi_rows()]})
    prepared = prepare([("enheder.xlsx", units), ("utm.csv", utm.encode()), ("finans.xlsx", economy)],
                       store=Store(tmp_path / "t.duckdb"))
    assert prepared.ok, prepared.problems
    assert sorted(prepared.tables) == ["enhed", "oekonomi", "utm"]
    assert prepared.file_names == ["enheder.xlsx", "utm.csv", "finans.xlsx"]


def test_openpyxl_path_reads_the_same_cells():
    data = samples.quarterly_workbook(utm=3, indsatser=3)
    fast, slow = read_bytes("k.xlsx", data), read_bytes("k.xlsx", data, engine="openpyxl")
    assert [s.name for s in fast.sheets] == [s.name for s in slow.sheets]
    for a, b in zip(fast.sheets, slow.sheets):
        for row_a, row_b in zip(a.rows, b.rows):
            norm = [v.date() if hasattr(v, "date") and callable(v.date) else v for v in row_b]
            assert [float(v) if isinstance(v, int) else v for v in row_a] == \
                [float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in norm]


# --- limits and hostile input ----------------------------------------------------------------

def _message(name: str, data: bytes, **limits) -> str:
    with pytest.raises(ReadError) as caught:
        read_bytes(name, data, limits=Limits(**limits))
    return caught.value.message


def test_file_size_limit():
    assert _message("k.xlsx", b"x" * 2048, max_file_bytes=1024) == (
        "Filen fylder 0,0 MB; grænsen er 0,0 MB. Del den op, eller upload kun de ark, der er ændret.")


def test_zip_bomb_is_refused_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * MB))
    data = buffer.getvalue()
    assert len(data) < MB
    message = _message("bombe.xlsx", data, max_unpacked_bytes=20 * MB)
    assert message == "Filen fylder 30,0 MB udpakket; grænsen er 20,0 MB. Den er afvist for at beskytte serveren."
    assert "udpakket" in _message("bombe.xlsx", data)  # the compression ratio alone gives it away


def test_row_limit():
    data = samples.workbook_bytes({"UTM": [samples.UTM_HEADERS, *samples.utm_rows(20)]})
    assert _message("k.xlsx", data, max_rows=10) == "Filen har mindst 21 rækker; grænsen er 10. Del den op i flere filer."


def test_password_protected_xlsx():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100
    expected = "Filen er beskyttet med adgangskode og kan ikke læses. Gem den uden adgangskode, og upload igen."
    assert _message("k.xlsx", ole) == expected
    assert _message("k.xls", ole) == expected


@pytest.mark.parametrize("name, data, expected", [
    ("k.xlsx", b"PK\x03\x04 not really a zip", "Filen kunne ikke læses som Excel (.xlsx). Den kan være beskadiget"),
    ("k.ods", b"PK\x03\x04 not really a zip", "Filen kunne ikke læses som OpenDocument (.ods)."),
    ("k.xlsx", b"just text", "Filen kunne ikke læses som Excel (.xlsx)."),
    ("k.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600, "Filen kunne ikke læses som Excel 97-2003 (.xls)."),
    ("k.pdf", b"%PDF-1.4", "Filtypen '.pdf' kan ikke læses. Brug .xlsx, .xlsm, .xls, .ods eller .csv."),
    ("k.xlsx", b"", "Filen er tom."),
])
def test_broken_files_give_danish_messages(name, data, expected):
    assert _message(name, data).startswith(expected)


def test_truncated_xlsx_is_corrupt_not_a_crash(tmp_path):
    data = samples.quarterly_workbook()
    for cut in (100, len(data) // 2, len(data) - 10):
        prepared = prepare([("k.xlsx", data[:cut])], store=Store(tmp_path / "t.duckdb"))
        assert prepared.stopped and prepared.errors and not prepared.ok


def test_zip_that_is_not_a_spreadsheet(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hej")
    prepared = prepare([("k.xlsx", buffer.getvalue())], store=Store(tmp_path / "t.duckdb"))
    assert prepared.problems[0].message.startswith("Filen kunne ikke læses som Excel (.xlsx).")


@pytest.mark.parametrize("data", [b"\x00\x01\x02" * 100, "æøå;;;\n\n\n;".encode(), b"\xff\xfe" + "a;b".encode("utf-16-le"),
                                  b"a" * 200_000, b'"unterminated;\n' * 3])
def test_any_bytes_as_csv_never_raise(tmp_path, data):
    prepared = prepare([("x.csv", data)], store=Store(tmp_path / "t.duckdb"))
    assert not prepared.ok


def test_random_bytes_never_raise(tmp_path):
    import random
    rng = random.Random(7)
    good = samples.quarterly_workbook()
    for i in range(20):
        data = bytearray(good)
        for _ in range(20):
            data[rng.randrange(len(data))] = rng.randrange(256)
        prepared = prepare([(f"k{i}.xlsx", bytes(data))], store=Store(tmp_path / "t.duckdb"))
        assert isinstance(prepared.problems, list)


def test_xlsm_is_read_for_its_values(tmp_path):
    data = samples.workbook_bytes({"Enheder": UNITS})
    prepared = prepare([("makro.xlsm", data)], store=Store(tmp_path / "t.duckdb"))
    assert prepared.ok and len(prepared.tables["enhed"]) == 4


# --- a file cannot exhaust memory or kill the process ---------------------------------------------

from tests.hostile.make_corpus import xlsx as raw_xlsx  # noqa: E402

XFD = '<row r="1"><c r="A1"><v>1</v></c></row><row r="60000"><c r="XFD60000"><v>1</v></c></row>'


def test_a_sheet_too_big_to_read_is_refused_by_name_before_reading():
    data = raw_xlsx({"UTM": XFD})
    assert len(data) < 2000
    with pytest.raises(ReadError) as refused:
        read_bytes("tiny.xlsx", data)
    assert refused.value.message == (
        "Arket 'UTM' spænder over 60.000 rækker og 16.384 kolonner (983.040.000 celler); grænsen er 20.000.000 "
        "celler. Slet tomme rækker og kolonner langt ude i arket (fx en enkelt celle i kolonne XFD), gem, og "
        "upload igen.")


def test_a_reader_that_dies_in_the_child_becomes_a_danish_message():
    from steering_core.upload.reading import read_isolated
    unbounded = Limits(max_cells=10**12)          # let calamine try the 31 GB rectangle, in the child
    with pytest.raises(ReadError) as died:
        read_isolated("tiny.xlsx", raw_xlsx({"UTM": XFD}), limits=unbounded)
    assert died.value.code == "upload.err.reader_failed"
    assert died.value.message.startswith("Filen kunne ikke læses: læseprogrammet stoppede uventet")


def test_a_slow_read_is_stopped_with_a_danish_message():
    from steering_core.upload.reading import read_isolated
    with pytest.raises(ReadError) as slow:
        read_isolated("k.xlsx", samples.workbook_bytes({"Enheder": UNITS}), limits=Limits(read_seconds=0.001))
    assert slow.value.message.startswith("Filen blev ikke læst færdig inden for 0.001 sekunder")


def test_the_child_reads_what_the_parent_would():
    from steering_core.upload.reading import read_isolated
    data = raw_xlsx({"UTM": '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" t="e"><v>#N/A</v>'
                            '</c><c r="C1"><f>1+1</f></c></row><row r="2" hidden="1"><c r="A2"><v>45870</v></c></row>'})
    isolated, direct = read_isolated("k.xlsx", data), read_bytes("k.xlsx", data)
    assert isolated.sheets[0].rows == direct.sheets[0].rows == [["x", ""], [45870.0, ""]]
    notes = isolated.sheets[0].notes
    assert (notes.hidden_rows, notes.blank_formulas, notes.error_cells) == ((2,), frozenset({(1, 2)}),
                                                                          {(1, 1): "#N/A"})


def test_zip_ratio_and_member_limits_say_what_they_measured():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(32 * MB))
    with pytest.raises(ReadError) as refused:
        read_bytes("k.xlsx", bomb.getvalue())
    message = refused.value.message
    assert message.startswith("En del af filen fylder 32,0 MB udpakket, men kun 0,0 MB pakket (")
    assert "grænsen er 1000 gange" in message and "1024" not in message


def test_a_missing_file_is_explained_in_danish(tmp_path):
    from steering_core.upload.importer import import_files
    prepared, result = import_files([tmp_path / "mangler.xlsx"], store=Store(tmp_path / "t.duckdb"))
    [problem] = prepared.problems
    assert result is None and problem.message.endswith(": filen findes ikke.")
