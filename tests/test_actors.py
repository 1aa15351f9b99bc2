"""Dated actor codes from the compiled actor dictionaries, their build step, and where events happened."""

from __future__ import annotations

import importlib.util
import pathlib

import pytest

from attache.components.entities.dictionary import actor_dictionary, decode

ROOT = pathlib.Path(__file__).resolve().parents[1]


def actor_of(pipeline, text: str, name: str, published: str | None):
    record = pipeline.analyze(text, published=published)
    found = [e for e in record.entities if e.name == name]
    assert found, [e.name for e in record.entities]
    return found[0].actor, record


@pytest.mark.parametrize("published", ["1991-01-10", "2003-03-01"])
def test_a_president_has_the_role_he_held_that_day(pipeline, published):
    actor, _ = actor_of(pipeline, "Bush said Iraq must leave Kuwait. The United States would act, he said.",
                        "Bush", published)
    assert actor is not None and actor.code == "USAGOV" and actor.country == "USA"


def test_a_former_minister_has_no_dated_role(pipeline):
    actor, _ = actor_of(pipeline, "Donald Rumsfeld criticised the plan on Tuesday.", "Donald Rumsfeld", "2010-05-04")
    assert actor is None or actor.code is None
    actor, _ = actor_of(pipeline, "Donald Rumsfeld criticised the plan on Tuesday.", "Donald Rumsfeld", "2003-05-06")
    assert actor is not None and actor.code == "USAGOVMIL"


def test_a_surname_alone_needs_support_in_the_article(pipeline):
    supported, _ = actor_of(pipeline, "Museveni said the rebels in northern Uganda would be defeated.",
                            "Museveni", "2005-01-01")
    assert supported is not None and supported.code == "UGAGOV"
    unsupported, _ = actor_of(pipeline, "Museveni said the rebels would be defeated.", "Museveni", "2005-01-01")
    assert unsupported is None or unsupported.code is None


def test_international_bodies_and_armed_groups_get_codes(pipeline):
    record = pipeline.analyze("Hamas fired rockets at Israel, and the United Nations condemned the attack.",
                              published="2014-07-10")
    codes = {e.name: e.actor.code for e in record.entities if e.actor}
    assert codes["Hamas"] == "PSEREBHMS"
    assert codes["United Nations"] == "IGOUNO"
    assert codes["Israel"] == "ISR"


def test_a_state_named_in_its_long_form_is_that_state(pipeline):
    record = pipeline.analyze("The Democratic People's Republic of Korea turned down the proposal, and the "
                              "Islamic Republic of Iran said it would study it.", published="2019-02-01")
    actors = {e.name.removeprefix("The "): e.actor for e in record.entities}
    assert actors["Democratic People's Republic of Korea"].code == "PRK"
    assert actors["Islamic Republic of Iran"].country == "IRN"


def test_without_a_publication_date_only_undated_roles_apply(pipeline):
    record = pipeline.analyze("Hamas fired rockets at Israel. Barack Obama urged calm.")
    codes = {e.name: (e.actor.code if e.actor else None) for e in record.entities}
    assert codes["Hamas"] == "PSEREBHMS"  # undated in the dictionary
    assert codes.get("Barack Obama") is None  # only dated roles: none applies without a date
    assert "W007" in [w.code for w in record.warnings]


def test_codes_decode_to_country_and_sector():
    assert (decode("PRKGOV").country, decode("PRKGOV").sector) == ("PRK", "GOV")
    assert (decode("IGOUNO").country, decode("IGOUNO").sector) == (None, "IGO")
    assert decode("KSVGOV").country == "XKX"
    assert (decode("MNCUSA").country, decode("MNCUSA").sector) == ("USA", "BUS")  # an American multinational
    assert (decode("NGOHRIAMN").country, decode("NGOHRIAMN").sector) == (None, "NGO")  # HRI: a field, no state
    assert actor_dictionary().code("the european union", "2010-01-01").code.startswith("IGO")


