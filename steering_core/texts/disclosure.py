"""Texts of disclosure control: what is not offered, and why."""

TEXTS = {
    "disclosure.one_at_a_time": {
        "da": "Vælg ét distrikt eller én enhed ad gangen. Tal for flere valgte distrikter eller enheder "
              "samlet vises ikke, fordi de sammen med tallene for de enkelte kunne afsløre skjulte små tal.",
        "en": "Choose one district or one unit at a time. Figures for several chosen districts or units "
              "together are not shown, because with the single ones they could reveal hidden small numbers.",
    },
    "disclosure.span": {
        "da": "Perioden {label} tilbydes ikke som én samlet periode: kun et kvartal eller et helt kalenderår "
              "kan vises samlet, ellers kunne to perioder trækkes fra hinanden og afsløre skjulte små tal.",
        "en": "The period {label} is not offered as one span: only a quarter or a whole calendar year, "
              "otherwise two spans could be subtracted and reveal hidden small numbers.",
    },
    "disclosure.floor": {
        "da": "Mindste cellestørrelse {k} er under {floor} (Danmarks Statistiks nedre grænse). "
              "Sæt STEERING_MIN_CELL til mindst {floor}.",
        "en": "Minimum cell size {k} is below {floor} (Statistics Denmark's floor). "
              "Set STEERING_MIN_CELL to at least {floor}.",
    },
    "disclosure.unit_breakdown": {
        "da": "Opdelinger (fx på trin, udfald eller bevilget af) vises ikke for én enhed: tallene er for små "
              "til at vise uden at kunne afsløre enkelte børn. Se distriktet.",
        "en": "Breakdowns (e.g. by step, outcome or granting party) are not shown for one unit: the figures are "
              "too small to show without revealing single children. See the district.",
    },
    "disclosure.two_way": {
        "da": "Denne krydstabel tilbydes ikke; den eneste krydstabel er bevilget af × betalende sektor.",
        "en": "This two-way table is not offered; the only one is granted by × paying sector.",
    },
    "disclosure.parameter": {
        "da": "'{name}' vises kun med sin faste grænse: en grænse, man selv kan flytte, ville kunne afsløre "
              "enkelte forløb.",
        "en": "'{name}' is shown only with its fixed threshold: a threshold one can move could reveal single "
              "courses.",
    },
    "econ.commit_hidden": {
        "da": "Skjult: sektoren har færre end {k} aktuelle sager, så dens forpligtelser ville vise enkelte "
              "sagers månedlige udgift og slutdato.",
        "en": "Hidden: the sector has fewer than {k} current cases, so its commitments would show single "
              "cases' monthly cost and end date.",
    },
    "fig.not_per_unit_breakdown": {
        "da": "Vises ikke for én enhed: opdelt bliver tallene så små, at de kunne afsløre enkelte børn. "
              "Vælg distriktet for at se figuren.",
        "en": "Not shown for one unit: broken down, the figures become so small they could reveal single "
              "children. Choose the district to see the figure.",
    },
}
