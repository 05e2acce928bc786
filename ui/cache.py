"""Cached calls into the core, keyed on the database file's version so new data shows at once."""
from __future__ import annotations

from importlib import import_module

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
    return {"kommune": meta.get("kommune", "Kommunen"), "is_demo": meta.get("demo") == "ja",
            "quarters": engine.available_quarters(store), "kommuner": engine.kommuner(store),
            "data_until": until}


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
    return _with_specs(import_module(f"steering_core.views.{view}").figures(Store(path), request, **options))


@st.cache_data(show_spinner=False, max_entries=256)
def core(function: str, path: str, stamp: str, *args, **options):
    """``steering_core.<module>.<function>(Store(path), *args, **options)``, e.g. ``views.economy.sectors``."""
    module, name = function.rsplit(".", 1)
    return _with_specs(getattr(import_module(f"steering_core.{module}"), name)(Store(path), *args, **options))


@st.cache_data(show_spinner=False, max_entries=16)
def meeting_pack(path: str, stamp: str, request: Request, items: tuple[str, ...]):
    from steering_core.meeting.pack import build_pack
    pack = build_pack(Store(path), request, list(items))
    _with_specs([item.figure for item in pack.items])
    return pack


def _with_specs(result):
    """Build each figure's chart spec as pages draw it, so the cache keeps it with the figure."""
    from steering_core.views.figure import Figure

    for figure in result if isinstance(result, list) else [result]:
        if isinstance(figure, Figure):
            figure.chart_spec(with_title=False)
    return result


@st.cache_data(show_spinner=False, max_entries=64)
def notes_for(path: str, stamp: str, period: str, scope: str) -> dict:
    from steering_core import notes
    return notes.latest(Store(path), period, scope)
