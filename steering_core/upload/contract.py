"""The quarterly workbook ("Kvartalsindberetning") declared once, as data.

Sheets, columns, types, allowed values and aliases (English names, æ/ø/å
spellings) live here and nowhere else: the reader, the validator, the
template and the report all read this module. See DATA_CONTRACT.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from steering_core import domain
from steering_core.upload.cpr import TEN_DIGITS_ONLY
from steering_core.upload.parsing import key

# Column kinds
TEXT = "text"
DATE = "date"
INT = "int"
AMOUNT = "amount"
NUMBER = "number"
YESNO = "yesno"
CHOICE = "choice"
PERIOD = "period"
YEAR = "year"

KINDS = (TEXT, DATE, INT, AMOUNT, NUMBER, YESNO, CHOICE, PERIOD, YEAR)
NUMERIC_KINDS = (INT, AMOUNT, NUMBER)


@dataclass(frozen=True)
class Column:
    name: str                                # header in the template and column name in the store
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()            # the allowed values (CHOICE)
    open_list: bool = False                  # values outside ``choices`` are warnings, not errors
    minimum: float | None = None
    maximum: float | None = None
    aliases: tuple[str, ...] = ()            # other headers users write (English, long forms)
    value_aliases: tuple[tuple[str, str], ...] = ()   # (as written, allowed value)
    cpr_rule: str | None = None              # how the CPR guard reads its number cells (cpr.TEN_DIGITS_ONLY)
    future_dates: bool = False               # a date far ahead is normal (a planned end), not a typo

    @property
    def keys(self) -> set[str]:
        return {key(self.name), *(key(alias) for alias in self.aliases)}

    def value_lookup(self) -> dict[str, str]:
        """Matching key -> allowed value, for CHOICE columns."""
        lookup = {key(choice): choice for choice in self.choices}
        lookup.update({key(written): value for written, value in self.value_aliases})
        return lookup


@dataclass(frozen=True)
class SheetSpec:
    name: str                                # the sheet name in the template
    table: str                               # the store's table
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()            # other sheet names (English, singular, with æ/ø/å)
    unique: tuple[str, ...] = ()             # columns whose values must be unique
    derived: tuple[str, ...] = field(default=())  # store columns filled by the importer

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    @property
    def name_keys(self) -> set[str]:
        return {key(self.name), *(key(alias) for alias in self.aliases)}


def _choice(name: str, choices: tuple[str, ...], required: bool = True, **kw) -> Column:
    return Column(name, CHOICE, required, choices=choices, **kw)


_SECTOR_ALIASES = (("familie myndighed", "familie_myndighed"), ("myndighed", "familie_myndighed"),
                   ("familie udfoerer", "familie_udfoerer"), ("udfoerer", "familie_udfoerer"),
                   ("jobcenter", "beskaeftigelse"), ("voksen", "voksen_social"), ("school", "skole"),
                   ("daycare", "dagtilbud"))

ENHEDER = SheetSpec(
    "Enheder", "enhed",
    (
        Column("enhed_id", TEXT, True, aliases=("unit_id", "unit id", "enhedsid", "enhedsnummer")),
        Column("enhed_navn", TEXT, True, aliases=("unit_name", "enhedsnavn", "navn", "name")),
        _choice("enhedstype", domain.UNIT_TYPES, aliases=("unit_type", "type"),
                value_aliases=_SECTOR_ALIASES + (("school", "skole"), ("other", "andet"))),
        Column("distrikt", TEXT, True, aliases=("district", "omraade", "område")),
        _choice("sektor", domain.SECTORS, aliases=("sector", "budgetomraade", "budgetområde"),
                value_aliases=_SECTOR_ALIASES),
        Column("kommune", TEXT, False, aliases=("municipality",)),
    ),
    aliases=("enhed", "units", "unit", "organisation", "organization"),
    unique=("enhed_id",),
)

BEFOLKNING = SheetSpec(
    "Befolkning", "befolkning",
    (
        Column("distrikt", TEXT, True, aliases=("district",)),
        Column("aar", YEAR, True, aliases=("år", "year")),
        _choice("aldersgruppe", domain.AGE_GROUPS, aliases=("age_group", "alder", "age"),
                value_aliases=(("0-5 år", "0-5"), ("6-17 år", "6-17"), ("18-22 år", "18-22"))),
        Column("antal", INT, True, minimum=0, aliases=("count", "number", "indbyggere", "population")),
    ),
    aliases=("population", "indbyggere"),
)

UTM = SheetSpec(
    "UTM", "utm",
    (
        Column("moede_id", TEXT, True, aliases=("meeting_id", "mødeid", "møde id")),
        Column("moededato", DATE, True, aliases=("meeting_date", "dato", "date")),
        Column("henvendelsesdato", DATE, False, aliases=("request_date", "referral_date")),
        Column("enhed_id", TEXT, True, aliases=("unit_id", "unit")),
        Column("barn_id", TEXT, True, aliases=("child_id", "barnid", "pseudonym")),
        Column("alder", INT, True, minimum=0, maximum=22, aliases=("age",)),
        _choice("koen", domain.GENDERS, required=False, aliases=("gender", "sex"),
                value_aliases=(("girl", "pige"), ("boy", "dreng"), ("other", "andet"), ("p", "pige"),
                               ("d", "dreng"))),
        _choice("moedetype", domain.MEETING_TYPES, aliases=("meeting_type", "type"),
                value_aliases=(("første møde", "foerste"), ("first", "foerste"),
                               ("opfølgningsmøde", "opfoelgning"), ("follow-up", "opfoelgning"),
                               ("followup", "opfoelgning"))),
        _choice("udfald", domain.UTM_OUTCOMES, aliases=("outcome", "resultat"),
                value_aliases=(("§ 11", "paragraf11"), ("§11", "paragraf11"), ("paragraf 11", "paragraf11"),
                               ("bl § 30", "paragraf11"), ("§ 30", "paragraf11"), ("none", "ingen"),
                               ("other", "andet"), ("notification", "underretning"))),
        Column("raadgiver_deltog", YESNO, False, aliases=("advisor_present", "adviser_present",
                                                          "rådgiver deltog")),
    ),
    aliases=("utm møder", "utm-møder", "teammøder", "undersøgende teammøder", "meetings", "møder",
             "fokusmøder"),
    unique=("moede_id",),
)

# Staircase step when ``trin`` is blank: from the intervention type (DOMAIN.md section 3).
STEP_BY_TYPE: dict[str, int] = {
    key(name): step for name, step in (
        ("Samtaleforløb", 2), ("Forældrekursus", 2), ("Cool Kids", 2), ("Gruppeforløb", 2),
        ("Rådgivning", 2), ("Kontaktperson", 3), ("Aflastning", 3), ("Praktisk pædagogisk støtte", 3),
        ("Netværkspleje", 4), ("Netværksplejefamilie", 4), ("Plejefamilie", 5),
        ("Kommunal plejefamilie", 5), ("Døgninstitution", 6), ("Opholdssted", 6),
    )
}


def derive_step(indsatstype: str | None, family: str | None) -> int | None:
    """The staircase step of an intervention type, when the type settles it."""
    if not indsatstype:
        return None
    found = key(indsatstype)
    if found == key("Familiebehandling"):
        # family treatment is step 2 as § 11 / BL § 30 and step 3 under § 52 / BL § 32
        return {domain.PREVENTIVE: 2, domain.SUPPORTIVE: 3}.get(family or "")
    return STEP_BY_TYPE.get(found)


INDSATSER = SheetSpec(
    "Indsatser", "indsats",
    (
        Column("indsats_id", TEXT, True, aliases=("intervention_id", "sagsid", "forløbsid")),
        Column("barn_id", TEXT, True, aliases=("child_id", "barnid", "pseudonym")),
        Column("paragraf", TEXT, True, aliases=("section", "paragraph", "lovgrundlag", "hjemmel")),
        Column("indsatstype", TEXT, True, aliases=("intervention_type", "indsats", "ydelse")),
        Column("trin", INT, True, minimum=1, maximum=6, aliases=("step", "indsatstrappe")),
        _choice("bevilget_af", domain.GRANTED_BY, aliases=("granted_by", "bevilliget_af"),
                value_aliases=(("school leader", "skoleleder"), ("family department", "familieafdeling"),
                               ("other", "andet"))),
        Column("bevilgende_enhed_id", TEXT, False, aliases=("granting_unit_id", "bevilgende_enhed")),
        Column("udfoerende_enhed_id", TEXT, False, aliases=("provider_unit_id", "udførende_enhed")),
        _choice("betalende_sektor", domain.SECTORS, aliases=("paying_sector", "betaler"),
                value_aliases=_SECTOR_ALIASES),
        Column("distrikt", TEXT, False, aliases=("district",)),
        Column("startdato", DATE, True, aliases=("start_date", "start", "bevillingsdato")),
        Column("planlagt_slutdato", DATE, False, aliases=("planned_end_date", "planlagt slut"), future_dates=True),
        Column("slutdato", DATE, False, aliases=("end_date", "slut", "ophørsdato")),
        Column("forlaenget", YESNO, False, aliases=("extended", "forlængelse")),
        Column("maanedlig_udgift", AMOUNT, False, aliases=("monthly_cost", "udgift pr måned",
                                                           "månedlig pris", "pris pr måned")),
        Column("utm_moede_id", TEXT, False, aliases=("utm_meeting_id", "utm møde id")),
        _choice("maal_opfyldt", domain.GOAL_ATTAINMENT, required=False, aliases=("goal_met", "mål opfyldt"),
                value_aliases=(("yes", "ja"), ("partly", "delvist"), ("no", "nej"), ("delvis", "delvist"))),
    ),
    aliases=("indsats", "interventions", "intervention", "foranstaltninger", "§ 11-indsatser"),
    unique=("indsats_id",),
    derived=("familie",),
)

OEKONOMI = SheetSpec(
    "Oekonomi", "oekonomi",
    (
        Column("periode", PERIOD, True, aliases=("period", "kvartal", "maaned")),
        _choice("sektor", domain.SECTORS, aliases=("sector", "budgetområde"), value_aliases=_SECTOR_ALIASES),
        _choice("omkostningstype", domain.COST_TYPES, aliases=("cost_type", "art", "udgiftstype"),
                value_aliases=(("løn", "loen"), ("salary", "loen"), ("interventions", "indsatser"),
                               ("operations", "drift"), ("overførsler", "overfoersler"),
                               ("transfers", "overfoersler"))),
        Column("projekt", TEXT, False, aliases=("project", "tværgående løsning")),
        Column("budget", AMOUNT, True, aliases=("korrigeret budget", "budget kr"), cpr_rule=TEN_DIGITS_ONLY),
        Column("forbrug", AMOUNT, True, aliases=("spend", "actual", "regnskab", "forbrug kr"),
               cpr_rule=TEN_DIGITS_ONLY),
    ),
    aliases=("økonomi", "finance", "economy", "budget"),
    derived=("periode_start", "periode_slut"),
)

KEY_FIGURES = ("underretninger", "genunderretninger", "fit_effekt", "fit_samarbejde", "trivsel_groen",
               "trivsel_gul", "trivsel_roed", "fravaer_pct", "sager_pr_raadgiver")

NOEGLETAL = SheetSpec(
    "Noegletal", "noegletal",
    (
        Column("periode", PERIOD, True, aliases=("period",)),
        Column("distrikt", TEXT, False, aliases=("district",)),
        Column("enhed_id", TEXT, False, aliases=("unit_id",)),
        _choice("noegletal", KEY_FIGURES, open_list=True, aliases=("key_figure", "indikator", "indicator")),
        Column("vaerdi", NUMBER, True, aliases=("value", "værdi")),
        Column("antal", INT, False, minimum=0, aliases=("count", "n")),
    ),
    aliases=("nøgletal", "key figures", "kpi", "indikatorer"),
    derived=("periode_start", "periode_slut"),
)

# Finance's budget assumptions: per year, one row per intervention type *or* staircase step (never
# both, never neither), so a deviation splits into volume and price (docs/DATA_FORMAT.md). The store
# holds '' for a blank ``indsatstype`` and 0 for a blank ``trin``; the validator fills them in.
BUDGETFORUDSAETNINGER = SheetSpec(
    "Budgetforudsaetninger", "budgetforudsaetninger",
    (
        Column("aar", YEAR, True, aliases=("år", "year", "budgetår", "budget_year")),
        Column("indsatstype", TEXT, False, aliases=("intervention_type", "measure_type", "indsats", "ydelse")),
        Column("trin", INT, False, minimum=1, maximum=6, aliases=("step", "indsatstrappe")),
        Column("forventet_antal", NUMBER, True, minimum=0,
               aliases=("expected_count", "expected_number", "budget_count", "helårsindsatser",
                        "antal helårsindsatser")),
        Column("forventet_gennemsnitspris", AMOUNT, True, minimum=0,
               aliases=("expected_average_price", "expected_price", "budget_price", "average_price",
                        "gennemsnitspris", "forventet pris")),
        Column("kommune", TEXT, False, aliases=("municipality",)),
    ),
    aliases=("Budgetforudsætninger", "budgetforudsætning", "budget assumptions", "budget assumption"),
)

# Known future cases for commitment accounting (optional): each a monthly rate from a start to an
# optional stop, paid by a sector (docs/DATA_FORMAT.md). An upload replaces the municipality's list.
PLANLAGTE_SAGER = SheetSpec(
    "PlanlagteSager", "planlagt_sag",
    (
        Column("sag_id", TEXT, True, aliases=("case_id", "id", "sag")),
        _choice("sektor", domain.SECTORS, aliases=("sector", "betalende_sektor"), value_aliases=_SECTOR_ALIASES),
        Column("maanedlig_udgift", AMOUNT, True, minimum=0,
               aliases=("monthly_cost", "rate", "takst", "kr_pr_maaned", "månedlig udgift")),
        Column("startdato", DATE, True, aliases=("start", "start_date", "forventet start")),
        Column("slutdato", DATE, False, aliases=("stop", "end_date", "forventet stop")),
        Column("beskrivelse", TEXT, False, aliases=("description", "note", "tekst")),
    ),
    aliases=("Planlagte sager", "planlagte_sager", "planlagt sag", "forventede sager", "planned cases",
             "expected cases"),
    unique=("sag_id",),
)

SHEETS: tuple[SheetSpec, ...] = (ENHEDER, BEFOLKNING, UTM, INDSATSER, OEKONOMI, NOEGLETAL, BUDGETFORUDSAETNINGER,
                                 PLANLAGTE_SAGER)
BY_TABLE: dict[str, SheetSpec] = {spec.table: spec for spec in SHEETS}

# Sheets in the template that carry no data and are skipped without a word.
INFO_SHEETS = frozenset({key("Vejledning"), key("Guide"), key("Instructions"), key("Lister")})

# A row whose text is one of these is a total row: skipped and reported.
TOTAL_WORDS = frozenset({key(w) for w in ("I alt", "Ialt", "Total", "Totalt", "Sum", "I alt:", "Samlet")})


def spec_for_name(name: str) -> SheetSpec | None:
    """The sheet a sheet or file name stands for (``UTM``, ``Økonomi``, ``indsatser_2025K3.csv``)."""
    whole = key(name)
    for spec in SHEETS:
        if whole in spec.name_keys:
            return spec
    # file names like "UTM 2025K3.csv" or "skole_indsatser.csv": any word may name the sheet
    words = [key(w) for w in re.split(r"[\s_\-.]+", str(name))]
    for spec in SHEETS:
        if any(w in spec.name_keys for w in words if w):
            return spec
    return None
