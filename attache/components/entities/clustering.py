"""Within-article coreference: names join by full name, surname or alias; role nominals join the entity
whose title they repeat; pronouns join the nearest compatible antecedent on their side of the quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .index import Overlaps
from .lexicon import EntityLexicons, normalize
from .mentions import Mention, acronym_of, name_key

PRONOUN_WINDOW = 3  # sentences a pronoun looks back
NOMINAL_WINDOW = 4  # sentences "the company" looks back for its organisation
TITLE_LOOKBACK = 2000  # mentions "the secretary of state" looks back for the person with that title
# Objects of a verb or preposition that cannot be its own subject unless reflexive ("she praised her").
BOUND_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
REFLEXIVE = frozenset({"himself", "herself", "itself", "themselves"})


@dataclass
class Cluster:
    type: str
    mentions: list[int] = field(default_factory=list)
    keys: set[tuple[str, ...]] = field(default_factory=set)
    parts: set[str] = field(default_factory=set)  # first and last words of a person's multi-word names
    title_words: set[str] = field(default_factory=set)
    gender: str | None = None
    given_gender: str | None = None  # of its given name: tells namesakes apart, never reported
    full_keys: set[tuple[str, ...]] = field(default_factory=set)  # company names written with their legal form
    plural: bool = False
    country: str | None = None
    named: bool = False


class Clusterer:
    """Groups the mentions of one Doc into clusters (sets `Mention.entity`)."""

    def __init__(self, lex: EntityLexicons) -> None:
        self.lex = lex

    def __call__(self, doc: Doc, mentions: list[Mention], speakers: dict[int, int]) -> list[Cluster]:
        clusters: list[Cluster] = []
        self.overlaps = Overlaps(mentions)
        self.index: dict[str, list[int]] = {}  # name word or acronym -> clusters with such a name
        by_key: dict[tuple[str, tuple[str, ...]], int] = {}
        for k, m in enumerate(mentions):
            if m.kind == "name":
                self._name(k, m, clusters, by_key, mentions)
        self._company_short_forms(clusters, mentions)
        self._people_tagged_as_bodies(clusters, mentions)
        name_at_head = {m.head: k for k, m in enumerate(mentions) if m.kind == "name"}
        for k, m in enumerate(mentions):
            if m.kind == "nominal":
                self._nominal(k, m, clusters, mentions, name_at_head.get(m.appos) if m.appos is not None else None)
        for k, m in enumerate(mentions):
            if m.kind == "pronoun" and m.person == 3 and m.gender != "rel":
                self._pronoun(doc, k, m, clusters, mentions)
            elif m.kind == "pronoun" and m.gender == "rel":
                self._relative(doc, k, m, clusters, mentions)
        org_at = {i: m.entity for m in mentions if m.kind == "name" and m.type == "ORG" and m.entity >= 0
                  for i in range(m.tok_start, m.tok_end)}
        for k, m in enumerate(mentions):
            if m.kind == "pronoun" and m.person == 1 and m.quote is not None:
                target = speakers.get(m.quote)
                if target is None or mentions[target].entity < 0:
                    continue
                entity = mentions[target].entity
                if m.plural:  # "we" of a company's spokesman is the company
                    entity = entity if clusters[entity].type == "ORG" else _affiliation(entity, clusters, mentions, org_at)
                if entity is not None:
                    self._join(k, m, entity, clusters)
        return clusters

    # names -------------------------------------------------------------------------------------------

    def _name(self, k: int, m: Mention, clusters: list[Cluster], by_key: dict, mentions: list[Mention]) -> None:
        key = name_key(m.words)
        if not key:
            return
        full = False  # a company's name with its legal form ("Apple Inc.") is no short form of a longer one
        if m.type == "ORG":
            full = key[-1].strip(".,") in self.lex.org_suffixes
            key = self._org_key(key)
        group = _type_group(m.type)
        target = None
        if m.type == "PERSON" and len(key) == 1:  # a surname alone: which of the namesakes named so far
            target = self._person_match(key, m, clusters, self._candidates(key))
        if target is None:
            target = by_key.get((group, key))
            if target is not None and m.type == "PERSON" and not self._title_fits(m, clusters[target]):
                target = None  # "Mr. Clinton" where "Clinton" was Hillary Clinton: someone else
        if target is None and group in ("GPE", "NORP") and m.country:
            target = by_key.get((group, ("#country", m.country)))
        if target is None and m.type == "PERSON" and len(key) > 1:
            target = self._person_match(key, m, clusters, self._candidates(key))
        if target is None and len(key) > 1 and key[0] in self.lex.given_names:  # "Ted Cruz" tagged ORG once
            other = next((by_key[(g, key)] for g in ("PERSON", "ORG", "GPE") if g != group and (g, key) in by_key),
                         None)
            if other is not None and "PERSON" in (group, clusters[other].type):
                target, group = other, "PERSON"
                clusters[other].type = "PERSON"
        if target is None and m.type == "ORG":
            target = self._org_match(key, clusters, self._candidates(key), full)
        if target is None:
            clusters.append(Cluster(type=m.type))
            target = len(clusters) - 1
        c = clusters[target]
        self._join(k, m, target, clusters)
        c.named = True
        if key not in c.keys:
            self._index(target, key)
        c.keys.add(key)
        if full:
            c.full_keys.add(key)
        by_key[(group, key)] = target
        if group in ("GPE", "NORP") and m.country:
            by_key[(group, ("#country", m.country))] = target
        if m.type == "PERSON" and len(key) > 1:
            c.parts.update((key[0], self._surname(key)))
            if len(key) > 3 and key[-2] == "-":
                c.parts.add(key[-3])  # "Dale" of "Ana Dale-Hobart"
            c.given_gender = c.given_gender or self.lex.given_names.get(key[0])

    def _org_key(self, key: tuple[str, ...]) -> tuple[str, ...]:
        alias = self.lex.organizations.get(" ".join(key))
        if alias is not None:
            return tuple(normalize(alias.name).split())
        words = list(key)
        if words and words[0] == "the":
            words = words[1:]
        while len(words) > 1 and words[-1].strip(".,") in self.lex.org_suffixes:
            words.pop()
        return tuple(words) or key

    def _people_tagged_as_bodies(self, clusters: list[Cluster], mentions: list[Mention]) -> None:
        """A "body" named only by a two- or three-word name that is a person's name by its form, whose last word is
        the surname of someone the article titles ("Ms. Malone" beside "Tara Malone", tagged an organisation each
        time), is that person."""
        titled: dict[str, int] = {}  # surname -> the person the article titles with it ("Ms. Malone")
        for i, c in enumerate(clusters):
            if c.type == "PERSON" and c.mentions and all(len(k) == 1 for k in c.keys) and any(
                    mentions[k].kind == "name" and mentions[k].gender in ("m", "f") for k in c.mentions):
                for k in c.keys:
                    titled.setdefault(k[0], i)
        heads = self.lex.org_heads | self.lex.org_unit_heads
        for c in clusters:
            if c.type != "ORG" or not c.mentions or not c.keys or c.full_keys or any(
                    not 1 < len(k) < 4 or k[0] == "the" or k[-1] in heads or not all(w.isalpha() for w in k)
                    for k in c.keys):
                continue
            surname = next(iter(c.keys))[-1]
            target = titled.get(surname)
            if target is None or any(k[-1] != surname for k in c.keys):
                continue
            for k in c.mentions:
                mentions[k].type = "PERSON"
                self._join(k, mentions[k], target, clusters)
            c.mentions, c.named = [], False

    def _company_short_forms(self, clusters: list[Cluster], mentions: list[Mention]) -> None:
        """A "person" named only by one word that is the first word of a company the article names in full, with
        its legal form ("Kellner" beside "Kellner Imports Inc.") or as two names joined ("Brandt" beside
        "Brandt-Hollis"), is that company: the tagger took its short form for a surname."""
        for c in clusters:
            if c.type != "PERSON" or not c.mentions or len(c.keys) != 1 or len(next(iter(c.keys))) != 1:
                continue
            word = next(iter(c.keys))[0]
            target = next((i for i in self.index.get(word, ()) if clusters[i].type == "ORG" and (
                any(k[0] == word for k in clusters[i].full_keys)
                or any(len(k) == 3 and k[0] == word and k[1] == "-" for k in clusters[i].keys))), None)
            if target is None:
                continue
            for k in c.mentions:
                mentions[k].type = "ORG"
                self._join(k, mentions[k], target, clusters)
            c.mentions, c.named = [], False

    def _candidates(self, key: tuple[str, ...]) -> list[int]:
        """Clusters sharing a first word, last word or acronym with a name, most recent first."""
        found: set[int] = set()
        for word in {key[0], key[-1], acronym_of(key)}:
            found.update(self.index.get(word, ()))
        return sorted(found, reverse=True)

    def _index(self, idx: int, key: tuple[str, ...]) -> None:
        for word in {key[0], key[-1], self._surname(key), acronym_of(key)} if len(key) > 1 else {key[0]}:
            self.index.setdefault(word, []).append(idx)

    def _suffixed(self, c: Cluster) -> bool:
        """Whether a person is named with a generational suffix ("Donald Trump Jr.")."""
        return any(len(k) > 2 and k[-1] in self.lex.name_suffixes for k in c.keys)

    def _surname(self, key: tuple[str, ...]) -> str:
        """The last word of a name before a generational suffix ("martin luther king jr" -> king)."""
        return key[-2] if len(key) > 2 and key[-1] in self.lex.name_suffixes else key[-1]

    def _person_match(self, key: tuple[str, ...], m: Mention, clusters: list[Cluster], candidates: list[int]
                      ) -> int | None:
        for idx in candidates:
            c = clusters[idx]
            if c.type != "PERSON" or not c.named:
                continue
            if len(key) > 1 and any(len(k) > len(key) and k[-len(key):] == key for k in c.keys):
                return idx  # "Dale-Hobart" of "Ana Dale-Hobart"
            if len(key) > 1 and any(len(k) > 1 and k[-1] == key[-1] and k[0] != key[0] and len(k[0].strip(".")) > 1
                                    and len(key[0].strip(".")) > 1 for k in c.keys):
                continue  # "Bill Clinton" is not the "Hillary Clinton" that "Clinton" referred to
            if len(key) == 1 and key[0] in c.parts:
                return self._principal(key[0], m, clusters, candidates)
            if len(key) > 1 and any(len(k) > 1 and k[-1] == key[0] != k[0] for k in c.keys):
                continue  # "Trump Turnberry" is no name of Donald Trump: his surname comes first in it
            if len(key) > 1 and any(len(k) == 1 and k[0] in (key[0], key[-1]) for k in c.keys):
                return idx
            if len(key) > 1 and any(len(k) > 1 and k[-1] == key[-1] and k[0] == key[0]
                                    and not _other_initials(k, key) for k in c.keys):
                return idx  # not "George H.W. Bush" for "George W. Bush"
            if len(key) > 1 and any(len(k) > len(key) and k[:len(key)] == key and k[-1] not in self.lex.name_suffixes
                                    for k in c.keys):
                return idx  # "Juan Pablo" after "Juan Pablo Ortega": the name without its surname
        return None

    def _principal(self, surname: str, m: Mention, clusters: list[Cluster], candidates: list[int]) -> int | None:
        """The person a surname alone means when the article has named one or more with it ("Trump" after
        "Donald Trump" and "Melania Trump"): of those its title fits ("Mrs. Clinton" a woman, "President Clinton"
        one called president), the one mentioned most so far, else the first named; None when its title says
        it is none of them ("Mr. Clinton" where only Hillary Clinton was named)."""
        matching = [i for i in candidates if clusters[i].type == "PERSON" and clusters[i].named
                    and surname in clusters[i].parts]
        # a namesake named with a suffix ("Donald Trump Jr.") only when no one else has that surname
        matching = [i for i in matching if not self._suffixed(clusters[i])] or matching
        if m.gender in ("m", "f"):
            matching = [i for i in matching if self._title_fits(m, clusters[i])]
            if not matching:
                return None
            matching = [i for i in matching if (clusters[i].gender or clusters[i].given_gender) == m.gender] or matching
        roles = set(m.title_words) - self.lex.honorifics - self.lex.title_modifiers
        if roles:
            matching = [i for i in matching if roles & clusters[i].title_words] or matching
        return min(matching, key=lambda i: (-len(clusters[i].mentions), i))

    @staticmethod
    def _title_fits(m: Mention, c: Cluster) -> bool:
        """Whether a name's gendered title ("Mrs.", "Mr.") fits a person whose gender or given name is known."""
        known = c.gender or c.given_gender
        return m.gender not in ("m", "f") or known in (None, m.gender)

    def _org_match(self, key: tuple[str, ...], clusters: list[Cluster], candidates: list[int], full: bool = False
                   ) -> int | None:
        if len(key) == 1:  # "GM" beside "General Motors" and "GM Hughes Electronics": the initials first
            spelled = next((idx for idx in candidates if clusters[idx].type == "ORG" and clusters[idx].named and any(
                len(k) > 1 and acronym_of(k) == key[0].replace(".", "") and k[-1] not in self.lex.thing_heads
                for k in clusters[idx].keys)), None)
            if spelled is not None:
                return spelled
        for idx in candidates:
            c = clusters[idx]
            if c.type != "ORG" or not c.named:
                continue
            for other in c.keys:
                short, long_ = (key, other) if len(key) <= len(other) else (other, key)
                short_is_full = full if short is key else short in c.full_keys
                unit = long_[-1].strip(".,") in self.lex.org_unit_heads
                if long_[:len(short)] == short and len(short) >= 1 and not (
                        len(long_) > len(short) and (unit or short_is_full or long_[len(short)] == "of"
                                                     and " ".join(short) in self.lex.title_words)):
                    # "Fox" with "Fox News"; never "Senate" with "the Senate Judiciary Committee", "Apple Inc."
                    # with "Apple Corps" nor "State" with "the State of Ohio"
                    return idx
                if len(short) == 1 and len(long_) > 1 and acronym_of(long_) == short[0].replace(".", "") \
                        and long_[-1].strip(".,") not in self.lex.thing_heads:
                    return idx  # "FBI"; never "DNC" with the Democratic National Convention, an event
        return None

    # role nominals -----------------------------------------------------------------------------------

    def _nominal(self, k: int, m: Mention, clusters: list[Cluster], mentions: list[Mention],
                 appos: int | None) -> None:
        if appos is not None and mentions[appos].entity >= 0:
            self._join(k, m, mentions[appos].entity, clusters)
            return
        target = None
        if m.definite and not m.plural:
            target = self._title_match(m, clusters, mentions, k)
            if target is None and m.type == "ORG" and m.sector == "BUS" and "owner_named" not in m.extra:
                # "the company"; never "China Eastern's board", a body of its owner's, not the last one named
                target = self._recent(k, m, clusters, mentions, lambda c: c.type == "ORG" and c.named)
        if target is None and m.plural:
            key = tuple(w for w in m.title_words)
            target = next((i for i, c in enumerate(clusters) if not c.named and c.plural and key in c.keys), None)
        if target is None:
            clusters.append(Cluster(type=m.type, plural=m.plural, country=m.country))
            target = len(clusters) - 1
            clusters[target].keys.add(tuple(m.title_words))
        self._join(k, m, target, clusters)

    def _title_match(self, m: Mention, clusters: list[Cluster], mentions: list[Mention], k: int) -> int | None:
        """A person whose title the nominal repeats ("the secretary of state", "the North Korean leader")."""
        head = m.noun or ""
        if head not in self.lex.title_words:
            return None
        for j in range(k - 1, max(-1, k - 1 - TITLE_LOOKBACK), -1):
            e = mentions[j].entity
            if e < 0:
                continue
            c = clusters[e]
            if c.type != "PERSON" or not c.named or head not in c.title_words:
                continue
            if m.country and c.country and m.country != c.country:
                continue
            words = [w for w in m.title_words if w in self.lex.title_words]
            if all(w in c.title_words for w in words):
                return e
        return None

    def _recent(self, k: int, m: Mention, clusters: list[Cluster], mentions: list[Mention], ok) -> int | None:
        for j in range(k - 1, -1, -1):
            o = mentions[j]
            if o.sent < m.sent - NOMINAL_WINDOW:
                break
            if o.entity >= 0 and ok(clusters[o.entity]) and o.quote == m.quote:
                return o.entity
        return None

    # pronouns ----------------------------------------------------------------------------------------

    def _pronoun(self, doc: Doc, k: int, m: Mention, clusters: list[Cluster], mentions: list[Mention]) -> None:
        tok = doc[m.head]
        best: tuple[tuple[int, int, int, int], int] | None = None
        # i-within-i: "Stephen Biegun, his special representative" - "his" is not Biegun
        containing = {mentions[j].entity for j in self.overlaps(m.start, m.end)
                      if j != k and mentions[j].start <= m.start and m.end <= mentions[j].end}
        reporter = self._reporting_subject(doc, k, m, clusters, mentions, containing)
        if reporter is not None:
            self._join(k, m, reporter, clusters)  # "the ministry said it would ...", "the senator insisted she ..."
            return
        # "He thanked him", "Sanders continued to portray her": an object pronoun is not its own clause's subject
        # (nor the subject controlling its infinitive), whichever mention that subject is
        clause = _controlling_heads(tok.head)
        # "Mo Elleithee, a Clinton aide during her 2008 run": nor the noun its own phrase hangs from
        phrase = _phrase_heads(tok)
        own_subject = {mentions[j].entity for j in range(k) if mentions[j].entity >= 0 and mentions[j].subject
                       and doc[mentions[j].head].head.i in clause} \
            if tok.dep_ in BOUND_OBJECT_DEPS and tok.lower_ not in REFLEXIVE else set()
        for j in range(k - 1, -1, -1):
            o = mentions[j]
            if o.sent < m.sent - PRONOUN_WINDOW:
                break
            if o.entity < 0 or o.quote != m.quote or o.end > m.start:
                continue
            c = clusters[o.entity]
            if o.entity in containing or o.entity in own_subject or o.head in phrase or not self._compatible(m, c):
                continue
            if tok.lower_ == "it" and not (o.subject and o.kind == "name" and m.sent - o.sent <= 1):
                continue  # bare "it" is mostly a thing or an expletive: only a named subject close by
            if tok.dep_ in BOUND_OBJECT_DEPS and o.subject and doc[o.head].head.i in clause \
                    and tok.lower_ not in REFLEXIVE:
                continue  # "Trump told him": him is not Trump
            number = 0 if c.plural == m.plural else 1  # "they": a group before a company
            rank = (m.sent - o.sent, number, 0 if o.subject else 1, k - j)
            if best is None or rank < best[0]:
                best = (rank, o.entity)
        if best is not None:
            self._join(k, m, best[1], clusters)

    def _reporting_subject(self, doc: Doc, k: int, m: Mention, clusters: list[Cluster], mentions: list[Mention],
                           containing: set[int]) -> int | None:
        """The subject of the verb whose complement clause this pronoun is the subject of, when the two agree:
        "the ministry said it would retaliate", "the senator insisted she had not discussed it", "Kim said he
        would visit". A person noun without a known gender ("the senator", "the official") takes he or she here,
        and an organisation noun ("the ministry", "the government") it or they: the clause is what its subject
        says, thinks or promises about itself far more often than about someone else."""
        tok = doc[m.head]
        if tok.dep_ not in ("nsubj", "nsubjpass") or m.person != 3:
            return None
        clause = tok.head
        if clause.dep_ not in ("ccomp", "xcomp") or clause.head.i == clause.i:
            return None
        governor = clause.head
        if governor.pos_ not in ("VERB", "AUX"):
            return None
        subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i > tok.i:
            return None
        found = [o for o in (mentions[j] for j in range(k - 1, -1, -1) if mentions[j].sent == m.sent)
                 if o.head == subject.i and o.entity >= 0 and o.quote == m.quote and o.entity not in containing]
        if not found:
            return None
        o = max(found, key=lambda x: x.end - x.start)  # the widest: "A and B, which ..., said they"
        c = clusters[o.entity]
        if self._compatible(m, c):
            return o.entity
        if m.gender in ("m", "f") and c.type == "PERSON" and not c.plural and c.gender is None:
            return o.entity  # "the senator insisted she ..."
        if (m.gender == "n" or m.plural) and c.type in ("ORG", "GPE") and o.kind != "pronoun":
            return o.entity  # "the government said it ...", "the ministry said they ..."
        return None

    def _relative(self, doc: Doc, k: int, m: Mention, clusters: list[Cluster], mentions: list[Mention]) -> None:
        """"which"/"who" opening a relative clause refers to the noun phrase the clause modifies."""
        verb = doc[m.head].head
        if verb.dep_ != "relcl":
            return
        noun = verb.head.i
        best: Mention | None = None
        for j in range(k - 1, -1, -1):
            o = mentions[j]
            if o.sent < m.sent:
                break
            if o.entity >= 0 and o.head == noun and o.kind != "pronoun" and (
                    best is None or o.end - o.start > best.end - best.start):
                best = o  # the widest phrase with that head: "A and B, which ..." is both
        if best is not None:
            self._join(k, m, best.entity, clusters)

    @staticmethod
    def _compatible(m: Mention, c: Cluster) -> bool:
        """Gender and number agreement: he/she a single person (a named one unless its gender is known),
        it/its a single organisation or place, they/their a group or an organisation."""
        if m.gender in ("m", "f"):
            if c.type != "PERSON" or c.plural:
                return False
            return c.gender == m.gender or (c.gender is None and c.named)
        if m.gender == "n":
            return c.type in ("ORG", "GPE") and not c.plural
        if m.plural:
            return c.plural or c.type == "ORG"
        return False

    # ------------------------------------------------------------------------------------------------

    def _join(self, k: int, m: Mention, target: int, clusters: list[Cluster]) -> None:
        c = clusters[target]
        m.entity = target
        c.mentions.append(k)
        if m.title_words and m.kind != "pronoun":  # "Sen. Marco Rubio" is also the senator
            c.title_words.update(m.title_words)
            c.title_words.update(self.lex.title_stands_for[w] for w in m.title_words if w in self.lex.title_stands_for)
        if m.gender in ("m", "f") and c.gender is None:
            c.gender = m.gender
        if m.country and c.country is None:
            c.country = m.country


