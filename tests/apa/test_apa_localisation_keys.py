"""biblatex localisation keys (`newseries`, `patentus`, `countryfr`, `\\bibstring{…}`, an integer
`series`) print as what they mean, never raw. BibTeX in → APA 7 string out."""

from apa_render import apa, items


def test_apa_11_patent_type_key_names_the_patent_office():
    # APA 7 (legal references, patents, per the Bluebook): "(U.S. Patent No. 7,650,000)"
    out = apa("@patent{p, author = {Doe, Jane}, title = {Widget}, number = {7650000},\n"
              "  type = {patentus}, location = {countryus}, year = {2010}}\n")
    assert out == ["Doe, J. (2010). Widget (U.S. Patent No. 7650000)."]


def test_apa_9_series_key_prints_its_words():
    it = items("@article{a, author = {Doe, Jane}, title = {T}, journaltitle = {J},\n"
               "  series = {newseries}, year = {2010}}\n"
               "@article{b, author = {Doe, Jane}, title = {T}, journaltitle = {J},\n"
               "  series = {3}, year = {2010}}\n")
    # a whole value begins with a capital, as a series name does (APA 7 6.29)
    assert [i["collection-title"] for i in it] == ["New series", "3rd series"]


def test_a_series_named_like_a_key_is_a_name():
    # biblatex's keys are lower case: "Series" is what the writer typed, not the key "series"
    it = items("@book{b, author = {Doe, Jane}, title = {T}, series = {Series}, number = {3},\n"
               "  publisher = {P}, year = {2010}}\n")[0]
    assert it["collection-title"] == "Series"


def test_bibstring_and_country_keys_are_words():
    it = items("@book{b, author = {Doe, Jane}, title = {The Title: \\bibstring{newseries}},\n"
               "  location = {countryfr}, publisher = {P}, year = {2010}}\n")[0]
    assert it["title"] == "The title: New series"
    assert it["publisher-place"] == "France"
