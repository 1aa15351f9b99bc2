"""The components declare what they read and write (`assigns=`/`requires=`), so spaCy checks their order."""

from __future__ import annotations

import spacy

from attache.pipeline import COMPONENTS


def test_the_pipeline_order_satisfies_every_declared_requirement(pipeline):
    analysis = pipeline.nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in pipeline.nlp.pipe_names}
    assert [n for n in pipeline.nlp.pipe_names if n.startswith("attache_")] == [f"attache_{c}" for c in COMPONENTS]


def test_events_before_times_and_places_is_reported():
    nlp = spacy.blank("en")
    for name in ("boilerplate", "quotes", "entities", "events", "times", "places"):
        nlp.add_pipe(f"attache_{name}")
    problems = nlp.analyze_pipes()["problems"]
    assert {"doc._.attache_times", "doc._.attache_places"} <= set(problems["attache_events"])
    assert problems["attache_times"] == ["token.dep", "token.tag", "doc.ents"]  # a blank model parses nothing
