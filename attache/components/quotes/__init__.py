"""The quote component: who said what, with exact character offsets (SCHEMA.md `quotes`).

Three passes, each linear: a quotation-mark scanner (marks.py), attributions read off the dependency
parse with the cue lexicons (syntax.py), and their assembly into direct, indirect and mixed quotes with
follow-on speakers and nested quotes (assemble.py). Writes `doc._.attache_quotes`; speaker entities are
filled later by the entities component.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...errors import warning
from ..base import add_warning, ensure_extensions, in_boilerplate, text_of
from . import layout, marks, syntax
from .assemble import Assembler, to_quotes
from .lexicon import Cues, load_cues


@Language.factory("attache_quotes", default_config={"merge_follow_on": False}, assigns=["doc._.attache_quotes"],
                  requires=["doc._.attache_boilerplate", "token.dep", "token.lemma", "token.ent_type"])
def make_quotes(nlp: Language, name: str, merge_follow_on: bool) -> QuotesComponent:
    return QuotesComponent(merge_follow_on=merge_follow_on)


class QuotesComponent:
    """Finds quotes and their speakers, cues and addressees.

    `merge_follow_on=True` folds a follow-on quote of the same paragraph into the quote before it (one
    record with fragments), the convention of attribution corpora such as PolNeAR; by default each quoted
    stretch is its own record, as SCHEMA.md and the seed annotation have it.
    """

    def __init__(self, merge_follow_on: bool = False) -> None:
        ensure_extensions()
        self.cues: Cues = load_cues()
        self.merge_follow_on = merge_follow_on

    def __call__(self, doc: Doc) -> Doc:
        doc._.attache_quotes = []
        text = text_of(doc)
        if not text.strip():
            return doc
        scanned = marks.scan(text)
        if scanned.unbalanced:
            add_warning(doc, warning("W002", count=scanned.unbalanced))
        quoted = [q for q in scanned.quotes if not in_boilerplate(doc, q.start, q.end)]
        found = syntax.find(doc, self.cues) if doc.has_annotation("DEP") else []
        found = sorted(found + layout.labelled_lines(doc, text), key=lambda a: a.cue[0])
        found = [a for a in found if not in_boilerplate(doc, a.cue[0], a.cue[1])
                 and (a.content is None or not in_boilerplate(doc, *a.content))]
        drafts = Assembler(doc, quoted, found, self.merge_follow_on).run()
        doc._.attache_quotes = to_quotes(text, drafts)
        return doc
