"""Full-text search over published listings, behind one interface for SQLite and PostgreSQL.

SQLite keeps an FTS5 table, PostgreSQL a `tsvector` column with a GIN index; both are called
`listing_search` and hold one row per listing: the text of its published version and its
organisation's name. `index_listing()` keeps a row in step whenever a version is published or
an organisation renamed; `text_query()` turns what a person typed into a safe query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import (
    Column,
    ColumnElement,
    Date,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    TextClause,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql import Executable

from jobbes.areas import AREAS
from jobbes.models import Listing, ListingVersion, Organisation
from jobbes.services import visibility
from jobbes.services.kept_statements import kept
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


def facet(kind: str, value: ListingType | OccupationalField | str) -> str:
    """A filter's value as a word in the SQLite text index ("t" + job_trial: "tjobtrial"), so
    that words and filters are one query the index answers by itself: a common word in one area
    is then the few hundred listings that have both, not every listing with the word, each
    looked up to see where it is."""
    code = value.value if isinstance(value, ListingType | OccupationalField) else value
    return kind + code.replace("_", "")


def facets(listing: Listing) -> str:
    """A published listing's facets (publish_version copies them from the version first)."""
    assert listing.listing_type is not None
    assert listing.field is not None
    assert listing.area is not None
    return " ".join(
        (facet("t", listing.listing_type), facet("f", listing.field), facet("a", listing.area))
    )


# The SQL of facets(), for rebuilding the index from the listings table.
_FACETS_SQL = (
    "'t' || replace(l.listing_type, '_', '') || ' f' || replace(l.field, '_', '') || "
    "' a' || replace(l.area, '_', '')"
)
# The columns a person's words are looked for in (not the facets).
_TEXT_COLUMNS = "{title body organisation field}"


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
            "INSERT INTO listing_search (rowid, title, body, organisation, field, facets) "
            "VALUES (:id, :title, :body, :organisation, :field, :facets)"
        ),
        {"id": listing.id, **doc, "facets": facets(listing)},
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
            "INSERT INTO listing_search (rowid, title, body, organisation, field, facets) "
            "SELECT l.id, v.title, coalesce(v.description, '') || ' ' || "
            "coalesce(v.learning, '') || ' ' || "
            f"coalesce(v.requirements, ''), o.name, {field_case}, {_FACETS_SQL}" + _PUBLISHED_TEXT
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
    """What matches the words, in the shapes the planners need.

    - `condition` starts from the matching listings (the index is searched once, into a list):
      the cheap plan when there are few of them.
    - `check` asks the same of each listing, but hides the listing id from the planner, so that
      it walks an index in the requested order instead and stops after the page: the cheap plan
      when there are many.
    - `apply` joins the index: the text index then leads, which lets a count stop after the
      cap, and lets `rank` order the matches (lower is better); `newest_first` walks the index's
      own order, newest listing first.
    """

    condition: ColumnElement[bool]
    check: ColumnElement[bool] | None
    apply: Callable[[Select[Any]], Select[Any]]
    rank: ColumnElement[Any]
    newest_first: ColumnElement[Any]


def text_query(
    typed: str,
    *,
    postgresql: bool,
    types: tuple[ListingType, ...] = (),
    fields: tuple[OccupationalField, ...] = (),
    areas: tuple[str, ...] = (),
) -> str | None:
    """What is asked of the text index for these words and filters, as one string (a bound
    value: never part of the SQL), or None when the index has nothing to do.

    On SQLite the kinds, fields and areas given go into the text query too (see `facet()`),
    also without words; the caller filters the listings on them all the same. PostgreSQL
    combines its text index with the listings' own indexes by itself (bitmap scans), and needs
    no such help.
    """
    words = terms(typed)
    if postgresql:
        return " & ".join(f"{word}:*" for word in words) if words else None
    parts = (
        [_TEXT_COLUMNS + " : (" + " ".join(f'"{word}"*' for word in words) + ")"] if words else []
    )
    for kind, values in (("t", types), ("f", fields), ("a", areas)):
        if values:
            parts.append("facets : (" + " OR ".join(facet(kind, value) for value in values) + ")")
    return " AND ".join(parts) or None


