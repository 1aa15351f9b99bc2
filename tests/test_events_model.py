"""The learned events coder: its shipped model, its coded errors, bad input, and a reproducible training run."""

from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest

from attache.components.events.model import DEFAULT_PATH, NONE, EventModel
from attache.errors import ModelError
from attache.pipeline import Options, Pipeline

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_shipped_model_loads_offline_and_is_small():
    model = EventModel.load()
    assert NONE in model.classes and set(model.classes) - {NONE} <= PLOVER_TYPES
    assert len(model.classes) > 8
    assert DEFAULT_PATH.stat().st_size < 8_000_000
    assert model.learned, "trigger lemmas learned from the annotators ship with the model"


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
    np.savez(bad, vocabulary=np.array(["l=meet"]), weights=np.zeros((2, 2)), bias=np.zeros(2),
             classes=np.array([NONE, "CONSULT"]), learned=np.array(["meet"]), none_margin=np.array(0.0))
    with pytest.raises(ModelError, match="do not match"):
        EventModel.load(bad)


def test_learned_coder_is_an_explicit_option():
    learned = Pipeline(Options(component_config={"events": {"coder": "model"}}))
    record = learned.analyze("Police arrested dozens of protesters outside the parliament in Minsk on Sunday.",
                             published="2024-05-07")
    assert [e.type for e in record.events] == ["COERCE"]
    with pytest.raises(ValueError, match="coder"):
        Pipeline(Options(component_config={"events": {"coder": "guess"}}))


def test_saved_model_round_trips(tmp_path):
    model = EventModel.load()
    copy = tmp_path / "copy.npz"
    model.save(copy)
    again = EventModel.load(copy)
    feats = [["l=meet", "p=VERB", "rule=CONSULT"], ["l=say", "p=VERB", "rule=-"]]
    assert again.predict(feats) == model.predict(feats)


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
    assert "ASSAULT" in EventModel.load(first).classes


def test_corpus_scoring_counts_types_countries_places_and_dates(pipeline):
    from attache.evaluate.events import EventsScore
    from attache.evaluate.events_corpus import score_sentence
    from attache.train.plover_corpus import Sentence

    text = "Police arrested dozens of protesters in Minsk on Sunday. The weather stayed mild."
    record = pipeline.analyze(text, published="2021-03-02")
    end = text.index(".") + 1
    gold = [{"type": "COERCE", "modality": "asserted", "actor_country": "BLR", "place_country": "BLR",
             "date": "2021-02-28"}]
    score = EventsScore()
    score_sentence(score, Sentence("s1", "doc", 0, end, "test", "polnear", gold), record)
    score_sentence(score, Sentence("s2", "doc", end + 1, len(text), "test", "polnear", []), record)
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)
    assert (score.place_right, score.place_total, score.date_right, score.date_total) == (1, 1, 1, 1)
    assert score.modality_right == 1 and score.actor_total == 1
