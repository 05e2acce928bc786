"""Demo rows for the results page: FIT ratings, TOPI twice a year, and political targets for Demo Kommune.

Deterministic: fixed per-district levels and trends, no random numbers. The demo's key figures are
quarterly; TOPI is assessed twice a year (001 L277-291), so its traffic lights are kept in the spring
and autumn quarters only, each covering nearly every child in daycare. FIT (000 L1705-1707) starts in
2024 on a 1-10 scale: the benefit rated a little higher each quarter, unevenly across districts, with
few answers in the first quarter of the smallest district (so protection shows).

Hooks: in ``demo.build_demo_tables``
``tables["noegletal"] = results_demo.with_results(tables["noegletal"])``; in ``demo.build_demo_database``, after the write,
``results_demo.save_demo_targets(store, DEMO_KOMMUNE)``.
"""
from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from steering_core.store import Store

FIT_FROM = "2024K1"
TOPI_QUARTERS = ("K2", "K4")          # spring and autumn assessments
TOPI_COVERAGE = 1.9                   # the demo's quarterly count of assessed children, per assessment round
# Per district: (benefit in the first quarter, gain per quarter, collaboration, answers per quarter).
FIT_LEVELS = {"Nord": (6.9, 0.055, 8.3, 38), "Syd": (7.4, 0.08, 8.7, 46), "Vest": (7.1, 0.095, 8.5, 27)}
FIT_DEFAULT = (7.2, 0.08, 8.5, 30)
# A small wobble so lines are not straight, the same every build.
WOBBLE = np.array([0.0, 0.12, -0.08, 0.05, -0.1, 0.09, -0.03, 0.07])
FIRST_ROUND_ANSWERS = 4               # the first quarter of the smallest district: too few to show
DEMO_TARGETS_SAVED = datetime(2025, 2, 3, 14, 0)
DEMO_TARGET_USER = "Børne- og Skoleudvalget"


def with_results(noegletal: pd.DataFrame) -> pd.DataFrame:
    """The demo's key figures with TOPI twice a year and FIT added."""
    frame = noegletal.copy()
    topi = frame["noegletal"].str.startswith("trivsel_")
    spring_autumn = frame["periode"].str[-2:].isin(TOPI_QUARTERS)
    frame = frame[~topi | spring_autumn].copy()
    kept = frame["noegletal"].str.startswith("trivsel_")
    frame.loc[kept, "antal"] = (frame.loc[kept, "antal"].astype(float) * TOPI_COVERAGE).round().astype("Int64")
    return pd.concat([frame, _fit_rows(noegletal)], ignore_index=True).sort_values(
        ["periode", "distrikt", "noegletal"], kind="stable").reset_index(drop=True)


def _fit_rows(noegletal: pd.DataFrame) -> pd.DataFrame:
    quarters = (noegletal[["periode", "periode_start", "periode_slut"]].drop_duplicates()
                .query("periode >= @FIT_FROM").sort_values("periode").reset_index(drop=True))
    districts = sorted(noegletal["distrikt"].dropna().unique())
    smallest = min(districts, key=lambda d: FIT_LEVELS.get(d, FIT_DEFAULT)[3]) if districts else None
    rows = []
    for n, quarter in quarters.iterrows():
        for d_index, district in enumerate(districts):
            start, gain, collaboration, answers = FIT_LEVELS.get(district, FIT_DEFAULT)
            wobble = WOBBLE[(n + 3 * d_index) % len(WOBBLE)]
            count = FIRST_ROUND_ANSWERS if n == 0 and district == smallest else answers + (n % 3) * 4
            benefit = min(start + gain * n + wobble, 9.6)
            for key, value in (("fit_effekt", benefit), ("fit_samarbejde", collaboration + wobble / 2)):
                rows.append({**quarter.to_dict(), "distrikt": district, "enhed_id": "", "noegletal": key,
                             "vaerdi": round(float(value), 1), "antal": count,
                             "kommune": noegletal["kommune"].iloc[0]})
    return pd.DataFrame(rows, columns=list(noegletal.columns)).astype({"antal": "Int64"})


def demo_targets():
    """Three targets as a committee might set them: FIT benefit up (on track), red traffic lights down
    (off track), school absence down in one district."""
    from steering_core.targets import DOWN, UP, Target

    return (
        Target("fit_effect", 8.0, UP, 2027, 2024,
               decision="Børne- og Skoleudvalget 3. februar 2025, pkt. 4: borgernes udbytte af de tidlige "
                        "indsatser skal op på mindst 8 i 2027."),
        Target("wellbeing_red_share", 3.0, DOWN, 2027, 2023,
               decision="Sammenhængende børnepolitik 2024-2027: højst 3 % af de 0-6-årige vurderet røde."),
        Target("school_absence", 6.5, DOWN, 2028, 2024, district="Nord",
               decision="Udvalgets handleplan for fravær i distrikt Nord."),
    )


def save_demo_targets(store: Store, kommune: str) -> None:
    """The demo targets, saved once by the committee."""
    from steering_core import targets

    for target in demo_targets():
        if not targets.versions(store, kommune, target.indicator_id, target.district):
            targets.save(store, kommune, target, user=DEMO_TARGET_USER, now=DEMO_TARGETS_SAVED)
