"""Attributions read off the dependency parse: a cue (reporting verb, cue noun or phrase such as
"according to"), its source (the subject, possessor or object of the phrase), the reported content and the
hearer. One pass over the tokens; each cue looks only at its own children and ancestors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.parts_of_speech import ADP, NOUN, VERB
from spacy.tokens import Doc, Token

from .lexicon import Cues

Char = tuple[int, int]
EDGE_PUNCT = frozenset(",.;:!?—–-\"'“”‘’«»()[]`")
REL_PRONOUNS = frozenset({"who", "that", "which", "whom"})
STOP_SUBJECTS = frozenset({"it", "there", "this", "what"})
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "prep", "acomp"})
OBJECT_FRAME_PREPS = frozenset({"as", "for", "of", "over"})
SPEAKER_STOP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})


@dataclass
class Attribution:
    """One cue with its content; spans are (start, end) character offsets into doc.text."""

    content: Char | None  # None for a bare cue ("Pompeo said:") that only lends its source to a quote
    cue: Char
    cue_token: int
    speaker: Char | None
    addressee: Char | None
    how: str  # clause | infinitive | object | bare (an object naming a thing) | parenthetical | noun | phrase


PHRASE_DEPS = ("prep", "pobj", "pcomp", "advmod")


def find(doc: Doc, cues: Cues) -> list[Attribution]:
    """Every attribution the parse shows, in text order of the cue.

    Candidate cues (a verb or noun whose lemma is in the lexicons, or the last word of a cue phrase) are
    picked from the Doc's attribute arrays; Token objects, which cost most of the time, are made only for
    them.
    """
    out: list[Attribution] = []
    if not len(doc):
        return out
    strings = doc.vocab.strings
    arr = doc.to_array([POS, LEMMA, LOWER, DEP])
    pos = arr[:, 0]
    verb_or_noun = (pos == VERB) | (pos == NOUN)
    lemma_ids = arr[:, 1]
    lemmas = {u: strings[u].lower() for u in numpy.unique(lemma_ids[verb_or_noun]).tolist()}
    wanted = [u for u, lemma in lemmas.items()
              if lemma in cues.verbs or lemma in cues.prep_verbs or lemma in cues.adjacent_verbs
              or lemma in cues.nouns]
    candidates = verb_or_noun & numpy.isin(lemma_ids, wanted)
    phrase_last = [strings[w[-1]] for w in cues.phrases]
    phrase_deps = [strings[d] for d in PHRASE_DEPS]
    candidates |= numpy.isin(arr[:, 2], phrase_last) & (numpy.isin(arr[:, 3], phrase_deps) | (pos == ADP))
    for i in numpy.nonzero(candidates)[0].tolist():
        tok = doc[i]
        lemma = lemmas.get(int(lemma_ids[i]), "")
        p = int(pos[i])
        if p == VERB and (lemma in cues.verbs or lemma in cues.prep_verbs):
            a = _verb(tok, lemma, cues)
        elif p == VERB and lemma in cues.adjacent_verbs:
            a = _verb(tok, lemma, cues) if _next_to_quote(tok, lemma, cues) else None
        elif p == NOUN and lemma in cues.nouns:
            a = _noun(tok)
        elif tok.dep_ in PHRASE_DEPS or p == ADP:
            a = _phrase(doc, tok, cues)
        else:
            a = None
        if a is not None:
            out.append(a)
    return out


# ----------------------------------------------------------------------------- verbs

def _verb(tok: Token, lemma: str, cues: Cues) -> Attribution | None:
    content, how = _verb_content(tok, lemma, cues)
    speaker = _checked_source(tok, _subject(tok), cues)
    if speaker is None:
        speaker = _adjacent_name(tok)
    if speaker is not None and speaker.lower_ in STOP_SUBJECTS:
        return None
    if content is None:
        if speaker is None:
            return None
        how = "bare"
    return Attribution(content, _cue_span(tok), tok.i, _speaker_span(tok, speaker),
                       _addressee(tok, lemma, cues, content), how)


def _speaker_span(cue: Token, speaker: Token | None) -> Char | None:
    """The source's noun phrase; for "Barkley, who said ..." the antecedent through the relative pronoun,
    so the span holds both the name and the mention that does the saying."""
    if speaker is None:
        return None
    span = _np(speaker)
    verb, hops = cue, 0
    while verb.dep_ != "relcl" and verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i and hops < 4:
        verb, hops = verb.head, hops + 1
    if verb.dep_ == "relcl" and verb.head.i == speaker.i and span is not None:
        rel = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in REL_PRONOUNS), None)
        if rel is not None and rel.i > speaker.i:
            return span[0], rel.idx + len(rel.text)
    return span


NOT_SOURCE_ENTS = frozenset({"DATE", "TIME"})
QUANTITY_DEPS = frozenset({"npadvmod", "nummod", "quantmod", "dep", "nmod"})
NAMED_ENTS = frozenset({"PERSON", "ORG", "NORP"})
# Dashes between a dateline and the source it names ("WASHINGTON (AP) — the official"): em, en, doubled, hyphen.
SOURCE_DASHES = frozenset({"—", "–", "--", "-"})


def _checked_source(cue: Token, speaker: Token | None, cues: Cues) -> Token | None:
    """Correct sources the parse gets wrong in news layout: a document object ("His office put out a
    statement saying ...") gives way to its issuer; a date ("said Tuesday") is no source; a dateline place
    gives way to its apposition ("CITY, date (AGENCY) — A spokesman for X told ..."); a subject on the
    other side of a quotation mark from the cue ("“We were wrong,” Diaz, 58, told AFP") gives way to the
    first name or noun between the closing mark and the cue."""
    if speaker is None:
        return None
    if speaker.lemma_.lower() in cues.documents and speaker.dep_ == "dobj" and speaker.head.i < speaker.i:
        issuer = _subject(speaker.head)  # "His office put out a statement saying ...": the office
        if issuer is not None and issuer.lower_ not in STOP_SUBJECTS:
            return issuer
    date = speaker.ent_type_ in NOT_SOURCE_ENTS and (speaker.pos_ == "PROPN" or speaker.dep_ == "npadvmod")
    if date or speaker.ent_type_ in ("GPE", "LOC"):  # "Tuesday", "July"; not "the 46-year-old"
        # a person first, else the last apposition: "CITY, date (AGENCY) — the source"
        appos = sorted((c for c in speaker.subtree if c.dep_ == "appos" and c.i > speaker.i
                        and (c.ent_type_ in NAMED_ENTS or (c.pos_ == "NOUN" and any(
                            t.text in SOURCE_DASHES for t in cue.doc[speaker.i + 1:c.left_edge.i])))
                        and cue.doc[max(0, c.left_edge.i - 1)].text != "("),  # not "(UPI)"
                       key=lambda c: (c.ent_type_ != "PERSON", -c.i))
        if appos:
            return appos[0]
        if date:
            return None
    lo, hi = sorted((speaker.i, cue.i))
    marks = [t.i for t in cue.doc[lo + 1:hi] if _is_mark(t)]
    if len(marks) % 2 == 1 and speaker.i < cue.i:
        for t in cue.doc[marks[-1] + 1:cue.i]:
            if t.pos_ in ("PROPN", "NOUN") or (t.pos_ == "PRON" and t.lower_ in ("he", "she", "they", "i", "we")):
                return t
        return None
    return speaker


QUOTE_CHARS = frozenset("\"“”«»")  # double marks only: ’ is mostly an apostrophe ("Trump’s")


def _is_mark(t: Token) -> bool:
    return t.text in ("''", "``") or (bool(t.text) and all(ch in QUOTE_CHARS for ch in t.text))


def _next_to_quote(tok: Token, lemma: str, cues: Cues) -> bool:
    """Whether a verb that is a cue only beside a quotation ("..., he continued", "He went on: “...") has
    one: a quotation mark just before its subject or just after it (past a comma, colon or particle)."""
    if any(p == lemma for p, _ in cues.adjacent_particles) and not any(
            c.dep_ == "prt" and (lemma, c.lower_) in cues.adjacent_particles for c in tok.children):
        return False
    doc, sent = tok.doc, tok.sent
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    left = subj.left_edge.i if subj is not None and subj.i < tok.i else tok.i
    before = doc[max(sent.start, left - 2):left]
    after = doc[tok.i + 1:min(sent.end, tok.i + 4)]
    return any(_is_mark(t) for t in (*before, *after))


def _adjacent_name(tok: Token) -> Token | None:
    """A subject the parser missed: a proper noun or personal pronoun right before the cue verb."""
    i = tok.i - 1
    while i >= 0 and tok.doc[i].dep_ in ("advmod", "aux", "neg") and tok.doc[i].head.i == tok.i:
        i -= 1
    if i < 0 or tok.doc[i].sent.start != tok.sent.start:
        return None
    prev = tok.doc[i]
    if prev.pos_ == "PROPN" or (prev.pos_ == "PRON" and prev.lower_ in ("he", "she", "they", "i", "we")):
        return prev
    # "About 4 in 10 say ...", "Less than a third agreed ...": a quantity the parser hung on the verb
    for c in tok.lefts:
        if c.right_edge.i == i and c.dep_ in QUANTITY_DEPS and c.pos_ in ("NUM", "NOUN") \
                and c.ent_type_ not in NOT_SOURCE_ENTS and not any(t.is_punct for t in c.subtree):
            return c
    return None


def _verb_content(tok: Token, lemma: str, cues: Cues) -> tuple[Char | None, str]:
    children = list(tok.children)
    if lemma not in cues.verbs and lemma not in cues.adjacent_verbs:
        return _prep_object(tok, lemma, children, cues)
    inserted = _inserted(tok)
    if inserted is not None:
        return inserted, "parenthetical"
    clauses = [c for c in children
               if c.dep_ == "ccomp" or (c.dep_ == "parataxis" and c.i > tok.i and _colon_between(tok, c))]
    if clauses:
        spans = [s for s in (_clause(c) for c in clauses) if s is not None]
        if lemma not in cues.addressee_verbs:
            # "She added [the new plant] will be ...": a subject the parser hung on the cue as its object
            for c in children:
                if c.dep_ == "dobj" and c.i > tok.i and any(k.left_edge.i == c.right_edge.i + 1 for k in clauses):
                    spans.append((c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)))
        if spans:
            last = max(e for _, e in spans)
            for c in children:  # "said [he had spoken ...] and [the two had ...]": a conjoined clause with its own subject
                if c.dep_ == "conj" and c.idx >= last and c.lemma_.lower() not in cues.verbs \
                        and (any(g.dep_ == "nsubj" for g in c.children)
                             or any(g.is_quote for g in c.subtree)):
                    extra = _clause(c)
                    if extra is not None:
                        spans.append(extra)
            return (min(s for s, _ in spans), max(e for _, e in spans)), "clause"
    if lemma in cues.infinitive_verbs:
        for c in children:
            if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) \
                    and _subject(tok) is not None:
                return _clause(c), "infinitive"
    objects = [c for c in children if c.dep_ == "dobj"]
    predicates = [c for c in children if c.dep_ == "oprd"]
    if objects and predicates:  # "called him a political opportunist"
        return _span(list(objects[0].subtree) + list(predicates[0].subtree)), "object"
    about, how = _prep_object(tok, lemma, children, cues)
    if how == "object":
        return about, how
    bare: Char | None = about
    if lemma in cues.object_verbs:
        for c in children:
            if c.dep_ == "dobj" and not (lemma in cues.addressee_verbs and _is_person_like(c)):
                # "accused Trump of ...", "described it as ...", "criticized him for ...": the object and its frame
                frame = [p for p in children if p.dep_ == "prep" and p.i > c.i and p.lower_ in OBJECT_FRAME_PREPS]
                toks = list(c.subtree) + [t for p in frame for t in p.subtree]
                if not (_bare(toks) if frame else _names_a_thing(c)):
                    return _span(toks), "object"
                bare = _span(toks)  # "rejected the criticism", "promised aid": a thing, kept only if nothing else
                break
    that = _that_clause(tok)
    if that is not None:
        return that, "clause"
    if tok.dep_ in ("parataxis", "ccomp") and tok.head.i != tok.i and _subject(tok) is not None \
            and _set_off(tok):
        return _parenthetical(tok), "parenthetical"
    return (bare, "bare") if bare is not None else (None, "")


def _prep_object(tok: Token, lemma: str, children: list[Token], cues: Cues) -> tuple[Char | None, str]:
    """"called for [the US to take a stronger role]": the object of a cue verb's preposition; "bare" when it
    only names a thing or a topic ("talked about the economy", "commented on the ruling")."""
    for c in children:
        if c.dep_ == "prep" and (lemma, c.lower_) in cues.verb_preps:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return _span(obj.subtree), "bare" if obj.dep_ == "pobj" and _names_a_thing(obj) else "object"
        if c.dep_ == "advcl" and c.i > tok.i:  # "calling for [the US to take a stronger role]"
            mark = next((g for g in c.children if g.dep_ == "mark"), None)
            if mark is not None and (lemma, mark.lower_) in cues.verb_preps:
                return _span(t for t in c.subtree if t.i != mark.i), "object"
    return None, ""


def _that_clause(tok: Token) -> Char | None:
    """"he said that ...", misparsed: the rest of the sentence after a "that" right behind the cue."""
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and doc[i].dep_ in ("dobj", "dative", "npadvmod") and doc[i].head.i == tok.i \
            and doc[i].i - tok.i < 4:
        i += 1
    if i + 1 < len(doc) and doc[i].lower_ == "that" and doc[i].dep_ == "mark":
        return _span(doc[i + 1:tok.sent.end])
    return None


def _inserted(tok: Token) -> Char | None:
    """"The good news, Woolson said, is that ...": a subject-verb pair between commas inside a sentence
    reports the whole sentence around it, however the parser attached it."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None:
        return None
    sent = tok.sent
    left, right = subj.left_edge.i - 1, tok.i + 1
    while right < sent.end and tok.doc[right].head.i == tok.i and tok.doc[right].dep_ in ("dobj", "dative", "npadvmod") \
            and not tok.doc[right].is_punct:
        right = tok.doc[right].right_edge.i + 1
    if left <= sent.start or right >= sent.end - 1:
        return None
    if tok.doc[left].text != "," or tok.doc[right].text != ",":
        return None
    if any(c.dep_ == "ccomp" for c in tok.lefts):  # the cue's own left clause: not an insertion
        return None
    return _span([t for t in sent if not (left <= t.i <= right)])


def _set_off(tok: Token) -> bool:
    """Whether a cue clause stands apart from its host, after a comma or dash ("..., Trump said")."""
    left = tok.left_edge.i
    return left > 0 and tok.doc[left - 1].text in (",", "—", "–", "--", "-")


def _colon_between(a: Token, b: Token) -> bool:
    doc = a.doc
    return any(doc[i].text == ":" for i in range(a.i + 1, b.left_edge.i + 1))


def _parenthetical(tok: Token) -> Char | None:
    """"The summit, Trump said, will be late": the host clause without the cue's own words."""
    host = tok.head
    own = {t.i for t in tok.subtree}
    rest = [t for t in host.subtree if t.i not in own]
    return _span(rest)


def _subject(tok: Token, depth: int = 0) -> Token | None:
    """The source of a cue verb: its subject, a relative clause's antecedent, or a governing verb's subject."""
    # of two subjects ("CITY, date — Fans of X have taken to ..."), the one nearest before the verb
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if subjects:
        c = subjects[0]
        if len(subjects) > 1:  # not a quoted title's word ("Lee, star of “Dawn,” thanked")
            near = [s for s in subjects if s.i < tok.i and s.pos_ in ("NOUN", "PROPN")
                    and not any(_is_mark(t) for t in tok.doc[s.i:tok.i])]
            c = near[-1] if near else c
        if c.lower_ in REL_PRONOUNS and tok.dep_ == "relcl":
            return tok.head
        return c
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if depth < 4 and tok.dep_ in CLIMB_DEPS and tok.head.i != tok.i:
        head = tok.head
        if tok.dep_ == "acl" and head.i < tok.i and head.left_edge.i > 0 and _is_mark(tok.doc[head.left_edge.i - 1]):
            return head  # "“...?” the 52-year-old asked": the parser made the inverted subject the head
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head if tok.tag_ == "VBG" else None
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            return None
        # "likely to say", "began by talking", "eager to prove": the subject of the governing verb
        return _subject(tok.head, depth + 1)
    if depth == 0 and tok.i > 0 and tok.doc[tok.i - 1].text in (",", "”", "\"", "’", "''"):
        # "..., said a former spokesman": the source after the cue, parsed as its object
        for c in tok.rights:
            if c.dep_ in ("dobj", "attr", "npadvmod", "nsubjpass") and c.pos_ in ("PROPN", "NOUN"):
                return c
    return None


def _addressee(tok: Token, lemma: str, cues: Cues, content: Char | None) -> Char | None:
    for c in tok.children:
        if lemma in cues.addressee_verbs and c.dep_ in ("dobj", "dative") and _is_person_like(c):
            return _addressee_span(c, content)
        if c.dep_ in ("prep", "dative") and c.lower_ == "to":
            obj = _pobj(c)
            if obj is not None and _is_person_like(obj):
                return _addressee_span(obj, content)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "on"):
            noun = _pobj(c)
            if noun is not None and noun.lemma_.lower() in cues.addressee_nouns:
                for p in noun.children:
                    if p.dep_ == "prep" and p.lower_ in ("with", "to"):
                        obj = _pobj(p)
                        if obj is not None:
                            return _addressee_span(obj, content)
    return None


