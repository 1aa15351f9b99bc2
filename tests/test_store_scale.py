"""The store at an archive's scale: bulk loading, maintained counts, the index behind every listing
(EXPLAIN on both engines), a person's timeline read in its index's order, cursors that cannot be forged,
quotes by speaker and events by country read in their indexes' order, schema 6 -> 9, `attache load`, streamed
exports."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attache.cli import app
from attache.errors import ArgumentError
from attache.store import open_store
from attache.store.base import SCHEMA_VERSION
from attache.store.sql import EVENT_COUNTRY_ROWS, SPEAKER_NAMES, TIMELINE_ROWS
from attache.store.sqlite import SQLiteStore
from attache.store.tables import COUNTED, DEFERRED

from .postgres_server import fresh_database
from .store_records import article

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth  # noqa: E402

BIG = ("articles", "quotes", "entities", "events", "event_actors", "people", "places", "mentions")


@pytest.fixture(scope="module")
def records():
    return list(synth.records(300, seed=11))


@pytest.fixture(params=["sqlite", "postgres"])
def target(request, tmp_path):
    return str(tmp_path / "scale.db") if request.param == "sqlite" else fresh_database()


def counted(store):
    return {t: int(store._execute(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in COUNTED}


def people_counts(store):
    return store._execute("SELECT id, n_articles, n_quotes, n_mentions FROM people ORDER BY id")


def recounted(store):
    return store._execute(
        "SELECT p.id, COUNT(DISTINCT e.article_id) AS n_articles, COALESCE(SUM(e.n_quotes), 0) AS n_quotes, "
        "COALESCE(SUM(e.n_mentions), 0) AS n_mentions FROM people p LEFT JOIN entities e ON e.person_id = p.id "
        "GROUP BY p.id ORDER BY p.id")


def test_synthetic_records_are_exact_and_the_same_for_a_seed():
    one, again = list(synth.records(20, seed=3)), list(synth.records(5, seed=3, start=15))
    assert [r.to_dict() for r in one[15:]] == [r.to_dict() for r in again]
    for r in one:
        spans = [m for e in r.entities for m in e.mentions] + [q.content for q in r.quotes] + r.times + r.places
        assert all(r.text[s.start:s.end] == s.text for s in spans)
        assert 8 <= len(r.quotes) <= 12 and 4 <= len(r.events) <= 6 and len(r.entities) >= 10


def test_bulk_load_stores_what_adding_one_by_one_stores(target, records, tmp_path):
    with open_store(target) as bulk:
        assert bulk.bulk_load(records, batch_size=64, corpus=False) == len(records)
        with SQLiteStore(str(tmp_path / "one.db")) as one:
            for r in records[:60]:
                one.add(r)
            assert counted(one) == {t: one.count(t) for t in COUNTED}
        assert counted(bulk) == {t: bulk.count(t) for t in COUNTED}
        assert people_counts(bulk) == recounted(bulk)
        assert bulk.get(records[7].id) == records[7]
        names = _indexes(bulk)
        assert set(DEFERRED) <= names  # made again after the load into the empty store


def _indexes(store):
    if isinstance(store, SQLiteStore):
        return {r["name"] for r in store._execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    return {r["name"] for r in store._execute("SELECT indexname AS name FROM pg_indexes")}


def test_counts_stay_right_through_replace_merge_and_rebuild(target, records):
    with open_store(target) as store:
        store.bulk_load(records[:50], corpus=False)
        store.add_many(records[40:60])  # ten replaced, ten new
        store.add(article("Barack Obama spoke.", "2016-01-01",
                          people=[("Barack Obama", "PERSON", None, None, ["Barack Obama"])]))
        store.add(article("Obama left.", "2016-01-02", people=[("Obama", "PERSON", None, None, ["Obama"])]))
        assert counted(store) == {t: store.count(t) for t in COUNTED}
        assert people_counts(store) == recounted(store)
        store.rebuild_people()
        assert counted(store) == {t: store.count(t) for t in COUNTED}
        assert people_counts(store) == recounted(store)
        obama = next(p for p in store.people(search="Obama"))
        assert obama["articles"] == 2 and store.stats()["articles"] == 62


def _listings(store):
    """Every listing the CLI, API and pages offer, filtered every way they can be, and a deep page."""
    pid = store.people(type="PERSON", limit=1)[0]["id"]
    article_id = store.articles(limit=1)[0]["id"]
    speaker = store.quotes(limit=1)[0]["speaker_name"].split()[-1]
    word = store.quotes(limit=1)[0]["content"].split()[0]
    country = store.events(limit=1)[0]["actors"][0]["country"]
    return {
        "quotes": lambda: store.quotes(), "quotes next page": lambda: store.quotes(after=store.quotes(limit=5).next),
        "quotes by speaker": lambda: store.quotes(speaker=speaker), "quotes by words": lambda: store.quotes(search=word),
        "quotes by dates": lambda: store.quotes(since="2010-01", until="2010-02"),
        "quotes by person": lambda: store.quotes(person=pid), "quotes of an article": lambda: store.quotes(article=article_id),
        "people": lambda: store.people(), "people by type": lambda: store.people(type="ORG"),
        "people next page": lambda: store.people(after=store.people(limit=5).next),
        "person": lambda: store.person(pid), "timeline": lambda: store.timeline(pid),
        "events": lambda: store.events(), "events by type": lambda: store.events(type="ACCUSE"),
        "events by country": lambda: store.events(actor_country=country),
        "events by type and country": lambda: store.events(type="ACCUSE", actor_country=country),
        "events by dates": lambda: store.events(since="2010", until="2011"),
        "events by person": lambda: store.events(person=pid),
        "events next page": lambda: store.events(after=store.events(limit=5).next),
        "articles": lambda: store.articles(), "articles by source": lambda: store.articles(source=store.sources()[0]),
        "articles by country": lambda: store.articles(country=country),
        "articles by words": lambda: store.articles(search=word), "search": lambda: store.search(word),
        "articles next page": lambda: store.articles(after=store.articles(limit=5).next),
        "article page": lambda: (store.get(article_id), store.article_people(article_id)),
        "home page counts": lambda: store.stats(),
    }


def test_every_listing_query_reads_through_an_index(target, records):
    """EXPLAIN QUERY PLAN (SQLite) / EXPLAIN with sequential scans priced out (PostgreSQL) of every statement
    each listing runs: no full scan of a table."""
    with open_store(target) as store:
        store.bulk_load(records, corpus=False)
        sqlite = isinstance(store, SQLiteStore)
        if not sqlite:
            store._execute("SET enable_seqscan = off")  # a plan that still scans has no index to use
        statements: list[tuple[str, list]] = []
        run = store._execute

        def recording(sql, params=()):
            if sql.startswith("SELECT") and "meta" not in sql and "sqlite_master" not in sql:
                statements.append((sql, list(params)))
            return run(sql, params)

        store._execute = recording
        for name, listing in _listings(store).items():
            statements.clear()
            listing()
            assert statements, name
            for sql, params in statements:
                if sqlite:
                    plan = [r["detail"] for r in run("EXPLAIN QUERY PLAN " + sql, params)]
                    bounded = {p.split()[-1] for p in plan if p.startswith(("MATERIALIZE", "CO-ROUTINE"))}  # LIMITed
                    scans = [p for p in plan if re.fullmatch(r"SCAN \w+", p) and p.split()[-1] not in bounded]
                else:
                    plan = [next(iter(r.values())) for r in run("EXPLAIN " + sql, params)]
                    scans = [p for p in plan if re.search(rf"Seq Scan on ({'|'.join(BIG)})\b", p)]
                assert not scans, (name, sql, plan)


def timeline_rows(store, derived=False):
    """The stored timeline table, or (`derived`) what the quotes, events and people's links say it holds."""
    sql = ("SELECT person_id, day, article_id, what, item_id, role FROM timeline" if not derived
           else TIMELINE_ROWS.format(quotes="1 = 1", events="1 = 1"))
    return sorted(tuple(r.values()) for r in store._execute(sql))


