"""Altair charts readable on a projector: large type, at most six colours, Danish formats.

Charts are built from the engine's result frames; the same spec is drawn in
the app and rendered to PNG for downloads and slides.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from steering_core import units
from steering_core.texts import t

# Okabe-Ito: six colours that stay apart for colour-blind readers and on a washed-out projector.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
MAX_COLOURS = len(PALETTE)
WHOLE_COLOUR = "#3A3A3A"     # the whole municipality beside its districts: dark grey, no district's colour

DANISH_LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
    "time": {
        "dateTime": "%A den %d %B %Y %X", "date": "%d-%m-%Y", "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
        "shortDays": ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
        "months": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
                   "oktober", "november", "december"],
        "shortMonths": ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    },
}



def _axis(**options) -> alt.Axis:
    # Sizes set on the encodings, not only in the config: Streamlit's renderer ignores some config.
    return alt.Axis(labelFontSize=16, titleFontSize=17, labelLimit=260, **options)


def _value_axis(unit: str, fmt: str, **options) -> alt.Axis:
    """The axis of a value in ``unit``: kroner always in millions, so no two charts speak of money
    differently ("1.000.000" beside "200 mio."); counts with whole ticks only, since small numbers
    would otherwise repeat a rounded label (0 1 1 2)."""
    if unit == "kr" and fmt == units.get("kr").chart_format:
        return mio_axis(**options)
    return _axis(format=fmt, **options, **({"tickMinStep": 1, "tickCount": 8} if unit == "antal" else {}))


def district_colours(districts: list[str], shown_as: dict[str, str] | None = None,
                     whole: str | None = None) -> alt.Scale:
    """Each district in one colour in every view: the municipality's districts, in order, on the palette.
    ``shown_as``: series named otherwise (a chosen unit) -> the district whose colour they take;
    ``whole``: the series of the whole municipality, in a colour no district has."""
    colour = {district: PALETTE[number % MAX_COLOURS] for number, district in enumerate(sorted(districts))}
    if whole is not None:
        colour[whole] = WHOLE_COLOUR
    domain = list(colour) + list(shown_as or {})
    return alt.Scale(domain=domain, range=[colour.get((shown_as or {}).get(name, name), PALETTE[0])
                                           for name in domain])


def _or_default(scale: alt.Scale | None):
    return alt.Undefined if scale is None else scale


def _present(frame: pd.DataFrame, column: str, colours: alt.Scale | None) -> dict:
    """Legend options naming only the series drawn, when a fixed scale knows more (every district)."""
    return {} if colours is None or frame.empty else {"values": sorted(set(frame[column]))}


def _legend(**options) -> alt.Legend:
    return alt.Legend(labelFontSize=16, titleFontSize=16, orient="bottom", symbolSize=160, labelLimit=300,
                      **options)


def styled(chart: alt.TopLevelMixin, title: str | None = None, height: int = 380) -> alt.TopLevelMixin:
    """Projector styling and the Danish number locale, applied once at the top level."""
    if title:
        chart = chart.properties(title=title)
    if isinstance(getattr(chart, "height", alt.Undefined), type(alt.Undefined)):
        chart = chart.properties(height=height)
    return (chart.properties(width="container")
            .configure(locale=DANISH_LOCALE, font="Source Sans Pro, Arial, sans-serif")
            .configure_axis(labelFontSize=16, titleFontSize=17, labelLimit=260, gridOpacity=0.5)
            .configure_legend(labelFontSize=16, titleFontSize=16, orient="bottom", symbolSize=160,
                              labelLimit=300)
            .configure_title(fontSize=21, anchor="start")
            .configure_range(category=PALETTE)
            .configure_view(strokeWidth=0))


def arrow_datasets(spec: dict) -> dict:
    """The spec with each named dataset as Arrow IPC stream bytes instead of a list of records.

    A web page receives chart data as Arrow; converting once, when the figure is built, spares
    every later drawing of the chart the conversion.
    """
    import pyarrow as pa

    converted = {}
    for name, records in spec.get("datasets", {}).items():
        try:
            table = pa.Table.from_pylist(records)
        except (pa.ArrowException, TypeError):
            converted[name] = records       # a column of mixed types: left for the renderer to convert
            continue
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        converted[name] = sink.getvalue().to_pybytes()
    return {**spec, "datasets": converted} if converted else spec


def lump_categories(frame: pd.DataFrame, column: str, value: str = "value",
                    keep: int = MAX_COLOURS - 1) -> pd.DataFrame:
    """Keep the largest categories and sum the rest as "Øvrige", so a chart never needs over six colours."""
    if frame[column].nunique() <= MAX_COLOURS:
        return frame
    totals = frame.groupby(column)[value].sum().sort_values(ascending=False)
    top = set(totals.index[:keep])
    lumped = frame.assign(**{column: frame[column].where(frame[column].isin(top), t("chart.other"))})
    keys = [c for c in lumped.columns if c != value and not pd.api.types.is_numeric_dtype(lumped[c])
            and not pd.api.types.is_bool_dtype(lumped[c])]
    return lumped.groupby(keys, as_index=False, dropna=False)[value].sum(min_count=1)


def period_lines(frame: pd.DataFrame, series: str, unit: str, y_title: str, series_title: str,
                 marker_period: str | None = None, marker_text: str | None = None,
                 colours: alt.Scale | None = None, zero: bool = True) -> alt.LayerChart:
    """One line per series over periods; an optional vertical marker (e.g. the 2024 law change);
    ``colours``: a fixed colour per series (district_colours); ``zero``: the axis starts at 0 (else at
    the data, for a rating whose scale does not start at 0)."""
    fmt = units.get(unit).chart_format
    base = alt.Chart(frame).encode(
        x=alt.X("period:O", title=None, sort=None, axis=_axis(labelAngle=-45)),
        y=alt.Y("value:Q", title=y_title, axis=_value_axis(unit, fmt), scale=alt.Scale(zero=zero)),
        color=alt.Color(f"{series}:N", title=series_title, legend=_legend(**_present(frame, series, colours)),
                        scale=_or_default(colours)),
        tooltip=[alt.Tooltip("period:O", title=t("chart.period")), alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip("value:Q", title=y_title, format=fmt)],
    )
    layers = [base.mark_line(strokeWidth=3.5), base.mark_point(size=70, filled=True)]
    if marker_period and marker_period in set(frame["period"]):
        marker = pd.DataFrame({"period": [marker_period], "label": [marker_text or ""]})
        rule = alt.Chart(marker).mark_rule(strokeDash=[6, 4], color="#444", strokeWidth=2).encode(x="period:O")
        text = alt.Chart(marker).mark_text(align="left", dx=6, dy=-8, fontSize=15, color="#444").encode(
            x="period:O", y=alt.value(12), text="label:N")
        layers += [rule, text]
    return alt.layer(*layers)


def grouped_bars(frame: pd.DataFrame, x: str, group: str, unit: str, y_title: str, group_title: str,
                 selectable: bool = False, colours: alt.Scale | None = None) -> alt.Chart:
    """Bars per period, side by side per group (Figur 3.1 of the VIVE report)."""
    fmt = units.get(unit).chart_format
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X(f"{x}:O", title=None, sort=None, axis=_axis(labelAngle=0)),
        xOffset=alt.XOffset(f"{group}:N"),
        y=alt.Y("value:Q", title=y_title, axis=_value_axis(unit, fmt)),
        color=alt.Color(f"{group}:N", title=group_title, legend=_legend(**_present(frame, group, colours)),
                        scale=_or_default(colours)),
        tooltip=[alt.Tooltip(f"{x}:O", title=t("chart.period")), alt.Tooltip(f"{group}:N", title=group_title),
                 alt.Tooltip("value:Q", title=y_title, format=fmt)],
    )
    if selectable:
        pick = alt.selection_point(fields=[group], name="valg", on="click")
        chart = chart.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)))
    return chart


def _hidden_marks(frame: pd.DataFrame, key: str, hidden: tuple, top: float | None, value: str = "value",
                  horizontal: bool = False) -> alt.Chart | None:
    """A label "+ skjult (< 5)" at the end of each bar (``key`` value in ``hidden``) that leaves out
    hidden groups. It sits at the end of the visible part (``top`` for a 100 % bar) and says nothing
    of their size, so no hidden count can be read off the chart."""
    if not hidden:
        return None
    ends = frame.groupby(key, sort=False)[value].sum() if top is None else None
    marks = pd.DataFrame({key: list(hidden)})
    marks["end"] = [top if top is not None else float(ends.get(k, 0.0)) for k in hidden]
    marks["label"] = t("chart.hidden_mark")
    if horizontal:
        return alt.Chart(marks).mark_text(align="left", dx=6, fontSize=14, color="#444").encode(
            y=alt.Y(f"{key}:N"), x=alt.X("end:Q"), text="label:N")
    return alt.Chart(marks).mark_text(baseline="bottom", dy=-4, fontSize=13, color="#444").encode(
        x=alt.X(f"{key}:O", sort=None), y=alt.Y("end:Q"), text="label:N")


def stacked_bars(frame: pd.DataFrame, series: str, unit: str, y_title: str, series_title: str,
                 normalise: bool = False, hidden: tuple = ()) -> alt.Chart | alt.LayerChart:
    """Bars per period stacked by ``series``. ``hidden``: periods where some groups are hidden (< 5);
    those bars are labelled, and a 100 % bar is then a share of the groups shown, as its axis says."""
    fmt = ".0%" if normalise else units.get(unit).chart_format
    data = lump_categories(frame, series)
    title = t("chart.share_of_shown", name=y_title) if normalise and hidden else y_title
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("period:O", title=None, sort=None, axis=_axis(labelAngle=-45)),
        y=alt.Y("value:Q", title=title, stack="normalize" if normalise else "zero",
                axis=_axis(format=fmt) if normalise else _value_axis(unit, fmt)),
        color=alt.Color(f"{series}:N", title=series_title, legend=_legend()),
        tooltip=[alt.Tooltip("period:O", title=t("chart.period")), alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip("value:Q", title=t("chart.value"), format=units.get(unit).chart_format)],
    )
    marks = _hidden_marks(data, "period", hidden, 1.0 if normalise else None)
    return bars if marks is None else alt.layer(bars, marks)


def unit_bars(frame: pd.DataFrame, unit: str, x_title: str, municipal_mean: float | None,
              selectable: bool = False, chosen: tuple[str, ...] = (),
              colours: alt.Scale | None = None) -> alt.LayerChart:
    """Units by name, sorted by district, with the district and municipality levels as reference marks.
    ``selectable``: a click on a bar selects its unit (the ``unit`` column); ``chosen`` units start
    selected, the others dimmed."""
    fmt = units.get(unit).chart_format
    order = frame.sort_values(["district", "unit_name"])["unit_name"].tolist()
    bars = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("unit_name:N", title=None, sort=order, axis=_axis()),
        x=alt.X("value:Q", title=x_title, axis=_value_axis(unit, fmt)),
        color=alt.Color("district:N", title=t("chart.district"), legend=_legend(**_present(frame, "district", colours)),
                        scale=_or_default(colours)),
        tooltip=[alt.Tooltip("unit_name:N", title=t("chart.unit")),
                 alt.Tooltip("district:N", title=t("chart.district")),
                 alt.Tooltip("value:Q", title=x_title, format=fmt),
                 alt.Tooltip("district_mean:Q", title=t("chart.district_mean"), format=fmt)],
    )
    if selectable:
        pick = alt.selection_point(fields=["unit"], name="valg", on="click",
                                   **({"value": [{"unit": u} for u in chosen]} if chosen else {}))
        bars = bars.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)))
    ticks = alt.Chart(frame).mark_tick(color="#222", thickness=3, size=22).encode(
        y=alt.Y("unit_name:N", sort=order), x="district_mean:Q")
    layers = [bars, ticks]
    if municipal_mean is not None:
        rule = alt.Chart(pd.DataFrame({"mean": [municipal_mean]})).mark_rule(
            strokeDash=[6, 4], strokeWidth=2.5, color="#444").encode(x="mean:Q")
        layers.append(rule)
    return alt.layer(*layers).properties(height=max(300, 26 * len(frame)))


def survival_curves(curves: pd.DataFrame, group_title: str, limit_days: int) -> alt.LayerChart:
    """Step curves with their 95 % band and the grant limit as a vertical line."""
    base = alt.Chart(curves).encode(
        x=alt.X("t:Q", title=t("chart.days_since_start"), axis=_axis(format=",.0f")),
        color=alt.Color("group:N", title=group_title, legend=_legend()))
    band = base.mark_area(opacity=0.15, interpolate="step-after").encode(
        y=alt.Y("lower:Q", title=t("chart.share_running"), axis=_axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1])), y2="upper:Q")
    line = base.mark_line(interpolate="step-after", strokeWidth=3.5).encode(
        y="survival:Q",
        tooltip=[alt.Tooltip("group:N", title=group_title), alt.Tooltip("t:Q", title=t("chart.days"), format=",.0f"),
                 alt.Tooltip("survival:Q", title=t("chart.still_running"), format=".0%")])
    limit = pd.DataFrame({"t": [limit_days], "label": [t("chart.grant_limit")]})
    rule = alt.Chart(limit).mark_rule(strokeDash=[6, 4], strokeWidth=2.5, color="#444").encode(x="t:Q")
    text = alt.Chart(limit).mark_text(align="left", dx=6, y=12, fontSize=15, color="#444").encode(
        x="t:Q", text="label:N")
    return alt.layer(band, line, rule, text)


def funnel(frame: pd.DataFrame, x_title: str) -> alt.Chart:
    order = frame["stage"].tolist()
    bars = alt.Chart(frame).mark_bar(color=PALETTE[0]).encode(
        y=alt.Y("stage:N", title=None, sort=order, axis=_axis()),
        x=alt.X("value:Q", title=x_title, axis=_value_axis("antal", ",.0f")),
        tooltip=[alt.Tooltip("stage:N", title=t("chart.stage")),
                 alt.Tooltip("value:Q", title=t("chart.children"), format=",.0f")])
    labels = bars.mark_text(align="left", dx=6, fontSize=17).encode(text="label:N")
    return alt.layer(bars, labels).properties(height=220)


# ---- Economy and the intervention staircase (issue 5) ----

GAIN, LOSS, NEUTRAL = "#009E73", "#D55E00", "#0072B2"
MIO_LABELS = "format(datum.value / 1000000, ',.1~f') + '{suffix}'"


def mio_axis(title: str | None = None, **options) -> alt.Axis:
    """Kroner shown as millions on the axis (``12,5 mio.``), the data staying in kroner."""
    return _axis(labelExpr=MIO_LABELS.format(suffix=t("chart.mio_suffix")), **({"title": title} if title else {}),
                 tickCount=6, **options)


def heatmap(frame: pd.DataFrame, x: str, y: str, x_title: str, y_title: str, x_order: list[str],
            y_order: list[str], value_title: str | None = None) -> alt.LayerChart:
    """A matrix of cells coloured by ``value`` with the text of ``label``; hidden cells are grey."""
    value_title = value_title if value_title is not None else t("chart.kr")
    top = float(frame["value"].max()) if frame["value"].notna().any() else 0.0
    base = alt.Chart(frame).encode(
        x=alt.X(f"{x}:N", sort=x_order, title=x_title,
                axis=_axis(orient="top", labelAngle=0, domain=False, ticks=False)),
        y=alt.Y(f"{y}:N", sort=y_order, title=y_title, axis=_axis(domain=False, ticks=False)))
    cells = base.mark_rect(stroke="white", strokeWidth=3, cornerRadius=4).encode(
        color=alt.when("isValid(datum.value)").then(
            alt.Color("value:Q", scale=alt.Scale(scheme="blues", domainMin=0), legend=None)
        ).otherwise(alt.value("#e3e3e3")),
        tooltip=[alt.Tooltip(f"{y}:N", title=y_title), alt.Tooltip(f"{x}:N", title=x_title),
                 alt.Tooltip("value:Q", title=value_title, format=",.0f"),
                 alt.Tooltip("count:Q", title=t("chart.courses"), format=",.0f")])
    text = base.mark_text(fontSize=16, fontWeight="bold", lineBreak="\n", lineHeight=20).encode(
        text="label:N",
        color=alt.when(f"datum.value > {top * 0.45}").then(alt.value("white")).otherwise(alt.value("#222")))
    return alt.layer(cells, text).properties(height=max(220, 95 * frame[y].nunique()))


def money_bars(frame: pd.DataFrame, series: str, series_title: str, normalise: bool = False,
               hidden: tuple = ()) -> alt.Chart | alt.LayerChart:
    """Stacked bars of kroner per period, with the axis in millions (or as shares); ``hidden`` as in
    stacked_bars."""
    data = lump_categories(frame, series)
    share_title = t("chart.share_of_shown", name=t("chart.share")) if hidden else t("chart.share")
    axis = _axis(format=".0%", title=share_title) if normalise else mio_axis(t("chart.kr"))
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("period:O", title=None, sort=None, axis=_axis(labelAngle=-45)),
        y=alt.Y("value:Q", stack="normalize" if normalise else "zero", axis=axis),
        color=alt.Color(f"{series}:N", title=series_title, legend=_legend()),
        tooltip=[alt.Tooltip("period:O", title=t("chart.period")), alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip("value:Q", title=t("chart.kr"), format=",.0f")])
    marks = _hidden_marks(data, "period", hidden, 1.0 if normalise else None)
    return bars if marks is None else alt.layer(bars, marks)


def money_lines(frame: pd.DataFrame, series: str, series_title: str) -> alt.LayerChart:
    """One line per series of kroner per period, the axis in millions."""
    base = alt.Chart(frame).encode(
        x=alt.X("period:O", title=None, sort=None, axis=_axis(labelAngle=-45)),
        y=alt.Y("value:Q", axis=mio_axis(t("chart.kr"))),
        color=alt.Color(f"{series}:N", title=series_title, legend=_legend()),
        tooltip=[alt.Tooltip("period:O", title=t("chart.period")), alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip("value:Q", title=t("chart.kr"), format=",.0f")])
    return alt.layer(base.mark_line(strokeWidth=3.5), base.mark_point(size=70, filled=True))


def _padded(low: float, high: float, share: float = 0.3) -> list[float]:
    """A domain around zero with room for labels beyond the bars' ends."""
    low, high = min(low, 0.0), max(high, 0.0)
    span = (high - low) or 1.0
    return [low - share * span if low < 0 else 0.0, high + share * span if high > 0 else 0.0]


