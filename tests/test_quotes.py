"""The quote component on news-style sentences: direct, indirect, mixed, follow-on and nested quotes,
speakers, cues and addressees, scare quotes, and bad input."""

from __future__ import annotations

import pytest

from attache.components.quotes import marks
from attache.record import Analysis, Quote


def spans_ok(record: Analysis) -> None:
    """Every span of every quote indexes the text exactly."""
    text = record.text
    for q in record.quotes:
        parts = [q.content, q.cue, q.addressee, *q.fragments]
        for p in parts:
            if p is not None:
                assert text[p.start:p.end] == p.text
        if q.speaker is not None and q.speaker.start is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text


def quotes(pipeline, text: str) -> list[Quote]:
    record = pipeline.analyze(text, published="2021-03-02")
    spans_ok(record)
    return record.quotes


def by_content(qs: list[Quote], needle: str) -> Quote:
    found = [q for q in qs if needle in q.content.text]
    assert found, f"no quote containing {needle!r} in {[q.content.text for q in qs]}"
    return found[0]


# ----------------------------------------------------------------------------- direct quotes and speakers

def test_direct_quote_speaker_after_with_addressee(pipeline):
    qs = quotes(pipeline, "“The port will reopen next week,” Mayor Elena Ruiz told reporters on Monday.")
    q = by_content(qs, "port will reopen")
    assert q.kind == "direct"
    assert q.content.text == "The port will reopen next week,"
    assert q.speaker.text.endswith("Elena Ruiz")
    assert q.cue.text == "told"
    assert q.addressee is not None and q.addressee.text == "reporters"


def test_inverted_speaker_with_relative_clause(pipeline):
    qs = quotes(pipeline, "“We cannot wait any longer,” said Okafor, who was visiting the flooded district.")
    q = by_content(qs, "cannot wait")
    assert q.speaker.text.startswith("Okafor")
    assert q.cue.text == "said"


def test_colon_introduced_quote(pipeline):
    qs = quotes(pipeline, "The minister said: “Our farmers have suffered enough from this drought.”")
    q = by_content(qs, "farmers have suffered")
    assert q.kind == "direct"
    assert q.speaker.text == "The minister"


def test_speaker_with_apposition_is_the_name(pipeline):
    qs = quotes(pipeline, "Hugh Hill, a doctor at the county hospital, said the wards were full by midnight.")
    q = by_content(qs, "wards were full")
    assert q.kind == "indirect"
    assert q.content.text == "the wards were full by midnight"
    assert q.speaker.text == "Hugh Hill"


def test_follow_on_quote_takes_previous_speaker(pipeline):
    text = ("“The talks went well,” Chancellor Weber told the committee. “We expect a signed text by the end "
            "of the month, and the banks are on board.”")
    qs = quotes(pipeline, text)
    first, second = by_content(qs, "talks went well"), by_content(qs, "signed text")
    assert second.kind == "direct"
    assert second.cue is None
    assert second.speaker is not None
    assert (second.speaker.start, second.speaker.end) == (first.speaker.start, first.speaker.end)


def test_follow_on_not_taken_across_another_speaker(pipeline):
    text = ("“The talks went well,” Chancellor Weber said. The opposition leader, Marta Kosic, disagreed "
            "sharply. “Nothing has been signed and nothing will be signed this year.”")
    qs = quotes(pipeline, text)
    q = by_content(qs, "Nothing has been signed")
    assert q.speaker is None or "Weber" not in q.speaker.text


def test_cueless_dash_attribution(pipeline):
    qs = quotes(pipeline, "“Broadband is no longer a luxury for rural families.” — Commissioner Geoffrey Starks")
    q = by_content(qs, "Broadband is no longer")
    assert q.speaker.text == "Commissioner Geoffrey Starks"


def test_according_to(pipeline):
    qs = quotes(pipeline, "According to the health ministry, more than 400 patients were treated overnight.")
    q = by_content(qs, "patients were treated")
    assert q.cue.text == "According to"
    assert q.speaker.text == "the health ministry"


def test_interview_addressee(pipeline):
    qs = quotes(pipeline, "The senator said in an interview with CNN that the bill would pass before the recess.")
    q = by_content(qs, "bill would pass")
    assert q.addressee is not None and q.addressee.text == "CNN"


