"""Meeting material: notes, the pack's exports opened with their own libraries, the CLI and presentation mode."""
import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from steering_core import notes
from steering_core.cli import main
from steering_core.engine import Request
from steering_core.meeting import agenda, document, slides, workbook
from steering_core.meeting.pack import build_pack
from steering_core.store import Store
from tests.conftest import REPO

ITEMS = ["overblik", "utm_rate_year", "p11_survival"]


@pytest.fixture(scope="module")
def meeting_store(tmp_path_factory, demo_path):
    # A copy, so the notes written here never reach the shared demo database.
    path = tmp_path_factory.mktemp("meeting") / "demo.duckdb"
    path.write_bytes(demo_path.read_bytes())
    store = Store(path)
    store.upgrade()
    notes.save(store, "utm_rate_year", "2026K3", "kommune", "Første udkast", "Anne")
    notes.save(store, "utm_rate_year", "2026K3", "kommune", "Stigningen i Vest skyldes nye rutiner.", "Anne")
    return store


@pytest.fixture(scope="module")
def pack(meeting_store):
    return build_pack(meeting_store, Request("2025K4", "2026K3"), ITEMS)


def test_notes_are_versioned_and_the_newest_is_shown(meeting_store):
    history = notes.history(meeting_store, "utm_rate_year", "2026K3", "kommune")
    assert [n.version for n in history] == [2, 1]
    assert notes.latest(meeting_store, "2026K3", "kommune")["utm_rate_year"].text.startswith("Stigningen")
    assert notes.latest(meeting_store, "2026K3", "Nord") == {}


def test_pack_headlines_equal_the_engine(pack, meeting_store):
    from steering_core.engine import compute
    from steering_core.overview import format_value
    from steering_core import catalogue
    item = pack.items[1]
    engine_value = compute(meeting_store, ["utm_per_1000"], Request("2026K3", "2026K3")).iloc[0]["value"]
    assert item.headlines[0].value == format_value(catalogue.get("utm_per_1000"), engine_value)
    assert "," in item.headlines[0].value  # Danish decimal comma
    assert item.note and item.note.version == 2


def test_powerpoint_has_a_title_slide_and_one_slide_per_item(pack):
    deck = Presentation(io.BytesIO(slides.pptx_bytes(pack)))
    assert len(deck.slides) == 1 + len(ITEMS)
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, rel=0.01)
    texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    assert "Styregruppemøde" in texts[0] and "DEMODATA" in texts[0]
    assert "UTM-møder pr. 1.000 0-17-årige pr. år" in texts[2]
    assert pack.items[1].headlines[0].value in texts[2]
    assert "Stigningen i Vest" in texts[2]
    pictures = [[s for s in slide.shapes if s.shape_type == 13] for slide in deck.slides]
    assert len(pictures[2]) == 1 and len(pictures[3]) == 1  # each chart is an image
    assert "Kaplan-Meier" in texts[3]  # the definition as a footnote


def test_the_opening_slide_is_tiles_that_fit_the_slide(pack):
    deck = Presentation(io.BytesIO(slides.pptx_bytes(pack)))
    opening = deck.slides[1]
    assert not any(shape.has_table for shape in opening.shapes)
    texts = [shape.text_frame.text for shape in opening.shapes if shape.has_text_frame]
    overview = pack.items[0].figure.table
    # Every headline figure is a tile of its own: its title, then its value alone in large type.
    for title, value in zip(overview["indicator"], overview["value"]):
        assert texts[texts.index(title) + 1] == value
    assert "Tallenes definitioner står i mødematerialets Excel-fil" in texts[-1]
    assert all(shape.top + shape.height <= deck.slide_height for shape in opening.shapes)


def test_pdf_has_the_same_content(pack):
    reader = PdfReader(io.BytesIO(document.pdf_bytes(pack)))
    assert len(reader.pages) == 1 + len(ITEMS)
    page = reader.pages[2].extract_text()
    assert "UTM-møder pr. 1.000 0-17-årige pr. år" in page
    assert pack.items[1].headlines[0].value in page
    assert "Stigningen i Vest" in page
    assert any("/Image" in str(obj) or "/XObject" in str(obj) for obj in [reader.pages[2].get("/Resources")])


def test_excel_has_a_sheet_per_item_with_danish_headers(pack):
    book = load_workbook(io.BytesIO(workbook.xlsx_bytes(pack)))
    assert book.sheetnames[0] == "Indhold" and len(book.sheetnames) == 1 + len(ITEMS)
    rate = book[book.sheetnames[2]]
    assert rate["A1"].value == "UTM-møder pr. 1.000 0-17-årige pr. år"
    assert "Stigningen i Vest" in rate["A2"].value
    headers = [c.value for c in rate[3]]
    assert headers[:3] == ["Periode", "Distrikt", "Værdi"]
    assert rate["C4"].number_format == "#,##0.0"


def test_crafted_unit_names_cannot_become_formulas():
    from steering_core.exports import safe_text
    for text in ("=1+1", "+SUM(A1)", "-2", "@cmd"):
        assert safe_text(text).startswith("'")


