"""Hostile political-target sheets (Maalsaetninger, uploaded on the Resultater page): a workbook that
claims a huge sheet must be refused quickly by name, and a CPR number anywhere in the workbook (any
sheet, a sheet name, the file name) stops it without being repeated."""
import io
import signal
import zipfile
from contextlib import contextmanager

from openpyxl import Workbook

from steering_core import targets_sheet

HEADERS = list(targets_sheet.COLUMNS)
GOOD = ["fit_effect", "", 8.0, "op", 2027, 2024, "Udvalget, pkt. 4", "Udvalget", "ja"]


def cpr_like() -> str:
    """Built at run time: no CPR-like text in a tracked file."""
    return "".join(["0101", "80", "-", "12", "34"])


def workbook(rows, title: str = targets_sheet.SHEET, other: tuple[str, list] | None = None) -> bytes:
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    if other:
        sheet = book.create_sheet(other[0])
        for row in other[1]:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@contextmanager
def at_most(seconds: int):
    """Fail instead of hanging the suite (the reader before the fix took minutes here)."""
    def stop(*_):
        raise TimeoutError(f"not refused within {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def huge_claim(data: bytes) -> bytes:
    """The same workbook with one more cell at XFD1048576: a reader that trusts the claim fills 17
    billion cells."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"</sheetData>",
                                    b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
                body = body.replace(b'<dimension ref="A1:I2"/>', b'<dimension ref="A1:XFD1048576"/>')
            target.writestr(item, body)
    return out.getvalue()


def test_a_sheet_claiming_17_billion_cells_is_refused_quickly_by_name():
    with at_most(30):
        reading = targets_sheet.read(huge_claim(workbook([HEADERS, GOOD])))
    assert not reading.ok and not reading.rows
    (problem,) = reading.problems
    assert problem.code == "upload.err.too_many_cells" and targets_sheet.SHEET in str(problem)


def test_a_cpr_number_on_another_sheet_stops_the_upload():
    reading = targets_sheet.read(workbook([HEADERS, GOOD], other=("Noter", [["Sagen om", cpr_like()]])))
    assert not reading.ok and not reading.rows
    (problem,) = reading.problems
    assert (problem.code, problem.sheet, problem.row, problem.column) == ("target.xl.cpr", "Noter", 1, "B")
    assert cpr_like() not in str(problem)


def test_a_cpr_number_as_a_sheet_name_stops_the_upload_without_being_repeated():
    reading = targets_sheet.read(workbook([HEADERS, GOOD], title=cpr_like()))
    assert not reading.ok and not reading.rows
    (problem,) = reading.problems
    assert problem.code == "upload.err.cpr_sheet_name" and cpr_like() not in str(problem)


def test_a_cpr_number_in_the_file_name_stops_the_upload_without_being_repeated():
    reading = targets_sheet.read(workbook([HEADERS, GOOD]), name=f"mål {cpr_like()}.xlsx")
    assert not reading.ok and not reading.rows
    (problem,) = reading.problems
    assert problem.code == "upload.err.cpr_file_name" and cpr_like() not in str(problem)


def test_binary_garbage_and_an_empty_file_are_refused_in_danish():
    for data in (b"", bytes(range(256)) * 10, b"PK\x03\x04broken"):
        reading = targets_sheet.read(data)
        assert not reading.ok and reading.problems and all(str(p).startswith("Fejl") for p in reading.problems)
