"""Texts of FIT per course: the FITMaalinger sheet's rules and messages, and the FIT figures."""
from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "fit.section": {"da": "FIT pr. forløb: virker forløbene for det enkelte barn?",
                    "en": "FIT per course: do the courses work for each child?"},
    # ---- upload: the sheet FITMaalinger ----
    "upload.err.unknown_course": {
        "da": "Forløbet '{found}' findes ikke i Indsatser (hverken i denne upload eller i databasen for {kommune}).",
        "en": "The course '{found}' is not in Indsatser (neither in this upload nor in the database for {kommune})."},
    "upload.err.fit_before_start": {
        "da": "Målingen er dateret {found}, før forløbet {course} startede ({start}).",
        "en": "The measurement is dated {found}, before the course {course} started ({start})."},
    "upload.err.fit_after_end": {
        "da": "Målingen er dateret {found}, efter forløbet {course} sluttede ({end}).",
        "en": "The measurement is dated {found}, after the course {course} ended ({end})."},
    "upload.err.range_number": {
        "da": "Fandt {found}, forventede et tal fra {minimum} til {maximum} (decimaler er tilladt, fx 31,5).",
        "en": "Found {found}, expected a number from {minimum} to {maximum} (decimals allowed, e.g. 31.5)."},
    "upload.scope.keys.fit_maaling": {"da": "forløb", "en": "course"},
    "upload.rule.fitmaalinger.indsats_id": {
        "da": "forløbet målingen hører til; skal findes i Indsatser (denne upload eller databasen)",
        "en": "the course the measurement belongs to; must exist in Indsatser (this upload or the database)"},
    "upload.rule.fitmaalinger.dato": {
        "da": "sessionens dato; ikke før forløbets startdato og ikke efter dets slutdato",
        "en": "the session's date; not before the course's startdato nor after its slutdato"},
    "upload.rule.fitmaalinger.ors": {
        "da": "Outcome Rating Scale (CORS for 6-12-årige), barnets eller den unges egen score; decimaler tilladt",
        "en": "Outcome Rating Scale (CORS for ages 6-12), the child's or young person's own score; decimals allowed"},
    "upload.rule.fitmaalinger.srs": {
        "da": "Session Rating Scale (samarbejdet); tom = ikke målt ved sessionen; decimaler tilladt",
        "en": "Session Rating Scale (the alliance); empty = not measured at the session; decimals allowed"},
    "upload.rule.fitmaalinger.alder": {
        "da": "den svarendes alder i hele år ved målingen; giver den kliniske grænse (6-12: 32, 13-17: 28, 18+: 25)",
        "en": "the respondent's age in whole years at the measurement; gives the clinical cut-off "
              "(6-12: 32, 13-17: 28, 18+: 25)"},
    # ---- figures ----
    "agenda.fit_ors_change": {"da": "FIT: ændring i ORS pr. forløb", "en": "FIT: change in ORS per course"},
    "agenda.fit_outcome_shares": {"da": "FIT: pålidelig forbedring og over den kliniske grænse",
                                  "en": "FIT: reliable improvement and above the clinical cut-off"},
    "agenda.fit_srs": {"da": "FIT: samarbejdet (SRS) pr. forløb", "en": "FIT: the alliance (SRS) per course"},
    "fit.title.ors_change": {"da": "FIT: ændring i ORS fra første til seneste måling, pr. distrikt",
                             "en": "FIT: change in ORS from first to latest measurement, by district"},
    "fit.title.outcome_shares": {"da": "FIT: forløb med pålidelig forbedring og over den kliniske grænse",
                                 "en": "FIT: courses with reliable improvement and above the clinical cut-off"},
    "fit.title.srs": {"da": "FIT: gennemsnitlig SRS (samarbejdet) pr. forløb, pr. distrikt",
                      "en": "FIT: average SRS (the alliance) per course, by district"},
    "fit.axis.points": {"da": "Point (ORS)", "en": "Points (ORS)"},
    "fit.axis.srs": {"da": "Point (SRS, 0-40)", "en": "Points (SRS, 0-40)"},
    "fit.axis.share": {"da": "Andel af forløbene (%)", "en": "Share of courses (%)"},
    "fit.col.measure": {"da": "Mål", "en": "Measure"},
    "fit.caption.period": {
        "da": "Et forløb tæller i perioden for sin seneste måling. Pålidelig forbedring: ORS op med mindst {change} "
              "point. Kliniske grænser: {cutoffs}.",
        "en": "A course counts in the period of its latest measurement. Reliable improvement: ORS up by at least "
              "{change} points. Clinical cut-offs: {cutoffs}."},
}
