"""How a post is to be rendered: the command line and the project's settings, then what the
post's own front matter says."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .. import styles
from ..diagnostics import ERROR, BiblioError, Diagnostic
from . import sources
from .frontmatter import flag


@dataclass(frozen=True)
class Retracted:
    """A cited work the source check found retracted (build --check-sources): the notice
    (biblio.online.Notice), the work's DOI, and where its entry is ("references.bib:12:1")."""

    notice: object
    doi: str
    where: str


@dataclass
class Settings:
    """How posts render: style, locale, links and the reference section."""
    style: str = ""  # CSL style XML
    locale: str | None = None
    link_citations: bool = True
    reference_section_title: str = "References"
    suppress_bibliography: bool = False
    allow_missing: bool = False
    to: str = "html"  # "html" or "markdown"
    standalone: bool = False
    bib_name: str = "references.bib"
    site_keys: tuple[str, ...] = ()  # --scope site: every key cited on the site
    root: Path | None = None  # the project's root: front-matter paths are tried there too
    bibliography_title: str = "Bibliography"  # the site's bibliography page
    keep_front_matter: bool = True  # Markdown output: the post's YAML stays at its top
    checks: object = None  # a rules.Selection: which problems in a cited entry stop a post
    # key → Retracted, when the build checked the sources: a post citing one of these fails,
    # unless it cites the retraction notice too; the reference list marks them as APA does
    retracted: dict | None = None
    abbreviations: dict | None = None  # short forms for form="short" (citation-abbreviations)

    def with_front_matter(self, meta: dict, own: sources.Sources) -> Settings:
        s = replace(self)
        if own.style is not None:
            s.style = styles.read_style(own.style)
        if own.locale:
            s.locale = own.locale
        if own.abbreviations is not None:
            s.abbreviations = sources.abbreviations(own.abbreviations)
        if meta.get("link-citations") is not None:
            s.link_citations = flag(meta["link-citations"])
        if meta.get("reference-section-title") is not None:
            s.reference_section_title = str(meta["reference-section-title"])
        if meta.get("suppress-bibliography") is not None:
            s.suppress_bibliography = flag(meta["suppress-bibliography"])
        if own.bib:
            s.bib_name = own.bib[0].name
        return s


def from_config(config, *, style: str | None = None, locale: str | None = None,
                **options) -> Settings:
    """Settings for a command: `--style`/`--locale` when given, else `[tool.biblio.build]`,
    else `[tool.biblio]` (style default: apa), with the style read and the locale checked;
    the project's `citation-abbreviations` file read the same way."""
    build = config.section("build")
    style = style or build.get("style") or config.settings.get("style")
    locale = locale or build.get("locale") or config.settings.get("locale")
    # The project's list of short forms, for every post (a post's own front matter may name
    # another)
    short = abbreviations_file(config)
    if short is not None:
        options.setdefault("abbreviations", sources.abbreviations(short))
    return Settings(style=styles.read_style(style, config.root),
                    locale=styles.find_locale(locale), root=config.root, **options)


def abbreviations_file(config) -> Path | None:
    """The project's `citation-abbreviations` file (`[tool.biblio.build]`, else
    `[tool.biblio]`), or None: what every command reads, and what `serve` watches."""
    short = config.section("build").get("citation-abbreviations") or \
        config.settings.get("citation-abbreviations")
    if short and not isinstance(short, str):
        raise BiblioError(Diagnostic(str(config.source or "pyproject.toml"), 1, 1, ERROR,
                                     "config", "citation-abbreviations is not a path",
                                     'write citation-abbreviations = "abbrevs.json"'),
                          exit_code=2)
    return config.root / short if short else None
