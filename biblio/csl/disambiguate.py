"""Cite positions and disambiguation (add names, add given names, disambiguate="true", year
suffixes), decided once over the whole document before any cluster is rendered."""

from __future__ import annotations

from collections import Counter, defaultdict

from biblio.csl.context import ItemState
from biblio.csl.nodes import NAME_VARS
from biblio.csl.person import initialize, render_name
from biblio.csl.rich import plain


def _note(cite):
    for k in ("note", "note-number", "noteIndex", "note_index"):
        v = cite.get(k)
        if v not in (None, "", 0, "0"):
            try:
                return int(v)
            except (TypeError, ValueError):
                return None
    return None


def _locator(cite):
    if cite.get("locator") is None:
        return None
    return (cite.get("label") or "page", cite["locator"])


def positions(run, clusters, resets=frozenset(), order=None):
    """Each cite with its position; a cluster whose index is in `resets` starts the tracking
    afresh, as a new chapter does (its cites are first cites again). `order` puts a cluster's
    cites in the order its citation prints them: what a cite follows is what the reader sees
    before it."""
    distance = 5
    if run.style.citation is not None:
        distance = run.style.citation.int_opt("near-note-distance", 5)
    last_seen: dict[str, dict] = {}
    first_note: dict[str, int | None] = {}
    out = []
    # What a cluster's first cite follows: in running text, the previous in-text cluster; in a
    # note, the earlier cluster of the same note, else every cite of the previous note.
    prev_text: list = []
    notes: dict[int, list] = {}
    last_cluster_in_note: dict[int, list] = {}
    for n_cluster, cluster in enumerate(clusters):
        if n_cluster in resets:
            last_seen, first_note, prev_text = {}, {}, []
            notes, last_cluster_in_note = {}, {}
        placed: list = []
        cluster_note = None
        for cite in cluster:
            cluster_note = _note(cite)
            if cluster_note is not None:
                break
        if cluster_note is None:
            before_cluster = prev_text
        elif cluster_note in last_cluster_in_note:
            before_cluster = last_cluster_in_note[cluster_note]
        else:
            # The note just before, when it cites anything: across a note that cites nothing
            # (the author's remark), ibid would point at that note (CMOS 14.34; citeproc-js)
            before_cluster = notes.get(cluster_note - 1, [])
        known = []
        for cite in cluster:
            item = run.by_id.get(str(cite.get("id")))
            if item is not None:
                known.append(dict(cite, item=item))
        if order is not None:
            known = order(known)
        for c in known:
            cid = str(c.get("id"))
            item = c["item"]
            caller = c.get("position")
            note = _note(c)
            c["_note"] = note
            if c.get("locator") in ("", None):
                c.pop("locator", None)
            elif c.get("locator") is not None:
                c["locator"] = str(c["locator"]).strip()
                if not c.get("label"):
                    read = run.locale.locator_label(c["locator"])
                    if read is not None:
                        c["label"], c["locator"] = read
            prev = last_seen.get(cid)
            if prev is None:
                c["position"] = "first"
                first_note[cid] = note
                if note is not None:  # (its later cites may print it: _key)
                    run.first_notes.setdefault(cid, note)
            else:
                if placed:
                    before = placed[-1]
                else:
                    before = before_cluster[0] if len(before_cluster) == 1 else None
                if before is not None and before["item"] is item:
                    # a locator is its label and its value: "bk. 20" is not "chap. 20"
                    loc, ploc = _locator(c), _locator(before)
                    if loc is None and ploc is None:
                        c["position"] = "ibid"
                    elif loc is not None and loc != ploc:
                        c["position"] = "ibid-with-locator"
                    elif loc is not None and loc == ploc:
                        c["position"] = "ibid"
                    else:
                        c["position"] = "subsequent"
                else:
                    c["position"] = "subsequent"
                pnote = prev.get("_note")
                if note is not None and pnote is not None and 0 <= note - pnote <= distance or note is None and pnote is None:
                    c["near-note"] = True
                first = first_note.get(cid)
                if first is not None and (note is None or first < note):
                    # the number of a *preceding* note (CSL 1.0.2 Appendix IV): none for a
                    # cite in the note of the first reference
                    c["first-reference-note-number"] = first
            if caller:
                c["position"] = caller  # the caller's word over the order's
            placed.append(c)
            if c.get("author-only"):
                continue  # the author's name in the text: no earlier cite for what follows
            last_seen[cid] = c
        out.append(placed)
        if cluster_note is None:
            prev_text = placed
        else:
            notes.setdefault(cluster_note, []).extend(placed)
            last_cluster_in_note[cluster_note] = placed
    return out


