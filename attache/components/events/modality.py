"""Modality of an event: negated, hypothetical, planned, reported or asserted.

Read from the trigger and the chain of verbs that govern it ("never got to meet", "considering locations
for a summit", "would hand a victory", "if they meet"), from quote spans (an event inside a quote is only
someone's claim) and from cue words in `lexicons/event_modality.tsv`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from ...lexicons import read_table
from .triggers import to_infinitive

ORDER = ("negated", "hypothetical", "planned", "reported")
# Relations through which a governing word passes its modality down: a noun climbs to the verb it is an
# argument of ("plan a visit", "the talks will resume"), a verb to the verb it complements ("got to meet").
NOUN_UP_DEPS = frozenset({"pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "compound",
                          "nmod", "oprd", "pcomp"})
VERB_UP_DEPS = frozenset({"xcomp", "pcomp", "prep", "pobj", "conj", "oprd"})
FINITE_TAGS = frozenset({"VBZ", "VBD"})  # a verb with a tense of its own (VBP is often a bare infinitive mis-tagged)
# Relations of a clause embedded in another (no xcomp: it shares its governor's subject and mood).
EMBEDDED_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"})
MAX_CHAIN = 8
# Words that climb the parse by noun relations (NOUN_UP_DEPS), not verb ones.
NOUN_CHAIN_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADP"})
INTENT_AUX = frozenset({"will", "would", "wo", "shall"})  # modals of intention ("wo" as in "wo n't")

@dataclass(frozen=True)
class ModalityCues:
    """Cue words by where they occur: `neg`, `aux`, `verb`, `noun`, `mod`, `mark`, `then`, `prep`."""

    cues: dict[tuple[str, str], str]

    @classmethod
    def load(cls, table: str = "event_modality.tsv") -> ModalityCues:
        return cls({(row["where"].strip(), row["cue"].strip().lower()): row["kind"].strip()
                    for row in read_table(table)})

    def kind(self, where: str, word: str) -> str | None:
        return self.cues.get((where, word.lower()))

    def refusal(self, trigger: Token) -> bool:
        """An actor stating its own refusal: "Iran said it would not negotiate" — a negated modal of intention
        on the event's verb, whose pronoun subject stands for the subject of the reporting verb above it.
        ("Liu will not travel to Washington, a person familiar said" stays a negated visit.)"""
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head  # "would not hold talks"
        if not any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in verb.children) \
                or not any(c.dep_ == "neg" for c in verb.children):
            return False
        said = verb.head
        if verb.dep_ != "ccomp" or said.i > verb.i or self.kind("verb", said.lemma_) != "reported":
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.tag_ == "PRP" and not subject.ent_type_ \
            and any(c.dep_ == "nsubj" for c in said.children)


def governing_chain(trigger: Token) -> Iterator[tuple[Token, bool]]:
    """The trigger, then the words that govern it within its clause: (token, is the trigger itself).

    Climbs through complements ("got to meet", "plan a visit", "for a summit") and stops at a clause
    boundary (ccomp, advcl, relcl), whose head is yielded last so a reporting verb can still be seen.
    """
    yield trigger, True
    token = trigger
    for _ in range(MAX_CHAIN):
        head = token.head
        if head.i == token.i:
            return
        up = NOUN_UP_DEPS if token.pos_ in NOUN_CHAIN_POS else VERB_UP_DEPS
        if token.dep_ == "conj" and token.tag_ in FINITE_TAGS:
            return  # "she would like more detail but supports him": a verb in its own tense has its own mood
        if token.dep_ in up or purpose(token):
            yield head, False
            token = head
            continue
        if token.dep_ in EMBEDDED_CLAUSE_DEPS:
            yield head, False
        return


def purpose(token: Token) -> bool:
    """A subjectless to-infinitive of purpose ("did not come here [to make concessions]"): it shares the
    modality of the verb it serves."""
    return token.dep_ == "advcl" and to_infinitive(token) \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in token.children)


def _yet_to(token: Token, previous: Token) -> bool:
    """ "has yet to endorse", "are yet to meet": have/be with "yet" right after it, governing a to-infinitive."""
    return token.lemma_ in ("have", "be") and previous.dep_ == "xcomp" \
        and any(c.lower_ == "yet" and c.dep_ == "advmod" and c.i > token.i for c in token.children) \
        and to_infinitive(previous)


def own_cues(token: Token, cues: ModalityCues, is_trigger: bool) -> set[str]:
    """Kinds of modality cued by the dependents of one token on the chain."""
    found: set[str] = set()
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
            found.add("negated")
        elif child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":  # not "Prime Minister Theresa May"
            kind = cues.kind("aux", word) or cues.kind("aux", child.lemma_)
            if kind:
                found.add(kind)
        elif child.dep_ == "mark":
            kind = cues.kind("mark", word)
            if kind:
                found.add(kind)
        elif child.dep_ == "advcl" and any(m.dep_ == "mark" and cues.kind("mark", m.lower_) == "hypothetical"
                                           for m in child.children):
            found.add("hypothetical")  # "would resign if the cuts went ahead"
        elif child.dep_ in ("amod", "advmod", "acomp", "npadvmod") and not _beside(child):
            kind = cues.kind("mod", word) or cues.kind("mod", child.lemma_)
            if kind and (kind != "planned" or is_trigger or child.dep_ != "amod"):
                found.add(kind)
    return found


def _beside(word: Token) -> bool:
    """Whether an adverb says where, with its "to" phrase ("laid a wreath next to the ruins"), not when."""
    return any(c.dep_ == "prep" and c.lower_ == "to" for c in word.children)


def base_forms(token: Token) -> tuple[str, ...]:
    """A word's lemma, and the base form its ending gives where the lemmatizer strips too much ("hopes" and
    "hoped" read as "hop")."""
    lemma, lower = token.lemma_.lower(), token.lower_
    return (lemma, lower[:-1]) if lemma != lower and lower.endswith(("es", "ed")) else (lemma,)


def _future(token: Token) -> bool:
    """Whether a clause is told as still to come: a modal of intention on its verb ("will", "would")."""
    return any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in token.children)


def verb_cue(cues: ModalityCues, token: Token) -> str | None:
    """The cue kind of a governing verb, by any of its base forms."""
    return next((kind for form in base_forms(token) if (kind := cues.kind("verb", form))), None)


def modality(trigger: Token, cues: ModalityCues, in_quote: bool, future_time: bool) -> str:
    """The modality of the event named by `trigger` (see ORDER for precedence)."""
    found: set[str] = set()
    would = conditional = False
    previous: Token | None = None
    for depth, (token, is_trigger) in enumerate(governing_chain(trigger)):
        if previous is not None:
            kind = verb_cue(cues, token) if token.pos_ in ("VERB", "AUX", "ADJ") else \
                cues.kind("noun", token.lemma_) if token.pos_ == "NOUN" and previous.dep_ == "prep" else None
            #   "his proposal for a ban": a noun of proposing lends its mood to what its "for"/"of" phrase names
            if previous.dep_ in EMBEDDED_CLAUSE_DEPS and not purpose(previous):
                # The head of an outer clause only lends its reporting ("they said the troops withdrew").
                if kind == "reported" and previous.dep_ in ("ccomp", "parataxis"):
                    found.add("reported")
                then = next((k for c in previous.children if c.dep_ == "mark" and (k := cues.kind("then", c.lower_))),
                            None)
                if previous.dep_ == "advcl" and then and _future(token):
                    found.add(then)  # "would be a model once it was ratified": not ratified yet, and may never be
                break
            if kind == "negated" and (previous.dep_ not in ("xcomp", "dobj", "ccomp") or depth > 1):
                kind = None  # "failed to meet", not "failed to make progress in talks"
            if kind and kind != "reported":
                found.add(kind)  # "failed to meet", "plans a visit"
            if token.lemma_ == "go" and token.tag_ == "VBG" and previous.dep_ == "xcomp":
                found.add("planned")  # "going to meet"
            if _yet_to(token, previous):
                found.add("negated")  # "has yet to endorse": not done so far
            prep_kind = cues.kind("prep", token.lower_) if previous.dep_ == "pobj" else None
            if prep_kind:
                found.add(prep_kind)  # "without a date for another meeting"
        if any(c.dep_ in ("parataxis", "advcl", "prep") and cues.kind("verb", c.lemma_) == "reported"
               for c in token.children):
            found.add("reported")  # "..., officials said", "according to diplomats"
        own = own_cues(token, cues, is_trigger)
        would = would or ("hypothetical" in own and any(c.lower_ in ("would", "'d") for c in token.children))
        conditional = conditional or any(
            (c.dep_ == "mark" and cues.kind("mark", c.lower_) == "hypothetical") or
            (c.dep_ == "advcl" and any(m.dep_ == "mark" and cues.kind("mark", m.lower_) == "hypothetical"
                                       for m in c.children))
            for c in token.children)
        found |= own
        previous = token
    if in_quote:
        found.add("reported")
    if future_time:
        found.add("planned")
    if would and not conditional and "reported" in found and "negated" not in found:
        # Future in the past of reported speech: "he said he would visit Seoul" is a plan.
        found.discard("hypothetical")
        found.add("planned")
    for kind in ORDER:
        if kind in found:
            return kind
    return "asserted"
