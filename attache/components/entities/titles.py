"""Titles and roles around a name: pre-modifiers ("Vice Minister for Foreign Affairs Choe Son Hui",
"North Korean leader Kim Jong Un") and appositions ("Stephen Biegun, his special representative")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .lexicon import EntityLexicons

# Grammatical glue that may join title words ("Secretary of State", "CEO and co-founder"); not a lexicon.
CONNECTORS = frozenset({"of", "for", "and", "&", "-"})
AFFILIATION_LABELS = frozenset({"NORP", "GPE", "ORG"})


@dataclass
class Title:
    start: int  # token index of the first title word
    end: int  # token index after the last title word
    text: str
    affiliation: tuple[int, int] | None = None  # token span of a NORP/GPE/ORG before the title


def title_before(doc: Doc, i: int, lex: EntityLexicons, ent_label: list[str]) -> Title | None:
    """The title phrase right before token `i` (a name's first token), with an affiliation before it."""
    start, j = i, i - 1
    while j >= 0:
        tok = doc[j]
        low = tok.lower_
        if low in lex.title_words and ent_label[j] in ("", "PERSON") or (
                low in lex.title_words and tok.text[:1].isupper() and _single_token_ent(doc, j)):
            start = j
        elif not (low in CONNECTORS and j > 0 and start == j + 1 and doc[j - 1].lower_ in lex.title_words):
            break
        j -= 1
    if start == i:
        return None
    words = [t.lower_ for t in doc[start:i]]
    if lex.title_info(words) is None:
        return None
    title = Title(start, i, doc[start:i].text)
    title.affiliation = _affiliation_before(doc, start, ent_label)
    return title


def _single_token_ent(doc: Doc, j: int) -> bool:
    """A one-token entity such as "State" that spaCy tags inside "Secretary of State"."""
    tok = doc[j]
    return tok.ent_iob_ == "B" and (j + 1 >= len(doc) or doc[j + 1].ent_iob_ != "I")


def _affiliation_before(doc: Doc, start: int, ent_label: list[str]) -> tuple[int, int] | None:
    """A NORP, GPE or ORG name (optionally with 's) that ends right before a title: "Apple CEO"."""
    k = start - 1
    if k >= 0 and doc[k].tag_ == "POS":
        k -= 1
    if k < 0 or ent_label[k] not in AFFILIATION_LABELS:
        return None
    first = k
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    return first, k + 1


def apposed_title(head: Token, lex: EntityLexicons) -> tuple[str, Token] | None:
    """An apposition after a name that states a role: ("special representative to North Korea", root)."""
    for child in head.children:
        if child.dep_ != "appos" or child.i < head.i:
            continue
        low = child.lemma_.lower()
        if low not in lex.title_words and low not in lex.nouns:
            continue
        tokens = [t for t in child.subtree if not _in_conj(t, child)]
        while tokens and (tokens[0].pos_ in ("DET", "PRON") or tokens[0].tag_ in ("PRP$", "POS")
                          or tokens[0].dep_ in ("advmod", "amod") and tokens[0].lower_ not in lex.title_words):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
            tokens = tokens[:-1]
        if tokens:
            return head.doc[tokens[0].i:tokens[-1].i + 1].text, child
    return None


def _in_conj(tok: Token, root: Token) -> bool:
    """Whether `tok` belongs to a conjunct (or its 'and') hanging off `root`'s phrase."""
    t = tok
    while t.i != root.i:
        if t.dep_ in ("conj", "cc", "punct", "relcl", "acl") and t.head.i == root.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False