def deviation_bars(frame: pd.DataFrame, category: str, x_title: str) -> alt.LayerChart:
    """Horizontal bars around zero: overspend to the right in red, underspend to the left in green;
    each bar's ``label`` beyond its end."""
    order = frame[category].tolist()
    domain = _padded(float(frame["deviation"].min()), float(frame["deviation"].max()))
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{category}:N", sort=order, title=None, axis=_axis()),
        x=alt.X("deviation:Q", axis=mio_axis(x_title), scale=alt.Scale(domain=domain)))
    bars = base.mark_bar(size=26).encode(
        color=alt.when("datum.deviation > 0").then(alt.value(LOSS)).otherwise(alt.value(GAIN)),
        tooltip=[alt.Tooltip(f"{category}:N", title=t("chart.sector")),
                 alt.Tooltip("deviation:Q", title=x_title, format=",.0f")])
    right = base.mark_text(fontSize=15, dx=6, align="left", color="#222").encode(text="label:N").transform_filter(
        "datum.deviation >= 0")
    left = base.mark_text(fontSize=15, dx=-6, align="right", color="#222").encode(text="label:N").transform_filter(
        "datum.deviation < 0")
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#444", strokeWidth=2).encode(x="x:Q")
    return alt.layer(bars, zero, right, left).properties(height=max(200, 48 * len(frame)))


