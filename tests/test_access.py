"""Roles and scopes checked in the core: login claims to grants, the upload's rows against the uploader's
scope, the administrator's actions, the audit log and its retention."""
from __future__ import annotations

import io
from datetime import datetime, timedelta

import openpyxl
import pytest

from steering_core import access, audit, distribution, investment_store, notes
from steering_core.access import ADMINISTRATOR, DISTRICT_LEADER, FINANCE, SEER, UNIT_LEADER, Grant, User
from steering_core.store import Store
from steering_core.upload import batches
from tests import samples
from steering_core.upload.importer import commit, prepare

UNITS = [samples.UNIT_HEADERS, *samples.UNITS]          # S1 Nord, S2 Syd, D1 Nord, F1 Nord
SETTINGS = access.ClaimSettings.from_mapping({
    "claim": "groups", "grupper": {"SG-Styregruppe": "seer", "SG-Nord": ["distriktsleder:Nord", "seer"],
                                   "SG-Admin": "administrator", "SG-Typo": "chef"}})
NOW = 1_800_000_000.0


def user(*grants: str, name: str = "anna@kommune.dk") -> User:
    return User(name, access.grants_of(grants))


def workbook(**sheets) -> list[tuple[str, bytes]]:
    return [("kvartal.xlsx", samples.workbook_bytes(sheets))]


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "steering.duckdb")


# --- grants and claims -----------------------------------------------------------------------------

def test_a_grant_names_a_known_role_and_the_scope_a_scoped_role_needs():
    assert access.parse_grant("Distriktsleder: Nord") == Grant(DISTRICT_LEADER, "Nord")
    assert access.parse_grant("økonomi") == Grant(FINANCE)
    assert access.parse_grant("enhedsleder:SK-NO-03") == Grant(UNIT_LEADER, "SK-NO-03")
    assert access.parse_grant("distriktsleder") is None       # a district leader of no district
    assert access.parse_grant("chef") is None
    assert str(Grant(DISTRICT_LEADER, "Nord")) == "distriktsleder:Nord"


def test_deny_by_default_every_action_has_its_roles_and_an_undeclared_one_is_refused():
    seer, admin = user("seer"), user("administrator")
    assert seer.may("read") and not seer.may("upload") and not seer.may("undo")
    assert user("enhedsleder:S1").may("upload") and not user("enhedsleder:S1").may("read")
    assert user("oekonomi").may("upload") and not user("oekonomi").may("read")
    assert all(admin.may(action) for action in access.ALLOWED if action != "nonsense")
    assert not admin.may("slet_alt") and not User("x").may("read")
    with pytest.raises(access.AccessDenied) as refused:
        access.require(seer, "undo")
    assert str(refused.value) == "anna@kommune.dk må ikke fortryde en indlæsning (roller: Seer). Intet er ændret."


def test_the_claim_maps_groups_to_grants_and_unknown_groups_give_nothing():
    found = access.resolve({"email": "anna@kommune.dk", "groups": ["SG-Nord", "Andet"], "exp": NOW + 60},
                           SETTINGS, now=NOW)
    assert found.user.grants == {Grant(DISTRICT_LEADER, "Nord"), Grant(SEER)} and found.user.kind == access.LOGIN
    # A group the mapping does not know, or maps to no real role, gives nothing: no user, a reason.
    refused = access.resolve({"email": "bo@kommune.dk", "groups": ["Andet", "SG-Typo"], "exp": NOW + 60},
                             SETTINGS, now=NOW)
    assert refused.user is None and refused.problem == "access.login.no_role" and refused.name == "bo@kommune.dk"
    # A claim sent as one string (some providers do) is split.
    assert access.resolve({"email": "c", "groups": "SG-Admin, SG-Styregruppe", "exp": NOW + 60}, SETTINGS,
                          now=NOW).user.roles == {ADMINISTRATOR, SEER}


