"""Deterministic synthetic data for "Demo Kommune".

The demo lets a steering group try the product before any real file is
uploaded, and gives the indicator engine a realistic test bed. Everything is
drawn from ``numpy.random.default_rng(seed)``: the same seed and end quarter
always give the same tables.

How the municipality is described
    A :class:`KommuneSpec` (population and a tuple of :class:`DistrictSpec`)
    is the only per-municipality input. Time trends that every municipality
    shares (UTM roll-out, the staircase stocks, prices) are module constants.
    Generating another municipality is a matter of a new spec; the heavy
    lifting is vectorised over rows, and the only Python loops run over
    districts, units or intervention kinds.

How the figures are made (the targets come from DOMAIN.md section 7)
    * UTM meetings arrive on weekdays with a rate per 1,000 aged 0-17 that
      rises as the model is rolled out; one in three leads to a § 11 / BL § 30
      course granted by the school or daycare leader.
    * Family-department courses (steps 2-6) are drawn as flows whose start
      intensity is derived from a target *stock* per 1,000 aged 0-17: for a
      duration uniform on [a, b] and a start rate that is linear in time, the
      stock at time t is E[D] * rate(t - E[D^2] / (2 E[D])). Flows start back
      in 2017 so the stock is in place from 2022K1. Starts are stratified (one
      start per unit of cumulative intensity) to keep the stock close to the
      target.
    * A few children seen at a UTM are placed within a year (escalation).
    * Budgets follow the interventions' cost for the family department and
      plausible salary and operations sizes for the other sectors.

The national benchmark database (many invented municipalities) is built from the same
generator in :mod:`steering_core.national_demo`. Other demo data (budget assumptions,
distribution keys, investment cases ...) live in modules of their own, each called with one line
from :func:`build_demo_database`.

Dates after the last complete quarter never occur: running courses have a
blank ``slutdato``, and a planned end date later than ``until`` is left blank
as well (it is not yet a fact of the extract).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from steering_core import domain, periods
from steering_core.periods import Period
from steering_core.store import FACT_TABLES, Store
from steering_core.texts import t

DEMO_KOMMUNE = "Demo Kommune"
DEFAULT_SEED = 2026
FIRST_YEAR = 2022                 # the data the demo "extract" covers starts 2022K1
HISTORY_FROM = date(2017, 1, 1)   # courses still running in 2022 may have started this early
BASE_YEAR = 2022                  # population and price reference year

DEMO_USER = "demo"
DEMO_FILE_NAME = "Demo Kommune (syntetiske data)"
DEMO_KIND = "demo"


# --------------------------------------------------------------------------------------------
# Per-municipality parameters
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DistrictSpec:
    name: str
    code: str              # two letters used in unit ids, e.g. "NO" in "SK-NO-01"
    share: float           # share of the municipality's children and young people
    growth: float          # extra yearly population drift on top of the age trend
    schools: int
    daycares: int          # enhedstype dagtilbud (one dagpleje comes on top)
    utm: float             # UTM meeting propensity relative to the municipality
    placement: float       # steps 4-6 propensity
    support: float         # steps 2-3 (family department) propensity
    notifications: float   # notification propensity
    absence: float         # school absence offset in percentage points


@dataclass(frozen=True)
class KommuneSpec:
    name: str
    children_0_5: int
    children_6_17: int
    young_18_22: int
    districts: tuple[DistrictSpec, ...]


DEMO_SPEC = KommuneSpec(
    name=DEMO_KOMMUNE,
    children_0_5=4000,
    children_6_17=8500,
    young_18_22=3300,
    districts=(
        DistrictSpec("Nord", "NO", 0.35, -0.003, 4, 9, utm=0.78, placement=1.12, support=0.95,
                     notifications=1.12, absence=0.7),
        DistrictSpec("Syd", "SY", 0.40, 0.004, 5, 11, utm=1.00, placement=0.97, support=1.00,
                     notifications=0.95, absence=-0.4),
        DistrictSpec("Vest", "VE", 0.25, 0.000, 4, 7, utm=1.32, placement=0.88, support=1.06,
                     notifications=0.92, absence=0.1),
    ),
)

# Names are handed out in order, so other municipalities can reuse the pools.
SCHOOL_NAMES = (
    "Nordby Skole", "Fjordskolen", "Bakkeskolen", "Skovvangskolen", "Søndre Skole", "Engskolen",
    "Rosenvængets Skole", "Midtbyens Skole", "Parkskolen", "Vestre Skole", "Kildeskolen",
    "Strandskolen", "Lyngbjergskolen", "Hedeskolen", "Bøgeskolen", "Åskolen",
)
DAYCARE_NAMES = (
    "Børnehuset Solsikken", "Børnehaven Mælkebøtten", "Vuggestuen Regnbuen", "Børnehuset Troldehøj",
    "Naturbørnehaven Egern", "Børnehuset Spiren", "Børnehaven Skovtrolden", "Børnehuset Myretuen",
    "Vuggestuen Lærkereden", "Børnehuset Kastanjen", "Børnehaven Humlebien", "Børnehuset Møllen",
    "Børnehuset Stjernen", "Vuggestuen Bikuben", "Børnehaven Pilehytten", "Børnehuset Havtornen",
    "Børnehuset Grøftekanten", "Børnehaven Valmuen", "Børnehuset Uglereden", "Vuggestuen Svalen",
    "Børnehuset Æblehaven", "Børnehaven Fyrtårnet", "Børnehuset Kløverbakken", "Børnehuset Bøgely",
    "Børnehaven Sommerfuglen", "Børnehuset Tusindfryd", "Vuggestuen Mariehønen", "Børnehuset Rønnebær",
    "Børnehaven Nøddebo", "Børnehuset Anemonen",
)

# Per district, one of each: (enhedstype, sektor, id prefix, name pattern).
DISTRICT_UNITS = (
    ("dagpleje", "dagtilbud", "DP", "Dagplejen {d}"),
    ("sundhedspleje", "sundhedspleje", "SP", "Sundhedsplejen {d}"),
    ("ppr", "ppr", "PPR", "PPR {d}"),
    ("familie_myndighed", "familie_myndighed", "FM", "Familierådgivningen {d}"),
    ("familie_udfoerer", "familie_udfoerer", "FU", "Familiehuset {d}"),
    ("tidlig_indsats", "familie_udfoerer", "TI", "Tidlig Indsats-teamet {d}"),
)


# --------------------------------------------------------------------------------------------
# Shared trends (knots: decimal year, value)
# --------------------------------------------------------------------------------------------

AGE_GROUPS = domain.AGE_GROUPS
AGE_DRIFT = {"0-5": -0.004, "6-17": 0.003, "18-22": 0.006}   # yearly change per age group
PRICE_GROWTH = 0.02                                          # yearly price and wage growth

# UTM meetings per 1,000 aged 0-17 per year (all meetings, first and follow-up).
UTM_RATE = ((2022.0, 21.0), (2023.0, 24.5), (2024.0, 28.0), (2025.0, 31.0), (2026.0, 33.0), (2027.0, 34.0))
UTM_FIRST_SHARE = 0.70
UTM_FOLLOW_UP_P = 0.43          # share of first meetings that get a follow-up meeting
UTM_DAYCARE_SHARE = 0.35
UTM_OUTCOMES = domain.UTM_OUTCOMES
UTM_OUTCOME_P = (0.33, 0.30, 0.10, 0.22, 0.05)
MONTH_SEASON = np.array([1.05, 1.0, 1.15, 1.0, 1.1, 1.0, 0.25, 0.9, 1.2, 1.0, 1.2, 0.85])
MONTH_SEASON = MONTH_SEASON * 12 / MONTH_SEASON.sum()

ESCALATION_SHARE = 0.05         # children seen at a UTM placed within 12 months

STEP2_TYPES = (  # (indsatstype, weight, monthly cost low, high) at BASE_YEAR prices
    ("Samtaleforløb", 0.28, 3000, 6000),
    ("Familiebehandling", 0.22, 7000, 12000),
    ("Forældrekursus", 0.15, 3000, 6500),
    ("Cool Kids", 0.10, 4000, 8000),
    ("Mentor", 0.13, 5000, 10000),
    ("Gruppeforløb", 0.12, 3000, 7000),
)
STEP3_TYPES = (
    ("Familiebehandling", 0.35, 13000, 25000),
    ("Kontaktperson", 0.30, 8000, 16000),
    ("Aflastning", 0.20, 10000, 22000),
    ("Praktisk støtte", 0.15, 8000, 14000),
)
STEP1_TYPES = (
    ("Åben rådgivning", 0.6, 1500, 3000),
    ("Netværksmøde", 0.4, 1000, 2500),
)
PARAGRAPHS = {  # trin -> (before Barnets lov, from 1 January 2024)
    1: ("SEL § 11, stk. 2", "BL § 30"),
    2: ("SEL § 11, stk. 3", "BL § 30"),
    3: ("SEL § 52, stk. 3, nr. 3", "BL § 32"),
    4: ("SEL § 52, stk. 3, nr. 7", "BL § 46"),
    5: ("SEL § 52, stk. 3, nr. 7", "BL § 46"),
    6: ("SEL § 52, stk. 3, nr. 7", "BL § 46"),
}


@dataclass(frozen=True)
class FlowSpec:
    """Family-department courses of one staircase step, drawn from a target stock."""

    trin: int
    stock: tuple[tuple[float, float], ...]        # (decimal year, active courses per 1,000 aged 0-17)
    duration_years: tuple[float, float]           # uniform duration range
    types: tuple[tuple[str, float, float, float], ...]
    propensity: str                               # DistrictSpec attribute scaling the district
    bevilget_af: str
    planned_months: tuple[int, ...] = ()          # planned length choices; () = no planned end
    other_payer_share: float = 0.0                # share paid by familie_udfoerer
    # Real registers are untidy: some courses are far shorter or longer than the usual range
    # ((share, low years, high years), ...), and some have no planned end although the step has one.
    tails: tuple[tuple[float, float, float], ...] = ()
    unplanned_share: float = 0.0


FLOWS = (
    FlowSpec(1, ((2016.0, 1.2), (2022.0, 1.6), (2027.0, 2.4)), (0.04, 0.30), STEP1_TYPES,
             "support", "familieafdeling", unplanned_share=1.0),
    FlowSpec(2, ((2016.0, 3.8), (2022.0, 4.0), (2027.0, 5.4)), (0.25, 0.67), STEP2_TYPES,
             "support", "familieafdeling", planned_months=(3, 6),
             tails=((0.10, 0.02, 0.10), (0.06, 1.0, 2.5)), unplanned_share=0.15),
    FlowSpec(3, ((2016.0, 17.8), (2022.0, 18.8), (2027.0, 23.2)), (0.5, 2.0), STEP3_TYPES,
             "support", "familieafdeling", planned_months=(6, 12), other_payer_share=0.15,
             tails=((0.05, 0.05, 0.2),), unplanned_share=0.10),
    FlowSpec(4, ((2016.0, 0.40), (2022.0, 0.50), (2027.0, 1.10)), (1.0, 4.0),
             (("Netværkspleje", 1.0, 12000, 18000),), "placement", "visitationsudvalg"),
    FlowSpec(5, ((2016.0, 7.95), (2022.0, 8.10), (2027.0, 8.35)), (1.5, 5.0),
             (("Plejefamilie", 1.0, 30000, 40000),), "placement", "visitationsudvalg"),
    FlowSpec(6, ((2016.0, 4.00), (2019.0, 3.85), (2022.0, 3.62), (2027.0, 2.95)), (1.0, 4.5),
             (("Døgninstitution", 0.6, 85000, 100000), ("Opholdssted", 0.4, 75000, 92000)),
             "placement", "visitationsudvalg"),
)

GOAL_VALUES = np.array(["ja", "delvist", "nej", None], dtype=object)
GOAL_P = (0.48, 0.32, 0.12, 0.08)

# Yearly budgets at BASE_YEAR prices: (sektor, omkostningstype, kr. per driver unit, driver)
# Drivers: pupils (0.86 of 6-17), enrolled (0.80 of 0-5), children (0-17), fixed (per 60.000 inh.).
BUDGET_LINES = (
    ("skole", "loen", 79000, "pupils"),
    ("skole", "drift", 26500, "pupils"),
    ("skole", "overfoersler", 4500, "pupils"),
    ("dagtilbud", "loen", 74000, "enrolled"),
    ("dagtilbud", "drift", 16000, "enrolled"),
    ("dagtilbud", "overfoersler", 5000, "enrolled"),
    ("ppr", "loen", 2000, "children"),
    ("ppr", "drift", 270, "children"),
    ("sundhedspleje", "loen", 930, "children"),
    ("sundhedspleje", "drift", 100, "children"),
    ("familie_myndighed", "loen", 2100, "children"),
    ("familie_myndighed", "drift", 320, "children"),
    ("familie_myndighed", "overfoersler", 800, "children"),
    ("familie_udfoerer", "loen", 2550, "children"),
    ("familie_udfoerer", "drift", 400, "children"),
)
OEKONOMI_SECTORS = ("dagtilbud", "skole", "ppr", "sundhedspleje", "familie_myndighed", "familie_udfoerer")
PROJECT = "Trivsel på Tværs"
PROJECT_FROM_YEAR = 2024
PROJECT_YEARLY = 4_000_000
PROJECT_KEYS = (("skole", 0.4), ("dagtilbud", 0.3), ("familie_udfoerer", 0.3))
DRIFT_SEASON = np.array([1.0, 1.0, 0.85, 1.15])


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

def build_demo_tables(seed: int = DEFAULT_SEED, until: Period | None = None) -> dict[str, pd.DataFrame]:
    """The six contract tables for Demo Kommune from 2022K1 to ``until`` inclusive."""
    if until is None:
        until = periods.last_complete_quarter(date.today())
    from steering_core import investment_demo, results_demo

    tables = build_kommune_tables(DEMO_SPEC, seed=seed, until=until)
    tables["oekonomi"] = investment_demo.with_booked_costs(tables["oekonomi"], until)
    tables["noegletal"] = results_demo.with_results(tables["noegletal"])
    return tables


def build_demo_database(path: str | Path, seed: int = DEFAULT_SEED, until: Period | None = None) -> Path:
    """Write the demo into a fresh DuckDB file at ``path``, replacing it atomically."""
    path = Path(path)
    if until is None:
        until = periods.last_complete_quarter(date.today())
    from steering_core import economy_demo, fit_demo, investment_demo, results_demo

    tables = build_demo_tables(seed=seed, until=until)
    # Budget assumptions (count × price) so the volume/price view has something to split.
    tables["budgetforudsaetninger"] = economy_demo.budget_assumptions(tables["indsats"], until)
    tables["fit_maaling"] = fit_demo.measurements(tables["indsats"], until)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.bygges")
    _remove(temp, Path(f"{temp}.wal"))
    try:
        Store(temp).write_batch(
            tables, user=DEMO_USER, file_name=DEMO_FILE_NAME, kind=DEMO_KIND,
            meta={"demo": "ja", "kommune": DEMO_KOMMUNE, "seed": str(seed),
                  "data_until": until.end.isoformat()})
        economy_demo.save_demo_keys(Store(temp), DEMO_KOMMUNE)
        investment_demo.save_demo_cases(Store(temp), DEMO_KOMMUNE)
        results_demo.save_demo_targets(Store(temp), DEMO_KOMMUNE)
        # A write-ahead log left by the file being replaced would be replayed onto the new one.
        _remove(Path(f"{path}.wal"))
        os.replace(temp, path)
    finally:
        _remove(temp, Path(f"{temp}.wal"))
    return path


def build_kommune_tables(spec: KommuneSpec, *, seed: int, until: Period,
                         first_year: int = FIRST_YEAR) -> dict[str, pd.DataFrame]:
    """All contract tables for one municipality described by ``spec``, from ``first_year``K1 to ``until``."""
    if until.end < date(first_year, 3, 31):
        raise ValueError(t("demo.until_too_early", year=first_year))
    rng = np.random.default_rng(seed)
    world = _World(until, first_year)
    units = _units(spec, rng)
    population = _population(spec, rng, world)
    utm = _utm(spec, rng, world, units, population)
    courses = _courses(spec, rng, world, units, population, utm)
    _assign_children(rng, utm, courses)
    tables = {
        "enhed": _enhed_frame(spec, units),
        "befolkning": _befolkning_frame(spec, world, population),
        "utm": _utm_frame(spec, units, utm),
        "indsats": _indsats_frame(spec, world, courses),
        "oekonomi": _oekonomi_frame(spec, rng, world, population, courses),
        "noegletal": _noegletal_frame(spec, rng, world, population),
    }
    return {name: frame[list(FACT_TABLES[name].columns)].reset_index(drop=True)
            for name, frame in tables.items()}


# --------------------------------------------------------------------------------------------
# Time helpers (days are integers counted from 1970-01-01)
# --------------------------------------------------------------------------------------------

def _day(d: date) -> int:
    return int(np.datetime64(d, "D").astype(np.int64))


def _decimal_year(days: np.ndarray) -> np.ndarray:
    return 1970.0 + days / 365.2425


def _calendar_year(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype="int64").astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970


def _add_months(days: np.ndarray, months: np.ndarray | int) -> np.ndarray:
    """Calendar month arithmetic; the day of month is clipped to the target month's length."""
    d = np.asarray(days, dtype="int64").astype("datetime64[D]")
    first = d.astype("datetime64[M]")
    offset = (d - first.astype("datetime64[D]")).astype(np.int64)
    target = first + np.asarray(months, dtype="int64")
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(np.int64)
    return target.astype("datetime64[D]").astype(np.int64) + np.minimum(offset, length - 1)