def _text_match(*, postgresql: bool, words: bool) -> TextMatch:
    """The text index's part of the queries, with the text query left as the bound parameter
    `text_query`: the same for every search of one shape."""
    asked = bindparam("text_query", type_=String)
    # `id + 0` is the same number, but no index on `id` can find it: see TextMatch.check.
    unindexed_id = Listing.id + 0
    if postgresql:
        tsquery = func.to_tsquery("norwegian", asked)
        document = POSTGRES_INDEX.c.document
        matches = select(POSTGRES_INDEX.c.listing_id).where(document.op("@@")(tsquery))
        return TextMatch(
            condition=Listing.id.in_(matches),
            check=unindexed_id.in_(matches),
            apply=lambda query: query.join(
                POSTGRES_INDEX, POSTGRES_INDEX.c.listing_id == Listing.id
            ).where(document.op("@@")(tsquery)),
            rank=-func.ts_rank(document, tsquery),
            newest_first=POSTGRES_INDEX.c.listing_id.desc(),
        )

    def matches_words() -> TextClause:
        return text("listing_search MATCH :text_query").bindparams(asked)

    return TextMatch(
        condition=Listing.id.in_(select(SQLITE_INDEX.c.rowid).where(matches_words())),
        check=unindexed_id.in_(select(SQLITE_INDEX.c.rowid).where(matches_words()))
        if words
        else None,
        apply=lambda query: query.join(SQLITE_INDEX, SQLITE_INDEX.c.rowid == Listing.id).where(
            matches_words()
        ),
        rank=func.bm25(literal_column("listing_search"), 10.0, 1.0, 4.0, 2.0, 0.0),
        newest_first=SQLITE_INDEX.c.rowid.desc(),
    )


# --- Finding published listings ------------------------------------------------------------------

PER_PAGE = 20
# Counting stops here: past a thousand, "over 1000" says as much and costs the same however
# many listings there are. Nobody pages further than fifty pages either.
MAX_COUNTED = 1000
SORTS = ("relevance", "newest", "deadline")
STARTS = ("now", "within_month", "summer", "later")
_TYPE_VALUES = {member.value for member in ListingType}
T = TypeVar("T")
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
class Page(Generic[T]):
    """One page of results (listings, or the cards of `find_cards`) and how many there are."""

    listings: list[T]
    total: int  # at most MAX_COUNTED + 1
    page: int
    per_page: int = PER_PAGE

    @property
    def more_than_counted(self) -> bool:
        return self.total > MAX_COUNTED

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.total, MAX_COUNTED) // self.per_page))


def _start_condition(start: str) -> ColumnElement[bool]:
    """When the listing starts, with its dates left as bound parameters (`_start_values`)."""
    if start in ("now", "within_month"):
        return or_(
            Listing.start_date.is_(None), Listing.start_date <= bindparam("start_by", type_=Date)
        )
    if start == "summer":
        return Listing.start_date.between(
            bindparam("summer_from", type_=Date), bindparam("summer_to", type_=Date)
        )
    return Listing.start_date > bindparam("start_after", type_=Date)


def _start_values(start: str, today: date) -> dict[str, date]:
    soon, month = today + timedelta(days=14), today + timedelta(days=31)
    if start == "now":
        return {"start_by": soon}
    if start == "within_month":
        return {"start_by": month}
    if start == "summer":
        year = today.year if today.month <= 8 else today.year + 1
        return {"summer_from": date(year, 6, 1), "summer_to": date(year, 8, 31)}
    return {"start_after": month}


def _sqlite_table_hint(_compiler: SQLiteCompiler, _table: object, text: str) -> str:
    return text


# SQLAlchemy keeps `Select.with_hint()` for SQLite but writes nothing; SQLite's hint after a
# table's name is `INDEXED BY`, which this lets through.
SQLiteCompiler.get_from_hint_text = _sqlite_table_hint  # type: ignore[assignment,method-assign]

# The index that walks each order (SQLite's planner, shown a few hundred matching rows in an
# index on a filter, would rather sort those than walk; past the cap walking is cheaper).
_ORDER_INDEXES = {
    "deadline": "ix_listings_status_deadline",
    "newest": "ix_listings_published_at",
    None: "ix_listings_status_published",
}


