"""The comparison view: our municipality against a comparison group, chosen municipalities and the
country (``steering_core.comparison`` computes; this module turns it into figures)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from steering_core import catalogue, charts, comparison, config, units
from steering_core.engine import Request
from steering_core.texts import t
from steering_core.views.figure import Figure, unavailable

DEFAULT_INDICATOR = "prevention_ratio"


def figures(store, request: Request, indicator: str = DEFAULT_INDICATOR,
            group: tuple[str, ...] | None = None) -> list[Figure]:
    result = _comparison(store, request, indicator, group)
    return [summary_figure(result), ranking_figure(result, indicator), trend_figure(result, indicator)]


def _comparison(store, request: Request, indicator: str, group: tuple[str, ...] | None) -> comparison.Comparison:
    ids = tuple(dict.fromkeys([*comparison.HEADLINE, indicator]))
    return comparison.build(store, request, group, ids)


def value_text(indicator: str, value) -> str:
    """A value as the indicator's unit writes it (12,5 %; 5.313 kr.; 23,6)."""
    if value is None or value != value:
        return "–"
    item = catalogue.get(indicator)
    return units.get(item.unit).text(value, item.decimals)


def change_text(indicator: str, value) -> str:
    """A change or a distance as the unit speaks of it (+3,0 pct.point; −120 kr.; +1,4)."""
    if value is None or value != value:
        return "–"
    item = catalogue.get(indicator)
    return units.get(item.unit).change(value, item.decimals)


def summary_figure(result: comparison.Comparison) -> Figure:
    table = comparison.summary(result)
    lang, k = config.language(), config.min_cell_size()
    rows = []
    for row in table.to_dict("records"):
        indicator = row["indicator"]
        if row.get("year") is None or row["year"] != row["year"]:
            continue
        own = t("cmp.hidden") if row["own_hidden"] else value_text(indicator, row["own"])
        country = value_text(indicator, row["country"])
        if pd.notna(row["country"]) and row["country_source"] != comparison.ALL_DATABASE:
            # A reference figure says its year; all municipalities in the database are the row's year.
            country += f" ({int(row['country_year'])})"
        name = catalogue.get(indicator).name(lang)
        # Few columns, so the table fits a projector: the year only where it is not the title's.
        rows.append({
            "indicator": name if int(row["year"]) == result.year else f"{name} ({int(row['year'])})", "own": own,
            "own_change": change_text(indicator, row["own_change"]),
            # A column with a missing rank is a float column: "3 af 4", never "3.0 af 4.0".
            "rank": t("cmp.rank_of", rank=int(row["rank"]), n=int(row["ranked"])) if pd.notna(row["rank"]) else "–",
            "median": value_text(indicator, row["median"]), "distance": change_text(indicator, row["distance"]),
            "median_change": change_text(indicator, row["median_change"]), "country": country,
        })
    frame = pd.DataFrame(rows, columns=["indicator", "own", "own_change", "rank", "median", "distance",
                                        "median_change", "country"])
    columns = {c: t(f"cmp.col.{c}") for c in frame.columns}
    caption = " ".join(filter(None, [
        t("cmp.summary_caption", kommune=result.own, n=len(result.group), k=k) if result.group
        else t("cmp.summary_caption_alone", kommune=result.own),
        t("cmp.country_note") if result.in_database else "", _sources(result)]))
    return Figure("cmp_summary", t("cmp.summary", kommune=result.own, year=result.year), None, frame, columns,
                  tuple(comparison.HEADLINE), caption, "antal", sources=_sources(result))


def _sources(result: comparison.Comparison) -> str:
    shown = result.figures[result.figures["source"] != comparison.DATABASE]["source"].unique()
    return t("cmp.sources", sources="; ".join(sorted(shown))) if len(shown) else ""


def ranking_figure(result: comparison.Comparison, indicator: str) -> Figure:
    if not result.group:
        return unavailable("cmp_ranking", t("cmp.no_group", kommune=result.own))
    item = catalogue.get(indicator)
    lang, k = config.language(), config.min_cell_size()
    table = comparison.ranking(result, indicator)
    summary = comparison.summary(result, (indicator,)).iloc[0]
    year = int(table["year"].iloc[0]) if not table.empty else result.year
    shown = table[table["value"].notna()]
    chart = None
    if not shown.empty:
        chart = _ranking_chart(shown, item.unit, item.name(lang), summary["median"],
                               summary["country"] if summary.get("country_year") == year else None)
    hidden = int(table["hidden"].sum()) if not table.empty else 0
    country_note = (t("cmp.country_rule", source=summary["country_source"])
                    if summary.get("country_year") == year and summary["country"] is not None else "")
    caption = t("cmp.ranking_caption", country=country_note,
                hidden=t("cmp.hidden_members", n=hidden, k=k) if hidden else "") + " " + _sources(result)
    columns = {"kommune": t("cmp.col.kommune"), "value": t("cmp.col.value"), "rank": t("cmp.col.rank"),
               "hidden": t("cmp.col.hidden", k=k)}
    return Figure("cmp_ranking", t("cmp.ranking", indicator=item.name(lang), year=year), chart,
                  table[["kommune", "value", "rank", "hidden"]].reset_index(drop=True), columns, (indicator,),
                  caption, item.unit, sources=_sources(result))