def _addressee_span(tok: Token, content: Char | None) -> Char | None:
    toks = [t for t in tok.subtree if t.ent_type_ not in ("DATE", "TIME")]
    span = _span(toks)
    if span is not None and content is not None and span[0] < content[1] and content[0] < span[1]:
        span = _span(_np_tokens(tok))
    return span


def _pobj(prep: Token) -> Token | None:
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _is_person_like(tok: Token) -> bool:
    return tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or (
        tok.pos_ == "NOUN" and tok.tag_ == "NNS") or tok.lemma_.lower() in ("reporter", "audience", "crowd")


# ----------------------------------------------------------------------------- nouns and phrases

def _noun(tok: Token) -> Attribution | None:
    content = None
    for c in tok.children:
        if c.dep_ in ("acl", "ccomp", "relcl", "appos") and c.pos_ in ("VERB", "AUX"):
            kids = list(c.children)
            if any(g.dep_ == "mark" and g.lower_ == "that" for g in kids) or (
                    c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in kids)):
                content = _clause(c)
                break
    if content is None:
        return None
    speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
    if speaker is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                speaker = _pobj(c)
                break
    if speaker is None and tok.dep_ == "dobj":
        speaker = _subject(tok.head)
    if speaker is None:
        return None
    return Attribution(content, (tok.idx, tok.idx + len(tok.text)), tok.i,
                       _np(speaker) if speaker is not None else None, None, "noun")


