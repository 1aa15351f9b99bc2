"""`attache evaluate people`: the gold converter's reading of the annotation guide, and the cross-document scores
on articles written for this test."""

from __future__ import annotations

import json
import re
from collections import Counter

from attache.evaluate.people import GoldDoc, agreement, build, evaluate, resolve

TEXT = ("Hillary Clinton met voters in Iowa. Clinton said the Clinton Foundation would help. "
        "When Clinton signed NAFTA in 1993, Trump Tower was new. Mr. Trump laughed.")


def names(mentions: list[dict]) -> list[tuple[str, str]]:
    return [(m["text"], m["identity"]) for m in mentions]


def test_longest_listed_name_first_and_none_shields() -> None:
    labels = [{"text": "Hillary Clinton", "type": "PERSON", "identity": "Hillary Clinton"},
              {"text": "Clinton", "type": "PERSON", "identity": "Hillary  CLINTON"},
              {"text": "Clinton Foundation", "type": "ORG", "identity": "Clinton Foundation"},
              {"text": "Trump Tower", "type": "NONE", "identity": None},
              {"text": "Trump", "type": "PERSON", "identity": "Donald Trump"}]
    found = names(resolve(TEXT, labels, "a1", Counter()))
    assert found == [("Hillary Clinton", "hillary clinton"), ("Clinton", "hillary clinton"),
                     ("Clinton Foundation", "clinton foundation"), ("Clinton", "hillary clinton"),
                     ("Trump", "donald trump")]


def test_only_in_snippets_assign_their_occurrences() -> None:
    labels = [{"text": "Clinton", "type": "PERSON", "identity": "Hillary Clinton"},
              {"text": "Clinton", "type": "PERSON", "identity": "Bill Clinton", "only_in": ["When Clinton signed NAFTA"]}]
    found = [m for m in resolve(TEXT, labels, "a1", Counter()) if m["text"] == "Clinton"]
    assert [m["identity"] for m in found] == ["hillary clinton"] * 3 + ["bill clinton"]


def test_unresolved_identities_stay_apart_across_articles_and_misses_are_counted() -> None:
    counts: Counter[str] = Counter()
    one = resolve(TEXT, [{"text": "Trump", "type": "PERSON", "identity": "Trump (unresolved)"},
                         {"text": "Pence", "type": "PERSON", "identity": "Mike Pence"}], "a1", counts)
    two = resolve(TEXT, [{"text": "Trump", "type": "PERSON", "identity": "Trump (unresolved)"}], "a2", counts)
    assert one[0]["identity"] != two[0]["identity"] and counts["entries not found"] == 1


def test_build_writes_one_line_per_article(tmp_path) -> None:
    (tmp_path / "shared" / "data").mkdir(parents=True)
    (tmp_path / "shared" / "data" / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "b00.jsonl").write_text(json.dumps(
        {"article": "a1", "names": [{"text": "Clinton", "type": "PERSON", "identity": "Hillary Clinton"}]}) + "\n",
        encoding="utf-8")
    (tmp_path / "articles.json").write_text(json.dumps({"a1": {"doc": "data/one.txt", "split": "dev"}}))
    out = tmp_path / "gold.jsonl"
    counts = build(tmp_path / "labels", tmp_path / "articles.json", tmp_path / "shared", out)
    row = json.loads(out.read_text(encoding="utf-8"))
    assert counts["articles"] == 1 and counts["mentions"] == 4 and row["doc"] == "data/one.txt"
    assert all(TEXT[m["start"]:m["end"]] == "Clinton" for m in row["mentions"])


def test_agreement_of_two_annotators(tmp_path) -> None:
    def write(name: str, identity: str, spans: list[tuple[int, int]]):
        mentions = [{"start": s, "end": e, "text": TEXT[s:e], "type": "PERSON", "identity": identity} for s, e in spans]
        (tmp_path / name).write_text(json.dumps({"doc": "data/one.txt", "split": "dev", "mentions": mentions}) + "\n")
        return tmp_path / name

    at = [(m.start(), m.end()) for m in re.finditer("Clinton", TEXT)]
    found = agreement(write("a.jsonl", "Hillary Clinton", at), write("b.jsonl", "Bill Clinton", at))
    assert found["articles"] == 1 and found["mention_f1"] == 1.0  # same spans and types
    assert found["identities"]["conll"] == 1.0  # one identity each: the same clustering, whatever its name
    half = agreement(write("a.jsonl", "Hillary Clinton", at), write("c.jsonl", "Hillary Clinton", at[:len(at) // 2]))
    assert 0 < half["mention_f1"] < 1


def gold(text: str, *spans: tuple[str, str, str]) -> GoldDoc:
    mentions, at = [], 0
    for surface, type_, identity in spans:
        start = text.index(surface, at)
        at = start + len(surface)
        mentions.append({"start": start, "end": at, "text": surface, "type": type_, "identity": identity})
    return GoldDoc("doc", text, "2016-10-01", mentions)


def test_scores_of_joined_articles(pipeline) -> None:
    docs = [gold("Donald Trump spoke in Ohio on Monday. Trump said the rally went well.",
                 ("Donald Trump", "PERSON", "Donald Trump"), ("Trump", "PERSON", "Donald Trump")),
            gold("Donald J. Trump met Mike Pence at the Federal Bureau of Investigation on Tuesday.",
                 ("Donald J. Trump", "PERSON", "Donald Trump"), ("Mike Pence", "PERSON", "Mike Pence"),
                 ("Federal Bureau of Investigation", "ORG", "FBI"))]
    scores = evaluate(docs, pipeline.analyze)
    assert scores["articles"] == 2 and scores["gold_mentions"] == 5
    assert scores["person"]["conll"] == 1.0 and scores["person"]["b3"] == 1.0
    assert 0 < scores["index_precision"] <= 1 and scores["people_rows"] >= 3