def month_commitments(frame: pd.DataFrame, monthly_budget: float | None, kinds: list[str]) -> alt.LayerChart:
    """Stacked bars per month of the budget year: booked, current cases, expected new cases."""
    order = frame.drop_duplicates("month")["month_label"].tolist()
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("month_label:N", sort=order, title=None, axis=_axis(labelAngle=0)),
        y=alt.Y("amount:Q", stack="zero", axis=mio_axis(t("chart.kr_per_month"))),
        color=alt.Color("kind:N", sort=kinds, title=None, scale=alt.Scale(domain=kinds, range=PALETTE[:len(kinds)])),
        order=alt.Order("kind_order:Q"),
        tooltip=[alt.Tooltip("month_label:N", title=t("chart.month")), alt.Tooltip("kind:N", title=t("chart.item")),
                 alt.Tooltip("amount:Q", title=t("chart.kr"), format=",.0f")])
    layers = [bars]
    if monthly_budget:
        rule = pd.DataFrame({"y": [monthly_budget], "label": [t("chart.monthly_budget")]})
        layers.append(alt.Chart(rule).mark_rule(strokeDash=[6, 4], strokeWidth=2.5, color="#444").encode(y="y:Q"))
        layers.append(alt.Chart(rule).mark_text(align="left", dx=4, dy=-9, fontSize=15, color="#444").encode(
            y="y:Q", x=alt.value(4), text="label:N"))
    return alt.layer(*layers)


