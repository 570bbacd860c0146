"""Review as a state machine shared by everything moderators check, and the audit log.

A reviewed version (a profile's words, a listing's text) moves along named transitions, each a
compare-and-set (`services.state_machine`); anything else raises `InvalidTransition`. Each decision
by staff is written to the audit log with who, what (a `resource:action` tag), which item, why and
when, after the decision itself has won.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy.orm import Session

from jobbes.models import AuditEvent, RejectionReason, ReviewStatus, User
from jobbes.models.moderation import Reviewed
from jobbes.services.errors import DomainError
from jobbes.services.state_machine import InvalidTransition as InvalidTransition
from jobbes.services.state_machine import StaleState as StaleState
from jobbes.services.state_machine import StateMachine


class DecisionIncomplete(DomainError):
    """A decision that needs a comment or a reason came without one."""


class Decision(enum.StrEnum):
    APPROVE = "approve"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"


_SUBMITTED = frozenset({ReviewStatus.SUBMITTED})

REVIEW = StateMachine(
    attribute="review_status",
    initial=ReviewStatus.DRAFT,
    steps={
        "submit": (frozenset({ReviewStatus.DRAFT}), ReviewStatus.SUBMITTED),
        "withdraw": (_SUBMITTED, ReviewStatus.WITHDRAWN),
        Decision.APPROVE: (_SUBMITTED, ReviewStatus.APPROVED),
        Decision.REQUEST_CHANGES: (_SUBMITTED, ReviewStatus.CHANGES_REQUESTED),
        Decision.REJECT: (_SUBMITTED, ReviewStatus.REJECTED),
    },
)


def move(item: Reviewed, step: str, *, expected: ReviewStatus | None = None) -> None:
    """Take one named review step, or raise if the item's state does not allow it."""
    REVIEW.move(item, step, expected=expected)


def submit(item: Reviewed, *, now: datetime) -> None:
    move(item, "submit")
    item.submitted_at = now


def withdraw(item: Reviewed) -> None:
    move(item, "withdraw")


def decide(
    session: Session,
    item: Reviewed,
    *,
    subject_type: str,
    subject_id: int,
    moderator: User,
    decision: Decision,
    now: datetime,
    comment: str | None = None,
    reason: RejectionReason | None = None,
) -> None:
    """A moderator's decision on a submitted item, with the comment or reason it requires."""
    comment = (comment or "").strip() or None
    if decision is Decision.REQUEST_CHANGES and not comment:
        raise DecisionIncomplete("asking for changes needs a comment for the author")
    if decision is Decision.REJECT:
        if reason is None:
            raise DecisionIncomplete("a rejection needs a reason")
        if reason is RejectionReason.OTHER and not comment:
            raise DecisionIncomplete("'other' needs words")
    # Whoever decides saw the item waiting: anything else means someone was quicker.
    move(item, decision, expected=ReviewStatus.SUBMITTED)
    item.decided_at = now
    item.decided_by_id = moderator.id
    item.review_comment = comment
    item.rejection_reason = reason if decision is Decision.REJECT else None
    record(
        session,
        actor=moderator,
        action=f"{subject_type}:{decision.value}",
        subject_type=subject_type,
        subject_id=subject_id,
        reason=reason.value if reason and decision is Decision.REJECT else None,
        comment=comment,
        now=now,
    )


def record(
    session: Session,
    *,
    actor: User,
    action: str,
    subject_type: str,
    subject_id: int,
    now: datetime,
    reason: str | None = None,
    comment: str | None = None,
) -> AuditEvent:
    """Append one entry to the audit log."""
    event = AuditEvent(
        created_at=now,
        actor_id=actor.id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        reason=reason,
        comment=comment,
    )
    session.add(event)
    return event
