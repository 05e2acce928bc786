"""Presentation mode: one agenda item per screen, large type, no sidebar, arrow keys to move, Esc to leave.

Every slide fits the screen at 1280×720 and 1920×1080 without scrolling: sizes follow the
viewport's height (vh), a chart shrinks to the height left for it, and the buttons stay fixed
at the bottom of the screen.
"""
from __future__ import annotations

from html import escape

import streamlit as st

from steering_core import formatting
from steering_core.catalogue import DIMENSIONS
from steering_core.config import language
from steering_core.meeting import agenda
from steering_core.overview import Tile
from steering_core.texts import t
from ui import components

# A chart's height as drawn: at 1920×1080 it fits as it is, a smaller screen shrinks it to the room left.
SLIDE_CHART_HEIGHT = 460
# Room the meeting bar, the slide's title, a caption and the buttons take from the screen's height.
_AROUND_CHART = "20rem"
_PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: .6rem 2rem 4.6rem 2rem !important; max-width: 100% !important; }
[data-testid="stMain"] h3 { font-size: min(2.1rem, 4.4vh) !important; padding: .2rem 0 .3rem 0 !important; }
[data-testid="stCaptionContainer"] p { font-size: min(1.25rem, 2.6vh) !important; color: #333 !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { display: -webkit-box; -webkit-line-clamp: 2;
    -webkit-box-orient: vertical; overflow: hidden; }
[data-testid="stVegaLiteChart"] svg.marks, [data-testid="stVegaLiteChart"] canvas.marks { width: auto !important; height: auto !important; max-width: 100%;
    max-height: calc(100vh - %(around)s); }
