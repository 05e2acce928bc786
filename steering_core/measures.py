"""Measures: catalogue aggregates over the fact sources, as SQL, aligned on one key table.

A measure is an aggregate over a source's rows in the requested periods, grouped by
period and breakdown. This module writes that SQL (sharing one scan between the
measures on a source where it can), runs it, and lines the results up so the engine
can do an indicator's arithmetic on arrays.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from steering_core import periods
from steering_core.catalogue import Measure
from steering_core.dimensions import FILTER_COLUMNS, FILTERED
from steering_core.sources import RELATIONS, SOURCES

# Conditions one shared query can test: one bit each in a signed 64-bit mask.
MAX_CONDITIONS = 62


@dataclass(frozen=True)
class Filters:
    kommune: str | None = None
    distrikter: tuple[str, ...] = ()
    enheder: tuple[str, ...] = ()
    sektorer: tuple[str, ...] = ()


def periods_sql(computation: list[periods.Period]) -> str:
    """The ``_periods`` relation; m_from and m_to are the month positions (see sources.py) of the
    period's first day and of the day after its last, so prorating needs no date maths per row.
    They are cast to DOUBLE because DuckDB reads a literal like 24305.48 as a DECIMAL."""
    def position(day: date) -> float:
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        return day.year * 12 + day.month + (day.day - 1) / days_in_month
    rows = ", ".join(
        f"('{p.label}', DATE '{p.start}', DATE '{p.end}', {p.months}, {p.start.year}, "
        f"{position(p.start)!r}::DOUBLE, {position(p.end + timedelta(days=1))!r}::DOUBLE)" for p in computation)
    return f"""
        _periods AS (SELECT * FROM (VALUES {rows}) AS t(period, p_start, p_end, months, yr, m_from, m_to))"""


def filter_sql(source_name: str, filters: Filters) -> tuple[str, dict[str, object]]:
    """WHERE clause and parameters for the filters on the dimensions the source has."""
    source = SOURCES[source_name]
    clauses, params = [], {}
    if filters.kommune:
        clauses.append("kommune = $kommune")
        params["kommune"] = filters.kommune
    for name in (d.filter for d in FILTERED):
        values = getattr(filters, name)
        if values and FILTER_COLUMNS[name] in source.dimensions:
            clauses.append(f"{FILTER_COLUMNS[name]} IN (SELECT unnest(${name}))")
            params[name] = list(values)
    return (" AND ".join(clauses) or "TRUE"), params


def _rows_sql(scan: str, by: list[str], periods_cte: str, until: date, filters: Filters,
              where: str) -> tuple[str, list[str], dict[str, object]]:
    """The WITH clause selecting the rows of a source, or of a relation in RELATIONS, as ``_rows``;
    the group columns; and the SQL parameters."""
    if scan in RELATIONS:
        # The sources of a relation share its dimensions, so any of them stands for its filters.
        member = next(s for s in SOURCES.values() if s.relation == scan)
        sql, filter_where, sql_params = RELATIONS[scan], *filter_sql(member.name, filters)
    else:
        sql, (filter_where, sql_params) = SOURCES[scan].sql, filter_sql(scan, filters)
    group = ["period", *by]
    if "unit" in by:
        group.append("unit_name")
    head = f"WITH {periods_cte}, _limits AS (SELECT DATE '{until}' AS data_until), " \
           f"_rows AS (SELECT * FROM ({sql}) s WHERE {filter_where} AND ({where}))"
    return head, group, sql_params


# One aggregate call, e.g. "count(DISTINCT barn_id)" or "sum(cost)": it can take a FILTER clause.
_ONE_AGGREGATE = re.compile(r"^\s*\w+\s*\((?:[^()]|\([^()]*\))*\)\s*$")
_COUNT_DISTINCT = re.compile(r"^\s*count\s*\(\s*DISTINCT\s+(\w+)\s*\)\s*$", re.IGNORECASE)
_SUM = re.compile(r"^\s*sum\s*\(\s*(\w+)\s*\)\s*$", re.IGNORECASE)
_COUNT_OR_SUM = re.compile(r"^\s*(?:count\s*\(\s*\*\s*\)|sum\s*\(\s*\w+\s*\))\s*$", re.IGNORECASE)


def _together_sql(items: list[tuple[str, str]], group: list[str], lone: str | None = None) -> str:
    """The rest of a query whose WITH clause ends with ``_rows``: more CTEs if needed, then the SELECT
    giving every (expr, where) per group as v<i>, with n<i> = rows matching where. ``lone``: the
    source's Source.lone_child column, if it has one."""
    group_sql = ", ".join(group)
    distinct = {m.group(1) for m in (_COUNT_DISTINCT.match(expr) for expr, _ in items) if m}
    if len(distinct) != 1 or not all(_COUNT_DISTINCT.match(e) or _COUNT_OR_SUM.match(e) for e, _ in items):
        columns = ", ".join(f"({expr} FILTER (WHERE {where}))::DOUBLE AS v{i}, "
                            f"count(*) FILTER (WHERE {where}) AS n{i}" for i, (expr, where) in enumerate(items))
        return f" SELECT {group_sql}, {columns} FROM _rows GROUP BY ALL"
    # Several count(DISTINCT x) FILTER in one hash aggregate are slow, and so is evaluating every
    # condition once per aggregate. Instead each row gets a bit mask with a bit per distinct
    # condition, computed once. Counts and sums are then taken per (group, mask), a handful of
    # rows per group, and summed over the masks with the condition's bit; children are counted
    # from one pass per (group, x) that ORs their rows' masks. Same figures as the plain SQL.
    (column,) = distinct
    bits: dict[str, int] = {}
    for _, where in items:
        bits.setdefault(where, len(bits))
    assert len(bits) <= MAX_CONDITIONS, "_query_plan keeps a query's conditions within one BIGINT mask"
    sums = sorted({m.group(1) for m in (_SUM.match(expr) for expr, _ in items) if m})
    mask = " | ".join(f"(CASE WHEN {where} THEN {1 << bit} ELSE 0 END)::BIGINT" for where, bit in bits.items())
    outer, counted = [], []
    for i, (expr, where) in enumerate(items):
        test = f"_mask & {1 << bits[where]} <> 0"
        outer.append(f"sum(_n) FILTER (WHERE {test}) AS n{i}")
        if _COUNT_DISTINCT.match(expr):
            counted.append(f"count(*) FILTER (WHERE {test})::DOUBLE AS v{i}")
        elif _SUM.match(expr):
            outer.append(f"sum(_s{sums.index(_SUM.match(expr).group(1))}) FILTER (WHERE {test})::DOUBLE AS v{i}")
        else:
            outer.append(f"sum(_n) FILTER (WHERE {test})::DOUBLE AS v{i}")
    sum_columns = "".join(f", sum({name}) AS _s{k}" for k, name in enumerate(sums))
    joined = " AND ".join(f"_plain.{g} IS NOT DISTINCT FROM _children.{g}" for g in group)
    distinct_items = [i for i, (e, _) in enumerate(items) if _COUNT_DISTINCT.match(e)]
    # A child whose only row in the source this is (``lone``, see Source.lone_child) has at most one row
    # per group, so is counted with the rows; only the few children with several rows are grouped by child.
    lone = lone if lone and column == "barn_id" else None
    alone = [f"sum(_n) FILTER (WHERE {lone} AND _mask & {1 << bits[items[i][1]]} <> 0)::DOUBLE AS _c{i}"
             for i in distinct_items] if lone else []
    distinct_values = ", ".join(f"coalesce(_children.v{i}, 0)" + (f" + coalesce(_plain._c{i}, 0)" if lone else "")
                                + f" AS v{i}" for i in distinct_items)
    plain = f"_plain.* EXCLUDE ({', '.join(f'_c{i}' for i in distinct_items)})" if lone else "_plain.*"
    # Only the columns used later: with SELECT * every column of the source would be computed.
    needed = ", ".join(dict.fromkeys([*group, column, *sums, *([lone] if lone else [])]))
    return (f", _flagged AS MATERIALIZED (SELECT {needed}, {mask} AS _mask FROM _rows), "
            f"_by_mask AS (SELECT {group_sql}, _mask{', ' + lone if lone else ''}, count(*) AS _n{sum_columns} "
            f"FROM _flagged GROUP BY ALL), "
            f"_plain AS (SELECT {group_sql}, {', '.join([*outer, *alone])} FROM _by_mask GROUP BY ALL), "
            f"_masks AS (SELECT {group_sql}, {column}, bit_or(_mask) AS _mask FROM _flagged "
            f"WHERE {column} IS NOT NULL{' AND NOT ' + lone if lone else ''} GROUP BY ALL), "
            f"_children AS (SELECT {group_sql}, {', '.join(counted)} FROM _masks GROUP BY ALL) "
            f"SELECT {plain}, {distinct_values} FROM _plain LEFT JOIN _children ON {joined or 'TRUE'}")


