"""The ASCII shortcut of biblio.csl.collate's sort keys equals pyuca's full lookup."""

from hypothesis import given, settings
from hypothesis import strategies as st

from biblio.csl import collate


def _full(s: str) -> tuple:
    return tuple(collate._collator().sort_key(s))


def test_every_pair_of_ascii_characters():
    chars = [chr(i) for i in range(128)]
    for a in chars:
        for b in chars:
            assert collate.uca_key(a + b) == _full(a + b), repr(a + b)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_strings(s):
    assert collate.uca_key(s) == _full(s)


def test_non_ascii_goes_the_full_way():
    for s in ["Gödel", "Øystein", "Łukasiewicz", "L·l", "ﬁnal"]:
        assert collate.uca_key(s) == _full(s)
    assert collate.uca_key("Gödel") < collate.uca_key("Green")
