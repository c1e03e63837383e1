"""`biblio lsp` driven over stdio with real JSON-RPC messages, on the sample blog."""
# ruff: noqa: F811  (pytest fixtures imported from localserver are parameters here)

from __future__ import annotations

import shutil

import pytest
from helpers import ROOT
from localserver import net, server  # noqa: F401  (pytest fixtures)

from tests.lspclient import Client

POST = """---
title: A note
---

Needling works [@kalichman2010dryneedling] and [see @cagnie2013physiologic, p. 3].
"""


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    root = tmp_path_factory.mktemp("blog")
    for name in ("posts", "styles"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    (root / "posts" / "note.md").write_text(POST, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def lsp(blog):
    c = Client(blog)
    c.initialize(blog)
    yield c
    c.close()


def pos(line, character):
    return {"line": line, "character": character}


def test_initialize_announces_what_the_server_does(blog):
    c = Client(blog)
    try:
        caps = c.initialize(blog)["capabilities"]
        assert caps["completionProvider"]["triggerCharacters"] == ["@"]
        assert caps["hoverProvider"] and caps["definitionProvider"]
        assert caps["referencesProvider"]
        assert caps["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
        assert caps["executeCommandProvider"]["commands"] == ["biblio.addDoi"]
    finally:
        c.close()


def test_completion_after_at_ranks_keys_by_author_and_year_and_inserts_the_key(lsp, blog):
    uri = lsp.open(blog / "posts" / "new.md", "As [@kalich")
    res = lsp.request("textDocument/completion",
                      {"textDocument": {"uri": uri}, "position": pos(0, 11)})["result"]
    first = res["items"][0]
    assert first["label"] == "kalichman2010dryneedling"
    assert first["textEdit"] == {"range": {"start": pos(0, 5), "end": pos(0, 11)},
                                 "newText": "kalichman2010dryneedling"}
    assert first["detail"].startswith("Kalichman, L., & Vulfsons, S. (2010). Dry needling")
    # Past the first five, an item is formatted when the editor shows it (resolve).
    lsp.change(uri, "As [@", 2)
    res = lsp.request("textDocument/completion",
                      {"textDocument": {"uri": uri}, "position": pos(0, 5)})["result"]
    assert len(res["items"]) == 6  # every entry of the sample blog
    assert "detail" not in res["items"][5] and all("detail" in i for i in res["items"][:5])
    first = res["items"][0]
    bare = {k: v for k, v in first.items() if k != "detail"}
    assert lsp.request("completionItem/resolve", bare)["result"]["detail"] == first["detail"]
    # A personal communication has no reference-list entry (APA 7 §8.9): nothing to show.
    assert "detail" not in lsp.request("completionItem/resolve", res["items"][5])["result"]
    # By author and year, not the key: the key is typed in full by the edit.
    lsp.change(uri, "As @cagnie2013", 3)
    res = lsp.request("textDocument/completion",
                      {"textDocument": {"uri": uri}, "position": pos(0, 14)})["result"]
    assert res["items"][0]["label"] == "cagnie2013physiologic"


def test_no_completion_inside_an_email_address(lsp, blog):
    uri = lsp.open(blog / "posts" / "mail.md", "write to me@kal")
    res = lsp.request("textDocument/completion",
                      {"textDocument": {"uri": uri}, "position": pos(0, 15)})["result"]
    assert res["items"] == []


def test_hover_shows_the_formatted_reference(lsp, blog):
    uri = lsp.open(blog / "posts" / "note.md")
    res = lsp.request("textDocument/hover",
                      {"textDocument": {"uri": uri}, "position": pos(4, 20)})["result"]
    assert res["contents"]["kind"] == "markdown"
    # Markdown from biblio's Markdown writer, made inert: the editor shows "&".
    assert res["contents"]["value"].startswith("Kalichman, L., &amp; Vulfsons, S. (2010). Dry "
                                               "needling in the management")
    assert "*Journal of the American Board of Family Medicine*" in res["contents"]["value"]
    assert lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                              "position": pos(4, 2)})["result"] is None


def test_definition_is_the_entry_in_references_bib(lsp, blog):
    uri = lsp.open(blog / "posts" / "note.md")
    res = lsp.request("textDocument/definition",
                      {"textDocument": {"uri": uri}, "position": pos(4, 60)})["result"]
    bib = (blog / "references.bib").read_text(encoding="utf-8").split("\n")
    assert res["uri"] == (blog / "references.bib").resolve().as_uri()
    assert bib[res["range"]["start"]["line"]].startswith("@article{cagnie2013physiologic,")


def test_references_are_what_cited_by_says(lsp, blog, monkeypatch):
    from biblio.commands.cited_by import run

    uri = lsp.open(blog / "posts" / "note.md")
    res = lsp.request("textDocument/references", {
        "textDocument": {"uri": uri}, "position": pos(4, 20),
        "context": {"includeDeclaration": False}})["result"]
    got = sorted((r["uri"], r["range"]["start"]["line"] + 1, r["range"]["start"]["character"] + 1)
                 for r in res)
    monkeypatch.chdir(blog)
    want = sorted(((blog / p).resolve().as_uri(), line, col)
                  for p, line, col in run("kalichman2010dryneedling"))
    assert got == want and len(want) >= 2


def test_diagnostics_on_open_and_as_the_user_types(lsp, blog):
    path = blog / "posts" / "typing.md"
    uri = lsp.open(path, POST, version=1)
    assert lsp.diagnostics(uri, 1) == []
    lsp.change(uri, POST.replace("kalichman2010dryneedling", "kalichman2010dryneedlin"), 2)
    [d] = lsp.diagnostics(uri, 2)
    assert d["code"] == "unknown-key" and d["severity"] == 1
    assert d["message"] == ("no entry 'kalichman2010dryneedlin' in references.bib "
                            "(did you mean 'kalichman2010dryneedling'?)")
    assert d["range"]["start"] == pos(4, 16)
    lsp.change(uri, "---\nbibliograpy: other.bib\n---\n\nText.\n", 3)
    [d] = lsp.diagnostics(uri, 3)
    assert d["code"] == "front-matter"
    assert d["message"] == ("unknown front-matter key 'bibliograpy' (did you mean "
                            "'bibliography'?) — rename it to 'bibliography'")
    assert d["range"]["start"] == pos(1, 13)
    lsp.change(uri, POST, 4)
    assert lsp.diagnostics(uri, 4) == []


def test_references_bib_gets_the_check_rules(lsp, blog):
    path = blog / "references.bib"
    text = path.read_text(encoding="utf-8")
    uri = lsp.open(path, text, version=1)
    before = lsp.diagnostics(uri, 1)
    broken = text.replace("doi = {", "doi = {not a doi ", 1)
    lsp.change(uri, broken, 2)
    after = lsp.diagnostics(uri, 2)
    assert [d for d in after if d["code"] == "bad-doi"]
    assert len(after) > len(before)


def test_bad_input_never_stops_the_server(lsp, blog):
    uri = lsp.open(blog / "posts" / "note.md")
    assert "error" in lsp.request("biblio/noSuchMethod", {})
    assert lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                              "position": pos(999, 999)})["result"] is None
    assert "error" in lsp.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                         "position": {"line": -1}})
    lsp.send(b"{not json")
    bad = blog / "posts" / "bad.md"
    uri2 = lsp.open(bad, "---\ntitle: [unclosed\n---\n\n[@x]\n")
    [d] = lsp.diagnostics(uri2)
    assert d["code"] == "front-matter" and d["range"]["start"] == pos(1, 7)
    assert d["message"].startswith("the YAML front matter cannot be read")
    # Still answering.
    res = lsp.request("textDocument/hover",
                      {"textDocument": {"uri": uri}, "position": pos(4, 20)})["result"]
    assert res["contents"]["value"].startswith("Kalichman")


