"""Counsellors: consent first, flags with frozen time, looks, suggestions and private notes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from jobbes.models import (
    Attendance,
    ConsentStatus,
    Notification,
    NotificationKind,
    Outcome,
    Role,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import (
    agreements,
    counselling,
    evaluations,
    interests,
    notifications,
    own_data,
)
from jobbes.services.counselling import Flag
from jobbes.services.evaluations import EmployerPart, YoungPart
from jobbes.services.moderation import Decision
from jobbes.services.state_machine import StaleState
from tests import factories

# A Wednesday in an ordinary week, far from Norwegian public holidays.
START = datetime(2026, 9, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def counsellor(db_session):
    return factories.counsellor(db_session, name="Vera", organisation="NAV Kristiansand")


def notified(db_session, user, kind):
    return db_session.scalars(
        select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
    ).all()


# --- Accounts ---------------------------------------------------------------------------------


def test_a_counsellor_belongs_to_a_counselling_organisation_and_has_a_short_code(
    db_session, counsellor
):
    record = counselling.counsellor_record(db_session, counsellor)
    assert counsellor.role is Role.COUNSELLOR
    assert record.organisation.name == "NAV Kristiansand"
    assert len(record.code) == counselling.CODE_LENGTH
    assert set(record.code) <= set(counselling.CODE_ALPHABET)
    colleague = factories.counsellor(db_session, organisation="  NAV   Kristiansand ")
    assert counselling.counsellor_record(db_session, colleague).organisation_id == (
        record.organisation_id
    )


def test_a_counsellor_is_found_by_code_in_any_case_or_by_email(db_session, counsellor):
    code = counselling.counsellor_record(db_session, counsellor).code
    assert counselling.find_counsellor(db_session, f" {code.lower()} ").user_id == counsellor.id
    assert counselling.find_counsellor(db_session, counsellor.email.upper()).user_id == (
        counsellor.id
    )
    young = factories.young_person(db_session)
    assert counselling.find_counsellor(db_session, young.email) is None
    assert counselling.find_counsellor(db_session, "ZZZZZZ") is None


# --- Consent ----------------------------------------------------------------------------------


def test_a_young_person_who_adds_a_counsellor_is_followed_for_twelve_months(db_session, counsellor):
    young = factories.young_person(db_session)
    code = counselling.counsellor_record(db_session, counsellor).code
    with time_machine.travel(START, tick=False):
        consent = counselling.add_counsellor(db_session, young, code, now=utcnow())
        assert consent.in_force(utcnow())
        assert [
            p.user_id
            for p in counselling.caseload(db_session, counsellor, now=utcnow(), today=local_today())
        ] == [young.id]
        assert notified(db_session, counsellor, NotificationKind.COUNSELLOR_ADDED)
    assert consent.expires_at == datetime(2027, 9, 2, 10, 0, tzinfo=UTC)
    assert consent.in_force(datetime(2027, 9, 2, 9, 59, tzinfo=UTC))
    assert not consent.in_force(datetime(2027, 9, 2, 10, 0, tzinfo=UTC))
    with pytest.raises(counselling.AlreadyFollowing):
        counselling.add_counsellor(db_session, young, counsellor.email, now=utcnow())


def test_nobody_is_in_a_caseload_without_consent(db_session, counsellor):
    factories.young_person(db_session)
    other = factories.counsellor(db_session)
    factories.following(db_session, factories.young_person(db_session), other)
    assert counselling.caseload(db_session, counsellor, now=utcnow(), today=local_today()) == []


def test_an_ended_consent_is_gone_at_once_and_a_lapsed_one_by_itself(db_session, counsellor):
    ended, lapsing = factories.young_person(db_session), factories.young_person(db_session)
    consent = factories.following(db_session, ended, counsellor)
    factories.following(db_session, lapsing, counsellor)
    counselling.end_consent(consent, now=utcnow())
    assert consent.status is ConsentStatus.ENDED
    now = utcnow()
    assert [
        p.user_id
        for p in counselling.caseload(db_session, counsellor, now=now, today=local_today())
    ] == [lapsing.id]
    a_year_on = now + timedelta(days=366)
    assert counselling.caseload(db_session, counsellor, now=a_year_on, today=local_today()) == []
    lapsed = counselling.counsellors_of(db_session, lapsing, now=a_year_on)
    assert [c.counsellor_id for c in lapsed.lapsed] == [counsellor.id]
    assert lapsed.following == []


def test_renewing_gives_twelve_more_months_from_the_day_of_renewal(db_session, counsellor):
    young = factories.young_person(db_session)
    consent = factories.following(db_session, young, counsellor)
    later = utcnow() + timedelta(days=400)  # lapsed already: renewing starts it again
    counselling.renew_consent(consent, now=later)
    db_session.refresh(consent)
    assert consent.expires_at == counselling.one_year_after(later)
    assert consent.in_force(later + timedelta(days=300))


def test_a_counsellor_asks_and_the_young_person_accepts(db_session, counsellor):
    young = factories.young_person(db_session)
    assert counselling.ask_to_follow(db_session, counsellor, young.email.upper(), now=utcnow())
    [asked] = notified(db_session, young, NotificationKind.COUNSELLOR_REQUEST)
    assert asked.params == {"name": "Vera", "organisation": "NAV Kristiansand"}
    consent = counselling.consent_for(db_session, counsellor, young.id)
    assert consent.status is ConsentStatus.REQUESTED
    assert not consent.in_force(utcnow())
    assert counselling.caseload(db_session, counsellor, now=utcnow(), today=local_today()) == []
    # Asking twice does not tell the young person twice.
    assert not counselling.ask_to_follow(db_session, counsellor, young.email, now=utcnow())
    counselling.answer_request(consent, accept=True, now=utcnow())
    assert consent.in_force(utcnow())
    assert notified(db_session, counsellor, NotificationKind.COUNSELLOR_ACCEPTED)
    with pytest.raises(StaleState):
        counselling.answer_request(consent, accept=False, now=utcnow())


def test_who_declined_or_ended_is_not_asked_again_but_may_add_the_counsellor_themselves(
    db_session, counsellor
):
    young = factories.young_person(db_session)
    counselling.ask_to_follow(db_session, counsellor, young.email, now=utcnow())
    consent = counselling.consent_for(db_session, counsellor, young.id)
    counselling.answer_request(consent, accept=False, now=utcnow())
    assert consent.status is ConsentStatus.DECLINED
    assert not counselling.ask_to_follow(db_session, counsellor, young.email, now=utcnow())
    assert len(notified(db_session, young, NotificationKind.COUNSELLOR_REQUEST)) == 1
    counselling.add_counsellor(db_session, young, counsellor.email, now=utcnow())
    db_session.refresh(consent)
    assert consent.in_force(utcnow())


def test_asking_reveals_nothing_about_addresses_that_are_not_young_peoples(db_session, counsellor):
    employer = factories.employer(db_session)
    assert not counselling.ask_to_follow(db_session, counsellor, "nobody@example.no", now=utcnow())
    assert not counselling.ask_to_follow(db_session, counsellor, employer.email, now=utcnow())
    assert notified(db_session, employer, NotificationKind.COUNSELLOR_REQUEST) == []


# --- Flags, with frozen time -------------------------------------------------------------------


def _person(db_session, counsellor, young, now):
    [person] = [
        p
        for p in counselling.caseload(db_session, counsellor, now=now, today=now.date())
        if p.user_id == young.id
    ]
    return person


@pytest.fixture
def waiting_world(db_session, counsellor):
    """A young person who said they are interested on START, and a listing's employer."""
    with time_machine.travel(START, tick=False):
        employer = factories.employer(db_session)
        listing = factories.published_listing(db_session, employer, deadline=date(2026, 12, 20))
        young = factories.findable_young_person(db_session)
        interest = factories.interest(db_session, young, listing)
        factories.following(db_session, young, counsellor)
        db_session.flush()
    return young, interest


