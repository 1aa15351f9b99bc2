"""Mentions of entities in one Doc: names (spaCy NER, repaired by document consistency), role nominals
("the secretary of state", "North Korean officials") and pronouns, each with what clustering needs."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from functools import lru_cache

from spacy.attrs import IDX, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from ...lexicons import read_lines

from ...people.names import is_acronym, is_name, words as name_words
from ...people.things import is_place, is_thing, is_town
from ..base import in_boilerplate, text_of
from .dictionary import actor_dictionary
from .headlines import repair_headline_names, split_coordinations, title_case_lines
from .index import Overlaps, QuoteRegions, Words, sentence_index
from .lexicon import EntityLexicons, normalize
from .titles import Title, apposed_title, title_before

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
SUBJECT_POSITION_DEPS = frozenset({"nsubj", "nsubjpass"})  # a mention in subject position, active or passive
# Dependencies of a noun phrase's head (those of spaCy's English noun_chunks, plus possessors).
NP_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "appos", "attr", "ROOT", "obj", "iobj", "pobj",
                     "conj", "npadvmod", "poss"})
# A dateline's news agency ("WASHINGTON (AP) --") is a named organisation in the text, though no article text.
DATELINE, NONE = frozenset({"dateline"}), frozenset()
FUNCTION_TAGS = frozenset({"IN", "DT", "CC", "RB", "WDT", "WRB", "WP"})  # never the start of a name
COMMON_TAGS = frozenset({"NN", "NNS", "JJ"})  # a common word before a full name describes the person
NESTED = 2  # a titled name yields the title and the whole phrase as mentions besides the bare name
ACRONYM_SKIP = frozenset({"of", "and", "&", "the", "for", "de"})  # no letter of an acronym
MIN_SPELLED = 3  # an untagged acronym this long spelling an organisation named in full is that organisation
OPENING_QUOTE_POSSESSIVE = ("‘s", "‘S")  # "Donald Trump‘s": the wrong mark, still a possessive
SCHOOL_HEADS = frozenset({"University", "College"})  # "Bucknell University" is also "Bucknell"
AGENCY_CREDIT = re.compile(r"\(([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\)")  # "(UPI)", "(Kyodo)", "(Jiji Press)"


@dataclass
class Mention:
    start: int  # character span of the whole mention (title and affiliation included)
    end: int
    tok_start: int
    tok_end: int
    head: int  # token index of the head word
    kind: str  # name | nominal | pronoun
    type: str  # PERSON ORG GPE NORP FAC LOC
    sent: int
    words: tuple[str, ...] = ()  # the bare name's words (names), as written
    title: str | None = None
    title_words: tuple[str, ...] = ()  # lower case, for matching role nominals
    country: str | None = None  # a national clue seen with this mention (demonym, country, title)
    sector: str | None = None
    affiliation: int | None = None  # index of the mention of the organisation or country before a title
    gender: str | None = None  # m f n
    plural: bool = False
    person: int = 3
    definite: bool = False
    noun: str | None = None  # head lemma of a nominal
    subject: bool = False
    quote: int | None = None  # index of the direct-quote region the mention is in
    appos: int | None = None  # head token of a name mention this nominal is in apposition with
    possessor: int | None = None  # token index of a possessive pronoun before an apposed role ("his envoy")
    entity: int = -1
    extra: dict[str, object] = field(default_factory=dict)


class MentionFinder:
    """Finds the mentions of one Doc; built once per pipeline with the lexicons."""

    def __init__(self, lex: EntityLexicons) -> None:
        self.lex = lex

    def __call__(self, doc: Doc, words: Words, regions: QuoteRegions,
                 speaker_spans: list[tuple[int, int]]) -> list[Mention]:
        sents = sentence_index(doc)
        self.texts, self.lowers, self.lemmas = words.texts, words.lowers, words.lemmas
        ent_label = [""] * len(doc)
        ents = [e for e in doc.ents if e.label_ in NAME_LABELS
                and not in_boilerplate(doc, e.start_char, e.end_char, DATELINE if _agency(doc, e) else NONE)
                and not _common_noun(doc, e, self.lowers)]
        for e in ents:
            for i in range(e.start, e.end):
                ent_label[i] = e.label_
        names = self._names(doc, ents, ent_label, sents)
        taken = [False] * len(doc)
        for m in names:
            if m.kind == "name":
                for i in range(m.tok_start, m.tok_end):
                    taken[i] = True
        mentions = names + self._groups(doc, names, sents) + self._nominals(doc, names, taken, sents)
        mentions += self._pronouns(doc, taken, sents)
        mentions += self._speakers(doc, mentions, speaker_spans, sents)
        for m in mentions:
            if m.kind in ("nominal", "name") and m.type in ("PERSON", "ORG"):
                place = _place_after(doc[m.head], m.tok_end) or _place_before(doc[m.head], m.tok_start)
                if place is not None:
                    m.extra["place_span"] = place
                owner = next((c for c in doc[m.head].children if c.dep_ == "poss" and c.i < m.head), None)
                if owner is not None:  # "his cabinet", "Iran's foreign ministry": whose it is
                    m.extra["owner"] = owner.i
                    if owner.pos_ != "PRON":
                        m.extra["owner_named"] = True  # "China Eastern's board", not "its board"
        mentions.sort(key=lambda m: (m.start, -m.end))
        for m in mentions:
            m.quote = regions.at(m.start, m.end)
        return mentions

    # names -------------------------------------------------------------------------------------------

    def _names(self, doc: Doc, ents: list[Span], ent_label: list[str], sents: list[int]) -> list[Mention]:
        lex = self.lex
        laws = law_tokens(doc)
        spans = _with_hyphened_surnames(doc, [
            (s, e, lab) for s, e, lab in _cut_at_possessives(doc, split_coordinations(
                doc, _joined_at_ampersands(doc, [(e.start, e.end, e.label_) for e in ents])), lex.given_names)
            if lab not in ("PERSON", "ORG") or not any(laws[s:e])])
        spans = repair_headline_names(doc, self._strip_titles(doc, _cut_at_colons_and_handles(doc, spans)))
        spans = _group_organisations(doc, spans, ent_label, lex.title_heads)
        spans = _without_title_tails(doc, _joined_at_for_the(doc, spans), lex.title_words, lex.org_heads)
        spans = _with_name_suffixes(doc, spans, lex.name_suffixes)
        spans += self._titled_names(doc, spans, ent_label)
        spans = _people_the_article_calls_mr(doc, spans, lex)
        alone = lru_cache(maxsize=1)(lambda: _written_alone(self.texts))
        spans = [(s, e, "ORG" if lab == "PERSON" and e - s > 1 and doc[e - 1].lower_.strip(".") in lex.org_heads
                  else "PERSON" if _person_taken_for_a_place(doc, s, e, lab, lex, alone) else lab)
                 for s, e, lab in spans]  # "Hamilton Steelworks", "Ford Motor Company"; "Bradley Podliska" (FAC)
        person_words = {doc[i].lower_ for s, e, lab in spans if lab == "PERSON"
                        for i in (s, e - 3 if e - s > 2 and doc[e - 2].text == "," else e - 1)  # "King, Jr."
                        if doc[i].text[:1].isupper() and (i > s or e - s == 1 or _given_name(doc[i].text, lex))}
        repaired: list[tuple[int, int, str]] = []
        doubles = _double_surnames(doc, spans, lex)
        for s, e, lab in spans:
            parts = _hyphen_parts(doc, s, e)
            if len(parts) > 1 and all(doc[a:b].text.lower() in person_words or doc[b - 1].lower_ in person_words
                                      for a, b in parts) \
                    and (doc[parts[-2][1] - 1].lower_, doc[parts[-1][0]].lower_) not in doubles \
                    and not _double_given_name(doc, parts, lex):
                repaired += [(a, b, "PERSON") for a, b in parts]
                continue
            text = doc[s:e].text.lower()
            if lab in ("ORG", "GPE", "NORP", "LOC", "FAC") and e - s == 1 and text in person_words \
                    and (lex.country_of(text) is None or lab == "NORP" and _named_alone(doc[s])) \
                    and text not in lex.organizations:
                lab = "PERSON"  # "Rubio" (FAC) beside "Marco Rubio"; "Cuban said" beside "Mark Cuban"
            repaired.append((s, e, lab))
        covered = list(laws)
        for s, e, _ in repaired:
            for i in range(s, e):
                covered[i] = True
        repaired += _missed_repeats(doc, self.texts, repaired, covered, person_words, lex.org_suffixes)
        repaired = _transcript_speakers(doc, repaired, person_words, lex)
        repaired += _dateline_agencies(doc, repaired)
        departments = _departments_named_alone(doc, repaired, covered, lex.title_words)
        repaired += [span for span in departments if span not in repaired]
        repaired = _leaders_of_bodies(doc, repaired, person_words, lex)
        surnames = {doc[e - 1].text for s, e, lab in repaired if lab == "PERSON" and e - s > 1}
        schools = {doc[s].text for s, e, lab in repaired  # "Stanford" stays Leland Stanford where he is named
                   if lab == "ORG" and e - s == 2 and doc[e - 1].text in SCHOOL_HEADS and doc[s].text not in surnames}
        repaired = [(s, e, "ORG" if lab == "PERSON" and e - s == 1 and (
                         doc[s].text in lex.known_org_names or doc[s].text in schools) else lab)
                    for s, e, lab in repaired]  # "Twitter", "Bucknell" (of "Bucknell University") tagged as a person
        repaired += _known_organisations(doc, repaired, lex.known_org_names)
        repaired = _groups_the_dictionaries_know(doc, _acronyms_of_organisations(doc, self.texts, repaired, lex), lex)
        repaired = _people_named_after_a_person_noun(doc, repaired, lex)
        repaired = [(s, e, lab) for s, e, lab in repaired if not (lab == "PERSON" and _names_a_family(doc, e))]
        handles = _handles_of_people(doc, repaired, lex)
        held = {(s, e) for s, e, _ in handles}
        repaired = [span for span in repaired if span[:2] not in held] + list(handles)
        repaired.sort()
        short_forms = {doc[s:e - 1].text for s, e, lab in repaired  # "First Security" of "First Security Corp."
                       if lab == "ORG" and e - s > 2 and doc[e - 1].lower_.strip(".") in lex.org_suffixes}
        out: list[Mention] = []
        for s, e, lab in repaired:
            while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct):
                e -= 1
            first = s
            while first < e - 1 and doc[first].lower_ in DEFINITE:
                first += 1
            if e <= s or in_boilerplate(doc, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]),
                                        DATELINE if lab == "ORG" else NONE):
                continue
            if lab != "PERSON" and all(t.lower_ in lex.title_words for t in doc[first:e]) \
                    and (s, e, lab) not in departments and doc[first:e].text not in short_forms:
                continue  # "State" in "Secretary of State"; not "First Security" of "First Security Corp."
            if lab == "ORG" and _is_product(doc, first, e):
                continue  # "Boeing 747", "Airbus A380": a product, not the company
            if lab in ("PERSON", "ORG") and _part_of_a_thing(doc, first, e):
                continue  # "Super" of "Super Tuesday", "Start" of "Head Start"
            m = self._mention(doc, s, e, first, lab, sents)
            if (s, e, lab) in handles:
                m.words = handles[(s, e, lab)]  # "@JebBush" is named as Jeb Bush
            if lab == "PERSON":
                out += self._attach_title(doc, m, ent_label, sents)
            elif lab == "ORG":
                out += self._descriptor(doc, m, ent_label, sents)
            if lab == "PERSON":
                out += self._apposition(doc, m, sents)
            elif lab in ("NORP", "GPE"):
                m.country = lex.country_of(doc[first:e].text)
                m.plural = lab == "NORP" and doc[e - 1].tag_ in ("NNPS", "NNS")
            out.append(m)
        _share_surnames(doc, out, lex)
        return out

    def _strip_titles(self, doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """PERSON spans that swallowed a leading title ("Chairman Kim"), a function word of a headline ("Beneath
        Clinton's wins") or a common noun before a full name ("Billionaire Donald Trump") keep only the name."""
        out = []
        surnames = {doc[e - 1].lower_ for s, e, lab in spans if lab == "PERSON" and e - s > 1}
        for s, e, lab in spans:
            if lab == "ORG" and self._ends_in_rank(doc, e):
                continue  # "Navy Capt. Jeff Davis", "Army Gen. Mark Milley": a rank, no organisation's name
            if lab == "ORG" and e - s > 1 and doc[s].lower_ in self.lex.title_words and doc[e - 1].lower_ in surnames:
                lab = "PERSON"  # "AG Holbrook" (a company's "AG" to the tagger) beside "Dana Holbrook"
            if lab == "PERSON":
                while s < e - 1 and (doc[s].lower_ in self.lex.title_words or doc[s].tag_ in FUNCTION_TAGS
                                     or doc[s].is_space
                                     or doc[s].tag_ in COMMON_TAGS and e - s > 2 and doc[e - 1].tag_ == "NNP"):
                    s += 1
            out.append((s, e, lab))
        return out

    def _ends_in_rank(self, doc: Doc, e: int) -> bool:
        """Whether a name ends in an abbreviated title ("Capt.", its dot left out of the name or not)."""
        last = doc[e - 1].lower_
        if not last.endswith("."):
            last = last + "." if e < len(doc) and doc[e].text == "." else ""
        return len(last) > 2 and last in self.lex.title_words

    def _titled_names(self, doc: Doc, spans: list[tuple[int, int, str]],
                      ent_label: list[str]) -> list[tuple[int, int, str]]:
        """Capitalised words after a title that spaCy left untagged ("Minister ... Choe Son Hui"); in a title-case
        headline never a run of words around a name found there, unless it opens with a given name ("Chief Praises
        Marco Rubio Donor" names Marco Rubio, as the repaired headline says; "Fed Chair Janet Yellen" her)."""
        lex = self.lex
        starts = {s: (e, lab) for s, e, lab in spans}
        lines = title_case_lines(text_of(doc))
        found = []
        n = len(doc)
        lowers = self.lowers
        i = 0
        while i < n:
            if lowers[i] not in lex.title_words:
                i += 1
                continue
            tok = doc[i]
            if ent_label[i] not in ("", "PERSON") or not tok.text[:1].isupper():
                i += 1
                continue
            j = i + 1
            while j < n and (doc[j].lower_ in lex.title_words or doc[j].lower_ in ("of", "for", "-")):
                j += 1
            k = j
            # never over a function word: "Chief Justice Anne Keller Did Not Back The Plan" in a title-case
            # headline names "Anne Keller"
            while k < n and doc[k].text[:1].isupper() and doc[k].is_alpha and doc[k].lower_ not in lex.title_words \
                    and ent_label[k] in ("", "PERSON") and not doc[k].is_sent_start and not doc[k].is_stop:
                k += 1
            if k > j and doc[j - 1].lower_ not in ("of", "for", "-") and j not in starts \
                    and lex.title_info([t.lower_ for t in doc[i:j]]) is not None \
                    and not (any(a <= doc[j].idx < b for a, b in lines) and doc[j].lower_ not in lex.given_names
                             and any(s < k and j < e for s, e, _ in spans)):
                found.append((j, k, "PERSON"))
            i = max(k, i + 1)
        return found

    def _groups(self, doc: Doc, names: list[Mention], sents: list[int]) -> list[Mention]:
        """Coordinated names ("Boeing and Lockheed Martin") as one plural mention: a group that "they"
        may refer to."""
        by_head = {m.head: m for m in names if m.kind == "name" and m.type in ("PERSON", "ORG")}
        out = []
        for m in names:
            if m.kind != "name" or m.head not in by_head or doc[m.head].dep_ == "conj":
                continue
            last = m
            for child in doc[m.head].children:
                if child.dep_ == "conj" and child.i in by_head:
                    last = by_head[child.i]
                    for grand in child.children:  # "A, B and C"
                        if grand.dep_ == "conj" and grand.i in by_head:
                            last = by_head[grand.i]
            if last is m or last.end <= m.end:
                continue
            g = Mention(start=m.start, end=last.end, tok_start=m.tok_start, tok_end=last.tok_end, head=m.head,
                        kind="nominal", type=m.type, sent=m.sent, plural=True, subject=m.subject)
            g.title_words = tuple(t.lower_ for t in doc[m.tok_start:last.tok_end])
            g.extra["group"] = True
            out.append(g)
        return out

    def _apposition(self, doc: Doc, m: Mention, sents: list[int]) -> list[Mention]:
        """The name with its apposition ("NPD Group, a market research firm") as one more mention."""
        head = doc[m.head]
        for child in head.children:
            if child.dep_ != "appos" or child.i < m.tok_end:
                continue
            low = child.lemma_.lower()
            if low not in self.lex.nouns and low not in self.lex.title_words:
                continue
            end = child.i
            for t in child.subtree:
                if t.i > end and not _in_conj_of(t, child):
                    end = t.i
            while end > child.i and (doc[end].is_punct or doc[end].dep_ == "cc"):
                end -= 1
            return [Mention(start=m.start, end=doc[end].idx + len(doc[end]), tok_start=m.tok_start, tok_end=end + 1,
                            head=m.head, kind="nominal", type=m.type, sent=m.sent, appos=m.head, noun=low,
                            extra={"whole": True})]
        return []

    def _descriptor(self, doc: Doc, m: Mention, ent_label: list[str], sents: list[int]) -> list[Mention]:
        """A common-noun descriptor right before an organisation's name ("German airline Lufthansa",
        "U.S. electronics retailer Best Buy"): a mention of the same organisation, with its country."""
        j = m.tok_start - 1
        if j < 0:
            return []
        info = self.lex.nouns.get(doc[j].lemma_.lower())
        if info is None or info.type != "ORG" or not doc[j].is_lower:
            return []
        a = j
        while a > 0 and (ent_label[a - 1] in ("NORP", "GPE") or doc[a - 1].pos_ in ("ADJ", "NOUN") and doc[a - 1].is_lower):
            a -= 1
        d = Mention(start=doc[a].idx, end=doc[j].idx + len(doc[j]), tok_start=a, tok_end=j + 1, head=j,
                    kind="nominal", type="ORG", sent=sents[j], appos=m.head, noun=doc[j].lemma_.lower(),
                    sector=info.sector)
        for k in range(a, j):
            if ent_label[k] in ("NORP", "GPE") and (k == a or ent_label[k - 1] != ent_label[k]):
                end = k + 1
                while end < j and ent_label[end] == ent_label[k]:
                    end += 1
                d.country = self.lex.country_of(doc[k:end].text) or d.country
        m.country = m.country or d.country
        return [d]

    def _mention(self, doc: Doc, s: int, e: int, first: int, lab: str, sents: list[int]) -> Mention:
        head = doc[s:e].root
        words = [t.text for t in doc[first:e]]
        end = doc[e - 1].idx + len(doc[e - 1])
        if len(words[-1]) > 3 and words[-1].endswith(OPENING_QUOTE_POSSESSIVE):  # "Trump‘s": a possessive typed
            words[-1] = words[-1][:-2]                                             # with an opening quotation mark
            end -= 2
        return Mention(start=doc[s].idx, end=end, tok_start=s, tok_end=e,
                       head=head.i, kind="name", type=lab, sent=sents[head.i],
                       words=tuple(words), subject=head.dep_ in SUBJECT_POSITION_DEPS)

    def _attach_title(self, doc: Doc, m: Mention, ent_label: list[str], sents: list[int]) -> list[Mention]:
        """Titles and appositions of a person's name; returns the title's own mentions (same entity)."""
        lex = self.lex
        extra: list[Mention] = []
        title: Title | None = title_before(doc, m.tok_start, lex, ent_label)
        if title is not None:
            m.title = title.text
            m.title_words = tuple(t.lower_ for t in doc[title.start:title.end])
            m.extra["title_chars"] = (doc[title.start].idx, doc[title.end - 1].idx + len(doc[title.end - 1]))
            start_tok = title.start
            if title.affiliation is not None:
                a, b = title.affiliation
                start_tok = a
                m.extra["affiliation_span"] = (a, b)
                m.country = lex.country_of(doc[a:b].text)
            # The title and the whole phrase are mentions of the person too ("Apple CEO Steve Jobs":
            # "CEO", "Steve Jobs" and the whole), as MEANTIME and OntoNotes-style annotation nest them.
            courtesy = all(w in lex.honorifics for w in m.title_words)
            m.extra["courtesy"] = courtesy  # "Mr." gives a gender, not a role
            for a, b in ((title.start, title.end), (start_tok, m.tok_end))[:NESTED]:
                if (a, b) != (m.tok_start, m.tok_end) and not (courtesy and (a, b) == (title.start, title.end)):
                    extra.append(Mention(start=doc[a].idx, end=doc[b - 1].idx + len(doc[b - 1]), tok_start=a,
                                         tok_end=b, head=b - 1, kind="nominal", type="PERSON", sent=sents[b - 1],
                                         appos=m.head, noun=doc[b - 1].lower_))
            if not NESTED:
                m.tok_start = start_tok
                m.start = doc[start_tok].idx
        apposed = apposed_title(doc[m.head], lex)
        if apposed is not None:
            text, root = apposed
            m.extra["appos_span"] = (root.left_edge.i, root.right_edge.i + 1)
            if root.lower_ in lex.title_words or root.lemma_.lower() in lex.title_words:
                m.extra["appos_title"] = text
            poss = [t for t in root.children if t.tag_ == "PRP$"]
            if poss:
                m.possessor = poss[0].i
        info = lex.title_info(list(m.title_words)) if m.title_words else None
        if info is not None:
            m.gender = info.gender
            m.sector = info.sector
            if m.country is None:
                m.country = info.country
        for x in extra:
            x.country, x.sector = m.country, m.sector
        if m.title is None and "appos_title" in m.extra:
            words = str(m.extra["appos_title"]).lower().split()
            info = lex.title_info(words)
            if info is not None:
                m.sector = info.sector
                m.gender = info.gender
        return extra

    # role nominals -----------------------------------------------------------------------------------

    def _nominals(self, doc: Doc, names: list[Mention], taken: list[bool], sents: list[int]) -> list[Mention]:
        lex = self.lex
        out: list[Mention] = []
        name_at_head = {m.head for m in names if m.type in ("PERSON", "ORG")}
        if not doc.has_annotation("DEP"):
            return out
        for chunk in self._phrases(doc):
            root = chunk.root
            lemma = root.lemma_.lower()
            info = lex.nouns.get(lemma) or lex.nouns.get(root.lower_)
            if info is None or taken[root.i] or root.pos_ not in ("NOUN", "PROPN"):
                continue
            if lemma in activity_nouns() and any(c.i < root.i and not (
                    c.dep_ == "det" or c.dep_ == "poss" or c.dep_ == "compound" and c.pos_ == "PROPN" or c.is_punct)
                    for c in root.children):
                continue  # "a bombing campaign", "the presidential campaign": an activity, not the Clinton campaign
            if in_boilerplate(doc, chunk.start_char, chunk.end_char):
                continue
            s, e = chunk.start, chunk.end
            while s < root.i and doc[s].dep_ in APPROXIMATOR_DEPS and doc[s].head.like_num and doc[s].head.i > s:
                s += 1  # "up to 840 people", "about 500 people": the people are "840 people"
            # "the secretary of state": a known title that runs over "of"
            if e + 1 < len(doc) and doc[e].lower_ == "of":
                words = [lemma, "of", doc[e + 1].lower_]
                if " ".join(words) in lex.titles:
                    e += 2
            while e > s + 1 and (doc[e - 1].is_punct or doc[e - 1].tag_ == "POS"):
                e -= 1
            s = max([s] + [i + 1 for i in range(s, root.i) if "\n" in doc[i].text + doc[i].whitespace_])
            if any("\n" in doc[i].text + doc[i].whitespace_ for i in range(root.i, e - 1)):
                e = next(i + 1 for i in range(root.i, e - 1) if "\n" in doc[i].text + doc[i].whitespace_)
            first = doc[s].lower_  # a nominal never runs over a line break (a headline above, a caption below)
            m = Mention(start=doc[s].idx, end=doc[e - 1].idx + len(doc[e - 1]), tok_start=s, tok_end=e,
                        head=root.i, kind="nominal", type=info.type, sent=sents[root.i], sector=info.sector,
                        noun=lemma, plural=root.tag_ in ("NNS", "NNPS") or lemma in ("people", "police", "staff"),
                        definite=first in DEFINITE or doc[s].tag_ == "PRP$" or any(t.tag_ == "POS" for t in doc[s:e]),
                        subject=root.dep_ in SUBJECT_POSITION_DEPS)
            m.title_words = tuple(t.lower_ for t in doc[s:e] if t.lower_ not in DEFINITE and t.tag_ != "PRP$")
            info_t = lex.title_info([lemma]) or lex.title_info([root.lower_])
            m.gender = info.gender or (info_t.gender if info_t is not None else None)
            for k in range(s, root.i):  # a demonym or country before the noun, one or more words ("North Korean
                # officials"); never a word of a longer name ("Ireland" in "Northern Ireland's biggest party")
                if doc[k].ent_iob_ == "B" and doc[k].ent_type_ in ("NORP", "GPE"):
                    end = k + 1
                    while end < root.i and doc[end].ent_iob_ == "I":
                        end += 1
                    m.country = lex.country_of(doc[k:end].text) or m.country
            for child in root.children:  # "his likely North Korean counterpart, ... Choe Son Hui"
                if child.dep_ == "appos" and child.i in name_at_head:
                    m.appos = child.i
            if root.dep_ == "appos" and root.head.i in name_at_head:
                m.appos = root.head.i
            out.append(m)
        return out

    def _phrases(self, doc: Doc) -> list[Span]:
        """Noun phrases headed by a person or organisation noun, from the head's left edge to the head
        (as spaCy's noun chunks are, but only where the lexicon has the head, and possessors too:
        "the company's" in "the company's annual conference")."""
        out = []
        nouns = self.lex.nouns
        for i, lemma in enumerate(self.lemmas):
            if lemma not in nouns and self.lowers[i] not in nouns:
                continue
            tok = doc[i]
            if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in NP_DEPS:
                continue
            start = i
            for left in tok.lefts:  # left modifiers only: determiners, adjectives, compounds, possessors
                start = min(start, left.left_edge.i)
                break
            while start < i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj", "prep")):
                start += 1
            out.append(doc[start:i + 1])
        return out

    # pronouns ----------------------------------------------------------------------------------------

    def _pronouns(self, doc: Doc, taken: list[bool], sents: list[int]) -> list[Mention]:
        out = []
        pronouns = self.lex.pronouns
        for i, low in enumerate(self.lowers):
            info = pronouns.get(low)
            if info is None or taken[i] or self.texts[i] == "US":
                continue
            tok = doc[i]
            if tok.pos_ not in ("PRON", "DET"):
                continue
            if tok.dep_ == "expl" or tok.pos_ == "DET" and tok.tag_ != "PRP$":
                continue
            if in_boilerplate(doc, tok.idx, tok.idx + len(tok)):
                continue
            out.append(Mention(start=tok.idx, end=tok.idx + len(tok), tok_start=tok.i, tok_end=tok.i + 1,
                               head=tok.i, kind="pronoun", type="PERSON", sent=sents[tok.i], gender=info.gender,
                               plural=info.plural, person=info.person, subject=tok.dep_ in SUBJECT_POSITION_DEPS))
        return out

    # quote speakers that are no mention yet ----------------------------------------------------------

    def _speakers(self, doc: Doc, mentions: list[Mention], spans: list[tuple[int, int]],
                  sents: list[int]) -> list[Mention]:
        out: list[Mention] = []
        overlaps = Overlaps(mentions)
        for start, end in spans:
            if overlaps(start, end) or any(m.start < end and start < m.end for m in out):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            info = self.lex.pronouns.get(root.lower_) if len(span) == 1 else None
            kind = "pronoun" if info else ("name" if root.pos_ == "PROPN" else "nominal")
            lemma = root.lemma_.lower()
            if kind == "nominal" and lemma not in self.lex.nouns and lemma not in self.lex.title_words:
                continue  # "reports said", "the plane": not a person or an organisation
            m = Mention(start=start, end=end, tok_start=span.start, tok_end=span.end, head=root.i, kind=kind,
                        type="PERSON", sent=sents[root.i], subject=True, noun=root.lemma_.lower(),
                        words=tuple(t.text for t in span if t.lower_ not in DEFINITE),
                        definite=span[0].lower_ in DEFINITE)
            if info is not None:
                m.gender, m.plural, m.person = info.gender, info.plural, info.person
            if kind == "nominal":
                m.title_words = tuple(t.lower_ for t in span if t.lower_ not in DEFINITE)
            out.append(m)
        return out


PLACE_PREPS = frozenset({"of", "in", "from"})


@lru_cache(maxsize=1)
def family_nouns() -> frozenset[str]:
    """Nouns that make the name before them a family (lexicons/entity_family_nouns.txt)."""
    return frozenset(read_lines("entity_family_nouns.txt"))


def _names_a_family(doc: Doc, end: int) -> bool:
    """A name before a family noun: "the Brandt family" names no one person."""
    return end < len(doc) and doc[end].lower_ in family_nouns()


PLACE_OR_PEOPLE_TYPES = ("GPE", "LOC", "FAC", "NORP")  # what the tagger calls some people


def _person_taken_for_a_place(doc: Doc, s: int, e: int, lab: str, lex: EntityLexicons, alone: Callable[[], set[str]]
                              ) -> bool:
    """A known given name and one or two proper nouns the tagger read as a place, a building or a people
    ("Bradley Podliska" FAC, "Beverly Bond" GPE), which no gazetteer knows as a place, and whose last word the
    article also writes alone, as a surname ("Podliska says"; not "Madison Square Garden", "Pearl Harbor").
    `alone()`: the capitalised words the article writes after no capitalised word."""
    if lab not in PLACE_OR_PEOPLE_TYPES or not 2 <= e - s <= 3 or doc[s].lower_ not in lex.given_names:
        return False
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha for t in doc[s:e]):
        return False
    if doc[e - 1].text not in alone():
        return False
    text, last = doc[s:e].text, doc[e - 1].lower_
    return not (is_place(text) or is_town(text) or is_place(doc[e - 1].text) or lex.country_of(last)
                or last in place_heads())  # "Jefferson County", "Rose Bowl"


