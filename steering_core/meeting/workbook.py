"""The meeting pack as one Excel workbook: a contents sheet and the table behind every item."""
from __future__ import annotations

import io
import re

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from steering_core import formatting
from steering_core.cleantext import printable_line
from steering_core.exports import safe_text
from steering_core.meeting.pack import MeetingPack
from steering_core.texts import t


def xlsx_bytes(pack: MeetingPack) -> bytes:
    book = Workbook()
    contents = book.active
    contents.title = "Indhold"
    contents.append([t("meeting.cover_title")])
    contents["A1"].font = Font(bold=True, size=16)
    contents.append([safe_text(pack.subtitle)])
    if pack.is_demo:
        contents.append([safe_text(t("demo.explain", kommune=pack.kommune))])
    contents.append([safe_text(f"{t('meeting.made', date=formatting.day(pack.created))} · {pack.source_line}")])
    contents.append([])
    used = {"Indhold"}
    for number, item in enumerate(pack.items, start=1):
        name = _sheet_name(f"{number} {item.figure.title}", used)
        contents.append([number, safe_text(item.figure.title), name])
        _copy_sheet(book, name, item.figure.xlsx())
        sheet = book[name]
        sheet.insert_rows(1, 2)
        sheet["A1"] = safe_text(item.figure.title)
        sheet["A1"].font = Font(bold=True, size=14)
        if item.note:
            sheet["A2"] = safe_text(f"{t('meeting.note_by', author=item.note.author, time=formatting.day(item.note.created))}: "
                                    f"{item.note.text}")
        sheet.freeze_panes = "A4"
    contents.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", printable_line(title))[:28].strip() or "Ark"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name)
    return name


def _copy_sheet(book: Workbook, name: str, data: bytes) -> None:
    """Values, number formats and widths of the figure's own Excel sheet, into the pack workbook."""
    source = load_workbook(io.BytesIO(data)).active
    target = book.create_sheet(name)
    for row in source.iter_rows():
        for cell in row:
            copied = target.cell(row=cell.row, column=cell.column, value=cell.value)
            copied.number_format = cell.number_format
            if cell.row == 1:
                copied.font = Font(bold=True)
    for letter, dimension in source.column_dimensions.items():
        target.column_dimensions[letter].width = dimension.width
