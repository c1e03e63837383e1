"""`biblio add` against a local stand-in for Crossref and arXiv (no internet)."""
# ruff: noqa: F811  (pytest fixtures imported from localserver are parameters here)

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, biblio
from localserver import net, server  # noqa: F401  (pytest fixtures)

from biblio.bib import library
from biblio.diagnostics import BiblioError

CLINIC = [
    ("APTA Public Policy, P. a. (2013). Description of Dry Needling in Clinical Practice: An "
    "Educational Resource Paper. American Physical Therapy Association, 1-7."),
    ("Barbara Cagnie, Vincent Dewitte, Tom Barbe, Frank Timmermans, Nicolas Delrue, Mira Meeus. "
    "(2013). Physiologic Effects of Dry Needling. Current Pain and Headache Reports."),
    ("David Edwards, P. D. (2015, November). Dr. Ma's Integrative Dry Needling for Therapists. "
    "Retrieved November 14, 2015"),
    ("Leonid Kalichman, PT, PhD and Simon Vulfsons, MD. (2015). Dry Needling in the Management "
    "of Musculoskeletal Pain. Journal of American Board of Family Medicine. Retrieved from "
    "Movement Physical Therapy."),
    ("Ries, E. (2015, May). PT In Motion. Retrieved November 2015, from American Physical "
    "Therapy Association:"),
    ("Seguin, P. (2015, November 13). PT, DPT, COMT, Dry Needling Certified, Facility Manager, "
    "VTA Regional Contact. (B. Galassi, Interviewer)"),
]


def add(bib, *sources, **kwargs):
    from biblio.commands import add as cmd

    return cmd.run(sources, bib=None if bib is None else str(bib), **kwargs)


@pytest.fixture
def bib(tmp_path):
    path = tmp_path / "references.bib"
    path.write_text("% my sources\n\n@book{kept2000,\n  title = {Kept As Written},\n"
                    "  author = {Old, Ann},\n  year = 2000\n}\n", encoding="utf-8")
    return path


def entry(bib, key):
    e = library.load(bib).get(key)
    assert e is not None, f"{key} not in {bib}"
    return e


# -- DOIs and arXiv ids -------------------------------------------------------------------------

def test_journal_article_by_doi(net, bib):
    result = add(bib, "10.1007/s11916-013-0348-5")
    assert [o.key for o in result.outcomes] == ["cagnie2013physiologic"]
    e = entry(bib, "cagnie2013physiologic")
    assert e.type == "article"
    assert e.as_dict() == {
        "author": "Cagnie, Barbara and Dewitte, Vincent and Barbe, Tom and Timmermans, Frank "
                  "and Delrue, Nicolas and Meeus, Mira",
        "title": "Physiologic Effects of Dry Needling",
        "journal": "Current Pain and Headache Reports", "year": "2013", "volume": "17",
        "number": "8", "eid": "348", "issn": "1531-3433",
        "doi": "10.1007/s11916-013-0348-5", "langid": "english"}
    # The entry that was there is untouched, byte for byte.
    assert bib.read_text().startswith("% my sources\n\n@book{kept2000,\n  title = {Kept As "
                                      "Written},\n  author = {Old, Ann},\n  year = 2000\n}\n")
    # Crossref's polite pool: mailto in the query and the User-Agent.
    (_, _path, query, agent), = net.requests("/works/")
    assert query["mailto"] == ["tests@example.org"] and "mailto:tests@example.org" in agent


@pytest.mark.parametrize("source", ["doi:10.3122/jabfm.2010.05.090296",
                                    "https://doi.org/10.3122/jabfm.2010.05.090296",
                                    "https://dx.doi.org/10.3122%2Fjabfm.2010.05.090296"])
def test_doi_shapes(net, bib, source):
    result = add(bib, source)
    e = entry(bib, result.outcomes[0].key)
    assert result.outcomes[0].key == "kalichman2010dry"
    assert e.get("pages") == "640--646" and e.get("volume") == "23" and e.get("number") == "5"
    assert e.get("journal") == "The Journal of the American Board of Family Medicine"
    assert e.get("author") == "Kalichman, L. and Vulfsons, S."


