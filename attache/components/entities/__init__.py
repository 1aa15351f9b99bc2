"""The entities component: names, role nominals and pronouns clustered into the article's entities, with
titles and actor codes; it also resolves the speakers and addressees of the quotes found before it.

Runs after `attache_quotes`; writes `doc._.attache_entities` (ids e1, e2, ... in order of first mention)
and sets `speaker.entity` / `addressee.entity` of every quote in `doc._.attache_quotes`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from spacy.attrs import IDX, IS_LOWER, IS_UPPER, LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token

from ...lexicons import read_lines
from ...people.things import is_demonym, is_product_line, is_town
from ...record import Entity, TextSpan
from ..base import ensure_extensions, text_of
from .actors import ActorCoder
from .clustering import Cluster, Clusterer
from .headlines import capital_runs, minor_words, title_case_lines
from .index import Overlaps, QuoteRegions, Words
from .lexicon import EntityLexicons, load
from .mentions import DEFINITE, Mention, MentionFinder, venue_heads
from .speakers import link_speakers, quote_regions, speaker_spans


@Language.factory("attache_entities", assigns=["doc._.attache_entities"],
                  requires=["doc._.attache_boilerplate", "doc._.attache_quotes", "token.dep", "doc.ents"])
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent(nlp)


class EntitiesComponent:
    """Finds and clusters entity mentions; lexicons are loaded once, here."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp
        self._dictionary: frozenset[str] | None = None
        ensure_extensions()
        self.lex = load()
        self.find = MentionFinder(self.lex)
        self.cluster = Clusterer(self.lex)
        self.code = ActorCoder(self.lex)

    def __call__(self, doc: Doc) -> Doc:
        quotes = list(doc._.attache_quotes or ())
        words = Words.of(doc)
        text = text_of(doc)
        regions = QuoteRegions(quote_regions(text, quotes))
        spans = speaker_spans(quotes)
        mentions = _without_modifier_demonyms(self.find(doc, words, regions, [s for s, _ in spans]))
        speakers = _speaker_mentions(quotes, mentions)
        clusters = self.cluster(doc, mentions, speakers)
        _drop_unsupported_people(clusters, mentions, self.lex)
        dictionary = self.dictionary()
        _unname_common_nouns(doc, clusters, mentions, dictionary)
        _drop_common_words_opening_sentences(doc, clusters, mentions, self.lex, dictionary, set(speakers.values()))
        _drop_headline_common_words(doc, text, clusters, mentions, dictionary)
        _drop_line_labels(doc, text, clusters, mentions, self.lex, dictionary)
        _drop_things_named_like_people(doc, clusters, mentions)
        _drop_people_named_as_things(doc, clusters, mentions, self.lex)
        _drop_product_versions(doc, clusters, mentions, self.lex, dictionary)
        _drop_market_indexes(doc, clusters, mentions)
        _drop_listed_brands(doc, clusters, mentions)
        _venues_as_places(doc, clusters, mentions)
        _drop_currencies(clusters, mentions)
        _groups_named_like_bodies(clusters, mentions)
        doc._.attache_entities = self._entities(text, doc, clusters, mentions)
        link_speakers(doc, quotes, doc._.attache_entities)
        return doc

    def dictionary(self) -> frozenset[str]:
        """English base forms (the lemmatizer's WordNet index of nouns, verbs, adjectives and adverbs),
        loaded once; empty when the pipeline has no rule lemmatizer."""
        if self._dictionary is None:
            words: set[str] = set()
            try:
                lookups = self.nlp.get_pipe("lemmatizer").lookups  # type: ignore[union-attr]
                for table in ("lemma_index", "lemma_exc"):  # base forms; irregular forms ("caught")
                    for pos, forms in lookups.get_table(table).items():
                        words.update(forms)
            except (AttributeError, KeyError, ValueError):
                pass
            self._dictionary = frozenset(words)
        return self._dictionary

    def _entities(self, text: str, doc: Doc, clusters: list[Cluster], mentions: list[Mention]) -> list[Entity]:
        live = [(min(mentions[k].start for k in c.mentions), i) for i, c in enumerate(clusters) if c.mentions]
        live.sort()
        names = [_name(text, c, mentions, doc) if c.mentions else "" for c in clusters]
        actors = self.code(doc, clusters, mentions, names)
        out = []
        for n, (_, i) in enumerate(live, 1):
            c = clusters[i]
            ms = sorted({(mentions[k].start, mentions[k].end) for k in c.mentions})
            gender, evidence = _gender(c, mentions) if c.type == "PERSON" else (None, [])
            out.append(Entity(
                id=f"e{n}", name=names[i], type=c.type, titles=_titles(c, mentions),
                actor=actors[i], mentions=[TextSpan(s, e, text[s:e]) for s, e in ms], gender=gender,
                gender_evidence=[TextSpan(s, e, text[s:e]) for s, e in evidence], agent=_is_agent(c)))
        return out


def _drop(c: Cluster, mentions: list[Mention]) -> None:
    """No entity: a cluster's mentions belong to none."""
    for k in c.mentions:
        mentions[k].entity = -1
    c.mentions = []


