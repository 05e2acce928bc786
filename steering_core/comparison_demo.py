"""Demo Kommune among the national demo's invented municipalities, with the reference figures a real
installation would upload (inhabitants and expenditure-need index per municipality), so that the
comparison page has a group to suggest and differences to discuss.

Wired into ``national_demo.build_national_database`` with one call. The expenditure-need index follows each
invented municipality's placement propensity (a municipality with more placements is, in the demo, one
with a heavier socio-economic load), with some noise, scaled so that the average is about 100, as
VIVE's index is (000 L634-662).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from steering_core import demo, national_demo
from steering_core import store as store_writes
from steering_core.periods import Period
from steering_core.store import REFERENCE_TABLE, Store, write_reference

SOURCE = "Demodata (opdigtede nøgletal)"


def inhabitants(spec: demo.KommuneSpec) -> int:
    return round((spec.children_0_5 + spec.children_6_17 + spec.young_18_22) / sum(national_demo.AGE_SHARES))


def need_index(spec: demo.KommuneSpec, rng: np.random.Generator) -> float:
    placement = sum(d.share * d.placement for d in spec.districts) / sum(d.share for d in spec.districts)
    return round(100 * placement ** 0.8 * rng.lognormal(0.0, 0.06))


def reference_rows(specs: list[demo.KommuneSpec], year: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng([seed, 0x52454631])         # "REF1": its own stream
    rows = []
    for spec in specs:
        rows += [(spec.name, year, "indbyggere", float(inhabitants(spec))),
                 (spec.name, year, "udgiftsbehovsindeks", float(need_index(spec, rng)))]
    frame = pd.DataFrame(rows, columns=["kommune", "aar", "felt", "vaerdi"])
    frame = frame.assign(antal=pd.array([None] * len(frame), dtype="Int64"), kilde=SOURCE, tabel="", hentet=None)
    return frame[list(REFERENCE_TABLE.columns)]


def add_to_national(store: Store, specs: list[demo.KommuneSpec], *, seed: int, until: Period, first_year: int,
                    batch_id: int) -> None:
    """Demo Kommune's tables next to the invented municipalities, reference figures for all of them, and
    Demo Kommune as the municipality the app opens on."""
    tables = demo.build_kommune_tables(demo.DEMO_SPEC, seed=seed, until=until, first_year=first_year)

    def append(con) -> None:
        for name, frame in tables.items():
            store_writes.append_rows(con, name, frame, batch_id)
        store_writes.set_meta(con, {"egen_kommune": demo.DEMO_KOMMUNE})
    store.write(append)
    write_reference(store, reference_rows([demo.DEMO_SPEC, *specs], until.end.year, seed), user=demo.DEMO_USER,
                    file_name=SOURCE, sha256="")