def _build_module():
    spec = importlib.util.spec_from_file_location("build_actor_lexicon", ROOT / "scripts" / "build_actor_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dictionaries(folder: pathlib.Path, countries: str) -> pathlib.Path:
    folder.mkdir()
    (folder / "Phoenix.Countries.actors.txt").write_text(countries, encoding="utf-8")
    for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        (folder / name).write_text("GREEN_LEAGUE_ [NGOENV]\n", encoding="utf-8")
    (folder / "Phoenix.agents.txt").write_text("!PERSON! = MAN, WOMAN\nPOLICE!PERSON! [~COP]\n", encoding="utf-8")
    return folder


def test_build_compiles_dated_roles(tmp_path):
    build = _build_module()
    folder = _dictionaries(tmp_path / "actors", "RURITANIA_ [RUR]\n+RURITANIAN_\nJAN_KOVAC_\n+KOVAC_\n"
                                                "\t[RURGOV 950101-031231]\n\t[RURELI]\n")
    out = tmp_path / "actors.tsv"
    build.build(folder, None, out)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert ["jan kovac", "RURGOV", "1995-01-01", "2003-12-31", "country"] in rows
    assert ["kovac", "RURELI", "", "", "country"] in rows
    assert ["police man", "~COP", "", "", "agent"] in rows and ["police woman", "~COP", "", "", "agent"] in rows


def test_build_stops_at_a_malformed_line_with_its_number(tmp_path):
    build = _build_module()
    folder = _dictionaries(tmp_path / "actors", "RURITANIA_ [RUR]\nJAN_KOVAC_\n\t[RURGOV 95-01-01]\n")
    with pytest.raises(build.DictionaryError, match=r"Phoenix.Countries.actors.txt:3"):
        build.build(folder, None, tmp_path / "actors.tsv")


def test_the_lede_event_happened_at_the_dateline(pipeline):
    record = pipeline.analyze("KANDAHAR, Afghanistan (AP) — Insurgents attacked a police checkpoint overnight, "
                              "killing four officers.\n\nThe governor will visit the district on Friday.",
                              published="2011-06-02")
    places = {p.id: p.country for p in record.places}
    attack = next(e for e in record.events if e.type == "ASSAULT")
    assert places.get(attack.place) == "AFG"
    planned = [e for e in record.events if e.modality == "planned"]
    assert all(e.place is None for e in planned)  # not the lede, and not yet happened


def test_an_event_takes_the_place_and_day_its_clause_names(pipeline):
    record = pipeline.analyze("The envoy met the foreign minister in Pyongyang on Sunday.", published="2018-10-09")
    meeting = next(e for e in record.events if e.type == "CONSULT")
    places = {p.id: p.name for p in record.places}
    times = {t.id: t.value for t in record.times}
    assert places.get(meeting.place) == "Pyongyang" and times.get(meeting.time) == "2018-10-07"


def test_an_event_in_a_where_clause_takes_the_place_it_hangs_on(pipeline):
    record = pipeline.analyze("The dispute came to a head in Rotterdam, where police arrested dozens of "
                              "dockworkers on Monday.", published="2019-03-05")
    places = {p.id: p.name for p in record.places}
    arrest = next(e for e in record.events if e.type == "COERCE")
    assert places.get(arrest.place) == "Rotterdam"


def test_the_sentences_one_place_and_a_day_not_a_duration(pipeline):
    record = pipeline.analyze("Crowds began gathering in the capital Harare early Tuesday for a three-day "
                              "rally against the government.", published="2019-03-07")
    places = {p.id: p.name for p in record.places}
    times = {t.id: t.value for t in record.times}
    rally = next(e for e in record.events if e.type == "PROTEST")
    assert places.get(rally.place) == "Harare"
    assert times.get(rally.time) == "2019-03-05"


def _event_days(record):
    times = {t.id: t.value for t in record.times}
    return {e.type: times.get(e.time) for e in record.events}


@pytest.mark.parametrize("text, type_, day", [
    # the reporting verb's day is the day of an accusation made by saying
    ("Governor Maria Ortega said on Sunday that the senators had lied to voters.", "ACCUSE", "2019-03-03"),
    # the governing clause's day: a participle clause, a "while" clause
    ("Senator Ruiz on Friday attacked the budget, accusing the governor of wasting money.", "ACCUSE", "2019-03-01"),
    ("The mayor on Monday criticised the plan while praising the unions.", "SUPPORT", "2019-03-04"),
    # a relative clause on the event noun
    ("He recalled a private meeting he had with the prime minister a year ago.", "CONSULT", "2018"),
])
def test_an_event_whose_clause_names_no_day_takes_the_day_of_the_clause_governing_it(pipeline, text, type_, day):
    days = _event_days(pipeline.analyze(text, published="2019-03-05"))
    assert days.get(type_) == day


@pytest.mark.parametrize("text, type_", [
    ("Police said on Monday that a man had been arrested near the embassy.", "COERCE"),  # the saying is not the arrest
    ("The senator refused to meet the envoy because the election was due in November.", "REJECT"),
])
def test_a_reporting_verbs_or_a_reasons_day_is_not_the_events(pipeline, text, type_):
    days = _event_days(pipeline.analyze(text, published="2019-03-05"))
    assert type_ in days and days[type_] is None


def test_an_accusation_in_a_quote_was_made_when_and_where_it_was_said(pipeline):
    record = pipeline.analyze("MADRID, Spain (AP) — The opposition leader spoke to reporters on Tuesday.\n\n"
                              "“The prime minister is a liar and a coward,” said Ana Ruiz on Wednesday.",
                              published="2019-03-07")
    places = {p.id: p.country for p in record.places}
    accusation = next(e for e in record.events if e.type == "ACCUSE")
    assert _event_days(record)["ACCUSE"] == "2019-03-06"
    assert places.get(accusation.place) == "ESP"  # the dateline: no place in its sentence


def test_this_weeks_event_has_happened_already(pipeline):
    record = pipeline.analyze("Portugal early this week became the last country to ratify the treaty.",
                              published="1998-12-03")
    assert record.events and all(e.modality != "planned" for e in record.events)


@pytest.mark.parametrize("text, name", [
    ("Sen. Dana Ruiz (D-Mass.) had been talking with the campaign for weeks.", "Dana Ruiz"),
    ("Rep. Paul Weber, R-Texas, praised the bill on Monday.", "Paul Weber"),
])
def test_a_us_legislators_party_and_state_tag_gives_the_country(pipeline, text, name):
    actor, _ = actor_of(pipeline, text, name, "2016-05-01")
    assert actor is not None and actor.country == "USA"


def test_a_party_tag_with_no_us_state_gives_no_country(pipeline):
    actor, _ = actor_of(pipeline, "Dana Ruiz (D-Nowhere) praised the bill on Monday.", "Dana Ruiz", "2016-05-01")
    assert actor is None or actor.country is None


# -- who is who: US office-holders, coreference, and whose country (issue 14, third round) --------------------

def test_us_campaign_office_holders_have_their_dated_roles(pipeline):
    actor, _ = actor_of(pipeline, "Bernie Sanders spoke in Iowa on Monday.", "Bernie Sanders", "2016-01-25")
    assert actor is not None and (actor.country, actor.code) == ("USA", "USAGOVLEG")
    actor, _ = actor_of(pipeline, "John Kasich spoke in Ohio on Monday.", "John Kasich", "2016-01-25")
    assert actor is not None and actor.code == "USAGOV"
    assert actor_dictionary().code("rick perry", "2016-01-25") is None  # governor until January 2015
    assert actor_dictionary().code("rick perry", "2018-01-25").code == "USAGOV"  # then Secretary of Energy


def test_every_hand_compiled_office_holder_names_its_source():
    for name in ("actor_recent.tsv", "actor_us_officeholders.tsv"):
        lines = (ROOT / "attache" / "lexicons" / name).read_text(encoding="utf-8").splitlines()
        rows = [line.split("\t") for line in lines if not line.startswith("#")][1:]
        assert rows and all(len(r) == 6 and r[5].startswith("Wikipedia") for r in rows), name


def test_build_appends_several_hand_compiled_files(tmp_path):
    build = _build_module()
    folder = _dictionaries(tmp_path / "actors", "RURITANIA_ [RUR]\nJAN_KOVAC_\n\t[RURGOV >950101]\n")
    header = "name\tcode\tstart\tend\toffice\tsource\n"
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    first.write_text(header + "Jan Kovac\tRURGOV\t1995-01-01\t2001-05-01\tPresident\tWikipedia: x\n", encoding="utf-8")
    second.write_text(header + "Ana Novak\tRURGOVLEG\t2010-01-01\t\tSenator\tWikipedia: y\n", encoding="utf-8")
    out = tmp_path / "actors.tsv"
    build.build(folder, [first, second], out)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert ["jan kovac", "RURGOV", "1995-01-01", "2001-05-01", "recent"] in rows
    assert ["ana novak", "RURGOVLEG", "2010-01-01", "", "recent"] in rows
    assert not any(r[0] == "jan kovac" and r[2] == "1995-01-01" and r[3] == "" for r in rows)  # superseded


def _event(record, type_):
    return next(e for e in record.events if e.type == type_)


def _countries(record, ids):
    entities = {e.id: e for e in record.entities}
    return {entities[i].actor.country for i in ids if entities[i].actor is not None}


def test_it_in_a_reported_clause_is_the_body_that_said_it(pipeline):
    record = pipeline.analyze("The Kenyan government said on Monday it would expel the British envoy.",
                              published="2017-02-01")
    expel = _event(record, "SANCTION")
    assert _countries(record, expel.actors) == {"KEN"}


def test_she_in_a_reported_clause_is_the_person_who_insisted(pipeline):
    record = pipeline.analyze("Reporters pressed Governor Ana Ruiz of Chile about the protests. The governor "
                              "insisted she had not criticized the police.", published="2017-02-01")
    ruiz = next(e for e in record.entities if e.name == "Ana Ruiz")
    assert "she" in {m.text for m in ruiz.mentions}
    assert ruiz.actor is not None and ruiz.actor.country == "CHL"  # "of Chile"


def test_an_object_pronoun_is_not_its_own_clauses_subject(pipeline):
    record = pipeline.analyze("Prime Minister Kato met President Lee in Seoul. He thanked him for the aid.",
                              published="2017-02-01")
    kato = next(e for e in record.entities if e.name == "Kato")
    assert "him" not in {m.text for m in kato.mentions}


def test_a_body_of_a_place_takes_its_country(pipeline):
    record = pipeline.analyze("The government of Peru said it would retaliate against the smugglers.",
                              published="2017-02-01")
    government = next(e for e in record.entities if e.name == "government")
    assert government.actor is not None and government.actor.country == "PER"


def test_named_people_make_the_articles_country_for_its_agents(pipeline):
    record = pipeline.analyze("Barack Obama spoke with John Kerry on Monday. Later the administration "
                              "condemned the attack.", published="2015-06-02")
    condemn = _event(record, "ACCUSE")
    assert _countries(record, condemn.actors) == {"USA"}


def test_agents_of_a_datelined_story_take_the_datelines_country(pipeline):
    record = pipeline.analyze("CAIRO (AP) -- Police fired tear gas at protesters on Friday.", published="2013-07-06")
    police = next(e for e in record.entities if e.name.lower() == "police")
    assert police.actor is not None and police.actor.country == "EGY"


def test_the_campaign_is_a_body_a_bombing_campaign_is_not(pipeline):
    record = pipeline.analyze("The campaign accused Senator Mills of lying. NATO began a bombing campaign "
                              "against the militia.", published="2016-03-10")
    names = [e.name for e in record.entities]
    assert "campaign" in names and not any("bombing" in n for n in names)
    assert _event(record, "ACCUSE").actors


def test_a_place_of_the_condemned_event_is_not_where_the_condemning_happened(pipeline):
    record = pipeline.analyze("The council condemned the bombing of the embassy in Nairobi on Thursday.",
                              published="1998-08-13")
    assert _event(record, "ACCUSE").place is None
    record = pipeline.analyze("Reports say the senator will endorse the governor at a rally in Des Moines.",
                              published="2016-01-20")
    places = {p.id: p.name for p in record.places}
    endorse = next(e for e in record.events if e.trigger.text == "endorse")
    assert places.get(endorse.place) == "Des Moines"  # at the rally: there


def test_a_wire_dateline_with_an_underscore_and_the_un_headquarters(pipeline):
    record = pipeline.analyze("\n\nUNITED NATIONS (AP) _\n\nThe Security Council condemned the bombing of the "
                              "embassy in Nairobi on Thursday.\n", published="1998-08-13")
    assert [b.kind for b in record.boilerplate] == ["dateline"]
    places = {p.id: p.country for p in record.places}
    assert places.get(_event(record, "ACCUSE").place) == "USA"


def test_whoever_receives_an_endorsement_is_its_recipient(pipeline):
    record = pipeline.analyze("Governor Hale of Ohio won endorsements from three unions on Monday.",
                              published="2016-03-10")
    support = _event(record, "SUPPORT")
    entities = {e.id: e.name for e in record.entities}
    assert [entities[r] for r in support.recipients] == ["Hale"]
    assert support.actors and all("union" in entities[a] for a in support.actors)


def test_an_endorsement_going_to_someone_has_that_recipient(pipeline):
    record = pipeline.analyze("The union's endorsement went to Senator Ortiz.", published="2016-03-10")
    entities = {e.id: e.name for e in record.entities}
    assert [entities[r] for r in _event(record, "SUPPORT").recipients] == ["Ortiz"]


def test_the_proposer_is_the_recipient_of_a_rejected_idea(pipeline):
    record = pipeline.analyze("Mayor Adeyemi proposed a ceasefire on Friday, but the rebel commander rejected "
                              "the idea.", published="2016-03-10")
    entities = {e.id: e.name for e in record.entities}
    assert [entities[r] for r in _event(record, "REJECT").recipients] == ["Adeyemi"]


def test_refraining_from_an_event_keeps_its_subject(pipeline):
    record = pipeline.analyze("There is broad consensus for the union to remain neutral and refrain from "
                              "endorsing any candidate.", published="2016-03-10")
    entities = {e.id: e.name for e in record.entities}
    assert [entities[a] for a in _event(record, "SUPPORT").actors] == ["union"]


def test_attacks_on_someones_policies_are_accusations(pipeline):
    record = pipeline.analyze("Senator Ortiz has stepped up his attacks on the governor's policies.",
                              published="2016-03-10")
    assert {e.type for e in record.events} == {"ACCUSE"}


def test_the_next_day_after_a_month_named_is_in_that_month(pipeline):
    record = pipeline.analyze("Last September, the host called the governor a clown on his show. He apologized "
                              "the next day.", published="2016-01-20")
    assert {t.text: t.value for t in record.times}.get("the next day") == "2015-09"


def test_a_body_takes_its_owners_country(pipeline):
    record = pipeline.analyze("Prime Minister Benjamin Netanyahu met his Cabinet on Sunday.", published="2016-05-29")
    cabinet = next(e for e in record.entities if e.name == "Cabinet")
    assert cabinet.actor is not None and cabinet.actor.country == "ISR"


def test_a_named_body_in_a_place_takes_its_country(pipeline):
    record = pipeline.analyze("The Foreign Ministry in Paris said it regretted the decision.", published="2016-05-29")
    ministry = next(e for e in record.entities if e.name == "Foreign Ministry")
    assert ministry.actor is not None and ministry.actor.country == "FRA"


@pytest.mark.parametrize("text, type_", [
    ("Germany accused Poland of hiding the evidence, officials said.", "ACCUSE"),  # whom it is aimed at
    ("Police detained two men after the ceremony in Madrid.", "COERCE"),  # another event's place
    ("Police arrested Jan Kopp, whose last known address was in Vermont.", "COERCE"),  # a relative clause's
])
def test_a_place_that_is_not_where_the_event_happened(pipeline, text, type_):
    record = pipeline.analyze(text, published="1999-10-08")
    event = next(e for e in record.events if e.type == type_)
    assert event.place is None


def test_a_visit_takes_the_place_visited(pipeline):
    record = pipeline.analyze("The foreign minister visited Kenya on Tuesday.", published="1998-08-20")
    places = {p.id: p.country for p in record.places}
    visit = next(e for e in record.events if e.type == "CONSULT")
    assert places.get(visit.place) == "KEN"


def test_party_groups_and_descriptions_take_the_articles_country_but_foreigners_do_not(pipeline):
    record = pipeline.analyze("Republicans criticised Senator Clinton in Iowa and Ohio on Monday, and Democrats "
                              "cheered her in Des Moines. A foreign government hacked the computers of the Iowa "
                              "party, officials in Ohio said.", published="2016-01-06")
    countries = {e.name: e.actor.country if e.actor else None for e in record.entities}
    assert countries["Republicans"] == countries["Democrats"] == "USA"
    assert countries["A foreign government"] is None


def test_a_place_inside_a_description_gives_its_country(pipeline):
    record = pipeline.analyze("North Korea is a paranoid, isolated nation, the independent Vermont senator told "
                              "reporters.", published="2016-01-06")
    senator = next(e for e in record.entities if "senator" in e.name)
    assert senator.actor is not None and senator.actor.country == "USA"


def test_a_word_of_a_longer_place_name_gives_no_country(pipeline):
    text = "Northern Ireland's biggest Protestant party is threatening to walk out of the talks."
    record = pipeline.analyze(text, published="1998-03-09")
    party = next(e for e in record.entities if "party" in e.name)
    assert party.actor is not None and party.actor.country == "GBR"  # not IRL, from "Ireland" alone


def test_a_state_before_a_town_of_its_name_and_small_towns_in_a_country_the_article_names(pipeline):
    # "Virginia" is the American state, not a South African town; "Mount Vernon" is American in a story that
    # names Virginia (every Mount Vernon the gazetteer knows is); the residents of a town are its country's people
    text = ("Saudi officials said on Monday that the Saudi academy would open its new campus in Ashburn, Virginia, in "
            "May. Parents from Ashburn and Mount Vernon packed the hearing. Many residents of Ashburn denounced the "
            "plan, and Saudi diplomats declined to comment.")
    record = pipeline.analyze(text, published="1998-03-03")
    country = {e.name: e.actor.country if e.actor else None for e in record.entities}
    assert country["Virginia"] == country["Mount Vernon"] == country["Many residents"] == "USA"
    assert country["Saudi officials"] == "SAU"


def test_a_body_named_after_an_armed_group_is_in_the_groups_country(pipeline):
    # a Nairobi story: its home country is Kenya, but the Taliban's government is Afghanistan's
    record = pipeline.analyze("NAIROBI, Kenya (AP) -- Kenyan officials said on Friday that the Taliban government "
                              "had refused to hand over two suspects, and Kenyan police made more arrests.",
                              published="1998-08-21")
    country = {e.name: e.actor.country if e.actor else None for e in record.entities}
    assert country["Taliban government"] == "AFG" and country["Kenyan officials"] == "KEN"