def test_book_chapter_dataset_and_thirty_authors(net, bib):
    result = add(bib, "10.5555/trigger-point-manual", "10.5555/dry-needling-chapter",
                 "10.5555/pressure-pain-thresholds", "10.5555/thirty-authors")
    keys = [o.key for o in result.outcomes]
    assert keys == ["donnelly2019travell", "dommerholt2019trigger", "crg2021pressure",
                    "abrahamsson2022thirty"]
    book = entry(bib, "donnelly2019travell")
    assert book.type == "book"
    assert book.get("title") == ("Travell, Simons \\& Simons' Myofascial Pain and Dysfunction: "
                                 "The Trigger Point Manual")
    assert (book.get("edition"), book.get("publisher"), book.get("location"),
            book.get("isbn"), book.get("year")) == ("3", "Wolters Kluwer", "Philadelphia",
                                                    "9780781755603", "2019")
    chapter = entry(bib, "dommerholt2019trigger")
    assert chapter.type == "incollection"
    assert chapter.get("booktitle") == ("Trigger Point Dry Needling: An Evidence and "
                                        "Clinical-Based Approach")
    assert chapter.get("editor") == "Dommerholt, Jan and Fernández-de-las-Peñas, César"
    assert chapter.get("title") == "Trigger point dry needling: \\textit{in vivo} effects"
    assert chapter.get("pages") == "3--28"
    data = entry(bib, "crg2021pressure")
    assert data.type == "dataset" and data.get("date") == "2021-04-30"
    assert data.get("author") == "{Clinic Research Group} and Øster, Ana"
    assert "\\& stretching (raw data, 100\\% anonymised)" in data.get("title")
    many = entry(bib, "abrahamsson2022thirty")
    names = many.get("author").split(" and ")
    assert len(names) == 30
    assert names[6] == "van der Berg, Giovanni" and names[-1] == "{International Dry Needling "\
        "Consortium}"
    assert "Łukasiewicz, Józef" in names and many.get("eid") is None
    assert many.get("pages") == "e1023"
    assert library.load(bib).diagnostics == []


def test_arxiv(net, bib):
    result = add(bib, "arXiv:2103.12345v2")
    e = entry(bib, result.outcomes[0].key)
    assert result.outcomes[0].key == "lopez2021modelling"
    assert e.type == "online"
    assert e.get("author") == "Lopez, Maria and van der Waals, Ludwig and Sato, Kenji"
    assert e.get("title") == ("Modelling the Local Twitch Response: {EMG} Signatures of Dry "
                              "Needling in the Upper Trapezius")
    assert (e.get("eprint"), e.get("eprinttype"), e.get("eprintclass"), e.get("date"),
            e.get("doi")) == ("2103.12345", "arxiv", "q-bio.TO", "2021-03-23",
                              "10.48550/arXiv.2103.12345")
    assert "J. Biomech. 120 (2021) 110345" in e.get("note")


def test_arxiv_unknown_id(net, bib):
    before = bib.read_bytes()
    with pytest.raises(BiblioError) as err:
        add(bib, "9999.99999")
    assert err.value.diagnostics[0].rule == "not-found"
    assert bib.read_bytes() == before


# -- network failures ---------------------------------------------------------------------------

@pytest.mark.parametrize("doi, rule, code, words", [
    ("10.5555/missing", "not-found", 1, "Crossref has no record of the DOI 10.5555/missing"),
    ("10.5555/error500", "network", 2, "is failing (HTTP 500, 3 attempts)"),
    ("10.5555/always429", "network", 2, "is rate-limiting requests (HTTP 429"),
    ("10.5555/malformed", "network", 2, "is not valid JSON"),
    ("10.5555/slow", "network", 2, "did not answer within 1 s"),
])
def test_failures_are_one_clear_line_and_leave_the_file(net, bib, doi, rule, code, words):
    before = bib.read_bytes()
    p = biblio(["add", "--bib", bib, doi])
    assert p.returncode == code, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and f"error[{rule}]" in lines[0] and words in lines[0], p.stderr
    assert lines[0].startswith(f"{doi}: error[") and "Traceback" not in p.stderr
    assert p.stdout == ""
    assert bib.read_bytes() == before