def _page_query(
    query: Select[Listing], text_match: TextMatch | None, sort: str | None, *, many: bool
) -> Select[Listing]:
    """The query for one page, ordered.

    By default featured listings come first, then the newest, words or not. With words, how the
    matches are found depends on how many there are (the count has just told): a few hundred
    are found through the text index and sorted, which costs little; past the count's cap, the
    listings are walked in the requested order along an index and each is checked against the
    words and filters, so the database stops after the page instead of sorting every match.

    Ranking by how well the text matches ("relevance") has to score every match it orders. Past
    the cap it ranks the newest matches up to the cap (the same thousand the count speaks of),
    so a common word costs a thousand scores, not a hundred thousand.
    """
    if _ranked(text_match, sort):
        assert text_match is not None
        if not many:
            return text_match.apply(query).order_by(*_order(Listing, sort, rank=text_match.rank))
        ranked = (
            text_match.apply(query.with_only_columns(Listing.id, text_match.rank.label("rank")))
            .order_by(text_match.newest_first)
            .limit(MAX_COUNTED + 1)
            .subquery()
        )
        return (
            select(Listing)
            .join(ranked, ranked.c.id == Listing.id)
            .order_by(*_order(Listing, sort, rank=ranked.c.rank))
        )
    if text_match is not None and not many:
        query = query.where(text_match.condition)
    elif text_match is not None and text_match.check is not None:
        query = query.where(text_match.check)
    if many:
        index = _ORDER_INDEXES.get(sort, _ORDER_INDEXES[None])
        query = query.with_hint(Listing, f"INDEXED BY {index}", "sqlite")
    return query.order_by(*_order(Listing, sort))


def _ranked(text_match: TextMatch | None, sort: str | None) -> bool:
    """Ordered by how well the words match (which needs words to match)."""
    return sort == "relevance" and text_match is not None and text_match.check is not None


def _order(columns: Any, sort: str | None, *, rank: Any = None) -> tuple[ColumnElement[Any], ...]:
    """A page's order, written once for the listings table and for subqueries with its column
    names: by the text match's rank when given, else by the sort's keys (by default featured
    first, then the newest); the listing's id last, so that equal keys still give one order."""
    if rank is not None:
        return (rank, columns.id.desc())
    if sort == "deadline":
        return (columns.deadline.asc(), columns.id.desc())
    if sort == "newest":
        return (columns.published_at.desc(), columns.id.desc())
    return (columns.featured.desc(), columns.published_at.desc(), columns.id.desc())


def _count_query(counted: Select[Listing]) -> Select[int]:
    """How many listings match, up to the cap and one more. With words the text index leads
    (`filtered` applies it), so a common word stops after the cap instead of listing every
    match first."""
    up_to_limit = counted.with_only_columns(Listing.id).order_by(None).limit(MAX_COUNTED + 1)
    return select(func.count()).select_from(up_to_limit.subquery())


# What a result card shows, loaded with the listing in the same query (one row a listing: both
# are many-to-one), and nothing else: descriptions are long and no card shows them.
CARD_LOADING = (
    joinedload(Listing.published_version).load_only(
        ListingVersion.title,
        ListingVersion.listing_type,
        ListingVersion.no_experience_needed,
        ListingVersion.area,
        ListingVersion.start_date,
        ListingVersion.end_date,
        ListingVersion.duration,
        ListingVersion.deadline,
    ),
    joinedload(Listing.organisation).load_only(Organisation.name),
)


_CARD_COLUMNS = (
    Listing.id,
    Listing.featured,
    ListingVersion.title,
    ListingVersion.listing_type,
    ListingVersion.no_experience_needed,
    ListingVersion.area,
    ListingVersion.start_date,
    ListingVersion.end_date,
    ListingVersion.duration,
    ListingVersion.deadline,
    Organisation.name,
)


# --- Statements kept per shape --------------------------------------------------------------
#
# A search's statements depend only on its *shape*: which filters it has (not their values),
# words or not, the order, the database, and whether the count passed the cap. The values go
# in as bound parameters. So each shape's statements are built once per process and kept
# (`kept_statements`). There are a few thousand shapes at most (2 x 2^3 x 5 x 2 x 2 x 2 filter
# combinations, 4 orders, 2 plans).


@dataclass(frozen=True)
class _Shape:
    postgresql: bool
    words: bool
    types: bool
    fields: bool
    areas: bool
    start: str | None
    no_experience: bool
    paid: bool
    age: bool
    cap: int  # MAX_COUNTED, which tests lower


@dataclass(frozen=True)
class _Filtered:
    query: Select[Listing]
    counted: Select[Listing]
    text_match: TextMatch | None
    count: Select[int]


