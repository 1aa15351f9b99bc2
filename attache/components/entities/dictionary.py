"""Dated actor codes from the compiled actor dictionaries (`lexicons/actors.tsv`, built from the Phoenix
dictionaries by `scripts/build_actor_lexicon.py`): "Bush" in 2003 is USAGOV, "Rumsfeld" in 2010 has no role.

A name is looked up whole (the entity's fullest name in the article), never by a surname alone unless the
dictionary itself lists that surname. Among the codes of a name, the one whose dates cover the publication
date wins; with no date, or no covering range, only an undated code applies; two different codes for the
same day are ambiguous and give none. Loaded once per process into a dict of tuples.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pycountry

from ...lexicons import read_text

# CAMEO role codes (after the country) -> PLOVER sector codes where the two differ or coincide.
CAMEO_SECTORS = {"GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "ELI": "ELI", "COP": "COP",
                 "JUD": "JUD", "LEG": "LEG", "BUS": "BUS", "MED": "JRN", "HLH": "MED", "EDU": "EDU",
                 "REL": "REL", "LAB": "LAB", "AGR": "AGR", "CVL": "CVL", "REF": "REF", "SPY": "SPY",
                 "UAF": "UAF", "CRM": "CRM", "PTY": "PTY", "SPO": "SOC", "HRI": "SOC", "ENV": "SOC",
                 "PRE": "PRE", "IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "UNR": "REB", "INS": "REB"}
# CAMEO country codes that are not ISO 3166-1 alpha-3.
CAMEO_COUNTRIES = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}
NON_STATE = frozenset({"IGO", "NGO", "MNC", "UIS", "EUR", "AFR", "ASA", "MEA", "WST", "NAF", "SAS", "SEA",
                       "CAS", "CAU", "EAF", "WAF", "SAF", "CAF", "LAM", "CRB", "BLK", "BAL", "SCN", "NMR",
                       "PGS", "MDT", "ARB"})
GROUP_HEADS = frozenset({"IGO", "NGO", "MNC", "IMG"})  # codes of bodies and armed groups that are no state
HOMED = frozenset({"MNC", "NGO"})  # non-state codes that may name a home state next ("MNCUSA", "NGOGBR")


def _iso(cameo: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a CAMEO country code, or None when it names no state."""
    iso = CAMEO_COUNTRIES.get(cameo, cameo)
    return iso if len(iso) == 3 and (pycountry.countries.get(alpha_3=iso) is not None or iso == "XKX") else None


def cameo_country(iso: str) -> str:
    """The CAMEO code of a state given its ISO 3166-1 alpha-3 code (they differ for a few states)."""
    return next((cameo for cameo, code in CAMEO_COUNTRIES.items() if code == iso), iso)


@dataclass(frozen=True)
class ActorCode:
    code: str
    country: str | None
    sector: str | None


def decode(code: str) -> ActorCode:
    """A CAMEO actor code's ISO country and PLOVER sector: PRKGOV -> (PRK, GOV), IGOUNO -> (None, IGO)."""
    head, rest = code[:3], code[3:]
    if head in NON_STATE:  # a company's or group's home state may follow ("MNCUSA": an American multinational)
        home = _iso(rest[:3]) if head in HOMED else None
        return ActorCode(code, home, CAMEO_SECTORS.get(head))
    country = _iso(head)
    sector = next((CAMEO_SECTORS[rest[i:i + 3]] for i in range(0, len(rest), 3) if rest[i:i + 3] in CAMEO_SECTORS),
                  None)
    return ActorCode(code, country, sector)


class ActorDictionary:
    """Names -> [(code, start, end)], ISO dates as strings ('' = open)."""

    def __init__(self, table: str = "actors.tsv") -> None:
        entries: dict[str, list[tuple[str, str, str]]] = {}
        lines = read_text(table).splitlines()
        header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
        for line in lines[header + 1:]:  # phrase, code, start, end, kind: split by hand, ten times faster than csv
            phrase, code, start, end, _ = line.split("\t")
            if not code.startswith("~"):
                entries.setdefault(phrase, []).append((code, start, end))
        self.entries = entries
        self._surnames: dict[str, list[str]] = {}

    def code(self, name: str, day: str | None) -> ActorCode | None:
        """The actor code `name` held on `day` (ISO date), or its undated code; None when unknown or ambiguous."""
        rows = self._rows(name)
        return _on_day(rows, day) if rows else None

    def dated(self, name: str) -> bool:
        """Whether the dictionary holds dated roles for `name` (so a publication date would matter)."""
        return any(s or e for _, s, e in self._rows(name))

    def _rows(self, name: str) -> list[tuple[str, str, str]]:
        """The entries of a name, with or without a leading "the"."""
        key = " ".join(name.lower().split())
        return self.entries.get(key) or self.entries.get(key.removeprefix("the ")) or self.entries.get("the " + key) \
            or []

    def only_groups(self, name: str, heads: frozenset[str] = GROUP_HEADS) -> bool:
        """Whether every entry of `name` is a group that is no state: an international or non-governmental
        body, a company or an armed group ("ISIL": IMGMUSISI); or only of the kinds `heads` names."""
        rows = self._rows(name)
        return bool(rows) and all(code[:3] in heads for code, _, _ in rows)

    def is_surname(self, word: str) -> bool:
        """Whether anyone the dictionary gives dated roles bears this last word ("Obama", "Reno", "Bush"; also
        "Jordan" of Hamilton Jordan: callers keep well-known places)."""
        return word.lower() in self._surname_index()

    def _surname_index(self) -> dict[str, list[str]]:
        """Last word -> the dated multi-word names ending in it, built on first use."""
        if not self._surnames:
            for phrase, rows in self.entries.items():
                words = phrase.split()
                if len(words) > 1 and any(s or e for _, s, e in rows):
                    self._surnames.setdefault(words[-1], []).append(phrase)
        return self._surnames

    def by_surname(self, surname: str, day: str) -> set[ActorCode]:
        """The dated roles (not elite status) held on `day` by anyone the dictionary names with this surname:
        "Bush" in 2003 is USAGOV and CYMGOV (McKeeva Bush). Callers choose among them with the article's
        support (the country it names); never a guess."""
        found = {self.code(phrase, day) for phrase in self._surname_index().get(surname.lower(), ())}
        return {c for c in found if c is not None and c.sector != "ELI"}


def _on_day(rows: list[tuple[str, str, str]], day: str | None) -> ActorCode | None:
    """The code covering `day` (an office beats elite status, then the latest start wins), else the undated code."""
    if day:
        dated = [(s, c) for c, s, e in rows if (s or e) and (not s or s <= day) and (not e or day <= e)]
        if any(not c[3:].startswith("ELI") for _, c in dated):
            dated = [(s, c) for s, c in dated if not c[3:].startswith("ELI")]
        codes = {c for _, c in dated}
        if len(codes) == 1:
            return decode(codes.pop())
        if codes:
            latest = max(s for s, _ in dated)
            best = {c for s, c in dated if s == latest}
            return decode(best.pop()) if len(best) == 1 else None
    undated = {c for c, s, e in rows if not s and not e}
    return decode(undated.pop()) if len(undated) == 1 else None


@lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    """The process-wide dictionary, loaded on first use."""
    return ActorDictionary()
