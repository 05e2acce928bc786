"""Small municipalities for the attacker, generated with hypothesis and stored through the real upload.

Few units, few children, counts near the minimum cell size: the places where a hidden cell is a
school where everyone knows who the children are. Every course has a granting unit, so a unit
breakdown is complete (the attacker knows this from the data contract of his own municipality).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from steering_core.store import Store
from tests import samples
from steering_core.upload.importer import commit, prepare

QUARTERS = ("2025K1", "2025K2", "2025K3", "2025K4", "2026K1")
QUARTER_STARTS = (date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1), date(2026, 1, 1))
DISTRICTS = ("Nord", "Syd")
# (paragraf, indsatstype, step): preventive § 11 / BL § 30 courses, support and a placement.
KINDS = (("BL § 30", "Familiebehandling", 2), ("BL § 30", "Samtaleforløb", 2), ("BL § 30", "Forældrekursus", 2),
         ("BL § 32", "Kontaktperson", 3), ("BL § 46", "Plejefamilie", 5))
RATES = (4_000.0, 9_500.0, 21_000.0, 48_000.0)


@dataclass(frozen=True)
class CourseSpec:
    unit: int          # index into the municipality's units
    quarter: int
    day: int
    kind: int
    days: int          # planned length
    over: int          # days beyond the planned end it runs (0: ended on time; it may still run)
    ended: bool
    rate: int
    goal: int
    paying: int
    granted: int


@dataclass(frozen=True)
class MunicipalitySpec:
    units_per_district: tuple[int, ...]
    meetings: tuple[tuple[int, int], ...]    # (unit index, quarter) per meeting
    children_per_unit: tuple[int, ...]        # meetings at a unit are about this many children
    courses: tuple[CourseSpec, ...]

    def unit_rows(self) -> list[list[object]]:
        rows = []
        for d, count in enumerate(self.units_per_district):
            district = DISTRICTS[d]
            for n in range(count):
                kind = ("skole", "dagtilbud")[n % 2]
                rows.append([f"{district[0]}{kind[0].upper()}{n}", f"{kind.title()} {district} {n}", kind, district,
                             kind])
        return rows


@st.composite
def municipalities(draw) -> MunicipalitySpec:
    units_per_district = tuple(draw(st.lists(st.integers(2, 3), min_size=2, max_size=2)))
    n_units = sum(units_per_district)
    # Meetings per unit and quarter near the threshold: 0-8.
    counts = draw(st.lists(st.integers(0, 8), min_size=n_units * len(QUARTERS), max_size=n_units * len(QUARTERS)))
    meetings = tuple((i // len(QUARTERS), i % len(QUARTERS)) for i, c in enumerate(counts) for _ in range(c))
    children = tuple(draw(st.lists(st.integers(1, 8), min_size=n_units, max_size=n_units)))
    course = st.builds(
        CourseSpec, unit=st.integers(0, n_units - 1), quarter=st.integers(0, len(QUARTERS) - 2),
        day=st.integers(0, 85), kind=st.integers(0, len(KINDS) - 1), days=st.integers(30, 200),
        over=st.integers(0, 70), ended=st.booleans(), rate=st.integers(0, len(RATES) - 1),
        goal=st.integers(0, 3), paying=st.integers(0, 2), granted=st.integers(0, 1))
    courses = tuple(draw(st.lists(course, min_size=8, max_size=40)))
    return MunicipalitySpec(units_per_district, meetings, children, courses)


def workbook(spec: MunicipalitySpec) -> bytes:
    units = spec.unit_rows()
    utm = []
    for n, (u, q) in enumerate(spec.meetings):
        unit_id = units[u][0]
        day = QUARTER_STARTS[q] + timedelta(days=(n * 7) % 88)
        child = f"B{u:02d}{n % spec.children_per_unit[u]:03d}"
        utm.append([f"M{n:05d}", day, day - timedelta(days=5 + n % 20), unit_id, child, 4 + n % 12,
                    ("pige", "dreng")[n % 2], ("foerste", "opfoelgning")[n % 2],
                    ("paragraf11", "almen_indsats", "ingen", "paragraf11")[n % 4], ("ja", "nej", "ja")[n % 3]])
    indsatser = []
    for n, c in enumerate(spec.courses):
        unit_id, district, kind = units[c.unit][0], units[c.unit][3], units[c.unit][2]
        paragraf, intervention, step = KINDS[c.kind]
        start = QUARTER_STARTS[c.quarter] + timedelta(days=c.day)
        planned = start + timedelta(days=c.days)
        end = planned + timedelta(days=c.over) if c.ended else None
        granted = ("skoleleder" if kind == "skole" else "dagtilbudsleder", "familieafdeling")[c.granted] \
            if step == 2 else "familieafdeling"
        paying = ("familie_myndighed", kind, "familie_udfoerer")[c.paying]
        goal = ("ja", "delvist", "nej", None)[c.goal] if c.ended else None
        indsatser.append([f"I{n:05d}", f"C{n:04d}", paragraf, intervention, step, granted, unit_id, None, paying,
                          district, start, planned, end, None, RATES[c.rate], None, goal])
    oekonomi = [[q, sector, "indsatser", "", 250_000.0, 240_000.0 + 1_000 * i]
                for i, q in enumerate(QUARTERS) for sector in ("familie_myndighed", "skole", "dagtilbud")]
    befolkning = [[d, year, group, n] for d in DISTRICTS for year in (2025, 2026)
                  for group, n in (("0-5", 800), ("6-17", 1700), ("18-22", 600))]
    return samples.workbook_bytes({
        "Enheder": [samples.UNIT_HEADERS, *units],
        "Befolkning": [samples.BEFOLKNING_HEADERS, *befolkning],
        "UTM": [samples.UTM_HEADERS, *utm],
        "Indsatser": [samples.INDSATS_HEADERS, *indsatser],
        "Oekonomi": [samples.OEKONOMI_HEADERS, *oekonomi],
    })


def upload(spec: MunicipalitySpec, path) -> Store:
    """The municipality stored the way a user stores it: through the upload's prepare and commit."""
    store = Store(path)
    prepared = prepare([("kvartal.xlsx", workbook(spec))], store=store, kommune="Lilleby")
    assert prepared.ok, [str(p) for p in prepared.errors]
    result = commit(prepared, store=store, user="angriber")
    assert result.stored, result.message
    return store


def draw_specs(count: int) -> list[MunicipalitySpec]:
    """``count`` municipalities from the strategy, the same ones every run (derandomised)."""
    drawn: list[MunicipalitySpec] = []

    @settings(max_examples=count, deadline=None, derandomize=True, database=None, phases=[Phase.generate])
    @given(municipalities())
    def collect(spec):
        drawn.append(spec)

    collect()
    return drawn[:count]
