"""Who did it to whom: actors and recipients of an event, as entity ids, from the dependency parse.

Verbs: subject -> actor, object or prepositional object -> recipient, passive agent -> actor; coordinated
arguments ("Trump and Kim") all count. Nouns: possessor, compound or nationality adjective -> actor
("Kim's invitation", "the Trump-Kim meeting", "U.S. demands"), "with/against/on X" -> recipient, and when
the noun names no actor, the subject of the verb it hangs from ("Pompeo came away from meetings").
An argument that is not itself an entity mention lends the entities it is made of ("officials in Russia",
"his North Korean counterpart, Choe Son Hui").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...record import Entity
from .triggers import for_clause, of_time, to_infinitive

# Subjects that are the actor (passive ones are the recipient); objects that are the recipient.
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
RECIPIENT_OBJECT_DEPS = frozenset({"dobj", "dative", "obj", "iobj"})
RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "upon", "at", "toward", "towards", "into", "for"})
ACTOR_PREPS = frozenset({"by", "between", "among", "amongst"})
PART_PREPS = frozenset({"of", "from", "in"})
PART_OF_IN = frozenset({"of", "in"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# Types whose "of"-argument is the one acted upon ("the arrest of X", "criticism of X").
PATIENT_OF = frozenset({"ASSAULT", "COERCE", "RETREAT", "SANCTION", "ACCUSE", "REJECT", "SUPPORT", "AID",
                        "REQUEST", "THREATEN", "CONCEDE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Relations through which a noun trigger reaches the verb whose subject is its actor.
LIGHT_DEPS = frozenset({"dobj", "pobj", "prep", "pcomp", "nsubjpass", "appos", "conj", "oprd", "dative", "prt",
                        "advmod"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
# Prepositions of time and manner: a gerund after them is done by the subject of the verb they hang from, whatever
# its object ("praised the staff before meeting the victims", "hurt him by attacking"); after others ("stopped X from
# leaving", "accused X of lying") it may be done by the object.
# Prepositions of the verb a noun event hangs on that name whom the event is for or against.
GOVERNOR_RECIPIENT_PREPS = frozenset({"to", "against"})
# Events whose object is the actor's own forces, moved or readied ("sent 400 troops to the border"): whom they
# are aimed at is a party in a "to"/"against" phrase, never the object.
OWN_FORCES_TYPES = frozenset({"MOBILIZE"})
ASIDE_PREPS = frozenset({"before", "after", "while", "upon", "since", "when", "despite"})  # open an event of its own
ADVERBIAL_PREPS = ASIDE_PREPS | {"by", "without", "through", "besides"}


class EntityIndex:
    """Token index -> entity id of the shortest mention covering that token, built once per Doc."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.by_token: list[str | None] = [None] * len(doc)
        best: list[int] = [1 << 30] * len(doc)
        self.types: dict[str, str] = {e.id: e.type for e in entities}
        self.genders: dict[str, str | None] = {e.id: e.gender for e in entities}
        # Entities that stand for a country or a known actor; "officials" alone does not.
        self.placed = frozenset(e.id for e in entities if e.actor is not None and e.actor.country)
        # Named people the article gives no political role (no actor code, no sector): private persons.
        self.private = frozenset(e.id for e in entities if e.type == "PERSON" and not e.agent
                                 and not (e.actor is not None and (e.actor.code or e.actor.sector)))
        self.named_people = frozenset(e.id for e in entities if e.type == "PERSON" and not e.agent)
        # Companies: what they agree among themselves is business, not politics.
        self.business = frozenset(e.id for e in entities if e.actor is not None and e.actor.sector == "BUS")
        self.countries: dict[str, str] = {e.id: e.actor.country for e in entities if e.actor and e.actor.country}
        # Names that stand for a state itself: a country or its capital ("Ottawa would respond").
        self.states = frozenset(e.id for e in entities if e.type == "GPE" or e.actor is not None
                                and e.actor.country is not None and e.actor.code == e.actor.country)
        for entity in entities:
            for mention in entity.mentions:
                if mention.start is None or mention.end is None or mention.end <= mention.start:
                    continue
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                length = mention.end - mention.start
                for i in range(span.start, span.end):
                    if length < best[i]:
                        best[i] = length
                        self.by_token[i] = entity.id

    def at(self, token: Token) -> str | None:
        return self.by_token[token.i]


