"""The attacker's own tools, so the suite cannot pass because its solver or its oracle is blind."""
from __future__ import annotations

from tests.disclosure.attacker import Dataset, Equation, LinearAttack, quarters_of, request_of


def test_a_hidden_cell_beside_its_total_and_one_shown_part_is_recovered():
    attack = LinearAttack("test")
    attack.add(Equation("table", "total", ("a", "b", "c"), 11.0))
    attack.add(Equation("table", "b", ("b",), 6.0))
    attack.add(Equation("table", "c", ("c",), 3.0))
    attack.add(Equation("table", "a", ("a",), None, true=2.0))
    tried, recoveries = attack.solve()
    assert tried == 1 and [(r.cell, r.derived) for r in recoveries] == [("a", 2.0)]
    assert "+[total = 11]" in recoveries[0].how and "-[b = 6]" in recoveries[0].how


def test_two_hidden_cells_beside_their_total_stay_hidden():
    attack = LinearAttack("test")
    attack.add(Equation("table", "total", ("a", "b", "c"), 11.0))
    attack.add(Equation("table", "c", ("c",), 6.0))
    attack.add(Equation("table", "a", ("a",), None, true=2.0))
    attack.add(Equation("table", "b", ("b",), None, true=3.0))
    assert attack.solve() == (2, [])


def test_a_determined_value_that_differs_from_the_truth_is_not_a_recovery():
    # As with perturbed figures: the system pins the cell down, but not to its true value.
    attack = LinearAttack("test")
    attack.add(Equation("table", "total", ("a", "b"), 9.0))
    attack.add(Equation("table", "b", ("b",), 6.0))
    attack.add(Equation("table", "a", ("a",), None, true=2.0))
    assert attack.solve() == (1, [])


def test_money_is_recovered_within_half_a_krone_and_atoms_outside_the_support_are_zero():
    attack = LinearAttack("test", money=True, support={"a", "b"}, atom_truth={"a": 1000.25, "b": 500.0})
    attack.add(Equation("table", "total", ("a", "b", "zero"), 1500.6))
    attack.add(Equation("table", "b", ("b",), 500.0))
    attack.add(Equation("table", "a", ("a", "zero"), None))
    tried, recoveries = attack.solve()
    assert tried == 1 and len(recoveries) == 1 and recoveries[0].true == 1000.25


def test_period_labels_cover_their_quarters():
    assert quarters_of("2025K3") == ["2025K3"]
    assert quarters_of("2025") == ["2025K1", "2025K2", "2025K3", "2025K4"]
    assert quarters_of("2025K4-2026K2") == ["2025K4", "2026K1", "2026K2"]


def test_the_oracle_is_the_raw_count(demo_store):
    """The ground truth (minimum cell size 1) equals meetings counted straight from the table."""
    dataset = Dataset("demo", "demo", demo_store, ["2025K1"])
    truth = dataset.truth(["utm_held"], request_of("2025K1", "2025K1", "kvartal", ("enhed",)))
    raw = dataset.sql("""SELECT enhed_id AS unit, count(*) AS n FROM utm
                         WHERE moededato BETWEEN DATE '2025-01-01' AND DATE '2025-03-31' GROUP BY 1""")
    assert dict(zip(truth["unit"], truth["value"])) == dict(zip(raw["unit"], raw["n"].astype(float)))
    assert (truth["value"] < 5).any()


def test_the_oracle_agrees_with_every_figure_the_product_shows(demo_store):
    """Counts, kroner and shares the CLI shows for the demo's quarters are the oracle's, exactly."""
    from tests.disclosure.test_counts import ALL
    dataset = Dataset("demo", "demo", demo_store, ["2025K1", "2025K2"])
    for ids, by, keys in [(ALL, ("distrikt",), ["district"]),
                          (["utm_to_p11_share", "p11_goal_met_share", "placements_per_1000"], (), [])]:
        rows = dataset.cli(ids, "2025K1", "2025K2", "kvartal", by)
        truth = dataset.truth(ids, request_of("2025K1", "2025K2", "kvartal", by))
        true = {(r["indicator"], r["period"], *[r[k] for k in keys]): r for r in truth.to_dict("records")}
        shown = [row for row in rows if not row["suppressed"] and row["value"] is not None]
        assert shown
        for row in shown:
            expected = true[(row["indicator"], row["period"], *[row[k] for k in keys])]
            assert abs(row["value"] - expected["value"]) < 1e-3, (row, expected)
