"""The queries of the Store interface, run against both engines: SQLite and a real PostgreSQL server."""

from __future__ import annotations

import pytest

from attache.errors import ArgumentError

from attache.record import text_id
from attache.store import open_store
from attache.store.base import MAX_LIMIT, SCHEMA_VERSION
from attache.store.tables import row_dict, store_rows
from attache.store.sqlite import SQLiteStore

from .postgres_server import fresh_database
from .store_records import article, corpus


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request, tmp_path):
    """A function opening an empty store of the parametrised engine (the same target each call)."""
    target = str(tmp_path / "q.db") if request.param == "sqlite" else fresh_database()
    opened = []

    def open_(**kw):
        store = open_store(target) if not kw else (
            SQLiteStore(target, **kw) if request.param == "sqlite" else _pg(target, **kw))
        opened.append(store)
        return store

    yield open_
    for store in opened:
        store.close()


def _pg(target, **kw):
    from attache.store.postgres import PostgresStore

    return PostgresStore(target, **kw)


@pytest.fixture()
def store(engine):
    s = engine()
    s.add_many(corpus())
    return s


def person_named(store, name):
    (row,) = [p for p in store.people(search=name) if p["name"] == name]
    return row


def test_quotes_by_words_are_stemmed_and_ranked(store):
    found = store.quotes(search="inspections")
    assert {q["content"] for q in found} == {"The inspections will begin soon,",
                                             "We expect an inspection of the site within weeks,"}
    assert store.quotes(search="inspections rebuild") == []


def test_quotes_by_date_range_article_kind_and_pages(store):
    assert [q["speaker_name"] for q in store.quotes(since="2018-10-09", until="2018-12-31")] == ["Pompeo"]
    assert len(store.quotes(until="2018-10")) == 2
    flood = store.articles(search="river")[0]["id"]
    assert [q["content"] for q in store.quotes(article=flood)] == ["We will rebuild every bridge,"]
    assert store.quotes(kind="indirect") == []
    first = store.quotes(limit=1)
    second = store.quotes(limit=1, after=first.next)
    assert len(first) == len(second) == 1 and first != second
    walked, cursor = [], None
    while True:  # page by page from the cursors: every quote once, in the order of one big page
        page = store.quotes(limit=1, after=cursor)
        walked += page
        cursor = page.next
        if cursor is None:
            break
    assert walked == store.quotes(limit=100)
    with pytest.raises(ArgumentError, match="E040"):  # no OFFSET
        store.quotes(offset=10)


def test_same_name_and_type_share_one_person_across_articles(engine):
    store = engine()
    one = article("Mayor Ana Lin opened the bridge.", "2021-01-01",
                  people=[("Ana Lin", "PERSON", "USA", "GOV", ["Ana Lin"])])
    two = article("Ana  Lin, the mayor, closed the road.", "2021-02-01",
                  people=[("Ana  Lin", "PERSON", None, None, ["Ana  Lin"])])
    store.add_many([one, two])
    (lin,) = store.people(search="ana lin")
    assert lin["articles"] == 2 and lin["country"] == "USA"
    assert store.article_people(one.id)["e1"] == store.article_people(two.id)["e1"] == lin["id"]


def test_bare_surname_links_to_the_one_full_name(store):
    pompeo = person_named(store, "Michael Pompeo")
    assert pompeo["articles"] == 2 and pompeo["quotes"] == 2 and pompeo["mentions"] == 3
    assert [p["name"] for p in store.people(search="pompeo")] == ["Michael Pompeo"]
    assert {q["person_id"] for q in store.quotes(speaker="Pompeo")} == {pompeo["id"]}


def test_full_name_arriving_later_takes_over_the_bare_surname(engine):
    store = engine()
    store.add(article("Pompeo arrived in Seoul.", "2018-10-01", people=[("Pompeo", "PERSON", None, None,
                                                                          ["Pompeo"])]))
    assert [p["name"] for p in store.people()] == ["Pompeo"]
    store.add(article("Michael Pompeo left Seoul.", "2018-10-02",
                      people=[("Michael Pompeo", "PERSON", "USA", "GOV", ["Michael Pompeo"])]))
    (only,) = store.people()
    assert only["name"] == "Michael Pompeo" and only["articles"] == 2


