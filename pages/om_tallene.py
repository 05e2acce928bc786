"""Om tallene: every indicator explained in one place, and the reports' reference figures."""
import streamlit as st

from steering_core import config
from steering_core.catalogue import DIMENSIONS
from steering_core.config import language
from steering_core.texts import t
from ui import cache, context

page = context.current()
st.title(t("about.title"))
st.caption(t("about.caption"))
st.markdown(t("about.disclosure", k=config.min_cell_size()))

infos = cache.of_values("about.indicators")     # the catalogue's declarations: the same for every view
for dimension, names in DIMENSIONS.items():
    st.header(names[language()])
    # One element per dimension: every element costs the server time on every view.
    st.markdown("\n\n".join(
        f"#### {info.name}\n"
        f"**{t('about.unit')}:** {info.unit} · **{t('about.sheets')}:** {', '.join(info.sheets)}  \n"
        f"**{t('about.definition')}:** {info.definition}  \n"
        f"**{t('about.hidden_label')}** {info.hidden}  \n"
        f"**{t('about.formula')}:** `{info.formula}`"
        for info in infos if info.dimension == dimension))

st.header(t("about.references"))
for title, source, table, note in cache.of_values("about.reference_tables"):
    st.subheader(title)
    st.table(table.set_index(table.columns[0]))
    st.caption(" · ".join(filter(None, [t("about.source", source=source), note])))
