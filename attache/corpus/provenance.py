"""Quote provenance: the quotes that report one statement, clustered across the store; where it first appeared;
which reports changed its words.

Two quotes report the same statement when they have the same speaker across articles (the store's person id,
as the people pages join them; a speaker who is nobody's person, "voters", by the same words, and then only
for whole quotes, never fragments) and near-identical content: their normalised texts (case, quotation marks,
punctuation and spacing folded) are identical, within `SAME` of each other (rapidfuzz's normalised
Indel similarity, 0-100), one is a fragment of the other (at least `FRAGMENT_WORDS` words found inside
the longer one within `FRAGMENT` partial similarity), or they share a run of `OVERLAP_RUN` words and most of
their words (one statement quoted with other words around it). A report whose speaker is written differently
-- a pronoun or description resolved to nobody, a name and its shorter form ("Trump" / "Donald J. Trump"), a
person the people join split -- joins only near-identical words or a verbatim piece, both of `CROSS_WORDS`
words or more, and never two differently named people. Two paraphrases published more than
`PARAPHRASE_DAYS` apart are the stance restated, not one statement. Candidates come from a word-shingle
index: the same person's quotes, or for a long quote anyone's sharing its rarest shingles, so a new article
costs one lookup per quote, never a rebuild.

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
from datetime import date
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
OVERLAP_RUN = 10  # two reports of one speaker sharing a run of this many words in place ...
OVERLAP_SHARE = 0.6  # ... and this share of the shorter one's words are one statement quoted differently
CROSS_WORDS = 10  # a report whose speaker is written differently joins only near-identical or long pieces
PARAPHRASE_DAYS = 7  # two paraphrases (indirect reports) further apart are the stance restated, not one statement
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
    inside the other), "overlap" (a long run of words shared in place, most words shared), or None (different
    statements)."""
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
    if overlapping(short, long):
        return "overlap"
    return None


def _runs(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + OVERLAP_RUN]) for i in range(len(words) - OVERLAP_RUN + 1)}


def overlapping(a: str, b: str) -> bool:
    """Two normalised quotes that share a run of OVERLAP_RUN words in place and OVERLAP_SHARE of the shorter's
    words: one statement quoted with other words around or inside it ("if you don't want Trump or Cruz to be
    the nominee, you better get on board with Marco Rubio" / "if you don't want Ted Cruz or Donald Trump as
    the nominee ...")."""
    wa, wb = a.split(), b.split()
    if min(len(wa), len(wb)) < OVERLAP_RUN or not _runs(wa) & _runs(wb):
        return False
    shared = sum(block.size for block in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_matching_blocks())
    return shared >= OVERLAP_SHARE * min(len(wa), len(wb))


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
# each candidate with how its speaker is written and when it was published (the paraphrase window)
FIELDS = ("SELECT m.article_id, m.quote_id, m.cluster_id, m.norm, q.kind, q.speaker_name, e.person_id, "
          "e.type AS speaker_type, a.published FROM "
          "(SELECT DISTINCT article_id, quote_id FROM quote_shingles WHERE shingle IN ({marks}) LIMIT ?) s "
          "JOIN quote_members m ON m.article_id = s.article_id AND m.quote_id = s.quote_id "
          "JOIN quotes q ON q.article_id = m.article_id AND q.id = m.quote_id "
          "JOIN articles a ON a.id = m.article_id "
          "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity")
CANDIDATES = FIELDS + " WHERE e.person_id = ?"
NAMED = FIELDS + " WHERE q.speaker_name = ? AND e.person_id IS NULL"
ANYONE = FIELDS  # a long quote: every speaker's, the compatible ones kept (speakers written differently)


@dataclass(frozen=True)
class Who:
    """Who said a quote, as far as clustering cares: the store's person id, the words naming the speaker, and
    whether those are a name at all (a pronoun resolved nowhere, "officials" or no speaker is unnamed)."""

    person: str | None
    name: str | None
    unnamed: bool

    @staticmethod
    def of_row(row: dict[str, Any]) -> Who:
        return Who(row["person_id"], row["speaker_name"],
                   row["person_id"] is None and row["speaker_type"] in (None, "AGENT"))


