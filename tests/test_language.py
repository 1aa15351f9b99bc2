"""Language guess: English news, even one short sentence, is English; other languages are named."""

from __future__ import annotations

import pytest

from attache.language import detect_language


@pytest.mark.parametrize("text", [
    "Peru's foreign minister resigned on Monday amid a bribery inquiry.",
    "Poland gave asylum to a Belarusian journalist.",
    "Germany expelled a Russian diplomat accused of spying on a lawmaker.",
    "Chile tested a new early-warning system for tsunamis on Friday.",
    "U.S. troops killed a militia leader in a strike near Mosul.",
    "Rep. Ann Cole (R-S.C.) shouted at the speaker.",  # initials are no Romanian or Slovene words
    "Cole v. Dunmore settled the 1998 dispute, Al Dunmore said.",  # names ("Al") are no Romanian words
    "Ok.",
])
def test_short_english_news_is_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text, language", [
    ("Le ministre a déclaré lundi que les négociations avec ses voisins avaient beaucoup avancé.", "fr"),
    ("Die Ministerin sagte am Montag, dass die Gespräche mit den Nachbarn gut vorangekommen seien.", "de"),
    ("La ministra dijo el lunes que las conversaciones con los vecinos habían avanzado mucho.", "es"),
    ("Il ministro ha detto lunedì che i colloqui con i vicini sono andati avanti.", "it"),
    ("Ministr v pondělí řekl, že jednání se sousedy značně pokročila.", "cs"),
    ("Министр заявил в понедельник, что переговоры с соседями продвинулись.", "ru"),
    ("外交部长星期一表示，与邻国的谈判取得了很大进展。", "zh"),
])
def test_other_languages_are_named(text, language):
    assert detect_language(text) == language
