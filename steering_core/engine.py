"""Computes any catalogue indicator for a period range, filters and breakdown.

The engine turns a catalogue entry into SQL: each measure is aggregated over
its source by period and the requested breakdown, the measures are joined,
divided and scaled, small counts are suppressed, and the change against the
previous period and the same period a year before is attached.
"""
from __future__ import annotations

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
        shared = _shared_measures(con, indicators, wanted, request, keyed, until)
        frames = [_compute_one(con, ind, wanted, request, keyed, until, kommuner, shared) for ind in indicators]
    result = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=RESULT_COLUMNS)
    return result


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
    rows = ", ".join(
        f"('{p.label}', DATE '{p.start}', DATE '{p.end}', {p.months}, {p.start.year})" for p in computation)
    first, last = min(p.start for p in computation), max(p.end for p in computation)
    return f"""
        _periods AS (SELECT * FROM (VALUES {rows}) AS t(period, p_start, p_end, months, yr)),
        _months AS (SELECT m_start::DATE AS m_start,
                           (m_start + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS m_end
                    FROM range(DATE '{first}', DATE '{last}' + INTERVAL 1 DAY, INTERVAL 1 MONTH) AS r(m_start))"""


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
    """SELECT computing every (expr, where) per group as v<i>, with n<i> = rows matching where."""
    group_sql = ", ".join(group)
    distinct = {m.group(1) for m in (_COUNT_DISTINCT.match(expr) for expr, _ in items) if m}
    if len(distinct) != 1 or not all(_COUNT_DISTINCT.match(e) or _COUNT_OR_SUM.match(e) for e, _ in items):
        columns = ", ".join(f"({expr} FILTER (WHERE {where}))::DOUBLE AS v{i}, "
                            f"count(*) FILTER (WHERE {where}) AS n{i}" for i, (expr, where) in enumerate(items))
        return f"SELECT {group_sql}, {columns} FROM _rows GROUP BY ALL"
    # Several count(DISTINCT x) FILTER in one hash aggregate are slow; one pass per (group, x)
    # first, then a plain count, is several times faster and gives the same figures.
    (column,) = distinct
    inner, outer = [], []
    for i, (expr, where) in enumerate(items):
        inner.append(f"count(*) FILTER (WHERE {where}) AS n{i}")
        outer.append(f"sum(n{i}) AS n{i}")
        if _COUNT_DISTINCT.match(expr):
            inner.append(f"bool_or({where}) AS f{i}")
            outer.append(f"count({column}) FILTER (WHERE f{i})::DOUBLE AS v{i}")
        elif expr.strip().lower().startswith("count"):
            outer.append(f"sum(n{i})::DOUBLE AS v{i}")
        else:
            inner.append(f"{expr} FILTER (WHERE {where}) AS s{i}")
            outer.append(f"sum(s{i})::DOUBLE AS v{i}")
    return (f"SELECT {group_sql}, {', '.join(outer)} FROM (SELECT {group_sql}, {column}, {', '.join(inner)} "
            f"FROM _rows GROUP BY ALL) GROUP BY ALL")


def _shared_measures(con, indicators: list[Indicator], wanted: list[periods.Period], request: Request,
                     by: list[str], until: date) -> dict[tuple[str, str, str], pd.DataFrame]:
    """Every plain measure of the request, computed with one query per source.

    A measure on its own is ``SELECT groups, expr FROM rows WHERE where GROUP BY groups``; here the
    measures on one source share the scan as ``expr FILTER (WHERE where)``, and ``count(*) FILTER``
    tells which groups the measure on its own would have returned (those with a row), so the
    frames are the same as :func:`_measure` gives. Keyed by (source, expr, where with parameters).
    """
    computation = _computation_periods(wanted, request.grain, until)
    if not computation:
        return {}
    by_source: dict[str, list[tuple[str, str]]] = {}
    for indicator in indicators:
        params = _parameters(indicator, request)
        for measure in (indicator.numerator, indicator.denominator, *indicator.basis):
            if measure is None or measure.reducer != "sql" or not _ONE_AGGREGATE.match(measure.expr):
                continue
            items = by_source.setdefault(measure.source, [])
            if (measure.expr, measure.where.format(**params)) not in items:
                items.append((measure.expr, measure.where.format(**params)))
    periods_cte = _periods_sql(computation)
    shared = {}
    for source_name, all_items in by_source.items():
        for items in _query_plan(all_items):
            any_where = " OR ".join(f"({where})" for _, where in items)
            head, group, sql_params = _rows_sql(source_name, by, periods_cte, until, request.filters, any_where)
            frame = con.execute(f"{head} {_together_sql(items, group)}", sql_params).df()
            for i, (expr, where) in enumerate(items):
                part = frame.loc[frame[f"n{i}"] > 0, [*group, f"v{i}"]]
                shared[(source_name, expr, where)] = part.rename(columns={f"v{i}": "v"}).reset_index(drop=True)
    return shared


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


