"""DuckDB settings the store applies to every connection: a memory limit and a spill folder."""
from steering_core import config
from steering_core.store import Store


def setting(store: Store, name: str) -> str:
    with store.connect(read_only=True) as con:
        return con.execute("SELECT current_setting($name)", {"name": name}).fetchall()[0][0]


def test_connections_get_the_configured_memory_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("STEERING_MEMORY_LIMIT", "256MB")
    monkeypatch.setenv("STEERING_SPILL_DIR", str(tmp_path / "spill"))
    store = Store(tmp_path / "s.duckdb")
    store.initialise()
    # DuckDB reports the limit in its own units: 256MB is 244.1 MiB.
    assert setting(store, "memory_limit").startswith("244")
    assert setting(store, "temp_directory") == str(tmp_path / "spill")


def test_a_malformed_memory_limit_falls_back_to_the_default(monkeypatch):
    monkeypatch.setenv("STEERING_MEMORY_LIMIT", "lots")
    assert config.memory_limit() == config.DEFAULT_MEMORY_LIMIT
    monkeypatch.setenv("STEERING_MEMORY_LIMIT", "0MB")       # too small to open a database
    assert config.memory_limit() == config.DEFAULT_MEMORY_LIMIT
    monkeypatch.setenv("STEERING_MEMORY_LIMIT", "2 GB")
    assert config.memory_limit() == "2GB"


def test_row_counts_cover_every_fact_table(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.initialise()
    counts = store.row_counts()
    assert set(counts) >= {"enhed", "befolkning", "utm", "indsats", "oekonomi", "noegletal"}
    assert set(counts.values()) == {0}


def test_the_number_of_duckdb_threads_can_be_set(tmp_path, monkeypatch):
    store = Store(tmp_path / "s.duckdb")
    store.initialise()
    monkeypatch.setenv("STEERING_THREADS", "1")
    assert setting(store, "threads") == 1
    monkeypatch.setenv("STEERING_THREADS", "3")   # a changed setting opens the shared instance again
    assert setting(store, "threads") == 3
    monkeypatch.setenv("STEERING_THREADS", "many")
    assert config.duckdb_threads() is None
