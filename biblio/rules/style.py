"""APA 7 style: sentence-case titles, protected proper nouns, no 'Retrieved from', DOI over URL."""

from __future__ import annotations

import re

from ..tocsl import latex
from ..tocsl.titlecase import PROPER, _is_title_word, classify, sentence_case_nodes
from ._text import words, wordset
from .names import is_credential
from .registry import ERROR, INFO, WARNING, Context, View, rule, simple_braced

TITLE_FIELDS = ("title", "subtitle", "booktitle", "titleaddon", "maintitle")
_HONORIFIC = wordset("Dr. Mr. Mrs. Ms. Prof. St. Sir Dame Lord Lady Saint")


_UPPER = re.compile(r"[A-Z]")
_HONORIFIC_END = re.compile(r"(?:^|[\s~(])(?:Dr|Mr|Mrs|Ms|Prof|St)\.[\s~]+$")


def _capital_inside(text: str) -> bool:
    """Is there a capital inside a word, or one starting a word that does not start a
    sentence? (Titles have few capitals, so looking at each is cheaper than one regex.)"""
    for m in _UPPER.finditer(text):
        p = m.start()
        if p == 0:
            continue
        c = text[p - 1]
        if c.isalnum():
            return True
        if c in " \t\n~(\"'" and not (p >= 2 and text[p - 2] in ":.?!"):
            return True
        if p >= 2 and text[p - 2] == "." and _HONORIFIC_END.search(text, 0, p):
            return True
    return False
_BRACED = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")
_PUNCT = ".,;:!?()[]\"'`’“”"


def _is_sentence_start(prev: str | None) -> bool:
    return prev is None or prev.endswith((":", ".", "?", "!", "—")) and prev not in _HONORIFIC


def runs(text: str) -> list[tuple[str, bool]]:
    """The title as (text, protected) runs: brace groups are protected."""
    if "{" not in text:
        return [(text, False)]
    out, pos = [], 0
    for m in _BRACED.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def analyse(text: str) -> tuple[str, list[tuple[int, str, bool]]]:
    """(style, words to protect) of a title.

    style is biblio.tocsl.titlecase's judgement ('title', 'caps' or 'sentence'), which decides
    whether biblio sentence-cases the title for APA. The words to protect are
    (offset, word, lowered): unbraced proper nouns that biblio's sentence case would lowercase
    (lowered = True: a proper adjective such as Bayesian, a possessive, a name after Dr.), and
    acronyms or capitals in the middle of a sentence, which biblio keeps but BibTeX styles and
    other tools lowercase (lowered = False).
    """
    masked = _BRACED.sub("x", text) if "{" in text else text
    shouting = masked.isupper()
    if masked.isascii() and not shouting and not _capital_inside(masked):
        return "sentence", []  # no capital but the first letters of sentences: nothing to do
    out: list[tuple[int, str, bool]] = []
    pending: list[tuple[int, str, str, str | None]] = []  # capitalized words: depend on style
    prev: str | None = None
    for offset, w in words(text):
        if "{" in w or "\\" in w:
            prev = w
            continue
        core = w.strip(_PUNCT)
        if not core or not core[0].isalpha() or core.islower():
            prev = w
            continue
        at = offset + w.find(core)
        before, prev = prev, w
        parts = core.split("-")
        acronyms = [p[1:] != p[1:].lower() for p in parts]  # DNA, mRNA, COVID (not Meta-Analysis)
        if any(acronyms) and any(not a and p[:1].isupper() and p[1:].islower()
                                 for p, a in zip(parts, acronyms)):
            # "mRNA-Treated": only the acronym needs braces; "Treated" is a title word like any
            part_at = at
            for p, a in zip(parts, acronyms):
                if a:
                    out.append((part_at, p, False))
                part_at += len(p) + 1
        elif any(acronyms):
            out.append((at, core, False))  # an acronym: DNA, COVID-19, mRNA
        elif core[0].isupper() and not _is_sentence_start(before):
            pending.append((at, core, core[:-2] if core.endswith(("'s", "’s")) else core,
                            before))
    # Only capitals in mid-sentence (or a title that may be ALL CAPS) need the style, which
    # costs a pass of biblio.tocsl.titlecase over the title.
    style = classify(runs(text)) if shouting or pending else "sentence"
    if style == "mixed":
        style = "sentence"  # capitals mid-sentence: proper nouns, or words typed in Title Case
    if style == "caps":
        return style, []  # title-all-caps asks for the title to be retyped
    for at, core, base, before in pending:
        if style == "sentence":
            out.append((at, base, False))
        elif base in PROPER or base != core or before in _HONORIFIC:
            out.append((at, base, True))
    out.sort()
    return style, out


