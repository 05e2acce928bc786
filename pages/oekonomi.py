"""Økonomi på tværs: who grants and who pays, budget follow-up, volume and price, distribution keys."""
import streamlit as st

from steering_core import access, distribution, formatting
from steering_core.domain import SECTORS
from steering_core.texts import t
from steering_core.views import economy
from ui import auth, cache, components, context

NEW = "__nyt__"

actor = auth.current()
page = context.current()
store = page.source.store
data = (str(store.path), store.version_stamp())
request = context.request()
st.title(t("econ.title"))
st.caption(f"{t('econ.intro')} · {page.kommune} · {page.scope} · {page.first} – {page.last}")

part = components.part_switch("econ", economy.PARTS)
sector, pool, planned = "", 0, ()
if part in ("spend", "budget"):
    left, right = st.columns(2)
    sector = left.selectbox(t("econ.sector_pick"), ["", *cache.core("views.economy.sectors", *data, request)],
                            key="econ_sector", format_func=economy.sector_name, persist_state="session")
if part == "budget":
    # Text inputs read and show Danish numbers ("250.000"); a number input shows "250000" and "30.00".
    pool = formatting.parse_number(right.text_input(t("econ.pool"), value="0", key="econ_pool",
                                                    help=t("econ.pool_help"), persist_state="session"))
    if pool is None or pool < 0:
        right.warning(t("econ.pool_invalid"))
        pool = 0
    with st.expander(t("econ.planned_title")):
        st.caption(t("econ.planned_help"))
        planned = components.kept_editor("econ_planned", economy.planned_editor_frame, economy.planned_rows,
                                         num_rows="dynamic", hide_index=True, placeholder="", column_config={
            "sector": st.column_config.SelectboxColumn(t("econ.col.planned_sector"), options=list(SECTORS),
                                                       format_func=economy.sector_name),
            "monthly": st.column_config.NumberColumn(t("econ.col.planned_monthly"), min_value=0, step=1000,
                                                     format="%d"),
            "start": st.column_config.DateColumn(t("econ.col.planned_start"), format="DD-MM-YYYY"),
            "stop": st.column_config.DateColumn(t("econ.col.planned_stop"), format="DD-MM-YYYY")})


def below(fig) -> None:
    """The budget's table and the commitments' method under their figures."""
    if fig.key == "econ_budget" and not fig.empty:
        st.dataframe(economy.finance_display(fig.table, fig.columns), hide_index=True, width="stretch")
    if fig.key == "econ_commit":
        with st.expander(t("econ.method_title")):
            st.markdown(t("econ.method_text"))


if economy.PARTS[part]:
    figures = cache.view_figures("economy", *data, request, sector=sector, pool=int(pool), kommune=page.kommune,
                                 planned=planned)
    components.figures_in(figures, economy.PARTS[part], after=below)
    st.stop()       # the rest of the page is the distribution keys' part

# Distribution keys: every save is a new version; nothing is overwritten.
st.header(t("econ.keys"))
st.caption(t("econ.keys_intro"))
if "_econ_pending_project" in st.session_state:
    st.session_state["econ_project"] = st.session_state.pop("_econ_pending_project")
if "_econ_flash" in st.session_state:
    st.success(st.session_state.pop("_econ_flash"))
projects = cache.core("distribution.projects", *data, page.kommune)
choice = st.selectbox(t("econ.key_project"), [*projects, NEW], key="econ_project",
                      format_func=lambda p: t("econ.key_new") if p == NEW else p)
current = None if choice == NEW else cache.core("distribution.current", *data, page.kommune, choice)
if choice != NEW:
    components.figure(cache.core("views.economy.key_figure", *data, request, page.kommune, choice), key="econ_key")

if actor.may("keys"):
    with st.form("econ_key_form"):
        name = st.text_input(t("econ.key_name"), value="" if choice == NEW else choice, key=f"econ_key_name_{choice}")
        columns = st.columns(4)
        shares = {sector_code: formatting.parse_number(columns[i % 4].text_input(
            t("econ.key_share", sector=economy.sector_name(sector_code)), key=f"econ_share_{choice}_{sector_code}",
            value=formatting.trimmed(current.shares.get(sector_code, 0.0) if current else 0.0)))
            for i, sector_code in enumerate(SECTORS)}
        user = actor.name if actor.kind == access.LOGIN else st.text_input(t("econ.key_user"), key="econ_key_user")
        note = st.text_input(t("econ.key_note"), key=f"econ_key_note_{choice}")
        if st.form_submit_button(t("econ.key_save")):
            try:
                saved = distribution.save(store, page.kommune, name, shares, user, note,
                                          sector_names={s: economy.sector_name(s) for s in SECTORS}, actor=actor)
            except distribution.DistributionError as problems:
                for problem in problems.problems:
                    st.error(problem)
            else:
                st.session_state["_econ_flash"] = t("econ.key_saved", project=saved.project, version=saved.version)
                st.session_state["_econ_pending_project"] = saved.project
                st.rerun()

if choice != NEW:
    history, workbook = cache.core("views.economy.key_history", *data, page.kommune, choice)
    if not history.empty:
        st.subheader(t("econ.key_history"))
        st.dataframe(history, hide_index=True, width="stretch")
        st.download_button(t("econ.key_history_xlsx"), data=workbook, file_name="fordelingsnoegle.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="econ_key_history_xlsx", on_click="ignore")
