"""Events (PLOVER 2.0): who did what to whom, with modality, on news-style sentences written for these tests."""

from __future__ import annotations

import json

import pytest

from attache.pipeline import Options, Pipeline
from attache.record import Analysis, Event


@pytest.fixture(scope="module")
def rules() -> Pipeline:
    """The rules coder, asked for by name: what it proposes (genericity, refusals, named events) is tested as
    such, whichever coder is the default (the learned coder decides which of its proposals a sentence keeps)."""
    return Pipeline(Options(component_config={"events": {"coder": "rules"}}))


def events_of(pipeline, text: str, published: str = "2018-10-09") -> tuple[Analysis, list[Event]]:
    record = pipeline.analyze(text, published=published)
    return record, record.events


def types_of(pipeline, text: str, published: str = "2018-10-09") -> set[str]:
    """The PLOVER types of the events found in `text`."""
    return {e.type for e in pipeline.analyze(text, published=published).events}


def reported_types_of(pipeline, text: str, published: str) -> set[str]:
    """The PLOVER types of the events `text` reports (not those it only presupposes, kept as background)."""
    return {e.type for e in pipeline.analyze(text, published=published).reported_events}


def countries(record: Analysis, ids: list[str]) -> set[str]:
    entities = {e.id: e for e in record.entities}
    return {entities[i].actor.country for i in ids if entities[i].actor and entities[i].actor.country}


def names_of(record: Analysis) -> dict[str, str]:
    """Entity id -> name."""
    return {e.id: e.name for e in record.entities}


