"""A curious user with the product's outputs and a spreadsheet: the attacker of issue 11.

The attacker only reads what the product hands out (the CLI's JSON, page figures and their Excel,
overview tiles, meeting packs) and tries to work out a figure the product hides. The ground truth
a recovery is checked against is the same figure with nothing suppressed, computed from the source
rows (oracle.py): never shown to the attacker, only used to decide whether a derived value is the
hidden value.

A request the product refuses is not available to the attacker: it is counted as refused and the
route is skipped, so these tests do not depend on how the protection is built.
"""
from __future__ import annotations

import contextlib
import io
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Callable, Hashable, Iterable

import numpy as np
import pandas as pd

from steering_core import cli, periods
from steering_core.engine import EngineError, Filters, Request, data_until, unit_register
from steering_core.store import Store

MONEY_TOLERANCE = 0.5       # kr.: a money figure counts as recovered within half a krone
COUNT_TOLERANCE = 1e-6      # counts must come back exactly


@dataclass(frozen=True)
class Recovery:
    attack: str
    output: str
    cell: str
    how: str
    derived: float
    true: float

    def __str__(self) -> str:
        return (f"[{self.attack}] {self.cell}: derived {self.derived:g}, true {self.true:g} "
                f"({self.how}; from {self.output})")


# attack class -> dataset kind ("demo" / "generated") -> Counter(tried, recovered, refused)
TALLY: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))


def close(derived: float, true: float, money: bool) -> bool:
    if derived is None or true is None or math.isnan(derived) or math.isnan(true):
        return False
    return abs(derived - true) <= (MONEY_TOLERANCE if money else COUNT_TOLERANCE)


def report(recoveries: list[Recovery], limit: int = 25) -> str:
    lines = [f"{len(recoveries)} hidden value(s) recovered from the product's outputs:"]
    lines += [f"  {r}" for r in recoveries[:limit]]
    if len(recoveries) > limit:
        lines.append(f"  ... and {len(recoveries) - limit} more")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------
# The dataset and what the attacker can ask of it
# ------------------------------------------------------------------------------------------------

@dataclass
class Dataset:
    name: str
    kind: str                    # "demo" or "generated": the tally's column
    store: Store
    quarters: list[str]          # the quarters an attack works over (oldest first)
    _cli: dict = field(default_factory=dict)
    _truth: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return str(self.store.path)

    def units(self) -> pd.DataFrame:
        """The unit register as the sidebar shows it (unit, unit_name, district, sector)."""
        if "units" not in self._truth:
            self._truth["units"] = unit_register(self.store)
        return self._truth["units"]

    def districts(self) -> list[str]:
        return sorted(self.units()["district"].unique())

    # -- the CLI ---------------------------------------------------------------------------------
    def cli(self, only: Iterable[str], first: str, last: str, grain: str = "kvartal", by: Iterable[str] = (),
            district: Iterable[str] = (), extra: Iterable[str] = ()) -> list[dict] | None:
        """``indicators --format json`` rows, or None when the product refuses the request."""
        args = ["indicators", "--db", self.path, "--from", first, "--to", last, "--grain", grain,
                "--only", ",".join(only), "--format", "json"]
        if by:
            args += ["--by", ",".join(by)]
        if district:
            args += ["--district", ",".join(district)]
        args += list(extra)
        key = tuple(args)
        if key not in self._cli:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = cli.main(args)
                except SystemExit as exc:       # argparse on an option it does not know
                    code = int(exc.code or 0)
            if code == 0:
                self._cli[key] = json.loads(out.getvalue())
            elif "ingen data" in err.getvalue():
                self._cli[key] = []
            else:
                self._cli[key] = None
        return self._cli[key]

    # -- page figures -----------------------------------------------------------------------------
    def figure(self, build: Callable, request: Request, *args, **kwargs):
        """A page figure (cached), or None when the product refuses to build it."""
        key = ("figure", build.__module__, build.__name__, request, args, tuple(sorted(kwargs.items())))
        if key not in self._truth:
            self._truth[key] = try_figure(build, self.store, request, *args, **kwargs)
        return self._truth[key]

    # -- the ground truth (never shown to the attacker) ------------------------------------------
    def truth(self, ids: Iterable[str], request: Request) -> pd.DataFrame:
        """The figures of ``ids`` with nothing suppressed (see oracle.py)."""
        from tests.disclosure import oracle
        ids = list(dict.fromkeys(ids))
        key = (tuple(ids), request)
        if key not in self._truth:
            self._truth[key] = oracle.compute(self.store, ids, request)
        return self._truth[key]

    def sql(self, query: str, params: dict | None = None) -> pd.DataFrame:
        with self.store.connect(read_only=True) as con:
            return con.execute(query, params or {}).df()