def measure_key(measure: Measure, params: dict[str, int]) -> tuple[str, str, str, str]:
    return measure.source, measure.expr, measure.where.format(**params), measure.reducer


def _shareable(measure: Measure) -> bool:
    return measure.reducer == "sql" and bool(_ONE_AGGREGATE.match(measure.expr))


@dataclass
class MeasureTable:
    """Every measure of one request, aligned on one set of keys (period and breakdown values).

    A measure on its own is ``SELECT groups, expr FROM rows WHERE where GROUP BY groups``. Here the
    plain measures on one source share the scan as ``expr FILTER (WHERE where)``, and
    ``count(*) FILTER`` tells which groups the measure on its own would have returned (those with a
    row). Each measure becomes two arrays over the table's keys: its value, and whether it has a row
    for the key, so an indicator takes its columns by position instead of merging frames.
    """
    keys: pd.DataFrame                 # one row per key, columns key_columns (and maybe others)
    key_columns: list[str]             # period, *by (, unit_name)
    period_index: np.ndarray           # position of each key's period in the computation periods
    group: np.ndarray                  # one integer per breakdown cell (keys without the period)
    order: np.ndarray                  # key positions sorted by period, then breakdown values
    values: dict[tuple, np.ndarray]
    present: dict[tuple, np.ndarray]
    gridded: bool                      # without a breakdown (or by kommune only) every period is a row

    @classmethod
    def build(cls, con: duckdb.DuckDBPyConnection, wanted: list[tuple[Measure, dict[str, int]]],
              computation: list[periods.Period], filters: Filters, by: list[str], until: date,
              kommuner: list[str]) -> "MeasureTable":
        """``wanted``: each measure with the parameters its where clause is formatted with."""
        queries = _plan(wanted, periods_sql(computation), filters, by, until)
        parts = [(con.execute(query.sql, query.params).df(), query.measures) for query in queries]
        return cls._align(parts, computation, by, kommuner)

    @classmethod
    def _align(cls, parts: list[tuple[pd.DataFrame, list[tuple[tuple, str, str | None]]]],
               computation: list[periods.Period], by: list[str], kommuner: list[str]) -> "MeasureTable":
        """One key table for all query results, and each measure as arrays over it."""
        key_columns = ["period", *by] + (["unit_name"] if "unit" in by else [])
        gridded = not by or by == ["kommune"]
        keys, codes = _grid_keys(parts, computation, by, kommuner) if gridded else (None, None)
        if keys is None:
            keys, codes = _found_keys(parts, key_columns, computation, by, kommuner, gridded)
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
        period_index = _positions_in(keys["period"], [p.label for p in computation])
        others = [k for k in key_columns if k != "period"]
        # Breakdown values in sorted order, missing last, as sort_values would put them; the same
        # codes number the breakdown cells (keys without the period).
        sorted_codes = {column: _sorted_codes(keys[column]) for column in others}
        group = _combined(list(sorted_codes.values()), count)
        order = np.lexsort([*(sorted_codes[c] for c in reversed(others)), period_index]) if count \
            else np.array([], dtype=np.int64)
        return cls(keys, key_columns, period_index, group, order, values, present, gridded)

    def column(self, measure: Measure, params: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        key = measure_key(measure, params)
        return self.values[key], self.present[key]


@dataclass(frozen=True)
class _Query:
    sql: str
    params: dict[str, object]
    measures: list[tuple[tuple, str, str | None]]   # (measure key, value column, rows column or None)


def _plan(wanted: list[tuple[Measure, dict[str, int]]], periods_cte: str, filters: Filters, by: list[str],
          until: date) -> list[_Query]:
    """The queries computing the wanted measures: the shareable ones grouped per scan, the rest alone."""
    by_scan: dict[str, list[tuple[str, str]]] = {}      # scan -> (expr, where) items
    item_keys: dict[str, list[tuple]] = {}              # scan -> the measure key of each item
    single: dict[tuple, tuple[Measure, dict[str, int]]] = {}
    for measure, params in wanted:
        key = measure_key(measure, params)
        if not _shareable(measure):
            single.setdefault(key, (measure, params))
            continue
        # Measures on sources of one relation share its scan, each restricted to its source's rows.
        source = SOURCES[measure.source]
        scan = source.relation or source.name
        where = f"({source.member}) AND ({key[2]})" if source.relation else key[2]
        items = by_scan.setdefault(scan, [])
        if (key[1], where) not in items:
            items.append((key[1], where))
            item_keys.setdefault(scan, []).append(key)
    queries = []
    for scan, all_items in by_scan.items():
        key_of = dict(zip(all_items, item_keys[scan]))
        for items in _query_plan(all_items):
            any_where = " OR ".join(f"({where})" for _, where in items)
            head, group, sql_params = _rows_sql(scan, by, periods_cte, until, filters, any_where)
            lone = next(s.lone_child for s in SOURCES.values() if (s.relation or s.name) == scan)
            queries.append(_Query(f"{head}{_together_sql(items, group, lone)}", sql_params,
                                  [(key_of[item], f"v{i}", f"n{i}") for i, item in enumerate(items)]))
    for key, (measure, params) in single.items():
        sql, sql_params = _measure_sql(measure, by, periods_cte, until, filters, params)
        queries.append(_Query(sql, sql_params, [(key, "v", None)]))
    return queries


def _grid_keys(parts, computation: list[periods.Period], by: list[str],
               kommuner: list[str]) -> tuple[pd.DataFrame | None, np.ndarray | None]:
    """Without a breakdown (or by kommune only) every period (of every municipality) is a key, in a
    grid whose positions follow from a row's period and municipality; (None, None) if a row falls
    outside the grid (then the keys are stacked as found)."""
    labels = [p.label for p in computation]
    columns = {"period": np.repeat(np.array(labels, dtype=object), max(len(kommuner), 1) if by else 1)}
    if by:
        columns["kommune"] = np.tile(np.array(kommuner, dtype=object), len(labels))
    width = len(kommuner) if by else 1
    codes = []
    for frame, _ in parts:
        code = _positions_in(frame["period"], labels) * width if len(frame) else np.zeros(0, dtype=np.int64)
        if by and len(frame):
            within = _positions_in(frame["kommune"], list(kommuner))
            code = np.where((code >= 0) & (within >= 0), code + within, -1)
        if (code < 0).any():
            return None, None
        codes.append(code)
    keys = pd.DataFrame({name: pd.array(values, dtype="str") for name, values in columns.items()})
    return keys, np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64)


