"""All user-facing text, Danish by default, English when STEERING_LANG=en.

Each area of the product keeps its strings in its own module here
(``common``, ``upload`` ...) as ``{key: {"da": ..., "en": ...}}``; ``t`` looks a
key up in all of them, so pages and the core never hold literal UI text.
"""
from __future__ import annotations

import re
import threading
from importlib import import_module
from pkgutil import iter_modules

from steering_core import config

# Filled on first use (importing every text module at import time would be circular). Several
# sessions of a freshly started server ask at once: the table is built aside under a lock and
# published whole, so no thread ever sees (or adds to) a half-built one.
_CATALOGUE: dict[str, dict[str, str]] | None = None
_CATALOGUE_LOCK = threading.Lock()


def _load() -> dict[str, dict[str, str]]:
    global _CATALOGUE
    catalogue = _CATALOGUE
    if catalogue is not None:
        return catalogue
    with _CATALOGUE_LOCK:
        if _CATALOGUE is None:
            _CATALOGUE = _build()
        return _CATALOGUE


def _build() -> dict[str, dict[str, str]]:
    catalogue: dict[str, dict[str, str]] = {}
    for module in iter_modules(__path__):
        texts = getattr(import_module(f"{__name__}.{module.name}"), "TEXTS", {})
        duplicated = set(texts) & set(catalogue)
        if duplicated:
            raise KeyError(f"text keys defined twice: {sorted(duplicated)}")
        catalogue.update(texts)
    return catalogue


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text for ``key`` in the active language, with ``{name}`` fields filled in."""
    entry = _load()[key]
    text = entry.get(lang or config.language()) or entry["da"]
    return _fill(text, values) if values else text


_FIELD_THEN_STOP = re.compile(r"\{(\w+)\}\.")


def _fill(text: str, values: dict[str, object]) -> str:
    # A value ending in an abbreviation ("12,5 mio. kr.") also ends the sentence: no "kr..".
    text = _FIELD_THEN_STOP.sub(
        lambda m: m.group(0)[:-1] if str(values.get(m.group(1), "")).endswith(".") else m.group(0), text)
    return text.format(**values)


def has(key: str) -> bool:
    return key in _load()


def label(kind: str, value: object) -> str:
    """A coded value (``paragraf11``, ``skoleleder`` ...) as users read it."""
    from steering_core.texts.views import LABELS

    if value is None or (isinstance(value, float) and value != value):
        return t("label.not_registered")
    entry = LABELS.get(kind, {}).get(value)
    return (entry.get(config.language()) or entry["da"]) if entry else str(value)