def courses_started(dataset: Dataset, first: str, last: str) -> pd.DataFrame:
    """Ground truth: the § 11 courses started in the span, with their channel, type, place, length
    (censored at the data cut-off) and whether they have ended."""
    with dataset.store.connect(read_only=True) as con:
        until = data_until(con)
    start, end = periods.parse_period(first).start, periods.parse_period(last).end
    frame = dataset.sql("""
        SELECT i.bevilget_af, i.indsatstype, i.distrikt AS district, i.bevilgende_enhed_id AS unit,
               (least(coalesce(i.slutdato, $u), $u) - i.startdato + 1) AS duration_days,
               (i.slutdato IS NOT NULL AND i.slutdato <= $u) AS ended
        FROM indsats i WHERE i.familie = 'forebyggende' AND i.startdato BETWEEN $s AND $e""",
                        {"u": until, "s": start, "e": end})
    frame["ended"] = frame["ended"].astype(bool)
    return frame


def request_of(first: str, last: str, grain: str = "kvartal", by: Iterable[str] = (),
               district: Iterable[str] = (), units: Iterable[str] = ()) -> Request:
    return Request(first, last, grain, tuple(by), Filters(distrikter=tuple(district), enheder=tuple(units)))


def try_figure(build: Callable, *args, **kwargs):
    """A page figure, or None when the product refuses to build it (the route is then not offered)."""
    try:
        figure = build(*args, **kwargs)
    except (EngineError, ValueError):
        return None
    if figure is None or (figure.table.empty and not figure.columns):
        return None
    return figure


def quarters_of(label: str) -> list[str]:
    """The quarters a period label covers: ``2025K3``, ``2025`` or a span ``2025K1-2025K3``."""
    if "-" in label:
        first, last = label.split("-")
        return [q.label for q in periods.quarters_between(periods.parse_quarter(first), periods.parse_quarter(last))]
    period = periods.parse_period(label)
    return [q.label for q in periods.quarters_between(periods.quarter_of(period.start),
                                                      periods.quarter_of(period.end))]


def spans(quarters: list[str], longest: int = 4) -> list[tuple[str, str]]:
    """Every run of 2 to ``longest`` consecutive quarters: whole-span requests a user could make."""
    return [(quarters[i], quarters[j]) for i in range(len(quarters)) for j in range(i + 1, len(quarters))
            if j - i + 1 <= longest]


def subsets(items: list, sizes: Iterable[int]) -> list[tuple]:
    return [combo for size in sizes for combo in combinations(items, size)]


# ------------------------------------------------------------------------------------------------
# Linear attacks: every shown figure is the sum of atoms; a hidden figure is recovered when its
# atoms are a combination of shown figures (its vector lies in their row space).
# ------------------------------------------------------------------------------------------------

@dataclass
class Equation:
    output: str
    cell: str
    atoms: tuple[Hashable, ...]     # each atom counted once (coefficients of 1)
    value: float | None             # None: hidden
    true: float | None = None       # for hidden cells: the value a minimum cell size of 1 gives


