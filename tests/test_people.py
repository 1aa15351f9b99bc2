"""One person, one page: names normalised, entities joined across articles at ingest, reversible by a rebuild,
headline and coordination repairs inside an article, and the people listing."""

from __future__ import annotations

import pytest

from attache.people import EntityRow, Joiner, MemoryDirectory, is_name, parse
from attache.store import SQLiteStore
from attache.store.base import SCHEMA_VERSION

from .store_records import article


def named(pipeline, text: str, published: str = "2016-02-01") -> set[str]:
    """The names of the people and organisations (not unnamed agents) an article gives."""
    record = pipeline.analyze(text, published=published)
    return {e.name for e in record.entities if e.type in ("PERSON", "ORG") and not e.agent}


def joined(*articles: list[tuple[str, str]]) -> list[list[str]]:
    """The person names the entities of each article (name, type) end up with, joined in order."""
    d = MemoryDirectory()
    joiner = Joiner(d)
    out = []
    for n, entities in enumerate(articles):
        found = joiner.join(EntityRow(f"a{n}", f"e{i}", name, type_) for i, (name, type_) in enumerate(entities))
        out.append([d.people[d.resolved(found[f"e{i}"])].name if f"e{i}" in found else None
                    for i in range(len(entities))])
    return out


# -- names --------------------------------------------------------------------------------------------------

def test_name_keys_fold_honorifics_initials_case_and_diacritics() -> None:
    assert parse("Mr. Donald J. Trump's", "PERSON").key == parse("DONALD TRUMP", "PERSON").key == "donald trump"
    assert parse("Sen. Tim Kaine", "PERSON").key == parse("Timothy Kaine", "PERSON").key == "timothy kaine"
    assert parse("José Martí", "PERSON").key == parse("Jose Marti", "PERSON").key
    assert parse("Mohammed bin Salman", "PERSON").key == parse("Muhammad bin Salman", "PERSON").key


def test_generational_suffix_and_initials_keep_namesakes_apart() -> None:
    assert parse("Donald Trump Jr.", "PERSON").key == "donald trump jr"
    assert parse("George H.W. Bush", "PERSON").with_initials != parse("George W. Bush", "PERSON").with_initials


def test_groups_have_one_form_across_spellings() -> None:
    assert {parse(n, "NORP").key for n in ("Republicans", "Republican")} == {"republican"}
    assert {parse(n, "NORP").key for n in ("Democrats", "Democrat", "Democratic")} == {"democrat"}
    assert parse("The Boeing Co.", "ORG").key == "boeing"


@pytest.mark.parametrize("text", ["Ms Clinton's chief opponent", "a 69-year-old Republican state lawmaker",
                                  "Mrs. Clinton's supporters", "pro-Clinton", "people", "Its Rivals",
                                  "Employee Free Choice Act", "Friday", "Election2016",
                                  "Anna ReyesFlagShareLikeReply", "OrtizASSOCIATED PRESS", "[W]e", "Stop Keller",
                                  "Never-Keller", "Keller's Campaign Co", "Mrs. Keller's Staff", "the Senate committee",
                                  "the Idaho court", "Super Bowl party"])
def test_descriptions_and_things_are_no_names(text: str) -> None:
    assert not is_name(text)


@pytest.mark.parametrize("text", ["Wells Fargo", "Bank of America", "Kim Jong Un", "Ludwig van Beethoven", "3M",
                                  "Procter & Gamble", "Donald Trump Jr.", "Mitch McConnell", "Terry McAuliffe",
                                  "Douglas MacArthur", "Ron DeSantis", "WikiLeaks", "ExxonMobil", "GlaxoSmithKline",
                                  "Stop & Shop", "Never Again Foundation", "Moody's Investors Service Inc.",
                                  "Hudson's Bay Co.", "Tomlin's Hardware Corp.", "the Whig party", "Republican party"])
def test_names_are_names(text: str) -> None:
    assert is_name(text)


# -- joining ------------------------------------------------------------------------------------------------

def test_variants_of_a_full_name_join() -> None:
    assert joined([("Donald Trump", "PERSON")], [("Donald J. Trump", "PERSON")], [("DONALD TRUMP", "PERSON")]) \
        == [["Donald Trump"]] * 3


def test_surname_alone_joins_the_articles_own_full_name() -> None:
    out = joined([("Hillary Clinton", "PERSON")], [("Bill Clinton", "PERSON"), ("Clinton", "PERSON")])
    assert out[1] == ["Bill Clinton", "Bill Clinton"]


def test_surname_alone_joins_the_only_person_of_the_corpus_with_it() -> None:
    assert joined([("Barack Obama", "PERSON")], [("Obama", "PERSON")])[1] == ["Barack Obama"]


def test_surname_alone_joins_the_namesake_who_dominates_it_at_that_time() -> None:
    many = [[("Hillary Clinton", "PERSON")]] * 4 + [[("Bill Clinton", "PERSON")]]
    assert joined(*many, [("Clinton", "PERSON")])[-1] == ["Hillary Clinton"]


def test_surname_shared_evenly_stays_alone() -> None:
    out = joined([("Ana Lin", "PERSON")], [("Mei Lin", "PERSON")], [("Lin", "PERSON")])
    assert out[2] == ["Lin"]


