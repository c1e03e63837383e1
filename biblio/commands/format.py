"""`biblio format [KEY...] [--all]`: the reference list of some or all entries, through the CSL
engine, as HTML, Markdown, plain text or JSON.

Personal communications are left out (APA 7 8.9: cited in the text only) with a note on stderr.
Entries with fields that cannot be understood still print; each problem is a warning naming the
entry and the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import click

from ..diagnostics import ERROR, INFO, WARNING, BiblioError, Diagnostic
from .common import bib_option, encoding_option, report

FORMATS = ("html", "markdown", "text", "json")


@dataclass
class Output:
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _locate(lib, problems) -> list[Diagnostic]:
    """Problems from the mapping → diagnostics at the entry's field."""
    from .. import library

    if not problems:
        return []
    text = lib.render()
    by_key = {e.key: e for e in lib.entries}
    out = []
    for p in problems:
        e = by_key.get(p.key)
        line, col = (e.line, e.col) if e else (1, 1)
        if e is not None and p.field:
            f = e.field(p.field)
            if f is not None and e.offset >= 0:
                line, col = library.field_pos(text, e, f)
        where = f"'{p.key}', field '{p.field}'" if p.field else f"'{p.key}'"
        out.append(Diagnostic(lib.path, line, col, WARNING, "csl-mapping",
                              f"{where}: {p.message}", p.fix))
    return out


def run(keys: tuple[str, ...] = (), all_: bool = False, bib: str | None = None,
        style: str | None = None, locale: str | None = None, to: str = "html",
        encoding: str = "utf-8") -> Output:
    import difflib

    from .. import config, library, styles, tocsl
    from ..csl import render

    if to not in FORMATS:
        raise BiblioError(Diagnostic("biblio", 1, 1, ERROR, "usage",
                                     f"unknown output format '{to}'",
                                     "use html, markdown, text or json"), exit_code=2)
    if not keys and not all_:
        raise BiblioError(Diagnostic("biblio", 1, 1, ERROR, "usage", "no entries to format",
                                     "give one or more keys, or --all"), exit_code=2)
    cfg = config.find()
    path = config.bib_path(bib, cfg)
    style_path = styles.find_style(style or cfg.settings.get("style"), cfg.root)
    loc = styles.find_locale(locale or cfg.settings.get("locale"))
    lib = library.load(path, encoding)

    diags = [d for d in lib.diagnostics if d.rule != "undefined-string"]  # re-said below
    wanted: list[str] = []
    if all_:
        wanted = [e.key for e in lib.entries]
    else:
        known = lib.keys()
        for k in keys:
            if lib.get(k) is None:
                close = difflib.get_close_matches(k, known, n=1)
                fix = f"did you mean '{close[0]}'?" if close else "run 'biblio list'"
                raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "unknown-key",
                                             f"no entry '{k}' in {path}", fix), exit_code=2)
            if k not in wanted:
                wanted.append(k)

    style_text = styles.read_style(style_path)
    # Sentence-casing titles is for English styles (as pandoc does): the locale asked for,
    # else the style's default-locale, else English.
    m = re.search(r'default-locale="([^"]+)"', style_text[:4000])
    lang = loc or (m.group(1) if m else "en-US")
    english = None if lang.lower().startswith("en") else False
    items, problems = tocsl.library_to_csl(lib, wanted, english=english)
    diags.extend(_locate(lib, problems))
    listed = []
    for it in items:
        if it.get("type") == "personal_communication":
            e = lib.get(it["id"])
            diags.append(Diagnostic(str(path), e.line, e.col, INFO, "personal-communication",
                                    f"'{it['id']}' is a personal communication: APA cites it "
                                    "in the text only, so it is left out of the reference list",
                                    ""))
        else:
            listed.append(it)

    def bibliography(output: str):
        res = render(style_text, listed, None, locale=loc, output=output, links=True)
        for w in res.warnings:
            diags.append(Diagnostic(str(style_path), 1, 1, WARNING, "csl-engine", w, ""))
        return res.bibliography

    if to == "json":
        html_entries = bibliography("html")
        text_by_id = {e.id: e.text for e in bibliography("text")}
        out = json.dumps([{"key": e.id, "html": e.text, "text": text_by_id.get(e.id, "")}
                          for e in html_entries], ensure_ascii=False, indent=2)
    elif to == "html":
        from ..output import bib_body

        out = bib_body([(e.id, e.text) for e in bibliography("html")])
    else:
        out = "\n\n".join(e.text for e in bibliography(to))
    return Output(out, diags)


@click.command(name="format")
@click.argument("keys", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Format every entry.")
@bib_option
@click.option("--style", default=None,
              help="A .csl path, a style in ./styles, or a style id (default: apa).")
@click.option("--locale", default=None, help="Locale such as en-US or en-GB.")
@click.option("--to", "to", type=click.Choice(FORMATS), default="html", show_default=True,
              help="Output format.")
@encoding_option
def cli(keys, all_, bib, style, locale, to, encoding) -> None:
    """Print the reference list of KEYS (or --all) in a CSL style."""
    result = run(keys, all_, bib, style, locale, to, encoding)
    report(result.diagnostics)
    if result.text:
        click.echo(result.text)
    if any(d.severity == ERROR for d in result.diagnostics):
        raise SystemExit(1)
