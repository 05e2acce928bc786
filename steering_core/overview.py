"""The overview's tiles: the headline indicators, their trend and their change, ready to draw."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from steering_core import catalogue, config, formatting, periods, status, units
from steering_core.catalogue import Indicator
from steering_core.engine import Filters, Request, compute, supports
from steering_core.store import Store
from steering_core.texts import t

TREND_QUARTERS = 8
# The tiles a meeting opens on: three per steering dimension, so they fit one projector screen
# (1280×720 too). The other headline tiles are one click away.
FIRST_SCREEN = ("utm_per_1000", "p11_started", "p11_share_over_3m",
                "spend_vs_budget", "prevention_ratio", "spend_per_0_22_steps_4_6",
                "placements_per_1000", "notifications_per_1000", "escalation_after_utm")
# From here an amount is shown in millions: a full "1.452.157.456 kr." does not fit a tile.
MILLIONS_FROM = 10_000_000


@dataclass(frozen=True)
class Tile:
    indicator_id: str
    dimension: str
    title: str
    value: str
    period: str
    change_prev: str | None
    change_year: str | None
    # "normal" (up is good), "inverse" (down is good) or "off" (neither), as st.metric takes it.
    colour: str
    help: str
    trend: tuple[float | None, ...]
    note: str | None = None
    # What the figure covers, said on the tile: "Kvartalet 2026K3", "... omregnet til helår", "2026 til og med K3".
    basis: str = ""
    unit: str = ""                           # the unit in words ("pr. 1.000", "kr."), said beside the period
    # The political target for the figure at the tile's scope, in words, and its follow-up state
    # (steering_core/targets.py); None without one.
    target: str | None = None
    target_state: str | None = None
    # The value and the changes against the previous quarter and year as numbers (None where hidden or
    # missing), for exports that store numbers as numbers.
    numbers: tuple[float | None, float | None, float | None] = (None, None, None)

    @property
    def arrow(self) -> str:
        """st.metric's arrow: none for a change that reads as zero ("±0,0"), which is neither up nor down."""
        return "off" if self.change_prev and self.change_prev.startswith("±") else "auto"


def headline_indicators() -> list[Indicator]:
    return [indicator for indicator in catalogue.INDICATORS if indicator.headline]


def first_screen(tiles: list[Tile]) -> tuple[list[Tile], list[Tile]]:
    """The tiles of the first screen, in dimension order, and the others."""
    order = list(catalogue.DIMENSIONS)
    first = sorted((tile for tile in tiles if tile.indicator_id in FIRST_SCREEN),
                   key=lambda tile: (order.index(tile.dimension), FIRST_SCREEN.index(tile.indicator_id)))
    return first, [tile for tile in tiles if tile.indicator_id not in FIRST_SCREEN]


def format_value(indicator: Indicator, value: float | None, suppressed: bool = False,
                 min_cell: int | None = None, state: str | None = None) -> str:
    """The figure as a tile or cell shows it; a figure without a number says which of the states
    (steering_core/status.py) it is in, and a hidden median, ratio or amount says "skjult", not "< 5"."""
    if suppressed or state == status.HIDDEN:
        return status.hidden_text(indicator.unit, counted(indicator), min_cell)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return status.blank_text(state) if state in status.BLANK else "–"
    if indicator.unit == "kr" and abs(value) >= MILLIONS_FROM:
        return t("tile.mio", value=formatting.number(value / 1e6, 1))
    return units.get(indicator.unit).text(value, indicator.decimals)


def counted(indicator: Indicator) -> bool:
    """Whether the figure is itself a count of children, meetings or courses (then "< 5" is honest)."""
    return indicator.denominator is None and indicator.numerator.reducer == "sql" \
        and indicator.numerator.expr.lower().startswith("count")


def basis(indicator: Indicator, period: str) -> str:
    """What a tile's figure covers, in words."""
    if indicator.tile_span == "year_to_date":
        text = t("tile.basis.year_to_date", year=period[:4], period=period)
    else:
        text = t("tile.basis.quarter", period=period)
    return text + (t("tile.basis.annualised") if indicator.annualise else "")


def format_change(indicator: Indicator, change: float | None) -> str | None:
    if change is None or (isinstance(change, float) and math.isnan(change)):
        return None
    if indicator.unit == "kr" and abs(change) >= MILLIONS_FROM:
        text = formatting.signed(change / 1e6, 1, t("tile.mio_unit"))
    else:
        text = units.get(indicator.unit).change(change, indicator.decimals)
    # ASCII minus: st.metric reads the sign from the first character to pick the arrow and colour.
    return text.replace("−", "-")


def colour(indicator: Indicator, change: float | None = None) -> str:
    """How st.metric should colour a change: grey when it is neutral or within the stable band."""
    if change is None or pd.isna(change) or abs(change) <= indicator.stable_within \
            or formatting.reads_as_zero(change, indicator.decimals):  # neither good nor bad
        return "off"
    return {True: "normal", False: "inverse", None: "off"}[indicator.higher_is_better]


