"""The field's fixed vocabulary: sectors, unit types, outcomes, paragraphs and the staircase."""
from __future__ import annotations

import re
from datetime import date

SECTORS = ("dagtilbud", "skole", "ppr", "sundhedspleje", "familie_myndighed", "familie_udfoerer",
           "beskaeftigelse", "voksen_social")
UNIT_TYPES = ("skole", "dagtilbud", "dagpleje", "sundhedspleje", "ppr", "familie_myndighed",
              "familie_udfoerer", "tidlig_indsats", "beskaeftigelse", "andet")
AGE_GROUPS = ("0-5", "6-17", "18-22")
MEETING_TYPES = ("foerste", "opfoelgning")
UTM_OUTCOMES = ("paragraf11", "almen_indsats", "underretning", "ingen", "andet")
GRANTED_BY = ("skoleleder", "dagtilbudsleder", "familieafdeling", "visitationsudvalg", "andet")
GOAL_ATTAINMENT = ("ja", "delvist", "nej")
COST_TYPES = ("loen", "indsatser", "drift", "overfoersler")
GENDERS = ("pige", "dreng", "andet")

# Intervention families: one name for the same kind of help before and after
# Barnets lov replaced serviceloven on 1 January 2024.
PREVENTIVE = "forebyggende"   # SEL § 11, stk. 3 -> BL § 30
SUPPORTIVE = "stoettende"     # SEL § 52 -> BL § 32
PLACEMENT = "anbringelse"     # SEL § 52, stk. 3, nr. 7 -> BL §§ 46-47
FAMILIES = (PREVENTIVE, SUPPORTIVE, PLACEMENT)

BARNETS_LOV_FROM = date(2024, 1, 1)

# "Over 3 months" and "12 months" in days, one definition for every indicator, table and chart:
# a course lasts over 3 months when it runs more than 91 days (start and end day included), a
# cohort has been followed 12 months when 365 days have passed since its meeting.
GRANT_LIMIT_DAYS = 91
FOLLOW_UP_DAYS = 365
MILESTONE_DAYS = {3: GRANT_LIMIT_DAYS, 6: 182, 12: FOLLOW_UP_DAYS}
# Courses of one child, of one intervention type and family, where the next starts on the day the
# previous ends or the day after, are one course (e.g. closed under serviceloven on 31-12-2023 and
# registered again under Barnets lov on 1-1-2024).
JOIN_GAP_DAYS = 1

# The intervention staircase, least to most intrusive (DOMAIN.md section 3); names as users
# read them are texts: label("step", n).
STEPS = (1, 2, 3, 4, 5, 6)


def intervention_family(paragraf: str) -> str | None:
    """Map a paragraph as entered (``SEL § 11, stk. 3``, ``BL § 30`` ...) to its family."""
    text = re.sub(r"\s+", " ", str(paragraf)).lower().replace("§", " § ")
    law_match = re.search(r"\b(sel|serviceloven|bl|barnets lov)\b", text)
    number = re.search(r"§\s*(\d+)", text)
    if not number:
        return None
    paragraph = int(number.group(1))
    law = law_match.group(1) if law_match else "sel"
    if law in ("bl", "barnets lov"):
        if paragraph == 30:
            return PREVENTIVE
        if paragraph == 32:
            return SUPPORTIVE
        if paragraph in (46, 47, 48, 49):
            return PLACEMENT
        return None
    if paragraph == 11:
        return PREVENTIVE
    if paragraph == 52:
        # SEL § 52, stk. 3, nr. 7 is placement outside the home.
        return PLACEMENT if re.search(r"nr\.?\s*7\b", text) else SUPPORTIVE
    return None
