"""Sources that can be trusted, in the workflow (issue 20): `add` warns about a retracted work at
once, `build --check-sources` stops a post that cites one, and the reference list marks a
retracted work as APA 7 does. Crossref is the local stand-in of tests/localserver.py."""
# ruff: noqa: F811  (pytest fixtures imported from localserver are parameters here)

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest
from helpers import ROOT, biblio
from localserver import net, server  # noqa: F401  (pytest fixtures)

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
    # the work record said it all: no filter query to Crossref, only the record itself
    assert [r[1] for r in net.log] == ["/crossref/works/10.5555/retracted-trial"]
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


# -- build --check-sources ----------------------------------------------------------------------

BIB = """\
@article{trial,
  author = {Example, Ana},
  title = {Dry needling of the upper trapezius: A randomised controlled trial},
  journal = {Journal of Examples},
  year = {2019},
  volume = {3},
  pages = {1--9},
  doi = {10.5555/retracted-trial},
}

@article{cagnie2013physiologic,
  author = {Cagnie, Barbara and Dewitte, Vincent},
  title = {Physiologic effects of dry needling},
  journal = {Current Pain and Headache Reports},
  year = {2013},
  volume = {17},
  number = {8},
  eid = {348},
  doi = {10.1007/s11916-013-0348-5},
}

@article{wakefield1998,
  author = {Wakefield, A. J. and Murch, S. H. and Anthony, A.},
  title = {Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children},
  journal = {The Lancet},
  year = {1998},
  volume = {351},
  number = {9103},
  pages = {637--641},
  doi = {10.1016/S0140-6736(97)11096-0},
}

@article{lancet2010retraction,
  author = {{The Editors of the Lancet}},
  title = {Retraction---Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children},
  journal = {The Lancet},
  year = {2010},
  volume = {375},
  number = {9713},
  pages = {445},
  doi = {10.1016/S0140-6736(10)60175-4},
}
"""


@pytest.fixture
def site(net, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "references.bib").write_text(BIB, encoding="utf-8")
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text("# A\n\nNeedling the trapezius helps\n[@cagnie2013physiologic; "
                                "@trial, p. 4].\n", encoding="utf-8")
    (posts / "b.md").write_text("# B\n\nHow it works [@cagnie2013physiologic].\n",
                                encoding="utf-8")
    (posts / "c.md").write_text("# C\n\nA retracted study [@wakefield1998], and its retraction "
                                "[@lancet2010retraction].\n", encoding="utf-8")
    return tmp_path


def line_of(text, key):
    return next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(f"@article{{{key},"))


def test_build_fails_the_post_that_cites_a_retracted_work_and_writes_nothing(site, net):
    p = biblio(["build", "--check-sources"], cwd=site)
    assert p.returncode == 1, p.stderr
    errors = [ln for ln in p.stderr.splitlines() if "error[" in ln]
    assert errors == [
        (f"posts/a.md:4:26: error[retracted]: 'trial' (references.bib:"
        f"{line_of(BIB, 'trial')}:1) is cited, but the work was retracted: retraction notice "
        "10.5555/retracted-trial-retraction of 2021-06-14 (source: the publisher) — do not "
        "cite it as evidence; if the post discusses it, say it was retracted and cite the "
        "notice too (biblio add 10.5555/retracted-trial-retraction); the reference list then "
        "marks it retracted")]
    assert not (site / "site").exists() or not list((site / "site").glob("*.html"))
    assert "Traceback" not in p.stderr


def test_keep_going_publishes_the_others_and_marks_the_retracted_work_as_apa_does(site):
    p = biblio(["build", "--check-sources", "--keep-going"], cwd=site)
    assert p.returncode == 1, p.stderr
    assert sorted(x.name for x in (site / "site").glob("*.html")) == ["b.html", "c.html"]
    page = (site / "site" / "c.html").read_text(encoding="utf-8")
    # APA 7, the retracted journal article (apastyle.apa.org/style-grammar-guidelines/
    # references/examples/journal-article-references, "Retracted journal article"): the
    # article's reference as usual, then "(Retraction published 2012, *Personality and Social
    # Psychology Bulletin*, 38[10], 1378)" — the notice's year, journal in italics,
    # volume[issue], page. The notice here is the one that page itself cites for the Lancet
    # (The Editors of the Lancet, 2010, The Lancet, 375(9713), 445).
    entry = page.split('id="ref-wakefield1998"')[1].split("</div>")[0]
    assert entry.rstrip().endswith(
        '<a href="https://doi.org/10.1016/S0140-6736(97)11096-0">https://doi.org/10.1016/'
        "S0140-6736(97)11096-0</a> (Retraction published 2010, <i>The Lancet</i>, "
        "375[9713], 445)")
    notice = page.split('id="ref-lancet2010retraction"')[1].split("</div>")[0]
    assert "The Lancet</i>, <i>375</i>(9713), 445." in notice
    assert "Retraction published" not in notice
    assert "Retraction published" not in (site / "site" / "b.html").read_text()


