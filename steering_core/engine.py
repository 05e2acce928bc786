"""Computes any catalogue indicator for a period range, filters and breakdown.

The engine turns a catalogue entry into SQL: each measure is aggregated over
its source by period and the requested breakdown, the measures are joined,
divided and scaled, small counts are suppressed, and the change against the
previous period and the same period a year before is attached.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd

from steering_core import catalogue, config, periods
from steering_core.catalogue import Indicator, Measure
from steering_core.sources import SOURCES
from steering_core.store import Store

# Breakdown names as users and the CLI say them -> source columns and output keys.
BREAKDOWNS = {"distrikt": "district", "enhed": "unit", "sektor": "sector", "trin": "step",
              "udfald": "outcome", "moedetype": "meeting_type", "bevilget_af": "granted_by",
              "indsatstype": "intervention_type", "maal_opfyldt": "goal",
              "omkostningstype": "cost_type"}
GRAIN_BREAKDOWNS = {"kvartal": "kvartal", "aar": "aar"}
FILTER_COLUMNS = {"kommune": "kommune", "distrikter": "district", "enheder": "unit", "sektorer": "sector"}

RESULT_COLUMNS = ["indicator", "period", "value", "numerator", "denominator", "suppressed",
                  "prev_value", "change_prev", "year_ago_value", "change_year"]


class EngineError(ValueError):
    """A request the engine cannot answer, explained in Danish."""


class NoData(EngineError):
    pass


@dataclass(frozen=True)
class Filters:
    kommune: str | None = None
    distrikter: tuple[str, ...] = ()
    enheder: tuple[str, ...] = ()
    sektorer: tuple[str, ...] = ()

    def active(self) -> dict[str, object]:
        return {name: value for name, value in self.__dict__.items() if value}


@dataclass(frozen=True)
class Request:
    first: str | None = None
    last: str | None = None
    grain: str = "kvartal"
    by: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    min_cell: int | None = None
    # Whole-number parameters of parameterised indicators, e.g. (("dage", 30),).
    params: tuple[tuple[str, int], ...] = ()


def data_until(con: duckdb.DuckDBPyConnection, kommune: str | None = None) -> date | None:
    """End of the quarter holding the newest registered activity: the data cut-off."""
    where = "WHERE kommune = $k" if kommune else ""
    newest = con.execute(f"""
        SELECT max(d) FROM (
            SELECT max(moededato) AS d FROM utm {where}
            UNION ALL SELECT max(startdato) FROM indsats {where}
            UNION ALL SELECT max(periode_slut) FROM oekonomi {where}
            UNION ALL SELECT max(periode_slut) FROM noegletal {where})""",
        {"k": kommune} if kommune else {}).fetchall()[0][0]
    return None if newest is None else periods.quarter_of(newest).end


def compute(store: Store, indicator_ids: list[str] | None = None, request: Request = Request()) -> pd.DataFrame:
    """One row per indicator × period × breakdown value (see RESULT_COLUMNS)."""
    indicators = [catalogue.get(i) for i in (indicator_ids or list(catalogue.BY_ID))]
    by = _breakdown_columns(request.by)
    for indicator in indicators:
        _check_supported(indicator, by, request.filters)
    with store.connect(read_only=True) as con:
        until = data_until(con, request.filters.kommune)
        if until is None:
            raise NoData("Databasen indeholder endnu ingen data.")
        wanted = _requested_periods(request, until)
        # Several municipalities in one database (benchmarks): without a kommune filter every
        # figure is per municipality, so equal district or unit names never merge across them.
        kommuner = [] if request.filters.kommune else _kommuner(con)
        keyed = ["kommune", *by] if len(kommuner) > 1 else by
        computation = _computation_periods(wanted, request.grain, until)
        keys = ["period", *keyed] + (["unit_name"] if "unit" in keyed else [])
        computed = []
        if computation:
            measures = _MeasureTable.build(con, indicators, computation, request, keyed, until, kommuner)
            computed = [(indicator.id, _compute_one(measures, indicator, wanted, request, until))
                        for indicator in indicators]
    computed = [(indicator_id, arrays) for indicator_id, arrays in computed if arrays is not None]
    columns = ["indicator", "period", *[k for k in keys if k != "period"], *RESULT_COLUMNS[2:]]
    if not computed:
        return pd.DataFrame(columns=columns)
    # One frame for all indicators: the key columns are taken from the measure table in one go.
    rows = np.concatenate([arrays["row"] for _, arrays in computed])
    result = measures.keys.iloc[rows].reset_index(drop=True)
    result.insert(0, "indicator", np.repeat([i for i, _ in computed], [len(a["row"]) for _, a in computed]))
    for column in RESULT_COLUMNS[2:]:
        result[column] = np.concatenate([arrays[column] for _, arrays in computed])
    return result[columns]


def _kommuner(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute("""
        SELECT kommune FROM enhed UNION SELECT kommune FROM befolkning UNION SELECT kommune FROM utm
        UNION SELECT kommune FROM indsats UNION SELECT kommune FROM oekonomi
        UNION SELECT kommune FROM noegletal ORDER BY 1""").fetchall()]


def _breakdown_columns(by: tuple[str, ...]) -> list[str]:
    columns = []
    for name in by:
        if name in GRAIN_BREAKDOWNS:
            continue  # a time breakdown is the grain itself
        if name not in BREAKDOWNS:
            raise EngineError(f"Ukendt opdeling '{name}'. Brug en af: "
                              + ", ".join([*BREAKDOWNS, *GRAIN_BREAKDOWNS]) + ".")
        columns.append(BREAKDOWNS[name])
    return columns


def supports(indicator: Indicator, request: Request) -> bool:
    """Whether the indicator exists for the request's breakdown and filters."""
    try:
        _check_supported(indicator, _breakdown_columns(request.by), request.filters)
    except EngineError:
        return False
    return True


