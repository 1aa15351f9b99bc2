"""Names in title-case headlines and coordinated names, repaired before mentions are made of them.

In a title-case line ("Donald Trump Tells Voters", "Wells Fargo Fails Test") every word is capitalised, so
the tagger glues the headline's verb to the name. The article's body says what the names are: a headline
name is cut down to the names the body gives (whole names, or a person's surname), and its other words are
dropped; a headline name the body never gives is left as it is. Coordinated names tagged as one ("Trump and
Clinton") are two names: always for people, for organisations when the body names each part on its own
("Procter & Gamble" stays one).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Doc

from ...lexicons import read_lines
from ..base import text_of

TITLE_CASE_SHARE = 0.7  # of a line's words that are not minor words, at least this share capitalised
MIN_WORDS = 3
COORDINATORS = frozenset({"and", "&"})
Span3 = tuple[int, int, str]


@lru_cache(maxsize=1)
def minor_words() -> frozenset[str]:
    return frozenset(read_lines("title_case_minor_words.txt"))


@lru_cache(maxsize=1)
def line_imperatives() -> frozenset[str]:
    return frozenset(read_lines("title_case_line_imperatives.txt"))


@lru_cache(maxsize=16)
def title_case_lines(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of the lines written in title case (headlines, sub-headings); read once per article text,
    which the entities component and its clustering ask for many times."""
    out = []
    start = 0
    minor = minor_words()
    for line in text.split("\n"):
        words = [w for w in line.split() if any(c.isalpha() for c in w)]
        content = [w for w in words if w.lower().strip("\"'“‘(") not in minor]
        if len(words) >= MIN_WORDS and content:
            upper = sum(1 for w in content if next(c for c in w if c.isalpha()).isupper())
            if upper / len(content) >= TITLE_CASE_SHARE:
                out.append((start, start + len(line)))
        start += len(line) + 1
    return tuple(out)


CAPITAL_RUN = 4  # this many words in capitals in a row, from a line's start, are a headline ("TWO DEAD, 16 INJURED IN")


def capital_runs(text: str) -> list[tuple[int, int]]:
    """Character ranges of runs of at least CAPITAL_RUN words written all in capitals from the start of a line:
    headlines in capitals, alone on their line or running into the body's first sentence ("BEER NUTRITION LABELS
    ARE HAPPENING Liquid calories ..."). Their capitals say nothing of what is a name; a name in capitals inside
    a sentence ("told THE WEEKLY STANDARD") is no headline. So is a transcript's stage direction on a line of its
    own, however short ("(END VIDEO CLIP)", "[APPLAUSE]")."""
    runs = [(a, b) for a, b in _capital_runs(text) if not text[text.rfind("\n", 0, a) + 1:a].strip(" \t\"'“‘")]
    return sorted(runs + [m.span(1) for m in STAGE_DIRECTION.finditer(text)
                          if any(c.isalpha() for c in m.group(1)) and not any(c.islower() for c in m.group(1))])


STAGE_DIRECTION = re.compile(r"^[ \t]*[(\[]([^()\[\]\n]+)[)\]][ \t.]*$", re.MULTILINE)


def _capital_runs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for m in re.finditer(r"\S+", text):
        w = m.group()
        letters = [c for c in w if c.isalpha()]
        capitals = bool(letters) and all(c.isupper() for c in letters)
        if capitals and len(letters) >= 2 or (run and (not letters or capitals)):  # "A", "I" inside a run
            if run and "\n" in text[run[-1][1]:m.start()]:
                if sum(1 for a, b in run if any(c.isalpha() for c in text[a:b])) >= CAPITAL_RUN:
                    out.append((run[0][0], run[-1][1]))
                run = []
            run.append((m.start(), m.end()))
            continue
        if sum(1 for a, b in run if any(c.isalpha() for c in text[a:b])) >= CAPITAL_RUN:
            out.append((run[0][0], run[-1][1]))
        run = []
    if sum(1 for a, b in run if any(c.isalpha() for c in text[a:b])) >= CAPITAL_RUN:
        out.append((run[0][0], run[-1][1]))
    return out


def repair_headline_names(doc: Doc, spans: list[Span3]) -> list[Span3]:
    """Headline names cut to the names the body gives (see the module)."""
    lines = title_case_lines(text_of(doc))
    if not lines:
        return spans

    def in_line(i: int) -> bool:
        return any(a <= doc[i].idx < b for a, b in lines)

    spans = [(s + 1, e, lab) if e - s > 2 and doc[s].lower_ in line_imperatives() and doc[s].is_title
             and (s == 0 or "\n" in doc[s - 1].whitespace_ or doc[s - 1].is_space) else (s, e, lab)
             for s, e, lab in spans]  # "Follow Pam Key On Twitter": the line's verb is no part of the name

    def key(a: int, b: int) -> tuple[str, ...]:  # "Jose Pena" in the headline is the body's "José Peña"
        return tuple(_plain(t.text) for t in doc[a:b])

    known: dict[tuple[str, ...], str] = {}
    for s, e, lab in spans:
        if not in_line(s):
            words = key(s, e)
            known.setdefault(words, lab)
            if lab == "PERSON" and len(words) > 1:
                known.setdefault(words[-1:], lab)  # the surname alone
                known.setdefault(words[:1], lab)  # the given name alone ("Hillary")
    if not known:
        return spans
    out: list[Span3] = []
    for s, e, lab in spans:
        if e - s < 2 or not in_line(s) or key(s, e) in known:
            out.append((s, e, lab))
            continue
        parts: list[Span3] = []
        i = s
        while i < e:
            j = next((j for j in range(e, i, -1) if key(i, j) in known), None)
            if j is None:
                i += 1
                continue
            parts.append((i, j, known[key(i, j)]))
            i = j
        out += parts or [(s, e, lab)]
    return out


