"""Styringsdashboard: entry point, navigation and the filters shared by every page."""
import streamlit as st

from steering_core.store import StoreError
from steering_core.texts import t
from steering_core.views import registry
from ui import components, context

st.set_page_config(page_title=t("app.title"), page_icon=":material/monitoring:", layout="wide")

navigation = st.navigation([
    st.Page(page.file, title=t(page.title_key), icon=page.icon, url_path=page.url_path, default=page.default)
    for page in registry.PAGES])
page_context = context.render_sidebar()
presenting = navigation.url_path == "moede" and bool(st.session_state.get("w_present"))
components.page_chrome(page_context.is_demo, page_context.kommune, presenting=presenting)
if not presenting:
    components.breadcrumb(page_context)
try:
    navigation.run()
except StoreError as problem:
    # A save or read that waited too long for another program's save, or a database that cannot be
    # opened: said in Danish on the page, never a traceback.
    st.error(t("error.database", message=problem))
