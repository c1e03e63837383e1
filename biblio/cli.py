"""The command line: a thin shell. Each command lives in biblio/commands/<verb>.py.

Commands are imported only when run, so `biblio --help` does not pay for bibtexparser,
citeproc-py or lxml. `biblio --help` itself does not even import click (a third of the start-up
time): `help_text` writes the same page click would (a test holds them equal).
"""

from __future__ import annotations

import importlib
import os
import sys

from . import __version__

DESCRIPTION = "biblio keeps references.bib normalized and turns citations in posts into APA 7."
OPTIONS = [("--version", "Show the version and exit."), ("-h, --help", "Show this message and exit.")]

# name -> (module, one-line help). The help is here so that `--help` imports nothing.
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("biblio.commands.add", "Add sources by DOI, arXiv id, BibTeX, RIS, CSL-JSON or text."),
    "check": ("biblio.commands.check", "Check the .bib file and say how to fix each problem."),
    "fmt": ("biblio.commands.fmt", "Rewrite the .bib file in canonical form (--check, --fix)."),
    "format": ("biblio.commands.format", "Print the reference list of entries in a CSL style."),
    "edit": ("biblio.commands.edit", "Edit one entry in $EDITOR; saved only when it is valid."),
    "export": ("biblio.commands.export", "Write entries as CSL-JSON, RIS, BibTeX or biblatex."),
    "import": ("biblio.commands.import_", "Add every entry of .bib/.ris/.json files, with a summary."),
    "list": ("biblio.commands.list", "List the entries of the .bib file, one line each."),
    "rm": ("biblio.commands.rm", "Remove entries (refused while a post cites one)."),
    "rename": ("biblio.commands.rename", "Rename an entry's key, and every citation of it."),
    "merge": ("biblio.commands.merge", "Merge a duplicate entry into another; its citations follow."),
    "search": ("biblio.commands.search", "Find entries by key, author, title, year or DOI."),
    "show": ("biblio.commands.show", "Print one entry as it is stored."),
    "render": ("biblio.commands.render", "Render one post's citations and reference list."),
    "build": ("biblio.commands.build", "Render every post of a site (only what changed)."),
    "serve": ("biblio.commands.serve", "Build and serve the site; rebuild and reload on change."),
    "lsp": ("biblio.commands.lsp", "A language server for posts and the .bib (stdio)."),
    "cited-by": ("biblio.commands.cited_by", "List the posts that cite an entry."),
    "styles": ("biblio.commands.styles", "List, search and describe the CSL styles (by journal)."),
}


def _click_group():
    """The click group, built on first use so that `biblio --help` never imports click."""
    import click

    class LazyGroup(click.Group):
        """Imports a command's module only when that command runs; turns errors into exit codes."""

        def list_commands(self, ctx: click.Context) -> list[str]:
            return sorted(COMMANDS)

        def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
            from .commands.common import add_verbosity

            if name not in COMMANDS:
                return None
            module = importlib.import_module(COMMANDS[name][0])
            return add_verbosity(module.cli)

        def resolve_command(self, ctx: click.Context, args: list[str]):
            name = args[0] if args else ""
            if name in COMMANDS or name.startswith("-"):
                return super().resolve_command(ctx, args)
            raise unknown_command(name)

        def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
            rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
            with formatter.section("Commands"):
                formatter.write_dl(rows)

        def invoke(self, ctx: click.Context):
            from .diagnostics import ERROR, BiblioError, Diagnostic

            try:
                return super().invoke(ctx)
            except BiblioError as e:
                for d in e.diagnostics:
                    click.echo(d.format(), err=True)
                ctx.exit(e.exit_code)
            except KeyboardInterrupt:
                click.echo("biblio: interrupted", err=True)
                ctx.exit(130)
            except BrokenPipeError:
                # stdout closed early (e.g. `biblio list | head`): not an error.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                ctx.exit(0)
            except click.UsageError as e:
                # Not click's "Usage: … Error: …" page: a usage error like every other.
                where = " ".join(["biblio", *e.ctx.command_path.split()[1:]] if e.ctx
                                 else ["biblio"])
                click.echo(Diagnostic("biblio", 0, 0, ERROR, "usage", _lower(e.format_message()),
                                      f"see '{where} --help'").format(), err=True)
                ctx.exit(2)
            except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
                raise
            except Exception as e:  # a bug in biblio, not the user's mistake
                if os.environ.get("BIBLIO_DEBUG"):
                    raise
                click.echo(f"biblio: internal error: {type(e).__name__}: {e} "
                           "— please report it (set BIBLIO_DEBUG=1 for the traceback)", err=True)
                ctx.exit(3)


    @click.group(cls=LazyGroup, help=DESCRIPTION,
                 context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, prog_name="biblio")
    def group() -> None:
        pass

    return group


