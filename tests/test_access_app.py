"""The role rules in the app through AppTest: local mode, login configured, users with and without roles."""
from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from steering_core import access, audit
from tests import samples

REPO = Path(__file__).resolve().parent.parent
APP, UPLOAD = str(REPO / "app.py"), str(REPO / "pages" / "upload.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Placeholders only: AppTest never talks to a provider.
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-only-not-a-secret",
        "client_id": "dashboard", "client_secret": "test-only", "server_metadata_url":
        "http://127.0.0.1:9/.well-known/openid-configuration"}
ROLES = {"claim": "groups", "grupper": {"SG-Styregruppe": "seer", "SG-Nord": "distriktsleder:Nord",
                                        "SG-Admin": "administrator"}}


def app(script: str = APP, user: dict | None = None, **query) -> AppTest:
    at = AppTest.from_file(script, default_timeout=120)
    if user is not None:
        at.secrets["auth"] = AUTH
        at.secrets["adgang"] = ROLES
        at.user = user
    at.query_params.update(query)
    return at.run()


def token(*groups: str, email: str = "anna@kommune.dk", expires_in: float = 3600, **claims) -> dict:
    return {"is_logged_in": True, "email": email, "groups": list(groups), "exp": time.time() + expires_in, **claims}


def texts(at: AppTest) -> str:
    return " ".join(e.value for kind in ("info", "warning", "error") for e in getattr(at, kind))


@contextmanager
def listening_on(address: str):
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", address)
    try:
        yield
    finally:
        st_config.set_option("server.address", before)


def test_local_mode_shows_its_banner_and_lets_this_computer_upload(app_env):
    at = app(UPLOAD)
    assert not at.exception and at.title[0].value == "Upload af kvartalsdata"
    assert any("Lokal tilstand uden login" in block.value for block in at.sidebar.markdown)
    assert at.file_uploader and at.caption[1].value == "Du kan indlæse for: Administrator."


def test_local_mode_on_the_network_refuses_the_write_pages(app_env):
    with listening_on("0.0.0.0"):
        at = app(UPLOAD)
    assert not at.exception and not at.file_uploader
    assert [e.value for e in at.error] == [
        "Appen kører uden login, men lytter på netværket (0.0.0.0). Indlæsning, fortrydelse og andre ændringer er "
        "derfor slået fra. Sæt login op (README: Login og roller), eller start appen på 127.0.0.1."]


def test_with_login_configured_nobody_sees_anything_before_logging_in(app_env):
    at = app(user={"is_logged_in": False})
    assert not at.exception and not at.metric and not at.sidebar.selectbox
    assert texts(at).startswith("Styringsdashboardet viser data om børn og unge. Log ind")
    assert [b.label for b in at.button] == ["Log ind"]


@pytest.mark.parametrize("user, expected", [
    (token("Andet"), "Du er logget ind som anna@kommune.dk, men ingen af dine grupper giver en rolle"),
    ({"is_logged_in": True, "email": "anna@kommune.dk", "exp": time.time() + 3600},
     "Dit login indeholder ikke oplysningen »groups«"),
    (token("SG-Admin", expires_in=-10), "Din session er udløbet. Log ind igen for at fortsætte."),
])
def test_no_role_no_claim_or_an_expired_session_get_a_danish_message_and_no_data(app_env, user, expected):
    at = app(user=user, distrikt="Nord")
    assert not at.exception and not at.metric and not at.dataframe and not at.sidebar.selectbox
    assert texts(at).startswith(expected)