def event_country_rows(store, derived=False):
    sql = ("SELECT role, country, type, day, article_id, event_id FROM event_countries" if not derived
           else EVENT_COUNTRY_ROWS)
    return sorted(tuple(r.values()) for r in store._execute(sql))


def unkeyed_quotes(store):
    """Quotes whose copy of their article's sort key is not the article's."""
    return store._execute("SELECT q.article_id, q.id FROM quotes q JOIN articles a ON a.id = q.article_id "
                          "WHERE q.published_key IS NOT COALESCE(a.published, '')".replace(
                              "IS NOT", "IS DISTINCT FROM" if not isinstance(store, SQLiteStore) else "IS NOT"))


def recording(store, keep):
    """Record the statements `keep` accepts (PostgreSQL: sorts and sequential scans priced out, so a plan
    that needs them shows); returns the record and the store's own `_execute`."""
    if not isinstance(store, SQLiteStore):
        store._execute("SET enable_sort = off")
        store._execute("SET enable_seqscan = off")
    statements: list[tuple[str, list]] = []
    run = store._execute
    store._execute = lambda sql, params=(): (statements.append((sql, list(params))) if keep(sql)
                                             else None) or run(sql, params)
    return statements, run


def test_the_timeline_table_stays_what_quotes_events_and_people_say(target, records):
    """Kept up to date through a first bulk load (filled at its end), added and replaced articles, people
    merged across articles, and the people rebuilt."""
    with open_store(target) as store:
        store.bulk_load(records[:50], batch_size=16, corpus=False)
        assert timeline_rows(store) == timeline_rows(store, derived=True) != []
        store.add_many(records[40:70])  # ten replaced, twenty new
        for day, who in (("2016-01-02", "Obama"), ("2016-01-01", "Barack Obama")):  # the full name second: a merge
            store.add(article(f"\"We will go.\" {who} said it.", day, people=[(who, "PERSON", None, None, [who])],
                              quotes=[("We will go.", who, who)]))
        assert timeline_rows(store) == timeline_rows(store, derived=True)
        assert event_country_rows(store) == event_country_rows(store, derived=True) != []
        assert not unkeyed_quotes(store)
        store.rebuild_people()
        assert timeline_rows(store) == timeline_rows(store, derived=True)


