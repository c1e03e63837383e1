"""Engine behaviours of note styles that a sixth unseen set showed wrong (/tmp/notes6: the
footnotes of a long article — ibid chains, short forms, legal and archival items, editors who
are also translators, locators of every label)."""

from biblio.csl import render

C = lambda i, **k: dict({"id": i}, **k)

_DOE = [{"family": "Doe", "given": "John"}]


def _style(names: str) -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
      <citation><layout>{names}</layout></citation></style>"""


def test_editor_and_translator_print_once_only_when_the_selection_is_those_two():
    # CSL 1.0.2 "Names": each variable is rendered independently, "with one exception: when
    # the selection consists of "editor" and "translator"" and their contents are identical;
    # a selection of more variables (OSCOLA's "container-author editor translator") renders
    # each, with its own label (as citeproc-js)
    item = {"id": "a", "type": "book", "title": "T", "editor": _DOE, "translator": _DOE}
    label = '<name/><label form="short" prefix=" (" suffix=")"/>'
    two = _style(f'<names variable="translator editor" delimiter=", ">{label}</names>')
    three = _style('<names variable="container-author editor translator" delimiter=", ">'
                   f'{label}</names>')
    assert render(two, [item], [[C("a")]], output="text").citations == ["John Doe (ed. & trans.)"]
    assert render(three, [item], [[C("a")]], output="text").citations == [
        "John Doe (ed.), John Doe (trans.)"]
