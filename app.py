"""Styringsdashboard: entry point, login, navigation and the filters shared by every page."""
import streamlit as st

from steering_core.store import StoreError
from steering_core.texts import t
from steering_core.views import registry
from ui import auth, components, context, printing

st.set_page_config(page_title=t("app.title"), page_icon=components.FAVICON_URL, layout="wide")
components.count_run()

# Before anything is drawn: who is this (login, or local mode), and what may they see?
try:
    user = auth.gate()
except StoreError as problem:       # the access database busy or unreadable: nobody gets in unchecked
    st.error(t("error.database", message=problem))
    st.stop()
allowed = [page for page in registry.PAGES
           if user.may(page.needs) or (page.needs == "upload" and auth.local_exposed(user))]
pages = [st.Page(page.file, title=t(page.title_key), icon=page.icon, default=page.default,
                 url_path=None if page.default else page.url_path) for page in allowed]
hidden = [
    # The default page is served at "/": its name in a link leads there instead of to "Page not found".
    st.Page(lambda default=page: st.switch_page(default), title=t(declared.title_key), url_path=declared.url_path,
            visibility="hidden") for page, declared in zip(pages, allowed) if declared.default]
navigation = st.navigation(pages + hidden)
if user.may("read"):
    page_context = context.render_sidebar()
    presenting = navigation.url_path == "moede" and bool(st.session_state.get("w_present"))
    components.page_chrome(page_context.is_demo, page_context.kommune, presenting=presenting)
    if not presenting:
        components.breadcrumb(page_context)
    printing.print_view(page_context)
else:
    components.page_chrome(False, "")
    st.info(t("access.no_read", roles=user.describe()))
try:
    navigation.run()
except StoreError as problem:
    # A save or read that waited too long for another program's save, or a database that cannot be
    # opened: said in Danish on the page, never a traceback.
    st.error(t("error.database", message=problem))
