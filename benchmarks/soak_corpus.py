"""The soak benchmark's corpus: news-like articles from templates plus hostile inputs, and what to expect.

Every good article carries a unique marker (`SOAK-000123`), so the store can be checked against the inputs
without trusting the readers: each marker must be stored exactly once. Each bad input is listed with the
coded error (and JSON Lines line) the ingest must report for it.
"""

from __future__ import annotations

import codecs
import gzip
import json
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from attache.record import text_id

FIRST = ["Amara", "Tobias", "Leila", "Kenji", "Sofia", "Idris", "Mei", "Rafael", "Nadia", "Oskar", "Ines",
         "Marek", "Yusuf", "Helena", "Tomas", "Aiko", "Chidi", "Lucia", "Anders", "Priya"]
LAST = ["Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Petrov", "Castillo", "Mensah", "Novak", "Reyes",
        "Kowalski", "Barros", "Nakamura", "Osei", "Ferreira", "Dimitrov", "Alvarez", "Karimi", "Brennan", "Sato"]
CITIES = ["Nairobi", "Lima", "Manila", "Oslo", "Hanoi", "Dakar", "Quito", "Tbilisi", "Accra", "Amman", "Lyon",
          "Porto", "Cebu", "Mombasa", "Krakow", "Valparaiso", "Bergen", "Da Nang", "Kumasi", "Aqaba"]
ROLES = ["Foreign Minister", "Health Minister", "Mayor", "opposition leader", "police chief", "union leader",
         "central bank governor", "Defence Minister", "trade envoy", "Interior Minister"]
TOPICS = [("talks on the border dispute", "We will not sign anything that gives away our land"),
          ("a new port agreement", "This deal brings jobs to thousands of families"),
          ("the flood relief effort", "The roads are still closed and people are waiting for water"),
          ("the vote on housing reform", "Rents have doubled and the council has done nothing"),
          ("tariffs on steel imports", "Our workers cannot compete with dumped steel"),
          ("the arrest of protest leaders", "Peaceful protest is not a crime"),
          ("election observers' findings", "The count was fair and the result stands"),
          ("a ceasefire proposal", "Both sides must stop firing before any talks begin")]
