"""A figure: a chart, the table behind it and the indicators that define it.

Pages draw figures; exports (PNG, Excel, slides) use the same object, so what a
steering group sees and what a consultant takes away cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from steering_core import catalogue, charts, config, exports, periods, status, units
from steering_core.charts import styled
from steering_core.texts import has, t

DEMO_COLOUR = "#b45309"      # the demo badge's colour on screen


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    chart: alt.TopLevelMixin | None
    table: pd.DataFrame
    columns: dict[str, str]                 # table column -> Danish header
    indicator_ids: tuple[str, ...] = ()
    caption: str | None = None
    unit: str = "antal"
    drill_field: str | None = None          # a click on this field narrows the shared filter ...
    drill_filter: str = "distrikter"        # ... of these (a Filters field: distrikter or enheder)
    params: dict[str, int] = field(default_factory=dict)
    # Where figures from outside the municipality's own data come from (the comparison's reference
    # figures): the exports print it beside the definitions, so a slide lifted out still names them.
    sources: str = ""
    # What a rerun would otherwise compute again (chart specs, all_hidden): styling and validating a
    # chart costs far more than drawing it, and a page draws every chart on every rerun.
    _memo: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def empty(self) -> bool:
        return self.table.empty

    @property
    def all_hidden(self) -> bool:
        """Rows there are, but every figure is suppressed or missing: a chart would be blank."""
        if "all_hidden" not in self._memo:
            self._memo["all_hidden"] = (not self.table.empty and {"value", "suppressed"} <= set(self.table.columns)
                                        and shown(self.table).empty)
        return self._memo["all_hidden"]

    def why_blank(self) -> str | None:
        """What to say in place of the chart when there is nothing to draw; None when there is."""
        if self.empty:
            # An unavailable figure (no columns) has only its reason; another adds its usual caption.
            return self.caption if not self.columns else " ".join(filter(None, [t("fig.no_data"), self.caption]))
        if self.all_hidden:
            return t("fig.all_hidden", k=config.min_cell_size())
        return None

    def state_note(self) -> str | None:
        """A line under the chart naming the cells it does not draw and why (hidden, no data, not yet
        known), so a gap or a short stack is never read as a zero."""
        if "status" not in self.table.columns or self.empty:
            return None
        key = ("state_note", config.language(), config.min_cell_size())
        if key not in self._memo:
            self._memo[key] = self._state_note()
        return self._memo[key]

    def _state_note(self) -> str | None:
        counts = self.table["status"].value_counts()
        parts = [t("fig.state_part", n=int(counts[state]), state=status.text(state))
                 for state in status.BLANK if counts.get(state, 0)]
        missing = missing_quarters(self.table)
        notes = ([t("fig.states", parts=", ".join(parts))] if parts else []) + \
            ([t("fig.missing_periods", periods=", ".join(missing))] if missing else [])
        return " ".join(notes) or None

    def styled_chart(self, with_title: bool = True, height: int | None = None) -> alt.TopLevelMixin | None:
        """The chart with projector styling; the app draws the title itself, an image carries it."""
        if self.chart is None:
            return None
        return styled(self.chart, self.title if with_title else None, **({"height": height} if height else {}))

    def chart_spec(self, with_title: bool = True, height: int | None = None, arrow: bool = False) -> dict | None:
        """The styled chart as a Vega-Lite spec, built once per figure.

        Each caller gets its own top-level dict (it may set width or take the datasets out); what
        lies below is shared and must not be changed. ``arrow``: the datasets as Arrow IPC bytes,
        as a web page receives them (charts.arrow_datasets).
        """
        if self.chart is None:
            return None
        key = ("spec", with_title, height, arrow)
        if key not in self._memo:
            spec = self.styled_chart(with_title, height).to_dict()
            spec["description"] = self.text_alternative()  # the SVG's aria-label
            self._memo[key] = charts.arrow_datasets(spec) if arrow else spec
        return dict(self._memo[key])

    def text_alternative(self) -> str:
        """What the chart shows, in a sentence, for a reader who cannot see it (WCAG 2.1, 1.1.1)."""
        shown_columns = [name for column, name in self.columns.items()
                         if column not in ("suppressed", "status", "numerator", "denominator")]
        return t("a11y.chart", title=self.title, columns=", ".join(shown_columns).lower() or self.title.lower())

    def png(self, stamp: str | None = None) -> bytes:
        """The chart as an image; ``stamp`` (png_stamp: municipality, scope, period, the demo mark) is
        printed under the title, so a picture lifted into another document still says what it shows."""
        spec = self.chart_spec()
        if stamp:
            spec["title"] = {"text": self.title, "subtitle": stamp, "subtitleFontSize": 15,
                             "subtitleColor": DEMO_COLOUR if stamp.startswith(t("demo.badge").upper()) else "#444"}
        return exports.chart_png(spec)

    def xlsx(self) -> bytes:
        value_format = units.get(self.unit).excel_format
        formats = {c: value_format for c in ("value", "numerator", "denominator", "district_mean")}
        return exports.table_xlsx(self.display_table(), self.title, self.columns, formats,
                                  note=self.footnote())

    def display_table(self) -> pd.DataFrame:
        """The table as people read it: each row's state (steering_core/status.py) in words."""
        if "status" not in self.table.columns:
            return self.table
        return self.table.assign(status=self.table["status"].map(lambda code: status.text(code) if code else ""))

    def definitions(self) -> list[tuple[str, str, str]]:
        """(name, definition, formula) for every indicator behind the figure."""
        lang = config.language()
        key = ("definitions", lang)
        if key not in self._memo:
            self._memo[key] = [(indicator.name(lang), indicator.definition(lang, **self.params), indicator.formula_sql())
                               for indicator in map(catalogue.get, self.indicator_ids)]
        return list(self._memo[key])

    def definitions_text(self) -> str:
        return " | ".join(f"{name}: {definition}" for name, definition, _ in self.definitions())

    def footnote(self) -> str:
        """What an export prints under the figure: the definitions, and the sources of outside figures."""
        return " | ".join(filter(None, [self.definitions_text(), self.sources]))


