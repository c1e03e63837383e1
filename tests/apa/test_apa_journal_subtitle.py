"""APA 7 9.25 (periodical titles): a journal's subtitle is part of its title."""

from apa_render import apa


def test_apa_9_25_journalsubtitle_is_kept():
    out = apa("@article{a, author = {Doe, Jane}, title = {T}, journaltitle = {Memory},\n"
              "  journalsubtitle = {Studies in Recall}, volume = {3}, year = {2010}}\n")
    assert out == ["Doe, J. (2010). T. Memory: Studies in Recall, 3."]
