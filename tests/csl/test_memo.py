"""A Memo shares renderings between render calls (a site's posts); the result must be the one a
call without it gives, whatever the calls before it rendered: other items, the same items in
another order (other citation numbers, other disambiguation), another style or output."""

from __future__ import annotations

import functools
import json

from csl_harness import fixtures
from helpers import TESTS
from test_linked_macros import PATHS

from biblio import csl
from biblio.csl.memo import Memo
from biblio.styles import read_style

HERE = TESTS / "golden" / "styles-diff"
CITES = json.loads((HERE / "cites.json").read_text())
GOLDENS = sorted((HERE / "goldens").glob("*.json"))


def _posts() -> list[tuple[list[dict], list[list[dict]]]]:
    """Overlapping documents over the golden items: each (items, clusters citing only them)."""
    items = CITES["items"]
    subsets = [items[:20], list(reversed(items[10:])), items, items[5:25:2], items[:20]]
    out = []
    for sub in subsets:
        ids = {it["id"] for it in sub}
        clusters = [[dict(c, note=n + 1) for c in cl if c["id"] in ids]
                    for n, cl in enumerate(CITES["clusters"])]
        out.append((sub, [cl for cl in clusters if cl]))
    return out


def _view(res) -> tuple:
    return res.citations, res.authors, [(e.id, e.text) for e in res.bibliography], res.warnings


def test_documents_sharing_a_memo_render_as_each_alone_in_every_sampled_style():
    memo = Memo()
    posts = _posts()
    differ = []
    for path in GOLDENS:
        xml = read_style(json.loads(path.read_text())["style"])
        for fmt in ("html", "text"):
            for n, (items, clusters) in enumerate(posts):
                alone = csl.render(xml, items, clusters, output=fmt)
                shared = csl.render(xml, items, clusters, output=fmt, memo=memo)
                if _view(alone) != _view(shared):
                    differ.append((path.stem, fmt, n))
    assert len(GOLDENS) >= 100 and len(memo) > 1000
    assert differ == []


def test_every_fixture_renders_alike_with_a_memo_shared_by_all():
    memo = Memo()
    shared = functools.partial(csl.render, memo=memo)
    differ = []
    for path, rules in PATHS:
        fx = fixtures.load(path, rules)
        try:
            alone = fixtures.run(fx)
        except Exception as exc:  # noqa: BLE001 - both sides must raise alike
            alone = f"raises {type(exc).__name__}"
        for _ in range(2):  # the second time, from the memo
            try:
                got = fixtures.run(fx, render=shared)
            except Exception as exc:  # noqa: BLE001
                got = f"raises {type(exc).__name__}"
            if got != alone:
                differ.append(path.name)
    assert len(PATHS) > 800 and len(memo) > 1000
    assert differ == []


def test_a_full_memo_starts_afresh():
    memo = Memo(limit=3)
    xml = read_style("apa")
    items, clusters = _posts()[2]
    want = _view(csl.render(xml, items, clusters))
    assert _view(csl.render(xml, items, clusters, memo=memo)) == want
    assert len(memo) <= 3
    assert _view(csl.render(xml, items, clusters, memo=memo)) == want


SAS = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><group delimiter=" "><names variable="author"/><text variable="title"/>
  </group></layout></citation>
  <bibliography subsequent-author-substitute="———">
    <sort><key variable="title"/></sort>
    <layout><group delimiter=". "><names variable="author"/><text variable="title"/></group>
    </layout></bibliography>
</style>"""


def test_an_entry_after_another_of_its_author_is_not_the_entry_alone():
    doe = [{"family": "Doe", "given": "Jo"}]
    first = {"id": "a", "type": "book", "author": doe, "title": "Alpha"}
    second = {"id": "b", "type": "book", "author": doe, "title": "Beta"}
    memo = Memo()
    both = csl.render(SAS, [first, second], output="text", memo=memo)
    alone = csl.render(SAS, [second], output="text", memo=memo)
    assert [e.text for e in both.bibliography] == ["Jo Doe. Alpha", "———. Beta"]
    assert [e.text for e in alone.bibliography] == ["Jo Doe. Beta"]