def test_the_setting_turns_it_on_and_without_it_nothing_is_asked(site, net):
    p = biblio(["build"], cwd=site)
    assert p.returncode == 0, p.stderr
    assert net.log == []
    assert "Retraction published" not in (site / "site" / "c.html").read_text()
    (site / "pyproject.toml").write_text("[tool.biblio.build]\ncheck-sources = true\n")
    p = biblio(["build"], cwd=site)
    assert p.returncode == 1 and "error[retracted]: 'trial'" in p.stderr
    p = biblio(["build", "--no-check-sources"], cwd=site)
    assert p.returncode == 0, p.stderr


def test_markdown_output_marks_it_too(site):
    (site / "posts" / "a.md").unlink()
    p = biblio(["build", "--check-sources", "--to", "markdown"], cwd=site)
    assert p.returncode == 0, p.stderr
    text = (site / "site" / "c.md").read_text(encoding="utf-8")
    # the brackets made inert, so that the site generator reading it does not see a link
    assert "(Retraction published 2010, <i>The Lancet</i>, 375&#91;9713&#93;, 445)" in text


def test_a_second_build_is_answered_from_the_cache(site, net):
    (site / "posts" / "a.md").unlink()
    assert biblio(["build", "--check-sources"], cwd=site).returncode == 0
    asked = len(net.log)
    assert asked == 2  # one batch: the works records and the notices that update them
    assert biblio(["build", "--check-sources"], cwd=site).returncode == 0
    assert len(net.log) == asked


def test_an_unreachable_crossref_stops_the_build_exit_2_nothing_written(site, monkeypatch):
    monkeypatch.setenv("BIBLIO_CROSSREF_URL", "http://127.0.0.1:9/crossref")
    monkeypatch.setenv("BIBLIO_HTTP_RETRIES", "0")
    p = biblio(["build", "--check-sources"], cwd=site)
    assert p.returncode == 2, p.stderr
    line, = p.stderr.strip().splitlines()
    assert line.startswith("references.bib:") and "error[network]: could not check " in line
    assert "left unchecked" in line and "Traceback" not in p.stderr
    assert not (site / "site").exists()


# -- render --check-sources: one post, the same answer as build -------------------------------------

def own_post(site, bib: str, key: str) -> None:
    """posts/d.md citing `key` from its own bibliography, posts/own.bib holding `bib`."""
    (site / "posts" / "own.bib").write_text(bib, encoding="utf-8")
    (site / "posts" / "d.md").write_text(f"---\nbibliography: own.bib\n---\n\nA study "
                                         f"[@{key}].\n", encoding="utf-8")


def build_and_render(site, post: str):
    """`build --check-sources` of the site and `render --check-sources` of `post`, both
    failing (exit 1)."""
    built = biblio(["build", "--check-sources"], cwd=site)
    rendered = biblio(["render", "--check-sources", post], cwd=site)
    assert built.returncode == rendered.returncode == 1, (built.stderr, rendered.stderr)
    return built, rendered


def test_render_fails_a_post_citing_a_retracted_work_as_build_does(site, net):
    built, p = build_and_render(site, "posts/a.md")
    errors = [ln for ln in p.stderr.splitlines() if "error[" in ln]
    assert errors == [ln for ln in built.stderr.splitlines() if "error[" in ln]
    assert p.stdout == "" and "Traceback" not in p.stderr


def test_render_marks_the_retracted_work_as_the_built_page_does(site):
    (site / "posts" / "a.md").unlink()
    assert biblio(["build", "--check-sources", "--fragment"], cwd=site).returncode == 0
    p = biblio(["render", "--check-sources", "posts/c.md"], cwd=site)
    assert p.returncode == 0, p.stderr
    assert "(Retraction published 2010, <i>The Lancet</i>, 375[9713], 445)" in p.stdout
    built = (site / "site" / "c.html").read_text(encoding="utf-8")
    assert p.stdout.strip() == built.strip()
    # the setting the build reads turns it on for render too; the flag turns it off
    plain = biblio(["render", "posts/c.md"], cwd=site)
    assert "Retraction published" not in plain.stdout
    (site / "pyproject.toml").write_text("[tool.biblio.build]\ncheck-sources = true\n")
    assert "Retraction published" in biblio(["render", "posts/c.md"], cwd=site).stdout
    off = biblio(["render", "--no-check-sources", "posts/c.md"], cwd=site)
    assert "Retraction published" not in off.stdout


