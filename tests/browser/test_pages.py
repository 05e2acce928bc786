"""Every page of the running app in a real browser, at a projector's 1280×720 and at 1920×1080:
it renders, shows no error, is marked as demo, shows its main figure, makes no request
leaving the machine and has no serious or critical accessibility violation (axe-core).
Plus the district filter, through the URL and the sidebar.

The pages are read from the app's own navigation, so a newly registered page is opened
too; EXPECTED_PAGES says what each page's main figure is, and the test fails for a page
in the navigation that is not described there.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import VIEWPORTS

SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"  # git-ignored

APP = '[data-testid="stApp"]'
MAIN = '[data-testid="stMain"]'
NAV_LINKS = '[data-testid="stSidebarNav"] a'
NAV_MORE = '[data-testid="stSidebarNavViewButton"]'
TITLE = f'{MAIN} h1'
CAPTION = f'{MAIN} [data-testid="stCaptionContainer"]'
METRIC = '[data-testid="stMetric"]'
METRIC_VALUE = '[data-testid="stMetricValue"]'
DEMO_MARKER = '[data-testid="demo-marker"]'
# Verified against Streamlit 1.67 with a scratch app: st.error renders
# stAlert > stAlertContainer > stAlertContentError (st.warning: stAlertContentWarning);
# st.exception and an uncaught exception render stException (which itself holds a
# stAlertContentError).
EXCEPTION = '[data-testid="stException"]'
ERROR_ALERT = '[data-testid="stAlertContentError"]'
DIALOG = '[role="dialog"]'  # e.g. Streamlit's "Page not found"
# The switch between a page's parts (ui.components.part_switch): the only segmented control on a page.
PART_BUTTONS = f'{MAIN} [data-testid="stButtonGroup"] button'
# Streamlit's own English that can show on a page (ui/browser_fixes.js puts Danish in its place).
STREAMLIT_ENGLISH = ("per file", "Browse files", "Drag and drop", "No results", "Page not found",
                     "You can only select")
# WCAG 2.1 AA as axe-core tags it; serious and critical findings fail the test.
AXE_RUN_JS = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                          resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({rule: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' | ' + (n.html || '').slice(0, 160))}));
}"""
# Seen while the script runs (the "Running..." man in the top-right corner).
RUNNING_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const widget = document.querySelector('[data-testid="stStatusWidget"]');
  const icon = document.querySelector('[data-testid="stStatusWidgetRunningIcon"],'
                                      + '[data-testid="stStatusWidgetRunningManIcon"]');
  return {script: app ? app.getAttribute('data-test-script-state') : null,
          connection: app ? app.getAttribute('data-test-connection-state') : null,
          running: !!icon || (!!widget && /running/i.test(widget.textContent || ''))
                   || !!document.querySelector('[data-testid="stSkeleton"]')};
}"""
FIRST_REQUEST_TIMEOUT_S = 240  # the server's very first run also builds the protection grid
SETTLE_TIMEOUT_S = 60  # a loaded 2-core machine: lazy widgets can take long to show
QUIET_S = 1.0


@dataclass(frozen=True)
class ExpectedPage:
    name: str                 # screenshot file name
    path: str                 # URL path; the default page is always "/"
    figure: str               # CSS selector of the page's main figure
    min_figures: int = 1
    title: str | None = None  # the page's h1, when fixed
    required: bool = True     # must be in the navigation


EXPECTED_PAGES = [
    ExpectedPage("overblik", "/", METRIC, min_figures=10, title="Overblik"),
    ExpectedPage("utm", "/utm", '[data-testid="stVegaLiteChart"]', min_figures=3, title="UTM-møder"),
    ExpectedPage("paragraf11", "/paragraf11", '[data-testid="stVegaLiteChart"]', min_figures=6,
                 title="§ 11-forløb"),
    ExpectedPage("resultater", "/resultater", '[data-testid="stVegaLiteChart"]', min_figures=6,
                 title="Resultater"),
    ExpectedPage("oekonomi", "/oekonomi", '[data-testid="stVegaLiteChart"]', min_figures=4,
                 title="Økonomi på tværs"),
    ExpectedPage("indsatstrappen", "/indsatstrappen", '[data-testid="stVegaLiteChart"]', min_figures=2,
                 title="Indsatstrappen"),
    ExpectedPage("investering", "/investering", '[data-testid="stVegaLiteChart"]', min_figures=2,
                 title="Investeringscases"),
    # On Demo Kommune alone: the trend against the reports' country figures (no group, so no ranking).
    ExpectedPage("sammenligning", "/sammenligning", '[data-testid="stVegaLiteChart"]', min_figures=1,
                 title="Sammenligning"),
    ExpectedPage("moede", "/moede", '[data-testid="stVegaLiteChart"]', min_figures=2, title="Mødemateriale"),
    ExpectedPage("om_tallene", "/om-tallene", '[data-testid="stTable"]', min_figures=3, title="Om tallene"),
    # Being built (pages/upload.py); tested as soon as app.py puts it in the navigation.
    ExpectedPage("upload", "/upload", '[data-testid="stFileUploader"]', title="Upload af kvartalsdata"),
    # Administrators only; in local mode the user is the administrator (docs/ACCESS.md).
    ExpectedPage("adgang", "/adgang", '[data-testid="stForm"]', title="Adgang og revisionslog"),
]
EXPECTED_BY_PATH = {page.path: page for page in EXPECTED_PAGES}


# --- helpers ---------------------------------------------------------------------------------

def wait_until_idle(page: Page, timeout_s: float = SETTLE_TIMEOUT_S, quiet_s: float = QUIET_S) -> None:
    """Wait until the script has run and nothing has been running for ``quiet_s``."""
    page.wait_for_selector(APP, timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    idle_since = None
    state = {}
    while time.monotonic() < deadline:
        state = page.evaluate(RUNNING_JS)
        if state["script"] == "compilationError":
            return  # shown as an stException; the checks report it
        if state["script"] == "notRunning" and not state["running"]:
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since >= quiet_s:
                return
        else:
            idle_since = None
        page.wait_for_timeout(100)
    pytest.fail(f"{page.url}: Streamlit still busy after {timeout_s} s ({state})")


def open_app(page: Page, url: str, timeout_s: float = SETTLE_TIMEOUT_S) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_until_idle(page, timeout_s)


def save_screenshot(page: Page, name: str) -> Path:
    """A full-page picture. Streamlit scrolls inside stMain, not the document, so a plain
    full_page screenshot stops at the viewport: grow the viewport to the content first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    viewport = page.viewport_size
    height = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]')]
            .map(e => e.scrollHeight))""")
    if height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": min(height, 12_000)})
        page.wait_for_timeout(400)
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)
    return path


def page_name(path: str) -> str:
    known = EXPECTED_BY_PATH.get(path)
    return known.name if known else (path.strip("/").replace("/", "_") or "index")


def page_problems(page: Page) -> list[str]:
    """What is wrong on any page: Streamlit errors and a missing demo marker."""
    problems = []
    for exception in page.locator(EXCEPTION).all():
        problems.append(f"exception shown: {exception.inner_text()[:500]!r}")
    for alert in page.locator(ERROR_ALERT).all():
        if not alert.evaluate("e => !!e.closest('[data-testid=\"stException\"]')"):
            problems.append(f"error box shown: {alert.inner_text()[:500]!r}")
    shown_text = page.locator(APP).inner_text()
    problems += [f"English widget text shown: {phrase!r}" for phrase in STREAMLIT_ENGLISH if phrase in shown_text]
    for dialog in page.locator(DIALOG).all():
        if dialog.is_visible():
            problems.append(f"dialog shown: {dialog.inner_text()[:200]!r}")
    marker = page.locator(DEMO_MARKER)
    if marker.count() != 1 or not marker.is_visible():
        problems.append(f"demo marker {DEMO_MARKER} not visible once (found {marker.count()})")
    elif "DEMODATA" not in marker.inner_text():
        problems.append(f"demo marker without 'DEMODATA': {marker.inner_text()!r}")
    return problems


def figure_problems(page: Page, expected: ExpectedPage) -> list[str]:
    problems = []
    if expected.title is not None:
        titles = [t.strip() for t in page.locator(TITLE).all_inner_texts()]
        if expected.title not in titles:
            problems.append(f"title {expected.title!r} not among {titles}")
    found = page.locator(expected.figure).count()
    if found < expected.min_figures:
        problems.append(f"main figure {expected.figure}: {found} found, at least {expected.min_figures} expected")
    return problems


def accessibility_problems(page: Page, axe_script: Path) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations that axe-core finds on the page as shown."""
    page.add_script_tag(path=str(axe_script))
    problems = []
    for violation in page.evaluate(AXE_RUN_JS):
        nodes = violation["nodes"]
        problems.append(f"axe {violation['impact']} {violation['rule']} ({violation['help']}) on {len(nodes)} "
                        f"node(s): " + "; ".join(nodes[:3]))
    return problems


