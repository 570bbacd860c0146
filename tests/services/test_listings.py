"""The listing lifecycle, every transition and the illegal ones, without HTTP."""

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select

from jobbes.models import (
    AuditEvent,
    Listing,
    ListingStatus,
    ListingVersion,
    OrganisationStatus,
    RejectionReason,
    ReviewStatus,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import listings, organisations, queues, visibility
from jobbes.services.moderation import Decision, InvalidTransition
from tests import factories

TODAY = local_today()


def public_ids(db_session, today=TODAY):
    return set(
        db_session.scalars(visibility.published_listings(today).with_only_columns(Listing.id))
    )


@pytest.fixture
def employer(db_session):
    return factories.employer(db_session, organisation_name="Kafé Kvadraturen")


@pytest.fixture
def moderator(db_session):
    return factories.staff(db_session)


@pytest.fixture
def draft(db_session, employer):
    return factories.listing(db_session, employer)


def decide(db_session, listing, moderator, decision, **kwargs):
    listings.decide_listing(
        db_session,
        listing.current_version,
        moderator=moderator,
        decision=decision,
        now=utcnow(),
        **kwargs,
    )


def test_a_new_listing_is_a_draft_nobody_else_sees(db_session, draft):
    assert draft.status is ListingStatus.DRAFT
    assert draft.current_version.review_status is ReviewStatus.DRAFT
    assert draft.published_version is None
    assert public_ids(db_session) == set()


def test_submit_then_approve_publishes_for_a_verified_organisation(
    db_session, employer, draft, moderator
):
    listings.submit_listing(draft, today=TODAY, now=utcnow())
    assert draft.status is ListingStatus.IN_REVIEW
    decide(db_session, draft, moderator, Decision.APPROVE)
    assert draft.status is ListingStatus.PUBLISHED
    assert draft.published_version is draft.current_version
    assert draft.deadline == draft.published_version.deadline
    # Approved, but the organisation is not verified yet: nothing is public.
    assert public_ids(db_session) == set()
    assert listings.employer_status(draft, TODAY) == "approved_waiting_for_organisation"
    organisations.verify(db_session, employer.organisation, moderator=moderator, now=utcnow())
    db_session.flush()
    assert public_ids(db_session) == {draft.id}
    actions = db_session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["listing:approve", "organisation:verify"]


def test_changes_requested_then_edit_and_resubmit(db_session, employer, draft, moderator):
    listings.submit_listing(draft, today=TODAY, now=utcnow())
    decide(db_session, draft, moderator, Decision.REQUEST_CHANGES, comment="Skriv lønn")
    assert draft.status is ListingStatus.CHANGES_REQUESTED
    first = draft.current_version
    assert first.review_comment == "Skriv lønn"

    listings.save_listing(
        db_session, draft, author=employer, content={"title": "Ny tittel"}, now=utcnow()
    )
    second = draft.current_version
    assert second is not first
    assert second.number == 2
    assert first.review_status is ReviewStatus.CHANGES_REQUESTED  # kept as it was reviewed
    assert draft.status is ListingStatus.CHANGES_REQUESTED
    listings.submit_listing(draft, today=TODAY, now=utcnow())
    assert draft.status is ListingStatus.IN_REVIEW
    # The moderator sees exactly what changed since the version they asked changes of.
    baseline = listings.baseline_for_review(second)
    assert baseline is first
    assert [c.field for c in listings.changes_since(baseline, second)] == ["title"]


def test_rejection_is_final_for_the_listing(db_session, employer, draft, moderator):
    listings.submit_listing(draft, today=TODAY, now=utcnow())
    decide(db_session, draft, moderator, Decision.REJECT, reason=RejectionReason.ASKS_FOR_PAYMENT)
    assert draft.status is ListingStatus.REJECTED
    with pytest.raises(listings.ListingNotEditable):
        listings.save_listing(db_session, draft, author=employer, content={}, now=utcnow())
    assert draft.current_version.rejection_reason is RejectionReason.ASKS_FOR_PAYMENT


def test_an_edit_of_a_published_listing_is_reviewed_while_the_old_text_stays_up(
    db_session, employer, moderator
):
    listing = factories.published_listing(db_session, employer, moderator, title="Gammel tittel")
    published = listing.published_version
    listings.save_listing(
        db_session, listing, author=employer, content={"title": "Ny tittel"}, now=utcnow()
    )
    listings.submit_listing(listing, today=TODAY, now=utcnow())
    assert listing.status is ListingStatus.PUBLISHED
    assert listing.published_version is published
    assert listing.published_version.title == "Gammel tittel"
    assert listings.employer_status(listing, TODAY) == "published_edit_in_review"
    assert public_ids(db_session) == {listing.id}

    changes = listings.changes_since(
        listings.baseline_for_review(listing.current_version), listing.current_version
    )
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("title", "Gammel tittel", "Ny tittel")
    ]

    decide(db_session, listing, moderator, Decision.APPROVE)
    assert listing.published_version.title == "Ny tittel"
    assert listing.status is ListingStatus.PUBLISHED


