"""Options and helpers shared by the CLI commands.

Each shared option is made here once, so that every command spells it alike (a test walks
every command's --help to hold them so): `--bib`, `--encoding`, `-o/--output`, `--posts`,
`--format text|json[|github]`, and `-q/--quiet`, `-v/--verbose`, which biblio.cli adds to
every command. An old spelling stays for a release as a hidden option that says it is
deprecated (`deprecated`).
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..diagnostics import ERROR, WARNING, Diagnostic

bib_option = click.option(
    "--bib", "bib", type=click.Path(dir_okay=False), default=None,
    help="The .bib file (default: [tool.biblio] bib, else ./references.bib).")
encoding_option = click.option(
    "--encoding", default="utf-8", show_default=True, help="Text encoding of the .bib file.")

POSTS_HELP = "The posts folder (default: [tool.biblio.build] src, else posts/)."
QUIET, NORMAL, VERBOSE = -1, 0, 1
_VERBOSITY = "biblio.verbosity"
ALIAS = "biblio.alias."


def posts_option(dest: str = "posts", help: str = POSTS_HELP, file_okay: bool = False):
    return click.option("--posts", dest, type=click.Path(file_okay=file_okay, path_type=Path),
                        default=None, help=help)


def output_option(help: str, dest: str = "output", dir_okay: bool = False):
    """`-o/--output`; its deprecated spelling, if any, is named with `deprecated(…, dest)`."""
    return click.option("-o", "--output", dest, type=click.Path(dir_okay=dir_okay,
                                                                 file_okay=not dir_okay,
                                                                 path_type=Path),
                        default=None, callback=_or_alias(None), help=help)


def format_option(choices: tuple[str, ...] = ("text", "json"), default: str = "text", *,
                  help: str, dest: str = "fmt", type: click.ParamType | None = None):
    """`--format`, for what a command prints: text for people, json (and github) for tools."""
    return click.option("--format", dest, type=type or click.Choice(choices), default=None,
                        callback=_or_alias(default), metavar="[" + "|".join(choices) + "]",
                        help=f"{help} (default: {default}).")


def _or_alias(default):
    def callback(ctx: click.Context, param: click.Parameter, value):
        if value is None:
            ctx.meta[ALIAS + "unset." + param.name] = True  # an old spelling after may set it
            return ctx.meta.get(ALIAS + param.name, default)
        return value
    return callback


def deprecated(old: str, new: str, dest: str, value=None, **kwargs):
    """A hidden old spelling `old` of the option `new` (whose parameter is `dest`), kept for a
    release: it sets `dest` (to `value` for a flag, else to what was given) and says on
    stderr that it is deprecated. The new spelling wins when both are given."""
    def callback(ctx: click.Context, _param: click.Parameter, given):
        if given is None or given is False:
            return
        deprecation(old, new)
        ctx.meta[ALIAS + dest] = value if value is not None else given
        if ctx.meta.get(ALIAS + "unset." + dest):  # the new option, not given, came first
            ctx.params[dest] = ctx.meta[ALIAS + dest]
    return click.option(old, expose_value=False, hidden=True, is_flag=value is not None,
                        default=None, callback=callback, **kwargs)


class FormerChoice(click.Choice):
    """The choices of an option, plus values it took before they moved to another option
    (`moved`: the new option's spelling and parameter). Such a value is still taken for a
    release: it goes to the new option's parameter, with a deprecation note."""

    def __init__(self, choices, moved: tuple[tuple[str, ...], str, str]):
        super().__init__(choices)
        self.moved = moved

    def convert(self, value, param, ctx):
        values, spelling, dest = self.moved
        if value in values and ctx is not None:
            deprecation(f"{param.opts[-1]} {value}", f"{spelling} {value}")
            ctx.meta[ALIAS + dest] = value
            return None
        return super().convert(value, param, ctx)


def or_moved(ctx: click.Context, param: click.Parameter, value):
    """The callback of an option that a FormerChoice value may have gone to."""
    return value if value is not None else ctx.meta.get(ALIAS + param.name)


def deprecation(old: str, new: str) -> None:
    click.echo(Diagnostic("biblio", 0, 0, WARNING, "deprecated", f"{old} is deprecated",
                          f"use {new}; {old} will be removed in the next release").format(),
               err=True)


def set_verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().meta[_VERBOSITY] = QUIET if param.name == "quiet" else VERBOSE


VERBOSITY_OPTIONS = (
    ("quiet", ("-q", "--quiet"), "Print errors only."),
    ("verbose", ("-v", "--verbose"), "Also print info diagnostics."),
)


def add_verbosity(command: click.Command) -> click.Command:
    """Give `command` (and a group's subcommands) -q/--quiet and -v/--verbose; once."""
    names = {p.name for p in command.params}
    for name, decls, help_ in VERBOSITY_OPTIONS:
        if name not in names:
            command.params.append(click.Option([*decls, name], is_flag=True, expose_value=False,
                                               callback=set_verbosity, help=help_))
    for sub in getattr(command, "commands", {}).values():
        add_verbosity(sub)
    return command


def verbosity() -> int:
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().meta.get(_VERBOSITY, NORMAL) if ctx else NORMAL


def shown(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics -q/-v let through: quiet, errors only; normal, errors and warnings;
    verbose, info too."""
    level = verbosity()
    keep = {QUIET: {ERROR}, NORMAL: {ERROR, WARNING}}.get(level)
    return [d for d in diagnostics if keep is None or d.severity in keep]


def note(text: str) -> None:
    """A line about what was done (stderr), which -q silences."""
    if verbosity() > QUIET:
        click.echo(text, err=True)


def report(diagnostics: list[Diagnostic]) -> None:
    """Print diagnostics to stderr, one per line, in file order (as -q/-v let through)."""
    for d in sorted(shown(diagnostics), key=lambda d: d.sort_key):
        click.echo(d.format(), err=True)


def exit_for(diagnostics: list[Diagnostic]) -> None:
    """Exit 1 when the user's data has errors."""
    from ..diagnostics import has_errors

    if has_errors(diagnostics):
        raise SystemExit(1)



_BRACES = re.compile(r"[{}]")
_SPACES = re.compile(r"\s+")


def plain(text: str | None) -> str:
    """A field's text for a one-line listing: braces dropped, white space folded."""
    return _SPACES.sub(" ", _BRACES.sub("", text or "")).strip()


def fit(text: str, width: int) -> str:
    """`text` cut to `width` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def write_output(path, text: str, library=None) -> None:
    """Write a file the user asked for with -o (atomically: the old file or the new one), or
    say why not: exit 2, never an internal error. `library`: the .bib the command read, which
    an output never replaces (by any spelling of its path, or through a link)."""
    import errno
    import os
    from pathlib import Path

    from ..bib import atomic
    from ..diagnostics import ERROR, BiblioError, Diagnostic, usage

    target = Path(path)
    if library is not None and os.path.realpath(target) == os.path.realpath(library):
        ctx = click.get_current_context(silent=True)
        raise usage(f"{ctx.info_name if ctx else 'biblio'} would overwrite the library itself "
                    f"({path})", "write to another file")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.check_replaceable(target)
        atomic.write_bytes(target, text.encode("utf-8"))
    except atomic.NotWritable as e:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io", f"not written: {e.reason}",
                                     e.fix), exit_code=2) from None
    except OSError as e:
        reason = os.strerror(e.errno) if e.errno else str(e)
        fix = "free some disk space" if e.errno == errno.ENOSPC else \
            "check the path and the folder's permissions"
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io",
                                     f"could not write the file ({reason})", fix),
                          exit_code=2) from None
