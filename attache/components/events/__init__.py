"""Events: who did what to whom, coded in PLOVER 2.0 with modality (docs/record.md, `events`).

Runs last: actors and recipients are entity ids from `doc._.attache_entities`, place and time come from
`doc._.attache_places` / `doc._.attache_times`, and events inside `doc._.attache_quotes` are `reported`.
Triggers are verb and noun lemmas from `lexicons/event_triggers.tsv`; everything else is read off the
dependency parse in one pass over each sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...lexicons import read_lines
from ...record import Event, Place, SentenceSpan
from ...record import TextSpan
from ..anchoring import EVENT_PLACE_PREPS, SpanIndex, anchor, clause_of, governing_time, under
from ..times.calendar import first_day, last_day
from ..base import RECOVERABLE, ensure_extensions, in_boilerplate, left_out, published_day, text_of
from .arguments import (ASIDE_PREPS, DEFINITE, RECIPIENT_OBJECT_DEPS, Arguments, EntityIndex, active_subjects, author,
                        done_to, entities_of, first_to, issuer, light_verb, noun_arguments, proposer, sentences_back,
                        speaker_of, thing_maker, unspecified, verb_arguments)
from .model import DEFAULT_PATH as DEFAULT_MODEL
from .model import EventModel, sentence_features
from .modality import ModalityCues, base_forms, governing_chain, modality, own_cues, purpose
from .recoding import Recoding
from .statements import StatementCoder, statement_spans
from .triggers import TriggerLexicon, TriggerRule, for_clause, to_infinitive, word_lists

# Verbal events whose complement names what is promised, demanded, refused, threatened or blamed: an event
# inside it is part of this one ("threatened to attack" is one THREATEN).
GOVERNING_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "CONCEDE", "PROTEST"})
# Hostile acts a refusal governs: "refused to attack" is a negated attack, not a REJECT (which refuses cooperation).
HOSTILE_TYPES = frozenset({"THREATEN", "ASSAULT", "COERCE", "SANCTION", "ACCUSE", "PROTEST", "MOBILIZE"})
# Relations along which an embedded trigger climbs to its governor (not conj, advcl: those are new events).
EMBED_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "attr", "oprd", "nsubjpass",
                        "appos", "compound", "relcl"})
MAX_EMBED = 6
# An event dated to a day more than this many days before publication is background: an earlier story told again.
RECAP_DAYS = 7
MARKET_WINDOW = 8  # words from an agreement or offer to the market terms of its own phrase
DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Violence done by a named person with no political role is crime, which PLOVER leaves out ("Zimmerman shot
# Martin"); unnamed attackers ("gunmen", "a suicide bomber") stay: that is how insurgency and terror are reported.
POLITICAL_ACTOR_TYPES = frozenset({"ASSAULT"})
DEAL_TYPES = frozenset({"AGREE"})  # between companies alone, a deal is market news
# Criticism voiced again and again: in the present perfect it is a habit ("Sanders has accused Clinton of ..."),
# where "has endorsed" or "has agreed" is news.
STANCE_TYPES = frozenset({"ACCUSE", "PROTEST"})
# Nouns that only package an event named by their modifier ("aid package", "sanctions bill").
CONTAINERS = frozenset({"package", "program", "programme", "shipment", "convoy", "delivery", "bill", "measure",
                        "plan", "campaign", "operation", "effort", "ad", "advertisement", "commercial", "mailer"})

# Answers to a proposal: "rejected the idea", "accepted the offer" - the proposer is the recipient.
ANSWER_TYPES = frozenset({"REJECT", "AGREE"})
ANSWERED_LOOKBACK = 5  # sentences back to the event a rejection's "the criticism" names again
# Events of two parties at least: one actor alone, aimed at no one, names none ("exited the meeting").
MEETING_TYPES = frozenset({"CONSULT"})
# Deeds that are events whoever did them, to whomever ("a patrol vehicle was hit with petrol bombs"). Any other
# event needs a party that acts or is acted on ("the new factory will support 3,000 jobs" names none), and one
# that is no business: among companies and their people it is market news ("the chief executive stepped down").
DEED_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
FIRST_PERSON = frozenset({"i", "we"})  # in a quotation, the speaker
# Never market news: deeds, and a company yielding, which yields to a state ("the utility may plead guilty").
NOT_MARKET_TYPES = DEED_TYPES | {"CONCEDE"}
# A noun naming one of these in a speaker's words, with no maker of its own, is the speaker's act.
SPOKEN_THREAT_TYPES = frozenset({"THREATEN"})
# Events a definite noun refers to as already known ("the bombings", "the attack on the barracks"): with no time
# of their own in the sentence, a reference to an earlier story, not the article's news.
KNOWN_BY_NAME_TYPES = frozenset({"ASSAULT"})
# Prepositions that place an event at another ("at a rally", "during the summit"): its place is the event's.
GATHERING_PREPS = frozenset({"at", "in", "during", "inside"})

CODERS = ("model", "rules")
# Longer "sentences" are lists, tables or unsplit text: the learned coder gives them no events.
MAX_SENTENCE_TOKENS = 150
MAX_HEADLINE_WORDS = 20


@Language.factory("attache_events", default_config={"coder": "model", "model_path": None},
                  assigns=["doc._.attache_events"],
                  requires=["doc._.attache_boilerplate", "doc._.attache_quotes", "doc._.attache_entities",
                            "doc._.attache_times", "doc._.attache_places", "token.dep", "token.lemma"])
def make_events(nlp: Language, name: str, coder: str, model_path: str | None) -> EventsComponent:
    return EventsComponent(coder, model_path)


@dataclass
class _Found:
    token: Token
    rule: TriggerRule
    type: str
    mode: str | None
    cameo: str | None


@dataclass
class _DocContext:
    """What earlier components left on the Doc, indexed once per Doc."""

    entities: EntityIndex
    times: SpanIndex
    places: SpanIndex
    place_countries: dict[str, str | None]
    time_values: dict[str, str]
    quotes: list[tuple[int, int]]
    published: str
    dateline: tuple[str, int] | None = None  # (place id, end of the lede) when the article opens with a dateline
    durations: frozenset[str] = frozenset()  # times that are no date ("two days", "every week")
    headline_end: int = 0  # end of a headline opening the article: no events there
    # sentences whose words name an event of no party: no event, and no statement's event either
    partyless: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, doc: Doc) -> _DocContext:
        times = list(doc._.attache_times or ())
        places = list(doc._.attache_places or ())
        return cls(
            entities=EntityIndex(doc, list(doc._.attache_entities or ())),
            times=SpanIndex(doc, times), places=SpanIndex(doc, places),
            place_countries={p.id: p.country for p in places},
            time_values={t.id: t.value for t in times},
            quotes=_quoted_spans(doc),
            published=day.isoformat() if (day := published_day(doc)) else "",
            dateline=_dateline(doc, places),
            headline_end=_headline_end(text_of(doc)),
            durations=frozenset(t.id for t in times if not (t.value or "")[:1].isdigit()
                                and not (t.value or "").endswith("_REF")),
        )

    def dateline_place(self, at: int, sent: Span | None, actors: list[str] | None = None) -> str | None:
        """The dateline's place for an event at character `at`: the lede's events, and those of sentences
        naming no place where something was done, happened there. A place that names a party ("Cuba's
        government exhorted", "co-sponsored by Kenya"), qualifies one ("the U.S. government", "relatives in
        Miami") or is acted on in a clause describing someone ("who left Cuba in 1962") says no such thing. Not
        for an event whose `actors` are all states other than the dateline's."""
        if self.dateline is None or sent is None:
            return None
        here = self.place_countries.get(self.dateline[0])
        if actors and here and all(a in self.entities.states and self.entities.countries.get(a) not in (None, here)
                                   for a in actors):
            return None  # "the Netherlands ratified" in a story from Warsaw: a foreign state acts at home
        if at < self.dateline[1] or not any(_says_where(sent.doc[root_i]) for _, root_i in
                                            self.places.in_sentence(sent.start, sent.end)):
            return self.dateline[0]
        return None


class EventsComponent:
    """Finds PLOVER events in a parsed Doc and writes them to `doc._.attache_events`."""

    def __init__(self, coder: str = "model", model_path: str | None = None) -> None:
        """`coder="model"` (the default) lets the trained model decide which types each sentence reports, over
        what the rules propose (E024 when it cannot be loaded); `coder="rules"` keeps the trigger lexicon's and
        parse rules' events as they are. Since session 23 the model is ahead of the rules in five-fold
        cross-validation on train + dev (0.5625 against 0.5548) and on the real-news test split (0.4331 against
        0.4248), and story events are the same with either (README)."""
        if coder not in CODERS:
            raise ValueError(f"events coder must be one of {', '.join(CODERS)}, not {coder!r}")
        self.model = EventModel.load(model_path or DEFAULT_MODEL) if coder == "model" else None
        ensure_extensions()
        self.triggers = TriggerLexicon()
        self.cues = ModalityCues.load()
        self.recoding = Recoding()
        self.background_preps = frozenset(read_lines("event_background_preps.txt"))
        self.lists = word_lists()
        self.forces = self.lists["weather"] | self.lists["nature"]  # what destroys without an actor
        self.statements = StatementCoder(self.triggers.lemmas, self.lists["insult"], self.lists["deontic"], self.forces)

    def __call__(self, doc: Doc) -> Doc:
        doc._.attache_events = []
        try:
            if len(doc) and doc.has_annotation("DEP"):
                doc._.attache_events = self._events(doc)
        except RECOVERABLE as exc:  # a malformed parse must never sink the article
            left_out(doc, "events", "events", exc)
            doc._.attache_events = []
        return doc

    def _events(self, doc: Doc) -> list[Event]:
        context = _DocContext.of(doc)
        events = self._rule_events(doc, context)
        background = [e for e in events if e.background]  # presupposed: for story events only, never decided on
        events = [e for e in events if not e.background]
        coded = {e.sentence.start for e in events} | context.partyless
        statements = self.statements.events(doc, context.entities, coded, len(events) + len(background) + 1,
                                            skip=(0, context.headline_end))
        requested = {e.sentence.start for e in events if e.type == "REQUEST"} | context.partyless
        demands = self.statements.demands(doc, context.entities, requested,
                                          len(events) + len(background) + len(statements) + 1,
                                          skip=(0, context.headline_end))
        demanded = {span.root.i for d in demands
                    if (span := doc.char_span(d.trigger.start, d.trigger.end, alignment_mode="expand")) is not None}
        events = [e for e in events if not _demanded(doc, e, demanded)]
        statements += demands
        for event in statements:  # where the statement was made, else where the story was filed
            event.place = event.place or context.dateline_place(event.trigger.start, doc.char_span(
                event.sentence.start, event.sentence.end, alignment_mode="expand"), event.actors)
        events += statements
        self._answer_makers(doc, events)
        if self.model is not None:
            events = self._decide(doc, context, events)
            for number, event in enumerate(background, len(events) + 1):
                event.id = f"v{number}"
        return events + background

    def _answer_makers(self, doc: Doc, events: list[Event]) -> None:
        """Aim a rejection or an acceptance of no one at the maker of the event its object names again ("Kis
        accused the government ... Varga rejected the criticism"; "welcomed the endorsement"): its object, a
        definite noun the trigger lexicon lets name an event type, refers back to the latest event of that type
        in the `ANSWERED_LOOKBACK` sentences before, made by someone other than the one answering."""
        for event in events:
            if event.type not in ANSWER_TYPES or event.recipients:
                continue
            verb = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            if verb is None or verb.root.pos_ != "VERB":
                continue
            for obj in (c for c in verb.root.children if c.dep_ in RECIPIENT_OBJECT_DEPS and c.pos_ == "NOUN"):
                named = self.triggers.named_types(obj)
                if not named or not any(c.lower_ in DEFINITE for c in obj.children):
                    continue
                since, answering = doc[sentences_back(obj, ANSWERED_LOOKBACK)].idx, set(event.actors)
                answered = [e for e in events if e.type in named and e.actors and not set(e.actors) & answering
                            and since <= e.trigger.start < event.trigger.start]
                if answered:
                    event.recipients = list(answered[-1].actors)
                    break

    def type_features(self, doc: Doc, sent: Span, proposed: list[Event],
                      quoted: list[tuple[int, int]] | None = None) -> list[str]:
        """The learned coder's features of one sentence, given the events the rules proposed in it. Shared by
        the pipeline and by training (`attache train events`), so the two never drift apart."""
        return sentence_features(sent, proposed, self.triggers, statement_spans(doc) if quoted is None else quoted,
                                 self.statements.word)

    def _decide(self, doc: Doc, context: _DocContext, proposed: list[Event]) -> list[Event]:
        """The events the model accepts among those proposed, and those it adds, numbered in text order."""
        assert self.model is not None
        model = self.model
        sentences = [s for s in doc.sents if len(s) <= MAX_SENTENCE_TOKENS and s.start_char >= context.headline_end
                     and not in_boilerplate(doc, s.start_char, s.end_char)]
        if not sentences:
            return []
        by_sentence: dict[int, list[Event]] = {}
        for event in proposed:
            by_sentence.setdefault(event.sentence.start, []).append(event)
        quoted = statement_spans(doc)
        chances = model.probabilities([self.type_features(doc, s, by_sentence.get(s.start_char, []), quoted)
                                       for s in sentences])
        events: list[Event] = []
        for sent, row in zip(sentences, chances):
            chance = dict(zip(model.types, row.tolist()))
            kept = [e for e in by_sentence.get(sent.start_char, []) if model.keeps(e.type, chance)]
            events += kept
            taken = {e.trigger.start for e in kept}
            for type_ in model.adds(chance):
                if all(e.type != type_ for e in kept):
                    added = self._added(doc, sent, type_, context, taken)
                    if added is not None:
                        events.append(added)
                        taken.add(added.trigger.start)
        events.sort(key=lambda e: e.trigger.start)
        for number, event in enumerate(events, 1):
            event.id = f"v{number}"
        return events

    def _added(self, doc: Doc, sent: Span, type_: str, context: _DocContext, taken: set[int]) -> Event | None:
        """An event of `type_` the model found in `sent` though no rule proposed it, on the word that names it
        best: a word the lexicon reads as that type (not one already an event's trigger, `taken`), else, for a
        type a speaker does by speaking (`lists["spoken_type"]`: accusing, demanding, rejecting...), the
        statement the sentence reports (its speaker acts), else the sentence's main verb unless it only reports
        speech ("said": the speaker did not do what was said)."""
        for token in sent:
            rule = self.triggers.match(token)
            if rule is not None and rule.type == type_ and token.idx not in taken:
                event = self._code(doc, sent, _Found(token, rule, type_, rule.mode, rule.cameo), context, "v0",
                                   learned=True)
                if event is not None:
                    return event
        if type_.lower() in self.lists["spoken_type"]:
            statement = self.statements.event(doc, sent, type_, context.entities)
            if statement is not None and statement.trigger.start not in taken:
                return statement
        root = sent.root
        if root.pos_ != "VERB" or root.idx in taken or self.cues.kind("verb", root.lemma_) == "reported":
            return None
        rule = TriggerRule(root.lemma_.lower(), "V", type_, None, None, (), ())
        return self._code(doc, sent, _Found(root, rule, type_, None, None), context, "v0", learned=True)

    def _rule_events(self, doc: Doc, context: _DocContext) -> list[Event]:
        """Events the trigger lexicon and the parse rules find."""
        candidates = list(self.triggers.find(doc))
        if not candidates:
            return []
        events: list[Event] = []
        position = 0
        for sent in doc.sents:
            in_sentence = []
            while position < len(candidates) and candidates[position][0].i < sent.end:
                in_sentence.append(candidates[position])
                position += 1
            for found in self._fold(in_sentence) if in_sentence else ():
                event = self._code(doc, sent, found, context, f"v{len(events) + 1}")
                if event is not None:
                    events.append(event)
            if position >= len(candidates):
                break
        return events

    def _code(self, doc: Doc, sent: Span, found: _Found, context: _DocContext, event_id: str,
              learned: bool = False) -> Event | None:
        """The Event a trigger names, or None when it is boilerplate or (for the rules coder) a bare noun
        naming no party. A `learned` event keeps the type the model gave it."""
        token = found.token
        if in_boilerplate(doc, token.idx, token.idx + len(token)) or token.idx < context.headline_end:
            return None  # a headline restates the story's event, or words it in its own shorthand
        if not learned and token.dep_ == "acl" and token.head.lemma_.lower() in self.lists["capacity"] \
                and to_infinitive(token):
            return None  # "the authority to seize assets": what someone may do, not what anyone does
        background = not learned and _described(token, self.lists["document"])  # "the bombings which killed 224"
        if not learned and found.rule.pos == "V" and _stance_on_issue(token, context.entities, self.lists["stance"]):
            return None  # "he opposed abortion rights", "China opposes hacking": a position on policy, no event
        if found.rule.pos == "V":
            args = verb_arguments(token, found.type, found.rule.inverse, context.entities)
            if found.type in ANSWER_TYPES and not args.recipients and not found.rule.inverse:
                args.recipients = [e for e in proposer(token, context.entities, self.lists) if e not in args.actors]
            if not args.actors:
                args.actors = [e for e in issuer(token, context.entities, self.lists["document"])
                               or author(token, context.entities, self.lists["document"]) if e not in args.recipients]
        else:
            if not learned and self._background(token):
                return None  # "since the Africa bombings": the time or cause of another event
            governor = light_verb(token)
            args = noun_arguments(token, found.type, context.entities, governor, self.lists)
            if not learned and found.type == "PROTEST" and governor is not None \
                    and governor.lemma_.lower() in self.lists["host"] and args.actors \
                    and all(a in context.entities.named_people for a in args.actors):
                return None  # "Sanders held a rally in Springfield": a person's rally is campaigning, no protest
            if not learned and governor is None and not (args.actors or args.recipients):
                return None  # "the talks lasted for hours": no party named
        if found.type in POLITICAL_ACTOR_TYPES and not learned and args.actors \
                and all(a in context.entities.private for a in args.actors):
            background = True  # "Zimmerman shot Martin": a named private person's crime, no political act; kept
            #                    for story events (other reports of the same crime)
        if token.lemma_.lower() in self.lists["ballot"] and not learned and args.actors \
                and all(a in context.entities.private for a in args.actors):
            return None  # "I'm voting for the governor," said a retiree, 62: a ballot, no event
        if found.type in POLITICAL_ACTOR_TYPES and not learned and any(
                t.lemma_.lower() in self.forces for t in args.actor_tokens):
            return None  # "the storm destroyed the bridge", "a slab of hillside could destroy a neighborhood"
        if found.type in DEAL_TYPES and not learned and _market_terms(token, self.lists):
            return None  # "agreed to sell a 51% stake", "offered $21.40 a share": a deal, market news
        if found.mode == "visit" and not learned and not args.actors:
            return None  # "the jet was to fly on to Lisbon": a trip no visitor makes is no visit
        if found.mode == "visit" and not learned and _at_home(token, args, context):
            return None  # "Sanders and Clinton visited Wilmington", "the FBI director flew to Washington": a trip home
        if found.type not in NOT_MARKET_TYPES and not learned and args.actors and all(
                a in context.entities.business for a in args.actors + args.recipients):
            return None  # "First Security Corp. agreed to acquire Deseret Bancorp.", "the chief executive stepped
            #              down", "thanked the airline's staff": among businesses and their people, market news
        if found.rule.pos == "V" and not args.recipients and not found.rule.inverse:
            args.recipients = done_to(token, context.entities, args.actors) \
                or thing_maker(token, context.entities, args.actors)  # "refused to schedule a vote on X"
        spoken = found.type.lower() in self.lists["spoken_type"]
        if not args.actors and (found.type in SPOKEN_THREAT_TYPES and found.rule.pos == "N"
                                or any(t.lower_ in FIRST_PERSON for t in args.actor_tokens)):
            args.actors = [e for e in speaker_of(doc, token.idx) if e not in args.recipients]  # "Any landing
            # would have serious consequences, the minister said": the words are the speaker's threat; "we demand
            # an apology," the senator said: the speaker's side acts
        if not learned and found.rule.pos == "V" and token.lemma_.lower() in self.lists["wish"] and not args.recipients \
                and not any(c.dep_ == "agent" for clause in token.children for c in clause.children):
            return None  # "she wanted the ceremony to resonate with memories": a wish that asks no one anything
            #              ("wants the bill to be paid by the two governments" asks them)
        if not learned and _partyless(found.type, args):
            context.partyless.add(sent.start_char)
            return None
        time = anchor(doc, token, context.times, sent.start, sent.end, skip=context.durations) or governing_time(
            doc, token, context.times, sent.start, sent.end, context.durations, spoken, self.background_preps)
        not_where = frozenset(  # "accused China of hacking": whom a spoken event is aimed at, not where ("visited
            # China" is); "arrested in connection with the blasts in Kenya": another event's place
            pid for pid, root_i in context.places.in_sentence(sent.start, sent.end)
            if spoken and doc[root_i].head.i == token.i or under(doc[root_i], self.background_preps))
        place = anchor(doc, token, context.places, sent.start, sent.end, where=True, skip=not_where)
        if place is not None and self._place_of_other_event(doc, token, context.places.tokens.get(place, [])):
            place = None  # "condemned the bombing of the embassies in Kenya": where the bombing was, not the condemning
        in_quote = any(s <= token.idx < e for s, e in context.quotes)
        if place is None and (not in_quote or spoken):  # a quoted accusation is the speaker's act
            place = context.dateline_place(token.idx, sent, args.actors)
        future = bool(time and context.published and
                      _is_future(context.time_values.get(time, ""), context.published))
        mood = modality(token, self.cues, in_quote, future)
        if not learned and mood == "asserted" and time and context.published and \
                _recap(context.time_values.get(time, ""), context.published, found.type in KNOWN_BY_NAME_TYPES):
            background = True  # "A car bomb killed 31 people on March 3" in a story of April 20: told again, not news
        if not learned and found.rule.pos == "N" and found.type in KNOWN_BY_NAME_TYPES and light_verb(token) is None \
                and _definite(token, self.lists) and not _own_time(token, context.times, sent):
            background = True  # "the attacks on the embassies all had something in common", "evidence from the
            #                    Nairobi bombing arrived over the weekend": a known event named, the time another's
        named_by = self._toll_of(token, found.type) if not learned and found.rule.pos == "V" else None
        if named_by is not None:  # "the bomb attack at the embassy killed 253": the toll of the event its subject
            #                       names, told again when that event is ("the attacks Aug. 7 killed 257")
            own = anchor(doc, named_by, context.times, sent.start, sent.end, skip=context.durations)
            time = time or own
            if own is None and _definite(named_by, self.lists) or own is not None and context.published \
                    and _recap(context.time_values.get(own, ""), context.published, periods=True):
                background = True
        named = _named(token)
        if named and mood in ("planned", "hypothetical", "negated") and _definite(token, self.lists) \
                and not own_cues(token, self.cues, True):
            mood = "asserted"  # "the Orlando massacre", "last week's Paris attack": a named event has happened,
            #                    whatever the clause around it ("was never given due to the Orlando massacre")
        for name in named:
            found_place = context.places.by_token[name.i]
            if found_place:
                place = found_place  # "the Orlando attacks" happened in Orlando, wherever the sentence is
                break
        if place is not None and context.dateline and place == context.dateline[0] \
                and mood in ("planned", "hypothetical", "negated") \
                and anchor(doc, token, context.places, sent.start, sent.end, where=True) is None:
            place = None  # a planned, possible or negated event has not happened at the dateline
        type_, mode, cameo = found.type, found.mode, found.cameo
        recode = self.recoding.when_planned(type_) if mood == "planned" and not learned \
            and not self._predicted(token) else None
        if mood == "negated" and self.cues.refusal(token):
            recode = self.recoding.when_refused(type_)
            mood = "asserted" if recode else mood
        if recode:
            type_, mode, cameo = recode.type, recode.mode, recode.cameo or cameo
        said_ahead = mood in ("planned", "hypothetical") and token.dep_ == "ccomp" \
            and self.cues.kind("verb", token.head.lemma_) == "reported"
        threat = self.recoding.when_embedded("THREATEN", type_) if said_ahead and not learned \
            and any(_conditional(c) for c in token.children) else None
        sayers = {e for t in active_subjects(token.head) for e in entities_of(t, context.entities)} if threat else set()
        if threat and sayers & set(args.actors):
            type_, mode, cameo = threat.type, threat.mode, threat.cameo or cameo  # "the United States said it
            #   would strike Iraq unless ...": a party saying it will harm another if it does not yield threatens it
        if type_ == "THREATEN" and said_ahead:
            mood = "asserted"  # "said it would retaliate if ...": saying so is the threat; its content lies ahead
        if args.located and type_ == "CONSULT" and not mode:
            mode = "visit"
        generic = time is None and self._generic(token, type_, sent, in_quote)
        return Event(
            id=event_id, type=type_, mode=mode, context=list(found.rule.context),
            actors=args.actors, recipients=args.recipients,
            trigger=TextSpan(token.idx, token.idx + len(token.text), token.text),
            sentence=SentenceSpan(sent.start_char, sent.end_char),
            place=place, time=time, modality=mood, cameo=cameo, generic=generic, background=background,
        )

    def _toll_of(self, verb: Token, type_: str) -> Token | None:
        """The event noun a deed's verb reports the toll of: its subject, when the trigger lexicon reads that noun
        as the same type ("the explosions killed 110", "the attack killed 253 and injured 5,000")."""
        if type_ not in KNOWN_BY_NAME_TYPES:
            return None
        return next((s for s in active_subjects(verb)
                     if (rule := self.triggers.match(s)) is not None and rule.type == type_), None)

    def _place_of_other_event(self, doc: Doc, trigger: Token, place_tokens: list[int]) -> bool:
        """Whether a place hangs from another event's noun inside the trigger's clause ("condemned the bombing of
        the U.S. embassies in Kenya", "called for an inquiry into the killings in Gaza"): the place says where
        that event happened."""
        if not place_tokens:
            return False
        node = doc[place_tokens[0]]
        for _ in range(MAX_EMBED + 2):
            if node.head.i == node.i or node.head.i == trigger.i:
                return False
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return False
            if node.pos_ == "NOUN" and node.i != trigger.i and self.triggers.match(node) is not None:
                # "endorse ... at a rally in Iowa": the gathering the event happened at is where it happened
                return not (node.dep_ == "pobj" and node.head.lower_ in GATHERING_PREPS)
        return False

    def _generic(self, token: Token, type_: str, sent: Span, in_quote: bool) -> bool:
        """Whether an undated event is a habit, a state or a series rather than one happening: asked about
        ("can Obama offer ...?"), a criticism in the present perfect ("Sanders has accused Clinton of ..."),
        the present simple of narration ("he supports", "Elmendorf, who supports Clinton"; not in a headline), a
        stance in the past perfect of a relative clause ("whom many had backed"), a gerund hung on
        another verb ("got very negative attacking Clinton"), a plural noun ("his attacks on Curiel"; not one a
        name makes one event, "the Orlando attacks"), or a habitual adverb ("often", "repeatedly")."""
        if sent.text.rstrip().rstrip("\"'”’").endswith("?"):
            return True
        if token.tag_ == "NNS" and not _named(token):
            return True  # "his attacks on Curiel"; but "the Orlando attacks" are one event, named
        if any(c.dep_ == "advmod" and c.lower_ in self.lists["habitual"] for c in token.children):
            return True
        auxiliaries = {c.lower_ for c in token.children if c.dep_ == "aux"}
        if token.tag_ == "VBN" and auxiliaries & {"has", "have", "'s", "'ve"} and type_ in STANCE_TYPES:
            return True
        if token.tag_ == "VBN" and "had" in auxiliaries and token.dep_ == "relcl" \
                and type_ in STANCE_TYPES | {"SUPPORT"}:
            return True  # "Rubio, whom many in the establishment had backed": a stance held, told as background
        if token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "pcomp") and not auxiliaries:
            return True
        return not in_quote and token.tag_ in ("VBZ", "VBP") and token.dep_ in ("ROOT", "conj", "ccomp", "relcl") \
            and not _headline_style(sent)  # "GOP Candidates Reject The Idea ...": a headline's present is news


    def _predicted(self, token: Token) -> bool:
        """Whether a planned event is only expected ("are expected to meet again", "likely to sign"), not
        promised: then it stays what it is, planned, rather than becoming the pledge (AGREE)."""
        words = self.lists["prediction"]
        return any(t.lower_ in words or any(f in words for f in base_forms(t)) for t, _ in governing_chain(token))

    def _background(self, noun: Token) -> bool:
        """Whether a noun trigger is the object of a preposition naming the time, cause or topic of another
        event ("after its invasion of Kuwait", "in connection with the bombing", "a suspect in the bombings",
        "declined to comment on the talks")."""
        if noun.dep_ != "pobj":
            return False
        prep = noun.head
        if prep.lower_ in ("in", "of", "into") and prep.head.lemma_.lower() in self.lists["background"]:
            return True  # "a suspect in the bombings", "in the aftermath of the attacks", "a probe into the blasts"
        while prep.lower_ == "of" and prep.head.dep_ == "pobj":  # "after weeks of protests"
            prep = prep.head.head
        words = [prep.lower_]
        if prep.head.dep_ == "pobj" and prep.head.head.pos_ == "ADP":  # "in connection with", "in the wake of"
            outer = prep.head
            det = [c.lower_ for c in outer.children if c.dep_ == "det"]
            words = [outer.head.lower_, *det, outer.lower_, prep.lower_]
        elif prep.head.pos_ in ("ADP", "SCONJ", "ADV") and prep.head.i == prep.i - 1:  # "because of", "ahead of"
            words = [prep.head.lower_, prep.lower_]
        if prep.lower_ == "on" and prep.head.lemma_.lower() in self.lists["topic"]:
            return True  # "declined to comment on the talks"
        return " ".join(words) in self.background_preps or prep.lower_ in self.background_preps

    def _gerund_modifier(self, token: Token) -> bool:
        """A trigger the parser read as a gerund acting on the people a known event left ("paid tribute to
        bombing victims": "bombing" with "victims" as its object): a noun describing them, no event."""
        return token.tag_ == "VBG" and any(c.dep_ == "dobj" and c.lemma_.lower() in self.lists["background"]
                                           for c in token.children)

    def _fold(self, triggers: list[tuple[Token, TriggerRule]]) -> list[_Found]:
        """Triggers of one sentence, embedded ones folded into their governing event."""
        found = {t.i: _Found(t, r, r.type, r.mode, r.cameo) for t, r in triggers
                 if not _modifier(t) and not self._gerund_modifier(t)}
        kept: list[_Found] = []
        hostile: list[tuple[_Found, _Found]] = []
        for item in found.values():
            governor = _governing_trigger(item.token, found)
            if governor is None:
                kept.append(item)
                continue
            if governor.rule.type == "REJECT" and item.type in HOSTILE_TYPES and item.token.dep_ == "xcomp" \
                    and item.token.head.i == governor.token.i:
                hostile.append((governor, item))  # "declined to threaten Moscow": no threat, not a rejection
                continue
            if governor.rule.type in GOVERNING_TYPES:
                recode = self.recoding.when_embedded(governor.rule.type, item.type)
                if recode and (governor.mode is None or recode.type != governor.type):
                    governor.type, governor.mode = recode.type, recode.mode
                    governor.cameo = recode.cameo or governor.cameo
                continue
            if governor.type == item.type:
                continue  # "met for talks", "attacked with airstrikes": one event
            kept.append(item)
        for governor, item in hostile:  # the refused hostile act stands, negated, in its governor's place
            kept = [item if k is governor else k for k in kept]
        return kept


