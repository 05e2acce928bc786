"""Computes any catalogue indicator for a period range, filters and breakdown.

The engine asks ``measures`` for every numerator, denominator and basis count of
the requested indicators (aggregated over their sources by period and breakdown),
then per indicator divides and scales, suppresses small counts, and attaches the
change against the previous period and the same period a year before.
"""
from __future__ import annotations

import atexit
import functools
import re
import threading
from dataclasses import dataclass, field, replace
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from steering_core import catalogue, config, dimensions, disclosure, periods, protection, status
from steering_core.catalogue import Indicator, Measure
from steering_core.measures import FILTER_COLUMNS, Filters, MeasureTable, filter_sql, measure_key, periods_sql
from steering_core.sources import SOURCES, courses_kept, prepare
from steering_core.store import Store
from steering_core.texts import t
from steering_core.upload import contract

# Breakdown names as users and the CLI say them -> source columns and output keys.
BREAKDOWNS = {d.name: d.key for d in dimensions.DIMENSIONS}
GRAIN_BREAKDOWNS = {"kvartal": "kvartal", "aar": "aar"}

RESULT_COLUMNS = ["indicator", "period", "value", "numerator", "denominator", "suppressed",
                  "prev_value", "change_prev", "year_ago_value", "change_year", "status"]


# An aggregate that is 0 over no rows (count(*), count(DISTINCT x), sum(x)).
_COUNT_OR_SUM = re.compile(r"^\s*(?:count|sum)\s*\(", re.IGNORECASE)


class EngineError(ValueError):
    """A request the engine cannot answer, explained in Danish."""


class NoData(EngineError):
    pass


class NotOffered(EngineError):
    """A span, filter set, breakdown or parameter outside the publication grid: it cannot be
    protected (docs/DISCLOSURE.md), so it is not offered."""


class NotForFilter(EngineError):
    """The indicator does not exist at the chosen level (e.g. a rate per 1.000 residents for one unit)."""

    def __init__(self, message: str, level: str):
        super().__init__(message)
        self.level = level          # the filtered column: district, unit or sector


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


# Tables whose rows are dated activity, with the columns giving a row's first and last day and which
# rows count (declared per sheet: contract.SheetSpec.dated_by). Finance and key-figure rows count only
# when they cover at most a quarter: a yearly row (a budget, a yearly key figure) ends on 31-12, which
# says nothing about how far the data reaches.
_DATED = {spec.table: spec.dated for spec in contract.DATED}

# Registers list every running row in each upload, so their data reach the cut-off.
_REGISTERS = tuple(spec.table for spec in contract.DATED if spec.register)


def data_spans(con: duckdb.DuckDBPyConnection, kommune: str | None = None) -> dict[str, tuple[date, date] | None]:
    """Per table, the first and the newest day of dated activity (None: no dated rows).

    Activity dated after the current quarter has not happened: a mistyped year (a measurement "in
    2150", warned about at upload) would otherwise move every figure's cut-off into the future and
    show empty quarters as news. Such rows fall outside every period shown."""
    where = "AND kommune = $k" if kommune else ""
    parts = " UNION ALL ".join(f"SELECT '{table}', min({first}), max({last}) FROM {table} "
                               f"WHERE {rows} AND {last} <= $latest {where}"
                               for table, (first, last, rows) in _DATED.items())
    params = {"latest": periods.quarter_of(date.today()).end, **({"k": kommune} if kommune else {})}
    found = {row[0]: row[1:] for row in con.execute(parts, params).fetchall()}
    return {table: (found[table] if found.get(table, (None,))[0] is not None else None) for table in _DATED}


def data_until(con: duckdb.DuckDBPyConnection, kommune: str | None = None) -> date | None:
    """End of the quarter holding the newest dated activity of any table: the data cut-off."""
    return _cut_off(data_spans(con, kommune))


def _cut_off(spans: dict[str, tuple[date, date] | None]) -> date | None:
    newest = [span[1] for span in spans.values() if span]
    return None if not newest else periods.quarter_of(max(newest)).end


def cutoffs(store: Store, kommune: str | None = None) -> dict[str, date | None]:
    """The newest day of dated activity per table, for showing how far each source reaches."""
    with store.reading() as con:
        return {table: span[1] if span else None for table, span in data_spans(con, kommune).items()}


