"""The template workbook users fill in: one sheet per contract table, plus "Vejledning".

Headers are the contract's Danish names in a frozen, bold first row. Every
enumerated column has a drop-down (data validation); dates, amounts and text
columns carry their number format as the column's style, so what users type
below the header is formatted as it should be. Everything comes from
``contract.py``, so the template and the validator cannot drift apart.
"""
from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from steering_core.texts import t
from steering_core.upload import contract as c

DATE_FORMAT = "dd-mm-yyyy"
AMOUNT_FORMAT = "#,##0.00"
NUMBER_FORMAT = "#,##0.##"
TEXT_FORMAT = "@"
VALIDATION_ROWS = 100_000   # drop-downs reach this far down

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FONT = Font(bold=True)
_OPTIONAL_FONT = Font(bold=True, italic=True, color="555555")
_FORMATS = {c.DATE: DATE_FORMAT, c.AMOUNT: AMOUNT_FORMAT, c.NUMBER: NUMBER_FORMAT, c.TEXT: TEXT_FORMAT,
            c.PERIOD: TEXT_FORMAT, c.CHOICE: TEXT_FORMAT, c.YESNO: TEXT_FORMAT}


def _optional_text(key: str, **values: object) -> str | None:
    try:
        return t(key, **values)
    except KeyError:
        return None


def choices(column: c.Column) -> tuple[str, ...]:
    """The drop-down values of an enumerated column (yes/no columns get ja, nej)."""
    if column.kind == c.YESNO:
        return (t("upload.template.yes", "da"), t("upload.template.no", "da"))
    return column.choices


def rule(spec: c.SheetSpec, column: c.Column) -> str:
    """What the guide says about a column: allowed values, range and the contract's own rule."""
    parts = []
    if column.kind == c.CHOICE:
        allowed = ", ".join(column.choices)
        parts.append(t("upload.rule.open_list", allowed=allowed) if column.open_list else allowed)
    if column.minimum is not None and column.maximum is not None:
        parts.append(t("upload.rule.range", minimum=int(column.minimum), maximum=int(column.maximum)))
    elif column.minimum is not None:
        parts.append(t("upload.rule.min", minimum=int(column.minimum)))
    special = _optional_text(f"upload.rule.{spec.name.lower()}.{column.name}")
    if special:
        parts.append(special)
    return "; ".join(parts)


def build_template() -> Workbook:
    workbook = Workbook()
    guide = workbook.active
    guide.title = t("upload.template.guide", "da")
    for spec in c.SHEETS:
        _contract_sheet(workbook, spec)
    _guide(guide)
    return workbook


def _contract_sheet(workbook: Workbook, spec: c.SheetSpec) -> None:
    sheet = workbook.create_sheet(spec.name)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(spec.columns, 1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=column.name)
        cell.font = _REQUIRED_FONT if column.required else _OPTIONAL_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        explain = rule(spec, column)
        kind = t(f"upload.kind.{column.kind}")
        required = t("upload.template.yes") if column.required else t("upload.template.no")
        cell.comment = Comment(f"{kind}; {t('upload.template.col.required').lower()}: {required}"
                               + (f"\n{explain}" if explain else ""), "Styringsdashboard", width=300, height=110)
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(len(column.name) + 4, 14 if column.kind != c.TEXT else 18)
        if column.kind in _FORMATS:
            dimension.number_format = _FORMATS[column.kind]   # the column's style: new cells inherit it
        values = choices(column)
        if values:
            validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                                        allow_blank=not column.required, showDropDown=False)
            validation.error = t("upload.err.choice_plain", "da", found="…", allowed=", ".join(values))
            validation.errorTitle = column.name
            validation.errorStyle = "warning" if column.open_list else "stop"
            validation.showErrorMessage = True
            validation.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
            sheet.add_data_validation(validation)
        elif column.kind in (c.INT, c.YEAR):
            low = int(column.minimum) if column.minimum is not None else (1900 if column.kind == c.YEAR else -10**9)
            high = int(column.maximum) if column.maximum is not None else (2200 if column.kind == c.YEAR else 10**9)
            validation = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high),
                                        allow_blank=True)
            validation.error = t("upload.err.type.int", "da", found="…")
            validation.errorStyle = "warning"
            validation.showErrorMessage = True
            validation.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
            sheet.add_data_validation(validation)
        elif column.kind in (c.AMOUNT, c.NUMBER) and column.minimum is not None and column.maximum is not None:
            # a scale with decimals (a FIT score of 31,5)
            validation = DataValidation(type="decimal", operator="between", formula1=f"{column.minimum:g}",
                                        formula2=f"{column.maximum:g}", allow_blank=True)
            validation.error = t("upload.err.range_number", "da", found="…", minimum=f"{column.minimum:g}",
                                 maximum=f"{column.maximum:g}")
            validation.errorStyle = "warning"
            validation.showErrorMessage = True
            validation.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
            sheet.add_data_validation(validation)
        elif column.kind in (c.AMOUNT, c.NUMBER) and column.minimum is not None:
            # decimals allowed (12,5 full-year interventions; 1.234,50 kr.): a floor, not a whole number
            validation = DataValidation(type="decimal", operator="greaterThanOrEqual",
                                        formula1=str(int(column.minimum)), allow_blank=True)
            validation.error = t("upload.err.negative", "da", found="…", column=column.name)
            validation.errorStyle = "warning"
            validation.showErrorMessage = True
            validation.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
            sheet.add_data_validation(validation)
        elif column.kind == c.DATE:
            validation = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
            validation.error = t("upload.err.type.date", "da", found="…")
            validation.errorStyle = "warning"
            validation.showErrorMessage = True
            validation.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
            sheet.add_data_validation(validation)


def _guide(sheet) -> None:
    sheet["A1"] = t("upload.template.title", "da")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A3"] = t("upload.template.intro", "da")
    sheet["A3"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A3:E3")
    sheet.row_dimensions[3].height = 95
    headers = ["upload.template.col.sheet", "upload.template.col.column", "upload.template.col.kind",
               "upload.template.col.required", "upload.template.col.allowed"]
    for index, key in enumerate(headers, 1):
        cell = sheet.cell(row=5, column=index, value=t(key, "da"))
        cell.font = _REQUIRED_FONT
        cell.fill = _HEADER_FILL
    row = 6
    for spec in c.SHEETS:
        for column in spec.columns:
            sheet.cell(row=row, column=1, value=spec.name)
            sheet.cell(row=row, column=2, value=column.name)
            sheet.cell(row=row, column=3, value=t(f"upload.kind.{column.kind}", "da"))
            sheet.cell(row=row, column=4, value=t("upload.template.yes" if column.required else "upload.template.no",
                                                  "da"))
            sheet.cell(row=row, column=5, value=rule(spec, column))
            row += 1
    for letter, width in zip("ABCDE", (14, 22, 18, 10, 90)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A6"


def template_bytes() -> bytes:
    buffer = io.BytesIO()
    build_template().save(buffer)
    return buffer.getvalue()


def write_template(path: str | Path) -> Path:
    """Write the template workbook to ``path`` (``python -m steering_core template --out FILE.xlsx``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template_bytes())
    return path