def waterfall(frame: pd.DataFrame, x_title: str) -> alt.LayerChart:
    """A horizontal bridge: each step a bar from ``start`` to ``end``, the last one the total from 0."""
    order = frame["step"].tolist()
    colour = (alt.when("datum.kind == 'total'").then(alt.value(NEUTRAL))
              .when("datum.amount > 0").then(alt.value(LOSS)).otherwise(alt.value(GAIN)))
    ends = frame[["start", "end"]]
    domain = _padded(float(ends.min().min()), float(ends.max().max()), 0.15)
    axis = _axis()
    axis.labelLimit = 420      # "3 Hjemmebaserede indsatser: mængde" must not be cut
    bars = alt.Chart(frame).mark_bar(size=24).encode(
        y=alt.Y("step:N", sort=order, title=None, axis=axis),
        x=alt.X("start:Q", axis=mio_axis(x_title), scale=alt.Scale(domain=domain)), x2="end:Q", color=colour,
        tooltip=[alt.Tooltip("step:N", title=t("chart.step")),
                 alt.Tooltip("amount:Q", title=t("chart.kr"), format=",.0f")])
    labels = alt.Chart(frame).mark_text(fontSize=15, align="left", dx=6).encode(
        y=alt.Y("step:N", sort=order), x="right:Q", text="label:N")
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#444", strokeWidth=2).encode(x="x:Q")
    return alt.layer(bars, zero, labels).properties(height=max(220, 40 * len(frame)))