def test_two_people_merged_keep_a_row_they_both_held_once(target):
    """One event with two actors who turn out to be one person: its timeline row is kept once."""
    from attache.store.sql import SQLDirectory

    with open_store(target) as store:
        stored = article("Ann Lee met Bo Kim in Oslo.", "2016-05-01", people=[
            ("Ann Lee", "PERSON", None, None, ["Ann Lee"]), ("Bo Kim", "PERSON", None, None, ["Bo Kim"])],
            events=[("CONSULT", "met", ["Ann Lee", "Bo Kim"], [], None, None)])
        store.add(stored)
        old, new = (r["person_id"] for r in store._execute(
            "SELECT person_id FROM timeline WHERE what = 'event' ORDER BY person_id"))
        with store._transaction():
            SQLDirectory(store).merge(old, new)
        assert [r["person_id"] for r in store._execute("SELECT person_id FROM timeline WHERE what = 'event'")] \
            == [new]


def test_a_timeline_is_read_in_its_index_order_and_walked_by_cursor(target, records):
    """No sort over a person's rows (SQLite: no temporary B-tree; PostgreSQL: no Sort node with sorting priced
    out): the first page costs the same whatever the person's count; the cursor walks every row once."""
    with open_store(target) as store:
        store.bulk_load(records, corpus=False)
        pid = store.people(type="PERSON", limit=1)[0]["id"]
        sqlite = isinstance(store, SQLiteStore)
        statements, run = recording(store, lambda sql: "timeline t" in sql)
        first = store.timeline(pid, limit=7)
        sql, params = statements[-1]
        if sqlite:
            plan = [r["detail"] for r in run("EXPLAIN QUERY PLAN " + sql, params)]
            assert any("timeline_person" in p for p in plan) and not any("TEMP B-TREE" in p for p in plan), plan
        else:
            plan = [next(iter(r.values())) for r in run("EXPLAIN " + sql, params)]
            assert any("timeline_person" in p for p in plan) and not any("Sort" in p for p in plan), plan
        seen, page = list(first), first
        while page.next:
            page = store.timeline(pid, limit=7, after=page.next)
            seen += page
        keys = [(i["date"] or "9999", i["article_id"], i["what"], i["id"], i["role"]) for i in seen]
        assert keys == sorted(keys) and len(set(keys)) == len(keys) == len(
            [r for r in timeline_rows(store) if r[0] == pid]) > 7
        assert all(i["text"] and i["kind"] and i["title"] for i in seen)



