"""The quote cue lexicons (attache/lexicons/quote_*), loaded once per component."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...lexicons import read_lines, read_table


@dataclass(frozen=True)
class Cues:
    """Reporting verbs (with how their object / infinitive / hearer behave), cue nouns, cue phrases."""

    verbs: frozenset[str]
    object_verbs: frozenset[str]
    infinitive_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    addressee_nouns: frozenset[str]
    verb_preps: frozenset[tuple[str, str]]
    prep_verbs: frozenset[str]
    adjacent_verbs: frozenset[str] = frozenset()  # cues only next to a quotation ("..., he continued")
    adjacent_particles: frozenset[tuple[str, str]] = frozenset()  # ("go", "on"): the verb needs its particle
    documents: frozenset[str] = frozenset()  # "a statement", "an ad": issued by the subject of their verb
    classes: dict[tuple[str, str], str] = field(default_factory=dict)  # (word, V|N) -> speech, belief, ...

    def class_of(self, word: str, pos: str) -> str | None:
        """The class of a cue word: speech, writing, belief, intention, perception or evidence."""
        return self.classes.get((word.lower(), pos))


def load_cues() -> Cues:
    rows = read_table("quote_cue_verbs.tsv")

    def flagged(col: str) -> frozenset[str]:
        return frozenset(r["lemma"] for r in rows if (r.get(col) or "").strip() == "y")

    preps = [(r["lemma"], r["preposition"]) for r in read_table("quote_cue_verb_preps.tsv")]
    adjacent = [tuple(line.split()) for line in read_lines("quote_cue_verbs_adjacent.txt")]
    return Cues(
        verbs=frozenset(r["lemma"] for r in rows),
        object_verbs=flagged("object"),
        infinitive_verbs=flagged("infinitive"),
        addressee_verbs=flagged("addressee"),
        nouns=frozenset(read_lines("quote_cue_nouns.txt")),
        phrases=tuple(tuple(r["words"].split()) for r in read_table("quote_cue_phrases.tsv")),
        addressee_nouns=frozenset(read_lines("quote_addressee_nouns.txt")),
        verb_preps=frozenset(preps),
        prep_verbs=frozenset(v for v, _ in preps),
        adjacent_verbs=frozenset(w[0] for w in adjacent),
        adjacent_particles=frozenset((w[0], w[1]) for w in adjacent if len(w) > 1),
        documents=frozenset(read_lines("quote_document_nouns.txt")),
        classes={(r["word"].strip().lower(), r["pos"].strip()): r["class"].strip()
                 for r in read_table("quote_cue_classes.tsv")},
    )