def grouped_hbars(frame: pd.DataFrame, category: str, series: str, unit: str, x_title: str,
                  series_title: str) -> alt.LayerChart:
    """Horizontal bars per category, side by side per series (e.g. agreed key vs booked share);
    the text of ``label`` at each bar's end when the frame has it."""
    fmt = units.get(unit).chart_format
    base = alt.Chart(frame).encode(
        y=alt.Y(f"{category}:N", title=None, axis=_axis()), yOffset=alt.YOffset(f"{series}:N"),
        x=alt.X("value:Q", title=x_title, axis=_value_axis(unit, fmt)))
    bars = base.mark_bar().encode(
        color=alt.Color(f"{series}:N", title=series_title or None, legend=_legend()),
        tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip("value:Q", title=x_title, format=fmt)])
    layers = [bars]
    if "label" in frame.columns:
        layers.append(base.mark_text(align="left", dx=5, fontSize=15, color="#222").encode(text="label:N"))
    return alt.layer(*layers).properties(height=max(200, 80 * frame[category].nunique()))


def staircase(frame: pd.DataFrame) -> alt.LayerChart:
    """The staircase as users know it: step 1 lowest on the left, step 6 highest on the right.

    Each step is a block whose height is its place on the stair, with the step's name inside it;
    the number of children is written large on top and the cost below it.
    ``frame``: step, step_label (short, for the axis), description (may hold line breaks),
    children_label, cost_label, change_label.
    """
    data = frame.assign(height=frame["step"].astype(float))
    order = data["step_label"].tolist()
    x = alt.X("step_label:N", sort=order, title=None, axis=_axis(labelAngle=0, domain=False, ticks=False))
    y = alt.Y("height:Q", axis=None, scale=alt.Scale(domain=[0, 7.6]))
    blocks = alt.Chart(data).mark_bar(color=PALETTE[0], opacity=0.9, cornerRadiusTopLeft=3,
                                      cornerRadiusTopRight=3, size=120).encode(
        x=x, y=y,
        tooltip=[alt.Tooltip("step_label:N", title=t("chart.step")),
                 alt.Tooltip("description:N", title=t("chart.intervention")),
                 alt.Tooltip("children_label:N", title=t("chart.children")),
                 alt.Tooltip("cost_label:N", title=t("chart.spend"))])
    names = alt.Chart(data.assign(middle=0.5)).mark_text(
        fontSize=12, color="white", fontWeight="bold", lineBreak="\n", baseline="middle").encode(
        x=x, y=alt.Y("middle:Q", axis=None, scale=alt.Scale(domain=[0, 7.6])), text="description:N")
    children = alt.Chart(data).mark_text(fontSize=26, fontWeight="bold", dy=-58, color="#111").encode(
        x=x, y=y, text="children_label:N")
    cost = alt.Chart(data).mark_text(fontSize=14, dy=-32, color="#333").encode(x=x, y=y, text="cost_label:N")
    change = alt.Chart(data).mark_text(fontSize=14, dy=-13, color="#333").encode(x=x, y=y, text="change_label:N")
    return alt.layer(blocks, names, children, cost, change).properties(height=460)