def _ranking_chart(frame: pd.DataFrame, unit: str, title: str, median, country) -> alt.LayerChart:
    fmt = units.get(unit).chart_format
    data = frame.assign(who=frame["own"].map({True: "own", False: "other"}))
    order = list(data["kommune"])
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("kommune:N", sort=order, title=None),
        x=alt.X("value:Q", title=title, axis=alt.Axis(format=fmt)),
        color=alt.Color("who:N", scale=alt.Scale(domain=["own", "other"], range=[charts.PALETTE[1], charts.PALETTE[0]]),
                        legend=None),
        tooltip=[alt.Tooltip("kommune:N", title=t("cmp.col.kommune")),
                 alt.Tooltip("value:Q", title=title, format=fmt), alt.Tooltip("rank:Q", title=t("cmp.col.rank"))])
    layers = [bars]
    if median is not None and median == median:
        layers.append(alt.Chart(pd.DataFrame({"value": [median]})).mark_rule(color="#111", strokeWidth=3)
                      .encode(x="value:Q"))
    if country is not None and country == country:
        layers.append(alt.Chart(pd.DataFrame({"value": [country]})).mark_rule(color="#444", strokeDash=[6, 4],
                                                                             strokeWidth=2).encode(x="value:Q"))
    return alt.layer(*layers)


def trend_figure(result: comparison.Comparison, indicator: str) -> Figure:
    item = catalogue.get(indicator)
    lang = config.language()
    frame = comparison.trend(result, indicator)
    names = {"own": t("cmp.series.own", kommune=result.own), "median": t("cmp.series.median"),
             "country": t("cmp.series.country"), "database": t("cmp.series.database")}
    frame = frame.assign(series_name=frame["series"].map(names), period=frame["year"].astype(str),
                         suppressed=False)
    data = frame[frame["value"].notna()]
    if not data.empty:
        # Every year between the first and the last on the axis, so that the reports' 2016-2018 and the
        # database's recent years stand as far apart as they are (a year without figures draws nothing).
        years = data["year"].astype(int)
        gaps = sorted(set(range(years.min(), years.max() + 1)) - set(years))
        data = pd.concat([data, pd.DataFrame({"year": gaps, "period": [str(y) for y in gaps],
                                              "series_name": names["own"], "value": float("nan")})],
                         ignore_index=True).sort_values("year")
    chart = charts.period_lines(data, "series_name", item.unit, item.name(lang), t("cmp.col.series")) \
        if not data.empty else None
    columns = {"period": t("cmp.col.year"), "series_name": t("cmp.col.series"), "value": t("cmp.col.value")}
    return Figure("cmp_trend", t("cmp.trend", indicator=item.name(lang)), chart,
                  frame[["period", "series_name", "value"]], columns, (indicator,),
                  t("cmp.trend_caption", kommune=result.own) + " " + _sources(result), item.unit,
                  sources=_sources(result))


def reference_table(store) -> pd.DataFrame:
    """Every reference row with its source, for the page's overview of what is compared with."""
    rows = comparison.references(store)
    hidden = comparison.hidden_references(rows)
    rows = rows.assign(vaerdi=rows["vaerdi"].where(~hidden), hidden=hidden)
    return rows.rename(columns={"kommune": t("cmp.col.kommune"), "aar": t("cmp.col.year"),
                                "felt": t("cmp.col.field"), "vaerdi": t("cmp.col.value"), "kilde": t("cmp.col.source"),
                                "tabel": t("cmp.col.table"), "hentet": t("cmp.col.downloaded"),
                                "hidden": t("cmp.col.hidden", k=config.min_cell_size())}).drop(columns=["antal"])


def choices(store, request: Request) -> comparison.Comparison:
    """The municipalities a group can be chosen from and the suggestion (the page's choices)."""
    return comparison.choices(store, request)


def summary(store, request: Request, group: tuple[str, ...] | None = None) -> Figure:
    return summary_figure(_comparison(store, request, DEFAULT_INDICATOR, group))


def ranking(store, request: Request, indicator: str = DEFAULT_INDICATOR, group: tuple[str, ...] | None = None) -> Figure:
    return ranking_figure(_comparison(store, request, indicator, group), indicator)


def trend(store, request: Request, indicator: str = DEFAULT_INDICATOR, group: tuple[str, ...] | None = None) -> Figure:
    return trend_figure(_comparison(store, request, indicator, group), indicator)


# Figure key -> builder; the meeting agenda picks from these (default group: the suggestion).
BUILDERS = {"cmp_summary": summary, "cmp_ranking": ranking, "cmp_trend": trend}
