"""Adgang og log (administrators): roles given to single users, the groups of the login, and the audit log
with an export per person (the right of access)."""
import streamlit as st

from steering_core import access, audit, config
from steering_core.texts import t
from ui import auth, context

context.run_through_app()
actor = auth.require("roles")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

st.title(t("audit.page.title"))
if "_audit_flash" in st.session_state:
    st.success(st.session_state.pop("_audit_flash"))

st.header(t("audit.page.roles"))
st.caption(t("audit.page.roles_intro"))
settings = auth.claim_settings()
if settings.groups:
    st.subheader(t("audit.page.claim_groups", claim=settings.claim))
    st.dataframe([{"gruppe": group, "roller": ", ".join(grants)} for group, grants in settings.groups.items()],
                 hide_index=True, width="stretch")
given = audit.given(actor)
if not given.empty:
    st.dataframe(given, hide_index=True, width="stretch")
with st.form("audit_give"):
    left, right = st.columns(2)
    name = left.text_input(t("audit.page.user"), key="audit_user")
    grant = right.text_input(t("audit.page.grant"), key="audit_grant")
    give, take = st.columns([1, 5])
    wants_give = give.form_submit_button(t("audit.page.give"), type="primary")
    wants_take = take.form_submit_button(t("audit.page.take"))
if wants_give or wants_take:
    try:
        if wants_give:
            made = audit.give(actor, name, grant)
            st.session_state["_audit_flash"] = t("audit.page.given", grant=made.label(), name=name.strip())
        else:
            audit.take(actor, name.strip(), grant)
            st.session_state["_audit_flash"] = t("audit.page.taken", grant=grant, name=name.strip())
    except access.AccessDenied as problem:
        st.error(str(problem))
    else:
        st.rerun()

st.header(t("audit.page.log"))
st.caption(t("audit.page.log_intro", days=config.audit_retention_days()))
people = audit.people(actor)
everyone = t("audit.page.everyone")
person = st.selectbox(t("audit.page.person"), [everyone, *people], key="audit_person")
chosen = None if person == everyone else person
log = audit.entries(actor, chosen, limit=None if chosen else 500)
if log.empty:
    st.info(t("audit.page.empty"))
else:
    st.dataframe(audit.shown(log), hide_index=True, width="stretch")
if chosen:
    st.download_button(t("audit.page.export"), data=lambda: audit.person_export(actor, chosen),
                       file_name=f"revisionslog_{chosen}.xlsx", mime=XLSX, key="audit_export", on_click="ignore")
