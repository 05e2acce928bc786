"""FIT per course: does the help make a difference the child can feel, and is the collaboration good?

Three figures on the FIT indicators (sheet FITMaalinger), per calendar year: a course counts in the year
of its latest measurement, and a year is published whole (docs/DISCLOSURE.md). The Resultater page
includes them with ``figures(store, request)``; the meeting agenda picks from ``BUILDERS``.
"""
from __future__ import annotations

from dataclasses import replace

from steering_core import catalogue, charts, config, fit
from steering_core.engine import Request, available_quarters, compute
from steering_core.texts import t
from steering_core.views.figure import Figure, build_each, shown, standard_columns

SHARES = ("fit_reliable_improvement_share", "fit_above_cutoff_share")


def figures(store, request: Request) -> list[Figure]:
    return build_each(BUILDERS, store, request)


def _years(store, request: Request, by: tuple[str, ...]) -> Request:
    """Every year with data up to the chosen quarter's year."""
    quarters = available_quarters(store)
    return replace(request, first=quarters[0] if quarters else request.first, grain="aar", by=by)


def _caption() -> str:
    return t("fit.caption.period", change=f"{fit.RELIABLE_CHANGE:g}", cutoffs=fit.cutoffs_text(config.language()))


def ors_change(store, request: Request) -> Figure:
    return _by_district(store, request, "fit_ors_change", "fit_ors_change", t("fit.title.ors_change"),
                        t("fit.axis.points"))


def srs_mean(store, request: Request) -> Figure:
    return _by_district(store, request, "fit_srs", "fit_srs_mean", t("fit.title.srs"), t("fit.axis.srs"))


def _by_district(store, request: Request, key: str, indicator: str, title: str, axis: str) -> Figure:
    frame = compute(store, [indicator], _years(store, request, ("distrikt",)))
    chart = charts.grouped_bars(shown(frame), "period", "district", "point", axis, t("col.district"),
                                selectable=True)
    return Figure(key, title, chart, frame, standard_columns(("district", t("col.district"))), (indicator,),
                  _caption(), "point", drill_field="district")


def outcome_shares(store, request: Request) -> Figure:
    """Reliable improvement and above the clinical cut-off side by side, for the chosen municipality,
    district or unit."""
    frame = compute(store, list(SHARES), _years(store, request, ()))
    lang = config.language()
    frame = frame.assign(measure=frame["indicator"].map(lambda i: catalogue.get(i).name(lang)))
    chart = charts.grouped_bars(shown(frame), "period", "measure", "pct", t("fit.axis.share"), t("fit.col.measure"))
    return Figure("fit_outcome_shares", t("fit.title.outcome_shares"), chart, frame,
                  standard_columns(("measure", t("fit.col.measure"))), SHARES, _caption(), "pct")


# Figure key -> builder, in page order; the meeting agenda picks from these too.
BUILDERS = {"fit_ors_change": ors_change, "fit_outcome_shares": outcome_shares, "fit_srs": srs_mean}
