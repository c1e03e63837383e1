"""Write the tests/csl-local fixtures, their RESULT made by citeproc-js; print where biblio differs.

    cd benchmarks/citeproc-js && npm install && cd ../..
    python tests/csl-local/make_fixtures.py

Check every RESULT against the APA 7 rules before committing it.
"""
import json
import os
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, ".")
import tempfile

import citeproc

JOB = os.path.join(tempfile.mkdtemp(), 'job.json')
from tests.csl_harness import fixtures

LOC = os.path.join(os.path.dirname(citeproc.__file__), "data", "locales")
STYLE = Path("styles/apa.csl").read_text()

def J(family, given): return {"family": family, "given": given}

CASES = []
def case(name, mode, items, clusters=None, note=""):
    CASES.append((name, mode, items, clusters, note))

smith20a = {"id": "smith-exercise", "type": "article-journal", "author": [J("Smith", "John")], "issued": {"date-parts": [[2020]]}, "title": "Effects of exercise on pain", "container-title": "Journal of Physiotherapy", "volume": "66", "issue": "2", "page": "101-110", "DOI": "10.1016/j.jphys.2020.01.001"}
smith20b = {"id": "smith-balance", "type": "article-journal", "author": [J("Smith", "John")], "issued": {"date-parts": [[2020]]}, "title": "Balance training in older adults", "container-title": "Journal of Physiotherapy", "volume": "66", "issue": "4", "page": "220-228"}
smith19 = {"id": "smith2019", "type": "book", "author": [J("Smith", "John")], "issued": {"date-parts": [[2019]]}, "title": "Manual therapy", "publisher": "Routledge"}
jsmith = {"id": "jsmith", "type": "book", "author": [J("Smith", "John")], "issued": {"date-parts": [[2018]]}, "title": "Posture", "publisher": "Sage"}
msmith = {"id": "msmith", "type": "book", "author": [J("Smith", "Mary")], "issued": {"date-parts": [[2018]]}, "title": "Gait", "publisher": "Sage"}
k1 = {"id": "kernis1", "type": "article-journal", "author": [J("Kernis", "Michael H."), J("Cornell", "David P."), J("Sun", "Chien-Ru")], "issued": {"date-parts": [[1993]]}, "title": "There's more to self-esteem than whether it is high or low", "container-title": "Journal of Personality and Social Psychology", "volume": "65", "issue": "6", "page": "1190-1204"}
k2 = {"id": "kernis2", "type": "article-journal", "author": [J("Kernis", "Michael H."), J("Grannemann", "Bruce D."), J("Barclay", "Lynda C.")], "issued": {"date-parts": [[1993]]}, "title": "Stability of self-esteem", "container-title": "Journal of Personality", "volume": "60", "page": "621-644"}
edbook = {"id": "edbook", "type": "book", "editor": [J("Jones", "Ann"), J("Lee", "Bo")], "issued": {"date-parts": [[2017]]}, "title": "Handbook of rehabilitation", "publisher": "Wiley"}
edone = {"id": "edone", "type": "book", "editor": [J("Jones", "Ann")], "issued": {"date-parts": [[2015]]}, "title": "Sports injuries", "edition": "2", "publisher": "Elsevier"}
chapter = {"id": "chapter", "type": "chapter", "author": [J("Brown", "Carl")], "editor": [J("Jones", "Ann"), J("Lee", "Bo")], "issued": {"date-parts": [[2017]]}, "title": "Knee injuries", "container-title": "Handbook of rehabilitation", "page": "33-45", "publisher": "Wiley"}
many = {"id": "many", "type": "article-journal", "author": [J(f"Author{n:02d}", "Alex") for n in range(1, 24)], "issued": {"date-parts": [[2022]]}, "title": "A very large collaboration", "container-title": "Physical Therapy", "volume": "102", "issue": "1", "page": "1-12"}
nodate = {"id": "nodate", "type": "webpage", "author": [J("Green", "Pat")], "title": "Stretching at home", "container-title": "Physio Blog", "URL": "https://example.org/stretching", "accessed": {"date-parts": [[2024, 3, 1]]}}
inpress = {"id": "inpress", "type": "article-journal", "author": [J("Gray", "Kim")], "status": "in press", "title": "Dry needling for neck pain", "container-title": "Manual Therapy"}
group = {"id": "who", "type": "report", "author": [{"literal": "World Health Organization"}], "issued": {"date-parts": [[2021]]}, "title": "Rehabilitation 2030", "publisher": "World Health Organization"}
pc = {"id": "pc", "type": "personal_communication", "author": [J("Doe", "Jo")], "issued": {"date-parts": [[2020, 5, 5]]}, "title": "Email to the author"}

