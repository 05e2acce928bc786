"""Benchmark: every page's render time in a real browser and in AppTest, cold and warm, on the demo,
against a baseline revision in the same run.

    .venv/bin/python bench/bench_pages.py [--repeat 2] [--baseline main] [--no-baseline] [--no-apptest]
                                          [--pages /resultater /upload]

Browser: the app served by Streamlit on 127.0.0.1 (Debian's chromium, headless, 1920×1080). A page's
time runs from the request of its URL, in a fresh browser context (a new session, as a link opened in
a new tab), to the moment the script has finished, nothing is running or still loading (skeletons)
and the number of elements stops changing; the page must then stay so for half a second, a wait that
is not counted. Server CPU: the server process's CPU seconds during a warm visit (the script's run and
sending it; the half-second wait is idle). Cold: the first visit of each page on a freshly started
server (every cache empty), each in a fresh browser; warm: later visits of the same server, each a new
session (a new tab) in one browser that has visited every page once (its cache holds the app's
scripts, as a returning user's does). Click in tab: in one tab of that browser, from a click on a
page's link in the sidebar to the settled page (no page load, one rerun: a meeting moving between
pages). The baseline is the code at ``--baseline`` (a git revision checked out to a temporary worktree), served and measured
the same way first. Browser CPU: the browser's CPU seconds (all its processes, Chrome's SystemInfo.getProcessInfo)
during a warm visit or a click (the half-second wait included), less disturbed than wall time by
other programs on a shared machine. AppTest: the server-side run alone, as bench_overview.py measures it (current code
only). Goal: warm <= 1 s in the browser on the demo (issue 19, point 11).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common  # noqa: E402

GOAL_WARM_S = 1.0
STABLE_S = 0.5
TIMEOUT_S = 90
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const busy = !!document.querySelector('[data-testid="stStatusWidgetRunningIcon"],'
    + '[data-testid="stStatusWidgetRunningManIcon"], [data-testid="stSkeleton"]');
  return {script: app ? app.getAttribute('data-test-script-state') : null, busy,
          elements: document.querySelectorAll('[data-testid="stElementContainer"]').length};
}"""


def _declared_pages(root: Path) -> list[tuple[str, str, bool]]:
    """(url name, page file stem, default) of ``root``'s pages: from the page registry where the
    revision has one (steering_core/views/registry.py), else from its app.py."""
    registry = root / "steering_core" / "views" / "registry.py"
    if registry.exists():
        found = re.findall(r'Page\("([^"]+)", "pages/(\w+)\.py"([^\n]*)', registry.read_text(encoding="utf-8"))
        return [(name, stem, "default=True" in rest) for name, stem, rest in found]
    text = (root / "app.py").read_text(encoding="utf-8")
    found = re.findall(r'st\.Page\("pages/(\w+)\.py"[^\n]*?url_path="([^"]+)"([^\n]*)', text)
    return [(name, stem, "default=True" in rest) for stem, name, rest in found]


def page_paths(root: Path) -> list[str]:
    """The pages of ``root`` as browser paths: the default page at "/", the others by name."""
    pages = _declared_pages(root)
    return ["/"] + [f"/{name}" for name, _, default in pages if not default]


def new_context(browser):
    return browser.new_context(viewport={"width": 1920, "height": 1080}, locale="da-DK")


def time_page(browser, url: str, context=None) -> tuple[float, float]:
    """(seconds from the request to a rendered, settled page (see the module's docstring), the
    browser's CPU seconds until then). In a fresh browser context unless ``context`` is given (a
    browser that has its cache from earlier visits)."""
    own = context is None
    context = new_context(browser) if own else context
    page = context.new_page()
    try:
        busy = BusyMeter(browser)
        started = time.perf_counter()
        page.goto(url, wait_until="commit")
        return wait_settled(page, started), busy.seconds()
    finally:
        page.close()
        if own:
            context.close()


class BusyMeter:
    """The CPU seconds of every browser process (renderers, GPU, the browser itself: Chrome's
    SystemInfo.getProcessInfo): unlike wall time, not stretched by other programs on a shared machine."""

    def __init__(self, browser):
        self._cdp = browser.new_browser_cdp_session()
        self._start = self._cpu()

    def _cpu(self) -> float:
        return sum(process["cpuTime"] for process in self._cdp.send("SystemInfo.getProcessInfo")["processInfo"])

    def seconds(self) -> float:
        """CPU seconds since the meter was made or last read."""
        now = self._cpu()
        elapsed, self._start = now - self._start, now
        return elapsed