def test_429_waits_for_retry_after(net, bib):
    start = time.monotonic()
    add(bib, "10.5555/ratelimited")
    hits = net.requests("/works/10.5555/ratelimited")
    assert len(hits) == 2
    assert hits[1][0] - hits[0][0] >= 1.0  # Retry-After: 1, although the backoff is 0.01 s
    assert time.monotonic() - start < 5
    assert entry(bib, "donnelly2019travell").get("doi") == "10.5555/trigger-point-manual"


def test_500_is_retried(net, bib):
    add(bib, "10.5555/flaky500")
    assert len(net.requests("/works/10.5555/flaky500")) == 2


def test_one_failure_writes_nothing(net, bib):
    before = bib.read_bytes()
    with pytest.raises(BiblioError):
        add(bib, "10.1007/s11916-013-0348-5", "10.5555/missing")
    assert bib.read_bytes() == before


def test_offline_is_one_line(bib, tmp_path):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens here now
    before = bib.read_bytes()
    p = biblio(["add", "--bib", bib, "10.1007/s11916-013-0348-5"],
               env={"BIBLIO_CROSSREF_URL": f"http://127.0.0.1:{port}",
                    "BIBLIO_CACHE_DIR": str(tmp_path / "c")})
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and "error[network]: cannot reach 127.0.0.1" in p.stderr
    assert bib.read_bytes() == before


def test_offline_flag_refuses_dois(bib):
    with pytest.raises(BiblioError) as err:
        add(bib, "10.1007/s11916-013-0348-5", offline=True)
    assert err.value.diagnostics[0].rule == "offline"


def test_cache_fetches_a_doi_once(net, tmp_path):
    for name in ("a.bib", "b.bib"):
        add(tmp_path / name, "10.1007/s11916-013-0348-5")
    assert len(net.requests("/works/")) == 1
    assert (tmp_path / "a.bib").read_text() == (tmp_path / "b.bib").read_text()
    add(tmp_path / "c.bib", "10.1007/s11916-013-0348-5", cache=False)
    assert len(net.requests("/works/")) == 2


def test_config_sets_urls_and_key_pattern(server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path / "cache"))
    for name in ("BIBLIO_CROSSREF_URL", "BIBLIO_ARXIV_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.biblio]\nbib = "refs.bib"\ncrossref_url = "{server.url}/crossref"\n'
        'key_pattern = "{authors}_{year}"\nmailto = "me@example.org"\n')
    result = add(None, "10.3122/jabfm.2010.05.090296")
    assert result.outcomes[0].key == "kalichmanvulfsons_2010"
    assert "kalichmanvulfsons_2010" in (tmp_path / "refs.bib").read_text()
    assert server.requests()[0][2]["mailto"] == ["me@example.org"]


# -- BibTeX, keys, duplicates, merging ----------------------------------------------------------

def test_bibtex_from_stdin_keeps_its_key_and_values(bib):
    text = ("@string{cphr = {Current Pain and Headache Reports}}\n"
            "@article{mine, author = {M{\\\"u}ller, Hans}, title = \"On {DNA}\", "
            "journal = cphr, year = 2001, month = jan}\n"
            "@book{nokey-given, title = {Second}, author = {Roe, Ann}, year = {1999}}\n")
    p = biblio(["add", "--bib", bib, "-"], input=text)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["mine", "nokey-given"]
    e = entry(bib, "mine")
    assert e.raw("journal") == "{Current Pain and Headache Reports}"
    assert e.raw("title") == "{On {DNA}}" and e.raw("month") == "jan"
    assert e.get("author") == 'M{\\"u}ller, Hans'


def test_bad_bibtex_names_its_line(bib):
    p = biblio(["add", "--bib", bib, "-"], input="\n\n@article{x, title = {Open\n")
    assert p.returncode == 1
    assert p.stderr.startswith("<stdin>:3:1: error[unbalanced-braces]")


