"""Turn uploaded bytes into sheets of raw cell values, safely.

python-calamine reads .xlsx/.xlsm (stored values only, never macros),
.xls and .ods; .csv is read with the standard library in UTF-8 or
Windows-1252 with ``;`` or ``,``. An openpyxl path exists only as the
baseline for ``bench/bench_upload.py``.

Before a byte is handed to a parser the file is checked against
:class:`Limits`: its size, the unpacked size of a zip container (an .xlsx can
be a "zip bomb"), its row count, and the cost of each sheet: an .xlsx that
declares only the cells A1 and XFD60000 makes calamine allocate the whole
rectangle (31 GB), so the cell references in each sheet's XML are scanned
first (:func:`scan_xlsx`) and a sheet whose rectangle exceeds the cell budget
is refused by name. The same scan notes what calamine does not tell: rows
hidden by a filter, formulas saved without a result, and error cells (#N/A).

Untrusted files are read by :func:`read_isolated`: a child process
(``steering_core.upload.sandbox``) with an address-space limit and a timeout,
so a crash or an allocation failure inside a native reader becomes a Danish
message instead of the death of the app or the import. Password-protected and
broken files give a :class:`ReadError` with a Danish message, never a traceback.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import itertools
import json
import os
import pickle
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from steering_core.texts import t

MB = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods"}
TEXT_SUFFIXES = {".csv", ".txt"}
FORMAT_NAMES = {"xlsx": "Excel (.xlsx)", "xlsm": "Excel (.xlsm)", "xls": "Excel 97-2003 (.xls)",
                "ods": "OpenDocument (.ods)", "csv": "CSV", "xlsb": "Excel (.xlsb)"}


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


@dataclass(frozen=True)
class Limits:
    """What one upload may be. Override with STEERING_UPLOAD_MAX_MB / _MAX_ROWS / _MAX_UNPACKED_MB."""

    max_file_bytes: int = 50 * MB
    max_rows: int = 1_000_000
    max_unpacked_bytes: int = 1024 * MB
    max_zip_members: int = 10_000
    max_zip_ratio: int = 1_000  # no honest spreadsheet member compresses a thousand times
    max_cells: int = 20_000_000  # rows x columns of one sheet's rectangle, as a reader allocates it
    memory_bytes: int = 3072 * MB  # address space of the reading child process
    read_seconds: float = 120     # wall-clock time the reading child may take

    @classmethod
    def from_env(cls) -> "Limits":
        """Override with STEERING_UPLOAD_MAX_MB / _MAX_ROWS / _MAX_UNPACKED_MB / _MAX_CELLS / _MEMORY_MB / _SECONDS."""
        return cls(max_file_bytes=_env_int("STEERING_UPLOAD_MAX_MB", 50) * MB,
                   max_rows=_env_int("STEERING_UPLOAD_MAX_ROWS", 1_000_000),
                   max_unpacked_bytes=_env_int("STEERING_UPLOAD_MAX_UNPACKED_MB", 1024) * MB,
                   max_cells=_env_int("STEERING_UPLOAD_MAX_CELLS", 20_000_000),
                   memory_bytes=_env_int("STEERING_UPLOAD_MEMORY_MB", 3072) * MB,
                   read_seconds=_env_int("STEERING_UPLOAD_SECONDS", 120))


class ReadError(Exception):
    """A file that cannot be read; ``message`` is fit to show the user."""

    def __init__(self, code: str, **values: object):
        self.code = code
        self.values = values
        super().__init__(t(code, **values))

    @property
    def message(self) -> str:
        return str(self)


@dataclass
class SheetNotes:
    """What the sheet's XML says beyond the values (Excel rows 1-based, columns 0-based)."""

    hidden_rows: tuple[int, ...] = ()
    blank_formulas: frozenset[tuple[int, int]] = frozenset()   # a formula saved without its result
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)   # (row, col) -> "#N/A"


@dataclass
class RawSheet:
    name: str
    rows: list[list[object]]   # rows[0] is Excel row 1, rows[r][0] is column A
    hidden: bool = False
    notes: SheetNotes = field(default_factory=SheetNotes)
    _columns: list[tuple[object, ...]] | None = field(default=None, repr=False, compare=False)

    @property
    def columns(self) -> list[tuple[object, ...]]:
        """The sheet transposed (``columns[c][r]``), made once and shared by the CPR guard and validation."""
        if self._columns is None:
            self._columns = list(itertools.zip_longest(*self.rows, fillvalue=""))
        return self._columns


