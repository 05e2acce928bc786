"""The national benchmark database: many invented municipalities in one file (issue 6).

:func:`build_national_database` writes 98 invented municipalities × 5 years into one file
(``python -m steering_core demo --scale national``): sizes drawn log-normally around the national
average of 59.415 inhabitants, 2-6 districts each, propensities varied per municipality and
district, every municipality from its own seed (the generator of :mod:`steering_core.demo`),
generated and written one at a time.
"""
from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path

import numpy as np

from steering_core import periods
from steering_core import store as store_writes
from steering_core.demo import (
    DEFAULT_SEED, DEMO_KIND, DEMO_USER, DistrictSpec, KommuneSpec, _remove, build_kommune_tables,
)
from steering_core.periods import Period
from steering_core.store import Store
from steering_core.texts import t

NATIONAL_AVERAGE_INHABITANTS = 59_415      # DOMAIN.md section 7, inhabitants 2020
NATIONAL_SPREAD = 0.85                     # sd of log inhabitants: ~5.000 to ~320.000 for 98 municipalities
NATIONAL_SMALLEST = 1_800                  # an island municipality
AGE_SHARES = (0.066, 0.137, 0.064)         # 0-5, 6-17 and 18-22 year-olds as shares of all inhabitants
PUPILS_PER_SCHOOL = 650                    # 6-17-year-olds per school (Demo Kommune: 8.500 / 13)
CHILDREN_PER_DAYCARE = 150                 # 0-5-year-olds per daycare (Demo Kommune: 4.000 / 27)
NATIONAL_DISTRICTS = (("Nord", "NO"), ("Syd", "SY"), ("Øst", "OE"), ("Vest", "VE"), ("Midt", "MI"),
                      ("Centrum", "CE"))
_NAME_FIRST = ("Ager", "Birke", "Bøge", "Dals", "Ege", "Elle", "Fjord", "Gran", "Hav", "Hede", "Hjorte",
               "Holm", "Kilde", "Kløver", "Lind", "Lyng", "Mose", "Mølle", "Nør", "Ravns", "Rosen", "Sand",
               "Skov", "Sten", "Strand", "Sø", "Tofte", "Vang", "Vester", "Øster", "Ørne", "Ås")
_NAME_LAST = ("by", "bjerg", "holm", "lund", "sted", "rup", "høj", "dal", "borg", "bæk", "næs", "vig",
              "løse", "mark")


def national_label(municipalities: int) -> str:
    return f"Landsdemo ({municipalities} kommuner)"


def national_specs(municipalities: int = 98, seed: int = DEFAULT_SEED, volume: float = 1.0) -> list[KommuneSpec]:
    """Invented municipalities with a realistic spread of size, districts and propensities.

    Inhabitants follow a log-normal distribution drawn at stratified quantiles (so every seed gives
    a few very large and a few very small municipalities) and are scaled to the national average.
    ``volume`` multiplies the UTM, support and placement propensities: 1 is realistic, larger
    values only serve to stress the engine.
    """
    from statistics import NormalDist

    rng = np.random.default_rng([seed, 0x4C414E44])          # "LAND": independent of Demo Kommune's stream
    n = int(municipalities)
    z = np.array([NormalDist().inv_cdf(q) for q in (np.arange(n) + rng.uniform(0.05, 0.95, n)) / n])
    inhabitants = np.exp(NATIONAL_SPREAD * z)
    inhabitants = np.maximum(inhabitants / inhabitants.mean() * NATIONAL_AVERAGE_INHABITANTS, NATIONAL_SMALLEST)
    inhabitants = np.round(rng.permutation(inhabitants)).astype(int)
    names = _kommune_names(rng, n)
    specs = []
    for name, size in zip(names, inhabitants):
        ages = np.array(AGE_SHARES) * rng.lognormal(0.0, 0.06, 3)
        if size > 150_000:                                    # university towns: more young adults
            ages *= (1.0, 0.92, 1.45)
        elif size < 25_000:
            ages *= (0.95, 1.0, 0.8)
        counts = np.round(size * ages).astype(int)
        k = int(np.clip(np.round(1.5 + 1.3 * np.log(size / 15_000) + rng.normal(0, 0.6)), 2, 6))
        shares = rng.dirichlet(np.full(k, 6.0))
        utm, placement, support = rng.lognormal(0.0, (0.35, 0.25, 0.2))
        notifications, absence = rng.lognormal(0.0, 0.12), rng.normal(0.0, 0.6)
        chosen = sorted(rng.choice(len(NATIONAL_DISTRICTS), size=k, replace=False))
        districts = []
        for share, index in zip(shares, chosen):
            d_name, code = NATIONAL_DISTRICTS[index]
            districts.append(DistrictSpec(
                d_name, code, float(share), growth=float(rng.normal(0.0, 0.004)),
                schools=max(1, int(round(counts[1] * share / PUPILS_PER_SCHOOL))),
                daycares=max(1, int(round(counts[0] * share / CHILDREN_PER_DAYCARE))),
                utm=float(volume * utm * rng.lognormal(0.0, 0.2)),
                placement=float(volume * placement * rng.lognormal(0.0, 0.12)),
                support=float(volume * support * rng.lognormal(0.0, 0.1)),
                notifications=float(np.clip(notifications * rng.lognormal(0.0, 0.08), 0.7, 1.4)),
                absence=float(absence + rng.normal(0.0, 0.5))))
        specs.append(KommuneSpec(name, int(counts[0]), int(counts[1]), int(counts[2]), tuple(districts)))
    return specs


