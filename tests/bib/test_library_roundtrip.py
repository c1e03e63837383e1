"""`save(load(f))` is byte-identical, and changing one field changes only that entry's bytes."""

from __future__ import annotations

import pytest
from helpers import TESTS
from hypothesis import given, settings
from hypothesis import strategies as st

from biblio.bib import blocks, library, reader
from biblio.diagnostics import BiblioError

CORPUS = sorted((TESTS / "bib-corpus").glob("*.bib"))


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 15


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_save_of_load_is_byte_identical(path, tmp_path):
    original = path.read_bytes()
    target = tmp_path / path.name
    target.write_bytes(original)
    lib = library.load(target)
    assert lib.to_bytes() == original
    library.save(lib)
    assert target.read_bytes() == original


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_changing_one_field_changes_only_that_entry(path, tmp_path):
    original = path.read_bytes()
    lib = library.load(path)
    text = lib.render()
    for index, entry in enumerate(lib.entries):
        if any(d.line == entry.line and d.rule == "duplicate-key" for d in lib.diagnostics):
            continue
        fresh = reader.parse(text, str(path))
        target_entry = fresh.entries[index]
        target_entry.set("note", "Changed by the test")
        out = fresh.render()
        start, end = target_entry.offset, target_entry.offset + len(target_entry.text)
        tail = len(text) - end
        assert out[:start] == text[:start], f"bytes before {entry.key} changed"
        assert out[len(out) - tail:] == text[end:], f"bytes after {entry.key} changed"
        new_text = out[start:len(out) - tail]
        assert "note = {Changed by the test}," in new_text
        reread = reader.parse(out, str(path))
        assert reread.entries[index].get("note") == "Changed by the test"
        assert reread.entries[index].key == entry.key
    assert path.read_bytes() == original


def test_changed_entry_is_written_in_canonical_style():
    lib = reader.parse('@Article{k1, Title="Hello", YEAR=2020, journal = jn}\n'
                        '@string{jn = {J}}\n')
    lib.get("k1").set("note", "n")
    assert lib.render().startswith(
        "@article{k1,\n  title = {Hello},\n  year = {2020},\n  journal = jn,\n"
        "  note = {n},\n}\n")


def test_crlf_and_bom_are_kept_for_changed_and_new_entries(tmp_path):
    path = tmp_path / "win.bib"
    path.write_bytes(b"\xef\xbb\xbf@misc{a,\r\n  title = {A},\r\n}\r\n")
    with library.edit(path) as lib:
        lib.get("a").set("year", "2001")
        lib.add(blocks.new_entry("book", "b", {"title": "B"}))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf@misc{a,\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert library.load(path).get("b").get("title") == "B"


TEXT = "@misc{a,\n  title = {Caf\u00e9 \u6f22},\n}\n"


@pytest.mark.parametrize("data, encoding", [
    (b"\xef\xbb\xbf" + TEXT.encode(), "utf-8-sig"),  # was written back with two BOMs
    (TEXT.encode(), "utf-8-sig"),  # was written back with a BOM it never had
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),  # was written back little-endian
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "UTF16"),
    (b"\x00\x00\xfe\xff" + TEXT.encode("utf-32-be"), "utf-32"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (b"\xef\xbb\xbf" + TEXT.encode("latin-1", "replace"), "latin-1"),
])
def test_every_encoding_saves_the_bytes_it_read(tmp_path, data, encoding):
    path = tmp_path / "x.bib"
    path.write_bytes(data)
    lib = library.load(path, encoding)
    assert lib.to_bytes() == data
    with library.edit(path, encoding) as lib:
        lib.get("a").set("year", "2001")
    again = library.load(path, encoding)
    assert again.get("a").get("year") == "2001" and again.to_bytes().startswith(data[:4])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_or_32_without_a_byte_order_mark_is_refused(tmp_path, encoding):
    # A UTF-8 file read as "utf-16" became CJK text without an error: check said "0 entries",
    # and fmt wrote it back with a byte-order mark in front.
    path = tmp_path / "x.bib"
    path.write_bytes(TEXT.encode())
    with pytest.raises(BiblioError) as err:
        library.load(path, encoding)
    (d,) = err.value.diagnostics
    assert (d.line, d.col, d.rule) == (1, 1, "encoding")
    assert d.message == f"no byte-order mark, so the byte order of {encoding} is unknown"
    assert d.fix == f"pass --encoding {encoding}-le or {encoding}-be (or the file's real " \
        "encoding, e.g. utf-8)"
    assert path.read_bytes() == TEXT.encode()


def test_new_entry_on_file_without_final_newline(tmp_path):
    path = tmp_path / "x.bib"
    path.write_text("@misc{a, title = {A}}")
    with library.edit(path) as lib:
        lib.add(blocks.new_entry("misc", "b", {"title": "B"}))
    assert path.read_text() == "@misc{a, title = {A}}\n\n@misc{b,\n  title = {B},\n}\n"


