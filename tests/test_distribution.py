"""Distribution keys: shares validated in Danish, and every save a new version."""
from datetime import datetime

import pytest

from steering_core import distribution
from steering_core.distribution import DistributionError, allocate, save, validate, versions
from steering_core.store import Store

KOMMUNE = "Testby"


def test_shares_must_add_up_to_100_percent():
    assert validate("Mentorordning", {"beskaeftigelse": 60, "voksen_social": 20, "familie_udfoerer": 20}) == []
    assert validate("Trivsel", {"skole": 33.33, "dagtilbud": 33.33, "familie_udfoerer": 33.34}) == []
    problems = validate("Mentorordning", {"beskaeftigelse": 60, "voksen_social": 20, "familie_udfoerer": 10})
    assert problems == ["Andelene skal tilsammen give 100 %; de giver 90 %."]


def test_each_problem_is_named_in_danish():
    problems = validate("", {"skole": 120, "rumfart": 10, "dagtilbud": -30}, user=" ")
    text = " ".join(problems)
    assert "navnet på projektet" in text and "dit navn" in text
    assert "mellem 0 og 100 %; fandt 120 %" in text
    assert "'rumfart' er ikke en sektor" in text
    assert validate("X", {"skole": 0, "dagtilbud": 0}) == ["Giv mindst én sektor en andel over 0 %."]


def test_every_save_is_a_new_version_and_nothing_is_overwritten(tmp_path):
    store = Store(tmp_path / "keys.duckdb")
    first = save(store, KOMMUNE, "Mentorordning", {"beskaeftigelse": 60, "voksen_social": 20,
                                                    "familie_udfoerer": 20, "skole": 0},
                 user="Anne", now=datetime(2026, 3, 1, 10, 0))
    second = save(store, KOMMUNE, "Mentorordning", {"beskaeftigelse": 50, "familie_udfoerer": 50},
                  user="Bo", note="Ny aftale i chefforum", now=datetime(2026, 6, 1, 9, 30))
    assert (first.version, second.version) == (1, 2)
    assert first.shares == {"beskaeftigelse": 60, "voksen_social": 20, "familie_udfoerer": 20}  # 0 % not stored
    stored = versions(store, KOMMUNE, "Mentorordning")
    assert [(k.version, k.user, k.saved) for k in stored] == [
        (1, "Anne", datetime(2026, 3, 1, 10, 0)), (2, "Bo", datetime(2026, 6, 1, 9, 30))]
    assert stored[0].shares == first.shares and stored[1].shares == second.shares
    assert distribution.current(store, KOMMUNE, "Mentorordning").version == 2
    # Another project numbers its own versions.
    assert save(store, KOMMUNE, "Trivsel på Tværs", {"skole": 100}, user="Anne").version == 1
    assert distribution.projects(store, KOMMUNE) == ["Mentorordning", "Trivsel på Tværs"]
    history = distribution.history_frame(stored, {"beskaeftigelse": "Beskæftigelse"})
    assert list(history["version"]) == [2, 1] and "Beskæftigelse 50 %" in history["shares"].iloc[0]


def test_an_invalid_key_stores_nothing(tmp_path):
    store = Store(tmp_path / "keys.duckdb")
    with pytest.raises(DistributionError) as caught:
        save(store, KOMMUNE, "Mentorordning", {"beskaeftigelse": 60, "voksen_social": 30}, user="Anne")
    assert caught.value.problems == ["Andelene skal tilsammen give 100 %; de giver 90 %."]
    assert versions(store, KOMMUNE, "Mentorordning") == []


def test_allocation_adds_up_to_the_whole_krone():
    parts = allocate({"skole": 33.33, "dagtilbud": 33.33, "familie_udfoerer": 33.34}, 1_000_001)
    assert parts["amount"].sum() == 1_000_001
    assert list(parts["amount"]) == [333_300, 333_300, 333_401]
    mentor = allocate({"beskaeftigelse": 60, "voksen_social": 20, "familie_udfoerer": 20}, 500_000)
    assert list(mentor["amount"]) == [300_000, 100_000, 100_000]


def test_projects_with_a_key_come_first(tmp_path):
    from tests.builders import finance, store_with

    row = {**finance("2025K1", datetime(2025, 1, 1).date(), datetime(2025, 3, 31).date(), "skole", 0, 1), "projekt": "Alfa"}
    store = store_with(tmp_path / "keys.duckdb", oekonomi=[row, {**row, "projekt": "Zulu"}])
    save(store, KOMMUNE, "Zulu", {"skole": 100}, user="Anne")
    assert distribution.projects(store, KOMMUNE) == ["Zulu", "Alfa"]
