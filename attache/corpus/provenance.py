"""Quote provenance: the quotes that report one statement, clustered across the store; where it first appeared;
which reports changed its words.

Two quotes report the same statement when they have the same speaker across articles (the store's person id,
as the people pages join them; a speaker who is nobody's person, "voters", by the same words, and then only
for whole quotes, never fragments) and near-identical content: their normalised texts (case, quotation marks,
punctuation and spacing folded) are identical, within `SAME` of each other (rapidfuzz's normalised
Indel similarity, 0-100), or one is a fragment of the other (at least `FRAGMENT_WORDS` words found inside
the longer one within `FRAGMENT` partial similarity). Candidates are only the quotes of the same person (one
block per speaker), so a new article costs one lookup per quote, never a rebuild.

A cluster's **first appearance** is its earliest publication (then source, then article). Every other
report is `identical`, a `fragment` (fewer words, none changed), or a `variant`: a version with inserted,
dropped or changed words inside the part both report; a variant where both are direct quotations is flagged as a *possible misquote* (two paraphrases differing is reporting, not misquoting); a dropped or
added negation ("not", "never", "n't") is called out.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from ..errors import ArgumentError
from ..record import Analysis

if TYPE_CHECKING:
    from ..store.sql import SQLStore

SAME = 88.0  # similarity of two whole quotes reporting one statement (rapidfuzz ratio)
FRAGMENT = 92.0  # similarity of a fragment to the best-matching part of a longer quote (partial_ratio)
FRAGMENT_WORDS = 4  # a fragment has at least this many words
STOCK_PHRASE_WORDS = 8  # a piece shorter than this found in two statements of a speaker is a stock phrase
MISQUOTE_SHARED = 8  # words two verbatim quotations must share, in place, for their difference to be a misquote
MIN_WORDS = 3  # shorter quotes ("Absolutely.") are never clustered: the same words are not the same statement
MAX_MEMBERS = 500  # members listed per cluster
WORD = re.compile(r"[\w]+(?:['’‘ʼ\-‐‑][\w]+)*", re.UNICODE)  # it's, Trump‘s, semi-private: one word each
HYPHEN = re.compile(r"[-‐‑]")
NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere",
                       "cannot", "without"})


def normalise(text: str) -> str:
    """The words of a quote, case and quotation marks folded, punctuation and spacing dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    return " ".join(HYPHEN.sub("", w) for w in WORD.findall(folded))  # "semi-private" is "semiprivate"


def relation(a: str, b: str) -> str | None:
    """How two normalised quotes relate: "identical", "similar" (near-identical), "fragment" (one found
    inside the other), or None (different statements)."""
    if not a or not b:
        return None
    short, long = sorted((a, b), key=len)
    if short.count(" ") + 1 < MIN_WORDS:
        return None
    if a == b:
        return "identical"
    if fuzz.ratio(a, b) >= SAME:
        return "similar"
    if short.count(" ") + 1 >= FRAGMENT_WORDS and (f" {short} " in f" {long} "
                                                  or fuzz.partial_ratio(short, long) >= FRAGMENT):
        return "fragment"
    return None


def is_negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't") or word.endswith("n’t")


def cluster_id(article_id: str, quote_id: str) -> str:
    """A cluster is named after the quote that opened it."""
    return "c" + hashlib.sha256(f"{article_id}:{quote_id}".encode("utf-8", "surrogatepass")).hexdigest()[:12]


# -- filing quotes at ingest --------------------------------------------------------------------------------
SHINGLE = 4  # words per shingle: two reports of one statement share at least one run of this many words
MAX_CANDIDATES = 5000
LOOKUP = 6  # candidates come from the rarest shingles a stored quote holds ("we are going to" is in thousands)
COUNTS = "SELECT shingle, n FROM quote_shingle_counts WHERE shingle IN ({marks})"
COUNT = ("INSERT INTO quote_shingle_counts (shingle, n) VALUES (?, 1) "
         "ON CONFLICT (shingle) DO UPDATE SET n = quote_shingle_counts.n + 1")