def _conditional(token: Token) -> bool:
    """An if/unless clause: part of the threat or promise it conditions ("will retaliate if they impose sanctions")."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children)


def _says_where(place: Token) -> bool:
    """Whether a place name says where something was done: the object of a verb's locative preposition ("met
    in Nairobi", "rallied outside the embassy in Havana") or of a verb itself ("visited Lagos"), outside a
    clause describing someone ("who left Cuba in 1962"; "the facilities the U.S. raided in Sudan" still says
    where)."""
    clause = clause_of(place)
    if clause.dep_ == "relcl" and any(c.lower_ in ("who", "whom", "whose") for c in clause.subtree):
        return False
    if place.dep_ == "dobj":
        return place.head.pos_ == "VERB"
    return place.dep_ == "pobj" and place.head.lower_ in EVENT_PLACE_PREPS and place.head.head.pos_ in ("VERB", "AUX")


def _modifier(token: Token) -> bool:
    """A trigger word that only describes something else: "protest movement", "kidnapped soldiers", "an
    academic detained in Tehran"."""
    if token.head.i == token.i:
        return False
    if token.dep_ == "compound" and token.head.lemma_.lower() in CONTAINERS:
        return False  # "an aid package", "a sanctions bill": the package is the event
    return token.dep_ in ("compound", "amod") or (token.dep_ == "acl" and token.tag_ == "VBN")