def apply_edit(text: str, edit: dict) -> str:
    """One LSP TextEdit applied to a text (0-based lines and code points, as the server says)."""
    lines = text.split("\n")
    r = edit["range"]

    def offset(p):
        return sum(len(x) + 1 for x in lines[:p["line"]]) + p["character"]

    return text[:offset(r["start"])] + edit["newText"] + text[offset(r["end"]):]


def test_code_actions_in_references_bib_are_fmt_fix_and_apply(lsp, blog):
    from biblio import rules
    from biblio.bib import fmt
    from biblio.bib.reader import parse

    path = blog / "references.bib"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("  journal = {Current Pain", "  jounral = {Current Pain", 1).replace(
        "title = {Physiologic effects", "title = {Physiologic DNA effects", 1)
    uri = lsp.open(path, broken, version=1)
    lines = broken.split("\n")
    at = next(n for n, x in enumerate(lines) if x.startswith("  jounral"))
    res = lsp.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": {"start": pos(at, 3), "end": pos(at, 3)},
        "context": {"diagnostics": []}})["result"]
    titles = [a["title"] for a in res]
    assert titles == ["Fix [unknown-field]: renamed field jounral → journal",
                      "Fix [unprotected-word]: title: braced DNA",
                      "Fix all in 'cagnie2013physiologic' (fmt --fix)"]
    assert all(a["kind"] == "quickfix" for a in res)
    [edit] = res[0]["edit"]["changes"][uri]
    one = apply_edit(broken, edit)
    assert one == broken.replace("  jounral = {", "  journal = {", 1)
    # "Fix all" gives the entry `biblio fmt --fix` writes.
    [edit] = res[2]["edit"]["changes"][uri]
    fixed = apply_edit(broken, edit)
    lib = parse(broken, str(path))
    fmt.format_library(lib)
    rules.apply_fixes(lib)
    assert fixed == lib.render()
    lsp.change(uri, fixed, 2)
    codes = {d["code"] for d in lsp.diagnostics(uri, 2)}
    assert not codes & {"unknown-field", "unprotected-word"}
    # Nothing to fix in a sound entry, and nothing outside entries.
    for line in (0, fixed.split("\n").index("@report{apta2013dryneedling,")):
        assert lsp.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": {"start": pos(line, 0), "end": pos(line, 0)},
            "context": {"diagnostics": []}})["result"] == []
    lsp.change(uri, text, 3)