def _written_alone(texts: list[str]) -> set[str]:
    """Capitalised words written after a word that is not capitalised: surnames standing alone ("Podliska says")."""
    return {t for prev, t in zip([""] + texts, texts) if t[:1].isupper() and not prev[:1].isupper()}


@lru_cache(maxsize=1)
def place_heads() -> frozenset[str]:
    """Last words that make a name a place, a building or a thing (lexicons/place_division_words.txt,
    entity_venue_heads.txt, people_thing_heads.txt)."""
    return frozenset(read_lines("place_division_words.txt")) | venue_heads() | name_words().thing_heads


@lru_cache(maxsize=1)
def venue_heads() -> frozenset[str]:
    """Last words of a building's name (lexicons/entity_venue_heads.txt)."""
    return frozenset(read_lines("entity_venue_heads.txt"))


def _named_alone(tok: Token) -> bool:
    """A nationality's word standing as a proper noun by itself ("Cuban said", "told Cuban"), not describing a
    noun ("Cuban officials") nor one of a people ("a Cuban")."""
    return tok.tag_ == "NNP" and tok.dep_ not in ("amod", "compound", "nmod") and not any(
        c.dep_ == "det" for c in tok.children)


def _given_name(word: str, lex: EntityLexicons) -> bool:
    """Whether the first word of a person's name can stand alone for them: a known given name, or any word but a
    place's name ("Miami" of "the Miami Brandt family" is where they live)."""
    return word.lower() in lex.given_names or not is_place(word)