def test_told_a_reporter_that(pipeline):
    qs = quotes(pipeline, "The governor told a reporter traveling with her that the budget would be balanced.")
    q = by_content(qs, "budget would be balanced")
    assert q.speaker.text == "The governor"
    assert q.addressee is not None and q.addressee.text.startswith("a reporter")


# ----------------------------------------------------------------------------- indirect, mixed, nested

def test_indirect_cue_beyond_said(pipeline):
    qs = quotes(pipeline, "The central bank warned that inflation could stay above its target until next year.")
    q = by_content(qs, "inflation could stay")
    assert q.kind == "indirect"
    assert q.cue.text == "warned"
    assert q.speaker.text == "The central bank"


def test_mixed_quote_has_fragment(pipeline):
    qs = quotes(pipeline, "She added the new plant will be “far cleaner than anything we run today” by 2030.")
    q = by_content(qs, "new plant")
    assert q.kind == "mixed"
    assert [f.text for f in q.fragments] == ["far cleaner than anything we run today"]
    assert q.content.start <= q.fragments[0].start and q.fragments[0].end <= q.content.end


def test_fragmented_statement_is_one_quote(pipeline):
    text = ("“As soon as the bridge is inspected, Inspector Lang said it can carry traffic” again, and once "
            "the permits are signed “the first trucks will cross,” the mayor said.")
    qs = quotes(pipeline, text)
    outer = by_content(qs, "As soon as the bridge")
    assert outer.speaker.text == "the mayor"
    assert len(outer.fragments) == 2
    nested = [q for q in qs if q.nested_in == outer.id]
    assert nested and nested[0].speaker.text == "Inspector Lang"
    assert nested[0].content.text == "it can carry traffic"


def test_pronoun_inside_a_quote_is_not_a_nested_quote(pipeline):
    qs = quotes(pipeline, "“I think we said we would finish the road by June,” the mayor said.")
    assert len(qs) == 1 and qs[0].speaker.text == "the mayor"


def test_ids_in_text_order(pipeline):
    qs = quotes(pipeline, "Ruiz said the port is safe. Okafor said the district is flooded. Weber said talks went well.")
    assert [q.id for q in qs] == [f"q{i + 1}" for i in range(len(qs))]
    assert [q.content.start for q in qs] == sorted(q.content.start for q in qs)
    assert len(qs) == 3


# ----------------------------------------------------------------------------- not quotes

def test_scare_quotes_are_not_quotes(pipeline):
    text = ("The so-called “deal of the century” was unveiled on Tuesday. The smuggler, who goes by “Shorty,” "
            "was arrested in March.")
    assert quotes(pipeline, text) == []


def test_unattributed_title_is_not_a_quote(pipeline):
    assert quotes(pipeline, "Her memoir, “Against the Tide,” sold well in its first week.") == []


# ----------------------------------------------------------------------------- marks

def test_marks_straight_and_doubled_styles():
    text = "\"It works,\" he said. ''We finally may be seeing some growth,\" she said. ``Not yet,'' he said."
    found = [text[q.start:q.end] for q in marks.scan(text).quotes]
    assert found == ["It works,", "We finally may be seeing some growth,", "Not yet,"]


def test_marks_apostrophes_are_not_quotes():
    text = "The leaders' summit didn't happen, and Pyongyang’s envoy left."
    assert marks.scan(text).quotes == []


def test_marks_guillemets_and_singles():
    text = "«Nous sommes prêts», a-t-il dit.\nMinister: ‘We will not back down’ on tariffs"
    found = [text[q.start:q.end] for q in marks.scan(text).quotes]
    assert found == ["Nous sommes prêts", "We will not back down"]


def test_multi_paragraph_quote_is_one_quote(pipeline):
    text = ("The chairman read a statement to the board.\n\n“We have made mistakes this year and we own them.\n\n"
            "“We will publish a full account of the losses by June,” the chairman said.")
    qs = quotes(pipeline, text)
    q = by_content(qs, "We have made mistakes")
    assert "full account of the losses" in q.content.text
    assert len(q.fragments) == 2
    assert q.speaker.text == "the chairman"