def test_the_names_beside_each_person_in_a_listing_are_read_from_an_index_alone(target, records):
    """A person of many entities must not cost a read of each: the names come from `entities_person_name`
    (SQLite: a covering index; PostgreSQL: an index-only scan, sequential and bitmap scans priced out)."""
    with open_store(target) as store:
        store.bulk_load(records, corpus=False)
        statements, run = recording(store, lambda sql: "FROM entities WHERE person_id" in sql)
        listed = store.people(type="PERSON", limit=3)
        assert listed and all(p["names"] for p in listed) and statements
        sql, params = statements[-1]
        if isinstance(store, SQLiteStore):
            plan = " ".join(r["detail"] for r in run("EXPLAIN QUERY PLAN " + sql, params))
            assert "COVERING INDEX entities_person_name" in plan, plan
        else:
            run("SET enable_bitmapscan = off")
            plan = " ".join(next(iter(r.values())) for r in run("EXPLAIN " + sql, params))
            assert "Index Only Scan using entities_person_name" in plan, plan


def _sorted_before_limit(store, run, sql, params, index):
    """Whether the rows `index` gives are sorted before the LIMIT of the (sub)query reading them: SQLite, a
    temporary B-tree inside the co-routine (subquery) or the query holding the index's SEARCH; PostgreSQL, a
    Sort node between the index scan and its nearest Limit. A sort above that (merging bounded pages) is not."""
    if isinstance(store, SQLiteStore):
        rows = run("EXPLAIN QUERY PLAN " + sql, params)
        searched = [r for r in rows if index in r["detail"]]
        assert searched, rows
        return any("TEMP B-TREE" in r["detail"] and r["parent"] == s["parent"] for r in rows for s in searched)
    lines = [next(iter(r.values())) for r in run("EXPLAIN " + sql, params)]
    depth = [len(line) - len(line.lstrip(" ->")) for line in lines]
    found = [i for i, line in enumerate(lines) if index in line]
    assert found, lines
    for i in found:
        level = depth[i]
        for j in range(i - 1, -1, -1):  # its ancestors, nearest first
            if depth[j] < level:
                level = depth[j]
                if "Limit" in lines[j]:
                    break
                if re.search(r"\bSort\b", lines[j]):
                    return True
    return False