# The page a click asked for is shown: its path in the address and another title than before the click.
SHOWN_JS = """([path, title]) => location.pathname === path
  && (document.querySelector('[data-testid="stMain"] h1') || {}).textContent !== title"""
TITLE_JS = "() => (document.querySelector('[data-testid=\"stMain\"] h1') || {}).textContent"
NAV_MORE = '[data-testid="stSidebarNavViewButton"]'


def wait_settled(page, started: float, shown: tuple[str, str] | None = None) -> float:
    """Seconds from ``started`` until the page is settled (see the module's docstring); ``shown``:
    (path, title before a click) of a page that must be the one shown (SHOWN_JS)."""
    settled_at, last_count = None, -1
    while time.perf_counter() - started < TIMEOUT_S:
        state = page.evaluate(STATE_JS)
        ready = (state["script"] == "notRunning" and not state["busy"] and state["elements"] > 0
                 and (shown is None or page.evaluate(SHOWN_JS, list(shown))))
        if ready and state["elements"] == last_count:
            settled_at = settled_at or time.perf_counter()
            if time.perf_counter() - settled_at >= STABLE_S:
                return settled_at - started
        else:
            settled_at = time.perf_counter() if ready else None
        last_count = state["elements"]
        page.wait_for_timeout(25)
    raise RuntimeError(f"{page.url}: not settled after {TIMEOUT_S} s")


def click_through(browser, base: str, paths: list[str], context) -> dict[str, tuple[float, float]]:
    """(seconds, the browser's CPU seconds) from a click on each page's link in the sidebar to the
    settled page, in one tab (as a meeting moves between pages: no page load, one rerun)."""
    page = context.new_page()
    try:
        page.goto(base + "/", wait_until="commit")
        wait_settled(page, time.perf_counter())
        busy = BusyMeter(browser)
        more = page.locator(NAV_MORE)
        if more.count() and "more" in more.first.inner_text().lower():
            more.first.click()       # long navigations are folded: "View N more"
        times = {}
        for path in [*paths[1:], paths[0]]:
            link = page.locator(f'[data-testid="stSidebarNav"] a[href="{base}{path}"]').first
            if not link.count():
                link = page.locator(f'[data-testid="stSidebarNav"] a[href$="{path}"]').first
            title = page.evaluate(TITLE_JS)
            busy.seconds()
            started = time.perf_counter()
            link.click()
            times[path] = wait_settled(page, started, shown=(path, title)), busy.seconds()
        return times
    finally:
        page.close()


def browser_times(label: str, root: Path, demo_db: Path, repeat: int, work: Path,
                  only: list[str] | None = None) -> dict[str, dict]:
    """Times of ``root``'s pages, or of those in ``only`` (paths as page_paths gives them)."""
    from playwright.sync_api import sync_playwright

    from tests.streamlit_client import served_app

    paths = [path for path in page_paths(root) if not only or path in only]
    results = {path: {"cold": [], "warm": [], "cpu": [], "click": [], "busy": [], "click_busy": []}
               for path in paths}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for round_ in range(repeat):
                server_dir = work / f"{label}-{round_}"
                server_dir.mkdir(parents=True)
                with served_app(demo_db, server_dir, root=root) as (base, server):
                    for path in paths:
                        results[path]["cold"].append(time_page(browser, base + path)[0])
                    warm_browser = new_context(browser)  # its cache holds the app's scripts, as a user's does
                    try:
                        for path in paths:
                            time_page(browser, base + path, warm_browser)
                        for path in paths:
                            cpu_before = _common.cpu_seconds(server.pid)
                            seconds, busy = time_page(browser, base + path, warm_browser)
                            results[path]["warm"].append(seconds)
                            results[path]["busy"].append(busy)
                            results[path]["cpu"].append(_common.cpu_seconds(server.pid) - cpu_before)
                        for path, (seconds, busy) in click_through(browser, base, paths, warm_browser).items():
                            results[path]["click"].append(seconds)
                            results[path]["click_busy"].append(busy)
                    finally:
                        warm_browser.close()
                print(f"{label}: round {round_ + 1} of {repeat} done", flush=True)
        finally:
            browser.close()
    return results


