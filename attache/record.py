"""The analysis record (docs/record.md): pure data, no spaCy, round-trips through JSON.

Every `start`/`end` is a `str` index (code points, end exclusive) into `Analysis.text`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

try:  # writes a record's JSON several times faster (bulk loading writes one per article); optional
    import orjson
except ImportError:  # pragma: no cover - the standard library writes the very same text
    orjson = None

SCHEMA = "attache/1"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")

T = TypeVar("T")


@dataclass
class TextSpan:
    start: int
    end: int
    text: str


@dataclass
class Boilerplate:
    start: int
    end: int
    text: str
    kind: str  # copyright subheading byline dateline promo credit


@dataclass
class Actor:
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # PLOVER sector (GOV, MIL, ...)
    code: str | None = None  # CAMEO actor code held on the publication date (USAGOV, IGOUNO, PSEREBHMS)


@dataclass
class Entity:
    id: str
    name: str
    type: str
    titles: list[str] = field(default_factory=list)
    actor: Actor | None = None
    mentions: list[TextSpan] = field(default_factory=list)
    gender: str | None = None  # female | male | unknown, for people and agents; None for other types
    gender_evidence: list[TextSpan] = field(default_factory=list)  # the pronouns, honorifics, role nouns
    agent: bool = False  # a PERSON no name refers to ("officials", "residents"): never one of the people


@dataclass
class Speaker:
    entity: str | None
    start: int | None
    end: int | None
    text: str | None


@dataclass
class Addressee:
    start: int
    end: int
    text: str
    entity: str | None = None


@dataclass
class Quote:
    id: str
    kind: str  # direct | indirect | mixed
    content: TextSpan
    speaker: Speaker | None = None
    cue: TextSpan | None = None
    cue_class: str | None = None  # speech writing belief intention perception evidence
    addressee: Addressee | None = None
    fragments: list[TextSpan] = field(default_factory=list)
    time: str | None = None
    place: str | None = None
    nested_in: str | None = None


@dataclass
class Time:
    id: str
    start: int
    end: int
    text: str
    type: str  # DATE TIME DURATION SET
    value: str
    mod: str | None = None


@dataclass
class Place:
    id: str
    start: int
    end: int
    text: str
    name: str
    kind: str | None = None  # country admin city landmark facility region
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


@dataclass
class SentenceSpan:
    start: int
    end: int


@dataclass
class Event:
    id: str
    type: str
    trigger: TextSpan
    sentence: SentenceSpan
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    place: str | None = None
    time: str | None = None
    modality: str = "asserted"  # asserted | planned | hypothetical | negated | reported
    cameo: str | None = None
    generic: bool = False  # a habit, a state or a series ("has often criticised"), not one happening
    background: bool = False  # presupposed, not reported: in a clause describing a noun ("the bombings which killed
    #                           224"); kept for story events (another report of the same happening), left out of
    #                           event listings, exports and event data


@dataclass
class RecordWarning:
    code: str
    message: str


@dataclass
class Analysis:
    text: str
    id: str = ""
    fingerprint: str = ""  # text_id(text): the same text from several inputs shares it
    schema: str = SCHEMA
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    published: str | None = None
    boilerplate: list[Boilerplate] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[RecordWarning] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.fingerprint:
            self.fingerprint = text_id(self.text)
        if not self.id:
            self.id = self.fingerprint

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data, keys in the order of docs/record.md."""
        d = _plain(self)
        order = ["schema", "id", "fingerprint", "title", "source", "url", "language", "published", "text", "boilerplate",
                 "entities", "quotes", "times", "places", "events", "warnings"]
        return {k: d[k] for k in order}

    def to_json(self) -> str:
        """`json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))`, faster (bulk loading writes
        one per article): orjson walks the dataclasses itself (fields in order, the same text but for how a
        float under 1e-4 is spelled, read back the same); without it, or for a text orjson refuses (a lone
        surrogate), the standard encoder walks lists and values itself and asks only for each dataclass's
        fields."""
        if orjson is not None:
            try:
                return orjson.dumps({n: getattr(self, n) for n in RECORD_ORDER}).decode()
            except (TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError
                pass
        return json.dumps(self, default=_fields_of, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return _build(cls, data)

    # -- values derived from the record, written once here for the store, the exports and the pages --------
    @property
    def reported_events(self) -> list[Event]:
        """The events the article reports (not those it only presupposes in a clause describing a noun)."""
        return [v for v in self.events if not v.background]

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id, if the record has it."""
        return next((e for e in self.entities if e.id == entity_id), None) if entity_id else None

    def time_value(self, time_id: str | None) -> str | None:
        """The normalised value of the time with this id (None when there is no such time)."""
        return next((t.value for t in self.times if t.id == time_id), None) if time_id else None

    def place(self, place_id: str | None) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None) if place_id else None

    def speaker_name(self, quote: Quote) -> str | None:
        return shown_speaker(quote, self.entity(quote.speaker.entity) if quote.speaker else None)

    def event_date(self, event: Event) -> str | None:
        """The day an event happened: its own time when that names a day, else the publication date."""
        return day_of(self.time_value(event.time), self.published)

    def sentence_of(self, event: Event) -> str:
        return self.text[event.sentence.start:event.sentence.end]


def shown_speaker(quote: Quote, entity: Entity | None) -> str | None:
    """How a quote's speaker is shown: the name of their entity, else the words naming them."""
    if quote.speaker is None:
        return None
    return (entity.name if entity else None) or quote.speaker.text


def day_of(value: str | None, fallback: str | None) -> str | None:
    """The day (YYYY-MM-DD) a normalised time value names, else `fallback` (the publication date)."""
    return value[:10] if value and ISO_DAY.match(value) else fallback


def text_id(text: str) -> str:
    """The text fingerprint (and the id of an article known by its text alone): the first 16 hex digits
    of the SHA-256 of the text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def article_id(text: str, given: str | None = None, metadata: tuple[str | None, ...] = ()) -> str:
    """An article's id: the id its input gives; else its text fingerprint when it comes with no metadata;
    else a hash of text and metadata, so one text from two sources is two articles (sharing a fingerprint)."""
    if given and given.strip():
        return given.strip()
    if not any(metadata):
        return text_id(text)
    joined = "\x1f".join([text, *(m or "" for m in metadata)])
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` without its deep copies (a record is made of dataclasses, lists, dicts and
    immutable values): several times faster, which bulk loading feels."""
    kind = type(value)
    if kind is str or kind is int or kind is float or value is None or kind is bool:
        return value
    if kind is list or kind is tuple:
        return [_plain(v) for v in value]
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {n: _plain(getattr(value, n)) for n in names}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_FIELDS: dict[type, tuple[str, ...]] = {}
RECORD_ORDER = ("schema", "id", "fingerprint", "title", "source", "url", "language", "published", "text", "boilerplate",
                "entities", "quotes", "times", "places", "events", "warnings")


def _fields_of(value: Any) -> dict[str, Any]:
    """One dataclass as a dict of its fields, values left as they are (json.dumps' `default`: `to_json`)."""
    if isinstance(value, Analysis):
        return {n: getattr(value, n) for n in RECORD_ORDER}
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            raise TypeError(f"{kind.__name__} is not JSON serializable")
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    return {n: getattr(value, n) for n in names}


def _build(cls: type[T], data: Any) -> T:
    """Build dataclass `cls` from nested dicts, following its type hints."""
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, v) for v in value]
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return _build(hint, value)  # type: ignore[arg-type]
    return value
