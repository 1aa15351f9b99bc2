"""The entities component: names, titles, role nominals, pronouns, actor codes and quote speakers."""

from __future__ import annotations

import pytest

from attache.components.base import entity_at
from attache.record import Analysis, Entity


def _entity_with(record: Analysis, text: str) -> Entity:
    found = [e for e in record.entities if any(m.text == text for m in e.mentions)]
    assert len(found) == 1, f"{text!r} in {[(e.name, [m.text for m in e.mentions]) for e in record.entities]}"
    return found[0]


def _people_of(record: Analysis) -> dict[str, str | None]:
    """The person the people index joins each of the record's entities to (None: not listed)."""
    from attache.store import SQLiteStore

    store = SQLiteStore(":memory:")
    store.add(record)
    return store.article_people(record.id)


def _listed(record: Analysis) -> set[str]:
    """Ids of the record's entities the people index lists."""
    return {e for e, p in _people_of(record).items() if p}


def _offsets_hold(record: Analysis) -> None:
    for e in record.entities:
        for m in e.mentions:
            assert record.text[m.start:m.end] == m.text


def test_titled_name_surname_and_pronoun_form_one_person(pipeline) -> None:
    text = ("Foreign Minister Anna Lindqvist arrived in Oslo on Monday for two days of talks. "
            "Lindqvist said she would meet Norwegian officials on Tuesday.")
    record = pipeline.analyze(text, published="2018-10-09")
    person = _entity_with(record, "Lindqvist")
    assert person.name == "Anna Lindqvist"
    assert person.type == "PERSON"
    assert "Foreign Minister" in person.titles
    assert any(m.text == "she" for m in person.mentions)
    assert person.actor is not None and person.actor.sector == "GOV"
    _offsets_hold(record)


def test_role_nominal_joins_the_person_the_article_introduced_with_that_title(pipeline) -> None:
    text = ("Secretary of Defense Mark Ellison visited the base in Texas on Friday. "
            "Later the secretary of defense spoke to the troops about the new budget.")
    record = pipeline.analyze(text, published="2018-10-09")
    person = _entity_with(record, "the secretary of defense")
    assert person.name == "Mark Ellison"
    assert person.actor is not None and (person.actor.country, person.actor.sector) == ("USA", "GOV")


def test_demonym_gives_officials_a_country(pipeline) -> None:
    record = pipeline.analyze("Japanese officials said the talks would resume next month.", published="2018-10-09")
    officials = _entity_with(record, "Japanese officials")
    assert officials.actor is not None
    assert (officials.actor.country, officials.actor.sector) == ("JPN", "GOV")
    assert not any(e.type == "NORP" for e in record.entities)  # the demonym is the officials' attribute


def test_international_organisation_has_no_country(pipeline) -> None:
    record = pipeline.analyze("The IAEA said on Monday that inspectors had found no violations at the site.",
                              published="2018-10-09")
    agency = next(e for e in record.entities if any(m.text == "IAEA" for m in e.mentions))
    assert agency.actor is not None and agency.actor.country is None and agency.actor.sector == "IGO"


def test_an_acronym_the_tagger_calls_a_place_is_the_organisation_it_spells(pipeline) -> None:
    text = ("The NRA spent millions on the race. A spokesman for the National Rifle Association said the group "
            "would not back down. The NRA has 5 million members. The UK and the U.S. agreed.")
    record = pipeline.analyze(text, published="2018-10-09")
    association = _entity_with(record, "the National Rifle Association")
    assert association.type == "ORG" and sum(m.text == "NRA" for m in association.mentions) == 2
    assert _entity_with(record, "UK").type == "GPE"  # a country's short form stays a place


def test_an_untagged_acronym_spelling_an_organisation_named_in_full_is_that_organisation(pipeline) -> None:
    text = ("The American Federation of Teachers endorsed her on Monday. Powerful AFT President Randi Weingarten "
            "spoke first. Members affiliated with the AFT are working with students. The US and the NBA agreed.")
    record = pipeline.analyze(text, published="2016-07-01")  # the tagger leaves both "AFT" untagged
    union = _entity_with(record, "The American Federation of Teachers")
    assert [m.text for m in union.mentions if m.text.isupper()] == ["AFT", "AFT"]
    assert _entity_with(record, "US").type == "GPE"


def test_a_name_that_begins_with_a_persons_surname_is_not_that_person(pipeline) -> None:
    text = ("Donald Trump flew to Scotland on Friday. Trump spoke at length. He then opened Trump Turnberry, his "
            "golf resort, where Trump said the vote was a great thing. Kim Jong Un met the envoy. Kim said the "
            "talks were good.")
    record = pipeline.analyze(text, published="2018-10-09")
    trump = _entity_with(record, "Donald Trump")
    assert trump.name == "Donald Trump" and "Trump Turnberry" not in {m.text for m in trump.mentions}
    assert "Kim" in {m.text for m in _entity_with(record, "Kim Jong Un").mentions}  # a surname written first


def test_a_body_named_after_its_leader_holds_a_mention_of_the_leader(pipeline) -> None:
    text = ("Hillary Clinton spoke in Ohio on Monday. The Clinton campaign said on Tuesday that the Obama White "
            "House had misled voters.")
    record = pipeline.analyze(text, published="2016-07-26")
    clinton = _entity_with(record, "Hillary Clinton")
    assert any(m.text == "Clinton" and text[m.start - 4:m.start] == "The " for m in clinton.mentions)
    assert _entity_with(record, "The Clinton campaign").type == "ORG"
    assert _entity_with(record, "Obama White House").type == "ORG"  # the tagger calls it a person
    obama = _entity_with(record, "Obama")
    assert obama.type == "PERSON" and obama.actor is not None and obama.actor.country == "USA"  # a known leader


