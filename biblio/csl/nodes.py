"""The compiled style: CSL elements as node objects evaluated against an item.

A style is parsed once (see biblio.csl.style) into these nodes; `render(ctx)` returns a rich
tree (biblio.csl.rich) or None when the element produces nothing.
"""

from __future__ import annotations

import re

from biblio.csl import numbers, textcase
from biblio.csl.rich import Node, is_empty, parse_markup, plain

NS = "{http://purl.org/net/xbiblio/csl}"

NAME_VARS = frozenset(
    ["author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator", "director", "editor", "editorial-director", "editor-translator", "executive-producer", "guest", "host", "illustrator", "interviewer", "narrator", "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author", "script-writer", "series-creator", "translator"]
)
DATE_VARS = frozenset(
    ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
)
# What a short form reads before the variable itself (Ctx.text_variable).
_SHORT = {"title": ("title-short", "shortTitle"),
          "container-title": ("container-title-short", "journalAbbreviation")}
NUMBER_VARS = frozenset(
    ["chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number", "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part-number", "printing-number", "section", "supplement-number", "version", "volume"]
)


class Element:
    """Shared formatting: affixes, display, quotes, text-case, strip-periods, font attributes."""

    __slots__ = (
        "delimiter",
        "display",
        "fmt",
        "prefix",
        "quotes",
        "strip_periods",
        "suffix",
        "text_case",
    )

    def __init__(self, el):
        g = el.get
        self.prefix = g("prefix") or ""
        self.suffix = g("suffix") or ""
        self.display = g("display")
        self.quotes = g("quotes") == "true"
        self.text_case = g("text-case")
        self.strip_periods = g("strip-periods") == "true"
        self.delimiter = g("delimiter")
        fmt = {}
        for key in ("font-style", "font-weight", "font-variant", "vertical-align",
                    "text-decoration"):
            v = g(key)
            if v:
                fmt[key] = v
        self.fmt = fmt or None

    def formats(self) -> bool:
        """Whether finish changes content that prints (else it returns it as it is)."""
        return bool(self.prefix or self.suffix or self.display or self.quotes
                    or self.text_case or self.fmt)

    def finish(self, ctx, content, affixes=True, term=False):
        if content is None:
            return None
        if content.__class__ is str:
            if not content:
                return None
        else:
            kids = content.children
            # (most nodes open with text: printing, without is_empty's call)
            if not (kids and kids[0].__class__ is str and kids[0]) and is_empty(content):
                return None
        if self.text_case:
            # A term is in the locale's language; a variable in the item's.
            english = True if term else ctx.english
            turkic = ctx.locale_turkic if term else ctx.turkic
            content = textcase.apply(content, self.text_case, english, turkic)
        if self.fmt or self.quotes:
            fmt = self.fmt
            # (a group, a macro call, cs:names or cs:name slants what it encloses; the
            # element printing the Han text itself leaves it upright)
            if (fmt and "font-style" in fmt and not getattr(self, "encloses", False)
                    and not getattr(self, "macro", None) and unslanted(plain(content))):
                fmt = {k: v for k, v in fmt.items() if k != "font-style"} or None
            content = Node([content], fmt=fmt, quotes=self.quotes)
        if affixes and (self.prefix or self.suffix):
            content = Node([x for x in (self.prefix, content, self.suffix) if x])
        if self.display:
            content = Node([content], display=self.display)
        return content


def _cjk(c: str) -> bool:
    o = ord(c)
    return (0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF
            or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FA1F)


def unslanted(text: str) -> bool:
    """Text in Chinese, Japanese or Korean script alone, with no Latin-like letter or digit:
    those scripts have no italic, so a style's font-style leaves it upright (citeproc-js
    does the same; a slanted Han title is a faux oblique, not an italic)."""
    # (no character from U+2E80 on, the first _cjk accepts: none of them; "é" is not)
    if text.isascii() or max(text) < "\u2e80":
        return False
    return any(_cjk(c) for c in text) and not any(
        c.isdigit() or (c.isalpha() and not _cjk(c)) for c in text)


class Term(Node):
    """A locale term's text: capitalized when it opens a note or follows a full stop."""


class Splice(Node):
    """The output of cs:choose: its parts take the enclosing group's delimiter."""