def test_a_quote_closed_only_in_the_next_paragraph_runs_on(pipeline):
    # some sites open a quotation once and close it a paragraph later, without reopening it
    text = ("Senator Ann Lee, who comes from the harbour town, said in a short statement “We are dismayed that the "
            "council picked a firm from abroad.\nIn a year of layoffs, this choice is a blow to our dock workers.”\n"
            "The council gave no comment.")
    q = by_content(quotes(pipeline, text), "We are dismayed")
    assert q.kind == "direct" and "blow to our dock workers" in q.content.text
    assert q.speaker.text == "Senator Ann Lee"
    # a next paragraph that opens a quotation of its own before closing one does not continue the first
    text = "“We will rebuild the school, the principal said.\nHer deputy called it “a fine plan” on Monday."
    assert [text[q.start:q.end] for q in marks.scan(text).quotes] == ["We will rebuild the school, the principal said.",
                                                                     "a fine plan"]


def test_a_quotation_after_a_dash_is_direct_and_the_words_before_it_the_writers(pipeline):
    text = ("Mr. Harlow has also railed against plans by the firm that owns the bakery to move some jobs to Ohio - "
            "''I love these cookies,'' he told the crowd, ''but I am done buying them.''\nHe did not say more.")
    record = pipeline.analyze(text, published="2016-06-10")
    q = by_content(record.quotes, "I love these cookies")
    assert q.kind == "direct" and [f.text for f in q.fragments] == ["I love these cookies,",
                                                                    "but I am done buying them."]
    # the "he" between the quotation's pieces is narration: it is Mr. Harlow, the speaker
    assert record.entity(q.speaker.entity).name == "Harlow"


def test_a_cue_inside_reported_words_is_no_part_of_them(pipeline):
    text = ("The harbour master defended the plan. The new pier would cut waiting times by half, he said, and most "
            "ships would dock within a day. The fee, officials said, would rise next year.")
    qs = quotes(pipeline, text)
    pier = by_content(qs, "The new pier")
    assert pier.kind == "indirect" and [f.text for f in pier.fragments] == [
        "The new pier would cut waiting times by half", "most ships would dock within a day"]
    assert [f.text for f in by_content(qs, "The fee").fragments] == ["The fee", "would rise next year"]


def test_unbalanced_marks_warn_and_do_not_fail(pipeline):
    text = "“We will rebuild the school,” the principal said. “Classes resume in May, she added.\n\nThe rain stopped."
    record = pipeline.analyze(text, published="2021-03-02")
    spans_ok(record)
    assert any(w.code == "W002" for w in record.warnings)
    assert by_content(record.quotes, "rebuild the school").speaker.text == "the principal"


# ----------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("text", [
    "“”“”\"\"''‘’«»",
    "\" \" \" \" \"",
    "“ “ “ “",
    "— — —",
    "...",
    "“He said ‘she said “they said ‘no’ to it” twice’ again,” the clerk said.",
    "Trump: “No deal”\n\nPompeo: Talks are ‘going well’",
])
def test_odd_input_never_fails(pipeline, text):
    record = pipeline.analyze(text)
    spans_ok(record)


def test_huge_quote_and_many_quotes(pipeline):
    long_quote = "“" + " ".join(["the work goes on"] * 2500) + ",” the foreman said."
    record = pipeline.analyze(long_quote)
    spans_ok(record)
    assert len(record.quotes) == 1 and record.quotes[0].speaker.text == "the foreman"
    many = " ".join(f"“Item {i} is ready for shipping,” the clerk said." for i in range(500))
    record = pipeline.analyze(many)
    spans_ok(record)
    assert len(record.quotes) >= 450


def test_inserted_attribution_reports_the_whole_sentence(pipeline):
    qs = quotes(pipeline, "The good news for the party, the strategist said, is that turnout rose in every county.")
    q = by_content(qs, "turnout rose")
    assert q.content.text.startswith("The good news for the party")
    assert q.speaker.text == "the strategist"


def test_prepositional_and_framed_objects(pipeline):
    qs = quotes(pipeline, "The union called for an independent inquiry into the crash. The union called for the "
                          "board to resign. Ms. Adeyemi accused the board of hiding the losses.")
    assert not any("inquiry" in q.content.text for q in qs)  # a thing called for: no statement (statements mode)
    assert by_content(qs, "the board to resign").cue.text == "called"
    q = by_content(qs, "hiding the losses")
    assert q.speaker.text == "Ms. Adeyemi" and q.cue.text == "accused"


