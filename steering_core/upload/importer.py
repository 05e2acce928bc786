"""An upload from bytes to stored batch: read → CPR guard → validate → preview → commit.

``prepare`` never writes; ``commit`` writes one batch in one transaction.
Neither raises for bad input: every problem comes back as a :class:`Problem`.

    prepared = prepare([("kvartal.xlsx", data)], store=Store(path), stated_quarter="2025K3")
    if prepared.ok:
        result = commit(prepared, store=Store(path), user="jens")
"""
from __future__ import annotations

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterator

import duckdb
import pandas as pd

from steering_core import access, audit
from steering_core.periods import Period, PeriodError, parse_quarter
from steering_core.store import FACT_TABLES, Store, StoreError, new_batch, set_meta
from steering_core.texts import t
from steering_core.upload import contract as c
from steering_core.upload import scope
from steering_core.cleantext import clean
from steering_core.upload.cpr import find_cpr_cells, looks_like_cpr, text_has_cpr
from steering_core.upload.problems import ERROR, WARNING, Problem, column_letter, problem
from steering_core.upload.reading import Limits, RawFile, ReadError, read_bytes, read_isolated
from steering_core.upload.recognise import Layout, recognise
from steering_core.upload.validation import ORIGIN, Context, validate

DEFAULT_KOMMUNE = "Kommune"
CPR_SHOWN = 20  # CPR cells named one by one; beyond that a count
ROWS_SHOWN = 20  # rows outside the uploader's scope named one by one per sheet; beyond that a count


@dataclass
class Prepared:
    """The outcome of reading and checking an upload, before anything is stored."""

    file_names: list[str]
    sha256: str
    problems: list[Problem]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # store-ready rows per table
    preview: pd.DataFrame | None = None
    kommune: str = DEFAULT_KOMMUNE
    set_kommune: bool = False            # the kommune came from the file; remember it in meta
    stopped: bool = False                # CPR number or unreadable file: no report, nothing kept
    identical_to: tuple[int, datetime] | None = None   # the same file, stored and still wholly live
    earlier: "EarlierUpload | None" = None               # the same file, stored before, since revised
    raw_files: list[RawFile] = field(default_factory=list)
    layouts: list[Layout] = field(default_factory=list)
    extras: dict[int, pd.DataFrame] = field(default_factory=dict)
    scope_lines: list[str] = field(default_factory=list)   # what a save replaces, one line per sheet and period

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        """True when the rows may be stored (warnings allowed)."""
        return not self.stopped and not self.errors and bool(self.tables)

    @property
    def row_count(self) -> int:
        return sum(len(frame) for frame in self.tables.values())

    @property
    def file_label(self) -> str:
        return ", ".join(self.file_names)


@dataclass(frozen=True)
class EarlierUpload:
    """The same bytes were stored before as ``batch_id``; later uploads replaced ``replaced`` of its rows."""

    batch_id: int
    when: datetime
    replaced: int
    by: tuple[int, ...]

    def message(self) -> str:
        return t("upload.reupload.revised", batch_id=self.batch_id, when=_when(self.when), replaced=self.replaced,
                 later=", ".join(f"nr. {b}" for b in self.by))


@dataclass
class CommitResult:
    batch_id: int | None
    stored: bool
    message: str
    rows: int = 0


def _digest(raw_digests: list[str]) -> str:
    if len(raw_digests) == 1:
        return raw_digests[0]
    return hashlib.sha256("\n".join(sorted(raw_digests)).encode()).hexdigest()


def safe_file_names(names: list[str]) -> list[str]:
    """File names fit to show and store: one that holds a CPR number is never repeated."""
    return [t("upload.file_number", number=i) if text_has_cpr(name) else clean(name).text
            for i, name in enumerate(names, 1)]


def refused_by_name(files: list[tuple[str, bytes]]) -> tuple[list[str], list[Problem]]:
    """The files' names fit to show, and why the upload stops before anything is read: no files, or a
    CPR number in a file's name (the name is then never shown, stored or used as a sheet's name)."""
    names = safe_file_names([Path(name).name for name, _ in files])
    if not files:
        return names, [problem(ERROR, "upload.err.no_files")]
    return names, [problem(ERROR, "upload.err.cpr_file_name", number=i)
                   for i, (name, _) in enumerate(files, 1) if text_has_cpr(Path(name).name)]


