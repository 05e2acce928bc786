"""Investeringscases: costs against expected gains per year and sector, scenarios side by side, the follow-up
against what actually happened, and efficiency requirements across sectors."""
from datetime import date

import streamlit as st

from steering_core import access, efficiency, formatting
from steering_core import investment as inv
from steering_core import investment_excel, investment_store
from steering_core.store import StoreError
from steering_core.texts import t
from steering_core.upload.problems import problems_frame
from steering_core.views import investment as view
from ui import auth, cache, components, context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def author(typed: str) -> str:
    """The logged-in user saves under their own name; in local mode the name typed."""
    return actor.name if actor.kind == access.LOGIN else typed


actor = auth.current()
page = context.current()
store = page.source.store
data = (str(store.path), store.version_stamp())
st.title(t("inv.title"))
st.caption(f"{t('inv.intro')} · {page.kommune}")
st.warning(t("inv.assumptions"), icon=":material/warning:")

if "_inv_pending" in st.session_state:
    st.session_state["inv_case"] = st.session_state.pop("_inv_pending")
if "_inv_flash" in st.session_state:
    st.success(st.session_state.pop("_inv_flash"))

names = cache.core("investment_store.case_names", *data, page.kommune)
if not names:
    st.info(t("inv.none"))
else:
    name = st.selectbox(t("inv.pick_case"), names, key="inv_case")
    case, version = cache.core("investment_store.latest_case", *data, page.kommune, name)
    st.caption(t("inv.case_meta", intervention=case.intervention, start=case.start_year, horizon=case.horizon,
                 version=version.version, saved=formatting.day(version.saved), user=version.user))
    if case.description:
        st.markdown(case.description)
    components.figure(cache.of_values("views.investment.break_even_figure", case), key="inv_break_even",
                      with_note=False)

    st.divider()
    st.subheader(t("inv.sector_title"))
    scenarios = [s.name for s in case.scenarios]
    scenario = st.radio(t("inv.scenario_pick"), scenarios, horizontal=True, key=f"inv_scenario_{name}",
                        index=scenarios.index(inv.EXPECTED) if inv.EXPECTED in scenarios else 0,
                        format_func=view.scenario_name)
    sectors = cache.of_values("views.investment.sector_table", case, scenario)
    st.dataframe(view.shown_kroner(sectors), hide_index=True, width="stretch")
    st.caption(t("inv.sector_caption"))
    left, right, _ = st.columns([1, 1, 2])
    # Workbooks are written when asked for, not on every view.
    left.download_button(t("inv.download_sectors"), file_name="investeringscase_sektorer.xlsx", mime=XLSX,
                         data=lambda frame=sectors: view.table_xlsx(frame, t("inv.sector_title")),
                         key="inv_sectors_xlsx", on_click="ignore")
    right.download_button(t("inv.download_case"), data=lambda shown=case: investment_excel.write(shown),
                          file_name=f"{case.name}.xlsx", mime=XLSX, key="inv_case_xlsx", on_click="ignore")

    st.divider()
    st.header(t("inv.followup_header"))
    found = cache.investment_follow_up(*data, page.kommune, name, scenario)
    if found is None:
        st.info(t("inv.no_followup_data"))
    elif found.years.empty:
        st.info(t("inv.not_started", year=case.start_year, until=formatting.day(found.data_until)))
    else:
        components.figure(cache.investment_follow_up_figure(*data, page.kommune, name, scenario), key="inv_follow_up",
                          with_note=False)
        st.subheader(t("inv.followup_years"))
        st.dataframe(view.follow_up_years(found), hide_index=True, width="stretch")
        st.caption(view.follow_up_years_caption(case))
        st.subheader(t("inv.followup_effects"))
        effects = view.follow_up_effects(found)
        if effects.empty:
            st.info(t("inv.no_effects"))
        else:
            st.dataframe(effects, hide_index=True, width="stretch")
            st.caption(t("inv.followup_effects_caption"))
    with st.expander(t("inv.versions")):
        versions = cache.core("investment_store.case_versions", *data, page.kommune, name)
        st.dataframe(investment_store.versions_frame(versions),
                     hide_index=True, width="stretch")

st.divider()
st.header(t("inv.upload_header"))
st.download_button(t("inv.template"), data=investment_excel.write, file_name="investeringscase_skabelon.xlsx",
                   mime=XLSX, key="inv_template", on_click="ignore")