# the shingles first (a subquery with LIMIT is never flattened: the planner cannot start from the person's
# quotes, thousands for a prolific speaker), then their quotes' clusters and speakers
CANDIDATES = ("SELECT m.article_id, m.quote_id, m.cluster_id, m.norm FROM "
              "(SELECT DISTINCT article_id, quote_id FROM quote_shingles WHERE shingle IN ({marks}) LIMIT ?) s "
              "JOIN quote_members m ON m.article_id = s.article_id AND m.quote_id = s.quote_id "
              "JOIN quotes q ON q.article_id = m.article_id AND q.id = m.quote_id "
              "JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity WHERE e.person_id = ?")
NAMED = ("SELECT m.article_id, m.quote_id, m.cluster_id, m.norm FROM "
         "(SELECT DISTINCT article_id, quote_id FROM quote_shingles WHERE shingle IN ({marks}) LIMIT ?) s "
         "JOIN quote_members m ON m.article_id = s.article_id AND m.quote_id = s.quote_id "
         "JOIN quotes q ON q.article_id = m.article_id AND q.id = m.quote_id "
         "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
         "WHERE q.speaker_name = ? AND e.person_id IS NULL")


def shingles(norm: str) -> list[int]:
    """Signed 64-bit hashes of the word 4-grams of a normalised quote (the whole quote when shorter)."""
    words = norm.split()
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    return sorted(int.from_bytes(hashlib.blake2b(g.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                                 "big", signed=True) for g in grams)


def index(store: SQLStore, records: Sequence[Analysis]) -> None:
    """Put every quote of `records` (already written, with person ids) into its cluster: the cluster of the
    same person's quotes it matches (several matched clusters merge into one), else a new one. Candidates
    come from the shingle index (quotes of that person sharing a run of four words), then rapidfuzz decides."""
    for record in {r.id: r for r in records}.values():  # an article stored twice in one batch: its last version
        people = store.article_people(record.id)
        for q in record.quotes:
            norm = normalise(q.content.text)
            person = people.get(q.speaker.entity or "") if q.speaker else None
            named = None if person else record.speaker_name(q)  # "voters", "officials": no person id
            found = cluster_id(record.id, q.id)
            grams = shingles(norm) if (person or named) and norm.count(" ") + 1 >= MIN_WORDS else []
            if grams:
                block = candidates(store, person, grams, named)
                matched = joinable(store, norm, matches(norm, block, fragments=person is not None), block)
                if matched:
                    found = matched[0]
                    if len(matched) > 1:
                        marks = ", ".join("?" * (len(matched) - 1))
                        store._execute(f"UPDATE quote_members SET cluster_id = ? WHERE cluster_id IN ({marks})",
                                       (found, *matched[1:]))
            store._execute("INSERT INTO quote_members (article_id, quote_id, cluster_id, norm) VALUES (?, ?, ?, ?)",
                           (record.id, q.id, found, norm))
            if grams:
                store._many("INSERT INTO quote_shingles (article_id, quote_id, shingle) VALUES (?, ?, ?)",
                            [(record.id, q.id, g) for g in grams])
                store._many(COUNT, [(g,) for g in grams])


def candidates(store: SQLStore, person: str | None, grams: list[int], named: str | None = None
               ) -> list[dict[str, Any]]:
    """The person's stored quotes sharing a shingle with these, looked up by the rarer shingles only; for a
    speaker who is nobody's person ("voters"), the quotes of speakers named with the same words."""
    counts = {r["shingle"]: int(r["n"]) for r in store._execute(COUNTS.format(marks=", ".join("?" * len(grams))),
                                                                  grams)}
    if not counts:
        return []
    rare = sorted(counts, key=lambda g: (counts[g], g))[:LOOKUP]  # shingles no stored quote holds find nothing
    marks = ", ".join("?" * len(rare))
    if person is None:
        return store._execute(NAMED.format(marks=marks), (*rare, MAX_CANDIDATES, named))
    return store._execute(CANDIDATES.format(marks=marks), (*rare, MAX_CANDIDATES, person))


def matches(norm: str, block: list[dict[str, Any]], fragments: bool = True) -> list[str]:
    """The clusters of the quotes in `block` that report the same statement as `norm` (whole quotes only,
    no fragments, when `fragments` is off)."""
    if norm.count(" ") + 1 < MIN_WORDS or not block:
        return []
    choices = [m["norm"] for m in block]
    hits = {i for _, _, i in process.extract(norm, choices, scorer=fuzz.ratio, score_cutoff=SAME, limit=None)}
    if fragments and norm.count(" ") + 1 >= FRAGMENT_WORDS:
        hits |= {i for _, _, i in process.extract(norm, choices, scorer=fuzz.partial_ratio,
                                                  score_cutoff=FRAGMENT, limit=None)}
    return sorted({block[i]["cluster_id"] for i in hits
                   if relation(norm, choices[i]) in (("identical", "similar", "fragment") if fragments
                                                     else ("identical", "similar"))})


def joinable(store: SQLStore, norm: str, clusters: list[str], block: list[dict[str, Any]]) -> list[str]:
    """Of the clusters a quote matched, those it joins (several are merged into one): every cluster with a
    member in the same words (identical or near-identical), and every cluster of pieces of it (each member
    related to it and no longer); failing both, the first cluster with a member it relates to (it is a piece
    of it). A piece never bridges two longer quotes, so a slogan ("make America great again") found inside
    two different speeches never makes them one statement, and a short piece found in two joins neither (the
    speaker's stock phrase); a full quote does bridge its own pieces."""
    whole, pieces, longer = [], [], []
    for cluster in clusters:
        if any(m["cluster_id"] == cluster and relation(norm, m["norm"]) in ("identical", "similar") for m in block):
            whole.append(cluster)
            continue
        members = [m["norm"] for m in store._execute("SELECT norm FROM quote_members WHERE cluster_id = ? LIMIT ?",
                                                     (cluster, MAX_MEMBERS))]
        related = [m for m in members if relation(norm, m) is not None]
        if related:
            whole_cluster = len(related) == len(members) and all(len(m) <= len(norm) for m in members)
            (pieces if whole_cluster else longer).append(cluster)
    if whole or pieces:
        return whole + pieces
    if len(longer) > 1 and norm.count(" ") + 1 < STOCK_PHRASE_WORDS:
        return []  # a short piece of several statements is the speaker's stock phrase, none of them
    return longer[:1]


def rebuild(store: SQLStore) -> int:
    """Cluster every stored quote again from scratch (after changing the thresholds); returns the quotes."""
    store._execute("DELETE FROM quote_shingles")
    store._execute("DELETE FROM quote_shingle_counts")
    store._execute("DELETE FROM quote_members")
    n = 0
    for record in store.records():
        index(store, [record])
        n += len(record.quotes)
    return n


# -- reading ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """One stretch of a word-level diff: `op` is equal, insert (words this report adds), delete (words it
    drops), replace (words it changes) or outside (words of the longer report the other does not quote)."""

    op: str
    first: str  # the words in the first appearance
    this: str  # the words in this report
    negation: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "first": self.first, "this": self.this, "negation": self.negation}


@functools.cache
def contractions() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Whole-word and suffix expansions of contractions (lexicons/quote_contractions.tsv)."""
    from ..lexicons import read_table

    words: dict[str, list[str]] = {}
    suffixes: dict[str, list[str]] = {}
    for row in read_table("quote_contractions.tsv"):
        (words if row["kind"] == "word" else suffixes)[row["form"]] = row["expansion"].split()
    return words, suffixes