def test_a_rejected_edit_leaves_the_published_text(db_session, employer, moderator):
    listing = factories.published_listing(db_session, employer, moderator, title="Gammel")
    listings.save_listing(
        db_session, listing, author=employer, content={"title": "Svindel"}, now=utcnow()
    )
    listings.submit_listing(listing, today=TODAY, now=utcnow())
    decide(
        db_session, listing, moderator, Decision.REJECT, reason=RejectionReason.OTHER, comment="Nei"
    )
    assert listing.status is ListingStatus.PUBLISHED
    assert listing.published_version.title == "Gammel"
    assert listings.employer_status(listing, TODAY) == "published_edit_rejected"


def test_editing_while_in_review_takes_it_back(db_session, employer, draft):
    listings.submit_listing(draft, today=TODAY, now=utcnow())
    sent = draft.current_version
    listings.save_listing(db_session, draft, author=employer, content={"places": 3}, now=utcnow())
    assert sent.review_status is ReviewStatus.WITHDRAWN
    assert draft.status is ListingStatus.DRAFT
    assert draft.current_version.review_status is ReviewStatus.DRAFT


def test_close_only_a_published_listing(db_session, employer, moderator, draft):
    with pytest.raises(InvalidTransition):
        listings.close_listing(draft, now=utcnow())
    listing = factories.published_listing(db_session, employer, moderator)
    listings.close_listing(listing, now=utcnow())
    assert listing.status is ListingStatus.CLOSED
    assert listing.id not in public_ids(db_session)
    with pytest.raises(listings.ListingNotEditable):
        listings.save_listing(db_session, listing, author=employer, content={}, now=utcnow())
    with pytest.raises(InvalidTransition):
        listings.close_listing(listing, now=utcnow())


def test_expiry_at_read_time_and_by_the_command(db_session, employer, moderator):
    listing = factories.published_listing(
        db_session, employer, moderator, deadline=TODAY + timedelta(days=1)
    )
    assert listing.id in public_ids(db_session)
    tomorrow_but_one = TODAY + timedelta(days=2)
    # Nothing ran yet, and still the listing is not shown once its deadline has passed.
    assert listing.id not in public_ids(db_session, today=tomorrow_but_one)
    assert listings.expire_listings(db_session, today=tomorrow_but_one) == 1
    db_session.refresh(listing)
    assert listing.status is ListingStatus.EXPIRED


@pytest.mark.parametrize(
    ("step", "allowed_from"),
    [
        ("submit", {"draft", "changes_requested", "unpublished"}),
        ("withdraw", {"in_review"}),
        (Decision.APPROVE, {"in_review"}),
        (Decision.REQUEST_CHANGES, {"in_review"}),
        (Decision.REJECT, {"in_review"}),
        ("close", {"published"}),
        ("expire", {"published"}),
        ("unpublish", {"published"}),
    ],
)
def test_the_lifecycle_refuses_every_step_it_does_not_allow(step, allowed_from):
    for status in ListingStatus:
        listing = Listing(status=status)
        if status.value in allowed_from:
            listings.LIFECYCLE.move(listing, step)
        else:
            with pytest.raises(InvalidTransition):
                listings.LIFECYCLE.move(listing, step)
            assert listing.status is status