@dataclass
class RawFile:
    name: str
    format: str                # xlsx, xls, ods or csv
    sha256: str
    size: int
    sheets: list[RawSheet] = field(default_factory=list)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(name: str, data: bytes, *, engine: str = "calamine", limits: Limits | None = None) -> RawFile:
    """Read one uploaded file. Raises :class:`ReadError` for anything that is not a readable spreadsheet."""
    limits = limits or Limits()
    check_size(len(data), limits)
    fmt = detect_format(name, data, limits)
    digest = sha256(data)
    notes = scan_xlsx(data, limits) if fmt == "xlsx" else {}
    try:
        if fmt == "csv":
            sheets = _read_csv(name, data, limits)
        elif engine == "openpyxl":
            sheets = _read_openpyxl(data)
        else:
            sheets = _read_calamine(data, fmt, limits)
    except ReadError:
        raise
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except MemoryError as exc:
        raise ReadError("upload.err.reader_memory") from exc
    except BaseException as exc:  # noqa: BLE001 - calamine panics are BaseException; any failure is "corrupt"
        if type(exc).__name__ == "PasswordError":
            raise ReadError("upload.err.password") from exc
        raise ReadError("upload.err.corrupt", format=FORMAT_NAMES.get(fmt, fmt)) from exc
    total = sum(len(s.rows) for s in sheets)
    if total > limits.max_rows:
        raise ReadError("upload.err.too_many_rows", rows=_count(total), limit=_count(limits.max_rows))
    for sheet in sheets:
        sheet.notes = notes.get(sheet.name, sheet.notes)
    return RawFile(PurePath(name).name, fmt, digest, len(data), sheets)


def check_size(size: int, limits: Limits) -> None:
    if size == 0:
        raise ReadError("upload.err.empty_file")
    if size > limits.max_file_bytes:
        raise ReadError("upload.err.too_large", size=_mb(size), limit=_mb(limits.max_file_bytes))


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",")


