"""The one place that opens the DuckDB file, owns its schema and writes to it.

Readers share one read-only DuckDB instance per file and process, each query on its own
cursor: opening a database costs about 25 ms, a cursor a fraction of a millisecond. A writer,
in this process or another (the import CLI), announces itself in a file beside the database;
readers then let go of the file until the writer has it, and lock conflicts are waited out
briefly. docs/SCALING.md tells the whole story. Every write is one transaction; a batch
either lands whole or not at all.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import duckdb
import pandas as pd

from steering_core import config, sources
from steering_core.texts import t
from steering_core.upload import contract


class StoreError(RuntimeError):
    """A database problem explained in Danish, fit to show a user."""


T = TypeVar("T")


@dataclass(frozen=True)
class FactTable:
    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    archive: str


# The contract's sheets as tables, derived from their declaration (upload/contract.py). ``kommune``
# leads every key so several municipalities can share one database for benchmarking.
FACT_TABLES: dict[str, FactTable] = {
    spec.table: FactTable(spec.table, spec.store_key, spec.store_columns, spec.archive) for spec in contract.SHEETS
}


def _literal(value: object) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return format(value, "g")


def _check(column: contract.Column) -> str | None:
    """The store's own check of a column's allowed values (``Column.checked``)."""
    if not column.checked:
        return None
    if column.choices:
        return f"{column.name} IN ({', '.join(map(_literal, column.choices))})"
    low = column.minimum
    if column.blank is not None and low is not None:
        low = min(low, column.blank)          # the store's "not given" is allowed too
    if low is not None and column.maximum is not None:
        return f"{column.name} BETWEEN {_literal(low)} AND {_literal(column.maximum)}"
    return f"{column.name} >= {_literal(low)}" if low is not None else None


def column_sql(spec: contract.SheetSpec, column: contract.Column) -> str:
    """How the store declares a sheet's column: type, NOT NULL, default, check."""
    parts = [column.sql_type or contract.SQL_TYPES[column.kind]]
    if spec.not_null(column):
        parts.append("NOT NULL")
    if column.blank is not None:
        parts.append(f"DEFAULT {_literal(column.blank)}")
    check = _check(column)
    if check:
        parts.append(f"CHECK ({check})")
    return " ".join(parts)


def _table_ddl(spec: contract.SheetSpec) -> str:
    lines = [f"{column.name} {column_sql(spec, column)}" for column in spec.stored]
    lines.append("batch_id INTEGER NOT NULL")
    lines.extend(f"CHECK ({condition})" for condition in spec.checks)
    lines.append(f"PRIMARY KEY ({', '.join(spec.store_key)})")
    return f"CREATE TABLE {spec.table} (\n    " + ",\n    ".join(lines) + ");"


def _archive_ddl(spec: contract.SheetSpec) -> str:
    # Rows an upload replaces are moved here, never deleted, so an undo can
    # bring back exactly what was there before.
    return (f"CREATE TABLE {spec.archive} AS SELECT *, 0 AS erstattet_af_batch FROM {spec.table} "
            "WITH NO DATA;")


def sheet_tables(*tables: str, archives: bool = True) -> str:
    """The DDL creating the declared sheets' tables (and their archives): a new sheet's migration."""
    specs = [contract.BY_TABLE[name] for name in tables]
    return "\n".join([_table_ddl(spec) for spec in specs] + ([_archive_ddl(spec) for spec in specs] if archives else []))


def sheet_archives(*tables: str) -> str:
    return "\n".join(_archive_ddl(contract.BY_TABLE[name]) for name in tables)


# The sheets migration 1 created; migration 2 archived exactly these.
_V1_SHEETS = ("enhed", "befolkning", "utm", "indsats", "oekonomi", "noegletal")


