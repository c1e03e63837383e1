"""`biblio format`: the reference list through the CSL engine."""

import json
import shutil

from helpers import ROOT

BAD = r"""@string{jnl = {Journal of Things}}
@article{good2020,
  author = {Doe, Jane},
  title = {A Good Entry},
  journal = jnl,
  year = {2020},
  volume = {1},
  pages = {1--2},
}
@article{baddate,
  author = {Roe, Richard},
  title = {Bad Date},
  journal = {J},
  date = {sometime in 2019},
}
@article{badpages,
  author = {Poe, Edgar},
  title = {Bad Pages},
  journal = {J},
  year = {2019},
  pages = {twelve to fifteen},
}
@article{badstring,
  author = {Loe, Liz},
  title = {Bad String},
  journal = nosuchmacro,
  year = {2018},
}
@incollection{badcrossref,
  author = {Moe, Max},
  title = {Bad Crossref},
  crossref = {nosuchbook},
  year = {2017},
}
@article{badlatex,
  author = {Zoe, Zed},
  title = {Bad \frobnicate{LaTeX}},
  journal = {J},
  year = {2016},
}
"""


def test_sample_blog_prints_apa(cli, project):
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    shutil.copytree(ROOT / "styles", project / "styles")
    r = cli(["format", "--all", "--to", "text"])
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Cagnie, B., Dewitte, V., Barbe, T., Timmermans, F., Delrue, N., & Meeus, M. " \
           "(2013). Physiologic effects of dry needling. Current Pain and Headache Reports, " \
           "17(8), Article 348." in out
    assert "Kalichman, L., & Vulfsons, S. (2010). Dry needling in the management of " \
           "musculoskeletal pain. Journal of the American Board of Family Medicine, 23(5), " \
           "640–646." in out
    assert "Edwards, D. (2015, November). Dr. Ma’s integrative dry needling for therapists." \
        in out
    assert "American Physical Therapy Association. (2013). Description of dry needling in " \
           "clinical practice: An educational resource paper" in out
    assert "Ries, E. (2015, May). PT in Motion." in out
    # the interview is a personal communication: in the text only, never in the list
    assert "Seguin" not in out
    # an info diagnostic: shown with -v only
    assert "info[" not in r.stderr
    verbose = cli(["format", "--all", "--to", "text", "-v"])
    assert "info[personal-communication]: 'seguin2015interview'" in verbose.stderr


def test_html_wrapper_and_escaping(cli, project):
    (project / "references.bib").write_text(
        '@book{a<b, author = {Doe, J.}, title = {Cats \\& <Dogs>}, year = {2001}, '
        'publisher = {P}, url = {javascript:alert(1)}}\n'
        '@book{ok, author = {Roe, R.}, title = {Fine}, year = {2002}, publisher = {P}, '
        'doi = {10.1000/x<y>}}\n')
    r = cli(["format", "--all", "--style", str(ROOT / "styles" / "apa.csl")])
    assert r.exit_code == 0, r.output
    out = r.stdout
    # The markup of a post's reference list (one writer for both).
    assert out.startswith('<div id="refs" class="references csl-bib-body hanging-indent"')
    assert '<div id="ref-ok" class="csl-entry" role="listitem">' in out
    assert "<dogs>" not in out.lower() and "&#60;dogs&#62;" in out
    assert 'id="ref-a&lt;b"' in out
    assert 'href="javascript' not in out
    assert 'href="https://doi.org/10.1000/x%3Cy%3E"' in out


def test_json_and_markdown(cli, project):
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    r = cli(["format", "kalichman2010dryneedling", "cagnie2013physiologic", "--to", "json",
             "--style", str(ROOT / "styles" / "apa.csl")])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [d["key"] for d in data] == ["cagnie2013physiologic", "kalichman2010dryneedling"]
    assert "<i>Current Pain and Headache Reports</i>" in data[0]["html"]
    assert data[0]["text"].startswith("Cagnie, B.")
    r = cli(["format", "kalichman2010dryneedling", "--to", "markdown",
             "--style", str(ROOT / "styles" / "apa.csl")])
    assert "*Journal of the American Board of Family Medicine*" in r.stdout


def test_bad_input_warns_per_entry_and_field_and_still_prints(cli, project):
    (project / "references.bib").write_text(BAD)
    r = cli(["format", "--all", "--to", "text", "--style", str(ROOT / "styles" / "apa.csl")])
    err = r.stderr
    assert "warning[csl-mapping]: 'baddate', field 'date': date 'sometime in 2019'" in err
    assert "warning[csl-mapping]: 'badpages', field 'pages'" in err
    assert "warning[csl-mapping]: 'badstring', field 'journal': @string 'nosuchmacro'" in err
    assert "warning[csl-mapping]: 'badcrossref', field 'crossref': no entry 'nosuchbook'" in err
    assert "warning[csl-mapping]: 'badlatex', field 'title': LaTeX not understood" in err
    assert "references.bib:14:3:" in err  # the date field's own line and column
    for who in ("Doe, J.", "Roe, R.", "Poe, E.", "Loe, L.", "Moe, M.", "Zoe, Z."):
        assert who in r.stdout
    assert "Journal of Things" in r.stdout


def test_unknown_style_and_locale_list_close_matches(run_biblio, project):
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    r = run_biblio(["format", "--all", "--style", "chicago-autor-date"], cwd=project)
    assert r.returncode == 2
    assert "error[unknown-style]: no style 'chicago-autor-date'" in r.stderr
    assert "'chicago-author-date'" in r.stderr
    r = run_biblio(["format", "--all", "--locale", "en-GX"], cwd=project)
    assert r.returncode == 2
    assert "error[unknown-locale]" in r.stderr and "en-GB" in r.stderr


def test_style_by_id_and_locale(cli, project):
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    r = cli(["format", "cagnie2013physiologic", "--style", "harvard-cite-them-right",
             "--locale", "en-GB", "--to", "text"])
    assert r.exit_code == 0, r.output
    assert "Cagnie" in r.stdout


def test_usage_errors(run_biblio, project):
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    r = run_biblio(["format"], cwd=project)
    assert r.returncode == 2 and "give one or more keys, or --all" in r.stderr
    # an unknown key is exit 1, as in every command that names an entry (biblio.bib.keys)
    r = run_biblio(["format", "cagnie2013"], cwd=project)
    assert r.returncode == 1 and "did you mean 'cagnie2013physiologic'" in r.stderr


def test_non_english_style_keeps_title_case(cli, project):
    (project / "references.bib").write_text(
        "@book{b, author = {Doe, Jane}, title = {The Art of War}, year = {2001}, "
        "publisher = {P}}\n")
    r = cli(["format", "b", "--style", "din-1505-2", "--to", "text"])
    assert r.exit_code == 0, r.output
    assert "The Art of War" in r.stdout
    r = cli(["format", "b", "--style", "din-1505-2", "--locale", "en-US", "--to", "text"])
    assert "The art of war" in r.stdout