def _key(run, item, position="first") -> str:
    """A cite's text as far as it tells its item from others: two cites that differ only in
    their accessed dates are ambiguous: the date says when the writer looked, not which work
    it is (as citeproc-js)."""
    # A cite's rendering depends on its item, its disambiguation state and its position; a
    # style that never looks at the position (Style.position_free) renders every position
    # alike. Each rendering is kept (Run.cite_keys), so the subsequent pass and a change
    # undone render again only what changed.
    accessed = item.date("accessed") is not None
    state = frozen(run.states[item.id])
    memo = (item.id, "first" if run.style.position_free else position, state)
    got = run.cite_keys.get(memo)
    if got is None:
        sec = run.style.citation
        cite = {"position": position}
        if position != "first" and item.id in run.first_notes:
            cite["first-reference-note-number"] = run.first_notes[item.id]
        ctx = run.ctx(item, cite, "citation", sec)
        ctx.ambiguity_form = accessed
        parts = [c.render(ctx) for c in sec.layout.children]
        got = run.cite_keys[memo] = ("".join(plain(p) for p in parts), parts,
                                     ctx.first_names, ctx.first_names_real)
    # (a subsequent form is a first cite's rendering only when positions look alike; a form
    # without its accessed date is none)
    if (position == "first" or run.style.position_free) and not accessed:
        run.first_renders[item.id] = (_snapshot(run.states[item.id]),) + got[1:]
    return got[0]


def _remember(run, item, ctx, parts) -> str:
    """Keep a plain first cite's rendering for the cite that may use it (Run.first_renders)
    and among the renderings of its state (Run.cite_keys); its disambiguation key."""
    key = "".join(plain(p) for p in parts)
    if item.date("accessed") is None:  # (_key renders such an item without the date)
        run.cite_keys[(item.id, "first", frozen(run.states[item.id]))] = (
            key, parts, ctx.first_names, ctx.first_names_real)
    run.first_renders[item.id] = (_snapshot(run.states[item.id]), parts, ctx.first_names,
                                  ctx.first_names_real)
    return key


def first_render(run, item):
    """The rendering `_key` kept of a plain first cite of `item`, if its disambiguation state
    is still the one it was rendered with; else None. Taken once."""
    got = run.first_renders.pop(item.id, None)
    if got is None or got[0] != _snapshot(run.states[item.id]):
        return None
    return got[1:]


def _clashes(keys: dict) -> list[list[str]]:
    groups = defaultdict(list)
    for iid, k in keys.items():
        groups[k].append(iid)
    return [g for g in groups.values() if len(g) > 1]


def run(r, items) -> None:
    """Disambiguate the items' cites in their first form, then in their subsequent form: a
    note style's short form "Doe", or "Baur et al." under et-al-subsequent-min, can be
    ambiguous where the first form is not; and what disambiguates an item (names, a year
    suffix) is decided once for all its cites, so it must serve every form they may take."""
    if not items:
        return
    _pass(r, items, "first")
    _pass(r, items, "subsequent")