@lru_cache(maxsize=1)
def activity_nouns() -> frozenset[str]:
    """Nouns naming an organisation only without a describing modifier (lexicons/entity_activity_nouns.txt)."""
    return frozenset(normalize(w) for w in read_lines("entity_activity_nouns.txt"))


def _place_before(head: Token, start: int) -> tuple[int, int] | None:
    """The token span of a place naming a person or body from inside its description ("the independent Vermont
    senator", "a Texas judge", "the Ohio Democratic Party"): a place name compounding the head noun."""
    for child in head.children:
        if start <= child.i < head.i and child.dep_ == "compound" and child.ent_type_ == "GPE":
            first = child.i
            while first > start and head.doc[first].ent_iob_ == "I":
                first -= 1
            return first, child.i + 1
    return None


def _place_after(head: Token, end: int) -> tuple[int, int] | None:
    """The token span of a place named right after a person or body by "of", "in" or "from" ("the government of
    Peru", "officials in Moscow", "Senator Ana Ruiz of Ohio", "the ministry of defence of Japan"): whom it
    belongs to or acts for."""
    token = head
    for _ in range(2):
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS and c.i >= end), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None:
            return None
        if pobj.ent_type_ == "GPE":
            start = end = pobj.i
            while start > 0 and pobj.doc[start - 1].ent_iob_ == "I" and pobj.doc[start].ent_iob_ == "I":
                start -= 1
            while end + 1 < len(pobj.doc) and pobj.doc[end + 1].ent_iob_ == "I":
                end += 1
            return start, end + 1
        if prep.lower_ != "of":
            return None
        token = pobj  # "the ministry of defence of Japan"
    return None