def detect_format(name: str, data: bytes, limits: Limits | None = None) -> str:
    """The format from the bytes themselves; the file name only settles csv and unknown types."""
    limits = limits or Limits()
    suffix = PurePath(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "csv"
    if data.startswith(_ZIP_MAGIC):
        return _check_zip(data, limits, FORMAT_NAMES.get(suffix.lstrip("."), FORMAT_NAMES["xlsx"]))
    if data.startswith(_OLE_MAGIC):
        # An .xlsx saved with a password is an OLE container holding an encrypted package.
        if suffix in {".xlsx", ".xlsm", ".xltx", ".xltm"} or _ENCRYPTED_OOXML in data:
            raise ReadError("upload.err.password")
        return "xls"
    if suffix in EXCEL_SUFFIXES:
        raise ReadError("upload.err.corrupt", format=FORMAT_NAMES.get(suffix.lstrip("."), suffix))
    raise ReadError("upload.err.unsupported", ext=suffix or name)


def _check_zip(data: bytes, limits: Limits, shown_as: str) -> str:
    """Inspect the zip directory before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            if len(members) > limits.max_zip_members:
                raise ReadError("upload.err.zip_members", count=len(members), limit=limits.max_zip_members)
            unpacked = sum(m.file_size for m in members)
            if unpacked > limits.max_unpacked_bytes:
                raise ReadError("upload.err.unpacked", size=_mb(unpacked), limit=_mb(limits.max_unpacked_bytes))
            for member in members:
                if member.flag_bits & 0x1:
                    raise ReadError("upload.err.password")
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > 10 * MB and ratio > limits.max_zip_ratio:
                    raise ReadError("upload.err.zip_ratio", size=_mb(member.file_size),
                                    packed=_mb(member.compress_size), ratio=f"{ratio:,.0f}".replace(",", "."),
                                    limit=limits.max_zip_ratio)
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except ReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError) as exc:
        raise ReadError("upload.err.corrupt", format=shown_as) from exc
    if b"opendocument.spreadsheet" in mimetype or "content.xml" in names:
        return "ods"
    if "[Content_Types].xml" in names:
        return "xlsb" if any(n.endswith(".bin") and n.startswith("xl/worksheets/") for n in names) else "xlsx"
    raise ReadError("upload.err.corrupt", format=shown_as)


def _read_calamine(data: bytes, fmt: str, limits: Limits) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    sheets = []
    total = 0
    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue  # chart and macro sheets carry no cells
            sheet = workbook.get_sheet_by_name(meta.name)
            end = sheet.end
            total += (end[0] + 1) if end else 0
            if total > limits.max_rows:
                raise ReadError("upload.err.too_many_rows", rows=_count(total), limit=_count(limits.max_rows))
            rows = sheet.to_python(skip_empty_area=False) if end else []
            sheets.append(RawSheet(meta.name, rows, hidden=meta.visible != SheetVisibleEnum.Visible))
    return sheets


def _read_openpyxl(data: bytes) -> list[RawSheet]:
    """The benchmark's baseline: openpyxl in read-only, values-only mode."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = []
        for ws in workbook.worksheets:
            rows = [["" if v is None else v for v in row]
                    for row in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
            sheets.append(RawSheet(ws.title, rows, hidden=ws.sheet_state != "visible"))
        return sheets
    finally:
        workbook.close()


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Danish Excel saves csv."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """``;`` as Danish Excel writes csv, tab, or ``,``; judged from the first lines."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    sample = "\n".join(lines)
    for delimiter in (";", "\t"):
        if sample.count(delimiter) >= max(1, len(lines) // 2):
            return delimiter
    return ","


def _read_csv(name: str, data: bytes, limits: Limits | None = None) -> list[RawSheet]:
    limits = limits or Limits()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("upload.err.corrupt", format="CSV")
    text = decode_text(data)
    delimiter = sniff_delimiter(text)
    # at most one cell per delimiter and line: bounded before a list is built
    cells = text.count(delimiter) + text.count("\n") + 1
    if cells > limits.max_cells:
        raise ReadError("upload.err.too_many_cells_csv", cells=_count(cells), limit=_count(limits.max_cells))
    # Refused before the csv module builds a list per line: a million rows take seconds to parse.
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines > limits.max_rows:
        raise ReadError("upload.err.too_many_rows", rows=_count(lines), limit=_count(limits.max_rows))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [list(row) for row in reader]
    return [RawSheet(PurePath(name).stem, rows)]


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


# --- the .xlsx sheet scan ------------------------------------------------------------------

_ATTRIBUTE = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_RELATION_TAG = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\br="([0-9]+)"')
# ' r="' followed by letters is a cell reference wherever the attribute stands (rows carry digits only);
# a literal start keeps the scan at memory speed
_CELL_COLUMN = {width: re.compile(rb' r="([A-Z]{%d})[0-9]' % width) for width in (1, 2, 3)}
_WIDEST = {1: 26, 2: 702, 3: 16384}
_WIDE_CELL = re.compile(rb' r="[A-Z]{2}')
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_VALUE = re.compile(rb"<v>([^<]*)</v>")


def column_index(letters: str) -> int:
    """'A' -> 0, 'XFD' -> 16383."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _attributes(tag: bytes) -> dict[str, str]:
    return {k.decode().split(":")[-1]: html.unescape(v.decode("utf-8", "replace")) for k, v in _ATTRIBUTE.findall(tag)}


def _sheet_parts(archive: zipfile.ZipFile, names: set[str]) -> list[tuple[str, str]]:
    """(sheet name, zip member) in workbook order, from xl/workbook.xml and its relationships."""
    parts = sorted((n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")
                    and n.count("/") == 2), key=lambda n: (len(n), n))
    try:
        workbook = archive.read("xl/workbook.xml")
        relations = {a.get("Id"): a.get("Target", "") for a in map(_attributes, _RELATION_TAG.findall(
            archive.read("xl/_rels/workbook.xml.rels")))}
    except KeyError:
        return [(part, part) for part in parts]
    found = []
    for tag in _SHEET_TAG.findall(workbook):
        attributes = _attributes(tag)
        target = relations.get(attributes.get("id"), "")
        member = target.lstrip("/") if target.startswith("/") else "xl/" + target
        if member in names:
            found.append((attributes.get("name", member), member))
    return found or [(part, part) for part in parts]


def _max_column(xml: bytes, rows: int, max_cells: int) -> int:
    """The widest column referenced by a cell (0 when no cell carries a reference).

    Exact only when it matters: while the widest column its letters allow keeps
    the sheet within ``max_cells``, that bound is returned without counting.
    """
    widths = (3, 2, 1) if _WIDE_CELL.search(xml) else (1,)
    for width in widths:
        if _CELL_COLUMN[width].search(xml):
            if rows * _WIDEST[width] <= max_cells:
                return _WIDEST[width]
            return max(column_index(letters.decode()) for letters in set(_CELL_COLUMN[width].findall(xml))) + 1
    return 0


def _cell_position(attributes: bytes) -> tuple[int, int] | None:
    reference = _attributes(attributes).get("r", "")
    match = re.fullmatch(r"([A-Z]{1,3})([0-9]{1,7})", reference)
    return (int(match.group(2)), column_index(match.group(1))) if match else None


def _cells_at(xml: bytes, marks: re.Pattern) -> dict[tuple[int, int], tuple[bytes, bytes]]:
    """The cells holding a match of ``marks``: position -> (the cell's start tag, its body)."""
    cells = {}
    for match in marks.finditer(xml):
        start = xml.rfind(b"<c ", 0, match.start() + 3)
        opened = xml.find(b">", start)
        end = xml.find(b"</c>", opened)
        if start < 0 or opened < 0 or end < 0 or xml[opened - 1:opened] == b"/":
            continue
        position = _cell_position(xml[start:opened])
        if position is not None:
            cells[position] = (xml[start:opened], xml[opened + 1:end])
    return cells


_FORMULA = re.compile(rb"<f[ >/]")


def _has_value(body: bytes) -> bool:
    value = _VALUE.search(body)
    return value is not None and bool(value.group(1))
_ERROR_TYPE = re.compile(rb'<c\b[^>]*?\bt="e"')


def _notes(xml: bytes) -> SheetNotes:
    hidden: tuple[int, ...] = ()
    if b'hidden="1"' in xml or b'hidden="true"' in xml:
        hidden = tuple(sorted(int(number) for tag in _HIDDEN_ROW.findall(xml)
                              for number in re.findall(rb'\br="([0-9]+)"', tag)))
    errors: dict[tuple[int, int], str] = {}
    for position, (_, body) in (_cells_at(xml, _ERROR_TYPE).items() if b't="e"' in xml else ()):
        value = _VALUE.search(body)
        errors[position] = html.unescape(value.group(1).decode("utf-8", "replace"))[:20] if value else "#?"
    blank_formulas = frozenset(position for position, (tag, body) in _cells_at(xml, _FORMULA).items()
                               if position not in errors and not _has_value(body) and b't="inlineStr"' not in tag)
    return SheetNotes(hidden, blank_formulas, errors)


def scan_xlsx(data: bytes, limits: Limits) -> dict[str, SheetNotes]:
    """Each sheet's cost and notes, before a reader sees it; a sheet too big to read is refused by name."""
    from steering_core.upload.cpr import looks_like_cpr

    notes: dict[str, SheetNotes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            for number, (name, member) in enumerate(_sheet_parts(archive, names), 1):
                xml = archive.read(member)
                rows = max([int(n) for n in _ROW_NUMBER.findall(xml)] + [xml.count(b"<row")])
                columns = _max_column(xml, rows, limits.max_cells) or max((part.count(b"<c ") + part.count(b"<c>")
                                                   for part in xml.split(b"<row")), default=0)
                if rows * columns > limits.max_cells:
                    shown = name if not looks_like_cpr(name) else f"nr. {number}"
                    raise ReadError("upload.err.too_many_cells", sheet=shown, rows=_count(rows),
                                    columns=_count(columns), cells=_count(rows * columns),
                                    limit=_count(limits.max_cells))
                notes[name] = _notes(xml)
    except ReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError, RuntimeError) as exc:
        raise ReadError("upload.err.corrupt", format=FORMAT_NAMES["xlsx"]) from exc
    return notes


# --- reading in a child process ------------------------------------------------------------

_ALLOWED_GLOBALS = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"),
                    ("datetime", "timedelta"), ("builtins", "frozenset"), ("builtins", "set")}


class _PlainUnpickler(pickle.Unpickler):
    """Only dates and sets may come back from the child: its output is read as data, never as code."""

    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name}")


def to_plain(raw: RawFile) -> tuple:
    sheets = [(s.name, s.rows, s.hidden, s.notes.hidden_rows, s.notes.blank_formulas, s.notes.error_cells)
              for s in raw.sheets]
    return (raw.name, raw.format, raw.sha256, raw.size, sheets)


def from_plain(plain: tuple) -> RawFile:
    name, fmt, digest, size, sheets = plain
    return RawFile(name, fmt, digest, size, [RawSheet(n, rows, hidden, notes=SheetNotes(h, b, e))
                                             for n, rows, hidden, h, b, e in sheets])


def read_isolated(name: str, data: bytes, *, engine: str = "calamine", limits: Limits | None = None) -> RawFile:
    """:func:`read_bytes` in a child process with a memory limit and a timeout.

    Whatever happens in the child (a native crash, an allocation failure, a
    hang) comes back as a :class:`ReadError` with a Danish message.
    """
    limits = limits or Limits()
    check_size(len(data), limits)
    header = json.dumps({"name": name, "engine": engine, "limits": limits.__dict__}).encode() + b"\n"
    root = str(PurePath(__file__).parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
           "RUST_BACKTRACE": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run([sys.executable, "-m", "steering_core.upload.sandbox"], input=header + data,
                              capture_output=True, timeout=limits.read_seconds, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ReadError("upload.err.read_timeout", seconds=limits.read_seconds) from exc
    except OSError as exc:
        raise ReadError("upload.err.reader_failed") from exc
    if done.returncode != 0 or not done.stdout:
        raise ReadError("upload.err.reader_failed")
    try:
        outcome = _PlainUnpickler(io.BytesIO(done.stdout)).load()
    except Exception as exc:  # noqa: BLE001 - anything the child wrote that is not our reply
        raise ReadError("upload.err.reader_failed") from exc
    if outcome[0] == "error":
        raise ReadError(outcome[1], **outcome[2])
    return from_plain(outcome[1])
