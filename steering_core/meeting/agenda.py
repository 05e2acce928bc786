"""What can be put on a meeting's agenda: the overview and every figure of every view."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from steering_core import catalogue, config, units
from steering_core.engine import Request
from steering_core.texts import t
from steering_core.views import registry
from steering_core.views.figure import Figure, build_each, figure_title

OVERVIEW = "overblik"
DEFAULT_AGENDA = ("overblik", "utm_rate_year", "utm_funnel", "p11_flows", "p11_survival")
# A slide shows at most this many units' bars, so the chart fits the screen; the page shows all.
SLIDE_UNITS = 15
SLIDE_OPTIONS = {"utm_by_unit": {"top": SLIDE_UNITS}, "p11_overdue": {"top": SLIDE_UNITS}}


@dataclass(frozen=True)
class AgendaItem:
    id: str
    view: str
    title: str


def items(store=None) -> dict[str, AgendaItem]:
    """Every agenda item by id: the overview and the figures (BUILDERS) of every view in the registry, in
    menu order. A view that fails to import raises: its figures must not vanish from the agenda
    unnoticed. With a store, also one item per stored investment case."""
    result = {OVERVIEW: AgendaItem(OVERVIEW, "overview", t("overview.title"))}
    for view in registry.VIEWS:
        for key in getattr(registry.module(view), "BUILDERS", {}):
            result[key] = AgendaItem(key, view, figure_title(key))
    if store is not None:
        from steering_core.views import investment

        result.update({key: AgendaItem(key, "investment", title) for key, title in investment.case_items(store).items()})
    return result


def build(store, request: Request, item_id: str) -> Figure:
    """The figure for one agenda item."""
    known = items(store)
    if item_id not in known:
        raise KeyError(t("agenda.unknown", item=item_id, known=", ".join(known)))
    if item_id == OVERVIEW:
        return overview_figure(store, request)
    module = registry.module(known[item_id].view)
    if item_id not in getattr(module, "BUILDERS", {}):
        return module.case_agenda_figure(store, request, item_id)
    return build_each({item_id: module.BUILDERS[item_id]}, store, request, SLIDE_OPTIONS)[0]


def overview_figure(store, request: Request) -> Figure:
    """The headline tiles as a table: the opening item of most meetings."""
    from steering_core.overview import headline_indicators, tiles

    order = list(catalogue.DIMENSIONS)
    shown_tiles = sorted(tiles(store, request.last, request.filters), key=lambda tile: order.index(tile.dimension))
    lang = config.language()
    table = pd.DataFrame([{
        "dimension": catalogue.DIMENSIONS[tile.dimension][lang], "indicator": tile.title, "value": tile.value,
        "period": tile.period, "change_prev": tile.change_prev or "–", "change_year": tile.change_year or "–",
    } for tile in shown_tiles])
    columns = {"dimension": t("agenda.col.dimension"), "indicator": t("agenda.col.indicator"),
               "value": t("col.value"), "period": t("col.period"), "change_prev": t("agenda.col.change_prev"),
               "change_year": t("agenda.col.change_year")}
    return OverviewFigure(OVERVIEW, t("overview.title"), None, table, columns,
                          tuple(i.id for i in headline_indicators()), None, "antal",
                          units=tuple(catalogue.get(tile.indicator_id).unit for tile in shown_tiles),
                          numbers=tuple(tile.numbers for tile in shown_tiles))


@dataclass(frozen=True)
class OverviewFigure(Figure):
    """The headline tiles as a table; its Excel sheet stores values and changes as numbers, each row in its
    indicator's unit (a hidden or missing figure keeps its words: "< 5", "–")."""
    units: tuple[str, ...] = ()
    numbers: tuple[tuple[float | None, float | None, float | None], ...] = ()

    def xlsx(self) -> bytes:
        from steering_core import exports

        lang = config.language()
        table = self.table.copy()
        for position, column in enumerate(("value", "change_prev", "change_year")):
            table[column] = [text if number[position] is None else number[position]
                             for text, number in zip(self.table[column], self.numbers)]
        table.insert(table.columns.get_loc("value") + 1, "unit", [units.get(u).name(lang) for u in self.units])
        columns = {}
        for column, header in self.columns.items():
            columns[column] = header
            if column == "value":
                columns["unit"] = t("agenda.col.unit")
        plain = [units.get(unit).excel_format for unit in self.units]
        signed = [f"+{f};-{f};{f}" for f in plain]
        return exports.table_xlsx(table, self.title, columns, note=self.definitions_text(),
                                  row_formats={"value": plain, "change_prev": signed, "change_year": signed})


