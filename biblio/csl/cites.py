"""One citation cluster: sort its cites, group and collapse them, apply the layout."""

from __future__ import annotations

import bisect
import functools
import re

from biblio.csl import collate, disambiguate
from biblio.csl.context import suffix_letters
from biblio.csl.nodes import DATE_VARS, Term
from biblio.csl.rich import Node, is_empty, parse_markup, plain


class _Rendered:
    __slots__ = ("authorless", "cite", "locator_shown", "names", "number", "suffix", "tree",
                 "year")

    def __init__(self, cite, tree, names, year, suffix, number, locator_shown=True,
                 authorless=False):
        self.authorless = authorless
        self.cite = cite
        self.locator_shown = locator_shown
        self.tree = tree
        self.names = names
        self.year = year
        self.suffix = suffix
        self.number = number


# What a cite may carry that changes how its layout renders; one with none of them in first
# position renders as disambiguation rendered it.
_NOT_PLAIN = ("locator", "label", "suppress-author", "author-only", "narrative", "near-note",
              "first-reference-note-number")


def _render_cite(run, cite, suppress_names=False, only_names=False, year_as_suffix=False):
    sec = run.style.citation
    kept = None
    if (not suppress_names and not only_names and not year_as_suffix
            and cite.get("position") == "first" and not any(cite.get(k) for k in _NOT_PLAIN)):
        kept = disambiguate.first_render(run, cite["item"])
        if kept is not None and kept[1] is None and not run.style.numeric:
            kept = None  # (printed no names: what it printed instead decides its group)
    dated_only = False
    if kept is not None:
        parts, names, real = kept
        locator_shown = False  # a plain cite has no locator
    else:
        ctx = run.ctx(cite["item"], cite, "citation", sec)
        ctx.suppress_first_names = suppress_names or bool(cite.get("suppress-author"))
        ctx.prose_names = bool(cite.get("author-only") and cite.get("narrative"))
        ctx.year_as_suffix = year_as_suffix
        parts = [c.render(ctx) for c in sec.layout.children]
        names, real = ctx.first_names, ctx.first_names_real
        locator_shown = "locator" in ctx.vars_rendered
        dated_only = ctx.vars_rendered <= _DATED_ONLY
    if only_names or cite.get("author-only"):
        tree = names
    else:
        tree = Node([p for p in parts if p is not None]) if any(
            p is not None and not is_empty(p) for p in parts) else None
    # Cites group by their rendered names (spec, cite grouping): a cite that prints no names
    # and nothing but its date has the empty rendering, the same as every other such cite
    # ("(1965a,b)" in a style that prints years alone); one that prints a title in their
    # place has none to group by, as a substituted title is no names (as citeproc-js).
    # A numeric style's cite is its number: with no names it has nothing to group by
    # ("[1,3,4]" keeps the layout's delimiter under collapse="year", as citeproc-js).
    key = ("" if dated_only and not run.style.numeric else None) if names is None else (
        plain(names) if real else None)
    # Whether it prints nothing of the item's in the names' place: only its date, or a term
    # ("o. A.", "Anon."); a substituted title stands in for an author (after-collapse
    # delimiter, below).
    authorless = (dated_only if names is None else not real and _opens_with_a_term(names))
    return tree, key, locator_shown, authorless


def _opens_with_a_term(tree) -> bool:
    first = _first_text(tree)
    return first is not None and first[2]


# What a cite printing no names may print and still group with its like: its date, the
# year-suffix, the locator, and a label style's label ("[Smit18, Smit19]", as citeproc-js).
_DATED_ONLY = DATE_VARS | {"year-suffix", "locator", "citation-label"}

_SENTENCE_END = re.compile(r"[.!?:][\u201d\u2019\"')]*\s*$")  # also "… work.” "


# Marks that may open a sentence before its first word: "(N.d.)", "[Ca. 1723]"
_OPENING = " \t\n\u00a0([{\u201c\u2018\u201e\u00ab\u2039\"'"


