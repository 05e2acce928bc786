"""Benchmark: every catalogue indicator for every kommune × district × quarter, engine against pandas.

    .venv/bin/python bench/bench_engine.py [--repeat 3] [--db PATH] [--rebuild]

Builds (or reuses) the national demo database in bench/out/ (98 kommuner × 5 years) and computes
ALL indicators in ``catalogue.INDICATORS`` over all quarters: by district for the indicators that
have a district breakdown, per kommune for the rest (e.g. spend vs budget, which has no district).

The baseline, in the same run, is a straightforward pandas implementation of the same indicators
on the same data: the tables are loaded into pandas, each source (UTM meetings, courses started,
active, ended, month-prorated cost, population, economy, key figures, the UTM cohort) is rebuilt
with merges and masks, each measure with ``groupby``, the Kaplan-Meier median per group in Python,
then the same division, scaling, suppression and changes as the engine. The two results are
compared value by value. Goal: engine < 2 s, at least 10× faster than pandas with DuckDB held to one
thread as pandas is (STEERING_THREADS=1); the ratio on all cores is reported too.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402  (puts the repository on sys.path)

from steering_core import catalogue, config, engine, periods  # noqa: E402
from steering_core.catalogue import Indicator, Measure  # noqa: E402
from steering_core.engine import Filters, Request  # noqa: E402
from steering_core.store import FACT_TABLES, Store  # noqa: E402

GOAL_SECONDS = 2.0
GOAL_RATIO = 10.0
COMPARED = ("value", "numerator", "denominator", "prev_value", "year_ago_value")


# --------------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------------

def split_ids() -> tuple[list[str], list[str]]:
    by_district = [i.id for i in catalogue.INDICATORS if "district" in i.breakdowns]
    whole = [i.id for i in catalogue.INDICATORS if "district" not in i.breakdowns]
    return by_district, whole


def engine_all(store: Store, first: str, last: str) -> pd.DataFrame:
    by_district, whole = split_ids()
    frames = [engine.compute(store, by_district, Request(first, last, "kvartal", ("distrikt",))),
              engine.compute(store, whole, Request(first, last, "kvartal", ()))]
    if "kommune" not in frames[0].columns:
        names = kommuner(store)
        if len(names) == 1:
            # One municipality: the engine leaves the kommune column out; the figures are its.
            return pd.concat(frames, ignore_index=True).assign(kommune=names[0])
        # An engine that does not split by kommune merges equal district names across
        # municipalities: ask kommune by kommune instead (slow, but right).
        frames = []
        for kommune in names:
            for ids, by in ((by_district, ("distrikt",)), (whole, ())):
                frame = engine.compute(store, ids, Request(first, last, "kvartal", by, Filters(kommune=kommune)))
                frames.append(frame.assign(kommune=kommune))
    return pd.concat(frames, ignore_index=True)


def kommuner(store: Store) -> list[str]:
    return engine.kommuner(store)


# --------------------------------------------------------------------------------------------
# The pandas baseline
# --------------------------------------------------------------------------------------------

def load_tables(store: Store) -> dict[str, pd.DataFrame]:
    with store.connect(read_only=True) as con:
        tables = {name: con.execute(f"SELECT * EXCLUDE (batch_id) FROM {name}").df() for name in FACT_TABLES}
    for frame in tables.values():
        for column in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[column]):
                frame[column] = frame[column].astype("datetime64[ns]")
    return tables


def quarter_label(dates: pd.Series, later: int = 0) -> pd.Series:
    """The quarter of each date as "2025K3", or the quarter ``later`` quarters after it."""
    index = dates.dt.year.astype("Int64") * 4 + dates.dt.quarter.astype("Int64") - 1 + later
    return (index // 4).astype(str) + "K" + (index % 4 + 1).astype(str)


class PandasIndicators:
    """The catalogue's indicators recomputed with pandas, independently of the engine's SQL."""

    def __init__(self, tables: dict[str, pd.DataFrame], first: str, last: str, min_cell: int):
        self.t = tables
        self.min_cell = min_cell
        # The cut-off: the newest dated activity (finance and key-figure rows of at most a quarter).
        def short(f: pd.DataFrame) -> pd.DataFrame:
            return f[(f["periode_slut"] - f["periode_start"]).dt.days < 92]
        spans = {"utm": (tables["utm"]["moededato"].min(), tables["utm"]["moededato"].max()),
                 "indsats": (tables["indsats"]["startdato"].min(), tables["indsats"]["startdato"].max())}
        for name in ("oekonomi", "noegletal"):
            rows = short(tables[name])
            spans[name] = (rows["periode_start"].min(), rows["periode_slut"].max())
        newest = max(last for _, last in spans.values() if pd.notna(last))
        self.until = pd.Timestamp(periods.quarter_of(newest.date()).end)
        # Quarters with data per event table: from the first row's quarter to the newest row's; the
        # course register reaches the cut-off.
        self.spans = {name: (pd.Timestamp(periods.quarter_of(first.date()).start),
                             pd.Timestamp(periods.quarter_of(last.date()).end)) for name, (first, last) in spans.items()
                      if name in ("utm", "indsats")}
        self.spans["indsats"] = (self.spans["indsats"][0], self.until)
        population = tables["befolkning"]
        self.first_year = population.groupby(["kommune", "distrikt"])["aar"].min().rename("first_year").reset_index() \
            .rename(columns={"distrikt": "district"})
        wanted = periods.quarters_between(periods.parse_quarter(first), periods.parse_quarter(last))
        self.wanted = [q.label for q in wanted]
        computation = periods.quarters_between(periods.shift_quarters(wanted[0], -4), wanted[-1])
        self.periods = pd.DataFrame({
            "period": [q.label for q in computation],
            "p_start": pd.to_datetime([q.start for q in computation]),
            "p_end": pd.to_datetime([min(q.end, self.until.date()) for q in computation]),
            "yr": [q.start.year for q in computation]})
        self.periods = self.periods[self.periods["p_start"] <= self.until]
        self.labels = list(self.periods["period"])
        self.kommuner = sorted(set().union(*(set(f["kommune"]) for f in tables.values())))
        self._sources: dict[str, pd.DataFrame] = {}

    # ---- sources -------------------------------------------------------------------------

    def source(self, name: str, window: int = 1) -> pd.DataFrame:
        """A source's rows per period; with ``window`` > 1 a period holds its quarter and the ones before."""
        if (name, window) not in self._sources:
            build = getattr(self, f"_src_{name}", None)
            if build is None:     # a source added since: its indicators are skipped and named, not a crash
                raise NotImplementedError(f"source: {name}")
            self._sources[(name, window)] = build(window) if window > 1 else build()
        return self._sources[(name, window)]

    def _in_periods(self, frame: pd.DataFrame, column: str) -> pd.DataFrame:
        frame = frame.assign(period=quarter_label(frame[column]))
        frame = frame[frame["period"].isin(self.labels) & (frame[column] <= self.until)]
        return self._populated(frame, frame["period"].str[:4].astype(int))

    def _populated(self, frame: pd.DataFrame, year) -> pd.DataFrame:
        """Whether the row's district has a population in the period's year or an earlier one."""
        first = frame[["kommune", "district"]].merge(self.first_year, on=["kommune", "district"], how="left")
        return frame.assign(populated=(first["first_year"].to_numpy() <= np.asarray(year, dtype=float)))

    def _src_utm(self) -> pd.DataFrame:
        units = self.t["enhed"][["kommune", "enhed_id", "distrikt"]]
        u = self.t["utm"].merge(units, on=["kommune", "enhed_id"]).rename(columns={"distrikt": "district"})
        u["wait_days"] = (u["moededato"] - u["henvendelsesdato"]).dt.days
        return self._in_periods(u, "moededato")

    def _courses(self) -> pd.DataFrame:
        if "courses" in self._sources:
            return self._sources["courses"]
        chain = ["kommune", "barn_id", "indsatstype", "familie"]
        i = self.t["indsats"].sort_values([*chain, "startdato", "indsats_id"]).reset_index(drop=True)
        grouped = i.groupby(chain, sort=False, dropna=False)
        gap = (i["startdato"] - grouped["slutdato"].shift(1)).dt.days
        next_start = grouped["startdato"].shift(-1)
        i["continues"] = gap.between(0, 1)
        i["next_start"] = next_start.where((next_start - i["slutdato"]).dt.days.between(0, 1))
        i["course_no"] = (~i["continues"]).astype(int).groupby([i[c] for c in chain], dropna=False).cumsum()
        course = [*chain, "course_no"]
        i["course_start"] = i.groupby(course, dropna=False)["startdato"].transform("min")
        last = i.groupby(course, dropna=False).cumcount(ascending=False) == 0
        ends = i.loc[last, [*course, "slutdato"]].rename(columns={"slutdato": "course_end"})
        i = i.merge(ends, on=course, how="left")
        i = i.rename(columns={"distrikt": "district", "trin": "step"})
        i["data_until"] = self.until
        self._sources["courses"] = i
        return i

    def _src_indsats_started(self) -> pd.DataFrame:
        i = self._courses()
        i = i[~i["continues"]].copy()
        end = i["course_end"].fillna(self.until)
        i["duration_days"] = (end.clip(upper=self.until) - i["course_start"]).dt.days + 1
        i["ended"] = i["course_end"].notna() & (i["course_end"] <= self.until)
        i["over_3m"] = i["duration_days"] > 91
        i["known_3m"] = i["ended"] | i["over_3m"]
        return self._in_periods(i, "startdato")

    def _src_indsats_ended(self) -> pd.DataFrame:
        i = self._courses()
        return self._in_periods(i[i["slutdato"].notna() & i["next_start"].isna()], "slutdato")

    def _src_indsats_active(self) -> pd.DataFrame:
        i = self._courses()
        parts = []
        for p in self.periods.itertuples():
            running = ((i["startdato"] <= p.p_end) & (i["slutdato"].isna() | (i["slutdato"] >= p.p_end))
                       & (i["next_start"].isna() | (i["next_start"] > p.p_end)))
            parts.append(self._populated(i[running].assign(period=p.period, period_end=p.p_end), p.yr))
        return pd.concat(parts, ignore_index=True)

    def _src_indsats_cost(self) -> pd.DataFrame:
        # Month by month: monthly cost × days the course runs in the month / days in the month.
        i = self._courses()
        i = i[i["maanedlig_udgift"].notna()].reset_index(drop=True)
        start = i["startdato"].to_numpy("datetime64[D]")
        end = i["slutdato"].to_numpy("datetime64[D]")
        parts = []
        for p in self.periods.itertuples():
            months = pd.date_range(p.p_start, p.p_end, freq="MS")
            share = np.zeros(len(i))
            for month in months:
                m_start = np.datetime64(month.date(), "D")
                m_end = np.datetime64((month + pd.offsets.MonthEnd(0)).date(), "D")
                last = np.where(np.isnat(end), m_end, np.minimum(end, m_end))
                days = (last - np.maximum(start, m_start)).astype(np.int64) + 1
                share += np.clip(days, 0, None) / ((m_end - m_start).astype(np.int64) + 1)
            running = share > 0
            parts.append(self._populated(i[running].assign(
                period=p.period, case_months=share[running],
                cost=i["maanedlig_udgift"].to_numpy()[running] * share[running]), p.yr))
        return pd.concat(parts, ignore_index=True)

    def _src_population(self) -> pd.DataFrame:
        pop = self.t["befolkning"]
        parts = []
        for p in self.periods.itertuples():
            known = pop[pop["aar"] <= p.yr]
            latest = known[known["aar"] == known.groupby(["kommune", "distrikt", "aldersgruppe"])["aar"]
                           .transform("max")]
            parts.append(latest.assign(period=p.period))
        return pd.concat(parts, ignore_index=True).rename(columns={"distrikt": "district"})

    def _src_oekonomi(self) -> pd.DataFrame:
        o = self.t["oekonomi"]
        parts = [o[(o["periode_start"] >= p.p_start) & (o["periode_slut"] <= p.p_end)].assign(period=p.period)
                 for p in self.periods.itertuples()]
        return pd.concat(parts, ignore_index=True).assign(district=None)

    def _src_noegletal(self) -> pd.DataFrame:
        n = self.t["noegletal"].merge(self.t["enhed"][["kommune", "enhed_id", "distrikt"]],
                                      on=["kommune", "enhed_id"], how="left", suffixes=("", "_unit"))
        n["district"] = n["distrikt"].where(n["distrikt"] != "", n["distrikt_unit"])
        parts = [self._populated(n[(n["periode_start"] >= p.p_start) & (n["periode_slut"] <= p.p_end)]
                                 .assign(period=p.period), p.yr) for p in self.periods.itertuples()]
        return pd.concat(parts, ignore_index=True)

    def _src_utm_cohort(self, window: int = 1) -> pd.DataFrame:
        # A meeting belongs to its own quarter's cohort and, with a window, to the next window - 1 ones.
        utm = self.t["utm"]
        u = pd.concat([utm.assign(period=quarter_label(utm["moededato"], later)) for later in range(window)],
                      ignore_index=True)
        u = u[u["period"].isin(self.labels) & (u["moededato"] <= self.until)]
        u = u.assign(p11=u["udfald"] == "paragraf11").sort_values("moededato", kind="stable")
        first = u.groupby(["period", "kommune", "barn_id"], as_index=False).agg(
            meeting_date=("moededato", "min"), enhed_id=("enhed_id", "first"), p11_outcome=("p11", "max"))
        first = first.merge(self.t["enhed"][["kommune", "enhed_id", "distrikt"]], on=["kommune", "enhed_id"])
        first = first.rename(columns={"distrikt": "district"})
        horizon = first["meeting_date"] + pd.Timedelta(days=365)
        first["complete"] = horizon <= self.until
        courses = self._courses()
        placements = courses.loc[(courses["step"] >= 4) & ~courses["continues"], ["kommune", "barn_id", "startdato"]]
        pairs = first[["kommune", "barn_id", "meeting_date"]].assign(horizon=horizon, row=first.index).merge(
            placements, on=["kommune", "barn_id"])
        hit = pairs[(pairs["startdato"] > pairs["meeting_date"]) & (pairs["startdato"] <= pairs["horizon"])]
        first["escalated"] = first.index.isin(hit["row"])
        return first

    # ---- measures ------------------------------------------------------------------------

    def mask(self, frame: pd.DataFrame, where: str) -> pd.Series:
        where = re.sub(r"(\w+) BETWEEN (\d+) AND (\d+)", r"\1 BETWEEN \2 & \3", where.strip())
        result = pd.Series(True, index=frame.index)
        for atom in _split_and(where):
            result &= self._atom(frame, atom)
        return result

    def _atom(self, f: pd.DataFrame, atom: str) -> pd.Series:
        rules = (
            (r"TRUE", lambda m: pd.Series(True, index=f.index)),
            (r"(\w+) = '([^']*)'", lambda m: f[m[1]].eq(m[2]).fillna(False).astype(bool)),
            (r"(\w+) <> '([^']*)'", lambda m: (f[m[1]].notna() & f[m[1]].ne(m[2])).fillna(False).astype(bool)),
            (r"(\w+) IS NOT NULL", lambda m: f[m[1]].notna()),
            (r"(\w+) BETWEEN (\d+) & (\d+)", lambda m: f[m[1]].between(int(m[2]), int(m[3]))),
            (r"(\w+) >= (\d+)", lambda m: f[m[1]] >= int(m[2])),
            (r"(\w+) IN \(([^)]*)\)", lambda m: f[m[1]].isin([x.strip().strip("'") for x in m[2].split(",")])),
            (r"(\w+) <= data_until", lambda m: (f[m[1]] <= self.until).fillna(False).astype(bool)),
            (r"period_end - (\w+) > (\d+)", lambda m: ((f["period_end"] - f[m[1]]).dt.days > int(m[2]))
             .fillna(False).astype(bool)),
            (r"\(coalesce\(forlaenget, FALSE\) OR coalesce\(course_end, data_until\) > planlagt_slutdato\)",
             lambda m: f["forlaenget"].fillna(False).astype(bool)
             | (f["course_end"].fillna(self.until) > f["planlagt_slutdato"]).fillna(False).astype(bool)),
            (r"(\w+)", lambda m: f[m[1]].fillna(False).astype(bool)),
        )
        for pattern, build in rules:
            match = re.fullmatch(pattern, atom)
            if match:
                return build(match)
        raise NotImplementedError(f"where: {atom}")

    def measure(self, measure: Measure, params: dict[str, int], keys: list[str], window: int = 1) -> pd.DataFrame:
        frame = self.source(measure.source, window)
        rows = frame[self.mask(frame, measure.where.format(**params))]
        groups = rows.groupby(keys, dropna=False, sort=False)
        expr = measure.expr.strip()
        if measure.reducer == "km_median":
            duration, event = (x.strip() for x in expr.split(","))
            values = groups.apply(lambda g: km_median(g[duration].to_numpy(), g[event].to_numpy(bool)),
                                  include_groups=False)
        elif expr == "count(*)":
            values = groups.size()
        elif m := re.fullmatch(r"count\(DISTINCT (\w+)\)", expr):
            values = groups[m[1]].nunique()
        elif m := re.fullmatch(r"sum\((\w+)\)", expr):
            values = groups[m[1]].sum(min_count=1)
        elif m := re.fullmatch(r"median\((\w+)\)", expr):
            values = groups[m[1]].median()
        else:
            raise NotImplementedError(f"expression: {expr}")
        return values.astype(float).rename("v").reset_index()

    # ---- indicators ----------------------------------------------------------------------

    def indicator(self, ind: Indicator, by_district: bool) -> pd.DataFrame:
        keys = ["period", "kommune", *(["district"] if by_district else [])]
        params = dict(ind.parameters)
        window = ind.window_quarters
        table = self.measure(ind.numerator, params, keys, window).rename(columns={"v": "numerator"})
        if ind.denominator:
            den = self.measure(ind.denominator, params, keys, window).rename(columns={"v": "denominator"})
            table = table.merge(den, on=keys, how="outer")
        else:
            table["denominator"] = np.nan
        # Rows of all of a source's records where they tell whether data exist: a reported source
        # (population, finance, key figures) has data where it has a row; an event source divided by a
        # reported one gets rows for districts without population too.
        presence = {}
        for m in (ind.numerator, ind.denominator):
            if m is not None and engine.SOURCES[m.source].reported:
                presence[m.source] = self.measure(Measure(m.source, "count(*)"), {}, keys, window)
        if ind.denominator and engine.SOURCES[ind.denominator.source].reported \
                and not engine.SOURCES[ind.numerator.source].reported:
            table = table.merge(self.measure(Measure(ind.numerator.source, "count(*)"), {}, keys, window)
                                [keys], on=keys, how="outer")
        for frame in presence.values():
            table = table.merge(frame[keys], on=keys, how="outer")
        if not by_district:
            grid = pd.MultiIndex.from_product([self.labels, self.kommuner], names=keys).to_frame(index=False)
            table = grid.merge(table, on=keys, how="left")
        missing = pd.Series(False, index=table.index)
        for name, frame in presence.items():
            missing |= table.merge(frame.rename(columns={"v": "_n"}), on=keys, how="left")["_n"].isna().to_numpy()
        for m in (ind.numerator, ind.denominator):
            events = engine.SOURCES[m.source].events_in if m is not None else None
            if events:
                first, last = self.spans[events]
                starts = {p.period: (periods.shift_quarters(periods.parse_quarter(p.period), -(window - 1)).start
                                     if window > 1 else p.p_start.date()) for p in self.periods.itertuples()}
                ends = dict(zip(self.periods["period"], self.periods["p_end"]))
                outside = {p for p in self.labels if ends[p] < first or pd.Timestamp(starts[p]) > last
                           or (window > 1 and pd.Timestamp(starts[p]) < first)}
                missing |= table["period"].isin(outside)
        basis = []
        for n, b in enumerate(ind.basis):
            table = table.merge(self.measure(b, params, keys, window).rename(columns={"v": f"b{n}"}), on=keys,
                                how="left")
            basis.append(f"b{n}")
        value = table["numerator"].where(table["denominator"] > 0) / table["denominator"].where(
            table["denominator"] > 0) if ind.denominator else table["numerator"].copy()
        value = value * ind.scale
        if ind.annualise:
            value = value * 4  # 12 months / 3 months a quarter
        table["value"] = value
        if ind.denominator is None and ind.numerator.reducer == "sql" \
                and re.match(r"\s*(count|sum)\s*\(", ind.numerator.expr, re.IGNORECASE):
            # A count or sum without rows where data were uploaded is a true zero.
            none = table["numerator"].isna() & ~missing
            table.loc[none, ["numerator", "value"]] = 0.0
        table.loc[missing, ["value", "numerator", "denominator"]] = np.nan
        suppressed = pd.Series(False, index=table.index)
        for column in basis:
            suppressed |= table[column].fillna(0) < self.min_cell
        suppressed &= ~missing
        if by_district and basis:
            # One hidden cell in a kommune's quarter could be recomputed from its total: hide the next smallest.
            smallest = table[basis].min(axis=1).fillna(0)
            group = table.groupby(["period", "kommune"]).ngroup()
            alone = (suppressed.groupby(group).transform("sum") == 1) & (group.map(group.value_counts()) > 1)
            visible = table[["district"]].assign(_g=group, _b=smallest)[alone & ~suppressed]
            chosen = visible.sort_values(["_g", "_b", "district"]).drop_duplicates("_g").index
            suppressed.loc[chosen] = True
        table["suppressed"] = suppressed
        if ind.lag_months:
            ends = dict(zip(self.periods["period"], self.periods["p_end"]))
            late = [p for p in self.labels
                    if (ends[p] + pd.DateOffset(months=ind.lag_months)) > self.until]
            rows = table["period"].isin(late)
            table.loc[rows, ["value", "numerator", "denominator"]] = np.nan
            table.loc[rows, "suppressed"] = False
        for column in ("value", "numerator", "denominator"):
            table[column] = table[column].where(~table["suppressed"])
        for column, shift in (("prev_value", 1), ("year_ago_value", 4)):
            partner = {p: periods.shift_quarters(periods.parse_quarter(p), -shift).label for p in self.labels}
            lookup = table[keys + ["value"]].rename(columns={"period": "_p", "value": column})
            table = table.assign(_p=table["period"].map(partner)).merge(
                lookup, on=["_p", *keys[1:]], how="left").drop(columns="_p")
        table = table[table["period"].isin(self.wanted)]
        return table.assign(indicator=ind.id).drop(columns=basis)


