"""The quarterly workbook ("Kvartalsindberetning") declared once, as data.

Sheets, columns, types, allowed values and aliases (English names, æ/ø/å
spellings), and what the store makes of each sheet (its table and archive,
column types, key, what an upload replaces, whether its rows date activity)
live here and nowhere else: the store's tables and migrations, the reader, the
validator's type casts, the replacement scope, the engine's dated sources, the
template, the report and the column tables of docs/DATA_FORMAT.md all read
this module. See DATA_CONTRACT.md and "Adding a sheet" in docs/DATA_FORMAT.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from steering_core import domain, fit
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
    # How the store keeps it:
    blank: str | int | None = None           # stored for a blank cell ('' or 0), so the column is never NULL
    filled: bool = False                     # optional in the sheet, but the importer always fills it in
    checked: bool = False                    # the store enforces ``choices`` / ``minimum`` / ``maximum`` too
    sql_type: str | None = None              # instead of the kind's usual type (SQL_TYPES)
    source: str | None = None                # a derived column (SheetSpec.derived): placed after this one

    @property
    def keys(self) -> set[str]:
        return {key(self.name), *(key(alias) for alias in self.aliases)}

    def value_lookup(self) -> dict[str, str]:
        """Matching key -> allowed value, for CHOICE columns."""
        lookup = {key(choice): choice for choice in self.choices}
        lookup.update({key(written): value for written, value in self.value_aliases})
        return lookup


# The store's column type per kind.
SQL_TYPES = {TEXT: "VARCHAR", CHOICE: "VARCHAR", PERIOD: "VARCHAR", DATE: "DATE", INT: "INTEGER",
             YEAR: "INTEGER", AMOUNT: "DECIMAL(14, 2)", NUMBER: "DOUBLE", YESNO: "BOOLEAN"}

# What an upload replaces beyond rows with the same key (docs/DATA_FORMAT.md, upload/scope.py):
BY_KEY = "key"          # nothing more
PER_PERIOD = "period"   # stored rows in a period (the quarter of ``dated_by``, or the span of its period
                        # column) that the file has, with the same ``Replaces.keys``
PER_YEAR = "year"       # stored rows of a (kommune, aar) the file has
WHOLE_LIST = "list"     # every stored row of the municipality


@dataclass(frozen=True)
class Replaces:
    per: str = BY_KEY
    keys: tuple[str, ...] = ()


# Every stored row carries its municipality; it leads every key, so several can share a database.
KOMMUNE = Column("kommune", TEXT)


@dataclass(frozen=True)
class SheetSpec:
    name: str                                # the sheet name in the template
    table: str                               # the store's table; replaced rows go to ``archive``
    columns: tuple[Column, ...]              # the sheet's columns, in the template's order
    aliases: tuple[str, ...] = ()            # other sheet names (English, singular, with æ/ø/å)
    unique: tuple[str, ...] = ()             # columns whose values must be unique
    derived: tuple[Column, ...] = field(default=())  # store columns the importer fills (``source``: from which)
    key: tuple[str, ...] = ()                # the stored row's key after ``kommune``
    replaces: Replaces = Replaces()
    dated_by: str | None = None              # the date or period column dating the rows' activity (data cut-off)
    register: bool = False                   # every upload lists all running rows: dated data reach the cut-off
    checks: tuple[str, ...] = ()             # SQL conditions across columns the store enforces

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def archive(self) -> str:
        """Where rows an upload replaces are kept (never deleted), so an undo can bring them back."""
        return f"{self.table}_erstattet"

    @property
    def store_key(self) -> tuple[str, ...]:
        return ("kommune", *self.key)

    @property
    def stored(self) -> tuple[Column, ...]:
        """The table's columns in the store's order: ``kommune``, then the sheet's, each followed by those derived from it."""
        own = [c for c in self.columns if c.name != "kommune"]
        ordered = [next((c for c in self.columns if c.name == "kommune"), KOMMUNE)]
        for column in own:
            ordered.append(column)
            ordered.extend(d for d in self.derived if d.source == column.name)
        return tuple(ordered)

    @property
    def store_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.stored)

    def not_null(self, column: Column) -> bool:
        """Whether the store holds a value in every row."""
        return (column.required or column.filled or column.blank is not None or column.name in self.store_key
                or column in self.derived)

    @property
    def dated(self) -> tuple[str, str, str] | None:
        """(first day, last day, which rows count) of the rows' activity, for the data cut-off: a day column,
        or a period of at most a quarter (a yearly budget or key figure says nothing about how far data reach)."""
        if self.dated_by is None:
            return None
        if self.column(self.dated_by).kind == PERIOD:
            start, end = f"{self.dated_by}_start", f"{self.dated_by}_slut"
            return start, end, f"{end} - {start} < 92"
        return self.dated_by, self.dated_by, "TRUE"

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    @property
    def name_keys(self) -> set[str]:
        return {key(self.name), *(key(alias) for alias in self.aliases)}


