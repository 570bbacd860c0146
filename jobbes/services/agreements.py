"""Trial agreements: drafted when a trial is agreed, filled in by the employer and the programme's
contact, signed by every party (and a guardian for under-18s), then running and completed.

draft → awaiting signatures → signed → running → completed; cancelled (before it starts) or ended
early (after), each with a reason. Every change is a compare-and-set on the agreement's version,
so of two people editing at once the second is told and nothing of theirs is saved; and any change
to an agreement someone has signed clears every signature (Immersion Facilitée's rule), sends it
back to draft and tells the parties. Every step is kept in the agreement's history.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from jobbes.models import (
    Agreement,
    AgreementDay,
    AgreementEvent,
    AgreementGoal,
    AgreementSignature,
    AgreementStatus,
    AuditEvent,
    Consent,
    ConsentStatus,
    GuardianLink,
    Interest,
    InterestStatus,
    NotificationKind,
    PoliceCertificateHandling,
    Role,
    SignatureRole,
    User,
)
from jobbes.models.profiles import age_on
from jobbes.services import notifications, profiles
from jobbes.services.errors import DomainError
from jobbes.services.state_machine import InvalidTransition, StaleState, compare_and_set
from jobbes.vocabulary import TrialPay
from jobbes.workdays import is_working_day
from jobbes.working_hours import Violation, WorkDay
from jobbes.working_hours import check as check_working_hours

A = AgreementStatus
K = NotificationKind
R = SignatureRole

# The steps between states; `_move` takes them as a compare-and-set on status and version.
STEPS: dict[str, tuple[frozenset[AgreementStatus], AgreementStatus]] = {
    "send": (frozenset({A.DRAFT}), A.AWAITING_SIGNATURES),
    "change": (frozenset({A.DRAFT, A.AWAITING_SIGNATURES, A.SIGNED}), A.DRAFT),
    "complete_signing": (frozenset({A.AWAITING_SIGNATURES}), A.SIGNED),
    "start": (frozenset({A.SIGNED}), A.RUNNING),
    "complete": (frozenset({A.RUNNING}), A.COMPLETED),
    "cancel": (frozenset({A.DRAFT, A.AWAITING_SIGNATURES, A.SIGNED}), A.CANCELLED),
    "end_early": (frozenset({A.RUNNING}), A.ENDED_EARLY),
}
EDITABLE = STEPS["change"][0]
FINISHED = frozenset({A.COMPLETED, A.CANCELLED, A.ENDED_EARLY})
# A young person's other agreements whose hours count with this one's (§ 11-2 (4)).
COUNTED_WITH = frozenset({A.SIGNED, A.RUNNING})

ADULT_AGE = 18
GUARDIAN_LINK_LIFETIME = timedelta(days=7)
TEXT_MAX = 2000
REASON_MAX = 500
NAME_MAX = 100
MAX_DAYS = 92  # about three months of days: longer is not a trial
MAX_BREAK_MINUTES = 180


# --- Errors ---------------------------------------------------------------------------------


class NotEditable(DomainError):
    """The agreement has started or ended: its terms stay as they were signed."""


class NotAParty(DomainError):
    """Only the parties sign, each for their own side."""


class NotSigning(DomainError):
    """The agreement is not waiting for signatures (not sent yet, or changed meanwhile)."""


class AlreadySigned(DomainError):
    """That side has signed this version already."""


class NotReady(DomainError):
    """Something must be filled in before the agreement can be sent; `missing` says what."""

    def __init__(self, missing: Sequence[str]) -> None:
        super().__init__(", ".join(missing))
        self.missing = list(missing)


class RulesBroken(DomainError):
    """The schedule breaks the working-hours rules for this young person; `violations` says
    where and which."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        super().__init__(", ".join(v.rule.value for v in violations))
        self.violations = list(violations)


class ReasonNeeded(DomainError):
    """Cancelling, ending early and signing for someone else each need a reason."""


class Problem(enum.StrEnum):
    """What can be wrong with the dates or the schedule a person entered."""

    END_BEFORE_START = "end_before_start"  # a day whose end is not after its start
    SAME_DAY_TWICE = "same_day_twice"  # two rows for one day: they would overlap
    OUTSIDE_DATES = "outside_dates"
    BREAK_TOO_LONG = "break_too_long"
    WEEK_TOO_LONG = "week_too_long"  # more hours in a week than the listing offers
    TOO_MANY_DAYS = "too_many_days"
    DATES_REVERSED = "dates_reversed"  # the trial's last day before its first
    EVALUATION_BEFORE_START = "evaluation_before_start"


@dataclass(frozen=True)
class ScheduleProblem:
    problem: Problem
    day: date | None = None
    hours: float | None = None  # for a week: the hours planned
    limit: int | None = None  # for a week: what the listing allows


class ScheduleRefused(DomainError):
    """The schedule or the dates were refused; nothing was saved. `problems` says why."""

    def __init__(self, problems: Sequence[ScheduleProblem]) -> None:
        super().__init__(", ".join(p.problem.value for p in problems))
        self.problems = list(problems)


