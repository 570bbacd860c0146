"""The programme's numbers: how many young people reach each step, how long they wait, which
employers take part, and what came of it, by month, quarter or year.

Rolled up, not counted live. The numbers are asked for by month and change slowly, while a
live count would group every interest and every step of its timeline (200,000 and more) on each
visit. `refresh()` works out every month's counts once (the worker runs it every hour, and
`jobbes refresh-indicators` by hand) into `indicator_counts`; `read()` then sums a few hundred
rows for the page. Each count is of people, listings or interests that share a month, a step,
an age band, an area and a kind of listing: ages are worked out from birth dates in SQL, and no
birth date or person leaves the database.

Small numbers protect people: a count under 5 is shown as "<5" and any rate, share or median
worked out from one is not shown at all (`Count`, `rate`).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    Date,
    FunctionElement,
    Integer,
    Select,
    String,
    case,
    delete,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

from jobbes.models import (
    Agreement,
    AgreementStatus,
    Evaluation,
    FollowUp,
    IndicatorCount,
    IndicatorRefresh,
    Interest,
    InterestEvent,
    InterestStatus,
    Listing,
    Organisation,
    Profile,
    User,
)
from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.models.evaluations import NowDoing, Outcome
from jobbes.vocabulary import ListingType, Sector

S = InterestStatus

# The funnel, in order. The first two are about the person, whatever kind of listing is asked.
STEPS = (
    "registered",
    "complete_profile",
    "first_interest",
    "first_answer",
    "talk",
    "trial_agreed",
    "trial_completed",
    "offer",
    "hired",
)
PERSON_STEPS = ("registered", "complete_profile")
INTEREST_STEPS = STEPS[2:]
# An employer's answer: anything but reading it. A kind "no" is an answer too.
ANSWERS = (S.TALK, S.TRIAL_AGREED, S.OFFERED, S.DECLINED)

AGE_BANDS = ("15-17", "18-24", "25-30")
SECTORS = (Sector.PRIVATE.value, Sector.PUBLIC.value, Sector.VOLUNTARY.value, "")
LISTING_TYPES = tuple(kind.value for kind in ListingType)
PERIOD_KINDS = ("month", "quarter", "year")

SMALL = 5  # counts below this are shown as "<5", and nothing is worked out from them
# The programme's rule: nobody under 30 waits more than 8 weeks without an offer.
WAITING_LIMIT = timedelta(weeks=8)
LONGEST_WAIT_COUNTED = 365  # days; longer waits are counted as a year
TREND_MONTHS = 12
# Response rates: the share of interests an organisation received in the period that it has
# answered, in these bands (lower bound, upper bound exclusive), for organisations with enough.
RESPONSE_BANDS = ((0, 25), (25, 50), (50, 75), (75, 101))

# Metric names in `indicator_counts`.
LOOKING = "looking"  # at the month's end: sent an interest, not hired
PAST_LIMIT = "past_limit"  # ... and waited more than 8 weeks since the first, with no offer
WAIT_ANSWER = "wait_answer"
WAIT_TRIAL = "wait_trial"
LISTINGS_PUBLISHED = "listings_published"
TRIALS_HOSTED = "trials_hosted"
ORG_ACTIVE = "org_active"  # ...:month, ...:quarter, ...:year: organisations, by sector
ORG_RATE = "org_rate"  # the same, by response band (bucket: an index into RESPONSE_BANDS)
TOO_FEW_TO_RATE = len(RESPONSE_BANDS)  # the bucket of organisations with under 5 interests
ALL = "*"  # every age band, or every area, together
# What came of a trial, by the evaluation's outcome (counted in the month the workplace wrote
# it), and what the young person was doing 3 and 6 months on (in the month they were asked).
OUTCOMES = tuple(outcome.value for outcome in Outcome)
FOLLOW_UP_MONTHS = (3, 6)
FOLLOW_UP_ANSWERS = (*(answer.value for answer in NowDoing), "unanswered")
OUTCOME = "outcome:"  # + the outcome
FOLLOW_UP = "follow_up_{months}:"  # + the answer, or "unanswered"
OUTCOME_METRICS = tuple(OUTCOME + o for o in OUTCOMES) + tuple(
    FOLLOW_UP.format(months=m) + a for m in FOLLOW_UP_MONTHS for a in FOLLOW_UP_ANSWERS
)


# --- Ages and days in SQL --------------------------------------------------------------------


class age_at(FunctionElement[int]):
    """Whole years from a birth date to a day, as `profiles.age_on` counts them (a 29 February
    birthday on 1 March), on SQLite and PostgreSQL."""

    type = Integer()
    inherit_cache = True
    name = "age_at"


@compiles(age_at)
def _age_at_sqlite(element: age_at, compiler: SQLCompiler, **kw: Any) -> str:
    birth, day = (compiler.process(c, **kw) for c in element.clauses)
    return (
        f"(CAST(strftime('%Y', {day}) AS INTEGER) - CAST(strftime('%Y', {birth}) AS INTEGER)"
        f" - (strftime('%m-%d', {day}) < strftime('%m-%d', {birth})))"
    )


@compiles(age_at, "postgresql")
def _age_at_postgresql(element: age_at, compiler: SQLCompiler, **kw: Any) -> str:
    birth, day = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(date_part('year', age(CAST({day} AS date), {birth})) AS INTEGER)"


class utc_day(FunctionElement[date]):
    """The UTC calendar day of a timestamp."""

    type = Date()
    inherit_cache = True
    name = "utc_day"


@compiles(utc_day)
def _utc_day_sqlite(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(next(iter(element.clauses)), **kw)})"


@compiles(utc_day, "postgresql")
def _utc_day_postgresql(element: utc_day, compiler: SQLCompiler, **kw: Any) -> str:
    return (
        f"CAST(({compiler.process(next(iter(element.clauses)), **kw)} AT TIME ZONE 'UTC') AS date)"
    )


def _band(age: Any) -> Any:
    """The programme's age band of an age, in SQL; "" outside 15–30."""
    return case(
        (age < 15, ""),
        (age <= 17, "15-17"),
        (age <= 24, "18-24"),
        (age <= 30, "25-30"),
        else_="",
    )


