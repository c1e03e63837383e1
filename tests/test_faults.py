"""Fault tests: kills, full disks, permissions, racing editors, corrupted caches, orphans.

Every save must leave the .bib exactly as it was or exactly as intended, and say why when it
refuses; a build must leave a site that the next build makes right. CI runs as root, so the
permission cases are decided on the permission bits and owner, not on the OS refusing.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

OLD = ("% my references\n\n"
       "@article{doe2000,\n  author = {Doe, Jane},\n  title={A title},\n"
       "  journal = {J},\n  year = 2000}\n\n"
       "@book{roe2001,\n  author = {Roe, Richard},\n  title = {A book},\n"
       "  publisher = {P},\n  year = {2001},\n}\n")
NEW_ENTRY = "@book{poe1845,\n  author = {Poe, Edgar},\n  title = {Tales},\n  year = {1845},\n}\n"

# Every command that saves the .bib, as arguments after `--bib PATH`.
SAVES = {
    "fmt": ["fmt"],
    "add": ["add", "--offline", "--bibtex", "{new}"],
    "rm": ["rm", "roe2001"],
}


@pytest.fixture
def lib(project):
    bib = project / "references.bib"
    bib.write_text(OLD)
    (project / "new.bib").write_text(NEW_ENTRY)
    return bib


def args(cmd: str, bib: Path) -> list[str]:
    return [a.replace("{new}", str(bib.parent / "new.bib")) for a in SAVES[cmd]] + \
        ["--bib", str(bib)]


def temps(folder: Path) -> list[Path]:
    return list(folder.glob(".*.tmp"))


# -- an editor saving while biblio writes ------------------------------------------------------

@pytest.mark.parametrize("cmd", sorted(SAVES))
def test_an_editor_save_while_biblio_writes_is_never_overwritten(cmd, lib, cli, monkeypatch):
    """The save lands after biblio's first check, while the temp file is being written."""
    real_fsync, fired = os.fsync, []

    def editor_saves_now(fd):
        if not fired:
            fired.append(1)
            with open(lib, "ab") as f:
                f.write(b"\n% saved by an editor\n")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", editor_saves_now)
    result = cli(args(cmd, lib))
    assert fired, "the write never reached the window"
    after = lib.read_text()
    assert "% saved by an editor" in after
    if cmd == "add":  # add reads the file again under its lock and adds to the saved text
        assert result.exit_code == 0 and "@book{poe1845" in after
    else:
        assert result.exit_code == 2
        assert after == OLD + "\n% saved by an editor\n"
        assert "error[conflict]" in result.output and str(lib.name) in result.output
    assert not temps(lib.parent)


# -- permissions: decided on the bits and the owner, so that root obeys them too ---------------

def read_only_file(bib: Path, monkeypatch) -> None:
    bib.chmod(0o444)


def give_away(path: Path, monkeypatch) -> None:
    """Make `path` another user's: really as root (CI); else by biblio's view of who it is."""
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # nobody
    else:
        me = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: me + 1)
        path.parent.chmod(0o777)  # the folder stays writable for the pretended user


def foreign_file(bib: Path, monkeypatch) -> None:
    give_away(bib, monkeypatch)


def read_only_folder(bib: Path, monkeypatch) -> None:
    bib.parent.chmod(0o555)


@pytest.mark.parametrize("cmd", sorted(SAVES))
@pytest.mark.parametrize("fault, says", [(read_only_file, "read-only"),
                                         (foreign_file, "belongs to"),
                                         (read_only_folder, "read-only")])
def test_a_file_or_folder_the_user_may_not_write_is_refused(cmd, fault, says, lib, cli,
                                                           monkeypatch):
    fault(lib, monkeypatch)
    try:
        result = cli(args(cmd, lib))
        assert result.exit_code == 2, result.output
        assert says in result.output and lib.name in result.output
        assert lib.read_text() == OLD
        assert not temps(lib.parent)
    finally:
        lib.parent.chmod(0o755)


def test_a_lock_file_of_another_user_is_a_clean_error(lib, cli, monkeypatch):
    lock = lib.with_name(".references.bib.lock")
    lock.write_text("")
    lock.chmod(0o644)
    give_away(lock, monkeypatch)
    result = cli(args("fmt", lib))
    assert result.exit_code == 2
    assert "lock" in result.output and "not writable by you" in result.output
    assert lib.read_text() == OLD


