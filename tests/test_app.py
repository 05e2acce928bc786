"""The app through Streamlit's AppTest: every page runs, filters change figures, bad databases explain themselves."""
from streamlit.testing.v1 import AppTest

from steering_core import engine
from steering_core.views import registry, utm
from tests.apptest import show_part
from tests.conftest import REPO

APP = str(REPO / "app.py")
# oekonomi and indsatstrappen run in tests/test_economy_pages.py.
PAGES = [page.file for page in registry.PAGES if page.url_path not in ("oekonomi", "indsatstrappen")]


def run_app(**query) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params.update(query)
    return app.run()


def metric_values(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_every_page_runs_without_an_exception(app_env):
    for page in PAGES:
        app = run_app()
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert not app.error, (page, [e.value for e in app.error])
        assert app.title and app.title[0].value, page
    # The marker is drawn by app.py for every page; the browser tests check it on each page.
    assert any("DEMODATA" in block.value for block in run_app().markdown)


def test_overview_shows_headline_tiles_in_danish(app_env):
    app = run_app()
    values = metric_values(app)
    assert len(values) >= 13
    assert {"UTM-møder holdt", "Forebyggelsesgrad", "Eskalering efter UTM"} <= set(values)
    assert values["Forebyggelsesgrad"].endswith(" %") and "," in values["Forebyggelsesgrad"]
    assert values["Udgift til anbringelser pr. 0-22-årig"].endswith(" kr.")
    assert [s.value for s in app.subheader] == ["Aktivitet", "Ressourcer", "Resultater"]


def test_district_filter_changes_the_figures_and_the_url(app_env):
    app = run_app()
    before = metric_values(app)["UTM-møder holdt"]
    app.multiselect(key="w_districts").set_value(["Vest"]).run()
    after = metric_values(app)["UTM-møder holdt"]
    assert after != before
    assert "Vest" in app.caption[0].value
    assert app.query_params["distrikt"] in ("Vest", ["Vest"])


def test_a_link_reproduces_the_view(app_env):
    app = run_app(distrikt="Nord", til="2025K4", fra="2025K1")
    assert app.selectbox(key="w_last").value == "2025K4"
    assert app.multiselect(key="w_districts").value == ["Nord"]
    assert "Nord" in app.caption[0].value and "2025K4" in app.caption[0].value


def test_nonsense_in_the_url_falls_back_to_defaults(app_env):
    app = run_app(til="2099K9", distrikt="Atlantis")
    assert not app.exception and not app.error
    assert app.selectbox(key="w_last").value == "2026K3"
    assert app.multiselect(key="w_districts").value == []


def test_whole_municipality_tile_is_labelled_when_a_district_is_chosen(app_env):
    app = run_app(distrikt="Syd")
    captions = " ".join(c.value for c in app.caption)
    assert "Hele kommunen" in captions  # spend vs budget has no districts


def test_corrupt_database_gives_a_danish_message(app_env, monkeypatch, tmp_path):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("STEERING_DB", str(broken))
    app = run_app()
    assert not app.exception
    assert app.error and "Databasen kan ikke bruges" in app.error[0].value


def test_demo_is_built_on_first_start(monkeypatch, tmp_path):
    monkeypatch.setenv("STEERING_DEMO_DB", str(tmp_path / "fresh" / "demo.duckdb"))
    monkeypatch.setenv("STEERING_DB", str(tmp_path / "real.duckdb"))
    app = run_app()
    assert not app.exception and not app.error
    assert (tmp_path / "fresh" / "demo.duckdb").exists()
    assert len(app.metric) >= 13


def subheaders(app: AppTest) -> list[str]:
    return [s.value for s in app.subheader]


def test_utm_page_draws_every_figure_and_follows_the_filter(app_env):
    app = run_app()
    app.switch_page("pages/utm.py").run()
    assert not app.exception
    # One part at a time: the use of UTM first, the rest one click away and not drawn until asked for.
    titles = subheaders(app)
    assert "UTM-møder pr. 1.000 0-17-årige pr. år" in titles and "Fra UTM til § 11 og eskalering" not in titles
    assert "Alle distrikter" in app.caption[0].value
    shown = set(titles)
    for part in ("meetings", "outcomes"):
        show_part(app, "utm", part)
        assert "UTM-møder pr. 1.000 0-17-årige pr. år" not in subheaders(app)
        shown |= set(subheaders(app))
    assert "Fra UTM til § 11 og eskalering" in shown and "Møder med rådgiver fra familieafdelingen" in shown
    assert len(shown) == len(utm.BUILDERS)
    assert "fulgt 12 måneder frem" in " ".join(c.value for c in app.caption)
    # The filter holds across parts, and the part across a change of filter.
    app.multiselect(key="w_districts").set_value(["Nord"]).run()
    assert not app.exception
    assert "Nord" in app.caption[0].value and "Fra UTM til § 11 og eskalering" in subheaders(app)


def test_p11_page_reacts_to_its_own_controls(app_env):
    app = run_app()
    app.switch_page("pages/paragraf11.py").run()
    assert not app.exception
    assert "Hvor længe kører forløbene?" in subheaders(app)
    # The overdue threshold is fixed (a threshold stepped by one would reveal single courses).
    assert not [w for w in app.number_input if w.key == "p11_days"]
    assert any("30 dage over planlagt slutdato" in s for s in subheaders(app))
    app.radio(key="p11_group").set_value("intervention_type").run()
    assert not app.exception
    assert any("Kaplan-Meier" in c.value for c in app.caption)


def test_a_database_with_several_municipalities_shows_one_at_a_time(monkeypatch, tmp_path):
    from steering_core import demo, national_demo, periods
    path = national_demo.build_national_database(tmp_path / "national.duckdb", until=periods.quarter(2023, 4),
                                        municipalities=3, years=2)
    monkeypatch.setenv("STEERING_DEMO_DB", str(path))
    monkeypatch.setenv("STEERING_DB", str(tmp_path / "real.duckdb"))
    app = run_app()
    assert not app.exception and not app.error
    choice = app.selectbox(key="w_kommune")
    # Three invented municipalities and Demo Kommune, which the app opens on (the comparison's own).
    assert len(choice.options) == 4 and choice.value == demo.DEMO_KOMMUNE
    first = metric_values(app)["UTM-møder holdt"]
    other = next(option for option in choice.options if option != demo.DEMO_KOMMUNE)
    choice.set_value(other).run()
    assert not app.exception
    assert other in app.caption[0].value
    assert metric_values(app)["UTM-møder holdt"] != first
    assert app.query_params["kommune"] in (other, [other])


def test_a_unit_from_the_url_narrows_every_page(app_env):
    app = run_app(distrikt="Nord", enhed="SK-NO-03")
    assert app.multiselect(key="w_units").value == ["SK-NO-03"]
    assert "Nord · Bakkeskolen" in app.caption[0].value
    captions = " ".join(c.value for c in app.caption)
    assert "Distriktet som helhed (findes ikke pr. enhed)" in captions
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, app.exception)
        assert not app.error, (page, [e.value for e in app.error])
    assert app.query_params["enhed"] in ("SK-NO-03", ["SK-NO-03"])


def test_units_follow_the_chosen_districts(app_env, demo_store):
    app = run_app(distrikt="Nord", enhed="SK-NO-03")
    register = engine.unit_register(demo_store)
    assert set(app.multiselect(key="w_units").options) == set(register.loc[register["district"] == "Nord", "unit_name"])
    app.multiselect(key="w_districts").set_value(["Syd"]).run()
    # A unit outside the chosen districts is dropped rather than silently showing nothing.
    assert app.multiselect(key="w_units").value == []
    assert "enhed" not in app.query_params
