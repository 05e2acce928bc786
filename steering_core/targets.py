"""Political targets (målsætninger): a value to reach for an indicator by a deadline year, followed up.

A target belongs to one indicator and one scope (the municipality or one district). Every save is
a new version with who set it and when; nothing is overwritten, and withdrawing a target is a new
version marked inactive. The follow-up draws the trajectory needed to reach the target: a straight
line from the indicator's actual value in the baseline year to the target value in the deadline
year, and marks the newest actual year as on track or off track against it (the key-figure mapping
found political targets seldom coupled to follow-up, seed 004 L1190-1240).

Protection: a target's actual value is the indicator's own figure from the engine, hidden as the
engine hides it; where the actual or the baseline is hidden, so is the mark (a trajectory from a
hidden baseline would give the baseline away).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime

import pandas as pd

from steering_core import access, audit, catalogue, periods, status
from steering_core.engine import EngineError, Filters, Request, compute, why_not
from steering_core.store import Store, StoreError
from steering_core.texts import t

TABLE = "maalsaetning"
UP, DOWN = "op", "ned"
DIRECTIONS = (UP, DOWN)
MUNICIPALITY = ""                       # the scope of a target for the whole municipality
# Follow-up states, in the order a list of targets is read.
OFF_TRACK, ON_TRACK, REACHED, NOT_YET, HIDDEN = "off_track", "on_track", "reached", "not_yet", "hidden"
STATES = (OFF_TRACK, ON_TRACK, REACHED, NOT_YET, HIDDEN)
FIRST_YEAR, LAST_YEAR = 2000, 2100


class TargetError(ValueError):
    """A target that cannot be saved; ``problems`` are Danish sentences fit to show a user."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Target:
    indicator_id: str
    value: float
    direction: str
    deadline: int                       # the year the value is to be reached
    baseline_year: int                  # the year the trajectory starts from
    district: str = MUNICIPALITY
    decision: str = ""                  # the political decision it comes from, as text
    active: bool = True


@dataclass(frozen=True)
class StoredTarget:
    target: Target
    kommune: str
    version: int
    saved: datetime
    user: str


def default_direction(indicator_id: str) -> str:
    """Up for an indicator where higher is better, down where lower is; up when it is neither."""
    return DOWN if catalogue.get(indicator_id).higher_is_better is False else UP


def validate(target: Target, user: str = "x", districts: list[str] | None = None) -> list[str]:
    """Every problem with a target, in Danish; an empty list when it can be saved."""
    problems = []
    if target.indicator_id not in catalogue.BY_ID:
        return [t("target.err.indicator", found=target.indicator_id)]
    indicator = catalogue.get(target.indicator_id)
    if not str(user or "").strip():
        problems.append(t("target.err.user"))
    if target.value is None or not math.isfinite(float(target.value)):
        problems.append(t("target.err.value"))
    elif indicator.unit == "pct" and not 0 <= float(target.value) <= 100:
        problems.append(t("target.err.pct", found=target.value))
    if target.direction not in DIRECTIONS:
        problems.append(t("target.err.direction", found=target.direction))
    for year in (target.deadline, target.baseline_year):
        if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
            problems.append(t("target.err.year", found=year, first=FIRST_YEAR, last=LAST_YEAR))
    if isinstance(target.deadline, int) and isinstance(target.baseline_year, int) \
            and target.baseline_year >= target.deadline:
        problems.append(t("target.err.order", baseline=target.baseline_year, deadline=target.deadline))
    if target.district:
        if districts is not None and target.district not in districts:
            problems.append(t("target.err.district", found=target.district, known=", ".join(districts)))
        elif why_not(indicator, Request(filters=Filters(distrikter=(target.district,)))):
            problems.append(t("target.err.not_per_district", name=indicator.name_da))
    return problems


def save(store: Store, kommune: str, target: Target, user: str, now: datetime | None = None,
         districts: list[str] | None = None, actor: access.User | None = None) -> StoredTarget:
    """Store the target as the next version for its indicator and scope; earlier versions stay."""
    return save_many(store, kommune, [(target, user)], now, districts, actor)[0]