def _shape_of(criteria: Criteria, *, postgresql: bool) -> tuple[_Shape, dict[str, Any]]:
    """The search's shape and the values of its bound parameters."""
    asked = text_query(
        criteria.q,
        postgresql=postgresql,
        types=criteria.types,
        fields=criteria.fields,
        areas=criteria.areas,
    )
    start = criteria.start if criteria.start in STARTS else None
    shape = _Shape(
        postgresql=postgresql,
        words=bool(terms(criteria.q)),
        types=bool(criteria.types),
        fields=bool(criteria.fields),
        areas=bool(criteria.areas),
        start=start,
        no_experience=criteria.no_experience,
        paid=criteria.paid,
        age=criteria.age is not None,
        cap=MAX_COUNTED,
    )
    values: dict[str, Any] = {"types": criteria.types, "fields": criteria.fields}
    values |= {"areas": criteria.areas, "age": criteria.age, "text_query": asked}
    return shape, values


def _build(shape: _Shape) -> _Filtered:
    query = visibility.published_listings(bindparam("today", type_=Date))
    if shape.types:
        query = query.where(Listing.listing_type.in_(bindparam("types", expanding=True)))
    if shape.fields:
        query = query.where(Listing.field.in_(bindparam("fields", expanding=True)))
    if shape.areas:
        query = query.where(Listing.area.in_(bindparam("areas", expanding=True)))
    if shape.start is not None:
        query = query.where(_start_condition(shape.start))
    if shape.no_experience:
        query = query.where(Listing.no_experience_needed.is_(True))
    if shape.paid:
        query = query.where(Listing.paid.is_(True))
    if shape.age:
        query = query.where(Listing.minimum_age <= bindparam("age", type_=Integer))
    indexed = shape.words or (not shape.postgresql and (shape.types or shape.fields or shape.areas))
    text_match = _text_match(postgresql=shape.postgresql, words=shape.words) if indexed else None
    counted = query if text_match is None else text_match.apply(query)
    return _Filtered(query, counted, text_match, _count_query(counted))


def _filtered(
    session: Session, criteria: Criteria, today: date
) -> tuple[_Shape, _Filtered, dict[str, Any]]:
    postgresql = session.get_bind().dialect.name == "postgresql"
    shape, values = _shape_of(criteria, postgresql=postgresql)
    values["today"] = today
    if shape.start is not None:
        values |= _start_values(shape.start, today)
    return shape, kept(shape, lambda: _build(shape)), values


def filtered(
    session: Session, criteria: Criteria, *, today: date
) -> tuple[Select[Listing], Select[Listing], TextMatch | None]:
    """Published listings matching every criterion: without the words (to be ranked by them),
    with the words as a condition, and the words' match itself; with their values bound, for
    callers that build on them (saved searches)."""
    _shape, built, values = _filtered(session, criteria, today)
    return built.query.params(values), built.counted.params(values), built.text_match


def _rows(session: Session) -> Connection:
    """The session's connection, for statements that return plain rows (the count, the cards):
    the session's own execute() would set up an ORM result for them. It would also flush first,
    which this does too."""
    if session.autoflush:
        session.flush()
    return session.connection()


def _page_statement(built: _Filtered, sort: str | None, *, many: bool, cards: bool) -> Executable:
    """One page's statement, its offset a bound parameter: of listings, or of cards' rows."""
    ordered = _page_query(built.query, built.text_match, sort, many=many)
    ordered = ordered.limit(PER_PAGE).offset(bindparam("offset", type_=Integer))
    if not cards:
        return ordered.options(*CARD_LOADING)
    return (
        ordered.with_only_columns(*_CARD_COLUMNS, maintain_column_froms=False)
        .join(ListingVersion, ListingVersion.id == Listing.published_version_id)
        .join(Organisation, Organisation.id == Listing.organisation_id)
    )


def _plan(
    session: Session, criteria: Criteria, *, today: date
) -> tuple[Executable | None, dict[str, Any], int, int]:
    """For `find_listings`: the count first, then the kept statement for the asked page of
    listings and its values, the count, and the page; no statement when nothing matches."""
    shape, built, values = _filtered(session, criteria, today)
    total = _rows(session).execute(built.count, values).scalar() or 0
    page = _page_number(criteria)
    values["offset"] = (page - 1) * PER_PAGE
    if total == 0:
        return None, values, 0, 1
    many = total > MAX_COUNTED
    statement = kept(
        (shape, criteria.sort, many, False),
        lambda: _page_statement(built, criteria.sort, many=many, cards=False),
    )
    return statement, values, total, page


