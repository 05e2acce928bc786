"""What a figure's cell is: a value, a true zero, not uploaded, not yet known, not applicable, or hidden.

Declared once; the engine derives each result row's state (``status`` column), and tiles, charts,
tables, exports and the CLI say it in the words of ``texts`` (``status.<state>``), so the five ways
a figure can be absent never look alike.
"""
from __future__ import annotations

import math

from steering_core import config
from steering_core.texts import t

VALUE = "value"
ZERO = "zero"
NO_DATA = "no_data"              # nothing uploaded for the period (or the whole window), or no population
PENDING = "pending"              # not yet known: a cohort not followed long enough, a median not yet crossed
NOT_APPLICABLE = "not_applicable"  # the figure does not exist at the chosen scope (a rate per unit)
HIDDEN = "hidden"                # suppressed by disclosure control

STATES = (VALUE, ZERO, NO_DATA, PENDING, NOT_APPLICABLE, HIDDEN)
# States without a number: a chart leaves them out and says so.
BLANK = (NO_DATA, PENDING, NOT_APPLICABLE, HIDDEN)


def text(state: str) -> str:
    """The state in words, e.g. for a table's status column."""
    return t(f"status.{state}")


def hidden_text(unit: str, counted: bool, min_cell: int | None = None) -> str:
    """A hidden figure: "< 5" only where the figure is itself a count of children or records;
    a median, ratio or amount that is hidden says "skjult" rather than something read as a value."""
    if unit == "antal" and counted:
        return t("suppressed", k=min_cell or config.min_cell_size())
    return t("status.hidden_value")


def blank_text(state: str, unit: str = "antal", counted: bool = True, min_cell: int | None = None) -> str:
    """What stands in a cell that has no number."""
    if state == HIDDEN:
        return hidden_text(unit, counted, min_cell)
    return t(f"status.short.{state}")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
