"""Preview, commit, replacement by scope, identical files, failures half way, history and undo."""
from datetime import date

import pytest

from steering_core.store import FACT_TABLES, Store
from steering_core.upload import batches, importer
from tests import samples
from steering_core.upload.batches import UndoError
from steering_core.upload.importer import commit, prepare

UNITS = [samples.UNIT_HEADERS, *samples.UNITS]


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "t.duckdb")


def upload(store, sheets, name="k.xlsx", **kw):
    prepared = prepare([(name, samples.workbook_bytes(sheets))], store=store, **kw)
    assert prepared.ok, [str(p) for p in prepared.errors]
    return prepared, commit(prepared, store=store, user="tester")


def state(store) -> dict[str, list[tuple]]:
    """Every row of every table, archive and batch included, in a stable order."""
    with store.connect(read_only=True) as con:
        names = [*FACT_TABLES, *(f"{t}_erstattet" for t in FACT_TABLES), "batch", "meta"]
        return {name: con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() for name in names}


def facts(store) -> dict[str, list[tuple]]:
    return {name: rows for name, rows in state(store).items() if name in FACT_TABLES}


def preview_rows(prepared) -> list[list[object]]:
    return prepared.preview[["tabel", "periode", "nye", "erstatter", "uaendrede", "fjernes"]].values.tolist()


def test_commit_stores_every_table_with_defaults(store):
    prepared, result = upload(store, {"Enheder": UNITS, "Befolkning": [samples.BEFOLKNING_HEADERS,
                                                                        *samples.befolkning_rows()],
                                      "UTM": [samples.UTM_HEADERS, *samples.utm_rows(4)],
                                      "Indsatser": [samples.INDSATS_HEADERS, *samples.indsats_rows(4)],
                                      "Oekonomi": [samples.OEKONOMI_HEADERS, *samples.oekonomi_rows()],
                                      "Noegletal": [samples.NOEGLETAL_HEADERS, *samples.noegletal_rows()]})
    assert result.stored and result.batch_id == 1 and result.rows == 4 + 6 + 4 + 4 + 3 + 2
    assert result.message == "Gemt som indlæsning nr. 1: 23 rækker."
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT DISTINCT kommune FROM utm").fetchall() == [("Kommune",)]
        assert con.execute("SELECT familie, count(*) FROM indsats GROUP BY 1 ORDER BY 1").fetchall() == [
            ("anbringelse", 1), ("forebyggende", 2), ("stoettende", 1)]
        assert con.execute("SELECT periode, periode_start, periode_slut, projekt FROM oekonomi ORDER BY budget").fetchall()[0] == (
            "2025K3", date(2025, 7, 1), date(2025, 9, 30), "")
        assert con.execute("SELECT distrikt, enhed_id FROM noegletal ORDER BY vaerdi").fetchall() == [("Nord", ""), ("", "S1")]
        batch = con.execute("SELECT user_name, file_name, kind, undone_at FROM batch").fetchall()
    assert batch == [("tester", "k.xlsx", "upload", None)]


def test_kommune_from_meta_or_from_the_units_sheet(store):
    units = [samples.UNIT_HEADERS + ["kommune"]] + [row + ["Haderslev"] for row in samples.UNITS]
    prepared, _ = upload(store, {"Enheder": units, "UTM": [samples.UTM_HEADERS, *samples.utm_rows(1)]})
    assert prepared.kommune == "Haderslev"
    assert store.meta()["kommune"] == "Haderslev"
    prepared, _ = upload(store, {"UTM": [samples.UTM_HEADERS, *samples.utm_rows(2)]})
    assert prepared.kommune == "Haderslev"
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT DISTINCT kommune FROM utm").fetchall() == [("Haderslev",)]


def test_identical_file_twice_changes_nothing(store):
    data = samples.quarterly_workbook()
    first = prepare([("k.xlsx", data)], store=store)
    assert commit(first, store=store, user="a").stored
    before = state(store)
    again = prepare([("kopi.xlsx", data)], store=store)
    assert again.identical_to is not None and again.identical_to[0] == 1
    assert all(again.preview["nye"] == 0) and all(again.preview["erstatter"] == 0)
    result = commit(again, store=store, user="b")
    assert not result.stored and result.batch_id == 1
    assert result.message.startswith("Den samme fil er allerede indlæst (indlæsning nr. 1 den ")
    assert result.message.endswith("). Intet er ændret.")
    assert state(store) == before


