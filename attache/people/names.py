"""Names as keys for joining across articles: "Mr. Donald J. Trump's" and "DONALD TRUMP" are the key
`donald trump`; "Donald Trump Jr." is `donald trump jr` (generational suffixes keep namesakes apart); middle
initials are dropped, middle names kept (dropped only where the actor dictionary or the corpus knows the
short form: join.py); diacritics and transliteration variants ("Muhammad"/"Mohammed") fold to one form.

`is_name` tells a name ("Wells Fargo", "Kim Jong Un", "Ludwig van Beethoven") from a description that a
tagger or a cluster left as an entity's name ("Ms Clinton's chief opponent", "a state lawmaker", "people").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import read_lines, read_table

PERSON = "PERSON"
ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,7}$")
# A hashtag or words glued together ("Election2016", "Citizens Unitedruling", a page's "Anna ReyesFlagShare",
# "OrtizASSOCIATED PRESS"); never a name with a capital inside ("McConnell", "DeSantis", "WikiLeaks", "ExxonMobil",
# "GlaxoSmithKline").
HASHTAG = re.compile(r"[a-z]{2,}\d|[A-Z][a-z]+[a-z]{4,}ruling\b"
                     r"|[a-z][A-Z]{2,}|(?:\S*?[a-z][A-Z]){3}")  # a page's widget text glued on: "ReyesFlagShareLike"
CAMPAIGN_WORDS = frozenset({"stop", "never", "dump"})  # before a name: a movement against that person
GLUED_CAMPAIGN = re.compile(r"(?:Never|Stop|Dump)[A-Z][a-z]")
BRACKETS = re.compile(r"[\[\]{}]")
LIST = re.compile(r",\s+(?!(?:Inc|Ltd|LLC|Jr|Sr|Corp|Co|II|III)\b)[A-Z]")
POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Name:
    """A name split for matching; every part lower case, without dots or diacritics."""

    key: str  # the join key: given and surname (and suffix) for a person, all words otherwise
    given: str | None = None
    middle: tuple[str, ...] = ()
    surname: str | None = None
    suffix: str | None = None
    initials: str = ""  # middle initials ("J." of "Donald J. Trump": "j"; "H.W." of "George H.W. Bush": "hw")

    @property
    def with_initials(self) -> str | None:
        """The key with the middle initials kept, which tells namesakes apart ("george hw bush")."""
        if not self.initials or not self.given or not self.surname:
            return None
        return " ".join(w for w in (self.given, self.initials, *self.middle, self.surname, self.suffix) if w)

    @property
    def short(self) -> str | None:
        """The key without middle names ("hillary rodham clinton" -> "hillary clinton"), when it differs."""
        if not self.middle or not self.given or not self.surname:
            return None
        return " ".join(w for w in (self.given, self.surname, self.suffix) if w)

    @property
    def single(self) -> bool:
        """One word only ("Trump", "Chelsea")."""
        return self.given is None


@dataclass(frozen=True)
class Words:
    honorifics: frozenset[str]
    titles: frozenset[str]
    suffixes: frozenset[str]
    particles: frozenset[str]
    variants: dict[str, str]
    nicknames: dict[str, str]
    groups: dict[str, str]
    org_suffixes: frozenset[str]
    not_names: frozenset[str]
    not_in_names: frozenset[str]
    countries: frozenset[str]
    org_heads: frozenset[str]
    thing_heads: frozenset[str]
    unit_heads: frozenset[str]
    lowercase_heads: frozenset[str]  # "party" of "the Republican party": a name's last word written in lower case
    known_orgs: frozenset[str]  # well-known one-word organisations, written exactly so (and the one-word names of
    #                             lexicons/organizations.tsv: "Congress", "Pentagon")
    trade_words: frozenset[str]  # "computer" of "Apple Computer": a trade its short name leaves out
    parties: frozenset[str]  # "republican" of "the Republican Congress": who holds the chamber after it
    chambers: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    """The word lists names are read with (lexicons/), loaded once."""
    titles = frozenset(w for row in read_table("titles.tsv") for w in row["title"].split() if w not in ("of", "the"))
    return Words(
        honorifics=frozenset(w.strip(".") for w in read_lines("titles_honorifics.txt"))
        | frozenset(read_lines("people_title_abbreviations.txt")),
        titles=titles,
        suffixes=frozenset(read_lines("people_name_suffixes.txt")),
        particles=frozenset(read_lines("people_name_particles.txt")),
        variants={r["variant"]: r["form"] for r in read_table("people_name_variants.tsv")},
        nicknames={r["nickname"]: r["name"] for r in read_table("people_nicknames.tsv")},
        groups={r["form"]: r["group"] for r in read_table("people_groups.tsv")},
        org_suffixes=frozenset(read_lines("organizations_suffixes.txt")),
        not_names=frozenset(read_lines("people_not_names.txt"))
        | frozenset(r["word"] for name in ("time_weekdays.tsv", "time_months.tsv") for r in read_table(name)
                    if r.get("ambiguous", "0") != "1"),
        not_in_names=frozenset(read_lines("people_not_in_names.txt")),
        countries=frozenset(read_lines("people_org_countries.txt")),
        org_heads=frozenset(("department", "ministry", "bureau", "office")),
        thing_heads=frozenset(read_lines("people_thing_heads.txt")),
        unit_heads=frozenset(read_lines("organizations_unit_heads.txt")),
        lowercase_heads=frozenset(read_lines("organizations_lowercase_heads.txt")),
        known_orgs=frozenset(read_lines("organizations_known_names.txt"))
        | frozenset(r["name"] for r in read_table("organizations.tsv") if " " not in r["name"]),  # "Congress"
        trade_words=frozenset(read_lines("organizations_trade_words.txt")),
        parties=frozenset(r["word"] for r in read_table("people_party_chambers.tsv") if r["role"] == "party"),
        chambers=frozenset(r["word"] for r in read_table("people_party_chambers.tsv") if r["role"] == "chamber"))


NAMES_CACHED = 1 << 17  # names read again and again across an archive's articles: each worked out once


@lru_cache(maxsize=NAMES_CACHED)
def fold(text: str) -> str:
    """Lower case without diacritics, curly apostrophes straight, spaces collapsed: the base of every key."""
    if text.isascii():  # no diacritic, no curly apostrophe, NFKD changes nothing: the same, sooner
        return " ".join(text.casefold().split())
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


INITIALS = re.compile(r"^(?:[a-z]\.)+$")


def _tokens(name: str, initials: list[str] | None = None) -> list[str]:
    """The words of a name without possessive marks, dots and commas ("Trump's" -> trump, "U.S." -> us);
    middle initials ("J.", "H.W.") go to `initials` when given."""
    out = []
    raws = fold(name).replace(",", " ").replace(" - ", "-").split()
    for n, raw in enumerate(raws):
        if initials is not None and 0 < n < len(raws) - 1 and (INITIALS.match(raw) or len(raw) == 1 and raw.isalpha()):
            initials.append(raw.replace(".", ""))
            continue
        w = POSSESSIVE.sub("", raw) if raw.endswith(("'s", "'")) and len(raw) > 2 else raw
        w = w.replace(".", "")
        if w:
            out.append(w)
    return out


@lru_cache(maxsize=NAMES_CACHED)
def parse(name: str, type_: str | None) -> Name:
    """The name's key and parts; people are split into given name, middle names, surname and suffix."""
    lex = words()
    if type_ != PERSON:
        if type_ == "ORG" and len(name) > 6 and name.lower().endswith(".com"):
            name = name[:-4]  # "Amazon.com" is Amazon
        return Name(_other_key(_tokens(name), type_))
    found: list[str] = []
    toks = _tokens(name, found)
    while len(toks) > 1 and (toks[0] in lex.honorifics or toks[0] in lex.titles):
        toks = toks[1:]  # "Mr. Trump", "Sen. Tim Kaine": the name only
    suffix = None
    if len(toks) > 1 and toks[-1] in lex.suffixes:
        suffix, toks = toks[-1], toks[:-1]
    toks = [lex.variants.get(t, t) for t in toks]
    if not toks:
        return Name(fold(name))
    if len(toks) == 1:
        return Name(" ".join(w for w in (toks[0], suffix) if w), surname=toks[0], suffix=suffix)
    given, rest = lex.nicknames.get(toks[0], toks[0]), toks[1:]  # "Joe Biden" is "Joseph Biden"
    # a surname with a particle stays whole ("van gogh", "bin salman", "de la cruz")
    cut = len(rest) - 1
    while cut > 0 and rest[cut - 1] in lex.particles:
        cut -= 1
    surname = " ".join(rest[cut:])
    middle = tuple(w for w in rest[:cut] if len(w) > 1)  # initials ("J.") are no part of the key
    key = " ".join(w for w in (given, *middle, surname, suffix) if w)
    initials = "".join(found) + "".join(w for w in rest[:cut] if len(w) == 1)
    return Name(key, given=given, middle=middle, surname=surname, suffix=suffix, initials=initials)


