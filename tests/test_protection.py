"""The protected cubes' hidden cells: integer-coded lookup, and the copy kept on disk beside the database."""
from datetime import date

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from steering_core import disclosure, engine
from steering_core.engine import Request, compute
from steering_core import protection
from steering_core.protection import Saved
from tests.builders import KOMMUNE, meeting, store_with, unit

INTERVALS = ["2025-01-01/2025-03-31", "2025-04-01/2025-06-30", "2025-01-01/2025-12-31"]
PARTS = {"measure": ["m1", "m2"], "kommune": ["A", "B"], "interval": INTERVALS, "geo": ["K", "D:Nord", "U:S1"],
         "cat": ["", "sector=skole"]}
cells = st.tuples(*(st.sampled_from(values) for values in PARTS.values()))


def _cube(keys: list[tuple], hidden: list[bool]) -> disclosure.Cube:
    texts = ["\t".join(key) for key in keys]
    return disclosure.Cube(pd.Index(texts), np.array(hidden, dtype=bool), np.ones(len(texts)), set(INTERVALS))


@settings(max_examples=60, deadline=None)
@given(stored=st.dictionaries(cells, st.booleans(), max_size=30), asked=st.lists(cells, min_size=1, max_size=40),
       outside=st.booleans())
def test_the_coded_lookup_answers_as_the_cube_itself(stored, asked, outside):
    cube = _cube(list(stored), list(stored.values()))
    if outside:     # a period outside the grid: hidden, fail closed
        asked = asked + [("m1", "A", "2019-01-01/2019-03-31", "K", "")]
    expected = cube.lookup(["\t".join(key) for key in asked], [key[2] for key in asked])
    coded = protection.hidden_cells_of(cube)
    columns = protection.CellParts.of({name: np.array([key[i] for key in asked], dtype=object)
                                       for i, name in enumerate(protection.KEY_PARTS)})
    assert coded.lookup(columns).tolist() == expected.tolist()
    # The same after a round trip through the file format, and joined with another municipality's cube.
    assert protection.HiddenCells.from_json(coded.as_json()).lookup(columns).tolist() == expected.tolist()
    other = protection.hidden_cells_of(_cube([("m9", "Z", INTERVALS[0], "K", "")], [True]))
    assert protection.HiddenCells.joined([coded, other]).lookup(columns).tolist() == expected.tolist()
    assert sorted(coded.keys()) == sorted(k for k, h in zip(cube.keys, cube.hidden) if h)


def _store(path, s2_meetings: int):
    q1 = date(2025, 2, 10)
    utm = [meeting("S1", q1) for _ in range(3)] + [meeting("S2", q1) for _ in range(s2_meetings)]
    return store_with(path, enhed=[unit("S1", "Nord"), unit("S2", "Nord")], utm=utm)


def _hidden_units(store) -> dict[str, bool]:
    frame = compute(store, ["utm_held"], Request("2025K1", "2025K1", by=("enhed",)))
    return dict(zip(frame["unit"], frame["suppressed"].astype(bool)))


def test_a_new_process_reads_the_cubes_from_disk_and_a_change_of_data_is_never_served_stale(tmp_path, monkeypatch):
    store = _store(tmp_path / "a.duckdb", s2_meetings=9)
    assert _hidden_units(store) == {"S1": True, "S2": True}     # S1 has 3; S2 would give it away beside Nord
    saved = sorted((tmp_path / "a.duckdb.beskyttelse").glob("*.json.gz"))
    assert saved
    # A new process: nothing in memory. The cubes come from disk, and nothing is built.
    protection._PROTECTIONS.clear()
    monkeypatch.setattr(disclosure.CubeBuilder, "build", lambda self: (_ for _ in ()).throw(AssertionError("built")))
    assert _hidden_units(store) == {"S1": True, "S2": True}
    monkeypatch.undo()
    # The same path with other data (S1 now 8 meetings, nothing small): the saved cubes do not fit it.
    (tmp_path / "a.duckdb").unlink()
    other = store_with(tmp_path / "a.duckdb", enhed=[unit("S1", "Nord"), unit("S2", "Nord")],
                       utm=[meeting("S1", date(2025, 2, 10)) for _ in range(8)]
                       + [meeting("S2", date(2025, 2, 10)) for _ in range(9)])
    protection._PROTECTIONS.clear()
    assert _hidden_units(other) == {"S1": False, "S2": False}


def test_a_damaged_file_is_built_again(tmp_path):
    store = _store(tmp_path / "b.duckdb", s2_meetings=9)
    _hidden_units(store)
    for path in (tmp_path / "b.duckdb.beskyttelse").glob("*.json.gz"):
        path.write_bytes(b"not gzip")
    protection._PROTECTIONS.clear()
    assert _hidden_units(store) == {"S1": True, "S2": True}


def test_the_key_names_the_municipality_its_data_the_grid_and_the_minimum(tmp_path):
    store = _store(tmp_path / "c.duckdb", s2_meetings=9)
    saved = Saved.beside(store.path)
    with store.reading() as con:
        until, start = engine.data_until(con), engine._grid_start(con)
        base = saved.key(con, "utm", KOMMUNE, until, start, 5)
        assert len({base, saved.key(con, "utm", KOMMUNE, until, start, 4),
                    saved.key(con, "utm_cohort", KOMMUNE, until, start, 5),
                    saved.key(con, "utm", "Anden", until, start, 5),
                    saved.key(con, "utm", KOMMUNE, date(2026, 3, 31), start, 5)}) == 5


def test_the_code_token_follows_what_decides_as_it_is_rendered(monkeypatch):
    """A kept decision is thrown away when the rules, a source's SQL (with the constants it takes from
    other modules) or an indicator change, and only then."""
    import dataclasses

    from steering_core import catalogue, sources
    before = protection._code_token()
    assert protection._code_token() == before
    name, source = next(iter(sources.SOURCES.items()))
    monkeypatch.setitem(sources.SOURCES, name, dataclasses.replace(source, sql=source.sql + " "))
    assert protection._code_token() != before
    monkeypatch.undo()
    assert protection._code_token() == before
    first = catalogue.INDICATORS[0]
    monkeypatch.setattr(catalogue, "INDICATORS", [dataclasses.replace(first, scale=first.scale * 10),
                                                  *catalogue.INDICATORS[1:]])
    assert protection._code_token() != before
