"""Queries over the store: quotes, people, timeline, events, articles, search."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from ..console import coded_errors, err, out
from ..errors import ArgumentError
from ..queries import ArticleQuery, EventQuery, PeopleQuery, QuoteQuery, name
from ..store import DEFAULT_DB
from . import views
from .app import app
from .common import (
    AfterOption,
    DbOption,
    FormatOption,
    LimitOption,
    OffsetOption,
    QueryFormat,
    SinceOption,
    UntilOption,
    print_rows,
)


@app.command()
@coded_errors
def quotes(
    speaker: Annotated[Optional[str], typer.Option(help="Part of the speaker's name.")] = None,
    search: Annotated[Optional[str], typer.Option(help="Words the quote contains.")] = None,
    db: DbOption = DEFAULT_DB,
    format: FormatOption = QueryFormat.table,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    since: SinceOption = None,
    until: UntilOption = None,
    article: Annotated[Optional[str], typer.Option(help="Article id.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="direct, indirect or mixed.")] = None,
    person: Annotated[Optional[str], typer.Option(help="Person id (see `attache people`).")] = None,
    about: Annotated[Optional[str], typer.Option(help="Statements about this, found by meaning as well as "
                                                      "words (with --speaker, --since, --until, --source).")] = None,
    source: Annotated[Optional[str], typer.Option(help="Outlet (source name, exactly); with --about.")] = None,
    mode: Annotated[Optional[str], typer.Option(help="With --about: hybrid (default), words or meaning.")] = None,
    after: AfterOption = None,
) -> None:
    """Quotes in the store, by speaker, words, dates, article, kind and person; or about something (--about)."""
    from ..store import open_store

    if about is not None or source is not None or mode is not None:
        _about(about, speaker, since, until, source, mode, db, format, limit, offset)
        return
    query = QuoteQuery.parse(speaker=speaker, search=search, limit=limit, offset=offset, since=since, until=until,
                             article=article, kind=kind, person=person, after=after)
    with open_store(db, create=False) as store:
        rows = store.quotes(query)
    print_rows(rows, format, title="quotes", columns=("published", "speaker_name", "cue", "kind", "content"),
               view=views.QUOTES, notes=views.next_page(rows))


def _about(about: str | None, speaker: str | None, since: str | None, until: str | None, source: str | None,
           mode: str | None, db: str, format: QueryFormat, limit: int, offset: int) -> None:
    """Statements by meaning and words (attache/corpus/semantic.py)."""
    from ..corpus.semantic import about_query, search as by_meaning
    from ..store import open_store

    query = about_query(about=about, speaker=speaker, since=since, until=until, source=source, mode=mode,
                        limit=limit, offset=offset)
    with open_store(db, create=False) as store:
        found = by_meaning(store, query)  # type: ignore[arg-type]
    rows = found["quotes"]
    print_rows(rows, format, title=f"quotes about “{query.about}” ({found['mode']})",
               columns=("published", "speaker_name", "content"), view=views.QUOTES,
               notes=views.more(len(rows), limit, offset))


@app.command()
@coded_errors
def people(
    search: Annotated[Optional[str], typer.Option(help="Part of the name.")] = None,
    type: Annotated[Optional[str], typer.Option(help="Entity type: PERSON, ORG, GPE, ...")] = None,
    db: DbOption = DEFAULT_DB,
    format: FormatOption = QueryFormat.table,
    limit: LimitOption = 50,
    after: AfterOption = None,
) -> None:
    """People and organisations across articles, with counts of mentions, quotes and articles."""
    from ..store import open_store

    query = PeopleQuery.parse(search=search, type=type, limit=limit, after=after)
    with open_store(db, create=False) as store:
        rows = store.people(query)
    print_rows(rows, format, title="people",
               columns=("id", "name", "type", "country", "sector", "mentions", "quotes", "articles", "names"),
               view=views.PEOPLE, notes=[*views.people_notes(rows), *views.next_page(rows)])


@app.command()
@coded_errors
def timeline(
    who: Annotated[str, typer.Argument(help="A person id, or a name (the best-known match is taken).")],
    db: DbOption = DEFAULT_DB,
    format: FormatOption = QueryFormat.table,
    limit: LimitOption = 200,
    after: AfterOption = None,
) -> None:
    """A person's quotes and events by date."""
    from ..store import open_store

    who = name(who, "WHO")
    with open_store(db, create=False) as store:
        found = store.person(who) or next(iter(store.people(search=who, limit=1)), None)
        if found is None:
            raise ArgumentError("E040", option="WHO", value=who, reason="no such person in the store")
        rows = store.timeline(found["id"], limit=limit, after=after)
    err.print(f"{found['name']} ({found['id']})", markup=False, highlight=False)
    print_rows(rows, format, title="timeline", columns=("date", "what", "kind", "text", "title"),
               view=views.TIMELINE, notes=views.next_page(rows))


