"""Danmarks Statistik's Statbank files as users download them, mapped to reference fields.

Two layouts are read:

- **the API's CSV** (api.statbank.dk, format CSV): ``;``-separated, one header row with one column per
  variable, named by its id (``ADMKOM``, ``OMRÅDE``, ``KØN``, ``TID``), and the value in ``INDHOLD``, one
  row per combination, values as texts ("Hele landet", "I alt", "2023");
- **the website's export** (statistikbanken.dk, "Gem som" CSV or Excel): title rows (the table's title,
  often with its code, and "Enhed: ..."), a header row with the periods across and blank cells above
  the variables' columns, then one row per combination with the periods' values across; a variable's
  label is written once and left blank below while it repeats.

Each table the product maps is declared once in ``TABLES``: its area variable, its other variables with
the label of their total, the reference fields its rows become and, where a variable splits the count
into several fields (the placement's type), which labels go to which field. The parser follows the
declaration in both layouts: the area is the declared area variable (the first label column of the
website's export), a population's single ages are summed, the splitting variable is recognised by its
labels, and every other variable must be at its total. Tables that are known but cannot be mapped are
refused with the reason (``REFUSED``); every other table with the list of the supported ones.
``..`` is Danmarks Statistik's mark for a figure it does not publish: such cells are skipped and counted
in a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from steering_core.texts import t
from steering_core.upload.parsing import ParseError, is_blank, key, parse_amount, shown
from steering_core.upload.problems import ERROR, WARNING, Problem, problem

API, WEB = "api", "web"
COUNTRY_NAMES = ("helelandet", "landet", "danmark")
NOT_AN_AREA = ("region", "landsdel", "uoplyst")      # regions and provinces, and "Uoplyst kommune"
_TIME_VARIABLES = ("tid", "time")
_NOT_PUBLISHED = {"..", ".", "-", ""}
FIRST_YEAR, LAST_YEAR = 1900, 2200       # as the key-figure sheet's years (parsing.parse_year)
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[KQM])(?P<part>\d{1,2}))?$", re.IGNORECASE)
_TABLE_CODE = re.compile(r"(?<![A-ZÆØÅ])([A-ZÆØÅ]{2,8}\d{1,3}[A-Z]{0,2})(?![A-Z0-9])")
_AGE = re.compile(r"^(\d{1,3})\s*år$", re.IGNORECASE)
TOTAL = "I alt"


@dataclass(frozen=True)
class Variable:
    """A variable of a Statbank table: its id as the API's header writes it, its name as the table's
    title writes it, and the label(s) of its total."""
    id: str
    name_da: str
    total: tuple[str, ...] = (TOTAL,)


@dataclass(frozen=True)
class StatbankTable:
    """A Statbank table the product maps to reference fields.

    ``fields`` gives each field the labels of the ``split`` variable summed into it; a table without a
    split variable has one field, and every variable at its total. ``ages`` sums the single ages of the
    variable with that id (a population 0-17). ``first_quarter``: a stock counted per quarter, whose
    first quarter (1 January) stands for the year; every other table is counted per year."""
    code: str
    name_da: str
    area: Variable
    variables: tuple[Variable, ...]
    fields: dict[str, tuple[str, ...]]
    split: str | None = None
    ages: tuple[str, int, int] | None = None
    first_quarter: bool = False

    def variable(self, variable_id: str) -> Variable:
        return next(v for v in self.variables if v.id == variable_id)

    @property
    def totals(self) -> set[str]:
        return {key(label) for v in self.variables for label in v.total}

    def field_of(self, label: str) -> str | None:
        """The field a label of the split variable goes to (None: a label counted in no field)."""
        return next((name for name, labels in self.fields.items() if key(label) in {key(x) for x in labels}), None)


# The variables' ids and labels as Danmarks Statistik documents the tables (statistikbanken.dk, the
# API's tableinfo; see docs/DATA_FORMAT.md for what is and is not established). Only the area's id is
# read from a file's header; the others are matched by their labels, which both layouts write.
_ADMKOM = Variable("ADMKOM", "administrationskommune")
_KOMMUNEDK = Variable("KOMMUNEDK", "kommune")
_OMRAADE = Variable("OMRÅDE", "område")
_CHILDREN_WITH_MEASURES = "Børn og unge der modtager forebyggende foranstaltninger og indsatser i alt"
TABLES = {table.code: table for table in (
    StatbankTable(
        "UND1", "underretninger",
        _ADMKOM, (Variable("UNDERRETERE", "underrettere"), Variable("ALDER1", "alder"), Variable("KØN", "køn")),
        {"underretninger": (TOTAL,)}),
    StatbankTable(
        "ISBU02", "børn og unge med forebyggende indsatser",
        _KOMMUNEDK, (Variable("INDSATSER", "indsats", (_CHILDREN_WITH_MEASURES,)),),
        {"boern_forebyggende": (_CHILDREN_WITH_MEASURES,)}),
    StatbankTable(
        "ANBAAR12", "anbragte efter anbringelsessted",
        _ADMKOM, (Variable("ANBRINGELSE", "anbringelsessted"),),
        # The staircase's steps 4-6 (catalogue: placements by type). Danmarks Statistik writes two of
        # the foster-family labels "plejefamlie"; both spellings are accepted. Kost- og efterskole,
        # eget værelse and "Uoplyst" are in the total, and in no type.
        {"anbragte": (TOTAL,),
         "anbragte_netvaerkspleje": ("Netværksplejefamilie",),
         "anbragte_plejefamilie": ("Almindelig plejefamilie", "Almindelig plejefamlie", "Kommunal plejefamilie",
                                   "Plejefamilie efter §76 a (unge med funktionsnedsættelse)", "Almen plejefamilie",
                                   "Forstærket plejefamilie", "Specialiseret plejefamilie",
                                   "Specialiseret plejefamlie"),
         "anbragte_doegninstitution": ("Døgninstitution, almindelig afdeling",
                                       "Delvis lukket døgninstitution eller delvis lukket afdeling på åben "
                                       "døgninstitution", "Døgninstitution, sikret afdeling",
                                       "Opholdssted for børn og unge")},
        split="ANBRINGELSE"),
    StatbankTable(
        "FOLK1A", "befolkningen 0-17 år",
        _OMRAADE, (Variable("KØN", "køn"), Variable("ALDER", "alder", ("Alder i alt", TOTAL)),
                   Variable("CIVILSTAND", "civilstand")),
        {"befolkning_0_17": (TOTAL,)}, ages=("ALDER", 0, 17), first_quarter=True),
)}
_AREA_IDS = {key(table.area.id) for table in TABLES.values()}

# Tables named in the field's sources that are known but not mapped, each with the reason (a text key).
REFUSED = {
    "UND2": "ref.why.und2", "UND3": "ref.why.und3", "ISBU01": "ref.why.isbu01",
    "ISBU03": "ref.why.landsdel", "ISBU04": "ref.why.landsdel", "BU43": "ref.why.bu43",
    "ANBAAR2": "ref.why.country", "ANBAAR15": "ref.why.country", "ANBAAR8": "ref.why.landsdel",
    "ANBAAR10": "ref.why.landsdel", "ANBAAR16": "ref.why.landsdel", "ANBAAR17": "ref.why.landsdel",
    "ANBAAR9": "ref.why.anbaar9", "ANBAAR13": "ref.why.anbaar13", "ANBAAR14": "ref.why.anbaar14",
}


def supported() -> str:
    """The supported tables as a message lists them."""
    return ", ".join(TABLES)


@dataclass
class Parsed:
    """A Statbank file read into long rows: one column per variable, ``period`` and ``value``, and the
    row (as Excel numbers it) and column each value came from."""
    layout: str
    table: str | None
    rows: pd.DataFrame
    variables: tuple[str, ...]
    area: str
    problems: list[Problem] = field(default_factory=list)


def table_code(*texts: str) -> str | None:
    """A Statbank table code (``UND1``, ``FOLK1A``) found in a title or file name."""
    for text in texts:
        upper = str(text or "").upper()
        known = [code for code in (*TABLES, *REFUSED) if re.search(rf"(?<![A-ZÆØÅ]){code}(?![A-Z0-9])", upper)]
        found = known or _TABLE_CODE.findall(upper)
        if found:
            return found[0]
    return None


def looks_like_statbank(rows: list[list[object]]) -> bool:
    """True for either layout: an API header ending in INDHOLD, or a row of periods across."""
    return _api_header(rows) is not None or _web_header(rows) is not None


def parse(rows: list[list[object]], *, file: str = "", sheet: str = "") -> Parsed:
    """Read a sheet in either layout into long rows; problems name the file, sheet, row and column."""
    where = {"file": file, "sheet": sheet}
    header = _api_header(rows)
    if header is not None:
        return _parse_api(rows, header, where)
    found = _web_header(rows)
    if found is not None:
        return _parse_web(rows, *found, where)
    return Parsed(WEB, None, pd.DataFrame(), (), "", [problem(ERROR, "ref.err.not_statbank", **where)])


def _cells(row: list[object]) -> list[str]:
    return ["" if is_blank(v) else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip())
            for v in row]


def _api_header(rows: list[list[object]]) -> int | None:
    for index, row in enumerate(rows[:5]):
        cells = [c for c in _cells(row) if c]
        if cells:
            return index if key(cells[-1]) == "indhold" and len(cells) >= 2 else None
    return None


def _is_period(text: str) -> bool:
    return bool(_PERIOD.match(text.replace(" ", "")))


def _web_header(rows: list[list[object]]) -> tuple[int, int] | None:
    """(header row, first period column) of the website's export."""
    for index, row in enumerate(rows[:30]):
        cells = _cells(row)
        filled = [i for i, c in enumerate(cells) if c]
        if not filled or filled[0] == 0:
            continue
        first = filled[0]
        if all(_is_period(cells[i]) for i in filled) and filled == list(range(first, first + len(filled))):
            return index, first
    return None


