"""Texts of the results page (results.) and the political targets (target.)."""

TEXTS = {
    "results.title": {"da": "Resultater", "en": "Results"},
    "results.intro": {"da": "Virker det for børnene? Borgernes vurdering, mål, eskalering, trivsel og fravær over tid.",
                      "en": "Does it work for the children? Citizens' ratings, goals, escalation, well-being and "
                            "absence over time."},
    "results.part.citizens": {"da": "Borgernes vurdering", "en": "Citizens' ratings"},
    "results.part.children": {"da": "Børn og sager", "en": "Children and cases"},
    "results.part.targets": {"da": "Politiske mål", "en": "Political targets"},
    "results.municipality": {"da": "Hele kommunen", "en": "Whole municipality"},
    "results.district_of_unit": {"da": "Nøgletallet indberettes pr. distrikt, ikke pr. enhed: figuren viser "
                                       "enhedens distrikt, {district}.",
                                 "en": "The key figure is reported per district, not per unit: the figure shows "
                                       "the unit's district, {district}."},
    "results.whole_of_unit": {"da": "Nøgletallet indberettes ikke pr. enhed: figuren viser hele kommunen.",
                              "en": "The key figure is not reported per unit: the figure shows the whole "
                                    "municipality."},
    "results.axis.fit": {"da": "Gennemsnitlig vurdering", "en": "Mean rating"},
    "results.axis.pct_children": {"da": "% af børnene", "en": "% of children"},
    "results.axis.pct_assessed": {"da": "% af de vurderede børn", "en": "% of children assessed"},
    "results.axis.pct_days": {"da": "% af skoledagene", "en": "% of school days"},
    "results.axis.pct_notifications": {"da": "% af underretningerne", "en": "% of notifications"},
    "results.axis.years": {"da": "År", "en": "Years"},
    "results.axis.cases": {"da": "Sager pr. rådgiver", "en": "Cases per caseworker"},
    "results.fit_caption": {
        "da": "FIT (Feedback Informed Treatment): borgeren vurderer selv udbyttet og samarbejdet undervejs i "
              "forløbet. Et gennemsnit vises kun, når det bygger på mindst så mange besvarelser som mindste "
              "cellestørrelse.",
        "en": "FIT (Feedback Informed Treatment): the citizen rates the benefit and the collaboration during the "
              "course. A mean is shown only when it rests on at least the minimum cell size of answers."},
    "results.goals_caption": {
        "da": "Afsluttede § 11-forløb efter målopfyldelse (ja, delvist, nej, ikke registreret). Vises for "
              "kommunen eller et distrikt, ikke for én enhed.",
        "en": "Ended § 11 courses by goal attainment (yes, partly, no, not registered). Shown for the "
              "municipality or a district, not for one unit."},
    "results.escalation_caption": {
        "da": "Andelen af børn drøftet på et UTM-møde, der inden for 12 måneder får en anbringelse (trin 4+), "
              "pr. løbende år. De nyeste kvartaler er endnu ikke fulgt i 12 måneder.",
        "en": "The share of children discussed at a UTM who are placed (step 4+) within 12 months, per rolling "
              "year. The newest quarters have not yet been followed for 12 months."},
    "results.wellbeing_caption": {
        "da": "TOPI-trafiklys for 0-6-årige: grøn (trives), gul (opmærksomhed) og rød (bekymring). Alle børn "
              "vurderes to gange om året, så kun kvartaler med en vurdering vises.",
        "en": "TOPI traffic lights for 0-6-year-olds: green (thriving), yellow (attention) and red (concern). "
              "Every child is assessed twice a year, so only quarters with an assessment are shown."},
    "results.repeat_caption": {
        "da": "Mange genunderretninger kan betyde, at den første indsats ikke hjalp nok. Læs tallet sammen med "
              "antallet af underretninger.",
        "en": "Many repeat notifications can mean the first help was not enough. Read it with the number of "
              "notifications."},
    "results.age_caption": {
        "da": "Alderen ved første UTM-møde viser, hvor tidligt en bekymring tages op. Alder ved første "
              "foranstaltning og ved underretning findes ikke i kvartalsindberetningen og kan derfor ikke vises.",
        "en": "The age at the first UTM meeting shows how early a concern is taken up. Age at first measure and at "
              "notification are not in the quarterly workbook and cannot be shown."},
    "agenda.results_fit_effect": {"da": "FIT: borgerens vurdering af udbytte", "en": "FIT: rating of benefit"},
    "agenda.results_fit_collaboration": {"da": "FIT: borgerens vurdering af samarbejdet",
                                         "en": "FIT: rating of collaboration"},
    "agenda.results_goals": {"da": "Målopfyldelse i § 11-forløb (ja, delvist, nej)",
                             "en": "Goal attainment in § 11 courses (yes, partly, no)"},
    "agenda.results_escalation": {"da": "Eskalering efter UTM", "en": "Escalation after UTM"},
    "agenda.results_wellbeing": {"da": "Trivsel 0-6 år (TOPI-trafiklys)", "en": "Well-being 0-6 (TOPI traffic lights)"},
    "agenda.results_absence": {"da": "Elevfravær", "en": "School absence"},
    "agenda.results_repeat_notifications": {"da": "Andel genunderretninger", "en": "Share of repeat notifications"},
    "agenda.results_age": {"da": "Alder ved første UTM-møde", "en": "Age at the first UTM meeting"},
    "agenda.results_caseload": {"da": "Sager pr. rådgiver", "en": "Cases per caseworker"},
}

