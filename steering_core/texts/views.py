"""Texts of the UTM and § 11 views, and the Danish labels of coded values."""

TEXTS = {
    "p11.group.granted_by": {"da": "Bevilget af", "en": "Granted by"},
    "p11.group.intervention_type": {"da": "Indsatstype", "en": "Intervention type"},
    "utm.title": {"da": "UTM-møder", "en": "UTM meetings"},
    "utm.part.use": {"da": "Brugen af UTM", "en": "Use of UTM"},
    "utm.part.meetings": {"da": "Møderne", "en": "The meetings"},
    "utm.part.outcomes": {"da": "Hvad kommer der ud af dem", "en": "What comes of them"},
    "utm.intro": {"da": "Bruger skoler og dagtilbud de undersøgende teammøder, og hvad kommer der ud af dem?",
                  "en": "Do schools and daycares use the exploratory team meetings, and what comes of them?"},
    "utm.rate_year": {"da": "UTM-møder pr. 1.000 0-17-årige pr. år", "en": "UTM meetings per 1,000 aged 0-17 per year"},
    "utm.rate_quarter": {"da": "UTM-møder pr. 1.000 0-17-årige pr. kvartal (omregnet til helår)",
                         "en": "UTM meetings per 1,000 aged 0-17 by quarter (annualised)"},
    "utm.by_unit": {"da": "UTM-møder pr. enhed, {period}", "en": "UTM meetings per unit, {period}"},
    "utm.by_unit_caption": {
        "da": "Et udgangspunkt for dialog, ikke en rangliste. Sorteret efter distrikt. Sort streg: distriktets "
              "gennemsnit pr. enhed; stiplet linje: kommunens gennemsnit pr. enhed. Klik på en enhed for at "
              "se den alene.{hidden}",
        "en": "A starting point for dialogue, not a league table. Sorted by district. Black tick: the district's "
              "average per unit; dashed line: the municipality's average per unit. Click a unit to see it "
              "alone.{hidden}"},
    "utm.hidden_units": {"da": " {n} enheder med under {k} møder vises ikke.",
                         "en": " {n} units with fewer than {k} meetings are not shown."},
    "utm.meeting_types": {"da": "Første møder og opfølgningsmøder", "en": "First and follow-up meetings"},
    "utm.wait": {"da": "Dage fra henvendelse til møde (median)", "en": "Days from request to meeting (median)"},
    "utm.advisor": {"da": "Møder med rådgiver fra familieafdelingen", "en": "Meetings with a family-department advisor"},
    "utm.outcomes": {"da": "Udfald af UTM-møderne", "en": "Outcomes of the UTM meetings"},
    "utm.funnel": {"da": "Fra UTM til § 11 og eskalering", "en": "From UTM to § 11 and escalation"},
    "utm.funnel_caption": {
        "da": "Børn drøftet på UTM {first} til {last}, fulgt 12 måneder frem. De seneste 12 måneders møder "
              "indgår ikke endnu, fordi deres 12 måneder ikke er gået (data til og med {until}).",
        "en": "Children discussed at a UTM {first} to {last}, followed for 12 months. Meetings in the last "
              "12 months are not included yet (data up to {until})."},
    "utm.funnel_none": {"da": "Ingen kohorte er fulgt 12 måneder i den valgte periode.",
                        "en": "No cohort in the chosen period has been followed for 12 months."},
    "utm.drill_hint": {"da": "Klik på et distrikt i diagrammet for at se det alene.",
                       "en": "Click a district in the chart to see it alone."},
    "p11.title": {"da": "§ 11-forløb", "en": "§ 11 courses"},
    "p11.intro": {"da": "Tidligt forebyggende forløb efter SEL § 11, stk. 3 og fra 1. januar 2024 Barnets lov § 30, "
                        "vist som én serie.",
                  "en": "Early preventive courses under SEL § 11(3) and, from 1 January 2024, Barnets lov § 30, "
                        "shown as one series."},
    "p11.flows": {"da": "Startet, aktive ved kvartalets slutning og afsluttet", "en": "Started, active at quarter end, ended"},
    "p11.law_change": {"da": "Barnets lov § 30", "en": "Barnets lov § 30"},
    "p11.by_granted": {"da": "Startede forløb efter hvem der bevilgede", "en": "Courses started by who granted"},
    "p11.by_type": {"da": "Startede forløb efter indsatstype", "en": "Courses started by intervention type"},
    "p11.survival": {"da": "Hvor længe kører forløbene?", "en": "How long do the courses run?"},
    "p11.survival_group": {"da": "Opdel efter", "en": "Split by"},
    "p11.survival_caption": {
        "da": "Kaplan-Meier-estimat for forløb startet {first} til {last}. {running} forløb kører stadig og "
              "tælles som censurerede ved {until}; et gennemsnit af de afsluttede alene ville undervurdere "
              "varigheden. Skraveret bånd: 95 %-konfidensinterval.{hidden}",
        "en": "Kaplan-Meier estimate for courses started {first} to {last}. {running} courses are still running "
              "and are censored at {until}. Shaded band: 95 % confidence interval.{hidden}"},
    "p11.definitions": {"da": " Over 3 måneder betyder her og i nøgletallene mere end {days} dage; 6 og 12 måneder "
                               "er 182 og 365 dage.",
                         "en": " Over 3 months means more than {days} days, here and in the indicators; 6 and 12 "
                               "months are 182 and 365 days."},
    "p11.not_followed": {"da": " Kolonnen for {months} måneder er tom: intet forløb er fulgt så længe endnu.",
                         "en": " The {months}-month column is blank: no course has been followed that long yet."},
    "p11.hidden_groups": {"da": " Grupper med under {k} forløb vises ikke: {groups}.",
                          "en": " Groups with fewer than {k} courses are not shown: {groups}."},
    "p11.hidden_units": {"da": "{n} enheder med under {k} forløb vises ikke.",
                         "en": "{n} units with fewer than {k} courses are not shown."},
    "p11.extended": {"da": "Andel forlænget ud over planlagt slutdato", "en": "Share extended past planned end"},
    "p11.overdue": {"da": "Forløb, der kører mere end {days} dage over planlagt slutdato, {period}",
                    "en": "Courses running more than {days} days past planned end, {period}"},
    "p11.overdue_days": {"da": "Dage over planlagt slutdato", "en": "Days past planned end"},
    "p11.goals": {"da": "Målopfyldelse for afsluttede forløb", "en": "Goal attainment for ended courses"},
    "p11.cost": {"da": "Udgift til § 11-forløb efter betalende sektor", "en": "Spend on § 11 courses by paying sector"},
    "fig.download_png": {"da": "Hent diagram (PNG)", "en": "Download chart (PNG)"},
    "fig.download_xlsx": {"da": "Hent tal (Excel)", "en": "Download data (Excel)"},
    "fig.definition": {"da": "Definition og datakilde", "en": "Definition and data source"},
    "fig.more": {"da": "Hent og definition", "en": "Download and definition"},
    "part.show": {"da": "Vis", "en": "Show"},
    "fig.formula": {"da": "Formel", "en": "Formula"},
    "label.not_registered": {"da": "Ikke registreret", "en": "Not registered"},
    "fig.no_data": {"da": "Ingen tal at vise for det valgte udsnit.", "en": "Nothing to show for this selection."},
    "fig.not_per_unit": {"da": "Findes ikke pr. enhed: tallet bygger på indbyggertal eller økonomi, som kun kendes "
                                "pr. distrikt eller for hele kommunen. Fjern valget af enheder for at se det.",
                         "en": "Not available per unit: the figure rests on population or finance data, known only "
                               "per district or for the whole municipality. Clear the units to see it."},
    "fig.not_per_district": {"da": "Findes ikke pr. distrikt: tallet kendes kun for hele kommunen. "
                                    "Fjern valget af distrikter for at se det.",
                             "en": "Not available per district: the figure is known only for the whole municipality. "
                                   "Clear the districts to see it."},
    "fig.all_hidden": {"da": "Alle tal i udsnittet bygger på færre end {k} børn eller sager og vises derfor ikke. "
                             "Vælg en længere periode eller et bredere udsnit.",
                       "en": "Every figure in this selection rests on fewer than {k} children or records and is "
                             "not shown. Choose a longer period or a wider selection."},
    "fig.not_per_sector": {"da": "Findes ikke pr. sektor.", "en": "Not available per sector."},
    "col.period": {"da": "Periode", "en": "Period"},
    "col.district": {"da": "Distrikt", "en": "District"},
    "col.unit": {"da": "Enhed", "en": "Unit"},
    "col.unit_id": {"da": "Enheds-id", "en": "Unit id"},
    "col.sector": {"da": "Sektor", "en": "Sector"},
    "col.step": {"da": "Trin", "en": "Step"},
    "col.series": {"da": "Serie", "en": "Series"},
    "col.value": {"da": "Værdi", "en": "Value"},
    "col.numerator": {"da": "Tæller", "en": "Numerator"},
    "col.denominator": {"da": "Nævner", "en": "Denominator"},
    "fig.states": {"da": "Ikke tegnet: {parts}.", "en": "Not drawn: {parts}."},
    "fig.state_part": {"da": "{n} {state}", "en": "{n} {state}"},
    "col.status": {"da": "Status", "en": "Status"},
    "col.suppressed": {"da": "Diskretioneret (< {k})", "en": "Suppressed (< {k})"},
    "col.group": {"da": "Gruppe", "en": "Group"},
    "col.courses": {"da": "Forløb", "en": "Courses"},
    "col.running": {"da": "Kører stadig", "en": "Still running"},
    "col.median": {"da": "Median (dage)", "en": "Median (days)"},
    "col.median_lower": {"da": "95 %-KI nedre", "en": "95 % CI lower"},
    "col.median_upper": {"da": "95 %-KI øvre", "en": "95 % CI upper"},
    "col.still_91": {"da": "Kører efter 3 mdr. (%)", "en": "Running after 3 months (%)"},
    "col.still_182": {"da": "Kører efter 6 mdr. (%)", "en": "Running after 6 months (%)"},
    "col.still_365": {"da": "Kører efter 12 mdr. (%)", "en": "Running after 12 months (%)"},
    "col.stage": {"da": "Trin i forløbet", "en": "Stage"},
    "col.district_mean": {"da": "Distriktets gennemsnit pr. enhed", "en": "District average per unit"},
    "col.t": {"da": "Dage", "en": "Days"},
    "col.survival": {"da": "Andel der kører", "en": "Share running"},
    "col.lower": {"da": "Nedre grænse", "en": "Lower bound"},
    "col.upper": {"da": "Øvre grænse", "en": "Upper bound"},
}

