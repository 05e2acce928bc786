"""The app on a projector, at 1280×720 and 1920×1080: no tile value or title is cut off on any page,
every presentation slide fits the screen with its buttons on it, and Esc leaves presentation mode.

Screenshots of every page and slide at both sizes go to tests/screenshots/ (git-ignored).
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_pages import (MAIN, assert_clean_console, open_app, other_parts, save_screenshot,
                                     wait_until_idle)
from tests.streamlit_client import PAGES

SIZES = [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
SIZE_IDS = [f"{size['width']}x{size['height']}" for size in SIZES]
# Slides of every kind: the opening tiles, bars by district, a long unit chart, the funnel, curves,
# a budget with amounts in the side tiles, the staircase.
AGENDA = "overblik,utm_rate_year,utm_by_unit,utm_funnel,p11_survival,econ_budget,stair_picture"
PACK_TIMEOUT_S = 120
# Text that must show whole: tile titles and values (overview and slides), the breadcrumb, download buttons
# and the button a figure's downloads open from.
CLIPPED_JS = """() => [...document.querySelectorAll(
    '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] p,' +
    '[data-testid="stDownloadButton"] button *, [data-testid="stPopover"] button *,' +
    '.slide-tile .title, .slide-tile .value, .slide-tile .change, .slide-tile .meta, .meeting-bar')]
  .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
  .map(e => `${e.textContent.trim().slice(0, 60)} (${e.scrollWidth} > ${e.clientWidth})`)"""
# Streamlit scrolls inside stMain, so both it and the document must fit the viewport.
HEIGHTS_JS = f"""() => [document.documentElement.scrollHeight,
                        document.querySelector('{MAIN}').scrollHeight]"""


def _page_url(app_url: str, path: str) -> str:
    return f"{app_url}/" if path == PAGES[0] else f"{app_url}/{path}"


def _clipped(page) -> list[str]:
    """Texts cut off on the page as shown, and in the first figure's downloads."""
    clipped = page.evaluate(CLIPPED_JS)
    figure_menu = page.locator('[data-testid="stPopover"] button').first
    if figure_menu.count():
        # A figure's downloads show when its button is clicked: open the first and look at them.
        figure_menu.click()
        expect(page.locator('[data-testid="stDownloadButton"]:visible').first).to_be_visible()
        clipped += page.evaluate(CLIPPED_JS)
        page.keyboard.press("Escape")
    return clipped


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_no_tile_title_or_value_is_cut_off_on_any_page(app_url, open_page, size):
    page, log = open_page()
    page.set_viewport_size(size)
    problems = {}
    for path in PAGES:
        open_app(page, _page_url(app_url, path))
        clipped = _clipped(page)
        save_screenshot(page, f"projector_{path}_{size['width']}x{size['height']}")
        for number, part in enumerate(other_parts(page), start=2):
            clipped += [f"part {part!r}: {text}" for text in _clipped(page)]
            save_screenshot(page, f"projector_{path}_part{number}_{size['width']}x{size['height']}")
        if clipped:
            problems[path] = clipped
    assert not problems, problems
    assert_clean_console(log)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_every_slide_fits_the_screen_and_esc_leaves(app_url, open_page, size):
    page, log = open_page()
    page.set_viewport_size(size)
    # The first request builds the whole pack (seven figures on a cold server): give it time.
    page.goto(f"{app_url}/moede?praesentation=1&agenda={AGENDA}", wait_until="domcontentloaded")
    wait_until_idle(page, timeout_s=PACK_TIMEOUT_S)
    bar = page.locator('[data-testid="meeting-bar"]')
    total = len(AGENDA.split(","))
    expect(bar).to_contain_text(f"Punkt 1 af {total}")
    # The opening slide is tiles, each saying its period and unit.
    tiles = page.locator('[data-testid="slide-tile"]')
    assert tiles.count() == 9
    assert "Kvartalet" in tiles.first.inner_text()
    problems = []
    for number in range(1, total + 1):
        expect(bar).to_contain_text(f"Punkt {number} af {total}", timeout=30_000)
        wait_until_idle(page)
        document_height, main_height = page.evaluate(HEIGHTS_JS)
        if max(document_height, main_height) > size["height"]:
            problems.append(f"slide {number}: {document_height}/{main_height} px high, screen {size['height']}")
        for key in ("present_back", "present_next", "present_leave"):
            box = page.locator(f".st-key-{key} button").first.bounding_box()
            if box is None or box["y"] + box["height"] > size["height"]:
                problems.append(f"slide {number}: button {key} not on the screen ({box})")
        if clipped := page.evaluate(CLIPPED_JS):
            problems.append(f"slide {number}: cut off {clipped}")
        save_screenshot(page, f"projector_slide{number}_{size['width']}x{size['height']}")
        if number < total:
            page.keyboard.press("ArrowRight")
    assert not problems, problems
    page.keyboard.press("Escape")
    expect(bar).to_have_count(0, timeout=30_000)
    wait_until_idle(page)
    assert "Mødemateriale" in page.locator(f"{MAIN} h1").all_inner_texts()
    assert_clean_console(log)