def test_quotes_by_speaker_and_events_by_country_are_read_in_index_order(target, records):
    """Each speaker name's next sort keys through `quotes_speaker` (speaker, date, ...) in the index's order,
    then the page read only down to the date they reach; the events of a type and country through
    `event_countries_type` in its order: no sort of all the matches; cursors walk every match once, in order."""
    with open_store(target) as store:
        store.bulk_load(records, corpus=False)
        sqlite = isinstance(store, SQLiteStore)
        statements, run = recording(store, lambda sql: sql.startswith("SELECT"))
        top = store.people(type="PERSON", limit=1)[0]["name"]
        speaker = top.split()[-1]
        statements.clear()
        first = store.quotes(speaker=speaker, limit=5)
        keys = [s for s in statements if "SELECT q.published_key AS k FROM quotes q" in s[0]]
        assert keys and all(not _sorted_before_limit(store, run, *s, "quotes_speaker") for s in keys)
        plan = "\n".join(str(r) for r in run(("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + statements[-1][0],
                                              statements[-1][1]))
        assert "quotes_speaker" in plan and re.search(r"published_key ?>", plan), plan  # down to a date only
        seen, page = list(first), first
        while page.next:
            page = store.quotes(speaker=speaker, limit=5, after=page.next)
            seen += page
        keys = [(q["published"] or "", q["article_id"], q["id"]) for q in seen]
        everyone = store._execute("SELECT q.article_id, q.id FROM quotes q WHERE q.speaker_name IN "
                                  f"({store._speakers_like()} ESCAPE '\\')", ["%" + speaker + "%"])
        assert len(set(keys)) == len(keys) == len(everyone) > 5
        assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)
        # events by type and country
        event = next(e for e in store.events(limit=200) if e["actors"] and e["actors"][0]["country"])
        kind, country = event["type"], event["actors"][0]["country"]
        statements.clear()
        first = store.events(type=kind, actor_country=country, limit=3)
        assert not _sorted_before_limit(store, run, *statements[0], "event_countries_type")
        seen, page = list(first), first
        while page.next:
            page = store.events(type=kind, actor_country=country, limit=3, after=page.next)
            seen += page
        expected = {(r["article_id"], r["event_id"]) for r in run(
            "SELECT article_id, event_id FROM event_countries WHERE role = 'actor' AND country = ? AND type = ?",
            (country, kind))}
        assert {(e["article_id"], e["id"]) for e in seen} == expected and len(seen) == len(expected)
        assert all(any(a["country"] == country for a in e["actors"]) and e["type"] == kind for e in seen)
        dates = [e["date"] or "" for e in seen]
        assert dates == sorted(dates, reverse=True)


def test_a_part_of_a_name_finds_the_quotes_of_every_speaker_holding_it(tmp_path, records, monkeypatch):
    with SQLiteStore(str(tmp_path / "many.db")) as store:
        store.bulk_load(records[:100], corpus=False)
        expected = {(r["article_id"], r["id"]) for r in store._execute(
            "SELECT article_id, id FROM quotes WHERE speaker_name LIKE '%a%'")}
        assert len(store._speaker_names("a", 10_000)) > 40
        for most in (SPEAKER_NAMES, 40):  # the names' keys read one name at a time; too many: all read, sorted
            monkeypatch.setattr("attache.store.sql.SPEAKER_NAMES", most)
            seen, page = [], store.quotes(speaker="a", limit=37)
            while True:
                seen += page
                if not page.next:
                    break
                page = store.quotes(speaker="a", limit=37, after=page.next)
            assert len(seen) == len(expected) and {(q["article_id"], q["id"]) for q in seen} == expected
        odd = store.quotes(speaker="a%_b")  # typed wildcards are taken literally
        assert odd == []


def test_cursors_walk_every_row_once_and_refuse_forgery(target, records):
    with open_store(target) as store:
        store.bulk_load(records[:120], corpus=False)
        for listing, total in ((store.events, store.count("events")), (store.articles, 120),
                               (store.people, int(store._execute(
                                   "SELECT count(*) AS n FROM people WHERE n_articles > 0")[0]["n"]))):
            seen, cursor = [], None
            while True:
                page = listing(limit=37, after=cursor)
                seen += page
                if not page.next:
                    break
                cursor = page.next
            keys = [(r.get("article_id"), r["id"]) for r in seen]
            assert len(keys) == len(set(keys)) == total
        cursor = store.quotes(limit=3).next
        body, signature = cursor.split(".")
        for forged in (body + "x." + signature, body + "." + signature[::-1], "x" * 5000, "", "a.b.c"):
            if forged:
                with pytest.raises(ArgumentError, match="E043"):
                    store.quotes(limit=3, after=forged)
        with pytest.raises(ArgumentError, match="E043.*stale"):
            store.events(limit=3, after=cursor)  # another listing's cursor
        with pytest.raises(ArgumentError, match="E043.*stale"):
            store.quotes(limit=3, kind="direct", after=cursor)  # other filters
        with pytest.raises(ArgumentError, match="E040"):
            store.quotes(offset=10_000)
        assert len(store.quotes(limit=10**9)) <= 1000  # bounded
        assert len(store.quotes(since="0001", until="9999", limit=5)) == 5


