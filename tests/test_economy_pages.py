"""The economy and staircase pages through Streamlit's AppTest: they run, and their controls change the figures."""
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from steering_core import economy_demo
from steering_core.demo import DEMO_KOMMUNE
from steering_core.store import Store
from steering_core.views import economy
from tests.apptest import open_page, show_part
from tests.conftest import DEMO_UNTIL, REPO

APP = REPO / "app.py"
ECONOMY = str(REPO / "pages" / "oekonomi.py")
STAIRCASE = str(REPO / "pages" / "indsatstrappen.py")


@pytest.fixture
def entry(app_env, demo_path, monkeypatch, tmp_path) -> str:
    """app.py on a demo copy with budget assumptions and a distribution key."""
    path = tmp_path / "econ-demo.duckdb"
    shutil.copy(demo_path, path)
    store = Store(path)
    store.upgrade()
    with store.connect(read_only=True) as con:
        indsats = con.execute("SELECT * FROM indsats").df()
    store.write_batch({"budgetforudsaetninger": economy_demo.budget_assumptions(indsats, DEMO_UNTIL)},
                      user="demo", file_name="budgetforudsaetninger", kind="demo")
    economy_demo.save_demo_keys(store, DEMO_KOMMUNE)
    monkeypatch.setenv("STEERING_DEMO_DB", str(path))
    return str(APP)




def subheaders(app: AppTest) -> list[str]:
    return [s.value for s in app.subheader]


def captions(app: AppTest) -> str:
    return " ".join(c.value for c in app.caption)


def finance_table(app):
    """The budget follow-up table (the planned-cases editor above it is a data frame too)."""
    return next(frame.value for frame in app.dataframe if list(frame.value.columns)[:1] == ["Sektor"])


def test_economy_page_draws_every_figure(entry):
    app = open_page(entry, ECONOMY)
    assert app.title[0].value == "Økonomi på tværs"
    # One part at a time: the spending first, the rest one click away and not drawn until asked for.
    assert any(title.startswith("Hvem bevilger, og hvem betaler?") for title in subheaders(app))
    assert not any(title.startswith("Budgetopfølgning") for title in subheaders(app))
    assert "econ_pool" not in [w.key for w in app.text_input]
    titles = []
    for part in economy.PARTS:
        show_part(app, "econ", part)
        titles += subheaders(app)
    for expected in ("Hvem bevilger, og hvem betaler?", "Budgetopfølgning 2026", "Disponeringsregnskab 2026",
                     "Afvigelse på indsatser opdelt i mængde og pris, 2026", "Fordelingsnøgle for Trivsel på Tværs"):
        assert any(title.startswith(expected) for title in titles), (expected, titles)
    show_part(app, "econ", "budget")
    # The finance table: Danish thousands separators and a total row.
    finance = finance_table(app)
    assert list(finance.columns)[:3] == ["Sektor", "Korrigeret budget (kr.)", "Forbrug til dato (kr.)"]
    assert finance.iloc[-1, 0] == "I alt"
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", finance.iloc[-1, 1])
    assert "Disponering" in set(finance["Prognosemetode"])
    # The method is explained on the page.
    assert any("2.450.000 kr." in m.value for m in app.markdown)


def test_economy_controls_change_the_figures(entry):
    app = show_part(open_page(entry, ECONOMY), "econ", "budget")
    total_before = finance_table(app).iloc[-1]["Forventet regnskab (kr.)"]
    commit_before = [c.value for c in app.caption if c.value.startswith("Bogført")]
    app.text_input(key="econ_pool").input("2.000.000").run()  # as a Danish user types it
    assert not app.exception
    finance = finance_table(app)
    assert "Skøn (pulje)" in set(finance["Sektor"])
    assert finance.iloc[-1]["Forventet regnskab (kr.)"] != total_before
    assert "skøn (pulje): 2.000.000 kr." in captions(app)
    app.selectbox(key="econ_sector").set_value("familie_myndighed").run()
    assert not app.exception
    titles = subheaders(app)
    assert "Disponeringsregnskab 2026: indsatser betalt af Familie (myndighed)" in titles
    assert [c.value for c in app.caption if c.value.startswith("Bogført")] != commit_before
    # The sector and the pool hold while another part is shown and after; so do the spending's cost types.
    show_part(app, "econ", "spend")
    assert "Forbrug efter omkostningstype: Familie (myndighed)" in subheaders(app)
    show_part(app, "econ", "keys")
    show_part(app, "econ", "budget")
    assert app.text_input(key="econ_pool").value == "2.000.000"
    assert "Disponeringsregnskab 2026: indsatser betalt af Familie (myndighed)" in subheaders(app)
    assert "skøn (pulje): 2.000.000 kr." in captions(app)