TEXTS.update({
    "target.err.indicator": {"da": "Ukendt nøgletal '{found}'.", "en": "Unknown indicator '{found}'."},
    "target.err.user": {"da": "Angiv, hvem der har fastsat målet.", "en": "Say who set the target."},
    "target.err.value": {"da": "Målværdien skal være et tal.", "en": "The target value must be a number."},
    "target.err.pct": {"da": "En andel skal ligge mellem 0 og 100 %; fandt {found}.",
                       "en": "A share must lie between 0 and 100 %; found {found}."},
    "target.err.direction": {"da": "Retningen skal være 'op' eller 'ned'; fandt '{found}'.",
                             "en": "The direction must be 'op' (up) or 'ned' (down); found '{found}'."},
    "target.err.year": {"da": "Et år skal være et helt tal mellem {first} og {last}; fandt '{found}'.",
                        "en": "A year must be a whole number between {first} and {last}; found '{found}'."},
    "target.err.order": {"da": "Udgangsåret ({baseline}) skal ligge før fristen ({deadline}).",
                         "en": "The baseline year ({baseline}) must come before the deadline ({deadline})."},
    "target.err.district": {"da": "Ukendt distrikt '{found}'. Kendte distrikter: {known}.",
                            "en": "Unknown district '{found}'. Known districts: {known}."},
    "target.err.not_per_district": {"da": "'{name}' findes ikke pr. distrikt: sæt målet for hele kommunen.",
                                    "en": "'{name}' does not exist per district: set the target for the whole "
                                          "municipality."},
    "target.year_to": {"da": "{year} til og med {quarter}", "en": "{year} up to {quarter}"},
    "target.state.off_track": {"da": "Ikke på sporet", "en": "Off track"},
    "target.state.on_track": {"da": "På sporet", "en": "On track"},
    "target.state.reached": {"da": "Nået", "en": "Reached"},
    "target.state.not_yet": {"da": "Endnu ikke målt", "en": "Not yet measured"},
    "target.state.hidden": {"da": "Skjult (for få børn)", "en": "Hidden (too few children)"},
    # Markdown for the app (a coloured Material icon): no emoji, which a projector's browser may lack.
    "target.mark.off_track": {"da": ":red[:material/cancel:]", "en": ":red[:material/cancel:]"},
    "target.mark.on_track": {"da": ":green[:material/check_circle:]", "en": ":green[:material/check_circle:]"},
    "target.mark.reached": {"da": ":green[:material/flag:]", "en": ":green[:material/flag:]"},
    "target.mark.not_yet": {"da": ":gray[:material/radio_button_unchecked:]",
                            "en": ":gray[:material/radio_button_unchecked:]"},
    "target.mark.hidden": {"da": ":gray[:material/visibility_off:]", "en": ":gray[:material/visibility_off:]"},
    "target.direction.op": {"da": "op (mindst)", "en": "up (at least)"},
    "target.direction.ned": {"da": "ned (højst)", "en": "down (at most)"},
    "target.tile_text": {"da": "Mål {deadline}: {value} · {state}", "en": "Target {deadline}: {value} · {state}"},
    "target.section": {"da": "Mål", "en": "Targets"},
    "target.section_intro": {
        "da": "Politiske målsætninger for nøgletallene: målværdi og frist, det forløb der skal til for at nå "
              "målet (en ret linje fra udgangsårets faktiske tal til målet i friståret), og om det seneste års tal "
              "er på sporet. Et faktisk tal vises kun, hvor nøgletallet selv må vises.",
        "en": "Political targets for the indicators: value and deadline, the trajectory needed to reach them (a "
              "straight line from the baseline year's actual figure to the target in the deadline year), and "
              "whether the newest year is on track. An actual figure is shown only where the indicator itself is."},
    "target.none": {"da": "Der er endnu ikke sat mål. Sæt et nedenfor eller upload arket Maalsaetninger.",
                    "en": "No targets yet. Set one below or upload the sheet Maalsaetninger."},
    "target.col.indicator": {"da": "Nøgletal", "en": "Indicator"},
    "target.col.scope": {"da": "Gælder", "en": "Scope"},
    "target.col.target": {"da": "Mål", "en": "Target"},
    "target.col.deadline": {"da": "Frist", "en": "Deadline"},
    "target.col.baseline": {"da": "Udgangspunkt", "en": "Baseline"},
    "target.col.actual": {"da": "Seneste faktiske", "en": "Newest actual"},
    "target.col.planned": {"da": "Skulle være", "en": "Should be"},
    "target.col.state": {"da": "Status", "en": "Status"},
    "target.col.decision": {"da": "Politisk beslutning", "en": "Political decision"},
    "target.col.set_by": {"da": "Fastsat af", "en": "Set by"},
    "target.col.version": {"da": "Version", "en": "Version"},
    "target.col.active": {"da": "Gælder", "en": "Applies"},
    "target.active.yes": {"da": "ja", "en": "yes"},
    "target.active.no": {"da": "nej (trukket tilbage)", "en": "no (withdrawn)"},
    "target.col.year": {"da": "År", "en": "Year"},
    "target.col.kind": {"da": "Linje", "en": "Line"},
    "target.kind.actual": {"da": "Faktisk", "en": "Actual"},
    "target.kind.planned": {"da": "Forløb mod målet", "en": "Trajectory to the target"},
    "target.set_by": {"da": "{user}, {saved}", "en": "{user}, {saved}"},
    "target.baseline_value": {"da": "{value} ({year})", "en": "{value} ({year})"},
    "target.actual_value": {"da": "{value} ({covers})", "en": "{value} ({covers})"},
    "target.chart_title": {"da": "{name}, {scope}: mål {value} i {deadline}",
                           "en": "{name}, {scope}: target {value} in {deadline}"},
    "target.table_caption": {
        "da": "Status sammenligner det seneste års faktiske tal med forløbet mod målet. Et år, der endnu ikke er "
              "slut, tæller til og med sidste kvartal med data.",
        "en": "The status compares the newest year's actual figure with the trajectory to the target. A year not "
              "yet over counts up to the last quarter with data."},
    "agenda.results_targets": {"da": "Mål: status for de politiske målsætninger",
                               "en": "Targets: status of the political targets"},
    "target.form": {"da": "Sæt eller ret et mål", "en": "Set or change a target"},
    "target.form.indicator": {"da": "Nøgletal", "en": "Indicator"},
    "target.form.scope": {"da": "Gælder for", "en": "Applies to"},
    "target.form.value": {"da": "Målværdi", "en": "Target value"},
    "target.form.direction": {"da": "Retning", "en": "Direction"},
    "target.form.deadline": {"da": "Frist (år)", "en": "Deadline (year)"},
    "target.form.baseline": {"da": "Udgangsår", "en": "Baseline year"},
    "target.form.decision": {"da": "Politisk beslutning (valgfri)", "en": "Political decision (optional)"},
    "target.form.user": {"da": "Fastsat af", "en": "Set by"},
    "target.form.active": {"da": "Målet gælder (fjern fluebenet for at trække det tilbage)",
                           "en": "The target applies (untick to withdraw it)"},
    "target.form.save": {"da": "Gem mål", "en": "Save target"},
    "target.saved": {"da": "Målet er gemt som version {version}.", "en": "The target was saved as version {version}."},
    "target.versions": {"da": "Tidligere versioner af målene", "en": "Earlier versions of the targets"},
    "target.upload": {"da": "Upload mål (arket Maalsaetninger)", "en": "Upload targets (sheet Maalsaetninger)"},
    "target.upload_help": {"da": "Et Excel-ark med én række pr. mål; se skabelonen.",
                           "en": "An Excel sheet with one row per target; see the template."},
    "target.upload_save": {"da": "Gem {n} mål", "en": "Save {n} targets"},
    "target.uploaded": {"da": "{n} mål er gemt som nye versioner.", "en": "{n} targets were saved as new versions."},
    "target.template": {"da": "Hent skabelon til mål (Excel)", "en": "Download the targets template (Excel)"},
})

