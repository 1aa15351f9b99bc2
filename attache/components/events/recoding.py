"""PLOVER coding conventions applied after matching: plans become pledges, embedded events fold into the
verbal event that names them, an actor's own "will not" is a rejection (`lexicons/event_recoding.tsv`)."""

from __future__ import annotations

from dataclasses import dataclass

from ...lexicons import read_table


@dataclass(frozen=True)
class Recode:
    type: str
    mode: str | None
    cameo: str | None


class Recoding:
    """Lookup tables for planned events and for events embedded in another event's complement."""

    def __init__(self, table: str = "event_recoding.tsv") -> None:
        self.planned: dict[str, Recode] = {}
        self.refused: dict[str, Recode] = {}
        self.embedded: dict[tuple[str, str], Recode] = {}
        for row in read_table(table):
            recode = Recode(row["new_type"].strip(), (row.get("mode") or "").strip() or None,
                            (row.get("cameo") or "").strip() or None)
            when = row["when"].strip()
            if when in ("planned", "refused"):
                getattr(self, when)[row["type"].strip()] = recode
            else:
                self.embedded[(row["governor"].strip(), row["type"].strip())] = recode

    def when_planned(self, type_: str) -> Recode | None:
        return self.planned.get(type_)

    def when_refused(self, type_: str) -> Recode | None:
        return self.refused.get(type_)

    def when_embedded(self, governor: str, type_: str) -> Recode | None:
        return self.embedded.get((governor, type_))
