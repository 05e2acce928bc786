"""Who uploads which sheets of the quarterly workbook, and in what order (the Upload page's guidance).

The order matters once: every sheet names units, so the organisation register (Enheder) must be in the
database, or in the same upload, before anything that refers to it. After that each role uploads only
its own sheets; a sheet whose units are already in the database needs no Enheder sheet beside it.
"""
from __future__ import annotations

from dataclasses import dataclass

from steering_core.upload import contract as c


@dataclass(frozen=True)
class UploadRole:
    key: str                          # texts: upload.role.<key> (who) and upload.role.<key>.when (how often)
    sheets: tuple[c.SheetSpec, ...]


ROLES: tuple[UploadRole, ...] = (
    UploadRole("data_owner", (c.ENHEDER, c.BEFOLKNING)),
    UploadRole("leaders", (c.UTM,)),
    UploadRole("family", (c.INDSATSER, c.PLANLAGTE_SAGER, c.FIT_MAALINGER)),
    UploadRole("finance", (c.OEKONOMI, c.BUDGETFORUDSAETNINGER, c.NOEGLETAL)),
)


_UNKNOWN_ORGANISATION = ("upload.err.unknown_unit", "upload.err.unknown_district")


def units_come_first(prepared) -> bool:
    """The upload refers to units the database does not have, and carries no Enheder sheet to add them."""
    return c.ENHEDER.table not in prepared.tables and any(
        problem.code in _UNKNOWN_ORGANISATION for problem in prepared.problems)


def check_roles() -> None:
    """Every sheet of the contract belongs to exactly one role (run at import)."""
    named = [spec.name for role in ROLES for spec in role.sheets]
    if sorted(named) != sorted(spec.name for spec in c.SHEETS):
        raise ValueError(f"upload roles name {sorted(named)}, the contract has {[s.name for s in c.SHEETS]}")


check_roles()
