"""What staff do to people's accounts: suspend and reinstate, appoint and remove moderators."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from jobbes import orgnr
from jobbes.models import Organisation, Role, User
from jobbes.models.accounts import new_session_token
from jobbes.services import moderation
from jobbes.services.errors import DomainError

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
        raise moderation.InvalidTransition("already suspended")
    user.suspended_at = now
    user.suspended_reason = reason
    user.session_token = new_session_token()
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
        raise moderation.InvalidTransition("not suspended")
    user.suspended_at = None
    user.suspended_reason = None
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
        raise moderation.InvalidTransition("already staff")
    user.former_role = user.role
    user.role = Role.MODERATOR
    user.session_token = new_session_token()
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
        raise moderation.InvalidTransition("not a moderator")
    if user.former_role is not None:
        user.role = user.former_role
        user.former_role = None
    else:
        user.suspended_at = now
        user.suspended_reason = "No longer a moderator."
    user.session_token = new_session_token()
    moderation.record(
        session,
        actor=admin,
        action="user:revoke_moderator",
        subject_type=SUBJECT,
        subject_id=user.id,
        now=now,
    )


def find_people(query: str, *, limit: int = 30) -> Select[User]:
    """Accounts whose email or name contains the words, for staff looking someone up."""
    pattern = f"%{query.strip().lower()}%"
    return (
        select(User)
        .where(or_(User.email.like(pattern), User.name.ilike(pattern)))
        .order_by(User.email)
        .limit(limit)
    )


def find_organisations(query: str, *, limit: int = 30) -> Select[Organisation]:
    """Organisations with this organisation number, or whose name contains the words."""
    query = query.strip()
    return (
        select(Organisation)
        .where(
            (Organisation.org_number == orgnr.normalise(query))
            | Organisation.name.ilike(f"%{query}%")
        )
        .order_by(Organisation.name)
        .limit(limit)
    )


def staff_members() -> Select[User]:
    return select(User).where(User.role.in_(STAFF)).order_by(User.role, User.email)
