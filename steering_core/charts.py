"""Altair charts readable on a projector: large type, at most six colours, Danish formats.

Charts are built from the engine's result frames; the same spec is drawn in
the app and rendered to PNG for downloads and slides.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

# Okabe-Ito: six colours that stay apart for colour-blind readers and on a washed-out projector.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
MAX_COLOURS = len(PALETTE)
OTHER = "Øvrige"

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

NUMBER_FORMAT = {"antal": ",.0f", "pct": ",.1f", "pr_1000": ",.1f", "dage": ",.0f", "kr": ",.0f",
                 "kr_pr_indbygger": ",.0f"}


def styled(chart: alt.TopLevelMixin, title: str | None = None, height: int = 380) -> alt.TopLevelMixin:
    """Projector styling and the Danish number locale, applied once at the top level."""
    if title:
        chart = chart.properties(title=title)
    if chart.to_dict().get("height") is None:
        chart = chart.properties(height=height)
    return (chart.properties(width="container")
            .configure(locale=DANISH_LOCALE, font="Source Sans Pro, Arial, sans-serif")
            .configure_axis(labelFontSize=16, titleFontSize=17, labelLimit=260, gridOpacity=0.5)
            .configure_legend(labelFontSize=16, titleFontSize=16, orient="bottom", symbolSize=160,
                              labelLimit=300)
            .configure_title(fontSize=21, anchor="start")
            .configure_range(category=PALETTE)
            .configure_view(strokeWidth=0))


def lump_categories(frame: pd.DataFrame, column: str, value: str = "value",
                    keep: int = MAX_COLOURS - 1) -> pd.DataFrame:
    """Keep the largest categories and sum the rest as "Øvrige", so a chart never needs over six colours."""
    if frame[column].nunique() <= MAX_COLOURS:
        return frame
    totals = frame.groupby(column)[value].sum().sort_values(ascending=False)
    top = set(totals.index[:keep])
    lumped = frame.assign(**{column: frame[column].where(frame[column].isin(top), OTHER)})
    keys = [c for c in lumped.columns if c not in (value,) and lumped[c].dtype == object]
    return lumped.groupby(keys, as_index=False, dropna=False)[value].sum(min_count=1)


def period_lines(frame: pd.DataFrame, series: str, unit: str, y_title: str, series_title: str,
                 marker_period: str | None = None, marker_text: str | None = None) -> alt.LayerChart:
    """One line per series over periods; an optional vertical marker (e.g. the 2024 law change)."""
    fmt = NUMBER_FORMAT.get(unit, ",.1f")
    base = alt.Chart(frame).encode(
        x=alt.X("period:O", title=None, sort=None, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=fmt)),
        color=alt.Color(f"{series}:N", title=series_title),
        tooltip=[alt.Tooltip("period:O", title="Periode"), alt.Tooltip(f"{series}:N", title=series_title),
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
                 selectable: bool = False) -> alt.Chart:
    """Bars per period, side by side per group (Figur 3.1 of the VIVE report)."""
    fmt = NUMBER_FORMAT.get(unit, ",.1f")
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X(f"{x}:O", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset(f"{group}:N"),
        y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=fmt)),
        color=alt.Color(f"{group}:N", title=group_title),
        tooltip=[alt.Tooltip(f"{x}:O", title="Periode"), alt.Tooltip(f"{group}:N", title=group_title),
                 alt.Tooltip("value:Q", title=y_title, format=fmt)],
    )
    if selectable:
        pick = alt.selection_point(fields=[group], name="valg", on="click")
        chart = chart.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)))
    return chart


def stacked_bars(frame: pd.DataFrame, series: str, unit: str, y_title: str, series_title: str,
                 normalise: bool = False) -> alt.Chart:
    fmt = ".0%" if normalise else NUMBER_FORMAT.get(unit, ",.0f")
    data = lump_categories(frame, series)
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("period:O", title=None, sort=None, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("value:Q", title=y_title, stack="normalize" if normalise else "zero",
                axis=alt.Axis(format=fmt)),
        color=alt.Color(f"{series}:N", title=series_title),
        tooltip=[alt.Tooltip("period:O", title="Periode"), alt.Tooltip(f"{series}:N", title=series_title),
                 alt.Tooltip("value:Q", title="Værdi", format=NUMBER_FORMAT.get(unit, ",.0f"))],
    )


def unit_bars(frame: pd.DataFrame, unit: str, x_title: str, municipal_mean: float | None) -> alt.LayerChart:
    """Units by name, sorted by district, with the district and municipality levels as reference marks."""
    fmt = NUMBER_FORMAT.get(unit, ",.1f")
    order = frame.sort_values(["district", "unit_name"])["unit_name"].tolist()
    bars = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("unit_name:N", title=None, sort=order),
        x=alt.X("value:Q", title=x_title, axis=alt.Axis(format=fmt)),
        color=alt.Color("district:N", title="Distrikt"),
        tooltip=[alt.Tooltip("unit_name:N", title="Enhed"), alt.Tooltip("district:N", title="Distrikt"),
                 alt.Tooltip("value:Q", title=x_title, format=fmt),
                 alt.Tooltip("district_mean:Q", title="Distriktets gennemsnit", format=fmt)],
    )
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
        x=alt.X("t:Q", title="Dage siden start", axis=alt.Axis(format=",.0f")),
        color=alt.Color("group:N", title=group_title))
    band = base.mark_area(opacity=0.15, interpolate="step-after").encode(
        y=alt.Y("lower:Q", title="Andel der stadig kører", axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1])), y2="upper:Q")
    line = base.mark_line(interpolate="step-after", strokeWidth=3.5).encode(
        y="survival:Q",
        tooltip=[alt.Tooltip("group:N", title=group_title), alt.Tooltip("t:Q", title="Dage", format=",.0f"),
                 alt.Tooltip("survival:Q", title="Kører stadig", format=".0%")])
    limit = pd.DataFrame({"t": [limit_days], "label": ["Bevillingsgrænse 3 mdr."]})
    rule = alt.Chart(limit).mark_rule(strokeDash=[6, 4], strokeWidth=2.5, color="#444").encode(x="t:Q")
    text = alt.Chart(limit).mark_text(align="left", dx=6, y=12, fontSize=15, color="#444").encode(
        x="t:Q", text="label:N")
    return alt.layer(band, line, rule, text)


def funnel(frame: pd.DataFrame, x_title: str) -> alt.Chart:
    order = frame["stage"].tolist()
    bars = alt.Chart(frame).mark_bar(color=PALETTE[0]).encode(
        y=alt.Y("stage:N", title=None, sort=order),
        x=alt.X("value:Q", title=x_title, axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("stage:N", title="Trin"), alt.Tooltip("value:Q", title="Børn", format=",.0f")])
    labels = bars.mark_text(align="left", dx=6, fontSize=17).encode(text="label:N")
    return alt.layer(bars, labels).properties(height=220)
