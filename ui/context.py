"""The shared sidebar: data source, period and districts, kept in the URL so a link reproduces the view."""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date

import streamlit as st

from steering_core import config, datasource, dimensions, disclosure, periods
from steering_core.engine import Filters, Request
from steering_core.store import StoreError
from steering_core.texts import t
from ui import cache

_CONTEXT_KEY = "_page_context"
_DISTRICT, _UNIT = dimensions.BY_KEY["district"], dimensions.BY_KEY["unit"]
_NARROWED = [d for d in dimensions.FILTERED if d.widget]       # the filters the sidebar offers
_URL_KEYS = {"kilde": "w_source", "kommune": "w_kommune", "fra": "w_first", "til": "w_last",
             **{d.url: d.widget for d in _NARROWED}}
_URL_LISTS = {d.url for d in _NARROWED}
_NARROWABLE = {d.filter: d.widget for d in _NARROWED}     # Filters field -> its widget


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
    unit_names: tuple[tuple[str, str], ...] = ()      # (id, name) of the chosen units

    @property
    def scope(self) -> str:
        from steering_core.meeting.pack import scope_label
        return scope_label(self.filters, dict(self.unit_names), t("sidebar.all_districts"))


def render_sidebar() -> PageContext:
    """Draw the shared filters (in app.py, so they keep their state across pages)."""
    if config.min_cell_size() < disclosure.FLOOR:
        # Protection cannot be switched off by a setting: the app refuses to show anything.
        st.error(t("disclosure.floor", k=config.min_cell_size(), floor=disclosure.FLOOR))
        st.stop()
    _take_url_once()
    if "_pending_source" in st.session_state:
        st.session_state["w_source"] = st.session_state.pop("_pending_source")
    for widget in _NARROWABLE.values():
        # A click in a chart narrows the filter; widgets can only be set before they are drawn.
        if f"_pending{widget}" in st.session_state:
            st.session_state[widget] = st.session_state.pop(f"_pending{widget}")
    kinds = datasource.available_kinds()
    sidebar = st.sidebar
    if len(kinds) > 1:
        sidebar.radio(t("sidebar.source"), kinds, key="w_source",
                      format_func=lambda kind: t(f"sidebar.source.{kind}"))
    try:
        kind = st.session_state.get("w_source")
        # The spinner only when there is something to wait for: it costs every rerun a timer thread.
        with st.spinner(t("app.building_demo")) if datasource.needs_building(kind) else nullcontext():
            source = datasource.open_source(kind)
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
    # A database with several municipalities (benchmarking) shows one at a time.
    kommune = None
    if len(facts["kommuner"]) > 1:
        own = facts.get("own_kommune")
        _keep_valid("w_kommune", facts["kommuner"], own if own in facts["kommuner"] else facts["kommuner"][0])
        kommune = sidebar.selectbox(t("sidebar.kommune"), facts["kommuner"], key="w_kommune")
    district_options = cache.districts(str(source.store.path), source.store.version_stamp(), kommune)
    sidebar.selectbox(t("sidebar.from"), quarters, key="w_first")
    sidebar.selectbox(t("sidebar.to"), quarters, key="w_last", help=t("sidebar.period_help"))
    # One district and one unit at a time, the drill path: figures for several together could,
    # beside the single ones, reveal hidden small numbers (docs/DISCLOSURE.md).
    chosen = [d for d in st.session_state.get(_DISTRICT.widget, []) if d in district_options][:1]
    st.session_state[_DISTRICT.widget] = chosen
    sidebar.multiselect(t("sidebar.districts"), district_options, key=_DISTRICT.widget, max_selections=1,
                        placeholder=t("sidebar.all_districts"))
    # Units of the chosen district (of all, when none is chosen): the drill below the district.
    register = cache.unit_register(str(source.store.path), source.store.version_stamp(), kommune)
    in_districts = register[register["district"].isin(chosen)] if chosen else register
    unit_names = dict(zip(in_districts["unit"], in_districts["unit_name"]))
    st.session_state[_UNIT.widget] = [u for u in st.session_state.get(_UNIT.widget, []) if u in unit_names][:1]
    sidebar.multiselect(t("sidebar.units"), list(unit_names), key=_UNIT.widget, format_func=unit_names.get,
                        max_selections=1, placeholder=t("sidebar.all_units"))
    units = tuple(st.session_state[_UNIT.widget])
    if st.session_state.pop("_url_several", False):
        sidebar.warning(t("disclosure.one_at_a_time"))
    first, last = st.session_state["w_first"], st.session_state["w_last"]
    if quarters.index(first) > quarters.index(last):
        first, last = last, first
    context = PageContext(
        source=source, kommune=kommune or facts["kommune"], is_demo=facts["is_demo"], first=first, last=last,
        filters=Filters(kommune=kommune, distrikter=tuple(st.session_state[_DISTRICT.widget]), enheder=units),
        quarters=tuple(quarters),
        data_until=facts["data_until"],
        unit_names=tuple((unit, unit_names[unit]) for unit in units))
    st.session_state[_CONTEXT_KEY] = context
    write_url()
    return context


