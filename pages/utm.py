"""UTM-møder: meetings per 1.000 children, by unit, outcomes and the funnel to § 11 and escalation."""
import streamlit as st

from steering_core.texts import t
from steering_core.views import utm as view
from ui import cache, components, context

page = context.current()
store = page.source.store
st.title(t("utm.title"))
st.caption(f"{t('utm.intro')} · {page.kommune} · {page.scope} · {page.first} – {page.last}")

part = components.part_switch("utm", view.PARTS)
figures = cache.view_figures("utm", str(store.path), store.version_stamp(), context.request())
components.figures_in(figures, view.PARTS[part])