def only(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert found, f"no {type_} event in {[(e.type, e.trigger.text) for e in events]}"
    return found[0]


def test_verb_event_has_actor_and_recipient_countries(pipeline):
    record, events = events_of(pipeline, "French President Emmanuel Macron met German Chancellor Olaf Scholz in "
                                         "Berlin on Tuesday to discuss the war in Ukraine.")
    meet = only(events, "CONSULT")
    assert meet.trigger.text == "met"
    assert countries(record, meet.actors) == {"FRA"}
    assert "DEU" in countries(record, meet.recipients)
    assert meet.modality == "asserted"


def test_noun_event_takes_possessor_as_actor(pipeline):
    record, events = events_of(pipeline, "The Iranian government welcomed Turkey's invitation to attend a "
                                         "regional security conference in Ankara next month.")
    invitation = [e for e in events if e.trigger.text == "invitation"]
    # Folded into the welcoming (SUPPORT), or coded itself: either way Turkey invites, Iran supports.
    support = only(events, "SUPPORT")
    assert "IRN" in countries(record, support.actors)
    assert not invitation or "TUR" in countries(record, invitation[0].actors)


def test_passive_voice_agent_is_actor(pipeline):
    record, events = events_of(pipeline, "Two opposition journalists were arrested by Egyptian police in Cairo "
                                         "on Monday, their lawyers told reporters.")
    arrest = only(events, "COERCE")
    assert arrest.mode == "arrest"
    assert "EGY" in countries(record, arrest.actors)


def test_coordinated_actors_are_all_actors(pipeline):
    record, events = events_of(pipeline, "India and Japan signed a defence cooperation agreement in New Delhi "
                                         "on Saturday after two days of negotiations.")
    signing = only(events, "SUPPORT")
    assert countries(record, signing.actors) >= {"IND", "JPN"}


def test_negated_meeting(pipeline):
    _, events = events_of(pipeline, "The Saudi envoy never got to meet his Iranian counterpart during the "
                                    "conference in Baghdad last week.")
    meeting = only(events, "CONSULT")
    assert meeting.modality == "negated"


def test_planned_visit_is_coded_as_agree(pipeline):
    record, events = events_of(pipeline, "Chinese Foreign Minister Wang Yi will visit Pakistan next week for "
                                         "talks on the economic corridor, officials in Islamabad said.")
    assert not [e for e in events if e.type == "CONSULT" and e.modality == "asserted"]
    plan = only(events, "AGREE")
    assert plan.modality == "planned"
    assert "CHN" in countries(record, plan.actors)


def test_an_event_yet_to_happen_is_negated(pipeline):
    _, events = events_of(pipeline, "While Governor Paul Weber has yet to endorse Senator Dana Ruiz, the mayor "
                                    "has thrown his support behind her.")
    assert only(events, "SUPPORT").modality == "negated"
    _, events = events_of(pipeline, "Yet Governor Paul Weber endorsed Senator Dana Ruiz on Friday.")
    assert only(events, "SUPPORT").modality == "asserted"


def test_conditional_event_is_hypothetical(pipeline):
    _, events = events_of(pipeline, "Greek officials said the prime minister would meet the Turkish president "
                                    "in Athens if the dispute over the islands were settled.")
    meeting = only(events, "CONSULT")
    assert meeting.modality == "hypothetical"


def test_event_inside_a_quote_is_reported(pipeline):
    _, events = events_of(pipeline, "“The army shelled our village for three days,” a farmer from the region "
                                    "told reporters in Kharkiv on Sunday.")
    shelling = only(events, "ASSAULT")
    assert shelling.modality == "reported"


def test_threat_to_attack_is_one_threaten_event(pipeline):
    record, events = events_of(pipeline, "North Korea threatened on Tuesday to attack American military bases "
                                         "in Guam with ballistic missiles.")
    assert [e.type for e in events] == ["THREATEN"]
    assert "PRK" in countries(record, events[0].actors)


def test_condition_of_a_threat_is_part_of_the_threat(pipeline):
    _, events = events_of(pipeline, "Turkey's president threatened on Monday to retaliate if the United States "
                                    "imposed sanctions over the purchase of Russian missiles.")
    assert [e.type for e in events] == ["THREATEN"]


def test_name_may_is_not_a_modal(pipeline):
    _, events = events_of(pipeline, "British Prime Minister Theresa May blamed Russia on Monday for the "
                                    "poisoning of a former spy in the city of Salisbury.")
    blame = only(events, "ACCUSE")
    assert blame.modality == "asserted"


def test_participle_describing_a_person_is_no_event(pipeline):
    _, events = events_of(pipeline, "France urged Iran on Monday to release a French academic detained in "
                                    "Tehran since last June, the foreign ministry in Paris said.")
    assert "COERCE" not in {e.type for e in events}
    assert only(events, "REQUEST").mode == "yield"


def test_destination_is_recipient_of_aid(pipeline):
    record, events = events_of(pipeline, "China sent a team of doctors and tonnes of medical supplies to Italy "
                                         "on Thursday to help fight the outbreak.")
    aid = only(events, "AID")
    assert countries(record, aid.actors) == {"CHN"}
    assert countries(record, aid.recipients) == {"ITA"}
    assert "ASSAULT" not in {e.type for e in events}


def test_the_maker_of_the_thing_acted_on_is_the_recipient(pipeline):
    record, events = events_of(pipeline, "Governor Anne Keller vetoed the budget passed by the Ohio Senate, and "
                                         "Senator Paul Drury condemned the ruling by the Supreme Court.")
    names = names_of(record)
    assert [names[r] for r in only(events, "REJECT").recipients] == ["Ohio Senate"]
    assert [names[r] for r in only(events, "ACCUSE").recipients] == ["Supreme Court"]
    _, events = events_of(pipeline, "Police in Lagos arrested a man wanted by Interpol.")
    assert "Interpol" not in {names.get(r) for e in events for r in e.recipients}  # the man is arrested


def test_calling_for_someone_to_act_is_a_request_to_them_and_the_act_is_not_done(pipeline):
    record, events = events_of(pipeline, "Senator Lena Ames called for Governor Paul Brandt to resign over the "
                                         "budget.", published="2016-05-01")
    names = names_of(record)
    request = only(events, "REQUEST")
    assert [names[a] for a in request.actors] == ["Lena Ames"]
    assert [names[r] for r in request.recipients] == ["Paul Brandt"]
    assert "RETREAT" not in {e.type for e in events}  # the resignation asked for has not happened
    record, events = events_of(pipeline, "Senator Lena Ames called for calm after the vote.", published="2016-05-01")
    assert only(events, "REQUEST").recipients == []


def test_a_statement_said_of_someone_is_aimed_at_them(pipeline):
    record, events = events_of(pipeline, "“He is a fraud and a coward,” Senator Ruth Dane said of Governor Carl "
                                         "Whitfield on Sunday.", published="2016-03-07")
    names = names_of(record)
    accusation = only(events, "ACCUSE")
    assert [names[r] for r in accusation.recipients] == ["Carl Whitfield"]


def test_the_actors_own_country_acting_in_a_warning_is_not_its_recipient(pipeline):
    record, events = events_of(pipeline, "Norway’s fisheries minister, Ida Berg, said on Monday that the talks had "
                                         "stalled, and warned that Oslo would respond in kind if the quotas were cut.")
    threat = only(events, "THREATEN")
    assert countries(record, threat.actors) == {"NOR"} and threat.recipients == []


@pytest.mark.parametrize("text", [
    'Asked about the remark, the senator shot back, "I could have stayed home, but I chose to serve."',
    "Brown had captured 1,200 delegates before the vote.",
    "The Pentagon killed the deal in October.",
    "The rivals agreed that the attacks on the two consulates had one thing in common.",
])
def test_words_of_violence_used_in_another_sense_or_for_a_known_attack_are_no_assault(rules, text):
    assert "ASSAULT" not in types_of(rules, text)


@pytest.mark.parametrize("text, kind", [
    ("Rebel fighters shot back at the soldiers from the ridge.", "ASSAULT"),
    ("Rebels captured the governor and two aides.", "ASSAULT"),
    ("Republicans will pound the governor's tax plan as reckless.", "ACCUSE"),
    ("Artillery pounded the city overnight.", "ASSAULT"),
    ("Gunmen attacked the two consulates on Tuesday.", "ASSAULT"),
])
def test_the_same_words_in_their_own_sense(rules, text, kind):
    assert kind in types_of(rules, text)


@pytest.mark.parametrize("text, actor", [
    ("The bishop released a statement deploring what happened at the game.", "bishop"),
    ("The group aired an ad accusing Senator Ruth Adler of lying about her record.", "group"),
    ("At a town hall, Hillary Clinton took some shots at Tom Reyes over his tuition plan.", "Hillary Clinton"),
    ("The senator took a swipe at Governor Lee on Monday.", "senator"),
    ("The mayor pummeled Donald Trump in a speech on Tuesday.", "mayor"),
])
def test_criticism_issued_in_a_statement_or_taken_as_a_shot_is_an_accusation(rules, text, actor):
    record, events = events_of(rules, text)
    accusation = only(events, "ACCUSE")
    assert not accusation.background and actor in {e.name for e in record.entities if e.id in accusation.actors}


@pytest.mark.parametrize("text, trigger", [
    ("The Harlow Mining Co. sent a four-page letter to the Daily Courier on Monday. The letter accuses the "
     "newspaper of distorting the company's safety record.", "accuses"),
    ("The Harlow Mining Co. sent a four-page letter to the Daily Courier on Monday. The letter ran to four pages. "
     "It also accused a reporter of ignoring the union's own figures.", "accused"),
    ("The Harlow Mining Co. sent a four-page letter to the Daily Courier on Monday. The letter goes on to accuse "
     "the newspaper of distorting the company's safety record.", "accuse"),
])
def test_a_document_accuses_for_whoever_wrote_it_earlier_in_the_article(rules, text, trigger):
    record, events = events_of(rules, text)
    accusation = next(e for e in events if e.type == "ACCUSE" and e.trigger.text == trigger)
    assert {e.name for e in record.entities if e.id in accusation.actors} == {"Harlow Mining Co."}


@pytest.mark.parametrize("text, type_, actor, sector", [
    ("Extremists bombed two border villages on Sunday, the army said.", "ASSAULT", "Extremists", "UAF"),
    ("The university rejected the senator's demand on Tuesday.", "REJECT", "university", "EDU"),
    ("Overnight, guerrillas attacked a police post near the capital.", "ASSAULT", "guerrillas", "REB"),
])
def test_agents_of_the_phoenix_dictionary_are_actors_with_their_sector(rules, text, type_, actor, sector):
    record, events = events_of(rules, text)
    event = only(events, type_)
    actors = [e for e in record.entities if e.id in event.actors]
    assert [e.name for e in actors] == [actor] and actors[0].actor.sector == sector


@pytest.mark.parametrize("text, type_, recipient", [
    ("Senator Ruth Adler refused to schedule a vote on President Obama's nominee.", "REJECT", "Obama"),
    ("The European Union threatened to impose sanctions on Iran.", "THREATEN", "Iran"),
    ("Senator Ruth Adler refused to release the report on Monday.", "REJECT", None),  # a thing, no party
])
def test_an_act_refused_or_threatened_is_aimed_at_whom_it_would_be_done_to(rules, text, type_, recipient):
    record, events = events_of(rules, text)
    names = [e.name for e in record.entities if e.id in only(events, type_).recipients]
    assert (recipient in " ".join(names)) if recipient else names == []


@pytest.mark.parametrize("text, type_, recipient", [
    ("Canada's Supreme Court issued its ruling on Monday. Premier Ruth Adler of Ontario celebrated the ruling.",
     "SUPPORT", "Supreme Court"),
    ("The Ohio legislature passed a budget on Monday. Governor Tom Reyes vetoed the budget on Friday.", "REJECT",
     "Ohio legislature"),
    ("The Harlow Courier, a newspaper in Ohio, published a report on Friday. Senator Ruth Adler denounced that "
     "report on Monday.", "ACCUSE", "Harlow Courier"),
])
def test_an_act_on_a_thing_named_before_is_aimed_at_its_maker(rules, text, type_, recipient):
    record, events = events_of(rules, text)
    assert [e.name for e in record.entities if e.id in only(events, type_).recipients] == [recipient]


# Whether a sentence holds an event of a type, each row a word read in its own sense (text, type, coded, published).
IN_THEIR_SENSE = [
    # the earth destroying is a disaster, no assault
    ("In the town of Rio Alto, officials say a slab of hillside could break loose and destroy an entire "
     "neighborhood.", "ASSAULT", False, "2020-01-03"),
    ("Geologists warned that the soil will slide off in chunks and destroy anything in its path.", "ASSAULT", False,
     "2020-01-03"),
    ("Officials say the rebels could return and destroy an entire neighborhood.", "ASSAULT", True, "2020-01-03"),
    # a visit to a place of the visitors' own country is a trip (a campaign stop at home)
    ("Senator Ruth Adler of Ohio and Governor Tom Reyes of Texas campaigned in Delaware this week. Adler and "
     "Reyes both visited Wilmington, the state's biggest city, on Monday.", "CONSULT", False, "2016-04-20"),
    ("The British foreign secretary, Ann Holt, visited Nairobi on Tuesday.", "CONSULT", True, "2016-04-20"),
    # being flown somewhere, talking the talk and a shareholders' meeting are no consultation
    ("The diplomats were flown to Brussels on Sunday.", "CONSULT", False, "2016-03-10"),
    ("While the senator is talking the talk, she has refused to walk the walk.", "CONSULT", False, "2016-03-10"),
    ("The merger was cleared at a special meeting of the bank's shareholders.", "CONSULT", False, "2016-03-10"),
    ("The foreign minister flew to Beijing for talks on Sunday.", "CONSULT", True, "2016-03-10"),
    # an agreement or offer priced in shares or stakes is market news
    ("Earlier, it offered $21.40 a share for the stock.", "AGREE", False, "1990-03-10"),
    ("They have agreed on a price at which the family can be bought out.", "AGREE", False, "1990-03-10"),
    ("Mr. Harlow and Mr. Brant are raising money before offering C$16.40 a share for the rest of the company.",
     "AGREE", False, "1990-03-10"),
    ("The two governments agreed to share intelligence on the militants.", "AGREE", True, "1990-03-10"),
    ("Iran agreed to pay compensation to the families.", "AGREE", True, "1990-03-10"),
    # a market welcoming a move is no political support
    ("Investors welcomed the merger on Tuesday.", "SUPPORT", False, "2016-03-10"),
    ("Traders hailed the central bank's decision.", "SUPPORT", False, "2016-03-10"),
    ("The prime minister welcomed the decision on Tuesday.", "SUPPORT", True, "2016-03-10"),
    # wanting someone else to act is a request; one's own wish is none
    ("The Justice Ministry wants the appeals court to suspend the order.", "REQUEST", True, "2000-04-17"),
    ("The union wants the bill to be paid by the two governments.", "REQUEST", True, "2000-04-17"),
    ("The senator wants to run for governor next year.", "REQUEST", False, "2000-04-17"),
    # convictions held are beliefs, not a court's sentence
    ("The governor praised the senator for having the courage of her convictions.", "SANCTION", False, "2016-04-29"),
    ("The governor praised the senator for having the courage of her convictions.", "SUPPORT", True, "2016-04-29"),
    ("She spoke warmly of her deep religious convictions.", "SANCTION", False, "2016-04-29"),
    ("The appeals court upheld his conviction for fraud on Monday.", "SANCTION", True, "2016-04-29"),
    # standing idly by is no support; standing by someone is
    ("The senator said the president has stood idly by while the regime expanded its arsenal.", "SUPPORT", False,
     "2016-04-29"),
    ("Most Republicans are still standing by the nominee.", "SUPPORT", True, "2016-04-29"),
    # criticism in other words; the same words in another sense
    ("Senator Holt chided the governor for the long delay.", "ACCUSE", True, "2016-04-29"),
    ("Governor Reyes unloaded on the newspaper at a breakfast with reporters.", "ACCUSE", True, "2016-04-29"),
    ("Holt knocked Governor Reyes over the budget on Monday.", "ACCUSE", True, "2016-04-29"),
    ("Volunteers knocked on doors across the county all day.", "ACCUSE", False, "2016-04-29"),
    ("The merger talks did not pan out in the end.", "ACCUSE", False, "2016-04-29"),
    # a crowd of protesters waving flags, carrying banners or chanting protests; a child's flag does not
    ("Thousands of demonstrators waved flags outside parliament on Sunday.", "PROTEST", True, "2016-04-29"),
    ("An angry crowd carried banners demanding new elections.", "PROTEST", True, "2016-04-29"),
    ("The boy waved a flag at the parade.", "PROTEST", False, "2016-04-29"),
    # support withdrawn is a sanction, not support
    ("Senator Ann Holt rescinded her endorsement of Governor Reyes on Friday.", "SANCTION", True, "2016-04-29"),
    ("Senator Ann Holt rescinded her endorsement of Governor Reyes on Friday.", "SUPPORT", False, "2016-04-29"),
    ("The union withdrew its backing for the mayor after the strike.", "SANCTION", True, "2016-04-29"),
    # people at large hold opinions; senators act
    ("Many people hailed the ruling as a victory.", "SUPPORT", False, "2016-04-29"),
    ("Most people oppose the new tax, a survey found.", "REJECT", False, "2016-04-29"),
    ("Senators hailed the ruling as a victory.", "SUPPORT", True, "2016-04-29"),
    # a challenge to debate, a subpoena: demands
    ("Senator Ann Holt challenged Governor Tom Reyes to debate her in Boston.", "REQUEST", True, "2016-04-29"),
    ("The mayor challenged the governor to a debate on schools.", "REQUEST", True, "2016-04-29"),
    ("The committee subpoenaed the former minister on Tuesday.", "REQUEST", True, "2016-04-29"),
    # what someone may do is no event; what someone does is
    ("A new law gives prosecutors broad authority to seize the assets of suspects.", "COERCE", False, "2016-04-29"),
    ("The senate has the power to reject the treaty.", "REJECT", False, "2016-04-29"),
    ("Police seized the assets of the suspects on Monday.", "COERCE", True, "2016-04-29"),
]


@pytest.mark.parametrize("text, coded", [
    # no party acts or is acted on: things, not actors
    ("The launch was meant to answer complaints that the phone is too fragile.", set()),
    ("The new factory will support about 3,000 jobs in the region.", set()),
    # one party alone meets no one; two, or a plural, do
    ("The senator left the meeting shortly before noon.", set()),
    ("The two ministers met in Vienna on Friday.", {"CONSULT"}),
    ("The senator and the governor met for an hour on Friday.", {"CONSULT"}),
    # a crowd named by a common noun is a party
    ("Youths rioted in the northern suburbs for a second night.", {"PROTEST"}),
    # among businesses and their people, market news; a minister's resignation is politics
    ("The carmaker's chief executive, Paul Weber, stepped down on Monday after ten years in the post.", set()),
    ("The airline thanked the planemaker's engineers for their work on the new jet.", set()),
    ("The defence minister, Paul Weber, resigned on Monday over the procurement scandal.", {"RETREAT"}),
    # a threat worded as a thing is its speaker's
    ("Any strike on the dam would have grave consequences, the general said.", {"THREATEN"}),
    # a trip no visitor makes is no visit; the Pope is a visitor
    ("The jet sat at the gate; it was meant to fly on to Lisbon at noon.", set()),
    ("The Pope's visit to Cuba drew huge crowds on Sunday.", {"CONSULT"}),
    # "we" in a quotation is the speaker's side
    ("\"We demand a full apology,\" the union leader said after the vote.", {"REQUEST"}),
    ("An angry crowd stormed the town hall on Saturday.", {"ASSAULT"}),
])
def test_an_event_needs_its_parties(rules, text, coded):
    assert types_of(rules, text, "2016-03-10") == coded


@pytest.mark.parametrize("text, type_, coded, published", IN_THEIR_SENSE)
def test_a_word_names_its_event_only_in_that_sense(rules, text, type_, coded, published):
    assert (type_ in types_of(rules, text, published)) is coded


@pytest.mark.parametrize("text, type_, modality", [
    ("Reyes said she would like the senator to explain his plan but supports Governor Tom Hale in the primary.",
     "SUPPORT", "asserted"),
    ("The two presidents will meet in Geneva and sign the treaty in May.", "AGREE", "planned"),
])
def test_a_verb_in_a_tense_of_its_own_has_its_own_mood(rules, text, type_, modality):
    record, events = events_of(rules, text)
    assert only(events, type_).modality == modality


def test_a_day_after_the_object_leaves_the_objects_owner_the_recipient(rules):
    # the fallback to a preposition's object ("sent supplies to Italy") must not lose the party for a day
    record, events = events_of(rules, "The senator opposed the governor's budget on Monday.")
    assert [e.name for e in record.entities if e.id in only(events, "REJECT").recipients] == ["governor"]


def test_a_document_nobody_is_said_to_have_written_has_no_author(rules):
    record, events = events_of(rules, "Senator Ruth Adler spoke on Monday. The letter accuses the newspaper of "
                                      "distorting the company's safety record.")
    assert only(events, "ACCUSE").actors == []


@pytest.mark.parametrize("text, consult", [
    ("The senator met with her aides on Monday.", False),
    ("The governor's advisers said he had been meeting with his staff all week.", False),
    ("Neither the senator nor the governor spoke with reporters after the vote.", False),
    ("The governor met with voters in Toledo on Monday.", False),
    ("The foreign minister met with his Chinese counterpart on Monday.", True),
])
def test_talking_to_the_press_or_the_public_is_no_consultation(rules, text, consult):
    assert ("CONSULT" in types_of(rules, text)) is consult


def test_statements_are_not_events(pipeline):
    _, events = events_of(pipeline, "The finance minister said on Thursday that the economy grew by two "
                                    "percent last year and that inflation was falling.")
    assert events == []


def test_non_political_senses_are_not_events(pipeline):
    _, events = events_of(pipeline, "The central bank met market expectations on Wednesday, and shares in "
                                    "Tokyo rallied while a heart attack killed a well-known actor in London.")
    assert events == []


def test_time_and_place_come_from_the_clause(pipeline):
    record, events = events_of(pipeline, "Russian and Chinese diplomats held talks in Geneva on Tuesday about "
                                         "the future of the nuclear agreement.")
    talks = only(events, "CONSULT")
    times = {t.id: t for t in record.times}
    places = {p.id: p for p in record.places}
    assert talks.time is not None and times[talks.time].text == "Tuesday"
    assert talks.place is not None and places[talks.place].text == "Geneva"


@pytest.mark.parametrize("text, type_", [
    ("Senator Dana Ruiz has accused Governor Paul Weber of hiding the audit.", "ACCUSE"),
    ("Senator Dana Ruiz often criticized Governor Paul Weber during the campaign.", "ACCUSE"),
    ("The governor's attacks on Senator Dana Ruiz were unusually personal.", "ASSAULT|ACCUSE"),
    ("Can Governor Paul Weber offer the unions something they want?", "AGREE"),
])
def test_habits_states_and_series_are_generic(rules, text, type_):
    _, events = events_of(rules, text)
    found = [e for e in events if e.type in type_.split("|")]
    assert found and all(e.generic for e in found), [(e.type, e.trigger.text, e.generic) for e in events]


@pytest.mark.parametrize("text", [
    "Senator Dana Ruiz accused Governor Paul Weber of hiding the audit on Monday.",
    "Governor Paul Weber met union leaders in Lyon.",
    "North Korea has agreed to hold talks with South Korea.",
])
def test_one_happening_is_not_generic(pipeline, text):
    _, events = events_of(pipeline, text)
    assert events and not any(e.generic for e in events), [(e.type, e.trigger.text) for e in events]


@pytest.mark.parametrize("text", ["The senator's attacks on Governor Paul Weber grew sharper all week.",
                                  "Dana Ruiz avoided personal attacks during the debate in Denver."])
def test_verbal_attacks_on_people_are_accusations(pipeline, text):
    _, events = events_of(pipeline, text)
    assert [e.type for e in events] == ["ACCUSE"]


def test_a_private_persons_crime_is_no_political_event_but_unnamed_attackers_and_police_are(pipeline):
    record, events = events_of(pipeline, "John Miller shot and killed his neighbour Tom Reed in a dispute over a "
                                         "fence.")
    assert not record.reported_events  # kept only as background, for other reports of the same crime
    crime = only(events, "ASSAULT")
    assert crime.background and [names_of(record)[a] for a in crime.actors] == ["John Miller"]
    for text in ("Police shot a protester in Lagos on Tuesday.", "Gunmen killed 12 villagers in northern Nigeria.",
                 "Militants launched an attack on an army post near Kandahar on Sunday."):
        assert only(events_of(pipeline, text)[1], "ASSAULT")


def test_a_statement_of_strong_condemnation_is_an_accusation_by_its_speaker(pipeline):
    record, events = events_of(pipeline, '"Governor Paul Weber is a dangerous, reckless liar and a disgrace to this '
                                         'state," Senator Dana Ruiz said on Monday.')
    accuse = only(events, "ACCUSE")
    names = names_of(record)
    assert names[accuse.actors[0]].endswith("Ruiz") and [names[r] for r in accuse.recipients] == ["Paul Weber"]
    assert accuse.modality == "asserted" and accuse.trigger.text in record.text


@pytest.mark.parametrize("text", [
    '"The weather was lovely and the crowd was wonderful," Senator Dana Ruiz said.',
    '"We will retaliate against any attack on our troops," the defence minister said.',  # the threat, not ACCUSE
    "A spokesman for the relief agency told reporters that a team would arrive on Wednesday to assess the damage.",
    '"Obviously we are very disappointed and frankly shocked by this terrible result," Harlow Motors Inc. said in a '
    'statement on Friday.',  # a company's gloom is market news
])
def test_no_accusation_from_mild_words_or_from_words_naming_an_event(pipeline, text):
    _, events = events_of(pipeline, text)
    assert "ACCUSE" not in {e.type for e in events}


def test_spans_are_exact_offsets(pipeline):
    text = "Protesters marched through Caracas on Saturday.\n\nPolice arrested dozens of demonstrators, " \
           "and the government later released them."
    record, events = events_of(pipeline, text)
    assert events
    for event in events:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
        assert event.sentence.start <= event.trigger.start < event.trigger.end <= event.sentence.end
        assert event.cameo is None or event.cameo.isdigit()


def test_no_events_from_boilerplate(pipeline):
    text = ("Government troops attacked rebel positions near the border on Monday, the army said.\n"
            "Troops Attack Rebel Positions\n"
            "The fighting continued into the night as residents fled the area.\n"
            "© Copyright 2024 Reuters. All rights reserved.")
    record, events = events_of(pipeline, text)
    for span in record.boilerplate:
        assert not [e for e in events if span.start <= e.trigger.start < span.end]


@pytest.mark.parametrize("text", ["", " ", "“Unbalanced quote about sanctions", "attack " * 3000,
                                  "Talks. Talks! Talks?", "\n\n\n"])
def test_odd_input_never_raises(pipeline, text):
    from attache.errors import AttacheError

    try:
        record = pipeline.analyze(text)
    except AttacheError:
        return  # empty input is refused with a coded error, not a crash
    for event in record.events:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text


def test_dev_set_scorer_counts_types():
    from attache.evaluate.events import EventsScore, score_example
    from attache.record import Actor, Entity, SentenceSpan, TextSpan

    record = Analysis(text="x", entities=[Entity("e1", "France", "GPE", actor=Actor("FRA"))],
                      events=[Event("v1", "CONSULT", TextSpan(0, 1, "x"), SentenceSpan(0, 1), actors=["e1"]),
                              Event("v2", "ASSAULT", TextSpan(0, 1, "x"), SentenceSpan(0, 1))])
    score = EventsScore()
    score_example(score, {"text": "x", "type": "CONSULT", "actors": ["FRA"], "modality": "planned"}, record)
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)
    assert score.actor_accuracy == 1.0 and score.modality_accuracy == 0.0


