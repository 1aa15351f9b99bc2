"""The corpus-level tables (quote provenance, story events, quote vectors): one self-contained migration step.

They are new tables only, each row belonging to one article (deleted with it through ON DELETE CASCADE), so
replacing or deleting an article needs nothing from the store's own code. Cluster summaries (first
appearance, counts, variants) are computed when asked, from the members, so they never go stale.
"""

from __future__ import annotations

from collections.abc import Sequence

CORPUS_SCHEMA = 6  # the store schema version that added these tables
ARTICLE = "article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE"


def corpus_schema(engine: str) -> Sequence[str]:
    """CREATE statements of the corpus tables for `engine` ("sqlite" or "postgres")."""
    blob = "BYTEA" if engine == "postgres" else "BLOB"
    big = "BIGINT" if engine == "postgres" else "INTEGER"
    return (
        # quote provenance: every stored quote is a member of one cluster (a statement reported across articles)
        f"CREATE TABLE quote_members ({ARTICLE}, quote_id TEXT NOT NULL, cluster_id TEXT NOT NULL, "
        "norm TEXT NOT NULL, PRIMARY KEY (article_id, quote_id))",
        "CREATE INDEX quote_members_cluster ON quote_members(cluster_id)",
        # the near-duplicate index: hashes of the word 4-grams of each attributed quote (candidates share one)
        f"CREATE TABLE quote_shingles ({ARTICLE}, quote_id TEXT NOT NULL, shingle {big} NOT NULL)",
        "CREATE INDEX quote_shingles_shingle ON quote_shingles(shingle)",
        "CREATE INDEX quote_shingles_quote ON quote_shingles(article_id, quote_id)",
        # how many quotes hold each shingle (only grows: it picks the rarer shingles to look up)
        f"CREATE TABLE quote_shingle_counts (shingle {big} PRIMARY KEY, n INTEGER NOT NULL)",
        # story events: every stored event is a report of one story event (one real-world event)
        f"CREATE TABLE story_members ({ARTICLE}, event_id TEXT NOT NULL, story_id TEXT NOT NULL, "
        "type TEXT NOT NULL, date TEXT, actors TEXT NOT NULL, recipients TEXT NOT NULL, country TEXT, "
        "PRIMARY KEY (article_id, event_id))",
        "CREATE INDEX story_members_story ON story_members(story_id)",
        "CREATE INDEX story_members_type_date ON story_members(type, date)",
        # search by meaning: one unit vector per quote (float16), with the model that made it
        f"CREATE TABLE quote_vectors ({ARTICLE}, quote_id TEXT NOT NULL, model TEXT NOT NULL, "
        f"vector {blob} NOT NULL, PRIMARY KEY (article_id, quote_id))",
    )
