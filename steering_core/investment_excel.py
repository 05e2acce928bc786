"""An investment case as one Excel sheet: the template, reading it back with Danish messages by cell,
and writing a stored case out the same way (so a download can be edited and uploaded again).

The sheet has five blocks, each a title in column A, a header row and rows until a blank one:
master data (label and value), the target group per year, costs, effects and scenario overrides.
Cells are read with the workbook upload's parsers, and a value that looks like a CPR number stops
the upload, exactly as in the quarterly workbook.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

from steering_core import investment as inv
from steering_core.domain import SECTORS
from steering_core.exports import safe_text
from steering_core.texts import label, t
from steering_core.upload import cpr
from steering_core.upload.parsing import ParseError, is_blank, key, parse_amount, parse_int, parse_text, parse_year
from steering_core.upload.problems import ERROR, Problem, problem

SHEET = "Investeringscase"
BLOCKS = ("master", "target", "costs", "effects", "scenarios")
MASTER_FIELDS = ("name", "intervention", "description", "start_year", "horizon", "discount_rate", "project",
                 "intervention_types", "districts", "units")
HEADERS = {
    "target": ("year_no", "count"),
    "costs": ("type", "sector", "year_no", "amount"),
    "effects": ("name", "kind", "sector", "size", "price", "start_after", "duration", "decay", "indicator",
                "baseline", "intervention_type"),
    "scenarios": ("scenario", "effect", "assumption", "value"),
}
IMPLEMENTATION, RUNNING = "implementering", "drift"
# Assumptions a scenario row may name, as the sheet says them -> the model's field.
ASSUMPTIONS = {"stoerrelse": "size", "pris": "price", "starter_efter": "start_after", "varighed": "duration",
               "tilbagefald": "decay", "maalgruppe_faktor": "target_factor", "udgifts_faktor": "cost_factor",
               "diskonteringsrente": "discount_rate"}
PERCENT_FIELDS = ("decay", "discount_rate")     # written in percent in the sheet, kept as shares


def _both(text_key: str) -> set[str]:
    return {key(t(text_key, lang="da")), key(t(text_key, lang="en"))}


def _codes(values: tuple, kind: str | None = None, prefix: str | None = None) -> dict[str, str]:
    """A coded value by its code or its name in either language."""
    found = {}
    for code in values:
        found[key(code)] = code
        if kind:
            found.update({key(label(kind, code)): code})
        if prefix:
            found.update({k: code for k in _both(f"{prefix}{code}")})
    return found


@dataclass
class Reading:
    case: inv.Case | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.case is not None and not any(p.is_error for p in self.problems)


class _Sheet:
    def __init__(self, rows: list[tuple]):
        self.rows = rows
        self.problems: list[Problem] = []

    def error(self, code: str, row: int, col: int, column_name: str = "", **values) -> None:
        self.problems.append(problem(ERROR, code, sheet=SHEET, row=row + 1, col=col, column_name=column_name,
                                     **values))

    def cell(self, row: int, col: int):
        values = self.rows[row] if row < len(self.rows) else ()
        return values[col] if col < len(values) else None

    def parsed(self, parser, row: int, col: int, name: str, kind: str, default=None):
        value = self.cell(row, col)
        try:
            result = parser(value)
        except ParseError:
            self.error(f"inv.xl.type.{kind}", row, col, name, found=str(value))
            return default
        return default if result is None else result

    def block(self, name: str) -> tuple[int, list[int]] | None:
        """The header row of the block and its data rows."""
        titles = {b: _both(f"inv.xl.block.{b}") for b in BLOCKS}
        for r, row in enumerate(self.rows):
            if row and not is_blank(row[0]) and key(row[0]) in titles[name]:
                data = []
                for n in range(r + 2, len(self.rows)):
                    first = self.rows[n][:12] if self.rows[n] else ()
                    if all(is_blank(v) for v in first) or (not is_blank(first[0]) and any(
                            key(first[0]) in titles[b] for b in BLOCKS)):
                        break
                    data.append(n)
                return r + 1, data
        return None


def read(data: bytes) -> Reading:
    """The case in an uploaded sheet, or the problems that stop it, each naming its cell."""
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception:
        return Reading(None, [problem(ERROR, "inv.xl.not_excel")])
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    workbook.close()
    found = _Sheet(rows)
    # Amounts (target counts, costs, prices) may be large numbers; text in those columns is still checked.
    hits = cpr.find_cpr_cells(rows, numbers_allowed_in=frozenset({1, 3, 4}))
    if hits:
        r, c = hits[0]
        found.error("inv.xl.cpr", r, c)
        return Reading(None, found.problems)
    blocks = {}
    for name in BLOCKS:
        blocks[name] = found.block(name)
        if blocks[name] is None:
            found.problems.append(problem(ERROR, "inv.xl.no_block", sheet=SHEET, block=t(f"inv.xl.block.{name}")))
    if found.problems:
        return Reading(None, found.problems)
    master = _master(found, blocks["master"])
    horizon = master.get("horizon") or 0
    target = _target(found, blocks["target"], horizon)
    costs = _costs(found, blocks["costs"])
    effects = _effects(found, blocks["effects"])
    scenarios = _scenarios(found, blocks["scenarios"], {e.name: e for e in effects})
    if found.problems:
        return Reading(None, found.problems)
    case = inv.Case(target=target, costs=costs, effects=effects, scenarios=scenarios, **master)
    for code, values in inv.validate(case):
        found.problems.append(problem(ERROR, code, sheet=SHEET, **values))
    return Reading(case if not found.problems else None, found.problems)


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(",") if part.strip())


def _master(sheet: _Sheet, block) -> dict:
    _, rows = block
    labels = {k: f for f in MASTER_FIELDS for k in _both(f"inv.xl.master.{f}")}
    values: dict = {"name": "", "intervention": "", "description": "", "start_year": 0, "horizon": 0,
                    "discount_rate": 0.0}
    for r in [block[0], *rows]:
        field = labels.get(key(sheet.cell(r, 0) or ""))
        if field is None:
            continue
        name = str(sheet.cell(r, 0))
        if field in ("start_year",):
            values[field] = sheet.parsed(parse_year, r, 1, name, "year", 0)
        elif field == "horizon":
            values[field] = sheet.parsed(parse_int, r, 1, name, "int", 0)
        elif field == "discount_rate":
            values[field] = sheet.parsed(parse_amount, r, 1, name, "number", 0.0) / 100
        elif field in ("intervention_types", "districts", "units"):
            values[field] = _split(sheet.parsed(parse_text, r, 1, name, "text"))
        else:
            values[field] = sheet.parsed(parse_text, r, 1, name, "text", "")
    for field in ("start_year", "horizon"):
        if not values[field]:
            sheet.problems.append(problem(ERROR, "inv.xl.missing", sheet=SHEET,
                                          name=t(f"inv.xl.master.{field}")))
    return values


def _header_name(block: str, col: int) -> str:
    return t(f"inv.xl.{block}.{HEADERS[block][col]}")


def _target(sheet: _Sheet, block, horizon: int) -> tuple[float, ...]:
    counts: dict[int, float] = {}
    for r in block[1]:
        year_no = sheet.parsed(parse_int, r, 0, _header_name("target", 0), "int")
        count = sheet.parsed(parse_amount, r, 1, _header_name("target", 1), "number", 0.0)
        if year_no is None:
            continue
        if not 1 <= year_no <= max(horizon, 1):
            sheet.error("inv.xl.year_no", r, 0, _header_name("target", 0), found=year_no, horizon=horizon)
        elif year_no in counts:
            sheet.error("inv.xl.year_twice", r, 0, _header_name("target", 0), found=year_no)
        else:
            counts[year_no] = count
    last = max(counts, default=0)
    return tuple(counts.get(n, 0.0) for n in range(1, last + 1))


def _coded(sheet: _Sheet, r: int, c: int, block: str, options: dict[str, str], shown: str):
    value = sheet.cell(r, c)
    if is_blank(value):
        sheet.error("inv.xl.blank", r, c, _header_name(block, c))
        return None
    code = options.get(key(value))
    if code is None:
        sheet.error("inv.xl.not_listed", r, c, _header_name(block, c), found=str(value), allowed=shown)
    return code


def _sector_options() -> tuple[dict[str, str], str]:
    return _codes(SECTORS, kind="sector"), ", ".join(label("sector", s) for s in SECTORS)


def _costs(sheet: _Sheet, block) -> tuple[inv.Cost, ...]:
    sectors, shown = _sector_options()
    types = _codes((IMPLEMENTATION, RUNNING), prefix="inv.xl.cost_type.")
    costs = []
    for r in block[1]:
        kind = _coded(sheet, r, 0, "costs", types, ", ".join(t(f"inv.xl.cost_type.{k}") for k in types.values()))
        sector = _coded(sheet, r, 1, "costs", sectors, shown)
        year_no = sheet.parsed(parse_int, r, 2, _header_name("costs", 2), "int")
        amount = sheet.parsed(parse_amount, r, 3, _header_name("costs", 3), "number")
        if kind == IMPLEMENTATION and year_no is None:
            sheet.error("inv.xl.cost_needs_year", r, 2, _header_name("costs", 2))
        if amount is None:
            sheet.error("inv.xl.blank", r, 3, _header_name("costs", 3))
        if kind and sector and amount is not None:
            costs.append(inv.Cost(sector, amount, year_no if kind == IMPLEMENTATION else None))
    return tuple(costs)


def _effects(sheet: _Sheet, block) -> tuple[inv.Effect, ...]:
    sectors, shown = _sector_options()
    kinds = _codes(inv.EFFECT_KINDS, prefix="inv.kind.")
    effects = []
    for r in block[1]:
        name = sheet.parsed(parse_text, r, 0, _header_name("effects", 0), "text")
        if not name:
            sheet.error("inv.xl.blank", r, 0, _header_name("effects", 0))
        kind = _coded(sheet, r, 1, "effects", kinds, ", ".join(t(f"inv.kind.{k}") for k in inv.EFFECT_KINDS))
        sector = _coded(sheet, r, 2, "effects", sectors, shown)
        numbers = [sheet.parsed(parse_amount, r, c, _header_name("effects", c), "number") for c in (3, 4)]
        whole = [sheet.parsed(parse_int, r, c, _header_name("effects", c), "int") for c in (5, 6)]
        decay = sheet.parsed(parse_amount, r, 7, _header_name("effects", 7), "number", 0.0)
        for c, value in ((3, numbers[0]), (4, numbers[1])):
            if value is None:
                sheet.error("inv.xl.blank", r, c, _header_name("effects", c))
        indicator = sheet.parsed(parse_text, r, 8, _header_name("effects", 8), "text", "")
        if indicator:
            from steering_core import catalogue
            if indicator not in catalogue.BY_ID:
                sheet.error("inv.xl.indicator", r, 8, _header_name("effects", 8), found=indicator)
        baseline = sheet.parsed(parse_amount, r, 9, _header_name("effects", 9), "number")
        intervention_type = sheet.parsed(parse_text, r, 10, _header_name("effects", 10), "text", "")
        if name and kind and sector and None not in numbers:
            size = numbers[0] / 100 if kind != inv.FEWER_COURSE_MONTHS else numbers[0]
            effects.append(inv.Effect(name, kind, sector, size, numbers[1], whole[0] if whole[0] is not None else 1,
                                      whole[1] if whole[1] is not None else 1, decay / 100, indicator, baseline,
                                      intervention_type))
    return tuple(effects)


def _scenarios(sheet: _Sheet, block, effects: dict[str, inv.Effect]) -> tuple[inv.Scenario, ...]:
    overrides: dict[str, list] = {name: [] for name in inv.STANDARD_SCENARIOS}
    assumptions = {k: field for word, field in ASSUMPTIONS.items() for k in _both(f"inv.xl.assumption.{word}")}
    for r in block[1]:
        scenario = sheet.parsed(parse_text, r, 0, _header_name("scenarios", 0), "text")
        effect_name = sheet.parsed(parse_text, r, 1, _header_name("scenarios", 1), "text", "")
        word = sheet.cell(r, 2)
        field = assumptions.get(key(word or ""))
        value = sheet.parsed(parse_amount, r, 3, _header_name("scenarios", 3), "number")
        if not scenario:
            sheet.error("inv.xl.blank", r, 0, _header_name("scenarios", 0))
            continue
        if field is None:
            sheet.error("inv.xl.not_listed", r, 2, _header_name("scenarios", 2), found=str(word or ""),
                        allowed=", ".join(t(f"inv.xl.assumption.{w}") for w in ASSUMPTIONS))
            continue
        if effect_name and effect_name not in effects:
            sheet.error("inv.xl.no_effect", r, 1, _header_name("scenarios", 1), found=effect_name)
            continue
        if (field in inv.EFFECT_FIELDS) != bool(effect_name):
            sheet.error("inv.xl.assumption_scope", r, 2, _header_name("scenarios", 2), found=str(word))
            continue
        if value is None:
            sheet.error("inv.xl.blank", r, 3, _header_name("scenarios", 3))
            continue
        if field in PERCENT_FIELDS or (field == "size" and effects[effect_name].kind != inv.FEWER_COURSE_MONTHS):
            value = value / 100
        name = next((n for n in overrides if key(n) == key(scenario)), scenario)
        overrides.setdefault(name, []).append((effect_name, field, value))
    return tuple(inv.Scenario(name, tuple(items)) for name, items in overrides.items())


# --- writing ------------------------------------------------------------------------------------

_TITLE = Font(bold=True, size=14)
_HEAD = Font(bold=True, color="FFFFFF")
_FILL = PatternFill("solid", fgColor="1F4E79")


def write(case: inv.Case | None = None) -> bytes:
    """The one-sheet template, filled with ``case`` if given (a download reads back as the same case)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([t("inv.xl.title")])
    sheet["A1"].font = _TITLE
    sheet.append([t("inv.xl.instructions")])
    row = 4

    def block(name: str, headers: list[str], rows: list[list]) -> None:
        nonlocal row
        sheet.cell(row=row, column=1, value=t(f"inv.xl.block.{name}")).font = _TITLE
        for c, header in enumerate(headers, start=1):
            cell = sheet.cell(row=row + 1, column=c, value=header)
            cell.font, cell.fill = _HEAD, _FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for n, values in enumerate(rows, start=row + 2):
            for c, value in enumerate(values, start=1):
                sheet.cell(row=n, column=c, value=safe_text(value))
        row += len(rows) + 3

    c = case
    master = {"name": c.name if c else "", "intervention": c.intervention if c else "",
              "description": c.description if c else "", "start_year": c.start_year if c else None,
              "horizon": c.horizon if c else 10, "discount_rate": (c.discount_rate * 100) if c else 0,
              "project": c.project if c else "", "intervention_types": ", ".join(c.intervention_types) if c else "",
              "districts": ", ".join(c.districts) if c else "", "units": ", ".join(c.units) if c else ""}
    block("master", [t("inv.xl.master.field"), t("inv.xl.master.value"), t("inv.xl.master.hint")],
          [[t(f"inv.xl.master.{f}"), master[f], t(f"inv.xl.hint.{f}")] for f in MASTER_FIELDS])
    block("target", [_header_name("target", i) for i in range(2)],
          [[n, v] for n, v in enumerate(c.target, start=1)] if c else [[1, None]])
    block("costs", [_header_name("costs", i) for i in range(4)],
          [[t(f"inv.xl.cost_type.{IMPLEMENTATION if k.year else RUNNING}"), label("sector", k.sector), k.year,
            k.amount] for k in c.costs] if c else [])
    block("effects", [_header_name("effects", i) for i in range(len(HEADERS["effects"]))],
          [[e.name, t(f"inv.kind.{e.kind}"), label("sector", e.sector),
            e.size if e.kind == inv.FEWER_COURSE_MONTHS else e.size * 100, e.price, e.start_after, e.duration,
            e.decay * 100, e.indicator, e.baseline, e.intervention_type] for e in c.effects] if c else [])
    words = {field: word for word, field in ASSUMPTIONS.items()}
    kinds = {e.name: e.kind for e in c.effects} if c else {}
    block("scenarios", [_header_name("scenarios", i) for i in range(4)],
          [[s.name, effect, t(f"inv.xl.assumption.{words[field]}"),
            value * 100 if field in PERCENT_FIELDS or (field == "size" and kinds.get(effect) != inv.FEWER_COURSE_MONTHS)
            else value] for s in c.scenarios for effect, field, value in s.overrides] if c else [])
    for letter, width in zip("ABCDEFGHIJK", (30, 22, 22, 16, 16, 14, 12, 14, 22, 14, 22)):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
