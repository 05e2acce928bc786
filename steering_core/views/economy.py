"""The economy view: who grants and who pays, spend per sector and cost type, the budget follow-up
with the expected year-end result (commitment accounting), volume and price, and distribution keys."""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import pandas as pd

from steering_core import charts, commitment, config, distribution, exports, formatting, periods, status, volume_price
from steering_core.domain import GRANTED_BY, SECTORS
from steering_core.engine import Filters, Request, available_quarters, compute, published_year
from steering_core.texts import label, t
from steering_core.texts.economy import COST_TYPE_LABELS
from steering_core.views.figure import Figure, hidden_keys, shown

KR, PCT = "#,##0", "#,##0.0"
KINDS = ("booked", "current", "expected")


@dataclass(frozen=True)
class TableFigure(Figure):
    """A figure whose table has several kroner columns, each with its Excel number format."""
    formats: dict[str, str] = field(default_factory=dict)

    def xlsx(self) -> bytes:
        return exports.table_xlsx(self.display_table(), self.title, self.columns, self.formats,
                                  note=self.definitions_text())


def figures(store, request: Request, sector: str = "", pool: int = 0, project: str | None = None,
            kommune: str | None = None, planned: tuple = ()) -> list[Figure]:
    """``planned``: cases entered on the page, as (sector, kr. per month, start, stop or None) tuples."""
    projections = commitment.sector_projections(store, request, planned=entered_cases(planned))
    lines, annualised = budget_lines(store, request)
    result = [grant_pay(store, request), sector_spend(store, request), cost_types(store, request, sector),
              project_shares(store, request), budget_follow_up(request, lines, annualised, projections, pool),
              commitments(request, lines, projections, sector, pool), volume_and_price(store, request, kommune)]
    if project:
        result.append(key_figure(store, request, kommune, project))
    return result


PLANNED_COLUMNS = ("sector", "monthly", "start", "stop")


def planned_editor_frame(rows: tuple = ()) -> pd.DataFrame:
    """The table of planned cases to enter on the page: empty, or holding ``rows`` as planned_rows gives them."""
    frame = pd.DataFrame(list(rows), columns=list(PLANNED_COLUMNS))
    return frame.astype({"sector": object, "monthly": float, "start": "datetime64[ns]", "stop": "datetime64[ns]"})


def planned_rows(frame: pd.DataFrame) -> tuple:
    """The entered table as (sector, kr. per month, start, stop) tuples, blanks as None (hashable, for caching)."""
    def plain(value):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return None
        return value.date() if isinstance(value, pd.Timestamp) else value
    return tuple(tuple(plain(row[c]) for c in PLANNED_COLUMNS) for row in frame.to_dict("records"))


def entered_cases(rows: tuple) -> list[commitment.PlannedCase]:
    """Planned cases entered on the page; incomplete rows are left out."""
    cases = []
    for number, (sector, monthly, start, stop) in enumerate(rows, start=1):
        if sector and monthly and start:
            cases.append(commitment.PlannedCase(sector, float(monthly), start, stop or None,
                                                t("econ.entered_case", n=number)))
    return cases


def month_names() -> list[str]:
    """January to December as short labels (``jan.`` ...) in the active language."""
    return [t(f"chart.month.{month}") for month in range(1, 13)]


def cost_type_name(code: str) -> str:
    """A cost type code (``loen`` ...) as users read it; unknown codes as they are."""
    return t(f"chart.cost_type.{code}") if code in COST_TYPE_LABELS else code


def in_kr(name: str) -> str:
    return t("chart.in_kr", name=name)


def sector_name(code: str) -> str:
    return label("sector", code) if code else t("econ.all_sectors")


def sectors(store, request: Request) -> list[str]:
    """Sectors in the finance sheet or paying for interventions, in the usual order."""
    year = published_year(store, _municipal(request))
    found = set(compute(store, ["spend_kr"], replace(year, by=("sektor",)))["sector"])
    found |= set(compute(store, ["intervention_cost"], replace(year, by=("sektor",)))["sector"])
    return [s for s in SECTORS if s in found]


def _municipal(request: Request) -> Request:
    return replace(request, filters=Filters(kommune=request.filters.kommune))


