"""Reading the audit log: filters narrow it, pages walk it newest first."""

from datetime import UTC, datetime, timedelta

import pytest

from jobbes.models import Role
from jobbes.services import audit, moderation
from tests import factories

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def log(db_session):
    """Five entries by two moderators, a minute apart: who, what and about which item."""
    first = factories.staff(db_session, role=Role.MODERATOR)
    second = factories.staff(db_session, role=Role.MODERATOR)
    entries = [
        (first, "listing:approve", "listing", 1),
        (first, "listing:reject", "listing", 2),
        (second, "listing:approve", "listing", 2),
        (second, "organisation:verify", "organisation", 1),
        (first, "user:suspend", "user", 7),
    ]
    for minute, (actor, action, subject_type, subject_id) in enumerate(entries):
        moderation.record(
            db_session,
            actor=actor,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            now=START + timedelta(minutes=minute),
        )
    db_session.flush()
    return first, second


def shown(page):
    return [(e.action, e.subject_type, e.subject_id) for e in page.events]


def test_the_log_is_newest_first_and_unfiltered_by_default(db_session, log):
    page = audit.events(db_session, audit.AuditFilter())
    assert [e.action for e in page.events] == [
        "user:suspend",
        "organisation:verify",
        "listing:approve",
        "listing:reject",
        "listing:approve",
    ]
    assert (page.page, page.has_more) == (1, False)


def test_each_filter_narrows_the_log(db_session, log):
    first, second = log
    assert len(audit.events(db_session, audit.AuditFilter(actor_id=second.id)).events) == 2
    assert shown(audit.events(db_session, audit.AuditFilter(action="listing:approve"))) == [
        ("listing:approve", "listing", 2),
        ("listing:approve", "listing", 1),
    ]
    item = audit.AuditFilter(subject_type="listing", subject_id=2)
    assert shown(audit.events(db_session, item)) == [
        ("listing:approve", "listing", 2),
        ("listing:reject", "listing", 2),
    ]
    both = audit.AuditFilter(actor_id=first.id, subject_type="listing")
    assert shown(audit.events(db_session, both)) == [
        ("listing:reject", "listing", 2),
        ("listing:approve", "listing", 1),
    ]


def test_pages_walk_the_log_and_say_when_there_is_more(db_session, log):
    pages = [audit.events(db_session, audit.AuditFilter(), page=n, page_size=2) for n in (1, 2, 3)]
    assert [len(p.events) for p in pages] == [2, 2, 1]
    assert [p.has_more for p in pages] == [True, True, False]
    walked = [e.id for p in pages for e in p.events]
    assert len(set(walked)) == 5


def test_a_page_before_the_first_is_the_first(db_session, log):
    page = audit.events(db_session, audit.AuditFilter(), page=0, page_size=2)
    assert page.page == 1
    assert shown(page) == shown(audit.events(db_session, audit.AuditFilter(), page_size=2))