def prepare(files: list[tuple[str, bytes]], *, store: Store, stated_quarter: str | Period | None = None,
            kommune: str | None = None, limits: Limits | None = None, engine: str = "calamine",
            isolate: bool = True, actor: access.User | None = None) -> Prepared:
    """Read and check ``files`` (name, bytes) against the contract, the store and the uploader's scope.
    Never raises for bad input.

    ``isolate`` reads each file in a child process (:func:`reading.read_isolated`); only the
    benchmark's in-process comparison turns it off. ``actor`` is who uploads (``access.SYSTEM`` when None):
    each row outside their scope is an error.
    """
    names = safe_file_names([Path(name).name for name, _ in files])
    try:
        if actor is not None:
            access.require(actor, "upload")
        return _prepare(files, store, stated_quarter, kommune, limits or Limits.from_env(), engine, isolate,
                        actor or access.SYSTEM)
    except access.AccessDenied as exc:
        return Prepared(names, "", [Problem(ERROR, "access.denied", str(exc))], stopped=True)
    except (KeyboardInterrupt, SystemExit):
        raise
    except StoreError as exc:  # the database, not the file: locked, unreadable, too new
        return Prepared(names, "", [problem(ERROR, "upload.err.store", reason=str(exc))], stopped=True)
    except Exception as exc:  # noqa: BLE001 - the promise is no traceback for any input
        return Prepared(names, "", [problem(ERROR, "upload.err.internal", kind=type(exc).__name__)], stopped=True)


def _prepare(files, store, stated_quarter, kommune, limits, engine, isolate, actor) -> Prepared:
    names, refused = refused_by_name(files)
    if refused:
        return Prepared(names, "", refused, stopped=True)
    quarter, quarter_problem = _stated(stated_quarter)
    if quarter_problem:
        return Prepared(names, "", [quarter_problem], stopped=True)

    raws: list[RawFile] = []
    problems: list[Problem] = []
    read = read_isolated if isolate else read_bytes
    for shown_name, (name, data) in zip(names, files):
        try:
            raw = read(name, data, engine=engine, limits=limits)
            raw.name = shown_name   # the file name by the text rule, as problems and the history show it
            raws.append(raw)
        except ReadError as exc:
            problems.append(Problem(ERROR, exc.code, exc.message, file=shown_name))
    if problems:
        return Prepared(names, "", problems, stopped=True)
    digest = _digest([raw.sha256 for raw in raws])
    named_cpr = [problem(ERROR, "upload.err.cpr_sheet_name", file=raw.name, number=i)
                 for raw in raws for i, sheet in enumerate(raw.sheets, 1) if text_has_cpr(sheet.name)]
    if named_cpr:
        return Prepared(names, digest, named_cpr, stopped=True)

    layouts: list[Layout] = []
    for raw in raws:
        found, found_problems = recognise(raw)
        layouts.extend(found)
        problems.extend(found_problems)

    cpr = _cpr_problems(raws, layouts)
    if cpr:
        # Stop before anything else: no report (it would copy the number), no bytes kept.
        return Prepared(names, digest, cpr, stopped=True)

    if not layouts:
        problems.append(problem(ERROR, "upload.err.no_sheets", sheets=", ".join(s.name for s in c.SHEETS)))
        return Prepared(names, digest, problems, raw_files=raws)

    with _reading(store) as con:
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall()) if con else {}
        chosen, set_kommune = _kommune(kommune, meta, layouts)
        units = con.execute("SELECT enhed_id, distrikt FROM enhed WHERE kommune = ?", [chosen]).fetchall() if con else []
        # the courses FIT measurements refer to, read only when the upload has FIT measurements
        courses = con.execute("SELECT indsats_id, startdato, slutdato FROM indsats WHERE kommune = ?",
                              [chosen]).fetchall() if con and any(l.spec is c.FIT_MAALINGER for l in layouts) else []
    context = Context(chosen, dict(units), quarter, {course: (start, end) for course, start, end in courses})
    checked = validate(layouts, context)
    problems.extend(checked.problems)
    problems.extend(_outside_scope(actor, checked.frames, layouts, dict(units)))
    tables = {name: frame.drop(columns=list(ORIGIN)) for name, frame in checked.frames.items()}
    prepared = Prepared(names, digest, problems, tables, kommune=chosen, set_kommune=set_kommune,
                        raw_files=raws, layouts=layouts, extras=checked.extras)
    prepared.problems = _in_file_order(prepared.problems, raws)
    if not prepared.errors and not tables:
        prepared.problems.append(problem(WARNING, "upload.no_rows"))
    if not prepared.errors and tables:
        with _reading(store) as con:
            if con is not None:
                prepared.identical_to, prepared.earlier = same_file(con, digest)
            prepared.preview = scope.preview(con, tables, chosen)
            prepared.scope_lines = scope.describe(tables)
    return prepared