def test_the_company_and_its_refer_to_the_named_company(pipeline) -> None:
    text = "Northwind Corp. reported record profits on Tuesday. The company said its sales rose 12 percent."
    record = pipeline.analyze(text, published="2018-10-09")
    company = _entity_with(record, "The company")
    assert any(m.text.startswith("Northwind") for m in company.mentions)
    assert any(m.text == "its" for m in company.mentions)
    assert company.name.startswith("Northwind")


def test_a_body_owned_by_one_company_is_not_the_company_named_last(pipeline) -> None:
    text = ("Northwind Corp. won the order on Monday. The purchase was approved by Harlow Air's board of directors "
            "in a vote on Friday.")
    record = pipeline.analyze(text, published="2018-10-09")
    board = _entity_with(record, "Harlow Air's board")
    assert not any(m.text.startswith("Northwind") for m in board.mentions)


def test_a_number_of_people_is_named_without_its_approximation(pipeline) -> None:
    record = pipeline.analyze("The new ferry takes up to 620 people, and more than 200 protesters met it.",
                              published="2018-10-09")
    mentions = {m.text for e in record.entities for m in e.mentions}
    assert {"620 people", "200 protesters"} <= mentions
    assert not any(t.startswith(("up to", "more than")) for t in mentions)


def test_first_person_in_a_quote_is_its_speaker(pipeline) -> None:
    text = "“I will not resign before the election,” said Governor Paula Reyes on Thursday."
    record = pipeline.analyze(text, published="2018-10-09")
    governor = _entity_with(record, "I")
    assert governor.name == "Paula Reyes"
    for q in record.quotes:
        if q.speaker is not None and q.speaker.start is not None:
            assert q.speaker.entity == governor.id


def test_pronoun_inside_a_quote_is_not_linked_to_the_narrators_entity(pipeline) -> None:
    text = ("Senator Tom Baker criticised the plan on Monday. "
            "“He is wrong about this,” Mayor Linda Cho told reporters.")
    record = pipeline.analyze(text, published="2018-10-09")
    baker = next(e for e in record.entities if e.name == "Tom Baker")
    assert all(m.text != "He" for m in baker.mentions)


def test_an_object_pronoun_is_not_the_subject_controlling_its_infinitive(pipeline) -> None:
    # "her" cannot be Holt, who continued to portray her; so "he" is then Holt's rival's pronoun, not Holt's
    text = ("Even after Governor Reyes agreed to three debates, Senator Tom Holt continued to portray her as "
            "hiding. On Friday, he told a radio host that Reyes feared the questions.")
    record = pipeline.analyze(text, published="2016-04-10")
    holt = next(e for e in record.entities if e.name == "Tom Holt")
    assert [m.text for m in holt.mentions if m.text in ("her", "he")] == ["he"]


def test_an_abbreviated_title_is_the_title_a_nominal_repeats(pipeline) -> None:
    text = ("Sen. Ann Holt spoke first on Tuesday. \"The tax is a mistake,\" the Ohio senator said in a statement.")
    record = pipeline.analyze(text, published="2016-01-06")
    holt = next(e for e in record.entities if e.name == "Ann Holt")
    assert "the Ohio senator" in [m.text for m in holt.mentions]


def test_narration_between_mismatched_quotation_marks_is_not_a_quotation(pipeline) -> None:
    # a curly mark opens the first quotation and straight marks close it and open the next: "he said" between
    # them is narration, and "he" is the senator named before
    text = ("Sen. Ann Holt criticised the plan on Tuesday. \u201cIf the plan passes, it will be another failure,\" he "
            "said. \"Our towns deserve better.\"")
    record = pipeline.analyze(text, published="2016-01-06")
    holt = next(e for e in record.entities if e.name == "Ann Holt")
    assert record.quotes and all(q.speaker is not None and q.speaker.entity == holt.id for q in record.quotes)


def test_a_possessive_in_an_apposition_is_not_the_person_it_describes(pipeline) -> None:
    # "her" is Governor Reyes, not the aide whose apposition holds it; so the aide stays "he"
    text = ("Governor Ana Reyes spoke in Toledo on Monday. \"The party is tired,\" said Ravi Tandon, a Reyes campaign "
            "aide during her 2010 run. \"We need a new voice,\" he said.")
    record = pipeline.analyze(text, published="2016-01-06")
    tandon = next(e for e in record.entities if e.name == "Ravi Tandon")
    assert "her" not in [m.text for m in tandon.mentions]
    assert [q.speaker.entity for q in record.quotes if q.speaker] == [tandon.id, tandon.id]


def test_article_without_names_and_pronoun_only_text(pipeline) -> None:
    record = pipeline.analyze("It rained all day and the roads were wet.", published="2018-10-09")
    assert all(e.type for e in record.entities)
    record = pipeline.analyze("He said they would come back. She agreed with him.", published="2018-10-09")
    assert record.entities == []  # pronouns with nothing to refer to make no entities


def test_names_in_capitals_and_non_latin_text_do_not_fail(pipeline) -> None:
    record = pipeline.analyze("PRESIDENT JOHN SMITH SAID HE WOULD RESIGN. SMITH DID NOT SAY WHEN.",
                              published="2018-10-09")
    _offsets_hold(record)
    record = pipeline.analyze("Ким Чен Ын встретился с Мун Чжэ Ином в Пхеньяне.", published="2018-10-09")
    _offsets_hold(record)


