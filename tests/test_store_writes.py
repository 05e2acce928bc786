"""The store owns every write (one path, one transaction) and tells a failed read in the product's words."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from steering_core.store import FACT_TABLES, Store, StoreError, new_batch, set_meta
from tests.builders import store_with, unit

CORE = Path(__file__).resolve().parents[1] / "steering_core"


def test_a_failed_read_says_what_went_wrong_in_danish_and_in_english(tmp_path, monkeypatch):
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord")])
    with pytest.raises(StoreError, match="mangler en del, programmet forventer"):
        store.query("SELECT * FROM tabel_der_ikke_findes")
    monkeypatch.setenv("STEERING_LANG", "en")
    with pytest.raises(StoreError, match="lacks a part the program expects"):
        with store.reading() as con:
            con.execute("SELECT * FROM tabel_der_ikke_findes")


def test_reads_answer_through_the_helper(tmp_path):
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord"), unit("S2", "Syd")])
    assert store.rows("SELECT enhed_id FROM enhed ORDER BY 1") == [("S1",), ("S2",)]
    assert store.query("SELECT count(*) AS n FROM enhed")["n"].tolist() == [2]
    assert store.meta()["kommune"] == "Testby"


def test_a_write_lands_whole_or_not_at_all(tmp_path):
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord")])

    def half_way(con):
        new_batch(con, user="t", file_name="x", kind="test")
        set_meta(con, {"kommune": "Andetby"})
        raise RuntimeError("stopped half way")
    with pytest.raises(RuntimeError):
        store.write(half_way)
    assert store.rows("SELECT count(*) FROM batch") == [(1,)]
    assert store.meta()["kommune"] == "Testby"
    batch = store.write(lambda con: new_batch(con, user="t", file_name="y", kind="test", counts={"enhed": 0}))
    assert store.rows("SELECT batch_id, file_name, rows_per_table FROM batch WHERE batch_id = ?", [batch]) == [
        (2, "y", '{"enhed": 0}')]


def test_only_the_store_writes_batches_meta_and_sheet_rows():
    tables = "|".join(["batch", "meta", *FACT_TABLES, *(t.archive for t in FACT_TABLES.values())])
    writing = re.compile(rf"(INSERT\s+(OR\s+REPLACE\s+)?INTO|UPDATE|DELETE\s+FROM)\s+({tables})\b", re.IGNORECASE)
    found = [f"{path.relative_to(CORE)}: {match.group(0)}" for path in CORE.rglob("*.py") if path.name != "store.py"
             for match in writing.finditer(path.read_text(encoding="utf-8"))]
    assert found == []


def test_write_batch_stores_rows_and_meta_in_one_batch(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    batch = store.write_batch({"enhed": pd.DataFrame([unit("S1", "Nord")])}, user="u", file_name="f",
                              meta={"kommune": "Testby"})
    assert store.rows("SELECT kommune, enhed_id, batch_id FROM enhed") == [("Testby", "S1", batch)]
    assert store.rows("SELECT user_name, file_name, kind FROM batch") == [("u", "f", "upload")]