def _scope(request: Request) -> str:
    return t("econ.whole_municipality") if request.filters.distrikter or request.filters.enheder else ""


def _year(request: Request) -> int:
    return periods.parse_period(request.last).end.year


def _mio(value: float, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    decimals = 1 if abs(value) >= 1e6 else 2
    text = formatting.signed(value / 1e6, decimals) if signed else formatting.number(value / 1e6, decimals)
    return t("econ.mio", value=text)


def grant_pay(store, request: Request) -> Figure:
    year = published_year(store, request)
    frame = compute(store, ["intervention_cost", "interventions_with_cost"], replace(year, by=("bevilget_af", "sektor")))
    cost = frame[frame["indicator"] == "intervention_cost"].drop(columns="indicator")
    count = frame[frame["indicator"] == "interventions_with_cost"][["granted_by", "sector", "value"]]
    table = cost.merge(count.rename(columns={"value": "count"}), on=["granted_by", "sector"], how="left")
    k = request.min_cell or config.min_cell_size()
    table = table.assign(
        granted_label=table["granted_by"].map(lambda v: label("granted_by", v)),
        sector_label=table["sector"].map(lambda v: label("sector", v)),
        label=[status.hidden_text("kr", False) if hidden else f"{_mio(v)}\n{t('econ.courses_word', n=formatting.number(n))}"
               for v, n, hidden in zip(table["value"], table["count"], table["suppressed"].astype(bool))])
    y_order = [label("granted_by", g) for g in GRANTED_BY if g in set(table["granted_by"])]
    x_order = [label("sector", s) for s in SECTORS if s in set(table["sector"])]
    chart = charts.heatmap(table, "sector_label", "granted_label", t("econ.axis.paying"), t("econ.col.granted_by"),
                           x_order, y_order) if not shown(table).empty else None
    columns = {"period": t("col.period"), "granted_label": t("econ.col.granted_by"),
               "sector_label": t("col.sector"), "value": in_kr(catalogue_name("intervention_cost")),
               "count": t("econ.col.courses"), "suppressed": t("col.suppressed", k=k)}
    period = frame["period"].iloc[0] if len(frame) else year.last[:4]
    return Figure("econ_matrix", t("econ.matrix", period=period), chart, table, columns,
                  ("intervention_cost", "interventions_with_cost"), t("econ.matrix_caption", k=k), "kr")


def catalogue_name(indicator_id: str) -> str:
    from steering_core import catalogue
    return catalogue.get(indicator_id).name(config.language())


def sector_spend(store, request: Request) -> Figure:
    frame = compute(store, ["spend_kr"], replace(_municipal(request), grain="kvartal", by=("sektor",)))
    frame = frame.assign(sector_label=frame["sector"].map(lambda v: label("sector", v)))
    data = charts.lump_categories(shown(frame)[["period", "sector_label", "value"]], "sector_label")
    chart = charts.money_lines(data, "sector_label", t("col.sector")) if not data.empty else None
    columns = {"period": t("col.period"), "sector_label": t("col.sector"), "value": in_kr(catalogue_name("spend_kr"))}
    return Figure("econ_sector_spend", t("econ.sector_spend"), chart, frame, columns, ("spend_kr",),
                  _scope(request).strip() or None, "kr")


def cost_types(store, request: Request, sector: str = "") -> Figure:
    filters = Filters(kommune=request.filters.kommune, sektorer=(sector,) if sector else ())
    frame = compute(store, ["spend_kr"], replace(request, grain="kvartal", by=("omkostningstype",), filters=filters))
    frame = frame.assign(cost_label=frame["cost_type"].map(cost_type_name))
    chart = charts.money_bars(shown(frame), "cost_label", t("econ.col.cost_type"),
                              hidden=hidden_keys(frame, "period")) \
        if not shown(frame).empty else None
    columns = {"period": t("col.period"), "cost_label": t("econ.col.cost_type"),
               "value": in_kr(catalogue_name("spend_kr"))}
    return Figure("econ_cost_types", t("econ.cost_types", sector=sector_name(sector)), chart, frame, columns,
                  ("spend_kr",), _scope(request).strip() or None, "kr")


def project_shares(store, request: Request) -> Figure:
    frame = compute(store, ["project_spend"], replace(_municipal(request), grain="kvartal", by=("sektor",)))
    frame = frame.assign(sector_label=frame["sector"].map(lambda v: label("sector", v)))
    chart = charts.money_bars(shown(frame), "sector_label", t("col.sector"), normalise=True,
                              hidden=hidden_keys(frame, "period")) \
        if not shown(frame).empty else None
    columns = {"period": t("col.period"), "sector_label": t("col.sector"),
               "value": in_kr(catalogue_name("project_spend"))}
    return Figure("econ_project_share", t("econ.project_share"), chart, frame, columns, ("project_spend",),
                  t("econ.project_caption") + _scope(request), "kr")


def budget_lines(store, request: Request) -> tuple[pd.DataFrame, bool]:
    """Per sector × cost type: the year's corrected budget, and budget and spend up to ``request.last``."""
    year = _year(request)
    whole_year = replace(_municipal(request), first=f"{year}K1", last=f"{year}K4", grain="samlet",
                         by=("sektor", "omkostningstype"))
    keys = ["sector", "cost_type"]
    budget = compute(store, ["budget_year_kr"], whole_year)
    to_date = compute(store, ["budget_kr", "spend_kr"], replace(whole_year, last=request.last))
    lines = budget[keys + ["value"]].rename(columns={"value": "budget_year"})
    for indicator, name in (("budget_kr", "budget_to_date"), ("spend_kr", "spend_to_date")):
        part = to_date[to_date["indicator"] == indicator][keys + ["value"]].rename(columns={"value": name})
        lines = lines.merge(part, on=keys, how="outer")
    lines = lines.fillna({"budget_year": 0.0, "budget_to_date": 0.0, "spend_to_date": 0.0})
    annualised = bool((budget["value"].round(2) != budget["numerator"].round(2)).any())
    order = {s: i for i, s in enumerate(SECTORS)}
    return lines.sort_values(["sector", "cost_type"], key=lambda c: c.map(order) if c.name == "sector" else c), annualised


def budget_follow_up(request: Request, lines: pd.DataFrame, annualised: bool,
                     projections: dict[str, commitment.SectorProjection], pool: float = 0) -> Figure:
    year = _year(request)
    committed = {s: p.projection.committed for s, p in projections.items()}
    table = commitment.year_end(lines, committed) if not lines.empty else commitment.year_end(
        pd.DataFrame(columns=["sector", "cost_type", "budget_year", "budget_to_date", "spend_to_date"]), {})
    sector_rows = table.assign(sector_label=table["sector"].map(lambda v: label("sector", v)),
                               method_label=table["method"].map(lambda m: t(f"econ.method.{m}")))
    full = sector_rows
    if pool:
        pool_row = {"sector": "pulje", "sector_label": t("econ.pool_row"), "budget_year": 0.0, "spend_to_date": 0.0,
                    "expected": float(pool), "deviation": float(pool), "method_label": ""}
        full = pd.concat([full, pd.DataFrame([pool_row])], ignore_index=True)
    sums = full[["budget_year", "spend_to_date", "expected", "deviation"]].sum()
    total_row = {"sector": "i_alt", "sector_label": t("econ.total"), **sums.to_dict(), "method_label": "",
                 "spend_pct": 100 * sums["spend_to_date"] / sums["budget_year"] if sums["budget_year"] else math.nan}
    full = pd.concat([full, pd.DataFrame([total_row])], ignore_index=True)
    bars = sector_rows.assign(label=sector_rows["deviation"].map(lambda v: _mio(v, signed=True)))
    chart = charts.deviation_bars(bars, "sector_label", t("econ.deviation_axis")) if not bars.empty else None
    columns = {"sector_label": t("col.sector"), "budget_year": t("econ.col.budget_year"),
               "spend_to_date": t("econ.col.spend_to_date"), "spend_pct": t("econ.col.spend_pct"),
               "expected": t("econ.col.expected"), "deviation": t("econ.col.deviation"),
               "method_label": t("econ.col.method")}
    caption = t("econ.budget_caption", year=year, last=request.last,
                annualised=t("econ.budget_annualised") if annualised else "",
                pool=t("econ.budget_pool", pool=formatting.kroner(pool)) if pool else "", scope=_scope(request))
    formats = {c: KR for c in ("budget_year", "spend_to_date", "expected", "deviation")} | {"spend_pct": PCT}
    return TableFigure("econ_budget", t("econ.budget", year=year), chart, full, columns,
                       ("budget_year_kr", "spend_kr", "intervention_cost"), caption, "kr", formats=formats)


def finance_display(table: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The budget follow-up as finance reads it: Danish thousands separators, one decimal for percent."""
    shown_frame = pd.DataFrame()
    for column, header in columns.items():
        values = table[column]
        if column == "spend_pct":
            shown_frame[header] = values.map(lambda v: formatting.percent(v, 1))
        elif column == "deviation":
            shown_frame[header] = values.map(lambda v: formatting.signed(v).replace("±0", "0"))
        elif values.dtype.kind == "f":
            shown_frame[header] = values.map(formatting.number)
        else:
            shown_frame[header] = values.fillna("")
    return shown_frame


def commitments(request: Request, lines: pd.DataFrame, projections: dict[str, commitment.SectorProjection],
                sector: str = "", pool: float = 0) -> Figure:
    year = _year(request)
    k = request.min_cell or config.min_cell_size()
    hidden_sectors = set(projections) - set(commitment.shown_projections(projections, k))
    projections = {s: p for s, p in projections.items() if s not in hidden_sectors}
    chosen = [projections[sector]] if sector in projections else ([] if sector else list(projections.values()))
    title = t("econ.commit", year=year, sector=sector_name(sector) if sector else sector_name("").lower())
    columns = {"month_name": t("econ.col.month"), "closed": t("econ.col.closed"),
               **{kind: in_kr(t(f"econ.kind.{kind}")) for kind in KINDS}}
    if not chosen:
        reason = t("econ.commit_hidden", k=k) if sector in hidden_sectors else t("econ.commit_none")
        return TableFigure("econ_commit", title, None, pd.DataFrame(columns=list(columns)), columns,
                           ("intervention_cost",), reason, "kr")
    months = sum((p.projection.months[list(KINDS)] for p in chosen), start=pd.DataFrame(0.0, index=range(12),
                                                                                         columns=list(KINDS)))
    month_labels = month_names()
    months = months.assign(month=range(1, 13), month_name=month_labels,
                           closed=chosen[0].projection.months["closed"].to_numpy())
    long = months.melt(id_vars=["month", "month_name"], value_vars=list(KINDS), var_name="kind_code",
                       value_name="amount")
    names = [t(f"econ.kind.{kind}") for kind in KINDS]
    long = long.assign(month_label=long["month_name"], kind=long["kind_code"].map(lambda k: t(f"econ.kind.{k}")),
                       kind_order=long["kind_code"].map(KINDS.index))
    relevant = lines[lines["cost_type"] == "indsatser"]
    if sector:
        relevant = relevant[relevant["sector"] == sector]
    monthly_budget = float(relevant["budget_year"].sum()) / 12 or None
    chart = charts.month_commitments(long[long["amount"] > 0], monthly_budget, names)
    projection = commitment.Projection(year, months, float(pool))
    rate = sum(p.intake.per_month for p in chosen)
    weight = rate or 1.0
    closed = [month_labels[m - 1] for m in months.loc[months["closed"], "month"]]
    # Counts of cases are counts of children: under the minimum cell size they are not shown.
    cases = sum(p.cases for p in chosen)
    starts = sum(p.intake.starts for p in chosen)
    hidden = t("suppressed", k=k)
    intake_known = starts >= k
    caption = t("econ.commit_caption",
                booked_months=f"{closed[0]}–{closed[-1]}" if closed else t("econ.no_months"),
                booked=formatting.kroner(projection.booked),
                cases=formatting.number(cases) if cases == 0 or cases >= k else hidden,
                current=formatting.kroner(projection.current))
    totals = dict(expected=formatting.kroner(projection.expected), pool=formatting.kroner(pool),
                  total=formatting.kroner(projection.total), scope=_scope(request))
    planned = [case for p in chosen for case in p.planned]
    if planned:
        # Known cases replace the intake estimate: each named with its commitment in the budget year.
        caption += t("econ.commit_planned", cases="; ".join(
            t("econ.planned_case", name=case.name, monthly=formatting.kroner(case.monthly),
              start=formatting.day(case.start), stop=formatting.day(case.stop) if case.stop else t("econ.open_end"),
              year=year, amount=formatting.kroner(commitment.month_amounts(case.case, year).sum()))
            for case in planned), **totals)
    else:
        caption += t("econ.commit_intake",
                     rate=formatting.number(rate, 1) if intake_known else "–",
                     price=formatting.kroner(sum(p.intake.per_month * p.intake.monthly_price for p in chosen) / weight)
                     if intake_known else "–",
                     days=formatting.number(sum(p.intake.per_month * (p.intake.duration_days or 0)
                                                for p in chosen) / weight) if intake_known else "–", **totals)
    total = {"month_name": t("econ.total"), "closed": None, **{k: months[k].sum() for k in KINDS}}
    table = pd.concat([months[["month_name", "closed", *KINDS]], pd.DataFrame([total])], ignore_index=True)
    return TableFigure("econ_commit", title, chart, table, columns, ("intervention_cost", "spend_kr"), caption,
                       "kr", formats={k: KR for k in KINDS})


def volume_and_price(store, request: Request, kommune: str | None = None) -> Figure:
    year = _year(request)
    columns = {"group": t("econ.col.group"), "budget_count": t("econ.col.budget_count"),
               "budget_price": t("econ.col.budget_price"), "actual_count": t("econ.col.actual_count"),
               "actual_price": t("econ.col.actual_price"), "budget_cost": t("econ.col.budget_cost"),
               "actual_cost": t("econ.col.actual_cost"), "volume": t("econ.col.volume"),
               "price": t("econ.col.price"), "deviation": t("econ.col.total_deviation")}
    ids = ("interventions_fye", "intervention_price_fye")
    assumptions = volume_price.assumptions(store, kommune, year)
    if assumptions.empty:
        return TableFigure("econ_volume_price", t("econ.vp", year=year), None, pd.DataFrame(columns=list(columns)),
                           columns, ids, t("econ.vp_none", year=year), "kr")
    actual_request = published_year(store, _municipal(request))
    groups = []
    for column, by, key in (("trin", "trin", "step"), ("indsatstype", "indsatstype", "intervention_type")):
        wanted = assumptions[assumptions[column] != (0 if column == "trin" else "")]
        if wanted.empty:
            continue
        actual = compute(store, list(ids), replace(actual_request, by=(by,)))
        values = actual.pivot_table(index=key, columns="indicator", values="value", aggfunc="first", dropna=False)
        for row in wanted.itertuples(index=False):
            code = getattr(row, column)
            found = values.loc[code] if code in values.index else pd.Series(dtype=float)
            name = f"{code} {label('step', int(code))}" if column == "trin" else str(code)
            groups.append({"group": name, "budget_count": float(row.forventet_antal),
                           "budget_price": float(row.forventet_gennemsnitspris),
                           "actual_count": float(found.get("interventions_fye", math.nan)),
                           "actual_price": float(found.get("intervention_price_fye", math.nan))})
    splits = volume_price.table(pd.DataFrame(groups))
    steps = volume_price.bridge(splits, t("econ.volume"), t("econ.price"), t("econ.vp_total"))
    steps = steps.assign(label=steps["amount"].map(lambda v: _mio(v, signed=True)),
                         right=steps[["start", "end"]].max(axis=1))
    k = request.min_cell or config.min_cell_size()
    missing = splits.loc[~splits["complete"], "group"].tolist()
    complete = splits[splits["complete"]]
    # The actual figures cover the whole published year, to the data cut-off (docs/DISCLOSURE.md).
    in_year = [q for q in available_quarters(store) if q.startswith(str(year))]
    caption = t("econ.vp_caption", year=year, budget=_mio(complete["budget_cost"].sum()), first=f"{year}K1",
                last=in_year[-1] if in_year else request.last, actual=_mio(complete["actual_cost"].sum()),
                hidden=t("econ.vp_hidden", k=k, groups=", ".join(missing)) if missing else "")
    chart = charts.waterfall(steps, t("econ.col.total_deviation")) if not complete.empty else None
    formats = {c: KR for c in ("budget_price", "actual_price", "budget_cost", "actual_cost", "volume", "price",
                               "deviation")} | {"budget_count": PCT, "actual_count": PCT}
    return TableFigure("econ_volume_price", t("econ.vp", year=year), chart, splits, columns, ids,
                       caption + _scope(request), "kr", formats=formats)


def key_figure(store, request: Request, kommune: str | None, project: str) -> Figure:
    """The project's current distribution key next to what each sector has booked on the project."""
    names = _sector_names()
    period = request.first if request.first == request.last else f"{request.first} – {request.last}"
    columns = {"sector_label": t("col.sector"), "share": t("econ.col.share"), "key_amount": t("econ.col.key_amount"),
               "booked": t("econ.col.booked"), "booked_share": t("econ.col.booked_share"),
               "transfer": t("econ.col.transfer")}
    title = t("econ.key_figure", project=project, period=period)
    key = distribution.current(store, kommune or "", project)
    if key is None:
        return TableFigure("econ_key", title, None, pd.DataFrame(columns=list(columns)), columns, ("project_spend",),
                           t("econ.key_none", project=project), "pct")
    first, last = periods.parse_period(request.first), periods.parse_period(request.last)
    booked = distribution.booked_by_sector(store, kommune or "", project, first.start, last.end)
    table = distribution.settlement(key.shares, booked)
    table = table.assign(sector_label=table["sector"].map(lambda s: names.get(s, s)))
    long = pd.concat([
        table.assign(series=t("econ.series.key"), value=table["share"]),
        table.assign(series=t("econ.series.booked"), value=table["booked_share"])])
    long = long.assign(label=long["value"].map(lambda v: formatting.percent(v, 1)))
    chart = charts.grouped_hbars(long, "sector_label", "series", "antal", t("econ.axis.key"), "")
    caption = t("econ.key_caption", version=key.version, saved=formatting.timestamp(key.saved), user=key.user,
                total=formatting.kroner(float(booked.sum()) if len(booked) else 0.0))
    formats = {"share": PCT, "booked_share": PCT, "key_amount": KR, "booked": KR, "transfer": KR}
    return TableFigure("econ_key", title, chart, table, columns, ("project_spend",), caption, "pct", formats=formats)


def key_history(store, kommune: str | None, project: str) -> tuple[pd.DataFrame, bytes]:
    """Every version of the project's key, newest first, for the page and as Excel."""
    frame = distribution.history_frame(distribution.versions(store, kommune or "", project), _sector_names())
    frame["saved"] = frame["saved"].map(formatting.timestamp)
    headers = {c: t(f"econ.col.{c}") for c in ("version", "saved", "user", "note", "shares")}
    xlsx = exports.table_xlsx(frame, t("econ.key_history"), headers)
    return frame.rename(columns=headers), xlsx


def _sector_names() -> dict[str, str]:
    return {s: label("sector", s) for s in SECTORS}


def _budget(store, request: Request) -> Figure:
    lines, annualised = budget_lines(store, request)
    return budget_follow_up(request, lines, annualised, commitment.sector_projections(store, request), 0)


def _commitments(store, request: Request) -> Figure:
    lines, _ = budget_lines(store, request)
    return commitments(request, lines, commitment.sector_projections(store, request), "", 0)


# The page in parts a steering group reads one at a time (issue 19): part -> its figures, in order.
# The keys' part has none of this view's figures: the page draws the distribution keys there.
PARTS = {
    "spend": ("econ_matrix", "econ_sector_spend", "econ_cost_types", "econ_project_share"),
    "budget": ("econ_budget", "econ_commit"),
    "volume": ("econ_volume_price",),
    "keys": (),
}

# Figure key -> builder (default options); the meeting agenda picks from these.
BUILDERS = {
    "econ_matrix": grant_pay, "econ_sector_spend": sector_spend, "econ_cost_types": cost_types,
    "econ_project_share": project_shares, "econ_budget": _budget, "econ_commit": _commitments,
    "econ_volume_price": volume_and_price,
}
