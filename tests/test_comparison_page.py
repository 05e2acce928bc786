"""The Sammenligning page (AppTest, with interaction), its agenda items, and an attack on other
municipalities' hidden figures through the page's outputs, on a small national demo."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from steering_core import comparison, demo, engine, national_demo, periods
from steering_core.engine import Filters, Request
from steering_core.meeting import agenda
from steering_core.reference import builtin
from steering_core.store import Store
from steering_core.views import comparison as view
from tests.conftest import DEMO_UNTIL, REPO

APP = str(REPO / "app.py")
PLACEMENT_TYPES = ("placements_step4_per_1000", "placements_step5_per_1000", "placements_step6_per_1000")


def open_page(**query) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=600)
    app.query_params.update(query)
    app.run()
    return app.switch_page("pages/sammenligning.py").run()


def test_single_municipality_shows_the_reports_figures_and_says_why_no_group(app_env):
    app = open_page()
    assert not app.exception and not app.error
    assert app.title[0].value == "Sammenligning"
    assert any("ingen sammenligningsgruppe" in info.value for info in app.info)
    # The built-in figures are named with their source, in the caption of the summary.
    assert any("Bilagstabel 2.6" in c.value for c in app.caption)
    # Interaction: another indicator gives another ranking and trend.
    app.selectbox(key="cmp_indicator").set_value("spend_per_0_22_steps_4_6").run()
    assert not app.exception
    assert any(s.value.startswith("Udgift til anbringelser pr. 0-22-årig") for s in app.subheader)


def test_agenda_offers_the_comparison_and_builds_it(demo_store):
    known = agenda.items()
    assert {"cmp_summary", "cmp_ranking", "cmp_trend"} <= set(known)
    figure = agenda.build(demo_store, Request("2026K1", DEMO_UNTIL.label), "cmp_summary")
    table = figure.table.set_index("indicator")
    assert table.loc["Forebyggelsesgrad", "country"] == "71,8 % (2018)"   # 002 Bilagstabel 2.6
    assert figure.xlsx()[:2] == b"PK"


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    path = tmp_path_factory.mktemp("national") / "national.duckdb"
    return Store(national_demo.build_national_database(path, until=periods.quarter(2026, 3), municipalities=4, years=2))


def test_national_demo_puts_demo_kommune_in_a_group(national, monkeypatch):
    monkeypatch.setenv("STEERING_DEMO_DB", str(national.path))
    monkeypatch.setenv("STEERING_DB", str(national.path.parent / "none" / "steering.duckdb"))
    app = open_page()
    assert not app.exception and not app.error
    assert app.selectbox(key="w_kommune").value == demo.DEMO_KOMMUNE
    suggested = app.multiselect(key="cmp_group").value
    assert len(suggested) == 4 and builtin.COUNTRY not in suggested
    summary = app.table[0].value
    assert summary["Rang i gruppen"].str.endswith(" af 5").any()
    # Interaction: a smaller group ranks among fewer; the suggestion brings the group back.
    app.multiselect(key="cmp_group").set_value(suggested[:2]).run()
    assert app.table[0].value["Rang i gruppen"].str.endswith(" af 3").any()
    app.button(key="cmp_use_suggestion").click().run()
    assert app.multiselect(key="cmp_group").value == suggested


def test_other_municipalities_hidden_counts_cannot_be_recovered(national, monkeypatch):
    """The attacker sees every output of the page for every indicator and group: rates of placements in
    all and by type, the country's figure, ranks and medians; knows the (public) population; and tries
    to work out a hidden number of placed children of another municipality."""
    monkeypatch.setenv("STEERING_MIN_CELL", "8")      # more hidden cells in a small demo
    request = Request("2026K1", "2026K3", filters=Filters(kommune=demo.DEMO_KOMMUNE))
    members = tuple(k for k in engine.kommuner(national) if k != demo.DEMO_KOMMUNE)
    shown: dict[tuple[str, str, int], float] = {}
    for indicator in ("placements_per_1000", *PLACEMENT_TYPES):
        for fig in view.figures(national, request, indicator, members):
            if fig.key == "cmp_ranking":
                year = int(fig.title.rsplit(" ", 1)[-1])
                for row in fig.table.itertuples():
                    if row.value == row.value and row.value is not None:
                        shown[(row.kommune, indicator, year)] = row.value
        result = comparison.build(national, request, members, (indicator,))
    # The truth, straight from the engine (counts and populations), per municipality and year.
    truth = engine.compute(national, ["placements_per_1000", *PLACEMENT_TYPES], Request("2025K1", "2026K3", "aar"),)
    truth = truth.assign(population=truth["denominator"])
    hidden_targets = 0
    for row in truth[truth["suppressed"]].itertuples():
        if row.kommune == demo.DEMO_KOMMUNE:
            continue
        year = int(row.period)
        assert (row.kommune, row.indicator, year) not in shown          # never shown directly
        total = shown.get((row.kommune, "placements_per_1000", year))
        parts = [shown.get((row.kommune, other, year)) for other in PLACEMENT_TYPES if other != row.indicator]
        if row.indicator != "placements_per_1000" and total is not None:
            # All of a municipality's placements less its other types would give this type.
            assert None in parts, (row.kommune, row.indicator, year)
        hidden_targets += 1
    assert hidden_targets > 0, "the attack needs hidden figures to aim at"
    # The country's figure is of the shown municipalities only: with it and every shown figure, the
    # hidden ones are not what remains.
    value, source = comparison.country(result, PLACEMENT_TYPES[-1], 2026)
    assert source == comparison.ALL_DATABASE
    rows = result.figures[(result.figures["indicator"] == PLACEMENT_TYPES[-1]) & (result.figures["year"] == 2026)]
    visible = rows[~rows["hidden"]]
    if len(visible):
        assert value == pytest.approx(visible["numerator"].sum() / visible["denominator"].sum() * 1000)


def test_comparison_figures_go_into_every_export_with_the_reference_figures_source(national):
    import io

    from openpyxl import load_workbook
    from pptx import Presentation
    from pypdf import PdfReader

    from steering_core.meeting import document, slides, workbook
    from steering_core.meeting.pack import build_pack

    items = ["cmp_summary", "cmp_ranking", "cmp_trend"]
    pack = build_pack(national, Request("2026K1", "2026K3", filters=Filters(kommune=demo.DEMO_KOMMUNE)), items)
    assert [item.figure.key for item in pack.items] == items
    source = "Bilagstabel 2.6"       # the built-in reference figures' source (002)
    assert all(source in item.figure.sources for item in pack.items)
    deck = Presentation(io.BytesIO(slides.pptx_bytes(pack)))
    assert len(deck.slides) == 1 + len(items)
    for slide in list(deck.slides)[1:]:
        assert any(source in shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    pages = PdfReader(io.BytesIO(document.pdf_bytes(pack))).pages
    assert source in " ".join(" ".join(page.extract_text().split()) for page in pages)
    book = load_workbook(io.BytesIO(workbook.xlsx_bytes(pack)))
    for name in book.sheetnames[1:]:
        cells = [str(c.value) for row in book[name].iter_rows() for c in row if c.value is not None]
        assert any(source in cell for cell in cells), name
