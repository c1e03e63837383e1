"""`render`: items and citation clusters through a compiled style to a Result."""

from __future__ import annotations

import functools

from biblio import collector
from biblio.csl import abbreviations as abbrev
from biblio.csl import clean, collate, disambiguate
from biblio.csl import locale as locale_mod
from biblio.csl import memo as memo_mod
from biblio.csl import style as style_mod
from biblio.csl.cites import capitalize_term, narrative_names, print_order, render_cluster
from biblio.csl.context import Ctx, Item, ItemState, is_turkic, link_target
from biblio.csl.output import write
from biblio.csl.result import Entry, Result
from biblio.csl.rich import (
    Node,
    into_last_display,
    is_empty,
    lstrip_display,
    plain,
    rstrip_display,
)


@functools.lru_cache(maxsize=64)
def _locale(style: style_mod.Style, lang: str):
    return locale_mod.load(lang, style.locales)


# what a citation the style prints nothing for shows (citeproc-js's words)
_NO_FORM = "[CSL STYLE ERROR: reference with no printed form.]"


class Run:
    """One render call's state: style, locale, items, per-item disambiguation."""

    def __init__(self, style, loc, items, output, links, link_cites=False, memo=None,
                 contents=None, signal_groups=False):
        self.style = style
        # a signal ("see also") heads the cites after it, sorted under it (cites.py)
        self.signal_groups = signal_groups
        self.locale = loc
        self.items = items
        self.by_id = {it.id: it for it in items}
        self.output = output
        self.links = links
        # True: every cite links to its entry; a collection: only cites of these ids.
        self.link_cites = link_cites
        self.states: dict[str, ItemState] = {it.id: ItemState() for it in items}
        self.numbers: dict[str, int] = {}
        self.sort_keys: dict = {}  # (item id, "citation"/"bibliography") -> key
        # item id -> (its disambiguation state, layout parts, first names, whether they are
        # real names) of its last plain first cite, rendered for disambiguation: the first
        # cite of the document, when it is as plain and the state unchanged, reuses it
        self.first_renders: dict = {}
        # (item id, position, frozen disambiguation state) -> a cite's rendering for
        # disambiguation: (its text, layout parts, first names, whether they are real names)
        self.cite_keys: dict = {}
        # item id -> the note of its first cite, which its later cites print (positions())
        self.first_notes: dict[str, int] = {}
        self.warnings: list[str] = []
        self.quotes = None  # the locale's quote marks, when first written
        self.rule_initials = style.citation is not None and style.citation.opt(
            "givenname-disambiguation-rule", "by-cite").endswith("with-initials")
        # renderings shared with other calls (memo.py): item id -> its content key
        self.memo = memo
        self.contents: dict = contents or {}
        self.scope = memo.scope(style, loc) + (output, links) if memo is not None else None

    def memo_key(self, item, *parts):
        """The key of a rendering of `item` that reads its content and its state in this
        document (and `parts`), or None when this call shares nothing."""
        c = self.contents.get(item.id) if self.memo is not None else None
        if c is None:
            return None
        st = self.states.get(item.id)
        return (self.scope, c, disambiguate.frozen(st) if st else None,
                self.numbers.get(item.id) if self.style.reads_number else None) + parts

    def ctx(self, item, cite=None, mode="citation", section=None) -> Ctx:
        c = Ctx(self.style, self.locale, item, cite, mode, section, self.links)
        c.disamb = self.states.get(item.id)
        c.citation_number = self.numbers.get(item.id)
        c.disamb_rule_initials = self.rule_initials
        return c

    def cite_ref(self, item_id: str) -> str | None:
        """The id a cite's text links to, or None when this cite is not linked."""
        lc = self.link_cites
        if lc is True or (lc and not isinstance(lc, bool) and item_id in lc):
            return item_id
        return None

    def write(self, tree) -> str:
        if tree is None:
            return ""
        if self.quotes is None:  # (four term lookups: once per call, not once per text)
            self.quotes = self.locale.quotes
        return write(tree, self.output, quotes=self.quotes,
                     punctuation_in_quote=self.locale.punctuation_in_quote)

    def bib_entry(self, item, sas=None):
        sec = self.style.bibliography
        ctx = self.ctx(item, None, "bibliography", sec)
        ctx.sas = sas
        layout = sec.layout
        rendered = [(c, c.render(ctx)) for c in layout.children]
        rendered = [(c, p) for c, p in rendered if p is not None and not is_empty(p)]
        parts = [p for _, p in rendered]
        if not parts or not plain(Node(parts)).strip():
            return None, ctx  # (white space alone is no entry: austrian-legal's " " statute)
        # An entry opening with a term starts with a capital ("O. V. (1954a)" for "o. V."),
        # after its number too ("[29] N.d.", as citeproc-js).
        numbered = getattr(rendered[0][0], "variable", None) == "citation-number"
        capitalize_term(Node(parts[1:] if numbered else parts))
        aligned = sec.opt("second-field-align") in ("flush", "margin") and len(parts) > 1
        if self.links and not any(_has_link(p) for p in reversed(parts)):
            # No identifier printed: the title links to the work (CSL 1.0.2 appendix VI),
            # or the entry's text does when it has no title.
            target = _work_link(item)
            if target and ctx.title_node is not None:
                ctx.title_node.link = target
            elif target:
                at = 1 if aligned else 0
                parts[at:] = [Node(parts[at:], link=target)]
        if aligned:
            first = Node([layout.prefix, parts[0]] if layout.prefix else [parts[0]])
            rest = Node(parts[1:] + ([layout.suffix] if layout.suffix else []))
            inner = Node([Node([first], display="left-margin"),
                          Node([Node([rest], fmt=layout.fmt)], display="right-inline")])
            return rstrip_display(inner), ctx
        tree = Node(parts)
        suffix = layout.suffix
        if suffix and (inside := into_last_display(tree, suffix)) is not None:
            tree, suffix = inside, ""
        if layout.prefix or suffix:
            tree = Node([x for x in (layout.prefix, tree, suffix) if x])
        if layout.fmt:
            tree = Node([tree], fmt=layout.fmt)
        return rstrip_display(lstrip_display(tree)), ctx