def switch_source(kind: str) -> None:
    """Show another data source (e.g. the municipality's own data after its first upload) from the next run."""
    st.session_state["_pending_source"] = kind


def keep(state_key: str, widget_key: str) -> None:
    """Widget callback: copy a widget's value into a session key that outlives the widget."""
    st.session_state[state_key] = st.session_state[widget_key]


def narrow(filter_name: str, values: list[str]) -> None:
    """Drill down (``filter_name``: distrikter or enheder, a Filters field): apply on the next run, then rerun."""
    widget = _NARROWABLE[filter_name]
    if list(st.session_state.get(widget, [])) != values:
        st.session_state[f"_pending{widget}"] = values
        st.rerun()


def back_to(level: str, district: str | None = None) -> None:
    """Button callback: up the drill path to ``level`` (kommune, or distrikt: ``district``), applied on this run."""
    st.session_state["_pendingw_units"] = []
    st.session_state["_pendingw_districts"] = [district] if level == "distrikt" and district else []


def request(grain: str = "kvartal", **changes) -> Request:
    """The engine request for the shared filters."""
    page = current()
    return Request(page.first, page.last, grain, (), page.filters, **changes)


def current() -> PageContext:
    """The context app.py drew for this run; a page run on its own draws it itself."""
    run_through_app()
    return st.session_state.get(_CONTEXT_KEY) or render_sidebar()


def run_through_app() -> None:
    """Make sure the page runs inside app.py's navigation, sidebar and markers."""
    # Streamlit still treats a folder named pages/ as the old multipage mode until
    # app.py has called st.navigation (always so in AppTest, and for a deep link that
    # is a server's very first request): the page then runs alone, without app.py's
    # navigation, sidebar and demo marker. Run app.py in its place, within this same
    # run so a button click is not lost, and stop the lone page.
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        import runpy
        from steering_core.config import PROJECT_ROOT

        runpy.run_path(str(PROJECT_ROOT / "app.py"), run_name="__main__")
        st.stop()
def _take_url_once() -> None:
    if st.session_state.get("_url_taken"):
        return
    st.session_state["_url_taken"] = True
    params = st.query_params
    for url_key, widget_key in _URL_KEYS.items():
        if url_key not in params:
            continue
        if url_key in _URL_LISTS:
            values = [d for d in params.get_all(url_key) if d]
            if len(values) > 1:
                # Several at once are not offered: the link shows the municipality and says why.
                st.session_state["_url_several"] = True
                values = []
            st.session_state[widget_key] = values
        else:
            st.session_state[widget_key] = params[url_key]
    # The meeting's agenda, presentation mode and current item: a prepared link opens the meeting.
    if "agenda" in params:
        st.session_state["w_agenda"] = [i for i in params["agenda"].split(",") if i]
    if "praesentation" in params:
        st.session_state["w_present"] = params["praesentation"].lower() in ("1", "ja", "true")
    if params.get("punkt", "").isdigit():
        st.session_state["w_slide"] = max(0, int(params["punkt"]) - 1)
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


def write_url() -> None:
    """Keep the URL in step with the shared state, so a copied link reproduces the view."""
    context = st.session_state[_CONTEXT_KEY]
    wanted = {"kilde": context.source.kind, "kommune": context.filters.kommune, "fra": context.first, "til": context.last,
              "distrikt": list(context.filters.distrikter), "enhed": list(context.filters.enheder)}
    wanted["agenda"] = ",".join(st.session_state.get("w_agenda", [])) or None
    wanted["praesentation"] = "1" if st.session_state.get("w_present") else None
    wanted["punkt"] = str(st.session_state.get("w_slide", 0) + 1) if st.session_state.get("w_present") else None
    for key, value in wanted.items():
        if value in ([], None):
            if key in st.query_params:
                del st.query_params[key]
        elif (st.query_params.get_all(key) if isinstance(value, list) else st.query_params.get(key)) != value:
            st.query_params[key] = value
