"""The workbook contract declared once: the store's schema, the docs and old databases follow it."""
from __future__ import annotations

import duckdb
import pandas as pd

from steering_core.store import FACT_TABLES, MIGRATIONS, SCHEMA_VERSION, Store
from steering_core.upload import contract as c
from steering_core.upload import contract_docs
from tests.builders import meeting, store_with, unit

# The schema of version 6 as its migrations wrote it by hand, before the tables were derived from the
# contract: a database made then must migrate to what a new one is.
_V1_SHEETS = ("enhed", "befolkning", "utm", "indsats", "oekonomi", "noegletal")
LEGACY_V6 = {
    1: """
     CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
     CREATE SEQUENCE batch_id_seq START 1;
     CREATE TABLE batch (
         batch_id INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
         created_at TIMESTAMP NOT NULL, user_name VARCHAR NOT NULL, file_name VARCHAR NOT NULL,
         sha256 VARCHAR NOT NULL, rows_per_table JSON NOT NULL, kind VARCHAR NOT NULL,
         undone_at TIMESTAMP);

CREATE TABLE enhed (
    kommune VARCHAR NOT NULL, enhed_id VARCHAR NOT NULL, enhed_navn VARCHAR NOT NULL,
    enhedstype VARCHAR NOT NULL, distrikt VARCHAR NOT NULL, sektor VARCHAR NOT NULL,
    batch_id INTEGER NOT NULL, PRIMARY KEY (kommune, enhed_id));
CREATE TABLE befolkning (
    kommune VARCHAR NOT NULL, distrikt VARCHAR NOT NULL, aar INTEGER NOT NULL,
    aldersgruppe VARCHAR NOT NULL CHECK (aldersgruppe IN ('0-5', '6-17', '18-22')),
    antal INTEGER NOT NULL CHECK (antal >= 0),
    batch_id INTEGER NOT NULL, PRIMARY KEY (kommune, distrikt, aar, aldersgruppe));
CREATE TABLE utm (
    kommune VARCHAR NOT NULL, moede_id VARCHAR NOT NULL, moededato DATE NOT NULL,
    henvendelsesdato DATE, enhed_id VARCHAR NOT NULL, barn_id VARCHAR NOT NULL,
    alder INTEGER NOT NULL CHECK (alder BETWEEN 0 AND 22), koen VARCHAR,
    moedetype VARCHAR NOT NULL, udfald VARCHAR NOT NULL, raadgiver_deltog BOOLEAN,
    batch_id INTEGER NOT NULL, PRIMARY KEY (kommune, moede_id));
CREATE TABLE indsats (
    kommune VARCHAR NOT NULL, indsats_id VARCHAR NOT NULL, barn_id VARCHAR NOT NULL,
    paragraf VARCHAR NOT NULL, familie VARCHAR NOT NULL, indsatstype VARCHAR NOT NULL,
    trin INTEGER NOT NULL CHECK (trin BETWEEN 1 AND 6), bevilget_af VARCHAR NOT NULL,
    bevilgende_enhed_id VARCHAR, udfoerende_enhed_id VARCHAR, betalende_sektor VARCHAR NOT NULL,
    distrikt VARCHAR NOT NULL, startdato DATE NOT NULL, planlagt_slutdato DATE,
    slutdato DATE CHECK (slutdato IS NULL OR slutdato >= startdato), forlaenget BOOLEAN,
    maanedlig_udgift DECIMAL(14, 2), utm_moede_id VARCHAR, maal_opfyldt VARCHAR,
    batch_id INTEGER NOT NULL, PRIMARY KEY (kommune, indsats_id));
CREATE TABLE oekonomi (
    kommune VARCHAR NOT NULL, periode VARCHAR NOT NULL, periode_start DATE NOT NULL,
    periode_slut DATE NOT NULL, sektor VARCHAR NOT NULL, omkostningstype VARCHAR NOT NULL,
    projekt VARCHAR NOT NULL DEFAULT '', budget DECIMAL(16, 2) NOT NULL, forbrug DECIMAL(16, 2) NOT NULL,
    batch_id INTEGER NOT NULL, PRIMARY KEY (kommune, periode, sektor, omkostningstype, projekt));
CREATE TABLE noegletal (
    kommune VARCHAR NOT NULL, periode VARCHAR NOT NULL, periode_start DATE NOT NULL,
    periode_slut DATE NOT NULL, distrikt VARCHAR NOT NULL DEFAULT '', enhed_id VARCHAR NOT NULL DEFAULT '',
    noegletal VARCHAR NOT NULL, vaerdi DOUBLE NOT NULL, antal INTEGER,
    batch_id INTEGER NOT NULL, PRIMARY KEY (kommune, periode, distrikt, enhed_id, noegletal));
""",
    3: """
     CREATE SEQUENCE note_id_seq START 1;
     CREATE TABLE note (
         note_id INTEGER PRIMARY KEY DEFAULT nextval('note_id_seq'),
         item VARCHAR NOT NULL, periode VARCHAR NOT NULL, omfang VARCHAR NOT NULL,
         version INTEGER NOT NULL, tekst VARCHAR NOT NULL, forfatter VARCHAR NOT NULL,
         oprettet TIMESTAMP NOT NULL, UNIQUE (item, periode, omfang, version));
     """,
    4: """
     CREATE TABLE budgetforudsaetninger (
         kommune VARCHAR NOT NULL, aar INTEGER NOT NULL,
         indsatstype VARCHAR NOT NULL DEFAULT '', trin INTEGER NOT NULL DEFAULT 0 CHECK (trin BETWEEN 0 AND 6),
         forventet_antal DOUBLE NOT NULL CHECK (forventet_antal >= 0),
         forventet_gennemsnitspris DECIMAL(14, 2) NOT NULL CHECK (forventet_gennemsnitspris >= 0),
         batch_id INTEGER NOT NULL,
         CHECK ((indsatstype = '') <> (trin = 0)),
         PRIMARY KEY (kommune, aar, indsatstype, trin));
     CREATE TABLE budgetforudsaetninger_erstattet AS
         SELECT *, 0 AS erstattet_af_batch FROM budgetforudsaetninger WITH NO DATA;
     CREATE TABLE fordelingsnoegle (
         kommune VARCHAR NOT NULL, projekt VARCHAR NOT NULL, version INTEGER NOT NULL,
         gemt TIMESTAMP NOT NULL, bruger VARCHAR NOT NULL, note VARCHAR NOT NULL DEFAULT '',
         sektor VARCHAR NOT NULL, andel DECIMAL(7, 4) NOT NULL CHECK (andel BETWEEN 0 AND 100),
         PRIMARY KEY (kommune, projekt, version, sektor));
     """,
    5: """
     CREATE TABLE investeringscase (
         kommune VARCHAR NOT NULL, navn VARCHAR NOT NULL, version INTEGER NOT NULL,
         gemt TIMESTAMP NOT NULL, bruger VARCHAR NOT NULL, note VARCHAR NOT NULL DEFAULT '',
         indhold JSON NOT NULL, PRIMARY KEY (kommune, navn, version));
     CREATE TABLE effektiviseringskrav (
         kommune VARCHAR NOT NULL, navn VARCHAR NOT NULL, version INTEGER NOT NULL,
         gemt TIMESTAMP NOT NULL, bruger VARCHAR NOT NULL, note VARCHAR NOT NULL DEFAULT '',
         indhold JSON NOT NULL, PRIMARY KEY (kommune, navn, version));
     """,
    6: """
     CREATE TABLE planlagt_sag (
         kommune VARCHAR NOT NULL, sag_id VARCHAR NOT NULL, sektor VARCHAR NOT NULL,
         maanedlig_udgift DECIMAL(14, 2) NOT NULL CHECK (maanedlig_udgift >= 0),
         startdato DATE NOT NULL, slutdato DATE CHECK (slutdato IS NULL OR slutdato >= startdato),
         beskrivelse VARCHAR NOT NULL DEFAULT '',
         batch_id INTEGER NOT NULL, PRIMARY KEY (kommune, sag_id));
     CREATE TABLE planlagt_sag_erstattet AS SELECT *, 0 AS erstattet_af_batch FROM planlagt_sag WITH NO DATA;
     """,
    2: "\n".join(f"CREATE TABLE {name}_erstattet AS SELECT *, 0 AS erstattet_af_batch FROM {name} WITH NO DATA;"
                   for name in _V1_SHEETS),
}