def _weekday(days: np.ndarray) -> np.ndarray:
    return (np.asarray(days) + 3) % 7   # Monday = 0; 1970-01-01 was a Thursday


def _to_weekday(days: np.ndarray) -> np.ndarray:
    wd = _weekday(days)
    return days - (wd == 5) + (wd == 6)


def _dates(days: np.ndarray, present: np.ndarray | None = None) -> np.ndarray:
    """Integer days to an object array of datetime.date (None where not present)."""
    days = np.asarray(days, dtype="int64")
    out = np.full(len(days), None, dtype=object)
    mask = np.ones(len(days), bool) if present is None else np.asarray(present, bool)
    out[mask] = pd.to_datetime(days[mask], unit="D").date
    return out


class _World:
    """The calendar the municipality is generated on."""

    def __init__(self, until: Period, first_year: int = FIRST_YEAR):
        self.until = until
        self.first_year = first_year
        self.end = _day(until.end)
        self.first = _day(date(first_year, 1, 1))
        # Course history reaches as far back before the extract as it does for the demo.
        history = date(HISTORY_FROM.year + first_year - FIRST_YEAR, 1, 1)
        self.history = _day(history)
        self.years = np.arange(history.year, until.end.year + 1)
        self.quarters = periods.quarters_between(periods.quarter(first_year, 1), until)
        month_starts = np.arange(np.datetime64(f"{first_year}-01"), np.datetime64(until.end, "M") + 1)
        self.month_start = month_starts.astype("datetime64[D]").astype(np.int64)
        self.month_end = (month_starts + 1).astype("datetime64[D]").astype(np.int64) - 1
        self.month_quarter = np.arange(len(month_starts)) // 3


