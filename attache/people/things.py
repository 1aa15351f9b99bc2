"""Names that are no one: things a tagger calls a person or an organisation (lexicons/people_things.txt:
religions, programmes, laws, events; lexicons/people_thing_suffixes.txt: "Islamophobia", "Trumpism";
lexicons/people_products.txt: product lines and their models, "Mac OS X Leopard") and
places the gazetteer knows ("American Samoa", "Liverpool"). The people index never lists them."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import read_lines, read_table
from .names import acronym, fold, words

BIG_CITY = 200_000  # a one-word "organisation" named as a city this big is the city
TOWN = 20_000  # a person's name of two or more words that is a town this big is the town ("Fort Lee")


@lru_cache(maxsize=1)
def _things() -> tuple[frozenset[str], tuple[str, ...]]:
    return frozenset(read_lines("people_things.txt")), tuple(read_lines("people_thing_suffixes.txt"))


@lru_cache(maxsize=1)
def _products() -> frozenset[str]:
    return frozenset(read_lines("people_products.txt"))


@lru_cache(maxsize=1 << 17)
def is_thing(name: str) -> bool:
    """A religion, programme, law, event or idea ("Medicaid", "the Tour de France", "Islamophobia"), or a
    product line, alone or with its model or version after it ("MacBook Pro", "Mac OS X Leopard")."""
    things, suffixes = _things()
    key = re.sub(r"^the ", "", fold(name)).replace(".", "")
    if key in things or is_product(key):
        return True
    return " " not in key and len(key) > 6 and key.endswith(suffixes)


@lru_cache(maxsize=1)
def thing_initials() -> frozenset[str]:
    """The initials of the things of three words or more that lexicons/people_things.txt knows ("nclb" of No
    Child Left Behind, "djia" of the Dow Jones Industrial Average): written alone, they name the thing too."""
    return frozenset(a for a in map(acronym, _things()[0]) if a and len(a) >= 3)


def is_product_line(name: str) -> bool:
    """A product line itself, as lexicons/people_products.txt lists it ("OS X", "iPod")."""
    return fold(name).replace(".", "") in _products()


def is_product(key: str) -> bool:
    """A folded name that is a product line or begins with one ("macbook air", "mac os x leopard";
    lexicons/people_products.txt), unless it ends as a body's name does ("Kindle Press Agency": lexicons/
    organizations_heads.txt)."""
    products, parts = _products(), key.split()
    if len(parts) > 1 and parts[-1] in _org_heads():
        return False
    return any(" ".join(parts[:n]) in products for n in range(1, len(parts) + 1))


@lru_cache(maxsize=1)
def _opening_words() -> frozenset[str]:
    return frozenset(read_lines("place_opening_words.txt"))


def is_foreign_place(name: str) -> bool:
    """A name of two words or more opening with a French, Spanish, Italian or Portuguese word for a street, a
    square, a park or an eatery ("Parque Central", "Rue de Rivoli", "Chez Panisse"; lexicons/
    place_opening_words.txt), unless it ends as a body's name does ("Plaza Holdings Group")."""
    parts = re.sub(r"^the ", "", fold(name)).split()
    return len(parts) > 1 and parts[0] in _opening_words() and parts[-1].strip(".,") not in _org_heads()


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(read_lines("organizations_heads.txt"))


def is_state_code(name: str) -> bool:
    """A US state's postal code in capitals ("SC", "N.H."): a place, never an organisation's initials."""
    name = name.strip()
    return name.isupper() and name.replace(".", "") in _state_codes()


@lru_cache(maxsize=1)
def _state_codes() -> frozenset[str]:
    import pycountry

    return frozenset(s.code.split("-")[1] for s in pycountry.subdivisions.get(country_code="US") or ())


@lru_cache(maxsize=1)
def _region_aliases() -> frozenset[str]:
    return frozenset(r["alias"] for r in read_table("place_aliases.tsv") if r["kind"] in ("country", "admin"))


@lru_cache(maxsize=1 << 17)
def is_place(name: str, cities: bool = True) -> bool:
    """A country or a state ("American Samoa", "Georgia", "Crimea" under the other names the places component
    knows), or with `cities` a city of at least BIG_CITY people ("Cologne", written "Köln" in GeoNames too),
    under this very name or one of its other names."""
    from ..gazetteer import load

    name = re.sub(r"^the ", "", name.strip(), flags=re.IGNORECASE)
    return name in _region_aliases() or any(
        e.kind in ("country", "admin") or cities and e.kind == "city" and (e.population or 0) >= BIG_CITY
        for e in load().lookup(name))


def is_town(name: str) -> bool:
    """A town of TOWN people or more under its own name, not one of its other names ("Fort Lee", "Newport News";
    not "Ho Chi Minh", another name of the city)."""
    from ..gazetteer import load

    return any(not alt and e.kind == "city" and (e.population or 0) >= TOWN for e, alt in load().lookup_key(fold(name)))


DEMONYM_ENDINGS = ("ians", "ans", "ers", "ites", "ns")  # "Nevadans", "Clevelanders", "Brooklynites"
MIN_DEMONYM_STEM = 4  # shorter stems are names of villages somewhere ("Pet-ers")


def is_demonym(name: str) -> bool:
    """A one-word plural naming the people of a state or big city ("Nevadans", "Clevelanders", "Ohioans"): a
    group, never one person or organisation."""
    word = name.strip()
    if " " in word or not word[:1].isupper():
        return False
    for end in DEMONYM_ENDINGS:
        stem = word[:-len(end)]
        if word.endswith(end) and len(stem) >= MIN_DEMONYM_STEM and (
                is_place(stem) or end in ("ns", "ians") and is_place(stem + "a")):  # "Nevada-ns", "Florid-ians"
            return True
    return False


@lru_cache(maxsize=1)
def _member_words() -> frozenset[str]:
    """Words for one member of a nation, people or party ("Italian", "Latino", "Democrat"), lower case."""
    demonyms = {r["demonym"] for r in read_table("demonyms.tsv")}
    groups = words().groups  # party members' forms, as the names are read with
    return frozenset(demonyms | set(groups) | set(groups.values()) | set(read_lines("people_member_words.txt")))


def ends_in_member_word(name: str) -> bool:
    """An organisation's "name" of several words whose last one names a member of a nation, people or party:
    a description of someone ("WWII Italian dictator", "Florida Latino voters", "a Blue Dog Democrat"), not
    a body's name."""
    if len(name.split()) < 2:
        return False
    last = _last_word(name)
    members = _member_words()
    return last in members or last.endswith("s") and last[:-1] in members


def is_plural_of_member_or_title(name: str) -> bool:
    """A "person" whose last word is the plural of a word for a member of a nation, people or party, or who is
    named by a title's plural alone, is a group, never one person ("Ottoman Turks", "the Deputy Secretaries":
    "Secretaries"). A surname that is such a word in the singular stays ("Mark Cuban")."""
    parts = name.split()
    if not parts:
        return False
    last = _last_word(name)
    singulars = {last[:-1]} if last.endswith("s") else set()
    if last.endswith("es"):
        singulars.add(last[:-2])
    if last.endswith("ies"):
        singulars.add(last[:-3] + "y")
    return bool(singulars & _member_words()) or len(parts) == 1 and bool(singulars & words().titles)


def _last_word(name: str) -> str:
    """A name's last word, folded, without the punctuation around it."""
    return fold(name.split()[-1]).strip(".,'\"“”‘’")
