"""Parse a CSL style once into compiled nodes (cached by style text)."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field

from biblio.csl import dates, names, nodes, xmltree
from biblio.csl.locale import XML_LANG
from biblio.csl.nodes import NS


@dataclass
class SortKey:
    """One cs:key of a cs:sort: a variable or a macro, and its direction."""
    variable: str | None
    macro: str | None
    descending: bool
    opts: dict


@dataclass
class Section:
    """cs:citation or cs:bibliography."""

    layout: nodes.Layout
    sort: list[SortKey] = field(default_factory=list)
    name_opts: dict = field(default_factory=dict)
    attrs: dict = field(default_factory=dict)

    def opt(self, key, default=None):
        return self.attrs.get(key, default)

    def int_opt(self, key, default=None):
        v = self.attrs.get(key)
        try:
            return int(v) if v is not None else default
        except ValueError:
            return default


class Style:
    def __init__(self, root):
        self.root = root
        self.cls = root.get("class", "in-text")
        self.default_locale = root.get("default-locale")
        self.demote = root.get("demote-non-dropping-particle", "display-and-sort")
        self.initialize_hyphen = root.get("initialize-with-hyphen", "true") != "false"
        self.page_range_format = root.get("page-range-format")
        self.name_opts = names.inheritable(root)
        self.locales = root.findall(NS + "locale")
        self.macros: dict = {}
        macro_els = {m.get("name"): m for m in root.findall(NS + "macro")}
        for name in macro_els:
            self.macros[name] = None
        for name, el in macro_els.items():
            self.macros[name] = nodes.Macro(el, self)
        # What renders a call of each macro with no formatting of its own (nodes.link_macros)
        self.stand_ins = dict(self.macros)
        self.uses_year_suffix = any(
            el.get("variable") == "year-suffix" for el in root.iter(NS + "text")
        )
        self.number_macros = {
            name for name, el in macro_els.items()
            if any(t.get("variable") == "citation-number" for t in el.iter(NS + "text"))
        }
        self.numeric = any(el.get("variable") == "citation-number"
                           for el in root.iter(NS + "text"))
        # Whether a citation prints its cites' numbers (collapse="citation-number" collapses
        # "ranges of cite numbers (rendered through the citation-number variable)"; a label
        # style that asks for it has none to collapse).
        cit = root.find(NS + "citation")
        self.cites_print_numbers = cit is not None and _printing(
            cit, "citation-number", ("text", "number"), macro_els, set()) is not None
        # How a citation prints the year-suffix, when it names it: a letter left alone by
        # year-suffix collapsing ("2000a,b") keeps that element's formatting and affixes.
        ys = _printing(cit, "year-suffix", ("text",), macro_els, set()) if cit is not None else None
        self.citation_year_suffix = nodes.Text(ys, self) if ys is not None else None
        # Whether any rendering reads an item's citation number (a text, number, test or sort
        # key naming it): if none does, renderings shared between documents ignore it.
        self.reads_number = any("citation-number" in v.split()
                                for el in root.iter() if isinstance(el.tag, str)
                                for v in el.attrib.values())
        # No cs:if tests a cite's position and no name list shortens for later cites: every
        # position of a cite renders alike (disambiguation renders it once).
        self.position_free = not any(
            el.get("position") is not None or el.get("et-al-subsequent-min") is not None
            or el.get("et-al-subsequent-use-first") is not None
            for el in root.iter() if isinstance(el.tag, str))
        self.citation = self._section(root.find(NS + "citation"))
        self.bibliography = self._section(root.find(NS + "bibliography"))
        nodes.link_macros(self)

    def _section(self, el):
        if el is None:
            return None
        layout_el = el.find(NS + "layout")
        if layout_el is None:
            return None
        sort = []
        sort_el = el.find(NS + "sort")
        if sort_el is not None:
            for k in sort_el.findall(NS + "key"):
                opts = {}
                for a in ("names-min", "names-use-first"):
                    if k.get(a) is not None:
                        try:
                            opts[a] = int(k.get(a))
                        except ValueError:
                            pass
                if k.get("names-use-last") is not None:
                    opts["names-use-last"] = k.get("names-use-last")
                sort.append(SortKey(k.get("variable"), k.get("macro"),
                                    k.get("sort") == "descending", opts))
        return Section(nodes.Layout(layout_el, self), sort, names.inheritable(el),
                       dict(el.attrib))

    _TAGS = None

    def compile(self, el):
        tag = el.tag[len(NS):] if isinstance(el.tag, str) and el.tag.startswith(NS) else None
        cls = {
            "text": nodes.Text, "number": nodes.Number, "label": nodes.Label,
            "group": nodes.Group, "choose": nodes.Choose, "names": names.Names,
            "date": dates.Date,
        }.get(tag)
        if cls is None:
            return _Nothing()
        return cls(el, self)


def _printing(el, variable: str, tags: tuple, macro_els: dict, seen: set):
    """The first element of `tags` printing `variable` in `el`, itself or through the macros
    it calls; None if there is none."""
    for node in el.iter():
        if not isinstance(node.tag, str) or not node.tag.startswith(NS):
            continue
        tag = node.tag[len(NS):]
        if tag in tags and node.get("variable") == variable:
            return node
        name = node.get("macro") if tag == "text" else None
        if name in macro_els and name not in seen:
            seen.add(name)
            found = _printing(macro_els[name], variable, tags, macro_els, seen)
            if found is not None:
                return found
    return None


class _Nothing:
    def render(self, ctx):
        return None


_CHARREF = re.compile(r"&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));")


def _charref(m: re.Match) -> str:
    code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    return chr(code) if 0 < code <= 0x10FFFF else m.group(0)


def _decode_charrefs(root) -> None:
    """Styles that escape a character reference twice (`delimiter="&amp;#160;: "`, 19 styles
    in the CSL repository) mean the character: citeproc-js decodes it once more, so do we."""
    for el in root.iter():
        if not isinstance(el.tag, str):  # a processing instruction
            continue
        for key, value in el.attrib.items():
            if "&#" in value:
                el.set(key, _CHARREF.sub(_charref, value))
        if el.text and "&#" in el.text:
            el.text = _CHARREF.sub(_charref, el.text)


class StyleError(ValueError):
    """A style biblio cannot use, at `line`:`col` of its text: not XML, not a CSL style, or
    macros that call themselves or expand beyond any real style's size."""

    def __init__(self, message: str, line: int = 1, col: int = 1, fix: str = ""):
        super().__init__(message)
        self.message, self.line, self.col, self.fix = message, line, col, fix