def test_family_members_and_namesakes_stay_apart() -> None:
    out = joined([("Donald Trump", "PERSON"), ("Donald Trump Jr.", "PERSON"), ("Melania Trump", "PERSON")],
                 [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"), ("Chelsea Clinton", "PERSON")],
                 [("George W. Bush", "PERSON")], [("George H.W. Bush", "PERSON")])
    assert out[0] == ["Donald Trump", "Donald Trump Jr.", "Melania Trump"]
    assert out[1] == ["Hillary Clinton", "Bill Clinton", "Chelsea Clinton"]
    assert out[2:] == [["George W. Bush"], ["George H.W. Bush"]]


def test_a_given_name_alone_joins_the_articles_one_person_with_it() -> None:
    assert joined([("Chelsea Clinton", "PERSON"), ("Chelsea", "PERSON")]) == [["Chelsea Clinton"] * 2]
    assert joined([("Bill", "PERSON"), ("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON")]) == [
        ["Bill Clinton", "Hillary Clinton", "Bill Clinton"]]  # the familiar form of the full name's William


def test_groups_join_across_spellings_and_organisations_across_initials_and_aliases() -> None:
    out = joined([("Republicans", "NORP")], [("Republican", "NORP")],
                 [("Federal Bureau of Investigation", "ORG")], [("FBI", "ORG")],
                 [("Republican Party", "ORG")], [("GOP", "ORG")])
    assert out[1] == ["Republicans"] and out[3] == ["Federal Bureau of Investigation"] and out[5] == ["Republican Party"]


def test_a_department_joins_its_initials_with_the_of() -> None:
    out = joined([("Department of Justice", "ORG")], [("DOJ", "ORG")],
                 [("the Department of Energy", "ORG"), ("DOE", "ORG")])
    assert out == [["Department of Justice"], ["Department of Justice"], ["the Department of Energy"] * 2]


def test_a_well_known_body_is_no_short_form_of_a_longer_name_ending_in_it() -> None:
    out = joined([("Republican Party", "ORG")],
                 [("New York State Republican Party", "ORG"), ("Republican Party", "ORG")])
    assert out == [["Republican Party"], ["New York State Republican Party", "Republican Party"]]


def test_initials_shared_by_two_organisations_join_neither() -> None:
    out = joined([("Democratic National Committee", "ORG")], [("Dayton News Council", "ORG")], [("DNC", "ORG")])
    assert out[2] == ["DNC"]


def test_the_same_name_tagged_with_the_other_type_joins() -> None:
    out = joined([("Wells Fargo", "ORG")], [("Wells Fargo", "PERSON")], [("Donald Trump", "PERSON")],
                 [("Trump", "ORG")])
    assert out[1] == ["Wells Fargo"] and out[3] == ["Donald Trump"]


def test_all_capitals_diacritics_and_transliterations_join() -> None:
    out = joined([("Mohammed Morsi", "PERSON")], [("MUHAMMAD MORSI", "PERSON")], [("François Hollande", "PERSON")],
                 [("Francois Hollande", "PERSON")])
    assert out[1] == ["Mohammed Morsi"] and out[3] == ["François Hollande"]


def test_hundreds_of_people_sharing_a_surname_never_merge() -> None:
    names = [(f"{first} Smith", "PERSON") for first in
             (f"{a}{b}" for a in ("Al", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo") for b in
              ("an", "bert", "cey", "don", "elle", "fred", "gar", "hal", "ine", "jun"))]
    out = joined(names, [("Smith", "PERSON")])
    assert len(set(out[0])) == 100 and out[1] == ["Smith"]


def test_unnamed_agents_and_descriptions_never_become_people() -> None:
    out = joined([("officials", "AGENT"), ("Ms Clinton's chief opponent", "PERSON"), ("Trump and Clinton", "PERSON")])
    assert out == [[None, None, None]]


def test_demonyms_laws_suffixes_and_market_indexes_are_no_one() -> None:
    out = joined([("Nevadans", "PERSON"), ("Fort Lee", "PERSON"), ("House Bill 1523", "PERSON"), ("Jr.", "PERSON"),
                  ("Equal Protection Clause", "ORG"), ("Dow Jones", "ORG"), ("Super PAC", "ORG"), ("Ray Peters", "PERSON")])
    assert out == [[None] * 7 + ["Ray Peters"]]


def test_a_well_known_organisation_named_once_is_listed() -> None:
    found = Joiner(MemoryDirectory()).join([EntityRow("a0", "e0", "Facebook", "ORG", mentions=1),
                                            EntityRow("a0", "e1", "Defiance", "ORG", mentions=1),
                                            EntityRow("a0", "e2", "Congress", "ORG", mentions=1),
                                            EntityRow("a0", "e3", "Halliburton", "ORG", mentions=1)])
    assert "e0" in found and "e1" not in found and "e2" in found  # "Defiance" is too weak
    assert "e3" in found  # a company of the actor dictionaries


def test_a_broadcaster_named_alone_is_not_its_news_arm_but_fox_is_fox_news() -> None:
    d = MemoryDirectory()
    joiner = Joiner(d)
    first = joiner.join([EntityRow("a0", "e0", "ABC News", "ORG", variants=("ABC",)),
                         EntityRow("a0", "e1", "Fox News", "ORG", variants=("Fox",))])
    later = joiner.join([EntityRow("a1", "e0", "ABC", "ORG", mentions=2), EntityRow("a1", "e1", "Fox", "ORG", mentions=2),
                         EntityRow("a1", "e2", "ABC News", "ORG")])
    assert later["e0"] != first["e0"] and later["e2"] == first["e0"]  # the network; its news arm again
    assert later["e1"] == first["e1"]


def test_a_legislature_named_with_the_party_holding_it_or_a_company_with_its_web_address_is_the_same_body(
        ) -> None:
    out = joined([("Republican Congress", "ORG"), ("Congress", "ORG")], [("the GOP-controlled House", "ORG")],
                 [("House", "ORG"), ("Amazon.com", "ORG"), ("Amazon", "ORG")])
    assert out == [["Republican Congress", "Republican Congress"], ["the GOP-controlled House"],
                   ["the GOP-controlled House", "Amazon.com", "Amazon.com"]]
    assert parse("Republican National Committee", "ORG").key == "republican national committee"


def test_a_familiar_given_name_and_an_abbreviated_title_join_the_full_name() -> None:
    assert joined([("Peter Santilli", "PERSON"), ("Michael Mukasey", "PERSON")],
                  [("Pete Santilli", "PERSON"), ("AG Mukasey", "PERSON")]) == [["Peter Santilli", "Michael Mukasey"]] * 2


# -- the store ----------------------------------------------------------------------------------------------

def people_names(store: SQLiteStore) -> list[str]:
    return sorted(p["name"] for p in store.people(limit=100))


def test_store_joins_at_ingest_and_lists_variants_by_relevance() -> None:
    store = SQLiteStore(":memory:")
    store.add(article("Donald J. Trump spoke in Ohio.", "2016-10-01",
                      people=[("Donald J. Trump", "PERSON", None, None, ["Donald J. Trump"])]))
    store.add(article("Donald Trump and Mike Pence spoke.", "2016-10-02",
                      people=[("Donald Trump", "PERSON", None, None, ["Donald Trump"]),
                              ("Mike Pence", "PERSON", None, None, ["Mike Pence"])]))
    store.add(article("“We will win,” said Mr. Trump.", "2016-10-03",
                      people=[("Trump", "PERSON", None, None, ["Mr. Trump"])],
                      quotes=[("We will win,", "Mr. Trump", "Trump")]))
    first, second = store.people()
    assert first["name"] == "Donald J. Trump" and first["articles"] == 3 and first["quotes"] == 1
    assert set(first["names"]) == {"Donald J. Trump", "Donald Trump", "Trump"} and second["name"] == "Mike Pence"
    assert len(store.person(first["id"])["articles_list"]) == 3


def test_a_person_or_body_is_shown_under_the_name_written_most() -> None:
    from attache.people.names import display_name

    assert display_name({"GOP": 25, "Republican Party": 8, "Grand Old Party": 1}, "ORG") == "Republican Party"
    assert display_name({"FBI": 50, "Federal Bureau of Investigation": 3}, "ORG") == "FBI"
    assert display_name({"Navy": 9, "U.S. Navy": 3}, "ORG") == "U.S. Navy"
    assert display_name({"Brandt": 40, "Lena Brandt": 15, "Lena  Brandt": 1, "Lee Brandt": 1}, "PERSON") \
        == "Lena Brandt"
    assert display_name({"Turkey": 15, "TURKEY": 1}, "GPE") == "Turkey"
    assert display_name({"Lena": 5, "Crooked Lena": 1}, "PERSON") == "Lena"


def test_the_store_shows_a_body_under_the_name_written_most_at_ingest_rebuild_and_bulk_load() -> None:
    records = [article("The Grand Old Party met.", "2016-05-01",
                       people=[("Grand Old Party", "ORG", None, None, ["Grand Old Party"])])]
    records += [article(f"The Republican Party and the GOP met on day {n}.", f"2016-05-0{n}",
                        people=[("Republican Party", "ORG", None, None, ["Republican Party"]),
                                ("GOP", "ORG", None, None, ["GOP"])]) for n in (2, 3, 4)]
    store = SQLiteStore(":memory:")
    store.add(records[0])
    assert people_names(store) == ["Grand Old Party"]  # the only name written so far
    for record in records[1:]:
        store.add(record)
    assert people_names(store) == ["Republican Party"]
    store._execute("UPDATE people SET name = 'Grand Old Party'")
    store.rebuild_people()
    assert people_names(store) == ["Republican Party"]
    bulk = SQLiteStore(":memory:")
    bulk.bulk_load(records, corpus=False)
    assert people_names(bulk) == ["Republican Party"]


def test_rebuild_re_derives_the_join_without_reanalysis_in_order_of_publication() -> None:
    store = SQLiteStore(":memory:")
    store.add(article("Lin spoke.", "2021-01-03", people=[("Lin", "PERSON", None, None, ["Lin"])]))
    store.add(article("Ana Lin spoke.", "2021-01-01", people=[("Ana Lin", "PERSON", None, None, ["Ana Lin"])]))
    assert people_names(store) == ["Ana Lin"]  # the full name took over the surname stored before
    store._execute("UPDATE entities SET person_id = 'pwrong' WHERE name = 'Lin'")  # a wrong merge
    found = store.rebuild_people()
    assert found["people"] == 1 and people_names(store) == ["Ana Lin"]
    assert {p for p in store.article_people(store.articles(limit=5)[0]["id"]).values()} == {store.people()[0]["id"]}


def test_a_store_of_schema_4_is_migrated_and_joined(tmp_path) -> None:
    path = str(tmp_path / "old.db")
    old = SQLiteStore(path, schema_version=4)  # as schema 4 left it: no name tables, nobody joined
    old.add(article("Barack Obama spoke.", "2016-01-01", people=[("Barack Obama", "PERSON", None, None, ["Barack Obama"])]))
    old.add(article("Obama left.", "2016-01-02", people=[("Obama", "PERSON", None, None, ["Obama"])]))
    assert not old._execute("SELECT name FROM sqlite_master WHERE name = 'person_names'")
    old.close()
    new = SQLiteStore(path)
    assert new._schema_version() == SCHEMA_VERSION
    assert [(p["name"], p["articles"]) for p in new.people()] == [("Barack Obama", 2)]
    assert new._execute("SELECT count(*) AS n FROM person_names")[0]["n"] >= 1


def test_rejoin_command(tmp_path) -> None:
    from typer.testing import CliRunner

    from attache.cli import app

    path = str(tmp_path / "s.db")
    with SQLiteStore(path) as store:
        store.add(article("Barack Obama spoke.", "2016-01-01",
                          people=[("Barack Obama", "PERSON", None, None, ["Barack Obama"])]))
    result = CliRunner().invoke(app, ["rejoin", "--db", path])
    assert result.exit_code == 0 and "1 now" in result.output


# -- inside one article (the entities component) ------------------------------------------------------------

def test_headline_verb_is_never_part_of_a_name(pipeline) -> None:
    record = pipeline.analyze("Donald Trump Tells Voters To Stay Home\n\nDonald Trump told voters in Ohio on "
                              "Monday to stay home.\n")
    names = [e.name for e in record.entities if e.type == "PERSON" and not e.agent]
    assert names == ["Donald Trump"] and len(record.entities[0].mentions) >= 2


@pytest.mark.parametrize("text", ["The senator wants AG Holbrook to reopen the inquiry, and Dana Holbrook said no.",
                                  "Voters cheered Gov Holbrook at the rally. Dana Holbrook thanked them."])
def test_an_abbreviated_title_is_no_part_of_the_name(pipeline, text) -> None:
    record = pipeline.analyze(text, published="2016-05-01")  # the tagger reads "AG Holbrook" as a company
    people = [e for e in record.entities if e.type in ("PERSON", "ORG") and not e.agent]
    assert [e.name for e in people] == ["Dana Holbrook"]
    assert "Holbrook" in {m.text for m in people[0].mentions}


def test_a_line_telling_the_reader_to_follow_someone_keeps_the_verb_out_of_the_name(pipeline) -> None:
    record = pipeline.analyze("The governor signed the bill on Tuesday, aides said.\n\n"
                              "Follow Ian Marsh On Twitter @writer.")  # the tagger reads "Follow Ian Marsh"
    assert [e.name for e in record.entities if e.type == "PERSON" and not e.agent] == ["Ian Marsh"]


def test_a_joint_poll_names_two_organisations(pipeline) -> None:
    record = pipeline.analyze("Figures from a Washington Post-ABC News survey put the race level, whereas the NBC "
                              "News/Wall Street Journal numbers give the governor an edge. The Washington Post said "
                              "the gap was small. Coca-Cola and Rolls-Royce shares fell.", published="2016-05-01")
    names = {e.name: [m.text for m in e.mentions] for e in record.entities if e.type == "ORG"}
    assert {"Washington Post", "ABC News", "NBC News", "Wall Street Journal", "Coca-Cola", "Rolls-Royce"} <= set(names)
    assert "The Washington Post" in names["Washington Post"]


def test_headline_company_name_loses_the_verb(pipeline) -> None:
    record = pipeline.analyze("Wells Fargo Fails Stress Test Again\n\nWells Fargo failed the test, regulators "
                              "said on Friday.\n")
    assert [e.name for e in record.entities if e.type == "ORG"] == ["Wells Fargo"]


def test_headline_with_two_names_and_a_verb_gives_both(pipeline) -> None:
    record = pipeline.analyze("Tom Nides Thanked Clinton For Her Help\n\nTom Nides, a former aide, thanked "
                              "Hillary Clinton on Monday.\n")
    names = {e.name for e in record.entities if e.type == "PERSON" and not e.agent}
    assert names == {"Tom Nides", "Hillary Clinton"}


def test_coordinated_names_are_two_entities() -> None:
    import spacy
    from spacy.tokens import Doc

    from attache.components.entities.headlines import split_coordinations

    doc = Doc(spacy.blank("en").vocab, words=["Trump", "and", "Clinton", "debated", ".", "Procter", "&", "Gamble", "sold", "soap"])
    spans = split_coordinations(doc, [(0, 3, "PERSON"), (5, 8, "ORG")])
    assert spans == [(0, 1, "PERSON"), (2, 3, "PERSON"), (5, 8, "ORG")]


def test_family_members_in_one_article_are_separate_entities(pipeline) -> None:
    record = pipeline.analyze("Hillary Clinton spoke on Monday. Clinton said she would win. Bill Clinton, her "
                              "husband, campaigned in Ohio.")
    people = {e.name for e in record.entities if e.type == "PERSON" and not e.agent}
    assert {"Hillary Clinton", "Bill Clinton"} <= people


def test_organisation_forms_join() -> None:
    assert {parse(n, "ORG").key for n in ("U.S. Air Force", "United States Air Force", "Air Force")} == {"air force"}
    assert parse("Department of Justice", "ORG").key == parse("the Justice Department", "ORG").key
    out = joined([("Fox News", "ORG")], [("Fox", "ORG")], [("Breitbart News", "ORG"), ("Breitbart", "ORG")])
    assert out[1] == ["Fox News"] and out[2] == ["Breitbart News", "Breitbart News"]


def test_a_company_named_with_its_trade_joins_its_short_name_known_before() -> None:
    out = joined([("Marlowe", "ORG")], [("Marlowe Computer", "ORG")], [("Tessaly", "ORG")],
                 [("Tessaly Airways", "ORG"), ("Tessaly Commercial Aircraft", "ORG")],
                 [("Singapore", "ORG")], [("Singapore Airlines", "ORG")])
    assert out[1] == ["Marlowe"] and out[3] == ["Tessaly", "Tessaly Commercial Aircraft"]
    assert out[5] == ["Singapore Airlines"]  # a place's name is no company's short name


def test_familiar_given_names_join_the_formal_ones() -> None:
    assert joined([("Joseph Biden", "PERSON")], [("Joe Biden", "PERSON")])[1] == ["Joseph Biden"]


# -- things and places the tagger calls people or organisations ---------------------------------------------

def test_programmes_religions_events_and_ideas_are_never_listed() -> None:
    out = joined([("Medicaid", "ORG"), ("the Tour de France", "ORG"), ("Islam", "ORG"), ("Islamophobia", "ORG"),
                  ("Trumpism", "PERSON"), ("Social Security", "ORG"), ("Kaiser Health", "ORG")])
    assert out == [[None, None, None, None, None, None, "Kaiser Health"]]


def test_parades_primaries_tournaments_strategies_and_summits_are_never_listed() -> None:
    out = joined([("the Springfield Pride", "ORG"), ("Pride", "ORG"), ("the Ohio Primary", "ORG"),
                  ("the Lakeside Open Classic", "PERSON"), ("the Northern Strategy", "ORG"),
                  ("the Dayton Pride Parade", "ORG"), ("the Harbor Summit", "ORG"), ("the Ferguson Effect", "ORG"),
                  ("A.C.A.", "ORG"), ("Ohio Pride Foundation", "ORG")])
    assert out == [[None, None, None, None, None, None, None, None, None, "Ohio Pride Foundation"]]


def test_abbreviations_of_common_nouns_awards_and_codes_are_never_listed() -> None:
    out = joined([("T.V.", "ORG"), ("Q&A", "ORG"), ("ASAP", "ORG"), ("I.P.O.", "ORG"), ("GMT", "ORG"),
                  ("the Golden Quill Award", "ORG"), ("the Lakeside Medal", "PERSON"), ("the Ohio Code", "ORG"),
                  ("the Ming Dynasty", "ORG"), ("TVA", "ORG"), ("Ohio Code Academy", "ORG")])
    assert out == [[None, None, None, None, None, None, None, None, None, "TVA", "Ohio Code Academy"]]


def test_an_escaped_ampersands_leftover_keeps_a_company_name_whole(pipeline) -> None:
    assert "Lakeside Federal Savings amp Loan Association" in named(
        pipeline, "Lakeside Federal Savings amp Loan Association said it would cut 40 jobs. The bank's parent agreed.")
    assert "Standard amp Poor's Corp." in named(
        pipeline, "The bonds were rated single-A by Standard amp Poor's Corp. on Tuesday.")
    assert "Harbor Bank amp Trust Co." in named(
        pipeline, "Harbor Holdings is the parent of Harbor Bank amp Trust Co., which has 12 branches.")
    assert is_name("Harbor Bank amp Trust Co.") and not is_name("the amp")


def test_a_common_word_opening_a_sentence_is_no_person_even_as_a_subject(pipeline) -> None:
    assert "Drama" not in named(pipeline, "Drama does not slow the party in the capital. Reporters saw it.")
    assert "Wrinkles" not in named(pipeline, "Wrinkles remain in the deal. Both sides agreed to talk.")
    assert "Bush" in named(pipeline, "Bush lost the primary in March. Voters chose someone else.")  # a leader
    assert "Santorum" in named(pipeline, "Santorum lost the primary in March. Voters chose someone else.")


def test_a_programme_named_with_a_title_word_is_no_person(pipeline) -> None:
    found = named(pipeline, "The senator praised the Head Start program, which serves young children. "
                            "He said Head Start works for families.")
    assert not found & {"Start", "Head Start"}


def test_a_family_named_by_a_plural_surname_in_es_is_never_listed() -> None:
    out = joined([("Laura Marsh", "PERSON"), ("Marshes", "PERSON"), ("Tom Fox", "PERSON"), ("Foxes", "PERSON"),
                  ("Jones", "PERSON")])
    assert out == [["Laura Marsh", None, "Tom Fox", None, "Jones"]]


def test_a_columns_label_on_a_line_of_its_own_is_no_person_but_a_letters_signature_is(pipeline) -> None:
    body = ("The central bank kept its rates unchanged on Tuesday, and markets barely moved in response to the "
            "news. Traders said they expected little change before the summer.\n")
    assert "Global Outlook" not in named(pipeline, "Global Outlook.\n" + body)
    assert "Plain Talk" not in named(pipeline, body + "Plain Talk.\n")
    assert "Karen Hill" in named(pipeline, body + "Karen Hill.\n")


def test_a_hyphen_after_a_prefix_or_before_a_place_or_between_given_names_splits_no_name(pipeline) -> None:
    assert "NARAL Pro-Choice America" in named(pipeline, "said Karen Diaz, who leads NARAL Pro-Choice America, "
                                                         "on Monday.")
    found = named(pipeline, "A historian from University of Nevada-Las Vegas doubted the study.")
    assert "Las Vegas" not in found and any(n.endswith("University of Nevada-Las Vegas") for n in found)
    found = named(pipeline, "Former policy director Anne-Marie Keller wrote to the senator.")
    assert "Anne" not in found and "Marie Keller" not in found
    assert {"Washington Post", "ABC News"} <= named(pipeline, "A fresh Washington Post-ABC News survey shows a "
                                                              "tight race.")
    assert {"Washington Post", "ABC News Poll"} <= named(pipeline, "Her standing in a fresh Washington Post-ABC "
                                                                   "News Poll stands at 53%.")
    assert "Trump-Kim" not in named(pipeline, "The Trump-Kim summit ended early, Kim Jong Un said.")


def test_an_abbreviated_president_title_is_no_organisations_last_word(pipeline) -> None:
    found = named(pipeline, "Rebels tried to unseat Freedonian Pres. Rufus Firefly last year. Talks failed.")
    assert "Freedonian Pres" not in found


def test_a_word_in_capitals_the_tagger_reads_as_an_adverb_is_no_organisation(pipeline) -> None:
    record = pipeline.analyze('"I was NEVER so proud of this team," the coach wrote in an email.')
    assert "NEVER" not in {e.name for e in record.entities}
    assert "NASA" in named(pipeline, "NASA said the launch would slip to June.")


def test_a_plural_of_a_nations_member_or_of_a_title_is_no_person() -> None:
    out = joined([("Ottoman Turks", "PERSON"), ("Secretaries", "PERSON"), ("Mark Cuban", "PERSON"),
                  ("Sanders", "PERSON"), ("Tom Governor", "PERSON"), ("Whigs", "PERSON"), ("Hutus", "PERSON"),
                  ("the Whig Party", "ORG")])
    assert out == [[None, None, "Mark Cuban", "Sanders", "Tom Governor", None, None, "the Whig Party"]]


def test_a_country_or_state_tagged_as_an_organisation_is_never_listed() -> None:
    out = joined([("American Samoa", "ORG"), ("the Samoa Chamber of Commerce", "ORG")],
                 [("Cologne", "PERSON"), ("Cologne", "PERSON")], [("Crimea", "ORG"), ("Crimea", "ORG")])
    assert out == [[None, "the Samoa Chamber of Commerce"], [None, None], [None, None]]


def test_a_capital_at_the_start_of_a_sentence_makes_no_organisation(pipeline) -> None:
    record = pipeline.analyze("The plane seats up to 290 passengers.\nAirlines choose the seating layout they want.")
    store = SQLiteStore(":memory:")
    store.add(record)
    assert "airlines" in {e.name for e in record.entities if e.agent}
    assert not any(p["name"].lower() == "airlines" for p in store.people(limit=100))


def test_a_product_named_with_its_maker_is_no_organisation(pipeline) -> None:
    record = pipeline.analyze("Apple said on Tuesday that the iPod Touch would cost less. The company also "
                              "showed the Mac Pro.\n\nThe rocket, a Delta IV, lifted off from Florida on Friday.")
    orgs = {e.name for e in record.entities if e.type == "ORG" and not e.agent}
    assert not any("iPod" in o or "Delta" in o for o in orgs)


# -- organisation forms and parts ---------------------------------------------------------------------------

def test_a_committee_is_not_the_chamber_it_belongs_to() -> None:
    out = joined([("Senate Judiciary Committee", "ORG")], [("Senate", "ORG"), ("Senate", "ORG")],
                 [("Fox News", "ORG")], [("Fox", "ORG"), ("Fox", "ORG")])
    assert out[1] == ["Senate", "Senate"] and out[3] == ["Fox News", "Fox News"]


def test_a_chamber_written_with_its_country_joins_the_bare_name() -> None:
    out = joined([("Senate", "ORG"), ("Senate", "ORG")], [("the U.S. Senate", "ORG")])
    assert out[1] == ["Senate"]


def test_a_committee_inside_one_article_keeps_apart_from_its_chamber(pipeline) -> None:
    record = pipeline.analyze("The Senate Judiciary Committee met on Monday. The Senate later passed the bill "
                              "by a wide margin, and the Senate adjourned.")
    orgs = sorted(e.name for e in record.entities if e.type == "ORG" and not e.agent)
    assert "Senate" in orgs and any("Committee" in o for o in orgs)


def test_a_company_named_once_is_listed_when_written_as_only_companies_are() -> None:
    d = MemoryDirectory()
    names = ("YouTube", "Hewlett-Packard Co.", "Rolls-Royce", "Defiance")
    found = Joiner(d).join(EntityRow("a0", f"e{i}", n, "ORG", mentions=1) for i, n in enumerate(names))
    assert sorted(d.people[p].name for p in found.values()) == ["Hewlett-Packard Co.", "Rolls-Royce", "YouTube"]


def test_a_name_glued_to_the_words_after_it_is_named_by_its_bare_mention() -> None:
    d = MemoryDirectory()
    found = Joiner(d).join([EntityRow("a0", "e1", "Barack Obama", "PERSON"),
                            EntityRow("a0", "e2", "Obama’s ‘pivot", "PERSON", variants=("Obama",)),
                            EntityRow("a0", "e3", "State Department - before", "ORG",
                                      variants=("the State Department",))])
    assert found["e2"] == found["e1"] and d.people[found["e3"]].name == "the State Department"


def test_a_surname_alone_after_two_namesakes_is_the_one_the_article_is_about(pipeline) -> None:
    record = pipeline.analyze("Tom Keller won the vote on Tuesday, and he thanked his staff. On Wednesday the "
                              "crowd cheered Ann Keller's speech.\n\nKeller's advisers were thrilled.")
    people = {e.name: e for e in record.entities if e.type == "PERSON" and not e.agent}
    last = record.text.rfind("Keller's advisers")
    assert any(m.start == last for m in people["Tom Keller"].mentions)


BODY = ("The committee met for three hours on Monday and heard from eleven witnesses about the proposal to "
        "widen the bridge. Several members asked for more time to read the engineers' report, and the chairman "
        "agreed to hold a second hearing next month. Residents who live near the river said the work would "
        "close the only road to the school for most of a year.")


def test_headline_common_words_are_no_person(pipeline) -> None:
    record = pipeline.analyze("Mayor Faces Legal Action Over Bridge Plan\n\n" + BODY)
    assert not [e.name for e in record.entities if e.type == "PERSON" and not e.agent and "Action" in e.name]


@pytest.mark.parametrize("headline", ["Top Transit Group Will Run Ads Demanding Mayors Fund Buses",
                                      "Mayor Urged To Repudiate Engineer Who Called For Closure Of The Road",
                                      "Major Companies Pull Support For Bridge Plan",
                                      "Media Growls In Response To Mayor’s Claim About The Bridge"])
def test_headline_function_words_and_plurals_are_no_person(pipeline, headline) -> None:
    record = pipeline.analyze(headline + "\n\n" + BODY + " They said so.")
    assert not [e.name for e in record.entities if e.type in ("PERSON", "ORG") and not e.agent
                and any(w in e.name for w in ("Demanding", "Who", "Called", "Pull", "Growls"))]


def test_a_titled_name_in_a_headline_ends_before_a_function_word(pipeline) -> None:
    record = pipeline.analyze("No, Chief Justice Anne Keller Did Not Give Rise To The Bridge Plan\n\n" + BODY +
                              " Keller was not at the hearing.")
    names = {e.name for e in record.entities if e.type == "PERSON" and not e.agent}
    assert "Anne Keller" in names and not any("Did" in n or "Rise" in n for n in names)


def test_an_unnamed_organisation_in_a_headline_is_no_name(pipeline) -> None:
    record = pipeline.analyze("Obama Administration To Expand Bridge Program\n\n" + BODY +
                              " The Obama administration said it would pay for half of the work.")
    store = SQLiteStore(":memory:")
    store.add(record)
    assert "Obama administration" in {e.name for e in record.entities if e.agent}
    assert not any("dministration" in p["name"] for p in store.people(limit=100))


def test_a_description_never_runs_over_a_line_break(pipeline) -> None:
    record = pipeline.analyze("Mayor Faces Questions Over Bridge Plan\n\n" + BODY)
    assert not any("\n" in m.text for e in record.entities for m in e.mentions)


def test_a_name_never_runs_over_a_line_break() -> None:
    assert not is_name("HuffPost]\nBEER NUTRITION LABELS")


def test_a_well_known_organisation_the_tagger_misses_is_found(pipeline) -> None:
    record = pipeline.analyze("The senator posted a long message on Twitter late on Sunday night.")
    assert "Twitter" in {e.name for e in record.entities if e.type == "ORG" and not e.agent}


def test_a_groups_adjective_and_the_capitalised_noun_after_it_are_one_organisation(pipeline) -> None:
    record = pipeline.analyze("Fighters loyal to the Islamic State seized the town on Monday, officials said.")
    assert "Islamic State" in {e.name for e in record.entities if e.type == "ORG"}


def test_initials_of_a_thing_are_no_organisation_unless_the_corpus_knows_them() -> None:
    out = joined([("National Defense Authorization Act", "ORG"), ("NDAA", "ORG")],
                 [("Democratic National Committee", "ORG")],
                 [("Democratic National Convention", "ORG"), ("DNC", "ORG")])
    assert out[0] == [None, None] and out[2] == [None, "Democratic National Committee"]


def test_initials_inside_one_article_never_join_an_event_they_spell(pipeline) -> None:
    record = pipeline.analyze("Delegates arrived for the Democratic National Convention in Philadelphia. The DNC "
                              "apologised on Monday for emails its staff wrote, and the DNC chairwoman resigned.")
    convention = [e for e in record.entities if e.name.endswith("Convention")]
    assert convention and not any(m.text == "DNC" for e in convention for m in e.mentions)


def test_a_state_code_is_no_organisation() -> None:
    out = joined([("SC", "ORG"), ("SC", "ORG"), ("N.H.", "ORG"), ("IBM", "ORG")])
    assert out == [[None, None, None, "IBM"]]


def test_the_first_word_of_a_things_name_is_no_organisation(pipeline) -> None:
    record = pipeline.analyze("Sanders also won Oklahoma, claiming his third victory in the string of contests "
                              "known as Super Tuesday.")
    assert "Super" not in {e.name for e in record.entities if e.type in ("ORG", "PERSON") and not e.agent}


def test_two_organisations_named_together_are_not_a_third() -> None:
    out = joined([("Facebook", "ORG"), ("Alphabet and Facebook", "ORG"), ("Procter & Gamble", "ORG")])
    assert out == [["Facebook", None, "Procter & Gamble"]]


def test_initials_leave_out_the_legal_form() -> None:
    out = joined([("European Aeronautic Defence and Space Company", "ORG")], [("EADS", "ORG")])
    assert out[1] == ["European Aeronautic Defence and Space Company"]


def test_an_organisation_inside_a_title_keeps_the_titles_tail_out(pipeline) -> None:
    record = pipeline.analyze("The company had previously hired Civilian Deputy Undersecretary of the Air Force "
                              "for Acquisition Mary Holt.\nThis caused a controversy.")
    assert "Air Force" in {e.name for e in record.entities if e.type == "ORG" and not e.agent}


def test_a_body_named_with_for_inside_a_title_keeps_its_whole_name(pipeline) -> None:
    record = pipeline.analyze("John Hamre, President of the Center for Strategic and International Studies, "
                              "said the plan was flawed.")
    assert "Center for Strategic and International Studies" in {e.name for e in record.entities
                                                                 if e.type == "ORG"}


# -- third round: headlines in capitals, titles of works, landmarks, one organisation across types -----------

def test_an_organisation_takes_over_its_name_left_as_a_one_word_person_or_an_unknown_place() -> None:
    d = MemoryDirectory()
    joiner = Joiner(d)
    ids = [joiner.join([EntityRow(f"a{n}", "e0", name, type_)]).get("e0")
           for n, (name, type_) in enumerate([("Politico", "PERSON"), ("LinkedIn", "GPE"), ("Politico", "ORG"),
                                              ("LinkedIn", "ORG"), ("F.B.I.", "GPE"), ("FBI", "ORG")])]
    ids = [d.resolved(i) for i in ids]
    assert ids[0] == ids[2] and ids[1] == ids[3] and ids[4] == ids[5]
    assert d.people[ids[2]].type == "ORG" and d.people[ids[3]].type == "ORG"
    assert joined([("Georgia", "GPE")], [("Georgia", "ORG")]) == [["Georgia"], [None]]  # a real place stays one


def test_a_surname_alone_is_never_taken_over_by_an_organisation_when_a_full_name_claims_it() -> None:
    out = joined([("Donald Trump", "PERSON")], [("Trump", "PERSON")], [("Trump", "ORG")])
    assert out == [["Donald Trump"], ["Donald Trump"], ["Donald Trump"]]


def test_two_letter_initials_join_by_alias() -> None:
    out = joined([("the European Union", "ORG")], [("EU", "ORG")], [("the United Nations", "ORG")], [("UN", "ORG")])
    assert out[1] == out[0] and out[3] == out[2]


def test_landmarks_and_state_nicknames_are_never_listed() -> None:
    out = joined([("Capitol Hill", "ORG"), ("the Oval Office", "ORG"), ("the Granite State", "ORG"),
                  ("The Buckeye State", "ORG"), ("the White House", "ORG")])
    assert out == [[None, None, None, None, "the White House"]]


def test_capital_runs_are_headlines_only_from_a_line_start() -> None:
    from attache.components.entities.headlines import capital_runs

    text = ("Morning news.\nTWO DEAD, 16 INJURED IN NIGHTCLUB SHOOTING Three people were hurt.\n"
            "He told THE WEEKLY STANDARD ON FRIDAY that he would run.\nFBI CIA\n")
    runs = [text[a:b] for a, b in capital_runs(text)]
    assert runs == ["TWO DEAD, 16 INJURED IN NIGHTCLUB SHOOTING"]
    one_letter = "SIX HURT IN A BUS CRASH ON I 95\nThe bus left at noon.\n"
    assert [one_letter[a:b] for a, b in capital_runs(one_letter)] == ["SIX HURT IN A BUS CRASH ON I 95"]


def test_a_title_after_a_work_noun_is_no_one(pipeline) -> None:
    record = pipeline.analyze("Chris Christie was endorsed in Hudson by Buddy Valastro, star of the TLC reality "
                              "show “Cake Boss.” The senator quoted a line from the film Fight Club. Ben Jacobs "
                              "covered the event, and polls show Marco Rubio ahead.\n“It was a disgrace,” wrote "
                              "Tom Goldstein.\n", published="2016-02-01")
    names = {e.name for e in record.entities if e.type in ("PERSON", "ORG") and not e.agent}
    assert "Cake Boss" not in names and "Fight Club" not in names
    assert {"Buddy Valastro", "Marco Rubio", "Tom Goldstein"} <= names


def test_a_storm_named_like_a_person_is_no_one(pipeline) -> None:
    names = named(pipeline, "A week after superstorm Sandy flooded the coast, Governor Ellen Marsh toured the "
                            "shelters. Typhoon Haiyan had struck the islands a year before. Storm Thorgerson, a "
                            "photographer, recorded the damage. After Sandy, insurers paid out billions.\n",
                   "2013-11-08")
    assert not names & {"Sandy", "Typhoon Haiyan", "Haiyan"}
    assert {"Ellen Marsh", "Storm Thorgerson"} <= names


def test_a_building_where_something_was_done_is_a_venue_not_a_body(pipeline) -> None:
    record = pipeline.analyze("Senator Ruth Dane spoke at Lakeview High School on Monday, and her rival rallied "
                              "supporters in the Harmon Center. Paul Ames, a fellow at the Brandt Policy Center, "
                              "said turnout was low.\n", published="2016-02-01")
    types = {e.name: e.type for e in record.entities}
    assert types["Lakeview High School"] == "FAC" and types["Harmon Center"] == "FAC"
    assert types["Brandt Policy Center"] == "ORG"  # someone's workplace: a body


def test_a_party_to_a_court_case_and_a_rank_are_no_one(pipeline) -> None:
    assert named(pipeline, "The brief cited Citizens United v. FEC and Dunmore v. Hale, Navy Capt. Ruth Dane "
                           "told the committee on Monday.\n") == {"Ruth Dane"}


def test_a_currency_code_is_no_organisation(pipeline) -> None:
    assert named(pipeline, "The kit costs $99 (USD), and the handset 249 EUR, the Harlow Group said.\n") \
        == {"Harlow Group"}


def test_a_title_quoted_alone_or_after_a_comma_is_no_one(pipeline) -> None:
    record = pipeline.analyze("Senator Dana Whitlock said in her 2014 memoir, “A Quiet Harbor,” that she would "
                              "never run. Paul Ames, the co-author of “Bright Lines,” disagreed. Sign up for our "
                              "newsletter, Morning Ledger. Paul Ames said the memoir sold well.\n",
                              published="2016-02-01")
    names = {e.name for e in record.entities if e.type in ("PERSON", "ORG") and not e.agent}
    assert not names & {"Quiet Harbor", "Bright Lines", "Morning Ledger"}
    assert {"Dana Whitlock", "Paul Ames"} <= names


def test_a_stage_direction_of_a_transcript_is_no_one(pipeline) -> None:
    record = pipeline.analyze("Ms. Ortega spoke to the panel on Monday about the harbour budget and the new "
                              "ferry line. She said the city had waited too long for the service and that the council "
                              "would have to find the money before the summer.\n\n(BEGIN VIDEO CLIP)\n\nORTEGA: We "
                              "will fund it this year, and we will not raise the fares to do it.\n\n(END VIDEO CLIP)"
                              "\n\nThe panel voted on Tuesday to approve the first half of the money.\n", published="2016-02-01")
    names = {e.name for e in record.entities}
    assert not any("CLIP" in n for n in names)


def test_stage_directions_are_capital_runs_however_short() -> None:
    from attache.components.entities.headlines import capital_runs

    text = "He spoke.\n(APPLAUSE)\n[END VIDEO CLIP.]\n(He paused.)\n"
    assert [text[a:b] for a, b in capital_runs(text)] == ["APPLAUSE", "END VIDEO CLIP."]


def test_a_short_form_joins_the_longer_name_unless_it_is_another_body() -> None:
    out = joined([("The Washington Post", "ORG"), ("the Post", "ORG")],
                 [("White House", "ORG"), ("House", "ORG")],
                 [("U.S. House of Representatives", "ORG")])
    assert out[0] == ["The Washington Post", "The Washington Post"]
    assert out[1][0] == "White House" and out[1][1] != "White House"  # the House is the House of Representatives
    assert out[2] == [out[1][1]]


def test_a_company_named_with_its_legal_form_is_no_short_form_of_a_longer_name() -> None:
    out = joined([("Apple Corps", "ORG")], [("Apple Inc.", "ORG")], [("Fox News", "ORG")], [("Fox", "ORG")])
    assert out[1] != ["Apple Corps"]
    assert out[3] == ["Fox News"]


def test_an_article_keeps_a_company_with_its_legal_form_apart_from_a_longer_namesake(pipeline) -> None:
    record = pipeline.analyze("Halden Inc. settled its dispute with Halden Records on Monday. "
                              "Halden Records said the deal was fair.", published="2016-02-01")
    holding = [{m.text for m in e.mentions} for e in record.entities]
    assert not any({"Halden Inc.", "Halden Records"} <= texts for texts in holding)
    assert any("Halden Inc." in texts for texts in holding)


@pytest.mark.parametrize("text, partners", [
    ("A fresh CNN/ORC poll puts the governor ahead.", ["CNN", "ORC"]),
    ("A CNN/WMUR poll of registered Democrats put the governor ahead.", ["CNN", "WMUR"]),
    ("A fresh CNN-ORC poll puts the governor ahead.", ["CNN", "ORC"]),
    ("The governor led by four points in an Associated Press-GfK poll of likely voters.", ["Associated Press", "GfK"]),
])
def test_partners_of_a_joint_poll_are_two_organisations_however_short(pipeline, text, partners) -> None:
    record = pipeline.analyze(text, published="2016-05-01")
    assert [e.name for e in record.entities if e.type == "ORG"] == partners


def test_an_organisation_named_after_a_nation_or_party_member_is_a_description() -> None:
    # "WWII Italian" (dictator), "Florida Latino" (voters), "Blue Dog Democrat" (a description of a lawmaker)
    assert joined([("WWII Italian", "ORG"), ("Florida Latino", "ORG"), ("Blue Dog Democrat", "ORG"),
                   ("Harlow Italian Bakers Guild", "ORG"), ("Ruth French", "PERSON"), ("Tom Cuban", "PERSON")]) \
        == [[None, None, None, "Harlow Italian Bakers Guild", "Ruth French", "Tom Cuban"]]


def test_a_product_line_with_its_model_or_version_is_never_listed() -> None:
    # a product line alone or with a model, version or size after it is a thing; its maker is named on its own
    out = joined([("Mac OS X Leopard", "ORG"), ("MacBook Pro", "ORG"), ("the iPhone 3G", "ORG"),
                  ("Kindle Fire", "PERSON"), ("Apple", "ORG"), ("SDK", "ORG"), ("Kindle Press Agency", "ORG"),
                  ("Mac Tobin", "PERSON")])
    assert out == [[None, None, None, None, "Apple", None, "Kindle Press Agency", "Mac Tobin"]]


def test_courses_statements_and_atrocities_are_never_listed() -> None:
    out = joined([("the Birchwood Golf Course", "ORG"), ("the Port Elgin Statement", "ORG"),
                  ("the Anatolian Genocide", "ORG"), ("Lakeland Airways", "ORG")])
    assert out == [[None, None, None, "Lakeland Airways"]]


def test_a_name_before_or_beside_a_venues_common_noun_is_the_venue(pipeline) -> None:
    record = pipeline.analyze("Warren Holt will hold a rally at the Golden Mesa casino in Reno on Friday, aides "
                              "said. The billionaire flew to Scotland to reopen his Kilbrannan Links golf course "
                              "last week. Police said two people died at Vortex, a popular Miami nightclub. Ruth "
                              "Dane toured the Harlow Steel plant, and Harlow Steel said it would hire. The mayor "
                              "may speak at the 60,000-seat Harlow Hawks football stadium next month.\n",
                              published="2016-02-01")
    types = {e.name: e.type for e in record.entities}
    assert types["Golden Mesa"] == types["Kilbrannan Links"] == types["Vortex"] == "FAC"
    assert types["Harlow Steel"] == "ORG"  # a company's own site names the company
    assert types["Harlow Hawks"] == "ORG"  # a team's home names the team


def test_a_ship_named_after_someone_is_no_one(pipeline) -> None:
    names = named(pipeline, "Navy officials said a fifth aircraft carrier -- the Harold T. Pemberton -- could sail "
                            "for the Gulf within days. The plan is for the Pemberton to relieve the carrier Walter "
                            "J. Ashcombe, which has been at sea since May. The destroyer John Paul Ridley docked. "
                            "Marcus Ridley, the captain, said the Marcus Ridley of 2010 was gone. The Ruth Dane "
                            "campaign said Ruth Dane would speak. The Beacon, a weekly, chided her. In May he launched the "
                            "Dunmore Shuttle, a commuter airline.\n", "1990-08-13")
    assert not names & {"Harold T. Pemberton", "Pemberton", "Walter J. Ashcombe", "John Paul Ridley"}
    assert {"Marcus Ridley", "Ruth Dane", "Beacon", "Dunmore Shuttle"} <= names


def test_initials_of_a_thing_the_lexicon_knows_are_no_organisation_written_alone() -> None:
    # "NCLB" (No Child Left Behind) is the law even where the tagger never found its full name; initials the corpus
    # knows as an organisation's stay that organisation's
    out = joined([("NCLB", "ORG"), ("Harlow School Board", "ORG")], [("DJIA", "ORG")],
                 [("World Textile Council", "ORG")], [("WTC", "ORG")])
    assert out[0] == [None, "Harlow School Board"] and out[1] == [None]
    assert out[3] == ["World Textile Council"]


def test_a_street_square_park_or_eatery_named_in_another_language_is_never_listed() -> None:
    out = joined([("Parque Lindo", "ORG"), ("Chez Marcel", "ORG"), ("Calle Ocho", "PERSON"),
                  ("the Rue Bonaparte", "ORG"), ("Plaza Holdings Group", "ORG"), ("Luis Calle", "PERSON")])
    assert out == [[None, None, None, None, "Plaza Holdings Group", "Luis Calle"]]


def test_a_word_named_right_after_a_product_line_is_its_version(pipeline) -> None:
    record = pipeline.analyze("Fans lined up overnight for OS X Panther, the newest version of the system. Panther "
                              "adds a faster search tool. On his iPhone Trump posted a message.\n",
                              published="2016-02-01")
    names = {e.name for e in record.entities if e.type in ("PERSON", "ORG") and not e.agent}
    assert "Panther" not in names and "Trump" in names


def test_a_title_called_so_after_a_work_or_software_noun_is_no_one(pipeline) -> None:
    names = named(pipeline, "The campaign used software called VoterBase to track donors. Teens now chat through an "
                            "app called Chatterly. The money went to a firm called Harlow Partners and to a man "
                            "named Victor Hale. The bill targets the country's nuclear program, the Harlow Defense "
                            "Council and arms dealers.\n")
    assert not names & {"VoterBase", "Chatterly"}
    assert {"Harlow Partners", "Victor Hale", "Harlow Defense Council"} <= names


def test_panels_of_a_papers_writers_and_city_nicknames_are_never_listed() -> None:
    out = joined([("Board of Contributors", "ORG"), ("the Editorial Board", "ORG"), ("the Big Apple", "ORG"),
                  ("the Windy City", "ORG"), ("the Florida Standards", "ORG"), ("Harlow Editorial Board Inc.", "ORG")])
    assert out == [[None, None, None, None, None, "Harlow Editorial Board Inc."]]


def test_a_building_named_after_its_storeys_is_a_venue_and_a_market_index_is_no_one(pipeline) -> None:
    record = pipeline.analyze("The blast shattered the glass front of the 30-story Harlow Cooperative House and "
                              "toppled the six-story Ngamba House nearby, Ruth Dane said. The Harlow Times 100-share "
                              "index fell 20 points, and shares of Harlow Steel rose in Harlow Exchange composite "
                              "trading.\n", published="1998-08-10")
    types = {e.name: e.type for e in record.entities}
    assert types["Harlow Cooperative House"] == types["Ngamba House"] == "FAC"
    assert "Harlow Times" not in types
    assert types["Harlow Steel"] == types["Harlow Exchange"] == "ORG"


def test_news_and_talk_shows_are_never_listed() -> None:
    out = joined([("Fox & Friends", "ORG"), ("The Kelly File", "ORG"), ("Meet the Press", "ORG"),
                  ("Breitbart News Daily", "ORG"), ("Fox News", "ORG"), ("PBS NewsHour", "ORG")])
    assert out == [[None, None, None, None, "Fox News", "PBS NewsHour"]]


def test_a_family_named_by_its_place_and_plural_surname_is_never_listed() -> None:
    out = joined([("Lazaro Halloran", "PERSON"), ("the Denver Hallorans", "ORG"), ("the Texas Bushes", "ORG"),
                  ("Denver Broncos", "ORG")])
    assert out == [["Lazaro Halloran", None, "the Texas Bushes", "Denver Broncos"]]


def test_a_body_and_the_organisation_after_its_for_the_are_one_name(pipeline) -> None:
    record = pipeline.analyze("The Office of the Chief Auditor for the Harbor Authority found classified emails. "
                              "Judge Ruth Dane of the Harlow Court of Appeals for the Eighth Circuit wrote the "
                              "opinion.\n", published="2016-02-01")
    orgs = {e.name for e in record.entities if e.type == "ORG"}
    assert "Office of the Chief Auditor for the Harbor Authority" in orgs
    assert not orgs & {"Harbor Authority", "Eighth Circuit"}



def test_party_members_by_short_or_ideological_words_and_names_of_the_deity_are_never_listed() -> None:
    out = joined([("Southern Dems", "ORG"), ("Harlow County Dems", "ORG"), ("National Socialist", "ORG"),
                  ("Communist Party", "ORG"), ("Divine Providence", "ORG"), ("the Lord", "PERSON"),
                  ("Winston Lord", "PERSON")])
    assert out == [[None, None, None, "Communist Party", None, None, "Winston Lord"]]


def test_a_datelines_place_in_capitals_is_no_person_or_body(pipeline) -> None:
    # wire copy of the 1990s writes the dateline's dash "_": the dateline is boilerplate, its place no one
    record = pipeline.analyze("MIAMI _ The angry crowd rushed at Manuel Ortiz as he left the courthouse.\n",
                              published="2000-02-24")
    assert [(b.kind, b.text) for b in record.boilerplate] == [("dateline", "MIAMI _")]
    assert not [e for e in record.entities if e.name.upper() == "MIAMI" and e.type in ("PERSON", "ORG")]
    assert "Manuel Ortiz" in {e.name for e in record.entities}


def test_a_building_named_as_a_spot_one_is_near_outside_in_front_of_or_visits_is_a_venue(pipeline) -> None:
    record = pipeline.analyze("Marchers sang in front of the Blue Heron Inn, which opened in 1969, on Friday. Later "
                              "the mayor left her car near Blue Heron and walked on. Dana Ruiz visited the Harbor "
                              "Fishermen Memorial in the morning, and a crowd outside the Kestrel Arena cheered. Paul "
                              "Ames, a fellow at the Brandt Policy Center, said turnout was low.\n",
                              published="2016-02-01")
    types = {e.name: e.type for e in record.entities if e.type in ("PERSON", "ORG", "FAC")}
    assert types.get("Blue Heron Inn", "FAC") == "FAC" and types.get("Blue Heron", "FAC") == "FAC"
    assert types.get("Harbor Fishermen Memorial", "FAC") == "FAC" and types.get("Kestrel Arena", "FAC") == "FAC"
    assert types["Brandt Policy Center"] == "ORG"  # someone's workplace: a body
    assert {"Dana Ruiz", "Paul Ames"} <= set(types)


def test_names_listed_as_a_companys_brands_or_what_it_makes_are_products(pipeline) -> None:
    names = named(pipeline, "Shares of Brandwell Foods fell on Monday. Analysts say much of the loss has been in such "
                            "core brands as Oat Puffs, Honey Rings and Cocoa Crunch. Brandwell Foods, the company "
                            "that makes Maple Stars, Berry Loops and Nutty Squares, will cut 300 jobs, said Dana "
                            "Ruiz, who makes Brandwell Foods look lean.\n", "1989-10-30")
    assert not names & {"Oat Puffs", "Honey Rings", "Cocoa Crunch", "Maple Stars", "Berry Loops", "Nutty Squares"}
    assert {"Brandwell Foods", "Dana Ruiz"} <= names


def test_the_worlds_benchmark_stock_indexes_are_no_one_but_the_exchanges_are_bodies() -> None:
    out = joined([("the FTSE 100 index", "ORG"), ("CAC 40", "ORG"), ("Kospi", "ORG"), ("the Shanghai Composite", "ORG"),
                  ("Nasdaq", "ORG"), ("Toronto Stock Exchange", "ORG"), ("NSA", "ORG"), ("NCI", "ORG")])
    assert out == [[None, None, None, None, "Nasdaq", "Toronto Stock Exchange", "NSA", "NCI"]]  # no index's initials


def test_a_name_inside_a_quoted_title_is_no_one(pipeline) -> None:
    names = named(pipeline, "The paper ran ''Why Dana Ruiz Matters Now'' on its front page. The senator quoted "
                            "''Letters to the Ohio Senate'' in his speech, and Paul Ames said ''it was right.''\n")
    assert not names & {"Dana Ruiz Matters", "Dana Ruiz", "Ohio Senate"}
    assert "Paul Ames" in names


def test_a_book_of_scripture_cited_by_chapter_is_no_one(pipeline) -> None:
    names = named(pipeline, "“I felt called to open the 29th Chapter of Jeremiah to learn who should lead us,” the "
                            "bishop wrote. Jeremiah 29:11 reads: “I know the plans.” He said he sees the verse "
                            "fulfilling Jeremiah 29 for the nominee, Dana Ruiz.\n")
    assert not {n for n in names if n.startswith("Jeremiah")} and "Dana Ruiz" in names
    names = named(pipeline, "Ruth Dane of the Ohio chapter of NAACP spoke first. Dane 10:30 a.m. Ames 11 a.m.\n")
    assert {"Ruth Dane", "NAACP"} <= names  # an organisation's chapter; a time of day


def test_a_thing_given_a_name_by_called_named_or_referred_to_as_is_no_one(pipeline) -> None:
    names = named(pipeline, "The brewery poured a special beer called Harbor Gold Lager for the delegates. Records "
                            "were kept in a system known as TRACE. His Gulfstream jet, often referred to as Harlow "
                            "Force One, flew to Ohio, said Dana Ruiz, a spokeswoman for a firm called Harlow "
                            "Partners.\n")
    assert not names & {"Harbor Gold Lager", "TRACE", "Harlow Force One"}
    assert {"Dana Ruiz", "Harlow Partners"} <= names


def test_people_named_by_their_role_in_a_lawsuit_or_their_trade_are_no_one() -> None:
    out = joined([("Plaintiff", "PERSON"), ("Politicos", "PERSON"), ("Feminists", "ORG"), ("Dana Ruiz", "PERSON"),
                  ("Liberals", "ORG")])
    assert out == [[None, None, None, "Dana Ruiz", "Liberals"]]


def test_a_car_model_or_a_phone_or_game_named_with_its_maker_is_a_product_but_the_maker_is_a_body() -> None:
    out = joined([("the Chevrolet Volt", "ORG"), ("Ford Focus", "PERSON"), ("Ford", "ORG"), ("Chevrolet", "ORG"),
                  ("Ford Motor Co.", "ORG"), ("Pokemon Go", "ORG"), ("Samsung Galaxy Note 7", "ORG"),
                  ("Samsung", "ORG")])
    assert out == [[None, None, "Ford", "Chevrolet", "Ford", None, None, "Samsung"]]  # "Chevrolet" had joined the Volt


def test_a_governments_instruments_written_capitalised_are_no_one(pipeline) -> None:
    names = named(pipeline, "The president will put limits on rifles via Executive Order, Dana Ruiz said on Monday.\n")
    assert names == {"Dana Ruiz"}
    assert joined([("Executive Action", "ORG"), ("Executive Privilege", "ORG"), ("Ruth Dane", "PERSON")]) \
        == [[None, None, "Ruth Dane"]]


def test_a_beauty_pageant_named_with_miss_is_no_one(pipeline) -> None:
    names = named(pipeline, "Ana Ruiz, a former Miss Universe, said she was mocked. She won Miss USA in 1996, and "
                            "Ruth Dane, who owned the televised Miss Universe pageant, said on Monday she would sell "
                            "it.\n")
    assert not names & {"Universe", "USA", "Miss Universe"}
    assert {"Ana Ruiz", "Ruth Dane"} <= names


def test_symbols_named_with_a_kinship_or_courtesy_title_are_no_one(pipeline) -> None:
    names = named(pipeline, "Ruth Dane said Uncle Sam should not pay for it, and that Lady Liberty would weep. Mother "
                            "Nature had other plans, Dana Ruiz said.\n")
    assert not names & {"Liberty", "Lady Liberty", "Nature", "Mother Nature"}
    assert joined([("Uncle Sam", "PERSON"), ("Lady Justice", "PERSON"), ("Dana Ruiz", "PERSON")]) \
        == [[None, None, "Dana Ruiz"]]


def test_scandals_known_by_a_nickname_and_epidemics_are_no_one() -> None:
    out = joined([("Bridgegate", "PERSON"), ("Pizzagate", "ORG"), ("Zika", "PERSON"), ("Ebola", "ORG"),
                  ("Ruth Dane", "PERSON")])
    assert out == [[None, None, None, None, "Ruth Dane"]]


def test_entertainment_shows_are_no_one_and_lend_no_ones_initials() -> None:
    out = joined([("The Apprentice", "ORG"), ("American Idol", "ORG"), ("House of Cards", "ORG"),
                  ("Voice of America", "ORG"), ("DWS", "ORG"), ("the Voice", "ORG")])
    assert out == [[None, None, None, "Voice of America", "DWS", "Voice of America"]]  # a short name, no show


def test_units_named_after_someone_honours_that_name_a_status_and_generations_are_no_one(pipeline) -> None:
    assert joined([("Fahrenheit", "ORG"), ("Gold Star", "ORG"), ("Purple Heart", "PERSON"), ("Ruth Dane", "PERSON")]) \
        == [[None, None, None, "Ruth Dane"]]
    names = named(pipeline, "Baby Boomers and Generation Xers voted early, Ruth Dane said.\n")
    assert names == {"Ruth Dane"}
