"""Searches a young person saved: keeping them, and the alert that tells of new listings.

A saved search is the query string `/listings` read it from; it is turned back into criteria by
the search service's own parser and run through its own filters, so an alert finds exactly what
the person would see on the page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import parse_qs, urlencode

from sqlalchemy import ColumnElement, and_, func, or_, select, text, update
from sqlalchemy.orm import Session

from jobbes.models import (
    AlertFrequency,
    Channel,
    Delivery,
    DeliveryStatus,
    Interest,
    Listing,
    Notification,
    NotificationKind,
    Profile,
    SavedSearch,
    SavedSearchListing,
    User,
)
from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.models.profiles import age_on
from jobbes.services import search
from jobbes.services.errors import DomainError
from jobbes.services.notifications import Note, notify_many

# A person keeps a short list; the list page counts what is new for each of them.
MAX_PER_PERSON = 20
ALERT_MONTHS = 6  # as NAV: an alert nobody renews stops
WARN_BEFORE = timedelta(days=7)
# The query string's parts a saved search keeps: what is searched for and in which order.
KEPT_ARGS = ("q", "type", "field", "area", "start", "no_experience", "paid", "my_age", "sort")
# An alert that has not run for long (paused, or the jobs were down) reports only this far back.
LOOK_BACK = timedelta(days=14)


class TooManySavedSearches(DomainError):
    """The person already keeps MAX_PER_PERSON searches."""


def canonical_query(args: Iterable[tuple[str, str]]) -> str:
    """The query string of a search in one order, without paging: identical searches compare
    equal, and the page it links back to is the search itself."""
    kept = sorted((key, value) for key, value in args if key in KEPT_ARGS and value)
    return urlencode(sorted(set(kept)))


def _args(query: str) -> dict[str, list[str]]:
    return parse_qs(query, keep_blank_values=False)


def criteria_of(query: str, *, age: int | None = None) -> search.Criteria:
    return search.Criteria.from_args(_args(query), age=age)


def uses_age(query: str) -> bool:
    return bool(_args(query).get("my_age"))


def add_months(moment: datetime, months: int) -> datetime:
    """The same local day and time `months` later (the month's last day if it has no such day)."""
    local = moment.astimezone(LOCAL_TIMEZONE)
    month_index = local.month - 1 + months
    year, month = local.year + month_index // 12, month_index % 12 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    later = local.replace(year=year, month=month, day=min(local.day, last_day))
    return later.astimezone(UTC)


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TIMEZONE).date()


def start_of_local_day(day: date) -> datetime:
    return datetime.combine(day, time(), LOCAL_TIMEZONE).astimezone(UTC)


# --- Keeping them -------------------------------------------------------------------------------


def saved_searches_of(session: Session, user: User) -> list[SavedSearch]:
    return list(
        session.scalars(
            select(SavedSearch)
            .where(SavedSearch.user_id == user.id)
            .order_by(SavedSearch.created_at.desc(), SavedSearch.id.desc())
        )
    )


def saved_search_of(session: Session, user: User, saved_search_id: int) -> SavedSearch | None:
    """One of this person's saved searches; None for anyone else's."""
    return session.scalar(
        select(SavedSearch).where(SavedSearch.id == saved_search_id, SavedSearch.user_id == user.id)
    )


def save_search(
    session: Session,
    user: User,
    *,
    name: str,
    query: str,
    frequency: AlertFrequency,
    now: datetime,
) -> SavedSearch:
    """Keep the search; listings already published count as seen (they were on the page)."""
    count = session.scalar(
        select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == user.id)
    )
    if (count or 0) >= MAX_PER_PERSON:
        raise TooManySavedSearches(str(MAX_PER_PERSON))
    saved = SavedSearch(
        user_id=user.id,
        name=name.strip()[:100],
        query=query,
        frequency=frequency,
        weekday=local_date(now).weekday(),
        created_at=now,
        alerts_until=add_months(now, ALERT_MONTHS),
        last_run_at=now,
        last_seen_at=now,
    )
    session.add(saved)
    session.flush()
    return saved


def rename(saved: SavedSearch, name: str) -> None:
    saved.name = name.strip()[:100]


def set_frequency(saved: SavedSearch, frequency: AlertFrequency, *, now: datetime) -> None:
    if frequency is AlertFrequency.WEEKLY and saved.frequency is not AlertFrequency.WEEKLY:
        # A week from the day it was chosen, not from whenever the search was first saved.
        saved.weekday = local_date(now).weekday()
    if saved.frequency is AlertFrequency.NONE and frequency is not AlertFrequency.NONE:
        # Listings published while alerts were off were not promised to anyone.
        saved.last_run_at = now
    saved.frequency = frequency


