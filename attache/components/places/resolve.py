"""Resolving place mentions to gazetteer entries: candidates by name, then a choice by kind, size and context.

Scores favour what a news text usually means: a country over anything named like it, a capital or a big
city over a same-named town, a first-level division of a large country over a small country's namesake.
The article's other places (and its actors' countries) tip close calls: "Georgia" next to Atlanta is the
U.S. state, next to Tbilisi or Russia the country. Unknown names keep no country rather than a guess.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import pycountry

from ...gazetteer import Entry, Gazetteer, fold
from ...lexicons import read_lines, read_table
from .mentions import Mention

COUNTRY_SCORE = 100.0
CAPITAL_BONUS = 15.0
CONTEXT_BONUS = {"country": 25.0, "admin": 25.0, "city": 3.5}  # per other mention in the same country (max 2)
NEIGHBOUR_BONUS = 15.0
SAME_ADMIN_BONUS = 8.0  # a town in a division the article names elsewhere
DIVISION_BONUS = 25.0  # a division one of whose towns the article names ("Atlanta" for Georgia)
SIBLING_BONUS = 25.0  # a division of a country whose other divisions the article names ("Georgia ... Arizona")
UNKNOWN_KIND = ""  # an entry made for a place known only by the division or country it lies in
MIN_ALTERNATE_POPULATION = 1_000_000  # a city matched by another name alone, without context, must be this big
SMALL_TOWN = 100_000  # below this a town needs support from the rest of the article
CLEAR_MARGIN = 12.0  # a candidate this far ahead before context is what the name means
ALTERNATE_PENALTY = 25.0  # a name in another language or a former name is weaker evidence than a place's own
MIN_ORG_CITY_POPULATION = 500_000  # an ORG-labelled name is a place only if it is this well known
MIN_CONTEXT_POPULATION = 20_000  # a name in a place context matched by another of the town's names
MIN_SCAN_CITY_POPULATION = 100_000  # a name no NER label marked is a place only if it is this well known

Candidate = tuple[Entry, bool]  # an entry and whether it matched under an alternate name


@dataclass
class Choice:
    """A resolved mention and the entry chosen for it (None when the name is unknown)."""

    mention: Mention
    entry: Entry | None


def base_score(entry: Entry, alternate: bool = False) -> float:
    """How likely a news text means `entry` before context: by kind, then by size."""
    if alternate:
        return base_score(entry) - ALTERNATE_PENALTY
    if entry.kind == "country":
        return COUNTRY_SCORE
    if entry.kind == "admin":
        return 40.0 + 2.0 * math.log10(entry.population + 1)
    if entry.kind == "city":
        return 10.0 * math.log10(entry.population + 1) + (CAPITAL_BONUS if entry.capital else 0.0)
    return COUNTRY_SCORE + 10  # landmarks and regions come from our own table: they mean what it says


class Resolver:
    """Candidates and choices for the mentions of one article; tables loaded once."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.directions = frozenset(read_lines("place_directions.txt"))
        self.division_words = frozenset(read_lines("place_division_words.txt"))
        self.generic = frozenset(fold(w) for w in read_lines("place_generic_names.txt"))
        self.landmarks = [self._landmark(row) for row in read_table("place_landmarks.tsv")]
        self.countries = {e.country: e for e in gazetteer.entries("country") if e.country}
        admins: dict[str, list[Entry]] = {}
        for e in gazetteer.entries("admin"):
            admins.setdefault(e.country or "", []).append(e)
        self.admins = admins
        self.aliases: dict[str, list[Candidate]] = {}
        for row in read_table("place_aliases.tsv"):
            entry = self._alias_target(row)
            if entry is not None:
                # Abbreviations with dots match only as written: "Va." is Virginia, "VA" is not.
                key = row["alias"] if "." in row["alias"] else fold(row["alias"])
                self.aliases.setdefault(key, []).append((entry, False))

    def candidates(self, mention: Mention) -> list[Candidate]:
        """Every entry the mention's name may denote (landmark row, alias, then the gazetteer)."""
        if mention.landmark is not None:
            return [(self.landmarks[mention.landmark], False)]
        if mention.label == "SOIL":
            country = self.countries.get(mention.country_hint or "")
            if country is None:
                return [(Entry("region", mention.text, None, None, None, None, None, 0), False)]
            return [(Entry("region", mention.text, country.country, None, country.lat, country.lon, None, 0), False)]
        if mention.label == "STATE_CODE":  # "(R-AZ)": the US state of that postal code
            state = pycountry.subdivisions.get(code="US-" + mention.text)
            return [c for c in self.gazetteer.lookup_key(fold(state.name)) if c[0].kind == "admin"
                    and c[0].country == "USA"] if state is not None else []
        if mention.text in self.aliases:
            return self.aliases[mention.text]
        if mention.label == "GPE" and mention.text + "." in self.aliases:
            return self.aliases[mention.text + "."]  # "Casper, Wyo.,": the tokenizer split the abbreviation's dot
        for key in self._keys(mention.text):
            if key in self.aliases:
                return self.aliases[key]
            if key in self.generic or (_acronym(mention.text) and not mention.line_start):
                return []  # "North", "GAO": a word or an acronym, not the division or town spelled alike
            found = self.gazetteer.lookup_key(key)
            if found:
                return found
        return []

    def _named_after(self, text: str) -> Entry | None:
        """The well-known place a name ends in after "of" ("Port of Miami" -> Miami), if any."""
        head, of, place = text.rpartition(" of ")
        if not of or not head or not self.well_known(place):
            return None
        own = [c for c, alternate in self.candidates(Mention(0, len(place), place, "GPE")) if not alternate]
        return max(own, key=lambda c: base_score(c, False)) if own else None

    def well_known(self, text: str) -> bool:
        """Whether a capitalised name no NER label marked is surely a place: a country, an alias, a first-level
        division or a city of MIN_SCAN_CITY_POPULATION under its own name."""
        key = fold(text)
        if key in self.aliases or text in self.aliases:
            return True
        if key in self.generic or _acronym(text):
            return False
        return any(not alt and (e.kind in ("country", "admin") or e.population >= MIN_SCAN_CITY_POPULATION)
                   for e, alt in self.gazetteer.lookup_key(key))

    def is_country(self, text: str) -> bool:
        """Whether a name is a country's own name ("Malaysia")."""
        return any(not alt and e.kind == "country" for e, alt in self.gazetteer.lookup_key(fold(text)))

    def in_context(self, text: str, strong: bool = False) -> bool:
        """Whether a capitalised name the words around mark as a place is in the gazetteer as a town of
        MIN_CONTEXT_POPULATION or more; after a bare preposition ("in Manbij") that is all; where the words
        say so plainly ("Aleppo province", "the city of X", `strong`) a town of any size under its own name."""
        key = fold(text)
        if key in self.generic or _acronym(text) or len(key) < 3:
            return False
        return any((strong and not alt) or e.kind in ("country", "admin") or e.population >= MIN_CONTEXT_POPULATION
                   for e, alt in self.gazetteer.lookup_key(key))

    def resolve(self, mentions: list[Mention], actor_countries: Counter[str] | None = None,
                text: str = "") -> list[Choice]:
        """One Choice per mention, in order; ORG-labelled mentions that are no well-known place are dropped.
        `text`, the article's, lets a place the gazetteer lacks take the country of the one it is in."""
        options = [self.candidates(m) for m in mentions]
        # Context: what the unambiguous mentions say (one candidate, or a country among them).
        context: Counter[str] = Counter()
        admins: Counter[tuple[str, str]] = Counter()
        sure_of: list[Candidate | None] = []
        for cands in options:
            sure = _unambiguous(cands)
            sure_of.append(sure)
        seen: set[tuple[str, str]] = set()
        for mention, sure_c in zip(mentions, sure_of):
            if sure_c is None or sure_c[0].country is None:
                continue
            sure = sure_c[0]
            key = (fold(mention.text), sure.country)
            if key in seen:
                continue
            seen.add(key)
            context[sure.country] += 1
            if sure.admin1:
                admins[(sure.country, sure.admin1)] += 1
            if sure.kind == "admin":
                admins[(sure.country, "")] += 1  # the country has a division named
        for country, n in (actor_countries or Counter()).items():
            context[country] += min(n, 1)
        choices = []
        for i, (mention, cands) in enumerate(zip(mentions, options)):
            own = sure_of[i][0] if sure_of[i] else None
            container = self._container(mentions, options, i)
            entry = self._choose(cands, context, admins, own, container, mention.placed)
            if entry is not None and not (mention.sure or mention.placed) and not _well_known(entry):
                continue
            if entry is None and (not mention.sure or " " not in mention.text and not mention.placed
                                  and container is None):
                continue  # a single word no gazetteer entry fits and no word marks as a place: a name we do
                #           not know ("Cineplex shareholders"), not a place we can show
            if entry is None and container is not None:
                # "Jackson Hole, Wyoming": a place the gazetteer lacks, inside one it knows.
                entry = Entry(UNKNOWN_KIND, mention.text, container.country, container.admin1, None, None, None, 0)
            if entry is None and mention.sure and (owner := self._named_after(mention.text)) is not None:
                # "the Port of Miami", "the University of Nairobi": a place the gazetteer lacks, named after one
                entry = Entry(UNKNOWN_KIND, mention.text, owner.country, owner.admin1, None, None, None, 0)
            if entry is None and mention.sure and " " in mention.text:
                # "Chiang Mai International Airport": named after a town first; "Moscone Center in San Francisco"
                owner = self._named_first(mention.text) or self._host(mentions, options, i, text, context)
                if owner is not None:
                    entry = Entry(UNKNOWN_KIND, mention.text, owner.country, owner.admin1, None, None, None, 0)
            choices.append(Choice(mention, entry))
        return choices

    def _named_first(self, text: str) -> Entry | None:
        """The town, division or country whose own name opens a longer name ("Chiang Mai" of "Chiang Mai
        International Airport"), if the places bearing it are all in one country."""
        words = text.split()
        for n in range(len(words) - 1, 0, -1):
            own = [e for e, alt in self.gazetteer.lookup_key(fold(" ".join(words[:n])))
                   if not alt and e.kind in ("city", "admin", "country")]
            if own:
                return own[0] if len({e.country for e in own}) == 1 else None
        return None

    def _host(self, mentions: list[Mention], options: list[list[Candidate]], i: int, text: str,
              context: Counter[str]) -> Entry | None:
        """The place named right after "in" ("Moscone Center in San Francisco")."""
        if i + 1 >= len(mentions) or text[mentions[i].end:mentions[i + 1].start].strip().lower() != "in":
            return None
        return self._best(options[i + 1], context, Counter(), None, None)

    def _choose(self, cands: list[Candidate], context: Counter[str], admins: Counter[tuple[str, str]],
                own: Entry | None, container: Entry | None, placed: bool = False) -> Entry | None:
        best = self._best(cands, context, admins, own, container)
        if best is None or best.kind != "city" or container is not None:
            return best
        alternate = all(a for c, a in cands if c is best)
        if placed:  # "in Manbij", "the city of Kobane": the words say a place is meant
            return best if not alternate or best.population >= MIN_CONTEXT_POPULATION else None
        support = context[best.country or ""] - (1 if own is not None and own.country == best.country else 0)
        if support > 0:
            return best
        # Nothing else in the article points to this country: a small town, or a city known here only by
        # a foreign or former name ("Lion" for Lyon), is more likely a name we do not know.
        if best.population < SMALL_TOWN or (alternate and best.population < MIN_ALTERNATE_POPULATION):
            return None
        return best

    def _best(self, cands: list[Candidate], context: Counter[str], admins: Counter[tuple[str, str]],
              own: Entry | None, container: Entry | None) -> Entry | None:
        if container is not None:
            inside = [(c, a) for c, a in cands if c.country == container.country and
                      (container.kind != "admin" or c.admin1 == container.admin1)]
            if not inside and all(c.kind == "city" for c, _ in cands):
                return None  # "Surrey, England": a place inside the container the gazetteer lacks, not Surrey, B.C.
            cands = inside or cands
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0][0]
        # First the country, by each candidate's score with the article's context; then, within that country,
        # the candidate its own size and kind favour (context says which country, not which of its places).
        scored = [(self._score(c, a, context, admins, own), base_score(c, a) + self._admin_bonus(c, admins), c)
                  for c, a in cands]
        country = max(scored, key=lambda s: s[0])[2].country
        return max((s for s in scored if s[2].country == country), key=lambda s: s[1])[2]

    def _score(self, cand: Entry, alternate: bool, context: Counter[str], admins: Counter[tuple[str, str]],
               own: Entry | None) -> float:
        """A candidate's score with context: other mentions in its country, its neighbours, its division."""
        score = base_score(cand, alternate)
        if cand.country:
            support = context[cand.country] - (1 if own is not None and own.country == cand.country else 0)
            score += CONTEXT_BONUS.get(cand.kind, 0.0) * min(max(support, 0), 2)
            if cand.kind == "country" and any(context[n] for n in cand.neighbours):
                score += NEIGHBOUR_BONUS
            score += self._admin_bonus(cand, admins)
            if cand.kind == "admin" and admins[(cand.country, "")] > admins[(cand.country, cand.admin1 or "")]:
                score += SIBLING_BONUS  # another division of its country is named: "Georgia ... Arizona"
        return score

    @staticmethod
    def _admin_bonus(cand: Entry, admins: Counter[tuple[str, str]]) -> float:
        """Another mention in the candidate's division ("Texas" for Paris; "Atlanta" for Georgia the state)."""
        if not cand.admin1 or not admins[(cand.country or "", cand.admin1)]:
            return 0.0
        return DIVISION_BONUS if cand.kind == "admin" else SAME_ADMIN_BONUS

    def _container(self, mentions: list[Mention], options: list[list[Candidate]], i: int) -> Entry | None:
        """The division or country right after "Springfield, " in "Springfield, Illinois"."""
        if i + 1 >= len(mentions):
            return None
        here, nxt = mentions[i], mentions[i + 1]
        if not (0 < nxt.start - here.end <= 3) or not options[i + 1]:
            return None
        if mentions[i + 1].label in ("LANDMARK", "SOIL"):
            return None
        own = [c for c in options[i + 1] if not c[1]]
        best = max(own, key=lambda c: base_score(*c))[0] if own else None
        if any(c.kind == "country" for c, _ in options[i]) or self._in_list(mentions, i):
            return None  # "Britain, West Germany, Australia", "Sydney, Hong Kong, Singapore": a list
        return best if best is not None and best.kind in ("admin", "country") else None

    @staticmethod
    def _in_list(mentions: list[Mention], i: int) -> bool:
        """Whether mention i is one of three or more places separated only by commas."""
        def joined(a: int) -> bool:  # not "THE HAGUE, Netherlands (AP)": an ORG-labelled name is no list item
            return 0 <= a and a + 1 < len(mentions) and 0 < mentions[a + 1].start - mentions[a].end <= 3 \
                and "ORG" not in (mentions[a].label, mentions[a + 1].label)
        return joined(i - 1) or joined(i + 1)

    def _keys(self, text: str) -> list[str]:
        """Lookup keys for a mention text: as written, then without a leading direction word ("northern
        Syria", "South Florida") or a trailing division word ("San Diego County", "Washington State")."""
        key = fold(text)
        keys = [key]
        words = text.split()
        if len(words) > 1 and words[0].lower() in self.directions:
            keys.append(fold(" ".join(words[1:])))
        if len(words) > 1 and words[-1].lower() in self.division_words:
            keys.append(fold(" ".join(words[:-1])))
        return keys

    def _landmark(self, row: dict[str, str]) -> Entry:
        name = row["names"].split("|")[0]
        return Entry(row["kind"], name, row["country"] or None, row["admin1"] or None,
                     float(row["lat"]) if row["lat"] else None, float(row["lon"]) if row["lon"] else None,
                     int(row["geonames_id"]) if row["geonames_id"] else None, 0)

    def _alias_target(self, row: dict[str, str]) -> Entry | None:
        """The gazetteer entry an alias row points at (by kind, country, division and name)."""
        name = row["name"] or row["alias"]
        if row["kind"] == "country":
            pool = [self.countries[row["country"]]] if row["country"] in self.countries else []
        elif row["kind"] == "admin":
            pool = self.admins.get(row["country"], [])
        else:
            pool = self.gazetteer.lookup(name)
        matches = [e for e in pool if e.kind == row["kind"] and e.country == row["country"] and
                   (not row["admin1"] or e.admin1 == row["admin1"])]
        return max(matches, key=lambda e: e.population) if matches else None


def _unambiguous(cands: list[Candidate]) -> Candidate | None:
    """The candidate a list clearly means: the only one under its own name, the best of candidates that all
    lie in one country, or one that outscores every other by a wide margin ("California" the state)."""
    own = [c for c in cands if not c[1]] or cands
    if len(own) <= 1:
        return own[0] if own else None
    ranked = sorted(own, key=lambda c: base_score(*c), reverse=True)
    if len({c[0].country for c in own}) == 1 and own[0][0].country:
        return ranked[0]
    if base_score(*ranked[0]) - base_score(*ranked[1]) >= CLEAR_MARGIN:
        return ranked[0]
    return None


def _acronym(text: str) -> bool:
    """Whether a mention is written in capitals ("GAO", "RIM"): place names are not, except aliases and
    datelines ("WASHINGTON —", allowed by the caller)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _well_known(entry: Entry) -> bool:
    """Whether an entry is famous enough to trust an ORG-labelled mention of it."""
    return entry.kind in ("country", "admin", "landmark", "facility", "region") or entry.capital or \
        entry.population >= MIN_ORG_CITY_POPULATION
