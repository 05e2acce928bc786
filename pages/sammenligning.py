"""Sammenligning: the municipality against the country, a comparison group and chosen municipalities."""
import streamlit as st

from steering_core import catalogue, config
from steering_core.engine import Filters, Request
from steering_core.reference import builtin, fields
from steering_core.texts import t
from ui import cache, components, context

page = context.current()
store = page.source.store
path, stamp = str(store.path), store.version_stamp()
st.title(t("cmp.title"))
st.caption(f"{t('cmp.intro')} · {page.kommune} · {page.first} – {page.last}")
# The comparison is between municipalities: the district and unit filters do not apply here.
request = Request(page.first, page.last, filters=Filters(kommune=page.filters.kommune))
choices = cache.core("views.comparison.choices", path, stamp, request)

options = [c.name for c in choices.candidates if c.comparable and c.name != choices.own
           and c.name != builtin.COUNTRY]
if "cmp_group" not in st.session_state or st.session_state.get("cmp_own") != choices.own:
    st.session_state["cmp_group"] = [g for g in choices.suggested if g in options]
    st.session_state["cmp_own"] = choices.own
st.session_state["cmp_group"] = [g for g in st.session_state["cmp_group"] if g in options]

if not choices.in_database and not choices.suggested:
    st.info(t("cmp.no_peers", kommune=choices.own))
left, right = st.columns([3, 1])
group = left.multiselect(t("cmp.group"), options, key="cmp_group",
                         help=t("cmp.group_help", n=len(choices.suggested)), placeholder=t("cmp.group_placeholder"))
if right.button(t("cmp.suggest"), disabled=not choices.suggested, key="cmp_use_suggestion"):
    st.session_state.pop("cmp_group")
    st.session_state.pop("cmp_own")
    st.rerun()
indicator = st.selectbox(t("cmp.indicator"), fields.COMPARABLE, key="cmp_indicator",
                         index=fields.COMPARABLE.index("prevention_ratio"),
                         format_func=lambda i: catalogue.get(i).name(config.language()))

figures = cache.view_figures("comparison", path, stamp, request, indicator=indicator, group=tuple(group))
for number, fig in enumerate(figures):
    if number:
        st.divider()
    components.figure(fig, key=fig.key, wrap=fig.chart is None)

with st.expander(t("cmp.reference")):
    st.caption(t("cmp.reference_caption"))
    st.dataframe(cache.core("views.comparison.reference_table", path, stamp), hide_index=True, width="stretch")
