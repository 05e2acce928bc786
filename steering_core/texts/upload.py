"""Texts for the quarterly spreadsheet upload: problems, preview, history, template, page."""

_EXPECT_DATE_DA = "en dato som dd-mm-åååå, dd.mm.åååå eller åååå-mm-dd"
_EXPECT_DATE_EN = "a date as dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd"

TEXTS = {
    # --- severities and locations ----------------------------------------------------------
    "upload.severity.fejl": {"da": "Fejl", "en": "Error"},
    "upload.severity.advarsel": {"da": "Advarsel", "en": "Warning"},
    "upload.loc.file": {"da": "Fil '{file}'", "en": "File '{file}'"},
    "upload.loc.sheet": {"da": "ark '{sheet}'", "en": "sheet '{sheet}'"},
    "upload.loc.row": {"da": "række {row}", "en": "row {row}"},
    "upload.loc.column": {"da": "kolonne {column}", "en": "column {column}"},
    "upload.loc.column_named": {"da": "kolonne {column} ({name})", "en": "column {column} ({name})"},
    "upload.loc.cell": {"da": "celle {cell}", "en": "cell {cell}"},

    # --- reading and limits ----------------------------------------------------------------
    "upload.err.empty_file": {"da": "Filen er tom.", "en": "The file is empty."},
    "upload.err.too_large": {
        "da": "Filen fylder {size} MB; grænsen er {limit} MB. Del den op, eller upload kun de ark, der er ændret.",
        "en": "The file is {size} MB; the limit is {limit} MB. Split it or upload only the changed sheets."},
    "upload.err.too_many_rows": {
        "da": "Filen har mindst {rows} rækker; grænsen er {limit}. Del den op i flere filer.",
        "en": "The file has at least {rows} rows; the limit is {limit}. Split it into several files."},
    "upload.err.unpacked": {
        "da": "Filen fylder {size} MB udpakket; grænsen er {limit} MB. Den er afvist for at beskytte serveren.",
        "en": "The file unpacks to {size} MB; the limit is {limit} MB. It was refused to protect the server."},
    "upload.err.zip_members": {
        "da": "Filen består af {count} dele; grænsen er {limit}. Den er afvist for at beskytte serveren.",
        "en": "The file consists of {count} parts; the limit is {limit}. It was refused to protect the server."},
    "upload.err.zip_ratio": {
        "da": "En del af filen fylder {size} MB udpakket, men kun {packed} MB pakket ({ratio} gange mindre); "
              "grænsen er {limit} gange. Sådan pakker et regneark ikke, så filen er afvist for at beskytte "
              "serveren. Åbn den i Excel, gem den som .xlsx, og upload igen.",
        "en": "A part of the file unpacks to {size} MB but is only {packed} MB packed ({ratio} times smaller); "
              "the limit is {limit} times. A spreadsheet does not pack like that, so the file was refused to "
              "protect the server. Open it in Excel, save it as .xlsx and upload again."},
    "upload.err.too_many_cells": {
        "da": "Arket '{sheet}' spænder over {rows} rækker og {columns} kolonner ({cells} celler); grænsen er "
              "{limit} celler. Slet tomme rækker og kolonner langt ude i arket (fx en enkelt celle i kolonne "
              "XFD), gem, og upload igen.",
        "en": "Sheet '{sheet}' spans {rows} rows and {columns} columns ({cells} cells); the limit is {limit} "
              "cells. Delete empty rows and columns far out in the sheet (e.g. a single cell in column XFD), "
              "save and upload again."},
    "upload.err.too_many_cells_csv": {
        "da": "Filen har op til {cells} celler; grænsen er {limit}. Del den op i flere filer.",
        "en": "The file has up to {cells} cells; the limit is {limit}. Split it into several files."},
    "upload.err.reader_failed": {
        "da": "Filen kunne ikke læses: læseprogrammet stoppede uventet (filen kræver måske mere hukommelse, end "
              "serveren tillader, eller er beskadiget). Intet er gemt. Åbn filen i Excel, gem den som .xlsx, "
              "og upload igen.",
        "en": "The file could not be read: the reader stopped unexpectedly (the file may need more memory than "
              "the server allows, or be damaged). Nothing was stored. Open the file in Excel, save it as .xlsx "
              "and upload again."},
    "upload.err.reader_memory": {
        "da": "Filen kræver mere hukommelse at læse, end serveren tillader. Intet er gemt. Del filen op, eller "
              "slet tomme rækker og kolonner langt ude i arkene, og upload igen.",
        "en": "Reading the file needs more memory than the server allows. Nothing was stored. Split the file "
              "or delete empty rows and columns far out in the sheets, and upload again."},
    "upload.err.read_timeout": {
        "da": "Filen blev ikke læst færdig inden for {seconds} sekunder og er afvist. Intet er gemt. Del den op "
              "i mindre filer, og upload igen.",
        "en": "The file was not read within {seconds} seconds and was refused. Nothing was stored. Split it "
              "into smaller files and upload again."},
    "upload.err.password": {
        "da": "Filen er beskyttet med adgangskode og kan ikke læses. Gem den uden adgangskode, og upload igen.",
        "en": "The file is password-protected and cannot be read. Save it without a password and upload again."},
    "upload.err.corrupt": {
        "da": "Filen kunne ikke læses som {format}. Den kan være beskadiget eller have en forkert filtype. "
              "Åbn den i Excel, gem den som .xlsx, og upload igen.",
        "en": "The file could not be read as {format}. It may be damaged or have the wrong file type. "
              "Open it in Excel, save it as .xlsx and upload again."},
    "upload.err.unsupported": {
        "da": "Filtypen '{ext}' kan ikke læses. Brug .xlsx, .xlsm, .xls, .ods eller .csv.",
        "en": "The file type '{ext}' cannot be read. Use .xlsx, .xlsm, .xls, .ods or .csv."},
    "upload.err.cannot_open": {"da": "Filen {path} kunne ikke åbnes: {reason}.",
                               "en": "The file {path} could not be opened: {reason}."},
    "upload.os.not_found": {"da": "filen findes ikke", "en": "the file does not exist"},
    "upload.os.is_directory": {"da": "det er en mappe, ikke en fil", "en": "it is a folder, not a file"},
    "upload.os.permission": {"da": "du har ikke adgang til at læse den", "en": "you do not have access to read it"},
    "upload.os.other": {"da": "systemfejl {errno}", "en": "system error {errno}"},
    "upload.err.no_files": {"da": "Vælg mindst én fil.", "en": "Choose at least one file."},
    "upload.err.no_sheets": {
        "da": "Filerne indeholder ingen ark fra skabelonen ({sheets}). Hent skabelonen, og brug dens ark og "
              "kolonner.",
        "en": "The files contain none of the template's sheets ({sheets}). Download the template and use its "
              "sheets and columns."},
    "upload.err.internal": {
        "da": "Der opstod en uventet fejl under indlæsningen ({kind}). Intet er gemt. Kontakt support, "
              "hvis fejlen gentager sig.",
        "en": "An unexpected error occurred during the upload ({kind}). Nothing was stored. Contact support "
              "if it happens again."},
    "upload.err.store": {"da": "Databasen kunne ikke opdateres: {reason} Intet er gemt.",
                         "en": "The database could not be updated: {reason} Nothing was stored."},
    "upload.err.bad_quarter": {"da": "Det angivne kvartal '{found}' er ikke et kvartal (skriv fx 2025K3).",
                               "en": "The stated quarter '{found}' is not a quarter (write e.g. 2025K3)."},

    # --- CPR guard ---------------------------------------------------------------------------
    "upload.err.cpr": {
        "da": "Cellen {cell} i arket '{sheet}' ligner et CPR-nummer. Uploaden er stoppet, og intet er gemt. "
              "Fjern CPR-numre fra filen, og brug det pseudonyme barn_id.",
        "en": "Cell {cell} in sheet '{sheet}' looks like a CPR number. The upload was stopped and nothing "
              "was stored. Remove CPR numbers from the file and use the pseudonymous barn_id."},
    "upload.err.cpr_column": {
        "da": "Cellen {cell} i arket '{sheet}' (kolonne '{header}') ligner et CPR-nummer. Uploaden er stoppet, og "
              "intet er gemt. Fjern CPR-numre fra filen, og brug det pseudonyme barn_id.",
        "en": "Cell {cell} in sheet '{sheet}' (column '{header}') looks like a CPR number. The upload was stopped "
              "and nothing was stored. Remove CPR numbers from the file and use the pseudonymous barn_id."},
    "upload.err.cpr_file_name": {
        "da": "Navnet på fil nr. {number} ligner et CPR-nummer. Uploaden er stoppet, og intet er gemt. Omdøb "
              "filen uden CPR-nummer (fx 'kvartal 2025K3.xlsx'), og upload igen.",
        "en": "The name of file no. {number} looks like a CPR number. The upload was stopped and nothing was "
              "stored. Rename the file without the CPR number (e.g. 'kvartal 2025K3.xlsx') and upload again."},
    "upload.err.cpr_sheet_name": {
        "da": "Navnet på ark nr. {number} ligner et CPR-nummer. Uploaden er stoppet, og intet er gemt. Omdøb "
              "arket uden CPR-nummer, og upload igen.",
        "en": "The name of sheet no. {number} looks like a CPR number. The upload was stopped and nothing was "
              "stored. Rename the sheet without the CPR number and upload again."},
    "upload.file_number": {"da": "fil nr. {number}", "en": "file no. {number}"},
    "upload.err.cpr_more": {
        "da": "{count} celler mere ligner CPR-numre.",
        "en": "{count} more cells look like CPR numbers."},

    # --- sheets and headers --------------------------------------------------------------
    "upload.warn.hidden_sheet": {
        "da": "Arket er skjult og er ikke indlæst. Vis arket i Excel, hvis det skal med.",
        "en": "The sheet is hidden and was not read. Unhide it in Excel if it should be included."},
    "upload.warn.unknown_sheet": {
        "da": "Arket blev ikke genkendt som et af skabelonens ark ({sheets}) og er sprunget over.",
        "en": "The sheet was not recognised as one of the template's sheets ({sheets}) and was skipped."},
    "upload.err.no_header": {
        "da": "Arket ligner '{spec}', men overskriftsrækken blev ikke fundet. Forventede kolonner som {columns}.",
        "en": "The sheet looks like '{spec}', but its header row was not found. Expected columns such as "
              "{columns}."},
    "upload.warn.empty_sheet": {"da": "Arket har ingen datarækker.", "en": "The sheet has no data rows."},
    "upload.err.missing_column": {
        "da": "Den påkrævede kolonne '{column}' mangler. Tilføj den i overskriftsrækken (række {row}).",
        "en": "The required column '{column}' is missing. Add it to the header row (row {row})."},
    "upload.warn.extra_column": {
        "da": "Kolonnen '{found}' findes ikke i skabelonen og gemmes ikke.",
        "en": "The column '{found}' is not in the template and is not stored."},
    "upload.warn.duplicate_column": {
        "da": "Kolonnen '{found}' står flere gange; kun den første (kolonne {first}) bruges.",
        "en": "The column '{found}' appears more than once; only the first (column {first}) is used."},
    "upload.warn.extra_columns": {
        "da": "{count} kolonner findes ikke i skabelonen og gemmes ikke, fx {names}.",
        "en": "{count} columns are not in the template and are not stored, e.g. {names}."},
    "upload.warn.hidden_rows": {
        "da": "{count} rækker er skjult i Excel, fx af et filter (række {rows}). De indlæses alligevel; "
              "kontrollér, at de skal med.",
        "en": "{count} rows are hidden in Excel, e.g. by a filter (row {rows}). They are read anyway; check "
              "that they belong."},
    "upload.warn.total_row": {
        "da": "Rækken er en sumrække ('{found}') og er sprunget over.",
        "en": "The row is a total row ('{found}') and was skipped."},

    # --- cell values -----------------------------------------------------------------------
    "upload.err.required": {
        "da": "Feltet er tomt, men '{column}' skal udfyldes.",
        "en": "The cell is empty, but '{column}' is required."},
    "upload.err.excel_error": {
        "da": "Cellen viser Excel-fejlen {found}, så værdien kendes ikke. Ret formlen eller skriv værdien, og "
              "upload igen.",
        "en": "The cell shows the Excel error {found}, so its value is unknown. Fix the formula or type the "
              "value, and upload again."},
    "upload.err.formula_no_value": {
        "da": "Cellen har en formel, men filen er gemt uden formlens resultat (fx af et andet program end "
              "Excel). Åbn filen i Excel, gem den igen, og upload.",
        "en": "The cell holds a formula, but the file was saved without its result (e.g. by a program other "
              "than Excel). Open the file in Excel, save it again and upload."},
    "upload.err.dash_amount": {
        "da": "Fandt '{found}', som ikke er et beløb. Skriv 0, hvis der ingen udgift er, eller lad feltet stå "
              "tomt, hvis udgiften ikke kendes.",
        "en": "Found '{found}', which is not an amount. Write 0 if there is no cost, or leave the cell empty if "
              "the cost is not known."},
    "upload.warn.percent_amount": {
        "da": "Fandt '{found}' med et procenttegn i en kolonne med beløb; gemt som {stored} kr. Kontrollér, at "
              "det er et beløb og ikke en andel.",
        "en": "Found '{found}' with a percent sign in a column of amounts; stored as {stored} kr. Check that it "
              "is an amount and not a share."},
    "upload.warn.date_window": {
        "da": "Datoen {found} ligger uden for det forventede tidsrum {start} til {end}. Rækken gemmes; "
              "kontrollér datoen.",
        "en": "The date {found} is outside the expected span {start} to {end}. The row is stored; check the "
              "date."},
    "upload.warn.date_early": {
        "da": "Datoen {found} ligger før {start}. Rækken gemmes; kontrollér datoen.",
        "en": "The date {found} is before {start}. The row is stored; check the date."},
    "upload.warn.negative_cost": {
        "da": "Den månedlige udgift er negativ ({found}). Rækken gemmes og trækker fra i udgiftsvisningerne; "
              "kontrollér fortegnet.",
        "en": "The monthly cost is negative ({found}). The row is stored and subtracts in the cost views; "
              "check the sign."},
    "upload.warn.text_cleaned": {
        "da": "Teksten indeholdt {what}, som er fjernet eller erstattet med mellemrum. Gemt som '{found}'.",
        "en": "The text contained {what}, which were removed or replaced by spaces. Stored as '{found}'."},
    "upload.clean.invisible": {"da": "{count} usynlige tegn (nul-bredde eller retningsstyring)",
                               "en": "{count} invisible characters (zero-width or direction control)"},
    "upload.clean.control": {"da": "{count} kontroltegn (fx et linjeskift fra Word)",
                             "en": "{count} control characters (e.g. a line break from Word)"},
    "upload.clean.and": {"da": " og ", "en": " and "},
    "upload.err.type.date": {"da": f"Fandt '{{found}}', forventede {_EXPECT_DATE_DA}.",
                             "en": f"Found '{{found}}', expected {_EXPECT_DATE_EN}."},
    "upload.err.type.int": {"da": "Fandt '{found}', forventede et helt tal.",
                            "en": "Found '{found}', expected a whole number."},
    "upload.err.type.amount": {"da": "Fandt '{found}', forventede et beløb som 1.234,50 eller 1.234 kr.",
                               "en": "Found '{found}', expected an amount such as 1.234,50 or 1.234 kr."},
    "upload.err.type.number": {"da": "Fandt '{found}', forventede et tal som 12,5.",
                               "en": "Found '{found}', expected a number such as 12,5."},
    "upload.err.type.yesno": {"da": "Fandt '{found}', forventede ja eller nej (også j/n, x/blank, yes/no, 1/0).",
                              "en": "Found '{found}', expected yes or no (also ja/nej, j/n, x/blank, 1/0)."},
    "upload.err.type.period": {"da": "Fandt '{found}', forventede en periode som 2025K3, 2025-07 eller 2025.",
                               "en": "Found '{found}', expected a period such as 2025K3, 2025-07 or 2025."},
    "upload.err.type.year": {"da": "Fandt '{found}', forventede et årstal som 2025.",
                             "en": "Found '{found}', expected a year such as 2025."},
    "upload.err.type.text": {"da": "Fandt '{found}', forventede tekst.", "en": "Found '{found}', expected text."},
    "upload.err.range": {"da": "Fandt {found}, forventede et helt tal fra {minimum} til {maximum}.",
                         "en": "Found {found}, expected a whole number from {minimum} to {maximum}."},
    "upload.err.too_big": {"da": "Fandt {found}, som er for stort til at være rigtigt. Kontrollér tallet.",
                           "en": "Found {found}, which is too large to be right. Check the number."},
    "upload.err.negative": {"da": "Fandt {found}, men '{column}' må ikke være negativ.",
                            "en": "Found {found}, but '{column}' must not be negative."},
    "upload.err.choice": {
        "da": "Fandt '{found}', som ikke er en tilladt værdi. Mente du '{suggestion}'? Tilladte værdier: {allowed}.",
        "en": "Found '{found}', which is not an allowed value. Did you mean '{suggestion}'? Allowed values: "
              "{allowed}."},
    "upload.err.choice_plain": {
        "da": "Fandt '{found}', som ikke er en tilladt værdi. Tilladte værdier: {allowed}.",
        "en": "Found '{found}', which is not an allowed value. Allowed values: {allowed}."},
    "upload.warn.choice_open": {
        "da": "Fandt '{found}', som ikke er et kendt nøgletal ({allowed}). Rækken gemmes alligevel.",
        "en": "Found '{found}', which is not a known key figure ({allowed}). The row is stored anyway."},
    "upload.err.paragraf": {
        "da": "Fandt '{found}', som ikke kan kobles til en indsatsfamilie. Forventede fx 'SEL § 11, stk. 3', "
              "'BL § 30', 'SEL § 52', 'BL § 32' eller 'BL § 46'.",
        "en": "Found '{found}', which cannot be mapped to an intervention family. Expected e.g. "
              "'SEL § 11, stk. 3', 'BL § 30', 'SEL § 52', 'BL § 32' or 'BL § 46'."},
    "upload.err.trin_missing": {
        "da": "Feltet er tomt, og trinnet kan ikke udledes af indsatstypen '{found}'. Skriv et trin fra 1 til 6.",
        "en": "The cell is empty and the step cannot be derived from the intervention type '{found}'. "
              "Write a step from 1 to 6."},
    "upload.err.distrikt_missing": {
        "da": "Feltet er tomt, og distriktet kan ikke udledes, fordi bevilgende_enhed_id er tom eller ukendt.",
        "en": "The cell is empty and the district cannot be derived because bevilgende_enhed_id is empty "
              "or unknown."},
    "upload.err.place_missing": {
        "da": "Både distrikt og enhed_id er tomme; udfyld mindst én af dem.",
        "en": "Both distrikt and enhed_id are empty; fill in at least one of them."},
    "upload.err.type_and_step": {
        "da": "Både indsatstype ('{found}') og trin ({step}) er udfyldt; udfyld kun den ene af dem.",
        "en": "Both indsatstype ('{found}') and trin ({step}) are filled in; fill in only one of them."},
    "upload.err.type_or_step_missing": {
        "da": "Både indsatstype og trin er tomme; udfyld den ene af dem.",
        "en": "Both indsatstype and trin are empty; fill in one of them."},
    "upload.warn.blank_cost": {
        "da": "Månedlig udgift er tom; indsatsen gemmes, men tæller ikke med i udgiftsvisningerne.",
        "en": "The monthly cost is empty; the intervention is stored but not counted in the cost views."},

    # --- rows against each other and against the store ----------------------------------------
    "upload.err.unknown_unit": {
        "da": "Enheden '{found}' findes ikke i Enheder (hverken i denne upload eller i databasen for {kommune}).",
        "en": "The unit '{found}' is not in Enheder (neither in this upload nor in the database for {kommune})."},
    "upload.err.unknown_district": {
        "da": "Distriktet '{found}' findes ikke i Enheder (hverken i denne upload eller i databasen for "
              "{kommune}).",
        "en": "The district '{found}' is not in Enheder (neither in this upload nor in the database for "
              "{kommune})."},
    "upload.err.date_order": {
        "da": "'{column}' er {found}, som ligger før '{other}' {other_value}.",
        "en": "'{column}' is {found}, which is before '{other}' {other_value}."},
    "upload.err.date_after": {
        "da": "'{column}' er {found}, som ligger efter '{other}' {other_value}.",
        "en": "'{column}' is {found}, which is after '{other}' {other_value}."},
    "upload.err.duplicate": {
        "da": "'{found}' står flere gange i '{column}' (også {other}). Hver værdi må kun forekomme én gang.",
        "en": "'{found}' appears more than once in '{column}' (also {other}). Each value may appear only once."},
    "upload.err.outside_quarter": {
        "da": "Fandt {found}, som ligger uden for det angivne kvartal {quarter} ({start} til {end}).",
        "en": "Found {found}, which is outside the stated quarter {quarter} ({start} to {end})."},

    # --- results -----------------------------------------------------------------------------
    "upload.ok.stored": {"da": "Gemt som indlæsning nr. {batch_id}: {rows} rækker.",
                         "en": "Stored as upload no. {batch_id}: {rows} rows."},
    "upload.ok.dry_run": {"da": "Prøvekørsel: intet er gemt. {rows} rækker ville blive gemt.",
                          "en": "Dry run: nothing stored. {rows} rows would be stored."},
    "upload.ok.identical": {
        "da": "Den samme fil er allerede indlæst (indlæsning nr. {batch_id} den {when}). Intet er ændret.",
        "en": "The same file is already loaded (upload no. {batch_id} on {when}). Nothing was changed."},
    "upload.summary": {"da": "{errors} fejl og {warnings} advarsler.", "en": "{errors} errors and {warnings} warnings."},
    "upload.has_errors": {"da": "Filen har fejl og er ikke gemt. Ret fejlene, og upload igen.",
                          "en": "The file has errors and was not stored. Fix them and upload again."},
    "upload.no_rows": {"da": "Filerne indeholder ingen rækker at gemme.",
                       "en": "The files contain no rows to store."},

    "upload.reupload.revised": {
        "da": "Den samme fil blev indlæst som nr. {batch_id} den {when}, men {replaced} af dens rækker er siden "
              "erstattet af {later}. Gemmer du, bliver filens rækker de gældende igen (som en ny indlæsning, der "
              "kan fortrydes).",
        "en": "The same file was stored as no. {batch_id} on {when}, but {replaced} of its rows have since been "
              "replaced by {later}. Saving makes the file's rows the current ones again (as a new upload that can "
              "be undone)."},

    # --- preview -----------------------------------------------------------------------------
    "upload.scope.title": {"da": "Det erstattes, når du gemmer (rækker her, som filen ikke har, flyttes til "
                                 "arkivet):",
                           "en": "What saving replaces (stored rows here that the file does not have move to "
                                 "the archive):"},
    "upload.scope.line": {"da": "{sheet} {period}: {what} {covered}", "en": "{sheet} {period}: {what} {covered}"},
    "upload.scope.year": {"da": "{sheet} {period}: hele årets forudsætninger",
                          "en": "{sheet} {period}: the whole year's assumptions"},
    "upload.scope.planned": {"da": "{sheet}: hele listen af planlagte sager", "en": "{sheet}: the whole list of planned cases"},
    "upload.scope.whole": {"da": "(hele kommunen)", "en": "(the whole municipality)"},
    "upload.scope.keys.utm": {"da": "enhed", "en": "unit"},
    "upload.scope.keys.indsats": {"da": "distrikt / betalende sektor", "en": "district / paying sector"},
    "upload.scope.keys.oekonomi": {"da": "sektor / projekt", "en": "sector / project"},
    "upload.scope.keys.noegletal": {"da": "distrikt / enhed / nøgletal", "en": "district / unit / key figure"},
    "upload.preview.table": {"da": "Ark", "en": "Sheet"},
    "upload.preview.period": {"da": "Periode", "en": "Period"},
    "upload.preview.new": {"da": "Nye", "en": "New"},
    "upload.preview.replaced": {"da": "Erstatter", "en": "Replace"},
    "upload.preview.unchanged": {"da": "Uændrede", "en": "Unchanged"},
    "upload.preview.removed": {"da": "Fjernes", "en": "Removed"},
    "upload.preview.no_period": {"da": "–", "en": "–"},

    # --- history and undo --------------------------------------------------------------------
    "upload.history.batch": {"da": "Nr.", "en": "No."},
    "upload.history.time": {"da": "Tidspunkt", "en": "Time"},
    "upload.history.user": {"da": "Bruger", "en": "User"},
    "upload.history.file": {"da": "Fil", "en": "File"},
    "upload.history.tables": {"da": "Ark", "en": "Sheets"},
    "upload.history.periods": {"da": "Perioder", "en": "Periods"},
    "upload.history.rows": {"da": "Rækker", "en": "Rows"},
    "upload.history.status": {"da": "Status", "en": "Status"},
    "upload.history.active": {"da": "Aktiv", "en": "Active"},
    "upload.history.undone": {"da": "Fortrudt {when}", "en": "Undone {when}"},
    "upload.undo.done": {"da": "Indlæsning nr. {batch_id} er fortrudt; {removed} rækker fjernet og {restored} "
                                "rækker genskabt.",
                         "en": "Upload no. {batch_id} was undone; {removed} rows removed and {restored} rows "
                               "restored."},
    "upload.undo.unknown": {"da": "Indlæsning nr. {batch_id} findes ikke.",
                            "en": "Upload no. {batch_id} does not exist."},
    "upload.undo.already": {"da": "Indlæsning nr. {batch_id} er allerede fortrudt.",
                            "en": "Upload no. {batch_id} has already been undone."},
    "upload.undo.conflict": {
        "da": "Indlæsning nr. {batch_id} kan ikke fortrydes, fordi den senere indlæsning nr. {later} har ændret "
              "de samme rækker. Fortryd nr. {later} først.",
        "en": "Upload no. {batch_id} cannot be undone because the later upload no. {later} changed the same "
              "rows. Undo no. {later} first."},

    # --- problem table columns (page, CLI, report) --------------------------------------------
    "upload.col.severity": {"da": "Type", "en": "Type"},
    "upload.col.file": {"da": "Fil", "en": "File"},
    "upload.col.sheet": {"da": "Ark", "en": "Sheet"},
    "upload.col.row": {"da": "Række", "en": "Row"},
    "upload.col.column": {"da": "Kolonne", "en": "Column"},
    "upload.col.problem": {"da": "Problem", "en": "Problem"},
    "upload.report.sheet": {"da": "Problemer", "en": "Problems"},

    # --- template ----------------------------------------------------------------------------
    "upload.template.guide": {"da": "Vejledning", "en": "Vejledning"},
    "upload.template.title": {"da": "Kvartalsindberetning – skabelon", "en": "Quarterly report – template"},
    "upload.template.intro": {
        "da": "Udfyld de ark, du har data til; ark uden data kan slettes eller stå tomme. Overskrifterne i "
              "række 1 må ikke omdøbes. Datoer skrives som dd-mm-åååå, beløb som 1.234,50, perioder som "
              "2025K3, 2025-07 eller 2025. Ja/nej skrives ja eller nej. Skriv aldrig CPR-numre: brug det "
              "pseudonyme barn_id fra fagsystemet. Upload hele filen på siden 'Upload' eller med "
              "'python -m steering_core import FIL.xlsx'.",
        "en": "Fill in the sheets you have data for; sheets without data may be deleted or left empty. Do not "
              "rename the headers in row 1. Write dates as dd-mm-yyyy, amounts as 1.234,50, periods as "
              "2025K3, 2025-07 or 2025, yes/no as ja or nej. Never write CPR numbers: use the pseudonymous "
              "barn_id from the case system."},
    "upload.template.col.sheet": {"da": "Ark", "en": "Sheet"},
    "upload.template.col.column": {"da": "Kolonne", "en": "Column"},
    "upload.template.col.kind": {"da": "Type", "en": "Type"},
    "upload.template.col.required": {"da": "Påkrævet", "en": "Required"},
    "upload.template.col.allowed": {"da": "Tilladte værdier og regler", "en": "Allowed values and rules"},
    "upload.template.yes": {"da": "ja", "en": "yes"},
    "upload.template.no": {"da": "nej", "en": "no"},
    "upload.kind.text": {"da": "tekst", "en": "text"},
    "upload.kind.date": {"da": "dato", "en": "date"},
    "upload.kind.int": {"da": "helt tal", "en": "whole number"},
    "upload.kind.amount": {"da": "beløb i kr.", "en": "amount in kr."},
    "upload.kind.number": {"da": "tal", "en": "number"},
    "upload.kind.yesno": {"da": "ja/nej", "en": "yes/no"},
    "upload.kind.choice": {"da": "værdi fra listen", "en": "value from the list"},
    "upload.kind.period": {"da": "periode", "en": "period"},
    "upload.kind.year": {"da": "årstal", "en": "year"},
    "upload.rule.range": {"da": "fra {minimum} til {maximum}", "en": "from {minimum} to {maximum}"},
    "upload.rule.min": {"da": "mindst {minimum}", "en": "at least {minimum}"},
    "upload.rule.open_list": {"da": "fx {allowed} (andre værdier giver en advarsel)",
                              "en": "e.g. {allowed} (other values give a warning)"},
    "upload.rule.enheder.enhed_id": {"da": "entydig i kommunen", "en": "unique within the municipality"},
    "upload.rule.enheder.kommune": {"da": "tom = installationens kommune", "en": "empty = this installation's "
                                                                                 "municipality"},
    "upload.rule.befolkning.distrikt": {"da": "skal findes i Enheder", "en": "must exist in Enheder"},
    "upload.rule.utm.moede_id": {"da": "entydig", "en": "unique"},
    "upload.rule.utm.henvendelsesdato": {"da": "ikke efter moededato", "en": "not after moededato"},
    "upload.rule.utm.enhed_id": {"da": "skal findes i Enheder", "en": "must exist in Enheder"},
    "upload.rule.utm.barn_id": {"da": "pseudonym nøgle, aldrig CPR-nummer", "en": "pseudonymous key, never a "
                                                                                 "CPR number"},
    "upload.rule.indsatser.indsats_id": {"da": "entydig", "en": "unique"},
    "upload.rule.indsatser.barn_id": {"da": "pseudonym nøgle, aldrig CPR-nummer",
                                      "en": "pseudonymous key, never a CPR number"},
    "upload.rule.indsatser.paragraf": {"da": "fx SEL § 11, stk. 3 / BL § 30 / SEL § 52 / BL § 32 / BL § 46",
                                       "en": "e.g. SEL § 11, stk. 3 / BL § 30 / SEL § 52 / BL § 32 / BL § 46"},
    "upload.rule.indsatser.trin": {"da": "indsatstrappens trin 1-6; kan stå tomt for kendte indsatstyper",
                                   "en": "staircase step 1-6; may be empty for known intervention types"},
    "upload.rule.indsatser.bevilgende_enhed_id": {"da": "skal findes i Enheder", "en": "must exist in Enheder"},
    "upload.rule.indsatser.distrikt": {"da": "påkrævet, medmindre bevilgende_enhed_id giver det",
                                       "en": "required unless bevilgende_enhed_id gives it"},
    "upload.rule.indsatser.slutdato": {"da": "tom = igangværende; ikke før startdato",
                                       "en": "empty = still running; not before startdato"},
    "upload.rule.indsatser.maanedlig_udgift": {"da": "kr. pr. måned; tom giver en advarsel",
                                               "en": "kr. per month; empty gives a warning"},
    "upload.rule.noegletal.distrikt": {"da": "distrikt eller enhed_id skal udfyldes",
                                       "en": "distrikt or enhed_id must be filled in"},
    "upload.rule.noegletal.enhed_id": {"da": "distrikt eller enhed_id skal udfyldes",
                                       "en": "distrikt or enhed_id must be filled in"},
    "upload.rule.budgetforudsaetninger.aar": {"da": "budgetåret", "en": "the budget year"},
    "upload.rule.budgetforudsaetninger.indsatstype": {
        "da": "som i Indsatser, fx Plejefamilie; udfyld enten indsatstype eller trin, ikke begge",
        "en": "as in Indsatser, e.g. Plejefamilie; fill in either indsatstype or trin, not both"},
    "upload.rule.budgetforudsaetninger.trin": {
        "da": "indsatstrappens trin; udfyld enten trin eller indsatstype, ikke begge",
        "en": "staircase step; fill in either trin or indsatstype, not both"},
    "upload.rule.budgetforudsaetninger.forventet_antal": {
        "da": "forventet antal helårsindsatser (gennemsnitligt antal samtidige indsatser over året); "
              "decimaler tilladt",
        "en": "expected number of full-year interventions (average number running at once over the year); "
              "decimals allowed"},
    "upload.rule.budgetforudsaetninger.forventet_gennemsnitspris": {
        "da": "forventet årlig udgift pr. helårsindsats, kr.",
        "en": "expected yearly cost per full-year intervention, kr."},
    "upload.rule.planlagtesager.sag_id": {"da": "et id for sagen (ingen CPR-numre)", "en": "an id for the case (no CPR numbers)"},
    "upload.rule.planlagtesager.sektor": {"da": "den betalende sektor", "en": "the paying sector"},
    "upload.rule.planlagtesager.maanedlig_udgift": {"da": "forventet udgift i kr. pr. måned",
                                                     "en": "expected cost in kr. per month"},
    "upload.rule.planlagtesager.startdato": {"da": "forventet start", "en": "expected start"},
    "upload.rule.planlagtesager.slutdato": {"da": "forventet stop; tom = løber året ud",
                                             "en": "expected stop; empty = runs to the year's end"},
    "upload.rule.planlagtesager.beskrivelse": {"da": "frivillig note", "en": "optional note"},
    "upload.rule.budgetforudsaetninger.kommune": {"da": "tom = installationens kommune",
                                                  "en": "empty = this installation's municipality"},

    # --- command line ------------------------------------------------------------------------
    "upload.cli.import.description": {
        "da": "Indlæs kvartalsregneark i kommunens database (ikke demodata).",
        "en": "Load quarterly spreadsheets into the municipality's database (not the demo data)."},
    "upload.cli.files": {"da": "en eller flere filer (.xlsx, .xlsm, .xls, .ods, .csv)",
                         "en": "one or more files (.xlsx, .xlsm, .xls, .ods, .csv)"},
    "upload.cli.db": {"da": "databasefil (standard: kommunens database, STEERING_DB)",
                      "en": "database file (default: the municipality's database, STEERING_DB)"},
    "upload.cli.dry_run": {"da": "kontrollér og vis, hvad der ville ske, men gem intet",
                           "en": "check and show what would happen, but store nothing"},
    "upload.cli.report": {"da": "skriv en kopi af filen med problemerne markeret til denne .xlsx-fil",
                          "en": "write a copy of the file with the problems highlighted to this .xlsx file"},
    "upload.cli.user": {"da": "brugernavn i historikken (standard: den indloggede bruger)",
                        "en": "user name in the history (default: the logged-in user)"},
    "upload.cli.quarter": {"da": "filens kvartal, fx 2025K3; rækker uden for kvartalet er fejl",
                           "en": "the file's quarter, e.g. 2025K3; rows outside it are errors"},
    "upload.cli.template.description": {"da": "Skriv skabelonen til kvartalsindberetningen.",
                                        "en": "Write the quarterly report template."},
    "upload.cli.out": {"da": "hvor skabelonen skal skrives (.xlsx)", "en": "where to write the template (.xlsx)"},
    "upload.cli.template_written": {"da": "Skabelonen er skrevet til {path}.", "en": "The template was written to {path}."},
    "upload.cli.protected": {"da": "Beskyttelsen af små tal er beregnet for de nye data ({seconds} s).",
                             "en": "The protection of small numbers is computed for the new data ({seconds} s)."},
    "upload.cli.report_written": {"da": "Rapporten med markerede problemer er skrevet til {path}.",
                                  "en": "The report with highlighted problems was written to {path}."},
    "upload.cli.no_report": {"da": "Der skrives ingen rapport for denne fil.",
                             "en": "No report is written for this file."},
    "upload.cli.cannot_write": {"da": "Kunne ikke skrive {path}: {reason}.", "en": "Could not write {path}: {reason}."},
    "upload.cli.preview": {"da": "Det sker, når filen gemmes:", "en": "What happens when the file is stored:"},

    # --- page --------------------------------------------------------------------------------
    "upload.page.title": {"da": "Upload af kvartalsdata", "en": "Quarterly data upload"},
    "upload.nav_title": {"da": "Upload", "en": "Upload"},
    "upload.page.intro": {
        "da": "Hent skabelonen, udfyld de ark du har data til, og upload filen. Intet gemmes, før du trykker "
              "'Gem'. Data gemmes i kommunens egen database, ikke i demodata.",
        "en": "Download the template, fill in the sheets you have data for and upload the file. Nothing is "
              "stored until you press 'Save'. Data goes into the municipality's own database, not the demo data."},
    "upload.page.template": {"da": "Hent skabelon (.xlsx)", "en": "Download template (.xlsx)"},
    "upload.page.files": {"da": "Vælg en eller flere filer", "en": "Choose one or more files"},
    "upload.page.quarter": {"da": "Filens kvartal (valgfrit, fx 2025K3)", "en": "The file's quarter (optional, "
                                                                            "e.g. 2025K3)"},
    "upload.page.problems": {"da": "Problemer i filen", "en": "Problems in the file"},
    "upload.page.report": {"da": "Hent filen med markerede problemer", "en": "Download the file with problems "
                                                                         "highlighted"},
    "upload.page.preview": {"da": "Det sker, når du gemmer", "en": "What happens when you save"},
    "upload.page.commit": {"da": "Gem", "en": "Save"},
    "upload.page.history": {"da": "Tidligere indlæsninger", "en": "Earlier uploads"},
    "upload.page.show": {"da": "Vis", "en": "Show"},
    "upload.page.undo": {"da": "Fortryd", "en": "Undo"},
    "upload.page.no_history": {"da": "Der er endnu ikke indlæst data.", "en": "No data has been uploaded yet."},
    "upload.page.ready": {"da": "Filen er klar til at blive gemt.", "en": "The file is ready to be saved."},

    # --- reference figures: what a hostile file is refused for (steering_core/reference) ---------
    "ref.err.statbank_duplicate": {
        "da": "Samme område, opdeling og periode står også i række {other}; de to tal ville blive lagt sammen. "
              "Slet den gentagne række, eller hent tabellen igen.",
        "en": "The same area, breakdown and period is also in row {other}; the two figures would be added "
              "together. Delete the repeated row or download the table again."},
    "ref.err.percent": {"da": "'{found}' er ikke en andel. Forventet en procent fra 0 til 100.",
                        "en": "'{found}' is not a share. Expected a percentage from 0 to 100."},
}
