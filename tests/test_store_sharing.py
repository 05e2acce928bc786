"""Readers share one DuckDB instance per process; writers, here or in another process, take turns with them.

Lock conflicts wait and retry; when a writer holds the file too long, the message is Danish.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from steering_core import store as store_module
from steering_core.store import Store, StoreError

REPO_ROOT = Path(__file__).resolve().parents[1]

# A child process that takes the file for writing, says so, and keeps it for a while.
HOLD_FOR_WRITING = """
import sys, time
from steering_core.store import Store
with Store(sys.argv[1]).transaction() as con:
    con.execute("INSERT INTO meta VALUES ('holder', 'ja')")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""

# A child process that stores one batch (a meeting) as the import CLI would.
WRITE_ONE_BATCH = """
import sys
import pandas as pd
from steering_core.store import Store
Store(sys.argv[1]).write_batch({"enhed": pd.DataFrame([{"kommune": "K", "enhed_id": sys.argv[2],
    "enhed_navn": "Skole " + sys.argv[2], "enhedstype": "skole", "distrikt": "Nord", "sektor": "skole"}])},
    user="test", file_name=sys.argv[2] + ".xlsx")
print("stored", flush=True)
"""


def unit(unit_id: str) -> dict[str, pd.DataFrame]:
    return {"enhed": pd.DataFrame([{"kommune": "K", "enhed_id": unit_id, "enhed_navn": f"Skole {unit_id}",
                                    "enhedstype": "skole", "distrikt": "Nord", "sektor": "skole"}])}


def units(store: Store) -> list[str]:
    with store.connect(read_only=True) as con:
        return [row[0] for row in con.execute("SELECT enhed_id FROM enhed ORDER BY 1").fetchall()]


def child(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for_line(process: subprocess.Popen, expected: str) -> None:
    line = process.stdout.readline().strip()
    assert line == expected, process.stderr.read()


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    monkeypatch.setenv("STEERING_LOCK_WAIT", "20")
    created = Store(tmp_path / "s.duckdb")
    created.write_batch(unit("A"), user="test", file_name="a.xlsx")
    return created


def test_reads_reuse_one_database_instance(store, monkeypatch):
    opened = []
    real_connect = duckdb.connect

    def counting_connect(*args, **kwargs):
        opened.append(kwargs.get("read_only"))
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(store_module.duckdb, "connect", counting_connect)
    for _ in range(5):
        assert units(store) == ["A"]
    assert opened == [True]
    # A write closes the shared instance; the next read opens it again and sees the new row.
    store.write_batch(unit("B"), user="test", file_name="b.xlsx")
    assert units(store) == ["A", "B"]
    assert opened == [True, False, True]


def test_a_save_waits_for_a_read_in_another_session_of_the_same_process(store):
    reading, outcome = threading.Event(), {}

    def long_read():
        with store.connect(read_only=True) as con:
            reading.set()
            time.sleep(0.4)
            outcome["read"] = con.execute("SELECT count(*) FROM enhed").fetchall()[0][0]

    reader = threading.Thread(target=long_read)
    reader.start()
    reading.wait(5)
    store.write_batch(unit("B"), user="test", file_name="b.xlsx")   # used to fail: "different configuration"
    reader.join(5)
    assert outcome == {"read": 1}
    assert units(store) == ["A", "B"]


def test_reads_and_saves_wait_for_a_writer_in_another_process(store):
    assert units(store) == ["A"]          # this process now holds the file for reading
    holder = child(HOLD_FOR_WRITING, str(store.path), "1.0")
    wait_for_line(holder, "holding")       # it got the file: our idle reader let go of it
    started = time.monotonic()
    assert units(store) == ["A"]           # waits until the holder has committed ...
    assert store.meta()["holder"] == "ja"  # ... and then sees its write
    store.write_batch(unit("B"), user="test", file_name="b.xlsx")
    assert holder.wait(10) == 0
    assert time.monotonic() - started > 0.3
    assert units(store) == ["A", "B"]


def test_concurrent_imports_queue_instead_of_failing(store):
    holder = child(HOLD_FOR_WRITING, str(store.path), "0.8")
    wait_for_line(holder, "holding")
    writers = [child(WRITE_ONE_BATCH, str(store.path), name) for name in ("C", "D", "E")]
    for writer in writers:
        assert writer.wait(30) == 0, writer.stderr.read()
    assert holder.wait(10) == 0
    assert units(store) == ["A", "C", "D", "E"]


def test_a_writer_that_keeps_the_file_too_long_gives_a_danish_message(store, monkeypatch):
    monkeypatch.setenv("STEERING_LOCK_WAIT", "0.3")
    holder = child(HOLD_FOR_WRITING, str(store.path), "1.2")
    try:
        wait_for_line(holder, "holding")
        with pytest.raises(StoreError, match=r"optaget .* Der er ventet 0,3 sekunder"):
            store.write_batch(unit("B"), user="test", file_name="b.xlsx")
        with pytest.raises(StoreError, match=r"optaget"):
            units(store)
    finally:
        holder.wait(10)
    assert units(store) == ["A"]


def test_a_read_inside_a_write_of_the_same_thread_sees_the_file(store):
    with store.transaction() as con:
        con.execute("INSERT INTO meta VALUES ('x', 'y')")
        assert units(store) == ["A"]
