"""Figures that rest on single records or thin bases: the commitment table, a threshold stepped by one,
complements of shares, Kaplan-Meier medians on few ended courses, meeting counts about few children."""
from __future__ import annotations

from datetime import date

from steering_core import commitment, config, periods
from steering_core.engine import Request
from steering_core.views import economy, p11
from tests.disclosure.attacker import Recovery, Tally, close, courses_started, report, request_of, truth_lookup
from tests.disclosure.test_counts import ALL as COUNTED

SHARES = ["utm_to_p11_share", "utm_advisor_share", "p11_goal_met_share", "p11_share_over_3m",
          "p11_extended_share", "placement_share"]


def k() -> int:
    return config.min_cell_size()


def test_tables_of_single_records(dataset):
    """The economy page's commitment table for one paying sector lists, month by month, the
    commitments of its current cases: with 1-4 cases that is each case's monthly rate and end."""
    tally = Tally("single records", dataset)
    q = dataset.quarters
    for last in (q[2], q[-1]):
        request = Request(last, last)
        try:
            projections = commitment.sector_projections(dataset.store, request)
            lines, _ = economy.budget_lines(dataset.store, request)
        except (ValueError, KeyError):
            tally.refused()
            continue
        cases = _current_cases(dataset, periods.parse_period(last).end)
        year, first_open = periods.parse_period(last).end.year, periods.parse_period(last).end.month + 1
        for sector, rows in cases.items():
            if not 0 < len(rows) < k():
                continue
            true_months = commitment.commitments(rows, year)
            figure = economy.commitments(request, lines, projections, sector)
            months = figure.table.iloc[:12].reset_index(drop=True) if not figure.table.empty else None
            recoveries = []
            for month in range(first_open, 13):
                true = float(true_months[month - 1])
                if true <= 0:
                    continue
                tally.tried(1)
                shown = None if months is None else months.loc[month - 1, "current"]
                if shown is not None and shown == shown and close(float(shown), true, money=True):
                    recoveries.append(Recovery(
                        "single records", f"economy page, commitments {sector} {last}",
                        f"current cases' commitment {sector} month {month} ({len(rows)} case(s))",
                        "read off the month's row", round(float(shown), 2), round(true, 2)))
            tally.found(recoveries, dataset)
    assert not tally.recoveries, report(tally.recoveries)


def _current_cases(dataset, cutoff: date) -> dict[str, list[commitment.Case]]:
    """Ground truth: cases with a monthly cost running at ``cutoff``, per paying sector."""
    rows = dataset.sql("""SELECT betalende_sektor AS sector, maanedlig_udgift, startdato, planlagt_slutdato, slutdato
                          FROM indsats WHERE maanedlig_udgift IS NOT NULL AND startdato <= $c
                          AND (slutdato IS NULL OR slutdato > $c)""", {"c": cutoff})
    return {sector: commitment.current_cases(part, cutoff) for sector, part in rows.groupby("sector")}