def png_stamp(kommune: str, scope: str, first: str | None, last: str | None, is_demo: bool) -> str:
    """What a chart image says under its title: the demo mark first, the municipality, scope and period."""
    period = f"{first} – {last}" if first and first != last else str(last or "")
    text = t("png.stamp", kommune=kommune, scope=scope, period=period)
    return f"{t('demo.badge').upper()} · {text}" if is_demo else text


def figure_title(key: str) -> str:
    """A figure's title without building it (the agenda's name for it)."""
    return t(f"agenda.{key}") if has(f"agenda.{key}") else key


def unavailable(key: str, reason: str) -> Figure:
    """An empty figure saying why it is not shown (pages show the caption in its place)."""
    return Figure(key, figure_title(key), None, pd.DataFrame(), {}, caption=reason)


def build_each(builders: dict, store, request, options: dict[str, dict] | None = None) -> list[Figure]:
    """Each builder's figure, in order. A figure whose indicators do not exist at the chosen level
    (a rate per 1.000 residents for one unit) says so in place of failing the whole page."""
    from steering_core.engine import NotForFilter

    figures = []
    for key, build in builders.items():
        try:
            figures.append(build(store, request, **(options or {}).get(key, {})))
        except NotForFilter as exc:
            figures.append(unavailable(key, t(f"fig.not_per_{exc.level}")))
    return figures


def standard_columns(*extra: tuple[str, str]) -> dict[str, str]:
    """Headers for an engine result table: period, the breakdown, value, numerator, denominator, suppressed."""
    columns = {"period": t("col.period")}
    columns.update(dict(extra))
    columns.update({"value": t("col.value"), "numerator": t("col.numerator"),
                    "denominator": t("col.denominator"),
                    "suppressed": t("col.suppressed", k=config.min_cell_size()), "status": t("col.status")})
    return columns


def hidden_keys(frame: pd.DataFrame, key: str) -> tuple:
    """The values of ``key`` (periods, districts) whose stack leaves out a hidden group."""
    hidden = frame["suppressed"].astype(bool) if "suppressed" in frame else pd.Series(False, index=frame.index)
    return tuple(dict.fromkeys(frame.loc[hidden, key]))


def top_rows(frame: pd.DataFrame, top: int | None, keep_column: str = "unit", keep: tuple = ()) -> pd.DataFrame:
    """The ``top`` rows with the highest values (all when ``top`` is None), those in ``keep`` always,
    so a slide's unit chart fits the screen."""
    if top is None or len(frame) <= top:
        return frame
    kept = frame[keep_column].isin(keep)
    best = frame[~kept].nlargest(max(top - int(kept.sum()), 0), "value")
    return frame[kept | frame.index.isin(best.index)]


def missing_quarters(frame: pd.DataFrame) -> list[str]:
    """Quarters a chart over time leaves out: within the span it shows, those without a row and those
    where no figure could be drawn (hidden, no data, not yet known), so a gap is never passed over."""
    if "period" not in frame.columns or frame.empty or not frame["period"].astype(str).str.fullmatch(
            r"\d{4}K[1-4]").all():
        return []
    labels = sorted(set(frame["period"]))
    span = [p.label for p in periods.quarters_between(periods.parse_quarter(labels[0]),
                                                       periods.parse_quarter(labels[-1]))]
    drawn = set(shown(frame)["period"]) if {"value", "suppressed"} <= set(frame.columns) else set(labels)
    return [label for label in span if label not in drawn]


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows a chart may draw: not suppressed and with a value."""
    return frame[~frame["suppressed"].astype(bool) & frame["value"].notna()]


def level_colours(store, request, whole: str | None = None) -> alt.Scale:
    """The colours of a figure's series at the request's level: each district its own in every view, a
    chosen unit its district's (named as the unit), the whole municipality (``whole``) dark grey."""
    from steering_core.engine import districts, unit_register

    everyone = districts(store, request.filters.kommune)
    if not request.filters.enheder:
        return charts.district_colours(everyone, whole=whole)
    register = unit_register(store, request.filters.kommune).set_index("unit")
    unit = request.filters.enheder[0]
    return charts.district_colours(everyone, {register["unit_name"].get(unit, unit): register["district"].get(unit, "")},
                                   whole=whole)
