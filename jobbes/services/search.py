"""Full-text search over published listings, behind one interface for SQLite and PostgreSQL.

SQLite keeps an FTS5 table, PostgreSQL a `tsvector` column with a GIN index; both are called
`listing_search` and hold one row per listing: the text of its published version and its
organisation's name. `index_listing()` keeps a row in step whenever a version is published or
an organisation renamed; `matching()` turns what a person typed into a safe query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Select,
    Table,
    TextClause,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Session, selectinload

from jobbes.areas import AREAS
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


_PUBLISHED_TEXT = (
    " FROM listings l JOIN listing_versions v ON v.id = l.published_version_id "
    "JOIN organisations o ON o.id = l.organisation_id"
)


def rebuild_index(session: Session) -> None:
    """Index every published listing again from scratch: after bulk loads, or to repair."""
    field_words = " ".join(
        f"WHEN '{field.value}' THEN '{words}'" for field, words in FIELD_SEARCH_WORDS.items()
    )
    field_case = f"CASE v.field {field_words} ELSE '' END"
    session.execute(text("DELETE FROM listing_search"))
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(
                "INSERT INTO listing_search (listing_id, document) SELECT l.id, "
                "setweight(to_tsvector('norwegian', v.title), 'A') || "
                f"setweight(to_tsvector('norwegian', o.name || ' ' || {field_case}), 'B') || "
                "setweight(to_tsvector('norwegian', "
                "concat_ws(' ', v.description, v.learning, v.requirements)), 'C')" + _PUBLISHED_TEXT
            )
        )
        return
    session.execute(
        text(
            "INSERT INTO listing_search (rowid, title, body, organisation, field) SELECT l.id, "
            "v.title, coalesce(v.description, '') || ' ' || coalesce(v.learning, '') || ' ' || "
            f"coalesce(v.requirements, ''), o.name, {field_case}" + _PUBLISHED_TEXT
        )
    )


# The index tables, described only as far as queries need them. They have a MetaData of their
# own: the ORM models and Alembic's comparison never see them.
SQLITE_INDEX = Table("listing_search", MetaData(), Column("rowid", Integer, primary_key=True))
POSTGRES_INDEX = Table(
    "listing_search",
    MetaData(),
    Column("listing_id", Integer, primary_key=True),
    Column("document", TSVECTOR),
)


@dataclass(frozen=True)
class TextMatch:
    """What matches the words, in the two shapes the planners need: `condition` keeps only
    matching listings (the index is searched once), `apply` also joins the index so that
    `rank` can order them (lower is better)."""

    condition: ColumnElement[bool]
    apply: Callable[[Select[Listing]], Select[Listing]]
    rank: ColumnElement[Any]


def matching(session: Session, typed: str) -> TextMatch | None:
    """Listings whose text contains every word typed (as a word or the start of one)."""
    words = terms(typed)
    if not words:
        return None
    if session.get_bind().dialect.name == "postgresql":
        tsquery = func.to_tsquery("norwegian", " & ".join(f"{word}:*" for word in words))
        document = POSTGRES_INDEX.c.document
        return TextMatch(
            condition=Listing.id.in_(
                select(POSTGRES_INDEX.c.listing_id).where(document.op("@@")(tsquery))
            ),
            apply=lambda query: query.join(
                POSTGRES_INDEX, POSTGRES_INDEX.c.listing_id == Listing.id
            ).where(document.op("@@")(tsquery)),
            rank=-func.ts_rank(document, tsquery),
        )
    fts_query = " ".join(f'"{word}"*' for word in words)

    def matches_words() -> TextClause:
        return text("listing_search MATCH :fts_query").bindparams(fts_query=fts_query)

    return TextMatch(
        condition=Listing.id.in_(select(SQLITE_INDEX.c.rowid).where(matches_words())),
        apply=lambda query: query.join(SQLITE_INDEX, SQLITE_INDEX.c.rowid == Listing.id).where(
            matches_words()
        ),
        rank=func.bm25(literal_column("listing_search"), 10.0, 1.0, 4.0, 2.0),
    )


# --- Finding published listings ------------------------------------------------------------------

PER_PAGE = 20
# Counting stops here: past a thousand, "over 1000" says as much and costs the same however
# many listings there are. Nobody pages further than fifty pages either.
MAX_COUNTED = 1000
SORTS = ("relevance", "newest", "deadline")
STARTS = ("now", "within_month", "summer", "later")
_TYPE_VALUES = {member.value for member in ListingType}
_FIELD_VALUES = {member.value for member in OccupationalField}


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

    @classmethod
    def from_args(
        cls, args: Mapping[str, str | Sequence[str]], *, age: int | None = None, page: int = 1
    ) -> Criteria:
        """The search a query string asks for (as `/listings` writes it); values that are not (or no
        longer) in the vocabulary are left out rather than refused, as saved searches outlive it."""

        def values(name: str) -> list[str]:
            value = args.get(name) or []
            return [value] if isinstance(value, str) else list(value)

        def first(name: str) -> str:
            found = values(name)
            return found[0] if found else ""

        area_codes = {area.code for area in AREAS}
        return cls(
            q=first("q")[:100],
            types=tuple(
                ListingType(t) for t in values("type") if t in ListingType._value2member_map_
            ),
            fields=tuple(OccupationalField(f) for f in values("field")[:1] if f in _FIELD_VALUES),
            areas=tuple(a for a in values("area")[:1] if a in area_codes),
            start=first("start") if first("start") in STARTS else None,
            no_experience=bool(first("no_experience")),
            paid=bool(first("paid")),
            age=age,
            sort=first("sort") if first("sort") in SORTS else None,
            page=page,
        )


@dataclass(frozen=True)
class Page:
    listings: list[Listing]
    total: int  # at most MAX_COUNTED + 1
    page: int
    per_page: int = PER_PAGE

    @property
    def more_than_counted(self) -> bool:
        return self.total > MAX_COUNTED

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.total, MAX_COUNTED) // self.per_page))


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


def _ordered(
    query: Select[Listing],
    counted: Select[Listing],
    text_match: TextMatch | None,
    sort: str | None,
) -> tuple[Select[Listing], list[ColumnElement[Any]]]:
    """The query for one page and its order. By default featured listings come first, then the
    newest, words or not; ranking by how well the text matches is asked for ("relevance"), as
    only it has to score every match."""
    if sort == "deadline":
        return counted, [Listing.deadline.asc()]
    if sort == "newest":
        return counted, [Listing.published_at.desc()]
    if sort == "relevance" and text_match is not None:
        return text_match.apply(query), [text_match.rank]
    return counted, [Listing.featured.desc(), Listing.published_at.desc()]


def filtered(
    session: Session, criteria: Criteria, *, today: date
) -> tuple[Select[Listing], Select[Listing], TextMatch | None]:
    """Published listings matching every criterion: without the words (to be ranked by them),
    with the words as a condition, and the words' match itself."""
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
    counted = query if text_match is None else query.where(text_match.condition)
    return query, counted, text_match


def find_listings(session: Session, criteria: Criteria, *, today: date) -> Page:
    """One page of published listings matching the criteria, with the total: three queries,
    however many listings there are."""
    query, counted, text_match = filtered(session, criteria, today=today)
    up_to_limit = counted.with_only_columns(Listing.id).order_by(None).limit(MAX_COUNTED + 1)
    total = session.scalar(select(func.count()).select_from(up_to_limit.subquery())) or 0

    query, order = _ordered(query, counted, text_match, criteria.sort)
    page = max(1, min(criteria.page, -(-MAX_COUNTED // PER_PAGE)))
    rows = session.scalars(
        query.order_by(*order, Listing.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
        .options(selectinload(Listing.published_version), selectinload(Listing.organisation))
    ).all()
    return Page(listings=list(rows), total=total, page=page)