def _period_days(period: str) -> tuple[Column, ...]:
    """A period column's first and last day, stored beside it."""
    return (Column(f"{period}_start", DATE, source=period), Column(f"{period}_slut", DATE, source=period))


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
    key=("enhed_id",),
)

BEFOLKNING = SheetSpec(
    "Befolkning", "befolkning",
    (
        Column("distrikt", TEXT, True, aliases=("district",)),
        Column("aar", YEAR, True, aliases=("år", "year")),
        _choice("aldersgruppe", domain.AGE_GROUPS, aliases=("age_group", "alder", "age"),
                value_aliases=(("0-5 år", "0-5"), ("6-17 år", "6-17"), ("18-22 år", "18-22")), checked=True),
        Column("antal", INT, True, minimum=0, aliases=("count", "number", "indbyggere", "population"),
               checked=True),
    ),
    aliases=("population", "indbyggere"),
    key=("distrikt", "aar", "aldersgruppe"),
)

UTM = SheetSpec(
    "UTM", "utm",
    (
        Column("moede_id", TEXT, True, aliases=("meeting_id", "mødeid", "møde id")),
        Column("moededato", DATE, True, aliases=("meeting_date", "dato", "date")),
        Column("henvendelsesdato", DATE, False, aliases=("request_date", "referral_date")),
        Column("enhed_id", TEXT, True, aliases=("unit_id", "unit")),
        Column("barn_id", TEXT, True, aliases=("child_id", "barnid", "pseudonym")),
        Column("alder", INT, True, minimum=0, maximum=22, aliases=("age",), checked=True),
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
    key=("moede_id",),
    replaces=Replaces(PER_PERIOD, ("enhed_id",)),
    dated_by="moededato",
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
        Column("trin", INT, True, minimum=1, maximum=6, aliases=("step", "indsatstrappe"), checked=True),
        _choice("bevilget_af", domain.GRANTED_BY, aliases=("granted_by", "bevilliget_af"),
                value_aliases=(("school leader", "skoleleder"), ("family department", "familieafdeling"),
                               ("other", "andet"))),
        Column("bevilgende_enhed_id", TEXT, False, aliases=("granting_unit_id", "bevilgende_enhed")),
        Column("udfoerende_enhed_id", TEXT, False, aliases=("provider_unit_id", "udførende_enhed")),
        _choice("betalende_sektor", domain.SECTORS, aliases=("paying_sector", "betaler"),
                value_aliases=_SECTOR_ALIASES),
        Column("distrikt", TEXT, False, aliases=("district",), filled=True),   # else the granting unit's
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
    # the family of measures the paragraph belongs to (domain.intervention_family), one series across laws
    derived=(Column("familie", TEXT, source="paragraf"),),
    key=("indsats_id",),
    replaces=Replaces(PER_PERIOD, ("distrikt", "betalende_sektor")),
    dated_by="startdato",
    register=True,
    checks=("slutdato IS NULL OR slutdato >= startdato",),
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
        Column("projekt", TEXT, False, aliases=("project", "tværgående løsning"), blank=""),
        Column("budget", AMOUNT, True, aliases=("korrigeret budget", "budget kr"), cpr_rule=TEN_DIGITS_ONLY,
               sql_type="DECIMAL(16, 2)"),
        Column("forbrug", AMOUNT, True, aliases=("spend", "actual", "regnskab", "forbrug kr"),
               cpr_rule=TEN_DIGITS_ONLY, sql_type="DECIMAL(16, 2)"),
    ),
    aliases=("økonomi", "finance", "economy", "budget"),
    derived=_period_days("periode"),
    key=("periode", "sektor", "omkostningstype", "projekt"),
    replaces=Replaces(PER_PERIOD, ("sektor", "projekt")),
    dated_by="periode",
)

KEY_FIGURES = ("underretninger", "genunderretninger", "fit_effekt", "fit_samarbejde", "trivsel_groen",
               "trivsel_gul", "trivsel_roed", "fravaer_pct", "sager_pr_raadgiver")

NOEGLETAL = SheetSpec(
    "Noegletal", "noegletal",
    (
        Column("periode", PERIOD, True, aliases=("period",)),
        Column("distrikt", TEXT, False, aliases=("district",), blank=""),
        Column("enhed_id", TEXT, False, aliases=("unit_id",), blank=""),
        _choice("noegletal", KEY_FIGURES, open_list=True, aliases=("key_figure", "indikator", "indicator")),
        Column("vaerdi", NUMBER, True, aliases=("value", "værdi")),
        Column("antal", INT, False, minimum=0, aliases=("count", "n")),
    ),
    aliases=("nøgletal", "key figures", "kpi", "indikatorer"),
    derived=_period_days("periode"),
    key=("periode", "distrikt", "enhed_id", "noegletal"),
    replaces=Replaces(PER_PERIOD, ("distrikt", "enhed_id", "noegletal")),
    dated_by="periode",
)

