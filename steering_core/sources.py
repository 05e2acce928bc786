"""The fact relations indicators are measured on, one row per thing counted.

Each source is a SQL query over the stored tables, bound to the requested
periods through the ``_periods`` relation (period, p_start, p_end, months, yr, and
m_from and m_to: the month positions of the period's first day and of the day
after its last) and the scalar ``_limits.data_until``. Every source
exposes the same dimension columns (kommune, district, unit, unit_name, sector,
step) where they make sense; a source lists which of them it really has, so
the engine can refuse a breakdown that would be meaningless rather than
silently ignore it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from steering_core.domain import FOLLOW_UP_DAYS, GRANT_LIMIT_DAYS, JOIN_GAP_DAYS
from steering_core.fit import cutoff_sql

ORGANISATION = ("district", "unit", "sector")
INDSATS_DIMENSIONS = (*ORGANISATION, "step", "granted_by", "intervention_type", "goal")


@dataclass(frozen=True)
class Source:
    name: str
    sql: str
    dimensions: tuple[str, ...]
    description_da: str
    # A source that is part of a larger relation in RELATIONS (the rows where ``member`` holds):
    # measures on sources of one relation can share a single scan of it.
    relation: str | None = None
    member: str = "TRUE"
    # The counts of records and of children every figure on this source is protected by
    # (disclosure.py); a source of aggregates has none and its indicators must declare a basis.
    protect_by: tuple[str, ...] = ("count(*)", "count(DISTINCT barn_id)")
    # Counted at the period's end (a year's figure is its last quarter's), not summed over it.
    stock: bool = False
    # How "no data" is told from "none": an event source (meetings, courses) has data for the periods
    # within its table's dated span (``events_in``: the table); a reported source (population,
    # finance, key figures) has a row per reported period, and a missing row means not reported.
    events_in: str | None = None
    reported: bool = False
    # A boolean column true where the row's child (barn_id) has no other row in the source, in any
    # period: such a row is a child by itself, so children are counted without grouping by child.
    lone_child: str | None = None


_INDSATS_DIMENSIONS = """
    i.kommune, i.distrikt AS district, i.bevilgende_enhed_id AS unit, e.enhed_navn AS unit_name,
    i.betalende_sektor AS sector, i.trin AS step, i.bevilget_af AS granted_by,
    i.indsatstype AS intervention_type, i.maal_opfyldt AS goal"""

# Every stored column of the course register (and what ``prepare`` adds: continues, next_start,
# course_start, course_end), so a measure may use any of them: a hand-picked list would miss a new one.
_INDSATS_FIELDS = "i.* EXCLUDE (kommune)"

_CHAIN_KEYS = "kommune, barn_id, indsatstype, familie"
_CHAIN = f"PARTITION BY {_CHAIN_KEYS} ORDER BY startdato, indsats_id"

# The course register with registrations that continue one another joined (see JOIN_GAP_DAYS):
# each row keeps its own dates and monthly cost (so the cost is unchanged), and learns whether it
# continues an earlier row (then it is no start), by which registration it is continued (then it
# is no end), and the start and end of the whole course it belongs to (for durations). Only a
# child's repeated registrations of one type can chain, so only those go through the windows.
JOINED_COURSES = f"""
    WITH _repeated AS (SELECT {_CHAIN_KEYS} FROM indsats GROUP BY ALL HAVING count(*) > 1),
    _linked AS (
        SELECT *, coalesce(startdato - lag(slutdato) OVER chain BETWEEN 0 AND {JOIN_GAP_DAYS}, FALSE) AS continues,
               CASE WHEN lead(startdato) OVER chain - slutdato BETWEEN 0 AND {JOIN_GAP_DAYS}
                    THEN lead(startdato) OVER chain END AS next_start
        FROM (SELECT * FROM indsats SEMI JOIN _repeated USING ({_CHAIN_KEYS}))
        WINDOW chain AS ({_CHAIN}))
    SELECT *, FALSE AS continues, NULL::DATE AS next_start, startdato AS course_start, slutdato AS course_end
    FROM indsats ANTI JOIN _repeated USING ({_CHAIN_KEYS})
    UNION ALL BY NAME
    -- A course starts at the newest start of a row that continues nothing, up to this row, and ends
    -- where the first row from this one on that is continued by nothing ends.
    SELECT *, max(CASE WHEN NOT continues THEN startdato END) OVER (
                  {_CHAIN} ROWS UNBOUNDED PRECEDING) AS course_start,
              min(CASE WHEN next_start IS NULL THEN {{'s': startdato, 'id': indsats_id, 'e': slutdato}} END) OVER (
                  {_CHAIN} ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING).e AS course_end
    FROM _linked"""


def _month_position(day: str) -> str:
    """Months since year 0 as a real number, each day adding 1 / days in its month.

    The cost of running from day a to day b inclusive is then rate × (position(b + 1) − position(a)),
    the same as prorating each month by its share of days, without one row per month.
    """
    return f"((year({day}) * 12 + month({day}))::DOUBLE + (day({day}) - 1)::DOUBLE / day(last_day({day})))"


# The joined course register with the date arithmetic done once per course and the first year its
# district has a population: the windows that join registrations cost too much to repeat in every
# query. The store keeps it as a table of its own (KEPT_COURSES), rewritten in the same transaction
# as every write to its inputs (store.keep_derived); ``prepare`` lets the sources read it as COURSES.
COURSES = "_forloeb"
KEPT_COURSES = "forloeb_afledt"
COURSES_INPUTS = ("indsats", "befolkning")
LONE_COURSE = "child_has_no_other_course"
COURSES_SELECT = f"""
    SELECT c.*, {_month_position("c.startdato")} AS position_from,
           {_month_position("(c.slutdato + 1)")} AS position_after, pop.first_year AS population_from,
           -- The child's only registration: one row per period at most, in any grouping.
           (c.barn_id IS NOT NULL AND count(*) OVER (PARTITION BY c.kommune, c.barn_id) = 1) AS {LONE_COURSE}
    FROM ({JOINED_COURSES}) c
    LEFT JOIN (SELECT kommune, distrikt, min(aar) AS first_year FROM befolkning GROUP BY ALL) pop
      ON pop.kommune = c.kommune AND pop.distrikt = c.distrikt"""
# Which kept table is current: the code that made it and the batches it saw (a batch stored or undone
# by any code, even code that did not keep the table, changes it). The meta entry holds the stamp
# of the kept table; a reader that finds another one makes the table itself (a temporary one).
KEPT_COURSES_META = "afledt:" + KEPT_COURSES
KEPT_COURSES_STAMP_SQL = (f"SELECT '{hashlib.sha256(COURSES_SELECT.encode()).hexdigest()[:16]}:' "
                          "|| coalesce(max(batch_id), 0) || ':' || count(undone_at) FROM batch")


def courses_kept(con) -> bool:
    """Whether the file holds a current kept course table."""
    return bool(con.execute(f"SELECT (SELECT value FROM meta WHERE key = ?) = ({KEPT_COURSES_STAMP_SQL})",
                            [KEPT_COURSES_META]).fetchall()[0][0])


def prepare(con, source_names, kept: bool | None = None) -> None:
    """Make COURSES readable on this connection, if the named sources read it: the kept table when it
    is current, else a temporary table made from the stored rows (the same rows, only slower).
    ``kept``: what ``courses_kept`` said of this version of the file, if the caller knows."""
    if not any(COURSES in SOURCES[name].sql for name in source_names):
        return
    if courses_kept(con) if kept is None else kept:
        con.execute(f"CREATE TEMP VIEW IF NOT EXISTS {COURSES} AS SELECT * FROM {KEPT_COURSES}")
    else:
        con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {COURSES} AS {COURSES_SELECT}")


def _populated(alias: str, district: str) -> tuple[str, str]:
    """A join and a column telling whether the row's district has a population in the period's year
    (a row for that year or an earlier one, as the population source takes it). A rate's numerator
    counts only such rows, so a district without residents cannot add to the numerator alone."""
    return (f"""LEFT JOIN (SELECT kommune, distrikt, min(aar) AS first_year FROM befolkning GROUP BY ALL) {alias}
              ON {alias}.kommune = {district.split('.')[0]}.kommune AND {alias}.distrikt = {district}""",
            f"coalesce({alias}.first_year <= p.yr, FALSE) AS populated")


def _course_periods(joined_when: str) -> str:
    """Courses with their columns, once per period they are joined to (``joined_when`` on i and p)."""
    return f"""
    SELECT p.period, {_INDSATS_DIMENSIONS}, {_INDSATS_FIELDS}, l.data_until,
           p.p_start AS period_start, p.p_end AS period_end,
           coalesce(i.population_from <= p.yr, FALSE) AS populated,
           -- Duration of the whole (joined) course as observed at the data cut-off: running courses
           -- are censored there. Over 3 months: more than GRANT_LIMIT_DAYS days, as in the survival table.
           (least(coalesce(i.course_end, l.data_until), l.data_until) - i.course_start + 1) AS duration_days,
           (i.course_end IS NOT NULL AND i.course_end <= l.data_until) AS ended,
           (least(coalesce(i.course_end, l.data_until), l.data_until) - i.course_start + 1
              > {GRANT_LIMIT_DAYS}) AS over_3m,
           ((i.course_end IS NOT NULL AND i.course_end <= l.data_until)
              OR least(coalesce(i.course_end, l.data_until), l.data_until) - i.course_start + 1
                 > {GRANT_LIMIT_DAYS}) AS known_3m,
           -- A month costs the monthly rate times the share of its days the course runs
           -- (start and end inclusive), so a whole year costs twelve months. Summed over
           -- the months of a period (periods are whole months) that is the rate times the
           -- difference of the month positions, one row per course and period.
           i.maanedlig_udgift::DOUBLE
             * (least(coalesce(i.position_after, p.m_to), p.m_to) - greatest(i.position_from, p.m_from)) AS cost,
           -- The months (as a share of days) the course runs in the period: summed and divided
           -- by the period's months it gives full-year interventions (helårsindsatser).
           (least(coalesce(i.position_after, p.m_to), p.m_to) - greatest(i.position_from, p.m_from)) AS case_months
    FROM {COURSES} i
    LEFT JOIN enhed e ON e.kommune = i.kommune AND e.enhed_id = i.bevilgende_enhed_id
    CROSS JOIN _limits l
    JOIN _periods p ON {joined_when}"""


# Every course once per period it overlaps. The four course sources are parts of it (a course
# started, running at the end, ended or costing in a period overlaps that period), so the engine
# can measure them all in one scan; see ``Source.relation``. Each source is also written as its
# own narrower join, cheaper when it is measured alone (Kaplan-Meier, survival curves);
# tests/test_sources.py checks that both give the same rows.
_OVERLAPS = "i.startdato <= p.p_end AND (i.slutdato IS NULL OR i.slutdato >= p.p_start)"
_COURSE_PERIODS = _course_periods(_OVERLAPS)
# A course runs on its last day, so one ending on the period's last day is active at its end (as the
# cost counts that day); where a continuing registration starts that same day, it takes over.
_STARTED = "startdato >= period_start AND NOT continues"
_ACTIVE = "(slutdato IS NULL OR slutdato >= period_end) AND coalesce(next_start > period_end, TRUE)"
_ENDED = "(slutdato IS NOT NULL AND slutdato <= period_end AND next_start IS NULL)"
_COSTED = "maanedlig_udgift IS NOT NULL"
RELATIONS = {"indsats_periods": _COURSE_PERIODS}


def _over(relation_sql: str, member: str) -> str:
    return f"SELECT * FROM ({relation_sql}) r WHERE {member}"


# FIT per course: one row per course with FIT measurements, in the period of its latest measurement
# (so a year is the sum of its quarters). Measurements of registrations that continue one another
# (JOINED_COURSES) belong to one course; the organisation is that of the latest measurement's
# registration, and the age (for the clinical cut-off, steering_core/fit.py) the latest one given.
_FIT_COURSES = f"""
    WITH _sessions AS (
        SELECT c.kommune, c.barn_id, c.indsatstype, c.familie, c.course_start, f.dato, f.ors, f.srs, f.alder,
               c.distrikt, c.bevilgende_enhed_id, c.betalende_sektor, c.trin
        FROM fit_maaling f JOIN {COURSES} c ON c.kommune = f.kommune AND c.indsats_id = f.indsats_id),
    _course AS (
        SELECT kommune, barn_id, indsatstype, familie, course_start, count(*) AS measurements,
               max(dato) AS latest_date, arg_min(ors, dato) AS first_ors, arg_max(ors, dato) AS latest_ors,
               avg(srs) AS srs_mean, arg_max(alder, dato) FILTER (WHERE alder IS NOT NULL) AS age,
               arg_max(distrikt, dato) AS district, arg_max(bevilgende_enhed_id, dato) AS unit,
               arg_max(betalende_sektor, dato) AS sector, arg_max(trin, dato) AS step
        FROM _sessions GROUP BY ALL)
    SELECT p.period, f.kommune, f.district, f.unit, e.enhed_navn AS unit_name, f.sector, f.step, f.barn_id,
           f.familie, f.measurements, f.latest_date, f.first_ors, f.latest_ors,
           f.latest_ors - f.first_ors AS ors_change, f.srs_mean, f.age, {cutoff_sql("f.age")} AS cutoff
    FROM _course f
    LEFT JOIN enhed e ON e.kommune = f.kommune AND e.enhed_id = f.unit
    JOIN _periods p ON f.latest_date BETWEEN p.p_start AND p.p_end"""


SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source(
            "utm",
            f"""
            SELECT p.period, u.kommune, e.distrikt AS district, u.enhed_id AS unit, e.enhed_navn AS unit_name,
                   e.sektor AS sector, NULL::INTEGER AS step, u.udfald AS outcome, u.moedetype AS meeting_type,
                   u.moede_id, u.barn_id, u.alder, u.moedetype, u.udfald, u.raadgiver_deltog,
                   (u.moededato - u.henvendelsesdato) AS wait_days, {_populated("pop", "e.distrikt")[1]}
            FROM utm u
            JOIN enhed e ON e.kommune = u.kommune AND e.enhed_id = u.enhed_id
            JOIN _periods p ON u.moededato BETWEEN p.p_start AND p.p_end
            {_populated("pop", "e.distrikt")[0]}""",
            (*ORGANISATION, "outcome", "meeting_type"),
            "UTM-møder holdt i perioden; distrikt og sektor er den indstillende enheds.",
            events_in="utm",
        ),
        Source(
            "indsats_started",
            _course_periods("i.startdato BETWEEN p.p_start AND p.p_end AND NOT i.continues"),
            INDSATS_DIMENSIONS,
            "Indsatsforløb, der startede i perioden; sektor er den betalende sektor, enhed den bevilgende.",
            events_in="indsats", relation="indsats_periods", member=_STARTED, lone_child=LONE_COURSE,
        ),
        Source(
            "indsats_active",
            _course_periods("i.startdato <= p.p_end AND (i.slutdato IS NULL OR i.slutdato >= p.p_end) "
                            "AND coalesce(i.next_start > p.p_end, TRUE)"),
            INDSATS_DIMENSIONS,
            "Indsatsforløb, der stadig løb ved periodens slutning.",
            events_in="indsats", relation="indsats_periods", member=_ACTIVE, stock=True, lone_child=LONE_COURSE,
        ),
        Source(
            "indsats_ended",
            _course_periods("i.slutdato BETWEEN p.p_start AND p.p_end AND i.next_start IS NULL"),
            INDSATS_DIMENSIONS,
            "Indsatsforløb, der sluttede i perioden.",
            events_in="indsats", relation="indsats_periods", member=_ENDED, lone_child=LONE_COURSE,
        ),
        Source(
            "indsats_cost",
            _over(_COURSE_PERIODS, _COSTED),
            INDSATS_DIMENSIONS,
            "Udgift til indsatser måned for måned: månedlig udgift × andel af månedens dage forløbet løber.",
            events_in="indsats", relation="indsats_periods", member=_COSTED, lone_child=LONE_COURSE,
        ),
        Source(
            "population",
            """
            WITH groups AS (SELECT DISTINCT kommune, distrikt, aldersgruppe FROM befolkning),
                 wanted AS (SELECT p.period, p.yr, g.* FROM _periods p CROSS JOIN groups g)
            -- The latest population year not after the period, so a new year works before its figures arrive.
            SELECT w.period, w.kommune, w.distrikt AS district, NULL::VARCHAR AS unit,
                   NULL::VARCHAR AS unit_name, NULL::VARCHAR AS sector, NULL::INTEGER AS step,
                   w.aldersgruppe, b.antal
            FROM wanted w ASOF JOIN befolkning b
              ON b.kommune = w.kommune AND b.distrikt = w.distrikt AND b.aldersgruppe = w.aldersgruppe
             AND b.aar <= w.yr""",
            ("district",),
            "Indbyggere pr. distrikt og aldersgruppe i periodens år (seneste kendte år, hvis året mangler).",
            protect_by=(), stock=True, reported=True,
        ),
        Source(
            "oekonomi",
            """
            SELECT p.period, o.kommune, NULL::VARCHAR AS district, NULL::VARCHAR AS unit,
                   NULL::VARCHAR AS unit_name, o.sektor AS sector, NULL::INTEGER AS step,
                   o.omkostningstype, o.omkostningstype AS cost_type, o.projekt,
                   o.budget::DOUBLE AS budget, o.forbrug::DOUBLE AS forbrug
            FROM oekonomi o
            JOIN _periods p ON o.periode_start >= p.p_start AND o.periode_slut <= p.p_end""",
            ("sector", "cost_type"),
            "Budget og bogført forbrug pr. sektor fra økonomiarket.",
            protect_by=(), reported=True,
        ),
        Source(
            "noegletal",
            f"""
            SELECT p.period, n.kommune, n.district, n.unit, n.unit_name, n.sector,
                   NULL::INTEGER AS step, n.noegletal, n.vaerdi, n.antal, {_populated("pop", "n.district")[1]}
            FROM (SELECT n.*, coalesce(nullif(n.distrikt, ''), e.distrikt) AS district,
                         nullif(n.enhed_id, '') AS unit, e.enhed_navn AS unit_name, e.sektor AS sector
                  FROM noegletal n
                  LEFT JOIN enhed e ON e.kommune = n.kommune AND e.enhed_id = n.enhed_id) n
            JOIN _periods p ON n.periode_start >= p.p_start AND n.periode_slut <= p.p_end
            {_populated("pop", "n.district")[0]}""",
            ("district",),
            "Øvrige nøgletal i lang form (underretninger, fravær, trivsel ...).",
            protect_by=(), reported=True,
        ),
        Source(
            "utm_cohort",
            f"""
            WITH first_meeting AS (
                SELECT p.period, u.kommune, u.barn_id, min(u.moededato) AS meeting_date,
                       arg_min(u.enhed_id, u.moededato) AS enhed_id,
                       bool_or(u.udfald = 'paragraf11') AS p11_outcome
                FROM utm u JOIN _periods p ON u.moededato BETWEEN p.p_start AND p.p_end
                GROUP BY ALL)
            SELECT f.period, f.kommune, e.distrikt AS district, f.enhed_id AS unit, e.enhed_navn AS unit_name,
                   e.sektor AS sector, NULL::INTEGER AS step, f.barn_id, f.meeting_date, f.p11_outcome,
                   -- The cohort is complete only when all of its 12 months have been observed.
                   (f.meeting_date + {FOLLOW_UP_DAYS} <= l.data_until) AS complete,
                   EXISTS (SELECT 1 FROM {COURSES} i
                           WHERE i.kommune = f.kommune AND i.barn_id = f.barn_id AND i.trin >= 4
                             AND NOT i.continues AND i.startdato > f.meeting_date
                             AND i.startdato <= f.meeting_date + {FOLLOW_UP_DAYS}) AS escalated
            FROM first_meeting f
            JOIN enhed e ON e.kommune = f.kommune AND e.enhed_id = f.enhed_id
            CROSS JOIN _limits l""",
            ORGANISATION,
            "Børn drøftet på et UTM-møde i perioden (første møde i perioden), fulgt 12 måneder frem.",
            protect_by=("count(*)",), events_in="utm",
        ),
        Source(
            "fit_course",
            _FIT_COURSES,
            ORGANISATION,
            "Forløb med FIT-målinger (ORS og SRS), i perioden for forløbets seneste måling; distrikt og "
            "enhed er den seneste målings forløbs (den bevilgende enhed).",
            events_in="fit_maaling",
        ),
    )
}


def _check_relations() -> None:
    # The engine filters a shared scan by the dimensions of any one member; they must agree.
    for relation in RELATIONS:
        members = {s.dimensions for s in SOURCES.values() if s.relation == relation}
        if len(members) != 1:
            raise ValueError(f"The sources of {relation} differ in their dimensions: {members}")


_check_relations()
