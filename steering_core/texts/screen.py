"""Texts for how the product reads on screen, on paper and in exports: accessibility (WCAG 2.1 AA), the
print view, the widgets Streamlit labels in English, units beside exported numbers."""

TEXTS = {
    "a11y.chart": {
        "da": "Diagram: {title}. Det viser {columns}. Tallene står i tabellen, der kan hentes som Excel under "
              "diagrammet.",
        "en": "Chart: {title}. It shows {columns}. The figures are in the table, downloadable as Excel below the "
              "chart.",
    },
    "a11y.sparkline": {
        "da": "Lille kurve: {label}, udviklingen over de seneste kvartaler. Tallene står i figuren på siden om "
              "emnet.",
        "en": "Small curve: {label}, the trend over the last quarters. The figures are in the topic page's chart.",
    },
    # Streamlit's own widget texts, which it has no setting for (ui/browser_fixes.js puts these in).
    "widget.upload_button": {"da": "Vælg fil", "en": "Upload"},
    "widget.per_file": {"da": "Højst {size} pr. fil", "en": "{size} per file"},
    "widget.help_for": {"da": "Hjælp til {label}", "en": "Help for {label}"},
    "widget.open": {"da": "Åbn", "en": "Open"},
    "widget.sidebar": {"da": "Sidepanel", "en": "Sidebar"},
    "widget.collapse_sidebar": {"da": "Skjul sidepanelet", "en": "Collapse sidebar"},
    "widget.expand_sidebar": {"da": "Vis sidepanelet", "en": "Expand sidebar"},
    "widget.pages": {"da": "Sider", "en": "App pages"},
    "widget.heading_link": {"da": "Link til overskriften", "en": "Link to heading"},
    "widget.no_results": {"da": "Ingen resultater", "en": "No results"},
    "widget.only_one": {"da": "Der kan kun vælges én ad gangen. Fjern den valgte først.",
                        "en": "Only one can be chosen at a time. Remove the chosen one first."},
    "agenda.col.unit": {"da": "Enhed", "en": "Unit"},
    "econ.pool_invalid": {"da": "Skriv skønspuljen som et beløb i kr., fx 250.000. Regnet med 0 kr.",
                          "en": "Write the estimate pool as an amount in DKK, e.g. 250,000. Counted as 0."},
    "print.header": {
        "da": "Styringsdashboard · {kommune} · {scope} · {first} – {last} · data til og med {until} · udskrevet {printed}",
        "en": "Steering dashboard · {kommune} · {scope} · {first} – {last} · data up to {until} · printed {printed}",
    },
    "print.button": {"da": "Udskriv siden (A4 liggende)", "en": "Print the page (A4 landscape)"},
    "upload.roles.title": {"da": "Hvem uploader hvad, og i hvilken rækkefølge", "en": "Who uploads what, and in which order"},
    "upload.roles.intro": {
        "da": "Enheder skal være indlæst først (eller i samme upload): alle andre ark henviser til enhederne. "
              "Derefter uploader hver rolle kun sine egne ark, i vilkårlig rækkefølge; et ark, hvis enheder "
              "allerede er i databasen, kan uploades alene.",
        "en": "Enheder must be loaded first (or in the same upload): every other sheet refers to the units. "
              "After that each role uploads only its own sheets, in any order; a sheet whose units are already "
              "in the database can be uploaded alone."},
    "upload.roles.step": {"da": "{number}. **{role}** ({when}): {sheets}", "en": "{number}. **{role}** ({when}): {sheets}"},
    "upload.role.data_owner": {"da": "Kommunens dataansvarlige", "en": "The municipality's data owner"},
    "upload.role.data_owner.when": {"da": "først, og når organisationen eller befolkningstallene ændrer sig",
                                    "en": "first, and when the organisation or the population changes"},
    "upload.role.leaders": {"da": "Skoleledere, dagtilbudsledere og UTM-koordinatoren",
                            "en": "School and daycare leaders and the UTM coordinator"},
    "upload.role.leaders.when": {"da": "hvert kvartal", "en": "every quarter"},
    "upload.role.family": {"da": "Familieafdelingen", "en": "The family department"},
    "upload.role.family.when": {"da": "hvert kvartal; PlanlagteSager valgfrit",
                                "en": "every quarter; PlanlagteSager optional"},
    "upload.role.finance": {"da": "Økonomi", "en": "Finance"},
    "upload.role.finance.when": {"da": "hvert kvartal; budgetforudsætninger en gang om året",
                                 "en": "every quarter; budget assumptions once a year"},
    "upload.no_units_yet": {
        "da": "Filens enheder findes ikke i databasen. Upload arket Enheder først, eller sammen med de andre ark.",
        "en": "The file's units are not in the database. Upload the Enheder sheet first, or together with the "
              "other sheets."},
    "upload.kommune.label": {"da": "Kommunens navn", "en": "The municipality's name"},
    "upload.kommune.help": {"da": "Spørges kun én gang: navnet gemmes med den første indlæsning.",
                            "en": "Asked only once: the name is stored with the first upload."},
    "upload.kommune.missing": {"da": "Skriv kommunens navn, før data gemmes.",
                               "en": "Write the municipality's name before the data is stored."},
}
