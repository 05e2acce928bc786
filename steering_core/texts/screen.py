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
}