def _kommune_names(rng: np.random.Generator, n: int) -> list[str]:
    """Distinct invented names ("Lyngholm Kommune"); numbered once the combinations run out."""
    combos = [f"{a}{b}" for a in _NAME_FIRST for b in _NAME_LAST]
    picked = [combos[i] for i in rng.permutation(len(combos))[:n]]
    picked += [f"Kommune {i + 1:03d}" for i in range(len(picked), n)]
    return [name if name.startswith("Kommune") else f"{name} Kommune" for name in picked]


def _kommune_seed(seed: int, index: int) -> int:
    return int(np.random.SeedSequence([seed, index]).generate_state(1)[0])


def build_national_tables(specs: list[KommuneSpec], *, seed: int, until: Period, first_year: int):
    """Yield (spec, tables) municipality by municipality, so memory stays bounded."""
    for index, spec in enumerate(specs):
        yield spec, build_kommune_tables(spec, seed=_kommune_seed(seed, index), until=until,
                                         first_year=first_year)


def build_national_database(path: str | Path, seed: int = DEFAULT_SEED, until: Period | None = None,
                            municipalities: int = 98, years: int = 5, *, volume: float = 1.0,
                            progress=None) -> Path:
    """Write ``municipalities`` invented municipalities × ``years`` years into a fresh DuckDB file.

    Deterministic: the same arguments give the same rows. Each municipality is generated and
    written on its own (bounded memory). The rows go in with ``store.append_rows`` per
    table inside :meth:`Store.write` - the file is new, so there is nothing to replace or
    archive - as one batch for the whole build. The file replaces ``path`` atomically at the end.
    ``progress(done, total, spec)`` is called after each municipality when given.
    """
    path = Path(path)
    if until is None:
        until = periods.last_complete_quarter(date.today())
    if years < 1:
        raise ValueError(t("demo.years"))
    first_year = until.start.year - (years - 1)
    specs = national_specs(municipalities, seed, volume)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.bygges")
    _remove(temp, Path(f"{temp}.wal"))
    try:
        store = Store(temp)
        label = national_label(len(specs))
        batch_id = store.write(lambda con: store_writes.new_batch(
            con, user=DEMO_USER, file_name=f"{label} (syntetiske data)", kind=DEMO_KIND, sha256=""))
        counts: dict[str, int] = {}
        for done, (spec, tables) in enumerate(
                build_national_tables(specs, seed=seed, until=until, first_year=first_year), start=1):
            def append(con, tables=tables) -> None:
                for name, frame in tables.items():
                    store_writes.append_rows(con, name, frame, batch_id)
                    counts[name] = counts.get(name, 0) + len(frame)
            store.write(append)
            if progress is not None:
                progress(done, len(specs), spec)
        from steering_core import comparison_demo
        comparison_demo.add_to_national(store, specs, seed=seed, until=until, first_year=first_year, batch_id=batch_id)
        digest = hashlib.sha256(json.dumps(
            {"seed": seed, "until": until.label, "municipalities": len(specs), "years": years,
             "volume": volume, "rows": counts}, sort_keys=True).encode()).hexdigest()
        meta = {"demo": "ja", "kommune": label, "scale": "national", "seed": str(seed),
                "data_until": until.end.isoformat(), "municipalities": str(len(specs)),
                "years": str(years), "volume": f"{volume:g}"}

        def finish(con) -> None:
            store_writes.finish_batch(con, batch_id, counts, digest)
            store_writes.set_meta(con, meta)
        store.write(finish)
        store.checkpoint()      # leave one self-contained file, no write-ahead log
        _remove(Path(f"{path}.wal"))
        os.replace(temp, path)
    finally:
        _remove(temp, Path(f"{temp}.wal"))
    return path
