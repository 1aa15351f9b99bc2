"""Who is who across articles, scored: cross-document coreference of named people and organisations (MUC, B³,
CEAF-e and their mean, CoNLL F1, over the whole corpus as one document) and the precision of the people index
(the share of listed people and organisations that are real named people or organisations).

The system analyses every gold article, stores them all in one store (joining at ingest, as `attache ingest`
does) and each gold mention is aligned one to one with the system's name mention overlapping it most; a
system mention's identity is its person id. Gold (`data/people_xdoc.jsonl`, built from the blind annotators'
labels by `python -m attache.evaluate.people build LABELS_DIR ARTICLES_JSON`): one line per article,
`{"doc": path under ../shared, "split": one of SPLITS, "mentions": [{"start", "end", "text", "type", "identity"}]}`.
A second measure reads MEANTIME's own cross-document entities (named PER and ORG mentions, annotated region).

    python -m attache.evaluate.people build /work/annotation/xdoc/labels /work/annotation/xdoc/articles.json
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..components.entities.headlines import title_case_lines
from ..people.names import acronym, fold, is_acronym
from .entities import _b3, _f1, _max_assignment, _muc, _ratio

GOLD = Path(__file__).with_name("data") / "people_xdoc.jsonl"
SECOND = Path(__file__).with_name("data") / "people_xdoc_second.jsonl"  # a second annotator, 87 of the articles
SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "test")  # dev2 to dev8: more sets for finding faults
SCOPES = {"person": ("PERSON",), "person_org": ("PERSON", "ORG")}
LISTED = ("PERSON", "ORG")  # what the people index lists as named people and organisations
WORD = re.compile(r"\w+")


@dataclass
class GoldDoc:
    doc: str
    text: str
    published: str | None
    mentions: list[dict[str, Any]]  # start, end, type (PERSON|ORG), identity
    region: tuple[int, int] | None = None  # the annotated part (MEANTIME); None: all of it
    split: str = "dev"


@dataclass
class Tally:
    items: dict[str, list[tuple[Any, str]]] = field(default_factory=lambda: defaultdict(list))


def read_gold(split: str, path: Path = GOLD, shared: Path | None = None) -> list[GoldDoc]:
    """The gold articles of one split, with their texts read from the shared folder."""
    from ..train.sources import default_shared, read_document

    shared = shared or default_shared()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["split"] != split:
            continue
        doc = read_document(shared, row["doc"])
        out.append(GoldDoc(row["doc"], doc.text, doc.published, row["mentions"], split=split))
    return out


def read_meantime(folder: Path) -> list[GoldDoc]:
    """MEANTIME's named PER and ORG mentions (the name itself: its head) with their cross-document entity."""
    out = []
    for txt in sorted(folder.glob("*.txt")):
        gold = txt.with_name(txt.stem + ".entities.json")
        if not gold.is_file():
            continue
        meta_path = txt.with_name(txt.stem + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        region = meta.get("annotated") or {}
        mentions = [{"start": m["head_start"], "end": m["head_end"], "text": m["head_text"],
                     "type": {"PER": "PERSON"}.get(e["type"], e["type"]), "identity": e["entity_id"]}
                    for e in json.loads(gold.read_text(encoding="utf-8")) if e.get("type") in ("PER", "ORG")
                    for m in e["mentions"] if m.get("syntactic_type") == "NAM"]
        mentions = list({(m["start"], m["end"]): m for m in mentions}.values())  # a head named twice is one
        out.append(GoldDoc(txt.name, txt.read_text(encoding="utf-8"), meta.get("published") or None, mentions,
                           (region["start"], region["end"]) if region else None))
    return out


def evaluate(docs: Sequence[GoldDoc], analyze: Callable[..., Any] | None = None,
             progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Scores of the system on `docs`: analysed, stored in one fresh store, aligned and scored."""
    from ..store import SQLiteStore

    if analyze is None:
        from .. import analyze as default_analyze
        analyze = default_analyze
    records = []
    for i, d in enumerate(docs):
        records.append(analyze(d.text, published=d.published))
        if progress:
            progress(i + 1)
    store = SQLiteStore(":memory:")
    for r in records:
        store.add(r)
    return score(docs, records, store)


def score(docs: Sequence[GoldDoc], records: Sequence[Any], store: Any) -> dict[str, Any]:
    """Cross-document scores and index precision of stored `records` (aligned with `docs`)."""
    key: dict[str, list[tuple[Any, str]]] = defaultdict(list)
    response: dict[str, list[tuple[Any, str]]] = defaultdict(list)
    real: dict[str, bool] = {}
    types: dict[str, str] = {}
    aligned = gold_n = glued = 0
    for di, (d, record) in enumerate(zip(docs, records)):
        people = store.article_people(record.id)
        system = list(_system_mentions(record, people, d.region))
        for pid, t, _ in system:
            types[pid] = types.get(pid) or t
            real.setdefault(pid, False)
        pairs = _align(d.mentions, system)
        lines = title_case_lines(d.text)
        for si, gi in pairs.items():
            (s, e), g = system[si][2], d.mentions[gi]
            extra = re.sub(r"^\s*(?:the|The)\b", "", d.text[s:g["start"]]) + " " + d.text[g["end"]:e]
            if any(a <= s < b for a, b in lines) and WORD.search(extra) and not extra.strip().startswith("'"):
                glued += 1  # "Donald Trump Tells" for the gold "Donald Trump"
        gold_n += len(d.mentions)
        aligned += len(pairs)
        for si in pairs:
            real[system[si][0]] = True
        for name, scope in SCOPES.items():
            for gi, g in enumerate(d.mentions):
                if g["type"] in scope:
                    key[name].append(((di, gi), _identity(g["identity"])))
            for si, (pid, t, _) in enumerate(system):
                gi = pairs.get(si)
                if gi is not None and d.mentions[gi]["type"] in scope:
                    response[name].append(((di, gi), pid))
                elif gi is None and t in scope:
                    response[name].append((("s", di, si), pid))
    out: dict[str, Any] = {"articles": len(docs), "gold_mentions": gold_n, "aligned": aligned,
                           "headline_names_with_extra_words": glued}
    for name in SCOPES:
        out[name] = _conll(_clusters(key[name]), _clusters(response[name]))
    listed = [pid for pid, t in types.items() if t in LISTED]
    out["people_rows"] = len(listed)
    out["index_precision"] = round(_ratio(sum(real[p] for p in listed), len(listed)), 3)
    return out


def _identity(identity: str) -> str:
    return " ".join(str(identity).split()).casefold()


def _system_mentions(record: Any, people: dict[str, str], region: tuple[int, int] | None
                     ) -> Iterable[tuple[str, str, tuple[int, int]]]:
    """(person id, entity type, span) of every name mention of a joined entity: a mention sharing a word with
    the entity's name ("Mr. Trump" of Donald Trump) or its initials, not a pronoun or a description."""
    for e in record.entities:
        pid = people.get(e.id)
        if not pid:
            continue
        name_words = set(WORD.findall(fold(e.name)))
        spans = [(m.start, m.end) for m in e.mentions]
        for m in e.mentions:
            if region and not (region[0] <= m.start and m.end <= region[1]):
                continue
            if any(m.start <= s and e_ <= m.end and (s, e_) != (m.start, m.end) for s, e_ in spans):
                continue  # "Apple CEO Steve Jobs" around "Steve Jobs": the name itself is the mention
            if not m.text[:1].isupper() and not m.text.startswith(("the ", "The ")):
                continue
            if name_words & set(WORD.findall(fold(m.text))) or is_acronym(m.text) and fold(m.text).replace(
                    ".", "") == acronym(e.name):  # "RNC" of the Republican National Committee
                yield pid, e.type, (m.start, m.end)


def _align(gold: Sequence[dict[str, Any]], system: Sequence[tuple[str, str, tuple[int, int]]]) -> dict[int, int]:
    """System mention index -> gold mention index, one to one, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, (_, _, (s, e)) in enumerate(system):
            overlap = min(e, g["end"]) - max(s, g["start"])
            if overlap > 0:
                pairs.append((-overlap, abs((e - s) - (g["end"] - g["start"])), gi, si))
    pairs.sort()
    used: set[int] = set()
    out: dict[int, int] = {}
    for _, _, gi, si in pairs:
        if gi not in used and si not in out:
            used.add(gi)
            out[si] = gi
    return out


def _clusters(items: Iterable[tuple[Any, str]]) -> list[set[Any]]:
    groups: dict[str, set[Any]] = defaultdict(set)
    for item, entity in items:
        groups[entity].add(item)
    return list(groups.values())


def _conll(key: list[set[Any]], response: list[set[Any]]) -> dict[str, float]:
    muc = _f1(_ratio(*_muc(response, key)), _ratio(*_muc(key, response)))
    b3p, b3r = _ratio(*_b3(response, key)), _ratio(*_b3(key, response))
    ce = _ceafe(key, response)
    ce_f = _f1(_ratio(ce, len(response)), _ratio(ce, len(key)))
    b3 = _f1(b3p, b3r)
    return {"muc": round(muc, 4), "b3_p": round(b3p, 4), "b3_r": round(b3r, 4), "b3": round(b3, 4),
            "ceafe": round(ce_f, 4), "conll": round((muc + b3 + ce_f) / 3, 4)}


def _ceafe(key: list[set[Any]], response: list[set[Any]]) -> float:
    """CEAF-e's total similarity, solved per connected group of overlapping entities (exact, and fast on a
    corpus of thousands of entities)."""
    where: dict[Any, int] = {m: ri for ri, r in enumerate(response) for m in r}
    parent = list(range(len(key)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for ki, k in enumerate(key):
        for m in k:
            ri = where.get(m)
            if ri is None:
                continue
            if ri in owner:
                parent[root(ki)] = root(owner[ri])
            else:
                owner[ri] = ki
    groups: dict[int, list[int]] = defaultdict(list)
    for ki in range(len(key)):
        groups[root(ki)].append(ki)
    total = 0.0
    for members in groups.values():
        rs = sorted({where[m] for ki in members for m in key[ki] if m in where})
        if not rs:
            continue
        phi = [[2 * len(key[ki] & response[ri]) / (len(key[ki]) + len(response[ri])) for ri in rs] for ki in members]
        total += _max_assignment(phi)
    return total


# -- building the gold from the annotators' labels --------------------------------------------------------------

def build(labels: Path, articles: Path, shared: Path | None = None, out: Path = GOLD) -> dict[str, int]:
    """The stand-off gold from the annotators' raw labels (guide: docs/people_annotation_guide.md): every
    whole-word, case-sensitive occurrence of each listed name, longest names first (an occurrence inside a
    longer listed name, NONE ones included, belongs to that one), `only_in` snippets assigning occurrences to
    their entry; identities with case and spacing folded, "(unresolved)" ones kept apart per article."""
    from ..train.sources import default_shared, read_document

    shared = shared or default_shared()
    index = json.loads(articles.read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    lines = []
    for path in sorted(labels.glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except json.JSONDecodeError:
                counts["bad lines"] += 1
                continue
            meta = index.get(row.get("article"))
            if meta is None:
                counts["unknown articles"] += 1
                continue
            text = read_document(shared, meta["doc"]).text
            mentions = resolve(text, row.get("names") or [], row["article"], counts)
            counts["articles"] += 1
            counts["mentions"] += len(mentions)
            lines.append((row["article"], {"doc": meta["doc"], "split": meta["split"], "mentions": mentions}))
    lines.sort(key=lambda x: x[0])
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for _, r in lines), encoding="utf-8")
    counts["identities"] = len({m["identity"] for _, r in lines for m in r["mentions"]})
    return dict(counts)


def resolve(text: str, names: Sequence[dict[str, Any]], article: str, counts: Counter[str]) -> list[dict[str, Any]]:
    """The mentions of one article's labels (see `build`)."""
    by_text: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in names:
        t = n.get("text") or ""
        if t.strip():
            by_text[t].append(n)
            counts["entries"] += 1
    taken = [False] * (len(text) + 1)
    mentions = []
    for t in sorted(by_text, key=lambda x: (-len(x), x)):
        found = _occurrences(text, t)
        if not found:
            counts["entries not found"] += len(by_text[t])
            continue
        windows = []  # (start, end, entry) of only_in snippets
        for n in by_text[t]:
            for snip in n.get("only_in") or ():
                hits = [m.start() for m in re.finditer(re.escape(snip), text)]
                if not hits:
                    counts["snippets not found"] += 1
                windows += [(h, h + len(snip), n) for h in hits]
        default = next((n for n in by_text[t] if not n.get("only_in")), None)
        for s, e in found:
            if any(taken[s:e]):
                continue  # inside a longer listed name
            entry = next((n for a, b, n in windows if a <= s and e <= b), default)
            if entry is None:
                counts["occurrences without entry"] += 1
                continue
            for i in range(s, e):
                taken[i] = True
            if entry.get("type") not in ("PERSON", "ORG"):
                continue  # NONE: only shields what it covers
            mentions.append({"start": s, "end": e, "text": text[s:e], "type": entry["type"],
                             "identity": _gold_identity(entry.get("identity"), t, article)})
    mentions.sort(key=lambda m: (m["start"], m["end"]))
    return mentions


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
    found = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    if not found and ("'" in name or "’" in name):  # a straight apostrophe typed for a curly one, or back
        other = name.replace("'", "\0").replace("’", "'").replace("\0", "’")
        found = [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(other) + r"(?!\w)", text)]
    return found