def _without_modifier_demonyms(mentions: list[Mention]) -> list[Mention]:
    """A demonym inside another mention ("North Korean" in "North Korean officials" or "North Korean
    leader Kim Jong Un") describes that mention's entity, which carries its country: no entity of its own."""
    overlaps = Overlaps(mentions)
    keep = []
    for k, m in enumerate(mentions):
        if m.kind == "name" and m.type == "NORP" and any(
                j != k and mentions[j].type != "NORP" and mentions[j].start <= m.start and m.end <= mentions[j].end
                and mentions[j].end - mentions[j].start > m.end - m.start for j in overlaps(m.start, m.end)):
            continue
        keep.append(m)
    return keep


def _drop_unsupported_people(clusters: list[Cluster], mentions: list[Mention], lex: EntityLexicons) -> None:
    """A "person" known only by one bare word, never titled, never "he" or "she" and never speaking
    ("Tiger", "Safari", "GB") is more often a product or a unit that spaCy mislabelled: dropped. So is a
    group of coordinated names ("Boeing and Airbus") that nothing refers back to."""
    for c in clusters:
        if len(c.mentions) == 1 and mentions[c.mentions[0]].extra.get("group"):
            _drop(c, mentions)  # a group worth keeping is one that "they" refers back to
            continue
        if c.type != "PERSON" or not c.named:
            continue
        ms = [mentions[k] for k in c.mentions]
        if all(m.kind == "name" and len(m.words) == 1 and not m.title and "appos_title" not in m.extra
               and not m.subject for m in ms) and " ".join(ms[0].words).lower() not in lex.people \
                and not lex.leader_country(ms[0].words[0]):  # a known leader's surname ("the Obama years")
            _drop(c, mentions)


def _drop_common_words_opening_sentences(doc: Doc, clusters: list[Cluster], mentions: list[Mention],
                                         lex: EntityLexicons, dictionary: frozenset[str], speaking: set[int]) -> None:
    """A "person" named only by one English word whose capital says nothing (a sentence's or a line's first word,
    or in capitals), never titled and never the speaker of a quote, is a common word the tagger took for a name,
    even as a sentence's subject ("Drama does not slow the party", "Woe is me", "Politicos call it a game"). A
    given name, a person the actor dictionaries know or a leader's surname stays ("Bush", "Trump")."""
    if not dictionary:
        return
    for c in clusters:
        if c.type != "PERSON" or not c.named or not c.mentions or any(k in speaking for k in c.mentions):
            continue
        ms = [mentions[k] for k in c.mentions]
        if not all(m.kind == "name" and m.tok_end - m.tok_start == 1 and not m.title and "appos_title" not in m.extra
                   and _capital_says_nothing(doc[m.tok_start]) and _english(doc[m.tok_start], dictionary)
                   for m in ms):
            continue
        word = doc[ms[0].tok_start].text
        if word.lower() in lex.people or word.lower() in lex.given_names or lex.leader_country(word):
            continue
        _drop(c, mentions)


COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
# adjectives, adverbs and verbs: a name's one word the tagger reads so where its capital says nothing is no name
# ("Disconsolate aides left early", "Nationally, the rate fell", "I was NEVER so proud")
NOT_NAME_TAGS = frozenset({"JJ", "JJR", "JJS", "RB", "RBR", "RBS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
MIN_BODY_WORDS = 50  # an article with fewer words outside its title-case lines has no body to go by


def _unname_common_nouns(doc: Doc, clusters: list[Cluster], mentions: list[Mention],
                         dictionary: frozenset[str]) -> None:
    """A "person" or "organisation" named only by one word whose capital says nothing (at the start of a
    sentence or a line, or in capitals) and which the tagger reads as a common noun, an adjective, an adverb or
    a verb there, an English word ("Police kept watch", "Airlines choose the layout", "Disconsolate aides left
    early"; not "WMUR", "SCOTUS", which the tagger may read so too), is no name: a common noun's cluster is an
    unnamed agent, the others no entity."""
    for c in clusters:
        if c.type not in ("PERSON", "ORG") or not c.named:
            continue
        names = [mentions[k] for k in c.mentions if mentions[k].kind == "name"]
        if names and all(m.tok_end - m.tok_start == 1 and _capital_says_nothing(doc[m.tok_start])
                         and (doc[m.tok_start].tag_ in COMMON_NOUN_TAGS or doc[m.tok_start].tag_ in NOT_NAME_TAGS
                              and bool(dictionary) and _english(doc[m.tok_start], dictionary)) for m in names):
            if all(doc[m.tok_start].tag_ in COMMON_NOUN_TAGS for m in names):
                c.named = False
            else:
                _drop(c, mentions)


def _lower_and_capital_words(doc: Doc, lines: list[tuple[int, int]]) -> tuple[set[str], set[str]]:
    """The article's words written in lower case, and those written in capitals outside the sorted,
    non-overlapping character ranges `lines` (its headlines), read from the Doc's arrays: no Token objects made."""
    table = doc.to_array([IS_LOWER, IS_UPPER, LOWER, ORTH, IDX])
    strings = doc.vocab.strings
    lower = {strings[int(h)] for h in set(table[table[:, 0] == 1, 2].tolist())}
    starts = [a for a, _ in lines]
    capitals = set()
    for orth, at in table[table[:, 1] == 1][:, 3:5].tolist():
        k = bisect_right(starts, at) - 1
        if not (k >= 0 and at < lines[k][1]):
            capitals.add(strings[int(orth)])
    return lower, capitals


def _drop_headline_common_words(doc: Doc, text: str, clusters: list[Cluster], mentions: list[Mention],
                                dictionary: frozenset[str]) -> None:
    """A "name" found only in title-case lines that is a headline's common words, not a name: a "person"
    whose every word is an English word ("Legal Action", "Caught Conspiring", "LEAGUE"), or an
    "organisation" whose every word the body also writes in lower case ("Third-Party Presidential Run"), or
    whose every word is an English word and whose words after the first hold a function word or a verb's -ed or
    -ing form ("Media Growls In Response"), or,
    found only in a headline in capitals, whose every word is an English word the body never writes in capitals
    ("TWO DEAD, 16 INJURED"; "FBI" written so in the body stays). A dictionary knows many famous surnames, so a
    "person" in a headline in capitals stays ("EDGAR ALLEN POE").
    No entity; the article's body would name a real one."""
    runs = capital_runs(text)
    lines = sorted({*title_case_lines(text), *runs})
    covered: list[tuple[int, int]] = []  # a headline in capitals is often a title-case line too: count it once
    for a, b in lines:
        if covered and a <= covered[-1][1]:
            covered[-1] = (covered[-1][0], max(b, covered[-1][1]))
        else:
            covered.append((a, b))
    body = len(text.split()) - sum(len(text[a:b].split()) for a, b in covered)
    if not lines or body < MIN_BODY_WORDS:
        return  # no body to name anyone: a title-case line is all there is
    lower, capitals = _lower_and_capital_words(doc, covered)
    for c in clusters:
        if c.type not in ("PERSON", "ORG") or not c.named or not c.mentions:
            continue
        ms = [mentions[k] for k in c.mentions]
        if not all(any(a <= m.start < b for a, b in lines) for m in ms if m.kind != "pronoun"):
            continue  # a pronoun in the body ("they") is no evidence of a name
        toks = [t for m in ms if m.kind == "name" for t in doc[m.tok_start:m.tok_end]
                if any(ch.isalpha() for ch in t.text) and t.lower_ not in DEFINITE]
        if not toks:
            continue
        in_capitals = all(any(a <= m.start < b for a, b in runs) for m in ms)
        english = bool(dictionary) and all(_english(t, dictionary) for t in toks)
        if c.type == "PERSON" and not in_capitals and english or \
                c.type == "ORG" and all(w in lower for t in toks for w in t.lower_.split("-") if w.isalpha()) or \
                c.type == "ORG" and not in_capitals and english and any(_clause_word(t) for t in toks[1:]) or \
                c.type == "ORG" and in_capitals and dictionary and all(
                    _english(t, dictionary) and t.text not in capitals for t in toks):
            _drop(c, mentions)


def _drop_line_labels(doc: Doc, text: str, clusters: list[Cluster], mentions: list[Mention], lex: EntityLexicons,
                      dictionary: frozenset[str]) -> None:
    """A "person" of two or more words named only on lines of its own ("Market Watch." above or below a column),
    whose every word is an English word and none a given name, is the label of a column or a section, not the
    signature of a letter ("Karen Hill.": "Karen" is a given name)."""
    if not dictionary:
        return
    for c in clusters:
        if c.type != "PERSON" or not c.named or not c.mentions:
            continue
        ms = [mentions[k] for k in c.mentions]
        if all(m.kind == "name" and m.tok_end - m.tok_start >= 2 and _alone_on_line(text, m.start, m.end)
               and all(t.is_alpha and _english(t, dictionary) and t.lower_ not in lex.given_names
                       for t in doc[m.tok_start:m.tok_end]) for m in ms):
            _drop(c, mentions)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether a span is all its line holds, but for a full stop after it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and text[end:line_end].strip() in ("", ".")


VENUE_PREPS = frozenset({"at", "in", "inside", "outside", "near", "into"})
TOWN_PREPS = VENUE_PREPS | {"to", "from"}  # "moved to Westchester", "drove in from Tamarac"
THING_RELATIVES = frozenset({"which", "that", "where"})  # relative pronouns a building takes as well
SPOT_VERBS = frozenset({"visit", "tour"})  # "visited the Harlow Memorial": a place one goes to
QUOTE_MARKS = frozenset('"“‘\'')
CLOSING_QUOTE_MARKS = frozenset(('"', "”", "’", "'", "''"))


@lru_cache(maxsize=1)
def work_nouns() -> frozenset[str]:
    return frozenset(read_lines("entity_work_nouns.txt"))


@lru_cache(maxsize=1)
def storm_nouns() -> frozenset[str]:
    return frozenset(read_lines("entity_storm_nouns.txt"))


def _drop_things_named_like_people(doc: Doc, clusters: list[Cluster], mentions: list[Mention]) -> None:
    """A "person" or "organisation" named only right after a word that introduces a work's title (lexicons/
    entity_work_nouns.txt: "the reality show “Cake Boss”", "the film Fight Club", "his book, “An American
    Son”", "wrote “Peter Pan”", also with "called", "named", "dubbed" or "known as" between: "a program called
    Scrubber"), or only inside a quotation that holds nothing but it or a title around it ("the author of “Tidal
    Debts,”", a chant of "USA! USA!", ''Letters to the Ohio Senate''), is the title of a show, a film or a book,
    or a slogan: no entity. So is one word named as a book of scripture, once after "Chapter of" or only before a
    chapter and verse ("the 12th Chapter of Micah", "Micah 12:4"), one named once as a storm (lexicons/
    entity_storm_nouns.txt: "superstorm Sandy", then "after Sandy"), or one named only in the name of a court case
    ("Ashcroft v. Iqbal", "Citizens United v. FEC")."""
    nouns, storms = work_nouns(), storm_nouns()
    for c in clusters:
        if c.type not in ("PERSON", "ORG") or not c.named or not c.mentions:
            continue
        ms = [mentions[k] for k in c.mentions]
        names = [m for m in ms if m.kind == "name"]
        if not names or any(m.kind == "nominal" for m in ms):
            continue  # a pronoun is no evidence of someone: "his book, “An American Son.” So they stayed."
        if all(_after_work_noun(doc, m.tok_start, nouns) or _in_title_quotation(doc, m.tok_start, m.tok_end)
               or _case_name(doc, m.tok_start, m.tok_end) for m in names) \
                or any(_storm(doc, m.tok_start, storms) for m in names) \
                or all(sum(w[:1].isalpha() for w in m.words) == 1 for m in names) and (
                    any(_of_a_book(doc, m.tok_start) for m in names)
                    or all(_before_verse(doc, m.tok_end) for m in names)):
            _drop(c, mentions)


@lru_cache(maxsize=1)
def vessel_nouns() -> frozenset[str]:
    return frozenset(read_lines("entity_vessel_nouns.txt"))


def _drop_people_named_as_things(doc: Doc, clusters: list[Cluster], mentions: list[Mention],
                                 lex: EntityLexicons) -> None:
    """A "person" named only right after a word for a ship (lexicons/entity_vessel_nouns.txt: "the carrier
    Walter J. Ashcombe") or, named in full with a given name, only as "the" and an untitled name that modifies
    no noun after it ("the Harold T. Pemberton -- and its escorts", then "the Pemberton") is a ship or another
    thing named after someone: no entity. "the Obama administration" names the person; "The Beacon" or "the
    Dunmore Shuttle" (a paper, an airline) are no one's full name and stay."""
    vessels = vessel_nouns()
    for c in clusters:
        if c.type != "PERSON" or not c.named or not c.mentions:
            continue
        names = [mentions[k] for k in c.mentions if mentions[k].kind == "name"]
        if not names or any(m.title or "appos_title" in m.extra for m in names):
            continue
        full = max(names, key=lambda m: len(m.words)).words
        person = len(full) >= 2 and full[0].lower() in lex.given_names
        if all(_named_as_thing(doc, m, vessels, person) for m in names):
            _drop(c, mentions)


def _name_start(doc: Doc, m: Mention) -> int:
    """The first token of a name mention after any article it holds ("the Harlow House")."""
    i = m.tok_start
    while i < m.tok_end and doc[i].lower_ == "the":
        i += 1
    return i


def _named_as_thing(doc: Doc, m: Mention, vessels: frozenset[str], the: bool) -> bool:
    """A name right after a word for a ship, or with `the` after "the" and before no noun of its own."""
    i = _name_start(doc, m)
    before = doc[i - 1] if i > 0 else None
    if before is None:
        return False
    if before.lower_ in vessels:
        return True
    after = doc[m.tok_end] if m.tok_end < len(doc) else None
    return the and before.lower_ == "the" and (after is None or after.pos_ not in ("NOUN", "PROPN", "NUM")
                                               and after.text not in ("/", "-", "–", "'s", "’s"))


INDEX_BEFORE = re.compile(r"^\s+(?:[\w.]+-share\s+|stock\s+|share\s+)?index\b")  # "100-share index"


def _drop_market_indexes(doc: Doc, clusters: list[Cluster], mentions: list[Mention]) -> None:
    """A "person" or "organisation" named only right before "index" ("the Harlow Times 100-share index fell",
    "the Nikko stock index") is a market index, a thing: no entity. ("rose in Harlow Exchange composite
    trading" names the exchange.)"""
    for c in clusters:
        if c.type not in ("PERSON", "ORG") or not c.named or not c.mentions:
            continue
        names = [mentions[k] for k in c.mentions if mentions[k].kind == "name"]
        if names and all(INDEX_BEFORE.match(text_of(doc)[m.end:m.end + 30]) for m in names):
            _drop(c, mentions)


MAX_PRODUCT_WORDS = 3  # "Mac OS X"


def _drop_product_versions(doc: Doc, clusters: list[Cluster], mentions: list[Mention], lex: EntityLexicons,
                           dictionary: frozenset[str]) -> None:
    """A "person" or "organisation" named by one English word, no given name nor a known person's, that the
    article writes at least once right after a product line's name (lexicons/people_products.txt: "OS X
    Panther") is that product's version or model, also where it stands alone ("Panther adds a search tool"): no
    entity. "On his iPhone Trump posted" keeps Trump."""
    if not dictionary:
        return
    for c in clusters:
        if c.type not in ("PERSON", "ORG") or not c.named or not c.mentions:
            continue
        names = [mentions[k] for k in c.mentions if mentions[k].kind == "name"]
        if not names or not all(m.tok_end - m.tok_start == 1 for m in names):
            continue
        word = doc[names[0].tok_start]
        if not _english(word, dictionary) or word.lower_ in lex.people or word.lower_ in lex.given_names \
                or lex.leader_country(word.text):
            continue
        if any(is_product_line(doc[j:m.tok_start].text) for m in names
               for j in range(max(0, m.tok_start - MAX_PRODUCT_WORDS), m.tok_start)):
            _drop(c, mentions)


@lru_cache(maxsize=1)
def brand_cues() -> tuple[tuple[tuple[str, ...], int], ...]:
    """(words, fewest names in the list) of lexicons/entity_brand_cues.txt, longest first."""
    rows = [line.split("\t") for line in read_lines("entity_brand_cues.txt")]
    return tuple(sorted(((tuple(w.split()), int(n)) for w, n in rows), key=lambda r: -len(r[0])))


LIST_JOINS = frozenset({",", "and", "or", "&"})


def _drop_listed_brands(doc: Doc, clusters: list[Cluster], mentions: list[Mention]) -> None:
    """A "person" or "organisation" named only in a list of names after words that introduce a company's brands
    or what it makes (lexicons/entity_brand_cues.txt: "such core brands as Oat Puffs, Honey Rings and Cocoa
    Crunch", "the company that makes Oat Puffs, Honey Rings and Cocoa Crunch") is a product: no entity."""
    cues = brand_cues()
    for c in clusters:
        if c.type not in ("PERSON", "ORG") or not c.named or not c.mentions:
            continue
        names = [mentions[k] for k in c.mentions if mentions[k].kind == "name"]
        if names and all(_listed_after_cue(doc, m.tok_start, m.tok_end, cues) for m in names):
            _drop(c, mentions)


def _listed_after_cue(doc: Doc, start: int, end: int, cues: tuple[tuple[tuple[str, ...], int], ...]) -> bool:
    """Whether tokens start:end stand in a list of capitalised names (joined by commas, "and", "or") that follows
    one of `cues` and holds at least as many names as the cue asks."""
    def name_word(t: Token) -> bool:
        return t.text[:1].isupper() and t.sent == doc[start].sent
    i = start
    while i > 0 and (name_word(doc[i - 1]) or doc[i - 1].lower_ in LIST_JOINS):
        i -= 1
    j = end
    while j < len(doc) and (name_word(doc[j]) or doc[j].lower_ in LIST_JOINS and j + 1 < len(doc)
                            and name_word(doc[j + 1])):
        j += 1
    items = sum(1 for k in range(i, j) if name_word(doc[k]) and (k == i or not name_word(doc[k - 1])))
    before = tuple(t.lower_ for t in doc[max(0, i - 4):i])
    return any(before[-len(words):] == words and items >= fewest for words, fewest in cues)


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def _drop_currencies(clusters: list[Cluster], mentions: list[Mention]) -> None:
    """An "organisation" named only by a currency's ISO code ("$249 USD", "500 EUR a tonne") is money, not a
    body."""
    codes = currency_codes()
    for c in clusters:
        names = [mentions[k] for k in c.mentions if mentions[k].kind == "name"]
        if c.type == "ORG" and names and all(" ".join(m.words).strip("()") in codes for m in names):
            _drop(c, mentions)


@lru_cache(maxsize=1)
def identity_groups() -> frozenset[str]:
    return frozenset(read_lines("entity_identity_groups.txt"))


def _groups_named_like_bodies(clusters: list[Cluster], mentions: list[Mention]) -> None:
    """A "person" or "organisation" named only by a word for a group of people by origin, faith or side, alone
    or before "community" or "Americans" ("Latino voters", "Latinos", "the LGBT Community", "LGBT Americans", "the
    Methodist"), or by a people's name after a word or two ("Ottoman Armenians"), is that group (NORP), not a body
    (lexicons/entity_identity_groups.txt)."""
    groups = identity_groups()
    for c in clusters:
        names = [mentions[k] for k in c.mentions if mentions[k].kind == "name"]
        if c.type in ("PERSON", "ORG") and names and all(_group_word(m.words, groups) for m in names):
            c.type = "NORP"


def _group_word(words: tuple[str, ...], groups: frozenset[str]) -> bool:
    folded = [w.lower() for w in words if w.lower() not in ("the", "a")]
    if len(folded) == 2 and folded[1] in ("community", "communities", "americans"):  # "LGBT Americans"
        folded = folded[:1]
    folded = [w for w in folded if any(c.isalpha() for c in w)]
    if len(folded) in (2, 3) and folded[-1].endswith("s") and (is_demonym(words[-1]) or folded[-1][:-1] in groups):
        return True  # a people named with a word before it: "Ottoman Armenians", "Young Latinos"
    return len(folded) == 1 and (folded[0] in groups or folded[0].endswith("s") and folded[0][:-1] in groups)


@lru_cache(maxsize=1)
def venue_nouns() -> frozenset[str]:
    return frozenset(read_lines("entity_venue_nouns.txt"))


def _venues_as_places(doc: Doc, clusters: list[Cluster], mentions: list[Mention]) -> None:
    """An "organisation" or "person" named as a building (lexicons/entity_venue_heads.txt) that the article only
    ever names as where something was done ("spoke at Lakeview High School", "rallied in the Harmon Center") or as
    a spot one is near, outside or in front of, or visits, whatever the words hang from ("marchers near the Harlow
    Inn", "visited the Harbor Fishermen Memorial") is the venue: a facility, not a body; so is a one-word
    "organisation" the gazetteer knows as a town of 20,000 people or more ("moved to Westchester"). Never one
    named as someone's workplace ("a fellow at the Brandt Policy Center": the preposition hangs from a noun). The
    building's word ends the longest name ("near Harlow" after "in front of the Harlow Inn"). A "person" or
    "organisation" named only right before a venue's common noun or beside one in apposition (lexicons/
    entity_venue_nouns.txt: "the Silver Sands casino", "his Loch Arran golf course", "Nova, a downtown nightclub")
    or only after a building's height in storeys ("the 30-story Harlow House") is the venue too."""
    heads, nouns = venue_heads(), venue_nouns()
    for c in clusters:
        names = [mentions[k] for k in c.mentions if mentions[k].kind == "name"]
        if c.type not in ("PERSON", "ORG") or not names or any(
                mentions[k].kind == "pronoun" and doc[mentions[k].tok_start].lower_ not in THING_RELATIVES
                for k in c.mentions):
            continue  # "it", "they": something that acts; "the Harlow Inn, which ...": a building still
        if all(_named_as_venue(doc, m, nouns) or _storeyed(doc, m) for m in names):
            c.type = "FAC"
            for k in c.mentions:
                mentions[k].type = "FAC"
            continue
        longest = max(names, key=lambda m: m.tok_end - m.tok_start)
        if doc[longest.tok_end - 1].lower_ in heads and all(
                _placed_by_verb(doc[m.head]) or _as_spot(doc[m.head]) for m in names):
            c.type = "FAC"
            for k in c.mentions:
                mentions[k].type = "FAC"
        elif c.type == "ORG" and all(len(m.words) == 1 and _placed_by_verb(doc[m.head], TOWN_PREPS) for m in names) \
                and is_town(names[0].words[0]):
            c.type = "GPE"  # "moved to Westchester", "in Tamarac": a town the tagger took for a body
            for k in c.mentions:
                mentions[k].type = "GPE"


STOREYED = re.compile(r"\b[\w.]+-(?:story|storey)\s+(?:the\s+)?$", re.IGNORECASE)  # "the 22-story", "six-storey"


def _storeyed(doc: Doc, m: Mention) -> bool:
    """A name right after a building's height in storeys ("the 30-story Harlow House", "a six-storey Ngong
    Court"): a building."""
    i = _name_start(doc, m)
    start = doc[i].idx if i < m.tok_end else m.start
    return bool(STOREYED.search(text_of(doc)[max(0, start - 40):start]))


def _named_as_venue(doc: Doc, m: Mention, nouns: frozenset[str]) -> bool:
    """A name right before a venue's common noun of one word or two in lower case ("the Silver Sands casino",
    "the Loch Arran golf course"; never "the Dunmore campaign"), or in apposition with one ("Nova, a downtown
    nightclub")."""
    after = doc[m.tok_end:m.tok_end + 2]
    for n in (1, 2):
        span = after[:n]
        if len(span) == n and all(t.is_lower and t.is_alpha for t in span) and (
                " ".join([*(t.lower_ for t in span[:-1]), span[-1].lemma_.lower()]) in nouns
                or " ".join(t.lower_ for t in span) in nouns):
            return True
    return any(t.dep_ == "appos" and t.is_lower and (t.lemma_.lower() in nouns or t.lower_ in nouns)
               for t in doc[m.head].children)


def _as_spot(token: Token) -> bool:
    """A name where someone stands or goes, whatever the preposition hangs from: the object of a preposition of a
    spot one is beside and never works at ("near", "outside", "in front of": lexicons/entity_spot_preps.txt), or
    of "visit" or "tour" ("visited the Harlow Memorial")."""
    if token.dep_ == "dobj":
        return token.head.lemma_.lower() in SPOT_VERBS
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ == "of" and prep.head.lower_ == "front" and prep.head.head.lower_ == "in":
        return True  # "in front of the Harlow Inn"
    return prep.lower_ in spot_preps()


@lru_cache(maxsize=1)
def spot_preps() -> frozenset[str]:
    return frozenset(read_lines("entity_spot_preps.txt"))


def _placed_by_verb(token: Token, preps: frozenset[str] = VENUE_PREPS) -> bool:
    """A name where a verb's act took place: the object of "at", "in", "inside", "outside", "near" or "into"
    (or other `preps`) hanging from a verb."""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in preps and prep.head.pos_ in ("VERB", "AUX")


def _case_name(doc: Doc, start: int, end: int) -> bool:
    """A name that is, or is a party's in, a court case's name: "v." inside it or on either side (never "vs.",
    a contest: "Clinton vs. Trump")."""
    def versus(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].lower_ == "v."
    return versus(start - 1) or versus(end) or any(versus(i) for i in range(start + 1, end - 1))


def _storm(doc: Doc, start: int, storms: frozenset[str]) -> bool:
    """A name that begins with a storm word or follows one ("Typhoon Haiyan", "superstorm Sandy")."""
    return doc[start].lower_ in storms or start > 0 and doc[start - 1].lower_ in storms


CHAPTER_VERSE = re.compile(r"^\d+:\d+$")  # "Isaiah 45:1"
TIME_WORDS = frozenset({"a.m", "p.m", "am", "pm", "et", "est", "edt", "ct", "pt", "gmt", "utc"})
BOOK_WORDS = frozenset({"Chapter", "Book", "Gospel", "Epistle"})  # "the 45th Chapter of Isaiah"; never "the
#                                                                   Ohio chapter of NAACP"


def _of_a_book(doc: Doc, start: int) -> bool:
    """A name right after "Chapter of", "Book of", "Gospel of" (capitalised): a book of scripture."""
    return start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].text in BOOK_WORDS


def _before_verse(doc: Doc, end: int) -> bool:
    """A name that ends in, or stands before, a chapter and verse ("Micah 12:4"), which is no time of day
    ("Ruiz 10:30 a.m."): a book of scripture."""
    for j in (end - 1, end):
        if 0 <= j < len(doc) and CHAPTER_VERSE.match(doc[j].text):
            after = doc[j + 1].lower_.rstrip(".") if j + 1 < len(doc) else ""
            return after not in TIME_WORDS
    return False


def _whole_quotation(doc: Doc, start: int, end: int) -> bool:
    """Tokens start:end are all a quotation holds, but for its closing punctuation (“Going Viral,”)."""
    start = _title_article(doc, start)
    if start == 0 or doc[start - 1].text not in QUOTE_MARKS | {"''", "``"}:
        return False
    while end < len(doc) and doc[end].is_punct and doc[end].text not in CLOSING_QUOTE_MARKS:
        end += 1
    return end < len(doc) and doc[end].text in CLOSING_QUOTE_MARKS


def _in_title_quotation(doc: Doc, start: int, end: int) -> bool:
    """Tokens start:end are all a quotation holds, or part of a title it holds: capitalised words and a title's
    minor words around them (''Twin Peaks'' and then ''Twin Peaks'' read as "Peaks"; “Secret Lives of the
    Super Rich” read as "the Super Rich")."""
    minor = minor_words()

    def title_word(t: Token) -> bool:
        return t.is_alpha and (t.text[:1].isupper() or t.lower_ in minor)
    while start > 0 and title_word(doc[start - 1]):
        start -= 1
    while end < len(doc) and title_word(doc[end]):
        end += 1
    return _whole_quotation(doc, start, end)


def _title_article(doc: Doc, i: int) -> int:
    """Where a title starts that begins with a capital article the name leaves out ("An American Son")."""
    return i - 1 if i > 0 and doc[i - 1].text in ("A", "An", "The") else i


CALLING_WORDS = frozenset({"called", "named", "dubbed", "nicknamed"})  # between a work's noun and its title


@lru_cache(maxsize=1)
def called_nouns() -> frozenset[str]:
    return frozenset(read_lines("entity_called_nouns.txt"))


def _after_work_noun(doc: Doc, i: int, nouns: frozenset[str]) -> bool:
    i = _title_article(doc, i) - 1
    quoted = i >= 0 and doc[i].text in QUOTE_MARKS
    if quoted:
        i -= 1
    if i > 0 and doc[i].text == ",":
        i -= 1  # "his 2012 book, “An American Son”", "her newsletter, Piping Hot Truth"
    if i > 1 and doc[i].lower_ in ("and", "or") and doc[i - 1].text[:1].isupper():
        j = i - 1  # the second of two titles: "the films Harbor Nights and Dorothy Vance"
        while j > 0 and doc[j - 1].text[:1].isupper():
            j -= 1
        return _after_work_noun(doc, j, nouns)
    called = False
    if i > 0 and doc[i].lower_ in CALLING_WORDS:
        i, called = i - 1, True  # "a program called Scrubber", "the show dubbed ..."
    elif i > 1 and doc[i].lower_ == "as" and doc[i - 1].lower_ == "known":
        i, called = i - 2, True  # "the app known as Trailhead"
    elif i > 2 and doc[i].lower_ == "as" and doc[i - 1].lower_ == "to" and doc[i - 2].lower_ == "referred":
        i, called = i - 3, True  # "his jet, often referred to as Harlow One"
    if called and i >= 0 and doc[i].pos_ == "ADV":
        i -= 1  # "often", "also"
    if called and i >= 0 and doc[i].text == ",":
        i -= 1
    if called and (i < 0 or doc[i].pos_ != "NOUN"):
        return False
    if called or quoted:
        nouns = nouns | called_nouns()  # "a program called Scrubber", "his radio program, “Hale Uncut”"
    if i < 0 or doc[i].lower_ not in nouns and doc[i].lemma_.lower() not in nouns:
        return False  # "the film", "the films"
    # a noun ("the show"), or a verb in the past before a quotation mark ("wrote “Peter Pan”"): never "polls
    # show Rubio ahead" nor "wrote Ben Jacobs in The Guardian"
    return doc[i].pos_ in ("NOUN", "PROPN") or quoted and doc[i].tag_ in ("VBD", "VBN")


def _clause_word(tok: Token) -> bool:
    """A function word or a verb's -ed or -ing form: the words of a headline's clause ("Media Growls In
    Response", "Leaked Documents Reveal Donors"), never of a name made of English words ("Supreme Court")."""
    return tok.is_stop or tok.lower_.endswith(("ed", "ing")) and len(tok) > 4


def _english(tok: Token, dictionary: frozenset[str]) -> bool:
    """A function word ("Who", "For") or a word in the lemmatizer's dictionary, as written or in a base form
    ("caught", "conspiring", "ads")."""
    if tok.is_stop:
        return True
    w = tok.lower_
    forms = {w, tok.lemma_.lower()}
    for end, add in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("ies", "y"), ("es", ""), ("s", "")):
        if w.endswith(end) and len(w) >= len(end) + 2:
            forms.add(w[: -len(end)] + add)
    return bool(forms & dictionary)


