"""Sources that can be trusted, in the workflow (issue 20): `add` warns about a retracted work at
once, `build --check-sources` stops a post that cites one, and the reference list marks a
retracted work as APA 7 does. Crossref is the local stand-in of tests/localserver.py."""
# ruff: noqa: F811  (pytest fixtures imported from localserver are parameters here)

from __future__ import annotations

import json

import pytest
from localserver import net, server  # noqa: F401  (pytest fixtures)
from test_add import biblio

from biblio.commands import add as add_cmd

WAKEFIELD = "10.1016/S0140-6736(97)11096-0"


@pytest.fixture
def here(net, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "references.bib").write_text("% sources\n", encoding="utf-8")
    return tmp_path


def warnings_of(result, rule):
    return [d for d in result.warnings if d.rule == rule]


# -- add ----------------------------------------------------------------------------------------

def test_add_by_doi_warns_from_the_records_updated_by_without_asking_again(here, net):
    result = add_cmd.run(("10.5555/retracted-trial",))
    d, = warnings_of(result, "retracted")
    o, = result.outcomes
    assert (d.path, d.line, d.severity) == ("references.bib", o.line, "warning")
    assert d.message == ("'example2019dry' (10.5555/retracted-trial): the work was retracted: "
                         "retraction notice 10.5555/retracted-trial-retraction of 2021-06-14 "
                         "(source: the publisher)")
    assert d.fix.startswith("do not cite it as evidence")
    # the erratum is check --online's business, not a warning at add
    assert [w.rule for w in result.warnings if w.rule in ("corrected",)] == []
    # the work record said it all: no filter query to Crossref
    assert net.requests("/crossref/works?") == [] and not [
        r for r in net.log if r[1] == "/crossref/works"]
    assert "example2019dry" in (here / "references.bib").read_text()  # added all the same


def test_a_real_retraction_watch_record_warns(here):
    result = add_cmd.run((WAKEFIELD,))
    d, = warnings_of(result, "retracted")
    assert "retraction notice 10.1016/s0140-6736(10)60175-4 of 2010-02-06 (source: Retraction " \
           "Watch)" in d.message


def test_a_bibtex_import_with_a_doi_is_asked_about(here, net):
    src = here / "in.bib"
    src.write_text("@article{w, title = {Withdrawn}, author = {Doe, J.}, year = 2020,\n"
                   "  journal = {J}, doi = {10.5555/withdrawn-preprint}}\n"
                   "@article{c, title = {Concern}, author = {Roe, R.}, year = 2020,\n"
                   "  journal = {J}, doi = {https://doi.org/10.5555/concern-study}}\n"
                   "@article{n, title = {No DOI}, author = {Poe, P.}, year = 2020, journal = {J}}\n")
    result = add_cmd.run((str(src),))
    assert [(d.rule, d.message.split(":")[0]) for d in result.warnings
            if d.rule in ("retracted", "expression-of-concern")] == [
        ("retracted", "'w' (10.5555/withdrawn-preprint)"),
        ("expression-of-concern", "'c' (10.5555/concern-study)")]
    # one batch for both DOIs, through the online checker (and so into its cache)
    assert len([r for r in net.log if r[1] == "/crossref/works"]) == 2
    asked = len(net.log)
    (here / "references.bib").write_text("% sources\n")
    add_cmd.run((str(src),))
    assert len(net.log) == asked  # the second add is answered from the cache


def test_add_offline_stays_quiet_and_an_unreachable_crossref_is_one_line(here, net, monkeypatch):
    src = here / "in.bib"
    src.write_text("@article{w, title = {Withdrawn}, author = {Doe, J.}, year = 2020,\n"
                   "  journal = {J}, doi = {10.5555/withdrawn-preprint}}\n")
    result = add_cmd.run((str(src),), offline=True)
    assert [d.rule for d in result.warnings if d.rule in ("retracted", "expression-of-concern", "network")] == [] and net.log == []
    (here / "references.bib").write_text("% sources\n")
    monkeypatch.setenv("BIBLIO_CROSSREF_URL", "http://127.0.0.1:9/crossref")  # nothing there
    monkeypatch.setenv("BIBLIO_HTTP_RETRIES", "0")
    p = biblio(["add", src], cwd=here)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "w\n"
    line, = [ln for ln in p.stderr.splitlines() if "network" in ln]
    assert line.startswith("references.bib: warning[network]: could not check whether "
                           "10.5555/withdrawn-preprint was retracted: cannot reach 127.0.0.1:9")
    assert line.endswith("— run 'biblio check --online' later")
    assert "Traceback" not in p.stderr


def test_add_json_carries_the_warning(here):
    p = biblio(["add", "10.5555/withdrawn-preprint", "--format", "json"], cwd=here)
    assert p.returncode == 0, p.stderr
    w, = [w for w in json.loads(p.stdout)["warnings"] if w["rule"] == "retracted"]
    assert w["severity"] == "warning" and "withdrawal notice" in w["message"]
