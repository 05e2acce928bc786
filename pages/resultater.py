"""Resultater: does it work for the children? Result figures over time, and the political targets."""
import streamlit as st

from steering_core import access, catalogue, targets, targets_sheet
from steering_core.config import language
from steering_core.texts import t
from steering_core.upload.problems import problems_frame
from steering_core.views import results as view
from ui import auth, cache, components, context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

actor = auth.current()
page = context.current()
store = page.source.store
path, stamp = str(store.path), store.version_stamp()
st.title(t("results.title"))
st.caption(f"{t('results.intro')} · {page.kommune} · {page.scope} · {page.first} – {page.last}")
if "_target_flash" in st.session_state:
    st.success(st.session_state.pop("_target_flash"))

part = components.part_switch("results", view.PARTS)
figures = cache.view_figures("results", path, stamp, context.request())
if part != "targets":
    components.figures_in(figures, view.PARTS[part])
    if part == "citizens":
        st.divider()
        st.header(t("fit.section"))
        for fig in cache.view_figures("fit", path, stamp, context.request()):
            components.figure(fig, key=fig.key)
    st.stop()       # the rest of the page is the targets' part

st.header(t("target.section"))
st.caption(t("target.section_intro"))
components.figures_in(figures, view.PARTS["targets"])
charts = cache.core("views.results.target_figures", path, stamp, context.request())
for fig in charts:
    components.figure(fig, key=fig.key, with_note=False, height=300)

districts = cache.districts(path, stamp, page.filters.kommune)
ids = [indicator.id for indicator in catalogue.INDICATORS]
names = {indicator.id: indicator.name(language()) for indicator in catalogue.INDICATORS}
if actor.may("targets"):
    with st.expander(t("target.form"), expanded=not charts):
        indicator_id = st.selectbox(t("target.form.indicator"), ids, format_func=names.get, key="target_indicator",
                                    index=ids.index("fit_effect"))
        with st.form("target_form"):
            left, right = st.columns(2)
            district = left.selectbox(t("target.form.scope"), ["", *districts], key="target_scope",
                                      format_func=view.scope_name)
            value = right.number_input(t("target.form.value"), value=0.0, step=0.1, format="%.1f", key="target_value")
            direction = left.radio(t("target.form.direction"), targets.DIRECTIONS, horizontal=True,
                                   index=targets.DIRECTIONS.index(targets.default_direction(indicator_id)),
                                   format_func=lambda d: t(f"target.direction.{d}"), key=f"target_direction_{indicator_id}")
            year = int(page.last[:4])
            deadline = right.number_input(t("target.form.deadline"), value=year + 2, step=1, key="target_deadline")
            baseline = left.number_input(t("target.form.baseline"), value=year - 1, step=1, key="target_baseline")
            user = actor.name if actor.kind == access.LOGIN else right.text_input(t("target.form.user"),
                                                                                  key="target_user")
            decision = st.text_area(t("target.form.decision"), key="target_decision")
            active = st.checkbox(t("target.form.active"), value=True, key="target_active")
            if st.form_submit_button(t("target.form.save"), type="primary"):
                target = targets.Target(indicator_id, value, direction, int(deadline), int(baseline), district, decision,
                                        active)
                try:
                    saved = targets.save(store, page.kommune, target, user, districts=districts, actor=actor)
                except targets.TargetError as exc:
                    for message in exc.problems:
                        st.error(message)
                else:
                    st.session_state["_target_flash"] = t("target.saved", version=saved.version)
                    st.rerun()

    with st.expander(t("target.upload")):
        # Written when asked for, with the targets of that moment.
        st.download_button(t("target.template"), file_name="maalsaetninger.xlsx", mime=XLSX, key="target_template",
                           data=lambda kommune=page.kommune: targets_sheet.template(targets.current(store, kommune)),
                           on_click="ignore")
        uploaded = st.file_uploader(t("target.upload"), type=["xlsx"], help=t("target.upload_help"),
                                    key=f"target_file_{st.session_state.get('target_round', 0)}",
                                    label_visibility="collapsed")
        if uploaded is not None:
            reading = targets_sheet.read(uploaded.getvalue(), districts, name=uploaded.name)
            if reading.problems:
                st.dataframe(problems_frame(reading.problems), hide_index=True, width="stretch")
            if reading.ok and st.button(t("target.upload_save", n=len(reading.rows)), type="primary", key="target_upload"):
                targets.save_many(store, page.kommune, [(row.target, row.user) for row in reading.rows],
                                  districts=districts, actor=actor)
                st.session_state["_target_flash"] = t("target.uploaded", n=len(reading.rows))
                st.session_state["target_round"] = st.session_state.get("target_round", 0) + 1
                st.rerun()

with st.expander(t("target.versions")):
    st.dataframe(cache.core("views.results.versions_frame", path, stamp, page.kommune), hide_index=True, width="stretch")