def test_submitting_twice_or_without_a_draft_is_refused(db_session, draft):
    listings.submit_listing(draft, today=TODAY, now=utcnow())
    with pytest.raises(listings.NothingToSubmit):
        listings.submit_listing(draft, today=TODAY, now=utcnow())


def test_a_listing_with_a_passed_deadline_cannot_be_sent(db_session, employer):
    listing = factories.listing(db_session, employer, deadline=TODAY - timedelta(days=1))
    with pytest.raises(listings.DeadlinePassed):
        listings.submit_listing(listing, today=TODAY, now=utcnow())
    assert listing.status is ListingStatus.DRAFT


def test_a_suspended_organisation_cannot_send_and_disappears(db_session, employer, moderator):
    listing = factories.published_listing(db_session, employer, moderator)
    assert listing.id in public_ids(db_session)
    organisations.suspend(
        db_session, employer.organisation, moderator=moderator, reason="Svindel", now=utcnow()
    )
    db_session.flush()
    assert employer.organisation.status is OrganisationStatus.SUSPENDED
    assert public_ids(db_session) == set()
    draft = factories.listing(db_session, employer)
    with pytest.raises(listings.OrganisationBlocked):
        listings.submit_listing(draft, today=TODAY, now=utcnow())


def test_copying_makes_a_new_draft_with_the_same_text(db_session, employer, moderator):
    listing = factories.published_listing(db_session, employer, moderator, title="Oppvask")
    copy = listings.copy_listing(db_session, listing, author=employer, now=utcnow(), today=TODAY)
    assert copy.id != listing.id
    assert copy.status is ListingStatus.DRAFT
    assert copy.current_version.title == "Oppvask"
    assert copy.current_version.description == listing.published_version.description


def test_unpublishing_needs_a_reason_and_is_audited(db_session, employer, moderator):
    listing = factories.published_listing(db_session, employer, moderator)
    with pytest.raises(listings.moderation.DecisionIncomplete):
        listings.unpublish_listing(
            db_session, listing, moderator=moderator, reason=" ", now=utcnow()
        )
    listings.unpublish_listing(
        db_session, listing, moderator=moderator, reason="Ber om penger", now=utcnow()
    )
    assert listing.status is ListingStatus.UNPUBLISHED
    assert listing.id not in public_ids(db_session)
    # The employer may fix it and send it again.
    listings.save_listing(db_session, listing, author=employer, content={}, now=utcnow())
    listings.submit_listing(listing, today=TODAY, now=utcnow())
    assert listing.status is ListingStatus.IN_REVIEW


# --- An edit waiting for review when the listing leaves publication ---------------------------


def published_with_edit_in_review(db_session, employer, moderator, **overrides):
    listing = factories.published_listing(db_session, employer, moderator, **overrides)
    listings.save_listing(
        db_session, listing, author=employer, content={"title": "Ny tittel"}, now=utcnow()
    )
    listings.submit_listing(listing, today=TODAY, now=utcnow())
    db_session.flush()
    return listing


def waiting_ids(db_session):
    return set(db_session.scalars(queues.listings_waiting().with_only_columns(ListingVersion.id)))


def test_closing_a_listing_withdraws_its_edit_from_the_queue(db_session, employer, moderator):
    listing = published_with_edit_in_review(db_session, employer, moderator)
    edit = listing.current_version
    assert waiting_ids(db_session) == {edit.id}
    listings.close_listing(listing, now=utcnow())
    db_session.flush()
    assert edit.review_status is ReviewStatus.WITHDRAWN
    assert waiting_ids(db_session) == set()