@lru_cache(maxsize=1 << 16)
def _plain(word: str) -> str:
    """A word without its diacritics ("Díaz" -> "Diaz")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def split_lines(doc: Doc, spans: list[Span3]) -> list[Span3]:
    """A name never runs over a line break (a headline's last words and the body's first are two names)."""
    out: list[Span3] = []
    for s, e, lab in spans:
        a = s
        for i in range(s, e):
            if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
                end = i if "\n" in doc[i].text else i + 1
                if end > a:
                    out.append((a, end, lab))
                a = i + 1
        if e > a:
            out.append((a, e, lab))
    return out


def split_coordinations(doc: Doc, spans: list[Span3]) -> list[Span3]:
    """"Trump and Clinton" -> Trump, Clinton (see the module)."""
    spans = split_joint_names(doc, split_lines(doc, spans))
    alone = {doc[s:e].text for s, e, _ in spans}
    out: list[Span3] = []
    for s, e, lab in spans:
        cuts = [i for i in range(s + 1, e - 1) if doc[i].lower_ in COORDINATORS]
        if not cuts or lab not in ("PERSON", "ORG"):
            out.append((s, e, lab))
            continue
        bounds = [s, *cuts, e]
        parts = [(a + (a != s), b) for a, b in zip(bounds, bounds[1:])]
        parts = [(a, b) for a, b in parts if b > a]
        if lab == "ORG" and not all(doc[a:b].text in alone or doc[a:b].text.lower() in
                                    {doc[x:y].text.lower() for x, y, _ in spans if (x, y) != (s, e)} for a, b in parts):
            out.append((s, e, lab))
            continue
        out += [(a, b, lab) for a, b in parts]
    return out


JOINERS = frozenset({"-", "/"})


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    return frozenset(read_lines("organizations_suffixes.txt"))


def _words_before_legal_form(doc: Doc, a: int, b: int) -> int:
    """The words of a name without its legal form ("Hollis Cos." is one: "Brandt-Hollis Cos." is one company)."""
    return sum(1 for t in doc[a:b] if not t.is_punct and t.lower_.strip(".") not in _legal_forms())


def split_joint_names(doc: Doc, spans: list[Span3]) -> list[Span3]:
    """Two organisations joined by a slash or a hyphen ("NBC News/Wall Street Journal", "CNN/ORC", "a CNN-ORC
    poll": a joint poll) are two names: joined by a slash always, by a hyphen when a poll or survey follows or
    every part is a name of two words or more or one the article gives on its own ("Washington Post-ABC News");
    "Coca-Cola", "Rolls-Royce" and "AFL-CIO" stay one. A partner the tagger left out is named too ("CNN/WMUR")."""
    alone = {doc[s:e].text.lower() for s, e, _ in spans}
    out: list[Span3] = []
    for s, e, lab in _with_joint_partners(doc, spans):
        first = s + 1 if doc[s].lower_ in ("the", "a", "an") else s  # "the NBC News/Wall Street Journal poll"
        cuts = [i for i in range(first + 1, e - 1) if doc[i].text in JOINERS]
        bounds = [first, *cuts, e]
        parts = [(a + (a != first), b) for a, b in zip(bounds, bounds[1:])]
        poll = e < len(doc) and doc[e].lower_ in POLL_NOUNS
        if lab != "ORG" or not cuts or not all(b > a and doc[a].text[:1].isupper() and (
                all(doc[i].text == "/" for i in cuts) or poll or _words_before_legal_form(doc, a, b) >= 2
                or doc[a:b].text.lower() in alone) for a, b in parts) \
                or not poll and _one_word_at_hyphens(doc, cuts, parts):
            out.append((s, e, lab))
            continue
        out += [(a, b, lab) for a, b in parts]
    return out


def _one_word_at_hyphens(doc: Doc, cuts: list[int], parts: list[tuple[int, int]]) -> bool:
    """Whether a glued hyphen in an organisation's name joins a prefix to its word ("NARAL Pro-Choice America")
    or the name to a place, its campus or branch ("University of Nevada-Las Vegas"): one name, not two partners."""
    from ...people.things import is_place

    for i, (a, b) in zip(cuts, parts[1:]):
        if doc[i].text == "/" or doc[i].whitespace_ or doc[i - 1].whitespace_:
            continue
        if doc[i - 1].lower_ in _hyphen_prefixes() or b > a and is_place(doc[a:b].text):
            return True
    return False


@lru_cache(maxsize=1)
def _hyphen_prefixes() -> frozenset[str]:
    return frozenset(read_lines("entity_hyphen_prefixes.txt"))


POLL_NOUNS = frozenset({"poll", "polls", "survey", "surveys"})
MAX_PARTNER_WORDS = 4


def _with_joint_partners(doc: Doc, spans: list[Span3]) -> list[Span3]:
    """An organisation's name run on over a slash, or over a hyphen before "poll", into capitalised words no
    other name holds ("CNN/WMUR poll", "CNN-ORC poll"): the partner is part of the span, to be cut off as a name."""
    held = {i for s, e, _ in spans for i in range(s, e)}
    out: list[Span3] = []
    for s, e, lab in spans:
        if lab == "ORG" and e + 1 < len(doc) and doc[e].text in JOINERS and e not in held:
            end = e + 1
            while end < len(doc) and end - e <= MAX_PARTNER_WORDS and end not in held and doc[end].is_alpha \
                    and doc[end].text[:1].isupper():
                end += 1
            if end > e + 1 and (doc[e].text == "/" or end < len(doc) and doc[end].lower_ in POLL_NOUNS):
                e = end
        out.append((s, e, lab))
    return out