def test_hundreds_of_names(pipeline) -> None:
    first = ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
    last = ["Petrov", "Lindgren", "Moreau", "Okafor", "Tanaka", "Silva", "Novak", "Haddad", "Kowalski",
            "Brennan", "Ferreira", "Iverson", "Castillo", "Nakamura", "Schultz", "Adeyemi", "Romano", "Larsen",
            "Yilmaz", "Duarte"]
    sentences = [f"{f} {s} said that the talks with {first[(i + 3) % 10]} {last[(j + 7) % 20]} had been "
                 "useful and would go on for the rest of the week."
                 for i, f in enumerate(first) for j, s in enumerate(last)]
    text = " ".join(sentences)
    record = pipeline.analyze(text, published="2018-10-09")
    _offsets_hold(record)
    people = [e for e in record.entities if e.type == "PERSON"]
    assert len(people) >= 100
    assert len({e.id for e in record.entities}) == len(record.entities)


def test_entity_at_finds_the_entity_of_a_span(pipeline) -> None:
    text = "Prime Minister Olaf Berg met reporters in Copenhagen. Berg said talks went well."
    doc = pipeline.nlp(text)
    berg = next(e for e in doc._.attache_entities if e.name == "Olaf Berg")
    start = text.rindex("Berg")
    assert entity_at(doc, start, start + 4) == berg.id
    assert entity_at(doc, text.index("talks"), text.index("talks") + 5) is None


@pytest.mark.parametrize("text", ["“", "“Unbalanced quote said Mr.", "Mr. . . . he she it", "- - -"])
def test_odd_input_never_raises(pipeline, text: str) -> None:
    _offsets_hold(pipeline.analyze(text, published="2018-10-09"))


def test_relative_pronoun_and_they_refer_to_coordinated_companies(pipeline) -> None:
    text = ("Halden Foods and Norvik Dairy, which supply most of the region, said on Monday that they "
            "would cut 400 jobs.")
    record = pipeline.analyze(text, published="2018-10-09")
    group = _entity_with(record, "Halden Foods and Norvik Dairy")
    assert {"which", "they"} <= {m.text for m in group.mentions}


def test_we_in_a_spokesmans_quote_is_his_company(pipeline) -> None:
    text = ("John Pearce, the chief executive of Halden Foods, said the plants would close. "
            "“We have no choice,” Pearce said.")
    record = pipeline.analyze(text, published="2018-10-09")
    company = next(e for e in record.entities if e.name == "Halden Foods")
    assert any(m.text == "We" for m in company.mentions)
    person = _entity_with(record, "Pearce")
    assert person.actor is not None and person.actor.sector == "BUS"


def test_meantime_dev_sample_scores(shared) -> None:
    from attache.evaluate.entities import evaluate_meantime

    folder = shared / "data" / "meantime" / "dev"
    if not folder.is_dir():
        pytest.skip("MEANTIME dev data is not present")
    scores = evaluate_meantime(folder, limit=6)
    assert scores.documents == 6
    assert scores.mention_f1 > 0.6 and scores.conll_f1 > 0.5


def test_a_leader_named_by_title_and_surname_or_by_administration_has_a_country(pipeline) -> None:
    record = pipeline.analyze("The Obama administration rejected the proposal. President Putin visited Ankara.")
    countries = {e.name: e.actor.country for e in record.entities if e.actor}
    assert countries["Obama administration"] == "USA" and countries["Putin"] == "RUS"


@pytest.mark.parametrize("text, name", [
    ("Beneath Clinton's wins, signs of trouble for her campaign.", "Clinton"),  # a headline's preposition
    ("Billionaire Donald Trump has dominated the race.", "Donald Trump"),  # a common noun before a full name
])
def test_a_persons_name_keeps_no_word_before_it_that_is_no_name(pipeline, text, name):
    record = pipeline.analyze(text, published="2016-03-04")
    assert name in [e.name for e in record.entities if e.type == "PERSON"]


def test_a_titled_surname_goes_to_the_namesake_its_title_fits(pipeline) -> None:
    text = ("Former Governor Robert Halvorsen campaigned in Iowa on Monday for his wife, Margaret Halvorsen. "
            "Mr. Halvorsen told voters that Mrs. Halvorsen would fight for them. "
            "Halvorsen said the governor's record spoke for itself. Later Mrs. Halvorsen thanked Governor Halvorsen.")
    record = pipeline.analyze(text, published="2016-02-01")
    husband, wife = _entity_with(record, "Robert Halvorsen"), _entity_with(record, "Margaret Halvorsen")
    husband_says = [m.text for m in husband.mentions]
    wife_says = [m.text for m in wife.mentions]
    assert husband_says.count("Mr. Halvorsen") == 1 and "Governor Halvorsen" in husband_says
    assert wife_says.count("Mrs. Halvorsen") == 2 and "Mr. Halvorsen" not in wife_says


def test_a_suffix_after_a_comma_keeps_the_son_apart_from_his_father(pipeline) -> None:
    text = ("Walter Brandt, Jr. opened the rally in Dayton. His father, Walter Brandt, watched from the front row. "
            "Brandt later told reporters the crowd was the largest of the tour.")
    record = pipeline.analyze(text, published="2016-02-01")
    son, father = _entity_with(record, "Walter Brandt, Jr."), _entity_with(record, "Walter Brandt")
    assert son is not father
    assert "Brandt" in [m.text for m in father.mentions]  # a surname alone: the one named without a suffix
    record = pipeline.analyze("Martin Luther King, Jr., led the march. King spoke last.", published="1963-08-28")
    assert "King" in [m.text for m in _entity_with(record, "Martin Luther King, Jr.").mentions]


