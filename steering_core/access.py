"""Who may do what: roles, their scopes, and the checks every write makes. Deny by default.

A user holds grants, each a role with an optional scope: ``distriktsleder:Nord``,
``enhedsleder:SK-NO-03``, ``seer``, ``oekonomi``, ``administrator``. Grants come from a claim
in the login token (which claim, and which group gives which grant, are settings; README:
Login og roller) and from the table the administrator keeps in the app (``grants_for``).
What a role may do is declared once in ``ALLOWED``; anything not declared is refused.

The checks live here and are called by the core's writes (upload, undo, notes, keys, cases,
targets), so a hidden button is never the only guard. A write called without an actor is the
program itself (the demo build): ``SYSTEM``, a local administrator whose actions are not logged.
The CLI acts as a named local administrator (``cli_user``); the app without login configured
runs in local mode (``local_user``).
"""
from __future__ import annotations

import getpass
import ipaddress
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from steering_core.texts import t

SEER, DISTRICT_LEADER, UNIT_LEADER, FINANCE, ADMINISTRATOR = (
    "seer", "distriktsleder", "enhedsleder", "oekonomi", "administrator")
ROLES = (SEER, DISTRICT_LEADER, UNIT_LEADER, FINANCE, ADMINISTRATOR)
# Roles that mean nothing without a scope: the district or the unit they answer for.
SCOPE_OF_ROLE = {DISTRICT_LEADER: "district", UNIT_LEADER: "unit"}

# action -> the roles that may do it. Not listed: refused.
ALLOWED: dict[str, frozenset[str]] = {
    "read": frozenset({SEER, DISTRICT_LEADER, ADMINISTRATOR}),
    "upload": frozenset({DISTRICT_LEADER, UNIT_LEADER, FINANCE, ADMINISTRATOR}),
    "undo": frozenset({ADMINISTRATOR}),
    "keys": frozenset({ADMINISTRATOR}),
    "targets": frozenset({ADMINISTRATOR}),
    "cases": frozenset({ADMINISTRATOR}),
    "notes": frozenset({ADMINISTRATOR}),
    "roles": frozenset({ADMINISTRATOR}),
    # Other municipalities' and the country's figures (FLIS, Statbank) for the comparison page.
    "reference": frozenset({FINANCE, ADMINISTRATOR}),
}

# The sheets finance answers for (000 L1002-1113: finance owns the budget); the known future
# cases of the commitment accounting are finance's too.
FINANCE_TABLES = frozenset({"oekonomi", "budgetforudsaetninger", "planlagt_sag"})

LOCAL, CLI, LOGIN = "lokal", "kommandolinje", "login"


class AccessDenied(Exception):
    """A refused action; the message is Danish and fit to show the user."""


@dataclass(frozen=True, order=True)
class Grant:
    role: str
    scope: str = ""      # the district or unit of a scoped role, else ''

    def __str__(self) -> str:
        return f"{self.role}:{self.scope}" if self.scope else self.role

    def label(self) -> str:
        name = t(f"access.role.{self.role}")
        return f"{name} ({self.scope})" if self.scope else name


@dataclass(frozen=True)
class User:
    name: str
    grants: frozenset[Grant] = frozenset()
    kind: str = LOGIN
    audited: bool = True

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(grant.role for grant in self.grants)

    def may(self, action: str) -> bool:
        return bool(self.roles & ALLOWED.get(action, frozenset()))

    def scoped(self, role: str) -> frozenset[str]:
        return frozenset(grant.scope for grant in self.grants if grant.role == role)

    def describe(self) -> str:
        return ", ".join(grant.label() for grant in sorted(self.grants)) or t("access.no_role_short")


def parse_grant(text: str) -> Grant | None:
    """``distriktsleder:Nord`` -> Grant; None for an unknown role or a scoped role without its scope."""
    role, _, scope = str(text).strip().partition(":")
    role = role.strip().lower().replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
    scope = scope.strip()
    if role not in ROLES:
        return None
    if role in SCOPE_OF_ROLE:
        return Grant(role, scope) if scope else None
    return Grant(role)


def grants_of(texts: Iterable[str]) -> frozenset[Grant]:
    return frozenset(g for g in (parse_grant(text) for text in texts) if g is not None)


def require(user: User | None, action: str) -> User:
    """The user, when they may do ``action``; else AccessDenied with a Danish message."""
    user = user or SYSTEM
    if not user.may(action):
        raise AccessDenied(t("access.denied", action=t(f"access.action.{action}"), user=user.name,
                             roles=user.describe()))
    return user


SYSTEM = User("system", frozenset({Grant(ADMINISTRATOR)}), kind=LOCAL, audited=False)


def os_user_name() -> str:
    """Who runs the program, as the operating system names them (the CLI's and local mode's default)."""
    try:
        return getpass.getuser() or "ukendt"
    except Exception:  # noqa: BLE001 - no user name in a container
        return "ukendt"


