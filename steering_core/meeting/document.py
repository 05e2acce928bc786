"""The meeting pack as PDF (reportlab), for e-mail and the political committee."""
from __future__ import annotations

import io
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from steering_core import formatting
from steering_core.meeting.pack import MeetingPack, PackItem, for_print
from steering_core.texts import t

NAVY = colors.HexColor("#1F3A5F")
DEMO = colors.HexColor("#B45309")
_FONT_DIR = Path(reportlab.__file__).parent / "fonts"


def _fonts() -> tuple[str, str]:
    # reportlab ships Bitstream Vera: the PDF looks the same on every machine, æøå and § included.
    try:
        pdfmetrics.registerFont(TTFont("Vera", str(_FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("Vera-Bold", str(_FONT_DIR / "VeraBd.ttf")))
        return "Vera", "Vera-Bold"
    except Exception:  # pragma: no cover - a reportlab without its fonts
        return "Helvetica", "Helvetica-Bold"


def pdf_bytes(pack: MeetingPack) -> bytes:
    regular, bold = _fonts()
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=24, leading=29, textColor=NAVY),
        "big": ParagraphStyle("big", fontName=bold, fontSize=34, leading=40, textColor=NAVY),
        "sub": ParagraphStyle("sub", fontName=regular, fontSize=13, leading=17, textColor=colors.HexColor("#555B66")),
        "body": ParagraphStyle("body", fontName=regular, fontSize=11, leading=14),
        "value": ParagraphStyle("value", fontName=bold, fontSize=20, leading=24, textColor=NAVY),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8, leading=10,
                                textColor=colors.HexColor("#555B66")),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=10, leading=12),
        "demo": ParagraphStyle("demo", fontName=bold, fontSize=12, leading=15, textColor=DEMO),
    }
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=1.5 * cm, rightMargin=1.5 * cm,
                                 topMargin=1.2 * cm, bottomMargin=1.2 * cm, title=t("meeting.cover_title"),
                                 author="Styringsdashboard")
    story = _cover(pack, styles)
    for item in pack.items:
        story += [PageBreak(), *_item(pack, item, styles, document.width)]
    document.build(story)
    return buffer.getvalue()


def _p(text: str, style) -> Paragraph:
    return Paragraph(escape(for_print(text)), style)


def _demo_line(pack: MeetingPack, styles) -> list:
    return [_p(f"{t('demo.badge').upper()} · {t('demo.explain', kommune=pack.kommune)}", styles["demo"])] \
        if pack.is_demo else []


def _cover(pack: MeetingPack, styles) -> list:
    story = [Spacer(1, 4 * cm), _p(t("meeting.cover_title"), styles["big"]), Spacer(1, 0.4 * cm),
             _p(pack.subtitle, styles["sub"]), Spacer(1, 0.8 * cm)]
    story += [_p(f"{n}. {item.figure.title}", styles["body"]) for n, item in enumerate(pack.items, start=1)]
    story += [Spacer(1, 1 * cm), *_demo_line(pack, styles),
              _p(f"{t('meeting.made', date=formatting.day(pack.created))} · {pack.source_line}", styles["small"])]
    return story


def _item(pack: MeetingPack, item: PackItem, styles, width: float) -> list:
    figure = item.figure
    story = [_p(figure.title, styles["title"]), _p(pack.subtitle, styles["sub"]), *_demo_line(pack, styles),
             Spacer(1, 0.3 * cm)]
    side = []
    for tile in item.headlines:
        side += [_p(tile.title, styles["body"]), _p(tile.value, styles["value"]),
                 _p(f"{tile.change_prev or '–'} {t('overview.vs_prev')} ({tile.basis or tile.period})", styles["small"]),
                 *([_p(tile.target, styles["small"])] if tile.target else []), Spacer(1, 0.3 * cm)]
    if item.note:
        side += [_p(t("meeting.note_by", author=item.note.author, time=formatting.day(item.note.created)),
                    styles["demo"]), _p(item.note.text, styles["body"])]
    footnote = " ".join([*filter(None, [figure.state_note()]),
                         *(f"{name}: {definition}" for name, definition, _ in figure.definitions()),
                         *filter(None, [figure.sources])])
    sources = " ".join(filter(None, [figure.sources, pack.source_line]))
    if blank := figure.why_blank():
        return story + [_p(blank, styles["body"]), *side, Spacer(1, 0.3 * cm), _p(sources, styles["small"])]
    if figure.chart is None:
        # A table item (the overview) gets the whole width.
        return story + [_table(figure, styles, width), *side, Spacer(1, 0.3 * cm), _p(sources, styles["small"])]
    image = Image(io.BytesIO(figure.png(pack.stamp)))
    scale = min((width * 0.66) / image.imageWidth, (11.5 * cm) / image.imageHeight)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    layout = Table([[image, side or ""]], colWidths=[width * 0.68, width * 0.32])
    layout.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [layout, Spacer(1, 0.3 * cm), _p(f"{footnote} {pack.source_line}", styles["small"])]
    return story


def _table(figure, styles, width: float) -> Table:
    columns = list(figure.columns)
    rows = [[_p(figure.columns[c], styles["small"]) for c in columns]]
    for record in figure.display_table().head(20).to_dict("records"):
        rows.append([_p(str(record.get(c, "")), styles["cell"]) for c in columns])
    table = Table(rows, colWidths=[width / len(columns)] * len(columns), repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8ECF2")),
                               ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#C9CED6")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table