class LinkProblem(enum.StrEnum):
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    OUTDATED = "outdated"  # the agreement changed, or is no longer waiting for signatures


class GuardianLinkRefused(DomainError):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


# --- What an agreement holds ------------------------------------------------------------------


@dataclass(frozen=True)
class DayPlan:
    day: date
    start: time
    end: time
    break_minutes: int = 0

    @property
    def minutes(self) -> int:
        span = (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)
        return span - self.break_minutes


@dataclass(frozen=True)
class Terms:
    """Everything on an agreement but its schedule, parties and signatures."""

    contact_name: str | None
    contact_role: str | None
    contact_phone: str | None
    place: str | None
    start_date: date
    end_date: date
    tasks: str | None
    goals: list[str] = field(default_factory=list)
    goal_other: str | None = None
    training: str | None = None
    safety_equipment: str | None = None
    pay: TrialPay = TrialPay.UNPAID
    pay_amount: str | None = None
    police_certificate_handling: PoliceCertificateHandling | None = None
    evaluation_date: date | None = None


TERM_FIELDS = tuple(f.name for f in fields(Terms))


def terms_of(agreement: Agreement) -> Terms:
    return Terms(**{name: getattr(agreement, name) for name in TERM_FIELDS})


def _clean(text: str | None, limit: int = TEXT_MAX) -> str | None:
    return (text or "").strip()[:limit] or None


# --- Who is who -----------------------------------------------------------------------------


def roles_of(agreement: Agreement, user: User | Any) -> frozenset[SignatureRole]:
    """The sides this account may sign for."""
    found = set()
    if agreement.young_person_id is not None and user.id == agreement.young_person_id:
        found.add(R.YOUNG_PERSON)
    if user.organisation_id is not None and user.organisation_id == agreement.organisation_id:
        found.add(R.EMPLOYER)
    if agreement.programme_contact_id is not None and user.id == agreement.programme_contact_id:
        found.add(R.PROGRAMME)
    return frozenset(found)


def is_minor(agreement: Agreement, today: date) -> bool:
    """Under 18 today or on the trial's first day: a guardian signs too. Worked out here, from
    the birth date, and never shown to the employer."""
    young = agreement.young_person
    if young is None or young.profile is None:
        return False
    return age_on(young.profile.birth_date, max(today, agreement.start_date)) < ADULT_AGE


def required_roles(agreement: Agreement, today: date) -> tuple[SignatureRole, ...]:
    roles = (R.YOUNG_PERSON, R.EMPLOYER, R.PROGRAMME)
    return (*roles, R.GUARDIAN) if is_minor(agreement, today) else roles


def signature_of(agreement: Agreement, role: SignatureRole) -> AgreementSignature | None:
    return next((s for s in agreement.signatures if s.role is role), None)


def staff(session: Session) -> list[User]:
    """Who may be the programme's contact: moderators and admins not suspended."""
    return list(
        session.scalars(
            select(User)
            .where(User.role.in_((Role.MODERATOR, Role.ADMIN)), User.suspended_at.is_(None))
            .order_by(User.name, User.id)
        )
    )


def contact_choices(session: Session, agreement: Agreement, *, now: datetime) -> list[User]:
    """Who may be this agreement's programme contact: the staff, and the young person's own
    counsellors while their consent is in force."""
    counsellors = (
        list(
            session.scalars(
                select(User)
                .join(Consent, Consent.counsellor_id == User.id)
                .where(
                    Consent.young_person_id == agreement.young_person_id,
                    Consent.status == ConsentStatus.ACTIVE,
                    Consent.expires_at > now,
                    User.role == Role.COUNSELLOR,
                    User.suspended_at.is_(None),
                )
                .order_by(User.name, User.id)
            )
        )
        if agreement.young_person_id is not None
        else []
    )
    return staff(session) + counsellors


# --- Finding ---------------------------------------------------------------------------------


def _loaded() -> Select[Agreement]:
    return select(Agreement).options(
        selectinload(Agreement.days),
        selectinload(Agreement.signatures),
        selectinload(Agreement.events),
        selectinload(Agreement.organisation),
        selectinload(Agreement.interest).selectinload(Interest.listing),
    )


def get(session: Session, agreement_id: int) -> Agreement | None:
    return session.scalar(_loaded().where(Agreement.id == agreement_id))


def for_interest(session: Session, interest: Interest) -> Agreement | None:
    return session.scalar(select(Agreement).where(Agreement.interest_id == interest.id))


def interest_by_id(session: Session, interest_id: int) -> Interest | None:
    return session.get(Interest, interest_id)


