"""Joining each article's entities into people across the archive, one article at a time (incremental at
ingest, and the same code re-derives every join from the stored entities: `Store.rebuild_people()`).

Rules, in order, for one article's named entities (unnamed agents and descriptions never become people):
- a person's full name joins the person with the same key (names.py: honorifics, middle initials, case,
  diacritics and spelling variants folded; "Jr."/"Sr." kept), or with the key without middle names when the
  actor dictionary or the corpus already knows that short form ("Hillary Rodham Clinton");
- a surname alone joins the article's own full name with that surname when there is exactly one (a given
  name alone likewise: "Chelsea" with "Chelsea Clinton"); otherwise the one person of the corpus with that
  surname, or the one who dominates the surname at that time (`DOMINANCE` times the articles of the next);
  otherwise it stays a surname of its own, which a full name arriving later takes over when it is the only
  one with that surname;
- organisations join by key, by alias (lexicons/people_org_aliases.tsv) and by their initials ("FBI");
  groups by one form of the name ("Republicans", "Republican");
- a one-word organisation or group that is a person's surname in the same article is that person.
"""

from __future__ import annotations

import abc
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lexicons import read_table, read_text
from .names import (NAMES_CACHED, PERSON, Name, acronym, acronyms, company_shaped, fold, has_legal_form, is_acronym,
                    is_name, parse, without_country, words)
from .things import (ends_in_member_word, is_demonym, is_foreign_place, is_place, is_plural_of_member_or_title,
                     is_state_code, is_thing, is_town, thing_initials)

AMBIGUOUS = "?"  # a key that more than one person could hold (initials of two organisations)
MIN_ACRONYM = 3  # "SC" is South Carolina as often as the Supreme Court
POSSESSIVE_START = re.compile(r"^['’]s?\b")  # the possessive glued to a name: "Obama's 'pivot"
DOMINANCE = 3  # a surname alone is the person with this many times the articles of the next namesake
SURNAME_CANDIDATES = 50  # at most this many full names per surname are weighed (a common surname stays alone)
NAMED_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
PLACE_TYPES = ("GPE", "LOC", "FAC")


@dataclass(frozen=True)
class EntityRow:
    """What joining needs of one entity of one article."""

    article_id: str
    id: str
    name: str
    type: str | None
    country: str | None = None
    sector: str | None = None
    variants: tuple[str, ...] = ()  # the other names its mentions give ("Apple" of "Apple Computer")
    mentions: int = 0  # how many mentions it has in its article (0: not known)


@dataclass
class Person:
    id: str
    type: str | None
    name: str
    key: str
    surname: str | None = None
    given: str | None = None
    anchor: str | None = None
    country: str | None = None
    sector: str | None = None


def person_id(type_: str | None, key: str) -> str:
    """A stable id across stores: the type and the key of the name the person was first known by, hashed."""
    return "p" + hashlib.sha256(f"{type_ or ''}|{key}".encode("utf-8", "surrogatepass")).hexdigest()[:12]


class Directory(abc.ABC):
    """Where the people known so far are looked up and recorded: in memory (a rebuild, a benchmark) or in the
    store's tables (ingest)."""

    def __init__(self) -> None:
        self.moved: dict[str, str] = {}  # person id -> the person it was merged into

    def resolved(self, pid: str) -> str:
        """The person a person id ended up in after merges."""
        while pid in self.moved:
            pid = self.moved[pid]
        return pid

    @abc.abstractmethod
    def find(self, type_: str | None, key: str) -> str | None:
        """The person a name key (or an `acr:` initials key) of this type is registered to."""

    @abc.abstractmethod
    def with_surname(self, type_: str | None, surname: str) -> list[str]:
        """People of this type known by a full name with this surname (at most SURNAME_CANDIDATES)."""

    @abc.abstractmethod
    def weights(self, ids: Sequence[str]) -> dict[str, int]:
        """How many articles each of these people is in so far."""

    @abc.abstractmethod
    def add(self, person: Person) -> None:
        """A new person (its key registered too)."""

    @abc.abstractmethod
    def register(self, type_: str | None, key: str, pid: str) -> None:
        """One more key for a person, unless the key is taken."""

    @abc.abstractmethod
    def block(self, type_: str | None, key: str) -> None:
        """A key nobody holds any more: more than one person could."""

    @abc.abstractmethod
    def initials(self, pid: str) -> set[str]:
        """The middle initials a person has been written with."""

    @abc.abstractmethod
    def merge(self, old: str, new: str) -> None:
        """Everything of person `old` (entities, keys) now belongs to `new`; `old` is gone."""

    @abc.abstractmethod
    def touch(self, pid: str, country: str | None, sector: str | None) -> None:
        """Fill a person's country and sector where still unknown."""

    def link(self, row: EntityRow, pid: str) -> None:
        """An entity of an article now belongs to a person (the SQL store writes it with the entity row)."""