def test_threshold_stepped_by_one(dataset):
    """§ 11 courses overdue by more than N days per unit, for N and N + 1: the difference is the
    number of courses exactly N + 1 days overdue at that unit, a count of 1-4 children."""
    tally = Tally("threshold stepped by one", dataset)
    last = dataset.quarters[-1]
    if dataset.cli(["p11_overdue"], last, last, "kvartal", ("enhed",), extra=["--param", "dage=31"]) is None:
        tally.refused()
    exact = _overdue_exactly(dataset, periods.parse_period(last).end)
    # A user would step N over every value; the suite asks only where a small cell lies (and at the
    # page's default), to stay fast.
    def over(days: int, unit: str) -> float:
        return sum(units.get(unit, 0.0) for d, units in exact.items() if d > days)

    steps = sorted({days - 1 for days, units in exact.items() if 1 <= days <= 365
                    and any(0 < n < k() and over(days, u) >= k() for u, n in units.items())})
    steps = steps[:: max(1, len(steps) // 4)][:4] or [p11.DEFAULT_OVERDUE_DAYS]
    shown: dict[int, dict[str, float]] = {}
    for days in sorted({d for step in steps for d in (step, step + 1)}):
        figure = dataset.figure(p11.overdue, Request(last, last), days)
        if figure is None or figure.empty and not figure.columns:
            tally.refused()
            continue
        shown[days] = {row["unit"]: float(row["value"]) for row in figure.table.to_dict("records")
                       if not row["suppressed"] and row["value"] == row["value"]}
    recoveries = []
    for days in steps:
        for unit, true in exact.get(days + 1, {}).items():
            if not 0 < true < k():
                continue
            tally.tried(1)
            if days in shown and days + 1 in shown and unit in shown[days] and unit in shown[days + 1]:
                derived = shown[days][unit] - shown[days + 1][unit]
                if close(derived, true, money=False):
                    recoveries.append(Recovery(
                        "threshold stepped by one", f"§ 11 page, overdue courses {last}",
                        f"courses exactly {days + 1} days overdue at unit {unit}",
                        f"overdue > {days} ({shown[days][unit]:g}) minus overdue > {days + 1} "
                        f"({shown[days + 1][unit]:g})", derived, true))
    tally.found(recoveries, dataset)
    assert not tally.recoveries, report(tally.recoveries)


def _overdue_exactly(dataset, end: date) -> dict[int, dict[str, float]]:
    frame = dataset.sql("""SELECT ($e - planlagt_slutdato) AS days, bevilgende_enhed_id AS unit, count(*) AS n
                           FROM indsats WHERE familie = 'forebyggende' AND startdato <= $e
                           AND (slutdato IS NULL OR slutdato > $e) AND planlagt_slutdato IS NOT NULL
                           GROUP BY ALL""", {"e": end})
    result: dict[int, dict[str, float]] = {}
    for row in frame.itertuples(index=False):
        result.setdefault(int(row.days), {})[row.unit] = float(row.n)
    return result


def test_complements_and_thin_bases(dataset):
    """A share whose complement (denominator − numerator) is 1-4; a Kaplan-Meier median shown for a
    group whose ended courses are 1-4 (the median is then one child's course length); UTM meeting
    counts shown for a unit where the meetings are about 1-4 children."""
    tally = Tally("complements and thin bases", dataset)
    _complements(dataset, tally)
    _medians(dataset, tally)
    _meetings_about_few_children(dataset, tally)
    assert not tally.recoveries, report(tally.recoveries)


def _complements(dataset, tally):
    q = dataset.quarters
    recoveries = []
    for by, key in [((), None), (("distrikt",), "district"), (("enhed",), "unit")]:
        shares = [s for s in SHARES if not (by == ("enhed",) and s == "placement_share")]
        rows = dataset.cli(shares, q[0], q[-1], "kvartal", by)
        if rows is None:
            tally.refused()
            continue
        request = request_of(q[0], q[-1], "kvartal", by)
        numerators = truth_lookup(dataset.truth(shares, request), [key] if key else [], "numerator")
        denominators = truth_lookup(dataset.truth(shares, request), [key] if key else [], "denominator")
        for row in rows:
            cell = (row["indicator"], row["period"], *([row.get(key)] if key else []))
            n, d = numerators.get(cell), denominators.get(cell)
            if n is None or d is None or not 0 < d - n < k():
                continue
            tally.tried(1)
            if row["suppressed"] or row["value"] is None:
                continue
            derived = (row["denominator"] - row["numerator"]) if row["numerator"] is not None else (
                row["denominator"] * (1 - row["value"] / 100))
            if close(derived, d - n, money=False):
                recoveries.append(Recovery(
                    "complements and thin bases", "indicators" + (f" --by {by[0]}" if by else ""),
                    f"complement of {row['indicator']} {row['period']}" + (f" {key}={row.get(key)}" if key else ""),
                    f"denominator {row['denominator']:g} − numerator {row['numerator']:g}", derived, d - n))
    tally.found(recoveries, dataset)


def _medians(dataset, tally):
    """Kaplan-Meier medians on the § 11 page (by channel and type) and from the CLI (by unit)."""
    q = dataset.quarters
    recoveries = []
    for first, last in [(q[0], q[3]), (q[3], q[3])]:
        courses = courses_started(dataset, first, last)
        for group, column in (("granted_by", "bevilget_af"), ("intervention_type", "indsatstype")):
            figure = dataset.figure(p11.durations, Request(first, last), group)
            if figure is None:
                tally.refused()
                continue
            shown = {r["group"]: r for r in figure.table.to_dict("records")} if not figure.table.empty else {}
            for value, part in courses.groupby(column):
                ended = part[part["ended"]]
                name = next((g for g in shown if _same_group(g, value, group)), str(value))
                if not 0 < len(ended) < k():
                    continue
                tally.tried(1)
                row = shown.get(name)
                if row is None or row["median"] is None or row["median"] != row["median"]:
                    continue
                lengths = set(ended["duration_days"].astype(float))
                if float(row["median"]) in lengths:
                    recoveries.append(Recovery(
                        "complements and thin bases", f"§ 11 page, durations by {group} {first}-{last}",
                        f"median of {name} ({len(part)} courses, {len(ended)} ended)",
                        "the Kaplan-Meier median is an ended course's length", float(row["median"]),
                        float(row["median"])))
    for by, key, column in [(("enhed",), "unit", "unit"), (("distrikt",), "district", "district")]:
        rows = dataset.cli(["p11_median_days"], q[0], q[-1], "kvartal", by)
        if rows is None:
            tally.refused()
            continue
        for quarter in q:
            courses = courses_started(dataset, quarter, quarter)
            for row in rows:
                if row["period"] != quarter:
                    continue
                part = courses[courses[column] == row.get(key)]
                ended = part[part["ended"]]
                if not 0 < len(ended) < k():
                    continue
                tally.tried(1)
                if row["suppressed"] or row["value"] is None:
                    continue
                if float(row["value"]) in set(ended["duration_days"].astype(float)):
                    recoveries.append(Recovery(
                        "complements and thin bases", f"indicators --only p11_median_days --by {by[0]}",
                        f"median {quarter} {key}={row.get(key)} ({len(part)} courses, {len(ended)} ended)",
                        "the Kaplan-Meier median is an ended course's length", float(row["value"]),
                        float(row["value"])))
    tally.found(recoveries, dataset)


def _same_group(shown_label: str, code: str, group: str) -> bool:
    from steering_core.texts import label
    return shown_label == label(group, code) or shown_label == code


def _meetings_about_few_children(dataset, tally):
    """utm_held per unit and quarter is gated on meetings: a unit with many meetings about 1-4
    children is shown, so the figure rests on fewer children than the minimum."""
    q = dataset.quarters
    rows = dataset.cli(COUNTED, q[0], q[-1], "kvartal", ("enhed",))
    if rows is None:
        tally.refused()
        return
    children = dataset.sql("""
        SELECT (CAST(year(moededato) AS VARCHAR) || 'K' || CAST(quarter(moededato) AS VARCHAR)) AS period,
               enhed_id AS unit, count(DISTINCT barn_id) AS children, count(*) AS meetings
        FROM utm GROUP BY ALL""")
    few = {(r.period, r.unit): (float(r.children), float(r.meetings)) for r in children.itertuples(index=False)
           if 0 < r.children < k()}
    recoveries = []
    for row in rows:
        if row["indicator"] != "utm_held" or (row["period"], row["unit"]) not in few:
            continue
        n_children, meetings = few[(row["period"], row["unit"])]
        tally.tried(1)
        if not row["suppressed"] and row["value"] is not None and close(float(row["value"]), meetings, False):
            recoveries.append(Recovery(
                "complements and thin bases", "indicators --by enhed",
                f"utm_held {row['period']} unit={row['unit']} about {n_children:g} children",
                "shown: gated on meetings, not on children", float(row["value"]), meetings))
    tally.found(recoveries, dataset)
