"""The comparison with other municipalities: ranks, medians, the group suggestion, the summary, and the
reference figures (built in, key-figure sheet, Statbank files in both layouts) with their upload."""
from datetime import date
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from steering_core import comparison, engine
from steering_core.comparison import Candidate, Comparison, median, rank, suggest_group
from steering_core.reference import builtin, importer, keyfigures, statbank
from steering_core.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


# ---- ranks and medians, by hand ----

def test_rank_shares_equal_values_and_skips_the_next():
    values = {"A": 10.0, "B": 20.0, "C": 20.0, "D": 5.0, "E": None}
    assert [rank(values, who) for who in "ABCD"] == [3, 1, 1, 4]
    assert rank(values, "E") is None          # a hidden figure has no rank, and takes no part in others'


def test_median_odd_even_and_hidden():
    assert median([1.0, 3.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert median([5.0, 5.0, 1.0, 9.0]) == 5.0
    assert median([7.0, None, float("nan"), 1.0]) == 4.0
    assert median([None]) is None


def test_suggested_group_by_size_and_need():
    candidates = [Candidate("Egen Kommune", 60_000, 100), Candidate("A", 60_000, 120),   # 0 + 2 = 2
                  Candidate("B", 30_000, 100),                                          # 1 + 0 = 1
                  Candidate("C", 120_000, 95),                                          # 1 + 0,5 = 1,5
                  Candidate("D", 61_000, 101),                                          # 0,024 + 0,1
                  Candidate("E", 59_000, 100, comparable=False),                        # nothing to compare
                  Candidate(builtin.COUNTRY, 59_415, 100)]
    assert suggest_group(candidates, "Egen", size=3) == ["D", "B", "C"]
    assert suggest_group(candidates, "Ukendt") == []


def crafted() -> Comparison:
    rows = [  # kommune, year, value, hidden
        ("Egen", 2025, 50.0, False), ("A", 2025, 70.0, False), ("B", 2025, None, True), ("C", 2025, 40.0, False),
        ("D", 2025, 60.0, False),
        ("Egen", 2024, 45.0, False), ("A", 2024, 65.0, False), ("B", 2024, 30.0, False), ("C", 2024, 40.0, False),
        ("D", 2024, 55.0, False),
        (builtin.COUNTRY, 2024, 62.0, False)]
    figures = pd.DataFrame([{"kommune": k, "indicator": "prevention_ratio", "year": y, "value": v, "hidden": h,
                             "source": "test"} for k, y, v, h in rows])
    return Comparison("Egen", 2025, figures, ("A", "B", "C", "D"), (), (), False)


def test_summary_rank_median_distance_trend_by_hand():
    row = comparison.summary(crafted(), ("prevention_ratio",)).iloc[0]
    # 2025 shown: Egen 50, A 70, C 40, D 60 (B hidden): rank 3 of 4, median (50 + 60) / 2 = 55.
    assert (row["rank"], row["ranked"], row["members"]) == (3, 4, 5)
    assert row["median"] == 55.0 and row["distance"] == -5.0
    # 2024: 30, 40, 45, 55, 65 -> median 45; our change 50 - 45 = 5; the median's 55 - 45 = 10.
    assert row["own_change"] == 5.0 and row["median_change"] == 10.0
    # The country's newest figure up to the year, with its year.
    assert (row["country"], row["country_year"]) == (62.0, 2024)


def test_summary_writes_values_and_changes_in_the_indicators_units():
    from steering_core.views import comparison as view
    row = view.summary_figure(crafted()).table.set_index("indicator").loc["Forebyggelsesgrad"]
    # A share: its value in percent, a change and a distance in percentage points (units.py).
    assert (row["own"], row["own_change"], row["median"], row["distance"], row["median_change"]) == (
        "50,0 %", "+5,0 pct.point", "55,0 %", "−5,0 pct.point", "+10,0 pct.point")
    assert row["rank"] == "3 af 4" and row["country"] == "62,0 % (2024)"
    assert view.value_text("spend_per_0_22_steps_4_6", 5313.4) == "5.313 kr."
    assert view.change_text("spend_per_0_22_steps_4_6", -120.0) == "−120 kr."
    assert view.value_text("placements_step5_per_1000", 23.64) == "23,6"


def test_ranking_leaves_hidden_members_without_a_value():
    table = comparison.ranking(crafted(), "prevention_ratio")
    assert list(table["kommune"]) == ["A", "D", "Egen", "C", "B"]
    assert table.set_index("kommune").loc["B", "hidden"] and pd.isna(table.set_index("kommune").loc["B", "value"])


# ---- built-in reference figures (002 Bilagstabel 2.6, 000 Tabel 2.1) ----

def test_builtin_prevention_ratio_is_the_reports():
    rows = builtin.rows().set_index(["kommune", "aar", "felt"])["vaerdi"]
    # 002 L3346-3355: 62,5 / 64,3 / 71,8 % for the country, 46,5 / 49,6 / 57,6 % for the advisory ones.
    assert [round(rows[(builtin.COUNTRY, y, "prevention_ratio")], 1) for y in (2016, 2017, 2018)] == [62.5, 64.3, 71.8]
    assert [round(rows[(builtin.ADVISORY, y, "prevention_ratio")], 1) for y in (2016, 2017, 2018)] == [46.5, 49.6, 57.6]
    assert rows[("Haderslev", 2015, "udgiftsbehovsindeks")] == 121


# ---- Statbank files ----

def read_sheet(name: str) -> list[list[object]]:
    from steering_core.upload.reading import read_bytes
    return read_bytes(name, (FIXTURES / name).read_bytes()).sheets[0].rows


def test_api_csv_to_notifications():
    parsed = statbank.parse(read_sheet("statbank_und1_api.csv"), file="und1.csv")
    assert parsed.layout == statbank.API
    rows, problems = statbank.to_reference(parsed, "UND1", date(2024, 11, 13), file="und1.csv")
    found = rows.set_index(["kommune", "aar"])["vaerdi"].to_dict()
    assert found == {(builtin.COUNTRY, 2022): 47210, (builtin.COUNTRY, 2023): 49876, ("Silkeborg", 2022): 1532,
                     ("Silkeborg", 2023): 1611, ("Læsø", 2022): 3}
    assert set(rows["kilde"]) == {"Danmarks Statistik, UND1 (hentet 13-11-2024)"} and set(rows["tabel"]) == {"UND1"}
    assert [p.code for p in problems] == ["ref.warn.not_published"]


def test_website_export_reads_the_same_and_finds_its_table_in_the_title():
    parsed = statbank.parse(read_sheet("statbank_und1_web.csv"))
    assert parsed.layout == statbank.WEB and parsed.table == "UND1"
    web, _ = statbank.to_reference(parsed, None, date(2024, 11, 13))
    api, _ = statbank.to_reference(statbank.parse(read_sheet("statbank_und1_api.csv")), "UND1", date(2024, 11, 13))
    key = ["kommune", "aar"]
    assert web.sort_values(key).reset_index(drop=True).equals(api.sort_values(key).reset_index(drop=True))


def test_population_sums_ages_0_17_of_the_first_quarter_at_the_totals():
    parsed = statbank.parse(read_sheet("statbank_folk1a_api.csv"))
    rows, problems = statbank.to_reference(parsed, "FOLK1A", date(2024, 1, 2))
    assert not [p for p in problems if p.is_error]
    # Silkeborg: 0, 1 and 17 years at "I alt", 2023K1 (18 years, K2 and "Mænd" left out).
    assert rows.set_index("kommune")["vaerdi"].to_dict() == {"Silkeborg": 3300, "Læsø": 22}
    assert set(rows["felt"]) == {"befolkning_0_17"}


def test_statbank_errors_name_row_and_column():
    rows = [["OMRÅDE", "TID", "INDHOLD"], ["Silkeborg", "2023", "12x"]]
    parsed = statbank.parse(rows, file="f.csv", sheet="f")
    _, problems = statbank.to_reference(parsed, "UND1", None, file="f.csv", sheet="f")
    error = next(p for p in problems if p.is_error)
    assert (error.code, error.row, error.cell) == ("ref.err.value", 2, "C2")
    assert "12x" in error.message
    _, problems = statbank.to_reference(statbank.parse([["OMRÅDE", "TID", "INDHOLD"], ["A", "2023", "1"]]), "XYZ9", None)
    assert problems[0].code == "ref.err.unknown_table" and "UND1" in problems[0].message
    quarterly = statbank.parse([["OMRÅDE", "TID", "INDHOLD"], ["A", "2023K1", "1"]])
    assert statbank.to_reference(quarterly, "UND1", None)[1][0].code == "ref.err.yearly"


AREAS = st.lists(st.text("abcdefghijklmnopqrstuvwxyzæøå", min_size=2, max_size=10).map(str.capitalize),
                 min_size=1, max_size=4, unique=True)


@settings(max_examples=25, deadline=None)
@given(AREAS, st.lists(st.integers(2000, 2030), min_size=1, max_size=3, unique=True), st.data())
def test_both_layouts_give_the_same_rows(areas, years, data):
    values = {(a, y): data.draw(st.one_of(st.integers(0, 10**6), st.just(None))) for a in areas for y in years}
    api = [["OMRÅDE", "TID", "INDHOLD"]] + [[a, str(y), ".." if v is None else str(v)] for (a, y), v in values.items()]
    web = [["Tabel UND1: Underretninger"], ["Enhed: Antal"], [], ["", *map(str, years)]]
    web += [[a, *[".." if values[(a, y)] is None else values[(a, y)] for y in years]] for a in areas]
    # Regions, provinces and "Uoplyst kommune" are not municipalities, and are left out.
    expected = {(a, y): float(v) for (a, y), v in values.items()
                if v is not None and not a.lower().startswith(statbank.NOT_AN_AREA)}
    for rows in (api, web):
        found, problems = statbank.to_reference(statbank.parse(rows), "UND1", date(2024, 1, 1))
        assert not [p for p in problems if p.is_error]
        assert dict(zip(zip(found["kommune"], found["aar"]), found["vaerdi"])) == expected


def test_placements_by_type_from_anbaar12_in_both_layouts():
    api, problems = statbank.to_reference(statbank.parse(read_sheet("statbank_anbaar12_api.csv")), "ANBAAR12",
                                          date(2024, 11, 13))
    assert [p.code for p in problems] == ["ref.warn.not_published"]
    found = api.set_index(["kommune", "felt"])["vaerdi"].to_dict()
    # Foster families: almindelig 5.000 + kommunal 300; residential: døgninstitution 2.000 + opholdssted 2.500.
    # Kost- og efterskole (400) is in the total and in no type; "Uoplyst kommune" is no municipality.
    assert found == {
        (builtin.COUNTRY, "anbragte"): 13900, (builtin.COUNTRY, "anbragte_netvaerkspleje"): 1000,
        (builtin.COUNTRY, "anbragte_plejefamilie"): 5300, (builtin.COUNTRY, "anbragte_doegninstitution"): 4500,
        ("Silkeborg", "anbragte"): 190, ("Silkeborg", "anbragte_netvaerkspleje"): 12,
        ("Silkeborg", "anbragte_plejefamilie"): 78, ("Silkeborg", "anbragte_doegninstitution"): 40,
        ("Læsø", "anbragte"): 3, ("Læsø", "anbragte_netvaerkspleje"): 0}
    parsed = statbank.parse(read_sheet("statbank_anbaar12_web.csv"))
    assert parsed.layout == statbank.WEB and parsed.table == "ANBAAR12"
    web, _ = statbank.to_reference(parsed, None, date(2024, 11, 13))
    web = web.set_index(["kommune", "aar", "felt"])["vaerdi"]
    # The label written once and blank below is carried down; both years are read.
    assert web[("Silkeborg", 2022, "anbragte_plejefamilie")] == 66 + 9
    assert all(web[("Silkeborg", 2023, f)] == found[("Silkeborg", f)]
               for f in ("anbragte", "anbragte_netvaerkspleje", "anbragte_plejefamilie", "anbragte_doegninstitution"))
    assert set(api["kilde"]) == {"Danmarks Statistik, ANBAAR12 (hentet 13-11-2024)"}


PLACES = ("Netværksplejefamilie", "Almindelig plejefamlie", "Kommunal plejefamilie", "Opholdssted for børn og unge",
          "Døgninstitution, sikret afdeling", "Kost- og eller efterskole")


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(PLACES), min_size=1, max_size=6, unique=True), st.data())
def test_placement_types_sum_the_same_in_both_layouts(places, data):
    counts = {place: data.draw(st.integers(0, 500)) for place in places}
    api = [["ADMKOM", "ANBRINGELSE", "TID", "INDHOLD"]] + [["Silkeborg", p, "2023", str(n)] for p, n in counts.items()]
    web = [["Anbragte børn og unge (ANBAAR12)"], ["", "", "2023"]]
    web += [["Silkeborg" if i == 0 else "", p, n] for i, (p, n) in enumerate(counts.items())]
    table = statbank.TABLES["ANBAAR12"]
    expected = {}
    for place, n in counts.items():
        if table.field_of(place):
            expected[table.field_of(place)] = expected.get(table.field_of(place), 0) + n
    for rows in (api, web):
        found, problems = statbank.to_reference(statbank.parse(rows), "ANBAAR12", date(2024, 1, 1))
        if not expected:
            # Only places in no type (kost- og efterskole): nothing to use, and the message says what to fetch.
            assert [p.code for p in problems] == ["ref.err.not_total"] and "anbringelsessted" in problems[0].message
            continue
        assert not problems
        assert dict(zip(found["felt"], found["vaerdi"])) == expected


