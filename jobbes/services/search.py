"""Full-text search over published listings, behind one interface for SQLite and PostgreSQL.

SQLite keeps an FTS5 table, PostgreSQL a `tsvector` column with a GIN index; both are called
`listing_search` and hold one row per listing: the text of its published version and its
organisation's name. `index_listing()` keeps a row in step whenever a version is published or
an organisation renamed; `matching()` turns what a person typed into a safe query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, TextClause, func, or_, select, text
from sqlalchemy.orm import Session, selectinload

from jobbes.models import Listing
from jobbes.services import visibility
from jobbes.vocabulary import FIELD_SEARCH_WORDS, ListingType, OccupationalField

SEARCH_TABLE_PREFIX = "listing_search"
_WORDS = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def terms(typed: str) -> list[str]:
    """The words a person typed, without anything the search syntax would read as an operator."""
    return [word.lower() for word in _WORDS.findall(typed or "")][:MAX_TERMS]


def document(listing: Listing) -> dict[str, str]:
    version = listing.published_version
    assert version is not None
    texts = [version.description, version.learning, version.requirements]
    return {
        "title": version.title,
        "body": " ".join(filter(None, texts)),
        "organisation": listing.organisation.name,
        "field": FIELD_SEARCH_WORDS.get(version.field, ""),
    }


def index_listing(session: Session, listing: Listing) -> None:
    """Put the published text of a listing into the search index (replacing what was there)."""
    doc = document(listing)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(
                "INSERT INTO listing_search (listing_id, document) VALUES (:id, "
                "setweight(to_tsvector('norwegian', :title), 'A') || "
                "setweight(to_tsvector('norwegian', :organisation || ' ' || :field), 'B') || "
                "setweight(to_tsvector('norwegian', :body), 'C')) "
                "ON CONFLICT (listing_id) DO UPDATE SET document = EXCLUDED.document"
            ),
            {"id": listing.id, **doc},
        )
        return
    session.execute(text("DELETE FROM listing_search WHERE rowid = :id"), {"id": listing.id})
    session.execute(
        text(
            "INSERT INTO listing_search (rowid, title, body, organisation, field) "
            "VALUES (:id, :title, :body, :organisation, :field)"
        ),
        {"id": listing.id, **doc},
    )


@dataclass(frozen=True)
class TextMatch:
    """A condition to add to a listings query, and a rank to order by (lower is better)."""

    condition: TextClause
    rank: TextClause


def matching(session: Session, typed: str) -> TextMatch | None:
    """Listings whose text contains every word typed (as a word or the start of one)."""
    words = terms(typed)
    if not words:
        return None
    if session.get_bind().dialect.name == "postgresql":
        query = " & ".join(f"{word}:*" for word in words)
        return TextMatch(
            condition=text(
                "listings.id IN (SELECT listing_id FROM listing_search "
                "WHERE document @@ to_tsquery('norwegian', :search_where))"
            ).bindparams(search_where=query),
            rank=text(
                "(SELECT -ts_rank(document, to_tsquery('norwegian', :search_rank)) "
                "FROM listing_search WHERE listing_search.listing_id = listings.id)"
            ).bindparams(search_rank=query),
        )
    query = " ".join(f'"{word}"*' for word in words)
    return TextMatch(
        condition=text(
            "listings.id IN "
            "(SELECT rowid FROM listing_search WHERE listing_search MATCH :search_where)"
        ).bindparams(search_where=query),
        rank=text(
            "(SELECT bm25(listing_search, 10.0, 1.0, 4.0, 2.0) FROM listing_search "
            "WHERE listing_search MATCH :search_rank AND listing_search.rowid = listings.id)"
        ).bindparams(search_rank=query),
    )


# --- Finding published listings ------------------------------------------------------------------

PER_PAGE = 20
SORTS = ("relevance", "newest", "deadline")
STARTS = ("now", "within_month", "summer", "later")


@dataclass(frozen=True)
class Criteria:
    """What a person searched for; every part optional."""

    q: str = ""
    types: tuple[ListingType, ...] = ()
    fields: tuple[OccupationalField, ...] = ()
    areas: tuple[str, ...] = ()
    start: str | None = None
    no_experience: bool = False
    paid: bool = False
    age: int | None = None  # "open to my age", for a logged-in young person
    sort: str | None = None
    page: int = 1


@dataclass(frozen=True)
class Page:
    listings: list[Listing]
    total: int
    page: int
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _start_condition(start: str, today: date) -> ColumnElement[bool]:
    soon, month = today + timedelta(days=14), today + timedelta(days=31)
    if start == "now":
        return or_(Listing.start_date.is_(None), Listing.start_date <= soon)
    if start == "within_month":
        return or_(Listing.start_date.is_(None), Listing.start_date <= month)
    if start == "summer":
        year = today.year if today.month <= 8 else today.year + 1
        return Listing.start_date.between(date(year, 6, 1), date(year, 8, 31))
    return Listing.start_date > month


def find_listings(session: Session, criteria: Criteria, *, today: date) -> Page:
    """One page of published listings matching the criteria, with the total: three queries,
    however many listings there are."""
    query = visibility.published_listings(today)
    if criteria.types:
        query = query.where(Listing.listing_type.in_(criteria.types))
    if criteria.fields:
        query = query.where(Listing.field.in_(criteria.fields))
    if criteria.areas:
        query = query.where(Listing.area.in_(criteria.areas))
    if criteria.start in STARTS:
        query = query.where(_start_condition(criteria.start, today))
    if criteria.no_experience:
        query = query.where(Listing.no_experience_needed.is_(True))
    if criteria.paid:
        query = query.where(Listing.paid.is_(True))
    if criteria.age is not None:
        query = query.where(Listing.minimum_age <= criteria.age)
    text_match = matching(session, criteria.q)
    if text_match is not None:
        query = query.where(text_match.condition)

    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    sort = criteria.sort if criteria.sort in SORTS else None
    if sort == "newest":
        order = [Listing.published_at.desc()]
    elif sort == "deadline":
        order = [Listing.deadline.asc()]
    elif sort == "relevance" and text_match is not None:
        order = [text_match.rank]
    else:  # featured first, then the best text match or the newest
        order = [Listing.featured.desc()]
        order += [text_match.rank] if text_match is not None else []
        order += [Listing.published_at.desc()]
    page = max(1, criteria.page)
    rows = session.scalars(
        query.order_by(*order, Listing.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
        .options(selectinload(Listing.published_version), selectinload(Listing.organisation))
    ).all()
    return Page(listings=list(rows), total=total, page=page)
