"""Texts shared by every page: navigation, sidebar, status messages."""

TEXTS = {
    "app.title": {"da": "Styringsdashboard", "en": "Steering dashboard"},
    "app.subtitle": {"da": "Tidlig forebyggende indsats for børn og unge",
                     "en": "Early preventive work for children and young people"},
    "demo.badge": {"da": "Demodata", "en": "Demo data"},
    "demo.explain": {"da": "Tallene er syntetiske demodata for {kommune}, ikke en rigtig kommunes tal.",
                     "en": "These are synthetic demo figures for {kommune}, not a real municipality's."},
    "suppressed": {"da": "< {k}", "en": "< {k}"},
    "no_data": {"da": "Ingen data for den valgte periode.", "en": "No data for the chosen period."},
}