# What a request learns about the stored data before it measures anything (how far each table
# reaches, the municipalities, the grid's first quarter): the same for every request until the data
# change, so kept per version of the file (and per current quarter, which bounds the spans).
_ABOUT_DATA: dict[tuple, "_AboutData"] = {}
_ABOUT_DATA_LIMIT = 512


@dataclass(frozen=True)
class _AboutData:
    spans: dict[str, tuple[date, date] | None]          # of the request's municipality (all without a filter)
    until_all: date | None                              # the data cut-off over every municipality
    kommuner: tuple[str, ...]
    grid_start: periods.Period | None
    courses_kept: bool

    @classmethod
    def of(cls, store: Store, con: duckdb.DuckDBPyConnection, stamp: str, kommune: str | None) -> "_AboutData":
        if store.writing_here():
            return cls.find(con, kommune)        # rows not yet committed: nothing to keep
        key = (stamp, kommune, periods.quarter_of(date.today()).label)
        found = _ABOUT_DATA.get(key)
        if found is None:
            if len(_ABOUT_DATA) >= _ABOUT_DATA_LIMIT:
                _ABOUT_DATA.clear()
            found = _ABOUT_DATA[key] = cls.find(con, kommune)
        return found

    @classmethod
    def find(cls, con: duckdb.DuckDBPyConnection, kommune: str | None) -> "_AboutData":
        spans = data_spans(con, kommune)
        return cls(spans, _cut_off(spans if kommune is None else data_spans(con)), tuple(_kommuner(con)),
                   _grid_start(con), courses_kept(con))


def compute(store: Store, indicator_ids: list[str] | None = None, request: Request = Request()) -> pd.DataFrame:
    """One row per indicator × period × breakdown value (see RESULT_COLUMNS)."""
    indicators = [catalogue.get(i) for i in (indicator_ids or list(catalogue.BY_ID))]
    by = _breakdown_columns(request.by)
    for indicator in indicators:
        _check_supported(indicator, by, request.filters)
    min_cell = _min_cell(request)
    _check_offered(indicators, request, by)
    stamp = store.version_stamp()
    kept = protection.protection_for(stamp, min_cell, protection.Saved.beside(store.path))
    with store.reading() as con:
        about = _AboutData.of(store, con, stamp, request.filters.kommune)
        spans = about.spans
        until = _cut_off(spans)
        if until is None:
            raise NoData(t("engine.no_data"))
        # The course register tells which courses run at any day up to the cut-off, not only when
        # they started: it has data from its first start to the cut-off.
        spans = {table: (span[0], until) if span and table in _REGISTERS else span for table, span in spans.items()}
        wanted = _requested_periods(request, until, offered_only=not all(map(disclosure.is_exempt, indicators)),
                                    windows={i.window_quarters for i in indicators})
        all_kommuner = list(about.kommuner)
        grid = _Grid(con, kept, about.until_all, about.grid_start, all_kommuner, request, by)
        # Several municipalities in one database (benchmarks): without a kommune filter every
        # figure is per municipality, so equal district or unit names never merge across them.
        kommuner = [] if request.filters.kommune else all_kommuner
        keyed = ["kommune", *by] if len(kommuner) > 1 else by
        keys = ["period", *keyed] + (["unit_name"] if "unit" in keyed else [])
        columns = ["indicator", "period", *[k for k in keys if k != "period"], *RESULT_COLUMNS[2:]]
        # Indicators with a rolling window are measured over other date spans, so apart.
        by_window: dict[int, list[Indicator]] = {}
        for indicator in indicators:
            by_window.setdefault(indicator.window_quarters if request.grain == "kvartal" else 1, []).append(indicator)
        frames = []
        for window, group in by_window.items():
            computation = [_rolling(p, window) for p in _computation_periods(wanted, request.grain, until)]
            if computation:
                wanted_measures = _measures_of(group, request)
                prepare(con, {measure.source for measure, _ in wanted_measures}, about.courses_kept)
                measures = MeasureTable.build(con, wanted_measures, computation, request.filters,
                                              keyed, until, kommuner)
                computed = [(indicator.id, _compute_one(measures, indicator, wanted, computation, request, until,
                                                        grid,
                                                        _without_data(measures, indicator, computation, spans, window)))
                            for indicator in group]
                frames.append(_result_frame(measures, computed, columns))
    # An empty frame would turn the others' columns into objects when joined to them.
    frames = [frame for frame in frames if len(frame)] or frames[:1]
    if len(frames) > 1:
        # Back in the order the indicators were asked for; a stable sort keeps each one's row order.
        position = {indicator.id: n for n, indicator in enumerate(indicators)}
        result = pd.concat(frames, ignore_index=True)
        codes, names = pd.factorize(result["indicator"])
        order = np.argsort(np.array([position[name] for name in names], dtype=np.int64)[codes], kind="stable")
        return result.iloc[order].reset_index(drop=True)
    return frames[0] if frames else pd.DataFrame(columns=columns)