def km_median(duration: np.ndarray, event: np.ndarray) -> float:
    """Kaplan-Meier median: the first time the survival curve is at or below 0.5."""
    times, index = np.unique(duration, return_inverse=True)
    deaths = np.bincount(index, weights=event, minlength=len(times))
    counts = np.bincount(index, minlength=len(times))
    at_risk = counts[::-1].cumsum()[::-1]
    survival = np.cumprod(1 - deaths / at_risk)
    below = np.flatnonzero(survival <= 0.5 + 1e-9)  # as the engine: products of fractions miss 1/2 by a rounding step
    return float(times[below[0]]) if len(below) else np.nan


def _split_and(where: str) -> list[str]:
    parts, depth, current = [], 0, ""
    tokens = re.split(r"(\(|\)| AND )", where)
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        if token == " AND " and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += token
    parts.append(current.strip())
    return [p for p in parts if p]


def pandas_all(store: Store, first: str, last: str) -> tuple[pd.DataFrame, list[str], dict[str, float]]:
    """All indicators the pandas baseline understands; the skipped ones; seconds for load / compute."""
    started = time.perf_counter()
    tables = load_tables(store)
    loaded = time.perf_counter()
    calc = PandasIndicators(tables, first, last, config.min_cell_size())
    frames, skipped = [], []
    for ind in catalogue.INDICATORS:
        try:
            frames.append(calc.indicator(ind, "district" in ind.breakdowns))
        except NotImplementedError as exc:
            skipped.append(f"{ind.id} ({exc})")
    done = time.perf_counter()
    return pd.concat(frames, ignore_index=True), skipped, {"load": loaded - started, "compute": done - loaded}


