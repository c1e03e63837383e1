"""cs:names, cs:name, cs:et-al and substitution."""

from __future__ import annotations

import re

from biblio.csl.nodes import NS, Choose, Element, Label, join
from biblio.csl.person import is_inverted, render_name
from biblio.csl.rich import Node, plain

NAME_OPTS = ("and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
             "et-al-use-first", "et-al-use-last", "et-al-subsequent-min",
             "et-al-subsequent-use-first", "initialize", "initialize-with", "name-as-sort-order",
             "sort-separator", "form", "delimiter")
_INT_OPTS = ("et-al-min", "et-al-use-first", "et-al-subsequent-min", "et-al-subsequent-use-first")
# separators inside one person's name: a run of spaces in them is a style's typo for one
# (acta-orthopaedica-belgica's sort-separator="  ", trends-in-glycoscience-…'s ".  "), as
# citeproc-js prints it too; a name has word spaces only
_IN_A_NAME = ("initialize-with", "sort-separator")
_SPACES = re.compile(r" {2,}")


def _name_opt(el, opt: str, key: str):
    v = el.get(key)
    return _SPACES.sub(" ", v) if v is not None and opt in _IN_A_NAME else v


def inheritable(el, prefix: str = "") -> dict:
    """Name options set on cs:style / cs:citation / cs:bibliography."""
    out = {}
    for opt in NAME_OPTS:
        key = {"form": "name-form", "delimiter": "name-delimiter"}.get(opt, opt)
        v = _name_opt(el, opt, key)
        if v is not None:
            out[opt] = v
    if el.get("names-delimiter") is not None:
        out["names-delimiter"] = el.get("names-delimiter")
    return out


class NamePart:
    __slots__ = ("el", "fmt_el", "text_case")

    def __init__(self, el):
        self.fmt_el = Element(el)
        self.text_case = el.get("text-case")
        self.fmt_el.text_case = None


class Name(Element):
    __slots__ = ("opts", "parts")
    encloses = True

    def __init__(self, el):
        super().__init__(el)
        self.opts = {k: _name_opt(el, k, k) for k in NAME_OPTS if el.get(k) is not None}
        self.parts = {}
        for p in el.findall(NS + "name-part"):
            self.parts[p.get("name")] = NamePart(p)


