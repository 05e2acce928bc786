"""One rule for text from outside: what is kept, what is removed, what becomes a space.

Spreadsheets carry characters nobody sees: Word's line break (``\\x0b``) pasted
into a cell, zero-width spaces from web pages, bidi controls that make a name
read differently from how it is stored. They break exports (openpyxl refuses
``\\x0b``, vl-convert aborts on it) and they make two keys that look the same
differ. The rule (docs/DATA_FORMAT.md, "Text"):

- the text is normalised to Unicode NFC (``e`` + combining accent = ``é``);
- zero-width characters and bidi controls are removed;
- C0 and C1 control characters (tab and line breaks included) become a space;
- the result is stripped.

:func:`clean` applies the rule at upload and says what it changed, so the
upload can warn; :func:`printable` is the same rule for exporters, which must
survive any text already stored (it keeps line breaks, which notes use).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# zero-width space/non-joiner/joiner, word joiner and invisible operators, BOM, Mongolian vowel separator
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u180e"
# marks, embeddings, overrides and isolates
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE = ZERO_WIDTH + BIDI
CONTROL_RANGES = "\x00-\x1f\x7f-\x9f"

_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_CONTROL = re.compile(f"[{CONTROL_RANGES}]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")   # tab, LF and CR kept
_SUSPECT = re.compile(f"[{CONTROL_RANGES}{INVISIBLE}]")


@dataclass(frozen=True)
class Cleaned:
    text: str
    invisible: int = 0      # zero-width and bidi characters removed
    controls: int = 0       # control characters replaced by a space

    @property
    def changed_unseen(self) -> bool:
        """True when something the user could not see was removed or replaced."""
        return bool(self.invisible or self.controls)


def needs_cleaning(text: str) -> bool:
    """Cheap test: does :func:`clean` change anything beyond stripping?"""
    return bool(_SUSPECT.search(text)) or not unicodedata.is_normalized("NFC", text)


def clean(text: str) -> Cleaned:
    """``text`` by the rule above, with counts of what was removed and replaced."""
    if not needs_cleaning(text):
        return Cleaned(text.strip())
    normal = unicodedata.normalize("NFC", text)
    without, invisible = _INVISIBLE.subn("", normal)
    spaced, controls = _CONTROL.subn(" ", without)
    return Cleaned(spaced.strip(), invisible, controls)


def printable(value: object) -> object:
    """For exporters: text by the same rule, but tab and line breaks kept; anything else unchanged."""
    if type(value) is not str or not needs_cleaning(value):
        return value
    return _CONTROL_BUT_LINES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", value)))


def printable_line(value: object) -> object:
    """For exporters of one-line text (chart labels, sheet names): line breaks become spaces too."""
    if type(value) is not str or not needs_cleaning(value):
        return value
    return _CONTROL.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", value)))


def printable_tree(value: object) -> object:
    """Every string in a nested dict/list (a Vega-Lite spec and its data), cleaned for one line."""
    if type(value) is str:
        return printable_line(value)
    if isinstance(value, dict):
        return {printable_line(k): printable_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [printable_tree(v) for v in value]
    return value