def test_key_option_and_taken_keys(net, bib):
    result = add(bib, "10.1007/s11916-013-0348-5", key="mykey")
    assert result.outcomes[0].key == "mykey"
    with pytest.raises(BiblioError) as err:
        add(bib, "10.3122/jabfm.2010.05.090296", key="kept2000")
    assert err.value.diagnostics[0].rule == "duplicate-key"


def test_same_key_gets_a_suffix(bib):
    first = "@article{a, author = {Smith, J.}, title = {Pain}, year = 2001}"
    second = "@article{b, author = {Smith, Kim}, title = {Pain relief}, year = 2001}"
    third = "@article{c, author = {Smith, Lee}, title = {Pain, again}, year = 2001}"
    keys = []
    for text in (first, second, third):
        src = bib.parent / "in.bib"
        src.write_text(text)
        from biblio.importers import sources

        records = sources.from_file(str(src), "bibtex")
        records[0].key = None  # as if the source gave no key
        from biblio import store

        keys.append(store.add(bib, records)[0][0].key)
    assert keys == ["smith2001pain", "smith2001paina", "smith2001painb"]


def test_duplicate_doi_is_refused_naming_the_key(net, bib):
    add(bib, "10.1007/s11916-013-0348-5")
    before = bib.read_bytes()
    p = biblio(["add", "--bib", bib, "https://doi.org/10.1007/S11916-013-0348-5"],
               env=net.env)
    assert p.returncode == 1
    assert "already in the library as 'cagnie2013physiologic' (the same DOI" in p.stderr
    assert bib.read_bytes() == before


def test_duplicate_by_title_year_author(bib):
    text = "@misc{x, author = {Old, A.}, title = {KEPT as written!}, date = {2000-05}}"
    with pytest.raises(BiblioError) as err:
        add(bib, bibtex=[_write(bib.parent / "x.bib", text)])
    d = err.value.diagnostics[0]
    assert d.rule == "duplicate" and "'kept2000' (the same title, year and first author)" \
        in d.message and d.line == 3


def test_merge_fills_only_missing_fields(net, bib):
    (bib.parent / "old.bib").write_text(
        "@article{cagnie, author = {Cagnie, B.}, title = {Physiologic effects of dry needling},"
        " doi = {10.1007/s11916-013-0348-5}, year = {2012}}\n")
    add(bib, bibtex=[str(bib.parent / "old.bib")])
    before = entry(bib, "cagnie")
    p = biblio(["add", "--bib", bib, "--merge", "10.1007/s11916-013-0348-5"], env=net.env)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "cagnie\n"
    e = entry(bib, "cagnie")
    assert e.get("author") == before.get("author") == "Cagnie, B."
    assert e.get("year") == "2012"
    assert e.get("journal") == "Current Pain and Headache Reports" and e.get("volume") == "17"
    assert "  + journal = {Current Pain and Headache Reports}" in p.stderr
    assert "  = year = {2012}   (kept; the source has {2013})" in p.stderr
    assert "  = author = {Cagnie, B.}" in p.stderr
    again = biblio(["add", "--bib", bib, "--merge", "10.1007/s11916-013-0348-5"], env=net.env)
    assert "nothing to add" in again.stderr


def test_json_format(net, bib):
    p = biblio(["add", "--bib", bib, "--format", "json", "10.1007/s11916-013-0348-5"],
               env=net.env)
    data = json.loads(p.stdout)
    (item,) = data["entries"]
    assert item["key"] == "cagnie2013physiologic" and item["status"] == "added"
    assert item["fields"]["doi"] == "10.1007/s11916-013-0348-5"
    assert item["line"] == 9 and data["bib"] == str(bib)


def test_new_file_is_created(net, tmp_path):
    bib = tmp_path / "new.bib"
    add(bib, "10.1007/s11916-013-0348-5")
    assert bib.read_text().startswith("@article{cagnie2013physiologic,\n")


def test_file_with_errors_is_not_touched(net, tmp_path):
    bib = tmp_path / "bad.bib"
    bib.write_text("@article{x, title = {open\n")
    with pytest.raises(BiblioError) as err:
        add(bib, "10.1007/s11916-013-0348-5")
    assert err.value.diagnostics[-1].rule == "not-saved"
    assert bib.read_text() == "@article{x, title = {open\n"