def _first_text(tree, skip: str | None = None):
    """Where a tree's printed text starts: (node, index, in a term) of the first string with
    more than `skip` (white space by default) in it, passing over nodes that print nothing;
    None if it prints none."""
    node, in_term = tree, False
    while isinstance(node, Node):
        in_term = in_term or isinstance(node, Term)
        for at, first in enumerate(node.children):
            if first.__class__ is str:
                if first.strip(skip):
                    break
            elif not is_empty(first):
                break
        else:
            return None
        if isinstance(first, str):
            return node, at, in_term
        node = first
    return None


def capitalize_term(tree) -> None:
    """Capitalize the first letter of a cite or an entry when it is a term ("ibid." -> "Ibid.",
    "o. V." -> "O. V."), as citeproc-js does and as a sentence starts (after an opening
    bracket or quote too)."""
    found = _first_text(tree, _OPENING)
    if found is None or not found[2]:
        return
    node, at, _ = found
    text = node.children[at]
    k = len(text) - len(text.lstrip(_OPENING))
    if text[k:k + 1].islower():
        node.children[at] = text[:k] + text[k].upper() + text[k + 1:]


def _affixed(cite, tree):
    pre, suf = cite.get("prefix"), cite.get("suffix")
    if not pre and not suf:
        return tree
    bits = []
    if pre:
        bits.append(Node([parse_markup(pre)], verbatim=True))
    if tree is not None:
        bits.append(tree)
    if suf:
        bits.append(Node([parse_markup(suf)], verbatim=True))
    return Node(bits)


def _has_affix(cite) -> bool:
    return bool(cite.get("prefix") or cite.get("suffix"))


# Signals (APA 7 §8.12 "see also", "e.g.,"; the Bluebook's and the continental manuals'
# "cf.", "vgl.", "voir", "véase"): with `Run.signal_groups` (APA's rule, asked for by
# biblio.document.profile), a prefix that is one of them introduces every work after it up
# to the next signal, so those works sort together under it. Otherwise, and for any other
# prefix ("Allport's diary, as cited in") and every suffix (" and passim"), an affix is said
# of its own work and goes where that work sorts (CSL 1.0.2 Sorting, as citeproc-js).
_SIGNALS = frozenset((
    "see", "see also", "see generally", "see especially", "see e.g.", "see, e.g.", "but see",
    "but see e.g.", "but see, e.g.", "cf.", "but cf.", "compare", "contra", "accord", "e.g.",
    "for example", "also", "and see",
    "vgl.", "vgl. auch", "vgl. etwa", "siehe", "siehe auch", "s.", "s. auch", "s. a.", "z. b.",
    "z.b.",
    "voir", "voir aussi", "voir notamment", "v.", "par ex.", "p. ex.",
    "véase", "véase también", "ver", "ver también", "vid.", "cfr.", "p. ej.", "vide",
    "vedi", "vedi anche", "si veda", "si vedano", "ad es.",
    "zie", "zie ook", "bijv.", "bv."))


def is_signal(prefix) -> bool:
    """Whether a cite's prefix is a signal that introduces the works after it."""
    return bool(prefix) and _is_signal(str(prefix))


@functools.lru_cache(maxsize=512)  # (asked for each cite at every sort; prefixes repeat)
def _is_signal(prefix: str) -> bool:
    text = plain(parse_markup(prefix))  # (the Bluebook italicises signals)
    words = " ".join(text.replace("\u00a0", " ").split()).lower().rstrip(",:; ")
    return words in _SIGNALS


def _signal_of(cite) -> str:
    """The signal that heads the cite: its prefix when that is one, or the signal a first sort
    moved onto it before words of its own ("see also as cited in")."""
    moved = cite.get("_signal")
    if moved:
        return moved
    return cite["prefix"] if is_signal(cite.get("prefix")) else ""