def _unit_districts(tables: dict[str, pd.DataFrame], stored: dict[str, str]) -> dict[str, str]:
    """Units and their districts as the upload would leave them."""
    units = dict(stored)
    if "enhed" in tables:
        units.update(zip(tables["enhed"]["enhed_id"].astype(str), tables["enhed"]["distrikt"].astype(str)))
    return units


def _outside_scope(actor: access.User, frames: dict[str, pd.DataFrame], layouts: list[Layout],
                   stored: dict[str, str]) -> list[Problem]:
    """One error per sheet naming the rows the uploader does not answer for."""
    units = _unit_districts(frames, stored)
    found = []
    for table, frame in frames.items():
        outside = frame[access.rows_outside(actor, table, frame, units, stored).to_numpy()]
        for layout_index, rows in outside.groupby("_layout", sort=True)["_row"]:
            layout = layouts[int(layout_index)]
            numbers = [str(int(row)) for row in sorted(rows)]
            shown = ", ".join(numbers[:ROWS_SHOWN])
            if len(numbers) > ROWS_SHOWN:
                shown = t("access.upload.more", rows=shown, more=len(numbers) - ROWS_SHOWN)
            found.append(problem(ERROR, "access.upload.outside", file=layout.file, sheet=layout.sheet.name,
                                 row=int(numbers[0]), count=len(numbers), scope=actor.describe(), rows=shown))
    return found


def same_file(con: duckdb.DuckDBPyConnection, digest: str) -> tuple[tuple[int, datetime] | None,
                                                                     EarlierUpload | None]:
    """The newest active batch of the same bytes: (it, None) while all its rows are live, else (None, how it was revised)."""
    same = con.execute("SELECT batch_id, created_at FROM batch WHERE sha256 = ? AND undone_at IS NULL "
                       "ORDER BY batch_id DESC LIMIT 1", [digest]).fetchall()
    if not same:
        return None, None
    batch_id, when = same[0]
    union = " UNION ALL ".join(f"SELECT erstattet_af_batch FROM {fact.archive} WHERE batch_id = {int(batch_id)} "
                               f"AND erstattet_af_batch <> {int(batch_id)}" for fact in FACT_TABLES.values())
    replaced = con.execute(f"SELECT erstattet_af_batch, count(*) FROM ({union}) GROUP BY 1 ORDER BY 1").fetchall()
    if not replaced:
        return same[0], None
    return None, EarlierUpload(batch_id, when, sum(n for _, n in replaced), tuple(b for b, _ in replaced))


