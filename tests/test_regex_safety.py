"""No regular expression in biblio has a shape that backtracks catastrophically (issue 18).

A static check over the package's source: every pattern given to `re` as a constant (or a
concatenation of module constants) is parsed with Python's own regex parser and refused when

- a repeated group holds a repeat and nothing in each turn of the group tells the turns
  apart: no required character outside everything the inner repeats can take
  (`(a+)+`, `(a*)*`, `(?:[a-z']+[\\s']+)+`) — exponential when the match fails;
- a repeated alternation has branches that can start with the same character (`(a|a)*`,
  `(?:a|ab)*`);
- two repeats that can take the same characters stand next to each other, with only optional
  pieces between, inside a repeated group (`(?:x\\s*-?\\s*)*`): each turn can split its text
  between them in many ways, so the turns multiply.

The reproducer of the issue (`Doe, J aaaa….`, exponential in csl/person.py) is the data of a
bounded-time test below as well.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from helpers import biblio

try:
    from re import _constants as C
    from re import _parser as P
except ImportError:  # Python 3.10
    import sre_constants as C
    import sre_parse as P

PACKAGE = Path(__file__).resolve().parent.parent / "biblio"
RE_FUNCS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall",
            "finditer"}

# Characters a set is sampled on: ASCII, Latin-1, a few letters, dashes, quotes and spaces
# from further up. Two sets overlap when some sample is in both.
SAMPLES = [chr(i) for i in range(0x250)] + [
    "\u0394", "\u0416", "\u05d0", "\u1e9e", "\u2009", "\u2013", "\u2014", "\u2018", "\u2019",
    "\u201c", "\u201d", "\u2028", "\u3000", "\u4e2d", "\ufb01", "\U0001f600"]
_CATEGORY = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
             C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
ALL = frozenset(SAMPLES)
NONE: frozenset = frozenset()


def _in(items, ch: str) -> bool:
    negate, hit = False, False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit = hit or ord(ch) == av
        elif op is C.RANGE:
            hit = hit or av[0] <= ord(ch) <= av[1]
        elif op is C.CATEGORY:
            hit = hit or re.match(_CATEGORY[av], ch) is not None
        else:  # RANGE_UNI_IGNORE and the like: count every character
            hit = True
    return hit != negate


def char_set(op, av) -> frozenset | None:
    """The samples one single-character element takes, or None when it is not one."""
    if op is C.LITERAL:
        return frozenset(ch for ch in SAMPLES if ord(ch) == av)
    if op is C.NOT_LITERAL:
        return frozenset(ch for ch in SAMPLES if ord(ch) != av)
    if op is C.ANY:
        return frozenset(ch for ch in SAMPLES if ch != "\n")
    if op is C.IN:
        return frozenset(ch for ch in SAMPLES if _in(av, ch))
    return None


def consumed(seq) -> frozenset:
    """Every sample any element of `seq` can take (lookarounds take nothing)."""
    out: set = set()
    for op, av in seq:
        s = char_set(op, av)
        if s is not None:
            out |= s
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.SUBPATTERN):
            out |= consumed(av[-1])
        elif op is C.BRANCH:
            for b in av[1]:
                out |= consumed(b)
        elif op is C.GROUPREF:
            out |= ALL
    return frozenset(out)


def nullable(op, av) -> bool:
    if char_set(op, av) is not None:
        return False
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        return av[0] == 0 or all(nullable(o, a) for o, a in av[2])
    if op is C.SUBPATTERN:
        return all(nullable(o, a) for o, a in av[-1])
    if op is C.BRANCH:
        return any(all(nullable(o, a) for o, a in b) for b in av[1])
    return op is not C.GROUPREF  # anchors and lookarounds take nothing


def first(seq) -> frozenset:
    out: set = set()
    for op, av in seq:
        s = char_set(op, av)
        if s is not None:
            return frozenset(out | s)
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.SUBPATTERN):
            out |= first(av[-1])
        elif op is C.BRANCH:
            for b in av[1]:
                out |= first(b)
        elif op is C.GROUPREF:
            out |= ALL
        if not nullable(op, av):
            break
    return frozenset(out)


def unbounded(op, av) -> bool:
    return op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] >= 32  # MAXREPEAT or a large bound


def _flat(seq) -> list:
    """The top-level elements of a sequence, non-capturing groups opened."""
    out = []
    for op, av in seq:
        if op is C.SUBPATTERN and not any(o is C.BRANCH for o, _ in av[-1]):
            out += _flat(av[-1])
        else:
            out.append((op, av))
    return out


def adjacent_overlap(seq) -> bool:
    """Two repeats with only optional elements between them, the first able to take what
    starts the second (`\\s*-?\\s*`): the text between them can be shared in many ways."""
    items = _flat(seq)
    for i, (op, av) in enumerate(items):
        if not unbounded(op, av):
            continue
        mine = consumed(av[-1])
        for op2, av2 in items[i + 1:]:
            if unbounded(op2, av2) and mine & first(av2[-1]):
                return True
            if not nullable(op2, av2):
                break
    return False


def width(seq) -> tuple[int, int]:
    sub = P.SubPattern(P.State())
    for item in seq:
        sub.append(item)
    return sub.getwidth()


def tail_overlap(seq, start: frozenset) -> bool:
    """A turn can end in a part of variable length that can also take the first character
    of the next turn, so the turns can be cut in more than one way: `(?:[a-z]+\\s?)+`,
    `(?:aa|a)*`. `(?:x[a-z]+)*` and `(?:"[^"]*")*` are fine."""
    for op, av in reversed(_flat(seq)):
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] != av[1]:
            if first(av[2]) & start or tail_overlap(av[2], start):
                return True
        elif op is C.BRANCH:
            # Branches of different lengths that can start alike, an empty branch starting
            # like the next turn: (?:aa|a) is a(?:a|) to Python's parser.
            firsts = [first(b) | (start if all(nullable(o, a) for o, a in b) else NONE)
                      for b in av[1]]
            if len({width(b) for b in av[1]}) > 1 and any(
                    firsts[x] & firsts[y] for x in range(len(firsts))
                    for y in range(x + 1, len(firsts))):
                return True
            if any(tail_overlap(b, start) for b in av[1]):
                return True
        elif op is C.SUBPATTERN and tail_overlap(av[-1], start):
            return True
        if not nullable(op, av):
            return False
    return False


def separated(body) -> bool:
    """Each turn has a required part that none of the turn's own repeats can take, so a
    turn's repeats cannot run into the next turn (`(?:\\s*,\\s*\\w+)*`, not `(.*,)*`)."""
    items = _flat(body)
    inner = [(op, av) for op, av in items if unbounded(op, av)]
    if not inner:
        return True
    taken = frozenset().union(*(consumed(av[-1]) for _, av in inner))

    def apart(op, av) -> bool:
        if nullable(op, av) or unbounded(op, av):
            return False
        if op is C.SUBPATTERN:
            return any(apart(o, a) for o, a in av[-1])
        if op is C.BRANCH:  # every branch has a required part of its own
            return all(any(not nullable(o, a) and not consumed([(o, a)]) & taken
                           for o, a in _flat(b)) for b in av[1])
        got = consumed([(op, av)])
        return bool(got) and not got & taken

    return any(apart(op, av) for op, av in items)


