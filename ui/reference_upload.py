"""The upload page's section for reference figures (other municipalities and the country); only calls
``steering_core.reference.importer``. Session keys: ``ref_nonce`` (bumped to empty the file picker),
``ref_checked`` (the last check, keyed by the files, table and date), ``ref_flash``."""
from __future__ import annotations

from datetime import date

import streamlit as st

from steering_core.reference import statbank
from steering_core.reference.importer import commit, prepare
from steering_core.texts import t
from steering_core.upload.problems import problems_frame


def section(store, actor) -> None:
    state = st.session_state
    state.setdefault("ref_nonce", 0)
    st.subheader(t("ref.upload"))
    st.caption(t("ref.upload_help", tables=", ".join(f"{code} ({table.name_da})"
                                                     for code, table in statbank.TABLES.items())))
    if "ref_flash" in state:
        kind, message = state.pop("ref_flash")
        getattr(st, kind)(message)
    files = st.file_uploader(t("ref.upload"), type=["xlsx", "xls", "ods", "csv"], accept_multiple_files=True,
                             key=f"ref_files_{state['ref_nonce']}", label_visibility="collapsed")
    left, right = st.columns(2)
    table = left.text_input(t("ref.table"), key="ref_table").strip() or None
    downloaded = right.date_input(t("ref.downloaded"), value=date.today(), key="ref_downloaded", format="DD-MM-YYYY")
    if not files:
        return
    signature = (tuple((f.file_id, f.name, f.size) for f in files), table, downloaded)
    cached = state.get("ref_checked")
    if not cached or cached[0] != signature:
        cached = (signature, prepare([(f.name, f.getvalue()) for f in files], table=table, downloaded=downloaded))
        state["ref_checked"] = cached
    prepared = cached[1]
    if prepared.stopped and any(p.code.startswith("upload.err.cpr") for p in prepared.problems):
        state["ref_flash"] = ("error", "\n\n".join(str(p) for p in prepared.problems))
        state.pop("ref_checked", None)
        state["ref_nonce"] += 1     # let go of the bytes
        st.rerun()
    if prepared.problems:
        st.dataframe(problems_frame(prepared.problems), hide_index=True, width="stretch")
    if prepared.errors:
        st.error(t("upload.has_errors"))
    elif prepared.ok:
        st.success(t("ref.ready", rows=len(prepared.rows)))
        st.dataframe(prepared.rows, hide_index=True, width="stretch")
        if st.button(t("ref.save"), type="primary", key="ref_save"):
            stored, message = commit(prepared, store=store, user=actor.name, actor=actor)
            state["ref_flash"] = ("success" if stored else "error", message)
            state.pop("ref_checked", None)
            state["ref_nonce"] += 1
            st.rerun()
