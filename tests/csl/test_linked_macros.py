"""A macro called with no formatting of its own, or the one group it consists of, stands in its
caller's place (nodes.link_macros): the rendering is the one the plain calls give, for every fixture of the CSL suite, jgm's and
ours (the styles' goldens, tests/golden, pin their output already)."""

import signal

from csl_harness import fixtures
from helpers import TESTS

from biblio.csl import nodes
from biblio.csl import style as style_mod

HEAD = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><group delimiter=" ">
    <text macro="late"/><text macro="late" prefix="("/>
    <text macro="one-group"/><text macro="calls-one-group"/>
  </group></layout></citation>
  <macro name="late"><text variable="title"/></macro>
  <macro name="calls-one-group"><text macro="one-group"/></macro>
  <macro name="one-group"><group delimiter=" "><text variable="volume"/></group></macro>
</style>"""


def test_a_bare_call_is_the_macro_or_its_one_group_and_a_formatted_one_stays_a_call():
    st = style_mod.load(HEAD)
    # (a call of a macro the style does not define is refused when the style is read:
    # tests/csl/test_undefined_macro.py)
    bare, formatted, group, caller = st.citation.layout.children[0].children
    assert bare is st.macros["late"]  # (defined after the layout that calls it)
    assert isinstance(formatted, nodes.Text) and formatted.macro == "late"
    assert group is st.macros["one-group"].children[0]
    # A macro that is a call of another stands for itself (each stand-in, one macro's), its
    # body linked in turn.
    assert caller is st.macros["calls-one-group"]
    assert caller.children == [group]


FOLDERS = [("csl-suite", "suite"), ("jgm-citeproc", "jgm"), ("csl-local", "suite")]
PATHS = [(p, rules) for folder, rules in FOLDERS for p in sorted((TESTS / folder).rglob("*.txt"))]


def _outputs() -> dict[str, str]:
    def too_long(*_):
        raise TimeoutError

    out = {}
    old = signal.signal(signal.SIGALRM, too_long)
    try:
        for path, rules in PATHS:
            signal.alarm(10)  # (a hang is a failure, not a wait)
            try:
                out[str(path)] = fixtures.run(fixtures.load(path, rules))
            except TimeoutError:
                raise
            except Exception as exc:  # noqa: BLE001 - both sides must raise alike
                out[str(path)] = f"raises {type(exc).__name__}"
            finally:
                signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, old)
    return out


def test_fixtures_render_alike_with_macros_linked_or_called(monkeypatch):
    style_mod._load_text.cache_clear()
    linked = _outputs()
    monkeypatch.setattr(nodes, "link_macros", lambda style: None)
    style_mod._load_text.cache_clear()
    try:
        called = _outputs()
    finally:
        style_mod._load_text.cache_clear()
    assert len(linked) == len(PATHS) > 800
    assert {k for k in linked if linked[k] != called[k]} == set()