def test_a_lock_file_the_os_will_not_create_is_a_clean_error(lib, cli, monkeypatch):
    real_open = os.open

    def refuse_locks(path, flags, *a, **kw):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *a, **kw)

    monkeypatch.setattr(os, "open", refuse_locks)
    result = cli(args("rm", lib))
    assert result.exit_code == 2
    assert "cannot take the write lock" in result.output
    assert lib.read_text() == OLD


# -- a full disk ------------------------------------------------------------------------------

@pytest.mark.parametrize("cmd", sorted(SAVES))
def test_a_full_disk_leaves_the_old_file_and_says_so(cmd, lib, cli, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = cli(args(cmd, lib))
    assert result.exit_code == 2
    assert "free some disk space" in result.output
    assert lib.read_text() == OLD
    assert not temps(lib.parent)


# -- builds ------------------------------------------------------------------------------------

BIB = ("@article{doe2000,\n  author = {Doe, Jane},\n  title = {A title},\n  journal = {J},\n"
       "  year = {2000},\n  volume = {1},\n  pages = {1--2},\n}\n")


def site_files(out: Path) -> dict[str, bytes]:
    """The published site: every file but the cache."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".biblio-cache.json"}


def clean_site(project: Path, cli) -> dict[str, bytes]:
    """What a build from nothing makes of the posts as they are now."""
    out = project / "clean"
    assert cli(["build", "posts", "-o", out, "--bib", "references.bib"]).exit_code == 0
    files = site_files(out)

    shutil.rmtree(out)
    return files


class Killed(BaseException):
    """The process dying at this point: nothing after it runs, no handler sees it."""


def test_a_build_killed_at_any_write_is_made_right_by_the_next(project, cli, monkeypatch):
    from biblio.site import build

    posts = project / "posts"
    posts.mkdir()
    (project / "references.bib").write_text(BIB)
    (posts / "a.md").write_text("First version [@doe2000].\n")
    (posts / "b.md").write_text("Stays [@doe2000].\n")
    (posts / "c.md").write_text("Goes away [@doe2000].\n")
    build_cmd = ["build", "posts", "-o", "site", "--bib", "references.bib", "-j", "1"]
    real_write, step = build.write_atomic, {"n": 0, "kill": None}

    def dying_write(path, text):
        if step["n"] == step["kill"]:
            raise Killed
        step["n"] += 1
        real_write(path, text)

    monkeypatch.setattr(build, "write_atomic", dying_write)
    kill_at = 0
    while True:
        for p in posts.iterdir():
            p.unlink()
        shutil.rmtree(project / "site", ignore_errors=True)
        (posts / "a.md").write_text("First version [@doe2000].\n")
        (posts / "b.md").write_text("Stays [@doe2000].\n")
        (posts / "c.md").write_text("Goes away [@doe2000].\n")
        step.update(n=0, kill=None)
        assert cli(build_cmd).exit_code == 0
        # A build that changes a, drops c and adds d, killed at its kill_at-th write ...
        (posts / "a.md").write_text("Second version [@doe2000].\n")
        (posts / "c.md").unlink()
        (posts / "d.md").write_text("New [@doe2000].\n")
        step.update(n=0, kill=kill_at)
        try:
            cli(build_cmd)
            finished = True
        except Killed:
            finished = False
        # ... then the author puts a back as it was and drops d before building again.
        (posts / "a.md").write_text("First version [@doe2000].\n")
        (posts / "d.md").unlink()
        step.update(n=0, kill=None)
        assert cli(build_cmd).exit_code == 0
        assert site_files(project / "site") == clean_site(project, cli), f"killed at {kill_at}"
        if finished:
            break
        kill_at += 1
    assert kill_at >= 4  # the dirty mark, two pages, the cache


BUILD_UNDER_KILL = """
from biblio.cli import main
main(["build", "posts", "-o", "site", "--bib", "references.bib", "-j", "2"])
"""


def test_sigkill_at_random_moments_of_a_parallel_build(project, cli):
    posts = project / "posts"
    posts.mkdir()
    (project / "references.bib").write_text(BIB)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(18)
    for round_ in range(4):
        for i in range(12):
            (posts / f"p{i}.md").write_text(f"Post {i}, version {round_} [@doe2000].\n")
        proc = subprocess.Popen([sys.executable, "-c", BUILD_UNDER_KILL], cwd=project, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(rng.uniform(0.3, 1.5))
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its workers, at a random moment
        proc.wait()
    # Back to an earlier version of some posts, then one ordinary build.
    for i in range(0, 12, 3):
        (posts / f"p{i}.md").write_text(f"Post {i}, version 0 [@doe2000].\n")
    assert cli(["build", "posts", "-o", "site", "--bib", "references.bib"]).exit_code == 0
    assert site_files(project / "site") == clean_site(project, cli)


SLOW_WORKERS = """
import os, sys, time
from biblio.site import build
parent, real = os.getpid(), build._render_one
def slow(task):
    if os.getpid() == parent:  # the build renders its first post itself, before the fork
        return real(task)
    with open(sys.argv[1], "a") as f:
        f.write(f"{os.getpid()}\\n")
    time.sleep(120)
build._render_one = slow
from biblio.cli import main
main(["build", "posts", "-o", "site", "--bib", "references.bib", "-j", "2"])
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def test_workers_die_with_a_killed_build(project):
    posts = project / "posts"
    posts.mkdir()
    (project / "references.bib").write_text(BIB)
    for i in range(8):
        (posts / f"p{i}.md").write_text(f"Post {i} [@doe2000].\n")
    pids = project / "pids"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WORKERS, str(pids)], cwd=project,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while (not pids.exists() or len(set(pids.read_text().split())) < 2) \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = {int(p) for p in pids.read_text().split()}
    assert len(workers) == 2 and proc.pid not in workers
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10  # a bound to catch a hang, not a speed goal
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [w for w in workers if alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, "worker processes outlived their build"


def test_a_damaged_build_cache_is_rebuilt_with_a_warning(project, cli):
    posts = project / "posts"
    posts.mkdir()
    (project / "references.bib").write_text(BIB)
    (posts / "a.md").write_text("A post [@doe2000].\n")
    cmd = ["build", "posts", "-o", "site", "--bib", "references.bib"]
    assert cli(cmd).exit_code == 0
    cache = project / "site" / ".biblio-cache.json"

    good = json.loads(cache.read_text())
    damaged = [
        "{not json",
        "[]",
        json.dumps({"posts": [1, 2], "global": 5}),
        json.dumps({**good, "posts": {"a.md": [1]}}),
        json.dumps({**good, "posts": {"a.md": {**good["posts"]["a.md"], "entries": [3]}}}),
        json.dumps({**good, "posts": {"a.md": {**good["posts"]["a.md"], "out": 7}}}),
        json.dumps({**good, "stale": {"x": 1}}),
    ]
    for text in damaged:
        cache.write_text(text)
        result = cli(cmd)
        assert result.exit_code == 0, (text, result.output)
        assert "warning[build-cache]" in result.output and str(cache.name) in result.output
        assert json.loads(cache.read_text())["posts"]["a.md"]["out"] == "a.html"


def test_two_posts_that_would_write_one_page_are_an_error(project, cli):
    posts = project / "posts"
    posts.mkdir()
    (project / "references.bib").write_text(BIB)
    (posts / "a.md").write_text("Markdown [@doe2000].\n")
    (posts / "a.html").write_text("<p>HTML [@doe2000].</p>\n")
    (posts / "a.markdown").write_text("Also Markdown [@doe2000].\n")
    result = cli(["build", "posts", "-o", "site", "--bib", "references.bib"])
    assert result.exit_code == 1
    assert "error[same-output]" in result.output
    assert "posts/a.html and posts/a.md" in result.output
    assert not (project / "site" / "a.html").exists()


def test_a_full_disk_during_a_build_is_a_clean_error(project, cli, monkeypatch):
    from biblio.bib import atomic as atomic_mod

    posts = project / "posts"
    posts.mkdir()
    (project / "references.bib").write_text(BIB)
    (posts / "a.md").write_text("A post [@doe2000].\n")

    def full(*a, **kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_mod, "write_bytes", full)
    result = cli(["build", "posts", "-o", "site", "--bib", "references.bib"])
    assert result.exit_code == 2
    assert "No space left on device" in result.output


# -- symlinks: followed only while they stay inside their folder -------------------------------

def test_symlinks_out_of_the_posts_or_site_folder_are_refused(project, cli, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.md").write_text("Not a post of this site.\n")
    posts = project / "posts"
    posts.mkdir()
    (project / "references.bib").write_text(BIB)
    (posts / "a.md").write_text("A post [@doe2000].\n")
    cmd = ["build", "posts", "-o", "site", "--bib", "references.bib"]

    (posts / "passwd.md").symlink_to(outside / "secret.md")
    result = cli(cmd)
    assert result.exit_code == 2
    assert "posts/passwd.md is a symbolic link to" in result.output
    assert not (project / "site" / "passwd.html").exists()
    (posts / "passwd.md").unlink()

    (posts / "inside.md").symlink_to("a.md")  # a link that stays inside is a post
    (posts / "sub").mkdir()
    (posts / "sub" / "b.md").write_text("Another [@doe2000].\n")
    (project / "site").mkdir()
    (project / "site" / "sub").symlink_to(outside, target_is_directory=True)
    result = cli(cmd)
    assert result.exit_code == 2
    assert "site/sub is a symbolic link to" in result.output
    assert list(outside.iterdir()) == [outside / "secret.md"]
    (project / "site" / "sub").unlink()
    assert cli(cmd).exit_code == 0
    assert (project / "site" / "inside.html").exists()


# -- control characters from imports -----------------------------------------------------------

CONTROL_CSL_JSON = ('[{"id": "n1", "type": "article-journal", "title": "Bad\\u0000title\\u0007",'
                    ' "author": [{"family": "Doe", "given": "J"}],'
                    ' "issued": {"date-parts": [[2000]]}}]')
CONTROL_RIS = "TY  - JOUR\nAU  - Doe, J\nTI  - Bad\x00title\x1b\nPY  - 2000\nER  - \n"


@pytest.mark.parametrize("flag, name, text", [("--csl-json", "in.json", CONTROL_CSL_JSON),
                                              ("--ris", "in.ris", CONTROL_RIS)])
@pytest.mark.parametrize("cmd", ["add", "import"])
def test_control_characters_from_an_import_never_reach_the_bib(cmd, flag, name, text, project,
                                                                 cli):
    (project / name).write_text(text)
    bib = project / "references.bib"
    bib.write_text("")
    argv = ["add", "--offline", flag, name] if cmd == "add" else ["import", name]
    result = cli(argv + ["--bib", bib])
    assert result.exit_code == 0, result.output
    data = bib.read_bytes()
    assert b"Badtitle" in data
    assert not any(b < 32 and b not in b"\t\n\r" for b in data)
    assert "warning[control-character]" in result.output and name in result.output


# -- fmt keeps a value's bytes, line breaks included -------------------------------------------

@pytest.mark.parametrize("text, value", [
    # an LF file with one CRLF inside a value (the probe's reproducer)
    (b"@article{a,\n  title={A\r\nB},\n  year = 2000\n}\n", b"{A\r\nB}"),
    # a CRLF file with one bare LF inside a value
    (b"@article{a,\r\n  title={A\nB},\r\n  year = 2000\r\n}\r\n", b"{A\nB}"),
])
def test_fmt_keeps_the_line_breaks_inside_a_value(text, value, lib, cli):
    lib.write_bytes(text)
    assert cli(["fmt", "--bib", lib]).exit_code == 0
    once = lib.read_bytes()
    assert once != text  # the entry itself was reformatted ...
    assert b"title = " + value + b"," in once  # ... but not the value
    assert cli(["fmt", "--bib", lib]).exit_code == 0
    assert lib.read_bytes() == once


# -- SIGKILL of fmt, add and rm at aimed and random moments ------------------------------------

# Pauses the save at one step (after the temp file's fsync, before or after the rename) so
# that the kill lands exactly there; prints the step's name when it is reached.
PAUSED = """
import os, sys, time
from biblio.cli import main
where = sys.argv[1]
real_fsync, real_replace = os.fsync, os.replace
def pause(name):
    if name == where:
        print(name, flush=True)
        time.sleep(60)
def fsync(fd):
    real_fsync(fd)
    pause("fsynced")
def replace(a, b):
    pause("rename")
    real_replace(a, b)
    pause("renamed")
os.fsync, os.replace = fsync, replace
main(sys.argv[2:])
"""


def messy_bib(n: int) -> str:
    """A library every entry of which fmt rewrites (quoted values, bare numbers, odd spacing)."""
    return "% kept\n\n" + "\n".join(
        f'@article{{key{i},\n author="Author, Number{i}",\n title = "Title {i} '
        f'{"lorem ipsum " * 20}",\n journal={{J}}, year={2000 + i % 20}}}\n' for i in range(n))


@pytest.mark.parametrize("cmd", sorted(SAVES))
def test_sigkill_at_aimed_and_random_moments_leaves_old_or_new_bytes(cmd, project, cli):
    bib = project / "references.bib"
    (project / "new.bib").write_text(NEW_ENTRY)
    old = messy_bib(600).encode()
    argv = [a.replace("roe2001", "key7") for a in args(cmd, bib)]
    bib.write_bytes(old)
    assert cli(argv).exit_code == 0
    new = bib.read_bytes()
    assert new != old
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(cmd)
    for where in ("fsynced", "rename", "renamed", "random", "random"):
        bib.write_bytes(old)
        proc = subprocess.Popen([sys.executable, "-c", PAUSED, where, *argv], cwd=project,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
        if where == "random":
            time.sleep(rng.uniform(0.2, 0.8))
        else:
            assert proc.stdout.readline().strip() == where
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert bib.read_bytes() in (old, new), f"{cmd} killed at {where} left a mixed file"
        if where == "renamed":
            assert bib.read_bytes() == new
    # The next save after all those kills takes the lock and clears their temp files.
    bib.write_bytes(old)
    assert cli(argv).exit_code == 0
    assert bib.read_bytes() == new
    assert not temps(project)


@pytest.mark.parametrize("command", [["export", "--to", "ris"], ["render", "post.md"]])
def test_an_output_file_that_cannot_be_written_is_exit_2(project, cli, command):
    """`-o` into a read-only file, a read-only folder or a full disk: a located error, exit 2,
    never an internal error (the file, if any, left as it was)."""
    import errno

    (project / "references.bib").write_text(BIB)
    (project / "post.md").write_text("A post [@doe2000].\n")
    out = project / "out.txt"
    out.write_text("old")
    out.chmod(0o444)
    r = cli([*command, "-o", str(out)])
    assert r.exit_code == 2 and "error[io]: not written: the file is read-only" in r.stderr
    assert out.read_text() == "old"
    out.chmod(0o644)
    real = os.replace

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    os.replace = full
    try:
        r = cli([*command, "-o", str(out)])
    finally:
        os.replace = real
    assert r.exit_code == 2 and "No space left on device" in r.stderr and out.read_text() == "old"


@pytest.mark.parametrize("command", [["export", "--to", "ris"], ["render", "post.md"],
                                     ["render", "post.md", "--to", "markdown"]])
@pytest.mark.parametrize("output", ["references.bib", "./sub/../references.bib", "link.bib"])
def test_an_output_over_the_library_itself_is_refused(project, cli, command, output):
    """`-o` naming references.bib (by another spelling, or a link to it): refused, exit 2, the
    library as it was. `render -o references.bib` replaced it with the page."""
    (project / "references.bib").write_text(BIB)
    (project / "sub").mkdir()
    (project / "link.bib").symlink_to("references.bib")
    (project / "post.md").write_text("A post [@doe2000].\n")
    r = cli([*command, "-o", output])
    assert r.exit_code == 2, r.stderr
    assert r.stderr.startswith(f"biblio: error[usage]: {command[0]} would overwrite the "
                               "library itself ("), r.stderr
    assert f"{Path(output)}) — write to another file" in r.stderr
    assert (project / "references.bib").read_text() == BIB