def test_add_this_doi_runs_add_and_reloads(net, tmp_path):
    root = tmp_path / "blog"
    (root / "posts").mkdir(parents=True)
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    post = root / "posts" / "pain.md"
    text = ("---\ntitle: Pain\n---\n\nSee https://doi.org/10.5555/pressure-pain-thresholds.\n"
            "Known: doi:10.1007/s11916-013-0348-5.\n")
    post.write_text(text, encoding="utf-8")
    c = Client(root)
    try:
        c.initialize(root)
        uri = c.open(post, text, 1)
        assert c.diagnostics(uri, 1) == []

        def actions(line, char):
            return c.request("textDocument/codeAction", {
                "textDocument": {"uri": uri},
                "range": {"start": pos(line, char), "end": pos(line, char)},
                "context": {"diagnostics": []}})["result"]

        assert actions(5, 12) == []  # in the library already
        assert actions(4, 2) == []  # not on a DOI
        [a] = actions(4, 30)
        assert a["title"] == "Add 10.5555/pressure-pain-thresholds to references.bib (biblio add)"
        res = c.request("workspace/executeCommand", a["command"])
        key = res["result"]
        bib = (root / "references.bib").read_text(encoding="utf-8")
        assert f"{{{key},".lower() in bib.lower() and "pressure-pain-thresholds" in bib
        assert any("/crossref/works/10.5555/pressure-pain-thresholds" in p
                   for _, p, _, _ in net.log)
        assert actions(4, 30) == []  # reloaded: the library has it now
        again = c.request("workspace/executeCommand", a["command"])  # add refuses a duplicate
        assert "error" in again and "already" in again["error"]["message"]
        assert (root / "references.bib").read_text(encoding="utf-8") == bib
        c.change(uri, text + f"As [@{key}] shows.\n", 2)  # the new key is known at once
        assert c.diagnostics(uri, 2) == []
    finally:
        c.close()


