"""What staff do to people's accounts: suspend and reinstate, appoint and remove moderators.

Each change is a compare-and-set on the state staff saw (suspended or not, the role), so of two
people acting on one account at once one wins and the other gets `StaleState`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from jobbes.models import Role, User
from jobbes.models.accounts import new_session_token
from jobbes.services import moderation
from jobbes.services.errors import DomainError
from jobbes.services.state_machine import NOT_NULL, StaleState, compare_and_set

SUBJECT = "user"
STAFF = (Role.MODERATOR, Role.ADMIN)


class NotAllowed(DomainError):
    """Staff may not do this to this account (for example to themselves, or to an admin)."""


def suspend(session: Session, user: User, *, moderator: User, reason: str, now: datetime) -> None:
    """Lock the account at once: its sessions end and it cannot log in until reinstated."""
    reason = reason.strip()
    if not reason:
        raise moderation.DecisionIncomplete("suspending someone needs a reason")
    if user.id == moderator.id or user.role is Role.ADMIN:
        raise NotAllowed("staff cannot suspend themselves or an admin")
    if user.suspended_at is not None:
        raise StaleState(user.suspended_at)
    compare_and_set(
        user,
        expected={"suspended_at": None},
        values={
            "suspended_at": now,
            "suspended_reason": reason,
            "session_token": new_session_token(),
        },
    )
    moderation.record(
        session,
        actor=moderator,
        action="user:suspend",
        subject_type=SUBJECT,
        subject_id=user.id,
        comment=reason,
        now=now,
    )


def reinstate(session: Session, user: User, *, moderator: User, now: datetime) -> None:
    if user.suspended_at is None:
        raise StaleState(None)
    compare_and_set(
        user,
        expected={"suspended_at": NOT_NULL},
        values={"suspended_at": None, "suspended_reason": None},
    )
    moderation.record(
        session,
        actor=moderator,
        action="user:reinstate",
        subject_type=SUBJECT,
        subject_id=user.id,
        now=now,
    )


def grant_moderator(session: Session, user: User, *, admin: User, now: datetime) -> None:
    """Make someone a moderator; the role they had is kept, to give back later."""
    if user.role in STAFF:
        raise StaleState(user.role)
    compare_and_set(
        user,
        expected={"role": user.role},
        values={
            "former_role": user.role,
            "role": Role.MODERATOR,
            "session_token": new_session_token(),
        },
    )
    moderation.record(
        session,
        actor=admin,
        action="user:grant_moderator",
        subject_type=SUBJECT,
        subject_id=user.id,
        now=now,
    )


def revoke_moderator(session: Session, user: User, *, admin: User, now: datetime) -> None:
    """Take the moderator role away. An account that was only ever staff is closed instead."""
    if user.role is not Role.MODERATOR:
        raise StaleState(user.role)
    changes: dict[str, object] = {"session_token": new_session_token()}
    if user.former_role is not None:
        changes.update(role=user.former_role, former_role=None)
    else:
        changes.update(suspended_at=now, suspended_reason="No longer a moderator.")
    # Revoking may leave the role as it is (and suspend instead): suspension is part of the state.
    suspended = None if user.suspended_at is None else NOT_NULL
    compare_and_set(
        user, expected={"role": Role.MODERATOR, "suspended_at": suspended}, values=changes
    )
    moderation.record(
        session,
        actor=admin,
        action="user:revoke_moderator",
        subject_type=SUBJECT,
        subject_id=user.id,
        now=now,
    )


def find_people(query: str, *, limit: int = 30) -> Select[tuple[User]]:
    """Accounts whose email or name contains the words, for staff looking someone up."""
    pattern = f"%{query.strip().lower()}%"
    return (
        select(User)
        .where(or_(User.email.like(pattern), User.name.ilike(pattern)))
        .order_by(User.email)
        .limit(limit)
    )


def staff_members() -> Select[tuple[User]]:
    return select(User).where(User.role.in_(STAFF)).order_by(User.role, User.email)
