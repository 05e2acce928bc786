"""Texts of the projector screens: the overview's first screen, presentation mode and the drill path."""

TEXTS = {
    "tile.mio": {"da": "{value} mio. kr.", "en": "DKK {value} m"},
    "tile.mio_unit": {"da": "mio. kr.", "en": "DKK m"},
    "tile.period_unit": {"da": "{basis} · {unit}", "en": "{basis} · {unit}"},
    "overview.more": {"da": "Flere nøgletal ({n})", "en": "More key figures ({n})"},
    "crumb.kommune_level": {"da": "Kommune", "en": "Municipality"},
    "crumb.distrikt_level": {"da": "Distrikt", "en": "District"},
    "crumb.enhed_level": {"da": "Enhed", "en": "Unit"},
    "crumb.back_to": {"da": "Tilbage til {name}", "en": "Back to {name}"},
    "meeting.esc_hint": {"da": "Esc afslutter", "en": "Esc leaves"},
    "fig.top_units": {"da": "Viser de {n} af {total} enheder med de højeste tal; alle ses på siden {page}.",
                      "en": "Showing the {n} of {total} units with the highest figures; all are on the page {page}."},
    "fig.missing_periods": {"da": "Ingen tal for {periods}.", "en": "No figures for {periods}."},
    "png.stamp": {"da": "{kommune} · {scope} · {period}", "en": "{kommune} · {scope} · {period}"},
}
