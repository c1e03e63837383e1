"""The properties every case must keep, per input kind. A broken property raises `Failure`.

- no command exits 3, prints "internal error" or a traceback, or raises (the CLI runs
  in-process through click's CliRunner; library calls may raise only BiblioError);
- a .bib that decodes loads without raising, and `save(load(x)) == x` byte for byte;
- `fmt` is idempotent and never changes a value's characters as bibtexparser reads them;
- no output holds a script, an event attribute or a link that is not http(s) or an anchor of
  the page, in HTML or in Markdown after markdown-it-py and Python-Markdown render it;
- a case finishes in bounded time (`Hang` when it does not, caught by a signal alarm).
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from pathlib import Path

from click.testing import CliRunner

from . import audit

ROOT = Path(__file__).resolve().parent.parent.parent
APA = ROOT / "styles" / "apa.csl"
HOSTILE_BIB = ROOT / "tests" / "data" / "hostile.bib"
SAMPLE_BIB = ROOT / "references.bib"
EXIT_OK = {0, 1, 2}
try:
    PASSWD_LINE = Path("/etc/passwd").read_text().splitlines()[0]
except (OSError, IndexError):
    PASSWD_LINE = "root:x:0:0"


DEBUG = False  # the long run sets it: BIBLIO_DEBUG=1 keeps tracebacks, to say where it broke


class Failure(AssertionError):
    """A property that does not hold; `prop` names it."""

    def __init__(self, prop: str, detail: str):
        self.prop = prop
        super().__init__(f"[{prop}] {detail}")


class Hang(BaseException):
    """A case ran past its time limit (BaseException: no `except Exception` swallows it)."""


@contextlib.contextmanager
def time_limit(seconds: float):
    def expire(signum, frame):
        raise Hang(f"no result after {seconds:g} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextlib.contextmanager
def workspace():
    """A fresh project folder as the working directory, with no network and no cache."""
    old_cwd = os.getcwd()
    saved = {k: os.environ.get(k) for k in ("BIBLIO_NO_CACHE", "BIBLIO_CROSSREF_URL",
                                            "BIBLIO_ARXIV_URL", "BIBLIO_DEBUG")}
    with tempfile.TemporaryDirectory(prefix="biblio-fuzz-") as tmp:
        os.environ.update(BIBLIO_NO_CACHE="1", BIBLIO_CROSSREF_URL="http://127.0.0.1:9",
                          BIBLIO_ARXIV_URL="http://127.0.0.1:9")
        if DEBUG:
            os.environ["BIBLIO_DEBUG"] = "1"
        else:
            os.environ.pop("BIBLIO_DEBUG", None)
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(old_cwd)
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def cli(*args: str, input: str | None = None):
    """Run one biblio command in-process; fail on exit 3, an internal error or a traceback."""
    from biblio.cli import group

    r = CliRunner().invoke(group, [str(a) for a in args], input=input, catch_exceptions=True)
    out, err = r.stdout, r.stderr
    shown = f"biblio {' '.join(map(str, args))}"
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise Failure("no-crash", f"{shown} raised {type(r.exception).__name__}: "
                                  f"{r.exception}") from r.exception
    if r.exit_code not in EXIT_OK:
        raise Failure("no-crash", f"{shown} exited {r.exit_code}: {err[-600:]}")
    for stream in (out, err):
        if "internal error" in stream or "Traceback (most recent call last)" in stream:
            raise Failure("no-crash", f"{shown}: {stream[-600:]}")
    if PASSWD_LINE in out or PASSWD_LINE in err:
        raise Failure("no-local-file", f"{shown} printed a line of /etc/passwd")
    return r


def inert(text: str, kind: str, where: str) -> None:
    found = audit.problems(text, kind)
    if found:
        raise Failure("inert-output", f"{where}: {'; '.join(found[:5])}")


def api(fn, *args, **kwargs):
    """Call a library function: it may raise BiblioError, nothing else."""
    from biblio.diagnostics import BiblioError

    try:
        return fn(*args, **kwargs)
    except BiblioError:
        return None
    except (Hang, Failure):
        raise
    except Exception as e:
        raise Failure("no-crash", f"{getattr(fn, '__name__', fn)} raised "
                                  f"{type(e).__name__}: {e}") from e


# -- .bib ----------------------------------------------------------------------------------

def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _top_level_parts(value: str) -> list[str]:
    parts, depth, quoted, start = [], 0, False, 0
    for i, c in enumerate(value):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"' and depth == 0:
            quoted = not quoted
        elif c == "#" and depth == 0 and not quoted:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    return parts


def _plain(value: str) -> str:
    """A value as bibtexparser gives it, without its delimiters and the spacing around '#'."""
    out = []
    for part in _top_level_parts(value):
        part = part.strip()
        if len(part) >= 2 and part[0] + part[-1] in ("{}", '""'):
            part = part[1:-1]
        out.append(part)
    return "#".join(out)


def bibtexparser_view(text: str) -> list:
    import bibtexparser

    lib = bibtexparser.parse_string(text)
    return [(e.entry_type.lower(), e.key,
             sorted((f.key.lower(), _plain(str(f.value))) for f in e.fields))
            for e in lib.entries]


def _fmt_text(text: str) -> str:
    from biblio.bib import fmt, library

    lib = library.parse(text, "references.bib")
    fmt.format_library(lib)
    return lib.render()


def fmt_properties(text: str) -> None:
    from biblio.bib import fmt, library

    lib = api(library.parse, text, "references.bib")
    if lib is None:
        raise Failure("load", "library.parse raised BiblioError on decoded text")
    if api(fmt.syntax_errors, lib):
        return  # fmt refuses such a file (the CLI run checks that it says so cleanly)
    once = api(_fmt_text, text)
    if once is None:
        return
    twice = api(_fmt_text, once)
    if twice != once:
        raise Failure("fmt-idempotent", "fmt(fmt(x)) != fmt(x)")
    before, after = bibtexparser_view(text), bibtexparser_view(once)
    if before != after:
        changed = [(a, b) for a, b in zip(before, after) if a != b][:1] or (before, after)
        raise Failure("fmt-keeps-values", f"bibtexparser reads other values after fmt: "
                                          f"{changed!r}"[:800])


def check_bib(data: bytes, *, render: bool = True) -> None:
    from biblio.bib import library
    from biblio.diagnostics import BiblioError

    with workspace() as ws:
        path = ws / "references.bib"
        path.write_bytes(data)
        try:
            lib = library.load(path)
        except BiblioError as e:
            if _decodes(data):
                raise Failure("load", f"load raised on UTF-8 input: {e}") from None
            lib = None
        except (Hang, Failure):
            raise
        except Exception as e:
            raise Failure("load", f"load raised {type(e).__name__}: {e}") from e
        if lib is not None:
            if lib.to_bytes() != data:
                raise Failure("round-trip", "to_bytes(load(x)) != x")
            api(library.save, lib)
            if path.read_bytes() != data:
                raise Failure("round-trip", "save(load(x)) changed the file")
            fmt_properties(lib.render())
        for args in (["check"], ["fmt", "--check"], ["list"], ["search", "a"],
                     ["export", "--to", "csl-json"], ["export", "--to", "ris"],
                     ["export", "--to", "biblatex"]):
            cli(*args)
        keys = [e.key for e in lib.entries] if lib is not None else []
        if keys:
            cli("show", keys[0])
            cli("cited-by", keys[0])
        for to in ("html", "markdown", "text", "json"):
            r = cli("format", "--all", "--to", to)
            if r.exit_code in (0, 1) and r.stdout.strip():
                inert(r.stdout, to, f"format --all --to {to}")
        if lib is not None and render:
            _render_all(lib)
        r = cli("fmt")
        if r.exit_code == 0:
            r2 = cli("fmt", "--check")
            if r2.exit_code != 0:
                raise Failure("fmt-idempotent", f"fmt --check after fmt exited {r2.exit_code}")


def _render_all(lib, style: str | None = None) -> None:
    """Every entry through a post (checks let through: escaping must hold even so)."""
    import biblio
    from biblio.rules import Selection

    post = "---\nnocite: \"@*\"\n---\n" + " ".join(f"[@{e.key}]" for e in lib.entries[:8]
                                                   if e.key and "}" not in e.key)
    for to in ("html", "markdown"):
        r = api(biblio.render_post, post, lib, to=to, style=style, allow_missing=True,
                checks=Selection(set()))
        if r is not None:
            inert(r.text, to, f"render_post --to {to}")


# -- posts ---------------------------------------------------------------------------------

def check_post(case: dict) -> None:
    import biblio
    from biblio.rules import Selection

    with workspace() as ws:
        for name in ("references.bib", "refs.bib"):
            (ws / name).write_text(case["bib"], encoding="utf-8")
        (ws / "style.csl").write_bytes(APA.read_bytes())
        (ws / "posts").mkdir()
        name = "p.html" if case.get("html") else "p.md"
        post = ws / "posts" / name
        post.write_text(case["post"], encoding="utf-8")
        for to in ("html", "markdown"):
            for extra in ([], ["--allow-missing"]):
                r = cli("render", post, "--to", to, *extra)
                if r.exit_code == 0:
                    inert(r.stdout, to, f"render --to {to}")
            r = api(biblio.render_post, case["post"], ws / "references.bib", to=to,
                    path=str(post), html=bool(case.get("html")), allow_missing=True,
                    root=ws, checks=Selection(set()))
            if r is not None:
                inert(r.text, to, f"render_post --to {to}")
        cli("check", "--posts", "posts")
        cli("cited-by", "a")
        r = cli("build", "posts", "--out", "site", "-j", "1", "--keep-going")
        for page in sorted((ws / "site").rglob("*.html")) if (ws / "site").exists() else []:
            inert(page.read_text(encoding="utf-8"), "html", f"build: {page.name}")


def check_post_data(data: bytes) -> None:
    """A mutated post (bytes) against the sample .bib."""
    with workspace() as ws:
        (ws / "references.bib").write_bytes(SAMPLE_BIB.read_bytes())
        (ws / "posts").mkdir()
        post = ws / "posts" / "p.md"
        post.write_bytes(data)
        for to in ("html", "markdown"):
            cli("render", post, "--to", to, "--allow-missing")
        cli("check", "--posts", "posts")
        cli("build", "posts", "--out", "site", "-j", "1", "--keep-going")


# -- imports -------------------------------------------------------------------------------

def _check_imported(ws: Path) -> None:
    bib = ws / "references.bib"
    if bib.exists():
        check_bib(bib.read_bytes())


def check_import(text: str | bytes, flag: str, suffix: str) -> None:
    with workspace() as ws:
        src = ws / f"in{suffix}"
        if isinstance(text, str):
            src.write_text(text, encoding="utf-8", newline="")
        else:
            src.write_bytes(text)
        cli("add", "--offline", flag, src)
        data = (ws / "references.bib").read_bytes() if (ws / "references.bib").exists() else None
        cli("import", src, "--bib", "imported.bib")
    if data is not None:
        check_bib(data)


def check_csl_json(text: str) -> None:
    check_import(text, "--csl-json", ".json")


def check_ris(text: str) -> None:
    check_import(text, "--ris", ".ris")


def check_reference_text(text: str) -> None:
    with workspace() as ws:
        cli("add", "--offline", "--text", text)
        bib = ws / "references.bib"
        data = bib.read_bytes() if bib.exists() else None
    if data is not None:
        check_bib(data, render=False)


# -- styles --------------------------------------------------------------------------------

def check_style(xml: str | bytes) -> None:
    import biblio
    from biblio.bib import library
    from biblio.rules import Selection

    with workspace() as ws:
        style = ws / "style.csl"
        if isinstance(xml, str):
            style.write_text(xml, encoding="utf-8")
        else:
            style.write_bytes(xml)
        (ws / "references.bib").write_bytes(SAMPLE_BIB.read_bytes() + b"\n"
                                            + HOSTILE_BIB.read_bytes())
        for to in ("html", "markdown", "text"):
            r = cli("format", "--all", "--style", style, "--to", to)
            if r.exit_code in (0, 1) and r.stdout.strip():
                inert(r.stdout, to, f"format --style --to {to}")
        (ws / "posts").mkdir()
        post = ws / "posts" / "p.md"
        post.write_text("---\ncsl: ../style.csl\n---\n[@script; @jsurl] and "
                        "@kalichman2010dryneedling [p. 3].\n", encoding="utf-8")
        for to in ("html", "markdown"):
            cli("render", post, "--to", to, "--allow-missing")
        lib = library.load(ws / "references.bib")
        _render_all(lib, style=str(style))
        del biblio, Selection


# -- the kinds -----------------------------------------------------------------------------

def _size(case) -> int:
    if isinstance(case, dict):
        return sum(len(str(v).encode("utf-8", "surrogatepass")) for v in case.values())
    if isinstance(case, str):
        return len(case.encode("utf-8", "surrogatepass"))
    return len(case)


def kinds(bounded: bool) -> dict:
    """kind name → (strategy, check)."""
    from . import mutate
    from . import strategies as s

    def as_bytes(text: str) -> bytes:
        return text.encode("utf-8", "surrogatepass")

    return {
        "bibtex": (s.bibtex(bounded).map(as_bytes), check_bib),
        "front matter": (s.post(bounded).filter(lambda c: c["post"].startswith("---")),
                         check_post),
        "markdown post": (s.post(bounded), check_post),
        "csl-json": (s.csl_json(bounded), check_csl_json),
        "ris": (s.ris(bounded), check_ris),
        "csl style": (s.csl_style(bounded), check_style),
        "pasted reference": (s.reference_text(bounded), check_reference_text),
        "mutated .bib": (mutate.mutant("bib", bounded), check_bib),
        "mutated post": (mutate.mutant("post", bounded), check_post_data),
        # Bounded: mutants that are still CSL styles. A file that is not one crashes the
        # engine until the style loader refuses it (issue 18 class 6, being fixed in
        # csl/style.py by another change); the long run keeps every mutant.
        "mutated style": (mutate.mutant("style", bounded).filter(mutate.is_csl_style)
                          if bounded else mutate.mutant("style", bounded), check_style),
    }


size_of = _size