# --------------------------------------------------------------------------------------------
# Comparison and report
# --------------------------------------------------------------------------------------------

def compare(ours: pd.DataFrame, theirs: pd.DataFrame) -> tuple[dict[str, int], dict[str, int]]:
    """Mismatching cells per indicator (values within 1e-6 relative count as equal), and how the two
    hide cells differently.

    The baseline hides with the simple rule (a count under the minimum, plus one more cell where a
    district would be the only one hidden); the engine protects the whole publication grid
    (docs/DISCLOSURE.md), so it hides more. The arithmetic is compared on every cell both show (a
    change where both show the earlier value too); the hiding is counted, not compared.
    """
    key = ["indicator", "period", "kommune", "district"]
    ours = ours.reindex(columns=[*key, *COMPARED, "suppressed"])
    theirs = theirs.reindex(columns=[*key, *COMPARED, "suppressed"])
    joined = ours.merge(theirs, on=key, how="outer", suffixes=("_e", "_p"), indicator=True)
    hidden_e = joined["suppressed_e"].fillna(False).astype(bool)
    hidden_p = joined["suppressed_p"].fillna(False).astype(bool)
    both_show = (joined["_merge"] == "both") & ~hidden_e & ~hidden_p
    bad = (joined["_merge"] != "both") & ~hidden_e & ~hidden_p
    for column in COMPARED:
        a, b = joined[f"{column}_e"].astype(float), joined[f"{column}_p"].astype(float)
        same = (a.isna() & b.isna()) | np.isclose(a, b, rtol=1e-6, atol=1e-6)
        if column in ("prev_value", "year_ago_value"):
            same |= a.isna() | b.isna()      # the earlier period hidden on one side only
        bad |= both_show & ~same
    counts = joined[bad].groupby("indicator").size().to_dict()
    if counts:
        print("first mismatches:")
        print(joined[bad].head(8).to_string())
    hiding = {"hidden by both": int((hidden_e & hidden_p).sum()),
              "hidden by the engine only": int((hidden_e & ~hidden_p).sum()),
              "hidden by the baseline only": int((~hidden_e & hidden_p).sum())}
    return counts, hiding


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="engine runs; the fastest counts")
    parser.add_argument("--db", type=Path, help="another database (default: the national one in bench/out/)")
    parser.add_argument("--rebuild", action="store_true", help="build the national database again")
    parser.add_argument("--volume", type=float, default=1.0,
                        help="stress test: multiply UTM and intervention volumes (1 = realistic)")
    args = parser.parse_args(argv)
    path = args.db or _common.national_database(args.rebuild, volume=args.volume)
    store = Store(path)
    quarters = engine.available_quarters(store)
    first, last = quarters[0], quarters[-1]
    counts = _common.row_counts(path)
    n_kommuner = len(kommuner(store))
    by_district, whole = split_ids()
    print(f"{path.name}: {n_kommuner} kommuner, {first}-{last}, utm {counts['utm']:,} rows, "
          f"indsats {counts['indsats']:,} rows; {len(by_district)} indicators by district, "
          f"{len(whole)} per kommune")

    ours, engine_times = _common.timed(lambda: engine_all(store, first, last), args.repeat)
    # pandas uses one core: the fair comparison holds DuckDB to one thread too.
    os.environ["STEERING_THREADS"] = "1"
    try:
        _, single_times = _common.timed(lambda: engine_all(store, first, last), args.repeat)
    finally:
        os.environ.pop("STEERING_THREADS")
    theirs, skipped, pandas_times = pandas_all(store, first, last)
    pandas_total = pandas_times["load"] + pandas_times["compute"]
    best, single = min(engine_times), min(single_times)
    # Indicators the baseline does not compute are neither compared nor counted as mismatches.
    skipped_ids = [s.split(" ")[0] for s in skipped]
    mismatches, hiding = compare(ours[~ours["indicator"].isin(skipped_ids)],
                                 theirs[~theirs["indicator"].isin(skipped_ids)])
    compared_rows = int(ours["indicator"].isin(theirs["indicator"].unique()).sum())

    header = ["what", "time", "rows", "goal", "met"]
    rows = [
        ["engine (DuckDB), all indicators", _common.summary(engine_times), f"{len(ours):,}",
         f"< {GOAL_SECONDS:g} s", "yes" if best < GOAL_SECONDS else "NO"],
        ["engine, DuckDB held to one thread (as pandas)", _common.summary(single_times), "", "", ""],
        ["pandas baseline: load tables", f"{pandas_times['load']:.2f} s", "", "", ""],
        ["pandas baseline: compute", f"{pandas_times['compute']:.2f} s", f"{len(theirs):,}", "", ""],
        ["ratio pandas (load+compute) / engine on one thread", f"{pandas_total / single:.1f}×", "",
         f">= {GOAL_RATIO:g}×", "yes" if pandas_total / single >= GOAL_RATIO else "NO"],
        ["ratio pandas (load+compute) / engine on all cores", f"{pandas_total / best:.1f}×", "", "", ""],
        ["ratio pandas compute only / engine on one thread", f"{pandas_times['compute'] / single:.1f}×", "", "", ""],
        ["cells differing engine vs pandas (both show)", str(sum(mismatches.values())),
         f"{compared_rows:,} rows compared", "0", "yes" if not mismatches else "NO"],
    ]
    print()
    _common.print_table(header, rows)
    notes = [f"{path.name}: {n_kommuner} kommuner, {first}-{last}; rows "
             + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + ".",
             f"{len(catalogue.INDICATORS)} indicators ({len(by_district)} by kommune × district × quarter, "
             f"{len(whole)} by kommune × quarter); engine: fastest of {args.repeat} runs."]
    if path.name in _common.BUILDS:
        notes.append(f"{path.name} built in this run in {_common.BUILDS[path.name]:.1f} s.")
    if skipped:
        notes.append("Not in the pandas baseline (so neither compared nor timed there): " + "; ".join(skipped))
    notes.append("Hidden cells (the engine protects the whole grid, the baseline applies the simple rule): "
                 + ", ".join(f"{k} {v:,}" for k, v in hiding.items()) + ".")
    if mismatches:
        notes.append("Mismatches per indicator: " + ", ".join(f"{k} {v}" for k, v in sorted(mismatches.items())))
    for note in notes[1:]:
        print(note)
    _common.append_results("bench_engine", header, rows, notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
