"""What a batch run reports: a cheap estimate of how many articles are coming, and the run's tally."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AttacheError
from ..record import Analysis

CHUNK = 1 << 20


def estimate_total(paths: Iterable[str]) -> int | None:
    """How many articles `paths` hold, when that is cheap to know (for the ETA); None when it is not.

    Files count one each, JSON Lines count their lines (a byte scan, no parsing), Parquet its row count
    from the footer; standard input, gzip and WARC are unknown (they would have to be read twice).
    """
    from ..ingest import article_files

    total = 0
    for name in paths:
        if name == "-":
            return None
        p = Path(name)
        if p.is_dir():
            for path in article_files(p):
                n = _count_file(Path(path))
                if n is None:
                    return None
                total += n
        elif p.is_file():
            n = _count_file(p)
            if n is None:
                return None
            total += n
    return total


def _count_file(p: Path) -> int | None:
    name = p.name.lower()
    if name.endswith((".jsonl", ".ndjson")):
        lines, last = 0, b"\n"
        with p.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
        return lines + (last != b"\n")
    if name.endswith(".parquet"):
        try:
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(p).metadata.num_rows)
        except Exception:  # noqa: BLE001 — unreadable: the reader will report it
            return 1
    if name.endswith((".gz", ".warc", ".arc")):
        return None
    return 1


@dataclass
class Tally:
    """Counts of one run, for the summary line."""

    articles: int = 0
    skipped: int = 0
    quotes: int = 0
    entities: int = 0
    events: int = 0
    failures: list[AttacheError] = field(default_factory=list)

    def add(self, item: Analysis | AttacheError) -> None:
        if isinstance(item, AttacheError):
            self.failures.append(item)
            return
        self.articles += 1
        self.quotes += len(item.quotes)
        self.entities += len(item.entities)
        self.events += len(item.events)

    def summary(self, seconds: float) -> str:
        rate = f" ({self.articles / seconds:.1f} articles/s)" if seconds > 0 and self.articles else ""
        return (f"articles {self.articles}, quotes {self.quotes}, entities {self.entities}, events {self.events}, "
                f"failures {len(self.failures)}, skipped {self.skipped} already stored, "
                f"wall time {seconds:.1f}s{rate}")
