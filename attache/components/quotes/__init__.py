"""The quote component: who said what, with exact character offsets (docs/record.md, `quotes`).

Three passes, each linear: a quotation-mark scanner (marks.py), attributions read off the dependency
parse with the cue lexicons (syntax.py), and their assembly into direct, indirect and mixed quotes with
follow-on speakers and nested quotes (assemble.py). Writes `doc._.attache_quotes`; speaker entities are
filled later by the entities component.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from ...errors import warning
from ...lexicons import read_lines
from ..base import add_warning, ensure_extensions, in_boilerplate, text_of
from . import layout, marks, syntax
from .assemble import Assembler, to_quotes
from .lexicon import Cues, load_cues
from .slogans import Slogans


ATTRIBUTIONS = ("statements", "all")
STATEMENT_CLASSES = frozenset({"speech", "writing"})


@Language.factory("attache_quotes", default_config={"merge_follow_on": False, "attributions": "statements"},
                  assigns=["doc._.attache_quotes"],
                  requires=["doc._.attache_boilerplate", "token.dep", "token.lemma", "token.ent_type"])
def make_quotes(nlp: Language, name: str, merge_follow_on: bool, attributions: str) -> QuotesComponent:
    return QuotesComponent(merge_follow_on=merge_follow_on, attributions=attributions)


class QuotesComponent:
    """Finds quotes and their speakers, cues and addressees.

    `merge_follow_on=True` folds a follow-on quote of the same paragraph into the quote before it (one
    record with fragments), the convention of attribution corpora such as PolNeAR; by default each quoted
    stretch is its own record, as docs/record.md and the seed annotation have it.
    """

    def __init__(self, merge_follow_on: bool = False, attributions: str = "statements") -> None:
        """`attributions="statements"` keeps what was said or written; "all" also beliefs, intentions,
        perceptions and evidence (PolNeAR's broad notion of attribution)."""
        if attributions not in ATTRIBUTIONS:
            raise ValueError(f"attributions must be one of {', '.join(ATTRIBUTIONS)}, not {attributions!r}")
        ensure_extensions()
        self.cues: Cues = load_cues()
        self.merge_follow_on = merge_follow_on
        self.statements_only = attributions == "statements"
        self.withholding = frozenset(read_lines("quote_withholding_verbs.txt"))
        self.commitments = frozenset(read_lines("quote_commitment_verbs.txt"))
        self.slogans = Slogans()

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
        if self.statements_only:  # what a sign, a shirt or a banner carries is nobody's statement
            carried = [(q.start, q.end) for q in quoted if self.slogans.carried(doc, q)]
            quoted = [q for q in quoted if (q.start, q.end) not in carried]
            found = [a for a in found if not self.slogans.sourced_by_sign(doc, a) and not (
                a.content is not None and any(s < a.content[1] and a.content[0] < e for s, e in carried))]
        if self.statements_only:  # "rejected the criticism", "did not say when": no statement, but the cue may
            found = [replace(a, content=None) if a.how == "bare" or self._withheld(doc[a.cue_token]) else a
                     for a in found]  # still source a quotation beside it
        committed = {a.cue for a in found if a.how == "infinitive"
                     and doc[a.cue_token].lemma_.lower() in self.commitments}  # "agreed to buy": an intention
        drafts = Assembler(doc, quoted, found, self.merge_follow_on).run()
        classes = ["intention" if d.cue in committed else self._class(doc, d.cue) for d in drafts]
        if self.statements_only:
            kept = [k for k, c in enumerate(classes) if c in STATEMENT_CLASSES]
            new_index = {old: new for new, old in enumerate(kept)}
            drafts = [replace(drafts[k], nested_in=new_index.get(drafts[k].nested_in))  # type: ignore[arg-type]
                      if drafts[k].nested_in is not None else drafts[k] for k in kept]
            classes = [classes[k] for k in kept]
        doc._.attache_quotes = to_quotes(text, drafts, classes)
        return doc

    def _withheld(self, cue: Token) -> bool:
        """A speech act the sentence says did not happen or was only a question put to the speaker: "did not
        say when", "declined to say whether", "refused to comment on", "Asked whether ..."."""
        if any(c.dep_ == "neg" for c in cue.children):
            return True
        if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in self.withholding:
            return True
        return cue.lemma_.lower() == "ask" and cue.tag_ == "VBN" and cue.dep_ in ("advcl", "ROOT")

    def _class(self, doc: Doc, cue: tuple[int, int] | None) -> str:
        """The class of an attribution from its cue word: quoted words without a cue were spoken or written."""
        if cue is None:
            return "speech"
        span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
        if span is None or not len(span):
            return "speech"
        head = span.root
        pos = "V" if head.pos_ in ("VERB", "AUX") else "N"
        return (self.cues.class_of(head.lemma_, pos) or self.cues.class_of(head.lower_, pos)
                or self.cues.class_of(head.lemma_, "N" if pos == "V" else "V") or "speech")