def has_legal_form(name: str) -> bool:
    """Whether an organisation's name ends in its legal form ("Apple Inc."): a full name, no short form."""
    toks = _tokens(name)
    return len(toks) > 1 and toks[-1] in words().org_suffixes


def _other_key(toks: list[str], type_: str | None) -> str:
    """Organisations without "the", legal forms and a leading country ("The Boeing Co." -> boeing, "U.S. Air
    Force" -> air force), "Department of Justice" as "justice department", a legislature without the party
    holding it ("Republican Congress" -> congress); groups in one form ("Republicans", "Republican" ->
    republican)."""
    lex = words()
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    if type_ == "ORG":
        while len(toks) > 1 and toks[-1] in lex.org_suffixes:
            toks = toks[:-1]
        for n in (2, 1):
            if len(toks) >= n + 2 and " ".join(toks[:n]) in lex.countries:
                toks = toks[n:]
                break
        if len(toks) >= 3 and toks[0] in lex.org_heads and toks[1] == "of":
            toks = [*toks[2:], toks[0]]
        if len(toks) == 2 and toks[0] in lex.parties and toks[1] in lex.chambers:
            toks = toks[1:]  # "the Republican Congress" is Congress
    if type_ == "NORP" and len(toks) == 1:
        t = toks[0]
        t = lex.groups.get(t, t)
        if t.endswith("s") and not t.endswith("ss") and len(t) > 3:
            t = t[:-1]
        toks = [t]
    return " ".join(toks)


