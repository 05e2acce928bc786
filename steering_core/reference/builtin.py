"""Reference figures printed in the source reports, built in so that every installation can compare
with something on the first day. Each row names its report, table and lines in /work/shared/seeds/.

They are published averages and key figures, not counts of children: nothing here is protected.
"""
from __future__ import annotations

import pandas as pd

from steering_core import reference_figures
from steering_core.store import REFERENCE_TABLE

COUNTRY = "Hele landet"
ADVISORY = "Rådgivningskommuner (gns.)"

# The reports' tables are declared once in steering_core/reference_figures.py; here they become rows.
# 002_fd56fc2d160fb0b2.txt L3288-3304: Bilagstabel 2.6, kr. per 0-22-year-old, 2019 prices; whole country
# and the average of the 10 advisory municipalities (rådgivningskommuner), 2016-2018. Source named there
# (L3306): Indsatstrappens udgiftsmodel (Socialstyrelsen).
SOURCE_002 = "VIVE 2019, Bilagstabel 2.6 (Indsatstrappens udgiftsmodel, Socialstyrelsen), 2019-priser"
TABLE_002 = "002 Bilagstabel 2.6"
# 000_c8bcaefe19a5152a.txt L634-662: Tabel 2.1, inhabitants 2020, expenditure-need index for children
# and young people with special needs 2015 (country = 100), spend on them per 0-22-year-old 2019.
# Sources named there (L660-661): VIVE's ECO nøgletal, Indsatstrappens udgiftsmodel.
SOURCE_000 = "VIVE 2021, Tabel 2.1 (VIVEs ECO nøgletal; Indsatstrappens udgiftsmodel)"
TABLE_000 = "000 Tabel 2.1"
_NAMES = {"hele_landet": COUNTRY, "landsgennemsnit": COUNTRY, "raadgivning": ADVISORY}


def _table(key: str):
    return next(table for table in reference_figures.TABLES if table.key == key)


def rows() -> pd.DataFrame:
    """The built-in reference rows, in the stored table's columns."""
    found = []
    for who, *amounts in _table("steps_per_resident").rows:       # steps 2-3 2016-18, steps 4-6 2016-18
        for year, low, placements in zip((2016, 2017, 2018), amounts[:3], amounts[3:]):
            found += [(_NAMES[who], year, "spend_per_0_22_steps_2_3", float(low)),
                      (_NAMES[who], year, "spend_per_0_22_steps_4_6", float(placements)),
                      # The prevention ratio as 002 L3346-3355 computes it from the same table.
                      (_NAMES[who], year, "prevention_ratio", 100.0 * low / placements)]
    frame = pd.DataFrame(found, columns=["kommune", "aar", "felt", "vaerdi"])
    frame = frame.assign(kilde=SOURCE_002, tabel=TABLE_002)
    for_2_1 = []
    for who, inhabitants, index, spend in _table("spend_per_resident").rows:
        who = _NAMES.get(who, who)
        for_2_1 += [(who, 2020, "indbyggere", float(inhabitants)), (who, 2015, "udgiftsbehovsindeks", float(index)),
                    (who, 2019, "udgift_saerlige_behov_pr_0_22", float(spend))]
    frame = pd.concat([frame, pd.DataFrame(for_2_1, columns=["kommune", "aar", "felt", "vaerdi"]).assign(
        kilde=SOURCE_000, tabel=TABLE_000)], ignore_index=True)
    frame["antal"] = pd.array([None] * len(frame), dtype="Int64")
    frame["hentet"] = None
    return frame[list(REFERENCE_TABLE.columns)]
