"""`biblio check --online` against a local stand-in for Crossref, doi.org, a web site and the
Wayback Machine (tests/localserver.py; answers in tests/fixtures, see its README)."""
# ruff: noqa: F811  (pytest fixtures imported from localserver are parameters here)

from __future__ import annotations

import json
import socket
import time

import pytest
from helpers import biblio
from localserver import net, server  # noqa: F401  (pytest fixtures)

from biblio import online
from biblio.commands import check
from biblio.diagnostics import BiblioError
from biblio.importers.http import Client

ENTRIES = {
    "retracted": "doi = {10.5555/retracted-trial}",
    "withdrawn": "doi = {https://doi.org/10.5555/withdrawn-preprint}",
    "concern": "doi = {10.5555/concern-study}",
    "corrected": "doi = {10.5555/corrected-review}",
    "clean": "doi = {10.1007/s11916-013-0348-5}",
    "datacite": "doi = {10.5281/zenodo.1234567}",
    "unregistered": "doi = {10.5555/not-registered}",
    "alive": "url = {{site}/site/ok}",
    "gone": "url = {{site}/site/gone},\n  urldate = {2021-03-01}",
    "archived": "url = {{site}/site/archived-gone},\n  urldate = {2021-03-01}",
    "removed": "howpublished = {\\url{{site}/site/removed}}",
    "moved": "url = {{site}/site/moved-again}",
    "temporary": "url = {{site}/site/temporary}",
    "loop": "url = {{site}/site/loop-a}",
}


def write_bib(path, site, names=ENTRIES):
    text = "".join(f"@misc{{{name},\n  title = {{T}},\n  {ENTRIES[name]}\n}}\n\n"
                   for name in names)
    path.write_text(text.replace("{site}", site), encoding="utf-8")
    return path


def line_of(path, key):
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1)
                if line.startswith(f"@misc{{{key},"))


