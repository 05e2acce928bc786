"""What a reference row may hold: a catalogue indicator's value, a count a rate is derived from, or a
background figure (size, expenditure need). Declared once; the key-figure sheet, the Statbank mapping
and the comparison view all read it from here."""
from __future__ import annotations

from dataclasses import dataclass

from steering_core import catalogue

# Catalogue indicators that mean the same in every municipality (a rate, a share, kroner per resident):
# counts and kroner depend on the municipality's size and are not compared.
COMPARABLE_UNITS = ("pct", "pr_1000", "kr_pr_indbygger", "dage")
COMPARABLE = tuple(i.id for i in catalogue.INDICATORS if i.unit in COMPARABLE_UNITS)
PERCENT = tuple(i.id for i in catalogue.INDICATORS if i.unit == "pct")


@dataclass(frozen=True)
class Derived:
    """A rate computed from two reference fields of the same municipality and year."""
    numerator: str
    denominator: str
    scale: float


# Rates computed from counts: the numerator is a count of children (or notifications) and the
# denominator the population aged 0-17 of the same municipality and year. The Statbank tables
# (``statbank.TABLES``) and the key-figure sheet deliver these counts.
DERIVED = {
    "notifications_per_1000": Derived("underretninger", "befolkning_0_17", 1000.0),
    "preventive_per_1000": Derived("boern_forebyggende", "befolkning_0_17", 1000.0),
    "placements_per_1000": Derived("anbragte", "befolkning_0_17", 1000.0),
    "placements_step4_per_1000": Derived("anbragte_netvaerkspleje", "befolkning_0_17", 1000.0),
    "placements_step5_per_1000": Derived("anbragte_plejefamilie", "befolkning_0_17", 1000.0),
    "placements_step6_per_1000": Derived("anbragte_doegninstitution", "befolkning_0_17", 1000.0),
}
# Counts of children or records: a value under the minimum cell size is hidden, and so is every rate
# resting on it (the population is public and is not).
PROTECTED_COUNTS = tuple(dict.fromkeys(d.numerator for d in DERIVED.values()))
COUNTS = (*PROTECTED_COUNTS, *dict.fromkeys(d.denominator for d in DERIVED.values()))
BACKGROUND = ("indbyggere", "udgiftsbehovsindeks", "udgift_saerlige_behov_pr_0_22")
FIELDS = (*COMPARABLE, *COUNTS, *BACKGROUND)


def is_known(field: str) -> bool:
    return field in FIELDS
