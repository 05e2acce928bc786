"""The shared sidebar: data source, period and districts, kept in the URL so a link reproduces the view."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from steering_core import datasource, periods
from steering_core.engine import Filters
from steering_core.store import StoreError
from steering_core.texts import t
from ui import cache

_CONTEXT_KEY = "_page_context"
_URL_KEYS = {"kilde": "w_source", "fra": "w_first", "til": "w_last", "distrikt": "w_districts"}


@dataclass(frozen=True)
class PageContext:
    source: datasource.DataSource
    kommune: str
    is_demo: bool
    first: str
    last: str
    filters: Filters
    quarters: tuple[str, ...]
    data_until: date | None

    @property
    def scope(self) -> str:
        return ", ".join(self.filters.distrikter) or t("sidebar.all_districts")


def render_sidebar() -> PageContext:
    """Draw the shared filters (in app.py, so they keep their state across pages)."""
    _take_url_once()
    if "_pending_districts" in st.session_state:
        # A click in a chart narrows the filter; widgets can only be set before they are drawn.
        st.session_state["w_districts"] = st.session_state.pop("_pending_districts")
    kinds = datasource.available_kinds()
    sidebar = st.sidebar
    if len(kinds) > 1:
        sidebar.radio(t("sidebar.source"), kinds, key="w_source",
                      format_func=lambda kind: t(f"sidebar.source.{kind}"))
    try:
        with st.spinner(t("app.building_demo")):
            source = datasource.open_source(st.session_state.get("w_source"))
        facts = cache.source_facts(str(source.store.path), source.store.version_stamp())
    except StoreError as exc:
        st.error(t("error.database", message=exc))
        st.stop()
    quarters = facts["quarters"]
    if not quarters:
        st.info(t("no_data"))
        st.stop()
    _keep_valid("w_last", quarters, quarters[-1])
    _keep_valid("w_first", quarters, quarters[max(0, len(quarters) - 8)])
    sidebar.selectbox(t("sidebar.from"), quarters, key="w_first")
    sidebar.selectbox(t("sidebar.to"), quarters, key="w_last", help=t("sidebar.period_help"))
    chosen = [d for d in st.session_state.get("w_districts", []) if d in facts["districts"]]
    st.session_state["w_districts"] = chosen
    sidebar.multiselect(t("sidebar.districts"), facts["districts"], key="w_districts",
                        placeholder=t("sidebar.all_districts"))
    first, last = st.session_state["w_first"], st.session_state["w_last"]
    if quarters.index(first) > quarters.index(last):
        first, last = last, first
    context = PageContext(
        source=source, kommune=facts["kommune"], is_demo=facts["is_demo"], first=first, last=last,
        filters=Filters(distrikter=tuple(st.session_state["w_districts"])), quarters=tuple(quarters),
        data_until=facts["data_until"])
    _write_url(context)
    st.session_state[_CONTEXT_KEY] = context
    return context


def narrow_districts(districts: list[str]) -> None:
    """Drill from municipality to district: apply on the next run, then rerun."""
    if list(st.session_state.get("w_districts", [])) != districts:
        st.session_state["_pending_districts"] = districts
        st.rerun()


def request(grain: str = "kvartal", **changes) -> "Request":
    """The engine request for the shared filters."""
    from steering_core.engine import Request
    page = current()
    return Request(page.first, page.last, grain, (), page.filters, **changes)


def current() -> PageContext:
    """The context app.py drew for this run; a page run on its own draws it itself."""
    _leave_legacy_page_mode()
    return st.session_state.get(_CONTEXT_KEY) or render_sidebar()


def _leave_legacy_page_mode() -> None:
    # Streamlit still treats a folder named pages/ as the old multipage mode until
    # app.py has called st.navigation once in the server's life: a deep link as the
    # very first request would run the page alone, without app.py's navigation,
    # sidebar and demo marker. Switch the old mode off and rerun through app.py.
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _take_url_once() -> None:
    if st.session_state.get("_url_taken"):
        return
    st.session_state["_url_taken"] = True
    params = st.query_params
    for url_key, widget_key in _URL_KEYS.items():
        if url_key not in params:
            continue
        if url_key == "distrikt":
            st.session_state[widget_key] = [d for d in params.get_all(url_key) if d]
        else:
            st.session_state[widget_key] = params[url_key]
    if "fra" in params:
        _normalise_quarter("w_first")
    if "til" in params:
        _normalise_quarter("w_last")


def _normalise_quarter(key: str) -> None:
    try:
        st.session_state[key] = periods.parse_quarter(st.session_state[key]).label
    except periods.PeriodError:
        del st.session_state[key]


def _keep_valid(key: str, options: list[str], default: str) -> None:
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def _write_url(context: PageContext) -> None:
    wanted = {"kilde": context.source.kind, "fra": context.first, "til": context.last,
              "distrikt": list(context.filters.distrikter)}
    for key, value in wanted.items():
        if value in ([], None):
            if key in st.query_params:
                del st.query_params[key]
        elif (st.query_params.get_all(key) if isinstance(value, list) else st.query_params.get(key)) != value:
            st.query_params[key] = value
