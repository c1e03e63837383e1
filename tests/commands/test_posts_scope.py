"""A posts folder is inside the project: one that is the file system's root, the home folder,
or above the project's folder (`--posts /`, `--posts ..`, `src = "/"`) is refused before
anything is read (exit 2), by every command that walks the posts, instead of walking the
whole file system."""

from __future__ import annotations

import pytest
from helpers import biblio

BIB = "@book{a, title = {T}, author = {Doe, J.}, year = {2020}, publisher = {P}}\n" \
      "@book{c, title = {T}, author = {Doe, J.}, year = {2020}, publisher = {P}}\n"

COMMANDS = [
    ["check", "--posts", "DIR"],
    ["cited-by", "a", "--posts", "DIR"],
    ["rm", "a", "--posts", "DIR"],
    ["rename", "a", "b", "--posts", "DIR"],
    ["merge", "a", "c", "--posts", "DIR"],
    ["build", "DIR", "-o", "site"],
]


@pytest.fixture
def project(tmp_path):
    proj = tmp_path / "home" / "proj"
    (proj / "posts").mkdir(parents=True)
    (proj / "references.bib").write_text(BIB)
    return proj


@pytest.mark.parametrize("where", ["/", "HOME", ".."])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_posts_folder_above_the_project_is_refused(project, args, where):
    home = project.parent
    folder = str(home) if where == "HOME" else where
    before = (project / "references.bib").read_bytes()
    p = biblio([folder if a == "DIR" else a for a in args], cwd=project,
               env={"HOME": str(home), "BIBLIO_CACHE_DIR": str(project / "cache")}, timeout=30)
    assert p.returncode == 2, p.stderr
    assert "error[usage]: the posts folder" in p.stderr, p.stderr
    assert "name the folder that holds the posts" in p.stderr, p.stderr
    assert (project / "references.bib").read_bytes() == before
    assert not (project / "site").exists()


def test_a_configured_src_above_the_project_is_refused(project):
    (project / "biblio.toml").write_text('[build]\nsrc = "/"\n')
    p = biblio(["cited-by", "a"], cwd=project, timeout=30)
    assert p.returncode == 2 and "the posts folder / is the file system's root" in p.stderr


@pytest.mark.parametrize("folder", ["posts", ".", "../proj/posts"])
def test_a_posts_folder_in_the_project_is_walked(project, folder):
    (project / "posts" / "p.md").write_text("---\ntitle: T\n---\n\n[@a]\n")
    p = biblio(["cited-by", "a", "--posts", folder], cwd=project)
    assert p.returncode == 0 and p.stdout.strip().endswith("p.md:5:2"), p.stderr


@pytest.mark.parametrize("out, named", [(".", "."), ("./", "."), ("..", "..")])
def test_build_into_a_folder_holding_the_posts_says_so(project, out, named):
    """`build -o .` said "the output dry-needling.html would be outside ." (a relative path
    compared as text). A site folder that holds the posts folder would have its pages written
    among the posts and read as posts by the next build: refused, saying that."""
    (project / "posts" / "p.md").write_text("---\ntitle: T\n---\n\n[@a]\n")
    p = biblio(["build", "-o", out], cwd=project)
    assert p.returncode == 2, p.stderr
    assert p.stderr.startswith(f"biblio: error[usage]: the output folder {named} holds the "
                               "posts folder (posts)"), p.stderr
    assert "write the site to a folder of its own (-o site)" in p.stderr
    assert not (project / "p.html").exists()


def test_build_into_the_working_folder_from_posts_elsewhere(project, tmp_path):
    """The output folder `.` is a folder like any other when the posts are not in it."""
    (project / "posts" / "p.md").write_text("---\ntitle: T\n---\n\n[@a]\n")
    (project / "out").mkdir()
    p = biblio(["build", str(project / "posts"), "-o", ".", "--bib",
                str(project / "references.bib")], cwd=project / "out",
               env={"BIBLIO_CACHE_DIR": str(tmp_path / "cache")})
    assert p.returncode == 0, p.stderr
    assert (project / "out" / "p.html").exists()