case("same author and year get 2020a and 2020b in text", "citation", [smith20a, smith20b], [[{"id": "smith-exercise"}], [{"id": "smith-balance"}]])
case("same author and year get 2020a and 2020b in the reference list", "bibliography", [smith20b, smith20a])
case("first authors with the same surname get initials", "citation", [jsmith, msmith], [[{"id": "jsmith"}, {"id": "msmith"}]])
case("et al ambiguity is resolved by adding names", "citation", [k1, k2], [[{"id": "kernis1"}], [{"id": "kernis2"}]])
case("two works by one author share the name", "citation", [smith19, smith20a], [[{"id": "smith-exercise"}, {"id": "smith2019"}]])
case("editors get the capitalized Eds label", "bibliography", [edbook, edone])
case("an edited book without authors is cited by its editors", "citation", [edbook], [[{"id": "edbook"}]])
case("a chapter in an edited book", "bibliography", [chapter])
case("twenty-one or more authors get the ellipsis", "bibliography", [many])
case("more than two authors are cited with et al", "citation", [many], [[{"id": "many"}]])
case("no date gives n.d.", "citation", [nodate], [[{"id": "nodate"}]])
case("no date in the reference list", "bibliography", [nodate])
case("in press", "citation", [inpress], [[{"id": "inpress"}]])
case("in press in the reference list", "bibliography", [inpress])
case("a chapter locator keeps its label", "citation", [smith19], [[{"id": "smith2019", "locator": "3", "label": "chapter"}], [{"id": "smith2019", "locator": "12-15"}]])
case("a group author", "citation", [group], [[{"id": "who"}]])
case("a group author in the reference list", "bibliography", [group])
case("a personal communication is cited in text", "citation", [pc], [[{"id": "pc"}]])
case("a personal communication is left out of the reference list", "bibliography", [pc, smith19])
case("cite prefix suffix and suppressed author", "citation", [smith19], [[{"id": "smith2019", "prefix": "see ", "suffix": ", for a review"}], [{"id": "smith2019", "suppress-author": True}]])


# --- a differential case: generated items of many APA types, names and dates -----------------
TYPES = ["article-journal", "article-magazine", "article-newspaper", "book", "chapter", "report",
         "thesis", "dataset", "motion_picture", "broadcast", "interview", "post-weblog", "post",
         "paper-conference", "entry-encyclopedia", "entry-dictionary", "software", "song",
         "review", "webpage", "speech", "manuscript", "map", "patent", "legal_case", "graphic",
         "personal_communication", "review-book", "standard", "periodical", "document", "event"]
FAM = ["Smith", "García", "van der Berg", "O'Neil", "de la Cruz", "Nguyen", "Müller", "Østergaard",
       "Kim", "Lee", "Abe", "Brown", "Zhou", "Ito", "Kowalski"]
GIV = ["John", "Mary Ann", "Jean-Paul", "J. R. R.", "Li", "Émile", "Ana", "P.", "Sarah Jane"]
WORDS = ["pain", "knee", "therapy", "exercise", "gait", "the", "of", "and", "in", "a", "study", "review", "trial", "outcome", "back"]

