"""Elements every page shares: the demo marker and styling readable on a projector."""
from __future__ import annotations

import base64
import functools
import json
from pathlib import Path

import streamlit as st

from steering_core.config import language
from steering_core.texts import t

# Bigger type for a shared screen at the back of a meeting room. Nothing may be cut off at 1280×720:
# a tile's value shrinks with its tile (a container query), its title and notes wrap.
# The tab icon, a file of our own: a Material icon would be fetched from outside the machine on every
# page load. Inside the page as a data URL (read once per process, not on every rerun): as a file,
# Streamlit serves it uncached and the browser fetched it several times on every page load.
FAVICON_URL = "data:image/png;base64," + base64.b64encode(
    (Path(__file__).parent / "favicon.png").read_bytes()).decode("ascii")

_PROJECTOR_CSS = """
<style>
header[data-testid="stHeader"] { height: 2.6rem; background: transparent; }
[data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"] style) { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 2.8rem; }
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetricValue"] { font-size: clamp(1.6rem, 15cqi, 2.6rem); font-weight: 700; }
[data-testid="stMetricValue"] > div { overflow: visible; text-overflow: clip; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem; }
[data-testid="stMetricLabel"] div, [data-testid="stMetricLabel"] p,
[data-testid="stMetricDeltaDescription"] div, [data-testid="stMetricDeltaDescription"] p {
    white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricDelta"] { font-size: 1.05rem; }
.drill-level { color: #555; font-size: .95rem; }
.demo-badge { display: inline-block; background: #b45309; color: #fff; font-weight: 700;
              letter-spacing: .08em; padding: .25rem .8rem; border-radius: .4rem; font-size: 1.05rem; }
.demo-line { margin-bottom: .6rem; color: #78350f; }
/* Captions dark enough for WCAG AA contrast (4.5:1); Streamlit's default grey reaches 3.9:1. */
[data-testid="stCaptionContainer"] { color: #55534f; opacity: 1; }
</style>
"""
_BROWSER_FIXES = Path(__file__).with_name("browser_fixes.js")
_WIDGETS = ('[data-testid="stFileUploader"], [role="listbox"], [data-baseweb="popover"], '
            '[data-testid="stTooltipContent"]')
# Streamlit's English in its widgets (pattern -> text key); "$1" in a key's text is the number matched.
_WIDGET_TEXTS = ((r"^Upload$", "widget.upload_button", {}),
                 (r"^(\d+(?:\.\d+)?)([KMG]B) per file", "widget.per_file", {"size": "$1 $2"}),
                 (r"^No results$", "widget.no_results", {}),
                 (r"^You can only select up to 1 option\. Remove an option first\.$", "widget.only_one", {}))
_WIDGET_LABELS = ((r"^Help for (.*)$", "widget.help_for", {"label": "$1"}),
                  (r"^file upload$", "widget.upload_button", {}),
                  (r"^Open$", "widget.open", {}),
                  (r"^Sidebar$", "widget.sidebar", {}),
                  (r"^Collapse sidebar$", "widget.collapse_sidebar", {}),
                  (r"^Expand sidebar$", "widget.expand_sidebar", {}),
                  (r"^App pages$", "widget.pages", {}),
                  (r"^Link to heading$", "widget.heading_link", {}))


@functools.cache
def _browser_fixes(language: str) -> str:
    config = {"sparkline": t("a11y.sparkline", lang=language), "widgetScope": _WIDGETS,
              "widgetTexts": [[pattern, t(key, lang=language, **values)] for pattern, key, values in _WIDGET_TEXTS],
              "labelScope": "[aria-label]",
              "widgetLabels": [[pattern, t(key, lang=language, **values)] for pattern, key, values in _WIDGET_LABELS]}
    script = _BROWSER_FIXES.read_text(encoding="utf-8").replace("__CONFIG__", json.dumps(config, ensure_ascii=False))
    return f"<script>{script}</script>"


