"""A style's and a locale's XML, parsed once per install (biblio.csl.xmltree): the tree read
back from the user cache is the one lxml gives, an edited or bad style is parsed again, and a
cache that another version of biblio wrote, or that cannot be read, is never trusted."""

from __future__ import annotations

import sys

import pytest
from lxml import etree

from biblio import paths
from biblio.csl import locale as csl_locale
from biblio.csl import style as csl_style
from biblio.csl import xmltree
from biblio.diagnostics import BiblioError
from biblio.styles import check_style, read_style

NS = "{http://purl.org/net/xbiblio/csl}"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    return tmp_path / "csl"


def counted(parse):
    """`parse`, counting its calls (a tree read from the cache calls it not at all)."""
    def wrapped(data):
        wrapped.calls += 1
        return parse(data)
    wrapped.calls = 0
    wrapped.__module__ = parse.__module__
    return wrapped


def same(mine, theirs) -> None:
    """`mine` answers what the engine asks of an element as lxml's `theirs` does."""
    kids = [c for c in theirs if isinstance(c.tag, str)]
    assert (mine.tag, mine.text, mine.keys(), mine.items()) == \
        (theirs.tag, theirs.text, theirs.keys(), theirs.items())
    assert mine.sourceline == theirs.sourceline and len(mine) == len(kids)
    for tag in {c.tag for c in kids} | {NS + "nothing"}:
        assert [c.tag for c in mine.findall(tag)] == [c.tag for c in theirs.findall(tag)]
        assert (mine.find(tag) is None) == (theirs.find(tag) is None)
        assert mine.findtext(tag) == theirs.findtext(tag)
        assert [(e.tag, e.sourceline) for e in mine.iter(tag)] == \
            [(e.tag, e.sourceline) for e in theirs.iter(tag)]
    assert [e.sourceline for e in mine.iter()] == \
        [e.sourceline for e in theirs.iter() if isinstance(e.tag, str)]
    for a, b in zip(mine, kids):
        same(a, b)


def test_a_style_read_back_is_the_tree_lxml_gives(cache):
    data = str(read_style("apa")).encode("utf-8")
    parse = counted(csl_style._parse)
    first = xmltree.load("style", data, parse)
    again = xmltree.load("style", data, parse)
    assert parse.calls == 1 and len(list(cache.glob("style*.marshal"))) == 1
    for tree in (first, again):
        same(tree, csl_style._parse(data))


def test_a_locale_read_back_is_the_tree_lxml_gives(cache):
    path = f"{csl_locale.locales_dir()}/locales-fr-FR.xml"
    with open(path, "rb") as f:
        data = f.read()
    parse = counted(csl_locale._parse)
    xmltree.load("locale", data, parse)
    tree = xmltree.load("locale", data, parse)
    assert parse.calls == 1
    same(tree, etree.parse(path, etree.XMLParser(remove_comments=True)).getroot())


def test_an_edited_style_is_parsed_again(cache):
    data = str(read_style("apa")).encode("utf-8")
    parse = counted(csl_style._parse)
    xmltree.load("style", data, parse)
    edited = data.replace(b'hanging-indent="true"', b'hanging-indent="false"')
    assert edited != data
    tree = xmltree.load("style", edited, parse)
    assert parse.calls == 2
    assert tree.find(NS + "bibliography").get("hanging-indent") == "false"


def test_a_bad_style_is_never_saved_and_says_the_same_every_time(cache):
    bad = read_style("apa").replace('<macro name="author">', '<macro name="author"><text macro="author"/>', 1)
    errors = []
    for _ in range(2):
        csl_style._load_text.cache_clear()
        with pytest.raises(BiblioError) as e:
            check_style(bad)
        errors.append([d.format() for d in e.value.diagnostics])
    assert errors[0] == errors[1] and "bad-style" in errors[0][0] and "calls itself" in errors[0][0]
    assert not list(cache.glob("style*"))


def test_a_tree_another_version_of_biblio_saved_is_not_read(cache, monkeypatch):
    data = str(read_style("apa")).encode("utf-8")
    parse = counted(csl_style._parse)
    xmltree.load("style", data, parse)
    monkeypatch.setattr(sys.modules["biblio"], "__version__", "0.0.0-another")
    xmltree.load("style", data, parse)
    assert parse.calls == 2 and len(list(cache.glob("style*.marshal"))) == 2


def test_an_unreadable_cache_means_parsing_again(cache):
    data = str(read_style("apa")).encode("utf-8")
    parse = counted(csl_style._parse)
    xmltree.load("style", data, parse)
    (saved,) = cache.glob("style*.marshal")
    for junk in (b"", b"\x00not marshal", saved.read_bytes()[:1000]):
        saved.write_bytes(junk)
        same(xmltree.load("style", data, parse), csl_style._parse(data))
    assert parse.calls == 4
    same(xmltree.load("style", data, parse), csl_style._parse(data))
    assert parse.calls == 4  # saved again, whole


def test_no_cache_reads_and_writes_nothing(cache, monkeypatch):
    monkeypatch.setenv("BIBLIO_NO_CACHE", "1")
    data = str(read_style("apa")).encode("utf-8")
    parse = counted(csl_style._parse)
    xmltree.load("style", data, parse)
    xmltree.load("style", data, parse)
    assert parse.calls == 2 and not cache.exists()


def test_the_cache_keeps_the_trees_saved_last(cache, monkeypatch):
    monkeypatch.setattr(paths, "KEEP", 8)
    parse = counted(csl_style._parse)
    for n in range(12):
        xmltree.load("style", f'<style xmlns="{NS[1:-1]}" n="{n}"/>'.encode(), parse)
    # (looked at every KEEP // 4 saves: at most that many past KEEP in between)
    assert 6 <= len(list(cache.glob("*.marshal"))) <= 8 + 8 // 4
    xmltree.load("style", f'<style xmlns="{NS[1:-1]}" n="11"/>'.encode(), parse)
    assert parse.calls == 12  # the last one saved is still there


@pytest.mark.parametrize("tree", [
    (NS + "style", "not attributes", None, 1, ()),
    (NS + "style", {"version": 1}, None, 1, ()),
    (NS + "style", {1: "x"}, None, 1, ()),
    (5, {}, None, 1, ()),
    (NS + "style", {}, b"text", 1, ()),
    (NS + "style", {}, None, "1", ()),
    (NS + "style", {}, None, 1, ["not", "elements"]),
    (NS + "style", {}, None, 1, ((NS + "citation", {}, None, 2, (), "more"),)),
    (NS + "style", {}, None, 1, "abc"),
    [NS + "style", {}, None, 1, ()],
])
def test_a_kept_tree_of_another_shape_means_parsing_again(cache, tree):
    # (a cache file that marshal reads but that this module did not write: never an internal
    # error, never a tree the engine then trips over)
    import marshal

    data = str(read_style("apa")).encode("utf-8")
    parse = counted(csl_style._parse)
    xmltree.load("style", data, parse)
    (saved,) = cache.glob("style*.marshal")
    saved.write_bytes(marshal.dumps(tree))
    same(xmltree.load("style", data, parse), csl_style._parse(data))
    assert parse.calls == 2
