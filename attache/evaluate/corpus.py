"""Measuring the corpus-level features on real multi-outlet coverage: PolNeAR's train and dev articles
(seven US outlets reporting the same 2016 campaign statements).

Three steps, and the labels come from blind annotators, never from this code:

1. `store`: the PolNeAR articles analysed into a store (article id = file name without `.txt`, source = the
   publisher, published = the metadata date), so every label can name its text by file and offsets.
2. `candidates`: pairs (and a query pool) for annotators, chosen without looking at what Attaché decides:
   quote pairs from PolNeAR's own gold attributions (their content spans), paired across articles by a
   neutral word overlap sampled over its whole range; event pairs of the same PLOVER type and close dates.
   Written twice: stand-off (file + offsets, no text) into `attache/evaluate/data/*_candidates.jsonl`, and
   with text snippets for the annotators outside the repository (`/work/annotation/issue20/`).
3. scoring (`attache evaluate provenance|story-events|semantic`): the annotators' stand-off labels in
   `attache/evaluate/data/` against the store's clusters, story events and rankings.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError

DATA = Path(__file__).parent / "data"
POLNEAR = Path("data/polnear")  # inside the shared folder
SPLITS = ("train", "dev")
SEED = 20
WORDS = re.compile(r"[a-z0-9']+")
STOP = frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being it its
this that these those we i you he she they them his her our their my your not no do does did have has had will
would can could should may might must shall there here what which who whom whose when where why how all any
some so than then too very just also about into over after before up down out more most such only own same""".split())


def docs(shared: Path) -> Iterator[dict[str, Any]]:
    """The PolNeAR train and dev articles as JSON Lines records with stable ids (the file stem)."""
    root = shared / POLNEAR
    meta: dict[str, dict[str, str]] = {}
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    for split in SPLITS:
        for path in sorted((root / split / "text").glob("*.txt")):
            m = meta.get(path.stem, {})
            yield {"id": path.stem, "text": path.read_text(encoding="utf-8"), "source": m.get("publisher"),
                   "published": m.get("publication_date") or None, "title": m.get("title"),
                   "doc": f"{POLNEAR}/{split}/text/{path.name}"}


def write_jsonl(shared: Path, out: Path) -> int:
    """The articles as one JSON Lines file for `attache ingest` (outside the repository)."""
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for d in docs(shared):
            f.write(json.dumps({k: d[k] for k in ("id", "text", "source", "published", "title")},
                               ensure_ascii=False) + "\n")
            n += 1
    return n


def doc_path(article_id: str, shared: Path) -> str:
    for split in SPLITS:
        if (shared / POLNEAR / split / "text" / f"{article_id}.txt").exists():
            return f"{POLNEAR}/{split}/text/{article_id}.txt"
    raise InputError("E001", path=f"{article_id}.txt in {shared / POLNEAR}")


def content_words(text: str) -> set[str]:
    return {w for w in WORDS.findall(text.lower()) if w not in STOP and len(w) > 2}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _gold_quotes(shared: Path) -> list[dict[str, Any]]:
    """PolNeAR's gold attributions with a content of 6+ words: doc, offsets, speaker surface."""
    from .polnear import read_split

    found = []
    for split in SPLITS:
        for art in read_split(shared / POLNEAR, split):
            for g in art.quotes:
                text = art.text[g.content[0]:g.content[1]]
                if len(text.split()) < 6:
                    continue
                found.append({"doc": f"{POLNEAR}/{split}/text/{art.id}.txt", "article": art.id,
                              "start": g.content[0], "end": g.content[1], "text": text,
                              "speaker": art.text[g.speaker[0]:g.speaker[1]] if g.speaker else None,
                              "words": content_words(text)})
    return found


def quote_pairs(shared: Path, n: int = 240, seed: int = SEED, prefix: str = "qp",
                skip_docs: frozenset[str] = frozenset(),
                skip_spans: frozenset[tuple[str, int]] = frozenset()) -> list[dict[str, Any]]:
    """Quote pairs across articles for same/different-statement labels, sampled by content-word overlap:
    half from overlap >= 0.5, a quarter each from [0.3, 0.5) and [0.15, 0.3); pairs of one article never, nor
    of the documents in `skip_docs`, nor pairs both of whose spans (doc, start) are in `skip_spans`."""
    quotes = [q for q in _gold_quotes(shared) if q["doc"] not in skip_docs]
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        for w in q["words"]:
            by_word[w].append(i)
    bands: dict[str, list[tuple[int, int, float]]] = {"high": [], "mid": [], "low": []}
    seen: set[tuple[int, int]] = set()
    for i, q in enumerate(quotes):
        near: dict[int, int] = defaultdict(int)
        for w in q["words"]:
            if len(by_word[w]) <= 200:  # words this common say nothing about a shared statement
                for j in by_word[w]:
                    if j > i:
                        near[j] += 1
        for j, shared_words in near.items():
            if shared_words < 3 or quotes[j]["article"] == q["article"] or (i, j) in seen \
                    or {(q["doc"], q["start"]), (quotes[j]["doc"], quotes[j]["start"])} <= skip_spans:
                continue
            seen.add((i, j))
            score = jaccard(q["words"], quotes[j]["words"])
            band = "high" if score >= 0.5 else "mid" if score >= 0.3 else "low" if score >= 0.15 else None
            if band:
                bands[band].append((i, j, score))
    rng = random.Random(seed)
    chosen: list[tuple[str, tuple[int, int, float]]] = []
    for band, share in (("high", 0.5), ("mid", 0.25), ("low", 0.25)):
        pool = sorted(bands[band])
        rng.shuffle(pool)
        chosen += [(band, p) for p in pool[:int(n * share)]]
    rng.shuffle(chosen)
    pairs = []
    for k, (band, (i, j, score)) in enumerate(chosen, 1):
        a, b = quotes[i], quotes[j]
        pairs.append({"pair": f"{prefix}{k:03d}", "band": band, "overlap": round(score, 3),
                      "a": {"doc": a["doc"], "start": a["start"], "end": a["end"]},
                      "b": {"doc": b["doc"], "start": b["start"], "end": b["end"]},
                      "_text": (a, b)})
    return pairs


