"""The meeting pack as a 16:9 PowerPoint deck (python-pptx), charts as images rendered by vl-convert."""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from steering_core import formatting
from steering_core.meeting import agenda
from steering_core.meeting.pack import MeetingPack, PackItem, for_print
from steering_core.texts import t

NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x5B, 0x66)
LIGHT = RGBColor(0xF2, 0xF4, 0xF7)
DEMO = RGBColor(0xB4, 0x53, 0x09)
GOOD, BAD = RGBColor(0x1B, 0x7F, 0x3B), RGBColor(0xB4, 0x23, 0x18)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
# What the footnote box under a slide's figure holds at 9 pt (about five lines): a figure of many
# indicators (the overview, the comparison's summary) names them there, and the PDF and Excel sheet
# carry their definitions.
FOOTNOTE_CHARS = 900


def pptx_bytes(pack: MeetingPack) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _cover(deck, pack)
    for item in pack.items:
        _item_slide(deck, pack, item)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _blank(deck: Presentation):
    return deck.slides.add_slide(deck.slide_layouts[6])


def _text(slide, left, top, width, height, text, size, bold=False, colour=GREY, align=PP_ALIGN.LEFT):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = for_print(text)
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, colour
    return box


def _band(slide, pack: MeetingPack) -> None:
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.22))
    band.fill.solid()
    band.fill.fore_color.rgb = NAVY
    band.line.fill.background()
    if pack.is_demo:
        badge = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, WIDTH - Inches(1.9), Inches(0.35),
                                       Inches(1.6), Inches(0.4))
        badge.fill.solid()
        badge.fill.fore_color.rgb = DEMO
        badge.line.fill.background()
        frame = badge.text_frame
        frame.paragraphs[0].alignment = PP_ALIGN.CENTER
        run = frame.paragraphs[0].add_run()
        run.text = t("demo.badge").upper()
        run.font.size, run.font.bold, run.font.color.rgb = Pt(14), True, RGBColor(0xFF, 0xFF, 0xFF)


def _cover(deck: Presentation, pack: MeetingPack) -> None:
    slide = _blank(deck)
    _band(slide, pack)
    _text(slide, Inches(0.9), Inches(2.3), Inches(11), Inches(1.2), t("meeting.cover_title"), 44, True, NAVY)
    _text(slide, Inches(0.9), Inches(3.5), Inches(11), Inches(0.8), pack.subtitle, 24)
    agenda = " · ".join(item.figure.title for item in pack.items)
    _text(slide, Inches(0.9), Inches(4.4), Inches(11.5), Inches(1.4), agenda, 14)
    _text(slide, Inches(0.9), Inches(6.5), Inches(11), Inches(0.5),
          f"{t('meeting.made', date=formatting.day(pack.created))} · {pack.source_line}", 12)


def _item_slide(deck: Presentation, pack: MeetingPack, item: PackItem) -> None:
    slide = _blank(deck)
    _band(slide, pack)
    figure = item.figure
    _text(slide, Inches(0.5), Inches(0.35), Inches(10.5), Inches(0.8), figure.title, 28, True, NAVY)
    _text(slide, Inches(0.5), Inches(1.0), Inches(10.5), Inches(0.4), pack.subtitle, 14)
    if blank := figure.why_blank():
        # Nothing to draw (a rate per resident for one unit, every cell under 5): the figure says why.
        _text(slide, Inches(0.5), Inches(1.6), Inches(8.4), Inches(1.2), blank, 18)
    elif figure.key == agenda.OVERVIEW:
        _tiles(slide, figure, Inches(0.5), Inches(1.55), Inches(12.3))
    elif figure.chart is not None:
        image = io.BytesIO(figure.png(pack.stamp))
        slide.shapes.add_picture(image, Inches(0.5), Inches(1.5), width=Inches(8.4))
    else:
        _table(slide, figure, Inches(0.5), Inches(1.5), Inches(12.3))
    right = Inches(9.2)
    top = Inches(1.5)
    for tile in item.headlines:
        _text(slide, right, top, Inches(3.8), Inches(0.4), tile.title, 13)
        _text(slide, right, top + Inches(0.3), Inches(3.8), Inches(0.6), tile.value, 30, True, NAVY)
        change = tile.change_prev or "–"
        colour = GREY if tile.colour == "off" or change == "–" else (
            GOOD if (change.startswith("+")) == (tile.colour == "normal") else BAD)
        _text(slide, right, top + Inches(0.95), Inches(3.8), Inches(0.4),
              f"{change} {t('overview.vs_prev')} ({tile.basis or tile.period})", 12, False, colour)
        if tile.target:
            _text(slide, right, top + Inches(1.3), Inches(3.8), Inches(0.4), tile.target, 12, True,
                  BAD if tile.target_state == "off_track" else NAVY)
            top += Inches(0.35)
        top += Inches(1.45)
    if item.note:
        note = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, right, max(top, Inches(4.4)), Inches(3.8), Inches(1.8))
        note.fill.solid()
        note.fill.fore_color.rgb = LIGHT
        note.line.color.rgb = NAVY
        frame = note.text_frame
        frame.word_wrap = True
        heading = frame.paragraphs[0].add_run()
        heading.text = for_print(t("meeting.note_by", author=item.note.author, time=formatting.day(item.note.created)))
        heading.font.size, heading.font.bold, heading.font.color.rgb = Pt(11), True, NAVY
        body = frame.add_paragraph().add_run()
        body.text = for_print(item.note.text)
        body.font.size, body.font.color.rgb = Pt(13), GREY
    _text(slide, Inches(0.5), Inches(6.65), Inches(12.3), Inches(0.8), _footnote(figure, pack), 9)


