"""Danmarks Statistik's Statbank files as users download them, mapped to reference fields.

Two layouts are read:

- **the API's CSV** (api.statbank.dk, format CSV): ``;``-separated, one header row with one column per
  variable (``OMRÅDE``, ``TID``, ...) and the value in ``INDHOLD``, one row per combination;
- **the website's export** (statistikbanken.dk, "Gem som" CSV or Excel): title rows (the table's title,
  often with its code, and "Enhed: ..."), a header row with the periods across and blank cells above
  the variables' columns, then one row per combination with the periods' values across; a variable's
  label is written once and left blank below while it repeats.

The area is the variable named ``OMRÅDE`` (or ``KOMMUNE``, ``BOPKOM``) in the API layout and the first
label column in the website's export. Every other variable must be at its total ("I alt", "Alle") in a
row that is used, except the age of a population table, whose ages are summed. ``..`` is Danmarks
Statistik's mark for a figure it does not publish: such cells are skipped and counted in a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from steering_core.upload.parsing import ParseError, is_blank, key, parse_amount, shown
from steering_core.upload.problems import ERROR, WARNING, Problem, problem

API, WEB = "api", "web"
COUNTRY_NAMES = ("helelandet", "landet", "danmark")
_AREA_VARIABLES = ("omraade", "omrade", "kommune", "bopkom", "komk", "region")
_TIME_VARIABLES = ("tid", "time")
_TOTALS = {"ialt", "alle", "total", "koenialt", "aldrialt", "alderialt", "beggekoen", "allealdre",
           "alleomraader", "alletyper", "allecivilstande", "civilstandialt", "ialtalle"}
_NOT_PUBLISHED = {"..", ".", "-", ""}
FIRST_YEAR, LAST_YEAR = 1900, 2200       # as the key-figure sheet's years (parsing.parse_year)
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[KQM])(?P<part>\d{1,2}))?$", re.IGNORECASE)
_TABLE_CODE = re.compile(r"(?<![A-ZÆØÅ])([A-ZÆØÅ]{2,8}\d{1,3}[A-Z]{0,2})(?![A-Z0-9])")
_AGE = re.compile(r"^(\d{1,3})\s*år$", re.IGNORECASE)


@dataclass(frozen=True)
class StatbankTable:
    """A Statbank table the product knows: the reference field its value becomes."""
    code: str
    field: str
    name_da: str
    stock: bool = False          # a count at a time (population): one quarter stands for the year
    sum_ages: tuple[int, int] | None = None   # sum the rows of these ages (both included)


# The tables we map. Others are refused with the list of these, never guessed at.
TABLES = {table.code: table for table in (
    StatbankTable("UND1", "underretninger", "Underretninger vedrørende børn og unge"),
    StatbankTable("ISBU01", "boern_forebyggende", "Børn og unge med forebyggende foranstaltninger"),
    StatbankTable("FOLK1A", "befolkning_0_17", "Befolkningen (0-17-årige)", stock=True, sum_ages=(0, 17)),
)}


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
        known = [code for code in TABLES if re.search(rf"(?<![A-ZÆØÅ]){code}(?![A-Z0-9])", upper)]
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
    area_at = next((i for i, k in enumerate(keys) if k in _AREA_VARIABLES), None)
    if time_at is None or area_at is None:
        missing = "TID" if time_at is None else "OMRÅDE"
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
    """The parsed rows as reference rows (kommune, aar, felt, vaerdi, antal, kilde, tabel, hentet)."""
    where = {"file": file, "sheet": sheet}
    code = (table or parsed.table or "").upper()
    problems = list(parsed.problems)
    if not code:
        problems.append(problem(ERROR, "ref.err.no_table", known=", ".join(TABLES), **where))
    elif code not in TABLES:
        problems.append(problem(ERROR, "ref.err.unknown_table", table=code, known=", ".join(TABLES), **where))
    if any(p.is_error for p in problems):
        return _empty(), problems
    spec = TABLES[code]
    frame = parsed.rows
    others = [v for v in parsed.variables if v != parsed.area]
    age_variable = None
    if spec.sum_ages:
        age_variable = next((v for v in others if frame[v].map(lambda s: bool(_AGE.match(s))).any()), None)
        if age_variable is None:
            problems.append(problem(ERROR, "ref.err.no_ages", table=code, low=spec.sum_ages[0],
                                    high=spec.sum_ages[1], **where))
            return _empty(), problems
    keep = pd.Series(True, index=frame.index)
    for variable in others:
        if variable == age_variable:
            ages = frame[variable].map(lambda s: int(_AGE.match(s).group(1)) if _AGE.match(s) else -1)
            keep &= ages.between(*spec.sum_ages)
            continue
        at_total = frame[variable].map(lambda s: key(s) in _TOTALS)
        if not at_total.any():
            first = frame.iloc[0]
            problems.append(problem(ERROR, "ref.err.not_total", row=int(first["row"]), variable=variable,
                                    found=str(first[variable])[:40], **where))
            return _empty(), problems
        keep &= at_total
    used = frame[keep].copy()
    if used.empty:
        return _empty(), problems
    periods = used["period"].map(lambda p: _PERIOD.match(p))
    periods = periods.map(lambda m: m if m and FIRST_YEAR <= int(m.group("year")) <= LAST_YEAR else None)
    bad_period = used[periods.isna()]
    for _, row in bad_period.head(20).iterrows():
        problems.append(problem(ERROR, "ref.err.period", row=int(row["row"]), col=int(row["period_col"]),
                                found=str(row["period"])[:20], **where))
    if len(bad_period):
        return _empty(), problems
    # The same area, breakdown and period twice would be summed into one figure: refuse it instead.
    identity = [*parsed.variables, "period"]
    repeated = used[used.duplicated(identity, keep=False)]
    if len(repeated):
        first_rows = repeated.groupby(identity)["row"].transform("min")
        later = repeated[repeated["row"] != first_rows]
        problems += [problem(ERROR, "ref.err.statbank_duplicate", row=int(row), other=int(other), **where)
                     for row, other in zip(later["row"].head(20), first_rows[later.index].head(20))]
        return _empty(), problems
    used["aar"] = [int(m.group("year")) for m in periods]
    used["kind"] = [(m.group("kind") or "").upper() for m in periods]
    if (used["kind"] != "").any():
        if not spec.stock:
            row = used[used["kind"] != ""].iloc[0]
            problems.append(problem(ERROR, "ref.err.yearly", row=int(row["row"]), table=code,
                                    found=str(row["period"]), **where))
            return _empty(), problems
        # A stock's first period of the year stands for the year (the population on 1 January).
        used["order"] = used["period"]
        first_period = used.groupby("aar")["order"].transform("min")
        used = used[used["order"] == first_period]
    used["kommune"] = used[parsed.area].map(area_name)
    used = used[~used["kommune"].map(lambda s: key(s).startswith("region") or key(s).startswith("landsdel"))]
    if used.empty:
        return _empty(), problems
    result = used.groupby(["kommune", "aar"], as_index=False)["value"].sum()
    hentet = downloaded or date.today()
    result = result.rename(columns={"value": "vaerdi"}).assign(
        felt=spec.field, antal=pd.array([None] * len(result), dtype="Int64"),
        kilde=f"Danmarks Statistik, {code} (hentet {hentet.strftime('%d-%m-%Y')})", tabel=code, hentet=hentet)
    from steering_core.store import REFERENCE_TABLE
    return result[list(REFERENCE_TABLE.columns)], problems


def _empty() -> pd.DataFrame:
    from steering_core.store import REFERENCE_TABLE
    return pd.DataFrame(columns=list(REFERENCE_TABLE.columns))