def _flatten(parts, out, rendered) -> None:
    """The parts that print, with a choose's parts (a Splice) in its place."""
    for p in parts:
        if p is None:
            continue
        if p.__class__ is str:
            if p:
                out.append(p)
        elif p.__class__ is Splice:
            _flatten(p.children, out, rendered)
        else:
            kids = p.children
            # (most nodes open with text: printing, without is_empty's call)
            if rendered or (kids and kids[0].__class__ is str and kids[0]) or not is_empty(p):
                out.append(p)


def join(parts, delimiter, rendered=False) -> Node | None:
    """The parts that print, `delimiter` between them; None when none prints. `rendered`: the
    parts are what nodes' render returned, which is None or prints (each render method
    returns what finish or join returns, or checks), so a node among them needs no test."""
    if len(parts) == 1:
        # (one part, as most are: the answer below without _flatten's call or a list)
        p = parts[0]
        if p is None:
            return None
        if p.__class__ is str:
            return Node([p]) if p else None
        if p.__class__ is not Splice:
            kids = p.children
            # (most nodes open with text: printing, without is_empty's call)
            if rendered or (kids and kids[0].__class__ is str and kids[0]) or not is_empty(p):
                return p
            return None
    flat: list = []
    _flatten(parts, flat, rendered)
    n = len(flat)
    if not n:
        return None
    if n == 1:
        return flat[0] if isinstance(flat[0], Node) else Node(flat)
    if not delimiter:
        return Node(flat)
    out = [delimiter] * (2 * n - 1)
    out[::2] = flat
    return Node(out)


def render_children(children, ctx):
    return [c.render(ctx) for c in children]


# Identifiers print as they are: no markup, no stripped periods (a DOI without its periods
# resolves nowhere; citeproc-js leaves them too)
IDENTIFIERS = frozenset(("URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID"))


def _strip_periods(x):
    if isinstance(x, str):
        return x.replace(".", "")
    if x is None:
        return None
    x.children = [_strip_periods(c) for c in x.children]
    return x


class Text(Element):
    __slots__ = ("bare", "form", "macro", "macro_node", "plural", "term", "value", "variable")

    def __init__(self, el, style):
        super().__init__(el)
        self.variable = el.get("variable")
        self.macro = el.get("macro")
        self.macro_node = None  # the compiled macro, found on first use (it may come later)
        self.term = el.get("term")
        self.value = el.get("value")
        self.form = el.get("form") or "long"
        self.plural = el.get("plural") == "true"
        # A call with no formatting of its own: the macro's output (None or not empty) is
        # what finish would return.
        self.bare = not (self.formats() or self.strip_periods)

    def render(self, ctx):
        if self.macro:
            macro = self.macro_node
            if macro is None:
                macro = self.macro_node = ctx.style.stand_ins.get(self.macro)
            content = macro.render(ctx) if macro else None
            if self.bare:
                return content
        elif self.variable:
            content = ctx.text_variable(self.variable, self.form)
        elif self.term:
            t = ctx.locale.term(self.term, self.form, self.plural)
            t = tight_space(t) if t else t
            # (a term the style lowercases stays so where it opens a note or an entry)
            kind = Node if self.text_case == "lowercase" else Term
            content = kind([parse_markup(t) if "<" in t else t]) if t else None
        else:
            # A value is rich text as a field is: <b>, <i>, quotes (citeproc-js).
            content = parse_markup(tight_space(self.value)) if self.value else None
        if self.bare and content.__class__ is str:
            return content or None  # (what finish returns, without its call)
        if content is not None and self.strip_periods and self.variable not in IDENTIFIERS:
            content = _strip_periods(content)
        if (isinstance(content, Node) and content.link and self.prefix.startswith("http")
                and not self.suffix):
            # "https://doi.org/" as the style's prefix belongs inside the link.
            linked = Node([self.prefix + content.plain()], link=content.link)
            return Element.finish(_NoPrefix(self), ctx, linked)
        return self.finish(ctx, content, term=self.term is not None)


_SPACE_BEFORE_MARK = re.compile(r" ([:;?!\u00bb])")


def tight_space(s: str) -> str:
    """Text spaced the French way ("Disponible sur :", "« Anonymous »"), a style's own or a
    field's, keeps the mark on the line of its word: the space before ; : ? ! » and after «
    becomes a narrow no-break one (French typography; citeproc-js does so)."""
    if " " not in s:
        return s
    return _SPACE_BEFORE_MARK.sub("\u202f\\1", s).replace("\u00ab ", "\u00ab\u202f")


