"""The source reports' reference figures (../shared/DOMAIN.md section 7), declared once.

Shown on the page "Om tallene" beside the product's own figures, so a steering group can set its
municipality against them. Each table cites its report (the seed file's number) and lines.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReferenceTable:
    key: str                            # text key of the table's title (about.ref.<key>)
    source: str                         # report and lines, as cited in DOMAIN.md
    columns: tuple[str, ...]            # text keys of the column headers (about.col.<name>)
    rows: tuple[tuple[object, ...], ...]
    unit: str                           # steering_core.units key of the amounts
    note_key: str | None = None         # text key of a sentence under the table


TABLES: tuple[ReferenceTable, ...] = (
    ReferenceTable(
        "spend_per_resident", "000 L634-662",
        ("municipality", "inhabitants_2020", "need_index", "kr_per_0_22"),
        (("Gladsaxe", 69262, 79, 8129), ("Haderslev", 55670, 121, 12200),
         ("Mariagerfjord", 41800, 114, 11378), ("Silkeborg", 94026, 87, 7120),
         ("landsgennemsnit", 59415, 100, 10016)),
        "kr_pr_indbygger"),
    ReferenceTable(
        "steps_per_resident", "002 L3288-3304",
        ("group", "steps_2_3_2016", "steps_2_3_2017", "steps_2_3_2018",
         "steps_4_6_2016", "steps_4_6_2017", "steps_4_6_2018"),
        (("raadgivning", 2541, 2804, 3213, 5466, 5657, 5578),
         ("hele_landet", 3306, 3390, 3814, 5290, 5270, 5313)),
        "kr_pr_indbygger", note_key="prevention_ratio"),
    ReferenceTable(
        "key_figures", "002 bilag",
        ("key_figure", "from_value", "to_value"),
        (("institution", 3.6, 3.0), ("foster_family", 8.1, 8.4), ("network_foster_care", 0.5, 1.0)),
        "pr_1000", note_key="key_figures_stable"),
)