def _found_keys(parts, key_columns: list[str], computation: list[periods.Period], by: list[str],
                kommuner: list[str], gridded: bool) -> tuple[pd.DataFrame, np.ndarray]:
    """The keys the queries returned (and the grid's), each once; the key of each returned row. The
    key table may hold other columns too (one query's result is its own key table)."""
    if len(parts) == 1 and len(parts[0][0]) and not gridded:
        # One query's groups: each key once already (GROUP BY), so a key is its row.
        return parts[0][0], np.arange(len(parts[0][0]), dtype=np.int64)
    # Empty results are left out of the stack: their object columns would turn its strings into objects.
    # The key columns as they are (a column selection would copy them).
    frames = [pd.DataFrame({column: frame[column] for column in key_columns}, copy=False)
              for frame, _ in parts if len(frame)]
    if gridded:
        labels = [p.label for p in computation]
        frames.append(pd.MultiIndex.from_product([labels, kommuner] if by else [labels],
                                                 names=key_columns).to_frame(index=False))
    stacked = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=key_columns)
    codes = _codes(stacked, key_columns)
    # The first row of each key (codes number keys in order of first appearance).
    first = np.unique(codes, return_index=True)[1]
    return stacked.iloc[first].reset_index(drop=True), codes


def _arrow(column: pd.Series) -> pa.Array:
    """The column as one Arrow array (no copy for the Arrow-backed text DuckDB returns); missing as null."""
    data = pa.array(column, from_pandas=True)
    data = data.combine_chunks() if isinstance(data, pa.ChunkedArray) else data
    # An empty or all-missing column of objects comes as Arrow's null type: text without values.
    return data.cast(pa.string()) if pa.types.is_null(data.type) else data