def _sort_groups(cites, head_apart=False, signals=False):
    """The cluster cut into groups that sort on their own: with `signals`, a signal starts
    one; with `head_apart`, the leading cite, whose suppressed author is the name in the text
    it follows, stays first on its own."""
    groups, cur = [], []
    for n, c in enumerate(cites):
        if cur and signals and _signal_of(c):
            groups.append(cur)
            cur = []
        cur.append(c)
        if n == 0 and head_apart:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


def _sorted_group(run, sec, group):
    """A group in the style's order, its signal kept at its head: the signal introduces all
    of the group and moves to whichever cite now comes first (APA 7 §8.12: "(Sampson &
    Hughes, 2020; see also Augustine, 2017; Melara et al., 2018; Pérez, 2014)"), before that
    cite's own words if it has any; the cite it leaves keeps its own. The groups are the same
    when the engine sorts again. Other affixes go with their cite."""
    out = _sorted(run, sec, group)
    head = group[0]
    signal = _signal_of(head)
    if out[0] is not head and signal:
        k = out.index(head)
        left = {key: v for key, v in head.items() if key not in ("prefix", "_signal", "_own")}
        if head.get("_own"):
            left["prefix"] = head["_own"]
        out[k] = left
        own = out[0].get("prefix") or ""
        gap = " " if own and not signal[-1:].isspace() else ""
        out[0] = dict(out[0], prefix=signal + gap + own, _signal=signal, _own=own)
    return out


def _sorted(run, sec, cites):
    if len(cites) < 2:
        return cites
    keyed = [(collate.item_key(run, c["item"], sec, "citation"), n, c)
             for n, c in enumerate(cites)]
    keyed.sort(key=functools.cmp_to_key(
        lambda a, b: collate.compare(sec, a[0], b[0]) or (a[1] > b[1]) - (a[1] < b[1])))
    out = [c for _, _, c in keyed]
    # cites the keys cannot tell apart keep the writer's order, except that those with a year
    # suffix follow it: one author's works of one year are "(Einstein, 1905a, 1905b, 1905c)"
    # (APA 7 8.12), in their places among the others
    i = 0
    while i < len(keyed):
        j = i + 1
        while j < len(keyed) and collate.compare(sec, keyed[i][0], keyed[j][0]) == 0:
            j += 1
        places = [k for k in range(i, j) if _suffix_of(run, out[k]) is not None]
        for k, c in zip(places, sorted((out[k] for k in places),
                                       key=lambda c: _suffix_of(run, c))):
            out[k] = c
        i = j
    return out


def _suffix_of(run, cite) -> int | None:
    st = run.states.get(cite["item"].id)
    return st.year_suffix if st is not None else None


def _linked(run, cite, tree):
    """The cite's own text as a link to its entry when the caller asked for cite links."""
    if tree is None or cite.get("author-only"):
        return tree
    ref = run.cite_ref(cite["item"].id)
    if ref is None or is_empty(tree):
        return tree
    return Node([tree], ref=ref)


def _piece(run, cite, tree):
    """One cite in a citation: its text (linked) inside its own prefix and suffix."""
    return _affixed(cite, _linked(run, cite, tree))


def narrative_names(run, cluster):
    """The names of the cluster's narrative cite as its author-only cite prints them, joined
    as prose; None when it has no narrative cite."""
    cite = next((c for c in cluster if c.get("narrative")), None)
    if cite is None:
        return None
    alone = {k: v for k, v in cite.items() if k not in ("suppress-author", "prefix", "suffix")}
    alone["author-only"] = True
    return render_cluster(run, [alone])


def _author_head(cites) -> bool:
    """An author-only cite opening a cluster is the running text's author, the rest the
    citation after it: "Doe (2019, p. 3)" (pandoc's author-in-text citation)."""
    return len(cites) > 1 and bool(cites[0].get("author-only")) and not any(
        c.get("author-only") for c in cites[1:])