def test_a_placement_file_without_the_type_gives_the_total_only():
    rows = [["ADMKOM", "TID", "INDHOLD"], ["Silkeborg", "2023", "190"]]
    found, problems = statbank.to_reference(statbank.parse(rows), "ANBAAR12", date(2024, 1, 1))
    assert not problems and found[["kommune", "felt", "vaerdi"]].values.tolist() == [["Silkeborg", "anbragte", 190]]


def test_preventive_measures_from_an_isbu02_website_export_in_excel():
    book = Workbook()
    for row in (["ISBU02: Børn og unge der modtager indsatser og støtte efter kommune, indsats og tid"],
                ["Enhed: Antal"], [], [None, None, 2022, 2023],
                ["Hele landet", "BØRN OG UNGE DER MODTAGER FOREBYGGENDE FORANSTALTNINGER OG INDSATSER I ALT", 44000, 45000],
                [None, "TIDLIGT FOREBYGGENDE INDSATSER EFTER LOV OM SOCIAL SERVICE / BARNETS LOV", 20000, 21000],
                ["Silkeborg", "BØRN OG UNGE DER MODTAGER FOREBYGGENDE FORANSTALTNINGER OG INDSATSER I ALT", 700, 720],
                [None, "Konsulentbistand, herunder familierettede indsatser (SEL §11.3.1 / BL §30.1.1)", 100, 110]):
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    prepared = importer.prepare([("statistikbanken.xlsx", buffer.getvalue())], downloaded=date(2024, 6, 1),
                                isolate=False)
    assert prepared.ok, [str(p) for p in prepared.problems]
    found = prepared.rows.set_index(["kommune", "aar"])["vaerdi"].to_dict()
    assert found == {(builtin.COUNTRY, 2022): 44000, (builtin.COUNTRY, 2023): 45000, ("Silkeborg", 2022): 700,
                     ("Silkeborg", 2023): 720}
    assert set(prepared.rows["felt"]) == {"boern_forebyggende"}
    assert set(prepared.rows["kilde"]) == {"Danmarks Statistik, ISBU02 (hentet 01-06-2024)"}