def _missed_repeats(doc: Doc, texts: list[str], spans: list[tuple[int, int, str]], covered: list[bool],
                    person_words: set[str], legal_forms: frozenset[str] = frozenset()
                    ) -> list[tuple[int, int, str]]:
    """Document consistency: a name tagged once is that entity wherever else it occurs untagged (a company named
    with its legal form also without it: "Harbor Savings" after "Harbor Savings Corp."), and a person's surname
    that spaCy missed ("Trump-Kim meeting") is that person, unless more of a name follows it ("Trump Tower", "the
    Cedar Ridge Golf Club" after "Walter Rand Golf")."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    lower_words = {t for t in texts if t.islower()}
    for s, e, lab in spans:
        if lab in ("PERSON", "ORG") and doc[s].text[:1].isupper():
            words = tuple(t.text for t in doc[s:e])
            forms = [words]
            stem = words[:-1] if words[-1] == "." else words
            if lab == "ORG" and len(stem) > 2 and stem[-1].lower().strip(".") in legal_forms:
                forms.append(stem[:-1])  # two words or more: "Harbor" alone may be the harbour
            if lab == "ORG" and len(words) == 2 and words[1] in SCHOOL_HEADS and words[0].isalpha() \
                    and not is_place(words[0]) and words[0].lower() not in lower_words:
                forms.append(words[:1])  # "Bucknell" of "Bucknell University": never "Boston", "Liberty"
            for form in forms:
                bucket = by_first.setdefault(form[0], [])
                if (form, lab) not in bucket:
                    bucket.append((form, lab))
    for bucket in by_first.values():
        bucket.sort(key=lambda x: -len(x[0]))
    found = []
    n = len(doc)
    lines = title_case_lines(text_of(doc)) if person_words else []
    i = 0
    while i < n:
        if covered[i] or texts[i] not in by_first and texts[i].lower() not in person_words:
            i += 1
            continue
        tok = doc[i]
        hit = None
        for words, lab in by_first.get(tok.text, ()):
            k = len(words)
            if i + k <= n and all(texts[i + j] == words[j] and not covered[i + j] for j in range(k)):
                hit = (i, i + k, lab)
                break
        if hit is None and tok.lower_ in person_words and tok.text[:1].isupper() \
                and (tok.pos_ == "PROPN" or _capital_inside_a_sentence(doc, i, lines)) \
                and not (i + 1 < n and doc[i + 1].pos_ == "PROPN" and doc[i + 1].text[:1].isupper()):
            hit = (i, i + 1, "PERSON")  # not the inside of a longer name: "Golf" of "the Cedar Ridge Golf Club"
        if hit is not None:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    return found


def _people_the_article_calls_mr(doc: Doc, spans: list[tuple[int, int, str]], lex: EntityLexicons
                                 ) -> list[tuple[int, int, str]]:
    """A name of two to four words the tagger took for an organisation is a person's when the article writes its
    last word after a courtesy title ("Anand D’Mello" beside "Mr. D’Mello"), unless a word of it makes it a body
    ("Hadley Steel Corp." beside "Mr. Corp" never)."""
    called = {doc[i + 1].lower_ for i in range(len(doc) - 1)
              if doc[i].lower_ in lex.honorifics and doc[i + 1].text[:1].isupper()}
    if not called:
        return spans
    out = []
    for s, e, lab in spans:
        words = [t for t in doc[s:e] if t.lower_ not in DEFINITE]
        if lab == "ORG" and 2 <= len(words) <= 4 and words[-1].lower_ in called \
                and all(t.text[:1].isupper() for t in words) \
                and not any(t.lower_.strip(".") in lex.org_heads or t.lower_.strip(".") in lex.org_suffixes
                            for t in words):
            lab = "PERSON"
        out.append((s, e, lab))
    return out


NEWLINE = re.compile("\n")
HANDLE = re.compile(r"@([A-Za-z][A-Za-z0-9_]{2,30})$")
HANDLE_PREFIXES = ("real", "gov", "sen", "rep", "mayor", "the")  # "@realDonaldTrump", "@GovChristie"


def _handles_of_people(doc: Doc, spans: list[tuple[int, int, str]], lex: EntityLexicons
                       ) -> dict[tuple[int, int, str], tuple[str, ...]]:
    """A social-media handle written as a person's name the article gives in full ("@JebBush", "@realDonaldTrump",
    "@LindseyGrahamSC", "Follow Dana Ruiz on Twitter @danaruizDC") is a mention of that person: span -> the name's
    words."""
    if "@" not in text_of(doc):
        return {}
    names: dict[str, tuple[str, ...]] = {}
    for s, e, lab in spans:
        words = tuple(t.text for t in doc[s:e] if t.lower_.strip(".") not in lex.title_words)
        if lab == "PERSON" and len(words) >= 2:
            names.setdefault("".join(w for w in normalize(" ".join((words[0], words[-1]))) if w.isalnum()), words)
    taken = {i for s, e, _ in spans if e - s > 1 for i in range(s, e)}  # a handle tagged alone is no name of its own
    found = {}
    for t in doc:
        m = HANDLE.match(t.text)
        if m is None or t.i in taken or not names:
            continue
        key = m.group(1).lower().replace("_", "")
        for prefix in ("", *HANDLE_PREFIXES):
            if not key.startswith(prefix):
                continue
            rest = key[len(prefix):]
            words = next((w for n, w in names.items() if rest.startswith(n) and (
                rest == n or len(rest) - len(n) <= 3)), None)  # "LindseyGrahamSC", "danaruizDC"
            if words is not None:
                found[(t.i, t.i + 1, "PERSON")] = words
                break
    return found


SPEAKER_LABEL_WORDS = 3  # "JAKE TAPPER:", "SEN. LINDSEY GRAHAM:" at most; longer capitals are a heading


def _transcript_speakers(doc: Doc, spans: list[tuple[int, int, str]], person_words: set[str], lex: EntityLexicons
                         ) -> list[tuple[int, int, str]]:
    """A transcript's speaker label: a line opening with a name in capitals and a colon ("TAPPER: And you ...",
    "JAKE TAPPER: Welcome back ..."), a name the article gives a person elsewhere or a given name and
    surname (whose surname then labels too); never a role ("ANNOUNCER:", "Q:"). The label replaces a person's
    name the tagger found inside it ("KATE" of "KATE WHITLOCK")."""
    other = {i for s, e, lab in spans if lab != "PERSON" for i in range(s, e)}
    labels = []
    n = len(doc)
    for i in line_starts(doc):
        j = i
        while j < n and j - i < SPEAKER_LABEL_WORDS and doc[j].is_upper and doc[j].text.strip(".").isalpha() \
                and len(doc[j].text.strip(".")) > 1 and j not in other:
            j += 1
        if j > i and j < n and doc[j].text == ":":
            first = next((k for k in range(i, j - 1) if doc[k].lower_.strip(".") not in lex.title_words), j - 1)
            labels.append((first, j))
    known = person_words | {doc[j - 1].lower_ for i, j in labels
                            if j - i >= 2 and doc[i].lower_ in lex.given_names}
    found = [(i, j) for i, j in labels if doc[j - 1].lower_ in known]
    if not found:
        return spans
    taken = {k for i, j in found for k in range(i, j)}
    kept = [(s, e, lab) for s, e, lab in spans if not set(range(s, e)) <= taken]
    held = {k for s, e, _ in kept for k in range(s, e)}
    return kept + [(i, j, "PERSON") for i, j in found if not held & set(range(i, j))]


def opens_line(doc: Doc, i: int) -> bool:
    """Whether token `i` is the first of its line."""
    return i == 0 or "\n" in doc[i - 1].text + doc[i - 1].whitespace_


def line_starts(doc: Doc) -> list[int]:
    """The tokens that open a line (`opens_line`), found from the text's line breaks, not token by token: the
    token after a break is the first whose start lies past it."""
    if not len(doc):
        return []
    starts = doc.to_array(IDX).tolist()
    after_breaks = (bisect_right(starts, m.start()) for m in NEWLINE.finditer(text_of(doc)))
    return sorted({0} | {i for i in after_breaks if i < len(doc)})


def _dateline_agencies(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A dateline's credit in parentheses is a news agency, tagged or not ("TOLEDO, Ohio, Feb. 2 (UPI) —", "TOKYO
    (Kyodo) --")."""
    taken = {i for s, e, _ in spans for i in range(s, e)}
    found = []
    for line in doc._.attache_boilerplate or ():
        if line.kind != "dateline":
            continue
        for m in AGENCY_CREDIT.finditer(text_of(doc), line.start, line.end):
            span = doc.char_span(m.start(1), m.end(1))
            if span is not None and not any(i in taken for i in range(span.start, span.end)):
                found.append((span.start, span.end, "ORG"))
    return found


