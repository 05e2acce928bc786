"""Cached calls into the core, keyed on the database file's version so new data shows at once.

Every session of the server shares one cache: a steering group looking at the same quarter asks
the engine once. Results are shared objects, not copies, so a page draws them in a fraction of
a millisecond and what a figure builds on first use (its chart spec) is kept for everyone; pages
and the core treat them as read-only. The key is the call's own arguments (frozen dataclasses,
strings, tuples) plus the language and the minimum cell size, which change what is computed.
Concurrent first requests for one key compute it once; the others wait for it.
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from importlib import import_module

from steering_core import config, engine, overview
from steering_core.engine import Filters, Request
from steering_core.store import Store
from steering_core.views import registry

_CACHES: list[_SharedResults] = []


class _SharedResults:
    """A bounded, thread-safe memo of one function's results (least recently used go first)."""

    def __init__(self, function, max_entries: int):
        self.function, self.max_entries = function, max_entries
        self.values: OrderedDict = OrderedDict()
        self.computing: dict = {}
        self.lock = threading.Lock()
        functools.update_wrapper(self, function)

    def __call__(self, *args, **options):
        key = (config.language(), config.min_cell_size(), args, tuple(sorted(options.items())))
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
            busy = self.computing.setdefault(key, threading.Lock())
        with busy:
            with self.lock:
                if key in self.values:
                    return self.values[key]
            try:
                value = self.function(*args, **options)
            finally:
                with self.lock:
                    self.computing.pop(key, None)
            with self.lock:
                self.values[key] = value
                while len(self.values) > self.max_entries:
                    self.values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.values.clear()


def shared(max_entries: int):
    def decorate(function) -> _SharedResults:
        cache = _SharedResults(function, max_entries)
        _CACHES.append(cache)
        return cache
    return decorate


def clear() -> None:
    """Forget every cached result (benchmarks measuring a cold start)."""
    for cache in _CACHES:
        cache.clear()


@shared(max_entries=64)
def source_facts(path: str, stamp: str) -> dict:
    store = Store(path)
    meta = store.meta()
    with store.reading() as con:
        until = engine.data_until(con)
    # Once per state of the data: protect the whole grid in the background, so the first figure
    # does not wait for it (a figure asked for meanwhile waits for the same build, not a second one).
    engine.prepare_protection_in_background(store)
    return {"kommune": meta.get("kommune", "Kommunen"), "is_demo": meta.get("demo") == "ja",
            "quarters": engine.available_quarters(store), "kommuner": engine.kommuner(store),
            "own_kommune": meta.get("egen_kommune"),
            "data_until": until}


@shared(max_entries=64)
def cutoffs(path: str, stamp: str, kommune: str | None) -> dict:
    return engine.cutoffs(Store(path), kommune)


@shared(max_entries=64)
def districts(path: str, stamp: str, kommune: str | None) -> list[str]:
    return engine.districts(Store(path), kommune)


@shared(max_entries=16)
def unit_register(path: str, stamp: str, kommune: str | None):
    return engine.unit_register(Store(path), kommune)


@shared(max_entries=256)
def tiles(path: str, stamp: str, last: str, filters: Filters) -> list[overview.Tile]:
    return overview.tiles(Store(path), last, filters)


@shared(max_entries=256)
def indicators(path: str, stamp: str, ids: tuple[str, ...], request: Request):
    return engine.compute(Store(path), list(ids), request)


@shared(max_entries=64)
def view_figures(view: str, path: str, stamp: str, request: Request, **options):
    """The figures of a view of the registry (``steering_core.views.<view>.figures``)."""
    return _with_specs(registry.module(view).figures(Store(path), request, **options))


@shared(max_entries=256)
def core(function: str, path: str, stamp: str, *args, **options):
    """``steering_core.<module>.<function>(Store(path), *args, **options)``, e.g. ``views.economy.sectors``."""
    module, name = function.rsplit(".", 1)
    return _with_specs(getattr(import_module(f"steering_core.{module}"), name)(Store(path), *args, **options))


@shared(max_entries=64)
def of_values(function: str, *args):
    """``steering_core.<module>.<function>(*args)`` of values already read (a case, a requirement), e.g.
    ``views.investment.break_even_figure``: the arguments are the key, so no data version is needed."""
    module, name = function.rsplit(".", 1)
    return _with_specs(getattr(import_module(f"steering_core.{module}"), name)(*args))


@shared(max_entries=16)
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
            figure.chart_spec(with_title=False, arrow=True)
            figure.all_hidden
    return result


@shared(max_entries=64)
def notes_for(path: str, stamp: str, period: str, scope: str) -> dict:
    from steering_core import notes
    return notes.latest(Store(path), period, scope)


@shared(max_entries=32)
def investment_follow_up(path: str, stamp: str, kommune: str, case_name: str, scenario: str):
    """A stored case's follow-up against the data (the newest version of the case)."""
    from steering_core import investment_store
    from steering_core.views import investment

    store = Store(path)
    case, _ = investment_store.latest_case(store, kommune, case_name)
    return investment.follow_up(store, kommune, case, scenario)


@shared(max_entries=32)
def investment_follow_up_figure(path: str, stamp: str, kommune: str, case_name: str, scenario: str):
    """The follow-up's chart of plan against estimate (None without follow-up years)."""
    from steering_core import investment_store
    from steering_core.views import investment

    found = investment_follow_up(path, stamp, kommune, case_name, scenario)
    if found is None or found.years.empty:
        return None
    case, _ = investment_store.latest_case(Store(path), kommune, case_name)
    return _with_specs(investment.follow_up_figure(case, found, scenario))
