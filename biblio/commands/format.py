"""`biblio format [KEY...] [--all]`: the reference list of some or all entries, through the CSL
engine, as HTML, Markdown, plain text or JSON.

Personal communications are left out (APA 7 8.9: cited in the text only) with a note on stderr.
Entries with fields that cannot be understood still print; each problem is a warning naming the
entry and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import click

from ..diagnostics import ERROR, INFO, WARNING, Diagnostic, usage
from .common import bib_option, encoding_option, report

FORMATS = ("html", "markdown", "text", "json")


@dataclass
class Output:
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _locate(lib, problems) -> list[Diagnostic]:
    """Problems from the mapping → diagnostics at the entry's field."""
    from ..bib import reader

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
                line, col = reader.field_pos(text, e, f)
        where = f"'{p.key}', field '{p.field}'" if p.field else f"'{p.key}'"
        out.append(Diagnostic(lib.path, line, col, WARNING, "csl-mapping",
                              f"{where}: {p.message}", p.fix))
    return out


def run(keys: tuple[str, ...] = (), all_: bool = False, bib: str | None = None,
        style: str | None = None, locale: str | None = None, to: str = "html",
        encoding: str = "utf-8") -> Output:
    """The reference list of the entries, exactly as a post citing them all would list it."""
    from .. import config, tocsl
    from ..bib import keys as bib_keys
    from ..bib import library
    from ..document import reference_list, write_html
    from ..document.profile import profile
    from ..document.settings import from_config

    if to not in FORMATS:
        raise usage(f"unknown output format '{to}'", "use html, markdown, text or json")
    if not keys and not all_:
        raise usage("no entries to format", "give one or more keys, or --all")
    cfg = config.find()
    path = config.bib_path(bib, cfg)
    settings = from_config(cfg, style=style, locale=locale)
    lib = library.load(path, encoding)

    diags = [d for d in lib.diagnostics if d.rule != "undefined-string"]  # re-said below
    wanted: list[str] = []
    if all_:
        wanted = [e.key for e in lib.entries]
    else:
        for e in bib_keys.entries(lib, keys):  # every key must name an entry
            if e.key not in wanted:
                wanted.append(e.key)

    english = profile(settings.style).english(settings.locale)
    items, problems = tocsl.library_to_csl(lib, wanted, english=english)
    diags.extend(_locate(lib, problems))

    listed, warnings, left_out = reference_list(items, settings,
                                                "html" if to in ("html", "json") else to)
    diags.extend(Diagnostic(str(path), 1, 1, WARNING, "csl-engine", w, "")
                 for w in warnings if not any(f"item {it['id']} " in w for it in left_out))
    for it in left_out:
        e = lib.get(it["id"])
        diags.append(Diagnostic(str(path), e.line, e.col, INFO, "personal-communication",
                                f"'{it['id']}' is a personal communication: APA cites it "
                                "in the text only, so it is left out of the reference list", ""))
    if to == "json":
        text_by_id = dict(reference_list(items, settings, "text")[0])
        out = json.dumps([{"key": k, "html": html, "text": text_by_id.get(k, "")}
                          for k, html in listed], ensure_ascii=False, indent=2)
    elif to == "html":
        out = write_html.references(listed, hanging=profile(settings.style).hanging)
    else:
        out = "\n\n".join(text for _, text in listed)
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