def _pass(r, items, position) -> None:
    cit = r.style.citation
    add_names = cit.opt("disambiguate-add-names") == "true"
    add_given = cit.opt("disambiguate-add-givenname") == "true"
    rule = cit.opt("givenname-disambiguation-rule", "by-cite")
    add_ys = cit.opt("disambiguate-add-year-suffix") == "true"
    by_id = {it.id: it for it in items}
    # The global rules render every cite once to find its names (in the first pass); a cite
    # none of whose names grew keeps that rendering as its key instead of being rendered again.
    keys = _global_names(r, items, rule) \
        if add_given and rule != "by-cite" and position == "first" else {}
    keys = {it.id: keys.get(it.id) or _key(r, it, position) for it in items}
    groups = _clashes(keys)
    if not groups:
        return

    def rekey(ids):
        for i in ids:
            keys[i] = _key(r, by_id[i], position)

    def clashing(group):
        return [i for i in group if any(j != i and keys[j] == keys[i] for j in group)]

    def pressure(group):
        """How many (item, other item) pairs in the group still look the same."""
        counts: dict = defaultdict(int)
        for i in group:
            counts[keys[i]] += 1
        return sum(c * (c - 1) for c in counts.values())

    def attempt(group, change):
        """Apply a change to the group's clashing items; keep it only if clashes drop."""
        live = clashing(group)
        before = pressure(group)
        saved = {i: _snapshot(r.states[i]) for i in live}
        old_keys = {i: keys[i] for i in live}
        if not [change(i) for i in live].count(True):
            return False
        rekey(live)
        if pressure(group) < before:
            return True
        for i in live:
            _restore(r.states[i], saved[i])
            keys[i] = old_keys[i]
        return False

    levels = (1,) if rule.endswith("with-initials") else (1, 2)

    def givennames(group):
        slots = sorted({(v, k) for i in group for v in NAME_VARS
                        for k in range(len(by_id[i].names(v)))
                        if not (k and rule.startswith("primary"))},  # only first names
                       key=lambda s: (s[1], s[0]))
        # A name grows as its person's: wherever the person stands in the cites (an author
        # here, an editor there), so one person is written one way; and only an ambiguous
        # name grows, one whose family name another person of the cites bears (CSL 1.0.2
        # Disambiguation, disambiguate-add-givenname; as citeproc-js)
        spots: dict = defaultdict(lambda: defaultdict(list))  # person -> item -> slots
        for v, k in slots:
            for i in group:
                if k < len(by_id[i].names(v)):
                    spots[_person(by_id[i].names(v)[k])][i].append((v, k))
        everyone = {_person(n): n for i in group for v in NAME_VARS for n in by_id[i].names(v)}
        families = defaultdict(set)  # (one pass: a group may hold hundreds of people)
        for p, n in everyone.items():
            families[_family(n)].add(p)
        ambiguous = {p for people in families.values() if len(people) > 1 for p in people}
        for v, k in slots:
            if not clashing(group):
                break
            people = {_person(by_id[i].names(v)[k]) for i in group
                      if k < len(by_id[i].names(v))} & ambiguous
            if not people:
                continue
            for level in levels:
                def expand(i, people=people, level=level):
                    st, changed = r.states[i], False
                    for p in people:
                        for s in spots[p].get(i, ()):
                            if st.given.get(s, 0) < level:
                                st.given[s] = level
                                changed = True
                    return changed

                if attempt(group, expand):
                    if level == 1 and 2 in levels:
                        for s in dict.fromkeys(s for p in people for ss in spots[p].values()
                                               for s in ss):
                            _full_name_shown(r, group, *s, position)
                    break

    for group in groups:
        if add_names:
            most = max(max((len(by_id[i].names(v)) for v in NAME_VARS), default=0)
                       for i in group)
            for n in range(2, most + 1):
                if not clashing(group):
                    break

                def more(i, n=n):
                    st, changed = r.states[i], False
                    for v in NAME_VARS:
                        if len(by_id[i].names(v)) > 1 and st.add_names.get(v, 0) < n:
                            st.add_names[v] = n
                            changed = True
                    return changed

                if attempt(group, more) or not add_given:
                    continue
                # More names may only help together with their given names.
                live = clashing(group)
                saved = {i: _snapshot(r.states[i]) for i in live}
                old_keys = {i: keys[i] for i in live}
                before = pressure(group)
                for i in live:
                    more(i)
                rekey(live)
                givennames(live)
                if pressure(group) >= before:
                    for i in live:
                        _restore(r.states[i], saved[i])
                        keys[i] = old_keys[i]
        if add_given:
            givennames(group)
    groups = _clashes(keys)
    if add_ys:
        order = {it.id: n for n, it in enumerate(items)}
        for group in groups:
            if any(r.states[i].year_suffix is not None for i in group):
                continue  # lettered already, for their first form
            if position == "first" and not r.style.position_free and not keys[group[0]].strip():
                # a first form that prints nothing (a note style without a branch for the
                # type) confuses no work with another: the letters are the later forms' to
                # ask, in their own pass, where "op. cit." alone for two unsigned works does
                # (as citeproc-js; disambiguate="true" may still print what tells them apart)
                continue
            for n, i in enumerate(sorted(group, key=order.get)):
                r.states[i].year_suffix = n
            rekey(group)
        groups = _clashes(keys)
    # Last, disambiguate="true" conditions (CSL 1.0.2 Choose: "only made when all other
    # disambiguation methods have failed"; citeproc-js and pandoc try the year-suffix first
    # too) turn on one at a time, until the cites differ. Where they tell none apart after a
    # year-suffix that prints nowhere, what they print is dropped (rendered "only if it
    # disambiguates two otherwise identical citations"); with no year-suffix it stays, the
    # most the style can show (citeproc-js does both).
    for group in groups:
        before = pressure(group)
        saved = {i: r.states[i].disambiguate for i in group}
        for level in range(1, 11):
            live = clashing(group)
            if not live:
                break
            for i in live:
                r.states[i].disambiguate = level
            rekey(live)
        if add_ys and pressure(group) >= before:
            for i, level in saved.items():
                r.states[i].disambiguate = level
            rekey(group)