@pytest.mark.slow
def test_dev_set_type_f1(pipeline):
    from attache.evaluate.events import evaluate

    score = evaluate(pipeline=pipeline)
    assert score.f1 >= 0.85
    assert score.modality_accuracy >= 0.85


@pytest.mark.shared
def test_seed_events(pipeline, shared):
    """The seed's six required events, matched as seed_score.py does: type and an actor's surname/country."""
    text = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "seed" / "gold.json").read_text(encoding="utf-8"))
    record = pipeline.analyze(text, published="2018-10-09")
    entities = {e.id: e for e in record.entities}

    def keys(ids: list[str]) -> set[str]:
        out: set[str] = set()
        for i in ids:
            entity = entities[i]
            out |= {entity.name.split()[-1].lower()} | {m.text.split()[-1].lower() for m in entity.mentions if m.text}
            if entity.actor and entity.actor.country:
                out.add(entity.actor.country.lower())
        return out

    right = 0
    required = [g for g in gold["events"] if not g.get("optional")]
    for g in required:
        want = {gold["entities"][a]["name"].split()[-1].lower() if a in gold["entities"] else a.lower()
                for a in g["actors"]}
        right += any(e.type == g["type"] and want & keys(e.actors) for e in record.events)
    assert right == len(required)


def test_an_actors_own_will_not_is_a_rejection(rules):
    record, events = events_of(rules, "Venezuela said it would not negotiate with the opposition while "
                                         "sanctions remain in place.")
    refusal = only(events, "REJECT")
    assert refusal.mode == "meet" and refusal.modality == "asserted"
    assert countries(record, refusal.actors) == {"VEN"}
    # a third party reporting that a trip will not happen: a negated visit, not a refusal
    _, events = events_of(rules, "Japanese Foreign Minister Taro Kono will not travel to Seoul this week, "
                                    "two officials said.")
    assert [(e.type, e.modality) for e in events] == [("CONSULT", "negated")]