def test_remove_keeps_other_blocks(tmp_path):
    text = "% head\n@misc{a, title={A}}\n\n@misc{b, title={B}}\n\n@misc{c, title={C}}\n"
    lib = reader.parse(text)
    lib.remove("b")
    assert lib.render() == "% head\n@misc{a, title={A}}\n\n@misc{c, title={C}}\n"


def test_removing_the_last_entry_leaves_no_trailing_blank_line():
    lib = reader.parse("@misc{a, title={A}}\n\n@misc{b, title={B}}\n")
    lib.remove("b")
    assert lib.render() == "@misc{a, title={A}}\n"
    crlf = reader.parse("% x\r\n@misc{a, title={A}}\r\n\r\n@misc{b, title={B}}\r\n")
    crlf.remove("b")
    assert crlf.render() == "% x\r\n@misc{a, title={A}}\r\n"


def test_file_mode_is_kept(tmp_path):
    path = tmp_path / "m.bib"
    path.write_text("@misc{a, title={A}}\n")
    path.chmod(0o640)
    with library.edit(path) as lib:
        lib.get("a").set("title", "B")
    assert path.stat().st_mode & 0o777 == 0o640


def test_symlinked_bib_stays_a_symlink(tmp_path):
    real = tmp_path / "real.bib"
    real.write_text("@misc{a, title={A}}\n")
    link = tmp_path / "references.bib"
    link.symlink_to(real)
    with library.edit(link) as lib:
        lib.get("a").set("title", "B")
    assert link.is_symlink()
    assert "title = {B}" in real.read_text()


def test_save_refuses_when_the_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "c.bib"
    path.write_text("@misc{a, title={A}}\n")
    lib = library.load(path)
    path.write_text("@misc{a, title={Changed elsewhere}}\n")
    lib.get("a").set("title", "Mine")
    with pytest.raises(BiblioError) as err:
        library.save(lib)
    assert err.value.diagnostics[0].rule == "conflict"
    assert path.read_text() == "@misc{a, title={Changed elsewhere}}\n"


# Text made of the characters that matter to BibTeX, so that hypothesis finds odd shapes.
bibish = st.lists(st.sampled_from(list('@{}(),="#% \n\r\tabkeyé=\\') +
                                  ["@article", "@string", "@comment", "@preamble", "title",
                                   "{x}", "\r\n"]), max_size=80).map("".join)


@settings(max_examples=400, deadline=None)
@given(bibish)
def test_any_text_round_trips_and_never_raises(text):
    lib = reader.parse(text, "h.bib")
    assert lib.render() == text
    for d in lib.diagnostics:
        assert d.line >= 1 and d.col >= 1


LATEX = b'@misc{a, title = {M{\\"u}ller \\\\ x +AGE- \\u00e9}, year = {2020}}\n'


@pytest.mark.parametrize("encoding", ["unicode_escape", "raw_unicode_escape", "utf-7",
                                      "mac_arabic"])
def test_a_codec_that_does_not_give_back_the_bytes_it_read_is_refused(tmp_path, cli,
                                                                      encoding):
    # unicode_escape read `{\"u}` as `{"u}` and fmt wrote that back: the LaTeX was gone.
    path = tmp_path / "x.bib"
    path.write_bytes(LATEX)
    for args in (["fmt"], ["check"], ["list"]):
        r = cli([*args, "--bib", str(path), "--encoding", encoding])
        said = r.stdout + r.stderr
        assert r.exit_code == 1, said
        assert f"x.bib:1:1: error[encoding]: {encoding} does not give back the bytes it " \
               "read, so a save would change the file" in said, said
    assert path.read_bytes() == LATEX


@pytest.mark.parametrize("encoding", ["base64", "rot13", "punycode", "undefined"])
def test_a_codec_that_cannot_read_text_is_a_usage_error(tmp_path, cli, encoding):
    path = tmp_path / "x.bib"
    path.write_bytes(LATEX)
    r = cli(["check", "--bib", str(path), "--encoding", encoding])
    assert r.exit_code == 2, r.output
    assert f"x.bib:1:1: error[encoding]: the file cannot be read as {encoding}" in r.output


@pytest.mark.parametrize("encoding", ["base64", "rot13", "nope"])
def test_a_new_library_in_an_encoding_that_writes_no_text_is_a_usage_error(project, cli,
                                                                           encoding):
    r = cli(["add", "--offline", "--encoding", encoding, "-"],
            input="@book{new1, title = {T}, author = {A, B}, year = {2020}, publisher = {P}}")
    assert r.exit_code == 2, r.output
    assert f"references.bib:1:1: error[encoding]: cannot write the file in '{encoding}'" \
        in r.stderr
    assert not (project / "references.bib").exists()
