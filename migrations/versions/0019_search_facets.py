"""SQLite's text index also holds each listing's kind, field and area as words ("facets"), so
that words and filters are one query the index answers by itself (services.search.facet).

PostgreSQL combines its text index with the listings' indexes by itself: nothing changes there.
An FTS5 table cannot gain a column; a new one is filled from the old and takes its name.

Revision ID: 0019
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_TEXT = "title, body, organisation, field"
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
# The same words as services.search.facets(), from the listing's own columns.
_FACETS = (
    "'t' || replace(l.listing_type, '_', '') || ' f' || replace(l.field, '_', '') || "
    "' a' || replace(l.area, '_', '')"
)


def _replace(columns: str, select: str) -> None:
    op.execute(f"CREATE VIRTUAL TABLE listing_search_new USING fts5({columns}, {_TOKENIZE})")
    op.execute(f"INSERT INTO listing_search_new (rowid, {columns}) {select}")
    op.execute("DROP TABLE listing_search")
    op.execute("ALTER TABLE listing_search_new RENAME TO listing_search")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    _replace(
        f"{_TEXT}, facets",
        f"SELECT s.rowid, s.title, s.body, s.organisation, s.field, {_FACETS} "
        "FROM listing_search s JOIN listings l ON l.id = s.rowid",
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    _replace(_TEXT, f"SELECT rowid, {_TEXT} FROM listing_search")
