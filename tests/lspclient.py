"""A small LSP client for tests: `biblio lsp` as a subprocess, JSON-RPC messages over its
stdin and stdout, read by a thread into a queue. Every wait has a timeout, only to catch a
hang."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30.0


class Client:
    def __init__(self, cwd: Path):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "biblio", "lsp"], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.inbox: queue.Queue = queue.Queue()
        self.notes: list[dict] = []
        self.next_id = 0
        self.log: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        """Read the server's log as it comes, so a full pipe never blocks it."""
        for line in self.proc.stderr:
            self.log.append(line)

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length)))

    def send(self, message: dict | bytes) -> None:
        body = message if isinstance(message, bytes) else json.dumps(
            {"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None) -> dict:
        """The whole response (`result` or `error`); notifications met on the way are kept."""
        self.next_id += 1
        n = self.next_id
        self.send({"id": n, "method": method, "params": params})
        while True:
            msg = self._get()
            if msg.get("id") == n and "method" not in msg:
                return msg
            self._keep(msg)

    def _get(self) -> dict:
        msg = self.inbox.get(timeout=TIMEOUT)
        assert msg is not None, "the server stopped: " + b"".join(self.log).decode()
        return msg

    def _keep(self, msg: dict) -> None:
        if "id" in msg and "method" in msg:  # a request from the server: answer it
            self.send({"id": msg["id"], "result": None})
        else:
            self.notes.append(msg)

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict]:
        """The next diagnostics published for `uri` (for `version`, when given)."""
        while True:
            for i, m in enumerate(self.notes):
                p = m.get("params", {})
                if (m.get("method") == "textDocument/publishDiagnostics" and p["uri"] == uri
                        and (version is None or p.get("version") == version)):
                    del self.notes[: i + 1]
                    return p["diagnostics"]
            self._keep(self._get())

    def initialize(self, root: Path) -> dict:
        res = self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                                          "capabilities": {}})
        self.notify("initialized", {})
        return res["result"]

    def open(self, path: Path, text: str | None = None, version: int = 1) -> str:
        uri = path.resolve().as_uri()
        lang = "bibtex" if path.suffix == ".bib" else "markdown"
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": lang, "version": version,
            "text": path.read_text(encoding="utf-8") if text is None else text}})
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=TIMEOUT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                f.close()