def of_user(session: Session, user: User, *, now: datetime) -> list[Agreement]:
    """The agreements a person is a party to, newest first; for staff, every one not finished;
    for a counsellor, those they are the programme's contact of, with consent in force."""
    query = select(Agreement).options(
        selectinload(Agreement.organisation),
        selectinload(Agreement.interest).selectinload(Interest.listing),
    )
    if user.role in (Role.MODERATOR, Role.ADMIN):
        query = query.where(Agreement.status.not_in(FINISHED))
    elif user.role is Role.COUNSELLOR:  # as the programme's contact, with consent in force
        query = query.join(
            Consent,
            (Consent.young_person_id == Agreement.young_person_id)
            & (Consent.counsellor_id == user.id),
        ).where(
            Agreement.programme_contact_id == user.id,
            Consent.status == ConsentStatus.ACTIVE,
            Consent.expires_at > now,
        )
    elif user.organisation_id is not None:
        query = query.where(Agreement.organisation_id == user.organisation_id)
    else:
        query = query.where(Agreement.young_person_id == user.id)
    return list(session.scalars(query.order_by(Agreement.start_date.desc(), Agreement.id.desc())))


def trials_without_agreement(session: Session) -> list[Interest]:
    """Trials agreed with no agreement yet (agreed before agreements existed): for staff to set
    one up."""
    return list(
        session.scalars(
            select(Interest)
            .where(
                Interest.status == InterestStatus.TRIAL_AGREED,
                Interest.profile_id.is_not(None),
                ~select(Agreement.id).where(Agreement.interest_id == Interest.id).exists(),
            )
            .options(selectinload(Interest.listing))
            .order_by(Interest.trial_start, Interest.id)
            .limit(100)
        )
    )


def for_interests(session: Session, interest_ids: Iterable[int]) -> dict[int, Agreement]:
    """The agreement of each of these interests that has one, for a list page."""
    ids = list(interest_ids)
    if not ids:
        return {}
    found = session.scalars(select(Agreement).where(Agreement.interest_id.in_(ids)))
    return {agreement.interest_id: agreement for agreement in found}


# --- History and telling ----------------------------------------------------------------------


def _record(
    agreement: Agreement, actor: User | None, action: str, now: datetime, **details: Any
) -> None:
    agreement.events.append(
        AgreementEvent(
            actor_id=actor.id if actor is not None else None,
            action=action,
            version=agreement.version,
            details={k: v for k, v in details.items() if v is not None},
            created_at=now,
        )
    )


def link_of(agreement: Agreement) -> str:
    return f"/agreements/{agreement.id}"


def _params(agreement: Agreement) -> dict[str, Any]:
    listing = agreement.interest.listing
    version = listing.published_version or listing.current_version
    return {
        "listing": version.title if version is not None else "",
        "organisation": agreement.organisation.name,
        "start": agreement.start_date.isoformat(),
    }


def _tell_parties(
    session: Session,
    agreement: Agreement,
    kind: NotificationKind,
    *,
    now: datetime,
    actor: User | None,
    only: Iterable[SignatureRole] | None = None,
) -> None:
    """Tell the young person, the organisation's members and the programme's contact (or
    those of them in `only`), never the person who acted."""
    wanted = set(only) if only is not None else {R.YOUNG_PERSON, R.EMPLOYER, R.PROGRAMME}
    params, link = _params(agreement), link_of(agreement)
    actor_id = actor.id if actor is not None else None
    if R.YOUNG_PERSON in wanted and agreement.young_person_id not in (None, actor_id):
        notifications.notify(
            session, agreement.young_person, kind, link=link, params=params, now=now
        )
    if R.EMPLOYER in wanted:
        notifications.notify_organisation(
            session,
            agreement.organisation,
            kind,
            link=link,
            params=params,
            now=now,
            except_user=actor,
        )
    if R.PROGRAMME in wanted:
        contact = agreement.programme_contact
        if contact is not None and contact.id != actor_id:
            notifications.notify(session, contact, kind, link=link, params=params, now=now)


# --- Drafting ---------------------------------------------------------------------------------


