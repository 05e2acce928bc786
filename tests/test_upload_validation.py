"""Messy extracts that must work, and every kind of problem with its exact Danish message and cell."""
from datetime import date

import pandas as pd
import pytest

from steering_core.store import Store
from tests import samples
from steering_core.upload.importer import prepare
from steering_core.upload.problems import problems_frame

UNITS = [samples.UNIT_HEADERS, *samples.UNITS]


def check(sheets: dict[str, list[list[object]]], tmp_path, hidden=(), **kw):
    data = samples.workbook_bytes(sheets, hidden=hidden)
    return prepare([("kvartal.xlsx", data)], store=Store(tmp_path / "t.duckdb"), **kw)


def found(prepared) -> list[tuple[str, str, int | None, str, str]]:
    """(severity, sheet, row, cell column, message) for every problem."""
    return [(p.severity, p.sheet, p.row, p.column, p.message) for p in prepared.problems]


def utm_row(**changes) -> list[object]:
    row = dict(zip(samples.UTM_HEADERS, ["M1", date(2025, 7, 3), date(2025, 7, 1), "S1", "B1", 9, "pige",
                                         "foerste", "ingen", "ja"]))
    row.update(changes)
    return list(row.values())


def indsats_row(**changes) -> list[object]:
    row = dict(zip(samples.INDSATS_HEADERS, samples.indsats_row(0)))
    row.update(changes)
    return list(row.values())


# --- messy extracts that must work ------------------------------------------------------------

def test_messy_utm_sheet_is_read(tmp_path):
    headers = ["Rådgiver deltog", "UDFALD", "  Møde-ID ", "Meeting date", "enhed id", "Child ID", "age", "Køn",
               "Mødetype", "Henvendelsesdato", "Kommentar"]
    rows = [
        ["Kvartalsindberetning UTM – Nordskolen"], [], ["Udtrukket 01-10-2025"], [],
        headers,
        ["x", "Paragraf 11", "M1", "03-07-2025", "S1", "B1", "9", "Pige", "Første", "01.07.2025", "ok"],
        [],
        ["", "ingen", "M2", 45845, "S2", "B2", 10.0, "", "opfoelgning", "2025-07-01", ""],
        [None, None, None, None, None, None, None, None, None, None, None],
        ["X", "Underretning", "M3", date(2025, 8, 1), "D1", "B3", 4, "DRENG", "opfølgning", None, "husk"],
        ["I alt", None, None, None, None, None, None, None, None, None, None],
    ]
    prepared = check({"Enheder": UNITS, "Teammøder": rows}, tmp_path)
    assert prepared.ok, found(prepared)
    assert found(prepared) == [
        ("advarsel", "Teammøder", 5, "K (Kommentar)", "Kolonnen 'Kommentar' findes ikke i skabelonen og gemmes ikke."),
        ("advarsel", "Teammøder", 11, "", "Rækken er en sumrække ('I alt') og er sprunget over."),
    ]
    utm = prepared.tables["utm"]
    assert utm["moede_id"].tolist() == ["M1", "M2", "M3"]
    assert utm["moededato"].dt.date.tolist() == [date(2025, 7, 3), date(2025, 7, 7), date(2025, 8, 1)]
    assert utm["udfald"].tolist() == ["paragraf11", "ingen", "underretning"]
    assert utm["moedetype"].tolist() == ["foerste", "opfoelgning", "opfoelgning"]
    assert utm["koen"].tolist()[0::2] == ["pige", "dreng"] and pd.isna(utm["koen"].iloc[1])
    assert utm["raadgiver_deltog"].tolist() == [True, False, True]   # x/blank: blank is no
    assert utm["alder"].tolist() == [9, 10, 4]
    assert utm["kommune"].unique().tolist() == ["Kommune"]
    [extra] = prepared.extras.values()
    assert extra["Kommentar"].tolist() == ["ok", "", "husk"] and extra["_row"].tolist() == [6, 8, 10]


def test_sheet_recognised_by_headers_alone(tmp_path):
    prepared = check({"Ark1": UNITS, "Data": [samples.INDSATS_HEADERS, indsats_row()]}, tmp_path)
    assert prepared.ok and sorted(prepared.tables) == ["enhed", "indsats"]


