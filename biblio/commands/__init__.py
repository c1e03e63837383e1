"""One module per CLI verb: a plain `run()` that does the work and a small click `cli`."""