class Joiner:
    """Joins the entities of one article after another against a directory."""

    def __init__(self, directory: Directory) -> None:
        self.dir = directory

    def join(self, rows: Iterable[EntityRow]) -> dict[str, str]:
        """Entity id -> person id for the named entities of one article."""
        out: dict[str, str] = {}
        rows = [r for r in map(named, rows)]
        things = {acronym(r.name) for r in rows if r.type == "ORG" and r.name[:1].isupper() and not joinable(r)}
        things |= thing_initials()  # "NCLB", whether or not the tagger found "No Child Left Behind" a name
        rows = [r for r in rows if joinable(r) and not self._thing_initials(r, things)]
        rows = [r for r in rows if not coordinated(r, rows)]
        parsed = {r.id: parse(r.name, r.type) for r in rows}
        by_surname: dict[str, list[EntityRow]] = defaultdict(list)
        by_given: dict[str, list[EntityRow]] = defaultdict(list)
        for r in rows:
            n = parsed[r.id]
            if r.type == PERSON and not n.single and n.surname:
                by_surname[n.surname].append(r)
                by_given[n.given or ""].append(r)
        spelled = {a: r for r in rows if r.type == "ORG" and " " in parsed[r.id].key for a in acronyms(r.name)}
        orgs = {parsed[r.id].key: r for r in rows if r.type == "ORG"}
        alone, short = [], []
        for r in rows:  # full names and everything that is not a one-word person
            n = parsed[r.id]
            word = n.key
            if r.type == PERSON and n.single or r.type != PERSON and " " not in word and word in by_surname:
                alone.append(r)
                continue
            if r.type == "ORG" and is_acronym(r.name) and word in spelled:
                short.append(r)  # "FBI" after "Federal Bureau of Investigation" in the same article
                continue
            if r.type == "ORG" and word not in aliases() and word not in alias_targets() and _ends_one(word, orgs):
                short.append(r)  # "the Post" with "The Washington Post" (the "House" is no "White House"; the
                #                  "Republican Party" none of the "New York State Republican Party")
                continue
            out[r.id] = self._full(r, n) if r.type == PERSON else self._other(r, n)
        for r in short:
            key = parsed[r.id].key
            whole = spelled.get(key) if is_acronym(r.name) and key in spelled else orgs[_ends_one(key, orgs)]
            out[r.id] = out.get(whole.id) or self._other(r, parsed[r.id])
        for r in alone:  # one word: the article's own full name first, then the corpus
            n = parsed[r.id]
            word = n.surname or n.key
            own = {out[x.id] for x in by_surname.get(word, ()) if x.id in out}
            if not own and n.suffix is None:
                given = words().nicknames.get(word, word)  # "her husband, Bill" with "Bill Clinton" (William)
                own = {out[x.id] for x in by_given.get(given, ()) if x.id in out and len(by_given[given]) == 1}
            if len(own) == 1:
                out[r.id] = own.pop()
            elif own:
                out[r.id] = self._dominant(sorted(own)) or self._bare(r, n, PERSON)
            else:
                out[r.id] = self._surname(r, n)
        out = {k: self.dir.resolved(v) if v else None for k, v in out.items()}  # type: ignore[misc]
        out = {k: v for k, v in out.items() if v is not None}
        for r in rows:
            if r.id in out:
                self.dir.link(r, out[r.id])
        return out

    def _thing_initials(self, r: EntityRow, things: set[str | None]) -> bool:
        """Initials the article spells out as a thing ("CWA" beside the Clean Water Act), or of a thing the lexicon
        knows ("NCLB"), unless the corpus knows them as one organisation's ("DNC" near the Democratic National
        Convention)."""
        if r.type != "ORG" or not is_acronym(r.name):
            return False
        key = parse(r.name, r.type).key
        return key in things and self.dir.find("ORG", "acr:" + key) in (None, AMBIGUOUS)

    def _full(self, r: EntityRow, n: Name) -> str:
        other = self.dir.find("ORG", n.key)
        if other is not None and self.dir.find(PERSON, n.key) is None:
            return other  # "Wells Fargo" tagged as a person in one article
        if n.with_initials:  # "George H.W. Bush" is not "George W. Bush": initials that differ keep them apart
            pid = self.dir.find(PERSON, n.with_initials)
            if pid is not None:
                return pid
            taken = self.dir.find(PERSON, n.key)
            if taken is not None and self.dir.initials(taken) - {n.initials}:
                return self._new(r, n, n.with_initials)
            pid = taken
            if pid is not None:
                self.dir.register(PERSON, n.with_initials, pid)
                self.dir.touch(pid, r.country, r.sector)
                return pid
        pid = self.dir.find(PERSON, n.key)
        if pid is None and n.short and (self.dir.find(PERSON, n.short) or n.short in anchors()):
            pid = self.dir.find(PERSON, n.short)
            if pid is not None:
                self.dir.register(PERSON, n.key, pid)
        if pid is not None:
            self.dir.touch(pid, r.country, r.sector)
            return pid
        pid = self._new(r, n, n.short if n.short and n.short in anchors() else n.key)
        if n.surname and n.suffix is None:  # a full name takes over its surname stored alone before
            bare = self.dir.find(PERSON, n.surname)
            if bare is not None and bare != pid and self.dir.with_surname(PERSON, n.surname) == [pid]:
                self.dir.merge(bare, pid)
        return pid

    def _new(self, r: EntityRow, n: Name, key: str) -> str:
        pid = person_id(PERSON, key)
        anchor = key if key in anchors() else None
        # a namesake with a suffix ("Donald Trump Jr.") is never what a surname alone means across articles
        self.dir.add(Person(pid, PERSON, " ".join(r.name.split()), key, None if n.suffix else n.surname, n.given,
                            anchor, r.country, r.sector))
        for k in {n.key, n.with_initials or n.key} - {key}:
            self.dir.register(PERSON, k, pid)
        return pid

    def _surname(self, r: EntityRow, n: Name) -> str | None:
        found = self.dir.find(PERSON, n.key) if r.type == PERSON else None
        if n.suffix is None:
            candidates = self.dir.with_surname(PERSON, n.surname or n.key)
            if len(candidates) == 1:
                return candidates[0]
            best = self._dominant(candidates)
            if best is not None:
                return best
        if r.type != PERSON:
            return self._other(r, parse(r.name, r.type))
        if found is None and n.suffix is None:
            other = self.dir.find("ORG", n.key)
            if other is not None:
                return other  # "Politico" tagged as a person in one article
        return found or self._bare(r, n, PERSON)

    def _dominant(self, candidates: Sequence[str]) -> str | None:
        if not candidates:
            return None
        weights = self.dir.weights(candidates)
        ranked = sorted(candidates, key=lambda c: -weights.get(c, 0))
        top = weights.get(ranked[0], 0)
        second = weights.get(ranked[1], 0) if len(ranked) > 1 else 0
        return ranked[0] if top >= 2 and top >= DOMINANCE * max(second, 1) else None

    def _bare(self, r: EntityRow, n: Name, type_: str) -> str | None:
        found = self.dir.find(type_, n.key)
        if found is not None:
            return found
        if not_a_person(r.name, n.key, self.dir):
            return None
        pid = person_id(type_, n.key)
        self.dir.add(Person(pid, type_, " ".join(r.name.split()), n.key, None, None, None, r.country, r.sector))
        return pid

    def _other(self, r: EntityRow, n: Name) -> str | None:
        key = aliases().get(n.key, n.key)
        if r.type != "ORG":
            pid = self.dir.find(r.type, key)
            if pid is None and r.type in PLACE_TYPES and r.name[:1].isupper() and not is_place(r.name):
                org = self.dir.find("ORG", key)  # "F.B.I.", "LinkedIn" tagged as places in one article
                pid = org if org != AMBIGUOUS else None
        else:
            pid = self.dir.find("ORG", key) or (self.dir.find("ORG", "acr:" + key) if is_acronym(r.name) else None)
        forms = {aliases().get(v, v) for v in (parse(x, r.type).key for x in r.variants if not _news_arm_of(x, key))}
        if r.type == "ORG" and without_country(key):
            forms.add(without_country(key) or "")  # "the U.S. Senate" is also "Senate"
        others = [k for k in forms if k != key]
        for k in sorted(others, key=lambda k: (-len(k), k)):  # "Apple Computer", also written "Apple"
            if pid is None or pid == AMBIGUOUS:
                pid = self.dir.find(r.type, k)
        if pid == AMBIGUOUS:
            pid = None
        if pid is None and " " in key and r.type == "ORG":
            pid = self.dir.find(PERSON, key)  # "Donald Trump" tagged ORG in one article
        short = _trade_short(key) if pid is None and r.type == "ORG" else None
        if short:  # "Apple Computer" after "Apple" alone
            pid = self.dir.find("ORG", short)
            if pid in (None, AMBIGUOUS):
                pid = None
            else:
                others.append(key)
        if pid is None and " " not in key and r.type == "ORG" and not is_acronym(r.name):
            found = self.dir.with_surname(PERSON, key)  # "Trump" tagged ORG: the one Trump
            pid = found[0] if len(found) == 1 else self._dominant(found)
            if pid is None and not has_legal_form(r.name):
                pid = self.dir.find("ORG", "first:" + key)  # "Fox" of "Fox News", "Breitbart" of "Breitbart News"
                pid = None if pid == AMBIGUOUS else pid
        if pid is not None:
            self.dir.touch(pid, r.country, r.sector)
            for k in others:
                self.dir.register(r.type, k, pid)
            return pid
        if r.type == "ORG" and " " not in key and not is_acronym(r.name) and (
                r.mentions == 1 and not company_shaped(r.name) or not_a_person(r.name, key, self.dir)):
            return None  # a one-word "organisation" named once ("Defiance", "Lost") is too weak to list
        if r.type == "ORG" and place_family(key, self.dir):
            return None  # "the Miami Hallorans": a family
        pid = person_id(r.type, key)
        self.dir.add(Person(pid, r.type, " ".join(r.name.split()), key, None, None, None, r.country, r.sector))
        for k in others:
            self.dir.register(r.type, k, pid)
        if r.type == "ORG":
            self._take_over(key, pid)
        if r.type == "ORG" and " " in key:
            first = "first:" + key.split()[0]  # "Fox" of "Fox News"; "Senate" is no "Senate Judiciary Committee"
            held = self.dir.find("ORG", first)
            if key.split()[-1] in words().unit_heads:
                pass
            elif held is None:
                self.dir.register("ORG", first, pid)
            elif held != pid:
                self.dir.block("ORG", first)
            for initials in acronyms(r.name):
                if len(initials) < MIN_ACRONYM:
                    continue
                held = self.dir.find("ORG", "acr:" + initials)
                if held is None:
                    self.dir.register("ORG", "acr:" + initials, pid)
                    short = self.dir.find("ORG", initials)
                    if short is not None and short != pid and not self.dir.with_surname(PERSON, initials):
                        self.dir.merge(short, pid)
                elif held != pid:  # two organisations with the same initials: "DNC" alone is neither
                    self.dir.block("ORG", "acr:" + initials)
        return pid


    def _take_over(self, key: str, pid: str) -> None:
        """A new organisation takes over what earlier articles left under its very name as a one-word person
        no full name claims ("Politico" tagged PERSON) or as a place the gazetteer does not know ("LinkedIn"
        tagged GPE): the same order-free join as a later one-word person or place finding the organisation."""
        if " " not in key and not self.dir.with_surname(PERSON, key):
            bare = self.dir.find(PERSON, key)
            if bare not in (None, AMBIGUOUS, pid):
                self.dir.merge(bare, pid)  # type: ignore[arg-type]
        for type_ in PLACE_TYPES:
            place = self.dir.find(type_, key)
            if place not in (None, AMBIGUOUS, pid) and not is_place(key):
                self.dir.merge(place, pid)  # type: ignore[arg-type]