def _check_supported(indicator: Indicator, by: list[str], filters: Filters) -> None:
    allowed = set(indicator.breakdowns)
    for column in by:
        if column not in allowed:
            raise EngineError(f"'{indicator.name_da}' kan ikke opdeles på {_danish(column)}.")
    for name in ("distrikter", "enheder", "sektorer"):
        column = FILTER_COLUMNS[name]
        if getattr(filters, name) and column not in _filterable(indicator):
            raise EngineError(f"'{indicator.name_da}' findes ikke pr. {_danish(column)}.")


def _filterable(indicator: Indicator) -> set[str]:
    dims = set(SOURCES[indicator.numerator.source].dimensions)
    if indicator.denominator:
        den_dims = set(SOURCES[indicator.denominator.source].dimensions)
        # A population denominator has only districts; filtering it by unit or
        # sector would divide a part by the whole.
        dims &= den_dims
    return dims


def _danish(column: str) -> str:
    return {v: k for k, v in BREAKDOWNS.items()}[column]


def _requested_periods(request: Request, until: date) -> list[periods.Period]:
    last = periods.parse_period(request.last) if request.last else periods.quarter_of(until)
    first = periods.parse_period(request.first) if request.first else periods.shift_quarters(
        periods.quarter_of(last.end), -7)
    if first.start > last.end:
        raise EngineError(f"Perioden starter ({first.label}) efter den slutter ({last.label}).")
    return periods.periods_for(first, last, request.grain)


def _computation_periods(wanted: list[periods.Period], grain: str, until: date) -> list[periods.Period]:
    """The wanted periods plus those the changes compare with; clipped at the data cut-off."""
    if grain == "samlet":
        whole = wanted[0]
        span = whole.months // 3
        earlier = [periods.periods_for(periods.shift_quarters(periods.quarter_of(whole.start), -shift),
                                       periods.shift_quarters(periods.quarter_of(whole.end), -shift), grain)[0]
                   for shift in sorted({span, 4})]
        extended = [*earlier, whole]
    else:
        back = periods.shift_quarters(periods.quarter_of(wanted[0].start), -4)
        extended = periods.periods_for(back, wanted[-1], grain)
    clipped = []
    for p in extended:
        if p.start > until:
            continue
        clipped.append(periods.Period(p.start, min(p.end, until), p.label))
    return clipped


def _periods_sql(computation: list[periods.Period]) -> str:
    """The ``_periods`` relation; m_from and m_to are the month positions (see sources.py) of the
    period's first day and of the day after its last, so prorating needs no date maths per row."""
    def position(day: date) -> float:
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        return day.year * 12 + day.month + (day.day - 1) / days_in_month
    rows = ", ".join(
        f"('{p.label}', DATE '{p.start}', DATE '{p.end}', {p.months}, {p.start.year}, "
        f"{position(p.start)!r}, {position(p.end + timedelta(days=1))!r})" for p in computation)
    return f"""
        _periods AS (SELECT * FROM (VALUES {rows}) AS t(period, p_start, p_end, months, yr, m_from, m_to))"""


