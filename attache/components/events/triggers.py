"""Event triggers: which tokens name a PLOVER event, read from `lexicons/event_triggers.tsv`.

A trigger is a verb or noun lemma; a row may require dependents ("call" + "for" is REQUEST, "sign" needs an
agreement as object), and a row of type `-` blocks a reading ("meet expectations" is no meeting).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ...lexicons import read_table
from ..base import entity_at

VERB_POS = frozenset({"VERB"})
NOUN_TRIGGER_POS = frozenset({"NOUN", "PROPN"})
# What a lexicon rule's `obj` and `subj` conditions match (a passive subject is the logical object).
RULE_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "obj"})
RULE_SUBJECT_DEPS = frozenset({"nsubj", "agent"})
KNOWN_DEPS = frozenset({"child", "obj", "subj", "prt", "prep", "dobj", "compound", "amod", "xcomp", "ccomp",
                        "nmod", "poss", "advmod", "dative", "head", "objner", "subjner", "targetner", "ownerner",
                        "oprd", "subjpair", "ccompmark", "forclause", "toclause", "toxcomp", "forgerund"})
TARGET_PREPS = frozenset({"on", "against"})  # "attacks on Curiel", "an offensive against Sanders"
PREDICATE_DEPS = frozenset({"oprd", "as"})  # what something is called or described as: its adjectives count


def name_label(token: Token) -> str:
    """The type of the name a token is part of: the article's entity's (its mentions read together: "Trump",
    which the tagger may call an organisation, is the person named "Donald Trump"), else the tagger's; "" for a
    word that is no name."""
    if not token.ent_type_:
        return ""
    found = entity_at(token.doc, token.idx, token.idx + len(token))
    entities = token.doc._.attache_entities or ()
    return next((e.type for e in entities if e.id == found), token.ent_type_) if found else token.ent_type_


@dataclass(frozen=True)
class Condition:
    """A dependent the trigger must have: its relation and lemma (`*` for any)."""

    dep: str
    lemmas: frozenset[str]

    @property
    def labels(self) -> frozenset[str]:
        return frozenset(x.upper() for x in self.lemmas)

    def holds(self, token: Token) -> bool:
        if self.dep == "objner":
            return any(c.dep_ in RULE_OBJECT_DEPS and name_label(c) in self.labels for c in token.children)
        if self.dep == "subjner":
            return any(c.dep_ in RULE_SUBJECT_DEPS and name_label(c) in self.labels for c in token.children)
        if self.dep == "targetner":  # an "on"/"against" phrase naming a named entity of those labels
            return any(c.dep_ == "prep" and c.lower_ in TARGET_PREPS and
                       any(p.dep_ == "pobj" and name_label(p) in self.labels for p in c.children)
                       for c in token.children)
        if self.dep == "ownerner":  # whose it is, a name before it ("a Clinton rally", "a Des Moines rally")
            return any(c.dep_ in ("compound", "poss", "nmod") and name_label(c) in self.labels for c in token.children)
        if self.dep == "ccompmark":  # a reported clause with such a conjunction ("warned that if he is indicted, ...")
            return any(c.dep_ == "ccomp" and any(w.dep_ == "mark" and w.lower_ in self.lemmas for w in c.subtree)
                       for c in token.children)
        if self.dep == "forclause":  # "called for the governor to resign"
            return any(for_clause(c) for c in token.children)
        if self.dep == "forgerund":  # "attacked him for failing to act": blamed for what he did
            return any(c.dep_ == "prep" and c.lower_ == "for" and any(p.dep_ == "pcomp" and p.tag_ == "VBG"
                                                                     for p in c.children) for c in token.children)
        if self.dep == "toxcomp":  # "told the airlines not to buy", "was ordered to withdraw": what one is to do
            return any(c.dep_ == "xcomp" and to_infinitive(c) for c in token.children)
        if self.dep == "toclause":  # "wants the court to suspend the order": someone else is to act
            return any(to_clause(c) for c in token.children)
        if self.dep == "subjpair":  # two parties as the subject ("Ethiopia and Egypt discussed the dam")
            return any(c.dep_ in RULE_SUBJECT_DEPS and c.conjuncts for c in token.children)
        if self.dep == "head":  # the governing word, through a preposition ("went on strike")
            head = token.head
            if head.pos_ == "ADP" and head.head.i != head.i:
                head = head.head
            return head.i != token.i and head.lemma_.lower() in self.lemmas
        if self.dep not in KNOWN_DEPS:  # a preposition whose object must be one of the lemmas
            heads = [token, *(c for c in token.children if c.dep_ == "dobj")] if self.dep == "as" else [token]
            # "dismissed his comments as selfish": the parser hangs what the object is called on the object
            return any(c.dep_ == "prep" and c.lower_ == self.dep and
                       any(p.dep_ in ("pobj", "pcomp") and self._word(p) for p in c.children)
                       for h in heads for c in h.children)
        for child in token.children:
            if not self._dep_matches(child):
                continue
            for word in _heads(child) if self.dep in ("obj", "dobj", "subj") else (child,):
                if self._word(word) or word.lower_ in self.lemmas:
                    return True
        if self.dep == "subj" and not any(c.dep_ in RULE_SUBJECT_DEPS for c in token.children):
            # no subject of its own: the one of the clause controlling it ("voters ... wanting to vote for X")
            from .arguments import active_subjects  # here: arguments imports this module
            return any(self._word(w) or w.lower_ in self.lemmas for s in active_subjects(token) for w in _heads(s))
        return False

    def _word(self, word: Token) -> bool:
        if "*" in self.lemmas or word.lemma_.lower() in self.lemmas:
            return True
        return self.dep in PREDICATE_DEPS and any(  # "a failed candidate", "the wrong direction"
            a.dep_ in ("amod", "prep", "pobj") and a.lemma_.lower() in self.lemmas for a in word.subtree)

    def _dep_matches(self, child: Token) -> bool:
        dep = child.dep_
        if self.dep == "child":
            return True
        if self.dep == "obj":
            return dep in RULE_OBJECT_DEPS
        if self.dep == "subj":
            return dep in RULE_SUBJECT_DEPS
        if self.dep in ("prt", "prep") and dep == "prep" and of_time(child):
            return False  # "called an emergency session on Wednesday": when, not whom it calls on
        if self.dep == "prt":  # a preposition the parser gave the particle's place ("called on the governor"),
            # never one beside an object of the verb's own ("give $150 million in aid" is no giving in)
            return dep == "prt" or dep == "prep" and not any(c.dep_ == "dobj" for c in child.head.children)
        return dep == self.dep


def of_time(prep: Token) -> bool:
    """Whether a preposition's object is a date or a time ("on Wednesday", "for two hours")."""
    return any(p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in prep.children)