def _trade_short(key: str) -> str | None:
    """The one-word short name of a company named with its trade ("apple computer" -> apple, "ford motor" ->
    ford; lexicons/organizations_trade_words.txt), unless that word is a place ("singapore airlines")."""
    toks = key.split()
    if len(toks) < 2 or not all(t in words().trade_words for t in toks[1:]) or is_place(toks[0]):
        return None
    return toks[0]


def _ends_one(key: str, orgs: dict[str, EntityRow]) -> str | None:
    """The one longer organisation name of the article that ends in this one, if exactly one does."""
    found = [k for k in orgs if k != key and k.endswith(" " + key)]
    return found[0] if len(found) == 1 else None


def not_a_person(name: str, key: str, directory: Directory) -> bool:
    """A one-word "person" or "organisation" known to no one by that name that is a place the gazetteer knows
    ("Liverpool", "Tijuana"), or a family named by a plural surname ("the Clintons", "the Bushes"): never
    listed."""
    if _family(key, directory):
        return True
    parts = [p for p in re.split(r"[-–]", name) if p.strip()]
    return is_place(name) or len(parts) > 1 and any(is_place(p) for p in parts)  # "U.S.-Mexico"


def _family(word: str, directory: Directory) -> bool:
    """A plural of the surname of someone the directory knows ("clintons", "bushes", "gonzalezes")."""
    return word.endswith("s") and bool(directory.with_surname(PERSON, word[:-1])) \
        or word.endswith(("ches", "shes", "sses", "xes", "zes")) and bool(directory.with_surname(PERSON, word[:-2]))


