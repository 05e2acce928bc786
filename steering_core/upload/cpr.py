"""The CPR guard: a value that looks like a Danish CPR number stops the upload.

A CPR number is ten digits, ``ddmmyy-ssss``, with or without the dash, whose
first six digits are a valid date. Children in this product are identified by
pseudonymous keys only, so any such value in any cell (hidden sheets, extra
columns and title rows included) means personal data was exported by mistake.
The guard reports where, never what.
"""
from __future__ import annotations

import calendar
import itertools
import re
from typing import Sequence

# Ten digits, optionally split 6+4 by a dash or space. A leading digit is checked by hand
# (a look-behind at the start of the pattern makes the regex several times slower).
_IN_TEXT = re.compile(r"[0-9]{6}[-\u2010\u2011\u2013 ]?[0-9]{4}(?![0-9])")
_CENTURIES = (1900, 2000, 1800)


def _valid_ddmmyy(dd: int, mm: int, yy: int) -> bool:
    if not 1 <= mm <= 12 or dd < 1:
        return False
    return any(dd <= calendar.monthrange(century + yy, mm)[1] for century in _CENTURIES)


def text_has_cpr(text: str) -> bool:
    position = 0
    while match := _IN_TEXT.search(text, position):
        start = match.start()
        position = start + 1
        if start and text[start - 1].isdigit():
            continue  # part of a longer number
        if _valid_ddmmyy(int(text[start:start + 2]), int(text[start + 2:start + 4]), int(text[start + 4:start + 6])):
            return True
    return False


def number_is_cpr(number: float) -> bool:
    """A number cell: Excel drops the leading zero, so nine digits count too."""
    if not 100_000_000 <= number < 10_000_000_000 or number != int(number):
        return False
    digits = f"{int(number):010d}"
    return _valid_ddmmyy(int(digits[:2]), int(digits[2:4]), int(digits[4:6]))


def looks_like_cpr(value: object) -> bool:
    if isinstance(value, str):
        return len(value) >= 10 and text_has_cpr(value)
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return number_is_cpr(abs(value))
    return False


def find_cpr_cells(rows: Sequence[Sequence[object]],
                   numbers_allowed_in: frozenset[int] = frozenset(),
                   columns: Sequence[Sequence[object]] | None = None) -> list[tuple[int, int]]:
    """(row index, column index), both 0-based, of every cell that looks like a CPR number.

    ``numbers_allowed_in`` are columns declared as amounts: a number cell there
    (a budget of 101.901.234 kr.) is not read as a CPR number, but text in them
    still is. The sheet is scanned a column at a time (``columns`` is the sheet
    transposed, if the caller has it): a column's texts are searched as one
    string, and only a column with a candidate is walked cell by cell.
    """
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
        if _IN_TEXT.search(joined):
            hits.extend((r, c) for r, v in enumerate(column)
                        if type(v) is str and len(v) >= 10 and text_has_cpr(v))
        if mixed and c not in numbers_allowed_in:
            numbers = [abs(v) for v in column if type(v) is float or type(v) is int]
            if numbers and max(numbers) >= 100_000_000:
                hits.extend((r, c) for r, v in enumerate(column)
                            if (type(v) is float or type(v) is int) and number_is_cpr(abs(v)))
    hits.sort()
    return hits