def band_lines(frame: pd.DataFrame, series: str, y_title: str, series_title: str, band: pd.DataFrame | None,
               unit: str = "pct") -> alt.LayerChart:
    """Lines per series with a shaded band (e.g. the ±3 point "stable" band around last year's value)."""
    fmt = units.get(unit).chart_format
    base = alt.Chart(frame).encode(
        x=alt.X("period:O", title=None, sort=None, axis=_axis(labelAngle=-45)),
        y=alt.Y("value:Q", title=y_title, axis=_value_axis(unit, fmt), scale=alt.Scale(zero=False)),
        color=alt.Color(f"{series}:N", title=series_title, legend=_legend()),
        tooltip=[alt.Tooltip("period:O", title=t("chart.period")), alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip("value:Q", title=y_title, format=fmt)])
    layers = []
    if band is not None and not band.empty:
        layers.append(alt.Chart(band).mark_rect(color="#999", opacity=0.18).encode(y="low:Q", y2="high:Q"))
        layers.append(alt.Chart(band).mark_text(align="left", dx=4, dy=-8, fontSize=14, color="#555").encode(
            x=alt.value(4), y="high:Q", text="label:N"))
    layers += [base.mark_line(strokeWidth=3.5), base.mark_point(size=70, filled=True)]
    return alt.layer(*layers)