def _departments_named_alone(doc: Doc, spans: list[tuple[int, int, str]], covered: list[bool],
                             title_words: frozenset[str]) -> list[tuple[int, int, str]]:
    """A government department the article names ("the State Department", "the Department of Justice") is the
    one meant by its one word alone, tagged or not, where nothing makes that word a title or a place ("when she
    was at State", "State's lawyers"; never "Secretary of State", "the State of Ohio" or "State Sen. Ruiz")."""
    words = set()
    for s, e, lab in spans:
        toks = [t.text for t in doc[s:e] if t.lower_ != "the"]
        if lab == "ORG" and len(toks) == 2 and toks[1] == "Department" and toks[0].istitle():
            words.add(toks[0])
        elif lab == "ORG" and len(toks) == 3 and toks[:2] == ["Department", "of"] and toks[2].istitle():
            words.add(toks[2])
    alone = {(s, e, lab) for s, e, lab in spans if e - s == 1 and lab == "ORG"}
    found = []
    for i, tok in enumerate(doc):
        if tok.text not in words or (i, i + 1, "ORG") not in alone and (
                covered[i] or any(s <= i < e for s, e, _ in spans)):
            continue
        before = doc[i - 1].lower_ if i else ""
        after = doc[i + 1] if i + 1 < len(doc) else None
        if before in ("of", "the", "a", "per") or before in title_words or i and doc[i - 1].is_alpha \
                and doc[i - 1].text[:1].isupper() and not doc[i].is_sent_start \
                or after is not None and (after.text[:1].isupper() or after.lower_ == "of"):
            continue
        found.append((i, i + 1, "ORG"))
    return found


