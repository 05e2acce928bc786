"""The national-scale demo (benchmarks): deterministic, distinct municipalities, per-kommune figures.

A tiny version (3 municipalities × 2 years) keeps this fast; bench/ builds the full 98 × 5.
"""
from datetime import date

import pytest

from steering_core import demo, national_demo, periods
from steering_core.engine import Request, compute
from steering_core.store import Store

UNTIL = periods.quarter(2026, 3)
CORE = ("enhed", "befolkning", "utm", "indsats", "oekonomi", "noegletal")
CHECKSUMS = {
    "utm": "kommune, moede_id, moededato, enhed_id, barn_id, udfald",
    "indsats": "kommune, indsats_id, barn_id, trin, startdato, slutdato, maanedlig_udgift",
    "befolkning": "kommune, distrikt, aar, aldersgruppe, antal",
}


def fingerprint(path) -> dict[str, tuple]:
    with Store(path).connect(read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in CORE}
        sums = {t: con.execute(f"SELECT sum(hash({cols})::HUGEINT) FROM {t}").fetchall()[0][0]
                for t, cols in CHECKSUMS.items()}
    return {"counts": counts, "checksums": sums}


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national")
    first = national_demo.build_national_database(folder / "a.duckdb", until=UNTIL, municipalities=3, years=2)
    second = national_demo.build_national_database(folder / "b.duckdb", until=UNTIL, municipalities=3, years=2)
    return first, second


def test_same_seed_builds_the_same_database(national):
    first, second = national
    assert fingerprint(first) == fingerprint(second)
    assert all(n > 0 for n in fingerprint(first)["counts"].values())


def test_another_seed_builds_another_database(national, tmp_path):
    other = national_demo.build_national_database(tmp_path / "c.duckdb", seed=demo.DEFAULT_SEED + 1, until=UNTIL,
                                         municipalities=3, years=2)
    assert fingerprint(other)["checksums"] != fingerprint(national[0])["checksums"]


def test_municipalities_are_distinct_and_marked_as_demo(national):
    store = Store(national[0])
    with store.connect(read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT DISTINCT kommune FROM enhed ORDER BY 1").fetchall()]
        first_day = con.execute("SELECT min(moededato), max(moededato) FROM utm").fetchall()[0]
    # The three invented municipalities and Demo Kommune, the one the comparison page opens on.
    assert len(names) == 4 and len(set(names)) == 4
    assert names == sorted([demo.DEMO_KOMMUNE, *(spec.name for spec in national_demo.national_specs(3))])
    assert store.meta()["egen_kommune"] == demo.DEMO_KOMMUNE
    # Two years up to 2026K3: 2025K1 to 2026K3.
    assert first_day[0] >= date(2025, 1, 1) and first_day[1] <= UNTIL.end
    meta = store.meta()
    assert meta["demo"] == "ja" and meta["scale"] == "national"
    assert meta["kommune"] == "Landsdemo (3 kommuner)"


def test_the_engine_returns_figures_for_every_kommune(national):
    store = Store(national[0])
    result = compute(store, ["utm_held", "placements_per_1000"],
                     Request("2025K1", "2026K3", "kvartal", ("distrikt",)))
    assert set(result["kommune"]) == {demo.DEMO_KOMMUNE, *(spec.name for spec in national_demo.national_specs(3))}
    per_kommune = result[result["indicator"] == "utm_held"].groupby("kommune")["numerator"].sum()
    assert (per_kommune > 0).all()


def test_sizes_are_spread_around_the_national_average():
    specs = national_demo.national_specs(98)
    inhabitants = [round((s.children_0_5 + s.children_6_17 + s.young_18_22) / sum(national_demo.AGE_SHARES)) for s in specs]
    assert len({s.name for s in specs}) == 98
    assert 45_000 < sum(inhabitants) / len(inhabitants) < 75_000
    assert min(inhabitants) < 10_000 and max(inhabitants) > 250_000
    assert {len(s.districts) for s in specs} <= {2, 3, 4, 5, 6}
