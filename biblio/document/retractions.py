"""Which cited works were retracted: the online source check (`check --online`'s, with its
cache) asked about the works a post or a site cites, for `build` and `render`
`--check-sources` alike."""

from __future__ import annotations

from ..diagnostics import BiblioError
from ..rules import sources as source_rules
from ..rules.registry import View
from .settings import Retracted


def retracted_works(lib, keys, settings: dict) -> dict[str, Retracted]:
    """key → Retracted for each cited entry of `lib` whose work a retraction notice stands
    against (`keys`: the cited keys; "*" cites every entry). A question that got no answer is
    an error, exit 2: a check that could not be made must not pass for a clean one."""
    from .. import online  # the HTTP client (urllib, ssl): only for a command that asks

    keys = list(lib.keys()) if "*" in keys else [k for k in keys if k != "*"]
    dois, _ = source_rules.wanted(lib, keys)
    check = settings.get("check")
    client, o = online.session(settings, check if isinstance(check, dict) else {})
    answers = online.gather(dois, {}, client, o)
    if answers.failures:
        raise BiblioError(source_rules.unanswered(lib, answers.failures), exit_code=2)
    wanted = {k.lower() for k in keys}
    out = {}
    for e in lib.entries:
        doi = source_rules.doi_of(View(e)) if e.key.lower() in wanted else None
        found = source_rules.standing(answers.notices.get(doi, []), "retracted") if doi else []
        if found:
            out[e.key] = Retracted(found[0], doi, f"{lib.path}:{e.line}:1")
    return out
