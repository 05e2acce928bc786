"""Dimensions are declared once (steering_core/dimensions.py); everything naming them derives from it."""
from steering_core import dimensions, engine, measures, sources
from steering_core.dimensions import BY_KEY, DIMENSIONS
from steering_core.measures import Filters
from steering_core.texts.views import LABELS


def test_names_are_unique_and_labels_exist():
    for field in ("key", "name", "da", "en"):
        values = [getattr(d, field) for d in DIMENSIONS]
        assert len(set(values)) == len(values), field
    assert all(d.labels in LABELS for d in DIMENSIONS if d.labels)


def test_every_source_dimension_is_declared_and_every_dimension_has_a_source():
    declared = {d.key for d in DIMENSIONS}
    for source in sources.SOURCES.values():
        assert set(source.dimensions) <= declared, source.name
    assert all(d.sources() for d in DIMENSIONS)
    assert BY_KEY["district"].sources() == ("utm", "indsats_started", "indsats_active", "indsats_ended",
                                            "indsats_cost", "population", "noegletal", "utm_cohort", "fit_course")


def test_engine_breakdowns_and_filters_derive_from_the_declaration():
    assert engine.BREAKDOWNS == {d.name: d.key for d in DIMENSIONS}
    assert engine.BREAKDOWNS["distrikt"] == "district" and engine.BREAKDOWNS["bevilget_af"] == "granted_by"
    filter_fields = set(Filters.__dataclass_fields__) - {"kommune"}
    assert {d.filter for d in DIMENSIONS if d.filter} == filter_fields
    assert measures.FILTER_COLUMNS == {"kommune": "kommune", "distrikter": "district", "enheder": "unit",
                                       "sektorer": "sector"}


def test_a_refusal_names_the_dimension_in_the_users_language(monkeypatch):
    from steering_core import catalogue
    budget = catalogue.get("budget_kr")
    assert "kan ikke opdeles på distrikt" in engine.why_not(budget, engine.Request(by=("distrikt",)))
    monkeypatch.setenv("STEERING_LANG", "en")
    assert "cannot be broken down by district" in engine.why_not(budget, engine.Request(by=("distrikt",)))
    assert dimensions.BY_NAME["moedetype"].title("da") == "mødetype"
