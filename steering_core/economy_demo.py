"""Demo rows for the economy page: budget assumptions and a distribution key for Demo Kommune.

Derived from the demo's interventions, so the volume/price bridge has something real to split:
each year's assumption per staircase step is that year's realised count and price, moved by a
fixed "strategy" (the budget expects fewer placements and more prevention than happen) and a
price assumption that lags the realised prices a little. Deterministic: no random numbers.

Hook (in ``demo.build_demo_database``, before ``write_batch``)::

    tables["budgetforudsaetninger"] = economy_demo.budget_assumptions(tables["indsats"], until)

and after it, on the same store: ``economy_demo.save_demo_keys(store, DEMO_KOMMUNE)``.
"""
from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

from steering_core.periods import Period
from steering_core.store import FACT_TABLES, Store

# Budgeted count and price relative to what happened, per step (2-6).
COUNT_ASSUMPTION = {2: 1.08, 3: 0.99, 4: 1.10, 5: 0.96, 6: 0.93}
PRICE_ASSUMPTION = {2: 1.01, 3: 0.985, 4: 1.0, 5: 0.99, 6: 0.97}
DEMO_KEY_PROJECT = "Trivsel på Tværs"
DEMO_KEY = {"skole": 40.0, "dagtilbud": 30.0, "familie_udfoerer": 30.0}
DEMO_KEY_SAVED = datetime(2024, 1, 8, 9, 0)


def budget_assumptions(indsats: pd.DataFrame, until: Period, first_year: int | None = None) -> pd.DataFrame:
    """Rows for ``Budgetforudsaetninger``: per year with data and step 2-6, count × average yearly price."""
    costly = indsats[indsats["maanedlig_udgift"].notna()].copy()
    if costly.empty:
        return pd.DataFrame(columns=list(FACT_TABLES["budgetforudsaetninger"].columns))
    kommune = str(costly["kommune"].iloc[0])
    start = pd.to_datetime(costly["startdato"])
    end = pd.to_datetime(costly["slutdato"]).fillna(pd.Timestamp(until.end)).clip(upper=pd.Timestamp(until.end))
    first_year = first_year or max(int(start.dt.year.min()), until.end.year - 4)
    rows = []
    for year in range(first_year, until.end.year + 1):
        year_start, year_end = pd.Timestamp(date(year, 1, 1)), min(pd.Timestamp(date(year, 12, 31)),
                                                                  pd.Timestamp(until.end))
        days = (end.clip(upper=year_end) - start.clip(lower=year_start)).dt.days + 1
        running = days.clip(lower=0).to_numpy(float)
        span = (year_end - year_start).days + 1
        for step in sorted(COUNT_ASSUMPTION):
            mask = (costly["trin"].to_numpy() == step) & (running > 0)
            if not mask.any():
                continue
            count = running[mask].sum() / span
            price = float(np.average(costly["maanedlig_udgift"].to_numpy(float)[mask], weights=running[mask])) * 12
            rows.append({"kommune": kommune, "aar": year, "indsatstype": "", "trin": step,
                         "forventet_antal": round(count * COUNT_ASSUMPTION[step], 1),
                         "forventet_gennemsnitspris": round(price * PRICE_ASSUMPTION[step], -2)})
    return pd.DataFrame(rows, columns=list(FACT_TABLES["budgetforudsaetninger"].columns))


def save_demo_keys(store: Store, kommune: str) -> None:
    """The demo project's distribution key (40/30/30), saved once by the demo user."""
    from steering_core import distribution

    if not distribution.versions(store, kommune, DEMO_KEY_PROJECT):
        distribution.save(store, kommune, DEMO_KEY_PROJECT, DEMO_KEY, user="demo",
                          note="Aftalt i styregruppen ved projektstart", now=DEMO_KEY_SAVED)