def checkout(revision: str, into: Path) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", revision], cwd=_common.ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    subprocess.run(["git", "worktree", "add", "--detach", str(into), commit], cwd=_common.ROOT,
                   capture_output=True, check=True)
    return commit


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="fresh servers per revision; the fastest counts")
    parser.add_argument("--baseline", default="main", help="git revision measured as the baseline")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-apptest", action="store_true", help="skip the server-side (AppTest) times")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--pages", nargs="+", metavar="PATH",
                        help="measure only these pages (browser paths as in the table, e.g. / /resultater)")
    args = parser.parse_args(argv)
    demo_db = _common.municipal_database(args.rebuild)
    baseline, baseline_commit = {}, None
    with tempfile.TemporaryDirectory(prefix="bench_pages_") as tmp:
        work = Path(tmp)
        if not args.no_baseline:
            tree = work / "baseline"
            baseline_commit = checkout(args.baseline, tree)
            try:
                baseline = browser_times("baseline", tree, demo_db, args.repeat, work, args.pages)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=_common.ROOT,
                               capture_output=True)
        current = browser_times("current", _common.ROOT, demo_db, args.repeat, work, args.pages)
        apptest = {}
        if not args.no_apptest:
            import bench_overview
            os.environ["STEERING_DB"] = str(work / "real" / "steering.duckdb")
            os.environ.pop("STEERING_LANG", None)
            apptest = bench_overview.render_pages(demo_db, args.repeat)

    header = ["page", "browser cold", "browser warm", "baseline warm", "warm vs baseline", "browser CPU warm",
              "baseline browser CPU", "click in tab", "baseline click", "click browser CPU",
              "baseline click browser CPU", "server CPU warm", "baseline CPU warm", "AppTest cold", "AppTest warm",
              f"goal warm ≤ {GOAL_WARM_S:g} s"]
    app_names = dict(zip(page_paths(_common.ROOT), bench_overview_pages()))

    def least(times: dict, key: str, digits: int = 2) -> str:
        return f"{min(times[key]):.{digits}f} s" if times.get(key) else "–"

    rows = []
    for path, times in current.items():
        warm = min(times["warm"])
        before = baseline.get(path, {})
        server = apptest.get(app_names.get(path, ""), {})
        rows.append([path, _common.summary(times["cold"]), _common.summary(times["warm"]), least(before, "warm"),
                     f"{warm / min(before['warm']):.2f}×" if before else "–",
                     least(times, "busy"), least(before, "busy"),
                     _common.summary(times["click"]), least(before, "click"),
                     least(times, "click_busy"), least(before, "click_busy"),
                     least(times, "cpu", 3), least(before, "cpu", 3),
                     _common.summary(server["cold"]) if "cold" in server else "–",
                     _common.summary(server["warm"]) if "warm" in server else "–",
                     "yes" if warm <= GOAL_WARM_S else "NO"])
    print()
    _common.print_table(header, rows)
    notes = [f"Browser: fastest of {args.repeat} fresh servers (cold: each page's first visit) and of "
             f"{args.repeat} later visits (warm: new sessions in one browser with its cache); until settled (the "
             f"{STABLE_S:g} s it must then stay settled are not counted). Server CPU: the server's CPU seconds "
             "during a warm visit, the least of the rounds. Click in tab: from a click on the page's link in the "
             "sidebar to the settled page, all pages in turn in one tab (no page load: a meeting moving between "
             "pages). Browser CPU: the browser's CPU seconds (all its processes) in the same visit or click, the half "
             "second's wait included, the least of the rounds; less disturbed than wall time by other programs."]
    if baseline_commit:
        notes.insert(0, f"Baseline: the code at {args.baseline} ({baseline_commit}), measured first in the same run.")
    _common.append_results("bench_pages", header, rows, notes)
    return 0


def bench_overview_pages() -> list[str]:
    """AppTest's page names in navigation order (the default page first), to match the browser paths."""
    pages = _declared_pages(_common.ROOT)
    return [stem for _, stem, default in pages if default] + [stem for _, stem, default in pages if not default]


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
