"""Texts of login, roles, local mode and the audit log (access., audit.)."""

TEXTS = {
    # --- roles and actions --------------------------------------------------------------------
    "access.role.seer": {"da": "Seer", "en": "Viewer"},
    "access.role.distriktsleder": {"da": "Distriktsleder", "en": "District leader"},
    "access.role.enhedsleder": {"da": "Enhedsleder", "en": "Unit leader"},
    "access.role.oekonomi": {"da": "Økonomi", "en": "Finance"},
    "access.role.administrator": {"da": "Administrator", "en": "Administrator"},
    "access.no_role_short": {"da": "ingen rolle", "en": "no role"},
    "access.action.read": {"da": "se tallene", "en": "see the figures"},
    "access.action.upload": {"da": "indlæse data", "en": "upload data"},
    "access.action.undo": {"da": "fortryde en indlæsning", "en": "undo an upload"},
    "access.action.keys": {"da": "ændre fordelingsnøgler", "en": "change distribution keys"},
    "access.action.targets": {"da": "ændre politiske mål", "en": "change political targets"},
    "access.action.cases": {"da": "gemme investeringscases og effektiviseringskrav",
                            "en": "save investment cases and efficiency requirements"},
    "access.action.notes": {"da": "skrive noter", "en": "write notes"},
    "access.action.roles": {"da": "give roller og se revisionsloggen", "en": "give roles and see the audit log"},
    "access.action.reference": {"da": "indlæse referencetal for andre kommuner og landet",
                                "en": "upload reference figures of other municipalities and the country"},
    "access.denied": {"da": "{user} må ikke {action} (roller: {roles}). Intet er ændret.",
                      "en": "{user} may not {action} (roles: {roles}). Nothing was changed."},
    # --- login ----------------------------------------------------------------------------------
    "access.login.title": {"da": "Log ind", "en": "Log in"},
    "access.login.intro": {"da": "Styringsdashboardet viser data om børn og unge. Log ind med din kommunes "
                                 "konto for at fortsætte.",
                           "en": "The steering dashboard shows data about children and young people. Log in with "
                                 "your municipality's account to continue."},
    "access.login.button": {"da": "Log ind", "en": "Log in"},
    "access.logout.button": {"da": "Log ud", "en": "Log out"},
    "access.signed_in": {"da": "Logget ind som **{name}** · {roles}", "en": "Logged in as **{name}** · {roles}"},
    "access.login.no_name": {"da": "Dit login indeholder hverken e-mail eller bruger-id, så appen kan ikke vide, "
                                   "hvem du er. Kontakt kommunens it-afdeling.",
                             "en": "Your login carries neither an e-mail nor a user id, so the app cannot tell who "
                                   "you are. Contact your IT department."},
    "access.login.expired": {"da": "Din session er udløbet. Log ind igen for at fortsætte.",
                             "en": "Your session has expired. Log in again to continue."},
    "access.login.no_claim": {"da": "Dit login indeholder ikke oplysningen »{claim}«, som appen giver roller ud fra, "
                                    "og administratoren har ikke givet dig en rolle. Du har derfor ikke adgang. "
                                    "Kontakt dashboardets administrator.",
                              "en": "Your login does not carry the claim '{claim}' the app gives roles by, and the "
                                    "administrator has not given you a role. You have no access. Contact the "
                                    "dashboard's administrator."},
    "access.login.no_role": {"da": "Du er logget ind som {name}, men ingen af dine grupper giver en rolle i "
                                   "Styringsdashboardet. Du har derfor ikke adgang. Kontakt dashboardets administrator.",
                             "en": "You are logged in as {name}, but none of your groups gives a role in the "
                                   "steering dashboard. You have no access. Contact the dashboard's administrator."},
    "access.no_read": {"da": "Din rolle ({roles}) giver adgang til at indlæse data, ikke til at se tallene.",
                       "en": "Your role ({roles}) lets you upload data, not see the figures."},
    # --- local mode -----------------------------------------------------------------------------
    "access.local.banner": {"da": "Lokal tilstand uden login: kun denne computer kan åbne appen, og du er "
                                  "administrator.",
                            "en": "Local mode without login: only this computer can open the app, and you are the "
                                  "administrator."},
    "access.local.exposed": {"da": "Appen kører uden login, men lytter på netværket ({address}). Indlæsning, "
                                   "fortrydelse og andre ændringer er derfor slået fra. Sæt login op "
                                   "(README: Login og roller), eller start appen på 127.0.0.1.",
                             "en": "The app runs without login but listens on the network ({address}). Uploads, "
                                   "undo and other changes are therefore switched off. Set up login (README: Login "
                                   "and roles), or start the app on 127.0.0.1."},
    "access.all_interfaces": {"da": "alle netværkskort", "en": "all interfaces"},
    # --- upload scope ---------------------------------------------------------------------------
    "access.upload.outside": {"da": "Uden for dit ansvarsområde ({scope}): række {rows} ({count} i alt). "
                                    "Intet er gemt.",
                              "en": "Outside your responsibility ({scope}): row {rows} ({count} in all). "
                                    "Nothing was stored."},
    "access.upload.more": {"da": "{rows} og {more} flere", "en": "{rows} and {more} more"},
    "access.upload.outside_commit": {"da": "Indlæsningen har rækker uden for dit ansvarsområde ({scope}). "
                                           "Intet er gemt.",
                                     "en": "The upload has rows outside your responsibility ({scope}). "
                                           "Nothing was stored."},
    "access.upload.scope": {"da": "Du kan indlæse for: {scope}.", "en": "You can upload for: {scope}."},
    # --- audit log ------------------------------------------------------------------------------
    "audit.col.tidspunkt": {"da": "Tidspunkt", "en": "Time"},
    "audit.col.bruger": {"da": "Bruger", "en": "User"},
    "audit.col.adgang": {"da": "Adgang", "en": "Access"},
    "audit.col.handling": {"da": "Handling", "en": "Action"},
    "audit.col.omfang": {"da": "Omfang", "en": "Scope"},
    "audit.col.detaljer": {"da": "Detaljer", "en": "Details"},
    "audit.sheet": {"da": "Revisionslog", "en": "Audit log"},
    "audit.detail.person_export": {"da": "revisionslog for {person}", "en": "audit log of {person}"},
    "audit.detail.give": {"da": "rolle givet: {grant}", "en": "role given: {grant}"},
    "audit.detail.take": {"da": "rolle fjernet: {grant}", "en": "role taken away: {grant}"},
    "audit.err.no_name": {"da": "Skriv brugerens e-mail eller bruger-id.", "en": "Enter the user's e-mail or user id."},
    "audit.err.bad_grant": {"da": "»{grant}« er ikke en rolle. Brug seer, oekonomi, administrator, "
                                  "distriktsleder:DISTRIKT eller enhedsleder:ENHED.",
                            "en": "'{grant}' is not a role. Use seer, oekonomi, administrator, "
                                  "distriktsleder:DISTRICT or enhedsleder:UNIT."},
    # --- the access page --------------------------------------------------------------------------
    "audit.page.nav": {"da": "Adgang og log", "en": "Access and log"},
    "audit.page.title": {"da": "Adgang og revisionslog", "en": "Access and audit log"},
    "audit.page.roles": {"da": "Roller givet i appen", "en": "Roles given in the app"},
    "audit.page.roles_intro": {"da": "Roller gives også af grupperne i loginnet (secrets: [adgang]); "
                                     "her gives roller til enkelte brugere.",
                               "en": "Roles also come from the groups in the login (secrets: [adgang]); "
                                     "here roles are given to single users."},
    "audit.page.claim_groups": {"da": "Grupper i loginnet (claim »{claim}«)", "en": "Groups in the login (claim '{claim}')"},
    "audit.page.user": {"da": "Bruger (e-mail eller bruger-id)", "en": "User (e-mail or user id)"},
    "audit.page.grant": {"da": "Rolle, fx distriktsleder:Nord", "en": "Role, e.g. distriktsleder:Nord"},
    "audit.page.give": {"da": "Giv rolle", "en": "Give role"},
    "audit.page.take": {"da": "Fjern rolle", "en": "Take role away"},
    "audit.page.given": {"da": "{grant} givet til {name}.", "en": "{grant} given to {name}."},
    "audit.page.taken": {"da": "{grant} fjernet fra {name}.", "en": "{grant} taken away from {name}."},
    "audit.page.log": {"da": "Revisionslog", "en": "Audit log"},
    "audit.page.log_intro": {"da": "Logins, indlæsninger, fortrydelser, eksporter og ændringer. Rækker ældre end "
                                   "{days} dage slettes.",
                             "en": "Logins, uploads, undos, exports and changes. Rows older than {days} days are "
                                   "deleted."},
    "audit.page.person": {"da": "Person", "en": "Person"},
    "audit.page.everyone": {"da": "Alle", "en": "Everyone"},
    "audit.page.export": {"da": "Hent personens log (indsigt)", "en": "Download the person's log (access request)"},
    "audit.page.empty": {"da": "Loggen er tom.", "en": "The log is empty."},
}
