"""Exporters: the library's entries → other formats, one module each.

`csljson` goes through biblio.tocsl (the mapping the site build uses), `ris` reads the RIS
importer's tables backwards, `bibtex` writes an entry for classic BibTeX or for biblatex.
`biblio.commands.export` picks the exporter.
"""