def cli_user(name: str) -> User:
    """The command line: a named local administrator (whoever may run it may open the database file)."""
    return User(name or "ukendt", frozenset({Grant(ADMINISTRATOR)}), kind=CLI)


def is_loopback(address: str | None) -> bool:
    """Whether a server listening on ``address`` is reachable from this computer only."""
    if not address:
        return False          # Streamlit's default: every interface
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def local_user(name: str, address: str | None) -> User:
    """The app without login: a local administrator on this computer; over the network only a reader."""
    if is_loopback(address):
        return User(name or "ukendt", frozenset({Grant(ADMINISTRATOR)}), kind=LOCAL)
    return User(name or "ukendt", frozenset({Grant(SEER)}), kind=LOCAL)


# --- login: claims to grants --------------------------------------------------------------------

@dataclass(frozen=True)
class ClaimSettings:
    """Which claim of the ID token holds the groups or roles, and what each gives (secrets ``[adgang]``)."""

    claim: str = "groups"
    user_claim: str = "email"
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, settings: Mapping | None) -> "ClaimSettings":
        settings = dict(settings or {})
        groups = {str(group): tuple([value] if isinstance(value, str) else list(value))
                  for group, value in dict(settings.get("grupper") or {}).items()}
        return cls(str(settings.get("claim") or "groups"), str(settings.get("bruger_claim") or "email"), groups)


@dataclass(frozen=True)
class Resolution:
    """The outcome of a login: a user with grants, or why not (a text key) and no user."""

    user: User | None
    problem: str = ""        # access.login.* key
    name: str = ""


def _claim_values(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, Iterable):
        return [str(part) for part in value]
    return [str(value)]


def name_of(claims: Mapping, settings: ClaimSettings) -> str:
    """Who the token names: the configured claim, else the e-mail, else the subject."""
    return str(claims.get(settings.user_claim) or claims.get("email") or claims.get("sub") or "").strip()


def resolve(claims: Mapping, settings: ClaimSettings, table_grants: Iterable[Grant] = (),
            now: float | None = None) -> Resolution:
    """The user a token's claims make, with the grants from the claim and the administrator's table."""
    now = time.time() if now is None else now
    name = name_of(claims, settings)
    if not name:
        return Resolution(None, "access.login.no_name")
    expires = claims.get("exp")
    try:
        expired = expires is not None and float(expires) <= now
    except (TypeError, ValueError):
        expired = True
    if expired:
        return Resolution(None, "access.login.expired", name)
    grants = set(table_grants)
    has_claim = settings.claim in claims
    for group in _claim_values(claims.get(settings.claim)):
        grants |= grants_of(settings.groups.get(group, ()))
    if grants:
        return Resolution(User(name, frozenset(grants), kind=LOGIN), "", name)
    return Resolution(None, "access.login.no_claim" if not has_claim else "access.login.no_role", name)


# --- upload scope -------------------------------------------------------------------------------

def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].fillna("").astype(str).str.strip()


def rows_outside(user: User, table: str, frame: pd.DataFrame, unit_districts: Mapping[str, str],
                 stored_units: Mapping[str, str] | None = None) -> pd.Series:
    """True for each row of ``table`` the user may not upload.

    A row is about a district and a unit: a UTM meeting about its unit (and that unit's
    district), a course about its district and granting unit, a key figure about its unit or
    district (neither: the municipality), a unit row about itself and its district, before and
    after the upload. ``unit_districts`` maps units to districts as the upload leaves them;
    ``stored_units`` as they are stored now.
    """
    if ADMINISTRATOR in user.roles:
        return pd.Series(False, index=frame.index)
    if table in FINANCE_TABLES:
        return pd.Series(FINANCE not in user.roles, index=frame.index)
    districts, units = user.scoped(DISTRICT_LEADER), user.scoped(UNIT_LEADER)
    if table == "enhed":
        unit, district = _text(frame, "enhed_id"), _text(frame, "distrikt")
        before = unit.map(lambda u: (stored_units or {}).get(u, "")).fillna("")
    elif table == "befolkning":
        unit, district = pd.Series("", index=frame.index, dtype=object), _text(frame, "distrikt")
        before = district
    elif table == "utm":
        unit = _text(frame, "enhed_id")
        district = unit.map(lambda u: unit_districts.get(u, "")).fillna("")
        before = district
    elif table == "indsats":
        unit, district = _text(frame, "bevilgende_enhed_id"), _text(frame, "distrikt")
        before = district
    elif table == "noegletal":
        unit = _text(frame, "enhed_id")
        district = _text(frame, "distrikt").where(unit == "", unit.map(lambda u: unit_districts.get(u, "")))
        before = district
    else:
        return pd.Series(True, index=frame.index)
    by_district = district.isin(districts) & (before.isin(districts) | (before == "")) & (district != "")
    by_unit = unit.isin(units) & (unit != "")
    if table == "enhed":      # a unit leader may not move their unit to another district
        by_unit &= (before == "") | (before == district)
    return ~(by_district | by_unit)