def test_known_tables_that_cannot_be_mapped_are_refused_with_the_reason():
    rows = [["ADMKOM", "UNDERRET", "TID", "INDHOLD"], ["Silkeborg", "I alt", "2023", "900"]]
    _, problems = statbank.to_reference(statbank.parse(rows), "UND2", None)
    message = problems[0].message
    assert problems[0].code == "ref.err.refused_table"
    assert "tæller børn efter antal underretninger" in message and "UND1, ISBU02, ANBAAR12, FOLK1A" in message
    # The website names the table in its title: a refused table is found there too.
    web = [["Aktive indsatser og støtte til børn og unge i året efter kommune, indsats og tid (ISBU01)"],
           ["", "2023"], ["Silkeborg", "5"]]
    _, problems = statbank.to_reference(statbank.parse(web), None, None)
    assert problems[0].code == "ref.err.refused_table" and "ISBU02" in problems[0].message


def test_areas_as_codes_are_refused_and_a_detail_without_its_total_is_named():
    coded = [["ADMKOM", "TID", "INDHOLD"], ["000", "2023", "50"], ["101", "2023", "5"]]
    _, problems = statbank.to_reference(statbank.parse(coded), "UND1", None)
    assert [p.code for p in problems] == ["ref.err.codes"] and "'000'" in problems[0].message
    boys = [["ADMKOM", "KØN", "TID", "INDHOLD"], ["Silkeborg", "Drenge", "2023", "830"]]
    _, problems = statbank.to_reference(statbank.parse(boys), "UND1", None)
    assert problems[0].code == "ref.err.not_total" and problems[0].row == 2
    assert "'KØN'" in problems[0].message and "underrettere, alder, køn" in problems[0].message