def test_stated_retaliation_is_a_threat_but_retaliating_with_tariffs_is_not(pipeline):
    _, events = events_of(pipeline, "Mexico said it would retaliate if Washington raised duties on steel.")
    threat = only(events, "THREATEN")
    assert threat.modality == "asserted"
    _, events = events_of(pipeline, "Egypt's army vowed to retaliate against the militants who attacked the checkpoint.")
    assert only(events, "THREATEN").trigger.text == "vowed"
    _, events = events_of(pipeline, "Canada retaliated with tariffs on American whiskey.")
    assert not any(e.type == "THREATEN" for e in events)


@pytest.mark.parametrize("text, type_", [
    ("The senator called the prime minister a liar during the debate.", "ACCUSE"),
    ("The opposition leader described the budget as a disaster for working families.", "ACCUSE"),
    ("The foreign minister described his counterpart as a close friend and partner.", "SUPPORT"),
    ("The governor lashed out at Washington over the funding cuts.", "ACCUSE"),
    ("The president said he regretted the remarks about the court.", "CONCEDE"),
    ("Prosecutors will challenge the ruling in court.", "ACCUSE"),
    ("Albania expelled three Russian diplomats on Monday.", "SANCTION"),
    ("Kenya expelled two British journalists last week.", "COERCE"),
    ("Any landing on the islands would have serious consequences, the defence minister said.", "THREATEN"),
    ("A judge issued an arrest warrant for the former minister on Tuesday.", "THREATEN"),
    ("Canada slapped tariffs on American steel.", "SANCTION"),
    ("The rebels set fire to the governor's office.", "ASSAULT"),
])
def test_judgements_regrets_challenges_and_expulsions(rules, text, type_):
    assert type_ in types_of(rules, text)


def test_background_events_and_non_events_are_not_coded(pipeline):
    _, events = events_of(pipeline, "Hundreds of foreigners left the capital after the bombings of two embassies.")
    assert "ASSAULT" not in {e.type for e in events}
    _, events = events_of(pipeline, "A second suspect in the embassy bombings was handed over to Kenyan police.")
    assert [e.type for e in events] == ["COOPERATE"]
    _, events = events_of(pipeline, "The ministry refused to comment on the talks, and the agency released its report.")
    assert not events
    _, events = events_of(pipeline, "A new study warns that extremist groups grew rapidly last year.")
    assert not events


def test_a_refused_hostile_act_is_that_act_negated(rules):
    _, events = events_of(rules, "The general refused to attack the protesters in the square.")
    assert [(e.type, e.modality) for e in events] == [("ASSAULT", "negated")]
    _, events = events_of(rules, "Hungary declined to join sanctions against Russia's energy sector.")
    assert only(events, "REJECT").modality == "asserted"


@pytest.mark.parametrize("text", [
    "The senator withdrew from the race for governor on Friday.",
    "The company signed a ten-year contract with the city to collect rubbish.",
    "The ministry withdrew its request for a hearing.",
])
def test_candidacies_contracts_and_withdrawn_requests_are_no_events(pipeline, text):
    _, events = events_of(pipeline, text)
    assert not {e.type for e in events} & {"RETREAT", "SUPPORT", "AGREE"}


def test_a_refusal_to_make_concessions_is_no_concession(pipeline):
    _, events = events_of(pipeline, "“We have not travelled to Geneva to offer concessions to anyone,” the "
                                    "negotiator told reporters.")
    assert all(e.modality == "negated" for e in events if e.type == "CONCEDE")


def test_a_headline_gives_no_events(pipeline):
    _, events = events_of(pipeline, "Talks falter as Madrid and Lisbon swap warnings over fishing\n\n"
                                    "MADRID — Spanish and Portuguese officials ended two days of talks on "
                                    "Wednesday without a deal.")
    assert not any(e.sentence.start == 0 for e in events)


def test_a_weather_warning_is_no_threat(pipeline):
    _, events = events_of(pipeline, "Forecasters issued a flood warning for the coastal districts on Monday, "
                                    "and a warning of heavy rain for the capital.")
    assert not any(e.type == "THREATEN" for e in events)


def test_insisting_on_a_claim_is_no_request_but_insisting_on_something_is(pipeline):
    _, claim = events_of(pipeline, "The finance minister insisted the new tax would raise billions within a year.")
    assert not any(e.type == "REQUEST" for e in claim)
    _, demand = events_of(pipeline, "Opposition leaders insisted on an independent inquiry into the shooting.")
    assert any(e.type == "REQUEST" for e in demand)


def test_a_slogan_about_agreement_is_no_agreement(pipeline):
    _, events = events_of(pipeline, "“Nothing is settled until everything is agreed,” the envoy said, "
                                    "adding that anything agreed earlier could still be reopened.")
    assert not any(e.type == "AGREE" for e in events)


def test_an_expected_meeting_is_no_pledge(rules):
    _, expected = events_of(rules, "The foreign ministers are expected to meet again in Oslo next month.")
    assert [(e.type, e.modality) for e in expected] == [("CONSULT", "planned")]
    _, promised = events_of(rules, "The foreign ministers will meet again in Oslo next month.")
    assert [e.type for e in promised] == ["AGREE"]


@pytest.mark.parametrize("text", ["The two premiers were weighing three venues for a summit next spring.",
                                  "The envoy hopes to visit Hanoi before the end of the year."])
def test_a_meeting_weighed_or_hoped_for_is_no_pledge(rules, text):
    _, events = events_of(rules, text)
    assert [(e.type, e.modality) for e in events] == [("CONSULT", "planned")]


def test_an_event_in_a_clause_of_time_under_a_future_one_has_not_happened(rules):
    _, future = events_of(rules, "The minister said the accord would open the border once both assemblies "
                                 "had ratified it.")
    assert [(e.trigger.text, e.modality) for e in future if e.trigger.text == "ratified"] == [("ratified",
                                                                                              "hypothetical")]
    _, past = events_of(rules, "The border opened once both assemblies had ratified the accord.")
    assert [e.modality for e in past if e.trigger.text == "ratified"] == ["asserted"]


@pytest.mark.parametrize("text, place", [
    ("The Paris attacks did not change the vote, Mayor Anna Berg said.", "Paris"),
    ("Mayor Anna Berg said the speech was never given because the Lyon bombings had shaken the city.", "Lyon"),
])
def test_an_event_a_name_makes_one_has_happened_where_it_is_named(rules, text, place):
    record, events = events_of(rules, text)
    named = only(events, "ASSAULT")  # a plural noun, but one event: not generic; neither negated nor planned
    assert not named.generic and named.modality == "asserted"
    assert named.place is not None and record.place(named.place).name == place


def test_a_headline_present_is_news_but_the_same_words_in_prose_are_a_habit(pipeline):
    _, headline = events_of(pipeline, "Voters Overwhelmingly Reject The Plan To Raise The Sales Tax.")
    _, prose = events_of(pipeline, "Voters overwhelmingly reject the plan to raise the sales tax.")
    assert not only(headline, "REJECT").generic and only(prose, "REJECT").generic


def test_a_stance_in_a_past_perfect_relative_clause_is_background(pipeline):
    record = pipeline.analyze("Governor Paul Weber, whom the unions had backed for years, lost the vote.",
                              published="2016-04-01")
    supports = [e for e in record.events if e.type == "SUPPORT"]
    assert supports and all(e.background or e.generic for e in supports)


@pytest.mark.parametrize("text, type_", [
    ("The FBI is investigating the bombings which killed 224 people in Nairobi.", "ASSAULT"),
    ("Police held up the gun used to kill the doctor.", "ASSAULT"),
    ("She met families who had lost children to attacks by militants.", "ASSAULT"),
    ("The plan was drafted by Mark Olsen, who supports Governor Paul Weber.", "SUPPORT"),
])
def test_an_event_in_a_clause_describing_a_noun_is_background(rules, text, type_):
    record = rules.analyze(text, published="1999-10-08")
    assert not any(e.type == type_ for e in record.reported_events)
    assert all(e.background for e in record.events if e.type == type_)  # kept only for story events


def test_a_background_event_is_in_the_record_but_not_in_the_store_or_the_export(rules, tmp_path):
    from attache.store import SQLiteStore

    record = rules.analyze("It is a twist on how Senator Dana Ruiz, who has endorsed Governor Paul Weber, raised "
                           "money.", published="2016-04-01")
    background = [e for e in record.events if e.background]
    assert background and background[0].type == "SUPPORT" and not record.reported_events
    store = SQLiteStore(str(tmp_path / "s.db"))
    store.add(record)
    assert store._execute("SELECT COUNT(*) AS n FROM events")[0]["n"] == 0


def test_an_event_the_sentence_reports_is_coded(rules):
    record = rules.analyze("Militants killed 12 soldiers near the border on Monday.", published="1999-10-08")
    assert any(e.type == "ASSAULT" for e in record.events)


@pytest.mark.parametrize("text", [
    "First Security Corp. said it tentatively agreed to acquire Deseret Bancorp. for $18 million.",  # a deal
    "Several consultants agreed that the campaign had to be careful.",  # an opinion shared
])
def test_deals_between_companies_and_shared_opinions_are_no_agreement(rules, text):
    record = rules.analyze(text, published="1990-01-01")
    assert not any(e.type == "AGREE" for e in record.events)


def test_a_government_agreeing_to_a_sale_is_an_agreement(rules):
    record = rules.analyze("Iran agreed on Monday to sell oil to China.", published="1990-01-01")
    assert any(e.type == "AGREE" for e in record.events)


@pytest.mark.parametrize("text, type_, coded", [
    ("Apple released its new phone on Friday.", "RETREAT", False),  # a product
    ("The rebels released two hostages on Friday.", "RETREAT", True),
    ("Former ambassador John Bolton discussed the scandals in an interview.", "CONSULT", False),  # a topic talked about
    ("Ethiopia and Egypt discussed the dam dispute in Khartoum on Saturday.", "CONSULT", True),  # two parties
])
def test_releases_need_a_captive_and_discussions_two_parties(rules, text, type_, coded):
    record = rules.analyze(text, published="2020-01-10")
    assert any(e.type == type_ for e in record.events) is coded


