"""Story events: the reports of one real-world event across articles, merged.

Two events are reports of one story event when they have the same PLOVER type, share an actor (the same
person across articles, else the same actor code, else the same country and sector, else the same name) and
a recipient — or, when neither names a recipient, the place's country, two or more actors acting together, or
the very same sentence (one wire story in two outlets) —, their dates are within the type's tolerance
(lexicons/story_event_tolerance.tsv; a report's date is a span: its own day, the week it names, or, undated,
the days up to its article's publication), and their places are compatible (the same country, or one
unknown). A report joins a story only when it is compatible with every report already in it (complete link),
so stories never chain. Events with no actor, events of one actor with neither a recipient nor a place,
`generic` events (a habit, a state or a series: "Sanders has accused Clinton of ...", "his attacks on Curiel")
and undated events not (yet) done ("is expected to support her", "has yet to endorse") are too vague to merge
and stay on their own (precision first: a prolific speaker "criticises" something in every article).

Reports keep what they say: a story event lists each report (article, event, modality) and the
disagreements between them (dates, place countries, negated in one report and asserted in another).
Filing is incremental: a new event joins the largest story it fits, else it opens a new one.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..queries import EventQuery
from ..record import ISO_DAY, Analysis, Entity, Event
from ..store.base import canonical, page

if TYPE_CHECKING:
    from ..store.sql import SQLStore

DEFAULT_DAYS = 2
DEFAULT_UNDATED = 1
MAX_SPAN = 7  # the longest span a dated report allows (a week)
MIN_SAME_WORDS = 6  # a sentence this long that two articles share word for word tells of one event
MAX_REPORTS = 200  # reports listed per story event
ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")  # a week, or its weekend ("2016-W19", "2016-W19-WE")


@functools.cache
def _table() -> dict[str, dict[str, str]]:
    from ..lexicons import read_table

    return {r["type"]: r for r in read_table("story_event_tolerance.tsv")}


@functools.cache
def tolerance() -> dict[str, int]:
    """Days two reports of one event type may date it apart."""
    return {t: int(r["days"]) for t, r in _table().items()}


def lookback(type_: str) -> int:
    """Days before its publication an undated report of an event of `type_` may tell of it."""
    row = _table().get(type_)
    return int(row["undated"]) if row and row.get("undated") else DEFAULT_UNDATED


# A report's date, as story_members holds it (ISO 8601 and its EDTF extension, so that text order is date
# order): its own day "2016-05-12"; the span of the week it names "2016-05-09/2016-05-15"; or, undated, its
# article's publication day marked approximate, "2016-05-12~" (the event happened then or shortly before).
UNDATED = "~"


def span(date: str, type_: str) -> tuple[dt.date, dt.date, bool]:
    """The first and last day a report's date allows, and whether the report is undated."""
    if date.endswith(UNDATED):
        day = dt.date.fromisoformat(date[:-1])
        return day - dt.timedelta(days=lookback(type_)), day, True
    first, _, last = date.partition("/")
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last or first), False


def _days_apart(a: dict[str, Any], b: dict[str, Any]) -> int:
    """Days between two reports' dates: between their publication days when neither dates the event itself,
    else between the spans their dates allow (an undated report: a few days up to its publication)."""
    first_a, last_a, undated_a = span(a["date"], a["type"])
    first_b, last_b, undated_b = span(b["date"], b["type"])
    if undated_a and undated_b:
        return abs((last_a - last_b).days)
    return max((first_b - last_a).days, (first_a - last_b).days, 0)


def story_id(article_id: str, event_id: str) -> str:
    return "s" + hashlib.sha256(f"{article_id}:{event_id}".encode("utf-8", "surrogatepass")).hexdigest()[:12]


