"""Events no trigger word names: a statement whose words add up to a strong negative judgment, or that says
what another party should or must do.

"It's just sad in America that we have such poor choices right now," he told WKOW-TV. — no verb there
accuses anyone, yet the speaker condemns; PLOVER (and the annotated corpus) codes it ACCUSE. For each
statement with a known speaker, the part of its content inside one sentence is scored with the negative
words of `lexicons/statement_valence.tsv`: adjectives, verbs, adverbs and insulting nouns ("liar"); other
nouns ("damage") name harms, and words that name events ("war", "weapons": the trigger lexicon's) judge no
one; a negated word counts half, the other way. At or below `THRESHOLD` the sentence holds an ACCUSE by the
speaker, aimed at the entities the words name (other than the speaker), its trigger the most negative word.
A sentence where the rules already found an event gets none: its words name what happened. A company's
statement, and a business person's aimed at no one outside business (an analyst's gloom), are market news.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

from ...lexicons import read_table
from ...record import Event, SentenceSpan, TextSpan
from ..base import in_boilerplate
from ..entities.lexicon import load as entity_lexicons
from .arguments import EntityIndex, sentences_back, unspecified

# Sum of the negative valences (VADER scale, -4 the strongest word) a statement's words must reach. Chosen on
# the events corpus's dev split among -1, -1.5, -2 and -3 (dev type F1 0.315, 0.321, 0.314, 0.310; train the same order).
THRESHOLD = -1.5
NOUNS = frozenset({"NOUN", "PROPN"})
NEGATED_WEIGHT = -0.5  # "not fair": a negated negative word counts half, as a positive judgment
ACCUSE = ("ACCUSE", "disapprove", "111")
REQUEST = ("REQUEST", None, "100")
# Subjects of a "should"/"must" clause that name no one else to demand it of: the speaker's own side, the one
# spoken to, or nobody in particular ("it must be said", "there should be an inquiry").
NOT_DEMANDED_OF = frozenset({"i", "we", "you", "it", "this", "that", "there", "which", "who", "what", "everybody",
                             "everyone", "nobody", "anyone", "one"})
# "she", "him", ... -> the entity gender they agree with (the entities component's pronoun lexicon)
THIRD_PERSON_GENDER = {word: {"f": "female", "m": "male"}[info.gender]
                       for word, info in entity_lexicons().pronouns.items()
                       if info.gender in ("f", "m") and not info.plural and info.person == 3}
SPOKEN_OF_SENTENCES = 3  # the statement's own sentence and the two before it
NOT_DEMANDED = frozenset({"be", "have"})  # "should be able", "must have known": a state, no act demanded
# Where a noun phrase says what someone is ("he is a liar", "called them thugs", "Kopp, a killer"), not what they do
SAID_OF = frozenset({"attr", "oprd", "appos", "ROOT"})
# nouns for kinds of people the entities component knows ("terrorist", "dictator"): used as modifiers too
PERSON_NOUNS = frozenset(noun for noun, info in entity_lexicons().nouns.items() if info.type == "PERSON")


class StatementCoder:
    """ACCUSE events from the valence of statements, REQUEST events from what they say others should do; the
    lexicon is read once."""

    def __init__(self, event_words: frozenset[str] = frozenset(), insults: frozenset[str] = frozenset(),
                 deontic: frozenset[str] = frozenset(), forces: frozenset[str] = frozenset(),
                 table: str = "statement_valence.tsv") -> None:
        """`event_words`: lemmas that name events (the trigger lexicon's): "war", "attack", "weapons" are no
        judgment of anyone, however negative. Other nouns ("damage", "losses") name harms, not judgments:
        only the nouns of `insults` ("liar", "disgrace") count. Words describing one of the `forces` of nature
        or weather ("dangerous landslides") judge no one."""
        self.valence = {row["word"]: float(row["valence"]) for row in read_table(table)}
        self.event_words = event_words
        self.insults = insults
        self.deontic = deontic
        self.forces = forces

    def word(self, token: Token) -> float:
        lemma = token.lemma_.lower()
        if lemma in self.event_words or (token.pos_ in NOUNS and lemma not in self.insults) or _of_no_one(token) \
                or _describes(token, self.forces):
            return 0.0
        value = self.valence.get(token.lower_, self.valence.get(token.lemma_.lower(), 0.0))
        if value and any(c.dep_ == "neg" for t in (token, token.head) for c in t.children):
            return NEGATED_WEIGHT * value
        return value

    def events(self, doc: Doc, entities: EntityIndex, coded: set[int], first_id: int,
               skip: tuple[int, int] | None = None) -> list[Event]:
        """The ACCUSE events of the statements in `doc`, numbered from `first_id`; none inside `skip` (the
        headline) nor in a sentence whose words name an event already (its start in `coded`)."""
        out: list[Event] = []
        coded = set(coded)
        sents = list(doc.sents)
        starts = [s.start_char for s in sents]
        for quote in doc._.attache_quotes or ():
            speaker = quote.speaker.entity if quote.speaker else None
            if speaker is None or quote.content is None:
                continue
            if speaker in entities.business and entities.types.get(speaker) == "ORG":
                continue  # a company's gloom ("sales fell", "we are very disappointed") is market news
            for sent in _sentences(sents, starts, quote.content.start, quote.content.end):
                start, end = max(sent.start_char, quote.content.start), min(sent.end_char, quote.content.end)
                words = doc.char_span(start, end, alignment_mode="expand")
                if words is None or sent.start_char in coded:
                    continue
                if (skip and skip[0] <= start < skip[1]) or in_boilerplate(doc, start, end):
                    continue
                scored = [(self.word(t), t) for t in words]
                if sum(v for v, _ in scored if v < 0) > THRESHOLD:
                    continue
                trigger = min(scored, key=lambda x: x[0])[1]
                targets = _targets(words, entities, speaker, doc, quote.cue)
                if speaker in entities.business and all(t in entities.business for t in targets):
                    continue  # an analyst's gloom about companies ("a loser's game", "disappointing"): market news
                if speaker in entities.private and not targets:
                    continue  # a voter's gloom aimed at no one ("it is all so sad and frightening"): opinion
                coded.add(sent.start_char)
                out.append(Event(
                    id=f"v{first_id + len(out)}", type=ACCUSE[0], mode=ACCUSE[1], actors=[speaker],
                    recipients=targets, trigger=TextSpan(trigger.idx, trigger.idx + len(trigger), trigger.text),
                    sentence=SentenceSpan(sent.start_char, sent.end_char), cameo=ACCUSE[2],
                    time=quote.time, place=quote.place or None))  # said when and where the statement was made
        return out

    def demands(self, doc: Doc, entities: EntityIndex, coded: set[int], first_id: int,
                skip: tuple[int, int] | None = None) -> list[Event]:
        """REQUEST events of statements that say what another party should or must do ("North Korea should
        abandon its missile programme," the minister said; the senator said the party must back the nominee):
        the speaker demands it of the clause's subject. At most one per sentence, none in a sentence whose words
        name a request already (its start in `coded`)."""
        out: list[Event] = []
        coded = set(coded)
        for quote in doc._.attache_quotes or ():
            speaker = quote.speaker.entity if quote.speaker else None
            if speaker is None or quote.content is None or (skip and skip[0] <= quote.content.start < skip[1]):
                continue
            words = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
            for verb in words or ():
                subject = demanded_of(verb, self.deontic)
                target = entities.at(subject) if subject is not None else None
                if target is None or target == speaker:
                    continue
                sent = verb.sent  # found by a walk over the parse: only for a demand
                if sent.start_char in coded or in_boilerplate(doc, verb.idx, verb.idx + len(verb)):
                    continue
                coded.add(sent.start_char)
                out.append(Event(
                    id=f"v{first_id + len(out)}", type=REQUEST[0], mode=REQUEST[1], actors=[speaker],
                    recipients=[target], trigger=TextSpan(verb.idx, verb.idx + len(verb), verb.text),
                    sentence=SentenceSpan(sent.start_char, sent.end_char), cameo=REQUEST[2],
                    time=quote.time, place=quote.place or None))
        return out

    def event(self, doc: Doc, sent: Span, type_: str, entities: EntityIndex) -> Event | None:
        """An event of `type_` (one the learned coder found) done by the speaker of a statement reported in
        `sent`, aimed at the entities its words there name; its trigger the reporting verb when it is in the
        sentence, else the statement's main word there. None when the sentence reports no one's statement."""
        for quote in doc._.attache_quotes or ():
            speaker = quote.speaker.entity if quote.speaker else None
            if speaker is None or quote.content is None or quote.content.end <= sent.start_char \
                    or sent.end_char <= quote.content.start:
                continue
            words = doc.char_span(max(sent.start_char, quote.content.start), min(sent.end_char, quote.content.end),
                                  alignment_mode="expand")
            if words is None:
                continue
            cue = quote.cue if quote.cue and sent.start_char <= quote.cue.start < sent.end_char else None
            trigger = TextSpan(cue.start, cue.end, cue.text) if cue else \
                TextSpan(words.root.idx, words.root.idx + len(words.root), words.root.text)
            return Event(id="v0", type=type_, actors=[speaker], recipients=_targets(words, entities, speaker, doc, cue),
                         trigger=trigger, sentence=SentenceSpan(sent.start_char, sent.end_char),
                         time=quote.time, place=quote.place or None)
        return None


def _describes(word: Token, nouns: frozenset[str]) -> bool:
    """Whether an adjective describes one of `nouns`: "dangerous and unpredictable landslides", "the storm was
    terrible"."""
    while word.dep_ == "conj" and word.head is not word:
        word = word.head
    if word.dep_ == "amod":
        return word.head.lemma_.lower() in nouns
    return word.dep_ == "acomp" and any(c.dep_ == "nsubj" and c.lemma_.lower() in nouns for c in word.head.children)


def _of_no_one(word: Token) -> bool:
    """An insult for a kind of person said of no one in particular: a bare plural ("we will pursue terrorists",
    "terrorists know no boundaries") or a modifier of a kind of act or group ("terrorist acts", "used by terrorist
    groups"), unless its phrase says what someone is ("the head of a terrorist group", "they are thugs")."""
    if word.dep_ in ("amod", "compound") and word.lemma_.lower() in PERSON_NOUNS:
        phrase = word.head
    elif word.tag_ == "NNS" and unspecified(word):
        phrase = word
    else:
        return False
    while phrase.dep_ in ("pobj", "prep", "conj") and phrase.head is not phrase:
        phrase = phrase.head
    return phrase.dep_ not in SAID_OF


def demanded_of(verb: Token, deontic: frozenset[str]) -> Token | None:
    """The subject an act is demanded of when a clause says it should or must be done ("North Korea should
    abandon ...", "the party must back ...", "he needs to stop ..."), active and no state ("should be able", "must
    have known", "must be dreaming"), not describing a noun; None otherwise, and for a subject that names no other
    party ("we must")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in NOT_DEMANDED or verb.tag_ == "VBG":
        return None
    clause = verb
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "need" and any(c.lower_ == "to" for c in verb.children):
        clause = verb.head  # "the mayor needs to resign"
    elif not any(c.dep_ == "aux" and c.lower_ in deontic for c in verb.children):
        return None
    if clause.dep_ == "relcl":
        return None  # "a problem the regime still needs to solve": what it faces, no demand
    if any(c.dep_ in ("auxpass", "nsubjpass") or (c.dep_ == "aux" and c.lemma_.lower() == "have")
           for c in verb.children):
        return None
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return None if subject is None or subject.lower_ in NOT_DEMANDED_OF else subject


def _targets(words: Span, entities: EntityIndex, speaker: str, doc: Doc, cue: TextSpan | None) -> list[str]:
    """Whom a statement is about, other than its speaker: the one it is said of ("Sanders said of Trump"),
    then the entities its words name, in text order; failing both, the person its "he" or "she" stands for."""
    named = sorted({e for t in words if (e := entities.at(t)) and e != speaker},
                   key=lambda e: next(t.i for t in words if entities.at(t) == e))
    said_of = [e for e in _said_of(doc, cue, entities) if e != speaker]
    targets = said_of + [e for e in named if e not in said_of]
    if not targets and (person := _spoken_of(words, entities, speaker, doc)) is not None:
        targets.append(person)
    return targets


def _spoken_of(words: Span, entities: EntityIndex, speaker: str, doc: Doc) -> str | None:
    """The person a statement's "he" or "she" stands for ("She's absolutely wrong," the lawyer said): the
    nearest person the article names before the statement, within `SPOKEN_OF_SENTENCES` sentences, other
    than the speaker and not known to be of the other gender. The entities component links a pronoun inside
    a quotation only to names inside it; a judgment's target is as often named just before."""
    pronoun = next((t for t in words if t.lower_ in THIRD_PERSON_GENDER), None)
    if pronoun is None:
        return None
    gender = THIRD_PERSON_GENDER[pronoun.lower_]
    for token in reversed(doc[sentences_back(words[0], SPOKEN_OF_SENTENCES - 1): words.start]):
        entity = entities.at(token)
        if entity and entity != speaker and entities.types.get(entity) == "PERSON" \
                and entities.genders.get(entity) in (gender, "unknown", None):
            return entity
    return None


def _said_of(doc: Doc, cue: TextSpan | None, entities: EntityIndex) -> list[str]:
    """The entities a reporting verb's "of" names ("said of the front-runner", "wrote of her rival")."""
    verb = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue and cue.start is not None else None
    if verb is None:
        return []
    return [e for prep in verb.root.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for p in prep.children if p.dep_ == "pobj" and (e := entities.at(p))]


def statement_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of what the article's quotes report (direct, indirect and mixed)."""
    return [(q.content.start, q.content.end) for q in doc._.attache_quotes or () if q.content is not None]


def _sentences(sents: list[Span], starts: list[int], start: int, end: int) -> list[Span]:
    """The sentences overlapping [start, end), found by bisection (an article may hold thousands)."""
    first = max(0, bisect.bisect_right(starts, start) - 1)
    out = []
    for sent in sents[first:]:
        if sent.start_char >= end:
            break
        if start < sent.end_char:
            out.append(sent)
    return out
