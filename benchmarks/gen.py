"""Deterministic generators of realistic benchmark data: .bib files and sites of Markdown posts.

Command line (run from the repository root):

    python benchmarks/gen.py bib --entries 10000 --out /tmp/b10k.bib --seed 1
    python benchmarks/gen.py site --posts 1000 --cites 10 --bib /tmp/b10k.bib --out /tmp/site

From Python (other benchmark scripts should use these rather than write their own):

    from benchmarks.gen import bib_text, write_bib, write_site, keys_of
    text = bib_text(1000, seed=1)            # the .bib as a str; same seed -> same bytes
    write_bib("/tmp/b1k.bib", 1000, seed=1)  # the same, written to a file
    write_site("/tmp/site", posts=100, cites=10, bib="/tmp/b1k.bib", seed=1)

The .bib holds every common entry type with 6–14 fields, LaTeX accents, protected capitals,
`@string` macros (journal names, concatenated with `#`), month macros, `%` comments and
`@comment` blocks, crossrefs to `@proceedings` parents (placed after their children, as BibTeX
wants), names with particles (van, von der, de la), suffixes (Jr.) and corporate authors, and
1–30 authors per entry (most have 1–5). Only the standard library is used, so the generator
runs anywhere, and the output depends on nothing but (entries, seed).

A site is `DIR/posts/post-NNNN.md` (YAML front matter, a few paragraphs, `cites` citations in
the pandoc forms `[@key]`, `[see @key, p. 3]`, `@key`, `[-@key]`, `[@a; @b]`), a copy of the
.bib at `DIR/references.bib` and a `DIR/biblio.toml` naming it.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

VERSION = 2  # bump when the output changes, so that cached benchmark data is made again

GIVEN = [
    "John", "Mary", "Wei", "Anna", "Carlos", "Fatima", "Hiroshi", "Olga", "Pieter", "Sara",
    "David", "Elena", "Mohammed", "Ingrid", "Rajesh", "Lucía", "Jean-Luc", "Kwame", "Yuki",
    "Barbara", "Leonid", "Simon", "Tom", "Nicolas", "Mira", "Grace", "Paul", "Aisha", "Lars",
    "Fran{\\c{c}}ois", "J{\\\"o}rg", "Ren{\\'e}", "Bj{\\\"o}rn", "Zo{\\\"e}", "Se{\\'a}n",
    "{\\O}ystein", "Ma{\\l}gorzata", "In{\\^e}s", "Ji{\\v{r}}{\\'\\i}", "Andr{\\'e}",
]
FAMILY = [
    "Smith", "Garcia", "Chen", "Nguyen", "Kowalski", "M{\\\"u}ller", "Cagnie", "Dewitte",
    "Kalichman", "Vulfsons", "Timmermans", "Edwards", "Okafor", "Tanaka", "Ivanova", "Johansson",
    "Patel", "Rossi", "Dubois", "Fern{\\'a}ndez", "G{\\\"o}del", "Erd{\\H{o}}s", "{\\v{S}}imek",
    "{\\AA}str{\\\"o}m", "Ng", "O'Brien", "McAllister", "Lef{\\`e}vre", "Nu{\\~n}ez", "Brown",
    "Meeus", "Delrue", "Barbe", "Dommerholt", "Gattie", "Liu", "Kim", "Silva", "Novak", "Weber",
]
FAMILY_POOL = 6000
ONSETS = ["b", "br", "d", "f", "g", "h", "k", "kr", "l", "m", "n", "p", "r", "s", "st", "t",
          "v", "w", "z", "sch", "ch", "j"]
VOWELS = ["a", "e", "i", "o", "u", "ei", "ou", "ia"]
CODAS = ["", "", "n", "r", "l", "s", "k", "m", "nd", "rt", "sk", "ll"]
PARTICLES = ["van", "van der", "von", "von der", "de", "de la", "di", "da", "del", "van den",
             "d'", "le"]
SUFFIXES = ["Jr.", "Sr.", "III"]
CORPORATE = [
    "{American Physical Therapy Association}", "{World Health Organization}",
    "{National Institute for Health and Care Excellence}", "{{IEEE} Standards Association}",
    "{Cochrane Collaboration}", "{The {R} Core Team}",
]

WORDS = [
    "effects", "of", "dry", "needling", "on", "pain", "and", "function", "in", "patients",
    "with", "chronic", "neck", "low", "back", "shoulder", "knee", "myofascial", "trigger",
    "points", "randomized", "controlled", "trial", "systematic", "review", "meta-analysis",
    "clinical", "outcomes", "exercise", "therapy", "manual", "treatment", "rehabilitation",
    "after", "surgery", "reliability", "validity", "measurement", "muscle", "strength",
    "balance", "older", "adults", "athletes", "a", "comparison", "between", "two",
    "approaches", "for", "the", "management", "of", "tendinopathy", "injury", "prevention",
    "gait", "analysis", "motor", "control", "sensory", "processing", "electromyography",
    "ultrasound", "imaging", "study",
]
PROTECTED = ["{DNA}", "{MRI}", "{EMG}", "{Parkinson}'s", "{COVID-19}", "{Achilles}",
             "{Europe}", "{B{\\\"o}hler}", "{NICE}", "{ACL}"]
LATEX_BITS = ["\\emph{in vivo}", "{\\\"u}ber", "na{\\\"\\i}ve", "r{\\'e}sum{\\'e}",
              "$\\alpha$-motoneurons", "caf{\\'e}", "\\textit{et al.}", "{\\ss}", "--", "\\&"]

JOURNALS = {
    "jpt": "Journal of Physical Therapy",
    "jobfm": "Journal of the American Board of Family Medicine",
    "cphr": "Current Pain and Headache Reports",
    "mt": "Manual Therapy",
    "jospt": "Journal of Orthopaedic {\\&} Sports Physical Therapy",
    "ptj": "Physical Therapy",
    "bjsm": "British Journal of Sports Medicine",
    "pain": "Pain",
    "spine": "Spine",
    "apmr": "Archives of Physical Medicine and Rehabilitation",
}
PUBLISHERS = ["Springer", "Elsevier", "Wiley", "Oxford University Press", "Routledge",
              "Human Kinetics", "Lippincott Williams {\\&} Wilkins", "Churchill Livingstone",
              "Thieme", "{MIT} Press"]
CITIES = ["New York", "London", "Berlin", "Amsterdam", "Philadelphia", "Oxford", "Stuttgart",
          "Champaign, IL", "Montr{\\'e}al", "Z{\\\"u}rich"]
SCHOOLS = ["University of Ghent", "Ben-Gurion University of the Negev", "{ETH} Z{\\\"u}rich",
           "University of Toronto", "Universit{\\'e} de Montr{\\'e}al", "McGill University"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

# type -> (required fields, optional fields); the generator adds optionals up to 6–14 fields.
TYPES: dict[str, tuple[list[str], list[str]]] = {
    "article": (["author", "title", "journal", "year"],
                ["volume", "number", "pages", "doi", "month", "issn", "url", "keywords", "note",
                 "abstract", "langid", "urldate"]),
    "book": (["author", "title", "publisher", "year"],
             ["address", "edition", "isbn", "series", "volume", "doi", "url", "note",
              "keywords", "langid", "pagetotal", "abstract"]),
    "inproceedings": (["author", "title", "booktitle", "year"],
                      ["pages", "publisher", "address", "editor", "doi", "organization",
                       "month", "series", "url", "keywords", "note"]),
    "incollection": (["author", "title", "booktitle", "editor", "publisher", "year"],
                     ["pages", "address", "chapter", "doi", "edition", "isbn", "url", "note",
                      "keywords"]),
    "inbook": (["author", "title", "chapter", "publisher", "year"],
               ["pages", "address", "edition", "isbn", "volume", "series", "doi", "note"]),
    "phdthesis": (["author", "title", "school", "year"],
                  ["address", "month", "url", "note", "keywords", "doi", "abstract"]),
    "mastersthesis": (["author", "title", "school", "year"],
                      ["address", "month", "url", "note", "type"]),
    "techreport": (["author", "title", "institution", "year"],
                   ["number", "address", "type", "month", "url", "note", "doi", "keywords"]),
    "misc": (["author", "title", "year"],
             ["howpublished", "note", "url", "month", "urldate", "keywords", "doi"]),
    "online": (["author", "title", "url", "date"],
               ["urldate", "organization", "note", "langid", "keywords"]),
    "report": (["author", "title", "institution", "year"],
               ["type", "number", "pages", "url", "note", "langid", "doi"]),
    "unpublished": (["author", "title", "note", "year"], ["month", "url", "keywords"]),
    "manual": (["title", "organization", "year"],
               ["author", "edition", "address", "month", "url", "note", "version"]),
}
# Roughly how often each type occurs in a working researcher's file.
WEIGHTS = {"article": 45, "book": 10, "inproceedings": 12, "incollection": 6, "inbook": 3,
           "phdthesis": 3, "mastersthesis": 2, "techreport": 4, "misc": 5, "online": 5,
           "report": 2, "unpublished": 1, "manual": 2}
CROSSREF_SHARE = 0.05  # of all entries: inproceedings children of a @proceedings parent
CHILDREN_PER_PARENT = 3


def issn(n: int) -> str:
    """A valid ISSN from a 7-digit number (check digit mod 11, X for 10)."""
    digits = f"{n:07d}"
    check = (11 - sum(int(d) * w for d, w in zip(digits, range(8, 1, -1))) % 11) % 11
    return f"{digits[:4]}-{digits[4:]}{'X' if check == 10 else check}"


def isbn13(n: int) -> str:
    """A valid ISBN-13 (978 prefix) from a 9-digit number."""
    digits = f"978{n:09d}"
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return f"978-{digits[3]}-{digits[4:7]}-{digits[7:12]}-{check}"


class _Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.keys: set[str] = set()
        self.types = list(WEIGHTS)
        self.weights = [WEIGHTS[t] for t in self.types]
        # A real file has thousands of different family names, with some authors recurring:
        # a few common names (FAMILY) plus a pool of made-up ones, the first ones the likeliest.
        self.pool = sorted({self.made_up_family() for _ in range(FAMILY_POOL)})
        self.r.shuffle(self.pool)
        self.pool_weights = [1 / (rank + 20) for rank in range(len(self.pool))]

    def made_up_family(self) -> str:
        r = self.r
        name = "".join(r.choice(ONSETS) + r.choice(VOWELS) + r.choice(CODAS)
                       for _ in range(r.choice((1, 2, 2, 3))))
        name = name[0].upper() + name[1:]
        if r.random() < 0.08:  # an accented letter, written in LaTeX
            i = next((k for k, c in enumerate(name) if k and c in "aeiou"), None)
            if i is not None:
                name = name[:i] + "{\\" + r.choice("'`^\"") + name[i] + "}" + name[i + 1:]
        return name

    def family(self) -> str:
        if self.r.random() < 0.3:
            return self.r.choice(FAMILY)
        return self.r.choices(self.pool, self.pool_weights)[0]

    # --- values -------------------------------------------------------------------------
    def n_authors(self) -> int:
        x = self.r.random()
        if x < 0.25:
            return 1
        if x < 0.85:
            return self.r.randint(2, 5)
        if x < 0.97:
            return self.r.randint(6, 12)
        return self.r.randint(13, 30)

    def name(self) -> str:
        r = self.r
        x = r.random()
        given = r.choice(GIVEN)
        if r.random() < 0.2:
            given += f" {r.choice('ABCDEFGHJKLMNPRSTW')}."
        family = self.family()
        if x < 0.02:
            return r.choice(CORPORATE)
        if x < 0.12:  # particle
            particle = r.choice(PARTICLES)
            sep = "" if particle.endswith("'") else " "
            if r.random() < 0.5:
                return f"{particle}{sep}{family}, {given}"
            return f"{given} {particle}{sep}{family}"
        if x < 0.15:
            return f"{family}, {r.choice(SUFFIXES)}, {given}"
        if x < 0.30:
            return f"{given} {family}"
        return f"{family}, {given}"

    def names(self, n: int | None = None) -> str:
        n = n or self.n_authors()
        names = [self.name() for _ in range(n)]
        if n > 8 and self.r.random() < 0.3:
            names = names[:8] + ["others"]
        return " and ".join(names)

    def title(self, lo: int = 4, hi: int = 14) -> str:
        r = self.r
        words = [r.choice(WORDS) for _ in range(r.randint(lo, hi))]
        if r.random() < 0.35:
            words.insert(r.randrange(len(words) + 1), r.choice(PROTECTED))
        if r.random() < 0.25:
            words.insert(r.randrange(len(words) + 1), r.choice(LATEX_BITS))
        words[0] = words[0][0].upper() + words[0][1:]
        text = " ".join(words)
        if r.random() < 0.3:
            text += ": " + " ".join(r.choice(WORDS) for _ in range(r.randint(2, 6)))
        return text

    def pages(self) -> str:
        start = self.r.randint(1, 1500)
        return f"{start}--{start + self.r.randint(1, 40)}"

    def value(self, name: str, typ: str, year: int) -> str:
        """The field's raw value, as written in the file (braces, quotes or a macro)."""
        r = self.r
        b = lambda s: "{" + s + "}"
        if name in ("author", "editor"):
            return b(self.names() if name == "author" else self.names(r.randint(1, 4)))
        if name == "title":
            return b(self.title())
        if name == "booktitle":
            return b("Proceedings of the " + self.title(3, 7))
        if name == "journal":
            macro = r.choice(list(JOURNALS))
            return macro if r.random() < 0.7 else b(JOURNALS[macro])
        if name == "year":
            return b(str(year)) if r.random() < 0.8 else str(year)
        if name == "date":
            return b(f"{year}-{r.randint(1, 12):02d}" + (f"-{r.randint(1, 28):02d}"
                                                           if r.random() < 0.5 else ""))
        if name == "urldate":
            return b(f"{r.randint(2015, 2026)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}")
        if name == "month":
            return r.choice(MONTHS)
        if name in ("volume", "number", "chapter", "edition", "pagetotal"):
            return b(str(r.randint(1, 60 if name != "pagetotal" else 900)))
        if name == "pages":
            return b(self.pages())
        if name == "doi":
            return b(f"10.{r.randint(1000, 9999)}/{r.choice(['j', 's', 'ptj', 'bjsm'])}."
                     f"{year}.{r.randint(100, 99999)}")
        if name == "url":
            return b(f"https://example.org/{typ}/{r.randint(1, 10**6)}")
        if name == "issn":
            return b(issn(r.randint(0, 10**7 - 1)))
        if name == "isbn":
            return b(isbn13(r.randint(0, 10**9 - 1)))
        if name == "publisher":
            return b(r.choice(PUBLISHERS))
        if name == "address":
            return b(r.choice(CITIES))
        if name in ("school", "institution", "organization"):
            return b(r.choice(SCHOOLS + ["{American Physical Therapy Association}"]))
        if name == "series":
            return b(r.choice(["Lecture Notes in Rehabilitation", "Clinical Guides",
                               "Methods in Physiotherapy"]))
        if name == "keywords":
            return b(", ".join(r.sample(WORDS, r.randint(2, 5))))
        if name == "abstract":
            return b(" ".join(r.choice(WORDS) for _ in range(r.randint(20, 70))) + ".")
        if name == "note":
            if r.random() < 0.3:
                return f'"Accepted for publication in " # {r.choice(list(JOURNALS))}'
            return b(r.choice(["In press", "Preprint", "Translated from the German",
                               "Prepared by the Public Policy Unit", "Supplementary material"]))
        if name == "howpublished":
            return b(r.choice(["Poster", "Conference talk", "\\url{https://example.org/slides}"]))
        if name == "type":
            return b(r.choice(["Technical report", "Working paper", "Master's thesis"]))
        if name == "langid":
            return b(r.choice(["english", "english", "english", "german", "french"]))
        if name == "version":
            return b(f"{r.randint(1, 5)}.{r.randint(0, 9)}")
        return b(self.title(2, 5))

    # --- entries ------------------------------------------------------------------------
    def key(self, author_raw: str, year: int) -> str:
        first = author_raw.strip("{}").split(" and ")[0]
        family = first.split(",")[0] if "," in first else (first.split() or ["anon"])[-1]
        letters = re.sub(r"\\[a-zA-Z]+|\\.|[^A-Za-z]", "", family).lower() or "anon"
        base = f"{letters}{year}{self.r.choice(WORDS)[:8]}".replace("-", "")
        key, i = base, 1
        while key in self.keys:
            i += 1
            key = f"{base}{i}"
        self.keys.add(key)
        return key

    def entry(self, typ: str, crossref: str | None = None) -> str:
        r = self.r
        required, optional = TYPES[typ]
        year = r.randint(1950, 2026)
        target = r.randint(6, 14)
        names = list(required)
        if crossref:  # the parent gives booktitle, publisher, editor, year
            names = ["author", "title", "pages", "crossref"]
            optional = ["doi", "url", "keywords", "month", "note"]
        extra = [f for f in optional if f not in names]
        r.shuffle(extra)
        names += extra[: max(0, target - len(names))]
        fields = [(n, "{" + crossref + "}" if n == "crossref" else self.value(n, typ, year))
                  for n in names]
        author = dict(fields).get("author") or dict(fields).get("editor") or "{anon}"
        key = self.key(author, year)
        body = ",\n".join(f"  {n} = {v}" for n, v in fields)
        return f"@{self.case(typ)}{{{key},\n{body},\n}}\n"

    def case(self, typ: str) -> str:
        x = self.r.random()
        return typ if x < 0.85 else typ.capitalize() if x < 0.95 else typ.upper()

    def proceedings(self, key: str) -> str:
        r = self.r
        year = r.randint(1990, 2026)
        fields = [("editor", self.value("editor", "proceedings", year)),
                  ("title", "{Proceedings of the " + self.title(3, 6) + "}"),
                  ("booktitle", "{Proceedings of the " + self.title(3, 6) + "}"),
                  ("publisher", self.value("publisher", "proceedings", year)),
                  ("address", self.value("address", "proceedings", year)),
                  ("year", "{" + str(year) + "}")]
        if r.random() < 0.5:
            fields.append(("isbn", self.value("isbn", "proceedings", year)))
        body = ",\n".join(f"  {n} = {v}" for n, v in fields)
        return f"@proceedings{{{key},\n{body},\n}}\n"

    def comment(self) -> str:
        r = self.r
        if r.random() < 0.5:
            return f"% {self.title(3, 8)}\n"
        return f"@comment{{{self.title(3, 8)}}}\n"