@pytest.mark.parametrize("text, type_, coded", [
    ("Campaign activists vowed to fight the new voting law in the state courts.", "ASSAULT", False),  # a campaign
    ("Government troops fought rebels near the northern border on Monday.", "ASSAULT", True),  # combat
    ("The governor said she will veto the bill, and her allies pledged to fight for it anyway.", "ASSAULT", False),
    ("The president vowed on Tuesday to veto the spending bill.", "THREATEN", True),  # a pledge of a hostile act
    ("The president vowed on Tuesday to veto the spending bill.", "AGREE", False),
    ("The Justice Department is offering a $1 million reward for information on the bombers.", "REQUEST", True),
    ("The company offered $12 a share for the chain's stock.", "AGREE", False),  # market news
    ("Sixty percent of the voters polled agree.", "AGREE", False),  # an opinion, not an agreement
    ("The two ministers agreed on a new trade pact in Geneva on Sunday.", "AGREE", True),
    ("The senator spoke at a Hillary Clinton rally in Ohio on Saturday.", "PROTEST", False),  # a campaign rally
    ("Thousands of nurses rallied against the pension reform in Paris on Thursday.", "PROTEST", True),
    ("The report demonstrates that the agency ignored the warnings.", "PROTEST", False),  # "demonstrate": show
    ("The crowd applauded.", "SUPPORT", False),
    ("The governor defended her record in a radio interview.", "SUPPORT", False),
    ("The new airliner is flying to Chicago on Monday.", "CONSULT", False),  # an aircraft visits no one
])
def test_words_of_campaigns_markets_and_opinion_are_no_combat_deal_or_protest(rules, text, type_, coded):
    assert (type_ in types_of(rules, text, "2016-05-10")) is coded


@pytest.mark.parametrize("text, type_", [
    ("The ministry rebutted the accusation that its troops had fired on civilians.", "REJECT"),
    ("The mayor denied allegations that he had taken bribes.", "REJECT"),
    ("Two senators voted against the final version of the bill.", "REJECT"),
    ("All four senators voted in favor of the amendment on Thursday.", "SUPPORT"),
    ("The prime minister paid tribute to the firefighters on Monday.", "SUPPORT"),
    ("The senator later walked back his comments about the judge.", "CONCEDE"),
    ("The utility may plead guilty this week to charges of bribing officials.", "CONCEDE"),
    ("The administration has pushed for the detainees' return to their families.", "REQUEST"),
    ("The government exhorted citizens to keep rallying.", "REQUEST"),
])
def test_refutations_votes_tributes_retractions_and_pleas(rules, text, type_):
    assert type_ in types_of(rules, text, "2016-05-10")


def test_voting_shares_for_two_years_is_no_support(rules):
    record = rules.analyze("Mr. Drabinsky would have had the right to vote those shares for two years.",
                           published="1989-11-01")
    assert not any(e.type == "SUPPORT" for e in record.events)


@pytest.mark.parametrize("text", [
    "Three officials have been indicted in the bribery case.",  # PLOVER: to indict or charge is to accuse
    "The two men are charged with murder and conspiracy.",
    "The senator hammered the governor for his vote on the pipeline.",
    "On Wednesday, the mayor bashed the council's plan to close the shelters.",
    "The minister formally objected to the court's ruling.",
    "His rivals have tried to portray the candidate as a puppet of the banks.",
])
def test_charges_and_criticism_in_other_words_are_accusations(rules, text):
    found = types_of(rules, text, "2016-05-10")
    assert "ACCUSE" in found and "COERCE" not in found


@pytest.mark.parametrize("text, coded", [
    ("North Korea warned on Monday that it would retaliate against any strike.", True),
    ("Iran warned the United States that it would close the strait if sanctions were imposed.", True),
    ("China warned of consequences if the arms sale goes ahead.", True),
    ("Iran warned the United States against any attack on its nuclear sites.", True),  # warned someone off
    ("An accompanying statement warned against all travel to the region.", False),  # a travel advisory
    ("Officials warned residents to stay indoors.", False),  # advice
    ("The senator warned that the test could foreshadow a crisis with Iran.", False),  # a prediction
    ("A nuclear-armed regime is a threat to the whole region.", False),  # a danger, not a threat made
    ("The embassy received threats from a militant group last week.", True),
])
def test_a_threat_is_a_hostile_act_announced_not_a_danger_or_a_prediction(rules, text, coded):
    assert ("THREATEN" in types_of(rules, text, "2016-05-10")) is coded


@pytest.mark.parametrize("text, place", [
    ("Castro attended a rally on Thursday at Havana's Palace of Conventions to demand the boy's return.", "Havana"),
    ("NATO decided at last year's Madrid summit to invite three countries to start accession talks.", "Madrid"),
])
def test_a_place_naming_a_venue_is_where_the_event_happened(rules, text, place):
    record = rules.analyze(text, published="1999-03-12")
    event = next(e for e in record.events if e.type in ("PROTEST", "AGREE"))
    assert record.place(event.place) is not None and record.place(event.place).name == place


def test_a_place_in_a_clause_about_something_else_is_not_where_the_event_happened(rules):
    text = ("While state television broadcast footage of exiles protesting in Miami, the Cuban government urged "
            "its people to keep up their own demonstrations.")
    record = rules.analyze(text, published="2000-04-17")
    request = next(e for e in record.events if e.type == "REQUEST")
    assert request.place is None


@pytest.mark.parametrize("text, type_, place", [
    ("In Harare, Zimbabwe, a police spokesman said officers arrested two opposition organisers at the city's "
     "airport.", "COERCE", "Harare"),
    ("Hundreds of students gathered in Lagos, Nigeria, on Monday to denounce the election result.", "ACCUSE",
     "Lagos"),
])
def test_a_city_with_its_country_is_one_place_of_the_sentence(rules, text, type_, place):
    # the sentence's one place is where its event happened; the country after the city names no second place
    record = rules.analyze(text, published="2008-06-20")
    event = next(e for e in record.events if e.type == type_)
    assert record.place(event.place) is not None and record.place(event.place).name == place


def test_events_of_a_wire_story_happen_at_its_dateline(rules):
    text = ("\n\nWASHINGTON, August 8 (Xinhua) --\n\nPresident Bill Clinton on Saturday vowed to hunt down those "
            "responsible for the bombings.")
    record = rules.analyze(text, published="1998-08-08")
    threat = next(e for e in record.events if e.type == "THREATEN")
    assert record.place(threat.place).name == "Washington"


@pytest.mark.parametrize("text, type_, coded", [
    ("The board said it would submit the offer to a special committee.", "AGREE", False),  # a bid, market news
    ("The government renewed its offer of talks to the rebels on Monday.", "AGREE", True),
    ("The candidate's attacks on a federal judge drew criticism from his own party.", "ASSAULT", False),
    ("The candidate's attacks on a federal judge drew criticism from his own party.", "ACCUSE", True),
])
def test_an_offer_needs_a_maker_or_an_offer_of_something_and_attacks_on_a_judge_are_words(rules, text, type_, coded):
    assert (type_ in types_of(rules, text, "2016-06-08")) is coded


@pytest.mark.parametrize("text, type_, coded", [
    ("Several senators reaffirmed their opposition to the nominee on Tuesday.", "ACCUSE", True),
    ("The union encouraged its members to vote against the contract.", "REQUEST", True),
    ("The minister recommended that airlines should not buy the new jets.", "REQUEST", True),
    ("The company said its chief resigned as general manager to pursue other interests.", "RETREAT", False),
    ("The defence minister resigned on Friday after the scandal.", "RETREAT", True),
])
def test_opposition_encouragement_advice_and_a_managers_resignation(rules, text, type_, coded):
    assert (type_ in types_of(rules, text, "2016-06-08")) is coded


def test_backing_won_is_support(rules):
    assert "SUPPORT" in types_of(rules, "The senator earned the backing of two congressmen on Friday.", "2016-04-30")


@pytest.mark.parametrize("text", [
    "Border guards fired plastic bullets at the stone-throwing youths near the checkpoint.",  # PLOVER: crowd-control
    "Officers used tear gas to disperse several hundred demonstrators outside the parliament.",
    "A patrol vehicle was hit with petrol bombs thrown from a rooftop, the army said.",
])
def test_crowd_control_weapons_and_bombs_thrown_are_assaults(rules, text):
    assert "ASSAULT" in types_of(rules, text, "1998-07-06")


@pytest.mark.parametrize("text, type_, actor, recipient", [
    ("The Peruvian foreign minister praised the embassy staff before meeting with Chilean officials in Lima.",
     "CONSULT", "PER", "CHL"),
    ("The Egyptian president thanked the crowd after meeting with Sudanese leaders in Cairo.", "CONSULT", "EGY", "SDN"),
])
def test_a_gerund_after_a_preposition_of_time_is_done_by_the_subject_whatever_its_object(
        pipeline, text, type_, actor, recipient):
    record = pipeline.analyze(text, published="2018-10-09")
    event = only(record.events, type_)
    assert countries(record, event.actors) == {actor}
    assert recipient in countries(record, event.recipients)


def test_a_name_condition_reads_the_articles_entity_not_the_taggers_label(pipeline):
    # The tagger calls "Trump" alone an organisation here; the article has named the person Donald Trump.
    text = "Donald Trump spoke in Ohio on Monday. Kasich stepped up his attacks on Trump."
    assert types_of(pipeline, text, "2016-05-01") == {"ACCUSE"}


def test_an_event_dated_weeks_before_publication_is_an_earlier_story_told_again(pipeline):
    text = "A car bomb killed 31 people outside the Interior Ministry in Baghdad on March 3."
    assert [e.type for e in pipeline.analyze(text, published="2009-03-05").reported_events] == ["ASSAULT"]
    record = pipeline.analyze(text, published="2009-04-20")
    assert not record.reported_events
    assert [e.type for e in record.events if e.background] == ["ASSAULT"]  # kept for matching reports of it


