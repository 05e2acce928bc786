"""Our municipality against the country, a comparison group and chosen municipalities.

Figures of other municipalities come from two places that never mix with each other's meaning:

- **the database**, when it holds several municipalities (the national demo, a shared installation):
  computed by the engine, per municipality, behind the same protected cubes as our own figures, so a
  small figure of another municipality is hidden exactly as ours would be;
- **reference figures** (``steering_core.reference``): the reports' tables built in, and the
  key-figure sheets and Statbank files uploaded, stored in their own table. A rate resting on a count
  of children under the minimum cell size is hidden here too.

For each comparable indicator (a rate, share or amount per resident; ``reference.fields.COMPARABLE``)
and year: our value and its change from the year before (the trend), our rank in the group (1 = the
highest value; equal values share a rank, the next rank is skipped), the group's median (of the
members with a shown figure, ours included; an even number of members gives the mean of the middle
two) and our distance to it, and the country's value. Hidden figures take no part in any of these.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from steering_core import catalogue, config, engine, periods
from steering_core.engine import Filters, Request
from steering_core.reference import builtin, fields
from steering_core.reference.importer import stored
from steering_core.upload.parsing import key

YEARS_BACK = 2                 # the years before the chosen one, for the trend
GROUP_SIZE = 8                 # municipalities in a suggested group besides our own
DATABASE = "database"
HEADLINE = ("prevention_ratio", "spend_per_0_22_steps_2_3", "spend_per_0_22_steps_4_6", "placements_per_1000",
            "placements_step4_per_1000", "placements_step5_per_1000", "placements_step6_per_1000",
            "notifications_per_1000", "preventive_per_1000")
ALL_DATABASE = "Alle kommuner i databasen"


def same_name(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def name_key(name: str) -> str:
    """A municipality's name as compared: "Silkeborg Kommune" and "Silkeborg" are the same."""
    folded = key(name)
    return folded[:-len("kommune")] if folded.endswith("kommune") and len(folded) > len("kommune") else folded


def rank(values: dict[str, float], who: str) -> int | None:
    """``who``'s rank among ``values`` (1 = the highest): equal values share a rank (1, 2, 2, 4)."""
    own = values.get(who)
    if own is None or (isinstance(own, float) and math.isnan(own)):
        return None
    return 1 + sum(1 for v in values.values() if v is not None and not math.isnan(v) and v > own)


def median(values: list[float]) -> float | None:
    """The median of the shown values: the middle one, or the mean of the middle two."""
    shown = sorted(v for v in values if v is not None and not math.isnan(v))
    if not shown:
        return None
    middle = len(shown) // 2
    return shown[middle] if len(shown) % 2 else (shown[middle - 1] + shown[middle]) / 2


@dataclass(frozen=True)
class Candidate:
    name: str
    inhabitants: float | None
    need_index: float | None
    comparable: bool = True       # has figures to compare, not only background figures


def suggest_group(candidates: list[Candidate], own: str, size: int = GROUP_SIZE) -> list[str]:
    """The ``size`` municipalities nearest ours in size and expenditure need: distance = doublings of
    inhabitants apart + index points apart / 10 (without an index on both sides, size alone).
    Ties go by name, so the suggestion is the same every time."""
    mine = next((c for c in candidates if same_name(c.name, own)), None)
    if mine is None or mine.inhabitants is None:
        return []

    def distance(other: Candidate) -> float:
        apart = abs(math.log2(other.inhabitants / mine.inhabitants))
        if mine.need_index is not None and other.need_index is not None:
            apart += abs(other.need_index - mine.need_index) / 10
        return apart
    others = [c for c in candidates if not same_name(c.name, own) and c.inhabitants and c.comparable
              and c.name not in (builtin.COUNTRY, builtin.ADVISORY)]
    return [c.name for c in sorted(others, key=lambda c: (distance(c), c.name))[:size]]


@dataclass(frozen=True)
class Comparison:
    own: str
    year: int
    figures: pd.DataFrame        # kommune, indicator, year, value, hidden, source
    group: tuple[str, ...]
    suggested: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    in_database: bool            # the database holds other municipalities