def _filter_sql(filters: Filters) -> tuple[str, dict[str, object]]:
    clauses, params = [], {}
    if filters.kommune:
        clauses.append("kommune = $kommune")
        params["kommune"] = filters.kommune
    for name in ("distrikter", "enheder", "sektorer"):
        values = getattr(filters, name)
        if values:
            clauses.append(f"{FILTER_COLUMNS[name]} IN (SELECT unnest(${name}))")
            params[name] = list(values)
    return (" AND ".join(clauses) or "TRUE"), params


def _rows_sql(source_name: str, by: list[str], periods_cte: str, until: date, filters: Filters,
              where: str) -> tuple[str, list[str], dict[str, object]]:
    """The WITH clause selecting a source's rows as ``_rows``, the group columns and the SQL parameters."""
    source = SOURCES[source_name]
    usable_filters = Filters(
        kommune=filters.kommune,
        **{name: getattr(filters, name) for name in ("distrikter", "enheder", "sektorer")
           if FILTER_COLUMNS[name] in source.dimensions})
    filter_where, sql_params = _filter_sql(usable_filters)
    group = ["period", *by]
    if "unit" in by:
        group.append("unit_name")
    head = f"WITH {periods_cte}, _limits AS (SELECT DATE '{until}' AS data_until), " \
           f"_rows AS (SELECT * FROM ({source.sql}) s WHERE {filter_where} AND ({where}))"
    return head, group, sql_params


# One aggregate call, e.g. "count(DISTINCT barn_id)" or "sum(cost)": it can take a FILTER clause.
_ONE_AGGREGATE = re.compile(r"^\s*\w+\s*\((?:[^()]|\([^()]*\))*\)\s*$")
_COUNT_DISTINCT = re.compile(r"^\s*count\s*\(\s*DISTINCT\s+(\w+)\s*\)\s*$", re.IGNORECASE)
_COUNT_OR_SUM = re.compile(r"^\s*(?:count\s*\(\s*\*\s*\)|sum\s*\(\s*\w+\s*\))\s*$", re.IGNORECASE)


def _together_sql(items: list[tuple[str, str]], group: list[str]) -> str:
    """The query after ``_rows``: every (expr, where) per group as v<i>, with n<i> = rows matching where."""
    group_sql = ", ".join(group)
    distinct = {m.group(1) for m in (_COUNT_DISTINCT.match(expr) for expr, _ in items) if m}
    if len(distinct) != 1 or not all(_COUNT_DISTINCT.match(e) or _COUNT_OR_SUM.match(e) for e, _ in items):
        columns = ", ".join(f"({expr} FILTER (WHERE {where}))::DOUBLE AS v{i}, "
                            f"count(*) FILTER (WHERE {where}) AS n{i}" for i, (expr, where) in enumerate(items))
        return f"SELECT {group_sql}, {columns} FROM _rows GROUP BY ALL"
    # Several count(DISTINCT x) FILTER in one hash aggregate are slow. Instead: counts and sums
    # straight per group, and one pass per (group, x) that ORs a bit per condition into a mask,
    # then per group a plain count of the x whose mask has the condition's bit. Same figures.
    (column,) = distinct
    plain, bits, counted = [], {}, []
    for i, (expr, where) in enumerate(items):
        plain.append(f"count(*) FILTER (WHERE {where}) AS n{i}")
        if _COUNT_DISTINCT.match(expr):
            bit = bits.setdefault(where, 1 << len(bits))
            counted.append(f"count(*) FILTER (WHERE _mask & {bit} <> 0)::DOUBLE AS v{i}")
        elif expr.strip().lower().startswith("count"):
            plain.append(f"(count(*) FILTER (WHERE {where}))::DOUBLE AS v{i}")
        else:
            plain.append(f"({expr} FILTER (WHERE {where}))::DOUBLE AS v{i}")
    mask = " | ".join(f"(CASE WHEN {where} THEN {bit} ELSE 0 END)::BIGINT" for where, bit in bits.items())
    joined = " AND ".join(f"_plain.{g} IS NOT DISTINCT FROM _children.{g}" for g in group)
    return (f", _plain AS (SELECT {group_sql}, {', '.join(plain)} FROM _rows GROUP BY ALL), "
            f"_masks AS (SELECT {group_sql}, {column}, bit_or({mask}) AS _mask FROM _rows "
            f"WHERE {column} IS NOT NULL GROUP BY ALL), "
            f"_children AS (SELECT {group_sql}, {', '.join(counted)} FROM _masks GROUP BY ALL) "
            f"SELECT _plain.*, {', '.join(f'coalesce(_children.v{i}, 0) AS v{i}' for i, (e, _) in enumerate(items) if _COUNT_DISTINCT.match(e))} "
            f"FROM _plain LEFT JOIN _children ON {joined or 'TRUE'}")