def _measures_of(indicators: list[Indicator], request: Request) -> list[tuple[Measure, dict[str, int]]]:
    return [(measure, _parameters(indicator, request)) for indicator in indicators
            for measure in (indicator.numerator, indicator.denominator, indicator.uncovered, *indicator.basis,
                            *_presence(indicator))
            if measure is not None]


def _presence(indicator: Indicator) -> list[Measure]:
    """Counts of all rows of the indicator's sources where they tell whether data exist for a cell:
    of a reported source (population, finance, key figures) where nothing reported means no data
    (see _without_data), and of an event source divided by a reported one, so that a district with
    meetings but no population gets a row saying so."""
    numerator, denominator = indicator.numerator, indicator.denominator
    counts = [Measure(m.source, "count(*)") for m in (numerator, denominator)
              if m is not None and SOURCES[m.source].reported]
    if denominator is not None and SOURCES[denominator.source].reported and not SOURCES[numerator.source].reported:
        counts.append(Measure(numerator.source, "count(*)"))
    return counts


def _without_data(measures: MeasureTable, indicator: Indicator, computation: list[periods.Period],
                  spans: dict[str, tuple[date, date] | None], window: int) -> np.ndarray:
    """Per key of ``measures``: whether no data was uploaded for it. An event source (meetings,
    courses) has data for the quarters from its first to its newest dated row, and a rolling
    window has it only when the whole window lies within them (a partial window is not shown); a
    reported source has data where it has a row."""
    missing = np.zeros(len(measures.keys), dtype=bool)
    for measure in (indicator.numerator, indicator.denominator):
        source = SOURCES[measure.source] if measure is not None else None
        if source is None:
            continue
        if source.reported:
            missing |= ~measures.column(Measure(source.name, "count(*)"), {})[1]
        elif source.events_in:
            span = spans.get(source.events_in)
            if span is None:
                missing[:] = True
                continue
            first, last = periods.quarter_of(span[0]).start, periods.quarter_of(span[1]).end
            outside = np.array([p.end < first or p.start > last or (window > 1 and p.start < first)
                                for p in computation], dtype=bool)
            missing |= outside[measures.period_index]
    return missing


def _rolling(period: periods.Period, window: int) -> periods.Period:
    """The period widened to start ``window`` - 1 quarters earlier, under its own label."""
    if window <= 1:
        return period
    start = periods.shift_quarters(periods.quarter_of(period.start), -(window - 1)).start
    return periods.Period(start, period.end, period.label)


def _result_frame(measures: MeasureTable, computed: list[tuple[str, dict[str, np.ndarray] | None]],
                  columns: list[str]) -> pd.DataFrame:
    """One frame for the indicators of one measure table: the key columns are taken in one go."""
    computed = [(indicator_id, arrays) for indicator_id, arrays in computed if arrays is not None]
    if not computed:
        return pd.DataFrame(columns=columns)
    rows = np.concatenate([arrays["row"] for _, arrays in computed])
    # Built from arrays in one go: the key columns keep their types (taken by position), and no
    # index is aligned or column inserted one at a time.
    data = {"indicator": np.repeat([i for i, _ in computed], [len(a["row"]) for _, a in computed]),
            **{column: measures.keys[column].array.take(rows) for column in measures.key_columns},
            **{column: np.concatenate([arrays[column] for _, arrays in computed]) for column in RESULT_COLUMNS[2:]}}
    return pd.DataFrame({column: data[column] for column in columns})


