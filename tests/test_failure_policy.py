"""One failure policy: a component that gives up on an article leaves its part out with warning W008 (the rest
of the record stands); any other failure costs that article only (E023)."""

from __future__ import annotations

import pytest

CASES = [  # component, its method that reads the article, what it raises, text, the part left out, a part kept
    ("times", "_times", OverflowError("date value out of range"),
     "The minister said on Monday that talks would resume.", "times", "quotes"),
    ("events", "_events", IndexError("token index out of range"),
     "Police arrested two protesters in Paris on Monday.", "events", "places"),
]


@pytest.mark.parametrize("component, method, error, text, left_out, kept", CASES)
def test_a_component_giving_up_is_a_warning_not_a_silent_drop(pipeline, monkeypatch, component, method, error,
                                                               text, left_out, kept):
    def broken(doc):
        raise error

    monkeypatch.setattr(pipeline.nlp.get_pipe(f"attache_{component}"), method, broken)
    record = pipeline.analyze(text, published="2018-10-09")
    assert getattr(record, left_out) == [] and getattr(record, kept)  # the rest of the record stands
    assert [w.code for w in record.warnings] == ["W008"]
    assert component in record.warnings[0].message and type(error).__name__ in record.warnings[0].message