def save_many(store: Store, kommune: str, entries: list[tuple[Target, str]], now: datetime | None = None,
              districts: list[str] | None = None, actor: access.User | None = None) -> list[StoredTarget]:
    """Store each (target, who set it) as the next version for its indicator and scope, all or none.

    The one way a target is set, changed or withdrawn (``active=False``), from the page's form and
    from an uploaded sheet alike, so that the right to do it can be given to a role in one place:
    administrators (``access.AccessDenied`` for anyone else), each save logged."""
    access.require(actor, "targets")
    problems = [problem for target, user in entries for problem in validate(target, user, districts)]
    if problems:
        raise TargetError(problems)
    saved = (now or datetime.now()).replace(microsecond=0)
    stored = []
    with store.transaction() as con:
        for target, user in entries:
            target = replace(target, value=float(target.value), decision=(target.decision or "").strip(),
                             district=(target.district or "").strip())
            version = con.execute(f"SELECT coalesce(max(version), 0) + 1 FROM {TABLE} "
                                  "WHERE kommune = ? AND indikator = ? AND distrikt = ?",
                                  [kommune, target.indicator_id, target.district]).fetchall()[0][0]
            con.execute(f"INSERT INTO {TABLE} (kommune, indikator, distrikt, version, maalvaerdi, retning, "
                        "fristaar, basisaar, beslutning, aktiv, fastsat_af, gemt) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [kommune, target.indicator_id, target.district, version, target.value, target.direction,
                         target.deadline, target.baseline_year, target.decision, target.active, user.strip(),
                         saved])
            stored.append(StoredTarget(target, kommune, int(version), saved, user.strip()))
    audit.record(actor, audit.TARGET, kommune, ", ".join(
        f"{s.target.indicator_id}{' ' + s.target.district if s.target.district else ''} v{s.version}" for s in stored))
    return stored


def _read(store: Store, where: str, params: list) -> list[StoredTarget]:
    if not store.exists():
        return []
    with store.connect(read_only=True) as con:
        # A database from before the migration, opened read-only, has no such table yet.
        if not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                           [TABLE]).fetchall()[0][0]:
            return []
        rows = con.execute(f"SELECT kommune, indikator, distrikt, version, maalvaerdi, retning, fristaar, basisaar, "
                           f"beslutning, aktiv, fastsat_af, gemt FROM {TABLE} WHERE {where} "
                           "ORDER BY indikator, distrikt, version", params).fetchall()
    return [StoredTarget(Target(indicator, value, direction, deadline, baseline, district, decision, bool(active)),
                         kommune, version, saved, user)
            for (kommune, indicator, district, version, value, direction, deadline, baseline, decision, active,
                 user, saved) in rows]


def versions(store: Store, kommune: str, indicator_id: str, district: str = MUNICIPALITY) -> list[StoredTarget]:
    """Every version of the target for the indicator and scope, oldest first."""
    return _read(store, "kommune = ? AND indikator = ? AND distrikt = ?", [kommune, indicator_id, district])


def all_versions(store: Store, kommune: str) -> list[StoredTarget]:
    """Every saved version of every target of the municipality."""
    return _read(store, "kommune = ?", [kommune])


def current(store: Store, kommune: str) -> list[StoredTarget]:
    """The newest version of every target that is not withdrawn, for indicators the product knows."""
    newest: dict[tuple[str, str], StoredTarget] = {}
    for stored in all_versions(store, kommune):
        newest[stored.target.indicator_id, stored.target.district] = stored
    return [s for s in newest.values() if s.target.active and s.target.indicator_id in catalogue.BY_ID]


def for_scope(store: Store, kommune: str, indicator_id: str, district: str = MUNICIPALITY) -> StoredTarget | None:
    found = [s for s in current(store, kommune) if (s.target.indicator_id, s.target.district) == (indicator_id, district)]
    return found[0] if found else None


# ---- the follow-up ----

def planned(target: Target, baseline_value: float, year: int) -> float:
    """The value on the trajectory in ``year``: linear from the baseline year's actual value to the
    target value in the deadline year (the target itself after the deadline)."""
    if year >= target.deadline:
        return float(target.value)
    share = (year - target.baseline_year) / (target.deadline - target.baseline_year)
    return baseline_value + (float(target.value) - baseline_value) * share


