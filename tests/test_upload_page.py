"""The upload page, driven through Streamlit's AppTest with a temporary real database."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from steering_core.store import Store
from tests import samples

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "upload.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "kommune.duckdb"
    monkeypatch.setenv("STEERING_DB", str(path))
    monkeypatch.setenv("STEERING_DEMO_DB", str(tmp_path / "demo.duckdb"))
    return path


def page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def test_failed_upload_shows_errors_and_stores_nothing(db):
    at = page()
    rows = [samples.UTM_HEADERS, *samples.utm_rows(2)]
    rows[2][5] = 40
    data = samples.workbook_bytes({"Enheder": [samples.UNIT_HEADERS, *samples.UNITS], "UTM": rows})
    at.file_uploader[0].set_value(("utm.xlsx", data, XLSX))
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Filen har fejl og er ikke gemt. Ret fejlene, og upload igen."]
    problems = at.dataframe[0].value
    assert problems.iloc[0].tolist() == ["Fejl", "UTM", 3, "F (alder)", "Fandt 40, forventede et helt tal fra 0 til 22."]
    assert not any(b.label == "Gem" for b in at.button)
    assert not db.exists()


def test_cpr_upload_is_refused_and_the_picker_emptied(db):
    at = page()
    cpr = f"{15:02d}{6:02d}{85:02d}{4321:04d}"
    at.file_uploader[0].set_value(("k.xlsx", samples.workbook_bytes({"UTM": [["barn_id"], [cpr]]}), XLSX))
    at.run()
    assert not at.exception
    [error] = at.error
    assert "Cellen A2 i arket 'UTM' (kolonne 'barn_id') ligner et CPR-nummer." in error.value and cpr not in error.value
    assert "upload_checked" not in at.session_state and at.session_state["upload_nonce"] == 1
    assert not db.exists()


def test_successful_upload_preview_commit_history_and_undo(db):
    at = page()
    assert "Der er endnu ikke indlæst data." in [c.value for c in at.caption]
    at.file_uploader[0].set_value([("enheder.xlsx", samples.workbook_bytes({"Enheder": [samples.UNIT_HEADERS, *samples.UNITS]}), XLSX),
                                   ("utm.xlsx", samples.workbook_bytes({"UTM": [samples.UTM_HEADERS, *samples.utm_rows(3)]}), XLSX)])
    at.text_input(key="upload_quarter").set_value("2025K3")
    at.run()
    # The municipality's name is asked once, before the first save.
    assert [w.value for w in at.warning] == ["Skriv kommunens navn, før data gemmes."]
    assert not any(b.label == "Gem" for b in at.button)
    at.text_input(key="upload_kommune").set_value("Aarhus Kommune")
    at.run()
    assert not at.exception and not at.error and not at.warning
    preview = at.dataframe[0].value
    assert preview.values.tolist() == [["Enheder", "–", 4, 0, 0, 0], ["UTM", "2025K3", 3, 0, 0, 0]]
    next(b for b in at.button if b.label == "Gem").click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Gemt som indlæsning nr. 1: 7 rækker."]
    assert Store(db).meta()["kommune"] == "Aarhus Kommune"
    assert not [w for w in at.text_input if w.key == "upload_kommune"]  # not asked again
    assert at.session_state["_pending_source"] == "kommune"
    with Store(db).connect(read_only=True) as con:
        assert con.execute("SELECT count(*) FROM utm").fetchall() == [(3,)]
    assert "enheder.xlsx, utm.xlsx" in at.markdown[-1].value
    at.button(key="upload_show_1").click()
    at.run()
    assert len(at.dataframe) == 2
    at.button(key="upload_undo_1").click()
    at.run()
    assert [s.value for s in at.success] == ["Indlæsning nr. 1 er fortrudt; 7 rækker fjernet og 0 rækker genskabt."]
    with Store(db).connect(read_only=True) as con:
        assert con.execute("SELECT count(*) FROM utm").fetchall() == [(0,)]


def test_the_guidance_names_every_sheet_and_units_come_first(db):
    at = page()
    guidance = at.expander[0]
    assert guidance.label == "Hvem uploader hvad, og i hvilken rækkefølge"
    text = guidance.markdown[0].value
    assert text.index("Enheder") < text.index("UTM") and "1. **Kommunens dataansvarlige**" in text
    utm_only = samples.workbook_bytes({"UTM": [samples.UTM_HEADERS, *samples.utm_rows(2)]})
    at.file_uploader[0].set_value(("utm.xlsx", utm_only, XLSX))
    at.run()
    assert [i.value for i in at.info] == [
        "Filens enheder findes ikke i databasen. Upload arket Enheder først, eller sammen med de andre ark."]


def test_a_sheet_whose_units_are_stored_needs_no_units_sheet(db):
    from steering_core.upload.importer import commit, prepare

    store = Store(db)
    units = samples.workbook_bytes({"Enheder": [samples.UNIT_HEADERS, *samples.UNITS]})
    assert commit(prepare([("enheder.xlsx", units)], store=store, kommune="Aarhus Kommune"), store=store).stored
    at = page()
    utm_only = samples.workbook_bytes({"UTM": [samples.UTM_HEADERS, *samples.utm_rows(2)]})
    at.file_uploader[0].set_value(("utm.xlsx", utm_only, XLSX))
    at.run()
    assert not at.exception and not at.error and not at.info and not at.warning
    assert any(b.label == "Gem" for b in at.button)


def test_the_page_survives_files_that_kill_a_reader(db, monkeypatch):
    from tests.hostile.make_corpus import xlsx
    monkeypatch.setenv("STEERING_UPLOAD_MAX_CELLS", str(10**12))   # let the native reader try, in its child
    at = page()
    crash = xlsx({"UTM": '<row r="1"><c r="A1"><v>1</v></c></row><row r="60000"><c r="XFD60000"><v>1</v></c></row>'})
    at.file_uploader[0].set_value(("lille.xlsx", crash, XLSX))
    at.run()
    assert not at.exception
    problems = at.dataframe[0].value
    assert problems.iloc[0].tolist()[-1].startswith("Filen kunne ikke læses: læseprogrammet stoppede uventet")
    assert not db.exists()