def _capital_inside_a_sentence(doc: Doc, i: int, lines: list[tuple[int, int]]) -> bool:
    """Whether token `i` is capitalised where only a name would be: inside a sentence of the body, not at its start
    nor in a title-case line (a surname that is a common word: "..., Will wrote" of a columnist named Will)."""
    return 0 < i < len(doc) - 1 and doc[i].is_alpha and not doc[i].is_sent_start and not doc[i - 1].is_space \
        and "\n" not in doc[i - 1].whitespace_ and doc[i - 1].text not in ("“", '"', "‘", "'", "(", "—", ":") \
        and doc[i - 1].text not in HYPHENS and doc[i + 1].text not in HYPHENS \
        and not any(a <= doc[i].idx < b for a, b in lines)  # "pro-Brandt", "Brandt-linked": no mention


def _leaders_of_bodies(doc: Doc, spans: list[tuple[int, int, str]], person_words: set[str],
                       lex: EntityLexicons) -> list[tuple[int, int, str]]:
    """The person inside a body named after its leader ("the Obama administration", "the Clinton campaign"):
    a mention of that person beside the body's own name (an organisation, whatever the tagger said), when
    the article names the person or the name is a known leader's surname."""
    heads = lex.led_heads
    out = []
    for s, e, lab in spans:
        a = s + 1 if doc[s].lower_ == "the" else s
        for n in (2, 1):
            head = e - n
            if lab in ("ORG", "PERSON") and head - a in (1, 2) and tuple(t.lower_ for t in doc[head:e]) in heads \
                    and (doc[head - 1].lower_ in person_words or lex.leader_country(doc[head - 1].text)) \
                    and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[a:head]):
                out.append((a, head, "PERSON"))
                lab = "ORG"
                break
        out.append((s, e, lab))
    return out


def _agency(doc: Doc, e: Span) -> bool:
    """An organisation in parentheses: a dateline's news agency ("WASHINGTON (AP) --")."""
    return e.label_ == "ORG" and e.start > 0 and doc[e.start - 1].text == "(" and e.end < len(doc) \
        and doc[e.end].text == ")"


def _known_organisations(doc: Doc, spans: list[tuple[int, int, str]], known: frozenset[str]
                         ) -> list[tuple[int, int, str]]:
    """Untagged tokens written exactly as a well-known organisation's one-word name ("on Twitter"):
    lexicons/organizations_known_names.txt (such a name tagged as a person is an organisation too, and so is one
    tagged as a product: "HuffPost’s interview")."""
    covered = {i for s, e, _ in spans for i in range(s, e)}
    hashes = _hashes(known)
    written = [doc[i] for i, h in enumerate(doc.to_array(ORTH).tolist()) if h in hashes]
    return [(t.i, t.i + 1, "ORG") for t in written if t.text in known and t.i not in covered
            and t.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART")
            and not (t.ent_type_ == "PRODUCT" and _in_longer_entity(t))]


@lru_cache(maxsize=4)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    """The string hashes of `words`, to screen a Doc's tokens in one array read."""
    return frozenset(hash_string(w) for w in words)


def _in_longer_entity(t: Token) -> bool:
    """Whether a token is part of a tagged entity of more than one token ("Facebook Live")."""
    return t.ent_iob_ == "I" or t.i + 1 < len(t.doc) and t.doc[t.i + 1].ent_iob_ == "I"


def _with_name_suffixes(doc: Doc, spans: list[tuple[int, int, str]], suffixes: frozenset[str]
                        ) -> list[tuple[int, int, str]]:
    """A person's name keeps a generational suffix written after a comma ("Donald Trump, Jr.", "Martin Luther
    King, Jr."): without it the son is his father."""
    out: list[tuple[int, int, str]] = []
    added: set[int] = set()  # tokens of suffixes taken into a name
    for s, e, lab in spans:
        if s in added:
            continue  # the suffix the tagger named on its own ("Jr."), now inside the name before it
        if lab == "PERSON" and e + 1 < len(doc) and doc[e].text == "," \
                and doc[e + 1].text[:1].isupper() and doc[e + 1].lower_.strip(".") in suffixes:
            added.update((e, e + 1))
            e += 2
        out.append((s, e, lab))
    return out