class LinearAttack:
    """Collects shown and hidden additive figures of one quantity and solves for the hidden ones.

    ``support``: the atoms that can be non-zero, when the attacker knows it (a cell missing from
    the finest breakdown the product lists is zero); None when any atom may be non-zero.
    """

    def __init__(self, attack: str, money: bool = False, support: set | None = None,
                 atom_truth: dict | None = None):
        self.attack = attack
        self.money = money
        self.support = support
        # The true value of each atom (minimum cell size 1): a hidden cell's true value is their sum.
        self.atom_truth = atom_truth
        self.shown: dict[tuple, Equation] = {}
        self.hidden: dict[tuple, Equation] = {}

    def add(self, equation: Equation) -> None:
        if self.support is not None:
            equation = replace(equation, atoms=tuple(a for a in equation.atoms if a in self.support))
        if not equation.atoms:
            return
        if equation.value is None and equation.true is None and self.atom_truth is not None:
            equation = replace(equation, true=float(sum(self.atom_truth.get(a, 0.0) for a in equation.atoms)))
        signature = tuple(sorted(map(repr, equation.atoms)))
        if equation.value is None:
            self.hidden.setdefault(signature, equation)
        else:
            self.shown.setdefault(signature, equation)

    def solve(self) -> tuple[int, list[Recovery]]:
        """(hidden cells tried, recoveries)."""
        targets = [e for signature, e in self.hidden.items() if e.true is not None and not _isnan(e.true)
                   and signature not in self.shown]
        # A hidden cell shown elsewhere under another name is recovered by reading it there.
        read_off = [(e, self.shown[signature]) for signature, e in self.hidden.items()
                    if e.true is not None and not _isnan(e.true) and signature in self.shown]
        recoveries = [Recovery(self.attack, e.output, e.cell, f"shown as {other.cell} in {other.output}",
                               other.value, float(e.true))
                      for e, other in read_off if close(other.value, float(e.true), self.money)]
        tried = len(targets) + len(read_off)
        if not targets or not self.shown:
            return tried, recoveries
        shown = list(self.shown.values())
        atoms = sorted({a for e in [*shown, *targets] for a in e.atoms}, key=repr)
        index = {a: i for i, a in enumerate(atoms)}

        def vector(e: Equation) -> np.ndarray:
            v = np.zeros(len(atoms))
            for a in e.atoms:
                v[index[a]] += 1
            return v

        a_matrix = np.array([vector(e) for e in shown])
        b = np.array([e.value for e in shown], dtype=float)
        # Row space of A = span of its right singular vectors with a non-zero singular value.
        _, singular, vt = np.linalg.svd(a_matrix, full_matrices=False)
        keep = singular > 1e-9 * max(1.0, float(singular.max()))
        space = vt[keep].T
        t_matrix = np.array([vector(e) for e in targets]).T
        in_space = np.abs(t_matrix - space @ (space.T @ t_matrix)).max(axis=0) < 1e-6
        if not in_space.any():
            return tried, recoveries
        # The combination of shown figures giving each determined target: y with Aᵀy = t.
        chosen = t_matrix[:, in_space]
        combination = np.linalg.lstsq(a_matrix.T, chosen, rcond=None)[0]
        for column, target in enumerate(t for t, ok in zip(targets, in_space) if ok):
            weights = combination[:, column]
            derived = float(weights @ b)
            if close(derived, float(target.true), self.money):
                recoveries.append(Recovery(self.attack, target.output, target.cell, _how(weights, shown),
                                           round(derived, 4), float(target.true)))
        return tried, recoveries


def _how(weights: np.ndarray, shown: list[Equation], terms: int = 4) -> str:
    used = [(w, e) for w, e in zip(weights, shown) if abs(w) > 1e-6]
    used.sort(key=lambda pair: -abs(pair[0]))
    text = " ".join(f"{'+' if w > 0 else '-'}{'' if abs(abs(w) - 1) < 1e-6 else f'{abs(w):.2g}×'}"
                    f"[{e.cell} = {e.value:g}]" for w, e in used[:terms])
    return text + (f" ... ({len(used)} shown figures)" if len(used) > terms else "")