def _title(e: View, name: str) -> tuple[str, str, list[tuple[int, str, bool]]]:
    """(text, style, words to protect) of a title field, computed once per entry."""
    key = ("title", name)
    got = e.memo.get(key)
    if got is None:
        text = e.value(name) or ""
        got = e.memo[key] = (text, *analyse(text))
    return got


def _raw_at(f, offset: int) -> int:
    return offset + 1 if simple_braced(f.raw) else -1


def protect_fix(entry, finding) -> str:
    f = finding.field
    raw = f.raw
    new = raw
    for word in sorted(finding.value, key=lambda p: -p[0]):
        at, token = word
        at += 1
        if new[at:at + len(token)] == token:
            new = new[:at] + "{" + token + "}" + new[at + len(token):]
    if new == raw:
        return ""
    f.raw = new
    entry.changed = True
    return f"{f.name}: braced {', '.join(t for _, t in finding.value)}"


def printed_title(text: str) -> str:
    """The title as biblio prints it for an English entry (APA sentence case), in plain text."""
    nodes, _ = latex.parse(text)
    return latex.plain(sentence_case_nodes(nodes)).strip()


def _fixable(word: str, lowered: bool) -> bool:
    """Whether `fmt --fix` may brace the word: an acronym or mixed-case name ("DNA",
    "iPhone") or a name biblio knows ("Bayesian"). Never an ordinary capitalised word: in a
    title typed half in Title Case ("The Rhetoric of …") braces would lock in a capital that
    APA lowercases."""
    return lowered or not _is_title_word(word) or word in PROPER


@rule("unprotected-word", WARNING, "style",
      "an acronym or proper noun in a title that sentence case would lowercase (DNA → {DNA})",
      fix=protect_fix, needs=TITLE_FIELDS)
def unprotected_word(ctx: Context, e: View):
    for name in TITLE_FIELDS:
        f = e.fields.get(name)
        if f is None:
            continue
        text, _, found = _title(e, name)
        if not found or (name == "title" and _credential_title(text)):
            continue
        fixable = [(at, w) for at, w, lowered in found if _fixable(w, lowered)]
        value = fixable if fixable and simple_braced(f.raw) and f.raw.startswith("{") else None
        for at, word, lowered in found:
            if lowered:
                why, fix = ("biblio's sentence case (APA) would lowercase it",
                            f"protect it with braces: {{{word}}}")
            elif _fixable(word, lowered):
                why = ("biblio keeps it, but BibTeX styles and other tools lowercase it when "
                       "they sentence-case titles")
                fix = f"protect it with braces: {{{word}}}"
            else:
                why = (f"it is capitalized mid-sentence, and biblio prints the {name} as "
                       f"'{printed_title(text)}'")
                fix = f"brace it if it is a proper noun ({{{word}}}), else write it in lower case"
            yield e.find(f, f"'{word}' in the {name} is not protected: {why}", fix,
                         at=_raw_at(f, at), value=value if _fixable(word, lowered) else None)
            if _fixable(word, lowered):
                value = None


@rule("title-case", INFO, "style",
      "a title in Title Case; APA 7 wants sentence case (biblio converts it, so brace the "
      "proper nouns)", needs=("title", "booktitle"))
def title_case(ctx: Context, e: View):
    for name in ("title", "booktitle"):
        f = e.fields.get(name)
        if f is None:
            continue
        if _title(e, name)[1] == "title":
            text = e.value(name) or ""
            fix = f"biblio prints it as '{printed_title(text)}'; brace any word that must " \
                  "keep its capital, or write it that way"
            yield e.find(f, f"the {name} of '{e.key}' is in Title Case; APA 7 uses sentence "
                         "case", fix)
        elif _braced_title_case(e.value(name) or ""):
            yield e.find(f, f"the {name} of '{e.key}' is in Title Case, braced word by word "
                         "(as Better BibTeX exports a title Zotero holds in Title Case): the "
                         "braces keep every capital, and APA 7 uses sentence case",
                         "write it in sentence case (in Zotero: the title's 'Sentence case' "
                         "menu), keeping braces only on proper nouns and acronyms")