def renew(saved: SavedSearch, *, now: datetime) -> None:
    """Six more months from today, and a new warning before they end."""
    if saved.alerts_until < now:
        saved.last_run_at = now  # what was published while it had stopped is not "new"
    saved.alerts_until = add_months(now, ALERT_MONTHS)
    saved.expiry_warned_at = None


def remove(session: Session, saved: SavedSearch) -> None:
    session.delete(saved)
    session.flush()


def mark_seen(saved: SavedSearch, *, now: datetime) -> None:
    saved.last_seen_at = now


def is_active(saved: SavedSearch, now: datetime) -> bool:
    return saved.frequency is not AlertFrequency.NONE and saved.alerts_until > now


def new_since_last_look(
    session: Session, saved: SavedSearch, *, today: date, age: int | None
) -> int:
    """How many listings now matching were published since the person last opened the search
    (counting stops at search.MAX_COUNTED)."""
    _query, counted, _text = search.filtered(
        session, criteria_of(saved.query, age=age if uses_age(saved.query) else None), today=today
    )
    recent = (
        counted.where(Listing.published_at > saved.last_seen_at)
        .with_only_columns(Listing.id)
        .limit(search.MAX_COUNTED + 1)
    )
    return session.scalar(select(func.count()).select_from(recent.subquery())) or 0


# --- The alert run ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertRun:
    searches_run: int
    filter_sets: int
    alerts: int
    listings_sent: int
    warnings: int


def link_to(saved_search_id: int) -> str:
    return f"/listings/saved/{saved_search_id}"


def _due(now: datetime) -> ColumnElement[bool]:
    today = local_date(now)
    return and_(
        SavedSearch.alerts_until > now,
        # At most once a local day, whenever the job runs that day.
        SavedSearch.last_run_at < start_of_local_day(today),
        or_(
            SavedSearch.frequency == AlertFrequency.DAILY,
            and_(
                SavedSearch.frequency == AlertFrequency.WEEKLY,
                SavedSearch.weekday == today.weekday(),
            ),
        ),
    )


class AlreadyRunning(DomainError):
    """Another run claimed some of the same searches first; this one must roll back."""


def warn_expiring(session: Session, now: datetime) -> int:
    """Tell each person once, a week ahead, that a saved search's alerts are about to stop."""
    expiring = select(
        SavedSearch.id, SavedSearch.user_id, SavedSearch.name, SavedSearch.alerts_until
    )
    condition = and_(
        SavedSearch.frequency != AlertFrequency.NONE,
        SavedSearch.alerts_until > now,
        SavedSearch.alerts_until <= now + WARN_BEFORE,
        SavedSearch.expiry_warned_at.is_(None),
    )
    rows = session.execute(expiring.where(condition)).all()
    if not rows:
        return 0
    notes = [
        Note(
            user_id,
            NotificationKind.SAVED_SEARCH_EXPIRING,
            link="/listings/saved",
            params={"search": name, "day": local_date(until)},
        )
        for _id, user_id, name, until in rows
    ]
    notify_many(session, notes, now=now)
    session.execute(
        update(SavedSearch)
        .where(SavedSearch.id.in_([row[0] for row in rows]))
        .values(expiry_warned_at=now)
        .execution_options(synchronize_session=False)
    )
    return len(rows)


def _record_sent(session: Session, rows: list[tuple[int, int]]) -> None:
    """Write what was sent in one go: a run may send a million (search, listing) pairs (1,000
    new listings, 10,000 searches), too many for SQLAlchemy's per-row parameters and, on
    PostgreSQL, for a round trip each."""
    table = SavedSearchListing.__tablename__
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        searches, listings = zip(*rows, strict=True)
        session.execute(
            text(
                f"INSERT INTO {table} (saved_search_id, listing_id) "  # noqa: S608 - the model's name
                "SELECT * FROM unnest(CAST(:searches AS integer[]), CAST(:listings AS integer[]))"
            ),
            {"searches": list(searches), "listings": list(listings)},
        )
        return
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    connection.exec_driver_sql(
        f"INSERT INTO {table} (saved_search_id, listing_id) VALUES ({marker}, {marker})",  # noqa: S608 - the model's name
        rows,
    )


