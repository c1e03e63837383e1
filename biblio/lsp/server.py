"""`biblio lsp`: the Language Server Protocol over stdio (pygls), for posts and references.bib.

A thin shell, as the command line is: each request is turned into one call of
`biblio.lsp.index` / `biblio.lsp.text` / `biblio.document.posts` and the answer into LSP types.
pygls answers a request whose handler fails with an error response and keeps running, and
answers unknown methods with MethodNotFound.
"""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types as T
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__, config, paths, rules
from ..bib import fmt
from ..diagnostics import ERROR, INFO, WARNING, BiblioError, Diagnostic
from ..document import posts
from ..document.profile import profile
from ..document.settings import abbreviations_file, from_config
from .actions import entry_fixes, missing_doi
from .index import Index, check_text, rank
from .text import cite_at, post_diagnostics, typed_key

SEVERITY = {ERROR: T.DiagnosticSeverity.Error, WARNING: T.DiagnosticSeverity.Warning,
            INFO: T.DiagnosticSeverity.Information}
COMPLETIONS = 30  # items per answer; the list is marked incomplete, so typing narrows it
DETAILED = 5  # of them, formatted at once; the others when the editor shows them (resolve)
_TOKEN = re.compile(r"\S+")
ADD_DOI = "biblio.addDoi"  # the command "add this DOI" runs: `biblio add DOI`, then a reload


def _stamp(files: list[Path]) -> tuple:
    return tuple(paths.stamp(f) for f in files)


class Project:
    """The settings, the library and the posts folder of the workspace the editor opened."""

    def __init__(self, root: Path):
        cfg = config.find(root)
        self.config = cfg
        self.root = cfg.root
        self.bib = cfg.bib.resolve()
        try:
            settings = from_config(cfg)
            profile(settings.style)  # checked now: the editor renders with it at any time
        except BiblioError:  # a style that cannot be read: APA, and the problem shown
            settings = from_config(config.Config(cfg.root))
        try:
            checks = rules.selection(cfg.section("check"))
        except BiblioError:
            checks = None
        settings.bib_name = self.bib.name
        try:
            self.style = fmt.Style.from_config(cfg.section("fmt"))
        except BiblioError:  # bad [tool.biblio.fmt]: fixes written in the default style
            self.style = fmt.DEFAULT
        self.index = Index(self.bib, settings, checks)
        self.checks = checks
        self.read = _stamp(self._inputs(settings))

    def _inputs(self, settings) -> list[Path]:
        """The files the settings were read from: the settings file, the style, the list of
        abbreviations (the .bib has its own refresh, Index.refresh)."""
        try:
            short = abbreviations_file(self.config)
        except BiblioError:
            short = None
        style = Path(getattr(settings.style, "path", ""))
        self.files = [self.root / "biblio.toml", self.root / "pyproject.toml"] + [
            p for p in (self.config.source, style if style.name else None, short) if p]
        return self.files

    def stale(self) -> bool:
        """Whether a file the settings came from changed since: edited settings, style or
        abbreviations apply without restarting the editor's server."""
        return _stamp(self.files) != self.read

    def is_bib(self, path: str) -> bool:
        return path.lower().endswith(".bib")


class BiblioServer(LanguageServer):
    project: Project | None = None

    def here(self) -> Project:
        if self.project is None or self.project.stale():
            root = self.workspace.root_path if self.workspace else None
            try:
                self.project = Project(Path(root or Path.cwd()))
            except BiblioError:
                if self.project is None:
                    raise
                # settings saved half-edited (TOML that does not parse): the last good ones
                # stay until the file reads again
                self.project.read = _stamp(self.project.files)
        self.project.index.refresh()
        return self.project


class Protocol(LanguageServerProtocol):
    """pygls's protocol, except that a request whose parameters do not fit its method (a
    malformed position) is answered with InvalidParams rather than dropped: a client must
    never wait forever."""

    def structure_message(self, data):
        try:
            return super().structure_message(data)
        except JsonRpcException as e:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], error=e.to_response_error())
            raise


server = BiblioServer("biblio", __version__, protocol_cls=Protocol)


# -- conversions ------------------------------------------------------------------------------

