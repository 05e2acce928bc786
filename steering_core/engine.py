"""Computes any catalogue indicator for a period range, filters and breakdown.

The engine turns a catalogue entry into SQL: each measure is aggregated over
its source by period and the requested breakdown, the measures are joined,
divided and scaled, small counts are suppressed, and the change against the
previous period and the same period a year before is attached.
"""
from __future__ import annotations

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
              "indsatstype": "intervention_type", "maal_opfyldt": "goal"}
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
        frames = [_compute_one(con, ind, wanted, request, keyed, until, kommuner) for ind in indicators]
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


def _measure(con, measure: Measure, by: list[str], periods_cte: str, until: date,
             filters: Filters, params: dict[str, int]) -> pd.DataFrame:
    source = SOURCES[measure.source]
    usable_filters = Filters(
        kommune=filters.kommune,
        **{name: getattr(filters, name) for name in ("distrikter", "enheder", "sektorer")
           if FILTER_COLUMNS[name] in source.dimensions})
    where, sql_params = _filter_sql(usable_filters)
    group = ["period", *by]
    if "unit" in by:
        group.append("unit_name")
    group_sql = ", ".join(group)
    head = f"WITH {periods_cte}, _limits AS (SELECT DATE '{until}' AS data_until), " \
           f"_rows AS (SELECT * FROM ({source.sql}) s WHERE {where} AND ({measure.where.format(**params)}))"
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
            SELECT {group_sql}, min(t) FILTER (WHERE s <= 0.5)::DOUBLE AS v FROM _surv GROUP BY ALL"""
    else:
        sql = f"{head} SELECT {group_sql}, ({measure.expr})::DOUBLE AS v FROM _rows GROUP BY ALL"
    return con.execute(sql, sql_params).df()


def _compute_one(con, indicator: Indicator, wanted: list[periods.Period], request: Request,
                 by: list[str], until: date, kommuner: list[str] = ()) -> pd.DataFrame:
    computation = _computation_periods(wanted, request.grain, until)
    keys = ["period", *by] + (["unit_name"] if "unit" in by else [])
    if not computation:
        return _empty(indicator, keys)
    periods_cte = _periods_sql(computation)

    # Only whole numbers reach the SQL text, so a parameter cannot inject anything.
    defaults = dict(indicator.parameters)
    params = {**defaults, **{k: int(v) for k, v in request.params if k in defaults}}

    def measured(measure: Measure, name: str) -> pd.DataFrame:
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
    for position, basis in enumerate(indicator.basis):
        table = table.merge(measured(basis, f"basis_{position}"), on=keys, how="left")
    if table.empty:
        return _empty(indicator, keys)

    months = {p.label: p.months for p in computation}
    value = table["numerator"].astype(float)
    if indicator.denominator:
        denominator = table["denominator"].astype(float)
        value = value.where(denominator > 0) / denominator.where(denominator > 0)
    value = value * indicator.scale
    if indicator.annualise:
        value = value * 12 / table["period"].map(months).astype(float)
    table["value"] = value

    min_cell = request.min_cell or config.min_cell_size()
    basis_columns = [c for c in table.columns if c.startswith("basis_")]
    small = pd.Series(False, index=table.index)
    for column in basis_columns:
        small |= table[column].fillna(0) < min_cell
    table["suppressed"] = small
    if [b for b in by if b != "kommune"] and basis_columns:
        table["suppressed"] = _complementary(table, basis_columns, by)
    if indicator.lag_months:
        # A cohort not yet followed for its whole window has no figure, and nothing to hide.
        unfinished = {p.label for p in computation
                      if (pd.Timestamp(p.end) + pd.DateOffset(months=indicator.lag_months)).date() > until}
        table.loc[table["period"].isin(unfinished), ["value", "numerator", "denominator", "suppressed"]] = [
            np.nan, np.nan, np.nan, False]
    for column in ("value", "numerator", "denominator"):
        table[column] = table[column].astype(float).where(~table["suppressed"].astype(bool))
    table = table.drop(columns=basis_columns)

    table = _attach_changes(table, wanted, request.grain, keys)
    table = table[table["period"].isin([p.label for p in wanted])]
    table.insert(0, "indicator", indicator.id)
    order = [p.label for p in wanted]
    table["_order"] = table["period"].map(order.index)
    table = table.sort_values(["_order", *[k for k in keys if k != "period"]]).drop(columns="_order")
    columns = ["indicator", "period", *[k for k in keys if k != "period"], *RESULT_COLUMNS[2:]]
    return table[columns].reset_index(drop=True)


def _complementary(table: pd.DataFrame, basis_columns: list[str], by: list[str]) -> pd.Series:
    """Suppress a second cell where one hidden cell could be recomputed from the total."""
    suppressed = table["suppressed"].copy()
    smallest_basis = table[basis_columns].min(axis=1).fillna(0)
    # Each municipality's total is known on its own, so cells are protected within it.
    for _, index in table.groupby(["period", *(["kommune"] if "kommune" in by else [])]).groups.items():
        hidden = suppressed.loc[index]
        if hidden.sum() == 1 and len(index) > 1:
            candidates = smallest_basis.loc[index][~hidden]
            suppressed.loc[candidates.idxmin()] = True
    return suppressed


def _attach_changes(table: pd.DataFrame, wanted: list[periods.Period], grain: str,
                    keys: list[str]) -> pd.DataFrame:
    partner_keys = [k for k in keys if k != "period"]
    lookup = table[["period", *partner_keys, "value"]]
    result = table.copy()
    for label_fn, value_col, change_col in ((periods.previous, "prev_value", "change_prev"),
                                            (periods.year_before, "year_ago_value", "change_year")):
        partner = {p.label: label_fn(p, grain) for p in wanted}
        result["_partner"] = result["period"].map(partner)
        merged = result.merge(
            lookup.rename(columns={"period": "_partner", "value": value_col}),
            on=["_partner", *partner_keys], how="left")
        merged[change_col] = merged["value"] - merged[value_col]
        result = merged.drop(columns="_partner")
    return result


def _empty(indicator: Indicator, keys: list[str]) -> pd.DataFrame:
    columns = ["indicator", "period", *[k for k in keys if k != "period"], *RESULT_COLUMNS[2:]]
    return pd.DataFrame(columns=columns)


def default_range(store: Store, kommune: str | None = None) -> tuple[str, str] | None:
    """The last eight quarters up to the data cut-off."""
    with store.connect(read_only=True) as con:
        until = data_until(con, kommune)
    if until is None:
        return None
    last = periods.quarter_of(until)
    return periods.shift_quarters(last, -7).label, last.label


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


def districts(store: Store) -> list[str]:
    with store.connect(read_only=True) as con:
        return [row[0] for row in con.execute("SELECT DISTINCT distrikt FROM enhed ORDER BY 1").fetchall()]


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