class _NoPrefix:
    """A view of an element without its prefix."""

    def __init__(self, el):
        self.__dict__.update({k: getattr(el, k) for k in Element.__slots__})
        self.prefix = ""


class Number(Element):
    __slots__ = ("form", "variable")

    def __init__(self, el, style):
        super().__init__(el)
        self.variable = el.get("variable")
        self.form = el.get("form") or "numeric"

    def render(self, ctx):
        value = ctx.number_value(self.variable)
        if value is None:
            return None
        if ctx.mode == "sort" and numbers.is_numeric(value):
            return _pad(str(value))
        out = numbers.render_number(value, self.form, ctx, self.variable)
        # An ordinal term may be rich text ("<sup>e</sup>"); a numeric field's own text is
        # not parsed (CSL suite flipflop_NumericField).
        rich = "<" in out and "<" not in str(value)
        # a long ordinal's words are the locale's terms ("seconda"), cased as a term is
        words = self.form == "long-ordinal" and out != str(value).strip()
        return self.finish(ctx, parse_markup(out) if rich else out, term=words)


class Label(Element):
    __slots__ = ("for_locator", "form", "plural", "variable")

    def __init__(self, el, style):
        super().__init__(el)
        self.variable = el.get("variable")
        self.form = el.get("form") or "long"
        self.plural = el.get("plural") or "contextual"
        self.for_locator = False  # a page label written just before the locator

    def render(self, ctx):
        variable = self.variable
        if self.for_locator and ctx.cite is not None and ctx.cite.get("locator"):
            # `<label variable="page"/><text variable="locator"/>`: the label of the cited
            # page ("p. 30", "pp. 23–25"), not of the item's page range; nothing for a
            # chapter or section locator, whose own label the style prints elsewhere
            # (styles_diff.md, "a page label before a locator").
            if (ctx.cite.get("label") or "page") != "page":
                return None
            variable = "locator"
        text = numbers.label_for(ctx, variable, self.form, self.plural)
        if not text:
            return None
        if self.strip_periods:
            text = text.replace(".", "")
        return self.finish(ctx, text, term=True)


def group_parts(children, ctx, macro=False):
    """The rendered children of a group, or None when they call variables and print none of
    them (CSL's group rule); the counts of called and printed variables add up outward. A
    `macro` that calls year-suffix is kept (citeproc-js): its "n.d." beside an empty date
    prints."""
    # (the counts only grow: the children's are what they added)
    called, rendered, suffixes = ctx.called, ctx.rendered, ctx.year_suffix_calls
    parts = []
    for c in children:  # (a loop, not a comprehension: no frame of its own; called often)
        parts.append(c.render(ctx))
    if ctx.called != called and ctx.rendered == rendered and not (
            macro and ctx.year_suffix_calls != suffixes):
        return None
    return parts


def absent(node, ctx) -> bool:
    """True when the group or macro `node` is sure to print nothing for this item, because
    every variable it could print is empty: its children need not be evaluated. The answer
    is the one group_parts would reach (its variables called, none printed)."""
    gate = node.gate
    if gate is _UNDECIDED:
        gate = node.gate = _gate(node.children, ctx.style, set())
    # (A suppressed variable is empty too: the children are evaluated, and count it called.)
    if gate is None or not ctx.item.filled.isdisjoint(gate) or (
            ctx.suppressed and not ctx.suppressed.isdisjoint(gate)):
        return False
    ctx.called += 1
    return True


def _gate(children, style, seen):
    """The variables of an implicit group (a group's or macro's children) when, with all of
    them empty, it is sure to print nothing and to count as having called a variable; None
    when it may print anyway (a term-only group or macro, names, a locator, a disambiguate
    condition, which counts its evaluations)."""
    got = _reach_all(children, style, seen)
    return frozenset(got[0]) if got is not None and got[1] else None


def _reach_all(children, style, seen):
    """`_reach` of a list of siblings: their variables, and whether one is sure to be called."""
    out: set = set()
    sure = False
    for c in children:
        got = _reach(c, style, seen)
        if got is None:
            return None
        out |= got[0]
        sure = sure or got[1]
    return out, sure