def name_variant(a: str | None, b: str | None) -> bool:
    """One name is the other written shorter ("Trump" / "Donald J. Trump"): its words are all in the longer
    one and both end in the same word."""
    wa, wb = normalise(a or "").split(), normalise(b or "").split()
    if not wa or not wb:
        return False
    short, long = sorted((wa, wb), key=len)
    return short[-1] == long[-1] and set(short) <= set(long)


def mode(this: Who, other: Who, same_article: bool = False) -> str | None:
    """How two reports' speakers allow them to be one statement: "same" (one person: pieces and overlaps too),
    "name" (nobody's person, named by the same words: whole quotes only), "cross" (written differently but
    possibly one speaker: the same person split by the people join, a name and its shorter form, or one side
    unnamed: near-identical or long verbatim pieces only, and never in one article, where a quote inside
    another's words is someone quoting someone), None (two different people)."""
    if this.person is not None and this.person == other.person:
        return "same"
    if this.person is None and other.person is None and this.name is not None and this.name == other.name \
            and this.name.lower() not in pronouns():  # two "she"s are nobody in particular: `cross` rules apply
        return "name"
    if not same_article and (this.unnamed or other.unnamed or name_variant(this.name, other.name)):
        return "cross"
    return None


@functools.cache
def pronouns() -> frozenset[str]:
    from ..lexicons import read_table

    return frozenset(row["pronoun"] for row in read_table("entity_pronouns.tsv"))


def _day(published: Any) -> date | None:
    try:
        return date.fromisoformat(str(published or "")[:10])
    except ValueError:
        return None


def restated(kind: str | None, published: Any, other_kind: str | None, other_published: Any) -> bool:
    """Two paraphrases (neither quoting words) published more than PARAPHRASE_DAYS apart: the speaker's stance
    told again ("to ban Muslims from entering the United States" in December and in August), not one
    statement; verbatim words are quoted long after they were said."""
    a, b = _day(published), _day(other_published)
    return kind == other_kind == "indirect" and a is not None and b is not None and abs((a - b).days) > PARAPHRASE_DAYS