def _schema(path) -> tuple[list[tuple], list[tuple]]:
    """Every column (type, nullability, default, position) and every constraint of the file."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        columns = con.execute("""SELECT table_name, column_index, column_name, data_type, is_nullable, column_default
                                 FROM duckdb_columns() WHERE table_name <> 'schema_version' ORDER BY ALL""").fetchall()
        constraints = con.execute("""SELECT table_name, constraint_type, expression, constraint_column_names
                                     FROM duckdb_constraints() WHERE table_name <> 'schema_version'
                                     ORDER BY ALL""").fetchall()
    finally:
        con.close()
    return columns, constraints


def _legacy_database(path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL, "
                "description VARCHAR NOT NULL)")
    for version in sorted(LEGACY_V6):
        con.execute(LEGACY_V6[version])
        con.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP, 'legacy')", [version])
    con.execute("INSERT INTO batch (created_at, user_name, file_name, sha256, rows_per_table, kind) "
                "VALUES (now()::TIMESTAMP, 'gammel', 'gammel.xlsx', 'x', '{}', 'upload')")
    con.execute("INSERT INTO enhed VALUES ('Testby', 'S1', 'Skolen', 'skole', 'Nord', 'skole', 1)")
    con.close()


def test_an_old_database_migrates_to_what_a_new_one_is_and_keeps_its_rows(tmp_path):
    old, new = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    _legacy_database(old)
    Store(old).initialise()
    Store(new).initialise()
    assert _schema(old) == _schema(new)
    assert Store(old).schema_version() == SCHEMA_VERSION
    assert Store(old).row_counts()["enhed"] == 1
    # and it takes a new batch that replaces the old row (archived under the new batch's id)
    batch = Store(old).write_batch({"enhed": pd.DataFrame([unit("S1", "Syd")])}, user="t", file_name="ny")
    with Store(old).connect(read_only=True) as con:
        assert con.execute("SELECT distrikt, batch_id FROM enhed").fetchall() == [("Syd", batch)]
        assert con.execute("SELECT distrikt, batch_id, erstattet_af_batch FROM enhed_erstattet").fetchall() == [
            ("Nord", 1, batch)]


def test_every_declared_sheet_has_its_table_and_archive_with_the_declared_columns(tmp_path):
    store = store_with(tmp_path / "s.duckdb", enhed=[unit("S1", "Nord")])
    with store.connect(read_only=True) as con:
        for spec in c.SHEETS:
            columns = [row[0] for row in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [spec.table]).fetchall()]
            archived = [row[0] for row in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [spec.archive]).fetchall()]
            assert columns == [*spec.store_columns, "batch_id"], spec.name
            assert archived == [*columns, "erstattet_af_batch"], spec.name
            key = con.execute("SELECT constraint_column_names FROM duckdb_constraints() "
                              "WHERE table_name = ? AND constraint_type = 'PRIMARY KEY'", [spec.table]).fetchall()
            assert tuple(key[0][0]) == spec.store_key == FACT_TABLES[spec.table].key, spec.name


def test_the_migrations_are_numbered_one_after_another():
    assert [version for version, _, _ in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_the_declaration_names_only_its_own_columns():
    for spec in c.SHEETS:
        names = set(spec.store_columns)
        assert len(names) == len(spec.store_columns), spec.name
        assert set(spec.store_key) <= names, spec.name
        assert set(spec.replaces.keys) <= names, spec.name
        assert spec.dated_by is None or spec.dated_by in names, spec.name
        assert spec.replaces.per in (c.BY_KEY, c.PER_PERIOD, c.PER_YEAR, c.WHOLE_LIST), spec.name
        assert spec.replaces.per != c.PER_PERIOD or spec.dated_by, spec.name
        assert all(d.source in names for d in spec.derived), spec.name


def test_data_format_shows_the_declared_columns():
    text = contract_docs.DOC.read_text(encoding="utf-8")
    assert contract_docs.rewritten(text) == text, "run: python -m steering_core.upload.contract_docs"
    assert "| alder | int | yes | INTEGER NOT NULL CHECK (alder BETWEEN 0 AND 22) | 0-22 |" in text