def _range(lines: list[str], d: Diagnostic) -> T.Range:
    line = max(d.line - 1, 0)
    col = max(d.col - 1, 0)
    text = lines[line] if line < len(lines) else ""
    m = _TOKEN.match(text, col)
    end = m.end() if m else col + 1
    return T.Range(T.Position(line, col), T.Position(line, end))


def to_lsp(d: Diagnostic, path: str, lines: list[str]) -> T.Diagnostic:
    message = f"{d.message} — {d.fix}" if d.fix else d.message
    if Path(d.path).resolve() != Path(path).resolve():  # e.g. the .bib error hiding a key
        message = f"{d.path}:{d.line}:{d.col}: {message}"
        d = Diagnostic(path, 1, 1, d.severity, d.rule, d.message, d.fix)
    return T.Diagnostic(range=_range(lines, d), message=message,
                        severity=SEVERITY.get(d.severity, T.DiagnosticSeverity.Error),
                        code=d.rule, source="biblio")


def _publish(ls: BiblioServer, uri: str) -> None:
    doc = ls.workspace.get_text_document(uri)
    path = to_fs_path(uri) or uri
    p = ls.here()
    if p.is_bib(path):
        found = check_text(doc.source, path, p.checks)
    elif posts.is_post(Path(path).name):
        found = post_diagnostics(doc.source, path, p.index, p.root) + [
            d for d in p.index.problems]
    else:
        return
    lines = doc.source.split("\n")
    ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(
        uri=uri, version=doc.version, diagnostics=[to_lsp(d, path, lines) for d in found]))


def _location(path: str, line: int, col: int, length: int) -> T.Location:
    start = T.Position(max(line - 1, 0), max(col - 1, 0))
    return T.Location(uri=from_fs_path(str(Path(path).resolve())),
                      range=T.Range(start, T.Position(start.line, start.character + length)))


def _key_here(ls: BiblioServer, uri: str, pos: T.Position) -> str | None:
    """The key under the cursor: a citation in a post, an entry's key line in the .bib."""
    doc = ls.workspace.get_text_document(uri)
    path = to_fs_path(uri) or uri
    p = ls.here()
    if p.is_bib(path):
        m = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s]+)\s*,", _line(doc.source, pos.line))
        return m.group(1) if m else None
    return cite_at(doc.source, path, pos.line, pos.character)


def _line(text: str, n: int) -> str:
    lines = text.split("\n")
    return lines[n] if 0 <= n < len(lines) else ""


# -- features ---------------------------------------------------------------------------------

@server.feature(T.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: BiblioServer, params: T.DidOpenTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: BiblioServer, params: T.DidChangeTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: BiblioServer, params: T.DidSaveTextDocumentParams) -> None:
    # A saved .bib changes what every open post may cite.
    for uri in list(ls.workspace.text_documents):
        _publish(ls, uri)


@server.feature(T.TEXT_DOCUMENT_COMPLETION,
                T.CompletionOptions(trigger_characters=["@"], resolve_provider=True))
def completion(ls: BiblioServer, params: T.CompletionParams) -> T.CompletionList | None:
    path = to_fs_path(params.text_document.uri) or ""
    p = ls.here()
    if p.is_bib(path):
        return None
    doc = ls.workspace.get_text_document(params.text_document.uri)
    pos = params.position
    typed = typed_key(_line(doc.source, pos.line), pos.character)
    if typed is None:
        return T.CompletionList(is_incomplete=False, items=[])
    start, text = typed
    where = T.Range(T.Position(pos.line, start), T.Position(pos.line, pos.character))
    items = []
    for n, row in enumerate(rank(p.index.rows, text, COMPLETIONS)):
        items.append(T.CompletionItem(
            label=row.key, kind=T.CompletionItemKind.Reference,
            detail=p.index.reference(row.key) if n < DETAILED else None, data=row.key,
            sort_text=f"{n:04d}",
            filter_text=text or row.key,  # ranked here: the editor must not filter it away
            text_edit=T.TextEdit(range=where, new_text=row.key)))
    return T.CompletionList(is_incomplete=True, items=items)


@server.feature(T.COMPLETION_ITEM_RESOLVE)
def completion_resolve(ls: BiblioServer, item: T.CompletionItem) -> T.CompletionItem:
    if item.detail is None and isinstance(item.data, str):
        item.detail = ls.here().index.reference(item.data) or None
    return item


