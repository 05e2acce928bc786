"""Texts shared by every page: navigation, sidebar, status messages."""

TEXTS = {
    "app.title": {"da": "Styringsdashboard", "en": "Steering dashboard"},
    "app.subtitle": {"da": "Tidlig forebyggende indsats for børn og unge",
                     "en": "Early preventive work for children and young people"},
    "demo.badge": {"da": "Demodata", "en": "Demo data"},
    "demo.explain": {"da": "Tallene er syntetiske demodata for {kommune}, ikke en rigtig kommunes tal.",
                     "en": "These are synthetic demo figures for {kommune}, not a real municipality's."},
    "suppressed": {"da": "< {k}", "en": "< {k}"},
    # The states of a figure (steering_core/status.py): long form for tables, short for tiles and cells.
    "tile.basis.quarter": {"da": "Kvartalet {period}", "en": "The quarter {period}"},
    "tile.basis.year_to_date": {"da": "{year} til og med {period}", "en": "{year} up to and including {period}"},
    "tile.basis.annualised": {"da": ", omregnet til helår", "en": ", annualised"},
    "overview.cutoffs": {"da": "Nyeste data pr. kilde: UTM-møder {utm} · indsatser (seneste start) {indsats} · "
                                "økonomi {oekonomi} · nøgletal {noegletal}",
                         "en": "Newest data per source: UTM meetings {utm} · interventions (latest start) {indsats} · "
                               "finance {oekonomi} · key figures {noegletal}"},
    "status.value": {"da": "tal", "en": "value"},
    "status.zero": {"da": "nul", "en": "zero"},
    "status.no_data": {"da": "ingen data indlæst", "en": "no data uploaded"},
    "status.pending": {"da": "endnu ikke kendt", "en": "not yet known"},
    "status.not_applicable": {"da": "findes ikke her", "en": "not applicable here"},
    "status.hidden": {"da": "skjult (under diskretionsgrænsen)", "en": "hidden (below the disclosure limit)"},
    "status.hidden_value": {"da": "skjult", "en": "hidden"},
    "status.short.no_data": {"da": "ingen data", "en": "no data"},
    "status.short.pending": {"da": "endnu ukendt", "en": "not yet known"},
    "status.short.not_applicable": {"da": "findes ikke", "en": "n/a"},
    "status.short.value": {"da": "", "en": ""},
    "status.short.zero": {"da": "0", "en": "0"},
    "no_data": {"da": "Ingen data for den valgte periode.", "en": "No data for the chosen period."},
}

TEXTS.update({
    "unit.days": {"da": "dage", "en": "days"},
    "unit.points": {"da": "pct.point", "en": "pp"},
    "direction.up": {"da": "Højere er bedre.", "en": "Higher is better."},
    "direction.down": {"da": "Lavere er bedre.", "en": "Lower is better."},
    "direction.neutral": {"da": "Hverken højere eller lavere er i sig selv bedre.",
                          "en": "Neither higher nor lower is better in itself."},
    "overview.title": {"da": "Overblik", "en": "Overview"},
    "overview.whole_municipality": {"da": "Hele kommunen (findes ikke pr. distrikt)",
                                    "en": "Whole municipality (not available per district)"},
    "overview.whole_units": {"da": "Hele kommunen (findes ikke pr. enhed)",
                             "en": "Whole municipality (not available per unit)"},
    "overview.districts_level": {"da": "Distriktet som helhed (findes ikke pr. enhed)",
                                 "en": "The district as a whole (not available per unit)"},
    "overview.caption": {"da": "{kommune} · {scope} · kvartal {period} · data til og med {until}",
                         "en": "{kommune} · {scope} · quarter {period} · data up to {until}"},
    "overview.vs_prev": {"da": "ift. forrige kvartal", "en": "vs previous quarter"},
    "overview.vs_year": {"da": "Samme kvartal sidste år: {change}", "en": "Same quarter last year: {change}"},
    "overview.vs_year_none": {"da": "Samme kvartal sidste år: –", "en": "Same quarter last year: –"},
    "overview.cohort": {"da": "Seneste kvartal med tal: {period}", "en": "Latest quarter with a figure: {period}"},
    "overview.trend": {"da": "Udvikling over de seneste 8 kvartaler.", "en": "Trend over the last 8 quarters."},
    "sidebar.source": {"da": "Data", "en": "Data"},
    "sidebar.source.demo": {"da": "Demodata", "en": "Demo data"},
    "sidebar.source.kommune": {"da": "Kommunens data", "en": "Municipality's data"},
    "sidebar.kommune": {"da": "Kommune", "en": "Municipality"},
    "sidebar.from": {"da": "Fra kvartal", "en": "From quarter"},
    "sidebar.to": {"da": "Til kvartal", "en": "To quarter"},
    "sidebar.districts": {"da": "Distrikter", "en": "Districts"},
    "sidebar.all_districts": {"da": "Alle distrikter", "en": "All districts"},
    "sidebar.units": {"da": "Enheder", "en": "Units"},
    "sidebar.all_units": {"da": "Alle enheder", "en": "All units"},
    "sidebar.period_help": {"da": "Perioden, distrikterne og enhederne gælder alle sider og gemmes i adressen, "
                                  "så et link viser det samme.",
                            "en": "Period, districts and units apply to every page and are kept in the URL."},
    "error.database": {"da": "Databasen kan ikke bruges: {message}", "en": "The database cannot be used: {message}"},
    "error.period_swapped": {"da": "Fra-kvartalet ligger efter til-kvartalet; de er byttet om.",
                             "en": "The from-quarter was after the to-quarter; they were swapped."},
})

TEXTS.update({
    "store.busy": {"da": "Databasen {path} er optaget af en anden, der gemmer data (f.eks. en indlæsning). "
                         "Der er ventet {seconds} sekunder. Prøv igen om lidt.",
                   "en": "The database {path} is busy: someone else is saving data (an import, for example). "
                         "Waited {seconds} seconds. Try again in a moment."},
})

TEXTS.update({
    "app.building_demo": {"da": "Bygger demodata første gang …", "en": "Building demo data the first time …"},
})
