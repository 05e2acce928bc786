"""Every page and the core view behind it, declared once, in menu order.

The navigation (``app.py``), the meeting agenda (a view's ``BUILDERS``), the page cache
(``ui/cache.view_figures``), the benchmarks and the tests all read this tuple. Adding a page is one
line here, its file in ``pages/`` and, when it has figures, its module in ``steering_core/views/``.
Plain data: the core never imports streamlit, so the icon is the name ``st.Page`` takes.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType


@dataclass(frozen=True)
class Page:
    url_path: str                  # also the page's name in links: ?page=... and /utm
    file: str                      # the Streamlit script, relative to the repository
    title_key: str                 # the page's title in steering_core.texts
    icon: str
    # The module in steering_core/views/ with the page's figures: its BUILDERS go on the agenda,
    # its figures(store, request, ...) is what the page draws (through the cache).
    view: str | None = None
    default: bool = False
    # Further view modules the page draws a section of (FIT per course on Resultater).
    sections: tuple[str, ...] = ()
    # What a user must be allowed to do to see the page in the navigation (steering_core/access.py).
    needs: str = "read"


PAGES: tuple[Page, ...] = (
    Page("overblik", "pages/overview.py", "overview.title", ":material/dashboard:", default=True),
    Page("utm", "pages/utm.py", "utm.title", ":material/groups:", view="utm"),
    Page("paragraf11", "pages/paragraf11.py", "p11.title", ":material/timelapse:", view="p11"),
    Page("resultater", "pages/resultater.py", "results.title", ":material/favorite:", view="results",
         sections=("fit",)),
    Page("oekonomi", "pages/oekonomi.py", "econ.title", ":material/payments:", view="economy"),
    Page("indsatstrappen", "pages/indsatstrappen.py", "stair.title", ":material/stairs:", view="staircase"),
    Page("sammenligning", "pages/sammenligning.py", "cmp.title", ":material/compare_arrows:", view="comparison"),
    Page("investering", "pages/investering.py", "inv.title", ":material/savings:", view="investment"),
    Page("moede", "pages/moede.py", "meeting.title", ":material/co_present:"),
    Page("om-tallene", "pages/om_tallene.py", "about.title", ":material/info:"),
    Page("upload", "pages/upload.py", "upload.nav_title", ":material/upload_file:", needs="upload"),
    Page("adgang", "pages/adgang.py", "audit.page.nav", ":material/admin_panel_settings:", needs="roles"),
)

# The core views, in menu order (the agenda's order).
VIEWS: tuple[str, ...] = tuple(view for page in PAGES for view in (page.view, *page.sections) if view)


class UnknownView(KeyError):
    pass


def module(view: str) -> ModuleType:
    """The view's module. A view that fails to import is an error, never a silent gap."""
    if view not in VIEWS:
        raise UnknownView(view)
    return import_module(f"steering_core.views.{view}")


def with_figures() -> tuple[str, ...]:
    """The views a page draws with ``figures(store, request, ...)`` (the others build their figures
    one by one on their page)."""
    return tuple(view for view in VIEWS if hasattr(module(view), "figures"))
