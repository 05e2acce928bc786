"""Counts and kroner that add up: time differencing, hierarchy, two-way tables, filter sets, and the
generic attack that puts every shown figure of an indicator into one system of equations."""
from __future__ import annotations

from steering_core import config, overview
from steering_core.domain import GRANTED_BY, SECTORS, STEPS
from steering_core.engine import Filters, Request
from steering_core.views import economy, p11, staircase
from tests.disclosure.attacker import (Equation, LinearAttack, Tally, atom_truths, cli_equations, quarters_of,
                                       report, request_of, spans, subsets)

# Flows add up over time; stocks (active at the period's end) only over units.
FLOWS = ["utm_held", "p11_started", "p11_ended", "interventions_started", "intervention_cost"]
STOCKS = ["p11_active", "interventions_active"]
ALL = FLOWS + STOCKS
MONEY = {"intervention_cost", "p11_cost"}
KEYS = {"distrikt": "district", "enhed": "unit", "sektor": "sector", "trin": "step"}


def keys_of(by) -> list[str]:
    return [KEYS[b] for b in by]


def period_quarters(indicator: str, label: str) -> list[str]:
    quarters = quarters_of(label)
    return quarters[-1:] if indicator in STOCKS else quarters


def unit_atoms(dataset):
    """Atoms quarter × unit: every meeting and course belongs to one unit, which lies in one district."""
    register = dataset.units()
    by_district = register.groupby("district")["unit"].apply(list).to_dict()
    everyone = list(register["unit"])

    def atoms_of(indicator, row, district_filter):
        if row.get("unit") is not None:
            units = [row["unit"]]
        elif row.get("district") is not None:
            units = by_district.get(row["district"], [])
        elif district_filter:
            units = [u for d in district_filter for u in by_district.get(d, [])]
        else:
            units = everyone
        return tuple((q, u) for q in period_quarters(indicator, row["period"]) for u in units)
    return atoms_of


def attacks_for(name: str, dataset, indicators, by=("enhed",), atoms_of=None) -> dict[str, LinearAttack]:
    """One attack per indicator over atoms of the finest breakdown ``by`` per quarter.

    When that breakdown lists hidden cells too, a cell it leaves out is zero, and the attacker knows
    it (the support); a product that leaves hidden cells out gives no such knowledge. Every atom
    whose true count is 1-4 is a target, whether or not an output lists it."""
    atoms_of = atoms_of or unit_atoms(dataset)
    q = dataset.quarters
    asked = ALL if set(indicators) <= set(ALL) and "trin" not in by else indicators
    rows = dataset.cli(asked, q[0], q[-1], "kvartal", by)
    support = None
    if rows and any(row["suppressed"] for row in rows):
        support = {i: set() for i in indicators}
        for row in rows:
            if row["indicator"] in support:
                support[row["indicator"]].update(atoms_of(row["indicator"], row, ()))
    truth = atom_truths(dataset, asked, by, atoms_of)
    attacks = {i: LinearAttack(name, money=i in MONEY, support=None if support is None else support[i],
                               atom_truth=truth[i]) for i in indicators}
    for indicator, attack in attacks.items():
        if indicator in MONEY:
            continue
        for atom, value in truth[indicator].items():
            if 0 < value < config.min_cell_size():
                attack.add(Equation("the finest cells", f"{indicator} {' '.join(map(str, atom))}", (atom,), None,
                                    value))
    return attacks


def add_cli(dataset, tally, attacks, first, last, grain, by=(), district=(), atoms_of=None, only=None):
    return cli_equations(dataset, tally, attacks, only or ALL, first, last, grain, tuple(by), tuple(district),
                         atoms_of or unit_atoms(dataset), keys_of(by))