def other_parts(page: Page):
    """Show each part of the page but the first in turn (a page in parts: ui.components.part_switch);
    yields the part's name after its click has been answered. The page ends on its first part."""
    buttons = page.locator(PART_BUTTONS)
    names = [name.strip() for name in buttons.all_inner_texts()]
    for number, name in enumerate(names[1:], start=1):
        buttons.nth(number).click()
        wait_until_idle(page)
        yield name
    if len(names) > 1:
        buttons.first.click()
        wait_until_idle(page)


def first_metric_value(page: Page) -> str:
    return page.locator(METRIC_VALUE).first.inner_text().strip()


def caption(page: Page) -> str:
    """The caption directly under the page title (the first one in the main area)."""
    return page.locator(CAPTION).first.inner_text()


def assert_clean_console(log) -> None:
    problems = log.problems()
    assert not problems, "browser reported errors:\n" + "\n".join(problems) + \
        (f"\n(ignored as network noise: {log.ignored})" if log.ignored else "")


# --- page discovery --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def discovered_pages(app_url, browser) -> list[tuple[str, str]]:
    """(path, label) of every page in the app's sidebar navigation, default page first as "/".

    With a single page Streamlit shows no navigation at all; then "/" is the only page."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        page = context.new_page()
        open_app(page, f"{app_url}/", FIRST_REQUEST_TIMEOUT_S)
        more = page.locator(NAV_MORE)
        if more.count() and "more" in more.first.inner_text().lower():
            more.first.click()  # long navigations are folded: "View N more"
        links = page.locator(NAV_LINKS)
        if links.count() == 0:
            return [("/", "(only page)")]
        pages = []
        for link in links.all():
            path = urlparse(link.get_attribute("href") or "/").path or "/"
            if path not in [p for p, _ in pages]:
                lines = [line.strip() for line in link.inner_text().splitlines() if line.strip()]
                pages.append((path, lines[-1] if lines else path))  # the label, without the icon
        return pages
    finally:
        context.close()


def test_navigation_lists_the_expected_pages(discovered_pages):
    paths = [path for path, _ in discovered_pages]
    assert paths[0] == "/", f"the default page should be first and at '/': {discovered_pages}"
    unknown = [p for p in discovered_pages if p[0] not in EXPECTED_BY_PATH]
    assert not unknown, (f"pages in the navigation without an entry in EXPECTED_PAGES "
                         f"(add their main figure): {unknown}")
    missing = [p.path for p in EXPECTED_PAGES if p.required and p.path not in paths]
    assert not missing, f"expected pages missing from the navigation: {missing}; found {discovered_pages}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_renders(app_url, discovered_pages, open_page, axe_script, viewport):
    """Each page in the navigation, as the first request of a fresh browser context; all failures
    reported together."""
    failures = {}
    for path, label in discovered_pages:
        page, log = open_page(VIEWPORTS[viewport])
        open_app(page, f"{app_url}{path}")
        problems = page_problems(page)
        expected = EXPECTED_BY_PATH.get(path)
        if expected:
            problems += figure_problems(page, expected)
        if urlparse(page.url).path != path:
            problems.append(f"ended at {page.url} instead of {path}")
        problems += accessibility_problems(page, axe_script)
        save_screenshot(page, f"{page_name(path)}_{viewport}")
        for number, part in enumerate(other_parts(page), start=2):
            problems += [f"part {part!r}: {problem}" for problem in
                         page_problems(page) + accessibility_problems(page, axe_script)]
            save_screenshot(page, f"{page_name(path)}_part{number}_{viewport}")
        problems += log.problems()
        if problems:
            failures[f"{label} ({path})"] = problems + ([f"(ignored network noise: {log.ignored})"]
                                                        if log.ignored else [])
    assert not failures, "\n".join(f"{page}:\n  " + "\n  ".join(problems)
                                   for page, problems in failures.items())


def test_the_default_page_opens_by_its_own_name(app_url, open_page):
    """/overblik, the overview's name in a link, as the first request: the overview, no "Page not found"."""
    page, log = open_page()
    open_app(page, f"{app_url}/overblik")
    assert not page_problems(page), page_problems(page)
    assert "Overblik" in page.locator(TITLE).all_inner_texts()
    assert page.locator(METRIC).count() >= 10
    assert_clean_console(log)


