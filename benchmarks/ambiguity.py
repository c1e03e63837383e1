"""How ambiguous the benchmarks' names are, and a data set whose ambiguity is measured, not
guessed.

APA's citations disambiguate a first author who shares a surname with another first author by
adding initials (`givenname-disambiguation-rule="primary-name-with-initials"`). pandoc applies
that rule across the whole document, and its time grows with the number of such surnames; so
how often surnames collide decides how fast pandoc looks.

`collisions(items)` measures it: the share of items whose first author's family name is also
the first author's family name of another item by a different person (different given
names), i.e. the items the rule has to expand.

`realistic_items(n)` makes CSL-JSON items whose surnames follow the 2010 US Census surname
frequencies (`data/census2010-surnames-top1000.csv`: the 1,000 most frequent surnames, which
together are 40.97% of the population; the other 59.03% have rarer surnames, drawn here as
made-up names, so that practically none of them collide in a list of 1k). A research
bibliography may well collide more (common Chinese and Korean surnames are more frequent among
authors than in the US population), so this is a floor for realistic ambiguity, with the
generated .bib data (gen.py) as the high end.

    python benchmarks/ambiguity.py            # the collision rates of the benchmark data
"""

from __future__ import annotations

import csv
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CENSUS = HERE / "data" / "census2010-surnames-top1000.csv"
TOP_SHARE = 0.4097  # of the population, the 1,000 most frequent surnames (the file's cum_prop100k)

GIVEN = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
         "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
         "Thomas", "Sarah", "Wei", "Ana", "Hiroshi", "Fatima", "Carlos", "Olga", "Lukas",
         "Emma", "Ravi", "Aiko", "Ahmed", "Léa", "Jan", "Ingrid"]
JOURNALS = ["Physical Therapy", "Journal of Physiotherapy", "Manual Therapy",
            "Clinical Rehabilitation", "Spine", "Pain", "Musculoskeletal Science and Practice",
            "BMC Musculoskeletal Disorders"]
WORDS = ["exercise", "pain", "knee", "shoulder", "back", "neck", "therapy", "training",
         "balance", "strength", "gait", "older", "adults", "randomized", "trial", "effects",
         "outcomes", "manual", "mobilization", "stretching", "needling", "trigger", "point"]
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "ber", "son", "gu", "li", "ha", "mo", "ne", "ri",
             "sa", "to", "va", "wi", "ze", "an", "el", "or", "un", "dr", "ek", "ost"]


def census() -> tuple[list[str], list[int]]:
    names, counts = [], []
    with CENSUS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names.append(row["name"].capitalize())
            counts.append(int(row["count"]))
    return names, counts


def collisions(items: list[dict]) -> dict:
    """Collision rates of the first authors' family names in CSL-JSON items."""
    people: dict[str, set] = defaultdict(set)
    firsts = []
    for it in items:
        names = it.get("author") or it.get("editor") or []
        first = names[0] if names and isinstance(names[0], dict) else None
        if not first or not first.get("family"):
            continue
        fam = first["family"].strip().lower()
        given = (first.get("given") or "").strip().lower()
        people[fam].add(given)
        firsts.append((fam, given))
    shared = sum(1 for fam, _ in firsts if len(people[fam]) > 1)
    return {"items": len(items), "with a first author": len(firsts),
            "shared": shared,  # first authors whose surname another person also has
            "share": shared / len(firsts) if firsts else 0.0}


class _Names:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.top, self.weights = census()
        self.made: set[str] = set()

    def family(self) -> str:
        r = self.rng
        if r.random() < TOP_SHARE:
            return r.choices(self.top, self.weights)[0]
        while True:  # a rarer surname: made up, and new
            name = "".join(r.choice(SYLLABLES) for _ in range(r.randint(2, 4))).capitalize()
            if name not in self.made:
                self.made.add(name)
                return name

    def person(self) -> dict:
        return {"family": self.family(), "given": self.rng.choice(GIVEN)}


def realistic_items(n: int, seed: int = 1) -> list[dict]:
    """`n` CSL-JSON items (APA's common types) with census-frequency surnames; one in twenty
    repeats an earlier item's first author (an author's several works)."""
    rng = random.Random(seed)
    names = _Names(rng)
    items: list[dict] = []
    for i in range(n):
        k = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 22])
        authors = [names.person() for _ in range(k)]
        if i and rng.random() < 0.05:
            authors[0] = dict(items[rng.randrange(i)]["author"][0])
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
        item = {"id": f"ref{i}", "author": authors, "title": title,
                "issued": {"date-parts": [[rng.randint(2005, 2024)]]}}
        kind = rng.random()
        if kind < 0.65:
            p = rng.randint(1, 900)
            item.update(type="article-journal", volume=str(rng.randint(1, 120)),
                        issue=str(rng.randint(1, 12)), page=f"{p}-{p + rng.randint(3, 20)}",
                        DOI=f"10.{rng.randint(1000, 9999)}/r{i}",
                        **{"container-title": rng.choice(JOURNALS)})
        elif kind < 0.8:
            item.update(type="book", publisher=rng.choice(["Routledge", "Wiley", "Sage"]))
        elif kind < 0.9:
            item.update(type="chapter", publisher="Elsevier", page="11-30",
                        editor=[names.person()],
                        **{"container-title": "Handbook of " + rng.choice(WORDS)})
        else:
            item.update(type="webpage", URL=f"https://example.org/{i}",
                        accessed={"date-parts": [[2024, 1, 5]]})
        items.append(item)
    return items


def clusters(items: list[dict], n: int, seed: int = 2) -> list[list[dict]]:
    """`n` citation clusters: every item cited once, in order, then random ones (1–3 cites),
    three in ten with a page locator (benchmarks/engine.py's make_clusters)."""
    rng = random.Random(seed)
    ids = [it["id"] for it in items]
    out = []
    for i in range(n):
        cites = [{"id": ids[i]}] if i < len(ids) else [
            {"id": rng.choice(ids)} for _ in range(rng.choice([1, 1, 2, 3]))]
        if rng.random() < 0.3:
            cites[0]["locator"] = str(rng.randint(1, 300))
        out.append(cites)
    return out


def main() -> int:
    sys.path.insert(0, str(HERE.parent))
    from benchmarks import engine

    rows = [("realistic (census surnames), 1k", realistic_items(1000)),
            ("realistic (census surnames), 10k", realistic_items(10_000)),
            ("benchmarks/engine.py make_items, 1k", engine.make_items(1000))]
    for name, items in rows:
        c = collisions(items)
        print(f"{name}: {c['share']:.1%} of first authors share their surname with another "
              f"person's ({c['shared']} of "
              f"{c['with a first author']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
