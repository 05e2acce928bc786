"""The command line: ``import`` and ``template``, their output and exit codes."""
import openpyxl
import pytest

from steering_core.store import Store
from tests import samples
from steering_core.upload.cli import main, template_main


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "kommune.duckdb"
    monkeypatch.setenv("STEERING_DB", str(path))
    return path


def test_import_stores_into_the_real_database_by_default(tmp_path, db, capsys):
    path = tmp_path / "k.xlsx"
    path.write_bytes(samples.quarterly_workbook())
    assert main(["import", str(path), "--user", "jens", "--quarter", "2025K3"]) == 0
    out = capsys.readouterr().out
    assert "Det sker, når filen gemmes:" in out and "Gemt som indlæsning nr. 1: 25 rækker." in out
    # What is hidden is decided at once and kept beside the database, for the app's first figure.
    assert "Beskyttelsen af små tal er beregnet for de nye data" in out
    assert list(db.with_name(db.name + ".beskyttelse").glob("*.json.gz"))
    with Store(db).connect(read_only=True) as con:
        assert con.execute("SELECT user_name, file_name FROM batch").fetchall() == [("jens", "k.xlsx")]
    assert main([str(path), "--db", str(db)]) == 0
    assert "Den samme fil er allerede indlæst (indlæsning nr. 1" in capsys.readouterr().out


def test_dry_run_stores_nothing(tmp_path, db, capsys):
    path = tmp_path / "k.xlsx"
    path.write_bytes(samples.quarterly_workbook())
    assert main([str(path), "--dry-run"]) == 0
    assert "Prøvekørsel: intet er gemt. 25 rækker ville blive gemt." in capsys.readouterr().out
    assert not db.exists()


def test_errors_exit_1_with_report(tmp_path, db, capsys):
    rows = [samples.UTM_HEADERS, *samples.utm_rows(2)]
    rows[2][5] = 40
    path = tmp_path / "utm.xlsx"
    path.write_bytes(samples.workbook_bytes({"Enheder": [samples.UNIT_HEADERS, *samples.UNITS], "UTM": rows}))
    report = tmp_path / "rapport.xlsx"
    assert main([str(path), "--report", str(report)]) == 1
    out = capsys.readouterr().out
    assert "Fejl: Fil 'utm.xlsx', ark 'UTM', række 3, kolonne F (alder): Fandt 40, forventede et helt tal fra 0 til 22." in out
    assert "1 fejl og 0 advarsler." in out and "Filen har fejl og er ikke gemt." in out
    assert f"Rapporten med markerede problemer er skrevet til {report}." in out
    cell = openpyxl.load_workbook(report)["UTM"]["F3"]
    assert cell.value == 40 and cell.comment.text == "Fandt 40, forventede et helt tal fra 0 til 22."
    assert not db.exists()


def test_usage_errors_exit_2(db, capsys):
    assert main([]) == 2
    assert main(["import"]) == 2
    assert main(["x.xlsx", "--nope"]) == 2
    assert template_main([]) == 2
    assert main(["--help"]) == 0
    capsys.readouterr()


def test_missing_file_exit_1(tmp_path, db, capsys):
    assert main([str(tmp_path / "mangler.xlsx")]) == 1
    assert "kunne ikke åbnes" in capsys.readouterr().out


def test_template_command(tmp_path, capsys):
    out = tmp_path / "skabeloner" / "kvartal.xlsx"
    assert template_main(["template", "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "Vejledning"
    assert f"Skabelonen er skrevet til {out}." in capsys.readouterr().out
