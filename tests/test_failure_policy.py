"""One failure policy: a component that gives up on an article leaves its part out with warning W008 (the rest
of the record stands); any other failure costs that article only (E023)."""

from __future__ import annotations


def test_times_giving_up_on_a_date_is_a_warning_not_a_silent_drop(pipeline, monkeypatch):
    times = pipeline.nlp.get_pipe("attache_times")

    def broken(doc):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(times, "_times", broken)
    record = pipeline.analyze("The minister said on Monday that talks would resume.", published="2018-10-09")
    assert record.times == [] and record.quotes  # the rest of the record stands
    assert [w.code for w in record.warnings] == ["W008"]
    assert "times" in record.warnings[0].message and "OverflowError" in record.warnings[0].message


def test_events_giving_up_on_a_parse_is_a_warning_not_a_silent_drop(pipeline, monkeypatch):
    events = pipeline.nlp.get_pipe("attache_events")

    def broken(doc):
        raise IndexError("token index out of range")

    monkeypatch.setattr(events, "_events", broken)
    record = pipeline.analyze("Police arrested two protesters in Paris on Monday.", published="2018-10-09")
    assert record.events == [] and record.places
    assert [w.code for w in record.warnings] == ["W008"]
