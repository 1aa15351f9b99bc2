"""Measuring search by meaning: recall@k and MRR of words-only, meaning-only and hybrid rankings under several
fusions, on the odd-numbered queries (where a fusion is chosen), the even ones (held out) and all of them;
and the passages those rankings bring into a top k that nobody has judged yet (pooled for blind judging).

Every ranking of a query comes from the two scored rankings `semantic.by_words` and `semantic.by_meaning`,
computed once per query and fused in memory, so a grid of fusions costs one search per query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus.semantic import POOL, RRF_K, AboutQuery, Fusion, Key, by_meaning, by_words, combine, reader
from .corpus import _article, _snippet, doc_path, stored_quote

WEIGHTS = (0.5, 1.0, 1.5, 2.0, 3.0)  # meaning weights tried, against words' 1
TRIED = tuple(Fusion(method, w) for method in ("rrf", "linear") for w in WEIGHTS)


@dataclass
class Judged:
    """One query: its text, seed, what is relevant and what was judged (stored quote keys)."""

    seed: str
    query: str
    relevant: set[Key]
    judged: set[Key]

    @property
    def odd(self) -> bool:
        return int("".join(c for c in self.seed if c.isdigit()) or 0) % 2 == 1


def _keys(store: Any, refs: list[dict[str, Any]]) -> set[Key]:
    keys = set()
    for ref in refs:
        q = stored_quote(store, ref)
        if q:
            keys.add((_article(ref["doc"]), q["id"]))
    return keys


def judged_queries(store: Any, labels: list[dict[str, Any]], pools: list[list[dict[str, Any]]] = ()  # type: ignore[assignment]
                   ) -> list[Judged]:
    """The labelled queries with a relevant passage the store holds; `pools` are judged pool files (lines of
    {query, doc, start, end, ...}), whose passages count as judged."""
    pooled: dict[str, list[dict[str, Any]]] = {}
    for pool in pools:
        for line in pool:
            pooled.setdefault(line["query"], []).append(line)
    out = []
    for lab in labels:
        relevant = _keys(store, lab.get("relevant") or [])
        if not lab.get("query") or not relevant:
            continue
        out.append(Judged(lab.get("seed") or "", lab["query"], relevant,
                          relevant | _keys(store, pooled.get(lab["query"], []))))
    return out


def rankings(store: Any, query: str, k: int, fusions: tuple[Fusion, ...] = TRIED) -> dict[str, list[Key]]:
    """The top k of words-only, meaning-only and each fusion's hybrid ranking, by name."""
    q = AboutQuery(about=query)
    words = by_words(store, q, POOL)
    meaning = by_meaning(store, q, POOL, reader(store))
    ranked = {"words": [key for key, _ in words[:k]], "meaning": [key for key, _ in meaning[:k]]}
    for fusion in fusions:
        ranked[f"hybrid {fusion}"] = [key for key, _ in combine(words, meaning, fusion)[:k]]
    return ranked


def _measure(found: list[list[Key]], queries: list[Judged]) -> dict[str, float]:
    recall = rr = unjudged = 0.0
    for top, q in zip(found, queries):
        recall += len(q.relevant & set(top)) / len(q.relevant)
        rr += next((1 / i for i, key in enumerate(top, 1) if key in q.relevant), 0.0)
        unjudged += sum(key not in q.judged for key in top)
    n = len(queries)
    return {"queries": n, "recall@10": round(recall / n, 3) if n else 0.0, "mrr": round(rr / n, 3) if n else 0.0,
            "unjudged_in_top": int(unjudged)}


def grid(store: Any, queries: list[Judged], k: int = 10, fusions: tuple[Fusion, ...] = TRIED
         ) -> dict[str, Any]:
    """Each ranking's recall@k and MRR on the odd queries, the even ones and all; the fusion chosen on the odd
    queries (best recall@k, then MRR) and its held-out figures. Unjudged passages count as not relevant."""
    tops = [rankings(store, q.query, k, fusions) for q in queries]
    table: dict[str, dict[str, dict[str, float]]] = {}
    for name in tops[0] if tops else ():
        row = {}
        for part, keep in (("odd", lambda q: q.odd), ("even", lambda q: not q.odd), ("all", lambda q: True)):
            chosen = [(t[name], q) for t, q in zip(tops, queries) if keep(q)]
            row[part] = _measure([t for t, _ in chosen], [q for _, q in chosen])
        table[name] = row
    hybrids = [name for name in table if name.startswith("hybrid")]
    best = max(hybrids, key=lambda n: (table[n]["odd"]["recall@10"], table[n]["odd"]["mrr"])) if hybrids else None
    held_out = [(t, q) for t, q in zip(tops, queries) if not q.odd]
    return {"rrf_k": RRF_K, "chosen_on_odd": best, "rankings": table,
            "chosen_against_words_held_out": _wins(held_out, best, "words") if best else None}


def _wins(pairs: list[tuple[dict[str, list[Key]], Judged]], one: str, other: str) -> dict[str, list[int]]:
    """Per query, how often ranking `one` does better / the same / worse than `other` (recall@k, then
    reciprocal rank of the first relevant passage)."""
    counts = {"recall": [0, 0, 0], "reciprocal_rank": [0, 0, 0]}
    for tops, q in pairs:
        for measure, value in (("recall", lambda top: len(q.relevant & set(top))),
                               ("reciprocal_rank", lambda top: next((1 / i for i, key in enumerate(top, 1)
                                                                     if key in q.relevant), 0.0))):
            a, b = value(tops[one]), value(tops[other])
            counts[measure][0 if a > b else 1 if a == b else 2] += 1
    return {f"{measure} better/same/worse": c for measure, c in counts.items()}


def pool_unjudged(store: Any, queries: list[Judged], shared: Path, out: Path, k: int = 10,
                  fusions: tuple[Fusion, ...] = TRIED) -> int:
    """Every (query, passage) in the top k of any ranking (words, meaning, each fusion) not judged yet, with
    snippets, in the judging pool's format (`relevant: null`), for blind judges; never over an existing file."""
    from ..errors import OutputError

    if out.exists():
        raise OutputError("E041", path=str(out), reason="it exists (judging may be under way)")
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for q in queries:
            new: set[Key] = set()
            for top in rankings(store, q.query, k, fusions).values():
                new |= {key for key in top if key not in q.judged}
            for article, quote_id in sorted(new):
                row = store._execute('SELECT q.start, q."end", q.speaker_name, a.source FROM quotes q JOIN articles a '
                                     "ON a.id = q.article_id WHERE q.article_id = ? AND q.id = ?", (article, quote_id))[0]
                doc = doc_path(article, shared)
                f.write(json.dumps({"seed": q.seed, "query": q.query, "doc": doc, "start": row["start"],
                                    "end": row["end"], **_snippet(shared, doc, row["start"], row["end"]),
                                    "speaker": row["speaker_name"], "source": row["source"], "relevant": None},
                                   ensure_ascii=False) + "\n")
                n += 1
    return n