def test_amounts_as_danish_text_and_derived_fields(tmp_path):
    rows = [samples.INDSATS_HEADERS,
            indsats_row(indsats_id="I1", maanedlig_udgift="12.345,50 kr.", trin=None, distrikt=None,
                        indsatstype="Familiebehandling", paragraf="SEL § 11, stk. 3"),
            indsats_row(indsats_id="I2", maanedlig_udgift="-500", trin="", indsatstype="Plejefamilie",
                        paragraf="BL § 46", startdato="01-08-2025", slutdato="", planlagt_slutdato="")]
    prepared = check({"Enheder": UNITS, "Indsatser": rows}, tmp_path)
    assert prepared.ok, found(prepared)
    frame = prepared.tables["indsats"]
    assert frame["maanedlig_udgift"].tolist() == [12345.5, -500.0]
    assert frame["trin"].tolist() == [2, 5]
    assert frame["familie"].tolist() == ["forebyggende", "anbringelse"]
    assert frame["distrikt"].tolist() == ["Nord", "Nord"]   # from bevilgende_enhed_id S1


def test_oekonomi_and_noegletal_periods(tmp_path):
    rows = [samples.OEKONOMI_HEADERS, ["2025Q3", "Skole", "Løn", None, "1.000.000", "950.000,25"],
            [date(2025, 7, 1), "skole", "drift", "Trivsel på Tværs", 100, 90]]
    figures = [samples.NOEGLETAL_HEADERS, ["2025", "Nord", None, "underretninger", "42", None],
               ["2025-3", None, "S1", "Trivsel grøn", "71,5", 230], ["2025K3", "Nord", "", "ny_figur", 1, 1]]
    prepared = check({"Enheder": UNITS, "Økonomi": rows, "Nøgletal": figures}, tmp_path)
    assert prepared.ok, found(prepared)
    assert found(prepared) == [(
        "advarsel", "Nøgletal", 4, "D (noegletal)",
        "Fandt 'ny_figur', som ikke er et kendt nøgletal (underretninger, genunderretninger, fit_effekt, "
        "fit_samarbejde, trivsel_groen, trivsel_gul, trivsel_roed, fravaer_pct, sager_pr_raadgiver). "
        "Rækken gemmes alligevel.")]
    economy = prepared.tables["oekonomi"]
    assert economy[["periode", "sektor", "omkostningstype", "projekt", "budget", "forbrug"]].values.tolist() == [
        ["2025K3", "skole", "loen", "", 1_000_000.0, 950_000.25],
        ["2025-07", "skole", "drift", "Trivsel på Tværs", 100.0, 90.0]]
    assert economy["periode_start"].dt.date.tolist() == [date(2025, 7, 1)] * 2
    assert economy["periode_slut"].dt.date.tolist() == [date(2025, 9, 30), date(2025, 7, 31)]
    figures = prepared.tables["noegletal"]
    assert figures[["periode", "distrikt", "enhed_id", "noegletal", "vaerdi"]].values.tolist() == [
        ["2025", "Nord", "", "underretninger", 42.0], ["2025K3", "", "S1", "trivsel_groen", 71.5],
        ["2025K3", "Nord", "", "ny_figur", 1.0]]


def test_template_guide_and_empty_sheets_are_skipped_silently(tmp_path):
    prepared = check({"Vejledning": [["Sådan udfylder du"]], "Enheder": UNITS, "UTM": [samples.UTM_HEADERS],
                      "Ark2": []}, tmp_path)
    assert prepared.ok and found(prepared) == [] and list(prepared.tables) == ["enhed"]


def test_hidden_and_unknown_sheets_are_reported(tmp_path):
    prepared = check({"Enheder": UNITS, "Gammel UTM": [samples.UTM_HEADERS, utm_row()], "Noter": [["hej", "med"]]},
                     tmp_path, hidden=("Gammel UTM",))
    assert found(prepared) == [
        ("advarsel", "Gammel UTM", None, "", "Arket er skjult og er ikke indlæst. Vis arket i Excel, hvis det skal med."),
        ("advarsel", "Noter", None, "", "Arket blev ikke genkendt som et af skabelonens ark (Enheder, Befolkning, UTM, "
                                        "Indsatser, Oekonomi, Noegletal, Budgetforudsaetninger, PlanlagteSager, FITMaalinger) og er sprunget "
                                        "over."),
    ]
    assert prepared.ok and list(prepared.tables) == ["enhed"]


# --- every error kind ---------------------------------------------------------------------------

