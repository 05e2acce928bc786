"""Consultants' notes beside a figure, per period and scope; every save is a new version."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from steering_core.store import Store, StoreError
from steering_core.texts import t

MAX_LENGTH = 1000


@dataclass(frozen=True)
class Note:
    item: str
    period: str
    scope: str
    version: int
    text: str
    author: str
    created: datetime


def save(store: Store, item: str, period: str, scope: str, text: str, author: str) -> Note:
    """Store a new version of the note; earlier versions are kept."""
    text = (text or "").strip()
    author = (author or "").strip() or t("notes.unknown_author")
    if len(text) > MAX_LENGTH:
        raise StoreError(t("notes.too_long", length=len(text), limit=MAX_LENGTH))
    with store.transaction() as con:
        version = con.execute(
            "SELECT coalesce(max(version), 0) + 1 FROM note WHERE item = ? AND periode = ? AND omfang = ?",
            [item, period, scope]).fetchall()[0][0]
        created = datetime.now().replace(microsecond=0)
        con.execute("INSERT INTO note (item, periode, omfang, version, tekst, forfatter, oprettet) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", [item, period, scope, version, text, author, created])
    return Note(item, period, scope, version, text, author, created)


def latest(store: Store, period: str, scope: str) -> dict[str, Note]:
    """The newest version of every item's note for the period and scope (an empty text hides a note)."""
    with store.reading() as con:
        rows = con.execute("""
            SELECT item, periode, omfang, version, tekst, forfatter, oprettet FROM note
            WHERE periode = ? AND omfang = ?
            QUALIFY row_number() OVER (PARTITION BY item ORDER BY version DESC) = 1""",
            [period, scope]).fetchall()
    return {row[0]: Note(*row) for row in rows if row[4]}


def history(store: Store, item: str, period: str, scope: str) -> list[Note]:
    with store.reading() as con:
        rows = con.execute("""SELECT item, periode, omfang, version, tekst, forfatter, oprettet FROM note
                              WHERE item = ? AND periode = ? AND omfang = ? ORDER BY version DESC""",
                           [item, period, scope]).fetchall()
    return [Note(*row) for row in rows]
