"""What the learned events coder sees: candidate words of a sentence and their features.

Candidates are every verb, every word the trigger lexicon reads as an event (or blocks), and every lemma the
annotators marked as a trigger in the training data. Features describe the word, its place in the parse (the
words governing it and its arguments), what the trigger lexicon and the rules coder say about it and about
its governors, the kind of actors around it, and the sentence (headline, quote, numbers). The same code
builds training examples (`attache train events`) and runs in the pipeline, so the two never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.tokens import Span, Token

from .arguments import EntityIndex
from .triggers import TriggerLexicon

CANDIDATE_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "agent", "xcomp", "ccomp",
                           "acomp", "advmod", "npadvmod"})
MAX_GOVERNORS = 3


@dataclass
class SentenceContext:
    """What is known about the Doc around the candidates: built once per Doc."""

    lexicon: TriggerLexicon
    entities: EntityIndex
    rule_types: dict[int, str]  # token index -> event type the rules coder gave it
    quoted: list[tuple[int, int]]
    learned: frozenset[str] = field(default_factory=frozenset)


def candidates(sent: Span, context: SentenceContext) -> list[Token]:
    """The words of `sent` that may name an event, in text order."""
    found = []
    for token in sent:
        if token.pos_ == "VERB" or token.i in context.rule_types:
            found.append(token)
        elif token.pos_ in CANDIDATE_POS and (token.lemma_.lower() in context.learned
                                              or context.lexicon.reading(token) is not None):
            found.append(token)
    return found


def _word(token: Token) -> str:
    return "PRON" if token.pos_ == "PRON" else token.lemma_.lower()


def _entity(token: Token, context: SentenceContext) -> str:
    """The kind of party a word stands for: a placed actor, another entity of a type, or a plain word."""
    for word in (token, *token.children):
        entity = context.entities.at(word)
        if entity is not None:
            kind = context.entities.types.get(entity, "ENT")
            return f"{kind}+" if entity in context.entities.placed else kind
    return token.ent_type_ or token.pos_


def sentence_features(sent: Span, doc_sentence_index: int) -> list[str]:
    """Features shared by every candidate of a sentence."""
    words = [t for t in sent if t.is_alpha]
    feats = []
    if doc_sentence_index == 0:
        feats.append("s:first")
    if words and sum(t.text[0].isupper() for t in words) / len(words) > 0.6 and len(words) > 3:
        feats.append("s:titlecase")
    if not any(t.text in ".?!" for t in sent[-2:]):
        feats.append("s:noend")
    if any(t.like_num or t.text == "%" for t in sent):
        feats.append("s:num")
    if len(sent) > 60:
        feats.append("s:long")
    return feats


def features(token: Token, context: SentenceContext, shared: list[str]) -> list[str]:
    """The features of one candidate word."""
    lemma = token.lemma_.lower()
    pos = token.pos_
    feats = [f"l={lemma}", f"w={token.lower_}", f"p={pos}", f"t={token.tag_}", f"d={token.dep_}",
             f"lp={lemma}|{pos}", f"ld={lemma}|{token.dep_}", *shared]
    rule = context.lexicon.reading(token)
    if rule is not None:
        feats += [f"lex={rule.type}", f"lexm={rule.type}|{rule.mode}"]
    feats.append(f"rule={context.rule_types.get(token.i, '-')}")
    if any(s <= token.idx < e for s, e in context.quoted):
        feats.append("quoted")
    # What governs it: the chain of heads, their relations and their readings.
    current = token
    for k in range(MAX_GOVERNORS):
        head = current.head
        if head.i == current.i:
            feats.append(f"g{k}=ROOT")
            break
        feats += [f"g{k}={current.dep_}|{_word(head)}", f"gd{k}={current.dep_}"]
        head_rule = context.rule_types.get(head.i)
        if head_rule:
            feats.append(f"gr{k}={current.dep_}|{head_rule}")
        current = head
    # Its arguments and modifiers.
    for child in token.children:
        dep = child.dep_
        if dep in ("neg", "aux", "auxpass", "prt", "mark"):
            feats.append(f"c:{dep}={child.lower_}")
        elif dep in ARGUMENT_DEPS:
            feats += [f"c:{dep}={_word(child)}", f"ce:{dep}={_entity(child, context)}",
                      f"lc={lemma}|{dep}|{_word(child)}"]
            feats += [f"cm:{dep}={g.lemma_.lower()}" for g in child.children if g.dep_ in ("amod", "compound")]
            child_rule = context.rule_types.get(child.i)
            if child_rule:
                feats.append(f"cr:{dep}={child_rule}")
        elif dep == "prep":
            objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            feats.append(f"lprep={lemma}|{child.lower_}")
            for obj in objects:
                feats += [f"c:prep={child.lower_}|{_word(obj)}", f"ce:prep={child.lower_}|{_entity(obj, context)}"]
        elif dep in ("amod", "compound", "poss"):
            feats.append(f"c:{dep}={_word(child)}")
    # Neighbouring words.
    doc = token.doc
    for offset in (-2, -1, 1, 2):
        j = token.i + offset
        if 0 <= j < len(doc):
            feats.append(f"n{offset}={doc[j].lower_}")
    return feats


def dense(token: Token) -> np.ndarray:
    """The model's contextual vectors of the word and of its head (zeros when the Doc has none): they let
    the coder generalise from "criticised" to "blasted" and "lambasted"."""
    tensor = token.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(token.doc):
        return np.zeros(0, dtype=np.float32)
    return np.concatenate([tensor[token.i], tensor[token.head.i]]).astype(np.float32)