def page_chrome(is_demo: bool, kommune: str, presenting: bool = False) -> None:
    st.markdown(_PROJECTOR_CSS, unsafe_allow_html=True)
    st.html(_browser_fixes(language()), unsafe_allow_javascript=True)
    if presenting:
        from ui import presentation
        presentation.hide_chrome()  # the meeting bar carries the demo marker
    elif is_demo:
        st.markdown(
            f'<div class="demo-line" data-testid="demo-marker"><span class="demo-badge">'
            f'{t("demo.badge").upper()}</span>&nbsp; {t("demo.explain", kommune=kommune)}</div>',
            unsafe_allow_html=True)
        st.sidebar.markdown(f'<span class="demo-badge">{t("demo.badge").upper()}</span>',
                            unsafe_allow_html=True)


def breadcrumb(page) -> None:
    """The drill path (Kommune › Distrikt › Enhed) at the top of the page; a level above is one click away."""
    from ui import context

    levels = [("kommune", page.kommune)]
    district = page.filters.distrikter[0] if page.filters.distrikter else None
    if page.filters.enheder and district is None:
        # A unit picked straight from all units: its district is still a step on the path.
        from ui import cache
        store = page.source.store
        register = cache.unit_register(str(store.path), store.version_stamp(), page.filters.kommune)
        district = register.set_index("unit")["district"].get(page.filters.enheder[0])
    if district:
        levels.append(("distrikt", district))
    if page.filters.enheder:
        levels.append(("enhed", dict(page.unit_names).get(page.filters.enheder[0], page.filters.enheder[0])))
    row = st.container(horizontal=True, vertical_alignment="center", gap="small", key="breadcrumb")
    for position, (level, name) in enumerate(levels):
        if position:
            row.markdown("›")
        row.markdown(f'<span class="drill-level">{t(f"crumb.{level}_level")}</span>', unsafe_allow_html=True)
        if position < len(levels) - 1:
            row.button(name, key=f"crumb_{level}", type="tertiary", help=t("crumb.back_to", name=name),
                       on_click=context.back_to, args=(level, district))
        else:
            row.markdown(f"**{name}**")


def part_switch(prefix: str, parts: dict[str, tuple[str, ...]]) -> str:
    """The part of a page to show (a view's PARTS): one at a time, because every chart costs the
    browser time on every view (issue 19). Named by the texts "{prefix}.part.{name}"; the choice is
    kept for the session, also while the user is on other pages."""
    return st.segmented_control(t("part.show"), list(parts), default=next(iter(parts)), required=True,
                                format_func=lambda name: t(f"{prefix}.part.{name}"), key=f"{prefix}_part",
                                persist_state="session")


def figures_in(figures: list, keys: tuple[str, ...], after=None) -> None:
    """The figures named by ``keys``, in that order, divided by rules; ``after(fig)`` draws what a
    page shows below a figure of its own."""
    by_key = {fig.key: fig for fig in figures}
    for number, key in enumerate(keys):
        if number:
            st.divider()
        figure(by_key[key], key=key)
        if after:
            after(by_key[key])


_RUN = "_run_number"


def count_run() -> None:
    """Number this run of the session's script (app.py calls it once per run): kept_editor tells by
    it whether the run before drew its editor."""
    st.session_state[_RUN] = st.session_state.get(_RUN, 0) + 1


def kept_editor(key: str, frame_of, rows_of, **options) -> tuple:
    """A data editor whose rows outlive the editor: Streamlit drops a widget's edits once a run has
    not drawn it (another part of the page was shown), so the rows are kept in the session, and an
    editor drawn anew (not drawn by the run before) starts from them under a new widget key, so that
    no edit is applied twice. ``frame_of(rows)`` makes the editor's frame, ``rows_of(frame)`` reads
    the edited rows back; returns the rows."""
    run = st.session_state.get(_RUN, 0)
    kept, start, drawn, episode = (f"_{key}_{name}" for name in ("rows", "start", "drawn", "episode"))
    if st.session_state.get(drawn) != run - 1:
        st.session_state[start] = st.session_state.get(kept, ())
        st.session_state[episode] = st.session_state.get(episode, 0) + 1
    st.session_state[drawn] = run
    edited = st.data_editor(frame_of(st.session_state[start]), key=f"{key}_{st.session_state[episode]}", **options)
    st.session_state[kept] = rows_of(edited)
    return st.session_state[kept]