def _parse_api(rows, header: int, where: dict) -> Parsed:
    names = _cells(rows[header])
    while names and not names[-1]:
        names.pop()
    value_col = len(names) - 1
    variables = tuple(names[:value_col])
    keys = [key(v) for v in variables]
    problems: list[Problem] = []
    time_at = next((i for i, k in enumerate(keys) if k in _TIME_VARIABLES), None)
    area_at = next((i for i, k in enumerate(keys) if k in _AREA_IDS), None)
    if time_at is None or area_at is None:
        areas = list(dict.fromkeys(table.area.id for table in TABLES.values()))
        missing = "TID" if time_at is None else t("ref.one_of", first=", ".join(areas[:-1]), last=areas[-1])
        problems.append(problem(ERROR, "ref.err.api_variable", row=header + 1, variable=missing, **where))
        return Parsed(API, None, pd.DataFrame(), variables, "", problems)
    records = []
    for r in range(header + 1, len(rows)):
        cells = _cells(rows[r]) + [""] * (len(names) - len(rows[r]))
        if not any(cells):
            continue
        records.append({**{variables[i]: cells[i] for i in range(value_col) if i != time_at},
                        "period": cells[time_at].replace(" ", ""), "raw": _cell(rows[r], value_col),
                        "row": r + 1, "col": value_col, "period_col": time_at})
    others = tuple(v for i, v in enumerate(variables) if i != time_at)
    frame = pd.DataFrame(records, columns=[*others, "period", "raw", "row", "col", "period_col"])
    return _values(Parsed(API, None, frame, others, variables[area_at], problems), where)


