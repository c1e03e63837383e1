"""One personal name as CSL prints it: particles, initials, name order, the name-part
formatting of cs:name-part, and affixes. biblio.csl.names lays the names of a list out."""

from __future__ import annotations

import functools
import re

from biblio.csl import textcase
from biblio.csl.nodes import Element
from biblio.csl.rich import Node, parse_markup

# Scripts whose names read given-then-family with a space; the spacing modifier letters are
# the ʿ and ʾ of transliterated Arabic ("ʿAlāʾ al-Aswānī").
_ROMANESQUE = re.compile(r"^[\u0000-\u024F\u02B0-\u02FF\u0370-\u03FF\u0400-\u052F\u1E00-\u1FFF'\u2019\s.\-]*$")


# Particles: lower-case words (letters, apostrophes, dots) before the family name ("de la ",
# "van 't "), or a short one glued on by an apostrophe or hyphen ("d'", "al-"). Written as
# [word char][word char or separator]*[separator] rather than (word+ separator+)+: the two
# read the same strings, but the nested form backtracks exponentially when it fails.
_NON_DROPPING = re.compile(r"^([a-z\u00E0-\u00FF'\u2019.][a-z\u00E0-\u00FF'\u2019.\s]*"
                           r"[\s'\u2019]|[a-z]{1,3}[\u2019'-])(?=\S)")
# Lower-case words at the end of a given name ("Jean de"), matched on the reversed name so
# that the match is anchored once instead of tried from every space (quadratic) and has no
# nested quantifier (exponential).
_DROPPING_REVERSED = re.compile(r"\s?[a-z\u00E0-\u00FF'\u2019]+(?:\s[a-z\u00E0-\u00FF'\u2019]+)*"
                                r"(?=\s)")


_PARTICLE_WORDS = re.compile(r"^[a-z\u00E0-\u00FF'\u2019]+(?: [a-z\u00E0-\u00FF'\u2019]+)*$")


def _dropping_particle_at(given: str) -> int:
    """Index of the space before the given name's trailing lower-case words, or -1."""
    m = _DROPPING_REVERSED.match(given[::-1])
    return len(given) - m.end() - 1 if m else -1


def is_inverted(i: int, opts) -> bool:
    """Whether the i-th name of a list is printed family name first."""
    nso = opts.get("name-as-sort-order")
    return nso == "all" or (nso == "first" and i == 0)


def _is_romanesque(name: dict) -> bool:
    return bool(_ROMANESQUE.match((name.get("family") or "") + (name.get("given") or "")))


_INITIAL_STOP = re.compile(r"\.(?!-)")


@functools.lru_cache(maxsize=8192)  # a pure function of strings: names repeat
def initialize(given: str, with_: str, hyphen: bool = True, initialize: bool = True) -> str:
    # a period ends an initial ("J.R.R." is three), but one before a hyphen joins the
    # initials of a compound given name typed as initials ("J.-P.", Jean-Paul)
    words = _INITIAL_STOP.sub(". ", given).split()
    out: list[str] = []
    for w in words:
        if "-" in w.strip("-"):
            # a lowercase part of a hyphenated name has no initial of its own ("Guo-ping": G)
            subs = [s for s in w.split("-") if s and not (initialize and s[0].islower())]
            inits = [_initial(s, with_, initialize).rstrip() for s in subs]
            inits = [x for x in inits if x]
            # the value's trailing space follows the last initial, a no-break one too
            # ("J.-J.&#160;Rousseau")
            trail = with_[len(with_.rstrip()):]
            if not hyphen and initialize:
                # each part is an initial of its own, the value's space after it too: "J. L."
                # for "Jean-Luc" and ". " (CSL 1.0.2 "Hyphenation of Initialized Names")
                out.append("".join(x + trail for x in inits))
                continue
            out.append("-".join(inits) + trail)
            continue
        piece = _initial(w, with_, initialize)
        if piece.endswith(" ") and out and not out[-1].endswith(" "):
            out[-1] += " "  # a whole word (particle, kept name) stands apart
        out.append(piece)
    # a plain space after the last initial goes; a no-break space ("J.&#160;") binds the
    # initials to the family name, so it stays
    return "".join(out).rstrip(" ")