def test_ambiguous_surname_stays_apart(engine):
    store = engine()
    store.add_many([
        article("Ana Lin spoke.", "2021-01-01", people=[("Ana Lin", "PERSON", None, None, ["Ana Lin"])]),
        article("Mei Lin spoke.", "2021-01-02", people=[("Mei Lin", "PERSON", None, None, ["Mei Lin"])]),
        article("Lin spoke again.", "2021-01-03", people=[("Lin", "PERSON", None, None, ["Lin"])]),
    ])
    assert sorted(p["name"] for p in store.people(search="lin")) == ["Ana Lin", "Lin", "Mei Lin"]


def test_people_filtered_by_type_and_person_details(store):
    assert [p["name"] for p in store.people(type="org")] == ["Valley Relief Fund"]
    pompeo = person_named(store, "Michael Pompeo")
    details = store.person(pompeo["id"])
    assert details["names"] == ["Michael Pompeo", "Pompeo"] or set(details["names"]) == {"Michael Pompeo", "Pompeo"}
    assert store.person("p-missing") is None


def test_timeline_orders_quotes_and_events_by_date(store):
    pompeo = person_named(store, "Michael Pompeo")
    items = store.timeline(pompeo["id"])
    assert [(i["date"], i["what"]) for i in items] == [
        ("2018-10-07", "event"), ("2018-10-08", "quote"), ("2018-10-10", "quote")]
    assert items[0]["kind"] == "CONSULT" and items[0]["role"] == "actor"


def test_events_by_type_countries_and_dates(store):
    (met,) = store.events(actor_country="usa")
    assert met["type"] == "CONSULT" and met["date"] == "2018-10-07" and met["place_country"] == "PRK"
    assert [a["name"] for a in met["actors"]] == ["Michael Pompeo"]
    assert [r["country"] for r in met["recipients"]] == ["PRK"]
    assert store.events(recipient_country="PRK") == [met]
    assert store.events(actor_country="PRK") == []
    assert [e["type"] for e in store.events(type="aid")] == ["AID"]
    assert store.events(since="2019-01-01")[0]["type"] == "AID"
    assert store.events(until="2018-10-07") == [met]
    kim = person_named(store, "Kim Yong Chol")
    assert store.events(person=kim["id"]) == [met]


def test_articles_by_words_source_date_and_country(store):
    found = store.articles(search="inspection")
    assert [a["title"] for a in found][:2] != [] and all("nspect" in a["snippet"] for a in found)
    assert [a["source"] for a in store.articles(source="Valley Post")] == ["Valley Post"]
    assert [a["title"] for a in store.articles(country="jpn")] == ["Inspectors to visit test site"]
    assert [a["published"] for a in store.articles(since="2018-10-09")] == ["2021-07-02", "2018-10-10"]
    assert store.search("bridge")["quotes"][0]["content"] == "We will rebuild every bridge,"


def test_search_ranks_the_article_saying_it_most_first(engine):
    store = engine()
    store.add_many([
        article("The harbor reopened. Fishermen returned.", "2020-01-01", title="Harbor"),
        article("Harbor talks: the harbor authority and the harbor unions met at the harbor.", "2020-01-02",
                title="Harbor talks"),
    ])
    assert [a["title"] for a in store.articles(search="harbor")] == ["Harbor talks", "Harbor"]


@pytest.mark.parametrize("query", ["'; DROP TABLE quotes; --", '"', "*", "NEAR(", "a OR", "%", "_", "",
                                   "\\", "pompeo:*", "!!", "AND", "(", "inspection' OR '1'='1", "a\x00b"])
def test_hostile_strings_give_results_or_nothing(store, query):
    assert isinstance(store.quotes(search=query, speaker=query), list)
    assert isinstance(store.articles(search=query, source=query, country=query), list)
    assert isinstance(store.people(search=query, type=query), list)
    assert isinstance(store.events(type=query, actor_country=query), list)
    assert isinstance(store.search(query)["quotes"], list)
    assert store.count("quotes") == 3 and store.count("articles") == 3


def test_page_sizes_are_bounded(store):
    assert len(store.quotes(limit=10**9)) == 3
    assert len(store.quotes(limit=0)) == 1
    assert MAX_LIMIT <= 10_000