def build(store, request: Request, group: tuple[str, ...] | None = None,
          indicator_ids: tuple[str, ...] | None = None) -> Comparison:
    """Every figure the comparison shows, for the calendar year of the request's last quarter and the
    years before it."""
    ids = list(indicator_ids or fields.COMPARABLE)
    year = periods.parse_period(request.last).end.year
    all_kommuner = engine.kommuner(store)
    own = _own(store, request, all_kommuner)
    frames = [_database(store, ids, year, request.last, own), _references(store, ids)]
    figures = pd.concat([f for f in frames if not f.empty], ignore_index=True) if any(
        not f.empty for f in frames) else _empty()
    candidates = _candidates(store, figures, all_kommuner)
    suggested = tuple(suggest_group(candidates, own))
    chosen = tuple(g for g in (group if group is not None else suggested) if not same_name(g, own))
    return Comparison(own, year, figures, chosen, suggested, tuple(candidates), len(all_kommuner) > 1)


def choices(store, request: Request) -> Comparison:
    """The municipalities a group can be chosen from and the suggested group, without asking the engine
    for a figure: every municipality in the database has figures (the engine computes them for each), a
    reference municipality has them when its rows hold a comparable indicator or a count one derives
    from. Its ``figures`` are the reference figures only."""
    year = periods.parse_period(request.last).end.year
    all_kommuner = engine.kommuner(store)
    own = _own(store, request, all_kommuner)
    figures = _references(store, list(fields.COMPARABLE))
    candidates = _candidates(store, figures, all_kommuner)
    suggested = tuple(suggest_group(candidates, own))
    return Comparison(own, year, figures, suggested, suggested, tuple(candidates), len(all_kommuner) > 1)


def _own(store, request: Request, all_kommuner: list[str]) -> str:
    return request.filters.kommune or (all_kommuner[0] if len(all_kommuner) == 1 else store.meta().get("kommune", ""))


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["kommune", "indicator", "year", "value", "hidden", "source"])


def _database(store, ids: list[str], year: int, last: str, own: str) -> pd.DataFrame:
    """Per municipality in the database, the engine's yearly figures (hidden as the engine hides them).
    Only our own municipality when the database holds no other."""
    request = Request(f"{year - YEARS_BACK}K1", last, "aar", (), Filters())
    try:
        frame = engine.compute(store, ids, request)
    except engine.NoData:
        return _empty()
    if "kommune" not in frame:
        frame = frame.assign(kommune=own)
    frame = frame[frame["period"].astype(str).str.fullmatch(r"\d{4}")]
    return pd.DataFrame({
        "kommune": frame["kommune"], "indicator": frame["indicator"], "year": frame["period"].astype(int),
        "value": frame["value"].astype(float), "numerator": frame["numerator"].astype(float),
        "denominator": frame["denominator"].astype(float), "hidden": frame["suppressed"].astype(bool),
        "source": DATABASE})


def references(store) -> pd.DataFrame:
    """Built-in and uploaded reference rows together (the stored table's columns)."""
    uploaded = stored(store)
    return pd.concat([builtin.rows(), uploaded], ignore_index=True) if not uploaded.empty else builtin.rows()


def hidden_references(rows: pd.DataFrame) -> pd.Series:
    """Reference rows resting on a count of children under the minimum cell size: a count field under
    it, or a figure whose ``antal`` is. Hidden in every figure and in the table of the rows alike."""
    k = config.min_cell_size()
    small = rows["antal"].notna() & (rows["antal"].astype(float) > 0) & (rows["antal"].astype(float) < k)
    return small | rows["felt"].isin(fields.PROTECTED_COUNTS) & (rows["vaerdi"] > 0) & (rows["vaerdi"] < k)