def test_a_token_without_the_claim_an_expired_one_or_one_naming_nobody_gets_no_user():
    assert access.resolve({"email": "a", "exp": NOW + 60}, SETTINGS, now=NOW).problem == "access.login.no_claim"
    assert access.resolve({"email": "a", "groups": ["SG-Admin"], "exp": NOW - 1}, SETTINGS,
                          now=NOW).problem == "access.login.expired"
    assert access.resolve({"groups": ["SG-Admin"], "exp": NOW + 60}, SETTINGS, now=NOW).problem == "access.login.no_name"
    # The administrator's table gives a role to a user whose token has no claim at all.
    found = access.resolve({"email": "a", "exp": NOW + 60}, SETTINGS, [Grant(SEER)], now=NOW)
    assert found.user.grants == {Grant(SEER)}


def test_only_a_loopback_address_is_local():
    assert all(access.is_loopback(a) for a in ("127.0.0.1", "localhost", "::1", "127.0.0.2"))
    assert not any(access.is_loopback(a) for a in (None, "", "0.0.0.0", "10.1.2.3", "::", "skole.kommune.dk"))
    assert access.local_user("jens", "127.0.0.1").roles == {ADMINISTRATOR}
    assert access.local_user("jens", "0.0.0.0").roles == {SEER}      # over the network: read only


# --- the upload's rows against the uploader's scope ----------------------------------------------

def test_a_district_leader_is_refused_rows_of_another_district_with_the_rows_named(store):
    nord = user("distriktsleder:Nord")
    prepared = prepare(workbook(Enheder=UNITS, UTM=[samples.UTM_HEADERS, *samples.utm_rows(6)]), store=store,
                       actor=nord)
    messages = [str(p) for p in prepared.errors]
    # utm_rows cycles S1, S2, D1: S2 (Syd) is on the 2nd and 5th data rows, Excel rows 3 and 6.
    assert messages == [
        "Fejl: Fil 'kvartal.xlsx', ark 'Enheder', række 3: Uden for dit ansvarsområde (Distriktsleder (Nord)): "
        "række 3 (1 i alt). Intet er gemt.",
        "Fejl: Fil 'kvartal.xlsx', ark 'UTM', række 3: Uden for dit ansvarsområde (Distriktsleder (Nord)): "
        "række 3, 6 (2 i alt). Intet er gemt."]
    assert not prepared.ok
    assert not commit(prepared, store=store, actor=nord).stored and not store.exists()


def test_a_district_leader_stores_their_own_district_and_the_upload_is_logged(store):
    nord = user("distriktsleder:Nord")
    nord_units = [samples.UNIT_HEADERS, *[u for u in samples.UNITS if u[3] == "Nord"]]
    nord_meetings = [r for r in samples.utm_rows(6) if r[3] != "S2"]
    prepared = prepare(workbook(Enheder=nord_units, UTM=[samples.UTM_HEADERS, *nord_meetings]), store=store,
                       actor=nord)
    assert prepared.ok, [str(p) for p in prepared.errors]
    result = commit(prepared, store=store, actor=nord)
    assert result.stored and result.rows == 3 + 4
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT user_name FROM batch").fetchall() == [("anna@kommune.dk",)]
    log = audit.entries(user("administrator"))
    assert log[["bruger", "adgang", "handling", "omfang"]].values.tolist() == [
        ["anna@kommune.dk", "login: Distriktsleder (Nord)", "upload", "Distriktsleder (Nord)"]]
    assert log["detaljer"][0] == "nr. 1: kvartal.xlsx · enhed, utm · 7"


def test_a_unit_leader_uploads_their_unit_finance_its_sheets_and_neither_the_other(store):
    store_units = prepare(workbook(Enheder=UNITS), store=store)
    assert commit(store_units, store=store).stored
    s1_meetings = [samples.UTM_HEADERS, *[r for r in samples.utm_rows(6) if r[3] == "S1"]]
    finance = [samples.OEKONOMI_HEADERS, *samples.oekonomi_rows()]
    assert prepare(workbook(UTM=s1_meetings), store=store, actor=user("enhedsleder:S1")).ok
    refused = prepare(workbook(Oekonomi=finance), store=store, actor=user("enhedsleder:S1"))
    assert [p.sheet for p in refused.errors] == ["Oekonomi"] and refused.errors[0].message.endswith("række 2, 3, 4 (3 i alt). Intet er gemt.")
    assert prepare(workbook(Oekonomi=finance), store=store, actor=user("oekonomi")).ok
    assert [p.sheet for p in prepare(workbook(UTM=s1_meetings), store=store, actor=user("oekonomi")).errors] == ["UTM"]
    # A seer uploads nothing at all.
    seer = prepare(workbook(UTM=s1_meetings), store=store, actor=user("seer"))
    assert seer.stopped and seer.errors[0].message.startswith("anna@kommune.dk må ikke indlæse data")