def test_preview_then_same_period_and_scope_replaces(store):
    upload(store, {"Enheder": UNITS, "UTM": [samples.UTM_HEADERS, *samples.utm_rows(6)]})
    # M000000..M000005 in units S1, S2, D1. New file: S1 and S2 only, M000000 changed, M000001 dropped, M9 new.
    rows = samples.utm_rows(6)
    changed = [r for r in rows if r[3] in ("S1", "S2") and r[0] != "M000001"]
    changed[0][5] = 17
    changed.append(["M9", date(2025, 8, 1), None, "S1", "B9", 5, "pige", "foerste", "ingen", "nej"])
    prepared = prepare([("s.xlsx", samples.workbook_bytes({"UTM": [samples.UTM_HEADERS, *changed]}))], store=store)
    assert preview_rows(prepared) == [["utm", "2025K3", 1, 1, 2, 1]]
    assert commit(prepared, store=store, user="t").stored
    with store.connect(read_only=True) as con:
        stored = dict(con.execute("SELECT moede_id, batch_id FROM utm").fetchall())
        archived = con.execute("SELECT moede_id, erstattet_af_batch FROM utm_erstattet ORDER BY 1").fetchall()
    # D1's meetings are outside the new file's scope and stay; M000001 (S2) is moved to the archive
    assert stored == {"M000000": 2, "M000002": 1, "M000003": 2, "M000004": 2, "M000005": 1, "M9": 2}
    assert archived == [("M000000", 2), ("M000001", 2), ("M000003", 2), ("M000004", 2)]


def test_other_quarters_and_sectors_are_outside_the_scope(store):
    upload(store, {"Oekonomi": [samples.OEKONOMI_HEADERS, *samples.oekonomi_rows("2025K2"),
                                *samples.oekonomi_rows("2025K3")]})
    rows = [samples.OEKONOMI_HEADERS, ["2025K3", "skole", "loen", "", 5, 5]]
    prepared = prepare([("f.xlsx", samples.workbook_bytes({"Oekonomi": rows}))], store=store)
    assert preview_rows(prepared) == [["oekonomi", "2025K3", 0, 1, 0, 1]]
    commit(prepared, store=store)
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT periode, sektor, omkostningstype, budget FROM oekonomi ORDER BY ALL").fetchall() == [
            ("2025K2", "familie_myndighed", "indsatser", 500000), ("2025K2", "skole", "indsatser", 200000),
            ("2025K2", "skole", "loen", 1000000), ("2025K3", "familie_myndighed", "indsatser", 500000),
            ("2025K3", "skole", "loen", 5)]


def test_months_inside_an_uploaded_quarter_are_replaced(store):
    upload(store, {"Enheder": UNITS, "Noegletal": [samples.NOEGLETAL_HEADERS, ["2025-07", "Nord", "", "underretninger", 3, None],
                                                   ["2025-08", "Nord", "", "underretninger", 4, None],
                                                   ["2025-08", "Syd", "", "underretninger", 9, None]]})
    prepared, _ = upload(store, {"Noegletal": [samples.NOEGLETAL_HEADERS, ["2025K3", "Nord", "", "underretninger", 12, None]]})
    assert preview_rows(prepared) == [["noegletal", "2025-07", 0, 0, 0, 1], ["noegletal", "2025-08", 0, 0, 0, 1],
                                      ["noegletal", "2025K3", 1, 0, 0, 0]]
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT periode, distrikt, vaerdi FROM noegletal ORDER BY ALL").fetchall() == [
            ("2025-08", "Syd", 9.0), ("2025K3", "Nord", 12.0)]


