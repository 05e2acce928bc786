"""Who uses the app: the user logged in with st.login, or, without login configured, local mode.

``gate`` runs first on every run (app.py): a user the core gives no grants sees a Danish message
and nothing else. The user's grants come from the ID token's claim and the administrator's table,
never from the URL or the session's widgets. Pages ask ``current()`` and pass it to the core,
which checks it again before every write.
"""
from __future__ import annotations

import streamlit as st

from steering_core import access, audit
from steering_core.texts import t

_USER_KEY = "_access_user"
_LOGGED_KEY = "_access_logged"

_BANNER_CSS = ('<div data-testid="local-mode" style="background:#e0f2fe;color:#0c4a6e;padding:.45rem .7rem;'
               'border-radius:.4rem;font-weight:600;margin-bottom:.6rem">{text}</div>')


def login_configured() -> bool:
    """Whether ``[auth]`` is in the secrets (``.streamlit/secrets.toml``)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all: local mode
        return False


def claim_settings() -> access.ClaimSettings:
    try:
        raw = st.secrets.get("adgang")
    except Exception:  # noqa: BLE001 - no secrets file
        raw = None
    return access.ClaimSettings.from_mapping(raw.to_dict() if hasattr(raw, "to_dict") else raw)


def gate() -> access.User:
    """The user of this run, or a Danish message and a stop."""
    if not login_configured():
        return _local()
    if not st.user.get("is_logged_in"):
        _refuse(t("access.login.intro"), kind="info")
    claims = st.user.to_dict()
    settings = claim_settings()
    name = access.name_of(claims, settings)
    resolution = access.resolve(claims, settings, audit.grants_for(name))
    if resolution.user is None:
        if resolution.name and st.session_state.get(_LOGGED_KEY) != resolution:
            # A refused login is logged too: who tried, and why they got nothing.
            audit.record(access.User(resolution.name, kind=access.LOGIN), audit.REFUSED, "",
                         resolution.problem.rsplit(".", 1)[-1])
            st.session_state[_LOGGED_KEY] = resolution
        _refuse(t(resolution.problem, claim=settings.claim, name=resolution.name),
                kind="warning", logged_in=resolution.problem != "access.login.expired")
    user = resolution.user
    if st.session_state.get(_LOGGED_KEY) != user:
        audit.record(user, audit.LOGIN, user.describe())
        st.session_state[_LOGGED_KEY] = user
    st.session_state[_USER_KEY] = user
    st.sidebar.markdown(t("access.signed_in", name=user.name, roles=user.describe()))
    if st.sidebar.button(t("access.logout.button"), key="access_logout"):
        st.logout()
    return user


def _local() -> access.User:
    address = st.get_option("server.address")
    user = access.local_user(access.os_user_name(), address)
    if user.may("upload"):
        st.sidebar.markdown(_BANNER_CSS.format(text=t("access.local.banner")), unsafe_allow_html=True)
    else:
        st.warning(t("access.local.exposed", address=address or t("access.all_interfaces")))
    st.session_state[_USER_KEY] = user
    return user


def _refuse(message: str, kind: str, logged_in: bool = False) -> None:
    """Say why, offer to log in (again), show nothing else."""
    st.title(t("app.title"))
    getattr(st, kind)(message)
    if logged_in:
        if st.button(t("access.logout.button"), key="access_logout_refused"):
            st.logout()
    elif st.button(t("access.login.button"), type="primary", key="access_login"):
        st.login()
    st.stop()


def local_exposed(user: access.User) -> bool:
    """Local mode served to the network: the write pages say why they are switched off."""
    return user.kind == access.LOCAL and not user.may("upload")


def current() -> access.User:
    """The user app.py let in; a page run on its own (AppTest) passes the gate itself."""
    user = st.session_state.get(_USER_KEY)
    return user if isinstance(user, access.User) else gate()


def require(action: str) -> access.User:
    """The user, when they may ``action``; else the Danish refusal and a stop (the core checks again)."""
    user = current()
    if not user.may(action):
        if user.kind == access.LOCAL:      # local mode served to the network: no writes at all
            st.error(t("access.local.exposed", address=st.get_option("server.address") or t("access.all_interfaces")))
        else:
            st.warning(t("access.denied", action=t(f"access.action.{action}"), user=user.name,
                         roles=user.describe()))
        st.stop()
    return user