def test_missing_required_column(tmp_path):
    headers = [h for h in samples.UTM_HEADERS if h not in ("moededato", "udfald")]
    prepared = check({"Enheder": UNITS, "UTM": [["Titel"], headers, ["M1"]]}, tmp_path)
    assert [(p.severity, p.row, p.column, p.message) for p in prepared.errors][:2] == [
        ("fejl", 2, "moededato", "Den påkrævede kolonne 'moededato' mangler. Tilføj den i overskriftsrækken (række 2)."),
        ("fejl", 2, "udfald", "Den påkrævede kolonne 'udfald' mangler. Tilføj den i overskriftsrækken (række 2)."),
    ]
    assert not prepared.ok and prepared.preview is None


@pytest.mark.parametrize("column, value, letter, message", [
    ("moededato", "31-02-2025", "B", "Fandt '31-02-2025', forventede en dato som dd-mm-åååå, dd.mm.åååå eller "
                                     "åååå-mm-dd."),
    ("alder", "ni", "F", "Fandt 'ni', forventede et helt tal."),
    ("alder", 9.5, "F", "Fandt '9.5', forventede et helt tal."),
    ("alder", 23, "F", "Fandt 23, forventede et helt tal fra 0 til 22."),
    ("raadgiver_deltog", "måske", "J", "Fandt 'måske', forventede ja eller nej (også j/n, x/blank, yes/no, 1/0)."),
    ("udfald", "ingn", "I", "Fandt 'ingn', som ikke er en tilladt værdi. Mente du 'ingen'? Tilladte værdier: "
                            "paragraf11, almen_indsats, underretning, ingen, andet."),
    ("moedetype", "xyz", "H", "Fandt 'xyz', som ikke er en tilladt værdi. Tilladte værdier: foerste, opfoelgning."),
    ("barn_id", None, "E", "Feltet er tomt, men 'barn_id' skal udfyldes."),
    ("moedetype", "", "H", "Feltet er tomt, men 'moedetype' skal udfyldes."),
    ("enhed_id", "S9", "D", "Enheden 'S9' findes ikke i Enheder (hverken i denne upload eller i databasen for "
                            "Kommune)."),
    ("henvendelsesdato", date(2025, 7, 10), "C", "'henvendelsesdato' er 10-07-2025, som ligger efter 'moededato' "
                                                 "03-07-2025."),
])
def test_utm_cell_errors(tmp_path, column, value, letter, message):
    prepared = check({"Enheder": UNITS, "UTM": [samples.UTM_HEADERS, utm_row(), utm_row(moede_id="M2", **{column: value})]},
                     tmp_path)
    assert found(prepared) == [("fejl", "UTM", 3, f"{letter} ({column})", message)]
    assert not prepared.ok


@pytest.mark.parametrize("changes, letter_column, message", [
    ({"slutdato": "01-06-2025"}, "M (slutdato)", "'slutdato' er 01-06-2025, som ligger før 'startdato' 01-07-2025."),
    ({"maanedlig_udgift": "mange"}, "O (maanedlig_udgift)", "Fandt 'mange', forventede et beløb som 1.234,50 eller "
                                                            "1.234 kr."),
    ({"paragraf": "SEL § 999"}, "C (paragraf)", "Fandt 'SEL § 999', som ikke kan kobles til en indsatsfamilie. "
                                                "Forventede fx 'SEL § 11, stk. 3', 'BL § 30', 'SEL § 52', 'BL § 32' "
                                                "eller 'BL § 46'."),
    ({"trin": None, "indsatstype": "Noget nyt"}, "E (trin)", "Feltet er tomt, og trinnet kan ikke udledes af "
                                                             "indsatstypen 'Noget nyt'. Skriv et trin fra 1 til 6."),
    ({"trin": 7}, "E (trin)", "Fandt 7, forventede et helt tal fra 1 til 6."),
    ({"distrikt": None, "bevilgende_enhed_id": None}, "J (distrikt)",
     "Feltet er tomt, og distriktet kan ikke udledes, fordi bevilgende_enhed_id er tom eller ukendt."),
    ({"distrikt": "Vest"}, "J (distrikt)", "Distriktet 'Vest' findes ikke i Enheder (hverken i denne upload eller i "
                                           "databasen for Kommune)."),
    ({"betalende_sektor": "familie"}, "I (betalende_sektor)",
     "Fandt 'familie', som ikke er en tilladt værdi. Mente du 'familie_udfoerer'? Tilladte værdier: dagtilbud, "
     "skole, ppr, sundhedspleje, familie_myndighed, familie_udfoerer, beskaeftigelse, voksen_social."),
])
def test_indsats_errors(tmp_path, changes, letter_column, message):
    prepared = check({"Enheder": UNITS, "Indsatser": [samples.INDSATS_HEADERS, indsats_row(**changes)]}, tmp_path)
    assert [(p.row, p.column, p.message) for p in prepared.errors] == [(2, letter_column, message)]


