"""A post's front matter read once is kept in the user cache (biblio.document.frontmatter):
the value and the places read back are those PyYAML gives, what marshal cannot keep as it is
is read every time, and a YAML error is never kept."""

from __future__ import annotations

import datetime

import pytest

from biblio.diagnostics import BiblioError
from biblio.document import frontmatter
from biblio.document.frontmatter import split_front_matter


@pytest.fixture
def parses(tmp_path, monkeypatch):
    """The calls of PyYAML's reading (frontmatter._parse) a test makes."""
    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    calls = []
    real = frontmatter._parse

    def counted(block, path):
        calls.append(block)
        return real(block, path)
    monkeypatch.setattr(frontmatter, "_parse", counted)
    return calls


POST = ('---\ntitle: "Dry needling: what it is"\ndate: 2026-11-24\ntags: [a, 1, 2.5, true, null]\n'
        'nested: {when: 2020-01-02, 3: x}\nbibliography: refs.bib\n---\n\nText.\n')


def read(text):
    fm, body = split_front_matter(text, "posts/a.md")
    return fm.meta, fm.line_of, fm.where, fm.lines, body


def test_a_front_matter_read_again_is_the_same_without_pyyaml(parses):
    first = read(POST)
    again = read(POST)
    assert len(parses) == 1
    assert again == first
    meta = again[0]
    assert meta["date"] == datetime.date(2026, 11, 24) and type(meta["date"]) is datetime.date
    assert meta["tags"] == ["a", 1, 2.5, True, None] and type(meta["tags"][3]) is bool
    assert meta["nested"] == {"when": datetime.date(2020, 1, 2), 3: "x"}
    assert list(meta) == ["title", "date", "tags", "nested", "bibliography"]


def test_an_edited_front_matter_is_read_again(parses):
    read(POST)
    meta = read(POST.replace("refs.bib", "other.bib"))[0]
    assert len(parses) == 2 and meta["bibliography"] == "other.bib"


@pytest.mark.parametrize("value", ["2020-01-02 10:30:00", "!!set {a, b}", "!!binary aGk=",
                                   "!!omap [a: 1]"])
def test_a_value_marshal_cannot_keep_as_it_is_is_read_every_time(parses, value):
    text = f"---\nx: {value}\n---\n"
    first, again = read(text), read(text)
    assert len(parses) == 2 and first == again


def test_a_yaml_error_is_never_kept(parses):
    text = "---\ntitle: [never closed\n---\n"
    errors = []
    for _ in range(2):
        with pytest.raises(BiblioError) as e:
            read(text)
        errors.append([d.format() for d in e.value.diagnostics])
    assert len(parses) == 2 and errors[0] == errors[1]
    assert "front-matter" in errors[0][0]


def test_a_checked_value_is_checked_again_when_read_back(parses):
    text = "---\nlink-citations: maybe\n---\n"
    for _ in range(2):
        with pytest.raises(BiblioError, match="true or false"):
            read(text)
    assert len(parses) == 1  # the YAML was good: only biblio's check refuses it


def test_an_unreadable_kept_value_means_reading_the_yaml_again(parses, tmp_path):
    first = read(POST)
    (kept,) = (tmp_path / "front-matter").glob("*.marshal")
    for junk in (b"", b"\x00junk", kept.read_bytes()[:20]):
        kept.write_bytes(junk)
        assert read(POST) == first
    assert len(parses) == 4


def test_a_front_matter_nested_deep_is_read_as_before(parses):
    # (nested as deep as PyYAML reads: keeping it must not fail where reading did not)
    text = "---\nx: " + "[" * 300 + "]" * 300 + "\n---\n"
    first = read(text)
    assert read(text) == first


@pytest.mark.parametrize("where", [
    {"title": 5}, {"title": (1, 2)}, {"title": ("a", 1, 1)}, {5: (1, 1, 1)},
    {"title": [2, 1, 2]}, {"title": (2, 1.5, 2)},
])
def test_kept_places_of_another_shape_mean_reading_the_yaml_again(parses, tmp_path, where):
    import marshal

    first = read(POST)
    (kept,) = (tmp_path / "front-matter").glob("*.marshal")
    value, _ = marshal.loads(kept.read_bytes())
    kept.write_bytes(marshal.dumps([value, where]))
    assert read(POST) == first
    assert len(parses) == 2
