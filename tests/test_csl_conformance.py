"""The CSL test-suite ratchet and our own APA fixtures.

tests/csl-suite-pass.txt lists the suite fixtures that pass. A listed fixture that fails is a
regression; an unlisted one that passes must be added (`python -m biblio.csl.conformance --list
> tests/csl-suite-pass.txt`), so the list only grows.
"""

from pathlib import Path

from biblio.csl import conformance

HERE = Path(__file__).parent
PASS_LIST = HERE / "csl-suite-pass.txt"


def test_suite_ratchet():
    results = conformance.run_all(HERE / "csl-suite")
    listed = set(PASS_LIST.read_text().split())
    passing = {name for name, status in results.items() if status == "pass"}
    raising = {name: s for name, s in results.items() if s.startswith("error")}
    assert not raising, f"fixtures that raise: {raising}"
    assert not (listed - passing), f"regressions: {sorted(listed - passing)}"
    assert not (passing - listed), f"newly passing, add to the list: {sorted(passing - listed)}"