def _in_order(run, cites):
    sec = run.style.citation
    if sec.sort and len(cites) > 1:
        groups = _sort_groups(cites, _author_suppressed(run, cites[0]), run.signal_groups)
        if not run.signal_groups:
            return [c for group in groups for c in _sorted(run, sec, group)]
        return [c for group in groups for c in _sorted_group(run, sec, group)]
    return cites


def _author_suppressed(run, cite) -> bool:
    """Whether suppress-author takes something out of the cite: the author's name that the
    text around it prints instead ("Zed (2020; Adams 2019)"). In a style whose citation
    prints no names (a numeric one) it takes nothing, and the cite sorts with the rest."""
    if not cite.get("suppress-author"):
        return False
    shown = {k: v for k, v in cite.items() if k != "suppress-author"}
    return plain(_render_cite(run, cite)[0]) != plain(_render_cite(run, shown)[0])


def print_order(run, cluster) -> list:
    """The cluster's cites in the order its citation prints them (the style's sort)."""
    cites = list(cluster)
    if _author_head(cites):
        return cites[:1] + _in_order(run, cites[1:])
    return _in_order(run, cites)


def render_cluster(run, cluster, prefix="", suffix="", opens_note=True, missing=()):
    """A citation; `prefix` and `suffix` are the whole citation's, inside the layout's affixes:
    "(e.g., Cork 2018; Doe 2019, among others)". `opens_note` False: a note style's citation
    written inside a note's text, printed as is (a term opening it keeps its case). `missing`:
    keys the document cites with no item, each shown after the cites as pandoc shows it, in
    bold with a question mark and the layout's delimiter before it: "(Doe, 2019; nokey?)"."""
    cites = list(cluster)
    if _author_head(cites):
        head = render_cluster(run, cites[:1], opens_note=opens_note)
        rest = render_cluster(run, cites[1:], prefix, suffix, opens_note=False,
                              missing=missing)
        if head is None or rest is None:
            return head if rest is None else rest
        return Node([head, " ", rest])
    sec = run.style.citation
    cites = _in_order(run, cites)
    layout = sec.layout
    delim = layout.delimiter if layout.delimiter is not None else ""
    collapse = sec.opt("collapse")
    if collapse == "citation-number" and not run.style.cites_print_numbers:
        collapse = None  # (no number printed: nothing to collapse)
    cgd = sec.opt("cite-group-delimiter")
    grouping = collapse in ("year", "year-suffix", "year-suffix-ranged") or cgd is not None
    # Cite grouping is an in-text citation's (CSL 1.0.2, Cite Grouping: "cites in in-text
    # citations with identical rendered names are grouped"): there its delimiter defaults to
    # ", "; a note style that collapses keeps its layout delimiter between the cites.
    cgd = cgd if cgd is not None else (delim if run.style.cls == "note" else ", ")
    acd = sec.opt("after-collapse-delimiter", delim)
    explicit_acd = sec.opt("after-collapse-delimiter") is not None
    ysd = sec.opt("year-suffix-delimiter", sec.opt("cite-group-delimiter", delim))

    rendered = []
    note_style = run.style.cls == "note"
    for k, c in enumerate(cites):
        tree, names, locator_shown, authorless = _render_cite(run, c)
        pre = c.get("prefix") or ""
        # CSL 1.0.2 ("Citation", a note to processor developers): a citation that is the
        # note itself starts with a capital; one inside a note's text is printed as is.
        if tree is not None and ((note_style and opens_note and k == 0 and not pre)
                                 or (pre and _SENTENCE_END.search(pre) and len(pre.split()) > 1)):
            capitalize_term(tree)
        st = run.states.get(c["item"].id)
        d = c["item"].date("issued")
        year = d.start[0] if d else None
        rendered.append(_Rendered(c, tree, names, year,
                                  st.year_suffix if st else None,
                                  run.numbers.get(c["item"].id),
                                  locator_shown, authorless))
    if len(rendered) > 1 and any(r.tree is not None for r in rendered):
        for r in rendered:
            if r.tree is None and not (r.cite.get("suppress-author") or r.cite.get("author-only")):
                # a cite the style prints nothing for, among cites it prints: the page shows
                # the others (a marker in running text would be published), the writer is
                # warned; a citation with nothing to show gets the marker (engine.render)
                run.warnings.append(f"a citation of {r.cite['item'].id} has no printed form")

    pieces: list[tuple[object, str]] = []  # (tree, delimiter before it)
    if collapse == "citation-number":
        pieces = _collapse_numbers(run, rendered, delim, acd)
    elif grouping:
        # Grouping follows the citation's sort (CSL 1.0.2, Cite Grouping: it "takes place
        # after cite sorting"): a style that does not sort its cites keeps the writer's order,
        # and only neighbouring cites of one author collapse ("Aalto 2015a,b; Bartleby 2010;
        # Aalto 2015c"). So does a note style: grouping is of "in-text citations", the
        # citations of an in-text style (`class`), so a note's cites keep the sort.
        groups = _group_by_names(rendered, move=bool(sec.sort) and not note_style)
        prev_collapsed = False
        order = [r for g in groups for r in g]
        starts, at = [], 0  # where each group starts in `order`
        for g in groups:
            starts.append(at)
            at += len(g)

        def rendered_before(n):
            return order[starts[n] - 1] if starts[n] else None

        for n, g in enumerate(groups):
            after_locator = pieces and rendered_before(n) is not None and rendered_before(
                n).cite.get("locator") and collapse
            # citeproc-js: with collapse="year" the style's after-collapse-delimiter parts
            # every author group; with "year-suffix" (and "year-suffix-ranged", as pandoc)
            # only one that follows a collapsed group. A cite that prints nothing of its
            # item's in the names' place (a term, or only its year) starts no author group:
            # the layout's delimiter stays before it, as the specification says ("(Kolbert
            # 2020; o. A. 2023)", "(Kolbert 2020; 2023)"; fachhochschule-kiel-fachbereich-
            # medien, as citeproc-js); a title standing in for the author is one ("(Kolbert
            # 2020 ; «Hospitals brace…» 2023)", tabula, as citeproc-js).
            always_acd = collapse == "year" and sec.opt(
                "after-collapse-delimiter") is not None and not g[0].authorless
            sep = (acd if prev_collapsed or after_locator or always_acd else delim) \
                if pieces else ""
            if len(g) == 1:
                pieces.append((_piece(run, g[0].cite, g[0].tree), sep))
                prev_collapsed = False
                continue
            if collapse is None:
                for k, r in enumerate(g):
                    pieces.append((_piece(run, r.cite, r.tree), sep if k == 0 else cgd))
                prev_collapsed = True
                continue
            pieces.append((_piece(run, g[0].cite, g[0].tree), sep))
            suffix_run = False
            k = 1
            last_year_piece = g[0]
            while k < len(g):
                r = g[k]
                if (collapse in ("year-suffix", "year-suffix-ranged") and r.suffix is not None
                        and last_year_piece.year == r.year and last_year_piece.suffix is not None):
                    run_ = [r]
                    while (k + len(run_) < len(g) and g[k + len(run_)].suffix is not None
                           and g[k + len(run_)].year == r.year):
                        run_.append(g[k + len(run_)])
                    located = any(x.locator_shown for x in [last_year_piece] + run_)
                    if collapse == "year-suffix-ranged" and not located:
                        pieces.extend(_suffix_ranges(run, [last_year_piece] + run_, ysd))
                    else:
                        # a cite with a locator keeps it after its letter ("2022a, p. 100,
                        # b, p. 6"); a range of letters would lose the locators between (one
                        # the citation does not print is none to lose). The year-suffix
                        # delimiter joins bare letters ("1999a,b"); a letter with its locator
                        # is a cite of the group, set off by the group's delimiter ("2011a
                        # 51, b 7"; the specification's "2000a–c, 2000d, p. 5"; citeproc-js)
                        for x in run_:
                            tree = _letter(run, x.cite, x.suffix)
                            if x.locator_shown:
                                tree, *_ = _render_cite(run, x.cite, suppress_names=True,
                                                       year_as_suffix=True)
                            pieces.append((_linked(run, x.cite, tree),
                                           cgd if x.locator_shown else ysd))
                    k += len(run_)
                    last_year_piece = run_[-1]
                    suffix_run = True
                    continue
                tree, *_ = _render_cite(run, r.cite, suppress_names=True)
                # After a cite whose locator the citation prints comes the after-collapse
                # delimiter ("1999, 328; 2000"; "Smith, 2019, p. 2; 2020", as pandoc); before
                # one too when the style names that delimiter, lest the locator read as one
                # more year ("2016; 2015, 333", not "2016, 2015, 333"). A locator the citation
                # does not print parts nothing: the group's delimiter stays ("2020a, 2020b").
                by_locator = g[k - 1].locator_shown or (explicit_acd and r.locator_shown)
                sep = acd if by_locator else (delim if suffix_run else cgd)
                pieces.append((_piece(run, r.cite, tree), sep))
                suffix_run = False
                last_year_piece = r
                k += 1
            prev_collapsed = True
    else:
        for r in rendered:
            pieces.append((_piece(run, r.cite, r.tree), delim if pieces else ""))

    out = []
    prev_cite = None
    plain_path = not grouping and collapse != "citation-number"
    aligned = [r.cite for r in rendered] if plain_path else [None] * len(pieces)
    for (tree, sep), cite in zip(pieces, aligned):
        if tree is None or is_empty(tree):
            continue
        if out and sep and cite is not None:
            # A cite's own punctuation wins over the delimiter: a prefix ", and " replaces
            # it, a suffix ending in "," keeps only its space.
            pre = cite.get("prefix") or ""
            suf = (prev_cite or {}).get("suffix") or ""
            if pre and pre[0] in _PUNCT:
                sep = ""
            elif suf and suf[-1] in _PUNCT:
                sep = sep.lstrip(_PUNCT) or " "
        if out and sep:
            out.append(sep)
        out.append(tree)
        prev_cite = cite
    if not out:
        return None
    for key in missing:
        out += [delim, Node([f"{key}?"], fmt={"font-weight": "bold"}, nocase=True,
                            verbatim=True)]
    body = Node(out)
    if all(c.get("author-only") for c in cites):
        return body  # an author-only cite is the name alone, as in running text
    if prefix or suffix:
        body = _affixed({"prefix": prefix, "suffix": suffix}, body)
    # (a layout's suffix ". " leaves nothing after the citation's last stop, as in
    # citeproc-js; "] " keeps its space, and a space the cite itself ends with stays)
    layout_suffix = layout.suffix
    if layout_suffix.rstrip()[-1:] in (".", ";", ":", "!", "?"):
        layout_suffix = layout_suffix.rstrip()
    if layout.prefix or layout_suffix:
        body = Node([x for x in (layout.prefix, body, layout_suffix) if x])
    if layout.fmt:
        body = Node([body], fmt=layout.fmt)
    return body