def time_requests(q: list[str]) -> list[tuple[str, str, str, tuple]]:
    """Quarters and the calendar year; spans that differ by one quarter; the rolling four-quarter
    windows (K1-K4, K2-K1 next year); every other span of 2-3 quarters. Each for the municipality
    and per unit."""
    periods = [(q[0], q[-1], "kvartal"), (q[0], q[3], "aar"),
               *[(first, last, "samlet") for first, last in spans(q, longest=4)]]
    return [(first, last, grain, by) for first, last, grain in periods for by in [(), ("enhed",)]]


def hierarchy_requests(dataset) -> list[tuple[str, str, str, tuple, tuple]]:
    """Per quarter: the municipality, districts, units, and each district chosen on its own."""
    q = dataset.quarters
    return ([(q[0], q[-1], "kvartal", by, ()) for by in [(), ("distrikt",), ("enhed",), ("distrikt", "enhed")]]
            + [(q[0], q[-1], "kvartal", (), (d,)) for d in dataset.districts()])


def filter_requests(dataset) -> list[tuple[str, str, str, tuple, tuple]]:
    q = dataset.quarters
    return [(q[0], q[-1], "kvartal", (), chosen) for chosen in subsets(dataset.districts(), range(1, 4))]


def test_time_differencing(dataset):
    """A span or a year minus its shown quarters; two spans differing by one quarter; rolling windows."""
    tally = Tally("time differencing", dataset)
    for level in [(), ("enhed",)]:
        attacks = attacks_for("time differencing", dataset, FLOWS)
        for first, last, grain, by in time_requests(dataset.quarters):
            if by == level:
                add_cli(dataset, tally, attacks, first, last, grain, by)
        for attack in attacks.values():
            tally.solve(attack, dataset)
    assert not tally.recoveries, report(tally.recoveries)


def test_hierarchy(dataset):
    """Units against their district, districts against the municipality, quarter by quarter."""
    tally = Tally("hierarchy", dataset)
    attacks = attacks_for("hierarchy", dataset, FLOWS + STOCKS)
    for first, last, grain, by, district in hierarchy_requests(dataset):
        add_cli(dataset, tally, attacks, first, last, grain, by, district)
    for attack in attacks.values():
        tally.solve(attack, dataset)
    assert not tally.recoveries, report(tally.recoveries)


def test_two_way_tables_against_margins(dataset):
    """District × step and unit × sector against their margins; the grant × pay matrix against the
    spend per paying sector; the staircase picture (per step) beside the steps by district."""
    tally = Tally("two-way vs margins", dataset)
    q = dataset.quarters
    districts = dataset.districts()

    def cross_atoms(first_key, first_values, second_key, second_values):
        def atoms_of(indicator, row, district_filter):
            ones = [row[first_key]] if row.get(first_key) is not None else first_values
            twos = [row[second_key]] if row.get(second_key) is not None else second_values
            return tuple((p, a, b) for p in period_quarters(indicator, row["period"]) for a in ones for b in twos)
        return atoms_of

    indicators = ["interventions_active", "interventions_started", "intervention_cost"]
    atoms_of = cross_atoms("district", districts, "step", list(STEPS))
    attacks = attacks_for("two-way vs margins", dataset, indicators, ("distrikt", "trin"), atoms_of)
    for by in [("distrikt", "trin"), ("distrikt",), ("trin",), ()]:
        add_cli(dataset, tally, attacks, q[0], q[-1], "kvartal", by, atoms_of=atoms_of,
                only=indicators if "trin" in by else ALL)
    for attack in attacks.values():
        tally.solve(attack, dataset)

    # The units and paying sectors the margins list are the rows and columns of the unit × sector table.
    seen = {by: {row[KEYS[by]] for row in dataset.cli(indicators, q[0], q[-1], "kvartal", (by,)) or []}
            for by in ("enhed", "sektor")}
    units = [u for u in dataset.units()["unit"] if u in seen["enhed"]]
    atoms_of = cross_atoms("unit", units, "sector", [s for s in SECTORS if s in seen["sektor"]])
    attacks = attacks_for("two-way vs margins", dataset, indicators, ("enhed", "sektor"), atoms_of)
    for by in [("enhed", "sektor"), ("enhed",), ("sektor",), ()]:
        add_cli(dataset, tally, attacks, q[0], q[-1], "kvartal", by, atoms_of=atoms_of)
    for attack in attacks.values():
        tally.solve(attack, dataset)

    _grant_pay_matrix(dataset, tally)
    _staircase_page(dataset, tally)
    assert not tally.recoveries, report(tally.recoveries)