def _references(store, ids: list[str]) -> pd.DataFrame:
    """Reference rows as figures: indicator values as given, rates derived from counts; a figure on a
    count of children under the minimum cell size is hidden."""
    rows = references(store)
    rows = rows.assign(hidden=hidden_references(rows))
    found = [pd.DataFrame({"kommune": given["kommune"], "indicator": given["felt"], "year": given["aar"].astype(int),
                           "value": given["vaerdi"].where(~given["hidden"]), "hidden": given["hidden"],
                           "source": given["kilde"]})
             for given in [rows[rows["felt"].isin(ids)]] if not given.empty]
    for indicator, derived in fields.DERIVED.items():
        if indicator not in ids:
            continue
        top = rows[rows["felt"] == derived.numerator]
        bottom = rows[rows["felt"] == derived.denominator][["kommune", "aar", "vaerdi", "kilde"]]
        joined = top.merge(bottom, on=["kommune", "aar"], suffixes=("", "_den"))
        joined = joined[joined["vaerdi_den"] > 0]
        if joined.empty:
            continue
        found.append(pd.DataFrame({
            "kommune": joined["kommune"], "indicator": indicator, "year": joined["aar"].astype(int),
            "value": (joined["vaerdi"] / joined["vaerdi_den"] * derived.scale).where(~joined["hidden"]),
            "hidden": joined["hidden"], "source": joined["kilde"] + " / " + joined["kilde_den"]}))
    return pd.concat(found, ignore_index=True) if found else _empty()


def _candidates(store, figures: pd.DataFrame, all_kommuner: list[str]) -> list[Candidate]:
    """Every municipality with a size: inhabitants and expenditure-need index from the reference rows
    (their newest year)."""
    rows = references(store)
    newest = rows.sort_values("aar").groupby(["kommune", "felt"]).tail(1)
    sizes = {name_key(r.kommune): r.vaerdi for r in newest[newest["felt"] == "indbyggere"].itertuples()}
    needs = {name_key(r.kommune): r.vaerdi for r in newest[newest["felt"] == "udgiftsbehovsindeks"].itertuples()}
    names = dict.fromkeys([*all_kommuner, *figures["kommune"].unique(), *newest["kommune"].unique()])
    with_figures = {name_key(name) for name in [*figures["kommune"].unique(), *all_kommuner]}
    return [Candidate(name, sizes.get(name_key(name)), needs.get(name_key(name)), name_key(name) in with_figures)
            for name in names]


def country(comparison: Comparison, indicator: str, year: int) -> tuple[float | None, str | None]:
    """The country's figure and its source: a reference row for the whole country, else (several
    municipalities in the database) the figure of all of them with a shown figure together."""
    figures = comparison.figures
    rows = figures[(figures["kommune"] == builtin.COUNTRY) & (figures["indicator"] == indicator)
                   & (figures["year"] == year) & ~figures["hidden"].astype(bool)]
    if not rows.empty:
        return float(rows["value"].iloc[0]), str(rows["source"].iloc[0])
    if not comparison.in_database:
        return None, None
    shown = figures[(figures["source"] == DATABASE) & (figures["indicator"] == indicator)
                    & (figures["year"] == year) & ~figures["hidden"].astype(bool) & figures["value"].notna()]
    shown = shown[shown["denominator"] > 0]
    if shown.empty or catalogue.get(indicator).denominator is None:
        return None, None
    # Only the shown figures' own numerators and denominators: nothing hidden enters the sum.
    factor = (shown["value"] / (shown["numerator"] / shown["denominator"])).replace([np.inf, -np.inf], np.nan).dropna()
    if factor.empty:
        return None, None
    return float(shown["numerator"].sum() / shown["denominator"].sum() * factor.iloc[0]), ALL_DATABASE


def values_of(comparison: Comparison, indicator: str, year: int, members: list[str]) -> dict[str, float | None]:
    """The shown value of each member for the year (None: hidden or missing); the database's figure
    before a reference row for the same municipality."""
    figures = comparison.figures
    rows = figures[(figures["indicator"] == indicator) & (figures["year"] == year)]
    rows = rows.assign(order=(rows["source"] != DATABASE).astype(int)).sort_values("order")
    found: dict[str, float | None] = {}
    for member in members:
        own_rows = rows[rows["kommune"].map(name_key) == name_key(member)]
        if own_rows.empty or bool(own_rows["hidden"].iloc[0]) or pd.isna(own_rows["value"].iloc[0]):
            found[member] = None
        else:
            found[member] = float(own_rows["value"].iloc[0])
    return found


