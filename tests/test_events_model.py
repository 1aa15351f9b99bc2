"""The learned events coder: its shipped model, its coded errors, bad input, and a reproducible training run."""

from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest

from attache.components.events.model import DEFAULT_PATH, EventModel
from attache.errors import ModelError
from attache.pipeline import Options, Pipeline

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_shipped_model_loads_offline_and_is_small():
    model = EventModel.load()
    assert set(model.types) <= PLOVER_TYPES and len(model.types) > 8
    assert DEFAULT_PATH.stat().st_size < 8_000_000
    assert 0 <= model.keep <= 1 and 0 <= model.add
    assert model.keep > 0 or model.add <= 1, "a model that neither drops nor adds anything is the rules at a cost"


def test_missing_model_is_a_coded_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere.npz"
    with pytest.raises(ModelError) as caught:
        Pipeline(Options(component_config={"events": {"coder": "model", "model_path": str(missing)}}))
    assert caught.value.code == "E024" and "nowhere.npz" in str(caught.value)
    assert "coder" in str(caught.value)  # it names the explicit rules-only option


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip", b"\x00" * 300])
def test_corrupt_model_is_a_coded_error(tmp_path, content):
    broken = tmp_path / "broken.npz"
    broken.write_bytes(content)
    with pytest.raises(ModelError) as caught:
        EventModel.load(broken)
    assert caught.value.code == "E024" and "broken.npz" in str(caught.value)


def test_model_of_the_wrong_shape_is_refused(tmp_path):
    bad = tmp_path / "bad.npz"
    np.savez(bad, vocabulary=np.array(["u=meet"]), weights=np.zeros((2, 2)), bias=np.zeros(2),
             types=np.array(["AGREE", "CONSULT"]), thresholds=np.array([0.1, 0.2]))
    with pytest.raises(ModelError, match="do not match"):
        EventModel.load(bad)


def test_learned_coder_is_the_default_and_the_rules_an_option():
    text = "Police arrested dozens of protesters outside the parliament in Minsk on Sunday."
    for coder in ("model", "rules"):
        record = Pipeline(Options(component_config={"events": {"coder": coder}})).analyze(text, published="2024-05-07")
        assert [e.type for e in record.events] == ["COERCE"]
    assert Pipeline().nlp.get_pipe("attache_events").model is not None
    with pytest.raises(ValueError, match="coder"):
        Pipeline(Options(component_config={"events": {"coder": "guess"}}))


@pytest.mark.parametrize("text", [
    "The mayor said the council's budget plan was a reckless and dishonest betrayal of every family in the city.",
    "Rebels shelled the airport on Monday, and the government promised to hold talks with their leaders.",
    "The senator endorsed the governor at a rally, and protesters marched outside demanding his resignation.",
])
def test_model_keeps_adds_and_drops_by_its_thresholds(learned_pipeline, text):
    """Every proposal of the rules whose type the model finds likely enough stays, every type it finds likely
    is found, and nothing it finds unlikely is."""
    component = learned_pipeline.nlp.get_pipe("attache_events")
    model = component.model
    proposals = Pipeline(Options(component_config={"events": {"coder": "rules"}})).parse(text, "2021-05-04")
    sent = next(iter(proposals.sents))
    proposed = list(proposals._.attache_events)
    chances = dict(zip(model.types, model.probabilities([component.type_features(proposals, sent, proposed)])[0]))
    found = {e.type for e in learned_pipeline.analyze(text, published="2021-05-04").events}
    assert {e.type for e in proposed if chances[e.type] >= model.keep} <= found
    assert {t for t, p in chances.items() if p >= model.add} <= found
    assert not found & {e.type for e in proposed if chances[e.type] < min(model.keep, model.add)}


@pytest.mark.parametrize("text,type_", [
    ("Rebels shelled the airport on Monday, and the government promised to hold talks with their leaders.",
     "ASSAULT"),
    # Known losses of the model until it was retrained on the session-11 rules; the rules alone always had them.
    ("The general refused to attack the protesters in the square.", "ASSAULT"),
    ("The Paris attacks did not change the vote, Mayor Anna Berg said.", "ASSAULT"),
])
def test_learned_coder_keeps_clear_armed_events(learned_pipeline, text, type_):
    assert type_ in {e.type for e in learned_pipeline.analyze(text, published="2021-05-04").events}


@pytest.mark.parametrize("text", [
    "The foreign ministers will meet again in Oslo next month.",
    "\"This is a disgrace and we demand an apology,\" the senator said of the governor's remarks.",
])
def test_two_events_never_share_a_trigger(learned_pipeline, text):
    record = learned_pipeline.analyze(text, published="2021-05-04")
    triggers = [e.trigger.start for e in record.events]
    assert record.events and len(triggers) == len(set(triggers))


def test_saved_model_round_trips(tmp_path):
    model = EventModel.load()
    copy = tmp_path / "copy.npz"
    model.save(copy)
    again = EventModel.load(copy)
    feats = [["u=meet", "r=CONSULT", "lex=CONSULT"], ["u=say", "r=NONE"]]
    assert np.allclose(again.probabilities(feats), model.probabilities(feats), atol=1e-3)
    assert (again.keep, again.add) == (model.keep, model.add)