def shingles(norm: str) -> list[int]:
    """Signed 64-bit hashes of the word 4-grams of a normalised quote (the whole quote when shorter)."""
    words = norm.split()
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    return sorted(int.from_bytes(hashlib.blake2b(g.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                                 "big", signed=True) for g in grams)


def index(store: SQLStore, records: Sequence[Analysis]) -> None:
    """Put every quote of `records` (already written, with person ids) into its cluster: the cluster of the
    quotes of the same statement it matches (several matched clusters merge into one), else a new one.
    Candidates come from the shingle index (quotes sharing a run of four words; the same person's, or for a
    long quote anyone's whose speaker may be the same), then rapidfuzz decides."""
    for record in {r.id: r for r in records}.values():  # an article stored twice in one batch: its last version
        people = store.article_people(record.id)
        for q in record.quotes:
            norm = normalise(q.content.text)
            n_words = norm.count(" ") + 1 if norm else 0
            entity = record.entity(q.speaker.entity) if q.speaker and q.speaker.entity else None
            person = people.get(q.speaker.entity or "") if q.speaker else None
            who = Who(person, record.speaker_name(q),
                      person is None and (entity is None or (entity.agent and entity.type == "PERSON")))
            found = cluster_id(record.id, q.id)
            indexed = n_words >= MIN_WORDS and (who.person or who.name or n_words >= CROSS_WORDS)
            grams = shingles(norm) if indexed else []
            if grams:
                block = [dict(m, mode=how) for m in candidates(store, who, grams, long=n_words >= CROSS_WORDS)
                         if (how := mode(who, Who.of_row(m), m["article_id"] == record.id))
                         and not restated(q.kind, record.published, m["kind"], m["published"])]
                matched = joinable(store, norm, matches(norm, block), block)
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


def candidates(store: SQLStore, who: Who, grams: list[int], long: bool = False) -> list[dict[str, Any]]:
    """The stored quotes sharing a shingle with these, looked up by the rarer shingles only: the person's (for
    a speaker who is nobody's person, "voters", the quotes of speakers named with the same words), or for a
    `long` quote every speaker's (`mode` keeps those whose speaker may be the same)."""
    counts = {r["shingle"]: int(r["n"]) for r in store._execute(COUNTS.format(marks=", ".join("?" * len(grams))),
                                                                  grams)}
    if not counts:
        return []
    rare = sorted(counts, key=lambda g: (counts[g], g))[:LOOKUP]  # shingles no stored quote holds find nothing
    marks = ", ".join("?" * len(rare))
    if who.person is not None:
        own = store._execute(CANDIDATES.format(marks=marks), (*rare, MAX_CANDIDATES, who.person))
    else:
        own = store._execute(NAMED.format(marks=marks), (*rare, MAX_CANDIDATES, who.name)) if who.name else []
    if not long:
        return own
    # anyone's, after the speaker's own: a line many people quote cannot crowd out the speaker's own reports
    seen = {(m["article_id"], m["quote_id"]) for m in own}
    return own + [m for m in store._execute(ANYONE.format(marks=marks), (*rare, MAX_CANDIDATES))
                  if (m["article_id"], m["quote_id"]) not in seen]


RELATIONS = {"same": ("identical", "similar", "fragment", "overlap"), "name": ("identical", "similar"),
             "cross": ("identical", "similar", "fragment")}


def matches(norm: str, block: list[dict[str, Any]]) -> list[str]:
    """The clusters of the quotes in `block` that report the same statement as `norm`, as each one's `mode`
    allows: one person's quotes also as pieces and overlaps, speakers named by the same words whole quotes only,
    speakers written differently as `crossing` allows."""
    n_words = norm.count(" ") + 1
    if n_words < MIN_WORDS or not block:
        return []
    choices = [m["norm"] for m in block]
    hits = {i for _, _, i in process.extract(norm, choices, scorer=fuzz.ratio, score_cutoff=SAME, limit=None)}
    if n_words >= FRAGMENT_WORDS:
        hits |= {i for _, _, i in process.extract(norm, choices, scorer=fuzz.partial_ratio,
                                                  score_cutoff=FRAGMENT, limit=None)}
    if n_words >= OVERLAP_RUN:
        runs = _runs(norm.split())
        hits |= {i for i, m in enumerate(block) if m["mode"] == "same" and _runs(choices[i].split()) & runs}
    return sorted({block[i]["cluster_id"] for i in hits
                   if relation(norm, choices[i]) in RELATIONS[block[i]["mode"]]
                   and (block[i]["mode"] != "cross" or crossing(norm, choices[i]))})


def crossing(a: str, b: str) -> bool:
    """Whether two reports whose speakers are written differently are one statement: both of CROSS_WORDS words
    or more, near-identical, or one found word for word inside the other (a piece found only approximately
    may have lost a "not": "Trump will not be the next president" in "I want Donald Trump to be the next
    president")."""
    short, long = sorted((a, b), key=len)
    return short.count(" ") + 1 >= CROSS_WORDS and (relation(a, b) in ("identical", "similar")
                                                    or f" {short} " in f" {long} ")


def joinable(store: SQLStore, norm: str, clusters: list[str], block: list[dict[str, Any]]) -> list[str]:
    """Of the clusters a quote matched, those it joins (several are merged into one): every cluster with a
    member in the same words (identical or near-identical), and every cluster of pieces of it (each member
    related to it and no longer); failing both, the first cluster with a member it relates to (it is a piece
    of it, or shares a long run of its words). A piece never bridges two longer quotes, so a slogan ("make
    America great again") found inside two different speeches never makes them one statement, whichever
    arrives first: a short piece found in two joins neither (the speaker's stock phrase), and a quote joins no
    cluster where it only holds a piece that is with other words. A full quote does bridge its own pieces."""
    whole, pieces, longer = [], [], []
    for cluster in clusters:
        if any(m["cluster_id"] == cluster and relation(norm, m["norm"]) in ("identical", "similar") for m in block):
            whole.append(cluster)
            continue
        members = [m["norm"] for m in store._execute("SELECT norm FROM quote_members WHERE cluster_id = ? LIMIT ?",
                                                     (cluster, MAX_MEMBERS))]
        related = [(m, relation(norm, m)) for m in members]
        related = [(m, r) for m, r in related if r is not None]
        if not related:
            continue
        if len(related) == len(members) and all(len(m) <= len(norm) for m, _ in related):
            pieces.append(cluster)
        elif not all(r == "fragment" and len(m) < len(norm) for m, r in related):
            longer.append(cluster)  # else it holds only pieces of this quote, among other words: no bridge
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
