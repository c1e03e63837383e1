"""What pandoc's reader tests taught (benchmarks/pandoc_biblatex.py): the short title of a
citation, LaTeX comments and inner quotes, a capital after a colon in italics, EDTF's open and
unspecified dates, biblatex's keys only in lower case. BibTeX in → APA 7 out."""

import json

from apa_render import apa, items

from biblio.commands import export


def test_apa_8_14_a_work_without_author_is_cited_by_its_title_before_the_colon():
    bib = ("@online{k, title = {Spooky Action at a Global Distance: Resolution-Free Imaging},\n"
           "  url = {https://example.org/spooky}, year = {2021}}\n")
    cites, refs = apa(bib, [[{"id": "k"}]])
    # in the text a title is in title case (APA 7 8.14, 6.17)
    assert cites == ["(Spooky Action at a Global Distance, 2021)"]
    assert refs == [("Spooky action at a global distance: Resolution-free imaging. (2021). "
                    "https://example.org/spooky")]


def test_a_volume_of_a_multivolume_book_has_no_short_title_of_its_own():
    it = items("@book{k, author = {Knuth, Donald E.}, maintitle = {Computers \\& Typesetting},\n"
               "  title = {\\TeX: The Program}, volume = {B}, publisher = {A}, year = {1986}}\n")[0]
    assert it["title"] == "Computers & typesetting" and "title-short" not in it


def test_export_leaves_out_the_short_title_tocsl_derives(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{a, title = {Main: Sub}, author = {Doe, J}, publisher = {P},\n"
                   "  year = {2000}}\n@book{b, title = {Main: Sub}, shorttitle = {Main},\n"
                   "  author = {Doe, J}, publisher = {P}, year = {2001}}\n", encoding="utf-8")
    out = {i["id"]: i for i in json.loads(export.run("csl-json", bib=str(bib)).text)}
    assert "title-short" not in out["a"] and out["b"]["title-short"] == "Main"


def test_an_unescaped_percent_comments_out_the_rest_of_its_line():
    it = items("@book{JW83, author = {Richard %A.\n    B. Johnson},\n"
               "  title = {Fifty \\% of it}, year = \"%\n  1983\"}\n")[0]
    assert it["author"] == [{"family": "Johnson", "given": "Richard B."}]
    assert it["issued"] == {"date-parts": [[1983]]} and it["title"] == "Fifty % of it"


def test_enquote_star_is_the_inner_quotes():
    it = items("@book{k, title = {T}, note = {Filed under \\enquote*{E}, not \\enquote{T}}}\n")[0]
    assert it["note"] == "Filed under ‘E’, not “T”"


def test_apa_6_17_the_first_word_after_a_colon_has_a_capital_in_italics_too():
    it = items("@article{k, title = {The Title: \\textit{italics}, \\textbf{bold}}}\n"
               "@article{j, title = {Growth: {eBay} Sellers}}\n")
    assert [i["title"] for i in it] == ["The title: <i>Italics</i>, <b>bold</b>",
                                        'Growth: <span class="nocase">eBay</span> sellers']


def test_apa_9_15_open_and_unspecified_dates():
    out = apa("@book{c, author = {Coe, J}, title = {X}, date = {20uu}, publisher = {P}}\n"
              "@book{f, author = {Foe, J}, title = {X}, date = {1998/unknown}, publisher = {P}}\n"
              "@book{d, author = {Doe, J}, title = {X}, date = {0000}, publisher = {P}}\n")
    assert out == ["Coe, J. (2000–2099). X. P.", "Doe, J. (n.d.). X. P.",
                   "Foe, J. (1998–present). X. P."]


def test_a_lone_word_pages_is_kept():
    assert items("@book{k, title = {T}, pages = {pages}}\n")[0]["page"] == "pages"
    assert items("@book{k, title = {T}, pages = {pp. 3--5}}\n")[0]["page"] == "3-5"
