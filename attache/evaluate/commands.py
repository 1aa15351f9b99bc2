"""`attache evaluate ...`: the accuracy figures of docs/accuracy.md, reproducible from the command line."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..console import coded_errors
from ..errors import InputError

app = typer.Typer(no_args_is_help=True, help="Score Attaché on gold data (the figures in docs/accuracy.md).")

Limit = Annotated[Optional[int], typer.Option(min=1, help="Only the first N documents.")]
Errors = Annotated[bool, typer.Option("--errors", help="Also list every item that went wrong.")]


def _existing(path: Path, option: str) -> Path:
    if not path.exists():
        raise InputError("E001", path=f"{path} ({option})")
    return path


@app.command()
@coded_errors
def quotes(polnear: Annotated[Path, typer.Option(help="PolNeAR root (with dev/ and train/).")],
           split: Annotated[str, typer.Option(help="Split to score.")] = "dev", limit: Limit = None) -> None:
    """Quote extraction on PolNeAR: F1 at overlap 0.3 and 0.8, exact, speaker and cue accuracy, for statements
    (the default) and for every attribution (PolNeAR's broad notion: beliefs, intentions, evidence too)."""
    from ..pipeline import Options
    from .quotes import main

    for mode in ("statements", "all"):
        print(f"attributions={mode}")
        main(_existing(polnear, "--polnear"), split=split, limit=limit,
             options=Options(attributions=mode))  # type: ignore[arg-type]


@app.command()
@coded_errors
def statements(shared: Annotated[Optional[Path], typer.Option(help="The shared data folder (default: ../shared).")]
               = None) -> None:
    """Statements on 42 real articles outside PolNeAR (blind annotation), in both attribution modes."""
    from ..pipeline import Options, Pipeline
    from .quotes import evaluate, format_table
    from .statements import read_blind

    articles = read_blind(_existing(shared, "--shared") if shared else None)
    for mode in ("statements", "all"):
        pipeline = Pipeline(Options(attributions=mode))  # type: ignore[arg-type]
        report = evaluate(articles, lambda text, published: pipeline.analyze(text, published=published))
        print(f"attributions={mode}")
        print(format_table(report, "42 articles", corpus="blind statements"))


@app.command("entity-types")
@coded_errors
def entity_types(shared: Annotated[Optional[Path], typer.Option(help="The shared data folder (default: ../shared).")]
                 = None) -> None:
    """Entity precision by type (PERSON, ORG, AGENT) on the 42 articles of the blind statements set, against
    the blind annotators' named people and organisations."""
    from ..pipeline import Pipeline
    from .entity_types import evaluate, format_report, read_gold
    from .statements import BLIND

    docs = {json.loads(line)["doc"] for line in BLIND.read_text(encoding="utf-8").splitlines() if line.strip()}
    pipeline = Pipeline()
    report = evaluate(read_gold(docs, _existing(shared, "--shared") if shared else None),
                      lambda text, published: pipeline.analyze(text, published=published))
    print(format_report(report))


@app.command()
@coded_errors
def entities(meantime: Annotated[Path, typer.Option(help="MEANTIME folder: texts with .entities.json gold.")],
             limit: Limit = None) -> None:
    """Mentions and coreference on MEANTIME: mention F1, MUC, B³, CEAF-e and end-to-end CoNLL."""
    from .entities import evaluate_meantime

    scores = evaluate_meantime(_existing(meantime, "--meantime"), limit=limit)
    json.dump(asdict(scores), sys.stdout, indent=2)
    sys.stdout.write("\n")


@app.command()
@coded_errors
def times(timeml: Annotated[list[Path], typer.Option(help="TimeML folder(s), e.g. TimeBank, AQUAINT.")],
          limit: Limit = None) -> None:
    """TempEval-3 task A on TimeML folders: strict/relaxed span F1, type accuracy, value F1."""
    from ..pipeline import Pipeline
    from .times import evaluate_timeml, format_scores

    pipeline = Pipeline()
    for folder in timeml:
        scores = evaluate_timeml(_existing(folder, "--timeml"), pipeline=pipeline, limit=limit)
        print(format_scores(folder.name, scores))


@app.command()
@coded_errors
def places(data: Annotated[Optional[Path], typer.Option(help="JSON Lines dev set (default: the shipped one).")]
           = None,
           corpus: Annotated[Optional[str], typer.Option(
               help="Score the place mentions of real-news sentences of a corpus split (train: for finding faults, "
                    "dev, test); reads ../shared.")]
           = None,
           errors: Errors = False) -> None:
    """Country accuracy of place mentions on a dev set of news sentences, or recall/precision on real news."""
    if corpus is not None:
        from .places_corpus import evaluate_corpus

        if corpus not in ("train", "dev", "test"):
            raise typer.BadParameter("--corpus takes train, dev or test")
        print(json.dumps(evaluate_corpus(corpus, show_errors=errors), indent=2 if errors else None))
        return
    from .places import main

    main(_existing(data, "--data") if data else None, show_errors=errors)


@app.command()
@coded_errors
def events(data: Annotated[Optional[Path], typer.Option(help="JSON Lines dev set (default: the shipped one).")]
           = None,
           corpus: Annotated[Optional[str], typer.Option(
               help="Score a split (train, dev, test) of the annotated real-news corpus instead; reads ../shared.")]
           = None,
           shared: Annotated[Optional[Path], typer.Option(help="The shared data folder (default: ../shared).")]
           = None,
           coder: Annotated[str, typer.Option(help="model (the default: the trained coder over the rules' "
                                                    "proposals) or rules (the lexicon and parse rules alone).")]
           = "model",
           errors: Errors = False) -> None:
    """PLOVER event type F1, actor-country and modality accuracy on a dev set or the annotated corpus."""
    if corpus is not None:
        from .events_corpus import main as corpus_main

        if corpus not in ("train", "dev", "test"):
            raise typer.BadParameter("--corpus takes train, dev or test")
        corpus_main(corpus, _existing(shared, "--shared") if shared else None, coder, show_errors=errors)
        return
    from .events import main

    main(_existing(data, "--data") if data else None, show_errors=errors, coder=coder)


@app.command()
@coded_errors
def people(corpus: Annotated[str, typer.Option(help="Split of the cross-document gold to score: dev, dev2 to dev8 "
                                                     "(more sets for finding faults) or test.")]
           = "dev",
           gold: Annotated[Optional[Path], typer.Option(help="Gold JSON Lines (default: the shipped one).")] = None,
           shared: Annotated[Optional[Path], typer.Option(help="The shared data folder (default: ../shared).")]
           = None,
           meantime: Annotated[Optional[Path], typer.Option(
               help="Score MEANTIME's own cross-document entities in this folder instead.")] = None,
           limit: Limit = None) -> None:
    """Who is who across articles: cross-document MUC, B³, CEAF-e and CoNLL F1 of named people (and people and
    organisations), and the precision of the people index."""
    from .people import GOLD, SPLITS, evaluate, read_gold, read_meantime

    if meantime is not None:
        docs = read_meantime(_existing(meantime, "--meantime"))
    else:
        if corpus not in SPLITS:
            raise typer.BadParameter(f"--corpus takes {', '.join(SPLITS)}")
        docs = read_gold(corpus, _existing(gold or GOLD, "--gold"), _existing(shared, "--shared") if shared else None)
    print(json.dumps(evaluate(docs[:limit] if limit else docs), indent=2))
# -- across articles (attache/evaluate/corpus.py): labels from blind annotators, never from this code ---------
CorpusDb = Annotated[Path, typer.Option("--db", help="A store of PolNeAR's train and dev articles (made by "
                                                     "`attache evaluate corpus-store`).")]
DEFAULT_CORPUS_DB = Path("polnear-corpus.db")


def _corpus_store(db: Path):  # type: ignore[no-untyped-def]
    from ..store import open_store

    return open_store(str(_existing(db, "--db")), create=False)


@app.command("corpus-store")
@coded_errors
def corpus_store(db: CorpusDb = DEFAULT_CORPUS_DB,
                 shared: Annotated[Optional[Path], typer.Option(help="The shared data folder (default: ../shared).")]
                 = None,
                 workers: Annotated[int, typer.Option(min=1, help="Processes.")] = 2,
                 attributions: Annotated[str, typer.Option(help="statements (the default) or all (PolNeAR's "
                                                                "broad attributions).")] = "statements") -> None:
    """Analyse PolNeAR's train and dev articles into a store (id = file name, source = publisher)."""
    import subprocess
    import tempfile

    from .corpus import write_jsonl

    root = _existing(shared or Path("../shared"), "--shared")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "polnear.jsonl"
        write_jsonl(root, source)
        subprocess.run([sys.executable, "-m", "attache.cli", "ingest", str(source), "--db", str(db), "--workers",
                        str(workers), "--attributions", attributions], check=False)


@app.command("corpus-candidates")
@coded_errors
def corpus_candidates(db: CorpusDb = DEFAULT_CORPUS_DB,
                      shared: Annotated[Optional[Path], typer.Option(help="The shared data folder.")] = None,
                      annotation: Annotated[Path, typer.Option(help="Folder for the annotators' files (with "
                                                                    "text snippets; keep it outside the repository).")]
                      = Path("../annotation/issue20"),
                      variants: Annotated[bool, typer.Option("--variants", help="Write only the batch of quote "
                                                                                 "pairs for variant precision.")]
                      = False,
                      batch: Annotated[int, typer.Option(help="With --variants: 1 (one person's quotations the "
                                                              "store holds), 2 (quotation pairs of the texts "
                                                              "and flagged pairs not yet labelled) or 3 (looser "
                                                              "quotation pairs).")] = 1,
                      statements: Annotated[bool, typer.Option("--statements", help="Write only a second batch "
                                                                                    "of same-statement quote pairs, "
                                                                                    "outside the held-out half's "
                                                                                    "articles.")] = False) -> None:
    """Write the candidate pairs and query seeds: stand-off into attache/evaluate/data/, with snippets for
    annotators into --annotation (docs/annotation_corpus.md)."""
    from .corpus import write_candidates, write_statement_batch, write_variant_batch

    root = _existing(shared or Path("../shared"), "--shared")
    if statements:
        print(json.dumps({"statements": write_statement_batch(root, annotation)}))
        return
    with _corpus_store(db) as store:
        if variants:
            print(json.dumps({"variants": write_variant_batch(store, root, annotation, batch=batch)}))
            return
        print(json.dumps(write_candidates(store, root, annotation)))


SPLITS = ("tune", "held-out", "all")
WriteSplit = Annotated[bool, typer.Option("--write-split", help="Instead: (re)write the split of the labels into "
                                                                 "attache/evaluate/data/.")]


def _split_option(how: str) -> Any:
    return typer.Option(help=f"tune, held-out or all: the half of the labelled pairs scored ({how}).")


def _check_split(split: str) -> None:
    if split not in SPLITS:
        raise typer.BadParameter(f"--split takes {', '.join(SPLITS)}")


@app.command()
@coded_errors
def provenance(db: CorpusDb = DEFAULT_CORPUS_DB,
               labels: Annotated[list[str] | None, typer.Option(
                   help="Labels in attache/evaluate/data/ (repeat to score several files together; `all`: "
                        "provenance_labels.jsonl and provenance_variant_labels.jsonl).")] = None,
               split: Annotated[str, _split_option("provenance_split.jsonl: by statement, so no statement's "
                                                   "reports are in both halves")] = "all",
               write_split: WriteSplit = False) -> None:
    """Quote clustering pair P/R/F1 and variant-detection precision against blind annotators' labels."""
    from .corpus import (LABEL_FILES, PROVENANCE_SPLIT, pairs_of_split, read_labels, score_provenance,
                         write_provenance_split)

    if write_split:
        print(json.dumps(write_provenance_split()))
        return
    _check_split(split)
    names = labels or [LABEL_FILES["provenance"]]
    if names == ["all"]:
        names = [LABEL_FILES["provenance"], LABEL_FILES["variants"]]
    gold = pairs_of_split([lab for name in names for lab in read_labels(name)], split, split_file=PROVENANCE_SPLIT)
    with _corpus_store(db) as store:
        print(json.dumps({"labels": names, "split": split, **score_provenance(store, gold)}, indent=2))


@app.command("story-events")
@coded_errors
def story_events(db: CorpusDb = DEFAULT_CORPUS_DB,
                 labels: Annotated[str, typer.Option(help="Labels in attache/evaluate/data/.")]
                 = "story_event_labels.jsonl",
                 split: Annotated[str, _split_option("story_event_split.jsonl: by story group, so no article "
                                                     "is in both halves")] = "all",
                 write_split: WriteSplit = False) -> None:
    """Story-event merging pair P/R/F1 against blind annotators' same/different event labels."""
    from .corpus import pairs_of_split, read_labels, score_story_events, write_event_split

    if write_split:
        print(json.dumps(write_event_split()))
        return
    _check_split(split)
    gold = pairs_of_split(read_labels(labels), split)
    with _corpus_store(db) as store:
        print(json.dumps({"split": split, **score_story_events(store, gold)}, indent=2))


@app.command()
@coded_errors
def semantic(db: CorpusDb = DEFAULT_CORPUS_DB,
             labels: Annotated[str, typer.Option(help="Judged queries in attache/evaluate/data/.")]
             = "semantic_labels.jsonl",
             pool: Annotated[Optional[Path], typer.Option(help="Instead of scoring: write the pooled top 10 of the "
                                                              "three rankings for each written query (from "
                                                              "--queries) for judging.")] = None,
             queries: Annotated[Optional[Path], typer.Option(help="The annotators' written queries (with --pool).")]
             = None,
             shared: Annotated[Optional[Path], typer.Option(help="The shared data folder.")] = None,
             fusions: Annotated[bool, typer.Option("--fusions", help="Instead: every fusion (reciprocal rank and "
                                                   "score-normalised linear, several meaning weights) on the odd "
                                                   "queries, the even ones (held out) and all, and the fusion "
                                                   "chosen on the odd ones.")] = False,
             judged: Annotated[Optional[list[Path]], typer.Option(help="Judged pool file(s): their passages count "
                                                                      "as judged (with --fusions, --unjudged).")]
             = None,
             unjudged: Annotated[Optional[Path], typer.Option(help="Instead: write every passage of a top 10 (any "
                                                                  "ranking of --fusions) not judged in the labels "
                                                                  "or --judged files, for blind judging.")]
             = None) -> None:
    """Search by meaning: recall@10 and MRR of words-only, meaning-only and hybrid, side by side."""
    from .corpus import pool_for_judging, read_labels, score_semantic

    if fusions or unjudged is not None:
        from .semantic import grid, judged_queries, pool_unjudged

        pools = [[json.loads(line) for line in _existing(p, "--judged").read_text(encoding="utf-8").splitlines()
                  if line.strip()] for p in judged or []]
        with _corpus_store(db) as store:
            labelled = judged_queries(store, read_labels(labels), pools)
            if unjudged is not None:
                root = _existing(shared or Path("../shared"), "--shared")
                print(f"{pool_unjudged(store, labelled, root, unjudged)} unjudged passages written to {unjudged}")
            else:
                print(json.dumps(grid(store, labelled), indent=2))
        return
    with _corpus_store(db) as store:
        if pool is not None:
            if queries is None:
                raise InputError("E001", path="(none) (--queries: the annotators' written queries)")
            written = [json.loads(line) for line in _existing(queries, "--queries").read_text(encoding="utf-8")
                       .splitlines() if line.strip()]
            root = _existing(shared or Path("../shared"), "--shared")
            print(f"{pool_for_judging(store, written, root, pool)} pooled quotes written to {pool}")
            return
        print(json.dumps(score_semantic(store, read_labels(labels)), indent=2))


@app.command("corpus-labels")
@coded_errors
def corpus_labels(task: Annotated[str, typer.Argument(help="provenance, statements-2, variants, story-events or "
                                                            "semantic.")],
                  annotated: Annotated[list[Path], typer.Argument(help="The annotators' filled-in (adjudicated) "
                                                                       "file(s), one batch each.")],
                  merge: Annotated[bool, typer.Option("--merge", help="semantic: add a later judged pool's "
                                                      "relevant passages to the labels already there.")]
                  = False) -> None:
    """Bring blind annotators' labels into attache/evaluate/data/ as stand-off (offsets and labels only)."""
    from .corpus import import_labels

    print(f"{import_labels(task, [_existing(a, 'ANNOTATED') for a in annotated], merge=merge)} "
          "labelled items written")