def _footnote(figure, pack: MeetingPack) -> str:
    definitions = " ".join(f"{name}: {definition}" for name, definition, _ in figure.definitions())
    # The overview's fourteen definitions, or any figure's too many to fit: they are a click away instead.
    if figure.key == agenda.OVERVIEW or len(definitions) > FOOTNOTE_CHARS:
        definitions = t("meeting.definitions_elsewhere")
    return " ".join(filter(None, [figure.state_note(), definitions, figure.sources, pack.source_line]))


TILE_COLUMNS = 4


def _tiles(slide, figure, left, top, width) -> None:
    """The overview as tiles read from across a room: the indicator, its figure large, its period and
    change; four to a row (13 headline figures take four rows above the footnote)."""
    rows = figure.display_table()
    gap = Inches(0.15)
    tile_width = int((width - gap * (TILE_COLUMNS - 1)) / TILE_COLUMNS)
    tile_height = Inches(1.2)
    for number, (_, row) in enumerate(rows.iterrows()):
        x = left + (number % TILE_COLUMNS) * (tile_width + gap)
        y = top + (number // TILE_COLUMNS) * (tile_height + Inches(0.07))
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x, y, tile_width, tile_height)
        box.fill.solid()
        box.fill.fore_color.rgb = LIGHT
        box.line.fill.background()
        _text(slide, x + Inches(0.1), y + Inches(0.04), tile_width - Inches(0.2), Inches(0.35),
              str(row["indicator"]), 11)
        _text(slide, x + Inches(0.1), y + Inches(0.33), tile_width - Inches(0.2), Inches(0.5),
              str(row["value"]), 24, True, NAVY)
        _text(slide, x + Inches(0.1), y + Inches(0.83), tile_width - Inches(0.2), Inches(0.3),
              f"{row['period']} · {row['change_prev']} {t('overview.vs_prev')}", 10)


def _table(slide, figure, left, top, width) -> None:
    columns = list(figure.columns)
    rows = figure.display_table().head(16)
    shape = slide.shapes.add_table(len(rows) + 1, len(columns), left, top, width, Emu(Inches(0.3) * (len(rows) + 1)))
    table = shape.table
    # Each column as wide as its longest word or value asks (a long name wraps, a number does not), so a
    # table of many columns (the comparison's summary) stays within the slide.
    need = [max([len(word) for word in str(figure.columns[c]).split()]
                + [min(len(str(v)), 40) for v in (rows[c] if c in rows else [])] + [8]) for c in columns]
    for col, share in enumerate(need):
        table.columns[col].width = Emu(int(width * share / sum(need)))
    size = Pt(13) if len(columns) <= 6 else Pt(10)
    for col, column in enumerate(columns):
        table.cell(0, col).text = for_print(figure.columns[column])
        for row, value in enumerate(rows[column] if column in rows else [], start=1):
            table.cell(row, col).text = for_print(str(value))
    for cell in (table.cell(r, c) for r in range(len(rows) + 1) for c in range(len(columns))):
        for paragraph in cell.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = size