def test_the_command_line_pages_by_cursor_and_refuses_a_forged_one(tmp_path, records):
    db = str(tmp_path / "cli.db")
    with open_store(db) as store:
        store.bulk_load(records[:20], corpus=False)
    runner = CliRunner()
    first = runner.invoke(app, ["events", "--db", db, "--limit", "3", "-f", "json"])
    cursor = re.search(r"--after (\S+)", first.stderr).group(1)
    second = runner.invoke(app, ["events", "--db", db, "--limit", "3", "-f", "json", "--after", cursor])
    assert second.exit_code == 0 and second.stdout != first.stdout
    forged = runner.invoke(app, ["events", "--db", db, "--after", cursor[::-1]])
    assert forged.exit_code != 0 and "E043" in forged.output


def test_a_schema_6_store_is_migrated_to_10_with_its_counts_timeline_and_keys(tmp_path, records):
    path = str(tmp_path / "six.db")
    with SQLiteStore(path, schema_version=6) as old:
        old.add_many(records[:30])
        assert not old._execute("SELECT name FROM sqlite_master WHERE name = 'counts'")
    with SQLiteStore(path) as new:
        assert new._schema_version() == SCHEMA_VERSION == 10
        assert timeline_rows(new) == timeline_rows(new, derived=True) != []
        assert event_country_rows(new) == event_country_rows(new, derived=True) != []
        assert not unkeyed_quotes(new)
        assert counted(new) == {t: new.count(t) for t in COUNTED}
        assert people_counts(new) == recounted(new)
        speaker = records[0].speaker_name(records[0].quotes[0])
        assert speaker in {q["speaker_name"] for q in new.quotes(speaker=speaker[2:-1])}


def test_load_command_fills_a_store_from_parquet_records(tmp_path, records):
    from attache.run.parquet import RecordWriter

    writer = RecordWriter(tmp_path / "out", flush_every=40)
    writer.write(records[:100])
    writer.close()
    db = str(tmp_path / "loaded.db")
    done = CliRunner().invoke(app, ["load", str(tmp_path / "out"), "--db", db, "--batch-size", "30"])
    assert done.exit_code == 0, done.output
    with open_store(db) as store:
        assert store.count("articles") == 100 and store.get(records[5].id) == records[5]
    missing = CliRunner().invoke(app, ["load", str(tmp_path / "nowhere"), "--db", db])
    assert missing.exit_code != 0 and "E001" in missing.output


def test_quotes_export_streams_the_rows_records_give(tmp_path, records):
    from attache.export import ROWS

    with SQLiteStore(str(tmp_path / "e.db")) as store:
        store.bulk_load(records[:80], corpus=False)
        from_records = [r for rec in store.records() for r in ROWS["quotes"](rec, store.article_people(rec.id))]
        assert list(store.quote_rows()) == from_records and len(from_records) == store.count("quotes")


@pytest.mark.slow
def test_store_scale_benchmark_runs_at_10k_on_sqlite(tmp_path):
    """benchmarks/store_scale.py end to end at 10,000 articles (CI; the figures are in docs/performance.md)."""
    import json
    import subprocess

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "store_scale.py"
    out = tmp_path / "scale.json"
    subprocess.run([sys.executable, str(script), "--articles", "10000", "--db", str(tmp_path / "s.db"),
                    "--queries", "10", "--json", str(out)], check=True, capture_output=True, timeout=600)
    found = json.loads(out.read_text())
    assert found["counts"]["articles"] == 10_000 and found["load"]["added"] == 10_000
    assert 80_000 <= found["counts"]["quotes"] <= 120_000
    assert set(found["queries"]) >= {"quotes_by_speaker", "quotes_by_words", "quotes_by_date_range", "timeline",
                                     "events_by_type_and_country", "search", "article_page", "people_page",
                                     "page_1000"}
    reached = found["queries"]["page_1000"]["pages_reached"]
    assert reached["quotes"] == reached["events"] == 1000  # walked by cursor to the 1,000th page