.meeting-bar { display: flex; gap: 1.2rem; align-items: center; font-size: min(1.35rem, 3vh); color: #1f3a5f;
               border-bottom: 3px solid #1f3a5f; padding-bottom: .3rem; margin-bottom: .3rem; }
.meeting-note { background: #f2f4f7; border-left: 6px solid #1f3a5f; padding: .6rem .8rem;
                font-size: min(1.3rem, 2.7vh); color: #222; }
.st-key-present_nav { position: fixed; left: 0; right: 0; bottom: 0; z-index: 999990; background: #fff;
                      border-top: 2px solid #1f3a5f; padding: .5rem 2rem; }
.slide-tiles { display: grid; grid-template-columns: 2.2rem repeat(3, minmax(0, 1fr)); gap: .6rem;
               grid-auto-rows: calc((100vh - 14rem) / 3); }
.slide-side { display: grid; gap: .6rem; }
.slide-dimension { writing-mode: vertical-rl; transform: rotate(180deg); text-align: center; font-weight: 700;
                   color: #1f3a5f; font-size: min(1.2rem, 2.6vh); letter-spacing: .06em; }
.slide-tile { border: 1px solid #c9ced6; border-radius: .5rem; padding: .4rem .8rem; display: flex;
              flex-direction: column; justify-content: space-between; min-width: 0; container-type: inline-size; }
.slide-tile .title { font-size: min(1.45rem, 3vh, 7cqi); color: #222; line-height: 1.15; }
.slide-tile .value { font-size: min(3.4rem, 7.2vh, 13cqi); font-weight: 700; color: #111; line-height: 1.1;
                     white-space: nowrap; }
.slide-tile .change { font-size: min(1.25rem, 2.6vh, 6cqi); font-weight: 600; }
.slide-tile .meta { font-size: min(1.15rem, 2.4vh, 5.6cqi); color: #333; line-height: 1.2; }
.change.good { color: #1b7f3b; } .change.bad { color: #b42318; } .change.off { color: #444; }
</style>
""".replace("%(around)s", _AROUND_CHART)


def hide_chrome() -> None:
    st.markdown(_PRESENTATION_CSS, unsafe_allow_html=True)


def show(pack, position: int, opening_tiles: list[Tile] = ()) -> int:
    """Draw item ``position`` of the pack; returns the position the buttons ask for (-1: leave).
    ``opening_tiles``: the overview's first-screen tiles, drawn for the overview item."""
    total = len(pack.items)
    position = min(max(position, 0), total - 1)
    item = pack.items[position]
    badge = f'<span class="demo-badge">{t("demo.badge").upper()}</span>' if pack.is_demo else ""
    st.markdown(
        f'<div class="meeting-bar" data-testid="meeting-bar">{badge}<b>{escape(pack.kommune)}</b> · '
        f'{escape(pack.scope)} · {pack.first} – {pack.last}<span style="margin-left:auto">'
        f'{t("meeting.slide_of", n=position + 1, total=total)}</span></div>', unsafe_allow_html=True)
    if item.figure.key == agenda.OVERVIEW and opening_tiles:
        st.subheader(item.figure.title)
        st.markdown(_tile_grid(opening_tiles), unsafe_allow_html=True)
    else:
        _figure_slide(item, position)
    return _navigation(position, total)


def _figure_slide(item, position: int) -> None:
    chart_side, figures_side = st.columns([3, 1]) if item.headlines or item.note else (st.container(), None)
    with chart_side:
        components.figure(item.figure, key=f"present_{position}", downloads=False, height=SLIDE_CHART_HEIGHT,
                          with_note=False, slide=True)
    if figures_side is None:
        return
    with figures_side:
        if item.headlines:
            st.markdown(f'<div class="slide-side">{"".join(map(_tile_html, item.headlines))}</div>',
                        unsafe_allow_html=True)
        if item.note:
            author = t("meeting.note_by", author=item.note.author, time=formatting.day(item.note.created))
            st.markdown(f'<div class="meeting-note"><b>{escape(author)}</b><br>{_escape(item.note.text)}</div>',
                        unsafe_allow_html=True)


def _navigation(position: int, total: int) -> int:
    nav = st.container(horizontal=True, vertical_alignment="center", key="present_nav")
    if nav.button(t("meeting.previous"), icon=":material/arrow_back:", shortcut="Left",
                  disabled=position == 0, key="present_back"):
        return position - 1
    if nav.button(t("meeting.next"), icon=":material/arrow_forward:", shortcut="Right",
                  disabled=position == total - 1, key="present_next", type="primary"):
        return position + 1
    if nav.button(t("meeting.leave"), key="present_leave", shortcut="Escape", help=t("meeting.esc_hint")):
        return -1
    return position


def _tile_grid(tiles: list[Tile]) -> str:
    """The first-screen tiles, a row per steering dimension, named at its left."""
    rows = []
    for dimension, names in DIMENSIONS.items():
        group = [tile for tile in tiles if tile.dimension == dimension]
        if group:
            cells = "".join(map(_tile_html, group)) + "<div></div>" * (3 - len(group))
            rows.append(f'<div class="slide-dimension">{escape(names[language()])}</div>{cells}')
    return f'<div class="slide-tiles" data-testid="slide-tiles">{"".join(rows)}</div>'


def _tile_html(tile: Tile) -> str:
    """A tile readable from the back of the room: title, value, change, and the period and unit it is for."""
    change = tile.change_prev or "–"
    if tile.colour == "off" or change == "–":
        tone = "off"
    else:
        tone = "good" if change.startswith("+") == (tile.colour == "normal") else "bad"
    arrow = {"+": "▲ ", "-": "▼ "}.get(change[:1], "") if tone != "off" else ""
    period = t("tile.period_unit", basis=tile.basis, unit=tile.unit) if tile.basis else tile.unit
    notes = " · ".join(escape(part) for part in (period, tile.note, tile.target) if part)
    return (f'<div class="slide-tile" data-testid="slide-tile"><div class="title">{escape(tile.title)}</div>'
            f'<div class="value">{escape(tile.value)}</div>'
            f'<div class="change {tone}">{arrow}{escape(change)} {t("overview.vs_prev")}</div>'
            f'<div class="meta">{notes}</div></div>')


def _escape(text: str) -> str:
    return escape(text).replace("\n", "<br>")