def _positions_in(column: pd.Series, labels: list[str]) -> np.ndarray:
    """Each value's position in ``labels`` (-1: not there)."""
    data = _arrow(column)
    found = pc.index_in(data, value_set=pa.array(labels, type=data.type))
    return pc.fill_null(found, -1).to_numpy().astype(np.int64)


def _sorted_codes(column: pd.Series) -> np.ndarray:
    """Each value's rank among the column's distinct values, missing last, as sort_values would put
    them. Arrow's hashing and sorting: a request's key columns are text, where pandas is slower."""
    encoded = pc.dictionary_encode(_arrow(column))
    count = len(encoded.dictionary)
    rank = np.empty(count + 1, dtype=np.int64)
    rank[pc.array_sort_indices(encoded.dictionary).to_numpy()] = np.arange(count)
    rank[count] = count
    return rank[pc.fill_null(encoded.indices, count).to_numpy().astype(np.int64)]


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
    return [chunk for query in queries for chunk in _within_mask(query)] + ([other] if other else [])


def _within_mask(items: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Items split so no query has more distinct conditions than fit in its bit mask."""
    chunks: list[list[tuple[str, str]]] = [[]]
    conditions: set[str] = set()
    for item in items:
        if item[1] not in conditions and len(conditions) == MAX_CONDITIONS:
            chunks.append([])
            conditions = set()
        chunks[-1].append(item)
        conditions.add(item[1])
    return chunks


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


def _combined(codes: list[np.ndarray], size: int) -> np.ndarray:
    """One integer per distinct combination of per-column codes (each 0 ... n), numbered from 0;
    ``size`` rows (all 0 without columns)."""
    combined = np.zeros(size, dtype=np.int64)
    for code in codes:
        combined = combined * (int(code.max(initial=0)) + 1) + code
    return combined if len(codes) == 1 else pd.factorize(combined)[0].astype(np.int64)


def _codes(table: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer per distinct combination of the columns (missing values as a value of their own)."""
    return _combined([pd.factorize(table[column], use_na_sentinel=False)[0].astype(np.int64) for column in columns],
                     len(table))
