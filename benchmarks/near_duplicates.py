"""Which near-duplicate index finds the quote pairs provenance clusters: shingles + rapidfuzz, or MinHash LSH?

    python benchmarks/near_duplicates.py --db polnear-corpus.db      # needs `pip install datasketch`

On a store's quotes (PolNeAR's 924 articles: `attache evaluate corpus-store`), the pairs that report the same
statement by provenance's own rule (`attache.corpus.provenance.relation`, same person) are found three ways:
exhaustively (every pair of a person's quotes compared: the reference), from an inverted index of word
4-gram shingles (every shared shingle; and the six rarest, as the store does), and from MinHash LSH over word
3-gram sets (datasketch, 128 permutations, Jaccard threshold 0.5). Prints, for each, the share of the
reference pairs found (recall; precision is 1 by construction, each candidate is checked by the same rule),
how many of the fragment pairs it finds, and its time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from attache.corpus.provenance import MIN_WORDS, normalise, relation, shingles  # noqa: E402


def quotes(db: str) -> list[tuple[str, str]]:
    """(person id, normalised content) of every quote with a person."""
    from attache.store import open_store

    with open_store(db, create=False) as store:
        rows = store._execute("SELECT e.person_id, q.content FROM quotes q JOIN entities e ON e.article_id = "
                              "q.article_id AND e.id = q.speaker_entity WHERE e.person_id IS NOT NULL")
    found = [(r["person_id"], normalise(r["content"] or "")) for r in rows]
    return [(p, n) for p, n in found if n.count(" ") + 1 >= MIN_WORDS]


def exhaustive(items: list[tuple[str, str]]) -> set[tuple[int, int]]:
    by_person: dict[str, list[int]] = defaultdict(list)
    for i, (p, _) in enumerate(items):
        by_person[p].append(i)
    return {(i, j) for ids in by_person.values() for i, j in combinations(ids, 2)
            if relation(items[i][1], items[j][1])}


def by_shingles(items: list[tuple[str, str]], rarest: int | None) -> set[tuple[int, int]]:
    grams = [shingles(n) for _, n in items]
    index: dict[int, list[int]] = defaultdict(list)
    found = set()
    for i, (person, norm) in enumerate(items):  # in order, as quotes arrive at ingest
        mine = grams[i]
        present = [g for g in mine if g in index]
        if rarest is not None:
            present = sorted(present, key=lambda g: (len(index[g]), g))[:rarest]
        candidates = {j for g in present for j in index[g] if items[j][0] == person}
        found |= {(j, i) for j in candidates if relation(items[j][1], norm)}
        for g in mine:
            index[g].append(i)
    return found


def by_minhash(items: list[tuple[str, str]], threshold: float = 0.5) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    found = set()
    for i, (person, norm) in enumerate(items):
        words = norm.split()
        m = MinHash(num_perm=128)
        for k in range(max(1, len(words) - 2)):
            m.update(" ".join(words[k:k + 3]).encode())
        for key in lsh.query(m):
            j = int(key)
            if items[j][0] == person and relation(items[j][1], norm):
                found.add((j, i))
        lsh.insert(str(i), m)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    items = quotes(args.db)
    started = time.perf_counter()
    reference = exhaustive(items)
    took = {"exhaustive": time.perf_counter() - started}
    fragments = {(i, j) for i, j in reference if relation(items[i][1], items[j][1]) == "fragment"}
    result = {"quotes": len(items), "reference_pairs": len(reference), "fragment_pairs": len(fragments)}
    for name, run in (("shingles_all", lambda: by_shingles(items, None)),
                      ("shingles_rarest6", lambda: by_shingles(items, 6)),
                      ("minhash_lsh_0.5", lambda: by_minhash(items))):
        started = time.perf_counter()
        found = run()
        took[name] = time.perf_counter() - started
        result[name] = {"recall": round(len(found & reference) / len(reference), 3) if reference else None,
                        "fragments_found": len(found & fragments), "seconds": round(took[name], 2)}
    result["exhaustive_seconds"] = round(took["exhaustive"], 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
