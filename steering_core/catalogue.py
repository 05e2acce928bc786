"""Every indicator the product knows, declared once as data.

An indicator is a numerator measure, optionally divided by a denominator
measure, scaled (100 for percent, 1.000 for rates) and optionally annualised.
A measure is an SQL aggregate over one of the fact relations in
``sources.py``. ``basis`` names the counts of children or records behind the
figure; when any of them is under the minimum cell size the figure is
suppressed. Adding an indicator is one entry here and a test.
"""
from __future__ import annotations

from dataclasses import dataclass

from steering_core import fit
from steering_core.domain import FOLLOW_UP_DAYS, GRANT_LIMIT_DAYS

ACTIVITY, RESOURCE, RESULT = "aktivitet", "ressource", "resultat"
DIMENSIONS = {
    ACTIVITY: {"da": "Aktivitet", "en": "Activity"},
    RESOURCE: {"da": "Ressourcer", "en": "Resources"},
    RESULT: {"da": "Resultater", "en": "Results"},
}

# An indicator's unit (steering_core/units.py) decides its formats and how a change is spoken of.

PREVENTIVE = "familie = 'forebyggende'"
AGE_0_17 = "aldersgruppe IN ('0-5', '6-17')"


@dataclass(frozen=True)
class Measure:
    source: str
    expr: str
    where: str = "TRUE"
    # "sql": expr is an aggregate. "km_median": expr is "duration_col, event_col"
    # and the value is the Kaplan-Meier median (running courses are censored).
    reducer: str = "sql"


@dataclass(frozen=True)
class Indicator:
    id: str
    name_da: str
    name_en: str
    dimension: str
    unit: str
    definition_da: str
    definition_en: str
    numerator: Measure
    denominator: Measure | None = None
    scale: float = 1.0
    annualise: bool = False
    basis: tuple[Measure, ...] = ()
    # Records the numerator counts in districts the denominator does not cover (no population for
    # the year): where there are any, the rate is not computable rather than too large (issue 12).
    uncovered: Measure | None = None
    breakdowns: tuple[str, ...] = ("district",)
    higher_is_better: bool | None = None
    decimals: int = 0
    lag_months: int = 0
    # Per quarter, the figure covers this many quarters up to and including it (a rolling window),
    # for indicators with too few children in one quarter to show. Years and whole spans are as asked.
    window_quarters: int = 1
    # A change within this band is "stable" (DOMAIN.md: ±3 points for the prevention ratio).
    stable_within: float = 0.0
    headline: bool = True
    # Whole-number parameters a user may set, with defaults; used as {name} in a measure's where.
    parameters: tuple[tuple[str, int], ...] = ()
    # A tile shows the quarter ("quarter") or the year up to and including it ("year_to_date").
    tile_span: str = "quarter"
    # The records the indicator's count (its denominator, else its numerator) is a subset of, where another
    # figure shows them (FIT courses with a cut-off among all FIT courses): those it leaves out are protected
    # like a share's complement. Declared where the difference says something about the children (an age,
    # an outcome); a gap in registration (no SRS, no goal attainment registered) is not.
    within: Measure | None = None

    def name(self, lang: str = "da") -> str:
        return self.name_en if lang == "en" else self.name_da

    def definition(self, lang: str = "da", **params: int) -> str:
        text = self.definition_en if lang == "en" else self.definition_da
        return text.format(**{**dict(self.parameters), **params}) if self.parameters else text

    def formula_sql(self) -> str:
        """The indicator's formula as SQL, for the definition shown to users."""
        def text(m: Measure) -> str:
            agg = f"kaplan_meier_median({m.expr})" if m.reducer == "km_median" else m.expr
            return f"{agg} FROM {m.source} WHERE {m.where}"
        formula = text(self.numerator)
        if self.denominator:
            formula = f"({formula}) / ({text(self.denominator)})"
        if self.scale != 1:
            formula += f" × {self.scale:g}"
        if self.annualise:
            formula += " × 12 / måneder i perioden"
        return formula


_UTM_COUNT = Measure("utm", "count(*)")
# A rate's numerator counts only districts with a population in the period's year (sources._populated):
# meetings of a district without residents would otherwise be divided by the others' residents.
POPULATED = "populated"
_POPULATED_DA = (" Kun distrikter med befolkningstal for året (eller et tidligere år) tæller med, i tæller "
                 "og nævner; et distrikt uden befolkningstal har intet tal.")
_POPULATED_EN = (" Only districts with a population for the year (or an earlier one) count, in numerator and "
                 "denominator; a district without one has no figure.")
_UTM_POPULATED = Measure("utm", "count(*)", POPULATED)
# Placements and spend per resident keep their numerators tied to the staircase's cells (children
# per step), which the disclosure grid protects; a district without population makes the municipal
# rate not computable instead (``uncovered``), so it is never divided by too few residents.
_UNCOVERED_DA = (" Mangler et distrikt med sådanne børn befolkningstal for året, kan kommunens tal ikke "
                 "beregnes og vises som manglende data.")
_UNCOVERED_EN = (" If a district with such children has no population for the year, the municipal figure "
                 "cannot be computed and shows as no data.")
_PLACED = Measure("indsats_active", "count(DISTINCT barn_id)", "step >= 4")
_NOTIFICATIONS = Measure("noegletal", "sum(vaerdi)", f"noegletal = 'underretninger' AND {POPULATED}")
_P11_STARTED = Measure("indsats_started", "count(*)", PREVENTIVE)
_POP_0_17 = Measure("population", "sum(antal)", AGE_0_17)
_POP_0_22 = Measure("population", "sum(antal)")
_UTM_WAIT = Measure("utm", "count(*)", "wait_days IS NOT NULL")
_UTM_ADVISOR_KNOWN = Measure("utm", "count(*)", "raadgiver_deltog IS NOT NULL")
_P11_ENDED = Measure("indsats_ended", "count(*)", PREVENTIVE)
_P11_GOAL_KNOWN = Measure("indsats_ended", "count(*)", f"{PREVENTIVE} AND maal_opfyldt IS NOT NULL")
_P11_PLANNED_END_PASSED = Measure(
    "indsats_started", "count(*)", f"{PREVENTIVE} AND planlagt_slutdato <= data_until")