def _expanded(word: str) -> list[str]:
    """A normalised word, its contraction written out ("we're" -> we, are; "won't" -> will, not)."""
    words, suffixes = contractions()
    if word in words:
        return words[word]
    for suffix, expansion in suffixes.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            return [word[: -len(suffix)], *expansion]
    return [word]


def _words(text: str) -> list[tuple[str, str]]:
    """(as written, normalised) for every word, contractions written out (the written form stays on the first
    part, the others show their normalised word: "didn't" is ("didn't", "did"), ("", "not"))."""
    found = []
    for m in WORD.finditer(text):
        for k, part in enumerate(_expanded(normalise(m.group(0)))):
            found.append((m.group(0) if k == 0 else "", part))
    return found


def _at_the_ends(ops: list[tuple[str, int, int, int, int]], n_a: int, n_b: int) -> list[tuple[str, int, int, int, int]]:
    """A change at the very start or end that is longer on one side is, beyond the other side's length, words
    the other report does not quote at all ("... a lot of bad things" / "Bad, bad things": "of" was changed,
    "We're in a bubble ... a lot" lies outside)."""
    out = list(ops)
    if out and out[0][0] == "replace" and out[0][1] == 0 and out[0][3] == 0:
        _, i1, i2, j1, j2 = out[0]
        k = min(i2 - i1, j2 - j1)
        out[0:1] = [("delete", i1, i2 - k, j1, j1), ("replace", i2 - k, i2, j1, j2)] if i2 - i1 > k else \
            [("insert", i1, i1, j1, j2 - k), ("replace", i1, i2, j2 - k, j2)] if j2 - j1 > k else [out[0]]
    if out and out[-1][0] == "replace" and out[-1][2] == n_a and out[-1][4] == n_b:
        _, i1, i2, j1, j2 = out[-1]
        k = min(i2 - i1, j2 - j1)
        out[-1:] = [("replace", i1, i1 + k, j1, j2), ("delete", i1 + k, i2, j2, j2)] if i2 - i1 > k else \
            [("replace", i1, i2, j1, j1 + k), ("insert", i2, i2, j1 + k, j2)] if j2 - j1 > k else [out[-1]]
    return out