def share_hbars(frame: pd.DataFrame, category: str, series: str, series_title: str,
                series_order: list[str], hidden: tuple = ()) -> alt.Chart | alt.LayerChart:
    """Horizontal 100 % bars per category (e.g. each district's children split on the steps);
    ``hidden``: categories where some groups are hidden, labelled, their bars shares of those shown."""
    title = t("chart.share_of_shown", name=t("chart.share")) if hidden else t("chart.share")
    bars = alt.Chart(frame).mark_bar().encode(
        y=alt.Y(f"{category}:N", title=None),
        x=alt.X("value:Q", stack="normalize", title=title, axis=_axis(format=".0%")),
        color=alt.Color(f"{series}:N", title=series_title, sort=series_order, legend=_legend()),
        order=alt.Order("series_order:Q"),
        tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip("value:Q", title=t("chart.value"), format=",.0f")])
    marks = _hidden_marks(frame, category, hidden, 1.0, horizontal=True)
    height = max(180, 60 * frame[category].nunique())
    return (bars if marks is None else alt.layer(bars, marks)).properties(height=height)



# ---- Investment cases (issue 20) ----

def break_even_bars(frame: pd.DataFrame, series_title: str, order: list[str]) -> alt.LayerChart:
    """The break-even figure (as Gladsaxe's Boks 5.3): cumulative net per year, the scenarios side by side,
    below zero while the case still costs more than it has saved. ``frame``: year, series, cumulative."""
    bars = alt.Chart(frame).mark_bar().encode(
        x=alt.X("year:O", title=None, axis=_axis(labelAngle=-45)),
        xOffset=alt.XOffset("series:N", sort=order),
        y=alt.Y("cumulative:Q", axis=mio_axis(t("chart.kr"))),
        color=alt.Color("series:N", title=series_title, sort=order, legend=_legend()),
        tooltip=[alt.Tooltip("year:O", title=t("chart.period")), alt.Tooltip("series:N", title=series_title),
                 alt.Tooltip("cumulative:Q", title=t("chart.kr"), format=",.0f")])
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#222", strokeWidth=2).encode(y="zero:Q")
    return alt.layer(bars, zero)