def test_waiting_is_flagged_eight_weeks_after_the_first_interest_without_an_offer(
    db_session, counsellor, waiting_world
):
    young, interest = waiting_world
    just_before = START + timedelta(weeks=8) - timedelta(minutes=1)
    assert Flag.WAITING not in _person(db_session, counsellor, young, just_before).flags
    at_eight_weeks = START + timedelta(weeks=8)
    assert Flag.WAITING in _person(db_session, counsellor, young, at_eight_weeks).flags
    # An offer (even one said no to) ends the wait.
    interests.mark_seen(interest, now=START + timedelta(weeks=2))
    interests.employer_step(interest, "offer", now=START + timedelta(weeks=3))
    interests.answer_offer(interest, accept=False, now=START + timedelta(weeks=4))
    assert Flag.WAITING not in _person(db_session, counsellor, young, at_eight_weeks).flags


def test_an_interest_unanswered_for_ten_working_days_is_flagged(
    db_session, counsellor, waiting_world
):
    young, interest = waiting_world
    # Sent Wednesday 2 September at 10:00: ten working days end Wednesday 16 September 10:00.
    nine_and_a_bit = datetime(2026, 9, 16, 9, 59, tzinfo=UTC)
    assert Flag.UNANSWERED not in _person(db_session, counsellor, young, nine_and_a_bit).flags
    ten = datetime(2026, 9, 16, 10, 0, tzinfo=UTC)
    assert Flag.UNANSWERED in _person(db_session, counsellor, young, ten).flags
    # Read is not an answer; an invitation to talk is.
    interests.mark_seen(interest, now=START + timedelta(days=1))
    assert Flag.UNANSWERED in _person(db_session, counsellor, young, ten).flags
    interests.employer_step(interest, "invite_to_talk", now=START + timedelta(days=2))
    assert Flag.UNANSWERED not in _person(db_session, counsellor, young, ten).flags