# Limits on what rendering one item can walk through, macros written out and a cs:choose
# counted by its costliest branch: of the 2,800 styles of the CSL repository the largest (a
# Chicago variant) is about 3,000 elements and the deepest 72 levels; a few kilobytes of macros
# that each call the last twice would otherwise expand to billions of elements, or nest past
# Python's stack.
MAX_EXPANDED = 100_000
MAX_EXPANDED_DEPTH = 150


_LATE_DECLARATION = re.compile(r"\s+(<\?xml\b[^>]*\?>)")


@functools.lru_cache(maxsize=32)
def _load_text(text: str) -> Style:
    return Style(xmltree.load("style", text.encode("utf-8"), _parse))


def _parse(data: bytes):
    """The lxml tree of a style's XML (UTF-8) once it has passed every check, else StyleError
    at the place in the text where it is wrong."""
    from lxml import etree  # here: a style read before comes from the cache, without lxml

    # No DTD, no entities resolved, no network, libxml2's default limits on size and depth:
    # a style reads no file, fetches nothing and cannot expand entities ("billion laughs").
    parser = etree.XMLParser(remove_comments=True, no_network=True, resolve_entities=False,
                             load_dtd=False, huge_tree=False)
    # XML allows nothing before its declaration, but a style pasted after a blank line is still
    # the same style: blank out a declaration that follows whitespace (the text is decoded
    # already, so its encoding says nothing), which keeps every line and column where it was.
    text = data.decode("utf-8")
    m = _LATE_DECLARATION.match(text)
    if m:
        text = text[:m.start(1)] + " " * len(m.group(1)) + text[m.end(1):]
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as e:
        err = e.error_log.last_error if e.error_log else None
        message = (err.message if err else str(e)).strip()
        raise StyleError(f"not a well-formed XML file: {message}", getattr(err, "line", 1) or 1,
                         getattr(err, "column", 1) or 1,
                         "give a CSL style (.csl), such as one from the CSL styles "
                         "repository") from None
    if root is None or root.tag != NS + "style":
        tag = root.tag if root is not None and isinstance(root.tag, str) else "?"
        raise StyleError(f"the root element is <{tag.rsplit('}', 1)[-1]}>, not a CSL <style> "
                         "(namespace http://purl.org/net/xbiblio/csl)",
                         getattr(root, "sourceline", 1) or 1, 1,
                         "give a CSL style (.csl), such as one from the CSL styles repository")
    _check_macros(root, text)
    if "&amp;#" in text:
        _decode_charrefs(root)
    return root