def _measure(con, measure: Measure, by: list[str], periods_cte: str, until: date,
             filters: Filters, params: dict[str, int]) -> pd.DataFrame:
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
    return con.execute(sql, sql_params).df()


def _compute_one(con, indicator: Indicator, wanted: list[periods.Period], request: Request,
                 by: list[str], until: date, kommuner: list[str] = (),
                 shared: dict[tuple[str, str, str], pd.DataFrame] | None = None) -> pd.DataFrame:
    computation = _computation_periods(wanted, request.grain, until)
    keys = ["period", *by] + (["unit_name"] if "unit" in by else [])
    if not computation:
        return _empty(indicator, keys)
    periods_cte = _periods_sql(computation)

    params = _parameters(indicator, request)

    def measured(measure: Measure, name: str) -> pd.DataFrame:
        frame = (shared or {}).get((measure.source, measure.expr, measure.where.format(**params)))
        if frame is None or measure.reducer != "sql":
            frame = _measure(con, measure, by, periods_cte, until, request.filters, params)
        return frame.rename(columns={"v": name})

    table = measured(indicator.numerator, "numerator")
    if indicator.denominator:
        table = table.merge(measured(indicator.denominator, "denominator"), on=keys, how="outer")
    else:
        table["denominator"] = np.nan
    if not by:
        # Without a breakdown every period gets a row, also one with nothing registered.
        grid = pd.DataFrame({"period": [p.label for p in computation]})
        table = grid.merge(table, on="period", how="left")
    elif by == ["kommune"]:
        grid = pd.MultiIndex.from_product([[p.label for p in computation], kommuner],
                                          names=["period", "kommune"]).to_frame(index=False)
        table = grid.merge(table, on=["period", "kommune"], how="left")
    def same(a: Measure, b: Measure | None) -> bool:
        return b is not None and (a.source, a.expr, a.where.format(**params), a.reducer) == \
            (b.source, b.expr, b.where.format(**params), b.reducer)

    for position, basis in enumerate(indicator.basis):
        # A basis that is the numerator or denominator itself: the left merge would bring back
        # that very column (the measure's frame has one row per key), so copy it instead.
        copied = next((column for column, measure in (("numerator", indicator.numerator),
                                                       ("denominator", indicator.denominator))
                       if same(basis, measure)), None)
        if copied is not None:
            table[f"basis_{position}"] = table[copied]
        else:
            table = table.merge(measured(basis, f"basis_{position}"), on=keys, how="left")
    if table.empty:
        return _empty(indicator, keys)

    # Periods as integer positions in ``computation``: label lookups become array indexing.
    labels = [p.label for p in computation]
    pidx = pd.Index(labels).get_indexer(table["period"])
    value = table["numerator"].astype(float)
    if indicator.denominator:
        denominator = table["denominator"].astype(float)
        value = value.where(denominator > 0) / denominator.where(denominator > 0)
    value = value * indicator.scale
    if indicator.annualise:
        months = np.array([float(p.months) for p in computation])
        value = value * 12 / pd.Series(months[pidx], index=table.index)
    table["value"] = value

    min_cell = request.min_cell or config.min_cell_size()
    basis_columns = [c for c in table.columns if c.startswith("basis_")]
    small = np.zeros(len(table), dtype=bool)
    for column in basis_columns:
        small |= (table[column].fillna(0) < min_cell).to_numpy(dtype=bool)
    table["suppressed"] = small
    if [b for b in by if b != "kommune"] and basis_columns:
        table["suppressed"] = _complementary(table, basis_columns, by, pidx)
    if indicator.lag_months:
        # A cohort not yet followed for its whole window has no figure, and nothing to hide.
        unfinished = np.array([(pd.Timestamp(p.end) + pd.DateOffset(months=indicator.lag_months)).date() > until
                               for p in computation])
        mask = unfinished[pidx]
        if mask.any():
            table.loc[mask, ["value", "numerator", "denominator", "suppressed"]] = [np.nan, np.nan, np.nan, False]
    shown = ~table["suppressed"].astype(bool)
    for column in ("value", "numerator", "denominator"):
        table[column] = table[column].astype(float).where(shown)
    # The basis columns (and _order below) are left out by the final column selection.

    table = _attach_changes(table, wanted, request.grain, keys, pidx, labels)
    wanted_position = {p.label: i for i, p in enumerate(wanted)}
    order = np.array([wanted_position.get(label, -1) for label in labels], dtype=np.int64)[pidx]
    keep = order >= 0
    table = table[keep]
    table.insert(0, "indicator", indicator.id)
    table["_order"] = order[keep]
    table = table.sort_values(["_order", *[k for k in keys if k != "period"]])
    columns = ["indicator", "period", *[k for k in keys if k != "period"], *RESULT_COLUMNS[2:]]
    return table[columns].reset_index(drop=True)