def _grant_pay_matrix(dataset, tally):
    q = dataset.quarters
    request = Request(q[0], q[3])
    figure = dataset.figure(economy.grant_pay, request)
    if figure is None:
        tally.refused()
        return
    truth = dataset.truth(["intervention_cost", "interventions_with_cost"],
                          request_of(q[0], q[3], "samlet", ("bevilget_af", "sektor")))
    true: dict = {}
    for r in truth.to_dict("records"):
        column = "value" if r["indicator"] == "intervention_cost" else "count"
        true.setdefault((r["granted_by"], r["sector"]), {})[column] = r["value"]
    every = [(g, s) for g in GRANTED_BY for s in SECTORS]
    for column, indicator, money in [("value", "intervention_cost", True), ("count", "interventions_with_cost", False)]:
        attack = LinearAttack("two-way vs margins", money=money)
        for row in figure.table.to_dict("records"):
            cell = (row["granted_by"], row["sector"])
            hidden = bool(row["suppressed"]) or row[column] != row[column]
            attack.add(Equation(f"economy page, grant × pay matrix {q[0]}-{q[3]}",
                                f"{column} granted_by={cell[0]} sector={cell[1]}", (cell,),
                                None if hidden else float(row[column]),
                                float(true.get(cell, {}).get(column, 0.0)) if hidden else None))
        # The margins: the same spend and courses per paying sector and in all, from the CLI.
        for grain, first, last in [("aar", q[0], q[3])]:
            for by in [("sektor",), ()]:
                rows = dataset.cli(["intervention_cost", "interventions_with_cost"], first, last, grain, by)
                if rows is None:
                    tally.refused()
                    continue
                for row in rows:
                    if row["indicator"] != indicator or row["suppressed"] or row["value"] is None:
                        continue
                    atoms = tuple(c for c in every if not by or c[1] == row["sector"])
                    attack.add(Equation(f"indicators --grain {grain} --by {','.join(by)}", indicator, atoms,
                                        float(row["value"])))
        tally.solve(attack, dataset)


def _staircase_page(dataset, tally):
    last = dataset.quarters[-1]
    request = Request(last, last)
    picture = dataset.figure(staircase.picture, request)
    for measure, column, money in [("children", "children", False), ("cost", "cost", True)]:
        by_district = dataset.figure(staircase.by_district, request, measure)
        if picture is None or by_district is None:
            tally.refused()
            continue
        indicator = staircase.MEASURE_INDICATORS[measure]
        true_districts = dataset.truth([indicator], request_of(last, last, "kvartal", ("distrikt", "trin")))
        truth = {(r["district"], r["step"]): r["value"] for r in true_districts.to_dict("records")}
        attack = LinearAttack("two-way vs margins", money=money)
        districts = dataset.districts()
        for row in by_district.table.to_dict("records"):
            cell = (row["district"], row["step"])
            hidden = bool(row["suppressed"])
            attack.add(Equation(f"staircase page, steps by district ({measure}) {last}",
                                f"{measure} district={cell[0]} step={cell[1]}", (cell,),
                                None if hidden else float(row["value"]), truth.get(cell) if hidden else None))
        true_steps = {r["step"]: r["value"] for r in dataset.truth(
            [indicator], request_of(last, last, "kvartal", ("trin",))).to_dict("records")}
        for row in picture.table.to_dict("records"):
            value = row[column]
            hidden = value is None or value != value
            attack.add(Equation(f"staircase page, the staircase {last}", f"{measure} step={row['step']}",
                                tuple((d, row["step"]) for d in districts),
                                None if hidden else float(value), true_steps.get(row["step"]) if hidden else None))
        tally.solve(attack, dataset)