def test_the_district_filter_narrows_the_matrix_and_says_the_budget_is_municipal(entry):
    app = open_page(entry, ECONOMY)
    app.multiselect(key="w_districts").set_value(["Nord"]).run()
    assert not app.exception and not app.error
    assert "Nord" in app.caption[0].value
    show_part(app, "econ", "budget")
    assert "Nord" in app.caption[0].value
    assert "Gælder hele kommunen" in captions(app)


def test_a_distribution_key_is_validated_and_saved_as_a_new_version(entry):
    app = show_part(open_page(entry, ECONOMY), "econ", "keys")
    assert app.selectbox(key="econ_project").value == "Trivsel på Tværs"
    project = "Trivsel på Tværs"
    assert app.text_input(key=f"econ_share_{project}_skole").value == "40"  # not "40.00"
    app.text_input(key=f"econ_share_{project}_skole").input("50")
    app.text_input(key="econ_key_user").input("Anne")
    app.button[0].click().run()
    assert [e.value for e in app.error] == ["Andelene skal tilsammen give 100 %; de giver 110 %."]
    app.text_input(key=f"econ_share_{project}_dagtilbud").input("19,5")
    app.text_input(key=f"econ_share_{project}_familie_udfoerer").input("30,5")
    app.text_input(key="econ_key_user").input("Anne")
    app.button[0].click().run()
    assert not app.exception and not app.error
    assert any("gemt som version 2" in s.value for s in app.success)
    history = app.dataframe[-1].value
    assert list(history["Version"]) == [2, 1] and list(history["Gemt af"]) == ["Anne", "demo"]
    assert "Skole 50 %" in history["Andele"].iloc[0]
    assert any("Version 2" in c for c in [c.value for c in app.caption])


def test_staircase_page_draws_the_stairs_and_reacts_to_its_control(entry):
    app = open_page(entry, STAIRCASE)
    assert app.title[0].value == "Indsatstrappen"
    titles = subheaders(app)
    assert "Indsatstrappen ved udgangen af 2026K3: børn og udgift pr. trin" in titles
    assert "Børn pr. trin pr. kvartal" in titles
    assert "Forebyggelsesgrad: udgift til trin 2-3 i procent af trin 4-6" in titles
    assert "±3 point" in captions(app)
    app.radio(key="stair_measure").set_value("cost").run()
    assert not app.exception
    titles = subheaders(app)
    assert "Udgift pr. trin pr. kvartal" in titles and "Børn pr. trin pr. kvartal" not in titles
    assert "Udgiftens fordeling på trinene pr. distrikt, 2026K3" in titles


def test_staircase_follows_the_shared_filter(entry):
    app = open_page(entry, STAIRCASE)

    def ratio_caption(app):
        return [c.value for c in app.caption if c.value.startswith("Det grå bånd")]

    before = ratio_caption(app)
    app.multiselect(key="w_districts").set_value(["Vest"]).run()
    assert not app.exception and not app.error
    assert "Vest" in app.caption[0].value
    assert ratio_caption(app) and ratio_caption(app) != before


def test_planned_cases_outlive_a_visit_to_another_part(entry):
    # Streamlit forgets a data editor's edits once a run has not drawn it; the page keeps the rows
    # (ui.components.kept_editor) and starts the editor from them when the budget part is shown again.
    from datetime import date

    app = show_part(open_page(entry, ECONOMY), "econ", "budget")
    assert "Indtastet sag" not in captions(app)
    # What the editor leaves in the session after a row has been typed in.
    app.session_state["_econ_planned_rows"] = (("familie_myndighed", 50_000.0, date(2026, 10, 1), None),)
    show_part(app, "econ", "spend")
    assert "Indtastet sag" not in captions(app)
    show_part(app, "econ", "budget")
    assert "Indtastet sag 1 50.000 kr./md." in captions(app), captions(app)
    show_part(app, "econ", "budget").run()        # drawn again without a change: the row stays, once
    assert captions(app).count("Indtastet sag 1") == 1 and "Indtastet sag 2" not in captions(app)
