"""Search by meaning across embedding models: the store records which model made its vectors and never mixes
two; WordLlama stands in when MiniLM (`attache[semantic]`) is missing; `attache vectors` re-embeds a store."""

from __future__ import annotations

import json

import numpy as np
import pytest

from attache.corpus import embedders, semantic
from attache.errors import AttacheError, StoreError
from attache.store import open_store

from .test_corpus import MEANING, said


@pytest.fixture(autouse=True)
def no_preference():
    yield
    embedders.prefer(None)  # `attache ingest --embedder` and `attache vectors` set it for their process


def need(name: str) -> None:
    if not embedders.installed(name):
        pytest.skip(f"{name} is not installed")


def test_auto_takes_wordllama_and_minilm_only_when_asked(tmp_path, monkeypatch):
    need("wordllama")
    monkeypatch.setenv("ATTACHE_EMBEDDER", "auto")
    expected = "wordllama-speaker"  # the fast one: MiniLM would almost double ingest time, so it is never silent
    assert embedders.resolve("auto") == expected
    with open_store(str(tmp_path / "s.db")) as store:
        store.add_many([said(*m) for m in MEANING])
        assert semantic.recorded(store) == embedders.MODEL_IDS[expected]
        assert semantic.search(store, about="army", limit=1)["quotes"][0]["content"].startswith("Our soldiers")


def test_a_store_never_mixes_models_and_says_how_to_re_embed(tmp_path, monkeypatch):
    need("wordllama")
    path = str(tmp_path / "s.db")
    monkeypatch.setenv("ATTACHE_EMBEDDER", "wordllama")
    with open_store(path) as store:
        store.add_many([said(*m) for m in MEANING[:2]])
    monkeypatch.setenv("ATTACHE_EMBEDDER", "minilm")  # asked for explicitly (installed or not)
    with open_store(path) as store:
        with pytest.raises(StoreError) as raised:
            store.add_many([said(*MEANING[2])])
        assert raised.value.code == "E034"
        assert "wordllama-l2-256" in str(raised.value) and "attache vectors --db" in str(raised.value)
        assert store.count("quotes") == 2  # the batch was not stored: no quote without its vector
        rows = store._execute("SELECT DISTINCT model FROM quote_vectors")
        assert [r["model"] for r in rows] == ["wordllama-l2-256"]
    monkeypatch.setenv("ATTACHE_EMBEDDER", "auto")  # auto keeps the store's own model
    with open_store(path) as store:
        store.add_many([said(*MEANING[2])])
        assert semantic.recorded(store) == "wordllama-l2-256"
        assert int(store._execute("SELECT count(*) AS n FROM quote_vectors")[0]["n"]) == 3


def test_vectors_of_a_model_not_installed_are_an_error_for_meaning_and_words_for_hybrid(tmp_path, monkeypatch):
    need("wordllama")
    monkeypatch.setenv("ATTACHE_EMBEDDER", "wordllama")
    with open_store(str(tmp_path / "s.db")) as store:
        store.add_many([said(*m) for m in MEANING])
        store._execute("UPDATE quote_vectors SET model = 'a-retired-model'")  # as an older Attaché left them
        monkeypatch.setenv("ATTACHE_EMBEDDER", "auto")
        with pytest.raises(StoreError) as raised:
            semantic.search(store, about="army", mode="meaning")
        assert raised.value.code == "E035" and "a-retired-model" in str(raised.value)
        assert semantic.search(store, about="soldiers", mode="hybrid")["mode"] == "words"
        with pytest.raises(StoreError) as raised:
            store.add_many([said("The harvest was ruined by the storm,", "Tom Reyes", "2018-10-05", "Valley Post")])
        assert raised.value.code == "E035"


def test_an_unknown_embedder_setting_is_a_coded_error(monkeypatch):
    monkeypatch.setenv("ATTACHE_EMBEDDER", "bert-large")
    with pytest.raises(AttacheError) as raised:
        embedders.choice()
    assert raised.value.code == "E040" and "ATTACHE_EMBEDDER" in str(raised.value)