def _same_initials(n: dict, others) -> bool:
    """Whether another person of the same family name has this name's initials ("John" and
    "Jane Smith"; not "Ann B." and "Bo Lee")."""
    mine = initialize(str(n.get("given", "")), ".")
    return any(o.get("family") == n.get("family") and _person(o) != _person(n)
               and initialize(str(o.get("given", "")), ".") == mine for o in others)


def _full_name_shown(r, ids, v, k, position) -> None:
    """A name expanded one step that already shows its full given name in every form of the
    cite ("Smith" to "John Smith" with no initialize-with) is recorded as shown in full when
    initials would not tell it from a person it was told apart from: the full given name is
    the detail that tells the cites apart, and CSL 1.0.2 (Disambiguation) wants it shown in
    the bibliography too, whose initials ("Smith, J." for John and Jane) would not; "A. B.
    Lee" and "B. Lee" need no more."""
    positions = (position,) if r.style.position_free else ("first", "subsequent")
    others = [n for i in ids for n in r.by_id[i].names(v)[k:k + 1]]
    for i in ids:
        st = r.states[i]
        if st.given.get((v, k)) != 1 or not _same_initials(r.by_id[i].names(v)[k], others):
            continue
        item = r.by_id[i]
        before = [_key(r, item, p) for p in positions]
        st.given[(v, k)] = 2
        if [_key(r, item, p) for p in positions] != before:
            st.given[(v, k)] = 1
            _key(r, item, position)  # (its kept first rendering is the level-1 one again)


def _snapshot(st):
    return (dict(st.add_names), dict(st.given), st.year_suffix, st.disambiguate)


def frozen(st):
    """A state's snapshot that can key a dict."""
    return (tuple(sorted(st.add_names.items())), tuple(sorted(st.given.items())),
            st.year_suffix, st.disambiguate)


def _restore(st, snap):
    st.add_names, st.given, st.year_suffix, st.disambiguate = (
        dict(snap[0]), dict(snap[1]), snap[2], snap[3])