def event_pairs(store: Any, shared: Path, n: int = 200) -> list[dict[str, Any]]:
    """Event pairs of the same PLOVER type from different articles dated within two weeks of each other,
    half of them sharing an actor country or name (where same-event pairs are), half not."""
    rows = store._execute("SELECT ev.article_id, ev.id, ev.type, ev.date, ev.sentence, ev.trigger FROM events ev "
                          "ORDER BY ev.article_id, ev.id")
    actors: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in store._execute("SELECT article_id, event_id, name, country FROM event_actors"):
        actors[(r["article_id"], r["event_id"])] |= {x for x in (r["name"], r["country"]) if x}
    import datetime as dt

    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["date"]:
            by_type[r["type"]].append(r)
    near, far = [], []
    for events in by_type.values():
        for x in range(len(events)):
            for y in range(x + 1, len(events)):
                a, b = events[x], events[y]
                if a["article_id"] == b["article_id"]:
                    continue
                days = abs((dt.date.fromisoformat(a["date"]) - dt.date.fromisoformat(b["date"])).days)
                if days > 14:
                    continue
                (near if actors[(a["article_id"], a["id"])] & actors[(b["article_id"], b["id"])] else far).append((a, b))
    rng = random.Random(SEED)
    rng.shuffle(near)
    rng.shuffle(far)
    chosen = near[:n // 2] + far[:n - min(len(near), n // 2)]
    rng.shuffle(chosen)
    pairs = []
    for k, (a, b) in enumerate(chosen, 1):
        pairs.append({"pair": f"ep{k:03d}", "type": a["type"],
                      "a": _event_ref(store, a, shared), "b": _event_ref(store, b, shared)})
    return pairs


def _event_ref(store: Any, event: dict[str, Any], shared: Path) -> dict[str, Any]:
    record = store.get(event["article_id"])
    v = next(e for e in record.events if e.id == event["id"])
    return {"doc": doc_path(event["article_id"], shared), "event": event["id"],
            "sentence": [v.sentence.start, v.sentence.end], "trigger": [v.trigger.start, v.trigger.end]}


def query_seeds(shared: Path, n: int = 70) -> list[dict[str, Any]]:
    """Gold quotes to write queries for: varied speakers and outlets, one per article at most."""
    quotes = [q for q in _gold_quotes(shared) if 8 <= len(q["text"].split()) <= 60]
    rng = random.Random(SEED)
    rng.shuffle(quotes)
    seen: set[str] = set()
    seeds = []
    for q in quotes:
        if q["article"] in seen:
            continue
        seen.add(q["article"])
        seeds.append({"seed": f"s{len(seeds) + 1:03d}", "doc": q["doc"], "start": q["start"], "end": q["end"],
                      "_text": q})
        if len(seeds) == n:
            break
    return seeds


def _snippet(shared: Path, doc: str, start: int, end: int, context: int = 200) -> dict[str, str]:
    text = (shared / doc).read_text(encoding="utf-8")
    return {"before": " ".join(text[max(0, start - context):start].split()), "span": text[start:end],
            "after": " ".join(text[end:end + context].split())}


def write_candidates(store: Any, shared: Path, annotation: Path, data: Path = DATA) -> dict[str, int]:
    """The candidate files: stand-off in the repository, with snippets for annotators outside it."""
    from ..errors import OutputError

    annotation.mkdir(parents=True, exist_ok=True)
    for name in ("provenance_pairs.jsonl", "event_pairs.jsonl", "semantic_queries.jsonl"):
        if (annotation / name).exists():  # annotators may be working on it: never regenerate over them
            raise OutputError("E041", path=str(annotation / name), reason="it exists (annotation may be under way)")
    counts = {}
    qp = quote_pairs(shared)
    with (data / "provenance_candidates.jsonl").open("w", encoding="utf-8") as f, \
            (annotation / "provenance_pairs.jsonl").open("w", encoding="utf-8") as g:
        for p in qp:
            f.write(json.dumps({k: v for k, v in p.items() if k != "_text"}) + "\n")
            g.write(json.dumps({"pair": p["pair"], "a": {**p["a"], **_snippet(shared, **p["a"])},
                                "b": {**p["b"], **_snippet(shared, **p["b"])},
                                "same_statement": None, "variant": None, "note": ""}, ensure_ascii=False) + "\n")
    counts["provenance"] = len(qp)
    ep = event_pairs(store, shared)
    with (data / "story_event_candidates.jsonl").open("w", encoding="utf-8") as f, \
            (annotation / "event_pairs.jsonl").open("w", encoding="utf-8") as g:
        for p in ep:
            f.write(json.dumps(p) + "\n")
            shown = {}
            for side in ("a", "b"):
                ref = p[side]
                text = (shared / ref["doc"]).read_text(encoding="utf-8")
                article = ref["doc"].rsplit("/", 1)[-1].removesuffix(".txt")
                rec = store._execute("SELECT published, source, title FROM articles WHERE id = ?", (article,))[0]
                shown[side] = {**ref, **rec, "sentence_text": text[ref["sentence"][0]:ref["sentence"][1]],
                               "trigger_text": text[ref["trigger"][0]:ref["trigger"][1]],
                               **{k: v for k, v in _snippet(shared, ref["doc"], *ref["sentence"], context=400).items()
                                  if k != "span"}}
            g.write(json.dumps({"pair": p["pair"], "type": p["type"], **shown, "same_event": None, "note": ""},
                               ensure_ascii=False) + "\n")
    counts["story-events"] = len(ep)
    seeds = query_seeds(shared)
    with (data / "semantic_seeds.jsonl").open("w", encoding="utf-8") as f, \
            (annotation / "semantic_queries.jsonl").open("w", encoding="utf-8") as g:
        for s in seeds:
            ref = {k: s[k] for k in ("seed", "doc", "start", "end")}
            f.write(json.dumps(ref) + "\n")
            g.write(json.dumps({**ref, **_snippet(shared, s["doc"], s["start"], s["end"]), "query": ""},
                               ensure_ascii=False) + "\n")
    counts["semantic"] = len(seeds)
    return counts


def write_statement_batch(shared: Path, annotation: Path, data: Path = DATA) -> int:
    """A second batch of same-statement quote pairs, sampled as the first (another seed), stand-off into `data`
    (`provenance_candidates_2.jsonl`) and with snippets into `annotation` (`provenance_pairs_2.jsonl`); never
    over an existing file. Every article of the held-out half is left out, and every pair already labelled, so
    its labels can tune the clustering without touching what the held-out half measures."""
    from ..errors import OutputError

    target, standoff = annotation / "provenance_pairs_2.jsonl", data / "provenance_candidates_2.jsonl"
    for path in (target, standoff):
        if path.exists():
            raise OutputError("E041", path=str(path), reason="it exists (annotation may be under way)")
    labels = [lab for name in (LABEL_FILES["provenance"], LABEL_FILES["variants"]) for lab in read_labels(name, data)]
    halves = {x["pair"]: x["split"] for x in read_labels(PROVENANCE_SPLIT, data)}
    held_out = frozenset(lab[side]["doc"] for lab in labels if halves.get(lab["pair"]) == "held-out"
                         for side in ("a", "b"))
    labelled = frozenset((lab[side]["doc"], lab[side]["start"]) for lab in labels for side in ("a", "b"))
    pairs = quote_pairs(shared, n=200, seed=SEED + 1, prefix="qs", skip_docs=held_out, skip_spans=labelled)
    annotation.mkdir(parents=True, exist_ok=True)
    with standoff.open("w", encoding="utf-8") as f, target.open("w", encoding="utf-8") as g:
        for p in pairs:
            f.write(json.dumps({k: v for k, v in p.items() if k != "_text"}) + "\n")
            g.write(json.dumps({"pair": p["pair"], "a": {**p["a"], **_snippet(shared, **p["a"])},
                                "b": {**p["b"], **_snippet(shared, **p["b"])},
                                "same_statement": None, "variant": None, "note": ""}, ensure_ascii=False) + "\n")
    return len(pairs)


# -- scoring ------------------------------------------------------------------------------------------------
def read_labels(name: str, data: Path = DATA) -> list[dict[str, Any]]:
    path = data / name
    if not path.exists():
        raise InputError("E001", path=f"{path} (the annotators' labels: docs/annotation_corpus.md)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _article(doc: str) -> str:
    return doc.rsplit("/", 1)[-1].removesuffix(".txt")


def stored_quote(store: Any, ref: dict[str, Any]) -> dict[str, Any] | None:
    """The stored quote overlapping a labelled span most (None when the extraction missed it)."""
    rows = store._execute('SELECT id, start, "end", content, kind FROM quotes WHERE article_id = ?',
                          (_article(ref["doc"]),))
    best, overlap = None, 0
    for r in rows:
        o = min(r["end"], ref["end"]) - max(r["start"], ref["start"])
        if o > overlap:
            best, overlap = r, o
    return best


def f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def score_provenance(store: Any, labels: list[dict[str, Any]]) -> dict[str, Any]:
    """Pair F1 of "same statement" (system: both spans' stored quotes in one cluster), end to end and on the
    pairs whose two spans the extraction found (the clustering itself), and variant precision (system: a pair
    in one cluster flagged as a possible misquote; gold: the annotators' `variant`)."""
    from ..corpus import provenance

    counts = {"all": [0, 0, 0, 0], "extracted": [0, 0, 0, 0]}  # tp fp fn tn
    missed = v_tp = v_fp = v_gold = 0
    for lab in labels:
        if lab.get("same_statement") is None:
            continue
        qa, qb = stored_quote(store, lab["a"]), stored_quote(store, lab["b"])
        found = qa is not None and qb is not None
        missed += not found
        same = bool(found and provenance.cluster_of(store, _article(lab["a"]["doc"]), qa["id"])  # type: ignore[index]
                    == provenance.cluster_of(store, _article(lab["b"]["doc"]), qb["id"]))  # type: ignore[index]
        gold = bool(lab["same_statement"])
        cell = 0 if same and gold else 1 if same else 2 if gold else 3
        counts["all"][cell] += 1
        if found:
            counts["extracted"][cell] += 1
        v_gold += bool(lab.get("variant"))
        if same and qa and qb:
            kind, changes = provenance.diff(qa["content"], qb["content"])
            if provenance.possible_misquote(kind, changes, qa["kind"], qb["kind"]):
                v_tp += bool(lab.get("variant"))
                v_fp += not lab.get("variant")
    tp, fp, fn, tn = counts["all"]
    etp, efp, efn, etn = counts["extracted"]
    return {"pairs": tp + fp + fn + tn, "same": tp + fn, "pairs_with_a_span_not_extracted": missed,
            **f1(tp, fp, fn),
            "extracted_pairs": {"pairs": etp + efp + efn + etn, "same": etp + efn, **f1(etp, efp, efn)},
            "variants_gold": v_gold, "possible_misquotes_flagged": v_tp + v_fp,
            "variant_precision": round(v_tp / (v_tp + v_fp), 3) if v_tp + v_fp else None,
            "variant_recall": round(v_tp / v_gold, 3) if v_gold else None}


def stored_event(store: Any, ref: dict[str, Any], type_: str | None = None) -> str | None:
    """The stored event whose trigger overlaps the labelled one (a later pipeline may number events
    differently), else the labelled event id if the article still has it with the labelled type (`type_`; a
    later pipeline that no longer finds the labelled event may have given its id to another one)."""
    record = store.get(_article(ref["doc"]))
    if record is None:
        return None
    start, end = ref.get("trigger") or (0, 0)
    for v in record.events:
        if min(v.trigger.end, end) > max(v.trigger.start, start):
            return str(v.id)
    return ref.get("event") if any(v.id == ref.get("event") and (type_ is None or v.type == type_)
                                   for v in record.events) else None


STORY_SPLIT = "story_event_split.jsonl"
SPLIT_NAMES = ("tune", "held-out")


def split_event_pairs(labels: list[dict[str, Any]], gold: str = "same_event", linked_by_positives: bool = False
                      ) -> dict[str, str]:
    """Each labelled pair's half, `tune` or `held-out`, by story group: the pairs joined by a shared
    article (connected components over articles) go to one half together, so no article is in both. With
    `linked_by_positives` (quote pairs, whose articles form one giant component), only the positive pairs link
    articles (one statement's reports stay in one half); a negative pair goes with the positive group holding
    both its articles, else forms a group of its own (its two articles). Groups are taken in the order of a
    hash of their sorted article ids; those holding positive pairs (`gold`: same event, same statement) first,
    each to the half with fewer positive pairs (then fewer pairs), then the rest to the half with fewer pairs.
    Deterministic, and blind to what the system decides."""
    import hashlib

    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for lab in labels:
        if not linked_by_positives or lab.get(gold):
            parent[root(_article(lab["a"]["doc"]))] = root(_article(lab["b"]["doc"]))
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for lab in labels:
        a, b = root(_article(lab["a"]["doc"])), root(_article(lab["b"]["doc"]))
        groups[a if a == b else "\n".join(sorted((a, b)))].append(lab)
    articles = {g: sorted({_article(lab[s]["doc"]) for lab in pairs for s in ("a", "b")})
                for g, pairs in groups.items()}
    order = sorted(groups, key=lambda g: hashlib.sha256("\n".join(articles[g]).encode()).hexdigest())
    same = {g: sum(bool(lab.get(gold)) for lab in groups[g]) for g in groups}
    totals = {name: [0, 0] for name in SPLIT_NAMES}  # same-event pairs, pairs
    found: dict[str, str] = {}
    for g in [g for g in order if same[g]] + [g for g in order if not same[g]]:
        half = min(SPLIT_NAMES, key=lambda n: (totals[n][0], totals[n][1]) if same[g] else (totals[n][1],))
        totals[half][0] += same[g]
        totals[half][1] += len(groups[g])
        for lab in groups[g]:
            found[lab["pair"]] = half
    return found


def write_event_split(data: Path = DATA) -> dict[str, int]:
    """The split of the story-event labels as stand-off pair ids into `data` (`story_event_split.jsonl`)."""
    labels = read_labels(LABEL_FILES["story-events"], data)
    found = split_event_pairs(labels)
    with (data / STORY_SPLIT).open("w", encoding="utf-8") as f:
        for lab in labels:
            f.write(json.dumps({"pair": lab["pair"], "split": found[lab["pair"]]}) + "\n")
    return {name: sum(v == name for v in found.values()) for name in SPLIT_NAMES}


PROVENANCE_SPLIT = "provenance_split.jsonl"


def write_provenance_split(data: Path = DATA) -> dict[str, int]:
    """The split of all quote-pair labels (the 240 provenance pairs and the three variant batches together) as
    stand-off pair ids into `data` (`provenance_split.jsonl`), by article group as for story events."""
    labels = [lab for name in ("provenance", "variants") for lab in read_labels(LABEL_FILES[name], data)
              if lab.get("same_statement") is not None]
    found = split_event_pairs(labels, gold="same_statement", linked_by_positives=True)
    with (data / PROVENANCE_SPLIT).open("w", encoding="utf-8") as f:
        for lab in labels:
            f.write(json.dumps({"pair": lab["pair"], "split": found[lab["pair"]]}) + "\n")
    return {name: sum(v == name for v in found.values()) for name in SPLIT_NAMES}


def pairs_of_split(labels: list[dict[str, Any]], split: str, data: Path = DATA,
                   split_file: str = STORY_SPLIT) -> list[dict[str, Any]]:
    """The labels of one half (`tune`, `held-out`) as recorded in `split_file`, or all."""
    if split == "all":
        return labels
    if split not in SPLIT_NAMES:
        raise InputError("E001", path=f"--split {split} (tune, held-out or all)")
    halves = {x["pair"]: x["split"] for x in read_labels(split_file, data)}
    return [lab for lab in labels if halves.get(lab["pair"]) == split]


def score_story_events(store: Any, labels: list[dict[str, Any]]) -> dict[str, Any]:
    """Pair F1 of "same real-world event" (system: both events in one story event)."""
    tp = fp = fn = tn = 0
    for lab in labels:
        if lab.get("same_event") is None:
            continue
        ids = []
        for side in ("a", "b"):
            event = stored_event(store, lab[side], lab.get("type"))
            rows = store._execute("SELECT story_id FROM story_members WHERE article_id = ? AND event_id = ?",
                                  (_article(lab[side]["doc"]), event)) if event else []
            ids.append(rows[0]["story_id"] if rows else None)
        same = ids[0] is not None and ids[0] == ids[1]
        gold = bool(lab["same_event"])
        tp += same and gold
        fp += same and not gold
        fn += gold and not same
        tn += not same and not gold
    return {"pairs": tp + fp + fn + tn, "same": tp + fn, "merged_by_system": tp + fp, "wrongly_merged": fp,
            **f1(tp, fp, fn)}


def score_semantic(store: Any, labels: list[dict[str, Any]], k: int = 10) -> dict[str, dict[str, float]]:
    """Recall@k and MRR of words-only, meaning-only and hybrid rankings; a label is a query with the
    stand-off spans of its relevant quotes (`relevant`: [{doc, start, end}, ...])."""
    from ..corpus.semantic import search

    results: dict[str, dict[str, float]] = {}
    for mode in ("words", "meaning", "hybrid"):
        recall, rr, n = 0.0, 0.0, 0
        for lab in labels:
            relevant = set()
            for ref in lab.get("relevant") or ():
                q = stored_quote(store, ref)
                if q:
                    relevant.add((_article(ref["doc"]), q["id"]))
            if not lab.get("query") or not relevant:
                continue
            n += 1
            found = [(r["article_id"], r["id"]) for r in search(store, about=lab["query"], mode=mode, limit=k)["quotes"]]
            recall += len(relevant & set(found)) / len(relevant)
            rr += next((1 / i for i, key in enumerate(found, 1) if key in relevant), 0.0)
        results[mode] = {"queries": n, f"recall@{k}": round(recall / n, 3) if n else 0.0,
                         "mrr": round(rr / n, 3) if n else 0.0}
    return results


def pool_for_judging(store: Any, queries: list[dict[str, Any]], shared: Path, out: Path, k: int = 10) -> int:
    """Stage 2 of the meaning measurement: for each written query, the union of the top k of the three
    rankings (TREC-style pooling), with snippets, for annotators to judge relevant or not."""
    from ..corpus.semantic import search
    from ..errors import OutputError

    if out.exists():
        raise OutputError("E041", path=str(out), reason="it exists (judging may be under way)")
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for q in queries:
            if not q.get("query"):
                continue
            pooled: dict[tuple[str, str], dict[str, Any]] = {}
            for mode in ("words", "meaning", "hybrid"):
                for r in search(store, about=q["query"], mode=mode, limit=k)["quotes"]:
                    pooled.setdefault((r["article_id"], r["id"]), r)
            rows = store._execute  # offsets of the pooled quotes
            for (article, quote_id), r in sorted(pooled.items()):
                span = rows('SELECT start, "end" FROM quotes WHERE article_id = ? AND id = ?', (article, quote_id))[0]
                doc = doc_path(article, shared)
                f.write(json.dumps({"seed": q.get("seed"), "query": q["query"], "doc": doc, "start": span["start"],
                                    "end": span["end"], **_snippet(shared, doc, span["start"], span["end"]),
                                    "speaker": r["speaker_name"], "source": r["source"], "relevant": None},
                                   ensure_ascii=False) + "\n")
                n += 1
    return n


# -- bringing the annotators' labels in (stand-off only: no text enters the repository) ----------------------
LABEL_FILES = {"provenance": "provenance_labels.jsonl", "story-events": "story_event_labels.jsonl",
               "semantic": "semantic_labels.jsonl", "variants": "provenance_variant_labels.jsonl",
               "statements-2": "provenance_labels_2.jsonl"}


def _ref(side: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: side[k] for k in keys if k in side}


def import_labels(task: str, annotated: Path | list[Path], data: Path = DATA, merge: bool = False) -> int:
    """The annotators' file(s) of `task` as stand-off labels in `data` (doc paths, offsets, labels; no text);
    `merge` (semantic only): add a later judged pool's relevant passages to the labels already there."""
    files = annotated if isinstance(annotated, list) else [annotated]
    lines = [json.loads(line) for path in files for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    out: list[dict[str, Any]] = []
    if task in ("provenance", "variants", "statements-2"):
        out = [{"pair": x["pair"], "a": _ref(x["a"], "doc", "start", "end"), "b": _ref(x["b"], "doc", "start", "end"),
                "same_statement": x.get("same_statement"), "variant": x.get("variant")} for x in lines]
    elif task == "story-events":
        out = [{"pair": x["pair"], "type": x.get("type"),
                "a": _ref(x["a"], "doc", "event", "sentence", "trigger"),
                "b": _ref(x["b"], "doc", "event", "sentence", "trigger"), "same_event": x.get("same_event")}
               for x in lines]
    elif task == "semantic":  # the judged pool, grouped by query; the seed passage is relevant by construction
        seeds = {s["seed"]: s for s in read_labels("semantic_seeds.jsonl", data)}
        grouped: dict[str, dict[str, Any]] = {}
        if merge:
            for old in read_labels(LABEL_FILES[task], data):
                grouped[old["query"]] = {"seed": old.get("seed"), "query": old["query"],
                                         "relevant": list(old.get("relevant") or [])}
        for x in lines:
            entry = grouped.setdefault(x["query"], {"seed": x.get("seed"), "query": x["query"], "relevant": []})
            if x.get("relevant") and _ref(x, "doc", "start", "end") not in entry["relevant"]:
                entry["relevant"].append(_ref(x, "doc", "start", "end"))
        for entry in grouped.values():
            seed = seeds.get(entry["seed"] or "")
            if seed and _ref(seed, "doc", "start", "end") not in entry["relevant"]:
                entry["relevant"].append(_ref(seed, "doc", "start", "end"))
        out = list(grouped.values())
    else:
        raise InputError("E001", path=f"{task} (one of {', '.join(LABEL_FILES)})")
    if merge and task != "semantic":
        raise InputError("E001", path=f"{task} (--merge is for semantic: a later pool of the same queries)")
    with (data / LABEL_FILES[task]).open("w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row) + "\n")
    return len(out)


def close_event_pairs(store: Any, shared: Path, n: int = 100, exclude: set[tuple[str, str]] = frozenset()  # type: ignore[assignment]
                      ) -> list[dict[str, Any]]:
    """A second batch of event pairs, where same-event pairs are (the first, sampled over two weeks, held
    none): same PLOVER type, from two articles dated at most 7 days apart, sharing an actor (person across
    articles); 60% also sharing a recipient, 40% with no recipient on either side."""
    import datetime as dt

    rows = store._execute("SELECT ev.article_id, ev.id, ev.type, ev.date FROM events ev WHERE ev.date IS NOT NULL")
    people: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: {"actor": set(), "recipient": set()})
    for r in store._execute("SELECT r.article_id, r.event_id, r.role, e.person_id FROM event_actors r JOIN entities e "
                            "ON e.article_id = r.article_id AND e.id = r.entity_id WHERE e.person_id IS NOT NULL"):
        people[(r["article_id"], r["event_id"])][r["role"]].add(r["person_id"])
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if people[(r["article_id"], r["id"])]["actor"]:
            by_type[r["type"]].append(r)
    with_recipient, without = [], []
    for events in by_type.values():
        for x in range(len(events)):
            for y in range(x + 1, len(events)):
                a, b = events[x], events[y]
                if a["article_id"] == b["article_id"]:
                    continue
                key = (f"{a['article_id']}:{a['id']}", f"{b['article_id']}:{b['id']}")
                if key in exclude or key[::-1] in exclude:
                    continue
                if abs((dt.date.fromisoformat(a["date"]) - dt.date.fromisoformat(b["date"])).days) > 7:
                    continue
                pa, pb = people[(a["article_id"], a["id"])], people[(b["article_id"], b["id"])]
                if not pa["actor"] & pb["actor"]:
                    continue
                if pa["recipient"] & pb["recipient"]:
                    with_recipient.append((a, b))
                elif not pa["recipient"] and not pb["recipient"]:
                    without.append((a, b))
    rng = random.Random(SEED + 1)
    rng.shuffle(with_recipient)
    rng.shuffle(without)
    k = min(len(with_recipient), int(n * 0.6))
    chosen = with_recipient[:k] + without[:n - k]
    rng.shuffle(chosen)
    return [{"pair": f"eq{i:03d}", "type": a["type"], "a": _event_ref(store, a, shared), "b": _event_ref(store, b, shared)}
            for i, (a, b) in enumerate(chosen, 1)]


def write_event_batch(store: Any, shared: Path, annotation: Path, name: str = "event_pairs_2", data: Path = DATA) -> int:
    """The second batch of event pairs, stand-off into `data`, with snippets into `annotation`; never over an
    existing file (annotation may be under way)."""
    from ..errors import OutputError

    target = annotation / f"{name}.jsonl"
    standoff = data / f"story_event_candidates_{name.rsplit('_', 1)[-1]}.jsonl"
    for path in (target, standoff):
        if path.exists():
            raise OutputError("E041", path=str(path), reason="it exists (annotation may be under way)")
    first = {(f"{_article(x['a']['doc'])}:{x['a']['event']}", f"{_article(x['b']['doc'])}:{x['b']['event']}")
             for x in read_labels("story_event_candidates.jsonl", data)}
    pairs = close_event_pairs(store, shared, exclude=first)
    with standoff.open("w", encoding="utf-8") as f, target.open("w", encoding="utf-8") as g:
        for p in pairs:
            f.write(json.dumps(p) + "\n")
            g.write(json.dumps({"pair": p["pair"], "type": p["type"], **{side: _shown(store, shared, p[side])
                                                                         for side in ("a", "b")},
                                "same_event": None, "note": ""}, ensure_ascii=False) + "\n")
    return len(pairs)


def _shown(store: Any, shared: Path, ref: dict[str, Any]) -> dict[str, Any]:
    text = (shared / ref["doc"]).read_text(encoding="utf-8")
    rec = store._execute("SELECT published, source, title FROM articles WHERE id = ?", (_article(ref["doc"]),))[0]
    around = _snippet(shared, ref["doc"], *ref["sentence"], context=400)
    return {**ref, **rec, "sentence_text": text[ref["sentence"][0]:ref["sentence"][1]],
            "trigger_text": text[ref["trigger"][0]:ref["trigger"][1]], "before": around["before"],
            "after": around["after"]}


# -- a batch for variant (possible misquote) precision ---------------------------------------------------------
VARIANT_CONTAINMENT = 0.7  # shared content words over those of the shorter quote


def variant_pairs(store: Any) -> list[dict[str, Any]]:
    """Pairs of direct quotations of one person (the store's person ids) in two articles that may be versions
    of one statement with words changed: their content words mostly shared (>= 0.7 of the shorter's) but not all,
    or all shared with the text written differently; and every pair the system flags as a possible misquote
    (a cluster's first appearance and a direct variant), so that both its precision and its misses are seen."""
    from ..corpus import provenance

    rows = store._execute("SELECT q.article_id, q.id, q.start, q.\"end\", q.content, e.person_id FROM quotes q "
                          "JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
                          "WHERE q.kind = 'direct' AND e.person_id IS NOT NULL ORDER BY q.article_id, q.start")
    by_person: dict[str, list[tuple[dict[str, Any], set[str]]]] = defaultdict(list)
    for r in rows:
        words = content_words(r["content"] or "")
        if len(words) >= 3:
            by_person[r["person_id"]].append((r, words))
    chosen: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any], str]] = {}
    for quotes in by_person.values():
        for i, (a, wa) in enumerate(quotes):
            for b, wb in quotes[i + 1:]:
                if a["article_id"] == b["article_id"]:
                    continue
                shared_share = len(wa & wb) / min(len(wa), len(wb))
                same_words = wa == wb
                if (not same_words and shared_share >= VARIANT_CONTAINMENT) or \
                        (same_words and (a["content"] or "").strip() != (b["content"] or "").strip()):
                    chosen[(f"{a['article_id']}:{a['id']}", f"{b['article_id']}:{b['id']}")] = (a, b, "overlap")
    flagged = store._execute("SELECT cluster_id FROM quote_members GROUP BY cluster_id HAVING count(*) > 1")
    for row in flagged:
        found = provenance.cluster(store, row["cluster_id"])
        if not found or found["reports"] < 2:
            continue
        first = found["first"]
        for m in found["members"]:
            if m["possible_misquote"]:
                key = (f"{first['article_id']}:{first['id']}", f"{m['article_id']}:{m['id']}")
                if key not in chosen and key[::-1] not in chosen:
                    chosen[key] = (_span(store, first), _span(store, m), "flagged")
    ordered = sorted(chosen.items())
    random.Random(SEED).shuffle(ordered)
    return [{"pair": f"vp{k:03d}", "why": why, "a": {"article": a["article_id"], "start": a["start"], "end": a["end"]},
             "b": {"article": b["article_id"], "start": b["start"], "end": b["end"]}}
            for k, (_, (a, b, why)) in enumerate(ordered, 1)]