# Coded values as users read them.
# Coded values from the data contract as users read them: kind -> code -> {language: label}.
LABELS = {
    "outcome": {"paragraf11": {"da": "§ 11-indsats", "en": "§ 11 intervention"},
                "almen_indsats": {"da": "Almen indsats", "en": "Universal-setting measure"},
                "underretning": {"da": "Underretning/børnefaglig undersøgelse",
                                 "en": "Notification/child investigation"},
                "ingen": {"da": "Intet videre", "en": "Nothing further"},
                "andet": {"da": "Andet", "en": "Other"}},
    "meeting_type": {"foerste": {"da": "Første møde", "en": "First meeting"},
                     "opfoelgning": {"da": "Opfølgning", "en": "Follow-up"}},
    "granted_by": {"skoleleder": {"da": "Skoleleder", "en": "School leader"},
                   "dagtilbudsleder": {"da": "Dagtilbudsleder", "en": "Daycare leader"},
                   "familieafdeling": {"da": "Familieafdelingen", "en": "Family department"},
                   "visitationsudvalg": {"da": "Visitationsudvalg", "en": "Referral committee"},
                   "andet": {"da": "Andet", "en": "Other"}},
    "goal": {"ja": {"da": "Mål opfyldt", "en": "Goal met"},
             "delvist": {"da": "Delvist opfyldt", "en": "Partly met"},
             "nej": {"da": "Ikke opfyldt", "en": "Not met"}},
    "sector": {"dagtilbud": {"da": "Dagtilbud", "en": "Daycare"}, "skole": {"da": "Skole", "en": "School"},
               "ppr": {"da": "PPR", "en": "Educational psychology (PPR)"},
               "sundhedspleje": {"da": "Sundhedspleje", "en": "Health visitors"},
               "familie_myndighed": {"da": "Familie (myndighed)", "en": "Family (authority)"},
               "familie_udfoerer": {"da": "Familie (udfører)", "en": "Family (provider)"},
               "beskaeftigelse": {"da": "Beskæftigelse", "en": "Employment"},
               "voksen_social": {"da": "Voksen/social", "en": "Adult social care"}},
    "step": {1: {"da": "Almen tidlig indsats", "en": "Early intervention in universal settings"},
             2: {"da": "Forebyggende indsatser", "en": "Preventive interventions"},
             3: {"da": "Hjemmebaserede indsatser", "en": "Home-based measures"},
             4: {"da": "Netværksanbringelse", "en": "Kinship placement"},
             5: {"da": "Plejefamilie", "en": "Foster family"},
             6: {"da": "Institutionsanbringelse", "en": "Residential placement"}},
}
