"""Cached calls into the core, keyed on the database file's version so new data shows at once."""
from __future__ import annotations

import threading

import streamlit as st

from steering_core import engine, overview
from steering_core.engine import Filters, Request
from steering_core.store import Store


@st.cache_data(show_spinner=False, max_entries=64)
def source_facts(path: str, stamp: str) -> dict:
    store = Store(path)
    meta = store.meta()
    with store.connect(read_only=True) as con:
        until = engine.data_until(con)
    # Once per state of the data: protect the whole grid in the background, so the first figure
    # does not wait for it (a figure asked for meanwhile waits for the same build, not a second one).
    threading.Thread(target=engine.prepare_protection, args=(store,), daemon=True).start()
    return {"kommune": meta.get("kommune", "Kommunen"), "is_demo": meta.get("demo") == "ja",
            "quarters": engine.available_quarters(store), "kommuner": engine.kommuner(store),
            "data_until": until}


@st.cache_data(show_spinner=False, max_entries=64)
def cutoffs(path: str, stamp: str, kommune: str | None) -> dict:
    return engine.cutoffs(Store(path), kommune)


@st.cache_data(show_spinner=False, max_entries=64)
def districts(path: str, stamp: str, kommune: str | None) -> list[str]:
    return engine.districts(Store(path), kommune)


@st.cache_data(show_spinner=False, max_entries=16)
def unit_register(path: str, stamp: str, kommune: str | None):
    return engine.unit_register(Store(path), kommune)


@st.cache_data(show_spinner=False, max_entries=256)
def tiles(path: str, stamp: str, last: str, filters: Filters) -> list[overview.Tile]:
    return overview.tiles(Store(path), last, filters)


@st.cache_data(show_spinner=False, max_entries=256)
def indicators(path: str, stamp: str, ids: tuple[str, ...], request: Request):
    return engine.compute(Store(path), list(ids), request)


@st.cache_data(show_spinner=False, max_entries=64)
def view_figures(view: str, path: str, stamp: str, request: Request, **options):
    """The figures of a view (``steering_core.views.<view>.figures``)."""
    from importlib import import_module
    return import_module(f"steering_core.views.{view}").figures(Store(path), request, **options)


@st.cache_data(show_spinner=False, max_entries=16)
def meeting_pack(path: str, stamp: str, request: Request, items: tuple[str, ...]):
    from steering_core.meeting.pack import build_pack
    return build_pack(Store(path), request, list(items))


@st.cache_data(show_spinner=False, max_entries=64)
def notes_for(path: str, stamp: str, period: str, scope: str) -> dict:
    from steering_core import notes
    return notes.latest(Store(path), period, scope)


@st.cache_data(show_spinner=False, max_entries=32)
def investment_follow_up(path: str, stamp: str, kommune: str, case_name: str, scenario: str):
    """A stored case's follow-up against the data (the newest version of the case)."""
    from steering_core import investment_store
    from steering_core.views import investment

    store = Store(path)
    case, _ = investment_store.latest_case(store, kommune, case_name)
    return investment.follow_up(store, kommune, case, scenario)