def test_a_unit_cannot_be_moved_into_or_out_of_ones_scope(store):
    assert commit(prepare(workbook(Enheder=UNITS), store=store), store=store).stored
    # S2 is stored in Syd: the Nord leader cannot claim it by sending it as Nord; S1's leader cannot move S1.
    s2_as_nord = [samples.UNIT_HEADERS, ["S2", "Sydskolen", "skole", "Nord", "skole"]]
    s1_as_syd = [samples.UNIT_HEADERS, ["S1", "Nordskolen", "skole", "Syd", "skole"]]
    assert not prepare(workbook(Enheder=s2_as_nord), store=store, actor=user("distriktsleder:Nord")).ok
    assert not prepare(workbook(Enheder=s1_as_syd), store=store, actor=user("enhedsleder:S1")).ok
    assert prepare(workbook(Enheder=[samples.UNIT_HEADERS, samples.UNITS[0]]), store=store,
                   actor=user("enhedsleder:S1")).ok


def test_commit_checks_the_scope_again_for_whoever_commits(store):
    prepared = prepare(workbook(Enheder=UNITS), store=store)          # checked for the program itself
    result = commit(prepared, store=store, actor=user("distriktsleder:Nord"))
    assert not result.stored and result.message == (
        "Indlæsningen har rækker uden for dit ansvarsområde (Distriktsleder (Nord)). Intet er gemt.")
    assert not commit(prepared, store=store, actor=user("seer")).stored
    assert not store.exists() or store.row_counts()["enhed"] == 0


# --- the administrator's actions ---------------------------------------------------------------------

def test_undo_notes_keys_and_cases_are_for_the_administrator_and_logged(store):
    assert commit(prepare(workbook(Enheder=UNITS), store=store), store=store).stored
    nord, admin = user("distriktsleder:Nord", "seer"), user("administrator", name="admin@kommune.dk")
    for refused in (lambda: batches.undo(store, 1, actor=nord),
                    lambda: notes.save(store, "utm", "2025K3", "kommune", "tekst", "anna", actor=nord),
                    lambda: distribution.save(store, "K", "Projekt", {"skole": 100}, "anna", actor=nord),
                    lambda: investment_store.save_requirement(store, "K", "Krav", {}, "anna", actor=nord)):
        with pytest.raises(access.AccessDenied):
            refused()
    assert store.row_counts()["enhed"] == 4 and notes.latest(store, "2025K3", "kommune") == {}
    notes.save(store, "utm", "2025K3", "kommune", "tekst", "admin", actor=admin)
    batches.undo(store, 1, actor=admin)
    assert store.row_counts()["enhed"] == 0
    log = audit.entries(admin)
    assert log["handling"].tolist() == ["fortryd", "note"]
    assert log["detaljer"].tolist() == ["nr. 1: -4 +0", "utm 2025K3 v1"]
    with pytest.raises(access.AccessDenied):
        audit.entries(nord)


def test_roles_given_in_the_app_are_found_case_blind_and_taken_away_again():
    admin = user("administrator", name="admin@kommune.dk")
    assert audit.give(admin, "Bo@Kommune.dk", "enhedsleder:S1") == Grant(UNIT_LEADER, "S1")
    assert audit.grants_for("bo@kommune.dk") == {Grant(UNIT_LEADER, "S1")}
    with pytest.raises(access.AccessDenied):
        audit.give(admin, "bo@kommune.dk", "distriktsleder")       # no district
    with pytest.raises(access.AccessDenied):
        audit.give(user("seer"), "bo@kommune.dk", "administrator")
    audit.take(admin, "Bo@Kommune.dk", "enhedsleder:S1")
    assert audit.grants_for("bo@kommune.dk") == frozenset()
    assert audit.entries(admin)["detaljer"].tolist() == ["rolle fjernet: enhedsleder:S1", "rolle givet: enhedsleder:S1"]