def without_country(key: str) -> str | None:
    """An organisation's key without the country written before a one-word name ("us senate" -> senate),
    which `_other_key` keeps (a one-word key alone is weak); None when there is none."""
    toks = key.split()
    for n in (2, 1):
        if len(toks) == n + 1 and " ".join(toks[:n]) in words().countries:
            return toks[-1]
    return None


CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z][a-z]+")  # "MindSpring", "YouTube", "LinkedIn"
HYPHENED = re.compile(r"^[A-Z][a-z]+-[A-Z][a-z]+$")  # "Rolls-Royce", "Hewlett-Packard"


def company_shaped(name: str) -> bool:
    """A one-word name written as only companies are: with a legal form ("Xinhua Co."), a capital inside
    ("MindSpring") or two capitalised halves ("Rolls-Royce"), or a well-known organisation's one-word name
    ("Facebook", lexicons/organizations_known_names.txt; a company, NGO or international body of the actor
    dictionaries: "Halliburton", "Oxfam"); strong enough to list when named once."""
    parts = name.replace("’", "'").split()
    if not parts:
        return False
    if len(parts) == 1 and (POSSESSIVE.sub("", parts[0]) in words().known_orgs
                            or _dictionary_body(POSSESSIVE.sub("", parts[0]))):
        return True
    if len(parts) > 1 and fold(parts[-1]).strip(".,") in words().org_suffixes:
        return True
    word = POSSESSIVE.sub("", parts[-1] if len(parts) == 1 else parts[-2])
    return bool(CAMEL.match(word) or HYPHENED.match(word))


BODY_CODES = frozenset({"MNC", "NGO", "IGO"})  # actor codes of companies, NGOs and international bodies


def _dictionary_body(word: str) -> bool:
    """A company, NGO or international body the actor dictionaries know by this one word ("Halliburton", "Oxfam"),
    never their generic word for such a body ("NGO", "MNCs")."""
    from ..components.entities.dictionary import actor_dictionary  # loaded once per process, by the entities too

    return word.upper().rstrip("S") not in BODY_CODES and actor_dictionary().only_groups(word, BODY_CODES)


@lru_cache(maxsize=NAMES_CACHED)
def acronym(name: str) -> str | None:
    """The initials of an organisation's name of three words or more ("Federal Bureau of Investigation" -> fbi),
    for joining it with its acronym."""
    toks = [t for t in _tokens(name) if t not in words().particles]
    while len(toks) > 2 and toks[-1] in words().org_suffixes:
        toks = toks[:-1]  # "European Aeronautic Defence and Space Company" -> eads
    if len(toks) < 2:
        return None
    return "".join(t[0] for t in toks)


@lru_cache(maxsize=NAMES_CACHED)
def acronyms(name: str) -> tuple[str, ...]:
    """Every initials an organisation's name goes by: its `acronym`, and for "Department of X" the one with the
    "of" ("Department of Justice" -> dj, doj)."""
    main = acronym(name)
    toks = [t for t in _tokens(name) if t != "the"]
    out = [main] if main else []
    if len(toks) == 3 and toks[0] in words().org_heads and toks[1] == "of":
        out.append(toks[0][0] + "o" + toks[2][0])
    return tuple(out)


def is_acronym(name: str) -> bool:
    """"FBI", "NATO", "U.N.": all capitals, two to eight letters."""
    return bool(ACRONYM.match(name.strip())) and sum(c.isalpha() for c in name) >= 2


