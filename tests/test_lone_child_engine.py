"""Adversarial check (helper hE): children counted through Source.lone_child must give the engine's
figures that plain count(DISTINCT barn_id) gives, on data built to trip it: the same barn_id in two
municipalities, children with several (continuing or parallel) courses in two districts and units,
and requests with filters and breakdowns. The oracle is the same engine with the flag ignored."""
from __future__ import annotations

import random
from datetime import date, timedelta

import pandas as pd
import pytest

from steering_core import engine, measures
from steering_core.engine import Request
from steering_core.measures import Filters
from tests.builders import course, population, store_with, unit

IDS = ["p11_started", "p11_active", "children_per_step", "placements_per_1000", "preventive_per_1000"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    rng = random.Random(7)
    rows = []
    for child in range(40):
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            start = date(2024, 1, 1) + timedelta(days=rng.randrange(600))
            row = course(start, rng.choice([None, start + timedelta(days=rng.randrange(1, 200))]),
                         trin=rng.choice([2, 3, 4, 5]), udgift=rng.choice([None, 1000]),
                         distrikt=rng.choice(["Nord", "Syd"]), barn_id=f"C{child}",
                         enhed_id=rng.choice(["S1", "S2"]),
                         indsatstype=rng.choice(["Samtaleforløb", "Familiebehandling"]))
            if child % 3 == 0:
                row["kommune"] = "X999"          # the same barn_id in another municipality
            rows.append(row)
    return store_with(tmp_path_factory.mktemp("lone") / "s.duckdb",
                      enhed=[unit("S1", "Nord"), unit("S2", "Syd", enhedstype="dagtilbud")],
                      befolkning=[population("Nord", 2024, "0-5", 400), population("Syd", 2024, "0-5", 300)],
                      indsats=rows)


@pytest.mark.parametrize("by, filters", [
    ((), Filters()), ((), Filters(kommune="X999")), ((), Filters(distrikter=("Nord",))),
    (("trin",), Filters(enheder=("S1",))), (("distrikt",), Filters()), (("enhed",), Filters())])
@pytest.mark.parametrize("grain", ["kvartal", "aar"])
def test_lone_children_are_counted_as_count_distinct(store, monkeypatch, by, filters, grain):
    request = Request(grain=grain, by=by, min_cell=1, filters=filters)
    for indicator in IDS:
        try:
            fast = engine.compute(store, [indicator], request)
        except (engine.EngineError, engine.NotForFilter):
            continue
        plain = measures._together_sql
        with monkeypatch.context() as patched:
            patched.setattr(measures, "_together_sql", lambda items, group, lone=None: plain(items, group, None))
            slow = engine.compute(store, [indicator], request)
        pd.testing.assert_frame_equal(fast.reset_index(drop=True), slow.reset_index(drop=True))