def _parse_web(rows, header: int, first: int, where: dict) -> Parsed:
    title = " ".join(c for row in rows[:header] for c in _cells(row) if c)
    periods = _cells(rows[header])
    variables = tuple(f"variabel {i + 1}" for i in range(first))
    records, carried = [], [""] * first
    for r in range(header + 1, len(rows)):
        cells = _cells(rows[r]) + [""] * (len(periods) - len(rows[r]))
        values = cells[first:len(periods)]
        if not any(cells):
            continue
        if not any(values):
            continue     # a note under the table, or a label row without figures
        labels = [cells[i] or carried[i] for i in range(first)]
        carried = labels
        for offset, period in enumerate(periods[first:]):
            if period:
                records.append({**dict(zip(variables, labels)), "period": period.replace(" ", ""),
                                "raw": _cell(rows[r], first + offset), "row": r + 1, "col": first + offset,
                                "period_col": first + offset})
    frame = pd.DataFrame(records, columns=[*variables, "period", "raw", "row", "col", "period_col"])
    parsed = Parsed(WEB, table_code(title), frame, variables, variables[0] if variables else "")
    return _values(parsed, where)


def _cell(row: list[object], index: int) -> object:
    """The cell as the reader gave it: a number cell stays a number (12,345 is not the text "12.345")."""
    value = row[index] if index < len(row) else ""
    return "" if is_blank(value) else value


