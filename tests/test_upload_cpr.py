"""The CPR guard. CPR-like values are built at run time; none is written in the source as a literal."""
from datetime import date

import pytest

from steering_core.store import Store
from steering_core.upload import samples
from steering_core.upload.cpr import TEN_DIGITS_ONLY, find_cpr_cells, looks_like_cpr
from steering_core.upload.importer import prepare


def cpr_like(day: date = date(1990, 1, 1), serial: int = 1234, dash: bool = True) -> str:
    """A ten-digit ddmmyy-ssss value with a valid date (not a real person's number)."""
    return f"{day:%d%m%y}{'-' if dash else ''}{serial:04d}"


@pytest.mark.parametrize("value", [
    cpr_like(), cpr_like(dash=False), cpr_like(date(2012, 12, 31), 9999), f"barn {cpr_like()}",
    f"B{cpr_like(dash=False)}", cpr_like(date(2000, 2, 29)), int(cpr_like(date(1990, 12, 12), dash=False)),
    float(cpr_like(date(1990, 12, 12), dash=False)), int(cpr_like(date(1990, 1, 5), dash=False)),  # leading 0 lost
])
def test_looks_like_cpr(value):
    assert looks_like_cpr(value)


@pytest.mark.parametrize("value", [
    "3213901234", "0113901234", "3002901234", "12345678901", "B000123", "2025-07-03", "1.234.567,50", "45841",
    "M000001-0001", 12345, 2025.0, True, None, "01019012345",
])
def test_not_cpr(value):
    assert not looks_like_cpr(value)


def test_large_amount_columns_allow_nine_digits_but_not_ten_nor_text():
    nine = float(cpr_like(date(1990, 1, 5), dash=False))      # 501.901.234 kr.: a budget, or a lost leading 0
    ten = float(cpr_like(date(1990, 12, 12), dash=False))
    rows = [["budget", "note"], [nine, cpr_like()], [ten, ""]]
    assert nine < 1e9 <= ten
    assert find_cpr_cells(rows, {0: TEN_DIGITS_ONLY}) == [(1, 1), (2, 0)]
    assert find_cpr_cells(rows) == [(1, 0), (1, 1), (2, 0)]


def test_cpr_in_hidden_sheet_refuses_upload_without_echoing_the_digits(tmp_path):
    secret = cpr_like(date(1985, 6, 15), 4321)
    data = samples.workbook_bytes({
        "Enheder": [samples.UNIT_HEADERS, *samples.UNITS],
        "Noter": [["intern"], ["x"], ["y", "z", secret]],
    }, hidden=("Noter",))
    store = Store(tmp_path / "t.duckdb")
    prepared = prepare([("kvartal.xlsx", data)], store=store)
    assert prepared.stopped and not prepared.ok
    assert prepared.raw_files == [] and prepared.tables == {}
    [problem] = prepared.problems
    assert problem.message == ("Cellen C3 i arket 'Noter' ligner et CPR-nummer. Uploaden er stoppet, og intet er "
                               "gemt. Fjern CPR-numre fra filen, og brug det pseudonyme barn_id.")
    assert (problem.sheet, problem.row, problem.cell) == ("Noter", 3, "C3")
    for text in (str(problem), problem.message, repr(problem)):
        assert secret not in text and secret.replace("-", "") not in text and secret[:6] not in text
    assert not store.exists()


def test_cpr_in_extra_column_and_title_row(tmp_path):
    rows = [[f"Udtræk for {cpr_like(dash=False)}"], [], samples.UTM_HEADERS + ["note"],
            samples.utm_rows(1)[0] + [cpr_like(date(2001, 3, 4))]]
    data = samples.workbook_bytes({"UTM": rows})
    prepared = prepare([("utm.xlsx", data)], store=Store(tmp_path / "t.duckdb"))
    assert [p.cell for p in prepared.problems] == ["A1", "K4"]
    assert [p.code for p in prepared.problems] == ["upload.err.cpr", "upload.err.cpr_column"]
    assert prepared.problems[1].message.startswith("Cellen K4 i arket 'UTM' (kolonne 'note') ligner et CPR-nummer.")


def test_cpr_in_csv(tmp_path):
    text = "moede_id;barn_id\nM1;" + cpr_like() + "\n"
    prepared = prepare([("utm.csv", text.encode())], store=Store(tmp_path / "t.duckdb"))
    assert [p.cell for p in prepared.problems] == ["B2"] and prepared.stopped


def test_many_cpr_cells_are_counted_not_listed(tmp_path):
    rows = [["barn_id"]] + [[cpr_like(date(1990, 1, 1 + i % 28), i)] for i in range(30)]
    prepared = prepare([("x.xlsx", samples.workbook_bytes({"UTM": rows}))], store=Store(tmp_path / "t.duckdb"))
    assert len(prepared.problems) == 21
    assert prepared.problems[-1].message == "10 celler mere ligner CPR-numre."
