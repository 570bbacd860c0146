"""Reading the audit log: staff actions, newest first, filtered and a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobbes.models import AuditEvent

PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """What a moderator narrowed the log to; None means any."""

    actor_id: int | None = None
    action: str | None = None
    subject_type: str | None = None
    subject_id: int | None = None


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    page: int
    has_more: bool


def events(
    session: Session, wanted: AuditFilter, *, page: int = 1, page_size: int = PAGE_SIZE
) -> AuditPage:
    """One page of the log, newest first; a page before the first is the first."""
    page = max(page, 1)
    query = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if wanted.actor_id is not None:
        query = query.where(AuditEvent.actor_id == wanted.actor_id)
    if wanted.action:
        query = query.where(AuditEvent.action == wanted.action)
    if wanted.subject_type:
        query = query.where(AuditEvent.subject_type == wanted.subject_type)
    if wanted.subject_id is not None:
        query = query.where(AuditEvent.subject_id == wanted.subject_id)
    # One more than a page tells whether there is a next page without counting the log.
    found = list(session.scalars(query.limit(page_size + 1).offset((page - 1) * page_size)))
    return AuditPage(events=found[:page_size], page=page, has_more=len(found) > page_size)
