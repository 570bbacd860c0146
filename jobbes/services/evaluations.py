"""After a trial: both sides' evaluation, the young person's certificate, and the follow-up
question 3 and 6 months later.

On the trial's last day (or once it has ended early) the scheduler asks the young person and
the organisation to fill in their parts, and reminds whoever has not after 2 and after 5 days.
Each part is written once, as a compare-and-set on that part being empty (so the two sides
never stand in each other's way, and of two colleagues the second is told); `version` counts
the writes. The young person
reads the employer's words as soon as they are in (and says whether they agree with them); the
employer reads the young person's part once both are in. An offer in the employer's part moves
the interest to "offered" through the interests' own state machine.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from jobbes.models import (
    OFFERS,
    Agreement,
    AgreementStatus,
    Attendance,
    ContractKind,
    Evaluation,
    FollowUp,
    Interest,
    NotificationKind,
    NowDoing,
    Outcome,
    User,
)
from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.services import interests, notifications
from jobbes.services.errors import DomainError
from jobbes.services.state_machine import compare_and_set

A = AgreementStatus
K = NotificationKind

REMINDER_AFTER = (timedelta(days=2), timedelta(days=5))
FOLLOW_UP_MONTHS = (3, 6)
TEXT_MAX = 2000
# The trial is over: these are evaluated. A running one is evaluated from its last day.
FINISHED = frozenset({A.COMPLETED, A.ENDED_EARLY})
ENDING_ACTIONS = ("agreement:ended_early", "agreement:young_person_left")


# --- Errors ------------------------------------------------------------------------------------


class NotDue(DomainError):
    """The trial is not over yet (or never ran): there is nothing to evaluate."""


class AlreadyWritten(DomainError):
    """That part of the evaluation is in already; it is written once."""


class DetailsMissing(DomainError):
    """Something the part needs is missing or does not fit; `missing` names the fields."""

    def __init__(self, missing: Sequence[str]) -> None:
        super().__init__(", ".join(missing))
        self.missing = list(missing)


class NoCertificate(DomainError):
    """No certificate: the trial is not over, or the young person did not come."""


class AlreadyAnswered(DomainError):
    """The follow-up question was answered already."""


# --- What each side writes -----------------------------------------------------------------------


@dataclass(frozen=True)
class EmployerPart:
    attendance: Attendance
    went_well: str | None
    to_work_on: str | None
    outcome: Outcome
    days_missed: int | None = None
    offer_start: date | None = None
    offer_contract: ContractKind | None = None


@dataclass(frozen=True)
class YoungPart:
    how_it_was: str | None
    comment: str | None
    agrees: bool | None = None


def _clean(text: str | None) -> str | None:
    return (text or "").strip()[:TEXT_MAX] or None


# --- When ----------------------------------------------------------------------------------------


def last_day(agreement: Agreement) -> date:
    """The trial's last day: the planned one, or the day it was ended early."""
    if agreement.status is A.ENDED_EARLY:
        for event in reversed(agreement.events):
            if event.action in ENDING_ACTIONS:
                return min(event.created_at.astimezone(LOCAL_TIMEZONE).date(), agreement.end_date)
    return agreement.end_date


def is_due(agreement: Agreement, today: date) -> bool:
    """From the trial's last day on (or once it has ended early), the parties evaluate it."""
    if agreement.status in FINISHED:
        return True
    return agreement.status is A.RUNNING and agreement.end_date <= today


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- Finding -------------------------------------------------------------------------------------


def of_agreement(session: Session, agreement: Agreement) -> Evaluation | None:
    return session.scalar(select(Evaluation).where(Evaluation.agreement_id == agreement.id))


def _params(agreement: Agreement) -> dict[str, str]:
    listing = agreement.interest.listing
    version = listing.published_version or listing.current_version
    return {
        "listing": version.title if version is not None else "",
        "organisation": agreement.organisation.name,
    }