def _bib_text(run, item, sas_state) -> tuple[str | None, tuple]:
    """An entry's text (None: it prints nothing) and the names it starts with (for the next
    entry's subsequent-author-substitute)."""
    key = run.memo_key(item, "entry")
    if key is not None and sas_state is not None:
        prev = memo_mod.content(sas_state[2])
        key = None if prev is None else key + (prev,)
    got = run.memo.get(key) if key is not None else None
    if got is None:
        tree, ctx = run.bib_entry(item, sas_state)
        got = (None if tree is None else run.write(tree),
               (ctx.first_names_text, ctx.first_names_data))
        if key is not None:
            run.memo.put(key, got)
    return got


def _has_link(tree) -> bool:
    if not isinstance(tree, Node):
        return False
    if tree.link is not None:
        return True
    for c in reversed(tree.children):  # (an entry's identifier comes last, as a rule)
        if c.__class__ is not str and _has_link(c):
            return True
    return False


# Which identifier a work's link goes to when the entry prints none, most lasting first.
_LINK_ORDER = ("DOI", "PMCID", "PMID", "URL")


def _work_link(item) -> str | None:
    for var in _LINK_ORDER:
        value = item.data.get(var)
        if isinstance(value, str) and value.strip():
            target = link_target(var, value)
            if target:
                return target
    return None


def render(style, items, clusters=None, *, locale=None, output="html", links=False,
           link_cites=False, uncited=(), abbreviations=None, memo=None,
           signal_groups=False) -> Result:
    # (millions of short-lived objects and no cycles: biblio.collector)
    with collector.paused():
        return _render(style, items, clusters, locale=locale, output=output, links=links,
                       link_cites=link_cites, uncited=uncited, abbreviations=abbreviations,
                       memo=memo, signal_groups=signal_groups)