def _phrase(doc: Doc, tok: Token, cues: Cues) -> Attribution | None:
    low = tok.lower_
    for words in cues.phrases:
        if words[-1] != low or tok.i + 1 < len(words):
            continue
        first = tok.i - len(words) + 1
        if any(doc[first + k].lower_ != w for k, w in enumerate(words)):
            continue
        source = _pobj(tok)
        if source is None:
            return None
        head = doc[first].head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        own = {t.i for t in doc[first].subtree} | set(range(first, tok.i + 1)) | {t.i for t in source.subtree}
        rest = [t for t in head.subtree if t.i not in own]
        content = _span(rest)
        if content is None:
            return None
        cue = (doc[first].idx, tok.idx + len(tok.text))
        return Attribution(content, cue, first, _np(source), None, "phrase")
    return None


# ----------------------------------------------------------------------------- spans

def _names_a_thing(head: Token) -> bool:
    """Whether a noun phrase names a thing rather than reports content: a noun head with no content clause of
    its own ("the report that he resigned" reports one) and no quotation mark ("sales of $5 million for the
    quarter ended May 1", "his rights as the boy's father", "Slepian and other doctors who were killed")."""
    if head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        return False
    if any(t.is_quote for t in head.subtree):
        return False
    return not any(c.dep_ in ("ccomp", "acl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                   for c in head.children)


def _bare(tokens: list[Token]) -> bool:
    """Whether an object names a thing rather than reported content: no verb and no quotation mark in it."""
    return not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in tokens)


def _clause(tok: Token) -> Char | None:
    toks = list(tok.subtree)
    while toks and toks[0].dep_ == "mark" and toks[0].lower_ in ("that",) and toks[0].head.i == tok.i:
        toks = toks[1:]
    return _span(toks)


def _span(tokens: object) -> Char | None:
    """Hull of the tokens, trimmed of punctuation and spaces at both edges."""
    toks = [t for t in tokens if not t.is_space]  # type: ignore[attr-defined]
    while toks and (toks[0].is_punct or toks[0].text in EDGE_PUNCT):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].text in EDGE_PUNCT):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _np_tokens(tok: Token) -> list[Token]:
    """The noun phrase of a head token: its left dependents and close right modifiers ("of state"),
    without appositions, relative clauses or anything after a comma."""
    if tok.pos_ == "PRON":
        return [tok]
    left = [t for t in tok.subtree if t.i < tok.i]
    # left dependents only as far as the nearest punctuation before the head
    start = tok.i
    for t in reversed(left):
        if t.is_punct and t.text not in ("'", "’", "-", "."):
            break
        start = t.i
    end = tok.i
    for c in tok.rights:
        if c.dep_ in SPEAKER_STOP_DEPS or c.is_punct:
            break
        if c.dep_ in ("prep", "compound", "flat", "nummod", "amod", "poss", "case", "npadvmod"):
            end = max(end, c.right_edge.i)
        else:
            break
    return [t for t in tok.doc[start:end + 1]]


def _np(tok: Token) -> Char | None:
    return _span(_np_tokens(tok))


def _cue_span(tok: Token) -> Char:
    end = tok.idx + len(tok.text)
    for c in tok.rights:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
    return tok.idx, end
