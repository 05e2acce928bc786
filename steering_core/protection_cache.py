"""The protected cubes' hidden cells, kept on disk beside the database.

Building a municipality's cubes takes seconds (minutes for a whole country), and the decision
depends only on that municipality's stored rows, the publication grid (its first quarter and the
data cut-off), the minimum cell size and the code that decides. A new process — the command line,
a restarted or second server — would otherwise build them all again. So a built cube's hidden
cells are written to ``<database>.beskyttelse/`` under a key made of exactly those things, and
read back when the key matches. A stale file can never be used: any change to the municipality's
rows changes the key. Only the keys of hidden cells are kept (never a count), which every page
shows anyway as "< 5"; the directory holds nothing the database does not.

A file that cannot be written (a read-only disk) or read (damaged) is simply built again.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import tempfile
import threading
from datetime import date
from pathlib import Path

import duckdb

from steering_core import catalogue, disclosure, measures, periods, sources
from steering_core.upload import contract

log = logging.getLogger(__name__)

KEPT_FILES = 4000       # the oldest files beyond this are removed (older states of the data)


def _code_token() -> str:
    """The code that decides what is hidden: a change to any of it is a new decision."""
    digest = hashlib.sha256()
    for module in (disclosure, catalogue, measures, sources, periods):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


_CODE = _code_token()


class Saved:
    """The hidden cells of one database's cubes on disk (one instance per state of the data)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self._fingerprints: dict[str, str] | None = None
        self._lock = threading.Lock()

    @classmethod
    def beside(cls, database: Path) -> "Saved":
        return cls(database.with_name(database.name + ".beskyttelse"))

    def key(self, con: duckdb.DuckDBPyConnection, scan: str, kommune: str, until: date,
            data_start: periods.Period, min_cell: int) -> str:
        fingerprint = self._fingerprint(con, kommune)
        text = "|".join([_CODE, scan, kommune, fingerprint, str(until), data_start.label, str(min_cell)])
        return hashlib.sha256(text.encode()).hexdigest()

    def load(self, key: str) -> disclosure.HiddenCells | None:
        path = self.directory / f"{key}.json.gz"
        try:
            with gzip.open(path, "rt", encoding="utf-8") as stream:
                data = json.load(stream)
            if data.get("key") != key:
                return None
            return disclosure.HiddenCells.from_json(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
            log.warning("protection cache: %s unreadable (%s); building again", path.name, exc)
            return None

    def store(self, key: str, cells: disclosure.HiddenCells) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as stream:
                json.dump({"key": key, **cells.as_json()}, stream)
            # Readers in other processes see the whole file or none.
            os.replace(temporary, self.directory / f"{key}.json.gz")
            self._prune()
        except OSError as exc:
            log.warning("protection cache: not written to %s (%s)", self.directory, exc)

    def _prune(self) -> None:
        files = sorted(self.directory.glob("*.json.gz"), key=lambda p: p.stat().st_mtime)
        for old in files[:-KEPT_FILES]:
            old.unlink(missing_ok=True)

    def _fingerprint(self, con: duckdb.DuckDBPyConnection, kommune: str) -> str:
        """A digest of every stored row of the municipality (∅: of all of them), per sheet's table."""
        with self._lock:
            if self._fingerprints is None:
                per_kommune: dict[str, list[str]] = {}
                for spec in contract.SHEETS:
                    rows = con.execute(f"SELECT kommune, count(*), sum(hash(x)::HUGEINT) FROM {spec.table} x "
                                       "GROUP BY ALL ORDER BY 1").fetchall()
                    for name, count, total in rows:
                        per_kommune.setdefault(str(name), []).append(f"{spec.table}:{count}:{total}")
                fingerprints = {name: hashlib.sha256("|".join(parts).encode()).hexdigest()
                                for name, parts in per_kommune.items()}
                fingerprints[disclosure._NONE] = hashlib.sha256(
                    "|".join(f"{k}={v}" for k, v in sorted(fingerprints.items())).encode()).hexdigest()
                self._fingerprints = fingerprints
            return self._fingerprints.get(kommune, "none")
