"""Cell values as municipal spreadsheets write them: Danish amounts, dates, yes/no, periods.

Every parser takes one raw cell (whatever the reader gave: str, int, float,
bool, date, datetime) and returns the typed value, ``None`` for a blank cell,
or raises :class:`ParseError` when the text is not of the expected kind.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from steering_core.periods import Period, PeriodError, month, parse_period as _parse_period_text


class ParseError(ValueError):
    """A cell that is not of the expected kind."""


# --- text folding -------------------------------------------------------------------------

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: object) -> str:
    """Lower case, æ/ø/å as ae/oe/aa, other accents removed, spaces collapsed."""
    raw = str(text).translate(_DANISH).lower()
    raw = unicodedata.normalize("NFKD", raw)
    raw = "".join(ch for ch in raw if not unicodedata.combining(ch))
    return " ".join(raw.split())


def key(text: object) -> str:
    """The matching key of a header or listed value: folded, letters and digits only."""
    return _NOT_ALNUM.sub("", fold(text))


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and value != value  # NaN


def shown(value: object) -> str:
    """A cell value as a user would recognise it in a message."""
    if isinstance(value, float) and abs(value) >= 1e15:
        return f"{value:.6g}".replace(".", ",")   # 1e308 as 1e+308, not 309 digits
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M") if (value.hour or value.minute) else value.strftime("%d-%m-%Y")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    text = str(value).strip()
    return text if len(text) <= 60 else text[:57] + "..."


# --- amounts and numbers ------------------------------------------------------------------

_CURRENCY = re.compile(r"(?i)\s*(kr\.?|dkk|,-)\s*$|^\s*(kr\.?|dkk)\s*")
_MINUSES = ("-", "\u2212", "\u2013")
_DANISH_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+(,\d+)?$|^,\d+$")
_ENGLISH_DECIMAL = re.compile(r"^\d+\.(\d{1,2}|\d{4,})$")


def parse_amount(value: object) -> float | None:
    """``1.234,50``, ``1.234 kr.``, ``-500``, ``1 234,5``, ``12,5 %`` or a number cell."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ParseError(value)
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise ParseError(value)
        return float(value)
    if not isinstance(value, str):
        raise ParseError(value)
    text = _CURRENCY.sub("", value.strip()).strip().rstrip("%").strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.startswith(_MINUSES):
        negative, text = not negative, text[1:].strip()
    elif text.startswith("+"):
        text = text[1:].strip()
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in text:
        # 1 234 567,50: spaces as thousands separators, in groups of three
        if not re.fullmatch(r"\d{1,3}( \d{3})+(,\d+)?", text):
            raise ParseError(value)
        text = text.replace(" ", "")
    if _DANISH_NUMBER.match(text):
        plain = text.replace(".", "").replace(",", ".")
    elif _ENGLISH_DECIMAL.match(text):
        plain = text  # 1234.5 from an English export: a dot not followed by three digits
    else:
        raise ParseError(value)
    try:
        number = Decimal(plain)
    except InvalidOperation as exc:
        raise ParseError(value) from exc
    return float(-number if negative else number)


def parse_int(value: object) -> int | None:
    """A whole number: ``3``, ``3.0`` from Excel, ``1.234`` written the Danish way."""
    number = parse_amount(value)
    if number is None:
        return None
    if not float(number).is_integer():
        raise ParseError(value)
    return int(number)


# --- dates ----------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[-.](\d{1,2})[-.](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SERIAL_TEXT = re.compile(r"^\d{5}$")
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)  # anything else is a typo
MIN_SERIAL, MAX_SERIAL = 1, (LATEST - _EXCEL_EPOCH).days


def excel_serial(day: date) -> int:
    return (day - _EXCEL_EPOCH).days


def parse_date(value: object) -> date | None:
    """An Excel date, an Excel serial number, or text as dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd."""
    if is_blank(value):
        return None
    day = _to_date(value)
    if not EARLIEST <= day <= LATEST:
        raise ParseError(value)
    return day


def _to_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ParseError(value)
    if isinstance(value, (int, float)):
        return _from_serial(value)
    if not isinstance(value, str):
        raise ParseError(value)
    text = value.strip()
    try:
        if match := _DMY.match(text):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if match := _YMD.match(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as exc:
        raise ParseError(value) from exc
    if _SERIAL_TEXT.match(text):
        return _from_serial(int(text))
    raise ParseError(value)


def _from_serial(number: float) -> date:
    if number != number or not MIN_SERIAL <= number <= MAX_SERIAL:
        raise ParseError(number)
    return _EXCEL_EPOCH + timedelta(days=int(number))


# --- yes/no ---------------------------------------------------------------------------------

_YES = {"ja", "j", "x", "yes", "y", "1", "sand", "true"}
_NO = {"nej", "n", "no", "0", "falsk", "false"}


def parse_yesno(value: object) -> bool | None:
    """``ja/nej``, ``j/n``, ``x``/blank, ``yes/no``, ``1/0`` or a boolean cell; blank is ``None``."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if value in (0, 1):
            return bool(value)
        raise ParseError(value)
    word = fold(value).rstrip(".")
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ParseError(value)


# --- periods --------------------------------------------------------------------------------

def parse_period(value: object) -> Period | None:
    """``2026K3``/``2026Q3``/``2026-3``, ``2026-07``, ``2026``; an Excel date cell counts as its month.

    Excel turns ``2026-07`` typed into a cell into the date 1 July 2026, so a
    date cell is read as the month it falls in.
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return month(value.year, value.month)
    if isinstance(value, bool):
        raise ParseError(value)
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1900 <= value <= 2200:
            return _parse_period_text(str(int(value)))
        raise ParseError(value)
    try:
        return _parse_period_text(str(value).strip())
    except PeriodError as exc:
        raise ParseError(value) from exc


def parse_year(value: object) -> int | None:
    number = parse_int(value) if not isinstance(value, str) or value.strip().isdigit() else None
    if number is None and not is_blank(value):
        raise ParseError(value)
    if number is not None and not 1900 <= number <= 2200:
        raise ParseError(value)
    return number


def parse_text(value: object) -> str | None:
    """Text as entered; a whole number from Excel (``12.0``) without its ``.0``."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if not (value.hour or value.minute) else value.isoformat()
    return str(value).strip()