def _measure_key(measure: Measure, params: dict[str, int]) -> tuple[str, str, str, str]:
    return measure.source, measure.expr, measure.where.format(**params), measure.reducer


def _shareable(measure: Measure) -> bool:
    return measure.reducer == "sql" and bool(_ONE_AGGREGATE.match(measure.expr))


@dataclass
class _MeasureTable:
    """Every measure of one request, aligned on one set of keys (period and breakdown values).

    A measure on its own is ``SELECT groups, expr FROM rows WHERE where GROUP BY groups``. Here the
    plain measures on one source share the scan as ``expr FILTER (WHERE where)``, and
    ``count(*) FILTER`` tells which groups the measure on its own would have returned (those with a
    row). Each measure becomes two arrays over the table's keys: its value, and whether it has a row
    for the key, so an indicator takes its columns by position instead of merging frames.
    """
    keys: pd.DataFrame                 # one row per key, columns period, *by (, unit_name)
    period_index: np.ndarray           # position of each key's period in the computation periods
    group: np.ndarray                  # one integer per breakdown cell (keys without the period)
    order: np.ndarray                  # key positions sorted by period, then breakdown values
    values: dict[tuple, np.ndarray]
    present: dict[tuple, np.ndarray]
    gridded: bool                      # without a breakdown (or by kommune only) every period is a row
    breakdown: bool                    # a breakdown below the kommune: cells need complementary suppression
    kommune_code: np.ndarray           # the key's kommune as an integer (0 without a kommune column)
    kommune_count: int

    @classmethod
    def build(cls, con, indicators: list[Indicator], computation: list[periods.Period], request: Request,
              by: list[str], until: date, kommuner: list[str]) -> "_MeasureTable":
        periods_cte = _periods_sql(computation)
        by_source: dict[str, list[tuple[str, str]]] = {}
        single: dict[tuple, Measure] = {}
        params_of: dict[tuple, dict[str, int]] = {}
        for indicator in indicators:
            params = _parameters(indicator, request)
            for measure in (indicator.numerator, indicator.denominator, *indicator.basis):
                if measure is None:
                    continue
                key = _measure_key(measure, params)
                if not _shareable(measure):
                    single.setdefault(key, measure)
                    params_of.setdefault(key, params)
                    continue
                items = by_source.setdefault(measure.source, [])
                if key[1:3] not in items:
                    items.append(key[1:3])
        # (sql, parameters, [(measure key, value column, rows column or None)]) per query.
        queries: list[tuple[str, dict, list[tuple[tuple, str, str | None]]]] = []
        for source_name, all_items in by_source.items():
            for items in _query_plan(all_items):
                any_where = " OR ".join(f"({where})" for _, where in items)
                head, group, sql_params = _rows_sql(source_name, by, periods_cte, until, request.filters, any_where)
                queries.append((f"{head} {_together_sql(items, group)}", sql_params,
                                [((source_name, expr, where, "sql"), f"v{i}", f"n{i}")
                                 for i, (expr, where) in enumerate(items)]))
        for key, measure in single.items():
            sql, sql_params = _measure_sql(measure, by, periods_cte, until, request.filters, params_of[key])
            queries.append((sql, sql_params, [(key, "v", None)]))
        parts = [(con.execute(sql, sql_params).df(), measures) for sql, sql_params, measures in queries]

        key_columns = ["period", *by] + (["unit_name"] if "unit" in by else [])
        gridded = not by or by == ["kommune"]
        frames = [frame[key_columns] for frame, _ in parts]
        if gridded:
            labels = [p.label for p in computation]
            grid = pd.MultiIndex.from_product([labels, kommuner] if by else [labels],
                                              names=key_columns).to_frame(index=False)
            frames.append(grid)
        stacked = pd.concat(frames, ignore_index=True)
        codes = _codes(stacked, key_columns)
        first = pd.Series(np.arange(len(codes))).groupby(codes).first().to_numpy()
        keys = stacked.iloc[first].reset_index(drop=True)
        count = len(keys)
        values, present, offset = {}, {}, 0
        for frame, measures in parts:
            at = codes[offset:offset + len(frame)]
            offset += len(frame)
            for key, value_column, rows_column in measures:
                has_row = np.ones(len(frame), dtype=bool) if rows_column is None \
                    else frame[rows_column].to_numpy() > 0
                value = np.full(count, np.nan)
                value[at[has_row]] = frame[value_column].to_numpy(dtype=float)[has_row]
                mask = np.zeros(count, dtype=bool)
                mask[at[has_row]] = True
                values[key], present[key] = value, mask
        period_index = pd.Index([p.label for p in computation]).get_indexer(keys["period"]).astype(np.int64)
        others = [k for k in key_columns if k != "period"]
        group = _codes(keys, others)
        # Breakdown values in sorted order, missing last, as sort_values would put them.
        sort_keys = [_sorted_codes(keys[column]) for column in reversed(others)]
        order = np.lexsort([*sort_keys, period_index]) if count else np.array([], dtype=np.int64)
        breakdown = bool([b for b in by if b != "kommune"])
        if "kommune" in by:
            kommune_code, kommune_values = pd.factorize(keys["kommune"], use_na_sentinel=False)
            kommune_count = max(len(kommune_values), 1)
        else:
            kommune_code, kommune_count = np.zeros(count, dtype=np.int64), 1
        return cls(keys, period_index, group, order, values, present, gridded, breakdown,
                   np.asarray(kommune_code, dtype=np.int64), kommune_count)

    def column(self, measure: Measure, params: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        key = _measure_key(measure, params)
        return self.values[key], self.present[key]


def _sorted_codes(column: pd.Series) -> np.ndarray:
    codes, uniques = pd.factorize(column, sort=True)
    return np.where(codes < 0, len(uniques), codes)


def _query_plan(items: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Measures of one source split into queries: one per column counted distinct (the counts and
    sums ride along with the first), and one for any other aggregate (median ...)."""
    distinct: dict[str, list[tuple[str, str]]] = {}
    plain, other = [], []
    for item in items:
        match = _COUNT_DISTINCT.match(item[0])
        if match:
            distinct.setdefault(match.group(1), []).append(item)
        else:
            (plain if _COUNT_OR_SUM.match(item[0]) else other).append(item)
    queries = list(distinct.values())
    if queries:
        queries[0] = plain + queries[0]
    else:
        other = plain + other
    return queries + ([other] if other else [])


def _parameters(indicator: Indicator, request: Request) -> dict[str, int]:
    # Only whole numbers reach the SQL text, so a parameter cannot inject anything.
    defaults = dict(indicator.parameters)
    return {**defaults, **{k: int(v) for k, v in request.params if k in defaults}}


def _measure_sql(measure: Measure, by: list[str], periods_cte: str, until: date,
                 filters: Filters, params: dict[str, int]) -> tuple[str, dict[str, object]]:
    """A measure on its own (one that cannot share a scan, e.g. a Kaplan-Meier median)."""
    head, group, sql_params = _rows_sql(measure.source, by, periods_cte, until, filters,
                                        measure.where.format(**params))
    group_sql = ", ".join(group)
    if measure.reducer == "km_median":
        duration, event = (part.strip() for part in measure.expr.split(","))
        sql = f"""{head},
            _times AS (SELECT {group_sql}, {duration} AS t, sum(CASE WHEN {event} THEN 1 ELSE 0 END) AS d,
                              count(*) AS n FROM _rows GROUP BY ALL),
            _risk AS (SELECT *, sum(n) OVER (PARTITION BY {group_sql} ORDER BY t DESC
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS at_risk
                      FROM _times),
            _surv AS (SELECT *, product(1 - d / at_risk) OVER (PARTITION BY {group_sql} ORDER BY t
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s
                      FROM _risk)
            -- Median: the first time the survival curve reaches 50 % or below; NULL while not reached.
            SELECT {group_sql}, min(t) FILTER (WHERE s <= 0.5 + 1e-9)::DOUBLE AS v FROM _surv GROUP BY ALL"""
    else:
        sql = f"{head} SELECT {group_sql}, ({measure.expr})::DOUBLE AS v FROM _rows GROUP BY ALL"
    return sql, sql_params


def _compute_one(measures: _MeasureTable, indicator: Indicator, wanted: list[periods.Period],
                 request: Request, until: date) -> dict[str, np.ndarray] | None:
    """The indicator's rows as arrays: ``row`` (positions in ``measures.keys``, in output order)
    and one array per result column; None when it has no rows."""
    computation = _computation_periods(wanted, request.grain, until)
    params = _parameters(indicator, request)
    numerator, rows = measures.column(indicator.numerator, params)
    rows = rows.copy()
    if indicator.denominator:
        denominator, den_rows = measures.column(indicator.denominator, params)
        rows |= den_rows
    else:
        denominator = np.full(len(rows), np.nan)
    if measures.gridded:
        rows[:] = True
    selected = measures.order[rows[measures.order]]
    if not len(selected):
        return None
    numerator, denominator = numerator[selected], denominator[selected]
    basis = [measures.column(b, params)[0][selected] for b in indicator.basis]
    # Periods as integer positions in ``computation``: label lookups become array indexing.
    pidx = measures.period_index[selected]
    labels = [p.label for p in computation]

    with np.errstate(divide="ignore", invalid="ignore"):
        if indicator.denominator:
            value = np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1.0), np.nan)
        else:
            value = numerator.copy()
        value = value * indicator.scale
        if indicator.annualise:
            months = np.array([float(p.months) for p in computation])
            value = value * 12 / months[pidx]

    min_cell = request.min_cell or config.min_cell_size()
    suppressed = np.zeros(len(selected), dtype=bool)
    for column in basis:
        suppressed |= np.nan_to_num(column, nan=0.0) < min_cell
    if measures.breakdown and basis:
        smallest = np.nan_to_num(np.fmin.reduce(basis), nan=0.0)
        suppressed = _complementary(suppressed, smallest, pidx * measures.kommune_count
                                    + measures.kommune_code[selected])
    if indicator.lag_months:
        # A cohort not yet followed for its whole window has no figure, and nothing to hide.
        unfinished = np.array([(pd.Timestamp(p.end) + pd.DateOffset(months=indicator.lag_months)).date() > until
                               for p in computation])[pidx]
        value, numerator, denominator = (np.where(unfinished, np.nan, a) for a in (value, numerator, denominator))
        suppressed = suppressed & ~unfinished
    value, numerator, denominator = (np.where(suppressed, np.nan, a) for a in (value, numerator, denominator))

    changes = _changes(value, wanted, request.grain, measures.group[selected], pidx, labels)
    wanted_labels = {p.label for p in wanted}
    keep = np.array([label in wanted_labels for label in labels])[pidx]
    columns = {"row": selected, "value": value, "numerator": numerator, "denominator": denominator,
               "suppressed": suppressed, **changes}
    return {name: array[keep] for name, array in columns.items()}


def _codes(table: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer per distinct combination of the columns (missing values as a value of their own)."""
    combined = np.zeros(len(table), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(table[column], use_na_sentinel=False)
        combined = combined * (len(uniques) + 1) + codes.astype(np.int64)
    if columns and len(columns) > 1:
        combined = pd.factorize(combined)[0].astype(np.int64)
    return combined


def _complementary(suppressed: np.ndarray, smallest_basis: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Suppress a second cell where one hidden cell could be recomputed from the total.

    ``group`` numbers the totals (period × kommune: each municipality's total is known on its own,
    so cells are protected within it). Cells come in breakdown order within a period.
    """
    group = pd.factorize(group)[0]
    hidden = np.bincount(group, weights=suppressed.astype(np.float64))[group]
    size = np.bincount(group)[group]
    # In a group with exactly one hidden cell, also hide the visible cell with the smallest basis,
    # vectorised: one pass however many groups there are. A tie goes to the first cell in breakdown
    # order (a stable sort of cells already in that order), so the choice never depends on the
    # order the database happened to return rows in.
    eligible = np.flatnonzero((hidden == 1) & (size > 1) & ~suppressed)
    if not len(eligible):
        return suppressed
    ranked = eligible[np.lexsort((smallest_basis[eligible], group[eligible]))]
    first_of_group = np.r_[True, group[ranked][1:] != group[ranked][:-1]]
    suppressed = suppressed.copy()
    suppressed[ranked[first_of_group]] = True
    return suppressed


def _changes(value: np.ndarray, wanted: list[periods.Period], grain: str,
             group: np.ndarray, pidx: np.ndarray, labels: list[str]) -> dict[str, np.ndarray]:
    """The previous period's and the year-before's value of the same breakdown cell, and the changes.

    ``group`` numbers the breakdown cells (keys without the period). Cells are looked up by an
    integer code (cell × period) rather than by merging on the key columns.
    """
    group = np.asarray(group, dtype=np.int64)
    position = {label: i for i, label in enumerate(labels)}
    width = len(labels) + 1
    pidx = np.asarray(pidx, dtype=np.int64)
    lookup = pd.Series(value, index=group * width + pidx)
    lookup = lookup[~lookup.index.duplicated()]
    wanted_labels = {p.label: p for p in wanted}
    result = {}
    for label_fn, value_col, change_col in ((periods.previous, "prev_value", "change_prev"),
                                            (periods.year_before, "year_ago_value", "change_year")):
        partner = np.array([position.get(label_fn(wanted_labels[label], grain), -1) if label in wanted_labels
                            else -1 for label in labels] + [-1], dtype=np.int64)
        there = partner[pidx]
        wanted_codes = np.where(there >= 0, group * width + there, -1)
        result[value_col] = lookup.reindex(wanted_codes).to_numpy(dtype=float)
        result[change_col] = value - result[value_col]
    return result


def available_quarters(store: Store) -> list[str]:
    with store.connect(read_only=True) as con:
        until = data_until(con)
        first = con.execute("""SELECT min(d) FROM (
            SELECT min(moededato) AS d FROM utm UNION ALL SELECT min(periode_start) FROM oekonomi
            UNION ALL SELECT min(periode_start) FROM noegletal)""").fetchall()[0][0]
    if until is None:
        return []
    start = periods.quarter_of(first or until)
    return [q.label for q in periods.quarters_between(start, periods.quarter_of(until))]


def districts(store: Store, kommune: str | None = None) -> list[str]:
    with store.connect(read_only=True) as con:
        return [row[0] for row in con.execute(
            "SELECT DISTINCT distrikt FROM enhed WHERE $k IS NULL OR kommune = $k ORDER BY 1", {"k": kommune}).fetchall()]


def kommuner(store: Store) -> list[str]:
    """The municipalities in the database (several when it holds benchmarking data)."""
    with store.connect(read_only=True) as con:
        return _kommuner(con)


def source_rows(store: Store, source_name: str, request: Request, where: str,
                columns: tuple[str, ...]) -> pd.DataFrame:
    """Row-level values of a source for computations SQL cannot express (survival curves).

    Only for the core: callers aggregate and suppress before anything reaches a page.
    """
    source = SOURCES[source_name]
    with store.connect(read_only=True) as con:
        until = data_until(con, request.filters.kommune)
        if until is None:
            raise NoData("Databasen indeholder endnu ingen data.")
        wanted = _requested_periods(request, until)
        computation = [p for p in _computation_periods(wanted, request.grain, until)
                       if p.label in {w.label for w in wanted}]
        if not computation:
            return pd.DataFrame(columns=list(columns))
        usable = Filters(kommune=request.filters.kommune,
                         **{name: getattr(request.filters, name) for name in ("distrikter", "enheder", "sektorer")
                            if FILTER_COLUMNS[name] in source.dimensions})
        filter_sql, params = _filter_sql(usable)
        sql = (f"WITH {_periods_sql(computation)}, _limits AS (SELECT DATE '{until}' AS data_until) "
               f"SELECT {', '.join(columns)} FROM ({source.sql}) s WHERE {filter_sql} AND ({where})")
        return con.execute(sql, params).df()


def unit_register(store: Store) -> pd.DataFrame:
    """Units with their district and sector (unit, unit_name, unit_type, district, sector)."""
    with store.connect(read_only=True) as con:
        return con.execute("""SELECT enhed_id AS unit, enhed_navn AS unit_name, enhedstype AS unit_type,
                                     distrikt AS district, sektor AS sector FROM enhed ORDER BY 4, 2""").df()