def bib_text(entries: int, seed: int = 1) -> str:
    """A .bib with exactly `entries` entries (counting @proceedings parents); deterministic."""
    g = _Gen(seed)
    parents = max(1, round(entries * CROSSREF_SHARE / CHILDREN_PER_PARENT)) if entries >= 20 else 0
    children = parents * CHILDREN_PER_PARENT
    plain = entries - parents - children
    out = [f"% Generated by benchmarks/gen.py: {entries} entries, seed {seed}.\n\n"]
    out += [f"@string{{{k} = {{{v}}}}}\n" for k, v in JOURNALS.items()]
    out.append("@string{pre = {Proceedings of the }}\n\n")
    parent_keys = [f"proc{seed}x{i}" for i in range(parents)]
    # Children scattered among the plain entries; each parent written after its last child.
    slots = ["plain"] * plain + ["child"] * children
    g.r.shuffle(slots)
    child_no = 0
    for slot in slots:
        if g.r.random() < 0.03:
            out.append(g.comment())
        if slot == "plain":
            typ = g.r.choices(g.types, g.weights)[0]
            out.append(g.entry(typ))
        else:
            out.append(g.entry("inproceedings", crossref=parent_keys[child_no // CHILDREN_PER_PARENT]))
            child_no += 1
        out.append("\n")
    for key in parent_keys:
        out.append(g.proceedings(key))
        out.append("\n")
    return "".join(out)


def write_bib(path: str | Path, entries: int, seed: int = 1) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(bib_text(entries, seed), encoding="utf-8", newline="\n")
    return path


_KEY = re.compile(r"^@(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)


def keys_of(text: str) -> list[str]:
    """The entry keys of a .bib text, in file order (a regex: good enough for generated data)."""
    return [k for t, k in _KEY.findall(text) if t.lower() not in ("string", "comment", "preamble")]


def _cite(r: random.Random, keys: list[str]) -> str:
    x = r.random()
    if x < 0.35:
        return f"[@{r.choice(keys)}]"
    if x < 0.55:
        return f"[see @{r.choice(keys)}, p. {r.randint(1, 300)}]"
    if x < 0.70:
        return f"@{r.choice(keys)}"
    if x < 0.80:
        return f"[-@{r.choice(keys)}]"
    return "[" + "; ".join(f"@{k}" for k in r.sample(keys, min(len(keys), r.randint(2, 3)))) + "]"


def post_text(r: random.Random, number: int, keys: list[str], cites: int) -> str:
    sentences = []
    for _ in range(max(cites * 2, 6)):
        words = [r.choice(WORDS) for _ in range(r.randint(8, 20))]
        words[0] = words[0].capitalize()
        sentences.append(" ".join(words))
    where = sorted(r.sample(range(len(sentences)), min(cites, len(sentences))))
    for i in where:
        sentences[i] += " " + _cite(r, keys)
    paras, body = [], []
    for i, s in enumerate(sentences):
        body.append(s + ".")
        if len(body) >= 4 or i == len(sentences) - 1:
            paras.append(" ".join(body))
            body = []
    head = (f"---\ntitle: \"Post {number}: {' '.join(r.choice(WORDS) for _ in range(5))}\"\n"
            f"date: 2026-{1 + number % 12:02d}-{1 + number % 28:02d}\n---\n\n# Post {number}\n\n")
    return head + "\n\n".join(paras) + "\n\n## References\n\n::: {#refs}\n:::\n"


def write_site(out: str | Path, posts: int, cites: int, bib: str | Path, seed: int = 1) -> Path:
    """Write `posts` Markdown posts under out/posts, each with `cites` citations to entries of
    `bib`, plus out/references.bib (a copy) and out/biblio.toml."""
    out = Path(out)
    (out / "posts").mkdir(parents=True, exist_ok=True)
    text = Path(bib).read_text(encoding="utf-8")
    keys = keys_of(text)
    if not keys:
        raise SystemExit(f"gen.py: no entries in {bib}")
    if Path(bib).resolve() != (out / "references.bib").resolve():
        shutil.copyfile(bib, out / "references.bib")
    (out / "biblio.toml").write_text('bib = "references.bib"\n', encoding="utf-8")
    r = random.Random(seed)
    width = max(4, len(str(posts)))
    for i in range(1, posts + 1):
        (out / "posts" / f"post-{i:0{width}d}.md").write_text(
            post_text(r, i, keys, cites), encoding="utf-8", newline="\n")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="gen.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="what", required=True)
    b = sub.add_parser("bib", help="write a .bib file")
    b.add_argument("--entries", type=int, required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("site", help="write a folder of Markdown posts citing a .bib")
    s.add_argument("--posts", type=int, required=True)
    s.add_argument("--cites", type=int, default=10)
    s.add_argument("--bib", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    if a.what == "bib":
        write_bib(a.out, a.entries, a.seed)
    else:
        write_site(a.out, a.posts, a.cites, a.bib, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