# --- the district filter ---------------------------------------------------------------------

def _assert_showing_vest(page: Page, before: str) -> None:
    expect(page.locator(METRIC_VALUE).first).not_to_have_text(before, timeout=20_000)
    wait_until_idle(page)
    assert first_metric_value(page) != before
    assert "Vest" in caption(page), caption(page)
    expect(page).to_have_url(re.compile(r"[?&]distrikt=Vest(&|$)"))
    assert page.locator(METRIC).count() >= 10
    assert not page_problems(page), page_problems(page)


def test_district_filter_from_the_url(app_url, open_page):
    page, log = open_page()
    open_app(page, f"{app_url}/")
    before = first_metric_value(page)
    assert "Vest" not in caption(page)
    open_app(page, f"{app_url}/?distrikt=Vest")
    _assert_showing_vest(page, before)
    assert_clean_console(log)


def test_district_filter_from_the_sidebar(app_url, open_page):
    page, log = open_page()
    open_app(page, f"{app_url}/")
    before = first_metric_value(page)
    assert "distrikt=" not in page.url
    page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Distrikter").click()
    page.get_by_role("option", name="Vest", exact=True).click()
    page.keyboard.press("Escape")  # close the list of districts
    _assert_showing_vest(page, before)
    save_screenshot(page, "overblik_vest")
    assert_clean_console(log)


