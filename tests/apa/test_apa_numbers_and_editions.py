"""Numbers and labels (issue 13, class 6): a report's or patent's number is one identifier,
an edition prints as APA 7 abbreviates it, a special issue is marked. BibTeX in → APA 7 out."""

import pytest
from apa_render import apa, items


def test_apa_10_4_report_number_with_a_hyphen_is_one_number():
    out = apa("@report{r, author = {Doe, Jane}, title = {Widgets}, type = {Technical Report},\n"
              "  number = {1999-66}, institution = {MIT}, year = {1999}}\n")
    assert out == ["Doe, J. (1999). Widgets (Technical Report No. 1999-66). MIT."]


def test_apa_10_4_a_list_of_report_numbers_is_still_plural():
    out = apa("@report{r, author = {Doe, Jane}, title = {Widgets}, type = {Technical Report},\n"
              "  number = {12, 14}, institution = {MIT}, year = {1999}}\n")
    assert out == ["Doe, J. (1999). Widgets (Technical Report Nos. 12, 14). MIT."]


def test_apa_11_patent_number_with_a_hyphen_is_one_number():
    out = apa("@patent{p, author = {Doe, Jane}, title = {Widget}, number = {7650-000},\n"
              "  type = {patentus}, year = {2010}}\n")
    assert out == ["Doe, J. (2010). Widget (U.S. Patent No. 7650-000)."]


@pytest.mark.parametrize("edition, printed", [
    ("Anniversary", "Book (Anniversary ed.)"),
    ("Anniversary edition", "Book (Anniversary ed.)"),
    ("Revised", "Book (Rev. ed.)"),
    ("Revised edition", "Book (Rev. ed.)"),
    ("Rev. ed.", "Book (Rev. ed.)"),
    ("Expanded Edition", "Book (Expanded ed.)"),
    ("2", "Book (2nd ed.)"),
    ("second", "Book (2nd ed.)"),
])
def test_apa_6_25_a_textual_edition_prints_with_ed(edition, printed):
    out = apa("@book{b, author = {Doe, Jane}, title = {Book}, edition = {" + edition + "},\n"
              "  publisher = {P}, year = {2001}}\n")
    assert out == [f"Doe, J. (2001). {printed}. P."]


@pytest.mark.parametrize("edition", ["1", "1st", "First", "first edition"])
def test_apa_10_2_a_first_edition_is_not_printed(edition):
    out = apa("@book{b, author = {Doe, Jane}, title = {Book}, edition = {" + edition + "},\n"
              "  publisher = {P}, year = {2001}}\n")
    assert out == ["Doe, J. (2001). Book. P."]


def test_a_non_english_edition_keeps_its_words():
    it = items("@book{b, author = {Doe, Jane}, title = {Buch}, edition = {Neue Ausgabe},\n"
               "  langid = {german}, publisher = {P}, year = {2001}}\n")[0]
    assert it["edition"] == "Neue Ausgabe"


def test_apa_10_1_a_special_issue_is_marked():
    out = apa("@periodical{p, editor = {McDaniel, Susan H. and Salas, Eduardo and Kazak, Anne E.},\n"
              "  title = {American Psychologist}, issuetitle = {The Science of Teamwork},\n"
              "  volume = {73}, number = {4}, year = {2018}, doi = {10.1037/amp0000386}}\n")
    assert out == [("McDaniel, S. H., Salas, E., & Kazak, A. E. (Eds.). (2018). The science of "
                    "teamwork [Special issue]. American Psychologist, 73(4). "
                    "https://doi.org/10.1037/amp0000386")]


def test_apa_10_1_an_article_in_a_special_issue_is_cited_as_any_article():
    out = apa("@article{a, author = {Doe, Jane}, title = {Art}, journaltitle = {Journal of Things},\n"
              "  issuetitle = {Special Issue on Stuff}, volume = {3}, number = {2},\n"
              "  pages = {1--5}, year = {2001}}\n")
    assert out == ["Doe, J. (2001). Art. Journal of Things, 3(2), 1–5."]


def test_a_cochrane_review_number_in_pages_is_an_article_number():
    # Zotero, PubMed and Cochrane's own export put a review's number in pages: "CD004249" is
    # an article number (APA 7 9.27, 10.1: "Article CD004249"), as "e0234567" is.
    out = apa("@article{g, author = {Gross, Anita}, title = {Manual therapy for neck pain},\n"
              "  journal = {Cochrane Database of Systematic Reviews}, volume = {2018},\n"
              "  number = {9}, pages = {CD004249}, year = {2018}}\n")
    assert out == [("Gross, A. (2018). Manual therapy for neck pain. Cochrane Database of "
                    "Systematic Reviews, 2018(9), Article CD004249.")]


def test_apa_10_3_a_chapter_in_bibtexs_own_inbook():
    # BibTeX's @inbook: title = the book, chapter = the chapter's title (old exports and
    # hand-written files); the chapter's title was lost and the book printed as the chapter
    refs = apa("@inbook{green2015, author = {Green, Pat}, title = {Handbook of Rehabilitation},\n"
               "  chapter = {Knee Injuries in Runners}, editor = {Jones, Ann},\n"
               "  publisher = {Wiley}, year = {2015}, pages = {33--45}}\n")
    assert refs == [("Green, P. (2015). Knee injuries in runners. In A. Jones (Ed.), Handbook "
                     "of rehabilitation (pp. 33–45). Wiley.")]
