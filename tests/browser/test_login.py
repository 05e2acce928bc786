"""Login in a real browser against a real OpenID Connect provider (oidc-provider-mock) on 127.0.0.1:
login, roles from the token's groups claim, an upload refused outside the uploader's district, a user
without a role refused, and logout. Secrets are made up at run time; none are in the repository.
"""
from __future__ import annotations

import re
import secrets
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
import werkzeug.serving
from oidc_provider_mock import User, app as oidc_app
from playwright.sync_api import Page, expect

from steering_core import access, audit
from tests import samples
from tests.streamlit_client import HOST, ServerFailed, free_port, served_app

ANNA, BO = "anna@kommune.dk", "bo@kommune.dk"
# Anna answers for one school: she lands on the upload page (no figures to compute first).
USERS = [User(sub=ANNA, claims={"email": ANNA, "groups": ["SG-Skole-S1", "SG-Andet"]}),
         User(sub=BO, claims={"email": BO, "groups": ["SG-Ukendt"]})]
LOGIN_BUTTON = '[data-testid="stMain"] button:has-text("Log ind")'
PROVIDER_STYLESHEET = "request leaving the machine: https://cdn.jsdelivr.net/npm/@picocss/"
LOGOUT_BUTTON = '[data-testid="stSidebar"] button:has-text("Log ud")'


@contextmanager
def provider() -> str:
    """An OpenID Connect provider on 127.0.0.1 in this process; its issuer URL."""
    server = werkzeug.serving.make_server(HOST, free_port(), oidc_app(user_claims=USERS), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def login_app(tmp_path_factory, demo_path):
    work = tmp_path_factory.mktemp("login_app")
    access_db = work / "adgang.duckdb"
    with provider() as issuer:
        secrets_file = work / "secrets.toml"
        secrets_file.write_text(
            "[auth]\n"
            'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n'
            'client_id = "styringsdashboard"\n'
            f'client_secret = "{secrets.token_hex(16)}"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
            "[adgang]\n"
            'claim = "groups"\n'
            "[adgang.grupper]\n"
            '"SG-Nord" = "distriktsleder:Nord"\n'
            '"SG-Skole-S1" = "enhedsleder:S1"\n'
            '"SG-Styregruppe" = "seer"\n', encoding="utf-8")
        env = {"STREAMLIT_SECRETS_FILES": str(secrets_file), "STEERING_ACCESS_DB": str(access_db),
               "AUTHLIB_INSECURE_TRANSPORT": "1"}     # plain http, on 127.0.0.1 only
        try:
            with served_app(demo_path, work, extra_env=env) as (base, _):
                yield base, access_db
        except ServerFailed as exc:
            pytest.fail(str(exc))


def log_in(page: Page, base: str, who: str) -> None:
    page.goto(base)
    page.locator(LOGIN_BUTTON).click()
    page.wait_for_url(re.compile(r"/oauth2/authorize"))
    page.locator(f'button[name="sub"][value="{who}"]').click()
    page.wait_for_url(re.compile(rf"^{re.escape(base)}/?(\?.*)?$"))


def log_out(page: Page) -> None:
    page.locator(LOGOUT_BUTTON).click()
    # The provider asks to confirm the end of its session, then sends the browser back to the app.
    page.wait_for_url(re.compile(r"/oauth2/end_session"))
    page.locator('form button[type="submit"]').first.click()
    expect(page.locator(LOGIN_BUTTON)).to_be_visible(timeout=30_000)


def test_login_roles_from_the_claim_scope_refusal_no_role_and_logout(login_app, open_page, tmp_path, monkeypatch):
    base, access_db = login_app
    monkeypatch.setenv("STEERING_ACCESS_DB", str(access_db))      # read the server's log below
    page, log = open_page()
    log_in(page, base, ANNA)
    main = page.locator('[data-testid="stMain"]')
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(
        "Logget ind som anna@kommune.dk · Enhedsleder (S1)", timeout=60_000)
    expect(main).to_contain_text("Du kan indlæse for: Enhedsleder (S1)", timeout=60_000)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(0)       # a unit leader does not read

    # Upload a workbook with meetings of units S2 and D1 besides S1: refused, the rows named, nothing to save.
    workbook = tmp_path / "kvartal.xlsx"
    workbook.write_bytes(samples.workbook_bytes({"Enheder": [samples.UNIT_HEADERS, *samples.UNITS],
                                                 "UTM": [samples.UTM_HEADERS, *samples.utm_rows(3)]}))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(workbook))
    problems = page.locator('[data-testid="stDataFrame"]').first
    expect(problems).to_be_visible(timeout=60_000)
    expect(main).to_contain_text("Filen har fejl og er ikke gemt")
    expect(problems).to_contain_text("række 3, 4 (2 i alt)")
    expect(page.locator('button:has-text("Gem")')).to_have_count(0)

    log_out(page)
    log_in(page, base, BO)
    expect(main).to_contain_text(
        "Du er logget ind som bo@kommune.dk, men ingen af dine grupper giver en rolle", timeout=60_000)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(0)
    expect(page.locator('[data-testid="stSidebarNav"]')).to_have_count(0)
    # The test's identity provider (oidc-provider-mock) styles its own login form from a CDN; the request
    # is aborted, and it is the provider's page, not the product's. Anything else is a failure.
    problems = [p for p in log.problems() if not p.startswith(PROVIDER_STYLESHEET)]
    assert not problems, problems

    admin = access.User("test", frozenset({access.Grant(access.ADMINISTRATOR)}))
    entries = audit.entries(admin)[["bruger", "handling", "detaljer"]].values.tolist()
    assert [ANNA, "login", ""] in entries and [BO, "login afvist", "no_role"] in entries