def _governing_trigger(token: Token, found: dict[int, _Found]) -> _Found | None:
    """The nearest trigger this one is embedded in, through complement relations only."""
    current = token
    for _ in range(MAX_EMBED):
        if current.head.i == current.i:
            return None
        if current.dep_ not in EMBED_DEPS and not _conditional(current) and not purpose(current) \
                and not for_clause(current):
            return None
        if current.dep_ == "prep" and current.lower_ in ASIDE_PREPS:
            return None  # "praised the staff before meeting the victims", "agreed to sell oil despite the sanctions":
            # two events ("asked him to act by condemning it": one)
        current = current.head
        item = found.get(current.i)
        if item is not None:
            base = found[token.i]
            if item.rule.type in GOVERNING_TYPES or item.type == base.type:
                return item
            return None
    return None


def _headline_end(text: str) -> int:
    """The end of the article's first line when it reads as a headline: short, no closing punctuation, and
    followed by more lines ("Talks stall as Ottawa and Washington trade warnings")."""
    stripped = text.lstrip()
    line, newline, rest = stripped.partition("\n")
    line = line.rstrip()
    if not newline or not rest.strip() or not line or len(line.split()) > MAX_HEADLINE_WORDS:
        return 0
    if line[-1] in ".?!:;,\"”’'" or line[0] in "\"“‘'":
        return 0
    return len(text) - len(stripped) + len(line)


