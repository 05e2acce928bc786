"""All user-facing text, Danish by default, English when STEERING_LANG=en.

Each area of the product keeps its strings in its own module here
(``common``, ``upload`` ...) as ``{key: {"da": ..., "en": ...}}``; ``t`` looks a
key up in all of them, so pages and the core never hold literal UI text.
"""
from __future__ import annotations

from importlib import import_module
from pkgutil import iter_modules

from steering_core import config

_CATALOGUE: dict[str, dict[str, str]] = {}


def _load() -> dict[str, dict[str, str]]:
    if not _CATALOGUE:
        for module in iter_modules(__path__):
            texts = getattr(import_module(f"{__name__}.{module.name}"), "TEXTS", {})
            duplicated = set(texts) & set(_CATALOGUE)
            if duplicated:
                raise KeyError(f"text keys defined twice: {sorted(duplicated)}")
            _CATALOGUE.update(texts)
    return _CATALOGUE


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text for ``key`` in the active language, with ``{name}`` fields filled in."""
    entry = _load()[key]
    text = entry.get(lang or config.language()) or entry["da"]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in _load()


def label(kind: str, value: object) -> str:
    """A coded value (``paragraf11``, ``skoleleder`` ...) as users read it."""
    from steering_core.texts.views import LABELS

    if value is None or (isinstance(value, float) and value != value):
        return t("label.not_registered")
    entry = LABELS.get(kind, {}).get(value)
    return (entry.get(config.language()) or entry["da"]) if entry else str(value)
