"""Statements (who said what) measured on real news outside PolNeAR: 42 TimeBank, AQUAINT and MEANTIME
articles whose statements two blind annotators marked (docs/statement_annotation_guide.md), adjudicated, stored
stand-off in `data/statements_blind.jsonl` (document path under ../shared, character offsets, gender and its
evidence). Scored with the PolNeAR measures (`evaluate/quotes.py`: content P/R/F1 at overlap 0.3 and 0.8,
speaker and cue accuracy), each article analysed whole with its publication date.

`python -m attache.evaluate.statements LABELS` (or `build`) turns the annotators' files into the stand-off file
and reports their agreement; `attache evaluate statements` scores the pipeline.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..train.sources import default_shared, read_document
from .polnear import Char, GoldArticle, GoldQuote

BLIND = Path(__file__).parent / "data" / "statements_blind.jsonl"


def _find(text: str, needle: object, near: int, window: int = 600) -> Char | None:
    """The occurrence of `needle` nearest to position `near` (within `window` characters)."""
    if not isinstance(needle, str) or not needle.strip():
        return None
    best: Char | None = None
    start = max(0, near - window)
    while True:
        found = text.find(needle, start, near + window + len(needle))
        if found < 0:
            break
        if best is None or abs(found - near) < abs(best[0] - near):
            best = (found, found + len(needle))
        start = found + 1
    return best


def standoff(text: str, statements: list[dict[str, object]]) -> list[dict[str, object]]:
    """An annotator's statements (texts) as offsets into the article, in article order."""
    out = []
    position = 0
    for s in statements:
        content = str(s.get("content") or "")
        at = text.find(content, position)
        if at < 0:
            at = text.find(content)
        if not content or at < 0:
            continue
        position = at
        out.append({"content": [at, at + len(content)], "speaker": _find(text, s.get("speaker"), at),
                    "cue": _find(text, s.get("cue"), at), "kind": s.get("kind"),
                    "speaker_name": s.get("speaker_name"), "speaker_implicit": bool(s.get("speaker_implicit")),
                    "gender": s.get("speaker_gender") or "unknown",
                    "gender_evidence": _find(text, s.get("gender_evidence"), at, 5000)})
    return out


def read_blind(shared: Path | None = None, path: Path = BLIND) -> list[GoldArticle]:
    """The adjudicated statements as gold articles for the quote scorer."""
    shared = shared or default_shared()
    articles = []
    with path.open(encoding="utf-8") as f:
        for row in map(json.loads, filter(str.strip, f)):
            document = read_document(shared, row["doc"])
            quotes = [GoldQuote(tuple(s["content"]), tuple(s["speaker"]) if s.get("speaker") else None,  # type: ignore[arg-type]
                                tuple(s["cue"]) if s.get("cue") else None, [tuple(s["content"])],  # type: ignore[list-item]
                                gender=str(s.get("gender") or "unknown"))
                      for s in row["statements"]]
            articles.append(GoldArticle(row["doc"], document.text, document.published, quotes))
    return articles


def build(labels: Path, index: Path, shared: Path | None = None, out: Path = BLIND) -> int:
    """The stand-off file from the annotators' files in `labels` (labels.A/B.jsonl; labels.final.jsonl for the
    articles where they differed) and `index` (article name -> document path under ../shared)."""
    shared = shared or default_shared()
    paths = json.loads(index.read_text(encoding="utf-8"))

    def read(name: str) -> dict[str, list[dict[str, object]]]:
        path = labels / name
        if not path.exists():
            return {}
        return {r["doc"]: r["statements"] for r in map(json.loads, filter(str.strip, path.open(encoding="utf-8")))}

    first, final = read("labels.A.jsonl"), read("labels.final.jsonl")
    with out.open("w", encoding="utf-8") as f:
        for name in sorted(paths):
            text = read_document(shared, paths[name]).text
            row = {"doc": paths[name], "statements": standoff(text, final.get(name, first.get(name, [])))}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(paths)


if __name__ == "__main__":
    if sys.argv[1:2] == ["build"] and len(sys.argv) > 3:
        print(build(Path(sys.argv[2]), Path(sys.argv[3])), "articles ->", BLIND)
    else:
        sys.exit("usage: python -m attache.evaluate.statements build LABELS_DIR INDEX_JSON")