def link_of(agreement: Agreement) -> str:
    return f"/agreements/{agreement.id}/evaluation"


def missing_for_organisation(session: Session, organisation_id: int) -> list[Evaluation]:
    """The evaluations waiting for this organisation's part, oldest first: a reminder in the
    employer's area."""
    return list(
        session.scalars(
            select(Evaluation)
            .join(Agreement, Agreement.id == Evaluation.agreement_id)
            .where(
                Agreement.organisation_id == organisation_id,
                Agreement.young_person_id.is_not(None),
                Evaluation.employer_at.is_(None),
            )
            .options(
                selectinload(Evaluation.agreement)
                .selectinload(Agreement.interest)
                .selectinload(Interest.listing)
            )
            .order_by(Evaluation.asked_at, Evaluation.id)
            .limit(50)
        )
    )


# --- Asking and reminding ----------------------------------------------------------------------


def _tell(
    session: Session,
    agreement: Agreement,
    kind: NotificationKind,
    *,
    young: bool,
    employer: bool,
    now: datetime,
    except_user: User | None = None,
) -> None:
    params, link = _params(agreement), link_of(agreement)
    if young and agreement.young_person is not None and agreement.young_person != except_user:
        notifications.notify(
            session, agreement.young_person, kind, link=link, params=params, now=now
        )
    if employer:
        notifications.notify_organisation(
            session,
            agreement.organisation,
            kind,
            link=link,
            params=params,
            now=now,
            except_user=except_user,
        )


def ask(
    session: Session,
    agreement: Agreement,
    *,
    today: date,
    now: datetime,
    actor: User | None = None,
) -> Evaluation:
    """The agreement's evaluation, made (and both sides asked, but not `actor`, who is here
    already) the first time; refused before the trial's last day."""
    existing = of_agreement(session, agreement)
    if existing is not None:
        return existing
    if not is_due(agreement, today):
        raise NotDue("the trial is not over yet")
    evaluation = Evaluation(agreement=agreement, asked_at=now, version=1, reminders_sent=0)
    try:
        with session.begin_nested():
            session.add(evaluation)
    except IntegrityError:
        # The other side (or the scheduler) made it this very moment: theirs stands, and they
        # asked everyone.
        found = of_agreement(session, agreement)
        assert found is not None
        return found
    _tell(
        session,
        agreement,
        K.EVALUATION_ASKED,
        young=True,
        employer=True,
        now=now,
        except_user=actor,
    )
    return evaluation


def _remind(session: Session, evaluation: Evaluation, *, now: datetime) -> bool:
    """The reminder this evaluation is due, if any; the marker makes it once only (and a
    scheduler that missed the 2-day one sends only the 5-day one)."""
    if evaluation.employer_done and evaluation.young_done:
        return False
    waited = now - evaluation.asked_at
    due = sum(1 for after in REMINDER_AFTER if waited >= after)
    if due <= evaluation.reminders_sent:
        return False
    compare_and_set(
        evaluation,
        expected={"reminders_sent": evaluation.reminders_sent},
        values={"reminders_sent": due},
    )
    _tell(
        session,
        evaluation.agreement,
        K.EVALUATION_REMINDER,
        young=not evaluation.young_done,
        employer=not evaluation.employer_done,
        now=now,
    )
    return True


@dataclass(frozen=True)
class Round:
    asked: int
    reminded: int
    followed_up: int


