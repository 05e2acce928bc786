"""Turn uploaded bytes into sheets of raw cell values, safely.

python-calamine reads .xlsx/.xlsm (stored values only, never macros),
.xls and .ods; .csv is read with the standard library in UTF-8 or
Windows-1252 with ``;`` or ``,``. An openpyxl path exists only as the
baseline for ``bench/bench_upload.py``.

Before a byte is handed to a parser the file is checked against
:class:`Limits`: its size, the unpacked size of a zip container (an .xlsx can
be a "zip bomb"), and its row count. Password-protected and broken files give
a :class:`ReadError` with a Danish message, never a traceback.
"""
from __future__ import annotations

import csv
import hashlib
import io
import itertools
import os
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

    @classmethod
    def from_env(cls) -> "Limits":
        return cls(max_file_bytes=_env_int("STEERING_UPLOAD_MAX_MB", 50) * MB,
                   max_rows=_env_int("STEERING_UPLOAD_MAX_ROWS", 1_000_000),
                   max_unpacked_bytes=_env_int("STEERING_UPLOAD_MAX_UNPACKED_MB", 1024) * MB)


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
class RawSheet:
    name: str
    rows: list[list[object]]   # rows[0] is Excel row 1, rows[r][0] is column A
    hidden: bool = False
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
    try:
        if fmt == "csv":
            sheets = _read_csv(name, data)
        elif engine == "openpyxl":
            sheets = _read_openpyxl(data)
        else:
            sheets = _read_calamine(data, fmt, limits)
    except ReadError:
        raise
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - calamine panics are BaseException; any failure is "corrupt"
        if type(exc).__name__ == "PasswordError":
            raise ReadError("upload.err.password") from exc
        raise ReadError("upload.err.corrupt", format=FORMAT_NAMES.get(fmt, fmt)) from exc
    total = sum(len(s.rows) for s in sheets)
    if total > limits.max_rows:
        raise ReadError("upload.err.too_many_rows", rows=total, limit=limits.max_rows)
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
                raise ReadError("upload.err.unpacked", size="?", limit=_mb(limits.max_unpacked_bytes))
            unpacked = sum(m.file_size for m in members)
            if unpacked > limits.max_unpacked_bytes:
                raise ReadError("upload.err.unpacked", size=_mb(unpacked), limit=_mb(limits.max_unpacked_bytes))
            for member in members:
                if member.flag_bits & 0x1:
                    raise ReadError("upload.err.password")
                if member.file_size > 10 * MB and member.file_size > limits.max_zip_ratio * max(member.compress_size, 1):
                    raise ReadError("upload.err.unpacked", size=_mb(member.file_size),
                                    limit=_mb(limits.max_unpacked_bytes))
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
                raise ReadError("upload.err.too_many_rows", rows=total, limit=limits.max_rows)
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


def _read_csv(name: str, data: bytes) -> list[RawSheet]:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("upload.err.corrupt", format="CSV")
    text = decode_text(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows = [list(row) for row in reader]
    return [RawSheet(PurePath(name).stem, rows)]
