"""User-facing text: Danish by default, English when switched on, coded values included."""
import ast
import re

import pytest

from steering_core.texts import has, label, t
from steering_core.texts.views import LABELS
from tests.conftest import REPO


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


def test_every_text_key_exists_in_danish_and_english():
    from steering_core.texts import _load
    # Both keys present; a text may be empty in both (a value needs no short status word).
    missing = [key for key, entry in _load().items()
               if set(entry) != {"da", "en"} or bool(entry["da"]) != bool(entry["en"])]
    assert not missing


# Danish in a message: its letters, or a word common in the product's Danish messages.
_DANISH = re.compile(r"[æøåÆØÅ]|\b(ikke|skal|findes|Fejl|fejl|ingen|ukendte?|Ukendte?|Databasen|Filen|"
                     r"Tabellen|kan|mangler|gemt|bygget|Udeladt)\b")
_MESSAGE_CALLS = {"print", "error", "exit", "warn", "SystemExit"}


def _messages(tree: ast.AST):
    """String literals in raise statements and in calls that print or stop with a message."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            yield from (n for n in ast.walk(node.exc) if isinstance(n, ast.Constant) and isinstance(n.value, str))
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if name in _MESSAGE_CALLS or name.endswith("Error"):
                yield from (n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def test_no_core_module_holds_danish_messages_outside_texts():
    """The English interface shows every message in English: the core raises and prints texts' keys."""
    found = []
    for path in (REPO / "steering_core").rglob("*.py"):
        if "texts" in path.relative_to(REPO / "steering_core").parts:
            continue
        for node in _messages(ast.parse(path.read_text())):
            if _DANISH.search(node.value):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value[:60]!r}")
    assert not found, "\n".join(found)


def test_core_messages_follow_the_language(monkeypatch, tmp_path):
    from steering_core import catalogue, periods
    from steering_core.store import Store, StoreError
    monkeypatch.setenv("STEERING_LANG", "en")
    with pytest.raises(catalogue.UnknownIndicator, match="Unknown indicator 'nope'"):
        catalogue.get("nope")
    with pytest.raises(periods.PeriodError, match="is not a quarter"):
        periods.parse_quarter("2025Q9")
    with pytest.raises(StoreError, match="does not exist yet"):
        with Store(tmp_path / "none.duckdb").connect(read_only=True):
            pass
    monkeypatch.delenv("STEERING_LANG")
    with pytest.raises(periods.PeriodError, match="er ikke et kvartal"):
        periods.parse_quarter("2025Q9")
