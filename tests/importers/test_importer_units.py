"""The importers' small parts: identifiers, the HTTP client, values; and property tests."""
# ruff: noqa: F811  (pytest fixtures imported from localserver are parameters here)

from __future__ import annotations

import email.utils
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from localserver import server  # noqa: F401  (a pytest fixture)

from biblio.bib import blocks, reader
from biblio.importers import arxiv, crossref, keys, text, values
from biblio.importers.http import Client, NetworkError, _retry_after


@pytest.mark.parametrize("source, doi", [
    ("10.1007/s11916-013-0348-5", "10.1007/s11916-013-0348-5"),
    ("doi:10.1007/s11916-013-0348-5", "10.1007/s11916-013-0348-5"),
    ("DOI: 10.1007/s11916-013-0348-5", "10.1007/s11916-013-0348-5"),
    ("https://doi.org/10.1002/(SICI)1097-4636(199601)30:1<1::AID-JBM1>3.0.CO;2-J",
     "10.1002/(SICI)1097-4636(199601)30:1<1::AID-JBM1>3.0.CO;2-J"),
    ("http://dx.doi.org/10.3122%2Fjabfm.2010.05.090296", "10.3122/jabfm.2010.05.090296"),
    ("doi.org/10.3122/jabfm.2010.05.090296.", "10.3122/jabfm.2010.05.090296"),
    ("10.123/x", None), ("11.1007/abc", None), ("references.bib", None), ("-", None),
])
def test_parse_doi(source, doi):
    assert crossref.parse_doi(source) == doi


@pytest.mark.parametrize("source, arxiv_id", [
    ("2103.12345", "2103.12345"), ("2103.12345v2", "2103.12345v2"),
    ("arXiv:1501.00001", "1501.00001"), ("arxiv: 1501.00001", "1501.00001"),
    ("https://arxiv.org/abs/2103.12345v3", "2103.12345v3"),
    ("https://arxiv.org/pdf/2103.12345.pdf", "2103.12345"),
    ("arXiv:hep-th/9901001v2", "hep-th/9901001v2"), ("arXiv:math.GT/0309136", "math.GT/0309136"),
    ("10.48550/arXiv.2103.12345", "2103.12345"),
    ("hep-th/9901001", None), ("2103.123", None), ("10.1007/s11916-013-0348-5", None),
])
def test_parse_arxiv_id(source, arxiv_id):
    assert arxiv.parse_id(source) == arxiv_id


def test_retry_after_forms():
    assert _retry_after("7", 1.0) == 7.0
    assert _retry_after(None, 1.5) == 1.5
    assert _retry_after("soon", 2.0) == 2.0
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 28 <= _retry_after(when, 1.0) <= 31


def test_retry_after_beyond_max_wait_fails_at_once(server):
    waits = []
    client = Client(timeout=1, retries=3, backoff=0.01, max_wait=0.5, sleep=waits.append)
    with pytest.raises(NetworkError) as err:
        client.get(server.url + "/crossref/works/10.5555/always429")
    assert err.value.kind == "unavailable" and err.value.status == 429
    assert waits == [] and len(server.requests("always429")) == 1


def test_backoff_doubles(server):
    waits = []
    client = Client(timeout=1, retries=3, backoff=0.25, sleep=waits.append)
    with pytest.raises(NetworkError) as err:
        client.get(server.url + "/crossref/works/10.5555/error500")
    assert waits == [0.25, 0.5, 1.0] and "4 attempts" in err.value.message


def test_only_good_answers_are_cached(server, tmp_path):
    client = Client(timeout=1, retries=0, cache_dir=tmp_path / "http")
    url = server.url + "/crossref/works/10.5555/malformed"
    with pytest.raises(NetworkError):
        client.get_json(url)
    with pytest.raises(NetworkError):
        client.get_json(url)
    assert len(server.requests("malformed")) == 2  # the broken answer was not kept
    with pytest.raises(NetworkError):
        client.get(server.url + "/crossref/works/10.5555/missing")
    assert list((tmp_path / "http").rglob("*.json")) == []