_PUNCT = ",;:."


def _letter(run, cite, n: int):
    """A cite's year-suffix alone, as the citation prints the year-suffix variable."""
    letter = suffix_letters(n)
    el = run.style.citation_year_suffix
    if el is None:
        return letter
    return el.finish(run.ctx(cite["item"], cite, "citation", run.style.citation), letter)


def _suffix_ranges(run, cites, ysd):
    """cites[0]'s letter is already printed; the rest print as letters, runs of 3+ as 'a–c'
    (each letter linked to its own cite's entry)."""
    seq = [r.suffix for r in cites]

    def letter(i):
        return _linked(run, cites[i].cite, _letter(run, cites[i].cite, seq[i]))

    pieces = []
    i = 1
    while i < len(seq):
        j = i
        while j + 1 < len(seq) and seq[j + 1] == seq[j] + 1:
            j += 1
        # A run may start at the already printed seq[i-1].
        start = i
        if seq[i] == seq[i - 1] + 1 and j - (i - 1) >= 2:
            # extend the previous printed letter into a range
            pieces.append((Node(["\u2013", letter(j)]), None))
            i = j + 1
            continue
        if j - start >= 2:
            pieces.append((Node([letter(start), "\u2013", letter(j)]), ysd))
        else:
            for k in range(start, j + 1):
                pieces.append((letter(k), ysd))
        i = j + 1
    return [(t, "" if s is None else s) for t, s in pieces]


