"""What the quick commands import (issue 16's start-up): each module named here was once paid
for by a command that does not use it. Asked of sys.modules in a real process, not timed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import ROOT, sample_site

# Runs the command as the console script does, then names what it imported (stderr's last line).
_RUN = ("import atexit, sys\n"
        "atexit.register(lambda: print(' '.join(sorted(sys.modules)), file=sys.stderr))\n"
        "from biblio.cli import main\n"
        "main(sys.argv[1:])\n")

# The same, naming instead biblio's dataclasses that the run created with no docstring of their
# own: dataclasses then writes one from inspect.signature, about 0.1 ms a class at start-up.
_UNDOCUMENTED = ("import atexit, dataclasses, sys\n"
                 "made = ['undocumented:']\n"
                 "process = dataclasses._process_class\n"
                 "def watch(cls, *args):\n"
                 "    if not cls.__dict__.get('__doc__') and cls.__module__.startswith('biblio'):\n"
                 "        made.append(cls.__module__ + '.' + cls.__qualname__)\n"
                 "    return process(cls, *args)\n"
                 "dataclasses._process_class = watch\n"
                 "atexit.register(lambda: print(' '.join(made), file=sys.stderr))\n"
                 "from biblio.cli import main\n"
                 "main(sys.argv[1:])\n")

# command -> modules it must not import, and why it need not
NOT_IMPORTED = {
    ("check",): {
        "biblio.tocsl.entry": "the BibTeX → CSL mapping: check asks tocsl's helpers only",
        "biblio.tocsl.converter": "the same",
        "markdown_it": "posts are read only with --posts",
        "yaml": "the same",
        "lxml": "no style is read",
        "filelock": "check writes nothing",
        "json": "only for --format json",
        "tomllib": "the sample has no settings file to read",
        "hashlib": "the .bib's digest is the interpreter's own SHA-256 for a small file",
        "anyascii": "accented Latin letters are folded from biblio.importers.asciilatin",
    },
    ("render", "posts/dry-needling.md"): {
        "filelock": "render writes nothing to the .bib",
        "pyuca": "ASCII text is keyed from the packaged table (biblio.csl.ucaascii)",
        "platformdirs": "the cache folder of the style's tree is found as platformdirs would "
                        "find it, without it (biblio.paths)",
        "hashlib": "a small file's digest (the .bib, pyuca's collator.py) needs no OpenSSL",
        "html.parser": "the post has no raw HTML",
        "xml.etree.ElementTree": "the style's and locales' trees come from the user cache",
        "lxml": "the same: parsed and checked once per install (biblio.csl.xmltree)",
        "gzip": "lxml's",
        "yaml": "the post's front matter, read before, is kept in the user cache",
        "click.testing": "never outside the tests",
    },
}


def imported(args, cwd, home, script=_RUN, **env_vars) -> set[str]:
    # The user cache in `home`, found the usual way (BIBLIO_CACHE_DIR would skip platformdirs),
    # and the bytecode there too: the first run writes it, as an installed biblio has it.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("BIBLIO_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"),
               PYTHONPYCACHEPREFIX=str(home / ".pyc"), **env_vars)
    out = subprocess.run([sys.executable, "-c", script, *args], cwd=cwd, capture_output=True,
                         text=True, env=env, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    return set(out.stderr.strip().splitlines()[-1].split())


def second_run(args, tmp_path, script=_RUN, **env_vars) -> set[str]:
    """What `script` says of the command's second run on the sample (the first fills the user
    cache, as an installed biblio has it)."""
    site = sample_site(tmp_path / "site")
    (tmp_path / "home").mkdir()
    imported(args, site, tmp_path / "home", **env_vars)
    return imported(args, site, tmp_path / "home", script, **env_vars)


@pytest.mark.parametrize("args", list(NOT_IMPORTED), ids=" ".join)
def test_a_quick_command_imports_only_what_it_uses(args, tmp_path):
    modules = second_run(args, tmp_path)
    assert "biblio.commands." + args[0] in modules  # the command did run
    wrong = {name: why for name, why in NOT_IMPORTED[args].items() if name in modules}
    assert not wrong


@pytest.mark.parametrize("args", list(NOT_IMPORTED), ids=" ".join)
def test_a_quick_command_makes_no_dataclass_without_a_docstring(args, tmp_path):
    assert second_run(args, tmp_path, _UNDOCUMENTED) == {"undocumented:"}


# The same, counting the cyclic collector's runs until the command is done.
_COLLECTIONS = ("import atexit, gc, sys\n"
                "runs = []\n"
                "gc.callbacks.append(lambda phase, info: phase == 'start' and runs.append(1))\n"
                "atexit.register(lambda: print('collections:', len(runs), file=sys.stderr))\n"
                "from biblio.cli import main\n"
                "main(sys.argv[1:])\n")


@pytest.mark.parametrize("args", list(NOT_IMPORTED), ids=" ".join)
def test_a_quick_command_does_not_collect_what_its_start_up_made(args, tmp_path):
    # Start-up makes objects that live to the end and little garbage (biblio.cli.main).
    assert second_run(args, tmp_path, _COLLECTIONS) == {"collections:", "0"}


# The same, counting the regular expressions re compiled (biblio.regexcache keeps them).
_COMPILES = ("import atexit, sys\n"
             "from re import _compiler\n"
             "made = []\n"
             "compile = _compiler.compile\n"
             "def counted(p, flags=0):\n"
             "    made.append(p)\n"
             "    return compile(p, flags)\n"
             "_compiler.compile = counted\n"
             "atexit.register(lambda: print('compiled:', len(made), file=sys.stderr))\n"
             "from biblio.cli import main\n"
             "main(sys.argv[1:])\n")


@pytest.mark.parametrize("args", list(NOT_IMPORTED), ids=" ".join)
def test_a_quick_command_compiles_no_regular_expression_again(args, tmp_path):
    # issue 16: some 230 patterns (biblio's, click's, markdown-it's) were ~20 ms of a start.
    # (one hash seed for both runs: markdown-it builds a pattern from a set, in the order of
    # the process's string hashes; it is compiled afresh in each process)
    assert second_run(args, tmp_path, _COMPILES, PYTHONHASHSEED="1") == {"compiled:", "0"}


def test_a_build_with_nothing_to_render_does_not_compile_the_style(tmp_path):
    # issue 16: a no-op build once compiled the style (the engine, ~50 ms) only to check it;
    # the style's text is in the build cache's key, and it is checked when a post renders.
    site = sample_site(tmp_path / "site")
    (tmp_path / "home").mkdir()
    args = ("build", "posts", "-o", "out")
    first = imported(args, site, tmp_path / "home")  # renders every post
    assert "biblio.csl.style" in first
    again = imported(args, site, tmp_path / "home")
    assert "biblio.commands.build" in again
    assert "biblio.csl.style" not in again