def test_blank_cost_is_a_warning_and_rows_are_stored(tmp_path):
    prepared = check({"Enheder": UNITS, "Indsatser": [samples.INDSATS_HEADERS, indsats_row(maanedlig_udgift="")]},
                     tmp_path)
    assert prepared.ok
    assert found(prepared) == [("advarsel", "Indsatser", 2, "O (maanedlig_udgift)", "Månedlig udgift er tom; "
                                "indsatsen gemmes, men tæller ikke med i udgiftsvisningerne.")]


def test_duplicate_ids_within_and_across_files(tmp_path):
    store = Store(tmp_path / "t.duckdb")
    first = samples.workbook_bytes({"Enheder": UNITS, "UTM": [samples.UTM_HEADERS, utm_row(), utm_row(), utm_row(moede_id="M2")]})
    second = samples.workbook_bytes({"Møder": [samples.UTM_HEADERS, utm_row(moede_id="M2")]})
    prepared = prepare([("a.xlsx", first), ("b.xlsx", second)], store=store)
    assert [(p.file, p.row, p.column, p.message) for p in prepared.errors] == [
        ("a.xlsx", 2, "A (moede_id)", "'M1' står flere gange i 'moede_id' (også række 3). Hver værdi må kun forekomme "
                                      "én gang."),
        ("a.xlsx", 3, "A (moede_id)", "'M1' står flere gange i 'moede_id' (også række 2). Hver værdi må kun forekomme "
                                      "én gang."),
        ("a.xlsx", 4, "A (moede_id)", "'M2' står flere gange i 'moede_id' (også fil 'b.xlsx', ark 'Møder', række 2). "
                                      "Hver værdi må kun forekomme én gang."),
        ("b.xlsx", 2, "A (moede_id)", "'M2' står flere gange i 'moede_id' (også fil 'a.xlsx', ark 'UTM', række 4). "
                                      "Hver værdi må kun forekomme én gang."),
    ]


def test_outside_stated_quarter(tmp_path):
    sheets = {"Enheder": UNITS,
              "UTM": [samples.UTM_HEADERS, utm_row(), utm_row(moede_id="M2", moededato="01-10-2025")],
              "Oekonomi": [samples.OEKONOMI_HEADERS, ["2025K3", "skole", "loen", "", 1, 1],
                           ["2025-10", "skole", "drift", "", 1, 1], ["2025", "skole", "indsatser", "", 1, 1]]}
    prepared = check(sheets, tmp_path, stated_quarter="2025K3")
    assert [(p.sheet, p.row, p.column, p.message) for p in prepared.errors] == [
        ("UTM", 3, "B (moededato)", "Fandt 01-10-2025, som ligger uden for det angivne kvartal 2025K3 (01-07-2025 til "
                                    "30-09-2025)."),
        ("Oekonomi", 3, "A (periode)", "Fandt 2025-10, som ligger uden for det angivne kvartal 2025K3 (01-07-2025 til "
                                       "30-09-2025)."),
        ("Oekonomi", 4, "A (periode)", "Fandt 2025, som ligger uden for det angivne kvartal 2025K3 (01-07-2025 til "
                                       "30-09-2025)."),
    ]
    assert check(sheets, tmp_path).ok  # no stated quarter: none is inferred


def test_bad_stated_quarter(tmp_path):
    prepared = check({"Enheder": UNITS}, tmp_path, stated_quarter="juli")
    assert found(prepared) == [("fejl", "", None, "", "Det angivne kvartal 'juli' er ikke et kvartal (skriv fx 2025K3).")]


def test_negative_counts_and_population(tmp_path):
    rows = [samples.BEFOLKNING_HEADERS, ["Nord", 2025, "0-5", -3], ["Nord", "25", "0-5 år", 10], ["Vest", 2025, "6-17", 1]]
    prepared = check({"Enheder": UNITS, "Befolkning": rows}, tmp_path)
    assert [(p.row, p.column, p.message) for p in prepared.errors] == [
        (2, "D (antal)", "Fandt -3, men 'antal' må ikke være negativ."),
        (3, "B (aar)", "Fandt '25', forventede et årstal som 2025."),
        (4, "A (distrikt)", "Distriktet 'Vest' findes ikke i Enheder (hverken i denne upload eller i databasen for "
                            "Kommune)."),
    ]


