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


_MIXED = ["Gödel Øystein", " Łukasiewicz  L·l ", "a \u0301b", "e\u0301 \u0327c", "\u0e40 \u0e01",
          "Müller, J.; Müller, K. Ångström", "日本 語 x", "ǅemal Ĳssel ﬁnal", "  "]


def test_non_ascii_text_keys_word_by_word_as_pyuca_keys_it_whole():
    for s in _MIXED:
        assert collate.uca_key(s) == _full(s), repr(s)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Gödel", "a\u0301", "\u0301", "\u0327", "L·l", "日本",
                                 "\u0e40", "\u0e01", "ß", "x", " ", "  ", "-", "Ø"]),
                max_size=12).map("".join))
def test_non_ascii_strings(s):
    assert collate.uca_key(s) == _full(s)


# The table pyuca parses on every start is saved once per install (biblio.csl.ucatable).
_WORDS = ["Gödel", "Øystein", "Łukasiewicz", "L·l", "ﬁnal", "Ångström", "Straße", "日本語",
          "\U00020000x", "a\u0301\u0327", "cafe\u0301", "\u0e40\u0e01", "ǅemal", "Ĳssel"]


def test_the_saved_table_gives_pyuca_s_keys(tmp_path, monkeypatch):
    from pyuca import Collator

    from biblio.csl import ucatable

    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    built = ucatable.collator()  # builds and saves
    saved = list((tmp_path / "uca").glob("*.marshal"))
    assert len(saved) == 1
    loaded = ucatable.collator()  # reads the saved table
    assert not isinstance(built.table, ucatable._Trie)
    assert isinstance(loaded.table, ucatable._Trie)
    ref = Collator()
    for w in _WORDS + [chr(i) + chr(j) for i in range(0x20, 0x250, 7) for j in (0x301, 0x41)]:
        assert loaded.sort_key(w) == ref.sort_key(w), repr(w)
    assert ucatable.ascii_elements() == [ref.collation_elements(chr(i)) for i in range(128)]


def test_a_damaged_saved_table_is_built_again(tmp_path, monkeypatch):
    from pyuca import Collator

    from biblio.csl import ucatable

    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    ucatable.collator()
    (saved,) = (tmp_path / "uca").glob("*.marshal")
    saved.write_bytes(saved.read_bytes()[:1000])
    c = ucatable.collator()
    assert c.sort_key("Gödel") == Collator().sort_key("Gödel")
    assert len(saved.read_bytes()) > 1000  # saved whole again


def _damaged_tables():
    """Saved tables marshal reads but ucatable did not write: of another shape throughout, or
    only along the path one word takes (0x47 'G', 0x6F 'o', 0x308 the umlaut)."""
    good = [[1, 2, 3]]
    return [
        (5, 6), [1, 2], ((None, {}), [1]), ((None, {"a": 1}), None), ([1], [2]),
        (("x", 5), "y"), ((None, {0x47: (None, None)}), 3),
        ((None, {0x47: "node"}), []), ((None, {0x47: (good, [1])}), []),
        ((None, {0x47: ("weights", None)}), []), ((None, {0x47: ([["a", 1, 2]], None)}), []),
        ((None, {0x47: ([1, 2, 3], None)}), []), ((None, {0x47: (good,)}), []),
        ((None, {}), [[1, 2]]), ((None, {}), [["a", "b", "c"]]),
    ]


def test_a_saved_table_of_another_shape_is_built_again(tmp_path, monkeypatch):
    # (a file marshal reads but that ucatable did not write: never an internal error, and
    # never a sort key pyuca would not give)
    import marshal

    from pyuca import Collator

    from biblio.csl import ucatable

    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    ucatable.collator()
    (saved,) = (tmp_path / "uca").glob("*.marshal")
    ref = Collator()
    for table in _damaged_tables():
        saved.write_bytes(marshal.dumps(table))
        c = ucatable.collator()
        for w in ("Gödel", "Ärger", "Øberg", "日本"):
            assert c.sort_key(w) == ref.sort_key(w), (table, w)


def test_a_saved_ascii_table_of_another_shape_is_built_again(tmp_path, monkeypatch):
    import marshal

    from pyuca import Collator

    from biblio.csl import ucaascii, ucatable

    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    monkeypatch.setattr(ucaascii, "MADE_FROM", ("0" * 64,) + ucaascii.MADE_FROM[1:])
    ref = [Collator().collation_elements(chr(i)) for i in range(128)]
    ucatable.ascii_elements()
    (saved,) = (tmp_path / "uca").glob("ascii-*.marshal")
    for table in ([5] * 128, [[["a", 1, 2]]] * 128, [[[1, 2]]] * 128, [(1, 2, 3)] * 128,
                  ["x"] * 128):
        saved.write_bytes(marshal.dumps(table))
        assert ucatable.ascii_elements() == ref, table


def test_the_packaged_ascii_table_is_the_installed_pyuca_s():
    from pathlib import Path

    from biblio.csl import ucaascii, ucatable

    # When pyuca changes: python -c "from biblio.csl import ucatable;
    # print(ucatable.ascii_module(), end='')" > biblio/csl/ucaascii.py
    assert Path(ucaascii.__file__).read_text(encoding="utf-8") == ucatable.ascii_module()
    assert ucatable.ascii_elements() is ucaascii.ELEMENTS


def test_another_pyuca_gets_the_ascii_table_from_the_cache(tmp_path, monkeypatch):
    from pyuca import Collator

    from biblio.csl import ucaascii, ucatable

    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    monkeypatch.setattr(ucaascii, "MADE_FROM", ("0" * 64,) + ucaascii.MADE_FROM[1:])
    ref = [Collator().collation_elements(chr(i)) for i in range(128)]
    built = ucatable.ascii_elements()  # built, and saved
    assert built == ref and built is not ucaascii.ELEMENTS
    assert len(list((tmp_path / "uca").glob("ascii-*.marshal"))) == 1
    assert ucatable.ascii_elements() == ref  # read back


def test_no_cache_writes_nothing(tmp_path, monkeypatch):
    from biblio.csl import ucatable

    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("BIBLIO_NO_CACHE", "1")
    ucatable.collator()
    ucatable.ascii_elements()
    assert not (tmp_path / "uca").exists()


# Sorting a list goes one key at a time (collate._by_levels); its order is compare()'s.
_VALUE = st.one_of(st.none(), st.tuples(st.integers(0, 3), st.integers(0, 3)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=3).flatmap(
    lambda desc: st.tuples(st.just(desc), st.lists(
        st.lists(_VALUE, min_size=len(desc), max_size=len(desc)), max_size=30))))
def test_sorting_key_by_key_gives_compare_s_order(case):
    import functools
    from types import SimpleNamespace

    desc, keys = case
    section = SimpleNamespace(sort=[SimpleNamespace(descending=d) for d in desc])
    want = sorted(range(len(keys)), key=functools.cmp_to_key(
        lambda a, b: collate.compare(section, keys[a], keys[b]) or (a > b) - (a < b)))
    assert collate._by_levels(section, keys, list(range(len(keys))), 0) == want


def test_values_that_do_not_compare_are_sorted_one_comparison_at_a_time():
    from types import SimpleNamespace

    import pytest

    section = SimpleNamespace(sort=[SimpleNamespace(descending=False)])
    with pytest.raises(collate._Mixed):
        collate._by_levels(section, [["b"], [(1,)], ["a"]], [0, 1, 2], 0)