def _reach(node, style, seen):
    """(variables, calls one for sure) of a node evaluated with all of them empty, or None
    when the node may print, or change state, with them empty."""
    cls = node.__class__
    if cls is Macro or (cls is Text and node.macro):
        # (a macro called with no formatting stands in its caller's place: link_macros)
        name = node.name if cls is Macro else node.macro
        macro = style.macros.get(name)
        if macro is None or name in seen:
            return None
        seen.add(name)
        gate = _gate(macro.children, style, seen)
        seen.discard(name)
        return None if gate is None else (set(gate), True)
    if cls is Text:
        if node.variable:
            if node.variable in _COMPUTED:
                return None
            alts = _SHORT.get(node.variable, (node.variable + "-short",)) \
                if node.form == "short" else ()
            return {node.variable, *alts}, True
        return set(), False  # a term or value: printed, but it keeps no group alive
    if cls is Number:
        return (None if node.variable in _COMPUTED else ({node.variable}, True))
    if cls is Label:
        if node.for_locator or node.variable in _COMPUTED or not node.variable:
            return None
        return {node.variable}, False
    if cls is Group:
        gate = _gate(node.children, style, seen)
        return None if gate is None else (set(gate), True)
    if cls is Choose:
        # Sure to call a variable when every branch is, an else branch among them.
        out: set = set()
        every = node.branches[-1][0] is None if node.branches else False
        for cond, children in node.branches:
            if cond is not None and cond.counts:
                return None
            got = _reach_all(children, style, seen)
            if got is None:
                return None
            out |= got[0]
            every = every and got[1]
        return out, every
    empty = getattr(node, "when_empty", None)  # cs:date, cs:names (their own modules)
    return empty() if empty is not None else None


class Group(Element):
    __slots__ = ("bare", "children", "gate")
    encloses = True

    def __init__(self, el, style):
        super().__init__(el)
        self.children = [style.compile(c) for c in el if isinstance(c.tag, str)]
        self.gate = _UNDECIDED
        self.bare = not self.formats()  # (join's output, when not None, prints: finish's own)
        for before, nxt in zip(self.children, self.children[1:]):
            if not (isinstance(nxt, (Text, Number)) and nxt.variable == "locator"):
                continue
            # the label itself, or the last child of a branch of a cs:choose just before
            # the locator (cahiers-mondes-anciens: the locator's label, else the page's)
            ends = [before] if not isinstance(before, Choose) else [
                children[-1] for _, children in before.branches if children]
            for label in ends:
                if isinstance(label, Label) and label.variable == "page":
                    label.for_locator = True

    def render(self, ctx):
        if self.gate is not None and absent(self, ctx):  # (None: never absent; no call)
            return None
        parts = group_parts(self.children, ctx)
        if parts is None:
            return None
        out = join(parts, self.delimiter, True)
        if out is None:
            return None
        # A group that prints keeps its enclosing group alive (as citeproc-js does).
        ctx.rendered += 1
        return out if self.bare else self.finish(ctx, out)


class Choose:
    __slots__ = ("branches", "by_type")

    def __init__(self, el, style):
        self.branches = []
        for b in el:
            if not isinstance(b.tag, str):
                continue
            tests = Condition(b) if b.tag != NS + "else" else None
            children = [style.compile(c) for c in b if isinstance(c.tag, str)]
            self.branches.append((tests, children))
        # A condition that tests only the item's type holds for every item of a type or for
        # none: by item type, the branches left to test (a tuple), or the children of the
        # branch the type decides (a list; most of a style's chooses are of this kind).
        self.by_type: dict = {}

    def _for_type(self, item_type):
        got = self.by_type.get(item_type)
        if got is None:
            left = []
            for cond, children in self.branches:
                if cond is not None and cond.type_only:
                    if not cond.of_type(item_type):
                        continue
                    cond = None
                left.append((cond, children))
                if cond is None:
                    break
            got = left[0][1] if left and left[0][0] is None else tuple(left) if left else []
            self.by_type[item_type] = got
        return got

    def branch(self, ctx) -> list:
        """The children of the first branch whose conditions hold ([] when none does)."""
        left = self._for_type(ctx.item.type)
        return left if left.__class__ is list else _first(left, ctx)

    def render(self, ctx):
        # (branch's answer, without its call when the item's type has decided it already)
        left = self.by_type.get(ctx.item.type)
        if left is None:
            left = self._for_type(ctx.item.type)
        children = left if left.__class__ is list else _first(left, ctx)
        if len(children) == 1:
            # (one part: the part itself is what its Splice would flatten to)
            p = children[0].render(ctx)
            return p or None  # (a rendering is None or prints: join's `rendered`)
        parts = []
        for c in children:
            p = c.render(ctx)
            if p:
                parts.append(p)
        return Splice(parts) if parts else None