_MARKUP_TAG = re.compile(r"(</?(?:i|b|sc|sup|sub|span)\b[^>]*>)", re.IGNORECASE)


def initialize_marked(given: str, with_: str, hyphen: bool = True, initialize_: bool = True):
    """`initialize` for a given name with field markup ("<b>John</b>Quiggly"): a tag bounds a
    name as a space does, and the tags stay around the initials ("<b>J.</b> Q.")."""
    pieces = _MARKUP_TAG.split(given)
    out: list[str] = []
    seen_initial = False
    for k, piece in enumerate(pieces):
        if k % 2:
            out.append(piece)
            continue
        lead = "-" if piece.startswith("-") else ""
        text = initialize(piece.lstrip("-"), with_, hyphen, initialize_) if piece.strip("- ") \
            else ""
        if not text:
            continue
        if seen_initial and with_.endswith(" ") and not lead:
            out.append(" ")  # after the previous initial's closing tags
        out.append((lead if hyphen else "") + text)
        seen_initial = True
    return "".join(out).strip()


def _initial(w: str, with_: str, initialize: bool) -> str:
    core = w.rstrip(".")
    if not core:
        return ""
    if not core[0].isalpha():
        return w + " "
    if w.endswith(".") or len(core) == 1:
        return core + with_  # already an initial or an abbreviation ("Ph.", "Ts.")
    if core[0].islower():
        return w + " "  # a particle ("de") stays
    if not initialize:
        return w + " "
    if len(core) > 2 and core[1].isupper() and core[2].islower():
        # two capitals open a name whose first letter is written with two ("TSerendorjiin",
        # Mongolian Ts): the initial keeps both
        return core[0] + core[1].lower() + with_
    return core[0] + with_


def split_particles(name: dict) -> dict:
    """Parse particles out of family/given unless given explicitly (citeproc-js style)."""
    if "literal" in name or name.get("parse-names") in (False, "false"):
        return name
    n = dict(name)
    fam = n.get("family") or ""
    if "non-dropping-particle" not in n and fam:
        m = _NON_DROPPING.match(fam)
        if m and m.group(1).strip() and m.end() < len(fam):
            particle = m.group(1)
            n["non-dropping-particle"] = particle.rstrip()
            n["family"] = fam[m.end():]
            if particle.endswith(("'", "\u2019", "-")):
                n["non-dropping-particle"] = particle
            elif particle.rstrip().endswith(("'", "\u2019")):
                # "de' Frinkle": the space the data has after the apostrophe stays
                n["non-dropping-particle"] = particle.rstrip() + " "
    given = n.get("given") or ""
    if "," in given:
        # After a comma in the given name: lower-case words are a dropping particle that
        # keeps its comma ("François Hédelin, abbé d'"); anything else is a suffix ("Jr.").
        g, _, after = given.partition(",")
        after = after.strip()
        if after and "dropping-particle" not in n and _PARTICLE_WORDS.match(after):
            n["given"], n["dropping-particle"] = g.strip(), after
            n["comma-dropping-particle"] = True
        elif after and "suffix" not in n:
            n["given"] = g.strip()
            n["suffix"] = after.lstrip("!").strip()
            if after.startswith("!"):
                n["comma-suffix"] = True
        given = n.get("given") or ""
    if "dropping-particle" not in n and given:
        at = _dropping_particle_at(given)
        if at > 0 and given[:at].strip() != "":
            n["dropping-particle"] = given[at + 1:].strip()
            n["given"] = given[:at].strip()
    fam = n.get("family") or ""
    if fam.startswith('"') and fam.endswith('"') and len(fam) > 1:
        n["family"] = fam[1:-1]
    return n