def name(rng):
    r = rng.random()
    if r < 0.08:
        return {"literal": rng.choice(["World Health Organization", "American Psychological Association", "NICE"])}
    n = {"family": rng.choice(FAM), "given": rng.choice(GIV)}
    if r > 0.95:
        n["suffix"] = "Jr."
    return n

def date(rng):
    r = rng.random()
    y = rng.randint(1990, 2024)
    if r < 0.5: return {"date-parts": [[y]]}
    if r < 0.75: return {"date-parts": [[y, rng.randint(1, 12)]]}
    if r < 0.9: return {"date-parts": [[y, rng.randint(1, 12), rng.randint(1, 28)]]}
    if r < 0.95: return {"date-parts": [[y, 3, 1], [y, 3, 5]]}
    return {"date-parts": [[y]], "circa": True}

def title(rng):
    t = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8))).capitalize()
    if rng.random() < 0.2: t += ": A " + rng.choice(WORDS) + " approach"
    if rng.random() < 0.1: t = "The <i>in vivo</i> " + t.lower()
    return t

def item(rng, i):
    t = rng.choice(TYPES)
    it = {"id": f"d{i}", "type": t, "title": title(rng)}
    k = rng.choice([0, 1, 1, 2, 3, 5, 21])
    if k: it["author"] = [name(rng) for _ in range(k)]
    if rng.random() < 0.9: it["issued"] = date(rng)
    if rng.random() < 0.05: it["status"] = "in press"
    for var, p in [("editor", .2), ("translator", .08), ("director", .05), ("reviewed-author", .04),
                   ("container-author", .03), ("interviewer", .03), ("producer", .03), ("host", .02),
                   ("performer", .02), ("composer", .02), ("illustrator", .02), ("compiler", .02),
                   ("contributor", .02), ("curator", .02), ("narrator", .02), ("organizer", .02),
                   ("executive-producer", .02), ("guest", .02), ("script-writer", .02),
                   ("series-creator", .02), ("chair", .02), ("editorial-director", .02),
                   ("collection-editor", .03), ("recipient", .02)]:
        if rng.random() < p: it[var] = [name(rng) for _ in range(rng.choice([1, 2, 3]))]
    for var, val, p in [("container-title", "Journal of " + rng.choice(WORDS), .6),
                        ("volume", str(rng.randint(1, 90)), .5), ("issue", str(rng.randint(1, 12)), .4),
                        ("page", f"{rng.randint(1,300)}-{rng.randint(301,400)}", .5),
                        ("publisher", rng.choice(["Routledge", "Sage", "World Health Organization"]), .5),
                        ("publisher-place", "London", .2), ("edition", rng.choice(["2", "3rd", "Rev."]), .1),
                        ("DOI", f"10.1000/d{i}", .3), ("URL", f"https://example.org/d{i}", .3),
                        ("genre", rng.choice(["Doctoral dissertation", "Technical report", "Video"]), .15),
                        ("medium", "Film", .05), ("number", str(rng.randint(1, 999)), .15),
                        ("collection-title", "Series of " + rng.choice(WORDS), .1),
                        ("collection-number", str(rng.randint(1, 9)), .05),
                        ("event-title", "Annual Meeting", .05), ("event-place", "Boston, MA", .05),
                        ("archive", "Library Archive", .03), ("number-of-volumes", "3", .03),
                        ("version", "1.2", .05), ("section", "A", .03), ("title-short", "Short", .05),
                        ("original-title", "Originaltitel", .03), ("language", rng.choice(["en", "de", "fr"]), .1),
                        ("references", "Retraction notice", .02), ("dimensions", "90 min", .03),
                        ("authority", "Supreme Court", .03), ("container-title-short", "J. Abbr.", .05)]:
        if rng.random() < p: it[var] = val
    if rng.random() < .1: it["accessed"] = {"date-parts": [[2024, 5, 17]]}
    if rng.random() < .05: it["original-date"] = {"date-parts": [[rng.randint(1800, 1950)]]}
    if rng.random() < .04: it["event-date"] = date(rng)
    return it

