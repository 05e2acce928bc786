"""Political targets as one Excel sheet, "Maalsaetninger": the template, and reading it back with Danish
messages naming sheet, row and column (docs/DATA_FORMAT.md). Each row becomes a new version of its
target through ``targets.save_many``; a value that looks like a CPR number stops the upload."""
from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font

from steering_core import catalogue, config, targets
from steering_core.exports import safe_text
from steering_core.targets import Target
from steering_core.texts import t
from steering_core.upload import cpr, reading
from steering_core.upload.parsing import (ParseError, fold, is_blank, key, parse_amount, parse_text, parse_year,
                                          parse_yesno)
from steering_core.upload.problems import ERROR, Problem, problem

SHEET = "Maalsaetninger"
SHEET_NAMES = {key(SHEET), key("Målsætninger")}
COLUMNS = ("noegletal", "distrikt", "maalvaerdi", "retning", "fristaar", "basisaar", "beslutning", "fastsat_af",
           "aktiv")
REQUIRED = ("noegletal", "maalvaerdi", "fristaar", "basisaar", "fastsat_af")
ALIASES = {"indikator": "noegletal", "indicator": "noegletal", "district": "distrikt", "maal": "maalvaerdi",
           "target": "maalvaerdi", "vaerdi": "maalvaerdi", "direction": "retning", "frist": "fristaar",
           "deadline": "fristaar", "udgangsaar": "basisaar", "baseline": "basisaar", "decision": "beslutning",
           "politisk_beslutning": "beslutning", "set_by": "fastsat_af", "bruger": "fastsat_af", "active": "aktiv"}
DIRECTION_WORDS = {"op": targets.UP, "up": targets.UP, "hoejere": targets.UP, "mindst": targets.UP,
                   "ned": targets.DOWN, "down": targets.DOWN, "lavere": targets.DOWN, "hoejst": targets.DOWN}


@dataclass(frozen=True)
class Row:
    target: Target
    user: str
    row: int                        # as Excel numbers it


@dataclass
class Reading:
    rows: list[Row]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not any(p.is_error for p in self.problems)


def parse_value(value: object) -> float | None:
    """A target value: a number cell, or Danish text such as ``8,0``, ``3 %`` or ``1.234,5``."""
    return parse_amount(value)


def indicator_of(value: object) -> str | None:
    """A catalogue id from its id or its Danish or English name."""
    if is_blank(value):
        return None
    wanted = key(value)
    for indicator in catalogue.INDICATORS:
        if wanted in (key(indicator.id), key(indicator.name_da), key(indicator.name_en)):
            return indicator.id
    raise ParseError(value)