def test_errors_store_nothing(store):
    prepared = prepare([("k.xlsx", samples.workbook_bytes({"UTM": [samples.UTM_HEADERS, *samples.utm_rows(2)]}))],
                       store=store)
    assert not prepared.ok  # units unknown
    result = commit(prepared, store=store, user="t")
    assert not result.stored and result.message == "Filen har fejl og er ikke gemt. Ret fejlene, og upload igen."
    assert not store.exists()


def test_failure_half_way_leaves_the_database_exactly_as_before(store, monkeypatch):
    upload(store, {"Enheder": UNITS, "UTM": [samples.UTM_HEADERS, *samples.utm_rows(3)]})
    before = state(store)
    prepared = prepare([("k.xlsx", samples.quarterly_workbook(utm=5, indsatser=5))], store=store)
    assert prepared.ok
    calls = []
    real = importer.store_table

    def failing(con, name, frame, batch_id, kommune):
        calls.append(name)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        real(con, name, frame, batch_id, kommune)

    monkeypatch.setattr(importer, "store_table", failing)
    result = commit(prepared, store=store, user="t")
    assert calls == ["enhed", "befolkning", "utm"]
    assert not result.stored and result.message == "Databasen kunne ikke opdateres: RuntimeError. Intet er gemt."
    assert state(store) == before


def test_history_and_batch_rows(store):
    upload(store, {"Enheder": UNITS, "UTM": [samples.UTM_HEADERS, *samples.utm_rows(3)]}, name="første.xlsx")
    upload(store, {"Befolkning": [samples.BEFOLKNING_HEADERS, *samples.befolkning_rows(2024)]}, name="pop.xlsx")
    history = batches.history(store)
    assert [(b.batch_id, b.file_name, b.user, sorted(b.rows_per_table), b.periods, b.rows, b.active) for b in history] == [
        (2, "pop.xlsx", "tester", ["befolkning"], ["2024"], 6, True),
        (1, "første.xlsx", "tester", ["enhed", "utm"], ["2025K3"], 7, True)]
    frame = batches.history_frame(store)
    assert frame.columns.tolist() == ["Nr.", "Tidspunkt", "Bruger", "Fil", "Ark", "Perioder", "Rækker", "Status"]
    assert frame.iloc[1][["Ark", "Perioder", "Status"]].tolist() == ["Enheder, UTM", "2025K3", "Aktiv"]
    rows = batches.batch_rows(store, 1)
    assert sorted(rows) == ["enhed", "utm"] and rows["utm"]["status"].unique().tolist() == ["aktiv"]
    assert batches.history(Store(store.path.parent / "none.duckdb")) == []


def test_undo_restores_exactly_the_state_before(store):
    upload(store, {"Enheder": UNITS, "UTM": [samples.UTM_HEADERS, *samples.utm_rows(6)],
                   "Oekonomi": [samples.OEKONOMI_HEADERS, *samples.oekonomi_rows()]})
    before = facts(store)
    changed = samples.utm_rows(4)
    changed[0][5] = 3
    upload(store, {"UTM": [samples.UTM_HEADERS, *changed],
                   "Oekonomi": [samples.OEKONOMI_HEADERS, ["2025K3", "skole", "drift", "", 1, 2]]})
    assert facts(store) != before
    message = batches.undo(store, 2)
    assert message == "Indlæsning nr. 2 er fortrudt; 5 rækker fjernet og 8 rækker genskabt."
    assert facts(store) == before
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT batch_id, undone_at IS NOT NULL FROM batch ORDER BY 1").fetchall() == [(1, False), (2, True)]
        # nothing is lost: the undone batch's rows are still in the archive
        assert con.execute("SELECT count(*) FROM utm_erstattet WHERE batch_id = 2 AND erstattet_af_batch = 2").fetchall() == [(4,)]
    assert batches.batch_rows(store, 2)["utm"]["status"].unique().tolist() == ["fortrudt"]
    # the same file may now be uploaded again
    prepared = prepare([("k.xlsx", samples.workbook_bytes({"UTM": [samples.UTM_HEADERS, *changed],
                                                            "Oekonomi": [samples.OEKONOMI_HEADERS,
                                                                         ["2025K3", "skole", "drift", "", 1, 2]]}))],
                       store=store)
    assert prepared.identical_to is None


