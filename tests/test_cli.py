"""The command line: stable JSON keys, CSV, exit codes and Danish errors."""
import json

import pytest

from steering_core.cli import main

REQUIRED_IDS = {"utm_held", "utm_per_1000", "utm_to_p11_share", "p11_started", "p11_active",
                "p11_median_days", "p11_share_over_3m", "children_per_step", "spend_vs_budget",
                "spend_per_0_22_steps_2_3", "spend_per_0_22_steps_4_6", "prevention_ratio",
                "notifications_per_1000", "escalation_after_utm"}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_names_every_required_indicator(capsys):
    code, out, _ = run(capsys, "indicators", "--list")
    assert code == 0
    listed = {line.split("\t")[0] for line in out.splitlines() if not line.startswith(" ")}
    assert REQUIRED_IDS <= listed


def test_json_has_the_stable_keys(capsys, demo_path):
    code, out, _ = run(capsys, "indicators", "--db", str(demo_path), "--from", "2025K1", "--to", "2025K4",
                       "--by", "distrikt", "--only", "utm_per_1000,prevention_ratio", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert {r["indicator"] for r in rows} == {"utm_per_1000", "prevention_ratio"}
    assert {r["period"] for r in rows} == {"2025K1", "2025K2", "2025K3", "2025K4"}
    assert {r["district"] for r in rows} == {"Nord", "Syd", "Vest"}
    for row in rows:
        assert {"indicator", "period", "value", "numerator", "denominator", "suppressed", "district"} <= set(row)
        if not row["suppressed"]:
            assert row["value"] == pytest.approx(
                row["numerator"] / row["denominator"] * (100 if row["indicator"] == "prevention_ratio" else 4000),
                rel=1e-3)


def test_year_grain_and_csv(capsys, demo_path):
    code, out, _ = run(capsys, "indicators", "--db", str(demo_path), "--from", "2023K1", "--to", "2024K4",
                       "--grain", "aar", "--only", "utm_held")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("indicator,period,value,numerator,denominator,suppressed")
    assert [line.split(",")[1] for line in lines[1:]] == ["2023", "2024"]


def test_breakdown_by_step_uses_the_step_key(capsys, demo_path):
    code, out, _ = run(capsys, "indicators", "--db", str(demo_path), "--from", "2026K3", "--to", "2026K3",
                       "--by", "trin", "--only", "children_per_step", "--format", "json")
    assert code == 0
    assert {r["step"] for r in json.loads(out)} <= {1, 2, 3, 4, 5, 6}


@pytest.mark.parametrize("argv, expected", [
    (["indicators", "--grain", "uge"], "invalid choice"),
    (["indicators", "--only", "no_such_thing"], "Ukendt nøgletal 'no_such_thing'"),
    (["indicators", "--from", "2025X7"], "er ikke en periode"),
    (["frobnicate"], "invalid choice"),
])
def test_usage_errors_exit_2(capsys, demo_path, argv, expected):
    code, _, err = run(capsys, *argv, *(["--db", str(demo_path)] if argv[0] == "indicators" and "--grain" not in argv else []))
    assert code == 2
    assert expected in err


def test_missing_database_and_empty_period_exit_1(capsys, tmp_path, demo_path):
    code, _, err = run(capsys, "indicators", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "findes ikke" in err
    code, _, err = run(capsys, "indicators", "--db", str(demo_path), "--from", "2030K1", "--to", "2030K2")
    assert code == 1 and "ingen data" in err


def test_corrupt_database_is_explained(capsys, tmp_path):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "indicators", "--db", str(broken))
    assert code == 1 and "Fejl:" in err and "Traceback" not in err


def test_demo_command_builds_a_database(capsys, tmp_path):
    code, out, _ = run(capsys, "demo", "--db", str(tmp_path / "d.duckdb"), "--until", "2023K2")
    assert code == 0 and (tmp_path / "d.duckdb").exists()


@pytest.mark.parametrize("argv, expected", [
    (["demo", "--scale", "national", "--volume", "0"], "større end 0"),
    (["demo", "--volume", "2"], "kun sammen med --scale national"),
])
def test_demo_volume_is_checked(capsys, tmp_path, argv, expected):
    code, _, err = run(capsys, *argv, "--db", str(tmp_path / "x.duckdb"))
    assert code == 2 and expected in err
    assert not (tmp_path / "x.duckdb").exists()


def test_csv_never_carries_a_live_formula_but_numbers_stay_numbers(capsys, tmp_path, demo_path):
    import csv
    import io

    import duckdb
    path = tmp_path / "demo.duckdb"
    path.write_bytes(demo_path.read_bytes())
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE enhed SET enhed_navn = '=HYPERLINK(\"http://x\")' WHERE enhed_id = "
                    "(SELECT min(enhed_id) FROM utm)")
    code, out, _ = run(capsys, "indicators", "--db", str(path), "--from", "2025K1", "--to", "2025K1",
                       "--by", "enhed", "--only", "utm_held")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    names = {row["unit_name"] for row in rows}
    assert '\'=HYPERLINK("http://x")' in names and not any(n.startswith(("=", "+", "@")) for n in names)
    assert all(row["value"] == "" or float(row["value"]) >= 0 for row in rows)
    assert not any(row["value"].startswith("'") for row in rows)
