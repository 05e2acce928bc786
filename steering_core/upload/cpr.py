"""The CPR guard: a value that looks like a Danish CPR number stops the upload.

A CPR number is ten digits, ``ddmmyy-ssss``, whose first six digits are a
valid date. Children in this product are identified by pseudonymous keys
only, so any such value in any cell (hidden sheets, extra columns and title
rows included), in a sheet name or in a file name means personal data was
exported by mistake. The guard reports where, never what.

Text is judged as people and programs really write the number
(:func:`normalise`): NFKC (full-width digits become ASCII, NBSP and thin
spaces become spaces), every script's decimal digits become ASCII digits, every Unicode dash and minus becomes ``-``, invisible
characters are removed, and the six and four digits may be split by a dash
with or without spaces around it, or by spaces; the six may be written as a
date with dots or spaces (``dd.mm.yy-ssss``, ``dd mm yy ssss``). A number cell (and, in a csv
file, a cell of digits only) of nine digits counts as well: Excel and csv
exports drop the leading zero of 0101901234. The rule for amount columns is in
docs/DATA_FORMAT.md ("CPR numbers").
"""
from __future__ import annotations

import calendar
import itertools
import re
import unicodedata
from typing import Sequence

from steering_core.cleantext import INVISIBLE

# Six digits, an optional dash with optional spaces around it (or spaces alone), four digits.
# A leading digit is checked by hand (a look-behind at the start makes the regex several times slower).
_IN_TEXT = re.compile(r"[0-9]{6}(?: *- *| +)?[0-9]{4}(?![0-9])")
# The date written with dots or spaces between day, month and year: then a dash or a space must follow.
_AS_DATE = re.compile(r"[0-9]{2}[. ][0-9]{2}[. ][0-9]{2}(?: *- *| +)[0-9]{4}(?![0-9])")
# Either form in one pass, for the scan of a whole column.
_CANDIDATE = re.compile(r"[0-9]{2}(?:[0-9]{4}(?: *- *| +)?|[. ][0-9]{2}[. ][0-9]{2}(?: *- *| +))[0-9]{4}(?![0-9])")
_NINE_DIGITS = re.compile(r"[0-9]{9}")
_CENTURIES = (1900, 2000, 1800)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u00ad"
_TO_ASCII = str.maketrans({**{d: "-" for d in _DASHES}, **{ch: None for ch in INVISIBLE},
                           "\t": " ", "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200a": " "})

# Whole amounts that may legitimately reach nine digits (a sector's budget of 101.901.234 kr.):
# there only a ten-digit whole number counts (docs/DATA_FORMAT.md, "CPR numbers").
TEN_DIGITS_ONLY = "ten_digits_only"


def normalise(text: str) -> str:
    """Text as the guard reads it: ASCII digits, spaces and dashes, nothing invisible."""
    if text.isascii() and "\t" not in text:
        return text
    text = unicodedata.normalize("NFKC", text.translate(_TO_ASCII)).translate(_TO_ASCII)
    if not text.isascii():   # digits of other scripts (Arabic-Indic, Devanagari ...) as ASCII
        text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)
    return text


def _valid_ddmmyy(dd: int, mm: int, yy: int) -> bool:
    if not 1 <= mm <= 12 or dd < 1:
        return False
    return any(dd <= calendar.monthrange(century + yy, mm)[1] for century in _CENTURIES)


def _digits_are_cpr(digits: str) -> bool:
    return _valid_ddmmyy(int(digits[:2]), int(digits[2:4]), int(digits[4:6]))


def text_has_cpr(text: str) -> bool:
    text = normalise(text)
    position = 0
    while match := _IN_TEXT.search(text, position):
        start = match.start()
        position = start + 1
        if start and text[start - 1].isdigit():
            continue  # part of a longer number
        if _digits_are_cpr(text[start:start + 6]):
            return True
    position = 0
    while match := _AS_DATE.search(text, position):
        start = match.start()
        position = start + 1
        if start and (text[start - 1].isdigit() or text[start - 1] in ". "
                      and start > 1 and text[start - 2].isdigit()):
            continue  # part of a longer number or date
        if _digits_are_cpr(text[start:start + 2] + text[start + 3:start + 5] + text[start + 6:start + 8]):
            return True
    return False


def digits_only_is_cpr(text: str) -> bool:
    """A csv cell of nine digits (a number that lost its leading zero) or ten."""
    digits = normalise(text).strip()
    if len(digits) == 9 and _NINE_DIGITS.fullmatch(digits):
        return _digits_are_cpr("0" + digits)
    return False


def number_is_cpr(number: float, rule: str | None = None) -> bool:
    """A number cell: Excel drops the leading zero, so nine digits count too (ten only under ``rule``)."""
    low = 1_000_000_000 if rule == TEN_DIGITS_ONLY else 100_000_000
    if not low <= number < 10_000_000_000 or number != int(number):
        return False
    return _digits_are_cpr(f"{int(number):010d}")


def looks_like_cpr(value: object, rule: str | None = None) -> bool:
    if isinstance(value, str):
        return len(value) >= 10 and text_has_cpr(value)
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return number_is_cpr(abs(value), rule)
    return False


def _text_hits(joined: str) -> bool:
    return bool(_CANDIDATE.search(normalise(joined)))


def find_cpr_cells(rows: Sequence[Sequence[object]],
                   number_rules: dict[int, str] | None = None,
                   columns: Sequence[Sequence[object]] | None = None,
                   digits_text: bool = False) -> list[tuple[int, int]]:
    """(row index, column index), both 0-based, of every cell that looks like a CPR number.

    ``number_rules`` maps a column to the rule its number cells are judged by
    (:data:`TEN_DIGITS_ONLY` for large amounts); number cells in every column
    are checked. ``digits_text`` (csv files) also checks text of nine digits.
    The sheet is scanned a column at a time (``columns`` is the sheet
    transposed, if the caller has it): a column's texts are searched as one
    string, and only a column with a candidate is walked cell by cell.
    """
    rules = number_rules or {}
    hits: list[tuple[int, int]] = []
    if columns is None:
        columns = list(itertools.zip_longest(*rows, fillvalue=""))
    for c, column in enumerate(columns):
        try:
            joined = "\n".join(column)   # a column of text only (calamine gives '' for empty cells)
            mixed = False
        except TypeError:
            joined = "\n".join([v for v in column if type(v) is str])
            mixed = True
        if _text_hits(joined):
            hits.extend((r, c) for r, v in enumerate(column)
                        if type(v) is str and len(v) >= 10 and text_has_cpr(v))
        if digits_text and _NINE_DIGITS.search(normalise(joined)):
            hits.extend((r, c) for r, v in enumerate(column)
                        if type(v) is str and 9 <= len(v) < 30 and digits_only_is_cpr(v) and (r, c) not in hits)
        if mixed:
            numbers = [abs(v) for v in column if type(v) is float or type(v) is int]
            if numbers and max(numbers) >= 100_000_000:
                rule = rules.get(c)
                hits.extend((r, c) for r, v in enumerate(column)
                            if (type(v) is float or type(v) is int) and number_is_cpr(abs(v), rule))
    hits.sort()
    return hits
