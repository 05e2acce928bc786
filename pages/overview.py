"""Overblik: the headline indicators by steering dimension, as big tiles for the shared screen."""
import streamlit as st

from steering_core import formatting
from steering_core.catalogue import DIMENSIONS
from steering_core.config import language
from steering_core.texts import t
from ui import cache, context

TILES_PER_ROW = 4

page = context.current()
store = page.source.store
st.title(t("overview.title"))
st.caption(t("overview.caption", kommune=page.kommune, scope=page.scope, period=page.last,
             until=formatting.day(page.data_until)))
st.caption(t("overview.cutoffs", **{table: formatting.day(day) for table, day in
                                    cache.cutoffs(str(store.path), store.version_stamp(), page.kommune).items()}))

tiles = cache.tiles(str(store.path), store.version_stamp(), page.last, page.filters)
for dimension, names in DIMENSIONS.items():
    group = [tile for tile in tiles if tile.dimension == dimension]
    if not group:
        continue
    st.subheader(names[language()])
    for start in range(0, len(group), TILES_PER_ROW):
        columns = st.columns(TILES_PER_ROW)
        for column, tile in zip(columns, group[start:start + TILES_PER_ROW]):
            with column.container(border=True):
                st.metric(tile.title, tile.value, delta=tile.change_prev, delta_color=tile.colour,
                          delta_arrow=tile.arrow,
                          help=f"{tile.help}\n\n{t('overview.trend')}",
                          chart_data=[v for v in tile.trend if v is not None] or None,
                          chart_type="line", delta_description=t("overview.vs_prev"))
                notes = [tile.basis, t("overview.vs_year", change=tile.change_year) if tile.change_year
                         else t("overview.vs_year_none")]
                if tile.period and tile.period != page.last:
                    notes.append(t("overview.cohort", period=tile.period))
                if tile.note:
                    notes.append(tile.note)
                st.caption("  \n".join(notes))