def place_family(key: str, directory: Directory) -> bool:
    """An "organisation" named by a place and a plural surname of someone the directory knows: a family's branch
    living there ("the Denver Hallorans", "the Texas Bushes"), never listed."""
    parts = key.split()
    return 2 <= len(parts) <= 3 and _family(parts[-1], directory) and is_place(" ".join(parts[:-1]).title())


def named(r: EntityRow) -> EntityRow:
    """A person or organisation whose fullest mention is a name with words glued after it ("Obama's
    'pivot", "State Department - before") and whose other mentions give the name alone: named by that."""
    if r.type not in ("PERSON", "ORG") or not r.name[:1].isupper() or is_name(r.name):
        return r
    bare = re.sub(r"^[Tt]he ", "", r.name)
    for v in sorted(r.variants, key=lambda v: (-len(v), v)):
        head = re.sub(r"^[Tt]he ", "", v)
        rest = POSSESSIVE_START.sub("", bare[len(head):]) if bare.startswith(head) else None
        if rest and not rest[:1].isalnum() and not any(w[:1].isupper() for w in rest.split()[:1]):
            return replace(r, name=v, variants=tuple(x for x in r.variants if x != v))
    return r


COORDINATION = re.compile(r"\s+(?:and|&)\s+")


def coordinated(r: EntityRow, rows: Sequence[EntityRow]) -> bool:
    """An organisation "A and B" of which the article names a part as an organisation of its own
    ("Alphabet and Facebook" beside "Facebook"): two organisations, not a third."""
    parts = COORDINATION.split(r.name)
    if r.type != "ORG" or len(parts) < 2:
        return False
    keys = {parse(x.name, x.type).key for x in rows if x.id != r.id and x.type == "ORG"}
    return any(parse(p, "ORG").key in keys for p in parts)


