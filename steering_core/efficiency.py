"""Efficiency requirements across sectors: the budget side of an investment case (VIVE 2018, 003 L3740-3758).

A cross-sector solution is given a required saving per year, split across the sectors in it by a key
(Albertslund: 2, 3 and 4 mio. kr. in 2017-19, a third each). After the year, each sector's realised
saving is its spend in a baseline year minus its spend in the year, from the finance sheet. If the
sectors together fall short, the shortfall is split by a chosen rule - in Albertslund equally,
"uanset hvilke områder der har effektiviseret mest og mindst".
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from steering_core import distribution
from steering_core.store import Store
from steering_core.texts import t

EQUALLY, BY_KEY = "ligeligt", "noegle"
SHORTFALL_RULES = (EQUALLY, BY_KEY)


@dataclass(frozen=True)
class Requirement:
    name: str
    required: tuple[tuple[int, float], ...]     # (year, required saving in kroner for all sectors)
    key: tuple[tuple[str, float], ...]          # (sector, percent)
    baseline_year: int
    shortfall_rule: str = EQUALLY
    project: str = ""                           # only finance rows of this project ('' = all the sector's rows)

    @property
    def shares(self) -> dict[str, float]:
        return dict(self.key)


def validate(requirement: Requirement, user: str = "x") -> list[str]:
    """Problems in Danish (the key is checked as a distribution key); empty when it can be saved."""
    problems = distribution.validate(requirement.name, requirement.shares)
    if not str(user or "").strip():
        problems.append(t("inv.err.user"))
    if requirement.shortfall_rule not in SHORTFALL_RULES:
        problems.append(t("inv.err.rule", found=requirement.shortfall_rule, rules=", ".join(SHORTFALL_RULES)))
    return problems


def from_tables(name: str, project: str, baseline_year: int, rule: str, years: pd.DataFrame,
                key: pd.DataFrame, user: str) -> tuple[Requirement | None, list[str]]:
    """A requirement from a form: ``years`` has year and amount, ``key`` has sector and share (percent); the
    requirement, or None and the problems in Danish."""
    required = [(int(y), float(a)) for y, a in zip(years["year"], years["amount"])
                if not pd.isna(y) and not pd.isna(a)]
    shares = tuple((str(s), float(p)) for s, p in zip(key["sector"], key["share"]) if not pd.isna(p) and float(p) > 0)
    requirement = Requirement((name or "").strip(), tuple(sorted(required)), shares, int(baseline_year), rule,
                              (project or "").strip())
    problems = validate(requirement, user)
    if not required:
        problems.append(t("inv.err.no_years"))
    if any(amount < 0 for _, amount in required):
        problems.append(t("inv.err.negative_requirement"))
    if any(year <= baseline_year for year, _ in required):
        problems.append(t("inv.err.before_baseline", base=baseline_year))
    if len({year for year, _ in required}) < len(required):
        problems.append(t("inv.err.year_twice"))
    return (None if problems else requirement), problems


def to_dict(requirement: Requirement) -> dict:
    return asdict(requirement)


def from_dict(data: dict) -> Requirement:
    return Requirement(data["name"], tuple((int(y), float(a)) for y, a in data["required"]),
                       tuple((s, float(p)) for s, p in data["key"]), int(data["baseline_year"]),
                       data.get("shortfall_rule", EQUALLY), data.get("project", ""))


def split(requirement: Requirement, realised: pd.DataFrame) -> pd.DataFrame:
    """Per year and sector: required (by the key), realised, the sector's own shortfall, and the part of the
    total shortfall it carries (by the rule). ``realised`` has year, sector, realised."""
    shares = requirement.shares
    equal = {sector: 100 / len(shares) for sector in shares}
    done = realised.set_index(["year", "sector"])["realised"] if len(realised) else pd.Series(dtype=float)
    rows = []
    for year, total in requirement.required:
        required = distribution.allocate(shares, total).set_index("sector")["amount"]
        got = {sector: float(done.get((year, sector), 0.0)) for sector in shares}
        shortfall = max(0.0, round(total) - sum(got.values()))
        carried = distribution.allocate(equal if requirement.shortfall_rule == EQUALLY else shares,
                                        shortfall).set_index("sector")["amount"]
        for sector in shares:
            rows.append({"year": year, "sector": sector, "required": float(required[sector]),
                         "realised": got[sector], "own_shortfall": max(0.0, float(required[sector]) - got[sector]),
                         "carries": float(carried[sector])})
    return pd.DataFrame(rows, columns=["year", "sector", "required", "realised", "own_shortfall", "carries"])


def realised_savings(store: Store, kommune: str, requirement: Requirement) -> pd.DataFrame:
    """Each sector's spend in the baseline year minus its spend in each required year, from the finance
    sheet. Only whole years count: a year whose booked periods do not reach 31 December is left out."""
    years = [year for year, _ in requirement.required]
    with store.reading() as con:
        spend = con.execute("""
            SELECT year(periode_start) AS year, sektor AS sector, sum(forbrug)::DOUBLE AS spend FROM oekonomi
            WHERE kommune = $k AND sektor IN (SELECT unnest($sectors)) AND ($project = '' OR projekt = $project)
              AND year(periode_start) IN (SELECT unnest($years))
            GROUP BY ALL
            HAVING max(periode_slut) >= make_date(year(periode_start)::BIGINT, 12, 31)""",
                            {"k": kommune, "sectors": list(requirement.shares), "project": requirement.project,
                             "years": [requirement.baseline_year, *years]}).df()
    base = spend[spend["year"] == requirement.baseline_year].set_index("sector")["spend"]
    later = spend[spend["year"] != requirement.baseline_year].copy()
    later["realised"] = later["sector"].map(base).fillna(0.0) - later["spend"]
    return later[["year", "sector", "realised"]].reset_index(drop=True)


def follow_up(store: Store, kommune: str, requirement: Requirement) -> pd.DataFrame:
    """The requirement per year and sector against what the finance sheet shows; years not booked yet have
    nothing realised (``booked`` False)."""
    realised = realised_savings(store, kommune, requirement)
    frame = split(requirement, realised)
    frame["booked"] = frame["year"].isin(set(realised["year"]))
    frame.loc[~frame["booked"], ["realised", "own_shortfall", "carries"]] = float("nan")
    return frame