def test_every_feature_on_a_generated_5000_entry_library(tmp_path, monkeypatch):
    """Initialise, completion, hover, definition, references, diagnostics and a code action on
    benchmarks/gen.py's 5,000-entry library and a 20-post site (each wait bounded by the
    client's timeout, only to catch a hang)."""
    from benchmarks.gen import keys_of, write_bib, write_site
    from biblio.commands.cited_by import run as cited_by

    bib = write_bib(tmp_path / "references.bib", 5000)
    write_site(tmp_path, 20, 5, bib)
    text = bib.read_text(encoding="utf-8")
    keys = keys_of(text)
    assert len(keys) == 5000
    bib_lines = text.split("\n")
    c = Client(tmp_path)
    try:
        caps = c.initialize(tmp_path)["capabilities"]
        assert caps["completionProvider"]["triggerCharacters"] == ["@"]
        post = tmp_path / "posts" / "post-0001.md"
        body = post.read_text(encoding="utf-8")
        uri = c.open(post, body, 1)
        assert c.diagnostics(uri, 1) == []  # every key it cites is in the library
        # Completion: a key typed in part is the first answer, with its reference.
        key = keys[4321]
        line = body.count("\n")
        c.change(uri, body + f"[@{key[:-2]}", 2)
        [d] = c.diagnostics(uri, 2)  # a key half typed is not in the library yet
        assert d["code"] == "unknown-key"
        res = c.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": pos(line, 2 + len(key) - 2)})["result"]
        assert res["items"][0]["label"] == key and res["items"][0]["detail"]
        # Diagnostics as the user types: a key with a letter missing, and the likely one.
        c.change(uri, body + f"[@{key[:-1]}]\n", 3)
        [d] = c.diagnostics(uri, 3)
        assert d["code"] == "unknown-key" and f"did you mean '{key}'" in d["message"]
        assert d["range"]["start"] == pos(line, 1)
        c.change(uri, body, 4)
        assert c.diagnostics(uri, 4) == []
        # Hover, definition and references on the post's first citation.
        n, row = next((n, x) for n, x in enumerate(body.split("\n")) if "[@" in x)
        char = row.index("[@") + 3
        cited = row[char - 1:].split("]")[0].split(";")[0].split(",")[0]
        hover = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": pos(n, char)})["result"]
        assert hover["contents"]["kind"] == "markdown" and hover["contents"]["value"]
        where = c.request("textDocument/definition", {"textDocument": {"uri": uri},
                                                       "position": pos(n, char)})["result"]
        assert where["uri"] == bib.resolve().as_uri()
        assert bib_lines[where["range"]["start"]["line"]].endswith("{" + cited + ",")
        refs = c.request("textDocument/references", {
            "textDocument": {"uri": uri}, "position": pos(n, char),
            "context": {"includeDeclaration": False}})["result"]
        monkeypatch.chdir(tmp_path)
        want = sorted(((tmp_path / p).resolve().as_uri(), ln, col)
                      for p, ln, col in cited_by(cited))
        assert sorted((r["uri"], r["range"]["start"]["line"] + 1,
                       r["range"]["start"]["character"] + 1) for r in refs) == want
        assert want
        # The .bib: the check rules as diagnostics, and a fix applied.
        at = next(i for i, x in enumerate(bib_lines) if x.startswith("  journal = "))
        broken_lines = list(bib_lines)
        broken_lines[at] = broken_lines[at].replace("journal", "jounral", 1)
        broken = "\n".join(broken_lines)
        buri = c.open(bib, broken, 1)
        found = c.diagnostics(buri, 1)
        assert any(d["code"] == "unknown-field" and d["range"]["start"]["line"] == at
                   for d in found)
        actions = c.request("textDocument/codeAction", {
            "textDocument": {"uri": buri}, "range": {"start": pos(at, 2), "end": pos(at, 2)},
            "context": {"diagnostics": []}})["result"]
        [fix] = [a for a in actions if a["title"].startswith("Fix [unknown-field]")]
        [edit] = fix["edit"]["changes"][buri]
        fixed = apply_edit(broken, edit)
        assert fixed.split("\n")[at] == bib_lines[at]
        c.change(buri, fixed, 2)
        assert not any(d["code"] == "unknown-field" and d["range"]["start"]["line"] == at
                       for d in c.diagnostics(buri, 2))
    finally:
        c.close()