def judge(target: Target, baseline_value: float | None, year: int | None, actual: float | None,
          tolerance: float = 0.0) -> str:
    """On track, off track or reached, for the actual value of ``year`` against the trajectory.
    ``tolerance``: the indicator's stable band (a change within it is no change)."""
    if baseline_value is None or year is None or actual is None:
        return NOT_YET
    sign = 1 if target.direction == UP else -1
    if sign * (actual - float(target.value)) >= 0:
        return REACHED
    return ON_TRACK if sign * (actual - planned(target, baseline_value, year)) >= -tolerance else OFF_TRACK


@dataclass(frozen=True)
class FollowUp:
    stored: StoredTarget
    years: pd.DataFrame             # year, actual, planned, state (the engine's status of the actual)
    baseline: float | None
    year: int | None                # the newest year with an actual figure after the baseline year
    actual: float | None
    planned: float | None
    state: str                      # one of STATES
    covers: str                     # the newest year's span, e.g. "2026K1-K3" or "2025"

    @property
    def target(self) -> Target:
        return self.stored.target


def follow_up(store: Store, stored: StoredTarget, last: str | None = None, kommune: str | None = None) -> FollowUp:
    """The target against the indicator's yearly figures from the baseline year up to the year of
    ``last`` (a quarter; default the data cut-off). ``kommune``: the engine's municipality filter,
    for a database holding several."""
    target = stored.target
    indicator = catalogue.get(target.indicator_id)
    filters = Filters(kommune=kommune, distrikter=(target.district,) if target.district else ())
    try:
        frame = compute(store, [indicator.id], Request(f"{target.baseline_year}K1", last, "aar", (), filters))
    except EngineError:
        frame = pd.DataFrame(columns=["period", "value", "status"])
    frame = frame.assign(year=frame["period"].astype(str).str[:4].astype(int)).sort_values("year")
    with_figure = frame[frame["status"].isin([status.VALUE, status.ZERO, status.HIDDEN])]
    base_rows = with_figure[with_figure["year"] == target.baseline_year]
    base_hidden = bool(len(base_rows)) and base_rows["status"].iloc[0] == status.HIDDEN
    baseline = float(base_rows["value"].iloc[0]) if len(base_rows) and not base_hidden else None
    later = with_figure[with_figure["year"] > target.baseline_year]
    newest = later.iloc[-1] if len(later) else None
    hidden = base_hidden or (newest is not None and newest["status"] == status.HIDDEN)
    year = int(newest["year"]) if newest is not None else None
    actual = None if newest is None or hidden else float(newest["value"])
    years = pd.DataFrame({
        "year": frame["year"].to_numpy(),
        "actual": frame["value"].to_numpy(dtype=float),
        "planned": [planned(target, baseline, int(y)) if baseline is not None else math.nan for y in frame["year"]],
        "state": frame["status"].to_numpy(),
    })
    if hidden:
        state = HIDDEN
    else:
        state = judge(target, baseline, year, actual, indicator.stable_within)
    plan = planned(target, baseline, year) if baseline is not None and year is not None and not hidden else None
    covers = _covers(year, store, kommune) if year is not None else ""
    return FollowUp(stored, years, None if hidden else baseline, year, actual, plan, state, covers)


def _covers(year: int, store: Store, kommune: str | None = None) -> str:
    """A year's span as the engine published it: the whole year, or the year up to the data cut-off.
    Never up to ``last``: the engine publishes whole years whatever quarter is chosen."""
    from steering_core.engine import data_until

    with store.connect(read_only=True) as con:
        end = data_until(con, kommune)
    if end is not None and end.year == year and end.month < 12:
        return t("target.year_to", year=year, quarter=periods.quarter_of(end).label[-2:])
    return str(year)


def follow_ups(store: Store, kommune: str, last: str | None = None, kommune_filter: str | None = None) -> list[FollowUp]:
    """Every current target's follow-up, off-track targets first."""
    found = [follow_up(store, stored, last, kommune_filter) for stored in current(store, kommune)]
    return sorted(found, key=lambda f: (STATES.index(f.state), f.target.indicator_id, f.target.district))
