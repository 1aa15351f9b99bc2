"""Boilerplate: page furniture is listed, kept in the text, and no sentence runs into it."""

from __future__ import annotations

import pytest

ARTICLE = """By Jane Doe and Omar Farouk
WASHINGTON (Reuters) - The Senate passed the spending bill late on Friday, sending it to the president.
“This is a good day for the country,” said Senator Ruth Adler, who wrote much of the bill.
Next Steps for the Bill
The House is expected to vote on the measure next week, according to party leaders.
Photo: A view of the Capitol at dusk. (Getty Images)
Read more: Five things to know about the budget fight
Follow us on Twitter for the latest news
© 2024 Example News Service. All rights reserved."""


@pytest.fixture(scope="module")
def record(pipeline):
    return pipeline.analyze(ARTICLE, published="2024-03-01")


def kinds(record) -> dict[str, str]:
    return {b.text: b.kind for b in record.boilerplate}


def test_each_kind_of_furniture_is_found(record):
    found = kinds(record)
    assert found["By Jane Doe and Omar Farouk"] == "byline"
    assert found["WASHINGTON (Reuters) -"] == "dateline"
    assert found["Next Steps for the Bill"] == "subheading"
    assert found["Photo: A view of the Capitol at dusk. (Getty Images)"] == "credit"
    assert found["Read more: Five things to know about the budget fight"] == "promo"
    assert found["Follow us on Twitter for the latest news"] == "promo"
    assert found["© 2024 Example News Service. All rights reserved."] == "copyright"


def test_article_sentences_are_not_boilerplate(record):
    texts = " ".join(kinds(record))
    assert "Senate passed" not in texts
    assert "House is expected" not in texts
    assert "good day for the country" not in texts


def test_boilerplate_stays_in_text_with_exact_offsets(record):
    assert record.text == ARTICLE
    for b in record.boilerplate:
        assert ARTICLE[b.start:b.end] == b.text


def test_no_sentence_runs_into_a_subheading(pipeline):
    doc = pipeline.nlp(pipeline.nlp.make_doc(ARTICLE))
    heading = ARTICLE.index("Next Steps")
    for sent in doc.sents:
        inside = sent.start_char <= heading < sent.end_char
        if inside:
            assert sent.text.strip() == "Next Steps for the Bill"


def test_title_case_sentence_with_a_verb_and_a_full_stop_is_not_a_heading(pipeline):
    text = "The talks went on.\nPresident Lee Arrives In Seoul.\nHe met the press."
    record = pipeline.analyze(text)
    assert record.boilerplate == []


def test_first_line_headline_is_article_text(pipeline):
    text = "Mayor Unveils Housing Plan\nThe mayor said on Monday the plan would add homes.\nCritics disagreed."
    record = pipeline.analyze(text)
    assert all(b.kind != "subheading" for b in record.boilerplate)


def test_sentence_with_by_is_not_a_byline(pipeline):
    text = "The bill was passed.\nBy a wide margin, voters backed the measure on Tuesday.\nIt takes effect soon."
    record = pipeline.analyze(text)
    assert record.boilerplate == []