class Names(Element):
    encloses = True
    __slots__ = ("et_al", "label", "label_first", "name", "opts_cache", "substitute",
                 "variables")

    def __init__(self, el, style):
        super().__init__(el)
        self.variables = (el.get("variable") or "").split()
        self.name = None
        self.et_al = None
        self.label = None
        self.label_first = False
        self.substitute = None
        self.opts_cache: dict = {}
        seen_name = False
        for c in el:
            if not isinstance(c.tag, str):
                continue
            tag = c.tag[len(NS):]
            if tag == "name":
                self.name = Name(c)
                seen_name = True
            elif tag == "et-al":
                self.et_al = (c.get("term") or "et-al", Element(c))
            elif tag == "label":
                self.label = Label(c, style)
                self.label_first = not seen_name
            elif tag == "substitute":
                self.substitute = [style.compile(s) for s in c if isinstance(s.tag, str)]
        if self.name is None:
            # The implied cs:name comes first, so a lone label follows the names (citeproc-js;
            # styles such as AMA's `<names variable="editor"><label prefix=", "/></names>`
            # rely on it for "Jones A, Lee B, eds.").
            self.label_first = False
        if self.substitute:
            self.substitute = _inherit_all(self.substitute, self)

    def inherit(self, parent: Names) -> Names:
        """A bare <names variable="…"/> in cs:substitute takes its parent's name, et-al, label
        (CSL 1.0.2 "Substitute"; the label as citeproc-js and the suite have it)."""
        clone = Names.__new__(Names)
        for attr in Element.__slots__ + Names.__slots__:
            setattr(clone, attr, getattr(self, attr))
        if self.name is None:
            clone.name = parent.name
        if self.et_al is None:
            clone.et_al = parent.et_al
        if self.label is None:
            clone.label = parent.label
            clone.label_first = parent.label_first
            if parent.label is not None and self.name is None and self.et_al is None:
                # a bare one's own affixes were written for a processor that gave it no label: a
                # role ("(ed)") or the parent's own suffix, which the label now doubles
                # ("Heaney S (ed.)(ed)"; citeproc-js drops a bare substitute's affixes)
                clone.prefix = clone.suffix = ""
        if self.delimiter is None:
            clone.delimiter = parent.delimiter
        clone.opts_cache = {}  # its options are its own
        return clone

    def options(self, ctx) -> dict:
        """The name options in force (style, section, cs:name; sort keys list every name
        inverted): the same for every item of a section, so worked out once per section.
        Callers never change the dict they get."""
        sec = ctx.section_name_opts
        key = (id(sec), ctx.mode == "sort")
        got = self.opts_cache.get(key)
        if got is None or got[0] is not sec:
            got = self.opts_cache[key] = (sec, self._options(ctx))
        return got[1]

    def _options(self, ctx) -> dict:
        opts = dict(ctx.style.name_opts)
        opts.update(ctx.section_name_opts)
        if self.name is not None:
            opts.update(self.name.opts)
        if ctx.mode == "sort":
            opts["name-as-sort-order"] = "all"
        for k in _INT_OPTS:
            if k in opts:
                try:
                    opts[k] = int(opts[k])
                except ValueError:
                    del opts[k]
        return opts

    def when_empty(self):
        """For nodes.absent: with its variables empty, names without a substitute call them
        and print nothing."""
        return None if self.substitute or not self.variables else (set(self.variables), True)

    def render(self, ctx):
        top = ctx.in_substitute == 0 and not ctx.first_names_taken
        lists_before = ctx.name_lists
        vars_before = len(ctx.vars_rendered)
        out = self._render(ctx)
        if top and out is not None and ctx.sas is not None:
            sub, rule, prev = ctx.sas
            # Names compare by data (_sas_match); a substituted title by its text, whatever
            # the rule. A substitute that prints no variable ("Anon.", a term) names nobody:
            # it is never replaced, nor replaces the next entry's (CSL 1.0.2 "Reference
            # Grouping" replaces names; citeproc-js too).
            no_names = ctx.name_lists == lists_before
            text = plain(out) if len(ctx.vars_rendered) > vars_before else None
            ctx.first_names_text = text
            if (rule == "complete-all" or no_names) and prev is not None and (
                    text is not None and text == prev[0]):
                out = self.finish(ctx, sub) if sub else None
                if out is None:
                    ctx.first_names_taken = True
                    return None
        if top and out is not None:
            ctx.first_names_taken = True
            ctx.first_names = out
            # Only real names group cites; a substituted title does not (as citeproc-js).
            ctx.first_names_real = ctx.name_lists > lists_before
            if ctx.suppress_first_names:
                return None
        return out

    def _render(self, ctx):
        present = []
        for var in self.variables:
            ctx.called += 1  # (a variable a substitute printed is called, and empty here)
            if var in ctx.suppressed:
                continue
            names = ctx.item.names(var)
            if names:
                present.append((var, names))
        if present:
            ctx.rendered += 1
            ctx.vars_rendered.update(v for v, _ in present)
            out = self._render_vars(ctx, present)
            if ctx.in_substitute and out is not None:
                # A substitute prints its names once, even when its macro names them twice.
                ctx.suppressed.update(v for v, _ in present)
            return out
        if self.substitute:
            return self._substitute(ctx)
        return None

    def _substitute(self, ctx):
        for node in _candidates(self.substitute, ctx):
            before = ctx.vars_rendered
            substituted_before = set(ctx.substituted)
            # What this candidate prints, a variable the entry printed earlier too (a block
            # of the short title before the author's place); a locator stays printed once.
            seed = {v for v in before if v == "locator"}
            ctx.vars_rendered = set(seed)
            ctx.in_substitute += 1
            out = node.render(ctx)
            ctx.in_substitute -= 1
            printed = ctx.vars_rendered - seed
            ctx.vars_rendered = before | printed
            if out:  # (a rendering is None or prints: nodes.join's `rendered`)
                # What the substitute printed is not printed again in the entry.
                ctx.suppressed |= printed
                return self.finish(ctx, out)
            ctx.substituted &= substituted_before  # (a candidate that printed nothing)
        return None

    def _render_vars(self, ctx, present):
        ctx.name_lists += 1
        opts = self.options(ctx)
        if ctx.suppress_names:
            return None
        # editor + translator with the same names print once, with the combined term, when
        # the selection consists of those two (CSL 1.0.2 "Names"; a selection of more
        # variables renders each)
        vars_ = [v for v, _ in present]
        if (sorted(self.variables) == ["editor", "translator"] and len(vars_) == 2
                and (self.label is None or ctx.locale.term("editortranslator"))):
            ed = dict(present)["editor"]
            tr = dict(present)["translator"]
            if ed == tr:
                present = [(v, n) for v, n in present if v != "translator"]
                present = [("editortranslator", n) if v == "editor" else (v, n) for v, n in present]
        replace = None
        if ctx.sas is not None and not ctx.sas_done:
            ctx.sas_done = True
            replace = _sas_match(ctx, present)
        if opts.get("form") == "count" or ctx.count_names:
            total = 0
            for var, names in present:
                shown, _ = _truncate(names, opts, ctx, var)
                total += len(shown)
            if not total:
                return None
            return f"{total:08d}" if ctx.mode == "sort" else str(total)
        parts = []
        offset = 0
        for var, names in present:
            part = self._render_list(ctx, var, names, opts, replace, offset)
            if part is not None:
                parts.append(part)
            offset += len(names)
        if not parts:
            return None
        if ctx.names_out is not None:
            ctx.names_out.append(parts)
        delim = self.delimiter if self.delimiter is not None else opts.get("names-delimiter")
        return self.finish(ctx, join(parts, delim))

    def _render_list(self, ctx, var, names, opts, replace=None, offset=0):
        shown, rest = _truncate(names, opts, ctx, var)
        if not shown:
            return None  # et-al-use-first="0": no names, so no "et al." either
        if ctx.collect is not None:
            # (with the options and the name element that render them: a style's first
            # and subsequent cites may show one person's name in two forms)
            ctx.collect.extend((var, i, n, opts, self.name) for i, n in enumerate(shown))
        if replace == "all":
            body = ctx.sas[0]
            label = _role_label(self.label, ctx, var, names) if self.label else None
            if label is None:
                return body
            return Node([label, body] if self.label_first else [body, label])
        use_last = opts.get("et-al-use-last")
        if ctx.sort_opts and ctx.sort_opts.get("names-use-last") is not None:
            use_last = ctx.sort_opts["names-use-last"]  # a sort key's names-use-last
        # (after "and others" the last author is not known)
        use_last = (use_last == "true" and rest and len(rest) >= 2
                    and not _is_others(names[-1]))
        rendered = [ctx.sas[0] if replace and (offset + i) in replace else
                    render_name(n, i, opts, self.name, ctx, var) for i, n in enumerate(shown)]
        delim = opts.get("delimiter", ", ")
        if ctx.mode == "sort":
            # Sort keys compare the names alone: no "and", no "et al.", no label.
            if use_last:
                rendered.append(render_name(names[-1], len(names) - 1, opts, self.name, ctx, var))
            return Node(_interleave(rendered, "; "))
        and_ = opts.get("and")
        if and_ == "symbol" and ctx.prose_names:
            and_ = "text"
        and_term = None
        if and_ == "text":
            and_term = ctx.locale.term("and") or "and"
        elif and_ == "symbol":
            and_term = "&"
        out = []
        n = len(rendered)
        for i, r in enumerate(rendered):
            if i > 0:
                if i == n - 1 and and_term and not rest:
                    dpl = opts.get("delimiter-precedes-last", "contextual")
                    inverted = is_inverted(i - 1, opts)
                    use_delim = (dpl == "always" or (dpl == "contextual" and n >= 3)
                                 or (dpl == "after-inverted-name" and inverted))
                    if n == 2 and "literal" in shown[1] and not shown[1].get("family"):
                        use_delim = False  # "Ito, J. & NICE", as citeproc-js joins an institution
                    space = _word_space(and_term)
                    if not any(c.isalnum() or c == "&" for c in and_term):
                        # a mark ("; ", "–") joins the names with its own spaces alone:
                        # "SMITH, John; LEE", "Smith–Lee" (citeproc-js too)
                        space = ""
                    out.append(delim if use_delim else space)
                    out.append(and_term + space)
                else:
                    out.append(delim)
            out.append(r)
        if rest:
            if use_last:
                out.append(delim + "\u2026 ")
                out.append(render_name(names[-1], len(names) - 1, opts, self.name, ctx, var))
            else:
                term_name, et_el = self.et_al or ("et-al", None)
                term = ctx.locale.term(term_name) if term_name else None
                if term:
                    dpe = opts.get("delimiter-precedes-et-al", "contextual")
                    inverted = is_inverted(len(shown) - 1, opts)
                    use_delim = (dpe == "always" or (dpe == "contextual" and len(shown) >= 2)
                                 or (dpe == "after-inverted-name" and inverted))
                    out.append(delim if use_delim else _word_space(term))
                    t = et_el.finish(ctx, term) if et_el else term
                    out.append(t)
                    # The et-al term ends the list cs:name renders (its et-al-… options):
                    # the name's affixes and formatting close the whole list too ("Abbott,
                    # Alan: u. a.: Title" for suffix=": "), each name keeping its own.
                    nm = self.name
                    if nm is not None and (nm.fmt or nm.prefix or nm.suffix):
                        out = [nm.finish(ctx, Node(out))]
        body = Node(out)
        label = None
        if self.label is not None:
            label = _role_label(self.label, ctx, var, names)
        if label is None:
            return body
        return Node([label, body] if self.label_first else [body, label])


