"""Ask the world about the library's sources: Crossref for retractions, expressions of
concern and corrections, doi.org whether a DOI resolves, each URL whether it still answers,
the Internet Archive for a copy of a page that died.

This is the only stage of `check` that touches the network. It returns `Answers`; the
`sources` rules (rules/sources.py) read them and stay pure. Every request goes through the one
HTTP client (importers/http.py: retries, backoff, Retry-After, the cache), at most `per_host`
at a time per host, within an overall time budget.
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace

from .importers.http import CACHE_DAYS, Client, NetworkError

CROSSREF_URL = "https://api.crossref.org"
DOI_URL = "https://doi.org"
WAYBACK_URL = "https://archive.org/wayback/available"
# What the notices that update a batch of works are asked for: the update, and where the notice
# was published (APA names that in the reference to a retracted article).
NOTICE_FIELDS = "DOI,update-to,container-title,issued,volume,issue,page,article-number"
BATCH = 40  # DOIs per Crossref filter query: a short URL, one request instead of forty
MAX_REDIRECTS = 10
PERMANENT = {301, 308}
TEMPORARY = {302, 303, 307}
GONE = {404, 410}
# Who recorded a notice, as a writer would name them.
SOURCES = {"publisher": "the publisher", "retraction-watch": "Retraction Watch",
           "crossref": "Crossref"}


@dataclass(frozen=True)
class Notice:
    """An editorial update of a work: its type as Crossref spells it (hyphens), the notice's
    DOI, the date it took effect, who recorded it; and where the notice itself was published
    (its journal, year, volume, issue, page: what APA's reference to a retracted article
    names), when Crossref has a record of it."""

    kind: str
    doi: str
    date: str
    source: str
    label: str = ""
    journal: str = ""
    year: str = ""
    volume: str = ""
    issue: str = ""
    page: str = ""


@dataclass
class Link:
    """What became of a URL: `dead` says why it is dead ("" when it answers), `moved` is where
    its permanent redirects lead ("" when it has none), `archive` the nearest archived copy."""

    final: str = ""
    moved: str = ""
    dead: str = ""
    archive: str = ""
    archived: str = ""  # the copy's date, YYYY-MM-DD
    archive_error: str = ""  # why the Internet Archive could not be asked


@dataclass
class Failure:
    """A question that got no answer: which DOI or URL, and the error."""

    subject: str
    error: NetworkError


@dataclass
class Answers:
    notices: dict[str, list[Notice]] = field(default_factory=dict)  # lower-case DOI → notices
    resolves: dict[str, bool] = field(default_factory=dict)  # lower-case DOI → registered
    links: dict[str, Link] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)


@dataclass
class Options:
    crossref_url: str = CROSSREF_URL
    doi_url: str = DOI_URL
    wayback_url: str = WAYBACK_URL
    per_host: int = 3  # Crossref's polite pool allows three requests at a time
    workers: int = 16
    budget: float = 300.0  # seconds for the whole check
    progress: Callable[[int, int], None] | None = None

    @classmethod
    def from_settings(cls, settings: dict) -> Options:
        """From [tool.biblio.check] (and [tool.biblio] for the URLs), BIBLIO_* overriding."""
        env = os.environ

        def number(key: str, default: float) -> float:
            try:
                return float(settings.get(key, default))
            except (TypeError, ValueError):
                return default
        return cls(crossref_url=(env.get("BIBLIO_CROSSREF_URL") or settings.get("crossref_url")
                                 or CROSSREF_URL).rstrip("/"),
                   doi_url=(env.get("BIBLIO_DOI_URL") or DOI_URL).rstrip("/"),
                   wayback_url=env.get("BIBLIO_WAYBACK_URL") or WAYBACK_URL,
                   per_host=max(1, int(number("online_per_host", 3))),
                   budget=number("online_budget", 300.0))


def session(settings: dict, check_settings: dict, refresh: bool = False,
            progress: Callable[[int, int], None] | None = None, cache: bool = True
            ) -> tuple[Client, Options]:
    """The client and options every source check uses (check, add, build): [tool.biblio] and
    [tool.biblio.check] (`online_cache_days`, `online_per_host`, `online_budget`); `cache`
    False (add --no-cache): answers neither read nor kept."""
    client = Client.from_settings(settings, cache=cache)
    try:
        client.ttl = float(check_settings.get("online_cache_days", 7)) * 86400
    except (TypeError, ValueError):
        client.ttl = 7 * 86400.0
    client.ttl = min(client.ttl, CACHE_DAYS * 86400)
    client.refresh = refresh
    opts = Options.from_settings({**settings, **check_settings})
    opts.progress = progress
    return client, opts


def gather(dois: list[str], urls: dict[str, str], client: Client, opts: Options) -> Answers:
    """Ask about every DOI and every URL (url → its urldate or ""). A question that cannot
    be answered becomes a Failure; the answers to the others are kept."""
    answers = Answers()
    dois = sorted({d.lower() for d in dois})
    ask = _Asker(client, opts)
    start = time.monotonic()
    todo = [d for d in dois if not _recall_doi(client, opts, d, answers)]
    jobs: list[tuple[Callable, tuple]] = [(_crossref_batch, (ask, todo[i:i + BATCH], answers))
                                          for i in range(0, len(todo), BATCH)]
    jobs += [(_link, (ask, url, urldate, answers)) for url, urldate in sorted(urls.items())]
    _run(jobs, opts, start, answers)
    # A DOI Crossref does not know may belong to another agency (DataCite, mEDRA…): doi.org
    # says whether it is registered at all.
    unknown = [d for d in dois if d not in answers.resolves
               and not any(f.subject == d for f in answers.failures)]
    _run([(_handle, (ask, d, answers)) for d in unknown], opts, start, answers)
    return answers


def _run(jobs: list, opts: Options, start: float, answers: Answers) -> None:
    if not jobs:
        return
    with ThreadPoolExecutor(max_workers=opts.workers) as pool:
        pending = {pool.submit(fn, *args): args for fn, args in jobs}
        done_count = 0
        while pending:
            left = opts.budget - (time.monotonic() - start)
            finished, _ = wait(pending, timeout=max(0.0, left), return_when=FIRST_COMPLETED)
            if not finished:
                for future in pending:
                    future.cancel()
                subject = "the check"
                answers.failures.append(Failure(subject, NetworkError(
                    "timeout", subject, f"the online check did not finish within "
                    f"{opts.budget:g} s ({len(pending)} questions unanswered)")))
                pool.shutdown(wait=False, cancel_futures=True)
                return
            for future in finished:
                pending.pop(future)
                future.result()  # the jobs catch NetworkError; anything else is a bug
                done_count += 1
                if opts.progress:
                    opts.progress(done_count, len(jobs))


class _Asker:
    """The client, with at most `per_host` requests at a time to any one host."""

    def __init__(self, client: Client, opts: Options):
        self.client, self.opts = client, opts
        self._gates: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()

    def gate(self, url: str) -> threading.Semaphore:
        host = urllib.parse.urlsplit(url).netloc.lower()
        with self._lock:
            return self._gates.setdefault(host, threading.Semaphore(self.opts.per_host))

    def json(self, url: str, params: dict | None = None, polite: bool = False):
        with self.gate(url):
            return self.client.get_json(url, params, polite=polite, cache=False)

    def request(self, url: str, **kwargs):
        with self.gate(url):
            return self.client.request(url, **kwargs)


# -- Crossref ----------------------------------------------------------------------------------

def _key(opts: Options, what: str, subject: str) -> str:
    return f"biblio-online:{what}:{opts.crossref_url}|{opts.doi_url}:{subject}"


def _recall_doi(client: Client, opts: Options, doi: str, answers: Answers) -> bool:
    text = client.recall(_key(opts, "doi", doi))
    if text is None:
        return False
    try:
        data = json.loads(text)
        notices = [Notice(**n) for n in data["notices"]]
        resolves = data["resolves"]
    except (ValueError, TypeError, KeyError, RecursionError):
        return False  # a damaged cache file is asked again
    if not all(_all_text(n) for n in notices):
        return False  # nor is one of another shape
    answers.notices[doi] = notices
    if resolves is not None:
        answers.resolves[doi] = bool(resolves)
    return True


def _all_text(fact) -> bool:
    """Whether every field of a Notice or Link read back from the cache is text, as kept."""
    return all(isinstance(v, str) for v in asdict(fact).values())


def _remember_doi(ask: _Asker, doi: str, answers: Answers) -> None:
    data = {"notices": [asdict(n) for n in answers.notices.get(doi, [])],
            "resolves": answers.resolves.get(doi)}
    ask.client.remember(_key(ask.opts, "doi", doi), json.dumps(data))


def _crossref_batch(ask: _Asker, batch: list[str], answers: Answers) -> None:
    """Crossref's works records of the batch (their `updated-by`) and the notices that update
    them (a notice's `update-to`): two filter queries for up to BATCH DOIs."""
    url = f"{ask.opts.crossref_url}/works"
    found: dict[str, list[Notice]] = {}
    published: dict[str, dict] = {}  # notice DOI → where the notice was published
    try:
        works = _items(ask.json(url, {"filter": ",".join(f"doi:{d}" for d in batch),
                                      "select": "DOI,updated-by", "rows": len(batch)},
                                polite=True), url)
        for item in works:
            doi = str(item.get("DOI", "")).lower()
            found.setdefault(doi, [])
            found[doi] += [_notice(u) for u in _dicts(item.get("updated-by"))]
        notices = _items(ask.json(url, {"filter": ",".join(f"updates:{d}" for d in batch),
                                        "select": NOTICE_FIELDS, "rows": 1000},
                                  polite=True), url)
        for item in notices:
            published[str(item.get("DOI", "")).lower()] = item
            for u in _dicts(item.get("update-to")):
                target = str(u.get("DOI", "")).lower()
                if target in batch:
                    found.setdefault(target, [])
                    found[target].append(_notice({**u, "DOI": item.get("DOI", "")}))
    except NetworkError as e:
        answers.failures += [Failure(d, e) for d in batch]
        return
    for doi in batch:
        if doi in found:
            answers.notices[doi] = _unique([_where(n, published) for n in found[doi]])
            answers.resolves[doi] = True  # Crossref registered it, so doi.org resolves it
            _remember_doi(ask, doi, answers)


def _items(data, url: str) -> list[dict]:
    message = data.get("message") if isinstance(data, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    if not isinstance(items, list):
        raise NetworkError("malformed", url, f"the answer from {_host(url)} is not a list of "
                           "works")
    from .importers.crossref import work  # (each field of the type the schema gives it)

    return [work(i) for i in items if isinstance(i, dict)]


def _dicts(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _notice(update: dict) -> Notice:
    parts = (update.get("updated") or {}).get("date-parts") or [[]]
    date = []  # year, month, day as far as they are numbers ("²" is a digit int() refuses)
    for p in (parts[0] or [])[:3]:
        if not (isinstance(p, (int, str)) and str(p).isdecimal()):
            break
        date.append(f"{int(p):02d}")
    date = "-".join(date)
    source = str(update.get("source") or "publisher")
    doi = str(update.get("DOI") or "")
    if not doi and update.get("record-id"):
        doi = f"record {update['record-id']}"
    return Notice(str(update.get("type", "")).lower().replace("_", "-"), doi, date,
                  SOURCES.get(source, source), str(update.get("label") or ""))


def _where(n: Notice, published: dict[str, dict]) -> Notice:
    """The notice with where it was published, from its own Crossref record when the
    `updates:` query returned it."""
    item = published.get(n.doi.lower())
    if item is None:
        return n
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    year = parts[0][0] if parts and parts[0] and isinstance(parts[0][0], int) else ""
    return replace(n, journal=_first(item.get("container-title")), year=str(year),
                   volume=str(item.get("volume") or ""), issue=str(item.get("issue") or ""),
                   page=str(item.get("page") or item.get("article-number") or ""))


def _first(value) -> str:
    if isinstance(value, list):
        return next((str(v) for v in value if v), "")
    return str(value or "")


def notices_of(updates: list[dict]) -> list[Notice]:
    """The notices a Crossref work record lists in its `updated-by`."""
    from .importers.crossref import work  # (each field of the type the schema gives it)

    return _unique([_notice(u) for u in work({"updated-by": updates}).get("updated-by", [])])


def _unique(notices: list[Notice]) -> list[Notice]:
    """One notice per (type, notice DOI): the publisher's and Retraction Watch's records of
    the same retraction are one retraction; the first source (the work's own record) wins."""
    seen, out = set(), []
    for n in notices:
        key = (n.kind, n.doi.lower())
        if key not in seen:
            seen.add(key)
            out.append(n)
    return sorted(out, key=lambda n: (n.date, n.kind))


def _handle(ask: _Asker, doi: str, answers: Answers) -> None:
    """doi.org's handle API: 200 with responseCode 1 when registered, 404 with 100 when not."""
    url = f"{ask.opts.doi_url}/api/handles/{urllib.parse.quote(doi, safe='/:;()')}"
    try:
        answer = ask.request(url)
        if answer.status not in (200, 404):
            raise NetworkError("http", url, f"{_host(url)} refused the request (HTTP "
                               f"{answer.status} {answer.reason})", answer.status)
        try:
            code = json.loads(answer.body).get("responseCode")
        except (ValueError, AttributeError, RecursionError):
            raise NetworkError("malformed", url, f"the answer from {_host(url)} is not valid "
                               "JSON") from None
        if code not in (1, 100, 200):
            raise NetworkError("malformed", url, f"{_host(url)} answered with handle "
                               f"responseCode {code!r}")
    except NetworkError as e:
        answers.failures.append(Failure(doi, e))
        return
    answers.notices.setdefault(doi, [])
    answers.resolves[doi] = code != 100
    _remember_doi(ask, doi, answers)


# -- links ------------------------------------------------------------------------------------

def _link(ask: _Asker, url: str, urldate: str, answers: Answers) -> None:
    key = _key(ask.opts, "link", url)
    text = ask.client.recall(key)
    if text is not None:
        try:
            link = Link(**json.loads(text))
            if _all_text(link):
                answers.links[url] = link
                return
        except (ValueError, TypeError, RecursionError):
            pass  # a damaged cache file (or one of another shape) is asked again
    try:
        link = _follow(ask, url)
    except NetworkError as e:
        answers.failures.append(Failure(url, e))
        return
    if link.dead:
        _archive(ask, url, urldate, link)
    answers.links[url] = link
    if not link.archive_error:  # a Wayback failure is worth asking again next time
        ask.client.remember(key, json.dumps(asdict(link)))


def _follow(ask: _Asker, url: str) -> Link:
    """Follow the redirects one by one: the leading permanent ones say where the page moved."""
    link, seen, here, permanent = Link(), [url], url, True
    for _ in range(MAX_REDIRECTS + 1):
        try:
            answer = ask.request(here, accept="*/*", follow=False, read=False)
        except NetworkError as e:
            if e.kind != "no-host":
                raise
            link.final, link.dead = here, f"there is no such host as {_host(here)}"
            return link
        if answer.status in PERMANENT | TEMPORARY and answer.location:
            target = urllib.parse.urljoin(here, answer.location)
            permanent = permanent and answer.status in PERMANENT
            if permanent:
                link.moved = target
            if target in seen:
                link.final = here
                link.dead = f"it redirects in a loop ({' → '.join([*seen, target])})"
                link.moved = ""
                return link
            seen.append(target)
            here = target
            continue
        link.final = here
        if answer.status in GONE:
            reason = "gone" if answer.status == 410 else "not found"
            via = f" (redirected to {here})" if here != url else ""
            link.dead = f"the page is {reason} (HTTP {answer.status}){via}"
            link.moved = ""
        return link
    link.final, link.moved = here, ""
    link.dead = f"it redirects more than {MAX_REDIRECTS} times"
    return link


def _archive(ask: _Asker, url: str, urldate: str, link: Link) -> None:
    """The Wayback Machine's availability API: the snapshot closest to the access date."""
    params = {"url": url}
    stamp = "".join(c for c in urldate if c.isdigit())[:8]
    if stamp:
        params["timestamp"] = stamp
    try:
        data = ask.json(ask.opts.wayback_url, params)
    except NetworkError as e:
        link.archive_error = e.message
        return
    snaps = data.get("archived_snapshots") if isinstance(data, dict) else None
    closest = snaps.get("closest") if isinstance(snaps, dict) else None
    if not isinstance(closest, dict) or not closest.get("available") or \
            not str(closest.get("status", "200")).startswith("2"):
        return
    link.archive = str(closest.get("url", ""))
    when = str(closest.get("timestamp", ""))
    link.archived = f"{when[:4]}-{when[4:6]}-{when[6:8]}" if len(when) >= 8 else when


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url