def _shown(words: list[tuple[str, str]]) -> str:
    """Words as written; the hidden parts of a written contraction only when nothing else is there (a
    "not" split off "didn't" by the alignment)."""
    written = [w for w, _ in words if w]
    return " ".join(written) if written else " ".join(n for _, n in words)


def diff(first: str, this: str) -> tuple[str, list[Change]]:
    """How `this` report differs from the `first` appearance, word by word: its relation (identical,
    fragment, variant) and the changes, the unquoted ends of the longer one marked `outside`."""
    a, b = _words(first), _words(this)
    matcher = difflib.SequenceMatcher(a=[w for _, w in a], b=[w for _, w in b], autojunk=False)
    ops = _at_the_ends(matcher.get_opcodes(), len(a), len(b))
    # the ends of the longer report that the other does not quote at all are context, not changes
    lo = 0
    while lo < len(ops) and ops[lo][0] in ("insert", "delete"):
        lo += 1
    hi = len(ops)
    while hi > lo and ops[hi - 1][0] in ("insert", "delete"):
        hi -= 1
    changes: list[Change] = []
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        left, right = _shown(a[i1:i2]), _shown(b[j1:j2])
        kind = "outside" if (k < lo or k >= hi) and op != "equal" else op
        negation = kind in ("insert", "delete", "replace") and (
            any(is_negation(w) for _, w in a[i1:i2]) != any(is_negation(w) for _, w in b[j1:j2]))
        changes.append(Change(kind, left, right, negation))
    inner = [c for c in changes if c.op in ("insert", "delete", "replace")]
    if inner:
        return "variant", changes
    if any(c.op == "outside" for c in changes):
        return "fragment", changes
    return "identical", changes


def possible_misquote(relation: str, changes: list[Change], *kinds: str) -> bool:
    """Whether a variant is flagged as a possible misquote: both reports verbatim quotations (two paraphrases
    differing is reporting), sharing a stretch of MISQUOTE_SHARED words in place (a slogan or a stock phrase
    with other words around it is more often another occasion than a misquote)."""
    shared = sum(len(c.this.split()) for c in changes if c.op == "equal")
    return relation == "variant" and all(k == "direct" for k in kinds) and shared >= MISQUOTE_SHARED


def callouts(changes: list[Change]) -> list[str]:
    """Plain words for what changed: `dropped "not"`, `changed "will" to "would"` ..."""
    said = []
    for c in changes:
        if c.op == "delete":
            said.append(f"dropped “{c.first}”")
        elif c.op == "insert":
            said.append(f"added “{c.this}”")
        elif c.op == "replace":
            said.append(f"changed “{c.first}” to “{c.this}”")
        if c.negation:
            said[-1] += " (negation)"
    return said