def run_saved_search_alerts(session: Session, now: datetime) -> AlertRun:
    """Tell every person whose saved search is due of the listings published since it last ran
    that match it, leaving out those it already told of and those they are interested in.

    Identical searches are evaluated once, and only against the new listings: the number of
    queries grows with the number of distinct searches, not with the number of searches."""
    today = local_date(now)
    warnings = warn_expiring(session, now)
    due = session.execute(
        select(
            SavedSearch.id,
            SavedSearch.user_id,
            SavedSearch.name,
            SavedSearch.query,
            SavedSearch.last_run_at,
        ).where(_due(now))
    ).all()
    if not due:
        return AlertRun(0, 0, 0, 0, warnings)
    since = {row.id: max(row.last_run_at, now - LOOK_BACK) for row in due}
    oldest = min(since.values())

    # The same search saved by many people (or twice by one) is one filter set. Age and order
    # are left out of it: the order changes nothing and the age is checked per person below.
    groups: dict[search.Criteria, list[int]] = defaultdict(list)
    for row in due:
        groups[without_order(criteria_of(row.query))].append(row.id)

    # (listing id, published at, minimum age) of each filter set's new matches.
    matches: dict[search.Criteria, list[tuple[int, datetime | None, int | None]]] = {}
    for criteria, ids in groups.items():
        group_since = min(since[i] for i in ids)
        _query, counted, _text = search.filtered(session, criteria, today=today)
        matches[criteria] = [
            (listing_id, published_at, minimum_age)
            for listing_id, published_at, minimum_age in session.execute(
                counted.where(Listing.published_at > group_since)
                .with_only_columns(Listing.id, Listing.published_at, Listing.minimum_age)
                .order_by(None)
            )
        ]

    new_listings = select(Listing.id).where(Listing.published_at > oldest)
    due_users = select(SavedSearch.user_id).where(_due(now))
    already_sent = set(
        session.execute(
            select(SavedSearchListing.saved_search_id, SavedSearchListing.listing_id).where(
                SavedSearchListing.listing_id.in_(new_listings)
            )
        )
    )
    interested = set(
        session.execute(
            select(Interest.profile_id, Interest.listing_id).where(
                Interest.listing_id.in_(new_listings), Interest.profile_id.in_(due_users)
            )
        )
    )
    ages = {
        user_id: age_on(birth_date, today)
        for user_id, birth_date in session.execute(
            select(Profile.user_id, Profile.birth_date).where(Profile.user_id.in_(due_users))
        )
    }

    notes: list[Note] = []
    sent_rows: list[tuple[int, int]] = []
    row_by_id = {row.id: row for row in due}
    for criteria, ids in groups.items():
        for saved_id in ids:
            row = row_by_id[saved_id]
            # The same rule as the search's "open to my age" filter (no age, no listing).
            age = ages.get(row.user_id, -1) if uses_age(row.query) else None
            cutoff = since[saved_id]
            fresh = [
                listing_id
                for listing_id, published_at, minimum_age in matches[criteria]
                if published_at is not None
                and published_at > cutoff
                and (age is None or (minimum_age is not None and age >= 0 and minimum_age <= age))
                and (saved_id, listing_id) not in already_sent
                and (row.user_id, listing_id) not in interested
            ]
            if not fresh:
                continue
            notes.append(
                Note(
                    row.user_id,
                    NotificationKind.SAVED_SEARCH_NEW_LISTINGS,
                    link=link_to(saved_id),
                    params={"search": row.name, "count": len(fresh)},
                )
            )
            sent_rows.extend((saved_id, listing_id) for listing_id in fresh)

    alerts = notify_many(session, notes, now=now)
    if sent_rows:
        _record_sent(session, sent_rows)
    claimed = session.execute(
        update(SavedSearch)
        .where(_due(now))
        .values(last_run_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(claimed, "rowcount", len(due)) != len(due):
        raise AlreadyRunning(str(now))
    return AlertRun(len(due), len(groups), alerts, len(sent_rows), warnings)


def pending_deliveries(session: Session, now: datetime) -> list[int]:
    """The deliveries a run at `now` wrote that wait to be sent at once."""
    return list(
        session.scalars(
            select(Delivery.id)
            .join(Notification, Notification.id == Delivery.notification_id)
            .where(
                Notification.created_at == now,
                Notification.kind.in_(
                    (
                        NotificationKind.SAVED_SEARCH_NEW_LISTINGS,
                        NotificationKind.SAVED_SEARCH_EXPIRING,
                    )
                ),
                Delivery.status == DeliveryStatus.PENDING,
                # Texts go out per person through their own task, folded.
                Delivery.channel == Channel.EMAIL,
            )
            .order_by(Delivery.id)
        )
    )


def without_order(criteria: search.Criteria) -> search.Criteria:
    return replace(criteria, sort=None, page=1)