def _joined_at_for_the(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A body named "X of Y" and the organisation the tagger named after its "for the" are one body's name
    ("the Harlow Court of Appeals for the Eighth Circuit", "the Office of the Chief Auditor for the Harbor
    Authority"): the second is no body of its own. Not where the whole would be no name ("... for the 4th
    Circuit", whose ordinal no name holds)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(spans):
        s, e, lab = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if nxt is not None and lab == nxt[2] == "ORG" and e + 1 < len(doc) and doc[e].lower_ == "for" \
                and (nxt[0] == e + 1 and doc[nxt[0]].lower_ == "the"
                     or nxt[0] == e + 2 and doc[e + 1].lower_ == "the") \
                and any(t.lower_ == "of" for t in doc[s + 1:e - 1]) and "\n" not in doc[s:nxt[1]].text \
                and is_name(doc[s:nxt[1]].text):
            out.append((s, nxt[1], "ORG"))
            i += 2
            continue
        out.append((s, e, lab))
        i += 1
    return out


def _without_title_tails(doc: Doc, spans: list[tuple[int, int, str]], title_words: frozenset[str],
                         org_heads: frozenset[str]) -> list[tuple[int, int, str]]:
    """An organisation named inside a title ("... of the Air Force for Acquisition") keeps the title's own
    tail out: "Undersecretary of the Air Force for Acquisition" names the Air Force; "President of the Center
    for American Progress" keeps its whole name (a body's head word before "for")."""
    out = []
    for s, e, lab in spans:
        a = s + 1 if doc[s].lower_ == "the" else s
        cut = next((i for i in range(a + 1, e - 1) if doc[i].lower_ == "for"), None)
        before = [t for t in doc[max(0, s - 3):s] if t.lower_ != "the"]
        if lab == "ORG" and cut is not None and len(before) >= 2 and before[-1].lower_ == "of" \
                and (before[-2].lower_ in title_words or before[-2].is_title) \
                and doc[cut - 1].lower_ not in org_heads:
            e = cut
        out.append((s, e, lab))
    return out


def _group_organisations(doc: Doc, spans: list[tuple[int, int, str]], ent_label: list[str],
                         title_words: frozenset[str]) -> list[tuple[int, int, str]]:
    """A group's adjective and the capitalised noun the tagger left after it are one organisation's name
    ("Islamic" + "State", "Muslim" + "Brotherhood"); never a title ("Chinese President Xi") nor the end of a
    longer name ("Museum of American History")."""
    out = []
    for s, e, lab in spans:
        nxt = doc[e] if e < len(doc) else None
        after = doc[e + 1] if e + 1 < len(doc) else None
        before = doc[s - 1].lower_ if s > 0 else ""
        if lab == "NORP" and nxt is not None and not ent_label[nxt.i] and nxt.is_title and nxt.tag_ == "NNP" \
                and len(nxt) > 1 and nxt.is_alpha and before != "of" \
                and nxt.lower_ not in title_words and not doc[e - 1].whitespace_ == "" \
                and "\n" not in doc[e - 1].whitespace_ and (after is None or not after.is_title):
            out.append((s, e + 1, "ORG"))
            continue
        out.append((s, e, lab))
    return out


def _common_noun(doc: Doc, e: Span, lowers: list[str]) -> bool:
    """A one-word "name" whose capital says nothing (at a sentence start, in a title-case line, in capitals)
    and which the article also writes in lower case ("Police", "Media", "Candidates") is a common noun."""
    if len(e) != 1 or e.label_ not in ("PERSON", "ORG"):
        return False
    tok = e[0]
    if not (tok.is_sent_start or tok.is_upper or opens_line(doc, tok.i)):
        return False
    low = tok.lower_
    return any(lowers[i] == low and doc[i].is_lower for i in range(len(doc)) if i != tok.i)


APPROXIMATOR_DEPS = frozenset({"quantmod", "advmod", "amod"})  # of a number: "up to", "about", "more than"
ROMAN = re.compile(r"^(?=[IVX]{2,}$)X{0,3}(?:IX|IV|V?I{0,3})$")  # "IV" of "Delta IV"; never the pronoun "I"


def _is_product(doc: Doc, s: int, e: int) -> bool:
    """An organisation name that is a product's make: it ends in, or is followed by, a model number (a
    Roman one too: "Delta IV")."""
    first, last = doc[s], doc[e - 1]
    if len(first.text) > 1 and first.text[0].islower() and first.text[1].isupper():
        return True  # "iPod", "iTunes": brand names written in camel case
    if e - s > 1 and first.text.isdigit() and len(first.text) >= 3:
        return True  # "787 Dreamliner": a model number first
    nxt = doc[e] if e < len(doc) else None
    if e - s > 1 and ROMAN.match(last.text) or nxt is not None and ROMAN.match(nxt.text):
        return True
    return any(c.isdigit() for c in last.text) or (
        nxt is not None and any(c.isdigit() for c in nxt.text) and nxt.text[:1].isalnum() and nxt.dep_ != "nummod"
        and not nxt.like_num or nxt is not None and nxt.text[:1].isalpha() and any(c.isdigit() for c in nxt.text))


def _in_conj_of(tok: Token, root: Token) -> bool:
    """Whether `tok` hangs off `root` through a conjunct, a relative clause or a parenthesis."""
    t = tok
    while t.i != root.i and t.head.i != t.i:
        if t.head.i == root.i and t.dep_ in ("conj", "cc", "relcl", "acl", "punct", "appos"):
            return True
        t = t.head
    return False


LAW_HEADS = frozenset({"act", "acts"})
HYPHENS = frozenset({"-", "–"})


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Whether token `i` is a hyphen joining two capitalised words with no space ("Dale-Hobart")."""
    return 0 < i < len(doc) - 1 and doc[i].text in HYPHENS and not doc[i - 1].whitespace_ \
        and not doc[i].whitespace_ and doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper()


POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})


def _cut_at_possessives(doc: Doc, spans: list[tuple[int, int, str]], given_names: dict[str, str]
                        ) -> list[tuple[int, int, str]]:
    """A body's name in the possessive run on into the person after it ("Harbor News’ Dana Ruiz") is two names:
    the body's, and the person's when it opens with a given name."""
    out = []
    for s, e, lab in spans:
        cut = next((i for i in range(s + 1, e - 1)
                    if doc[i].text in POSSESSIVE_MARKS and doc[i + 1].text[:1].isupper()), None)
        if lab != "ORG" or cut is None or doc[cut + 1].lower_ not in given_names or not 2 <= e - cut - 1 <= 3 \
                or not all(t.is_title for t in doc[cut + 1:e]):  # "Apple's Mac OS" is no person
            out.append((s, e, lab))
            continue
        out += [(s, cut, lab), (cut + 1, e, "PERSON")]
    return out


AMPERSAND_LEFTOVER = "amp"  # what "&amp;" leaves in a text stripped of its markup ("Savings amp Loan")


def _joined_at_ampersands(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A company's name the text writes with the leftover "amp" of an escaped ampersand ("Lakeside Savings amp
    Loan Association", "Bank amp Trust Co."), which the tagger reads as two names or leaves its first word out
    of: one organisation's name, capitalised words on both sides."""
    out: list[tuple[int, int, str]] = []
    taken = {i for s, e, _ in spans for i in range(s, e)}
    for s, e, lab in sorted(spans):
        if lab in ("ORG", "PERSON", "FAC") and s >= 2 and doc[s - 1].text == AMPERSAND_LEFTOVER \
                and doc[s - 2].text[:1].isupper() and doc[s].text[:1].isupper():
            if out and out[-1][1] == s - 1 and out[-1][2] in ("ORG", "PERSON", "FAC") \
                    and "ORG" in (lab, out[-1][2]):
                out[-1] = (out[-1][0], e, "ORG")  # "Lakeside Savings" amp "Loan Association"
                continue
            if lab == "ORG" and s - 2 not in taken:
                first = s - 2
                while first > 0 and first - 1 not in taken and doc[first - 1].is_title and doc[first - 1].is_alpha \
                        and not doc[first - 1].is_sent_start and not doc[first].is_sent_start:
                    first -= 1
                out.append((first, e, lab))  # "Standard amp Poor's Corp." with "Standard" left out
                continue
        out.append((s, e, lab))
    return out


def _part_of_a_thing(doc: Doc, s: int, e: int) -> bool:
    """Whether a name with the word after it ("Super" of "Super Tuesday") or the capitalised word before it ("Start"
    of "Head Start", whose "Head" reads as a title) names a thing (lexicons/people_things.txt)."""
    return e < len(doc) and is_thing(doc[s:e + 1].text) \
        or s > 0 and doc[s - 1].is_title and is_thing(doc[s - 1:e].text)


def law_tokens(doc: Doc) -> list[bool]:
    """The tokens of two names joined by a hyphen that the article writes before "Act" ("the Dale-Hobart Act"),
    wherever they stand together: they name a law, never its two sponsors ("restoring Dale-Hobart")."""
    laws = {(doc[i - 1].lower_, doc[i + 1].lower_) for i in range(1, len(doc) - 2)
            if _glued_hyphen(doc, i) and doc[i + 2].lower_ in LAW_HEADS}
    inside = [False] * len(doc)
    for i in range(1, len(doc) - 1):
        if laws and _glued_hyphen(doc, i) and (doc[i - 1].lower_, doc[i + 1].lower_) in laws:
            inside[i - 1] = inside[i] = inside[i + 1] = True
    return inside


def _double_surnames(doc: Doc, spans: list[tuple[int, int, str]], lex: EntityLexicons) -> set[tuple[str, str]]:
    """The double surnames of an article's people ("Ana Dale-Hobart": a given name, then two surnames joined by
    a hyphen), where no one else in it bears the second surname alone ("Trump-Kim" is two people)."""
    found = {(doc[e - 3].lower_, doc[e - 1].lower_) for s, e, lab in spans
             if lab == "PERSON" and e - s >= 4 and _glued_hyphen(doc, e - 2) and doc[s].lower_ in lex.given_names}
    alone = {doc[e - 1].lower_ for s, e, lab in spans
             if lab == "PERSON" and e - s > 1 and not _glued_hyphen(doc, e - 2)}
    return {pair for pair in found if pair[1] not in alone}


def _with_hyphened_surnames(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person's name the tagger ended at the hyphen of a double surname ("Ana Dale" of "Ana Dale-Hobart") takes
    the rest of it."""
    starts = {s: (e, lab) for s, e, lab in spans}
    out, absorbed = [], set()
    for s, e, lab in spans:
        if s in absorbed:
            continue
        while lab == "PERSON" and e < len(doc) - 1 and _glued_hyphen(doc, e) and doc[e + 1].pos_ == "PROPN":
            nxt = starts.get(e + 1)
            if nxt is not None and nxt != (e + 2, "PERSON"):
                break  # the tagger's own name after the hyphen, longer or of another kind
            if nxt is not None:
                absorbed.add(e + 1)
            e += 2
        out.append((s, e, lab))
    return out


def _double_given_name(doc: Doc, parts: list[tuple[int, int]], lex: EntityLexicons) -> bool:
    """Whether a person's name opens with two given names glued by a hyphen ("Anne-Marie Keller", "Jean-Paul
    Dumas"): one person, not two ("Muhammad Ali-Joe Frazier" fight, "Trump-Kim" summit)."""
    (a1, b1), (a2, b2) = parts[0], parts[1]
    return len(parts) == 2 and b1 - a1 == 1 and b2 - a2 >= 2 and doc[a1].lower_ in lex.given_names \
        and doc[a2].lower_ in lex.given_names and not doc[b1].whitespace_ and not doc[a1].whitespace_


def _hyphen_parts(doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """Token ranges of a span split at hyphens ("Trump-Kim" -> Trump, Kim)."""
    parts, a = [], s
    for i in range(s, e):
        if doc[i].text in ("-", "–") and i > a:
            parts.append((a, i))
            a = i + 1
    if a < e:
        parts.append((a, e))
    return parts


def acronym_of(key: tuple[str, ...]) -> str:
    """The initials of a name's key, its small words left out ("national rifle association" -> nra)."""
    return "".join(w[0] for w in key if w not in ACRONYM_SKIP and w[:1].isalpha())


def _acronyms_of_organisations(doc: Doc, texts: list[str], spans: list[tuple[int, int, str]], lex: EntityLexicons
                               ) -> list[tuple[int, int, str]]:
    """An acronym the tagger took for a place or a person ("NRA" as GPE), or left untagged ("the AFT"), is an
    organisation when it spells the initials of an organisation the article names in full ("the National Rifle
    Association", "the American Federation of Teachers"); a country's own short form ("UK", "UAE") stays a place."""
    initials = {acronym_of(key) for s, e, lab in spans if lab == "ORG"
                for key in [name_key(tuple(t.text for t in doc[s:e] if t.lower_ != "the"))] if len(key) >= 2}
    out = []
    taken = set()
    for s, e, lab in spans:
        text = doc[s:e].text
        if lab in ("GPE", "LOC", "NORP", "PERSON") and e - s == 1 and is_acronym(text) \
                and text.replace(".", "").lower() in initials and lex.country_of(text) is None:
            lab = "ORG"
        out.append((s, e, lab))
        taken.update(range(s, e))
    if initials:
        out += [(i, i + 1, "ORG") for i, text in enumerate(texts) if len(text) >= MIN_SPELLED and is_acronym(text)
                and i not in taken and text.replace(".", "").lower() in initials and lex.country_of(text) is None]
    return out


def _people_named_after_a_person_noun(doc: Doc, spans: list[tuple[int, int, str]], lex: EntityLexicons
                                      ) -> list[tuple[int, int, str]]:
    """A one-word name the tagger took for a place, set beside a noun for a person ("his wife, Melania", "the
    candidate's son, Barron") is that person, unless it is a state's or a town's name ("the mayor, Lyon")."""
    out = []
    for s, e, lab in spans:
        tok = doc[s]
        if lab in ("GPE", "LOC") and e - s == 1 and tok.dep_ == "appos" and lex.country_of(tok.text) is None \
                and not is_place(tok.text) and not is_town(tok.text):
            info = lex.nouns.get(tok.head.lemma_.lower())
            if info is not None and info.type == "PERSON":
                lab = "PERSON"
        out.append((s, e, lab))
    return out


def _share_surnames(doc: Doc, mentions: list[Mention], lex: EntityLexicons) -> None:
    """A given name alone coordinated with a full name shares its surname ("Bill and Hillary Clinton", "Barack
    and Michelle Obama"): the mention's words, which name its entity, take the surname (its text stays)."""
    people = [m for m in mentions if m.kind == "name" and m.type == "PERSON"]
    starts = {m.tok_start: m for m in people}
    for m in people:
        if len(m.words) != 1 or m.words[0].lower() not in lex.given_names:
            continue
        full = starts.get(m.tok_end + 1) if m.tok_end + 1 < len(doc) and doc[m.tok_end].lower_ in ("and", "&") else None
        if full is None or len(full.words) < 2 or full.words[0].lower() not in lex.given_names:
            continue
        if any(len(o.words) >= 2 and (o.words[0] == m.words[0] and o.words[-1] != full.words[-1]
                                      or o.words[-1] == m.words[0]) for o in people):
            continue  # "Hillary and Tim Kaine" beside Hillary Clinton, "Carter and Eric Fanning" beside Ash Carter
        m.words = (m.words[0], full.words[-1])
        m.extra["shared_surname"] = True


def _groups_the_dictionaries_know(doc: Doc, spans: list[tuple[int, int, str]], lex: EntityLexicons
                                  ) -> list[tuple[int, int, str]]:
    """A name the tagger took for a place or a nationality that the actor dictionaries know only as a group
    that is no state ("ISIL", "Daesh": an armed group; an international or non-governmental body) is an
    organisation; a country's name stays a place."""
    out = []
    for s, e, lab in spans:
        if lab in ("GPE", "NORP") and lex.country_of(doc[s:e].text) is None \
                and actor_dictionary().only_groups(doc[s:e].text):
            lab = "ORG"
        out.append((s, e, lab))
    return out


def _cut_at_colons_and_handles(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person's or organisation's name never runs over a colon: a headline or a transcript's speaker label
    glued to the words after it ("Maria Ortiz: Saying ...", "AP-Ipsos Poll: Voters ...") is the part before it
    (after it when nothing named comes before). Nor does it take in a social-media handle ("Twitter
    @AnnaReyesNews")."""
    out = []
    for s, e, lab in spans:
        if lab in ("PERSON", "ORG"):
            colon = next((i for i in range(s + 1, e - 1) if doc[i].text == ":"), None)
            if colon is not None:
                s, e = (s, colon) if any(t.pos_ == "PROPN" for t in doc[s:colon]) else (colon + 1, e)
            e = next((i for i in range(s + 1, e) if doc[i].text.startswith("@")), e)
        out.append((s, e, lab))
    return out


def name_key(words: tuple[str, ...]) -> tuple[str, ...]:
    """Lower-case words of a name without possessive marks or dots, for matching."""
    return tuple(w for w in (normalize(x).strip(".").removesuffix("'s") for x in words) if w and w != ",")