# --- the drill from district to unit --------------------------------------------------------

def test_a_click_on_a_unit_narrows_to_that_unit(app_url, open_page):
    page, log = open_page()
    open_app(page, f"{app_url}/utm?distrikt=Nord")
    assert "enhed=" not in page.url
    units = page.locator(f"{MAIN} .vega-embed").nth(2)   # after the two rate charts
    units.scroll_into_view_if_needed()
    box = units.bounding_box()
    # Along the first unit's row from the names towards the bars, until a click lands on its bar.
    for x in range(150, 900, 40):
        page.mouse.click(box["x"] + x, box["y"] + 8)
        time.sleep(0.5)
        if "enhed=" in page.url:
            break
    expect(page).to_have_url(re.compile(r"[?&]enhed=[^&]+"))
    wait_until_idle(page)
    assert re.search(r"Nord · \S", caption(page)), caption(page)
    assert "Findes ikke pr. enhed" in page.locator(MAIN).inner_text()
    assert not page_problems(page), page_problems(page)
    save_screenshot(page, "utm_enhed")
    assert_clean_console(log)


def test_presentation_mode_from_a_prepared_link(app_url, open_page):
    """A prepared link opens straight into the meeting screen; the arrow keys move between items."""
    page, log = open_page()
    open_app(page, f"{app_url}/moede?praesentation=1&agenda=overblik,utm_rate_year,p11_survival&distrikt=Vest")
    bar = page.locator('[data-testid="meeting-bar"]')
    expect(bar).to_contain_text("Punkt 1 af 3")
    expect(bar).to_contain_text("DEMODATA")
    expect(bar).to_contain_text("Vest")
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    page.keyboard.press("ArrowRight")
    expect(bar).to_contain_text("Punkt 2 af 3", timeout=30_000)
    wait_until_idle(page)
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    assert "punkt=2" in page.url
    save_screenshot(page, "praesentation")
    problems = [p for p in page_problems(page) if "demo marker" not in p]  # the bar carries the marker
    assert not problems, problems
    assert_clean_console(log)