def test_undo_in_the_wrong_order_is_refused(store):
    upload(store, {"Enheder": UNITS, "UTM": [samples.UTM_HEADERS, *samples.utm_rows(3)]})
    upload(store, {"UTM": [samples.UTM_HEADERS, *samples.utm_rows(2)]})
    before = state(store)
    with pytest.raises(UndoError) as caught:
        batches.undo(store, 1)
    assert str(caught.value) == ("Indlæsning nr. 1 kan ikke fortrydes, fordi den senere indlæsning nr. 2 har ændret "
                                 "de samme rækker. Fortryd nr. 2 først.")
    assert state(store) == before
    batches.undo(store, 2)
    batches.undo(store, 1)
    assert all(not rows for rows in facts(store).values())
    with pytest.raises(UndoError, match="allerede fortrudt"):
        batches.undo(store, 1)
    with pytest.raises(UndoError, match="Indlæsning nr. 9 findes ikke."):
        batches.undo(store, 9)


def test_prepare_never_raises(store, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(importer, "validate", broken)
    prepared = prepare([("k.xlsx", samples.quarterly_workbook())], store=store)
    assert prepared.problems[0].message == ("Der opstod en uventet fejl under indlæsningen (ValueError). Intet er gemt. "
                                            "Kontakt support, hvis fejlen gentager sig.")
    assert prepare([], store=store).problems[0].message == "Vælg mindst én fil."


def test_import_files_from_disk(store, tmp_path):
    path = tmp_path / "k.xlsx"
    path.write_bytes(samples.quarterly_workbook())
    prepared, result = importer.import_files([path], store=store, user="cli", dry_run=True)
    assert prepared.ok and result is None and not store.exists()
    prepared, result = importer.import_files([path], store=store, user="cli")
    assert result.stored
    prepared, result = importer.import_files([tmp_path / "mangler.xlsx"], store=store)
    assert result is None and prepared.problems[0].message.startswith("Filen ")


def test_indsats_scope_is_district_and_paying_sector_in_the_quarters_covered(store):
    upload(store, {"Enheder": UNITS, "Indsatser": [samples.INDSATS_HEADERS, *samples.indsats_rows(4)]})
    # I000000 and I000002 are Nord, I000001 and I000003 Syd; a new Nord file without I000002
    prepared, _ = upload(store, {"Indsatser": [samples.INDSATS_HEADERS, samples.indsats_row(0)]})
    assert preview_rows(prepared) == [["indsats", "2025K3", 0, 0, 1, 1]]
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT indsats_id FROM indsats ORDER BY 1").fetchall() == [
            ("I000000",), ("I000001",), ("I000003",)]


def test_a_database_that_is_not_ours_is_reported_not_raised(tmp_path):
    path = tmp_path / "fremmed.duckdb"
    path.write_bytes(b"not a database at all" * 100)
    prepared = prepare([("k.xlsx", samples.quarterly_workbook())], store=Store(path))
    assert prepared.problems[0].message.startswith("Databasen kunne ikke opdateres: ")
    assert prepared.problems[0].message.endswith("Intet er gemt.")


def _meeting(moede_id: str, day: date, unit: str) -> list[object]:
    return [moede_id, day, day, unit, f"B-{moede_id}", 7, "pige", "foerste", "ingen", "ja"]


def test_scope_is_the_pairs_the_file_has_not_their_cross_product(store):
    upload(store, {"Enheder": UNITS, "UTM": [samples.UTM_HEADERS,
                                             _meeting("A", date(2025, 7, 2), "S1"), _meeting("B", date(2025, 7, 3), "S2"),
                                             _meeting("C", date(2025, 4, 2), "S1"), _meeting("D", date(2025, 4, 3), "S2")]})
    # S1 for 2025K3, and one S2 meeting dated in 2025K2: S2's 2025K3 and S1's 2025K2 are not in the file
    prepared, result = upload(store, {"UTM": [samples.UTM_HEADERS, _meeting("E", date(2025, 7, 9), "S1"),
                                              _meeting("F", date(2025, 5, 1), "S2")]})
    assert prepared.scope_lines == ["UTM 2025K2: enhed S2", "UTM 2025K3: enhed S1"]
    assert preview_rows(prepared) == [["utm", "2025K2", 1, 0, 0, 1], ["utm", "2025K3", 1, 0, 0, 1]]
    with store.connect(read_only=True) as con:
        live = con.execute("SELECT moede_id FROM utm ORDER BY 1").fetchall()
        archived = con.execute("SELECT moede_id FROM utm_erstattet ORDER BY 1").fetchall()
    assert live == [("B",), ("C",), ("E",), ("F",)] and archived == [("A",), ("D",)]