def actor_key(entity: Entity | None, people: dict[str, str], fallback: str) -> str | None:
    """Who an actor is across articles: person id, else actor code, else country/sector, else name; None for
    an unnamed agent ("officials", "some delegates" in two articles are not the same people)."""
    if entity is None:
        return "n:" + canonical(fallback)
    if entity.agent:
        return None
    if entity.id in people and people[entity.id]:
        return "p:" + people[entity.id]
    if entity.actor and entity.actor.code:
        return "c:" + entity.actor.code
    if entity.actor and entity.actor.country:
        return f"c:{entity.actor.country}{entity.actor.sector or ''}"
    return "n:" + canonical(entity.name)


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two reports (rows with type, date, actors, recipients, country) tell of the same event."""
    if a["type"] != b["type"]:
        return False
    if not a["date"] or not b["date"]:
        return False
    if _days_apart(a, b) > tolerance().get(a["type"], DEFAULT_DAYS):
        return False
    if a["country"] and b["country"] and a["country"] != b["country"]:
        return False
    actors_a, actors_b = set(a["actors"]), set(b["actors"])
    rec_a, rec_b = set(a["recipients"]), set(b["recipients"])
    if not actors_a & actors_b:
        return False  # no shared actor (or one names none): too little to say it is one event
    if rec_a or rec_b:
        return bool(rec_a & rec_b)  # whom it was done to: the same (one naming nobody is no match)
    # an event done to nobody ("Trump criticised ...") is one only with a place both name, the same two parties
    # or more acting together ("Trump and Ryan pledged to work together"), or told in the same words (a sentence
    # of some length two outlets both carry: one wire story, one event)
    return (bool(a["country"]) and a["country"] == b["country"]) or len(actors_a & actors_b) > 1 \
        or same_words(a.get("sentence"), b.get("sentence"))


def same_words(a: str | None, b: str | None) -> bool:
    """Whether two reports' sentences are the same words (spacing and case aside), of MIN_SAME_WORDS or more."""
    if not a or not b:
        return False
    return len(a.split()) >= MIN_SAME_WORDS and canonical(a) == canonical(b)


def _iso(value: str | None) -> str | None:
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def report_date(record: Analysis, event: Event) -> str | None:
    """An event's date as story_members holds it (see UNDATED): its own day, the week its time names, or its
    article's publication day marked approximate."""
    value = record.time_value(event.time) or ""
    own = _iso(value[:10]) if ISO_DAY.match(value) else None
    if own:
        return own
    week = ISO_WEEK.match(value)
    if week:
        try:
            first = dt.date.fromisocalendar(int(week[1]), int(week[2]), 6 if week[3] else 1)
        except ValueError:
            first = None
        if first:
            return f"{first.isoformat()}/{(first + dt.timedelta(days=1 if week[3] else 6)).isoformat()}"
    published = _iso((record.published or "")[:10])
    return published + UNDATED if published else None


def _keys(record: Analysis, people: dict[str, str], ids: list[str]) -> list[str]:
    return sorted({k for k in (actor_key(record.entity(i), people, i) for i in ids) if k})


def reports_of(record: Analysis, people: dict[str, str]) -> Iterator[dict[str, Any]]:
    """The story-member row of each event of a record."""
    for v in record.events:
        place = record.place(v.place)
        yield {"article_id": record.id, "event_id": v.id, "type": v.type, "date": report_date(record, v),
               # a habit or a series, or an undated event that has not happened, is no one happening: with no
               # actor to match it stays a story of its own
               "actors": [] if _vague(v) else _keys(record, people, v.actors),
               "recipients": _keys(record, people, v.recipients),
               "country": place.country if place else None, "sentence": record.sentence_of(v)}


def _vague(event: Event) -> bool:
    """A report no other report can be matched with: a habit, a state or a series (`generic`), or an event
    not (yet) done that its report does not date ("is expected to support her", "has yet to endorse")."""
    return event.generic or (event.modality in ("negated", "planned", "hypothetical") and event.time is None)


MEMBER = ("SELECT s.article_id, s.event_id, s.story_id, s.type, s.date, s.actors, s.recipients, s.country, "
          "ev.sentence FROM story_members s "
          "LEFT JOIN events ev ON ev.article_id = s.article_id AND ev.id = s.event_id ")
CANDIDATES = MEMBER + "WHERE s.type = ? AND s.date >= ? AND s.date < ?"