def _values(parsed: Parsed, where: dict) -> Parsed:
    """Parse the values: a number (none below 0: Statbank's tables here are counts), or Danmarks
    Statistik's mark for an unpublished figure."""
    frame = parsed.rows
    values, bad, negative, skipped = [], [], [], 0
    for raw, row, col in zip(frame["raw"], frame["row"], frame["col"]):
        if isinstance(raw, str) and raw.strip() in _NOT_PUBLISHED:
            values.append(None)
            skipped += 1
            continue
        try:
            value = parse_amount(raw)
        except ParseError:
            value = None
            bad.append((raw, row, col))
        if value is not None and value < 0:
            negative.append((raw, row, col))
            value = None
        values.append(value)
    for code, found in (("ref.err.value", bad), ("ref.err.negative", negative)):
        for raw, row, col in found[:20]:
            parsed.problems.append(problem(ERROR, code, row=int(row), col=int(col), found=shown(raw)[:40], **where))
    if skipped:
        parsed.problems.append(problem(WARNING, "ref.warn.not_published", count=skipped, **where))
    parsed.rows = frame.assign(value=values).drop(columns=["raw"])
    parsed.rows = parsed.rows[parsed.rows["value"].notna()].reset_index(drop=True)
    return parsed


def area_name(text: str) -> str:
    """A Statbank area as the comparison names it: the whole country as one name, a municipality as
    written (Danmarks Statistik writes "København", without "Kommune")."""
    from steering_core.reference.builtin import COUNTRY
    return COUNTRY if key(text) in COUNTRY_NAMES else text.strip()


def to_reference(parsed: Parsed, table: str | None, downloaded: date | None, *, file: str = "",
                 sheet: str = "") -> tuple[pd.DataFrame, list[Problem]]:
    """The parsed rows as reference rows (kommune, aar, felt, vaerdi, antal, kilde, tabel, hentet), as the
    table's declaration in ``TABLES`` says."""
    where = {"file": file, "sheet": sheet}
    code = (table or parsed.table or "").upper()
    problems = list(parsed.problems)
    if not code:
        problems.append(problem(ERROR, "ref.err.no_table", known=supported(), **where))
    elif code in REFUSED:
        problems.append(problem(ERROR, "ref.err.refused_table", table=code, reason=t(REFUSED[code]),
                                known=supported(), **where))
    elif code not in TABLES:
        problems.append(problem(ERROR, "ref.err.unknown_table", table=code, known=supported(), **where))
    if any(p.is_error for p in problems):
        return _empty(), problems
    spec = TABLES[code]
    frame = parsed.rows
    if frame.empty:
        return _empty(), problems
    areas = frame[parsed.area]
    if areas.str.fullmatch(r"\d+").all():
        row = frame.iloc[0]
        problems.append(problem(ERROR, "ref.err.codes", row=int(row["row"]), found=str(row[parsed.area])[:20],
                                **where))
        return _empty(), problems
    keep, fields_of, failed = _rows_used(spec, parsed, where)
    if failed:
        return _empty(), problems + failed
    used = frame[keep].assign(felt=fields_of[keep])
    used = used[used["felt"].notna()]
    if used.empty:
        return _empty(), problems
    used, failed = _years(spec, used, where)
    if failed:
        return _empty(), problems + failed
    # The same area, breakdown and period twice would be summed into one figure: refuse it instead.
    identity = [*parsed.variables, "period"]
    repeated = used[used.duplicated(identity, keep=False)]
    if len(repeated):
        first_rows = repeated.groupby(identity)["row"].transform("min")
        later = repeated[repeated["row"] != first_rows]
        problems += [problem(ERROR, "ref.err.statbank_duplicate", row=int(row), other=int(other), **where)
                     for row, other in zip(later["row"].head(20), first_rows[later.index].head(20))]
        return _empty(), problems
    used["kommune"] = used[parsed.area].map(area_name)
    used = used[~used["kommune"].map(lambda s: key(s).startswith(NOT_AN_AREA))]
    if used.empty:
        return _empty(), problems
    result = used.groupby(["kommune", "aar", "felt"], as_index=False)["value"].sum()
    hentet = downloaded or date.today()
    result = result.rename(columns={"value": "vaerdi"}).assign(
        antal=pd.array([None] * len(result), dtype="Int64"),
        kilde=f"Danmarks Statistik, {code} (hentet {hentet.strftime('%d-%m-%Y')})", tabel=code, hentet=hentet)
    from steering_core.store import REFERENCE_TABLE
    return result[list(REFERENCE_TABLE.columns)], problems


