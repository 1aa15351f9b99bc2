"""Statements a reporter can trust: what is not a statement (a thing named as object, a commitment to act, a
slogan on a sign, a campaign for someone), balanced quotation marks, and the broader attributions kept only
when asked for."""

from __future__ import annotations

import pytest

from attache.pipeline import Options, Pipeline

DOUBLE_MARKS = set("“”\"„«»")


@pytest.fixture(scope="module")
def everything():
    return Pipeline(Options(attributions="all"))


def contents(record) -> list[str]:
    return [q.content.text for q in record.quotes]


@pytest.mark.parametrize("sentence", [
    "Northwind Corp. reported sales of $538 million for the quarter ended Sept. 30.",
    "The father demanded the return of his son.",
    "The senator spoke of the nurses and doctors who were killed in the attack.",
    "The mayor commented on the governor's announcement.",
    "Ada Klein spent the week campaigning for Ruth Baron.",
])
def test_a_thing_or_a_topic_named_as_object_is_no_statement(pipeline, sentence):
    assert pipeline.analyze(sentence).quotes == []


def test_an_object_with_a_content_clause_still_reports_it(pipeline):
    record = pipeline.analyze("The minister denied reports that she had resigned.")
    assert any("she had resigned" in c for c in contents(record))


@pytest.mark.parametrize("sentence", [
    "The Finnish government agreed to form a new company to finish the ships.",
    "The kidnappers promised to release the hostages by Friday.",
    "The union threatened to strike if the talks failed.",
])
def test_a_commitment_to_act_is_an_intention_not_a_statement(pipeline, everything, sentence):
    assert pipeline.analyze(sentence).quotes == []
    kept = everything.analyze(sentence).quotes
    assert kept and {q.cue_class for q in kept} == {"intention"}


def test_a_commitment_reported_as_a_clause_is_a_statement(pipeline):
    record = pipeline.analyze("The mayor promised that taxes would fall next year.")
    assert contents(record) == ["taxes would fall next year"]


def test_slogans_on_signs_shirts_banners_and_capes_are_no_statements(pipeline, everything):
    text = ("Supporters lined the road. One woman wore a cape that read “I'm with Madam President.” Protesters "
            "carried signs demanding “Jobs now,” and a banner said “No more war.” A man in a T-shirt reading "
            "“Make it right” cheered. “We came to be heard,” said Lena Ortiz, a nurse.")
    record = pipeline.analyze(text)
    assert contents(record) == ["We came to be heard,"]
    assert record.entity(record.quotes[0].speaker.entity).name == "Lena Ortiz"


@pytest.mark.parametrize("text", [
    'Minister Hans Berg said "it is fine" in Berlin.',
    "The chief said the plan was “a first step” and would go ahead in May.",
    "Officials said the talks had “stalled, and the union said it would wait.",
    "“We will not leave,” she said. Then the governor said the “review would take weeks.",
])
def test_quote_content_never_holds_an_unmatched_quotation_mark(pipeline, text):
    for q in pipeline.analyze(text).quotes:
        marks = [c for c in q.content.text if c in DOUBLE_MARKS]
        opened = sum(c in "“„«" for c in marks)
        closed = sum(c in "”»" for c in marks)
        straight = marks.count('"')
        assert opened == closed and straight % 2 == 0, q.content.text


def test_a_question_put_to_someone_is_not_their_statement(pipeline):
    record = pipeline.analyze("Asked whether the levees would hold, Mayor Dana Pierce said the city was ready.")
    assert contents(record) == ["the city was ready"]
    assert record.entity(record.quotes[0].speaker.entity).name == "Dana Pierce"


def test_a_pronoun_speaker_agrees_in_gender_with_its_antecedent(pipeline):
    text = ("Tom Reyes is campaigning across Ohio on behalf of Maria Delgado. “You can read her plan. She has "
            "done her homework,” he told a packed gym on Tuesday. “She will win,” he added.")
    record = pipeline.analyze(text)
    speakers = {record.entity(q.speaker.entity).name for q in record.quotes}
    assert speakers == {"Tom Reyes"}


def test_quotes_nested_three_deep_are_one_statement(pipeline):
    record = pipeline.analyze("“He told me, ‘The chief said “never again” to us,’ and I believed him,” Ruiz said.")
    assert contents(record) == ["He told me, ‘The chief said “never again” to us,’ and I believed him,"]
    assert record.entity(record.quotes[0].speaker.entity).name == "Ruiz"


def test_an_interview_in_q_and_a_form_gives_no_quote_by_q_or_a(pipeline):
    text = ("Q: Will you run again?\n\nA: “I have not decided,” she said.\n\nQ: What about the budget?\n\n"
            "A: We will cut it. The deficit is too high.\n")
    record = pipeline.analyze(text)
    assert contents(record) == ["I have not decided,"]
    assert all(q.speaker.text not in ("Q", "A") for q in record.quotes)


def test_no_content_spans_paragraphs_its_marks_do_not_span(pipeline):
    text = ("“This quote never closes, said the clerk on Monday.\n\nIn a later paragraph the mayor said the vote "
            "was over.\n\n" + "“Yes” and “no” " * 200 + "were the words, an aide said.\n")
    record = pipeline.analyze(text)
    paragraphs = [(m, m + len(p)) for m, p in _paragraphs(text)]
    for q in record.quotes:
        assert any(s <= q.content.start and q.content.end <= e for s, e in paragraphs), q.content.text
    assert "the vote was over" in contents(record)


def _paragraphs(text: str):
    at = 0
    for part in text.split("\n\n"):
        yield at, part
        at += len(part) + 2