def make(n, seed):
    rng = random.Random(seed)
    items = [item(rng, i) for i in range(n)]
    clusters = []
    ids = [x["id"] for x in items]
    for i in range(n):
        c = [{"id": ids[i]}] if rng.random() < .7 else [{"id": rng.choice(ids)} for _ in range(rng.randint(1, 3))]
        r = rng.random()
        if r < .2: c[0]["locator"] = str(rng.randint(1, 99))
        elif r < .25: c[0].update(locator=str(rng.randint(1, 9)), label=rng.choice(["chapter", "section", "figure", "paragraph", "table", "line", "verse"]))
        if rng.random() < .05: c[0]["prefix"] = "see "
        if rng.random() < .05: c[-1]["suffix"] = ", for a review"
        if rng.random() < .05: c[0]["suppress-author"] = True
        clusters.append(c)
    return items, clusters


GEN_ITEMS, GEN_CLUSTERS = make(60, 21)
case("generated items of many types in the reference list", "bibliography", GEN_ITEMS)
case("generated items of many types cited", "citation", GEN_ITEMS, GEN_CLUSTERS)

def cjs(mode, items, clusters):
    job = {"style": STYLE, "items": items, "clusters": clusters, "localesDir": LOC, "format": "html"}
    with open(JOB, "w") as f:
        json.dump(job, f)
    out = json.loads(subprocess.run(["node", "benchmarks/citeproc-js/oracle.js", JOB], capture_output=True, text=True, check=True).stdout)
    if mode == "citation":
        return "\n".join(out["citations"])
    return "\n".join(['<div class="csl-bib-body">'] + [f'  {e}' for e in out["bibliography"]] + ["</div>"])

os.makedirs("tests/csl-local", exist_ok=True)
for name, mode, items, clusters, note in CASES:
    oracle = cjs(mode, items, clusters)
    fx = fixtures.Fixture(name=name, mode=mode, result="", csl="", items=items, citation_items=clusters)
    fx.style_path = "styles/apa.csl"
    mine = fixtures.run(fx)
    flag = "same" if fixtures.normalize(mine) == fixtures.normalize(oracle) else "DIFF"
    print(f"== {name}: {flag}")
    if flag == "DIFF":
        print("citeproc-js:\n" + oracle + "\nbiblio:\n" + mine)
    else:
        print(mine)
    parts = [f">>===== MODE =====>>\n{mode}\n<<===== MODE =====<<\n",
             f">>===== RESULT =====>>\n{oracle}\n<<===== RESULT =====<<\n",
             ">>===== CSL =====>>\n@styles/apa.csl\n<<===== CSL =====<<\n",
             f">>===== INPUT =====>>\n{json.dumps(items, indent=2, ensure_ascii=False)}\n<<===== INPUT =====<<\n"]
    if clusters is not None:
        parts.append(f">>===== CITATION-ITEMS =====>>\n{json.dumps(clusters, indent=2)}\n<<===== CITATION-ITEMS =====<<\n")
    head = f"# biblio APA 7 case: {name}.\n# RESULT made by citeproc-js 2.4.63 (benchmarks/citeproc-js/oracle.js) with styles/apa.csl,\n# and checked by hand against the APA 7 rules.\n\n"
    if name.startswith("generated"):
        head = (f"# biblio differential case: {name}.\n# Items from make() in make_fixtures.py (random "
                "types, names, dates); RESULT made by citeproc-js 2.4.63\n# (benchmarks/citeproc-js/"
                "oracle.js) with styles/apa.csl. A regression test, not an APA example.\n\n")
    with open(f"tests/csl-local/{name}.txt", "w") as f:
        f.write(head + "\n".join(parts))