def figure(fig, key: str, downloads: bool = True, height: int | None = None, with_note: bool = True,
           slide: bool = False, wrap: bool = False) -> None:
    """A figure with its caption, definitions, and PNG and Excel downloads; clicks can narrow the filter.
    ``slide``: as presentation mode shows it: ``height`` for every chart (the screen shrinks it to fit),
    no downloads, no definitions (they are one click away on the page). ``wrap``: a table without a
    chart as a plain table whose cells wrap, so that many columns fit a projector without scrolling."""
    from steering_core.views.figure import png_stamp
    from ui import context

    st.subheader(fig.title)
    if fig.empty:
        st.info(fig.why_blank())
        return
    # theme=None keeps our projector fonts and palette, so the screen matches the PNG.
    # The spec is built once per figure (ui.cache keeps it with the figure), not on every rerun.
    chart = fig.chart_spec(with_title=False, height=height, arrow=True)
    if slide and chart is not None and height:
        chart["height"] = height
    if chart is not None:
        # Drawn on a canvas, not as SVG: a page of charts settles much sooner in the browser (an SVG
        # node per mark). Vega names the chart by its description (aria-label) on the container.
        chart["usermeta"] = {"embedOptions": {"renderer": "canvas"}}
    if chart is not None and fig.all_hidden:
        st.info(fig.why_blank())
    elif chart is None:
        table = fig.display_table()
        shown_columns = {c: name for c, name in fig.columns.items() if c in table.columns}
        shown_table = table.rename(columns=shown_columns)[list(shown_columns.values())]
        if wrap:
            st.table(shown_table, hide_index=True)
        else:
            st.dataframe(shown_table, hide_index=True)
    elif fig.drill_field:
        event = st.vega_lite_chart(spec=chart, key=f"chart_{key}", on_select="rerun", selection_mode="valg",
                                   theme=None)
        picked = [point.get(fig.drill_field) for point in (event.selection.get("valg") or [])]
        if picked and picked[0]:
            context.narrow(fig.drill_filter, [picked[0]])
    else:
        st.vega_lite_chart(spec=chart, theme=None)
    # One element for the caption and the note on what is not drawn: every element costs a view time.
    notes = [fig.caption, fig.state_note() if fig.chart is not None else None]
    if any(notes):
        st.caption("  \n".join(filter(None, notes)))
    if with_note:
        _note(fig.key)
    if slide:
        return
    if not downloads:
        st.caption(" ".join(f"{name}: {definition}" for name, definition, _ in fig.definitions()))
        return
    # The downloads and the definitions behind one button: the browser draws them when it is opened.
    # Every element costs a view time, and a page of figures drew four of them per figure.
    with st.popover(t("fig.more"), icon=":material/download:"):
        if chart is not None and not fig.all_hidden:
            page = context.current()
            stamp = png_stamp(page.kommune, page.scope, page.first, page.last, page.is_demo)
            st.download_button(t("fig.download_png"), data=lambda: fig.png(stamp), file_name=f"{fig.key}.png",
                               mime="image/png", key=f"png_{key}", on_click="ignore", icon=":material/image:")
        st.download_button(t("fig.download_xlsx"), data=fig.xlsx, file_name=f"{fig.key}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"xlsx_{key}", on_click="ignore", icon=":material/table:")
        # One element for all definitions: every element costs the server time on every view.
        st.markdown(f"**{t('fig.definition')}**\n\n" + "\n\n".join(
            f"**{name}.** {definition}  \n{t('fig.formula')}: `{formula}`"
            for name, definition, formula in fig.definitions()))


def _note(figure_key: str) -> None:
    """The consultant's newest note on this figure for the shown quarter and scope, if any."""
    from steering_core import formatting
    from steering_core.meeting.pack import scope_key
    from ui import cache, context

    page = context.current()
    store = page.source.store
    note = cache.notes_for(str(store.path), store.version_stamp(), page.last, scope_key(page.filters)).get(figure_key)
    if note:
        st.info(f"**{t('meeting.note_by', author=note.author, time=formatting.day(note.created))}:** {note.text}",
                icon=":material/sticky_note_2:")