def _stance_on_issue(verb: Token, entities: EntityIndex, stance: frozenset[str]) -> bool:
    """Whether a verb of a position held takes an issue as its bare object: a common noun with no determiner,
    possessive or number that names no entity ("opposed abortion rights", "supports universal healthcare"), not a
    party or a proposal ("opposed the bill", "backed Clinton", "supported his nomination")."""
    if verb.lemma_.lower() not in stance:
        return False
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.pos_ in ("NOUN", "PROPN") and entities.at(obj) is None \
        and unspecified(obj)


def _market_terms(trigger: Token, lists: dict[str, frozenset[str]]) -> bool:
    """Whether an agreement or offer is in a market's terms: what it agrees to do or offers is priced in shares or
    stakes ("agreed to sell a 51% stake", "offered C$16.40 a share", "agreed on a buyout"); a state agreeing to sell
    oil stays an agreement."""
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in lists["market"]
               for t in trigger.subtree if t.i != trigger.i and abs(t.i - trigger.i) <= MARKET_WINDOW)


def _at_home(trigger: Token, args: Arguments, context: _DocContext) -> bool:
    """Whether a visit goes only to places of its visitors' own country ("visited Wilmington", "flew to
    Washington"): a trip, no consultation (PLOVER's visit is to another state's land or actors)."""
    home = {context.entities.countries.get(a) for a in args.actors}
    if len(home) != 1 or None in home:
        return False
    goals = [c for c in trigger.children if c.dep_ == "dobj"]
    goals += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children
              if p.dep_ == "pobj"]
    places = [context.places.by_token[g.i] for g in goals]
    return bool(goals) and None not in places and all(context.place_countries.get(p) in home for p in places)


