"""The Investeringscases page through Streamlit's AppTest on a copy of the demo: it draws, its controls change
the figures, and a case uploaded from the template is stored as a new version."""
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from steering_core import investment_demo, investment_excel
from steering_core.texts import t
from tests import apptest
from tests.apptest import texts
from tests.conftest import REPO
from tests.test_investment import gladsaxe_like

PAGE = str(REPO / "pages" / "investering.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def entry(app_env, demo_path, monkeypatch, tmp_path) -> str:
    path = tmp_path / "invest-demo.duckdb"
    shutil.copy(demo_path, path)
    monkeypatch.setenv("STEERING_DEMO_DB", str(path))
    return str(REPO / "app.py")


def open_page(entry: str, **query) -> AppTest:
    return apptest.open_page(entry, PAGE, **query)


def test_the_page_draws_the_case_its_follow_up_and_the_requirement(entry):
    app = open_page(entry)
    assert app.title[0].value == "Investeringscases"
    assert "antagelser, ikke budgetreduktioner" in texts(app.warning)
    assert app.selectbox(key="inv_case").value == investment_demo.FAMILY.name
    subheaders = [s.value for s in app.subheader]
    assert f"Hvornår har {investment_demo.FAMILY.name} tjent sig hjem? Akkumuleret nettoresultat pr. år" in subheaders
    captions = texts(app.caption)
    assert "Pessimistisk: tjent hjem i 2029 (5 år efter start)" in captions
    # Behind: re-estimated from actuals, it pays back later than planned (2027), or not at all.
    assert "Skønnet ud fra det faktiske: " in captions
    assert "Skønnet ud fra det faktiske: tjent hjem i 2027" not in captions
    sectors, years, effects, _versions, requirement = (d.value for d in app.dataframe[:5])
    assert list(sectors.iloc[:, 0])[-2:] == ["I alt", "Akkumuleret netto"]
    assert list(years["Faktisk udgift"])[:2] == ["2.000.000 kr.", "1.500.000 kr."]
    assert list(years["År"]) == ["2024", "2025", "2026 (til dato)"]
    assert "kan ses fra 31-12-2026" in set(effects["Faktisk"])
    assert set(requirement["Bærer af samlet mangel"][requirement["År"] == "2025"]) == {"166.667 kr.", "166.666 kr."}


def test_the_controls_change_the_figures(entry):
    app = open_page(entry)
    expected = app.dataframe[0].value
    app.radio(key=f"inv_scenario_{investment_demo.FAMILY.name}").set_value("optimistisk").run()
    assert not app.exception
    assert not app.dataframe[0].value.equals(expected)
    app.selectbox(key="inv_case").set_value(investment_demo.PREP.name).run()
    assert not app.exception and not app.error
    assert any(s.value.startswith(f"Hvornår har {investment_demo.PREP.name}") for s in app.subheader)
    # On track: re-estimated from actuals within a year of the plan (2027).
    assert any(f"Skønnet ud fra det faktiske: tjent hjem i {year}" in texts(app.caption) for year in (2026, 2027, 2028))


def test_an_uploaded_case_is_checked_and_saved_as_a_version(entry):
    app = open_page(entry)
    broken = investment_excel.write()     # the empty template
    app.file_uploader(key="inv_upload").set_value(("tom.xlsx", broken, XLSX))
    app.text_input(key="inv_user").input("Anne")
    next(b for b in app.button if b.label == "Gem casen").click().run()
    assert [e.value for e in app.error] == ["Casen er ikke gemt. Ret disse fejl i arket og indlæs det igen:"]
    app.file_uploader(key="inv_upload").set_value(("prep.xlsx", investment_excel.write(gladsaxe_like()), XLSX))
    app.text_input(key="inv_user").input("Anne")
    next(b for b in app.button if b.label == "Gem casen").click().run()
    assert not app.exception and not app.error
    assert "Casen »PREP« er gemt som version 1." in texts(app.success)
    assert app.selectbox(key="inv_case").value == "PREP"
    assert "Forventet: tjent hjem i 2025 (6 år efter start)" in texts(app.caption)


def test_cases_go_on_the_meeting_agenda_and_into_every_export(demo_store):
    from steering_core.engine import Request
    from steering_core.meeting import agenda, document, slides, workbook
    from steering_core.meeting.pack import build_pack
    from steering_core.views.investment import CASE_ITEM

    known = agenda.items(demo_store)
    assert "inv_cases" in known and "inv_cases" in agenda.items()
    case_item = CASE_ITEM + "familiebehandling-i-hjemmet-vest"
    assert known[case_item].title == f"Investeringscase: {investment_demo.FAMILY.name}"
    pack = build_pack(demo_store, Request("2026K1", "2026K3"), ["inv_cases", case_item])
    summary, case = (item.figure for item in pack.items)
    rows = summary.table.set_index("case")
    # PREP on track (within a year of its plan, 2027); family treatment later than its plan, or never.
    assert rows.loc[investment_demo.PREP.name, "estimate"] in ("2026", "2027", "2028")
    assert rows.loc[investment_demo.FAMILY.name, "estimate"] not in ("2026", "2027", "2028")
    assert case.chart is not None and "Skøn ud fra det faktiske" in case.caption
    for writer in (slides.pptx_bytes, document.pdf_bytes, workbook.xlsx_bytes):
        assert len(writer(pack)) > 1000


def test_a_requirement_is_saved_from_the_form_as_a_new_version(entry):
    app = open_page(entry)
    name = investment_demo.REQUIREMENT.name
    next(b for b in app.button if b.label == "Gem kravet").click().run()
    assert [e.value for e in app.error] == [t("inv.err.user")]      # the demo's version is prefilled
    app.text_input(key="inv_req_user").input("Anne")
    next(b for b in app.button if b.label == "Gem kravet").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert f"Effektiviseringskravet »{name}« er gemt som version 2." in texts(app.success)


def test_a_case_is_presented_from_a_prepared_link(app_env):
    from steering_core.views.investment import CASE_ITEM

    case_item = CASE_ITEM + "prep-kurser-for-foraeldre"
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.query_params.update({"praesentation": "1", "agenda": f"inv_cases,{case_item}"})
    app.run()
    app.switch_page("pages/moede.py").run()
    assert not app.exception
    app.button(key="present_next").click().run()
    assert not app.exception
    bar = [m.value for m in app.markdown if 'testid="meeting-bar"' in m.value]
    assert "Punkt 2 af 2" in bar[0]
    assert f"Hvornår har {investment_demo.PREP.name} tjent sig hjem? Akkumuleret nettoresultat pr. år" in [
        s.value for s in app.subheader]
