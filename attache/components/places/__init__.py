"""The places component: place mentions resolved to country, first-level division, coordinates, GeoNames id.

Runs after quotes, entities and times: writes `doc._.attache_places` (ids p1, p2, ... in text order) and
sets `quote.place` when a quote's cue clause names a place. Boilerplate spans produce no places.
Modules: `mentions` (finding), `attache.gazetteer` (the index), `resolve` (choosing); quotes are anchored by
`..anchoring`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from ...gazetteer import load
from ...record import Place
from ..anchoring import anchor_quotes
from ..base import ensure_extensions, text_of
from ..entities.dictionary import actor_dictionary
from .mentions import Mention, MentionFinder
from .resolve import Choice, Resolver

__all__ = ["PlacesComponent", "Mention", "Choice"]


@Language.factory("attache_places", assigns=["doc._.attache_places"],
                  requires=["doc._.attache_boilerplate", "doc._.attache_quotes", "doc._.attache_entities", "doc.ents"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp)


class PlacesComponent:
    """Finds and resolves the places of an article."""

    def __init__(self, nlp: Language) -> None:
        ensure_extensions()
        self.finder = MentionFinder(nlp)
        self.resolver = Resolver(load())

    def __call__(self, doc: Doc) -> Doc:
        places = self.places(doc)
        doc._.attache_places = places
        _towns_taken_for_people(doc, places)
        if places and doc._.attache_quotes:
            anchor_quotes(doc, doc._.attache_quotes, places=places)
        return doc

    def places(self, doc: Doc) -> list[Place]:
        """The resolved places of a parsed Doc."""
        mentions = _not_people(self.finder(doc, self.resolver.well_known, self.resolver.in_context), doc,
                               self.resolver.well_known, self.resolver.is_country)
        if not mentions:
            return []
        actors: Counter[str] = Counter()
        for entity in doc._.attache_entities or ():
            if entity.actor is not None and entity.actor.country and entity.type != "GPE":
                actors[entity.actor.country] += 1
        places = []
        for choice in self.resolver.resolve(mentions, actors, text_of(doc)):
            m, e = choice.mention, choice.entry
            places.append(Place(
                id=f"p{len(places) + 1}", start=m.start, end=m.end, text=m.text,
                name=e.name if e is not None else m.text, kind=e.kind or None if e is not None else None,
                country=e.country if e is not None else None, admin1=e.admin1 if e is not None else None,
                lat=e.lat if e is not None else None, lon=e.lon if e is not None else None,
                geonames_id=e.geonames_id if e is not None else None,
            ))
        return places


COMMA = re.compile(r",[ \t]*")


def _towns_taken_for_people(doc: Doc, places: list[Place]) -> None:
    """A "person" or "organisation" one of whose mentions is a town followed by its state or country ("in Burns,
    Ore., as the cameraman", "the Abilene, Texas-based group", "San Pedro Sula, Honduras") is that town (a name
    of more than one word only when it is never named otherwise: its other mentions are pronouns): typed a place,
    with its name mentions only (the pronouns the model gave it refer to someone else)."""
    regions = {p.start for p in places if p.kind in ("admin", "country")}
    text = text_of(doc)
    towns = set()
    for p in places:
        comma = COMMA.match(text, p.end)
        if comma and comma.end() in regions:
            towns.add((p.start, p.end))
    for entity in doc._.attache_entities or ():
        if entity.type in ("PERSON", "ORG") and any((m.start, m.end) in towns for m in entity.mentions) and (
                " " not in entity.name or all(m.text == entity.name or m.text.islower() for m in entity.mentions)):
            entity.type = "GPE"
            entity.mentions = [m for m in entity.mentions if m.text == entity.name]
            entity.gender, entity.gender_evidence = None, []


def _not_people(mentions: list[Mention], doc: Doc, well_known: Callable[[str], bool],
                is_country: Callable[[str], bool]) -> list[Mention]:
    """Mentions that are no mention of a person the article names in full ("Palin" after "Sarah Palin", "Reno
    said" after "Attorney General Janet Reno") nor the name ending a person's titled mention ("President Bush",
    never "Texas" of "Texas Gov. Greg Abbott") nor an office-holder's surname that is no well-known place or
    region ("Republicans blast Obama": not the Japanese town; "Asia" stays), unless the words around them say a
    place is meant ("the city of Nuevo Laredo", which the model may read as a person): the entities component
    has read the whole article. A country's name is no one's surname ("Malaysia" stays a place where the model
    took the airline "Garuda Malaysia" for a person), unless people bear it ("Jordan" after "Michael Jordan")."""
    named = [e for e in doc._.attache_entities or () if e.type == "PERSON" and " " in e.name]  # a full name
    people = {(m.start, m.end) for e in named for m in e.mentions}
    surnames = {s for e in named if not (is_country(s := e.name.split()[-1])
                                        and not actor_dictionary().is_surname(s))}
    titled = [(m.start, m.end, e.name.split()) for e in doc._.attache_entities or () if e.type == "PERSON"
              for m in e.mentions if e.titles and m.text != e.name]  # "President Bush": a titled mention
    text = text_of(doc)
    in_region = {m.start for m, after in zip(mentions, mentions[1:])  # "San Pedro Sula, Honduras", not "Jack London,"
                 if (comma := COMMA.match(text, m.end)) and comma.end() == after.start and well_known(after.text)
                 and not any(s < m.start and m.end == e for s, e in people)}
    return [m for m in mentions if m.placed or m.start in in_region or (
        (m.start, m.end) not in people and m.text not in surnames
        and not any(s < m.start and m.end == e and m.text in name for s, e, name in titled)
        and not (" " not in m.text and m.label != "LANDMARK" and actor_dictionary().is_surname(m.text)
                 and not well_known(m.text)))]