def _capital_says_nothing(tok: Token) -> bool:
    doc = tok.doc
    return tok.i == 0 or tok.is_sent_start or tok.is_upper or "\n" in doc[tok.i - 1].text + doc[tok.i - 1].whitespace_


def _speaker_mentions(quotes: list, mentions: list[Mention]) -> dict[int, int]:
    """For each quote index, the mention that is its speaker (best overlap with the speaker span)."""
    out: dict[int, int] = {}
    overlaps = Overlaps(mentions)
    for qi, q in enumerate(quotes):
        sp = getattr(q, "speaker", None)
        if sp is None or sp.start is None or sp.end is None:
            continue
        best = max(((min(mentions[k].end, sp.end) - max(mentions[k].start, sp.start),
                     -abs((mentions[k].end - mentions[k].start) - (sp.end - sp.start)), k)
                    for k in overlaps(sp.start, sp.end)), default=None)
        if best is not None:
            out[qi] = best[2]
    return out


def _name(text: str, c: Cluster, mentions: list[Mention], doc: Doc) -> str:
    """The fullest name the article gives, else the first role nominal without its determiner, one of the body
    before one of a title-case headline ("Obama administration", not "Obama Administration") (an
    organisation's in lower case when only its place made it capital: "police" of "Police kept watch", or a
    headline in capitals, "AUSTRALIAN OLYMPIC TEAM", which the people index would otherwise take for a name)."""
    named = [mentions[k] for k in c.mentions if mentions[k].kind == "name" and mentions[k].words]
    if named:
        best = max(named, key=lambda m: (len(m.words), len(" ".join(m.words)), -m.start))
        first = text[best.start:best.end] if not best.title and not best.extra.get("shared_surname") else None
        words = " ".join(best.words)
        return words if first is None or words in first else first
    nominal = [mentions[k] for k in c.mentions if mentions[k].kind != "pronoun"]
    if nominal:
        lines = title_case_lines(text)
        m = next((n for n in nominal if not any(a <= n.start < b for a, b in lines)), nominal[0])
        if any(a <= m.start < b for a, b in lines) and m.tok_start <= m.head < m.tok_end:
            head = doc[m.head]  # a headline capitalises the nominal's head noun: "Obama administration"
            text = text[:head.idx] + head.text.lower() + text[head.idx + len(head.text):]
        if c.type == "ORG" and text[m.start:m.end].isupper() and " " in text[m.start:m.end].strip():
            return text[m.start:m.end].lower()  # a headline in capitals: "AUSTRALIAN OLYMPIC TEAM REFUSES ..."
        words = text[m.start:m.end].split(" ", 1)
        if len(words) == 2 and words[0].lower() in DEFINITE:
            return words[1]
        first = doc[m.tok_start]
        if c.type == "ORG" and first.tag_ in COMMON_NOUN_TAGS and first.text[:1].isupper() and not first.is_upper \
                and _capital_says_nothing(first):
            return text[m.start].lower() + text[m.start + 1:m.end]
        return text[m.start:m.end]
    return text[mentions[c.mentions[0]].start:mentions[c.mentions[0]].end]


