"""The command line: a thin shell. Each command lives in biblio/commands/<verb>.py.

Commands are imported only when run, so `biblio --help` does not pay for bibtexparser,
citeproc-py or lxml.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from . import __version__

# name -> (module, one-line help). The help is here so that `--help` imports nothing.
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("biblio.commands.add", "Add sources by DOI, arXiv id, BibTeX, RIS, CSL-JSON or text."),
    "check": ("biblio.commands.check", "Check the .bib file and say how to fix each problem."),
    "fmt": ("biblio.commands.fmt", "Rewrite the .bib file in canonical form (--check, --fix)."),
    "format": ("biblio.commands.format", "Print the reference list of entries in a CSL style."),
    "list": ("biblio.commands.list", "List the entries of the .bib file, one line each."),
    "show": ("biblio.commands.show", "Print one entry as it is stored."),
    "render": ("biblio.commands.render", "Render one post's citations and reference list."),
    "build": ("biblio.commands.build", "Render every post of a site (only what changed)."),
    "cited-by": ("biblio.commands.cited_by", "List the posts that cite an entry."),
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs; turns errors into exit codes."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[name][0])
        return module.cli

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        from .diagnostics import BiblioError

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
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as e:  # a bug in biblio, not the user's mistake
            if os.environ.get("BIBLIO_DEBUG"):
                raise
            click.echo(f"biblio: internal error: {type(e).__name__}: {e} "
                       "— please report it (set BIBLIO_DEBUG=1 for the traceback)", err=True)
            ctx.exit(3)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="biblio")
def group() -> None:
    """biblio keeps references.bib normalized and turns citations in posts into APA 7."""


def main(argv: list[str] | None = None) -> None:
    group.main(args=argv, prog_name="biblio")
