"""Distribution keys (fordelingsnøgler) for cross-sector solutions.

A cross-sector solution can be financed by a key that shares its cost between sectors, e.g. a
mentor 60 % employment / 20 % adult support / 20 % family treatment (VIVE 2018, 003 L3057-3091).
A key is stored per project; every save is a new version with its time and user, and nothing is
ever overwritten, so a steering group can see what was agreed when.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

import pandas as pd

from steering_core.domain import SECTORS
from steering_core.store import Store
from steering_core.texts import t

TOLERANCE = 0.01        # percentage points: 33,33 + 33,33 + 33,34 is fine
DECIMALS = 2


class DistributionError(ValueError):
    """A key that cannot be saved; ``problems`` are Danish sentences fit to show a user."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class KeyVersion:
    kommune: str
    project: str
    version: int
    saved: datetime
    user: str
    note: str
    shares: dict[str, float]     # sector -> percent


def validate(project: str, shares: Mapping[str, float], user: str = "x",
             sector_names: Mapping[str, str] | None = None) -> list[str]:
    """Every problem with a key, in Danish; an empty list when it can be saved."""
    names = sector_names or {}
    problems = []
    if not str(project or "").strip():
        problems.append(t("econ.err.project"))
    if not str(user or "").strip():
        problems.append(t("econ.err.user"))
    for sector, share in shares.items():
        name = names.get(sector, sector)
        if sector not in SECTORS:
            problems.append(t("econ.err.sector", sector=sector, sectors=", ".join(SECTORS)))
        elif share is None or not math.isfinite(float(share)):
            problems.append(t("econ.err.not_number", name=name))
        elif not 0 <= float(share) <= 100:
            problems.append(t("econ.err.range", name=name, found=_pct(share)))
    valid = [float(v) for s, v in shares.items() if s in SECTORS and v is not None and math.isfinite(float(v))]
    used = [v for v in valid if v > 0]
    if not used:
        problems.append(t("econ.err.none"))
    elif abs(sum(valid) - 100) > TOLERANCE:
        problems.append(t("econ.err.sum", total=_pct(sum(valid))))
    return problems


def save(store: Store, kommune: str, project: str, shares: Mapping[str, float], user: str, note: str = "",
         now: datetime | None = None, sector_names: Mapping[str, str] | None = None) -> KeyVersion:
    """Store the key as the project's next version; earlier versions stay as they were."""
    problems = validate(project, shares, user, sector_names)
    if problems:
        raise DistributionError(problems)
    project, user = project.strip(), user.strip()
    saved = now or datetime.now()
    kept = {sector: round(float(share), DECIMALS) for sector, share in shares.items() if float(share) > 0}
    with store.transaction() as con:
        version = con.execute("SELECT coalesce(max(version), 0) + 1 FROM fordelingsnoegle "
                              "WHERE kommune = ? AND projekt = ?", [kommune, project]).fetchall()[0][0]
        for sector, share in kept.items():
            con.execute("INSERT INTO fordelingsnoegle (kommune, projekt, version, gemt, bruger, note, sektor, andel) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [kommune, project, version, saved, user, note or "", sector, share]).fetchall()
    return KeyVersion(kommune, project, int(version), saved, user, note or "", kept)


def versions(store: Store, kommune: str, project: str) -> list[KeyVersion]:
    """Every saved version of the project's key, oldest first."""
    if not store.exists():
        return []
    with store.reading() as con:
        rows = con.execute("SELECT version, gemt, bruger, note, sektor, andel::DOUBLE FROM fordelingsnoegle "
                           "WHERE kommune = ? AND projekt = ? ORDER BY version, sektor",
                           [kommune, project]).fetchall()
    result: dict[int, KeyVersion] = {}
    for version, saved, user, note, sector, share in rows:
        key = result.setdefault(version, KeyVersion(kommune, project, version, saved, user, note, {}))
        key.shares[sector] = share
    return list(result.values())


def current(store: Store, kommune: str, project: str) -> KeyVersion | None:
    found = versions(store, kommune, project)
    return found[-1] if found else None


def projects(store: Store, kommune: str) -> list[str]:
    """Projects with a key first, then the other projects named in the finance sheet (each alphabetical), so
    a page opens on a project whose key there is to see."""
    if not store.exists():
        return []
    with store.reading() as con:
        rows = con.execute("""SELECT projekt, bool_or(keyed) FROM (
                                  SELECT projekt, TRUE AS keyed FROM fordelingsnoegle WHERE kommune = $k
                                  UNION ALL SELECT projekt, FALSE FROM oekonomi WHERE kommune = $k AND projekt <> '')
                              GROUP BY projekt ORDER BY 2 DESC, 1""", {"k": kommune}).fetchall()
    return [row[0] for row in rows]


def allocate(shares: Mapping[str, float], amount: float) -> pd.DataFrame:
    """Each sector's part of ``amount`` in whole kroner; the parts add up to the rounded amount exactly
    (the largest remainders get the odd kroner)."""
    total = round(float(amount))
    raw = {sector: total * float(share) / 100 for sector, share in shares.items()}
    floors = {sector: math.floor(value) for sector, value in raw.items()}
    rest = total - sum(floors.values())
    for sector in sorted(raw, key=lambda s: raw[s] - floors[s], reverse=True)[:max(rest, 0)]:
        floors[sector] += 1
    return pd.DataFrame({"sector": list(shares), "share": [float(v) for v in shares.values()],
                         "amount": [float(floors[s]) for s in shares]})


def history_frame(keys: list[KeyVersion], sector_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per version, newest first, with the shares as text (``Skole 40 %, ...``)."""
    names = sector_names or {}
    rows = [{"version": k.version, "saved": k.saved, "user": k.user, "note": k.note,
             "shares": ", ".join(f"{names.get(s, s)} {_pct(v)}" for s, v in k.shares.items())}
            for k in reversed(keys)]
    return pd.DataFrame(rows, columns=["version", "saved", "user", "note", "shares"])


def _pct(value: float) -> str:
    from steering_core.formatting import percent
    return percent(float(value), 2 if round(float(value), 2) != round(float(value)) else 0)


def booked_by_sector(store: Store, kommune: str, project: str, start, end) -> pd.Series:
    """Spend each sector has booked on the project in the finance sheet between ``start`` and ``end``."""
    with store.reading() as con:
        rows = con.execute("""SELECT sektor, sum(forbrug)::DOUBLE FROM oekonomi
                              WHERE kommune = ? AND projekt = ? AND periode_start >= ? AND periode_slut <= ?
                              GROUP BY 1 ORDER BY 1""", [kommune, project, start, end]).fetchall()
    return pd.Series({sector: amount for sector, amount in rows}, dtype=float)


def settlement(shares: Mapping[str, float], booked: pd.Series) -> pd.DataFrame:
    """Per sector: its share by the key, what it should carry of the booked total, what it booked,
    its booked share, and the transfer that settles the difference (positive: the sector owes)."""
    total = float(booked.sum()) if len(booked) else 0.0
    carried = allocate(shares, total).set_index("sector")["amount"]
    sectors = [s for s in SECTORS if s in shares or s in booked.index]
    frame = pd.DataFrame({"sector": sectors})
    frame["share"] = frame["sector"].map(lambda s: float(shares.get(s, 0.0)))
    frame["key_amount"] = frame["sector"].map(lambda s: float(carried.get(s, 0.0)))
    frame["booked"] = frame["sector"].map(lambda s: float(booked.get(s, 0.0)))
    frame["booked_share"] = 100 * frame["booked"] / total if total else math.nan
    frame["transfer"] = frame["key_amount"] - frame["booked"]
    return frame