def test_a_titled_surname_whose_title_fits_no_namesake_is_someone_else(pipeline) -> None:
    text = ("Margaret Halvorsen spoke in Ohio on Monday. Halvorsen said the economy was strong. "
            "Mr. Halvorsen, who ran the state in the 1990s, stayed home.")
    record = pipeline.analyze(text, published="2016-02-01")
    wife = _entity_with(record, "Margaret Halvorsen")
    assert "Mr. Halvorsen" not in [m.text for m in wife.mentions]
    assert _entity_with(record, "Mr. Halvorsen") is not wife


def test_the_given_names_build_keeps_names_one_sex_mostly_bears_and_names_a_bad_line(tmp_path) -> None:
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "scripts" / "build_given_names.py"
    spec = importlib.util.spec_from_file_location("build_given_names", script)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    (tmp_path / "dist.female.first").write_text("MARY 2.629 2.629 1\nJORDAN 0.012 2.641 2\nDONALD 0.002 2.643 3\n")
    (tmp_path / "dist.male.first").write_text("DONALD 0.931 0.931 1\nJORDAN 0.056 0.987 2\n")
    out = tmp_path / "given.tsv"
    assert builder.build(tmp_path, out) == 2
    assert out.read_text().splitlines()[-2:] == ["donald\tm", "mary\tf"]  # Jordan is borne by both
    (tmp_path / "dist.male.first").write_text("DONALD 0.931 0.931 1\nJORDAN 0.056\n")
    with pytest.raises(SystemExit, match="dist.male.first:2"):
        builder.build(tmp_path, out)


@pytest.mark.parametrize("text, group", [
    ("In Ohio, a new survey shows Smith drawing 30 percent support from Latino voters.", "Latino"),
    ("The rally drew families from the LGBT Community and their allies.", "LGBT Community"),
    ("It was the gap between the Baptist and the Methodist, he joked.", "Methodist"),
    ("The mayor courted LGBT Americans at a rally in Dayton on Friday.", "LGBT Americans"),
])
def test_a_group_of_people_named_alone_is_a_group_not_a_body(pipeline, text, group):
    record = pipeline.analyze(text, published="2016-05-01")
    found = [e for e in record.entities if e.name == group]
    assert found and all(e.type == "NORP" for e in found), [(e.name, e.type) for e in record.entities]
    church = pipeline.analyze("The Methodist Church said it would help.", published="2016-05-01")
    assert [e.type for e in church.entities if e.name == "Methodist Church"] == ["ORG"]


def test_a_name_never_runs_over_a_colon(pipeline):
    record = pipeline.analyze("AP-Ipsos Poll: Voters increasingly see the mayor as weak.", published="2016-05-01")
    assert "AP-Ipsos Poll" in {e.name for e in record.entities if e.type == "ORG"}
    assert not any(":" in e.name for e in record.entities)
    follow = pipeline.analyze("Follow Anna Reyes on Twitter @AnnaReyesNews.", published="2016-05-01")
    assert "Twitter" in {e.name for e in follow.entities if e.type == "ORG"}
    assert not any("@" in e.name for e in follow.entities)


def test_a_possessive_typed_with_an_opening_quotation_mark_is_still_the_name(pipeline):
    record = pipeline.analyze("Officials met on Monday. “Governor Paul Brandt‘s plan would fail,” the mayor said of "
                              "Paul Brandt.", published="2016-05-01")
    people = [e for e in record.entities if e.type == "PERSON" and "Brandt" in e.name]
    assert [e.name for e in people] == ["Paul Brandt"]


def test_a_headline_name_written_without_its_accents_is_cut_to_the_bodys_name():
    import spacy
    from spacy.tokens import Doc

    from attache.components.entities.headlines import repair_headline_names

    words = ["Jose", "Pena", "Stressed", "The", "Value", "Of", "Libraries", "\n\n", "The", "novelist", "José", "Peña",
             "spoke", "at", "length", "about", "books", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 6 + [False, False] + [True] * 8 + [False, False])
    assert repair_headline_names(doc, [(0, 7, "ORG"), (10, 12, "PERSON")]) == [(0, 2, "PERSON"), (10, 12, "PERSON")]


def test_an_armed_group_the_tagger_took_for_a_place_is_an_organisation(pipeline):
    record = pipeline.analyze("Jets struck targets held by Daesh near the border on Monday, officials said.",
                              published="2015-12-07")
    daesh = [e for e in record.entities if e.name == "Daesh"]
    assert [e.type for e in daesh] == ["ORG"] and daesh[0].actor and daesh[0].actor.code == "IMGMUSISI"


def test_a_name_set_beside_a_noun_for_a_person_is_that_person(pipeline):
    record = pipeline.analyze("Later, his wife, Melania, gave a speech to the delegates, the candidate said.",
                              published="2016-07-21")
    assert [e.type for e in record.entities if e.name == "Melania"] == ["PERSON"]
    capital = pipeline.analyze("The envoy flew to the capital, Kyiv, on Monday.", published="2016-07-21")
    assert "PERSON" not in {e.type for e in capital.entities if e.name == "Kyiv"}


def test_a_town_the_tagger_took_for_a_body_is_a_place_where_something_was_done(pipeline):
    record = pipeline.analyze("The couple left Manhattan in 2001. They moved to Westchester instead, aides said.",
                              published="2016-08-17")
    assert [e.type for e in record.entities if e.name == "Westchester"] == ["GPE"]
    work = pipeline.analyze("She worked at Apple for years before the move.", published="2016-08-17")
    assert [e.type for e in work.entities if e.name == "Apple"] == ["ORG"]



