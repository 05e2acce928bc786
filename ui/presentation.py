"""Presentation mode: one agenda item per screen, large type, no sidebar, arrow keys to move."""
from __future__ import annotations

import streamlit as st

from steering_core import formatting
from steering_core.texts import t
from ui import components

_PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
.block-container { padding-top: 1.2rem !important; max-width: 100% !important; }
h1 { font-size: 3rem !important; }
h3 { font-size: 2.2rem !important; }
[data-testid="stCaptionContainer"] p { font-size: 1.25rem !important; color: #333 !important; }
[data-testid="stMarkdownContainer"] p { font-size: 1.35rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 3rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.4rem !important; }
.meeting-bar { display: flex; gap: 1.2rem; align-items: center; font-size: 1.35rem; color: #1f3a5f;
               border-bottom: 3px solid #1f3a5f; padding-bottom: .4rem; margin-bottom: .6rem; }
.meeting-note { background: #f2f4f7; border-left: 6px solid #1f3a5f; padding: .8rem 1rem; font-size: 1.35rem; }
</style>
"""


def hide_chrome() -> None:
    st.markdown(_PRESENTATION_CSS, unsafe_allow_html=True)


def show(pack, position: int) -> int:
    """Draw item ``position`` of the pack; returns the position the buttons ask for."""
    total = len(pack.items)
    position = min(max(position, 0), total - 1)
    item = pack.items[position]
    badge = f'<span class="demo-badge">{t("demo.badge").upper()}</span>' if pack.is_demo else ""
    st.markdown(
        f'<div class="meeting-bar" data-testid="meeting-bar">{badge}<b>{pack.kommune}</b> · {pack.scope} · '
        f'{pack.first} – {pack.last}<span style="margin-left:auto">'
        f'{t("meeting.slide_of", n=position + 1, total=total)}</span></div>', unsafe_allow_html=True)
    chart_side, figures_side = st.columns([3, 1]) if item.headlines or item.note else (st.container(), None)
    with chart_side:
        components.figure(item.figure, key=f"present_{position}", downloads=False, height=560,
                          with_note=False)
    if figures_side is not None:
        with figures_side:
            for tile in item.headlines:
                st.metric(tile.title, tile.value, delta=tile.change_prev, delta_color=tile.colour,
                          delta_description=t("overview.vs_prev"), border=True)
                if tile.target:
                    st.caption(f"{t('target.mark.' + tile.target_state)} **{tile.target}**")
            if item.note:
                author = t("meeting.note_by", author=item.note.author, time=formatting.day(item.note.created))
                st.markdown(f'<div class="meeting-note"><b>{author}</b><br>{_escape(item.note.text)}</div>',
                            unsafe_allow_html=True)
    back, forward, leave = st.columns([1, 1, 4])
    if back.button(t("meeting.previous"), icon=":material/arrow_back:", shortcut="Left",
                   disabled=position == 0, key="present_back"):
        return position - 1
    if forward.button(t("meeting.next"), icon=":material/arrow_forward:", shortcut="Right",
                      disabled=position == total - 1, key="present_next", type="primary"):
        return position + 1
    if leave.button(t("meeting.leave"), key="present_leave"):
        return -1
    return position


def _escape(text: str) -> str:
    from html import escape
    return escape(text).replace("\n", "<br>")