def test_a_first_load_joins_people_in_memory_as_the_tables_would(tmp_path, records, monkeypatch):
    """Into an empty store the people join reads a mirror in memory instead of the tables (no query per
    name): the people and every entity's person are what the join over the tables gives."""
    import attache.store.sql as sql

    def joined(path):
        with SQLiteStore(str(tmp_path / path)) as store:
            store.bulk_load(records, batch_size=100, corpus=False)
            return (store._execute("SELECT article_id, id, person_id FROM entities ORDER BY article_id, id"),
                    store._execute("SELECT * FROM people ORDER BY id"), people_counts(store) == recounted(store))

    mirrored = joined("mirror.db")
    monkeypatch.setattr(sql, "MirroredDirectory", lambda store, mirror: sql.SQLDirectory(store))
    assert mirrored == joined("tables.db") and mirrored[2]


def _contents(store):
    """Every row of every table (all columns but the clock's `ingested_at`), sorted, and on SQLite the
    full-text tables' rows in their order (their rowid order is the ranking pool's)."""
    tables = [r["name"] for r in store._execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name <> 'sqlite_stat1'"
        if isinstance(store, SQLiteStore) else
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")]
    found = {}
    for table in sorted(tables):
        rows = store._execute(f"SELECT * FROM {table}")
        found[table] = sorted((tuple((k, str(v)) for k, v in row.items() if k != "ingested_at") for row in rows))
    if isinstance(store, SQLiteStore):
        found["articles_fts"] = store._execute("SELECT article_id, title, text FROM articles_fts ORDER BY rowid")
        found["quotes_fts"] = store._execute("SELECT article_id, quote_id, content, speaker FROM quotes_fts "
                                             "ORDER BY rowid")
    return found


def _answers(store, records):
    """What the listings and searches answer, drawn from the records' own speakers, people, words and events."""
    out = []
    for r in records[::37]:
        q = r.quotes[0]
        speaker = r.speaker_name(q).split()[-1]
        words = " ".join(q.content.text.strip(",").split()[:2])
        out.append([x["id"] for x in store.quotes(speaker=speaker, limit=50)])
        out.append([(x["article_id"], x["id"]) for x in store.quotes(search=words, limit=50)])
        found = store.search(words.split()[0], limit=20)
        out.append([[(x.get("article_id"), x.get("id")) for x in found[k]] for k in ("articles", "quotes")])
        people = [p for p in store.article_people(r.id).values() if p]
        out.append([(t["article_id"], t["what"], t["id"], t["role"]) for t in store.timeline(people[0], limit=200)]
                   if people else [])
        e = r.events[0]
        out.append([(x["article_id"], x["id"]) for x in store.events(type=e.type, limit=50)])
        out.append(store.get(r.id).to_dict())
    out.append(list(store.people(limit=100)))
    out.append(list(store.people(type="PERSON", limit=100)))
    return out


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_a_bulk_load_stores_and_answers_what_a_normal_ingest_does(engine, records, tmp_path):
    """The same records stored one at a time (as `attache ingest` of single texts does) and by a first bulk
    load into an empty store (indexes, timeline and SQLite's full-text index made at its end, the people join
    in memory, PostgreSQL's COPY): every table holds the same rows and every query answers the same."""
    part = records[:150]
    made = {}
    for way in ("one_by_one", "bulk"):
        target = str(tmp_path / f"{way}.db") if engine == "sqlite" else fresh_database()
        with open_store(target) as store:
            if way == "bulk":
                store.bulk_load(iter(part), batch_size=64, corpus=False)
            else:
                for r in part:
                    store.add_many([r], corpus=False)
            made[way] = (_contents(store), _answers(store, part))
    one, bulk = made["one_by_one"], made["bulk"]
    assert one[0].keys() == bulk[0].keys()
    for table in one[0]:
        assert one[0][table] == bulk[0][table], table
    assert one[1] == bulk[1]
    assert len(bulk[0]["quotes"]) == sum(len(r.quotes) for r in part) and bulk[0]["people"]


def test_a_bulk_load_restores_the_settings_it_loads_with(target, records):
    """SQLite loads with a big cache, no sync per commit and no foreign-key look-ups, PostgreSQL with more
    index-building memory and asynchronous commits: each is as before once the load is over."""
    from attache.store import postgres, sqlite

    with open_store(target) as store:
        if isinstance(store, SQLiteStore):
            names = list(sqlite.LOADING)
            read = lambda: [store._execute(f"PRAGMA {n}")[0][n] for n in names]  # noqa: E731
        else:
            names = list(postgres.LOADING)
            read = lambda: [store._execute(f"SELECT current_setting('{n}') AS v")[0]["v"] for n in names]  # noqa: E731
        before = read()
        seen = []
        real = store._write
        store._write = lambda batch: (seen.append(read()), real(batch))[1]
        store.bulk_load(records[:20], batch_size=10, corpus=False)
        assert read() == before and seen and all(s != before for s in seen)
        assert store.count("articles") == 20


def test_a_bulk_load_pauses_the_collector_for_its_batches_and_restores_it(tmp_path, records):
    """The cyclic garbage collector is off while a load's batches are written (young objects are collected
    after each batch instead) and as before once the load is over, also when it was off already."""
    import gc

    for was_enabled in (True, False):
        with SQLiteStore(str(tmp_path / f"gc-{was_enabled}.db")) as store:
            (gc.enable if was_enabled else gc.disable)()
            seen = []
            real = store._write
            store._write = lambda batch: (seen.append(gc.isenabled()), real(batch))[1]
            try:
                store.bulk_load(records[:30], batch_size=10, corpus=False)
                assert gc.isenabled() is was_enabled and seen == [False] * 3
            finally:
                gc.enable()


def test_the_people_join_is_the_same_with_its_per_name_caches_as_without(tmp_path, records, monkeypatch):
    """A name's variants among its mention texts and an organisation's initials are worked out once per name
    across a load (cached): the people, their names and every entity's person are those of a load working each
    out again for every article."""
    from attache.people import join, names
    from attache.store import sql

    def joined(path):
        with SQLiteStore(str(tmp_path / path)) as store:
            store.bulk_load(records, batch_size=100, corpus=False)
            return (store._execute("SELECT article_id, id, person_id FROM entities ORDER BY article_id, id"),
                    store._execute("SELECT * FROM people ORDER BY id"),
                    store._execute("SELECT * FROM person_names ORDER BY type, key"))

    cached = joined("cached.db")
    assert sql.variants_of.cache_info().hits and names.acronyms.cache_info().hits
    for module, name in ((sql, "variants_of"), (names, "acronym"), (names, "acronyms"), (join, "acronym"),
                         (join, "acronyms")):
        monkeypatch.setattr(module, name, getattr(module, name).__wrapped__)
    assert joined("uncached.db") == cached and cached[1]


def test_a_records_rows_are_the_inserts_values_in_column_order(records):
    """`store_rows` gives each table's rows as tuples in the order of its INSERT's columns."""
    from attache.store.tables import INSERTED, row_dict, store_rows

    record = records[0]
    rows = store_rows(record)
    for table, table_rows in rows.items():
        assert all(len(row) == len(INSERTED[table]) for row in table_rows), table
    article = row_dict("articles", rows["articles"][0])
    assert (article["id"], article["text"], article["fingerprint"]) == (record.id, record.text, record.fingerprint)
    entity, e = row_dict("entities", rows["entities"][0]), record.entities[0]
    assert (entity["name"], entity["n_mentions"], entity["person_id"], entity["gender"]) == (
        e.name, len(e.mentions), None, e.gender)
    assert row_dict("mentions", rows["mentions"][0])["text"] == e.mentions[0].text
    quote, q = row_dict("quotes", rows["quotes"][0]), record.quotes[0]
    assert (quote["id"], quote["content"], quote["speaker_name"], quote["published_key"]) == (
        q.id, q.content.text, record.speaker_name(q), record.published or "")
    assert row_dict("times", rows["times"][0])["value"] == record.times[0].value
    assert row_dict("places", rows["places"][0])["name"] == record.places[0].name
    event, v = row_dict("events", rows["events"][0]), record.reported_events[0]
    assert (event["type"], event["trigger"], event["date"]) == (v.type, v.trigger.text, record.event_date(v))
    assert row_dict("event_actors", rows["event_actors"][0])["event_id"] == v.id
