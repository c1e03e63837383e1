"""APA 7 9.29: several publishers are separated by semicolons; biblatex's `publisher` is a
list ("W. Strahan and T. Cadell"), but "Taylor and Francis" is one publisher."""

import pytest
from apa_render import apa


@pytest.mark.parametrize("publisher, printed", [
    ("W. Strahan and T. Cadell", "W. Strahan; T. Cadell"),
    ("International Union of Crystallography and Oxford University Press",
     "International Union of Crystallography; Oxford University Press"),
    ("{Penguin} and {Vintage}", "Penguin; Vintage"),
    ("Taylor and Francis", "Taylor and Francis"),
    ("John Wiley and Sons", "John Wiley and Sons"),
])
def test_apa_9_29_publishers_are_separated_by_semicolons(publisher, printed):
    out = apa("@book{b, author = {Smith, Adam}, title = {The Wealth of Nations},\n"
              f"  publisher = {{{publisher}}}, year = {{1776}}}}\n")
    assert out == [f"Smith, A. (1776). The wealth of nations. {printed}."]


@pytest.mark.parametrize("institution", [
    "National Institute for Health and Care Excellence",
    "U.S. Department of Health and Human Services",
    "Substance Abuse and Mental Health Services Administration",
])
def test_an_organisation_with_and_in_its_name_is_one_publisher(institution):
    # Zotero and Better BibTeX export a report's institution unbraced; "and" inside an
    # organisation's name is no list of two publishers (APA 7 10.4: the publisher is
    # the organisation, named once).
    out = apa("@report{r, author = {Smith, Adam}, title = {Low back pain},\n"
              f"  institution = {{{institution}}}, date = {{2016}}}}\n")
    assert out == [f"Smith, A. (2016). Low back pain. {institution}."]


def test_an_organisation_as_author_and_publisher_is_named_once(tmp_path, monkeypatch):
    # APA 7 9.24 / 10.4: when the author and the publisher are the same, the publisher is
    # left out (document.profile), also when the name has an "and" in it.
    from biblio.commands import format as format_
    (tmp_path / "references.bib").write_text(
        "@report{r, author = {{National Institute for Health and Care Excellence}},\n"
        "  title = {Low back pain}, type = {NICE Guideline}, number = {NG59},\n"
        "  institution = {National Institute for Health and Care Excellence},\n"
        "  date = {2016-11-30}}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = format_.run(("r",), to="text")
    assert out.text == ("National Institute for Health and Care Excellence. (2016). Low back "
                        "pain (NICE Guideline No. NG59).")
