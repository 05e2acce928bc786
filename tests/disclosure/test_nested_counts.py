"""Figures that count nested sets of the same children: every FIT course (the ORS change) and those with a
published cut-off for the child's age (the share above the cut-off); the children discussed at a UTM and
those of them with a § 11 outcome. Two shown counts of nested sets give the children between them (under 6
or without an age; discussed without a § 11 outcome) by subtraction, so that difference is protected like
a share's complement (``Indicator.within``): 1 to k - 1 of them is a hidden count the attacker must not
get. (A gap in registration, such as courses without an SRS, is not a fact about children: not protected.)"""
from datetime import date

import pytest

from steering_core import config
from steering_core.engine import Filters, Request
from steering_core.views import fit as view
from tests import samples
from tests.builders import course_row, uploaded

START, FIRST, LATEST = date(2025, 1, 6), date(2025, 2, 3), date(2025, 5, 5)
# (course, age, with an SRS): seven courses in unit S1 (district Nord), one of a four-year-old (no
# published cut-off) and one without any SRS. Every course improved reliably and ends above its cut-off.
COURSES = [(f"C{n}", 10, True) for n in range(5)] + [("C5", 4, True), ("C6", 10, False)]
NESTED = {"fit_above_cutoff_share": "cut-off known"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    fits = []
    for course, age, srs in COURSES:
        fits += [[course, FIRST, 20, 30 if srs else None, age], [course, LATEST, 35, 36 if srs else None, age]]
    courses = [course_row(course, START, enhed_id="S1", distrikt="Nord") for course, _, _ in COURSES]
    return uploaded(tmp_path_factory.mktemp("fit_subsets") / "f.duckdb",
                    {"Enheder": samples.UNITS, "Indsatser": courses, "FITMaalinger": fits})


def shown_courses(store) -> dict[tuple[str, str, str], float]:
    """(scope, indicator, year) -> the number of courses behind every FIT figure the Resultater page shows
    at the municipality, district and unit, as its Excel table gives them."""
    found = {}
    for scope, filters in (("kommune", Filters()), ("Nord", Filters(distrikter=("Nord",))),
                           ("S1", Filters(distrikter=("Nord",), enheder=("S1",)))):
        for figure in view.figures(store, Request("2025K2", "2025K2", filters=filters)):
            table = figure.table
            if "denominator" not in table:
                continue
            for row in table[~table["suppressed"].astype(bool) & table["denominator"].notna()].itertuples():
                where = getattr(row, "district", None) if figure.key != "fit_outcome_shares" else scope
                found[(str(where if isinstance(where, str) else scope), row.indicator, str(row.period))] = \
                    row.denominator
    return found


def test_nested_course_counts_never_differ_by_a_hidden_count(store):
    k = config.min_cell_size()
    shown = shown_courses(store)
    assert shown[("Nord", "fit_ors_change", "2025")] == 7          # the attack has something to work on
    recovered = []
    for (scope, indicator, year), courses in shown.items():
        if indicator != "fit_ors_change":
            continue
        for nested, what in NESTED.items():
            part = shown.get((scope, nested, year))
            if part is not None and 0 < courses - part < k:
                recovered.append(f"{scope} {year}: {courses:g} courses - {part:g} with {what} = "
                                 f"{courses - part:g} courses without")
    assert not recovered, recovered



def test_children_discussed_without_a_p11_outcome_are_not_given_away(tmp_path):
    from steering_core.engine import compute
    from tests.builders import meeting, store_with, unit

    # 2024: nine children discussed at a UTM in unit S1, five of them with a § 11 outcome; a later
    # meeting carries the data a year on, so the 2024 cohort is complete.
    meetings = [meeting("S1", date(2024, 3, 1 + n), udfald="paragraf11" if n < 5 else "ingen", barn_id=f"U{n}")
                for n in range(9)] + [meeting("S1", date(2026, 1, 5), barn_id="L")]
    store = store_with(tmp_path / "u.duckdb", enhed=[unit("S1", "Nord")], utm=meetings)
    frame = compute(store, ["utm_children", "utm_children_p11"], Request("2024K1", "2024K4", "aar"))
    shown = frame[~frame["suppressed"].astype(bool) & frame["value"].notna()].set_index("indicator")["value"]
    assert shown["utm_children"] == 9                                  # the attack has something to work on
    if {"utm_children", "utm_children_p11"} <= set(shown.index):       # 9 discussed - 5 = 4 without
        left_out = shown["utm_children"] - shown["utm_children_p11"]
        assert not 0 < left_out < config.min_cell_size(), f"{left_out:g} children without a § 11 outcome"