def test_values():
    assert values.escape("50% & $5 #1 a_b {x} ~ ^") == \
        r"50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{}"
    assert values.from_markup("H<sub>2</sub>O in <jats:italic>vivo</jats:italic> &lt;3") == \
        r"H\textsubscript{2}O in \textit{vivo} <3"
    assert values.from_markup('a <span class="nocase">pH</span> b') == "a {pH} b"
    assert values.protect("COVID-19 and the iPhone in McGill's DNA") == \
        "{COVID}-19 and the {iPhone} in {McGill's} {DNA}"
    assert values.pages("640–646") == "640--646" and values.pages("e1023") == "e1023"
    # PubMed's RIS: SP 144, EP 152.e2 (an Elsevier article's online pages after its last)
    assert values.pages("144-152.e2") == "144--152.e2"
    assert values.person("Berg", "Jan", "Jr.", "van der") == "van der Berg, Jr., Jan"
    assert values.normal("The D.N.A. of Müller’s Pain!") == "the dna of muller s pain"


def test_credentials_are_stripped():
    assert text.strip_credentials("Leonid Kalichman, PT, PhD and Simon Vulfsons, MD.") == \
        "Leonid Kalichman and Simon Vulfsons."
    assert text.strip_credentials("Jane Roe, DPT, OCS, FAAOMPT (2019)") == "Jane Roe (2019)"
    # initials are not credentials
    assert text.strip_credentials("Ries, E. (2015)") == "Ries, E. (2015)"


# -- properties ------------------------------------------------------------------------------

PRINTABLE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                    max_size=200)


@settings(max_examples=150, deadline=None)
@given(PRINTABLE)
def test_any_pasted_text_gives_a_valid_entry(t):
    record = text.parse(t)
    entry = blocks.Entry(type=record.type, key="k")
    for name, raw in record.ordered():
        entry.set_raw(name, raw)
    parsed = reader.parse(entry.canonical() + "\n", "x.bib")
    assert parsed.diagnostics == [] and parsed.keys() == ["k"]
    assert record.review


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["author", "editor", "title", "year", "date"]),
                       PRINTABLE, max_size=5), st.sampled_from([
                           keys.DEFAULT_PATTERN, "{authors}_{year}", "{auth}:{title}"]))
def test_any_fields_give_a_valid_key(fields, pattern):
    key = keys.make(pattern, lambda n: fields.get(n, ""))
    assert key and key.isascii() and blocks.KEY_OK.fullmatch(key)
    assert key == key.lower()


@settings(max_examples=100, deadline=None)
@given(st.fixed_dictionaries({}, optional={
    "title": st.lists(PRINTABLE, max_size=2), "author": st.lists(st.fixed_dictionaries(
        {}, optional={"given": PRINTABLE, "family": PRINTABLE, "name": PRINTABLE}), max_size=3),
    "type": st.sampled_from(list(crossref.TYPES) + ["nonsense"]),
    "container-title": st.lists(PRINTABLE, max_size=2), "page": PRINTABLE,
    "issued": st.fixed_dictionaries({"date-parts": st.lists(st.lists(
        st.integers(1, 2100), min_size=1, max_size=3), min_size=1, max_size=1)}),
    "DOI": PRINTABLE, "volume": PRINTABLE}))
def test_any_crossref_work_gives_a_valid_entry(work):
    record = crossref.to_record(work)
    entry = blocks.Entry(type=record.type, key="k")
    for name, raw in record.ordered():
        entry.set_raw(name, raw)
    assert reader.parse(entry.canonical() + "\n", "x.bib").diagnostics == []


