"""One post → its rendered page: the citations it makes, the entries it lists, one engine call.

Every citation of a post and every entry it cites go to the engine together, so
disambiguation (2020a/b, added initials or names) holds across the whole post. What a style
asks beyond CSL (APA's narrative "and", entries cited in the text only) comes from
`profile`; where the page's markup is made, from the writers (`write_html`, `write_markdown`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import paths
from ..bib import keys as keys_mod
from ..csl import render as csl_render
from ..diagnostics import ERROR, WARNING, BiblioError, Diagnostic
from ..rules import sources as source_rules
from . import entries, sources, write_html, write_markdown
from .frontmatter import FrontMatter, nocite_keys
from .locators import state_terms
from .posts import is_html, parse
from .profile import Profile, profile
from .settings import Settings
from .syntax import Citation


@dataclass
class Rendered:
    """A rendered post: its text, the keys it cites, and what went wrong."""
    text: str
    keys: list[str] = field(default_factory=list)  # every key the post cites, first use order
    diagnostics: list[Diagnostic] = field(default_factory=list)
    title: str = ""
    bib: tuple[Path, ...] = ()  # the post's own bibliographies, when its front matter names some
    style: Path | None = None  # the post's own style


def render(text: str, items: dict[str, dict], settings: Settings, *,
           path: str = "<post>", html: bool | None = None,
           open_bib=entries.open_items, memo=None) -> Rendered:
    """Render one post. `items` maps keys to CSL-JSON items (at least the ones it cites), or
    is a function that loads them (called only when the post names no bibliography of its
    own); `open_bib(paths)` gives the items of the bibliographies a post's front matter names.

    Raises BiblioError (exit 1) for front matter biblio cannot use, unknown keys (unless
    `settings.allow_missing`) and cited entries with errors. `memo` (csl.memo.Memo) shares
    the engine's work between the posts of one build; the page is the same without it."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    html = is_html(path) if html is None else html
    fm, body, tokens, cits, note_refs, _ = parse(text, html=html,
                                                 locale=settings.locale or "en-US", path=path)
    real = Path(path)
    own = sources.resolve(fm, real.parent if paths.is_file(real) else None,
                          settings.root or Path.cwd())
    if own.bib:
        items = open_bib(own.bib)
    elif callable(items):
        items = items()
    settings = settings.with_front_matter(fm.meta, own)
    prof = profile(settings.style)
    if isinstance(items, entries.Items):
        items = items.speaking(prof.english(settings.locale))

    # Which keys: cited ones in order, then nocite ones.
    cited = list(dict.fromkeys(c.key for cit in cits for c in cit.cites))
    extra = nocite_keys(fm.meta)
    if "*" in extra:
        extra = list(items)
    keys = list(dict.fromkeys(cited + extra))

    diags = missing_keys(cits, keys, items, fm, settings, path)
    bad = entries.errors(items, keys, settings.checks) + \
        retracted_citations(cits, keys, items, fm, settings, path)
    if bad or (diags and not settings.allow_missing):
        raise BiblioError([d for d in diags if d.severity == ERROR] + bad, exit_code=1)
    known = [k for k in keys if k in items]
    if settings.retracted:  # only the facts about these very works reach the writers
        settings = replace(settings, retracted={k: f for k in known
                                                if (f := retracted(settings, items, k))})
    everyone = list(dict.fromkeys(known + [k for k in settings.site_keys if k in items]))
    used = [_shown(prof, items[k], settings) for k in everyone]

    notes = number_notes(cits, note_refs, prof.note)
    by_id, listed, warnings = _cite(cits, items, used, known, settings, prof, notes, memo)
    quiet = [k for k in known if prof.in_text_only(items[k])]  # left out on purpose
    diags += [Diagnostic(path, 1, 1, WARNING, "csl", w, "") for w in warnings
              if not any(f"item {k} " in w for k in quiet)]

    hanging = prof.hanging
    title = str(fm.meta.get("title", "")) if fm.meta else ""
    if settings.suppress_bibliography:
        listed = []
    if html:
        # An HTML post built --to markdown is read as Markdown next: what biblio puts in is
        # made inert for that, as in a Markdown post.
        wrap = write_markdown.inert if settings.to == "markdown" else (lambda h: h)
        out = write_html.html_post(body, cits, by_id, listed, hanging, settings, notes, wrap)
    elif settings.to == "markdown":
        out = write_markdown.post(text, body, fm, tokens, cits, by_id, listed, hanging, settings,
                                  notes)
    else:
        out = write_html.markdown_post(tokens, by_id, listed, hanging, settings, notes)
        if settings.standalone:
            out = write_html.standalone(out, title=title, lang=settings.locale or "en")
    return Rendered(out, keys, diags, title, own.bib, own.style)


