"""`biblio serve`: build the site, serve it on 127.0.0.1, rebuild what changed, reload the pages.

The server is the standard library's ThreadingHTTPServer: a preview for one writer needs
static files, one long-lived request per open page (server-sent events) and nothing else, and
every maintained framework for that would be a dependency larger than this module. Files are
watched with watchfiles (already used by `build --watch`).

The reload script is added to HTML as it is *served*; the files in the site folder are exactly
what `biblio build` writes. The script learns of each build over server-sent events: a build
with errors shows them over the page (`file:line:col` and the message); the next good build
reloads the page, which takes the overlay away.

Threads: one serves each request, one builds (so builds never overlap and a burst of saves
gives one build), one per watched folder. Every loop waits on an event with a timeout and ends
when the server is closed.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from .. import paths
from ..diagnostics import ERROR, BiblioError, Diagnostic
from .build import BuildOptions, BuildReport, build

LIVE_PATH = "/__biblio/live.js"
EVENTS_PATH = "/__biblio/events"
PING_SECONDS = 15.0  # an idle event stream sends a comment this often: a gone client shows

# The script every served page gets. It never builds markup from text: messages go in through
# textContent, so a message quoting a post cannot inject anything.
LIVE_JS = """\
(() => {
  const loaded = document.currentScript.dataset.version;
  let box = null;
  function show(errors) {
    if (!box) {
      box = document.createElement('div');
      box.id = 'biblio-overlay';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;' +
        'background:rgba(20,20,20,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;' +
        'padding:2em;white-space:pre-wrap';
      document.documentElement.appendChild(box);
    }
    const title = document.createElement('strong');
    title.textContent = 'biblio: the build failed';
    const lines = errors.map((e) => {
      const p = document.createElement('p');
      p.className = 'biblio-error';
      p.textContent = e;
      return p;
    });
    box.replaceChildren(title, ...lines);
  }
  function hide() {
    if (box) { box.remove(); box = null; }
  }
  const events = new EventSource('""" + EVENTS_PATH + """');
  events.addEventListener('build', (ev) => {
    const state = JSON.parse(ev.data);
    if (state.errors.length) show(state.errors);
    else if (String(state.version) !== loaded) location.reload();
    else hide();
  });
})();
"""

NOT_BUILT = (b"<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Not built</title>"
             b"</head>\n<body><p>This page has not been built (yet).</p>\n</body></html>\n")


def inject(page: bytes, version: int) -> bytes:
    """A page as served: the reload script before its last `</body>`, else at its end."""
    tag = f'<script src="{LIVE_PATH}" data-version="{version}"></script>\n'.encode()
    at = page.lower().rfind(b"</body>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]


@dataclass
class State:
    version: int = 0  # goes up with every build that changed a page or the errors
    errors: list[str] = field(default_factory=list)  # `file:line:col: error[rule]: message`

    def to_json(self) -> str:
        return json.dumps({"version": self.version, "errors": self.errors}, ensure_ascii=False)


class Site:
    """What the server's threads share: how to build, and what the latest build said."""

    def __init__(self, make_opts: Callable[[], BuildOptions],
                 on_build: Callable[[BuildReport | None, list[Diagnostic]], None] | None = None):
        self.make_opts = make_opts
        self.on_build = on_build
        self.state = State()
        self.closed = threading.Event()
        self._dirty = threading.Event()
        self._changed = threading.Condition()
        self._building = threading.Lock()

    def rebuild(self) -> BuildReport | None:
        """Build once; the outcome becomes the state every open page hears about."""
        with self._building:
            report, problems = None, []
            try:
                report = build(self.make_opts())
                problems = [d for d in report.diagnostics if d.severity == ERROR]
            except BiblioError as e:  # settings, style or .bib that cannot be read
                problems = e.diagnostics
            except Exception as e:  # noqa: BLE001 (a bug in biblio: shown; the server keeps running)
                problems = [Diagnostic("biblio", 1, 1, ERROR, "internal",
                                       f"internal error: {type(e).__name__}: {e}",
                                       "please report it")]
            errors = [d.format() for d in sorted(problems, key=lambda d: d.sort_key)]
            changed = report is not None and bool(report.rendered or report.removed)
            with self._changed:
                if changed or errors != self.state.errors:
                    self.state = State(self.state.version + 1, errors)
                    self._changed.notify_all()
            if self.on_build is not None:
                self.on_build(report, problems)
            return report

    def request(self) -> None:
        """Ask the builder thread for a build (many requests before it starts: one build)."""
        self._dirty.set()

    def builder(self) -> None:
        while not self.closed.is_set():
            if self._dirty.wait(0.5) and not self.closed.is_set():
                self._dirty.clear()
                self.rebuild()

    def wait(self, seen: int | None, timeout: float) -> State | None:
        """The state once its version is not `seen`; None after `timeout` or on close."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed.is_set() or self.state.version != seen,
                                   timeout)
            return None if self.state.version == seen or self.closed.is_set() else self.state

    def close(self) -> None:
        self.closed.set()
        with self._changed:
            self._changed.notify_all()


class Handler(SimpleHTTPRequestHandler):
    """The site folder's files; HTML with the reload script; the event stream."""

    site: Site

    def __init__(self, *args, site: Site, directory: str, **kwargs):
        self.site = site
        super().__init__(*args, directory=directory, **kwargs)

    def log_message(self, format, *args) -> None:
        pass  # a request log would bury the build messages

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a preview is never stale
        super().end_headers()

    def do_GET(self) -> None:
        route = ROUTES.get(urlsplit(self.path).path)
        if route is not None:
            route(self)
            return
        page = self._page()
        if page is None:
            super().do_GET()
        elif paths.is_file(page):
            self._send(200, "text/html; charset=utf-8",
                       inject(page.read_bytes(), self.site.state.version))
        else:
            self._send(404, "text/html; charset=utf-8", inject(NOT_BUILT, self.site.state.version))

    def _page(self) -> Path | None:
        """The HTML file a request asks for (`/a` and `/a/` find `a.html` and `a/index.html`),
        or None when it asks for something else, which the standard handler serves."""
        path = Path(self.translate_path(self.path))  # confined to the site folder
        if "\x00" in str(path):
            return path  # no file has a NUL in its name: not found
        if paths.is_dir(path):
            index = path / "index.html"
            return index if paths.is_file(index) and self.path.split("?")[0].endswith("/") \
                else None
        if path.suffix.lower() in (".html", ".htm"):
            return path
        if not path.suffix and paths.is_file(path.with_suffix(".html")):
            return path.with_suffix(".html")
        return None

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _live(self) -> None:
        self._send(200, "text/javascript; charset=utf-8", LIVE_JS.encode())

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        seen = None
        try:
            while not self.site.closed.is_set():
                state = self.site.wait(seen, PING_SECONDS)
                if state is None:
                    self.wfile.write(b": ping\n\n")
                else:
                    seen = state.version
                    self.wfile.write(f"event: build\ndata: {state.to_json()}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed
        self.close_connection = True


ROUTES: dict[str, Callable[[Handler], None]] = {
    LIVE_PATH: Handler._live,
    EVENTS_PATH: Handler._events,
}


def watched(opts: BuildOptions, config_source: Path | None) -> list[tuple[Path, bool, set]]:
    """(folder, recursive, only these files or all) for each folder a build depends on: the
    posts and styles folders, and the folders holding the .bib, the settings file, the
    project's list of abbreviations and its style when it lies elsewhere (only those files
    there: the project's root also holds the site, .git and .venv)."""
    folders: list[tuple[Path, bool, set]] = [(opts.src, True, set())]
    styles = (opts.root or Path.cwd()) / "styles"
    if styles.is_dir():
        folders.append((styles, True, set()))
    style = Path(getattr(opts.style, "path", ""))
    own_style = style if style.is_file() and not paths.inside(os.path.abspath(style), os.path.abspath(styles)) else None
    files: dict[Path, set] = {}
    for f in (opts.bib, config_source, opts.abbreviations_file, own_style):
        if f is not None:
            files.setdefault(Path(os.path.abspath(f.parent)), set()).add(f.name)
    folders += [(d, False, names) for d, names in files.items()]
    return [(d, r, names) for d, r, names in folders if d.is_dir()]


def _watch(site: Site, folder: Path, recursive: bool, names: set, out: Path) -> None:
    from watchfiles import DefaultFilter, watch

    default = DefaultFilter()
    site_folder = os.path.abspath(out)

    def wanted(change, path: str) -> bool:
        if names and os.path.basename(path) not in names:
            return False
        return default(change, path) and not (path == site_folder or path.startswith(
            site_folder + os.sep))

    for _ in watch(folder, watch_filter=wanted, stop_event=site.closed, recursive=recursive,
                   debounce=400, step=30, raise_interrupt=False):
        site.request()


class Server:
    """A running `biblio serve`: `url`, `site`, and `close()`."""

    def __init__(self, site: Site, host: str = "127.0.0.1", port: int = 8000,
                 config_source: Path | None = None, watch: bool = True):
        self.site = site
        opts = site.make_opts()
        handler = partial(Handler, site=site, directory=str(opts.out))
        try:
            self.httpd = ThreadingHTTPServer((host, port), handler)
        except OSError as e:
            raise BiblioError(Diagnostic("biblio", 0, 0, ERROR, "serve",
                                         f"cannot listen on {host}:{port}: {e.strerror or e}",
                                         "choose another port with --port"),
                              exit_code=2) from None
        self.httpd.daemon_threads = True
        self.threads = [threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                         name="biblio-serve"),
                        threading.Thread(target=site.builder, daemon=True, name="biblio-build")]
        if watch:
            out = Path(os.path.abspath(opts.out))
            self.threads += [threading.Thread(target=_watch, args=(site, d, r, names, out),
                                              daemon=True, name=f"biblio-watch {d}")
                             for d, r, names in watched(opts, config_source)]
        for t in self.threads:
            t.start()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def close(self) -> None:
        self.site.close()
        self.httpd.shutdown()
        self.httpd.server_close()
        for t in self.threads:
            t.join(timeout=10)


def serve(make_opts: Callable[[], BuildOptions], host: str = "127.0.0.1", port: int = 8000,
          config_source: Path | None = None, on_build=None, watch: bool = True) -> Server:
    """Build once, then serve and watch in background threads until `close()`."""
    site = Site(make_opts, on_build)
    site.rebuild()
    return Server(site, host, port, config_source, watch)


__all__ = ["EVENTS_PATH", "LIVE_PATH", "Server", "Site", "inject", "serve"]
