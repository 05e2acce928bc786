"""Styringsdashboard: entry point, navigation and the filters shared by every page."""
from pathlib import Path

import streamlit as st

from steering_core.store import StoreError
from steering_core.texts import t
from ui import components, context, printing

# A file of our own: a Material icon as the tab icon is fetched from outside the machine on every page load.
FAVICON = Path(__file__).parent / "ui" / "favicon.png"
st.set_page_config(page_title=t("app.title"), page_icon=str(FAVICON), layout="wide")

overview = st.Page("pages/overview.py", title=t("overview.title"), icon=":material/dashboard:", default=True)
navigation = st.navigation([
    overview,
    # The default page is served at "/": its name in a link leads there instead of to "Page not found".
    st.Page(lambda: st.switch_page(overview), title=t("overview.title"), url_path="overblik", visibility="hidden"),
    st.Page("pages/utm.py", title=t("utm.title"), icon=":material/groups:", url_path="utm"),
    st.Page("pages/paragraf11.py", title=t("p11.title"), icon=":material/timelapse:", url_path="paragraf11"),
    st.Page("pages/oekonomi.py", title=t("econ.title"), icon=":material/payments:", url_path="oekonomi"),
    st.Page("pages/indsatstrappen.py", title=t("stair.title"), icon=":material/stairs:", url_path="indsatstrappen"),
    st.Page("pages/investering.py", title=t("inv.title"), icon=":material/savings:", url_path="investering"),
    st.Page("pages/moede.py", title=t("meeting.title"), icon=":material/co_present:", url_path="moede"),
    st.Page("pages/om_tallene.py", title=t("about.title"), icon=":material/info:", url_path="om-tallene"),
    st.Page("pages/upload.py", title=t("upload.nav_title"), icon=":material/upload_file:", url_path="upload"),
])
page_context = context.render_sidebar()
components.page_chrome(page_context.is_demo, page_context.kommune,
                       presenting=navigation.url_path == "moede" and bool(st.session_state.get("w_present")))
printing.print_view(page_context)
try:
    navigation.run()
except StoreError as problem:
    # A save or read that waited too long for another program's save, or a database that cannot be
    # opened: said in Danish on the page, never a traceback.
    st.error(t("error.database", message=problem))
