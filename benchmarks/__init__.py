"""Benchmarks, run by hand (never by CI): `gen.py` makes the data, `run.py` times the jobs."""