def _codes(table: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One integer per distinct combination of the columns (missing values as a value of their own)."""
    combined = np.zeros(len(table), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(table[column], use_na_sentinel=False)
        combined = combined * (len(uniques) + 1) + codes.astype(np.int64)
    if columns and len(columns) > 1:
        combined = pd.factorize(combined)[0].astype(np.int64)
    return combined


def _complementary(table: pd.DataFrame, basis_columns: list[str], by: list[str],
                   pidx: np.ndarray | None = None) -> pd.Series:
    """Suppress a second cell where one hidden cell could be recomputed from the total."""
    suppressed = table["suppressed"].astype(bool)
    smallest_basis = table[basis_columns].min(axis=1).fillna(0)
    # Each municipality's total is known on its own, so cells are protected within it.
    if pidx is None:
        pidx = pd.factorize(table["period"])[0]
    group = np.asarray(pidx, dtype=np.int64)
    if "kommune" in by:
        kommune = pd.factorize(table["kommune"], use_na_sentinel=False)[0].astype(np.int64)
        group = group * (int(kommune.max(initial=0)) + 1) + kommune
    group = pd.factorize(group)[0]
    hidden = np.bincount(group, weights=suppressed.to_numpy(dtype=np.float64))[group]
    size = np.bincount(group)[group]
    # In a group with exactly one hidden cell, also hide the visible cell with the smallest basis,
    # vectorised: one pass however many groups there are. A tie goes to the first cell in breakdown
    # order, so the choice never depends on the order the database happened to return rows in.
    eligible = (hidden == 1) & (size > 1) & ~suppressed.to_numpy()
    if not eligible.any():
        return suppressed
    candidates = table.loc[eligible, list(by)].assign(_group=group[eligible], _basis=smallest_basis[eligible])
    chosen = candidates.sort_values(["_group", "_basis", *by]).drop_duplicates("_group").index
    suppressed = suppressed.copy()
    suppressed.loc[chosen] = True
    return suppressed


def _attach_changes(table: pd.DataFrame, wanted: list[periods.Period], grain: str,
                    keys: list[str], pidx: np.ndarray, labels: list[str]) -> pd.DataFrame:
    """The previous period's and the year-before's value of the same breakdown cell, and the changes.

    Cells are looked up by an integer code (breakdown group × period) rather than by merging on
    the key columns: the same result, without two string merges per indicator.
    """
    partner_keys = [k for k in keys if k != "period"]
    result = table  # a frame of _compute_one's own (copy-on-write): filled in place
    group = _codes(table, partner_keys)
    position = {label: i for i, label in enumerate(labels)}
    width = len(labels) + 1
    pidx = np.asarray(pidx, dtype=np.int64)
    codes = group * width + pidx
    lookup = pd.Series(table["value"].to_numpy(dtype=float), index=codes)
    lookup = lookup[~lookup.index.duplicated()]
    wanted_labels = {p.label: p for p in wanted}
    for label_fn, value_col, change_col in ((periods.previous, "prev_value", "change_prev"),
                                            (periods.year_before, "year_ago_value", "change_year")):
        partner = np.array([position.get(label_fn(wanted_labels[label], grain), -1) if label in wanted_labels
                            else -1 for label in labels] + [-1], dtype=np.int64)
        there = partner[pidx]
        wanted_codes = np.where(there >= 0, group * width + there, -1)
        result[value_col] = lookup.reindex(wanted_codes).to_numpy(dtype=float)
        result[change_col] = result["value"] - result[value_col]
    return result


def _empty(indicator: Indicator, keys: list[str]) -> pd.DataFrame:
    columns = ["indicator", "period", *[k for k in keys if k != "period"], *RESULT_COLUMNS[2:]]
    return pd.DataFrame(columns=columns)


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