def test_noegletal_needs_a_place(tmp_path):
    rows = [samples.NOEGLETAL_HEADERS, ["2025K3", None, None, "underretninger", 4, None]]
    prepared = check({"Enheder": UNITS, "Noegletal": rows}, tmp_path)
    assert [(p.row, p.column, p.message) for p in prepared.errors] == [
        (2, "B (distrikt)", "Både distrikt og enhed_id er tomme; udfyld mindst én af dem.")]
    prepared = check({"Noegletal": [["periode", "noegletal", "vaerdi"], ["2025K3", "underretninger", 1]]}, tmp_path)
    assert prepared.errors[0].message == ("Den påkrævede kolonne 'distrikt / enhed_id' mangler. Tilføj den i "
                                          "overskriftsrækken (række 1).")


def test_duplicate_header_and_missing_header_row(tmp_path):
    prepared = check({"Enheder": [samples.UNIT_HEADERS + ["Enhed ID"], [*samples.UNITS[0], "X"]],
                      "UTM": [["bare noget"], ["tekst"]]}, tmp_path)
    assert found(prepared) == [
        ("advarsel", "Enheder", 1, "F (Enhed ID)", "Kolonnen 'Enhed ID' står flere gange; kun den første (kolonne A) "
                                                   "bruges."),
        ("fejl", "UTM", None, "", "Arket ligner 'UTM', men overskriftsrækken blev ikke fundet. Forventede kolonner som "
                                  "moede_id, moededato, enhed_id, barn_id, alder, moedetype, udfald."),
    ]


def test_every_problem_is_reported_at_once(tmp_path):
    rows = [samples.UTM_HEADERS, utm_row(alder=99, udfald="?", moededato="x"), utm_row(moede_id="M2", enhed_id="Q")]
    prepared = check({"Enheder": UNITS, "UTM": rows}, tmp_path)
    assert [(p.row, p.column.split()[0]) for p in prepared.errors] == [(2, "B"), (2, "F"), (2, "I"), (3, "D")]


def test_units_already_stored_count_as_known(tmp_path):
    from steering_core.upload.importer import commit
    store = Store(tmp_path / "t.duckdb")
    assert commit(prepare([("e.xlsx", samples.workbook_bytes({"Enheder": UNITS}))], store=store), store=store).stored
    prepared = prepare([("u.xlsx", samples.workbook_bytes({"UTM": [samples.UTM_HEADERS, utm_row()]}))], store=store)
    assert prepared.ok, found(prepared)


def test_problem_table_for_page_and_cli(tmp_path):
    prepared = check({"Enheder": UNITS, "UTM": [samples.UTM_HEADERS, utm_row(alder=-1)]}, tmp_path)
    frame = problems_frame(prepared.problems)
    assert frame.columns.tolist() == ["Type", "Fil", "Ark", "Række", "Kolonne", "Problem"]
    assert frame.iloc[0].tolist() == ["Fejl", "kvartal.xlsx", "UTM", 2, "F (alder)",
                                      "Fandt -1, forventede et helt tal fra 0 til 22."]
    assert str(prepared.problems[0]) == ("Fejl: Fil 'kvartal.xlsx', ark 'UTM', række 2, kolonne F (alder): Fandt -1, "
                                         "forventede et helt tal fra 0 til 22.")


def test_english_messages(tmp_path, monkeypatch):
    monkeypatch.setenv("STEERING_LANG", "en")
    prepared = check({"Enheder": UNITS, "UTM": [samples.UTM_HEADERS, utm_row(alder="ni")]}, tmp_path)
    assert prepared.errors[0].message == "Found 'ni', expected a whole number."


def test_duplicate_keys_in_sheets_without_an_id(tmp_path):
    rows = [samples.OEKONOMI_HEADERS, ["2025K3", "skole", "loen", "", 1, 1], ["2025Q3", "Skole", "Løn", None, 2, 2]]
    prepared = check({"Oekonomi": rows}, tmp_path)
    assert [(p.row, p.column, p.message) for p in prepared.errors] == [
        (2, "A (periode)",
         "'2025K3 / skole / loen' står flere gange i 'periode / sektor / omkostningstype / projekt' (også række 3). "
         "Hver værdi må kun forekomme én gang."),
        (3, "A (periode)",
         "'2025K3 / skole / loen' står flere gange i 'periode / sektor / omkostningstype / projekt' (også række 2). "
         "Hver værdi må kun forekomme én gang."),
    ]