def tiles(store: Store, last: str, filters: Filters, indicator_ids: list[str] | None = None) -> list[Tile]:
    """A tile per headline indicator (or the ones named) for the quarter ``last`` and the trend up to it."""
    first = periods.shift_quarters(periods.parse_quarter(last), -(TREND_QUARTERS - 1)).label
    chosen = [catalogue.get(i) for i in indicator_ids] if indicator_ids is not None else headline_indicators()
    # Each indicator at the narrowest scope it exists at; one engine call per scope, so indicators
    # on the same source share their queries.
    left, frames, notes = list(chosen), {}, {}
    for scope, note in _scopes(filters):
        request = Request(first, last, "kvartal", (), scope)
        group = [i for i in left if supports(i, request)]
        if group:
            computed = compute(store, [i.id for i in group], request)
            frames.update({i.id: computed[computed["indicator"] == i.id].reset_index(drop=True) for i in group})
            notes.update({i.id: note for i in group})
            to_date = [i for i in group if i.tile_span == "year_to_date"]
            if to_date:
                # The year so far as one figure, as the tables beside such a tile show it.
                year = replace(request, first=f"{periods.parse_quarter(last).start.year}K1", grain="samlet")
                whole = compute(store, [i.id for i in to_date], year)
                for indicator in to_date:
                    mine = whole[whole["indicator"] == indicator.id].assign(period=last)
                    frames[indicator.id] = pd.concat([frames[indicator.id].iloc[:-1], mine], ignore_index=True)
        left = [i for i in left if i not in group]
    found = [_tile(i, frames[i.id], notes[i.id]) if i.id in frames else not_applicable_tile(i) for i in chosen]
    return with_targets(store, found, last, filters)


def with_targets(store: Store, found: list[Tile], last: str, filters: Filters) -> list[Tile]:
    """The tiles with the target set for their figure at the chosen scope (the municipality or a
    district; a unit has no targets of its own), followed up to ``last``."""
    from steering_core import targets

    if filters.enheder:
        return found
    kommune = filters.kommune or store.meta().get("kommune", "")
    district = filters.distrikter[0] if filters.distrikter else targets.MUNICIPALITY
    wanted = {s.target.indicator_id: s for s in targets.current(store, kommune) if s.target.district == district}
    result = []
    for tile in found:
        stored = wanted.get(tile.indicator_id)
        if stored is None:
            result.append(tile)
            continue
        follow = targets.follow_up(store, stored, last, filters.kommune)
        indicator = catalogue.get(tile.indicator_id)
        text = t("target.tile_text", deadline=stored.target.deadline, value=format_value(indicator, stored.target.value),
                 state=t(f"target.state.{follow.state}"))
        result.append(replace(tile, target=text, target_state=follow.state))
    return result


def _scopes(filters: Filters):
    """The chosen scope, then ever wider ones, each with the note a tile shown at it carries."""
    yield filters, None
    if filters.enheder:
        districts = replace(filters, enheder=())
        yield districts, t("overview.districts_level") if districts.distrikter else t("overview.whole_units")
    if filters.distrikter or filters.enheder:
        yield Filters(kommune=filters.kommune), t("overview.whole_municipality")


def _tile(indicator: Indicator, frame: pd.DataFrame, note: str | None) -> Tile:
    # A cohort or duration measure may have no figure yet for the newest quarter (not yet known), and
    # a source may not have been uploaded for it: the tile then shows its newest quarter with a
    # figure (a number, a zero or a hidden one), and says which.
    with_figure = frame[frame["status"].isin([status.VALUE, status.ZERO, status.HIDDEN])] \
        if "status" in frame else frame[frame["value"].notna() | frame["suppressed"].astype(bool)]
    shown = with_figure if not with_figure.empty else frame
    latest = shown.iloc[-1] if not shown.empty else None
    trend = tuple(None if pd.isna(v) else float(v) for v in frame["value"]) if not frame.empty else ()
    lang = config.language()
    if latest is None:
        return Tile(indicator.id, indicator.dimension, indicator.name(lang), status.blank_text(status.NO_DATA), "",
                    None, None, "off", _help(indicator), trend, note)
    suppressed = bool(latest["suppressed"])
    return Tile(
        indicator_id=indicator.id,
        dimension=indicator.dimension,
        title=indicator.name(lang),
        value=format_value(indicator, latest["value"], suppressed, state=latest.get("status")),
        period=str(latest["period"]),
        change_prev=None if suppressed else format_change(indicator, latest["change_prev"]),
        change_year=None if suppressed else format_change(indicator, latest["change_year"]),
        colour=colour(indicator, None if suppressed else latest["change_prev"]),
        help=_help(indicator),
        trend=trend,
        note=note,
        basis=basis(indicator, str(latest["period"])),
        unit=unit_name(indicator),
        numbers=(None, None, None) if suppressed else tuple(
            None if pd.isna(latest[c]) else float(latest[c]) for c in ("value", "change_prev", "change_year")),
    )


def unit_name(indicator: Indicator) -> str:
    return units.get(indicator.unit).name(config.language())


def not_applicable_tile(indicator: Indicator) -> Tile:
    """A tile for a figure that does not exist at any scope offered."""
    return Tile(indicator.id, indicator.dimension, indicator.name(config.language()),
                status.blank_text(status.NOT_APPLICABLE), "", None, None, "off", _help(indicator), ())


def _help(indicator: Indicator) -> str:
    lang = config.language()
    direction = {True: t("direction.up"), False: t("direction.down"), None: t("direction.neutral")}
    return f"{indicator.definition(lang)}\n\n{direction[indicator.higher_is_better]}"
