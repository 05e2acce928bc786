"""How long § 11 courses run: survival curves by granting channel or intervention type."""
from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from steering_core import catalogue, config, survival
from steering_core.domain import GRANT_LIMIT_DAYS, MILESTONE_DAYS
from steering_core.engine import Request, source_rows
from steering_core.texts import t

GROUPINGS = {"granted_by": "bevilget_af", "intervention_type": "indsatstype", None: None}
__all__ = ["GRANT_LIMIT_DAYS", "MILESTONE_DAYS", "SurvivalResult", "p11_survival"]


@dataclass(frozen=True)
class SurvivalResult:
    curves: pd.DataFrame      # group, t, survival, lower, upper
    summary: pd.DataFrame     # group, courses, running, median, median_lower, median_upper, still_<milestone>
    hidden_groups: tuple[str, ...]
    # Milestones (in days) no course of the cohort has been followed for: blank for every group.
    not_yet_followed: tuple[int, ...] = ()


def p11_survival(store, request: Request, group: str | None = None) -> SurvivalResult:
    """Kaplan-Meier per group for § 11 courses started in the request's period (a published span).

    A group is shown only when its number of courses is shown by disclosure control (the same
    cell as "§ 11-forløb startet" by that grouping), and when both the ended and the running
    courses in it are 0 or at least the minimum cell size: a curve steps once per ended course,
    so with fewer it would show single courses' durations. The curve stops where fewer than the
    minimum are still followed, and a share still running is shown only where both those still
    running and those ended by then are at least the minimum.
    """
    from steering_core.engine import compute

    columns = ("duration_days", "ended", "course_start", "data_until") + ((group,) if group else ())
    rows = source_rows(store, "indsats_started", request, catalogue.PREVENTIVE, columns)
    # A milestone is known for a group only when some course of the cohort has been followed that
    # long; otherwise it is blank for all groups alike (not 0 % for a group whose courses all ended).
    followed = (pd.to_datetime(rows["data_until"]) - pd.to_datetime(rows["course_start"])).dt.days + 1
    longest = int(followed.max()) if len(rows) else 0
    not_followed = tuple(days for days in MILESTONE_DAYS.values() if longest < days)
    unknown = t("chart.group.unknown")
    rows["group"] = rows[group].fillna(unknown) if group else t("chart.group.all")
    min_cell = request.min_cell or config.min_cell_size()
    breakdown = {"granted_by": ("bevilget_af",), "intervention_type": ("indsatstype",), None: ()}[group]
    counted = compute(store, ["p11_started"], replace(request, by=breakdown))
    if group:
        shown_groups = {unknown if pd.isna(g) else g for g, hidden in zip(counted[group], counted["suppressed"])
                        if not hidden}
    else:
        shown_groups = {t("chart.group.all")} if len(counted) and not counted["suppressed"].iloc[0] else set()
    curves, summaries, hidden = [], [], []
    for name, part in rows.groupby("group", sort=True):
        ended = int(part["ended"].astype(bool).sum())
        running = len(part) - ended
        if name not in shown_groups or ended < min_cell or 0 < running < min_cell:
            hidden.append(str(name))
            continue
        curve = survival.kaplan_meier(part["duration_days"], part["ended"])
        followed = curve[curve["at_risk"] >= min_cell]
        estimate = survival.median(followed)
        points = survival.step_points(followed)
        points.insert(0, "group", name)
        curves.append(points)
        summary = {"group": name, "courses": len(part), "running": running,
                   "median": estimate.median, "median_lower": estimate.lower, "median_upper": estimate.upper}
        for days in MILESTONE_DAYS.values():
            share = None if days in not_followed else _share_still_running(curve, days, min_cell)
            summary[f"still_{days}"] = None if share is None else 100 * share
        summaries.append(summary)
    return SurvivalResult(
        curves=pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(
            columns=["group", "t", "survival", "lower", "upper"]),
        summary=pd.DataFrame(summaries),
        hidden_groups=tuple(hidden),
        not_yet_followed=not_followed,
    )


def _share_still_running(curve: pd.DataFrame, days: int, min_cell: int) -> float | None:
    """S(days), when both the courses still followed after ``days`` and those ended by then are
    at least the minimum: otherwise the share would point at a few courses."""
    share = survival.survival_at(curve, days)
    if share is None:
        return None
    after = curve[curve["t"] > days]
    still = int(after["at_risk"].iloc[0]) if len(after) else 0
    ended = int(curve.loc[curve["t"] <= days, "events"].sum())
    if (0 < still < min_cell) or (0 < ended < min_cell):
        return None
    return share
