"""Who gets quoted: the sources report over the stored statements (the Gender Gap Tracker's question).

Counts quotes and distinct speakers by the speaker's gender (people and unnamed agents; `unknown` is always
shown), by speaker type (a named person, an organisation or state, an unnamed agent or no speaker at all), by
the speaker's actor country and sector, overall or per month or outlet. Only statements count (cues of
speech and writing): a store filled with `--attributions all` reports the same statements.

A distinct speaker is a person across articles (their person id); an unnamed agent ("officials") is a
different speaker in every article.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..queries import SourcesQuery

GENDERS = ("female", "male", "unknown")
SPEAKER_TYPES = ("person", "organisation", "agent", "none")
STATEMENT_CLASSES = ("speech", "writing")
TOP = 15  # countries and sectors listed; the rest are summed as "other"

SPEAKER_TYPE = ("CASE WHEN e.type = 'PERSON' THEN 'person' "
                "WHEN e.type IN ('ORG', 'GPE', 'NORP', 'FAC') THEN 'organisation' "
                "WHEN e.type IS NOT NULL THEN 'agent' ELSE 'none' END")
SPEAKER = ("CASE WHEN e.person_id IS NOT NULL THEN e.person_id "
           "WHEN e.id IS NOT NULL THEN q.article_id || ':' || e.id END")
GROUPS = {None: "''", "month": "SUBSTR(a.published, 1, 7)", "outlet": "a.source"}

Execute = Callable[[str, Sequence[Any]], list[dict[str, Any]]]


def report(execute: Execute, q: SourcesQuery) -> dict[str, Any]:
    """The sources report as plain data: `totals`, and `gender`, `speaker_type`, `country`, `sector` tables
    (each a list of rows with quotes, speakers and their shares), per group when `q.by` is set."""
    where, params = _filters(q)
    group = GROUPS[q.by]
    base = (" FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity"
            " WHERE " + " AND ".join(where))

    def table(key: str, extra: str = "") -> list[dict[str, Any]]:
        grouping = [x for x in (group, key) if x != "''"]  # PostgreSQL groups by no constant
        sql = (f"SELECT {group} AS grp, {key} AS k, COUNT(*) AS quotes, COUNT(DISTINCT {SPEAKER}) AS speakers"
               + base + extra + (" GROUP BY " + ", ".join(grouping) if grouping else ""))
        return execute(sql, params)

    people = " AND e.type IN ('PERSON', 'AGENT')"
    out: dict[str, Any] = {"by": q.by, "filters": {"since": _iso(q.since), "until": _iso(q.until),
                                                     "source": q.source}}
    out["totals"] = _shares(table("''"), None)[0] if not q.by else None
    out["gender"] = _grouped(table("COALESCE(e.gender, 'unknown')", people), GENDERS, q.by)
    out["speaker_type"] = _grouped(table(SPEAKER_TYPE), SPEAKER_TYPES, q.by)
    out["country"] = _grouped(table("COALESCE(e.country, '')", " AND e.id IS NOT NULL"), None, q.by, TOP)
    out["sector"] = _grouped(table("COALESCE(e.sector, '')", " AND e.id IS NOT NULL"), None, q.by, TOP)
    return out


def _filters(q: SourcesQuery) -> tuple[list[str], list[Any]]:
    where = ["(q.cue_class IS NULL OR q.cue_class IN (?, ?))"]
    params: list[Any] = list(STATEMENT_CLASSES)
    if q.since:
        where.append("a.published >= ?")
        params.append(q.since.isoformat())
    if q.until:
        where.append("a.published <= ?")
        params.append(q.until.isoformat())
    if q.source:
        where.append("a.source = ?")
        params.append(q.source)
    return where, params


def _grouped(rows: list[dict[str, Any]], keys: Sequence[str] | None, by: str | None,
             top: int | None = None) -> list[dict[str, Any]]:
    """Rows per group (in group order), each group's values with their shares of the group's total."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["grp"] or "", []).append(r)
    out = []
    for name in sorted(groups):
        for row in _shares(groups[name], keys, top):
            out.append({**({by: name or None} if by else {}), **row})
    return out


def _shares(rows: list[dict[str, Any]], keys: Sequence[str] | None, top: int | None = None) -> list[dict[str, Any]]:
    """Each value's quotes and speakers with their share of the total; every key in `keys` appears (zero when
    absent); without keys, the `top` values by quotes and the rest as "other"."""
    counts = {r["k"] or "": (int(r["quotes"]), int(r["speakers"])) for r in rows}
    if keys is not None:
        order = list(keys)
    else:
        order = sorted(counts, key=lambda k: (-counts[k][0], k))
        if top is not None and len(order) > top:
            rest = order[top:]
            counts["other"] = (sum(counts[k][0] for k in rest), sum(counts[k][1] for k in rest))
            order = order[:top] + ["other"]
    quotes = sum(counts.get(k, (0, 0))[0] for k in order)
    speakers = sum(counts.get(k, (0, 0))[1] for k in order)
    return [{"value": k or None, "quotes": counts.get(k, (0, 0))[0], "speakers": counts.get(k, (0, 0))[1],
             "quote_share": round(counts.get(k, (0, 0))[0] / quotes, 4) if quotes else 0.0,
             "speaker_share": round(counts.get(k, (0, 0))[1] / speakers, 4) if speakers else 0.0}
            for k in order]


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None
