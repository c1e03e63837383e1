"""An MkDocs plugin: `plugins: [biblio]` in mkdocs.yml renders citations in every page.

Options (paths relative to mkdocs.yml): bib (default references.bib), style, locale,
link_citations (default true), allow_missing (default false: an unknown key fails the build).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from ..api import items_of, render_post
from ..csl.memo import Memo
from ..diagnostics import BiblioError


class BiblioConfig(base.Config):
    bib = c.Type(str, default="references.bib")
    style = c.Type(str, default="")
    locale = c.Type(str, default="")
    link_citations = c.Type(bool, default=True)
    allow_missing = c.Type(bool, default=False)


class BiblioPlugin(BasePlugin[BiblioConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path or ".").parent
        self._root = root
        self._items = items_of(root / self.config.bib)
        self._memo = Memo()  # the engine's renderings shared between the site's pages
        return config

    def on_page_markdown(self, markdown, page, config, files):
        # MkDocs has taken the front matter off; the document stage reads it from the file, so
        # a page's own bibliography, csl and locale apply and line numbers match the file.
        text = markdown
        try:
            raw = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
            if raw.replace("\r\n", "\n").endswith(markdown) and raw.startswith("---"):
                text = raw
        except (OSError, UnicodeDecodeError, TypeError):
            pass
        try:
            rendered = render_post(text, self._items, root=self._root, keep_front_matter=False,
                                   path=page.file.abs_src_path or page.file.src_uri,
                                   to="markdown", style=self.config.style or None,
                                   locale=self.config.locale or None,
                                   link_citations=self.config.link_citations,
                                   allow_missing=self.config.allow_missing,
                                   bib_name=Path(self.config.bib).name, memo=self._memo)
        except BiblioError as e:
            raise PluginError("\n".join(d.format() for d in e.diagnostics)) from None
        return rendered.text