def index(store: SQLStore, records: Sequence[Analysis]) -> None:
    """File every event of `records` (already written) into its story event."""
    for record in {r.id: r for r in records}.values():
        people = store.article_people(record.id)
        for row in reports_of(record, people):
            found = story_id(record.id, row["event_id"])
            if row["date"] and row["actors"]:
                first, last, _ = span(row["date"], row["type"])
                days = dt.timedelta(days=tolerance().get(row["type"], DEFAULT_DAYS))
                # a stored date sorts by its first day (a week's) or its publication day (undated: up to
                # `lookback` days after the first day it allows)
                near = store._execute(CANDIDATES, (
                    row["type"], (first - days - dt.timedelta(days=MAX_SPAN)).isoformat(),
                    (last + days + dt.timedelta(days=lookback(row["type"]) + 1)).isoformat()))
                found = best_story(store, row, {c["story_id"] for c in near if compatible(row, _decoded(c))}) or found
            store._execute("INSERT INTO story_members (article_id, event_id, story_id, type, date, actors, "
                           "recipients, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (record.id, row["event_id"], found, row["type"], row["date"], json.dumps(row["actors"]),
                            json.dumps(row["recipients"]), row["country"]))


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "actors": json.loads(row["actors"]), "recipients": json.loads(row["recipients"])}


def best_story(store: SQLStore, row: dict[str, Any], stories: set[str]) -> str | None:
    """The story the report joins: one whose every report it is compatible with (complete link: a story
    never chains a week of different accusations into one), the one with most reports, then the oldest id."""
    fits = []
    for story in sorted(stories):
        members = store._execute(MEMBER + "WHERE s.story_id = ? LIMIT ?", (story, MAX_REPORTS))
        if all(compatible(row, _decoded(m)) for m in members):
            fits.append((-len(members), story))
    return min(fits)[1] if fits else None


def rebuild(store: SQLStore) -> int:
    """File every stored event again from scratch; returns the events."""
    store._execute("DELETE FROM story_members")
    n = 0
    for record in store.records():
        index(store, [record])
        n += len(record.events)
    return n