@dataclass
class Arguments:
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    actor_tokens: list[Token] = field(default_factory=list)
    recipient_tokens: list[Token] = field(default_factory=list)
    located: bool = False  # the recipient is where the event happened ("meetings in North Korea")


def _conjuncts(token: Token) -> list[Token]:
    return [token, *(t for t in token.conjuncts if t.i > token.i)]


def entities_of(token: Token, index: EntityIndex, depth: int = 0) -> list[str]:
    """The entities an argument refers to: its own mention, else those it is built from."""
    out: list[str] = []
    for part in _conjuncts(token):
        own = index.at(part)
        if own and part.pos_ == "PROPN":
            out += [e for e in _stranded(part, index, own) if e not in out]
        if own and (own in index.placed or depth >= 2):
            out.append(own)
            continue
        if depth >= 2:
            continue
        inner: list[str] = []
        for child in part.children:
            if child.dep_ == "appos":
                inner += entities_of(child, index, depth + 1)
        if not inner:
            for child in part.children:
                if child.dep_ == "prep" and child.lower_ in PART_PREPS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            inner += entities_of(pobj, index, depth + 1)
        if not inner and not own:  # whose a thing is: "the ruling by the court", "the plan announced by X"
            for by in _makers(part):
                inner += entities_of(by, index, depth + 1)
        if not inner:
            for child in part.children:
                if child.dep_ in MODIFIER_DEPS and index.at(child) and index.at(child) != own:
                    inner.append(index.at(child) or "")
        out += inner or ([own] if own else [])
    return out


def _stranded(name: Token, index: EntityIndex, own: str) -> list[str]:
    """Names coordinated with a name that the parser hung inside its title ("Donald Trump and House Speaker
    Paul Ryan pledged": "Trump" parsed as a modifier of "Speaker"): each is a party beside the name's own."""
    out = []
    for t in name.subtree:
        other = index.at(t)
        if t.i < name.i and t.dep_ == "nmod" and other and other != own and other not in out \
                and any(c.dep_ == "cc" and c.lower_ == "and" for c in t.children):
            out.append(other)
    return out