@lru_cache(maxsize=NAMES_CACHED)
def is_name(text: str) -> bool:
    """Whether an entity's name is a proper name: every word capitalised but name particles ("Bank of
    America"), no possessive inside, no determiner or quantity in front, not a generic noun ("People").
    Descriptions ("Ms Clinton's chief opponent", "a 69-year-old Republican state lawmaker", "pro-Clinton")
    are not names."""
    lex = words()
    parts = text.replace("’", "'").split()
    if not parts or not any(c.isalpha() for c in text) or "\n" in text or BRACKETS.search(text):
        return False  # a name never runs over a line break, nor holds an editor's bracket ("[W]e")
    if re.sub(r"^the ", "", fold(text)) in lex.not_names:
        return False
    # "Moody's Investors Service Inc.": a company's name holds its possessive; "Co" needs its dot (not
    # "Trump's Campaign Co-Chair")
    legal = has_legal_form(text) and parts[-1] not in ("Co", "CO")
    named = parts[1:] if parts[0].lower() == "the" else parts
    for i, w in enumerate(parts):
        if ("'s" in w or w.endswith("s'")) and i < len(parts) - 1 and not legal:
            return False  # "Clinton's chief opponent"
        first = next((c for c in w if c.isalpha()), "")
        if not first:
            if any(c.isdigit() for c in w) or w in ("&", "-", "–"):
                continue
            return False
        if w == "amp" and 0 < i < len(parts) - 1 and parts[i + 1][:1].isupper():
            continue  # "Savings amp Loan": an escaped ampersand's leftover inside a company's name
        if first.islower() and fold(w) not in lex.particles and not _camel(w) and not (
                i == len(parts) - 1 and len(named) == 2 and fold(w) in lex.lowercase_heads):  # "the Whig party"
            return False
    folded = [fold(w).strip(".,'\"“”‘’") for w in parts]
    if any(w in lex.not_in_names for w in folded) or len(parts) > 1 and folded[-1] in lex.thing_heads:
        return False  # "Its Rivals", "Two Donalds"; "Employee Free Choice Act", "Quicken Loans Arena"
    if len(parts) > 1 and folded[-1] in lex.groups or LIST.search(text):
        return False  # "Hill Democrats"; "Apple, Google, Microsoft"
    if HASHTAG.search(text):
        return False  # "Election2016", "Citizens Unitedruling": a hashtag or glued words, not a name
    first_word = parts[0]
    if "-" in first_word and first_word.split("-")[0].lower() in {"pro", "anti", "ex", "non"} | CAMPAIGN_WORDS:
        return False  # "pro-Clinton", "Stop-Trumpers"
    if len(parts) == 2 and first_word.lower() in CAMPAIGN_WORDS and parts[1][:1].isupper():
        return False  # "Stop Trump", "Never Hillary": a campaign against someone, no body
    if GLUED_CAMPAIGN.match(first_word):
        return False  # "NeverTrump", "StopHillary": the same campaign as a hashtag's word
    return True


def _camel(word: str) -> bool:
    """"iPhone", "eBay", "al-Assad": lower-case start, capital inside."""
    return any(c.isupper() for c in word[1:])


SPELLED_OUT_SHARE = 0.25  # an organisation's spelled-out name is shown when named at least this share as often
FULL_NAME_SHARE = 1 / 3  # a person's full name is shown when written at least this share as often


def display_name(counts: dict[str, int], type_: str | None) -> str:
    """The name a person or organisation is shown under, from how often each of its entities' names was written:
    the most frequent, written as most often when only capitals differ ("TRUMP" is "Trump"); for a person, a full
    name rather than a surname alone when it is written at least a third as often ("James Comey", not "Comey");
    for an organisation, a spelled-out name rather than initials when it is written at least a quarter as often
    ("Republican Party" beside "GOP"; "FBI" stays), and a name with more words before it on the same terms ("U.S.
    Army" beside "Army"). Ties: the longer name, then the first in order."""
    spelled: dict[str, Counter[str]] = {}
    for name, n in counts.items():
        name = " ".join(name.split())
        if name:
            spelled.setdefault(name.casefold(), Counter())[name] += n
    totals = {max(forms, key=lambda f: (forms[f] if not f.isupper() or len(forms) == 1 else 0, -len(f), f)):
              sum(forms.values()) for forms in spelled.values()}
    if not totals:
        return ""
    ranked = sorted(totals, key=lambda name: (-totals[name], -len(name), name))
    top = totals[ranked[0]]
    if type_ == "PERSON":
        full = [name for name in ranked if " " in name]
        if full and totals[full[0]] >= FULL_NAME_SHARE * top:
            return full[0]
    elif type_ == "ORG":
        words = [name for name in ranked if not is_acronym(name)]
        if words and totals[words[0]] >= SPELLED_OUT_SHARE * top:
            fuller = [name for name in words if name.endswith(" " + words[0])]  # "U.S. Army" beside "Army"
            return next((name for name in fuller if totals[name] >= SPELLED_OUT_SHARE * totals[words[0]]), words[0])
    return ranked[0]
