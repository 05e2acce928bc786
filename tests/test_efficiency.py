"""Efficiency requirements across sectors: Albertslund's thirds and an equally split shortfall (003 L3746-3758)."""
from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from steering_core import efficiency, investment_store
from tests.builders import KOMMUNE, finance, store_with

MIO = 1_000_000
ALBERTSLUND = efficiency.Requirement(
    "Tværgående familieindsats", ((2017, 2 * MIO), (2018, 3 * MIO), (2019, 4 * MIO)),
    (("familie_myndighed", 100 / 3), ("beskaeftigelse", 100 / 3), ("voksen_social", 100 / 3)), 2016)


def test_a_shortfall_is_split_equally_whoever_saved_most():
    # 2018: 3 mio. required, a mio. each; realised 1,5 + 1,0 + 0 = 2,5 mio.; 0,5 mio. short.
    realised = pd.DataFrame({"year": [2018] * 3, "sector": ["familie_myndighed", "beskaeftigelse", "voksen_social"],
                             "realised": [1.5 * MIO, 1.0 * MIO, 0.0]})
    frame = efficiency.split(ALBERTSLUND, realised)
    year = frame[frame["year"] == 2018].set_index("sector")
    assert year["required"].tolist() == [MIO, MIO, MIO]
    assert year["own_shortfall"].tolist() == [0, 0, MIO]
    assert year["carries"].sum() == 500_000
    assert sorted(year["carries"]) == [166_666, 166_667, 166_667]
    # 2017: 2 mio. in thirds; nothing realised, the whole requirement is short.
    assert frame[frame["year"] == 2017]["required"].sum() == 2 * MIO
    assert frame[frame["year"] == 2017]["carries"].sum() == 2 * MIO


def test_a_shortfall_by_the_key_follows_the_shares():
    requirement = efficiency.Requirement("X", ((2020, 1000),), (("skole", 75.0), ("dagtilbud", 25.0)), 2019,
                                         efficiency.BY_KEY)
    realised = pd.DataFrame({"year": [2020, 2020], "sector": ["skole", "dagtilbud"], "realised": [600.0, 0.0]})
    frame = efficiency.split(requirement, realised).set_index("sector")
    assert frame["required"].to_dict() == {"skole": 750, "dagtilbud": 250}
    assert frame["carries"].to_dict() == {"skole": 300, "dagtilbud": 100}


def test_realised_saving_is_the_fall_in_spend_from_the_baseline_year(tmp_path):
    rows = []
    for year, spends in ((2016, (10, 10, 10)), (2017, (9, 9.5, 10.5))):
        for sector, spend in zip(("familie_myndighed", "beskaeftigelse", "voksen_social"), spends):
            rows.append(finance(f"{year}K1", pd.Timestamp(year, 1, 1).date(), pd.Timestamp(year, 12, 31).date(),
                                sector, 0, spend * MIO))
    rows.append(finance("2017K1", pd.Timestamp(2017, 1, 1).date(), pd.Timestamp(2017, 12, 31).date(), "skole",
                        0, 99 * MIO))     # not in the solution
    store = store_with(tmp_path / "eff.duckdb", oekonomi=rows)
    frame = efficiency.follow_up(store, KOMMUNE, ALBERTSLUND)
    year = frame[frame["year"] == 2017].set_index("sector")
    assert year["realised"].to_dict() == pytest.approx(
        {"familie_myndighed": MIO, "beskaeftigelse": 0.5 * MIO, "voksen_social": -0.5 * MIO})
    assert year["carries"].sum() == 1 * MIO       # 2 mio. required, 1 mio. realised
    assert year["booked"].all() and not frame[frame["year"] == 2018]["booked"].any()


def test_a_requirement_is_stored_versioned(tmp_path):
    store = store_with(tmp_path / "eff.duckdb")
    assert efficiency.validate(ALBERTSLUND) == []
    investment_store.save_requirement(store, KOMMUNE, ALBERTSLUND.name, efficiency.to_dict(ALBERTSLUND), "Anne",
                                      now=datetime(2017, 1, 5))
    stored = investment_store.requirement_versions(store, KOMMUNE, ALBERTSLUND.name)
    assert len(stored) == 1 and efficiency.from_dict(stored[0].content) == ALBERTSLUND


def test_a_key_that_does_not_add_up_is_refused():
    bad = efficiency.Requirement("X", ((2020, 1000),), (("skole", 50.0),), 2019, "tilfældigt")
    problems = efficiency.validate(bad)
    assert len(problems) == 2


def test_a_requirement_from_the_form_tables():
    years = pd.DataFrame({"year": [2018, 2017, None], "amount": [3 * MIO, 2 * MIO, None]})
    key = pd.DataFrame({"sector": ["familie_myndighed", "beskaeftigelse", "voksen_social", "skole"],
                        "share": [100 / 3, 100 / 3, 100 / 3, 0.0]})
    made, problems = efficiency.from_tables(" Tværgående familieindsats ", "", 2016, efficiency.EQUALLY, years, key, "Anne")
    assert problems == []
    assert made.required == ((2017, 2 * MIO), (2018, 3 * MIO))
    assert made.shares == {"familie_myndighed": 100 / 3, "beskaeftigelse": 100 / 3, "voksen_social": 100 / 3}
    assert made.name == "Tværgående familieindsats"
    bad_years = pd.DataFrame({"year": [2016, 2016], "amount": [-1.0, 5.0]})
    made, problems = efficiency.from_tables("X", "", 2016, efficiency.EQUALLY, bad_years, key, "")
    assert made is None
    assert len(problems) == 4          # no user, a negative amount, a year not after the baseline, a year twice