def plan_against_actual(frame: pd.DataFrame, series_title: str, order: list[str]) -> alt.LayerChart:
    """Cumulative net per year, the plan against the estimate from what has happened; zero marked.
    ``frame``: year, series, cumulative."""
    base = alt.Chart(frame).encode(
        x=alt.X("year:O", title=None, axis=_axis(labelAngle=-45)),
        y=alt.Y("cumulative:Q", axis=mio_axis(t("chart.kr"))),
        color=alt.Color("series:N", title=series_title, sort=order, legend=_legend()),
        tooltip=[alt.Tooltip("year:O", title=t("chart.period")), alt.Tooltip("series:N", title=series_title),
                 alt.Tooltip("cumulative:Q", title=t("chart.kr"), format=",.0f")])
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#222", strokeWidth=2).encode(y="zero:Q")
    return alt.layer(base.mark_line(strokeWidth=3.5), base.mark_point(size=70, filled=True), zero)


def traffic_light_bars(frame: pd.DataFrame, series: str, y_title: str, series_title: str, order: list[str],
                       colours: tuple[str, ...], hidden: tuple = ()) -> alt.Chart | alt.LayerChart:
    """Shares per period stacked in a fixed order and colour (a traffic light: green, yellow, red)."""
    fmt = units.get("pct").chart_format
    bars = alt.Chart(frame.assign(_order=frame[series].map({name: i for i, name in enumerate(order)}))).mark_bar().encode(
        x=alt.X("period:O", title=None, sort=None, axis=_axis(labelAngle=-45)),
        y=alt.Y("value:Q", title=y_title, stack="zero", scale=alt.Scale(domain=[0, 100]), axis=_axis(format=fmt)),
        color=alt.Color(f"{series}:N", title=series_title, legend=_legend(),
                        scale=alt.Scale(domain=list(order), range=list(colours))),
        order=alt.Order("_order:Q"),
        tooltip=[alt.Tooltip("period:O", title=t("chart.period")), alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip("value:Q", title=y_title, format=fmt)],
    )
    marks = _hidden_marks(frame, "period", hidden, 100.0)
    return bars if marks is None else alt.layer(bars, marks)


def target_lines(frame: pd.DataFrame, series: str, unit: str, y_title: str, series_title: str, order: list[str],
                 years: list[str]) -> alt.LayerChart:
    """The actual figure per year (solid) and the trajectory to a target (dashed, ending in the target)."""
    fmt = units.get(unit).chart_format
    base = alt.Chart(frame).encode(
        x=alt.X("year:O", title=None, sort=years, scale=alt.Scale(domain=years), axis=_axis(labelAngle=0)),
        y=alt.Y("value:Q", title=y_title, axis=_axis(format=fmt), scale=alt.Scale(zero=False)),
        color=alt.Color(f"{series}:N", title=series_title, legend=_legend(),
                        scale=alt.Scale(domain=order, range=["#1f4e79", "#b45309"])),
        strokeDash=alt.StrokeDash(f"{series}:N", legend=None, scale=alt.Scale(domain=order, range=[[1, 0], [8, 5]])),
        tooltip=[alt.Tooltip("year:O", title=t("chart.period")), alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip("value:Q", title=y_title, format=fmt)],
    )
    return alt.layer(base.mark_line(strokeWidth=3.5), base.mark_point(size=80, filled=True))
