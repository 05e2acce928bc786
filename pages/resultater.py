"""Resultater: does it work for the children? Result figures over time, and the political targets."""
import streamlit as st

from steering_core.texts import t
from ui import cache, components, context

page = context.current()
store = page.source.store
st.title(t("results.title"))
st.caption(f"{t('results.intro')} · {page.kommune} · {page.scope} · {page.first} – {page.last}")

figures = cache.view_figures("results", str(store.path), store.version_stamp(), context.request())
for number, fig in enumerate(figures):
    if number:
        st.divider()
    components.figure(fig, key=fig.key)