# ----------------------------------------------------------------------------- speakers the parse misplaces

def test_continued_next_to_a_quote_is_its_own_cue(pipeline):
    text = ("“We have to rebuild the bridge before winter,” Ortiz said at the council meeting. "
            "“The money is there and the plans are ready,” she continued.")
    q = by_content(quotes(pipeline, text), "money is there")
    assert q.cue is not None and q.cue.text == "continued"
    assert q.speaker is not None and q.speaker.text == "she"
    assert not quotes(pipeline, "The talks continued for hours on Tuesday without any agreement.")


def test_subject_inside_the_quote_is_not_the_speaker(pipeline):
    text = "“We were badly wrong to wait this long for the repairs,” Delgado, 61, told Reuters on Monday."
    q = by_content(quotes(pipeline, text), "badly wrong")
    assert q.speaker is not None and "Delgado" in q.speaker.text


def test_dateline_place_is_not_the_speaker(pipeline):
    text = ("BOSTON, March 3 (Reuters) — State Senator Mary Keane told reporters that the budget would "
            "pass before the end of the month.")
    q = by_content(quotes(pipeline, text), "budget would pass")
    assert q.speaker is not None and "Keane" in q.speaker.text


def test_poll_share_is_the_source(pipeline):
    q = by_content(quotes(pipeline, "About 6 in 10 say they expect grocery prices to rise next year."),
                   "expect grocery prices")
    assert q.speaker is not None and q.speaker.text == "About 6 in 10"


def test_statement_after_a_colon_takes_the_named_subject(pipeline):
    text = ("Governor Ann Ruiz released a statement on Sunday: “We mourn the loss of a great public servant "
            "and a dear friend.”")
    q = by_content(quotes(pipeline, text), "We mourn")
    assert q.speaker is not None and "Ruiz" in q.speaker.text


def test_document_issuer_is_the_speaker(pipeline):
    text = "The mayor's office put out a statement saying the city “will not tolerate violence of any kind.”"
    q = by_content(quotes(pipeline, text), "tolerate violence")
    assert q.speaker is not None and "office" in q.speaker.text


def test_cue_sentence_split_off_after_an_exclamation(pipeline):
    text = "“We will not back down from this fight, not now and not ever!” Ms. Ortiz wrote on Twitter."
    q = by_content(quotes(pipeline, text), "back down")
    assert q.speaker is not None and "Ortiz" in q.speaker.text


def test_statements_are_speech_and_writing_and_attributions_all_keeps_the_rest():
    from attache.pipeline import Options, Pipeline

    text = ("The senator wrote that the bill would fail. Most economists think the tariff will raise prices. "
            "The mayor wants to rebuild the stadium. The figures show that unemployment fell. "
            "“We will not give up,” the coach said.")
    statements = Pipeline(Options(attributions="statements")).analyze(text, published="2021-04-01")
    assert sorted(q.cue_class for q in statements.quotes) == ["speech", "writing"]
    everything = Pipeline(Options(attributions="all")).analyze(text, published="2021-04-01")
    assert {q.cue_class for q in everything.quotes} >= {"speech", "writing", "belief", "intention", "evidence"}


def test_a_verb_with_a_bare_object_is_no_statement_but_still_an_attribution():
    from attache.pipeline import Options, Pipeline

    text = ("The finance minister rejected the proposal. The union promised support to the strikers. "
            "The mayor denied that the budget was cut.")
    statements = Pipeline(Options(attributions="statements")).analyze(text, published="2021-04-01")
    assert [q.content.text for q in statements.quotes] == ["the budget was cut"]
    everything = Pipeline(Options(attributions="all")).analyze(text, published="2021-04-01")
    assert "the proposal" in [q.content.text for q in everything.quotes]


def test_a_withheld_or_questioned_speech_act_is_no_statement(pipeline):
    text = ("The spokesman did not say when the talks would resume. The ministry declined to say whether "
            "troops had crossed the river. Asked whether the dam would hold, the engineer said it was built "
            "for a bigger flood.")
    contents = [q.content.text for q in pipeline.analyze(text, published="2021-04-01").quotes]
    assert contents == ["it was built for a bigger flood"]
