"""biblio: a citation and bibliography manager for people who write with sources."""

__version__ = "0.1.0"