@contextmanager
def _reading(store: Store) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A read-only connection, or None while there is no database yet (everything is then new)."""
    if not store.exists():
        yield None
        return
    with store.reading() as con:
        yield con


def preview_frame(prepared: Prepared) -> pd.DataFrame:
    """The preview with the sheet names and Danish headers users see."""
    preview = prepared.preview
    if preview is None:
        return pd.DataFrame()
    shown = preview.copy()
    shown["tabel"] = shown["tabel"].map(lambda name: c.BY_TABLE[name].name)
    return shown.rename(columns={"tabel": t("upload.preview.table"), "periode": t("upload.preview.period"),
                                 "nye": t("upload.preview.new"), "erstatter": t("upload.preview.replaced"),
                                 "uaendrede": t("upload.preview.unchanged"), "fjernes": t("upload.preview.removed")})


def _in_file_order(problems: list[Problem], raws: list[RawFile]) -> list[Problem]:
    """Problems as the user meets them: file by file, sheet by sheet, row by row, column by column."""
    order = {(raw.name, sheet.name): (i, j) for i, raw in enumerate(raws) for j, sheet in enumerate(raw.sheets)}
    return sorted(problems, key=lambda p: (order.get((p.file, p.sheet), (-1, -1)), p.row or 0,
                                           -1 if p.col is None else p.col))


def _stated(stated: str | Period | None) -> tuple[Period | None, Problem | None]:
    if stated is None or isinstance(stated, Period):
        return stated, None
    if not str(stated).strip():
        return None, None
    try:
        return parse_quarter(str(stated)), None
    except PeriodError:
        return None, problem(ERROR, "upload.err.bad_quarter", found=str(stated))


def _cpr_problems(raws: list[RawFile], layouts: list[Layout]) -> list[Problem]:
    """Every cell of every sheet, hidden ones and unknown columns included."""
    rules: dict[int, dict[int, str]] = {}
    headers: dict[int, tuple[int, dict[int, str]]] = {}
    for layout in layouts:
        rules[id(layout.sheet)] = {index: layout.spec.column(name).cpr_rule
                                   for name, index in layout.columns.items() if layout.spec.column(name).cpr_rule}
        headers[id(layout.sheet)] = (layout.header_index, layout.headers)
    hits: list[tuple[RawFile, str, int, int, str]] = []
    for raw in raws:
        for sheet in raw.sheets:
            header_index, named = headers.get(id(sheet), (-1, {}))
            for r, col in find_cpr_cells(sheet.rows, rules.get(id(sheet)), sheet.columns,
                                         digits_text=raw.format == "csv"):
                header = named.get(col, "") if r > header_index else ""
                hits.append((raw, sheet.name, r, col, "" if looks_like_cpr(header) else header))
    problems = []
    for raw, sheet, r, col, header in hits[:CPR_SHOWN]:
        cell = f"{column_letter(col)}{r + 1}"
        code = "upload.err.cpr_column" if header else "upload.err.cpr"
        problems.append(problem(ERROR, code, file=raw.name, sheet=sheet, row=r + 1, col=col, cell=cell,
                                column_name=header, header=header))
    if len(hits) > CPR_SHOWN:
        problems.append(problem(ERROR, "upload.err.cpr_more", count=len(hits) - CPR_SHOWN))
    return problems


def _kommune(explicit: str | None, meta: dict[str, str], layouts: list[Layout]) -> tuple[str, bool]:
    """The municipality: given, else the database's, else the one the Enheder sheet names, else 'Kommune'."""
    if explicit:  # asked once: remembered when the database has no name yet
        return explicit, not meta.get("kommune")
    if meta.get("kommune"):
        return meta["kommune"], False
    named = set()
    for layout in layouts:
        index = layout.columns.get("kommune") if layout.spec is c.ENHEDER else None
        if index is not None:
            rows = layout.sheet.rows[layout.header_index + 1:]
            named |= {clean(str(row[index])).text for row in rows if index < len(row) and str(row[index]).strip()}
    if len(named) == 1:
        return named.pop(), True
    return DEFAULT_KOMMUNE, False


def commit(prepared: Prepared, *, store: Store, user: str | None = None,
           actor: access.User | None = None) -> CommitResult:
    """Store a prepared upload as one batch, in one transaction. Nothing is stored unless ``prepared.ok``
    and every row lies in the scope of ``actor`` (who uploads; ``access.SYSTEM`` when None)."""
    if not prepared.ok:
        return CommitResult(None, False, t("upload.has_errors"))
    try:
        access.require(actor, "upload")
    except access.AccessDenied as exc:
        return CommitResult(None, False, str(exc))
    user = actor.name if actor is not None else (user or default_user())
    if prepared.identical_to is not None:
        batch_id, when = prepared.identical_to
        return CommitResult(batch_id, False, t("upload.ok.identical", batch_id=batch_id, when=_when(when)))
    counts = {name: int(len(frame)) for name, frame in prepared.tables.items()}

    def work(con) -> CommitResult | int:
        live, _ = same_file(con, prepared.sha256)
        if live:
            return CommitResult(live[0], False, t("upload.ok.identical", batch_id=live[0], when=_when(live[1])))
        if _outside_at_commit(con, actor or access.SYSTEM, prepared):
            return CommitResult(None, False, t("access.upload.outside_commit", scope=(actor or access.SYSTEM).describe()))
        batch_id = new_batch(con, user=user, file_name=prepared.file_label, kind="upload", counts=counts,
                             sha256=prepared.sha256)
        for name in FACT_TABLES:  # units first, so the order is the same every time
            if name in prepared.tables:
                store_table(con, name, prepared.tables[name], batch_id, prepared.kommune)
        if prepared.set_kommune:
            set_meta(con, {"kommune": prepared.kommune})
        return batch_id
    try:
        written = store.write(work)
        if isinstance(written, CommitResult):
            return written
        batch_id = written
    except StoreError as exc:
        return CommitResult(None, False, t("upload.err.store", reason=str(exc)))
    except Exception as exc:  # noqa: BLE001 - rolled back by the transaction; say so in Danish
        return CommitResult(None, False, t("upload.err.store", reason=type(exc).__name__ + "."))
    rows = sum(counts.values())
    audit.record(actor, audit.UPLOAD, (actor or access.SYSTEM).describe(),
                 f"nr. {batch_id}: {prepared.file_label} · {', '.join(sorted(counts))} · {rows}")
    return CommitResult(batch_id, True, t("upload.ok.stored", batch_id=batch_id, rows=rows), rows)