def analysed_with_tagger_reading(pipeline, text: str, reading):  # type: ignore[no-untyped-def]
    """`text` run through the pipeline with the tagger's entities replaced by `reading(doc, ents)`: how the
    tagger reads such a sentence in some articles."""
    doc = pipeline.nlp.make_doc(text)
    doc._.attache_language = "en"
    for name, component in pipeline.nlp.pipeline:
        doc = component(doc)
        if name == "ner":
            doc.ents = reading(doc, doc.ents)
    return doc


def test_a_full_name_the_tagger_once_calls_a_body_is_the_person_named_so(pipeline):
    from spacy.tokens import Span

    doc = analysed_with_tagger_reading(  # the second "Ted Cruz" an organisation
        pipeline, "Sen. Ted Cruz spoke on Monday. Later, Ted Cruz said it would pass.",
        lambda doc, ents: [Span(doc, e.start, e.end, label="ORG" if e.start > 5 and e.text == "Ted Cruz" else e.label_)
                           for e in ents])
    assert [(e.name, e.type) for e in doc._.attache_entities if "Cruz" in e.name] == [("Ted Cruz", "PERSON")]


def test_a_given_name_coordinated_with_a_full_name_shares_its_surname(pipeline):
    record = pipeline.analyze("Both Bill and Hillary Clinton gave paid speeches to banks that year.",
                              published="2016-05-18")
    bill = [e for e in record.entities if e.type == "PERSON" and [m.text for m in e.mentions] == ["Bill"]]
    assert [e.name for e in bill] == ["Bill Clinton"]  # the mention stays "Bill"
    running = pipeline.analyze("Hillary Clinton spoke first. Later, Hillary and Tim Kaine rallied in Ohio.",
                               published="2016-07-25")
    assert "Hillary Kaine" not in {e.name for e in running.entities}


def test_a_name_before_family_names_no_one(pipeline):
    record = pipeline.analyze("Lawyers for the Okafor family said on Tuesday that the family would appeal the "
                              "ruling. A judge, Maria Okafor, was not related.", published="2016-03-01")
    judge = [e for e in record.entities if e.name == "Maria Okafor"]
    assert [[m.text for m in e.mentions if "Okafor" in m.text] for e in judge] == [["Maria Okafor"]]


def test_a_big_citys_name_before_a_surname_is_no_given_name(pipeline):
    record = pipeline.analyze("Relatives in Miami have cared for the boy since November. Roger Bernstein, "
                              "representing the Miami Ortega family, spoke to reporters. Bernstein said the "
                              "family would stay in Miami.", published="2000-01-05")
    assert {e.type for e in record.entities if "Miami" in {m.text for m in e.mentions}} == {"GPE"}


