"""Disclosure control: which cells may be shown, decided once for the whole publication grid.

docs/DISCLOSURE.md is the model. In short: every count of children or records the product can
show, at every level (municipality, district, unit), period (quarter, calendar year, rolling
year) and breakdown it offers, is a cell of one *cube* per source. A cell under the minimum
cell size is hidden (primary). Then, over the whole cube, every relation an attacker can use
(a district is the sum of its units, a year of its quarters, a total of its categories, a
share's denominator of its numerator and complement, two measures that are the same number)
is checked, and further cells are hidden until no relation lets a hidden cell be worked out
(secondary suppression). Because the decision is made on the whole grid, independently of
what is asked, the same cell is hidden in every page, table, export and CLI answer, so
combining outputs gains nothing.

Figures that are not counts (money, durations, medians, averages, shares) are hidden when any
count they rest on is hidden in its cube (see ``protecting_measures``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from steering_core import catalogue, periods
from steering_core.catalogue import Indicator, Measure
from steering_core.measures import measure_key, periods_sql
from steering_core.sources import RELATIONS, SOURCES, prepare

# Figures that are public anyway and need no protection: the one reviewed list of exemptions.
EXEMPT_SOURCES = {
    "oekonomi": "Budget og bogført forbrug pr. sektor er offentlige tal (budget og regnskab).",
    "population": "Befolkningstal pr. distrikt og aldersgruppe er offentlige (Danmarks Statistik).",
}
# Two-way tables offered below the municipality and district (the grant × pay matrix).
CROSS_BREAKDOWNS = (("granted_by", "sector"),)
GEO = ("district", "unit")
ALL = ""                       # a cube key's category part for "every category" (the total)
_NONE = "∅"                    # a missing category value (e.g. goal not registered) in cube keys
FLOOR = 3                      # Danmarks Statistik's own floor: a smaller minimum is refused

# A where clause "<base> AND <column> = '<value>'" counts the same records as the base measure's
# cell for that category: such measures are linked by an equality in the cube.
_CATEGORY_COLUMNS = {"udfald": "outcome", "moedetype": "meeting_type", "maal_opfyldt": "goal",
                     "bevilget_af": "granted_by", "indsatstype": "intervention_type"}
_DISTINCT = re.compile(r"^\s*count\s*\(\s*DISTINCT\s+(\w+)\s*\)\s*$", re.IGNORECASE)
_EQUALS = re.compile(r"^(?:(?P<base>.+) AND )?(?P<column>\w+) = '(?P<value>[^']*)'$")
_STEPS = re.compile(r"^(?:(?P<base>.+) AND )?step (?:>= (?P<low>\d)|BETWEEN (?P<from>\d) AND (?P<to>\d))$")
_NOT_NULL = re.compile(r"^(?:(?P<base>.+) AND )?(?P<column>\w+) IS NOT NULL$")


def protecting_measures(indicator: Indicator, params: dict[str, int] | None = None) -> list[Measure]:
    """The counts an indicator rests on: its declared basis, plus, for every measure on a
    source that is not exempt, that source's counts of records and children with the same
    condition. A declaration can add counts, never take the derived ones away."""
    found: list[Measure] = list(indicator.basis)
    for measure in (indicator.numerator, indicator.denominator):
        if measure is None or measure.source in EXEMPT_SOURCES:
            continue
        found.extend(Measure(measure.source, expr, measure.where) for expr in SOURCES[measure.source].protect_by)
    unique: dict[tuple, Measure] = {}
    for measure in found:
        unique.setdefault(measure_key(measure, params or dict(indicator.parameters)), measure)
    return list(unique.values())


def is_exempt(indicator: Indicator) -> bool:
    return not protecting_measures(indicator)


def share_pairs(indicator: Indicator) -> list[tuple[Measure, Measure]]:
    """(part count, whole count) pairs whose difference is protected too: a share of counts'
    numerator in its denominator (the complement), and a denominator in the records it is declared
    ``within`` (the records it leaves out)."""
    num, den, within = indicator.numerator, indicator.denominator, indicator.within
    part = den if den is not None else num         # a count indicator's own count
    pairs = []
    if within is not None and part.source == within.source and part.source not in EXEMPT_SOURCES:
        pairs += [(Measure(part.source, expr, part.where), Measure(within.source, expr, within.where))
                  for expr in SOURCES[part.source].protect_by]
    if indicator.unit != "pct" or den is None or num.source != den.source or num.source in EXEMPT_SOURCES:
        return pairs
    if num.reducer != "sql" or not num.expr.lower().startswith("count("):
        return pairs
    return pairs + [(Measure(num.source, expr, num.where), Measure(den.source, expr, den.where))
                    for expr in SOURCES[num.source].protect_by]


def check_catalogue() -> None:
    """Every indicator on a protected source has counts to protect on (run at import)."""
    for indicator in catalogue.INDICATORS:
        for measure in (indicator.numerator, indicator.denominator):
            if measure is not None and measure.source not in EXEMPT_SOURCES \
                    and not SOURCES[measure.source].protect_by and not indicator.basis:
                raise ValueError(f"{indicator.id}: source {measure.source} has no counts to protect on; "
                                 "declare a basis")


def scan_of(source_name: str) -> str:
    source = SOURCES[source_name]
    return source.relation or source.name


def categories_of(scan: str) -> tuple[str, ...]:
    """The category dimensions a scan's cube is broken down by: every breakdown an indicator on
    it offers, other than the organisation levels."""
    dims = set(_scan_dimensions(scan))
    found: list[str] = []
    for indicator in catalogue.INDICATORS:
        if any(scan_of(m.source) == scan for m in protecting_measures(indicator)):
            found.extend(b for b in indicator.breakdowns if b not in GEO and b in dims and b not in found)
    return tuple(found)


def _scan_dimensions(scan: str) -> tuple[str, ...]:
    return next(s.dimensions for s in SOURCES.values() if scan_of(s.name) == scan)


@dataclass(frozen=True)
class Interval:
    start: date
    end: date

    @property
    def key(self) -> str:
        return f"{self.start}/{self.end}"


def time_grid(first_quarter: periods.Period, until: date, windows: bool) -> tuple[list[Interval], dict]:
    """The periods the product publishes: quarters, calendar years (the newest up to the data
    cut-off) and, for sources with a rolling-year indicator, every four quarters up to a quarter.
    Returns the intervals and, for each year or rolling year, the quarters it is made of."""
    quarters = periods.quarters_between(first_quarter, periods.quarter_of(until))
    intervals = [Interval(q.start, q.end) for q in quarters]
    parts: dict[str, list[Interval]] = {}
    for y in sorted({q.start.year for q in quarters}):
        inside = [Interval(q.start, q.end) for q in quarters if q.start.year == y]
        whole = Interval(date(y, 1, 1), min(date(y, 12, 31), until))
        intervals.append(whole)
        parts[whole.key] = inside
    if windows:
        for q in quarters:
            span = [Interval(p.start, p.end) for p in quarters
                    if periods.shift_quarters(q, -3).start <= p.start <= q.start]
            window = Interval(periods.shift_quarters(q, -3).start, q.end)
            if window.key not in parts:
                intervals.append(window)
                parts[window.key] = span
    unique = {i.key: i for i in intervals}
    return list(unique.values()), parts


@dataclass
class Cube:
    """The protected cells of one scan for one database state."""
    keys: pd.Index                     # measure \t kommune \t interval \t geo \t cat
    hidden: np.ndarray
    value: np.ndarray
    intervals: set[str]

    def lookup(self, keys: list[str], intervals) -> np.ndarray:
        """Hidden or not per cell key. A cell of the grid that is not stored counts nothing (a true
        zero, shown); a cell of a period outside the grid is hidden (fail closed)."""
        position = self.keys.get_indexer(keys) if len(self.keys) else np.full(len(keys), -1)
        stored = np.where(position >= 0, self.hidden[np.maximum(position, 0)] if len(self.hidden) else True, False)
        outside = ~pd.Index(intervals).isin(list(self.intervals))
        return np.where(position >= 0, stored, outside)



def _mkey(key: tuple) -> str:
    return "|".join(str(part) for part in key)


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return _NONE
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _texts(values: pd.Series) -> np.ndarray:
    """``_text`` of every value, computed once per distinct value."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    texts = np.array([_text(u) for u in uniques] + [_NONE], dtype=object)
    return texts[codes]


