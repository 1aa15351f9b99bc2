"""Actor codes {country, sector, code} of an entity from what the article says about it (titles, demonyms,
affiliations, countries and capitals used as actors, organisation tables) and from the dated actor
dictionaries (the role a named person or body held on the publication date). No clue, no code."""

from __future__ import annotations

from spacy.tokens import Doc

from ...errors import warning
from ...record import Actor
from ..base import add_warning
from .clustering import Cluster
from .dictionary import actor_dictionary, cameo_country
from .lexicon import EntityLexicons, normalize
from .mentions import Mention


class ActorCoder:
    """Assigns `Actor`s to clusters; built once with the lexicons."""

    def __init__(self, lex: EntityLexicons) -> None:
        self.lex = lex
        self.dictionary = actor_dictionary()

    def __call__(self, doc: Doc, clusters: list[Cluster], mentions: list[Mention], names: list[str]) -> list[Actor | None]:
        out: list[Actor | None] = [None] * len(clusters)
        # token index -> entity of the organisation/place name there, and of the pronoun there
        self.name_at = {i: m.entity for m in mentions if m.kind == "name" and m.type != "PERSON" and m.entity >= 0
                        for i in range(m.tok_start, m.tok_end)}
        self.pronoun_at = {m.head: m.entity for m in mentions if m.kind == "pronoun" and m.entity >= 0}
        for idx, c in enumerate(clusters):  # organisations and places first: people may inherit from them
            if c.type != "PERSON":
                out[idx] = self._non_person(doc, c, mentions, names[idx])
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
        day = str(doc._.attache_published or "")[:10] or None
        if day is None and clusters:
            add_warning(doc, warning("W007"))
        countries = {a.country for a in out if a is not None and a.country}
        return [self._dated(actor, names[idx], clusters[idx], day, countries) for idx, actor in enumerate(out)]

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
            return actor
        if actor is None:
            return Actor(known.country, known.sector, known.code)
        if actor.country and known.country and actor.country != known.country:
            return actor
        return Actor(actor.country or known.country, actor.sector or known.sector, known.code)

    def _non_person(self, doc: Doc, c: Cluster, mentions: list[Mention], name: str) -> Actor | None:
        lex = self.lex
        key = normalize(name)
        org = lex.organizations.get(key) or lex.organizations.get(key.removeprefix("the "))
        if org is not None:
            return Actor(org.country, org.sector)
        if c.type in ("GPE", "NORP"):
            country = c.country or lex.country_of(name)
            if country is None:
                return None
            return Actor(country, "GOV" if c.type == "GPE" else _nominal_sector(c, mentions))
        words = name.split()
        sector = lex.sector_of_name(words) or _nominal_sector(c, mentions)
        country = c.country
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
        known = self.lex.people.get(normalize(name))
        if known is not None:
            country = country or known.country
            sector = sector or known.sector
        elif country is None and sector == "GOV" and " " not in name.strip():
            country = self.lex.leader_country(name)  # "President Obama": a leader's title and surname
        if country is None and sector is None:
            return None
        return Actor(country, sector)

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


def _nominal_sector(c: Cluster, mentions: list[Mention]) -> str | None:
    for k in c.mentions:
        if mentions[k].sector:
            return mentions[k].sector
    return None
