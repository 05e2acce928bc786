"""Upload of quarterly spreadsheets into the municipality's own database (never the demo data).

Only calls the core (``steering_core.upload``): template, check, preview, commit, history, undo.
Session keys: ``upload_nonce`` (bumped to empty the file picker, e.g. after a CPR stop, so the
uploaded bytes are let go), ``upload_checked`` (the last check, keyed by the files and quarter),
``upload_flash`` (messages that survive the rerun), ``upload_show`` (batch shown in the history),
and, after a successful save, a switch of the shared data source to the municipality's own data.
"""
from __future__ import annotations

import streamlit as st

from steering_core import access, config, datasource
from steering_core.store import Store, StoreError
from steering_core.texts import t
from steering_core.upload import batches, roles
from steering_core.upload.batches import UndoError
from steering_core.upload.importer import commit, prepare, preview_frame
from steering_core.upload.problems import problems_frame
from steering_core.upload.report import report_bytes
from steering_core.upload.template import template_bytes
from ui import auth, context, reference_upload

context.run_through_app()
actor = auth.require("upload")      # the core checks every row against the same user's scope
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
store = Store(config.real_database_path())
state = st.session_state
state.setdefault("upload_nonce", 0)


def check(files, quarter: str, kommune: str):
    """Check the chosen files once per selection; reruns reuse the result."""
    signature = (tuple((f.file_id, f.name, f.size) for f in files), quarter.strip(), kommune.strip())
    cached = state.get("upload_checked")
    if cached and cached[0] == signature:
        return cached[1:]
    prepared = prepare([(f.name, f.getvalue()) for f in files], store=store, stated_quarter=quarter,
                       kommune=kommune.strip() or None, actor=actor)
    report = report_bytes(prepared) if prepared.problems else None
    state["upload_checked"] = (signature, prepared, report)
    return prepared, report


def flash(kind: str, message: str) -> None:
    state["upload_flash"] = (kind, message)


st.title(t("upload.page.title"))
st.caption(t("upload.page.intro"))
st.caption(t("access.upload.scope", scope=actor.describe()))
st.download_button(t("upload.page.template"), template_bytes, file_name="kvartalsindberetning.xlsx", mime=XLSX,
                   on_click="ignore")   # built when clicked, not on every view

with st.expander(t("upload.roles.title")):
    st.markdown(t("upload.roles.intro") + "\n\n" + "\n".join(
        t("upload.roles.step", number=number, role=t(f"upload.role.{role.key}"), when=t(f"upload.role.{role.key}.when"),
          sheets=", ".join(spec.name for spec in role.sheets)) for number, role in enumerate(roles.ROLES, start=1)))

if "upload_flash" in state:
    kind, message = state.pop("upload_flash")
    getattr(st, kind)(message)

files = st.file_uploader(t("upload.page.files"), type=["xlsx", "xlsm", "xls", "ods", "csv"],
                         accept_multiple_files=True, key=f"upload_files_{state['upload_nonce']}")
quarter = st.text_input(t("upload.page.quarter"), key="upload_quarter")
# The municipality's name is asked once, until the first upload has stored it.
named = store.path.exists() and bool(store.meta().get("kommune"))
kommune = "" if named else st.text_input(t("upload.kommune.label"), key="upload_kommune", help=t("upload.kommune.help"))

if files:
    prepared, report = check(files, quarter, kommune)
    if prepared.stopped and any(p.code.startswith("upload.err.cpr") for p in prepared.problems):
        # A CPR number: say where, never what, and let go of the uploaded bytes.
        flash("error", "\n\n".join(str(p) for p in prepared.problems))
        state.pop("upload_checked", None)
        state["upload_nonce"] += 1
        st.rerun()
    if prepared.problems:
        st.subheader(t("upload.page.problems"))
        st.write(t("upload.summary", errors=len(prepared.errors), warnings=len(prepared.warnings)))
        table = problems_frame(prepared.problems)
        if len(prepared.file_names) == 1:
            table = table.drop(columns=[t("upload.col.file")])
        st.dataframe(table, hide_index=True, width="stretch")
        if report is not None:
            st.download_button(t("upload.page.report"), report, file_name="problemer.xlsx", mime=XLSX)
    if roles.units_come_first(prepared):
        st.info(t("upload.no_units_yet"))
    if prepared.errors:
        st.error(t("upload.has_errors"))
    elif prepared.ok and not named and not prepared.set_kommune:
        st.warning(t("upload.kommune.missing"))
    elif prepared.ok:
        st.subheader(t("upload.page.preview"))
        st.dataframe(preview_frame(prepared), hide_index=True, width="stretch")
        if prepared.scope_lines:
            st.caption(t("upload.scope.title"))
            st.text("\n".join(prepared.scope_lines))  # plain text: unit ids from the file are not markdown
        if prepared.earlier is not None:
            st.info(prepared.earlier.message())
        if prepared.identical_to is None:
            st.success(t("upload.page.ready"))
        if st.button(t("upload.page.commit"), type="primary"):
            result = commit(prepared, store=store, actor=actor)
            if result.stored:
                context.switch_source(datasource.REAL)
                state.pop("upload_checked", None)
                state["upload_nonce"] += 1
                flash("success", result.message)
                st.rerun()
            st.info(result.message)

st.subheader(t("upload.page.history"))
try:
    history = batches.history(store)
except StoreError as problem:
    st.error(str(problem))
    history = []
if not history:
    st.caption(t("upload.page.no_history"))
for batch in history:
    status = t("upload.history.active") if batch.active else t("upload.history.undone", when=f"{batch.undone_at:%d-%m-%Y %H:%M}")
    text, show, undo = st.columns([8, 1, 1])
    text.write(f"**{t('upload.history.batch')} {batch.batch_id}** · {batch.created_at:%d-%m-%Y %H:%M} · {batch.user} · "
               f"{batch.file_name} · {batches.sheet_names(batch.rows_per_table)} · {', '.join(batch.periods)} · "
               f"{batch.rows} {t('upload.history.rows').lower()} · {status}")
    if show.button(t("upload.page.show"), key=f"upload_show_{batch.batch_id}"):
        state["upload_show"] = None if state.get("upload_show") == batch.batch_id else batch.batch_id
    if batch.active and actor.may("undo") and undo.button(t("upload.page.undo"), key=f"upload_undo_{batch.batch_id}"):
        try:
            flash("success", batches.undo(store, batch.batch_id, actor=actor))
        except (UndoError, StoreError, access.AccessDenied) as problem:
            flash("error", str(problem))
        state.pop("upload_checked", None)
        st.rerun()
    if state.get("upload_show") == batch.batch_id:
        for table, rows in batches.batch_rows(store, batch.batch_id).items():
            st.caption(batches.sheet_name(table))
            st.dataframe(rows, hide_index=True, width="stretch")

if actor.may("reference"):
    st.divider()
    reference_upload.section(store, actor)