# Finance's budget assumptions: per year, one row per intervention type *or* staircase step (never
# both, never neither), so a deviation splits into volume and price (docs/DATA_FORMAT.md). The store
# holds '' for a blank ``indsatstype`` and 0 for a blank ``trin``; the validator fills them in.
BUDGETFORUDSAETNINGER = SheetSpec(
    "Budgetforudsaetninger", "budgetforudsaetninger",
    (
        Column("aar", YEAR, True, aliases=("år", "year", "budgetår", "budget_year")),
        Column("indsatstype", TEXT, False, aliases=("intervention_type", "measure_type", "indsats", "ydelse"),
               blank=""),
        Column("trin", INT, False, minimum=1, maximum=6, aliases=("step", "indsatstrappe"), blank=0, checked=True),
        Column("forventet_antal", NUMBER, True, minimum=0,
               aliases=("expected_count", "expected_number", "budget_count", "helårsindsatser",
                        "antal helårsindsatser"), checked=True),
        Column("forventet_gennemsnitspris", AMOUNT, True, minimum=0,
               aliases=("expected_average_price", "expected_price", "budget_price", "average_price",
                        "gennemsnitspris", "forventet pris"), checked=True),
        Column("kommune", TEXT, False, aliases=("municipality",)),
    ),
    aliases=("Budgetforudsætninger", "budgetforudsætning", "budget assumptions", "budget assumption"),
    key=("aar", "indsatstype", "trin"),
    replaces=Replaces(PER_YEAR),
    checks=("(indsatstype = '') <> (trin = 0)",),
)

# Known future cases for commitment accounting (optional): each a monthly rate from a start to an
# optional stop, paid by a sector (docs/DATA_FORMAT.md). An upload replaces the municipality's list.
PLANLAGTE_SAGER = SheetSpec(
    "PlanlagteSager", "planlagt_sag",
    (
        Column("sag_id", TEXT, True, aliases=("case_id", "id", "sag")),
        _choice("sektor", domain.SECTORS, aliases=("sector", "betalende_sektor"), value_aliases=_SECTOR_ALIASES),
        Column("maanedlig_udgift", AMOUNT, True, minimum=0,
               aliases=("monthly_cost", "rate", "takst", "kr_pr_maaned", "månedlig udgift"), checked=True),
        Column("startdato", DATE, True, aliases=("start", "start_date", "forventet start")),
        Column("slutdato", DATE, False, aliases=("stop", "end_date", "forventet stop")),
        Column("beskrivelse", TEXT, False, aliases=("description", "note", "tekst"), blank=""),
    ),
    aliases=("Planlagte sager", "planlagte_sager", "planlagt sag", "forventede sager", "planned cases",
             "expected cases"),
    unique=("sag_id",),
    key=("sag_id",),
    replaces=Replaces(WHOLE_LIST),
    checks=("slutdato IS NULL OR slutdato >= startdato",),
)

# FIT measurements per course (optional): one row per session with the child's ORS and SRS scores
# (steering_core/fit.py). The course must exist and the date lie within it (validation); an upload
# replaces a course's measurements per quarter of ``dato``.
FIT_MAALINGER = SheetSpec(
    "FITMaalinger", "fit_maaling",
    (
        Column("indsats_id", TEXT, True, aliases=("intervention_id", "sagsid", "forløbsid", "forloeb_id")),
        Column("dato", DATE, True, aliases=("date", "måledato", "maaledato", "sessionsdato", "session_date",
                                            "målingsdato")),
        Column("ors", NUMBER, True, minimum=fit.SCORE_MIN, maximum=fit.SCORE_MAX, checked=True,
               aliases=("ors_score", "outcome rating scale", "cors", "effekt")),
        Column("srs", NUMBER, False, minimum=fit.SCORE_MIN, maximum=fit.SCORE_MAX, checked=True,
               aliases=("srs_score", "session rating scale", "csrs", "samarbejde", "alliance")),
        Column("alder", INT, False, minimum=0, maximum=120, checked=True,
               aliases=("age", "alder ved måling", "respondentens alder")),
    ),
    aliases=("FIT", "FIT-målinger", "FIT målinger", "fit_maalinger", "FIT-maalinger", "FIT measurements",
             "fit_maaling"),
    key=("indsats_id", "dato"),
    replaces=Replaces(PER_PERIOD, ("indsats_id",)),
    dated_by="dato",
)

SHEETS: tuple[SheetSpec, ...] = (ENHEDER, BEFOLKNING, UTM, INDSATSER, OEKONOMI, NOEGLETAL, BUDGETFORUDSAETNINGER,
                                 PLANLAGTE_SAGER, FIT_MAALINGER)
BY_TABLE: dict[str, SheetSpec] = {spec.table: spec for spec in SHEETS}
# The sheets whose rows date activity: together they set the data cut-off.
DATED: tuple[SheetSpec, ...] = tuple(spec for spec in SHEETS if spec.dated_by)

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
