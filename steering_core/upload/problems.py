"""One problem found in an upload: where it is, how bad it is, and what to do about it."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from steering_core.texts import t

ERROR = "fejl"
WARNING = "advarsel"


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (Excel's column names)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    severity: str           # ERROR or WARNING
    code: str               # the text key, e.g. "upload.err.type.date"
    message: str            # what was found and what was expected, in the active language
    file: str = ""
    sheet: str = ""
    row: int | None = None  # the row as Excel numbers it (1 = first row)
    col: int | None = None  # 0-based column index in the sheet
    column_name: str = ""   # the header as the user wrote it, or the contract name

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def column(self) -> str:
        """Column letter and name, e.g. ``D (moededato)``."""
        if self.col is None:
            return self.column_name
        letter = column_letter(self.col)
        return f"{letter} ({self.column_name})" if self.column_name else letter

    @property
    def cell(self) -> str:
        if self.col is None or self.row is None:
            return ""
        return f"{column_letter(self.col)}{self.row}"

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(t("upload.loc.file", file=self.file))
        if self.sheet:
            parts.append(t("upload.loc.sheet", sheet=self.sheet))
        if self.row is not None:
            parts.append(t("upload.loc.row", row=self.row))
        if self.col is not None:
            parts.append(t("upload.loc.column_named", column=column_letter(self.col), name=self.column_name)
                         if self.column_name else t("upload.loc.column", column=column_letter(self.col)))
        elif self.column_name:
            parts.append(t("upload.loc.column", column=self.column_name))
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    def __str__(self) -> str:
        where = self.location()
        return f"{t('upload.severity.' + self.severity)}: {where + ': ' if where else ''}{self.message}"


def problem(severity: str, code: str, *, file: str = "", sheet: str = "", row: int | None = None,
            col: int | None = None, column_name: str = "", **values: object) -> Problem:
    """A problem whose message is the text ``code`` filled with ``values``."""
    fields = {"file": file, "sheet": sheet, "row": row, **values}
    return Problem(severity, code, t(code, **fields), file, sheet, row, col, column_name)


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """The problems as a table for the page and the CLI: type, file, sheet, row, column, problem."""
    rows = [{
        t("upload.col.severity"): t("upload.severity." + p.severity),
        t("upload.col.file"): p.file,
        t("upload.col.sheet"): p.sheet,
        t("upload.col.row"): p.row,
        t("upload.col.column"): p.column,
        t("upload.col.problem"): p.message,
    } for p in sorted(problems, key=_order)]
    frame = pd.DataFrame(rows, columns=[t(k) for k in ("upload.col.severity", "upload.col.file", "upload.col.sheet",
                                                         "upload.col.row", "upload.col.column", "upload.col.problem")])
    frame[t("upload.col.row")] = frame[t("upload.col.row")].astype("Int64")
    return frame


def _order(p: Problem) -> tuple:
    return (0 if p.is_error else 1, p.file, p.sheet, p.row or 0, p.col if p.col is not None else -1)