def run(session: Session, *, today: date, now: datetime) -> Round:
    """The scheduler's round: ask about trials that ended, remind after 2 and 5 days, and ask
    the follow-up question 3 and 6 months on. Running it twice sends nothing twice."""
    due = session.scalars(
        select(Agreement)
        .where(
            Agreement.young_person_id.is_not(None),
            (Agreement.status.in_(FINISHED))
            | ((Agreement.status == A.RUNNING) & (Agreement.end_date <= today)),
            ~select(Evaluation.id).where(Evaluation.agreement_id == Agreement.id).exists(),
        )
        .order_by(Agreement.id)
    ).all()
    for agreement in due:
        ask(session, agreement, today=today, now=now)
    waiting = session.scalars(
        select(Evaluation)
        .join(Agreement, Agreement.id == Evaluation.agreement_id)
        .where(
            Agreement.young_person_id.is_not(None),
            Evaluation.reminders_sent < len(REMINDER_AFTER),
            (Evaluation.employer_at.is_(None)) | (Evaluation.young_at.is_(None)),
            Evaluation.asked_at <= now - REMINDER_AFTER[0],
        )
        .order_by(Evaluation.id)
    ).all()
    reminded = sum(1 for evaluation in waiting if _remind(session, evaluation, now=now))
    return Round(
        asked=len(due), reminded=reminded, followed_up=follow_up(session, today=today, now=now)
    )


# --- Writing the parts ---------------------------------------------------------------------------


def held_days(agreement: Agreement) -> int:
    end = last_day(agreement)
    return sum(1 for day in agreement.days if day.day <= end)


def employer_problems(agreement: Agreement, part: EmployerPart) -> list[str]:
    missing = []
    if part.attendance is Attendance.PARTLY:
        held = held_days(agreement)
        if part.days_missed is None or not 1 <= part.days_missed <= max(held, 1):
            missing.append("days_missed")
    if part.outcome in OFFERS:
        if part.offer_start is None or part.offer_start < agreement.start_date:
            missing.append("offer_start")
        if part.offer_contract is None:
            missing.append("offer_contract")
    return missing


def write_employer_part(
    session: Session,
    evaluation: Evaluation,
    actor: User,
    part: EmployerPart,
    *,
    now: datetime,
) -> None:
    """The organisation's part, once; an offer moves the interest to "offered" (the young
    person is told, and accepts or declines as with any offer)."""
    if evaluation.employer_done:
        raise AlreadyWritten("the employer's part is in")
    agreement = evaluation.agreement
    problems = employer_problems(agreement, part)
    if problems:
        raise DetailsMissing(problems)
    offer = part.outcome in OFFERS
    compare_and_set(
        evaluation,
        expected={"employer_at": None},
        values={
            "version": evaluation.version + 1,
            "employer_at": now,
            "employer_by_id": actor.id,
            "attendance": part.attendance,
            "days_missed": part.days_missed if part.attendance is Attendance.PARTLY else None,
            "went_well": _clean(part.went_well),
            "to_work_on": _clean(part.to_work_on),
            "outcome": part.outcome,
            "offer_start": part.offer_start if offer else None,
            "offer_contract": part.offer_contract if offer else None,
        },
    )
    # The young person reads the words now (and says whether they agree with them).
    _tell(session, agreement, K.EVALUATION_EMPLOYER_WROTE, young=True, employer=False, now=now)
    interest = agreement.interest
    if offer and interest.status in interests.FLOW.steps["offer"][0]:
        interests.employer_step(interest, "offer", now=now, expected=interest.status)


def write_young_part(
    session: Session,
    evaluation: Evaluation,
    actor: User,
    part: YoungPart,
    *,
    now: datetime,
) -> None:
    """The young person's part, once. Whether they agree with the employer's words is asked
    only when those are in: with this part if they were, otherwise (or if the young person
    left it, or the words came in while they wrote) afterwards with `agree`. What they wrote is
    never lost to the workplace's part arriving meanwhile."""
    if evaluation.young_done:
        raise AlreadyWritten("the young person's part is in")
    if _clean(part.how_it_was) is None:
        raise DetailsMissing(["how_it_was"])
    compare_and_set(
        evaluation,
        expected={"young_at": None},
        values={
            "version": evaluation.version + 1,
            "young_at": now,
            "how_it_was": _clean(part.how_it_was),
            "young_comment": _clean(part.comment),
            "agrees": part.agrees if evaluation.employer_done else None,
        },
    )