@dataclass
class Cited:
    """What the engine made of one citation, for the writers."""

    keys: list[str]  # every cite, repeats included
    html: str  # the citation; with a note style outside notes, its footnote's text
    missing: list[str]  # keys with no entry
    author: str = ""  # note style: a narrative citation's names, which stay in the text
    note: int | None = None  # note style: the number of the footnote this citation makes
    in_note: bool = False  # note style: written inside an author's footnote, printed there
    narrative: bool = False
    in_link: bool = False  # written in a link's text: no link to its entry (none in a link)
    in_alt: bool = False  # written in an image's description: printed as plain text there


@dataclass
class Notes:
    """A post's footnotes, numbered in the order a reader meets their references (pandoc's
    order): the author's own, and with a note style one for each citation outside them."""

    numbers: dict[int, int] = field(default_factory=dict)  # author's note id -> number
    refs: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(reference token) ->
    # (number, how many references to the same note came before it)
    cites: dict[int, int] = field(default_factory=dict)  # id(Citation) -> its note's number
    order: list[tuple[int, object]] = field(default_factory=list)  # (number, note id | Citation)


def number_notes(cits: list[Citation], note_refs, note_style: bool) -> Notes:
    """Number the footnotes. A note referred to twice keeps its first number (pandoc copies
    it)."""
    notes = Notes()
    anchors: list[tuple[int, object]] = [(r.at, r) for r in note_refs]
    if note_style:
        # (one in an image's description makes none: alt text cannot point at a note)
        anchors += [(c.start, c) for c in cits if c.note is None and not c.in_alt]
    anchors.sort(key=lambda a: a[0])
    for _, a in anchors:
        if isinstance(a, Citation):
            notes.order.append((len(notes.order) + 1, a))
            notes.cites[id(a)] = len(notes.order)
        elif a.note in notes.numbers:
            k = sum(1 for n, _ in notes.refs.values() if n == notes.numbers[a.note])
            notes.refs[id(a.token)] = (notes.numbers[a.note], k)
        else:
            notes.order.append((len(notes.order) + 1, a.note))
            notes.numbers[a.note] = len(notes.order)
            notes.refs[id(a.token)] = (len(notes.order), 0)
    if note_style:  # a citation inside an author's note is in that note
        for c in cits:
            if c.note is not None and c.note in notes.numbers:
                notes.cites[id(c)] = notes.numbers[c.note]
    return notes


