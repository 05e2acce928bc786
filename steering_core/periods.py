"""Quarters, years and months as the municipality writes them.

A period label is either a quarter (``2025K3``) or a year (``2025``). Parsing
accepts the spellings of the data contract (``2025K3``, ``2025Q3``, ``2025-3``)
so that labels from spreadsheets, the CLI and the URL all end up the same.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

GRAINS = ("kvartal", "aar", "samlet")

_QUARTER = re.compile(r"^\s*(\d{4})\s*(?:[KkQq]\s*|-)([1-4])\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(0[1-9]|1[0-2])\s*$")


class PeriodError(ValueError):
    """A period text that is not a quarter, month or year."""


@dataclass(frozen=True, order=True)
class Period:
    """A closed date interval with the label users see."""

    start: date
    end: date
    label: str

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def quarter(year: int, q: int) -> Period:
    first_month = 3 * (q - 1) + 1
    last_month = first_month + 2
    return Period(
        date(year, first_month, 1),
        date(year, last_month, calendar.monthrange(year, last_month)[1]),
        f"{year}K{q}",
    )


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), str(y))


def month(y: int, m: int) -> Period:
    return Period(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), f"{y}-{m:02d}")


def parse_quarter(text: str) -> Period:
    match = _QUARTER.match(str(text))
    if not match:
        raise PeriodError(_t("periods.not_quarter", text=text))
    return quarter(int(match.group(1)), int(match.group(2)))


def parse_period(text: str) -> Period:
    """Quarter, month or year, as the data contract allows them."""
    raw = str(text).strip()
    if match := _QUARTER.match(raw):
        return quarter(int(match.group(1)), int(match.group(2)))
    if match := _MONTH.match(raw):
        return month(int(match.group(1)), int(match.group(2)))
    if match := _YEAR.match(raw):
        return year(int(match.group(1)))
    raise PeriodError(_t("periods.not_period", text=text))


def quarter_of(day: date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


def last_complete_quarter(today: date) -> Period:
    return quarter_of(quarter_of(today).start - timedelta(days=1))


def quarters_between(first: Period, last: Period) -> list[Period]:
    """Every quarter from the one containing ``first.start`` to the one containing ``last.end``."""
    result = []
    current = quarter_of(first.start)
    while current.start <= last.end:
        result.append(current)
        current = quarter_of(current.end + timedelta(days=1))
    return result


def shift_quarters(period: Period, n: int) -> Period:
    index = period.start.year * 4 + (period.start.month - 1) // 3 + n
    return quarter(index // 4, index % 4 + 1)


def periods_for(first: Period, last: Period, grain: str) -> list[Period]:
    """The quarters or years covering ``first``..``last``; years are clipped to the range."""
    if grain not in GRAINS:
        raise PeriodError(_t("periods.unknown_grain", grain=grain))
    quarters = quarters_between(first, last)
    if grain == "kvartal":
        return quarters
    if grain == "samlet":
        # The whole range as one period, e.g. for a funnel or a matrix over several quarters.
        label = quarters[0].label if len(quarters) == 1 else f"{quarters[0].label}-{quarters[-1].label}"
        return [Period(quarters[0].start, quarters[-1].end, label)]
    result = []
    for y in sorted({q.start.year for q in quarters}):
        inside = [q for q in quarters if q.start.year == y]
        result.append(Period(inside[0].start, inside[-1].end, str(y)))
    return result


def previous(period: Period, grain: str) -> str:
    """Label of the period before (a quarter before, or the year before)."""
    if grain == "samlet":
        return _shifted_range(period, -period.months // 3)
    if grain == "kvartal":
        return shift_quarters(period, -1).label
    return str(period.start.year - 1)


def year_before(period: Period, grain: str) -> str:
    if grain == "samlet":
        return _shifted_range(period, -4)
    if grain == "kvartal":
        return shift_quarters(period, -4).label
    return str(period.start.year - 1)


def _shifted_range(period: Period, quarters: int) -> str:
    first = shift_quarters(quarter_of(period.start), quarters)
    last = shift_quarters(quarter_of(period.end), quarters)
    return periods_for(first, last, "samlet")[0].label


def _t(key: str, **values: object) -> str:
    # Imported on use: the texts package reads config, and periods is imported by nearly everything.
    from steering_core.texts import t
    return t(key, **values)
