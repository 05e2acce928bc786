"""What the protection decided, kept and looked up: each cube's hidden cells as integer codes, in memory
per state of the data and on disk beside the database. ``disclosure`` decides; this module only keeps
and answers, so a change here never invalidates a kept decision (only a change to the deciding
modules does, see ``_code_token``).

The hidden cells on disk:

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
import functools
import hashlib
import inspect
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from steering_core import catalogue, disclosure, measures, periods, sources
from steering_core.upload import contract

log = logging.getLogger(__name__)

KEPT_FILES = 4000       # the oldest files beyond this are removed (older states of the data)


KEY_PARTS = ("measure", "kommune", "interval", "geo", "cat")


@dataclass
class HiddenCells:
    """What a lookup needs of a cube: its hidden cells, each part of their keys (KEY_PARTS) coded by
    the position of its value among the distinct values of that part, and every interval of the grid.

    A cell is hidden when it is a hidden cell, or its interval lies outside the grid (fail closed); any
    other cell is shown, a cell the cube does not hold being a true zero. Integer codes make a lookup
    of a whole request a few array operations instead of building and hashing a text key per cell."""
    vocab: tuple[pd.Index, ...]      # per part, its distinct values; for "interval" every grid interval
    codes: np.ndarray                # the hidden cells' combined codes (see _combine), sorted

    @classmethod
    def of(cls, parts: dict[str, np.ndarray], intervals) -> "HiddenCells":
        """From the hidden cells' key parts (arrays of equal length) and the grid's intervals."""
        vocab, codes = [], []
        for name in KEY_PARTS:
            if name == "interval":
                values = pd.Index(sorted(set(intervals)), dtype=object)
                codes.append(values.get_indexer(parts[name]))
            else:
                code, values = pd.factorize(np.asarray(parts[name], dtype=object), sort=True)
                values = pd.Index(values, dtype=object)
                codes.append(code)
            vocab.append(values)
        if any((c < 0).any() for c in codes):
            raise ValueError("a hidden cell outside the grid")
        return cls(tuple(vocab), np.unique(_combine(codes, vocab)))

    @classmethod
    def joined(cls, parts: list["HiddenCells"]) -> "HiddenCells":
        """Several municipalities' cells as one: the same cells, coded by the union of the values."""
        vocab = tuple(pd.Index(sorted(set().union(*(p.vocab[i] for p in parts))), dtype=object)
                      for i in range(len(KEY_PARTS)))
        codes = [_combine([vocab[i].get_indexer(p.vocab[i])[c] for i, c in enumerate(p.decoded())], vocab)
                 for p in parts]
        return cls(vocab, np.unique(np.concatenate(codes)) if codes else np.zeros(0, dtype=np.int64))

    def decoded(self) -> list[np.ndarray]:
        """The hidden cells' code per part."""
        result, rest = [], self.codes
        for values in reversed(self.vocab):
            result.append(rest % len(values) if len(values) else rest * 0)
            rest = rest // max(len(values), 1)
        return result[::-1]

    def keys(self) -> list[str]:
        """The hidden cells as text keys (measure \\t kommune \\t interval \\t geo \\t cat)."""
        columns = [np.asarray(values, dtype=object)[code] for values, code in zip(self.vocab, self.decoded())]
        return ["\t".join(parts) for parts in zip(*columns)]

    @functools.cached_property
    def positions(self) -> tuple[dict[str, int], ...]:
        """Per part, each value's position in its vocabulary: a request looks up a few dozen values
        per part, where a hash lookup each beats building an index over the vocabulary every time."""
        return tuple({value: i for i, value in enumerate(values)} for values in self.vocab)

    def lookup(self, cells: "CellParts") -> np.ndarray:
        """Hidden or not per cell."""
        codes = [cells.codes(name, positions) for name, positions in zip(KEY_PARTS, self.positions)]
        outside = codes[KEY_PARTS.index("interval")] < 0
        known = np.logical_and.reduce([c >= 0 for c in codes])
        combined = _combine([np.maximum(c, 0) for c in codes], self.vocab)
        position = np.minimum(np.searchsorted(self.codes, combined), max(len(self.codes) - 1, 0))
        stored = (self.codes[position] == combined) if len(self.codes) else np.zeros(len(combined), dtype=bool)
        return outside | (known & stored)

    def as_json(self) -> dict:
        return {"vocab": [list(map(str, values)) for values in self.vocab], "codes": self.codes.tolist()}

    @classmethod
    def from_json(cls, data: dict) -> "HiddenCells":
        return cls(tuple(pd.Index(values, dtype=object) for values in data["vocab"]),
                   np.asarray(data["codes"], dtype=np.int64))