def _first(branches, ctx) -> list:
    """The children of the first of the branches whose conditions hold ([] when none does)."""
    for cond, children in branches:
        if cond is None or cond.test(ctx):
            return children
    return []


_UNDECIDED = object()


class Condition:
    __slots__ = ("counts", "match", "test", "tests", "type_only", "types")

    def __init__(self, el):
        self.match = el.get("match") or "all"
        # A disambiguate test counts its evaluations (Ctx.condition): it may not be skipped.
        self.counts = el.get("disambiguate") is not None
        self.tests = []
        # An item has one type, so a list of types is one test, "is any of these", whatever
        # the match (citeproc-js): `<if type="chapter entry-dictionary">` holds for chapters.
        types = frozenset((el.get("type") or "").split()) or None
        for attr in ("variable", "is-numeric", "is-uncertain-date", "locator",
                     "position", "disambiguate"):
            v = el.get(attr)
            if v is None:
                continue
            vals = v.split()
            if attr == "variable":
                # Plain fields are tested together, in one function: "any" (and "none", its
                # negation) holds when one is set, "all" when each is.
                fields = tuple(x for x in vals if x not in _COMPUTED)
                if len(fields) > 1:
                    self.tests.append(_fields_test(fields, self.match not in ("any", "none")))
                    vals = [x for x in vals if x in _COMPUTED]
            if attr == "locator" and self.match in ("any", "none"):
                # (a cite's locator has one label: its labels are one test, "is any of these")
                self.tests.append(_locator_test(frozenset(vals)))
                continue
            for val in vals:
                self.tests.append(_compile_test(attr, val))
        self.type_only = types is not None and not self.tests
        self.types = types
        self.test = _combined(self.tests, self.match, types)  # ctx -> bool

    def of_type(self, item_type) -> bool:
        """A type-only condition (`type_only`): whether it holds for items of `item_type`."""
        return (item_type in self.types) != (self.match == "none")


def _locator_test(labels):
    """Whether the cite has a locator whose label is one of `labels` ("sub verbo" matches
    "sub-verbo"); an unlabelled locator is a page."""
    def locator_is(ctx):
        if ctx.cite.get("locator") in (None, ""):
            return False
        label = ctx.cite.get("label") or "page"
        return label in labels or label.replace(" ", "-") in labels
    return locator_is


def _combined(tests, match, types=None):
    """One function for a condition's tests under its match: a style's chooses test a few
    thousand times per hundred entries, so the match is decided here, once. The type test
    (`types`: the item's type is one of them) is made inline, without a call of its own."""
    if types is not None and not tests:
        wanted = types
        tests, types = [lambda ctx: ctx.item.type in wanted], None
    if not tests:
        return lambda ctx: match != "any"  # no test: all of none hold, any of none does not
    if len(tests) == 1 and types is None:
        t = tests[0]
        return (lambda ctx: not t(ctx)) if match == "none" else t
    tests = tuple(tests)
    def some(ctx):
        if types is not None and ctx.item.type in types:
            return True
        for t in tests:
            if t(ctx):
                return True
        return False
    if match == "any":
        return some
    if match == "none":
        return lambda ctx: not some(ctx)

    def every(ctx):  # "all" (and a match that is neither "any" nor "none")
        if types is not None and ctx.item.type not in types:
            return False
        for t in tests:
            if not t(ctx):
                return False
        return True
    return every


# Variables whose value is not simply the item's field (see Ctx.raw).
_COMPUTED = frozenset(["locator", "citation-number", "first-reference-note-number",
                       "year-suffix", "page-first", "citation-label"]) | NAME_VARS | DATE_VARS


def _fields_test(fields, every):
    """`_compile_test("variable", f)` of each of the plain fields, as one test: all of them
    set (`every`), or any."""
    fields = frozenset(fields)
    if every:
        return lambda ctx: ctx.item.filled.issuperset(fields)
    return lambda ctx: not ctx.item.filled.isdisjoint(fields)