def test_a_trial_past_its_end_with_nothing_after_it_is_flagged(
    db_session, counsellor, waiting_world
):
    # A trial without an agreement (agreed before there were any): its end date decides.
    young, interest = waiting_world
    interests.employer_step(
        interest,
        "agree_trial",
        now=START,
        trial_start=date(2026, 9, 7),
        trial_end=date(2026, 9, 11),
    )
    db_session.delete(agreements.for_interest(db_session, interest))
    db_session.flush()
    on_the_last_day = datetime(2026, 9, 11, 12, 0, tzinfo=UTC)
    assert (
        Flag.TRIAL_NOT_EVALUATED
        not in _person(db_session, counsellor, young, on_the_last_day).flags
    )
    day_after = datetime(2026, 9, 12, 12, 0, tzinfo=UTC)
    assert Flag.TRIAL_NOT_EVALUATED in _person(db_session, counsellor, young, day_after).flags
    interests.employer_step(interest, "offer", now=day_after)
    assert Flag.TRIAL_NOT_EVALUATED not in _person(db_session, counsellor, young, day_after).flags


def test_a_trial_with_an_agreement_is_flagged_until_both_parts_of_its_evaluation_are_in(
    db_session, counsellor
):
    young = factories.findable_young_person(db_session)
    factories.following(db_session, young, counsellor)
    # Signed and running, its last day past, but not completed yet: not flagged.
    running = factories.finished_agreement(db_session, young=young, complete=False)
    day_after = datetime.combine(
        running.end_date + timedelta(days=1), datetime.min.time().replace(hour=12), UTC
    )
    assert Flag.TRIAL_NOT_EVALUATED not in _person(db_session, counsellor, young, day_after).flags
    # The interest's own end date has passed, but the agreement decides: once it is completed.
    assert running.interest.trial_end < day_after.date()
    agreements.advance(db_session, today=day_after.date(), now=day_after)
    assert Flag.TRIAL_NOT_EVALUATED in _person(db_session, counsellor, young, day_after).flags
    evaluation = evaluations.ask(db_session, running, today=day_after.date(), now=day_after)
    employer = notifications.members_of(db_session, running.organisation)[0]
    evaluations.write_employer_part(
        db_session,
        evaluation,
        employer,
        EmployerPart(Attendance.COMPLETED, "Bra", None, Outcome.NO_OFFER),
        now=day_after,
    )
    assert Flag.TRIAL_NOT_EVALUATED in _person(db_session, counsellor, young, day_after).flags
    evaluations.write_young_part(
        db_session, evaluation, young, YoungPart("Lærerikt", None, agrees=True), now=day_after
    )
    assert Flag.TRIAL_NOT_EVALUATED not in _person(db_session, counsellor, young, day_after).flags


def test_thirty_quiet_days_are_flagged_and_the_young_persons_own_step_resets_them(
    db_session, counsellor, waiting_world
):
    young, interest = waiting_world
    thirty_days = START + timedelta(days=30)
    assert (
        Flag.INACTIVE
        not in _person(db_session, counsellor, young, thirty_days - timedelta(minutes=1)).flags
    )
    assert Flag.INACTIVE in _person(db_session, counsellor, young, thirty_days).flags
    # An employer's step is not the young person's activity; their own withdrawal is.
    interests.mark_seen(interest, now=START + timedelta(days=20))
    assert Flag.INACTIVE in _person(db_session, counsellor, young, thirty_days).flags
    interests.withdraw(interest, now=START + timedelta(days=20))
    assert Flag.INACTIVE not in _person(db_session, counsellor, young, thirty_days).flags


