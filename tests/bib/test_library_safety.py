"""No data loss: killed writers, failing disks and concurrent writers leave a whole file."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from helpers import ROOT

from biblio.bib import library, reader
from biblio.diagnostics import BiblioError


def big_bib(n: int, note: str) -> str:
    entries = [f"@article{{key{i},\n  author = {{Author, Number{i}}},\n  title = {{Title {i} "
               f"{'lorem ipsum ' * 40}}},\n  note = {{{note}}},\n}}\n" for i in range(n)]
    return "% big file\n\n" + "\n".join(entries)


WRITER = textwrap.dedent("""
    import sys
    from biblio.bib import blocks, library, reader
    path = sys.argv[1]
    notes = ["old", "new"]
    i = 0
    print("ready", flush=True)
    while True:
        i += 1
        with library.edit(path) as lib:
            target = notes[i % 2]
            for e in lib.entries:
                e.set("note", target)
        print("saved", flush=True)
""")


def canonical_versions(text: str) -> set[bytes]:
    """The two states the writer alternates between, computed the way it computes them."""
    out = set()
    for note in ("old", "new"):
        lib = reader.parse(text)
        for e in lib.entries:
            e.set("note", note)
        out.add(lib.to_bytes())
    return out


def test_sigkill_at_random_times_leaves_old_or_new_file(tmp_path):
    path = tmp_path / "references.bib"
    text = big_bib(3000, "start")  # several MB, so kills land inside writes
    path.write_text(text)
    allowed = canonical_versions(text) | {text.encode()}
    assert len(path.read_bytes()) > 1_500_000
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], env=env,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        # Let 0-2 saves finish, then kill at a random moment of the next cycles.
        for _ in range(rng.randint(0, 2)):
            assert proc.stdout.readline().strip() == "saved"
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert path.read_bytes() in allowed, "a killed writer left a mixed file"
    # Leftover temp files of killed writers are removed by the next save, under the lock.
    with library.edit(path) as lib:
        lib.entries[0].set("note", "final")
    assert not list(tmp_path.glob(".references.bib.*.tmp"))


# The same save, but the writer stops at each step of the write (every 32 KiB chunk, fsync,
# rename, fsync of the folder) and waits, so the kill lands exactly there.
STEPPED_WRITER = textwrap.dedent("""
    import os, sys
    from biblio.bib import blocks, library, reader
    path = sys.argv[1]
    real_fdopen, real_fsync, real_replace = os.fdopen, os.fsync, os.replace

    def step(name):
        print(name, flush=True)
        sys.stdin.readline()

    class Chunked:
        def __init__(self, f):
            self.f = f
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            self.f.close()
        def write(self, data):
            for i in range(0, len(data), 32768):
                self.f.write(data[i:i + 32768])
                self.f.flush()
                step(f"chunk {i // 32768}")
        def flush(self):
            self.f.flush()
        def fileno(self):
            return self.f.fileno()

    os.fdopen = lambda fd, mode: Chunked(real_fdopen(fd, mode))
    os.fsync = lambda fd: (step("fsync"), real_fsync(fd))
    os.replace = lambda a, b: (step("rename"), real_replace(a, b), step("renamed"))
    with library.edit(path) as lib:
        for e in lib.entries:
            e.set("note", "new")
    print("done", flush=True)
""")


def test_sigkill_at_every_step_of_a_save_leaves_old_or_new_file(tmp_path):
    path = tmp_path / "references.bib"
    text = big_bib(800, "old")
    old = text.encode()
    lib = reader.parse(text)
    for e in lib.entries:
        e.set("note", "new")
    new = lib.to_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    steps_total = None
    kill_at = 0
    outcomes = []
    while steps_total is None or kill_at < steps_total:
        path.write_bytes(old)
        proc = subprocess.Popen([sys.executable, "-c", STEPPED_WRITER, str(path)], env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        seen = 0
        while True:
            line = proc.stdout.readline().strip()
            if line == "done" or not line:
                steps_total = seen
                break
            if seen == kill_at:
                proc.send_signal(signal.SIGKILL)
                break
            seen += 1
            proc.stdin.write("\n")
            proc.stdin.flush()
        proc.wait()
        data = path.read_bytes()
        assert data in (old, new), f"killed at step {kill_at} ({line}): a mixed file"
        outcomes.append((line, data == new))
        kill_at += 1
    steps = [name for name, _ in outcomes if name != "done"]
    assert sum(name.startswith("chunk") for name in steps) >= 10
    assert {"fsync", "rename", "renamed"} <= set(steps)
    # Before the rename the old file is there; from the rename on, the new one.
    renamed_at = steps.index("renamed")
    assert not any(is_new for _, is_new in outcomes[:renamed_at])
    assert all(is_new for _, is_new in outcomes[renamed_at:])
    assert steps[renamed_at + 1:] == ["fsync"]  # the folder's fsync comes last


def test_disk_full_leaves_the_old_file_and_reports(tmp_path, monkeypatch):
    path = tmp_path / "references.bib"
    original = "@misc{a, title = {A}}\n"
    path.write_text(original)
    real_fsync = os.fsync

    def failing_fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    lib = library.load(path)
    lib.get("a").set("title", "B")
    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(BiblioError) as err:
        library.save(lib)
    monkeypatch.setattr(os, "fsync", real_fsync)
    d = err.value.diagnostics[0]
    assert d.rule == "io" and "No space left on device" in d.message
    assert err.value.exit_code == 2
    assert path.read_text() == original
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == [
        "references.bib"]


def test_failed_write_of_the_data_itself_leaves_old_file(tmp_path, monkeypatch):
    path = tmp_path / "references.bib"
    path.write_text("@misc{a, title = {A}}\n")
    lib = library.load(path)
    lib.get("a").set("title", "B")
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            self.f.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    with pytest.raises(BiblioError):
        library.save(lib)
    assert path.read_text() == "@misc{a, title = {A}}\n"


ADDER = textwrap.dedent("""
    import sys
    from biblio.bib import blocks, library, reader
    path, n = sys.argv[1], sys.argv[2]
    with library.edit(path) as lib:
        lib.add(blocks.new_entry("misc", f"entry{n}", {"title": f"Entry {n}"}))
""")


def test_twenty_concurrent_writers_all_land(tmp_path):
    path = tmp_path / "references.bib"
    path.write_text("% shared file\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, str(path), str(n)], env=env)
             for n in range(20)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    lib = library.load(path)
    assert lib.diagnostics == []
    assert sorted(lib.keys()) == sorted(f"entry{n}" for n in range(20))
    assert lib.render().startswith("% shared file\n")


@pytest.mark.parametrize("size", [0, 1848, (1 << 18) - 1, 1 << 18, 3 << 20])
def test_the_digest_is_sha256_whichever_code_computes_it(size, monkeypatch):
    """The conflict check compares digests of the file as read and as found: a small file's
    comes from the interpreter's own SHA-256 while hashlib is not loaded, a big one's from
    hashlib's; the two must agree, or a save would see a conflict that is not there."""
    import hashlib

    from biblio import paths

    data = bytes(random.Random(size).randrange(256) for _ in range(min(size, 4096))) * (
        size // 4096 + 1)
    data = data[:size]
    want = hashlib.sha256(data).hexdigest()
    assert paths.sha256_hex(data) == want  # hashlib loaded
    monkeypatch.delitem(sys.modules, "hashlib")
    assert paths.sha256_hex(data) == want  # small: the interpreter's own