def _verb_tagged_noun(token: Token) -> bool:
    """Whether the tagger called a sentence's main verb a noun: a root noun with a subject of its own ("the
    government, which holds a share, disapproves of the takeover")."""
    return token.pos_ == "NOUN" and token.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in token.children)


def to_infinitive(token: Token) -> bool:
    """Whether a verb is a to-infinitive ("to" hangs on it as an auxiliary)."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def to_clause(token: Token) -> bool:
    """An infinitive with a subject of its own, not opened by "for", that the parser hangs as a complement
    ("wants the court to suspend the order", "wants the bill to be paid by the nations")."""
    return token.dep_ == "ccomp" and to_infinitive(token) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) \
        and not any(c.dep_ == "mark" for c in token.children)


def for_clause(token: Token) -> bool:
    """An infinitive with its own subject opened by "for", which the parser hangs as an adverbial clause
    ("called for the governor to resign", "pushed for the talks to resume")."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children) \
        and to_infinitive(token)


def _heads(word: Token) -> list[Token]:
    """An argument and what it stands for: its conjuncts ("a team and relief supplies") and the noun of a
    measure phrase ("tonnes of supplies", "$400 million in aid")."""
    out = [word, *word.conjuncts]
    for _ in range(2):  # "a team of doctors and tonnes of medical supplies"
        for part in list(out):
            for prep in part.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj not in out:
                            out += [pobj, *(c for c in pobj.conjuncts if c not in out)]
    return out


@dataclass(frozen=True)
class TriggerRule:
    """One reading of a trigger lemma: the event it names and the dependents it needs."""

    lemma: str
    pos: str  # V or N
    type: str  # PLOVER type, or "-" for "not an event"
    mode: str | None
    cameo: str | None
    context: tuple[str, ...]
    conditions: tuple[Condition, ...]
    inverse: bool = False  # the subject is the recipient ("X hosted Y")

    def applies(self, token: Token) -> bool:
        return all(c.holds(token) for c in self.conditions)


