"""Indsatstrappen: children and kroner per step, and whether the municipality moves down the stairs."""
import streamlit as st

from steering_core.texts import t
from steering_core.views import staircase
from ui import cache, components, context

page = context.current()
store = page.source.store
st.title(t("stair.title"))
st.caption(f"{t('stair.intro')} · {page.kommune} · {page.scope} · {page.first} – {page.last}")

# The switch stands right above the figures it changes (over time and by district); the staircase
# picture above it always shows both children and kroner.
measure = st.session_state.get("stair_measure", staircase.MEASURES[0])
figures = cache.view_figures("staircase", str(store.path), store.version_stamp(), context.request(),
                             measure=measure)
switched = [fig for fig in figures if fig.key in staircase.BY_MEASURE]
components.figure(figures[0], key=figures[0].key)
st.divider()
st.radio(t("stair.measure"), staircase.MEASURES, horizontal=True, key="stair_measure",
         format_func=lambda m: t(f"stair.measure.{m}"))
for number, fig in enumerate(switched + [fig for fig in figures[1:] if fig.key not in staircase.BY_MEASURE]):
    if number:
        st.divider()
    components.figure(fig, key=fig.key)