def _unspaced(c: str) -> bool:
    """A character of a script written without spaces between words: Chinese and Japanese
    (Han, kana, their punctuation and full-width forms), not Korean, whose words are spaced."""
    o = ord(c)
    if 0x3130 <= o <= 0x318F:  # Hangul compatibility jamo
        return False
    return (0x2E80 <= o <= 0x2FDF or 0x3000 <= o <= 0x31FF or 0x3400 <= o <= 0x4DBF
            or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF
            or 0x20000 <= o <= 0x2FA1F)


def _word_space(term: str) -> str:
    """The space that sets an "and" or "et al." term apart from the names: a word space,
    none for a term in Chinese or Japanese script ("田中と山田", "張三等"), as those scripts
    put no space between words. A name delimiter (", ") before the term stays."""
    return "" if term and _unspaced(term[0]) else " "


def _interleave(items, sep):
    out = []
    for x in items:
        if out:
            out.append(sep)
        out.append(x)
    return out


def _sas_match(ctx, present):
    """subsequent-author-substitute: which names repeat the previous entry's."""
    _, rule, prev = ctx.sas
    cur = [n for _, names in present for n in names]
    ctx.first_names_data = cur
    if not prev or not prev[1]:
        return None
    prev = prev[1]
    if rule == "complete-all":
        # The same names, whatever their role: "--- ed." after "Doe, John." (citeproc-js).
        return "all" if len(present) == 1 and cur == prev else None
    if rule == "complete-each":
        return set(range(len(cur))) if cur == prev else None
    same = set()
    for i, (a, b) in enumerate(zip(cur, prev)):
        if a != b:
            break
        same.add(i)
        if rule == "partial-first":
            break
    return same or None