@pytest.mark.parametrize("text, published, reported", [
    # a deed's toll, its subject the event: told again when that event is named as known or dated long before
    ("The truck bomb attack at the consulate in Lagos killed 45 people and wounded 300 others.", "2003-06-01", False),
    ("The blasts on May 2 outside the consulate in Lagos killed 45 people.", "2003-06-01", False),
    ("The blasts on Friday outside the consulate in Lagos killed 45 people.", "2003-06-01", True),
    ("A truck bomb attack at the consulate in Lagos killed 45 people on Friday.", "2003-06-01", True),
    # violence dated to a month, season or year long past is background; a stance of that year is still news
    ("The magistrate was shot dead outside his home in Cali last spring.", "2003-11-01", False),
])
def test_a_deeds_toll_is_told_again_with_the_event_that_caused_it(pipeline, text, published, reported):
    record = pipeline.analyze(text, published=published)
    assert ("ASSAULT" in {e.type for e in record.reported_events}) is reported
    assert "ASSAULT" in {e.type for e in record.events}  # kept, as background, for other reports of it


def test_an_attack_named_in_a_clause_dated_by_another_event_is_a_known_event(pipeline):
    # the weekend is when the evidence arrived, not when the bombing was
    record = pipeline.analyze("Evidence from the Lagos bombing arrived at the police laboratory over the weekend.",
                              published="2003-06-01")
    assert "ASSAULT" not in {e.type for e in record.reported_events}
    assert "ASSAULT" in {e.type for e in record.events}  # kept, as background, for other reports of it


@pytest.mark.parametrize("text", [
    "The city rebuilt its harbour in the aftermath of the bombings, the mayor said on Friday.",
    "Police opened a probe into the shooting on Friday.",
])
def test_an_attack_named_as_the_time_or_topic_of_another_event_is_no_news_of_its_own(pipeline, text):
    assert "ASSAULT" not in reported_types_of(pipeline, text, "2003-06-01")


def test_a_stance_dated_to_a_year_long_past_is_still_reported(pipeline):
    record = pipeline.analyze("In 2011, Senator Ruth Adler endorsed Governor Paul Weber.", published="2016-03-01")
    assert {e.type for e in record.reported_events} == {"SUPPORT"}


@pytest.mark.parametrize("text, type_", [
    ("Governor Tom Reyes proposed a televised debate in Toledo on May 3.", "AGREE"),  # an offer to meet
    ("Senator Ann Holt suggested the two candidates debate in Dayton instead.", "AGREE"),
    ("Governor Tom Reyes ignored calls from the teachers' union to resign.", "REJECT"),
    ("The Kenyan foreign ministry strongly disputed that notion on Tuesday.", "REJECT"),
])
def test_offers_to_meet_and_brushed_aside_demands_are_coded(pipeline, text, type_):
    assert type_ in reported_types_of(pipeline, text, "2016-04-01")


@pytest.mark.parametrize("text, agreed", [
    ("Senator Ann Holt and Governor Tom Reyes agree the budget is far too large.", False),  # an opinion shared
    ("Senator Ann Holt and Governor Tom Reyes agreed to cut the budget.", True),
])
def test_two_parties_sharing_an_opinion_make_no_agreement(pipeline, text, agreed):
    record = pipeline.analyze(text, published="2016-04-01")
    assert ("AGREE" in {e.type for e in record.reported_events}) is agreed


@pytest.mark.parametrize("text, accused", [
    ("At the debate, Senator Ann Holt attacked Reyes for failing to fund the schools.", True),  # blamed for a deed
    ("The group has bought airtime for ads that attack Governor Tom Reyes.", True),  # what the ads say is news
    ("The group defended the ads that Governor Tom Reyes attacked last year.", False),  # what was done to them
])
def test_an_attack_for_what_someone_did_and_an_ads_attack_are_accusations(pipeline, text, accused):
    record = pipeline.analyze(text, published="2016-04-01")
    assert ("ACCUSE" in {e.type for e in record.reported_events}) is accused
    assert "ASSAULT" not in {e.type for e in record.reported_events}


def test_a_request_for_comment_is_no_demand(pipeline):
    # a reporter's question; a union's request for talks is one
    record = pipeline.analyze("Governor Tom Reyes's office did not answer a request for comment on Friday. The "
                              "teachers' union sent Reyes a request for talks.", published="2016-04-01")
    assert [e.trigger.text for e in record.events if e.type == "REQUEST"] == ["request"]
    assert record.events[0].trigger.start > record.text.index("union")


@pytest.mark.parametrize("text, type_", [
    ("The European Union banned Indonesian airlines from its airspace on Friday.", "SANCTION"),  # commerce cut
    ("China imposed a ban on imports of Japanese seafood on Tuesday.", "SANCTION"),
    ("The junta banned the main opposition party on Monday.", "COERCE"),  # political life restricted
])
def test_a_ban_on_trade_is_a_sanction_a_ban_on_political_life_is_coercion(pipeline, text, type_):
    assert reported_types_of(pipeline, text, "2016-04-01") == {type_}


@pytest.mark.parametrize("text, requested", [
    ("The mayor of Lyon asked that the ministry decide on the new rail line before June.", True),
    ("Reporters asked whether the mayor of Lyon knew that the rail line was cancelled.", False),  # a question
])
def test_asking_that_something_be_done_is_a_request(pipeline, text, requested):
    record = pipeline.analyze(text, published="2016-04-01")
    assert ("REQUEST" in {e.type for e in record.reported_events}) is requested


def test_a_noun_event_is_aimed_at_the_against_phrase_of_its_verb(rules):
    record, events = events_of(rules, "Accusations of fraud were leveled against Governor Tom Reyes on Monday.")
    assert [names_of(record)[r] for r in only(events, "ACCUSE").recipients] == ["Tom Reyes"]


@pytest.mark.parametrize("text, accused", [
    ("Mr. Halvorsen was charged on Friday in a lawsuit filed by the state of Ohio.", True),
    ("Six suspects have been charged but not arrested.", True),
    ("The airline charged a fee for every bag.", False),  # a price, no accusation
])
def test_being_charged_is_an_accusation(pipeline, text, accused):
    record = pipeline.analyze(text, published="2016-04-01")
    assert ("ACCUSE" in {e.type for e in record.reported_events}) is accused


@pytest.mark.parametrize("text", [
    "The Peruvian president postponed a state visit to Chile on Monday.",
    "The Russian foreign minister cancelled talks with his Japanese counterpart.",
    "Iran called off Tuesday's meeting with the European envoys.",
])
def test_a_cancelled_or_postponed_meeting_is_a_rejection_not_a_meeting(pipeline, text):
    # the manual: a cancelled visit is the rejection it expresses, not a consultation
    assert reported_types_of(pipeline, text, "2016-04-01") == {"REJECT"}


def test_a_proposed_policy_is_no_offer_to_meet(pipeline):
    record = pipeline.analyze("Governor Tom Reyes proposed a tax on sugary drinks.", published="2016-04-01")
    assert "AGREE" not in {e.type for e in record.reported_events}


@pytest.mark.parametrize("text, actor, recipient", [
    ('"Iran should free the detained reporters and reopen the border," Foreign Minister Ines Varga of Hungary said.',
     "Ines Varga", "Iran"),
    ("Senator Ann Holt said on Tuesday that the party must back Governor Tom Reyes in November.", "Ann Holt", "party"),
    ('"Governor Reyes needs to stop blaming the unions," said Senator Ann Holt.', "Ann Holt", "Reyes"),
])
def test_a_statement_of_what_another_party_should_do_is_a_demand(rules, text, actor, recipient):
    record, events = events_of(rules, text)
    names = names_of(record)
    demand = only(events, "REQUEST")
    assert [names[a] for a in demand.actors] == [actor] and recipient in names[demand.recipients[0]]
    assert {e.type for e in events} == {"REQUEST"}  # what is demanded is no event of its own (no pledge, no talks)


@pytest.mark.parametrize("text", [
    '"We must stand together against the tax," Senator Ann Holt said.',  # the speaker's own side
    '"Governor Reyes must have known about the payments," said Senator Ann Holt.',  # a guess, no demand
    '"The drought is a problem Governor Reyes still needs to solve," said Senator Ann Holt.',  # describes a noun
    '"Governor Reyes should be able to sign it," said Senator Ann Holt.',  # a state, not an act
])
def test_a_should_or_must_that_demands_nothing_of_another_party_is_no_demand(rules, text):
    record, events = events_of(rules, text)
    assert "REQUEST" not in {e.type for e in events}


@pytest.mark.parametrize("text, expected", [
    ("Ostrava Brewing agreed to buy two rival breweries.", set()),
    ("Iran agreed to sell oil to India despite the sanctions.", {"AGREE", "SANCTION"}),  # a state's deal, and the
    # sanctions are no content of the agreement
])
def test_a_company_agreeing_to_a_sale_is_market_news_a_state_agreeing_is_an_event(pipeline, text, expected):
    assert reported_types_of(pipeline, text, "2018-10-09") == expected


@pytest.mark.parametrize("text, expected", [
    ("A 61% majority of independents support the new tax, the poll found.", set()),
    ("Americans narrowly oppose the pipeline, according to a survey of 1,000 adults.", set()),
    ("The governor endorsed the senator on Friday.", {"SUPPORT"}),
    # the public's subject reached through the clause that controls the verb
    ("Voters who had long hesitated, still wanting to vote for Mayor Alan Ortiz, finally chose him.", set()),
])
def test_a_polls_public_holds_opinions_a_politician_acts(pipeline, text, expected):
    assert reported_types_of(pipeline, text, "2016-01-10") == expected


def test_an_owned_investigation_is_done_by_its_owner_to_its_of_phrase(rules):
    # "collected during its investigation of X": the owner investigates X, though "collect" is a verb of receiving
    record, events = events_of(rules, "The files collected by the agency during its investigation of Senator Ruth "
                                      "Adler contradict her account, the committee said.")
    probe = only(events, "ACCUSE")
    names = names_of(record)
    assert [names[a] for a in probe.actors] == ["agency"]
    assert [names[r] for r in probe.recipients] == ["Ruth Adler"]


def test_a_name_the_parser_hangs_inside_the_next_ones_title_is_a_party(rules):
    # the parser reads "Trump" as a modifier of "Leader": both leaders vowed
    record, events = events_of(rules, "BOSTON — Donald Trump and Senate Leader Mitch McConnell vowed to cooperate "
                                      "on the budget.")
    names = names_of(record)
    assert sorted(names[a] for a in only(events, "AGREE").actors) == ["Donald Trump", "Mitch McConnell"]


@pytest.mark.parametrize("text, type_, actor", [
    ("Senator Ann Holt was the only Republican to vote against the bill.", "REJECT", "Ann Holt"),
    ("Governor Tom Reyes was the first governor to endorse Senator Lee.", "SUPPORT", "Tom Reyes"),
])
def test_the_first_or_only_one_to_act_is_reported_acting(rules, text, type_, actor):
    record, events = events_of(rules, text)
    event = only(events, type_)
    assert not event.background and [names_of(record)[a] for a in event.actors] == [actor]


