"""The CPR guard. CPR-like values are built at run time; none is written in the source as a literal."""
from datetime import date

import pytest

from steering_core.store import Store
from tests import samples
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


# --- how the number is really written -------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from steering_core.upload.cpr import normalise, number_is_cpr, text_has_cpr  # noqa: E402

FULLWIDTH = str.maketrans({str(d): chr(0xFF10 + d) for d in range(10)})
SEPARATORS = ["", "-", " - ", " ", "\u00a0", "\u2009", "\u202f", "\u2212", "\u2013", " \u2013 ", "\u2011",
              "\u00a0-\u00a0", "\u200b", "\t"]


@pytest.mark.parametrize("separator", SEPARATORS)
def test_every_separator_people_and_programs_write(separator):
    six, four = cpr_like(dash=False)[:6], cpr_like(dash=False)[6:]
    assert looks_like_cpr(f"barn {six}{separator}{four}")
    assert looks_like_cpr(f"{six}{separator}{four}".translate(FULLWIDTH))


def test_spellings_that_are_not_cpr_numbers():
    six, four = cpr_like(dash=False)[:6], cpr_like(dash=False)[6:]
    assert not looks_like_cpr(f"{six}.{four}")          # a decimal number
    assert not looks_like_cpr(f"{six}\n{four}")         # two cells' worth of text
    assert not looks_like_cpr(f"{six} -- {four}")
    assert not looks_like_cpr(f"1{six}-{four}")         # part of a longer number
    assert not looks_like_cpr("311390 - 1234")          # 31 December 90 ok, but 13 is no month


def test_nine_digits_count_in_number_cells_of_every_column_and_in_csv_text(tmp_path):
    lost = int(cpr_like(date(1994, 1, 5), dash=False))                # 050194xxxx -> 9 digits
    assert len(str(lost)) == 9 and looks_like_cpr(lost) and looks_like_cpr(float(lost))
    assert find_cpr_cells([["alder"], [float(lost)]]) == [(1, 0)]
    assert find_cpr_cells([["barn_id"], [str(lost)]], digits_text=True) == [(1, 0)]
    assert find_cpr_cells([["barn_id"], [str(lost)]]) == []            # an xlsx text cell keeps its zero
    text = ";".join(samples.UTM_HEADERS) + f"\nM1;01-08-2025;;S1;{lost};7;pige;foerste;ingen;ja\n"
    prepared = prepare([("utm.csv", text.encode())], store=Store(tmp_path / "t.duckdb"))
    assert [(p.code, p.cell) for p in prepared.problems] == [("upload.err.cpr_column", "E2")]


def test_budget_of_nine_digits_is_an_amount_but_monthly_cost_is_not(tmp_path):
    nine = float(cpr_like(date(1994, 1, 5), dash=False))
    budget = samples.workbook_bytes({"Oekonomi": [samples.OEKONOMI_HEADERS,
                                                  ["2025K3", "skole", "loen", "", nine, 950_000.0]]})
    assert prepare([("b.xlsx", budget)], store=Store(tmp_path / "a.duckdb")).ok
    row = samples.indsats_row(1)
    row[14] = nine
    costs = samples.workbook_bytes({"Enheder": [samples.UNIT_HEADERS, *samples.UNITS],
                                    "Indsatser": [samples.INDSATS_HEADERS, row]})
    prepared = prepare([("c.xlsx", costs)], store=Store(tmp_path / "b.duckdb"))
    assert prepared.stopped and [p.column_name for p in prepared.problems] == ["maanedlig_udgift"]


def test_file_and_sheet_names_are_checked_and_never_repeated(tmp_path, capsys):
    from steering_core.upload.cli import main as import_main
    secret = cpr_like(date(2011, 5, 17), 2468)
    store = Store(tmp_path / "t.duckdb")
    units = samples.workbook_bytes({"Enheder": [samples.UNIT_HEADERS, *samples.UNITS]})
    by_file = prepare([("ok.xlsx", units), (f"barn {secret}.xlsx", units)], store=store)
    [named] = by_file.problems
    assert named.code == "upload.err.cpr_file_name" and by_file.stopped
    assert named.message.startswith("Navnet på fil nr. 2 ligner et CPR-nummer.")
    assert by_file.file_names == ["ok.xlsx", "fil nr. 2"]
    by_sheet = prepare([("ok.xlsx", samples.workbook_bytes({"Enheder": [samples.UNIT_HEADERS, *samples.UNITS],
                                                            f"Noter {secret}": [["x"]]}))], store=store)
    assert [p.code for p in by_sheet.problems] == ["upload.err.cpr_sheet_name"]
    path = tmp_path / f"{secret} kvartal.xlsx"
    path.write_bytes(units)
    missing = tmp_path / f"{secret.replace('-', ' - ')}.csv"
    assert import_main([str(path), str(missing), "--db", str(tmp_path / "c.duckdb")]) == 1
    printed = capsys.readouterr()
    assert "CPR-nummer" in printed.out
    for text in (printed.out, printed.err, *(repr(p) for p in (*by_file.problems, *by_sheet.problems))):
        assert secret not in text and secret.replace("-", "") not in text and secret[:6] not in text
    assert not store.exists() and not (tmp_path / "c.duckdb").exists()


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       serial=st.integers(0, 9999), separator=st.sampled_from(SEPARATORS), fullwidth=st.booleans(),
       before=st.text(alphabet="abc æø.,:;()", max_size=5), after=st.text(alphabet="abc æø.,:;()", max_size=5))
def test_any_spelling_of_a_valid_date_and_serial_is_caught(day, serial, separator, fullwidth, before, after):
    text = f"{day:%d%m%y}{separator}{serial:04d}"
    assert text_has_cpr(before + (text.translate(FULLWIDTH) if fullwidth else text) + after)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_normalise_is_idempotent_and_leaves_only_ascii_digits(text):
    once = normalise(text)
    assert normalise(once) == once
    assert not any(ch.isdecimal() and not ch.isascii() for ch in once)
    assert not any(ch in once for ch in "\u00a0\u2009\u2212\u2013\u200b\uff10")


@settings(max_examples=60, deadline=None)
@given(st.integers(100_000_000, 9_999_999_999))
def test_a_number_is_cpr_exactly_when_its_padded_digits_start_with_a_valid_date(number):
    digits = f"{number:010d}"
    dd, mm, yy = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    valid = 1 <= mm <= 12 and any(_days_in(century + yy, mm) >= dd >= 1 for century in (1800, 1900, 2000))
    assert number_is_cpr(number) == valid


def _days_in(year: int, month: int) -> int:
    import calendar
    return calendar.monthrange(year, month)[1]