def _dateline(doc: Doc, places: list[Place]) -> tuple[str, int] | None:
    """The place of the article's dateline ("BEIRUT, Lebanon (AP) —") and the end of the lede (the first sentence
    after it): the default place of the lede's events and of events in sentences that name no place."""
    lines = [b for b in doc._.attache_boilerplate or () if b.kind == "dateline"]
    if not lines:
        return None
    line = lines[0]
    place = next((p for p in places if line.start <= p.start and p.end <= line.end), None)
    if place is None:
        return None
    text = text_of(doc)
    # the first sentence with words after the dateline (the dateline may be a "sentence" of its own)
    lede = next((s for s in doc.sents if s.end_char > line.end and text[max(s.start_char, line.end):s.end_char].strip()),
                None)
    return place.id, (lede.end_char if lede is not None else line.end)


def _quoted_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of words inside quotation marks: direct quotes and the quoted pieces of mixed ones.
    Indirect quotes ("he says ...") are read off the parse instead, where the reporting verb is visible."""
    spans: list[tuple[int, int]] = []
    for quote in doc._.attache_quotes or ():
        if quote.kind == "direct" and quote.content:
            spans.append((quote.content.start, quote.content.end))
        elif quote.kind == "mixed":
            spans += [(f.start, f.end) for f in quote.fragments or ()]
    return spans


def _described(token: Token, documents: frozenset[str]) -> bool:
    """Whether a trigger's clause describes a noun (a relative clause, a participle after a noun, and what they
    govern: "the bombings which killed 224 people", "the gun used to kill him", "families who lost children to
    attacks"): the sentence presupposes that event, it does not report it. An infinitive after a noun ("a plan to
    release prisoners") is the noun's content: planned, and left to the modality; so is a participle or a relative
    clause after a statement or another document (`documents`: "released a statement condemning the attack", "ads
    that attack Trump")."""
    clause = clause_of(token)
    for _ in range(MAX_EMBED):
        if clause.dep_ != "xcomp" or clause.head.i == clause.i:
            break
        clause = clause_of(clause.head)
    if clause.dep_ == "relcl" and any(c.lower_ in ("where", "when") for c in clause.children):
        return False  # "came to a head in Rotterdam, where police arrested dozens": what happened there, then
    if first_to(clause) and clause.tag_ == "VB":
        return False  # "Holt was the only senator to vote no": what she did
    if clause.dep_ == "acl":
        return clause.tag_ in ("VBN", "VBG") and not (clause.tag_ == "VBG" and clause.head.lemma_.lower() in documents)
    if clause.dep_ == "relcl" and clause.head.lemma_.lower() in documents:
        # "ads that attack Trump": what the ads say, news; "the articles we published": what was done to them
        return not any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in clause.children)
    return clause.dep_ == "relcl"