@pytest.mark.parametrize("text, accused", [
    # an analyst's gloom about an industry is market news; a campaign director's attack on a governor is not
    ('"This will be a dismal, bloody year for every brewer," said Ken Moss, an analyst at a brokerage.', []),
    ('"Governor Paul Weber is a reckless, dishonest liar," said Dana Ruiz, the campaign director.', ["Paul Weber"]),
])
def test_a_business_voice_accuses_only_someone_outside_business(rules, text, accused):
    record, events = events_of(rules, text)
    names = names_of(record)
    assert [[names[r] for r in e.recipients] for e in events if e.type == "ACCUSE"] == ([accused] if accused else [])


@pytest.mark.parametrize("text, expected", [
    ("Security camera footage captured the senator leaving the restaurant with two aides.", set()),
    ("Rebels captured two soldiers near the border on Monday.", {"ASSAULT"}),
])
def test_a_recording_captures_an_image_not_a_captive(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    ("Hackers compromised twelve servers of the city's water board in March.", {"COERCE"}),  # a breach
    ("The scandal compromised the mayor's standing with the council.", set()),  # harmed: no concession
    ("The two parties compromised on the budget after weeks of talks.", {"CONCEDE"}),
])
def test_compromising_something_is_no_concession(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, accused", [
    # the statement's "she" is the woman named just before, not the speaker
    ('Mayor Joan Pike said on Tuesday that the budget was balanced. "She is plainly wrong and she is a liar," '
     'said Tom Reed, the council leader.', ["Joan Pike"]),
    # no man named before: "he" stands for no one the article names
    ('Mrs. Joan Pike spoke on Tuesday. "He is plainly wrong and he is a liar," said Tom Reed, the council '
     'leader.', []),
])
def test_a_statements_he_or_she_is_its_target(rules, text, accused):
    record, events = events_of(rules, text, published="2016-06-10")
    names = names_of(record)
    assert [[names[r] for r in e.recipients] for e in events if e.type == "ACCUSE"] == [accused]


@pytest.mark.parametrize("second, answered", [
    ("On Friday, Brandt rejected the accusation.", ["Ruth Adler"]),  # the accusation made just before: hers
    ("On Friday, Brandt rejected the plan.", []),  # a plan is no event named before
])
def test_rejecting_the_accusation_answers_its_maker(rules, second, answered):
    record, events = events_of(rules, "Senator Ruth Adler accused Governor Tom Brandt of wasting state money on "
                                      "the stadium. " + second, published="2016-06-10")
    names = names_of(record)
    assert [names[r] for r in only(events, "REJECT").recipients] == answered


@pytest.mark.parametrize("text, aimed_at", [
    ("The Army will send 300 soldiers to the two flooded counties by Monday.", []),  # its own forces
    ("Russia sent troops to Ukraine on Monday.", ["Ukraine"]),
])
def test_forces_sent_are_the_actors_own_not_its_target(rules, text, aimed_at):
    record, events = events_of(rules, text, published="2016-06-10")
    names = names_of(record)
    assert [names[r] for r in only(events, "MOBILIZE").recipients] == aimed_at


def test_rejecting_a_warning_named_before_answers_the_one_who_warned(rules):
    # "the warning" alone is no event of its own (the lexicon needs "issued a warning"), yet it names the one before
    record, events = events_of(rules, "Brazil's finance minister, Rosa Lima, warned that Brasilia would retaliate "
                                      "if the duties went ahead. Argentine envoy Pablo Sosa rejected the warning.",
                               published="2016-06-10")
    names = names_of(record)
    assert [names[r] for r in only(events, "REJECT").recipients] == ["Rosa Lima"]


def test_an_envoy_rejecting_a_thing_is_not_aimed_at_her_own_state(rules):
    record, events = events_of(rules, "Madrid and Rabat traded warnings over fishing rights on Monday. Spanish "
                                      "envoy Ana Gil rejected the warnings on Tuesday.", published="2016-06-10")
    names = names_of(record)
    assert "Madrid" not in [names[r] for r in only(events, "REJECT").recipients]


def test_a_main_verb_the_tagger_calls_a_noun_still_names_its_event(rules):
    # the tagger reads "disapproves" as a plural noun, yet it is the root with a subject of its own
    record, events = events_of(rules, "The Polish ministry, which holds a large stake in the carrier, disapproves "
                                      "of the sale.", published="2007-01-10")
    assert [names_of(record)[a] for a in only(events, "ACCUSE").actors] == ["Polish ministry"]


def test_what_an_object_is_dismissed_as_may_hang_on_the_object(rules):
    # the parser hangs "as ..." on "plan", not on "dismissed"
    record, events = events_of(rules, "Critics dismissed Karen Dahl's plan as either reckless or the work of her "
                                      "donors.", published="2016-04-10")
    assert [names_of(record)[r] for r in only(events, "ACCUSE").recipients] == ["Karen Dahl"]


@pytest.mark.parametrize("text, accused", [
    # a private person's gloom aimed at no one is an opinion; aimed at someone it is still an accusation
    ('"It is so sad and frightening when you look at the state of things," said Tom Baker, 62, a retiree from '
     'Akron.', None),
    ('"Governor Amy Lee is a dishonest, reckless liar," said Tom Baker, 62, a retiree from Akron.', ["Amy Lee"]),
])
def test_a_private_persons_judgment_of_no_one_is_no_accusation(rules, text, accused):
    record, events = events_of(rules, text, published="2016-06-10")
    found = [[names_of(record)[r] for r in e.recipients] for e in events if e.type == "ACCUSE"]
    assert found == ([accused] if accused else [])


@pytest.mark.parametrize("text, expected", [
    # the parser reads "shooting" and "bombing" as gerunds acting on the victims and survivors they describe
    ("The governor paid tribute on Monday to shooting victims and their families at the hospital.", {"SUPPORT"}),
    ("The mayor spoke on Friday to bombing survivors at the memorial.", set()),
])
def test_bombing_victims_are_people_a_known_event_left_no_new_attack(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


def test_a_place_that_names_a_party_or_describes_someone_leaves_the_dateline_as_the_place(rules):
    # "Cuba's government" names a party and "who left Cuba in 1962" describes the relatives: neither says where
    # the government exhorted, so the dateline does; "in Mombasa" says where the chief toured, so it keeps none
    record = rules.analyze("HAVANA (AP) — The government called for calm on Monday.\nThe boy's relatives in Miami, "
                           "who left Cuba in 1962, said they would appeal. Cuba's government exhorted citizens to keep "
                           "rallying, officials said.\nAfter touring the port in Mombasa on Thursday, the minister met "
                           "with Kenyan police leaders, a spokesman said.", published="2000-04-10")
    places = {e.trigger.text: record.place(e.place).name if e.place else None for e in record.events}
    assert places["exhorted"] == "Havana" and places["met"] is None


def test_a_foreign_state_acting_is_not_placed_at_the_dateline(rules):
    record = rules.analyze("LISBON (AP) — Portugal hosted the summit on Monday.\nThe conference went on for hours. "
                           "Spain rejected the proposal on Tuesday, officials said. Portugal welcomed the compromise on "
                           "Tuesday, officials said.", published="2016-06-10")
    places = {e.trigger.text: record.place(e.place).name if e.place else None for e in record.events}
    assert places["rejected"] is None and places["welcomed"] == "Lisbon"


@pytest.mark.parametrize("text, expected", [
    ("The senator claimed the mayor had lied about the budget, but offered no proof.", {"ACCUSE"}),  # no offer
    ("The senator offered to meet the governor on Friday.", {"AGREE"}),
])
def test_offering_no_proof_is_no_offer(rules, text, expected):
    assert reported_types_of(rules, text, "2016-09-30") == expected


@pytest.mark.parametrize("text, accused", [
    # an insult for a kind of person said of no one judges no one: a bare plural, a modifier of acts or groups
    ('"Our agents will hunt terrorists wherever they hide," the minister said on Tuesday.', None),
    ('"No member state may shelter terrorist cells on its soil," the envoy said on Tuesday.', None),
    # said of someone it still is a judgment
    ('"The men who took the ferry are terrorists," the minister said of the Harbor Front militia.',
     "Harbor Front militia"),
])
def test_an_insult_for_a_kind_of_person_said_of_no_one_is_no_accusation(rules, text, accused):
    record, events = events_of(rules, text, published="2016-06-10")
    found = [names_of(record)[e.recipients[0]] if e.recipients else None for e in events if e.type == "ACCUSE"]
    assert found == ([accused] if accused else [])


@pytest.mark.parametrize("text, expected", [
    # a position held on an issue is no event; a position on a party or a proposal is one
    ("The senator opposed gun control throughout her career.", set()),
    ("Halvorsen said the governor supports universal healthcare.", set()),
    ("The senator opposed the bill on Tuesday.", {"REJECT"}),
    ("The mayor backed Governor Ann Halvorsen on Tuesday.", {"SUPPORT"}),
])
def test_a_stance_on_an_issue_is_no_event(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # "on Wednesday" says when: no one is called on; a session called is a meeting
    ("The regional council on Friday called an urgent session after the border incident.", {"CONSULT"}),
    ("The foreign ministers of the bloc convened in Vienna on Friday.", {"CONSULT"}),
    ("The senator called on the governor on Tuesday to resign.", {"REQUEST"}),
    # what a plan or a deal's terms call for is what it says, no one's request
    ("The plan drafted by the ministers calls for Serbia to hold elections in May.", set()),
])
def test_what_calls_for_something_and_when(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, actor", [
    # respect, solidarity and a wreath laid are support; an advocate's support is given by who the advocate is
    ('"I have enormous respect for Governor Ann Halvorsen," Senator Paul Weber said on Monday.', "Paul Weber"),
    ("Chile has long been a steady advocate of Peru's bid to join the trade pact.", "Chile"),
    ("The Bolivian president expressed solidarity with Peru on Monday.", "Bolivian president"),
    # "next to" says where the wreath was laid, not that it is still to be laid
    ("In Lima, the Chilean envoy laid a wreath next to the ruins of the market.", "Chilean envoy"),
])
def test_respect_solidarity_advocacy_and_wreaths_are_support(rules, text, actor):
    record, events = events_of(rules, text, published="2016-06-10")
    support = only(events, "SUPPORT")
    assert support.modality in ("asserted", "reported")  # done, not still to come
    assert actor in [names_of(record)[a] for a in support.actors]