def _isnan(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def value_of(row: dict, field_name: str = "numerator") -> float | None:
    """The additive figure a CLI row shows: its numerator (for counts and kr. the value itself)."""
    if row.get("suppressed"):
        return None
    value = row.get(field_name)
    if value is None:
        value = row.get("value")
    return None if _isnan(value) else float(value)


def truth_lookup(frame: pd.DataFrame, keys: list[str], field_name: str = "numerator") -> dict:
    """(indicator, period, *keys) -> the true figure."""
    lookup = {}
    for record in frame.to_dict("records"):
        value = record.get(field_name)
        if _isnan(value):
            value = record.get("value")
        lookup[(record["indicator"], record["period"], *[record.get(k) for k in keys])] = (
            None if _isnan(value) else float(value))
    return lookup


class Tally:
    """Counts one attack's tried / recovered / refused routes on one dataset kind."""

    def __init__(self, attack: str, dataset: Dataset):
        self.attack, self.kind = attack, dataset.kind
        self.recoveries: list[Recovery] = []

    def refused(self, n: int = 1) -> None:
        TALLY[self.attack][self.kind]["refused"] += n

    def tried(self, n: int) -> None:
        TALLY[self.attack][self.kind]["tried"] += n

    def found(self, recoveries: list[Recovery], dataset: Dataset) -> None:
        recoveries = [replace(r, output=f"{dataset.name}: {r.output}") for r in recoveries]
        TALLY[self.attack][self.kind]["recovered"] += len(recoveries)
        self.recoveries.extend(recoveries)

    def solve(self, attack: LinearAttack, dataset: Dataset) -> None:
        tried, recoveries = attack.solve()
        self.tried(tried)
        self.found(recoveries, dataset)


def cli_equations(dataset: Dataset, tally: Tally, attacks: dict[str, LinearAttack], only: list[str],
                  first: str, last: str, grain: str, by: tuple[str, ...], district: tuple[str, ...],
                  atoms_of: Callable[[str, dict, tuple[str, ...]], tuple], keys: list[str]) -> bool:
    """Adds one CLI request's rows to the per-indicator attacks; False when the request is refused.

    ``atoms_of(indicator, row, district_filter)`` gives the atoms a row sums; ``keys`` the row's
    breakdown keys. A hidden row's true value is the sum of its atoms' true values (see LinearAttack).
    """
    rows = dataset.cli(only, first, last, grain, by, district)
    if rows is None:
        tally.refused()
        return False
    output = (f"indicators --from {first} --to {last} --grain {grain}" + (f" --by {','.join(by)}" if by else "")
              + (f" --district {','.join(district)}" if district else ""))
    for row in rows:
        if row["indicator"] not in attacks:
            continue
        cell = f"{row['indicator']} {row['period']} " + " ".join(f"{k}={row.get(k)}" for k in keys) + (
            f" [districts {','.join(district)}]" if district else "")
        attacks[row["indicator"]].add(Equation(output, cell.strip(), atoms_of(row["indicator"], row, district),
                                               value_of(row)))
    return True


def atom_truths(dataset: Dataset, indicators: list[str], by: tuple[str, ...], atoms_of) -> dict[str, dict]:
    """Per indicator, each atom's true value, from the finest breakdown per quarter with a minimum
    cell size of 1 (atoms_of must give one atom per row of it)."""
    q = dataset.quarters
    frame = dataset.truth(indicators, request_of(q[0], q[-1], "kvartal", by))
    result: dict[str, dict] = {i: {} for i in indicators}
    for record in frame.to_dict("records"):
        record = {k: (None if _isnan(v) else v) for k, v in record.items()}
        atoms = atoms_of(record["indicator"], record, ())
        assert len(atoms) == 1, (record, atoms)
        value = record.get("numerator") if record.get("numerator") is not None else record.get("value")
        result[record["indicator"]][atoms[0]] = float(value or 0.0)
    return result
