"""The CSL test-suite ratchet, jgm/citeproc's fixtures' ratchet, and our own APA fixtures.

tests/csl-suite-pass.txt lists the suite fixtures that pass. A listed fixture that fails is a
regression; an unlisted one that passes must be added (`python -m tests.csl_harness.conformance
--list > tests/csl-suite-pass.txt`), so the list only grows. tests/jgm-citeproc-pass.txt does
the same for jgm/citeproc's own fixtures, run under his harness's rules (`python -m
tests.csl_harness.conformance --folder tests/jgm-citeproc --rules jgm --list`).
"""


import pytest
from csl_harness import conformance, fixtures
from helpers import TESTS

HERE = TESTS
PASS_LIST = HERE / "csl-suite-pass.txt"
JGM_PASS_LIST = HERE / "jgm-citeproc-pass.txt"


@pytest.mark.parametrize(("folder", "rules", "pass_list"), [
    ("csl-suite", "suite", PASS_LIST),
    ("jgm-citeproc", "jgm", JGM_PASS_LIST),
], ids=["csl-suite", "jgm-citeproc"])
def test_suite_ratchet(folder, rules, pass_list):
    results = conformance.run_all(HERE / folder, rules=rules)
    listed = set(pass_list.read_text().split())
    passing = {name for name, status in results.items() if status == "pass"}
    raising = {name: s for name, s in results.items() if s.startswith("error")}
    assert not raising, f"fixtures that raise: {raising}"
    assert not (listed - passing), f"regressions: {sorted(listed - passing)}"
    assert not (passing - listed), f"newly passing, add to the list: {sorted(passing - listed)}"


LOCAL = sorted((HERE / "csl-local").glob("*.txt"))


@pytest.mark.parametrize("path", LOCAL, ids=[p.stem for p in LOCAL])
def test_apa_case(path):
    """Our APA 7 cases (tests/csl-local), rendered with the real styles/apa.csl."""
    fx = fixtures.load(path)
    assert fx.style_path is not None and fx.style_path.name == "apa.csl"
    assert fixtures.normalize(fixtures.run(fx)) == fixtures.normalize(fx.result)


def test_there_are_apa_cases():
    assert len(LOCAL) >= 15
