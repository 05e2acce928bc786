"""What the projector screens rest on, in the core: the first screen's tiles, amounts short enough for a
tile, one colour per district, top-N unit charts, noted gaps, and chart images that say what they show."""
from __future__ import annotations

import pandas as pd

from steering_core import catalogue, charts, overview
from steering_core.views.figure import missing_quarters, png_stamp, top_rows


def _tile(indicator_id: str) -> overview.Tile:
    indicator = catalogue.get(indicator_id)
    return overview.Tile(indicator_id, indicator.dimension, indicator.name("da"), "1", "2026K3", None, None,
                         "off", "", ())


def test_the_first_screen_holds_three_headline_tiles_per_dimension_in_dimension_order():
    headline = {indicator.id for indicator in overview.headline_indicators()}
    assert set(overview.FIRST_SCREEN) <= headline
    first, rest = overview.first_screen([_tile(i) for i in sorted(headline)])
    assert [tile.dimension for tile in first] == [catalogue.ACTIVITY] * 3 + [catalogue.RESOURCE] * 3 + \
        [catalogue.RESULT] * 3
    assert {tile.indicator_id for tile in rest} == headline - set(overview.FIRST_SCREEN)


def test_large_amounts_are_shown_in_millions_with_their_unit():
    budget = next(i for i in catalogue.INDICATORS if i.unit == "kr")
    assert overview.format_value(budget, 1_533_512_343.0) == "1.533,5 mio. kr."
    assert overview.format_value(budget, 9_999_999.0) == "9.999.999 kr."
    assert overview.format_change(budget, 22_577_804.0) == "+22,6 mio. kr."
    assert overview.format_change(budget, -201_500.0) == "-201.500 kr."


def test_a_district_keeps_its_colour_alone_and_as_a_unit():
    everyone = charts.district_colours(["Vest", "Nord", "Syd"]).to_dict()
    colour = dict(zip(everyone["domain"], everyone["range"]))
    assert colour == {"Nord": charts.PALETTE[0], "Syd": charts.PALETTE[1], "Vest": charts.PALETTE[2]}
    as_unit = charts.district_colours(["Nord", "Syd", "Vest"], {"Søndre Skole": "Syd"}).to_dict()
    assert dict(zip(as_unit["domain"], as_unit["range"]))["Søndre Skole"] == charts.PALETTE[1]


def test_the_result_lines_colour_each_district_as_every_other_view_and_the_municipality_apart(demo_store):
    from steering_core.engine import Request, available_quarters, districts
    from steering_core.views import results, utm

    last = available_quarters(demo_store)[-1]
    request = Request(last, last)
    line = results.BUILDERS["results_fit_effect"](demo_store, request).chart.to_dict()
    scale = next(layer["encoding"]["color"]["scale"] for layer in line["layer"] if "color" in layer.get("encoding", {}))
    colour = dict(zip(scale["domain"], scale["range"]))
    _, _, utm_colours = utm.by_level(demo_store, request, pd.DataFrame({"district": []}))
    assert {d: colour[d] for d in districts(demo_store)} == dict(zip(utm_colours.domain, utm_colours.range))
    assert colour["Hele kommunen"] == charts.WHOLE_COLOUR not in charts.PALETTE


def test_a_slide_keeps_the_units_with_the_highest_figures_and_the_chosen_one():
    frame = pd.DataFrame({"unit": list("abcde"), "value": [5.0, 9.0, 1.0, 7.0, 3.0]})
    assert top_rows(frame, 2)["unit"].tolist() == ["b", "d"]
    assert top_rows(frame, 2, keep=("c",))["unit"].tolist() == ["b", "c"]
    assert top_rows(frame, None).equals(frame)


def test_quarters_without_a_drawn_figure_are_named():
    frame = pd.DataFrame({"period": ["2025K1", "2025K2", "2025K4", "2026K1"], "value": [1.0, None, 2.0, 3.0],
                          "suppressed": [False, True, False, False]})
    assert missing_quarters(frame) == ["2025K2", "2025K3"]
    assert missing_quarters(frame.assign(period=["2022", "2023", "2024", "2025"])) == []


def test_a_chart_image_carries_the_demo_mark_municipality_scope_and_period():
    assert png_stamp("Demo Kommune", "Syd", "2025K1", "2026K3", True) == \
        "DEMODATA · Demo Kommune · Syd · 2025K1 – 2026K3"
    assert png_stamp("Aarhus", "Alle distrikter", "2026K3", "2026K3", False) == "Aarhus · Alle distrikter · 2026K3"


def test_the_breadcrumb_names_the_path_and_goes_back_one_click(app_env):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import REPO

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.query_params.update({"enhed": "SK-SY-01"})     # a unit picked without its district
    app.run()
    assert [app.button(key=f"crumb_{level}").label for level in ("kommune", "distrikt")] == ["Demo Kommune", "Syd"]
    app.button(key="crumb_distrikt").click().run()
    assert (app.multiselect(key="w_districts").value, app.multiselect(key="w_units").value) == (["Syd"], [])
    app.button(key="crumb_kommune").click().run()
    assert (app.multiselect(key="w_districts").value, app.multiselect(key="w_units").value) == ([], [])
    assert not [b for b in app.button if b.key and b.key.startswith("crumb_")]