def _render(style, items, clusters, *, locale, output, links, link_cites, uncited,
            abbreviations=None, memo=None, signal_groups=False) -> Result:
    st = style_mod.load(style)
    lang = locale or style_mod.style_lang(st) or "en-US"
    loc = _locale(st, lang)
    res = Result()
    english = loc.lang.lower().startswith("en")
    turkic = is_turkic(loc.lang)
    prepared = []
    seen = set()
    shorts = abbrev.table(abbreviations, res.warnings) if abbreviations else None
    contents: dict = {}  # item id -> content key (memo.py)
    items_scope = memo.scope(loc) if memo is not None else None
    for n, data in enumerate(items):
        if not isinstance(data, dict):
            res.warnings.append(f"item {n + 1} is not an object; skipped")
            continue
        data = clean.item(data, n + 1, res.warnings)
        if shorts:
            data = abbrev.apply(data, shorts)
        if data.get("id") in (None, ""):
            data = dict(data, id=f"item-{n + 1}")
            res.warnings.append(f"item {n + 1} has no id; rendered as {data['id']}")
        if not data.get("type"):
            res.warnings.append(f"item {data['id']} has no type")
        if memo is not None and (key := memo_mod.content(data)) is not None:
            # (an item's parsed dates and names, worked out once for every call)
            item = memo.get((items_scope, "item", key))
            if item is None:
                item = Item(data, english, turkic)
                memo.put((items_scope, "item", key), item)
            contents[item.id] = key
        else:
            item = Item(data, english, turkic)
            contents.pop(item.id, None)
        if item.id in seen:
            res.warnings.append(f"item {item.id} appears twice; the last one is used")
            prepared = [it for it in prepared if it.id != item.id]
        seen.add(item.id)
        prepared.append(item)
    if link_cites and not isinstance(link_cites, bool):
        link_cites = frozenset(str(k) for k in link_cites)
    run = Run(st, loc, prepared, output, links, link_cites, memo, contents, signal_groups)
    run.warnings = res.warnings

    # A cluster is a list of cites, or a mapping of them ("cites") with the whole citation's
    # "prefix" and "suffix", "reset-position" (position tracking starts afresh there) and
    # "mid-note" (written inside a note's text: printed as is).
    affixes, resets, mid_note, unknown = [], set(), set(), {}
    if clusters is not None:
        plain_clusters = []
        for n, cl in enumerate(clusters):
            pre = suf = ""
            if isinstance(cl, dict):
                pre, suf = str(cl.get("prefix") or ""), str(cl.get("suffix") or "")
                if cl.get("missing"):
                    unknown[n] = [str(k) for k in cl["missing"]]
                if cl.get("reset-position"):
                    resets.add(n)
                if cl.get("mid-note"):
                    mid_note.add(n)
                cl = cl.get("cites")
            affixes.append((pre, suf))
            plain_clusters.append([c for c in (clean.cite(x, res.warnings) for x in cl) if c]
                                  if isinstance(cl, list) else [])
        clusters = plain_clusters
    # The items the document uses, in order of first citation.
    if clusters is None:
        used = list(prepared)
    else:
        used, got = [], set()
        cited = [str(c.get("id")) for cluster in clusters for c in cluster]
        for cid in cited + [str(i) for i in uncited]:
            if cid not in run.by_id:
                if cid not in got:
                    res.warnings.append(f"citation of unknown item {cid!r}")
                    got.add(cid)
                continue
            if cid not in got:
                got.add(cid)
                used.append(run.by_id[cid])

    # Bibliography order decides citation numbers (first-cited order without a sort).
    bib_order = used
    if st.bibliography is not None and st.bibliography.sort:
        for i, it in enumerate(used):
            run.numbers[it.id] = i + 1
        bib_order = collate.sort_items(run, used, st.bibliography, "bibliography")
    for i, it in enumerate(bib_order):
        run.numbers[it.id] = i + 1
    if st.bibliography is not None and st.bibliography.sort and any(
        k.variable == "citation-number" or (k.macro and k.macro in st.number_macros)
        for k in st.bibliography.sort
    ):
        # A sort on citation-number (often descending) re-sorts with the numbers in place.
        run.sort_keys.clear()
        bib_order = collate.sort_items(run, used, st.bibliography, "bibliography")

    positioned = None
    if clusters is not None and st.citation is not None:
        positioned = disambiguate.positions(run, clusters, frozenset(resets),
                                            functools.partial(print_order, run))
        # (the cites' sort keys read the items' disambiguation, which comes next)
        run.sort_keys.clear()
    if st.citation is not None:
        disambiguate.run(run, bib_order)

    if positioned is not None:
        for n, (cluster, (pre, suf)) in enumerate(zip(positioned, affixes)):
            tree = render_cluster(run, cluster, pre, suf, opens_note=n not in mid_note,
                                  missing=unknown.get(n, ()))
            if tree is None and cluster and not any(
                    c.get("suppress-author") or c.get("author-only") for c in cluster):
                # cites the style prints nothing for: say so where the citation goes
                res.warnings.append("a citation of " + ", ".join(
                    str(c["item"].id) for c in cluster) + " has no printed form")
                lay = st.citation.layout  # (in the layout's affixes, as citeproc-js)
                tree = Node([x for x in (lay.prefix, _NO_FORM, lay.suffix) if x])
            res.citations.append(run.write(tree))
            res.authors.append(run.write(narrative_names(run, cluster)))

    if st.bibliography is not None:
        sas = st.bibliography.opt("subsequent-author-substitute")
        prev = None
        for it in bib_order:
            state = (sas, st.bibliography.opt("subsequent-author-substitute-rule",
                                              "complete-all"), prev) if sas is not None else None
            text, prev = _bib_text(run, it, state)
            if text is None:
                res.warnings.append(f"item {it.id} has no printed form in the bibliography")
                if not st.numeric:
                    continue
                # A numbered list keeps the entry, so the numbering has no gap.
                text = f"{run.numbers[it.id]}. {_NO_FORM}"
            res.bibliography.append(Entry(it.id, text))
        b = st.bibliography
        res.params = {
            "hanging-indent": b.opt("hanging-indent") == "true",
            "line-spacing": b.int_opt("line-spacing", 1),
            "entry-spacing": b.int_opt("entry-spacing", 1),
            "second-field-align": b.opt("second-field-align"),
        }
    # A sort key refers back to the run (collate.LazyKey): the cycle would keep the run and
    # all its renderings for the cyclic collector, which then spends as long as a tenth of
    # the render walking them. Broken here, they are freed as the call returns.
    run.sort_keys.clear()
    return res