def _global_names(r, items, rule) -> dict[str, str]:
    """all-names / primary-name rules: expand every name that is ambiguous across the document,
    "in subsequent and first cites" (CSL 1.0.2, Disambiguation): a style whose first cites
    give full names ("John Smith") and later ones short names ("Smith") has names that only
    its later cites make ambiguous. Returns the disambiguation key (see _key) of each cite
    whose names it left as they were."""
    sec = r.style.citation
    primary = rule.startswith("primary")
    cap = 1 if rule.endswith("with-initials") else 2
    later = () if r.style.position_free else ("subsequent",)
    occurrences = []
    rendered = []
    for it in items:
        # Only the names a cite shows can be ambiguous: render it and collect them.
        # (every item's later form, cited again or not: whether "Smith" is ambiguous is a
        # question of the persons the form names, as citeproc-js asks it)
        for position in ("first",) + later:
            ctx = r.ctx(it, {"position": position}, "citation", sec)
            ctx.collect = []
            parts = [child.render(ctx) for child in sec.layout.children]
            if position == "first":
                rendered.append((it, ctx, parts))
            for v, idx, n, opts, name_el in ctx.collect:
                if not (primary and idx):
                    # (a names element's options are made once per section: their identity
                    # and the name element's name the form; occurrences keep both alive)
                    occurrences.append((it, v, idx, n, opts, name_el, (id(opts), id(name_el))))
    ctx0 = r.ctx(items[0], {"position": "first"}, "citation", sec)
    forms: dict = {}

    def form(n, level, opts, name_el, okey):
        """A name as these options render it at this expansion level (0: none)."""
        key = (_person(n), level, okey)
        if key not in forms:
            ctx0.disamb = ItemState(given={("x", 0): level}) if level else None
            forms[key] = plain(render_name(n, 0, opts, name_el, ctx0, "x"))
        return forms[key]

    base: dict[int, str] = {}
    by_form: dict[str, dict] = defaultdict(dict)
    for k, (it, v, idx, n, opts, name_el, okey) in enumerate(occurrences):
        # (the item whose name it is has its parts worked out: Item.name_parts; the rest of
        # ctx0, the language of its text among it, stays items[0]'s)
        ctx0.item = it
        base[k] = form(n, 0, opts, name_el, okey)
        by_form[base[k]][_person(n)] = n

    # A name is ambiguous with a namesake shown in another form too: "names that are identical
    # in their 'short' or initialized 'long' form" (CSL 1.0.2, disambiguate-add-givenname), so
    # an editor's short "Lee" names Ann B. Lee as well where her cites print her in full. The
    # persons of one family name, each rendered with the options of the name at hand.
    namesakes: dict[str, dict] = defaultdict(dict)
    for it, v, idx, n, opts, name_el, okey in occurrences:
        namesakes[_surname(n)][_person(n)] = n
    in_form: dict = {}  # (options, family name) -> each form those options give -> persons

    def alike(k, n, opts, name_el, okey) -> dict:
        surname = _surname(n)
        table = in_form.get((okey, surname))
        if table is None:
            table = in_form[(okey, surname)] = defaultdict(dict)
            for pk, pn in namesakes[surname].items():
                table[form(pn, 0, opts, name_el, okey)][pk] = pn
        more = table.get(base[k])
        persons = by_form[base[k]]
        if more and any(pk not in persons for pk in more):
            persons = {**persons, **more}
        return persons

    tallies: dict = {}
    # (item, variable, index) -> whether each of its forms shows the full given name one step
    # expanded (see _full_name_shown)
    full_at_one: dict = {}
    for k, (it, v, idx, n, opts, name_el, okey) in enumerate(occurrences):
        ctx0.item = it
        persons = alike(k, n, opts, name_el, okey)
        if len(persons) < 2:
            continue
        given = r.states[it.id].given
        if cap == 2:
            slot = (it.id, v, idx)
            full_at_one[slot] = full_at_one.get(slot, True) and _same_initials(
                n, persons.values()) and (
                form(n, 1, opts, name_el, okey) == form(n, 2, opts, name_el, okey))
        for level in range(1, cap + 1):
            mine = form(n, level, opts, name_el, okey)
            # How many of the persons who share this name's form (this one among them) have
            # this form at this level: counted once per form, level and options.
            tkey = (base[k], level, okey)
            tally = tallies.get(tkey)
            if tally is None:
                tally = tallies[tkey] = Counter(
                    form(pn, level, opts, name_el, okey) for pn in persons.values())
            if tally[mine] < len(persons):
                # Expand as far as it tells this person apart from someone (as far as its
                # other forms need, if further: a name shown twice, in first and later cites).
                given[(v, idx)] = max(level, given.get((v, idx), 0))
                if tally[mine] == 1:
                    break
    for (iid, v, idx), full in full_at_one.items():
        if full and r.states[iid].given.get((v, idx)) == 1:
            r.states[iid].given[(v, idx)] = 2
    # (a cite whose names grew is rendered again: its first rendering is no key of it)
    return {it.id: _remember(r, it, ctx, parts) for it, ctx, parts in rendered
            if not r.states[it.id].given}


def _surname(n: dict) -> str:
    """A name's family name with its non-dropping particle, as one lowercase string ("van
    beethoven" for either way of writing the particle): the names that can share a form."""
    return " ".join(" ".join(p.split()) for p in _family(n) if p)


def _family(n: dict):
    return (str(n.get("non-dropping-particle", "")).lower(),
            str(n.get("family", n.get("literal", ""))).lower())


def _person(n: dict):
    return tuple(sorted((k, str(v).replace(".", "").replace(" ", "")) for k, v in n.items()))