def test_report_cli(tmp_path, demo_path, capsys):
    out = tmp_path / "m.pptx"
    code = main(["report", "--db", str(demo_path), "--from", "2025K1", "--to", "2025K3", "--district", "Nord",
                 "--items", "utm_rate_year,p11_flows", "--format", "pptx", "--out", str(out)])
    assert code == 0 and len(Presentation(str(out)).slides) == 3
    assert main(["report", "--db", str(demo_path), "--from", "2030K1", "--to", "2030K2", "--format", "pdf",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert main(["report", "--db", str(demo_path), "--from", "2025K1", "--to", "2025K3", "--items", "nope",
                 "--format", "pdf", "--out", str(tmp_path / "x.pdf")]) == 2
    assert main(["report", "--from", "2025K1", "--format", "pdf"]) == 2
    capsys.readouterr()


def test_agenda_lists_every_view_figure():
    known = agenda.items()
    assert {"overblik", "utm_funnel", "p11_survival", "econ_matrix", "econ_volume_price", "stair_picture"} <= set(known)
    assert all(not item.title.startswith(("econ_", "stair_", "utm_", "p11_")) for item in known.values())
    assert set(agenda.DEFAULT_AGENDA) <= set(known)


def test_presentation_mode_moves_between_items(app_env):
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.query_params.update({"praesentation": "1", "agenda": "overblik,utm_rate_year,p11_flows"})
    app.run()
    app.switch_page("pages/moede.py").run()
    assert not app.exception
    bar = [m.value for m in app.markdown if 'testid="meeting-bar"' in m.value]
    assert bar and "Punkt 1 af 3" in bar[0] and "DEMODATA" in bar[0]
    app.button(key="present_next").click().run()
    bar = [m.value for m in app.markdown if 'testid="meeting-bar"' in m.value]
    assert "Punkt 2 af 3" in bar[0]
    assert "UTM-møder pr. 1.000 0-17-årige pr. år" in [s.value for s in app.subheader]
    app.button(key="present_back").click().run()
    assert "Punkt 1 af 3" in [m.value for m in app.markdown if 'testid="meeting-bar"' in m.value][0]
    app.button(key="present_leave").click().run()
    assert not [m for m in app.markdown if 'testid="meeting-bar"' in m.value]
    assert app.title[0].value == "Mødemateriale"


def test_meeting_page_saves_a_note(app_env, tmp_path, monkeypatch, demo_path):
    copy = tmp_path / "demo_copy.duckdb"
    copy.write_bytes(demo_path.read_bytes())
    monkeypatch.setenv("STEERING_DEMO_DB", str(copy))
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.query_params.update({"agenda": "utm_rate_year"})
    app.run()
    app.switch_page("pages/moede.py").run()
    assert not app.exception
    app.text_area(key="note_text_utm_rate_year").input("Vest har ansat en ekstra rådgiver.")
    app.text_input(key="note_author_utm_rate_year").input("Bo")
    form_button = [b for b in app.button if "Gem note" in str(b.label)]
    form_button[0].click().run()
    assert not app.exception
    saved = notes.latest(Store(copy), app.selectbox(key="w_last").value, "kommune")
    assert saved["utm_rate_year"].text == "Vest har ansat en ekstra rådgiver." and saved["utm_rate_year"].author == "Bo"


def test_a_note_is_shown_beside_its_figure_on_the_page(app_env, tmp_path, monkeypatch, demo_path):
    copy = tmp_path / "demo_note.duckdb"
    copy.write_bytes(demo_path.read_bytes())
    store = Store(copy)
    store.upgrade()
    notes.save(store, "p11_survival", "2026K3", "kommune", "Familieafdelingens forløb er længere.", "Karin")
    monkeypatch.setenv("STEERING_DEMO_DB", str(copy))
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
    app.switch_page("pages/paragraf11.py").run()
    assert not app.exception
    assert any("Familieafdelingens forløb er længere." in box.value and "Karin" in box.value for box in app.info)


def test_a_save_that_waits_too_long_for_another_program_says_so_on_the_page(app_env, tmp_path, monkeypatch,
                                                                            demo_path):
    # Another program (an import from the command line) holds the database for writing longer than
    # the save may wait: the page says the database is busy, in Danish, instead of a traceback.
    from tests.test_store_sharing import HOLD_FOR_WRITING, child, wait_for_line
    copy = tmp_path / "demo_busy.duckdb"
    copy.write_bytes(demo_path.read_bytes())
    Store(copy).upgrade()
    monkeypatch.setenv("STEERING_DEMO_DB", str(copy))
    monkeypatch.setenv("STEERING_LOCK_WAIT", "0.3")
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.query_params.update({"agenda": "utm_rate_year"})
    app.run()
    app.switch_page("pages/moede.py").run()
    app.text_area(key="note_text_utm_rate_year").input("Skrevet mens en import kører.")
    holder = child(HOLD_FOR_WRITING, str(copy), "6")
    try:
        wait_for_line(holder, "holding")
        [b for b in app.button if "Gem note" in str(b.label)][0].click().run()
    finally:
        holder.wait(20)
    assert not app.exception
    assert any("optaget" in e.value for e in app.error)
    assert "utm_rate_year" not in notes.latest(Store(copy), app.selectbox(key="w_last").value, "kommune")