def test_vectors_command_fills_missing_vectors_and_re_embeds_with_another_model(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from attache.cli import app

    need("wordllama")
    path = str(tmp_path / "s.db")
    monkeypatch.setenv("ATTACHE_EMBEDDER", "wordllama")
    with open_store(path) as store:
        store.add_many([said(*m) for m in MEANING])
        store._execute("DELETE FROM quote_vectors WHERE quote_id = 'q1' AND article_id IN "
                       "(SELECT id FROM articles ORDER BY id LIMIT 1)")
    runner = CliRunner()
    done = runner.invoke(app, ["vectors", "--db", path, "--embedder", "wordllama"])
    assert done.exit_code == 0, done.output
    assert "1 quote(s) embedded by wordllama-l2-256" in done.output
    if not embedders.installed("minilm"):
        bad = runner.invoke(app, ["vectors", "--db", path, "--embedder", "minilm"])
        assert bad.exit_code != 0 and "E040" in bad.output and "attache[semantic]" in bad.output
        return
    done = runner.invoke(app, ["vectors", "--db", path, "--embedder", "minilm"])
    assert done.exit_code == 0, done.output
    assert "4 quote(s) embedded by all-minilm-l6-v2, replacing the vectors of wordllama-l2-256" in done.output
    monkeypatch.setenv("ATTACHE_EMBEDDER", "auto")
    with open_store(path) as store:
        rows = store._execute("SELECT model, vector FROM quote_vectors")
        assert {r["model"] for r in rows} == {"all-minilm-l6-v2"}
        assert {len(bytes(r["vector"])) for r in rows} == {384 * 2}  # float16
        found = semantic.search(store, about="army", mode="meaning", limit=1)["quotes"]
        assert found[0]["content"].startswith("Our soldiers")


def test_ingest_names_the_embedder_and_refuses_to_mix(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from attache.cli import app

    need("wordllama")
    monkeypatch.delenv("ATTACHE_EMBEDDER", raising=False)
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "a1", "text": "“The inspectors will visit the site next month,” Ana Lin "
                                  "said on Monday.", "published": "2018-10-01"}) + "\n", encoding="utf-8")
    path = str(tmp_path / "s.db")
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(source), "--db", path, "--workers", "1", "--embedder", "wordllama"])
    assert done.exit_code == 0, done.output
    assert "quote vectors by wordllama-l2-256" in done.output
    more = tmp_path / "b.jsonl"
    more.write_text(json.dumps({"id": "b1", "text": "“Our soldiers are coming home by Christmas,” Tom Reyes said "
                                "on Tuesday.", "published": "2018-10-02"}) + "\n", encoding="utf-8")
    again = runner.invoke(app, ["ingest", str(more), "--db", path, "--workers", "1", "--embedder", "minilm"])
    assert again.exit_code != 0 and "E034" in again.output
    with open_store(path) as store:
        assert store.count("articles") == 1


def test_linear_fusion_scales_each_ranking_before_weighing_it():
    words = [(("a", "1"), 12.0), (("b", "1"), 6.0), (("d", "1"), 3.0)]  # BM25 scores: unbounded
    meaning = [(("b", "1"), 0.61), (("c", "1"), 0.60)]  # cosine: close together
    fused = dict(semantic.fuse_linear(words, meaning))
    assert fused[("b", "1")] == pytest.approx(1 / 3 + 1) and fused[("a", "1")] == pytest.approx(1.0)
    assert fused[("c", "1")] == fused[("d", "1")] == 0.0
    light = semantic.fuse_linear(words, meaning, weights=(1.0, 0.5))
    assert [k for k, _ in light][0] == ("a", "1")


