"""FIT figures count nested sets of the same courses: every FIT course (the ORS change), those with a
published cut-off for the child's age (the share above the cut-off) and those with an SRS (the SRS
mean). Two shown counts of nested sets give the courses between them (children under 6 or without an
age, courses without an SRS) by subtraction, so that difference is protected like a share's
complement: 1 to k - 1 of them is a hidden count the attacker must not get."""
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
NESTED = {"fit_above_cutoff_share": "cut-off known", "fit_srs_mean": "SRS given"}


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
