"""The audit log and the roles the administrator gives in the app, in the access database.

Every login, upload, undo, export and edit of notes, keys, targets or cases by a named user
(the app's and the CLI's) is one row: who, when, with which grants, what, and in what scope.
The log is personal data (Datatilsynet 2024: access logs fall under the right of access), so
it can be exported per person, and rows older than the retention period
(``config.audit_retention_days()``) are deleted whenever a row is written.
"""
from __future__ import annotations

import io
from datetime import datetime, timedelta

import pandas as pd

from steering_core import access, config
from steering_core.store import Store
from steering_core.texts import t

LOGIN, REFUSED, UPLOAD, UNDO, EXPORT, NOTE, KEY, TARGET, CASE, REQUIREMENT, ROLES = (
    "login", "login afvist", "upload", "fortryd", "eksport", "note", "fordelingsnoegle", "maal", "investeringscase",
    "effektiviseringskrav", "roller")


def store() -> Store:
    return Store(config.access_database_path())


def record(user: access.User | None, action: str, scope: str = "", detail: str = "",
           when: datetime | None = None) -> None:
    """One row in the log, and rows past the retention period gone, in one transaction."""
    if user is None or not user.audited:
        return
    when = when or datetime.now()
    with store().transaction() as con:
        con.execute("INSERT INTO revisionslog (tidspunkt, bruger, adgang, handling, omfang, detaljer) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [when.replace(microsecond=0), user.name, f"{user.kind}: {user.describe()}", action, scope,
                     detail])
        _prune(con, when)


def _prune(con, now: datetime) -> int:
    cutoff = now - timedelta(days=config.audit_retention_days())
    return con.execute("DELETE FROM revisionslog WHERE tidspunkt < ?", [cutoff]).fetchall()[0][0]


def prune(now: datetime | None = None) -> int:
    """Delete rows older than the retention period; the number deleted."""
    with store().transaction() as con:
        return _prune(con, now or datetime.now())


_COLUMNS = ("tidspunkt", "bruger", "adgang", "handling", "omfang", "detaljer")


def entries(user: access.User, person: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """The log, newest first (one person's rows when ``person`` is given). Administrators only."""
    access.require(user, "roles")
    log = store()
    if not log.exists():
        return pd.DataFrame(columns=list(_COLUMNS))
    where, values = ("WHERE bruger = ?", [person]) if person else ("", [])
    with log.reading() as con:
        frame = con.execute(f"SELECT {', '.join(_COLUMNS)} FROM revisionslog {where} "
                            f"ORDER BY tidspunkt DESC, log_id DESC {'LIMIT ' + str(int(limit)) if limit else ''}",
                            values).df()
    return frame


def people(user: access.User) -> list[str]:
    access.require(user, "roles")
    log = store()
    if not log.exists():
        return []
    with log.reading() as con:
        return [row[0] for row in con.execute("SELECT DISTINCT bruger FROM revisionslog ORDER BY 1").fetchall()]


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The log with Danish headers and times, for the page and the export."""
    from steering_core.formatting import timestamp
    shown = frame.copy()
    shown["tidspunkt"] = [timestamp(value) for value in shown["tidspunkt"]]
    return shown.rename(columns={column: t(f"audit.col.{column}") for column in _COLUMNS})


def person_export(user: access.User, person: str) -> bytes:
    """One person's rows as an Excel workbook (a reply to a request for access); the export is logged."""
    frame = shown(entries(user, person))
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=t("audit.sheet"), index=False)
    record(user, EXPORT, person, t("audit.detail.person_export", person=person))
    return buffer.getvalue()


# --- roles given in the app ---------------------------------------------------------------------

def grants_for(name: str) -> frozenset[access.Grant]:
    """The grants the administrator gave ``name`` in the app (none while the access database is new)."""
    log = store()
    if not name or not log.exists():
        return frozenset()
    with log.reading() as con:
        rows = con.execute("SELECT rolle, omfang FROM adgang WHERE lower(bruger) = lower(?)", [name]).fetchall()
    return frozenset(g for g in (access.parse_grant(f"{role}:{scope}" if scope else role) for role, scope in rows)
                     if g is not None)


def given(user: access.User) -> pd.DataFrame:
    access.require(user, "roles")
    log = store()
    if not log.exists():
        return pd.DataFrame(columns=["bruger", "rolle", "omfang", "givet", "givet_af"])
    with log.reading() as con:
        return con.execute("SELECT bruger, rolle, omfang, givet, givet_af FROM adgang ORDER BY bruger, rolle, omfang").df()


def give(user: access.User, name: str, grant_text: str) -> access.Grant:
    """Give ``name`` a grant (``distriktsleder:Nord``); administrators only, logged."""
    access.require(user, "roles")
    name, grant = name.strip(), access.parse_grant(grant_text)
    if not name:
        raise access.AccessDenied(t("audit.err.no_name"))
    if grant is None:
        raise access.AccessDenied(t("audit.err.bad_grant", grant=grant_text))
    with store().transaction() as con:
        con.execute("INSERT OR REPLACE INTO adgang VALUES (?, ?, ?, ?, ?)",
                    [name, grant.role, grant.scope, datetime.now().replace(microsecond=0), user.name])
    record(user, ROLES, name, t("audit.detail.give", grant=str(grant)))
    return grant


def take(user: access.User, name: str, grant_text: str) -> None:
    """Take a grant given in the app away again; administrators only, logged."""
    access.require(user, "roles")
    grant = access.parse_grant(grant_text)
    if grant is None:
        raise access.AccessDenied(t("audit.err.bad_grant", grant=grant_text))
    with store().transaction() as con:
        con.execute("DELETE FROM adgang WHERE bruger = ? AND rolle = ? AND omfang = ?", [name, grant.role, grant.scope])
    record(user, ROLES, name, t("audit.detail.take", grant=str(grant)))
