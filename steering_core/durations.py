"""How long § 11 courses run: survival curves by granting channel or intervention type."""
from __future__ import annotations

from dataclasses import dataclass

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
    """Kaplan-Meier per group for § 11 courses started in the request's periods.

    Groups with fewer courses than the minimum cell size are left out, and named.
    """
    columns = ("duration_days", "ended", "course_start", "data_until") + ((group,) if group else ())
    rows = source_rows(store, "indsats_started", request, catalogue.PREVENTIVE, columns)
    # A milestone is known for a group only when some course of the cohort has been followed that
    # long; otherwise it is blank for all groups alike (not 0 % for a group whose courses all ended).
    followed = (pd.to_datetime(rows["data_until"]) - pd.to_datetime(rows["course_start"])).dt.days + 1
    longest = int(followed.max()) if len(rows) else 0
    unknown = tuple(days for days in MILESTONE_DAYS.values() if longest < days)
    rows["group"] = rows[group].fillna(t("chart.group.unknown")) if group else t("chart.group.all")
    min_cell = request.min_cell or config.min_cell_size()
    curves, summaries, hidden = [], [], []
    for name, part in rows.groupby("group", sort=True):
        if len(part) < min_cell:
            hidden.append(str(name))
            continue
        curve = survival.kaplan_meier(part["duration_days"], part["ended"])
        estimate = survival.median(curve)
        points = survival.step_points(curve)
        points.insert(0, "group", name)
        curves.append(points)
        summary = {"group": name, "courses": len(part), "running": int((~part["ended"].astype(bool)).sum()),
                   "median": estimate.median, "median_lower": estimate.lower, "median_upper": estimate.upper}
        for days in MILESTONE_DAYS.values():
            share = None if days in unknown else survival.survival_at(curve, days)
            summary[f"still_{days}"] = None if share is None else 100 * share
        summaries.append(summary)
    return SurvivalResult(
        curves=pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(
            columns=["group", "t", "survival", "lower", "upper"]),
        summary=pd.DataFrame(summaries),
        hidden_groups=tuple(hidden),
        not_yet_followed=unknown,
    )
