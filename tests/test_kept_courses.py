"""The joined course register is kept as a table of its own (sources.KEPT_COURSES), rewritten in the
same transaction as every write to its inputs. A figure must never rest on a kept table that no
longer matches the stored rows: these tests change the rows every way the product can, and the way
code that does not keep the table would, and compare with the register made afresh."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from steering_core import access, engine, sources
from steering_core import store as store_module
from steering_core.engine import Request
from steering_core.store import FACT_TABLES, Store
from steering_core.upload import batches
from tests.builders import course, population, store_with, unit


def _kept_and_fresh(store: Store) -> tuple[list, list, bool]:
    with store.reading() as con:
        kept = con.execute(f"SELECT * FROM {sources.KEPT_COURSES} ORDER BY ALL").fetchall()
        fresh = con.execute(f"SELECT * FROM ({sources.COURSES_SELECT}) ORDER BY ALL").fetchall()
        return kept, fresh, sources.courses_kept(con)


def _assert_current(store: Store, courses: int) -> None:
    kept, fresh, current = _kept_and_fresh(store)
    assert current and kept == fresh and len(kept) == courses


def _frames(**rows) -> dict[str, pd.DataFrame]:
    return {name: pd.DataFrame.from_records(rows.get(name, []), columns=list(table.columns))
            for name, table in FACT_TABLES.items() if name in rows}


def _write(store: Store, file_name: str, **rows) -> int:
    """One upload of ``rows`` per table (``_frames``); the batch's id."""
    return store.write_batch(_frames(**rows), user="test", file_name=file_name, kind="test")


def _started(store: Store) -> float:
    frame = engine.compute(store, ["p11_started"], Request("2025K1", "2025K1"))
    return float(frame["value"].sum())


def test_the_kept_table_follows_a_new_batch_a_replacement_and_an_undo(tmp_path):
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord")],
                       befolkning=[population("Nord", 2025, "0-5", 400)],
                       indsats=[course(date(2025, 1, 6)), course(date(2025, 2, 3), date(2025, 3, 1))])
    _assert_current(store, 2)
    # A registration that continues the first one (joined into one course) and a new district's population.
    second = course(date(2025, 3, 10), indsatstype="Samtaleforløb")
    batch = _write(store, "b2", indsats=[second], befolkning=[population("Syd", 2024, "0-5", 300)])
    _assert_current(store, 3)
    # The same key again replaces the row: its end date changes the kept course end.
    _write(store, "b3", indsats=[{**second, "slutdato": date(2025, 3, 31)}])
    _assert_current(store, 3)
    later = store.rows("SELECT max(batch_id) FROM batch")[0][0]
    batches.undo(store, later, actor=access.SYSTEM)
    _assert_current(store, 3)
    batches.undo(store, batch, actor=access.SYSTEM)
    _assert_current(store, 2)


def test_a_write_that_fails_leaves_the_kept_table_as_it_was(tmp_path):
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord")], indsats=[course(date(2025, 1, 6))])
    before = _kept_and_fresh(store)

    def half_way(con):
        from steering_core.store import append_rows, new_batch
        batch = new_batch(con, user="t", file_name="x", kind="test")
        append_rows(con, "indsats", pd.DataFrame([course(date(2025, 2, 3))]), batch)
        raise RuntimeError("stopped half way")
    with pytest.raises(RuntimeError):
        store.write(half_way)
    assert _kept_and_fresh(store) == before


def test_rows_written_by_code_that_does_not_keep_the_table_still_count(tmp_path, monkeypatch):
    """An attack on the cache: rows added behind the store's back (older code, another tool) with a
    new batch. The kept table is then stale; a figure must count the new course all the same."""
    # Enough courses that the figure is shown (the minimum cell size hides fewer).
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord")],
                       indsats=[course(date(2025, 1, 6 + day)) for day in range(6)])
    assert _started(store) == 6
    row = course(date(2025, 3, 3))

    def behind_the_back(con):
        batch = con.execute("INSERT INTO batch (created_at, user_name, file_name, sha256, rows_per_table, kind) "
                            "VALUES (now(), 'old', 'old', '', '{}', 'test') RETURNING batch_id").fetchall()[0][0]
        con.register("row", pd.DataFrame([row]))
        con.execute(f"INSERT INTO indsats BY NAME SELECT *, {batch} AS batch_id FROM row")
    # Code that does not keep the table: the same write without it.
    with monkeypatch.context() as patched:
        patched.setattr(store_module, "keep_derived", lambda con, remake=False: None)
        store.write(behind_the_back)
    with store.reading() as read:
        assert not sources.courses_kept(read)
    assert _started(store) == 7
    # The next writer (or the app's start, through upgrade) brings the kept table up to date.
    store.upgrade()
    _assert_current(store, 7)
    assert _started(store) == 7


