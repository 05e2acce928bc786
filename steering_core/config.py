"""Settings read from the environment, each with a default that works out of the box."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

DEFAULT_MIN_CELL = 5


def real_database_path() -> Path:
    """The municipality's own database; created by the first real upload."""
    return Path(os.environ.get("STEERING_DB") or DATA_DIR / "steering.duckdb")


def demo_database_path() -> Path:
    """Demo data lives in its own file so it can never mix with real figures."""
    return Path(os.environ.get("STEERING_DEMO_DB") or DATA_DIR / "demo.duckdb")


def min_cell_size() -> int:
    """Counts below this are suppressed (Danish statistics practice: fewer than 5)."""
    raw = os.environ.get("STEERING_MIN_CELL", "")
    return int(raw) if raw.strip().isdigit() and int(raw) > 0 else DEFAULT_MIN_CELL


def language() -> str:
    return "en" if os.environ.get("STEERING_LANG", "da").lower().startswith("en") else "da"
