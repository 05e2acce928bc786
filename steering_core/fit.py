"""FIT (Feedback-Informed Treatment): the published facts about its two scales, declared once.

The Outcome Rating Scale (ORS) and the Session Rating Scale (SRS) are each four 10 cm lines, scored
0-40. The upload's limits, the indicators' conditions, their definitions and the demo all read the
figures here.

- Reliable change on the ORS: 5 points (Miller, Duncan, Brown, Sparks & Claud 2003, "The Outcome
  Rating Scale: A preliminary study of the reliability, validity, and feasibility of a brief visual
  analog measure", Journal of Brief Therapy 2(2):91-100).
- Clinical cut-offs by age: 25 for adults (18+, ORS; Miller et al. 2003), 28 for adolescents 13-17
  (ORS) and 32 for children 6-12 (the Child ORS, CORS) (Duncan, Sparks, Miller, Bohanske & Claud
  2006, "Giving youth a voice: A preliminary study of the reliability and validity of a brief outcome
  measure for children, adolescents, and caretakers", Journal of Brief Therapy 5(2):71-87). No cut-off
  is published for children under 6 (the Young Child ORS); their courses count towards the change
  but not towards the share above the cut-off.
"""
from __future__ import annotations

from dataclasses import dataclass

SCORE_MIN, SCORE_MAX = 0.0, 40.0
RELIABLE_CHANGE = 5.0          # ORS points (Miller et al. 2003)
MIN_MEASUREMENTS = 2           # a change needs a first and a latest measurement

SOURCE_RCI = "Miller, Duncan, Brown, Sparks & Claud (2003), Journal of Brief Therapy 2(2):91-100"
SOURCE_YOUTH = "Duncan, Sparks, Miller, Bohanske & Claud (2006), Journal of Brief Therapy 5(2):71-87"


@dataclass(frozen=True)
class CutOff:
    age_from: int
    age_to: int | None          # None: and older
    score: float
    instrument: str
    source: str

    def label(self, lang: str = "da") -> str:
        ages = f"{self.age_from}-{self.age_to}" if self.age_to is not None else f"{self.age_from}+"
        years = "år" if lang == "da" else "years"
        return f"{ages} {years}: {self.score:g} ({self.instrument})"


CUTOFFS: tuple[CutOff, ...] = (
    CutOff(6, 12, 32.0, "CORS", SOURCE_YOUTH),
    CutOff(13, 17, 28.0, "ORS", SOURCE_YOUTH),
    CutOff(18, None, 25.0, "ORS", SOURCE_RCI),
)


def cutoff_for(age: int | None) -> float | None:
    """The clinical cut-off for a respondent of ``age`` whole years (None: no published cut-off)."""
    if age is None:
        return None
    for cut in CUTOFFS:
        if age >= cut.age_from and (cut.age_to is None or age <= cut.age_to):
            return cut.score
    return None


def cutoff_sql(age: str) -> str:
    """The same as SQL on the column ``age`` (NULL where no cut-off applies)."""
    whens = " ".join(
        f"WHEN {age} BETWEEN {cut.age_from} AND {cut.age_to} THEN {cut.score:g}" if cut.age_to is not None
        else f"WHEN {age} >= {cut.age_from} THEN {cut.score:g}" for cut in CUTOFFS)
    return f"(CASE {whens} END)::DOUBLE"


def cutoffs_text(lang: str = "da") -> str:
    """The cut-offs per age group, for definitions: '6-12 år: 32 (CORS), 13-17 år: 28 (ORS), 18+ år: 25 (ORS)'."""
    return ", ".join(cut.label(lang) for cut in CUTOFFS)