def same_width_overlap(branches) -> bool:
    """Two branches of one fixed width that can match the same text (`(?:[a-z]\\w|\\w[a-z])`)."""
    fixed = []
    for b in branches:
        items = list(b)
        if any(char_set(op, av) is None for op, av in items):
            continue
        fixed.append([char_set(op, av) for op, av in items])
    for x in range(len(fixed)):
        for y in range(x + 1, len(fixed)):
            a, b = fixed[x], fixed[y]
            if len(a) == len(b) and all(p & q for p, q in zip(a, b)):
                return True
    return False


def problems(pattern: str) -> list[str]:
    found: list[str] = []

    def walk(seq):
        for op, av in seq:
            if unbounded(op, av):
                body = list(av[2])
                if not separated(body):
                    found.append("nested quantifier with nothing that tells its turns apart")
                if tail_overlap(body, first(body)):
                    found.append("a turn's variable tail can take what starts the next turn")
                if adjacent_overlap(body):
                    found.append("adjacent overlapping quantifiers inside a repeat")
                if any(same_width_overlap(a[1]) for o, a in _flat(body) if o is C.BRANCH):
                    found.append("repeated alternation whose branches match the same text")
            if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.SUBPATTERN, C.ASSERT, C.ASSERT_NOT):
                walk(av[-1])
            elif op is C.BRANCH:
                for b in av[1]:
                    walk(b)

    walk(P.parse(pattern))
    return sorted(set(found))


