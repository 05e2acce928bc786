"""Kaplan-Meier survival estimates for course durations.

Running courses are censored at the data cut-off: they are known to have
lasted at least that long. A plain average of ended courses would be biased
short, because the long courses are exactly the ones still running.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class MedianEstimate:
    median: float | None
    lower: float | None
    upper: float | None


def kaplan_meier(durations, ended) -> pd.DataFrame:
    """The survival curve at each distinct time with an event or censoring.

    Columns: t, at_risk, events, censored, survival, lower, upper (95 % pointwise
    confidence band, log-log transformed Greenwood variance, which stays within 0-1).
    """
    frame = pd.DataFrame({"t": np.asarray(durations, dtype=float),
                          "event": np.asarray(ended, dtype=bool)})
    if frame.empty:
        return pd.DataFrame(columns=["t", "at_risk", "events", "censored", "survival", "lower", "upper"])
    grouped = frame.groupby("t")["event"].agg(events="sum", total="count").reset_index()
    grouped["censored"] = grouped["total"] - grouped["events"]
    # Everyone whose time is t or later is at risk at t: censored-at-t courses count as at risk.
    grouped["at_risk"] = grouped["total"][::-1].cumsum()[::-1]
    factor = 1.0 - grouped["events"] / grouped["at_risk"]
    grouped["survival"] = factor.cumprod()
    with np.errstate(divide="ignore", invalid="ignore"):
        greenwood = (grouped["events"] / (grouped["at_risk"] * (grouped["at_risk"] - grouped["events"]))).cumsum()
        log_s = np.log(grouped["survival"])
        se = np.sqrt(greenwood) / np.abs(log_s)
        lower = grouped["survival"] ** np.exp(Z_95 * se)
        upper = grouped["survival"] ** np.exp(-Z_95 * se)
    # Where the band is undefined (S = 1 or S = 0) it collapses onto the estimate.
    grouped["lower"] = lower.where(np.isfinite(se), grouped["survival"]).clip(0, 1)
    grouped["upper"] = upper.where(np.isfinite(se), grouped["survival"]).clip(0, 1)
    return grouped[["t", "at_risk", "events", "censored", "survival", "lower", "upper"]]


def _first_time_at_or_below(curve: pd.DataFrame, column: str, level: float = 0.5) -> float | None:
    reached = curve[curve[column] <= level + 1e-9]  # a product of fractions may miss 1/2 by a rounding step
    return None if reached.empty else float(reached["t"].iloc[0])


def median(curve: pd.DataFrame) -> MedianEstimate:
    """Median with a 95 % interval: where the lower and the upper band first reach 50 %."""
    return MedianEstimate(
        median=_first_time_at_or_below(curve, "survival"),
        lower=_first_time_at_or_below(curve, "lower"),
        upper=_first_time_at_or_below(curve, "upper"),
    )


def survival_at(curve: pd.DataFrame, time: float) -> float | None:
    """S(time): the share still running after ``time`` days; None beyond the longest observation."""
    if curve.empty:
        return None
    if time > curve["t"].max():
        # Past the last observation the curve is only known if everyone has ended.
        last = float(curve["survival"].iloc[-1])
        return 0.0 if last == 0 else None
    before = curve[curve["t"] <= time]
    return 1.0 if before.empty else float(before["survival"].iloc[-1])


def step_points(curve: pd.DataFrame) -> pd.DataFrame:
    """The curve as points of a step line starting at (0, 1), for charting."""
    start = pd.DataFrame({"t": [0.0], "survival": [1.0], "lower": [1.0], "upper": [1.0]})
    return pd.concat([start, curve[["t", "survival", "lower", "upper"]]], ignore_index=True)


def is_number(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))