def test_oekonomi_scope_is_period_and_sector_pairs(store):
    rows = [["2025K3", "skole", "loen", "", 1000.0, 900.0], ["2025K2", "dagtilbud", "loen", "", 500.0, 400.0],
            ["2025K3", "dagtilbud", "loen", "", 700.0, 600.0], ["2025K2", "skole", "loen", "", 300.0, 200.0]]
    upload(store, {"Oekonomi": [samples.OEKONOMI_HEADERS, *rows]})
    prepared, _ = upload(store, {"Oekonomi": [samples.OEKONOMI_HEADERS, ["2025K3", "skole", "drift", "", 1.0, 1.0],
                                               ["2025K2", "dagtilbud", "drift", "", 2.0, 2.0]]})
    assert prepared.scope_lines == ["Oekonomi 2025K2: sektor / projekt dagtilbud",
                                    "Oekonomi 2025K3: sektor / projekt skole"]
    with store.connect(read_only=True) as con:
        kept = con.execute("SELECT periode, sektor, omkostningstype FROM oekonomi ORDER BY ALL").fetchall()
    assert kept == [("2025K2", "dagtilbud", "drift"), ("2025K2", "skole", "loen"),
                    ("2025K3", "dagtilbud", "loen"), ("2025K3", "skole", "drift")]


def test_cli_says_what_a_save_replaces(store, tmp_path, capsys):
    from steering_core.upload.cli import main as import_main
    path = tmp_path / "utm.xlsx"
    path.write_bytes(samples.workbook_bytes({"Enheder": UNITS, "UTM": [samples.UTM_HEADERS,
                                                                       _meeting("A", date(2025, 7, 2), "S1")]}))
    assert import_main([str(path), "--db", str(store.path), "--dry-run"]) == 0
    assert "UTM 2025K3: enhed S1" in capsys.readouterr().out


def test_reuploading_an_earlier_file_after_a_revision_restores_it(store):
    first = samples.workbook_bytes({"Enheder": UNITS, "UTM": [samples.UTM_HEADERS, _meeting("A", date(2025, 7, 2), "S1"),
                                                              _meeting("B", date(2025, 7, 3), "S1")]})
    older = _meeting("A", date(2025, 7, 2), "S1")
    older[5] = 9
    assert commit(prepare([("v1.xlsx", first)], store=store), store=store).stored
    upload(store, {"UTM": [samples.UTM_HEADERS, older]}, name="v2.xlsx")   # A revised, B gone
    again = prepare([("v1.xlsx", first)], store=store)
    assert again.identical_to is None and again.earlier is not None
    assert again.earlier.message() == (
        f"Den samme fil blev indlæst som nr. 1 den {importer._when(again.earlier.when)}, men 2 af dens rækker er "
        "siden erstattet af nr. 2. Gemmer du, bliver filens rækker de gældende igen (som en ny indlæsning, der "
        "kan fortrydes).")
    result = commit(again, store=store, user="tester")
    assert result.stored and result.batch_id == 3
    with store.connect(read_only=True) as con:
        live = con.execute("SELECT moede_id, alder, batch_id FROM utm ORDER BY 1").fetchall()
    assert live == [("A", 7, 3), ("B", 7, 3)]
    once_more = prepare([("v1.xlsx", first)], store=store)
    assert once_more.identical_to[0] == 3 and once_more.earlier is None
    assert not commit(once_more, store=store).stored
