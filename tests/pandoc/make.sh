#!/bin/sh
# Re-make the pandoc oracle output (needs pandoc 3; the pypandoc_binary wheel ships one:
# /work/venv/bin/pip install pypandoc_binary). Run from this folder: ./make.sh
set -eu
PANDOC=${PANDOC:-$(python3 -c 'import pypandoc; print(pypandoc.get_pandoc_path())' 2>/dev/null || echo pandoc)}
"$PANDOC" --version | head -1 > pandoc-version.txt
printf -- '---\nnocite: "[@*]"\n---\n' | "$PANDOC" --citeproc --bibliography=corpus.bib \
  --csl=../../styles/apa.csl -f markdown -t html --wrap=none -o apa.html 2> pandoc-warnings.txt
"$PANDOC" -f biblatex -t csljson corpus.bib -o corpus.pandoc.json