def test_a_seer_reads_but_a_forged_url_opens_no_upload(app_env):
    at = app(user=token("SG-Styregruppe"), rolle="administrator", distrikt="Nord")
    assert not at.exception and len(at.metric) >= 13
    assert any("Logget ind som **anna@kommune.dk** · Seer" in m.value for m in at.sidebar.markdown)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/upload.py")             # not in a seer's navigation
    direct = app(UPLOAD, user=token("SG-Styregruppe"), rolle="administrator", enhed="S1")
    assert not direct.exception and not direct.file_uploader
    assert not any(title.value == "Upload af kvartalsdata" for title in direct.title)
    # The login was logged once, with the grants it gave.
    log = audit.entries(access.User("admin", frozenset({access.Grant("administrator")})))
    assert log[["bruger", "handling", "omfang"]].values.tolist() == [["anna@kommune.dk", "login", "Seer"]] * 2


def test_a_district_leader_uploads_their_district_only_and_cannot_undo(app_env):
    at = app(UPLOAD, user=token("SG-Nord", "SG-Styregruppe"))
    assert not at.exception and at.caption[1].value == "Du kan indlæse for: Distriktsleder (Nord), Seer."
    at.file_uploader[0].set_value(("k.xlsx", samples.workbook_bytes(
        {"Enheder": [samples.UNIT_HEADERS, *samples.UNITS], "UTM": [samples.UTM_HEADERS, *samples.utm_rows(3)]}), XLSX))
    at.run()
    problems = at.dataframe[0].value
    assert problems.iloc[:, -1].tolist() == [
        "Uden for dit ansvarsområde (Distriktsleder (Nord), Seer): række 3 (1 i alt). Intet er gemt.",
        "Uden for dit ansvarsområde (Distriktsleder (Nord), Seer): række 3 (1 i alt). Intet er gemt."]
    assert not any(b.label == "Gem" for b in at.button)


def test_the_administrator_gets_the_access_page_and_a_unit_leader_only_the_upload(app_env):
    at = app(user=token("SG-Admin", email="admin@kommune.dk"))
    at.switch_page("pages/adgang.py").run()
    assert not at.exception and at.title[0].value == "Adgang og revisionslog"
    assert at.dataframe[0].value["gruppe"].tolist() == ["SG-Styregruppe", "SG-Nord", "SG-Admin"]
    audit.give(access.User("admin", frozenset({access.Grant("administrator")})), "bo@kommune.dk", "enhedsleder:S1")
    unit_leader = app(user=token(email="bo@kommune.dk"))       # no claim value: the table's role
    assert not unit_leader.exception and not unit_leader.metric
    assert unit_leader.title[0].value == "Upload af kvartalsdata"
    assert texts(unit_leader).startswith("Din rolle (Enhedsleder (S1)) giver adgang til at indlæse data")


def test_notes_are_the_administrators_saved_under_their_login_and_logged(app_env, tmp_path, monkeypatch, demo_path):
    from steering_core import notes
    from steering_core.store import Store

    copy = tmp_path / "demo_copy.duckdb"
    copy.write_bytes(demo_path.read_bytes())
    monkeypatch.setenv("STEERING_DEMO_DB", str(copy))
    seer = app(user=token("SG-Styregruppe"), agenda="utm_rate_year")
    seer.switch_page("pages/moede.py").run()
    assert not seer.exception and not seer.text_area                  # no note form for a seer
    admin = app(user=token("SG-Admin", email="admin@kommune.dk"), agenda="utm_rate_year")
    admin.switch_page("pages/moede.py").run()
    assert not [box for box in admin.text_input if box.key == "note_author_utm_rate_year"]   # the login names the author
    admin.text_area(key="note_text_utm_rate_year").input("Vest har ansat en ekstra rådgiver.")
    next(b for b in admin.button if "Gem note" in str(b.label)).click().run()
    assert not admin.exception
    saved = notes.latest(Store(copy), admin.selectbox(key="w_last").value, "kommune")["utm_rate_year"]
    assert saved.author == "admin@kommune.dk"
    log = audit.entries(access.User("x", frozenset({access.Grant("administrator")})))
    assert log[["bruger", "handling", "detaljer"]].values.tolist()[0] == [
        "admin@kommune.dk", "note", f"utm_rate_year {admin.selectbox(key='w_last').value} v1"]