@app.command()
@coded_errors
def events(
    type: Annotated[Optional[str], typer.Option(help="PLOVER type: CONSULT, ACCUSE, ...")] = None,
    actor_country: Annotated[Optional[str], typer.Option(help="Actor country, ISO alpha-3.")] = None,
    recipient_country: Annotated[Optional[str], typer.Option(help="Recipient country, ISO alpha-3.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    article: Annotated[Optional[str], typer.Option(help="Article id.")] = None,
    person: Annotated[Optional[str], typer.Option(help="Person id taking part.")] = None,
    merged: Annotated[bool, typer.Option("--merged", help="One row per real-world event (story event), with "
                                                          "its reports across articles.")] = False,
    db: DbOption = DEFAULT_DB,
    format: FormatOption = QueryFormat.table,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    after: AfterOption = None,
) -> None:
    """Events by type, actor and recipient country, dates, article and person; --merged: story events."""
    from ..store import open_store

    query = EventQuery.parse(type=type, actor_country=actor_country, recipient_country=recipient_country,
                             since=since, until=until, article=article, person=person, limit=limit, offset=offset,
                             after=after)
    if merged:
        from ..corpus.story_events import stories

        with open_store(db, create=False) as store:
            found = stories(store, query)  # type: ignore[arg-type]
        if format is QueryFormat.csv:
            from ..corpus.story_events import flat

            found = [flat(s) for s in found]
        print_rows(found, format, title="story events",
                   columns=("date", "type", "actors", "recipients", "reports", "sentence"),
                   view=views.STORIES, notes=[*views.event_notes(found), *views.more(len(found), limit, offset)])
        return
    with open_store(db, create=False) as store:
        rows = store.events(query)
    for row in rows if format is QueryFormat.csv else ():
        for role in ("actors", "recipients"):
            row[role] = "; ".join(f"{a['name']} ({a['country'] or '?'})" for a in row[role])
    print_rows(rows, format, title="events",
               columns=("date", "type", "actors", "recipients", "place_name", "place_country", "sentence"),
               view=views.EVENTS, notes=[*views.event_notes(rows), *views.next_page(rows)])


@app.command()
@coded_errors
def articles(
    search: Annotated[Optional[str], typer.Option(help="Words the article contains.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Source name, exactly.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: Annotated[Optional[str], typer.Option(help="Country (ISO alpha-3) of a place in the article.")] = None,
    db: DbOption = DEFAULT_DB,
    format: FormatOption = QueryFormat.table,
    limit: LimitOption = 50,
    after: AfterOption = None,
) -> None:
    """Articles by words, source, dates and country."""
    from ..store import open_store

    query = ArticleQuery.parse(search=search, source=source, since=since, until=until, country=country,
                               limit=limit, after=after)
    with open_store(db, create=False) as store:
        rows = store.articles(query)
    print_rows(rows, format, title="articles", columns=("published", "id", "source", "title", "quotes", "events"),
               view=views.ARTICLES, notes=views.next_page(rows))


@app.command()
@coded_errors
def search(
    words: Annotated[str, typer.Argument(help="Words to find (all of them), in articles and quotes.")],
    db: DbOption = DEFAULT_DB,
    format: FormatOption = QueryFormat.table,
    limit: LimitOption = 20,
    after: AfterOption = None,
) -> None:
    """Full-text search over articles and quotes, best match first."""
    from ..store import open_store

    with open_store(db, create=False) as store:
        found = store.search(words, limit=limit, after=after)
    if format is QueryFormat.json:
        out.file.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    if format is QueryFormat.csv:
        rows = [{"what": "article", "article_id": a["id"], "title": a["title"], "published": a["published"],
                 "speaker": None, "text": a.get("snippet")} for a in found["articles"]]
        rows += [{"what": "quote", "article_id": q["article_id"], "title": q["title"], "published": q["published"],
                  "speaker": q["speaker_name"], "text": q["content"]} for q in found["quotes"]]
        print_rows(rows, format, title="search", columns=("what", "article_id", "title", "published", "speaker",
                                                             "text"))
        return
    print_rows(found["articles"], format, title="articles", columns=("published", "title", "snippet"),
               view=views.FOUND_ARTICLES)
    print_rows(found["quotes"], format, title="quotes", columns=("published", "speaker_name", "content"),
               view=views.QUOTES, notes=views.next_page(found))
