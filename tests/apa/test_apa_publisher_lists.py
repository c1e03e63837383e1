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
