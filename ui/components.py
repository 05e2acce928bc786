"""Elements every page shares: the demo marker and styling readable on a projector."""
from __future__ import annotations

import streamlit as st

from steering_core.texts import t

# Bigger type for a shared screen at the back of a meeting room.
_PROJECTOR_CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 2.6rem; font-weight: 700; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem; }
[data-testid="stMetricDelta"] { font-size: 1.05rem; }
.demo-badge { display: inline-block; background: #b45309; color: #fff; font-weight: 700;
              letter-spacing: .08em; padding: .25rem .8rem; border-radius: .4rem; font-size: 1.05rem; }
.demo-line { margin-bottom: .6rem; color: #78350f; }
</style>
"""


def page_chrome(is_demo: bool, kommune: str) -> None:
    st.markdown(_PROJECTOR_CSS, unsafe_allow_html=True)
    if is_demo:
        st.markdown(
            f'<div class="demo-line" data-testid="demo-marker"><span class="demo-badge">'
            f'{t("demo.badge").upper()}</span>&nbsp; {t("demo.explain", kommune=kommune)}</div>',
            unsafe_allow_html=True)
        st.sidebar.markdown(f'<span class="demo-badge">{t("demo.badge").upper()}</span>',
                            unsafe_allow_html=True)