# a brace group of capitalised words only ("{Effects}", "{{Cellulose Microfibrils}}", "{A}")
_CAPITALISED_GROUP = re.compile(r"\{+\s*[A-Z][a-z'’-]*(?:\s+[A-Z][a-z'’-]*)*\s*\}+")


def _braced_title_case(text: str) -> bool:
    """A Title Case title whose capitalised words are braced one by one (two groups or more,
    of capitalised words only): without its braces, biblio would sentence-case it."""
    groups = _BRACED.findall(text)
    if len(groups) < 2 or not all(_CAPITALISED_GROUP.fullmatch(g) for g in groups):
        return False
    return analyse(text.replace("{", "").replace("}", ""))[0] == "title"


# Words of the NLM and ISO 4 title abbreviations that are no English words, so a journal
# title with one of them is abbreviated ("Br J Sports Med", "Phys Ther"); a few such as "Man"
# (Manual) are words too and are left out.
_JOURNAL_ABBREVIATIONS = wordset(
    "J Am Br Int Phys Ther Med Rev Syst Rehabil Clin Orthop Res Sci Surg Eur Ann Proc Natl "
    "Acad Biol Chem Pharmacol Neurol Psychol Epidemiol Physiol Biomech Musculoskelet Disord "
    "Rheumatol Pediatr Geriatr Nurs Educ Rep Curr Opin Exerc Physiother Manipulative Jt "
    "Neurosci Cardiol Oncol Immunol Endocrinol Metab Nutr Gerontol Occup Environ Prev Gen "
    "Intern Fam Pract Emerg Anesth Radiol Dermatol Ophthalmol Otolaryngol Urol Gynecol Obstet "
    "Pathol Genet Mol Netw Scand Aust Dis Hosp Assoc Soc Adv Appl")
_FUNCTION_WORDS = wordset("of and the for in on & \\&")


@rule("journal-abbreviated", WARNING, "style",
      "a journal title abbreviated ('Br J Sports Med'); APA 7 writes it in full",
      needs=("journal", "journaltitle"))
def journal_abbreviated(ctx: Context, e: View):
    for name in ("journaltitle", "journal"):
        f = e.fields.get(name)
        if f is None:
            continue
        text = e.value(name) or ""
        parts = text.replace("{", "").replace("}", "").split()
        if len(parts) < 2 or not _FUNCTION_WORDS.isdisjoint(p.lower() for p in parts):
            return
        short = [p for p in parts if p.rstrip(".") in _JOURNAL_ABBREVIATIONS]
        if short:
            yield e.find(f, f"the journal '{text}' of '{e.key}' looks abbreviated "
                         f"('{short[0]}'); APA 7 (9.25) gives a periodical's full title",
                         f"write the full title, {name} = {{…}} (the NLM Catalog or the "
                         "journal's site gives it); the abbreviation may stay in shortjournal")
        return


@rule("title-all-caps", WARNING, "style",
      "a title in ALL CAPS; sentence case cannot tell its acronyms from its words (a journal's: "
      "APA 7 gives it in Title Case)", needs=(*TITLE_FIELDS, "journal", "journaltitle"))
def title_all_caps(ctx: Context, e: View):
    for name in TITLE_FIELDS:
        f = e.fields.get(name)
        if f is not None and _title(e, name)[1] == "caps":
            yield e.find(f, f"the {name} of '{e.key}' is in ALL CAPS",
                         "retype it in sentence case, bracing acronyms such as {DNA}")
    for name in ("journaltitle", "journal"):
        f = e.fields.get(name)
        if f is None:
            continue
        # (biblio prints a journal's title as given; two words of capitals may be the
        # journal's own name, "PLOS ONE")
        text = (e.value(name) or "").replace("{", "").replace("}", "")
        if text.isupper() and len(text.split()) >= 3:
            yield e.find(f, f"the {name} of '{e.key}' is in ALL CAPS, and biblio prints it so",
                         "retype it in Title Case as the journal writes it (APA 7 9.25)")
        break