@pytest.fixture(scope="module")
def learned_pipeline() -> Pipeline:
    return Pipeline(Options(component_config={"events": {"coder": "model"}}))


@pytest.mark.parametrize("text", [
    " ".join(["the committee met the minister and"] * 300) + " left.",  # one sentence of ~2,000 tokens
    "Sanctions | Arrests | Attacks | Talks\n" + "\n".join(f"{i} | {i * 2} | {i * 3} | {i}" for i in range(200)),
    "- Troops deployed\n- Embassy attacked\n- Talks held\n- Sanctions imposed\n" * 20,
])
def test_long_sentences_lists_and_tables_give_no_events(learned_pipeline, text):
    record = learned_pipeline.analyze(text, published="2020-01-01")
    assert record.events == [] or all(e.sentence.end - e.sentence.start < 2000 for e in record.events)


def test_non_english_text_gives_no_events(learned_pipeline):
    record = learned_pipeline.analyze("Le président a rencontré le premier ministre à Paris mardi pour discuter des "
                              "sanctions contre la Russie et de l'aide militaire à l'Ukraine.", published="2022-03-01")
    assert record.events == [] and record.language != "en"


def _tiny_shared(root: pathlib.Path) -> pathlib.Path:
    """A shared folder holding two short articles written for this test, in the PolNeAR layout."""
    folder = root / "data" / "polnear" / "train" / "text"
    folder.mkdir(parents=True)
    (folder / "one.txt").write_text(
        "The foreign ministers met in Vienna on Monday.\nRebels attacked an army post near the border.\n"
        "The senator criticised the agency for its delays.\nShares rose two percent in early trading.\n",
        encoding="utf-8")
    (folder / "two.txt").write_text(
        "Police arrested twelve protesters outside parliament.\nThe president praised the negotiators.\n"
        "Government troops shelled the town overnight.\nThe weather stayed mild all week.\n", encoding="utf-8")
    return root


def _tiny_corpus(path: pathlib.Path, shared: pathlib.Path) -> None:
    labels = {"met": "CONSULT", "attacked": "ASSAULT", "criticised": "ACCUSE", "arrested": "COERCE",
              "praised": "SUPPORT", "shelled": "ASSAULT"}
    rows = []
    for doc, split in (("one", "train"), ("two", "dev")):
        rel = f"data/polnear/train/text/{doc}.txt"
        text = (shared / rel).read_text(encoding="utf-8")
        start = 0
        for line in text.splitlines():
            events = [{"type": t, "mode": None, "modality": "asserted",
                       "trigger": [start + line.index(w), start + line.index(w) + len(w)],
                       "actor": None, "recipient": None} for w, t in labels.items() if w in line]
            rows.append({"id": f"s{len(rows):06d}", "doc": rel, "start": start, "end": start + len(line),
                         "split": split, "source": "polnear", "events": events, "annotations": {}})
            start += len(line) + 1
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.mark.slow
def test_training_is_reproducible(tmp_path):
    from attache.train.events import train

    shared = _tiny_shared(tmp_path / "shared")
    corpus = tmp_path / "corpus.jsonl"
    _tiny_corpus(corpus, shared)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    train(shared, first, corpus, log=lambda *a: None)
    train(shared, second, corpus, log=lambda *a: None)
    a, b = np.load(first), np.load(second)
    assert sorted(a.files) == sorted(b.files)
    for name in a.files:
        assert np.array_equal(a[name], b[name]), name
    assert "ASSAULT" in EventModel.load(first).types


def test_corpus_scoring_counts_types_countries_places_and_dates(pipeline):
    from attache.evaluate.events import EventsScore
    from attache.evaluate.events_corpus import score_sentence
    from attache.train.plover_corpus import Sentence

    text = "Police arrested dozens of protesters in Minsk on Sunday. The weather stayed mild."
    record = pipeline.analyze(text, published="2021-03-02")
    end = text.index(".") + 1
    gold = [{"type": "COERCE", "modality": "asserted", "actor_country": "BLR", "place_country": "BLR",
             "date": "2021-02-28", "place": [text.index("Minsk"), text.index("Minsk") + 5]}]
    score = EventsScore()
    score_sentence(score, Sentence("s1", "doc", 0, end, "test", "polnear", gold), record)
    score_sentence(score, Sentence("s2", "doc", end + 1, len(text), "test", "polnear", []), record)
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)
    assert (score.place_right, score.place_total, score.date_right, score.date_total) == (1, 1, 1, 1)
    assert (score.named_place_right, score.named_place_total) == (1, 1)  # the text names the place
    unnamed = EventsScore()  # a country the annotators inferred, no words for it: not in the measure
    score_sentence(unnamed, Sentence("s1", "doc", 0, end, "test", "polnear", [{**gold[0], "place": None}]), record)
    assert (unnamed.place_total, unnamed.named_place_total) == (1, 0)
    assert score.modality_right == 1 and score.actor_total == 1