def render_name(name: dict, i: int, opts: dict, name_el: Element | None, ctx, var):
    # name_el: the style's cs:name (biblio.csl.names.Name), for its name-part formatting
    if "literal" in name and not name.get("family"):
        lit = parse_markup(_apos(name["literal"]))
        part = name_el.parts.get("family") if name_el else None
        if part:
            # the family part's formatting, not its affixes: those set a family name apart
            # from the given name ("SMITH, John"), and an institution's name has none
            # ("National Institute for Health and Care Excellence, , Low back pain")
            lit = _part(ctx, part, lit, affixes=False)
        return _wrap(ctx, name_el, lit)
    (name, family, given, ndp_raw, dp), romanesque = ctx.item.name_parts(
        name, _printed_parts, _romanesque_parts)
    if not family and not given:
        return ""
    if not family:
        # A name with only a given name ("Banksy") prints it whole.
        gpart = name_el.parts.get("given") if name_el else None
        return _wrap(ctx, name_el, _part(ctx, gpart, given))
    form = opts.get("form", "long")
    # How far disambiguation expands this name's given name (0: as the style has it).
    disamb = ctx.disamb
    level = 0 if disamb is None else disamb.given.get((var, i), 0)
    init_with = opts.get("initialize-with")
    do_init = opts.get("initialize", "true") != "false"
    if level == 1 and form == "short" and ctx.disamb_rule_initials and (
            init_with is None or not do_init):
        # "-with-initials" limits expansion to initials, and a name shows initials only
        # when it is initialized (initialize-with, initialize not "false"; CSL 1.0.2,
        # Disambiguation, step 2): adding its given name would show it in full
        level = 0
    if level >= 1 and form == "short":
        form = "long"
        if level == 1 and init_with is None:
            level = 2
    if level >= 2:
        init_with = None
    if init_with is not None and given and romanesque and form != "short":
        given = (initialize_marked if "<" in given else initialize)(
            given, init_with, ctx.style.initialize_hyphen, do_init)
    elif (level == 1 and form == "long" and init_with is None and ctx.disamb_rule_initials
          and ctx.mode != "bibliography"):
        # "-with-initials" shortens a citation's full given name to its initials; the
        # bibliography's names never shrink
        given = initialize(given, ". ", ctx.style.initialize_hyphen).strip()
    inverted = is_inverted(i, opts)
    if given.endswith("\u00a0") and inverted:
        given = given.rstrip("\u00a0")  # nothing follows it to bind to: "Doe, J."
    ndp = ndp_raw.rstrip()  # (ndp_raw keeps a trailing space)
    suffix = name.get("suffix") or ""
    if "." in suffix and opts.get("initialize-with") is not None \
            and "." not in opts["initialize-with"]:
        # Initials without periods take a suffix without them: "King ML Jr" (NLM, and
        # citeproc-js, which initializes the suffix as the given names).
        suffix = suffix.replace(".", "")
    gpart = name_el.parts.get("given") if name_el else None
    fpart = name_el.parts.get("family") if name_el else None
    fam = _part(ctx, fpart, family, affixes=False)
    giv = _part(ctx, gpart, given, affixes=False) if given else ""
    ndp_r = _part(ctx, fpart, ndp, affixes=False) if ndp else ""
    dp_r = _part(ctx, gpart, dp, affixes=False) if dp else ""
    if not romanesque:
        # Family name then given name with nothing between: the name-part affixes, which
        # set a Western name's parts apart ("Smith, J.", "Smith (John)"), would split it
        # ("王, 小明"); the parts keep their formatting (citeproc-js too).
        if form == "short":
            return _wrap(ctx, name_el, fam)
        return _wrap(ctx, name_el, Node([fam, giv]))
    if name.get("static-ordering") in (True, "true", 1):
        # CSL-JSON's "static-ordering": a name written family name first keeps that order
        # in every form ("Hồ Chí Minh", "Hồ C. M."), neither turned round nor inverted with
        # the sort separator (as citeproc-js)
        head = _affix(fpart, _seq([ndp_r, fam], [ndp_raw], _tie(ctx)) if ndp_r else fam)
        if form == "short":
            return _wrap(ctx, name_el, head)
        given_static = given.rstrip("\u00a0")
        g = _part(ctx, gpart, given_static, affixes=False) if given_static else ""
        tail = _seq([g, dp_r], [given_static]) if dp_r else g
        out = [head] + ([" ", _affix(gpart, tail)] if tail else [])
        if suffix:
            out += [" ", suffix]
        return _wrap(ctx, name_el, Node(out))
    if form == "short":
        if ctx.mode == "sort" and ctx.style.demote != "never":
            # CSL 1.0.2 "Name Particles": demoting (the default) files "van der Maaten"
            # under M in sort keys, a short name's too.
            return _wrap(ctx, name_el, _affix(fpart, _seq([fam, ndp_r], [family])))
        return _wrap(ctx, name_el, _affix(fpart, _seq([ndp_r, fam], [ndp_raw], _tie(ctx))))
    sep = opts.get("sort-separator", ", ")
    if inverted:
        if name.get("comma-dropping-particle") and giv and dp_r:
            given_dp = Node([giv, ", ", dp_r])  # "Aubignac, François Hédelin, abbé d'"
        else:
            given_dp = _seq([giv, dp_r], [given]) if dp_r else (giv or "")
        if ctx.style.demote == "display-and-sort" or (
                ctx.mode == "sort" and ctx.style.demote == "sort-only"):
            head = _affix(fpart, fam)
            tail = _affix(gpart, _seq([given_dp, ndp_r], [dp or given]))
        else:
            # (without particles, the family name alone: what _seq would make of it)
            head = _affix(fpart, _seq([ndp_r, fam], [ndp_raw], _tie(ctx)) if ndp_r
                          else (fam or ""))
            tail = _affix(gpart, given_dp)
        out = [head]
        if tail:
            out += [sep, tail]
        if suffix:
            out += [sep, suffix]
        return _wrap(ctx, name_el, Node(out))
    out = []
    if giv:
        out.append(_affix(gpart, giv))
    rest = [_seq([dp_r, _seq([ndp_r, fam], [ndp_raw], _tie(ctx))], [dp], _tie(ctx))
            if dp_r or ndp_r else (fam or "")]
    if suffix:
        rest += [", " if name.get("comma-suffix") else " ", suffix]
    if out and not (gpart and gpart.fmt_el.suffix[-1:].isspace()) and not (
            given.endswith("\u00a0") and not (gpart and gpart.fmt_el.suffix)):
        out.append(" ")  # unless the given name's suffix spaces it ("&#160;")
    out.append(_affix(fpart, Node(rest)))
    return _wrap(ctx, name_el, Node(out))


