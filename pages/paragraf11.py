"""§ 11-forløb: started, active and ended courses, who granted them, and how long they really run."""
import streamlit as st

from steering_core.texts import t
from steering_core.views import p11
from ui import cache, components, context

page = context.current()
store = page.source.store
st.title(t("p11.title"))
st.caption(f"{page.kommune} · {page.scope} · {page.first} – {page.last}")

# The overdue threshold is fixed: a threshold a user could step would reveal single courses.
group = st.radio(t("p11.survival_group"), p11.SURVIVAL_GROUPS, horizontal=True, key="p11_group",
                 format_func=lambda g: t(f"p11.group.{g}"))

figures = cache.view_figures("p11", str(store.path), store.version_stamp(), context.request(),
                             survival_group=group)
for number, fig in enumerate(figures):
    if number:
        st.divider()
    components.figure(fig, key=fig.key)
