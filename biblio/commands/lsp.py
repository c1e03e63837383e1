"""`biblio lsp`: a Language Server Protocol server over stdio, for posts and references.bib."""

from __future__ import annotations

import click


def run() -> None:
    """Answer the editor on stdin/stdout until it says exit."""
    from ..lsp.server import main

    main()


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default; accepted "
              "because editors pass it).")
def cli(stdio):
    """Completion, hover, definition, references and diagnostics for citations, over stdio."""
    run()