def _upload(page: Page, app_url: str, name: str, data: bytes, tmp_path) -> None:
    open_app(page, f"{app_url}/upload")
    path = tmp_path / name
    path.write_bytes(data)
    # The first uploader is the quarterly workbook's (an administrator also sees the reference figures' one).
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(path))
    wait_until_idle(page)


def test_upload_accepts_a_valid_file(app_url, open_page, tmp_path):
    from tests import samples

    page, log = open_page()
    data = samples.workbook_bytes({"Enheder": [samples.UNIT_HEADERS, *samples.UNITS],
                                   "UTM": [samples.UTM_HEADERS, *samples.utm_rows(3)]})
    _upload(page, app_url, "kvartal.xlsx", data, tmp_path)
    page.get_by_role("textbox", name="Kommunens navn").fill("Testkommune")  # asked once, before the first save
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Gem")).to_be_visible(timeout=30_000)
    assert page.locator(ERROR_ALERT).count() == 0
    save_screenshot(page, "upload_gyldig")
    assert_clean_console(log)


def test_widgets_speak_danish(app_url, open_page):
    """Streamlit's own widget texts, which it has no setting for, in Danish."""
    page, log = open_page()
    open_app(page, f"{app_url}/upload")
    uploaders = page.locator('[data-testid="stFileUploader"]')
    expect(uploaders.first).to_be_visible()
    for uploader in uploaders.all():
        expect(uploader).to_contain_text("Vælg fil")
        expect(uploader).to_contain_text(re.compile(r"Højst \d+ MB pr\. fil"))
        assert "per file" not in uploader.inner_text() and "Upload\n" not in uploader.inner_text()
    page.locator('[data-testid="stSidebar"]').get_by_role("combobox", name="Distrikter").click()
    page.keyboard.type("findes ikke")
    expect(page.get_by_role("listbox")).to_contain_text("Ingen resultater")
    assert "No results" not in page.get_by_role("listbox").inner_text()
    page.keyboard.press("Escape")
    # What a screen reader says of the widgets, too.
    labels = page.evaluate("() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))")
    english = [label for label in labels if label.startswith(("Help for", "Open", "Collapse", "Link to", "App pages"))
               or label in ("Sidebar", "file upload")]
    assert not english, english
    assert "Hjælp til Til kvartal" in labels
    assert_clean_console(log)


def test_upload_refuses_a_cpr_number(app_url, open_page, tmp_path):
    from tests import samples

    page, log = open_page()
    cpr = f"{15:02d}{6:02d}{85:02d}{4321:04d}"  # built at run time: no CPR-like literal in the repository
    _upload(page, app_url, "cpr.xlsx", samples.workbook_bytes({"UTM": [["barn_id"], [cpr]]}), tmp_path)
    alert = page.locator(ERROR_ALERT)
    expect(alert.first).to_contain_text("ligner et CPR-nummer", timeout=30_000)
    assert cpr not in page.content()
    assert page.get_by_role("button", name="Gem").count() == 0
    assert_clean_console(log)


def test_a_page_prints_on_a4_landscape_headed_by_its_filters_and_data_date(app_url, open_page):
    import io

    from pypdf import PdfReader

    page, log = open_page()
    open_app(page, f"{app_url}/utm?distrikt=Nord")
    assert page.locator(".print-button").count() == 1
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    first = pdf.pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert (round(width), round(height)) == (842, 595), (width, height)  # A4 landscape in points
    assert len(pdf.pages) > 1  # the whole page, not the first screenful
    text = first.extract_text()
    header = text.splitlines()[0]
    assert header.startswith("Styringsdashboard · Demo Kommune · Nord · 2024K4 – 2026K3"), header
    assert "data til og med 30-09-2026" in header
    assert "DEMODATA" in text and "UTM-møder" in text
    assert "Udskriv siden" not in text and "Distrikter" not in text  # no button, no sidebar on paper
    assert_clean_console(log)