def test_given_names_without_the_surname_are_the_person_named_in_full(pipeline):
    record = pipeline.analyze("His father, Juan Pablo Ortega, wants him back. Juan Pablo said on Monday that he was "
                              "ready to travel.", published="2000-01-05")
    people = [e for e in record.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Juan Pablo Ortega"] and "Juan Pablo" in {m.text for m in people[0].mentions}
    junior = pipeline.analyze("Donald Trump Jr. spoke first. Donald Trump did not.", published="2016-07-20")
    assert {e.name for e in junior.entities if e.type == "PERSON"} == {"Donald Trump Jr.", "Donald Trump"}


def test_a_council_of_a_body_is_not_the_body(pipeline):
    record = pipeline.analyze("The U.N. Security Council met on Friday. The United Nations said the Security "
                              "Council would vote next week.", published="1998-08-10")
    un = [e for e in record.entities if "The United Nations" in {m.text for m in e.mentions}]
    assert [e.name for e in un] == ["United Nations"]


def test_two_names_joined_before_a_legal_form_are_one_company():
    import spacy
    from spacy.tokens import Doc

    from attache.components.entities.headlines import split_joint_names

    words = ["Hadley", "-", "Brandt", "Cos.", "cut", "prices", ".", "Hadley", "said", "so", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[False, False, True, True, True, False, True, True, True,
                                                             False, False])
    assert split_joint_names(doc, [(0, 4, "ORG"), (7, 8, "PERSON")]) == [(0, 4, "ORG"), (7, 8, "PERSON")]
    poll = Doc(spacy.blank("en").vocab, words=["Harbor", "Times", "-", "Lake", "News", "poll"])
    assert split_joint_names(poll, [(0, 5, "ORG")]) == [(0, 2, "ORG"), (3, 5, "ORG")]


def test_a_companys_first_word_tagged_as_a_person_is_the_company(pipeline):
    from spacy.tokens import Span

    doc = analysed_with_tagger_reading(  # the short form a surname
        pipeline, "Kellner Imports Inc. agreed to be acquired on Monday. Kellner said its board approved the sale.",
        lambda doc, ents: [Span(doc, e.start, e.end, label="PERSON" if e.text == "Kellner" else e.label_)
                           for e in ents])
    kellner = [e for e in doc._.attache_entities if "Kellner" in {m.text for m in e.mentions}]
    assert [(e.name, e.type) for e in kellner] == [("Kellner Imports Inc.", "ORG")]


def test_initials_are_the_body_they_spell_before_a_longer_name_they_open(pipeline):
    record = pipeline.analyze("National Steel Corp. said profit at NS Brandt Industries rose. NS said steel sales "
                              "were strong.", published="1989-10-16")
    ns = [e for e in record.entities if "NS" in {m.text for m in e.mentions}]
    assert [e.name for e in ns] == ["National Steel Corp."]


def test_a_company_named_with_its_legal_form_is_found_again_without_it(pipeline):
    doc = analysed_with_tagger_reading(  # the short form untagged
        pipeline, "Pemberton Holdings Corp. said it would sell the unit. The sale lifted Pemberton Holdings shares 5%.",
        lambda doc, ents: [e for e in ents if e.start < 5])
    company = [e for e in doc._.attache_entities if e.name == "Pemberton Holdings Corp."]
    assert ["Pemberton Holdings Corp.", "Pemberton Holdings"] == [m.text for m in company[0].mentions
                                                                   if "Pemberton" in m.text]


def test_a_companys_short_form_made_of_title_words_is_the_company(pipeline):
    record = pipeline.analyze("National Security Corp. said it agreed to buy the bank. Terms call for National Security "
                              "to issue 0.55 share for each share held. The Secretary of State said so.",
                              published="1989-10-16")  # "national" and "security" are words of titles
    company = [e for e in record.entities if e.name == "National Security Corp."]
    assert [m.text for m in company[0].mentions if "Security" in m.text] == ["National Security Corp.", "National Security"]
    assert not [e for e in record.entities if e.type == "ORG" and e.name == "State"]


def test_a_father_and_son_with_other_middle_initials_are_two_people(pipeline):
    record = pipeline.analyze("Mayor Harold T. Lamb spoke on Monday. His father, Harold R.J. Lamb, did not attend. "
                              "Harold T. Lamb thanked the crowd.", published="2016-02-15")
    people = {e.name: [m.text for m in e.mentions if "Lamb" in m.text] for e in record.entities
              if e.type == "PERSON" and not e.agent}  # "the crowd" is a party, no one named
    assert people == {"Harold T. Lamb": ["Mayor Harold T. Lamb", "Harold T. Lamb", "Harold T. Lamb"],
                      "Harold R.J. Lamb": ["Harold R.J. Lamb"]}


def test_a_person_the_tagger_reads_as_a_place_or_a_people_is_the_person(pipeline):
    from spacy.tokens import Span

    places = {"Bradley Kovacik": "FAC", "Kovacik": "GPE", "Lacroix": "FAC"}
    doc = analysed_with_tagger_reading(
        pipeline, "An aide named Bradley Kovacik sued the county. Kovacik says he was fired. Mark Cuban "
        "spoke too. \"It is too early,\" Cuban said, and Cuban officials agreed. Paul Lacroix met Lacroix's team.",
        lambda doc, ents: [Span(doc, e.start, e.end, label=places.get(e.text, e.label_)) for e in ents])
    people = {e.name: [m.text for m in e.mentions if m.text[:1].isupper()] for e in doc._.attache_entities
              if e.type == "PERSON"}
    assert people["Bradley Kovacik"] == ["Bradley Kovacik", "Kovacik"]
    assert people["Mark Cuban"] == ["Mark Cuban", "Cuban"]  # not "Cuban officials"
    assert people["Paul Lacroix"] == ["Paul Lacroix", "Lacroix"]


def test_two_names_joined_before_act_name_a_law_wherever_they_stand_together(pipeline):
    record = pipeline.analyze("Could the Dale-Hobart Act return? Restoring Dale-Hobart is popular, and Super "
                              "Dale-Hobart even more so. Senator Ann Dale backed it.", published="2016-07-26")
    assert [[m.text for m in e.mentions if "Dale" in m.text] for e in record.entities if e.type == "PERSON"] \
        == [["Senator Ann Dale", "Ann Dale"]]


def test_a_double_surname_is_one_persons_name(pipeline):
    record = pipeline.analyze("Jennifer Marlow-Hawkins is one of the workers who listened. Ms. Marlow-Hawkins said "
                              "she was worried. Later Ms. Marlow said so too.", published="2016-03-21")
    people = [e for e in record.entities if e.type == "PERSON" and e.name[:1].isupper()]
    assert [e.name for e in people] == ["Jennifer Marlow-Hawkins"]
    assert {"Ms. Marlow-Hawkins", "Marlow"} <= {m.text for m in people[0].mentions}
    summit = pipeline.analyze("Donald Trump met Kim Jong Un. The Trump-Kim summit was held in June.",
                              published="2018-06-12")
    assert {e.name for e in summit.entities if e.type == "PERSON"} == {"Donald Trump", "Kim Jong Un"}


def test_a_bodys_name_in_the_possessive_ends_before_the_person_after_it(pipeline):
    record = pipeline.analyze("In an interview with Fox News’ Sean Hannity on Monday night, Trump responded. Later "
                              "Hannity said he agreed.", published="2016-03-01")
    assert {(e.name, e.type) for e in record.entities if e.type in ("PERSON", "ORG") and "Hannity" in e.name
            or e.name.startswith("Fox")} == {("Fox News", "ORG"), ("Sean Hannity", "PERSON")}
    product = pipeline.analyze("Apple Computer's Mac OS runs on the new laptops.", published="2011-06-07")
    assert "Mac OS" not in {e.name for e in product.entities if e.type == "PERSON"}


def test_a_full_name_tagged_as_a_body_whose_surname_is_titled_is_that_person(pipeline):
    from spacy.tokens import Span

    doc = analysed_with_tagger_reading(  # the full name an organisation each time
        pipeline, "Tara Malone passed three background checks. Tara Malone had moved to Texas. Officials said "
                  "Ms. Malone had kept her views private.",
        lambda doc, ents: [Span(doc, e.start, e.end, label="ORG" if e.text == "Tara Malone" else e.label_)
                           for e in ents])
    malone = [e for e in doc._.attache_entities if "Malone" in e.name]
    assert [(e.name, e.type) for e in malone] == [("Tara Malone", "PERSON")]
    assert "Ms. Malone" in {m.text for m in malone[0].mentions}


def test_a_surname_that_is_a_common_word_is_the_person_where_only_a_name_is_capitalised(pipeline):
    record = pipeline.analyze("Conservative columnist George Will criticised the plan on Sunday. In his column, Will "
                              "wrote that the party had lost its way, and Will urged voters to look elsewhere.\n\n"
                              "Will the party listen? Few think it will.", published="2015-11-21")
    will = [e for e in record.entities if e.name.startswith("George Will")]
    assert [m.text for m in will[0].mentions if "Will" in m.text] == ["George Will", "Will", "Will"]


def test_a_department_the_article_names_is_meant_by_its_one_word_alone(pipeline):
    record = pipeline.analyze("The State Department released the emails on Friday. Clinton used a private server "
                              "when she was at State. State's lawyers said State would comply. Secretary of State "
                              "John Kerry agreed, and the State of Ohio did not. State Sen. Ruiz objected.",
                              published="2016-01-29")
    department = [e for e in record.entities if e.name == "State Department"]
    assert [m.text for m in department[0].mentions] == ["The State Department", "State", "State", "State"]
    assert [e.name for e in record.entities if "the State of Ohio" in {m.text for m in e.mentions}] == ["State of Ohio"]


def test_a_people_named_with_a_word_before_it_is_a_group_not_a_body(pipeline):
    record = pipeline.analyze("Nagorno-Karabakh Armenians protested on Sunday, and Young Latinos voted in large "
                              "numbers.", published="2016-04-24")
    assert {e.type for e in record.entities if e.name in ("Nagorno-Karabakh Armenians", "Young Latinos")} <= {"NORP"}


def test_the_second_of_two_titles_after_a_work_noun_is_a_title_too(pipeline):
    record = pipeline.analyze("She starred in the films Harbor Nights and Dorothy Vance, critics said.",
                              published="2016-04-24")
    assert not [e.name for e in record.entities if e.type in ("PERSON", "ORG") and e.name != "critics"]


def test_a_transcripts_speaker_labels_in_capitals_are_mentions_of_the_speakers(pipeline):
    text = ("Governor defends the budget on Sunday show\n\n"
            "Partial transcript as follows:\n\n"
            "KATE WHITLOCK: Governor, the state senate passed your budget on Friday.\n\n"
            "BRANDT: It did, and I thank the senators who voted for it.\n\n"
            "WHITLOCK: Will you sign it this week?\n\n"
            "BRANDT: Yes. Governor Ellen Brandt keeps her promises.\n\n"
            "ANNOUNCER: This has been Sunday Politics.")
    record = pipeline.analyze(text, published="2016-08-11")
    assert not [b for b in record.boilerplate if b.kind == "dateline"]  # labels, not datelines
    host = _entity_with(record, "KATE WHITLOCK")
    assert [m.text for m in host.mentions if m.text.isupper()] == ["KATE WHITLOCK", "WHITLOCK"]
    governor = _entity_with(record, "Governor Ellen Brandt")
    assert sum(m.text == "BRANDT" for m in governor.mentions) == 2
    listed = _listed(record)
    assert not [e.name for e in record.entities if e.id in listed and e.name == "ANNOUNCER"]
    _offsets_hold(record)


def test_a_colon_dateline_opening_a_story_once_is_still_a_dateline(pipeline):
    record = pipeline.analyze("NEW DELHI: The prime minister met the envoy on Monday, officials said.",
                              published="2016-08-11")
    assert [b.text for b in record.boilerplate if b.kind == "dateline"] == ["NEW DELHI:"]


@pytest.mark.parametrize("text, agency", [
    ("Rally draws a crowd\n\nTOLEDO, Ohio, Feb. 2 (UPI) — Senator Ruth Calder on Wednesday held her first "
     "rally in the state, aides said.", "UPI"),
    ("PORTLAND, Ore., March 3 (UPI) — The county board under Chairman Harold Vance voted to close two libraries.",
     "UPI"),
])
def test_a_datelines_credit_in_parentheses_is_a_news_agency(pipeline, text, agency):
    record = pipeline.analyze(text, published="2016-08-11")
    found = _entity_with(record, agency)
    assert found.type == "ORG" and found.id in _listed(record)


@pytest.mark.parametrize("text, thing", [
    ("Macintosh sales rose in the quarter, Apple chief Steve Jobs said. The Macintosh now outsells other "
     "computers.", "Macintosh"),
    ("Senator Tom Reyes said the bill would bring back Jim Crow, and his aide called it a Hail Mary.", "Jim Crow"),
])
def test_products_and_terms_named_like_people_are_no_one(pipeline, text, thing):
    record = pipeline.analyze(text, published="2016-08-11")
    listed = _listed(record)
    assert not [e.name for e in record.entities if e.id in listed and any(thing in m.text for m in e.mentions)]
    assert listed  # the people and companies beside them still are


@pytest.mark.parametrize("text, name, joined", [
    ("The coalition is fighting ISIL in two provinces, and the Islamic State is losing ground, Senator Ruth Calder "
     "said.", "ISIL",
     "Islamic State"),
    ("Read HuffPost’s report on Calder. The Huffington Post asked Senator Ruth Calder about it.",
     "HuffPost", "The Huffington Post"),
    ("The Supreme Court ruled on Monday, and SCOTUS rulings matter, Senator Ruth Calder said.", "SCOTUS",
     "The Supreme Court"),
])
def test_well_known_initials_and_short_names_are_the_organisation(pipeline, text, name, joined):
    record = pipeline.analyze(text, published="2016-08-11")
    people = _people_of(record)
    short, whole = _entity_with(record, name), _entity_with(record, joined)
    assert short.type == "ORG" and people[short.id] is not None and people[short.id] == people[whole.id]


def test_a_name_the_tagger_took_for_a_body_is_a_person_the_article_calls_mr(pipeline):
    text = ("Exclusive Excerpt–Anand D’Mello’s ‘Stealing Votes,’ Part 3.\n\nThe judge turned to me. "
            "“Mr. D’Mello?” My lawyer stood up first. From STEALING VOTES by Anand D’Mello.")
    record = pipeline.analyze(text, published="2016-01-01")
    author = _entity_with(record, "Mr. D’Mello")
    assert author.type == "PERSON" and author.name == "Anand D’Mello"
    assert not [e for e in record.entities if e.type == "ORG" and "Mello" in e.name]


def test_a_college_named_by_its_first_word_alone_is_the_college(pipeline):
    record = pipeline.analyze("Tesfaye taught economics at Bucknell University for years. His house stood near "
                              "the Bucknell library. He left Bucknell in 2015.", published="2016-01-01")
    college = _entity_with(record, "Bucknell University")
    assert college.type == "ORG" and sum(m.text == "Bucknell" for m in college.mentions) == 2
    founder = pipeline.analyze("Leland Stanford founded Stanford University. Stanford said he would give more.",
                               published="2016-01-01")
    assert _entity_with(founder, "Leland Stanford").type == "PERSON"
    assert [m.text for m in _entity_with(founder, "Stanford University").mentions] == ["Stanford University"]


def test_a_social_media_handle_written_as_a_persons_name_is_that_person(pipeline):
    text = ("Mayor Jeb Calder (@JebCalder) said on Monday he would stay in the race. Donna Ruiz wrote on @realDonnaRuiz "
            "that she would win. Senator Lena Graham (@LenaGrahamSC) disagreed.\n\nFollow Pam Kestrel on Twitter "
            "@pamkestrelNEN.")
    record = pipeline.analyze(text, published="2016-01-01")
    for handle, name in (("@JebCalder", "Jeb Calder"), ("@realDonnaRuiz", "Donna Ruiz"),
                         ("@LenaGrahamSC", "Lena Graham"), ("@pamkestrelNEN", "Pam Kestrel")):
        assert _entity_with(record, handle).name == name
    assert len({e.id for e in record.entities if e.type == "PERSON" and not e.agent}) == 4


def test_a_campaign_against_someone_glued_into_one_word_is_no_body(pipeline):
    record = pipeline.analyze("The NeverBrandt movement met on Monday, and NeverBrandt leaders said they would try "
                              "again, Senator Ann Brandt said.", published="2016-01-01")
    listed = _listed(record)
    assert [e.name for e in record.entities if e.id in listed] == ["Ann Brandt"]


def test_a_title_in_a_title_case_headline_takes_no_words_around_the_name_found_there(pipeline):
    record = pipeline.analyze("Super PAC Chief Praises Ann Calder Donor For Big Gift\n\nThe chief of a super PAC "
                              "praised a donor to Senator Ann Calder on Friday.", published="2016-01-01")
    people = [e for e in record.entities if e.type == "PERSON" and not e.agent]
    assert [e.name for e in people] == ["Ann Calder"]
    assert not [m.text for m in people[0].mentions if "Praises" in m.text or "Donor" in m.text]


@pytest.mark.parametrize("text", [
    "SEN. ANN HOLT: We will vote.\n\nTAPPER: And you?\nHOLT: Yes.",
    "\nA line after a break.  \n  Indented line\r\nWindows line\n",
    "One line and no break at all.",
])
def test_the_lines_found_from_the_text_are_the_lines_token_by_token(pipeline, text) -> None:
    from attache.components.entities.mentions import line_starts, opens_line

    doc = pipeline.nlp.make_doc(text)
    assert line_starts(doc) == [i for i in range(len(doc)) if opens_line(doc, i)]


def test_a_transcripts_speaker_label_after_a_line_break_is_the_person(pipeline) -> None:
    record = pipeline.analyze("Senator Ann Holt spoke to Jake Tapper on Sunday.\n\nJAKE TAPPER: Will you vote for "
                              "the bill?\n\nHOLT: I will not vote for it.", published="2016-06-10")
    holt = _entity_with(record, "Ann Holt")
    assert any(m.text == "HOLT" for m in holt.mentions)


def test_the_pope_is_the_vaticans_wherever_he_travels(pipeline) -> None:
    record = pipeline.analyze("HAVANA (AP) — Pope John Paul II arrived in Havana on Wednesday and met President "
                              "Fidel Castro.", published="1998-01-21")
    pope, castro = _entity_with(record, "John Paul II"), _entity_with(record, "Fidel Castro")
    assert (pope.actor.country, castro.actor.country) == ("VAT", "CUB")


def test_a_party_group_takes_the_country_most_of_the_article_belongs_to(pipeline) -> None:
    # a little over half the article's country mentions are American (Obama, Rubio, Washington): its home, so
    # "Republicans" are American, though North Korea and Seoul are named too
    record = pipeline.analyze(
        "Republicans criticised President Barack Obama on Wednesday after North Korea said it had tested a bomb. "
        "North Korea's state television showed the test site near Kilju. Senator Marco Rubio said Washington must "
        "act. Pyongyang said the test was a success, and Seoul condemned it. Republicans said Obama had been weak.",
        published="2016-01-07")
    assert _entity_with(record, "Republicans").actor.country == "USA"