def _combine(codes: list[np.ndarray], vocab) -> np.ndarray:
    """One int64 per cell from its part codes: mixed radix with each part's number of values."""
    combined = np.zeros(len(codes[0]) if len(codes) else 0, dtype=np.int64)
    for code, values in zip(codes, vocab):
        combined = combined * max(len(values), 1) + np.asarray(code, dtype=np.int64)
    return combined


@dataclass(frozen=True)
class CellParts:
    """Cells to look up: per key part (KEY_PARTS), a code per cell and the values the codes stand for.
    A request's cells repeat few values (its periods, its districts), so each value is looked up in
    a cube's values once and the cells take the answer by their code."""
    parts: dict[str, tuple[np.ndarray, np.ndarray]]
    # Codes already found, per (part, its values, vocabulary): the measures of one indicator share
    # every part but the measure, and one cube's vocabulary.
    found: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, columns: dict[str, np.ndarray]) -> "CellParts":
        """From one array of values per part."""
        parts = {}
        for name, values in columns.items():
            code, uniques = pd.factorize(np.asarray(values, dtype=object))
            parts[name] = (np.asarray(code, dtype=np.int64), np.asarray(uniques, dtype=object))
        return cls(parts)

    def with_part(self, name: str, value: str) -> "CellParts":
        """The same cells with one part the same for all (a measure)."""
        size = len(next(iter(self.parts.values()))[0])
        return CellParts({**self.parts, name: (np.zeros(size, dtype=np.int64), np.array([value], dtype=object))},
                         self.found)

    def values(self, name: str) -> np.ndarray:
        return self.parts[name][1]

    def codes(self, name: str, positions: dict[str, int]) -> np.ndarray:
        """Each cell's position in a vocabulary (``positions``: value -> position) for this part
        (-1: not there)."""
        code, values = self.parts[name]
        if not len(code):
            return code
        key = (name, id(values), id(positions))
        if key not in self.found:
            # The arrays are kept with the key, so their ids cannot be reused while it is stored.
            self.found[key] = (np.fromiter((positions.get(value, -1) for value in values), dtype=np.int64,
                                           count=len(values))[code], values, positions)
        return self.found[key][0]



def hidden_cells_of(cube: disclosure.Cube) -> HiddenCells:
    parts = pd.Series(cube.keys[cube.hidden].to_numpy(dtype=object), dtype=object).str.split("\t", expand=True)
    columns = {name: (parts[i].to_numpy(dtype=object) if len(parts) else np.zeros(0, dtype=object))
               for i, name in enumerate(KEY_PARTS)}
    return HiddenCells.of(columns, cube.intervals)


