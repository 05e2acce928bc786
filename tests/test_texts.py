"""User-facing text: Danish by default, English when switched on, coded values included."""
from steering_core.texts import has, label, t
from steering_core.texts.views import LABELS


def test_coded_values_read_in_the_active_language(monkeypatch):
    monkeypatch.delenv("STEERING_LANG", raising=False)
    assert label("step", 5) == "Plejefamilie"
    assert label("granted_by", "skoleleder") == "Skoleleder"
    assert label("goal", None) == "Ikke registreret"
    monkeypatch.setenv("STEERING_LANG", "en")
    assert label("step", 5) == "Foster family"
    assert label("granted_by", "skoleleder") == "School leader"
    assert label("goal", None) == "Not registered"
    # An unknown code is shown as it was entered rather than dropped.
    assert label("sector", "havnen") == "havnen"


def test_every_coded_value_has_both_languages():
    missing = [(kind, code) for kind, codes in LABELS.items() for code, names in codes.items()
               if not (names.get("da") and names.get("en"))]
    assert not missing


def test_unit_level_texts_exist_in_both_languages():
    for key in ("fig.not_per_unit", "fig.all_hidden", "sidebar.units", "overview.districts_level"):
        assert has(key)
        assert t(key, lang="da", k=5) != t(key, lang="en", k=5)