# ---- the key-figure sheet and the upload ----

def sheet_bytes(rows: list[list[object]], title: str = keyfigures.SHEET) -> bytes:
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = ["kommune", "aar", "noegletal", "vaerdi", "antal", "kilde"]


def test_key_figure_sheet_errors_name_sheet_row_and_column():
    rows = [HEADER, ["Silkeborg", 2023, "prevention_ratio", "61,5", None, "FLIS"],
            ["Silkeborg", "tyve", "ukendt_tal", "x", None, "FLIS"],
            ["Silkeborg", 2023, "prevention_ratio", 60, None, "FLIS"]]
    frame, problems = keyfigures.parse(rows, file="ref.xlsx")
    assert frame.empty
    where = {(p.code, p.row, p.column_name) for p in problems}
    assert {("ref.err.year", 3, "aar"), ("ref.err.field", 3, "noegletal"), ("ref.err.number", 3, "vaerdi"),
            ("ref.err.duplicate", 4, "noegletal")} <= where
    assert all(p.sheet == keyfigures.SHEET for p in problems)


def test_upload_stores_everything_apart_from_own_data(tmp_path):
    store = Store(tmp_path / "ref.duckdb")
    rows = [HEADER, ["Silkeborg", 2023, "prevention_ratio", "61,5", None, "FLIS"],
            ["Silkeborg", 2023, "indbyggere", 94026, None, "FLIS"]]
    files = [("referencetal.xlsx", sheet_bytes(rows)),
             ("20241113104541UND1.csv", (FIXTURES / "statbank_und1_api.csv").read_bytes())]
    prepared = importer.prepare(files, isolate=False)
    assert prepared.ok, [str(p) for p in prepared.problems]
    stored, _ = importer.commit(prepared, store=store, user="test")
    assert stored
    found = importer.stored(store)
    assert len(found) == 7
    # The download date came from the file name; the table from it too.
    und1 = found[found["tabel"] == "UND1"]
    assert set(und1["hentet"].astype(str)) == {"2024-11-13"}
    assert engine.kommuner(store) == []          # the engine never sees reference rows


