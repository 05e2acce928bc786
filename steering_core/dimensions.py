"""Every breakdown dimension, declared once: its column, the name users and the CLI give it, its name in
Danish and English, how it is filtered (the ``Filters`` field, the URL key and the sidebar widget) and
the label set naming its coded values. The engine's breakdown names, the measures' filter columns, the
CLI's choices, the sidebar's URL keys and the messages derive from this tuple; which sources have a
dimension is each source's own declaration (``sources.Source.dimensions``).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dimension:
    key: str                        # the column in sources and results, and the key in CLI output
    name: str                       # as requests and the CLI name it (--by distrikt)
    da: str                         # in running Danish text ("kan ikke opdeles på distrikt")
    en: str
    filter: str | None = None       # the Filters field narrowing to one value (distrikter)
    url: str | None = None          # that filter's key in the page URL (?distrikt=Nord)
    widget: str | None = None       # the sidebar widget holding it
    labels: str | None = None       # the kind in texts.views.LABELS naming its coded values

    def title(self, lang: str = "da") -> str:
        return self.en if lang == "en" else self.da

    def sources(self) -> tuple[str, ...]:
        """The fact sources that have the dimension."""
        from steering_core.sources import SOURCES
        return tuple(name for name, source in SOURCES.items() if self.key in source.dimensions)


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("district", "distrikt", "distrikt", "district", filter="distrikter", url="distrikt",
              widget="w_districts"),
    Dimension("unit", "enhed", "enhed", "unit", filter="enheder", url="enhed", widget="w_units"),
    Dimension("sector", "sektor", "sektor", "sector", filter="sektorer", labels="sector"),
    Dimension("step", "trin", "trin", "step", labels="step"),
    Dimension("outcome", "udfald", "udfald", "outcome", labels="outcome"),
    Dimension("meeting_type", "moedetype", "mødetype", "meeting type", labels="meeting_type"),
    Dimension("granted_by", "bevilget_af", "bevilget af", "granted by", labels="granted_by"),
    Dimension("intervention_type", "indsatstype", "indsatstype", "intervention type"),
    Dimension("goal", "maal_opfyldt", "målopfyldelse", "goal attainment", labels="goal"),
    Dimension("cost_type", "omkostningstype", "omkostningstype", "cost type"),
)

BY_KEY: dict[str, Dimension] = {d.key: d for d in DIMENSIONS}
BY_NAME: dict[str, Dimension] = {d.name: d for d in DIMENSIONS}
# Filters field -> column: the municipality, then the dimensions one may narrow to.
FILTER_COLUMNS: dict[str, str] = {"kommune": "kommune", **{d.filter: d.key for d in DIMENSIONS if d.filter}}
FILTERED: tuple[Dimension, ...] = tuple(d for d in DIMENSIONS if d.filter)