_P11_EXTENDED = Measure(
    "indsats_started", "count(*)", f"{PREVENTIVE} AND planlagt_slutdato <= data_until AND "
    "(coalesce(forlaenget, FALSE) OR coalesce(course_end, data_until) > planlagt_slutdato)")
_P11_GOAL_MET = Measure("indsats_ended", "count(*)", f"{PREVENTIVE} AND maal_opfyldt = 'ja'")
_P11_COST_CHILDREN = Measure("indsats_cost", "count(DISTINCT barn_id)", PREVENTIVE)
_COHORT = "complete"

# Economy and staircase (issue 5): all interventions, not only § 11.
_COST_ALL = Measure("indsats_cost", "sum(cost)")
_COST_ALL_CHILDREN = Measure("indsats_cost", "count(DISTINCT barn_id)")
# indsats_cost has one row per course and period, so a plain count counts courses.
_COST_ALL_COURSES = Measure("indsats_cost", "count(*)")
_CASE_MONTHS = Measure("indsats_cost", "sum(case_months)")
_ACTIVE_ALL = Measure("indsats_active", "count(*)")
_ACTIVE_ALL_CHILDREN = Measure("indsats_active", "count(DISTINCT barn_id)")
_STARTED_ALL = Measure("indsats_started", "count(*)")
_STARTED_ALL_CHILDREN = Measure("indsats_started", "count(DISTINCT barn_id)")
_BUDGET = Measure("oekonomi", "sum(budget)")
_SPEND = Measure("oekonomi", "sum(forbrug)")
_PROJECT_SPEND = Measure("oekonomi", "sum(forbrug)", "projekt <> ''")
_CHILDREN_STEPS_2_6 = Measure("indsats_active", "count(DISTINCT barn_id)", "step BETWEEN 2 AND 6")
_CHILDREN_STEPS_2_3 = Measure("indsats_active", "count(DISTINCT barn_id)", "step BETWEEN 2 AND 3")
_CHILDREN_STEPS_4_6 = Measure("indsats_active", "count(DISTINCT barn_id)", "step BETWEEN 4 AND 6")
_INTERVENTION_BREAKDOWNS = ("district", "unit", "sector", "step", "granted_by", "intervention_type")


# Results reported as key figures (issue 15). An average or a share in Noegletal carries its n in
# ``antal``: the municipal and district figure is the mean weighted by n, and n (or the children
# counted) protects it. A row without n cannot be weighted or protected, so it is left out.
def _weighted(key: str) -> tuple[Measure, Measure]:
    where = f"noegletal = '{key}' AND antal IS NOT NULL"
    return Measure("noegletal", "sum(vaerdi * antal)", where), Measure("noegletal", "sum(antal)", where)


TRAFFIC_LIGHTS = ("trivsel_groen", "trivsel_gul", "trivsel_roed")
# The children in each colour and the children assessed: the three shares add up to 100 %, so a small
# group in any colour hides all three (else it would be 100 % less the other two).
_TRAFFIC_LIGHT_BASIS = tuple(
    measure for key in TRAFFIC_LIGHTS
    for measure in (Measure("noegletal", "sum(vaerdi * antal / 100.0)", f"noegletal = '{key}' AND antal IS NOT NULL"),
                    _weighted(key)[1]))
_REPEATS = Measure("noegletal", "sum(vaerdi)", f"noegletal = 'genunderretninger' AND {POPULATED}")
# First notifications (all less repeats): the share's complement, protected like a count.
_FIRST_NOTIFICATIONS = Measure(
    "noegletal", "sum(CASE WHEN noegletal = 'underretninger' THEN vaerdi ELSE -vaerdi END)",
    f"noegletal IN ('underretninger', 'genunderretninger') AND {POPULATED}")
_WEIGHTED_DA = (" Kommunens og distriktets tal er gennemsnittet vægtet med antal (n) i Nøgletal-arket; rækker "
                "uden antal tæller ikke med.")
_WEIGHTED_EN = (" The municipality's and district's figure is the mean weighted by the count (n) on the key-figure "
                "sheet; rows without a count are left out.")

# FIT per course (sheet FITMaalinger, source fit_course; the scale's facts in steering_core/fit.py).
_FIT = f"measurements >= {fit.MIN_MEASUREMENTS}"
_FIT_COURSES = Measure("fit_course", "count(*)", _FIT)
_FIT_IMPROVED = Measure("fit_course", "count(*)", f"{_FIT} AND ors_change >= {fit.RELIABLE_CHANGE:g}")
_FIT_CUTOFF_KNOWN = Measure("fit_course", "count(*)", f"{_FIT} AND cutoff IS NOT NULL")
_FIT_ABOVE_CUTOFF = Measure("fit_course", "count(*)", f"{_FIT} AND cutoff IS NOT NULL AND latest_ors >= cutoff")
_FIT_SRS_KNOWN = Measure("fit_course", "count(*)", f"{_FIT} AND srs_mean IS NOT NULL")
_FIT_SCOPE_DA = (f"Forløb med mindst {fit.MIN_MEASUREMENTS} FIT-målinger (arket FITMaalinger), talt i perioden "
                 "for forløbets seneste måling; registreringer, der fortsætter hinanden, er ét forløb.")
_FIT_SCOPE_EN = (f"Courses with at least {fit.MIN_MEASUREMENTS} FIT measurements (sheet FITMaalinger), counted in "
                 "the period of the course's latest measurement; registrations that continue one another are one course.")