def draft(session: Session, interest: Interest, *, actor: User | None, now: datetime) -> Agreement:
    """The agreement for a trial just agreed, prefilled from the listing and the interest; the
    existing one if the interest has one already."""
    existing = for_interest(session, interest)
    if existing is not None:
        return existing
    listing = interest.listing
    version = listing.published_version or listing.current_version
    assert version is not None
    start = interest.trial_start or version.start_date or now.date()
    end = interest.trial_end or version.end_date or start
    if end < start:
        end = start
    pay = version.trial_pay or (TrialPay.PAID if listing.paid else TrialPay.UNPAID)
    agreement = Agreement(
        interest=interest,
        organisation_id=listing.organisation_id,
        organisation=listing.organisation,
        young_person_id=interest.profile_id,
        status=A.DRAFT,
        version=1,
        contact_name=version.contact_person_name,
        place=version.address,
        start_date=start,
        end_date=end,
        tasks=version.description,
        goals=[],
        training=version.learning,
        pay=pay,
        pay_amount=version.pay if pay is TrialPay.PAID else None,
        police_certificate_needed=version.police_certificate,
        evaluation_date=end,
        max_hours_per_week=version.hours_per_week,
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(agreement)
    except IntegrityError:
        # The same interest's agreement drafted by a parallel request: that one stands.
        found = for_interest(session, interest)
        assert found is not None
        return found
    _record(agreement, actor, "agreement:drafted", now)
    for moderator in staff(session):
        notifications.notify(
            session,
            moderator,
            K.AGREEMENT_NEEDS_CONTACT,
            link=link_of(agreement),
            params=_params(agreement),
            now=now,
        )
    return agreement


# --- Changing ---------------------------------------------------------------------------------


def _move(agreement: Agreement, step: str, *, seen_version: int, values: dict[str, Any]) -> None:
    """Take a step from the version the person saw, as one compare-and-set; `StaleState` if
    someone changed the agreement since, `InvalidTransition` if the step does not start here."""
    sources, target = STEPS[step]
    if agreement.version != seen_version:
        raise StaleState(agreement.version)
    if agreement.status not in sources:
        raise InvalidTransition(f"cannot {step} from {agreement.status.value}")
    compare_and_set(
        agreement,
        expected={"version": seen_version, "status": agreement.status},
        values={"status": target, **values},
    )


def _change(
    session: Session,
    agreement: Agreement,
    actor: User,
    *,
    seen_version: int,
    now: datetime,
    action: str,
    details: dict[str, Any],
) -> None:
    """A new version of the agreement: back to draft, every signature and guardian link gone,
    and the parties told if anyone had signed or been asked to."""
    if agreement.status not in EDITABLE:
        raise NotEditable(agreement.status.value)
    was = agreement.status
    _move(
        agreement,
        "change",
        seen_version=seen_version,
        values={"version": seen_version + 1, "updated_at": now},
    )
    cleared = [s.role.value for s in agreement.signatures]
    for signature in list(agreement.signatures):
        session.delete(signature)
    agreement.signatures.clear()
    _expire_guardian_links(session, agreement, now)
    _record(agreement, actor, action, now, **details, signatures_cleared=cleared or None)
    if cleared or was is not A.DRAFT:
        _tell_parties(session, agreement, K.AGREEMENT_CHANGED, now=now, actor=actor)


def date_problems(terms: Terms) -> list[ScheduleProblem]:
    problems = []
    if terms.end_date < terms.start_date:
        problems.append(ScheduleProblem(Problem.DATES_REVERSED))
    if terms.evaluation_date is not None and terms.evaluation_date < terms.start_date:
        problems.append(ScheduleProblem(Problem.EVALUATION_BEFORE_START))
    return problems


def update_terms(
    session: Session,
    agreement: Agreement,
    actor: User,
    terms: Terms,
    *,
    seen_version: int,
    now: datetime,
    set_contact: bool = False,
    programme_contact: User | None = None,
) -> list[str]:
    """Save new terms (and, with `set_contact`, the programme's contact); returns the
    names of what changed, empty when nothing did (and then nothing is saved or cleared)."""
    problems = date_problems(terms)
    goals = sorted({AgreementGoal(goal).value for goal in terms.goals})
    cleaned = replace(
        terms,
        contact_name=_clean(terms.contact_name, NAME_MAX),
        contact_role=_clean(terms.contact_role, NAME_MAX),
        contact_phone=_clean(terms.contact_phone, 32),
        place=_clean(terms.place, 200),
        tasks=_clean(terms.tasks),
        goals=goals,
        goal_other=_clean(terms.goal_other, 200) if AgreementGoal.OTHER in goals else None,
        training=_clean(terms.training),
        safety_equipment=_clean(terms.safety_equipment),
        pay_amount=_clean(terms.pay_amount, 100) if terms.pay is TrialPay.PAID else None,
    )
    # Days the new dates leave out would be outside the trial: say so rather than drop them.
    for day in agreement.days:
        if not cleaned.start_date <= day.day <= cleaned.end_date:
            problems.append(ScheduleProblem(Problem.OUTSIDE_DATES, day=day.day))
    if problems:
        raise ScheduleRefused(problems)
    changed = [n for n in TERM_FIELDS if getattr(agreement, n) != getattr(cleaned, n)]
    new_contact_id: int | None = agreement.programme_contact_id
    if set_contact:
        new_contact_id = programme_contact.id if programme_contact is not None else None
        if new_contact_id != agreement.programme_contact_id:
            changed.append("programme_contact")
    if not changed:
        return []
    _change(
        session,
        agreement,
        actor,
        seen_version=seen_version,
        now=now,
        action="agreement:edited",
        details={"changed": changed},
    )
    for name in TERM_FIELDS:
        setattr(agreement, name, getattr(cleaned, name))
    if set_contact:
        agreement.programme_contact = programme_contact
        session.expire(agreement, ["contact_consent"])
    return changed


def _iso_week(day: date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def schedule_problems(agreement: Agreement, days: Sequence[DayPlan]) -> list[ScheduleProblem]:
    """Everything wrong with a schedule for this agreement's dates and listing, in day order."""
    problems: list[ScheduleProblem] = []
    if len(days) > MAX_DAYS:
        return [ScheduleProblem(Problem.TOO_MANY_DAYS, limit=MAX_DAYS)]
    seen: set[date] = set()
    for plan in sorted(days, key=lambda d: (d.day, d.start)):
        if plan.day in seen:
            problems.append(ScheduleProblem(Problem.SAME_DAY_TWICE, day=plan.day))
        seen.add(plan.day)
        if not agreement.start_date <= plan.day <= agreement.end_date:
            problems.append(ScheduleProblem(Problem.OUTSIDE_DATES, day=plan.day))
        if plan.end <= plan.start:
            problems.append(ScheduleProblem(Problem.END_BEFORE_START, day=plan.day))
        elif not 0 <= plan.break_minutes <= MAX_BREAK_MINUTES or plan.minutes <= 0:
            problems.append(ScheduleProblem(Problem.BREAK_TOO_LONG, day=plan.day))
    limit = agreement.max_hours_per_week
    if limit:
        weeks: dict[tuple[int, int], list[DayPlan]] = defaultdict(list)
        for plan in days:
            if plan.end > plan.start:
                weeks[_iso_week(plan.day)].append(plan)
        for plans in weeks.values():
            minutes = sum(max(p.minutes, 0) for p in plans)
            if minutes > limit * 60:
                first = min(p.day for p in plans)
                problems.append(
                    ScheduleProblem(
                        Problem.WEEK_TOO_LONG, day=first, hours=minutes / 60, limit=limit
                    )
                )
    return problems


def set_schedule(
    session: Session,
    agreement: Agreement,
    actor: User,
    days: Sequence[DayPlan],
    *,
    seen_version: int,
    now: datetime,
) -> bool:
    """Replace the schedule; False (nothing saved) when it is the same as before."""
    problems = schedule_problems(agreement, days)
    if problems:
        raise ScheduleRefused(problems)
    new = sorted(days, key=lambda d: d.day)
    old = [DayPlan(d.day, d.start, d.end, d.break_minutes) for d in agreement.days]
    if new == old:
        return False
    _change(
        session,
        agreement,
        actor,
        seen_version=seen_version,
        now=now,
        action="agreement:schedule_changed",
        details={"days": len(new)},
    )
    for day in list(agreement.days):
        session.delete(day)
    agreement.days.clear()
    # The old rows go first: the new ones may take the same (agreement, day).
    session.flush()
    for plan in new:
        agreement.days.append(
            AgreementDay(
                day=plan.day, start=plan.start, end=plan.end, break_minutes=plan.break_minutes
            )
        )
    return True


def pattern(
    start_date: date,
    end_date: date,
    *,
    weekdays: Iterable[int],
    start: time,
    end: time,
    break_minutes: int,
) -> list[DayPlan]:
    """Every chosen weekday (0 = Monday) between the dates, public holidays left out: "weekdays
    09–14" in one go."""
    chosen = set(weekdays)
    plans: list[DayPlan] = []
    day = start_date
    while day <= end_date and len(plans) <= MAX_DAYS:
        holiday = day.weekday() < 5 and not is_working_day(day)
        if day.weekday() in chosen and not holiday:
            plans.append(DayPlan(day, start, end, break_minutes))
        day += timedelta(days=1)
    return plans


# --- The working-hours rules -------------------------------------------------------------------


def in_compulsory_school(agreement: Agreement) -> bool:
    """The young person's answer to "Går du på ungdomsskolen?"; not answered counts as yes, the
    stricter rules, until they answer."""
    young = agreement.young_person
    if young is None or young.profile is None:
        return True
    return profiles.working_hours_person(young.profile).in_compulsory_school


def _work_days(days: Iterable[AgreementDay]) -> list[WorkDay]:
    return [WorkDay(d.day, d.start, d.end, d.break_minutes) for d in days]


def rule_violations(session: Session, agreement: Agreement) -> list[Violation]:
    """Every working-hours rule the schedule breaks for its young person, on each day at their
    age that day, with the hours of their other signed or running agreements in the same weeks
    counted too (arbeidsmiljøloven § 11-2 (4))."""
    young = agreement.young_person
    if young is None or young.profile is None or not agreement.days:
        return []
    first = min(d.day for d in agreement.days)
    last = max(d.day for d in agreement.days)
    monday, sunday = first - timedelta(days=first.weekday()), last + timedelta(6 - last.weekday())
    others = session.scalars(
        select(AgreementDay)
        .join(Agreement)
        .where(
            Agreement.young_person_id == young.id,
            Agreement.id != agreement.id,
            Agreement.status.in_(COUNTED_WITH),
            AgreementDay.day.between(monday - timedelta(days=1), sunday + timedelta(days=1)),
        )
    )
    return check_working_hours(
        _work_days(agreement.days),
        birth_date=young.profile.birth_date,
        in_compulsory_school=in_compulsory_school(agreement),
        other_days=_work_days(others),
        nav_funded=agreement.pay is TrialPay.NAV_FUNDED,
    )


def _refuse_broken_rules(session: Session, agreement: Agreement) -> None:
    violations = rule_violations(session, agreement)
    if violations:
        raise RulesBroken(violations)


# --- Sending and signing ----------------------------------------------------------------------


def missing_for_sending(agreement: Agreement) -> list[str]:
    """What must be filled in before the parties can sign, by field name."""
    missing = []
    if agreement.programme_contact_id is None:
        missing.append("programme_contact")
    if not agreement.contact_name:
        missing.append("contact_name")
    if not agreement.contact_phone:
        missing.append("contact_phone")
    if not agreement.tasks:
        missing.append("tasks")
    if not agreement.goals:
        missing.append("goals")
    if not agreement.days:
        missing.append("days")
    if agreement.pay is TrialPay.PAID and not agreement.pay_amount:
        missing.append("pay_amount")
    if agreement.police_certificate_needed and agreement.police_certificate_handling is None:
        missing.append("police_certificate_handling")
    return missing


def send_for_signature(
    session: Session,
    agreement: Agreement,
    actor: User,
    *,
    seen_version: int,
    today: date,
    now: datetime,
) -> str | None:
    """Ask every party to sign. Returns a guardian link's token to send, when one is needed and
    the young person has said who their guardian is."""
    missing = missing_for_sending(agreement)
    if missing:
        raise NotReady(missing)
    plans = [DayPlan(d.day, d.start, d.end, d.break_minutes) for d in agreement.days]
    problems = schedule_problems(agreement, plans)
    if problems:
        raise ScheduleRefused(problems)
    _refuse_broken_rules(session, agreement)
    _move(agreement, "send", seen_version=seen_version, values={"updated_at": now})
    _record(agreement, actor, "agreement:sent_for_signature", now)
    _tell_parties(session, agreement, K.AGREEMENT_TO_SIGN, now=now, actor=actor)
    if is_minor(agreement, today) and guardian_reachable(agreement):
        return issue_guardian_link(session, agreement, now=now)
    return None


def _add_signature(
    session: Session,
    agreement: Agreement,
    *,
    role: SignatureRole,
    typed_name: str,
    seen_version: int,
    now: datetime,
    user: User | None,
    on_behalf_by: User | None = None,
    on_behalf_reason: str | None = None,
) -> AgreementSignature:
    if agreement.status is not A.AWAITING_SIGNATURES:
        raise NotSigning(agreement.status.value)
    name = _clean(typed_name, NAME_MAX)
    if name is None:
        raise ReasonNeeded("a signature needs the signer's name")
    # Holds the agreement's row until this transaction ends: a change made meanwhile wins or
    # waits, and two last signatures cannot both miss each other.
    compare_and_set(
        agreement,
        expected={"version": seen_version, "status": A.AWAITING_SIGNATURES},
        values={"updated_at": now},
    )
    if signature_of(agreement, role) is not None:
        raise AlreadySigned(role.value)
    # Checked again at every signature: another agreement signed since may add hours that break
    # a rule now (§ 11-2 (4)), and nobody signs a schedule the law forbids.
    _refuse_broken_rules(session, agreement)
    signature = AgreementSignature(
        role=role,
        user_id=user.id if user is not None else None,
        typed_name=name,
        version=seen_version,
        signed_at=now,
        on_behalf_by_id=on_behalf_by.id if on_behalf_by is not None else None,
        on_behalf_reason=on_behalf_reason,
    )
    try:
        with session.begin_nested():
            agreement.signatures.append(signature)
            session.flush()
    except IntegrityError:
        raise AlreadySigned(role.value) from None
    return signature


def _complete_if_signed(
    session: Session, agreement: Agreement, *, actor: User | None, today: date, now: datetime
) -> bool:
    session.expire(agreement, ["signatures"])
    signed = {s.role for s in agreement.signatures}
    if not set(required_roles(agreement, today)) <= signed:
        return False
    _move(agreement, "complete_signing", seen_version=agreement.version, values={})
    _record(agreement, None, "agreement:signed", now)
    _tell_parties(session, agreement, K.AGREEMENT_SIGNED, now=now, actor=None)
    return True


def sign(
    session: Session,
    agreement: Agreement,
    user: User,
    role: SignatureRole,
    *,
    typed_name: str,
    seen_version: int,
    today: date,
    now: datetime,
) -> bool:
    """A party's "I agree" to the version they read; True when it was the last signature."""
    if role is R.GUARDIAN or role not in roles_of(agreement, user):
        raise NotAParty(role.value)
    _add_signature(
        session,
        agreement,
        role=role,
        typed_name=typed_name,
        seen_version=seen_version,
        now=now,
        user=user,
    )
    _record(agreement, user, "agreement:signed_by", now, role=role.value)
    return _complete_if_signed(session, agreement, actor=user, today=today, now=now)


def sign_on_behalf(
    session: Session,
    agreement: Agreement,
    contact: User,
    role: SignatureRole,
    *,
    typed_name: str,
    reason: str,
    seen_version: int,
    today: date,
    now: datetime,
) -> bool:
    """The programme's contact signs for a party who cannot (named, with a reason); audited."""
    if R.PROGRAMME not in roles_of(agreement, contact) or role is R.PROGRAMME:
        raise NotAParty(role.value)
    if role not in required_roles(agreement, today):
        raise NotAParty(role.value)
    why = _clean(reason, REASON_MAX)
    if why is None:
        raise ReasonNeeded("signing for someone else needs a reason")
    _add_signature(
        session,
        agreement,
        role=role,
        typed_name=typed_name,
        seen_version=seen_version,
        now=now,
        user=None,
        on_behalf_by=contact,
        on_behalf_reason=why,
    )
    _record(agreement, contact, "agreement:signed_on_behalf", now, role=role.value, reason=why)
    session.add(
        AuditEvent(
            actor_id=contact.id,
            action="agreement:sign_on_behalf",
            subject_type="agreement",
            subject_id=agreement.id,
            reason=role.value,
            comment=why,
            created_at=now,
        )
    )
    return _complete_if_signed(session, agreement, actor=contact, today=today, now=now)


# --- The guardian -------------------------------------------------------------------------------


def guardian_reachable(agreement: Agreement) -> bool:
    return bool(agreement.guardian_name and (agreement.guardian_email or agreement.guardian_phone))


def set_guardian(
    session: Session,
    agreement: Agreement,
    young_person: User,
    *,
    name: str,
    email: str | None,
    phone: str | None,
    now: datetime,
) -> str | None:
    """The young person says who their guardian is; returns a link's token to send them when
    the agreement is waiting for signatures."""
    if R.YOUNG_PERSON not in roles_of(agreement, young_person):
        raise NotAParty(R.YOUNG_PERSON.value)
    if agreement.status not in (A.DRAFT, A.AWAITING_SIGNATURES):
        raise NotEditable(agreement.status.value)
    if signature_of(agreement, R.GUARDIAN) is not None:
        raise AlreadySigned(R.GUARDIAN.value)
    agreement.guardian_name = _clean(name, NAME_MAX)
    agreement.guardian_email = _clean(email, 254)
    agreement.guardian_phone = _clean(phone, 32)
    # Who the guardian is stays out of the history: it is read by the employer too.
    _record(agreement, young_person, "agreement:guardian_named", now)
    if agreement.status is A.AWAITING_SIGNATURES and guardian_reachable(agreement):
        return issue_guardian_link(session, agreement, now=now)
    return None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _expire_guardian_links(session: Session, agreement: Agreement, now: datetime) -> None:
    for link in session.scalars(
        select(GuardianLink).where(
            GuardianLink.agreement_id == agreement.id,
            GuardianLink.used_at.is_(None),
            GuardianLink.expires_at > now,
        )
    ):
        link.expires_at = now


def issue_guardian_link(session: Session, agreement: Agreement, *, now: datetime) -> str:
    """A fresh single-use link for the guardian (earlier ones stop working); the token itself
    is returned to be sent, and only its hash is kept."""
    if agreement.status is not A.AWAITING_SIGNATURES:
        raise NotSigning(agreement.status.value)
    if signature_of(agreement, R.GUARDIAN) is not None:
        raise AlreadySigned(R.GUARDIAN.value)
    _expire_guardian_links(session, agreement, now)
    token = secrets.token_urlsafe(32)
    session.add(
        GuardianLink(
            agreement_id=agreement.id,
            token_hash=_hash(token),
            version=agreement.version,
            created_at=now,
            expires_at=now + GUARDIAN_LINK_LIFETIME,
        )
    )
    _record(agreement, None, "agreement:guardian_link_sent", now)
    return token


def guardian_link(session: Session, token: str, *, now: datetime) -> GuardianLink:
    """The link a token opens, or `GuardianLinkRefused` saying plainly why not."""
    link = session.scalar(select(GuardianLink).where(GuardianLink.token_hash == _hash(token)))
    if link is None:
        raise GuardianLinkRefused(LinkProblem.UNKNOWN)
    if link.used_at is not None:
        raise GuardianLinkRefused(LinkProblem.USED)
    agreement = link.agreement
    if link.version != agreement.version or agreement.status is not A.AWAITING_SIGNATURES:
        raise GuardianLinkRefused(LinkProblem.OUTDATED)
    if link.expires_at <= now:
        raise GuardianLinkRefused(LinkProblem.EXPIRED)
    return link


def sign_as_guardian(
    session: Session, token: str, *, typed_name: str, today: date, now: datetime
) -> Agreement:
    """The guardian agrees through their link, which then stops working."""
    link = guardian_link(session, token, now=now)
    agreement = link.agreement
    try:
        compare_and_set(link, expected={"used_at": None}, values={"used_at": now})
    except StaleState:
        raise GuardianLinkRefused(LinkProblem.USED) from None
    _add_signature(
        session,
        agreement,
        role=R.GUARDIAN,
        typed_name=typed_name,
        seen_version=link.version,
        now=now,
        user=None,
    )
    _record(agreement, None, "agreement:signed_by", now, role=R.GUARDIAN.value)
    _complete_if_signed(session, agreement, actor=None, today=today, now=now)
    return agreement


def ask_as_guardian(session: Session, token: str, *, question: str, now: datetime) -> Agreement:
    """The guardian asks the programme's contact something; their link keeps working."""
    link = guardian_link(session, token, now=now)
    agreement = link.agreement
    text = _clean(question, TEXT_MAX)
    if text is None:
        raise ReasonNeeded("a question needs words")
    _record(agreement, None, "agreement:guardian_question", now, question=text)
    contact = agreement.programme_contact
    for person in [contact] if contact is not None else staff(session):
        notifications.notify(
            session,
            person,
            K.AGREEMENT_GUARDIAN_QUESTION,
            link=link_of(agreement),
            params=_params(agreement),
            now=now,
        )
    return agreement


# --- Ending -------------------------------------------------------------------------------------


def cancel(
    session: Session,
    agreement: Agreement,
    actor: User,
    *,
    reason: str,
    seen_version: int,
    now: datetime,
) -> None:
    """Cancelled before it starts, or ended early once running; either way with a reason."""
    why = _clean(reason, REASON_MAX)
    if why is None:
        raise ReasonNeeded("ending an agreement needs a reason")
    running = agreement.status is A.RUNNING
    step = "end_early" if running else "cancel"
    _move(agreement, step, seen_version=seen_version, values={"updated_at": now})
    agreement.reason = why
    _expire_guardian_links(session, agreement, now)
    _record(agreement, actor, f"agreement:{'ended_early' if running else 'cancelled'}", now)
    _tell_parties(
        session,
        agreement,
        K.AGREEMENT_ENDED_EARLY if running else K.AGREEMENT_CANCELLED,
        now=now,
        actor=actor,
    )


def advance(session: Session, *, today: date, now: datetime) -> int:
    """The scheduler's daily round: signed agreements whose first day has come are running,
    running ones past their last day are completed. Running it twice changes nothing more."""
    moved = 0
    due = session.scalars(
        select(Agreement)
        .where(
            Agreement.status.in_((A.SIGNED, A.RUNNING)),
            Agreement.start_date <= today,
        )
        .order_by(Agreement.id)
    ).all()
    for agreement in due:
        try:
            if agreement.status is A.SIGNED:
                _move(agreement, "start", seen_version=agreement.version, values={})
                _record(agreement, None, "agreement:started", now)
                moved += 1
            if agreement.status is A.RUNNING and agreement.end_date < today:
                _move(agreement, "complete", seen_version=agreement.version, values={})
                _record(agreement, None, "agreement:completed", now)
                moved += 1
        except StaleState:
            continue  # someone changed or ended it this very moment: theirs stands
    return moved


def forget(session: Session, user: User, *, now: datetime) -> None:
    """On leaving Jobbes: the person's typed names go from every signature, and a young
    person's agreements lose their guardian and the guardian's questions; those not finished
    end (the others are told), as the trial cannot happen without them."""
    session.execute(
        update(AgreementSignature)
        .where(AgreementSignature.user_id == user.id)
        .values(typed_name="")
    )
    for agreement in session.scalars(
        select(Agreement).where(Agreement.young_person_id == user.id).order_by(Agreement.id)
    ):
        agreement.guardian_name = agreement.guardian_email = agreement.guardian_phone = None
        for signature in agreement.signatures:
            if signature.role in (R.YOUNG_PERSON, R.GUARDIAN):
                signature.typed_name = ""
        for event in agreement.events:
            if event.action == "agreement:guardian_question":
                event.details = {}
        _end_with(session, agreement, "agreement:young_person_left", now=now, actor=user)


def _end_with(
    session: Session, agreement: Agreement, action: str, *, now: datetime, actor: User | None
) -> None:
    """End an agreement whose trial cannot happen any more (its interest ended, its young person
    left): cancelled, or ended early once running; the history says why."""
    _expire_guardian_links(session, agreement, now)
    if agreement.status in FINISHED:
        return
    running = agreement.status is A.RUNNING
    _move(
        agreement,
        "end_early" if running else "cancel",
        seen_version=agreement.version,
        values={"updated_at": now},
    )
    _record(agreement, actor, action, now)
    _tell_parties(
        session,
        agreement,
        K.AGREEMENT_ENDED_EARLY if running else K.AGREEMENT_CANCELLED,
        now=now,
        actor=actor,
    )


def interest_ended(session: Session, interest: Interest, *, now: datetime) -> None:
    """The young person withdrew, or the employer declined: the trial's agreement ends with it."""
    agreement = for_interest(session, interest)
    if agreement is not None:
        _end_with(session, agreement, "agreement:interest_ended", now=now, actor=None)


def of_young_person(session: Session, user: User) -> list[Agreement]:
    """A young person's own agreements, oldest first, for their data export."""
    return list(
        session.scalars(
            _loaded().where(Agreement.young_person_id == user.id).order_by(Agreement.id)
        )
    )


def history(agreement: Agreement, *, include_questions: bool) -> list[AgreementEvent]:
    """The agreement's history, newest first; a guardian's question only for the programme."""
    return [
        event
        for event in reversed(agreement.events)
        if include_questions or event.action != "agreement:guardian_question"
    ]