def test_nothing_half_stored(tmp_path, monkeypatch):
    store = Store(tmp_path / "ref.duckdb")
    prepared = importer.prepare([("UND1.csv", (FIXTURES / "statbank_und1_api.csv").read_bytes())], isolate=False)
    assert prepared.ok

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr("steering_core.store.replace_rows", fail)
    stored, message = importer.commit(prepared, store=store, user="test")
    assert not stored and "Intet er gemt" in message
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT count(*) FROM referencebatch").fetchall()[0][0] == 0


def test_cpr_number_stops_the_upload_without_repeating_it():
    cpr = "".join(["0101", "80", "-", "1234"])         # built at run time: no CPR-like text in the file
    prepared = importer.prepare([("UND1.csv", f"OMRÅDE;TID;INDHOLD\n{cpr};2023;5\n".encode())], isolate=False)
    assert prepared.stopped and prepared.problems[0].code == "upload.err.cpr"
    assert prepared.problems[0].cell == "A2" and cpr not in str(prepared.problems[0])
    assert prepared.rows.empty


def test_a_rate_on_few_children_is_hidden(tmp_path):
    store = Store(tmp_path / "ref.duckdb")
    prepared = importer.prepare([("UND1.csv", (FIXTURES / "statbank_und1_api.csv").read_bytes()),
                                 ("ref.xlsx", sheet_bytes([HEADER, ["Læsø", 2022, "befolkning_0_17", 300, None, "DST"],
                                                              ["Silkeborg", 2022, "befolkning_0_17", 20000, None, "DST"]]))],
                                isolate=False)
    importer.commit(prepared, store=store, user="test")
    figures = comparison._references(store, ["notifications_per_1000"])
    by = figures.set_index("kommune")
    assert by.loc["Læsø", "hidden"] and pd.isna(by.loc["Læsø", "value"])        # 3 notifications: < 5
    assert by.loc["Silkeborg", "value"] == pytest.approx(1532 / 20000 * 1000)   # 76,6 per 1.000