def _inherit_all(nodes, parent):
    """Names inside cs:substitute (also inside its cs:choose) take the parent's name options."""
    out = []
    for node in nodes:
        if isinstance(node, Names):
            node = node.inherit(parent)
        elif hasattr(node, "branches"):
            node.branches = [(cond, _inherit_all(children, parent))
                             for cond, children in node.branches]
        out.append(node)
    return out


def _role_label(label, ctx, var, names):
    term_var = var
    plural = label.plural
    many = len(names) > 1 if plural == "contextual" else plural == "always"
    text = ctx.locale.term(term_var, label.form, many)
    if not text:
        return None
    if label.strip_periods:
        text = text.replace(".", "")
    return label.finish(ctx, text, term=True)


def _is_others(name) -> bool:
    """A last name {"literal": "others"}: BibTeX's "and others", read as more authors than
    listed (as pandoc's citeproc reads it), so the list ends in "et al."."""
    return isinstance(name, dict) and name.get("literal") == "others" and len(name) == 1


def _truncate(names, opts, ctx, var):
    """(names shown, names left to "et al."). A list ending in "others" has at least one name
    more than it gives: counted so for et-al-min ("Zed, Abe, and others" is three authors:
    "Zed et al."), never shown itself."""
    if names and _is_others(names[-1]):
        shown, _ = _truncate_counted(names, opts, ctx, var)
        shown = shown[:len(names) - 1]
        return shown, names[len(shown):]
    return _truncate_counted(names, opts, ctx, var)


def _truncate_counted(names, opts, ctx, var):
    et_min = opts.get("et-al-min")
    use_first = opts.get("et-al-use-first")
    if ctx.position_subsequent():
        et_min = opts.get("et-al-subsequent-min", et_min)
        use_first = opts.get("et-al-subsequent-use-first", use_first)
    if ctx.sort_opts:
        et_min = ctx.sort_opts.get("names-min", et_min)
        use_first = ctx.sort_opts.get("names-use-first", use_first)
        if ctx.sort_opts.get("names-use-last") is not None:
            opts = dict(opts, **{"et-al-use-last": ctx.sort_opts["names-use-last"]})
    if et_min is not None and use_first is not None and len(names) >= et_min:
        n = use_first
        if ctx.disamb is not None and ctx.disamb.add_names.get(var) is not None:
            n = max(n, ctx.disamb.add_names[var])
        if n < len(names):
            return names[:n], names[n:]
    return names, []


def _candidates(nodes, ctx):
    """A substitute's elements in order, a cs:choose standing for the elements of its chosen
    branch: the first that prints is used (CSL 1.0.2 "Substitute"), so a branch of an editor
    list then "Anon." prints the editors alone."""
    for node in nodes:
        if isinstance(node, Choose):
            yield from _candidates(node.branch(ctx), ctx)
        else:
            yield node