# Forward-only migrations: (version, description, SQL). Append, never edit. A new sheet's tables come
# from its declaration: append (N, "...", sheet_tables("<table>")). A sheet's tables are created at their
# declared shape, so changing a sheet that is already stored also needs a migration that alters them
# (tests/test_store_migrations.py compares an old database, migrated, with a new one).
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "grundskema: kontrakttabeller, batcher, metadata",
     """
     CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
     CREATE SEQUENCE batch_id_seq START 1;
     CREATE TABLE batch (
         batch_id INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
         created_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL, file_name VARCHAR NOT NULL,
         sha256 VARCHAR NOT NULL, rows_per_table JSON NOT NULL, kind VARCHAR NOT NULL,
         undone_at TIMESTAMP);
     """ + sheet_tables(*_V1_SHEETS, archives=False)),
    (2, "arkiv for erstattede rækker", sheet_archives(*_V1_SHEETS)),
    (3, "noter til figurer, versioneret",
     """
     CREATE SEQUENCE note_id_seq START 1;
     CREATE TABLE note (
         note_id INTEGER PRIMARY KEY DEFAULT nextval('note_id_seq'),
         item VARCHAR NOT NULL, periode VARCHAR NOT NULL, omfang VARCHAR NOT NULL,
         version INTEGER NOT NULL, tekst VARCHAR NOT NULL, forfatter VARCHAR NOT NULL,
         oprettet TIMESTAMP NOT NULL, UNIQUE (item, periode, omfang, version));
     """),
    (4, "budgetforudsætninger (antal × gennemsnitspris) og versionerede fordelingsnøgler",
     sheet_tables("budgetforudsaetninger") + """
     CREATE TABLE fordelingsnoegle (
         kommune VARCHAR NOT NULL, projekt VARCHAR NOT NULL, version INTEGER NOT NULL,
         gemt TIMESTAMP NOT NULL, bruger VARCHAR NOT NULL, note VARCHAR NOT NULL DEFAULT '',
         sektor VARCHAR NOT NULL, andel DECIMAL(7, 4) NOT NULL CHECK (andel BETWEEN 0 AND 100),
         PRIMARY KEY (kommune, projekt, version, sektor));
     """),
    (5, "investeringscases og effektiviseringskrav, versioneret",
     """
     CREATE TABLE investeringscase (
         kommune VARCHAR NOT NULL, navn VARCHAR NOT NULL, version INTEGER NOT NULL,
         gemt TIMESTAMP NOT NULL, bruger VARCHAR NOT NULL, note VARCHAR NOT NULL DEFAULT '',
         indhold JSON NOT NULL, PRIMARY KEY (kommune, navn, version));
     CREATE TABLE effektiviseringskrav (
         kommune VARCHAR NOT NULL, navn VARCHAR NOT NULL, version INTEGER NOT NULL,
         gemt TIMESTAMP NOT NULL, bruger VARCHAR NOT NULL, note VARCHAR NOT NULL DEFAULT '',
         indhold JSON NOT NULL, PRIMARY KEY (kommune, navn, version));
     """),
    (6, "planlagte sager til disponeringsregnskabet", sheet_tables("planlagt_sag")),
    (7, "politiske målsætninger, versioneret",
     """
     CREATE TABLE maalsaetning (
         kommune VARCHAR NOT NULL, indikator VARCHAR NOT NULL, distrikt VARCHAR NOT NULL DEFAULT '',
         version INTEGER NOT NULL, maalvaerdi DOUBLE NOT NULL, retning VARCHAR NOT NULL CHECK (retning IN ('op', 'ned')),
         fristaar INTEGER NOT NULL, basisaar INTEGER NOT NULL CHECK (basisaar < fristaar),
         beslutning VARCHAR NOT NULL DEFAULT '', aktiv BOOLEAN NOT NULL DEFAULT TRUE,
         fastsat_af VARCHAR NOT NULL, gemt TIMESTAMP NOT NULL,
         PRIMARY KEY (kommune, indikator, distrikt, version));
     """),
    (8, "FIT-målinger pr. forløb (ORS og SRS)", sheet_tables("fit_maaling")),
    (9, "adgang: roller givet i appen, og revisionslog over logins og ændringer",
     """
     CREATE TABLE adgang (
         bruger VARCHAR NOT NULL, rolle VARCHAR NOT NULL, omfang VARCHAR NOT NULL DEFAULT '',
         givet TIMESTAMP NOT NULL, givet_af VARCHAR NOT NULL, PRIMARY KEY (bruger, rolle, omfang));
     CREATE SEQUENCE revisionslog_id_seq START 1;
     CREATE TABLE revisionslog (
         log_id BIGINT PRIMARY KEY DEFAULT nextval('revisionslog_id_seq'), tidspunkt TIMESTAMP NOT NULL,
         bruger VARCHAR NOT NULL, adgang VARCHAR NOT NULL, handling VARCHAR NOT NULL,
         omfang VARCHAR NOT NULL DEFAULT '', detaljer VARCHAR NOT NULL DEFAULT '');
     """),
    (10, "referencetal for andre kommuner og landet (egen tabel, blandes aldrig med kommunens egne data)",
     """
     CREATE SEQUENCE referencebatch_id_seq START 1;
     CREATE TABLE referencebatch (
         batch_id INTEGER PRIMARY KEY DEFAULT nextval('referencebatch_id_seq'),
         created_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL, file_name VARCHAR NOT NULL,
         sha256 VARCHAR NOT NULL, rows INTEGER NOT NULL);
     CREATE TABLE referencetal (
         kommune VARCHAR NOT NULL, aar INTEGER NOT NULL CHECK (aar BETWEEN 1900 AND 2200),
         felt VARCHAR NOT NULL, vaerdi DOUBLE NOT NULL, antal INTEGER CHECK (antal IS NULL OR antal >= 0),
         kilde VARCHAR NOT NULL, tabel VARCHAR NOT NULL DEFAULT '', hentet DATE,
         batch_id INTEGER NOT NULL, PRIMARY KEY (kommune, aar, felt, kilde, tabel));
     CREATE TABLE referencetal_erstattet AS SELECT *, 0 AS erstattet_af_batch FROM referencetal WITH NO DATA;
     """),
]

