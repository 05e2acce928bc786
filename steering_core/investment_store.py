"""Investment cases and efficiency requirements in the database, versioned.

Every save is a new version with its time and user; nothing is overwritten, so a steering group can
see which assumptions were agreed when. The whole case is kept as one JSON document per version: its
parts (costs, effects, scenarios) are only ever read and written together.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from steering_core import investment
from steering_core.store import Store, StoreError
from steering_core.texts import t

CASES, REQUIREMENTS = "investeringscase", "effektiviseringskrav"


@dataclass(frozen=True)
class Version:
    kommune: str
    name: str
    version: int
    saved: datetime
    user: str
    note: str
    content: dict


def _save(store: Store, table: str, kommune: str, name: str, content: dict, user: str, note: str,
          now: datetime | None) -> Version:
    name, user = (name or "").strip(), (user or "").strip()
    if not name:
        raise StoreError(t("inv.err.name"))
    if not user:
        raise StoreError(t("inv.err.user"))
    saved = (now or datetime.now()).replace(microsecond=0)
    with store.transaction() as con:
        version = con.execute(f"SELECT coalesce(max(version), 0) + 1 FROM {table} WHERE kommune = ? AND navn = ?",
                              [kommune, name]).fetchall()[0][0]
        con.execute(f"INSERT INTO {table} (kommune, navn, version, gemt, bruger, note, indhold) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [kommune, name, version, saved, user, note or "", json.dumps(content, ensure_ascii=False)])
    return Version(kommune, name, int(version), saved, user, note or "", content)


def _versions(store: Store, table: str, kommune: str, name: str) -> list[Version]:
    if not store.exists():
        return []
    with store.reading() as con:
        if not _has_table(con, table):
            return []
        rows = con.execute(f"SELECT version, gemt, bruger, note, indhold FROM {table} "
                           "WHERE kommune = ? AND navn = ? ORDER BY version", [kommune, name]).fetchall()
    return [Version(kommune, name, v, saved, user, note, json.loads(content)) for v, saved, user, note, content in rows]


def _names(store: Store, table: str, kommune: str) -> list[str]:
    if not store.exists():
        return []
    with store.reading() as con:
        if not _has_table(con, table):
            return []
        rows = con.execute(f"SELECT DISTINCT navn FROM {table} WHERE kommune = ? ORDER BY navn", [kommune]).fetchall()
    return [row[0] for row in rows]


def _has_table(con, table: str) -> bool:
    # A database from before migration 5, opened read-only, has no such table yet.
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                       [table]).fetchall()[0][0] == 1


def save_case(store: Store, kommune: str, case: investment.Case, user: str, note: str = "",
              now: datetime | None = None) -> Version:
    """Store the case as its next version (a case with problems is refused)."""
    problems = investment.validate(case)
    if problems:
        raise investment.CaseError(problems)
    return _save(store, CASES, kommune, case.name, investment.to_dict(case), user, note, now)


def case_names(store: Store, kommune: str) -> list[str]:
    return _names(store, CASES, kommune)


def case_versions(store: Store, kommune: str, name: str) -> list[Version]:
    """Every saved version of the case, oldest first."""
    return _versions(store, CASES, kommune, name)


def latest_case(store: Store, kommune: str, name: str) -> tuple[investment.Case, Version] | None:
    found = case_versions(store, kommune, name)
    return (investment.from_dict(found[-1].content), found[-1]) if found else None


def save_requirement(store: Store, kommune: str, name: str, content: dict, user: str, note: str = "",
                     now: datetime | None = None) -> Version:
    return _save(store, REQUIREMENTS, kommune, name, content, user, note, now)


def requirement_names(store: Store, kommune: str) -> list[str]:
    return _names(store, REQUIREMENTS, kommune)


def requirement_versions(store: Store, kommune: str, name: str) -> list[Version]:
    return _versions(store, REQUIREMENTS, kommune, name)


def latest_requirement(store: Store, kommune: str, name: str):
    """The newest version of the requirement as an ``efficiency.Requirement``, with its version; None if none."""
    from steering_core import efficiency

    found = requirement_versions(store, kommune, name)
    return (efficiency.from_dict(found[-1].content), found[-1]) if found else None


def versions_frame(found: list[Version]) -> "pd.DataFrame":
    """One row per version, newest first: version, saved, user, note (headers in the active language)."""
    import pandas as pd

    from steering_core import formatting

    return pd.DataFrame([{t("inv.col.version"): v.version, t("inv.col.saved"): formatting.timestamp(v.saved),
                          t("inv.col.user"): v.user, t("inv.col.note"): v.note} for v in reversed(found)])