def agree(session: Session, evaluation: Evaluation, *, agrees: bool, now: datetime) -> None:
    """The young person, who wrote their part before the employer's was in, says whether they
    agree with the employer's words."""
    if not (evaluation.employer_done and evaluation.young_done) or evaluation.agrees is not None:
        raise AlreadyWritten("nothing to agree to, or answered already")
    compare_and_set(
        evaluation,
        expected={"agrees": None},
        values={"version": evaluation.version + 1, "agrees": agrees},
    )


def young_sees_employer_part(evaluation: Evaluation | None) -> bool:
    return evaluation is not None and evaluation.employer_done


def employer_sees_young_part(evaluation: Evaluation | None) -> bool:
    return evaluation is not None and evaluation.employer_done and evaluation.young_done


# --- The certificate -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Certificate:
    agreement: Agreement
    first_day: date
    last_day: date
    days_worked: int
    minutes_worked: int
    estimated: bool  # days were missed: the hours are the planned hours of the days worked
    went_well: str | None
    to_work_on: str | None


def certificate(agreement: Agreement, evaluation: Evaluation | None) -> Certificate:
    """What the young person did, where and for how long, and the contact person's words only
    if the young person agreed with them."""
    if agreement.status not in FINISHED:
        raise NoCertificate("the trial is not over")
    if evaluation is not None and evaluation.attendance is Attendance.NO_SHOW:
        raise NoCertificate("the young person did not come")
    end = last_day(agreement)
    held = [day for day in agreement.days if day.day <= end]
    missed = 0
    if evaluation is not None and evaluation.attendance is Attendance.PARTLY:
        missed = min(evaluation.days_missed or 0, len(held))
    planned = sum(day.minutes for day in held)
    worked_days = len(held) - missed
    minutes = planned if not missed else round(planned * worked_days / len(held) / 30) * 30
    agreed = evaluation is not None and evaluation.agrees is True
    return Certificate(
        agreement=agreement,
        first_day=agreement.start_date,
        last_day=end,
        days_worked=worked_days,
        minutes_worked=minutes,
        estimated=bool(missed),
        went_well=evaluation.went_well if agreed and evaluation else None,
        to_work_on=evaluation.to_work_on if agreed and evaluation else None,
    )


# --- Follow-up -----------------------------------------------------------------------------------


def follow_up(session: Session, *, today: date, now: datetime) -> int:
    """Ask each young person, once per period, what they do now, 3 and 6 months after their
    trial's last planned day (only the latest period due, if the scheduler was away for
    both). Returns how many were asked."""
    earliest = add_months(today, -FOLLOW_UP_MONTHS[0])
    candidates = session.scalars(
        select(Agreement)
        .where(
            Agreement.status.in_(FINISHED),
            Agreement.young_person_id.is_not(None),
            Agreement.end_date <= earliest,
        )
        .options(selectinload(Agreement.organisation))
        .order_by(Agreement.id)
    ).all()
    if not candidates:
        return 0
    asked_before = {
        (agreement_id, months)
        for agreement_id, months in session.execute(
            select(FollowUp.agreement_id, FollowUp.months).where(
                FollowUp.agreement_id.in_([a.id for a in candidates])
            )
        )
    }
    asked = 0
    for agreement in candidates:
        due = [m for m in FOLLOW_UP_MONTHS if add_months(agreement.end_date, m) <= today]
        months = due[-1]
        if any((agreement.id, m) in asked_before for m in FOLLOW_UP_MONTHS if m >= months):
            continue
        session.add(FollowUp(agreement_id=agreement.id, months=months, asked_at=now))
        notifications.notify(
            session,
            agreement.young_person,
            K.FOLLOW_UP_QUESTION,
            link="/me#follow-up",
            params={"organisation": agreement.organisation.name},
            now=now,
        )
        asked += 1
    session.flush()
    return asked


