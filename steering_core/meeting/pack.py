"""A meeting pack: the agenda's figures with their headline numbers, notes and definitions."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from steering_core import formatting, notes
from steering_core.cleantext import printable
from steering_core.engine import EngineError, Filters, Request, data_until, unit_register
from steering_core.meeting import agenda
from steering_core.overview import Tile, tiles
from steering_core.store import Store
from steering_core.texts import t
from steering_core.views.figure import Figure

HEADLINES_PER_ITEM = 3


@dataclass(frozen=True)
class PackItem:
    figure: Figure
    headlines: tuple[Tile, ...]
    note: notes.Note | None


@dataclass(frozen=True)
class MeetingPack:
    kommune: str
    is_demo: bool
    first: str
    last: str
    scope: str
    until: date | None
    items: tuple[PackItem, ...]
    created: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))

    @property
    def subtitle(self) -> str:
        return t("meeting.cover_sub", kommune=self.kommune, scope=self.scope, first=self.first, last=self.last)

    @property
    def stamp(self) -> str:
        """What each chart image of the pack says under its title."""
        from steering_core.views.figure import png_stamp
        return png_stamp(self.kommune, self.scope, self.first, self.last, self.is_demo)

    @property
    def source_line(self) -> str:
        return t("meeting.source", kommune=self.kommune, until=formatting.day(self.until))


def scope_key(filters: Filters) -> str:
    """How a note's scope is stored: the districts (and units), or the whole municipality."""
    districts = ",".join(sorted(filters.distrikter)) or "kommune"
    return districts + (f"|enheder:{','.join(sorted(filters.enheder))}" if filters.enheder else "")


def scope_label(filters: Filters, unit_names: dict[str, str] | None = None, everywhere: str | None = None) -> str:
    """The scope as people say it: districts (``everywhere`` when none is chosen), then units by name."""
    districts = ", ".join(filters.distrikter) or everywhere or t("meeting.scope_all")
    if not filters.enheder:
        return districts
    names = [(unit_names or {}).get(unit, unit) for unit in filters.enheder]
    return f"{districts} · {', '.join(names)}"


def build_pack(store: Store, request: Request, item_ids: list[str]) -> MeetingPack:
    """Figures, headline numbers and the newest notes for the agenda, in agenda order."""
    meta = store.meta()
    with store.reading() as con:
        until = data_until(con, request.filters.kommune)
    saved = notes.latest(store, request.last, scope_key(request.filters))
    items = []
    for item_id in item_ids:
        figure = agenda.build(store, request, item_id)
        items.append(PackItem(figure, _headlines(store, request, figure), saved.get(item_id)))
    return MeetingPack(meta.get("kommune", "Kommunen"), meta.get("demo") == "ja", request.first or "",
                       request.last or "", scope_label(request.filters, unit_names(store, request.filters)),
                       until, tuple(items))


def unit_names(store: Store, filters: Filters) -> dict[str, str]:
    """The chosen units' names by id (empty when no unit is chosen)."""
    if not filters.enheder:
        return {}
    register = unit_register(store, filters.kommune)
    return dict(zip(register["unit"], register["unit_name"]))


def _headlines(store: Store, request: Request, figure: Figure) -> tuple[Tile, ...]:
    if figure.key == agenda.OVERVIEW or not request.last:
        return ()
    try:
        return tuple(tiles(store, request.last, request.filters, list(figure.indicator_ids[:HEADLINES_PER_ITEM])))
    except EngineError:
        return ()


def for_print(text: object) -> str:
    """Text as slides and the PDF show it: the export text rule (stored text may hold Word's \\x0b),
    and a hyphen for the true minus sign some slide and PDF fonts lack."""
    return str(printable(str(text))).replace("−", "-")

