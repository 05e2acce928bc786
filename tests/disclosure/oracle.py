"""The ground truth a recovery is checked against: figures computed straight from the source rows.

The protected engine refuses a minimum cell size under 3 and requests outside its publication grid,
so the truth cannot come from it. Each indicator's numerator and denominator are recomputed from
the rows of its source (``engine.source_rows``: every row, any span, no suppression) with the
catalogue's own aggregate and condition; the oracle is tested against the raw tables in
test_attacker.py. Never shown to the attacker.
"""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from steering_core import catalogue, periods
from steering_core.catalogue import Measure
from steering_core.engine import BREAKDOWNS, Request, source_rows
from steering_core.sources import SOURCES
from steering_core.texts import label


_ROWS: dict[tuple, pd.DataFrame] = {}


def _rows(store, source: str, request: Request) -> pd.DataFrame:
    """Every row of a source for the request's periods and filters (the breakdown does not matter)."""
    key = (str(store.path), source, request.first, request.last, request.grain, request.filters)
    if key not in _ROWS:
        _ROWS[key] = source_rows(store, source, request, "TRUE", ("*",))
    return _ROWS[key]


def measure_values(store, measure: Measure, request: Request, keys: list[str], params: dict) -> pd.DataFrame:
    """period, *keys, v: the measure aggregated over its source for the request's periods and filters."""
    if measure.reducer != "sql":
        raise ValueError(f"the oracle computes sums and counts only, not {measure.reducer}")
    columns = ["period", *[k for k in keys if k in SOURCES[measure.source].dimensions]]
    rows = _rows(store, measure.source, request)
    where = measure.where.format(**params) if params else measure.where
    if rows.empty:
        return pd.DataFrame(columns=[*columns, "v"])
    con = duckdb.connect()
    try:
        con.register("_source_rows", rows)
        return con.execute(f"SELECT {', '.join(columns)}, {measure.expr} AS v FROM _source_rows "
                           f"WHERE {where} GROUP BY ALL").df()
    finally:
        con.close()


def compute(store, indicator_ids: list[str], request: Request) -> pd.DataFrame:
    """indicator, period, the breakdown keys, value, numerator, denominator: like engine.compute with
    nothing suppressed (the cells where the numerator or the denominator is not zero)."""
    keys = [BREAKDOWNS[b] for b in request.by if b in BREAKDOWNS]
    frames = []
    for indicator_id in dict.fromkeys(indicator_ids):
        indicator = catalogue.get(indicator_id)
        params = {**dict(indicator.parameters), **{k: int(v) for k, v in request.params}}
        numerator = measure_values(store, indicator.numerator, request, keys, params).rename(columns={"v": "numerator"})
        frame = numerator
        if indicator.denominator is not None:
            denominator = measure_values(store, indicator.denominator, request, keys, params)
            denominator = denominator.rename(columns={"v": "denominator"})
            on = [c for c in numerator.columns if c in denominator.columns and c not in ("numerator", "denominator")]
            frame = numerator.merge(denominator, on=on, how="outer")
            frame["numerator"] = frame["numerator"].fillna(0.0)
        else:
            frame = frame.assign(denominator=np.nan)
        frame = frame.assign(indicator=indicator_id)
        numerator_values = frame["numerator"].astype(float)
        if indicator.denominator is not None:
            den = frame["denominator"].astype(float)
            value = np.where(den > 0, numerator_values / den.where(den > 0, 1.0), np.nan)
        else:
            value = numerator_values.to_numpy()
        value = value * indicator.scale
        if indicator.annualise:
            months = frame["period"].map(lambda label_: _months(label_)).astype(float)
            value = value * 12 / months
        frame["value"] = value
        frames.append(frame)
    result = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    for key in keys:
        if key not in result.columns:
            result[key] = None
    return result.astype({"numerator": float, "denominator": float, "value": float}) if len(result) else result


def _months(label_: str) -> int:
    if "-" in label_:
        first, last = label_.split("-")
        return len(periods.quarters_between(periods.parse_quarter(first), periods.parse_quarter(last))) * 3
    return periods.parse_period(label_).months


def labelled(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Codes as the pages show them (goal ``ja`` -> "Mål opfyldt")."""
    return frame.assign(**{column: frame[column].map(lambda v: label(column, None if v != v else v))})