def _phrase_heads(pronoun: Token) -> set[int]:
    """The nouns a pronoun's phrase hangs from up to its clause, through prepositions and apposition ("her" in
    "Mo Elleithee, a Clinton aide during her 2008 run": run, aide, Elleithee): none of them is what it refers to."""
    heads: set[int] = set()
    token = pronoun
    for _ in range(8):
        if token.head.i == token.i or token.head.pos_ in ("VERB", "AUX") or token.dep_ == "conj":
            break  # "the president and his wife": his may be the president
        token = token.head
        if token.pos_ in ("NOUN", "PROPN"):
            heads.add(token.i)
    return heads


def _controlling_heads(verb: Token) -> set[int]:
    """A verb and the verbs whose subject it shares through "to" ("continued to portray", "wants to meet"): an
    object pronoun of any of them cannot be that subject."""
    heads = {verb.i}
    for _ in range(4):
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            break
        verb = verb.head
        heads.add(verb.i)
    return heads


def _other_initials(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two names with the same first and last word have different middle initials ("George W. Bush",
    "George H.W. Bush"); a name without middle names fits both."""
    first = "".join(p[:1] for w in a[1:-1] for p in w.split(".") if p)
    second = "".join(p[:1] for w in b[1:-1] for p in w.split(".") if p)
    return bool(first and second and first != second)


def _affiliation(entity: int, clusters: list[Cluster], mentions: list[Mention], org_at: dict[int, int]) -> int | None:
    """The organisation a person was introduced with ("Boeing spokesman ...", "..., the chief executive
    of Halden Foods"), as a cluster index."""
    for k in clusters[entity].mentions:
        for key in ("affiliation_span", "appos_span"):
            span = mentions[k].extra.get(key)
            if span is None:
                continue
            a, b = span  # type: ignore[misc]
            for i in range(a, b):
                if i in org_at:
                    return org_at[i]
    return None


def _type_group(label: str) -> str:
    return "GPE" if label in ("GPE", "LOC", "FAC") else label