def _outside_at_commit(con, actor: access.User, prepared: Prepared) -> bool:
    """The scope checked again against the units stored now (the check in ``prepare`` may be stale)."""
    if access.ADMINISTRATOR in actor.roles:
        return False
    stored = dict(con.execute("SELECT enhed_id, distrikt FROM enhed WHERE kommune = ?", [prepared.kommune]).fetchall())
    units = _unit_districts(prepared.tables, stored)
    return any(access.rows_outside(actor, table, frame, units, stored).any() for table, frame in prepared.tables.items())


def store_table(con, name: str, frame: pd.DataFrame, batch_id: int, kommune: str) -> None:
    """One table of a batch; a seam for tests that simulate a failure half way."""
    scope.store_table(con, name, frame, batch_id, kommune)


def _os_reason(exc: OSError) -> str:
    """Why a file could not be opened, in the active language (the system's own text is English)."""
    for kind, key in ((FileNotFoundError, "upload.os.not_found"), (IsADirectoryError, "upload.os.is_directory"),
                      (PermissionError, "upload.os.permission")):
        if isinstance(exc, kind):
            return t(key)
    return t("upload.os.other", errno=exc.errno or type(exc).__name__)


def _when(value: datetime) -> str:
    from steering_core.formatting import timestamp
    return timestamp(value)


def default_user() -> str:
    return access.os_user_name()


def import_files(paths: list[str | Path], *, store: Store, user: str | None = None,
                 stated_quarter: str | None = None, dry_run: bool = False,
                 limits: Limits | None = None, actor: access.User | None = None) -> tuple[Prepared, CommitResult | None]:
    """Read files from disk, check them and (unless ``dry_run``) store them. Used by the CLI."""
    limits = limits or Limits.from_env()
    files: list[tuple[str, bytes]] = []
    problems: list[Problem] = []
    shown_names = safe_file_names([Path(p).name for p in paths])
    named_cpr = [problem(ERROR, "upload.err.cpr_file_name", number=i)
                 for i, p in enumerate(paths, 1) if text_has_cpr(Path(p).name)]
    if named_cpr:
        return Prepared(shown_names, "", named_cpr, stopped=True), None
    for path in paths:
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > limits.max_file_bytes:
                raise ReadError("upload.err.too_large", size=f"{size / 1048576:.1f}".replace(".", ","),
                                limit=f"{limits.max_file_bytes / 1048576:.1f}".replace(".", ","))
            files.append((path.name, path.read_bytes()))
        except ReadError as exc:
            problems.append(Problem(ERROR, exc.code, exc.message, file=path.name))
        except OSError as exc:
            problems.append(problem(ERROR, "upload.err.cannot_open", file=path.name, path=str(path),
                                    reason=_os_reason(exc)))
    if problems:
        return Prepared(shown_names, "", problems, stopped=True), None
    prepared = prepare(files, store=store, stated_quarter=stated_quarter, limits=limits, actor=actor)
    if dry_run or not prepared.ok:
        return prepared, None
    return prepared, commit(prepared, store=store, user=user, actor=actor)
