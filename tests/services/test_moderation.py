"""The review state machine shared by profiles and listings, and the audit log it writes."""

import pytest
from sqlalchemy import select

from jobbes.models import AuditEvent, ProfileSubmission, RejectionReason, ReviewStatus, Role
from jobbes.models.base import utcnow
from jobbes.services import moderation
from jobbes.services.moderation import Decision
from tests import factories


@pytest.fixture
def submitted(db_session):
    young = factories.young_person(db_session)
    item = ProfileSubmission(profile_id=young.id, content={"name": "Ola"})
    db_session.add(item)
    moderation.submit(item, now=utcnow())
    db_session.flush()
    return item


@pytest.fixture
def moderator(db_session):
    return factories.staff(db_session, role=Role.MODERATOR)


def decide(db_session, item, moderator, decision, **kwargs):
    moderation.decide(
        db_session,
        item,
        subject_type="profile",
        subject_id=item.profile_id,
        moderator=moderator,
        decision=decision,
        now=utcnow(),
        **kwargs,
    )


def test_submitting_a_draft_stamps_the_time(submitted):
    assert submitted.review_status is ReviewStatus.SUBMITTED
    assert submitted.submitted_at is not None


@pytest.mark.parametrize(
    ("decision", "kwargs", "status"),
    [
        (Decision.APPROVE, {}, ReviewStatus.APPROVED),
        (Decision.REQUEST_CHANGES, {"comment": "Skriv litt mer"}, ReviewStatus.CHANGES_REQUESTED),
        (Decision.REJECT, {"reason": RejectionReason.DISCRIMINATORY}, ReviewStatus.REJECTED),
        (
            Decision.REJECT,
            {"reason": RejectionReason.OTHER, "comment": "Falsk profil"},
            ReviewStatus.REJECTED,
        ),
    ],
)
def test_each_decision_moves_the_item_and_is_audited(
    db_session, submitted, moderator, decision, kwargs, status
):
    decide(db_session, submitted, moderator, decision, **kwargs)
    assert submitted.review_status is status
    assert submitted.decided_by_id == moderator.id
    [event] = db_session.scalars(select(AuditEvent)).all()
    assert event.action == f"profile:{decision.value}"
    assert event.actor_id == moderator.id
    assert (event.subject_type, event.subject_id) == ("profile", submitted.profile_id)
    assert event.comment == kwargs.get("comment")
    assert event.reason == (kwargs["reason"].value if "reason" in kwargs else None)


def test_asking_for_changes_needs_a_comment(db_session, submitted, moderator):
    with pytest.raises(moderation.DecisionIncomplete):
        decide(db_session, submitted, moderator, Decision.REQUEST_CHANGES, comment="  ")
    assert submitted.review_status is ReviewStatus.SUBMITTED


def test_rejecting_needs_a_reason_and_other_needs_words(db_session, submitted, moderator):
    with pytest.raises(moderation.DecisionIncomplete):
        decide(db_session, submitted, moderator, Decision.REJECT)
    with pytest.raises(moderation.DecisionIncomplete):
        decide(db_session, submitted, moderator, Decision.REJECT, reason=RejectionReason.OTHER)
    assert db_session.scalars(select(AuditEvent)).all() == []


@pytest.mark.parametrize(
    "first", [Decision.APPROVE, Decision.REQUEST_CHANGES, Decision.REJECT, "withdraw"]
)
@pytest.mark.parametrize(
    "then", [Decision.APPROVE, Decision.REQUEST_CHANGES, Decision.REJECT, "withdraw", "submit"]
)
def test_nothing_is_decided_twice(db_session, submitted, moderator, first, then):
    moderation.move(submitted, first)
    with pytest.raises(moderation.InvalidTransition):
        moderation.move(submitted, then)


def test_a_draft_cannot_be_decided_or_withdrawn(db_session):
    young = factories.young_person(db_session)
    draft = ProfileSubmission(profile_id=young.id, content={}, review_status=ReviewStatus.DRAFT)
    for step in (Decision.APPROVE, Decision.REQUEST_CHANGES, Decision.REJECT, "withdraw"):
        with pytest.raises(moderation.InvalidTransition):
            moderation.move(draft, step)