def _own_time(noun: Token, times: SpanIndex, sent: Span) -> bool:
    """Whether a time expression is part of a noun's own phrase ("the August 7 bombings", "the attack on Tuesday"),
    not of the clause it is named in."""
    return any(noun.left_edge.i <= root_i <= noun.right_edge.i for _, root_i in times.in_sentence(sent.start, sent.end))


def _demanded(doc: Doc, event: Event, verbs: set[int]) -> bool:
    """Whether an event is what a demand asks for ("North Korea should abandon its programme and return to
    talks": the talks are the content of the demand, no event of their own): its trigger is a demanded verb (token
    indices `verbs`) or hangs from one, not through a clause of its own ("back Reyes, whom he blasted as a bully" is
    his own act)."""
    trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand") if verbs else None
    if trigger is None:
        return False
    token = trigger.root
    for _ in range(MAX_EMBED + 2):
        if token.i in verbs:
            return True
        if token.dep_ in ("relcl", "advcl", "parataxis", "ccomp") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _recap(value: str, published: str, periods: bool = False) -> bool:
    """Whether a TIMEX3 value is a day more than `RECAP_DAYS` before the publication date: an event dated so is an
    earlier story told again ("the minister was arrested on Jan. 4" in a story of March), not the article's news.
    With `periods`, also a month, season or year ended so long before ("killed last fall", "the attacks of 1996"):
    for violence, which a story tells again as background, where a stance or a deal of 2013 is still reported."""
    if not periods and not DAY_VALUE.match(value):
        return False
    last = last_day(value)
    try:
        return last is not None and (dt.date.fromisoformat(published[:10]) - last).days > RECAP_DAYS
    except ValueError:
        return False


