"""The upload history and undo.

Every upload is a row in ``batch``. Its rows carry its ``batch_id``; rows it
replaced sit in ``<table>_erstattet`` with ``erstattet_af_batch`` = its id.
Undo moves the batch's own rows to the archive (``batch_id`` =
``erstattet_af_batch`` = its id, so they can still be shown) and puts back the
rows it replaced, in one transaction. Nothing is ever deleted for good.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from steering_core.store import FACT_TABLES, Store, restore_before
from steering_core.texts import t
from steering_core.upload.contract import BY_TABLE, SHEETS
from steering_core.upload.scope import period_sql


@dataclass
class BatchInfo:
    batch_id: int
    created_at: datetime
    user: str
    file_name: str
    kind: str
    rows_per_table: dict[str, int]
    periods: list[str] = field(default_factory=list)
    undone_at: datetime | None = None

    @property
    def rows(self) -> int:
        return sum(self.rows_per_table.values())

    @property
    def active(self) -> bool:
        return self.undone_at is None


class UndoError(Exception):
    """An undo that cannot be done; the message is fit to show the user."""


def history(store: Store) -> list[BatchInfo]:
    """All batches, newest first, with the tables and periods they hold."""
    if not store.exists():
        return []
    with store.reading() as con:
        batches = con.execute("SELECT batch_id, created_at, user_name, file_name, kind, rows_per_table, undone_at "
                              "FROM batch ORDER BY batch_id DESC").fetchall()
        periods: dict[int, set[str]] = {}
        for table in FACT_TABLES:
            found = con.execute(f"""
                SELECT DISTINCT batch_id, {period_sql(table, 'x')} FROM (
                    SELECT * FROM {table}
                    UNION ALL BY NAME SELECT * EXCLUDE (erstattet_af_batch) FROM {FACT_TABLES[table].archive}) x""").fetchall()
            for batch_id, label in found:
                periods.setdefault(batch_id, set()).add(label)
    result = []
    for batch_id, created, user, file_name, kind, counts, undone in batches:
        counts = json.loads(counts) if isinstance(counts, str) else dict(counts or {})
        labels = sorted(periods.get(batch_id, set()) - {t("upload.preview.no_period")})
        result.append(BatchInfo(batch_id, created, user, file_name, kind, counts, labels, undone))
    return result


def history_frame(store: Store) -> pd.DataFrame:
    """The history as a table for the page and the CLI."""
    from steering_core.formatting import timestamp
    rows = [{
        t("upload.history.batch"): b.batch_id,
        t("upload.history.time"): timestamp(b.created_at),
        t("upload.history.user"): b.user,
        t("upload.history.file"): b.file_name,
        t("upload.history.tables"): sheet_names(b.rows_per_table),
        t("upload.history.periods"): ", ".join(b.periods),
        t("upload.history.rows"): b.rows,
        t("upload.history.status"): t("upload.history.active") if b.active
        else t("upload.history.undone", when=timestamp(b.undone_at)),
    } for b in history(store)]
    return pd.DataFrame(rows)


def sheet_name(table: str) -> str:
    """A table as the sheet users know (``utm`` -> ``UTM``); tables outside the workbook keep their name."""
    return BY_TABLE[table].name if table in BY_TABLE else table


def sheet_names(tables) -> str:
    """Tables as the sheets users know (``Enheder, UTM``), in the template's order, others after."""
    known = [spec.name for spec in SHEETS if spec.table in tables]
    return ", ".join(known + sorted(name for name in tables if name not in BY_TABLE))


def batch_rows(store: Store, batch_id: int) -> dict[str, pd.DataFrame]:
    """The rows a batch brought, per table: still stored, replaced later, or undone (column ``status``)."""
    result: dict[str, pd.DataFrame] = {}
    if not store.exists():
        return result
    with store.reading() as con:
        for table in FACT_TABLES:
            frame = con.execute(f"""
                SELECT *, 'aktiv' AS status FROM {table} WHERE batch_id = ?
                UNION ALL BY NAME
                SELECT * EXCLUDE (erstattet_af_batch),
                       CASE WHEN erstattet_af_batch = batch_id THEN 'fortrudt'
                            ELSE 'erstattet af nr. ' || erstattet_af_batch END AS status
                FROM {FACT_TABLES[table].archive} WHERE batch_id = ?""", [batch_id, batch_id]).df()
            if not frame.empty:
                result[table] = frame
    return result


def undo(store: Store, batch_id: int) -> str:
    """Restore exactly the state before ``batch_id``, in one transaction. Returns a Danish message."""
    def work(con) -> tuple[int, int]:
        found = con.execute("SELECT undone_at FROM batch WHERE batch_id = ?", [batch_id]).fetchall()
        if not found:
            raise UndoError(t("upload.undo.unknown", batch_id=batch_id))
        if found[0][0] is not None:
            raise UndoError(t("upload.undo.already", batch_id=batch_id))
        later = _later_batches(con, batch_id)
        if later:
            raise UndoError(t("upload.undo.conflict", batch_id=batch_id, later=max(later)))
        return restore_before(con, batch_id)
    removed, restored = store.write(work)
    return t("upload.undo.done", batch_id=batch_id, removed=removed, restored=restored)


def _later_batches(con, batch_id: int) -> set[int]:
    """Active batches that changed this batch's rows, or hold keys this batch would bring back."""
    later: set[int] = set()
    for table in FACT_TABLES:
        fact = FACT_TABLES[table]
        archive = fact.archive
        later |= {row[0] for row in con.execute(
            f"SELECT DISTINCT erstattet_af_batch FROM {archive} WHERE batch_id = ? AND erstattet_af_batch <> ?",
            [batch_id, batch_id]).fetchall()}
        on = " AND ".join(f"m.{k} = a.{k}" for k in fact.key)
        later |= {row[0] for row in con.execute(
            f"SELECT DISTINCT m.batch_id FROM {table} m JOIN {archive} a ON {on} "
            f"WHERE a.erstattet_af_batch = ? AND a.batch_id <> ? AND m.batch_id <> ?",
            [batch_id, batch_id, batch_id]).fetchall()}
    return later
