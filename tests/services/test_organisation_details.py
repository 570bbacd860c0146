"""Changes to what the public sees of an organisation, and their review."""

from __future__ import annotations

import pytest

from jobbes.models import ReviewStatus, Role
from jobbes.models.base import utcnow
from jobbes.services import organisations, queues
from jobbes.services.moderation import Decision
from tests import factories


@pytest.fixture
def moderator(db_session):
    return factories.staff(db_session, role=Role.MODERATOR)


def change(db_session, employer, **values):
    details = {
        "name": employer.organisation.name,
        "sector": None,
        "address": None,
        "area": None,
        "description": None,
        "website": None,
        **values,
    }
    return organisations.update_details(
        db_session, employer.organisation, author=employer, now=utcnow(), **details
    )


def organisation_queue_count(db_session):
    summary = queues.summaries(db_session, now=utcnow())
    return next(s.waiting for s in summary if s.name == "organisations")


def test_before_verification_the_details_change_at_once(db_session):
    employer = factories.employer(db_session)
    assert change(db_session, employer, name="Nytt navn") is None
    assert employer.organisation.name == "Nytt navn"


def test_a_newer_change_replaces_the_waiting_one_in_the_queue(db_session, moderator):
    employer = factories.employer(db_session, organisation_name="Kafé")
    organisations.verify(db_session, employer.organisation, moderator=moderator, now=utcnow())
    first = change(db_session, employer, description="Første")
    assert organisation_queue_count(db_session) == 1
    second = change(db_session, employer, description="Andre")
    assert first.review_status is ReviewStatus.WITHDRAWN
    assert organisations.waiting_details(employer.organisation) is second
    assert organisation_queue_count(db_session) == 1
    assert [c.field for c in organisations.details_changes(second)] == ["description"]
    # Back to exactly what the public sees: nothing waits any more.
    assert change(db_session, employer) is None
    assert organisation_queue_count(db_session) == 0
    with pytest.raises(organisations.DetailsUnchanged):
        change(db_session, employer)


def test_changes_asked_for_leave_the_public_details_alone(db_session, moderator):
    employer = factories.employer(db_session, organisation_name="Kafé")
    organisations.verify(db_session, employer.organisation, moderator=moderator, now=utcnow())
    details = change(db_session, employer, name="NAV Kristiansand (offisiell)")
    organisations.decide_details(
        db_session,
        details,
        moderator=moderator,
        decision=Decision.REQUEST_CHANGES,
        comment="Dere er ikke NAV.",
        now=utcnow(),
    )
    assert employer.organisation.name == "Kafé"
    assert organisations.last_decided_details(employer.organisation) is details
