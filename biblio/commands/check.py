"""`biblio check`: every problem in the .bib file, located, with how to fix it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

from ..diagnostics import ERROR, INFO, WARNING, BiblioError, Diagnostic, count
from .common import QUIET, bib_option, encoding_option, format_option, note, posts_option, verbosity

FORMATS = ("text", "json", "github")


@dataclass
class Report:
    """The diagnostics `check` found in one .bib file, and how many entries it has."""
    path: str
    diagnostics: list[Diagnostic]
    entries: int

    @property
    def errors(self) -> int:
        return sum(d.severity == ERROR for d in self.diagnostics)

    def summary(self) -> str:
        n = {s: sum(d.severity == s for d in self.diagnostics) for s in (ERROR, WARNING, INFO)}
        return (f"{self.path}: {count(self.entries, 'entry', 'entries')}, "
                f"{count(n[ERROR], 'error')}, {count(n[WARNING], 'warning')}, "
                f"{n[INFO]} info")


def run(bib: str | None = None, encoding: str = "utf-8", select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (), posts: str | None = None, online: bool | None = None,
        refresh: bool = False, progress=None) -> Report:
    """Load the file, run the selected rules, return the sorted diagnostics.

    `online` (default: [tool.biblio.check] online) also asks Crossref, doi.org and the sites
    about the sources (with `posts`, about the entries they cite only); a question that got no answer raises BiblioError (exit 2) and nothing
    else is reported."""
    from .. import config, rules
    from ..bib import library

    cfg = config.find()
    path = config.bib_path(bib, cfg)
    where = str(cfg.source) if cfg.source else "pyproject.toml"
    settings = cfg.section("check")
    chosen = rules.selection(settings, select, ignore, where)
    cited, post_problems = None, []
    if posts:  # key -> its first citation
        # (only here: the document stage's imports, Markdown and YAML, are most of a plain
        # check's start-up)
        from ..document import posts as document_posts

        found, post_problems = document_posts.survey(document_posts.bounded(Path(posts), cfg),
                                                     document_posts.patterns(cfg),
                                                     root=cfg.root)
        cited = {key: places[0] for key, places in found.items()}
    lib = library.load(path, encoding)
    if online is None:
        online = settings.get("online") is True
    answers = None
    if online and chosen.ids & {r.id for r in rules.REGISTRY.values() if r.scope == "online"}:
        # With --posts, only what the posts cite is asked about: what a reader will see.
        answers = ask(lib, cfg.settings, settings, refresh, progress,
                      None if cited is None else list(cited))
    diags = sorted(rules.run(lib, chosen, cited, answers) + post_problems,
                   key=lambda d: d.sort_key)
    return Report(str(path), diags, len(lib.entries))


def ask(lib, settings: dict, check_settings: dict, refresh: bool = False, progress=None,
        keys=None):
    """The online stage for `lib` (only the entries `keys` names, when given): its Answers,
    or BiblioError (exit 2) saying what could not be checked."""
    from .. import online
    from ..rules import sources

    client, opts = online.session(settings, check_settings, refresh, progress)
    dois, urls = sources.wanted(lib, keys)
    answers = online.gather(dois, urls, client, opts)
    if answers.failures:
        raise BiblioError(sources.unanswered(lib, answers.failures), exit_code=2)
    return answers


def rule_table() -> list[tuple[str, str, str, str, bool]]:
    """(id, severity, family, description, fixable) for every rule."""
    from ..rules.registry import ordered

    return [(r.id, r.severity, r.family, r.description, r.fix is not None) for r in ordered()]


def to_json(diags: list[Diagnostic]) -> str:
    import json  # only for --format json (and the json list of rules)

    return json.dumps([d.to_dict() for d in diags], ensure_ascii=False, indent=2)


_GH_LEVEL = {ERROR: "error", WARNING: "warning", INFO: "notice"}


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def to_github(d: Diagnostic) -> str:
    """A GitHub Actions workflow command: ::error file=…,line=…,col=…,title=…::message."""
    message = f"{d.message} — {d.fix}" if d.fix else d.message
    return (f"::{_GH_LEVEL[d.severity]} file={_gh_prop(d.path)},line={d.line},col={d.col},"
            f"title={_gh_prop(d.rule)}::{_gh_data(message)}")


@click.command(name="check")
@bib_option
@encoding_option
@format_option(FORMATS, help="text, json (a list of objects) or github (workflow annotations)")
@click.option("--select", multiple=True, metavar="RULES",
              help="Run only these rules or families (comma-separated; repeatable).")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="Skip these rules or families (comma-separated; repeatable).")
@posts_option(help="Folder of posts (or one post): report keys they cite that are missing, "
                   "and entries none of them cites.", file_okay=True)
@click.option("--online/--offline", default=None,
              help="Also ask Crossref, doi.org and the sites about retractions, corrections, "
                   "DOIs and dead links (default: [tool.biblio.check] online).")
@click.option("--refresh", is_flag=True,
              help="With --online: ask again instead of using answers cached in the last days.")
@click.option("--list-rules", is_flag=True, help="Print the rules and exit.")
def cli(bib, encoding, fmt, select, ignore, posts, online, refresh, list_rules) -> None:
    """Check the .bib file: syntax, references, required fields, values, names, APA style."""
    if list_rules:
        rows = rule_table()
        if fmt == "json":
            import json  # as in to_json

            click.echo(json.dumps([dict(zip(("id", "severity", "family", "description",
                                             "fixable"), r)) for r in rows], indent=2))
            return
        width = max(len(r[0]) for r in rows)
        for rid, severity, family, description, fixable in rows:
            mark = " (fixable)" if fixable else ""
            click.echo(f"{rid.ljust(width)}  {severity:<7}  {family:<10}  {description}{mark}")
        return
    progress = _progress if sys.stderr.isatty() else None
    try:
        report = run(bib, encoding, select, ignore, posts, online, refresh, progress)
    except BiblioError as e:
        if fmt == "text":
            raise
        # A CI job reading json or annotations sees why the check could not be made.
        out = to_json(e.diagnostics) + "\n" if fmt == "json" else \
            "".join(to_github(d) + "\n" for d in e.diagnostics)
        click.echo(out, nl=False)
        raise
    finally:
        if progress:
            click.echo("\r\033[K", nl=False, err=True)
    if verbosity() == QUIET:  # errors only, the summary too
        report.diagnostics = [d for d in report.diagnostics if d.severity == ERROR]
    # One write: thousands of echo calls cost more than building the text.
    if fmt == "json":
        click.echo(to_json(report.diagnostics))
        note(report.summary())
    elif fmt == "github":
        click.echo("".join(to_github(d) + "\n" for d in report.diagnostics), nl=False)
        note(report.summary())
    else:
        click.echo("".join(d.format() + "\n" for d in report.diagnostics)
                   + ("" if verbosity() == QUIET else report.summary() + "\n"), nl=False)
    if report.errors:
        raise SystemExit(1)


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    click.echo(f"\rchecking sources [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
               nl=False, err=True)