@pytest.mark.parametrize("text, expected", [
    # telling or ordering someone to act is a request; telling a reporter something is none
    ("Peru's trade minister told airlines on Monday not to buy Chilean aircraft.", {"REQUEST"}),
    ("The navy was ordered by parliament to work with Chile on the new patrol ship.", {"REQUEST"}),
    ("The Peruvian minister told reporters on Monday, smiling, that the talks went well.", set()),
    # hackers getting into a computer is a breach
    ("Hackers accessed the computers of the Peruvian trade ministry last spring.", {"COERCE"}),
])
def test_telling_or_ordering_someone_to_act_is_a_request(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


def test_a_day_is_no_party_so_the_clause_names_whom_a_call_is_for(rules):
    # "On Tuesday" is a prepositional phrase of the verb, but a day: whom the call is for is the clause's subject
    record, events = events_of(rules, "On Tuesday, Senator Paul Weber called for Governor Ann Halvorsen to resign.",
                               published="2016-06-10")
    assert [names_of(record)[r] for r in only(events, "REQUEST").recipients] == ["Ann Halvorsen"]


@pytest.mark.parametrize("text, expected", [
    # a sentence served or handed down is a court's sanction; a sentence of words is none
    ("A Lima court handed the former minister a ten-year sentence on Monday.", {"SANCTION"}),
    ("Two former Peruvian ministers served jail sentences for bribery.", {"SANCTION"}),
    ("The minister said the sentence in the treaty was awkward.", set()),
])
def test_a_sentence_served_or_handed_down_is_a_sanction(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, accused", [
    # words judging a force of nature or weather judge no one
    ('"The coming rains will bring dangerous and unpredictable mudslides," Governor Ann Halvorsen said.', None),
    ('"The storm was terrible for the harbor," Governor Ann Halvorsen said.', None),
    ('"Senator Paul Weber is dangerous and dishonest," Governor Ann Halvorsen said.', "Paul Weber"),
])
def test_judging_words_about_the_weather_accuse_no_one(rules, text, accused):
    record, events = events_of(rules, text, published="2016-06-10")
    found = [names_of(record)[e.recipients[0]] if e.recipients else None for e in events if e.type == "ACCUSE"]
    assert found == ([accused] if accused else [])


@pytest.mark.parametrize("text, expected", [
    # a ballot cast by voters, delegates or a private person is no event; a legislator's vote on a bill is
    ('"I am voting for Governor Ann Halvorsen," said Tom Baker, 62, a retiree from Akron.', set()),
    ("The delegates voted for Governor Ann Halvorsen on the second ballot.", set()),
    ("Senator Paul Weber voted against the farm bill on Tuesday.", {"REJECT"}),
])
def test_a_ballot_is_no_event_a_legislators_vote_is(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # a preposition beside the verb's own object is no particle: giving money in aid is no giving in
    ("The Belgian government said on Monday it will give 150 million euros in aid to the workers.", {"AGREE"}),
    ("The Peruvian government finally gave in to the striking miners on Friday.", {"CONCEDE"}),
])
def test_a_preposition_beside_an_object_is_no_particle(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # a party saying it would harm another unless it yields threatens it; someone else's forecast is no threat
    ("Chile said on Monday that it would strike Peru unless the blockade ended.", {"THREATEN"}),
    ("Analysts said on Monday that the rebels would attack the port within days.", {"ASSAULT"}),
])
def test_a_party_saying_it_would_harm_another_threatens_it(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


def test_an_act_proposed_is_planned_and_the_proposers(rules):
    # "a proposal for a ban": the ban is not done, and it would be the proposer's, not the critic's
    record, events = events_of(rules, "Senator Paul Weber voiced doubts on Monday about Governor Ann Halvorsen's "
                                      "proposal for a ban on imports from Chile.", published="2016-06-10")
    ban = only(events, "SANCTION")
    assert ban.modality == "planned"
    assert [names_of(record)[a] for a in ban.actors] == ["Ann Halvorsen"]


def test_a_crackdown_an_act_is_met_with_is_no_meeting(rules):
    assert "CONSULT" not in reported_types_of(rules, "The riots on Monday were met with a harsh crackdown by the "
                                                     "Peruvian police.", "2016-06-10")


@pytest.mark.parametrize("text, expected", [
    # a rally a named person holds is a campaign event; a crowd's rally is a protest
    ("Senator Paul Weber held a rally in Springfield on Saturday.", set()),
    ("Thousands of union members held a rally outside the ministry on Saturday.", {"PROTEST"}),
    # an attack ad is words, a town-hall meeting is with voters, resistance met and warnings offered are neither
    ("The Weber campaign released an attack ad against Governor Ann Halvorsen on Monday.", {"ACCUSE"}),
    ("Weber told a town-hall meeting in Springfield on Monday that he would win.", set()),
    ("The governor's plan is meeting stiff resistance from the Peruvian unions.", set()),
    ("The court ruled that Weber met the test for a recount in Springfield.", set()),
    ("Senator Paul Weber has been offering dire warnings about the deficit.", set()),
])
def test_campaign_events_are_no_protests_meetings_or_offers(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # a reporter asking for comment requests nothing; a wish about a thing asks no one anything
    ("Asked to comment on the ruling, a Peruvian ministry spokesman said nothing.", set()),
    ("Weber chose a hall in Springfield because he wanted the ceremony to echo the old campaign.", set()),
    ("Senator Paul Weber wants the Peruvian court to release the fishermen.", {"REQUEST"}),
])
def test_a_request_asks_a_party_something(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # seizing on an issue, occupying a place in a ranking, destroying a reputation and a medical seizure are no
    # coercion or attack; seizing drugs and occupying a town are
    ("Weber's decision to seize on trade as his signature issue has paid off.", set()),
    ("Senator Paul Weber and Governor Ann Halvorsen occupied a third tier in the poll.", set()),
    ("Weber showed a video of an apparent seizure he said Halvorsen had suffered.", set()),
    ("Peruvian police announced on Monday the seizure of 300 kilograms of cocaine.", {"COERCE"}),
    ("Rebels occupied the town of Ayacucho on Monday.", {"COERCE"}),
])
def test_words_of_force_in_their_other_senses_are_no_events(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # a market's demand for goods or workers asks no one; a court striking a law down attacks nothing
    ("The demand for Peruvian copper led miners to raise wages again last month.", set()),
    ("Weaker Asian economies will mean decreased demand for Chilean exports.", set()),
    ("The Peruvian court struck down the mining law on Monday.", set()),
    ("The miners' union repeated its demand for a pay rise on Monday.", {"REQUEST"}),
])
def test_demand_and_strike_in_their_market_and_court_senses_are_no_events(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # candidates clash in words; police and protesters in the street
    ("Senator Paul Weber and Governor Ann Halvorsen clashed over trade on Tuesday.", {"ACCUSE"}),
    ("Peruvian police clashed with protesters in Lima on Tuesday.", {"ASSAULT"}),
    ("Ms. Halvorsen declined to be interviewed for this article.", set()),
])
def test_a_clash_over_an_issue_is_words(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # records captured by a system, attacks deflected in a campaign and reviews offered are no violence or offer
    ("Those letters were all captured by the ministry's archive software last year.", set()),
    ("Weber has shown a knack for deflecting attacks from Governor Ann Halvorsen.", set()),
    ("Halvorsen is offering her positive reviews of the senator's plan in a tweet.", set()),
    ("Gunmen captured two Peruvian aid workers near the border on Monday.", {"ASSAULT"}),
])
def test_captures_attacks_and_offers_in_their_other_senses(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # seizing the initiative and defending a border are no coercion or support; seizing an airport is
    ("The vote enabled the Peruvian president to seize the initiative from Chile.", set()),
    ("Peruvian troops will defend the northern border, the defence minister said on Monday.", set()),
    ("Rebels seized the airport of Ayacucho on Monday.", {"COERCE"}),
])
def test_seizing_initiatives_and_defending_borders_are_other_senses(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # voters captured, an approach offered, tough talk and executing on a plan are no events; a vow to impose
    # tariffs is a threat
    ("Weber managed to capture the restless rural voter in the primary.", set()),
    ("Governor Ann Halvorsen offered her own approach to the question.", set()),
    ("It was Weber's tough talk on trade that fired them up.", set()),
    ("The Peruvian minister said the firm was ready to execute on the new plan.", set()),
    ("Senator Paul Weber vowed on Monday to impose tariffs on Chile.", {"THREATEN"}),
])
def test_campaign_words_of_force_talk_and_offers_in_their_other_senses(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


@pytest.mark.parametrize("text, expected", [
    # idioms and campaign words: "as opposed to", "wound up", a preview offered, media attacks, attacking voters
    ("Weber asked whether he should draft the victory speech, as opposed to the one for the dinner.", set()),
    ("The reports about his expenses wound up being a minor story.", set()),
    ("Governor Ann Halvorsen offers a preview of her budget.", set()),
    ("Despite the media attacks, Governor Ann Halvorsen said she was honest.", {"ACCUSE"}),
    ("Senator Paul Weber has attacked Peruvian voters and lawmakers for rejecting the bill.", {"ACCUSE"}),
    ("Gunmen wounded three Peruvian soldiers near the border on Monday.", {"ASSAULT"}),
])
def test_idioms_and_campaign_words_are_no_violence_or_refusal(rules, text, expected):
    assert reported_types_of(rules, text, "2016-06-10") == expected


def test_a_possessive_of_a_conviction_or_an_arrest_is_who_underwent_it(rules):
    # "Keating's convictions": the court acts, Keating undergoes; with an "of" phrase the owner acts
    record, events = events_of(rules, "Paul Weber was convicted of fraud in 2011. A Peruvian court on Monday "
                                      "reinstated Weber's convictions.", published="2016-06-10")
    reinstated = [e for e in events if e.type == "SANCTION" and e.trigger.text == "convictions"][0]
    assert [names_of(record)[r] for r in reinstated.recipients] == ["Paul Weber"]
    record, events = events_of(rules, "Peru's arrest of the Chilean fishermen angered Santiago.",
                               published="2016-06-10")
    assert countries(record, only(events, "COERCE").actors) == {"PER"}


def test_officials_not_returning_calls_is_no_consultation(rules):
    assert reported_types_of(rules, "Peruvian ministry officials did not return phone calls seeking comment.",
                             "2016-06-10") == set()
