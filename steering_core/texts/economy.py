"""Texts of the economy page (econ.) and the staircase page (stair.), and their coded values."""

TEXTS = {
    "econ.title": {"da": "Økonomi på tværs", "en": "Economy across sectors"},
    "econ.part.spend": {"da": "Udgifter", "en": "Spending"},
    "econ.part.budget": {"da": "Budget og prognose", "en": "Budget and forecast"},
    "econ.part.volume": {"da": "Mængde og pris", "en": "Volume and price"},
    "econ.part.keys": {"da": "Fordelingsnøgler", "en": "Distribution keys"},
    "econ.intro": {"da": "Hvem bevilger, hvem betaler, og holder budgettet?",
                   "en": "Who grants, who pays, and does the budget hold?"},
    "econ.sector_pick": {"da": "Sektor (omkostningstyper og disponering)",
                         "en": "Sector (cost types and commitments)"},
    "econ.all_sectors": {"da": "Alle sektorer", "en": "All sectors"},
    "econ.pool": {"da": "Skønspulje til endnu ukendte sager (kr.)", "en": "Estimate pool for unknown cases (DKK)"},
    "econ.pool_help": {"da": "Et beløb til sager, der endnu ikke er kendt, fx ud fra en risikovurdering af "
                             "konkrete familier. Lægges oven i det forventede regnskab.",
                       "en": "An amount for cases not yet known; added on top of the expected result."},
    "econ.whole_municipality": {"da": " Gælder hele kommunen: økonomiarket og budgettet har ingen distrikter.",
                                "en": " Whole municipality: the finance sheet has no districts."},
    "econ.matrix": {"da": "Hvem bevilger, og hvem betaler? Udgift til indsatser {period}",
                    "en": "Who grants and who pays? Spend on interventions {period}"},
    "econ.matrix_caption": {
        "da": "Rækker: hvem der bevilgede indsatsen. Kolonner: den sektor, der betaler. Hver celle viser udgiften "
              "i perioden og antal forløb. Celler uden for familieafdelingens egen række viser, at én part "
              "bevilger og en anden betaler – som i Mariagerfjord, hvor skole- og dagtilbudsledere bevilger "
              "§ 11-indsatser, mens familieafdelingen betaler. Grå celler har under {k} børn og vises ikke.",
        "en": "Rows: who granted the intervention. Columns: the paying sector. Each cell shows the period's spend "
              "and the number of courses. Grey cells have fewer than {k} children and are not shown."},
    "econ.sector_spend": {"da": "Forbrug pr. sektor pr. kvartal", "en": "Spend per sector per quarter"},
    "econ.cost_types": {"da": "Forbrug efter omkostningstype: {sector}", "en": "Spend by cost type: {sector}"},
    "econ.project_share": {"da": "Sektorernes andel af forbruget på de tværgående løsninger",
                           "en": "Each sector's share of the spend on cross-sector solutions"},
    "econ.project_caption": {
        "da": "Rækker i økonomiarket med et projekt (en tværgående løsning) efter den sektor, der har bogført "
              "dem. Sammenlign med den aftalte fordelingsnøgle nederst på siden.",
        "en": "Finance rows with a project, by the sector that booked them. Compare with the agreed key below."},
    "econ.budget": {"da": "Budgetopfølgning {year}: forventet regnskab pr. sektor",
                    "en": "Budget follow-up {year}: expected result per sector"},
    "econ.budget_caption": {
        "da": "Korrigeret budget for hele {year}{annualised}; forbrug bogført til og med {last}. Forventet "
              "regnskab: de indsatser, en sektor betaler, ved disponering (se metoden nedenfor); øvrige poster "
              "budgetfølgende (forbrug til dato + resten af årets budget). Afvigelse = forventet regnskab − "
              "budget: plus er merforbrug (rød), minus mindreforbrug (grøn).{pool}{scope}",
        "en": "Corrected budget for all of {year}{annualised}; spend booked up to {last}. Expected result: the "
              "interventions a sector pays by commitment accounting; other lines follow the budget. "
              "Deviation = expected − budget: plus is overspend.{pool}{scope}"},
    "econ.budget_annualised": {"da": " (omregnet til helår, fordi årets sidste kvartaler mangler)",
                               "en": " (annualised: the year's last quarters are missing)"},
    "econ.budget_pool": {"da": " Skønspuljen på {pool} indgår kun i totalen.",
                         "en": " The estimate pool of {pool} is in the total only."},
    "econ.deviation_axis": {"da": "Forventet afvigelse (kr.)", "en": "Expected deviation (DKK)"},
    "econ.total": {"da": "I alt", "en": "Total"},
    "econ.pool_row": {"da": "Skøn (pulje)", "en": "Estimate (pool)"},
    "econ.method.disponering": {"da": "Disponering", "en": "Commitments"},
    "econ.method.budget": {"da": "Budgetfølgende", "en": "Follows budget"},
    "econ.commit": {"da": "Disponeringsregnskab {year}: indsatser betalt af {sector}",
                    "en": "Commitment accounting {year}: interventions paid by {sector}"},
    "econ.commit_caption": {
        "da": "Bogført {booked_months}: {booked}; aktuelle sager ({cases}) resten af året: {current}",
        "en": "Booked {booked_months}: {booked}; current cases ({cases}) for the rest of the year: {current}"},
    "econ.commit_intake": {
        "da": "; forventede nye sager ({rate} pr. måned à {price} pr. måned, gennemsnitlig varighed {days} dage "
              "inden for et år): {expected}; skøn (pulje): {pool} – forventet regnskab i alt: {total}{scope}",
        "en": "; expected new cases ({rate} per month at {price} per month, average {days} days within a year): "
              "{expected}; pool: {pool} – expected result: {total}{scope}"},
    "econ.commit_planned": {
        "da": "; forventede nye sager (kendte, planlagte sager: {cases}) resten af året: {expected}; skøn (pulje): "
              "{pool} – forventet regnskab i alt: {total}{scope}",
        "en": "; expected new cases (known, planned cases: {cases}) for the rest of the year: {expected}; pool: "
              "{pool} – expected result: {total}{scope}"},
    "econ.planned_case": {"da": "{name} {monthly}/md. {start}–{stop}, {amount} i {year}",
                          "en": "{name} {monthly}/month {start}–{stop}, {amount} in {year}"},
    "econ.open_end": {"da": "året ud", "en": "year end"},
    "econ.entered_case": {"da": "Indtastet sag {n}", "en": "Entered case {n}"},
    "econ.planned_title": {"da": "Planlagte sager (disponeringsregnskab)", "en": "Planned cases (commitments)"},
    "econ.planned_help": {"da": "Kendte sager, der forventes at starte i året: sektor, kr. pr. måned, start og "
                                "evt. stop. De erstatter skønnet ud fra de seneste kvartalers tilgang for sektoren. "
                                "Sager kan også indlæses på arket PlanlagteSager.",
                          "en": "Known cases expected to start this year: sector, kr. per month, start and optional "
                                "stop. They replace the estimate from recent intake for the sector. Cases can also "
                                "be uploaded on the sheet PlanlagteSager."},
    "econ.col.planned_sector": {"da": "Sektor", "en": "Sector"},
    "econ.col.planned_monthly": {"da": "Kr. pr. måned", "en": "DKK per month"},
    "econ.col.planned_start": {"da": "Start", "en": "Start"},
    "econ.col.planned_stop": {"da": "Stop", "en": "Stop"},
    "econ.commit_none": {"da": "Ingen indsatser med månedlig udgift for den valgte sektor.",
                         "en": "No interventions with a monthly cost for the chosen sector."},
    "econ.kind.booked": {"da": "Bogført", "en": "Booked"},
    "econ.kind.current": {"da": "Aktuelle sager", "en": "Current cases"},
    "econ.kind.expected": {"da": "Forventede nye sager", "en": "Expected new cases"},
    "econ.no_months": {"da": "ingen måneder", "en": "no months"},
    "econ.method_title": {"da": "Sådan beregnes det forventede regnskab (disponeringsregnskab)",
                          "en": "How the expected year-end result is computed (commitment accounting)"},
    "econ.method_text": {
        "da": "Metoden følger VIVE's anbefaling om individbaserede disponeringsregnskaber:\n\n"
              "1. **Aktuelle sager.** Hver indsats med en månedlig udgift, der kører ved udgangen af det valgte "
              "kvartal, disponeres måned for måned til sin planlagte slutdato – eller til årets udgang, hvis den "
              "ikke har en, eller hvis den planlagte slutdato er passeret. En delvis måned tæller med sin andel "
              "af dagene.\n"
              "2. **Forventede nye sager.** Fra måneden efter kvartalet starter der hver måned lige så mange sager "
              "som i gennemsnit de seneste fire kvartaler, til deres gennemsnitlige månedlige udgift. De kører i "
              "den gennemsnitlige tid, forløb har kørt inden for et år (Kaplan-Meier, så forløb der stadig kører, "
              "tæller med).\n"
              "3. **Skøn (pulje).** Et beløb, I selv sætter, til sager der endnu ikke er kendt.\n"
              "4. **Bogført forbrug erstatter disponeringen** for de måneder, der er lukket: årets kvartaler til og "
              "med det valgte kvartal tæller med det bogførte forbrug på indsatser fra økonomiarket.\n\n"
              "Eksempel (VIVE): fire aktuelle anbringelser à 100.000, 50.000, 75.000 (til 30.06) og 100.000 kr. "
              "(til 28.02) om måneden giver 2.450.000 kr. for 2017; to forventede sager à 75.000 fra 01.07 og "
              "100.000 fra 01.03 lægger 450.000 og 1.000.000 kr. til, i alt 3.900.000 kr. – plus en pulje.",
        "en": "Current cases with a monthly cost count to their planned end (or year end); expected new cases "
              "start every month at the recent intake rate; an estimate pool comes on top; booked spend replaces "
              "commitments for closed months. Example (VIVE): 2,450,000 + 1,450,000 = 3,900,000 DKK for 2017."},
    "econ.vp": {"da": "Afvigelse på indsatser opdelt i mængde og pris, {year}",
                "en": "Deviation on interventions split into volume and price, {year}"},
    "econ.vp_caption": {
        "da": "Budgetforudsætninger {year}: antal helårsindsatser × gennemsnitspris pr. trin eller indsatstype; "
              "i alt {budget}; faktisk {first} til {last}, omregnet til helår: {actual}. Mængde = (faktisk antal − "
              "budgetteret antal) × budgetteret pris; pris = (faktisk pris − budgetteret pris) × faktisk antal. "
              "De to dele giver tilsammen præcis den samlede afvigelse. Rød: merudgift, grøn: mindreudgift.{hidden}",
        "en": "Budget assumptions {year}: full-year interventions × average price; total {budget}. Actual {first} "
              "to {last}, annualised: {actual}. Volume = (actual − budget count) × budget price; price = (actual − "
              "budget price) × actual count; together exactly the deviation.{hidden}"},
    "econ.vp_hidden": {"da": " Udeladt (ingen faktiske tal eller under {k} børn): {groups}.",
                       "en": " Left out (no actual figures or fewer than {k} children): {groups}."},
    "econ.vp_none": {"da": "Der er ingen budgetforudsætninger (arket Budgetforudsaetninger) for {year}.",
                     "en": "No budget assumptions (sheet Budgetforudsaetninger) for {year}."},
    "econ.volume": {"da": "mængde", "en": "volume"},
    "econ.price": {"da": "pris", "en": "price"},
    "econ.vp_total": {"da": "Samlet afvigelse", "en": "Total deviation"},
    "econ.keys": {"da": "Fordelingsnøgler for tværgående løsninger", "en": "Distribution keys for cross-sector solutions"},
    "econ.keys_intro": {
        "da": "En tværgående løsning kan finansieres efter en fordelingsnøgle, fx en mentor 60 % beskæftigelse, "
              "20 % voksen/social og 20 % familie. Hver gang en nøgle gemmes, bliver den en ny version med tid og "
              "navn; tidligere versioner bevares.",
        "en": "A cross-sector solution can be financed by a distribution key. Every save is a new version with "
              "time and name; earlier versions are kept."},
    "econ.key_project": {"da": "Projekt", "en": "Project"},
    "econ.key_new": {"da": "Nyt projekt …", "en": "New project …"},
    "econ.key_name": {"da": "Projektets navn", "en": "Project name"},
    "econ.key_user": {"da": "Dit navn", "en": "Your name"},
    "econ.key_note": {"da": "Note (fx hvor nøglen er aftalt)", "en": "Note"},
    "econ.key_share": {"da": "{sector} (%)", "en": "{sector} (%)"},
    "econ.key_save": {"da": "Gem som ny version", "en": "Save as a new version"},
    "econ.key_saved": {"da": "Fordelingsnøglen for {project} er gemt som version {version}.",
                       "en": "The key for {project} was saved as version {version}."},
    "econ.key_figure": {"da": "Fordelingsnøgle for {project}: aftalt og bogført, {period}",
                        "en": "Key for {project}: agreed and booked, {period}"},
    "econ.key_caption": {
        "da": "Version {version}, gemt {saved} af {user}. Efter nøglen skal hver sektor bære sin andel af det, der "
              "er bogført på projektet i perioden ({total}); forskellen til det, sektoren selv har bogført, er det, "
              "der skal omposteres.",
        "en": "Version {version}, saved {saved} by {user}. Booked on the project: {total}; the difference to the "
              "booked amount is what is to be moved between sectors."},
    "econ.key_none": {"da": "{project} har endnu ingen fordelingsnøgle. Opret den i formularen herunder.",
                      "en": "{project} has no key yet. Create it in the form below."},
    "econ.key_history": {"da": "Tidligere versioner", "en": "Earlier versions"},
    "econ.key_history_xlsx": {"da": "Hent versioner (Excel)", "en": "Download versions (Excel)"},
    "econ.series.key": {"da": "Aftalt nøgle", "en": "Agreed key"},
    "econ.series.booked": {"da": "Bogført andel", "en": "Booked share"},
    "econ.col.granted_by": {"da": "Bevilget af", "en": "Granted by"},
    "econ.col.cost_type": {"da": "Omkostningstype", "en": "Cost type"},
    "econ.col.courses": {"da": "Forløb", "en": "Courses"},
    "econ.col.budget_year": {"da": "Korrigeret budget (kr.)", "en": "Corrected budget (DKK)"},
    "econ.col.spend_to_date": {"da": "Forbrug til dato (kr.)", "en": "Spend to date (DKK)"},
    "econ.col.spend_pct": {"da": "Forbrug i %", "en": "Spend %"},
    "econ.col.expected": {"da": "Forventet regnskab (kr.)", "en": "Expected result (DKK)"},
    "econ.col.deviation": {"da": "Afvigelse, + = merforbrug (kr.)", "en": "Deviation, + = overspend (DKK)"},
    "econ.col.method": {"da": "Prognosemetode", "en": "Forecast method"},
    "econ.col.month": {"da": "Måned", "en": "Month"},
    "econ.col.closed": {"da": "Lukket (bogført)", "en": "Closed (booked)"},
    "econ.col.group": {"da": "Trin / indsatstype", "en": "Step / type"},
    "econ.col.budget_count": {"da": "Budget: antal helårsindsatser", "en": "Budget: full-year count"},
    "econ.col.budget_price": {"da": "Budget: gennemsnitspris (kr./år)", "en": "Budget: average price"},
    "econ.col.actual_count": {"da": "Faktisk: antal helårsindsatser", "en": "Actual: full-year count"},
    "econ.col.actual_price": {"da": "Faktisk: gennemsnitspris (kr./år)", "en": "Actual: average price"},
    "econ.col.budget_cost": {"da": "Budget (kr.)", "en": "Budget (DKK)"},
    "econ.col.actual_cost": {"da": "Faktisk, helår (kr.)", "en": "Actual, full year (DKK)"},
    "econ.col.volume": {"da": "Mængdeafvigelse (kr.)", "en": "Volume part (DKK)"},
    "econ.col.price": {"da": "Prisafvigelse (kr.)", "en": "Price part (DKK)"},
    "econ.col.total_deviation": {"da": "Afvigelse i alt (kr.)", "en": "Total deviation (DKK)"},
    "econ.col.share": {"da": "Andel efter nøglen (%)", "en": "Share by key (%)"},
    "econ.col.key_amount": {"da": "Skal bære efter nøglen (kr.)", "en": "To carry by key (DKK)"},
    "econ.col.booked": {"da": "Bogført (kr.)", "en": "Booked (DKK)"},
    "econ.col.booked_share": {"da": "Bogført andel (%)", "en": "Booked share (%)"},
    "econ.col.transfer": {"da": "Omposteres (kr.)", "en": "To move (DKK)"},
    "econ.col.version": {"da": "Version", "en": "Version"},
    "econ.col.saved": {"da": "Gemt", "en": "Saved"},
    "econ.col.user": {"da": "Gemt af", "en": "Saved by"},
    "econ.col.note": {"da": "Note", "en": "Note"},
    "econ.col.shares": {"da": "Andele", "en": "Shares"},
    "stair.title": {"da": "Indsatstrappen", "en": "The intervention staircase"},
    "stair.intro": {"da": "Bevæger kommunen sig ned ad trappen – fra anbringelser mod forebyggelse?",
                    "en": "Is the municipality moving down the staircase, from placements towards prevention?"},
    "stair.measure": {"da": "Vis trinene som", "en": "Show the steps as"},
    "stair.measure.children": {"da": "Børn", "en": "Children"},
    "stair.measure.cost": {"da": "Kr.", "en": "DKK"},
    "stair.picture": {"da": "Indsatstrappen ved udgangen af {period}: børn og udgift pr. trin",
                      "en": "The staircase at the end of {period}: children and spend per step"},
    "stair.picture_caption": {
        "da": "Trin 1 (almen tidlig indsats) nederst til venstre, trin 6 (institutionsanbringelse) øverst til højre. "
              "Stort tal: børn med en aktiv indsats på trinnet ved kvartalets udgang; derunder udgiften i kvartalet "
              "og ændringen i antal børn siden samme kvartal året før. «< {k}»: under {k} børn.",
        "en": "Step 1 bottom left, step 6 top right. Large figure: children with an active intervention at quarter "
              "end; below it the quarter's spend and the change since the same quarter a year before."},
    "stair.children_word": {"da": "ift. året før", "en": "vs a year ago"},
    "stair.over_time.children": {"da": "Børn pr. trin pr. kvartal", "en": "Children per step per quarter"},
    "stair.over_time.cost": {"da": "Udgift pr. trin pr. kvartal", "en": "Spend per step per quarter"},
    "stair.placement_share": {"da": "Andel af børnene på trin 4-6 (anbringelser)",
                              "en": "Share of children on steps 4-6 (placements)"},
    "stair.placement_caption": {
        "da": "Af børnene med en indsats på trin 2-6. En faldende linje betyder, at kommunen bevæger sig ned ad "
              "trappen. {verdict}",
        "en": "Of the children with a step 2-6 intervention. A falling line means moving down the staircase. "
              "{verdict}"},
    "stair.ratio": {"da": "Forebyggelsesgrad: udgift til trin 2-3 i procent af trin 4-6",
                    "en": "Prevention ratio: spend on steps 2-3 as percent of steps 4-6"},
    "stair.ratio_caption": {
        "da": "Det grå bånd er ±3 point om værdien i {reference} ({value}): en ændring inden for båndet kaldes stabil. "
              "{verdict} Landsgennemsnit 2018: 71,8 %.",
        "en": "The grey band is ±3 points around the value in {reference} ({value}): a change within it is stable. "
              "{verdict}"},
    "stair.band": {"da": "Stabil (±3 point om {reference})", "en": "Stable (±3 points around {reference})"},
    "stair.verdict": {"da": "{period} mod {reference}: {change} – {word}.",
                      "en": "{period} vs {reference}: {change} – {word}."},
    "stair.word.up": {"da": "steget", "en": "up"},
    "stair.word.down": {"da": "faldet", "en": "down"},
    "stair.word.stable": {"da": "stabil", "en": "stable"},
    "stair.no_verdict": {"da": "Ingen sammenligning med året før.", "en": "No comparison with the year before."},
    "stair.spend": {"da": "Udgift pr. 0-22-årig: forebyggelse (trin 2-3) og anbringelser (trin 4-6)",
                    "en": "Spend per resident aged 0-22: prevention (steps 2-3) and placements (steps 4-6)"},
    "stair.districts.children": {"da": "Børnenes fordeling på trinene pr. distrikt, {period}",
                                 "en": "Children by step per district, {period}"},
    "stair.districts.cost": {"da": "Udgiftens fordeling på trinene pr. distrikt, {period}",
                             "en": "Spend by step per district, {period}"},
    "stair.districts_caption": {
        "da": "Hvert distrikt som 100 %, så distrikter af forskellig størrelse kan sammenlignes. Trin med under {k} "
              "børn i et distrikt vises ikke; distriktets andele er da af de viste trin.",
        "en": "Each district as 100 %. Steps with fewer than {k} children in a district are not shown."},
    "stair.col.step": {"da": "Trin", "en": "Step"},
    "stair.col.children": {"da": "Børn", "en": "Children"},
    "stair.col.cost": {"da": "Udgift i kvartalet (kr.)", "en": "Spend in the quarter (DKK)"},
    "stair.col.children_change": {"da": "Ændring i børn siden året før", "en": "Change in children vs a year ago"},
}