def test_sets_of_filters(dataset):
    """The figure for districts {A, B} minus the figure for {B}; the same for units chosen in the
    sidebar (the § 11 page's flows) and for the overview tiles."""
    tally = Tally("sets of filters", dataset)
    attacks = attacks_for("sets of filters", dataset, FLOWS + STOCKS)
    for first, last, grain, by, district in filter_requests(dataset):
        add_cli(dataset, tally, attacks, first, last, grain, by, district)
    districts = dataset.districts()
    _tiles(dataset, tally, attacks, [districts[:1], districts[1:2], districts[:2]])
    _unit_sets(dataset, tally, attacks)
    for attack in attacks.values():
        tally.solve(attack, dataset)
    assert not tally.recoveries, report(tally.recoveries)


def _tiles(dataset, tally, attacks, district_sets):
    register = dataset.units()
    last = dataset.quarters[-1]
    for chosen in district_sets:
        filters = Filters(distrikter=tuple(chosen))
        try:
            tiles = overview.tiles(dataset.store, last, filters, ["utm_held", "p11_started"])
        except (ValueError, KeyError):
            tally.refused()
            continue
        units = list(register[register["district"].isin(chosen)]["unit"])
        for tile in tiles:
            if tile.note:                 # shown at a wider scope than asked: not this set's figure
                continue
            quarters = _trend_quarters(last, len(tile.trend))
            for quarter, value in zip(quarters, tile.trend):
                if quarter in dataset.quarters:
                    attacks[tile.indicator_id].add(Equation(
                        f"overview tiles, districts {','.join(chosen)}",
                        f"{tile.indicator_id} {quarter} [districts {','.join(chosen)}]",
                        tuple((quarter, u) for u in units), value))


def _trend_quarters(last: str, n: int) -> list[str]:
    from steering_core import periods
    end = periods.parse_quarter(last)
    return [periods.shift_quarters(end, -k).label for k in range(n - 1, -1, -1)]


def _unit_sets(dataset, tally, attacks):
    """Two units of a district chosen in the sidebar, and each of them alone: the § 11 page's flows."""
    register = dataset.units()
    q = dataset.quarters
    district = dataset.districts()[0]
    units = list(register[register["district"] == district]["unit"])[:2]
    for chosen in subsets(units, (1, 2)):
        request = request_of(q[0], q[-1], district=(district,), units=chosen)
        figure = dataset.figure(p11.flows, request)
        if figure is None:
            tally.refused()
            continue
        for row in figure.table.to_dict("records"):
            if row["period"] not in q or row["indicator"] not in attacks:
                continue
            hidden = bool(row["suppressed"]) or row["value"] != row["value"]
            attacks[row["indicator"]].add(Equation(
                f"§ 11 page, units {','.join(chosen)}", f"{row['indicator']} {row['period']} [units "
                f"{','.join(chosen)}]", tuple((row["period"], u) for u in chosen),
                None if hidden else float(row["value"])))


def test_generic_linear_system(dataset):
    """Every shown figure of one indicator over the grains, spans, levels and district filters the CLI
    answers, as one system of equations (cell = sum of its parts): any hidden cell it determines."""
    tally = Tally("generic linear system", dataset)
    attacks = attacks_for("generic linear system", dataset, FLOWS)
    requests = [(*r, ()) for r in time_requests(dataset.quarters)]
    requests += hierarchy_requests(dataset) + filter_requests(dataset)
    q = dataset.quarters
    requests += [(q[0], q[3], "aar", (), (d,)) for d in dataset.districts()]
    for first, last, grain, by, district in requests:
        add_cli(dataset, tally, attacks, first, last, grain, by, district)
    for attack in attacks.values():
        tally.solve(attack, dataset)
    assert not tally.recoveries, report(tally.recoveries)