# Reference figures of other municipalities and the country (issue 17): their own table, never a
# fact table, so the engine and the upload of the municipality's own data never see them.
REFERENCE_TABLE = FactTable("referencetal", ("kommune", "aar", "felt", "kilde", "tabel"),
                            ("kommune", "aar", "felt", "vaerdi", "antal", "kilde", "tabel", "hentet"),
                            "referencetal_erstattet")

SCHEMA_VERSION = MIGRATIONS[-1][0]


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL, description VARCHAR NOT NULL)""")
    current = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0]
    if current > SCHEMA_VERSION:
        raise StoreError(
            t("store.schema_newer", current=current, known=SCHEMA_VERSION))
    for version, description, sql in MIGRATIONS:
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, datetime.now(), description])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    # A migration may change the tables a derived table is made from (a new column reaches it).
    keep_derived(con, remake=current < SCHEMA_VERSION)


# Tables written on each connection since its derived tables were last kept (id of the connection).
_TOUCHED: dict[int, set[str]] = {}


def _touch(con: duckdb.DuckDBPyConnection, table: str) -> None:
    _TOUCHED.setdefault(id(con), set()).add(table)


def keep_derived(con: duckdb.DuckDBPyConnection, remake: bool = False) -> None:
    """Rewrite the derived course table (sources.COURSES_SELECT) when its inputs were written on this
    connection or its stamp is not current: within the caller's transaction, so readers never see
    rows and a course table that disagree."""
    touched = _TOUCHED.pop(id(con), set())
    if remake or touched & set(sources.COURSES_INPUTS) or not sources.courses_kept(con):
        con.execute(f"CREATE OR REPLACE TABLE {sources.KEPT_COURSES} AS {sources.COURSES_SELECT}")
        set_meta(con, {sources.KEPT_COURSES_META: con.execute(sources.KEPT_COURSES_STAMP_SQL).fetchall()[0][0]})


class Store:
    """A DuckDB file with the product's schema."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    def exists(self) -> bool:
        return self.path.exists()

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for reading (a cursor on this process's shared instance) or for writing.

        Lock conflicts, with a writer in another process or in this one, are waited out for up to
        ``config.lock_wait_seconds()``; then a Danish StoreError says the database is busy.
        """
        with (_reading if read_only else _writing)(self.path) as con:
            yield con

    def initialise(self) -> None:
        with self.connect():
            pass

    def schema_version(self) -> int:
        return self.rows("SELECT coalesce(max(version), 0) FROM schema_version")[0][0]

    def upgrade(self) -> None:
        """Bring an older database file up to the current schema (forward migrations only) and its derived
        tables up to date (a file last written by other code)."""
        # The app asks on every rerun: the answer holds until the file changes.
        identity = _identity(self.path)
        if identity is None or _CURRENT_SCHEMA.get(self.path.absolute()) == identity:
            return
        if self.schema_version() < SCHEMA_VERSION or not self.read(sources.courses_kept):
            self.initialise()
        _CURRENT_SCHEMA[self.path.absolute()] = _identity(self.path)

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                keep_derived(con)
            except BaseException:
                _TOUCHED.pop(id(con), None)
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def write(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``work(con)`` in one write transaction: all of it lands, or nothing (as datasette's
        ``execute_write_fn``). Batches, meta and rows are written inside with the functions below
        (:func:`new_batch`, :func:`replace_rows`, :func:`set_meta` ...), so their SQL lives here only."""
        with self.transaction() as con:
            return work(con)

    def query(self, sql: str, params: list | dict | None = None) -> pd.DataFrame:
        """One read, as a frame; a database error comes back as a StoreError in the user's language."""
        return self.read(lambda con: con.execute(sql, params or []).df())

    def rows(self, sql: str, params: list | dict | None = None) -> list[tuple]:
        """One read, as tuples; errors as :meth:`query`."""
        return self.read(lambda con: con.execute(sql, params or []).fetchall())

    def read(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``work(con)`` on a read-only connection (see :meth:`reading`)."""
        with self.reading() as con:
            return work(con)

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The one way the product reads: a read-only connection whose DuckDB errors come out as a
        StoreError with the product's message (texts/queries.py), as datasette's ``Database.execute``."""
        with self.connect(read_only=True) as con:
            try:
                yield con
            except duckdb.Error as exc:
                raise StoreError(explain_query_error(self.path, exc)) from exc

    def meta(self) -> dict[str, str]:
        return dict(self.rows("SELECT key, value FROM meta"))

    def row_counts(self) -> dict[str, int]:
        """Rows per fact table in the file."""
        def count(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
            present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            return {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
                    for name in FACT_TABLES if name in present}
        return self.read(count)

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file, leaving one self-contained file."""
        with self.connect() as con:
            con.execute("CHECKPOINT")

    def version_stamp(self) -> str:
        """Changes whenever the stored data changes; used as a cache key by the app and the engine.
        A write not yet folded into the file (its write-ahead log) changes it too."""
        stat = self.path.stat()
        try:
            wal = Path(f"{self.path}.wal").stat()
            pending = f":{wal.st_mtime_ns}:{wal.st_size}"
        except FileNotFoundError:
            pending = ""
        return f"{self.path}:{stat.st_mtime_ns}:{stat.st_size}{pending}"

    def writing_here(self) -> bool:
        """Whether this thread is writing to the file (its reads then see rows not yet committed)."""
        return self.path.absolute() in _held("writing")

    def write_batch(self, tables: dict[str, pd.DataFrame], *, user: str, file_name: str,
                    sha256: str | None = None, kind: str = "upload",
                    meta: dict[str, str] | None = None) -> int:
        """Store rows of one or more tables as one batch, in one transaction.

        A row whose key is already stored replaces it; the old row moves to the
        archive table with this batch's id.
        """
        unknown = set(tables) - set(FACT_TABLES)
        if unknown:
            raise StoreError(t("store.unknown_tables", tables=", ".join(sorted(unknown))))
        counts = {name: int(len(frame)) for name, frame in tables.items()}

        def work(con: duckdb.DuckDBPyConnection) -> int:
            batch_id = new_batch(con, user=user, file_name=file_name, kind=kind, counts=counts, sha256=sha256)
            for name, frame in tables.items():
                replace_rows(con, FACT_TABLES[name], frame, batch_id)
            set_meta(con, meta or {})
            return batch_id
        return self.write(work)


# --- Writes inside Store.write's transaction --------------------------------------------------

def new_batch(con: duckdb.DuckDBPyConnection, *, user: str, file_name: str, kind: str,
              counts: dict[str, int] | None = None, sha256: str | None = None) -> int:
    """The batch row every stored row points to; its id. Without ``sha256`` the digest of the counts."""
    counts = counts or {}
    digest = sha256 if sha256 is not None else hashlib.sha256(json.dumps(counts, sort_keys=True).encode()).hexdigest()
    return con.execute(
        "INSERT INTO batch (created_at, user_name, file_name, sha256, rows_per_table, kind) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING batch_id",
        [datetime.now(), user, file_name, digest, json.dumps(counts), kind]).fetchall()[0][0]


def finish_batch(con: duckdb.DuckDBPyConnection, batch_id: int, counts: dict[str, int], sha256: str) -> None:
    """A batch written in several transactions (the national demo) learns its counts and digest at the end."""
    con.execute("UPDATE batch SET sha256 = ?, rows_per_table = ? WHERE batch_id = ?",
                [sha256, json.dumps(counts), batch_id]).fetchall()


def mark_undone(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    con.execute("UPDATE batch SET undone_at = ? WHERE batch_id = ?", [datetime.now(), batch_id]).fetchall()


def set_meta(con: duckdb.DuckDBPyConnection, values: dict[str, str]) -> None:
    for key, value in values.items():
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value]).fetchall()


def append_rows(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, batch_id: int) -> None:
    """Rows into a table known to hold none with their keys (a database being built): no archive, no replace."""
    view = f"_append_{table}"
    con.register(view, frame)
    try:
        con.execute(f"INSERT INTO {FACT_TABLES[table].name} BY NAME SELECT *, {int(batch_id)} AS batch_id FROM {view}")
        _touch(con, table)
    finally:
        con.unregister(view)


def archive_rows(con: duckdb.DuckDBPyConnection, table: str, condition: str, params: list, batch_id: int) -> None:
    """Stored rows of ``table`` where ``condition`` holds move to its archive, replaced by ``batch_id``."""
    archive = FACT_TABLES[table].archive
    con.execute(f"INSERT INTO {archive} BY NAME SELECT {table}.*, {int(batch_id)} AS erstattet_af_batch "
                f"FROM {table} WHERE {condition}", params).fetchall()
    con.execute(f"DELETE FROM {table} WHERE {condition}", params).fetchall()
    _touch(con, table)


def restore_before(con: duckdb.DuckDBPyConnection, batch_id: int) -> tuple[int, int]:
    """Undo a batch's rows: they move to the archive, the rows it replaced come back. (Removed, restored.)"""
    removed = restored = 0
    for table in FACT_TABLES.values():
        _touch(con, table.name)
        removed += con.execute(f"INSERT INTO {table.archive} BY NAME SELECT *, {int(batch_id)} AS erstattet_af_batch "
                               f"FROM {table.name} WHERE batch_id = ?", [batch_id]).fetchall()[0][0]
        con.execute(f"DELETE FROM {table.name} WHERE batch_id = ?", [batch_id]).fetchall()
        restored += con.execute(
            f"INSERT INTO {table.name} BY NAME SELECT * EXCLUDE (erstattet_af_batch) FROM {table.archive} "
            f"WHERE erstattet_af_batch = ? AND batch_id <> ?", [batch_id, batch_id]).fetchall()[0][0]
        con.execute(f"DELETE FROM {table.archive} WHERE erstattet_af_batch = ? AND batch_id <> ?",
                    [batch_id, batch_id]).fetchall()
    mark_undone(con, batch_id)
    return removed, restored


def write_reference(store: "Store", frame: pd.DataFrame, *, user: str, file_name: str, sha256: str) -> int:
    """Store reference rows as one batch, in one transaction: a row whose key (municipality, year,
    field, source, table) is stored already replaces it, the old one moving to the archive."""
    def work(con: duckdb.DuckDBPyConnection) -> int:
        batch_id = con.execute(
            "INSERT INTO referencebatch (created_at, user_name, file_name, sha256, rows) VALUES (?, ?, ?, ?, ?) "
            "RETURNING batch_id", [datetime.now(), user, file_name, sha256, int(len(frame))]).fetchall()[0][0]
        replace_rows(con, REFERENCE_TABLE, frame, batch_id)
        return batch_id
    return store.write(work)


def replace_rows(con: duckdb.DuckDBPyConnection, table: FactTable, frame: pd.DataFrame, batch_id: int) -> None:
    """Within the caller's transaction: rows with an incoming key move to the archive, then the new rows go in."""
    missing = [c for c in table.columns if c not in frame.columns]
    if missing:
        raise StoreError(t("store.missing_columns", table=table.name, columns=", ".join(missing)))
    incoming = frame[list(table.columns)].copy()
    incoming["batch_id"] = batch_id
    view = f"incoming_{table.name}"
    con.register(view, incoming)
    try:
        key = ", ".join(table.key)
        con.execute(f"""
            INSERT INTO {table.archive} BY NAME
            SELECT t.*, {batch_id} AS erstattet_af_batch FROM {table.name} t
            WHERE ({key}) IN (SELECT ({key}) FROM {view})""")
        con.execute(f"DELETE FROM {table.name} WHERE ({key}) IN (SELECT ({key}) FROM {view})")
        con.execute(f"INSERT INTO {table.name} BY NAME SELECT * FROM {view}")
        _touch(con, table.name)
    finally:
        con.unregister(view)


def _has_schema(con: duckdb.DuckDBPyConnection) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'").fetchall()[0][0]
    return found == 1


def _explain_open_error(path: Path, exc: Exception) -> str:
    text = str(exc)
    if _is_lock_conflict(exc):
        return _busy(path)
    if "not a valid" in text.lower() or "corrupt" in text.lower() or "magic" in text.lower():
        return t("store.not_valid", path=path)
    if "permission" in text.lower() or "read-only" in text.lower():
        return t("store.no_write", folder=path.parent)
    return t("store.cannot_open", path=path, reason=text.splitlines()[0])


def explain_query_error(path: Path, exc: duckdb.Error) -> str:
    """A read that failed, told in the user's language (texts/queries.py); DuckDB's own line is kept for support."""
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if _is_lock_conflict(exc):
        return _busy(path)
    if isinstance(exc, duckdb.OutOfMemoryException):
        return t("store.query.memory", limit=config.memory_limit())
    if isinstance(exc, duckdb.CatalogException):
        return t("store.query.schema", path=path, detail=first)
    if isinstance(exc, duckdb.InterruptException):
        return t("store.query.interrupted")
    if isinstance(exc, duckdb.IOException):
        return t("store.query.io", path=path, detail=first)
    return t("store.query.failed", detail=first)


def _ensure_folder(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(t("store.no_folder", folder=folder)) from exc
    if not path.exists() and not os.access(folder, os.W_OK):
        raise StoreError(t("store.no_write", folder=folder))


# --- Sharing the file between readers and writers ------------------------------------------
#
# DuckDB lets one process hold a file for writing, or any number of processes hold it for
# reading; within a process every connection to a file must share one configuration. So:
# - readers in a process share one read-only instance per file and take a cursor per query;
# - a writer first announces itself in ``<file>.skriver`` (touched while it waits), then waits
#   for this process's readers to finish and closes the shared instance; readers in every
#   process see the announcement, let go of the file as soon as their queries are done and
#   wait until the writer holds it (then their retries wait until it has finished);
# - the shared instance is also closed when the file was replaced, the settings changed, or
#   nobody has read for a while (so a writer that does not announce itself gets in too).

_POLL_S = 0.05
_WATCH_S = 0.2
_IDLE_CLOSE_S = 60.0
_ANNOUNCEMENT_FRESH_S = 10.0     # a writer that died leaves its announcement; older ones are ignored
_MAX_OPEN = 8                    # files with an open instance (the tests create many)


def _is_lock_conflict(exc: Exception) -> bool:
    text = str(exc)
    # "Could not set lock on file" (another process), "different configuration" (a reader and a
    # writer of one file in one process); not "failed to pin block".
    return bool(re.search(r"\block\b", text, re.IGNORECASE)) or "different configuration" in text


def _busy(path: Path) -> str:
    return t("store.busy", path=path, seconds=f"{config.lock_wait_seconds():g}".replace(".", ","))


def _settings() -> dict[str, str]:
    settings = {"memory_limit": config.memory_limit(), "temp_directory": str(config.spill_directory())}
    if config.duckdb_threads():
        settings["threads"] = str(config.duckdb_threads())
    return settings


def _identity(path: Path) -> tuple | None:
    """Changes when the file is replaced or changed behind our back."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size


def _announcement(path: Path) -> Path:
    return path.with_name(path.name + ".skriver")


def _announce(path: Path) -> None:
    try:
        _announcement(path).write_text(str(os.getpid()))
    except OSError:
        pass        # a folder we may not write in: the retries below still work, only slower


def _withdraw(path: Path) -> None:
    try:
        _announcement(path).unlink()
    except OSError:
        pass


def _writer_waiting(path: Path) -> bool:
    try:
        announced = _announcement(path).stat().st_mtime
    except OSError:
        return False
    return time.time() - announced < _ANNOUNCEMENT_FRESH_S


class _SharedReader:
    """This process's read-only instance of one file, and who is using it."""

    def __init__(self, path: Path):
        self.path = path
        self.changed = threading.Condition()
        self.root: duckdb.DuckDBPyConnection | None = None
        self.opened_as: tuple | None = None      # (file identity, settings) when opened
        self.readers = 0
        self.writers = 0                         # writers in this process
        self.last_used = time.monotonic()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + config.lock_wait_seconds()
        with self.changed:
            while True:
                blocked = self.writers > 0 or _writer_waiting(self.path)
                current = (_identity(self.path), _settings())
                stale = self.root is not None and (blocked or self.opened_as != current)
                if stale and self.readers == 0:
                    self._close()
                    stale = False
                if not blocked and self.root is None:
                    self._open(current)
                if not blocked and not stale and self.root is not None:
                    cursor = self.root.cursor()
                    self.readers += 1
                    self.last_used = time.monotonic()
                    return cursor
                if time.monotonic() > deadline:
                    raise StoreError(_busy(self.path))
                self.changed.wait(_POLL_S)

    def done(self, cursor: duckdb.DuckDBPyConnection) -> None:
        try:
            cursor.close()
        finally:
            with self.changed:
                self.readers -= 1
                self.last_used = time.monotonic()
                self.changed.notify_all()

    def _open(self, current: tuple) -> None:
        """Open the instance, or leave it closed when another process writes (the caller retries)."""
        if current[0] is None:
            raise StoreError(t("store.missing", path=self.path))
        try:
            root = duckdb.connect(str(self.path), read_only=True, config=current[1])
        except duckdb.Error as exc:
            if _is_lock_conflict(exc):
                return
            raise StoreError(_explain_open_error(self.path, exc)) from exc
        if not _has_schema(root):
            root.close()
            raise StoreError(t("store.not_ours", path=self.path))
        self.root, self.opened_as = root, current

    def _close(self) -> None:
        if self.root is not None:
            self.root.close()
        self.root, self.opened_as = None, None

    def close_if_unused(self, idle: bool = False) -> None:
        """Let go of the file when nobody reads and a writer waits, or nobody has read for a while."""
        with self.changed:
            if self.root is None or self.readers:
                return
            if (idle or self.writers or _writer_waiting(self.path)
                    or time.monotonic() - self.last_used > _IDLE_CLOSE_S):
                self._close()
                self.changed.notify_all()

    def start_writing(self, deadline: float) -> None:
        with self.changed:
            self.writers += 1
            while self.readers:
                if time.monotonic() > deadline:
                    self.writers -= 1
                    self.changed.notify_all()
                    raise StoreError(_busy(self.path))
                self.changed.wait(_POLL_S)
            self._close()

    def stop_writing(self) -> None:
        with self.changed:
            self.writers -= 1
            self.changed.notify_all()


_SHARED: dict[Path, _SharedReader] = {}
_CURRENT_SCHEMA: dict[Path, tuple] = {}   # file -> its identity when its schema was last found current
_SHARED_LOCK = threading.Lock()
_THIS_THREAD = threading.local()       # files this thread reads (count) or writes (connection)


def _shared(path: Path) -> _SharedReader:
    key = path.absolute()
    with _SHARED_LOCK:
        shared = _SHARED.get(key)
        if shared is None:
            if not _SHARED:
                threading.Thread(target=_watch, name="steering-store-watch", daemon=True).start()
            shared = _SHARED[key] = _SharedReader(key)
            # Entries stay (a thread may hold one); only the oldest idle instances let go of their files.
            open_ones = sorted((s for s in _SHARED.values() if s.root is not None), key=lambda s: s.last_used)
            for old in open_ones[:max(0, len(open_ones) - _MAX_OPEN + 1)]:
                old.close_if_unused(idle=True)
        return shared


def _watch() -> None:
    """Close idle instances when a writer waits, so an app nobody looks at never blocks an import."""
    while True:
        time.sleep(_WATCH_S)
        with _SHARED_LOCK:
            shared = list(_SHARED.values())
        for reader in shared:
            reader.close_if_unused()


def _held(kind: str) -> dict:
    if not hasattr(_THIS_THREAD, kind):
        setattr(_THIS_THREAD, kind, {})
    return getattr(_THIS_THREAD, kind)


@contextmanager
def _reading(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    if not path.exists():
        raise StoreError(t("store.missing", path=path))
    key = path.absolute()
    own_writer = _held("writing").get(key)
    if own_writer is not None:
        # A read inside this thread's own write: the shared instance is closed until the write ends.
        cursor = own_writer.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
        return
    shared = _shared(path)
    cursor = shared.cursor()
    reading = _held("reading")
    reading[key] = reading.get(key, 0) + 1
    try:
        yield cursor
    finally:
        reading[key] -= 1
        shared.done(cursor)


@contextmanager
def _writing(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    key = path.absolute()
    if _held("reading").get(key):
        raise RuntimeError(f"a write to {path} inside a read of it in the same thread would wait for itself")
    _ensure_folder(path)
    deadline = time.monotonic() + config.lock_wait_seconds()
    _announce(path)
    shared = _shared(path)
    try:
        shared.start_writing(deadline)
        try:
            con = _open_for_writing(path, deadline)
            try:
                _withdraw(path)
                _migrate(con)
                _held("writing")[key] = con
                try:
                    yield con
                finally:
                    # Writes made outside a transaction have landed, even if the work then failed:
                    # the derived tables follow them (a rolled-back transaction left nothing touched).
                    if _TOUCHED.get(id(con)) or not sys.exc_info()[0]:
                        keep_derived(con)
            finally:
                _TOUCHED.pop(id(con), None)
                _held("writing").pop(key, None)
                con.close()
        finally:
            shared.stop_writing()
    finally:
        _withdraw(path)


def _open_for_writing(path: Path, deadline: float) -> duckdb.DuckDBPyConnection:
    pause = _POLL_S
    while True:
        try:
            return duckdb.connect(str(path), read_only=False, config=_settings())
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise StoreError(_explain_open_error(path, exc)) from exc
            if time.monotonic() > deadline:
                raise StoreError(_busy(path)) from exc
        _announce(path)      # another writer that got in first withdrew it
        time.sleep(pause)
        pause = min(pause * 2, 0.5)
