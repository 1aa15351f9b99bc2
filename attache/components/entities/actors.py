"""Actor codes {country, sector, code} of an entity from what the article says about it (titles, demonyms,
affiliations, countries and capitals used as actors, organisation tables) and from the dated actor
dictionaries (the role a named person or body held on the publication date). No clue, no code."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from ...errors import warning
from ...record import Actor
from ..base import add_warning, published_day, text_of
from .clustering import Cluster
from ...gazetteer import load as load_gazetteer
from .dictionary import NON_STATE, actor_dictionary, cameo_country
from ...lexicons import read_lines, read_table
from .lexicon import EntityLexicons, normalize
from .mentions import Mention


DIVISION_CITY_POPULATION = 100_000
# A US legislator's party and state after the name: "Sen. Elizabeth Warren (D-Mass.)", "Lindsey Graham, R-S.C.,"
PARTY_STATE = re.compile(r"\s*[(,]\s*[RDI]-([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)\s*[),]")
HOME_SHARE = 0.5  # more than this share of the mentions of places and bodies with a country: the article's home
HOME_MIN_MENTIONS = 2


class ActorCoder:
    """Assigns `Actor`s to clusters; built once with the lexicons."""

    def __init__(self, lex: EntityLexicons) -> None:
        self.lex = lex
        self.dictionary = actor_dictionary()
        self.gazetteer = load_gazetteer()
        self.us_state_abbreviations = frozenset(r["alias"] for r in read_table("place_aliases.tsv")
                                                if r["kind"] == "admin" and r["country"] == "USA")
        self.home_groups = frozenset(read_lines("actor_home_groups.txt"))
        self.outsider_words = frozenset(read_lines("actor_outsider_words.txt"))
        self.division_words = frozenset(read_lines("place_division_words.txt"))

    def __call__(self, doc: Doc, clusters: list[Cluster], mentions: list[Mention], names: list[str]) -> list[Actor | None]:
        out: list[Actor | None] = [None] * len(clusters)
        # token index -> entity of the organisation/place name there, and of the pronoun there
        self.name_at = {i: m.entity for m in mentions if m.kind == "name" and m.type != "PERSON" and m.entity >= 0
                        for i in range(m.tok_start, m.tok_end)}
        self.pronoun_at = {m.head: m.entity for m in mentions if m.kind == "pronoun" and m.entity >= 0}
        for idx, c in enumerate(clusters):  # organisations and places first: people may inherit from them
            if c.type != "PERSON":
                out[idx] = self._non_person(doc, c, mentions, names[idx])
        named = {a.country for a in out if a is not None and a.country}
        for idx, c in enumerate(clusters):  # "Mount Vernon" in a story that names other American places
            if c.type == "GPE" and out[idx] is None and (town := self._town_country(names[idx])) in named:
                out[idx] = Actor(town, "GOV")
        for idx, c in enumerate(clusters):  # "the government of Peru", "officials in Moscow"
            actor = out[idx]
            if c.type == "ORG" and (actor is None or actor.country is None):
                country = self._place_country(c, mentions, out)
                if country:
                    out[idx] = Actor(country, actor.sector if actor else None)
        for idx, c in enumerate(clusters):
            if c.type == "PERSON":
                out[idx] = self._person(doc, c, mentions, names[idx], out)
        for idx, c in enumerate(clusters):  # "his special representative": the possessor's country
            actor = out[idx]
            if c.type == "PERSON" and (actor is None or actor.country is None):
                inherited = self._from_possessor(doc, c, mentions, out)
                if inherited is not None:
                    sector = actor.sector if actor and actor.sector else inherited.sector
                    out[idx] = Actor(inherited.country, sector)
        published = published_day(doc)
        day = published.isoformat() if published else None
        if day is None and any(c.type in ("PERSON", "ORG") and self.dictionary.dated(names[i])
                               for i, c in enumerate(clusters)):
            add_warning(doc, warning("W007"))  # a name with dated roles, and no date to choose among them
        countries = {a.country for a in out if a is not None and a.country}
        dated = [self._dated(actor, names[idx], clusters[idx], day, countries) for idx, actor in enumerate(out)]
        entity_at = {i: m.entity for m in mentions if m.entity >= 0 for i in range(m.tok_start, m.tok_end)}
        for idx, c in enumerate(clusters):  # "his cabinet", "Iran's foreign ministry", "Trump's campaign"
            actor = dated[idx]
            if c.type in ("PERSON", "ORG") and (actor is None or actor.country is None and actor.code is None):
                owners = {entity_at[o] for k in c.mentions if isinstance(o := mentions[k].extra.get("owner"), int)
                          and o in entity_at and entity_at[o] != idx}
                owned = {a.country for o in owners if (a := dated[o]) is not None and a.country}
                if len(owned) == 1:
                    dated[idx] = Actor(owned.pop(), actor.sector if actor else None)
        home = _article_country(clusters, dated)
        if home is None:
            dateline = self._dateline_country(doc)
            if dateline is None:
                return dated
            # "CAIRO (AP) -- Police fired tear gas at protesters": the agents of a datelined story are that country's
            return [Actor(dateline, actor.sector if actor else None, actor.code if actor else None)
                    if not c.named and c.type in ("PERSON", "ORG") and not (actor and (actor.country or actor.code))
                    and not (actor and actor.sector in NON_STATE) else actor
                    for c, actor in zip(clusters, dated)]
        return [self._at_home(actor, names[idx], clusters[idx], day, home, self._outsider(doc, clusters[idx], mentions))
                for idx, actor in enumerate(dated)]

    def _outsider(self, doc: Doc, c: Cluster, mentions: list[Mention]) -> bool:
        """Whether a mention calls the entity foreign ("a foreign government", "overseas donors")."""
        return any(w in self.outsider_words for k in c.mentions
                   for w in text_of(doc)[mentions[k].start:mentions[k].end].lower().split())

    def _dateline_country(self, doc: Doc) -> str | None:
        """The country of the article's dateline place ("CAIRO (AP) --", "NAIROBI, Kenya --"), when one."""
        line = next((b for b in doc._.attache_boilerplate or () if b.kind == "dateline"), None)
        if line is None:
            return None
        words = re.split(r"[(\-–—:_]", line.text, maxsplit=1)[0]
        parts = [p.strip() for p in words.split(",") if p.strip()]
        for part in reversed(parts):  # "NAIROBI, Kenya": the country, else the city
            name = part.title() if part.isupper() else part
            country = self.lex.country_of(name) or self._division_country(name)
            if country:
                return country
        return None

    def _at_home(self, actor: Actor | None, name: str, c: Cluster, day: str | None, home: str,
                 outsider: bool) -> Actor | None:
        """A person, body or party group the article gives no country takes the article's own country (a
        campaign story set in Iowa and New Hampshire: its senators, unions and Republicans are American), unless
        it is said to be foreign ("a foreign government") or is a surname alone that an office-holder of another
        country bore on that day."""
        group = c.type == "NORP" and _singular(normalize(name)) in self.home_groups
        if c.type not in ("PERSON", "ORG") and not group or (actor is not None and (actor.country or
                                                                                   actor.sector in NON_STATE)):
            return actor
        if outsider:
            return actor
        if actor is not None and actor.code:
            return actor  # coded as no state's ("IMGMUSALQ"): an international group's man is no local
        words = name.split()
        if len(words) == 1 and day and any(k.country != home for k in self.dictionary.by_surname(words[0], day)):
            return actor  # "Netanyahu" alone in an American story: not an American
        return Actor(home, actor.sector if actor else None, actor.code if actor else None)

    def _dated(self, actor: Actor | None, name: str, c: Cluster, day: str | None,
               countries: set[str]) -> Actor | None:
        """The article's own actor, with the dictionary's code for that day where the two agree on the country
        (the article's country wins; a dictionary alone fills what the article leaves empty). A surname alone
        ("Museveni") takes the role of the one office-holder of that name on that day only when the article
        names that person's country."""
        if c.type == "GPE" and actor is not None and actor.country and not actor.code:
            return Actor(actor.country, actor.sector, cameo_country(actor.country))  # a state as actor: "ISR"
        if c.type not in ("PERSON", "ORG", "NORP") or not name:
            return actor
        known = self.dictionary.code(name, day)
        if known is None and day and c.type != "NORP" and len(name.split()) == 1 and name[:1].isupper():
            supported = {k for k in self.dictionary.by_surname(name, day) if k.country in countries}
            if len(supported) == 1:
                known = supported.pop()
        if known is None:
            group = self._armed_group_in(name) if c.type == "ORG" and not (actor and actor.country) else None
            return Actor(group, actor.sector if actor else None) if group else actor
        if actor is None:
            return Actor(known.country, known.sector, known.code)
        if actor.country and known.country and actor.country != known.country:
            return actor
        return Actor(actor.country or known.country, actor.sector or known.sector, known.code)

    def _armed_group_in(self, name: str) -> str | None:
        """The home country of an armed group whose name opens an organisation's ("the Taliban government",
        "Hezbollah fighters"): the body is that group's, in its country."""
        words = re.sub(r"^[Tt]he ", "", name).split()
        for n in range(len(words) - 1, 0, -1):
            known = self.dictionary.code(" ".join(words[:n]), None)
            if known is not None and known.country and known.sector in ("REB", "UAF"):
                return known.country
        return None

    def _non_person(self, doc: Doc, c: Cluster, mentions: list[Mention], name: str) -> Actor | None:
        lex = self.lex
        key = normalize(name)
        org = lex.organizations.get(key) or lex.organizations.get(key.removeprefix("the "))
        if org is not None:
            return Actor(org.country, org.sector)
        if c.type in ("GPE", "NORP"):
            country = c.country or lex.country_of(name) or (self._division_country(name) if c.type == "GPE" else None)
            if country is None:
                return None
            return Actor(country, "GOV" if c.type == "GPE" else _nominal_sector(c, mentions))
        words = name.split()
        sector = lex.sector_of_name(words) or _nominal_sector(c, mentions)
        country = c.country
        state = lex.country_of(name) if country is None and len(words) > 3 else None
        if state:  # a state's long form tagged ORG, "the Democratic People's Republic of Korea": the state
            return Actor(state, "GOV", cameo_country(state))
        if country is None:
            for n in range(min(3, len(words)), 0, -1):  # "U.S. Air Force", "North Korean Foreign Ministry"
                country = lex.country_of(" ".join(words[:n]))
                if country:
                    break
        if country is None and sector == "GOV" and len(words) > 1:
            country = lex.leader_country(words[-2])  # "the Bush administration", "Obama's government"
        if country is None and sector is None:
            return None
        return Actor(country, sector)

    def _division_country(self, name: str) -> str | None:
        """The country of a state, province or well-known city ("Iowa", "Des Moines"), when the gazetteer
        gives one country for every such reading of the name; a state or country before any city ("Virginia" is
        the American state, not the South African town)."""
        readings = self.gazetteer.lookup(name)
        found = {e.country for e in readings if e.kind in ("admin", "country")} or {
            e.country for e in readings if e.population >= DIVISION_CITY_POPULATION}
        return found.pop() if len(found) == 1 else None

    def _town_country(self, name: str) -> str | None:
        """The country of a town of any size when every place of that name is in one country ("Mount Vernon",
        "Ashburn"); "Loudon County" as "Loudon". Callers take it only when the article names that country
        otherwise: a name the tagger took for a place is as often a small town somewhere else ("Naral")."""
        words = name.split()
        if len(words) > 1 and words[-1].lower() in self.division_words:
            name = " ".join(words[:-1])
        countries = {e.country for e in self.gazetteer.lookup(name)}
        return countries.pop() if len(countries) == 1 else None

    def _person(self, doc: Doc, c: Cluster, mentions: list[Mention], name: str,
                done: list[Actor | None]) -> Actor | None:
        country, sector = c.country, None
        for k in c.mentions:
            m = mentions[k]
            if m.kind == "pronoun":
                continue
            sector = sector or m.sector
            span = m.extra.get("affiliation_span")
            if span is not None and (country is None or sector is None):
                aff = self._actor_at(mentions, span, done)
                if aff is not None:
                    country = country or aff.country
                    if aff.sector == "BUS" or sector is None:
                        sector = aff.sector or sector
        if country is None and any(self._us_legislator(doc, mentions[k]) for k in c.mentions):
            country = "USA"
        if country is None:
            country = self._place_country(c, mentions, done)
        known = self.lex.people.get(normalize(name))
        if known is not None:
            country = country or known.country
            sector = sector or known.sector
        elif country is None and sector == "GOV" and " " not in name.strip():
            country = self.lex.leader_country(name)  # "President Obama": a leader's title and surname
        if country is None and sector is None:
            return None
        return Actor(country, sector)

    def _place_country(self, c: Cluster, mentions: list[Mention], done: list[Actor | None]) -> str | None:
        """The country of the place a mention of the cluster is "of", "in" or "from" (`Mention.extra`
        place_span), when its mentions name one such country."""
        found = set()
        for k in c.mentions:
            span = mentions[k].extra.get("place_span")
            if span is not None:
                place = self._actor_at(mentions, span, done)
                if place is not None and place.country:
                    found.add(place.country)
        return found.pop() if len(found) == 1 else None

    def _us_legislator(self, doc: Doc, m: Mention) -> bool:
        """Whether a party and US state follow the name ("Warren (D-Mass.)", "Graham, R-S.C.,", "Cruz (R-Texas)")."""
        if m.kind == "pronoun":
            return False
        found = PARTY_STATE.match(text_of(doc), m.end, m.end + 24)
        if found is None:
            return False
        state = found.group(1)
        return state in self.us_state_abbreviations or any(
            e.kind == "admin" and e.country == "USA" for e in self.gazetteer.lookup(state.rstrip(".")))

    def _actor_at(self, mentions: list[Mention], span: object, done: list[Actor | None]) -> Actor | None:
        a, b = span  # type: ignore[misc]
        for i in range(a, b):
            if i in self.name_at:
                return done[self.name_at[i]]
        return None

    def _from_possessor(self, doc: Doc, c: Cluster, mentions: list[Mention], done: list[Actor | None]) -> Actor | None:
        for k in c.mentions:
            m = mentions[k]
            if m.possessor is not None and m.possessor in self.pronoun_at:
                return done[self.pronoun_at[m.possessor]]
        return None


def _article_country(clusters: list[Cluster], actors: list[Actor | None]) -> str | None:
    """The country most of the article's places, states, bodies and named people belong to, when it holds more
    than HOME_SHARE of their mentions (and they are mentioned HOME_MIN_MENTIONS times or more). People count with
    the country the article or the dictionaries give them: a campaign story naming Clinton, Sanders and one
    city is American."""
    counts: Counter[str] = Counter()
    for c, actor in zip(clusters, actors):
        if actor is not None and actor.country and (c.type in ("GPE", "NORP", "ORG", "LOC", "FAC")
                                                     or c.type == "PERSON" and c.named):
            counts[actor.country] += len(c.mentions)
    total = sum(counts.values())
    if total < HOME_MIN_MENTIONS:
        return None
    country, n = counts.most_common(1)[0]
    return country if n / total > HOME_SHARE else None


def _singular(word: str) -> str:
    """"tories" -> "tory", "republicans" -> "republican"."""
    return word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")


def _nominal_sector(c: Cluster, mentions: list[Mention]) -> str | None:
    for k in c.mentions:
        if mentions[k].sector:
            return mentions[k].sector
    return None
