"""An upload of reference figures, from bytes to stored rows: read → CPR guard → parse → commit.

The files are read by the workbook upload's own readers (in a child process, with its limits) and
guarded against CPR numbers cell by cell before anything else; every problem names file, sheet, row
and column in Danish. ``commit`` stores nothing unless every file was read without errors, and
then all rows in one transaction (``store.write_reference``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from steering_core.reference import keyfigures, statbank
from steering_core import access
from steering_core.store import REFERENCE_TABLE, Store, StoreError, write_reference
from steering_core.texts import t
from steering_core.upload.cpr import find_cpr_cells, text_has_cpr
from steering_core.upload.importer import default_user, refused_by_name
from steering_core.upload.problems import ERROR, Problem, column_letter, problem
from steering_core.upload.reading import Limits, ReadError, read_bytes, read_isolated, sha256

# Rows of one reference upload. FOLK1A for every area, quarter of 20 years and single age up to 17 is
# about 100 x 80 x 18 = 144.000 rows; a file far beyond that is a download of the whole table, and
# parsing a million rows would hold the page for half a minute.
MAX_ROWS = 200_000


@dataclass
class Prepared:
    file_names: list[str]
    sha256: str
    problems: list[Problem]
    rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(REFERENCE_TABLE.columns)))
    stopped: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.stopped and not self.errors and not self.rows.empty


def prepare(files: list[tuple[str, bytes]], *, table: str | None = None, downloaded: date | None = None,
            limits: Limits | None = None, isolate: bool = True) -> Prepared:
    """Read and check reference files: key-figure sheets and Statbank files, in any mix. ``table`` names
    the Statbank table when neither the file name nor its title rows do; ``downloaded`` is the download
    date kept with the source (default: a date at the start of the file name, else today)."""
    names, refused = refused_by_name(files)
    if refused:
        return Prepared(names, "", refused, stopped=True)
    read = read_isolated if isolate else read_bytes
    limits = limits or Limits.from_env()
    limits = replace(limits, max_rows=min(limits.max_rows, MAX_ROWS))
    raws, problems = [], []
    for shown, (name, data) in zip(names, files):
        try:
            raw = read(name, data, limits=limits)
            raw.name = shown
            raws.append((raw, Path(name).stem))
        except ReadError as exc:
            problems.append(Problem(ERROR, exc.code, exc.message, file=shown))
    if problems:
        return Prepared(names, "", problems, stopped=True)
    digest = sha256("\n".join(sorted(raw.sha256 for raw, _ in raws)).encode())
    named_cpr = [problem(ERROR, "upload.err.cpr_sheet_name", file=raw.name, number=i)
                 for raw, _ in raws for i, sheet in enumerate(raw.sheets, 1) if text_has_cpr(sheet.name)]
    if named_cpr:
        return Prepared(names, digest, named_cpr, stopped=True)
    cpr = [problem(ERROR, "upload.err.cpr", file=raw.name, sheet=sheet.name, row=r + 1, col=c,
                   cell=f"{column_letter(c)}{r + 1}")
           for raw, _ in raws for sheet in raw.sheets
           for r, c in find_cpr_cells(sheet.rows, None, sheet.columns, digits_text=raw.format == "csv")]
    if cpr:
        # Stop before anything else: nothing kept, the number never repeated.
        return Prepared(names, digest, cpr[:20], stopped=True)
    frames = []
    for raw, stem in raws:
        for sheet in raw.sheets:
            if not any(any(str(v).strip() for v in row) for row in sheet.rows):
                continue
            where = {"file": raw.name, "sheet": sheet.name}
            if keyfigures.is_key_figure_sheet(sheet.name, sheet.rows) and not statbank.looks_like_statbank(sheet.rows):
                frame, found = keyfigures.parse(sheet.rows, **where)
            elif statbank.looks_like_statbank(sheet.rows):
                parsed = statbank.parse(sheet.rows, **where)
                code = table or parsed.table or statbank.table_code(stem, sheet.name)
                frame, found = statbank.to_reference(parsed, code, downloaded or _date_in(stem), **where)
            else:
                frame, found = None, [problem(ERROR, "ref.err.unknown_sheet", **where)]
            problems.extend(found)
            if frame is not None and not frame.empty:
                frames.append(frame)
    rows = pd.concat(frames, ignore_index=True) if frames else Prepared([], "", []).rows
    if not any(p.is_error for p in problems) and rows.empty:
        problems.append(problem(ERROR, "ref.err.no_rows"))
    return Prepared(names, digest, problems, rows)


def _date_in(stem: str) -> date | None:
    """Statistikbanken names a download by its time (``20241113104541...UND1``)."""
    digits = stem[:8]
    if digits.isdigit():
        try:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        except ValueError:
            return None
    return None


def commit(prepared: Prepared, *, store: Store, user: str | None = None,
           actor: access.User | None = None) -> tuple[bool, str]:
    """Store every row of a prepared upload in one transaction, or nothing; only for a user who may."""
    try:
        access.require(actor, "reference")
    except access.AccessDenied as denied:
        return False, str(denied)
    if not prepared.ok:
        return False, t("upload.has_errors")
    try:
        store.initialise()
        batch_id = write_reference(store, prepared.rows, user=user or default_user(),
                                   file_name=", ".join(prepared.file_names), sha256=prepared.sha256)
    except StoreError as exc:
        return False, t("upload.err.store", reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - rolled back by the transaction; say so in Danish
        return False, t("upload.err.store", reason=type(exc).__name__ + ".")
    return True, t("ref.stored", rows=len(prepared.rows), batch_id=batch_id)


def stored(store: Store) -> pd.DataFrame:
    """The uploaded reference rows (empty before the first upload or on an older database)."""
    if not store.exists():
        return pd.DataFrame(columns=list(REFERENCE_TABLE.columns))
    present = store.rows("SELECT count(*) FROM information_schema.tables WHERE table_name = 'referencetal'")[0][0]
    if not present:
        return pd.DataFrame(columns=list(REFERENCE_TABLE.columns))
    return store.query(f"SELECT {', '.join(REFERENCE_TABLE.columns)} FROM referencetal")