def open_follow_ups(session: Session, user: User) -> list[FollowUp]:
    """The questions waiting for this young person's answer, newest first."""
    return list(
        session.scalars(
            select(FollowUp)
            .join(Agreement, Agreement.id == FollowUp.agreement_id)
            .where(Agreement.young_person_id == user.id, FollowUp.answer.is_(None))
            .options(selectinload(FollowUp.agreement).selectinload(Agreement.organisation))
            .order_by(FollowUp.asked_at.desc(), FollowUp.id.desc())
        )
    )


def follow_up_of(session: Session, follow_up_id: int) -> FollowUp | None:
    return session.get(FollowUp, follow_up_id)


def answer_follow_up(follow_up: FollowUp, answer: NowDoing, *, now: datetime) -> None:
    """Answered once; a second answer (another tab) is refused."""
    if follow_up.answer is not None:
        raise AlreadyAnswered("answered already")
    compare_and_set(
        follow_up, expected={"answer": None}, values={"answer": answer, "answered_at": now}
    )


def follow_up_counts(
    session: Session, *, months: int, since: datetime | None = None, until: datetime | None = None
) -> dict[str, int]:
    """For the programme's numbers: how many said what, `months` after their trial (asked in
    [since, until)), and how many have not answered ("unanswered")."""
    query = select(FollowUp.answer, func.count()).where(FollowUp.months == months)
    if since is not None:
        query = query.where(FollowUp.asked_at >= since)
    if until is not None:
        query = query.where(FollowUp.asked_at < until)
    counts = {answer.value: 0 for answer in NowDoing} | {"unanswered": 0}
    for answer, count in session.execute(query.group_by(FollowUp.answer)):
        counts[answer.value if answer is not None else "unanswered"] = count
    return counts


# --- The young person's own data -----------------------------------------------------------------


def _of_young_person(user: User) -> Any:
    return select(Agreement.id).where(Agreement.young_person_id == user.id)


def export_for(session: Session, user: User) -> list[dict[str, Any]]:
    """For the young person's data export: their part of each evaluation, the employer's part
    once it is in, and their follow-up answers."""
    mine = _of_young_person(user)
    follow_ups: dict[int, list[dict[str, Any]]] = {}
    for row in session.scalars(
        select(FollowUp).where(FollowUp.agreement_id.in_(mine)).order_by(FollowUp.id)
    ):
        follow_ups.setdefault(row.agreement_id, []).append(
            {
                "months": row.months,
                "asked_at": row.asked_at,
                "answer": row.answer.value if row.answer else None,
                "answered_at": row.answered_at,
            }
        )
    found = []
    for evaluation in session.scalars(
        select(Evaluation).where(Evaluation.agreement_id.in_(mine)).order_by(Evaluation.id)
    ):
        found.append(
            {
                "agreement": evaluation.agreement_id,
                "how_it_was": evaluation.how_it_was,
                "agrees_with_employer": evaluation.agrees,
                "comment": evaluation.young_comment,
                "employer": {
                    "attendance": evaluation.attendance.value if evaluation.attendance else None,
                    "days_missed": evaluation.days_missed,
                    "went_well": evaluation.went_well,
                    "to_work_on": evaluation.to_work_on,
                    "outcome": evaluation.outcome.value if evaluation.outcome else None,
                }
                if evaluation.employer_done
                else None,
                "follow_ups": follow_ups.pop(evaluation.agreement_id, []),
            }
        )
    found += [
        {"agreement": agreement_id, "follow_ups": rows} for agreement_id, rows in follow_ups.items()
    ]
    return found


def forget(session: Session, user: User) -> None:
    """On leaving Jobbes: the young person's words go from their evaluations, and their
    follow-up answers go; the employer's part stays with the organisation's agreement."""
    mine = _of_young_person(user)
    session.execute(
        update(Evaluation)
        .where(Evaluation.agreement_id.in_(mine))
        .values(how_it_was=None, young_comment=None)
    )
    session.execute(delete(FollowUp).where(FollowUp.agreement_id.in_(mine)))
