"""The fuzzing harness (issue 18).

- `strategies`: structure-aware hypothesis strategies, one per input kind (BibTeX, front
  matter, Markdown posts with citations, CSL-JSON, RIS, CSL styles, pasted references), with
  the hostile atoms of the probe (links, raw HTML, Markdown syntax, control characters).
- `mutate`: byte mutation of the seed corpus (tests/bib-corpus, tests/data, posts/, styles/).
- `audit`: what no output may contain, read from HTML and from Markdown after rendering it
  with markdown-it-py (CommonMark) and Python-Markdown.
- `properties`: the checks run on one case of each kind (exit codes, round trips, fmt,
  time, audit); a failed check raises `Failure`.
- `__main__`: the long run by hand, `python -m tests.fuzz --minutes N`.

tests/test_fuzz.py is the short, deterministic run in CI.
"""