def _cost(el, macros: dict[str, tuple[int, int]]) -> tuple[int, int]:
    """(elements rendering one item may visit, their depth) under `el`, with the macros'
    own figures: a cs:choose takes its costliest branch, a macro call adds the macro."""
    out: dict = {}
    todo = [(el, False)]
    while todo:
        node, done = todo.pop()
        if not done:
            todo.append((node, True))
            todo.extend((c, False) for c in node if isinstance(c.tag, str))
            continue
        kids = [out.pop(c) for c in node if isinstance(c.tag, str)]
        count = max((k[0] for k in kids), default=0) if node.tag == NS + "choose" else \
            sum(k[0] for k in kids)
        deepest = max((k[1] for k in kids), default=0)
        called = macros.get(node.get("macro") or "", (0, 0))
        out[node] = (min(1 + count + called[0], MAX_EXPANDED + 1),
                     1 + max(deepest, called[1]))
    return out[el]


def _check_macros(root, text: str = "") -> None:
    """Refuse a call of a macro the style does not define (CSL 1.0.2: a macro is called by
    its name; it would render nothing, silently), macros that call themselves, and layouts
    that rendering one item could expand too far (a cs:choose counts its costliest branch):
    rendering would recurse without end, or build an exponentially large tree."""
    els = {m.get("name"): m for m in root.findall(NS + "macro")}
    for el in root.iter():
        name = el.get("macro") if isinstance(el.tag, str) else None
        if name is not None and name not in els:
            _undefined(el, name, els, text)
    calls = {name: [(c.get("macro"), c.sourceline or 1) for c in el.iter()
                    if isinstance(c.tag, str) and c.get("macro") is not None]
             for name, el in els.items()}
    order: list[str] = []  # each macro after every macro it calls
    done: set[str] = set()
    for start in els:
        if start in done:
            continue
        path, todo = [start], [iter(calls[start])]
        while todo:
            call = next(todo[-1], None)
            if call is None:
                order.append(path.pop())
                done.add(order[-1])
                todo.pop()
                continue
            called, line = call
            if called in path:
                cycle = " → ".join(path[path.index(called):] + [called])
                raise StyleError(f"macro '{called}' calls itself ({cycle})", line, 1,
                                 "break the cycle: a macro cannot call itself")
            if called in els and called not in done:
                path.append(called)
                todo.append(iter(calls[called]))
    costs: dict[str, tuple[int, int]] = {}
    for name in order:
        costs[name] = _cost(els[name], costs)
    for section in (root.find(NS + "citation"), root.find(NS + "bibliography")):
        if section is None:
            continue
        count, deepest = _cost(section, costs)
        if count > MAX_EXPANDED or deepest > MAX_EXPANDED_DEPTH:
            what = (f"more than {MAX_EXPANDED:,} elements" if count > MAX_EXPANDED
                    else f"more than {MAX_EXPANDED_DEPTH} levels deep")
            name = section.tag.rsplit("}", 1)[-1]
            raise StyleError(f"cs:{name} expands to {what} once its macros are written out",
                             section.sourceline or 1, 1,
                             "a macro that calls another several times, many levels down, "
                             "multiplies: call each macro fewer times")


def _undefined(el, name: str, defined, text: str):
    """StyleError at `el`'s call of the macro `name`, which the style does not define: at its
    `macro=` attribute when the text shows it, naming the defined macros most like it."""
    import difflib

    line = el.sourceline or 1
    row = text.splitlines()[line - 1] if 0 < line <= text.count("\n") + 1 else ""
    found = re.search(r"\bmacro\s*=\s*[\"']" + re.escape(name) + "[\"']", row)
    col = found.start() + 1 if found else 1
    names = sorted(n for n in defined if n)
    like = difflib.get_close_matches(name, names, n=3, cutoff=0.6) or names[:6]
    fix = (f"define the macro, or call one the style defines: {', '.join(like)}"
           + (", …" if len(like) < len(names) else "") if like
           else f'define it as <macro name="{name}">, or remove the call')
    tag = el.tag.rsplit("}", 1)[-1]
    raise StyleError(f"<{tag}> calls the macro '{name}', which the style does not define",
                     line, col, fix)


def load(style: str) -> Style:
    """A style from CSL XML text or a path to a .csl file."""
    if not style.lstrip().startswith("<") and os.path.exists(style):
        with open(style, encoding="utf-8") as f:
            style = f.read()
    return _load_text(style)


def style_lang(style: Style) -> str | None:
    return style.default_locale or style.root.get(XML_LANG)