def _code_token() -> str:
    """The code that decides what is hidden: a change to any of it is a new decision. The rules
    (disclosure, periods) by their source; the catalogue's indicators and the sources' SQL as they
    are rendered, so a constant they take from elsewhere (domain.py, fit.py) counts too, while work
    on how the engine computes a figure (the rest of measures.py) does not throw the decisions away."""
    digest = hashlib.sha256()
    for module in (disclosure, periods):
        digest.update(Path(module.__file__).read_bytes())
    for function in (measures.measure_key, measures.periods_sql):
        digest.update(inspect.getsource(function).encode())
    rendered = [*map(repr, catalogue.INDICATORS), *map(repr, sources.SOURCES.values()),
                *map(repr, sources.RELATIONS.items()), sources.COURSES_SELECT]
    for text in rendered:
        digest.update(text.encode())
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

    def load(self, key: str) -> HiddenCells | None:
        path = self.directory / f"{key}.json.gz"
        try:
            with gzip.open(path, "rt", encoding="utf-8") as stream:
                data = json.load(stream)
            if data.get("key") != key:
                return None
            return HiddenCells.from_json(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
            log.warning("protection cache: %s unreadable (%s); building again", path.name, exc)
            return None

    def store(self, key: str, cells: HiddenCells) -> None:
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


class Stopped(Exception):
    """The process is ending: no further cube is built (see ``stop_building``)."""


_STOPPING = threading.Event()


def stop_building() -> None:
    """Refuse to start another cube. A background build checks this between cubes, so the
    interpreter never exits while a thread is inside DuckDB (which aborts the process)."""
    _STOPPING.set()


@dataclass
class Protection:
    """The cubes of one database state, one per scan and municipality, built when first looked up.
    No relation crosses municipalities (every relation is within one), so a municipality's cube
    decides exactly what the cube of all of them would, and a database of many municipalities
    costs, for one, what that one costs alone.

    A built cube's hidden cells are kept on disk too (``saved``, see ``Saved``), under the
    municipality's data and everything else the decision depends on, so a new process (the command
    line, a restarted server) finds them instead of building them again."""
    stamp: str
    min_cell: int
    saved: "Saved | None" = None
    cells: dict[tuple[str, str], HiddenCells] = field(default_factory=dict)
    joins: dict[str, tuple[tuple[str, ...], HiddenCells]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def cube(self, con: duckdb.DuckDBPyConnection, scan: str, until: date, data_start: periods.Period) -> "ScanCubes":
        return ScanCubes(self, con, scan, until, data_start)

    def built(self, con: duckdb.DuckDBPyConnection, scan: str, kommune: str, until: date,
              data_start: periods.Period) -> HiddenCells:
        with self.lock:
            if (scan, kommune) not in self.cells:
                if _STOPPING.is_set():
                    raise Stopped(scan)
                key = self.saved.key(con, scan, kommune, until, data_start, self.min_cell) if self.saved else None
                found = self.saved.load(key) if key else None
                if found is None:
                    # A cell key without a municipality (∅) is looked up in the cube of all of them.
                    only = [] if kommune == disclosure._NONE else [kommune]
                    found = hidden_cells_of(disclosure.CubeBuilder(con, scan, until, data_start, only, self.min_cell).build())
                    if key:
                        self.saved.store(key, found)
                self.cells[scan, kommune] = found
            return self.cells[scan, kommune]

    def joined(self, con: duckdb.DuckDBPyConnection, scan: str, kommuner: tuple[str, ...], until: date,
               data_start: periods.Period) -> HiddenCells:
        """The cubes of several municipalities as one (the newest such set per scan is kept), so a
        request over many municipalities looks every cell up at once."""
        cubes = [self.built(con, scan, kommune, until, data_start) for kommune in kommuner]
        if len(cubes) == 1:
            return cubes[0]
        with self.lock:
            names, cells = self.joins.get(scan, ((), None))
            if names != kommuner:
                cells = HiddenCells.joined(cubes)
                self.joins[scan] = (kommuner, cells)
            return cells


@dataclass
class ScanCubes:
    """A scan's cubes as one: a lookup goes to the cubes of the cells' municipalities."""
    protection: Protection
    con: duckdb.DuckDBPyConnection
    scan: str
    until: date
    data_start: periods.Period

    def lookup(self, cells: CellParts) -> np.ndarray:
        """Hidden or not per cell."""
        names = tuple(sorted(set(cells.values("kommune"))))
        if not names:
            return np.zeros(0, dtype=bool)
        return self.protection.joined(self.con, self.scan, names, self.until, self.data_start).lookup(cells)


_PROTECTIONS: dict[tuple[str, int], Protection] = {}
_PROTECTIONS_LOCK = threading.Lock()


def protection_for(stamp: str, min_cell: int, saved: "Saved | None" = None) -> Protection:
    with _PROTECTIONS_LOCK:
        key = (stamp, min_cell)
        if key not in _PROTECTIONS:
            # Only the newest state of a database matters; older states are dropped.
            path = stamp.split(":")[0]
            for old in [k for k in _PROTECTIONS if k[0].split(":")[0] == path and k[0] != stamp]:
                del _PROTECTIONS[old]
            _PROTECTIONS[key] = Protection(stamp, min_cell, saved)
        return _PROTECTIONS[key]