def test_a_profile_sent_back_and_not_fixed_in_seven_days_is_flagged(db_session, counsellor):
    with time_machine.travel(START, tick=False):
        young = factories.findable_young_person(db_session, approved=False)
        factories.decide_profile(
            db_session, young.profile, Decision.REQUEST_CHANGES, comment="Skriv litt mer"
        )
        factories.following(db_session, young, counsellor)
    six_days = START + timedelta(days=7) - timedelta(minutes=1)
    assert Flag.PROFILE_SENT_BACK not in _person(db_session, counsellor, young, six_days).flags
    seven = START + timedelta(days=7)
    assert Flag.PROFILE_SENT_BACK in _person(db_session, counsellor, young, seven).flags


def test_the_caseload_is_filtered_by_flag_and_sorted(db_session, counsellor, waiting_world):
    waiting, _interest = waiting_world
    with time_machine.travel(START + timedelta(weeks=9), tick=False):
        fresh = factories.young_person(db_session, name="Aisha", age=16)
        factories.following(db_session, fresh, counsellor)
        now = utcnow()
        flagged = counselling.caseload(
            db_session, counsellor, now=now, today=local_today(), flag=Flag.WAITING
        )
        assert [p.user_id for p in flagged] == [waiting.id]
        everyone = counselling.caseload(db_session, counsellor, now=now, today=local_today())
        assert [p.user_id for p in everyone] == [waiting.id, fresh.id]  # most flags first
        by_name = counselling.caseload(
            db_session, counsellor, now=now, today=local_today(), sort="name"
        )
        assert [p.name for p in by_name] == ["Aisha", "Nora"]
        assert by_name[0].age_band is counselling.AgeBand.UNDER_18
        assert by_name[1].age_band is counselling.AgeBand.FROM_18


@pytest.mark.parametrize(
    ("age", "band"), [(15, "15-17"), (17, "15-17"), (18, "18-24"), (24, "18-24"), (30, "25-30")]
)
def test_age_bands(age, band):
    assert counselling.age_band(age).value == band


# --- Looks, suggestions, notes, the export ---------------------------------------------------


def test_every_look_is_recorded_with_who_and_which_organisation(db_session, counsellor):
    young = factories.young_person(db_session)
    consent = factories.following(db_session, young, counsellor)
    first = counselling.record_look(db_session, consent, now=START)
    counselling.record_look(db_session, consent, now=START + timedelta(hours=1))
    looks = counselling.looks_at(db_session, young)
    assert [(look.counsellor_name, look.organisation_name) for look in looks] == [
        ("Vera", "NAV Kristiansand")
    ] * 2
    assert looks[-1].id == first.id  # newest first


def test_a_suggestion_reaches_the_young_person_while_the_listing_is_open(db_session, counsellor):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, title="Lagerhjelp")
    young = factories.young_person(db_session)
    consent = factories.following(db_session, young, counsellor)
    suggestion = counselling.suggest_listing(
        db_session, consent, listing, note=" Passer for deg! ", today=local_today(), now=utcnow()
    )
    assert suggestion.note == "Passer for deg!"
    [told] = notified(db_session, young, NotificationKind.COUNSELLOR_SUGGESTION)
    assert told.params["listing"] == "Lagerhjelp"
    assert told.link == f"/me#suggestion-{suggestion.id}"
    assert counselling.suggestions_for(db_session, young, today=local_today()) == [suggestion]
    too_young = factories.young_person(db_session, age=15)
    with pytest.raises(counselling.NotSuggestable):
        counselling.suggest_listing(
            db_session,
            factories.following(db_session, too_young, counsellor),
            listing,
            note=None,
            today=local_today(),
            now=utcnow(),
        )


def test_notes_are_read_only_within_the_writers_organisation(db_session, counsellor):
    young = factories.young_person(db_session)
    mine = factories.following(db_session, young, counsellor)
    colleague = factories.following(
        db_session, young, factories.counsellor(db_session, organisation="NAV Kristiansand")
    )
    school = factories.following(
        db_session, young, factories.counsellor(db_session, organisation="Kvadraturen skole")
    )
    counselling.add_note(db_session, mine, "Ringte, hun vil ha hjelp med CV.", now=utcnow())
    assert [n.text for n in counselling.notes_for(db_session, colleague)] == [
        "Ringte, hun vil ha hjelp med CV."
    ]
    assert counselling.notes_for(db_session, school) == []


