"""The Resultater page through Streamlit's AppTest on a copy of the demo: the result figures and the
targets draw, the district filter narrows them, and a target set in the form is stored as a new version."""
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from steering_core import results_demo, targets
from steering_core.store import Store
from tests import apptest
from tests.apptest import texts
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
    return apptest.open_page(entry, PAGE, **query)


def show_part(app: AppTest, part: str) -> AppTest:
    return apptest.show_part(app, "results", part)


def test_the_page_draws_the_results_and_the_targets(app_env):
    app = open_page(APP)
    assert app.title[0].value == "Resultater"
    # The citizens' ratings first; the other parts are one click away and not drawn until asked for.
    subheaders = [s.value for s in app.subheader]
    assert "FIT: borgerens vurdering af udbytte" in subheaders
    assert not {"Eskalering efter UTM", "Mål: status for de politiske målsætninger"} & set(subheaders)
    # FIT per course (sheet FITMaalinger) has a section of its own in the citizens' part.
    assert "FIT pr. forløb: virker forløbene for det enkelte barn?" in [h.value for h in app.header]
    assert {"FIT: ændring i ORS fra første til seneste måling, pr. distrikt",
            "FIT: forløb med pålidelig forbedring og over den kliniske grænse"} <= set(subheaders)
    show_part(app, "children")
    subheaders = [s.value for s in app.subheader]
    assert {"Trivsel 0-6 år (TOPI-trafiklys)", "Eskalering efter UTM"} <= set(subheaders)
    assert "FIT: borgerens vurdering af udbytte" not in subheaders
    captions = texts(app.caption)
    assert "Alder ved første foranstaltning og ved underretning findes ikke" in captions
    show_part(app, "targets")
    assert "Mål: status for de politiske målsætninger" in [s.value for s in app.subheader]
    assert "Mål" in [h.value for h in app.header]
    table = next(d.value for d in app.dataframe if "Status" in d.value.columns and "Frist" in d.value.columns)
    assert len(table) == len(results_demo.demo_targets())
    states = dict(zip(table["Nøgletal"], table["Status"]))
    assert states["FIT: borgerens vurdering af udbytte"] == "På sporet"
    assert states["Trivsel 0-6 år (TOPI): rød"] == "Ikke på sporet"


@pytest.mark.parametrize("view", ["results", "utm", "economy"])
def test_every_figure_of_a_view_in_parts_is_in_exactly_one_part_of_its_page(view):
    import importlib

    module = importlib.import_module(f"steering_core.views.{view}")
    shown = [key for keys in module.PARTS.values() for key in keys]
    assert sorted(shown) == sorted(module.BUILDERS)


def test_a_unit_shows_its_districts_key_figures_and_says_so(app_env):
    app = open_page(APP, distrikt="Nord", enhed="SK-NO-01")
    captions = texts(app.caption)
    assert "Nøgletallet indberettes pr. distrikt, ikke pr. enhed: figuren viser enhedens distrikt, Nord." in captions
    # Goal attainment broken down for one unit is not offered; the page says why.
    assert "Vises ikke for én enhed" in texts(app.info)


def test_a_target_set_in_the_form_is_stored_and_shown(entry):
    path, store = entry
    app = show_part(open_page(path), "targets")
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


def test_results_and_targets_go_on_the_agenda_and_into_every_export(demo_store):
    import io

    from openpyxl import load_workbook
    from pptx import Presentation
    from pypdf import PdfReader

    from steering_core.engine import Filters, Request
    from steering_core.meeting import agenda, document, slides, workbook
    from steering_core.meeting.pack import build_pack
    from steering_core.overview import tiles

    known = agenda.items(demo_store)
    assert {"results_fit_effect", "results_wellbeing", "results_targets"} <= set(known)
    pack = build_pack(demo_store, Request("2025K4", "2026K3"), ["results_wellbeing", "results_targets"])
    wellbeing, goals = (item.figure for item in pack.items)
    assert set(wellbeing.table["series"]) == {"grøn", "gul", "rød"}
    assert len(goals.table) == len(results_demo.demo_targets())
    # The FIT tile carries its target and mark, as the overview and the packs' headlines show it.
    fit = next(tile for tile in tiles(demo_store, "2026K3", Filters()) if tile.indicator_id == "fit_effect")
    assert (fit.target, fit.target_state) == ("Mål 2027: 8,0 · På sporet", targets.ON_TRACK)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(document.pdf_bytes(pack))).pages)
    assert "Ikke på sporet" in text and "Trivsel 0-6 år (TOPI-trafiklys)" in text
    deck = Presentation(io.BytesIO(slides.pptx_bytes(pack)))
    shapes = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
    assert "Mål: status for de politiske målsætninger" in shapes
    book = load_workbook(io.BytesIO(workbook.xlsx_bytes(pack)))
    assert any("På sporet" in str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows()
               for cell in row)