TEXTS.update({
    "econ.mio": {"da": "{value} mio. kr.", "en": "DKK {value} m"},
    "econ.courses_word": {"da": "{n} forløb", "en": "{n} courses"},
    "econ.axis.paying": {"da": "Betalende sektor", "en": "Paying sector"},
    "econ.axis.key": {"da": "Procent af projektets udgift", "en": "Percent of the project's spend"},
    "stair.step_short": {"da": "Trin {n}", "en": "Step {n}"},
    "stair.axis.children": {"da": "Børn", "en": "Children"},
    "stair.axis.pct": {"da": "Procent", "en": "Percent"},
    "stair.axis.per_resident": {"da": "Kr. pr. 0-22-årig (helår)", "en": "DKK per resident aged 0-22 (annualised)"},
})

TEXTS.update({
    "econ.err.project": {"da": "Skriv navnet på projektet eller den tværgående løsning.",
                         "en": "Write the name of the project or cross-sector solution."},
    "econ.err.user": {"da": "Skriv dit navn, så det fremgår, hvem der har gemt fordelingsnøglen.",
                      "en": "Write your name, so it shows who saved the key."},
    "econ.err.sector": {"da": "'{sector}' er ikke en sektor. Brug en af: {sectors}.",
                        "en": "'{sector}' is not a sector. Use one of: {sectors}."},
    "econ.err.not_number": {"da": "Andelen for {name} er ikke et tal.", "en": "The share for {name} is not a number."},
    "econ.err.range": {"da": "Andelen for {name} skal ligge mellem 0 og 100 %; fandt {found}.",
                       "en": "The share for {name} must be between 0 and 100 %; found {found}."},
    "econ.err.none": {"da": "Giv mindst én sektor en andel over 0 %.", "en": "Give at least one sector a share above 0 %."},
    "econ.err.sum": {"da": "Andelene skal tilsammen give 100 %; de giver {total}.",
                     "en": "The shares must add up to 100 %; they add up to {total}."},
})

MONTH_NAMES = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")

COST_TYPE_LABELS = {"loen": "Løn", "indsatser": "Indsatser", "drift": "Drift", "overfoersler": "Overførsler"}
