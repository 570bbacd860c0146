"""After a trial: both sides asked on the last day and reminded after 2 and 5 days (once each,
however often the scheduler runs), each part written once, an offer moving the interest, the
certificate's numbers, and the follow-up question 3 and 6 months on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select, update

from jobbes.models import (
    Attendance,
    ContractKind,
    Evaluation,
    FollowUp,
    InterestStatus,
    Notification,
    NotificationKind,
    NowDoing,
    Outcome,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import agreements, evaluations, notifications
from jobbes.services.evaluations import EmployerPart, YoungPart
from jobbes.services.state_machine import StaleState
from tests import factories

K = NotificationKind


def kinds_for(db_session, user):
    return [
        n.kind
        for n in db_session.scalars(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    ]


def employer_of(db_session, agreement):
    return notifications.members_of(db_session, agreement.organisation)[0]


def at(day: date, hour: int = 10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), tick=False)


GOOD_OFFER = EmployerPart(
    attendance=Attendance.COMPLETED,
    went_well="Punktlig og blid.",
    to_work_on="Spør mer.",
    outcome=Outcome.JOB,
    offer_start=date(2030, 1, 7),
    offer_contract=ContractKind.PART_TIME,
)


def test_both_sides_are_asked_once_and_reminded_after_2_and_5_days_once_each(db_session):
    agreement = factories.finished_agreement(db_session)
    young, employer = agreement.young_person, employer_of(db_session, agreement)
    # Someone else's running trial that ends later is not asked about.
    asked_day = local_today()
    with at(asked_day):
        first = evaluations.run(db_session, today=local_today(), now=utcnow())
        again = evaluations.run(db_session, today=local_today(), now=utcnow())
    assert (first.asked, again.asked) == (1, 0)
    assert kinds_for(db_session, young).count(K.EVALUATION_ASKED) == 1
    assert kinds_for(db_session, employer).count(K.EVALUATION_ASKED) == 1
    evaluation = evaluations.of_agreement(db_session, agreement)
    assert evaluation is not None
    evaluations.write_employer_part(db_session, evaluation, employer, GOOD_OFFER, now=utcnow())
    for days, expected in ((1, 0), (2, 1), (2, 0), (4, 0), (5, 1), (5, 0), (9, 0)):
        with at(asked_day + timedelta(days=days), hour=11):
            outcome = evaluations.run(db_session, today=local_today(), now=utcnow())
        assert outcome.reminded == expected, days
    # Only the side still missing its part is reminded.
    assert kinds_for(db_session, young).count(K.EVALUATION_REMINDER) == 2
    assert K.EVALUATION_REMINDER not in kinds_for(db_session, employer)


def test_a_scheduler_away_for_a_week_sends_one_reminder_not_two(db_session):
    agreement = factories.finished_agreement(db_session)
    with at(local_today()):
        evaluations.run(db_session, today=local_today(), now=utcnow())
    with at(local_today() + timedelta(days=7)):
        assert evaluations.run(db_session, today=local_today(), now=utcnow()).reminded == 1
        assert evaluations.run(db_session, today=local_today(), now=utcnow()).reminded == 0
    assert kinds_for(db_session, agreement.young_person).count(K.EVALUATION_REMINDER) == 1


def test_nothing_is_asked_before_the_last_day(db_session):
    agreement = factories.agreement(db_session)
    with pytest.raises(evaluations.NotDue):
        evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    assert evaluations.run(db_session, today=local_today(), now=utcnow()).asked == 0


def test_an_offer_moves_the_interest_to_offered_and_the_young_person_is_told(db_session):
    agreement = factories.finished_agreement(db_session)
    evaluation = evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    employer = employer_of(db_session, agreement)
    assert agreement.interest.status is InterestStatus.TRIAL_AGREED
    evaluations.write_employer_part(db_session, evaluation, employer, GOOD_OFFER, now=utcnow())
    assert agreement.interest.status is InterestStatus.OFFERED
    told = kinds_for(db_session, agreement.young_person)
    assert K.INTEREST_OFFERED in told
    assert K.EVALUATION_EMPLOYER_WROTE in told
    assert evaluation.offer_contract is ContractKind.PART_TIME


def test_no_offer_leaves_the_interest_as_it_was(db_session):
    agreement = factories.finished_agreement(db_session)
    evaluation = evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    part = EmployerPart(Attendance.COMPLETED, "Bra", None, Outcome.ANOTHER_TRIAL)
    evaluations.write_employer_part(
        db_session,
        evaluation,
        employer_of(db_session, agreement),
        part,
        now=utcnow(),
    )
    assert agreement.interest.status is InterestStatus.TRIAL_AGREED


@pytest.mark.parametrize(
    ("part", "missing"),
    [
        (EmployerPart(Attendance.PARTLY, None, None, Outcome.NO_OFFER), ["days_missed"]),
        (
            EmployerPart(Attendance.PARTLY, None, None, Outcome.NO_OFFER, days_missed=0),
            ["days_missed"],
        ),
        (
            EmployerPart(Attendance.PARTLY, None, None, Outcome.NO_OFFER, days_missed=6),
            ["days_missed"],
        ),
        (
            EmployerPart(Attendance.COMPLETED, None, None, Outcome.JOB),
            ["offer_start", "offer_contract"],
        ),
        (
            EmployerPart(
                Attendance.COMPLETED,
                None,
                None,
                Outcome.SUMMER_JOB,
                offer_start=date(2000, 1, 1),
                offer_contract=ContractKind.TEMPORARY,
            ),
            ["offer_start"],
        ),
    ],
)
def test_an_employer_part_that_does_not_fit_is_refused_whole(db_session, part, missing):
    agreement = factories.finished_agreement(db_session)
    evaluation = evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    with pytest.raises(evaluations.DetailsMissing) as refused:
        evaluations.write_employer_part(
            db_session,
            evaluation,
            employer_of(db_session, agreement),
            part,
            now=utcnow(),
        )
    assert refused.value.missing == missing
    assert evaluation.employer_at is None
    assert agreement.interest.status is InterestStatus.TRIAL_AGREED


def test_each_part_is_written_once_and_the_two_sides_never_block_each_other(db_session):
    agreement = factories.finished_agreement(db_session)
    evaluation = evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    young = agreement.young_person
    evaluations.write_young_part(
        db_session, evaluation, young, YoungPart("Fint", None), now=utcnow()
    )
    with pytest.raises(evaluations.AlreadyWritten):
        evaluations.write_young_part(
            db_session, evaluation, young, YoungPart("Igjen", None), now=utcnow()
        )
    employer = employer_of(db_session, agreement)
    # Written before the employer's words were in: agreeing with them comes afterwards.
    assert evaluation.agrees is None
    evaluations.write_employer_part(db_session, evaluation, employer, GOOD_OFFER, now=utcnow())
    with pytest.raises(evaluations.AlreadyWritten):
        evaluations.write_employer_part(db_session, evaluation, employer, GOOD_OFFER, now=utcnow())
    assert evaluation.version == 3
    evaluations.agree(db_session, evaluation, agrees=True, now=utcnow())
    assert evaluation.agrees is True
    with pytest.raises(evaluations.AlreadyWritten):
        evaluations.agree(db_session, evaluation, agrees=False, now=utcnow())


def test_a_colleague_who_wrote_the_workplaces_part_meanwhile_wins(db_session):
    agreement = factories.finished_agreement(db_session)
    evaluation = evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    db_session.flush()
    # Another request wrote the part after this one read the evaluation.
    db_session.execute(
        update(Evaluation).where(Evaluation.id == evaluation.id).values(employer_at=utcnow())
    )
    with pytest.raises(StaleState):
        evaluations.write_employer_part(
            db_session, evaluation, employer_of(db_session, agreement), GOOD_OFFER, now=utcnow()
        )
    assert agreement.interest.status is InterestStatus.TRIAL_AGREED


def test_after_the_employers_part_the_young_person_reads_it_and_must_write_a_few_words(db_session):
    agreement = factories.finished_agreement(db_session)
    evaluation = evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    evaluations.write_employer_part(
        db_session,
        evaluation,
        employer_of(db_session, agreement),
        GOOD_OFFER,
        now=utcnow(),
    )
    assert evaluations.young_sees_employer_part(evaluation)
    assert not evaluations.employer_sees_young_part(evaluation)
    with pytest.raises(evaluations.DetailsMissing) as refused:
        evaluations.write_young_part(
            db_session,
            evaluation,
            agreement.young_person,
            YoungPart(" ", None),
            now=utcnow(),
        )
    assert refused.value.missing == ["how_it_was"]


def test_the_certificate_counts_the_days_worked_and_shows_agreed_words_only(db_session):
    agreement = factories.finished_agreement(db_session)  # 5 days, 09–14 with 30 minutes' break
    evaluation = evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    plain = evaluations.certificate(agreement, evaluation)
    assert (plain.days_worked, plain.minutes_worked, plain.went_well) == (5, 5 * 270, None)
    part = EmployerPart(Attendance.PARTLY, "Flink", "Tempo", Outcome.NO_OFFER, days_missed=1)
    evaluations.write_employer_part(
        db_session,
        evaluation,
        employer_of(db_session, agreement),
        part,
        now=utcnow(),
    )
    evaluations.write_young_part(
        db_session,
        evaluation,
        agreement.young_person,
        YoungPart("Bra", None, agrees=False),
        now=utcnow(),
    )
    refused = evaluations.certificate(agreement, evaluation)
    assert (refused.days_worked, refused.minutes_worked, refused.went_well) == (4, 4 * 270, None)
    evaluation.agrees = True
    assert evaluations.certificate(agreement, evaluation).went_well == "Flink"
    evaluation.attendance = Attendance.NO_SHOW
    with pytest.raises(evaluations.NoCertificate):
        evaluations.certificate(agreement, evaluation)


def test_no_certificate_before_the_trial_is_over(db_session):
    with pytest.raises(evaluations.NoCertificate):
        evaluations.certificate(factories.agreement(db_session), None)


def test_the_follow_up_question_comes_3_and_6_months_on_once_each(db_session):
    agreement = factories.finished_agreement(db_session)
    young = agreement.young_person
    end = agreement.end_date
    three = evaluations.add_months(end, 3)
    six = evaluations.add_months(end, 6)
    for day, expected in (
        (three - timedelta(days=1), 0),
        (three, 1),
        (three, 0),
        (three + timedelta(days=20), 0),
        (six - timedelta(days=1), 0),
        (six, 1),
        (six + timedelta(days=1), 0),
    ):
        with at(day):
            assert (
                evaluations.follow_up(db_session, today=local_today(), now=utcnow()) == expected
            ), day
    asked = db_session.scalars(select(FollowUp).order_by(FollowUp.months)).all()
    assert [f.months for f in asked] == [3, 6]
    assert kinds_for(db_session, young).count(K.FOLLOW_UP_QUESTION) == 2
    assert [f.months for f in evaluations.open_follow_ups(db_session, young)] == [6, 3]
    evaluations.answer_follow_up(asked[0], NowDoing.SCHOOL, now=utcnow())
    with pytest.raises(evaluations.AlreadyAnswered):
        evaluations.answer_follow_up(asked[0], NowDoing.WORK, now=utcnow())
    assert evaluations.follow_up_counts(db_session, months=3)["school"] == 1
    assert evaluations.follow_up_counts(db_session, months=6)["unanswered"] == 1


def test_a_scheduler_away_past_six_months_asks_only_the_six_month_question(db_session):
    agreement = factories.finished_agreement(db_session)
    with at(evaluations.add_months(agreement.end_date, 7)):
        assert evaluations.follow_up(db_session, today=local_today(), now=utcnow()) == 1
        assert evaluations.follow_up(db_session, today=local_today(), now=utcnow()) == 0
    assert [f.months for f in db_session.scalars(select(FollowUp))] == [6]


def test_a_trial_ended_early_is_evaluated_and_certified_up_to_the_day_it_ended(db_session):
    today = local_today()
    monday = today - timedelta(days=today.weekday())
    # Running this week, Monday to Friday; ended early today.
    agreement = factories.finished_agreement(db_session, start=monday, complete=False)
    assert agreement.status is agreements.A.RUNNING
    assert evaluations.run(db_session, today=today, now=utcnow()).asked == 0
    agreements.cancel(
        db_session,
        agreement,
        employer_of(db_session, agreement),
        reason="Flyttet",
        seen_version=agreement.version,
        now=utcnow(),
    )
    assert evaluations.run(db_session, today=today, now=utcnow()).asked == 1
    evaluation = evaluations.of_agreement(db_session, agreement)
    assert evaluations.last_day(agreement) == today
    held = sum(1 for day in agreement.days if day.day <= today)
    assert evaluations.certificate(agreement, evaluation).days_worked == held


def test_a_young_person_takes_their_words_and_answers_with_them_when_they_leave(db_session):
    from jobbes.services import own_data

    agreement = factories.finished_agreement(db_session)
    young, employer = agreement.young_person, employer_of(db_session, agreement)
    evaluation = evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    evaluations.write_employer_part(db_session, evaluation, employer, GOOD_OFFER, now=utcnow())
    evaluations.write_young_part(
        db_session,
        evaluation,
        young,
        YoungPart("Lærte mye", "Takk", agrees=True),
        now=utcnow(),
    )
    db_session.add(FollowUp(agreement_id=agreement.id, months=3, asked_at=utcnow()))
    db_session.flush()
    exported = own_data.export_data(db_session, young)["trial_evaluations"]
    assert exported[0]["how_it_was"] == "Lærte mye"
    assert exported[0]["employer"]["went_well"] == "Punktlig og blid."
    assert exported[0]["follow_ups"][0]["months"] == 3
    own_data.delete_account(db_session, young, now=utcnow())
    db_session.flush()
    db_session.refresh(evaluation)
    assert (evaluation.how_it_was, evaluation.young_comment) == (None, None)
    assert evaluation.went_well == "Punktlig og blid."
    assert db_session.scalars(select(FollowUp)).all() == []


def test_nothing_reminds_anyone_of_a_trial_whose_young_person_has_left(db_session):
    from jobbes.services import own_data

    agreement = factories.finished_agreement(db_session)
    evaluation = evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    organisation_id = agreement.organisation_id
    assert evaluations.missing_for_organisation(db_session, organisation_id) == [evaluation]
    own_data.delete_account(db_session, agreement.young_person, now=utcnow())
    db_session.flush()
    assert evaluations.missing_for_organisation(db_session, organisation_id) == []
    later = utcnow() + timedelta(days=6)
    assert evaluations.run(db_session, today=local_today(), now=later).reminded == 0
