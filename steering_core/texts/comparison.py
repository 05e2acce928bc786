"""Texts of the comparison with other municipalities and of the reference-figure upload."""

TEXTS = {
    # ---- the page and the view ----
    "cmp.title": {"da": "Sammenligning", "en": "Comparison"},
    "cmp.intro": {"da": "Kommunen over for landet, en sammenligningsgruppe og valgte kommuner: rang, udvikling og "
                        "afstand til gruppens median.",
                  "en": "The municipality against the country, a comparison group and chosen municipalities: rank, "
                        "trend and distance to the group's median."},
    "cmp.group": {"da": "Sammenligningsgruppe", "en": "Comparison group"},
    "cmp.group_help": {"da": "Foreslået ud fra indbyggertal og udgiftsbehovsindeks (de {n} nærmeste). Tilføj eller "
                             "fjern kommuner efter behov.",
                       "en": "Suggested from inhabitants and expenditure-need index (the {n} nearest). Add or remove "
                             "municipalities as needed."},
    "cmp.suggest": {"da": "Brug forslaget", "en": "Use the suggestion"},
    "cmp.indicator": {"da": "Nøgletal", "en": "Indicator"},
    "cmp.no_peers": {
        "da": "Databasen har kun {kommune}s egne data, så der er ingen sammenligningsgruppe at danne: andre kommuners "
              "tal kommer ind som referencetal (upload af nøgletalsark eller Statistikbanken-filer). Indtil da vises "
              "de indbyggede referencetal fra rapporterne: hele landet og rådgivningskommunerne 2016-2018 "
              "(VIVE 2019, Bilagstabel 2.6) og fire kommuners nøgletal (VIVE 2021, Tabel 2.1).",
        "en": "The database holds only {kommune}'s own data, so there is no comparison group to form: other "
              "municipalities' figures come in as reference figures (upload a key-figure sheet or Statbank files). "
              "Until then the built-in reference figures of the reports are shown."},
    "cmp.no_size": {"da": "Ingen gruppe kan foreslås: der mangler indbyggertal for {kommune}. Upload referencetal "
                          "med 'indbyggere' og 'udgiftsbehovsindeks', eller vælg kommunerne selv.",
                    "en": "No group can be suggested: {kommune} has no inhabitants figure. Upload reference figures "
                          "or choose the municipalities yourself."},
    "cmp.summary": {"da": "{kommune} i sammenligning, {year}", "en": "{kommune} compared, {year}"},
    "cmp.summary_caption": {
        "da": "Rang: 1 er den højeste værdi i gruppen ({kommune} og {n} kommuner); lige store værdier deler rang. "
              "Medianen er gruppens midterste værdi (ved et lige antal gennemsnittet af de to midterste), "
              "{kommune} medregnet. Skjulte tal (færre end {k} børn) indgår hverken i rang eller median. "
              "Udvikling: ændring fra året før. Året er kalenderåret for den valgte periode (til og med datagrænsen); "
              "referencetal vises for deres nyeste år.",
        "en": "Rank: 1 is the highest value in the group; equal values share a rank. The median is the group's "
              "middle value ({kommune} included). Hidden figures (fewer than {k} children) take no part. Trend: "
              "change from the year before."},
    "cmp.summary_caption_alone": {
        "da": "{kommune} har ingen sammenligningsgruppe endnu, så der er hverken rang eller median: tallene står "
              "over for hele landet (det nyeste år med et landstal; årstallet i parentes). Udvikling: ændring fra "
              "året før.",
        "en": "{kommune} has no comparison group yet, so there is neither rank nor median: the figures stand "
              "against the whole country (its newest year in brackets). Trend: change from the year before."},
    "cmp.country_note": {"da": "Hele landet: med årstal i parentes et referencetal (se kilderne), uden årstal alle "
                               "kommuner i databasen med et vist tal.",
                         "en": "Whole country: with a year in brackets a reference figure (see the sources), without one "
                               "all municipalities in the database with a shown figure."},
    "cmp.no_group": {"da": "Ingen sammenligningsgruppe: vælg kommuner ovenfor, eller upload referencetal for andre "
                           "kommuner, så {kommune} kan sammenlignes med dem.",
                     "en": "No comparison group: choose municipalities above, or upload reference figures for other "
                           "municipalities."},
    "cmp.group_placeholder": {"da": "Vælg kommuner", "en": "Choose municipalities"},
    "cmp.ranking": {"da": "{indicator}: gruppen, {year}", "en": "{indicator}: the group, {year}"},
    "cmp.ranking_caption": {
        "da": "Et udgangspunkt for dialog, ikke en rangliste: tallene afhænger af kommunernes rammevilkår. Sort streg: "
              "gruppens median{country}.{hidden}",
        "en": "A starting point for dialogue, not a league table. Black line: the group's median{country}.{hidden}"},
    "cmp.country_rule": {"da": "; stiplet: hele landet ({source})", "en": "; dashed: the whole country ({source})"},
    "cmp.hidden_members": {"da": " {n} kommuner har et skjult tal (færre end {k} børn) og vises uden søjle.",
                           "en": " {n} municipalities have a hidden figure (fewer than {k} children) and show no bar."},
    "cmp.trend": {"da": "{indicator}: udvikling", "en": "{indicator}: trend"},
    "cmp.trend_caption": {"da": "{kommune} over for gruppens median og hele landet, pr. kalenderår.",
                          "en": "{kommune} against the group's median and the whole country, per calendar year."},
    "cmp.series.own": {"da": "{kommune}", "en": "{kommune}"},
    "cmp.series.median": {"da": "Gruppens median", "en": "Group median"},
    "cmp.series.country": {"da": "Hele landet", "en": "Whole country"},
    "cmp.series.database": {"da": "Alle kommuner i databasen (med tal)", "en": "All municipalities in the database (with figures)"},
    "cmp.col.indicator": {"da": "Nøgletal", "en": "Indicator"},
    "cmp.col.year": {"da": "År", "en": "Year"},
    "cmp.col.own": {"da": "Kommunen", "en": "Municipality"},
    "cmp.col.own_change": {"da": "Udvikling", "en": "Change"},
    "cmp.col.rank": {"da": "Rang i gruppen", "en": "Rank in the group"},
    "cmp.col.median": {"da": "Gruppens median", "en": "Group median"},
    "cmp.col.distance": {"da": "Afstand til median", "en": "Distance to median"},
    "cmp.col.median_change": {"da": "Medianens udvikling", "en": "Median's change"},
    "cmp.col.country": {"da": "Hele landet", "en": "Whole country"},
    "cmp.col.kommune": {"da": "Kommune", "en": "Municipality"},
    "cmp.col.value": {"da": "Værdi", "en": "Value"},
    "cmp.col.hidden": {"da": "Skjult (< {k})", "en": "Hidden (< {k})"},
    "cmp.col.series": {"da": "Serie", "en": "Series"},
    "cmp.col.source": {"da": "Kilde", "en": "Source"},
    "cmp.rank_of": {"da": "{rank} af {n}", "en": "{rank} of {n}"},
    "cmp.hidden": {"da": "skjult", "en": "hidden"},
    "cmp.sources": {"da": "Kilder til referencetallene: {sources}.", "en": "Sources of the reference figures: {sources}."},
    "cmp.reference": {"da": "Referencetal", "en": "Reference figures"},
    "cmp.reference_caption": {
        "da": "Referencetal holdes adskilt fra kommunens egne data: de indbyggede fra rapporterne og de uploadede "
              "(nøgletalsark og Statistikbanken), med kilde, tabel og hentedato.",
        "en": "Reference figures are kept apart from the municipality's own data, with source, table and date."},
    "cmp.col.field": {"da": "Felt", "en": "Field"},
    "cmp.col.table": {"da": "Tabel", "en": "Table"},
    "cmp.col.downloaded": {"da": "Hentet", "en": "Downloaded"},
    "agenda.cmp_summary": {"da": "Sammenligning: kommunen, gruppen og landet", "en": "Comparison: municipality, group and country"},
    "agenda.cmp_ranking": {"da": "Sammenligning: gruppens kommuner", "en": "Comparison: the group's municipalities"},
    "agenda.cmp_trend": {"da": "Sammenligning: udvikling mod gruppe og land", "en": "Comparison: trend against group and country"},
    # ---- the reference upload ----
    "ref.upload": {"da": "Referencetal (andre kommuner og landet)", "en": "Reference figures (other municipalities and the country)"},
    "ref.upload_help": {
        "da": "Et ark 'Referencetal' (kommune, aar, noegletal, vaerdi, antal, kilde) med tal fra FLIS eller andre "
              "kilder, eller filer fra Danmarks Statistiks Statistikbank (API'ets CSV eller hjemmesidens eksport). "
              "Kendte Statistikbank-tabeller: {tables}. Referencetal gemmes for sig og blandes aldrig med "
              "kommunens egne data.",
        "en": "A sheet 'Referencetal' or Statbank files. Known Statbank tables: {tables}. Kept apart from the "
              "municipality's own data."},
    "ref.table": {"da": "Statistikbank-tabel (hvis filnavnet ikke siger det)", "en": "Statbank table (if the file name does not say)"},
    "ref.downloaded": {"da": "Hentet den", "en": "Downloaded on"},
    "ref.check": {"da": "Kontrollér referencetal", "en": "Check reference figures"},
    "ref.save": {"da": "Gem referencetal", "en": "Save reference figures"},
    "ref.ready": {"da": "{rows} referencetal er klar til at blive gemt.", "en": "{rows} reference figures are ready to save."},
    "ref.stored": {"da": "{rows} referencetal er gemt (referenceupload nr. {batch_id}).",
                   "en": "{rows} reference figures saved (reference upload no. {batch_id})."},
    "ref.err.not_statbank": {"da": "Arket ligner hverken et nøgletalsark eller en fil fra Statistikbanken.",
                             "en": "The sheet is neither a key-figure sheet nor a Statbank file."},
    "ref.err.unknown_sheet": {"da": "Arket er hverken et ark 'Referencetal' (kolonnerne kommune, aar, noegletal, "
                                    "vaerdi) eller en fil fra Statistikbanken.",
                              "en": "The sheet is neither a 'Referencetal' sheet nor a Statbank file."},
    "ref.err.api_variable": {"da": "Filen fra Statistikbankens API mangler variablen {variable}. Hent tabellen med "
                                   "{variable} valgt.",
                             "en": "The Statbank API file lacks the variable {variable}."},
    "ref.err.value": {"da": "'{found}' er ikke et tal. Forventet et tal eller '..' (ikke offentliggjort).",
                      "en": "'{found}' is not a number. Expected a number or '..'."},
    "ref.warn.not_published": {"da": "{count} celler er '..' (ikke offentliggjort af Danmarks Statistik) og er sprunget over.",
                               "en": "{count} cells are '..' (not published) and were skipped."},
    "ref.err.no_table": {"da": "Det fremgår hverken af filnavnet eller titlen, hvilken Statistikbank-tabel filen er. "
                               "Angiv tabellen (kendte: {known}).",
                         "en": "Neither the file name nor the title names the Statbank table. State it (known: {known})."},
    "ref.err.unknown_table": {"da": "Tabellen {table} kendes ikke. Kendte tabeller: {known}.",
                              "en": "Table {table} is not known. Known tables: {known}."},
    "ref.err.no_ages": {"da": "Tabellen {table} skal hentes med alder opdelt i enkelte år ({low}-{high} år).",
                        "en": "Table {table} must be downloaded with age in single years ({low}-{high})."},
    "ref.err.not_total": {"da": "Variablen '{variable}' har ingen række med 'I alt' (fundet '{found}'). Hent tabellen "
                                "{table} med 'I alt' valgt for {names}.",
                          "en": "Variable '{variable}' has no 'I alt' row (found '{found}'). Download table {table} "
                                "with 'I alt' chosen for {names}."},
    "ref.err.refused_table": {
        "da": "Tabellen {table} kan ikke bruges til sammenligningen: {reason} Understøttede tabeller: {known}.",
        "en": "Table {table} cannot be used for the comparison: {reason} Supported tables: {known}."},
    "ref.err.codes": {"da": "Områderne står som koder ('{found}'), ikke som navne. Hent tabellen med tekster "
                            "(API'et: valuePresentation=Default; hjemmesiden: vis tekster).",
                      "en": "The areas are codes ('{found}'), not names. Download the table with texts."},
    "ref.one_of": {"da": "{first} eller {last}", "en": "{first} or {last}"},
    "ref.why.und2": {"da": "den tæller børn efter antal underretninger, mens kataloget tæller underretninger "
                           "(brug UND1).",
                     "en": "it counts children by their number of notifications; the catalogue counts "
                           "notifications (use UND1)."},
    "ref.why.und3": {"da": "den tæller årsager, og en underretning kan have flere (brug UND1).",
                     "en": "it counts causes, and one notification can have several (use UND1)."},
    "ref.why.isbu01": {"da": "den tæller indsatser, mens kataloget tæller børn med en forebyggende indsats "
                             "(brug ISBU02).",
                       "en": "it counts measures; the catalogue counts children with a preventive measure (use ISBU02)."},
    "ref.why.landsdel": {"da": "den er opgjort pr. landsdel, ikke pr. kommune.",
                         "en": "it is counted per province, not per municipality."},
    "ref.why.country": {"da": "den er kun opgjort for hele landet, ikke pr. kommune.",
                        "en": "it is counted for the whole country only."},
    "ref.why.bu43": {"da": "den giver andele af de 0-22-årige i procent, ikke antal, så den kan ikke omregnes til "
                           "kataloget pr. 1.000 0-17-årige (brug ISBU02 og ANBAAR12 med FOLK1A).",
                     "en": "it gives shares of those aged 0-22 in percent, not counts (use ISBU02 and ANBAAR12 "
                           "with FOLK1A)."},
    "ref.why.anbaar9": {"da": "dens aldersgrupper er ikke kortlagt endnu (brug ANBAAR12).",
                        "en": "its age groups are not mapped yet (use ANBAAR12)."},
    "ref.why.anbaar13": {"da": "den deler anbringelserne efter samtykke, som kataloget ikke har et nøgletal for "
                               "(brug ANBAAR12).",
                         "en": "it splits placements by consent, which the catalogue has no indicator for "
                               "(use ANBAAR12)."},
    "ref.why.anbaar14": {"da": "den tæller iværksatte anbringelser, som kataloget ikke har et nøgletal for pr. "
                               "1.000 (brug ANBAAR12).",
                         "en": "it counts new placements, which the catalogue has no per-1,000 indicator for "
                               "(use ANBAAR12)."},
    "ref.err.period": {"da": "'{found}' er ikke en periode. Forventet fx 2023, 2023K1.",
                       "en": "'{found}' is not a period. Expected e.g. 2023, 2023K1."},
    "ref.err.yearly": {"da": "Tabellen {table} skal hentes pr. år (fundet '{found}').",
                       "en": "Table {table} must be downloaded per year (found '{found}')."},
    "ref.err.columns": {"da": "Arket mangler en overskriftsrække med kolonnerne {columns}.",
                        "en": "The sheet lacks a header row with the columns {columns}."},
    "ref.err.required": {"da": "Feltet skal udfyldes.", "en": "The field is required."},
    "ref.err.year": {"da": "'{found}' er ikke et årstal. Forventet fx 2023.", "en": "'{found}' is not a year."},
    "ref.err.field": {"da": "Nøgletallet '{found}' kendes ikke. Kendte: {known}.",
                      "en": "Indicator '{found}' is not known. Known: {known}."},
    "ref.err.number": {"da": "'{found}' er ikke et tal. Forventet fx 12,5.", "en": "'{found}' is not a number."},
    "ref.err.whole": {"da": "'{found}' er ikke et helt tal.", "en": "'{found}' is not a whole number."},
    "ref.err.negative": {"da": "'{found}' er negativ. Forventet 0 eller mere.", "en": "'{found}' is negative."},
    "ref.err.duplicate": {"da": "Samme kommune, år, nøgletal og kilde står også i række {other}.",
                          "en": "The same municipality, year, indicator and source is also in row {other}."},
    "ref.err.no_rows": {"da": "Filerne indeholder ingen referencetal.", "en": "The files hold no reference figures."},
}