@pytest.fixture
def bib(net, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return write_bib(tmp_path / "references.bib", net.url)


def found(report, rule):
    return [d for d in report.diagnostics if d.rule == rule]


def test_retraction_concern_correction_each_at_the_entry_naming_the_notice(bib):
    report = check.run(str(bib), select=("sources",), online=True)
    retracted = found(report, "retracted")
    assert [(d.line, d.severity) for d in retracted] == [
        (line_of(bib, "retracted"), "error"), (line_of(bib, "withdrawn"), "error")]
    # The publisher's notice and Retraction Watch's record of it are one retraction.
    assert retracted[0].message == ("the work was retracted: retraction notice "
                                    "10.5555/retracted-trial-retraction of 2021-06-14 "
                                    "(source: the publisher)")
    assert "withdrawal notice 10.5555/withdrawn-preprint-notice of 2023-01-09 " \
           "(source: Retraction Watch)" in retracted[1].message
    concern, = found(report, "expression-of-concern")  # known from the notice's update-to
    assert (concern.line, concern.severity) == (line_of(bib, "concern"), "warning")
    assert "expression of concern notice 10.5555/concern-study-eoc of 2024-05-20" \
        in concern.message
    corrected = found(report, "corrected")
    assert [(d.line, d.severity) for d in corrected] == [
        (line_of(bib, "retracted"), "info"), (line_of(bib, "corrected"), "info")]
    assert "erratum notice 10.5555/retracted-trial-erratum of 2020-03-02" in corrected[0].message
    assert "corrigendum notice 10.5555/corrected-review-corrigendum of 2018-11-30" \
        in corrected[1].message


def test_a_doi_that_does_not_resolve(bib, net):
    report = check.run(str(bib), select=("doi-unresolved",), online=True)
    d, = report.diagnostics
    assert (d.line, d.col) == (line_of(bib, "unregistered") + 2, 3)  # at the doi field
    assert d.message == ("the DOI 10.5555/not-registered does not resolve: doi.org has no "
                         "record of it")
    # Only the DOIs Crossref did not return are asked of doi.org (the DataCite one resolves).
    asked = sorted(p for _, p, _, _ in net.requests("/doi/api/handles/"))
    assert asked == ["/doi/api/handles/10.5281/zenodo.1234567",
                     "/doi/api/handles/10.5555/not-registered"]


def test_dead_links_with_and_without_an_archived_copy(bib, net):
    report = check.run(str(bib), select=("dead-link",), online=True)
    by_line = {d.line - 2: d for d in report.diagnostics}
    assert sorted(by_line) == sorted(line_of(bib, k) for k in ("gone", "archived", "removed",
                                                               "loop"))
    gone = by_line[line_of(bib, "gone")]
    assert gone.severity == "warning" and "is dead: the page is not found (HTTP 404)" \
        in gone.message
    assert gone.fix.startswith("the Internet Archive has no copy")
    archived = by_line[line_of(bib, "archived")]
    assert archived.fix == ("use the archived copy of 2021-03-15: http://web.archive.org/web/"
                            "20210315093012/http://127.0.0.1/site/archived-gone")
    # the snapshot asked for is the one nearest the entry's urldate
    (_, _, query, _), = [r for r in net.requests("/wayback/")
                         if r[2]["url"][0].endswith("archived-gone")]
    assert query["timestamp"] == ["20210301"]
    assert "is dead: the page is gone (HTTP 410)" in by_line[line_of(bib, "removed")].message
    assert "redirects in a loop" in by_line[line_of(bib, "loop")].message


def test_a_permanent_redirect_chain_offers_the_new_url(bib, net):
    report = check.run(str(bib), select=("moved-link",), online=True)
    d, = report.diagnostics  # the temporary redirect is not a move
    assert d.line == line_of(bib, "moved") + 2
    assert d.fix == f"replace it with {net.url}/site/ok"


def test_the_cache_answers_a_second_check_and_refresh_asks_again(bib, net):
    first = check.run(str(bib), select=("sources",), online=True).diagnostics
    asked = len(net.log)
    assert check.run(str(bib), select=("sources",), online=True).diagnostics == first
    assert len(net.log) == asked
    assert check.run(str(bib), select=("sources",), online=True, refresh=True).diagnostics \
        == first
    assert len(net.log) > asked


def test_offline_check_never_touches_the_network(bib, net):
    report = check.run(str(bib))
    assert net.log == [] and not found(report, "retracted")
    report = check.run(str(bib), online=False)
    assert net.log == []


def test_the_setting_turns_it_on(bib, net, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.biblio.check]\nonline = true\n")
    assert found(check.run(str(bib)), "retracted")
    assert found(check.run(str(bib), online=False), "retracted") == []


def test_polite_user_agent_batches_and_mailto(bib, net):
    check.run(str(bib), select=("retracted",), online=True)
    works = net.requests("/crossref/works")
    assert len(works) == 2  # one query for the records, one for the notices: not one per DOI
    for _, _, query, agent in works:
        assert query["mailto"] == ["tests@example.org"]
        assert "mailto:tests@example.org" in agent


def test_a_429_with_retry_after_is_waited_for(net, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bib = tmp_path / "r.bib"
    bib.write_text("@article{a,\n  doi = {10.5555/ratelimited}\n}\n"
                   "@misc{b,\n  url = {" + net.url + "/site/busy}\n}\n")
    report = check.run(str(bib), online=True)
    assert not found(report, "network")
    for part in ("/crossref/works", "/site/busy"):
        hits = net.requests(part)
        assert hits[1][0] - hits[0][0] >= 1.0  # Retry-After: 1, though the backoff is 0.01 s


@pytest.mark.parametrize("doi, words", [
    ("10.5555/malformed", "is not valid JSON"),
    ("10.5555/html", "is not valid JSON"),
    ("10.5555/error500", "is failing (HTTP 500, 3 attempts)"),
    ("10.5555/enormous", "is larger than 8,000,000 bytes; not read"),
])
def test_bad_answers_are_one_clear_line_exit_2(net, tmp_path, monkeypatch, doi, words):
    monkeypatch.chdir(tmp_path)
    bib = tmp_path / "r.bib"
    bib.write_text("@article{a,\n  title = {T},\n  doi = {" + doi + "}\n}\n"
                   "@article{b,\n  title = {T},\n  doi = {10.5555/retracted-trial}\n}\n")
    before = bib.read_bytes()
    p = biblio(["check", "--online", "--bib", bib], cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    line, = p.stderr.strip().splitlines()  # nothing half-reported: not b's retraction
    # (the .bib is shown relative to the working folder, as every path biblio prints)
    assert line.startswith(f"r.bib:3:3: error[network]: could not check {doi.lower()}: ")
    assert words in line and "(and 1 more entry left unchecked)" in line
    assert p.stdout == "" and "Traceback" not in p.stderr
    assert bib.read_bytes() == before
    p = biblio(["check", "--online", "--bib", bib, "--format", "github"], cwd=tmp_path)
    assert p.returncode == 2 and p.stdout.startswith("::error file=r.bib,line=3,col=3,"
                                                     "title=network::could not check ")


def test_a_slow_site_and_an_unreachable_service(net, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BIBLIO_HTTP_RETRIES", "0")
    bib = tmp_path / "r.bib"
    bib.write_text("@misc{a,\n  url = {" + net.url + "/site/slow}\n}\n")
    with pytest.raises(BiblioError) as err:
        check.run(str(bib), online=True)
    assert err.value.exit_code == 2
    d, = err.value.diagnostics
    assert (d.line, d.rule) == (2, "network") and "did not answer within 1 s" in d.message
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens here now
    monkeypatch.setenv("BIBLIO_CROSSREF_URL", f"http://127.0.0.1:{port}")
    bib.write_text("".join(f"@article{{k{i},\n  doi = {{10.5555/w{i}}}\n}}\n" for i in range(3)))
    with pytest.raises(BiblioError) as err:
        check.run(str(bib), online=True)
    d, = err.value.diagnostics
    assert d.message.startswith("could not check 10.5555/w0: cannot reach 127.0.0.1:")
    assert d.message.endswith("(and 2 more entries left unchecked)")


def test_no_such_host_is_a_dead_link(net, tmp_path, monkeypatch):
    real = socket.getaddrinfo

    def resolver(host, *args, **kwargs):
        if host == "gone.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    link = online._follow(online._Asker(Client(retries=0), online.Options()),
                          "http://gone.invalid/page")
    assert link.dead == "there is no such host as gone.invalid"


def test_the_time_budget_stops_the_check(net, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.biblio.check]\nonline_budget = 0.5\n")
    bib = tmp_path / "r.bib"
    bib.write_text("@misc{a,\n  url = {" + net.url + "/site/slow}\n}\n")
    start = time.monotonic()
    with pytest.raises(BiblioError) as err:
        check.run(str(bib), online=True)
    assert time.monotonic() - start < 30  # only to catch a hang
    assert "did not finish within 0.5 s" in err.value.diagnostics[0].message


def test_cli_formats_and_exit_codes(bib, net, tmp_path):
    p = biblio(["check", "--online", "--select", "sources", "--format", "json"], cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    rules = sorted({d["rule"] for d in json.loads(p.stdout)})
    assert rules == ["corrected", "dead-link", "doi-unresolved", "expression-of-concern",
                     "moved-link", "retracted"]
    p = biblio(["check", "--online", "--select", "sources", "--ignore", "retracted,doi-unresolved",
                "--format", "github"], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "::warning file=references.bib,line=" in p.stdout
    assert "title=expression-of-concern::" in p.stdout and "title=retracted" not in p.stdout
    p = biblio(["check", "--list-rules"], cwd=tmp_path)
    assert "retracted" in p.stdout and "sources" in p.stdout


def test_with_posts_only_what_they_cite_is_asked_about(bib, net, tmp_path):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts/a.md").write_text("# A\n\nNeedling works [@concern; @gone].\n")
    report = check.run(str(bib), select=("sources",), online=True, posts=str(tmp_path / "posts"))
    assert sorted(d.rule for d in report.diagnostics) == ["dead-link", "expression-of-concern"]
    assert {p for _, p, _, _ in net.log if p.startswith("/site/")} == {"/site/gone"}


def test_an_enormous_answer_is_refused_unread(net):
    from biblio.importers.http import NetworkError

    with pytest.raises(NetworkError) as err:
        Client(max_bytes=10).request(net.url + "/site/ok")
    assert err.value.kind == "too-large" and "larger than" in err.value.message


def test_a_real_retraction_watch_record_and_where_its_notice_was_published(net, tmp_path,
                                                                          monkeypatch):
    """Wakefield et al. (1998): Crossref's record as recorded (fixtures/README.md), two
    Retraction Watch updates, the retraction notice's own record found by `updates:`."""
    monkeypatch.chdir(tmp_path)
    bib = tmp_path / "r.bib"
    bib.write_text("@article{w,\n  title = {T},\n  doi = {10.1016/S0140-6736(97)11096-0}\n}\n")
    report = check.run(str(bib), select=("sources",), online=True)
    assert [(d.rule, d.message) for d in report.diagnostics] == [
        ("corrected", ("a correction to the work was published: correction notice "
                      "10.1016/s0140-6736(04)15715-2 of 2004-03-06 (source: Retraction Watch)")),
        ("retracted", ("the work was retracted: retraction notice 10.1016/s0140-6736(10)60175-4 "
                      "of 2010-02-06 (source: Retraction Watch)"))]
    client, opts = online.session({}, {})
    answers = online.gather(["10.1016/s0140-6736(97)11096-0"], {}, client, opts)  # cached
    retraction, = [n for n in answers.notices["10.1016/s0140-6736(97)11096-0"]
                   if n.kind == "retraction"]
    assert (retraction.journal, retraction.year, retraction.volume, retraction.issue,
            retraction.page) == ("The Lancet", "2010", "375", "9713", "445")


def test_kept_answers_of_another_shape_are_asked_again(bib, net):
    # (cached notices or links whose values are not text: never an internal error later, in a
    # message or a reference list)
    from biblio import paths

    first = check.run(str(bib), select=("sources",), online=True).diagnostics
    kept = [p for p in paths.cache_dir("http").rglob("*.json")
            if json.loads(p.read_text())["url"].startswith("biblio-online:")]
    assert kept
    for p in kept:
        data = json.loads(p.read_text())
        body = json.loads(data["body"])
        if "notices" in body:
            body = {"notices": [{"kind": ["retraction"], "doi": 5, "date": None,
                                 "source": {}}], "resolves": True}
        else:
            body = {key: 5 for key in body}
        data["body"] = json.dumps(body)
        p.write_text(json.dumps(data))
    assert check.run(str(bib), select=("sources",), online=True).diagnostics == first


def test_notices_of_any_json_shape_are_read_without_a_crash():
    """`updated-by`/`update-to` entries whose fields are not what Crossref's schema says
    (`"updated": [None]`, a list for a date part, a superscript digit): read as far as they
    go, never an internal error of `check --online` or `add`."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(),
                       st.text(max_size=4), st.sampled_from(["²", "١٢", "2020"]))
    value = st.recursive(scalar, lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["date-parts", "DOI", "type"]), inner, max_size=2)),
        max_leaves=8)
    update = st.dictionaries(st.sampled_from(["type", "DOI", "label", "source", "updated",
                                              "record-id"]), value, max_size=6)

    @settings(max_examples=300, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(update, max_size=3))
    def run(updates):
        for n in online.notices_of(updates):
            assert isinstance(n.doi, str) and isinstance(n.date, str)

    run()
    (n,) = online.notices_of([{"type": "retraction", "DOI": "10.1/r", "source": "retraction-watch",
                               "updated": {"date-parts": [[2020, "²", 3]]}}])
    assert (n.kind, n.doi, n.date) == ("retraction", "10.1/r", "2020")