_FIT_BREAKDOWNS = ("district", "unit")

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "utm_held", "UTM-møder holdt", "UTM meetings held", ACTIVITY, "antal",
        "Antal undersøgende teammøder (UTM) holdt i perioden, første møder og opfølgning.",
        "Number of exploratory team meetings (UTM) held in the period, first and follow-up.",
        _UTM_COUNT, basis=(_UTM_COUNT,), breakdowns=("district", "unit", "sector", "outcome", "meeting_type"),
        higher_is_better=True),
    Indicator(
        "utm_per_1000", "UTM-møder pr. 1.000 0-17-årige", "UTM meetings per 1,000 aged 0-17",
        ACTIVITY, "pr_1000",
        "UTM-møder pr. 1.000 indbyggere på 0-17 år i distriktet, omregnet til helår." + _POPULATED_DA,
        "UTM meetings per 1,000 residents aged 0-17 in the district, annualised." + _POPULATED_EN,
        _UTM_POPULATED, _POP_0_17, scale=1000, annualise=True, basis=(_UTM_POPULATED,),
        higher_is_better=True, decimals=1),
    Indicator(
        "utm_to_p11_share", "UTM-møder der fører til § 11", "UTM meetings leading to § 11",
        ACTIVITY, "pct",
        "Andel af UTM-møder med udfaldet § 11-indsats (SEL § 11, stk. 3 / BL § 30). "
        "I Mariagerfjord førte omkring en tredjedel til en § 11-indsats.",
        "Share of UTM meetings whose outcome was a § 11 intervention (SEL § 11(3) / BL § 30).",
        Measure("utm", "count(*)", "udfald = 'paragraf11'"), _UTM_COUNT, scale=100,
        basis=(Measure("utm", "count(*)", "udfald = 'paragraf11'"), _UTM_COUNT),
        breakdowns=("district", "unit", "sector"), decimals=1),
    Indicator(
        "p11_started", "§ 11-forløb startet", "§ 11 courses started", ACTIVITY, "antal",
        "Antal tidligt forebyggende forløb (SEL § 11, stk. 3, fra 2024 BL § 30) startet i perioden.",
        "Early preventive courses (SEL § 11(3), from 2024 BL § 30) started in the period.",
        _P11_STARTED, basis=(_P11_STARTED,),
        breakdowns=("district", "unit", "sector", "granted_by", "intervention_type"), higher_is_better=True),
    Indicator(
        "p11_active", "§ 11-forløb aktive ved periodens slutning", "§ 11 courses active at period end",
        ACTIVITY, "antal",
        "Antal tidligt forebyggende forløb (§ 11 / BL § 30), der stadig løb ved periodens sidste dag.",
        "Early preventive courses (§ 11 / BL § 30) still running at the end of the period.",
        Measure("indsats_active", "count(*)", PREVENTIVE),
        basis=(Measure("indsats_active", "count(*)", PREVENTIVE),),
        breakdowns=("district", "unit", "sector", "granted_by", "intervention_type"), headline=False),
    Indicator(
        "p11_median_days", "Median varighed af § 11-forløb", "Median duration of § 11 courses",
        ACTIVITY, "dage",
        "Median varighed i dage af § 11-forløb startet i perioden, estimeret med Kaplan-Meier, "
        "så forløb der stadig kører tælles som censurerede ved datoen for seneste data.",
        "Median duration in days of § 11 courses started in the period, Kaplan-Meier estimate "
        "with running courses censored at the data cut-off.",
        Measure("indsats_started", "duration_days, ended", PREVENTIVE, reducer="km_median"),
        # A median is one course's duration: it rests on the ended courses too (docs/DISCLOSURE.md).
        basis=(_P11_STARTED, Measure("indsats_started", "count(*)", f"{PREVENTIVE} AND ended")),
        breakdowns=("district", "unit", "sector"), higher_is_better=False),
    Indicator(
        "p11_share_over_3m", "§ 11-forløb over 3 måneder", "§ 11 courses lasting over 3 months",
        ACTIVITY, "pct",
        "Andel af § 11-forløb startet i perioden, der varede mere end 3 måneder (bevillingsgrænsen), dvs. mere end "
        f"{GRANT_LIMIT_DAYS} dage. Forløb, der fortsætter uden ophold (fx ved lovskiftet 2024), er ét forløb. "
        "Kun forløb, hvor det vides: afsluttede, eller kørt mere end 3 måneder.",
        f"Share of § 11 courses started in the period that lasted over 3 months (the grant limit): over {GRANT_LIMIT_DAYS} days, "
        "among courses where this is known.",
        Measure("indsats_started", "count(*)", f"{PREVENTIVE} AND known_3m AND over_3m"),
        Measure("indsats_started", "count(*)", f"{PREVENTIVE} AND known_3m"), scale=100,
        basis=(Measure("indsats_started", "count(*)", f"{PREVENTIVE} AND known_3m AND over_3m"),
               Measure("indsats_started", "count(*)", f"{PREVENTIVE} AND known_3m")),
        breakdowns=("district", "unit", "sector"), higher_is_better=False, decimals=1, lag_months=3),
    Indicator(
        "children_per_step", "Børn på indsatstrappen", "Children on the intervention staircase",
        ACTIVITY, "antal",
        "Antal forskellige børn med en aktiv indsats ved periodens slutning, pr. trin på indsatstrappen (1-6).",
        "Distinct children with an active intervention at the end of the period, per staircase step (1-6).",
        Measure("indsats_active", "count(DISTINCT barn_id)"),
        basis=(Measure("indsats_active", "count(DISTINCT barn_id)"),),
        breakdowns=("district", "sector", "step"), headline=False),
    Indicator(
        "placements_per_1000", "Anbragte pr. 1.000 0-17-årige", "Children placed per 1,000 aged 0-17",
        RESULT, "pr_1000",
        "Børn med en anbringelse (trin 4-6) ved periodens slutning pr. 1.000 indbyggere på 0-17 år."
        + _UNCOVERED_DA,
        "Children in a placement (steps 4-6) at the end of the period per 1,000 residents aged 0-17."
        + _UNCOVERED_EN,
        _PLACED, _POP_0_17, scale=1000, basis=(_PLACED,),
        uncovered=Measure("indsats_active", "count(*)", "step >= 4 AND NOT populated"),
        higher_is_better=False, decimals=1, stable_within=0.2),
    # Placements by type (issue 17): the staircase's steps 4, 5 and 6 each per 1.000 aged 0-17, as
    # Danmarks Statistik and the reports (002 annex) compare municipalities. Each numerator is the
    # staircase's own cell for that step (the disclosure grid ties them to children per step).
    *(Indicator(
        f"placements_step{step}_per_1000", f"Anbragte i {name_da} pr. 1.000 0-17-årige",
        f"Children in {name_en} per 1,000 aged 0-17", RESULT, "pr_1000",
        f"Børn anbragt i {name_da} (trin {step}) ved periodens slutning pr. 1.000 indbyggere på 0-17 år.",
        f"Children placed in {name_en} (step {step}) at the end of the period per 1,000 residents aged 0-17.",
        Measure("indsats_active", "count(DISTINCT barn_id)", f"step BETWEEN {step} AND {step}"), _POP_0_17,
        scale=1000, basis=(Measure("indsats_active", "count(DISTINCT barn_id)", f"step BETWEEN {step} AND {step}"),),
        higher_is_better=False, decimals=1, stable_within=0.2, headline=False)
      for step, name_da, name_en in ((4, "netværkspleje", "kinship care"), (5, "plejefamilie", "foster families"),
                                     (6, "døgninstitution og opholdssted", "residential care"))),
    Indicator(
        "preventive_per_1000", "Børn med forebyggende indsats pr. 1.000 0-17-årige",
        "Children with a preventive measure per 1,000 aged 0-17", ACTIVITY, "pr_1000",
        "Børn med en aktiv forebyggende eller hjemmebaseret indsats (trin 2-3) ved periodens slutning pr. 1.000 "
        "indbyggere på 0-17 år (som Danmarks Statistiks forebyggende foranstaltninger).",
        "Children with an active preventive or home-based measure (steps 2-3) at the end of the period per 1,000 "
        "residents aged 0-17.",
        _CHILDREN_STEPS_2_3, _POP_0_17, scale=1000, basis=(_CHILDREN_STEPS_2_3,), decimals=1, headline=False),
    Indicator(
        "spend_vs_budget", "Forbrug i procent af budget", "Spend as percent of budget", RESOURCE, "pct",
        "Bogført forbrug i procent af periodens budget (korrigeret budget) fra økonomiarket. "
        "Tæller = forbrug i kr., nævner = budget i kr.",
        "Booked spend as percent of the period's corrected budget. Numerator = spend (DKK), "
        "denominator = budget (DKK).",
        Measure("oekonomi", "sum(forbrug)"), Measure("oekonomi", "sum(budget)"), scale=100,
        breakdowns=("sector",), decimals=1),
    Indicator(
        "spend_per_0_22_steps_2_3", "Udgift til trin 2-3 pr. 0-22-årig",
        "Spend on steps 2-3 per resident aged 0-22", RESOURCE, "kr_pr_indbygger",
        "Udgift til forebyggende og hjemmebaserede indsatser (trin 2-3) pr. indbygger på 0-22 år, omregnet "
        "til helår. Udgift = månedlig udgift × andel af månedens dage forløbet løber." + _UNCOVERED_DA,
        "Spend on preventive and home-based measures (steps 2-3) per resident aged 0-22, annualised."
        + _UNCOVERED_EN,
        Measure("indsats_cost", "sum(cost)", "step BETWEEN 2 AND 3"), _POP_0_22, annualise=True,
        uncovered=Measure("indsats_cost", "count(*)", "step BETWEEN 2 AND 3 AND NOT populated"),
        basis=(Measure("indsats_cost", "count(DISTINCT barn_id)", "step BETWEEN 2 AND 3"),)),
    Indicator(
        "spend_per_0_22_steps_4_6", "Udgift til anbringelser pr. 0-22-årig",
        "Spend on placements per resident aged 0-22", RESOURCE, "kr_pr_indbygger",
        "Udgift til anbringelser (trin 4-6) pr. indbygger på 0-22 år, omregnet til helår. "
        "Landsgennemsnit 2018: 5.313 kr." + _UNCOVERED_DA,
        "Spend on placements (steps 4-6) per resident aged 0-22, annualised." + _UNCOVERED_EN,
        Measure("indsats_cost", "sum(cost)", "step BETWEEN 4 AND 6"), _POP_0_22, annualise=True,
        uncovered=Measure("indsats_cost", "count(*)", "step BETWEEN 4 AND 6 AND NOT populated"),
        basis=(Measure("indsats_cost", "count(DISTINCT barn_id)", "step BETWEEN 4 AND 6"),),
        higher_is_better=False),
    Indicator(
        "prevention_ratio", "Forebyggelsesgrad", "Prevention ratio", RESOURCE, "pct",
        "Udgift til trin 2-3 (forebyggende og hjemmebaserede indsatser) i procent af udgiften til "
        "trin 4-6 (anbringelser). Landsgennemsnit 2018: 71,8 %. Stabil = ændring inden for ±3 point.",
        "Spend on steps 2-3 as percent of spend on steps 4-6.",
        Measure("indsats_cost", "sum(cost)", "step BETWEEN 2 AND 3"),
        Measure("indsats_cost", "sum(cost)", "step BETWEEN 4 AND 6"), scale=100,
        basis=(Measure("indsats_cost", "count(DISTINCT barn_id)", "step BETWEEN 2 AND 3"),
               Measure("indsats_cost", "count(DISTINCT barn_id)", "step BETWEEN 4 AND 6")),
        breakdowns=("district", "sector"), higher_is_better=True, decimals=1, stable_within=3.0),
    Indicator(
        "notifications_per_1000", "Underretninger pr. 1.000 0-17-årige", "Notifications per 1,000 aged 0-17",
        RESULT, "pr_1000",
        "Underretninger pr. 1.000 indbyggere på 0-17 år, omregnet til helår. Flere underretninger er "
        "hverken godt eller skidt i sig selv: læs tallet i sin sammenhæng." + _POPULATED_DA,
        "Notifications of concern per 1,000 residents aged 0-17, annualised. Neither good nor bad in itself."
        + _POPULATED_EN,
        _NOTIFICATIONS, _POP_0_17, scale=1000, annualise=True, basis=(_NOTIFICATIONS,),
        decimals=1),
    Indicator(
        "escalation_after_utm", "Eskalering efter UTM", "Escalation after UTM", RESULT, "pct",
        f"Andel af børn drøftet på et UTM-møde, som inden for 12 måneder ({FOLLOW_UP_DAYS} dage) efter mødet får en indsats på trin 4 "
        "eller højere (anbringelse). Pr. kvartal: børn drøftet i de fire kvartaler til og med kvartalet (et "
        "løbende år, fordi ét kvartal har for få børn til at vise). Kohortemål: vises først, når 12 måneder er gået.",
        "Share of children discussed at a UTM who receive a step-4+ measure within 12 months. Per quarter: "
        "children discussed in the four quarters up to and including it (a rolling year, because one quarter "
        "has too few children to show). A cohort measure, shown once 12 months have passed.",
        Measure("utm_cohort", "count(*)", "complete AND escalated"),
        Measure("utm_cohort", "count(*)", "complete"), scale=100,
        basis=(Measure("utm_cohort", "count(*)", "complete AND escalated"),
               Measure("utm_cohort", "count(*)", "complete")),
        breakdowns=("district", "unit", "sector"), higher_is_better=False, decimals=1, lag_months=12,
        window_quarters=4),
    Indicator(
        "utm_wait_median_days", "Dage fra henvendelse til UTM-møde", "Days from request to UTM meeting",
        ACTIVITY, "dage",
        "Median antal dage fra henvendelsen til UTM-mødet blev holdt, for møder med registreret henvendelsesdato.",
        "Median days from the request to the UTM meeting, for meetings with a request date.",
        Measure("utm", "median(wait_days)", "wait_days IS NOT NULL"), basis=(_UTM_WAIT,),
        breakdowns=("district", "unit", "sector", "meeting_type"), higher_is_better=False, headline=False),
    Indicator(
        "utm_advisor_share", "UTM-møder med rådgiver fra familieafdelingen",
        "UTM meetings with a family-department advisor", ACTIVITY, "pct",
        "Andel af UTM-møder, hvor en rådgiver fra familieafdelingen deltog, blandt møder hvor det er registreret.",
        "Share of UTM meetings attended by a family-department advisor, where registered.",
        Measure("utm", "count(*)", "raadgiver_deltog"), _UTM_ADVISOR_KNOWN, scale=100,
        basis=(Measure("utm", "count(*)", "raadgiver_deltog"), _UTM_ADVISOR_KNOWN), breakdowns=("district", "unit", "sector", "meeting_type"),
        higher_is_better=True, decimals=1, headline=False),
    Indicator(
        "utm_children", "Børn drøftet på UTM", "Children discussed at a UTM", RESULT, "antal",
        "Antal forskellige børn drøftet på et UTM-møde i perioden, hvis 12 måneder efter mødet er gået "
        "(første trin i tragten UTM → § 11 → eskalering).",
        "Distinct children discussed at a UTM in the period, once 12 months have passed (funnel step 1).",
        Measure("utm_cohort", "count(*)", _COHORT), basis=(Measure("utm_cohort", "count(*)", _COHORT),),
        breakdowns=("district", "unit", "sector"), lag_months=12, headline=False),
    Indicator(
        "utm_children_p11", "Børn med § 11-udfald efter UTM", "Children with a § 11 outcome after UTM",
        RESULT, "antal",
        "Af børnene drøftet på UTM i perioden: antal, hvor et møde i perioden endte med en § 11-indsats "
        "(tragtens andet trin).",
        "Of the children discussed at a UTM in the period: those with a § 11 outcome (funnel step 2).",
        Measure("utm_cohort", "count(*)", f"{_COHORT} AND p11_outcome"),
        basis=(Measure("utm_cohort", "count(*)", f"{_COHORT} AND p11_outcome"), Measure("utm_cohort", "count(*)", _COHORT)),
        within=Measure("utm_cohort", "count(*)", _COHORT),
        breakdowns=("district", "unit", "sector"), lag_months=12, headline=False),
    Indicator(
        "utm_children_escalated", "Børn eskaleret til trin 4+ efter UTM", "Children escalated to step 4+ after UTM",
        RESULT, "antal",
        "Af børnene drøftet på UTM i perioden: antal, der inden for 12 måneder fik en indsats på trin 4 "
        "eller højere (tragtens tredje trin).",
        "Of the children discussed at a UTM in the period: those with a step 4+ measure within 12 months.",
        Measure("utm_cohort", "count(*)", f"{_COHORT} AND escalated"),
        basis=(Measure("utm_cohort", "count(*)", f"{_COHORT} AND escalated"),),
        breakdowns=("district", "unit", "sector"), lag_months=12, headline=False, higher_is_better=False),
    Indicator(
        "p11_ended", "§ 11-forløb afsluttet", "§ 11 courses ended", ACTIVITY, "antal",
        "Antal tidligt forebyggende forløb (§ 11 / BL § 30), der sluttede i perioden.",
        "Early preventive courses (§ 11 / BL § 30) that ended in the period.",
        _P11_ENDED, basis=(_P11_ENDED,),
        breakdowns=("district", "unit", "sector", "granted_by", "intervention_type", "goal"), headline=False),
    Indicator(
        "p11_extended_share", "§ 11-forløb forlænget", "§ 11 courses extended", ACTIVITY, "pct",
        "Andel af § 11-forløb startet i perioden, der blev forlænget ud over den planlagte slutdato "
        "(registreret som forlænget, eller kørte efter den planlagte slutdato). Kun forløb, hvis planlagte "
        "slutdato er passeret.",
        "Share of § 11 courses started in the period that ran past their planned end, among those whose "
        "planned end has passed.",
        _P11_EXTENDED, _P11_PLANNED_END_PASSED, scale=100,
        basis=(_P11_EXTENDED, _P11_PLANNED_END_PASSED),
        breakdowns=("district", "unit", "sector", "granted_by", "intervention_type"),
        higher_is_better=False, decimals=1, headline=False),
    Indicator(
        "p11_overdue", "§ 11-forløb over planlagt slutdato", "§ 11 courses past their planned end",
        ACTIVITY, "antal",
        "Antal § 11-forløb, der ved periodens slutning stadig kørte mere end {dage} dage efter den planlagte "
        "slutdato. Antallet af dage vælges af brugeren.",
        "§ 11 courses still running at the end of the period more than {dage} days after their planned end.",
        Measure("indsats_active", "count(*)",
                f"{PREVENTIVE} AND planlagt_slutdato IS NOT NULL AND period_end - planlagt_slutdato > {{dage}}"),
        basis=(Measure("indsats_active", "count(*)",
                       f"{PREVENTIVE} AND planlagt_slutdato IS NOT NULL "
                       "AND period_end - planlagt_slutdato > {dage}"),),
        breakdowns=("district", "unit", "sector", "granted_by"), higher_is_better=False, headline=False,
        parameters=(("dage", 30),)),
    Indicator(
        "p11_goal_met_share", "§ 11-forløb med mål opfyldt", "§ 11 courses with goals met", RESULT, "pct",
        "Andel af afsluttede § 11-forløb, hvor målet blev opfyldt (ja), blandt forløb med registreret "
        "målopfyldelse (ja, delvist, nej).",
        "Share of ended § 11 courses whose goal was met, among those with goal attainment registered.",
        _P11_GOAL_MET, _P11_GOAL_KNOWN, scale=100, basis=(_P11_GOAL_MET, _P11_GOAL_KNOWN),
        breakdowns=("district", "unit", "sector", "granted_by", "intervention_type"),
        higher_is_better=True, decimals=1, headline=False),
    Indicator(
        "p11_cost", "Udgift til § 11-forløb", "Spend on § 11 courses", RESOURCE, "kr",
        "Udgift til tidligt forebyggende forløb (§ 11 / BL § 30) i perioden: månedlig udgift × andel af "
        "månedens dage forløbet løber. Opdelt på betalende sektor viser den, hvem der betaler for det, "
        "skoler og dagtilbud bevilger.",
        "Spend on early preventive courses in the period, prorated by days; by paying sector it shows who "
        "pays for what schools and daycares grant.",
        Measure("indsats_cost", "sum(cost)", PREVENTIVE), basis=(_P11_COST_CHILDREN,),
        breakdowns=("district", "unit", "sector", "granted_by", "intervention_type"), headline=False),
    # ---- Economy across sectors and the intervention staircase (issue 5) ----
    Indicator(
        "intervention_cost", "Udgift til indsatser", "Spend on interventions", RESOURCE, "kr",
        "Udgift til alle indsatser (trin 1-6) i perioden: månedlig udgift × andel af månedens dage, "
        "forløbet løber. Opdelt på hvem der bevilgede og hvilken sektor der betaler, viser den fx, at "
        "skoleledere bevilger, mens familieafdelingen betaler.",
        "Spend on all interventions (steps 1-6) in the period: monthly cost × share of the month's days the "
        "course runs. By granting party and paying sector it shows e.g. school leaders granting while the "
        "family department pays.",
        _COST_ALL, basis=(_COST_ALL_CHILDREN,), breakdowns=_INTERVENTION_BREAKDOWNS, headline=False),
    Indicator(
        "interventions_with_cost", "Indsatser med udgift", "Interventions with a cost", ACTIVITY, "antal",
        "Antal forskellige indsatsforløb med en månedlig udgift, der kørte på et tidspunkt i perioden.",
        "Distinct intervention courses with a monthly cost that ran at some point in the period.",
        _COST_ALL_COURSES, basis=(_COST_ALL_CHILDREN,), breakdowns=_INTERVENTION_BREAKDOWNS, headline=False),
    Indicator(
        "interventions_active", "Aktive indsatser ved periodens slutning", "Interventions active at period end",
        ACTIVITY, "antal",
        "Antal indsatsforløb (alle trin), der stadig løb ved periodens sidste dag.",
        "Intervention courses (all steps) still running on the last day of the period.",
        _ACTIVE_ALL, basis=(_ACTIVE_ALL_CHILDREN,), breakdowns=_INTERVENTION_BREAKDOWNS, headline=False),
    Indicator(
        "interventions_started", "Indsatser startet", "Interventions started", ACTIVITY, "antal",
        "Antal indsatsforløb (alle trin), der startede i perioden.",
        "Intervention courses (all steps) started in the period.",
        _STARTED_ALL, basis=(_STARTED_ALL_CHILDREN,), breakdowns=_INTERVENTION_BREAKDOWNS, headline=False),
    Indicator(
        "children_started", "Børn med en indsats startet", "Children starting an intervention", ACTIVITY, "antal",
        "Antal forskellige børn, der startede et indsatsforløb (alle trin) i perioden. Bruges til at følge op på, "
        "hvor mange børn en investeringscase har nået.",
        "Distinct children who started an intervention course (all steps) in the period; how many children an "
        "investment case has reached.",
        _STARTED_ALL_CHILDREN, basis=(_STARTED_ALL_CHILDREN,), breakdowns=_INTERVENTION_BREAKDOWNS, headline=False),
    Indicator(
        "interventions_fye", "Helårsindsatser", "Full-year interventions", ACTIVITY, "helaarsindsatser",
        "Gennemsnitligt antal samtidigt kørende indsatser med udgift i perioden (helårsindsatser): summen "
        "af de måneder, forløbene løber (som andel af månedens dage), divideret med periodens måneder. "
        "Det er mængden i budgetforudsætningerne (antal × gennemsnitspris).",
        "Average number of interventions with a cost running at the same time in the period: the months the "
        "courses run divided by the period's months. The volume in the budget assumptions.",
        _CASE_MONTHS, scale=1 / 12, annualise=True, basis=(_COST_ALL_CHILDREN,),
        breakdowns=_INTERVENTION_BREAKDOWNS, decimals=1, headline=False),
    Indicator(
        "intervention_price_fye", "Gennemsnitspris pr. helårsindsats", "Average price per full-year intervention",
        RESOURCE, "kr",
        "Udgift pr. helårsindsats på årsbasis: udgiften i perioden divideret med de måneder, forløbene "
        "løber, × 12. Det er prisen i budgetforudsætningerne (antal × gennemsnitspris).",
        "Yearly cost per full-year intervention: the period's cost divided by the months the courses run, "
        "× 12. The price in the budget assumptions.",
        _COST_ALL, _CASE_MONTHS, scale=12, basis=(_COST_ALL_CHILDREN,), breakdowns=_INTERVENTION_BREAKDOWNS,
        higher_is_better=False, headline=False),
    Indicator(
        "budget_kr", "Budget", "Budget", RESOURCE, "kr",
        "Periodens andel af det korrigerede budget fra økonomiarket, i kr.",
        "The period's share of the corrected budget from the finance sheet, DKK.",
        _BUDGET, breakdowns=("sector", "cost_type"), headline=False),
    Indicator(
        "budget_year_kr", "Korrigeret budget, helår", "Corrected budget, full year", RESOURCE, "kr",
        "Det korrigerede budget for hele året: summen af periodernes budget, omregnet til helår, hvis "
        "årets sidste kvartaler endnu ikke er indberettet.",
        "The corrected budget for the whole year: the periods' budget, annualised if the year's last "
        "quarters are not yet reported.",
        _BUDGET, annualise=True, breakdowns=("sector", "cost_type"), headline=False, tile_span="year_to_date"),
    Indicator(
        "spend_kr", "Forbrug", "Spend", RESOURCE, "kr",
        "Bogført forbrug i perioden fra økonomiarket, i kr.",
        "Booked spend in the period from the finance sheet, DKK.",
        _SPEND, breakdowns=("sector", "cost_type"), headline=False),
    Indicator(
        "project_spend", "Forbrug på tværgående løsninger", "Spend on cross-sector solutions", RESOURCE, "kr",
        "Bogført forbrug i perioden på rækker i økonomiarket med et projekt (en tværgående løsning, fx "
        "\"Trivsel på Tværs\"), pr. sektor, der har bogført det.",
        "Booked spend in the period on finance rows with a project (a cross-sector solution), by the sector "
        "that booked it.",
        _PROJECT_SPEND, breakdowns=("sector", "cost_type"), headline=False),
    Indicator(
        "placement_share", "Andel af børnene på trin 4-6", "Share of children on steps 4-6", RESULT, "pct",
        "Af børnene med en aktiv indsats på trin 2-6 ved periodens slutning: andelen med en anbringelse "
        "(trin 4-6). Et fald betyder, at kommunen bevæger sig ned ad indsatstrappen.",
        "Of the children with an active step 2-6 intervention at period end: the share placed (steps 4-6). "
        "A fall means the municipality moves down the staircase.",
        _CHILDREN_STEPS_4_6, _CHILDREN_STEPS_2_6, scale=100, basis=(_CHILDREN_STEPS_4_6, _CHILDREN_STEPS_2_6),
        breakdowns=("district", "sector"), higher_is_better=False, decimals=1, headline=False),
    # ---- Results: does it work for the children? (issue 15) ----
    Indicator(
        "fit_effect", "FIT: borgerens vurdering af udbytte", "FIT: the citizen's rating of benefit", RESULT, "point",
        "Borgerens egen vurdering af, hvad forløbet har gjort godt for (FIT, Feedback Informed Treatment), "
        "nøgletallet fit_effekt på den skala kommunen indberetter." + _WEIGHTED_DA,
        "The citizen's own rating of the benefit of the course (FIT, Feedback Informed Treatment), key figure "
        "fit_effekt on the scale the municipality reports." + _WEIGHTED_EN,
        *_weighted("fit_effekt"), basis=(_weighted("fit_effekt")[1],), higher_is_better=True, decimals=1),
    Indicator(
        "fit_collaboration", "FIT: borgerens vurdering af samarbejdet", "FIT: the citizen's rating of collaboration",
        RESULT, "point",
        "Borgerens vurdering af samarbejdet med medarbejderen (FIT, nøgletallet fit_samarbejde), på den skala "
        "kommunen indberetter." + _WEIGHTED_DA,
        "The citizen's rating of the collaboration with the practitioner (FIT, key figure fit_samarbejde)."
        + _WEIGHTED_EN,
        *_weighted("fit_samarbejde"), basis=(_weighted("fit_samarbejde")[1],), higher_is_better=True, decimals=1,
        headline=False),
    *(Indicator(
        f"wellbeing_{colour}_share", f"Trivsel 0-6 år (TOPI): {name_da}", f"Well-being 0-6 (TOPI): {name_en}",
        RESULT, "pct",
        f"Andel af de vurderede 0-6-årige, hvis trivsel blev vurderet {name_da} (TOPI-trafiklys, vurderes for alle "
        "børn to gange om året; nøgletallet " + key + ")." + _WEIGHTED_DA
        + " Vises kun, når alle tre farver har mindst så mange børn som mindste cellestørrelse.",
        f"Share of the assessed 0-6-year-olds whose well-being was assessed {name_en} (TOPI traffic light, every "
        "child twice a year; key figure " + key + ")." + _WEIGHTED_EN,
        *_weighted(key), basis=_TRAFFIC_LIGHT_BASIS, higher_is_better=better, decimals=1, headline=headline)
      for colour, key, name_da, name_en, better, headline in (
          ("green", "trivsel_groen", "grøn", "green", True, False),
          ("yellow", "trivsel_gul", "gul", "yellow", None, False),
          ("red", "trivsel_roed", "rød", "red", False, False))),
    Indicator(
        "school_absence", "Elevfravær", "School absence", RESULT, "pct",
        "Elevernes fravær i procent af skoledagene (nøgletallet fravaer_pct)." + _WEIGHTED_DA,
        "Pupils' absence as percent of school days (key figure fravaer_pct)." + _WEIGHTED_EN,
        *_weighted("fravaer_pct"), basis=(_weighted("fravaer_pct")[1],), higher_is_better=False, decimals=1,
        headline=False),
    Indicator(
        "repeat_notification_share", "Genunderretninger", "Repeat notifications", RESULT, "pct",
        "Genunderretninger (om et barn, der er underrettet om før) i procent af alle underretninger i perioden "
        "(nøgletallene genunderretninger og underretninger)." + _POPULATED_DA,
        "Repeat notifications (about a child notified before) as percent of all notifications in the period."
        + _POPULATED_EN,
        _REPEATS, _NOTIFICATIONS, scale=100, basis=(_REPEATS, _NOTIFICATIONS, _FIRST_NOTIFICATIONS),
        higher_is_better=False, decimals=1, headline=False),
    Indicator(
        "caseload_per_caseworker", "Sager pr. rådgiver", "Cases per caseworker", ACTIVITY, "antal",
        "Antal børnesager pr. rådgiver i familieafdelingen (nøgletallet sager_pr_raadgiver, med antal rådgivere "
        "som n): alle sager divideret med alle rådgivere." + _WEIGHTED_DA,
        "Child cases per caseworker in the family department (key figure sager_pr_raadgiver, with the number of "
        "caseworkers as n): all cases divided by all caseworkers." + _WEIGHTED_EN,
        *_weighted("sager_pr_raadgiver"), basis=(_weighted("sager_pr_raadgiver")[0],), higher_is_better=False,
        decimals=1, headline=False),
    Indicator(
        "utm_first_meeting_age", "Alder ved første UTM-møde", "Age at the first UTM meeting", RESULT, "aar",
        "Børnenes gennemsnitlige alder ved et første UTM-møde (ikke opfølgning) i perioden: hvor tidligt en "
        "bekymring tages op. Arket UTM har alderen; alder ved første foranstaltning og ved underretning findes "
        "ikke i indberetningen.",
        "Children's mean age at a first UTM meeting (not follow-up) in the period: how early a concern is taken "
        "up. The UTM sheet has the age; age at first measure and at notification are not in the workbook.",
        Measure("utm", "avg(alder)", "moedetype = 'foerste'"),
        basis=(Measure("utm", "count(*)", "moedetype = 'foerste'"),),
        breakdowns=("district", "unit", "sector"), decimals=1, headline=False),
)

