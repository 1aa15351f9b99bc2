"""Compile the Phoenix actor and agent dictionaries (PETRARCH2, MIT licence) into `attache/lexicons/actors.tsv`.

    python scripts/build_actor_lexicon.py [../shared/actors] [attache/lexicons/actor_recent.tsv ...]

Each dictionary record (a primary phrase, `+` synonyms, tab-indented `[CODE date-range]` restrictions, or a code
on the phrase line) becomes one row per phrase and code: `phrase  code  start  end  kind`, the phrase in lower
case with single spaces, dates as ISO days (empty = open). Agents (`[~COP]`) keep their sector code with a
leading `~`. Office-holders from 2014 on (`actor_recent.tsv`) and US office-holders of the 2015-2016 campaigns
(`actor_us_officeholders.tsv`), compiled by hand with sources, are appended.
A malformed line stops the build with its file and line number; nothing is checked at run time.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "attache" / "lexicons" / "actors.tsv"
FILES = (("Phoenix.Countries.actors.txt", "country"), ("Phoenix.International.actors.txt", "international"),
         ("Phoenix.MilNonState.actors.txt", "armed"), ("Phoenix.agents.txt", "agent"))
CODE = re.compile(r"\[([~A-Z0-9]+|---)(?:\s+([<>]?\s*\d{6,8})(?:-(\d{6,8}))?)?\]")
ERRATA = Path(__file__).with_name("actor_errata.tsv")
HEADER = """# Actor codes (CAMEO layout) by name, with the dates a code applies, compiled by scripts/build_actor_lexicon.py.
# Source: the Phoenix actor and agent dictionaries distributed with PETRARCH2 (openeventdata/petrarch2, commit
# 676801cd9cb2924bbbad09f86d15c9323e7097bf), (c) 2014 Open Event Data Alliance, MIT licence; CountryInfo.140130 by the
# Computational Event Data System Project. Office-holders from 2014 on: lexicons/actor_recent.tsv, and US office-holders
# of the 2015-2016 campaigns: lexicons/actor_us_officeholders.tsv (compiled by hand, sources named there). phrase: lower case; code: CAMEO actor code, or ~SECTOR for generic agents; start/end: ISO
# dates (inclusive), empty when open; kind: country, international, armed, agent or recent.
"""


class DictionaryError(ValueError):
    pass


def iso(day: str, where: str) -> str:
    """`YYMMDD` or `YYYYMMDD` as `YYYY-MM-DD` (two-digit years up to 30 are 20xx: the files end in 2014)."""
    if len(day) == 6:
        year = int(day[:2])
        day = f"{2000 + year if year <= 30 else 1900 + year}{day[2:]}"
    if len(day) != 8 or not day.isdigit() or not ("01" <= day[4:6] <= "12"):
        raise DictionaryError(f"{where}: bad date {day!r}")
    return f"{day[:4]}-{day[4:6]}-{day[6:8]}"


def phrase_of(text: str) -> str:
    """A dictionary phrase (`MR._OBAMA_`, `CATTLE!PERSON!`) in lower case with single spaces."""
    return " ".join(text.replace("_", " ").split()).lower()


def restriction(match: re.Match[str], where: str) -> tuple[str, str, str]:
    code, first, second = match.group(1), (match.group(2) or "").replace(" ", ""), match.group(3)
    if not first:
        return code, "", ""
    if first.startswith("<"):
        return code, "", iso(first[1:], where)
    if first.startswith(">"):
        return code, iso(first[1:], where), ""
    if not second:
        raise DictionaryError(f"{where}: date range without an end")
    return code, iso(first, where), iso(second, where)


def errata() -> dict[tuple[str, int], str]:
    with ERRATA.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {(r["file"], int(r["line"])): r["corrected"] for r in rows}


def records(path: Path, kind: str, fixes: dict[tuple[str, int], str]) -> Iterator[tuple[str, str, str, str, str]]:
    """Rows of one dictionary file (a null code `---` gives no row)."""
    macros: dict[str, list[str]] = {}
    names: list[str] = []
    codes: list[tuple[str, str, str]] = []

    def flush() -> Iterator[tuple[str, str, str, str, str]]:
        for name in names:
            for phrase in _expand(name, macros):
                for code, start, end in codes:
                    if code != "---":
                        yield phrase, code, start, end, kind

    with path.open(encoding="utf-8", errors="strict") as f:
        for number, raw in enumerate(f, 1):
            where = f"{path.name}:{number}"
            if (path.name, number) in fixes:
                raw = ("\t" if raw[:1] in " \t" else "") + fixes[(path.name, number)]
            line = raw.split("#", 1)[0].split(";", 1)[0].rstrip()
            if not line.strip():
                continue
            if line.startswith("!") and "=" in line:  # !PERSON! = MAN, MEN, WOMAN
                key, _, words = line.partition("=")
                macros[key.strip()] = [w.strip() for w in words.split(",") if w.strip()]
                continue
            if line[0] in " \t":  # a date restriction of the record above
                found = list(CODE.finditer(line))
                if not found or not names:
                    raise DictionaryError(f"{where}: restriction outside a record: {line.strip()!r}")
                codes += [restriction(m, where) for m in found]
                continue
            if line.startswith("+"):
                if not names:
                    raise DictionaryError(f"{where}: synonym before any name")
                names.append(CODE.sub("", line[1:]).strip())
                continue
            if "[" in line and not CODE.search(line):
                raise DictionaryError(f"{where}: unreadable code in {line.strip()!r}")
            if kind == "agent" or CODE.search(line) or not names or codes:
                yield from flush()
                names, codes = [], []
            names.append(CODE.sub("", line).strip())
            codes += [restriction(m, where) for m in CODE.finditer(line)]
    yield from flush()


def _expand(name: str, macros: dict[str, list[str]]) -> Iterator[str]:
    for key, words in macros.items():
        if key in name:
            for word in words:
                yield from _expand(name.replace(key, "_" + word, 1), macros)
            return
    phrase = phrase_of(name)
    if phrase:
        yield phrase


def recent(path: Path) -> Iterator[tuple[str, str, str, str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        for number, row in enumerate(rows, 2):
            name, code = (row.get("name") or "").strip(), (row.get("code") or "").strip()
            if not name or not re.fullmatch(r"[A-Z]{3}[A-Z]{0,6}", code):
                raise DictionaryError(f"{path.name}:{number}: bad row {row!r}")
            start, end = (row.get("start") or "").strip(), (row.get("end") or "").strip()
            for day in filter(None, (start, end)):
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
                    raise DictionaryError(f"{path.name}:{number}: bad date {day!r}")
            yield phrase_of(name), code, start, end, "recent"


def build(actors: Path, recent_path: Path | list[Path] | None, out: Path = OUT) -> int:
    rows: set[tuple[str, str, str, str, str]] = set()
    fixes = errata()
    for name, kind in FILES:
        rows.update(records(actors / name, kind, fixes))
    paths = [recent_path] if isinstance(recent_path, Path) else list(recent_path or ())
    newer = {row for path in paths if path.exists() for row in recent(path)}
    if newer:
        names = {row[0] for row in newer}
        # The hand-compiled terms supersede the Phoenix roles of the same names left open in 2014.
        rows = {r for r in rows if not (r[0] in names and r[2] and not r[3])} | newer
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        f.write("phrase\tcode\tstart\tend\tkind\n")
        for row in sorted(rows):
            f.write("\t".join(row) + "\n")
    return len(rows)


if __name__ == "__main__":
    actors_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "actors"
    lexicons = ROOT / "attache" / "lexicons"
    recent_files = [Path(a) for a in sys.argv[2:]] or [lexicons / "actor_recent.tsv",
                                                      lexicons / "actor_us_officeholders.tsv"]
    try:
        count = build(actors_dir, recent_files)
    except DictionaryError as exc:
        sys.exit(f"actor dictionaries: {exc}")
    print(f"{count} rows -> {OUT.relative_to(ROOT)}")
