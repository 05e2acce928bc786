"""Numbers, money and dates the way Danish readers expect them (1.234,5; 31-12-2026; kr.)."""
from __future__ import annotations

import math
import re
from datetime import date, datetime

from babel.numbers import format_decimal

from steering_core import config

_LOCALES = {"da": "da_DK", "en": "en_GB"}


def _locale() -> str:
    return _LOCALES[config.language()]


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(float(value), decimals), format=pattern, locale=_locale())


def trimmed(value: float | int | None, decimals: int = 2) -> str:
    """A number with as many decimals as it has, up to ``decimals``: 30 -> "30", 33.33 -> "33,33"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    shown = round(float(value), decimals)
    used = next((d for d in range(decimals + 1) if round(shown, d) == shown), decimals)
    return number(shown, used)


_UNITS_TYPED = ("kr.", "kr", "%", "mio.")


def parse_number(text: str | None) -> float | None:
    """A number as a Danish user types it ("1.234,5", "30", "33,33 %", "250.000 kr."); None when it is not one.

    The comma is the decimal mark and the point groups thousands, as Danish readers write them."""
    cleaned = str(text or "").strip().replace("\u00a0", " ").replace("−", "-")
    for unit in _UNITS_TYPED:
        if cleaned.endswith(unit):
            cleaned = cleaned[: -len(unit)].strip()
            break
    cleaned = cleaned.replace(" ", "")
    if not re.fullmatch(r"[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?", cleaned):
        return None
    return float(cleaned.replace(".", "").replace(",", "."))


def kroner(value: float | int | None, decimals: int = 0) -> str:
    text = number(value, decimals)
    return text if text == "–" else f"{text} kr."


def percent(value: float | None, decimals: int = 1) -> str:
    text = number(value, decimals)
    return text if text == "–" else f"{text} %"


def reads_as_zero(value: float, decimals: int) -> bool:
    """A change that shows as zero at ``decimals`` ("±0,0"): neither up nor down, wherever it is said.
    Sums of money may also differ in their last bits between runs (parallel addition)."""
    return round(float(value), decimals) == 0


def signed(value: float | None, decimals: int = 0, suffix: str = "") -> str:
    """A change with its sign, e.g. ``+1.234,5`` or ``−3,0 pct.point``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    rounded = round(float(value), decimals)  # the sign of what is shown: 0,04 reads "±0,0", not "+0,0"
    text = number(abs(rounded), decimals)
    sign = "+" if rounded > 0 else ("−" if rounded < 0 else "±")
    return f"{sign}{text}{(' ' + suffix) if suffix else ''}"


def day(value: date | datetime | None) -> str:
    if value is None:
        return "–"
    return value.strftime("%d-%m-%Y")


def timestamp(value: datetime | None) -> str:
    return "–" if value is None else value.strftime("%d-%m-%Y %H:%M")