def _page_number(criteria: Criteria) -> int:
    return max(1, min(criteria.page, -(-MAX_COUNTED // PER_PAGE)))


def _counted_page(built: _Filtered, sort: str | None) -> Select[Any]:
    """The count and one page of cards in one statement: the matches are found once, up to the
    cap and one more, as the count finds them; those are ordered by the sort's keys alone, and
    only the page's twenty are joined to what their cards show. Each row carries the count in
    front of the card.

    Past the cap the page is right only when ranking by the words, which ranks the newest
    matches up to the cap (`_page_query`): the cap then takes the newest. For any other order
    the cap cut the matches before they were ordered, and the caller walks an index instead."""
    text_match = built.text_match
    ranked = _ranked(text_match, sort)
    keys: list[Any] = [Listing.id, Listing.featured, Listing.published_at, Listing.deadline]
    found = built.counted.order_by(None)
    if ranked:
        assert text_match is not None
        keys.append(text_match.rank.label("rank"))
        found = found.order_by(text_match.newest_first)
    capped = found.with_only_columns(*keys).limit(MAX_COUNTED + 1).subquery()

    def order(c: Any) -> tuple[ColumnElement[Any], ...]:
        return _order(c, sort, rank=c.rank if ranked else None)

    paged = (
        select(*capped.c, func.count().over().label("total"))
        .order_by(*order(capped.c))
        .limit(PER_PAGE)
        .offset(bindparam("offset", type_=Integer))
        .subquery()
    )
    return (
        select(paged.c.total, *_CARD_COLUMNS)
        .select_from(paged)
        .join(Listing, Listing.id == paged.c.id)
        .join(ListingVersion, ListingVersion.id == Listing.published_version_id)
        .join(Organisation, Organisation.id == Listing.organisation_id)
        .order_by(*order(paged.c))
    )


def find_listings(session: Session, criteria: Criteria, *, today: date) -> Page[Listing]:
    """One page of published listings matching the criteria, with the total: two queries,
    however many listings there are."""
    ordered, values, total, page = _plan(session, criteria, today=today)
    if ordered is None:
        return Page(listings=[], total=0, page=1)
    return Page(listings=list(session.scalars(ordered, values).all()), total=total, page=page)


class Card(NamedTuple):
    """What a result card shows of a listing and its published version, as one plain row."""

    id: int
    featured: bool
    title: str
    listing_type: ListingType
    no_experience_needed: bool
    area: str
    start_date: date | None
    end_date: date | None
    duration: str | None
    deadline: date
    organisation: str


def find_cards(session: Session, criteria: Criteria, *, today: date) -> Page[Card]:
    """The same page as `find_listings`, as the rows a result card shows (the listing, its
    published version and its organisation's name, joined), with no ORM objects to build.

    Up to MAX_COUNTED matches (most searches), and for a ranking by the words, the count and
    the page are one statement (`_counted_page`); past it, the count says so, and the page
    walks an index in the asked order (`_page_query`), a second statement."""
    shape, built, values = _filtered(session, criteria, today)
    page = _page_number(criteria)
    values["offset"] = (page - 1) * PER_PAGE
    rows = (
        _rows(session)
        .execute(
            kept((shape, criteria.sort, "counted"), lambda: _counted_page(built, criteria.sort)),
            values,
        )
        .all()
    )
    if rows:
        total = rows[0][0]
        if total <= MAX_COUNTED or _ranked(built.text_match, criteria.sort):
            return Page(listings=[Card._make(row[1:]) for row in rows], total=total, page=page)
    else:
        # Nothing matches, or (past the first page) an old link past the last: the count says.
        total = 0 if page == 1 else _rows(session).execute(built.count, values).scalar() or 0
        if total <= MAX_COUNTED:
            return Page(listings=[], total=total, page=page if total else 1)
    statement = kept(
        (shape, criteria.sort, True, True),
        lambda: _page_statement(built, criteria.sort, many=True, cards=True),
    )
    walked = _rows(session).execute(statement, values)
    return Page(listings=list(map(Card._make, walked)), total=total, page=page)