def test_a_file_made_before_the_table_was_kept_gets_it_at_upgrade(tmp_path, monkeypatch):
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord")],
                       indsats=[course(date(2025, 1, 6 + day)) for day in range(6)])

    def as_before(con):
        con.execute(f"DROP TABLE {sources.KEPT_COURSES}")
        con.execute("DELETE FROM meta WHERE key = ?", [sources.KEPT_COURSES_META])
    with monkeypatch.context() as patched:
        patched.setattr(store_module, "keep_derived", lambda con, remake=False: None)
        store.write(as_before)
    assert _started(store) == 6          # read from the rows, without the kept table
    store.upgrade()
    _assert_current(store, 6)


def test_what_a_request_learns_about_the_data_follows_every_write(tmp_path):
    """The cut-off, the municipalities and the grid's start are kept per version of the file: a write
    that moves the data on must move every later figure on, in the same process."""
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord")],
                       indsats=[course(date(2025, 1, 6 + day)) for day in range(6)])
    assert engine.compute(store, ["p11_started"], Request())["period"].max() == "2025K1"
    _write(store, "b2", indsats=[course(date(2025, 8, 4 + day)) for day in range(6)])
    later = engine.compute(store, ["p11_started"], Request())
    assert later["period"].max() == "2025K3"
    assert float(later.loc[later["period"] == "2025K3", "value"].sum()) == 6


def test_rows_that_landed_before_a_write_failed_are_kept_too(tmp_path):
    """Work outside a transaction that stores rows and then fails: the rows are stored (autocommit), so the
    kept table must follow them even though the work raised."""
    from steering_core.store import append_rows
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord")], indsats=[course(date(2025, 1, 6))])
    batch = store.rows("SELECT max(batch_id) FROM batch")[0][0]
    with pytest.raises(RuntimeError):
        with store.connect() as con:
            append_rows(con, "indsats", pd.DataFrame([course(date(2025, 2, 3))]), batch)
            raise RuntimeError("stopped after storing")
    _assert_current(store, 2)


def test_population_only_writes_undos_and_failures_in_a_row_keep_the_table_current(tmp_path):
    """Adversarial sequence (helper hE): a population-only upload moves a district's first year (the
    kept population_from), its undo moves it back, a failed write and two uploads in a row between."""
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord")],
                       befolkning=[population("Nord", 2025, "0-5", 400)],
                       indsats=[course(date(2024, 5, 6)), course(date(2025, 1, 6), distrikt="Syd")])
    _assert_current(store, 2)
    earlier = _write(store, "pop", befolkning=[population("Nord", 2023, "0-5", 390),
                                     population("Syd", 2024, "0-5", 100)])
    _assert_current(store, 2)
    with pytest.raises(Exception):
        _write(store, "bad", befolkning=[population("Syd", 2020, "0-5", None)])
    _assert_current(store, 2)
    second = _write(store, "c2", indsats=[course(date(2025, 2, 3), distrikt="Syd")])
    _write(store, "pop2", befolkning=[population("Syd", 2022, "0-5", 90)])
    _assert_current(store, 3)
    later = store.rows("SELECT max(batch_id) FROM batch")[0][0]
    batches.undo(store, later, actor=access.SYSTEM)
    _assert_current(store, 3)
    batches.undo(store, second, actor=access.SYSTEM)
    batches.undo(store, earlier, actor=access.SYSTEM)
    _assert_current(store, 2)
    with store.reading() as con:
        assert con.execute(f"SELECT distrikt, population_from FROM {sources.KEPT_COURSES} ORDER BY 1").fetchall() \
            == [("Nord", 2025), ("Syd", None)]
