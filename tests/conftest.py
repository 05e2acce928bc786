"""Shared fixtures: one deterministic demo database per test session, and isolated settings."""
from pathlib import Path

import pytest

from steering_core import demo, national_demo, periods
from steering_core.store import Store

REPO = Path(__file__).resolve().parent.parent
DEMO_UNTIL = periods.quarter(2026, 3)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    return demo.build_demo_database(tmp_path_factory.mktemp("demo") / "demo.duckdb", until=DEMO_UNTIL)


@pytest.fixture(scope="session")
def demo_store(demo_path) -> Store:
    return Store(demo_path)


@pytest.fixture
def app_env(monkeypatch, tmp_path, demo_path):
    """The app on the demo database, with no real database yet."""
    monkeypatch.setenv("STEERING_DEMO_DB", str(demo_path))
    monkeypatch.setenv("STEERING_DB", str(tmp_path / "real" / "steering.duckdb"))
    monkeypatch.delenv("STEERING_LANG", raising=False)
    monkeypatch.delenv("STEERING_MIN_CELL", raising=False)
    return tmp_path


@pytest.fixture(scope="session")
def national_path(tmp_path_factory) -> Path:
    """Three invented municipalities × two years in one database, sharing unit ids (SK-NO-01 ...)."""
    return national_demo.build_national_database(tmp_path_factory.mktemp("national") / "national.duckdb", until=DEMO_UNTIL,
                                        municipalities=3, years=2)