def test_the_young_persons_export_holds_counsellors_looks_suggestions_and_notes(
    db_session, counsellor
):
    young = factories.young_person(db_session)
    consent = factories.following(db_session, young, counsellor)
    counselling.record_look(db_session, consent, now=utcnow())
    counselling.add_note(db_session, consent, "Trenger skjorte til intervju.", now=utcnow())
    data = own_data.export_data(db_session, young)
    assert data["counsellors"][0]["counsellor"] == "Vera"
    assert data["who_looked_at_my_data"][0]["organisation"] == "NAV Kristiansand"
    assert data["counsellors_notes_about_me"][0]["note"] == "Trenger skjorte til intervju."
    assert "Trenger skjorte" in own_data.as_json(data)
    assert "counsellors_notes_about_me" not in own_data.export_data(db_session, counsellor)


def test_leaving_jobbes_takes_consents_looks_and_notes_with_the_young_person(
    db_session, counsellor
):
    young = factories.young_person(db_session)
    consent = factories.following(db_session, young, counsellor)
    counselling.record_look(db_session, consent, now=utcnow())
    counselling.add_note(db_session, consent, "Notat", now=utcnow())
    own_data.delete_account(db_session, young, now=utcnow())
    db_session.expire_all()
    assert counselling.caseload(db_session, counsellor, now=utcnow(), today=local_today()) == []
    assert counselling.consent_for(db_session, counsellor, young.id) is None


def test_words_written_with_a_counsellor_are_reviewed_like_the_young_persons_own(
    db_session, counsellor
):
    young = factories.findable_young_person(db_session)  # approved, so employers find it
    consent = factories.following(db_session, young, counsellor)
    profile = young.profile
    approved = profile.approved_submission
    assert counselling.edit_about_together(
        db_session, consent, "Jeg er rask og liker folk.", now=utcnow()
    )
    assert profile.about == "Jeg er rask og liker folk."
    pending = profile.pending_submission
    assert pending is not None
    assert pending.content["about"] == "Jeg er rask og liker folk."
    assert profile.approved_submission is approved  # employers still see the approved words
    [edit] = counselling.edits_with_counsellors(db_session, profile.user_id)
    assert edit.counsellor == "Vera"
    assert not counselling.edit_about_together(
        db_session, consent, "Jeg er rask og liker folk.", now=utcnow()
    )
    assert len(counselling.edits_with_counsellors(db_session, profile.user_id)) == 1


def test_the_young_person_is_told_once_two_weeks_before_consent_lapses(db_session, counsellor):
    young = factories.young_person(db_session)
    with time_machine.travel(START, tick=False):
        consent = factories.following(db_session, young, counsellor)
    ends = consent.expires_at

    def warned():
        return notified(db_session, young, NotificationKind.COUNSELLOR_CONSENT_ENDING)

    assert counselling.warn_before_consent_ends(db_session, now=ends - timedelta(days=15)) == 0
    assert counselling.warn_before_consent_ends(db_session, now=ends - timedelta(days=14)) == 1
    # The next morning's run, and the next: nothing twice.
    assert counselling.warn_before_consent_ends(db_session, now=ends - timedelta(days=13)) == 0
    assert counselling.warn_before_consent_ends(db_session, now=ends - timedelta(days=12)) == 0
    [notice] = warned()
    assert notice.params["day"] == "2027-09-02"
    assert notice.params["organisation"] == "NAV Kristiansand"
    # Renewed, the new period gets its own notice before it ends; an ended consent gets none.
    counselling.renew_consent(consent, now=ends - timedelta(days=10))
    db_session.refresh(consent)
    again = consent.expires_at - timedelta(days=3)
    assert counselling.warn_before_consent_ends(db_session, now=again) == 1
    assert len(warned()) == 2
    other = factories.young_person(db_session)
    with time_machine.travel(START, tick=False):
        ended = factories.following(db_session, other, counsellor)
    counselling.end_consent(ended, now=START + timedelta(days=1))
    assert counselling.warn_before_consent_ends(db_session, now=ends - timedelta(days=5)) == 0
