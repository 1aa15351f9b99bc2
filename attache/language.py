"""A cheap guess of an article's language, so non-English text gets a record and a warning, not noise.

Scores the share of a text's words that are stop words of each language spaCy ships stop-word lists for
(`spacy.lang.*.stop_words`, no extra download), and reads the script for text with few Latin letters.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import spacy

LATIN_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ro", "hu",
                   "tr", "id", "ca", "hr", "sl", "sk", "lt", "lv", "et", "tl", "af", "ga")
SCRIPTS = {"CYRILLIC": "ru", "ARABIC": "ar", "HEBREW": "he", "GREEK": "el", "HANGUL": "ko", "HIRAGANA": "ja",
           "KATAKANA": "ja", "CJK": "zh", "DEVANAGARI": "hi", "THAI": "th", "BENGALI": "bn", "TAMIL": "ta",
           "GEORGIAN": "ka", "ARMENIAN": "hy"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SAMPLE_CHARS = 20_000


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for `lang`, read from their own module file: importing `spacy.lang.<lang>`
    would also compile that language's tokenizer exceptions, seconds of work for a word list."""
    path = Path(spacy.__file__).parent / "lang" / lang / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_attache_stop_words_{lang}", path)
    if spec is None or spec.loader is None or not path.is_file():
        return frozenset()
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(w.lower() for w in module.STOP_WORDS)


@lru_cache(maxsize=1)
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """Each non-English stop word with the languages it belongs to (English stop words left out: a word
    another language shares with English, like "a", "in" or "on", is no evidence against English)."""
    english = _stop_words("en")
    found: dict[str, list[str]] = {}
    for lang in LATIN_LANGUAGES[1:]:
        for word in _stop_words(lang) - english:
            found.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in found.items()}


def warm_up() -> None:
    """Load every stop-word list now (pipeline start-up) rather than on the first article."""
    _languages_of_word()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's most likely language; "en" when the evidence is thin."""
    sample = text[:SAMPLE_CHARS]
    ascii_letters = sum(map(str.isalpha, sample.encode("ascii", "ignore").decode()))
    other = [c for c in sample if not c.isascii() and c.isalpha()]  # only these need a Unicode look-up
    if not ascii_letters and not other:
        return "en"
    scripts = Counter(_script(c) for c in other)
    scripts["LATIN"] += ascii_letters
    script, count = scripts.most_common(1)[0]
    if script != "LATIN" and count / (ascii_letters + len(other)) > 0.5:
        return SCRIPTS.get(script, "und")
    written = WORD.findall(sample)
    words = [w.lower() for w in written]
    if len(words) < 8:
        return "en"
    english = _stop_words("en")
    languages_of = _languages_of_word()
    english_hits = 0
    hits: Counter[str] = Counter()
    for word, as_written in zip(words, written):
        if word in english:
            english_hits += 1
        elif not as_written[:1].isupper():  # never an initial ("R-S.C.") nor a name ("Al Gore", "De Niro")
            hits.update(languages_of.get(word, ()))
    if hits:
        best, count = hits.most_common(1)[0]
        if count > english_hits and count / len(words) > 0.15:
            return best
    return "en"


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in SCRIPTS:
        if name.startswith(script):
            return script
    return "LATIN" if name.startswith("LATIN") else name.split(" ")[0] or "UNKNOWN"