def _printed_parts(name: dict) -> tuple:
    """A name split into its parts (split_particles), and its family name, given name,
    non-dropping and dropping particles as printed: apostrophes typographic."""
    n = split_particles(name)
    return (n, _apos(n.get("family") or ""), _apos(n.get("given") or ""),
            _apos(n.get("non-dropping-particle") or ""), _apos(n.get("dropping-particle") or ""))


def _romanesque_parts(parts: tuple) -> bool:
    return _is_romanesque(parts[0])


def _affix(part, content):
    if part is None or not content or not (part.fmt_el.prefix or part.fmt_el.suffix):
        return content
    return Node([part.fmt_el.prefix, content, part.fmt_el.suffix])


def _apos(s: str) -> str:
    return s.replace("'", "\u2019") if "'" in s else s


# French, Russian and Czech typography keep a particle on the line of its family name
# ("de La\u00a0Fontaine", "Ludwig van\u00a0Beethoven"), as citeproc-js does for styles in
# those languages.
_TIED = ("fr", "ru", "cs")


def _tie(ctx) -> str:
    return "\u00a0" if (ctx.style.default_locale or "")[:2] in _TIED else " "


def _seq(pieces, raws, space=" "):
    """Join name pieces with spaces, except after a particle ending in an apostrophe or hyphen."""
    out = []
    prev_raw = None
    k = 0
    for p in pieces:
        if not p:
            k += 1
            continue
        if out and not (prev_raw or "").endswith(("\u2019", "-")):
            out.append(space)
        out.append(p)
        prev_raw = raws[k] if k < len(raws) else None
        k += 1
    if not out:
        return ""
    return out[0] if len(out) == 1 else Node(out)


def _part(ctx, part, text, case=True, affixes=True):
    if isinstance(text, str) and "<" in text:
        text = parse_markup(text)  # a name may carry field markup ("Center <sup>for</sup> …")
    if part is None or not text:
        return text
    if case and part.text_case:
        text = textcase.apply(text, part.text_case, ctx.english, ctx.turkic)
    return part.fmt_el.finish(ctx, text, affixes=affixes)


def _wrap(ctx, name_el, content):
    if name_el is None:
        return content
    if name_el.fmt or name_el.prefix or name_el.suffix:
        return name_el.finish(ctx, content)
    return content