def test_a_version_1_store_is_migrated_forward(engine):
    old = engine(schema_version=1)
    assert old.count("articles") == 0
    version_1 = ("id", "title", "source", "url", "published", "language", "text", "record")
    for record in corpus()[:2]:  # as version 1 wrote them: the whole record in `articles`
        row = row_dict("articles", store_rows(record)["articles"][0])
        old._execute(f"INSERT INTO articles ({', '.join(version_1)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [row[c] for c in version_1])
    old.close()
    new = engine()
    assert new._schema_version() == SCHEMA_VERSION
    assert person_named(new, "Michael Pompeo")["articles"] == 2
    assert len(new.quotes(search="inspections")) == 2
    assert new.events(actor_country="USA")[0]["type"] == "CONSULT"
    found = {r["id"]: r["fingerprint"] for r in new._execute("SELECT id, fingerprint FROM articles")}
    assert found == {r.id: text_id(r.text) for r in corpus()[:2]}


def test_records_round_trip(store):
    for record in corpus():
        assert store.get(record.id) == record
    assert len(list(store.records())) == 3


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_any_text_as_a_query_gives_a_list(kind):
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    store = open_store(":memory:" if kind == "sqlite" else fresh_database())
    store.add_many(corpus())

    @hypothesis.settings(max_examples=60, deadline=None)
    @hypothesis.given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
    def check(words):
        assert isinstance(store.quotes(search=words, speaker=words), list)
        assert isinstance(store.articles(search=words, source=words, country=words), list)
        assert isinstance(store.people(search=words), list)

    try:
        check()
    finally:
        store.close()


def _shape(store):
    """Each table's columns (name, type, nullable, default) and the index names, whatever the engine."""
    if type(store).__name__ == "SQLiteStore":
        tables = [r["name"] for r in store._execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        columns = {t: sorted((r["name"], r["type"], r["notnull"], r["dflt_value"], r["pk"])
                             for r in store._execute(f"PRAGMA table_info({t})")) for t in tables}
        indexes = store._execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    else:
        rows = store._execute("SELECT table_name AS t, column_name, data_type, is_nullable, column_default, "
                              "generation_expression FROM information_schema.columns WHERE table_schema = 'public'")
        columns = {}
        for r in rows:
            columns.setdefault(r.pop("t"), []).append(tuple(r.values()))
        columns = {t: sorted(c) for t, c in columns.items()}
        indexes = store._execute("SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'")
    return columns, sorted(r["name"] for r in indexes)


def test_a_new_store_has_the_shape_of_a_migrated_one(engine, tmp_path):
    """New stores are created from the table specs (store/tables.py); old ones come forward through the
    recorded migrations: both must end in the same schema."""
    old = engine(schema_version=1)
    old.close()
    migrated = engine()
    assert migrated._schema_version() == SCHEMA_VERSION
    if type(migrated).__name__ == "SQLiteStore":
        fresh = SQLiteStore(str(tmp_path / "fresh.db"))
    else:
        fresh = open_store(fresh_database())
    assert fresh._schema_version() == SCHEMA_VERSION
    assert _shape(fresh) == _shape(migrated)
    fresh.close()


def test_people_join_at_ingest_and_rebuild_on_both_engines(engine):
    store = engine()
    store.add_many([
        article("Obama spoke.", "2016-01-01", people=[("Obama", "PERSON", None, None, ["Obama"])]),
        article("Barack Obama left.", "2016-01-02",
                people=[("Barack Obama", "PERSON", "USA", "GOV", ["Barack Obama"])]),
        article("The FBI said so.", "2016-01-03", people=[("FBI", "ORG", None, None, ["FBI"])]),
        article("The Federal Bureau of Investigation said so.", "2016-01-04",
                people=[("Federal Bureau of Investigation", "ORG", None, None, ["Federal Bureau of Investigation"])]),
    ])
    listed = {p["name"]: p["articles"] for p in store.people()}
    assert listed == {"Barack Obama": 2, "Federal Bureau of Investigation": 2}
    store._execute("UPDATE entities SET person_id = NULL")
    found = store.rebuild_people()
    assert found["people"] == 2 and {p["name"]: p["articles"] for p in store.people()} == listed
    assert store.person(store.people()[0]["id"])["names"]
