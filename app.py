"""Styringsdashboard: entry point, navigation and the filters shared by every page."""
import streamlit as st

from steering_core.store import StoreError
from steering_core.texts import t
from ui import components, context

st.set_page_config(page_title=t("app.title"), page_icon=":material/monitoring:", layout="wide")

navigation = st.navigation([
    st.Page("pages/overview.py", title=t("overview.title"), icon=":material/dashboard:", url_path="overblik", default=True),
    st.Page("pages/utm.py", title=t("utm.title"), icon=":material/groups:", url_path="utm"),
    st.Page("pages/paragraf11.py", title=t("p11.title"), icon=":material/timelapse:", url_path="paragraf11"),
    st.Page("pages/resultater.py", title=t("results.title"), icon=":material/favorite:", url_path="resultater"),
    st.Page("pages/oekonomi.py", title=t("econ.title"), icon=":material/payments:", url_path="oekonomi"),
    st.Page("pages/indsatstrappen.py", title=t("stair.title"), icon=":material/stairs:", url_path="indsatstrappen"),
    st.Page("pages/sammenligning.py", title=t("cmp.title"), icon=":material/compare_arrows:", url_path="sammenligning"),
    st.Page("pages/investering.py", title=t("inv.title"), icon=":material/savings:", url_path="investering"),
    st.Page("pages/moede.py", title=t("meeting.title"), icon=":material/co_present:", url_path="moede"),
    st.Page("pages/upload.py", title=t("upload.nav_title"), icon=":material/upload_file:", url_path="upload"),
])
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
