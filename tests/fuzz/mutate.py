"""Byte mutation of the seed corpus: the files biblio ships and tests with, changed a little."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent.parent


def _files(*globs: str) -> list[Path]:
    return sorted(p for g in globs for p in ROOT.glob(g) if p.is_file())


# kind → seed files; the kind says which property set reads the mutant.
SEEDS = {
    "bib": _files("tests/bib-corpus/*.bib", "tests/data/*.bib", "references.bib"),
    "post": _files("posts/*.md"),
    "style": _files("styles/*.csl"),
}
_cache: dict[Path, bytes] = {}


def seed_bytes(path: Path) -> bytes:
    if path not in _cache:
        _cache[path] = path.read_bytes()
    return _cache[path]


# Tokens worth splicing in: BibTeX and Markdown syntax, line ends, hostile pieces.
TOKENS = [b"{", b"}", b"@", b",", b"=", b'"', b"#", b"%", b"\\", b"(", b")", b"\n", b"\r\n",
          b"\r", b"\x00", b"\xff", b"\xef\xbb\xbf", b"\xc3", b"@string{a = b # b}", b"@comment{",
          b"@preamble{", b"[@", b"]", b"@", b"---\n", b"<script>", b"](javascript:alert(1))",
          b"<img src=x onerror=alert(1)>", b"<macro name=\"m\"><text macro=\"m\"/></macro>",
          b"<!--", b"&", b"&#0;", b"]]>", b"</", b"\xe2\x80\xae", b"\t", b"  ", b"*", b"`"]


@st.composite
def mutation(draw, data: bytes, bounded: bool) -> bytes:
    """One edit: flip, insert a token, delete, duplicate or repeat a slice."""
    buf = bytearray(data)
    n = len(buf)
    at = draw(st.integers(0, n))
    op = draw(st.sampled_from(["flip", "insert", "delete", "dup", "repeat", "truncate"]))
    if op == "flip" and n:
        i = min(at, n - 1)
        buf[i] ^= 1 << draw(st.integers(0, 7))
    elif op == "insert":
        buf[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
    elif op == "delete":
        del buf[at:at + draw(st.integers(1, 64))]
    elif op == "dup":
        length = draw(st.integers(1, 256))
        buf[at:at] = buf[at:at + length]
    elif op == "repeat":
        # Long runs of one slice: the shape of the quadratic cases (issue 18 class 4).
        chunk = bytes(buf[at:at + draw(st.integers(1, 16))]) or b"\n"
        times = draw(st.integers(2, 50 if bounded else 5000))
        buf[at:at] = chunk * times
    elif op == "truncate":
        del buf[at:]
    return bytes(buf)


@st.composite
def mutant(draw, kind: str, bounded: bool = True) -> bytes:
    """A seed file of `kind` after 1-8 mutations (sometimes spliced with another seed)."""
    seeds = SEEDS[kind]
    data = seed_bytes(draw(st.sampled_from(seeds)))
    if draw(st.integers(0, 5)) == 0:
        other = seed_bytes(draw(st.sampled_from(seeds)))
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + other[draw(st.integers(0, len(other))):]
    for _ in range(draw(st.integers(1, 8))):
        data = draw(mutation(data, bounded))
    return data


def is_csl_style(data: bytes) -> bool:
    """Well-formed XML whose root is a CSL <style> with a <citation> layout."""
    from lxml import etree

    ns = "{http://purl.org/net/xbiblio/csl}"
    try:
        root = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    except (etree.XMLSyntaxError, ValueError):
        return False
    return root.tag == f"{ns}style" and root.find(f"{ns}citation/{ns}layout") is not None
