"""Texts of the page "Om tallene" (steering_core/about.py)."""

TEXTS = {
    "about.title": {"da": "Om tallene", "en": "About the figures"},
    "about.caption": {
        "da": "Alle indikatorer med definition, formel, hvilke ark i kvartalsfilen de bygger på, og hvad der "
              "skjules og hvorfor – samt rapporternes referencetal. Siden dannes af katalogets egne erklæringer.",
        "en": "Every indicator with its definition, formula, the workbook sheets it rests on and what is hidden "
              "and why, plus the reports' reference figures. The page is generated from the catalogue.",
    },
    "about.disclosure": {
        "da": "**Hvad skjules.** Tal for børn og registreringer under {k} vises som \"< {k}\", og beløb, "
              "varigheder, andele og gennemsnit, der hviler på dem, skjules med dem. Yderligere tal skjules, "
              "til ingen sammenhæng mellem viste tal (distrikt og enheder, år og kvartaler, total og "
              "kategorier, andel og rest) lader et skjult tal regne ud. Et ægte nul vises som 0.",
        "en": "**What is hidden.** Counts of children and records under {k} show as \"< {k}\", and amounts, "
              "durations, shares and averages resting on them are hidden with them. Further figures are "
              "hidden until no relation between shown figures lets a hidden one be worked out. A true zero "
              "shows as 0.",
    },
    "about.unit": {"da": "Enhed", "en": "Unit"},
    "about.definition": {"da": "Definition", "en": "Definition"},
    "about.formula": {"da": "Formel", "en": "Formula"},
    "about.sheets": {"da": "Ark i kvartalsfilen", "en": "Workbook sheets"},
    "about.hidden_label": {"da": "Skjules", "en": "Hidden"},
    "about.hidden": {
        "da": "når en af disse tællinger er under {k}: {counts}, eller når et skjult tal ellers kunne regnes ud.",
        "en": "when one of these counts is under {k}: {counts}, or when a hidden figure could otherwise be "
              "worked out.",
    },
    "about.exempt": {"da": "aldrig: {reasons}", "en": "never: {reasons}"},
    "about.count.records": {"da": "antal registreringer", "en": "number of records"},
    "about.count.children": {"da": "antal børn", "en": "number of children"},
    "about.references": {"da": "Referencetal fra rapporterne", "en": "Reference figures from the reports"},
    "about.source": {"da": "Kilde: rapport {source}", "en": "Source: report {source}"},
    "about.ref.spend_per_resident": {
        "da": "Udgifter til børn med særlige behov pr. 0-22-årig, 2019",
        "en": "Spending on children with special needs per resident aged 0-22, 2019"},
    "about.ref.steps_per_resident": {
        "da": "Udgifter pr. 0-22-årig på trin 2-3 og 4-6 (2019-priser)",
        "en": "Spending per resident aged 0-22 on steps 2-3 and 4-6 (2019 prices)"},
    "about.ref.key_figures": {
        "da": "Anbringelser pr. 1.000 0-17-årige, marts 2016 → marts 2019",
        "en": "Placements per 1,000 aged 0-17, March 2016 → March 2019"},
    "about.col.municipality": {"da": "Kommune", "en": "Municipality"},
    "about.col.inhabitants_2020": {"da": "Indbyggere 2020 (antal)", "en": "Residents 2020 (count)"},
    "about.col.need_index": {"da": "Udgiftsbehovsindeks (landet = 100)", "en": "Spending need index (country = 100)"},
    "about.col.kr_per_0_22": {"da": "Udgift ({unit})", "en": "Spending ({unit})"},
    "about.col.group": {"da": "Gruppe", "en": "Group"},
    "about.col.steps_2_3_2016": {"da": "Trin 2-3, 2016 ({unit})", "en": "Steps 2-3, 2016 ({unit})"},
    "about.col.steps_2_3_2017": {"da": "Trin 2-3, 2017 ({unit})", "en": "Steps 2-3, 2017 ({unit})"},
    "about.col.steps_2_3_2018": {"da": "Trin 2-3, 2018 ({unit})", "en": "Steps 2-3, 2018 ({unit})"},
    "about.col.steps_4_6_2016": {"da": "Trin 4-6, 2016 ({unit})", "en": "Steps 4-6, 2016 ({unit})"},
    "about.col.steps_4_6_2017": {"da": "Trin 4-6, 2017 ({unit})", "en": "Steps 4-6, 2017 ({unit})"},
    "about.col.steps_4_6_2018": {"da": "Trin 4-6, 2018 ({unit})", "en": "Steps 4-6, 2018 ({unit})"},
    "about.col.key_figure": {"da": "Nøgletal", "en": "Key figure"},
    "about.col.from_value": {"da": "Marts 2016 ({unit})", "en": "March 2016 ({unit})"},
    "about.col.to_value": {"da": "Marts 2019 ({unit})", "en": "March 2019 ({unit})"},
    "about.row.landsgennemsnit": {"da": "Landsgennemsnit", "en": "National average"},
    "about.row.raadgivning": {"da": "Rådgivningskommuner", "en": "Advisory municipalities"},
    "about.row.hele_landet": {"da": "Hele landet", "en": "Whole country"},
    "about.row.institution": {"da": "Institutionsanbringelser", "en": "Institutional placements"},
    "about.row.foster_family": {"da": "Plejefamilier", "en": "Foster families"},
    "about.row.network_foster_care": {"da": "Netværksplejefamilier (ca.)", "en": "Network foster care (approx.)"},
    "about.note.prevention_ratio": {
        "da": "Forebyggelsesgraden (trin 2-3 i forhold til trin 4-6): 46,5 % / 49,6 % / 57,6 % i "
              "rådgivningskommunerne og 62,5 % / 64,3 % / 71,8 % i hele landet – et spænd på 14-16 procentpoint.",
        "en": "The prevention ratio (steps 2-3 against steps 4-6): 46.5 % / 49.6 % / 57.6 % (advisory) and "
              "62.5 % / 64.3 % / 71.8 % (country): a gap of 14-16 points."},
    "about.note.key_figures_stable": {
        "da": "\"Stabil\" betyder en ændring inden for ±0,2 pr. 1.000. En gennemsnitlig rådgivningskommune har "
              "9.048 indbyggere på 0-17 år.",
        "en": "\"Stable\" means a change within ±0.2 per 1,000. An average advisory municipality has 9,048 "
              "residents aged 0-17."},
}
