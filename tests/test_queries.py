"""The listings' query objects: parsed once, dates as dates and enums checked, the option named in E040."""

import datetime as dt

import pytest

from attache.errors import ArgumentError
from attache.queries import ArticleQuery, EventQuery, PeopleQuery, QuoteQuery


def test_a_period_is_its_first_and_last_day():
    q = EventQuery.parse(since="2024", until="2024-02")
    assert (q.since, q.until) == (dt.date(2024, 1, 1), dt.date(2024, 2, 29))
    q = ArticleQuery.parse(since="2023-03-05", until="2023")
    assert (q.since, q.until) == (dt.date(2023, 3, 5), dt.date(2023, 12, 31))


def test_enums_are_folded_and_codes_upper_cased():
    assert EventQuery.parse(type="consult", actor_country="usa").type == "CONSULT"
    assert EventQuery(actor_country="usa").actor_country == "USA"
    assert PeopleQuery.parse(type="person").type == "PERSON"
    assert QuoteQuery.parse(kind="Direct").kind == "direct"


@pytest.mark.parametrize(("style", "option"), [("cli", "--since"), ("http", "since")])
def test_a_bad_value_names_the_option_as_its_caller_spells_it(style, option):
    with pytest.raises(ArgumentError) as found:
        QuoteQuery.parse(style, since="2022-02-30")
    assert found.value.code == "E040" and option in str(found.value)
    with pytest.raises(ArgumentError):
        EventQuery.parse(style, type="nope")


def test_the_store_keywords_make_the_same_query():
    assert QuoteQuery.of(None, speaker="Lin", since="2018-10") == QuoteQuery(speaker="Lin", since=dt.date(2018, 10, 1))
    base = EventQuery(type="AID")
    assert EventQuery.of(base) is base and EventQuery.of(base, limit=5).limit == 5
