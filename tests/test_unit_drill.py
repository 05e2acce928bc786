"""Drilling from district to unit: the core keeps figures that exist per unit and says which do not."""
import pytest

from steering_core import engine, overview
from steering_core.engine import Filters, NotForFilter, Request
from steering_core.meeting.agenda import build as build_item
from steering_core.meeting.pack import scope_key, scope_label
from steering_core.views import p11, staircase, utm

LAST = "2025K4"


@pytest.fixture(scope="module")
def school(demo_store):
    """The school in Nord with the most UTM meetings in 2025, so its yearly figure is not suppressed."""
    units = engine.unit_register(demo_store)
    held = engine.compute(demo_store, ["utm_held"], Request("2025K1", LAST, "samlet", ("enhed",)))
    schools = units[(units["unit_type"] == "skole") & (units["district"] == "Nord")]
    shown = held[held["unit"].isin(schools["unit"])].dropna(subset=["numerator"])
    busiest = shown.sort_values("numerator").iloc[-1]["unit"]
    return schools[schools["unit"] == busiest].iloc[0]


def unit_request(school, districts=True) -> Request:
    return Request("2025K1", LAST, filters=Filters(distrikter=(school.district,) if districts else (),
                                                   enheder=(school.unit,)))


def test_a_rate_per_resident_is_refused_per_unit_and_says_at_which_level(demo_store, school):
    with pytest.raises(NotForFilter) as refused:
        engine.compute(demo_store, ["utm_per_1000"], unit_request(school))
    assert refused.value.level == "unit"


def test_unit_figures_count_only_that_units_meetings(demo_store, school):
    mine = engine.compute(demo_store, ["utm_held"], replace_grain(unit_request(school)))
    everyone = engine.compute(demo_store, ["utm_held"], replace_grain(unit_request(school, districts=False)))
    by_unit = engine.compute(demo_store, ["utm_held"], Request("2025K1", LAST, "samlet", ("enhed",)))
    expected = by_unit.loc[by_unit["unit"] == school.unit, "numerator"].iloc[0]
    assert mine["numerator"].iloc[0] == everyone["numerator"].iloc[0] == expected >= 5


def replace_grain(request: Request) -> Request:
    return Request(request.first, request.last, "samlet", (), request.filters)


def test_views_mark_what_does_not_exist_per_unit_and_draw_the_rest(demo_store, school):
    figures = {f.key: f for f in utm.figures(demo_store, unit_request(school))}
    assert figures["utm_rate_year"].empty and "Findes ikke pr. enhed" in figures["utm_rate_year"].caption
    assert figures["utm_rate_year"].title == "UTM-møder pr. 1.000 0-17-årige pr. år"
    # A breakdown of one unit is not offered (docs/DISCLOSURE.md): the figure says so in its place.
    assert figures["utm_outcomes"].empty and "Vises ikke for én enhed" in figures["utm_outcomes"].caption
    # The unit chart keeps every unit of the district, so the comparison stays on screen.
    units = figures["utm_by_unit"].table
    assert len(units) > 1 and set(units["district"]) == {"Nord"} and school.unit in set(units["unit"])
    assert figures["utm_by_unit"].drill_field == "unit" and figures["utm_by_unit"].drill_filter == "enheder"
    stairs = {f.key: f for f in staircase.figures(demo_store, unit_request(school))}
    assert stairs["stair_spend"].empty and stairs["stair_picture"].empty
    courses = {f.key: f for f in p11.figures(demo_store, unit_request(school))}
    assert not courses["p11_flows"].empty and courses["p11_by_granted"].empty


def test_an_agenda_item_that_does_not_exist_per_unit_is_explained(demo_store, school):
    figure = build_item(demo_store, unit_request(school), "utm_rate_year")
    assert figure.empty and "Findes ikke pr. enhed" in figure.caption


def test_overview_tiles_fall_back_to_the_district_then_the_municipality(demo_store, school):
    tiles = {tile.indicator_id: tile for tile in overview.tiles(demo_store, LAST, unit_request(school).filters)}
    assert tiles["utm_held"].note is None
    assert tiles["utm_per_1000"].note == "Distriktet som helhed (findes ikke pr. enhed)"
    assert tiles["spend_vs_budget"].note == "Hele kommunen (findes ikke pr. distrikt)"
    district = {tile.indicator_id: tile for tile in overview.tiles(demo_store, LAST, Filters(distrikter=("Nord",)))}
    assert tiles["utm_per_1000"].value == district["utm_per_1000"].value
    alone = {tile.indicator_id: tile
             for tile in overview.tiles(demo_store, LAST, unit_request(school, districts=False).filters)}
    assert alone["utm_per_1000"].note == "Hele kommunen (findes ikke pr. enhed)"


def test_notes_for_a_unit_are_kept_apart_from_the_districts(school):
    with_unit = unit_request(school).filters
    assert scope_key(with_unit) != scope_key(Filters(distrikter=(school.district,)))
    assert scope_key(Filters()) == "kommune"
    assert scope_label(with_unit, {school.unit: school.unit_name}) == f"Nord · {school.unit_name}"


def test_meeting_exports_say_why_a_figure_is_missing_for_a_unit(demo_store, school):
    import io

    from pptx import Presentation
    from pypdf import PdfReader

    from steering_core.meeting import document, slides
    from steering_core.meeting.pack import build_pack

    pack = build_pack(demo_store, unit_request(school), ["utm_rate_year", "utm_by_unit"])
    assert pack.scope == f"Nord · {school.unit_name}"
    deck = Presentation(io.BytesIO(slides.pptx_bytes(pack)))
    deck_text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                         if shape.has_text_frame)
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(document.pdf_bytes(pack))).pages)
    for text in (deck_text, " ".join(pdf_text.split())):
        assert "Findes ikke pr. enhed" in text and school.unit_name in text
