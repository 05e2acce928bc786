"""The Resultater page through Streamlit's AppTest on a copy of the demo: the result figures and the
targets draw, the district filter narrows them, and a target set in the form is stored as a new version."""
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from steering_core import results_demo, targets
from steering_core.store import Store
from tests.conftest import REPO

PAGE = str(REPO / "pages" / "resultater.py")


APP = str(REPO / "app.py")


@pytest.fixture
def entry(app_env, demo_path, monkeypatch, tmp_path) -> tuple[str, Store]:
    """The app on a copy of the demo, for a test that writes (the others read the shared demo)."""
    path = tmp_path / "results-demo.duckdb"
    shutil.copy(demo_path, path)
    monkeypatch.setenv("STEERING_DEMO_DB", str(path))
    return APP, Store(path)


def open_page(entry: str, **query) -> AppTest:
    app = AppTest.from_file(entry, default_timeout=180)
    app.query_params.update(query)
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def texts(elements) -> str:
    return " ".join(e.value for e in elements)


def test_the_page_draws_the_results_and_the_targets(app_env):
    app = open_page(APP)
    assert app.title[0].value == "Resultater"
    subheaders = [s.value for s in app.subheader]
    assert {"FIT: borgerens vurdering af udbytte", "Trivsel 0-6 år (TOPI-trafiklys)", "Eskalering efter UTM",
            "Mål: status for de politiske målsætninger"} <= set(subheaders)
    assert "Mål" in [h.value for h in app.header]
    table = next(d.value for d in app.dataframe if "Status" in d.value.columns and "Frist" in d.value.columns)
    assert len(table) == len(results_demo.demo_targets())
    states = dict(zip(table["Nøgletal"], table["Status"]))
    assert states["FIT: borgerens vurdering af udbytte"] == "På sporet"
    assert states["Trivsel 0-6 år (TOPI): rød"] == "Ikke på sporet"
    captions = texts(app.caption)
    assert "Alder ved første foranstaltning og ved underretning findes ikke" in captions


def test_a_unit_shows_its_districts_key_figures_and_says_so(app_env):
    app = open_page(APP, distrikt="Nord", enhed="SK-NO-01")
    captions = texts(app.caption)
    assert "Nøgletallet indberettes pr. distrikt, ikke pr. enhed: figuren viser enhedens distrikt, Nord." in captions
    # Goal attainment broken down for one unit is not offered; the page says why.
    assert "Vises ikke for én enhed" in texts(app.info)


def test_a_target_set_in_the_form_is_stored_and_shown(entry):
    path, store = entry
    app = open_page(path)
    app.selectbox(key="target_indicator").set_value("school_absence").run()
    app.selectbox(key="target_scope").set_value("Vest")
    app.number_input(key="target_value").set_value(6.0)
    app.number_input(key="target_deadline").set_value(2028)
    app.number_input(key="target_baseline").set_value(2024)
    app.text_area(key="target_decision").set_value("Handleplan for fravær")
    app.text_input(key="target_user").set_value("")
    form_button = next(b for b in app.button if b.label == "Gem mål")
    form_button.click().run()
    # No name of who set it: refused with a Danish message, nothing stored.
    assert "Angiv, hvem der har fastsat målet." in texts(app.error)
    assert targets.for_scope(store, "Demo Kommune", "school_absence", "Vest") is None
    app.text_input(key="target_user").set_value("Skoleudvalget")
    next(b for b in app.button if b.label == "Gem mål").click().run()
    assert not app.exception, app.exception
    stored = targets.for_scope(store, "Demo Kommune", "school_absence", "Vest")
    assert stored is not None and stored.version == 1 and stored.target.direction == targets.DOWN
    assert stored.target.value == 6.0 and stored.user == "Skoleudvalget"
    assert "Målet er gemt som version 1." in texts(app.success)
    table = next(d.value for d in app.dataframe if "Status" in d.value.columns and "Frist" in d.value.columns)
    assert "Vest" in set(table["Gælder"])