def _interp(knots, t: np.ndarray) -> np.ndarray:
    xs, ys = zip(*knots)
    return np.interp(t, xs, ys)


def _stratified_events(rng: np.random.Generator, intensity: np.ndarray) -> np.ndarray:
    """Indices of days with events: exactly one event per unit of cumulative intensity."""
    cum = np.concatenate(([0.0], np.cumsum(intensity)))
    n = int(np.floor(cum[-1] + rng.random()))
    u = np.arange(n) + rng.random(n)
    return np.clip(np.searchsorted(cum, u, side="right") - 1, 0, len(intensity) - 1)


def _low_discrepancy(rng: np.random.Generator, n: int) -> np.ndarray:
    """Uniforms on [0, 1) spread evenly along the sequence (golden-ratio steps, random phase).

    Used for durations in start order so that the number of courses running at any time
    stays close to its target instead of wandering with the luck of the draw.
    """
    jitter = rng.normal(0, 0.01, n)
    return (rng.random() + np.arange(n) * 0.6180339887498949 + jitter) % 1.0


def _blocked_categories(rng: np.random.Generator, weights, n: int, block: int = 20) -> np.ndarray:
    """Categories in proportion to ``weights`` within every run of ``block`` consecutive rows."""
    p = np.asarray(weights, dtype=float)
    cum = np.cumsum(p / p.sum())
    block_id = np.arange(n) // block
    order = np.lexsort((rng.random(n), block_id))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - block_id[order] * block
    size = np.minimum(block, n - block_id * block)
    u = (rank + rng.random(n)) / size
    return np.minimum(np.searchsorted(cum, u, side="right"), len(p) - 1)