def _rows_used(spec: StatbankTable, parsed: Parsed, where: dict) -> tuple[pd.Series, pd.Series, list[Problem]]:
    """Which rows the declaration uses, and the field each goes to. The variables are recognised by
    their labels, the same way in both layouts: single ages ("7 år") are the age variable, a column
    with a label of the split variable's types is the split variable, and every other column must be at
    a total the table declares."""
    frame = parsed.rows
    others = [v for v in parsed.variables if v != parsed.area]
    keep = pd.Series(True, index=frame.index)
    field_of = pd.Series(next(iter(spec.fields)) if spec.split is None else None, index=frame.index, dtype=object)
    totals = spec.totals
    split_labels = ({key(label) for labels in spec.fields.values() for label in labels} - totals
                    if spec.split else set())
    age_variable = None
    if spec.ages:
        age_variable = next((v for v in others if frame[v].map(lambda s: bool(_AGE.match(s))).any()), None)
        if age_variable is None:
            _, low, high = spec.ages
            return keep, field_of, [problem(ERROR, "ref.err.no_ages", table=spec.code, low=low, high=high, **where)]
    split_variable = next((v for v in others if v != age_variable and frame[v].map(key).isin(split_labels).any()),
                          None)
    for variable in others:
        if variable == age_variable:
            _, low, high = spec.ages
            ages = frame[variable].map(lambda s: int(_AGE.match(s).group(1)) if _AGE.match(s) else -1)
            keep &= ages.between(low, high)
        elif variable == split_variable:
            field_of = frame[variable].map(spec.field_of)
        else:
            at_total = frame[variable].map(lambda s: key(s) in totals)
            if not at_total.any():
                first = frame.iloc[0]
                names = ", ".join(v.name_da for v in spec.variables if not spec.ages or v.id != spec.ages[0])
                return keep, field_of, [problem(ERROR, "ref.err.not_total", row=int(first["row"]), table=spec.code,
                                                variable=variable, found=str(first[variable])[:40],
                                                names=names, **where)]
            keep &= at_total
    if spec.split and split_variable is None:
        # The split variable left out (the API sums it away) or at its total: the rows are the total's.
        field_of = pd.Series(spec.field_of(TOTAL), index=frame.index, dtype=object)
    return keep, field_of, []


def _years(spec: StatbankTable, used: pd.DataFrame, where: dict) -> tuple[pd.DataFrame, list[Problem]]:
    """The year of each row: a year as it is, or (a stock counted per quarter) the year's first quarter."""
    periods = used["period"].map(lambda p: _PERIOD.match(p))
    periods = periods.map(lambda m: m if m and FIRST_YEAR <= int(m.group("year")) <= LAST_YEAR else None)
    bad_period = used[periods.isna()]
    if len(bad_period):
        return used, [problem(ERROR, "ref.err.period", row=int(row["row"]), col=int(row["period_col"]),
                              found=str(row["period"])[:20], **where) for _, row in bad_period.head(20).iterrows()]
    used = used.assign(aar=[int(m.group("year")) for m in periods], kind=[(m.group("kind") or "").upper() for m in periods])
    if (used["kind"] != "").any():
        if not spec.first_quarter:
            row = used[used["kind"] != ""].iloc[0]
            return used, [problem(ERROR, "ref.err.yearly", row=int(row["row"]), table=spec.code,
                                  found=str(row["period"]), **where)]
        # The population on 1 January stands for the year.
        first_period = used.groupby("aar")["period"].transform("min")
        used = used[used["period"] == first_period]
    return used, []


def _empty() -> pd.DataFrame:
    from steering_core.store import REFERENCE_TABLE
    return pd.DataFrame(columns=list(REFERENCE_TABLE.columns))
