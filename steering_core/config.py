"""Settings read from the environment, each with a default that works out of the box."""
from __future__ import annotations

import getpass
import os
import re
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

DEFAULT_MIN_CELL = 5
# DuckDB's own default is 80 % of the machine's memory, which a benchmark over many
# municipalities takes; with a limit DuckDB spills to disk instead (see bench/bench_memory.py).
DEFAULT_MEMORY_LIMIT = "1GB"


def real_database_path() -> Path:
    """The municipality's own database; created by the first real upload."""
    return Path(os.environ.get("STEERING_DB") or DATA_DIR / "steering.duckdb")


def access_database_path() -> Path:
    """Roles given in the app and the audit log (STEERING_ACCESS_DB); beside the municipality's database,
    in a file of its own so a login never creates the data file and the log has its own retention."""
    return Path(os.environ.get("STEERING_ACCESS_DB") or real_database_path().with_name("adgang.duckdb"))


DEFAULT_AUDIT_DAYS = 183


def audit_retention_days() -> int:
    """Days the audit log keeps an entry (STEERING_AUDIT_DAYS, default about six months)."""
    raw = os.environ.get("STEERING_AUDIT_DAYS", "").strip()
    return int(raw) if raw.isdigit() and 0 < int(raw) <= 36500 else DEFAULT_AUDIT_DAYS


def demo_database_path() -> Path:
    """Demo data lives in its own file so it can never mix with real figures."""
    return Path(os.environ.get("STEERING_DEMO_DB") or DATA_DIR / "demo.duckdb")


def duckdb_threads() -> int | None:
    """DuckDB's worker threads (STEERING_THREADS); None leaves DuckDB's default, one per core.
    Several app processes on one machine each take every core unless told otherwise."""
    raw = os.environ.get("STEERING_THREADS", "").strip()
    return int(raw) if raw.isdigit() and 0 < int(raw) <= 256 else None


DEFAULT_LOCK_WAIT_S = 30.0


def lock_wait_seconds() -> float:
    """How long a read or a write waits for a writer holding the database (STEERING_LOCK_WAIT, seconds)
    before it gives up with a message; long enough for a queue of imports of a quarter's workbook."""
    try:
        wait = float(os.environ.get("STEERING_LOCK_WAIT", ""))
    except ValueError:
        return DEFAULT_LOCK_WAIT_S
    return wait if 0 <= wait <= 3600 else DEFAULT_LOCK_WAIT_S


def min_cell_size() -> int:
    """Counts below this are suppressed (Danish statistics practice: fewer than 5)."""
    raw = os.environ.get("STEERING_MIN_CELL", "")
    return int(raw) if raw.strip().isdigit() and int(raw) > 0 else DEFAULT_MIN_CELL


def language() -> str:
    return "en" if os.environ.get("STEERING_LANG", "da").lower().startswith("en") else "da"


_BYTES = {"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "kib": 2 ** 10, "mib": 2 ** 20, "gib": 2 ** 30, "tib": 2 ** 40}
# Below this DuckDB cannot even read the tables' metadata; such a setting is a typo, not a wish.
SMALLEST_MEMORY_LIMIT = 100e6


def memory_limit() -> str:
    """DuckDB's memory limit, e.g. "1GB" or "512MB" (STEERING_MEMORY_LIMIT); at least 100 MB."""
    raw = os.environ.get("STEERING_MEMORY_LIMIT", "").strip().replace(" ", "")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", raw, re.IGNORECASE)
    if not match or float(match.group(1)) * _BYTES[match.group(2).lower()] < SMALLEST_MEMORY_LIMIT:
        return DEFAULT_MEMORY_LIMIT
    return raw


def spill_directory() -> Path:
    """Where DuckDB writes what does not fit under the memory limit; outside the data folder,
    so a read-only installation can still spill."""
    # One folder per user: a folder created by another user on a shared machine may not be writable.
    return Path(os.environ.get("STEERING_SPILL_DIR")
                or Path(tempfile.gettempdir()) / f"styringsdashboard-duckdb-{getpass.getuser()}")