def _makers(noun: Token) -> list[Token]:
    """Who made a thing named by a noun: the object of its "by" ("the ruling by the court") or the agent of a
    participle after it ("the bill passed by the legislature", "the actions taken by the department")."""
    out = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            out += [p for p in child.children if p.dep_ == "pobj"]
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            out += [p for a in child.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    return out


def active_subjects(verb: Token) -> list[Token]:
    """The subject heads of an active verb, climbing to the verb that controls it ("the attack killed 253 and
    injured 5,000": the attack); none for a passive one."""
    subjects, passive = _subject_tokens(verb)
    return [] if passive else subjects


def _subject_tokens(verb: Token) -> tuple[list[Token], bool]:
    """Subject heads of a verb (climbing to the verb that controls it) and whether it is passive."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
        passive = [c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        agents = [p for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if token.i == verb.i and (passive or agents):
            return agents, True
        if subjects:
            if token.dep_ == "relcl" and subjects[0].lower_ in RELATIVE:
                return [token.head], False  # "rebels who attacked the town"
            return subjects, False
        if passive and token.i != verb.i:
            return passive, False
        if token.dep_ in ("xcomp", "conj", "advcl", "pcomp") and token.head.i != token.i:
            token = token.head
            if token.pos_ in ("NOUN", "PROPN"):
                return [token], False
            if token.pos_ == "ADP" and token.dep_ == "prep" and token.head.pos_ in ("VERB", "AUX") and (
                    token.lower_ in ADVERBIAL_PREPS
                    or not any(c.dep_ in ("dobj", "dative") for c in token.head.children)):
                # "refrain from endorsing", "apologized for attacking", "praised X before meeting Y"; not "stopped X
                # from", "accused X of lying"
                token = token.head
            continue
        if first_to(token):  # "Holt and Reyes were the sole senators to vote no": the copula's subjects
            return [c for c in token.head.head.children if c.dep_ in ACTIVE_SUBJECT_DEPS] or [token.head], False
        if token.dep_ in ("acl", "relcl"):
            return [token.head], False  # "the diplomat expected to meet ...", "troops sent to attack"
        break
    return [], False


def first_to(clause: Token) -> bool:
    """Whether a clause is a to-infinitive on what its subject is called ("Holt was the first senator to endorse
    Lee", "were the sole senators to vote no"): it tells what the subject did, and the subject did it."""
    return clause.dep_ in ("acl", "relcl") and clause.head.dep_ == "attr" and clause.head.head.lemma_ == "be" \
        and to_infinitive(clause)


def _prep_objects(token: Token, preps: frozenset[str]) -> list[tuple[Token, str]]:
    out = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps and not of_time(child):
            out += [(p, child.lower_) for p in child.children if p.dep_ == "pobj"]
    return out


def verb_arguments(verb: Token, type_: str, inverse: bool, index: EntityIndex) -> Arguments:
    """Actors and recipients of a verb trigger."""
    args = Arguments()
    subjects, passive = _subject_tokens(verb)
    objects = [c for c in verb.children if c.dep_ in RECIPIENT_OBJECT_DEPS]
    if passive:
        objects += [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if type_ in OWN_FORCES_TYPES:
        objects = []
    args.actor_tokens = subjects
    args.recipient_tokens = objects
    fallback: list[Token] = []  # "sent supplies to Italy": the goods are no party, the destination is
    for pobj, prep in _prep_objects(verb, RECIPIENT_PREPS | ACTOR_PREPS):
        if prep in ("between", "among", "amongst"):
            args.actor_tokens.append(pobj)
        elif not objects or prep in ("with", "against"):
            args.recipient_tokens.append(pobj)
        else:
            fallback.append(pobj)
    from_clause = not args.recipient_tokens
    if from_clause:
        # "demanded that Iran release ...", "urged to", "called for Iran to release": the subject of the
        # complement clause.
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp") or for_clause(child):
                args.recipient_tokens += [c for c in child.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
    if inverse:
        args.actor_tokens, args.recipient_tokens = args.recipient_tokens, args.actor_tokens
    _resolve(args, index)
    if from_clause and not inverse:
        # "Canada's minister warned that Ottawa would respond": the actor's own country acts in the clause
        own = {index.countries.get(a) for a in args.actors} - {None}
        args.recipients = [r for r in args.recipients if not (r in index.states and index.countries.get(r) in own)]
    if fallback and not any(r in index.placed for r in args.recipients):
        # "sent supplies to Italy": the destination, when it names a party ("opposed the governor's budget on
        # Monday" keeps the governor: a day is no party)
        other = Arguments(actor_tokens=args.actor_tokens, recipient_tokens=fallback)
        _resolve(other, index)
        if other.recipients:
            args.recipient_tokens, args.recipients = fallback, other.recipients
    return args


def done_to(verb: Token, index: EntityIndex, actors: list[str]) -> list[str]:
    """The party a verb's own infinitive acts on, when the verb names none: "refused to schedule a vote on
    Obama's nominee", "threatened to impose sanctions on Iran", "offered to debate Sanders" (only a party with a
    country: not "refused to answer the question")."""
    for child in verb.children:
        if child.dep_ != "xcomp" or child.pos_ != "VERB":
            continue
        tokens = [c for c in child.children if c.dep_ in RECIPIENT_OBJECT_DEPS]
        tokens += [p for p, _ in _prep_objects(child, RECIPIENT_PREPS)]
        for token in list(tokens):
            tokens += [p for p, _ in _prep_objects(token, RECIPIENT_PREPS)]  # "hearings for X", "sanctions on X"
        found = [e for t in tokens for e in entities_of(t, index) if e in index.placed and e not in actors]
        if found:
            return list(dict.fromkeys(found))
    return []


def noun_arguments(noun: Token, type_: str, index: EntityIndex, governor: Token | None,
                   lists: dict[str, frozenset[str]] | None = None) -> Arguments:
    """Actors and recipients of a noun trigger ("Kim's invitation", "sanctions on Iran"). With the word `lists`:
    the subject of a verb of receiving is the recipient and the "from"/"of" phrase the actor ("Clinton won
    endorsements from unions", "the FBI receives threats from militants"), and the "to" phrase of a verb of
    transfer whose subject the noun is, the recipient ("the endorsement went to Clinton")."""
    lists = lists or {}
    if governor is not None and governor.lemma_.lower() in lists.get("receive", ()):
        owned = any(c.dep_ == "poss" for c in noun.children)  # "its investigation of X": the owner acts, X undergoes
        givers = [p for p, _ in _prep_objects(noun, frozenset({"from"} if owned else {"from", "of"}))]
        givers += [p for p, _ in _prep_objects(governor, frozenset({"from"}))]
        if givers:
            subjects, passive = _subject_tokens(governor)
            args = Arguments(actor_tokens=givers, recipient_tokens=[] if passive else subjects)
            _resolve(args, index)
            if args.actors or args.recipients:
                return args
    args = Arguments()
    # "an aid package for Ukraine": the package's dependents are the event's.
    holders = [noun, noun.head] if noun.dep_ == "compound" and noun.head.i != noun.i else [noun]
    # "Keating's convictions", "his arrest": whom it was done to, unless an "of" phrase names that ("Iran's arrest
    # of the sailors")
    undergone = noun.lemma_.lower() in lists.get("undergone", ()) and not _prep_objects(noun, frozenset({"of"}))
    for child in (c for h in holders for c in h.children if c.i != noun.i):
        if child.dep_ == "poss":
            (args.recipient_tokens if undergone else args.actor_tokens).append(child)
        elif child.dep_ in ("compound", "amod", "nmod") and index.at(child):
            args.actor_tokens.append(child)
            args.actor_tokens += [c for c in child.subtree if c.dep_ == "compound" and c.i != child.i]
    for pobj, prep in (x for h in holders for x in _prep_objects(h, RECIPIENT_PREPS | ACTOR_PREPS | PART_OF_IN)):
        if prep in ACTOR_PREPS:
            args.actor_tokens.append(pobj)
        elif prep == "of":
            (args.recipient_tokens if type_ in PATIENT_OF else args.actor_tokens).append(pobj)
        elif prep == "in":
            if type_ == "CONSULT" and pobj.ent_type_ in PLACE_LABELS:
                args.recipient_tokens.append(pobj)
                args.located = True
        else:
            args.recipient_tokens.append(pobj)
    for clause in (c for c in noun.children if c.dep_ == "relcl"):  # "a meeting he had with the prime minister"
        if not args.recipient_tokens:
            args.recipient_tokens = [p for p, _ in _prep_objects(clause, frozenset({"with"}))]
        if args.recipient_tokens and not args.actor_tokens:
            args.actor_tokens = [t for t in _subject_tokens(clause)[0] if t.lower_ not in RELATIVE]
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and type_ in ("REQUEST", "THREATEN", "ACCUSE"):
            args.recipient_tokens += [c for c in child.children if c.dep_ in ACTIVE_SUBJECT_DEPS
                                      and c.lower_ not in RELATIVE]
    if not args.actor_tokens and noun.dep_ == "pobj" and noun.head.lower_ in ("for", "of") \
            and noun.head.head.lemma_.lower() in lists.get("proposal", ()):
        args.actor_tokens = [c for c in noun.head.head.children if c.dep_ == "poss"]  # "Trump's proposal for a
        #                                                                  ban": the proposer would do it
    if not args.actor_tokens and noun.dep_ == "attr" and noun.head.lemma_ == "be":
        args.actor_tokens = [s for s in _subject_tokens(noun.head)[0] if index.at(s)]  # "Germany has been a strong
        #                                                                  advocate of its entry": who it is acts
    if not args.recipient_tokens and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in lists.get("transfer", ()):
        args.recipient_tokens = [p for p, _ in _prep_objects(noun.head, frozenset({"to"}))]  # "went to Clinton"
    if governor is not None:
        if all(t.pos_ == "PRON" and not index.at(t) for t in args.actor_tokens):  # "upheld his conviction": the
            subjects, _ = _subject_tokens(governor)  # possessor is no one the article names; the court acts
            args.actor_tokens = [s for s in subjects if s.i != noun.i and noun not in list(s.subtree)]
        if not any(index.at(t) for t in args.recipient_tokens):
            # "sent $400 million in aid to Ukraine", "gave asylum to an activist", "granted Sri Lanka a loan",
            # "accusations of fraud were leveled against the governor" (fraud is no party)
            args.recipient_tokens += [p for p, _ in _prep_objects(governor, GOVERNOR_RECIPIENT_PREPS)]
            args.recipient_tokens += [c for c in governor.children if c.dep_ == "dative"]
    _resolve(args, index)
    return args


def _resolve(args: Arguments, index: EntityIndex) -> None:
    actors: list[str] = []
    for token in args.actor_tokens:
        actors += [e for e in entities_of(token, index) if e not in actors]
    recipients: list[str] = []
    for token in args.recipient_tokens:
        recipients += [e for e in entities_of(token, index) if e not in actors and e not in recipients]
    args.actors, args.recipients = actors, recipients


def light_verb(noun: Token) -> Token | None:
    """The verb a noun trigger is an object of ("held talks", "came from meetings", "considering ... a summit")."""
    token = noun.head if noun.dep_ == "compound" else noun  # "approved an aid package"
    for _ in range(5):
        if token.dep_ not in LIGHT_DEPS or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return None if token.lemma_ == "be" else token
    return None


def issuer(verb: Token, index: EntityIndex, documents: frozenset[str]) -> list[str]:
    """Who issued the document whose "-ing" clause the trigger heads ("the bishop released a statement deploring
    ...", "the group aired an ad accusing ..."): the subject of the verb the document is an object of."""
    document = verb.head
    if verb.dep_ != "acl" or document.lemma_.lower() not in documents or document.dep_ not in RECIPIENT_OBJECT_DEPS:
        return []
    subjects, passive = _subject_tokens(document.head)
    return [] if passive else [e for s in subjects for e in entities_of(s, index)]


def speaker_of(doc: Doc, at: int) -> list[str]:
    """Who says the words at character `at`, when a quotation or reported statement holds them and its speaker
    is an entity: the maker of a threat worded as a thing ("Any landing would have serious consequences, the
    minister said"), the "we" of a quotation ("We demand an apology," the senator said)."""
    for quote in doc._.attache_quotes or ():
        if quote.content and quote.content.start <= at < quote.content.end and quote.speaker \
                and quote.speaker.entity:
            return [quote.speaker.entity]
    return []


DEFINITE = frozenset({"the", "this", "these", "that", "those"})  # a thing named before: "the ruling", "that report"
AUTHOR_LOOKBACK = 6  # sentences back to the document a subject "the letter" or "it" refers to
AUTHOR_LOOKBACK_TOKENS = 400  # and never more words than this (a table's one endless "sentence")


def author(verb: Token, index: EntityIndex, documents: frozenset[str]) -> list[str]:
    """Who wrote the document that is the verb's subject when the sentence does not say: "The letter also
    accuses ..." after "the company wrote a letter to ...", "It accused the agency ..." after "The report, by
    the committee, ...". The subject is a document noun naming no maker, or "it" after a sentence whose subject
    is one; its author is the maker of the last earlier mention of that document (its possessor, its "by", or
    the subject of the verb it is the object of: "the company wrote a letter")."""
    subjects, passive = _subject_tokens(verb)  # "The letter goes on to accuse ...": the subject of "goes"
    if len(subjects) != 1 or passive:
        return []
    subject = subjects[0]
    if subject.lower_ == "it":
        before = verb.doc[verb.sent.start - 1].sent if verb.sent.start else None
        document = next((t for t in before or () if t.dep_ == "nsubj" and t.pos_ == "NOUN"
                         and t.lemma_.lower() in documents), None)
        if document is None:
            return []
        return entities_of(document, index) or earlier_maker(document, index)
    if subject.lemma_.lower() not in documents or subject.pos_ != "NOUN" or any(
            c.dep_ in ("poss", "compound", "amod") and index.at(c) for c in subject.children):
        return []
    return earlier_maker(subject, index)


def earlier_maker(noun: Token, index: EntityIndex) -> list[str]:
    """Who made the thing a noun refers back to: the maker of the last mention of the same noun in the
    sentences before ("the ruling" after "the Supreme Court's ruling", "the letter" after "the company wrote a
    letter"): its possessor or compound name, its "by", or the subject of the verb it is the object of."""
    lemma = noun.lemma_.lower()
    earliest = max(sentences_back(noun, AUTHOR_LOOKBACK), noun.i - AUTHOR_LOOKBACK_TOKENS)
    for token in reversed(noun.doc[earliest:noun.i]):
        if token.lemma_.lower() != lemma or token.pos_ != "NOUN":
            continue
        found = [e for c in token.children if c.dep_ in ("poss", "compound") for e in entities_of(c, index)]
        found += [e for by in _makers(token) for e in entities_of(by, index)]
        if not found and token.dep_ in RECIPIENT_OBJECT_DEPS and token.head.pos_ == "VERB":
            makers, passive = _subject_tokens(token.head)
            found = [] if passive else [e for m in makers for e in entities_of(m, index)]
        if found:
            return found
    return []


def thing_maker(verb: Token, index: EntityIndex, actors: list[str]) -> list[str]:
    """Whose thing a verb acts on when its object (or passive subject) is a thing named before ("Clinton
    celebrated the ruling" after "the Supreme Court's ruling"; "these proposals have been applauded" after "Sanders
    unveiled proposals"): its maker there, a party with a country other than the actor."""
    _, passive = _subject_tokens(verb)
    acted_on = RECIPIENT_OBJECT_DEPS | PASSIVE_SUBJECT_DEPS if passive else RECIPIENT_OBJECT_DEPS
    own = {index.countries.get(a) for a in actors} - {None}  # "the US envoy rejected the warning": not his state's
    for obj in (c for c in verb.children if c.dep_ in acted_on):
        if obj.pos_ != "NOUN" or index.at(obj) or not any(c.lower_ in DEFINITE for c in obj.children):
            continue
        found = [e for e in earlier_maker(obj, index) if e in index.placed and e not in actors
                 and not (e in index.states and index.countries.get(e) in own)]
        if found:
            return list(dict.fromkeys(found))
    return []


def unspecified(noun: Token) -> bool:
    """Whether a noun has no determiner, possessive or number: a kind, not a particular one ("terrorists",
    "abortion rights")."""
    return not any(c.dep_ in ("det", "poss", "nummod") for c in noun.children)


def sentences_back(token: Token, n: int) -> int:
    """The first token of the sentence `n` sentences before the token's."""
    start = token.sent.start
    for _ in range(n):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    return start


def proposer(verb: Token, index: EntityIndex, lists: dict[str, frozenset[str]]) -> list[str]:
    """Who proposed what a rejection or an acceptance refers back to: "Clinton proposed a debate, but Sanders
    rejected the idea/that" - the subject of an earlier verb of proposing in the sentence, when the trigger's
    object is a word that refers back to a proposal (`lists["proposal"]`) with no owner of its own."""
    objects = [c for c in verb.children if c.dep_ in RECIPIENT_OBJECT_DEPS]
    if len(objects) != 1 or objects[0].lower_ not in lists.get("proposal", ()) and \
            objects[0].lemma_.lower() not in lists.get("proposal", ()):
        return []
    if any(c.dep_ in ("poss", "compound", "prep", "acl", "relcl") for c in objects[0].children):
        return []  # "Iran's offer", "the offer of talks": its own owner or content says whose
    for token in reversed(list(verb.sent[:verb.i - verb.sent.start])):
        if token.pos_ == "VERB" and token.lemma_.lower() in lists.get("propose", ()):
            subjects, passive = _subject_tokens(token)
            if passive:
                return []
            found: list[str] = []
            for subject in subjects:
                found += [e for e in entities_of(subject, index) if e not in found]
            return found
    return []
