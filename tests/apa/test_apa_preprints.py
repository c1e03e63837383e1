"""APA 7 10.8: a preprint is a work of its own (title in italics) that its archive publishes —
also when an export names the archive as the journal (Google Scholar; Zotero's "journal
article" for medRxiv and bioRxiv)."""

import pytest
from apa_render import STYLE, apa, items

from biblio.csl import render

DOI = "10.1101/2020.12.24.20248802"


@pytest.mark.parametrize("server", ["medRxiv", "bioRxiv", "PsyArXiv", "SportRxiv", "Research Square"])
def test_a_preprint_server_named_as_the_journal_is_the_publisher(server):
    (it,) = items("@article{d, author = {Davis, Hannah E.}, title = {Long COVID and exercise},\n"
                  f"  journal = {{{server}}}, year = {{2020}}, doi = {{{DOI}}}}}\n")
    (html,) = [e.text for e in render(STYLE, [it], None, output="html").bibliography]
    assert html == (f"Davis, H. E. (2020). <i>Long COVID and exercise</i>. {server}. "
                    f"https://doi.org/{DOI}")


def test_a_journal_with_a_volume_is_a_journal():
    out = apa("@article{d, author = {Davis, Hannah E.}, title = {Long COVID and exercise},\n"
              "  journal = {medRxiv}, volume = {3}, pages = {1--9}, year = {2020}}\n")
    assert out == ["Davis, H. E. (2020). Long COVID and exercise. medRxiv, 3, 1–9."]


def test_the_archive_is_named_over_its_owner():
    # Google Scholar adds the archive's owner as publisher; APA 7 10.8 names the archive
    # ("medRxiv"), where the reader finds the preprint.
    out = apa("@article{d, author = {Davis, Hannah E.}, title = {Long COVID and exercise},\n"
              "  journal = {medRxiv}, year = {2020},\n"
              "  publisher = {Cold Spring Harbor Laboratory Press}}\n")
    assert out == ["Davis, H. E. (2020). Long COVID and exercise. medRxiv."]
