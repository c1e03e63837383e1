"""Every citation form against pandoc 3's output for the same post (see tests/golden/README.md)."""


from citespans import parse
from helpers import ROOT

import biblio

GOLDEN = ROOT / "tests" / "golden"

# Where biblio differs from pandoc on purpose: item number → (pandoc's text, ours, APA rule).
DIFFERENCES = {
    6: ("Kalichman & Vulfsons (2010)", "Kalichman and Vulfsons (2010)", "APA 7 §8.17"),
    7: ("Kalichman & Vulfsons (2010, p. 33)", "Kalichman and Vulfsons (2010, p. 33)",
        "APA 7 §8.17"),
    18: ("(Seguin, 2015)", "(P. Seguin, personal communication, November 13, 2015)",
         "APA 7 §8.9"),
    19: ("Seguin (2015)", "P. Seguin (personal communication, November 13, 2015)",
         "APA 7 §8.9"),
    29: ("Kalichman & Vulfsons (2010, p. 30; see also Cagnie et al., 2013)",
         "Kalichman and Vulfsons (2010, p. 30; see also Cagnie et al., 2013)", "APA 7 §8.17"),
}
NOT_LISTED = {"seguin2015interview"}  # APA 7 §8.9: personal communications are not listed


def test_every_form_against_pandoc():
    post = (GOLDEN / "syntax.md").read_text(encoding="utf-8")
    ours = parse(biblio.render_post(post, ROOT / "references.bib", path="syntax.md",
                                    style=str(ROOT / "styles" / "apa.csl")).text)
    theirs = parse((GOLDEN / "syntax.pandoc.html").read_text(encoding="utf-8"))
    assert len(ours.items) == len(theirs.items) == 34
    for n, (mine, pandoc) in enumerate(zip(ours.items, theirs.items), 1):
        assert [c["cites"] for c in mine] == [c["cites"] for c in pandoc], n
        for c, p in zip(mine, pandoc):
            if n in DIFFERENCES:
                want_pandoc, want_ours, _rule = DIFFERENCES[n]
                assert p["text"] == want_pandoc, n
                assert c["text"] == want_ours, n
            else:
                assert c["text"] == p["text"], n
            # Each cite links to its own entry, around the same text as pandoc's link: the
            # cite without its prefix and suffix; only the year part of a narrative citation.
            # (No link to an in-text-only entry, which the reference list leaves out.)
            expected = [link for link in p["links"] if link[0][5:] not in NOT_LISTED]
            assert c["links"] == expected, n
    assert sorted(ours.refs) == sorted(set(theirs.refs) - NOT_LISTED)


def test_code_email_escape_and_urls_are_not_citations():
    post = (GOLDEN / "syntax.md").read_text(encoding="utf-8")
    ours = parse(biblio.render_post(post, ROOT / "references.bib").text)
    assert ours.items[21:25] == [[], [], [], []]