def _cite(cits: list[Citation], items, used: list[dict], known: list[str], settings: Settings,
          prof: Profile, notes: Notes, memo=None) -> tuple[dict[int, Cited], list, list[str]]:
    """Each citation as the engine made it (by id of the Citation), the reference list as
    (key, HTML) pairs, and the engine's warnings."""
    # A note style's citations go to the engine in the order of their notes, each cite with
    # its note's number, so positions (ibid, subsequent) count as a reader meets them.
    order = list(range(len(cits)))
    if prof.note:
        far = len(notes.order) + 1  # in a note nobody refers to: after every other
        order.sort(key=lambda n: notes.cites.get(id(cits[n]), far))
    # A narrative citation is the first cite's author names, then the citation with that
    # author suppressed: "Smith (2019, p. 4; see also Jones, 2020)"; the engine gives both
    # parts from one call (a "narrative" cite). In a note style's footnote it is printed
    # whole, as pandoc does.
    clusters: list = []  # each a list of cites, or {"cites": …, "mid-note": True}
    narrative: set[int] = set()  # indexes of the citations split so
    at: dict[int, int] = {}  # citation index -> its cluster
    for n in order:
        cit = cits[n]
        cites = [c for c in cit.cites if c.key in items]
        own = [c.to_csl() for c in cites]
        split = cit.narrative and cites and cites[0] is cit.cites[0] and not (
            prof.note and cit.note is not None)
        if split:
            narrative.add(n)
            own[0] = replace(cites[0], suppress_author=True).to_csl()
            own[0]["narrative"] = True
        if id(cit) in notes.cites:
            for c in own:
                c["note"] = notes.cites[id(cit)]
        at[n] = len(clusters)
        # A citation written in an author's footnote is part of its text: printed as is
        # (CSL 1.0.2: "inserted into the middle of a pre-existing footnote"; pandoc's "(ibid)").
        # Keys with no entry (allow_missing) are shown in the same citation after the cites
        # (pandoc's "(Doe, 2019; nokey?)"); a citation of nothing else is the writer's.
        missing = [c.key for c in cit.cites if c.key not in items] if own else []
        if (prof.note and cit.note is not None) or missing:
            clusters.append({"cites": own, "mid-note": prof.note and cit.note is not None,
                             "missing": missing})
        else:
            clusters.append(own)
    ids = [it["id"] for it in used]
    # Cites link to their entries, except those the list leaves out (pandoc does not link at
    # all when the reference list is suppressed).
    shown = {k for k in known if not prof.in_text_only(items[k])}
    link = settings.link_citations and not settings.suppress_bibliography
    # What no citation names (nocite, the site's other keys) is listed all the same.
    result = csl_render(prof.style, used, clusters, locale=settings.locale,
                        output="html", links=True, link_cites=shown if link else False,
                        uncited=ids, abbreviations=settings.abbreviations, memo=memo,
                        signal_groups=prof.signal_groups)
    by_id: dict[int, Cited] = {}
    for n, cit in enumerate(cits):
        cl = clusters[at[n]]
        inner = result.citations[at[n]] if (cl["cites"] if isinstance(cl, dict) else cl) else ""
        author = result.authors[at[n]] if n in narrative else ""
        note = notes.cites.get(id(cit)) if prof.note and cit.note is None else None
        if prof.note and cit.note is None and cit.in_alt:
            inner, author = author, ""  # as pandoc: a narrative citation's names, no note
        if author and note is None:
            # (A style whose citations print no names, a numeric one, gives no author part.)
            inner = " ".join(x for x in (author, inner) if x)
            author = ""
        missing = [] if inner else [c.key for c in cit.cites if c.key not in items]
        by_id[id(cit)] = Cited([c.key for c in cit.cites], inner, missing, author, note,
                               prof.note and cit.note is not None, cit.narrative,
                               cit.in_link, cit.in_alt)
    return by_id, _listed(result.bibliography, known, items, prof), result.warnings


def _listed(bibliography, known: list[str], items, prof: Profile) -> list[tuple[str, str]]:
    lower = {k.lower(): k for k in known}
    wanted = set(known)
    out = []
    for e in bibliography:
        key = e.id if e.id in wanted else lower.get(str(e.id).lower())
        if key is not None and not prof.in_text_only(items[key]):
            out.append((key, e.text))
    return out


def _shown(prof: Profile, item: dict, settings: Settings) -> dict:
    """The item as this page gives it to the engine: its publication state ("in press", a
    biblatex localisation key) in the page's language, then what the style's profile asks."""
    state = item.get("status")
    if state == "forthcoming" and prof.is_apa:
        # an accepted work not yet published is "in press" in APA 7 (9.17), which has no
        # "forthcoming" (Chicago's word, 17th ed. 14.74)
        state = "in press"
        item = dict(item, status=state)
    if state:
        word = state_terms(settings.locale or prof.default_locale or "en-US").get(state)
        if word and word != state:
            item = dict(item, status=word)
    return prof.prepared(item)


