"""The CSL test-suite harness: the fixture format (`fixtures`), the pass-rate tool and
ratchet (`conformance`), and citeproc-py behind biblio's `render` signature (`baseline`), the
engine the conformance table and the benchmarks compare to. Tools for the tests, not part of
the package."""
