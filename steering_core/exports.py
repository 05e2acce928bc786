"""Files users take away: chart images and Excel tables with Danish headers and formats."""
from __future__ import annotations

import io
import re

import altair as alt
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from steering_core.cleantext import printable, printable_line, printable_tree

# OWASP's list for CSV injection: a cell whose text starts so is run as a formula by spreadsheets
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def chart_png(chart: alt.TopLevelMixin | dict, scale: float = 2.0) -> bytes:
    """A chart (or its Vega-Lite spec) as a PNG image."""
    import vl_convert as vlc

    # Any stored text (a unit name with Word's \x0b) reaches the renderer: control characters abort it.
    spec = printable_tree(dict(chart) if isinstance(chart, dict) else chart.to_dict())
    # A container width means nothing off screen: give the image a slide-friendly width.
    if spec.get("width") == "container":
        spec["width"] = 900
    return vlc.vegalite_to_png(spec, scale=scale)


def safe_text(value: object) -> object:
    """Text a spreadsheet shows as written: never run as a formula (OWASP), no character it cannot hold.

    Only text is touched; numbers stay numbers. Text starting with = + - @, tab or CR gets a
    leading apostrophe, so Excel and LibreOffice show it instead of evaluating it.
    """
    value = printable(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def table_xlsx(frame: pd.DataFrame, sheet: str, headers: dict[str, str], formats: dict[str, str] | None = None,
               note: str | None = None, row_formats: dict[str, list[str]] | None = None) -> bytes:
    """One sheet with Danish headers, number formats, a frozen header row and the definition below.
    ``row_formats``: a column's format row by row, where rows differ in unit."""
    workbook = Workbook()
    sheet_ = workbook.active
    sheet_.title = re.sub(r"[\[\]:*?/\\]", "", printable_line(sheet))[:31].strip() or "Data"
    columns = [c for c in headers if c in frame.columns]
    sheet_.append([safe_text(headers[c]) for c in columns])
    for cell in sheet_[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for record in frame[columns].itertuples(index=False):
        sheet_.append([_cell(value) for value in record])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        width = max([len(str(headers[column]))] + [len(str(v)) for v in frame[column].head(200)]) + 2
        sheet_.column_dimensions[letter].width = min(max(width, 10), 50)
        number_format = (formats or {}).get(column)
        if number_format:
            for row in range(2, len(frame) + 2):
                sheet_[f"{letter}{row}"].number_format = number_format
        for row, row_format in enumerate((row_formats or {}).get(column, []), start=2):
            sheet_[f"{letter}{row}"].number_format = row_format
    sheet_.freeze_panes = "A2"
    if note:
        sheet_.cell(row=len(frame) + 3, column=1, value=safe_text(note)).alignment = Alignment(wrap_text=False)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return safe_text(value)
