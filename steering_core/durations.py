"""How long § 11 courses run: survival curves by granting channel or intervention type."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from steering_core import catalogue, config, survival
from steering_core.engine import Request, source_rows
from steering_core.texts import t

GROUPINGS = {"granted_by": "bevilget_af", "intervention_type": "indsatstype", None: None}
MILESTONES = {"3 mdr.": 91, "6 mdr.": 182, "12 mdr.": 365}
GRANT_LIMIT_DAYS = 91


@dataclass(frozen=True)
class SurvivalResult:
    curves: pd.DataFrame      # group, t, survival, lower, upper
    summary: pd.DataFrame     # group, courses, running, median, median_lower, median_upper, still_<milestone>
    hidden_groups: tuple[str, ...]


def p11_survival(store, request: Request, group: str | None = None) -> SurvivalResult:
    """Kaplan-Meier per group for § 11 courses started in the request's periods.

    Groups with fewer courses than the minimum cell size are left out, and named.
    """
    columns = ("duration_days", "ended") + ((group,) if group else ())
    rows = source_rows(store, "indsats_started", request, catalogue.PREVENTIVE, columns)
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
        for label, days in MILESTONES.items():
            share = survival.survival_at(curve, days)
            summary[f"still_{days}"] = None if share is None else 100 * share
        summaries.append(summary)
    return SurvivalResult(
        curves=pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(
            columns=["group", "t", "survival", "lower", "upper"]),
        summary=pd.DataFrame(summaries),
        hidden_groups=tuple(hidden),
    )