VERBS = ["said", "told reporters", "warned", "insisted", "added"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FOREIGN = ["Der Bürgermeister von {city} sagte am Montag, die Straßen blieben wegen des Hochwassers gesperrt. "
           "„Wir tun alles, was wir können“, sagte {name}. Die Regierung kündigte Hilfe für die Familien an.",
           "El alcalde de {city} dijo el martes que las conversaciones continuarán la próxima semana. «No "
           "vamos a firmar nada», afirmó {name}. Los trabajadores del puerto siguen en huelga.",
           "{city}市长周一表示，由于洪水，道路仍然封闭。{name}说：“我们正在尽一切努力。”政府宣布将向受灾家庭提供援助。"]


def marker(i: int) -> str:
    return f"SOAK-{i:06d}"


def article(i: int, rng: random.Random) -> str:
    """A news-like article of about 900 characters with a quote, an indirect quote and the marker."""
    def person() -> tuple[str, str]:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        return f"{first} {last}", last

    (name, last), (other, other_last) = person(), person()
    city, town = rng.sample(CITIES, 2)
    topic, quote = rng.choice(TOPICS)
    return (f"{city.upper()} — The {rng.choice(ROLES)}, {name}, {rng.choice(VERBS)} on {rng.choice(DAYS)} that "
            f"{topic} would continue in {town} next week.\n\n"
            f"“{quote},” {last} said after meeting officials from {town}. “We expect an answer by Friday.”\n\n"
            f"{other}, a {rng.choice(ROLES).lower()} who attended the meeting, said the government had promised "
            f"{rng.randint(2, 900)} million in aid and that a delegation would travel to {town} on "
            f"{rng.choice(DAYS)}. {other_last} warned that “nothing has been agreed until everything is "
            f"agreed.”\n\nProtesters gathered outside the ministry in {city}, where police said {rng.randint(3, 400)} "
            f"people had been detained since March. (Ref {marker(i)}.)\n")


@dataclass
class Good:
    """A good article: its marker, and when the inputs fix them, the id and fingerprint it must get."""

    marker: str
    id: str | None = None
    fingerprint: str | None = None


@dataclass
class Bad:
    """A bad input: the code the ingest must list for it, its path, and for JSON Lines its line."""

    code: str
    path: str
    line: int | None = None


@dataclass
class Corpus:
    """The inputs written under `root` and what the ingest must make of them."""

    root: Path
    good: list[Good] = field(default_factory=list)
    bad: list[Bad] = field(default_factory=list)
    hostile: int = 0
    lost_to_damage: int = 0  # JSON Lines after the damage in a truncated .jsonl.gz (covered by its E012)
    files: int = 0
    next_id: int = 0

    def take(self) -> int:
        self.next_id += 1
        return self.next_id

    def write(self, name: str, data: bytes) -> Path:
        path = self.root / name[:3] / name  # a few subdirectories: the directory walk is recursive
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        return path

    def plain(self, rng: random.Random) -> None:
        i = self.take()
        text = article(i, rng)
        self.write(f"txt-{i:06d}.txt", text.encode("utf-8"))
        self.good.append(Good(marker(i), text_id(text), text_id(text)))


def jsonl_file(corpus: Corpus, rng: random.Random, n_good: int, bad_lines: list[tuple[bytes, str]]) -> None:
    """One .jsonl file: `n_good` article lines (a third with ids, a third with metadata) and bad lines
    spread among them; each bad line is (bytes, expected code)."""
    lines: list[bytes] = []
    expected: list[tuple[int, str]] = []
    slots = sorted(rng.sample(range(n_good + len(bad_lines)), len(bad_lines)))
    bad_iter = iter(bad_lines)
    name = f"jsl-{corpus.next_id + 1:06d}.jsonl"
    for position in range(n_good + len(bad_lines)):
        if slots and position == slots[0]:
            slots.pop(0)
            raw, code = next(bad_iter)
            lines.append(raw)
            expected.append((position + 1, code))
            continue
        lines.append(good_line(corpus, rng, position).encode("utf-8"))
    path = corpus.write(name, b"\n".join(lines) + b"\n")
    corpus.bad.extend(Bad(code, str(path), line) for line, code in expected)


def good_line(corpus: Corpus, rng: random.Random, position: int) -> str:
    """A JSON Lines article; its expected id when the line gives one."""
    i = corpus.take()
    text = article(i, rng)
    record: dict[str, str] = {"text": text}
    kind = position % 3
    if kind == 0:
        record["id"] = f"soak-{i}"
    elif kind == 1:
        record.update(title=f"Report {i}", source="Soak Wire", published=f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}")
    corpus.good.append(Good(marker(i), record.get("id"), text_id(text)))
    return json.dumps(record, ensure_ascii=rng.random() < 0.5)


BAD_LINES: list[tuple[bytes, str]] = [
    (b'{"text": "unterminated string', "E007"),
    (b'{"text": "caf\xe9 au lait, said the mayor"}', "E005"),
    (b"[1, 2, 3]", "E007"),
    (b'{"title": "a record without text"}', "E007"),
    (b'{"text": "   "}', "E003"),
    (b'{"text": 42}', "E007"),
    (b"[" * 50_000, "E007"),
]


def bad_file(name: str, data: bytes, code: str) -> Callable[[Corpus, random.Random], None]:
    """A hostile kind: one file the ingest must refuse with `code`."""
    def make(corpus: Corpus, rng: random.Random) -> None:
        i = corpus.take()
        path = corpus.write(name.format(i=i), data)
        corpus.bad.append(Bad(code, str(path)))
    return make


def odd_text(name: str, encode: Callable[[str], bytes], expect: Callable[[str], str] | None = None,
             change: Callable[[str], str] = lambda t: t) -> Callable[[Corpus, random.Random], None]:
    """A hostile kind the ingest must still store: an article `change`d, then `encode`d; `expect` gives the
    text the store must hold (for its fingerprint), None when the reader may reshape it (HTML)."""
    def make(corpus: Corpus, rng: random.Random) -> None:
        i = corpus.take()
        text = change(article(i, rng))
        corpus.write(name.format(i=i), encode(text))
        stored = expect(text) if expect else None
        corpus.good.append(Good(marker(i), None, text_id(stored) if stored is not None else None))
    return make


def _cp1252(text: str) -> str:
    return text.replace("—", "-").replace("“", "\u201c") + "Naïve café owners in Québec said: « déjà vu ».\n"


def _bad_bytes(text: str) -> bytes:
    data = text.encode("utf-8")
    cut = data.index(b"said")
    return data[:cut] + b"\xff\xfe" + data[cut:]  # two stray bytes in otherwise UTF-8 text (W004)


def _punctuation(text: str) -> str:
    return text.replace("\n\n", "\n\n" + "\"" * 15_000 + "\n\n", 1) + "!" * 8_000 + "\n"


def _html(text: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (f"<!doctype html><html><head><title>Soak report</title><script>alert('x')</script>"
            f"<style>p {{color: red}}</style></head><body><nav><a href='/'>Home</a></nav><article>"
            f"<h1>Talks continue</h1>{paragraphs}<script>document.write('<img src=x onerror=alert(1)>')</script>"
            f"</article><footer>Copyright Soak Wire</footer></body></html>").encode("utf-8")


def _undecodable(corpus: Corpus, rng: random.Random) -> None:
    """Random bytes above 127, different in every file (identical texts would be one article)."""
    i = corpus.take()
    path = corpus.write(f"und-{i:06d}.txt", bytes(rng.randrange(128, 256) for _ in range(3000)))
    corpus.bad.append(Bad("E005", str(path)))


def _foreign(corpus: Corpus, rng: random.Random) -> None:
    i = corpus.take()
    text = rng.choice(FOREIGN).format(city=rng.choice(CITIES), name=f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    text += f" ({marker(i)})\n"
    corpus.write(f"for-{i:06d}.txt", text.encode("utf-8"))
    corpus.good.append(Good(marker(i), text_id(text), text_id(text)))


def _truncated_gzip(corpus: Corpus, rng: random.Random) -> None:
    """A .jsonl.gz cut short: the complete lines before the cut are good, then one E012."""
    name = f"gzt-{corpus.next_id + 1:06d}.jsonl.gz"
    start = len(corpus.good)
    lines = [good_line(corpus, rng, k) for k in range(12)]
    data = gzip.compress("".join(line + "\n" for line in lines).encode("utf-8"))
    cut = data[: len(data) // 2]
    readable = zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")
    corpus.lost_to_damage += len(lines) - readable
    del corpus.good[start + readable:]
    path = corpus.write(name, cut)
    corpus.bad.append(Bad("E012", str(path)))


HOSTILE: list[Callable[[Corpus, random.Random], None]] = [
    bad_file("emp-{i:06d}.txt", b"", "E003"),
    bad_file("wsp-{i:06d}.txt", b" \n\t\r\n  \n", "E003"),
    bad_file("png-{i:06d}.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "E004"),
    bad_file("nul-{i:06d}.txt", b"The minister said\x00\x00\x00\x01\x02" * 40, "E004"),
    bad_file("pdf-{i:06d}.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "E004"),
    _undecodable,
    bad_file("scr-{i:06d}.html", b"<html><head><script>alert(1)</script></head><body><script>x()</script>"
                                 b"</body></html>", "E010"),
    bad_file("ngz-{i:06d}.jsonl.gz", b'{"text": "not gzip at all"}\n', "E012"),
    bad_file("par-{i:06d}.parquet", b"PAR1" + bytes(range(200)), "E009"),
    bad_file("wrc-{i:06d}.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n\x00garbage", "E009"),
    _truncated_gzip,
    odd_text("cp1-{i:06d}.txt", lambda t: t.encode("cp1252"), lambda t: t, _cp1252),
    odd_text("l1-{i:06d}.txt", lambda t: t.encode("latin-1"), lambda t: t,
             lambda t: t.replace("—", "-").replace("“", '"').replace("”", '"') + "Señora Müller said: ça va.\n"),
    odd_text("bad-{i:06d}.txt", _bad_bytes, lambda t: _bad_bytes(t).decode("utf-8", "replace")),
    odd_text("u16-{i:06d}.txt", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), lambda t: t),
    odd_text("bom-{i:06d}.txt", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), lambda t: t),
    odd_text("pun-{i:06d}.txt", lambda t: t.encode("utf-8"), lambda t: t, _punctuation),
    odd_text("htm-{i:06d}.html", _html),
    _foreign,
]


def build(root: Path, n: int, seed: int = 15, hostile_share: float = 0.1) -> Corpus:
    """About `n` articles under `root`: a `hostile_share` of hostile inputs (a fifth of them bad records in
    the JSON Lines files, one file over the length limit); of the rest a fifth JSON Lines, the others text."""
    rng = random.Random(seed)
    corpus = Corpus(root)
    n_hostile = max(len(HOSTILE) + len(BAD_LINES) + 1, round(n * hostile_share))
    n_lines = max(len(BAD_LINES), n_hostile // 5)
    for k in range(n_hostile - n_lines - 1):
        HOSTILE[k % len(HOSTILE)](corpus, rng)
    i = corpus.take()  # one article over the 1,000,000-character limit
    corpus.bad.append(Bad("E008", str(corpus.write(f"big-{i:06d}.txt", (article(i, rng) * 2000).encode()))))
    corpus.hostile = n_hostile
    bad_lines = [BAD_LINES[k % len(BAD_LINES)] for k in range(n_lines)]
    n_json = max(1, (n - len(corpus.good) - len(corpus.bad) - n_lines) // 5)
    n_files = -(-n_json // 40)
    for f in range(n_files):
        jsonl_file(corpus, rng, n_json // n_files + (f < n_json % n_files), bad_lines[f::n_files])
    while len(corpus.good) + len(corpus.bad) < n:
        corpus.plain(rng)
    return corpus
