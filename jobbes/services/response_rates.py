"""How reliably an organisation answers young people, in the open.

Over the interests an organisation received in the last 90 days (`sent_at`): the share answered
within 5 working days, and the typical (median) working time to an answer. An interest counts once
it can be judged: answered, or its 5 working days are over (unanswered, closed unanswered, or
withdrawn after they were over; one withdrawn sooner is left out: the employer still had time).
Shown to the public once at least 5 interests can be judged, so one slow week of a small
employer is not a verdict. Interests of suspended young people are left out, as the employer
cannot see them.

One query per page (columns only, for one organisation or a few), and a pass in Python: working
days, with Norway's public holidays, are not something SQL can count on both databases.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from jobbes.models import Interest, InterestStatus, Listing, ListingVersion
from jobbes.services import interests, visibility
from jobbes.workdays import ONE_WORKING_DAY, add_working_days, working_time_between

WINDOW = timedelta(days=90)
ON_TIME = 5  # working days
SHOWN_FROM = 5  # interests that can be judged

S = InterestStatus
# Ended by the young person or their account, not by an answer.
_ENDED_BY_YOUNG_PERSON = frozenset({S.WITHDRAWN})


@dataclass(frozen=True)
class Late:
    """An interest that pulls the rate down: unanswered past 5 working days, or answered late."""

    interest_id: int
    listing_id: int
    title: str
    sent_at: datetime
    answered_at: datetime | None
    status: InterestStatus
    working_days: int  # to the answer, or waited so far


@dataclass
class ResponseRate:
    judged: int = 0
    on_time: int = 0
    # Working days (with fractions) to each answer, for the median.
    answer_times: list[float] = field(default_factory=list)
    late: list[Late] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.judged >= SHOWN_FROM

    @property
    def typical_days(self) -> int | None:
        """The median working time to an answer, in whole working days rounded up (at least 1)."""
        if not self.answer_times:
            return None
        return max(1, math.ceil(statistics.median(self.answer_times)))


def _rows(session: Session, organisation_ids: Iterable[int], now: datetime) -> list[Any]:
    return list(
        session.execute(
            visibility.visible_interests()
            .with_only_columns(
                Listing.organisation_id,
                Interest.id,
                Interest.listing_id,
                Interest.status,
                Interest.sent_at,
                Interest.employer_answered_at,
                Interest.updated_at,
                ListingVersion.title,
            )
            .join(Listing, Listing.id == Interest.listing_id)
            .join(ListingVersion, ListingVersion.id == Listing.current_version_id)
            .where(
                Listing.organisation_id.in_(list(organisation_ids)),
                Interest.sent_at.is_not(None),
                Interest.sent_at >= now - WINDOW,
            )
            .order_by(Interest.sent_at, Interest.id)
        ).all()
    )


def _count(rate: ResponseRate, row: Any, now: datetime) -> None:
    _org, interest_id, listing_id, status, sent_at, answered_at, updated_at, title = row
    due = add_working_days(sent_at, ON_TIME)
    if answered_at is not None:
        took = working_time_between(sent_at, answered_at)
        rate.judged += 1
        rate.answer_times.append(took / ONE_WORKING_DAY)
        if answered_at <= due:
            rate.on_time += 1
            return
        days = int(took / ONE_WORKING_DAY)
    elif status in interests.AWAITING_ANSWER or status is S.UNANSWERED:
        if now < due:
            return  # still within its time
        rate.judged += 1
        end = now if status in interests.AWAITING_ANSWER else updated_at
        days = int(working_time_between(sent_at, end) / ONE_WORKING_DAY)
    elif status in _ENDED_BY_YOUNG_PERSON and updated_at >= due:
        rate.judged += 1
        days = int(working_time_between(sent_at, updated_at) / ONE_WORKING_DAY)
    else:
        return
    rate.late.append(Late(interest_id, listing_id, title, sent_at, answered_at, status, days))


def of_organisations(
    session: Session, organisation_ids: Iterable[int], *, now: datetime
) -> dict[int, ResponseRate]:
    """Each organisation's response rate over the last 90 days, in one query."""
    ids = set(organisation_ids)
    rates: dict[int, ResponseRate] = defaultdict(ResponseRate)
    if not ids:
        return {}
    for row in _rows(session, ids, now):
        _count(rates[row[0]], row, now)
    return {organisation_id: rates[organisation_id] for organisation_id in ids}


def of_organisation(session: Session, organisation_id: int, *, now: datetime) -> ResponseRate:
    return of_organisations(session, [organisation_id], now=now)[organisation_id]