def _band_on(birth: Any, moment: Any, *, is_date: bool = False) -> Any:
    return _band(age_at(birth, moment if is_date else utc_day(moment)))


# --- Months and periods ----------------------------------------------------------------------


def month_of(moment: datetime | date) -> date:
    """The first day of the month a moment falls in, on Kristiansand's calendar."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(LOCAL_TIMEZONE).date()
    return moment.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def _months(first: date, last: date) -> Iterator[date]:
    month = first
    while month <= last:
        yield month
        month = add_months(month, 1)


@dataclass(frozen=True)
class Period:
    """A calendar month, quarter or year."""

    kind: str
    start: date

    @property
    def length(self) -> int:
        return {"month": 1, "quarter": 3, "year": 12}[self.kind]

    @property
    def end(self) -> date:
        """The first day after the period."""
        return add_months(self.start, self.length)

    @property
    def last_month(self) -> date:
        return add_months(self.end, -1)

    @property
    def previous(self) -> Period:
        return Period(self.kind, add_months(self.start, -self.length))

    @property
    def key(self) -> str:
        """How the period is written in a URL: 2026-11, 2026-Q4 or 2026."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @classmethod
    def containing(cls, kind: str, day: date) -> Period:
        if kind == "month":
            return cls(kind, day.replace(day=1))
        if kind == "quarter":
            return cls(kind, date(day.year, (day.month - 1) // 3 * 3 + 1, 1))
        return cls("year", date(day.year, 1, 1))

    @classmethod
    def parse(cls, key: str) -> Period | None:
        """The period a URL names, or None if it names none."""
        try:
            if len(key) == 4:
                return cls("year", date(int(key), 1, 1))
            year, rest = key.split("-")
            if rest.startswith("Q") and rest[1:] in ("1", "2", "3", "4"):
                return cls("quarter", date(int(year), (int(rest[1:]) - 1) * 3 + 1, 1))
            return cls("month", date(int(year), int(rest), 1))
        except ValueError:
            return None


def choosable_periods(today: date) -> dict[str, list[Period]]:
    """The periods one may choose, newest first: 24 months, 8 quarters, 5 years."""
    chosen: dict[str, list[Period]] = {}
    for kind, count in (("month", 24), ("quarter", 8), ("year", 5)):
        period = Period.containing(kind, today)
        chosen[kind] = []
        for _ in range(count):
            chosen[kind].append(period)
            period = period.previous
    return chosen


# --- Refreshing the rollup -------------------------------------------------------------------


def _first(statuses: Sequence[InterestStatus]) -> Any:
    return func.min(case((InterestEvent.status.in_(statuses), InterestEvent.created_at)))


def _firsts_per_person(*, by_kind: bool, today: date) -> Select[Any]:
    """For each young person (and kind of listing), when they first reached each step."""
    kind = func.coalesce(Listing.listing_type, "", type_=String) if by_kind else literal("")
    # Completed: the trial agreement's own completion (its last day) where the trial has one;
    # for a trial agreed without an agreement, its last day having passed.
    trial_done = func.min(
        case(
            (
                Agreement.id.is_not(None) & (Agreement.status == AgreementStatus.COMPLETED),
                Agreement.end_date,
            ),
            (
                Agreement.id.is_(None)
                & (InterestEvent.status == S.TRIAL_AGREED)
                & (Interest.trial_end < today),
                Interest.trial_end,
            ),
        )
    )
    query = (
        select(
            Interest.profile_id.label("profile_id"),
            kind.label("kind"),
            _first([S.SENT]).label("first_interest"),
            _first(ANSWERS).label("first_answer"),
            _first([S.TALK]).label("talk"),
            _first([S.TRIAL_AGREED]).label("trial_agreed"),
            trial_done.label("trial_completed"),
            _first([S.OFFERED]).label("offer"),
            _first([S.HIRED]).label("hired"),
        )
        .select_from(InterestEvent)
        .join(Interest, Interest.id == InterestEvent.interest_id)
        .join(Listing, Listing.id == Interest.listing_id)
        .outerjoin(Agreement, Agreement.interest_id == Interest.id)
        .where(Interest.profile_id.is_not(None))
        .group_by(Interest.profile_id)
    )
    return query.group_by(Listing.listing_type) if by_kind else query


def _interest_milestones(session: Session, *, by_kind: bool, today: date) -> Iterator[Any]:
    firsts = _firsts_per_person(by_kind=by_kind, today=today).subquery()
    bands = [
        _band_on(Profile.birth_date, firsts.c[step], is_date=step == "trial_completed").label(
            f"{step}_band"
        )
        for step in INTEREST_STEPS
    ]
    yield from session.execute(
        select(
            firsts.c.kind,
            func.coalesce(Profile.home_area, "").label("area"),
            *(firsts.c[step] for step in INTEREST_STEPS),
            *bands,
        ).join(Profile, Profile.user_id == firsts.c.profile_id)
    )


def _person_milestones(session: Session) -> Iterator[Any]:
    """Registered, and first complete (everything employers need to find the profile)."""
    yield from session.execute(
        select(
            func.coalesce(Profile.home_area, "").label("area"),
            User.created_at.label("registered"),
            _band_on(Profile.birth_date, User.created_at).label("registered_band"),
            Profile.completed_at.label("complete_profile"),
            _band_on(Profile.birth_date, Profile.completed_at).label("complete_profile_band"),
        )
        .select_from(Profile)
        .join(User, User.id == Profile.user_id)
    )


Key = tuple[date, str, str, str, str, str, int]


def _key(
    month: date,
    metric: str,
    *,
    band: str = "",
    area: str = "",
    kind: str = "",
    sector: str = "",
    bucket: int = 0,
) -> Key:
    return (month, metric, band, area, kind, sector, bucket)


def _days(later: datetime, earlier: datetime) -> int:
    return min(LONGEST_WAIT_COUNTED, max(0, (later - earlier).days))


def _count_people(session: Session, counts: Counter[Key], *, today: date) -> None:
    for row in _person_milestones(session):
        for step in PERSON_STEPS:
            moment = getattr(row, step)
            if moment is not None:
                band = getattr(row, f"{step}_band")
                counts[_key(month_of(moment), step, band=band, area=row.area)] += 1
    this_month = month_of(today)
    for by_kind in (False, True):
        for row in _interest_milestones(session, by_kind=by_kind, today=today):
            where = {"area": row.area, "kind": row.kind}
            for step in INTEREST_STEPS:
                moment = getattr(row, step)
                if moment is not None:
                    band = getattr(row, f"{step}_band")
                    counts[_key(month_of(moment), step, band=band, **where)] += 1
            first = row.first_interest
            if first is None:
                continue
            for metric, moment, band in (
                (WAIT_ANSWER, row.first_answer, row.first_answer_band),
                (WAIT_TRIAL, row.trial_agreed, row.trial_agreed_band),
            ):
                if moment is not None:
                    days = _days(moment, first)
                    counts[_key(month_of(moment), metric, band=band, bucket=days, **where)] += 1
            _count_waiting(counts, row, this_month=this_month, today=today)


def _count_outcomes(session: Session, counts: Counter[Key]) -> None:
    """Evaluations' outcomes and follow-up answers, by month, age band, area and kind (each
    counted for its kind and again for every kind together: one agreement, one listing)."""
    kind = func.coalesce(Listing.listing_type, "", type_=String)
    area = func.coalesce(Profile.home_area, "")

    evaluated = (
        select(
            Evaluation.outcome,
            Evaluation.employer_at,
            kind.label("kind"),
            area.label("area"),
            _band_on(Profile.birth_date, Evaluation.employer_at).label("band"),
        )
        .select_from(Evaluation)
        .join(Agreement, Agreement.id == Evaluation.agreement_id)
        .join(Interest, Interest.id == Agreement.interest_id)
        .join(Listing, Listing.id == Interest.listing_id)
        .outerjoin(Profile, Profile.user_id == Agreement.young_person_id)
        .where(Evaluation.outcome.is_not(None), Evaluation.employer_at.is_not(None))
    )
    for row in session.execute(evaluated):
        for where_kind in {row.kind, ""}:
            key = _key(
                month_of(row.employer_at),
                OUTCOME + row.outcome.value,
                band=row.band or "",
                area=row.area,
                kind=where_kind,
            )
            counts[key] += 1
    followed = (
        select(
            FollowUp.months,
            FollowUp.answer,
            FollowUp.asked_at,
            kind.label("kind"),
            area.label("area"),
            _band_on(Profile.birth_date, FollowUp.asked_at).label("band"),
        )
        .select_from(FollowUp)
        .join(Agreement, Agreement.id == FollowUp.agreement_id)
        .join(Interest, Interest.id == Agreement.interest_id)
        .join(Listing, Listing.id == Interest.listing_id)
        .outerjoin(Profile, Profile.user_id == Agreement.young_person_id)
        .where(FollowUp.months.in_(FOLLOW_UP_MONTHS))
    )
    for row in session.execute(followed):
        answer = row.answer.value if row.answer is not None else "unanswered"
        for where_kind in {row.kind, ""}:
            key = _key(
                month_of(row.asked_at),
                FOLLOW_UP.format(months=row.months) + answer,
                band=row.band or "",
                area=row.area,
                kind=where_kind,
            )
            counts[key] += 1


def _count_waiting(counts: Counter[Key], row: Any, *, this_month: date, today: date) -> None:
    """At the end of each month (today, for this one): still looking, and past the limit?

    Counted in the age band the person was in at their first interest; only 15–30.
    """
    band = row.first_interest_band
    if not band:
        return
    first: datetime = row.first_interest
    for month in _months(month_of(first), this_month):
        end = (
            datetime.combine(add_months(month, 1), datetime.min.time(), LOCAL_TIMEZONE)
            if month < this_month
            else datetime.combine(today + timedelta(days=1), datetime.min.time(), LOCAL_TIMEZONE)
        )
        if row.hired is not None and row.hired < end:
            return
        where = {"band": band, "area": row.area, "kind": row.kind}
        counts[_key(month, LOOKING, **where)] += 1
        offered = row.offer is not None and row.offer < end
        if not offered and end - first > WAITING_LIMIT:
            counts[_key(month, PAST_LIMIT, **where)] += 1


def _count_employers(session: Session, counts: Counter[Key]) -> None:
    """Listings published and trials hosted, by month; active organisations and the spread of
    their response rates, worked out for every period at once (they are not sums of months: an
    organisation active in three months is one active organisation in the quarter)."""
    sector = func.coalesce(Organisation.sector, "", type_=String)
    listing_where = (
        Listing.organisation_id,
        sector.label("sector"),
        func.coalesce(Listing.area, "").label("area"),
        func.coalesce(Listing.listing_type, "", type_=String).label("kind"),
    )
    # (organisation, sector, month, area, kind) -> [interests received, answered]; a listing
    # published makes the organisation active that month too, with nothing received.
    per_month: dict[tuple[int, str, date, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in session.execute(
        select(*listing_where, Listing.published_at)
        .join(Organisation, Organisation.id == Listing.organisation_id)
        .where(Listing.published_at.is_not(None))
    ):
        month = month_of(row.published_at)
        counts[
            _key(month, LISTINGS_PUBLISHED, area=row.area, kind=row.kind, sector=row.sector)
        ] += 1
        per_month[(row.organisation_id, row.sector, month, row.area, row.kind)]
    for row in session.execute(
        select(
            *listing_where,
            _first([S.SENT]).label("received"),
            _first(ANSWERS).label("answered"),
            _first([S.TRIAL_AGREED]).label("trial"),
        )
        .select_from(InterestEvent)
        .join(Interest, Interest.id == InterestEvent.interest_id)
        .join(Listing, Listing.id == Interest.listing_id)
        .join(Organisation, Organisation.id == Listing.organisation_id)
        .group_by(Interest.id, *listing_where)
    ):
        if row.received is not None:
            tally = per_month[
                (row.organisation_id, row.sector, month_of(row.received), row.area, row.kind)
            ]
            tally[0] += 1
            tally[1] += row.answered is not None
        if row.trial is not None:
            where = {"area": row.area, "kind": row.kind, "sector": row.sector}
            counts[_key(month_of(row.trial), TRIALS_HOSTED, **where)] += 1
    per_period: dict[tuple[str, date, str, str, int, str], list[int]] = defaultdict(lambda: [0, 0])
    starts: dict[tuple[str, date], date] = {}
    for (organisation, sector_, month, area, kind), (got, answered) in per_month.items():
        for period_kind in PERIOD_KINDS:
            start = starts.get((period_kind, month))
            if start is None:
                start = starts[(period_kind, month)] = Period.containing(period_kind, month).start
            for where_area in (area, ALL):
                for where_kind in (kind, ""):
                    tally = per_period[
                        (period_kind, start, where_area, where_kind, organisation, sector_)
                    ]
                    tally[0] += got
                    tally[1] += answered
    for (period_kind, start, area, kind, _organisation, sector_), (
        got,
        answered,
    ) in per_period.items():
        where = {"area": area, "kind": kind, "sector": sector_}
        counts[_key(start, f"{ORG_ACTIVE}:{period_kind}", **where)] += 1
        counts[
            _key(start, f"{ORG_RATE}:{period_kind}", bucket=_response_band(got, answered), **where)
        ] += 1


def _response_band(received: int, answered: int) -> int:
    """The index of the organisation's response rate in RESPONSE_BANDS, or TOO_FEW_TO_RATE."""
    if received < SMALL:
        return TOO_FEW_TO_RATE
    percent = 100 * answered / received
    return next(i for i, (low, high) in enumerate(RESPONSE_BANDS) if low <= percent < high)


# The metrics about young people: counted again for every age band and area together ("*"), so
# that the page, with or without filters, reads only the rows it shows.
PEOPLE_METRICS = frozenset({*STEPS, WAIT_ANSWER, WAIT_TRIAL, LOOKING, PAST_LIMIT, *OUTCOME_METRICS})
# Listings and trials: counted again for every area together and for every kind together ("").
EMPLOYER_METRICS = frozenset({LISTINGS_PUBLISHED, TRIALS_HOSTED})


def _with_totals(counts: Counter[Key]) -> Counter[Key]:
    totals: Counter[Key] = Counter()
    for key, count in counts.items():
        month, metric, band, area, kind, sector, bucket = key
        if metric in PEOPLE_METRICS:
            for b in {band, ALL}:
                for a in {area, ALL}:
                    totals[(month, metric, b, a, kind, sector, bucket)] += count
        elif metric in EMPLOYER_METRICS:
            for a in {area, ALL}:
                for k in {kind, ""}:
                    totals[(month, metric, band, a, k, sector, bucket)] += count
        else:  # already worked out for every area and kind together (per period)
            totals[key] += count
    return totals


def refresh(session: Session, *, today: date, now: datetime) -> int:
    """Work out every month's counts again, from scratch; returns how many rows that made.

    Running it twice gives the same rows: it replaces, never adds.
    """
    started = time.perf_counter()
    counts: Counter[Key] = Counter()
    _count_people(session, counts, today=today)
    _count_employers(session, counts)
    _count_outcomes(session, counts)
    counts = _with_totals(counts)
    session.execute(delete(IndicatorCount))
    names = ("month", "metric", "age_band", "area", "listing_type", "sector", "bucket")
    rows = [{**dict(zip(names, key, strict=True)), "count": count} for key, count in counts.items()]
    for start in range(0, len(rows), 5000):
        session.execute(insert(IndicatorCount), rows[start : start + 5000])
    session.execute(delete(IndicatorRefresh))
    session.add(
        IndicatorRefresh(
            refreshed_at=now,
            as_of=today,
            milliseconds=round((time.perf_counter() - started) * 1000),
        )
    )
    session.flush()
    return len(rows)


def last_refresh(session: Session) -> IndicatorRefresh | None:
    return session.scalars(
        select(IndicatorRefresh).order_by(IndicatorRefresh.id.desc()).limit(1)
    ).first()


# --- Reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    period: Period
    age_band: str | None = None
    area: str | None = None
    listing_type: str | None = None


@dataclass(frozen=True)
class Count:
    """A count as it may be shown: under 5 it is "<5"."""

    value: int

    @property
    def small(self) -> bool:
        return self.value < SMALL

    @property
    def shown(self) -> str:
        return f"<{SMALL}" if self.small else str(self.value)

    @property
    def plotted(self) -> int | None:
        """What a chart may draw: nothing for a small count."""
        return None if self.small else self.value


def rate(numerator: int, denominator: int) -> float | None:
    """A share worked out from two counts, or None when either is too small to show."""
    if numerator < SMALL or denominator < SMALL:
        return None
    return numerator / denominator


def median_days(histogram: dict[int, int]) -> float | None:
    """The median of days waited, from how many waited each number of days; None under 5."""
    total = sum(histogram.values())
    if total < SMALL:
        return None
    middle = [(total - 1) // 2, total // 2]
    values: list[int] = []
    seen = 0
    for days in sorted(histogram):
        for index in middle:
            if seen <= index < seen + histogram[days]:
                values.append(days)
        seen += histogram[days]
    return sum(values) / 2


@dataclass(frozen=True)
class Pair:
    """A number for the chosen period and the one before it."""

    now: Count
    before: Count


@dataclass(frozen=True)
class FunnelStep:
    step: str
    now: Count
    before: Count
    conversion_now: float | None
    conversion_before: float | None


@dataclass(frozen=True)
class WaitingMonth:
    month: date
    looking: Count
    past_limit: Count

    @property
    def share(self) -> float | None:
        return rate(self.past_limit.value, self.looking.value)


@dataclass(frozen=True)
class Indicators:
    filters: Filters
    funnel: list[FunnelStep]
    median_answer: tuple[float | None, float | None]
    median_trial: tuple[float | None, float | None]
    answered: Pair  # how many waits the answer median is worked out from
    trialled: Pair
    waiting: list[WaitingMonth]  # the trend, oldest first; the last is the period's end
    active_by_sector: dict[str, Pair]
    trials_by_sector: dict[str, Pair]
    listings_by_kind: dict[str, Pair]
    response_rates: list[tuple[tuple[int, int], Count, Count]]
    too_few_to_rate: Pair  # organisations with fewer than 5 interests: no rate worked out
    hires_by_kind: dict[str, Pair]
    outcomes: dict[str, Pair]  # by the evaluation's outcome
    follow_ups: dict[int, dict[str, Pair]]  # 3 and 6 months on: by answer, and "unanswered"
    refreshed: IndicatorRefresh | None = field(default=None)

    @property
    def waiting_now(self) -> WaitingMonth | None:
        return self.waiting[-1] if self.waiting else None


def _in_period(filters: Filters) -> Any:
    """1 for the chosen period, 0 for the one before."""
    return case((IndicatorCount.month >= filters.period.start, 1), else_=0)


def _between(first: date, end: date) -> Any:
    return (IndicatorCount.month >= first) & (IndicatorCount.month < end)


def read(session: Session, filters: Filters) -> Indicators:
    """Every number on the indicators page for these filters, in six aggregate queries.

    Each names every dimension exactly ("*" or "" for all), so each reads only the rows it
    sums, through the index on (metric, age band, area, kind, month).
    """
    period = filters.period
    both = _between(period.previous.start, period.end)
    now_or_before = _in_period(filters).label("now")
    band = filters.age_band or ALL
    area = filters.area or ALL
    kind = filters.listing_type or ""
    C = IndicatorCount

    # 1. The funnel and the waits: people's firsts in either period. Registering and completing
    # a profile do not depend on the kind of listing.
    sums: dict[tuple[str, int, int], int] = defaultdict(int)
    firsts: list[tuple[tuple[str, ...], str]] = [
        (PERSON_STEPS, ""),
        ((*INTEREST_STEPS, WAIT_ANSWER, WAIT_TRIAL, *OUTCOME_METRICS), kind),
    ]
    for metrics, listing_type in firsts:
        for metric, bucket, when, amount in session.execute(
            select(C.metric, C.bucket, now_or_before, func.sum(C.count))
            .where(
                C.metric.in_(metrics),
                C.age_band == band,
                C.area == area,
                C.listing_type == listing_type,
                both,
            )
            .group_by(C.metric, C.bucket, now_or_before)
        ):
            sums[(metric, when, bucket)] += amount

    def total(metric: str, when: int) -> int:
        return sum(v for (m, w, _b), v in sums.items() if m == metric and w == when)

    def histogram(metric: str, when: int) -> dict[int, int]:
        return {b: v for (m, w, b), v in sums.items() if m == metric and w == when}

    funnel = []
    for index, step in enumerate(STEPS):
        now_count, before_count = total(step, 1), total(step, 0)
        previous = STEPS[index - 1] if index else None
        funnel.append(
            FunnelStep(
                step=step,
                now=Count(now_count),
                before=Count(before_count),
                conversion_now=rate(now_count, total(previous, 1)) if previous else None,
                conversion_before=rate(before_count, total(previous, 0)) if previous else None,
            )
        )

    # 2. Still waiting, month by month up to the period's end.
    trend_start = add_months(period.end, -TREND_MONTHS)
    waiting: dict[tuple[date, str], int] = defaultdict(int)
    for month, metric, count in session.execute(
        select(C.month, C.metric, func.sum(C.count))
        .where(
            C.metric.in_((LOOKING, PAST_LIMIT)),
            C.age_band == band,
            C.area == area,
            C.listing_type == kind,
            _between(trend_start, period.end),
        )
        .group_by(C.month, C.metric)
    ):
        waiting[(month, metric)] += count
    trend = [
        WaitingMonth(month, Count(waiting[(month, LOOKING)]), Count(waiting[(month, PAST_LIMIT)]))
        for month in _months(trend_start, period.last_month)
    ]

    # 3. Listings published and trials hosted (by kind or sector), and hires by kind. Only hires
    # are about people, so only they are counted by age band.
    kinds = (filters.listing_type,) if filters.listing_type else LISTING_TYPES
    by: dict[tuple[str, str, str, int], int] = defaultdict(int)
    groups: list[tuple[tuple[str, ...], str]] = [
        ((LISTINGS_PUBLISHED, TRIALS_HOSTED), ""),
        (("hired",), band),
    ]
    for names, age_band in groups:
        for metric, listing_type, sector, when, count in session.execute(
            select(C.metric, C.listing_type, C.sector, now_or_before, func.sum(C.count))
            .where(
                C.metric.in_(names),
                C.age_band == age_band,
                C.area == area,
                C.listing_type.in_(kinds),
                both,
            )
            .group_by(C.metric, C.listing_type, C.sector, now_or_before)
        ):
            by[(metric, listing_type, sector, when)] += count

    def pairs(metric: str, *, keys: Iterable[str], on_kind: bool) -> dict[str, Pair]:
        result = {}
        for key in keys:
            values = [
                sum(
                    v
                    for (m, k, s, w), v in by.items()
                    if m == metric and w == when and (k if on_kind else s) == key
                )
                for when in (1, 0)
            ]
            result[key] = Pair(Count(values[0]), Count(values[1]))
        return result

    # 4 and 5. Active organisations by sector, and by response rate, worked out per period.
    per_org: dict[tuple[str, int, str, int], int] = defaultdict(int)
    for metric, bucket, sector, when, count in session.execute(
        select(C.metric, C.bucket, C.sector, now_or_before, func.sum(C.count))
        .where(
            C.metric.in_((f"{ORG_ACTIVE}:{period.kind}", f"{ORG_RATE}:{period.kind}")),
            C.age_band == "",
            C.area == area,
            C.listing_type == kind,
            C.month.in_((period.start, period.previous.start)),
        )
        .group_by(C.metric, C.bucket, C.sector, now_or_before)
    ):
        per_org[(metric.partition(":")[0], bucket, sector, when)] += count

    def organisations(metric: str, *, sector: str | None = None, bucket: int | None = None) -> Pair:
        values = [
            sum(
                v
                for (m, b, s, w), v in per_org.items()
                if m == metric and w == when and sector in (None, s) and bucket in (None, b)
            )
            for when in (1, 0)
        ]
        return Pair(Count(values[0]), Count(values[1]))

    return Indicators(
        filters=filters,
        funnel=funnel,
        median_answer=(
            median_days(histogram(WAIT_ANSWER, 1)),
            median_days(histogram(WAIT_ANSWER, 0)),
        ),
        median_trial=(
            median_days(histogram(WAIT_TRIAL, 1)),
            median_days(histogram(WAIT_TRIAL, 0)),
        ),
        answered=Pair(Count(total(WAIT_ANSWER, 1)), Count(total(WAIT_ANSWER, 0))),
        trialled=Pair(Count(total(WAIT_TRIAL, 1)), Count(total(WAIT_TRIAL, 0))),
        waiting=trend,
        active_by_sector={s: organisations(ORG_ACTIVE, sector=s) for s in SECTORS},
        trials_by_sector=pairs(TRIALS_HOSTED, keys=SECTORS, on_kind=False),
        listings_by_kind=pairs(LISTINGS_PUBLISHED, keys=kinds, on_kind=True),
        response_rates=[
            (band_, *_both(organisations(ORG_RATE, bucket=index)))
            for index, band_ in enumerate(RESPONSE_BANDS)
        ],
        too_few_to_rate=organisations(ORG_RATE, bucket=TOO_FEW_TO_RATE),
        hires_by_kind=pairs("hired", keys=kinds, on_kind=True),
        outcomes={o: _pair(total(OUTCOME + o, 1), total(OUTCOME + o, 0)) for o in OUTCOMES},
        follow_ups={
            m: {
                a: _pair(
                    total(FOLLOW_UP.format(months=m) + a, 1),
                    total(FOLLOW_UP.format(months=m) + a, 0),
                )
                for a in FOLLOW_UP_ANSWERS
            }
            for m in FOLLOW_UP_MONTHS
        },
        refreshed=last_refresh(session),
    )


def _pair(now: int, before: int) -> Pair:
    return Pair(Count(now), Count(before))


def _both(pair: Pair) -> tuple[Count, Count]:
    return pair.now, pair.before