def _collapse_numbers(run, rendered, delim, acd):
    pieces = []
    i = 0
    prev_collapsed = False
    while i < len(rendered):
        j = i
        # (the first cite of a range may have a prefix, which reads over the range: "see
        # 26–28", as citeproc-js)
        while (j + 1 < len(rendered) and rendered[j].number is not None
               and rendered[j + 1].number == rendered[j].number + 1
               and _bare_number(rendered[j + 1])
               and _bare_number(rendered[j], head=j == i)
               and rendered[j].tree is not None and rendered[j + 1].tree is not None):
            j += 1
        sep = (acd if prev_collapsed else delim) if pieces else ""
        if j - i >= 2:
            first, last = rendered[i], rendered[j]
            pieces.append((Node([_piece(run, first.cite, first.tree), "\u2013",
                                 _linked(run, last.cite, last.tree)]), sep))
            prev_collapsed = True
        else:
            for k in range(i, j + 1):
                pieces.append((_piece(run, rendered[k].cite, rendered[k].tree),
                               sep if k == i else delim))
            prev_collapsed = False
        i = j + 1
    return pieces


def _group_by_names(rendered, move: bool = True) -> list[list]:
    """The cites in groups by author, each group where its first cite stands. A cite joins the
    first group of its names it may join: not across a cite with a prefix or suffix (only the
    head may have a prefix, nothing in the group a suffix: as pandoc, "Smith, 2019; see Smith,
    2020" keeps its second cite whole). With `move` False a cite joins only the group just
    before it: the cites keep their order. Linear in the cites (a cluster may hold 50,000)."""
    groups: list[list] = []
    heads: dict[str, list[int]] = {}  # names -> positions of the groups' heads, ascending
    group_at: dict[int, list] = {}  # head position -> its group
    last_affix = -1  # position of the last cite so far with a prefix or suffix
    for i, r in enumerate(rendered):
        if _has_affix(r.cite):
            last_affix = i
        joined = False
        if r.names is not None and not r.cite.get("author-only"):
            cands = heads.get(r.names, [])
            if not move:
                cands = cands[-1:] if cands and group_at[cands[-1]] is groups[-1] else []
            # A head may take r when no cite after it, up to r, has an affix: the heads at or
            # after the last affix; the one at it only when its affix is not a suffix.
            k = bisect.bisect_left(cands, last_affix)
            if k < len(cands) and rendered[cands[k]].cite.get("suffix"):
                k += 1
            if k < len(cands):
                group_at[cands[k]].append(r)
                joined = True
        if not joined:
            g = [r]
            groups.append(g)
            group_at[i] = g
            if r.names is not None:
                heads.setdefault(r.names, []).append(i)
    return groups


def _bare_number(r, head: bool = False) -> bool:
    """A cite that prints its number alone joins a range ("10–12"): no prefix (but the
    range's `head`) or suffix, and no locator that the style prints (a numeric style that
    leaves locators out of its citations collapses a cited page's number too, as citeproc-js
    does)."""
    cite = r.cite
    return (not (cite.get("locator") and r.locator_shown)
            and (head or not cite.get("prefix")) and not cite.get("suffix"))
