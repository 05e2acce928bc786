"""The synthetic Demo Kommune: deterministic, well-formed and realistic enough to steer by.

The realism bands come from DOMAIN.md section 7 and the demo brief; every figure is
recomputed here with pandas, independently of the generator's own helpers.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from steering_core import demo, domain, fit, fit_demo, investment_demo
from steering_core.periods import quarter
from steering_core.store import FACT_TABLES, Store

UNTIL = quarter(2026, 3)
FULL_YEARS = (2022, 2023, 2024, 2025)
DISTRICTS = {"Nord", "Syd", "Vest"}


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return demo.build_demo_tables(until=UNTIL)


@pytest.fixture(scope="module")
def population(tables) -> pd.DataFrame:
    """Residents per year: columns 0-17 and 0-22."""
    pop = tables["befolkning"].pivot_table(index="aar", columns="aldersgruppe", values="antal", aggfunc="sum")
    return pd.DataFrame({"0-17": pop["0-5"] + pop["6-17"], "0-22": pop.sum(axis=1)})


@pytest.fixture(scope="module")
def yearly_cost(tables) -> pd.DataFrame:
    """Cost per course and calendar year: monthly rate x days running / days in month."""
    ind = tables["indsats"]
    months = pd.date_range("2022-01-01", UNTIL.end, freq="MS")
    month_start = months.values.astype("datetime64[D]")
    month_end = (months + pd.offsets.MonthEnd(0)).values.astype("datetime64[D]")
    start = pd.to_datetime(ind["startdato"]).values.astype("datetime64[D]")
    end = pd.to_datetime(ind["slutdato"]).fillna(pd.Timestamp(UNTIL.end)).values.astype("datetime64[D]")
    low = np.maximum(start[:, None], month_start[None, :])
    high = np.minimum(end[:, None], month_end[None, :])
    running = np.clip((high - low).astype(int) + 1, 0, None)
    in_month = (month_end - month_start).astype(int) + 1
    cost = ind["maanedlig_udgift"].to_numpy(float)[:, None] * running / in_month[None, :]
    return pd.DataFrame(cost, columns=months.year).T.groupby(level=0).sum().T


def _per_year(frame: pd.DataFrame, mask: pd.Series) -> pd.Series:
    return frame[mask.to_numpy()].sum()


# ------------------------------------------------------------------ shape and determinism

def test_same_seed_gives_identical_tables_and_another_seed_differs(tables):
    again = demo.build_demo_tables(seed=demo.DEFAULT_SEED, until=UNTIL)
    assert set(again) == set(tables)
    for name in tables:
        assert again[name].equals(tables[name]), name
    other = demo.build_demo_tables(seed=demo.DEFAULT_SEED + 1, until=UNTIL)
    assert not other["indsats"].equals(tables["indsats"])
    assert not other["utm"].equals(tables["utm"])


def test_tables_have_the_contract_columns_and_the_demo_municipality(tables):
    assert set(tables) == {"enhed", "befolkning", "utm", "indsats", "oekonomi", "noegletal"}
    for name, frame in tables.items():
        assert list(frame.columns) == list(FACT_TABLES[name].columns), name
        assert len(frame) > 0, name
        assert (frame["kommune"] == demo.DEMO_KOMMUNE).all(), name
        key = list(FACT_TABLES[name].key)
        assert not frame.duplicated(key).any(), f"{name}: duplicate key"


def test_units_per_type_and_district(tables):
    enhed = tables["enhed"]
    assert set(enhed["distrikt"]) == DISTRICTS
    counts = enhed["enhedstype"].value_counts()
    assert 12 <= counts["skole"] <= 15
    assert 25 <= counts["dagtilbud"] <= 30
    per_district = enhed.groupby(["distrikt", "enhedstype"]).size()
    for kind in ("dagpleje", "sundhedspleje", "ppr", "familie_myndighed", "familie_udfoerer", "tidlig_indsats"):
        for district in DISTRICTS:
            assert per_district.get((district, kind), 0) == 1, (district, kind)
    sector = dict(zip(enhed["enhedstype"], enhed["sektor"]))
    assert sector["dagpleje"] == "dagtilbud"
    assert sector["tidlig_indsats"] == "familie_udfoerer"
    assert sector["skole"] == "skole"
    assert set(enhed["enhedstype"]) <= set(domain.UNIT_TYPES)
    assert set(enhed["sektor"]) <= set(domain.SECTORS)
    assert enhed.loc[enhed["enhed_id"] == "SK-NO-01", "distrikt"].item() == "Nord"


def test_population_size_and_district_split(tables, population):
    pop = tables["befolkning"]
    assert set(pop["distrikt"]) == DISTRICTS
    assert sorted(pop["aar"].unique()) == list(range(2022, 2027))
    assert len(pop) == 3 * 5 * 3
    for year, row in population.iterrows():
        assert 12_000 <= row["0-17"] <= 13_000, year
        assert 15_200 <= row["0-22"] <= 16_400, year
    share = pop[pop["aar"] == 2024].groupby("distrikt")["antal"].sum() / population.loc[2024, "0-22"]
    assert share["Nord"] == pytest.approx(0.35, abs=0.02)
    assert share["Syd"] == pytest.approx(0.40, abs=0.02)
    assert share["Vest"] == pytest.approx(0.25, abs=0.02)


def test_values_are_in_the_contract_vocabulary(tables):
    utm, ind = tables["utm"], tables["indsats"]
    assert set(utm["moedetype"]) == set(domain.MEETING_TYPES)
    assert set(utm["udfald"]) == set(domain.UTM_OUTCOMES)
    assert set(utm["koen"].dropna()) <= set(domain.GENDERS)
    assert {type(v) for v in utm["raadgiver_deltog"]} <= {bool, type(None)}
    assert {type(v) for v in ind["forlaenget"]} <= {bool, type(None)}
    assert set(ind["bevilget_af"]) <= set(domain.GRANTED_BY)
    assert set(ind["betalende_sektor"]) <= set(domain.SECTORS)
    assert set(ind["maal_opfyldt"].dropna()) <= set(domain.GOAL_ATTAINMENT)
    assert set(ind["trin"]) == {1, 2, 3, 4, 5, 6}
    assert set(tables["oekonomi"]["omkostningstype"]) == set(domain.COST_TYPES)
    assert set(ind["distrikt"]) == DISTRICTS
    units = set(tables["enhed"]["enhed_id"])
    assert set(ind["bevilgende_enhed_id"].dropna()) <= units
    assert set(ind["udfoerende_enhed_id"].dropna()) <= units
    assert set(utm["enhed_id"]) <= units


# ------------------------------------------------------------------ dates and privacy

def test_no_date_after_the_last_quarter_and_dates_in_order(tables):
    for name, frame in tables.items():
        for column in frame.columns:
            if column == "planlagt_slutdato":
                continue  # a plan may reach past the cut-off; what happened may not
            values = frame[column].dropna()
            if len(values) and isinstance(values.iloc[0], date):
                assert all(isinstance(v, date) for v in values), (name, column)
                assert max(values) <= UNTIL.end, (name, column)
    ind, utm = tables["indsats"], tables["utm"]
    ended = ind["slutdato"].notna()
    assert (ind.loc[ended, "slutdato"] >= ind.loc[ended, "startdato"]).all()
    asked = utm["henvendelsesdato"].notna()
    assert (utm.loc[asked, "henvendelsesdato"] <= utm.loc[asked, "moededato"]).all()
    lead = pd.to_datetime(utm["moededato"]) - pd.to_datetime(utm["henvendelsesdato"])
    assert lead.dropna().dt.days.between(5, 40).all()
    assert 0.02 < (~asked).mean() < 0.2
    assert min(utm["moededato"]) >= date(2022, 1, 1)


def test_courses_still_running_and_history_before_2022(tables):
    ind = tables["indsats"]
    running = ind["slutdato"].isna()
    assert 0.1 < running.mean() < 0.5
    assert ind.loc[running & (ind["trin"] >= 4)].shape[0] > 50
    early = ind[ind["startdato"] < date(2022, 1, 1)]
    assert early["trin"].ge(4).sum() > 100
    assert min(early["startdato"]) < date(2018, 1, 1)
    assert ind.loc[~ind["slutdato"].isna(), "maal_opfyldt"].notna().any()
    assert ind.loc[running, "maal_opfyldt"].isna().all()


def test_child_keys_are_pseudonymous_never_cpr_like(tables):
    cpr = re.compile(r"\d{6}-?\d{4}")
    for name in ("utm", "indsats"):
        keys = tables[name]["barn_id"]
        assert not keys.str.contains(cpr).any(), name
        assert keys.str.fullmatch(r"B-\d{6}").all(), name


# ------------------------------------------------------------------ law and families

def test_paragraph_follows_barnets_lov_from_2024(tables):
    ind = tables["indsats"]
    after = ind["startdato"] >= domain.BARNETS_LOV_FROM
    assert not ind.loc[after, "paragraf"].str.startswith("SEL").any()
    assert not ind.loc[~after, "paragraf"].str.startswith("BL").any()
    expected = {2: {"SEL § 11, stk. 3", "BL § 30"}, 3: {"SEL § 52, stk. 3, nr. 3", "BL § 32"}}
    for trin, paragraphs in expected.items():
        assert set(ind.loc[ind["trin"] == trin, "paragraf"]) == paragraphs
    assert set(ind.loc[ind["trin"] >= 4, "paragraf"]) == {"SEL § 52, stk. 3, nr. 7", "BL § 46"}
    assert (ind["familie"] == ind["paragraf"].map(domain.intervention_family)).all()


# ------------------------------------------------------------------ UTM and § 11 courses

def test_utm_rate_rises_and_districts_differ(tables, population):
    utm = tables["utm"].merge(tables["enhed"][["enhed_id", "enhedstype", "distrikt"]], on="enhed_id")
    assert set(utm["enhedstype"]) == {"skole", "dagtilbud"}
    assert utm.loc[utm["enhedstype"] == "dagtilbud", "alder"].between(0, 5).all()
    assert utm.loc[utm["enhedstype"] == "skole", "alder"].between(6, 16).all()
    year = pd.to_datetime(utm["moededato"]).dt.year
    per_1000 = utm.groupby(year).size().loc[list(FULL_YEARS)] / population.loc[list(FULL_YEARS), "0-17"] * 1000
    assert per_1000.between(20, 35).all(), per_1000
    assert per_1000.is_monotonic_increasing, per_1000
    by_district = utm.groupby("distrikt").size()
    children = (tables["befolkning"].query("aldersgruppe != '18-22'").groupby("distrikt")["antal"].sum())
    rate = by_district / children
    assert rate["Vest"] > rate["Syd"] > rate["Nord"]
    assert rate["Vest"] / rate["Nord"] > 1.3
    first = (utm["moedetype"] == "foerste").mean()
    assert 0.65 <= first <= 0.75
    assert utm["raadgiver_deltog"].eq(True).mean() > 0.8


def test_one_third_of_utm_meetings_lead_to_a_paragraph_11_course(tables):
    utm, ind = tables["utm"], tables["indsats"]
    share = (utm["udfald"] == "paragraf11").mean()
    assert 0.28 <= share <= 0.38
    outcome = utm["udfald"].value_counts(normalize=True)
    assert outcome["almen_indsats"] == pytest.approx(0.30, abs=0.04)
    assert outcome["underretning"] == pytest.approx(0.10, abs=0.03)
    assert outcome["ingen"] == pytest.approx(0.22, abs=0.04)

    linked = ind[ind["utm_moede_id"].notna()]
    assert linked["utm_moede_id"].is_unique
    meetings = utm.set_index("moede_id")
    assert set(linked["utm_moede_id"]) == set(utm.loc[utm["udfald"] == "paragraf11", "moede_id"])
    joined = linked.join(meetings, on="utm_moede_id", rsuffix="_moede")
    assert (joined["barn_id"] == joined["barn_id_moede"]).all()
    assert (joined["bevilgende_enhed_id"] == joined["enhed_id"]).all()
    delay = (pd.to_datetime(joined["startdato"]) - pd.to_datetime(joined["moededato"])).dt.days
    assert delay.between(0, 21).all()
    assert (linked["trin"] == 2).all()
    assert set(linked["bevilget_af"]) == {"skoleleder", "dagtilbudsleder"}
    family_pays = (linked["betalende_sektor"] == "familie_myndighed").mean()
    assert 0.75 <= family_pays <= 0.92
    assert set(linked["betalende_sektor"]) == {"familie_myndighed", "skole", "dagtilbud"}
    planned = pd.to_datetime(linked["startdato"]) + pd.DateOffset(months=3)
    has_plan = linked["planlagt_slutdato"].notna()
    assert (pd.to_datetime(linked.loc[has_plan, "planlagt_slutdato"]) == planned[has_plan]).all()
    assert linked["maanedlig_udgift"].between(3000, 12000 * 1.1).all()


def test_most_leader_granted_courses_end_within_three_months(tables):
    ind = tables["indsats"]
    linked = ind[ind["utm_moede_id"].notna() & ind["slutdato"].notna()]
    limit = pd.to_datetime(linked["startdato"]) + pd.DateOffset(months=3) + pd.Timedelta(days=14)
    within = (pd.to_datetime(linked["slutdato"]) <= limit).mean()
    assert 0.55 <= within <= 0.75, within
    extended = linked["forlaenget"].eq(True).mean()
    assert 0.2 <= extended <= 0.4, extended
    long = linked[linked["forlaenget"].eq(True)]
    months = (pd.to_datetime(long["slutdato"]) - pd.to_datetime(long["startdato"])).dt.days / 30.44
    # Most extensions add one to six months; a long tail runs on for over a year (issue 12).
    assert months.between(3.9, 9.1).mean() >= 0.8
    assert (months > 12).any() and (months >= 3.9).all()


# ------------------------------------------------------------------ the staircase

@pytest.mark.parametrize("day, bands", [
    (date(2022, 3, 31), {6: (3.3, 3.9), 5: (7.8, 8.7), 4: (0.3, 0.8)}),
    (date(2026, 9, 30), {6: (2.7, 3.3), 5: (8.0, 8.8), 4: (0.75, 1.3)}),
])
def test_placements_per_1000_children(tables, population, day, bands):
    ind = tables["indsats"]
    active = (ind["startdato"] <= day) & (ind["slutdato"].isna() | (ind["slutdato"] >= day))
    for trin, (low, high) in bands.items():
        rate = (active & (ind["trin"] == trin)).sum() / population.loc[day.year, "0-17"] * 1000
        assert low <= rate <= high, (day, trin, rate)


def test_institutional_placements_fall_and_network_care_rises(tables, population):
    ind = tables["indsats"]

    def rate(day: date, trin: int) -> float:
        active = (ind["startdato"] <= day) & (ind["slutdato"].isna() | (ind["slutdato"] >= day))
        return (active & (ind["trin"] == trin)).sum() / population.loc[day.year, "0-17"] * 1000

    assert rate(date(2026, 9, 30), 6) < rate(date(2022, 3, 31), 6) - 0.3
    assert rate(date(2026, 9, 30), 4) > rate(date(2022, 3, 31), 4) + 0.2


def test_prevention_ratio_rises_within_the_national_range(tables, yearly_cost):
    ind = tables["indsats"]
    prevention = _per_year(yearly_cost, ind["trin"].isin([2, 3]))
    placement = _per_year(yearly_cost, ind["trin"] >= 4)
    ratio = prevention / placement * 100
    assert ratio.between(50, 75).all(), ratio.round(1).to_dict()
    assert ratio.loc[list(FULL_YEARS)].is_monotonic_increasing, ratio.round(1).to_dict()
    assert ratio[2025] - ratio[2022] > 8


def test_spend_per_resident_aged_0_22(tables, population, yearly_cost):
    ind = tables["indsats"]
    years = list(FULL_YEARS)
    total = yearly_cost.sum()[years] / population.loc[years, "0-22"]
    assert total.between(8500, 10500).all(), total.round().to_dict()
    placement = _per_year(yearly_cost, ind["trin"] >= 4)[years] / population.loc[years, "0-22"]
    assert placement.between(5000, 5800).all(), placement.round().to_dict()


def test_districts_differ_in_prevention_ratio(tables, yearly_cost):
    ind = tables["indsats"]
    ratios = {}
    for district in DISTRICTS:
        here = ind["distrikt"] == district
        ratios[district] = (_per_year(yearly_cost, here & ind["trin"].isin([2, 3]))[2025]
                            / _per_year(yearly_cost, here & (ind["trin"] >= 4))[2025])
    assert max(ratios.values()) - min(ratios.values()) > 0.15


def test_some_children_seen_at_a_utm_are_placed_within_a_year(tables):
    utm, ind = tables["utm"], tables["indsats"]
    first = utm[(utm["moedetype"] == "foerste") & (utm["moededato"] <= UNTIL.end - timedelta(days=365))]
    placements = ind.loc[ind["trin"] >= 4, ["barn_id", "startdato"]]
    joined = first[["barn_id", "moededato"]].merge(placements, on="barn_id", how="left")
    start, meeting = pd.to_datetime(joined["startdato"]), pd.to_datetime(joined["moededato"])
    joined["placed"] = (start > meeting) & (start <= meeting + pd.Timedelta(days=365))
    share = joined.groupby("barn_id")["placed"].any().mean()
    assert 0.03 <= share <= 0.06, share


# ------------------------------------------------------------------ economy and key figures

def test_family_department_spend_follows_its_interventions(tables):
    oek, ind = tables["oekonomi"], tables["indsats"]
    assert (oek["budget"] == oek["budget"].round()).all()
    assert (oek["forbrug"] == oek["forbrug"].round()).all()
    assert set(oek["sektor"]) == {"dagtilbud", "skole", "ppr", "sundhedspleje", "familie_myndighed",
                                  "familie_udfoerer"}
    assert set(oek["projekt"]) == {"", "Trivsel på Tværs", *investment_demo.PROJECTS}
    assert len(oek["periode"].unique()) == 19
    row = oek[(oek["periode"] == "2024K3") & (oek["sektor"] == "familie_myndighed")
              & (oek["omkostningstype"] == "indsatser") & (oek["projekt"] == "")]
    assert row["periode_start"].item() == date(2024, 7, 1) and row["periode_slut"].item() == date(2024, 9, 30)

    # Cost of the courses the family department pays for in 2024K3, prorated by days.
    q_start, q_end = pd.Timestamp("2024-07-01"), pd.Timestamp("2024-09-30")
    paid = ind[ind["betalende_sektor"] == "familie_myndighed"]
    start = pd.to_datetime(paid["startdato"])
    end = pd.to_datetime(paid["slutdato"]).fillna(pd.Timestamp(UNTIL.end))
    cost = 0.0
    for month_start in pd.date_range(q_start, q_end, freq="MS"):
        month_end = month_start + pd.offsets.MonthEnd(0)
        days = (np.minimum(end, month_end) - np.maximum(start, month_start)).dt.days + 1
        cost += (paid["maanedlig_udgift"] * days.clip(lower=0) / month_end.day).sum()
    # Booked spend follows the registered cost, but not to the krone (issue 12): within 12 %.
    assert row["forbrug"].item() == pytest.approx(cost, rel=0.12)
    overspend = row["forbrug"].item() / row["budget"].item() - 1
    assert 0.015 <= overspend <= 0.085

    family = oek[(oek["sektor"] == "familie_myndighed") & (oek["omkostningstype"] == "indsatser")]
    assert (family["forbrug"] > family["budget"]).all()
    others = oek[(oek["omkostningstype"] != "indsatser") & (oek["budget"] > 0)]
    deviation = others["forbrug"] / others["budget"] - 1
    assert deviation.abs().max() <= 0.05

    school = oek[(oek["sektor"] == "skole") & (oek["periode"].str.startswith("2024")) & (oek["projekt"] == "")]
    pupils = tables["befolkning"].query("aar == 2024 and aldersgruppe == '6-17'")["antal"].sum() * 0.86
    assert 95_000 <= school["forbrug"].sum() / pupils <= 125_000


def test_key_figures_per_district_and_quarter(tables, population):
    key = tables["noegletal"]
    assert (key["enhed_id"] == "").all()
    assert set(key["distrikt"]) == DISTRICTS
    figures = {"underretninger", "genunderretninger", "fravaer_pct", "trivsel_groen", "trivsel_gul", "trivsel_roed"}
    assert figures <= set(key["noegletal"])
    assert len(key[key["noegletal"] == "underretninger"]) == 3 * 19

    year = key["periode"].str[:4].astype(int)
    notes = key[(key["noegletal"] == "underretninger") & year.isin(FULL_YEARS)]
    per_1000 = notes.groupby(year)["vaerdi"].sum() / population.loc[list(FULL_YEARS), "0-17"] * 1000
    assert per_1000.between(100, 130).all(), per_1000
    repeats = key.loc[key["noegletal"] == "genunderretninger", "vaerdi"].sum()
    assert repeats / key.loc[key["noegletal"] == "underretninger", "vaerdi"].sum() == pytest.approx(0.35, abs=0.04)

    absence = key[key["noegletal"] == "fravaer_pct"]
    assert absence["vaerdi"].between(5.5, 9.5).all()
    assert (absence["antal"] > 1000).all()
    wellbeing = key[key["noegletal"].str.startswith("trivsel_")]
    totals = wellbeing.groupby(["periode", "distrikt"])["vaerdi"].sum()
    assert np.allclose(totals, 100, atol=0.15)
    assert (wellbeing["antal"] > 0).all()


# ------------------------------------------------------------------ the database file

def test_build_demo_database_writes_one_demo_batch_atomically(tmp_path, tables):
    target = tmp_path / "data" / "demo.duckdb"
    target.parent.mkdir()
    target.write_bytes(b"an older file that must be replaced whole")
    result = demo.build_demo_database(target, until=UNTIL)
    assert result == target
    assert sorted(p.name for p in target.parent.iterdir()) == ["demo.duckdb"]
    store = Store(target)
    meta = store.meta()
    assert meta["demo"] == "ja"
    assert meta["kommune"] == demo.DEMO_KOMMUNE
    assert meta["seed"] == str(demo.DEFAULT_SEED)
    assert meta["data_until"] == "2026-09-30"
    with store.connect(read_only=True) as con:
        for name, frame in tables.items():
            assert con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] == len(frame), name
        batches = con.execute("SELECT user_name, file_name, kind FROM batch").fetchall()
        placements = con.execute(
            "SELECT count(*) FROM indsats WHERE trin >= 4 AND slutdato IS NULL").fetchall()[0][0]
    assert batches == [("demo", "Demo Kommune (syntetiske data)", "demo")]
    assert placements == ((tables["indsats"]["trin"] >= 4) & tables["indsats"]["slutdato"].isna()).sum()


def test_the_demo_is_as_untidy_as_real_data(tables):
    """Issue 12, point 13: activity on step 1, short and very long § 11 courses, preventive courses
    without a planned end, and booked spend that differs from the registered cost year by year."""
    ind, oek = tables["indsats"], tables["oekonomi"]
    assert (ind["trin"] == 1).sum() > 50
    preventive = ind[(ind["familie"] == domain.PREVENTIVE) & (ind["trin"] == 2) & ind["slutdato"].notna()]
    days = (pd.to_datetime(preventive["slutdato"]) - pd.to_datetime(preventive["startdato"])).dt.days + 1
    assert days.min() <= 31 and days.max() >= 365
    assert 0.05 <= preventive["planlagt_slutdato"].isna().mean() <= 0.25
    booked = oek[(oek["sektor"] == "familie_myndighed") & (oek["omkostningstype"] == "indsatser")]
    paid = ind[ind["betalende_sektor"] == "familie_myndighed"]
    ratios = {}
    for year in (2023, 2024, 2025):
        start = pd.to_datetime(paid["startdato"])
        end = pd.to_datetime(paid["slutdato"]).fillna(pd.Timestamp(UNTIL.end))
        cost = 0.0
        for month_start in pd.date_range(f"{year}-01-01", f"{year}-12-01", freq="MS"):
            month_end = month_start + pd.offsets.MonthEnd(0)
            running = (np.minimum(end, month_end) - np.maximum(start, month_start)).dt.days + 1
            cost += (paid["maanedlig_udgift"] * running.clip(lower=0) / month_end.day).sum()
        ratios[year] = booked[booked["periode"].str.startswith(str(year))]["forbrug"].sum() / cost
    # Not within 0,8 % every year any more: the years differ by more than 2 points.
    assert max(ratios.values()) - min(ratios.values()) > 0.02, ratios
    assert all(0.9 < r < 1.1 for r in ratios.values()), ratios


# ------------------------------------------------------------------ FIT per course (fit_demo)

@pytest.fixture(scope="module")
def fit_rows(tables) -> pd.DataFrame:
    return fit_demo.measurements(tables["indsats"], UNTIL)


def _fit_courses(fit_rows: pd.DataFrame, tables) -> pd.DataFrame:
    ordered = fit_rows.sort_values("dato").groupby("indsats_id")
    courses = pd.DataFrame({"sessions": ordered.size(), "first": ordered["ors"].first(),
                            "latest": ordered["ors"].last(), "age": ordered["alder"].last()})
    register = tables["indsats"].set_index("indsats_id")
    return courses.join(register[["distrikt", "familie", "trin", "startdato", "slutdato"]])


def test_fit_demo_is_deterministic_and_within_its_courses(tables, fit_rows):
    assert fit_demo.measurements(tables["indsats"], UNTIL).equals(fit_rows)
    assert list(fit_rows.columns) == list(FACT_TABLES["fit_maaling"].columns)
    courses = tables["indsats"].set_index("indsats_id")
    start = pd.to_datetime(courses.loc[fit_rows["indsats_id"], "startdato"]).to_numpy()
    end = pd.to_datetime(courses.loc[fit_rows["indsats_id"], "slutdato"]).fillna(pd.Timestamp(UNTIL.end)).to_numpy()
    days = pd.to_datetime(fit_rows["dato"]).to_numpy()
    assert ((days >= start) & (days <= end) & (days <= np.datetime64(UNTIL.end))).all()
    assert fit_rows["ors"].between(0, 40).all() and fit_rows["srs"].dropna().between(0, 40).all()
    assert not fit_rows.duplicated(["indsats_id", "dato"]).any()


def test_fit_demo_follows_a_share_of_the_preventive_courses_with_3_to_10_sessions(tables, fit_rows):
    courses = _fit_courses(fit_rows, tables)
    assert set(zip(courses["familie"], courses["trin"])) == {(domain.PREVENTIVE, 2), ("stoettende", 3)}
    preventive = tables["indsats"][(tables["indsats"]["familie"] == domain.PREVENTIVE) & (tables["indsats"]["trin"] == 2)
                                   & (pd.to_datetime(tables["indsats"]["startdato"]) >= pd.Timestamp("2022-01-01"))]
    followed = preventive["indsats_id"].isin(courses.index).mean()
    assert 0.45 <= followed <= 0.7, followed
    ended = courses[courses["slutdato"].notna()]
    assert courses["sessions"].max() <= 10
    assert (ended["sessions"] >= 3).mean() >= 0.85


def test_fit_demo_starts_around_the_cut_off_improves_mostly_and_districts_differ(tables, fit_rows):
    courses = _fit_courses(fit_rows, tables)
    courses = courses[courses["sessions"] >= 2].assign(change=lambda c: c["latest"] - c["first"])
    cutoffs = courses["age"].map(lambda age: fit.cutoff_for(int(age)) if age == age else None)
    known = cutoffs.notna()
    assert abs((courses.loc[known, "first"] - cutoffs[known].astype(float)).mean()) <= 6
    improved = (courses["change"] > 0).mean()
    assert 0.6 <= improved <= 0.92, improved               # most courses, not all
    reliable = (courses["change"] >= fit.RELIABLE_CHANGE).groupby(courses["distrikt"]).mean()
    assert reliable["Nord"] - reliable["Syd"] >= 0.15, reliable
    assert all(0.25 <= share <= 0.8 for share in reliable), reliable