def _gold_identity(identity: Any, text: str, article: str) -> str:
    ident = " ".join(str(identity or text).split())
    if "(unresolved)" in ident.casefold():
        return f"{article}: {ident.casefold()}"  # never the same as another article's unresolved surname
    return ident.casefold()


def agreement(first: Path = GOLD, second: Path = SECOND) -> dict[str, Any]:
    """How far two annotators' stand-off golds (as `build` writes them) agree on the articles both labelled:
    mention F1 (same span and type) and the cross-document CoNLL F1 of their identities on the mentions both
    found."""
    def read(path: Path) -> dict[str, list[dict[str, Any]]]:
        rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        return {r["doc"]: r["mentions"] for r in rows}

    a, b = read(first), read(second)
    found_a = found_b = same = 0
    key: list[tuple[Any, str]] = []
    response: list[tuple[Any, str]] = []
    for doc in sorted(set(a) & set(b)):
        ma = {(m["start"], m["end"]): m for m in a[doc]}
        mb = {(m["start"], m["end"]): m for m in b[doc]}
        found_a, found_b = found_a + len(ma), found_b + len(mb)
        for span in set(ma) & set(mb):
            same += ma[span]["type"] == mb[span]["type"]
            key.append(((doc, *span), ma[span]["identity"]))
            response.append(((doc, *span), mb[span]["identity"]))
    return {"articles": len(set(a) & set(b)), "mentions_first": found_a, "mentions_second": found_b,
            "mention_f1": round(2 * same / (found_a + found_b), 4) if found_a + found_b else 0.0,
            "identities": _conll(_clusters(key), _clusters(response))}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["agree"]:
        print(json.dumps(agreement(*(Path(a) for a in args[1:3])), indent=1))
        return 0
    if len(args) < 3 or args[0] != "build":
        print("usage: python -m attache.evaluate.people build LABELS_DIR ARTICLES_JSON [SHARED] [OUT]\n"
              "       python -m attache.evaluate.people agree [GOLD SECOND_GOLD]",
              file=sys.stderr)
        return 2
    shared = Path(args[3]) if len(args) > 3 else None
    out = Path(args[4]) if len(args) > 4 else GOLD
    print(json.dumps(build(Path(args[1]), Path(args[2]), shared, out), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
