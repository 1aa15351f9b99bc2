"""Entity mentions and within-document coreference on a MEANTIME-style folder: mention P/R/F1 and
end-to-end MUC, B-cubed, CEAF-e and their mean (CoNLL), for people and organisations together.

A folder holds `<name>.txt`, `<name>.entities.json` (gold entities with mentions carrying `start`, `end`,
`head_start`, `head_end`) and `<name>.meta.json` (`published`, `annotated` region, `unlinked` mentions).
A system mention matches a gold one when it lies inside the gold extent and covers its head; alignment is
one to one, exact extents first, then closest in length. System mentions outside the annotated region, or
unaligned but matching a mention MEANTIME left without an entity, are not counted. Unaligned mentions
stay in the coreference scores as twinless items (end to end, Pradhan et al. 2014).

    from attache.evaluate.entities import evaluate_meantime
    scores = evaluate_meantime("path/to/meantime/dev")      # -> EntityScores
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Attaché entity types scored as MEANTIME's PER and ORG (GPE, NORP and places are MEANTIME's LOC).
SCORED_TYPES = {"PERSON": "PER", "ORG": "ORG"}


@dataclass
class EntityScores:
    documents: int
    gold: int
    system: int
    mention_p: float
    mention_r: float
    mention_f1: float
    muc_f1: float
    b3_f1: float
    ceafe_f1: float
    conll_f1: float  # end to end


def evaluate_meantime(folder: str | Path, analyze: Callable[..., Any] | None = None,
                      limit: int | None = None) -> EntityScores:
    """Scores of `analyze(text, published=...)` (default `attache.analyze`) on the documents of `folder`
    (the first `limit` of them in name order, if given)."""
    if analyze is None:
        from .. import analyze as default_analyze
        analyze = default_analyze
    root = Path(folder)
    tally: Counter[str] = Counter()
    docs = 0
    for txt in sorted(root.glob("*.txt")):
        gold_path = txt.with_name(txt.stem + ".entities.json")
        if not gold_path.is_file():
            continue
        if limit is not None and docs >= limit:
            break
        meta_path = txt.with_name(txt.stem + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        text = txt.read_text(encoding="utf-8")
        gold = [dict(m, entity=e["entity_id"]) for e in json.loads(gold_path.read_text(encoding="utf-8"))
                if e.get("type") in ("PER", "ORG") for m in e["mentions"]]
        record = analyze(text, published=meta.get("published") or None)
        region = meta.get("annotated") or {"start": 0, "end": len(text)}
        system = [{"start": m.start, "end": m.end, "entity": e.id} for e in record.entities
                  if e.type in SCORED_TYPES for m in e.mentions
                  if region["start"] <= m.start and m.end <= region["end"]]
        _score_document(gold, system, meta.get("unlinked", []), tally)
        docs += 1
    return _scores(docs, tally)


def _matches(g: dict[str, Any], s: dict[str, Any]) -> bool:
    return (g["start"] <= s["start"] and s["end"] <= g["end"]
            and s["start"] <= g["head_start"] and g["head_end"] <= s["end"])


def _align(gold: list[dict[str, Any]], system: list[dict[str, Any]]) -> dict[int, int]:
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if _matches(g, s):
                exact = g["start"] == s["start"] and g["end"] == s["end"]
                pairs.append((not exact, (g["end"] - g["start"]) - (s["end"] - s["start"]), gi, si))
    pairs.sort()
    used, out = set(), {}
    for _, _, gi, si in pairs:
        if gi not in used and si not in out:
            used.add(gi)
            out[si] = gi
    return out


def _score_document(gold: list[dict[str, Any]], system: list[dict[str, Any]], unlinked: list[dict[str, Any]],
                    tally: Counter[str]) -> None:
    pairs = _align(gold, system)
    system = [s for si, s in enumerate(system) if si in pairs or not any(_matches(u, s) for u in unlinked)]
    pairs = _align(gold, system)
    tally["tp"] += len(pairs)
    tally["sys"] += len(system)
    tally["gold"] += len(gold)
    key = _clusters((gi, g["entity"]) for gi, g in enumerate(gold))
    response = _clusters((pairs.get(si, ("sys", si)), s["entity"]) for si, s in enumerate(system))
    for prefix, (n, d) in (("muc_r", _muc(key, response)), ("muc_p", _muc(response, key)),
                           ("b3_r", _b3(key, response)), ("b3_p", _b3(response, key))):
        tally[prefix + "n"] += n  # type: ignore[assignment]
        tally[prefix + "d"] += d
    tally["ce_n"] += _ceafe(key, response)  # type: ignore[assignment]
    tally["ce_k"] += len(key)
    tally["ce_r"] += len(response)


def _clusters(items: Any) -> list[set[Any]]:
    groups: dict[Any, set[Any]] = defaultdict(set)
    for item, entity in items:
        groups[entity].add(item)
    return list(groups.values())


def _muc(key: list[set[Any]], response: list[set[Any]]) -> tuple[int, int]:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = sum(len(k) - len({where.get(m, ("alone", m)) for m in k}) for k in key)
    return num, sum(len(k) - 1 for k in key)


def _b3(key: list[set[Any]], response: list[set[Any]]) -> tuple[float, int]:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = 0.0
    for k in key:
        overlap = Counter(where[m] for m in k if m in where)
        num += sum(c * c for c in overlap.values()) / len(k)
    return num, sum(len(k) for k in key)


def _ceafe(key: list[set[Any]], response: list[set[Any]]) -> float:
    """Total phi4 similarity of the best one-to-one alignment of key and response entities."""
    if not key or not response:
        return 0.0
    phi = [[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key]
    return _max_assignment(phi)


def _max_assignment(weights: list[list[float]]) -> float:
    """Maximum-weight one-to-one assignment (Hungarian method with potentials, O(n^2 m))."""
    if len(weights) > len(weights[0]):
        weights = [list(col) for col in zip(*weights)]
    rows, cols = len(weights), len(weights[0])
    top = max(max(r) for r in weights)
    cost = [[top - w for w in r] for r in weights]
    inf = float("inf")
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    match, way = [0] * (cols + 1), [0] * (cols + 1)
    for i in range(1, rows + 1):
        match[0], j0 = i, 0
        minv, used = [inf] * (cols + 1), [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(weights[match[j] - 1][j - 1] for j in range(1, cols + 1) if match[j])


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(n: float, d: float) -> float:
    return n / d if d else 0.0


def _scores(docs: int, t: Counter[str]) -> EntityScores:
    mp, mr = _ratio(t["tp"], t["sys"]), _ratio(t["tp"], t["gold"])
    muc = _f1(_ratio(t["muc_pn"], t["muc_pd"]), _ratio(t["muc_rn"], t["muc_rd"]))
    b3 = _f1(_ratio(t["b3_pn"], t["b3_pd"]), _ratio(t["b3_rn"], t["b3_rd"]))
    ce = _f1(_ratio(t["ce_n"], t["ce_r"]), _ratio(t["ce_n"], t["ce_k"]))
    return EntityScores(docs, t["gold"], t["sys"], mp, mr, _f1(mp, mr), muc, b3, ce, (muc + b3 + ce) / 3)
