"""Overblik: the headline indicators by steering dimension, as big tiles for the shared screen."""
import streamlit as st

from steering_core import formatting, overview
from steering_core.catalogue import DIMENSIONS
from steering_core.config import language
from steering_core.texts import t
from ui import cache, context

TILES_PER_ROW = 3      # a value as wide as "1.533,5 mio. kr." still fits a tile at 1280×720

page = context.current()
store = page.source.store
st.title(t("overview.title"))
st.caption(t("overview.caption", kommune=page.kommune, scope=page.scope, period=page.last,
             until=formatting.day(page.data_until)))
st.caption(t("overview.cutoffs", **{table: formatting.day(day) for table, day in
                                    cache.cutoffs(str(store.path), store.version_stamp(), page.kommune).items()}))


def draw(tile: overview.Tile) -> None:
    st.metric(tile.title, tile.value, delta=tile.change_prev, delta_color=tile.colour, delta_arrow=tile.arrow,
              help=f"{tile.help}\n\n{t('overview.trend')}",
              chart_data=[v for v in tile.trend if v is not None] or None,
              chart_type="line", delta_description=t("overview.vs_prev"))
    notes = [t("tile.period_unit", basis=tile.basis, unit=tile.unit) if tile.basis else tile.unit,
             t("overview.vs_year", change=tile.change_year) if tile.change_year else t("overview.vs_year_none")]
    if tile.period and tile.period != page.last:
        notes.append(t("overview.cohort", period=tile.period))
    if tile.note:
        notes.append(tile.note)
    if tile.target:
        notes.append(f"{t('target.mark.' + tile.target_state)} **{tile.target}**")
    st.caption("  \n".join(notes))


def rows(tiles: list[overview.Tile]) -> None:
    for start in range(0, len(tiles), TILES_PER_ROW):
        for column, tile in zip(st.columns(TILES_PER_ROW), tiles[start:start + TILES_PER_ROW]):
            with column.container(border=True):
                draw(tile)


first, rest = overview.first_screen(cache.tiles(str(store.path), store.version_stamp(), page.last, page.filters))
for dimension, names in DIMENSIONS.items():
    group = [tile for tile in first if tile.dimension == dimension]
    if group:
        st.subheader(names[language()])
        rows(group)
if rest:
    with st.expander(t("overview.more", n=len(rest))):
        rows(rest)