def summary(comparison: Comparison, indicator_ids: tuple[str, ...] = HEADLINE) -> pd.DataFrame:
    """One row per indicator: our value, trend, rank in the group, the group's median and our distance to
    it, and the country; for the newest year where we have a figure or the group has one."""
    members = [comparison.own, *comparison.group]
    rows = []
    for indicator in indicator_ids:
        years = sorted(comparison.figures.loc[comparison.figures["indicator"] == indicator, "year"].unique())
        years = [y for y in years if y <= comparison.year]
        if not years:
            rows.append({"indicator": indicator, "year": None})
            continue
        year = comparison.year if comparison.year in years else years[-1]
        values = values_of(comparison, indicator, year, members)
        before = values_of(comparison, indicator, year - 1, members)
        own, own_before = values[comparison.own], before[comparison.own]
        # Without a group there is nothing to rank among, and the "median" would be our own figure.
        grouped = bool(comparison.group)
        group_median = median(list(values.values())) if grouped else None
        median_before = median(list(before.values())) if grouped else None
        country_value, country_source, country_year = None, None, None
        for earlier in reversed(years):
            # The newest country figure up to the year (the reports' tables end in 2018).
            country_value, country_source = country(comparison, indicator, earlier)
            if country_value is not None:
                country_year = int(earlier)
                break
        rows.append({
            "indicator": indicator, "year": year, "own": own,
            "own_change": None if own is None or own_before is None else own - own_before,
            "rank": rank(values, comparison.own) if grouped else None,
            "ranked": sum(v is not None for v in values.values()),
            "members": len(members), "median": group_median,
            "distance": None if own is None or group_median is None else own - group_median,
            "median_change": None if group_median is None or median_before is None else group_median - median_before,
            "country": country_value, "country_source": country_source, "country_year": country_year,
            "own_hidden": own is None and _hidden(comparison, comparison.own, indicator, year)})
    return pd.DataFrame(rows)


def _hidden(comparison: Comparison, who: str, indicator: str, year: int) -> bool:
    figures = comparison.figures
    rows = figures[(figures["kommune"].map(name_key) == name_key(who)) & (figures["indicator"] == indicator)
                   & (figures["year"] == year)]
    return bool(rows["hidden"].astype(bool).any())


def ranking(comparison: Comparison, indicator: str) -> pd.DataFrame:
    """The group's members with their value for the indicator's newest year, highest first."""
    table = summary(comparison, (indicator,))
    year = table["year"].iloc[0]
    if year is None or pd.isna(year):
        return pd.DataFrame(columns=["kommune", "value", "rank", "own", "hidden", "year"])
    year = int(year)
    members = [comparison.own, *comparison.group]
    values = values_of(comparison, indicator, year, members)
    return pd.DataFrame([{"kommune": who, "value": value, "rank": rank(values, who), "own": who == comparison.own,
                          "hidden": value is None and _hidden(comparison, who, indicator, year), "year": year}
                         for who, value in values.items()]).sort_values(["rank", "kommune"], na_position="last")


def trend(comparison: Comparison, indicator: str) -> pd.DataFrame:
    """Per year: our value, the group's median and the country's figure (long: year, series, value)."""
    members = [comparison.own, *comparison.group]
    years = sorted(comparison.figures.loc[comparison.figures["indicator"] == indicator, "year"].unique())
    rows = []
    for year in (int(y) for y in years if y <= comparison.year):
        values = values_of(comparison, indicator, year, members)
        country_value, source = country(comparison, indicator, year)
        # The reports' country and all municipalities in the database are different series, never one line.
        rows += [{"year": year, "series": "own", "value": values[comparison.own]},
                 {"year": year, "series": "median",
                  "value": median(list(values.values())) if comparison.group else None},
                 {"year": year, "series": "database" if source == ALL_DATABASE else "country", "value": country_value}]
    return pd.DataFrame(rows, columns=["year", "series", "value"])
