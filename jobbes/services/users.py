"""What staff do to people's accounts: suspend and reinstate, appoint and remove moderators.

Each change is a compare-and-set on the state staff saw (suspended or not, the role), so of two
people acting on one account at once one wins and the other gets `StaleState`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from jobbes import orgnr
from jobbes.models import Organisation, Role, User
from jobbes.models.accounts import new_session_token
from jobbes.permissions import STAFF_ROLES, Permission, can
from jobbes.services import accounts, moderation, own_data
from jobbes.services.errors import DomainError
from jobbes.services.state_machine import NOT_NULL, StaleState, compare_and_set

SUBJECT = "user"
STAFF = tuple(STAFF_ROLES)


class NotAllowed(DomainError):
    """Staff may not do this to this account (see `permissions`: themselves, or staff unless
    they are an admin)."""


def _allowed(actor: User, permission: Permission, person: User) -> None:
    if not can(actor, permission, person):
        raise NotAllowed(f"{actor!r} may not use {permission} on {person!r}")


def suspend(session: Session, user: User, *, moderator: User, reason: str, now: datetime) -> None:
    """Lock the account at once: its sessions end and it cannot log in until reinstated.

    While suspended, the person is invisible to others (`services.visibility`)."""
    reason = reason.strip()
    if not reason:
        raise moderation.DecisionIncomplete("suspending someone needs a reason")
    _allowed(moderator, Permission.USER_SUSPEND, user)
    if accounts.is_last_admin(session, user):
        raise accounts.LastAdmin("the last admin cannot be suspended")
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
    _allowed(moderator, Permission.USER_SUSPEND, user)
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
    _allowed(admin, Permission.MODERATOR_APPOINT, user)
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


def revoke_moderator(session: Session, user: User, *, admin: User, now: datetime) -> bool:
    """Take the moderator role away: the person gets back the role they had before.

    An account that was only ever staff has no other role to go back to. Suspending it and
    leaving the role on it (as before) kept a moderator who was one reinstatement away from
    deciding again; it is deleted instead, as if its owner had deleted it, and the audit log
    keeps every entry it wrote.
    Returns True if the account was deleted.
    """
    _allowed(admin, Permission.MODERATOR_APPOINT, user)
    if user.role is not Role.MODERATOR:
        raise StaleState(user.role)
    only_staff = user.former_role is None
    values: dict[str, object] = {"session_token": new_session_token()}
    if not only_staff:
        values.update(role=user.former_role, former_role=None)
    compare_and_set(user, expected={"role": Role.MODERATOR}, values=values)
    moderation.record(
        session,
        actor=admin,
        action="user:revoke_moderator",
        subject_type=SUBJECT,
        subject_id=user.id,
        now=now,
    )
    if only_staff:
        own_data.delete_account(session, user, now=now)
    return only_staff


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


def names_of(session: Session, ids: set[int]) -> dict[int, str]:
    """The names of the accounts that still exist among these ids; the rest were deleted."""
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.name).where(User.id.in_(ids)))
    return {row[0]: row[1] for row in rows}


def staff_members() -> Select[User]:
    return select(User).where(User.role.in_(STAFF)).order_by(User.role, User.email)