def _is_agent(c: Cluster) -> bool:
    """A cluster of people or of an organisation that no name ever refers to ("officials", "about 3,000
    residents", "a nurse", "the government", "police") is an agent: a party to quotes and events, never a
    person or organisation of its own."""
    return c.type in ("PERSON", "ORG") and not c.named


GENDERS = {"f": "female", "m": "male"}


def _gender(c: Cluster, mentions: list[Mention]) -> tuple[str, list[tuple[int, int]]]:
    """A person's gender from the article's own evidence only: the gendered pronouns, honorifics and role nouns
    among its mentions ("she", "Mrs. Lobo", "the chairwoman"); the majority decides, a tie or no evidence is
    unknown. A first name is never evidence."""
    votes: dict[str, list[tuple[int, int]]] = {"f": [], "m": []}
    for k in c.mentions:
        m = mentions[k]
        if m.gender in votes:  # a name's evidence is its title ("Mrs." of "Mrs. Lobo")
            votes[m.gender].append(m.extra.get("title_chars", (m.start, m.end)) if m.kind == "name" else (m.start, m.end))
    if len(votes["f"]) == len(votes["m"]):
        return "unknown", []
    side = "f" if len(votes["f"]) > len(votes["m"]) else "m"
    return GENDERS[side], sorted(set(votes[side]))


def _titles(c: Cluster, mentions: list[Mention]) -> list[str]:
    seen: dict[str, str] = {}
    for k in c.mentions:
        m = mentions[k]
        for t in (None if m.extra.get("courtesy") else m.title, m.extra.get("appos_title")):
            if isinstance(t, str) and t and t.lower() not in seen:
                seen[t.lower()] = t
    return list(seen.values())