QUOTATION = re.compile(r"“([^“”\n]{20,600})”|\"([^\"\n]{20,600})\"")  # within one paragraph


def _normal(text: str) -> str:
    return " ".join(WORDS.findall(text.lower().replace("’", "'")))


def quotation_variant_pairs(shared: Path, labelled: set[tuple[str, int]], share: float = 0.6, min_words: int = 5,
                            run: int = 3) -> list[dict[str, Any]]:
    """Pairs of quotations (any words between quotation marks in the article texts, whoever the speaker and
    whatever the extraction finds) of at least `min_words` content words in two articles that share a run of
    `run` words and most of their content words (>= `share` of the shorter's) without one being the other or
    a piece of it: the places where one outlet's version of a statement may differ from another's. A pair
    touching a quotation already labelled (`labelled`: doc and start) is left out."""
    quotes: list[tuple[str, int, int, str, set[str]]] = []
    for split in SPLITS:
        for path in sorted((shared / POLNEAR / split / "text").glob("*.txt")):
            text, doc = path.read_text(encoding="utf-8"), f"{POLNEAR}/{split}/text/{path.name}"
            for m in QUOTATION.finditer(text):
                g = 1 if m.group(1) else 2
                words = content_words(m.group(g))
                if len(words) >= min_words and (doc, m.start(g)) not in labelled:
                    quotes.append((doc, m.start(g), m.end(g), _normal(m.group(g)), words))
    runs: dict[str, set[int]] = defaultdict(set)
    for i, q in enumerate(quotes):
        tokens = q[3].split()
        for k in range(len(tokens) - run + 1):
            runs[" ".join(tokens[k:k + run])].add(i)
    candidates = {(a, b) for ids in runs.values() if len(ids) <= 60 for a in ids for b in ids
                  if a < b and quotes[a][0] != quotes[b][0]}
    chosen = []
    for a, b in sorted(candidates):
        qa, qb = quotes[a], quotes[b]
        if len(qa[4] & qb[4]) / min(len(qa[4]), len(qb[4])) >= share \
                and qa[3] not in qb[3] and qb[3] not in qa[3]:
            chosen.append((qa, qb))
    random.Random(SEED).shuffle(chosen)
    return [{"pair": f"vq{k:03d}", "why": f"quotation {share} {min_words} {run}",
             "a": {"doc": qa[0], "start": qa[1], "end": qa[2]}, "b": {"doc": qb[0], "start": qb[1], "end": qb[2]}}
            for k, (qa, qb) in enumerate(chosen, 1)]


