"""Does a step lose when the row is no longer in the state the person saw?

Another request's commit is played by an UPDATE that goes around this session's objects, so they
still hold the state they were read in, as a page open for an hour does. These run on both
databases; the races themselves, with two connections at once, are in `test_races.py`.
"""

from typing import Any

import pytest
from sqlalchemy import func, inspect, select, update
from sqlalchemy.orm import Session

from jobbes.models import (
    AuditEvent,
    DeclineMessage,
    Interest,
    InterestEvent,
    InterestStatus,
    OrganisationStatus,
    RejectionReason,
    ReportReason,
    ReportStatus,
    ReviewStatus,
    Role,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, listings, organisations, profiles, reports, users
from jobbes.services.moderation import Decision
from jobbes.services.state_machine import InvalidTransition, StaleState
from tests import factories


def meanwhile(session: Session, item: Any, **values: Any) -> None:
    """Someone else's committed change to the item's row, unseen by the object in hand."""
    mapper = inspect(item).mapper
    key = [
        column == value
        for column, value in zip(mapper.primary_key, inspect(item).identity, strict=True)
    ]
    session.execute(
        update(mapper.class_).where(*key).values(**values),
        execution_options={"synchronize_session": False},
    )


def audited(session: Session, action: str) -> int:
    session.flush()
    return session.scalar(select(func.count()).where(AuditEvent.action == action)) or 0


@pytest.fixture
def moderator(db_session):
    return factories.staff(db_session)


def test_a_moderator_who_decides_after_another_loses_and_leaves_no_audit(db_session, moderator):
    employer = factories.employer(db_session)
    organisations.verify(db_session, employer.organisation, moderator=moderator, now=utcnow())
    listing = factories.listing(db_session, employer)
    listings.submit_listing(listing, today=local_today(), now=utcnow())
    db_session.flush()
    version = listing.current_version
    meanwhile(db_session, version, review_status=ReviewStatus.APPROVED)

    with pytest.raises(StaleState) as lost:
        listings.decide_listing(
            db_session,
            version,
            moderator=moderator,
            decision=Decision.REJECT,
            reason=RejectionReason.DUPLICATE,
            now=utcnow(),
        )

    assert lost.value.current is ReviewStatus.APPROVED
    assert version.review_status is ReviewStatus.APPROVED
    assert audited(db_session, "listing:reject") == 0


def test_a_decision_on_an_item_already_decided_says_how_it_was_decided(db_session, moderator):
    young = factories.findable_young_person(db_session, approved=False)
    submission = young.profile.pending_submission
    factories.decide_profile(db_session, young.profile, Decision.APPROVE)

    with pytest.raises(StaleState) as lost:
        profiles.decide_submission(
            db_session, submission, moderator=moderator, decision=Decision.APPROVE, now=utcnow()
        )
    assert lost.value.current is ReviewStatus.APPROVED


def test_a_colleagues_page_from_before_loses_even_when_its_step_is_still_possible(db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    interest = factories.interest(db_session, factories.young_person(db_session), listing)
    db_session.flush()
    meanwhile(db_session, interest, status=InterestStatus.SEEN)

    # Agreeing a trial is possible from both, but the colleague saw "sent", not "seen".
    with pytest.raises(StaleState) as lost:
        interests.employer_step(
            interest,
            "agree_trial",
            trial_start=local_today(),
            now=utcnow(),
            expected=InterestStatus.SENT,
        )

    assert lost.value.current is InterestStatus.SEEN
    db_session.flush()
    assert db_session.scalars(
        select(InterestEvent.status).where(InterestEvent.interest_id == interest.id)
    ).all() == [InterestStatus.SENT]


def test_a_page_showing_another_state_than_the_one_loaded_loses_without_writing(db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    interest = factories.interest(db_session, factories.young_person(db_session), listing)
    interests.mark_seen(interest, now=utcnow())

    with pytest.raises(StaleState) as lost:
        interests.employer_step(
            interest,
            "decline",
            decline_message=DeclineMessage.FILLED,
            now=utcnow(),
            expected=InterestStatus.SENT,
        )
    assert lost.value.current is InterestStatus.SEEN
    assert interest.decline_message is None


def test_a_step_from_a_state_that_does_not_allow_it_is_still_invalid(db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    interest = factories.interest(db_session, factories.young_person(db_session), listing)
    with pytest.raises(InvalidTransition) as refused:
        interests.employer_step(interest, "offer", now=utcnow(), expected=InterestStatus.SENT)
    assert not isinstance(refused.value, StaleState)


def test_marking_seen_gives_way_to_a_colleague_who_moved_the_interest_on(db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    interest = factories.interest(db_session, factories.young_person(db_session), listing)
    db_session.flush()
    meanwhile(db_session, interest, status=InterestStatus.TALK)

    interests.mark_seen(interest, now=utcnow())

    assert interest.status is InterestStatus.TALK


@pytest.mark.parametrize(
    ("step", "seen", "now_is"),
    [
        ("verify", OrganisationStatus.PENDING, OrganisationStatus.REJECTED),
        ("suspend", OrganisationStatus.VERIFIED, OrganisationStatus.SUSPENDED),
        ("suspend", OrganisationStatus.PENDING, OrganisationStatus.VERIFIED),
    ],
)
def test_an_organisation_decision_from_a_state_it_has_left_loses(
    db_session, moderator, step, seen, now_is
):
    organisation = factories.employer(db_session).organisation
    db_session.flush()
    meanwhile(db_session, organisation, status=seen)
    db_session.expire(organisation)
    assert organisation.status is seen  # as the moderator's page showed it
    meanwhile(db_session, organisation, status=now_is)
    kwargs = {"reason": "Falsk"} if step == "suspend" else {}

    with pytest.raises(StaleState) as lost:
        getattr(organisations, step)(
            db_session, organisation, moderator=moderator, now=utcnow(), expected=seen, **kwargs
        )

    assert lost.value.current is now_is
    assert audited(db_session, f"organisation:{step}") == 0


def test_a_report_closed_by_another_moderator_meanwhile_stays_as_they_closed_it(
    db_session, moderator
):
    report = reports.create_report(
        db_session,
        reporter=factories.young_person(db_session),
        subject_type="listing",
        subject_id=1,
        reason=ReportReason.SCAM,
        text=None,
        now=utcnow(),
    )
    meanwhile(db_session, report, status=ReportStatus.DISMISSED)

    with pytest.raises(StaleState) as lost:
        reports.close_report(
            db_session, report, "resolve", moderator=moderator, note="Tatt ned", now=utcnow()
        )

    assert lost.value.current is ReportStatus.DISMISSED
    assert audited(db_session, "report:resolve") == 0


def test_suspending_an_account_someone_else_suspended_meanwhile_loses(db_session, moderator):
    person = factories.young_person(db_session)
    db_session.flush()
    meanwhile(db_session, person, suspended_at=utcnow(), suspended_reason="Svindel")

    with pytest.raises(StaleState):
        users.suspend(db_session, person, moderator=moderator, reason="Spam", now=utcnow())

    assert person.suspended_reason == "Svindel"
    assert audited(db_session, "user:suspend") == 0


def test_reinstating_an_account_someone_else_reinstated_meanwhile_loses(db_session, moderator):
    person = factories.young_person(db_session)
    users.suspend(db_session, person, moderator=moderator, reason="Spam", now=utcnow())
    db_session.flush()
    meanwhile(db_session, person, suspended_at=None, suspended_reason=None)

    with pytest.raises(StaleState):
        users.reinstate(db_session, person, moderator=moderator, now=utcnow())
    assert audited(db_session, "user:reinstate") == 0


def test_granting_a_role_someone_else_granted_meanwhile_loses(db_session):
    admin = factories.staff(db_session, role=Role.ADMIN)
    person = factories.employer(db_session)
    db_session.flush()
    meanwhile(db_session, person, role=Role.MODERATOR)

    with pytest.raises(StaleState):
        users.grant_moderator(db_session, person, admin=admin, now=utcnow())
    assert audited(db_session, "user:grant_moderator") == 0


def test_revoking_a_role_someone_else_revoked_meanwhile_loses(db_session):
    admin = factories.staff(db_session, role=Role.ADMIN)
    person = factories.staff(db_session)
    db_session.flush()
    meanwhile(db_session, person, role=Role.YOUNG_PERSON, former_role=None)

    with pytest.raises(StaleState):
        users.revoke_moderator(db_session, person, admin=admin, now=utcnow())
    assert audited(db_session, "user:revoke_moderator") == 0


def test_an_interest_sent_twice_at_once_is_refused_kindly(db_session, monkeypatch):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    young = factories.young_person(db_session)
    factories.interest(db_session, young, listing)
    # The second request looked before the first one's insert was there to be seen.
    monkeypatch.setattr(interests, "existing", lambda *_args: None)

    with pytest.raises(interests.NotPossible) as refused:
        factories.interest(db_session, young, listing)

    assert refused.value.reason is interests.WhyNot.ALREADY_INTERESTED
    # Only the failed insert was undone; the transaction goes on.
    count = db_session.scalar(select(func.count()).where(Interest.listing_id == listing.id))
    assert count == 1


def test_words_changed_while_a_moderator_decided_on_them_go_to_review_anew(db_session):
    young = factories.findable_young_person(db_session, approved=False)
    profile = young.profile
    waiting = profile.pending_submission
    db_session.flush()
    meanwhile(db_session, waiting, review_status=ReviewStatus.APPROVED)

    profiles.save_about(
        profile,
        name="Nora",
        about="Nå med nye ord.",
        contact_name=None,
        contact_email=None,
        share_contact=False,
        now=utcnow(),
    )

    assert waiting.review_status is ReviewStatus.APPROVED  # the moderator's decision stands
    assert profile.pending_submission.content["about"] == "Nå med nye ord."


def test_two_moderators_featuring_one_listing_feature_it_once(db_session, moderator):
    listing = factories.published_listing(db_session, factories.employer(db_session))
    db_session.flush()
    meanwhile(db_session, listing, featured=True)

    with pytest.raises(StaleState):
        listings.set_featured(db_session, listing, True, moderator=moderator, now=utcnow())
    assert audited(db_session, "listing:feature") == 0


def test_an_edit_saved_while_a_moderator_decided_on_the_waiting_text_loses(db_session, moderator):
    employer = factories.employer(db_session)
    organisations.verify(db_session, employer.organisation, moderator=moderator, now=utcnow())
    listing = factories.listing(db_session, employer)
    listings.submit_listing(listing, today=local_today(), now=utcnow())
    db_session.flush()
    meanwhile(db_session, listing.current_version, review_status=ReviewStatus.APPROVED)

    with pytest.raises(StaleState):
        listings.save_listing(
            db_session,
            listing,
            author=employer,
            content=factories.listing_content(title="Nå med lunsj"),
            now=utcnow(),
        )


def test_two_moderators_hiding_one_profile_hide_it_once(db_session, moderator):
    profile = factories.findable_young_person(db_session).profile
    db_session.flush()
    meanwhile(db_session, profile, discoverable=False, approved_submission_id=None)

    with pytest.raises(StaleState):
        profiles.hide_from_employers(
            db_session, profile, moderator=moderator, reason="Rapportert", now=utcnow()
        )
    assert audited(db_session, "profile:hide") == 0


def test_a_step_taken_from_a_report_another_moderator_closed_meanwhile_still_stands(
    db_session, moderator
):
    listing = factories.published_listing(db_session, factories.employer(db_session))
    report = reports.create_report(
        db_session,
        reporter=factories.young_person(db_session),
        subject_type="listing",
        subject_id=listing.id,
        reason=ReportReason.SCAM,
        text=None,
        now=utcnow(),
    )
    meanwhile(db_session, report, status=ReportStatus.DISMISSED)

    closed = reports.resolve_by_action(
        db_session,
        report,
        subject_type="listing",
        subject_id=listing.id,
        moderator=moderator,
        what_was_done="Tatt ned",
        now=utcnow(),
    )

    assert closed is False
    assert report.status is ReportStatus.DISMISSED