def test_a_post_with_its_own_bibliography_is_checked_in_that_bibliography(site):
    # The work is in the post's own .bib only: build and render both ask about it there.
    (site / "posts" / "a.md").unlink()
    own_post(site, BIB.replace("@article{trial,", "@article{owntrial,"), "owntrial")
    built, rendered = build_and_render(site, "posts/d.md")
    error = [ln for ln in built.stderr.splitlines() if "error[" in ln]
    assert error == [ln for ln in rendered.stderr.splitlines() if "error[" in ln]
    assert error[0].startswith("posts/d.md:5:10: error[retracted]: 'owntrial' (")
    assert "own.bib:1:1) is cited, but the work was retracted" in error[0]


def test_a_key_two_bibliographies_give_to_two_retracted_works_fails_both_posts(site):
    # The site's 'trial' and a post's own 'trial' are two works, both retracted: each post is
    # checked against its own work (the first library's fact must not hide the second's).
    wakefield = BIB[BIB.index("@article{wakefield1998,"):BIB.index("@article{lancet2010")]
    own_post(site, wakefield.replace("wakefield1998", "trial"), "trial")
    built, rendered = build_and_render(site, "posts/d.md")
    errors = [ln for ln in built.stderr.splitlines() if "error[retracted]" in ln]
    assert [ln.split(":")[0] for ln in errors] == ["posts/a.md", "posts/d.md"], errors
    assert "own.bib:1:1) is cited, but the work was retracted" in errors[1]
    assert errors[1] == next(ln for ln in rendered.stderr.splitlines() if "error[" in ln)


def test_the_bibliography_page_marks_only_the_sites_own_retracted_works(site):
    # A post's own .bib gives the site's clean 'cagnie2013physiologic' key to a retracted
    # work: the site's page lists the site's work, unmarked.
    wakefield = BIB[BIB.index("@article{wakefield1998,"):BIB.index("@article{lancet2010")]
    (site / "posts" / "own.bib").write_text(
        wakefield.replace("wakefield1998", "cagnie2013physiologic"), encoding="utf-8")
    (site / "posts" / "d.md").write_text("---\nbibliography: own.bib\n---\n\nA study "
                                         "[@cagnie2013physiologic].\n", encoding="utf-8")
    p = biblio(["build", "--check-sources", "--keep-going", "--bibliography",
                "bibliography.html"], cwd=site)
    assert p.returncode == 1, p.stderr
    page = (site / "site" / "bibliography.html").read_text(encoding="utf-8")
    entry = page.split('id="ref-cagnie2013physiologic"')[1].split("</div>")[0]
    assert "Physiologic effects of dry needling" in entry
    assert "Retraction published" not in entry
    assert "Retraction published" in page.split('id="ref-wakefield1998"')[1].split("</div>")[0]


# -- the sample blog, as the README shows it ------------------------------------------------------

# What the clinic adds to its post, before its references, after the README's `add`.
CITING = ("One trial reported less neck pain after needling the upper trapezius muscle "
          "[@example2019dry].\n\n## References\n")


def readme_session() -> list[tuple[list[str], list[str], int]]:
    """The commands of README's "The sample blog, checked": (arguments, lines printed, exit)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### The sample blog, checked\n", 1)[1].split("\n## ", 1)[0]
    out, block = [], None
    for line in section.splitlines():
        if line.startswith("    $ biblio "):
            block = (shlex.split(line[len("    $ biblio "):]), [])
        elif block is not None and line.startswith("    (exit "):
            out.append((block[0], block[1], int(line.strip()[len("(exit "):-1])))
            block = None
        elif block is not None:
            block[1].append(line[4:])
    return out


def test_the_sample_blog_checked_offline_prints_what_the_readme_says(net, tmp_path):
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    shutil.copytree(ROOT / "posts", tmp_path / "posts")
    session = readme_session()
    assert [args[0] for args, _, _ in session] == ["check", "add", "check", "check", "build"]
    for args, expected, code in session:
        p = biblio(args, cwd=tmp_path)
        printed = re.sub(r"\(\d+\.\d\d s\)", "(… s)", p.stdout + p.stderr).splitlines()
        assert (printed, p.returncode) == (expected, code), " ".join(args)
        if args[0] == "add":
            post = tmp_path / "posts" / "dry-needling.md"
            text = post.read_text(encoding="utf-8")
            assert text.count("## References\n") == 1
            post.write_text(text.replace("## References\n", CITING), encoding="utf-8")
    assert not (tmp_path / "site").exists()  # the build wrote nothing