def _is_future(value: str, published: str) -> bool:
    """Whether a TIMEX3 value begins after the publication date ("next week", "on Nov. 6" of a later month; "this
    week", begun already, is no future)."""
    if value == "FUTURE_REF":
        return True
    first = first_day(value)
    try:
        return first is not None and first > dt.date.fromisoformat(published[:10])
    except ValueError:
        return False


def _named(noun: Token) -> list[Token]:
    """The proper names that name a noun trigger's event ("the Orlando attacks", "the FBI investigation",
    "last week's Paris attack"): its compound proper-noun modifiers."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return []
    return [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]


def _definite(noun: Token, lists: dict[str, frozenset[str]]) -> bool:
    """Whether a noun is definite: a definite determiner (`lists["definite"]`) or a possessive before it."""
    return any((c.dep_ == "det" and c.lower_ in lists.get("definite", ())) or c.dep_ == "poss"
               for c in noun.children)


def _partyless(type_: str, args: Arguments) -> bool:
    """Whether an event lacks the parties its type needs: any but a deed needs a party that acts or is acted on
    ("the new factory will support 3,000 jobs" names none); a meeting needs two parties, a plural ("the two
    leaders met"), a partner named by any noun or a place visited ("Warren exited the meeting" names one)."""
    if type_ not in DEED_TYPES and not (args.actors or args.recipients):
        return True
    return type_ in MEETING_TYPES and not (args.recipient_tokens or args.located or len(args.actors) > 1
                                           or any(t.tag_ in ("NNS", "NNPS") for t in args.actor_tokens))


def _headline_style(sent: Span) -> bool:
    """Whether a sentence is written as a headline: most of its (4+) words capitalised."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)