def test_taking_a_listing_down_withdraws_its_edit_from_the_queue(db_session, employer, moderator):
    listing = published_with_edit_in_review(db_session, employer, moderator)
    edit = listing.current_version
    listings.unpublish_listing(
        db_session, listing, moderator=moderator, reason="Ber om penger", now=utcnow()
    )
    db_session.flush()
    assert edit.review_status is ReviewStatus.WITHDRAWN
    assert waiting_ids(db_session) == set()
    # The employer can still fix the text and send it again, and then it waits as it should.
    listings.save_listing(db_session, listing, author=employer, content={}, now=utcnow())
    listings.submit_listing(listing, today=TODAY, now=utcnow())
    db_session.flush()
    assert waiting_ids(db_session) == {listing.current_version.id}


def test_expiry_withdraws_the_edit_from_the_queue(db_session, employer, moderator):
    listing = published_with_edit_in_review(
        db_session, employer, moderator, deadline=TODAY + timedelta(days=1)
    )
    edit = listing.current_version
    other = published_with_edit_in_review(
        db_session, employer, moderator, deadline=TODAY + timedelta(days=10)
    )
    assert listings.expire_listings(db_session, today=TODAY + timedelta(days=2)) == 1
    db_session.refresh(edit)
    assert edit.review_status is ReviewStatus.WITHDRAWN
    # Only the expired listing's edit leaves the queue.
    assert waiting_ids(db_session) == {other.current_version.id}


def test_a_version_left_waiting_on_a_finished_listing_is_not_queued_nor_decidable(
    db_session, employer, moderator
):
    listing = published_with_edit_in_review(db_session, employer, moderator)
    edit = listing.current_version
    # As data written before the fix: the listing closed, its edit still marked as submitted.
    listing.status = ListingStatus.CLOSED
    db_session.flush()
    assert edit.review_status is ReviewStatus.SUBMITTED
    assert waiting_ids(db_session) == set()
    assert {s.name: s.waiting for s in queues.summaries(db_session, now=utcnow())}["listings"] == 0
    with pytest.raises(InvalidTransition):
        decide(db_session, listing, moderator, Decision.APPROVE)
    assert edit.review_status is ReviewStatus.SUBMITTED


def test_migration_0008_withdraws_edits_already_stuck(db_session, connection, employer, moderator):
    stuck = published_with_edit_in_review(db_session, employer, moderator)
    live = published_with_edit_in_review(db_session, employer, moderator)
    stuck.status = ListingStatus.CLOSED
    db_session.flush()
    run_migration(connection, "0008_withdraw_stuck_edits")
    db_session.expire_all()
    assert stuck.current_version.review_status is ReviewStatus.WITHDRAWN
    assert live.current_version.review_status is ReviewStatus.SUBMITTED


def run_migration(connection, name):
    """One migration's upgrade(), on the test's connection (inside its transaction)."""
    path = Path(__file__).parents[2] / "migrations" / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with Operations.context(MigrationContext.configure(connection)):
        module.upgrade()


# --- What the moderator said, kept for the employer ---------------------------------------------


def test_the_moderators_comment_outlives_the_employers_next_draft(
    db_session, employer, draft, moderator
):
    assert draft.moderator_feedback is None
    listings.submit_listing(draft, today=TODAY, now=utcnow())
    decide(db_session, draft, moderator, Decision.REQUEST_CHANGES, comment="Skriv lønn")
    asked = draft.current_version
    listings.save_listing(
        db_session, draft, author=employer, content={"pay": "150 kr"}, now=utcnow()
    )
    assert draft.current_version is not asked
    assert draft.moderator_feedback is asked
    # Sent again: the comment still says what was asked, until a moderator decides anew.
    listings.submit_listing(draft, today=TODAY, now=utcnow())
    assert draft.moderator_feedback is asked
    decide(db_session, draft, moderator, Decision.APPROVE)
    assert draft.moderator_feedback is None


def test_a_rejected_edit_is_the_feedback_on_a_published_listing(db_session, employer, moderator):
    listing = published_with_edit_in_review(db_session, employer, moderator)
    decide(db_session, listing, moderator, Decision.REJECT, reason=RejectionReason.DUPLICATE)
    rejected = listing.current_version
    listings.save_listing(db_session, listing, author=employer, content={}, now=utcnow())
    assert listing.moderator_feedback is rejected
    assert listing.moderator_feedback.rejection_reason is RejectionReason.DUPLICATE