_RETRIEVED = re.compile(r"(?i)\b(retrieved|accessed|available)\b(?:\s+(?:from|at|on))?")
_URLISH = re.compile(r"https?://\S+|www\.\S+")
_DATEISH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                      r"(?:\s+\d{1,2})?,?\s+\d{4}|\d{4}-\d{2}(?:-\d{2})?")
_SKIP_RETRIEVED = frozenset(("url", "urldate", "doi", "title", "abstract", "file", "review"))


@rule("retrieved-from", WARNING, "style",
      "'Retrieved from' or 'Accessed' text inside a field (APA 7: url and urldate instead)")
def retrieved_from(ctx: Context, e: View):
    low = e.entry.text.lower()
    if e.entry.text and "retriev" not in low and "access" not in low and "availab" not in low:
        return
    for f in e.entry.fields:
        name = f.name.lower()
        if name in _SKIP_RETRIEVED:
            continue
        text = e.value(name) if e.fields.get(name) is f else f.raw
        m = _RETRIEVED.search(text or "")
        if m is None:
            continue
        rest = text[m.end():]
        fixes = []
        if _URLISH.search(rest):
            fixes.append("put the address in url = {…}")
        if _DATEISH.search(rest):
            fixes.append("put the access date in urldate = {YYYY-MM-DD}")
        if e.type == "article" and not _URLISH.search(rest):
            fixes.append("a journal article is cited by its DOI, not by the site it was "
                         "found on: add doi = {10.…} and check the year and volume against it")
        elif not _URLISH.search(rest) and not _DATEISH.search(rest):
            fixes.append("APA 7 no longer names the site a work was retrieved from")
        yield e.find(f, f"'{text.strip()[:60]}' in {name}: APA 7 does not write "
                     f"'{m.group(1).capitalize()}' text", "; ".join(fixes) +
                     f"; then remove it from {name}", at=_raw_at(f, m.start()))


@rule("url-and-doi", INFO, "style", "both a URL and a DOI; APA 7 prints the DOI only",
      needs=("url",))
def url_and_doi(ctx: Context, e: View):
    if "url" in e.fields and "doi" in e.fields:
        url = (e.value("url") or "").lower()
        if "doi.org/" in url:
            yield e.find(e.fields["url"], "the url is the DOI's address",
                         "remove the url field; the DOI is enough")
        else:
            yield e.find(e.fields["url"], f"'{e.key}' has a url and a doi; APA 7 cites the DOI",
                         "remove the url unless the work is read at that address")


_INTERVIEW = re.compile(r"(?i)\binterview(?:er|ed)?\b|personal communication")


@rule("personal-communication", INFO, "style",
      "an interview or other personal communication: APA 7 cites it in the text only")
def personal_communication(ctx: Context, e: View):
    if e.type not in ("misc", "unpublished"):
        return
    kind = (e.value("type") or "").strip().lower()
    if kind == "personal communication":
        return
    if any(n in e.fields for n in ("url", "doi", "journal", "journaltitle", "publisher")):
        return
    for name in ("note", "howpublished", "title", "type", "annotation"):
        f = e.fields.get(name)
        if f is not None and _INTERVIEW.search(e.value(name) or ""):
            yield e.find(f, f"'{e.key}' is an unpublished interview: APA 7 cites personal "
                         "communications in the text only and leaves them out of the "
                         "reference list", "add type = {personal communication}")
            return


def _credential_title(text: str) -> list[str]:
    """The credentials a title consists of ('PT, DPT, COMT, Facility Manager'), else []."""
    # str.split, not re.split(r"\s*,\s*"): that retries a long run of spaces from each space.
    parts = [p.strip() for p in text.split(",") if p.strip()]
    creds = [p for p in parts if is_credential(p)]
    return creds if len(parts) >= 2 and len(creds) >= 2 and parts[0] in creds else []


@rule("credentials-in-title", ERROR, "style",
      "a title that is a list of credentials and job titles, not the title of a work",
      needs=("title",))
def credentials_in_title(ctx: Context, e: View):
    f = e.fields.get("title")
    if f is None:
        return
    creds = _credential_title(e.value("title") or "")
    if creds:
        yield e.find(f, f"the title of '{e.key}' is the person's credentials "
                     f"({', '.join(creds)}), not the title of a work",
                     "write the work's title; credentials are not cited in APA 7",
                     at=_raw_at(f, 0))