# -- pasted text --------------------------------------------------------------------------------

def test_the_clinics_six_references(net, bib):
    outcomes = []
    for text in CLINIC:
        outcomes.extend(add(bib, texts=[text]).outcomes)
    keys = [o.key for o in outcomes]
    assert keys == ["apta2013description", "cagnie2013physiologic", "edwards2015dr",
                    "kalichman2010dry", "ries2015pt", "seguin2015"]
    lib = library.load(bib)
    # The two journal articles are matched to their DOIs, with Crossref's full record.
    assert lib.get("cagnie2013physiologic").get("doi") == "10.1007/s11916-013-0348-5"
    kal = lib.get("kalichman2010dry")
    assert kal.get("doi") == "10.3122/jabfm.2010.05.090296" and kal.get("year") == "2010"
    assert outcomes[3].record.match["taken"] and outcomes[3].record.match["score"] >= 0.8
    for o in (outcomes[1], outcomes[3]):
        assert "review" not in lib.get(o.key) and not o.record.review
    # The others are parsed and marked for review, with the text they came from.
    for i in (0, 2, 4, 5):
        e = lib.get(keys[i])
        assert e.get("review") == "Parsed from: " + CLINIC[i].replace("&", "\\&"), keys[i]
        assert e.get("doi") is None
        assert not outcomes[i].record.match["taken"]
    apta = lib.get("apta2013description")
    assert apta.get("author") == "{APTA Public Policy}" and apta.get("pages") == "1--7"
    edwards = lib.get("edwards2015dr")
    assert (edwards.get("author"), edwards.get("title"), edwards.get("date"),
            edwards.get("urldate")) == ("Edwards, David", ("Dr. Ma's Integrative Dry Needling "
                                        "for Therapists"), "2015-11", "2015-11-14")
    ries = lib.get("ries2015pt")
    assert (ries.get("author"), ries.get("date")) == ("Ries, E.", "2015-05")
    seguin = lib.get("seguin2015")
    assert (seguin.get("author"), seguin.get("date"), seguin.get("editora"),
            seguin.get("editoratype")) == ("Seguin, P.", "2015-11-13", "Galassi, B.",
                                           "interviewer")
    assert "PT" not in seguin.get("note") and "Facility Manager" in seguin.get("note")


def test_text_warnings_and_the_candidate_are_shown(net, bib):
    p = biblio(["add", "--bib", bib, "--text", CLINIC[0]], env=net.env)
    assert p.returncode == 0 and p.stdout == "apta2013description\n"
    assert f"text: {CLINIC[0]}" in p.stderr
    assert "match 0.34 (Crossref 38.2), not taken: Dunning, Butts, Mourad (2014)" in p.stderr
    assert "warning[needs-review]: 'apta2013description' needs review" in p.stderr


def test_text_below_threshold_needs_yes(net, bib):
    # Edwards's best candidate scores between the floor (0.5) and the threshold (0.8).
    result = add(bib, texts=[CLINIC[2]], yes=True)
    assert result.outcomes[0].record.match["confirmed"] is True
    assert entry(bib, result.outcomes[0].key).get("doi") == "10.5555/integrative-medicine"


def test_text_asks_the_person(net, bib):
    asked = []
    result = add(bib, texts=[CLINIC[2]], confirm=lambda text, c: asked.append(c) or False)
    assert len(asked) == 1 and asked[0].message["DOI"] == "10.5555/integrative-medicine"
    assert result.outcomes[0].record.review


