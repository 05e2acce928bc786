"""The page "Om tallene": generated from the catalogue, the sources, the workbook contract and the
disclosure rules, so it cannot drift from what the product computes."""
from steering_core import about, catalogue
from tests.test_app import run_app


def test_every_indicator_is_explained_once():
    infos = about.indicators("da")
    assert [info.id for info in infos] == [indicator.id for indicator in catalogue.INDICATORS]
    assert all(info.definition and info.formula and info.sheets and info.hidden for info in infos)


def test_source_sheets_follow_the_sources_tables():
    assert about.source_sheets(catalogue.get("p11_started")) == ("Enheder", "Indsatser")
    # A rate per 1.000 residents: meetings by the proposing unit's district over its population.
    assert about.source_sheets(catalogue.get("utm_per_1000")) == ("Enheder", "Befolkning", "UTM")
    assert about.source_sheets(catalogue.get("spend_vs_budget")) == ("Oekonomi",)


def test_hidden_names_the_counts_and_the_minimum(monkeypatch):
    monkeypatch.setenv("STEERING_MIN_CELL", "7")
    text = about.hidden_text(catalogue.get("p11_started"), "da")
    assert text == ("når en af disse tællinger er under 7: antal registreringer i indsats_started "
                    "(familie = 'forebyggende'); antal børn i indsats_started (familie = 'forebyggende'), "
                    "eller når et skjult tal ellers kunne regnes ud.")
    # Budget and booked spend are public: never hidden, and the page says why.
    assert about.hidden_text(catalogue.get("spend_vs_budget"), "da") == (
        "aldrig: Budget og bogført forbrug pr. sektor er offentlige tal (budget og regnskab).")


def test_reference_figures_in_danish_formats_with_units():
    title, source, table, _ = about.reference_tables()[0]
    assert source == "000 L634-662"
    assert list(table.columns) == ["Kommune", "Indbyggere 2020 (antal)", "Udgiftsbehovsindeks (landet = 100)",
                                   "Udgift (kr. pr. indbygger)"]
    assert table.iloc[-1].tolist() == ["Landsgennemsnit", "59.415", "100", "10.016"]
    placements = about.reference_tables()[2][2]
    assert placements.iloc[0].tolist() == ["Institutionsanbringelser", "3,6", "3,0"]


def test_the_page_runs(app_env):
    app = run_app()
    app.switch_page("pages/om_tallene.py").run()
    assert not app.exception and not app.error
    assert app.title[0].value == "Om tallene"
    assert len(app.table) == 3
    shown = " ".join(block.value for block in app.markdown)
    assert all(indicator.name_da in shown for indicator in catalogue.INDICATORS)
