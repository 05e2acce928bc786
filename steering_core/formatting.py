"""Numbers, money and dates the way Danish readers expect them (1.234,5; 31-12-2026; kr.)."""
from __future__ import annotations

import math
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


def kroner(value: float | int | None, decimals: int = 0) -> str:
    text = number(value, decimals)
    return text if text == "–" else f"{text} kr."


def percent(value: float | None, decimals: int = 1) -> str:
    text = number(value, decimals)
    return text if text == "–" else f"{text} %"


def signed(value: float | None, decimals: int = 0, suffix: str = "") -> str:
    """A change with its sign, e.g. ``+1.234,5`` or ``−3,0 pct.point``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = number(abs(value), decimals)
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{text}{(' ' + suffix) if suffix else ''}"


def day(value: date | datetime | None) -> str:
    if value is None:
        return "–"
    return value.strftime("%d-%m-%Y")


def timestamp(value: datetime | None) -> str:
    return "–" if value is None else value.strftime("%d-%m-%Y %H:%M")