def _compile_test(attr, val):
    if attr == "variable" and val not in _COMPUTED:
        # A plain field: set or not, suppressed or not (Ctx.condition reads the item's data).
        return lambda ctx: val in ctx.item.filled
    if attr == "variable" and val in DATE_VARS:
        # Ctx.condition's answer, without its dispatch: the parsed date, or when suppressed
        # the field as given.
        def date_set(ctx):
            if val in ctx.suppressed:
                return ctx.item.data.get(val) not in (None, "", [])
            return ctx.item.date(val) is not None  # (a DateVal or None: no comparisons)
        return date_set
    if attr == "variable" and val in NAME_VARS:
        def names_set(ctx):
            if val in ctx.suppressed:
                return ctx.item.data.get(val) not in (None, "", [])
            return bool(ctx.item.names(val))
        return names_set
    if attr == "variable" and val == "locator":
        return lambda ctx: ctx.cite.get("locator") not in (None, "")
    if attr == "is-numeric" and val not in _COMPUTED:
        return lambda ctx: numbers.is_numeric(
            None if val in ctx.suppressed else ctx.item.data.get(val))
    if attr == "locator":
        return _locator_test(frozenset([val]))
    if attr == "is-uncertain-date":
        def circa(ctx):
            d = ctx.item.date(val)
            return bool(d and d.circa)
        return circa
    return lambda ctx: ctx.condition(attr, val)


class Layout(Element):
    __slots__ = ("children",)

    def __init__(self, el, style):
        super().__init__(el)
        self.children = [style.compile(c) for c in el if isinstance(c.tag, str)]

    def render(self, ctx):
        return join(render_children(self.children, ctx), None, True)


class Macro:
    __slots__ = ("children", "gate", "name")

    def __init__(self, el, style):
        self.name = el.get("name")
        self.children = [style.compile(c) for c in el if isinstance(c.tag, str)]
        self.gate = _UNDECIDED

    def render(self, ctx):
        # A macro is an implicit group (citeproc-js): one that calls variables and prints none
        # of them prints nothing, not its terms alone ("in" with no container title). One that
        # calls year-suffix is not (citeproc-js keeps it): "n.d." from `<text term="no date"/>
        # <text variable="year-suffix"/>` beside an empty original-date prints (cambridge-
        # university-press-author-date-cambridge-a "(World Health Organization n.d.)").
        if self.gate is not None and absent(self, ctx):  # (None: never absent; no call)
            return None
        parts = group_parts(self.children, ctx, macro=True)
        if parts is None:
            return None
        out = join(parts, None, True)  # (None, or not empty)
        if out is not None:
            ctx.rendered += 1  # like a group that prints, it keeps its enclosing group alive
        return out


def stand_in(macro):
    """What a call of `macro` with no formatting of its own renders as: the macro, or the one
    group it consists of. (A macro is an implicit group; around a single group it adds only
    to the counts of variables called and printed, of which group_parts asks only whether
    they are zero, and the group's answer to that is the macro's.)"""
    kids = macro.children
    return kids[0] if len(kids) == 1 and kids[0].__class__ is Group else macro


def link_macros(style) -> None:
    """Put each macro's stand-in (`style.stand_ins`) in the place of the calls of it with no
    formatting of their own (`bare` text nodes, whose output is the macro's as it is):
    rendering then goes straight to it, two or three calls fewer per macro call. Run once the
    style's macros are all compiled."""
    macros = style.macros
    # (of the macros as written: one that is a call of another stands for itself, so that
    # each stand-in stands for one macro)
    style.stand_ins = {name: stand_in(m) for name, m in macros.items()}
    lists = [s.layout.children for s in (style.citation, style.bibliography) if s is not None]
    lists += [m.children for m in macros.values()]
    seen: set = set()
    while lists:
        kids = lists.pop()
        if id(kids) in seen:
            continue
        seen.add(id(kids))
        for k, c in enumerate(kids):
            if c.__class__ is Text and c.macro and c.bare and macros.get(c.macro) is not None:
                kids[k] = style.stand_ins[c.macro]
            lists += [children for _, children in getattr(c, "branches", ())]
            for attr in ("children", "substitute"):
                if getattr(c, attr, None):
                    lists.append(getattr(c, attr))


_DIGITS = re.compile(r"\d+")


def _pad(s: str) -> str:
    return _DIGITS.sub(lambda m: m.group(0).zfill(8), s)
