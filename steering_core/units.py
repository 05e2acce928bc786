"""The units figures are measured in, declared once: each unit's name, how a value is written on a tile
or in a table, its number format on chart axes and in Excel, and how a change is spoken of (points for a
share). The catalogue names a unit per indicator; charts, exports, tiles and changes read it here.
"""
from __future__ import annotations

from dataclasses import dataclass

from steering_core import formatting
from steering_core.texts import t


@dataclass(frozen=True)
class Unit:
    key: str
    da: str
    en: str
    chart_format: str = ",.1f"          # d3 format of axes and tooltips
    excel_format: str = "#,##0.0"       # number format of Excel cells
    # How a value is written: "number" (1.234,5), "percent" (12,5 %), "kroner" (1.234 kr.), "days" (12 dage).
    written: str = "number"
    change_suffix: str | None = None    # the text key said after a change, e.g. "unit.points" for a share

    def name(self, lang: str = "da") -> str:
        return self.en if lang == "en" else self.da

    def text(self, value: float, decimals: int = 0) -> str:
        """A value as a tile or a table cell writes it."""
        if self.written == "percent":
            return formatting.percent(value, decimals)
        if self.written == "kroner":
            return formatting.kroner(value, decimals)
        if self.written == "days":
            return f"{formatting.number(value)} {t('unit.days')}"
        return formatting.number(value, decimals)

    def change(self, value: float, decimals: int = 0) -> str:
        """A change with its sign and, where it is not a plain number, what it is counted in."""
        return formatting.signed(value, decimals, t(self.change_suffix) if self.change_suffix else "")


UNITS: dict[str, Unit] = {u.key: u for u in (
    Unit("antal", "antal", "count", ",.0f", "#,##0"),
    Unit("pct", "%", "%", ",.1f", "#,##0.0", written="percent", change_suffix="unit.points"),
    Unit("pr_1000", "pr. 1.000", "per 1,000", ",.1f", "#,##0.0"),
    Unit("dage", "dage", "days", ",.0f", "#,##0", written="days", change_suffix="unit.days"),
    Unit("kr", "kr.", "DKK", ",.0f", "#,##0", written="kroner", change_suffix="unit.kr"),
    Unit("kr_pr_indbygger", "kr. pr. indbygger", "DKK per resident", ",.0f", "#,##0", written="kroner",
         change_suffix="unit.kr"),
    Unit("helaarsindsatser", "helårsindsatser", "full-year interventions"),
    Unit("point", "point", "points"),           # a rating (FIT's ORS and SRS, 0-40; fit_effekt)
    Unit("aar", "år", "years"),                 # an age
)}
_PLAIN = Unit("", "", "")


def get(key: str | None) -> Unit:
    """The unit; a figure without a declared unit (a table of mixed columns) is a plain number."""
    return UNITS.get(key or "", _PLAIN)
