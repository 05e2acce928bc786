"""The text rule for text from outside (steering_core.cleantext), at upload and in exporters."""
import unicodedata

from hypothesis import given, settings, strategies as st

from steering_core.cleantext import INVISIBLE, clean, printable, printable_line, printable_tree


def test_what_the_rule_does_to_each_kind_of_character():
    assert clean("Nord\x0bskolen") == clean("Nord\x0bskolen")
    word = clean("Nord\x0bskolen")
    assert (word.text, word.invisible, word.controls) == ("Nord skolen", 0, 1)
    hidden = clean("S1\u200b\u202e")
    assert (hidden.text, hidden.invisible, hidden.controls) == ("S1", 2, 0)
    accent = clean("Caf" + "e\u0301")                         # e + combining acute: one é, no warning
    assert accent.text == "Café" and not accent.changed_unseen
    assert clean("  Syd \x85").text == "Syd" and clean("  Syd \x85").controls == 1   # C1 next line
    assert clean("Syd").text == "Syd" and not clean("Syd").changed_unseen


def test_exporters_keep_line_breaks_and_tabs_but_nothing_else_unseen():
    assert printable("Note\nlinje 2\tx\x0b\x00\u200f") == "Note\nlinje 2\tx  "
    assert printable_line("a\nb\x0bc") == "a b c"
    assert printable(12.5) == 12.5 and printable(None) is None
    assert printable_tree({"data": [{"navn": "Nord\x0bskolen", "n": 3}], "title\x01": "x"}) == \
        {"data": [{"navn": "Nord skolen", "n": 3}], "title ": "x"}


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60))
def test_cleaned_text_has_nothing_unseen_is_nfc_and_stable(text):
    cleaned = clean(text)
    assert unicodedata.is_normalized("NFC", cleaned.text)
    assert not any(ch in INVISIBLE or unicodedata.category(ch) == "Cc" for ch in cleaned.text)
    assert clean(cleaned.text).text == cleaned.text and not clean(cleaned.text).changed_unseen
    assert cleaned.text == cleaned.text.strip()


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=60))
def test_printable_text_is_accepted_by_every_exporter_library(text):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    shown = printable(text)
    assert not ILLEGAL_CHARACTERS_RE.search(shown)
    assert all(ch in "\t\n\r" or unicodedata.category(ch) != "Cc" for ch in shown)
