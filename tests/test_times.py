"""The times component: spans, TIMEX3 values against the publication date, quote links, bad input."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attache.components.anchoring import anchor_quotes, clause_time
from attache.components.times import time_spans
from attache.components.times.calendar import first_day, last_day
from attache.components.times.lexicon import load
from attache.components.times.normalise import Context, Normaliser
from attache.evaluate.times import TimeMLDoc, Timex, canonical_value, evaluate_timeml, match, score
from attache.record import Quote, TextSpan

PUBLISHED = "2018-10-09"  # a Tuesday


def times_of(pipeline, text: str, published: str | None = PUBLISHED) -> dict[str, tuple[str, str, str | None]]:
    record = pipeline.analyze(text, published=published)
    for t in record.times:
        assert record.text[t.start:t.end] == t.text
    return {t.text: (t.type, t.value, t.mod) for t in record.times}


def value_of(pipeline, text: str, phrase: str, published: str | None = PUBLISHED) -> str:
    found = times_of(pipeline, text, published)
    assert phrase in found, f"{phrase!r} not found in {found}"
    return found[phrase][1]


def test_weekday_takes_the_direction_of_its_clause(pipeline):
    past = "Secretary of State Mike Pompeo came away from meetings in North Korea on Sunday without a date."
    future = "The two leaders will meet again on Sunday in the capital, officials said."
    assert value_of(pipeline, past, "Sunday") == "2018-10-07"
    assert value_of(pipeline, future, "Sunday") == "2018-10-14"


def test_weekday_of_the_publication_day_is_that_day(pipeline):
    assert value_of(pipeline, "The president told reporters Tuesday that talks were going well.", "Tuesday") \
        == "2018-10-09"


def test_without_published_date_values_stay_unanchored(pipeline):
    text = "The minister told reporters Tuesday that the vote would happen on Nov. 6."
    found = times_of(pipeline, text, published=None)
    assert found["Tuesday"][1] == "XXXX-WXX-2"
    assert found["Nov. 6"][1] == "XXXX-11-06"


@pytest.mark.parametrize("text, phrase, value, mod", [
    ("Officials met last week to discuss the budget.", "last week", "2018-W40", None),
    ("The company was founded two years ago in Ohio.", "two years ago", "2016", None),
    ("The new rules take effect next month, the agency said.", "next month", "2018-11", None),
    ("Earlier this year the bank raised interest rates.", "Earlier this year", "2018", "START"),
    ("The factory is expected to reopen early next year.", "early next year", "2019", "START"),
    ("Prices have doubled over the past decade in most cities.", "the past decade", "200", None),
    ("The senator was in the capital yesterday.", "yesterday", "2018-10-08", None),
])
def test_relative_dates(pipeline, text, phrase, value, mod):
    found = times_of(pipeline, text)
    assert found[phrase][1:] == (value, mod)


@pytest.mark.parametrize("text, phrase, value", [
    ("The election was held on October 9, 2018 across the country.", "October 9, 2018", "2018-10-09"),
    ("Voters go to the polls on Nov. 6 in most states.", "Nov. 6", "2018-11-06"),
    ("The plant closed in March 1996 after a fire.", "March 1996", "1996-03"),
    ("Inflation was lower in the 1990s than in the decade before.", "the 1990s", "199"),
    ("Profit rose 12% in the third quarter, the company said.", "the third quarter", "2018-Q3"),
])
def test_absolute_and_partial_dates(pipeline, text, phrase, value):
    assert value_of(pipeline, text, phrase) == value


def test_times_of_day(pipeline):
    found = times_of(pipeline, "The governor spoke on Tuesday morning and left at 3 p.m. for the airport.")
    assert found["Tuesday morning"][:2] == ("TIME", "2018-10-09TMO")
    assert found["3 p.m."][:2] == ("TIME", "2018-10-09T15:00")


def test_durations_sets_and_vague_references(pipeline):
    found = times_of(pipeline, "The talks lasted two weeks. Negotiators now meet every Monday, and they spoke "
                               "with reporters recently about an awfully long time without a deal.")
    assert found["two weeks"][:2] == ("DURATION", "P2W")
    assert found["every Monday"][:2] == ("SET", "XXXX-WXX-1")
    assert found["now"][1] == "PRESENT_REF"
    assert found["recently"][1] == "PAST_REF"
    assert found["an awfully long time"][:2] == ("DURATION", "PXX")


def test_modifiers(pipeline):
    found = times_of(pipeline, "The strike lasted about three weeks, and a second summit would take place "
                               "after the November midterm elections.")
    assert found["about three weeks"] == ("DURATION", "P3W", "APPROX")
    assert found["November"] == ("DATE", "2018-11", "AFTER")


def test_numbers_names_and_verbs_are_not_times(pipeline):
    text = ("The army sent 1,500 troops to the border. Theresa May said they may march on the city, "
            "and the 72-year-old commander agreed. Call 555-0123 for details.")
    found = times_of(pipeline, text)
    assert not any(k in found for k in ("1,500", "May", "may", "march", "555-0123"))
    assert not any("72" in k for k in found)


def test_copyright_footer_is_not_a_time(pipeline):
    text = ("The minister resigned on Monday after a week of protests.\n"
            "© Copyright 2024 Bloomberg News. All rights reserved.")
    found = times_of(pipeline, text)
    assert "Monday" in found
    assert not any("2024" in k for k in found)


@pytest.mark.parametrize("text, published", [
    ("The deal was signed on February 30 in Geneva.", PUBLISHED),
    ("The treaty dates from the year 99999 and will expire in 12000.", PUBLISHED),
    ("The probe will report on Friday.", "2999-12-31"),
    ("1 2 3 4 5 6 7 8 9 10 11 12 1999 2000 2001 12/12/12 99/99/99 31/31 0:00 25:99 p.m.", PUBLISHED),
    ("He said “we will meet Monday and then he left on Tuesday.", PUBLISHED),
    ("9999-12-31 Dec. 31, 9999 a year after Dec. 31, 9999", PUBLISHED),
])
def test_bad_input_never_raises(pipeline, text, published):
    found = times_of(pipeline, text, published)  # offsets are checked inside
    for type_, value, _mod in found.values():
        assert type_ in ("DATE", "TIME", "DURATION", "SET") and value
        assert "-02-30" not in value and "-02-31" not in value


def test_impossible_date_is_not_a_day():
    norm = Normaliser(load())
    value = norm("February 30", Context(dt.date(2018, 10, 9)))
    assert value is None or value.value in ("2018-02", "2019-02")


def test_day_month_order_is_a_setting():
    anchor = Context(dt.date(2018, 10, 9))
    assert Normaliser(load(), "MDY")("9/10/2018", anchor).value == "2018-09-10"
    assert Normaliser(load(), "DMY")("9/10/2018", anchor).value == "2018-10-09"


@pytest.mark.parametrize("text, phrase, value", [
    ("Stores were crowded last Thanksgiving, the retailers said.", "last Thanksgiving", "2017-11-23"),
    ("The group was founded in March 1996. That year it opened three offices.", "That year", "1996"),
    ("Net income rose in the third quarter. A year earlier, the company lost money.", "A year earlier", "2017-Q3"),
])
def test_holidays_anaphora_and_quarterly_reports(pipeline, text, phrase, value):
    assert value_of(pipeline, text, phrase) == value


def test_year_ended_is_a_period_and_its_end_date_is_separate(pipeline):
    found = times_of(pipeline, "The company earned $3 million in the fiscal year ended March 31.")
    assert found["the fiscal year"][:2] == ("DURATION", "P1Y")
    assert found["March 31"][1] == "2018-03-31"


def test_range_of_dates_is_two_expressions(pipeline):
    found = times_of(pipeline, "The exhibition runs from Aug. 26 to Oct. 20 at the museum.")
    assert found["Aug. 26"][1] == "2018-08-26" and found["Oct. 20"][1] == "2018-10-20"


def test_quote_cue_gets_the_time_of_its_clause(pipeline):
    doc = pipeline.nlp("“We’re working on the details right now,” Delgado told reporters Tuesday at the palace.")
    doc._.attache_published = PUBLISHED
    spans = time_spans(doc)
    text = doc.text
    content_end = text.index(",”")
    cue = text.index("told")
    quote = Quote("q1", "direct", TextSpan(1, content_end + 1, text[1:content_end + 1]),
                  cue=TextSpan(cue, cue + 4, "told"))
    anchor_quotes(doc, [quote], times=spans)
    linked = next(t for _, t in spans if t.id == quote.time)
    assert linked.text == "Tuesday"  # not "right now", which is inside the quotation


def test_clause_time_finds_the_modifier_of_a_verb(pipeline):
    doc = pipeline.nlp("Pompeo told a reporter traveling with him Monday that progress was made.")
    told = next(t for t in doc if t.text == "told")
    assert clause_time(told, time_spans(doc)).text == "Monday"


def test_te3_scoring_counts_relaxed_strict_and_value_matches():
    gold = TimeMLDoc("d1", "He left last week and came back Friday.", "2018-10-09", [
        Timex(8, 17, "last week", "DATE", "2018-W40"), Timex(32, 38, "Friday", "DATE", "2018-10-05")])
    system = [Timex(3, 17, "left last week", "DATE", "2018-W40"), Timex(32, 38, "Friday", "DATE", "2018-10-12")]
    assert match(gold.times, system) == [(0, 0), (1, 1)]
    s = score([(gold, system)])
    assert (s.relaxed, s.strict, s.value_ok, s.type_ok) == (2, 1, 1, 2)
    assert s.relaxed_prf[2] == 1.0 and s.value_f1 == 0.5


def test_value_spellings_unify_only_the_same_value():
    assert canonical_value("1994-XX-XX") == canonical_value("1994") == "1994"
    assert canonical_value("2000-W7") == "2000-W07" and canonical_value("2000-W17") == "2000-W17"
    assert canonical_value("199X") == "199" and canonical_value("19XX") == "19"
    assert canonical_value("1998-10") != canonical_value("1998-W42")
    assert canonical_value("XXXX-WXX-2") == "XXXX-WXX-2" and canonical_value("P1W") == "P1W"


def test_timebank_sample_scores(pipeline, shared):
    folder = shared / "data" / "timeml" / "TimeBank"
    if not folder.is_dir():
        pytest.skip("TimeBank is not present")
    s = evaluate_timeml(folder, pipeline=pipeline, limit=8)
    assert s.relaxed_prf[2] > 0.8 and s.value_f1 > 0.6


_WORDS = ["the", "last", "next", "ago", "early", "every", "Christmas", "Thanksgiving", "Nov.", "May", "Friday",
          "night", "week", "years", "quarter", "third", "a", "two", "1/2", "9/31/2018", "99999", "'98", "1990s",
          "3", "p.m.", "noon", "fiscal", "end", "of", "31", "0", "nineteen", "ninety-six"]


@given(words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6),
       anchor=st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))),
       tense=st.sampled_from([None, "past", "future", "present"]))
@settings(max_examples=300, deadline=None)
def test_normaliser_never_raises(words, anchor, tense):
    value = Normaliser(load())(" ".join(words), Context(anchor), tense)
    assert value is None or (value.type in ("DATE", "TIME", "DURATION", "SET") and value.value)


@pytest.mark.parametrize("text, phrase, value", [
    # a plan verb's own object lies ahead, even in the past tense
    ("Opposition groups planned a large march through the capital on Saturday.", "Saturday", "2018-10-13"),
    ("The prosecutor has scheduled a news conference Thursday to announce the charges.", "Thursday", "2018-10-11"),
    ("The exchange said the shares are to resume trading in Frankfurt on Friday.", "Friday", "2018-10-12"),
    # a perfect progressive looks back; "until" under a past perfect is behind publication
    ("Police have been searching for the driver since the Sept. 30 crash near the border.", "Sept. 30", "2018-09-30"),
    ("Investigators have been looking for the gunman since the Dec. 3 shooting.", "Dec. 3", "2017-12-03"),
    ("Until Monday, officials had described the man only as a witness.", "Monday", "2018-10-08"),
    ("The vote was postponed until Monday because of the storm.", "Monday", "2018-10-15"),
])
def test_tense_of_plans_perfects_and_until(pipeline, text, phrase, value):
    assert value_of(pipeline, text, phrase) == value


@pytest.mark.parametrize("text, phrase, value", [
    ("The ceasefire held for a minute and a half before shelling resumed.", "a minute and a half", "PT1M30S"),
    ("The negotiators talked for an hour and a half on Monday.", "an hour and a half", "PT1H30M"),
    ("He spent two and a half years in a military prison.", "two and a half years", "P2Y6M"),
    ("Exports grew 4 percent in the first nine months of the year.", "the first nine months of the year", "P9M"),
    ("The trial is expected to open the week of Nov. 5 in Brussels.", "the week of Nov. 5", "2018-W45"),
])
def test_holidays_named_as_events_fractions_and_head_units(pipeline, text, phrase, value):
    assert value_of(pipeline, text, phrase) == value


def test_part_of_day_before_of_a_date_is_not_a_time(pipeline):
    found = times_of(pipeline, "The doctor was shot at home on the night of Oct. 3 as he stood in his kitchen.")
    assert "the night" not in found
    assert found["Oct. 3"][1] == "2018-10-03"
    found = times_of(pipeline, "The talks, officials said, will eventually resume in Geneva next month.")
    assert "eventually" not in found and found["next month"][1] == "2018-11"


def test_holiday_the_model_calls_an_event_is_found(pipeline):
    text = "The boy was pulled from the sea on Thanksgiving Day and taken to a hospital."
    assert value_of(pipeline, text, "Thanksgiving Day", published="2018-06-12") == "2017-11-23"


def test_plan_verb_before_or_under_a_noun_keeps_the_clause_tense(pipeline):
    fronted = "On Monday, the government planned to pay the first death claims, officials said."
    modifier = "A memorial service planned at the university for Monday was cancelled after threats."
    assert value_of(pipeline, fronted, "Monday") == "2018-10-08"
    assert value_of(pipeline, modifier, "Monday") == "2018-10-08"


def test_this_month_or_season_is_of_the_publication_year_and_holiday_week(pipeline):
    # published in February: "this September" lies ahead, not seven months back
    assert value_of(pipeline, "Parliamentary elections are due this September.", "this September",
                    published="1998-02-05") == "1998-09"
    assert value_of(pipeline, "Ticket sales were strong this summer.", "this summer",
                    published="1998-11-20") == "1998-SU"
    assert value_of(pipeline, "Thousands of pilgrims arrived in the city during Easter week.", "Easter week",
                    published="2000-04-17") == "2000-W16"


@pytest.mark.parametrize("text, phrase, value", [
    ("The tender offer had been scheduled to expire at midnight Friday.", "midnight Friday", "2018-10-05T24:00"),
    ("The tender offer is scheduled to expire at midnight Friday.", "midnight Friday", "2018-10-12T24:00"),
    ("Brewers expect lower earnings for the last half of 2018 and for 2019.", "the last half of 2018", "2018-H2"),
    ("Retail sales rose 3 percent in the first half of the year.", "the first half of the year", "2018-H1"),
    ("Rescuers waited half an hour before entering the mine.", "half an hour", "PT30M"),
    ("The general strike lasted half a day.", "half a day", "PT12H"),
])
def test_past_perfect_plans_halves_and_half_quantities(pipeline, text, phrase, value):
    assert value_of(pipeline, text, phrase) == value


@pytest.mark.parametrize("text, absent", [
    ("His stepmother married his father when the suspect was in his 30s, she said.", "30s"),
    ("The woman, in her early forties, was arrested at the border.", "forties"),
    ("The senator repeated the claim on CBS's \"60 Minutes\" on Sunday.", "60 Minutes"),
])
def test_ages_and_quoted_titles_are_not_times(pipeline, text, absent):
    assert not any(absent in phrase for phrase in times_of(pipeline, text))


def test_decades_and_title_case_quarters_are_still_times(pipeline):
    assert value_of(pipeline, "Oil prices collapsed in the 1980s.", "the 1980s") == "198"
    assert value_of(pipeline, "Net income rose 8% in the First Quarter.", "the First Quarter") == "2018-Q1"


@pytest.mark.parametrize("text, phrase, value", [
    # quantities the model calls QUANTITY or CARDINAL, or leaves untagged
    ("The envoy will spend about 3 1/2 hours in Kinshasa before flying on.", "about 3 1/2 hours", "PT3H30M"),
    ("The ministers agreed to keep talking for at least three more weeks.", "at least three more weeks", "P3W"),
    ("The republic was founded more than six decades ago by exiles.", "more than six decades ago", "1958"),
    # a date inside another entity's name, and day-month order
    ("Tourism fell sharply after the July 7 London Bombings.", "July 7", "2018-07-07"),  # the model: EVENT
    ("He was sentenced on 7 August 2017 to five years.", "7 August 2017", "2017-08-07"),
    # a clock hour named by a part of the day
    ("The fire broke out at 3 in the morning and burned until dawn.", "3 in the morning", "2018-10-09T03:00"),
    ("The last train leaves at 11 at night.", "11 at night", "2018-10-09T23:00"),
])
def test_quantities_dates_in_names_and_hours_of_the_day(pipeline, text, phrase, value):
    assert value_of(pipeline, text, phrase) == value


def test_rates_are_sets_and_lists_and_ranges_are_split(pipeline):
    found = times_of(pipeline, "Migrants send home $2 billion a year, and the clinic sees 300 patients a day.")
    assert found["a year"][:2] == ("SET", "P1Y") and found["a day"][:2] == ("SET", "P1D")
    found = times_of(pipeline, "Floods struck the valley in 2009, 2011 and 2014.")
    assert {k: v[1] for k, v in found.items()} == {"2009": "2009", "2011": "2011", "2014": "2014"}
    found = times_of(pipeline, "The summit will be held in Lima on Nov. 16 and 17.")
    assert found["Nov. 16"][1] == "2018-11-16" and found["17"][1] == "2018-11-17"


def test_a_duration_next_to_a_day_and_fractions_and_ordinals_stay_apart(pipeline):
    found = times_of(pipeline, "The hearing lasted more than six hours Thursday.")
    assert found["more than six hours"][1] == "PT6H" and found["Thursday"][1] == "2018-10-04"
    found = times_of(pipeline, "The country imports about three-quarters of its grain. Lawyers left their third "
                               "day-long meeting with officials.")
    assert not any("quarters" in phrase or "day" in phrase for phrase in found)
    assert not times_of(pipeline, "Mutual funds hold more than a quarter of the entire junk-bond market.")


@pytest.mark.parametrize("text, phrase, value, published", [
    ("Growth was strong through the nineties, economists said.", "the nineties", "199", PUBLISHED),
    ("The accord was signed in March nineteen ninety-four.", "March nineteen ninety-four", "1994-03", PUBLISHED),
    ("The storm reached the coast in late afternoon.", "late afternoon", "2018-10-09TAF", PUBLISHED),
    # an ordinal quarter not yet begun, told in the past tense, is last year's; a plan keeps this year's
    ("Output grew 3 percent in the third quarter, the ministry said.", "the third quarter", "2017-Q3", "2018-02-02"),
    ("The bank expects output to grow in the third quarter.", "the third quarter", "2018-Q3", "2018-02-02"),
    ("Unemployment fell to its lowest level in a quarter-century.", "a quarter-century", "P25Y", PUBLISHED),
])
def test_spelled_decades_and_years_parts_of_day_and_past_quarters(pipeline, text, phrase, value, published):
    assert value_of(pipeline, text, phrase, published=published) == value


def test_long_article_with_many_quotes_links_quote_times_in_linear_time(pipeline):
    """Found by the soak benchmark: a 774,000-character article took minutes, every quote's cue checked
    against every time expression of the whole article."""
    paragraph = ("“The roads are still closed,” the mayor told reporters on Tuesday. The minister said on "
                 "Friday that aid would come. ")
    text = paragraph * 600
    doc = pipeline.nlp.make_doc(text)
    for name, component in pipeline.nlp.pipeline:
        if name == "attache_times":
            started = time.perf_counter()
            doc = component(doc)
            elapsed = time.perf_counter() - started
        else:
            doc = component(doc)
    quotes = doc._.attache_quotes
    assert len(quotes) >= 500 and len(doc._.attache_times) >= 1000
    times = {t.id: t for t in doc._.attache_times}
    linked = [q for q in quotes if q.time is not None]
    assert len(linked) >= 500 and all(abs(times[q.time].start - q.cue.start) < 40 for q in linked)  # its own
    assert elapsed < 2.0  # about 0.3 s here; several seconds when quadratic


@pytest.mark.parametrize("value, day", [
    ("1998", "1998-01-01"), ("1998-12", "1998-12-01"), ("1998-12-03", "1998-12-03"), ("2016-07-25TEV", "2016-07-25"),
    ("1998-W49", "1998-11-30"), ("1998-W49-WE", "1998-12-05"), ("1998-SU", "1998-06-01"), ("1998-Q2", "1998-04-01"),
    ("PAST_REF", None), ("XXXX-WXX-3", None), ("199", None), ("P3D", None),
])
def test_the_first_day_a_value_covers(value, day):
    found = first_day(value)
    assert (found.isoformat() if found else None) == day


@pytest.mark.parametrize("value, day", [
    ("1998", "1998-12-31"), ("1998-02", "1998-02-28"), ("1998-12-03", "1998-12-03"), ("1998-W49", "1998-12-06"),
    ("1998-W49-WE", "1998-12-06"), ("1998-FA", "1998-11-30"), ("1998-Q2", "1998-06-30"), ("PAST_REF", None),
])
def test_the_last_day_a_value_covers(value, day):
    found = last_day(value)
    assert (found.isoformat() if found else None) == day