def read(data: bytes, districts: list[str] | None = None, name: str = "maalsaetninger.xlsx",
         isolate: bool = True) -> Reading:
    """The targets in an uploaded workbook's sheet Maalsaetninger (or its only sheet), each row checked.

    The workbook is read like the quarterly one (``upload.reading``: in a child process with its limits,
    a sheet too big to read refused by name), and a CPR number in the file name, a sheet name or any
    cell of any sheet stops it before anything else."""
    if cpr.text_has_cpr(name):
        return Reading([], [problem(ERROR, "upload.err.cpr_file_name", number=1)])
    try:
        raw = (reading.read_isolated if isolate else reading.read_bytes)(name, data, limits=reading.Limits.from_env())
    except reading.ReadError as exc:
        return Reading([], [Problem(ERROR, exc.code, exc.message)])
    if raw.format == "csv":
        return Reading([], [problem(ERROR, "target.xl.not_excel")])
    named = [number for number, sheet in enumerate(raw.sheets, 1) if cpr.text_has_cpr(sheet.name)]
    if named:
        return Reading([], [problem(ERROR, "upload.err.cpr_sheet_name", number=named[0])])
    for each in raw.sheets:
        hits = cpr.find_cpr_cells(each.rows, None, each.columns)
        if hits:
            r, c = hits[0]
            return Reading([], [problem(ERROR, "target.xl.cpr", sheet=each.name, row=r + 1, col=c)])
    names = [sheet for sheet in raw.sheets if key(sheet.name) in SHEET_NAMES]
    if not names and len(raw.sheets) > 1:
        return Reading([], [problem(ERROR, "target.xl.no_sheet", sheet=SHEET)])
    sheet = names[0] if names else (raw.sheets[0] if raw.sheets else None)
    rows = [tuple(row) for row in sheet.rows] if sheet is not None else []
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()
    if not rows:
        return Reading([], [problem(ERROR, "target.xl.empty", sheet=SHEET)])
    header = {}
    for col, cell in enumerate(rows[0]):
        name = fold(cell).replace(" ", "_") if not is_blank(cell) else ""
        name = ALIASES.get(name, name)
        if name in COLUMNS:
            header[name] = col
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return Reading([], [problem(ERROR, "target.xl.missing_column", sheet=SHEET, row=1, columns=", ".join(missing))])
    found: list[Row] = []
    problems: list[Problem] = []
    for r, values in enumerate(rows[1:], start=2):
        if all(is_blank(v) for v in values):
            continue
        row = _Row(values, header, r, problems)
        indicator_id = row.parsed("noegletal", indicator_of, "indicator")
        value = row.parsed("maalvaerdi", parse_value, "number")
        deadline = row.parsed("fristaar", parse_year, "year")
        baseline = row.parsed("basisaar", parse_year, "year")
        direction = row.parsed("retning", lambda v: None if is_blank(v) else _direction(v), "direction")
        active = row.parsed("aktiv", parse_yesno, "yesno")
        user = row.parsed("fastsat_af", parse_text, "text")
        for name, got in (("noegletal", indicator_id), ("maalvaerdi", value), ("fristaar", deadline),
                          ("basisaar", baseline), ("fastsat_af", user)):
            if got is None and not row.failed(name):
                row.error("target.xl.required", name)
        if row.any_failed:
            continue
        target = Target(indicator_id, value, direction or targets.default_direction(indicator_id), deadline, baseline,
                        parse_text(row.cell("distrikt")) or "", parse_text(row.cell("beslutning")) or "",
                        True if active is None else active)
        rules = targets.validate(target, user, districts)
        for rule in rules:
            problems.append(problem(ERROR, "target.xl.rule", sheet=SHEET, row=r, message=rule))
        if not rules:
            found.append(Row(target, user, r))
    seen: dict[tuple[str, str], int] = {}
    for item in found:
        scope = (item.target.indicator_id, item.target.district)
        if scope in seen:
            problems.append(problem(ERROR, "target.xl.twice", sheet=SHEET, row=item.row, first=seen[scope]))
        seen.setdefault(scope, item.row)
    return Reading(found if not any(p.is_error for p in problems) else [], problems)


def _direction(value: object) -> str:
    word = key(value)
    for name, direction in DIRECTION_WORDS.items():
        if word.startswith(key(name)):
            return direction
    raise ParseError(value)


class _Row:
    def __init__(self, values: tuple, header: dict[str, int], row: int, problems: list[Problem]):
        self.values, self.header, self.row, self.problems = values, header, row, problems
        self.failures: set[str] = set()

    def cell(self, name: str):
        col = self.header.get(name)
        return self.values[col] if col is not None and col < len(self.values) else None

    def error(self, code: str, name: str, **values) -> None:
        self.failures.add(name)
        self.problems.append(problem(ERROR, code, sheet=SHEET, row=self.row, col=self.header.get(name),
                                     column_name=name, **values))

    def parsed(self, name: str, parser, kind: str):
        value = self.cell(name)
        try:
            return parser(value)
        except ParseError:
            self.error(f"target.xl.type.{kind}", name, found=str(value).strip()[:60])
            return None

    def failed(self, name: str) -> bool:
        return name in self.failures

    @property
    def any_failed(self) -> bool:
        return bool(self.failures)


def template(stored: list[targets.StoredTarget] | None = None) -> bytes:
    """The sheet with its headers, an example row (or the current targets) and a guide to the columns."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    examples = [(s.target, s.user) for s in stored] if stored else [
        (Target("fit_effect", 8.0, targets.UP, 2027, 2024, decision="Børne- og Skoleudvalget, pkt. 4"), "Udvalget")]
    for target, user in examples:
        sheet.append([target.indicator_id, target.district, target.value, target.direction, target.deadline,
                      target.baseline_year, safe_text(target.decision), safe_text(user), "ja" if target.active else "nej"])
    guide = book.create_sheet(t("target.xl.guide_sheet"))
    guide.append([t("target.xl.guide_column"), t("target.xl.guide_rule")])
    for name in COLUMNS:
        guide.append([name, t(f"target.xl.guide.{name}")])
    guide.append([])
    guide.append([t("target.xl.guide_ids")])
    lang = config.language()
    for indicator in catalogue.INDICATORS:
        guide.append([indicator.id, indicator.name(lang)])
    for column, width in (("A", 28), ("B", 90)):
        guide.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