def test_numbers_too_large_for_the_store(tmp_path):
    rows = [samples.INDSATS_HEADERS, indsats_row(maanedlig_udgift="1.000.000.000.000")]
    prepared = check({"Enheder": UNITS, "Indsatser": rows}, tmp_path)
    assert [(p.column, p.message) for p in prepared.errors] == [
        ("O (maanedlig_udgift)", "Fandt 1000000000000, som er for stort til at være rigtigt. Kontrollér tallet.")]


# --- doubtful values: warned about, or said clearly --------------------------------------------------

def test_doubtful_values_are_warned_about_with_exact_messages(tmp_path):
    rows = [samples.INDSATS_HEADERS, indsats_row(indsats_id="I1", maanedlig_udgift="12 %"),
            indsats_row(indsats_id="I2", maanedlig_udgift=-500.0),
            indsats_row(indsats_id="I3", startdato=date(1990, 3, 1), planlagt_slutdato=date(2040, 1, 1))]
    prepared = check({"Enheder": UNITS, "Indsatser": rows}, tmp_path)
    assert prepared.ok
    warnings = [(p.row, p.column, p.message) for p in prepared.warnings]
    assert (2, "O (maanedlig_udgift)", "Fandt '12 %' med et procenttegn i en kolonne med beløb; gemt som 12 kr. "
            "Kontrollér, at det er et beløb og ikke en andel.") in warnings
    assert (3, "O (maanedlig_udgift)", "Den månedlige udgift er negativ (-500). Rækken gemmes og trækker fra i "
            "udgiftsvisningerne; kontrollér fortegnet.") in warnings
    early = [m for row, column, m in warnings if row == 4 and column == "K (startdato)"]
    assert early and early[0].startswith("Datoen 01-03-1990 ligger uden for det forventede tidsrum 01-01-2000 til ")
    assert not [m for row, column, m in warnings if column == "L (planlagt_slutdato)"]   # a planned end may be far


def test_dash_and_huge_amounts_are_said_clearly_and_once(tmp_path):
    rows = [samples.INDSATS_HEADERS, indsats_row(indsats_id="I1", maanedlig_udgift="-"),
            indsats_row(indsats_id="I2", maanedlig_udgift=1e308)]
    prepared = check({"Enheder": UNITS, "Indsatser": rows}, tmp_path)
    assert [(p.severity, p.row, p.message) for p in prepared.problems if p.column == "O (maanedlig_udgift)"] == [
        ("fejl", 2, "Fandt '-', som ikke er et beløb. Skriv 0, hvis der ingen udgift er, eller lad feltet stå "
                    "tomt, hvis udgiften ikke kendes."),
        ("fejl", 3, "Fandt 1e+308, som er for stort til at være rigtigt. Kontrollér tallet.")]


def test_invisible_characters_in_keys_are_removed_with_a_warning(tmp_path):
    from tests.hostile.make_corpus import rows_xml, xlsx
    # Excel stores Word's line break as _x000B_; openpyxl cannot write it at all
    units = rows_xml([samples.UNIT_HEADERS, ["S1\u200b", "Nord_x000B_skolen", "skole", "Nord", "skole"]])
    prepared = prepare([("k.xlsx", xlsx({"Enheder": units}))], store=Store(tmp_path / "t.duckdb"))
    assert prepared.ok
    assert prepared.tables["enhed"][["enhed_id", "enhed_navn"]].values.tolist() == [["S1", "Nord skolen"]]
    assert [(p.cell, p.message) for p in prepared.warnings] == [
        ("A2", "Teksten indeholdt 1 usynlige tegn (nul-bredde eller retningsstyring), som er fjernet eller "
               "erstattet med mellemrum. Gemt som 'S1'."),
        ("B2", "Teksten indeholdt 1 kontroltegn (fx et linjeskift fra Word), som er fjernet eller erstattet med "
               "mellemrum. Gemt som 'Nord skolen'.")]


def test_a_sheet_of_thousands_of_unknown_columns_is_one_warning(tmp_path):
    wide = [samples.UNIT_HEADERS + [f"kol{i}" for i in range(3000)], samples.UNITS[0] + [""] * 3000]
    prepared = check({"Enheder": wide}, tmp_path)
    assert [p.message for p in prepared.warnings] == [
        "3.000 kolonner findes ikke i skabelonen og gemmes ikke, fx 'kol0', 'kol1', 'kol2', 'kol3', 'kol4'."]
