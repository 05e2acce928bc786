"""Demo rows for FIT per course (sheet FITMaalinger): ORS and SRS per session for Demo Kommune.

A share of the preventive courses (SEL § 11, stk. 3 / BL § 30, step 2) and of the supportive ones
(BL § 32, step 3) is followed with FIT. Each such course has 3-10 sessions, spaced evenly over the
course (one to three weeks apart) from a few days after its start; a course still running at the data
cut-off has only the sessions held by then. The ORS starts around the clinical cut-off for the
child's age (steering_core/fit.py) and improves over the sessions in most courses, not all; the
districts differ (Nord gains most, Syd least, and Syd has the most courses that do not move). The SRS
(alliance) is high, as it usually is, and a little lower where the ORS does not improve.
Deterministic: the same courses and seed give the same rows.

Hook (in ``demo.build_demo_database``, before ``write_batch``)::

    tables["fit_maaling"] = fit_demo.measurements(tables["indsats"], until)
"""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from steering_core import fit
from steering_core.periods import Period
from steering_core.store import FACT_TABLES

SEED = 1503
FIRST_DAY = date(2022, 1, 1)            # the demo's data start (demo.FIRST_YEAR)
# Share of courses followed with FIT, per (family, step).
FOLLOWED = {("forebyggende", 2): 0.6, ("stoettende", 3): 0.35}
SESSIONS = (3, 10)
# Per district: the average ORS gain of a course that improves, and the share of courses that do not.
GAIN = {"Nord": 8.5, "Vest": 7.0, "Syd": 6.0}
FLAT_SHARE = {"Nord": 0.12, "Vest": 0.2, "Syd": 0.28}
DEFAULT_GAIN, DEFAULT_FLAT = 6.0, 0.25
NO_AGE_SHARE = 0.05
NO_SRS_SHARE = 0.04


def measurements(indsats: pd.DataFrame, until: Period, seed: int = SEED) -> pd.DataFrame:
    """Rows for ``fit_maaling``: sessions of the followed courses up to ``until``'s last day."""
    columns = list(FACT_TABLES["fit_maaling"].columns)
    rng = np.random.default_rng(seed)
    courses = indsats.sort_values("indsats_id", kind="stable").reset_index(drop=True)
    share = np.array([FOLLOWED.get((family, int(step)), 0.0)
                      for family, step in zip(courses["familie"], courses["trin"])])
    draw = rng.random(len(courses))            # drawn for every course, so a course's fate is stable
    followed = courses[(draw < share) & (pd.to_datetime(courses["startdato"]) >= pd.Timestamp(FIRST_DAY))]
    rows: list[dict] = []
    for course in followed.itertuples(index=False):
        rows.extend(_sessions(course, until.end, rng))
    return pd.DataFrame(rows, columns=columns)


def _sessions(course, last_day: date, rng: np.random.Generator) -> list[dict]:
    start = course.startdato
    end = course.slutdato if isinstance(course.slutdato, date) else None
    planned = int(rng.integers(SESSIONS[0], SESSIONS[1] + 1))
    span = ((end or start + timedelta(days=21 * planned)) - start).days
    gap = int(np.clip(span / planned, 7, 21))
    days = [start + timedelta(days=3 + gap * k) for k in range(planned)]
    days = [d for d in days if d <= min(end or last_day, last_day)]
    age_at_start = int(rng.choice([4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
                                  p=[.03, .04, .07, .09, .1, .1, .1, .09, .1, .1, .09, .06, .03]))
    cutoff = fit.cutoff_for(age_at_start) or fit.cutoff_for(6)
    first = float(np.clip(rng.normal(cutoff - 4.0, 4.5), 4.0, 38.0))
    flat = rng.random() < FLAT_SHARE.get(course.distrikt, DEFAULT_FLAT)
    gain = rng.normal(0.0, 2.0) if flat else rng.normal(GAIN.get(course.distrikt, DEFAULT_GAIN), 3.0)
    alliance = float(np.clip(rng.normal(33.5 if flat else 36.0, 2.0), 20.0, 39.5))
    with_age = rng.random() >= NO_AGE_SHARE
    rows = []
    for k, day in enumerate(days):
        progress = (1 - np.exp(-k / 2.0)) / (1 - np.exp(-(planned - 1) / 2.0))
        ors = first + gain * progress + (rng.normal(0.0, 1.2) if k else 0.0)
        srs = np.clip(rng.normal(alliance, 1.5), 0.0, 40.0)
        rows.append({
            "kommune": course.kommune, "indsats_id": course.indsats_id, "dato": day,
            "ors": round(float(np.clip(ors, fit.SCORE_MIN, fit.SCORE_MAX)), 1),
            "srs": None if rng.random() < NO_SRS_SHARE else round(float(srs), 1),
            "alder": age_at_start + (day - start).days // 365 if with_age else None,
        })
    return rows
