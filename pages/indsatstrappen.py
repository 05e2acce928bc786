"""Indsatstrappen: children and kroner per step, and whether the municipality moves down the stairs."""
import streamlit as st

from steering_core.texts import t
from steering_core.views import staircase
from ui import cache, components, context

page = context.current()
store = page.source.store
st.title(t("stair.title"))
st.caption(f"{t('stair.intro')} · {page.kommune} · {page.scope} · {page.first} – {page.last}")

measure = st.radio(t("stair.measure"), staircase.MEASURES, horizontal=True, key="stair_measure",
                   format_func=lambda m: t(f"stair.measure.{m}"))

figures = cache.view_figures("staircase", str(store.path), store.version_stamp(), context.request(),
                             measure=measure)
for number, fig in enumerate(figures):
    if number:
        st.divider()
    components.figure(fig, key=fig.key)
