"""Which cited works were retracted: the online source check (`check --online`'s, with its
cache) asked about the works a post or a site cites, for `build` and `render`
`--check-sources` alike."""

from __future__ import annotations

from ..diagnostics import BiblioError
from ..rules import sources as source_rules
from ..rules.registry import View
from .settings import Retracted


def retracted_works(libs, keys, settings: dict) -> dict[str, Retracted]:
    """key → Retracted for each cited entry of the libraries `libs` (the site's, the posts'
    own) whose work a retraction notice stands against (`keys`: the cited keys; "*" cites
    every entry). A key two libraries give to different retracted works has a tuple of both
    facts (a post takes the one whose DOI is its entry's: render.retracted). A question that got no answer is an error, exit 2: a check
    that could not be made must not pass for a clean one."""
    from .. import online  # the HTTP client (urllib, ssl): only for a command that asks

    asked = [list(lib.keys()) if "*" in keys else [k for k in keys if k != "*"] for lib in libs]
    dois = [source_rules.wanted(lib, ks)[0] for lib, ks in zip(libs, asked)]
    check = settings.get("check")
    client, o = online.session(settings, check if isinstance(check, dict) else {})
    answers = online.gather(list(dict.fromkeys(d for ds in dois for d in ds)), {}, client, o)
    if answers.failures:  # located in the library that holds the first work left unchecked
        first = answers.failures[0].subject
        lib = next((lib for lib, ds in zip(libs, dois) if first in ds), libs[0])
        raise BiblioError(source_rules.unanswered(lib, answers.failures), exit_code=2)
    out: dict[str, Retracted] = {}
    for lib, ks in zip(libs, asked):
        wanted = {k.lower() for k in ks}
        for e in lib.entries:
            doi = source_rules.doi_of(View(e)) if e.key.lower() in wanted else None
            found = source_rules.standing(answers.notices.get(doi, []), "retracted") \
                if doi else []
            if found:
                fact = Retracted(found[0], doi, f"{lib.path}:{e.line}:1")
                # (the same key for another retracted work in another library: both kept,
                # render.retracted picks the one whose DOI is the cited entry's)
                have = out.get(e.key)
                out[e.key] = fact if have is None else (
                    (have if isinstance(have, tuple) else (have,)) + (fact,))
    return out
