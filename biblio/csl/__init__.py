"""biblio's CSL engine: `render(style, items, clusters) -> Result`."""

from __future__ import annotations

from biblio.csl.result import Entry, Result

__all__ = ["Entry", "Result", "render"]


def render(style, items, clusters=None, *, locale=None, output="html", links=False,
           link_cites=False, uncited=(), abbreviations=None, memo=None,
           signal_groups=False) -> Result:
    """Render citation clusters and the bibliography of `items` (CSL-JSON) with a CSL style.

    style: CSL XML text or a path. clusters: citation clusters in document order, each a list
    of cites {"id", "locator", "label", "prefix", "suffix", "suppress-author", "author-only",
    "narrative", "note", "position"}; None renders the bibliography of all items. A narrative
    cite (the author named in running text, "Smith and Jones (2019)") prints with its author
    suppressed, and its names, joined as prose ("and", never "&"), are the cluster's
    `Result.authors` entry: one call renders both parts, with the same positions and
    disambiguation. "position" fixes a cite's position ("first", "subsequent", "ibid",
    "ibid-with-locator", or citeproc-js's 0-3) over the one the document's order gives. A
    cluster that opens with an author-only cite followed by others prints as the author, then
    the rest as a citation: "Doe (2019, p. 3)". A cluster may also be a mapping {"cites":
    [...], "prefix", "suffix", "reset-position"}: the prefix and suffix are the whole
    citation's, inside the style's parentheses ("(e.g., Cork 2018; Doe 2019, among others)"),
    "reset-position" true makes its cites first cites again (a new chapter), and "mid-note" true
    says the citation is written inside a note's text (an author's footnote): a note style then
    prints it as is, where a citation that is a note of its own starts with a capital
    ("ibid." / "Ibid.").
    output: "html", "text" or "markdown".
    links: make DOIs, PMIDs, PMCIDs and http(s) URLs links (off by default, as in the CSL test
    suite); an entry that prints none of them has its title, else its text, linked to the
    first of DOI, PMCID, PMID, URL it has (CSL 1.0.2 appendix VI).
    link_cites: in HTML, wrap each cite's text in a citation in a link to its reference-list
    entry, `<a href="#ref-ID" role="doc-biblioref">`, as pandoc's `link-citations`: True for
    every cite, or a collection of item ids to link only those (e.g. the ones the reference list
    shows). The link leaves out the cite's prefix and suffix and the layout's affixes and
    delimiters; collapsed cites link each part to its own entry ("Smith, 2019" and "2020";
    "2020a" and "b"; "1" and "4" of "1–4"); author-only cites are not linked. Text and Markdown
    output ignore it.
    uncited: ids of items the bibliography lists although no cluster cites them (pandoc's
    `nocite`), after the cited ones, in this order.
    abbreviations: a list of short forms, pandoc's `citation-abbreviations` (citeproc-js's
    format, `{"default": {"container-title": {"Full title": "Abbrev"}}}`), used by
    `form="short"` when an item gives no short form of its own.
    memo: a `biblio.csl.memo.Memo` the caller keeps to share renderings (entries, sort keys,
    parsed names) between calls with the same style and locale, as a site's posts; the result
    is the same with or without it.
    signal_groups: a cite whose prefix is a signal ("see also", "cf.", "e.g.,", "vgl.") heads
    the cites after it up to the next signal; a style's sort orders them among themselves and
    the signal stays at their head (APA 7 §8.12: "(Sampson & Hughes, 2020; see also Augustine,
    2017; Melara et al., 2018; Pérez, 2014)"). Off, every cite sorts with its own prefix and
    suffix (CSL 1.0.2 Sorting, as citeproc-js). biblio.document.profile turns it on for APA.
    """
    from biblio.csl.engine import render as _render

    return _render(style, items, clusters, locale=locale, output=output, links=links,
                   link_cites=link_cites, uncited=uncited, abbreviations=abbreviations,
                   memo=memo, signal_groups=signal_groups)
