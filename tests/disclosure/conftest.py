"""Datasets the attacker works on: the demo, and small municipalities stored through the real upload.

Every attack test is parametrised over them. The generated municipalities are drawn once per session
(derandomised hypothesis, so the same ones every run) and shared by all attacks, so each is uploaded
once; the CLI answers are cached per dataset, as a user keeps the files he has downloaded.
"""
from __future__ import annotations

import pytest

from steering_core.store import Store
from tests.disclosure import attacker
from tests.disclosure.municipality import QUARTERS, draw_specs, upload

GENERATED = 3
DEMO_QUARTERS = ["2025K1", "2025K2", "2025K3", "2025K4", "2026K1"]
DATASETS = ["demo", *[f"lilleby-{n}" for n in range(GENERATED)]]


@pytest.fixture(scope="session")
def generated_stores(tmp_path_factory) -> list[Store]:
    # The first example hypothesis draws is its simplest (no meetings at all): skip it.
    specs = draw_specs(GENERATED + 1)[1:]
    root = tmp_path_factory.mktemp("lilleby")
    return [upload(spec, root / f"lilleby-{n}.duckdb") for n, spec in enumerate(specs)]


_DATASETS: dict[str, attacker.Dataset] = {}


@pytest.fixture(params=DATASETS)
def dataset(request) -> attacker.Dataset:
    name = request.param
    if name not in _DATASETS:
        if name == "demo":
            store = Store(request.getfixturevalue("demo_path"))
            _DATASETS[name] = attacker.Dataset(name, "demo", store, list(DEMO_QUARTERS))
        else:
            store = request.getfixturevalue("generated_stores")[int(name.rsplit("-", 1)[1])]
            _DATASETS[name] = attacker.Dataset(name, "generated", store, list(QUARTERS))
    return _DATASETS[name]


def pytest_terminal_summary(terminalreporter):
    if not attacker.TALLY:
        return
    write = terminalreporter.write_line
    write("")
    write("Disclosure attacks: hidden cells tried / recovered / routes refused")
    write(f"{'attack class':<34} {'demo':>22} {'generated':>22}")
    for attack, kinds in attacker.TALLY.items():
        cells = []
        for kind in ("demo", "generated"):
            c = kinds.get(kind)
            cells.append(f"{c['tried']} / {c['recovered']} / {c['refused']}" if c else "-")
        write(f"{attack:<34} {cells[0]:>22} {cells[1]:>22}")