TEXTS.update({
    "target.xl.not_excel": {"da": "Filen kunne ikke læses som et Excel-ark (.xlsx).",
                            "en": "The file could not be read as an Excel workbook (.xlsx)."},
    "target.xl.no_sheet": {"da": "Projektmappen har intet ark med navnet {sheet}.",
                           "en": "The workbook has no sheet named {sheet}."},
    "target.xl.empty": {"da": "Arket {sheet} er tomt.", "en": "The sheet {sheet} is empty."},
    "target.xl.cpr": {"da": "Cellen ligner et CPR-nummer. Intet er gemt; fjern nummeret og upload igen.",
                      "en": "The cell looks like a CPR number. Nothing was stored; remove it and upload again."},
    "target.xl.missing_column": {"da": "Første række mangler kolonnen/kolonnerne: {columns}.",
                                 "en": "The first row lacks the column(s): {columns}."},
    "target.xl.required": {"da": "Feltet skal udfyldes.", "en": "The field is required."},
    "target.xl.type.indicator": {"da": "Fandt '{found}', som ikke er et kendt nøgletal. Brug et id eller navn fra "
                                       "arkets vejledning, fx fit_effect.",
                                 "en": "Found '{found}', which is not a known indicator. Use an id or name from the "
                                       "guide, e.g. fit_effect."},
    "target.xl.type.number": {"da": "Fandt '{found}'; forventede et tal, fx 8,0 eller 3 %.",
                              "en": "Found '{found}'; expected a number, e.g. 8.0 or 3 %."},
    "target.xl.type.year": {"da": "Fandt '{found}'; forventede et årstal, fx 2027.",
                            "en": "Found '{found}'; expected a year, e.g. 2027."},
    "target.xl.type.direction": {"da": "Fandt '{found}'; forventede 'op' eller 'ned'.",
                                 "en": "Found '{found}'; expected 'op' (up) or 'ned' (down)."},
    "target.xl.type.yesno": {"da": "Fandt '{found}'; forventede ja eller nej.", "en": "Found '{found}'; expected yes or no."},
    "target.xl.type.text": {"da": "Fandt '{found}'; forventede tekst.", "en": "Found '{found}'; expected text."},
    "target.xl.rule": {"da": "{message}", "en": "{message}"},
    "target.xl.twice": {"da": "Samme nøgletal og distrikt står også i række {first}: ét mål pr. nøgletal og "
                              "distrikt.",
                        "en": "The same indicator and district are also in row {first}: one target per indicator "
                              "and district."},
    "target.xl.guide_sheet": {"da": "Vejledning", "en": "Guide"},
    "target.xl.guide_column": {"da": "Kolonne", "en": "Column"},
    "target.xl.guide_rule": {"da": "Regel", "en": "Rule"},
    "target.xl.guide_ids": {"da": "Nøgletal, der kan sættes mål for (id og navn):",
                            "en": "Indicators a target can be set for (id and name):"},
    "target.xl.guide.noegletal": {"da": "Påkrævet. Nøgletallets id eller navn.", "en": "Required. The indicator's id or name."},
    "target.xl.guide.distrikt": {"da": "Valgfri. Tom = hele kommunen; ellers et distrikts navn.",
                                 "en": "Optional. Blank = the whole municipality; else a district's name."},
    "target.xl.guide.maalvaerdi": {"da": "Påkrævet. Tallet, der skal nås (andele i procent, fx 3 for 3 %).",
                                   "en": "Required. The value to reach (shares in percent, e.g. 3 for 3 %)."},
    "target.xl.guide.retning": {"da": "Valgfri. op = mindst målværdien, ned = højst. Tom = nøgletallets gode "
                                      "retning.",
                                "en": "Optional. op = at least the value, ned = at most. Blank = the indicator's "
                                      "good direction."},
    "target.xl.guide.fristaar": {"da": "Påkrævet. Året, målet skal være nået.", "en": "Required. The year to reach it."},
    "target.xl.guide.basisaar": {"da": "Påkrævet. Udgangsåret, før fristen: forløbet mod målet starter i årets "
                                       "faktiske tal.",
                                 "en": "Required. The baseline year, before the deadline: the trajectory starts at "
                                       "its actual figure."},
    "target.xl.guide.beslutning": {"da": "Valgfri. Den politiske beslutning, målet kommer fra.",
                                   "en": "Optional. The political decision the target comes from."},
    "target.xl.guide.fastsat_af": {"da": "Påkrævet. Hvem der har fastsat målet (fx udvalget).",
                                   "en": "Required. Who set the target (e.g. the committee)."},
    "target.xl.guide.aktiv": {"da": "Valgfri. nej = målet trækkes tilbage. Tom = ja.",
                              "en": "Optional. nej (no) = the target is withdrawn. Blank = yes."},
})
