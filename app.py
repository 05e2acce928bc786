"""Styringsdashboard: entry point, navigation and the filters shared by every page."""
from pathlib import Path

import streamlit as st

from steering_core.store import StoreError
from steering_core.texts import t
from steering_core.views import registry
from ui import components, context, printing

# A file of our own: a Material icon as the tab icon is fetched from outside the machine on every page load.
FAVICON = Path(__file__).parent / "ui" / "favicon.png"
st.set_page_config(page_title=t("app.title"), page_icon=str(FAVICON), layout="wide")

pages = [st.Page(page.file, title=t(page.title_key), icon=page.icon, default=page.default,
                 url_path=None if page.default else page.url_path) for page in registry.PAGES]
default = next(page for page, declared in zip(pages, registry.PAGES) if declared.default)
home = next(page for page in registry.PAGES if page.default)
navigation = st.navigation([
    *pages,
    # The default page is served at "/": its name in a link leads there instead of to "Page not found".
    st.Page(lambda: st.switch_page(default), title=t(home.title_key), url_path=home.url_path, visibility="hidden"),
])
page_context = context.render_sidebar()
presenting = navigation.url_path == "moede" and bool(st.session_state.get("w_present"))
components.page_chrome(page_context.is_demo, page_context.kommune, presenting=presenting)
if not presenting:
    components.breadcrumb(page_context)
printing.print_view(page_context)
try:
    navigation.run()
except StoreError as problem:
    # A save or read that waited too long for another program's save, or a database that cannot be
    # opened: said in Danish on the page, never a traceback.
    st.error(t("error.database", message=problem))