def _span(store: Any, member: dict[str, Any]) -> dict[str, Any]:
    return store._execute('SELECT article_id, start, "end" FROM quotes WHERE article_id = ? AND id = ?',
                          (member["article_id"], member["id"]))[0]


def _pair_key(p: dict[str, Any]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((p[side]["doc"], p[side]["start"]) for side in ("a", "b")))


def write_variant_batch(store: Any, shared: Path, annotation: Path, data: Path = DATA, batch: int = 1) -> int:
    """A variant batch: stand-off (`provenance_variant_candidates.jsonl`) into `data`, and with snippets for
    annotators (`variant_pairs.jsonl`, the provenance task's fields) into `annotation`; never over a file.
    Batch 2 (`..._2.jsonl`): the quotation pairs of the article texts and the pairs the system flags, both
    leaving out quotations the earlier labels hold; batch 3 (`..._3.jsonl`): looser quotation pairs (shorter,
    fewer words shared) not in batch 2."""
    from ..errors import OutputError

    suffix = "" if batch == 1 else f"_{batch}"
    target = annotation / f"variant_pairs{suffix}.jsonl"
    standoff = data / f"provenance_variant_candidates{suffix}.jsonl"
    for path in (target, standoff):
        if path.exists():
            raise OutputError("E041", path=str(path), reason="it exists (annotation may be under way)")
    annotation.mkdir(parents=True, exist_ok=True)
    def with_docs(p: dict[str, Any]) -> dict[str, Any]:  # the store's article ids as shared document paths
        return {**p, **{side: {"doc": doc_path(p[side]["article"], shared), "start": p[side]["start"],
                               "end": p[side]["end"]} for side in ("a", "b")}}

    if batch == 1:
        pairs = [with_docs(p) for p in variant_pairs(store)]
    else:
        labelled = {(lab[side]["doc"], lab[side]["start"]) for name in ("provenance_labels.jsonl",
                    "provenance_variant_labels.jsonl") for lab in read_labels(name, data) for side in ("a", "b")}
        flagged = [{**with_docs(p), "pair": f"vf{k:03d}"}
                   for k, p in enumerate((p for p in variant_pairs(store) if p["why"] == "flagged"), 1)]
        flagged = [p for p in flagged if not {(p[side]["doc"], p[side]["start"]) for side in ("a", "b")} <= labelled]
        if batch == 2:
            pairs = quotation_variant_pairs(shared, labelled) + flagged
        else:  # shorter quotations and fewer shared words, a run of four words shared; not batch 2's pairs
            earlier = {_pair_key(p) for p in read_labels("provenance_variant_candidates_2.jsonl", data)}
            looser = [{**p, "pair": f"vr{p['pair'][2:]}"}
                      for p in quotation_variant_pairs(shared, labelled, share=0.5, min_words=3, run=4)]
            pairs = [p for p in looser + flagged if _pair_key(p) not in earlier]
    with standoff.open("w", encoding="utf-8") as f, target.open("w", encoding="utf-8") as g:
        for p in pairs:
            refs = {side: p[side] for side in ("a", "b")}
            f.write(json.dumps({"pair": p["pair"], "why": p["why"], **refs}) + "\n")
            g.write(json.dumps({"pair": p["pair"], **{side: {**refs[side], **_snippet(shared, **refs[side])}
                                                      for side in ("a", "b")},
                                "same_statement": None, "variant": None, "note": ""}, ensure_ascii=False) + "\n")
    return len(pairs)

