"""Engine behaviours the sixth unseen set showed wrong (/tmp/unseen6: interviews, reports,
legal items, datasets, multi-volume works, names with particles, suffixes, typed initials
and names in other scripts)."""

from biblio.csl import render

C = lambda i, **k: dict({"id": i}, **k)


def _names(attrs: str, style_attrs: str = "") -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
      {style_attrs}><citation><layout delimiter=" | "><names variable="author">
      <name {attrs}/></names></layout></citation></style>"""


def test_initials_typed_with_a_hyphen_stay_one_compound_initial():
    # a given name written as its initials, "J.-P." (Jean-Paul), is a compound given name
    # already initialized: CSL 1.0.2 "initialize-with" adds the value after each initial and
    # "Hyphenation of Initialized Names" joins them with a hyphen ("J.-L.") or not ("J. L.");
    # biblio read "-P." as a word of its own ("Sartre J -P.", "J. -P. Sartre"). As
    # citeproc-js: "J-P", "J.-P.", "J. P." without the hyphen
    items = [{"id": "a", "type": "book", "author": [{"family": "Sartre", "given": "J.-P."}]},
             {"id": "b", "type": "book", "author": [{"family": "Dupont", "given": "J.-P. A."}]},
             {"id": "c", "type": "book", "author": [{"family": "Rousseau",
                                                     "given": "Jean-Jacques"}]}]
    cl = [[C("a"), C("b"), C("c")]]
    assert render(_names('initialize-with=""'), items, cl).citations == [
        "J-P Sartre | J-PA Dupont | J-J Rousseau"]
    assert render(_names('initialize-with=". "'), items, cl).citations == [
        "J.-P. Sartre | J.-P. A. Dupont | J.-J. Rousseau"]
    assert render(_names('initialize-with=". "', 'initialize-with-hyphen="false"'), items,
                  cl).citations == ["J. P. Sartre | J. P. A. Dupont | J. J. Rousseau"]
    # not initialized: the name as written, its initials followed by the value
    assert render(_names('initialize-with=". " initialize="false"'), items, cl).citations == [
        "J.-P. Sartre | J.-P. A. Dupont | Jean-Jacques Rousseau"]
    assert render(_names('initialize-with="" name-as-sort-order="all" sort-separator=" "'),
                  items, cl).citations == ["Sartre J-P | Dupont J-PA | Rousseau J-J"]


def test_a_name_with_static_ordering_keeps_its_written_order():
    # CSL-JSON's "static-ordering" (csl-data.json) marks a name written family name first
    # that keeps that order ("Hồ Chí Minh"): neither inverted with the sort separator ("Hồ,
    # Chí Minh") nor turned round ("Chí Minh Hồ"); its given name is still initialized as
    # the style says ("Hồ C. M."), and its short form is the family name — as citeproc-js
    items = [{"id": "h", "type": "book",
              "author": [{"family": "Hồ", "given": "Chí Minh", "static-ordering": True}]},
             {"id": "s", "type": "book", "author": [{"family": "Smith", "given": "John"}]}]
    cl = [[C("h"), C("s")]]
    assert render(_names(""), items, cl).citations == ["Hồ Chí Minh | John Smith"]
    assert render(_names('name-as-sort-order="all"'), items, cl).citations == [
        "Hồ Chí Minh | Smith, John"]
    assert render(_names('name-as-sort-order="all" initialize-with=". "'), items,
                  cl).citations == ["Hồ C. M. | Smith, J."]
    assert render(_names('initialize-with=""'), items, cl).citations == ["Hồ CM | J Smith"]
    assert render(_names('form="short"'), items, cl).citations == ["Hồ | Smith"]
    # "false" (or no flag) is the usual order
    plain = [{"id": "h", "type": "book",
              "author": [{"family": "Hồ", "given": "Chí Minh", "static-ordering": False}]}]
    assert render(_names('name-as-sort-order="all"'), plain, [[C("h")]]).citations == [
        "Hồ, Chí Minh"]
