"""Realistic synthetic analysis records, to fill a store with N articles fast (no NLP).

    .venv/bin/python benchmarks/synth.py N [--seed 7] > records.jsonl     # the records as JSON Lines

Each article is a made-up but plausible news report, 2005-2024, from one of 60 outlets: about 15 entities
(people with a title, organisations, countries), 10 quotes, 5 events, 3 places and 3 times, every span an
exact slice of the text. Speakers are drawn from a population of made-up people with power-law (Zipf)
frequencies, so a few are quoted in thousands of articles and most in one or two; quote words come from a
Zipf vocabulary of pseudo-words, so full-text search has common and rare words. Event trigger words, cue
verbs and places come from the project's lexicons. The same seed gives the same records.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from attache.lexicons import read_table  # noqa: E402
from attache.queries import EVENT_TYPES  # noqa: E402
from attache.record import (Actor, Analysis, Entity, Event, Place, Quote, SentenceSpan, Speaker,  # noqa: E402
                            TextSpan, Time)

FIRST_DAY = dt.date(2005, 1, 1)
DAYS = (dt.date(2024, 12, 31) - FIRST_DAY).days + 1
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["ar", "en", "ol", "us", "ith", "an", "or"]
FUNCTION_WORDS = "the a we will not and to of in that is for on it be this our they".split()
TITLES = ("President", "Minister", "Senator", "Governor", "Mayor", "spokeswoman", "spokesman", "chief executive",
          "General", "Ambassador", "Judge", "Professor")
SECTORS = ("GOV", "GOV", "MIL", "BUS", "LEG", "JUD", "EDU", "MED", "CVL")
ORG_HEADS = ("Ministry", "Party", "Council", "Bank", "Institute", "Union", "Agency", "Group", "Front", "Court")


class Synth:
    """A deterministic generator of records (`records(n)`), built once per seed."""

    def __init__(self, seed: int = 7, people: int = 200_000, words: int = 20_000) -> None:
        self.seed = seed
        self.rng = rng = random.Random(seed)
        word = lambda k: "".join(rng.choice(SYLLABLES) for _ in range(k))  # noqa: E731
        self.vocabulary = sorted({word(rng.randint(1, 3)) for _ in range(words * 2)})[:words]
        rng.shuffle(self.vocabulary)
        self.word_weights = list(accumulate(1 / (k + 1) for k in range(len(self.vocabulary))))
        places = [r for r in read_table("place_gazetteer.tsv") if r["kind"] in ("city", "country") and r["country"]]
        places.sort(key=lambda r: -int(r["population"] or 0))
        self.places = places[:3000]
        self.place_weights = list(accumulate(1 / (k + 1) for k in range(len(self.places))))
        countries = sorted({p["country"] for p in self.places})
        self.country_names = {r["country"]: r["name"] for r in read_table("place_gazetteer.tsv")
                              if r["kind"] == "country"}
        givens = [word(2).title() for _ in range(4000)]
        surnames = [word(rng.randint(2, 3)).title() for _ in range(60_000)]
        self.people = [(f"{rng.choice(givens)} {rng.choice(surnames)}", rng.choice(TITLES), rng.choice(countries),
                        rng.choice(SECTORS)) for _ in range(people)]
        self.people_weights = list(accumulate(1 / (k + 20) ** 1.05 for k in range(people)))  # the best known in ~6% of articles
        self.orgs = [(f"{word(3).title()} {rng.choice(ORG_HEADS)}", rng.choice(countries), rng.choice(SECTORS))
                     for _ in range(5000)]
        self.org_weights = list(accumulate(1 / (k + 1) for k in range(len(self.orgs))))
        triggers = [r for r in read_table("event_triggers.tsv") if r["type"] in EVENT_TYPES and r["pos"] == "V"]
        self.triggers = [(r["lemma"], r["type"], r["cameo"] or None) for r in triggers]
        self.cues = [r["lemma"] for r in read_table("quote_cue_verbs.tsv") if r["lemma"].isalpha()][:60]
        self.sources = [f"{word(2).title()} {rng.choice(('Times', 'Post', 'Herald', 'Wire', 'News'))}"
                        for _ in range(60)]

    def records(self, n: int, start: int = 0) -> Iterator[Analysis]:
        """`n` records; `start` numbers them on from an earlier call (distinct ids and texts)."""
        for k in range(start, start + n):
            yield self.article(k)

    def words(self, k: int) -> str:
        rng = self.rng
        chosen = rng.choices(self.vocabulary, cum_weights=self.word_weights, k=k)
        return " ".join(w if rng.random() < 0.7 else f"{rng.choice(FUNCTION_WORDS)} {w}" for w in chosen)

    def article(self, k: int) -> Analysis:
        rng = self.rng
        rng.seed(self.seed * 1_000_000_007 + k)  # each article from its own seed: the same whatever `start`
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        text = _Text()
        headline = self.words(rng.randint(5, 9)).capitalize()
        text.add(headline + "\n\n")
        entities: list[Entity] = []
        people = list(dict.fromkeys(rng.choices(self.people, cum_weights=self.people_weights, k=9)))
        orgs = list(dict.fromkeys(rng.choices(self.orgs, cum_weights=self.org_weights, k=3)))
        places = list({p["name"]: p for p in rng.choices(self.places, cum_weights=self.place_weights, k=3)}.values())
        record_places: list[Place] = []
        record_times: list[Time] = []
        # the lead: where and when, and who is who (each person's full name with a title)
        where = places[0]
        start = text.add(f"{where['name'].upper()} — ")
        record_places.append(Place("p1", start, start + len(where["name"]), text.text[start:start + len(where["name"])],
                                   where["name"], where["kind"], where["country"], where["admin1"] or None,
                                   float(where["lat"]), float(where["lon"]), int(where["geonames_id"] or 0) or None))
        for i, (name, title, country, sector) in enumerate(people, 1):
            text.add(f"{title} ")
            mention = text.span(name)
            text.add(f" {rng.choice(('spoke', 'appeared', 'was present', 'arrived'))} on ")
            if i == 1:
                record_times.append(Time("t1", *text.triple(day.strftime("%A")), "DATE", day.isoformat()))
            else:
                text.add(day.strftime("%A"))
            text.add(". ")
            entities.append(Entity(f"e{i}", name, "PERSON", titles=[title], actor=Actor(country, sector),
                                   mentions=[mention], gender=rng.choice(("female", "male", "unknown"))))
        for name, country, sector in orgs:
            text.add("The ")
            mention = text.span(name)
            text.add(f" {self.words(rng.randint(4, 8))}. ")
            entities.append(Entity(f"e{len(entities) + 1}", name, "ORG", actor=Actor(country, sector),
                                   mentions=[mention]))
        for p in places[1:]:
            text.add("In ")
            s, e, t = text.triple(p["name"])
            record_places.append(Place(f"p{len(record_places) + 1}", s, e, t, p["name"], p["kind"], p["country"],
                                       p["admin1"] or None, float(p["lat"]), float(p["lon"]),
                                       int(p["geonames_id"] or 0) or None))
            text.add(f", {self.words(rng.randint(5, 10))}. ")
        for country in sorted({p["country"] for p in places})[:2]:
            text.add("Officials in ")
            name = self.country_names.get(country, country)
            mention = text.span(name)
            text.add(f" {self.words(3)}. ")
            entities.append(Entity(f"e{len(entities) + 1}", name, "GPE", actor=Actor(country, None),
                                   mentions=[mention]))
        quotes: list[Quote] = []
        speakers = entities[:len(people)]
        weights = [1 / (i + 1) for i in range(len(speakers))]
        for j in range(rng.randint(8, 12)):
            who = rng.choices(speakers, weights)[0]
            surname = who.name.split()[-1]
            cue = rng.choice(self.cues)
            kind = "direct" if rng.random() < 0.6 else "indirect"
            if kind == "direct":
                text.add("“")
                content = text.span(self.words(rng.randint(8, 22)).capitalize() + ",")
                text.add("” ")
                speaker = text.span(surname)
                text.add(" ")
                said = text.span(cue + "ed" if not cue.endswith("e") else cue + "d")
                text.add(". ")
            else:
                speaker = text.span(surname)
                text.add(" ")
                said = text.span(cue + "ed" if not cue.endswith("e") else cue + "d")
                text.add(" that ")
                content = text.span(self.words(rng.randint(8, 20)))
                text.add(". ")
            who.mentions.append(speaker)
            quotes.append(Quote(f"q{j + 1}", kind, content, Speaker(who.id, speaker.start, speaker.end, speaker.text),
                                cue=said, cue_class="speech", time="t1" if j == 0 else None))
        events: list[Event] = []
        for j in range(rng.randint(4, 6)):
            lemma, type_, cameo = rng.choice(self.triggers)
            actor, recipient = rng.sample(entities, 2)
            begin = text.add(f"{actor.name} ")
            trigger = text.span(lemma + ("d" if lemma.endswith("e") else "ed"))
            text.add(f" {recipient.name} {self.words(rng.randint(3, 8))}")
            when = None
            if rng.random() < 0.4:
                text.add(" on ")
                on = day - dt.timedelta(days=rng.randint(1, 6))
                s, e, t = text.triple(on.strftime("%B %-d"))
                when = f"t{len(record_times) + 1}"
                record_times.append(Time(when, s, e, t, "DATE", on.isoformat()))
            end = text.add(".") + 1
            text.add(" ")
            events.append(Event(f"v{j + 1}", type_, trigger, SentenceSpan(begin, end), actors=[actor.id],
                                recipients=[recipient.id], place=rng.choice(record_places).id, time=when,
                                cameo=cameo, modality=rng.choice(("asserted",) * 4 + ("planned", "reported"))))
        return Analysis(text=text.text.rstrip(" ") + "\n", id=f"s{k:09d}", title=headline,
                        source=self.sources[k % len(self.sources) if rng.random() < 0.5 else rng.randrange(60)],
                        url=f"https://news.example/{day.year}/{k}", published=day.isoformat(), entities=entities,
                        quotes=quotes, times=record_times, places=record_places, events=events)


class _Text:
    """Text built piece by piece, handing out the spans of the pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> int:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start

    def triple(self, piece: str) -> tuple[int, int, str]:
        start = self.add(piece)
        return start, start + len(piece), piece

    def span(self, piece: str) -> TextSpan:
        return TextSpan(*self.triple(piece))

    @property
    def text(self) -> str:
        return "".join(self.parts)


def records(n: int, seed: int = 7, start: int = 0) -> Iterator[Analysis]:
    """`n` synthetic records (the same for the same seed and start)."""
    return Synth(seed).records(n, start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for record in records(args.n, args.seed):
        sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
