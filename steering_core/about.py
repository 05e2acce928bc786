"""The page "Om tallene": every indicator with its definition, formula, source sheets and what is
hidden and why, plus the source reports' reference figures, all derived from their declarations
(catalogue, sources, the workbook contract, disclosure, reference_figures)."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from steering_core import catalogue, config, disclosure, formatting, reference_figures, units
from steering_core.catalogue import Indicator, Measure
from steering_core.sources import SOURCES
from steering_core.texts import has, t
from steering_core.upload.contract import BY_TABLE, SHEETS

_COUNTS = {"count(*)": "about.count.records", "count(distinct barn_id)": "about.count.children"}


@dataclass(frozen=True)
class IndicatorInfo:
    id: str
    name: str
    dimension: str
    unit: str
    definition: str
    formula: str
    sheets: tuple[str, ...]
    hidden: str


def source_sheets(indicator: Indicator) -> tuple[str, ...]:
    """The workbook sheets an indicator is computed from, in the template's order."""
    tables: set[str] = set()
    for measure in (indicator.numerator, indicator.denominator, *indicator.basis):
        if measure is None:
            continue
        source = SOURCES[measure.source]
        tables.update([source.events_in] if source.events_in else [])
        tables.update(table for table in BY_TABLE if re.search(rf"\b(?:FROM|JOIN)\s+{table}\b", source.sql))
    return tuple(spec.name for spec in SHEETS if spec.table in tables)


def _count(measure: Measure, lang: str) -> str:
    what = t(_COUNTS.get(measure.expr.lower(), "about.count.records"), lang=lang)
    condition = "" if measure.where == "TRUE" else f" ({measure.where})"
    return f"{what} i {measure.source}{condition}" if lang == "da" else f"{what} in {measure.source}{condition}"


def hidden_text(indicator: Indicator, lang: str | None = None) -> str:
    """What is hidden of an indicator and why (docs/DISCLOSURE.md)."""
    lang = lang or config.language()
    counts = disclosure.protecting_measures(indicator)
    if not counts:
        reasons = dict.fromkeys(disclosure.EXEMPT_SOURCES[m.source]
                                for m in (indicator.numerator, indicator.denominator) if m is not None)
        return t("about.exempt", lang=lang, reasons=" ".join(reasons))
    return t("about.hidden", lang=lang, k=config.min_cell_size(),
             counts="; ".join(dict.fromkeys(_count(m, lang) for m in counts)))


def indicators(lang: str | None = None) -> list[IndicatorInfo]:
    lang = lang or config.language()
    return [IndicatorInfo(indicator.id, indicator.name(lang), indicator.dimension,
                          units.get(indicator.unit).name(lang), indicator.definition(lang),
                          indicator.formula_sql(), source_sheets(indicator), hidden_text(indicator, lang))
            for indicator in catalogue.INDICATORS]


def _cell(value: object, unit: str) -> str:
    if isinstance(value, str):
        return t(f"about.row.{value}") if has(f"about.row.{value}") else value
    decimals = 1 if isinstance(value, float) else 0
    return formatting.number(value, decimals)


def reference_tables() -> list[tuple[str, str, pd.DataFrame, str | None]]:
    """(title, source, table with Danish numbers and the unit in each amount's header, note)."""
    result = []
    for table in reference_figures.TABLES:
        unit = units.get(table.unit).name(config.language())
        headers = [t(f"about.col.{column}", unit=unit) for column in table.columns]
        frame = pd.DataFrame([[_cell(value, table.unit) for value in row] for row in table.rows], columns=headers)
        note = t(f"about.note.{table.note_key}") if table.note_key else None
        result.append((t(f"about.ref.{table.key}"), table.source, frame, note))
    return result