def _news_arm_of(variant: str, key: str) -> bool:
    """Whether a variant is the broadcaster whose news arm the entity is: "ABC" of an "ABC News" (the network
    named alone, in other articles, is the network; "Fox" alone is Fox News and joins it)."""
    return is_acronym(variant) and key == fold(variant).replace(".", "") + " news"


def joinable(r: EntityRow) -> bool:
    """Named people, organisations, groups and places; never an unnamed agent or a description."""
    return _joinable(r.name, r.type)


@lru_cache(maxsize=NAMES_CACHED)
def _joinable(name: str, type_: str | None) -> bool:
    if type_ not in NAMED_TYPES or not is_name(name):
        return False
    if type_ in ("PERSON", "ORG") and (is_thing(name) or is_state_code(name) or is_demonym(name)
                                       or " " in name.strip() and is_place(name, cities=False)):
        return False  # "Medicaid", "the Tour de France"; "SC"; "Nevadans"; "American Samoa"
    if type_ in ("PERSON", "ORG") and is_foreign_place(name):
        return False  # "Parque Central", "Chez Panisse": a park, an eatery
    if type_ == "ORG" and ends_in_member_word(name):
        return False  # "WWII Italian" (dictator), "Florida Latino" (voters), "Blue Dog Democrat"
    if type_ == PERSON and is_plural_of_member_or_title(name):
        return False  # "Ottoman Turks", "Secretaries": a group of people
    if type_ == PERSON and " " in name.strip() and is_town(name) \
            and parse(name, PERSON).key not in anchors():
        return False  # "Fort Lee", "Newport News" tagged as people
    if type_ == PERSON and (any(c.isdigit() for c in name) or all(
            fold(w).strip(".,") in words().suffixes | words().honorifics for w in name.split())):
        return False  # "House Bill 1523"; "Jr." alone
    return not (type_ == PERSON and any(w in ("and", "&") for w in name.split()))