def geo_key(district, unit, by_district: bool = False) -> str:
    """The organisation level of a cell: a unit, a district (``by_district``: also a missing
    district, which is a cell of its own in a breakdown by district) or the municipality."""
    if _text(unit) != _NONE:
        return f"U:{_text(unit)}"
    if by_district or _text(district) != _NONE:
        return f"D:{_text(district)}"
    return "K"


def cat_key(values: dict[str, object]) -> str:
    return "|".join(f"{dim}={_text(values[dim])}" for dim in sorted(values))


class CubeBuilder:
    """Builds a scan's cube: the cells, the relations between them, and the suppression."""

    def __init__(self, con: duckdb.DuckDBPyConnection, scan: str, until: date, data_start: periods.Period,
                 kommuner: list[str], min_cell: int):
        self.con, self.scan, self.until, self.min_cell = con, scan, until, min_cell
        self.data_start, self.kommuner = data_start, kommuner
        self.indicators = [i for i in catalogue.INDICATORS
                           if any(scan_of(m.source) == scan for m in protecting_measures(i))]
        windows = any(i.window_quarters > 1 for i in self.indicators)
        self.intervals, self.parts = time_grid(data_start, until, windows)
        # Measure key -> (measure, the parameters its condition is written with: the defaults).
        self.measures: dict[str, tuple[Measure, dict[str, int]]] = {}
        for indicator in self.indicators:
            params = dict(indicator.parameters)
            for measure in protecting_measures(indicator):
                if scan_of(measure.source) == scan:
                    self.measures.setdefault(_mkey(measure_key(measure, params)), (measure, params))
        self.cats = categories_of(scan)

    def build(self) -> Cube:
        cells = self._cells()
        cells = cells.sort_values(["measure", "kommune", "interval", "geo", "cat"], kind="stable").reset_index(drop=True)
        value = cells["value"].to_numpy(dtype=float)
        hidden = (value > 0) & (value < self.min_cell)
        keys = pd.Index((cells["measure"] + "\t" + cells["kommune"] + "\t" + cells["interval"] + "\t"
                         + cells["geo"] + "\t" + cells["cat"]).to_numpy())
        members, constraints, roles = self._relations(cells)
        equal_pairs = self._share_pairs(cells, keys)
        # What a steering group loses least: a unit's cell before a district's, a category before a
        # total; the municipality's totals go last.
        geo = cells["geo"]
        level = np.where((geo == "K").to_numpy(), 2, np.where(geo.str.startswith("D:").to_numpy(), 1, 0))
        importance = level * 2 + (cells["cat"] == ALL).to_numpy()
        # The linear audit where it is affordable (a small municipality's cube, where a few children
        # are most exposed); the relation-by-relation rule alone on larger cubes (docs/DISCLOSURE.md).
        settle = protect if len(cells) <= AUDITED_CELLS else _suppress
        hidden = settle(value, hidden, members, constraints, roles, equal_pairs, self.min_cell, importance)
        self.relations = (members, constraints, roles)     # kept for the audit in the tests
        return Cube(keys, hidden, value, {i.key for i in self.intervals})

    # ---- cells ----
    def _cells(self) -> pd.DataFrame:
        """Every cell of the cube with a non-zero count, from one scan of the source: one GROUPING
        SETS query over every level and breakdown."""
        dims = _scan_dimensions(self.scan)
        levels = [[]] + [["district"]] * ("district" in dims) + [["unit"]] * ("unit" in dims)
        cat_sets = [[]] + [[c] for c in self.cats] + [sorted(p) for p in CROSS_BREAKDOWNS if set(p) <= set(self.cats)]
        sets = [["period", "kommune", *level, *cats] for level in levels for cats in cat_sets
                if not (level == ["unit"] and cats)]
        optional = list(dict.fromkeys(c for grouping in sets for c in grouping[2:]))
        computation = [periods.Period(i.start, i.end, i.key) for i in self.intervals]
        if self.scan in RELATIONS:
            sql = RELATIONS[self.scan]
            member = {s.name: s.member for s in SOURCES.values() if s.relation == self.scan}
        else:
            sql, member = SOURCES[self.scan].sql, {}
        # Two stages, because DuckDB keeps a hash table per DISTINCT aggregate and grouping set:
        # first one row per group and child (or per group, without children), with a flag per
        # condition and the counts and sums; then the children are the rows whose flag is set.
        conditions, first, second = [], [], []
        child = next((m.group(1) for m in (_DISTINCT.match(measure.expr) for measure, _ in self.measures.values())
                      if m), None)
        for i, (mkey, (measure, params)) in enumerate(self.measures.items()):
            where = measure.where.format(**params)
            if measure.source in member:
                where = f"({member[measure.source]}) AND ({where})"
            conditions.append(f"({where})")
            distinct = _DISTINCT.match(measure.expr)
            if distinct:
                if distinct.group(1) != child:
                    raise ValueError(f"{self.scan}: one column counted distinct per cube, not {measure.expr}")
                first.append(f"bool_or({where}) AS f{i}")
                second.append(f"count(*) FILTER (WHERE f{i} AND _child IS NOT NULL)::DOUBLE AS v{i}")
            else:
                first.append(f"({measure.expr} FILTER (WHERE {where}))::DOUBLE AS a{i}")
                second.append(f"sum(a{i}) AS v{i}")
        columns = ["period", "kommune", *optional]
        grouping = "GROUPING SETS (" + ", ".join(
            "(" + ", ".join(g + ([child] if child else [])) + ")" for g in sets) + ")"
        flags = "".join(f"GROUPING({c}) AS g_{c}, " for c in optional)
        query = (f"WITH {periods_sql(computation)}, _limits AS (SELECT DATE '{self.until}' AS data_until), "
                 f"_rows AS (SELECT * FROM ({sql}) s WHERE {self._kommune_filter()}"
                 f"({' OR '.join(conditions) or 'FALSE'})), "
                 f"_first AS (SELECT {', '.join(columns)}, {flags}{child + ' AS _child, ' if child else ''}"
                 f"{', '.join(first)} FROM _rows GROUP BY {grouping}) "
                 f"SELECT {', '.join(columns)}, {', '.join('g_' + c for c in optional) + ', ' if optional else ''}"
                 f"{', '.join(second)} FROM _first GROUP BY ALL")
        prepare(self.con, list(member) or [self.scan])
        frame = self.con.execute(query).df()
        register = {(k, u): d for k, u, d in self.con.execute("SELECT kommune, enhed_id, distrikt FROM enhed").fetchall()}
        n = len(frame)
        used = {c: (frame[f"g_{c}"].to_numpy() == 0) for c in optional}
        none = np.full(n, _NONE, dtype=object)
        unit_used = used.get("unit", np.zeros(n, dtype=bool))
        district_used = used.get("district", np.zeros(n, dtype=bool))
        unit = _texts(frame["unit"]) if "unit" in frame else none
        district = _texts(frame["district"]) if "district" in frame else none
        geo = np.where(unit_used, "U:" + unit, np.where(district_used, "D:" + district, "K")).astype(object)
        if "unit" in frame:
            pairs = pd.Series(list(zip(frame["kommune"], frame["unit"])))
            unit_district = np.where(unit_used, _texts(pairs.map(register)), _NONE).astype(object)
        else:
            unit_district = none
        # A category key names the dimensions a row is broken down by, in sorted order.
        cat = np.full(n, ALL, dtype=object)
        for column in sorted(c for c in optional if c not in GEO):
            piece = np.where(used[column], f"{column}=" + _texts(frame[column]), ALL).astype(object)
            cat = np.where(cat == ALL, piece, np.where(piece == ALL, cat, cat + "|" + piece)).astype(object)
        kommune = _texts(frame["kommune"])
        interval = frame["period"].to_numpy(dtype=object)
        parts: dict[str, list[np.ndarray]] = {name: [] for name in
                                              ("kommune", "interval", "geo", "cat", "unit_district", "measure", "value")}
        for i, mkey in enumerate(self.measures):
            value = np.nan_to_num(frame[f"v{i}"].to_numpy(dtype=float))
            rows = np.flatnonzero(value != 0)
            for name, array in (("kommune", kommune), ("interval", interval), ("geo", geo), ("cat", cat),
                                ("unit_district", unit_district)):
                parts[name].append(array[rows])
            parts["measure"].append(np.full(len(rows), mkey, dtype=object))
            parts["value"].append(value[rows])
        return pd.DataFrame({name: (np.concatenate(arrays) if arrays else np.array([], dtype=object))
                             for name, arrays in parts.items()})

    def _kommune_filter(self) -> str:
        """Only the rows of the builder's municipalities (none named: all)."""
        if not self.kommuner:
            return ""
        names = ", ".join("'" + str(k).replace("'", "''") + "'" for k in self.kommuner)
        return f"kommune IN ({names}) AND "

    # ---- relations ----
    def _relations(self, cells: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every additive relation as (member cell, constraint id, role: 1 parent, 0 part)."""
        pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        next_id = 0

        def add(frame: pd.DataFrame, group: list[str], parent: np.ndarray) -> None:
            nonlocal next_id
            if frame.empty:
                return
            ids = frame.groupby(group, sort=False, dropna=False).ngroup().to_numpy()
            # A relation with one cell is no relation: the other side is not at that level.
            keep = np.bincount(ids)[ids] > 1
            pieces.append((frame.index.to_numpy()[keep], ids[keep] + next_id, parent.astype(np.int8)[keep]))
            next_id += int(ids.max()) + 1

        geo, cat = cells["geo"], cells["cat"]
        # Municipality = its districts; a district = its units (per period and category).
        top = cells[(geo == "K") | geo.str.startswith("D:")]
        add(top, ["measure", "kommune", "interval", "cat"], (top["geo"] == "K").to_numpy())
        units = cells[geo.str.startswith("U:")].copy()
        districts = cells[geo.str.startswith("D:") & (cat == ALL)]
        linked = pd.concat([districts.assign(parent_geo=districts["geo"]),
                            units.assign(parent_geo="D:" + units["unit_district"].astype(str))])
        add(linked, ["measure", "kommune", "interval", "parent_geo"], linked["geo"].str.startswith("D:").to_numpy())
        # A total = its categories, per category dimension; a two-way table = its margins.
        for dim in self.cats:
            prefix = f"{dim}="
            part = cells[(cat == ALL) | (cat.str.startswith(prefix) & ~cat.str.contains("|", regex=False))]
            add(part.assign(dim=dim), ["measure", "kommune", "interval", "geo"], (part["cat"] == ALL).to_numpy())
        plain = ~cat.str.contains("|", regex=False)
        inner = cells[~plain]
        for side, dim in ((side, dim) for pair in CROSS_BREAKDOWNS if set(pair) <= set(self.cats)
                          for side, dim in enumerate(sorted(pair))):
            mine = inner[inner["cat"].str.startswith(f"{dim}=")] if side == 0 else \
                inner[inner["cat"].str.contains(f"|{dim}=", regex=False)]
            margin = mine["cat"].str.split("|").str[0 if side == 0 else 1]
            margins = cells[plain & cat.str.startswith(f"{dim}=")]
            frame = pd.concat([margins.assign(margin=margins["cat"]), mine.assign(margin=margin)])
            add(frame, ["measure", "kommune", "interval", "geo", "margin"],
                np.r_[np.ones(len(margins)), np.zeros(len(mine))])
        # A year or rolling year = its quarters (a stock, counted at the period's end: its last quarter).
        timing = pd.DataFrame([(parent, q.key, q.end == max(x.end for x in quarters))
                               for parent, quarters in self.parts.items() for q in quarters],
                              columns=["parent", "interval", "last"])
        stock = {k: SOURCES[m.source].stock for k, (m, _) in self.measures.items()}
        numbered = cells.assign(cell=np.arange(len(cells)), stock=cells["measure"].map(stock))
        children = numbered.merge(timing, on="interval")
        children = children[~children["stock"].astype(bool) | children["last"]].set_index("cell")
        parents = numbered[numbered["interval"].isin(set(self.parts))].set_index("cell")
        frame = pd.concat([parents.assign(parent=parents["interval"]), children])
        add(frame, ["measure", "kommune", "geo", "cat", "parent"],
            np.r_[np.ones(len(parents)), np.zeros(len(children))])
        # Two measures on the same records, one of them a category of the other: "<base> AND
        # column = 'v'" is the base's cell for v; "<base> AND column IS NOT NULL" is the base's total
        # less its cell for a missing value.
        for alias, base, dim, value in self._aliases():
            a = cells[(cells["measure"] == alias) & (cat == ALL)]
            if value is None:
                # Both ways, so the relation-by-relation rule sees each: total = known + missing, and
                # known = the categories that are not missing.
                b = cells[(cells["measure"] == base) & ((cat == ALL) | (cat == f"{dim}={_NONE}"))]
                add(pd.concat([a, b]), ["kommune", "interval", "geo"],
                    np.r_[np.zeros(len(a)), (b["cat"] == ALL).to_numpy()])
                single = cat.str.startswith(f"{dim}=") & ~cat.str.contains("|", regex=False)
                b = cells[(cells["measure"] == base) & single & (cat != f"{dim}={_NONE}")]
                roles = np.r_[np.ones(len(a)), np.zeros(len(b))]
            else:
                b = cells[(cells["measure"] == base) & (cat == f"{dim}={value}")]
                roles = np.r_[np.ones(len(a)), np.zeros(len(b))]
            if not a.empty and not b.empty:
                add(pd.concat([a, b]), ["kommune", "interval", "geo"], roles)
        # A range of steps ("step >= 4", "step BETWEEN 2 AND 3") is the sum of those steps' cells.
        for alias, base, steps in self._step_ranges():
            a = cells[(cells["measure"] == alias) & (cat == ALL)]
            b = cells[(cells["measure"] == base) & cat.isin({f"step={v}" for v in steps})]
            if not a.empty and not b.empty:
                add(pd.concat([a, b]), ["kommune", "interval", "geo"], np.r_[np.ones(len(a)), np.zeros(len(b))])
        if not pieces:
            empty = np.array([], dtype=np.int64)
            return empty, empty, empty.astype(np.int8)
        return tuple(np.concatenate(arrays) for arrays in zip(*pieces))  # type: ignore[return-value]

    def _aliases(self) -> list[tuple[str, str, str, str | None]]:
        """(measure, base measure, category, value) for measures that are a category of another
        measure on the same source; value None: every category but a missing value."""
        found = []
        for key, (measure, _) in self.measures.items():
            match = _EQUALS.match(measure.where) or _NOT_NULL.match(measure.where)
            if not match or match.group("column") not in _CATEGORY_COLUMNS:
                continue
            dim = _CATEGORY_COLUMNS[match.group("column")]
            base_where = match.group("base") or "TRUE"
            value = match.groupdict().get("value")
            for other_key, (other, _) in self.measures.items():
                if (other.source, other.expr, other.where) == (measure.source, measure.expr, base_where) \
                        and dim in self.cats:
                    found.append((key, other_key, dim, value))
        return found

    def _step_ranges(self) -> list[tuple[str, str, range]]:
        if "step" not in self.cats:
            return []
        found = []
        for key, (measure, _) in self.measures.items():
            match = _STEPS.match(measure.where)
            if not match:
                continue
            steps = range(int(match.group("low")), 7) if match.group("low") else \
                range(int(match.group("from")), int(match.group("to")) + 1)
            base_where = match.group("base") or "TRUE"
            found.extend((key, other_key, steps) for other_key, (other, _) in self.measures.items()
                         if (other.source, other.expr, other.where) == (measure.source, measure.expr, base_where))
        return found

    def _share_pairs(self, cells: pd.DataFrame, keys: pd.Index) -> list[tuple[np.ndarray, np.ndarray]]:
        """Cell positions (numerator, denominator) of shares whose complement must be protected."""
        position = pd.Series(np.arange(len(cells)), index=keys)
        pairs = []
        for indicator in self.indicators:
            for num, den in share_pairs(indicator):
                params = dict(indicator.parameters)
                nk, dk = _mkey(measure_key(num, params)), _mkey(measure_key(den, params))
                nums = cells[cells["measure"] == nk]
                if nums.empty:
                    continue
                den_keys = (dk + "\t" + nums["kommune"] + "\t" + nums["interval"] + "\t" + nums["geo"] + "\t"
                            + nums["cat"]).to_numpy()
                d = position.reindex(den_keys).to_numpy()
                ok = ~np.isnan(d)
                pairs.append((nums.index.to_numpy()[ok], d[ok].astype(np.int64)))
        return pairs


def _suppress(value: np.ndarray, hidden: np.ndarray, members: np.ndarray, constraints: np.ndarray,
              roles: np.ndarray, shares: list[tuple[np.ndarray, np.ndarray]], min_cell: int,
              importance: np.ndarray | None = None) -> np.ndarray:
    """Secondary suppression to a fixed point: no relation may have exactly one hidden cell, nor
    hidden parts that must all be 1 (two hidden cells summing to 2 under a shown total), and a
    share's numerator and denominator may not both show when their difference is under the
    minimum. Each round hides, in every relation that fails, one shown cell with a non-zero count:
    the least important (``importance``), then the one opening the fewest new holes, then the
    smallest (ties: the first in the cube's sorted order)."""
    hidden = hidden.copy()
    importance = np.zeros(len(value)) if importance is None else importance
    count = int(constraints.max()) + 1 if len(constraints) else 0
    for _ in range(1000):
        in_hidden = hidden[members]
        n_hidden = np.bincount(constraints, weights=in_hidden, minlength=count)
        hidden_sum = np.bincount(constraints, weights=in_hidden * value[members], minlength=count)
        parent_shown = np.bincount(constraints, weights=(roles == 1) & ~in_hidden, minlength=count) > 0
        failing = (n_hidden == 1) | ((n_hidden >= 2) & parent_shown & (hidden_sum <= n_hidden))
        newly: list[np.ndarray] = []
        if failing.any():
            # "Opens": the relations the cell is in that have nothing hidden yet (each would then
            # need another cell).
            opens = np.bincount(members, weights=(n_hidden[constraints] == 0), minlength=len(value))
            candidate = failing[constraints] & ~in_hidden & (value[members] > 0)
            rows = np.flatnonzero(candidate)
            if len(rows):
                cells = members[rows]
                order = np.lexsort((cells, value[cells], opens[cells], importance[cells], constraints[rows]))
                ranked = rows[order]
                first = np.r_[True, constraints[ranked][1:] != constraints[ranked][:-1]]
                newly.append(members[ranked[first]])
        for num, den in shares:
            complement = value[den] - value[num]
            exposed = (complement > 0) & (complement < min_cell) & ~hidden[num] & ~hidden[den]
            newly.append(num[exposed])
        newly_hidden = np.unique(np.concatenate(newly)) if newly else np.array([], dtype=np.int64)
        newly_hidden = newly_hidden[~hidden[newly_hidden]]
        if not len(newly_hidden):
            return hidden
        hidden[newly_hidden] = True
    raise RuntimeError("secondary suppression did not settle")


AUDIT_LIMIT = 60      # hidden cells in one linked group the linear audit solves at once
AUDITED_CELLS = 30_000  # cubes up to this size are audited when they are built


def protect(value: np.ndarray, hidden: np.ndarray, members: np.ndarray, constraints: np.ndarray,
            roles: np.ndarray, shares: list[tuple[np.ndarray, np.ndarray]], min_cell: int,
            importance: np.ndarray | None = None) -> np.ndarray:
    """Secondary suppression, then a linear audit: where several relations together still pin a
    hidden cell, one more cell in one of its relations is hidden, and the suppression runs again."""
    importance = np.zeros(len(value)) if importance is None else importance
    for _ in range(100):
        hidden = _suppress(value, hidden, members, constraints, roles, shares, min_cell, importance)
        pinned = determined(hidden, members, constraints, roles)
        if not len(pinned):
            return hidden
        # In each relation of a pinned cell, hide its least important shown cell.
        own = np.unique(constraints[np.isin(members, pinned)])
        rows = np.flatnonzero(np.isin(constraints, own) & ~hidden[members] & (value[members] > 0))
        if not len(rows):
            return hidden    # nothing left to hide beside them; the relations hold only hidden cells
        order = rows[np.lexsort((members[rows], value[members[rows]], importance[members[rows]], constraints[rows]))]
        first = np.r_[True, constraints[order][1:] != constraints[order][:-1]]
        hidden[members[order[first]]] = True
    raise RuntimeError("the linear audit did not settle")


def determined(hidden: np.ndarray, members: np.ndarray, constraints: np.ndarray, roles: np.ndarray,
               limit: int = AUDIT_LIMIT) -> np.ndarray:
    """Hidden cells that the shown cells pin down exactly through the relations taken together:
    a cell is pinned when it is the same in every solution, i.e. when every vector of the null space
    of the relations restricted to the hidden cells is zero there. Solved per linked group of hidden
    cells (groups larger than ``limit`` are left to the relation-by-relation rule)."""
    rows = np.flatnonzero(hidden[members])
    if not len(rows):
        return np.array([], dtype=np.int64)
    cells, cons = members[rows], constraints[rows]
    # Link the hidden cells of each relation (union-find over cells).
    parent: dict[int, int] = {int(c): int(c) for c in np.unique(cells)}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    order = np.argsort(cons, kind="stable")
    for a, b, ca, cb in zip(cells[order][:-1], cells[order][1:], cons[order][:-1], cons[order][1:]):
        if ca == cb:
            ra, rb = find(int(a)), find(int(b))
            if ra != rb:
                parent[ra] = rb
    groups: dict[int, list[int]] = {}
    for cell in parent:
        groups.setdefault(find(cell), []).append(cell)
    sign = np.where(roles[rows] == 1, 1.0, -1.0)
    by_order = np.argsort(cells, kind="stable")
    starts = np.searchsorted(cells[by_order], np.unique(cells))
    by_cell = {int(c): by_order[a:b] for c, a, b in zip(np.unique(cells), starts, np.r_[starts[1:], len(cells)])}
    pinned: list[int] = []
    for group in groups.values():
        if len(group) > limit:
            continue
        position = {cell: i for i, cell in enumerate(group)}
        group_rows = np.concatenate([by_cell[cell] for cell in group])
        relation_ids = sorted({int(cons[r]) for r in group_rows})
        relation_index = {c: i for i, c in enumerate(relation_ids)}
        matrix = np.zeros((len(relation_ids), len(group)))
        for r in group_rows:
            matrix[relation_index[int(cons[r])], position[int(cells[r])]] += sign[r]
        _, singular, vt = np.linalg.svd(matrix)
        rank = int((singular > 1e-9).sum())
        null = vt[rank:]
        norms = np.sqrt((null ** 2).sum(axis=0)) if len(null) else np.zeros(len(group))
        pinned.extend(cell for cell, norm in zip(group, norms) if norm < 1e-9)
    return np.array(sorted(pinned), dtype=np.int64)


check_catalogue()