def test_add_this_doi_warns_of_a_retracted_work(net, tmp_path):
    """The editor's "add this DOI" warns as `biblio add` does (store.standing, one answer):
    the work is added, and a window/showMessage says it was retracted."""
    root = tmp_path / "blog"
    (root / "posts").mkdir(parents=True)
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    post = root / "posts" / "trial.md"
    text = "---\ntitle: Trial\n---\n\nSee https://doi.org/10.5555/retracted-trial.\n"
    post.write_text(text, encoding="utf-8")
    c = Client(root)
    try:
        c.initialize(root)
        uri = c.open(post, text, 1)
        [a] = c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": {"start": pos(4, 30), "end": pos(4, 30)},
            "context": {"diagnostics": []}})["result"]
        key = c.request("workspace/executeCommand", a["command"])["result"]
        assert f"{{{key}," in (root / "references.bib").read_text(encoding="utf-8")
        shown = [n["params"] for n in c.notes if n.get("method") == "window/showMessage"]
        assert len(shown) == 1 and shown[0]["type"] == 2  # Warning
        assert f"warning[retracted]: '{key}' (10.5555/retracted-trial): the work was " \
               "retracted: retraction notice 10.5555/retracted-trial-retraction" \
               in shown[0]["message"]
    finally:
        c.close()


def test_a_workspace_whose_style_cannot_be_used_renders_with_apa(tmp_path):
    # The style is compiled when something renders, not when it is read: the server checks
    # it when it opens the workspace, so a bad one falls back to APA before any answer.
    from biblio.document.profile import profile
    from biblio.lsp.server import Project

    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    (tmp_path / "bad.csl").write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">\n  <info/>\n'
        '  <macro name="a"><text macro="a"/></macro>\n'
        '  <citation><layout><text macro="a"/></layout></citation>\n</style>\n')
    (tmp_path / "biblio.toml").write_text('style = "bad.csl"\n')
    project = Project(tmp_path)
    assert profile(project.index.settings.style).is_apa


def test_edited_settings_apply_without_restarting_the_server(tmp_path):
    for name in ("posts", "styles"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    (tmp_path / "posts" / "note.md").write_text(POST, encoding="utf-8")
    c = Client(tmp_path)
    try:
        c.initialize(tmp_path)
        uri = c.open(tmp_path / "posts" / "note.md")

        def hover() -> str:
            return c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                    "position": pos(4, 20)})["result"][
                "contents"]["value"]

        assert hover().startswith("Kalichman, L., &amp; Vulfsons, S. (2010).")
        settings = tmp_path / "pyproject.toml"
        settings.write_text('[tool.biblio]\nstyle = "chicago-author-date"\n', encoding="utf-8")
        assert hover().startswith("Kalichman, Leonid, and Simon Vulfsons. 2010.")
        # Settings saved half-edited: the last good ones stay, the server answers.
        settings.write_text('[tool.biblio]\nstyle = "chicago', encoding="utf-8")
        assert hover().startswith("Kalichman, Leonid, and Simon Vulfsons. 2010.")
        settings.unlink()
        assert hover().startswith("Kalichman, L., &amp; Vulfsons, S. (2010).")
    finally:
        c.close()