def _parse_conditions(text: str, lists: dict[str, frozenset[str]]) -> tuple[Condition, ...]:
    """`dep=lemma|lemma;dep=...`; a lemma `@name` stands for every word of list `name` (event_word_lists.tsv)."""
    out = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        dep, _, lemmas = part.partition("=")
        words: set[str] = set()
        for x in filter(None, (x.strip().lower() for x in lemmas.split("|"))):
            words |= lists[x[1:]] if x.startswith("@") else {x}
        out.append(Condition(dep.strip(), frozenset(words)))
    return tuple(out)


def word_lists(table: str = "event_word_lists.tsv") -> dict[str, frozenset[str]]:
    """The named word lists of event_word_lists.tsv (`@name` in trigger conditions)."""
    lists: dict[str, set[str]] = {}
    for row in read_table(table):
        lists.setdefault(row["list"].strip(), set()).add(row["word"].strip().lower())
    return {k: frozenset(v) for k, v in lists.items()}


class TriggerLexicon:
    """Trigger rules by (lemma, V/N), conditional rules first; built once per component."""

    def __init__(self, table: str = "event_triggers.tsv") -> None:
        rules: dict[tuple[str, str], list[TriggerRule]] = {}
        lists = word_lists()
        for row in read_table(table):
            rule = TriggerRule(
                lemma=row["lemma"].strip().lower(), pos=row["pos"].strip(), type=row["type"].strip(),
                mode=(row.get("mode") or "").strip() or None, cameo=(row.get("cameo") or "").strip() or None,
                context=tuple(c for c in (row.get("context") or "").split(";") if c.strip()),
                conditions=_parse_conditions(row.get("requires") or "", lists),
                inverse=(row.get("roles") or "").strip() == "inverse",
            )
            rules.setdefault((rule.lemma, rule.pos), []).append(rule)
        # Conditional readings before plain ones; within each group, file order.
        self.rules = {k: sorted(v, key=lambda r: not r.conditions) for k, v in rules.items()}
        self.lemmas = frozenset(lemma for lemma, _ in self.rules)
        # Hashes of every word form that may name a trigger, to screen a whole Doc in one array operation.
        forms = self.lemmas | {lemma + "s" for lemma in self.lemmas}
        forms |= {f.capitalize() for f in forms}
        self.hashes = frozenset(hash_string(f) for f in forms)

    def match(self, token: Token) -> TriggerRule | None:
        """The reading of `token` as an event trigger, or None."""
        rule = self.reading(token)
        return None if rule is None or rule.type == "-" else rule

    def named_types(self, noun: Token) -> frozenset[str]:
        """Every event type the lexicon lets a noun name, whatever its context ("the warning", "the criticism"):
        what a noun may refer back to."""
        lemma = noun.lemma_.lower()
        return frozenset(r.type for r in self.rules.get((lemma, "N"), ()) if r.type != "-")

    def reading(self, token: Token) -> TriggerRule | None:
        """The first rule that applies to `token`, including blocking rules (type `-`), or None."""
        pos = "V" if token.pos_ in VERB_POS or _verb_tagged_noun(token) else "N" if token.pos_ in NOUN_TRIGGER_POS \
            else None
        if pos is None or (token.pos_ == "PROPN" and not token.is_lower):  # "March", "Rally Road"
            return None
        lemma = token.lemma_.lower()
        if lemma not in self.lemmas:
            # Plural nouns the lemmatiser leaves alone ("talks", "sanctions").
            lemma = token.lower_
            if pos == "N" and lemma.endswith("s") and (lemma[:-1], pos) in self.rules:
                lemma = lemma[:-1]
        for rule in self.rules.get((lemma, pos), ()):
            if rule.applies(token):
                return rule
        return None

    def find(self, doc: Doc) -> Iterator[tuple[Token, TriggerRule]]:
        """Every (token, rule) of the Doc that names an event, in text order."""
        if not len(doc):
            return
        hashes = self.hashes
        hits = [i for i, (lemma, lower) in enumerate(doc.to_array([LEMMA, LOWER]).tolist())
                if lemma in hashes or lower in hashes]
        for i in hits:
            token = doc[i]
            rule = self.match(token)
            if rule is not None:
                yield token, rule
