"""Parse a CSL style once into compiled nodes (cached by style text)."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field

from lxml import etree

from biblio.csl import dates, names, nodes
from biblio.csl.locale import XML_LANG
from biblio.csl.nodes import NS


@dataclass
class SortKey:
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
        self.uses_year_suffix = any(
            el.get("variable") == "year-suffix" for el in root.iter(NS + "text")
        )
        self.number_macros = {
            name for name, el in macro_els.items()
            if any(t.get("variable") == "citation-number" for t in el.iter(NS + "text"))
        }
        self.numeric = any(el.get("variable") == "citation-number"
                           for el in root.iter(NS + "text"))
        self.citation = self._section(root.find(NS + "citation"))
        self.bibliography = self._section(root.find(NS + "bibliography"))

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
    for el in root.iter(etree.Element):
        for key, value in el.attrib.items():
            if "&#" in value:
                el.set(key, _CHARREF.sub(_charref, value))
        if el.text and "&#" in el.text:
            el.text = _CHARREF.sub(_charref, el.text)


@functools.lru_cache(maxsize=32)
def _load_text(text: str) -> Style:
    parser = etree.XMLParser(remove_comments=True, no_network=True, resolve_entities=False)
    root = etree.fromstring(text.encode("utf-8"), parser)
    if "&amp;#" in text:
        _decode_charrefs(root)
    return Style(root)


def load(style: str) -> Style:
    """A style from CSL XML text or a path to a .csl file."""
    if not style.lstrip().startswith("<") and os.path.exists(style):
        with open(style, encoding="utf-8") as f:
            style = f.read()
    return _load_text(style)


def style_lang(style: Style) -> str | None:
    return style.default_locale or style.root.get(XML_LANG)