def reference_list(items: list[dict], settings: Settings, output: str = "html"
                   ) -> tuple[list[tuple[str, str]], list[str], list[dict]]:
    """The reference list of `items` as a post that cites them all would show it: (key, text)
    pairs in the style's order, the engine's warnings, and the items left out on purpose."""
    prof = profile(settings.style)
    left_out = [it for it in items if prof.in_text_only(it)]
    res = csl_render(prof.style, [_shown(prof, it, settings) for it in items], [],
                     locale=settings.locale, output=output, links=True,
                     uncited=[it["id"] for it in items], abbreviations=settings.abbreviations)
    known = [str(it["id"]) for it in items]
    by_key = {str(it["id"]): it for it in items}
    return _listed(res.bibliography, known, by_key, prof), res.warnings, left_out


def missing_keys(cits: list[Citation], keys: list[str], items, fm: FrontMatter,
                 settings: Settings, path: str) -> list[Diagnostic]:
    """The cited keys with no entry, at each citation (render, build and the language server
    say the same): a syntax error that swallowed entries as itself, else did-you-mean."""
    diags = []
    severity = WARNING if settings.allow_missing else ERROR
    where: dict[str, list[tuple[int, int]]] = {}
    for cit in cits:
        for c in cit.cites:
            where.setdefault(c.key, []).append((c.line, c.col))
    # A syntax error that swallowed cited entries is the problem to report, once, where it is.
    hidden = entries.hidden(items, [k for k in keys if k not in items])
    by_error: dict[Diagnostic, list[str]] = {}
    for key, d in hidden.items():
        by_error.setdefault(d, []).append(key)
    for d, ks in by_error.items():
        names = ", ".join(f"'{k}'" for k in ks)
        diags.append(replace(d, severity=ERROR, message=f"{d.message}; this hides {names}, "
                             f"cited by {path}"))
    for key in keys:
        if key in items or key in hidden:
            continue
        for line, col in where.get(key, [(fm.line_of.get("nocite", 1), 1)]):
            msg = f"no entry '{key}' in {settings.bib_name}"
            fix = ""
            close = keys_mod.suggestion(key, items)
            if close:
                msg += f" (did you mean '{close}'?)"
            else:
                fix = f"add the entry to {settings.bib_name} (biblio add) or correct the key"
            diags.append(Diagnostic(path, line, col, severity, "unknown-key", msg, fix))
    return diags


def retracted(settings: Settings, items, key: str):
    """The Retracted fact for `key` when it is the work the source check found retracted (a
    post's own bibliography may give the key to another work: the DOIs must agree)."""
    facts = (settings.retracted or {}).get(key)
    if facts is None or key not in items:
        return None
    doi = str(items[key].get("DOI", "")).lower()
    return next((f for f in (facts if isinstance(facts, tuple) else (facts,)) if f.doi == doi),
                None)


def retracted_citations(cits: list[Citation], keys: list[str], items, fm: FrontMatter,
                        settings: Settings, path: str) -> list[Diagnostic]:
    """Each citation of a retracted work, with the entry's place in the .bib. A post that also
    cites the retraction notice is discussing the retraction (APA's case for citing the
    retracted article): that is allowed, and its reference list marks the work."""
    if not settings.retracted:
        return []
    dois = {str(items[k].get("DOI", "")).lower() for k in keys if k in items}
    where: dict[str, list[tuple[int, int]]] = {}
    for cit in cits:
        for c in cit.cites:
            where.setdefault(c.key, []).append((c.line, c.col))
    out = []
    for key in keys:
        fact = retracted(settings, items, key)
        if fact is None or fact.notice.doi.lower() in dois:
            continue
        message, fix = source_rules.describe(fact.notice, "retracted")
        also = f" (biblio add {fact.notice.doi})" if fact.notice.doi and \
            not fact.notice.doi.startswith("record ") else ""
        for line, col in where.get(key, [(fm.line_of.get("nocite", 1), 1)]):
            out.append(Diagnostic(path, line, col, ERROR, "retracted",
                                  f"'{key}' ({fact.where}) is cited, but {message}",
                                  f"{fix}{also}; the reference list then marks it retracted"))
    return out