def test_text_offline_and_without_answer(bib, tmp_path, monkeypatch):
    result = add(bib, texts=[CLINIC[3]], offline=True)
    e = entry(bib, result.outcomes[0].key)
    assert (e.get("author"), e.get("journal"), e.get("year")) == (
        "Kalichman, Leonid and Vulfsons, Simon",
        "Journal of American Board of Family Medicine", "2015")
    assert e.type == "article" and "parsed offline" in result.outcomes[0].record.review
    monkeypatch.setenv("BIBLIO_CROSSREF_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path / "c"))
    result = add(tmp_path / "other.bib", texts=[CLINIC[1]])
    assert any("no answer from Crossref" in r for r in result.outcomes[0].record.review)


# -- concurrency --------------------------------------------------------------------------------

def test_twenty_processes_at_once(net, tmp_path):
    bib = tmp_path / "references.bib"
    bib.write_text("")
    procs = []
    for i in range(20):
        text = f"@article{{k{i}, author = {{Author{i}, A.}}, title = {{Paper {i}}}, year = 2020}}"
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "biblio", "add", "--bib", str(bib), "-"],
            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        procs[-1].stdin.write(text)
        procs[-1].stdin.close()
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read()
    lib = library.load(bib)
    assert lib.diagnostics == []
    assert sorted(lib.keys()) == sorted(f"k{i}" for i in range(20))


def _write(path: Path, text: str) -> str:
    path.write_text(text)
    return str(path)


def test_check_rules_run_on_the_new_entry(bib):
    p = biblio(["add", "--bib", bib, "--offline", "--text", CLINIC[3]])
    assert p.returncode == 0 and p.stdout == "kalichman2015dry\n"
    assert "warning[apa-missing-field]: journal article 'kalichman2015dry'" in p.stderr
    assert "warning[needs-review]" in p.stderr
    assert "retrieved-from" not in p.stderr  # the quoted text in `review` is not checked
    assert "kept2000" not in p.stderr  # nor are the entries that were there


def test_crossref_entries_pass_the_checks_and_the_csl_mapping(net, tmp_path):
    from biblio import rules, tocsl

    bib = tmp_path / "refs.bib"
    add(bib, "10.1007/s11916-013-0348-5", "10.3122/jabfm.2010.05.090296",
        "10.5555/trigger-point-manual", "10.5555/dry-needling-chapter",
        "10.5555/pressure-pain-thresholds", "10.5555/thirty-authors", "2103.12345")
    lib = library.load(bib)
    assert [d for d in rules.run(lib) if d.severity == "error"] == []
    items, problems = tocsl.library_to_csl(lib)
    assert problems == []
    by_id = {i["id"]: i for i in items}
    assert by_id["cagnie2013physiologic"] == {
        "id": "cagnie2013physiologic", "type": "article-journal",
        "title": "Physiologic effects of dry needling",
        "container-title": "Current Pain and Headache Reports",
        "issued": {"date-parts": [[2013]]},
        "author": [{"family": "Cagnie", "given": "Barbara"},
                   {"family": "Dewitte", "given": "Vincent"}, {"family": "Barbe", "given": "Tom"},
                   {"family": "Timmermans", "given": "Frank"},
                   {"family": "Delrue", "given": "Nicolas"}, {"family": "Meeus", "given": "Mira"}],
        "volume": "17", "issue": "8", "number": "348", "DOI": "10.1007/s11916-013-0348-5",
        "ISSN": "1531-3433", "language": "en-US"}
    assert by_id["dommerholt2019trigger"]["type"] == "chapter"
    assert by_id["crg2021pressure"]["type"] == "dataset"
    assert by_id["lopez2021modelling"]["URL"] == "https://arxiv.org/abs/2103.12345"
    assert len(by_id["abrahamsson2022thirty"]["author"]) == 30
    assert by_id["abrahamsson2022thirty"]["author"][-1] == {
        "literal": "International Dry Needling Consortium"}


def test_a_doi_in_pasted_text_is_looked_up(net, bib):
    pasted = ("Kalichman L, Vulfsons S. Dry needling. J Am Board Fam Med. 2010;23(5):640-6. "
              "https://doi.org/10.3122/jabfm.2010.05.090296")
    result = add(bib, texts=[pasted])
    (o,) = result.outcomes
    assert o.record.match["taken"] and o.record.match["score"] == 1.0 and not o.record.review
    assert entry(bib, o.key).get("journal") == "The Journal of the American Board of Family " \
        "Medicine"
    assert net.requests("/works/10.3122")
    assert not [r for r in net.requests() if r[1] == "/crossref/works"]  # no search
