"""The one HTTP client of biblio: timeouts, retries with backoff, Retry-After, on-disk cache.

Built on urllib from the standard library rather than requests/httpx: biblio makes a handful
of GET requests per command, and urllib costs ~30 ms to import against ~150 ms for requests
(the `biblio add` target of 0.5 s end to end includes interpreter start-up).
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__, paths
from ..bib import atomic

RETRY_STATUS = {429, 500, 502, 503, 504}
CACHE_DAYS = 30


class NetworkError(Exception):
    """A request that failed for good. `kind`: not-found, http, unavailable, offline, no-host,
    timeout, malformed, too-large."""

    def __init__(self, kind: str, url: str, message: str, status: int | None = None):
        super().__init__(message)
        self.kind, self.url, self.message, self.status = kind, url, message, status


@dataclass
class Answer:
    """An HTTP answer: the status, the final URL, the body (empty unless read)."""

    status: int
    url: str
    body: str = ""
    reason: str = ""
    location: str = ""  # a redirect's target, when redirects are not followed


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 3xx comes back as an HTTPError, its Location readable


_OPENER = urllib.request.build_opener()
_NO_FOLLOW = urllib.request.build_opener(_NoRedirect)
_NO_SUCH_HOST = {getattr(socket, n) for n in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, n)}


@dataclass
class Client:
    timeout: float = 10.0  # seconds per attempt
    retries: int = 3  # further attempts after the first, on 429/5xx/timeouts
    backoff: float = 1.0  # first wait in seconds; doubles on each retry
    max_wait: float = 60.0  # a longer Retry-After than this is not waited for
    cache_dir: Path | None = None  # None: no cache
    mailto: str = ""
    ttl: float = CACHE_DAYS * 86400  # seconds a cached answer is good for
    refresh: bool = False  # True: ask again, but still store the answers
    max_bytes: int = 8_000_000  # a longer answer is refused, not read
    sleep: object = field(default=time.sleep, repr=False)

    @classmethod
    def from_settings(cls, settings: dict | None = None, *, cache: bool = True) -> Client:
        """Settings from `[tool.biblio]`, overridden by BIBLIO_* environment variables."""
        settings = settings or {}
        env = os.environ

        def number(name: str, key: str, default: float) -> float:
            value = env.get(name, settings.get(key, default))
            try:
                return float(value)
            except (TypeError, ValueError):
                return default

        return cls(timeout=number("BIBLIO_HTTP_TIMEOUT", "http_timeout", 10.0),
                   retries=int(number("BIBLIO_HTTP_RETRIES", "http_retries", 3)),
                   backoff=number("BIBLIO_HTTP_BACKOFF", "http_backoff", 1.0),
                   max_wait=number("BIBLIO_HTTP_MAX_WAIT", "http_max_wait", 60.0),
                   cache_dir=paths.cache_dir("http") if cache else None,
                   mailto=env.get("BIBLIO_MAILTO", str(settings.get("mailto", ""))))

    @property
    def user_agent(self) -> str:
        agent = f"biblio/{__version__} (https://github.com/biblio)"
        return f"{agent[:-1]}; mailto:{self.mailto})" if self.mailto else agent

    # -- requests -----------------------------------------------------------------------------
    def get(self, url: str, params: dict | None = None, accept: str = "application/json",
            polite: bool = False, cache: bool = True) -> str:
        """GET `url` and return the body as text; raise NetworkError when it cannot.
        `cache=False`: neither read nor stored (the caller caches what it takes out)."""
        if params:
            url = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(params)}"
        cached = self._cached(url) if cache else None
        if cached is not None:
            return cached
        full = url
        if polite and self.mailto:
            full = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode({'mailto': self.mailto})}"
        body = self._fetch(full, url, accept)
        if cache:
            self._store(url, body)
        return body

    def get_json(self, url: str, params: dict | None = None, polite: bool = False,
                 cache: bool = True):
        body = self.get(url, params, polite=polite, cache=cache)
        try:
            return json.loads(body)
        except (ValueError, RecursionError) as e:
            self.forget(url, params)
            # (only a JSON error has a message and a line: nested too deeply, or a number
            # longer than Python reads, says what it is)
            where = f"{e.msg} at line {e.lineno}" if isinstance(e, json.JSONDecodeError) \
                else "nested too deeply" if isinstance(e, RecursionError) \
                else "a number with more digits than can be read"
            raise NetworkError("malformed", url, f"the answer from {_host(url)} is not valid "
                               f"JSON ({where})") from None

    def forget(self, url: str, params: dict | None = None) -> None:
        if params:
            url = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(params)}"
        path = self._cache_path(url)
        if path is not None:
            try:
                path.unlink()
            except OSError:
                pass

    def _fetch(self, url: str, shown: str, accept: str) -> str:
        answer = self.request(url, accept=accept, shown=shown)
        if answer.status == 404:
            raise NetworkError("not-found", shown, f"{_host(shown)} has no record of it "
                               "(HTTP 404)", 404)
        if not 200 <= answer.status < 300:
            raise NetworkError("http", shown, f"{_host(shown)} refused the request (HTTP "
                               f"{answer.status} {answer.reason})", answer.status)
        return answer.body

    def request(self, url: str, *, accept: str = "application/json", follow: bool = True,
                read: bool = True, shown: str | None = None) -> Answer:
        """One GET with retries on 429/5xx/time-outs (Retry-After honoured). Any other status
        is an Answer (with `follow=False` a redirect is one too, its target in `location`);
        what never got an answer raises NetworkError: offline, no-host, timeout, unavailable,
        too-large."""
        shown = shown or url
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent,
                                                       "Accept": accept})
        opener = _OPENER if follow else _NO_FOLLOW
        wait = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                with opener.open(request, timeout=self.timeout) as response:
                    body = self._read(response, shown) if read else ""
                    return Answer(response.status, response.geturl(), body,
                                  response.reason or "")
            except urllib.error.HTTPError as e:
                status = e.code
                if status not in RETRY_STATUS:
                    body = ""
                    if read and e.fp is not None:
                        body = self._read(e, shown)
                    return Answer(status, url, body, str(e.reason or ""),
                                  e.headers.get("Location", "") if e.headers else "")
                delay = _retry_after(e.headers.get("Retry-After"), wait)
                if last or delay > self.max_wait:
                    what = "is rate-limiting requests" if status == 429 else "is failing"
                    raise NetworkError("unavailable", shown, f"{_host(shown)} {what} (HTTP "
                                       f"{status}, {attempt + 1} attempts)", status) from None
            except TimeoutError:
                delay = wait
                if last:
                    raise NetworkError("timeout", shown, f"{_host(shown)} did not answer within "
                                       f"{self.timeout:g} s ({attempt + 1} attempts)") from None
            except urllib.error.URLError as e:
                reason = e.reason
                if isinstance(reason, (TimeoutError, socket.timeout)):
                    delay = wait
                    if last:
                        raise NetworkError("timeout", shown, f"{_host(shown)} did not answer "
                                           f"within {self.timeout:g} s ({attempt + 1} attempts)"
                                           ) from None
                else:
                    text = getattr(reason, "strerror", None) or str(reason)
                    # EAI_NONAME: the name server answered that the host does not exist;
                    # anything else (no name server, no route) is being offline.
                    kind = "no-host" if (isinstance(reason, socket.gaierror) and reason.errno
                                         in _NO_SUCH_HOST) else "offline"
                    raise NetworkError(kind, shown, f"cannot reach {_host(shown)} "
                                       f"({text})") from None
            except (ConnectionError, OSError) as e:
                delay = wait
                if last:
                    raise NetworkError("offline", shown, f"the connection to {_host(shown)} "
                                       f"failed ({e})") from None
            self.sleep(delay)
            wait *= 2
        raise AssertionError("unreachable")

    def _read(self, response, shown: str) -> str:
        data = response.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise NetworkError("too-large", shown, f"the answer from {_host(shown)} is larger "
                               f"than {self.max_bytes:,} bytes; not read")
        charset = response.headers.get_content_charset() or "utf-8"
        return data.decode(charset, errors="replace")

    def recall(self, key: str) -> str | None:
        """What `remember` stored under `key`, unless it expired or `refresh` is set."""
        return self._cached(key)

    def remember(self, key: str, text: str) -> None:
        self._store(key, text)

    # -- cache --------------------------------------------------------------------------------
    def _cache_path(self, url: str) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = hashlib.sha256(url.encode()).hexdigest()
        return self.cache_dir / digest[:2] / f"{digest}.json"

    def _cached(self, url: str) -> str | None:
        path = self._cache_path(url)
        if path is None or self.refresh:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        # (JSON of another shape is not an answer this client kept: asked again)
        if not isinstance(data, dict) or data.get("url") != url:
            return None
        saved, body = data.get("time", 0), data.get("body")
        if type(saved) not in (int, float) or time.time() - saved > self.ttl:
            return None
        return body if isinstance(body, str) else None

    def _store(self, url: str, body: str) -> None:
        path = self._cache_path(url)
        if path is None:
            return

        data = json.dumps({"url": url, "time": time.time(), "body": body}).encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_bytes(path, data, durable=False)
        except OSError:
            pass  # the cache is an optimisation; a read-only cache folder is not an error


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


def _retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())
