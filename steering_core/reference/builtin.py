"""Reference figures printed in the source reports, built in so that every installation can compare
with something on the first day. Each row names its report, table and lines in /work/shared/seeds/.

They are published averages and key figures, not counts of children: nothing here is protected.
"""
from __future__ import annotations

import pandas as pd

from steering_core.store import REFERENCE_TABLE

COUNTRY = "Hele landet"
ADVISORY = "Rådgivningskommuner (gns.)"

# 002_fd56fc2d160fb0b2.txt L3288-3304: Bilagstabel 2.6, kr. per 0-22-year-old, 2019 prices; whole country
# and the average of the 10 advisory municipalities (rådgivningskommuner), 2016-2018. Source named there
# (L3306): Indsatstrappens udgiftsmodel (Socialstyrelsen).
SOURCE_002 = "VIVE 2019, Bilagstabel 2.6 (Indsatstrappens udgiftsmodel, Socialstyrelsen), 2019-priser"
TABLE_002 = "002 Bilagstabel 2.6"
_BILAGSTABEL_2_6 = {
    # who: {year: (steps 2-3, steps 4-6)}
    ADVISORY: {2016: (2541, 5466), 2017: (2804, 5657), 2018: (3213, 5578)},
    COUNTRY: {2016: (3306, 5290), 2017: (3390, 5270), 2018: (3814, 5313)},
}

# 000_c8bcaefe19a5152a.txt L634-662: Tabel 2.1, inhabitants 2020, expenditure-need index for children
# and young people with special needs 2015 (country = 100), spend on them per 0-22-year-old 2019.
# Sources named there (L660-661): VIVE's ECO nøgletal, Indsatstrappens udgiftsmodel.
SOURCE_000 = "VIVE 2021, Tabel 2.1 (VIVEs ECO nøgletal; Indsatstrappens udgiftsmodel)"
TABLE_000 = "000 Tabel 2.1"
_TABEL_2_1 = {
    # who: (inhabitants 2020, expenditure-need index 2015, kr. per 0-22-year-old 2019)
    "Gladsaxe": (69_262, 79, 8_129),
    "Haderslev": (55_670, 121, 12_200),
    "Mariagerfjord": (41_800, 114, 11_378),
    "Silkeborg": (94_026, 87, 7_120),
    COUNTRY: (59_415, 100, 10_016),     # the country's inhabitants are the average municipality's
}


def rows() -> pd.DataFrame:
    """The built-in reference rows, in the stored table's columns."""
    found = []
    for who, years in _BILAGSTABEL_2_6.items():
        for year, (low, placements) in years.items():
            found += [(who, year, "spend_per_0_22_steps_2_3", float(low)),
                      (who, year, "spend_per_0_22_steps_4_6", float(placements)),
                      # The prevention ratio as 002 L3346-3355 computes it from the same table.
                      (who, year, "prevention_ratio", 100.0 * low / placements)]
    frame = pd.DataFrame(found, columns=["kommune", "aar", "felt", "vaerdi"])
    frame = frame.assign(kilde=SOURCE_002, tabel=TABLE_002)
    for_2_1 = []
    for who, (inhabitants, index, spend) in _TABEL_2_1.items():
        for_2_1 += [(who, 2020, "indbyggere", float(inhabitants)), (who, 2015, "udgiftsbehovsindeks", float(index)),
                    (who, 2019, "udgift_saerlige_behov_pr_0_22", float(spend))]
    frame = pd.concat([frame, pd.DataFrame(for_2_1, columns=["kommune", "aar", "felt", "vaerdi"]).assign(
        kilde=SOURCE_000, tabel=TABLE_000)], ignore_index=True)
    frame["antal"] = pd.array([None] * len(frame), dtype="Int64")
    frame["hentet"] = None
    return frame[list(REFERENCE_TABLE.columns)]