def _pick(rng: np.random.Generator, weights, n: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


# --------------------------------------------------------------------------------------------
# Organisation and population
# --------------------------------------------------------------------------------------------

def _units(spec: KommuneSpec, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    school_no = daycare_no = 0
    for d_index, district in enumerate(spec.districts):
        for i in range(district.schools):
            rows.append((f"SK-{district.code}-{i + 1:02d}", _pool_name(SCHOOL_NAMES, school_no),
                         "skole", "skole", d_index))
            school_no += 1
        for i in range(district.daycares):
            rows.append((f"DT-{district.code}-{i + 1:02d}", _pool_name(DAYCARE_NAMES, daycare_no),
                         "dagtilbud", "dagtilbud", d_index))
            daycare_no += 1
        for enhedstype, sektor, prefix, pattern in DISTRICT_UNITS:
            rows.append((f"{prefix}-{district.code}", pattern.format(d=district.name), enhedstype, sektor, d_index))
    units = pd.DataFrame(rows, columns=["enhed_id", "enhed_navn", "enhedstype", "sektor", "district"])
    # Relative size, used to spread meetings over schools and daycares.
    units["weight"] = rng.lognormal(0.0, 0.35, len(units))
    return units


def _pool_name(pool: tuple[str, ...], number: int) -> str:
    """Names in order; a large municipality that uses up the pool gets "Nordby Skole 2" and so on."""
    name = pool[number % len(pool)]
    return name if number < len(pool) else f"{name} {number // len(pool) + 1}"


def _population(spec: KommuneSpec, rng: np.random.Generator, world: _World) -> np.ndarray:
    """Residents as an array [district, age group, year index] over ``world.years``."""
    base = np.array([spec.children_0_5, spec.children_6_17, spec.young_18_22], dtype=float)
    shares = np.array([d.share for d in spec.districts])
    growth = np.array([d.growth for d in spec.districts])
    drift = np.array([AGE_DRIFT[g] for g in AGE_GROUPS])
    t = world.years - BASE_YEAR
    factor = (1 + growth[:, None, None] + drift[None, :, None]) ** t[None, None, :]
    noise = 1 + rng.normal(0, 0.004, (len(shares), len(base), len(t)))
    return np.round(base[None, :, None] * shares[:, None, None] * factor * noise)


def _children_0_17(world: _World, population: np.ndarray, days: np.ndarray) -> np.ndarray:
    """Residents aged 0-17 per district on each day: array [district, day]."""
    index = np.clip(_calendar_year(days) - world.years[0], 0, len(world.years) - 1)
    return population[:, 0, :][:, index] + population[:, 1, :][:, index]


# --------------------------------------------------------------------------------------------
# UTM meetings
# --------------------------------------------------------------------------------------------

def _utm(spec: KommuneSpec, rng: np.random.Generator, world: _World, units: pd.DataFrame,
         population: np.ndarray) -> dict[str, np.ndarray]:
    days = np.arange(world.first, world.end + 1)
    month = days.astype("datetime64[D]").astype("datetime64[M]").astype(int) % 12
    weekday = np.where(_weekday(days) < 5, 7 / 5, 0.0)
    per_day = (_interp(UTM_RATE, _decimal_year(days)) / 1000 / 365.25 * MONTH_SEASON[month] * weekday
               * UTM_FIRST_SHARE)
    children = _children_0_17(world, population, days)

    day_parts, district_parts = [], []
    for d_index, district in enumerate(spec.districts):
        hits = _stratified_events(rng, per_day * children[d_index] * district.utm)
        day_parts.append(days[hits])
        district_parts.append(np.full(len(hits), d_index))
    first_day = np.concatenate(day_parts)
    district = np.concatenate(district_parts)
    n = len(first_day)

    # The school or daycare holding the meeting, and the child's age there.
    daycare = rng.random(n) < UTM_DAYCARE_SHARE
    unit = np.zeros(n, dtype=int)
    for d_index in range(len(spec.districts)):
        for is_daycare, kind in ((True, "dagtilbud"), (False, "skole")):
            mask = (district == d_index) & (daycare == is_daycare)
            candidates = units.index[(units["district"] == d_index) & (units["enhedstype"] == kind)].to_numpy()
            unit[mask] = candidates[_pick(rng, units.loc[candidates, "weight"], int(mask.sum()))]
    age = np.where(daycare,
                   _pick(rng, [0.05, 0.12, 0.18, 0.21, 0.22, 0.22], n),
                   6 + _pick(rng, [8, 9, 10, 10, 10, 10, 10, 9, 9, 8, 7], n))
    since_birthday = rng.integers(0, 365, n)
    gender = np.array(["pige", "dreng", "andet", None], dtype=object)[_pick(rng, [0.45, 0.533, 0.005, 0.012], n)]

    # Follow-up meetings: same child and unit, one to five months later.
    follow = rng.random(n) < UTM_FOLLOW_UP_P
    source = np.flatnonzero(follow)
    follow_day = _to_weekday(first_day[source] + rng.integers(28, 150, len(source)))
    keep = follow_day <= world.end
    source, follow_day = source[keep], follow_day[keep]

    child = np.concatenate([np.arange(n), source])
    meeting_day = np.concatenate([first_day, follow_day])
    total = len(meeting_day)
    order = np.lexsort((child, meeting_day))
    child, meeting_day = child[order], meeting_day[order]
    is_first = np.concatenate([np.ones(n, bool), np.zeros(len(source), bool)])[order]
    gap = meeting_day - first_day[child]
    request_blank = rng.random(total) < 0.08
    return {
        "n_children": n,
        "child": child,
        "child_district": district,
        "child_first_day": first_day,
        "day": meeting_day,
        "request_day": meeting_day - rng.integers(5, 41, total),
        "request_present": ~request_blank,
        "unit": unit[child],
        "district": district[child],
        "daycare": daycare[child],
        # A birthday between the meetings counts, within the ages each kind of unit serves.
        "age": np.minimum(age[child] + (since_birthday[child] + gap) // 365, np.where(daycare[child], 5, 16)),
        "gender": gender[child],
        "first": is_first,
        "outcome": _blocked_categories(rng, UTM_OUTCOME_P, total),
        "advisor": np.array([True, False, None], dtype=object)[_pick(rng, [0.88, 0.10, 0.02], total)],
    }


# --------------------------------------------------------------------------------------------
# Interventions
# --------------------------------------------------------------------------------------------

def _price_index(days: np.ndarray) -> np.ndarray:
    return (1 + PRICE_GROWTH) ** (_calendar_year(days) - BASE_YEAR)


def _draw_types(rng: np.random.Generator, types, n: int, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    kind = _pick(rng, [t[1] for t in types], n)
    low = np.array([t[2] for t in types], dtype=float)[kind]
    high = np.array([t[3] for t in types], dtype=float)[kind]
    cost = np.round((low + (high - low) * rng.random(n)) * _price_index(start) / 10) * 10
    names = np.array([t[0] for t in types], dtype=object)[kind]
    return names, cost


def _courses(spec: KommuneSpec, rng: np.random.Generator, world: _World, units: pd.DataFrame,
             population: np.ndarray, utm: dict[str, np.ndarray]) -> pd.DataFrame:
    parts = [_utm_courses(rng, world, units, utm)]
    for flow in FLOWS:
        parts.append(_flow_courses(spec, rng, world, population, flow))
    courses = pd.concat(parts, ignore_index=True)
    _escalate(rng, world, utm, courses)
    # Goal attainment is recorded for ended preventive and home-based courses.
    n = len(courses)
    scored = (courses["trin"].to_numpy() <= 3) & (courses["end"].to_numpy() <= world.end)
    courses["goal"] = np.where(scored, GOAL_VALUES[_pick(rng, GOAL_P, n)], None)
    return courses


def _utm_courses(rng: np.random.Generator, world: _World, units: pd.DataFrame,
                 utm: dict[str, np.ndarray]) -> pd.DataFrame:
    """Every UTM meeting ending in § 11 / BL § 30 gives a course granted by the leader."""
    meeting = np.flatnonzero(utm["outcome"] == 0)
    n = len(meeting)
    start = np.minimum(utm["day"][meeting] + rng.integers(0, 22, n), world.end)
    planned = _add_months(start, 3)
    extended = rng.random(n) < 0.30
    early = rng.random(n) < 0.15
    offset = np.where(early, rng.integers(-50, -14, n), rng.integers(-14, 19, n))
    long_days = np.round((4 + 5 * rng.random(n)) * 30.44).astype(np.int64)
    end = np.where(extended, start + long_days, planned + offset)
    # Untidy like a real register: a few stop within weeks, a few run on for well over a year,
    # and some were registered without a planned end.
    variety = rng.random(n)
    end = np.where(variety < 0.06, start + rng.integers(7, 31, n), end)
    long_tail = variety > 0.96
    end = np.where(long_tail, start + rng.integers(365, 640, n), end)
    extended = (extended & (variety >= 0.06)) | long_tail
    has_planned = rng.random(n) >= 0.10
    names, cost = _draw_types(rng, STEP2_TYPES, n, start)
    daycare = utm["daycare"][meeting]
    unit_sector = np.where(daycare, "dagtilbud", "skole")
    pays_self = rng.random(n) < 0.15
    return pd.DataFrame({
        "trin": 2,
        "district": utm["district"][meeting],
        "child": utm["child"][meeting],
        "start": start,
        "end": end,
        "planned": planned,
        "has_planned": has_planned,
        "extended": np.where(has_planned, extended, None).astype(object),
        "indsatstype": names,
        "cost": cost,
        "bevilget_af": np.where(daycare, "dagtilbudsleder", "skoleleder"),
        "granting_unit": units["enhed_id"].to_numpy()[utm["unit"][meeting]],
        "provider": np.where(rng.random(n) < 0.6, "TI", "FU"),
        "payer": np.where(pays_self, unit_sector, "familie_myndighed"),
        "meeting": meeting,
    })


def _flow_courses(spec: KommuneSpec, rng: np.random.Generator, world: _World, population: np.ndarray,
                  flow: FlowSpec) -> pd.DataFrame:
    days = np.arange(world.history, world.end + 1)
    low, high = flow.duration_years
    mean = (low + high) / 2
    lag = (low * low + low * high + high * high) / 3 / (2 * mean)
    # Starts per day per 1,000 aged 0-17 giving the target stock (see the module docstring).
    per_day = _interp(flow.stock, _decimal_year(days) + lag) / 1000 / (mean * 365.25)
    children = _children_0_17(world, population, days)
    # One stream for the whole municipality keeps its stock on target; districts are then
    # drawn in proportion to their children and propensity.
    weights = children * np.array([getattr(d, flow.propensity) for d in spec.districts])[:, None]
    total = weights.sum(axis=0)
    hits = _stratified_events(rng, per_day * total)
    start = days[hits]
    n = len(start)
    cum = np.cumsum(weights[:, hits] / total[hits], axis=0)
    district = np.minimum((rng.random(n)[None, :] > cum).sum(axis=0), len(spec.districts) - 1)
    years = low + (high - low) * _low_discrepancy(rng, n)
    tail = rng.random(n)
    edge = 0.0
    for share, tail_low, tail_high in flow.tails:
        chosen = (tail >= edge) & (tail < edge + share)
        years = np.where(chosen, tail_low + (tail_high - tail_low) * rng.random(n), years)
        edge += share
    duration = np.maximum(np.round(years * 365.25), 1).astype(np.int64)
    end = start + duration
    names, cost = _draw_types(rng, flow.types, n, start)
    has_planned = rng.random(n) >= flow.unplanned_share
    if flow.planned_months:
        planned = _add_months(start, np.array(flow.planned_months)[rng.integers(0, len(flow.planned_months), n)])
        extended = np.where(has_planned, np.minimum(end, world.end) > planned + 14, None).astype(object)
    else:
        has_planned[:] = False
        planned = np.zeros(n, dtype=np.int64)
        extended = np.full(n, None, dtype=object)
    if flow.trin == 2:
        provider = np.where(rng.random(n) < 0.7, "FU", "TI")
    elif flow.trin == 3:
        provider = np.where(np.isin(names, ["Familiebehandling", "Kontaktperson"]), "FU", "")
    else:
        provider = np.full(n, "")
    payer = np.where(rng.random(n) < flow.other_payer_share, "familie_udfoerer", "familie_myndighed")
    courses = pd.DataFrame({
        "trin": flow.trin,
        "district": district,
        "child": -1,
        "start": start,
        "end": end,
        "planned": planned,
        "has_planned": has_planned,
        "extended": extended,
        "indsatstype": names,
        "cost": cost,
        "bevilget_af": flow.bevilget_af,
        "granting_unit": "FM",
        "provider": provider,
        "payer": payer,
        "meeting": -1,
    })
    # Only courses still running when the extract begins belong to it.
    return courses[courses["end"] >= world.first]


def _escalate(rng: np.random.Generator, world: _World, utm: dict[str, np.ndarray], courses: pd.DataFrame) -> None:
    """Hand some placements to children seen at a UTM 2 weeks to 12 months earlier."""
    first_day, first_district = utm["child_first_day"], utm["child_district"]
    if len(first_day) == 0:
        return
    span = 10_000_000
    key = first_district * span + first_day
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    placement = np.flatnonzero((courses["trin"].to_numpy() >= 4) & (courses["start"].to_numpy() > world.first + 14))
    start = courses["start"].to_numpy()[placement]
    district = courses["district"].to_numpy()[placement]
    low = np.searchsorted(sorted_key, district * span + start - 365, side="left")
    high = np.searchsorted(sorted_key, district * span + start - 14, side="right")
    candidates = high - low
    # Placements per year in each district, to turn the wanted share of children into a probability.
    years = max((world.end - world.first) / 365.25, 0.25)
    per_year = np.bincount(district, minlength=int(first_district.max(initial=0)) + 1) / years
    p = np.clip(ESCALATION_SHARE * candidates / np.maximum(per_year[district], 1e-9), 0, 0.8)
    chosen = (rng.random(len(placement)) < p) & (candidates > 0)
    pick = low + np.floor(rng.random(len(placement)) * np.maximum(candidates, 1)).astype(np.int64)
    chosen_rows, chosen_child = placement[chosen], order[np.minimum(pick, len(order) - 1)][chosen]
    _, unique = np.unique(chosen_child, return_index=True)
    courses.loc[courses.index[chosen_rows[unique]], "child"] = chosen_child[unique]


def _assign_children(rng: np.random.Generator, utm: dict[str, np.ndarray], courses: pd.DataFrame) -> None:
    """Pseudonymous keys "B-" + six digits: never anything like a CPR number."""
    unassigned = courses["child"].to_numpy() < 0
    total = utm["n_children"] + int(unassigned.sum())
    numbers = rng.choice(999_999, size=total, replace=False) + 1
    keys = np.char.add("B-", np.char.zfill(numbers.astype(str), 6)).astype(object)
    utm["barn_id"] = keys[utm["child"]]
    child = courses["child"].to_numpy().copy()
    child[unassigned] = utm["n_children"] + np.arange(int(unassigned.sum()))
    courses["barn_id"] = keys[child]


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

def _enhed_frame(spec: KommuneSpec, units: pd.DataFrame) -> pd.DataFrame:
    names = np.array([d.name for d in spec.districts], dtype=object)
    return pd.DataFrame({
        "kommune": spec.name,
        "enhed_id": units["enhed_id"],
        "enhed_navn": units["enhed_navn"],
        "enhedstype": units["enhedstype"],
        "distrikt": names[units["district"].to_numpy()],
        "sektor": units["sektor"],
    })


def _befolkning_frame(spec: KommuneSpec, world: _World, population: np.ndarray) -> pd.DataFrame:
    keep = world.years >= world.first_year
    d, g, y = np.meshgrid(np.arange(len(spec.districts)), np.arange(len(AGE_GROUPS)),
                          np.flatnonzero(keep), indexing="ij")
    return pd.DataFrame({
        "kommune": spec.name,
        "distrikt": np.array([x.name for x in spec.districts], dtype=object)[d.ravel()],
        "aar": world.years[y.ravel()].astype(int),
        "aldersgruppe": np.array(AGE_GROUPS, dtype=object)[g.ravel()],
        "antal": population[d.ravel(), g.ravel(), y.ravel()].astype(int),
    })


def _utm_frame(spec: KommuneSpec, units: pd.DataFrame, utm: dict[str, np.ndarray]) -> pd.DataFrame:
    n = len(utm["day"])
    return pd.DataFrame({
        "kommune": spec.name,
        "moede_id": np.char.add("UTM-", np.char.zfill(np.arange(1, n + 1).astype(str), 6)).astype(object),
        "moededato": _dates(utm["day"]),
        "henvendelsesdato": _dates(utm["request_day"], utm["request_present"]),
        "enhed_id": units["enhed_id"].to_numpy()[utm["unit"]],
        "barn_id": utm["barn_id"],
        "alder": utm["age"].astype(int),
        "koen": utm["gender"],
        "moedetype": np.where(utm["first"], "foerste", "opfoelgning").astype(object),
        "udfald": np.array(UTM_OUTCOMES, dtype=object)[utm["outcome"]],
        "raadgiver_deltog": utm["advisor"],
    })


def _indsats_frame(spec: KommuneSpec, world: _World, courses: pd.DataFrame) -> pd.DataFrame:
    courses = courses.sort_values(["start", "trin", "district", "barn_id"], kind="stable").reset_index(drop=True)
    n = len(courses)
    codes = np.array([d.code for d in spec.districts], dtype=object)
    names = np.array([d.name for d in spec.districts], dtype=object)
    district = courses["district"].to_numpy()
    start = courses["start"].to_numpy()
    end = courses["end"].to_numpy()
    planned = courses["planned"].to_numpy()
    trin = courses["trin"].to_numpy()
    ended = end <= world.end

    before = np.array([PARAGRAPHS[t][0] for t in range(1, 7)], dtype=object)[trin - 1]
    after = np.array([PARAGRAPHS[t][1] for t in range(1, 7)], dtype=object)[trin - 1]
    paragraf = np.where(start < _day(domain.BARNETS_LOV_FROM), before, after)
    family_of = {p: domain.intervention_family(p) for p in set(paragraf)}

    granting = courses["granting_unit"].to_numpy().astype(object)
    granting = np.where(granting == "FM", "FM-" + codes[district], granting)
    provider = courses["provider"].to_numpy().astype(object)
    provider = np.where(provider == "", None, provider + "-" + codes[district])

    meeting = courses["meeting"].to_numpy()
    return pd.DataFrame({
        "kommune": spec.name,
        "indsats_id": np.char.add("IND-", np.char.zfill(np.arange(1, n + 1).astype(str), 6)).astype(object),
        "barn_id": courses["barn_id"].to_numpy(),
        "paragraf": paragraf,
        "familie": pd.Series(paragraf).map(family_of).to_numpy(dtype=object),
        "indsatstype": courses["indsatstype"].to_numpy(),
        "trin": trin.astype(int),
        "bevilget_af": courses["bevilget_af"].to_numpy(dtype=object),
        "bevilgende_enhed_id": granting,
        "udfoerende_enhed_id": provider,
        "betalende_sektor": courses["payer"].to_numpy(dtype=object),
        "distrikt": names[district],
        "startdato": _dates(start),
        # A plan may reach past the data cut-off; only what happened is bounded by it.
        "planlagt_slutdato": _dates(planned, courses["has_planned"].to_numpy(bool)),
        "slutdato": _dates(end, ended),
        "forlaenget": courses["extended"].to_numpy(dtype=object),
        "maanedlig_udgift": courses["cost"].to_numpy(float).round(2),
        "utm_moede_id": np.where(meeting >= 0, "UTM-" + np.char.zfill((meeting + 1).astype(str), 6), None)
        .astype(object),
        "maal_opfyldt": courses["goal"].to_numpy(dtype=object),
    })


def monthly_course_cost(start: np.ndarray, end: np.ndarray, monthly: np.ndarray,
                        month_start: np.ndarray, month_end: np.ndarray) -> np.ndarray:
    """Cost of each course in each month: monthly rate x days running / days in the month.

    All dates are integer days; ``end`` is inclusive (use the extract's last day for open
    courses). Returns an array [course, month].
    """
    low = np.maximum(np.asarray(start)[:, None], month_start[None, :])
    high = np.minimum(np.asarray(end)[:, None], month_end[None, :])
    running = np.clip(high - low + 1, 0, None)
    return np.asarray(monthly, dtype=float)[:, None] * running / (month_end - month_start + 1)[None, :]


def _quarter_columns(world: _World) -> dict[str, np.ndarray]:
    return {
        "periode": np.array([q.label for q in world.quarters], dtype=object),
        "periode_start": np.array([q.start for q in world.quarters], dtype=object),
        "periode_slut": np.array([q.end for q in world.quarters], dtype=object),
    }


def _oekonomi_frame(spec: KommuneSpec, rng: np.random.Generator, world: _World, population: np.ndarray,
                    courses: pd.DataFrame) -> pd.DataFrame:
    quarters = _quarter_columns(world)
    n_q = len(world.quarters)
    q_year = np.array([q.start.year for q in world.quarters])
    q_number = np.array([(q.start.month - 1) // 3 for q in world.quarters])
    y_index = q_year - world.years[0]
    total = population.sum(axis=0)                       # [age group, year]
    drivers = {
        "pupils": 0.86 * total[1, y_index],
        "enrolled": 0.80 * total[0, y_index],
        "children": total[0, y_index] + total[1, y_index],
    }
    price = (1 + PRICE_GROWTH) ** (q_year - BASE_YEAR)
    frames = []

    def add(sektor: str, kind: str, budget: np.ndarray, forbrug: np.ndarray, projekt: str = "",
            rows: np.ndarray | None = None) -> None:
        rows = np.arange(n_q) if rows is None else rows
        frames.append(pd.DataFrame({
            "periode": quarters["periode"][rows], "periode_start": quarters["periode_start"][rows],
            "periode_slut": quarters["periode_slut"][rows], "sektor": sektor, "omkostningstype": kind,
            "projekt": projekt, "budget": np.round(budget), "forbrug": np.round(forbrug)}))

    def noise(n: int, sd: float = 0.02) -> np.ndarray:
        return np.clip(rng.normal(0, sd, n), -0.045, 0.045)

    for sektor, kind, rate, driver in BUDGET_LINES:
        season = DRIFT_SEASON[q_number] if kind == "drift" else 1.0
        budget = rate * drivers[driver] * price / 4 * season
        add(sektor, kind, budget, budget * (1 + noise(n_q)))

    # Interventions: booked spend follows the courses each sector pays for.
    cost = monthly_course_cost(courses["start"].to_numpy(), np.minimum(courses["end"].to_numpy(), world.end),
                               courses["cost"].to_numpy(), world.month_start, world.month_end)
    payer = courses["payer"].to_numpy()
    for sektor in ("skole", "dagtilbud", "familie_myndighed", "familie_udfoerer"):
        per_month = cost[payer == sektor].sum(axis=0)
        # Booked spend is not the registered cost: invoices arrive late, some payments are never
        # registered as courses, refunds come in; by year several percent apart, by quarter more.
        registered = np.bincount(world.month_quarter, weights=per_month, minlength=n_q)
        by_year = rng.uniform(0.94, 1.08, len(world.years))[y_index]
        spent = registered * by_year * (1 + rng.uniform(-0.03, 0.03, n_q))
        if sektor == "familie_myndighed":
            budget = spent / (1 + rng.uniform(0.02, 0.08, n_q))    # the usual pressure on placements
        else:
            budget = spent / (1 + noise(n_q, 0.03))
        add(sektor, "indsatser", budget, spent)

    # A cross-sector project financed by a distribution key.
    rows = np.flatnonzero(q_year >= PROJECT_FROM_YEAR)
    for sektor, key in PROJECT_KEYS:
        budget = PROJECT_YEARLY * key / 4 * price[rows]
        add(sektor, "loen", budget, budget * (1 + noise(len(rows), 0.03)), PROJECT, rows)

    frame = pd.concat(frames, ignore_index=True)
    frame["kommune"] = spec.name
    frame["budget"] = frame["budget"].astype(float)
    frame["forbrug"] = frame["forbrug"].astype(float)
    order = {s: i for i, s in enumerate(OEKONOMI_SECTORS)}
    frame["_s"] = frame["sektor"].map(order)
    return frame.sort_values(["periode", "_s", "omkostningstype", "projekt"], kind="stable")


NOTIFICATION_RATE = ((2022.0, 106.0), (2026.0, 122.0))     # per 1,000 aged 0-17 per year
ABSENCE_SEASON = np.array([0.9, -0.2, -0.6, 0.3])


def _noegletal_frame(spec: KommuneSpec, rng: np.random.Generator, world: _World,
                     population: np.ndarray) -> pd.DataFrame:
    quarters = _quarter_columns(world)
    n_q, n_d = len(world.quarters), len(spec.districts)
    q_year = np.array([q.start.year for q in world.quarters])
    q_mid = np.array([_day(q.start) + 45 for q in world.quarters])
    q_number = np.array([(q.start.month - 1) // 3 for q in world.quarters])
    y_index = q_year - world.years[0]
    pop = population[:, :, y_index]                           # [district, age group, quarter]
    children = pop[:, 0] + pop[:, 1]
    notif = np.array([d.notifications for d in spec.districts])[:, None]
    absence = np.array([d.absence for d in spec.districts])[:, None]

    expected = _interp(NOTIFICATION_RATE, _decimal_year(q_mid))[None, :] * notif * children / 1000 / 4
    notifications = rng.poisson(expected)
    repeats = rng.binomial(notifications, 0.35)
    absence_pct = np.round(7.3 + absence + ABSENCE_SEASON[q_number][None, :] + rng.normal(0, 0.2, (n_d, n_q)), 1)
    pupils = np.round(0.86 * pop[:, 1])
    red = np.round(4.0 + 1.5 * (notif - 1) * 10 + rng.normal(0, 0.4, (n_d, n_q)), 1)
    yellow = np.round(13.0 + 2.0 * (notif - 1) * 10 + rng.normal(0, 0.8, (n_d, n_q)), 1)
    green = np.round(100 - red - yellow, 1)
    assessed = np.round(pop[:, 0] * rng.uniform(0.42, 0.50, (n_d, n_q)))
    caseworkers = np.maximum(np.round(children / 420), 1)   # a small district still has one caseworker
    caseload = np.round(children * (0.055 * notif) / caseworkers + rng.normal(0, 0.8, (n_d, n_q)), 1)

    figures = (
        ("underretninger", notifications, None),
        ("genunderretninger", repeats, None),
        ("fravaer_pct", absence_pct, pupils),
        ("trivsel_groen", green, assessed),
        ("trivsel_gul", yellow, assessed),
        ("trivsel_roed", red, assessed),
        ("sager_pr_raadgiver", caseload, caseworkers),
    )
    names = np.array([d.name for d in spec.districts], dtype=object)
    d_index, q_index = np.meshgrid(np.arange(n_d), np.arange(n_q), indexing="ij")
    d_index, q_index = d_index.ravel(), q_index.ravel()
    frames = []
    for name, value, antal in figures:
        frames.append(pd.DataFrame({
            "periode": quarters["periode"][q_index], "periode_start": quarters["periode_start"][q_index],
            "periode_slut": quarters["periode_slut"][q_index], "distrikt": names[d_index], "enhed_id": "",
            "noegletal": name, "vaerdi": np.asarray(value, dtype=float).ravel(),
            "antal": pd.array(None if antal is None else antal.ravel().astype(np.int64), dtype="Int64")
            if antal is not None else pd.array([None] * len(d_index), dtype="Int64"),
        }))
    frame = pd.concat(frames, ignore_index=True)
    frame["kommune"] = spec.name
    return frame.sort_values(["periode", "distrikt", "noegletal"], kind="stable")


def _remove(*paths: Path) -> None:
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
