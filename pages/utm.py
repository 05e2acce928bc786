"""UTM-møder: meetings per 1.000 children, by unit, outcomes and the funnel to § 11 and escalation."""
import streamlit as st

from steering_core.texts import t
from ui import cache, components, context

page = context.current()
store = page.source.store
st.title(t("utm.title"))
st.caption(f"{t('utm.intro')} · {page.kommune} · {page.scope} · {page.first} – {page.last}")

figures = cache.view_figures("utm", str(store.path), store.version_stamp(), context.request())
for number, fig in enumerate(figures):
    if number:
        st.divider()
    components.figure(fig, key=fig.key)
