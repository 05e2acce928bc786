"""Budget deviation split into a volume part and a price part (seed 001, L620-688).

Budget assumptions give, per measure type, an expected count (full-year interventions) and an
expected average yearly price. With actual count and price the deviation splits exactly:

    volume = (actual count − budget count) × budget price
    price  = (actual price − budget price) × actual count
    volume + price = actual count × actual price − budget count × budget price

so a steering group can tell whether more interventions were granted than assumed, or whether
they became dearer.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Split:
    budget_cost: float
    actual_cost: float
    volume: float
    price: float

    @property
    def deviation(self) -> float:
        return self.actual_cost - self.budget_cost


def split(budget_count: float, budget_price: float, actual_count: float, actual_price: float) -> Split:
    budget_cost = budget_count * budget_price
    actual_cost = actual_count * actual_price
    volume = (actual_count - budget_count) * budget_price
    price = (actual_price - budget_price) * actual_count
    return Split(budget_cost, actual_cost, volume, price)


def table(groups: pd.DataFrame) -> pd.DataFrame:
    """Per group (columns group, budget_count, budget_price, actual_count, actual_price): the split.

    Groups without an actual figure (none registered, or hidden because few children) are left out
    of the parts and flagged, so the bridge never shows a figure built on a hidden cell.
    """
    rows = []
    for row in groups.itertuples(index=False):
        known = all(_finite(v) for v in (row.budget_count, row.budget_price, row.actual_count, row.actual_price))
        parts = split(row.budget_count, row.budget_price, row.actual_count, row.actual_price) if known else None
        rows.append({"group": row.group, "budget_count": row.budget_count, "budget_price": row.budget_price,
                     "actual_count": row.actual_count, "actual_price": row.actual_price,
                     "budget_cost": parts.budget_cost if parts else math.nan,
                     "actual_cost": parts.actual_cost if parts else math.nan,
                     "volume": parts.volume if parts else math.nan, "price": parts.price if parts else math.nan,
                     "deviation": parts.deviation if parts else math.nan, "complete": known})
    return pd.DataFrame(rows, columns=["group", "budget_count", "budget_price", "actual_count", "actual_price",
                                       "budget_cost", "actual_cost", "volume", "price", "deviation", "complete"])


def bridge(splits: pd.DataFrame, volume_label: str, price_label: str, total_label: str) -> pd.DataFrame:
    """Waterfall steps from 0 to the total deviation: per group a volume step and a price step.

    Columns: step (label), group, kind (volume/price/total), amount, start, end. The last step is
    the total deviation from 0; every other step starts where the previous one ended.
    """
    rows, level = [], 0.0
    for row in splits[splits["complete"]].itertuples(index=False):
        for kind, label, amount in (("volume", volume_label, row.volume), ("price", price_label, row.price)):
            rows.append({"step": f"{row.group}: {label}", "group": row.group, "kind": kind,
                         "amount": amount, "start": level, "end": level + amount})
            level += amount
    rows.append({"step": total_label, "group": total_label, "kind": "total", "amount": level,
                 "start": 0.0, "end": level})
    return pd.DataFrame(rows, columns=["step", "group", "kind", "amount", "start", "end"])


def _finite(value) -> bool:
    try:
        return value is not None and math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def assumptions(store, kommune: str | None, year: int) -> pd.DataFrame:
    """The year's budget assumptions (sheet Budgetforudsaetninger): trin or indsatstype, count, price."""
    where, params = "aar = ?", [int(year)]
    if kommune:
        where += " AND kommune = ?"
        params.append(kommune)
    with store.reading() as con:
        return con.execute(f"""SELECT indsatstype, trin, sum(forventet_antal)::DOUBLE AS forventet_antal,
                                      (sum(forventet_antal * forventet_gennemsnitspris)
                                       / nullif(sum(forventet_antal), 0))::DOUBLE AS forventet_gennemsnitspris
                               FROM budgetforudsaetninger WHERE {where}
                               GROUP BY ALL ORDER BY trin, indsatstype""", params).df()