@server.feature(T.TEXT_DOCUMENT_HOVER)
def hover(ls: BiblioServer, params: T.HoverParams) -> T.Hover | None:
    key = _key_here(ls, params.text_document.uri, params.position)
    if key is None:
        return None
    idx = ls.here().index
    if key not in idx.by_key:
        text = f"no entry '{key}' in {idx.bib.name}"
    else:
        text = idx.reference(key, "markdown") or key
        found = idx.findings(key)
        if found:
            text += "\n\n" + "\n".join(
                f"- {d.severity}[{d.rule}]: {d.message}" + (f" — {d.fix}" if d.fix else "")
                for d in found)
    return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value=text))


@server.feature(T.TEXT_DOCUMENT_DEFINITION)
def definition(ls: BiblioServer, params: T.DefinitionParams) -> T.Location | None:
    key = _key_here(ls, params.text_document.uri, params.position)
    idx = ls.here().index
    row = idx.by_key.get(key) if key else None
    if row is None:
        return None
    return _location(str(idx.bib), row.line, row.col, 1)


@server.feature(T.TEXT_DOCUMENT_REFERENCES)
def references(ls: BiblioServer, params: T.ReferenceParams) -> list[T.Location] | None:
    key = _key_here(ls, params.text_document.uri, params.position)
    if key is None:
        return None
    p = ls.here()
    # `biblio cited-by`'s answer, from the posts as saved.
    found = posts.citing({key}, p.config).get(key, [])
    return [_location(path, line, col, len(key) + 1) for path, line, col in found]


@server.feature(T.TEXT_DOCUMENT_CODE_ACTION, T.CodeActionOptions(
    code_action_kinds=[T.CodeActionKind.QuickFix]))
def code_action(ls: BiblioServer, params: T.CodeActionParams) -> list[T.CodeAction] | None:
    uri = params.text_document.uri
    doc = ls.workspace.get_text_document(uri)
    path = to_fs_path(uri) or uri
    p = ls.here()
    line = params.range.start.line
    if p.is_bib(path):
        return [T.CodeAction(
            title=f.title, kind=T.CodeActionKind.QuickFix,
            edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(
                range=T.Range(T.Position(*f.start), T.Position(*f.end)), new_text=f.text)]}))
            for f in entry_fixes(doc.source, path, line, p.checks, p.style)]
    if not posts.is_post(Path(path).name):
        return None
    doi = missing_doi(_line(doc.source, line), params.range.start.character, p.index.lib)
    if doi is None:
        return []
    return [T.CodeAction(title=f"Add {doi} to {p.bib.name} (biblio add)",
                         kind=T.CodeActionKind.QuickFix,
                         command=T.Command(title="biblio add", command=ADD_DOI, arguments=[doi]))]


@server.command(ADD_DOI)
def add_doi(ls: BiblioServer, doi: str) -> str:
    """`biblio add DOI` into the workspace's library — the layers `add` runs (look the DOI up,
    then one locked write that refuses a duplicate), as nothing below the CLI imports a
    command — then every open document again. The answer is the new key; a failure is an
    error response with add's message."""
    from .. import store
    from ..importers import sources

    p = ls.here()
    settings = p.config.settings
    try:
        records = sources.from_identifier(doi, sources.Options(settings=settings, yes=True))
        outcomes, _ = store.add(p.bib, records, on_duplicate=store.REFUSE,
                                pattern=store.key_pattern(p.config), settings=settings)
    except BiblioError as e:
        d = e.diagnostics[0] if e.diagnostics else None
        raise JsonRpcException(message=d.format() if d else str(e)) from e
    for w in store.standing(outcomes, str(p.bib), p.config):  # retracted: say so at once
        ls.window_show_message(T.ShowMessageParams(type=T.MessageType.Warning, message=w.format()))
    ls.here()  # reloads the library: the file changed on disk
    for uri in list(ls.workspace.text_documents):
        _publish(ls, uri)
    return ", ".join(o.key for o in outcomes)


def main() -> None:
    server.start_io()


__all__ = ["BiblioServer", "Project", "main", "server", "to_lsp"]
