"""LaTeX → Unicode and CSL rich text."""

import pytest

from biblio.tocsl import latex

NB = "\u00a0"


@pytest.mark.parametrize("src, text", [
    (r"Caf\'e", "Café"), (r"Caf\'{e}", "Café"), (r"Caf{\'e}", "Café"), (r"{\'E}mile", "Émile"),
    (r"M{\"u}ller", "Müller"), (r"M\"uller", "Müller"), (r"\c{c}a", "ça"), (r"\c ca", "ça"),
    (r"\v{S}imek", "Šimek"), (r"Erd{\H{o}}s", "Erdős"), (r"Ji{\v{r}}{\'\i}", "Jiří"),
    (r"\'{\i}", "í"), (r"\~n", "ñ"), (r"\^o", "ô"), (r"\`a", "à"), (r"\=a", "ā"),
    (r"\.z", "ż"), (r"\u{a}", "ă"), (r"\k{a}", "ą"), (r"\r{a}", "å"), (r"\d{s}", "ṣ"),
    (r"Stra\ss e", "Straße"), (r"Stra{\ss}e", "Straße"), (r"\o{}ystein", "øystein"),
    (r"{\O}ystein", "Øystein"), (r"\aa", "å"), (r"{\AA}str{\"o}m", "Åström"),
    (r"Ma{\l}gorzata", "Małgorzata"), (r"\ae\ \oe", "æ œ"), (r"\AE", "Æ"),
    (r"A \& B", "A & B"), (r"50\%", "50%"), (r"\$5", "$5"), (r"a\_b", "a_b"),
    (r"1--7", "1–7"), (r"yes---no", "yes—no"), (r"a~b", f"a{NB}b"),
    (r"``quoted''", "“quoted”"), (r"`single'", "‘single’"), ("Ma's", "Ma’s"),
    (r"$\alpha$-helix", "α-helix"), (r"\textbackslash", "\\"), (r"\LaTeX{} book", "LaTeX book"),
    ("plain ascii text", "plain ascii text"), ("two\n   lines", "two lines"),
    (r"\url{https://x.org/a_b}", "https://x.org/a_b"),
    (r"\uppercase{abc}", "ABC"), (r"\enquote{Hi}", "“Hi”"),
])
def test_to_text(src, text):
    assert latex.to_text(src) == (text, [])


@pytest.mark.parametrize("src, rich", [
    (r"\textit{Ulysses}", "<i>Ulysses</i>"), (r"\emph{Ulysses}", "<i>Ulysses</i>"),
    (r"{\em Ulysses} and", "<i>Ulysses</i> and"), (r"{\it x}", "<i>x</i>"),
    (r"\textbf{Bold}", "<b>Bold</b>"), (r"{\bf Bold}", "<b>Bold</b>"),
    (r"\textsc{Nasa}", '<span style="font-variant:small-caps;">Nasa</span>'),
    (r"H\textsubscript{2}O", "H<sub>2</sub>O"), (r"$x^2$", "x<sup>2</sup>"),
    (r"$H_{2}O$", "H<sub>2</sub>O"), (r"The {DNA} story", 'The <span class="nocase">DNA</span> story'),
    (r"{\"U}ber", "Über"),  # an accent group is not case protection
    (r"\emph{The {Nile}}", '<i>The <span class="nocase">Nile</span></i>'),
    ("a < b & c", "a < b & c"),  # CSL rich text is not entity-escaped; the engine escapes
])
def test_to_markup(src, rich):
    assert latex.to_markup(src) == (rich, [])


def test_nocase_off_drops_protection_only():
    assert latex.to_markup(r"The {DNA} \emph{x}", nocase=False)[0] == "The DNA <i>x</i>"


@pytest.mark.parametrize("src, problem", [
    (r"\foo{bar}", "unknown LaTeX command \\foo"),
    (r"{unclosed", "a '{' is never closed"),
    (r"closed}", "a '}' closes nothing"),
    (r"$x", "a '$' math group is never closed"),
])
def test_problems_are_reported_and_text_kept(src, problem):
    text, problems = latex.to_text(src)
    assert problem in problems
    assert text  # best reading, never an exception


def test_fast_path_is_identity_for_plain_text():
    s = "Physiologic Effects of Dry Needling"
    assert latex.is_simple(s)
    assert latex.to_markup(s) == (s, [])
