"""The print view: any page (or the meeting agenda) on A4 landscape, headed by what it shows and how new
the data is. Browsers print with Ctrl+P or the sidebar's button; on screen nothing of it shows but the button."""
from __future__ import annotations

import json
from datetime import date

import streamlit as st

from steering_core import formatting
from steering_core.texts import t

# Streamlit scrolls inside its main area: for print it must grow to its content, or only the first
# screenful is printed. Controls, downloads and the sidebar have no use on paper.
_PRINT_CSS = """
<style>
.print-button { font: inherit; padding: .35rem .8rem; border: 1px solid #888; border-radius: .4rem;
                background: #fff; color: #222; cursor: pointer; }
@media print {
  @page { size: A4 landscape; margin: 10mm 12mm; }
  html, body, #root, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] { height: auto !important; min-height: 0 !important;
    overflow: visible !important; position: static !important; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stPopover"], [data-testid="stExpander"], [data-testid="stButton"],
  [data-testid="stBaseButton-secondary"], [data-testid="stFileUploader"], .print-button { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  /* The header as generated content: a style-only element takes no room on screen. */
  [data-testid="stMainBlockContainer"]::before { content: __HEADER__; display: block; font-size: 11pt;
    border-bottom: 2px solid #1f3a5f; padding-bottom: 4pt; margin-bottom: 6pt; color: #111; }
  [data-testid="stVegaLiteChart"], [data-testid="stMetric"], [data-testid="stTable"] { break-inside: avoid; }
}
</style>
"""


def header_text(kommune: str, scope: str, first: str, last: str, data_until: date | None,
                printed: date | None = None) -> str:
    return t("print.header", kommune=kommune, scope=scope, first=first, last=last,
             until=formatting.day(data_until), printed=formatting.day(printed or date.today()))


def print_view(context) -> None:
    """The print header (filters and the data's date) and the print button; call once per run."""
    header = header_text(context.kommune, context.scope, context.first, context.last, context.data_until)
    st.html(_PRINT_CSS.replace("__HEADER__", json.dumps(header, ensure_ascii=False)))  # a valid CSS string
    st.sidebar.html(f'<button class="print-button" type="button" onclick="window.print()">'
                    f'{t("print.button")}</button>', unsafe_allow_javascript=True)