def unknown_command(name: str):
    """The usage error for a command biblio does not have, with the nearest one it has."""
    import difflib

    from .diagnostics import usage

    close = difflib.get_close_matches(name, COMMANDS, n=1, cutoff=0.6)
    return usage(f"no command '{name}'", f"did you mean '{close[0]}'?" if close
                 else "run 'biblio --help' for the list of commands")


def _lower(message: str) -> str:
    """click's messages start with a capital and end with a full stop; ours do neither."""
    message = message.strip().rstrip(".")
    return message[:1].lower() + message[1:] if message[1:2].islower() else message


_GROUP = None


def __getattr__(name: str):
    # `from biblio.cli import group` still works; the group is built when first asked for.
    global _GROUP
    if name == "group":
        if _GROUP is None:
            _GROUP = _click_group()
        return _GROUP
    raise AttributeError(name)


def _columns() -> int:
    """The terminal width as shutil.get_terminal_size gives it (without importing shutil)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _dl(rows: list[tuple[str, str]], width: int) -> list[str]:
    """click's HelpFormatter.write_dl at indent 2."""
    import textwrap

    first = min(max(len(a) for a, _ in rows), 30) + 2
    lines = []
    for a, b in rows:
        wrapped = textwrap.wrap(b, max(width - first - 2, 10), replace_whitespace=False) or [""]
        if len(a) <= first - 2:
            lines.append(f"  {a}{' ' * (first - len(a))}{wrapped[0]}")
        else:
            lines.append(f"  {a}")
            lines.append(f"{' ' * (first + 2)}{wrapped[0]}")
        lines += [f"{' ' * (first + 2)}{x}" for x in wrapped[1:]]
    return lines


def help_text(columns: int | None = None) -> str:
    """`biblio --help`, exactly as click formats it for the group."""
    import textwrap

    width = max(min(columns or _columns(), 80) - 2, 50)
    lines = ["Usage: biblio [OPTIONS] COMMAND [ARGS]...", ""]
    lines += textwrap.wrap(DESCRIPTION, width, initial_indent="  ", subsequent_indent="  ",
                           replace_whitespace=False)
    lines += ["", "Options:", *_dl(OPTIONS, width), "", "Commands:",
              *_dl([(name, COMMANDS[name][1]) for name in sorted(COMMANDS)], width)]
    return "\n".join(lines) + "\n"


# Commands that run until stopped, and keep Python's usual collector.
LONG_RUNNING = frozenset({"serve", "lsp"})


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--help"], ["-h"]):
        sys.stdout.write(help_text())
        sys.stdout.flush()
        sys.exit(0)
    from . import collector  # (after --help, which imports no module of biblio)

    long_running = next((a for a in args if not a.startswith("-")), None) in LONG_RUNNING
    collector.command(long_running)
    if not long_running:
        # Before click and the rest compile theirs: ~20 ms of a quick command. (Imported here,
        # as every module of biblio is: `--help` imports none, and this after the threshold.)
        from . import regexcache

        regexcache.install()
    __getattr__("group").main(args=argv, prog_name="biblio")