def test_placement_rates_from_anbaar12_and_folk1a(tmp_path):
    store = Store(tmp_path / "ref.duckdb")
    prepared = importer.prepare([("ANBAAR12.csv", (FIXTURES / "statbank_anbaar12_api.csv").read_bytes()),
                                 ("FOLK1A.csv", (FIXTURES / "statbank_folk1a_api.csv").read_bytes())], isolate=False)
    assert prepared.ok, [str(p) for p in prepared.problems]
    importer.commit(prepared, store=store, user="test")
    ids = ["placements_per_1000", "placements_step4_per_1000", "placements_step5_per_1000",
           "placements_step6_per_1000"]
    figures = comparison._references(store, ids).set_index(["kommune", "indicator"])
    # Silkeborg: 3.300 aged 0-17 (FOLK1A, 2023K1); 190, 12, 78 and 40 placed (ANBAAR12, 31-12-2023).
    assert figures.loc[("Silkeborg", "placements_per_1000"), "value"] == pytest.approx(190 / 3300 * 1000)
    assert figures.loc[("Silkeborg", "placements_step4_per_1000"), "value"] == pytest.approx(12 / 3300 * 1000)
    assert figures.loc[("Silkeborg", "placements_step5_per_1000"), "value"] == pytest.approx(78 / 3300 * 1000)
    assert figures.loc[("Silkeborg", "placements_step6_per_1000"), "value"] == pytest.approx(40 / 3300 * 1000)
    # Læsø: 3 placed children is under the minimum cell size: the rate is hidden.
    assert figures.loc[("Læsø", "placements_per_1000"), "hidden"]
    assert pd.isna(figures.loc[("Læsø", "placements_per_1000"), "value"])
    assert "ANBAAR12" in figures.loc[("Silkeborg", "placements_per_1000"), "source"]


# ---- the indicators added for the comparison, by hand ----

def test_placements_by_type_and_preventive_measures_per_1000(tmp_path):
    from tests.builders import UNITS_FOR_VIEWS, course, population, store_with

    start = date(2025, 1, 10)
    courses = ([course(start, None, trin=4, barn_id=f"N{n}") for n in range(2)]
               + [course(start, None, trin=5, barn_id=f"P{n}") for n in range(3)]
               + [course(start, None, trin=6, barn_id=f"I{n}") for n in range(1)]
               + [course(start, None, trin=2, barn_id=f"F{n}") for n in range(4)]
               + [course(start, date(2025, 2, 1), trin=3, barn_id="H0")]            # ended: not active
               + [course(start, None, trin=3, barn_id="H1")])
    store = store_with(tmp_path / "s.duckdb", enhed=UNITS_FOR_VIEWS, indsats=courses,
                       befolkning=[population("Nord", 2025, "0-5", 400), population("Nord", 2025, "6-17", 600),
                                   population("Nord", 2025, "18-22", 300)])
    ids = ["placements_step4_per_1000", "placements_step5_per_1000", "placements_step6_per_1000",
           "placements_per_1000", "preventive_per_1000"]
    result = engine.compute(store, ids, engine.Request("2025K1", "2025K1", min_cell=1)).set_index("indicator")
    # Per 1.000 of the 1.000 aged 0-17: 2, 3 and 1 placed; 6 in all; 4 + 1 on steps 2-3 at the end of Q1.
    assert result["value"].to_dict() == pytest.approx({
        "placements_step4_per_1000": 2.0, "placements_step5_per_1000": 3.0, "placements_step6_per_1000": 1.0,
        "placements_per_1000": 6.0, "preventive_per_1000": 5.0})


def test_trend_keeps_the_reports_country_apart_from_the_database():
    trend = comparison.trend(crafted(), "prevention_ratio").dropna().set_index(["year", "series"])["value"]
    assert trend.to_dict() == {(2024, "own"): 45.0, (2024, "median"): 45.0, (2024, "country"): 62.0,
                               (2025, "own"): 50.0, (2025, "median"): 55.0}


def test_only_finance_or_an_administrator_may_store_reference_figures(tmp_path):
    from steering_core import access
    store = Store(tmp_path / "ref.duckdb")
    rows = [HEADER, ["Silkeborg", 2023, "prevention_ratio", "61,5", None, "FLIS"]]
    prepared = importer.prepare([("referencetal.xlsx", sheet_bytes(rows))], isolate=False)
    seer = access.User("karin", frozenset({access.Grant(access.SEER)}))
    stored, message = importer.commit(prepared, store=store, actor=seer)
    assert not stored and "karin må ikke indlæse referencetal" in message
    assert not store.path.exists() or importer.stored(store).empty
    finance = access.User("bo", frozenset({access.Grant(access.FINANCE)}))
    stored, _ = importer.commit(prepared, store=store, user="bo", actor=finance)
    assert stored and len(importer.stored(store)) == 1
