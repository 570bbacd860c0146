"""Trial agreements: drafted from the trial, changed (which clears signatures), sent, signed by
every party and a guardian through a single-use link, started and completed by the scheduler."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta

import pytest
from sqlalchemy import select

from jobbes.models import (
    AgreementStatus,
    AuditEvent,
    Notification,
    NotificationKind,
    SignatureRole,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import agreements
from jobbes.services.agreements import DayPlan, LinkProblem, Problem
from jobbes.services.state_machine import InvalidTransition, StaleState
from tests import factories

A = AgreementStatus
R = SignatureRole
TODAY = local_today()


def kinds_for(db_session, user):
    return [
        n.kind
        for n in db_session.scalars(select(Notification).where(Notification.user_id == user.id))
    ]


def employer_of(agreement, db_session):
    from jobbes.services.notifications import members_of

    return members_of(db_session, agreement.organisation)[0]


def send(db_session, agreement, actor):
    return agreements.send_for_signature(
        db_session, agreement, actor, seen_version=agreement.version, today=TODAY, now=utcnow()
    )


def sign(db_session, agreement, user, role):
    return agreements.sign(
        db_session,
        agreement,
        user,
        role,
        typed_name=user.name,
        seen_version=agreement.version,
        today=TODAY,
        now=utcnow(),
    )


def test_agreeing_a_trial_drafts_an_agreement_prefilled_from_the_listing_and_interest(db_session):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(
        db_session, moderator=moderator, ready=False, hours_per_week=20, pay="Kr 150 i timen"
    )
    interest = agreement.interest
    assert agreement.status is A.DRAFT
    assert agreement.version == 1
    assert agreement.young_person_id == interest.profile_id
    assert agreement.organisation_id == interest.listing.organisation_id
    assert (agreement.start_date, agreement.end_date) == (interest.trial_start, interest.trial_end)
    assert agreement.evaluation_date == interest.trial_end
    assert agreement.tasks == interest.listing.published_version.description
    assert agreement.max_hours_per_week == 20
    assert [e.action for e in agreement.events] == ["agreement:drafted"]
    # The staff are asked to choose the programme's contact.
    assert NotificationKind.AGREEMENT_NEEDS_CONTACT in kinds_for(db_session, moderator)


def test_a_change_is_a_new_version_and_the_history_records_it(db_session):
    agreement = factories.agreement(db_session, ready=False)
    employer = employer_of(agreement, db_session)
    changed = agreements.update_terms(
        db_session,
        agreement,
        employer,
        replace(agreements.terms_of(agreement), tasks="Oppvask", goals=["try_trade"]),
        seen_version=1,
        now=utcnow(),
    )
    assert changed == ["tasks", "goals"]
    assert agreement.version == 2
    assert agreement.events[-1].action == "agreement:edited"
    assert agreement.events[-1].details["changed"] == ["tasks", "goals"]


def test_saving_the_same_terms_changes_nothing(db_session):
    agreement = factories.agreement(db_session)
    version = agreement.version
    employer = employer_of(agreement, db_session)
    assert (
        agreements.update_terms(
            db_session,
            agreement,
            employer,
            agreements.terms_of(agreement),
            seen_version=version,
            now=utcnow(),
        )
        == []
    )
    assert agreement.version == version


def test_an_edit_from_an_older_version_loses_and_saves_nothing(db_session):
    agreement = factories.agreement(db_session, ready=False)
    employer = employer_of(agreement, db_session)
    agreements.update_terms(
        db_session,
        agreement,
        employer,
        replace(agreements.terms_of(agreement), tasks="Oppvask"),
        seen_version=1,
        now=utcnow(),
    )
    with pytest.raises(StaleState):
        agreements.update_terms(
            db_session,
            agreement,
            employer,
            replace(agreements.terms_of(agreement), tasks="Noe annet"),
            seen_version=1,
            now=utcnow(),
        )
    assert agreement.tasks == "Oppvask"


def test_any_change_to_a_partly_signed_agreement_clears_all_signatures_and_tells_the_parties(
    db_session,
):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator)
    young, employer = agreement.young_person, employer_of(agreement, db_session)
    send(db_session, agreement, moderator)
    sign(db_session, agreement, young, R.YOUNG_PERSON)
    sign(db_session, agreement, employer, R.EMPLOYER)
    assert {s.role for s in agreement.signatures} == {R.YOUNG_PERSON, R.EMPLOYER}

    agreements.update_terms(
        db_session,
        agreement,
        moderator,
        replace(agreements.terms_of(agreement), safety_equipment="Vernesko"),
        seen_version=agreement.version,
        now=utcnow(),
    )
    db_session.flush()
    assert agreement.signatures == []
    assert agreement.status is A.DRAFT
    assert set(agreement.events[-1].details["signatures_cleared"]) == {"young_person", "employer"}
    assert NotificationKind.AGREEMENT_CHANGED in kinds_for(db_session, young)
    assert NotificationKind.AGREEMENT_CHANGED in kinds_for(db_session, employer)
    assert NotificationKind.AGREEMENT_CHANGED not in kinds_for(db_session, moderator)


def test_a_change_to_a_signed_agreement_sends_it_back_to_draft(db_session):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator)
    send(db_session, agreement, moderator)
    for user, role in (
        (agreement.young_person, R.YOUNG_PERSON),
        (employer_of(agreement, db_session), R.EMPLOYER),
        (moderator, R.PROGRAMME),
    ):
        sign(db_session, agreement, user, role)
    assert agreement.status is A.SIGNED
    plans = [DayPlan(d.day, d.start, time(13), d.break_minutes) for d in agreement.days]
    agreements.set_schedule(
        db_session, agreement, moderator, plans, seen_version=agreement.version, now=utcnow()
    )
    db_session.flush()
    assert agreement.status is A.DRAFT
    assert agreement.signatures == []
    assert [d.end for d in agreement.days] == [time(13)] * len(plans)


@pytest.mark.parametrize(
    ("plans", "problem"),
    [
        ([(0, 9, 9)], Problem.END_BEFORE_START),
        ([(0, 14, 9)], Problem.END_BEFORE_START),  # past midnight, written backwards
        ([(0, 9, 12), (0, 13, 15)], Problem.SAME_DAY_TWICE),
        ([(-1, 9, 12)], Problem.OUTSIDE_DATES),
        ([(30, 9, 12)], Problem.OUTSIDE_DATES),
        ([(0, 9, 12, 200)], Problem.BREAK_TOO_LONG),
        ([(i, 8, 16) for i in range(5)], Problem.WEEK_TOO_LONG),  # 40 hours, listing says 20
    ],
)
def test_a_schedule_with_a_problem_is_refused_whole(db_session, plans, problem):
    agreement = factories.agreement(db_session, ready=False, hours_per_week=20)
    employer = employer_of(agreement, db_session)
    days = [
        DayPlan(
            agreement.start_date + timedelta(days=p[0]),
            time(p[1]),
            time(p[2]),
            p[3] if len(p) > 3 else 0,
        )
        for p in plans
    ]
    with pytest.raises(agreements.ScheduleRefused) as refused:
        agreements.set_schedule(db_session, agreement, employer, days, seen_version=1, now=utcnow())
    assert problem in [p.problem for p in refused.value.problems]
    assert agreement.days == []
    assert agreement.version == 1


def test_a_schedule_within_the_listings_hours_is_saved(db_session):
    agreement = factories.agreement(db_session, ready=False, hours_per_week=20)
    employer = employer_of(agreement, db_session)
    days = agreements.pattern(
        agreement.start_date,
        agreement.end_date,
        weekdays=range(5),
        start=time(9),
        end=time(13),
        break_minutes=0,
    )
    assert agreements.set_schedule(
        db_session, agreement, employer, days, seen_version=1, now=utcnow()
    )
    assert sum(d.minutes for d in agreement.days) <= 20 * 60


def test_dates_that_leave_planned_days_outside_are_refused(db_session):
    agreement = factories.agreement(db_session)
    employer = employer_of(agreement, db_session)
    terms = replace(agreements.terms_of(agreement), end_date=agreement.start_date)
    with pytest.raises(agreements.ScheduleRefused) as refused:
        agreements.update_terms(
            db_session, agreement, employer, terms, seen_version=agreement.version, now=utcnow()
        )
    assert {p.problem for p in refused.value.problems} == {Problem.OUTSIDE_DATES}
    reversed_terms = replace(terms, end_date=agreement.start_date - timedelta(days=1))
    with pytest.raises(agreements.ScheduleRefused) as refused:
        agreements.update_terms(
            db_session,
            agreement,
            employer,
            reversed_terms,
            seen_version=agreement.version,
            now=utcnow(),
        )
    assert Problem.DATES_REVERSED in [p.problem for p in refused.value.problems]


def test_a_draft_without_a_programme_contact_or_days_cannot_be_sent(db_session):
    agreement = factories.agreement(db_session, ready=False)
    employer = employer_of(agreement, db_session)
    with pytest.raises(agreements.NotReady) as refused:
        send(db_session, agreement, employer)
    assert {"programme_contact", "days", "goals", "contact_phone"} <= set(refused.value.missing)
    assert agreement.status is A.DRAFT


def test_everyone_signs_and_everyone_is_told(db_session):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator)
    young, employer = agreement.young_person, employer_of(agreement, db_session)
    assert send(db_session, agreement, employer) is None  # an adult: no guardian link
    assert NotificationKind.AGREEMENT_TO_SIGN in kinds_for(db_session, young)
    assert not sign(db_session, agreement, young, R.YOUNG_PERSON)
    assert not sign(db_session, agreement, employer, R.EMPLOYER)
    assert sign(db_session, agreement, moderator, R.PROGRAMME)
    assert agreement.status is A.SIGNED
    signature = agreements.signature_of(agreement, R.EMPLOYER)
    assert (signature.user_id, signature.version, signature.typed_name) == (
        employer.id,
        agreement.version,
        employer.name,
    )
    for person in (young, employer):
        assert NotificationKind.AGREEMENT_SIGNED in kinds_for(db_session, person)


def test_nobody_signs_for_a_side_that_is_not_theirs(db_session):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator)
    send(db_session, agreement, moderator)
    stranger = factories.employer(db_session, organisation_name="Annen AS")
    other_moderator = factories.staff(db_session)
    for user, role in (
        (stranger, R.EMPLOYER),
        (agreement.young_person, R.EMPLOYER),
        (other_moderator, R.PROGRAMME),
        (moderator, R.YOUNG_PERSON),
        (agreement.young_person, R.GUARDIAN),
    ):
        with pytest.raises(agreements.NotAParty):
            sign(db_session, agreement, user, role)
    assert agreement.signatures == []


def test_a_signature_on_an_older_version_or_a_second_one_is_refused(db_session):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator)
    young = agreement.young_person
    send(db_session, agreement, moderator)
    with pytest.raises(StaleState):
        agreements.sign(
            db_session,
            agreement,
            young,
            R.YOUNG_PERSON,
            typed_name="Ola",
            seen_version=agreement.version - 1,
            today=TODAY,
            now=utcnow(),
        )
    sign(db_session, agreement, young, R.YOUNG_PERSON)
    with pytest.raises(agreements.AlreadySigned):
        sign(db_session, agreement, young, R.YOUNG_PERSON)


def test_a_draft_cannot_be_signed(db_session):
    agreement = factories.agreement(db_session)
    with pytest.raises(agreements.NotSigning):
        sign(db_session, agreement, agreement.young_person, R.YOUNG_PERSON)


def _minor_ready_to_sign(db_session):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator, age=16)
    young = agreement.young_person
    assert agreements.required_roles(agreement, TODAY)[-1] is R.GUARDIAN
    agreements.set_guardian(
        db_session,
        agreement,
        young,
        name="Gro Verge",
        email="gro@example.no",
        phone=None,
        now=utcnow(),
    )
    token = send(db_session, agreement, moderator)
    assert token
    return agreement, moderator, token


def test_under_18_a_guardian_signs_once_through_their_link(db_session):
    agreement, moderator, token = _minor_ready_to_sign(db_session)
    young, employer = agreement.young_person, employer_of(agreement, db_session)
    sign(db_session, agreement, young, R.YOUNG_PERSON)
    sign(db_session, agreement, employer, R.EMPLOYER)
    assert not sign(db_session, agreement, moderator, R.PROGRAMME)
    assert agreement.status is A.AWAITING_SIGNATURES  # the guardian is still to sign
    agreements.sign_as_guardian(
        db_session, token, typed_name="Gro Verge", today=TODAY, now=utcnow()
    )
    assert agreement.status is A.SIGNED
    signature = agreements.signature_of(agreement, R.GUARDIAN)
    assert signature.user_id is None
    assert signature.typed_name == "Gro Verge"
    with pytest.raises(agreements.GuardianLinkRefused) as refused:
        agreements.guardian_link(db_session, token, now=utcnow())
    assert refused.value.problem is LinkProblem.USED


def test_a_guardian_link_expires(db_session):
    agreement, _moderator, token = _minor_ready_to_sign(db_session)
    later = utcnow() + agreements.GUARDIAN_LINK_LIFETIME + timedelta(minutes=1)
    with pytest.raises(agreements.GuardianLinkRefused) as refused:
        agreements.sign_as_guardian(db_session, token, typed_name="Gro", today=TODAY, now=later)
    assert refused.value.problem is LinkProblem.EXPIRED
    assert agreements.signature_of(agreement, R.GUARDIAN) is None


def test_a_guardian_link_stops_working_when_the_agreement_changes_or_a_new_one_is_sent(
    db_session,
):
    agreement, moderator, token = _minor_ready_to_sign(db_session)
    newer = agreements.issue_guardian_link(db_session, agreement, now=utcnow())
    with pytest.raises(agreements.GuardianLinkRefused) as refused:
        agreements.guardian_link(db_session, token, now=utcnow())
    assert refused.value.problem is LinkProblem.EXPIRED
    agreements.update_terms(
        db_session,
        agreement,
        moderator,
        replace(agreements.terms_of(agreement), training="Hygienekurs"),
        seen_version=agreement.version,
        now=utcnow(),
    )
    with pytest.raises(agreements.GuardianLinkRefused):
        agreements.guardian_link(db_session, newer, now=utcnow())
    with pytest.raises(agreements.GuardianLinkRefused) as refused:
        agreements.guardian_link(db_session, "made-up", now=utcnow())
    assert refused.value.problem is LinkProblem.UNKNOWN


def test_a_guardians_question_reaches_the_programme_contact(db_session):
    agreement, moderator, token = _minor_ready_to_sign(db_session)
    agreements.ask_as_guardian(db_session, token, question="Får hun lunsj?", now=utcnow())
    assert NotificationKind.AGREEMENT_GUARDIAN_QUESTION in kinds_for(db_session, moderator)
    assert agreement.events[-1].details == {"question": "Får hun lunsj?"}
    # The link still works for signing.
    agreements.guardian_link(db_session, token, now=utcnow())
    # Only the programme reads the question in the history.
    assert "agreement:guardian_question" not in [
        e.action for e in agreements.history(agreement, include_questions=False)
    ]


def test_the_programme_contact_signs_for_someone_who_cannot_with_a_reason_and_it_is_audited(
    db_session,
):
    agreement, moderator, _token = _minor_ready_to_sign(db_session)
    with pytest.raises(agreements.ReasonNeeded):
        agreements.sign_on_behalf(
            db_session,
            agreement,
            moderator,
            R.GUARDIAN,
            typed_name="Gro Verge",
            reason=" ",
            seen_version=agreement.version,
            today=TODAY,
            now=utcnow(),
        )
    agreements.sign_on_behalf(
        db_session,
        agreement,
        moderator,
        R.GUARDIAN,
        typed_name="Gro Verge",
        reason="Signerte på papir hos oss",
        seen_version=agreement.version,
        today=TODAY,
        now=utcnow(),
    )
    signature = agreements.signature_of(agreement, R.GUARDIAN)
    assert signature.on_behalf_by_id == moderator.id
    audit = db_session.scalar(
        select(AuditEvent).where(AuditEvent.action == "agreement:sign_on_behalf")
    )
    assert audit.actor_id == moderator.id
    assert audit.subject_id == agreement.id
    employer = employer_of(agreement, db_session)
    with pytest.raises(agreements.NotAParty):
        agreements.sign_on_behalf(
            db_session,
            agreement,
            employer,
            R.YOUNG_PERSON,
            typed_name="Ola",
            reason="Syk",
            seen_version=agreement.version,
            today=TODAY,
            now=utcnow(),
        )


def _signed(db_session, start):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator, start=start)
    send(db_session, agreement, moderator)
    sign(db_session, agreement, agreement.young_person, R.YOUNG_PERSON)
    sign(db_session, agreement, employer_of(agreement, db_session), R.EMPLOYER)
    sign(db_session, agreement, moderator, R.PROGRAMME)
    return agreement


def test_the_scheduler_starts_and_completes_agreements_once(db_session):
    agreement = _signed(db_session, TODAY + timedelta(days=7))
    start = agreement.start_date
    assert agreements.advance(db_session, today=start - timedelta(days=1), now=utcnow()) == 0
    assert agreements.advance(db_session, today=start, now=utcnow()) == 1
    assert agreement.status is A.RUNNING
    assert agreements.advance(db_session, today=start, now=utcnow()) == 0
    after = agreement.end_date + timedelta(days=1)
    assert agreements.advance(db_session, today=after, now=utcnow()) == 1
    assert agreement.status is A.COMPLETED
    assert agreements.advance(db_session, today=after, now=utcnow()) == 0
    assert [e.action for e in agreement.events][-2:] == ["agreement:started", "agreement:completed"]


def test_cancelling_needs_a_reason_and_a_running_trial_is_ended_early(db_session):
    agreement = _signed(db_session, TODAY + timedelta(days=7))
    employer = employer_of(agreement, db_session)
    with pytest.raises(agreements.ReasonNeeded):
        agreements.cancel(
            db_session, agreement, employer, reason="", seen_version=agreement.version, now=utcnow()
        )
    agreements.advance(db_session, today=agreement.start_date, now=utcnow())
    agreements.cancel(
        db_session,
        agreement,
        employer,
        reason="Fant ikke tid",
        seen_version=agreement.version,
        now=utcnow(),
    )
    assert agreement.status is A.ENDED_EARLY
    assert agreement.reason == "Fant ikke tid"
    assert NotificationKind.AGREEMENT_ENDED_EARLY in kinds_for(db_session, agreement.young_person)
    with pytest.raises(InvalidTransition):
        agreements.cancel(
            db_session,
            agreement,
            employer,
            reason="Igjen",
            seen_version=agreement.version,
            now=utcnow(),
        )
    with pytest.raises(agreements.NotEditable):
        agreements.update_terms(
            db_session,
            agreement,
            employer,
            replace(agreements.terms_of(agreement), tasks="Annet"),
            seen_version=agreement.version,
            now=utcnow(),
        )


# --- The working-hours rules, wired in -----------------------------------------------------------


def school_week(after_days: int = 14):
    """A Monday whose whole week has teaching in Kristiansand, some weeks from now."""
    from jobbes.working_hours import kristiansand

    calendar = kristiansand()
    monday = TODAY + timedelta(days=after_days)
    monday -= timedelta(days=monday.weekday())
    while not all(calendar.is_teaching_day(monday + timedelta(days=n)) for n in range(5)):
        monday += timedelta(days=7)
    return monday


def test_a_schedule_that_breaks_a_rule_cannot_be_sent_and_says_which(db_session):
    moderator = factories.staff(db_session)
    # 16 and not said otherwise: still in compulsory school, at most 2 hours on a school day.
    agreement = factories.agreement(
        db_session,
        moderator=moderator,
        age=16,
        start=school_week(),
        hours=(time(9), time(14), 30),
    )
    with pytest.raises(agreements.RulesBroken) as refused:
        send(db_session, agreement, moderator)
    rules = {v.rule.value for v in refused.value.violations}
    assert "hours_per_day" in rules
    assert all(v.section.startswith("aml.") for v in refused.value.violations)
    assert agreement.status is A.DRAFT
    assert agreements.rule_violations(db_session, agreement) == refused.value.violations


def test_the_same_schedule_is_fine_for_an_adult(db_session):
    agreement = factories.agreement(
        db_session, age=19, start=school_week(), hours=(time(9), time(14), 30)
    )
    assert agreements.rule_violations(db_session, agreement) == []


def _sign_everyone(db_session, agreement, moderator):
    send(db_session, agreement, moderator)
    sign(db_session, agreement, agreement.young_person, R.YOUNG_PERSON)
    sign(db_session, agreement, employer_of(agreement, db_session), R.EMPLOYER)
    sign(db_session, agreement, moderator, R.PROGRAMME)
    if agreements.is_minor(agreement, TODAY):
        agreements.sign_on_behalf(
            db_session,
            agreement,
            moderator,
            R.GUARDIAN,
            typed_name="Gro Verge",
            reason="Signerte på papir",
            seen_version=agreement.version,
            today=TODAY,
            now=utcnow(),
        )


def test_hours_in_another_signed_agreement_the_same_week_add_up(db_session):
    moderator = factories.staff(db_session)
    young = factories.young_person(db_session, age=16)
    monday = school_week()
    first = factories.agreement(db_session, young=young, moderator=moderator, start=monday)
    _sign_everyone(db_session, first, moderator)
    assert first.status is A.SIGNED
    # An hour more on the same days, at another employer: 3 hours a school day in all.
    second = factories.agreement(
        db_session,
        young=young,
        moderator=moderator,
        start=monday,
        hours=(time(17, 30), time(18, 30), 0),
    )
    violations = agreements.rule_violations(db_session, second)
    assert violations
    assert all(v.with_other_agreements for v in violations if v.rule.value == "hours_per_day")
    with pytest.raises(agreements.RulesBroken):
        send(db_session, second, moderator)


def test_a_signature_is_refused_when_another_agreement_signed_meanwhile_breaks_the_rules(
    db_session,
):
    moderator = factories.staff(db_session)
    young = factories.young_person(db_session, age=16)
    monday = school_week()
    first = factories.agreement(db_session, young=young, moderator=moderator, start=monday)
    second = factories.agreement(
        db_session,
        young=young,
        moderator=moderator,
        start=monday,
        hours=(time(17, 30), time(18, 30), 0),
    )
    send(db_session, second, moderator)  # alone, one hour a day is fine
    _sign_everyone(db_session, first, moderator)
    with pytest.raises(agreements.RulesBroken):
        sign(db_session, second, young, R.YOUNG_PERSON)
    assert second.signatures == []


def test_a_nav_funded_trial_needs_the_young_person_to_be_16(db_session):
    from jobbes.vocabulary import TrialPay

    agreement = factories.agreement(db_session, age=15, minimum_age=15)
    assert agreement.pay is TrialPay.NAV_FUNDED
    assert "nav_minimum_age" in {
        v.rule.value for v in agreements.rule_violations(db_session, agreement)
    }
    agreements.update_terms(
        db_session,
        agreement,
        employer_of(agreement, db_session),
        replace(agreements.terms_of(agreement), pay=TrialPay.UNPAID),
        seen_version=agreement.version,
        now=utcnow(),
    )
    assert "nav_minimum_age" not in {
        v.rule.value for v in agreements.rule_violations(db_session, agreement)
    }


def test_a_young_person_who_leaves_takes_their_names_and_their_guardian_with_them(db_session):
    from jobbes.services import own_data

    agreement, _moderator, token = _minor_ready_to_sign(db_session)
    young = agreement.young_person
    employer = employer_of(agreement, db_session)
    sign(db_session, agreement, young, R.YOUNG_PERSON)
    agreements.ask_as_guardian(db_session, token, question="Får Sara lunsj?", now=utcnow())
    exported = own_data.export_data(db_session, young)["trial_agreements"]
    assert exported[0]["guardian"]["email"] == "gro@example.no"
    assert exported[0]["signatures"][0]["side"] == "young_person"

    own_data.delete_account(db_session, young, now=utcnow())
    db_session.flush()
    db_session.refresh(agreement)
    assert agreement.status is A.CANCELLED
    assert agreement.guardian_name is None
    assert agreement.guardian_email is None
    assert all(s.typed_name == "" for s in agreement.signatures)
    assert all("question" not in e.details for e in agreement.events)
    # Leaving withdraws the interest first, and the agreement ends with it.
    assert agreement.events[-1].action == "agreement:interest_ended"
    assert NotificationKind.AGREEMENT_CANCELLED in kinds_for(db_session, employer)
    with pytest.raises(agreements.GuardianLinkRefused):
        agreements.guardian_link(db_session, token, now=utcnow())


@pytest.mark.parametrize("who", ["young_person", "employer"])
def test_an_interest_withdrawn_or_declined_ends_its_agreement(db_session, who):
    from jobbes.models import DeclineMessage
    from jobbes.services import interests

    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator)
    send(db_session, agreement, moderator)
    if who == "young_person":
        interests.withdraw(agreement.interest, now=utcnow())
    else:
        interests.employer_step(
            agreement.interest, "decline", now=utcnow(), decline_message=DeclineMessage.FILLED
        )
    assert agreement.status is A.CANCELLED
    assert agreement.events[-1].action == "agreement:interest_ended"
    assert NotificationKind.AGREEMENT_CANCELLED in kinds_for(db_session, moderator)
    with pytest.raises(agreements.NotSigning):
        sign(db_session, agreement, agreement.young_person, R.YOUNG_PERSON)


def test_a_16_year_old_who_has_finished_compulsory_school_may_work_09_to_14(db_session):
    young = factories.young_person(db_session, age=16)
    young.profile.in_compulsory_school = False
    agreement = factories.agreement(
        db_session, young=young, start=school_week(), hours=(time(9), time(14), 30)
    )
    assert agreements.rule_violations(db_session, agreement) == []
    young.profile.in_compulsory_school = None  # not answered: the stricter rules
    assert agreements.rule_violations(db_session, agreement)