if actor.may("cases"):
    with st.form("inv_upload_form"):
        upload = st.file_uploader(t("inv.upload"), type=["xlsx"], key="inv_upload")
        user = actor.name if actor.kind == access.LOGIN else st.text_input(t("inv.upload_user"), key="inv_user")
        note = st.text_input(t("inv.upload_note"), key="inv_note")
        if st.form_submit_button(t("inv.upload_save")) and upload is not None:
            reading = investment_excel.read(upload.getvalue())
            if not reading.ok:
                st.error(t("inv.upload_problems"))
                st.dataframe(problems_frame(reading.problems), hide_index=True, width="stretch")
            else:
                try:
                    saved = investment_store.save_case(store, page.kommune, reading.case, author(user), note, actor=actor)
                except StoreError as problem:
                    st.error(str(problem))
                else:
                    st.session_state["_inv_flash"] = t("inv.saved", name=saved.name, version=saved.version)
                    st.session_state["_inv_pending"] = saved.name
                    st.rerun()

st.divider()
st.header(t("inv.requirements"))
if "_inv_req_pending" in st.session_state:
    st.session_state["inv_requirement"] = st.session_state.pop("_inv_req_pending")
if "_inv_req_flash" in st.session_state:
    st.success(st.session_state.pop("_inv_req_flash"))
requirements = cache.core("investment_store.requirement_names", *data, page.kommune)
requirement = None
if not requirements:
    st.info(t("inv.no_requirements"))
else:
    chosen = st.selectbox(t("inv.requirement_pick"), requirements, key="inv_requirement")
    requirement, _ = cache.core("investment_store.latest_requirement", *data, page.kommune, chosen)
    st.dataframe(cache.core("views.investment.requirement_table", *data, page.kommune, requirement), hide_index=True,
                 width="stretch")
    st.caption(view.requirement_caption(requirement))

if actor.may("cases"):
    with st.expander(t("inv.req.new")), st.form("inv_requirement_form"):
        form = view.requirement_form(requirement, date.today().year)
        suffix = form["name"]       # each requirement's form starts from its own values
        req_name = st.text_input(t("inv.req.name"), value=form["name"], key=f"inv_req_name_{suffix}")
        req_project = st.text_input(t("inv.req.project"), value=form["project"], key=f"inv_req_project_{suffix}")
        left, right = st.columns(2)
        baseline = left.number_input(t("inv.req.baseline"), min_value=2000, max_value=2100, step=1,
                                     value=form["baseline"], key=f"inv_req_base_{suffix}")
        rule = right.radio(t("inv.req.rule"), efficiency.SHORTFALL_RULES, index=form["rule"], horizontal=True,
                           key=f"inv_req_rule_{suffix}", format_func=lambda r: t(f"inv.req.rule.{r}"))
        left, right = st.columns(2)
        years = left.data_editor(form["years"], num_rows="dynamic", hide_index=True, placeholder="",
                                 key=f"inv_req_years_{suffix}",
                                 column_config={"year": st.column_config.NumberColumn(t("inv.col.year"), format="%d"),
                                                "amount": st.column_config.NumberColumn(t("inv.col.amount"), min_value=0)})
        key = right.data_editor(form["key"], hide_index=True, disabled=["name"], placeholder="",
                                key=f"inv_req_key_{suffix}",
                                column_config={"sector": None, "name": st.column_config.TextColumn(t("inv.col.sector")),
                                               "share": st.column_config.NumberColumn(t("inv.col.share"), min_value=0,
                                                                                      max_value=100)})
        req_user = actor.name if actor.kind == access.LOGIN else st.text_input(t("inv.upload_user"),
                                                                               key="inv_req_user")
        if st.form_submit_button(t("inv.req.save")):
            made, problems = efficiency.from_tables(req_name, req_project, baseline, rule, years, key,
                                                    author(req_user))
            for problem in problems:
                st.error(problem)
            if made:
                saved = investment_store.save_requirement(store, page.kommune, made.name, efficiency.to_dict(made),
                                                          author(req_user), actor=actor)
                st.session_state["_inv_req_flash"] = t("inv.req.saved", name=saved.name, version=saved.version)
                st.session_state["_inv_req_pending"] = saved.name
                st.rerun()