def _kommuner(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The municipalities any sheet's rows belong to."""
    tables = " UNION ".join(f"SELECT kommune FROM {spec.table}" for spec in contract.SHEETS)
    return [row[0] for row in con.execute(f"{tables} ORDER BY 1").fetchall()]


def _breakdown_columns(by: tuple[str, ...]) -> list[str]:
    columns = []
    for name in by:
        if name in GRAIN_BREAKDOWNS:
            continue  # a time breakdown is the grain itself
        if name not in BREAKDOWNS:
            raise EngineError(t("engine.unknown_breakdown", name=name,
                                 known=", ".join([*BREAKDOWNS, *GRAIN_BREAKDOWNS])))
        columns.append(BREAKDOWNS[name])
    return columns


def supports(indicator: Indicator, request: Request) -> bool:
    """Whether the indicator exists for the request's breakdown and filters."""
    return why_not(indicator, request) is None


def why_not(indicator: Indicator, request: Request) -> str | None:
    """Why the indicator does not exist for the request's breakdown and filters; None when it does."""
    try:
        _check_supported(indicator, _breakdown_columns(request.by), request.filters)
    except NotForFilter as exc:
        return str(exc)
    except EngineError as exc:
        if request.by and not set(request.by) - set(BREAKDOWNS) - set(GRAIN_BREAKDOWNS):
            return str(exc)
        raise
    return None


def _check_supported(indicator: Indicator, by: list[str], filters: Filters) -> None:
    allowed = set(indicator.breakdowns)
    for column in by:
        if column not in allowed:
            raise EngineError(t("engine.no_breakdown", indicator=indicator.name(config.language()),
                                 dimension=_dimension_name(column)))
    for name in (d.filter for d in dimensions.FILTERED):
        column = FILTER_COLUMNS[name]
        if getattr(filters, name) and column not in _filterable(indicator):
            raise NotForFilter(t("engine.not_for_filter", indicator=indicator.name(config.language()),
                                  dimension=_dimension_name(column)), column)


def _filterable(indicator: Indicator) -> set[str]:
    dims = set(SOURCES[indicator.numerator.source].dimensions)
    if indicator.denominator:
        den_dims = set(SOURCES[indicator.denominator.source].dimensions)
        # A population denominator has only districts; filtering it by unit or
        # sector would divide a part by the whole.
        dims &= den_dims
    return dims


def _dimension_name(column: str) -> str:
    return dimensions.BY_KEY[column].title(config.language())


def published_year(store: Store, request: Request) -> Request:
    """The request over the calendar year of its last quarter, up to the data cut-off: the span the
    product shows figures over a whole period for (docs/DISCLOSURE.md). A year the data do not yet
    cover ends at the cut-off's quarter ("2026K1-2026K3"), so that it is named for what it holds:
    the same cells as the whole year, which the engine clips at the cut-off."""
    year = periods.parse_period(request.last).end.year if request.last else None
    if year is None:
        return replace(request, grain="samlet")
    last = periods.quarter(year, 4)
    until = data_cut_off(store, request.filters.kommune)
    if until is not None and periods.quarter(year, 1).end <= until < last.end:
        last = periods.quarter_of(until)
    return replace(request, first=f"{year}K1", last=last.label, grain="samlet")


def data_cut_off(store: Store, kommune: str | None = None) -> date | None:
    """The data cut-off the engine clips a request's periods at (kept per version of the data)."""
    with store.reading() as con:
        return _cut_off(_AboutData.of(store, con, store.version_stamp(), kommune).spans)


def _requested_periods(request: Request, until: date, offered_only: bool = True,
                       windows: set[int] = frozenset()) -> list[periods.Period]:
    last = periods.parse_period(request.last) if request.last else periods.quarter_of(until)
    first = periods.parse_period(request.first) if request.first else periods.shift_quarters(
        periods.quarter_of(last.end), -7)
    if first.start > last.end:
        raise EngineError(t("engine.span_reversed", first=first.label, last=last.label))
    if request.grain == "aar":
        # Whole calendar years only: a year cut to the chosen quarters would let one span be
        # subtracted from another (docs/DISCLOSURE.md).
        first, last = periods.year(first.start.year), periods.year(last.end.year)
    found = periods.periods_for(first, last, request.grain)
    if request.grain == "samlet" and offered_only:
        span = found[0]
        end = min(span.end, until)
        is_quarter = span.months == 3
        is_year = span.start == date(span.start.year, 1, 1) and span.start.year == end.year and (
            span.end.month == 12 or span.end >= until)
        # A rolling-year indicator's own window (every asked indicator has it) is published too.
        is_window = windows == {4} and span.months == 12 and span.start.month in (1, 4, 7, 10)
        if not (is_quarter or is_year or is_window):
            raise NotOffered(t("disclosure.span", label=span.label))
        if is_year and span.months < 12:
            found = [periods.Period(span.start, span.end, span.label)]
    return found


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


def _parameters(indicator: Indicator, request: Request) -> dict[str, int]:
    # Only whole numbers reach the SQL text, so a parameter cannot inject anything.
    defaults = dict(indicator.parameters)
    return {**defaults, **{k: int(v) for k, v in request.params if k in defaults}}


def _compute_one(measures: MeasureTable, indicator: Indicator, wanted: list[periods.Period],
                 computation: list[periods.Period], request: Request, until: date,
                 grid: "_Grid", without_data: np.ndarray) -> dict[str, np.ndarray] | None:
    """The indicator's rows as arrays: ``row`` (positions in ``measures.keys``, in output order)
    and one array per result column; None when it has no rows. ``computation``: the wanted periods
    and those the changes compare with (see _computation_periods); ``without_data``: per key,
    whether nothing was uploaded for it (see _without_data)."""
    params = _parameters(indicator, request)
    numerator, rows = measures.column(indicator.numerator, params)
    rows = rows.copy()
    if indicator.denominator:
        denominator, den_rows = measures.column(indicator.denominator, params)
        rows |= den_rows
    else:
        denominator = np.full(len(rows), np.nan)
    for count in _presence(indicator):
        rows |= measures.column(count, {})[1]
    if measures.gridded:
        rows[:] = True
    selected = measures.order[rows[measures.order]]
    if not len(selected):
        return None
    numerator, denominator = numerator[selected], denominator[selected]
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

    missing = without_data[selected]
    if indicator.uncovered is not None:
        # Part of the numerator lies where the denominator has no residents: not computable.
        missing = missing | (np.nan_to_num(measures.column(indicator.uncovered, params)[0][selected]) > 0)
    value, numerator = _zero_where_none(indicator, value, numerator, missing)
    # Hidden as decided for the whole publication grid, so every output hides the same cells.
    interval_keys = np.array([f"{p.start}/{p.end}" for p in computation], dtype=object)
    suppressed = grid.hidden(indicator, params, measures.keys, selected, measures.group[selected], pidx,
                             interval_keys)
    # Nothing uploaded is nothing to hide: such a cell says "no data", never "< 5".
    value, numerator, denominator = (np.where(missing, np.nan, a) for a in (value, numerator, denominator))
    suppressed = suppressed & ~missing
    if indicator.lag_months:
        # A cohort not yet followed for its whole window has no figure, and nothing to hide.
        unfinished = np.array([(pd.Timestamp(p.end) + pd.DateOffset(months=indicator.lag_months)).date() > until
                               for p in computation])[pidx]
        value, numerator, denominator = (np.where(unfinished, np.nan, a) for a in (value, numerator, denominator))
        suppressed = suppressed & ~unfinished
    else:
        unfinished = np.zeros(len(selected), dtype=bool)
    value, numerator, denominator = (np.where(suppressed, np.nan, a) for a in (value, numerator, denominator))
    state = _status(indicator, value, suppressed, missing, unfinished)

    changes = _changes(value, wanted, request.grain, measures.group[selected], pidx, labels)
    wanted_labels = {p.label for p in wanted}
    keep = np.array([label in wanted_labels for label in labels])[pidx]
    columns = {"row": selected, "value": value, "numerator": numerator, "denominator": denominator,
               "suppressed": suppressed, **changes, "status": state}
    return {name: array[keep] for name, array in columns.items()}


def _zero_where_none(indicator: Indicator, value: np.ndarray, numerator: np.ndarray,
                     missing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A count or sum with no rows where data was uploaded is a true zero (e.g. no project spend in a
    reported quarter), not a blank."""
    if indicator.denominator is not None or indicator.numerator.reducer != "sql" \
            or not _COUNT_OR_SUM.match(indicator.numerator.expr):
        return value, numerator
    none = np.isnan(numerator) & ~missing
    return np.where(none, 0.0, value), np.where(none, 0.0, numerator)


def _status(indicator: Indicator, value: np.ndarray, suppressed: np.ndarray, missing: np.ndarray,
            unfinished: np.ndarray) -> np.ndarray:
    """Each row's state (steering_core/status.py). Without a number and with nothing hidden or
    missing, a Kaplan-Meier median has simply not been reached yet within the follow-up."""
    blank = np.isnan(value)
    state = np.where(blank, status.NO_DATA, np.where(value == 0, status.ZERO, status.VALUE)).astype(object)
    not_reached = blank & (indicator.numerator.reducer == "km_median")
    state[(unfinished | not_reached) & blank] = status.PENDING
    state[suppressed] = status.HIDDEN
    state[missing] = status.NO_DATA
    return state


def _changes(value: np.ndarray, wanted: list[periods.Period], grain: str,
             group: np.ndarray, pidx: np.ndarray, labels: list[str]) -> dict[str, np.ndarray]:
    """The previous period's and the year-before's value of the same breakdown cell, and the changes.

    ``group`` numbers the breakdown cells (keys without the period). Cells are looked up by an
    integer code (cell × period) rather than by merging on the key columns.
    """
    group = np.asarray(group, dtype=np.int64)
    width = len(labels) + 1
    pidx = np.asarray(pidx, dtype=np.int64)
    # Every (cell, period) value in one dense table; where a key came twice the first one counts.
    table = np.full((int(group.max(initial=-1)) + 1) * width, np.nan)
    table[(group * width + pidx)[::-1]] = value[::-1]
    result = {}
    for (value_col, change_col), partner in zip((("prev_value", "change_prev"), ("year_ago_value", "change_year")),
                                                _partners(tuple(labels), tuple(wanted), grain)):
        there = partner[pidx]
        result[value_col] = np.where(there >= 0, table[group * width + np.maximum(there, 0)], np.nan)
        result[change_col] = value - result[value_col]
    return result


@functools.lru_cache(maxsize=256)
def _partners(labels: tuple[str, ...], wanted: tuple[periods.Period, ...], grain: str) -> tuple[np.ndarray, np.ndarray]:
    """Per computation period (and a last -1 for none), the position of the period it is compared
    with: the previous one, and the one a year before (-1: not computed, or not a wanted period)."""
    position = {label: i for i, label in enumerate(labels)}
    periods_of = {period.label: period for period in wanted}
    return tuple(np.array([position.get(step(periods_of[label], grain), -1) if label in periods_of else -1
                           for label in labels] + [-1], dtype=np.int64)
                 for step in (periods.previous, periods.year_before))


def _min_cell(request: Request) -> int:
    """The minimum cell size: the setting, which may not be under Danmarks Statistik's floor. A
    request may name another (tests check arithmetic with 1); no user-facing path does."""
    setting = config.min_cell_size()
    if setting < disclosure.FLOOR:
        raise NotOffered(t("disclosure.floor", k=setting, floor=disclosure.FLOOR))
    return request.min_cell or setting


def _check_offered(indicators: list[Indicator], request: Request, by: list[str]) -> None:
    """Refuse what the publication grid does not hold (docs/DISCLOSURE.md)."""
    filters = request.filters
    if len(filters.distrikter) > 1 or len(filters.enheder) > 1 or len(filters.sektorer) > 1:
        raise NotOffered(t("disclosure.one_at_a_time"))
    pairs = {tuple(sorted(pair)) for pair in disclosure.CROSS_BREAKDOWNS}
    for indicator in indicators:
        if disclosure.is_exempt(indicator):
            continue
        categories = [c for c in by if c not in disclosure.GEO]
        if categories and ("unit" in by or filters.enheder):
            raise NotForFilter(t("disclosure.unit_breakdown"), "unit_breakdown")
        if len(categories) > 1 and tuple(sorted(categories)) not in pairs:
            raise NotOffered(t("disclosure.two_way"))
        defaults = dict(indicator.parameters)
        if any(name in defaults and int(value) != defaults[name] for name, value in request.params):
            raise NotOffered(t("disclosure.parameter", name=indicator.name(config.language())))


def _first_day(tables) -> str:
    """The first day of dated activity in ``tables`` (rows of any length)."""
    return ("SELECT min(d) FROM (" + " UNION ALL ".join(f"SELECT min({_DATED[table][0]}) AS d FROM {table}"
                                                        for table in tables) + ")")


def _grid_start(con: duckdb.DuckDBPyConnection) -> periods.Period | None:
    """The first quarter of the publication grid: four quarters before the first quarter with
    data (a course's start included), so changes against the year before are protected too."""
    first = con.execute(_first_day(_DATED)).fetchall()[0][0]
    return None if first is None else periods.shift_quarters(periods.quarter_of(first), -4)


class _Grid:
    """Looks up, for the cells of one request, whether the protected publication grid hides them."""

    def __init__(self, con, kept: protection.Protection, until: date, start: periods.Period | None,
                 kommuner: list[str], request: Request, by: list[str]):
        self.con, self.kept, self.until, self.start = con, kept, until, start
        self.kommuner, self.request, self.by = kommuner, request, by

    def hidden(self, indicator: Indicator, params: dict[str, int], keys: pd.DataFrame, rows: np.ndarray,
               group: np.ndarray, period: np.ndarray, interval_keys: np.ndarray) -> np.ndarray:
        """Per row of ``keys.iloc[rows]``, whether a cell it rests on is hidden. ``group``: each row's
        breakdown cell (rows of one cell share every key but the period); ``period``: each row's
        position in ``interval_keys``, the cube interval key of each computation period."""
        measures = disclosure.protecting_measures(indicator, params)
        result = np.zeros(len(rows), dtype=bool)
        if not measures or not len(rows):
            return result
        if self.start is None:
            return ~result
        # The key parts other than the period are the same for every row of a breakdown cell: made
        # once per cell (a district, a unit, a category), then taken by each row's cell.
        _, first, cell_of_row = np.unique(np.asarray(group), return_index=True, return_inverse=True)
        cell_of_row = np.asarray(cell_of_row, dtype=np.int64).ravel()
        kommune, geo, cats = self._cell_parts(keys.iloc[np.asarray(rows)[first]])
        cells = protection.CellParts({
            "kommune": (cell_of_row, kommune), "geo": (cell_of_row, geo), "cat": (cell_of_row, cats),
            "interval": (np.asarray(period, dtype=np.int64), interval_keys)})
        for measure in measures:
            cube = self.kept.cube(self.con, disclosure.scan_of(measure.source), self.until, self.start)
            result |= cube.lookup(cells.with_part("measure", disclosure._mkey(measure_key(measure, params))))
        return result

    def _cell_parts(self, keys: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The municipality, organisation level and category key of each row, as the cubes name them."""
        filters = self.request.filters
        n = len(keys)

        def texts(column: str, fixed) -> np.ndarray:
            if column in keys:
                return disclosure._texts(keys[column])
            return np.full(n, disclosure._text(fixed), dtype=object)

        kommune = texts("kommune", filters.kommune or self.kommuners_only())
        unit = texts("unit", filters.enheder[0] if filters.enheder else None)
        district = texts("district", filters.distrikter[0] if filters.distrikter else None)
        # As disclosure.geo_key: a unit, else a district (in a breakdown by district also a missing one),
        # else the municipality.
        none = disclosure._NONE
        district_level = (district != none) | ("district" in keys)
        geo = np.where(unit != none, "U:" + unit, np.where(district_level, "D:" + district, "K")).astype(object)
        categories = [c for c in self.by if c not in disclosure.GEO and c != "kommune"]
        fixed = {"sector": filters.sektorer[0]} if filters.sektorer and "sector" not in categories else {}
        # As disclosure.cat_key: "dim=value" per category dimension, in sorted order.
        cats = np.full(n, disclosure.ALL, dtype=object)
        for dim in sorted([*categories, *fixed]):
            piece = (f"{dim}=" + texts(dim, None)) if dim in categories else \
                np.full(n, f"{dim}={disclosure._text(fixed[dim])}", dtype=object)
            cats = np.where(cats == disclosure.ALL, piece, cats + "|" + piece).astype(object)
        return kommune, geo, cats

    def kommuners_only(self) -> str | None:
        return self.kommuner[0] if len(self.kommuner) == 1 else None


def prepare_protection(store: Store) -> None:
    """Build the protected cubes of the database's current state ahead of the first figure, which
    would otherwise wait for them (a page starts this in the background when the data change)."""
    try:
        compute(store, None, Request())
    except (EngineError, protection.Stopped):
        pass    # no data yet (nothing to protect), or the process is ending


_PREPARING: list[threading.Thread] = []


def prepare_protection_in_background(store: Store) -> None:
    """``prepare_protection`` in a thread of its own; the process waits for it when it ends."""
    thread = threading.Thread(target=prepare_protection, args=(store,), name="steering-protect", daemon=True)
    thread.start()
    _PREPARING[:] = [t for t in _PREPARING if t.is_alive()] + [thread]


@atexit.register
def _finish_preparing() -> None:
    # A daemon thread still inside DuckDB when the interpreter finalises is cut off mid C++ and
    # aborts the whole process ("FATAL: exception not rethrown", exit 134): let the cube being
    # built finish, start no other, and wait.
    protection.stop_building()
    for thread in _PREPARING:
        thread.join()


def available_quarters(store: Store) -> list[str]:
    with store.reading() as con:
        until = data_until(con)
        # a register reaches back before the extract (courses running since long ago): its first row starts nothing
        first = con.execute(_first_day([table for table in _DATED if table not in _REGISTERS])).fetchall()[0][0]
    if until is None:
        return []
    start = periods.quarter_of(first or until)
    return [q.label for q in periods.quarters_between(start, periods.quarter_of(until))]


def districts(store: Store, kommune: str | None = None) -> list[str]:
    with store.reading() as con:
        return [row[0] for row in con.execute(
            "SELECT DISTINCT distrikt FROM enhed WHERE $k IS NULL OR kommune = $k ORDER BY 1", {"k": kommune}).fetchall()]


def kommuner(store: Store) -> list[str]:
    """The municipalities in the database (several when it holds benchmarking data)."""
    with store.reading() as con:
        return _kommuner(con)


def source_rows(store: Store, source_name: str, request: Request, where: str,
                columns: tuple[str, ...]) -> pd.DataFrame:
    """Row-level values of a source for computations SQL cannot express (survival curves).

    Only for the core: callers aggregate and suppress before anything reaches a page.
    """
    source = SOURCES[source_name]
    with store.reading() as con:
        until = data_until(con, request.filters.kommune)
        if until is None:
            raise NoData(t("engine.no_data"))
        # Row-level values stay in the core, so any span may be read here.
        wanted = _requested_periods(request, until, offered_only=False)
        computation = [p for p in _computation_periods(wanted, request.grain, until)
                       if p.label in {w.label for w in wanted}]
        if not computation:
            return pd.DataFrame(columns=list(columns))
        filter_where, params = filter_sql(source_name, request.filters)
        prepare(con, [source_name])
        sql = (f"WITH {periods_sql(computation)}, _limits AS (SELECT DATE '{until}' AS data_until) "
               f"SELECT {', '.join(columns)} FROM ({source.sql}) s WHERE {filter_where} AND ({where})")
        return con.execute(sql, params).df()


def unit_register(store: Store, kommune: str | None = None) -> pd.DataFrame:
    """Units with their district and sector (unit, unit_name, unit_type, district, sector, kommune), of
    one municipality when named."""
    with store.reading() as con:
        return con.execute("""SELECT enhed_id AS unit, enhed_navn AS unit_name, enhedstype AS unit_type,
                                     distrikt AS district, sektor AS sector, kommune FROM enhed
                              WHERE $k IS NULL OR kommune = $k ORDER BY 4, 2, 6""", {"k": kommune}).df()


def with_unit_columns(store: Store, frame: pd.DataFrame, kommune: str | None,
                      columns: tuple[str, ...] = ("district",)) -> pd.DataFrame:
    """``frame`` (a result by unit) with the register's ``columns`` for each row's unit. A unit id is
    unique within its municipality only, so a result holding several municipalities is joined on the
    municipality too; a join that would match one row twice is an error, not a doubled figure."""
    keys = ["kommune", "unit"] if "kommune" in frame else ["unit"]
    register = unit_register(store, kommune)[[*keys, *columns]]
    return frame.merge(register, on=keys, how="left", validate="many_to_one")