# -- reading ------------------------------------------------------------------------------------------------
def _filters(q: EventQuery) -> tuple[list[str], list[Any]]:
    """The conditions of an event query on the events `ev` (as the store's own events listing reads them)."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("ev.type", q.type), ("ev.article_id", q.article)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    for role, country in (("actor", q.actor_country), ("recipient", q.recipient_country)):
        if country:
            where.append("EXISTS (SELECT 1 FROM event_actors r WHERE r.article_id = ev.article_id AND "
                         "r.event_id = ev.id AND r.role = ? AND r.country = ?)")
            params += [role, country]
    if q.person:
        where.append("EXISTS (SELECT 1 FROM event_actors r JOIN entities e ON e.article_id = r.article_id "
                     "AND e.id = r.entity_id WHERE r.article_id = ev.article_id AND r.event_id = ev.id "
                     "AND e.person_id = ?)")
        params.append(q.person)
    for column, value, op in (("ev.date", q.since, ">="), ("ev.date", q.until, "<=")):
        if value:
            where.append(f"{column} {op} ?")
            params.append(value.isoformat())
    return where, params


def stories(store: SQLStore, query: EventQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
    """Story events, newest first: each with its reports and the disagreements between them. A story is
    listed when one of its reports matches the query."""
    q = EventQuery.of(query, **filters)
    limit, offset = page(q.limit, q.offset)
    where, params = _filters(q)
    sql = ("SELECT s.story_id, max(s.date) AS last FROM story_members s "
           "JOIN events ev ON ev.article_id = s.article_id AND ev.id = s.event_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " GROUP BY s.story_id ORDER BY last DESC NULLS LAST, s.story_id LIMIT ? OFFSET ?")
    ids = [r["story_id"] for r in store._execute(sql, [*params, limit, offset])]
    return [s for s in (story(store, i) for i in ids) if s]


def story(store: SQLStore, story: str) -> dict[str, Any] | None:
    """One story event with its reports (oldest article first)."""
    rows = store._execute(
        "SELECT ev.article_id, ev.id, ev.date, ev.type, ev.mode, ev.modality, ev.trigger, ev.cameo, ev.place_name, "
        "ev.place_country, ev.lat, ev.lon, ev.sentence, a.title, a.source, a.url, a.published "
        "FROM story_members s JOIN events ev ON ev.article_id = s.article_id AND ev.id = s.event_id "
        "JOIN articles a ON a.id = ev.article_id WHERE s.story_id = ? "
        "ORDER BY a.published NULLS LAST, a.source NULLS LAST, ev.article_id, ev.id LIMIT ?", (story, MAX_REPORTS))
    if not rows:
        return None
    rows = store._with_actors(rows)
    return summary(story, rows)


def _most(values: list[Any]) -> Any:
    found = [v for v in values if v]
    return Counter(found).most_common(1)[0][0] if found else None


def summary(story: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
    """What the reports agree on (the most common value), and where they disagree."""
    def people(role: str) -> list[dict[str, Any]]:
        seen: dict[str, dict[str, Any]] = {}
        for r in reports:
            for a in r[role]:
                seen.setdefault(a.get("person_id") or a["name"], a)
        return list(seen.values())

    dates = sorted({r["date"] for r in reports if r["date"]})
    countries = sorted({r["place_country"] for r in reports if r["place_country"]})
    modalities = sorted({r["modality"] or "asserted" for r in reports})
    disagreements = []
    if len(dates) > 1:
        disagreements.append({"field": "date", "values": dates})
    if len(countries) > 1:
        disagreements.append({"field": "place", "values": countries})
    if len(modalities) > 1:
        disagreements.append({"field": "modality", "values": modalities})
    return {"story_id": story, "type": reports[0]["type"], "date": _most([r["date"] for r in reports]),
            "actors": people("actors"), "recipients": people("recipients"),
            "place_name": _most([r["place_name"] for r in reports]),
            "place_country": _most([r["place_country"] for r in reports]),
            "modality": _most([r["modality"] or "asserted" for r in reports]),
            "reports": len(reports), "articles": len({r["article_id"] for r in reports}),
            "sources": sorted({r["source"] for r in reports if r["source"]}),
            "sentence": reports[0]["sentence"], "disagreements": disagreements,
            "report_list": [{"article_id": r["article_id"], "event_id": r["id"], "modality": r["modality"],
                             "date": r["date"], "place_country": r["place_country"], "source": r["source"],
                             "title": r["title"], "published": r["published"], "trigger": r["trigger"],
                             "sentence": r["sentence"]} for r in reports]}


def export_rows(store: SQLStore) -> Iterator[dict[str, Any]]:
    """One event-data row per story event, with its `reports` count (oldest first)."""
    ids = [r["story_id"] for r in store._execute("SELECT story_id, min(date) AS first FROM story_members "
                                                  "GROUP BY story_id ORDER BY first NULLS LAST, story_id")]
    for i in ids:
        s = story(store, i)
        if s is None:
            continue
        first = s["report_list"][0]

        def side(role: str, field: str) -> str | None:
            found = [a.get(field) or "" for a in s[role]]
            return "; ".join(found) if any(found) else None

        yield {"story_id": i, "date": s["date"], "actor_name": side("actors", "name"),
               "actor_country": side("actors", "country"), "actor_sector": side("actors", "sector"),
               "type": s["type"], "recipient_name": side("recipients", "name"),
               "recipient_country": side("recipients", "country"), "recipient_sector": side("recipients", "sector"),
               "place": s["place_name"], "country": s["place_country"], "modality": s["modality"],
               "reports": s["reports"], "articles": s["articles"], "sources": "; ".join(s["sources"]) or None,
               "disagreements": "; ".join(f"{d['field']}: {', '.join(d['values'])}" for d in s["disagreements"])
               or None, "first_article_id": first["article_id"], "first_published": first["published"],
               "sentence": s["sentence"]}


# The columns of `attache export story-events` (export events --merged) and their types (store/tables.py words).
EXPORT_COLUMNS: dict[str, str] = {
    **dict.fromkeys(("story_id", "date", "actor_name", "actor_country", "actor_sector", "type", "recipient_name",
                     "recipient_country", "recipient_sector", "place", "country", "modality"), "text"),
    "reports": "int64", "articles": "int64",
    **dict.fromkeys(("sources", "disagreements", "first_article_id", "first_published", "sentence"), "text")}


def flat(story: dict[str, Any]) -> dict[str, Any]:
    """A story event as one flat row (CSV): actors and recipients joined, reports and disagreements counted."""
    def names(role: str) -> str:
        return "; ".join(f"{a['name']} ({a.get('country') or '?'})" for a in story[role])

    return {"story_id": story["story_id"], "date": story["date"], "type": story["type"],
            "actors": names("actors"), "recipients": names("recipients"), "place_name": story["place_name"],
            "place_country": story["place_country"], "modality": story["modality"], "reports": story["reports"],
            "articles": story["articles"], "sources": "; ".join(story["sources"]),
            "disagreements": "; ".join(f"{d['field']}: {', '.join(d['values'])}" for d in story["disagreements"]),
            "sentence": story["sentence"]}