@lru_cache(maxsize=1)
def anchors() -> frozenset[str]:
    """Full names of people in the actor dictionaries (lexicons/actors.tsv, actor_people.tsv), keyed like
    names.py keys them: the identities that let a long form ("Hillary Rodham Clinton") join its short one."""
    out = set()
    for line in read_text("actors.tsv").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        phrase = line.split("\t", 1)[0]
        if 1 < phrase.count(" ") + 1 <= 4:
            out.add(parse(phrase, PERSON).key)
    out.update(parse(r["name"], PERSON).key for r in read_table("actor_people.tsv"))
    return frozenset(out)


def initials_in(key: str, person: Person | None) -> str:
    """The middle initials in a registered key of a person ("george hw bush" -> hw)."""
    words = key.split()
    if person is None or not person.given or len(words) < 3 or words[0] != person.given:
        return ""
    return next((w for w in words[1:-1] if len(w) <= 3 and w != person.surname), "")


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    return {r["alias"]: r["name"] for r in read_table("people_org_aliases.tsv")}


@lru_cache(maxsize=1)
def alias_targets() -> frozenset[str]:
    """The names organisations are joined under ("republican party")."""
    return frozenset(aliases().values())


class MemoryDirectory(Directory):
    """A directory in dicts: for re-deriving every join at once and for benchmarks."""

    def __init__(self) -> None:
        super().__init__()
        self.people: dict[str, Person] = {}
        self.keys: dict[tuple[str | None, str], str] = {}
        self.keys_of: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
        self.surnames: dict[tuple[str | None, str], list[str]] = defaultdict(list)
        self.articles: Counter[str] = Counter()
        self.links: dict[tuple[str, str], str] = {}
        self._seen: set[tuple[str, str]] = set()

    def find(self, type_: str | None, key: str) -> str | None:
        return self.keys.get((type_, key))

    def with_surname(self, type_: str | None, surname: str) -> list[str]:
        return self.surnames.get((type_, surname), [])[:SURNAME_CANDIDATES]

    def weights(self, ids: Sequence[str]) -> dict[str, int]:
        return {i: self.articles[i] for i in ids}

    def add(self, person: Person) -> None:
        self.people[person.id] = person
        self.register(person.type, person.key, person.id)
        if person.given and person.surname:
            self.surnames[(person.type, person.surname)].append(person.id)

    def register(self, type_: str | None, key: str, pid: str) -> None:
        if (type_, key) not in self.keys:
            self.keys[(type_, key)] = pid
            self.keys_of[pid].append((type_, key))

    def block(self, type_: str | None, key: str) -> None:
        self.keys[(type_, key)] = AMBIGUOUS

    def initials(self, pid: str) -> set[str]:
        p = self.people.get(pid)
        return {initials_in(k, p) for t, k in self.keys_of.get(pid, ()) if t == PERSON} - {""} if p else set()

    def merge(self, old: str, new: str) -> None:
        for k in self.keys_of.pop(old, []):
            self.keys[k] = new
            self.keys_of[new].append(k)
        gone = self.people.pop(old, None)
        if gone is not None and gone.surname and gone.given:
            self.surnames[(gone.type, gone.surname)].remove(old)
        self.articles[new] += self.articles.pop(old, 0)
        self.moved[old] = new

    def touch(self, pid: str, country: str | None, sector: str | None) -> None:
        p = self.people[pid]
        p.country, p.sector = p.country or country, p.sector or sector

    def link(self, row: EntityRow, pid: str) -> None:
        self.links[(row.article_id, row.id)] = pid
        if (row.article_id, pid) not in self._seen:
            self._seen.add((row.article_id, pid))
            self.articles[pid] += 1