MEMBERS = ("SELECT m.article_id, m.quote_id AS id, m.cluster_id, q.content, q.kind, q.speaker_name, q.cue, "
           "e.person_id, a.published, a.source, a.title, a.url FROM quote_members m "
           "JOIN quotes q ON q.article_id = m.article_id AND q.id = m.quote_id "
           "JOIN articles a ON a.id = m.article_id "
           "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
           "WHERE m.cluster_id = ? ORDER BY a.published NULLS LAST, a.source NULLS LAST, m.article_id, q.start "
           "LIMIT ?")


def parse_quote_key(value: str, option: str = "QUOTE_ID") -> tuple[str, str]:
    """`ARTICLE_ID:QUOTE_ID` (as `attache quotes --format json` gives them) split in two; E040 otherwise."""
    article, sep, quote = value.strip().rpartition(":")
    if not sep or not article or not quote:
        raise ArgumentError("E040", option=option, value=value, reason="expected ARTICLE_ID:QUOTE_ID, e.g. "
                                                                       "3f2a9c0d1e2b4a5c:q2")
    return article, quote


def cluster_of(store: SQLStore, article_id: str, quote_id: str) -> str | None:
    rows = store._execute("SELECT cluster_id FROM quote_members WHERE article_id = ? AND quote_id = ?",
                          (article_id, quote_id))
    return rows[0]["cluster_id"] if rows else None


def cluster(store: SQLStore, cluster: str, limit: int = MAX_MEMBERS) -> dict[str, Any] | None:
    """One cluster: its first appearance, counts, and every report with its relation to the first and its
    word-level diff (variants flagged as possible misquotes)."""
    members = store._execute(MEMBERS, (cluster, limit))
    if not members:
        return None
    first = members[0]
    reports = []
    for m in members:
        kind, changes = ("first", []) if m is first else diff(first["content"] or "", m["content"] or "")
        misquote = possible_misquote(kind, changes, first["kind"], m["kind"])
        reports.append({**m, "relation": kind, "possible_misquote": misquote,
                        "negation_changed": any(c.negation for c in changes),
                        "changes": [c.to_dict() for c in changes] if kind in ("variant", "fragment") else [],
                        "callouts": callouts(changes)})
    n = store._execute("SELECT count(*) AS n, count(DISTINCT article_id) AS articles FROM quote_members "
                       "WHERE cluster_id = ?", (cluster,))[0]
    sources = sorted({m["source"] for m in members if m["source"]})
    return {"cluster_id": cluster, "first": reports[0], "reports": int(n["n"]), "articles": int(n["articles"]),
            "sources": sources, "variants": sum(1 for r in reports if r["relation"] == "variant"),
            "fragments": sum(1 for r in reports if r["relation"] == "fragment"),
            "members": reports}


def of_quote(store: SQLStore, article_id: str, quote_id: str) -> dict[str, Any] | None:
    """The cluster of one quote, with `quote` naming the one asked about; None if no such quote."""
    found = cluster_of(store, article_id, quote_id)
    if found is None:
        return None
    result = cluster(store, found)
    if result is not None:
        result["quote"] = {"article_id": article_id, "id": quote_id}
    return result


def clusters(store: SQLStore, search: str | None = None, speaker: str | None = None, person: str | None = None,
             limit: int = 20) -> list[dict[str, Any]]:
    """Clusters whose quotes match words, a speaker's name or a person id (among the best 200 matching
    quotes), most reported first."""
    rows = store.quotes(search=search, speaker=speaker, person=person, limit=200)
    if not rows:
        return []
    cond = " OR ".join("(article_id = ? AND quote_id = ?)" for _ in rows)
    found = store._execute(f"SELECT DISTINCT cluster_id FROM quote_members WHERE {cond}",
                           [v for r in rows for v in (r["article_id"], r["id"])])
    ids = [r["cluster_id"] for r in found]
    marks = ", ".join("?" * len(ids))
    sizes = store._execute(f"SELECT cluster_id, count(*) AS n FROM quote_members WHERE cluster_id IN ({marks}) "
                           "GROUP BY cluster_id", ids) if ids else []
    top = sorted(sizes, key=lambda r: (-int(r["n"]), r["cluster_id"]))[:limit]
    result = [c for c in (cluster(store, r["cluster_id"]) for r in top) if c]
    result.sort(key=lambda c: (-c["reports"], c["first"]["published"] or "9999", c["cluster_id"]))
    return result
