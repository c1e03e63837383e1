"""What a node's render returns is None or prints: join (`rendered`) and cs:choose keep a
rendering without testing it for emptiness. Held over every fixture of the CSL suite, jgm's
and ours, and the styles whose goldens are kept."""

import json

from csl_harness import fixtures
from helpers import TESTS

from biblio.csl import dates, names, nodes, render
from biblio.csl.rich import Node, is_empty
from biblio.styles import read_style

RENDERERS = (nodes.Text, nodes.Number, nodes.Label, nodes.Group, nodes.Choose, nodes.Macro,
             nodes.Layout, names.Names, dates.Date)
FOLDERS = [("csl-suite", "suite"), ("jgm-citeproc", "jgm"), ("csl-local", "suite")]


def test_every_rendering_is_none_or_prints(monkeypatch):
    empty: list = []

    def checked(cls):
        plain = cls.render

        def render_(self, ctx):
            out = plain(self, ctx)
            if out == "" or (isinstance(out, Node) and is_empty(out)):
                empty.append(cls.__name__)
            return out
        return render_

    for cls in RENDERERS:
        monkeypatch.setattr(cls, "render", checked(cls))
    count = 0
    for folder, rules in FOLDERS:
        for path in sorted((TESTS / folder).rglob("*.txt")):
            try:
                fixtures.run(fixtures.load(path, rules))
            except Exception:  # noqa: BLE001, S112 - a fixture that raises renders nothing to check
                continue
            count += 1
    styles = TESTS / "golden" / "styles-diff"
    cites = json.loads((styles / "cites.json").read_text())
    for golden in sorted((styles / "goldens").glob("*.json")):
        xml = read_style(json.loads(golden.read_text())["style"])
        render(xml, cites["items"], cites["clusters"], output="html")
        count += 1
    assert count > 900
    assert empty == []