def test_the_log_exports_one_person_and_forgets_rows_past_the_retention(monkeypatch):
    monkeypatch.setenv("STEERING_AUDIT_DAYS", "30")
    admin, anna, bo = user("administrator", name="admin"), user("seer"), user("seer", name="bo")
    now = datetime.now().replace(second=0, microsecond=0)     # the export below logs at the clock's time
    audit.record(anna, audit.LOGIN, "Seer", when=now - timedelta(days=31))
    audit.record(bo, audit.LOGIN, "Seer", when=now - timedelta(days=29))
    audit.record(anna, audit.EXPORT, "Nord", "pdf", when=now)          # prunes the row 31 days old
    assert audit.people(admin) == ["anna@kommune.dk", "bo"]
    sheet = openpyxl.load_workbook(io.BytesIO(audit.person_export(admin, "anna@kommune.dk"))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows == [["Tidspunkt", "Bruger", "Adgang", "Handling", "Omfang", "Detaljer"],
                    [f"{now:%d-%m-%Y %H:%M}", "anna@kommune.dk", "login: Seer", "eksport", "Nord", "pdf"]]
    # The export itself is logged, as the administrator's.
    assert audit.entries(admin, "admin")["detaljer"].tolist() == ["revisionslog for anna@kommune.dk"]
    assert audit.prune(now + timedelta(days=30)) == 1        # bo's login, now 59 days old


def test_the_program_itself_is_not_logged_and_the_cli_is_a_named_administrator(tmp_path):
    from steering_core.upload import cli

    assert commit(prepare(workbook(Enheder=UNITS), store=Store(tmp_path / "a.duckdb")),
                  store=Store(tmp_path / "a.duckdb")).stored
    assert not audit.store().exists()                         # the demo build and the tests write unlogged
    path = tmp_path / "enheder.xlsx"
    path.write_bytes(samples.workbook_bytes({"Enheder": UNITS}))
    assert cli.main(["import", str(path), "--db", str(tmp_path / "b.duckdb"), "--user", "jens"]) == 0
    log = audit.entries(user("administrator"))
    assert log[["bruger", "adgang", "handling"]].values.tolist() == [["jens", "kommandolinje: Administrator", "upload"]]


def test_the_readme_example_is_a_complete_configuration():
    import re
    import tomllib

    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [example] = [block for block in re.findall(r"```toml\n(.*?)```", readme, re.S) if "[auth]" in block]
    parsed = tomllib.loads(example)
    # What st.login requires of an unnamed provider (streamlit.auth_util.validate_auth_credentials).
    assert {"redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url"} <= set(parsed["auth"])
    assert all(value.startswith(("https://", "<")) for value in parsed["auth"].values())    # placeholders only
    settings = access.ClaimSettings.from_mapping(parsed["adgang"])
    grants = {access.parse_grant(g) for grants in settings.groups.values() for g in grants}
    assert None not in grants and {g.role for g in grants} == set(access.ROLES)


def test_political_targets_are_the_administrators_and_logged(store):
    from steering_core import targets

    target = targets.Target("fit_effect", 80.0, "op", 2028, 2025, "", "Byrådet 12-03-2026", True)
    with pytest.raises(access.AccessDenied):
        targets.save(store, "K", target, "anna", actor=user("distriktsleder:Nord", "seer"))
    assert not store.exists()
    saved = targets.save(store, "K", target, "admin", actor=user("administrator", name="admin"))
    assert saved.version == 1
    log = audit.entries(user("administrator"))
    assert log[["bruger", "handling", "omfang", "detaljer"]].values.tolist() == [["admin", "maal", "K", "fit_effect v1"]]
