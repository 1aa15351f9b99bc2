"""A cheap guess of an article's language, so non-English text gets a record and a warning, not noise.

Scores the share of a text's words that are stop words of each language spaCy ships stop-word lists for
(`spacy.lang.*.stop_words`, no extra download), and reads the script for text with few Latin letters.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections import Counter
from functools import lru_cache

LATIN_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "ro", "hu",
                   "tr", "id", "ca", "hr", "sl", "sk", "lt", "lv", "et", "tl", "af", "ga")
SCRIPTS = {"CYRILLIC": "ru", "ARABIC": "ar", "HEBREW": "he", "GREEK": "el", "HANGUL": "ko", "HIRAGANA": "ja",
           "KATAKANA": "ja", "CJK": "zh", "DEVANAGARI": "hi", "THAI": "th", "BENGALI": "bn", "TAMIL": "ta",
           "GEORGIAN": "ka", "ARMENIAN": "hy"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SAMPLE_CHARS = 20_000


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    try:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    except ImportError:
        return frozenset()
    return frozenset(w.lower() for w in module.STOP_WORDS)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's most likely language; "en" when the evidence is thin."""
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return "en"
    scripts = Counter(_script(c) for c in letters)
    script, count = scripts.most_common(1)[0]
    if script != "LATIN" and count / len(letters) > 0.5:
        return SCRIPTS.get(script, "und")
    words = [w.lower() for w in WORD.findall(sample)]
    if len(words) < 8:
        return "en"
    english = _stop_words("en")
    english_share = sum(w in english for w in words) / len(words)
    # Another language must show words that are its own, not English ones it shares ("a", "in", "on").
    scores = {lang: sum(w in _stop_words(lang) and w not in english for w in words) / len(words)
              for lang in LATIN_LANGUAGES if lang != "en"}
    best = max(scores, key=lambda k: scores[k])
    if scores[best] > english_share and scores[best] > 0.15:
        return best
    return "en"


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in SCRIPTS:
        if name.startswith(script):
            return script
    return "LATIN" if name.startswith("LATIN") else name.split(" ")[0] or "UNKNOWN"
