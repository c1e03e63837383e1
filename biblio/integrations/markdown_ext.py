"""A Python-Markdown extension: `markdown.markdown(text, extensions=["biblio"])`.

Citations become pandoc-compatible `<span class="citation">` elements and the reference list is
placed at `::: {#refs}` (or appended) before Python-Markdown parses the text, as raw HTML that
it passes through. YAML front matter is read (bibliography, csl, locale, nocite, …) and left
out of the page. Options: bib (path to the .bib), style, locale, link_citations,
allow_missing.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..api import items_of, render_post
from ..csl.memo import Memo


class BiblioPreprocessor(Preprocessor):
    def __init__(self, md, ext: BiblioExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        cfg = self.ext.getConfigs()
        # The document stage reads the post's YAML front matter (its settings) and leaves it
        # out of the page, as the build does.
        rendered = render_post("\n".join(lines), self.ext.library(), to="markdown",
                               style=cfg["style"] or None, locale=cfg["locale"] or None,
                               link_citations=cfg["link_citations"],
                               allow_missing=cfg["allow_missing"], keep_front_matter=False,
                               memo=self.ext.memo)
        self.ext.diagnostics = rendered.diagnostics
        return rendered.text.split("\n")


class BiblioExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "bib": ["references.bib", "the .bib file"],
            "style": ["", "CSL style (path or id); default apa: the project's styles/apa.csl, else biblio's APA 7"],
            "locale": ["", "CSL locale"],
            "link_citations": [True, "link citations to their entries"],
            "allow_missing": [False, "render unknown keys as (key?) rather than fail"],
        }
        super().__init__(**kwargs)
        self._library = None
        self.memo = Memo()  # the engine's renderings shared between the pages it converts
        self.diagnostics = []

    def library(self):
        if self._library is None:
            self._library = items_of(self.getConfig("bib"))
        return self._library

    def extendMarkdown(self, md):
        # Before the raw-HTML stash (priority 20), so our spans and list are passed through.
        md.preprocessors.register(BiblioPreprocessor(md, self), "biblio", 25)


def makeExtension(**kwargs):
    return BiblioExtension(**kwargs)
