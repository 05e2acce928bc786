"""Which database the user is looking at: the municipality's own, or the demo.

Demo data lives in its own file and never mixes with real figures. The real
database starts with the first real upload; until then the demo is shown.
"""
from __future__ import annotations

from dataclasses import dataclass

from steering_core import config
from steering_core.store import Store

DEMO, REAL = "demo", "kommune"


@dataclass(frozen=True)
class DataSource:
    kind: str
    store: Store


def available_kinds() -> list[str]:
    return [REAL, DEMO] if _has_real_data() else [DEMO]


def default_kind() -> str:
    return REAL if _has_real_data() else DEMO


def _has_real_data() -> bool:
    return config.real_database_path().exists()


def needs_building(kind: str | None = None) -> bool:
    """Whether opening ``kind`` first builds the demo database (a few seconds)."""
    kind = kind if kind in available_kinds() else default_kind()
    return kind == DEMO and not config.demo_database_path().exists()


def open_source(kind: str | None = None) -> DataSource:
    """The chosen source; the demo database is built on first use."""
    kind = kind if kind in available_kinds() else default_kind()
    if kind == REAL:
        store = Store(config.real_database_path())
    else:
        path = config.demo_database_path()
        if not path.exists():
            from steering_core import demo
            demo.build_demo_database(path)
        store = Store(path)
    store.upgrade()
    return DataSource(kind, store)