INDICATORS += (
    Indicator(
        "fit_ors_change", "FIT: ændring i ORS pr. forløb", "FIT: change in ORS per course", RESULT, "point",
        "Gennemsnitlig ændring i ORS (Outcome Rating Scale, 0-40 point) fra forløbets første til seneste "
        "måling. " + _FIT_SCOPE_DA,
        "Average change in ORS (Outcome Rating Scale, 0-40 points) from the course's first to its latest "
        "measurement. " + _FIT_SCOPE_EN,
        Measure("fit_course", "sum(ors_change)", _FIT), _FIT_COURSES, basis=(_FIT_COURSES,),
        breakdowns=_FIT_BREAKDOWNS, higher_is_better=True, decimals=1, headline=False),
    Indicator(
        "fit_reliable_improvement_share", "FIT: forløb med pålidelig forbedring",
        "FIT: courses with reliable improvement", RESULT, "pct",
        f"Andel af forløbene, hvor ORS steg med mindst {fit.RELIABLE_CHANGE:g} point fra første til seneste "
        f"måling (ORS' pålidelige ændring, reliable change index; {fit.SOURCE_RCI}). " + _FIT_SCOPE_DA,
        f"Share of courses whose ORS rose by at least {fit.RELIABLE_CHANGE:g} points from the first to the latest "
        f"measurement (the ORS's reliable change index; {fit.SOURCE_RCI}). " + _FIT_SCOPE_EN,
        _FIT_IMPROVED, _FIT_COURSES, scale=100, basis=(_FIT_IMPROVED, _FIT_COURSES),
        breakdowns=_FIT_BREAKDOWNS, higher_is_better=True, decimals=1, headline=False),
    Indicator(
        "fit_above_cutoff_share", "FIT: forløb over den kliniske grænse ved seneste måling",
        "FIT: courses above the clinical cut-off at the latest measurement", RESULT, "pct",
        "Andel af forløbene, hvis seneste ORS ligger på eller over den kliniske grænse for alderen (under "
        f"grænsen er det kliniske område): {fit.cutoffs_text('da')} ({fit.SOURCE_YOUTH}; {fit.SOURCE_RCI}). "
        "Alderen er den senest angivne ved en måling; forløb uden alder, eller med børn under 6 år (ingen "
        "offentliggjort grænse), tæller ikke med. " + _FIT_SCOPE_DA,
        "Share of courses whose latest ORS is at or above the clinical cut-off for the age (below it is the "
        f"clinical range): {fit.cutoffs_text('en')} ({fit.SOURCE_YOUTH}; {fit.SOURCE_RCI}). The age is the latest "
        "given at a measurement; courses without an age, or of children under 6 (no published cut-off), are left "
        "out. " + _FIT_SCOPE_EN,
        _FIT_ABOVE_CUTOFF, _FIT_CUTOFF_KNOWN, scale=100, basis=(_FIT_ABOVE_CUTOFF, _FIT_CUTOFF_KNOWN, _FIT_COURSES),
        within=_FIT_COURSES, breakdowns=_FIT_BREAKDOWNS, higher_is_better=True, decimals=1, headline=False),
    Indicator(
        "fit_srs_mean", "FIT: gennemsnitlig SRS (samarbejde) pr. forløb", "FIT: average SRS (alliance) per course",
        RESULT, "point",
        "Gennemsnit over forløbene af hvert forløbs gennemsnitlige SRS (Session Rating Scale, 0-40 point): "
        "barnets eller den unges vurdering af samarbejdet (alliancen). Kun forløb med mindst én SRS. "
        + _FIT_SCOPE_DA,
        "Average over the courses of each course's average SRS (Session Rating Scale, 0-40 points): the "
        "child's or young person's rating of the alliance. Only courses with an SRS. " + _FIT_SCOPE_EN,
        Measure("fit_course", "sum(srs_mean)", f"{_FIT} AND srs_mean IS NOT NULL"), _FIT_SRS_KNOWN,
        basis=(_FIT_SRS_KNOWN,), breakdowns=_FIT_BREAKDOWNS, higher_is_better=True, decimals=1, headline=False),
)

BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in INDICATORS}


class UnknownIndicator(KeyError):
    def __init__(self, indicator_id: str):
        super().__init__(indicator_id)
        from steering_core.texts import t
        self.message = t("catalogue.unknown", id=indicator_id, known=", ".join(BY_ID))

    def __str__(self) -> str:
        return self.message


def get(indicator_id: str) -> Indicator:
    try:
        return BY_ID[indicator_id]
    except KeyError:
        raise UnknownIndicator(indicator_id) from None