def test_vancouver_references():
    r = text.parse("Kalichman L, Vulfsons S. Dry needling in the management of musculoskeletal "
                   "pain. J Am Board Fam Med. 2010;23(5):640-6.")
    assert r.type == "article" and r.review
    assert {k: r.text(k) for k in r.fields if k != "review"} == {
        "author": "Kalichman, L. and Vulfsons, S.",
        "title": "Dry needling in the management of musculoskeletal pain",
        "journal": "J Am Board Fam Med", "year": "2010", "volume": "23", "number": "5",
        "pages": "640--646"}
    r = text.parse("Cagnie B, Dewitte V, Barbe T, et al. Physiologic effects of dry needling. "
                   "Curr Pain Headache Rep. 2013 Aug;17(8):348. doi:10.1007/s11916-013-0348-5")
    assert r.text("author") == "Cagnie, B. and Dewitte, V. and Barbe, T."
    assert r.text("doi") == "10.1007/s11916-013-0348-5" and r.text("pages") == "348"
    assert any("et al." in n for n in r.review)


def test_the_latin_ascii_table_is_the_one_anyascii_gives():
    # When anyascii changes: python -c "from biblio.importers.values import latin_module;
    # print(latin_module(), end='')" > biblio/importers/asciilatin.py
    from pathlib import Path

    from biblio.importers import asciilatin
    assert Path(asciilatin.__file__).read_text(encoding="utf-8") == values.latin_module()


@given(st.text(st.one_of(st.characters(max_codepoint=0x2ff), st.characters()), max_size=30))
@settings(max_examples=300, deadline=None)
def test_ascii_fold_is_anyascii(text):
    from anyascii import anyascii
    assert values.ascii_fold(text) == anyascii(text)


def test_a_cached_answer_of_another_shape_is_asked_again(tmp_path):
    # (JSON the client did not write: never an internal error, never a body that is not text)
    import json
    import time

    client = Client(timeout=1, retries=0, cache_dir=tmp_path / "http")
    url = "https://api.crossref.org/works/10.5555/x"
    client.remember(url, "the answer")
    assert client.recall(url) == "the answer"
    path = client._cache_path(url)
    for data in ([], "text", 5, {"url": url, "time": "now", "body": "x"},
                 {"url": url, "time": time.time(), "body": 5},
                 {"url": url, "time": time.time(), "body": ["x"]},
                 {"url": url, "time": [1], "body": "x"}):
        path.write_text(json.dumps(data))
        assert client.recall(url) is None, data


# Any JSON at all where Crossref's schema has text, a list or a date: a mirror, a proxy or a
# damaged cache answering something else. The work is read as if those fields were not there.
_JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                         st.floats(), st.text(max_size=6))
_JSON = st.recursive(_JSON_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["family", "given", "name", "suffix", "date-parts", "type",
                                     "value", "DOI"]), inner, max_size=3)), max_leaves=8)
_WORK_FIELDS = ["DOI", "type", "author", "editor", "title", "subtitle", "container-title",
                "volume", "issue", "page", "article-number", "edition-number", "publisher",
                "publisher-location", "subtype", "ISBN", "ISSN", "issn-type", "language",
                "updated-by", "issued", "published-print", "published-online", "published",
                "created", "score"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.dictionaries(st.sampled_from(_WORK_FIELDS), _JSON, max_size=10))
def test_a_crossref_work_of_any_json_shape_is_read_without_a_crash(message):
    # `published-print: true` (AttributeError), `type: [..]` (unhashable), `issn-type` of
    # lists, `updated-by: 5`, `score: "x"`: each was an internal error of `add`.
    message = {"DOI": "10.1/x", **message}
    record = crossref.to_record(message)
    assert isinstance(record.fields, dict)
    # (crossref.search gives `rank` its works as `work` reads them)
    (candidate,) = text.rank("Doe (2020). A title. Journal.", [crossref.work(message)])
    assert isinstance(candidate.summary, str)


def test_a_crossref_work_keeps_the_fields_of_the_right_kind():
    record = crossref.to_record({"DOI": "10.1/x", "type": "journal-article",
                                 "title": ["Right", 5], "volume": 7, "issue": [3],
                                 "author": [{"family": "Doe", "given": 5}, "x"],
                                 "issued": {"date-parts": [[2020, 5]]},
                                 "published-print": True, "updated-by": 5})
    assert (record.text("title"), record.text("volume"), record.text("number")) == \
        ("Right", "7", "")
    assert record.text("author") == "Doe" and record.text("year") == "2020"