@pytest.mark.parametrize("name", ["minilm", "wordllama"])
def test_each_embedder_gives_unit_vectors_offline(name):
    need(name)
    embedder = embedders.load(name)
    assert embedder is not None
    vectors = embedder.embed(["Our soldiers are coming home,", "The army returns."])
    assert vectors.shape == (2, embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert embedder.embed([]).shape == (0, embedder.dim)


# -- measuring (labels here are made up for the test; real ones come from blind judges) ----------------------
def test_fusion_grid_pools_unjudged_passages_and_merges_their_judgments(tmp_path, monkeypatch):
    from attache.evaluate import corpus as measure
    from attache.evaluate.semantic import grid, judged_queries, pool_unjudged, rankings

    need("wordllama")
    monkeypatch.setenv("ATTACHE_EMBEDDER", "wordllama")
    records = [said(*m) for m in MEANING]
    shared = tmp_path / "shared"
    (shared / "data/polnear/train/text").mkdir(parents=True)
    for r in records:
        (shared / f"data/polnear/train/text/{r.id}.txt").write_text(r.text, encoding="utf-8")

    def ref(r):
        q = r.quotes[0].content
        return {"doc": f"data/polnear/train/text/{r.id}.txt", "start": q.start, "end": q.end}

    inspectors, soldiers, farmers, _ = records
    data = tmp_path / "data"
    data.mkdir()
    (data / "semantic_seeds.jsonl").write_text(json.dumps({"seed": "s001", **ref(soldiers)}) + "\n", encoding="utf-8")
    (data / "semantic_labels.jsonl").write_text(json.dumps({"seed": "s001", "query": "army",
                                                            "relevant": [ref(soldiers)]}) + "\n", encoding="utf-8")
    with open_store(str(tmp_path / "s.db")) as store:
        store.add_many(records)
        queries = judged_queries(store, measure.read_labels("semantic_labels.jsonl", data),
                                 [[{"query": "army", **ref(inspectors), "relevant": False}]])
        assert len(queries) == 1 and queries[0].odd and len(queries[0].judged) == 2
        result = grid(store, queries)
        assert result["rankings"]["words"]["all"]["recall@10"] == 0.0  # no quote says "army"
        assert result["rankings"]["meaning"]["odd"]["mrr"] == 1.0
        assert result["rankings"]["meaning"]["even"]["queries"] == 0
        assert result["chosen_on_odd"].startswith("hybrid")

        out = tmp_path / "pool2.jsonl"
        n = pool_unjudged(store, queries, shared, out)
        lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        tops = set().union(*map(set, rankings(store, "army", 10).values()))
        assert n == len(lines) == len(tops - queries[0].judged)
        assert all(x["relevant"] is None and x["query"] == "army" and x["seed"] == "s001" and x["span"]
                   for x in lines)
        assert not {(x["doc"], x["start"]) for x in lines} & {(ref(r)["doc"], ref(r)["start"])
                                                              for r in (inspectors, soldiers)}
        with pytest.raises(AttacheError) as raised:
            pool_unjudged(store, queries, shared, out)
        assert raised.value.code == "E041"

    judged = tmp_path / "pool2_judged.jsonl"
    judged.write_text(json.dumps({"seed": "s001", "query": "army", **ref(farmers), "span": "Farmers will get", "relevant": True})
                      + "\n", encoding="utf-8")
    assert measure.import_labels("semantic", judged, data=data, merge=True) == 1
    (merged,) = measure.read_labels("semantic_labels.jsonl", data)
    assert merged["relevant"] == [ref(soldiers), ref(farmers)] and "Farmers" not in json.dumps(merged)


@pytest.mark.parametrize("name, model_id", [("minilm-speaker", "all-minilm-l6-v2+speaker"),
                                            ("wordllama-speaker", "wordllama-l2-256+speaker")])
def test_a_speaker_first_model_finds_by_meaning_who_said_it(tmp_path, monkeypatch, name, model_id):
    need(name)
    monkeypatch.setenv("ATTACHE_EMBEDDER", name)
    with open_store(str(tmp_path / "s.db")) as store:
        store.add_many([said(*m) for m in MEANING])
        assert semantic.recorded(store) == model_id
        found = semantic.search(store, about="Tom Reyes", mode="meaning", limit=2)["quotes"]
        assert {q["speaker_name"] for q in found} == {"Tom Reyes"}
        assert embedders.load(name).passage("We will win,", "Ana Lin") == "Ana Lin: We will win,"
        assert embedders.load(name.removesuffix("-speaker")).passage("We will win,", "Ana Lin") == "We will win,"