# -- finding the package's patterns -------------------------------------------------------------

def _evaluate(node, names: dict):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = _evaluate(node.left, names), _evaluate(node.right, names)
        return a + b if a is not None and b is not None else None
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.JoinedStr):
        parts = [_evaluate(v.value if isinstance(v, ast.FormattedValue) else v, names)
                 for v in node.values]
        return "".join(parts) if None not in parts else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
            node.func.attr == "escape":
        return "x"  # re.escape(...) is a literal
    return None


def package_patterns() -> tuple[list[tuple[str, int, str]], list[tuple[str, int]]]:
    """(file, line, pattern) of every pattern the package gives `re`, and where a pattern
    could not be worked out from the source."""
    found, unknown = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: dict = {}
        for node in tree.body:  # module constants, for patterns built from pieces
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                    isinstance(node.targets[0], ast.Name):
                v = _evaluate(node.value, names)
                if v is not None:
                    names[node.targets[0].id] = v
        rel = str(path.relative_to(PACKAGE.parent))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in RE_FUNCS and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "re" and node.args):
                continue
            v = _evaluate(node.args[0], names)
            if v is None:
                unknown.append((rel, node.lineno))
            else:
                found.append((rel, node.lineno, v))
    return found, unknown


def test_the_checker_knows_the_catastrophic_shapes():
    for bad in [r"(a+)+$", r"(a*)*b", r"(?:aa|a)*c", r"^(?:[a-z']+[\s']+)+x",
                r"\s((?:[a-z]+\s?)+)$", r"^(?:[A-Za-z]\.\s*-?\s*)*[A-Za-z]\.?$",
                r"(?:\w+\s*)+$", r"(.*,)*x", r"(?:[a-z]\w|\w[a-z])+x", r"(?:\w+|\d+)*x"]:
        assert problems(bad), bad
    for good in [r"\w+(?:[:.#]\w+)*", r"[^{}\\]*(?:\\[^{}\\][^{}\\]*)*",
                 r'"(?:[^"]|(?<=\\)")*(?<!\\)"', r"\s?[a-z]+(?:\s[a-z]+)*(?=\s)",
                 r"^(?:[A-Za-z]\.\s*(?:-\s*)?)*[A-Za-z]\.?$", r"\s*,\s*", r"(\d+)\s*[-–]\s*(\d+)",
                 r"(?:a|ab)*c", r'<i((?:\s+[a-z-]+\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)\s*>']:
        assert not problems(good), good


def test_no_pattern_in_the_package_can_backtrack_catastrophically():
    found, unknown = package_patterns()
    assert len(found) > 100  # the scan does find the package's patterns
    bad = [f"{f}:{line}: {p!r}: {', '.join(problems(p))}" for f, line, p in found
           if problems(p)]
    assert not bad, "\n".join(bad)
    # A pattern built at run time (an f-string, a parameter) is not checked: keep them few,
    # and each one made of escaped literals.
    assert len(unknown) <= 12, unknown


def test_a_name_that_backtracked_exponentially_formats_at_once(tmp_path):
    """`author = {Doe, J aaaa….}` hung format, render and build (issue 18)."""
    bib = tmp_path / "r.bib"
    bib.write_text("@article{doe,\n  author = {Doe, J " + "a" * 60 + ".},\n"
                   "  title = {A title},\n  journal = {J},\n  year = {2000},\n}\n")
    p = biblio(["format", "--all", "--bib", bib, "--to", "text"], timeout=30)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("Doe, J. " + "a" * 60 + ". (2000). A title.")
