"""The tense of the clause a time expression sits in, read from the dependency parse.

past (VBD, did/was/had, present perfect), future (will/would/modals, "is going to", "plans to", "is to",
a `forward` verb such as "planned a rally on Saturday"), present (VBZ/VBP) or None when the expression hangs
on no verb.
"""

from __future__ import annotations

from spacy.tokens import Token

MAX_STEPS = 8


def clause_verb(token: Token) -> Token | None:
    """The nearest verb above `token` in the parse (the token itself if it is one)."""
    head = token
    for _ in range(MAX_STEPS):
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("aux", "auxpass"):
            return head
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def clause_tense(token: Token, future_words: dict[str, str], depth: int = 0) -> str | None:
    """past | future | present | None for the clause of `token`."""
    verb = clause_verb(token)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for aux in auxes:
        if aux.tag_ == "MD" and future_words.get(aux.lower_) in ("future", "present"):
            return future_words[aux.lower_]
    if any(a.lower_ == "to" for a in auxes):
        governor = verb.head
        if governor.i != verb.i and is_past_perfect(governor):
            return "past"  # "had been scheduled to expire Friday": a plan overtaken before publication
        if governor.i != verb.i and (future_words.get(governor.lower_) == "future"
                                     or future_words.get(governor.lemma_) in ("plan", "forward")
                                     or governor.lemma_ == "be" and governor.tag_ in ("VBZ", "VBP")):
            return "future"  # "is going to meet", "plans to meet", "is due to arrive", "is to resume"
        if governor.i != verb.i and depth < 2:
            return clause_tense(governor, future_words, depth + 1)  # "tried to call on Monday"
        return None
    if future_words.get(verb.lemma_) == "forward" and token.i > verb.i and verb.dep_ not in ("acl", "amod") \
            and (verb.tag_ != "VBN" or any(a.lemma_ == "have" for a in auxes)):
        return "future"  # "planned a rally on Saturday", "has scheduled a news conference Thursday"; not
        # "On Friday, the government planned to pay" nor "a service planned for Saturday was cancelled"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ in ("VBN", "VBG") and any(a.lemma_ == "have" for a in auxes):
        return "past"  # present perfect, also progressive: "have been searching since the Oct. 23 slaying"
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"  # "is meeting on Sunday": a plan
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def is_past_perfect(token: Token) -> bool:
    """Whether the clause of `token` is in the past perfect ("until Thursday, they had described him")."""
    verb = clause_verb(token)
    return verb is not None and verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in verb.children)
